"""Scrapy settings for xjmsw-crawler, and the project's own XJMSW_* settings.

Every value can be overridden per run with `-s NAME=VALUE` (scrapy crawl, xjmsw harvest).
"""

from xjmsw_crawler.parsers.record import RECORD_FIELDS

BOT_NAME = "xjmsw_crawler"
SPIDER_MODULES = ["xjmsw_crawler.spiders"]
NEWSPIDER_MODULE = "xjmsw_crawler.spiders"
# Scrapy's spider loader, except that with XJMSW_REDIS_URL set `xjmsw` is its distributed form (scrapy-redis).
SPIDER_LOADER_CLASS = "xjmsw_crawler.distributed.loader.SpiderLoader"

# -- the project's settings -------------------------------------------------------------------------------

# Where the portal lives; `-a base_url=…` on the spider (or --base-url) harvests a mirror instead, in which links
# to this host are links into the mirror (site.Site.aliases).
XJMSW_BASE_URL = "http://www.xjmsw.cn/"

# Where JsonlWriterPipeline writes one record per line (UTF-8, flushed after each line).
XJMSW_JSONL = "data/articles.jsonl"
# False: each `scrapy crawl` rewrites XJMSW_JSONL; True: append (the archive mode of `xjmsw harvest`).
XJMSW_JSONL_APPEND = False

# Optional site-specific fast path for the parsers: CSS or XPath selectors tried before the generic
# extraction, e.g. {"title": "h1", "body": "div.content", "info": "div.info", "breadcrumb": "div.place"}.
# Empty: the generic, anchor- and density-based extraction alone (what works on an unknown template).
XJMSW_SITE_RULES = {}

# Worker processes that parse pages beside the crawl (xjmsw_crawler.parse_pool); 0 parses in the crawl's own
# process. Parsing costs about as much CPU as fetching a page through Scrapy, so with politeness off (a mirror)
# a worker nearly doubles the crawl rate. "auto": one per core beyond the first (at most 4) when DOWNLOAD_DELAY
# is 0 and AutoThrottle off; none for a polite crawl, whose few pages a second need no second core.
XJMSW_PARSE_PROCESSES = "auto"

# Learn where each of the site's templates prints title, breadcrumb, info line, body and 上一篇/下一篇 from the
# generic reading of its first pages, and read later pages of that template there (parsers/template.py): about
# half the parsing CPU per article page. A layout is used only after it read two pages exactly as the generic
# reader did; it is checked on every page and audited against the generic reader (pages 1, 8 and 32 of a layout,
# then every 64th); any doubt sends the page to the generic reader. False: the generic reader only.
XJMSW_TEMPLATES = True

# How many pages a multi-page article may have before the spider stops fetching more (a guard against
# page bars that lie or loop).
XJMSW_MAX_ARTICLE_PAGES = 50

# -- archiving: WARC files, Wayback Machine (README "For archivists") ---------------------------------------

# Where every fetch (request and raw response) is recorded as WARC files `<run-id>-NNNNN.warc.gz`, beside a
# dedupe.sqlite of payload digests (identical payloads become revisit records). Empty: no recording (plain
# `scrapy crawl`); `xjmsw harvest` sets DIR/warc.
XJMSW_WARC_DIR = ""
# Names this run's WARC files (and, under `xjmsw harvest`, its manifest and log). Empty: the UTC start time.
XJMSW_RUN_ID = ""
# A WARC file is closed and the next one started before it would grow past this many bytes.
XJMSW_WARC_MAX_SIZE = 1024**3
# Write a revisit record instead of a response record when the payload is already archived in XJMSW_WARC_DIR.
XJMSW_WARC_DEDUPE = True
# Where the Wayback Machine's CDX server (/cdx/search/cdx) and replay (/web/<timestamp>id_/<url>) live, for
# `xjmsw harvest --source wayback` (spider xjmsw_wayback); --wayback-url sets it.
XJMSW_WAYBACK_URL = "http://web.archive.org"
# Captures from/to these years (or any CDX timestamp prefix, YYYY[MM[DD…]]); empty: no limit.
XJMSW_WAYBACK_FROM = ""
XJMSW_WAYBACK_TO = ""
# Rows per CDX page (the query is paged with showResumeKey), and other captures of a page to try when the
# chosen one cannot be replayed (404 from the archive).
XJMSW_WAYBACK_CDX_LIMIT = 10000
XJMSW_WAYBACK_MAX_TRIES = 3

# -- politeness: what a public archive owes the site -------------------------------------------------------

# Identify the crawler and give a way to reach its operator: the project's name and a contact URL (set your
# own with -s USER_AGENT=... when you run harvests for your institution).
USER_AGENT = "xjmsw-crawler/0.1 (+https://github.com/xjmsw-crawler; archival harvest of www.xjmsw.cn)"
# The site's robots.txt is obeyed (a disallowed page is not fetched, and not counted as a failure).
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
# At most 2 requests in flight to the host, at least DOWNLOAD_DELAY seconds apart (randomised 0.5-1.5x)...
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
# ...and AutoThrottle slows down further when the server's latency grows (it never goes below DOWNLOAD_DELAY).
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
COOKIES_ENABLED = False

# -- robustness -------------------------------------------------------------------------------------------

# HTTP(S) through aiohttp (HTTP parsed in C: about a fifth less CPU per page in the crawl's process), and a host
# whose responses aiohttp refuses (odd headers, old TLS) through Scrapy's Twisted client (download_handler.py).
# Scrapy's own handler everywhere: "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler" for both.
DOWNLOAD_HANDLERS = {
    "http": "xjmsw_crawler.download_handler.FastHttpDownloadHandler",
    "https": "xjmsw_crawler.download_handler.FastHttpDownloadHandler",
}
DOWNLOAD_TIMEOUT = 30
# An old portal page is tens of KB; anything over 16 MB is a trap or a broken server.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
# A page that fails with a 5xx, 429, 408, a timeout or a broken connection is asked for again up to RETRY_TIMES
# times, each after a wait (harvest.resilience.BackoffRetryMiddleware): the server's Retry-After when it sends
# one (429, 503: honoured up to XJMSW_RETRY_AFTER_MAX seconds, and for every request to that host), else
# XJMSW_RETRY_BACKOFF * 2^(n-1) seconds with jitter, at most XJMSW_RETRY_BACKOFF_MAX.
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
XJMSW_RETRY_BACKOFF = 1.0
XJMSW_RETRY_BACKOFF_MAX = 60.0
XJMSW_RETRY_AFTER_MAX = 120.0
# An HTML page that does not end in </html> was most likely cut short: asked for once more.
XJMSW_RETRY_TRUNCATED = True
# Redirect chains longer than this are loops (or traps); a loop back to a URL already in the chain fails
# like any other fetch instead of vanishing in the dupefilter (harvest.resilience.RedirectLoopMiddleware).
REDIRECT_MAX_TIMES = 5
# No depth preference: the spider's own request priorities order the crawl (listings, articles, the rest).
DEPTH_PRIORITY = 0
# Long query strings are how calendars and session ids trap crawlers (site.looks_like_trap has the other
# guards: search results, session ids, calendars outside the portal's years, repeated path segments).
URLLENGTH_LIMIT = 512
# Links followed from the home page, at most: a guard against generated link chains the trap rules miss.
# 下一页 chains of listing pages, 上一篇/下一篇 chains and an article's pages 2..n do not count (the spider
# marks them depth_reset), so a category of 1,000 listing pages is walked to its end.
DEPTH_LIMIT = 100

DOWNLOADER_MIDDLEWARES = {
    # Drops requests (including redirects) that leave the site given by base_url, host and port alike.
    "xjmsw_crawler.middlewares.SameSiteMiddleware": 60,
    # Scrapy's OffsiteMiddleware checks allowed_domains, which no spider sets: a no-op that costs a signal
    # handler and a call per request (bench/, README "Performance"). SameSiteMiddleware is the site guard.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # Patient retries (Retry-After, exponential backoff) and redirect loops that end in an error, in place of
    # Scrapy's RetryMiddleware (550) and RedirectMiddleware (600).
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "xjmsw_crawler.harvest.resilience.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "xjmsw_crawler.harvest.resilience.RedirectLoopMiddleware": 600,
    # Scrapy's meta-refresh redirects, skipping the pages without the word "refresh" near their top (2% of a fast
    # crawl's main process went to looking for a refresh in pages that have none).
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "xjmsw_crawler.middlewares.QuickMetaRefreshMiddleware": 580,
    # Around Scrapy's HttpCompressionMiddleware (590): plain HTML under `Content-Encoding: gzip` is read as it is
    # (Scrapy would lose the page to BadGzipFile), a page gzipped twice is logged and counted.
    "xjmsw_crawler.middlewares.ContentEncodingMiddleware": 595,
    "xjmsw_crawler.middlewares.CompressedTwiceMiddleware": 586,  # (after decompression, before the encoding fix)
    # Between MetaRefresh (580) and HttpCompression (590): sees the decompressed body, fixes the
    # encoding before anything reads response.text.
    "xjmsw_crawler.middlewares.EncodingFixMiddleware": 585,
    # Above every built-in middleware: records the request as sent and the response as received (raw
    # body, before decompression, every redirect hop) to WARC files. Off unless XJMSW_WARC_DIR is set.
    "xjmsw_crawler.archive.middleware.WarcRecorderMiddleware": 950,
}

SPIDER_MIDDLEWARES = {
    # Warns when a spider copies response.meta into new requests, which this spider never does (it builds each
    # request's meta afresh): a development aid that costs a call on every request the spider yields.
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}

ITEM_PIPELINES = {
    "xjmsw_crawler.pipelines.NormalizePipeline": 100,
    "xjmsw_crawler.pipelines.ValidatePipeline": 200,
    "xjmsw_crawler.pipelines.DedupePipeline": 300,
    "xjmsw_crawler.pipelines.JsonlWriterPipeline": 800,
}
# Outputs of one callback processed concurrently. Scrapy's default, 100, starts 100 asyncio tasks for every
# response (about 2 ms of CPU a page, the largest cost of the crawl after parsing: bench/, README
# "Performance"); a callback yields at most one record and the pipelines are synchronous, so 1 loses nothing.
CONCURRENT_ITEMS = 1
# Scrapy's request fingerprint without Scrapy's per-request cache of it, which only costs memory here.
REQUEST_FINGERPRINTER_CLASS = "xjmsw_crawler.middlewares.UncachedRequestFingerprinter"

EXTENSIONS = {
    # One live line on stderr (pages, articles new/unchanged, errors, queue, rate, elapsed), rewritten every
    # second, only when stderr is a terminal: cron runs and log files see nothing of it. XJMSW_PROGRESS.
    "xjmsw_crawler.progress.ProgressLine": 500,
    # Fewer garbage-collector passes over the crawl's long-lived objects. XJMSW_GC_THRESHOLD.
    "xjmsw_crawler.gc_tuning.GcTuning": 0,
}
# "auto": the progress line when stderr is a terminal; True: always; False: never.
XJMSW_PROGRESS = "auto"
XJMSW_PROGRESS_INTERVAL = 1.0
# Once the engine runs, start-up objects are frozen out of the garbage collector and its youngest generation is
# collected every this many allocations instead of Python's 700 (xjmsw_crawler.gc_tuning: the collector
# re-scanning the scheduler's queue was 14% of a fast crawl's main process). 0: Python's defaults.
XJMSW_GC_THRESHOLD = 10000

# -- scheduled harvests: `xjmsw harvest` (README "Scheduled harvests") --------------------------------------

# The data directory (articles.jsonl, state.sqlite, runs/, logs/, failures.jsonl); --data-dir sets it. Empty:
# not a harvest (plain `scrapy crawl`), and the harvest components stay off.
XJMSW_DATA_DIR = ""
# --full: fetch every article again (a changed body becomes version n+1); --recheck-days N: fetch again the
# articles published in the last N days; --retry-failures: start from the open failures, not the home page.
XJMSW_FULL = False
XJMSW_RECHECK_DAYS = 0
XJMSW_RETRY_FAILURES = False
# URLs that still fail after their retries are tried again when the crawl is otherwise done, in this many
# rounds, each after XJMSW_RETRY_ROUND_DELAY seconds (a flaky server or a short outage loses nothing). Dead
# links (404, 410) and pages robots.txt forbids are not tried again.
XJMSW_RETRY_ROUNDS = 2
XJMSW_RETRY_ROUND_DELAY = 5.0
# A harvest exits with status 1 when more than this share of its fetches failed for good (dead links, 404 and
# 410, and redirects off the site are recorded but not counted).
XJMSW_MAX_FAILED_SHARE = 0.1
# What a harvest prints on stderr while it runs (its full log is in DIR/logs/<run-id>.log at LOG_LEVEL);
# -v/--verbose makes it INFO.
XJMSW_CONSOLE_LOG_LEVEL = "ERROR"

# -- distributed harvests: scrapy-redis (README "Distributed harvests"; extra `distributed`) -------------------

# redis://[:PASSWORD@]HOST:PORT/DB: every worker given the same Redis and harvest name shares one request queue,
# dupefilter and incremental state (`xjmsw harvest --redis URL` sets it). Empty: single-host.
XJMSW_REDIS_URL = ""
# The harvest's name in Redis (keys xjmsw:<name>:…). Empty: the data directory's name (`scrapy crawl`: "crawl").
XJMSW_REDIS_HARVEST = ""
# This worker's name (its shard DIR/shards/<id>/; --worker-id). Empty: <hostname>-<n>, the first n free here.
XJMSW_WORKER_ID = ""
# A worker whose heartbeat is older than this many seconds is dead: its requests in flight go back to the queue.
XJMSW_REDIS_HEARTBEAT = 10.0
# How often (seconds) an idle worker looks at the shared queue again.
XJMSW_REDIS_POLL = 0.5
# A worker exits once the whole run (queue, seeds, every live worker's requests in flight) has had nothing to do
# for this many seconds (scrapy-redis's setting; here 0 means at once, not never).
MAX_IDLE_TIME_BEFORE_CLOSE = 10

# `scrapy harvest` (the same command as `xjmsw harvest`).
COMMANDS_MODULE = "xjmsw_crawler.harvest.scrapy_commands"

# `scrapy crawl xjmsw -O out.jsonl` writes the same records as XJMSW_JSONL: real characters, same order.
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = list(RECORD_FIELDS)

LOG_LEVEL = "INFO"
# Scrapy's log formatter, except that "Crawled" and "Scraped from" (DEBUG, one a page, one a record with the whole
# record in it) are not even built when LOG_LEVEL hides them.
LOG_FORMATTER = "xjmsw_crawler.logformatter.QuietLogFormatter"
# Scrapy's MemoryStatsCollector without Scrapy 2.19's per-attribute deprecation shim (xjmsw_crawler.stats).
STATS_CLASS = "xjmsw_crawler.stats.FastStatsCollector"
TELNETCONSOLE_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
