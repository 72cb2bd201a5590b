"""HarvestSession: one harvest run's view of the data directory, shared by the spider, the pipeline and the
extension of `xjmsw harvest`.

The spider sees it as `spider.archive` (None in a plain `scrapy crawl`) and asks it two things:
  skip(url)                    is there nothing to fetch at url? (an archived article, an alias of one, or a
                               listing page not worth walking again)
  listing_links(url, listing)  which of a listing page's other pages to walk: all of them, unless every
                               article it lists is archived; then only those never walked to the end before
and tells it two: on_failure(failure) when a fetch failed for good (True: the session takes it over and will
try it once more at the end of the run), and add_alias(url, target) when a page is a copy of another.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from scrapy.exceptions import IgnoreRequest

from xjmsw_crawler.parsers.normalize import url_key

from .state import Known, StateStore, utc_now

logger = logging.getLogger(__name__)

#: Meta keys of a failed request that must not follow it into its retry at the end of the run.
_FRESH = ("redirect_times", "redirect_ttl", "redirect_urls", "redirect_reasons", "retry_times", "download_slot",
          "download_latency", "xjmsw_not_before", "_scheme_proxy")

#: HTTP statuses that say the link is dead, not that the harvest failed: recorded in failures.jsonl, never
#: retried at the end of the run, not counted against XJMSW_MAX_FAILED_SHARE.
DEAD_LINK_STATUSES = frozenset({404, 410})


class KnownTarget(IgnoreRequest):
    """A redirect led to an article that is already archived (HarvestMiddleware drops it quietly)."""


def describe_failure(failure) -> dict:
    """url (before any redirect), reason, status, exception, whether a later try may help and whether it is a
    harvest error (counted against XJMSW_MAX_FAILED_SHARE) rather than a dead link."""
    request = failure.request
    exc = failure.value
    origin = (request.meta.get("redirect_urls") or [request.url])[0]
    response = getattr(exc, "response", None)
    info = {"url": origin, "time": utc_now(), "status": None, "exception": None, "retry": True, "counts": True}
    if response is not None:
        info.update(status=response.status, reason=f"HTTP {response.status}")
        if response.status in DEAD_LINK_STATUSES:
            info.update(retry=False, counts=False)
    elif isinstance(exc, IgnoreRequest):
        message = str(exc)
        info["exception"] = type(exc).__name__
        if "robots.txt" in message:
            info.update(reason="forbidden by robots.txt", retry=False, counts=False, robots=True)
        elif "max redirections" in message:
            info["reason"] = f"redirect loop (still redirecting after {request.meta.get('redirect_times', '?')} hops)"
        elif message.startswith("off-site"):
            info.update(reason=f"redirected off-site to {request.url}", counts=False)
        else:
            info.update(reason=f"ignored: {message}", retry=False)
    else:
        info["exception"] = type(exc).__name__
        info["reason"] = f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:300]
    if request.meta.get("article_state"):
        # Page n of a multi-page article: retrying means fetching the article again from its first page.
        info["retry_url"] = request.meta["article_state"]["url"]
    return info


class HarvestSession:
    def __init__(self, settings, stats):
        self.stats = stats
        self.data_dir = Path(settings["XJMSW_DATA_DIR"])
        self.run_id = settings.get("XJMSW_RUN_ID") or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.full = settings.getbool("XJMSW_FULL")
        self.retry_failures = settings.getbool("XJMSW_RETRY_FAILURES")
        self.retry_rounds = settings.getint("XJMSW_RETRY_ROUNDS", 2)
        days = settings.getint("XJMSW_RECHECK_DAYS", 0)
        self.recheck_from = (date.today() - timedelta(days=days)).isoformat() if days > 0 else None
        self.jsonl_path = self.data_dir / "articles.jsonl"
        self.failures_path = self.data_dir / "failures.jsonl"

        self.state = StateStore(self.data_dir / "state.sqlite")
        self.known: dict[str, Known] = self.state.known_articles()
        self.aliases: dict[str, str] = self.state.aliases()
        self.complete: set[str] = self.state.complete_listings()
        self.open_failures: dict[str, dict] = {f["url_key"]: f for f in self.state.open_failures()}
        self.archived_before = {key for key, known in self.known.items() if known.archived}

        self.blocked: set[str] = set()  # listing pages not to walk this run (behind an all-archived page)
        self.walked: dict[str, list[str]] = {}  # listing pages walked this run -> the article keys they list
        self.skipped: set[str] = set()  # articles archived by earlier runs, not fetched again
        self.deferred: list[tuple[object, dict]] = []  # (request, failure) to try once more at the end
        self.retried: set[str] = set()  # keys of the URLs tried again at the end of the run
        self.round = 0
        self.failed: dict[str, dict] = {}  # failed for good in this run, by url key
        self.resolved: set[str] = set()  # earlier failures that were fetched fine in this run
        self.counts = Counter()
        self.queued: set[str] = set()  # URLs put in the frontier by this run
        self.fetched: set[str] = set()  # URLs fetched (or failed for good) in this run
        self.ok_responses = 0
        self.answered = 0  # responses of any status (a 404 is the site answering)
        self.last_error: str | None = None  # the reason of the last failure (for "could not be reached")

    def close(self) -> None:
        self.state.close()

    # -- what to fetch ----------------------------------------------------------------------------------

    def _archived(self, key: str) -> bool:
        """An archived article (or an alias of one) that needs no fetch in this run."""
        known = self.known.get(self.aliases.get(key, key))
        if known is None or not known.archived:
            return False
        if self.recheck_from and known.published and known.published[:10] >= self.recheck_from:
            return False  # --recheck-days: published recently enough to be fetched again
        return True

    def skip(self, url: str) -> bool:
        key = url_key(url)
        if key in self.blocked:
            self.stats.inc_value("xjmsw/harvest/listing_pages_not_walked")
            return True
        if self.full or not self._archived(key):
            return False
        if key not in self.skipped and self.aliases.get(key, key) in self.archived_before:
            self.skipped.add(key)
            self.stats.inc_value("xjmsw/harvest/skipped_archived")
        return True

    def listing_links(self, url: str, listing) -> list[str]:
        keys = [url_key(entry.url) for entry in listing.entries]
        self.walked[url_key(url)] = keys
        all_archived = bool(keys) and all(self._archived(key) for key in keys)
        with self.state.transaction():
            self.state.record_listing(url, listing.category, len(keys), complete=all_archived)
            self.state.touch_articles([key for key in keys if key in self.known])
        if all_archived:
            self.complete.add(url_key(url))
        links = {url_key(link): link for link in listing.page_links}
        if self.full or not all_archived:
            self.blocked.difference_update(links)
            return list(listing.page_links)
        # Every article here is archived: the pages behind it were archived too, unless a run stopped before
        # walking them to the end; those (never complete) are walked, the rest not.
        follow = [link for key, link in links.items() if key not in self.complete]
        self.blocked.update(key for key in links if key in self.complete and key not in self.walked)
        self.stats.inc_value("xjmsw/harvest/listing_stops")
        logger.debug("Every article on %s is archived: walking %d of its %d page links", url, len(follow), len(links))
        return follow

    def note_request(self, request) -> None:
        """A request the spider made (signal request_scheduled): into the frontier, unless it is a retry, a
        redirect or page n of an article (whose first page is there already)."""
        meta = request.meta
        if (request.url.startswith("data:") or "article_state" in meta or "retry_times" in meta
                or "redirect_urls" in meta or "xjmsw_round" in meta):
            return
        key = url_key(request.url)
        if key not in self.queued:
            self.queued.add(key)
            self.state.queue_frontier(request.url, request.priority, meta.get("listing_date"))

    def frontier_requests(self, spider) -> list:
        """Requests for what earlier runs found but did not fetch before they were killed or stopped."""
        requests = []
        for row in self.state.frontier():
            if not self.skip(row["url"]):
                meta = {"listing_date": row["listing_date"]} if row["listing_date"] else {}
                requests.append(spider.request(row["url"], row["priority"], **meta))
        if requests:
            logger.info("Starting also from %d URL(s) an earlier run found but did not fetch", len(requests))
        return requests

    def retry_requests(self, spider) -> list:
        """--retry-failures: a request for every open failure (the article's first page for a page n)."""
        urls = dict.fromkeys(f["retry_url"] or f["url"] for f in self.open_failures.values())
        return [spider.request(url, 10, dont_filter=True, xjmsw_retry_of=url) for url in urls]

    # -- what happened ----------------------------------------------------------------------------------

    def on_response(self, request, response) -> None:
        self.answered += 1
        if request.meta.get("dont_obey_robotstxt") or response.status >= 400:
            return  # robots.txt, or an error the errback reports
        self.ok_responses += 1
        chain = request.meta.get("redirect_urls") or []
        self.fetched.update(url_key(url) for url in (*chain, response.url))
        for url in (*chain, response.url, request.meta.get("xjmsw_retry_of")):
            key = url and url_key(url)
            if key and key in self.open_failures and key not in self.resolved:
                self.resolved.add(key)
                self.state.resolve_failures([key])
            if key and key in self.retried and key not in self.failed:
                self.counts["recovered"] += 1
                self.retried.discard(key)
        for alias in chain:
            if url_key(alias) != url_key(response.url):
                self.add_alias(alias, response.url)

    def add_alias(self, url: str, target: str) -> None:
        """url stands for the article at target (it redirected there, or it is a copy naming target as its
        canonical page): a later run does not fetch it once target is archived."""
        self.aliases[url_key(url)] = url_key(target)
        self.state.record_alias(url, target)

    def on_failure(self, failure) -> bool:
        """A fetch failed for good (the spider's errback). True: the session takes it over (tries it once more
        at the end of the run, or it was a redirect to an archived article); False: the spider carries on."""
        request = failure.request
        if isinstance(failure.value, KnownTarget):
            self.fetched.update(url_key(url) for url in request.meta.get("redirect_urls", ()))
            return True
        info = describe_failure(failure)
        if info.get("robots"):
            self.fetched.add(url_key(info["url"]))
            self.stats.inc_value("xjmsw/harvest/robots_forbidden")
            return False
        self.last_error = info["reason"]
        if info["retry"] and request.meta.get("xjmsw_round", 0) < self.retry_rounds:
            self.deferred.append((request, info))
            self.stats.inc_value("xjmsw/harvest/deferred")
            logger.info("Failed %s (%s): trying it again at the end of the run", info["url"], info["reason"])
            return True
        self.fail(info)
        return False

    def again(self, request, info: dict):
        """The request of a deferred failure, fresh for another round (original URL, no retry/redirect state)."""
        meta = {k: v for k, v in request.meta.items() if k not in _FRESH}
        meta["xjmsw_round"] = meta.get("xjmsw_round", 0) + 1
        self.retried.add(url_key(info["url"]))
        return request.replace(url=info["url"], meta=meta, dont_filter=True)

    def fail(self, info: dict) -> None:
        """A URL failed for good: failures.jsonl (append, flushed, fsync'd), the state, this run's list."""
        key = url_key(info["url"])
        self.retried.discard(key)
        self.fetched.add(key)
        if key in self.failed:
            return
        entry = {"url": info["url"], "reason": info["reason"], "status": info.get("status"),
                 "exception": info.get("exception"), "time": info.get("time") or utc_now(), "run": self.run_id}
        if info.get("retry_url"):
            entry["retry_url"] = info["retry_url"]
        if not info.get("counts", True):
            entry["dead_link"] = True
        self.failed[key] = {**entry, "counts": info.get("counts", True)}
        earlier = self.open_failures.get(key)
        if not (earlier and earlier["reason"] == entry["reason"] and key not in self.resolved):
            # failures.jsonl gets each failure once, not again at every run while it stays the same.
            with self.failures_path.open("a", encoding="utf-8") as f:
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
                f.flush()
                os.fsync(f.fileno())
        self.state.record_failure(entry, self.run_id)
        self.stats.inc_value("xjmsw/harvest/failed")
        logger.info("Failed for good: %s (%s)", info["url"], info["reason"])

    def finish(self, reason: str) -> None:
        """End of the crawl: a cleanly finished run marks the listing pages whose every article is now
        archived as complete (later runs may stop paging there)."""
        if reason != "finished":
            return  # what it did not fetch stays in the frontier for the next run
        done = [row["url_key"] for row in self.state.frontier()
                if row["url_key"] in self.fetched or self._archived(row["url_key"])]
        self.state.remove_frontier(done)
        done = [key for key, keys in self.walked.items()
                if key not in self.complete and keys and all(k in self.known and self.known[k].archived for k in keys)]
        if done:
            self.state.mark_listings_complete(done)
            self.complete.update(done)
