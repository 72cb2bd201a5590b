"""Re-extraction: the records of a harvest rebuilt from its WARC files alone, with the current parsers.

The real spider runs with WarcReplayDownloadHandler for http/https (the Wayback spider with it under its
Wayback handler), so what was a fetch is now a look-up in the WARC files: every middleware, the parsers,
multi-page merging, prev/next and the pipelines do what they did live, and the records equal the live ones
field for field; fetched_at is the WARC-Date of the article's first page, which is also what the live
harvest wrote when it recorded WARC files.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from xjmsw_crawler.archive.replay import expand_paths, shared_index

logger = logging.getLogger(__name__)

REPLAY_HANDLER = "xjmsw_crawler.archive.replay.WarcReplayDownloadHandler"


def crawl_plan(index, base_url: str | None = None, spider: str | None = None) -> tuple[str, dict, dict]:
    """(spider name, spider arguments, settings) that replay the crawl recorded in the index's warcinfo."""
    info = next((i for i in index.warcinfo if i.get("base_url")), index.warcinfo[0] if index.warcinfo else {})
    source = info.get("source", "live")
    # The plain spiders, whatever harvest machinery (state, incremental skipping) ran around them live.
    name = spider or ("xjmsw_wayback" if source == "wayback" else "xjmsw")
    kwargs = {}
    base = base_url or info.get("base_url")
    if base:
        kwargs["base_url"] = base
    if info.get("categories"):
        kwargs["categories"] = info["categories"]
    settings = {
        "XJMSW_REPLAY_WARCS": [str(p) for p in index.paths],
        # Replaying is not fetching: nothing to record, nobody to be polite to, nothing a retry would change.
        "XJMSW_WARC_DIR": "",
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "RETRY_ENABLED": False,
        "HTTPCACHE_ENABLED": False,
        "ROBOTSTXT_OBEY": info.get("robots", "obey") != "ignore",
    }
    if name == "xjmsw_wayback":
        settings["XJMSW_WAYBACK_INNER_HANDLER"] = REPLAY_HANDLER
        for field, setting in (("wayback_url", "XJMSW_WAYBACK_URL"), ("wayback_from", "XJMSW_WAYBACK_FROM"),
                               ("wayback_to", "XJMSW_WAYBACK_TO"), ("wayback_cdx_limit", "XJMSW_WAYBACK_CDX_LIMIT")):
            if info.get(field):
                settings[setting] = info[field]
    else:
        settings["DOWNLOAD_HANDLERS"] = {"http": REPLAY_HANDLER, "https": REPLAY_HANDLER}
    return name, kwargs, settings


def reparse(paths, out: Path | str, *, base_url: str | None = None, spider: str | None = None,
            overrides: dict | None = None, log_level: str = "WARNING") -> dict:
    """Writes the records re-extracted from the WARC files (files or folders) to out; returns a summary."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    files = expand_paths(paths)
    if not files:
        raise FileNotFoundError(f"no WARC files (*.warc.gz, *.warc) in {', '.join(map(str, paths))}")
    index = shared_index([str(p) for p in files])
    if not len(index):
        raise ValueError("the WARC files hold no response record")
    name, kwargs, replay_settings = crawl_plan(index, base_url, spider)
    settings = Settings()
    settings.setmodule("xjmsw_crawler.settings", priority="project")
    settings.update({"LOG_LEVEL": log_level, "XJMSW_JSONL": str(out), "XJMSW_JSONL_APPEND": False,
                     **replay_settings}, priority="cmdline")
    if overrides:
        settings.update(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(name)
    process.crawl(crawler, **kwargs)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return {
        "spider": name,
        "base_url": kwargs.get("base_url"),
        "files": len(files),
        "responses": index.counts["response"],
        "revisits": index.counts["revisit"],
        "damaged_files": index.counts["damaged_files"],
        "records": stats.get("xjmsw/records_written", 0),
        "missing": stats.get("xjmsw/replay/miss", 0),
        "finish_reason": stats.get("finish_reason"),
    }


def reparse_to_temp(paths, **kwargs) -> tuple[Path, dict]:
    """reparse() into a temporary file (for stdout)."""
    handle = tempfile.NamedTemporaryFile(prefix="xjmsw-reparse-", suffix=".jsonl", delete=False)
    handle.close()
    return Path(handle.name), reparse(paths, handle.name, **kwargs)
