"""End to end: a real `scrapy crawl xjmsw` against each fixture mirror served on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from conftest import FIXTURES, MIRRORS, codec_fits, load_expected, read_jsonl, run_crawl
from xjmsw_crawler.items import record_validator
from xjmsw_crawler.mirror import Mirror
from xjmsw_crawler.parsers.normalize import article_id

COMPARED = ("url", "title", "author", "source", "published", "category", "breadcrumb", "body", "images", "prev", "next", "pages")

pytestmark = pytest.mark.skipif(not MIRRORS, reason="no fixture mirror in fixtures/")


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """One crawl per mirror, shared by the tests below: (records, pipeline records, expected, log)."""
    from xjmsw_crawler.mirror import MirrorServer

    results = {}
    for mirror in MIRRORS:
        out = tmp_path_factory.mktemp(mirror) / "out.jsonl"
        with MirrorServer(FIXTURES / mirror) as server:
            done = run_crawl(server.base_url, out)
            assert done.returncode == 0, done.stderr[-3000:]
            results[mirror] = (
                read_jsonl(out), read_jsonl(out.with_suffix(".pipeline.jsonl")),
                load_expected(mirror, server.base_url), done.stderr,
            )
    return results


@pytest.mark.parametrize("mirror", MIRRORS)
def test_every_article_exactly_once(crawls, mirror):
    records, _, expected, _ = crawls[mirror]
    urls = [r["url"] for r in records]
    assert sorted(urls) == sorted(expected), "records differ from the mirror's articles"
    assert len({r["id"] for r in records}) == len(records)


@pytest.mark.parametrize("mirror", MIRRORS)
def test_every_field(crawls, mirror):
    records, _, expected, _ = crawls[mirror]
    validator = record_validator()
    site = Mirror(FIXTURES / mirror)
    problems = []
    for record in records:
        assert not list(validator.iter_errors(record)), record["url"]
        assert record["id"] == article_id(record["url"])
        assert record["sha256"] == hashlib.sha256(record["body"].encode()).hexdigest()
        assert codec_fits(record["encoding"], site.file(record["url"]).read_bytes()), record["encoding"]
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", record["fetched_at"])
        want = expected.get(record["url"])
        if want is None:
            continue
        for field in COMPARED:
            if record[field] != want[field]:
                problems.append(f"{record['url']} {field}: got {record[field]!r:.200} want {want[field]!r:.200}")
        assert "<script" not in record["body_html"] and "<iframe" not in record["body_html"]
        for image in record["images"]:
            assert image.replace("&", "&amp;") in record["body_html"]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("mirror", MIRRORS)
def test_feed_export_equals_pipeline_jsonl(crawls, mirror):
    """`-O out.jsonl` (Scrapy's feed export) and XJMSW_JSONL hold the same records, as real characters."""
    records, piped, _, _ = crawls[mirror]
    key = lambda r: r["url"]  # noqa: E731
    assert sorted(records, key=key) == sorted(piped, key=key)
    assert all("\\u" not in json.dumps(r, ensure_ascii=False) for r in piped)


@pytest.mark.parametrize("mirror", MIRRORS)
def test_errors_are_logged_and_counted_not_fatal(crawls, mirror):
    _, _, _, log = crawls[mirror]
    assert "Traceback" not in log
    assert "'xjmsw/pages/article'" in log


def test_framed_texts_are_fetched_with_their_article_and_a_missing_one_is_counted(crawls, tmp_path, serve):
    """Shells that frame their texts (holdout-iframebody): each page's framed document is fetched once, as its
    article's (ten frames over eight articles); the frame that answers 404 leaves its shell without text, logged
    and counted, and gives no record (a record's body is never empty); -a url fetches an article's frames too."""
    mirror = "holdout-iframebody"
    records, _, _, log = crawls[mirror]
    assert "'xjmsw/pages/framed_text': 10" in log and "'xjmsw/article_incomplete': 1" in log
    assert "'xjmsw/dropped/invalid': 1" in log and re.search(r"Failed \S+/content/2006/0816/1523\.htm: HTTP 404", log)
    assert not any(url.endswith("id=1523") for url in (r["url"] for r in records))
    server = serve(FIXTURES / mirror)
    want = next(r for url, r in load_expected(mirror, server.base_url).items() if url.endswith("?id=1455"))
    out = tmp_path / "one.jsonl"
    done = run_crawl(server.base_url, out, "-a", f"url={want['url']}")
    assert done.returncode == 0, done.stderr[-2000:]
    [record] = read_jsonl(out)
    assert {k: record[k] for k in COMPARED} == {k: want[k] for k in COMPARED} and record["pages"] == 3


def test_sparse_template_articles_found_through_listings(tmp_path, serve):
    """Articles with no 上一篇/下一篇 and no 作者 line are still articles when listings link to them; an
    "about us" page with the same prose-under-headline look is not."""
    import shutil

    mirror = tmp_path / "sparse"
    shutil.copytree(FIXTURES / "holdout-plain", mirror)
    pages = json.loads((mirror / "pages.json").read_text("utf-8"))
    for path, kind in pages.items():
        if kind in ("article", "continuation"):
            file = mirror / ("site" + path)
            html = file.read_bytes().decode("gb18030")
            html = re.sub(r"<li>(上一篇|下一篇).*?</li>", "", html)
            html = re.sub(r"作者:[^<&]*", "", html)
            file.write_bytes(html.encode("gb18030"))
    server = serve(mirror)
    out = tmp_path / "out.jsonl"
    done = run_crawl(server.base_url, out)
    assert done.returncode == 0, done.stderr[-2000:]
    records = read_jsonl(out)
    expected = load_expected("holdout-plain", server.base_url)
    lists = [re.search(r'<ul class="list">.*?</ul>', (mirror / ("site" + path)).read_text("gb18030"), re.S).group()
             for path, kind in pages.items() if kind == "listing"]
    listed = {server.base_url + href for html in lists
              for href in re.findall(r'href="(show\.php\?contentid=\d+)"', html)}
    listed = [url for url in expected if url in listed]  # the articles a listing's list (not its sidebar) links to
    assert len(listed) >= 4 and sorted(r["url"] for r in records) == sorted(listed)
    for record in records:
        want = expected[record["url"]]
        assert (record["title"], record["body"], record["published"]) == (want["title"], want["body"], want["published"])
        assert record["author"] is None
    assert sum(r["prev"] is None and r["next"] is None for r in records) >= 4


def test_url_argument_harvests_one_article_with_all_its_pages(tmp_path, serve):
    server = serve(FIXTURES / "mirror")
    expected = load_expected("mirror", server.base_url)
    multi = next(r for r in expected.values() if r["pages"] == 3)
    out = tmp_path / "one.jsonl"
    done = run_crawl(server.base_url, out, "-a", f"url={multi['url']}")
    assert done.returncode == 0, done.stderr[-2000:]
    records = read_jsonl(out)
    assert [r["url"] for r in records] == [multi["url"]]
    assert all(records[0][field] == multi[field] for field in COMPARED)


@pytest.mark.parametrize("mirror,wanted", [
    ("mirror", {"法治在线", "教育文化"}),
    # sub-categories under 新闻中心, each listing's heading repeating its breadcrumb's last item
    ("holdout-aspcms", {"社会民生"}),
])
def test_categories_argument_keeps_to_those_categories(tmp_path, serve, mirror, wanted):
    server = serve(FIXTURES / mirror)
    expected = load_expected(mirror, server.base_url)
    out = tmp_path / "cat.jsonl"
    done = run_crawl(server.base_url, out, "-a", "categories=" + ",".join(wanted))
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(r["url"] for r in read_jsonl(out)) == sorted(u for u, r in expected.items() if r["category"] in wanted)


def _crawl_moved_page(tmp_path, serve, refresh: str):
    """(crawl, the mirror's base URL, the article's path) of a crawl of holdout-plain from a page of its own that
    refreshes to one of its articles: refresh is the <meta> tag, its {target} the article's path."""
    import shutil

    mirror = tmp_path / "moved"
    shutil.copytree(FIXTURES / "holdout-plain", mirror)
    pages = json.loads((mirror / "pages.json").read_text("utf-8"))
    target = next(path for path, kind in pages.items() if kind == "article")
    (mirror / "site" / "old-link.html").write_bytes(
        f'<html><head>{refresh.format(target=target)}<title>页面已移动</title></head>'
        f'<body>页面已移动，正在跳转。</body></html>'.encode("gb18030"))
    server = serve(mirror)
    done = run_crawl(server.base_url, tmp_path / "out.jsonl", "-a", f"url={server.base_url.rstrip('/')}/old-link.html")
    assert done.returncode == 0, done.stderr[-2000:]
    return done, server.base_url, target


def test_meta_refresh_is_followed(tmp_path, serve):
    """A page that moved with <meta http-equiv="refresh"> (any case) leads to the article it names."""
    _, base_url, target = _crawl_moved_page(tmp_path, serve, '<META HTTP-EQUIV="Refresh" CONTENT="0; URL={target}">')
    url = base_url.rstrip("/") + target
    assert [r["url"] for r in read_jsonl(tmp_path / "out.jsonl")] == [url]
    assert read_jsonl(tmp_path / "out.jsonl")[0]["title"] == load_expected("holdout-plain", base_url)[url]["title"]


def test_a_mirrors_meta_refresh_to_the_portals_own_host_leads_to_the_mirrors_copy(tmp_path, serve):
    """A mirror's page that moved the reader on to http://www.xjmsw.cn/… (a refresh written as the portal printed it):
    the crawl goes to the mirror's copy of that page, not off-site."""
    refresh = '<meta http-equiv="refresh" content="3;url=http://www.xjmsw.cn{target}">'
    done, base_url, target = _crawl_moved_page(tmp_path, serve, refresh)
    assert [r["url"] for r in read_jsonl(tmp_path / "out.jsonl")] == [base_url.rstrip("/") + target]
    assert "xjmsw/portal_urls_localised" in done.stderr


def test_compression_a_server_gets_wrong_loses_no_page_silently(tmp_path, serve):
    """Three articles under `Content-Encoding: gzip`: one really gzipped (read), one plain HTML all the same (read as
    it is, counted; Scrapy alone would fail it with BadGzipFile), one gzipped twice (no browser shows it: no record,
    but a warning and a count, never a silent loss)."""
    import gzip
    import shutil

    mirror = tmp_path / "gzip"
    shutil.copytree(FIXTURES / "holdout-plain", mirror)
    headers_file = mirror / "headers.json"
    overrides = json.loads(headers_file.read_text("utf-8"))
    pages = json.loads((mirror / "pages.json").read_text("utf-8"))
    expected_paths = {rec["url"] for rec in read_jsonl(mirror / "expected.jsonl")}
    gzipped, plain, twice = [p for p in pages if p in expected_paths and pages[p] == "article"][:3]
    for path, times in ((gzipped, 1), (plain, 0), (twice, 2)):
        file = mirror / "site" / path.lstrip("/")
        body = file.read_bytes()
        for _ in range(times):
            body = gzip.compress(body)
        file.write_bytes(body)
        overrides.setdefault(path, {}).setdefault("headers", {})["Content-Encoding"] = "gzip"
    headers_file.write_text(json.dumps(overrides, ensure_ascii=False), "utf-8")
    server = serve(mirror)
    base = server.base_url.rstrip("/")

    out = tmp_path / "out.jsonl"
    done = run_crawl(server.base_url, out)
    assert done.returncode == 0, done.stderr[-2000:]
    expected = load_expected("holdout-plain", server.base_url)
    records = {r["url"]: r for r in read_jsonl(out)}
    for path in (gzipped, plain):
        assert records[base + path]["body"] == expected[base + path]["body"]
    assert base + twice not in records
    assert "'xjmsw/content_encoding/not_compressed': 1" in done.stderr
    assert "'xjmsw/content_encoding/compressed_twice': 1" in done.stderr
    assert "compressed twice" in done.stderr


def test_responses_aiohttp_refuses_are_fetched_with_twisted(tmp_path, serve):
    """An old server's odd headers (GBK bytes in a header value, as old IIS sites send) make aiohttp's handler
    fail; the crawl fetches that host with Scrapy's Twisted client instead and loses no article (with
    aiohttp's handler alone, it loses them all)."""
    import shutil

    pytest.importorskip("scrapy.core.downloader.handlers._aiohttp",
                        reason="Scrapy before 2.19 has no aiohttp handler: every request goes through Twisted")

    mirror = tmp_path / "odd-headers"
    shutil.copytree(FIXTURES / "holdout-plain", mirror)
    headers_file = mirror / "headers.json"
    overrides = json.loads(headers_file.read_text("utf-8"))
    gbk_value = "新疆民生网".encode("gbk").decode("latin-1")  # sent as the raw GBK bytes
    for path in json.loads((mirror / "pages.json").read_text("utf-8")):
        spec = overrides.setdefault(path, {})
        spec.setdefault("headers", {})["X-Site-Name"] = gbk_value
    headers_file.write_text(json.dumps(overrides, ensure_ascii=False), "utf-8")
    server = serve(mirror)
    expected = load_expected("holdout-plain", server.base_url)

    out = tmp_path / "out.jsonl"
    done = run_crawl(server.base_url, out)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(r["url"] for r in read_jsonl(out)) == sorted(expected)
    assert "'xjmsw/download/twisted_fallback': 1" in done.stderr

    aiohttp_only = "scrapy.core.downloader.handlers._aiohttp.AiohttpDownloadHandler"
    strict = tmp_path / "strict.jsonl"
    done = run_crawl(server.base_url, strict, "-s", f'DOWNLOAD_HANDLERS={{"http": "{aiohttp_only}"}}')
    assert len(read_jsonl(strict)) < len(expected)


def test_a_mirror_linking_the_portal_absolutely_is_crawled_within_itself(tmp_path, serve):
    """A copy of a site that printed absolute URLs (http://www.xjmsw.cn/…), saved by `wget -r` into a
    www.xjmsw.cn/ folder: its links, images and <base href> are the mirror's, and so are its records'."""
    import shutil

    mirror = tmp_path / "copy"
    shutil.copytree(FIXTURES / "mirror" / "site", mirror / "site" / "www.xjmsw.cn")
    for file in (mirror / "site").rglob("*"):
        if file.is_file() and b"<html" in file.read_bytes()[:2000].lower():
            html = re.sub(rb"""(href=["']?)/""", rb"\1http://www.xjmsw.cn/", file.read_bytes())
            html = re.sub(rb"""(src=["']?)/""", rb"\1//xjmsw.cn/", html)
            file.write_bytes(html.replace(b"<head>", b'<head><base href="http://www.xjmsw.cn/"/>', 1)
                             if file.parent.name == "www.xjmsw.cn" else html)
    headers = json.loads((FIXTURES / "mirror" / "headers.json").read_text("utf-8"))
    (mirror / "headers.json").write_text(json.dumps({"/www.xjmsw.cn" + path: h for path, h in headers.items()}), "utf-8")
    server = serve(mirror)
    base = server.base_url + "www.xjmsw.cn/"
    out = tmp_path / "out.jsonl"
    done = run_crawl(base, out)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = load_expected(FIXTURES / "mirror", base)
    records = {r["url"]: r for r in read_jsonl(out)}
    assert sorted(records) == sorted(expected)
    for url, want in expected.items():
        assert {f: records[url][f] for f in COMPARED} == {f: want[f] for f in COMPARED}, url


@pytest.mark.parametrize("slow", ["/omn/20200408/20200408A0M2TC00.html", "/rain/a/20200408A0M2TC00"])
def test_a_sparse_article_reached_both_directly_and_through_its_old_address_has_its_record(tmp_path, slow):
    """腾讯新闻's listings link an article's old /omn/….html address, which redirects to /rain/a/…, and its
    sidebars link /rain/a/… itself. Whichever answers first, the other is a repeat the dupefilter drops, and the
    article, which prints no 上一篇/下一篇, is still known for a listing's entry and recorded (a slow answer
    decides the order)."""
    from xjmsw_crawler.mirror import Faults, MirrorServer

    with MirrorServer(FIXTURES / "holdout-qqomn", faults=Faults(rate=0.0, permanent={slow: "slow"})) as server:
        out = tmp_path / "out.jsonl"
        done = run_crawl(server.base_url, out)
        expected = load_expected("holdout-qqomn", server.base_url)
    assert done.returncode == 0, done.stderr[-3000:]
    assert sorted(r["url"] for r in read_jsonl(out)) == sorted(expected)
