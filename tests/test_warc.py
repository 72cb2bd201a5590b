"""WARC recording (XJMSW_WARC_DIR): every fetch, raw bytes, revisits, rotation, crash safety, `warcio check`.

Real `scrapy crawl` processes against the fixture mirror on 127.0.0.1; the files are read back with warcio's
own reader and checked with its command line (`warcio check`, `warcio index`).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from conftest import FIXTURES, REPO, load_expected, read_jsonl, run_crawl
from xjmsw_crawler.archive.recorder import Exchange, WarcRecorder, payload_digest
from xjmsw_crawler.archive.replay import WarcIndex
from xjmsw_crawler.mirror import BackgroundServer, Mirror, MirrorServer, PageHandler
from xjmsw_crawler.parsers import canonical_url

MIRROR = FIXTURES / "mirror"
pytestmark = pytest.mark.skipif(not (MIRROR / "site").is_dir(), reason="no fixture mirror")

WARCIO = str(Path(sys.executable).with_name("warcio"))


def warcio(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([WARCIO, *args], capture_output=True, text=True, timeout=120)


def read_records(path: Path) -> list:
    """(rec_type, WARC headers dict, HTTP status or None, raw payload bytes) of every record of a file."""
    records = []
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            headers = dict(record.rec_headers.headers)
            status = record.http_headers.get_statuscode() if record.http_headers else None
            http = dict(record.http_headers.headers) if record.http_headers else {}
            records.append((record.rec_type, headers, status, http, record.raw_stream.read()))
    return records


def stat(log: str, name: str) -> int:
    match = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(match.group(1)) if match else 0


class CountingMirrorServer(MirrorServer):
    """The mirror, remembering the path of every request it answered."""

    def __init__(self, root):
        super().__init__(root)
        self.paths: list[str] = []
        paths = self.paths

        class Counting(self.RequestHandlerClass):
            def do_GET(self):
                paths.append(self.path)
                super().do_GET()

        self.RequestHandlerClass = Counting


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """One crawl of the mirror recording WARCs: (warc dir, records, expected, log, base_url, served paths)."""
    tmp = tmp_path_factory.mktemp("warc")
    with CountingMirrorServer(MIRROR) as server:
        done = run_crawl(server.base_url, tmp / "out.jsonl", "-s", f"XJMSW_WARC_DIR={tmp / 'warc'}",
                         "-s", "XJMSW_RUN_ID=run-a")
        assert done.returncode == 0, done.stderr[-3000:]
        return (tmp / "warc", read_jsonl(tmp / "out.jsonl"), load_expected("mirror", server.base_url), done.stderr,
                server.base_url, list(server.paths))


def test_files_named_by_run_id_and_pass_warcio_check_and_index(recorded):
    warc_dir, *_ = recorded
    files = sorted(warc_dir.glob("*.warc.gz"))
    assert [f.name for f in files] == ["run-a-00000.warc.gz"]
    check = warcio("check", "-v", *map(str, files))
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
    index = warcio("index", "-f", "warc-type,warc-target-uri,warc-date,warc-payload-digest", *map(str, files))
    assert index.returncode == 0, index.stderr
    types = [json.loads(line)["warc-type"] for line in index.stdout.splitlines()]
    assert types[0] == "warcinfo" and types.count("warcinfo") == 1
    assert types.count("request") == types.count("response") + types.count("revisit")


def test_warcinfo_first(recorded):
    warc_dir, _, _, _, base_url, _ = recorded
    kind, headers, _, _, payload = read_records(warc_dir / "run-a-00000.warc.gz")[0]
    assert kind == "warcinfo"
    fields = dict(line.split(": ", 1) for line in payload.decode().splitlines() if ": " in line)
    assert fields["base_url"] == base_url
    assert fields["run_id"] == "run-a"
    assert fields["software"].startswith("xjmsw-crawler/")
    assert "robots" in fields and "http-header-user-agent" in fields
    assert headers["WARC-Filename"] == "run-a-00000.warc.gz"


def test_every_fetch_recorded_with_raw_bytes(recorded):
    warc_dir, records, expected, log, base_url, served = recorded
    entries = read_records(warc_dir / "run-a-00000.warc.gz")
    responses = [e for e in entries if e[0] in ("response", "revisit")]
    requests = [e for e in entries if e[0] == "request"]
    # One response record per request the server answered (robots.txt and 404s included), no more.
    base = base_url.rstrip("/")
    assert sorted(e[1]["WARC-Target-URI"] for e in responses) == sorted(base + p for p in served)
    ids = {e[1]["WARC-Record-ID"]: e for e in responses}
    for kind, headers, *_ in requests:
        assert headers["WARC-Concurrent-To"] in ids
        assert ids[headers["WARC-Concurrent-To"]][1]["WARC-Target-URI"] == headers["WARC-Target-URI"]
    by_url = {}
    for entry in responses:
        assert entry[1]["WARC-Payload-Digest"].startswith("sha1:")
        by_url.setdefault(entry[1]["WARC-Target-URI"], entry)
    # Every page the mirror lists (articles, their pages 2..n, listings) is there, as the server sent it.
    mirror = Mirror(MIRROR)
    pages = json.loads((MIRROR / "pages.json").read_text("utf-8"))
    bodies = {e[1]["WARC-Payload-Digest"]: e[4] for e in responses if e[0] == "response"}
    missing = []
    for path, kind in pages.items():
        if kind == "other":
            continue
        url = canonical_url(base_url.rstrip("/") + path)  # tracking parameters are never fetched
        entry = by_url.get(url)
        if entry is None:
            missing.append(url)
            continue
        status, headers, body = mirror.lookup(path)
        assert int(entry[2]) == status
        raw = entry[4] if entry[0] == "response" else bodies[entry[1]["WARC-Payload-Digest"]]
        assert raw == body, url  # the GB-encoded bytes, not text
        if "charset" in headers.get("Content-Type", ""):
            assert entry[3].get("Content-Type") == headers["Content-Type"]  # headers as received (a lying charset)
    assert not missing, missing
    for url in expected:
        assert url in by_url


def test_request_records_hold_headers_as_sent(recorded):
    warc_dir, *_ = recorded
    for kind, headers, _, http, payload in read_records(warc_dir / "run-a-00000.warc.gz"):
        if kind == "request":
            assert http.get("User-Agent", "").startswith("xjmsw-crawler/")
            assert "gzip" in http.get("Accept-Encoding", "")  # added by HttpCompressionMiddleware: as sent
            assert http.get("Host")


def test_revisit_for_identical_payload(recorded):
    warc_dir, *_ = recorded
    entries = read_records(warc_dir / "run-a-00000.warc.gz")
    originals = {(e[1]["WARC-Target-URI"], e[1]["WARC-Date"]): e for e in entries if e[0] == "response"}
    revisits = [e for e in entries if e[0] == "revisit"]
    for _, headers, _, _, payload in revisits:
        assert payload == b""
        assert headers["WARC-Profile"].endswith("/revisit/identical-payload-digest")
        original = originals[(headers["WARC-Refers-To-Target-URI"], headers["WARC-Refers-To-Date"])]
        assert original[1]["WARC-Payload-Digest"] == headers["WARC-Payload-Digest"]
        assert original[1]["WARC-Record-ID"] == headers["WARC-Refers-To"]
    digests = [e[1]["WARC-Payload-Digest"] for e in entries if e[0] == "response"]
    assert len(digests) == len(set(digests)), "an identical payload was written twice in full"


def test_second_run_writes_revisits_against_the_first(recorded, tmp_path):
    """The dedupe index belongs to the WARC directory: a later run refers to the first run's records."""
    warc_dir, *_ = recorded
    copy = tmp_path / "warc"
    copy.mkdir()
    (copy / "run-a-00000.warc.gz").write_bytes((warc_dir / "run-a-00000.warc.gz").read_bytes())
    # No dedupe.sqlite copied: it is rebuilt from the WARC files found there.
    with MirrorServer(MIRROR) as server:
        done = run_crawl(server.base_url, tmp_path / "out.jsonl", "-s", f"XJMSW_WARC_DIR={copy}",
                         "-s", "XJMSW_RUN_ID=run-b")
        assert done.returncode == 0, done.stderr[-2000:]
    second = read_records(copy / "run-b-00000.warc.gz")
    kinds = [e[0] for e in second]
    # Same pages, same bytes (the mirror's port differs, so the URLs do): nearly everything is a revisit.
    assert kinds.count("revisit") > kinds.count("response")
    first_ids = {e[1]["WARC-Record-ID"] for e in read_records(copy / "run-a-00000.warc.gz")}
    assert any(e[1].get("WARC-Refers-To") in first_ids for e in second if e[0] == "revisit")
    assert warcio("check", str(copy / "run-b-00000.warc.gz")).returncode == 0


def test_rotation_at_size(tmp_path):
    with MirrorServer(MIRROR) as server:
        done = run_crawl(server.base_url, tmp_path / "out.jsonl", "-s", f"XJMSW_WARC_DIR={tmp_path / 'warc'}",
                         "-s", "XJMSW_RUN_ID=rot", "-s", "XJMSW_WARC_MAX_SIZE=30000")
        assert done.returncode == 0, done.stderr[-2000:]
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) > 2
    assert [f.name for f in files] == [f"rot-{i:05d}.warc.gz" for i in range(len(files))]
    total = 0
    for path in files:
        entries = read_records(path)
        assert entries[0][0] == "warcinfo" and [e[0] for e in entries].count("warcinfo") == 1
        total += sum(e[0] in ("response", "revisit") for e in entries)
        # Over the limit only when a single exchange is bigger than it.
        assert path.stat().st_size <= 30000 or sum(e[0] in ("response", "revisit") for e in entries) == 1
    assert total == stat(done.stderr, "xjmsw/warc/response") + stat(done.stderr, "xjmsw/warc/revisit") > 30
    assert warcio("check", *map(str, files)).returncode == 0


def test_no_recording_without_setting(tmp_path):
    with MirrorServer(MIRROR) as server:
        done = run_crawl(server.base_url, tmp_path / "out.jsonl")
    assert done.returncode == 0
    assert "xjmsw/warc/" not in done.stderr and "Writing WARC" not in done.stderr
    assert "WarcRecorder" not in done.stderr  # off quietly, no "Disabled …" warning
    assert all(r["archived_at"] is None and r["wayback_url"] is None for r in read_jsonl(tmp_path / "out.jsonl"))


# -- compressed responses: the bytes before decompression ---------------------------------------------------


class GzipMirrorServer(BackgroundServer):
    """The mirror, every body gzip-compressed (Content-Encoding) when the client accepts it."""

    def __init__(self, root):
        mirror = Mirror(root)

        class Handler(PageHandler):
            def do_GET(self):
                status, headers, body = mirror.lookup(self.path)
                if "gzip" in self.headers.get("Accept-Encoding", ""):
                    body = gzip.compress(body, mtime=0)
                    headers = {**headers, "Content-Encoding": "gzip"}
                self.send_page(status, headers, body)

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"


def test_compressed_bodies_recorded_before_decompression(tmp_path):
    with GzipMirrorServer(MIRROR) as server:
        done = run_crawl(server.base_url, tmp_path / "out.jsonl", "-s", f"XJMSW_WARC_DIR={tmp_path / 'warc'}",
                         "-s", "XJMSW_RUN_ID=gz")
    assert done.returncode == 0, done.stderr[-2000:]
    live = read_jsonl(tmp_path / "out.jsonl")
    assert len(live) == len(load_expected("mirror", server.base_url))
    path = tmp_path / "warc" / "gz-00000.warc.gz"
    compressed = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers.get_header("Content-Encoding") != "gzip":
                continue
            compressed += 1
            raw = record.raw_stream.read()
            assert raw[:2] == b"\x1f\x8b"  # as the server sent it
            assert int(record.http_headers.get_header("Content-Length")) == len(raw)
    assert compressed > 10
    assert warcio("check", str(path)).returncode == 0
    # And the archive replays to the same records (the decompression happens again on the way in).
    out = tmp_path / "re.jsonl"
    again = subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", "reparse", str(tmp_path / "warc"), "-o", str(out)],
                           cwd=REPO, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr[-2000:]
    assert sorted(live, key=lambda r: r["id"]) == sorted(read_jsonl(out), key=lambda r: r["id"])


# -- crash safety ---------------------------------------------------------------------------------------------


def test_kill_9_leaves_complete_records_readable(tmp_path):
    """Crawls killed with SIGKILL at random moments leave files whose every record is whole: `warcio check`
    passes, and the dedupe index never names a record that is not in the files."""
    rng = random.Random(4)
    warc_dir = tmp_path / "warc"
    kills = 0
    with MirrorServer(MIRROR) as server:
        for attempt in range(6):
            command = [
                sys.executable, "-m", "scrapy", "crawl", "xjmsw", "-a", f"base_url={server.base_url}",
                "-s", f"XJMSW_JSONL={tmp_path / 'out.jsonl'}", "-s", f"XJMSW_WARC_DIR={warc_dir}",
                "-s", f"XJMSW_RUN_ID=kill{attempt}", "-s", "DOWNLOAD_DELAY=0.02", "-s", "AUTOTHROTTLE_ENABLED=0",
                "-s", "LOG_LEVEL=WARNING",
            ]
            process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + rng.uniform(1.2, 3.0)
            while time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                kills += 1
            process.wait(timeout=60)
    files = sorted(warc_dir.glob("*.warc.gz"))
    assert kills >= 3 and files
    check = warcio("check", *map(str, files))
    assert check.returncode == 0, check.stdout[-2000:]
    index = WarcIndex(files)
    assert index.counts["damaged_files"] == 0
    with sqlite3.connect(warc_dir / "dedupe.sqlite") as db:
        for digest, record_id, filename in db.execute("SELECT digest, record_id, filename FROM payloads"):
            assert any(c.digest == digest for c in index.by_digest.get(digest, [])), (digest, filename)
    for captures in index.by_url.values():
        for capture in captures:
            if capture.rec_type == "revisit":
                assert index.original_of(capture) is not None


def test_torn_tail_is_survivable(tmp_path):
    """Even a file cut in the middle of a record (power loss) gives up every record before the cut."""
    recorder = WarcRecorder(tmp_path, "torn", warcinfo={"base_url": "http://x/"})
    from datetime import UTC, datetime

    for i in range(5):
        recorder.write_exchange(Exchange(url=f"http://x/{i}.html", date=datetime.now(UTC), body=f"page {i}".encode() * 50,
                                         response_headers=[("Content-Type", "text/html")]))
    recorder.close()
    path = tmp_path / "torn-00000.warc.gz"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    index = WarcIndex([path])
    # Each exchange is written response first: the cut damaged the last request record only.
    assert index.counts["response"] == 5 and index.counts["request"] == 4
    # A new recorder on the directory rebuilds its dedupe index from what is readable and carries on.
    (tmp_path / "dedupe.sqlite").unlink()
    again = WarcRecorder(tmp_path, "torn")
    assert again.index.get(payload_digest(b"page 0" * 50)) is not None
    assert again.write_exchange(Exchange(url="http://x/0.html", date=datetime.now(UTC), body=b"page 0" * 50)) == "revisit"
    again.close()
    assert sorted(p.name for p in tmp_path.glob("*.warc.gz")) == ["torn-00000.warc.gz", "torn-00001.warc.gz"]
