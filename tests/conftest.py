"""Shared test fixtures: the fixture mirrors served on 127.0.0.1, and a real `scrapy crawl` in a subprocess."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest

from xjmsw_crawler.mirror import Mirror, MirrorServer, expected_records, url_file_key
from xjmsw_crawler.parsers.normalize import article_id, url_key

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SHARED = Path(os.environ.get("XJMSW_SHARED", REPO.parent / "shared"))

#: Every mirror folder (one per template set) that has a site/ and expected records.
MIRRORS = sorted(p.name for p in FIXTURES.iterdir() if (p / "site").is_dir() and (p / "expected.jsonl").exists())
#: Mirrors whose templates print no 上一篇/下一篇 anywhere.
NO_PREV_NEXT = frozenset(("holdout-xiunobbs", "holdout-people", "holdout-sina", "holdout-news2003", "holdout-hexo",
                          "holdout-qq", "holdout-toutiao", "holdout-caijing", "holdout-printpages", "holdout-tieba",
                          "holdout-phpbb", "holdout-chinadaily", "holdout-bjnews", "holdout-qqomn",
                          "holdout-panshi", "holdout-ceweb", "holdout-neteasehao", "holdout-sinakandian",
                          "holdout-jiemian", "holdout-xinhua2015", "holdout-tomcom",
                          "holdout-yahoocn", "holdout-eastmoney", "holdout-caixin",
                          "holdout-cankaoxiaoxi", "holdout-ftchinese", "holdout-peopleapp", "holdout-ucnews",
                          "holdout-hanweb", "holdout-xinhua2020", "holdout-cri", "holdout-chinacomcn",
                          "holdout-uchome", "holdout-enorth", "holdout-gxnews", "holdout-nmgnews", "holdout-yidian"))


def codec_fits(codec: str, body: bytes) -> bool:
    """Whether a record's codec is the one a fixture page must name: gb18030 for GB bytes whatever the page claims,
    utf-8 for the UTF-8 pages of a migrated site; for a page in ASCII alone (its Chinese written as &#x65B0;) the
    codec it claims, whichever that is, as long as it reads ASCII as ASCII."""
    if body.isascii():
        return body.decode(codec) == body.decode("ascii")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return codec == "gb18030"
    return codec == "utf-8"


def load_expected(mirror: str | Path, base_url: str) -> dict[str, dict]:
    """Expected records of a mirror (a fixture's name, or a folder) keyed by absolute URL on base_url."""
    return expected_records(FIXTURES / mirror if isinstance(mirror, str) else mirror, base_url)


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


def bench_module(name: str):
    """A module of bench/ (not a package): the synthetic mirror generator, the benchmark servers."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(REPO / "bench"))


def synthetic_mirror(tmp_path: Path, articles: int) -> Path:
    """bench/synth.py's mirror of `articles` articles in the fixture's templates: an unseen site large enough
    that a harvest can be killed in the middle of archiving."""
    out = tmp_path / "synth"
    bench_module("synth").generate(out, articles, quiet=True)
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


def wait_for(predicate, timeout: float = 60.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- archives and the mirrors that change between harvests --------------------------------------------------


def check_versions(archive: Path, urls: list[str] | None = None) -> list[dict]:
    """An articles.jsonl: whole lines of JSON, one record per (article, version), versions 1..n without gaps, ids
    right; `urls`, when given, are exactly the archived articles. Returns the records."""
    raw = archive.read_bytes()
    assert not raw or raw.endswith(b"\n"), "torn last line"
    records = [json.loads(line) for line in raw.splitlines()]
    versions: dict[str, list[int]] = {}
    for r in records:
        assert r["id"] == article_id(r["url"])
        versions.setdefault(url_key(r["url"]), []).append(r["version"])
    for key, seen in versions.items():
        assert seen == list(range(1, len(seen) + 1)), f"{key}: versions {seen}"
    if urls is not None:
        assert sorted(versions) == sorted(url_key(u) for u in urls)
    return records


def _expected_record(mirror: Path, path: str) -> dict:
    return next(r for r in read_jsonl(mirror / "expected.jsonl") if r["url"] == path)


def entry_block(page: bytes, href: str) -> tuple[int, int]:
    """Byte span of the listing entry (the repeated element: li, tr, dd, div...) holding the link to href."""
    doc = lxml.html.fromstring(page.decode("gb18030"))
    link = next(a for a in doc.iter("a") if a.get("href") == href)
    node = link
    while node.getparent() is not None and len([s for s in node.getparent() if s.tag == node.tag]) < 2:
        node = node.getparent()
    tag = node.tag.encode()
    at = page.index(f'href="{href}"'.encode())
    start = page.rindex(b"<" + tag, 0, at)
    end = page.index(b"</" + tag + b">", at) + len(tag) + 3
    return start, end


def add_article(mirror: Path, listing_path: str, model_path: str, new_path: str, title: str) -> None:
    """A new article at new_path (the model article's page with a new title and body), listed first on the
    listing page, as a news site adds one."""
    model = _expected_record(mirror, model_path)
    page = (mirror / "site" / model_path.lstrip("/")).read_bytes()
    page = page.replace(gb(model["title"]), gb(title))
    first = model["body"].split("\n")[0]
    page = page.replace(gb(first), gb("新增文章：" + first), 1)
    (mirror / "site" / new_path.lstrip("/")).write_bytes(page)
    listing_file = Mirror(mirror).file(listing_path)
    listing = listing_file.read_bytes()
    start, end = entry_block(listing, model_path)
    entry = listing[start:end].replace(model_path.encode(), new_path.encode()).replace(gb(model["title"]), gb(title))
    listing_file.write_bytes(listing[:start] + entry + listing[start:])


def edit_article(mirror: Path, path: str, addition: str) -> None:
    """Changes the body of the article at path: one paragraph gets a sentence more."""
    record = _expected_record(mirror, path)
    file = mirror / "site" / path.lstrip("/")
    page = file.read_bytes()
    paragraph = record["body"].split("\n")[-1]
    assert gb(paragraph) in page
    file.write_bytes(page.replace(gb(paragraph), gb(paragraph + addition)))
