"""Scrapy extension: fewer garbage-collector passes over a crawl's long-lived objects.

A crawl allocates a few dozen objects a page (requests, responses, Deferreds, parsed records) and keeps tens
of thousands alive (the scheduler's queue, the dupefilter, the spider's sets). At Python's default threshold
(a collection every 700 allocations) the collector re-scans that heap over and over: on the 10,000-article
benchmark about 1,750 collections and 3.7 s of the crawl's ~25 CPU seconds. Here, once the engine has started,
everything allocated during start-up is frozen out of the collector's reach (gc.freeze) and the youngest
generation is collected every XJMSW_GC_THRESHOLD allocations: 265 collections, 0.7 s, the same peak memory
(bench/, README "Performance"). Reference cycles are still collected, only less often: a spider that leaves big
objects in cycles (parsel selectors holding lxml trees) would hold more of them at a time and should set 0.
"""

from __future__ import annotations

import gc

from scrapy import signals
from scrapy.exceptions import NotConfigured


class GcTuning:
    def __init__(self, threshold: int):
        self.threshold = threshold
        self.saved: tuple[int, int, int] | None = None

    @classmethod
    def from_crawler(cls, crawler):
        threshold = crawler.settings.getint("XJMSW_GC_THRESHOLD", 0)
        if threshold <= 0:
            raise NotConfigured
        extension = cls(threshold)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        crawler.signals.connect(extension.engine_stopped, signal=signals.engine_stopped)
        return extension

    def engine_started(self):
        self.saved = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(self.threshold, *self.saved[1:])

    def engine_stopped(self):
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            gc.unfreeze()
            self.saved = None
