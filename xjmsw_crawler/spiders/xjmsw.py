"""Spider `xjmsw`: decides what to fetch next; the parsers decide what a page is and what it says."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import TextResponse

from xjmsw_crawler.parse_pool import PagePool, worker_count
from xjmsw_crawler.parsers import build_record, canonical_url, merge_pages, with_framed_text
from xjmsw_crawler.parsers.normalize import article_id, clean_text, url_key
from xjmsw_crawler.site import Site, looks_like_trap

#: Request meta an article's record is built from (besides the response itself).
CARRIED_META = ("listing_date", "xjmsw_fetched_at", "xjmsw_archived_at", "xjmsw_wayback_url")

#: Listing pages (下一页 chains) and 上一篇/下一篇 chains are walked with Scrapy's `depth_reset` meta: a
#: category of 1,000 listing pages must not hit DEPTH_LIMIT, which is there for links that wander off.
#: Request priorities: listings first (they carry the dates printed beside articles), then articles,
#: then the rest of the site.
LISTING, ARTICLE, OTHER = 20, 10, 0


def merge_page_lists(known: list[str], shown: list[str]) -> list[str]:
    """known (an article's page URLs in order) with the pages another page's bar shows (in order) put in their
    places: each after the page shown before it. A bar that shows a window (1 … 5 6 7 … 12) adds 6 and 7 after 5;
    what a bar shows before any page already known (its own link to page 1) is left out."""
    out = list(known)
    keys = [canonical_url(u) for u in out]
    anchor = None  # where the last page of `shown` that is known sits in out
    for url in shown:
        key = canonical_url(url)
        if key in keys:
            anchor = keys.index(key)
        elif anchor is not None:
            anchor += 1
            out.insert(anchor, url)
            keys.insert(anchor, key)
    return out


def _id(record_id: str) -> int:
    """A record id (16 hex digits) as the int the spider keeps in its sets (a third of the memory of a str)."""
    return int(record_id, 16)


def _redirected_from(meta) -> list[str]:
    """The url_keys of the links that redirected to a request's page (a listing may link the old address)."""
    return [url_key(u) for u in meta.get("redirect_urls") or ()]


class ListingDates:
    """url_key -> the date a listing printed beside the article's link, keyed by the key's hash (36 bytes instead
    of ~110 for the string) and with the dates interned (a site has a few thousand distinct ones)."""

    __slots__ = ("_dates",)

    def __init__(self):
        self._dates: dict[int, str] = {}

    def get(self, key: str, default=None):
        return self._dates.get(hash(key), default)

    def setdefault(self, key: str, date: str) -> str:
        return self._dates.setdefault(hash(key), sys.intern(date))


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class XjmswSpider(scrapy.Spider):
    """Walks the portal from its home page: categories, listing pages, articles and their 上一篇/下一篇 chains.

    Arguments (-a): base_url (harvest a mirror), categories (comma-separated names: only those), url (one
    article only).
    """

    name = "xjmsw"

    def __init__(self, base_url: str | None = None, categories: str | None = None, url: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self._base_url_arg = base_url
        self.categories = {clean_text(c) for c in (categories or "").split(",") if clean_text(c)}
        self.article_url = url
        # What grows with the site is kept as hashes, hash(url) or hash(url_key): 36 bytes instead of ~110 a URL,
        # ~20 MB less at 100,000 articles (README "Performance"); two URLs of one crawl sharing a 64-bit hash
        # (about 1 in 10^9 at 250,000 URLs) would cost one link.
        # Articles that show no date: held back until a listing shows one beside their link, or the end.
        self.pending: dict[str, dict] = {}
        self.listing_dates = ListingDates()
        # Every article link listings showed (hash of its url_key), and pages that read like a sparse article,
        # held until a listing shows they are one (consider_candidate).
        self.entry_keys: set[int] = set()
        self.candidates: dict[str, tuple] = {}
        self.candidate_at: dict[str, str] = {}  # a held page's key by the key of a link that redirected to it
        # A copy of an article (a mobile or print page whose <link rel="canonical"> names the article's own page)
        # gives no record of its own: held by its original's id until the original has given one (the copy is
        # then dropped), or turned out to be no article (the copy is the record). Ids (as int) of the records
        # given so far, and of pages that were no article.
        self.copies: dict[int, list[dict]] = {}
        self.recorded: set[int] = set()
        self.not_articles: set[int] = set()
        # What earlier harvests archived (harvest.session.HarvestSession, set by `xjmsw harvest` when the spider
        # opens; None in a plain `scrapy crawl`): skip(url), listing_links(url, listing), on_failure(failure).
        self.archive = None
        # URLs that already reached the scheduler in this run (request_scheduled): a link to one of them is not
        # turned into a Request again, which the dupefilter would only drop. Most links on a page (navigation,
        # sidebars, listings) are such repeats; building, middleware-processing and fingerprinting them was
        # the largest non-parsing cost of a crawl (bench/, README "Performance").
        self.scheduled: set[int] = set()
        # One bound method each, shared by every Request (a fresh one per Request is 2 x 64 bytes on each of the
        # tens of thousands of requests waiting in the scheduler of a large harvest).
        self._parse_cb, self._error_cb = self.parse, self.on_error

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        base = spider._base_url_arg or spider.article_url or crawler.settings.get("XJMSW_BASE_URL")
        spider.site = Site(base, portal=crawler.settings.get("XJMSW_BASE_URL"))
        spider.rules = crawler.settings.getdict("XJMSW_SITE_RULES") or None
        spider.max_pages = crawler.settings.getint("XJMSW_MAX_ARTICLE_PAGES", 50)
        settings = crawler.settings
        polite = settings.getfloat("DOWNLOAD_DELAY") > 0 or settings.getbool("AUTOTHROTTLE_ENABLED")
        spider.page_pool = PagePool(worker_count(settings.get("XJMSW_PARSE_PROCESSES", "auto"), polite), spider.rules,
                                    crawler, settings.getbool("XJMSW_TEMPLATES", True), spider.site.aliases)
        crawler.signals.connect(spider.page_pool.close, signal=signals.spider_closed)
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.on_dropped, signal=signals.request_dropped)
        return spider

    async def start(self):
        if self.article_url:
            yield self.request(self.article_url, ARTICLE, single=True)
        else:
            yield self.request(self.site.base_url, LISTING, role="home")

    # -- requests ---------------------------------------------------------------------------------------

    def request(self, url: str, priority: int, callback=None, dont_filter: bool = False, **meta) -> scrapy.Request:
        """A request for url's canonical form (one page, one URL); the URL as linked is kept for a server (a static
        mirror) that answers only that (on_error)."""
        canonical = canonical_url(url)
        if canonical != url.partition("#")[0]:
            meta["as_linked"] = url.partition("#")[0]
        return scrapy.Request(
            canonical,
            callback=callback or self._parse_cb,
            errback=self._error_cb,
            priority=priority,
            dont_filter=dont_filter,
            meta=meta,
        )

    def follow(self, url: str, priority: int, listed: bool = False, named: bool = False, **meta):
        """Yields a request for an in-site page; nothing for off-site, binary and trap URLs (listed: a listing's
        entry; named: a breadcrumb's item or a listing's page; see site.looks_like_trap)."""
        if hash(url.partition("#")[0]) in self.scheduled:
            return  # requested before: the dupefilter would drop it (its canonical URL is the one scheduled)
        if not self.site.worth_fetching(url):
            if not self.site.contains(url):
                self.crawler.stats.inc_value("xjmsw/links_offsite")
        elif looks_like_trap(canonical_url(url), listed, named):  # (its session id dropped)
            self.crawler.stats.inc_value("xjmsw/links_trap")
        elif self.archive is None or not self.archive.skip(url):  # (archived by an earlier harvest, or a listing
            yield self.request(url, priority, **meta)  # page not worth walking again)

    # -- responses --------------------------------------------------------------------------------------

    def read(self, response):
        """The response's Page (parsers.parse_page, in a parser worker process when there are some)."""
        return self.page_pool.parse(response.url, response.body, response.headers, response.meta.pop("xjmsw_decoded", None))

    async def parse(self, response):
        if not isinstance(response, TextResponse):
            return
        page = await self.read(response)
        for output in self.decide(response, page):
            yield output

    def decide(self, response, page):
        """What to fetch next and which record to yield, from one parsed page."""
        self.crawler.stats.inc_value(f"xjmsw/pages/{page.kind}")
        if page.reader == "template":
            self.crawler.stats.inc_value("xjmsw/pages/read_by_template")
        if response.meta.get("single") and page.kind in ("article", "continuation"):
            page.kind = "article" if page.article.page_number == 1 else page.kind
        if page.candidate is not None and response.meta.get("role") != "home":
            # (never the page the crawl starts from, where a soft 404's refresh sends its readers)
            yield from self.consider_candidate(response, page)
        for again in (page.article.whole_url, page.article.bar_self_url) if page.article is not None else ():
            # the article again on one page (全文阅读), or this page under its page bar's URL (?page=1): a second
            # record of it if fetched, so it never is
            if again:
                self.scheduled.update((hash(again), hash(canonical_url(again))))
        if page.kind == "article":
            yield from self.start_article(response.url, response.meta, page.article, page.encoding, self.original(page))
        elif page.kind == "continuation":
            first = page.article.page_urls[0] if page.article.page_urls else None
            if first and first != response.url:
                yield from self.follow(first, ARTICLE)
        elif page.kind == "listing":
            yield from self.walk_listing(page)
        elif page.listing is not None and response.meta.get("role") == "listing_page":
            # a category's last page (one dated entry, no page bar) that a listing's page links led to
            self.crawler.stats.inc_value("xjmsw/pages/listing_by_link")
            yield from self.walk_listing(page)
        if page.kind != "article":
            yield from self.no_article(response.url)
        if not (self.categories or self.article_url):
            skip = {*page.article.page_urls, page.article.frame_url} if page.article else set()
            yield from self.walk_links(page, skip)
        elif response.meta.get("role") == "home":
            yield from self.walk_categories(page)

    def walk_listing(self, page):
        listing = page.listing
        if self.categories and listing.category and listing.category not in self.categories:
            return
        for entry in listing.entries:
            key = url_key(entry.url)
            self.entry_keys.add(hash(key))
            if entry.date:
                self.listing_dates.setdefault(key, entry.date)
                held = self.pending.pop(key, None)
                if held:
                    held["published"] = entry.date
                    yield held
            yield from self.follow(entry.url, ARTICLE, listed=True, listing_date=entry.date)
            yield from self.adopt_candidate(entry.url)
        # A harvest stops paging where a whole listing page is already archived.
        page_links = listing.page_links if self.archive is None else self.archive.listing_links(page.url, listing)
        for url in page_links:
            yield from self.follow(url, LISTING, named=True, depth_reset=True, role="listing_page")

    def walk_categories(self, page):
        """With -a categories: from the home page, only the links named like a wanted category."""
        for link in page.links:
            if link.text in self.categories:
                yield from self.follow(link.url, LISTING)

    def walk_links(self, page, skip=frozenset()):
        """Every other in-site link: some articles are linked only from sidebars or special pages."""
        crumbs = set(page.article.breadcrumb) if page.article else ()
        for link in page.links:
            if link.url not in skip:
                yield from self.follow(link.url, OTHER, named=link.text in crumbs)

    # -- articles ---------------------------------------------------------------------------------------

    def consider_candidate(self, response, page):
        """A page that reads like an article without 上一篇/下一篇 or an info line is one when a listing links
        to it as an entry (or it was asked for with -a url); an "about us" page never is. Held until then."""
        key = url_key(response.url)
        meta = {name: response.meta.get(name) for name in CARRIED_META}
        self.candidates[key] = (response.url, meta, page.candidate, page.encoding)
        asked = _redirected_from(response.meta)
        if response.meta.get("single") or self.listed(key, *asked):
            yield from self.adopt_candidate(response.url)
        else:
            self.candidate_at.update(dict.fromkeys(asked, key))

    def listed(self, *keys: str) -> bool:
        """Whether a listing showed any of these url_keys as an entry."""
        return any(hash(k) in self.entry_keys for k in keys)

    def adopt_candidate(self, url):
        key = url_key(url)
        held = self.candidates.pop(self.candidate_at.pop(key, key), None)
        if held:
            self.crawler.stats.inc_value("xjmsw/pages/article_by_listing")
            yield from self.start_article(*held)

    def original(self, page) -> str | None:
        """The in-site page an article page names as its canonical one, when that is another page (the page is
        then a copy of it); None for the page itself, an off-site or one-page (全文) version, or with -a url."""
        target = page.canonical
        if not target or self.article_url or not self.site.contains(target):
            return None
        key = url_key(target)
        if key == url_key(page.url) or (page.article.whole_url and key == url_key(page.article.whole_url)):
            return None
        return target

    def start_article(self, url, meta, article, encoding, original=None):
        for link in (article.prev, article.next) if not self.article_url else ():
            if link:
                yield from self.follow(link.url, ARTICLE, depth_reset=True)
        original_id = None
        if original:
            original_id = _id(article_id(original))
            if self.archive is not None:
                self.archive.add_alias(url, original)  # a later harvest skips the copy once the original is archived
            if original_id in self.recorded or (self.archive is not None and self.archive.skip(original)):
                self.crawler.stats.inc_value("xjmsw/dropped/copy")
                self.logger.debug("%s is a copy of %s, which has its record", url, original)
                return
            if original_id in self.not_articles:
                original_id = None
            else:
                yield from self.follow(original, ARTICLE, depth_reset=True)
        state = {
            "url": url,
            "encoding": encoding,
            # The WARC-Date when the page was recorded or replayed from WARC files (xjmsw_crawler.archive).
            "fetched_at": meta.get("xjmsw_fetched_at") or utc_now(),
            # Set when the page is a Wayback Machine capture (spider xjmsw_wayback).
            "archived_at": meta.get("xjmsw_archived_at"),
            "wayback_url": meta.get("xjmsw_wayback_url"),
            "listing_date": meta.get("listing_date"),
            # the article's pages in order, as far as the page bars shown so far tell, and those fetched (by
            # canonical URL: page 1 is the one fetched first)
            "page_urls": list(article.page_urls) or [url],
            "articles": {canonical_url(url): article},
            "original": original_id,
            # the ids this page answered for: the URLs that redirected to it
            "answers": [_id(article_id(u)) for u in meta.get("redirect_urls") or ()],
        }
        yield from self.next_page_or_record(state)

    def next_page_or_record(self, state):
        """Fetch the text each page frames (Article.frame_url) and pages 2..n, one after the other (each may reveal
        more page links: a bar that shows 1 2 3 4 5 … 12 on page 1 shows 6 and 7 on page 5), then yield one
        record."""
        framed = state.setdefault("framed", set())  # the pages (canonical URL) whose framed text was asked for
        for page_url, article in state["articles"].items():
            if article.frame_url and page_url not in framed:
                framed.add(page_url)
                if self.site.worth_fetching(article.frame_url):
                    yield self.request(article.frame_url, ARTICLE + 1, callback=self.parse_frame, dont_filter=True,
                                       article_state=state, depth_reset=True, page_url=page_url, frame=True)
                    return
                self.logger.warning("The frame %s of %s is off-site or no page: not fetched", article.frame_url,
                                    state["url"])
                self.crawler.stats.inc_value("xjmsw/frames_not_fetched")
        if len(state["articles"]) < self.max_pages:
            for page_url in state["page_urls"]:
                if canonical_url(page_url) not in state["articles"]:
                    yield self.request(page_url, ARTICLE + 1, callback=self.parse_article_page, dont_filter=True,
                                       article_state=state, depth_reset=True, page_url=canonical_url(page_url))
                    return
        yield from self.record(state)

    async def parse_article_page(self, response):
        page = await self.read(response)
        for output in self.continue_article(response.meta["article_state"], page, response.meta["page_url"]):
            yield output

    def parse_frame(self, response):
        """The document a page's frame shows: its text is the page's."""
        state, page_url = response.meta["article_state"], response.meta["page_url"]
        self.crawler.stats.inc_value("xjmsw/pages/framed_text")
        if isinstance(response, TextResponse):
            article = state["articles"][page_url]
            article = with_framed_text(article, response.url, response.body, response.headers, shell_url=page_url)
            state["articles"][page_url] = article
            state["page_urls"] = merge_page_lists(state["page_urls"], article.page_urls)  # (a shell's: the frame's bar)
        else:
            self.logger.warning("The frame %s of %s is no HTML; the record keeps no text of it", response.url,
                                state["url"])
            self.crawler.stats.inc_value("xjmsw/article_incomplete")
        yield from self.next_page_or_record(state)

    def continue_article(self, state, page, page_url):
        self.crawler.stats.inc_value("xjmsw/pages/continuation")
        if page.article is None:
            self.logger.warning("Page %s of %s holds no article text; record keeps the pages before it", page.url, state["url"])
            self.crawler.stats.inc_value("xjmsw/article_incomplete")
            yield from self.record(state)
            return
        state["articles"][page_url] = page.article
        state["page_urls"] = merge_page_lists(state["page_urls"], page.article.page_urls)
        yield from self.next_page_or_record(state)

    def record(self, state):
        order = {canonical_url(u): k for k, u in enumerate(state["page_urls"])}
        fetched = state["articles"]
        article = merge_pages([fetched[u] for u in sorted(fetched, key=lambda u: order.get(u, len(order)))])
        record = build_record(
            article,
            url=state["url"],
            encoding=state["encoding"],
            fetched_at=state["fetched_at"],
            listing_date=state["listing_date"] or self.listing_dates.get(url_key(state["url"])),
            pages=max(len(state["page_urls"]), len(state["articles"])),
            archived_at=state.get("archived_at"),
            wayback_url=state.get("wayback_url"),
        )
        if self.categories and record["category"] not in self.categories:
            self.crawler.stats.inc_value("xjmsw/articles_other_category")
            return
        original = state.get("original")
        if original is not None:
            if original in self.recorded:
                self.crawler.stats.inc_value("xjmsw/dropped/copy")
            else:
                self.copies.setdefault(original, []).append(record)
            return
        yield from self.emit(record, state["answers"])

    def emit(self, record, answers=()):
        """A record (held in pending while no date is known for it); the copies of it held so far are dropped."""
        for rid in (_id(record["id"]), *answers):
            self.recorded.add(rid)
            if rid in self.copies:
                self.crawler.stats.inc_value("xjmsw/dropped/copy", len(self.copies.pop(rid)))
        if record["published"] is None:
            self.pending[url_key(record["url"])] = record
            return
        yield record

    def no_article(self, url):
        """A page that is no article: the copies that named it canonical are the records after all."""
        rid = _id(article_id(url))
        self.not_articles.add(rid)
        for copy in self.copies.pop(rid, ()):
            yield from self.emit(copy)

    # -- errors and the end -----------------------------------------------------------------------------

    def on_error(self, failure):
        if self.archive is not None and self.archive.on_failure(failure):
            return  # the harvest tries it once more at the end of the run
        request = failure.request
        state = request.meta.get("article_state")
        response = getattr(failure.value, "response", None)
        if response is not None and response.status == 404 and (linked := request.meta.pop("as_linked", None)):
            # a URL without what canonical_url drops (a cache buster's timestamp=) that the server does not know:
            # the URL as the page linked it
            self.crawler.stats.inc_value("xjmsw/fetched_as_linked")
            self.logger.info("%s is not found; fetching it as linked: %s", request.url, linked)
            yield request.replace(url=linked, dont_filter=True)
            return
        reason = f"HTTP {response.status}" if response is not None else failure.type.__name__
        self.crawler.stats.inc_value(f"xjmsw/failed/{reason}")
        self.logger.warning("Failed %s: %s", request.url, reason)
        if state:
            # A page of a multi-page article, or the text a page frames, failed: keep what was fetched rather than
            # lose the article (and fetch the pages after a frame's).
            self.crawler.stats.inc_value("xjmsw/article_incomplete")
            yield from self.next_page_or_record(state) if request.meta.get("frame") else self.record(state)
        else:
            yield from self.no_article(request.url)

    def on_scheduled(self, request, spider):
        if not request.dont_filter:  # what the dupefilter records, and nothing else
            self.scheduled.add(hash(request.url))

    def on_dropped(self, request, spider):
        """A link that redirects to a page fetched (or asked for) before: the dupefilter drops the redirect. The
        date beside a listing's entry goes to the article it led to (凡科's nd.jsp?id=20&_np=112_331 ->
        nd.jsp?id=20), and a sparse page there is a listing's entry (腾讯新闻's /omn/….html -> /rain/a/…, which
        its sidebars link too)."""
        date = request.meta.get("listing_date")
        if not (date or "redirect_urls" in request.meta):
            return
        target = url_key(request.url)
        if date:
            self.listing_dates.setdefault(target, date)
        asked = _redirected_from(request.meta)
        if self.listed(*asked):
            if target in self.candidates:
                self.crawler.engine.crawl(scrapy.Request("data:,", callback=self.adopt_redirected,
                                                         cb_kwargs={"url": request.url}, dont_filter=True))
            else:
                self.entry_keys.add(hash(target))  # (for when that page is still on its way)
        elif target in self.candidates:
            self.candidate_at.update(dict.fromkeys(asked, target))  # (a listing may link them later)

    def adopt_redirected(self, response, url):
        """The sparse page a dropped redirect led to (on_dropped), adopted where a callback may yield."""
        yield from self.adopt_candidate(url)

    def on_idle(self):
        """Nothing left to fetch: release the articles that never got a date (published stays null), then the
        copies whose original gave no record."""
        if not (self.pending or self.copies):
            return
        self.crawler.engine.crawl(scrapy.Request("data:,", callback=self.flush_held, dont_filter=True))
        raise DontCloseSpider

    def flush_held(self, response):
        held, self.pending = self.pending, {}
        for key, record in held.items():
            record["published"] = self.listing_dates.get(key)
            yield record
        copies, self.copies = self.copies, {}
        for records in copies.values():
            for record in records:
                yield from self.emit(record)
