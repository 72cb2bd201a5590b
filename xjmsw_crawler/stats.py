"""STATS_CLASS: Scrapy's in-memory stats collector, without the cost of Scrapy 2.19's deprecation shim.

Scrapy 2.19's StatsCollector routes every attribute access through a __getattribute__ that first looks for a
cached wrapper (an AttributeError raised and caught for each `self._stats`) and wraps each public method in a
check for a `spider` argument. A crawl increments a dozen counters a page (Scrapy's downloader stats, the
engine's, the project's): with the shim that was ~8% of the crawl's own process on the benchmark mirror
(bench/, README "Performance"). The methods, their arguments and the stats themselves are Scrapy's.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class FastStatsCollector(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
