"""The Scrapy components `xjmsw harvest` adds to the project's settings (runner.harvest_settings).

HarvestExtension  opens the HarvestSession (state.sqlite) and hands it to the spider (spider.archive), tries
                  failed URLs once more when the crawl is otherwise done, notes what happened
ArchivePipeline   appends new and changed articles to articles.jsonl (flushed, fsync'd), then the state row
HarvestMiddleware downloader middleware: a redirect to an article already archived is not followed
HarvestStart      spider middleware: the start page plus the frontier a killed run left; or, with
                  --retry-failures, the open failures instead
"""

from __future__ import annotations

import logging
import os

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, DropItem, NotConfigured

from xjmsw_crawler.parsers.normalize import url_key
from xjmsw_crawler.parsers.record import dumps_record

from .session import HarvestSession, KnownTarget
from .state import Known

logger = logging.getLogger(__name__)


def session_of(crawler) -> HarvestSession:
    """The crawler's HarvestSession, opened on first use (extensions, pipelines and middlewares all ask)."""
    session = getattr(crawler, "xjmsw_harvest", None)
    if session is None:
        if not crawler.settings.get("XJMSW_DATA_DIR"):
            raise NotConfigured("XJMSW_DATA_DIR is not set: not a harvest")
        session = crawler.xjmsw_harvest = HarvestSession(crawler.settings, crawler.stats)
    return session


class Unchanged(DropItem):
    """An article fetched again whose body is the archived one: no new record."""


class HarvestExtension:
    def __init__(self, crawler):
        self.crawler = crawler
        self.session = session_of(crawler)
        self.round_pending = False
        self.round_delay = crawler.settings.getfloat("XJMSW_RETRY_ROUND_DELAY", 5.0)
        connect = crawler.signals.connect
        connect(self.spider_opened, signal=signals.spider_opened)
        connect(self.spider_idle, signal=signals.spider_idle)
        connect(self.spider_closed, signal=signals.spider_closed)
        connect(self.response_received, signal=signals.response_received)
        connect(self.item_dropped, signal=signals.item_dropped)
        connect(self.spider_error, signal=signals.spider_error)
        connect(self.request_scheduled, signal=signals.request_scheduled)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        spider.archive = self.session
        known = sum(k.version > 0 for k in self.session.known.values())
        logger.info("Harvest %s into %s: %d articles archived so far%s", self.session.run_id, self.session.data_dir,
                    known, " (--full: fetching every article again)" if self.session.full else "")

    def request_scheduled(self, request, spider):
        self.session.note_request(request)

    def response_received(self, response, request, spider):
        self.session.on_response(request, response)

    def spider_error(self, failure, response, spider):
        """A callback raised (a parser bug on this page): the page failed for good, the crawl goes on."""
        self.session.fail({"url": response.url, "reason": f"parser error: {type(failure.value).__name__}: "
                           f"{failure.value}"[:300], "exception": type(failure.value).__name__, "status": None})

    def item_dropped(self, item, response, exception, spider):
        if isinstance(exception, Unchanged):
            return
        self.session.counts["dropped"] += 1
        url = ItemAdapter(item).get("url")
        if url and str(exception).startswith("invalid record"):
            # The page gives no valid record with these parsers: not fetched again unless --full.
            self.session.state.record_seen(url, "invalid", self.session.run_id)
            self.session.known.setdefault(url_key(url), Known(0, None, None, "invalid"))

    def spider_idle(self, spider):
        session = self.session
        if self.round_pending:
            raise DontCloseSpider
        if not session.deferred:
            return
        deferred, session.deferred = session.deferred, []
        if session.ok_responses == 0:
            # Nothing at all came back: the site is down, another round would only wait for it again.
            for _, info in deferred:
                session.fail(info)
            return
        session.round += 1
        requests = [session.again(request, info) for request, info in deferred]
        logger.info("Trying %d failed URL(s) once more in %.0f s (round %d)", len(requests), self.round_delay, session.round)
        self.round_pending = True

        def schedule():
            self.round_pending = False
            for request in requests:
                self.crawler.engine.crawl(request)

        from twisted.internet import reactor

        reactor.callLater(self.round_delay, schedule)
        raise DontCloseSpider

    def spider_closed(self, spider, reason):
        session = self.session
        # A run stopped early keeps its deferred failures as failures (the next run tries them anyway).
        for _, info in session.deferred:
            session.fail(info)
        session.deferred = []
        session.finish(reason)
        session.finish_reason = reason


class ArchivePipeline:
    """The last pipeline of a harvest: each new article (version 1) or changed one (version n+1, same id) is
    one line appended to articles.jsonl, flushed and fsync'd before its state row is committed; an article
    whose body hash is the archived one gives no record (Unchanged, logged at DEBUG)."""

    def __init__(self, crawler):
        self.session = session_of(crawler)
        self.file = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self, spider=None):
        self.session.jsonl_path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.session.jsonl_path.open("ab")

    def close_spider(self, spider=None):
        if self.file:
            self.file.close()
            self.file = None

    def process_item(self, item, spider=None):
        session = self.session
        adapter = ItemAdapter(item)
        key = url_key(adapter["url"])
        known = session.known.get(key)
        if known and known.version and known.sha256 == adapter["sha256"]:
            session.counts["unchanged"] += 1
            session.state.record_seen(adapter["url"], "unchanged", session.run_id, article_id=adapter.get("id"))
            raise Unchanged(f"unchanged: {adapter['url']}", log_level="DEBUG")
        version = (known.version if known else 0) + 1
        adapter["version"] = version
        # The links found on the article's pages go into the frontier before the record: once the record is in
        # articles.jsonl, a crash before its state row still leaves an archived article (the next run
        # replays the line), so what it links to must already be known to the next run.
        session.state.commit_frontier()
        self.file.write((dumps_record(adapter.asdict()) + "\n").encode("utf-8"))
        self.file.flush()
        os.fsync(self.file.fileno())
        status = "archived" if version == 1 else "updated"
        session.state.record_archived(adapter.asdict(), self.file.tell(), session.run_id, status)
        session.known[key] = Known(version, adapter["sha256"], adapter.get("published"), status)
        session.counts["new" if version == 1 else "updated"] += 1
        if version > 1:
            logger.info("Article changed since version %d: %s (version %d archived)", version - 1, adapter["url"], version)
        return item


class HarvestMiddleware:
    """Downloader middleware (before the robots.txt check): a redirect that lands on an article already
    archived is not followed (the alias is remembered, so the next run does not even ask for it)."""

    def __init__(self, crawler):
        self.session = session_of(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request, spider=None):
        chain = request.meta.get("redirect_urls")
        if chain and self.session.skip(request.url):
            for alias in chain:
                self.session.add_alias(alias, request.url)
            raise KnownTarget(f"already archived: {request.url}")
        return None


class HarvestStart:
    """Spider middleware: where a harvest starts. The spider's start (the home page), then what earlier runs
    found but did not fetch (the frontier of a killed or stopped run); with --retry-failures
    (XJMSW_RETRY_FAILURES) only the open failures of state.sqlite."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.session = session_of(crawler)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_start(self, start):
        spider = self.crawler.spider
        if self.session.retry_failures:
            requests = self.session.retry_requests(spider)
            logger.info("--retry-failures: fetching the %d URL(s) that failed for good before", len(requests))
            for request in requests:
                yield request
            return
        async for item_or_request in start:
            yield item_or_request
        for request in self.session.frontier_requests(spider):
            yield request
