"""Shared test fixtures: the fixture mirrors served on 127.0.0.1, and a real `scrapy crawl` in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xjmsw_crawler.mirror import MirrorServer, url_file_key

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED = Path(os.environ.get("XJMSW_SHARED", REPO.parent / "shared"))

#: Every mirror folder (one per template set) that has a site/ and expected records.
MIRRORS = sorted(p.name for p in FIXTURES.iterdir() if (p / "site").is_dir() and (p / "expected.jsonl").exists())


def load_expected(mirror: str, base_url: str) -> dict[str, dict]:
    """Expected records of a mirror keyed by absolute URL (the files hold root-relative URLs)."""
    base = base_url.rstrip("/")
    records = {}
    for line in (FIXTURES / mirror / "expected.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        record["url"] = base + record["url"]
        record["images"] = [base + img for img in record["images"]]
        for name in ("prev", "next"):
            if record[name]:
                record[name]["url"] = base + record[name]["url"]
        records[record["url"]] = record
    return records


@pytest.fixture
def serve():
    """serve(mirror_folder) -> a running MirrorServer on a free 127.0.0.1 port, stopped after the test."""
    servers = []

    def start(root) -> MirrorServer:
        server = MirrorServer(root).__enter__()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.__exit__(None, None, None)


def run_crawl(base_url: str, out: Path, *args: str, cwd: Path = REPO, timeout: float = 300) -> subprocess.CompletedProcess:
    """A real `scrapy crawl xjmsw` against base_url with politeness off, records to out (-O)."""
    command = [
        sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={base_url}", "-O", str(out),
        "-s", f"XJMSW_JSONL={out.with_suffix('.pipeline.jsonl')}", "-s", "DOWNLOAD_DELAY=0",
        "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "LOG_LEVEL=INFO", *args,
    ]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def synthetic_mirror(tmp_path: Path, articles: int) -> Path:
    """bench/synth.py's mirror of `articles` articles in the fixture's templates: an unseen site large enough
    that a harvest can be killed in the middle of archiving."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import synth  # noqa: PLC0415 - bench/ is not a package

        out = tmp_path / "synth"
        synth.generate(out, articles, quiet=True)
    finally:
        sys.path.remove(str(REPO / "bench"))
    assert (out / "expected.jsonl").exists(), "bench/synth.py wrote no expected.jsonl"
    return out


def copy_mirror(tmp_path: Path, name: str = "mirror") -> Path:
    """A writable copy of the fixture mirror (tests add and edit articles between harvests)."""
    dest = tmp_path / name
    shutil.copytree(FIXTURES / "mirror", dest)
    return dest


def gb(text: str) -> bytes:
    return text.encode("gb18030")


def page_kinds(mirror: Path) -> dict:
    """pages.json of a mirror keyed like MirrorServer's files: (path, sorted query arguments) -> kind."""
    return {url_file_key(*_split(path)): kind for path, kind in json.loads((mirror / "pages.json").read_text()).items()}


def _split(path: str) -> tuple[str, str]:
    p, _, q = path.partition("?")
    return p, q


def fetched_kinds(server: MirrorServer, since: int, kinds: dict) -> list[tuple[str, str]]:
    """(kind, path) of every page requested from the server since request number `since`."""
    return [(kinds.get(url_file_key(*_split(r["path"])), "unknown"), r["path"]) for r in server.requests[since:]]
