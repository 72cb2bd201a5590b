"""Serves a fixture mirror (fixtures/<name>/, see fixtures/FORMAT.md) on 127.0.0.1, as the portal would.

A URL with a query string maps to a file whose name keeps the query (wget's naming); the query's argument
order does not matter, as on a real server. headers.json gives per-URL status codes and headers (a lying
charset, a redirect).
"""

from __future__ import annotations

import json
import logging
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

logger = logging.getLogger(__name__)

#: The project's own mirror of the portal, used by `make demo` and the tests.
DEFAULT_MIRROR = Path(__file__).resolve().parent.parent / "fixtures" / "mirror"

_HTML_SUFFIXES = {".html", ".htm", ".shtml", ".asp", ".aspx", ".php", ".jsp", ""}


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

    def lookup(self, url: str) -> tuple[int, dict, bytes]:
        """(status, headers, body) for a request path such as /a/b.html?x=1."""
        path, query = self._split(url)
        key = url_file_key(path, query)
        spec = self.overrides.get(key, {})
        file = self.index.get(key)
        if file is None and path.endswith("/"):
            file = self.index.get(url_file_key(path + "index.html", query))
        if file is None and not query:
            file = self.index.get(url_file_key(path.rstrip("/") + "/index.html", ""))
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


def make_handler(mirror: Mirror):
    class MirrorHandler(BaseHTTPRequestHandler):
        server_version = "xjmsw-mirror/1"
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            status, headers, body = mirror.lookup(self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_HEAD = do_GET

        def log_message(self, format, *args):
            logger.debug("%s %s", self.address_string(), format % args)

    return MirrorHandler


class MirrorServer(ThreadingHTTPServer):
    """A threaded HTTP server for one mirror; port 0 picks a free port. Usable as a context manager that
    serves in a background thread."""

    daemon_threads = True

    def __init__(self, root: Path | str = DEFAULT_MIRROR, host: str = "127.0.0.1", port: int = 0):
        self.mirror = Mirror(root)
        super().__init__((host, port), make_handler(self.mirror))
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self):
        self._thread = threading.Thread(target=self.serve_forever, name="mirror", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
