"""`xjmsw reparse` rebuilds a harvest's records from its WARC files alone, field for field; `xjmsw package`
bundles them into a WACZ that validates and replays.

Real processes: a `scrapy crawl` (or `xjmsw harvest`) records WARCs from the mirror on 127.0.0.1, the mirror
is stopped, and `xjmsw reparse` runs with no server at all.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from conftest import FIXTURES, MIRRORS, NO_PREV_NEXT, REPO, read_jsonl, run_crawl
from xjmsw_crawler.archive.replay import WarcIndex
from xjmsw_crawler.mirror import Mirror, MirrorServer
from xjmsw_crawler.parsers.record import RECORD_FIELDS

pytestmark = pytest.mark.skipif(not MIRRORS, reason="no fixture mirror in fixtures/")

HAVE_HARVEST = importlib.util.find_spec("xjmsw_crawler.commands.harvest") is not None


def xjmsw(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def assert_same_records(live: list[dict], replayed: list[dict], ignore=("fetched_at",)) -> None:
    live, replayed = by_id(live), by_id(replayed)
    assert len(live) == len(replayed) and live.keys() == replayed.keys()
    problems = [
        f"{key} {field}: live {live[key].get(field)!r:.120} reparse {replayed[key].get(field)!r:.120}"
        for key in live for field in sorted(set(live[key]) | set(replayed[key]))
        if field not in ignore and live[key].get(field) != replayed[key].get(field)
    ]
    assert not problems, "\n".join(problems[:20])


@pytest.fixture(scope="module")
def harvested(tmp_path_factory):
    """Per mirror: a crawl recording WARCs, then the mirror gone: (dir, live records)."""
    results = {}
    for mirror in MIRRORS:
        tmp = tmp_path_factory.mktemp(f"reparse-{mirror}")
        with MirrorServer(FIXTURES / mirror) as server:
            done = run_crawl(server.base_url, tmp / "out.jsonl", "-s", f"XJMSW_WARC_DIR={tmp / 'warc'}",
                             "-s", "XJMSW_RUN_ID=live")
            assert done.returncode == 0, done.stderr[-3000:]
        results[mirror] = (tmp, read_jsonl(tmp / "out.jsonl"))
    return results


@pytest.mark.parametrize("mirror", MIRRORS)
def test_reparse_equals_live_field_for_field(harvested, mirror):
    tmp, live = harvested[mirror]
    assert live, "the live crawl wrote no record"
    out = tmp / "reparsed.jsonl"
    done = xjmsw("reparse", str(tmp / "warc"), "-o", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    replayed = read_jsonl(out)
    assert f"Re-extracted {len(live)} records" in done.stderr
    # Every field, multi-page bodies and prev/next included.
    assert_same_records(live, replayed)
    assert any(r["pages"] > 1 for r in replayed) or mirror != "mirror"
    assert any(r["prev"] or r["next"] for r in replayed) or mirror in NO_PREV_NEXT
    # fetched_at is the WARC-Date of the article's first page (which is what the live harvest wrote too).
    index = WarcIndex([tmp / "warc"])
    for record in replayed:
        assert record["fetched_at"] == index.lookup(record["url"]).date
    assert_same_records(live, replayed, ignore=())


def test_reparse_to_stdout_from_files(harvested):
    tmp, live = harvested[MIRRORS[0]]
    files = sorted(str(p) for p in (tmp / "warc").glob("*.warc.gz"))
    done = xjmsw("reparse", *files)
    assert done.returncode == 0, done.stderr[-2000:]
    replayed = [json.loads(line) for line in done.stdout.splitlines()]
    assert_same_records(live, replayed)
    assert list(replayed[0]) == list(RECORD_FIELDS)


def test_reparse_never_touches_the_network(harvested, tmp_path):
    """Every http(s) request is answered from the WARC files: a base URL under which nothing was archived gives
    no record (and no connection attempt to it: port 9 is discard)."""
    tmp, live = harvested[MIRRORS[0]]
    done = xjmsw("reparse", str(tmp / "warc"), "-o", str(tmp_path / "again.jsonl"), "--base-url", "http://127.0.0.1:9/")
    assert done.returncode == 0, done.stderr[-2000:]
    assert read_jsonl(tmp_path / "again.jsonl") == []


def test_reparse_resolves_revisits_across_runs(harvested, tmp_path):
    """A second run into the same WARC directory archives unchanged pages as revisits; reparsing the second
    run's files together with the first's resolves them to the first run's payloads."""
    tmp, _ = harvested["mirror"] if "mirror" in MIRRORS else harvested[MIRRORS[0]]
    warc = tmp_path / "warc"
    warc.mkdir()
    for path in (tmp / "warc").glob("*.warc.gz"):
        (warc / path.name).write_bytes(path.read_bytes())
    with MirrorServer(FIXTURES / ("mirror" if "mirror" in MIRRORS else MIRRORS[0])) as server:
        done = run_crawl(server.base_url, tmp_path / "second.jsonl", "-s", f"XJMSW_WARC_DIR={warc}",
                         "-s", "XJMSW_RUN_ID=second")
        assert done.returncode == 0, done.stderr[-2000:]
    second = sorted(warc.glob("second-*.warc.gz"))
    assert WarcIndex(second).counts["revisit"] > 0
    out = tmp_path / "re.jsonl"
    done = xjmsw("reparse", *map(str, second), *map(str, sorted(warc.glob("live-*.warc.gz"))), "-o", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    assert_same_records(read_jsonl(tmp_path / "second.jsonl"), read_jsonl(out))


@pytest.mark.skipif(not HAVE_HARVEST, reason="xjmsw harvest (issue 3) not present")
def test_harvest_writes_warcs_and_reparse_reproduces_articles_jsonl(tmp_path):
    mirror = "mirror" if "mirror" in MIRRORS else MIRRORS[0]
    data = tmp_path / "data"
    with MirrorServer(FIXTURES / mirror) as server:
        done = xjmsw("harvest", "--base-url", server.base_url, "--data-dir", str(data), "-s", "DOWNLOAD_DELAY=0",
                     "-s", "AUTOTHROTTLE_ENABLED=0", timeout=600)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        served = [r["path"] for r in getattr(server, "requests", [])]
        base = server.base_url.rstrip("/")
    files = sorted((data / "warc").glob("*.warc.gz"))
    assert files, "the harvest wrote no WARC file"
    if served:  # every request the server answered is in the WARC files, once
        index = WarcIndex(files)
        assert index.counts["response"] + index.counts["revisit"] == len(served)
        assert {base + p for p in served} == {c.uri for cs in index.by_url.values() for c in cs}
    manifests = sorted((data / "runs").glob("*.json"))
    run_id = manifests[-1].stem
    assert all(f.name.startswith(f"{run_id}-") for f in files)
    check = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", *map(str, files)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout[-2000:]
    live = read_jsonl(data / "articles.jsonl")
    out = tmp_path / "re.jsonl"
    done = xjmsw("reparse", str(data / "warc"), "-o", str(out))
    assert done.returncode == 0, done.stderr[-2000:]
    # Every field (fetched_at aside, though it too is equal); `version` is 1 on both sides after a first run.
    shared = [f for f in RECORD_FIELDS if f != "fetched_at"]
    replayed = by_id(read_jsonl(out))
    assert {r["id"] for r in live} == set(replayed)
    for record in live:
        for field in shared:
            assert record[field] == replayed[record["id"]][field], (record["url"], field)


# -- WACZ ------------------------------------------------------------------------------------------------------


def test_package_wacz_validates_and_replays(harvested, tmp_path):
    mirror = "mirror" if "mirror" in MIRRORS else MIRRORS[0]
    tmp, live = harvested[mirror]
    # A data directory as the harvest leaves it: DIR/warc and DIR/articles.jsonl.
    data = tmp_path / "data"
    (data / "warc").mkdir(parents=True)
    for path in (tmp / "warc").glob("*.warc.gz"):
        (data / "warc" / path.name).write_bytes(path.read_bytes())
    (data / "articles.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in live), "utf-8")
    out = tmp_path / "archive.wacz"
    done = xjmsw("package", str(data), "-o", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "validated" in done.stdout

    validate = subprocess.run([str(Path(sys.executable).with_name("wacz")), "validate", "-f", str(out)],
                              capture_output=True, text=True)
    assert validate.returncode == 0 and "succeeded" in validate.stdout, validate.stdout
    with zipfile.ZipFile(out) as wacz:
        names = set(wacz.namelist())
        assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx.gz", "pages/pages.jsonl"} <= names
        warcs = sorted(n for n in names if n.startswith("archive/"))
        assert warcs == sorted(f"archive/{p.name}" for p in (tmp / "warc").glob("*.warc.gz"))
        for name in warcs:
            assert wacz.getinfo(name).compress_type == zipfile.ZIP_STORED  # WARCs stored, as the spec asks
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").decode().splitlines()]
        assert pages[0]["format"] == "json-pages-1.0"
        listed = {p["url"]: p for p in pages[1:]}
        for record in live:
            assert record["url"] in listed and listed[record["url"]]["title"] == record["title"]
        package = json.loads(wacz.read("datapackage.json"))
        assert package["mainPageURL"].endswith("/")
        # Replay as ReplayWeb.page does: look an article up in the CDXJ index, read its record from the WARC.
        cdxj = gzip.decompress(wacz.read("indexes/index.cdx.gz")).decode().splitlines()
        record = next(r for r in live if r["pages"] == 1)
        entries = [json.loads(line.split(" ", 2)[2]) for line in cdxj if json.loads(line.split(" ", 2)[2]).get("url") == record["url"]]
        entry = next(e for e in entries if e.get("mime") != "warc/revisit")
        data_bytes = wacz.read(f"archive/{entry['filename']}")
        offset, length = int(entry["offset"]), int(entry["length"])
        from io import BytesIO

        warc_record = next(iter(ArchiveIterator(BytesIO(data_bytes[offset:offset + length]))))
        assert warc_record.rec_headers.get_header("WARC-Target-URI") == record["url"]
        path = record["url"].split("/", 3)[3]
        assert warc_record.content_stream().read() == Mirror(FIXTURES / mirror).lookup("/" + path)[2]


def _pywb_bin() -> Path | None:
    """pywb's tools, if installed (here or in the environment named by XJMSW_PYWB_BIN): optional."""
    import os
    import shutil

    for folder in (os.environ.get("XJMSW_PYWB_BIN"), str(Path(sys.executable).parent)):
        if folder and (Path(folder) / "wb-manager").exists() and (Path(folder) / "wayback").exists():
            return Path(folder)
    found = shutil.which("wb-manager")
    return Path(found).parent if found and shutil.which("wayback") else None


@pytest.mark.skipif(_pywb_bin() is None, reason="pywb not installed (set XJMSW_PYWB_BIN to its bin folder)")
def test_pywb_replays_the_warcs_and_the_wacz(harvested, tmp_path):
    import socket
    import time
    import urllib.request

    bin_dir = _pywb_bin()
    mirror = "mirror" if "mirror" in MIRRORS else MIRRORS[0]
    tmp, live = harvested[mirror]
    wacz = tmp_path / "a.wacz"
    assert xjmsw("package", str(tmp), "-o", str(wacz)).returncode == 0
    run = lambda *a: subprocess.run([str(bin_dir / "wb-manager"), *a], cwd=tmp_path, capture_output=True, text=True)  # noqa: E731
    assert run("init", "warcs").returncode == 0 and run("init", "wacz").returncode == 0
    assert run("add", "warcs", *map(str, sorted((tmp / "warc").glob("*.warc.gz")))).returncode == 0
    assert run("add", "--unpack-wacz", "wacz", str(wacz)).returncode == 0
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([str(bin_dir / "wayback"), "-p", str(port), "-b", "127.0.0.1"], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        record = next(r for r in live if r["pages"] == 1)
        want = Mirror(FIXTURES / mirror).lookup("/" + record["url"].split("/", 3)[3])[2]
        for collection in ("warcs", "wacz"):
            url = f"http://127.0.0.1:{port}/{collection}/2100id_/{record['url']}"
            for _ in range(60):
                try:
                    with urllib.request.urlopen(url, timeout=10) as answer:
                        assert answer.read() == want
                    break
                except OSError:
                    time.sleep(0.5)
            else:
                pytest.fail(f"pywb did not replay {url}")
    finally:
        server.terminate()
        server.wait(timeout=30)
