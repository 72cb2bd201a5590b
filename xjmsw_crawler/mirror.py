"""Serves a fixture mirror (fixtures/<name>/, see fixtures/FORMAT.md) on 127.0.0.1, as the portal would.

A URL with a query string maps to a file whose name keeps the query (wget's naming); the query's argument
order does not matter, as on a real server. headers.json gives per-URL status codes and headers (a lying
charset, a redirect).

With `faults` (a Faults, or `xjmsw serve-mirror --faults SEED`) it is the hostile server the harvest tests run
against: seeded, deterministic per URL and attempt, random 500/503, 429 with Retry-After, connections reset
in the middle of the body, slow answers, truncated bodies (half the promised Content-Length; or, "cut", half
a body sent without a Content-Length, the end marked by closing the connection), redirect loops and
redirects off the site; every URL gets at most `max_per_url` faulty answers, so every page is eventually
served, unless listed in `permanent` (a URL that always fails the same way). Every request is logged in
`server.requests`.
"""

from __future__ import annotations

import json
import logging
import mimetypes
import random
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

logger = logging.getLogger(__name__)

#: The project's own mirror of the portal, used by `make demo` and the tests.
DEFAULT_MIRROR = Path(__file__).resolve().parent.parent / "fixtures" / "mirror"

_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".asp", ".aspx", ".php", ".jsp", ""}


def expected_records(root: Path | str, base_url: str) -> dict[str, dict]:
    """A mirror's expected.jsonl (FORMAT.md: root-relative URLs) with every URL made absolute on base_url (url,
    images, prev and next), keyed by URL, in the file's order."""
    base = base_url.rstrip("/")
    records = {}
    for line in (Path(root) / "expected.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        record["url"] = base + record["url"]
        record["images"] = [base + image for image in record.get("images") or []]
        for name in ("prev", "next"):
            if record.get(name):
                record[name] = dict(record[name], url=base + record[name]["url"])
        records[record["url"]] = record
    return records


def url_file_key(path: str, query: str) -> tuple[str, tuple]:
    """What identifies a file: its unquoted path and its sorted query arguments."""
    return unquote(path), tuple(sorted(parse_qsl(query, keep_blank_values=True)))


class Mirror:
    """The files of one mirror folder, indexed by URL."""

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self.site = self.root / "site"
        if not self.site.is_dir():
            raise FileNotFoundError(f"no site/ folder in mirror {self.root}")
        headers_file = self.root / "headers.json"
        overrides = json.loads(headers_file.read_text("utf-8")) if headers_file.exists() else {}
        self.overrides = {url_file_key(*self._split(url)): spec for url, spec in overrides.items()}
        self.refresh()

    @staticmethod
    def _split(url: str) -> tuple[str, str]:
        parts = urlsplit(url)
        return parts.path or "/", parts.query

    def refresh(self) -> None:
        """Re-read the folder (tests add and edit articles between harvests)."""
        index = {}
        for file in self.site.rglob("*"):
            if file.is_file():
                rel = "/" + file.relative_to(self.site).as_posix()
                path, _, query = rel.partition("?")
                index[url_file_key(path, query)] = file
        self.index = index

    def file(self, url: str) -> Path | None:
        """The file that answers a request path such as /a/b.html?x=1 (a folder's index.html for /a/), or None."""
        path, query = self._split(url)
        file = self.index.get(url_file_key(path, query))
        if file is None and path.endswith("/"):
            file = self.index.get(url_file_key(path + "index.html", query))
        if file is None and not query:
            file = self.index.get(url_file_key(path.rstrip("/") + "/index.html", ""))
        return file

    def lookup(self, url: str) -> tuple[int, dict, bytes]:
        """(status, headers, body) for a request path such as /a/b.html?x=1."""
        path, query = self._split(url)
        spec = self.overrides.get(url_file_key(path, query), {})
        file = self.file(url)
        if file is None and "status" not in spec:
            return 404, {"Content-Type": "text/html"}, b"<html><body><h1>404 Not Found</h1></body></html>"
        headers = {"Content-Type": self._content_type(file, query)} if file else {}
        headers.update(spec.get("headers", {}))
        body = file.read_bytes() if file else b""
        return int(spec.get("status", 200)), headers, body

    @staticmethod
    def _content_type(file: Path, query: str) -> str:
        name = file.name.partition("?")[0]
        suffix = Path(name).suffix.lower()
        if query or suffix in _HTML_SUFFIXES:
            return "text/html"
        return mimetypes.guess_type(name)[0] or "application/octet-stream"


#: What a fault does (Faults.kinds).
FAULT_KINDS = ("500", "503", "429", "reset", "slow", "truncate", "cut", "loop", "offsite")
_LOOP_ARG = "xjmsw_loop"


@dataclass
class Faults:
    """Which answers go wrong: attempt n of a URL draws from random.Random(f"{seed} {url} {n}")."""

    seed: int = 0
    rate: float = 0.3  # share of attempts (up to max_per_url of each URL) that get a fault
    max_per_url: int = 2  # attempts after these many faulty ones are served normally
    kinds: tuple[str, ...] = FAULT_KINDS
    retry_after: int = 1  # seconds, in the Retry-After of 429 and 503
    slow: float = 1.5  # seconds a slow answer waits
    permanent: dict[str, str] = field(default_factory=dict)  # request path (with query) -> fault kind, always
    exempt: tuple[str, ...] = ("/robots.txt",)

    def __post_init__(self):
        self._attempts: dict[str, int] = {}
        self._faulty: dict[str, int] = {}
        self._lock = threading.Lock()

    def decide(self, path: str) -> tuple[str | None, int]:
        """(fault kind or None, attempt number) for this request of path."""
        key = " ".join(map(str, url_file_key(*Mirror._split(path))))
        with self._lock:
            attempt = self._attempts[key] = self._attempts.get(key, 0) + 1
            if path in self.permanent:
                return self.permanent[path], attempt
            if path.partition("?")[0] in self.exempt or self._faulty.get(key, 0) >= self.max_per_url:
                return None, attempt
            rng = random.Random(f"{self.seed} {key} {attempt}")
            if rng.random() >= self.rate:
                return None, attempt
            self._faulty[key] = self._faulty.get(key, 0) + 1
            return rng.choice(self.kinds), attempt


class PageHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive answers of a whole body (the mirror's, the fake Wayback Machine's)."""

    protocol_version = "HTTP/1.1"
    # Keep-alive clients (wget, Scrapy) otherwise wait ~40 ms per response on Nagle's algorithm.
    disable_nagle_algorithm = True

    def send_page(self, status: int, headers: dict, body: bytes) -> None:
        """The status, headers and Content-Length, then the body (not for HEAD)."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        logger.debug("%s %s", self.address_string(), format % args)


def make_handler(mirror: Mirror):
    class MirrorHandler(PageHandler):
        server_version = "xjmsw-mirror/1"

        def do_GET(self):
            server = self.server
            if server.delay:
                time.sleep(server.delay)
            fault, attempt = server.faults.decide(self.path) if server.faults else (None, 1)
            if _LOOP_ARG in self.path:  # the other end of a redirect loop: always back
                fault = "loop"
            status, headers, body = mirror.lookup(self.path)
            server.requests.append({"time": time.time(), "method": self.command, "path": self.path,
                                    "status": status, "fault": fault, "attempt": attempt})
            if fault and self._fault(fault, status, headers, body):
                return
            self.send_page(status, headers, body)

        def _fault(self, fault: str, status: int, headers: dict, body: bytes) -> bool:
            """Answers with the fault; False when the fault only delays the normal answer."""
            faults = self.server.faults or Faults()
            if fault == "slow":
                time.sleep(faults.slow)
                return False
            if fault in ("500", "503", "429"):
                retry = {} if fault == "500" else {"Retry-After": str(faults.retry_after)}
                self.send_page(int(fault), {**retry, "Content-Type": "text/html"},
                               f"<html><body><h1>{fault}</h1></body></html>".encode())
                return True
            if fault in ("loop", "offsite"):
                path, _, query = self.path.partition("?")
                if fault == "offsite":
                    port = self.server.server_address[1]
                    location = f"http://localhost:{port}{self.path}"  # another host: off the site
                elif _LOOP_ARG in query:
                    args = [a for a in query.split("&") if a and not a.startswith(_LOOP_ARG + "=")]
                    location = path + ("?" + "&".join(args) if args else "")
                else:
                    location = self.path + ("&" if query else "?") + f"{_LOOP_ARG}=1"
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return True
            # reset / truncate: the headers promise the whole body, half of it comes, then the connection ends
            # (reset: with a TCP RST, SO_LINGER 0; truncate: an orderly close). cut: no Content-Length at all,
            # so only the page itself can tell that it is incomplete.
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if fault == "cut":
                self.send_header("Connection", "close")
            else:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return True

        do_HEAD = do_GET

    return MirrorHandler


class BackgroundServer(ThreadingHTTPServer):
    """A threaded HTTP server that, used as a context manager, serves from a background thread until the block
    ends (the tests' mirrors and fake Wayback Machine)."""

    daemon_threads = True

    def __enter__(self):
        threading.Thread(target=self.serve_forever, name=type(self).__name__, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class MirrorServer(BackgroundServer):
    """A threaded HTTP server for one mirror; port 0 picks a free port."""

    allow_reuse_address = True

    def __init__(self, root: Path | str = DEFAULT_MIRROR, host: str = "127.0.0.1", port: int = 0,
                 faults: Faults | None = None, delay: float = 0.0):
        self.mirror = Mirror(root)
        self.faults = faults
        self.delay = delay  # seconds before every answer (a slower site, for tests that interrupt a crawl)
        self.requests: list[dict] = []  # every request: time, method, path, status, fault, attempt
        super().__init__((host, port), make_handler(self.mirror))

    def refresh(self) -> None:
        """Re-read the mirror folder (tests add and edit articles between harvests)."""
        self.mirror.refresh()

    def handle_error(self, request, client_address):
        """A client that hangs up (a harvest killed mid-request) is no error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            logger.debug("%s hung up", client_address)
            return
        super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

