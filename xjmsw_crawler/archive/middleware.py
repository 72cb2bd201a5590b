"""WarcRecorderMiddleware: every fetch of a crawl, request and response, into WARC files (XJMSW_WARC_DIR).

Order 950 in DOWNLOADER_MIDDLEWARES, above every built-in middleware: its process_request runs last, so the
request headers it records are the ones sent (user agent, Accept-Encoding, cookies…), and its
process_response runs first, so it records the response as the download handler returned it: status line,
headers and the raw body, before HttpCompressionMiddleware (590) decompresses it, before redirects are
followed (every hop is its own record) and before the encoding is fixed.

Settings: XJMSW_WARC_DIR (empty: off), XJMSW_RUN_ID (names the files; empty: the UTC start time),
XJMSW_WARC_MAX_SIZE (rotation size, bytes), XJMSW_WARC_DEDUPE (revisit records for identical payloads).
"""

from __future__ import annotations

import http
import importlib.metadata
import logging
import platform
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

import xjmsw_crawler
from xjmsw_crawler.archive import FLAG_NOT_FETCHED, FLAG_REPLAYED, META_EXCHANGES, META_FETCHED_AT
from xjmsw_crawler.archive.recorder import DEFAULT_MAX_SIZE, Exchange, WarcRecorder, new_run_id, warc_date

logger = logging.getLogger(__name__)

#: Response flags of responses that did not come over the network now.
_NOT_RECORDED = {"cached", FLAG_NOT_FETCHED, FLAG_REPLAYED}
_TRUNCATED = {"partial": "disconnect", "dataloss": "disconnect", "download_stopped": "unspecified"}


def fetch_time(request, now: datetime | None = None) -> datetime:
    """When the fetch began: now less the download latency Scrapy measured (the request may have waited in
    the downloader's queue long after the middlewares saw it, so its process_request time would be wrong)."""
    now = now or datetime.now(UTC)
    latency = request.meta.get("download_latency")
    if isinstance(latency, int | float) and 0 <= latency < 3600:
        now -= timedelta(seconds=latency)
    return now


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def _text(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def request_headers(request) -> list[tuple[str, str]]:
    """The request's headers as the HTTP client sends them (Host first, as HTTP/1.1 clients do)."""
    headers = [(_text(name), _text(value)) for name in request.headers for value in request.headers.getlist(name)]
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", urlsplit(request.url).netloc))
    if request.body and not any(name.lower() == "content-length" for name, _ in headers):
        headers.append(("Content-Length", str(len(request.body))))
    return headers


def response_headers(response) -> list[tuple[str, str]]:
    """The response's headers; a Transfer-Encoding the HTTP client already undid is kept under the name replay
    tools know (X-Archive-Orig-Transfer-Encoding), since the recorded body is the de-chunked entity."""
    headers = []
    for name in response.headers:
        for value in response.headers.getlist(name):
            name_text = _text(name)
            if name_text.lower() == "transfer-encoding":
                name_text = "X-Archive-Orig-Transfer-Encoding"
            headers.append((name_text, _text(value)))
    return headers


def exchange_of(request, response, date: datetime) -> Exchange:
    try:
        reason = http.HTTPStatus(response.status).phrase
    except ValueError:
        reason = ""
    truncated = next((_TRUNCATED[f] for f in response.flags if f in _TRUNCATED), None)
    return Exchange(
        url=request.url,
        date=date,
        method=request.method,
        request_headers=request_headers(request),
        request_body=request.body or b"",
        protocol=getattr(response, "protocol", None) or "HTTP/1.1",
        status=response.status,
        reason=reason,
        response_headers=response_headers(response),
        body=response.body,
        ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None,
        truncated=truncated,
    )


class WarcRecorderMiddleware:
    def __init__(self, crawler, directory: str, run_id: str, max_size: int, dedupe: bool):
        self.crawler = crawler
        self.directory = directory
        self.run_id = run_id
        self.max_size = max_size
        self.dedupe = dedupe
        self.recorder: WarcRecorder | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        directory = settings.get("XJMSW_WARC_DIR") or ""
        if not directory:
            raise NotConfigured  # XJMSW_WARC_DIR empty: no recording (no message: nothing to warn about)
        run_id = settings.get("XJMSW_RUN_ID") or new_run_id()
        return cls(crawler, directory, run_id, settings.getint("XJMSW_WARC_MAX_SIZE", DEFAULT_MAX_SIZE),
                   settings.getbool("XJMSW_WARC_DEDUPE", True))

    def warcinfo(self) -> dict:
        spider = self.crawler.spider
        settings = self.crawler.settings
        site = getattr(spider, "site", None)
        info = {
            "software": f"xjmsw-crawler/{xjmsw_crawler.__version__} (Scrapy {scrapy.__version__},"
                        f" warcio {_version('warcio')}, Python {platform.python_version()})",
            "description": "Archival harvest of 新疆民生网 (www.xjmsw.cn)",
            "base_url": site.base_url if site else settings.get("XJMSW_BASE_URL"),
            "spider": getattr(spider, "name", None),
            "categories": ",".join(sorted(getattr(spider, "categories", None) or ())),
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "hostname": platform.node(),
        }
        extra = getattr(spider, "warcinfo", None)
        if callable(extra):  # e.g. the Wayback spider: source, wayback_url, from, to
            info.update(extra())
        return info

    def _recorder(self) -> WarcRecorder:
        if self.recorder is None:
            self.recorder = WarcRecorder(self.directory, self.run_id, max_size=self.max_size,
                                         warcinfo=self.warcinfo(), dedupe=self.dedupe)
        return self.recorder

    def process_response(self, request, response, spider=None):
        if request.url.startswith("data:"):
            return response
        exchanges = request.meta.pop(META_EXCHANGES, None)
        if exchanges is None:
            if _NOT_RECORDED & set(response.flags):
                return response
            exchanges = [(request, response, fetch_time(request))]
        stats = self.crawler.stats
        for sent, received, date in exchanges:
            try:
                kind = self._recorder().write_exchange(exchange_of(sent, received, date))
            except OSError as exc:  # a full disk must stop the harvest, not silently lose the archive
                logger.critical("Cannot write the WARC record of %s (%s): stopping the crawl", sent.url, exc)
                stats.set_value("xjmsw/warc/write_failed", str(exc))
                stop = getattr(self.crawler, "stop_async", None)
                if stop is not None:
                    from scrapy.utils.defer import deferred_from_coro

                    deferred_from_coro(stop())
                else:  # Scrapy < 2.14
                    self.crawler.stop()
                raise
            stats.inc_value(f"xjmsw/warc/{kind}")
            request.meta[META_FETCHED_AT] = warc_date(date)
        return response

    def spider_closed(self, spider, reason):
        if self.recorder is not None:
            files = [p.name for p in self.recorder.files]
            self.recorder.close()
            self.crawler.stats.set_value("xjmsw/warc/files", len(files))
            logger.info("WARC files written to %s: %s", self.directory, ", ".join(files))
