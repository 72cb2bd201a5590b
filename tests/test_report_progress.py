"""The live progress line (xjmsw_crawler.progress): on a terminal only, rewritten in place, numbers from the stats."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import select
import subprocess
import sys
import time

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.settings import Settings

from conftest import FIXTURES, REPO
from xjmsw_crawler.progress import ProgressLine


class Stats:
    def __init__(self, values):
        self.values = dict(values)

    def get_value(self, key, default=None):
        return self.values.get(key, default)

    def get_stats(self):
        return self.values


class Signals:
    def __init__(self):
        self.connected = []

    def connect(self, receiver, signal):
        self.connected.append(signal)


class Engine:
    def __init__(self, queued, active):
        self.scheduler = [None] * queued
        self.downloader = type("Downloader", (), {"active": set(range(active))})()


class Crawler:
    def __init__(self, stats=(), settings=None, engine=None):
        self.settings = Settings({"XJMSW_PROGRESS": "auto", **(settings or {})})
        self.stats = Stats(stats)
        self.signals = Signals()
        self.engine = engine


class Terminal(io.StringIO):
    def isatty(self):
        return True


STATS = {
    "downloader/response_count": 1234,
    "xjmsw/records_written": 56,
    "xjmsw/articles/unchanged": 789,
    "xjmsw/failed/HTTP 404": 2,
    "xjmsw/failed/TimeoutError": 1,
    "spider_exceptions/ValueError": 1,
    "scheduler/enqueued": 500,
    "scheduler/dequeued": 380,
}


def test_silent_when_stderr_is_not_a_terminal():
    with pytest.raises(NotConfigured) as caught:
        ProgressLine.from_crawler(Crawler(STATS), stream=io.StringIO())
    assert not caught.value.args, "a message would make Scrapy log a warning in every cron run"
    with pytest.raises(NotConfigured):
        ProgressLine.from_crawler(Crawler(STATS, {"XJMSW_PROGRESS": False}), stream=Terminal())
    forced = ProgressLine.from_crawler(Crawler(STATS, {"XJMSW_PROGRESS": "1"}), stream=io.StringIO())
    assert isinstance(forced, ProgressLine)


def test_the_line_shows_the_counters():
    crawler = Crawler(STATS, engine=Engine(queued=120, active=2))
    terminal = Terminal()
    progress = ProgressLine.from_crawler(crawler, stream=terminal)
    assert len(crawler.signals.connected) == 2
    progress.started = 100.0
    progress.samples.append((130.0, 1000))
    line = progress.line(now=133.0)
    assert line.startswith("[xjmsw] 0:00:33  ")
    for part in ("pages 1,234", "new 56", "unchanged 789", "errors 4", "queue 120+2", "78.0 pages/s"):
        assert part in line, part


def test_queue_from_the_stats_without_an_engine():
    progress = ProgressLine(Crawler(STATS), stream=Terminal())
    assert "queue 120+0" in progress.line()


def test_draw_rewrites_one_line_in_place():
    terminal = Terminal()
    progress = ProgressLine(Crawler(STATS), stream=terminal)
    progress.draw()
    progress.draw()
    progress.draw(final=True)
    out = terminal.getvalue()
    assert out.count("\r\x1b[K[xjmsw]") == 3
    assert out.count("\n") == 1 and out.endswith("\n"), "one final newline, after the last state"


def test_a_log_line_clears_the_progress_line_first():
    terminal = Terminal()
    handler = logging.StreamHandler(terminal)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        progress = ProgressLine(Crawler(STATS), stream=terminal)
        progress._wrap_log_handlers()
        progress.draw()
        logging.getLogger("xjmsw.test").warning("Failed http://example/1.html: HTTP 500")
        progress._unwrap_log_handlers()
        assert "emit" not in vars(handler)
    finally:
        root.removeHandler(handler)
    out = terminal.getvalue()
    assert "pages/s\r\x1b[KFailed http://example/1.html: HTTP 500\n" in out


# -- a real crawl on a pseudo-terminal --------------------------------------------------------------------------


def _crawl(base_url: str, out, tty: bool, command: list[str] | None = None) -> tuple[int, str]:
    command = command or [
        sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={base_url}", "-s", f"XJMSW_JSONL={out}",
        "-s", "DOWNLOAD_DELAY=0.02", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING"]
    if not tty:
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)
        return done.returncode, done.stderr
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(command, cwd=REPO, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif process.poll() is not None:
            break
    os.close(master)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not (FIXTURES / "mirror" / "site").is_dir(), reason="no fixture mirror in fixtures/mirror")
@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_crawl_on_a_terminal_shows_progress_and_not_in_a_pipe(serve, tmp_path):
    server = serve(FIXTURES / "mirror")
    status, screen = _crawl(server.base_url, tmp_path / "tty.jsonl", tty=True)
    assert status == 0, screen[-3000:]
    lines = re.findall(r"\r\x1b\[K(\[xjmsw\] [^\r\n]*)", screen)
    assert lines, screen[-3000:]
    last = lines[-1]
    written = sum(1 for line in (tmp_path / "tty.jsonl").read_text("utf-8").splitlines() if line)
    assert f"new {written}" in last, last
    assert int(re.search(r"pages ([\d,]+)", last).group(1).replace(",", "")) >= written

    status, stderr = _crawl(server.base_url, tmp_path / "pipe.jsonl", tty=False)
    assert status == 0, stderr[-3000:]
    assert "[xjmsw] 0:" not in stderr and "\x1b[K" not in stderr
    assert "ProgressLine" not in stderr, "no 'Disabled …' warning either"


def _has_harvest() -> bool:
    from xjmsw_crawler.cli import COMMANDS

    return "harvest" in COMMANDS


@pytest.mark.skipif(not (FIXTURES / "mirror" / "site").is_dir(), reason="no fixture mirror in fixtures/mirror")
@pytest.mark.skipif(not _has_harvest(), reason="no `xjmsw harvest` command yet")
def test_an_interactive_harvest_shows_its_article_counts(serve, tmp_path):
    server = serve(FIXTURES / "mirror")
    data = tmp_path / "data"
    command = [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--base-url", server.base_url, "--data-dir",
               str(data), "-s", "DOWNLOAD_DELAY=0.02", "-s", "AUTOTHROTTLE_ENABLED=0"]
    status, screen = _crawl(server.base_url, None, tty=True, command=command)
    assert status == 0, screen[-3000:]
    lines = re.findall(r"\r\x1b\[K(\[xjmsw\] [^\r\n]*)", screen)
    assert lines, screen[-3000:]
    (manifest,) = [json.loads(p.read_text("utf-8")) for p in (data / "runs").glob("*.json")]
    assert f"new {manifest['counts']['new']}  " in lines[-1], lines[-1]
    # The final summary sentence comes after the progress line, on a line of its own.
    assert manifest["summary"] in screen.split(lines[-1], 1)[1]
