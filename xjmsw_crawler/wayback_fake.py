"""A fake Wayback Machine on 127.0.0.1 that holds a fixture mirror as captures of a site (tests, demos).

It answers the two endpoints the Wayback source uses, as web.archive.org does:

- `/cdx/search/cdx?url=<host>/*|<url>&output=json&fl=…&filter=[!]field:regex&collapse=urlkey&from=&to=
  &limit=&showResumeKey=true&resumeKey=`: rows sorted by urlkey then timestamp, the field names first;
- `/web/<timestamp>id_/<url>`: the capture's stored status, headers and body; a timestamp that holds no
  stored capture of the URL redirects (302) to the nearest one that does; a URL never captured is a 404;
  a stored redirect's Location points into the archive.

Every page of the mirror is captured (timestamps in 2017, some pages again in 2019), and a few captures
are made awkward on purpose (see FakeWayback.__init__): one listed capture is not stored at its own
timestamp (the replay redirects to a nearby one), one is broken (replays as a 404, but a later capture
of the same page exists), one URL is a captured redirect to an article, one URL was captured as a 404,
and the first CDX query and one replay are refused with 429 + Retry-After.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from xjmsw_crawler.mirror import DEFAULT_MIRROR, BackgroundServer, Mirror, PageHandler


@dataclass
class FakeCapture:
    url: str            # original URL
    ts: str
    status: int
    mimetype: str
    listed: bool = True      # in the prefix (collapse=urlkey) CDX answer
    stored: bool = True      # replayable at this exact timestamp
    broken: bool = False     # replays as a 404 (capture lost by the archive)
    location: str | None = None  # a captured redirect's target (original URL)

    @property
    def urlkey(self) -> str:
        return surt(self.url)


def surt(url: str) -> str:
    """A simple SURT key: `cn,xjmsw)/path?query`, www. dropped, lower case."""
    parts = urlsplit(url)
    host = parts.netloc.lower().split(":")[0]
    host = host[4:] if host.startswith("www.") else host
    port = parts.netloc.partition(":")[2]
    key = ",".join(reversed(host.split("."))) + (f":{port}" if port and port != "80" else "") + ")"
    return key + (parts.path or "/").lower() + (f"?{parts.query}" if parts.query else "")


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S")


class FakeWayback:
    """The captures of one mirror as if the Wayback Machine had crawled `site`."""

    def __init__(self, mirror_root: Path | str = DEFAULT_MIRROR, site: str = "http://www.xjmsw.cn/"):
        self.mirror = Mirror(mirror_root)
        self.site = site.rstrip("/")
        self.captures: list[FakeCapture] = []
        self.requests: list[str] = []
        self.refuse_next = {"cdx": 1, "replay": 1}
        start = datetime(2017, 3, 1, 8, 0, 0)
        pages = sorted(self.mirror.index)
        articles = []
        # A folder's index.html is captured under the folder's URL too, as the site linked it.
        pages += [(path[: -len("index.html")], query) for path, query in pages if path.endswith("/index.html")]
        for i, (path, query) in enumerate(pages):
            rel = path + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
            url = self.site + quote(rel, safe="/?&=%:@!$'()*+,;~-._")
            status, headers, _ = self.mirror.lookup(rel)
            mimetype = headers.get("Content-Type", "text/html").split(";")[0].strip()
            moment = start + timedelta(hours=7 * i, minutes=i)
            self.captures.append(FakeCapture(url, _ts(moment), status, mimetype))
            if i % 4 == 0:  # some pages captured again two years later
                self.captures.append(FakeCapture(url, _ts(moment + timedelta(days=730)), status, mimetype))
            if mimetype == "text/html" and re.search(r"/\d{4}/\d{4}/\d+\.html$|ArticleID=\d+$", rel):
                articles.append(url)
        self.quirks: dict[str, str] = {}
        if len(articles) >= 3:
            # 1. Listed at a timestamp where nothing is stored: the replay redirects to a capture an hour later.
            first = self._first(articles[0])
            first.stored = False
            self.captures.append(FakeCapture(first.url, _ts(_dt(first.ts) + timedelta(hours=1)), 200,
                                             first.mimetype, listed=False))
            # 2. The listed (oldest) capture is lost (replays 404); a later one is fine.
            second = self._first(articles[1])
            second.broken = True
            self.captures.append(FakeCapture(second.url, _ts(_dt(second.ts) + timedelta(days=3)), 200,
                                             second.mimetype, listed=False))
            # 3. An old URL captured as a redirect to an article (listed as 200, as CDX rows sometimes are).
            moved = self.site + "/a/moved-article.html"
            self.captures.append(FakeCapture(moved, "20170301120000", 200, "text/html", location=articles[2]))
            # 4. A page captured as a 404.
            self.captures.append(FakeCapture(self.site + "/a/deleted.html", "20170301130000", 404, "text/html"))
            self.quirks = {"archive_redirect": first.url, "lost_capture": second.url, "moved": moved,
                           "moved_to": articles[2]}
        self.captures.sort(key=lambda c: (c.urlkey, c.ts))

    def _first(self, url: str) -> FakeCapture:
        return min((c for c in self.captures if c.url == url), key=lambda c: c.ts)

    # -- CDX ------------------------------------------------------------------------------------------------

    def cdx(self, query: dict) -> tuple[int, bytes]:
        url = query.get("url", [""])[0]
        if not url:
            return 400, b"url required"
        if url.endswith("/*"):
            prefix = surt("http://" + url[:-2].split("://")[-1])
            rows = [c for c in self.captures if c.listed and c.urlkey.startswith(prefix)]
        else:
            key = surt(url if "://" in url else "http://" + url)
            rows = [c for c in self.captures if c.urlkey == key]
        for spec in query.get("filter", []):
            negate = spec.startswith("!")
            name, _, pattern = spec.lstrip("!").partition(":")
            rows = [c for c in rows if bool(re.fullmatch(pattern, str(self._field(c, name)))) != negate]
        low, high = query.get("from", [""])[0], query.get("to", [""])[0]
        if low:
            rows = [c for c in rows if c.ts[: len(low)] >= low]
        if high:
            rows = [c for c in rows if c.ts[: len(high)] <= high]
        if query.get("collapse", [""])[0] == "urlkey":
            collapsed, last = [], None
            for c in rows:
                if c.urlkey != last:
                    collapsed.append(c)
                last = c.urlkey
            rows = collapsed
        resume = query.get("resumeKey", [""])[0]
        if resume:
            after = tuple(unquote(resume).split(" ", 1))
            rows = [c for c in rows if (c.urlkey, c.ts) > after]
        limit = int(query.get("limit", ["0"])[0] or 0)
        more = bool(limit) and len(rows) > limit
        rows = rows[:limit] if limit else rows
        fields = (query.get("fl", [""])[0] or "urlkey,timestamp,original,mimetype,statuscode,digest,length").split(",")
        data = [fields] + [[str(self._field(c, f)) for f in fields] for c in rows]
        if more and query.get("showResumeKey", [""])[0] == "true":
            data += [[], [quote(f"{rows[-1].urlkey} {rows[-1].ts}")]]
        return 200, json.dumps(data).encode()

    @staticmethod
    def _field(c: FakeCapture, name: str):
        return {"urlkey": c.urlkey, "timestamp": c.ts, "original": c.url, "mimetype": c.mimetype,
                "statuscode": c.status, "digest": f"D{abs(hash((c.url, c.ts))) % 10**12}", "length": 1000}.get(name, "-")

    # -- replay ---------------------------------------------------------------------------------------------

    def replay(self, ts: str, url: str, base: str) -> tuple[int, dict, bytes]:
        key = surt(url)
        captures = [c for c in self.captures if c.urlkey == key]
        if not captures:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Wayback Machine has not archived that URL.</body></html>"
        exact = next((c for c in captures if c.ts == ts), None)
        if exact is not None and exact.broken:
            return 404, {"Content-Type": "text/html"}, b"<html><body>This capture is not available.</body></html>"
        if exact is None or not exact.stored:
            stored = [c for c in captures if c.stored and not c.broken]
            if not stored:
                return 404, {"Content-Type": "text/html"}, b"<html><body>Not available.</body></html>"
            nearest = min(stored, key=lambda c: abs((_dt(c.ts) - _dt(ts.ljust(14, "0"))).total_seconds()))
            return 302, {"Location": f"{base}/web/{nearest.ts}id_/{nearest.url}", "Content-Type": "text/plain"}, b""
        memento = {"Memento-Datetime": _dt(ts).strftime("%a, %d %b %Y %H:%M:%S GMT")}
        if exact.location:
            return 301, {"Location": f"{base}/web/{ts}id_/{exact.location}", "Content-Type": "text/html", **memento}, b""
        parts = urlsplit(url)
        status, headers, body = self.mirror.lookup((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        return status, {**headers, **memento}, body


def _dt(ts: str) -> datetime:
    return datetime.strptime(ts.ljust(14, "0")[:14], "%Y%m%d%H%M%S")


def _handler(fake: FakeWayback):
    class Handler(PageHandler):
        server_version = "fake-wayback/1"

        def do_GET(self):
            fake.requests.append(self.path)
            base = f"http://{self.headers.get('Host') or '127.0.0.1'}"
            parts = urlsplit(self.path)
            if parts.path == "/cdx/search/cdx":
                if fake.refuse_next["cdx"] > 0:
                    fake.refuse_next["cdx"] -= 1
                    return self.send_page(429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"Too Many Requests")
                status, body = fake.cdx(parse_qs(parts.query, keep_blank_values=True))
                return self.send_page(status, {"Content-Type": "application/json" if status == 200 else "text/plain"}, body)
            match = re.match(r"^/web/(\d{1,14})(?:[a-z]{2}_)?/(.+)$", self.path, re.S)
            if match:
                if fake.refuse_next["replay"] > 0 and "/a/" in match.group(2):
                    fake.refuse_next["replay"] -= 1
                    return self.send_page(429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"Too Many Requests")
                url = re.sub(r"^(https?):/+", r"\1://", match.group(2))
                return self.send_page(*fake.replay(match.group(1), url, base))
            self.send_page(404, {"Content-Type": "text/plain"}, b"not found")

    return Handler


class FakeWaybackServer(BackgroundServer):
    """FakeWayback served on 127.0.0.1 (port 0: any free port)."""

    def __init__(self, mirror_root: Path | str = DEFAULT_MIRROR, site: str = "http://www.xjmsw.cn/",
                 host: str = "127.0.0.1", port: int = 0):
        self.fake = FakeWayback(mirror_root, site)
        super().__init__((host, port), _handler(self.fake))

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

