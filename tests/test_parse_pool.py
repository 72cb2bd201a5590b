"""Parsing in worker processes (xjmsw_crawler.parse_pool): same pages, same records, and no record lost when
workers die in the middle of a crawl."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import FIXTURES, REPO, load_expected, read_jsonl, run_crawl, synthetic_mirror
from xjmsw_crawler.mirror import MirrorServer
from xjmsw_crawler.parse_pool import _frame, _read_frame, worker_count, worker_main
from xjmsw_crawler.parsers import parse_page

BASE = "http://127.0.0.1:8000"


def _site_pages(mirror: str = "mirror"):
    root = FIXTURES / mirror / "site"
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix not in (".jpg", ".gif", ".png", ".css", ".js", ".txt")):
        yield f"{BASE}/{path.relative_to(root).as_posix()}", path.read_bytes()


def test_a_worker_answers_what_parse_page_answers():
    pages = list(_site_pages())
    assert len(pages) > 40
    frames = [_frame((None, True, {}))]  # no site rules; learn templates; no aliases
    for n, (url, body) in enumerate(pages):
        headers = {"Content-Type": "text/html; charset=iso-8859-1"} if n % 3 == 0 else None  # a lying header
        frames.append(_frame((n, url, body, headers, None)))
    worker = subprocess.run([sys.executable, "-m", "xjmsw_crawler.parse_pool"], input=b"".join(frames),
                            capture_output=True, cwd=REPO, timeout=120)
    assert worker.returncode == 0, worker.stderr[-2000:]
    answers = {}
    stdout = io.BytesIO(worker.stdout)
    for _ in pages:
        task_id, page = _read_frame(stdout)
        answers[task_id] = page
    for n, (url, body) in enumerate(pages):
        headers = {"Content-Type": "text/html; charset=iso-8859-1"} if n % 3 == 0 else None
        assert dataclasses.replace(answers[n], reader="generic") == parse_page(url, body, headers), url
    kinds = {page.kind for page in answers.values()}
    assert {"article", "listing", "continuation"} <= kinds
    assert sum(page.reader == "template" for page in answers.values()) >= 10


def test_a_worker_leaves_when_its_input_ends():
    stdin, stdout = io.BytesIO(_frame(({"title": "h1"}, True, {}))), io.BytesIO()
    worker_main(stdin, stdout)  # returns: no task, nothing written
    assert stdout.getvalue() == b""


def test_worker_count_setting():
    assert worker_count("0") == 0 and worker_count(3) == 3 and worker_count(3, polite=True) == 3
    assert worker_count("auto") == max(0, min((os.cpu_count() or 1) - 1, 4))
    assert worker_count("auto", polite=True) == 0


def _records(path):
    out = {}
    for record in read_jsonl(path):
        record.pop("fetched_at")
        out[record["url"]] = record
    return out


def test_crawl_gives_the_same_records_with_and_without_workers_and_templates(tmp_path):
    runs = {}
    with MirrorServer(FIXTURES / "mirror") as server:
        for workers, templates in (("0", "1"), ("2", "1"), ("0", "0")):
            out = tmp_path / f"out-{workers}-{templates}.jsonl"
            result = run_crawl(server.base_url, out, "-s", f"XJMSW_PARSE_PROCESSES={workers}",
                               "-s", f"XJMSW_TEMPLATES={templates}")
            assert result.returncode == 0, result.stderr[-3000:]
            by_template = re.search(r"'xjmsw/pages/read_by_template': (\d+)", result.stderr)
            assert (int(by_template.group(1)) >= 10) if templates == "1" else by_template is None, workers
            runs[workers, templates] = _records(out)
        expected = load_expected("mirror", server.base_url)
    # every field of every record (but fetched_at): generic reader only, templates inline, templates in workers
    assert runs["0", "0"] == runs["0", "1"] == runs["2", "1"]
    runs["2"] = runs["2", "1"]
    assert runs["2"].keys() == expected.keys()
    for url, record in expected.items():
        assert {k: runs["2"][url][k] for k in record if k != "fetched_at"} == \
            {k: v for k, v in record.items() if k != "fetched_at"}, url


def _parser_workers(pid: int) -> list[int]:
    """Pids of the parse_pool workers among pid's children."""
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return []
    found = []
    for child in children:
        try:
            if b"xjmsw_crawler.parse_pool" in open(f"/proc/{child}/cmdline", "rb").read():
                found.append(int(child))
        except OSError:
            continue
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the workers through /proc")
def test_workers_killed_mid_crawl_lose_no_record(tmp_path):
    """Every worker is killed as soon as it appears: five deaths, then the crawl parses pages itself, and every
    article is still there once, field for field."""
    mirror = synthetic_mirror(tmp_path, 120)
    expected = {r["url"]: r for r in read_jsonl(mirror / "expected.jsonl")}
    out = tmp_path / "out.jsonl"
    log = tmp_path / "crawl.log"
    with MirrorServer(mirror, delay=0.02) as server:
        command = [sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={server.base_url}", "-O", str(out),
                   "-s", f"XJMSW_JSONL={tmp_path / 'pipeline.jsonl'}", "-s", "DOWNLOAD_DELAY=0", "-s",
                   "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "XJMSW_PARSE_PROCESSES=1",
                   "-s", f"LOG_FILE={log}", "-s", "LOG_LEVEL=INFO"]
        crawl = subprocess.Popen(command, cwd=REPO)
        kills = 0

        def killer():
            nonlocal kills
            while crawl.poll() is None:
                for pid in _parser_workers(crawl.pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                        kills += 1
                    except ProcessLookupError:
                        pass
                time.sleep(0.2)

        thread = threading.Thread(target=killer)
        thread.start()
        assert crawl.wait(300) == 0
        thread.join()
    text = log.read_text("utf-8")
    assert kills >= 5
    assert re.search(r"'xjmsw/parse_pool/broken': 5\b", text), text[-3000:]
    assert "parsing every page in the crawl's process from now on" in text
    got = read_jsonl(out)
    assert len(got) == len(expected) == 120
    by_url = {r["url"].removeprefix(server.base_url.rstrip("/")): r for r in got}
    for url, record in expected.items():
        mine = by_url[url]
        assert (mine["title"], mine["body"], mine["pages"]) == (record["title"], record["body"], record["pages"]), url


def test_a_stray_print_in_the_worker_goes_to_stderr_not_into_the_answers():
    url, body = next(iter(_site_pages()))
    noisy = ("from xjmsw_crawler import parse_pool\n"
             "real = parse_pool.parse_page\n"
             "def noisy(*args, **kwargs):\n"
             "    print('some library talking')\n"
             "    return real(*args, **kwargs)\n"
             "parse_pool.parse_page = noisy\n"
             "parse_pool.worker_main()\n")
    worker = subprocess.run([sys.executable, "-c", noisy], input=_frame((None, False, {})) + _frame((7, url, body, None, None)),
                            capture_output=True, cwd=REPO, timeout=60)
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert _read_frame(io.BytesIO(worker.stdout)) == (7, parse_page(url, body))
    assert b"some library talking" in worker.stderr
