"""`xjmsw harvest` end to end: real harvest processes against a real mirror server on 127.0.0.1.

Incremental runs (run 2 fetches no article page; an added article is found, an edited one becomes version 2
under --full), 20+ `kill -9`s at random moments then a final run (every article exactly once, no torn line,
state.sqlite agrees with articles.jsonl), a torn line and a lost state.sqlite repaired, the lock (exit 75), a
clean stop resumed with --resume, a fault-injecting server that loses no article, --retry-failures, exit
statuses for an unreachable site and for too many failures.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import (FIXTURES, REPO, add_article, check_versions, copy_mirror, edit_article, fetched_kinds, free_port,
                      load_expected, page_kinds, read_jsonl, synthetic_mirror, wait_for)
from xjmsw_crawler.mirror import FAULT_KINDS, Faults, MirrorServer
from xjmsw_crawler.parsers.normalize import url_key

MIRROR = FIXTURES / "mirror"
pytestmark = pytest.mark.skipif(not (MIRROR / "expected.jsonl").exists(), reason="no fixture mirror")

#: What the acceptance check passes to every harvest.
POLITENESS_OFF = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0")
ARTICLE_KINDS = ("article", "continuation")


# -- helpers ---------------------------------------------------------------------------------------------------


def harvest_cmd(base_url: str, data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--base-url", base_url, "--data-dir", str(data_dir),
            *POLITENESS_OFF, *args]


def harvest(base_url: str, data_dir: Path, *args: str, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run(harvest_cmd(base_url, data_dir, *args), cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def manifest(data_dir: Path) -> dict:
    runs = [json.loads(p.read_text()) for p in (data_dir / "runs").glob("*.json")]
    return max(runs, key=lambda m: (m["ended"] or "", m["started"]))


def check_archive(data_dir: Path, urls: list[str] | None = None) -> list[dict]:
    """check_versions on DIR/articles.jsonl, and the state's rows and committed size agree with it."""
    records = check_versions(data_dir / "articles.jsonl", urls)
    latest = {}
    for r in records:
        latest[url_key(r["url"])] = r
    db = sqlite3.connect(data_dir / "state.sqlite")
    try:
        rows = {key: (v, sha) for key, v, sha in db.execute("SELECT url_key, version, sha256 FROM articles WHERE version > 0")}
        size = int(db.execute("SELECT value FROM meta WHERE key='jsonl_size'").fetchone()[0])
    finally:
        db.close()
    assert rows == {key: (r["version"], r["sha256"]) for key, r in latest.items()}
    assert size == (data_dir / "articles.jsonl").stat().st_size
    return records


# -- incremental ------------------------------------------------------------------------------------------------


def test_incremental_runs_fetch_only_what_is_new_and_version_what_changed(tmp_path):
    mirror = copy_mirror(tmp_path)
    data = tmp_path / "data"
    kinds = page_kinds(mirror)
    with MirrorServer(mirror) as server:
        base = server.base_url
        urls = list(load_expected(mirror, base))

        # Run 1 archives every article.
        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "finished" in done.stdout.strip().splitlines()[-1]
        records = check_archive(data, urls)
        assert all(r["version"] == 1 for r in records)
        first = manifest(data)
        assert first["status"] == "finished" and first["exit_status"] == 0
        assert first["counts"]["new"] == len(urls) and first["counts"]["updated"] == 0
        assert (data / "logs" / f"{first['run']}.log").stat().st_size > 0
        before = (data / "articles.jsonl").read_bytes()

        # Run 2 walks the listings, fetches no article page and adds nothing.
        mark = len(server.requests)
        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        fetched = fetched_kinds(server, mark, kinds)
        assert not [p for kind, p in fetched if kind in ARTICLE_KINDS], fetched
        assert any(kind == "listing" for kind, _ in fetched)
        assert (data / "articles.jsonl").read_bytes() == before
        second = manifest(data)
        assert second["run"] != first["run"]
        assert second["counts"]["new"] == 0 and second["counts"]["updated"] == 0
        assert second["counts"]["pages_by_kind"]["article"] == 0
        assert second["counts"]["skipped_archived"] > 0

        # One article added (first on the first page of a category), one edited.
        new_path = "/a/msjj/2017/0621/990.html"
        add_article(mirror, "/a/msjj/", "/a/msjj/2017/0621/90.html", new_path, "乌鲁木齐新建社区食堂二十家")
        edited = "/Article/ShowArticle.asp?ArticleID=110"
        edit_article(mirror, edited, "（本文于次日更新：补充了最新数据。）")
        server.refresh()

        # Run 3 (incremental) adds exactly the new one, version 1, and fetches no other article page.
        mark = len(server.requests)
        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        records = check_archive(data, [*urls, base.rstrip("/") + new_path])
        added = records[len(urls):]
        assert [(r["url"], r["version"]) for r in added] == [(base.rstrip("/") + new_path, 1)]
        assert added[0]["title"] == "乌鲁木齐新建社区食堂二十家"
        fetched = fetched_kinds(server, mark, kinds)
        assert not [p for kind, p in fetched if kind in ARTICLE_KINDS], fetched
        assert [p for _, p in fetched].count(new_path) == 1
        assert manifest(data)["counts"]["new"] == 1

        # A --full run re-fetches everything and adds exactly the edit: version 2, same id, new sha256.
        done = harvest(base, data, "--full")
        assert done.returncode == 0, done.stderr[-3000:]
        records = check_archive(data)
        changed = records[len(urls) + 1:]
        assert len(changed) == 1
        old = next(r for r in records if r["url"] == base.rstrip("/") + edited)
        assert changed[0]["url"] == old["url"] and changed[0]["id"] == old["id"] and changed[0]["version"] == 2
        assert changed[0]["sha256"] != old["sha256"] and "本文于次日更新" in changed[0]["body"]
        full = manifest(data)["counts"]
        assert (full["new"], full["updated"], full["unchanged"]) == (0, 1, len(urls))

        # --recheck-days fetches again what was published in the last N days (here: every dated article), and
        # an unchanged article gives no record.
        size = (data / "articles.jsonl").stat().st_size
        mark = len(server.requests)
        done = harvest(base, data, "--recheck-days", "36500")
        assert done.returncode == 0, done.stderr[-3000:]
        rechecked = manifest(data)["counts"]
        assert (rechecked["new"], rechecked["updated"]) == (0, 0) and rechecked["unchanged"] > len(urls) // 2
        assert (data / "articles.jsonl").stat().st_size == size
        fetched = fetched_kinds(server, mark, kinds)
        assert sum(kind == "article" or path == new_path for kind, path in fetched) == rechecked["unchanged"]

        # `scrapy harvest` is the same command; nothing new is left.
        size = (data / "articles.jsonl").stat().st_size
        done = subprocess.run([sys.executable, "-m", "scrapy", "harvest", "--base-url", base, "--data-dir", str(data),
                               *POLITENESS_OFF], cwd=REPO, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        assert (data / "articles.jsonl").stat().st_size == size
        assert manifest(data)["counts"]["new"] == 0


# -- crashes ----------------------------------------------------------------------------------------------------


def lost_links(data: Path, links: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(article, link) for each 上一篇/下一篇 link of an archived article that no later run would find: not
    archived, not failed, not in the frontier."""
    if not (data / "state.sqlite").exists():
        return []
    db = sqlite3.connect(data / "state.sqlite")
    try:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"articles", "frontier", "failures"} <= tables:
            return []  # killed while state.sqlite was being created: nothing archived yet
        archived = {key for (key,) in db.execute("SELECT url_key FROM articles WHERE version > 0")}
        known = archived | {key for (key,) in db.execute("SELECT url_key FROM frontier UNION SELECT url_key FROM failures")}
    finally:
        db.close()
    return [(key, link) for key in archived for link in links.get(key, []) if link not in known]


def test_kill_nine_at_random_moments_loses_and_doubles_nothing(tmp_path):
    mirror = synthetic_mirror(tmp_path, 120)
    data = tmp_path / "data"
    rng = random.Random(int(os.environ.get("XJMSW_KILL_SEED", "20261130")))
    kills = 22
    # A slow server (150 ms a page, one request at a time): a run lives long enough to be killed in the middle of
    # archiving, and it takes several runs to archive everything.
    with MirrorServer(mirror, delay=0.15) as server:
        base = server.base_url
        urls = list(load_expected(mirror, base))
        links = {url_key(r["url"]): [url_key(link["url"]) for link in (r["prev"], r["next"]) if link]
                 for r in read_jsonl(mirror / "expected.jsonl")}
        lines = []
        for i in range(kills):
            # Every fourth run is a --full one: the kill then lands among re-fetches and state updates too.
            extra = ("--full",) if i % 4 == 3 else ()
            proc = subprocess.Popen(harvest_cmd(base, data, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", *extra), cwd=REPO,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, 3.0))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            raw = (data / "articles.jsonl").read_bytes() if (data / "articles.jsonl").exists() else b""
            lines.append(raw.count(b"\n"))
            # Whatever the moment, every complete line is a whole record (at most the last one is torn), and
            # what an archived article links to is archived, failed, or in the frontier of the next run.
            for line in raw.split(b"\n")[:-1]:
                json.loads(line)
            assert not lost_links(data, links), f"after kill {i}"
        assert lines[-1] > 0, "the kills all landed before anything was archived: no test of a crash mid-harvest"
        assert len(set(lines)) >= 4, f"the kills did not land in the middle of archiving: sizes {lines}"

        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        records = check_archive(data, urls)
        assert all(r["version"] == 1 for r in records), "an unchanged article got a second version"
        statuses = [json.loads(p.read_text())["status"] for p in (data / "runs").glob("*.json")]
        assert "running" not in statuses and 0 < statuses.count("killed") <= kills

        # A torn last line (a crash in the middle of a write) is cut off, logged, and the article archived again.
        last = (data / "articles.jsonl").read_bytes().splitlines()[-1]
        victim = json.loads(last)
        db = sqlite3.connect(data / "state.sqlite")
        with db:
            # As if the run had died after writing half the line: the state never heard of the record, and the
            # article is still in the frontier (from the moment it was requested until a run finishes).
            db.execute("DELETE FROM articles WHERE url_key=?", (url_key(victim["url"]),))
            db.execute("INSERT INTO frontier(url_key, url, priority) VALUES(?, ?, 10)", (url_key(victim["url"]), victim["url"]))
            size = (data / "articles.jsonl").stat().st_size - len(last) - 1
            db.execute("UPDATE meta SET value=? WHERE key='jsonl_size'", (str(size),))
        db.close()
        with (data / "articles.jsonl").open("r+b") as f:
            f.truncate(size)
            f.seek(size)
            f.write(last[: len(last) // 2])
        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        check_archive(data, urls)
        repaired = manifest(data)
        assert repaired["reconcile"]["torn_bytes"] == len(last) // 2
        assert repaired["counts"]["new"] == 1
        assert "torn" in (data / "logs" / f"{repaired['run']}.log").read_text()

        # A lost state.sqlite is rebuilt from articles.jsonl: the next run fetches no article again.
        (data / "state.sqlite").unlink()
        for wal in data.glob("state.sqlite-*"):
            wal.unlink()
        done = harvest(base, data)
        assert done.returncode == 0, done.stderr[-3000:]
        check_archive(data, urls)
        rebuilt = manifest(data)
        assert rebuilt["reconcile"]["rebuilt"] and rebuilt["counts"]["new"] == 0
        assert rebuilt["counts"]["pages_by_kind"]["article"] == 0


# -- one harvest at a time; stopping and resuming ---------------------------------------------------------------


def running(data: Path) -> bool:
    return any(json.loads(p.read_text()).get("status") == "running" for p in (data / "runs").glob("*.json")
               if p.stat().st_size)


def test_second_harvest_on_the_same_dir_exits_75_and_a_killed_one_leaves_no_lock(tmp_path):
    data = tmp_path / "data"
    with MirrorServer(MIRROR, delay=0.3) as server:
        first = subprocess.Popen(harvest_cmd(server.base_url, data), cwd=REPO, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE)
        try:
            wait_for(lambda: (data / "runs").is_dir() and running(data), what="the first harvest to start")
            t0 = time.monotonic()
            second = harvest(server.base_url, data, timeout=60)
            assert second.returncode == 75
            assert time.monotonic() - t0 < 15
            assert "another harvest is running" in second.stderr
            assert str(first.pid) in second.stderr
            assert first.poll() is None
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        third = harvest(server.base_url, data, "--max-pages", "3")
        assert third.returncode == 0, third.stderr[-3000:]


def test_interrupted_run_is_resumed_with_its_queue(tmp_path):
    data = tmp_path / "data"
    with MirrorServer(MIRROR, delay=0.1) as server:
        base = server.base_url
        urls = list(load_expected(MIRROR, base))
        # Stopped by a signal (a cron `timeout`, Ctrl-C): exit 4, the queue kept.
        proc = subprocess.Popen(harvest_cmd(base, data, "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"), cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for(lambda: (data / "articles.jsonl").exists() and (data / "articles.jsonl").stat().st_size > 0,
                 what="a first record")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 4, err[-3000:]
        assert "--resume" in err.strip().splitlines()[-1]
        stopped = manifest(data)
        assert stopped["status"] == "interrupted"
        assert (data / "jobs" / stopped["run"]).is_dir()
        archived = len(read_jsonl(data / "articles.jsonl"))
        assert 0 < archived < len(urls)

        mark = len(server.requests)
        done = harvest(base, data, "--resume")
        assert done.returncode == 0, done.stderr[-3000:]
        resumed = manifest(data)
        assert resumed["run"] == stopped["run"] and resumed["status"] == "finished" and resumed["resumed_at"]
        assert not (data / "jobs" / stopped["run"]).exists()
        check_archive(data, urls)
        # The queue went on: the home page, fetched before the stop, was not asked for again.
        assert "/" not in [r["path"] for r in server.requests[mark:]]

        # --max-pages stops early with status 0; --resume continues; nothing is doubled.
        fresh = tmp_path / "fresh"
        done = harvest(base, fresh, "--max-pages", "12")
        assert done.returncode == 0, done.stderr[-3000:]
        assert manifest(fresh)["status"] == "stopped"
        done = harvest(base, fresh, "--resume")
        assert done.returncode == 0, done.stderr[-3000:]
        check_archive(fresh, urls)


# -- a hostile server ------------------------------------------------------------------------------------------

FAULT_PAGES = {
    "/xjmsw-fault/always-500.html": "500",
    "/xjmsw-fault/loop.html": "loop",
    "/xjmsw-fault/offsite.html": "offsite",
}


def test_fault_injecting_server_loses_no_article_and_failures_are_recorded(tmp_path):
    mirror = copy_mirror(tmp_path)
    home = mirror / "site" / "index.html"
    links = "".join(f'<a href="{p}">x</a> ' for p in [*FAULT_PAGES, "/xjmsw-fault/missing.html"])
    home.write_bytes(home.read_bytes().replace(b"</body>", links.encode() + b"</body>"))
    data = tmp_path / "data"
    seed = int(os.environ.get("XJMSW_FAULT_SEED", "7"))  # 7 draws every kind of fault at least once
    faults = Faults(seed=seed, rate=0.35, max_per_url=2, permanent=dict(FAULT_PAGES))
    fast = ("-s", "XJMSW_RETRY_BACKOFF=0.2", "-s", "XJMSW_RETRY_ROUND_DELAY=0.5")
    with MirrorServer(mirror, faults=faults) as server:
        base = server.base_url
        urls = list(load_expected(mirror, base))
        done = harvest(base, data, *fast)
        assert done.returncode == 0, done.stderr[-3000:]
        records = check_archive(data, urls)
        # Nothing cut short made it into the archive: every body is the one a clean server gives.
        clean = {url: r["body"] for url, r in load_expected(mirror, base).items()}
        assert [r["url"] for r in records if r["body"] != clean[r["url"]]] == []

        injected = {r["fault"] for r in server.requests if r["fault"]}
        if seed == 7:
            assert injected >= set(FAULT_KINDS), f"faults never injected: {set(FAULT_KINDS) - injected}"
        # Retry-After was honoured: no URL answered 429/503 was asked for again within the second it gave.
        last: dict[str, float] = {}
        for r in server.requests:
            if r["path"] in last:
                assert r["time"] - last.pop(r["path"]) >= 0.9, r
            if r["fault"] in ("429", "503"):
                last[r["path"]] = r["time"]

        failures = {f["url"][len(base) - 1:]: f for f in read_jsonl(data / "failures.jsonl")}
        assert failures["/xjmsw-fault/always-500.html"]["reason"] == "HTTP 500"
        assert failures["/xjmsw-fault/loop.html"]["reason"].startswith("redirect loop")
        assert failures["/xjmsw-fault/offsite.html"]["reason"].startswith("redirected off-site")
        assert failures["/xjmsw-fault/missing.html"]["status"] == 404
        run = manifest(data)
        assert {f["url"] for f in run["failed"]} == {f["url"] for f in failures.values()}
        assert run["counts"]["recovered_at_end"] > 0

        # The site mends its pages: --retry-failures asks for exactly the failed URLs again, and they resolve.
        faults.permanent.clear()
        for path in [*FAULT_PAGES, "/xjmsw-fault/missing.html"]:
            (mirror / "site" / path.lstrip("/")).parent.mkdir(exist_ok=True)
            (mirror / "site" / path.lstrip("/")).write_bytes(b"<html><body><p>ok</p></body></html>")
        server.refresh()
        server.faults = None
        mark = len(server.requests)
        done = harvest(base, data, "--retry-failures", *fast)
        assert done.returncode == 0, done.stderr[-3000:]
        asked = {r["path"] for r in server.requests[mark:] if r["path"] != "/robots.txt"}
        assert asked == set(failures), asked
        retried = manifest(data)
        assert retried["counts"]["failures_resolved"] == 4
        db = sqlite3.connect(data / "state.sqlite")
        still_open = {url for (url,) in db.execute("SELECT url FROM failures WHERE resolved_at IS NULL")}
        db.close()
        assert still_open == {base.rstrip("/") + p for p in failures if not p.startswith("/xjmsw-fault/")}
        check_archive(data, urls)


def test_exit_status_when_the_site_cannot_be_reached(tmp_path):
    base = f"http://127.0.0.1:{free_port()}/"
    done = harvest(base, tmp_path / "data", "-s", "RETRY_TIMES=1", "-s", "XJMSW_RETRY_BACKOFF=0.1")
    assert done.returncode == 3, done.stderr[-3000:]
    last = done.stderr.strip().splitlines()[-1]
    assert "could not be reached" in last and "FAILED" in last
    assert manifest(tmp_path / "data")["status"] == "unreachable"


def test_exit_status_when_too_many_fetches_fail(tmp_path):
    listings = [p for p, kind in json.loads((MIRROR / "pages.json").read_text()).items() if kind == "listing"]
    faults = Faults(rate=0.0, permanent={p: "503" for p in listings})
    with MirrorServer(MIRROR, faults=faults) as server:
        done = harvest(server.base_url, tmp_path / "data", "-s", "RETRY_TIMES=1", "-s", "XJMSW_RETRY_BACKOFF=0.05",
                       "-s", "XJMSW_RETRY_ROUND_DELAY=0.1", "-s", "XJMSW_RETRY_AFTER_MAX=0.1", "--categories", "民生经济")
    assert done.returncode == 1, done.stderr[-3000:]
    last = done.stderr.strip().splitlines()[-1]
    assert "FAILED" in last and "--retry-failures" in last
    assert manifest(tmp_path / "data")["status"] == "failed"
