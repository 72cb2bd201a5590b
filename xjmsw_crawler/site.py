"""Which URLs belong to the harvested site, and which of them are worth fetching."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

_SKIP_EXTENSIONS = frozenset("." + ext for ext in IGNORED_EXTENSIONS) | {".css", ".js", ".json", ".xml", ".swf"}


class Site:
    """The site given by a base URL: same scheme-less host and port; www. and the bare host count as one."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url if "://" in base_url else "http://" + base_url)
        self.base_url = f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"
        host = parts.netloc.lower()
        bare = host[4:] if host.startswith("www.") else host
        self.netlocs = frozenset({bare, "www." + bare})
        self.host = (parts.hostname or "").lower()

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and parts.netloc.lower() in self.netlocs

    def worth_fetching(self, url: str) -> bool:
        """An in-site URL that may hold an HTML page (not an image, a download or a script)."""
        if not self.contains(url):
            return False
        path = urlsplit(url).path.lower()
        dot = path.rfind(".")
        return dot < path.rfind("/") or path[dot:] not in _SKIP_EXTENSIONS


#: Links that never lead to an article: search forms, logins, votes, comment and print views.
_TRAP = re.compile(r"(search|login|logout|register|vote|comment|print|calendar|feedback)[^/]*\.(php|asp|aspx|jsp)", re.I)


def looks_like_trap(url: str) -> bool:
    return bool(_TRAP.search(urlsplit(url).path))
