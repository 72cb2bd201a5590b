"""The item pipelines on real records: invalid ones are dropped with their reason, counted, never silent."""

from __future__ import annotations

import logging

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from conftest import FIXTURES
from xjmsw_crawler.items import record_validator
from xjmsw_crawler.parsers import build_record, extract_article
from xjmsw_crawler.pipelines import DedupePipeline, NormalizePipeline, ValidatePipeline

SEED_PAGE = FIXTURES / "mirror" / "site" / "a" / "msjj" / "2017" / "0620" / "89.html"
URL = "http://www.xjmsw.cn/a/msjj/2017/0620/89.html"


@pytest.fixture
def record():
    article, encoding = extract_article(URL, SEED_PAGE.read_bytes())
    return build_record(article, url=URL, encoding=encoding, fetched_at="2026-11-30T00:00:00Z")


@pytest.fixture
def crawler():
    crawler = get_crawler()
    crawler.stats.open_spider()
    return crawler


def test_a_valid_record_passes_every_stage(record, crawler):
    item = NormalizePipeline().process_item(dict(record))
    assert ValidatePipeline(crawler.stats).process_item(item) is item
    assert DedupePipeline(crawler.stats).process_item(item) is item
    assert not list(record_validator().iter_errors(item))


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"pages": 0}, "pages"),
        ({"published": "20.6.2017"}, "published"),
        ({"id": "not-an-id"}, "id"),
        ({"body": ""}, "body"),
        ({"prev": {"url": "/relative.html", "title": "x"}}, "prev"),
        ({"unknown_field": 1}, "Additional properties"),
    ],
)
def test_an_invalid_record_is_dropped_logged_and_counted(record, crawler, change, reason, caplog):
    pipeline = ValidatePipeline(crawler.stats)
    with caplog.at_level(logging.WARNING), pytest.raises(DropItem, match=reason):
        pipeline.process_item(record | change)
    assert crawler.stats.get_value("xjmsw/dropped/invalid") == 1
    assert URL in caplog.text and reason in caplog.text


def test_a_second_record_for_one_article_is_dropped_as_duplicate(record, crawler):
    dedupe = DedupePipeline(crawler.stats)
    dedupe.process_item(record)
    with pytest.raises(DropItem, match="duplicate"):
        dedupe.process_item(dict(record))
    assert crawler.stats.get_value("xjmsw/dropped/duplicate") == 1
