"""Per-template fast path: read a page where its template printed the fields on the pages read before.

A portal prints thousands of articles through a handful of templates. Once the generic reader (article.py and the
field readers it puts together) has found the headline, breadcrumb, info line(s), body block and 上一篇/下一篇 items
on a page, their places in the tree (a path of (tag, child index) steps from <html>) say where to look on the next
page of that template: no statistics over the whole page and no searches, only the fields' own subtrees are walked,
and the body is cleaned by the generic code (article.build_article). About half the CPU per page (README
"Performance").

The generic reader stays the reference, and a layout earns and keeps its place by agreeing with it:
* learned from pages the generic reader read as single-page articles with 上一篇/下一篇, a headline that
  matches <title>, and info lines that are whole elements; used only once the fast reading has equalled the
  generic one, field for field, on CONFIRM pages of the same layout;
* checked on every page: every path resolves to the same tags, the headline still matches <title>, the info
  lines still carry labels (in elements of the same class, and no other one opens the text), the breadcrumb still
  starts at the same home item, 上一篇/下一篇 are all still there, and every link that looks like a page bar's is
  around the body (a multi-page article's bar, then read as the generic reader reads it); any miss -> generic
  reader;
* audited: a layout's 8th and 32nd fast page and every AUDIT_EVERY-th after that are also read the
  generic way; a difference drops the layout (LayoutDropped: the page is parsed again and read generically).
Layouts are learned per host, held in memory by one Templates object (one per crawl, worker or
`xjmsw parse` run), and never persisted: a new run learns again from its first pages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from .article import Meta, before_prev_next, below_headline, build_article, common_ancestor, extract, with_companions
from .breadcrumb import crumb_items
from .cues import DATE_IN, PN, absolute, el_text, has_label
from .generic import BLOCK_TAGS, CELL_TAGS, Doc, Para, segment, text_of
from .info import (
    AUTHORIZED_BY_LINK, COPYRIGHT_AUTHOR_LABELS, date_line, info_block, info_from_lines, is_info_line,
    labelled_info_line,
)
from .model import Article
from .normalize import clean_text
from .pagebar import (
    BAR_WORDS, PAGE_NUM, bar_word, calendar_day, choose_pagebar, find_pagebars, in_page_family, shown_text,
)
from .prevnext import find_prev_next
from .title import PUA, TitleInfo, headline_text, title_match

log = logging.getLogger(__name__)

TreePath = tuple[tuple[str, int], ...]  # (tag, child index) steps from the root element

#: Fast readings that must equal the generic reading before a layout is used.
CONFIRM = 2
#: Fast pages of a layout that are also read the generic way (the layout dropped if the two differ): these, and
#: then one in AUDIT_EVERY. (Not the 1st: CONFIRM readings have just been compared the same way; in a run of 200
#: pages an audit of the 1st cost 1.6% of the instructions.)
EARLY_AUDITS = frozenset((8, 32))
AUDIT_EVERY = 64
#: Layouts kept per host (the templates of one site), and learning attempts per host before giving up (what a
#: host whose article pages each have a layout of their own can cost: MAX_ATTEMPTS fresh parses and readings).
MAX_LAYOUTS = 16
MAX_ATTEMPTS = 64
#: Layouts being confirmed (or rejected) remembered per host.
MAX_PENDING = 256

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


def near(root, path: TreePath, slack: int = 2):
    """The element at path, then those at the paths where some steps go to a later sibling of the same tag (by at
    most `slack` in all): a page bar or a note printed before the 上一篇/下一篇 block moves it down a little."""
    def walk(el, k: int, left: int):
        if k == len(path):
            yield el
            return
        tag, i = path[k]
        for j in range(i, min(i + left + 1, len(el))):
            if el[j].tag == tag:
                yield from walk(el[j], k + 1, left - (j - i))

    yield from walk(root, 0, slack)


def page_bar_links(el, url: str, base_url: str) -> int:
    """How many links under el read like a page bar's (a page number, 下一页, 尾页, ...) and may stay in the page's
    family (a superset of what pagebar.find_pagebars groups into bars: not a calendar's days elsewhere)."""
    n = 0
    for a in el.iter("a"):
        text = a.text if not len(a) else shown_text(a)
        if text and _bar_link_text(text):
            raw = a.get("href") or ""
            if raw[:1] == "#" and len(raw.strip()) > 1:
                continue  # a place in this page (a comment counter's 0 -> #comment_area), never a page bar's
            href = absolute(base_url, a.get("href"))
            day = text.strip()  # (a calendar's day beside the article: no page of it)
            n += not href or in_page_family(href, url) and not (day.isdigit() and calendar_day(href, int(day), url))
    return n


@lru_cache(maxsize=4096)  # a site's navigation links are the same texts on every page
def _bar_link_text(text: str) -> bool:
    text = bar_word(text.strip())
    return 0 < len(text) <= 8 and (text in BAR_WORDS or PAGE_NUM.match(text) is not None)


@dataclass(frozen=True, slots=True)
class Layout:
    """Where one template prints each field."""

    title: TreePath
    body: TreePath
    crumb: TreePath | None
    # each info line's element, whether the line is only a part of it, and the element's class (a page whose element
    # there has another is another template's: its <div class="tz-date"> under the body where this one has the
    # <div class="meta"> of 来源/作者/发布时间)
    info: tuple[tuple[TreePath, bool, str | None], ...]
    prevnext: TreePath  # the smallest element holding every 上一篇/下一篇 item
    n_prevnext: int  # how many items (holders) it holds
    home: str | None  # the breadcrumb's first item (首页, or the site's name where the home link shows it)
    # Without a breadcrumb: how often the page's HTML says 首页 (nav, footer). A page of the template that says it
    # more often may show a breadcrumb its include failed to print on the pages learned from: read generically.
    home_words: int = -1

    @classmethod
    def of(cls, meta: Meta) -> Layout | None:
        """The layout of a page read the generic way (before its body was cleaned), or None when the page
        is not one to learn from."""
        title, body = meta.title, meta.body
        if (body is None or title.el is None or title.match < 1.5 or meta.bars or not meta.pn_holders
                or not meta.info.lines):
            return None
        info = []
        for line in meta.info.lines:
            place = _info_place(line)
            if place is None:
                return None
            info.append(place)
        holders = [h for h in meta.pn_holders if h is not None]
        if len(holders) < 2 and (meta.prev is None or meta.next is None):
            # the end of a chain that leaves out the missing item (WordPress): its one holder is a part of the
            # 上一篇/下一篇 block of the template's other pages, where the layout would read only that part
            return None
        region = common_ancestor(holders) if holders else None
        if region is None:
            return None
        return cls(path_of(title.el), path_of(body), path_of(meta.crumb_el) if meta.crumb_el is not None else None,
                   tuple(info), path_of(region), len(meta.pn_holders),
                   meta.crumbs[0] if meta.crumbs else None)

    def meta(self, root, url: str, page: tuple[str, str], bar_links: int = 0) -> tuple[Meta, Doc] | None:
        """(Meta, the Doc around the body) of a page read at this layout's places, or None when the page does not
        fit it (any check fails). bar_links: the page's page_bar_links(); a page bar is read here only when all
        of them are around the body (a multi-page article's bar), else the page goes the generic way."""
        title_el, body = resolve(root, self.title), resolve(root, self.body)
        if title_el is None or body is None:
            return None
        text, _ = headline_text(text_of(title_el))
        match = title_match(text, clean_text(PUA.sub("", page[1])))
        if match < 1.5 or has_label(text) or PN.search(text):
            return None
        info_els = [resolve(root, path) for path, _, _ in self.info]
        if None in info_els:
            return None
        lines = []
        for el, (_, part, cls) in zip(info_els, self.info):
            line = _line(el, part)
            shown = line.text if line is not None else ""
            if el.get("class") != cls or not is_info_line(shown) or PN.search(shown):
                return None  # (a date alone, or with a few words: 由 admin 发表于 2014-08-14 18:45)
            lines.append(line)
            for k, after in enumerate(islice(el.itersiblings(), 4 if el.tag == "li" else 1)):
                if after.tag != el.tag:
                    break
                if after not in info_els and (
                        el.tag != "table" and (el.tag != "div" or len(after) <= 4) and
                        labelled_info_line(_line(after).text)
                        or not k and not DATE_IN.search(shown) and len(raw := text_of(after)) < 60
                        and date_line(clean_text(raw))):
                    # one more info line beside them (作者： on this page only, or in a list's item or two further on:
                    # Elementor's 来源： after the time's and the category's; below an undated line, a date row the first
                    # page left empty): the generic reader reads it
                    return None
        crumbs, crumb_el = [], None
        if self.crumb is not None:
            crumb_el = resolve(root, self.crumb)
            if crumb_el is None:
                return None
            crumbs, _ = crumb_items(crumb_el, text, url, page[0])
            if not crumbs or crumbs[0] != self.home:
                return None
        for region in near(root, self.prevnext):
            prev, next_, holders = find_prev_next(Doc(region, url, page))
            if len(holders) == self.n_prevnext:
                break
        else:
            return None
        # The densest block around the learned one, as the generic reader would choose it: a short article
        # makes the row or cell inside the learned block (or its parent) the densest.
        doc = Doc(body.getparent() if body.getparent() is not None else body, url, page)
        body = doc.best_block()
        if body is None:
            return None
        title = TitleInfo(text, title_el, match, 0.0, True)
        body = below_headline(doc, with_companions(doc, body, (title_el, *holders)), title)
        if (before := before_prev_next(doc, body, holders)) is not body:
            body = with_companions(doc, before, (title_el, *holders))
        if _opens_with_info_line(doc, body, title_el, info_els) or _info_line_after((body, title_el), info_els) or \
                _info_line_after(islice(info_els[-1].iterancestors(), 2), info_els, count=2, small=True):
            return None  # an info line opening this page's text (作者：… 来源：… of a reprint), or one under it or
            # under the headline that the layout's pages did not print (a column's 作者:… under the text, FastAdmin's
            # 来源：… beside the author's name, printed when the article names a source): the generic reader's
        i = doc.idx[body]
        meta = Meta()
        meta.body = body
        meta.punct, meta.text_len = doc.P[i], doc.T[i] - doc.L[i]
        if meta.text_len < 10 or info_block(doc, body):
            return None  # (a densest block that is an info line: a page of figures, article._past_info_line's)
        meta.prose = meta.punct >= 3 and meta.text_len >= 60
        meta.title = title
        meta.crumbs, meta.crumb_el = crumbs, crumb_el
        meta.info = info_from_lines(lines)
        meta.prev, meta.next, meta.pn_holders = prev, next_, holders
        meta.bars, meta.bar = [], None
        if bar_links:
            if page_bar_links(doc.root, url, page[0]) != bar_links:
                return None
            # article.read_meta's choice, over the only part of the page that has page-bar links (and holds
            # the bars they make up)
            meta.bars = find_pagebars(doc, url)
            if any(b.el not in doc.idx for b in meta.bars):
                return None
            meta.bar = choose_pagebar(doc, meta.bars, body, near=True)
        return meta, doc


def _info_line_after(anchors, info_els, count: int = 3, small: bool = False) -> bool:
    """Whether one of the few blocks right after an anchor is a labelled info line the layout does not place, in it or
    around it (YXcms prints a column's <div>作者:李娜</div> under the text, on that column's pages only; not PHP-Nuke's
    由 admin 发表于 … line of the headline's cell, the place of its <br> lines). small: a block of at most 6 elements
    (Divi's 来源： module after its post title's, beside the blocks around the layout's last info line)."""
    return any(isinstance(after.tag, str) and (not small or next(islice(after.iter(), 6, None), None) is None)
               and labelled_info_line(el_text(after))
               and not any(other in info_els for other in (*after.iter(), *after.iterancestors()))
               for el in anchors for after in islice(el.itersiblings(), count))


def _opens_with_info_line(doc: Doc, body, title_el, info_els) -> bool:
    """Whether the block that prints the first text of the body after the headline and the layout's info lines is a
    labelled info line too (a reprint's 作者：… 来源：… opening its text), which the generic reader reads."""
    i = doc.idx[body]
    end = i + doc.size[i]
    # (an info line after the body, a copyright box's 本文作者：, is no part of what comes before its first text)
    after = max((j + doc.size[j] for e in (title_el, *info_els) if (j := doc.idx.get(e, end)) < end), default=i + 1)
    first = next((doc.els[k] for k in range(max(after, i + 1), end)
                  if (text := doc.texts[k]) and not text.isspace()), None)
    while first is not None and first.tag not in BLOCK_TAGS and first.getparent() is not body:
        first = first.getparent()
    return first is not None and labelled_info_line(el_text(first))


def _info_place(line: Para) -> tuple[TreePath, bool, str | None] | None:
    """Where a layout finds an info line: (path, False, class) for the element that prints it alone, (path, True,
    class) for the block that prints it beside a box of its own (字号：大 中 小 打印 in the info line's <div>) or as
    one of its <br> lines (PHP-Nuke's headline<br>由 admin 发表于 …); None when neither holds it."""
    el = line.el
    if el is None:
        return None
    if el.tag != "br" and el.tag in BLOCK_TAGS and _line(el).text == line.text:
        return path_of(el), False, el.get("class")
    # (the block of <br> lines the line opens, or the one around a <br>'s line: Community Server's p.postfoot, posted
    # on …<br>分类: …)
    for block in (el, el.getparent()) if el.tag != "br" else (el.getparent(),):
        if block is not None and (block.tag in BLOCK_TAGS or block.tag in CELL_TAGS) \
                and (part := _line(block, True)) is not None and part.text == line.text:
            return path_of(block), True, block.get("class")
    return None


def _line(el, part: bool = False) -> Para | None:
    """The info line an element prints: all its text (a table row's cells joined as segment() joins them); with
    part, its one info line among other lines (None when not one)."""
    if part:
        lines = [p for p in segment(el) if labelled_info_line(p.text)]
        return lines[0] if len(lines) == 1 else None
    if el.tag == "tr":  # an info line in cells (作者： | 张三 | 来源： | …): joined as segment() joins them
        paras = segment(el)
        if len(paras) == 1:
            return paras[0]
    raw = text_of(el)
    return Para(clean_text(raw), 0, el, raw)


class LayoutDropped(Exception):
    """An audit found a layout reading a page differently from the generic reader: the layout is dropped and
    the page (whose tree the layout already cleaned) must be parsed again and read the generic way."""


class _HostLayouts:
    __slots__ = ("active", "pending", "rejected", "attempts", "uses")

    def __init__(self):
        self.active: list[Layout] = []  # most recently used first
        self.uses: dict[Layout, int] = {}  # fast readings per active layout
        self.pending: dict[Layout, int] = {}  # layout -> fast readings that equalled the generic one
        self.rejected: set[Layout] = set()
        self.attempts = 0

    def reject(self, layout: Layout) -> None:
        """Never try or use this layout again (within MAX_PENDING remembered ones)."""
        if layout in self.active:
            self.active.remove(layout)
        self.uses.pop(layout, None)
        self.pending.pop(layout, None)
        if len(self.rejected) >= MAX_PENDING:
            self.rejected.clear()
        self.rejected.add(layout)


class Templates:
    """The layouts learned in one process, per host, and what they did (counters for logs and stats)."""

    def __init__(self, audit_every: int = AUDIT_EVERY):
        self.audit_every = audit_every  # 0: no audit (tests that check every fast reading by itself)
        self._hosts: dict[str, _HostLayouts] = {}
        self.fast = 0  # pages read by a layout
        self.learned = 0  # layouts confirmed
        self.dropped = 0  # layouts dropped by an audit

    def read(self, text: str, root, url: str, page: tuple[str, str]) -> tuple[str, Article] | None:
        """(kind, article) of a page when a learned layout fits it: "article", or "continuation" for page 2.. of
        a multi-page article; root is cleaned (mutated) in that case. None (root untouched) sends the page to
        the generic reader."""
        host = self._hosts.get(_host(url))
        if host is None or not host.active:
            return None
        bar_links = page_bar_links(root, url, page[0])
        home_words = None
        for k, layout in enumerate(host.active):
            if layout.crumb is None:
                home_words = text.count("首页") if home_words is None else home_words
                if home_words != layout.home_words:
                    continue
            found = layout.meta(root, url, page, bar_links)
            if found is None:
                continue
            meta, doc = found
            if meta.info.author is None and (any(map(text.__contains__, COPYRIGHT_AUTHOR_LABELS))
                                             or "本文由" in text and AUTHORIZED_BY_LINK.search(text)):
                return None  # a copyright box's 本文作者： may name the author: the generic reader looks (find_info)
            article = build_article(doc, url, meta)
            if k:
                host.active.insert(0, host.active.pop(k))
            self.fast += 1
            host.uses[layout] = uses = host.uses.get(layout, 0) + 1
            if self.audit_every and (uses % self.audit_every == 0 or uses in EARLY_AUDITS):
                if generic_article(text, url) != article:
                    host.reject(layout)
                    self.dropped += 1
                    log.warning("Template layout dropped: on %s it read the page differently from the generic "
                                "reader (the generic reading is kept)", url)
                    raise LayoutDropped(url)
            # classify()'s rule for a page with 上一篇/下一篇
            bar = meta.bar
            return ("continuation" if bar is not None and (bar.current or 1) > 1 else "article"), article
        return None

    def learn(self, text: str, url: str, layout: Layout | None, article: Article) -> None:
        """After the generic reader read a page as `article`: try its layout on a fresh parse of the page;
        CONFIRM equal readings make it active (the first two pages of a template, when they agree)."""
        if layout is None:
            return
        if layout.crumb is None:
            layout = replace(layout, home_words=text.count("首页"))
        host = self._hosts.setdefault(_host(url), _HostLayouts())
        if layout in host.rejected or layout in host.active or host.attempts >= MAX_ATTEMPTS:
            return
        if layout not in host.pending and len(host.pending) >= MAX_PENDING:  # places vary from page to page
            host.pending.clear()
        host.attempts += 1
        from .page import _parse  # the parse the reader uses (page.py imports this module)

        parsed = _parse(url, text)
        found = layout.meta(parsed[0], url, parsed[1]) if parsed is not None else None
        if found is None or build_article(found[1], url, found[0]) != article:
            host.reject(layout)
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
    """The generic reader's article on a page (the audit's reference; for a page with 上一篇/下一篇,
    classify() reads exactly this too)."""
    from .page import _parse

    parsed = _parse(url, text)
    return extract(Doc(parsed[0], url, parsed[1]), url)[0] if parsed is not None else None
