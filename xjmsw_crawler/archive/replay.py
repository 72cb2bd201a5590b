"""Reading WARC files back: an index of their captures, and a Scrapy download handler that answers from it.

`xjmsw reparse` runs the real spider with WarcReplayDownloadHandler as the http/https handler: every request
is answered with the archived response of its URL (status line, headers, raw body; a revisit record resolved
to the payload it refers to), so every downloader middleware, the encoding fix, the parsers, the multi-page
merging and the pipelines run exactly as they did in the live harvest. A URL that is not archived gets a 404.
The record's fetched_at is the WARC-Date of the archived response (request.meta, see archive.META_FETCHED_AT).
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from pathlib import Path

from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from w3lib.url import canonicalize_url
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader

from xjmsw_crawler.archive import FLAG_NOT_FETCHED, FLAG_REPLAYED, META_FETCHED_AT
from xjmsw_crawler.archive.recorder import WARC_SUFFIXES, warc_files

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Capture:
    """Where one response or revisit record lies, and what the index needs to choose between captures."""

    uri: str
    date: str
    status: int
    rec_type: str          # response | revisit
    path: str
    offset: int
    order: int             # position among all indexed records: the tie-break between equal dates
    digest: str | None
    refers_to_uri: str | None = None
    refers_to_date: str | None = None

    @property
    def usable(self) -> bool:
        """Not a server error or rate limit: what a retry in the live crawl would have got past."""
        return self.status < 500 and self.status != 429


@dataclass
class Archived:
    """An archived HTTP response, ready to become a Scrapy response."""

    uri: str
    date: str
    status: int
    protocol: str
    headers: list[tuple[str, str]]
    body: bytes


def expand_paths(paths) -> list[Path]:
    """WARC files named directly, and the WARC files inside named directories."""
    found = []
    for entry in paths:
        path = Path(entry)
        if path.is_dir():
            found.extend(warc_files(path))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"no such WARC file or directory: {entry}")
    return found


def url_keys(url: str) -> tuple[str, str]:
    return url, canonicalize_url(url)


class WarcIndex:
    """Every response and revisit record of some WARC files, by target URI; warcinfo records in order."""

    def __init__(self, paths):
        self.paths = expand_paths(paths)
        self.by_url: dict[str, list[Capture]] = {}
        self.by_digest: dict[str, list[Capture]] = {}
        self.warcinfo: list[dict] = []
        self.counts = {"response": 0, "revisit": 0, "request": 0, "warcinfo": 0, "other": 0, "damaged_files": 0}
        order = 0
        for path in self.paths:
            try:
                with path.open("rb") as stream:
                    iterator = ArchiveIterator(stream)
                    for record in iterator:
                        kind = record.rec_type
                        self.counts[kind if kind in self.counts else "other"] += 1
                        if kind == "warcinfo":
                            self.warcinfo.append(parse_warc_fields(record.content_stream().read()) | {"_file": path.name})
                            continue
                        if kind not in ("response", "revisit") or record.http_headers is None:
                            continue
                        headers = record.rec_headers
                        try:
                            status = int(record.http_headers.get_statuscode())
                        except (TypeError, ValueError):
                            continue
                        order += 1
                        capture = Capture(
                            uri=headers.get_header("WARC-Target-URI"),
                            date=headers.get_header("WARC-Date"),
                            status=status,
                            rec_type=kind,
                            path=str(path),
                            offset=iterator.get_record_offset(),
                            order=order,
                            digest=headers.get_header("WARC-Payload-Digest"),
                            refers_to_uri=headers.get_header("WARC-Refers-To-Target-URI"),
                            refers_to_date=headers.get_header("WARC-Refers-To-Date"),
                        )
                        for key in set(url_keys(capture.uri)):
                            self.by_url.setdefault(key, []).append(capture)
                        if kind == "response" and capture.digest:
                            self.by_digest.setdefault(capture.digest, []).append(capture)
            except Exception as exc:  # e.g. a file cut short by a crash: keep what was read before
                self.counts["damaged_files"] += 1
                logger.warning("Stopped reading %s at a damaged record: %s", path, exc)

    def __len__(self) -> int:
        return self.counts["response"] + self.counts["revisit"]

    def captures(self, url: str) -> list[Capture]:
        for key in url_keys(url):
            if key in self.by_url:
                return self.by_url[key]
        return []

    def lookup(self, url: str) -> Capture | None:
        """The capture to answer with: the latest usable one (a 5xx or 429 was retried in the live crawl),
        else the latest of all."""
        captures = self.captures(url)
        if not captures:
            return None
        usable = [c for c in captures if c.usable] or captures
        return max(usable, key=lambda c: (c.date, c.order))

    def load(self, capture: Capture) -> Archived | None:
        """The archived response of a capture; a revisit gets the payload of the record it refers to (None
        when that record is not among the indexed files)."""
        record_headers, protocol, status, headers, body = self._read(capture)
        if capture.rec_type == "revisit":
            original = self.original_of(capture)
            if original is None:
                logger.warning("Revisit of %s refers to a payload not in these WARC files (%s)", capture.uri, capture.digest)
                return None
            body = self._read(original)[4]
        return Archived(capture.uri, capture.date, status, protocol, headers, body)

    def original_of(self, revisit: Capture) -> Capture | None:
        candidates = self.by_digest.get(revisit.digest or "", [])
        exact = [c for c in candidates if c.uri == revisit.refers_to_uri and c.date == revisit.refers_to_date]
        return (exact or candidates or [None])[0]

    @staticmethod
    def _read(capture: Capture):
        with open(capture.path, "rb") as stream:
            stream.seek(capture.offset)
            record = next(iter(ArchiveIterator(stream)))
            http_headers = record.http_headers
            headers = list(http_headers.headers)
            chunked = any(n.lower() == "transfer-encoding" and "chunked" in v.lower() for n, v in headers)
            reader = ChunkedDataReader(record.raw_stream, decomp_type=None) if chunked else record.raw_stream
            body = reader.read() if capture.rec_type == "response" else b""
            headers = [(n, v) for n, v in headers if n.lower() not in ("transfer-encoding", "x-archive-orig-transfer-encoding")]
            return record.rec_headers, http_headers.protocol or "HTTP/1.1", int(http_headers.get_statuscode()), headers, body


def parse_warc_fields(data: bytes) -> dict:
    """`name: value` lines (application/warc-fields) as a dict."""
    fields = {}
    for line in data.decode("utf-8", "replace").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def scrapy_headers(pairs) -> Headers:
    headers = Headers()
    for name, value in pairs:
        headers.appendlist(name, value)
    return headers


def make_response(url: str, archived: Archived) -> Response:
    headers = scrapy_headers(archived.headers)
    cls = responsetypes.from_args(headers=headers, url=url, body=archived.body)
    return cls(url=url, status=archived.status, headers=headers, body=archived.body,
               protocol=archived.protocol, flags=[FLAG_REPLAYED])


def not_found(url: str) -> Response:
    return Response(url=url, status=404, body=b"", flags=[FLAG_NOT_FETCHED])


# -- Scrapy download handlers ----------------------------------------------------------------------------

try:  # Scrapy 2.14+: coroutine download handlers
    from scrapy.core.downloader.handlers import DownloadHandlers as _Handlers

    ASYNC_HANDLERS = hasattr(_Handlers, "download_request_async")
except ImportError:  # pragma: no cover
    ASYNC_HANDLERS = False


async def download_with(handler, request, spider=None) -> Response:
    """Awaits any download handler, new (coroutine) or old (Deferred, spider argument) style."""
    from scrapy.utils.defer import maybe_deferred_to_future

    if inspect.iscoroutinefunction(handler.download_request):
        return await handler.download_request(request)
    return await maybe_deferred_to_future(handler.download_request(request, spider))


class AsyncHandlerBase:
    """A download handler written as `async def fetch(request)`, exposed in the style this Scrapy expects."""

    lazy = False

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def fetch(self, request) -> Response:  # pragma: no cover - abstract
        raise NotImplementedError

    if ASYNC_HANDLERS:
        async def download_request(self, request):
            return await self.fetch(request)

        async def close(self):
            pass
    else:  # pragma: no cover - Scrapy < 2.14
        def download_request(self, request, spider):
            from scrapy.utils.defer import deferred_from_coro

            return deferred_from_coro(self.fetch(request))

        def close(self):
            pass


_INDEXES: dict[tuple[str, ...], WarcIndex] = {}


def shared_index(paths) -> WarcIndex:
    """One index per set of files and process (the http and the https handler share it)."""
    key = tuple(str(p) for p in paths)
    if key not in _INDEXES:
        _INDEXES[key] = WarcIndex(paths)
    return _INDEXES[key]


class WarcReplayDownloadHandler(AsyncHandlerBase):
    """Answers http(s) requests from the WARC files of the setting XJMSW_REPLAY_WARCS (files or folders)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        paths = crawler.settings.getlist("XJMSW_REPLAY_WARCS")
        if not paths:
            from scrapy.exceptions import NotConfigured

            raise NotConfigured("XJMSW_REPLAY_WARCS names no WARC file")
        self.index = shared_index(paths)

    async def fetch(self, request) -> Response:
        stats = self.crawler.stats
        capture = self.index.lookup(request.url)
        archived = self.index.load(capture) if capture else None
        if archived is None:
            stats.inc_value("xjmsw/replay/miss")
            logger.debug("Not in the WARC files: %s", request.url)
            return not_found(request.url)
        stats.inc_value(f"xjmsw/replay/{capture.rec_type}")
        request.meta[META_FETCHED_AT] = archived.date
        return make_response(request.url, archived)


__all__ = ["Archived", "Capture", "WarcIndex", "WarcReplayDownloadHandler", "WARC_SUFFIXES", "download_with"]
