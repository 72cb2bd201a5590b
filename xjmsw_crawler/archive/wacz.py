"""`xjmsw package`: a harvest's WARC files, their CDXJ index and a pages list in one WACZ file (py-wacz).

A WACZ (https://specs.webrecorder.net/wacz/1.1.1/) is a ZIP that ReplayWeb.page and pywb open directly:
archive/*.warc.gz, indexes/index.cdx.gz (+ index.idx), pages/pages.jsonl, datapackage.json (every file with
its sha256) and datapackage-digest.json. The pages list holds the home page and every archived article
(title from articles.jsonl), each at the capture `xjmsw reparse` would use; without articles.jsonl, every
HTML page fetched with status 200.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import tempfile
from pathlib import Path

from xjmsw_crawler.archive.recorder import warc_files
from xjmsw_crawler.archive.replay import WarcIndex

logger = logging.getLogger(__name__)


class PackageError(Exception):
    """The WACZ could not be made, or did not validate."""


def find_warcs(data_dir: Path) -> list[Path]:
    """DIR/warc/*.warc.gz of a data directory, or the WARC files of a folder that holds them directly."""
    for folder in (data_dir / "warc", data_dir):
        files = warc_files(folder)
        if files:
            return files
    return []


def read_records(path: Path) -> list[dict]:
    """The records of a JSONL archive, the last version of each URL; a torn last line is skipped."""
    records: dict[str, dict] = {}
    if not path.exists():
        return []
    for line in path.read_text("utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and record.get("url"):
            records[record["url"]] = record
    return list(records.values())


def _is_html_page(index: WarcIndex, capture) -> bool:
    archived = index.load(capture)
    if archived is None:
        return False
    content_type = next((v for n, v in archived.headers if n.lower() == "content-type"), "")
    return content_type.split(";")[0].strip().lower() in ("text/html", "application/xhtml+xml")


def pages_list(index: WarcIndex, records: list[dict], base_url: str | None) -> list[dict]:
    """The WACZ pages: {"url", "ts", "title"} of the home page and the articles found in the WARC files."""
    pages: dict[str, dict] = {}

    def add(url: str, title: str | None) -> bool:
        capture = index.lookup(url)
        if capture and 200 <= capture.status < 300 and capture.uri not in pages:
            pages[capture.uri] = {"url": capture.uri, "ts": capture.date, "title": title or capture.uri}
            return True
        return False

    if base_url:
        add(base_url, "首页 (home page)")
    for record in records:
        if not add(record["url"], record.get("title")) and record.get("wayback_url"):
            # A Wayback harvest archived the raw capture it fetched, under its Wayback URL.
            from xjmsw_crawler.wayback import parse_replay_url, replay_url

            parsed = parse_replay_url(record["wayback_url"])
            if parsed:
                base = record["wayback_url"].split("/web/", 1)[0]
                add(replay_url(base, parsed[0], parsed[1]), record.get("title"))
    if len(pages) <= 1:  # no records (or none from these WARCs): every HTML page fetched with status 200
        seen = set()
        for captures in index.by_url.values():
            for capture in captures:
                if capture.uri not in seen and capture.status == 200:
                    seen.add(capture.uri)
                    if capture.uri not in pages and _is_html_page(index, capture):
                        add(capture.uri, None)
    return list(pages.values())


def _run_wacz(argv: list[str]) -> tuple[int, str]:
    from wacz.main import main as wacz_main

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        try:
            status = wacz_main(argv)
        except (Exception, SystemExit) as exc:  # py-wacz raises ValueError for a main page not found, etc.
            print(f"{type(exc).__name__}: {exc}")
            status = 1
    return int(status or 0), output.getvalue()


def validate(path: Path | str) -> tuple[bool, str]:
    """`wacz validate -f path`: (valid, what it said)."""
    status, said = _run_wacz(["validate", "-f", str(path)])
    return status == 0 and "succeeded" in said, said


def package(data_dir: Path | str, out: Path | str, *, title: str | None = None, description: str | None = None,
            check: bool = True) -> dict:
    """Writes the WACZ of a data directory (or of a folder of WARC files); returns a summary."""
    data_dir = Path(data_dir)
    out = Path(out)
    files = find_warcs(data_dir)
    if not files:
        raise PackageError(f"no WARC files in {data_dir / 'warc'} or {data_dir}")
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        raise PackageError("two WARC files share a name")
    index = WarcIndex(files)
    info = next((i for i in index.warcinfo if i.get("base_url")), {})
    base_url = info.get("base_url")
    records = read_records(data_dir / "articles.jsonl")
    pages = pages_list(index, records, base_url)
    title = title or f"新疆民生网 (www.xjmsw.cn): {data_dir.resolve().name}"
    description = description or (
        f"Archival harvest of {base_url or 'www.xjmsw.cn'} by xjmsw-crawler: {len(files)} WARC file(s),"
        f" {index.counts['response']} responses, {index.counts['revisit']} revisits, {len(records)} articles."
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="xjmsw-wacz-") as tmp:
        pages_file = Path(tmp) / "pages.jsonl"
        with pages_file.open("w", encoding="utf-8") as handle:
            handle.write(json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "Pages"}) + "\n")
            for page in pages:
                handle.write(json.dumps(page, ensure_ascii=False) + "\n")
        argv = ["create", "-o", str(out), "--pages", str(pages_file), "--title", title, "--desc", description]
        home = pages[0]["url"] if pages and base_url and pages[0]["title"].startswith("首页") else None
        if home:
            argv += ["--url", home, "--ts", pages[0]["ts"].replace("-", "").replace(":", "").replace("T", "")[:14]]
        status, said = _run_wacz(argv + [str(f) for f in files])
    if status != 0 or not out.exists():
        raise PackageError(f"wacz create failed:\n{said}")
    summary = {"output": str(out), "warcs": len(files), "pages": len(pages), "articles": len(records),
               "bytes": out.stat().st_size, "valid": None}
    if check:
        valid, said = validate(out)
        summary["valid"] = valid
        if not valid:
            raise PackageError(f"the WACZ does not validate:\n{said}")
    return summary
