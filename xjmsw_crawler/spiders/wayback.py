"""Spider `xjmsw_wayback`: the portal recovered from the Wayback Machine (`xjmsw harvest --source wayback`).

It is the spider `xjmsw` — same parsers, same listing walk, multi-page merging, 上一篇/下一篇 and date
rules — with two differences: it first asks the CDX server for every captured page of the site and fetches
each of them besides the links it finds (an archive holds pages no surviving link leads to), and its
download handler (xjmsw_crawler.wayback.WaybackDownloadHandler) answers every site URL with the raw
capture. Records carry archived_at (capture time) and wayback_url.

Settings: XJMSW_WAYBACK_URL (CDX and replay base), XJMSW_WAYBACK_FROM / XJMSW_WAYBACK_TO (capture window,
YYYY or any timestamp prefix; also -a wayback_from= / -a wayback_to=), XJMSW_WAYBACK_CDX_LIMIT (rows per
CDX page). The site's host comes from base_url (-a base_url, default XJMSW_BASE_URL).
"""

from __future__ import annotations

from scrapy.exceptions import CloseSpider

from xjmsw_crawler.spiders.xjmsw import ARTICLE, LISTING, OTHER, XjmswSpider
from xjmsw_crawler.wayback import (
    DEFAULT_WAYBACK_URL,
    META_CDX,
    Captures,
    cdx_params,
    parse_cdx,
    rebase,
    site_host,
)

HANDLER = "xjmsw_crawler.wayback.WaybackDownloadHandler"
#: CDX pages come before everything: nothing can be fetched before the captures are known.
CDX_PRIORITY = 100


class XjmswWaybackSpider(XjmswSpider):
    name = "xjmsw_wayback"
    custom_settings = {
        "DOWNLOAD_HANDLERS": {"http": HANDLER, "https": HANDLER},
        # The server is the Wayback Machine, not the portal: the portal's robots.txt (if captured at all)
        # does not govern reading an archive's public API. `-s ROBOTSTXT_OBEY=1` applies the captured one.
        "ROBOTSTXT_OBEY": False,
    }

    def __init__(self, *args, wayback_from: str | None = None, wayback_to: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._window_args = (wayback_from, wayback_to)
        self.captures = Captures()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.wayback_base = (settings.get("XJMSW_WAYBACK_URL") or DEFAULT_WAYBACK_URL).rstrip("/")
        spider.wayback_window = (
            str(spider._window_args[0] or settings.get("XJMSW_WAYBACK_FROM") or ""),
            str(spider._window_args[1] or settings.get("XJMSW_WAYBACK_TO") or ""),
        )
        spider.cdx_limit = settings.getint("XJMSW_WAYBACK_CDX_LIMIT", 10000)
        spider.host = site_host(spider.site.base_url)
        return spider

    def warcinfo(self) -> dict:
        """Added to the warcinfo record of the WARC files (xjmsw reparse reads it back)."""
        return {"source": "wayback", "wayback_url": self.wayback_base, "wayback_from": self.wayback_window[0],
                "wayback_to": self.wayback_window[1], "wayback_host": self.host, "wayback_cdx_limit": self.cdx_limit}

    async def start(self):
        yield self.cdx_request()

    # -- the CDX index ----------------------------------------------------------------------------------

    def cdx_request(self, resume_key: str | None = None):
        params = cdx_params(self.host, from_=self.wayback_window[0], to=self.wayback_window[1],
                            limit=self.cdx_limit, resume_key=resume_key)
        return self.request(self.site.base_url, CDX_PRIORITY, callback=self.parse_cdx, dont_filter=True,
                            **{META_CDX: params}).replace(errback=self.cdx_failed)

    def parse_cdx(self, response):
        try:
            rows, resume_key = parse_cdx(response.body)
        except ValueError as exc:
            raise CloseSpider(f"wayback_cdx_unreadable: {exc}") from exc
        for row in rows:
            self.captures.add(row)
        self.crawler.stats.inc_value("xjmsw/wayback/cdx_rows", len(rows))
        self.logger.info("CDX: %d captures listed (%d pages so far)", len(rows), len(self.captures))
        if resume_key and rows:
            yield self.cdx_request(resume_key)
            return
        self.captures.loaded = True
        self.crawler.stats.set_value("xjmsw/wayback/pages_captured", len(self.captures))
        self.logger.info("The Wayback Machine holds %d pages of %s (%s)", len(self.captures), self.host,
                         "-".join(x or "…" for x in self.wayback_window) if any(self.wayback_window) else "all years")
        yield from self.seed()

    def cdx_failed(self, failure):
        response = getattr(failure.value, "response", None)
        reason = f"HTTP {response.status}" if response is not None else failure.type.__name__
        self.crawler.stats.set_value("xjmsw/wayback/cdx_failed", reason)
        self.logger.error("The CDX server at %s did not answer (%s): nothing to recover", self.wayback_base, reason)
        raise CloseSpider("wayback_cdx_failed")

    def seed(self):
        """The home page (its listings carry dates), then every captured page, links or not."""
        if self.article_url:
            yield self.request(self.article_url, ARTICLE, single=True)
            return
        yield self.request(self.site.base_url, LISTING, role="home")
        for url in self.captures.page_urls():
            yield from self.follow(rebase(url, self.site.base_url), OTHER)
