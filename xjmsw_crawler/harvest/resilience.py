"""Downloader middlewares that every crawl uses (settings.py): patient retries and redirect loops that end.

* BackoffRetryMiddleware replaces Scrapy's RetryMiddleware: the same RETRY_TIMES / RETRY_HTTP_CODES /
  RETRY_EXCEPTIONS, but a retry waits first: as long as the server's Retry-After says (429, 503; capped by
  XJMSW_RETRY_AFTER_MAX), else an exponential backoff with jitter (XJMSW_RETRY_BACKOFF * 2^(n-1), at most
  XJMSW_RETRY_BACKOFF_MAX seconds). A Retry-After also holds back every other request to that host until it
  has passed: the server asked the crawler, not one URL, to slow down. An HTML page that does not end in
  </html> was most likely cut short (a server that closes the connection early without a Content-Length to
  betray it) and is asked for once more (XJMSW_RETRY_TRUNCATED); the second answer is taken as it is.
* RedirectLoopMiddleware replaces Scrapy's RedirectMiddleware: a redirect back to a URL already in the
  request's redirect chain is a loop; Scrapy would hand it to the dupefilter, which drops it without a word
  (no errback, the page is silently lost). Here it goes on until REDIRECT_MAX_TIMES, then fails like any other
  fetch (errback, failures.jsonl under `xjmsw harvest`).
"""

from __future__ import annotations

import logging
import random
import time
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import HtmlResponse, Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)

#: request.meta key: do not send this request before this time.time().
NOT_BEFORE = "xjmsw_not_before"


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def _host(request: Request) -> str:
    return request.meta.get("download_slot") or urlparse_cached(request).hostname or ""


async def _sleep(seconds: float) -> None:
    from twisted.internet import reactor

    await maybe_deferred_to_future(deferLater(reactor, seconds))


def looks_truncated(response) -> bool:
    """An HTML page without its closing </html> (every page of the portal has one)."""
    return isinstance(response, HtmlResponse) and b"</html" not in response.body[-4096:].lower()


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("XJMSW_RETRY_BACKOFF", 1.0)
        self.backoff_max = settings.getfloat("XJMSW_RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("XJMSW_RETRY_AFTER_MAX", 120.0)
        self.retry_truncated = settings.getbool("XJMSW_RETRY_TRUNCATED", True)
        self.paused_until: dict[str, float] = {}

    def backoff(self, retry_times: int) -> float:
        """Exponential backoff with jitter: base * 2^(n-1), scaled by a random 0.5..1, capped."""
        delay = min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_times - 1))
        return delay * random.uniform(0.5, 1.0)

    async def process_request(self, request, spider=None):
        wait = max(request.meta.get(NOT_BEFORE, 0.0), self.paused_until.get(_host(request), 0.0)) - time.time()
        if wait > 0:
            await _sleep(min(wait, max(self.retry_after_max, self.backoff_max)))
        return None

    def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False):
            return response
        if response.status == 200 and self.retry_truncated and looks_truncated(response) \
                and not request.meta.get("xjmsw_truncated"):
            retry = self._retry(request, "truncated")
            if retry is None:
                return response
            self.crawler.stats.inc_value("xjmsw/truncated_retried")
            retry.meta["xjmsw_truncated"] = True
            retry.meta[NOT_BEFORE] = time.time() + self.backoff(retry.meta["retry_times"])
            return retry
        if response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        after = retry_after_seconds(response.headers.get("Retry-After"))
        if after is not None:
            after = min(after, self.retry_after_max)
            host = _host(request)
            self.paused_until[host] = max(self.paused_until.get(host, 0.0), time.time() + after)
            self.crawler.stats.inc_value("xjmsw/retry_after_honoured")
            logger.info("%s answered %d with Retry-After: %s; waiting %.1f s before asking it again",
                        host, response.status, response.headers.get("Retry-After", b"").decode("latin-1"), after)
            delay = after
        else:
            delay = self.backoff(retry.meta["retry_times"])
        retry.meta[NOT_BEFORE] = time.time() + delay
        return retry

    def process_exception(self, request, exception, spider=None):
        retry = super().process_exception(request, exception)
        if isinstance(retry, Request):
            retry.meta[NOT_BEFORE] = time.time() + self.backoff(retry.meta.get("retry_times", 1))
        return retry


class RedirectLoopMiddleware(RedirectMiddleware):
    def process_response(self, request, response, spider=None):
        result = super().process_response(request, response)
        if isinstance(result, Request) and not result.dont_filter:
            chain = result.meta.get("redirect_urls", [])
            if result.url in chain:
                # Past the dupefilter, so the loop ends at REDIRECT_MAX_TIMES with an error instead of silence.
                result.dont_filter = True
                self.crawler.stats.inc_value("xjmsw/redirect_loops")
        return result
