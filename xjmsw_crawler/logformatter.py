"""Scrapy's log formatter (LOG_FORMATTER), minus the per-page and per-record DEBUG lines that LOG_LEVEL hides.

Scrapy builds a log record for every "Crawled (200)" and every "Scraped from" (which carries the whole record)
and lets the handler drop it when LOG_LEVEL is INFO or above; on a fast crawl that is a measurable share of the
CPU (bench/, README "Performance"). Returning None tells Scrapy not to log at all.
"""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


class QuietLogFormatter(LogFormatter):
    def __init__(self, debug: bool = True):
        super().__init__()
        self.debug = debug

    @classmethod
    def from_crawler(cls, crawler):
        level = crawler.settings.get("LOG_LEVEL") or "DEBUG"  # a name ("INFO") or a number, as Scrapy takes it
        number = level if isinstance(level, int) else logging.getLevelName(str(level).upper())
        return cls(debug=not isinstance(number, int) or number <= logging.DEBUG)

    def crawled(self, request, response, spider):
        return super().crawled(request, response, spider) if self.debug else None

    def scraped(self, item, response, spider):
        return super().scraped(item, response, spider) if self.debug else None
