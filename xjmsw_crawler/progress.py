"""A live progress line for interactive crawls: one line on stderr, rewritten in place every second.

    [xjmsw] 0:02:13  pages 1,234  new 56  unchanged 789  errors 3  queue 120+2  4.2 pages/s

Shown only when stderr is a terminal (XJMSW_PROGRESS = "auto", the default), so cron runs, pipes and log
files stay as they were: the periodic log line and the final summary only. XJMSW_PROGRESS = True forces it on,
False turns it off; XJMSW_PROGRESS_INTERVAL sets the seconds between updates.

Numbers come from crawler.stats: downloader/response_count (pages fetched), the xjmsw/* counters the spider
and pipelines set (records written, failed fetches xjmsw/failed/*), the scheduler's queue and the downloads in
flight; under `xjmsw harvest`, articles new/updated/unchanged come from its session (crawler.xjmsw_harvest).
A log line printed while the progress line shows first clears it; the line is redrawn right after.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
import time
from collections import deque

from scrapy import signals
from scrapy.exceptions import NotConfigured

#: Stats keys, first present wins: `xjmsw harvest` counts new/unchanged articles; a plain crawl counts records.
NEW_KEYS = ("xjmsw/articles/new", "xjmsw/new", "xjmsw/harvest/new", "xjmsw/records_written")
UPDATED_KEYS = ("xjmsw/articles/updated", "xjmsw/updated", "xjmsw/harvest/updated")
UNCHANGED_KEYS = ("xjmsw/articles/unchanged", "xjmsw/unchanged", "xjmsw/harvest/unchanged", "xjmsw/articles/known")
#: Prefixes whose counters add up to "errors": URLs that failed for good, exceptions in callbacks.
ERROR_PREFIXES = ("xjmsw/failed/", "spider_exceptions/")

_CLEAR = "\r\x1b[K"


def _truthy(value) -> bool | None:
    """True/False for a setting's value, None for "auto"."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("", "auto"):
        return None
    return text in ("1", "true", "yes", "on")


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class ProgressLine:
    """Scrapy extension (EXTENSIONS in settings.py): the progress line on a terminal, nothing elsewhere."""

    def __init__(self, crawler, stream=None, interval: float = 1.0):
        self.crawler = crawler
        self.stats = crawler.stats
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = None
        self.shown = False
        self.loop = None
        self.samples: deque[tuple[float, int]] = deque(maxlen=11)  # (time, pages): rate over the last ~10 s
        self.lock = threading.RLock()
        self._wrapped: list[logging.Handler] = []

    @classmethod
    def from_crawler(cls, crawler, stream=None):
        stream = stream or sys.stderr
        wanted = _truthy(crawler.settings.get("XJMSW_PROGRESS", "auto"))
        # NotConfigured without a message: Scrapy disables the extension without a warning in cron's mail.
        if wanted is False or (wanted is None and not _isatty(stream)):
            raise NotConfigured
        extension = cls(crawler, stream, crawler.settings.getfloat("XJMSW_PROGRESS_INTERVAL", 1.0))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    # -- signals ------------------------------------------------------------------------------------------

    def spider_opened(self, spider=None):
        from twisted.internet import task

        self.started = time.monotonic()
        self._wrap_log_handlers()
        self.loop = task.LoopingCall(self.draw)
        self.loop.start(self.interval, now=True)

    def spider_closed(self, spider=None, reason=None):
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.draw(final=True)
        self._unwrap_log_handlers()

    # -- the line -----------------------------------------------------------------------------------------

    def _stat(self, keys) -> int:
        for key in keys:
            value = self.stats.get_value(key)
            if value is not None:
                return int(value)
        return 0

    def _articles(self) -> tuple[int, int, int]:
        """(new, updated, unchanged) articles: from the `xjmsw harvest` session when there is one (unchanged
        then includes the archived articles it did not fetch again), else from the stats."""
        session = getattr(self.crawler, "xjmsw_harvest", None)
        counts = getattr(session, "counts", None)
        if isinstance(counts, dict):
            skipped = len(getattr(session, "skipped", None) or ())
            return counts.get("new", 0), counts.get("updated", 0), counts.get("unchanged", 0) + skipped
        return self._stat(NEW_KEYS), self._stat(UPDATED_KEYS), self._stat(UNCHANGED_KEYS)

    def _errors(self) -> int:
        return sum(int(v) for k, v in self.stats.get_stats().items()
                   if k.startswith(ERROR_PREFIXES) and isinstance(v, (int, float)))

    def _queue(self) -> tuple[int | None, int]:
        """(requests waiting in the scheduler or None if unknown, downloads in flight)."""
        engine = getattr(self.crawler, "engine", None)
        queued = None
        scheduler = getattr(engine, "scheduler", None) if engine else None
        if scheduler is None and engine is not None:
            slot = getattr(engine, "slot", None) or getattr(engine, "_slot", None)
            scheduler = getattr(slot, "scheduler", None)
        try:
            queued = len(scheduler) if scheduler is not None else None
        except TypeError:
            queued = None
        if queued is None:
            enqueued = self.stats.get_value("scheduler/enqueued")
            if enqueued is not None:
                queued = max(0, int(enqueued) - int(self.stats.get_value("scheduler/dequeued", 0)))
        try:
            active = len(engine.downloader.active)
        except AttributeError:
            active = 0
        return queued, active

    def line(self, now: float | None = None, *, sample: bool = True) -> str:
        """The progress line; sample=False (a redraw between ticks) leaves the rate's samples alone."""
        now = time.monotonic() if now is None else now
        elapsed = now - (self.started if self.started is not None else now)
        pages = self._stat(("downloader/response_count",))
        if sample or not self.samples:
            self.samples.append((now, pages))
        (t0, p0), (t1, p1) = self.samples[0], self.samples[-1]
        rate = (p1 - p0) / (t1 - t0) if t1 > t0 else 0.0
        queued, active = self._queue()
        new, updated, unchanged = self._articles()
        parts = [f"[xjmsw] {_duration(elapsed)}", f"pages {pages:,}", f"new {new:,}"]
        if updated:
            parts.append(f"updated {updated:,}")
        parts += [
            f"unchanged {unchanged:,}",
            f"errors {self._errors():,}",
            f"queue {'?' if queued is None else f'{queued:,}'}+{active}",
            f"{rate:.1f} pages/s",
        ]
        return "  ".join(parts)

    def draw(self, final: bool = False, *, sample: bool = True) -> None:
        text = self.line(sample=sample)
        width = shutil.get_terminal_size((100, 24)).columns - 1
        if len(text) > width > 20:
            text = text[: width - 1] + "…"
        with self.lock:
            try:
                self.stream.write(_CLEAR + text + ("\n" if final else ""))
                self.stream.flush()
            except (OSError, ValueError):
                return
            self.shown = not final

    # -- log lines and the progress line share stderr ---------------------------------------------------

    def _wrap_log_handlers(self) -> None:
        """Clear the line before a log record is written to our stream, redraw it after."""
        for handler in logging.getLogger().handlers:
            if getattr(handler, "stream", None) is not self.stream or "emit" in vars(handler):
                continue
            original = handler.emit

            def emit(record, _original=original):
                with self.lock:
                    if self.shown:
                        try:
                            self.stream.write(_CLEAR)
                        except (OSError, ValueError):
                            pass
                        self.shown = False
                    _original(record)
                    if self.loop is not None and self.loop.running:
                        self.draw(sample=False)

            handler.emit = emit
            self._wrapped.append(handler)

    def _unwrap_log_handlers(self) -> None:
        for handler in self._wrapped:
            vars(handler).pop("emit", None)
        self._wrapped.clear()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
