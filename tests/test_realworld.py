"""Extraction quality on the shared real-world GB corpus (../shared/realworld, or $XJMSW_SHARED/realworld).

The corpus is never copied into the repo; without it these tests skip. Targets (bench/realworld_eval.py):
body similarity mean >= 0.80 and >= 25 pages at >= 0.9, >= 31/35 exact titles, no U+FFFD except on the
one page with broken bytes, the trafilatura page's with/without snippets, and extraction speed.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _load_eval():
    spec = importlib.util.spec_from_file_location("realworld_eval", REPO / "bench" / "realworld_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rw = _load_eval()
REALWORLD = rw.shared_dir() / "realworld"

pytestmark = pytest.mark.skipif(
    not (REALWORLD / "MANIFEST.tsv").is_file(),
    reason=f"real-world corpus not found at {REALWORLD} (set XJMSW_SHARED to the shared/ folder)",
)


@pytest.fixture(scope="module")
def report():
    return rw.evaluate(REALWORLD)


def _table(rep, key="sim", below=0.9):
    return "\n".join(f"  {r['path']}: {r[key]:.3f}" for r in rep["pages"]
                     if r.get(key) is not None and r[key] < below)


def test_corpus_is_complete(report):
    assert report["n_articles"] == 35
    assert report["n_sim"] == 33


def test_body_similarity_mean(report):
    assert report["mean"] >= rw.TARGETS["mean"], f"mean {report['mean']:.3f}; pages below 0.9:\n{_table(report)}"


def test_body_similarity_most_pages_high(report):
    assert report["ge90"] >= rw.TARGETS["ge90"], f"{report['ge90']}/33 >= 0.9; below:\n{_table(report)}"


def test_titles_exact(report):
    misses = [(r["path"], r["title"], r["want_title"]) for r in report["pages"] if not r["title_ok"]]
    assert report["titles"] >= rw.TARGETS["titles"], "\n".join(map(str, misses))


def test_no_replacement_characters(report):
    assert report["fffd"] == []


def test_trafilatura_snippets(report):
    assert report["snippets"] == []
    assert any(r["snippets_ok"] for r in report["pages"])


def test_non_article_pages_are_not_articles():
    from xjmsw_crawler.parsers import parse_page

    with open(REALWORLD / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["has_article"] == "no"]
    assert rows
    for row in rows:
        page = parse_page(rw.page_url(row, None), (REALWORLD / row["path"]).read_bytes())
        assert page.kind != "article", row["path"]


def test_news_articles_are_articles():
    from xjmsw_crawler.parsers import parse_page

    with open(REALWORLD / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["page_kind"] == "news-article"]
    kinds = {r["path"]: parse_page(rw.page_url(r, None), (REALWORLD / r["path"]).read_bytes()).kind for r in rows}
    wrong = {p: k for p, k in kinds.items() if k != "article"}
    assert len(wrong) <= 3, wrong
