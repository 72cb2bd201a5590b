"""Downloader middlewares: keep the crawl on the site, give every response its true encoding, follow meta
refreshes at less cost."""

from __future__ import annotations

import hashlib
import json
import logging

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, TextResponse

from xjmsw_crawler.parsers.decode import decode_html_declared
from xjmsw_crawler.parsers.normalize import mirror_url

logger = logging.getLogger(__name__)


#: What a body's first bytes are when it is compressed as its Content-Encoding says.
_GZIP_MAGIC = b"\x1f\x8b"


class _CountingMiddleware:
    """A downloader middleware that counts what it does in the crawl's stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)


class ContentEncodingMiddleware(_CountingMiddleware):
    """Compression a response's headers get wrong, before and after Scrapy's HttpCompressionMiddleware (590): a
    misconfigured server sends plain HTML under `Content-Encoding: gzip` (read as it is: Scrapy would fail it,
    BadGzipFile, and the page be lost; counted as xjmsw/content_encoding/not_compressed), or gzips a page twice
    (still gzip after one decompression: no browser shows it either; logged and counted as
    xjmsw/content_encoding/compressed_twice, so it is not lost silently)."""

    def process_response(self, request, response, spider=None):
        encoding = (response.headers.get(b"Content-Encoding") or b"").lower()
        body = response.body
        if b"gzip" in encoding and body and body[:2] != _GZIP_MAGIC and body.lstrip()[:1] in (b"<", b"\xef"):
            headers = response.headers.copy()
            del headers[b"Content-Encoding"]
            self.stats.inc_value("xjmsw/content_encoding/not_compressed")
            logger.warning("%s says Content-Encoding: %s but is not compressed: read as it is", response.url,
                           encoding.decode("latin-1"))
            return response.replace(headers=headers)
        return response


class CompressedTwiceMiddleware(_CountingMiddleware):
    """ContentEncodingMiddleware's check after decompression (see there)."""

    def process_response(self, request, response, spider=None):
        if response.body[:2] == _GZIP_MAGIC and b"gzip" not in (response.headers.get(b"Content-Type") or b""):
            self.stats.inc_value("xjmsw/content_encoding/compressed_twice")
            logger.warning("%s is still gzip-compressed after decompression (compressed twice): no page to read",
                           response.url)
            request.meta["dont_retry"] = True  # (it reads as a cut-off page: asking again gives the same bytes)
        return response


class SameSiteMiddleware:
    """Refuses requests that leave the site (host and port, unlike Scrapy's OffsiteMiddleware which ignores
    ports), redirects included, since those come back through process_request; on a mirror, a request for the
    portal's own host (a meta refresh to http://www.xjmsw.cn/bbs/) goes to the mirror's copy of that page."""

    def __init__(self, stats, crawler=None):
        self.stats = stats
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler)

    def process_request(self, request, spider=None):
        # Scrapy 2.13+ passes no spider to a middleware that does not require one (which quiets its warning).
        spider = spider or getattr(self.crawler, "spider", None)
        site = getattr(spider, "site", None)
        if site is None or request.url.startswith("data:") or site.contains(request.url):
            return None
        if (local := mirror_url(request.url, site.aliases)) is not None:  # (a mirror's redirect to the portal's host)
            self.stats.inc_value("xjmsw/portal_urls_localised")
            logger.info("Following %s as the mirror's %s", request.url, local)
            return request.replace(url=local)
        self.stats.inc_value("xjmsw/offsite_filtered")
        logger.info("Not following off-site %s (from %s)", request.url, request.meta.get("redirect_urls", ["a link"])[0])
        raise IgnoreRequest(f"off-site: {request.url}")


class EncodingFixMiddleware(_CountingMiddleware):
    """Scrapy believes the Content-Type header over the page, so GBK bytes served as utf-8 or iso-8859-1 turn
    into U+FFFD or mojibake. This re-decides the encoding from the bytes (parsers.decode) once, here, so every
    later stage reads the right text."""

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or not response.body:
            return response
        text, codec, declared = decode_html_declared(response.body, response.headers)
        # Handed to the spider (popped there), so the page is decoded once, not again by parse_page.
        if 200 <= response.status < 300:  # error pages are retried or dropped, never parsed
            request.meta["xjmsw_decoded"] = (text, codec)
        if declared and declared != codec:
            self.stats.inc_value("xjmsw/encoding_fixed")
            logger.debug("Encoding of %s fixed: %s -> %s", response.url, declared, codec)
        # TextResponse's own fields (what `encoding=` of its constructor sets, and its cache of response.text):
        # later readers get this codec and text, Scrapy never guesses the encoding (charset_normalizer, on pages
        # that declare none) and MetaRefreshMiddleware's response.text does not decode the page again.
        # (response.replace(encoding=...) would first ask the old response for its encoding: that guess.)
        response._encoding = codec
        response._cached_ubody = text
        return response


class QuickMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta-refresh redirects, without Scrapy's work (base URL, tag and comment stripping, regexes over
    the text) on pages that cannot hold one: Scrapy reads the first 4,096 characters only, and there the word
    "refresh" would be the same ASCII bytes within the first 16 KB of any encoding but UTF-16/32."""

    def process_response(self, request, response, spider=None):
        head = response.body[:16384]
        if isinstance(response, HtmlResponse) and b"\x00" not in head[:64] and b"refresh" not in head.lower():
            return response
        return super().process_response(request, response)


class UncachedRequestFingerprinter:
    """Scrapy's default request fingerprint (REQUEST_FINGERPRINTER_CLASS), the same bytes, without its cache.

    Scrapy keeps every fingerprint it computes in a WeakKeyDictionary beside the request, about 330 bytes for
    each request waiting in the scheduler; only the dupefilter asks for a fingerprint here, once per request,
    so the cache never hits and, on a large harvest whose listings queue tens of thousands of articles, costs
    ~15 MB at 100,000 articles (bench/, README "Performance")."""

    @classmethod
    def from_crawler(cls, crawler):
        return cls()

    def fingerprint(self, request) -> bytes:
        from w3lib.url import canonicalize_url

        verbatim = bool(request.meta.get("verbatim_url"))
        data = {
            "method": request.method,
            "url": request.url if verbatim else canonicalize_url(request.url, keep_fragments=False),
            "body": (request.body or b"").hex(),
            "headers": {},
        }
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).digest()  # noqa: S324 - Scrapy's choice
