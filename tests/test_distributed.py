"""Distributed harvests (`xjmsw harvest --redis`, scrapy-redis) with a real redis-server and real processes.

Each test starts its own redis-server on a free 127.0.0.1 port (no persistence, a temporary dir) and stops it.
Three workers harvest a mirror they have never seen while one of them is killed with kill -9 in the middle;
`xjmsw merge` then holds every article exactly once, and the killed worker's requests in flight were put back
into the queue by the others. A second run in Redis mode is incremental as a single-host one (no article page
fetched, nothing added; a new article found, an edit becomes version 2). `scrapy crawl xjmsw -s
XJMSW_REDIS_URL=…` shares the crawl the same way and canonical URLs still dedupe. The recheck of `xjmsw merge`
finds a lost record, and a follow-up run fetches it.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import (FIXTURES, REPO, add_article, bench_module, check_versions, copy_mirror, edit_article, fetched_kinds,
                      load_expected, page_kinds, read_jsonl, synthetic_mirror, wait_for)
from xjmsw_crawler.mirror import MirrorServer

REDIS_SERVER = shutil.which("redis-server") or next(
    (p for p in ("/usr/bin/redis-server", "/usr/local/bin/redis-server") if os.access(p, os.X_OK)), None)
try:
    import redis
    import scrapy_redis  # noqa: F401
except ImportError:  # pragma: no cover - the test extra installs both
    redis = None

pytestmark = [
    pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server not found (.ci/run installs Debian's redis-server)"),
    pytest.mark.skipif(redis is None, reason="scrapy-redis / redis-py not installed (pip install '.[distributed]')"),
]

MIRROR = FIXTURES / "mirror"
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2",
        "-s", "XJMSW_REDIS_HEARTBEAT=3")
ARTICLE_KINDS = ("article", "continuation")


# -- fixtures and helpers ---------------------------------------------------------------------------------------


@pytest.fixture
def redis_url():
    """A redis-server of its own on a free 127.0.0.1 port, no persistence; stopped after the test."""
    with bench_module("servers").redis_server(REDIS_SERVER) as url:
        yield url


def worker_cmd(url: str, base: str, data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--redis", url, "--base-url", base,
            "--data-dir", str(data), *FAST, *args]


def run_workers(url: str, base: str, data: Path, count: int, *args: str, timeout: float = 240) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen(worker_cmd(url, base, data, "--worker-id", f"w{i + 1}", *args), cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(count)]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def merge(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", "merge", str(data), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=240)


def compare_to_expected(records: list[dict], mirror: Path, base: str) -> None:
    """The fields the parsers decide, as the mirror's expected records say (multi-page bodies whole)."""
    expected = load_expected(mirror, base)
    latest = {r["url"]: r for r in records}
    for url, want in expected.items():
        got = latest[url]
        for name in ("title", "body", "pages", "published"):
            assert got[name] == want[name], (url, name)


def lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def merged_manifest(data: Path) -> dict:
    runs = [json.loads(p.read_text()) for p in (data / "runs").glob("*.json")]
    return max(runs, key=lambda m: m["started"] or "")


# -- the acceptance: three workers, one killed -------------------------------------------------------------------


def test_three_workers_one_killed_with_kill_9_merge_holds_every_article_once(tmp_path, redis_url):
    mirror = synthetic_mirror(tmp_path, 150)
    data = tmp_path / "data"
    client = redis.Redis.from_url(redis_url)
    with MirrorServer(mirror, delay=0.03) as server:
        base = server.base_url
        urls = list(load_expected(mirror, base))
        procs = {f"w{i}": subprocess.Popen(worker_cmd(redis_url, base, data, "--worker-id", f"w{i}",
                                                      "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"),
                                           cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i in (1, 2, 3)}
        victim = data / "shards" / "w2" / "articles.jsonl"

        def victim_busy() -> bool:
            if lines(victim) < 3:
                return False
            runs = [k for k in client.scan_iter(match="xjmsw:data:*:inflight:w2")]
            return any(client.hlen(k) for k in runs)

        wait_for(victim_busy, what="worker w2 to archive a few articles with requests in flight")
        in_flight = sum(client.hlen(k) for k in client.scan_iter(match="xjmsw:data:*:inflight:w2"))
        procs["w2"].send_signal(signal.SIGKILL)
        procs["w2"].wait(timeout=30)
        killed_with = lines(victim)
        assert 0 < killed_with < len(urls), "w2 was not killed mid-harvest"

        results = {}
        for name in ("w1", "w3"):
            out, err = procs[name].communicate(timeout=300)
            results[name] = (procs[name].returncode, out, err)
            assert procs[name].returncode == 0, err[-3000:]
        assert "last worker" in results["w1"][1] + results["w3"][1]
        # Every page was asked for once per run, save what the killed worker had in flight (asked again).
        paths = [r["path"] for r in server.requests if r["path"] != "/robots.txt"]
        # (what it had in flight when checked, and what it may have taken in the instant before the kill)
        assert len(paths) - len(set(paths)) <= in_flight + 8, "pages fetched twice beyond the killed worker's in-flight ones"

    done = merge(data)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    assert "every one of the" in done.stdout
    records = check_versions(data / "articles.jsonl", urls)
    assert all(r["version"] == 1 for r in records)
    compare_to_expected(records, mirror, base)

    # The shards together held everything, the killed worker's part included; its in-flight requests were put
    # back by a survivor; the run was closed and its queue and dupefilter removed.
    shard_records = sum(lines(p) for p in (data / "shards").glob("*/articles.jsonl"))
    assert shard_records >= len(urls)
    run = merged_manifest(data)
    statuses = {w["worker"]: w["status"] for w in run["workers"]}
    assert statuses == {"w1": "finished", "w2": "killed", "w3": "finished"}, statuses
    assert run["recovered_requests"] > 0
    assert run["recheck"]["missing"] == [] and run["recheck"]["listed"] > 0
    assert run["status"] == "merged" and run["exit_status"] == 0
    assert not client.exists("xjmsw:data:run")
    assert not list(client.scan_iter(match=f"xjmsw:data:{run['run']}:*"))
    assert any(w["warc"] for w in run["workers"])
    shard_warcs = {p.name for p in (data / "shards").glob("*/warc/*.warc.gz")}
    assert shard_warcs and {p.name for p in (data / "warc").glob("*.warc.gz")} == shard_warcs
    # The warnings the project can quiet are quiet.
    for log in (data / "shards").glob("w[13]/logs/*.log"):
        text = log.read_text()
        assert "ScrapyDeprecationWarning" not in text, [l for l in text.splitlines() if "Deprecation" in l][:3]
        assert "String request is deprecated" not in text

    # Merging again adds nothing.
    before = (data / "articles.jsonl").read_bytes()
    again = merge(data)
    assert again.returncode == 0 and (data / "articles.jsonl").read_bytes() == before


# -- incremental ------------------------------------------------------------------------------------------------


def test_second_redis_run_is_incremental_as_on_one_host(tmp_path, redis_url):
    mirror = copy_mirror(tmp_path)
    data = tmp_path / "data"
    kinds = page_kinds(mirror)
    with MirrorServer(mirror) as server:
        base = server.base_url
        urls = list(load_expected(mirror, base))

        # Run 1, two workers: everything.
        for result in run_workers(redis_url, base, data, 2):
            assert result.returncode == 0, result.stderr[-3000:]
        assert merge(data).returncode == 0
        records = check_versions(data / "articles.jsonl", urls)
        compare_to_expected(records, mirror, base)
        before = (data / "articles.jsonl").read_bytes()

        # Run 2, two workers: the listings are walked, no article page is fetched, nothing is added.
        mark = len(server.requests)
        for result in run_workers(redis_url, base, data, 2):
            assert result.returncode == 0, result.stderr[-3000:]
        fetched = fetched_kinds(server, mark, kinds)
        assert not [p for kind, p in fetched if kind in ARTICLE_KINDS], fetched
        assert any(kind == "listing" for kind, _ in fetched)
        done = merge(data)
        assert done.returncode == 0, done.stderr
        assert (data / "articles.jsonl").read_bytes() == before

        # One article added, one edited: run 3 fetches exactly the new one (version 1); --full the edit (v2).
        new_path = "/a/msjj/2017/0621/990.html"
        add_article(mirror, "/a/msjj/", "/a/msjj/2017/0621/90.html", new_path, "乌鲁木齐新建社区食堂二十家")
        edited = "/Article/ShowArticle.asp?ArticleID=110"
        edit_article(mirror, edited, "（本文于次日更新：补充了最新数据。）")
        server.refresh()
        mark = len(server.requests)
        for result in run_workers(redis_url, base, data, 2):
            assert result.returncode == 0, result.stderr[-3000:]
        articles = [p for kind, p in fetched_kinds(server, mark, kinds) if kind in (*ARTICLE_KINDS, "unknown")
                    and p != "/robots.txt" and "/wzgg/2016/1230/5.html" not in p]  # (a dead link, 404 each run)
        assert articles == [new_path], articles
        assert merge(data).returncode == 0
        records = check_versions(data / "articles.jsonl", [*urls, base.rstrip("/") + new_path])
        added = records[len(urls):]
        assert [(r["url"], r["version"]) for r in added] == [(base.rstrip("/") + new_path, 1)]

        for result in run_workers(redis_url, base, data, 2, "--full"):
            assert result.returncode == 0, result.stderr[-3000:]
        assert merge(data).returncode == 0
        records = check_versions(data / "articles.jsonl")
        changed = records[len(urls) + 1:]
        assert len(changed) == 1
        old = next(r for r in records if r["url"] == base.rstrip("/") + edited)
        assert (changed[0]["id"], changed[0]["version"]) == (old["id"], 2)
        assert changed[0]["sha256"] != old["sha256"] and "本文于次日更新" in changed[0]["body"]


# -- scrapy crawl with the setting; canonical URLs; the JSON seeds; pickled multi-page state -------------------


def test_scrapy_crawl_with_xjmsw_redis_url_shares_the_crawl_and_dedupes_canonical_urls(tmp_path, redis_url):
    mirror = copy_mirror(tmp_path)
    article = "/a/msjj/2017/0621/90.html"
    home = mirror / "site" / "index.html"
    variants = [f"{article}?utm_source=weibo&utm_medium=share", f"{article}#comments", f"{article}?spm=1.2.3"]
    links = "".join(f'<a href="{v}">x</a> ' for v in variants)
    home.write_bytes(home.read_bytes().replace(b"</body>", links.encode() + b"</body>"))
    with MirrorServer(mirror, delay=0.2) as server:  # slow enough that the second crawl joins the first's run
        base = server.base_url
        outs = [tmp_path / f"out{i}.jsonl" for i in (1, 2)]
        procs = [subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={base}", "-O", str(out),
             "-s", f"XJMSW_REDIS_URL={redis_url}", "-s", "XJMSW_REDIS_HARVEST=crawl-test",
             "-s", f"XJMSW_JSONL={out.with_suffix('.pipeline.jsonl')}", *FAST],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for out in outs]
        errs = [p.communicate(timeout=240)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [e[-3000:] for e in errs]
        asked = [r["path"] for r in server.requests]
    parts = [read_jsonl(out) for out in outs]
    runs = {line.rsplit(" run ", 1)[1].split()[0] for err in errs for line in err.splitlines()
            if "xjmsw_crawler.distributed.context" in line and (" joined run " in line or " started run " in line)}
    assert len(runs) == 1, f"the two crawls should be in one run: {runs}"
    got = [r["url"] for part in parts for r in part]
    assert len(got) == len(set(got)), "an article was written by both crawls"
    expected = load_expected("mirror", base)
    assert sorted(got) == sorted(expected)
    for part in parts:
        for r in part:
            assert r["body"] == expected[r["url"]]["body"] and r["pages"] == expected[r["url"]]["pages"]
    # The article linked under four spellings was fetched once.
    assert asked.count(article) == 1, [p for p in asked if p.startswith(article)]
    assert not [p for p in asked if "utm_" in p or "spm=" in p]
    for err in errs:
        assert "ScrapyDeprecationWarning" not in err, [l for l in err.splitlines() if "Deprecation" in l][:3]
    client = redis.Redis.from_url(redis_url)
    assert not client.exists("xjmsw:crawl-test:run"), "the last crawl out closes the run"


def test_seeds_are_json_requests_and_multi_page_state_survives_the_queue(redis_url):
    """Unit-level, on the real Redis: the seed format, the fingerprinter the dupefilter uses, and a page-2
    request carrying parsed Article objects through the pickled queue and back."""
    from scrapy.utils.test import get_crawler

    from xjmsw_crawler.distributed.context import RedisHarvest, attach, detach
    from xjmsw_crawler.distributed.scheduler import RedisDupeFilter
    from xjmsw_crawler.distributed.spider import RedisXjmswSpider
    from xjmsw_crawler.parsers.model import Article, Link

    ctx = RedisHarvest(redis_url, "unit", "u1")
    ctx.join()
    try:
        assert ctx.claim_seed() and ctx.seeder
        other = RedisHarvest(redis_url, "unit", "u2")
        other.join()
        assert other.run_id == ctx.run_id and not other.claim_seed()
        other.leave()
        ctx.push_seeds([{"url": "http://example.org/", "meta": {"role": "home"}, "priority": 20}])
        raw = ctx.client.lrange(ctx.run_key("start_urls"), 0, -1)
        assert [json.loads(x) for x in raw] == [{"url": "http://example.org/", "meta": {"role": "home"}, "priority": 20}]

        attach(ctx)  # as `xjmsw harvest --redis` hands its handle to the crawl
        crawler = get_crawler(RedisXjmswSpider, {"XJMSW_REDIS_URL": redis_url, "XJMSW_REDIS_HARVEST": "unit",
                                                 "XJMSW_WORKER_ID": "u1"})
        spider = RedisXjmswSpider.from_crawler(crawler, base_url="http://example.org/")
        request = spider.make_request_from_data(raw[0])
        assert (request.url, request.priority, request.meta["role"], request.dont_filter) == (
            "http://example.org/", 20, "home", False)
        assert request.callback == spider.parse and request.errback == spider.on_error
        bare = spider.make_request_from_data(b"http://example.org/a.html?utm_source=x#y")
        assert bare.url == "http://example.org/a.html"

        # The dupefilter fingerprints with the crawler's REQUEST_FINGERPRINTER.
        crawler._apply_settings()  # stats, the fingerprinter (get_crawler may have done it)
        dupefilter = RedisDupeFilter.from_crawler(crawler)
        one = spider.request("http://example.org/a.html?b=2&a=1#x", 10)
        two = spider.request("http://EXAMPLE.org:80/a.html?b=2&a=1&utm_source=y", 10)
        assert dupefilter.request_fingerprint(one) == crawler.request_fingerprinter.fingerprint(one).hex()
        assert not dupefilter.request_seen(one) and dupefilter.request_seen(two)

        # Page 2 of an article: its state (parsed Article objects) goes through the queue whole.
        from scrapy_redis.queue import PriorityQueue

        page1 = Article("标题", "记者", "新疆日报", "2017-06-21", "民生经济", ["首页", "民生经济"], ["第一段"],
                        "<p>第一段</p>", [], Link("http://example.org/1.html", "上一篇"), None, 1,
                        ["http://example.org/9.html", "http://example.org/9_2.html"])
        state = {"url": "http://example.org/9.html", "articles": [page1], "page_urls": page1.page_urls,
                 "encoding": "gb18030", "fetched_at": "2026-11-30T01:02:03Z", "listing_date": None}
        chained = spider.request("http://example.org/9_2.html", 11, callback=spider.parse_article_page,
                                 dont_filter=True, article_state=state)
        queue = PriorityQueue(ctx.client, spider, ctx.queue_key, serializer=pickle)
        queue.push(chained)
        token, member, _ = ctx.pop()
        assert ctx.client.hlen(ctx.inflight_key()) == 1
        back = queue._decode_request(member)
        assert back.callback == spider.parse_article_page and back.meta["article_state"]["articles"] == [page1]
        # A dead worker's in-flight request goes back to the queue, whole.
        assert ctx.requeue_all("u1") == 1 and len(queue) == 1 and ctx.client.hlen(ctx.inflight_key()) == 0
    finally:
        detach(ctx)
        ctx.leave()


# -- the recheck and a follow-up run --------------------------------------------------------------------------


def test_merge_recheck_finds_a_lost_article_and_a_follow_up_run_fetches_it(tmp_path, redis_url):
    data = tmp_path / "data"
    with MirrorServer(MIRROR) as server:
        base = server.base_url
        urls = list(load_expected(MIRROR, base))
        for result in run_workers(redis_url, base, data, 1):
            assert result.returncode == 0, result.stderr[-3000:]
        # As if a record had never reached the shard (a disk that lost its last writes): Redis believes it
        # archived, no shard has it.
        shard = data / "shards" / "w1" / "articles.jsonl"
        kept = shard.read_text("utf-8").splitlines(keepends=True)
        lost = json.loads(kept[3])["url"]
        shard.write_text("".join(kept[:3] + kept[4:]), "utf-8")

        done = merge(data, "--redis", redis_url, "-q")
        assert done.returncode == 1, done.stdout + done.stderr
        assert "neither archived nor in failures.jsonl" in done.stderr
        assert [m["url"] for m in read_jsonl(data / "missing.jsonl")] == [lost]
        run = merged_manifest(data)
        assert run["recheck"]["missing"] == [lost] and run["status"] == "incomplete"

        # The next run fetches it (merge queued it, and told Redis it is not archived), and the merge is whole.
        mark = len(server.requests)
        for result in run_workers(redis_url, base, data, 1):
            assert result.returncode == 0, result.stderr[-3000:]
        assert lost[len(base) - 1:] in [r["path"] for r in server.requests[mark:]]
        done = merge(data)
        assert done.returncode == 0, done.stderr
        assert not (data / "missing.jsonl").exists()
        check_versions(data / "articles.jsonl", urls)
        assert merged_manifest(data)["recheck"]["missing"] == []
