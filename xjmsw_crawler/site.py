"""Which URLs belong to the harvested site, and which of them are worth fetching."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

from xjmsw_crawler.parsers.normalize import is_session_param

_SKIP_EXTENSIONS = frozenset("." + ext for ext in IGNORED_EXTENSIONS) | {".css", ".js", ".json", ".xml", ".swf"}


def _split(url: str):
    """urlsplit of a URL that may be given without its scheme (www.xjmsw.cn)."""
    return urlsplit(url if "://" in url else "http://" + url)


def _netlocs(netloc: str) -> frozenset[str]:
    """A host and port, with and without www. (a site answers on both)."""
    netloc = netloc.lower()
    bare = netloc[4:] if netloc.startswith("www.") else netloc
    return frozenset({bare, "www." + bare})


class Site:
    """The site given by a base URL: same scheme-less host and port; www. and the bare host count as one.

    portal: where the site itself lives (XJMSW_BASE_URL). When the base URL is elsewhere (a mirror), the
    portal's hosts are its aliases: a link to http://www.xjmsw.cn/a.html is the mirror's /a.html, or its
    /www.xjmsw.cn/a.html when the base URL is in such a folder (where `wget -r` puts its copy)."""

    def __init__(self, base_url: str, portal: str | None = None):
        parts = _split(base_url)
        self.base_url = f"{parts.scheme}://{parts.netloc}{parts.path or '/'}"
        self.netlocs = _netlocs(parts.netloc)
        self.host = (parts.hostname or "").lower()
        portal_netlocs = _netlocs(_split(portal).netloc) if portal else ()
        root = f"{parts.scheme}://{parts.netloc}"
        for netloc in portal_netlocs:
            folder = parts.path.lower().find(f"/{netloc}/")
            if folder >= 0:
                root += parts.path[: folder + len(netloc) + 1]
                break
        #: netloc of the portal -> the URL prefix that stands for its root here; empty on the portal itself
        self.aliases = dict.fromkeys(set(portal_netlocs) - self.netlocs, root)

    def contains(self, url: str) -> bool:
        parts = urlsplit(url)
        netloc = parts.netloc.lower()
        if netloc.endswith((":80", ":443")):  # http://www.xjmsw.cn:80/ (a JSP basePath) is www.xjmsw.cn
            netloc = netloc.rsplit(":", 1)[0]
        return parts.scheme in ("http", "https") and netloc in self.netlocs

    def worth_fetching(self, url: str) -> bool:
        """An in-site URL that may hold an HTML page (not an image, a download or a script)."""
        if not self.contains(url):
            return False
        path = urlsplit(url).path.lower()
        dot = path.rfind(".")
        return dot < path.rfind("/") or path[dot:] not in _SKIP_EXTENSIONS


#: Links that never lead to an article: search forms, logins, votes, comment and print views, a forum's private
#: messages and members' own pages (pm.php, my.php); DVBBS's sign-up, password, message, friend, favourite, IP and
#: 鲜花/鸡蛋 vote scripts (a GET that changes what the forum holds); vBulletin's one post in a window (showpost.php: a
#: thread page's floor again).
_TRAP = re.compile(r"(search|login|logout|logging|register|vote|comment|calendar|feedback)[^/]*\.(php|asp|aspx|jsp)"
                   r"|/(?:pm|my)\.php$|/(?:reg|lostpass|messanger|friendlist|favadd|sendpage|look_ip|postagree"
                   r"|showpost)\.(?:php|asp|aspx|jsp)$", re.I)
#: ... and a page named by a route to a form or a search, its verb the name's first or second word (HDWiki's
#: doc-edit-30.html, user-login.html, index.php?search-tag-低保; Rails' /account/login).
_ROUTE_TRAP = re.compile(r"(?:[a-z]+-)?(?:edit|editsection|create|sandbox|login|logout|register|search|clearcookies)"
                         r"(?:[-.]|$)", re.I)
#: ... print views: a copy of an article, unless a listing lists it as one of its articles (a copy of a site whose
#: print pages alone were saved); also Drupal's print module's routes (/print/10562, /printpdf/node/10562) and
#: 帝国CMS's /e/DoPrint/?classid=2&id=1234.
_PRINT_VIEW = re.compile(r"print[^/]*\.(php|asp|aspx|jsp)|/print(?:pdf|mail)?/(?:node/)?\d+/?$|/doprint/$", re.I)

#: Query arguments of search results (endless: every word is a new URL), print views and the other views of one page
#: below, and session ids (every visit is one; the spider asks about a link without its session id,
#: parsers.normalize.canonical_url).
_SEARCH_ARGS = frozenset({"keyword", "keywords", "q", "query", "wd", "kw", "searchword", "searchkey"})
_TRAP_ARGS = _SEARCH_ARGS | {"print", "printable", "printview",  # (and a print view: view.jsp?id=1&print=1)
                             "oldid", "diff", "redlink",  # (and a wiki's old revisions, their differences, red links)
                             "see_lz", "authorid"}  # (and a thread's view of one poster's floors: 只看楼主, 只看该作者)
#: A wiki's views of a page that are no article: its source, its history, its editing forms (index.php?title=…
#: &action=history).
_WIKI_ACTIONS = frozenset({"edit", "history", "raw", "info", "submit", "watch", "unwatch", "purge", "delete",
                           "protect"})
#: A forum's forms, one URL per floor (post.php?action=reply&tid=124&reppost=3014, misc.php?action=rate&pid=3014,
#: DVBBS's post.asp?action=re&replyid=34121, phpBB's posting.php?mode=quote&p=4567, vBulletin's
#: newreply.php?do=newreply&p=5196), its logins and the GETs that change what it holds (forumdisplay.php?do=markread;
#: Discuz! X's forum.php?mod=misc&action=postreview&do=support, home.php?mod=spacecp&ac=favorite, its print view
#: action=printable), by the verb an action=, mode=, do= or ac= argument names.
_FORM_ACTIONS = frozenset({"reply", "re", "newthread", "newreply", "newtopic", "quote", "post", "edit", "rate",
                           "report", "login", "logout", "register", "markread", "bookmark", "postreview", "recommend",
                           "printable", "follow", "favorite", "share", "usergroup", "credit"})
_VERB_ARGS = ("action", "mode", "do", "ac")
#: A `q` that names a route, not words searched for: a path (Drupal's ?q=node/105) or a word beside other arguments
#: (PHPWind's index.php?m=cms&q=view&id=1237); `list.asp?q=abc&page=2` is a search's result page.
_ROUTE_VALUE = re.compile(r"[A-Za-z][\w.-]*(?:/[\w.-]+)*")
_PAGING_ARGS = frozenset({"page", "p", "pn", "pg", "start", "offset"})
#: Calendars page through years forever: a year outside the portal's lifetime in a URL is one of those pages.
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|2[0-9]{3})(?!\d)")
_FIRST_YEAR, _LAST_YEAR = 1995, datetime.now().year + 1
#: Guards against generated URLs: longer queries, more arguments or deeper paths are not the portal's.
MAX_QUERY_ARGS = 8
MAX_PATH_SEGMENTS = 12


def _is_route(value: str, names: list[str]) -> bool:
    """Whether a `q=value` among the arguments `names` names a route (see _ROUTE_VALUE)."""
    return _ROUTE_VALUE.fullmatch(value) is not None and (
        "/" in value or any(name != "q" and name not in _PAGING_ARGS for name in names))


def looks_like_trap(url: str, listed: bool = False, named: bool = False) -> bool:
    """A URL that leads nowhere an article could be, or into an endless space of generated pages: search
    forms and results, logins, votes, print views, session ids, calendars (years outside 1995..next year),
    repeated path segments (relative-link loops such as /a/b/a/b/a/b/), too many or repeated query arguments.
    listed: a listing lists the URL as one of its articles (a print view it lists is the article). named: a page's
    breadcrumb names the URL, or it is a page of a listing fetched: a search word there names a board (贴吧's
    /f?kw=新疆民生), one URL, not one of endless searches."""
    parts = urlsplit(url)
    path = parts.path
    if _TRAP.search(path) or not listed and _PRINT_VIEW.search(path) or ";jsessionid=" in path.lower():
        return True
    route = parts.query if "=" not in parts.query.partition("&")[0] else ""  # (index.php?doc-view-57: a route)
    if _ROUTE_TRAP.match(path.rpartition("/")[2]) or route and _ROUTE_TRAP.match(route):
        return True
    segments = [seg for seg in path.split("/") if seg]
    if len(segments) > MAX_PATH_SEGMENTS or any(segments.count(seg) >= 3 for seg in set(segments)):
        return True
    pieces = [arg for arg in parts.query.split("&") if arg]
    args = [arg.partition("=") for arg in pieces]
    names = [name.lower() for name, _, _ in args]
    if len(names) > MAX_QUERY_ARGS or len(set(names)) < len(names):
        return True
    if any(name in _TRAP_ARGS and not (name == "q" and _is_route(value, names) or named and name in _SEARCH_ARGS)
           for (_, _, value), name in zip(args, names)) or any(map(is_session_param, pieces)):
        return True
    action = args[names.index("action")][2].lower() if "action" in names else ""
    if "title" in names and action in _WIKI_ACTIONS or any(
            name in _VERB_ARGS and value.lower() in _FORM_ACTIONS for (_, _, value), name in zip(args, names)):
        return True
    for name, _, value in args:
        if name.lower() in ("year", "y", "date", "day", "month", "yearmonth", "ym"):
            years = [int(y) for y in _YEAR.findall(value)]
            if any(not _FIRST_YEAR <= y <= _LAST_YEAR for y in years):
                return True
    return False
