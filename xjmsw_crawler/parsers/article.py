"""An article's fields from a parsed page (generic.Doc), keyed on what every template prints, not on class names:
the field readers (title, info, breadcrumb, prevnext, pagebar, body) put together.

read_meta takes the densest prose block (generic.Doc.best_block), widened to the blocks a short article needs beside
it (with_companions) and kept before 上一篇/下一篇 and the page bar, and reads the headline, breadcrumb, info line,
上一篇/下一篇 and page bar around it; build_article cleans the body of them (body.extract_body) and assembles the
Article. template.py reuses both on a learned layout. A site's XJMSW_SITE_RULES (site_rules.py) choose any of
these elements instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial

from .body import AD_LABEL, DOCUMENT_NAME, LEDE, BodyResult, extract_body, picture_box
from .breadcrumb import find_breadcrumb
from .cues import BAR_GAP, CRUMB_HOME, EDITOR, HEADING_WEIGHTS, SIGNATURE, absolute, el_text, has_label
from .generic import BLOCK_TAGS, COMMENT_STAMP, REPLY_SUBJECT, Doc, poster_of, segment, text_of
from .hidden import NOT_DISPLAYED_STYLE
from .info import SENTENCE_END, date_line, find_info, info_block, labelled_info_line, parse_info
from .model import Article, FloorPost
from .normalize import canonical_url, clean_text, parse_date
from .pagebar import choose_pagebar, find_pagebars, page_urls, whole_article_url
from .prevnext import find_prev_next
from .site_rules import rule_element
from .title import TitleInfo, find_title, headline_above


class Meta:
    """Everything read from a page before its body is cleaned (cleaning mutates the tree)."""

    __slots__ = ("body", "punct", "text_len", "prose", "title", "crumbs", "crumb_el", "info", "prev", "next",
                 "pn_holders", "bars", "bar", "frames")

    def __init__(self, frames=()):
        # (parent element, src) of the page's <iframe>s sized to show a text (page._parse): the text may be framed
        self.frames = frames

    @property
    def prevnext(self) -> bool:
        return bool(self.pn_holders)

    @property
    def headline(self) -> bool:
        return self.title.match >= 1.5


def choose_body(doc: Doc, rules: Mapping | None = None):
    el = rule_element(doc, rules, "body")
    if el is not None:
        return el
    return doc.best_block()


def _article_block(doc: Doc, body, title: TitleInfo, holders: list):
    """The densest block of the part of the page that holds the headline and 上一篇/下一篇, when the page's densest
    block is outside it (a short photo article beside a sidebar of summaries): body otherwise."""
    held = [h for h in holders if h is not None]
    if title.el is None or title.match < 1.5 or not held:
        return body
    inner = _densest_in(doc, common_ancestor([title.el, *held]), body)
    # (not the headline itself: a forum's thread header, its subject beside 上一主题/下一主题 over the posts)
    return body if inner is title.el or doc.contains(title.el, inner) else inner


def _densest_in(doc: Doc, region, body):
    """The densest block inside region (10 characters outside links at least) when region does not hold body (nor
    is the whole page): body otherwise."""
    if region is None or region.tag in ("html", "body") or doc.contains(region, body):
        return body
    inner = doc.best_block(within=region)
    i = doc.position(inner) if inner is not None else -1
    return inner if i >= 0 and doc.T[i] - doc.L[i] >= 10 else body


def _beside_prev_next(doc: Doc, body, title: TitleInfo, holders: list):
    """The densest block of the nearest part of the page around 上一篇/下一篇 that holds prose, when no headline
    anchors the text (a portal's <title> that names only its page, 新闻详细) and the page's densest block is
    elsewhere (a sidebar's notice longer than a short article): body otherwise."""
    held = [h for h in holders if h is not None]
    if title.match >= 1.5 or not held:
        return body
    region = common_ancestor(held)
    while region is not None and region.tag not in ("html", "body") and not _holds_prose(doc, region):
        region = region.getparent()
    return _densest_in(doc, region, body)


def below_headline(doc: Doc, body, title: TitleInfo):
    """The text's block inside the densest block when what made the block around it outscore it was the headline's
    own punctuation (小区停水三天，问题出在哪 over a post whose tags, trackback URL and counters follow its text in the
    same wrapper), with a summary box's beside the text (摘要：…, no body either): body otherwise."""
    if body is None or title.el is None or title.match < 1.5 or title.el is body or not doc.contains(body, title.el):
        return body
    i, S = doc.position(body), doc.S
    parts = [c for c in body if isinstance(c.tag, str) and c in doc.idx and not doc.contains(c, title.el)]
    summaries = [c for c in parts if _summary_box(doc, c)]
    inner = max((c for c in parts if c not in summaries), key=lambda c: S[doc.idx[c]], default=None)
    outscored_by = max(S[doc.position(title.el)], 0.0) + sum(max(S[doc.idx[c]], 0.0) for c in summaries)
    if inner is None or not outscored_by or S[doc.idx[inner]] <= S[i] - outscored_by:
        return body
    # (not past a byline of its own beside the text's block: 本报记者 王芳)
    others = (c for c in body if c is not inner and c in doc.idx and not doc.contains(c, title.el))
    return body if any(doc.T[j := doc.idx[c]] <= 40 and not doc.L[j] and _BYLINE.search(doc.text(c)) for c in others) \
        else inner


def _summary_box(doc: Doc, el) -> bool:
    """Whether el is a summary box (摘要：…, one block at most; not a short text's block that opens with its 导读):
    never the text's block, however it outscores a short text it restates (帝国CMS's)."""
    return doc.T[doc.idx[el]] <= 200 and bool(LEDE.match(el_text(el))) and \
        sum(1 for c in el if c.tag in BLOCK_TAGS) <= 1


def _past_info_line(doc: Doc, body, title: TitleInfo, holders: list):
    """The largest block of text between the info line and 上一篇/下一篇 when the densest block is the info line
    itself: a page of figures (a price table, page 2 of a list of job openings) has no prose to outscore its
    punctuated labels. body otherwise."""
    i = doc.position(body)
    starts = [doc.position(h) for h in holders if h is not None]
    if not starts or title.el is None or title.match < 1.5 or not 0 <= doc.position(title.el) < i \
            or not info_block(doc, body):
        return body
    T, L, size = doc.T, doc.L, doc.size
    end, best, most = min(starts), body, 9
    for k in range(i + size[i], end):
        own = T[k] - L[k]
        if own > most and k + size[k] <= end and L[k] * 2 <= T[k]:
            best, most = doc.els[k], own
    return best


def before_prev_next(doc: Doc, body, holders: list):
    """The densest block before 上一篇/下一篇 when the densest block runs on past them into text of another kind
    that scores as prose (a blog's trackback URL, readers' comments, a comment form's labels): taken when it
    outscores what follows them and keeps half the densest block's score (a template that prints 上一篇/下一篇
    above the article keeps it). body otherwise."""
    i = doc.position(body)
    held = [k for h in holders if h is not None and (k := doc.position(h)) >= 0]
    if i < 0 or not held or min(held) <= i:
        return body
    S, size = doc.S, doc.size
    first, end = min(held), i + size[i]
    after = max(k + size[k] for k in held)
    beyond, k = 0.0, after  # what the body prints after them, however deep they sit in it (blocks after theirs)
    while k < end:
        beyond += S[k]
        k += size[k]
    if beyond <= 0:
        return body
    best = max(range(i + 1, first), key=lambda k: S[k] if k + size[k] <= first else 0.0, default=None)
    return doc.els[best] if best is not None and S[best] > max(beyond, S[i] / 2) else body


def around(doc: Doc, body, el, reach: int = 2) -> bool:
    """Whether el is in body or in one of its `reach` nearest ancestors (a page bar under an article's text; not a
    comment pager far from the header's slogan, nor a listing's bar beside a sidebar's contact lines)."""
    up = body
    for _ in range(reach + 1):
        if up is None or up.tag in ("body", "html"):
            return False
        if doc.contains(up, el):
            return True
        up = up.getparent()
    return False


def _before_page_bar(doc: Doc, url: str, body):
    """On page n > 1 of an article without prose (a list of names continued: a page with 上一篇/下一篇), the block its
    page bar follows, when the densest block is no prose and far from the bar (a sidebar's punctuated hotline lines).
    body otherwise."""
    i = doc.position(body)
    if i < 0 or doc.P[i] >= 3 and doc.T[i] - doc.L[i] >= 60:
        return body
    bars = [b for b in find_pagebars(doc, url) if (b.current or 1) > 1]
    if len(bars) != 1 or around(doc, body, bars[0].el):
        return body
    before = next((el for el in bars[0].el.itersiblings(preceding=True) if isinstance(el.tag, str)), None)
    j = doc.position(before) if before is not None else -1
    return before if j >= 0 and doc.T[j] - doc.L[j] >= 10 and doc.L[j] * 2 <= doc.T[j] else body


#: A page bar's text: its numbers, words and arrows between brackets and bars ([1] [2] 下一页, 【1】【2】【3】, << < 1 2 >).
_BAR_TEXT = re.compile(r"(?:" + BAR_GAP + r"(?:\d{1,3}|上一页|下一页|首页|尾页|末页|<<?|>>?|[«»‹›]))+" + BAR_GAP)
#: A byline paragraph of its own (本报记者 王芳 通讯员 李明, □亚心网记者张瑞麟, 文/王赟): body, though too short to
#: score as prose.
_BYLINE = re.compile(r"^[□■◎●]|记者|通讯员|实习生|特约撰稿|^(?:文|图|文图|图文|摄影)\s*[/／|｜:：]")


def with_companions(doc: Doc, body, fields=()):
    """body's parent when all it holds besides body is data tables (a 统计公报's, a price list: short number
    cells score as anything but prose, so the densest block was the text beside them) and bylines (a 数字报's
    `<p class="byline">` before its <founder-content>), else body. fields: the headline and the 上一篇/下一篇
    holders, which the parent may hold too (ECShop prints them in the body's box: its cleaning drops them)."""
    parent = body.getparent()
    if parent is None or parent.tag in ("body", "html"):
        return body
    holding = {body}  # body, and parent's children that hold a field (an info line under the text: a post footer)
    holding.update(sib for sib in body.itersiblings() if (i := doc.idx.get(sib)) is not None and 0 < doc.T[i] <= 200
                   and labelled_info_line(doc.text(sib)))
    for f in fields:
        while f is not None and (up := f.getparent()) is not parent:
            f = up
        if f is not None:
            holding.add(f)
    # what follows a field after body (上一篇/下一篇 over readers' comments and their form) is none of its text's
    i = doc.position(body)
    end = min((k for f in holding if (k := doc.position(f)) > i), default=len(doc.els))
    others = [sib for sib in parent if sib not in holding and doc.position(sib) < end]
    if _paragraph(body) and others and all(_plain(doc, sib) for sib in others):
        # one paragraph among paragraphs and tables without links: the article's own short lines (a name list,
        # a table of figures, the issuing office and date) scored below its one long paragraph
        return parent
    if _paragraph(body) and all(_plain(doc, sib) or _tucked(doc, sib) for sib in others) and \
            sum(1 for sib in others if (_paragraph(sib) or sib.tag == "table") and _plain(doc, sib)
                and doc.T[doc.idx[sib]] >= 10) >= 2:
        # one paragraph of a last page's few (or of a page's lines and its table of figures) beside what the text's
        # block also holds: an ad's box, the page bar
        return parent
    companions = 0
    for sib in others:
        if not isinstance(sib.tag, str):
            continue
        if sib.tail and not sib.tail.isspace():
            return body
        if picture_box(doc, sib):
            companions += 1  # (the text's pictures printed after it: October CMS's featured images)
            continue
        i = doc.idx.get(sib)
        if i is None or doc.T[i] == 0:
            continue
        if doc.T[i] <= 40 and (not doc.L[i] or doc.L[i] == doc.T[i]):
            text = doc.text(sib)
            if not doc.L[i] and _BYLINE.search(text):
                companions += 1
                continue
            if not doc.L[i] and labelled_info_line(text):
                continue  # the info line over the text (October CMS's 作者：李娜 over its text and its pictures)
            if EDITOR.match(text) if not doc.L[i] else _BAR_TEXT.fullmatch(text):
                continue  # the page's page bar, its editor's line: neither side's text
        table = sib if sib.tag == "table" else sib[0] if len(sib) == 1 and sib[0].tag == "table" else None
        if table is None or doc.L[i] * 10 > doc.T[i]:
            return body  # text of another kind beside it, or a table of links
        companions += 1
    return parent if companions else body


_CELLS = frozenset(("td", "th"))


def _data_table_around(doc: Doc, body):
    """The table whose row or cell holds body when it is a table of figures (rows of three cells and more, short and
    without links: a price table, a name list pasted from Word, its note row the densest block): body otherwise."""
    row = body if body.tag == "tr" or body.tag in _CELLS else next(
        (e for _, e in zip(range(4), body.iterancestors()) if e.tag == "tr" or e.tag in _CELLS), None)
    table = next(row.iterancestors("table"), None) if row is not None else None
    i = doc.idx.get(table) if table is not None else None
    if i is None or doc.L[i] or next(table.iterdescendants("table"), None) is not None:
        return body
    rows = list(table.iter("tr"))
    if len(rows) < 3 or sum(1 for r in rows if sum(c.tag in _CELLS for c in r) >= 3) < 2:
        return body
    T, idx = doc.T, doc.idx
    return table if sum(1 for r in rows for c in r if c.tag in _CELLS and T[idx[c]] > 40) <= 1 else body


def _tucked(doc: Doc, el) -> bool:
    """What a text's block holds besides its paragraphs that shows no words of its own: a player's or an ad's box, an
    empty block, or the page bar of the text's pages."""
    if not isinstance(el.tag, str):
        return True
    i = doc.idx.get(el)
    return i is not None and (doc.T[i] == 0 or doc.L[i] * 2 >= doc.T[i] and
                              _BAR_TEXT.fullmatch(doc.text(el)) is not None)


def _paragraph(el) -> bool:
    return el.tag == "p" or el.tag == "div" and _paragraph_div(el)


def _paragraph_div(el) -> bool:
    """A <div> that is a paragraph (an editor's <div> for each paragraph): text and inline elements only."""
    return not any(d.tag in BLOCK_TAGS and d.tag != "br" for d in el.iterdescendants())


def _holds_prose(doc: Doc, el) -> bool:
    """Whether el holds running text (two punctuation marks, 60 characters outside links), not only links."""
    i = doc.idx.get(el)
    return i is not None and doc.P[i] >= 2 and doc.T[i] - doc.L[i] >= 60


_PLAIN_TAGS = frozenset(("p", "table", "br", "div", "center", "strong", "b", "font", "span", "img", "blockquote", "pre",
                         "ul", "ol", "dl"))


def _plain(doc: Doc, el) -> bool:
    """A paragraph, a table, a list or a block of text without links (or no element: a comment)."""
    if not isinstance(el.tag, str):
        return True
    i = doc.idx.get(el)
    return i is not None and (el.tag in _PLAIN_TAGS and doc.L[i] * 10 <= doc.T[i] or el.tag == "a" and not doc.T[i]
                              and el.get("href") is None)  # (an anchor: Movable Type's <a name="more"></a>)


def _first_post(doc: Doc, body):
    """The block of a thread's first post where no floor number marks it and the starter's later floors are marked
    楼主: the largest block around the body's prose, before them all, that holds no floor (None when the body is in
    one, or no prose)."""
    floors = [*doc.starters, *doc.floors]
    i = doc.position(body)
    if doc.P[i] < 3 or doc.T[i] - doc.L[i] < 60 or i > doc.position(doc.starters[0]) or any(
            doc.contains(floor, body) or doc.contains(body, floor) for floor in floors):
        return None  # (a post's prose, before the floors, in none and holding none)
    el = body
    while (up := el.getparent()) is not None and up.tag not in ("body", "html") and not any(
            doc.contains(up, floor) for floor in floors):
        el = up
    return el


def _readers_only(doc: Doc, body, bars):
    """The block of a thread's page n of readers' floors only, none of its text the article's nor a sidebar's: the
    floors' common block, when the body is outside it or holds no prose, and the page's bar shows a page n near it
    (Xiuno's pager under the card), or the body holds no prose at all (phpBB's hidden forum description, vBulletin's
    jump box beside floors whose pager is in the head's table); None otherwise."""
    if doc.starters or not doc.floors:
        return None
    first = doc.floors[0]
    thread = common_ancestor(doc.floors[:2]) if doc.floors[1:] else first.getparent() if \
        first.getparent().tag not in ("body", "html") else first
    prose = _holds_prose(doc, body)
    if prose and doc.contains(thread, body):
        return None
    for bar in bars:
        if (bar.current or 1) > 1 and (around(doc, thread, bar.el, 3) and (
                not around(doc, body, bar.el) or doc.contains(thread, body)) or not prose and thread.tag not in (
                "body", "html")):
            return thread
    return None


def common_ancestor(els):
    """The smallest element holding every one of els (None when they are in different trees)."""
    first, *rest = els
    for anc in (first, *first.iterancestors()):
        if all(anc is e or any(a is anc for a in e.iterancestors()) for e in rest):
            return anc
    return None


def read_meta(doc: Doc, url: str, rules: Mapping | None = None, frames=()) -> Meta:
    """Title, breadcrumb, info line, prev/next, page bar and the body block; the tree is left as it is. frames: see
    Meta."""
    meta = Meta(frames)
    body = densest = choose_body(doc, rules)
    if body is not None and not rules and _summary_box(doc, body) and body.getparent() is not None:
        body = body.getparent()  # (the block that holds it and the text: below_headline finds the text there)
    title = find_title(doc, body, None, rules, url)
    meta.prev, meta.next, meta.pn_holders = find_prev_next(doc, rules)
    if title.match < 1.5 and meta.pn_holders and body is not None and not rules:
        # an article whose densest block is above its headline (a top bar's motto over a photo's one-line caption)
        title = find_title(doc, body, None, rules, url, beyond=True)
        if (beside := _beside_prev_next(doc, body, title, meta.pn_holders)) is not body:
            body = beside
            title = find_title(doc, body, None, rules, url)
    if body is not None and not rules:
        article = with_companions(doc, _data_table_around(doc, _article_block(doc, body, title, meta.pn_holders)),
                                  (title.el, *meta.pn_holders))
        if article is not body:
            body = article
            title = find_title(doc, body, None, rules, url)
        body = below_headline(doc, _past_info_line(doc, body, title, meta.pn_holders), title)
        if (before := before_prev_next(doc, body, meta.pn_holders)) is not body:
            # as a template's reading takes a densest block
            body = with_companions(doc, before, (title.el, *meta.pn_holders))
        if meta.pn_holders and (beside := _before_page_bar(doc, url, body)) is not body:
            body = beside
            title = find_title(doc, body, None, rules, url)
    if body is not None and doc.starters and not rules and (first := _first_post(doc, body)) is not None:
        doc.starters.insert(0, first)  # (the thread's first post, a card of its own above the floors: Xiuno's)
    if body is not None and doc.starters and any(
            doc.contains(floor, body) or doc.contains(floor, densest) for floor in doc.starters):
        # a thread's text: its starter's floors, readers' between them, or the one floor's densest block (also where
        # the headline and 上一主题/下一主题 stand apart in the thread's head: PHPWind's)
        body = common_ancestor(doc.starters) if doc.starters[1:] else body if doc.contains(
            doc.starters[0], body) else densest
    elif body is not None and doc.starters and not rules and doc.floors and not doc.contains(
            common_ancestor([*doc.starters, *doc.floors]), body):
        # a thread's page n whose starter's floor holds few sentences (a table of addresses) among readers' floors,
        # which are unscored: the starter's post, not the page's footer (Discuz! X's)
        body = common_ancestor(doc.starters) if doc.starters[1:] else _post_of(doc, doc.starters[0])
    bars = find_pagebars(doc, url)
    if body is not None and (thread := _readers_only(doc, body, bars)) is not None:
        body = thread
    meta.body = body
    meta.punct = meta.text_len = 0
    if body is not None:
        i = doc.position(body)
        meta.punct = doc.P[i]
        meta.text_len = doc.T[i] - doc.L[i]
    meta.prose = meta.punct >= 3 and meta.text_len >= 60
    meta.crumbs, meta.crumb_el = find_breadcrumb(doc, title.text, body, url, rules, title.el)
    if title.el is not None and meta.crumb_el is not None and doc.contains(meta.crumb_el, title.el) and not rules:
        # the breadcrumb's last item names the page as its <title> does (CMSs that print a node's short name there):
        # the headline is the heading over the text, when one stands there
        heading = find_title(doc, body, None, rules, url, besides=meta.crumb_el)
        if heading.el is not None and heading.near and heading.weight >= 2:
            title = heading
    meta.info = find_info(doc, title, body, rules)
    if title.match == 0 and body is not None and not rules:
        # nothing printed matches the <title>, and no headline was found above the labelled info line (none at all,
        # or a subheading of the text below it): a plain line right above that info line is the headline (the
        # info line looked for above the body when there is no headline to look from)
        info = meta.info if title.el is not None else find_info(doc, TitleInfo("", None, 0.0, 0.0), body)
        line = next((p for p in info.lines if p.el is not None and has_label(p.text)), None) \
            if info.author or info.source or info.published else None
        if line is not None and (title.el is None or doc.position(title.el) > doc.position(line.el)) and \
                (above := headline_above(doc, line.el)) is not None:
            title = above
            meta.crumbs, meta.crumb_el = find_breadcrumb(doc, title.text, body, url, rules, title.el)
            meta.info = find_info(doc, title, body, rules)
    if body is not None and doc.starters and (posted := _floor_time(doc, doc.starters[0])):
        meta.info.published = posted  # (a thread's: when its starter's first floor here was posted)
    meta.title = title
    bar_el = rule_element(doc, rules, "pagebar")
    if bar_el is not None:
        bars = [b for b in bars if b.el is bar_el or doc.contains(bar_el, b.el)] or bars
    meta.bars = bars
    meta.bar = choose_pagebar(doc, bars, body, near=bar_el is None)  # a rule's bar is the article's wherever it is
    if meta.bar is None and bars and meta.frames and (frame := text_frame(doc, meta)) is not None:
        meta.bar = choose_pagebar(doc, bars, frame[0], near=True)  # the bar under a framed text
    return meta


def _section_headings(doc: Doc, meta: Meta) -> list:
    """The headings above the headline in the body's block that name a level of the breadcrumb (Joomla's <h1>社会民生
    </h1> over the article's <h2>, or a <font size="6"><b> as large): the section's name, no text of the article."""
    if meta.body is None or meta.title.el is None or not meta.crumbs or not doc.contains(meta.body, meta.title.el):
        return []
    top = doc.position(meta.title.el)
    return [h for h in meta.body.iter(*HEADING_WEIGHTS, "font", "b", "strong")
            if doc.position(h) < top and (text := el_text(h)) in meta.crumbs
            and (h.tag in HEADING_WEIGHTS or _own_line(h, text))]


def _own_line(el, text: str) -> bool:
    """Whether el's text is all its block prints (a line of its own, not a breadcrumb's linked item)."""
    up = el.getparent()
    while up is not None and up.tag not in BLOCK_TAGS and up.tag not in ("td", "th"):
        if up.tag == "a":
            return False
        up = up.getparent()
    return up is not None and el_text(up) == text


def signed(lines, author: str | None, source: str | None, published: str | None) -> tuple:
    """(author, source, published) with what the body's signature lines give where the info line gave nothing: a
    （来源：新疆日报） after the text (【来源：新疆经济报】【日期：2008年5月12日】 dates it too)."""
    for line in lines if None in (author, source, published) else ():
        if SIGNATURE.match(line):
            vals = parse_info(line)
            author, source = author or vals.get("author") or None, source or vals.get("source") or None
            published = published or vals.get("published")
    return author, source, published


def text_frame(doc: Doc, meta: Meta, read: bool = False):
    """(the element around it, its absolute URL) of the <iframe> that frames the article's text: the first text-sized
    one after the headline and before 上一篇/下一篇 (not the header's ad, not a sidebar's widget) with a page's URL (not
    about:blank, which a script fills); None when there is none, or (read: the body block gave text) when the body
    block is the article's own (between the headline and 上一篇/下一篇, around the frame, or prose around the headline
    with the frame below it), not a header's slogan."""
    if meta.title.el is None or not meta.headline:
        return None
    top = doc.position(meta.title.el)
    end = min((doc.position(h) for h in meta.pn_holders if h is not None), default=len(doc.els))
    frame = next(((holder, url) for holder, src in meta.frames
                  if top < doc.idx.get(holder, -1) < end and (url := absolute(doc.base_url, src))), None)
    if frame is None or not read or meta.body is None:
        return frame
    i = doc.position(meta.body)
    # (the article's own: a block after the headline, around the frame, or of prose around the headline above the
    # frame: a layout table's text over the footer's <iframe>, JCMS's)
    return None if top < i < end or doc.contains(meta.body, frame[0]) or meta.prose and doc.contains(
        meta.body, meta.title.el) and doc.position(frame[0]) >= i + doc.size[i] else frame


def _post_of(doc: Doc, floor):
    """A thread floor's post: the block down from the floor that holds most of its punctuation (not the floor's
    author box, tail bar, signature, nor the replies under it, nor a quote of another floor in it). Once a floor:
    several readers ask (the key counts the starter's floors: a thread's first post may join them)."""
    posts = doc.cache.setdefault(("posts", len(doc.starters)), {})
    if floor not in posts:
        posts[floor] = _find_post(doc, floor)
    return posts[floor]


def _find_post(doc: Doc, floor):
    """_post_of's walk down the floor."""
    el = floor
    P, T, L, idx = doc.P, doc.T, doc.L, doc.idx
    quoted = set(_quotes(doc, floor))
    poster = poster_of(floor)
    others = [text for other, text in _floors_by(doc, poster) if other is not floor] \
        if poster else []  # (the words of the poster's other floors)
    while len(el) and (i := doc.position(el)) >= 0 and T[i] > L[i]:
        # (not the floor's head, its number and time, nor what the poster's other floors print too: a signature)
        furniture = [c for c in el if c in idx and c not in quoted and _floor_furniture_block(doc, c, others)]
        if len(rest := [c for c in el if c in idx and c not in quoted and c not in furniture]) > 1:
            # (nor a signature by its stock name, nor the poster's box beside the post: their name's or avatar's link
            # over 注册日期/帖子 counts, no sentence nor 发表于 in it but in the floor's head, beside another block of
            # words)
            signed = {c: sum(_shown_words(doc, sig) for sig in _signatures(c)) for c in rest}
            furniture += [c for c in rest if signed[c] and signed[c] >= _shown_words(doc, c)]
            box = next((c for c in rest if c not in furniture and poster and any(
                (a.get("href") or "").strip() == poster for a in c.iter("a")) and not SENTENCE_END.search(
                text := " ".join(doc.text(k) for k in c if not _floor_head(doc, k))) and not _POSTED_WORD.search(
                text)), None)
            if box is not None and any(_shown_words(doc, c) > signed[c] for c in rest if c is not box):
                furniture.append(box)
        quoted.update(furniture)
        child = max((c for c in el if c in idx and c not in quoted), key=lambda c: P[idx[c]], default=None)
        if child is None or not P[i] or P[idx[child]] * 4 < (P[i] - sum(P[idx[c]] for c in furniture)) * 3:
            # (or the one that holds most of its words: a short reply beside a poster box of labelled counts,
            # DVBBS's 头衔：… 等级：… 帖子：… 积分：…; a reader's floor, not scored as prose)
            # (the words a reader sees: not an author card's hidden popup, Discuz!NT's UID/帖子/积分 menu)
            words = {c: _shown_words(doc, c) for c in el if c in idx and c not in quoted}
            child = max(words, key=words.__getitem__, default=None)
            if child is None or words[child] * 4 < (_shown_words(doc, el) - sum(map(
                    partial(_shown_words, doc), furniture))) * 3:
                break
        el = child
    return el


def _floor_posters(doc: Doc) -> dict:
    """Each floor of the page -> the link to who posted it (once a page; the key counts the starter's floors: a
    thread's first post may join them)."""
    key = ("floor_posters", len(doc.starters))
    if key not in doc.cache:
        doc.cache[key] = {floor: poster_of(floor) for floor in (*doc.starters, *doc.floors)}
    return doc.cache[key]


def _floors_by(doc: Doc, poster: str) -> list[tuple]:
    """(floor, its words) of each floor of the page a poster posted (once a page)."""
    floors = doc.cache.get(key := ("floors_by", len(doc.starters)))
    if floors is None:
        floors = doc.cache[key] = {}
        for floor, by in _floor_posters(doc).items():
            floors.setdefault(by, []).append(floor)
    texts = doc.cache.setdefault("floor_texts", {})
    for floor in floors.get(poster, ()):
        if floor not in texts:
            texts[floor] = doc.text(floor)
    return [(floor, texts[floor]) for floor in floors.get(poster, ())]


def _floor_furniture_block(doc: Doc, el, others: list[str]) -> bool:
    """Whether a block of a floor prints its head alone (MyBB's #3 2018-04-20, 15:01) or words another floor of its
    poster prints too (others: those floors' words; the signature under each of their posts)."""
    text = doc.text(el)
    return _floor_head(doc, el) or len(text) >= 10 and any(text in other for other in others)


def _floor_head(doc: Doc, el) -> bool:
    """Whether a block of a floor prints its head alone: its number and time (MyBB's #3 2018-04-20, 15:01)."""
    text = doc.text(el)
    return len(text) <= 40 and (_FLOOR_HEAD.fullmatch(text) is not None or _POSTED_HEAD.fullmatch(
        _unlinked_text(el)) is not None)


#: A floor's word before its time (Discuz's 发表于 2010-5-12 10:20).
_POSTED_WORD = re.compile(r"发表于|发布于|回复于")
#: A floor's number before its head's time (17#, 2楼, #3) and after it (第21楼, #17).
_FLOOR_NUMBER = r"(?:\d{1,4}\s*[#楼]|#\s*\d{1,4})"
_FLOOR_NUMBER_AFTER = r"(?:#\s*\d{1,4}|第?\s*\d{1,4}\s*楼)"
#: A floor's head outside its links: its number, its word before a time, the time (Discuz! X's 发表于 前天 14:33 来自手机 |
#: between the links 17# and 只看该作者; DVBBS's 发表于：2009-1-21 18:26:26 第21楼).
_POSTED_HEAD = re.compile(r"\W*" + _FLOOR_NUMBER + r"?\s*(?:" + _POSTED_WORD.pattern + r")\s*[:：]?"
                          r"[\s\d:/\-年月日天前昨今小时分钟秒刚]*" + _FLOOR_NUMBER_AFTER + r"?\s*(?:来自\S{1,6})?[\s|]*")
#: A floor's head alone: its number and its time (#3 2018-04-20, 15:01; 2楼 2011-3-9 08:47; vBulletin's
#: 2010-05-08, 16:40 #17).
_FLOOR_HEAD = re.compile(r"\W*" + _FLOOR_NUMBER + r"?\W*(?:" + COMMENT_STAMP.pattern + r")[\d:\s]*"
                         r"(?:#\s*\d{1,4}\s*)?")
#: The word opening a line, after the floor's mark if any (猫扑's 楼主 发表于：2007-09-06 11:18:47).
_POSTED = re.compile(r"^\s*(?:楼主|" + _FLOOR_NUMBER + r")?\s*(?:" + _POSTED_WORD.pattern + r")\s*[:：]?")


def _unlinked_text(el) -> str:
    """The words an element prints outside its links."""
    parts = []

    def walk(node, linked: bool) -> None:
        linked = linked or node.tag == "a"
        if not linked and isinstance(node.tag, str):
            parts.append(node.text or "")
        for child in node:
            walk(child, linked)
            if not linked:
                parts.append(child.tail or "")

    walk(el, False)
    return clean_text("".join(parts))


def _shown_words(doc: Doc, el) -> int:
    """The words outside links an element prints, less those of the boxes an inline style hides."""
    i = doc.idx[el]
    hidden = 0
    for box in el.iterdescendants("div", "ul", "dl"):  # (boxes: a hidden run inside a sentence is the text's noise)
        if NOT_DISPLAYED_STYLE.search(box.get("style") or "") and (j := doc.idx.get(box)) is not None:
            hidden += doc.T[j] - doc.L[j]
    return doc.T[i] - doc.L[i] - hidden


_SECONDS = re.compile(r"(?::\d{2})?\s*")
#: The floor's number after its time on one line (vBulletin's 2010-05-08, 16:40 #1).
_FLOOR_AFTER = re.compile(r"\s+" + _FLOOR_NUMBER_AFTER + r"\s*$")


def _floor_time(doc: Doc, floor) -> str | None:
    """The time a thread's floor prints beside its post (贴吧's 1楼 | 2011-03-09 08:47 under the text): the first
    that shows the hour, before a day alone (the poster's profile's 注册时间 2009-3-1 over Discuz's 发表于 …)."""
    post = _post_of(doc, floor)
    days, signed = [], []
    for line in segment(floor):
        if line.el is not None and doc.contains(post, line.el):
            continue
        text, posted_at = _POSTED.subn("", line.text, count=1)
        if posted_at:
            text = text.split("|", 1)[0].strip()  # (Discuz! X's 发表于 2016-11-1 16:30:05 | 只看该作者 | 倒序浏览)
            if (stamp := COMMENT_STAMP.match(text)) is not None:
                text = text[:_SECONDS.match(text, stamp.end()).end()].rstrip()  # (not the tools after it: 引用 | 回复)
        text = _FLOOR_AFTER.sub("", text)
        if len(text) <= 20 and date_line(text) and (posted := parse_date(text)):
            if "T" in posted:
                return posted
            days.append(posted)
        elif 20 < len(text) <= 48 and (stamp := COMMENT_STAMP.search(text)) and _SECONDS.fullmatch(
                text, stamp.end()) and not text[:stamp.start()].rstrip().endswith((":", "：")):
            signed.append(parse_date(text[stamp.start():]))  # (after who posted it: phpBB's 由 民生编辑 » 2011年 …)
    for el in floor.iter():  # (前天 09:05 over its time in full as the tooltip: <span title="2012-6-30 09:05">)
        if (tip := el.get("title")) and len(tip) <= 20 and date_line(tip) and not doc.contains(post, el):
            if (clock := _CLOCK_AFTER.match(el.tail or "")) and "T" not in tip:
                # (or its day alone, the time after it: MyBB's <span title="2018-06-19">昨天</span>, 21:05)
                tip += " " + clock[1]
            if "T" in (posted := parse_date(tip) or ""):
                return posted
    return signed[0] if signed else days[0] if days else None


#: The time of day printed after a relative day (昨天</span>, 21:05).
_CLOCK_AFTER = re.compile(r"\s*,?\s*(\d{1,2}:\d{2}(?::\d{2})?)")


def _floor_furniture(doc: Doc, body) -> list:
    """What a thread's starter floors inside the body print around their posts' text: each floor's parts beside the
    path down to its densest block (the author's box and badge, the floor's number and time, a signature), its quotes
    of other floors; the ads between the floors, and what the body holds before the first floor and after the last."""
    if body is None:
        return []
    out = _thread_ads(doc, body)
    # the thread's text runs from its first floor to its last: what the page prints before and after (the thread's
    # head row, the page bar, a quick-reply form) is none of it; on a page of readers' floors, what follows the last
    ends = ((doc.starters[0], True), (doc.starters[-1], False)) if doc.starters[1:] else \
        ((doc.floors[-1], False),) if not doc.starters and doc.floors else ()
    if ends and all(doc.contains(body, floor) for floor, _ in ends):
        for floor, before in ends:
            el = floor
            while el is not body and (up := el.getparent()) is not None:
                out += [sib for sib in el.itersiblings(preceding=before) if isinstance(sib.tag, str)]
                el = up
    for floor in doc.starters:
        # (the floor inside the body, or the body inside the floor: the post's text, its floor's tail bar beside it)
        top = floor if doc.contains(body, floor) else body if doc.contains(floor, body) else None
        if top is None or not doc.contains(top, post := _post_of(doc, floor)):
            continue
        el = post
        while el is not top and (up := el.getparent()) is not None:
            # (not the post's attachments beside it: phpBB's <dl class="attachbox"> of ….doc links)
            out += [sib for sib in up if sib is not el and isinstance(sib.tag, str) and not any(
                DOCUMENT_NAME.search(text_of(a)) for a in sib.iter("a"))]
            el = up
        out += _quotes(doc, post) + _subjects(post)
    return out


def _subjects(post) -> list:
    """A post's reply subject over its text (vBulletin's <div><img> <strong>回复: …</strong></div> inside the post's
    cell): the largest element that prints it alone."""
    out = []
    for el in post.iter("strong", "b", "span", "div", "h3", "h4", "a"):
        if len(text := el_text(el)) <= 100 and REPLY_SUBJECT.fullmatch(text) and not any(
                done in el.iterancestors() for done in out):
            while (up := el.getparent()) is not None and up is not post and el_text(up) == text:
                el = up
            out.append(el)
    return out


def _quotes(doc: Doc, post) -> list:
    """A post's quotes of other floors, by their head (原帖由 … 发表, 以下是引用…的发言) or a reader's link opening a
    <blockquote>: the innermost block that holds each quote's words (DVBBS puts every post in a <blockquote>, one
    that opens with a quote too; Discuz's <div class="quote"> around its <blockquote> holds no more)."""
    quotes = [quote for quote in post.iter("blockquote", "div", "fieldset") if _QUOTE_HEAD.match(text_of(quote)) or (
        quote.tag == "blockquote" and len(quote) and quote[0].tag == "a" and not (quote.text or "").strip()
        and quote[0].get("href") in _posters(doc))]  # (opened by its poster's link: Xiuno's <blockquote><a>张</a>)
    quotes = [q for q in quotes if not _QUOTE_HEAD.fullmatch(text_of(q))]  # (not the head's own line alone)
    return [q for q in quotes if not any(inner is not q and doc.contains(q, inner) and doc.T[doc.idx[inner]] <
                                         doc.T[doc.idx[q]] for inner in quotes)]


def _posters(doc: Doc) -> set:
    """The links to the posters of a thread page's readers' floors (once a page)."""
    key = ("posters",)
    if key not in doc.cache:
        posters = _floor_posters(doc)
        doc.cache[key] = {posters[floor] for floor in doc.floors}
    return doc.cache[key]


def _thread_ads(doc: Doc, body) -> list:
    """The blocks between a thread's floors in the body that are none and print an ad's label (贴吧's 贴吧推广 post
    over its tail's 广告)."""
    floors = {*doc.starters, *doc.floors}
    if len(doc.starters) < 2 or not any(floor.getparent() is body for floor in floors):
        return []
    return [block for block in body if isinstance(block.tag, str) and block not in floors and any(
        len(text) <= 8 and AD_LABEL.fullmatch(text.strip()) for text in block.itertext())]


#: What opens a post's quote of another floor (Discuz's 原帖由 达坂城姑娘 于 2011-1-20 18:26 发表, Discuz! X's 昌吉小马
#: 发表于 2016-11-19 13:05, 以下是引用…的发言, phpBB's 塔城老兵 写道:, MyBB's (2018-05-09, 12:20)天山雪莲 写道:, vBulletin's
#: 引用: over 作者: 张三, 猫扑's 引用 2楼 玥玥妈妈 的回复：).
_QUOTE_HEAD = re.compile(r"\s*(?:原帖由\s*\S.{0,30}?于\s*\d{4}-\d{1,2}-\d{1,2}.{0,12}?发表|以下是引用.{1,40}?的发言"
                         r"|引用\s*(?:\d{1,4}\s*楼\s*)?\S{1,20}\s*的(?:帖子|回复)\s*[:：]?\s*"
                         r"|(?:[(（]\s*\d{4}-\d{1,2}-\d{1,2}[^)）]{0,12}[)）]\s*)?\S{1,20}\s*写道\s*[:：]"
                         r"|引用\s*[:：]"
                         r"|\S{1,20}\s*发表于\s*\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)")


#: What a box around 上一篇/下一篇 may print besides them: a caption (a wiki navbox's 新疆民生百科·新闻摘编 title row).
_PN_CAPTION_MAX = 20


def _prevnext_box(doc: Doc, meta: Meta):
    """The largest block around both 上一篇/下一篇 holders that prints no more than a short caption besides them and
    holds none of the text; their own block where it prints nothing else but a bar between them; else None."""
    holders = [h for h in meta.pn_holders if h is not None]
    box = common_ancestor(holders) if len(holders) >= 2 else None
    if box is None or (i := doc.position(box)) < 0:
        return None
    inner = doc.T[i]
    rest = text_of(box)
    for holder in holders:
        rest = rest.replace(text_of(holder), "", 1)
    # (a box of the two and a bar between them: Discuz's ‹‹ 上一主题 | 下一主题 ››)
    found = box if not rest.strip(" |｜┊/·\xa0") and box is not meta.body else None
    while (up := box.getparent()) is not None and up.tag not in ("body", "html") and \
            (meta.body is None or not doc.contains(up, meta.body)) and \
            (j := doc.position(up)) >= 0 and doc.T[j] - inner <= _PN_CAPTION_MAX and doc.P[j] == doc.P[i]:
        box = found = up
    return found


def build_article(doc: Doc, url: str, meta: Meta) -> Article:
    """The Article of a page from its Meta; cleans (mutates) the body subtree."""
    number, urls = page_urls(meta.bar, url)
    whole = whole_article_url(doc, meta.bar, url) if urls else None
    bar_self = meta.bar.numbered.get(number) if urls else None
    if urls and number == 1 and meta.bar.first and (bar_self is None or canonical_url(bar_self) == canonical_url(url)):
        bar_self = meta.bar.first  # (page 1's 首页 to itself under the bar's URL: PHP168's &aid=17&page=1)
    title = meta.title
    # a bar's element, unless it holds the article's prose too (a WAP page's one <p> of <br> lines: there the bar's
    # line goes as a page-bar line)
    skip = [title.el, *meta.pn_holders, *(b.el for b in meta.bars if not _holds_prose(doc, b.el)),
            *_section_headings(doc, meta), _prevnext_box(doc, meta), *_floor_furniture(doc, meta.body)]
    # a thread's first floor's poster, and on its page n each floor's post, read before the body's reading drops
    # the floors and the posters' boxes from the tree
    poster = absolute(doc.base_url, poster_of(doc.starters[0])) if doc.starters else None
    floor_posts = [_floor_post(doc, floor, title.text) for floor in doc.floors] if number > 1 and \
        not doc.starters else []
    result = extract_body(doc, meta.body, title=title.text, skip=skip, crumb_el=meta.crumb_el, crumbs=meta.crumbs,
                          info_lines=meta.info.lines, headline=title.el if meta.headline else None,
                          title_el=title.el)
    frame = text_frame(doc, meta, bool(result.paragraphs)) if meta.frames else None
    if frame is not None or not doc.starters and meta.body is not None and (
            meta.body in doc.floors or number > 1 and any(
                doc.contains(meta.body, floor) and doc.T[doc.idx[floor]] * 2 >= doc.T[doc.idx[meta.body]]
                for floor in doc.floors)):
        # the text is the frame's, none of what the page prints elsewhere; or, a thread's page n of one reader's floor,
        # none of the article's (vBulletin's: the floor is the page's block; MyBB's: that floor's post, its author box)
        result = BodyResult([], "", [], None, [])
    crumbs = meta.crumbs
    category = crumbs[-1] if crumbs and not (len(crumbs) == 1 and CRUMB_HOME.fullmatch(crumbs[0])) else None
    author, source, published = meta.info.author or None, meta.info.source or None, meta.info.published
    if not meta.info.ruled:
        author, source, published = signed(result.info, author, source, published)
    return Article(
        title=title.text,
        author=author,
        source=source,
        published=published,
        category=category,
        breadcrumb=list(crumbs),
        paragraphs=result.paragraphs,
        body_html=result.html,
        images=result.images,
        prev=meta.prev,
        next=meta.next,
        page_number=number,
        page_urls=urls,
        whole_url=whole,
        bar_self_url=bar_self if bar_self and canonical_url(bar_self) != canonical_url(url) else None,
        frame_url=frame[1] if frame is not None else None,
        poster=poster,
        floor_posts=[post for post in floor_posts if post is not None],
    )


#: A forum post's signature block by its stock name (phpBB's and MyBB's signature, Discuz's sign).
_SIGNATURE = re.compile(r"sig(?:natures?|n)?(?:\b|\d)", re.I)


def _signatures(block) -> list:
    """The signature blocks in a floor's block, by their stock names (phpBB's <div class="signature">)."""
    return [el for el in block.iter("div", "span", "p") if _SIGNATURE.match(el.get("class") or el.get("id") or "")]


def _floor_post(doc: Doc, floor, title: str) -> FloorPost | None:
    """A reader's floor's poster and post, its text cleaned as the body's is (None when it names no poster)."""
    poster = absolute(doc.base_url, poster_of(floor))
    if not poster:
        return None
    post = _post_of(doc, floor)
    # (and its signature, where the post's block holds it: phpBB's <div class="signature"> under a short post; its
    # subject line, however long beside the reply)
    result = extract_body(doc, post, title=title, skip=_signatures(post),
                          quoted=[*_quotes(doc, post), *_subjects(post)])
    return FloorPost(poster, result.paragraphs, result.html, result.images)


def extract(doc: Doc, url: str, rules: Mapping | None = None, meta: Meta | None = None) -> tuple[Article, Meta]:
    meta = meta or read_meta(doc, url, rules)
    return build_article(doc, url, meta), meta
