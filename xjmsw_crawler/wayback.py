"""The Wayback Machine as a source: CDX enumeration of a site's captures, and raw (`id_`) replay.

The spider `xjmsw_wayback` (spiders/wayback.py) walks the site as the live spider does, in the site's own
URLs; only the download handler here knows the site is gone. For a request of a site URL it fetches the
capture chosen from the CDX index, `<XJMSW_WAYBACK_URL>/web/<timestamp>id_/<url>` (the page as archived,
no Wayback toolbar, no rewritten links), and answers with that response under the site URL, so the same
middlewares, parsers and article assembly run on it. It also:

- follows the archive's own redirects to a nearby timestamp of the same page (every hop is recorded);
- turns a captured redirect of the site (to another page) into a redirect in site URLs, remembering the
  timestamp, so RedirectMiddleware follows it as it would live;
- tries other captures of the page (one exact-URL CDX query) when the chosen one replays as a 404;
- answers 404 without any network traffic for a URL the CDX index does not hold;
- passes 429 and 5xx through, so RetryMiddleware retries them with backoff (Wayback rate-limits);
- sets request.meta xjmsw_archived_at (capture time) and xjmsw_wayback_url (replay URL), which become the
  record's archived_at and wayback_url, and xjmsw_exchanges (every HTTP exchange made), which the WARC
  recorder writes under their real (Wayback) URLs.

The CDX query itself is a request for the site's base URL carrying meta xjmsw_wayback_cdx (the query's
parameters), so it goes through the same politeness, retries and WARC recording as every other fetch.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from xjmsw_crawler.archive import FLAG_NOT_FETCHED, META_ARCHIVED_AT, META_EXCHANGES, META_FETCHED_AT, META_WAYBACK_URL
from xjmsw_crawler.parsers.normalize import url_key

logger = logging.getLogger(__name__)

DEFAULT_WAYBACK_URL = "http://web.archive.org"
#: request.meta key of a CDX query (its parameters), and of the timestamp a captured redirect was found at.
META_CDX = "xjmsw_wayback_cdx"
META_TS_HINT = "xjmsw_wayback_ts"

CDX_FIELDS = ("urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length")
#: CDX mimetypes of pages worth fetching ("warc/revisit": an unchanged re-capture; "unk": not recorded).
PAGE_MIMETYPES = ("text/html", "application/xhtml+xml", "warc/revisit", "unk", "text/plain", "-", "")
REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_MAX_ARCHIVE_HOPS = 5

_REPLAY = re.compile(r"^/web/(?P<ts>\d{1,14})(?P<flags>[a-z]{2}_)?/(?P<url>.+)$", re.S)


# -- URLs and timestamps -----------------------------------------------------------------------------------


def site_host(base_url: str) -> str:
    """The host (and port) to ask the CDX server about: the base URL's, without `www.` (a CDX prefix query
    for `xjmsw.cn/*` covers www.xjmsw.cn too)."""
    parts = urlsplit(base_url if "://" in base_url else "http://" + base_url)
    host = parts.netloc.lower()
    if host.endswith(":80") and parts.scheme == "http":
        host = host[:-3]
    return host[4:] if host.startswith("www.") else host


def timestamp_iso(ts: str) -> str:
    """A 14-digit Wayback timestamp (shorter ones padded as Wayback does) as ISO 8601 UTC."""
    ts = ts.ljust(14, "0")[:14]
    if ts[4:6] == "00":
        ts = ts[:4] + "01" + ts[6:]
    if ts[6:8] == "00":
        ts = ts[:6] + "01" + ts[8:]
    moment = datetime.strptime(ts, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def replay_url(base: str, ts: str, url: str, raw: bool = True) -> str:
    """`<base>/web/<ts>id_/<url>` (raw capture), or the replay page a person opens (raw=False)."""
    return f"{base.rstrip('/')}/web/{ts}{'id_' if raw else ''}/{url}"


def parse_replay_url(url: str, base: str | None = None) -> tuple[str, str] | None:
    """(timestamp, original URL) of a Wayback replay URL; None for any other URL. With base, the URL must be on
    that Wayback host."""
    parts = urlsplit(url)
    if base is not None:
        wb = urlsplit(base)
        if parts.netloc.lower() != wb.netloc.lower():
            return None
    match = _REPLAY.match(parts.path + (f"?{parts.query}" if parts.query else ""))
    if not match:
        return None
    original = match.group("url")
    original = re.sub(r"^(https?):/+", r"\1://", original)  # Wayback collapses // in paths: http:/x -> http://x
    if "://" not in original:
        original = "http://" + original
    return match.group("ts"), original


def rebase(url: str, base_url: str) -> str:
    """A captured URL under the base URL's scheme and host (captures mix xjmsw.cn, www.xjmsw.cn, :80)."""
    parts, base = urlsplit(url), urlsplit(base_url)
    return urlunsplit((base.scheme, base.netloc, parts.path or "/", parts.query, ""))


# -- the CDX server API ------------------------------------------------------------------------------------


def cdx_params(host: str, *, from_: str = "", to: str = "", limit: int = 10000, resume_key: str | None = None,
               url: str | None = None) -> dict:
    """Parameters of a CDX query: every 200 capture under the host (one per URL: collapse=urlkey, which keeps
    each URL's first capture in the from/to window), or, with url, every 200 capture of that one URL."""
    params = {"url": url or f"{host}/*", "output": "json", "fl": ",".join(CDX_FIELDS), "filter": "statuscode:200"}
    if url is None:
        params["collapse"] = "urlkey"
    if from_:
        params["from"] = str(from_)
    if to:
        params["to"] = str(to)
    if limit:
        params["limit"] = str(limit)
        params["showResumeKey"] = "true"
    if resume_key:
        params["resumeKey"] = resume_key
    return params


def cdx_url(base: str, params: dict) -> str:
    return f"{base.rstrip('/')}/cdx/search/cdx?{urlencode(params)}"


def parse_cdx(body: bytes) -> tuple[list[dict], str | None]:
    """Rows (dicts by field name) of a CDX `output=json` answer, and the resume key when there are more.

    The answer is a JSON array: the field names, the rows, then (showResumeKey) an empty row and [key]."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return [], None
    data = json.loads(text)
    if not isinstance(data, list) or not data:
        return [], None
    names, rows, resume = data[0], [], None
    for i, row in enumerate(data[1:], start=1):
        if row == []:
            rest = data[i + 1:]
            if rest and rest[0]:
                resume = str(rest[0][0])
            break
        rows.append(dict(zip(names, row, strict=False)))
    return rows, resume


@dataclass
class Captures:
    """What the CDX server listed: per page (url_key) the captures (timestamp, original URL), oldest first."""

    by_key: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    mimetypes: dict[str, str] = field(default_factory=dict)
    loaded: bool = False

    def add(self, row: dict) -> bool:
        ts, original = row.get("timestamp"), row.get("original")
        if not ts or not original:
            return False
        key = url_key(original)
        entries = self.by_key.setdefault(key, [])
        if any(t == ts for t, _ in entries):
            return False
        entries.append((ts, original))
        entries.sort()
        self.mimetypes.setdefault(key, (row.get("mimetype") or "").lower())
        return True

    def __len__(self) -> int:
        return len(self.by_key)

    def get(self, url: str) -> list[tuple[str, str]]:
        return self.by_key.get(url_key(url), [])

    def page_urls(self) -> list[str]:
        """One original URL per captured page that may be HTML, in urlkey order."""
        urls = []
        for key, entries in self.by_key.items():
            mimetype = self.mimetypes.get(key, "")
            if mimetype in PAGE_MIMETYPES or mimetype.startswith("text/html"):
                urls.append(entries[0][1])
        return urls


# -- the download handler ----------------------------------------------------------------------------------

from xjmsw_crawler.archive.middleware import fetch_time  # noqa: E402
from xjmsw_crawler.archive.replay import AsyncHandlerBase, download_with  # noqa: E402


class WaybackDownloadHandler(AsyncHandlerBase):
    """http/https handler of the spider xjmsw_wayback: site URLs in, Wayback captures out (module docstring)."""

    def __init__(self, crawler):
        super().__init__(crawler)
        from scrapy.utils.misc import build_from_crawler, load_object

        settings = crawler.settings
        self.base = (settings.get("XJMSW_WAYBACK_URL") or DEFAULT_WAYBACK_URL).rstrip("/")
        self.max_tries = max(settings.getint("XJMSW_WAYBACK_MAX_TRIES", 3), 1)
        inner = settings.get("XJMSW_WAYBACK_INNER_HANDLER") or settings.getwithbase("DOWNLOAD_HANDLERS_BASE").get(
            "http", "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler")
        if inner == "xjmsw_crawler.wayback.WaybackDownloadHandler":
            inner = "scrapy.core.downloader.handlers.http11.HTTP11DownloadHandler"
        self.inner = build_from_crawler(load_object(inner), crawler)
        self.record_exchanges = bool(settings.get("XJMSW_WARC_DIR"))

    async def close(self):
        close = getattr(self.inner, "close", None)
        if close is not None:
            from scrapy.utils.defer import ensure_awaitable

            await ensure_awaitable(close())

    @property
    def captures(self) -> Captures:
        return getattr(self.crawler.spider, "captures", None) or Captures()

    async def _get(self, request, url: str, exchanges: list):
        sent = request.replace(url=url)
        response = await download_with(self.inner, sent, self.crawler.spider)
        exchanges.append((sent, response, fetch_time(sent)))
        # AutoThrottle adapts to the latency of the request it sees: the sum of the exchanges made for it.
        latency = sent.meta.get("download_latency")
        if isinstance(latency, int | float):
            earlier = request.meta.get("download_latency", 0.0) if len(exchanges) > 1 else 0.0
            request.meta["download_latency"] = earlier + latency
        if META_FETCHED_AT in sent.meta:  # answered from WARC files (xjmsw reparse): the archived date
            request.meta[META_FETCHED_AT] = sent.meta[META_FETCHED_AT]
        return response

    async def fetch(self, request):
        stats = self.crawler.stats
        exchanges: list = []
        if self.record_exchanges:  # for the WARC recorder, which pops them (never left in a request's meta)
            request.meta[META_EXCHANGES] = exchanges
        params = request.meta.get(META_CDX)
        if params is not None:
            stats.inc_value("xjmsw/wayback/cdx_queries")
            return await self._get(request, cdx_url(self.base, params), exchanges)

        entries = self.captures.get(request.url)
        timestamps = [ts for ts, _ in entries]
        original = entries[0][1] if entries else request.url
        if not timestamps and request.meta.get(META_TS_HINT):
            timestamps = [request.meta[META_TS_HINT]]  # the target of a captured redirect: its capture nearby
        if not timestamps:
            stats.inc_value("xjmsw/wayback/not_captured")
            return _not_captured(request.url)

        tried: list[str] = []
        alternatives_asked = False
        response = None
        while timestamps and len(tried) < self.max_tries:
            ts = timestamps.pop(0)
            if ts in tried:
                continue
            tried.append(ts)
            response, ts = await self._replay(request, ts, original, exchanges)
            if response.status == 404 and not alternatives_asked and len(tried) < self.max_tries:
                alternatives_asked = True
                timestamps += [t for t in await self._other_captures(request, original, exchanges) if t not in tried]
            if response.status != 404 or not timestamps:
                break
            stats.inc_value("xjmsw/wayback/capture_missing")
        if 200 <= response.status < 400:
            request.meta[META_ARCHIVED_AT] = timestamp_iso(ts)
            request.meta[META_WAYBACK_URL] = replay_url(self.base, ts, original, raw=False)
            stats.inc_value("xjmsw/wayback/captures")
        return response

    async def _replay(self, request, ts: str, original: str, exchanges: list):
        """The capture at ts, through the archive's own redirects to nearby timestamps of the same page."""
        url = replay_url(self.base, ts, original)
        for _ in range(_MAX_ARCHIVE_HOPS + 1):
            response = await self._get(request, url, exchanges)
            location = response.headers.get("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response.replace(url=request.url), ts
            target = urljoin(url, location.decode("latin-1"))
            parsed = parse_replay_url(target, self.base)
            if parsed and url_key(parsed[1]) == url_key(original):
                ts, url = parsed[0], replay_url(self.base, parsed[0], original)
                self.crawler.stats.inc_value("xjmsw/wayback/archive_redirects")
                continue
            # A redirect the site itself answered when the page was captured: follow it in site URLs.
            site_target = parsed[1] if parsed else target
            if parsed:
                request.meta[META_TS_HINT] = parsed[0]
            response = response.replace(url=request.url)
            response.headers["Location"] = rebase(site_target, request.url) if _same_site(site_target, request.url) else site_target
            return response, ts
        logger.warning("Too many Wayback redirects for %s", request.url)
        return response.replace(url=request.url), ts

    async def _other_captures(self, request, original: str, exchanges: list) -> list[str]:
        """Timestamps of the other 200 captures of one URL (when the chosen one is missing from the archive)."""
        spider = self.crawler.spider
        window = getattr(spider, "wayback_window", ("", ""))
        params = cdx_params("", from_=window[0], to=window[1], limit=0, url=original)
        params["fl"] = "timestamp,original,statuscode"
        try:
            response = await self._get(request, cdx_url(self.base, params), exchanges)
            rows, _ = parse_cdx(response.body) if response.status == 200 else ([], None)
        except Exception as exc:  # the alternatives are a bonus: the 404 stands
            logger.info("No alternative captures of %s: %s", original, exc)
            return []
        # Newest first: the chosen (first) capture was the oldest.
        return [row["timestamp"] for row in sorted(rows, key=lambda r: r.get("timestamp", ""), reverse=True)
                if row.get("timestamp")]


def _same_site(url: str, other: str) -> bool:
    a, b = urlsplit(url).netloc.lower(), urlsplit(other).netloc.lower()
    strip = lambda h: h[4:] if h.startswith("www.") else h  # noqa: E731
    return strip(a) == strip(b)


def _not_captured(url: str):
    from scrapy.http import Response

    return Response(url=url, status=404, body=b"", flags=[FLAG_NOT_FETCHED])
