"""`xjmsw report`: the numbers of the terminal report and of the HTML page, checked against the JSONL.

The test archive is made of real records (the fixture mirror's ground truth, fixtures/mirror/expected.jsonl,
completed with the derived fields) plus synthetic ones spread over three years, later versions, run manifests
and failures, laid out as `xjmsw harvest` lays out an archive folder. The other report tests
(test_validate.py, test_export.py) import build_archive from here.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, load_expected
from xjmsw_crawler.parsers.normalize import article_id
from xjmsw_crawler.parsers.record import RECORD_FIELDS
from xjmsw_crawler.report import NO_CATEGORY, NO_DATE, format_text, summarize

BASE = "http://www.xjmsw.cn"
CHROMIUM = Path("/usr/bin/chromium")


# -- building an archive --------------------------------------------------------------------------------------


def complete(record: dict, *, fetched_at: str = "2026-11-30T01:02:03Z", version: int | None = 1) -> dict:
    """A full record (README "The record") from the fields a fixture's expected.jsonl holds."""
    body = record["body"]
    full = {
        "id": article_id(record["url"]),
        "url": record["url"],
        "title": record["title"],
        "author": record.get("author"),
        "source": record.get("source"),
        "published": record.get("published"),
        "category": record.get("category"),
        "breadcrumb": record.get("breadcrumb", []),
        "body": body,
        "body_html": "".join(f"<p>{p}</p>" for p in body.split("\n")),
        "images": record.get("images", []),
        "prev": record.get("prev"),
        "next": record.get("next"),
        "pages": record.get("pages", 1),
        "encoding": "gb18030",
        "fetched_at": fetched_at,
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
    }
    # Fields added to the record since (e.g. archived_at, wayback_url for Wayback captures): null here.
    full = {name: full.get(name) for name in RECORD_FIELDS} | {"version": version}
    if version is None:
        del full["version"]
    return full


def mirror_records(base: str = BASE) -> list[dict]:
    """The fixture mirror's articles as the crawler archives them (absolute URLs on base)."""
    return [complete(r) for r in load_expected("mirror", base).values()]


SYNTHETIC_CATEGORIES = ["民生经济", "社会民生", "教育文化", "法治在线", "新疆旅游"]


def synthetic_records(n: int = 60, base: str = BASE) -> list[dict]:
    """n valid records published 2015-01 .. 2017-05, over five categories, some without author/source/date."""
    records = []
    for i in range(n):
        year, month = 2015 + (i * 29 // n) // 12, (i * 29 // n) % 12 + 1
        day = i % 27 + 1
        category = SYNTHETIC_CATEGORIES[i % 5] if i % 11 else None
        url = f"{base}/a/{year}/{month:02d}{day:02d}/{1000 + i}.html"
        published = None if i % 13 == 7 else (
            f"{year}-{month:02d}-{day:02d}" if i % 2 else f"{year}-{month:02d}-{day:02d}T09:{i % 60:02d}:00+08:00")
        records.append(complete({
            "url": url,
            "title": f"第{i}条测试新闻 标题",
            "author": None if i % 4 == 0 else f"记者{i}",
            "source": None if i % 6 == 0 else "新疆日报",
            "published": published,
            "category": category,
            "breadcrumb": ["首页", category] if category else ["首页"],
            "body": f"第一段，文章{i}。\n第二段：“引号”, commas, and \"quotes\".\n第三段 {i}",
            "images": [f"{base}/uploads/{i}.jpg"] if i % 5 == 0 else [],
            "prev": {"url": f"{base}/a/{year}/{month:02d}{day:02d}/{999 + i}.html", "title": f"上{i}"} if i else None,
            "next": None,
            "pages": 2 if i % 9 == 0 else 1,
        }, fetched_at=f"2026-11-{1 + i % 28:02d}T0{i % 10}:00:00Z"))
    return records


def edited(record: dict, version: int, fetched_at: str = "2026-11-30T05:00:00Z") -> dict:
    """A later version of record: its body changed."""
    body = record["body"] + f"\n（更正 v{version}）"
    return record | {"body": body, "sha256": hashlib.sha256(body.encode()).hexdigest(), "version": version,
                     "fetched_at": fetched_at}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def build_archive(root: Path) -> Path:
    """An archive folder as `xjmsw harvest` leaves it: articles.jsonl (with versions), runs/, failures.jsonl."""
    records = mirror_records() + synthetic_records()
    by_url = {r["url"]: r for r in records}
    first = records[:]
    # Edits: two articles get a version 2, one of them a version 3, appended by later runs.
    later = [edited(first[1], 2), edited(first[-2], 2), edited(first[1], 3, "2026-11-30T06:00:00Z")]
    write_jsonl(root / "articles.jsonl", first + later)
    runs = root / "runs"
    runs.mkdir()
    manifests = [
        ("20261101T000000Z", "2026-11-01T00:00:00Z", "2026-11-01T00:42:10Z", 0,
         {"fetched": 250, "new": len(first), "updated": 0, "unchanged": 0, "failed": 2, "dropped": 1}),
        ("20261129T000000Z", "2026-11-29T00:00:00Z", "2026-11-29T00:03:05Z", 0,
         {"fetched": 40, "new": 0, "updated": 2, "unchanged": 20, "failed": 0, "dropped": 0}),
        ("20261130T000000Z", "2026-11-30T00:00:00Z", "2026-11-30T00:01:00Z", 1,
         {"fetched": 12, "new": 0, "updated": 1, "unchanged": 5, "failed": 7, "dropped": 0}),
    ]
    for run_id, start, end, status, counts in manifests:
        (runs / f"{run_id}.json").write_text(json.dumps({
            "run_id": run_id, "start": start, "end": end, "exit_status": status, "base_url": BASE + "/",
            "counts": counts, "failed_urls": [{"url": f"{BASE}/x/{run_id}/{i}.html", "reason": "HTTP 500"}
                                              for i in range(counts["failed"])],
        }), "utf-8")
    failing = [f"{BASE}/gone/{i}.html" for i in range(3)] + [records[5]["url"]]
    write_jsonl(root / "failures.jsonl", [
        {"url": failing[0], "status": 404, "time": "2026-11-01T00:10:00Z"},
        {"url": failing[1], "exception": "TimeoutError: took too long", "time": "2026-11-01T00:11:00Z"},
        {"url": failing[2], "status": 500, "time": "2026-11-30T00:00:30Z"},
        {"url": failing[2], "status": 500, "time": "2026-11-30T00:00:40Z"},  # the same URL failed again
        {"url": failing[3], "status": 503, "time": "2026-10-01T00:00:00Z"},  # archived since
    ])
    assert len(by_url) == len(records)
    return root


def expected_numbers(jsonl: Path) -> dict:
    """The report's numbers computed the plain way from the JSONL: latest version of each id."""
    records = [json.loads(line) for line in jsonl.read_text("utf-8").splitlines() if line.strip()]
    latest: dict[str, dict] = {}
    for r in records:
        if r["id"] not in latest or r.get("version", 1) >= latest[r["id"]].get("version", 1):
            latest[r["id"]] = r
    articles = list(latest.values())
    return {
        "records": len(records),
        "articles": len(articles),
        "by_category": Counter(r["category"] or NO_CATEGORY for r in articles),
        "by_month": Counter(r["published"][:7] if r["published"] else NO_DATE for r in articles),
        "missing": {name: sum(not r[name] for r in articles) for name in ("author", "source", "published", "category", "images")},
        "edited": sum(1 for n in Counter(r["id"] for r in records).values() if n > 1),
        "multi_page": sum(r["pages"] > 1 for r in articles),
    }


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return build_archive(tmp_path_factory.mktemp("archive"))


def xjmsw(*args: str, cwd: Path = REPO, timeout: float = 300) -> subprocess.CompletedProcess:
    """The real console entry point in a subprocess."""
    return subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


# -- the numbers --------------------------------------------------------------------------------------------


def test_summary_numbers_match_the_jsonl(archive):
    want = expected_numbers(archive / "articles.jsonl")
    got = summarize(archive)
    assert got["records"] == want["records"]
    assert got["articles"] == want["articles"] == len(mirror_records()) + 60
    assert got["by_category"] == dict(want["by_category"])
    assert got["by_month"] == dict(want["by_month"])
    assert sum(got["by_month"].values()) == got["articles"]
    for name, missing in want["missing"].items():
        assert got["coverage"][name]["missing"] == missing, name
        assert got["coverage"][name]["present"] == want["articles"] - missing, name
    assert got["versions"]["edited_articles"] == want["edited"] == 2
    assert got["versions"]["extra_versions"] == 3
    assert got["versions"]["histogram"] == {"1": want["articles"] - 2, "2": 1, "3": 1}
    assert got["multi_page"] == want["multi_page"]
    assert (got["first_month"], got["last_month"]) == ("2015-01", "2017-06")
    assert got["bad_lines"] == []


def test_summary_reads_runs_and_failures(archive):
    got = summarize(archive)
    assert [r["run_id"] for r in got["runs"]] == ["20261101T000000Z", "20261129T000000Z", "20261130T000000Z"]
    first, _, last = got["runs"]
    assert first["counts"] == {"fetched": 250, "new": 92, "updated": 0, "unchanged": 0, "skipped": None, "failed": 2,
                               "dropped": 1}
    assert first["duration"] == 42 * 60 + 10 and first["status"] == 0 and first["failed_urls"] == 2
    assert last["status"] == 1 and last["counts"]["failed"] == 7
    failures = got["failures"]
    assert failures["entries"] == 5 and failures["urls"] == 4 and failures["since_archived"] == 1
    assert failures["by_reason"] == {"HTTP 404": 1, "TimeoutError: took too long": 1, "HTTP 500": 1, "HTTP 503": 1}
    assert summarize(archive, runs=2)["runs"] == got["runs"][-2:]


def test_terminal_report_prints_the_numbers(archive):
    want = expected_numbers(archive / "articles.jsonl")
    done = xjmsw("report", str(archive))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"{want['records']} records" in out
    assert f"{want['articles']} articles; 2 edited (3 later versions)" in out
    for category, count in want["by_category"].items():
        assert re.search(rf"^  {re.escape(category)} +{count} ", out, re.M), category
    # The year x month grid: every year's row adds up, and the totals add up to the dated articles.
    years = Counter()
    for month, count in want["by_month"].items():
        if month != NO_DATE:
            years[month[:4]] += count
    for year, count in years.items():
        assert re.search(rf"^  {year} .* {count}$", out, re.M), year
    assert f"{NO_DATE}: {want['by_month'][NO_DATE]}" in out
    for name, missing in want["missing"].items():
        assert re.search(rf"^  {name} +{want['articles'] - missing} have .* {missing} lack", out, re.M), name
    assert "Failures: 4 URLs in failures.jsonl (1 archived since)" in out
    assert "20261130T000000Z" in out and "0:42:10" in out


def test_report_json_output(archive):
    done = xjmsw("report", str(archive), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["articles"] == summarize(archive)["articles"]


def test_report_tolerates_missing_and_broken_files(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    text = format_text(summarize(empty))
    assert "no articles.jsonl yet" in text and "Failures: none recorded" in text and "no run manifests" in text

    broken = tmp_path / "broken"
    records = synthetic_records(5)
    write_jsonl(broken / "articles.jsonl", records)
    with (broken / "articles.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(synthetic_records(7)[6], ensure_ascii=False)[:50])  # a torn last line
    (broken / "runs").mkdir()
    (broken / "runs" / "bad.json").write_text("{not json", "utf-8")
    (broken / "runs" / "other-keys.json").write_text(json.dumps(
        {"started_at": "2026-11-30T00:00:00+00:00", "finished_at": "2026-11-30T00:00:09+00:00", "status": 75,
         "pages_fetched": 3, "articles_new": 1}), "utf-8")
    (broken / "failures.jsonl").write_text('{"url": "http://www.xjmsw.cn/a.html"}\nnot json\n', "utf-8")
    summary = summarize(broken)
    assert summary["articles"] == 5 and summary["bad_lines"][0]["line"] == 6
    assert "torn" in summary["bad_lines"][0]["error"]
    runs = {r["run_id"]: r for r in summary["runs"]}
    assert "unreadable" in runs["bad"]["error"]
    assert runs["other-keys"]["status"] == 75 and runs["other-keys"]["duration"] == 9
    assert runs["other-keys"]["counts"]["fetched"] == 3 and runs["other-keys"]["counts"]["new"] == 1
    assert summary["failures"]["urls"] == 1 and summary["failures"]["bad_lines"] == 1
    text = format_text(summary)
    assert "WARNING: 1 unreadable lines (first: line 6" in text
    assert xjmsw("report", str(tmp_path / "nowhere")).returncode == 2


# -- the HTML page -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def html_report(archive) -> Path:
    out = archive / "report.html"
    done = xjmsw("report", str(archive), "--html", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists() and "HTML report written to" in done.stdout
    return out


def _cells(page: str) -> list[list[str]]:
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)]


def test_html_is_self_contained(html_report):
    page = html_report.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "<link", "<iframe", "@import", "url(http", "src=\"http", "href=\"http", "src='http"):
        assert forbidden not in page, forbidden
    assert not re.search(r"""(src|href)\s*=\s*["']?//""", page)


def test_html_has_the_charts(html_report):
    pytest.importorskip("matplotlib")
    page = html_report.read_text("utf-8")
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) >= 4, "months, categories, coverage and runs charts"
    for svg in svgs:
        assert svg.count("<path") > 10
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "the inlined charts' ids clash"


def test_html_numbers_match_the_jsonl(html_report, archive):
    want = expected_numbers(archive / "articles.jsonl")
    page = html_report.read_text("utf-8")
    assert f"<b>{want['articles']}</b><span>articles</span>" in page
    assert f"<b>{want['records']}</b><span>records (all versions)</span>" in page
    assert f"<b>{want['edited']}</b><span>edited articles</span>" in page
    rows = _cells(page)
    for category, count in want["by_category"].items():
        assert [category, str(count), f"{100 * count / want['articles']:.1f}%"] in rows, category
    for name, missing in want["missing"].items():
        assert [name, str(want["articles"] - missing), str(missing)] == next(r[:3] for r in rows if r and r[0] == name)
    grid = {r[0]: [int(c) for c in r[1:]] for r in rows if r and re.fullmatch(r"\d{4}", r[0]) and len(r) == 14}
    for month, count in want["by_month"].items():
        if month != NO_DATE:
            assert grid[month[:4]][int(month[5:7]) - 1] == count, month
    assert sum(row[12] for row in grid.values()) == want["articles"] - want["by_month"][NO_DATE]


def test_chart_labels_use_a_cjk_font():
    pytest.importorskip("matplotlib")
    from xjmsw_crawler.report_html import chart_categories, cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font installed (Debian: fonts-noto-cjk); the charts fall back to boxes")
    svg = chart_categories({"by_category": {"民生经济": 3, "法治在线": 1}})
    # Text is drawn as glyph outlines whose ids name their font: the CJK font's, not DejaVu's boxes.
    glyph_fonts = {name.lower() for name in re.findall(r'id="categories-([A-Za-z][^"]*?)-[0-9a-f]+"', svg)}
    assert any(cjk_font().replace(" ", "").lower() in name for name in glyph_fonts), glyph_fonts


def test_html_without_matplotlib_has_tables(archive, monkeypatch, tmp_path):
    import xjmsw_crawler.report_html as report_html

    monkeypatch.setattr(report_html, "matplotlib_pyplot", lambda: None)
    page = report_html.render_html(summarize(archive))
    assert "<svg" not in page and "pip install" in page
    assert "<td>民生经济</td>" in page


def test_html_of_an_empty_archive(tmp_path):
    from xjmsw_crawler.report_html import render_html

    page = render_html(summarize(tmp_path))
    assert "<b>0</b><span>articles</span>" in page and "No dated articles." in page


# -- a real browser --------------------------------------------------------------------------------------------


def screenshot(page: Path, png: Path, profile: Path, size: str = "1280,2600") -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", f"--user-data-dir={profile}", f"--screenshot={png}", f"--window-size={size}",
         page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120,
    )


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (Debian: apt-get install chromium)")
def test_report_renders_in_headless_chromium(html_report, tmp_path):
    pytest.importorskip("matplotlib")
    Image = pytest.importorskip("PIL.Image")
    png = tmp_path / "report.png"
    done = screenshot(html_report, png, tmp_path / "profile")
    assert png.exists() and png.stat().st_size > 20_000, done.stderr[-2000:]
    shutil.copy(png, html_report.with_suffix(".png"))  # beside the report, to look at after a failure
    image = Image.open(png).convert("RGB")
    width, height = image.size
    assert (width, height) == (1280, 2600)
    colours = Counter({rgb: n for n, rgb in image.getcolors(maxcolors=width * height)})
    assert len(colours) > 200, "a blank or text-only page"

    # The charts' bar colours (report_html.PALETTE) cover real areas of the page: the charts were drawn.
    def near(rgb, hex_colour, tolerance=6):
        want = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return all(abs(a - b) <= tolerance for a, b in zip(rgb, want))

    from xjmsw_crawler.report_html import PALETTE

    for hex_colour in PALETTE[:5]:
        area = sum(n for rgb, n in colours.items() if near(rgb, hex_colour))
        assert area > 500, f"chart colour {hex_colour} covers only {area} pixels"


# -- the demo archive: a real crawl of the bundled mirror -------------------------------------------------------


@pytest.mark.skipif(not (FIXTURES / "mirror" / "site").is_dir(), reason="no fixture mirror in fixtures/mirror")
def test_report_on_the_demo_archive(tmp_path):
    out = tmp_path / "demo" / "articles.jsonl"
    done = xjmsw("demo", "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    want = expected_numbers(out)
    done = xjmsw("report", str(out.parent), "--html", str(tmp_path / "demo.html"))
    assert done.returncode == 0, done.stderr
    assert f"{want['articles']} articles;" in done.stdout
    for category, count in want["by_category"].items():
        assert re.search(rf"^  {re.escape(category)} +{count} ", done.stdout, re.M), category
    page = (tmp_path / "demo.html").read_text("utf-8")
    assert f"<b>{want['articles']}</b><span>articles</span>" in page
    assert xjmsw("validate", str(out)).returncode == 0


# -- a real harvest ---------------------------------------------------------------------------------------------


def _has_harvest() -> bool:
    from xjmsw_crawler.cli import COMMANDS

    return "harvest" in COMMANDS


@pytest.mark.skipif(not (FIXTURES / "mirror" / "site").is_dir(), reason="no fixture mirror in fixtures/mirror")
@pytest.mark.skipif(not _has_harvest(), reason="no `xjmsw harvest` command yet")
def test_report_reads_what_a_real_harvest_writes(serve, tmp_path):
    """Two `xjmsw harvest` runs on the mirror: the report's runs are the manifests' numbers, its articles the
    JSONL's, its failures failures.jsonl's."""
    server = serve(FIXTURES / "mirror")
    data = tmp_path / "data"
    for _ in range(2):
        done = xjmsw("harvest", "--base-url", server.base_url, "--data-dir", str(data), "-s", "DOWNLOAD_DELAY=0",
                     "-s", "AUTOTHROTTLE_ENABLED=0")
        assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    done = xjmsw("report", str(data), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    want = expected_numbers(data / "articles.jsonl")
    assert report["articles"] == want["articles"] > 0 and report["by_category"] == dict(want["by_category"])
    manifests = sorted((data / "runs").glob("*.json"))
    assert report["runs_total"] == len(manifests) == 2
    for run, path in zip(report["runs"], manifests):
        manifest = json.loads(path.read_text("utf-8"))
        assert run["status"] == manifest["exit_status"] == 0
        counts = manifest["counts"]
        assert run["counts"]["fetched"] == counts["pages_fetched"] > 0
        for name in ("new", "updated", "unchanged", "failed", "dropped"):
            assert run["counts"][name] == counts[name], name
    assert report["runs"][0]["counts"]["new"] == want["articles"]
    failed_urls = {json.loads(line)["url"] for line in (data / "failures.jsonl").read_text("utf-8").splitlines()
                   if line.strip()} if (data / "failures.jsonl").exists() else set()
    assert report["failures"]["urls"] == len(failed_urls)
    assert xjmsw("validate", str(data)).returncode == 0
