"""The crawl's HTTP(S) download handler: aiohttp first, Scrapy's Twisted client for what aiohttp cannot read.

Fetching through Scrapy's default handler (Twisted's HTTP/1.1 client, HTTP parsed in Python) was a third of the
crawl's own CPU per page on the benchmark mirror; aiohttp parses HTTP in C (llhttp), and the crawl's process
spends about a fifth less CPU per page with it (bench/, README "Performance"). Scrapy ships aiohttp's handler
(scrapy.core.downloader.handlers._aiohttp, Scrapy >= 2.19) marked experimental; the project's tests (fault
injection, redirects, retries, WARC recording) run on it.

aiohttp is stricter than Twisted about what a server sends, and old servers send odd things: a header line
without a colon, a lower-case status line, GBK bytes in a header value (all read by Twisted), old TLS.
Such a response is fetched again with Twisted's handler, and so is every later request to that host (one extra
request per host, not per page); xjmsw/download/twisted_fallback counts the hosts switched, each logged once.
Timeouts, refused connections and other network failures are not a reason to switch: they go to the retry
middleware as they are.
"""

from __future__ import annotations

import logging

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadFailedError, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

try:
    import aiohttp
    from scrapy.core.downloader.handlers._aiohttp import AiohttpDownloadHandler
except ImportError:  # Scrapy before 2.19, or aiohttp missing: Twisted only
    AiohttpDownloadHandler = None


def _unreadable_by_aiohttp(exc: BaseException) -> bool:
    """Whether the failure is aiohttp's own (a response or TLS handshake it does not accept), not the network's."""
    cause = exc.__cause__ if isinstance(exc, (DownloadFailedError, DownloadConnectionRefusedError)) else exc
    return isinstance(cause, (aiohttp.ClientResponseError, aiohttp.ClientSSLError, UnicodeError))


if AiohttpDownloadHandler is not None:
    class _AiohttpHandler(AiohttpDownloadHandler):
        experimental = False  # Scrapy's start-up warning: this project runs it behind the Twisted fallback


class FastHttpDownloadHandler:
    """DOWNLOAD_HANDLERS for http and https (settings.py)."""

    lazy = False

    def __init__(self, crawler):
        self.crawler = crawler
        self.twisted = HTTP11DownloadHandler(crawler)
        self.aiohttp = None
        if AiohttpDownloadHandler is not None:
            try:
                self.aiohttp = _AiohttpHandler(crawler)
            except NotConfigured as exc:  # e.g. a TWISTED_REACTOR without asyncio
                logger.info("Downloading with Twisted only: %s", exc)
        self.twisted_hosts: set[str] = set()  # hosts whose responses aiohttp could not read

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def download_request(self, request):
        host = urlparse_cached(request).netloc
        if self.aiohttp is None or host in self.twisted_hosts:
            return await self.twisted.download_request(request)
        try:
            return await self.aiohttp.download_request(request)
        except Exception as exc:
            if not _unreadable_by_aiohttp(exc):
                raise
            if host not in self.twisted_hosts:  # (requests already in flight to it may fail the same way)
                self.twisted_hosts.add(host)
                self.crawler.stats.inc_value("xjmsw/download/twisted_fallback")
                reason = (str(exc).splitlines() or [""])[0][:200]
                logger.warning("aiohttp cannot read %s (%s: %s); fetching it, and the rest of %s, with Twisted",
                               request.url, type(exc.__cause__ or exc).__name__, reason, host)
            return await self.twisted.download_request(request)

    async def close(self) -> None:
        if self.aiohttp is not None:
            await self.aiohttp.close()
        await self.twisted.close()
