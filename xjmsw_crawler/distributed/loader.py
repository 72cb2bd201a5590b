"""SPIDER_LOADER_CLASS of the project: Scrapy's loader, except that with XJMSW_REDIS_URL set the spider `xjmsw` is
its distributed form (spider.RedisXjmswSpider), so `scrapy crawl xjmsw -s XJMSW_REDIS_URL=redis://…` and
`xjmsw harvest --redis redis://…` need no other spider name. scrapy-redis is imported only then."""

from __future__ import annotations

from scrapy.spiderloader import SpiderLoader as ScrapySpiderLoader


class SpiderLoader(ScrapySpiderLoader):
    def __init__(self, settings):
        super().__init__(settings)
        self.redis_url = settings.get("XJMSW_REDIS_URL") or ""

    def load(self, spider_name: str):
        spidercls = super().load(spider_name)
        if self.redis_url and spidercls.name == "xjmsw":
            from xjmsw_crawler.spiders.xjmsw import XjmswSpider

            if spidercls is XjmswSpider:
                from .spider import RedisXjmswSpider

                return RedisXjmswSpider
        return spidercls
