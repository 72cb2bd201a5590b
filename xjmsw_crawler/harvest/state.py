"""What the harvests of one data directory know: DIR/state.sqlite beside the archive DIR/articles.jsonl.

articles.jsonl is the truth. A record is written there first (one line, flushed and fsync'd), then its row is
committed here, with the archive's new size, in one transaction. So after a crash the state can only lag
behind the archive, never run ahead of it; `StateStore.open` repairs a torn last line of the archive and
replays the records the state missed (only the bytes past the size it last committed, or the whole file
when the two disagree in any other way: a restored backup, a deleted state.sqlite).

Tables:
  articles   per canonical article URL (url_key): id, url, sha256 of the body and version of the latest
             record in the archive (version 0: nothing archived), published, first_seen, last_seen,
             last_status ("archived", "updated", "unchanged", "invalid", "HTTP 404", ...), last_run
  aliases    URLs that redirect to an archived article (so an incremental run does not fetch them again)
  listings   per listing page: url, category, first_walked, last_walked, complete_at (when every article
             it lists was archived: later runs may stop paging there), entries
  failures   per URL that failed for good: the reason and when, until a later fetch succeeds (resolved_at)
  frontier   every URL a run decided to fetch, until a run that finishes cleanly has fetched it: what a killed
             run had found but not fetched yet (an article linked only by 上一篇/下一篇 of one it archived) is
             where the next run starts too. Rows are queued and written first thing in the next transaction
             (and before an article's record goes to articles.jsonl), so no article is ever archived before
             the links found on its pages are in the frontier.
  meta       jsonl_size: the size of articles.jsonl that the article rows agree with; schema
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from xjmsw_crawler.parsers.normalize import url_key

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    url_key TEXT PRIMARY KEY,
    id TEXT,
    url TEXT NOT NULL,
    sha256 TEXT,
    version INTEGER NOT NULL DEFAULT 0,
    published TEXT,
    first_seen TEXT,
    last_seen TEXT,
    last_status TEXT,
    last_run TEXT
);
CREATE TABLE IF NOT EXISTS aliases (url_key TEXT PRIMARY KEY, url TEXT, target TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS listings (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    category TEXT,
    first_walked TEXT,
    last_walked TEXT,
    complete_at TEXT,
    entries INTEGER
);
CREATE TABLE IF NOT EXISTS frontier (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    priority INTEGER NOT NULL DEFAULT 0,
    listing_date TEXT,
    added TEXT
);
CREATE TABLE IF NOT EXISTS failures (
    url_key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    retry_url TEXT,
    reason TEXT,
    status INTEGER,
    exception TEXT,
    first_failed TEXT,
    last_failed TEXT,
    failures INTEGER NOT NULL DEFAULT 1,
    run TEXT,
    resolved_at TEXT
);
"""


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(slots=True)
class Known:
    """What the state says of one article URL."""

    version: int  # of the latest record in articles.jsonl; 0: none
    sha256: str | None
    published: str | None
    status: str | None

    @property
    def archived(self) -> bool:
        """Nothing to fetch again in an incremental run: a record exists, or the page gave none (invalid)."""
        return self.version > 0 or self.status == "invalid"


# -- the archive file ---------------------------------------------------------------------------------------


def repair_jsonl(path: Path) -> int:
    """Cuts a torn last line (a crash in the middle of a write) off the archive; returns the bytes removed.

    A last line without its newline is torn; so is a last line that is not JSON (a power loss can leave
    garbage where the line was being written). Lines before the last are never touched.
    """
    if not path.exists():
        return 0
    removed = 0
    with path.open("r+b") as f:
        size = f.seek(0, os.SEEK_END)
        while size:
            start = _line_start(f, size)
            f.seek(start)
            line = f.read(size - start)
            if line.endswith(b"\n") and _is_record(line):
                break
            removed += size - start
            size = start
        if removed:
            f.truncate(size)
            f.flush()
            os.fsync(f.fileno())
    return removed


def _line_start(f, end: int) -> int:
    """Offset where the last line of the first `end` bytes starts (its newline, if any, excluded from the search)."""
    pos = end - 1  # skip the line's own newline
    chunk = 65536
    while pos > 0:
        lo = max(0, pos - chunk)
        f.seek(lo)
        data = f.read(pos - lo)
        i = data.rfind(b"\n")
        if i >= 0:
            return lo + i + 1
        pos = lo
    return 0


def _is_record(line: bytes) -> bool:
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and isinstance(record.get("url"), str)


def iter_records(path: Path, start: int = 0) -> Iterator[tuple[int, dict]]:
    """(offset after the line, record) for every record line of the archive from byte `start` on."""
    with path.open("rb") as f:
        f.seek(start)
        offset = start
        for line in f:
            offset += len(line)
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                logger.error("articles.jsonl: a line ending at byte %d is not JSON; skipped", offset)
                continue
            if isinstance(record, dict) and isinstance(record.get("url"), str):
                yield offset, record


# -- the state database -------------------------------------------------------------------------------------


class StateStore:
    """DIR/state.sqlite (WAL). One writer at a time: the harvest holding DIR/.lock."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: transactions are explicit (`with self.transaction():`).
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against a killed process; a power loss may lose the last commits, which the
        # archive (fsync'd first) gives back on the next open.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=10000")
        self.db.executescript(_SCHEMA)
        self.queued_frontier: list[tuple] = []
        if self.get_meta("schema") is None:
            self.set_meta("schema", str(SCHEMA_VERSION))

    def close(self) -> None:
        self.commit_frontier()
        self.db.close()

    # -- small helpers ---------------------------------------------------------------------------------

    def transaction(self):
        return _Transaction(self)

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                        (key, value))

    # -- agreeing with the archive ---------------------------------------------------------------------

    def reconcile(self, jsonl: Path) -> dict:
        """Makes the article rows agree with articles.jsonl (repairing a torn last line first).

        Returns what was done: {"torn_bytes", "replayed", "rebuilt"}.
        """
        done = {"torn_bytes": repair_jsonl(jsonl), "replayed": 0, "rebuilt": False}
        if done["torn_bytes"]:
            logger.warning("articles.jsonl ended in a torn line (a harvest was killed while writing it): "
                           "removed its %d bytes; the article is fetched again", done["torn_bytes"])
        size = jsonl.stat().st_size if jsonl.exists() else 0
        recorded = self.get_meta("jsonl_size")
        recorded = int(recorded) if recorded is not None else None
        if recorded == size or (recorded is None and size == 0):
            self.set_meta("jsonl_size", str(size))
            return done
        start = 0
        if recorded is not None and recorded < size and _at_line_start(jsonl, recorded):
            start = recorded
        else:
            done["rebuilt"] = True
            logger.warning("state.sqlite does not match articles.jsonl (%s bytes known, %d on disk): rebuilding "
                           "what is archived from articles.jsonl", recorded, size)
        with self.transaction():
            if done["rebuilt"]:
                self.db.execute("UPDATE articles SET version=0, sha256=NULL, last_status='not in archive' "
                                "WHERE version > 0")
            for _, record in iter_records(jsonl, start) if size else ():
                self._replay(record)
                done["replayed"] += 1
            self.set_meta("jsonl_size", str(size))
        if done["replayed"] and not done["rebuilt"]:
            logger.info("state.sqlite caught up with %d record(s) of articles.jsonl written by a run that "
                        "stopped before recording them", done["replayed"])
        return done

    def _replay(self, record: dict) -> None:
        key = url_key(record["url"])
        row = self.db.execute("SELECT version, first_seen FROM articles WHERE url_key=?", (key,)).fetchone()
        current = row[0] if row else 0
        version = record.get("version") if isinstance(record.get("version"), int) else current + 1
        seen = record.get("fetched_at") or utc_now()
        if row is None:
            self.db.execute(
                "INSERT INTO articles(url_key, id, url, sha256, version, published, first_seen, last_seen, last_status) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'archived')",
                (key, record.get("id"), record["url"], record.get("sha256"), version, record.get("published"), seen, seen),
            )
        elif version >= current:
            self.db.execute(
                "UPDATE articles SET id=?, url=?, sha256=?, version=?, published=?, last_seen=max(coalesce(last_seen, ''), ?), "
                "first_seen=coalesce(min(first_seen, ?), ?), last_status='archived' WHERE url_key=?",
                (record.get("id"), record["url"], record.get("sha256"), version, record.get("published"), seen, seen, seen, key),
            )

    # -- reading ---------------------------------------------------------------------------------------

    def known_articles(self) -> dict[str, Known]:
        rows = self.db.execute("SELECT url_key, version, sha256, published, last_status FROM articles")
        return {key: Known(version, sha, published, status) for key, version, sha, published, status in rows}

    def aliases(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT url_key, target FROM aliases"))

    def complete_listings(self) -> set[str]:
        return {key for (key,) in self.db.execute("SELECT url_key FROM listings WHERE complete_at IS NOT NULL")}

    def open_failures(self) -> list[dict]:
        rows = self.db.execute(
            "SELECT url_key, url, retry_url, reason, status, exception, last_failed, failures FROM failures "
            "WHERE resolved_at IS NULL ORDER BY last_failed")
        names = ("url_key", "url", "retry_url", "reason", "status", "exception", "last_failed", "failures")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def counts(self) -> dict:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles WHERE version > 0"),
            "records": one("SELECT coalesce(sum(version), 0) FROM articles WHERE version > 0"),
            "listings": one("SELECT count(*) FROM listings"),
            "open_failures": one("SELECT count(*) FROM failures WHERE resolved_at IS NULL"),
        }

    def frontier(self) -> list[dict]:
        rows = self.db.execute("SELECT url_key, url, priority, listing_date FROM frontier ORDER BY priority DESC, added")
        return [dict(zip(("url_key", "url", "priority", "listing_date"), row, strict=True)) for row in rows]

    # -- writing ---------------------------------------------------------------------------------------

    def queue_frontier(self, url: str, priority: int = 0, listing_date: str | None = None) -> None:
        """A URL to fetch: written with the next transaction (flush_frontier), before what it commits."""
        self.queued_frontier.append((url_key(url), url, priority, listing_date, utc_now()))

    def flush_frontier(self) -> None:
        if self.queued_frontier:
            rows, self.queued_frontier = self.queued_frontier, []
            self.db.executemany("INSERT OR IGNORE INTO frontier(url_key, url, priority, listing_date, added) "
                                "VALUES(?, ?, ?, ?, ?)", rows)

    def commit_frontier(self) -> None:
        if self.queued_frontier:
            with self.transaction():
                pass

    def remove_frontier(self, keys) -> None:
        with self.transaction():
            self.db.executemany("DELETE FROM frontier WHERE url_key=?", [(key,) for key in keys])

    def record_archived(self, record: dict, jsonl_size: int, run: str, status: str) -> None:
        """The row of a record just written (and fsync'd) to the archive, and the archive's new size: one
        transaction, so the state never claims a record the archive lacks."""
        key = url_key(record["url"])
        now = record.get("fetched_at") or utc_now()
        with self.transaction():
            self.db.execute(
                "INSERT INTO articles(url_key, id, url, sha256, version, published, first_seen, last_seen, last_status, last_run) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url_key) DO UPDATE SET id=excluded.id, url=excluded.url, "
                "sha256=excluded.sha256, version=excluded.version, published=excluded.published, "
                "first_seen=coalesce(articles.first_seen, excluded.first_seen), last_seen=excluded.last_seen, "
                "last_status=excluded.last_status, last_run=excluded.last_run",
                (key, record["id"], record["url"], record["sha256"], record["version"], record.get("published"),
                 now, now, status, run),
            )
            self.set_meta("jsonl_size", str(jsonl_size))
            self._resolve(key, now)

    def record_seen(self, url: str, status: str, run: str, when: str | None = None, article_id: str | None = None) -> None:
        """An article fetched again with no new record (unchanged), or one that gave no valid record."""
        key = url_key(url)
        when = when or utc_now()
        with self.transaction():
            self.db.execute(
                "INSERT INTO articles(url_key, id, url, first_seen, last_seen, last_status, last_run) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url_key) DO UPDATE SET last_seen=excluded.last_seen, "
                "last_status=excluded.last_status, last_run=excluded.last_run",
                (key, article_id, url, when, when, status, run),
            )
            self._resolve(key, when)

    def record_alias(self, alias_url: str, target_url: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO aliases(url_key, url, target) VALUES(?, ?, ?)",
                            (url_key(alias_url), alias_url, url_key(target_url)))

    def record_listing(self, url: str, category: str | None, entries: int, complete: bool, when: str | None = None) -> None:
        key = url_key(url)
        when = when or utc_now()
        with self.transaction():
            self.db.execute(
                "INSERT INTO listings(url_key, url, category, first_walked, last_walked, complete_at, entries) "
                "VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url_key) DO UPDATE SET url=excluded.url, "
                "category=coalesce(excluded.category, listings.category), last_walked=excluded.last_walked, "
                "complete_at=coalesce(excluded.complete_at, listings.complete_at), entries=excluded.entries",
                (key, url, category, when, when, when if complete else None, entries),
            )

    def mark_listings_complete(self, keys: list[str], when: str | None = None) -> None:
        when = when or utc_now()
        with self.transaction():
            self.db.executemany("UPDATE listings SET complete_at=? WHERE url_key=?", [(when, key) for key in keys])

    def touch_articles(self, keys: list[str], when: str | None = None) -> None:
        """Archived articles seen again (listed on a walked listing page): their last_seen."""
        when = when or utc_now()
        with self.transaction():
            self.db.executemany("UPDATE articles SET last_seen=? WHERE url_key=?", [(when, key) for key in keys])

    def record_failure(self, failure: dict, run: str) -> None:
        key = url_key(failure["url"])
        with self.transaction():
            self.db.execute(
                "INSERT INTO failures(url_key, url, retry_url, reason, status, exception, first_failed, last_failed, run) "
                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url_key) DO UPDATE SET url=excluded.url, "
                "retry_url=excluded.retry_url, reason=excluded.reason, status=excluded.status, "
                "exception=excluded.exception, last_failed=excluded.last_failed, run=excluded.run, "
                "failures=CASE WHEN failures.resolved_at IS NULL THEN failures.failures + 1 ELSE 1 END, resolved_at=NULL",
                (key, failure["url"], failure.get("retry_url"), failure["reason"], failure.get("status"),
                 failure.get("exception"), failure["time"], failure["time"], run),
            )
            if failure.get("status") is not None and failure.get("kind") == "article":
                self.db.execute("UPDATE articles SET last_status=? WHERE url_key=?", (failure["reason"], key))

    def resolve_failures(self, keys: list[str], when: str | None = None) -> None:
        when = when or utc_now()
        with self.transaction():
            for key in keys:
                self._resolve(key, when)

    def _resolve(self, key: str, when: str) -> None:
        self.db.execute("UPDATE failures SET resolved_at=? WHERE url_key=? AND resolved_at IS NULL", (when, key))

    def import_failures(self, path: Path) -> int:
        """Fills an empty failures table from failures.jsonl (after state.sqlite was lost): every failure not
        archived since is open again."""
        if not path.exists() or self.db.execute("SELECT count(*) FROM failures").fetchone()[0]:
            return 0
        archived = {key for key, known in self.known_articles().items() if known.version > 0}
        count = 0
        for line in path.read_text("utf-8", errors="replace").splitlines():
            try:
                failure = json.loads(line)
            except ValueError:
                continue
            if isinstance(failure, dict) and isinstance(failure.get("url"), str) and url_key(failure["url"]) not in archived:
                self.record_failure({**failure, "time": failure.get("time") or utc_now()}, failure.get("run") or "")
                count += 1
        return count


def _at_line_start(path: Path, offset: int) -> bool:
    if offset == 0:
        return True
    with path.open("rb") as f:
        f.seek(offset - 1)
        return f.read(1) == b"\n"


class _Transaction:
    """BEGIN IMMEDIATE, the queued frontier rows, ... COMMIT (ROLLBACK on error); nested uses join the outer
    transaction."""

    def __init__(self, store: StateStore):
        self.store = store
        self.db = store.db
        self.outer = False

    def __enter__(self):
        if not self.db.in_transaction:
            self.db.execute("BEGIN IMMEDIATE")
            self.outer = True
            self.store.flush_frontier()
        return self.db

    def __exit__(self, exc_type, exc, tb):
        if not self.outer:
            return False
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        return False
