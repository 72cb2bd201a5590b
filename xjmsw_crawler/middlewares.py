"""Downloader middlewares: keep the crawl on the site, and give every response its true encoding."""

from __future__ import annotations

import logging

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse

from xjmsw_crawler.parsers.decode import sniff_encoding

logger = logging.getLogger(__name__)


class SameSiteMiddleware:
    """Refuses requests that leave the site (host and port, unlike Scrapy's OffsiteMiddleware which ignores
    ports), redirects included, since those come back through process_request."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request, spider):
        site = getattr(spider, "site", None)
        if site is None or request.url.startswith("data:") or site.contains(request.url):
            return None
        self.stats.inc_value("xjmsw/offsite_filtered")
        logger.info("Not following off-site %s (from %s)", request.url, request.meta.get("redirect_urls", ["a link"])[0])
        raise IgnoreRequest(f"off-site: {request.url}")


class EncodingFixMiddleware:
    """Scrapy believes the Content-Type header over the page, so GBK bytes served as utf-8 or iso-8859-1 turn
    into U+FFFD or mojibake. This re-decides the encoding from the bytes (parsers.decode) once, here, so every
    later stage reads the right text."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider):
        if not isinstance(response, TextResponse) or not response.body:
            return response
        codec = sniff_encoding(response.body, response.headers)
        if codec == response.encoding:
            return response
        self.stats.inc_value("xjmsw/encoding_fixed")
        logger.debug("Encoding of %s fixed: %s -> %s", response.url, response.encoding, codec)
        return response.replace(encoding=codec)
