"""Per-template fast path: read a page where its template printed the fields on the pages read before.

A portal prints thousands of articles through a handful of templates. Once the generic reader (article.py)
has found the headline, breadcrumb, info line(s), body block and 上一篇/下一篇 items on a page, their places
in the tree (a path of (tag, child index) steps from <html>) say where to look on the next page of that
template: no statistics over the whole page and no searches, only the fields' own subtrees are walked, and
the body is cleaned by the generic code (article.build_article). About half the CPU per page (README
"Performance").

The generic reader stays the reference, and a layout earns and keeps its place by agreeing with it:
* learned from pages the generic reader read as single-page articles with 上一篇/下一篇, a headline that
  matches <title>, and info lines that are whole elements; used only once the fast reading has equalled the
  generic one, field for field, on CONFIRM more pages of the same layout;
* checked on every page: every path resolves to the same tags, the headline still matches <title>, the info
  lines still carry labels, the breadcrumb still starts at home, 上一篇/下一篇 are all still there, and no
  link anywhere looks like a page bar (multi-page articles go the generic way); any miss -> generic reader;
* audited: a layout's 1st, 2nd, 4th, ... 32nd fast page and every AUDIT_EVERY-th after that are also read the
  generic way; a difference drops the layout (and the page keeps the generic reading).
Layouts are learned per host, held in memory by one Templates object (one per crawl, worker or
`xjmsw parse` run), and never persisted: a new run learns again from its first pages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .article import (
    _CRUMB_HOME, _INFO_LABEL, _PAGE_NUM, _PN, _PUA, Meta, TitleInfo, _crumb_items, _title_match,
    build_article, extract, find_prev_next, headline_text, info_from_lines, is_info_line,
)
from .generic import BLOCK_TAGS, Doc, Para, parse_html, prepare
from .model import Article
from .normalize import clean_text

log = logging.getLogger(__name__)

TreePath = tuple[tuple[str, int], ...]  # (tag, child index) steps from the root element

#: Fast readings that must equal the generic reading before a layout is used.
CONFIRM = 2
#: After its first 32 pages (audited at 1, 2, 4, ... 32), one fast page of a layout in this many is read the
#: generic way too, and the layout dropped if the two differ.
AUDIT_EVERY = 50
#: Layouts kept per host (the templates of one site), and learning attempts per host before giving up.
MAX_LAYOUTS = 16
MAX_ATTEMPTS = 64
#: Layouts seen once (or rejected) remembered per host.
MAX_PENDING = 256

_BAR_WORDS = frozenset(("上一页", "下一页", "上页", "下页", "前一页", "后一页", "尾页", "末页"))
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://([^/?#]*)", re.I)


def _host(url: str) -> str:
    m = _HOST.match(url)
    return m.group(1).lower() if m else ""


def path_of(el) -> TreePath:
    steps = []
    parent = el.getparent()
    while parent is not None:
        steps.append((el.tag, parent.index(el)))
        el, parent = parent, parent.getparent()
    return tuple(reversed(steps))


def resolve(root, path: TreePath):
    """The element at path under root, or None when the tree there is not shaped the same."""
    el = root
    for tag, i in path:
        if i >= len(el):
            return None
        el = el[i]
        if el.tag != tag:
            return None
    return el


def _common_ancestor(els):
    first, *rest = els
    for anc in (first, *first.iterancestors()):
        if all(anc is e or any(a is anc for a in e.iterancestors()) for e in rest):
            return anc
    return None


def has_page_bar_link(root) -> bool:
    """Whether any link reads like a page bar's (a page number, 下一页, 尾页, ...: a superset of what
    article.find_pagebars counts): such pages are read the generic way, which tells a multi-page article's
    bar from a listing's."""
    for a in root.iter("a"):
        text = a.text if not len(a) else "".join(a.itertext())
        if text:
            text = text.strip()
            if 0 < len(text) <= 8 and (text in _BAR_WORDS or _PAGE_NUM.match(text)):
                return True
    return False


@dataclass(frozen=True, slots=True)
class Layout:
    """Where one template prints each field."""

    title: TreePath
    body: TreePath
    crumb: TreePath | None
    info: tuple[TreePath, ...]
    prevnext: TreePath  # the smallest element holding every 上一篇/下一篇 item
    n_prevnext: int  # how many items (holders) it holds

    @classmethod
    def of(cls, meta: Meta) -> Layout | None:
        """The layout of a page read the generic way (before its body was cleaned), or None when the page
        is not one to learn from."""
        title, body = meta.title, meta.body
        if (body is None or title.el is None or title.match < 1.5 or meta.bars or not meta.pn_holders
                or not meta.info.lines):
            return None
        for line in meta.info.lines:
            el = line.el
            if el is None or el.tag not in BLOCK_TAGS or el.tag == "br" or _line(el).text != line.text:
                return None
        holders = [h for h in meta.pn_holders if h is not None]
        region = _common_ancestor(holders) if holders else None
        if region is None:
            return None
        return cls(path_of(title.el), path_of(body), path_of(meta.crumb_el) if meta.crumb_el is not None else None,
                   tuple(path_of(line.el) for line in meta.info.lines), path_of(region), len(meta.pn_holders))

    def meta(self, root, url: str, page: tuple[str, str]) -> tuple[Meta, Doc] | None:
        """(Meta, the Doc around the body) of a page read at this layout's places, or None when the page does not
        fit it (any check fails)."""
        title_el, body = resolve(root, self.title), resolve(root, self.body)
        region = resolve(root, self.prevnext)
        if title_el is None or body is None or region is None:
            return None
        text, _ = headline_text("".join(title_el.itertext()))
        match = _title_match(text, clean_text(_PUA.sub("", page[1])))
        if match < 1.5 or _INFO_LABEL.search(text) or _PN.search(text):
            return None
        lines = []
        for path in self.info:
            el = resolve(root, path)
            if el is None:
                return None
            line = _line(el)
            if not (_INFO_LABEL.search(line.text) and is_info_line(line.text)) or _PN.search(line.text):
                return None
            lines.append(line)
        crumbs, crumb_el = [], None
        if self.crumb is not None:
            crumb_el = resolve(root, self.crumb)
            if crumb_el is None:
                return None
            crumbs, _ = _crumb_items(Doc(crumb_el, url, page), crumb_el, text, url)
            if not crumbs or not _CRUMB_HOME.fullmatch(crumbs[0].replace(" ", "")) and crumbs[0] not in (
                    "网站首页", "本站首页", "首页"):
                return None
        prev, next_, holders = find_prev_next(Doc(region, url, page))
        if len(holders) != self.n_prevnext:
            return None
        # The densest block around the learned one, as the generic reader would choose it: a short article
        # makes the row or cell inside the learned block (or its parent) the densest.
        doc = Doc(body.getparent() if body.getparent() is not None else body, url, page)
        body = doc.best_block()
        if body is None:
            return None
        i = doc.idx[body]
        meta = Meta()
        meta.body = body
        meta.punct, meta.text_len = doc.P[i], doc.T[i] - doc.L[i]
        if meta.text_len < 10:
            return None
        meta.prose = meta.punct >= 3 and meta.text_len >= 60
        meta.title = TitleInfo(text, title_el, match, 0.0, True)
        meta.crumbs, meta.crumb_el = crumbs, crumb_el
        meta.info = info_from_lines(lines)
        meta.prev, meta.next, meta.pn_holders = prev, next_, holders
        meta.bars, meta.bar = [], None
        return meta, doc


def _line(el) -> Para:
    raw = "".join(el.itertext())
    return Para(clean_text(raw), 0, el, raw)


class _HostLayouts:
    __slots__ = ("active", "pending", "rejected", "attempts", "uses")

    def __init__(self):
        self.active: list[Layout] = []  # most recently used first
        self.uses: dict[Layout, int] = {}  # fast readings per active layout
        self.pending: dict[Layout, int] = {}  # layout -> fast readings that equalled the generic one
        self.rejected: set[Layout] = set()
        self.attempts = 0


class Templates:
    """The layouts learned in one process, per host, and what they did (counters for logs and stats)."""

    def __init__(self, audit_every: int = AUDIT_EVERY):
        self.audit_every = audit_every  # 0: no audit (tests that check every fast reading by itself)
        self._hosts: dict[str, _HostLayouts] = {}
        self.fast = 0  # pages read by a layout
        self.learned = 0  # layouts confirmed
        self.dropped = 0  # layouts dropped by an audit

    def read(self, text: str, root, url: str, page: tuple[str, str]) -> Article | None:
        """The article on a page when a learned layout fits it; root is cleaned (mutated) in that case.
        None (root untouched) sends the page to the generic reader."""
        host = self._hosts.get(_host(url))
        if host is None or not host.active or has_page_bar_link(root):
            return None
        for k, layout in enumerate(host.active):
            found = layout.meta(root, url, page)
            if found is None:
                continue
            meta, doc = found
            article = build_article(doc, url, meta)
            if k:
                host.active.insert(0, host.active.pop(k))
            self.fast += 1
            host.uses[layout] = uses = host.uses.get(layout, 0) + 1
            if self.audit_every and (uses % self.audit_every == 0 or (uses <= 32 and uses & (uses - 1) == 0)):
                generic = generic_article(text, url)
                if generic != article:
                    host.active.remove(layout)
                    host.uses.pop(layout, None)
                    host.rejected.add(layout)
                    self.dropped += 1
                    log.warning("Template layout dropped: on %s it read the page differently from the generic "
                                "reader (kept the generic reading)", url)
                    return generic
            return article
        return None

    def learn(self, text: str, url: str, layout: Layout | None, article: Article) -> None:
        """After the generic reader read a page as `article`: the second time its layout is seen, try it on a
        fresh parse of the page (a layout seen once costs nothing: a site of one page, a one-off page);
        CONFIRM equal readings make it active."""
        if layout is None:
            return
        host = self._hosts.setdefault(_host(url), _HostLayouts())
        if layout in host.rejected or layout in host.active or host.attempts >= MAX_ATTEMPTS:
            return
        if layout not in host.pending:
            if len(host.pending) >= MAX_PENDING:  # a template whose places vary from page to page
                host.pending.clear()
            host.pending[layout] = 0
            return
        host.attempts += 1
        root = parse_html(text)
        found = layout.meta(root, url, prepare(root, url)) if root is not None else None
        if found is None or build_article(found[1], url, found[0]) != article:
            host.pending.pop(layout, None)
            if len(host.rejected) >= MAX_PENDING:
                host.rejected.clear()
            host.rejected.add(layout)
            return
        host.pending[layout] = seen = host.pending.get(layout, 0) + 1
        if seen >= CONFIRM:
            del host.pending[layout]
            host.active.insert(0, layout)
            for old in host.active[MAX_LAYOUTS:]:
                host.uses.pop(old, None)
            del host.active[MAX_LAYOUTS:]
            self.learned += 1
            log.info("Template layout learned for %s from %s", _host(url) or "(local files)", url)


def generic_article(text: str, url: str) -> Article | None:
    """The generic reader's article on a page (the audit's reference; for a page with 上一篇/下一篇 and no
    page bar, classify() reads exactly this too)."""
    root = parse_html(text)
    return extract(Doc(root, url), url)[0] if root is not None else None
