"""Scrapy settings for xjmsw-crawler, and the project's own XJMSW_* settings.

Every value can be overridden per run with `-s NAME=VALUE` (scrapy crawl, xjmsw harvest).
"""

from xjmsw_crawler.parsers.record import RECORD_FIELDS

BOT_NAME = "xjmsw_crawler"
SPIDER_MODULES = ["xjmsw_crawler.spiders"]
NEWSPIDER_MODULE = "xjmsw_crawler.spiders"

# -- the project's settings -------------------------------------------------------------------------------

# Where the portal lives; `-a base_url=…` on the spider (or --base-url) harvests a mirror instead.
XJMSW_BASE_URL = "http://www.xjmsw.cn/"

# Where JsonlWriterPipeline writes one record per line (UTF-8, flushed after each line).
XJMSW_JSONL = "data/articles.jsonl"
# False: each `scrapy crawl` rewrites XJMSW_JSONL; True: append (the archive mode of `xjmsw harvest`).
XJMSW_JSONL_APPEND = False

# Optional site-specific fast path for the parsers: CSS or XPath selectors tried before the generic
# extraction, e.g. {"title": "h1", "body": "div.content", "info": "div.info", "breadcrumb": "div.place"}.
# Empty: the generic, anchor- and density-based extraction alone (what works on an unknown template).
XJMSW_SITE_RULES = {}

# How many pages a multi-page article may have before the spider stops fetching more (a guard against
# page bars that lie or loop).
XJMSW_MAX_ARTICLE_PAGES = 50

# -- politeness: what a public archive owes the site -------------------------------------------------------

# Identify the crawler and give a way to reach its operator.
USER_AGENT = "xjmsw-crawler/0.1 (+https://github.com/xjmsw-crawler; archival harvest of www.xjmsw.cn)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False

# -- robustness -------------------------------------------------------------------------------------------

DOWNLOAD_TIMEOUT = 30
# An old portal page is tens of KB; anything over 16 MB is a trap or a broken server.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Listing pages are walked first, so the date printed beside each article is known when it is saved.
DEPTH_PRIORITY = 0
# Long query strings are how calendars and session ids trap crawlers.
URLLENGTH_LIMIT = 512

DOWNLOADER_MIDDLEWARES = {
    # Drops requests (including redirects) that leave the site given by base_url, host and port alike.
    "xjmsw_crawler.middlewares.SameSiteMiddleware": 60,
    # Between MetaRefresh (580) and HttpCompression (590): sees the decompressed body, fixes the
    # encoding before anything reads response.text.
    "xjmsw_crawler.middlewares.EncodingFixMiddleware": 585,
}

ITEM_PIPELINES = {
    "xjmsw_crawler.pipelines.NormalizePipeline": 100,
    "xjmsw_crawler.pipelines.ValidatePipeline": 200,
    "xjmsw_crawler.pipelines.DedupePipeline": 300,
    "xjmsw_crawler.pipelines.JsonlWriterPipeline": 800,
}

# `scrapy crawl xjmsw -O out.jsonl` writes the same records as XJMSW_JSONL: real characters, same order.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(RECORD_FIELDS)

LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
