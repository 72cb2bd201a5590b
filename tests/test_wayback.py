"""The Wayback Machine source: CDX enumeration, raw captures, archived_at / wayback_url, against a fake CDX and
replay server on 127.0.0.1 that holds the fixture mirror as captures of http://www.xjmsw.cn/ (with an archive
redirect, a lost capture, a captured redirect, a captured 404 and 429s; xjmsw_crawler/wayback_fake.py)."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import FIXTURES, REPO, load_expected, read_jsonl
from xjmsw_crawler.wayback import (
    Captures,
    cdx_params,
    parse_cdx,
    parse_replay_url,
    rebase,
    replay_url,
    site_host,
    timestamp_iso,
)
from xjmsw_crawler.wayback_fake import FakeWaybackServer

MIRROR = FIXTURES / "mirror"
SITE = "http://www.xjmsw.cn/"
COMPARED = ("url", "title", "author", "source", "published", "category", "breadcrumb", "body", "images", "prev",
            "next", "pages")
HAVE_HARVEST = importlib.util.find_spec("xjmsw_crawler.commands.harvest") is not None
needs_mirror = pytest.mark.skipif(not (MIRROR / "expected.jsonl").exists(), reason="no fixture mirror")


# -- pure helpers ----------------------------------------------------------------------------------------------


def test_site_host_from_base_url():
    assert site_host("http://www.xjmsw.cn/") == "xjmsw.cn"
    assert site_host("www.xjmsw.cn") == "xjmsw.cn"
    assert site_host("http://127.0.0.1:8000/") == "127.0.0.1:8000"
    assert site_host("http://xjmsw.cn:80/") == "xjmsw.cn"


def test_timestamps_and_replay_urls():
    assert timestamp_iso("20170301080000") == "2017-03-01T08:00:00Z"
    assert timestamp_iso("2017") == "2017-01-01T00:00:00Z"
    assert replay_url("http://web.archive.org/", "20170301080000", "http://www.xjmsw.cn/a.html") == \
        "http://web.archive.org/web/20170301080000id_/http://www.xjmsw.cn/a.html"
    assert replay_url("http://web.archive.org", "2017", "http://x/", raw=False) == "http://web.archive.org/web/2017/http://x/"
    assert parse_replay_url("http://web.archive.org/web/20170301080000id_/http://www.xjmsw.cn/a.asp?ID=1") == \
        ("20170301080000", "http://www.xjmsw.cn/a.asp?ID=1")
    assert parse_replay_url("https://web.archive.org/web/2017/http:/www.xjmsw.cn/") == ("2017", "http://www.xjmsw.cn/")
    assert parse_replay_url("http://other.org/web/2017/http://x/", "http://web.archive.org") is None
    assert parse_replay_url("http://web.archive.org/cdx/search/cdx?url=x") is None
    assert rebase("http://xjmsw.cn:80/a/b.html?x=1", SITE) == "http://www.xjmsw.cn/a/b.html?x=1"


def test_cdx_query_and_answer():
    params = cdx_params("xjmsw.cn", from_="2015", to="2018", limit=500, resume_key="k 1")
    assert params["url"] == "xjmsw.cn/*" and params["output"] == "json" and params["filter"] == "statuscode:200"
    assert params["collapse"] == "urlkey" and params["from"] == "2015" and params["to"] == "2018"
    assert params["showResumeKey"] == "true" and params["resumeKey"] == "k 1"
    body = json.dumps([["urlkey", "timestamp", "original", "mimetype", "statuscode"],
                       ["cn,xjmsw)/", "20170101000000", "http://www.xjmsw.cn/", "text/html", "200"],
                       ["cn,xjmsw)/a.jpg", "20170101000001", "http://xjmsw.cn/a.jpg", "image/jpeg", "200"],
                       [], ["next-key"]]).encode()
    rows, key = parse_cdx(body)
    assert key == "next-key" and [r["timestamp"] for r in rows] == ["20170101000000", "20170101000001"]
    assert parse_cdx(b"") == ([], None)
    captures = Captures()
    for row in rows:
        captures.add(row)
    assert captures.page_urls() == ["http://www.xjmsw.cn/"]  # not the image
    assert captures.get("http://xjmsw.cn/") == [("20170101000000", "http://www.xjmsw.cn/")]  # any host variant


# -- a Wayback harvest against the fake server -------------------------------------------------------------------


def crawl_wayback(wayback_url: str, out: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "xjmsw_wayback", "-O", str(out),
        "-s", f"XJMSW_JSONL={out.with_suffix('.pipeline.jsonl')}", "-s", f"XJMSW_WAYBACK_URL={wayback_url}",
        "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8",
        "-s", "LOG_LEVEL=INFO", *args,
    ]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def wayback_crawl(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wayback")
    with FakeWaybackServer(MIRROR, SITE) as server:
        done = crawl_wayback(server.base_url, tmp / "out.jsonl", "-s", f"XJMSW_WARC_DIR={tmp / 'warc'}",
                             "-s", "XJMSW_RUN_ID=wb", "-s", "XJMSW_WAYBACK_CDX_LIMIT=20")
        fake = server.fake
        return tmp, done, read_jsonl(tmp / "out.jsonl"), server.base_url, list(fake.requests), dict(fake.quirks), fake


@needs_mirror
def test_recovers_every_article_of_the_mirror(wayback_crawl):
    tmp, done, records, _, _, _, _ = wayback_crawl
    assert done.returncode == 0, done.stderr[-3000:]
    expected = load_expected("mirror", SITE)
    got = {r["url"]: r for r in records}
    assert sorted(got) == sorted(expected)
    problems = [f"{url} {field}: {got[url][field]!r:.100} != {want[field]!r:.100}"
                for url, want in expected.items() for field in COMPARED if got[url][field] != want[field]]
    assert not problems, "\n".join(problems)
    assert "DNSLookupError" not in done.stderr  # nothing ever tried the (unreachable) site itself


@needs_mirror
def test_archived_at_and_wayback_url(wayback_crawl):
    _, _, records, base, _, quirks, fake = wayback_crawl
    listed = {}
    for capture in fake.captures:
        listed.setdefault(capture.url, []).append(capture.ts)
    for record in records:
        assert record["archived_at"] and record["wayback_url"]
        ts = datetime.strptime(record["archived_at"], "%Y-%m-%dT%H:%M:%SZ").strftime("%Y%m%d%H%M%S")
        assert record["wayback_url"] == f"{base}/web/{ts}/{record['url']}"
        assert ts in listed[record["url"]]
        assert record["fetched_at"] > record["archived_at"]
    by_url = {r["url"]: r for r in records}
    # The listed capture of one page was stored an hour later: the archive's redirect was followed.
    redirected = by_url[quirks["archive_redirect"]]
    first = min(listed[quirks["archive_redirect"]])
    assert redirected["archived_at"] == timestamp_iso(
        (datetime.strptime(first, "%Y%m%d%H%M%S") + timedelta(hours=1)).strftime("%Y%m%d%H%M%S"))
    # The listed capture of another was lost (404): a later capture of the same page was used.
    lost = by_url[quirks["lost_capture"]]
    assert lost["archived_at"] > timestamp_iso(min(listed[quirks["lost_capture"]]))
    # A captured redirect led to its article, once.
    assert quirks["moved"] not in by_url and quirks["moved_to"] in by_url


@needs_mirror
def test_cdx_queries_and_politeness(wayback_crawl):
    _, done, _, _, requests, _, _ = wayback_crawl
    cdx = [parse_qs(urlsplit(r).query) for r in requests if r.startswith("/cdx/search/cdx?")]
    prefix = [q for q in cdx if q["url"] == ["xjmsw.cn/*"]]
    assert len(prefix) >= 3  # a 429 retried, then paged with resumeKey (20 rows a page)
    assert all(q["output"] == ["json"] and q["filter"] == ["statuscode:200"] and q["collapse"] == ["urlkey"]
               for q in prefix)
    assert any("resumeKey" in q for q in prefix)
    assert "429" in done.stderr  # refused once for the CDX and once for a page: retried, nothing lost
    replays = [r for r in requests if r.startswith("/web/")]
    assert replays and all("id_/" in r for r in replays)  # raw captures only, never the toolbar page
    # Only captured URLs were asked for: nothing the CDX did not list (or a redirect did not point to).
    assert not [r for r in replays if "deleted.html" in r]


@needs_mirror
def test_wayback_warcs_record_the_real_exchanges_and_reparse(wayback_crawl, tmp_path):
    tmp, _, records, base, _, _, _ = wayback_crawl
    files = sorted((tmp / "warc").glob("wb-*.warc.gz"))
    check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", *map(str, files)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:]
    from xjmsw_crawler.archive.replay import WarcIndex

    index = WarcIndex(files)
    assert index.warcinfo[0]["source"] == "wayback" and index.warcinfo[0]["wayback_url"] == base
    uris = set(index.by_url)
    assert all(u.startswith(base + "/") for u in uris)  # recorded under the URLs really fetched
    assert any("/cdx/search/cdx?" in u for u in uris)
    # Re-extraction from these WARC files alone gives the same records (the fake server is gone now).
    out = tmp_path / "re.jsonl"
    done = subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", "reparse", str(tmp / "warc"), "-o", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    live = {r["id"]: r for r in read_jsonl(tmp / "out.pipeline.jsonl")}
    again = {r["id"]: r for r in read_jsonl(out)}
    assert live == again


@needs_mirror
def test_capture_window(tmp_path):
    with FakeWaybackServer(MIRROR, SITE) as server:
        done = crawl_wayback(server.base_url, tmp_path / "out.jsonl", "-s", "XJMSW_WAYBACK_FROM=2019")
        requests = list(server.fake.requests)
    assert done.returncode == 0, done.stderr[-2000:]
    records = read_jsonl(tmp_path / "out.jsonl")
    assert records and len(records) < len(load_expected("mirror", SITE))
    assert all(r["archived_at"].startswith("2019") for r in records)
    assert any("from=2019" in r for r in requests)


@needs_mirror
def test_cdx_server_down_fails_clearly(tmp_path):
    done = crawl_wayback("http://127.0.0.1:9", tmp_path / "out.jsonl", "-s", "RETRY_TIMES=0")
    assert "did not answer" in done.stderr and "wayback_cdx_failed" in done.stderr


@needs_mirror
@pytest.mark.skipif(not HAVE_HARVEST, reason="xjmsw harvest (issue 3) not present")
def test_harvest_source_wayback(tmp_path):
    data = tmp_path / "data"
    with FakeWaybackServer(MIRROR, SITE) as server:
        done = subprocess.run(
            [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--source", "wayback", "--wayback-url",
             server.base_url, "--from", "2016", "--to", "2020", "--data-dir", str(data), "-s", "DOWNLOAD_DELAY=0",
             "-s", "AUTOTHROTTLE_ENABLED=0"],
            cwd=REPO, capture_output=True, text=True, timeout=600)
        base = server.base_url
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    records = read_jsonl(data / "articles.jsonl")
    expected = load_expected("mirror", SITE)
    assert sorted(r["url"] for r in records) == sorted(expected)
    assert all(r["archived_at"] and r["wayback_url"].startswith(base + "/web/") for r in records)
    for record in records:
        for field in COMPARED:
            assert record[field] == expected[record["url"]][field], (record["url"], field)
    files = sorted((data / "warc").glob("*.warc.gz"))
    assert files
    manifest = json.loads(sorted((data / "runs").glob("*.json"))[-1].read_text("utf-8"))
    assert manifest["source"] == "wayback"
    assert all(f.name.startswith(manifest["run"] + "-") for f in files)
