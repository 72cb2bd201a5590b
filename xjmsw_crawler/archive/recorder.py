"""WARC writing (ISO 28500, WARC/1.0 via warcio), with no Scrapy in it.

One `WarcRecorder` per crawl writes `<dir>/<run-id>-NNNNN.warc.gz`:

- each file starts with a `warcinfo` record (software, version, base_url, run id, …);
- every fetch is a `response` record (the HTTP status line, headers and the body bytes exactly as the
  download handler returned them, i.e. still compressed when the server compressed) and a `request` record
  (the request line and headers as sent) whose WARC-Concurrent-To names the response;
- a response whose payload (WARC-Payload-Digest, sha1) is already archived under the same directory becomes
  a `revisit` record (profile identical-payload-digest, WARC-Refers-To-Target-URI/-Date/WARC-Refers-To)
  holding the HTTP headers only; `DigestIndex` (dedupe.sqlite beside the WARCs) remembers the digests;
- files rotate before they would grow past `max_size`;
- each exchange (its gzip members: response + request) reaches the file in one write(2) on an O_APPEND
  descriptor, so a process killed at any moment leaves whole records only; the digest of a payload enters
  the index only after its record was written, so a revisit never points at a record that is not there.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 1024**3
WARC_SUFFIXES = (".warc.gz", ".warc")


def payload_digest(body: bytes) -> str:
    """The WARC-Payload-Digest of a payload, in warcio's (and Heritrix's) form: `sha1:<base32>`."""
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def warc_date(moment: datetime) -> str:
    """WARC/1.0 date: UTC, whole seconds, `2026-11-30T01:02:03Z`."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return datetime_to_iso_date(moment)


def warc_files(directory: Path | str) -> list[Path]:
    """The WARC files of a directory, in name order (run ids sort by time, serials by number)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and p.name.endswith(WARC_SUFFIXES))


@dataclass
class Exchange:
    """One HTTP request and the response to it, as they went over the wire."""

    url: str
    date: datetime
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    status: int = 200
    reason: str = ""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    ip_address: str | None = None
    #: WARC-Truncated value when the body is not complete (`length`, `time`, `disconnect`, `unspecified`).
    truncated: str | None = None


class DigestIndex:
    """Payload digests already archived in one WARC directory: digest -> the response record that holds it.

    Kept in SQLite (WAL) beside the WARCs, so every run writing to the directory shares it. A missing index is
    rebuilt from the WARC files there; an entry whose WARC file is gone is ignored (the payload is archived
    again in full).
    """

    def __init__(self, path: Path | str, warc_dir: Path | str):
        self.path = Path(path)
        self.warc_dir = Path(warc_dir)
        fresh = not self.path.exists()
        self.db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS payloads (digest TEXT PRIMARY KEY, uri TEXT NOT NULL, date TEXT NOT NULL,"
            " record_id TEXT NOT NULL, filename TEXT NOT NULL)"
        )
        if fresh:
            self.rebuild()

    def rebuild(self) -> int:
        """Index the response records of every WARC file in the directory (a torn tail is skipped)."""
        added = 0
        for path in warc_files(self.warc_dir):
            try:
                with path.open("rb") as stream:
                    for record in ArchiveIterator(stream):
                        if record.rec_type != "response":
                            continue
                        headers = record.rec_headers
                        digest = headers.get_header("WARC-Payload-Digest")
                        if digest:
                            added += self.add(digest, headers.get_header("WARC-Target-URI"),
                                              headers.get_header("WARC-Date"), headers.get_header("WARC-Record-ID"),
                                              path.name)
            except Exception as exc:  # a torn last record after a crash: what came before is indexed
                logger.warning("Dedupe index: stopped reading %s at a damaged record (%s)", path, exc)
        if added:
            logger.info("Dedupe index rebuilt from %s: %d payloads", self.warc_dir, added)
        return added

    def get(self, digest: str) -> dict | None:
        """The record holding this payload; None when there is none (or the index cannot be read: then the
        payload is simply archived in full again)."""
        try:
            row = self.db.execute(
                "SELECT uri, date, record_id, filename FROM payloads WHERE digest = ?", (digest,)
            ).fetchone()
        except sqlite3.Error as exc:
            logger.warning("Dedupe index %s unreadable (%s): payload archived in full", self.path, exc)
            return None
        if row is None or not (self.warc_dir / row[3]).exists():
            return None
        return {"uri": row[0], "date": row[1], "record_id": row[2], "filename": row[3]}

    def add(self, digest: str, uri: str, date: str, record_id: str, filename: str) -> int:
        try:
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO payloads (digest, uri, date, record_id, filename) VALUES (?, ?, ?, ?, ?)",
                (digest, uri, date, record_id, filename),
            )
        except sqlite3.Error as exc:  # a payload missing from the index only costs a full record later
            logger.warning("Dedupe index %s not updated (%s)", self.path, exc)
            return 0
        return cursor.rowcount

    def close(self) -> None:
        self.db.close()


class WarcRecorder:
    """Writes exchanges to rotating gzipped WARC files named `<run_id>-NNNNN.warc.gz` in `directory`."""

    def __init__(
        self,
        directory: Path | str,
        run_id: str,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        warcinfo: dict | None = None,
        dedupe: bool = True,
        dedupe_min_size: int = 1,
    ):
        if not re.fullmatch(r"[\w.@+-]+", run_id or ""):
            raise ValueError(f"run id {run_id!r} cannot name a file")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.run_id = run_id
        self.max_size = max(int(max_size), 1)
        self.warcinfo = dict(warcinfo or {})
        self.dedupe_min_size = dedupe_min_size
        self.index = None
        if dedupe:
            try:
                self.index = DigestIndex(self.directory / "dedupe.sqlite", self.directory)
            except sqlite3.Error as exc:  # a damaged index must not stop the archive: full records instead
                logger.error("Dedupe index %s unusable (%s): no revisit records this run (delete it to rebuild)",
                             self.directory / "dedupe.sqlite", exc)
        self.stats: Counter = Counter()
        self.files: list[Path] = []
        self._fd: int | None = None
        self._path: Path | None = None
        self._size = 0
        self._records_in_file = 0
        self._serial = 0

    # -- files ------------------------------------------------------------------------------------------

    def _open_next_file(self) -> None:
        while True:
            path = self.directory / f"{self.run_id}-{self._serial:05d}.warc.gz"
            self._serial += 1
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
            except FileExistsError:  # the same run id again (a resumed run): never touch a finished file
                continue
            break
        self._fd, self._path, self._size, self._records_in_file = fd, path, 0, 0
        self.files.append(path)
        buffer = BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        info = {"software": None, "format": "WARC File Format 1.0",
                "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/"}
        info.update(self.warcinfo)
        info["run_id"] = self.run_id
        info["isPartOf"] = self.run_id
        writer.write_record(writer.create_warcinfo_record(path.name, {k: v for k, v in info.items() if v}))
        self._write(buffer.getvalue())
        logger.info("Writing WARC %s", path)

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._size += len(data)

    def _close_file(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None

    @property
    def current_file(self) -> Path | None:
        return self._path if self._fd is not None else None

    # -- records ----------------------------------------------------------------------------------------

    def write_exchange(self, exchange: Exchange) -> str:
        """Writes one exchange; returns the type of its response record (`response` or `revisit`)."""
        date = warc_date(exchange.date)
        digest = payload_digest(exchange.body)
        prior = None
        if self.index is not None and len(exchange.body) >= self.dedupe_min_size:
            prior = self.index.get(digest)

        buffer = BytesIO()
        writer = WARCWriter(buffer, gzip=True)
        status_line = f"{exchange.status} {exchange.reason}".strip()
        http_response = StatusAndHeaders(status_line, list(exchange.response_headers), protocol=exchange.protocol)
        extra = {"WARC-Date": date}
        if exchange.ip_address:
            extra["WARC-IP-Address"] = exchange.ip_address
        if prior is not None:
            response = writer.create_revisit_record(
                exchange.url, digest, prior["uri"], prior["date"], http_headers=http_response,
                warc_headers_dict=extra | {"WARC-Refers-To": prior["record_id"]},
            )
        else:
            if exchange.truncated:
                extra["WARC-Truncated"] = exchange.truncated
            response = writer.create_warc_record(
                exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
                http_headers=http_response, warc_headers_dict=extra | {"WARC-Payload-Digest": digest},
            )
        http_request = StatusAndHeaders(
            f"{exchange.method} {request_target(exchange.url)} {exchange.protocol or 'HTTP/1.1'}",
            list(exchange.request_headers), is_http_request=True,
        )
        request = writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(exchange.request_body), length=len(exchange.request_body),
            http_headers=http_request, warc_headers_dict={"WARC-Date": date},
        )
        writer.write_request_response_pair(request, response)
        data = buffer.getvalue()

        if self._fd is not None and self._records_in_file and self._size + len(data) > self.max_size:
            self._close_file()
        if self._fd is None:
            self._open_next_file()
        self._write(data)
        self._records_in_file += 1
        kind = response.rec_type
        self.stats[kind] += 1
        if kind == "response" and self.index is not None and len(exchange.body) >= self.dedupe_min_size:
            self.index.add(digest, exchange.url, date, response.rec_headers.get_header("WARC-Record-ID"), self._path.name)
        return kind

    def close(self) -> None:
        self._close_file()
        if self.index is not None:
            self.index.close()
            self.index = None


def request_target(url: str) -> str:
    """The request-target of an origin-form request line: path and query of the URL."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def new_run_id(now: datetime | None = None) -> str:
    """A run id when none was given: the UTC start time, `20261130T010203Z`."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
