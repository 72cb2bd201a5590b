"""Listing pages: the article links of the page's main list, the date printed beside each, the links to the
listing's other pages and its category.

Links are grouped by (container, URL shape): the container of a link is its lowest ancestor that holds at
least three links of the same shape (digits in the path folded, query keys kept), so a list of articles is
one group however it is marked up (ul/li, table rows, <br>-separated lines, divs). Navigation, footer and
friend links fall out by themselves: short anchor texts, other hosts, other shapes, small groups. The
dominant group(s) by anchor-text mass (and dates beside the entries) are the listing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import islice, takewhile
from urllib.parse import parse_qsl, urlsplit

from .body import DOCUMENT_NAME
from .breadcrumb import HOME_TITLES
from .cues import DATE_IN, HEADING_WEIGHTS, PAGE_WORD, RELATED, STYLING_TAGS, absolute, el_text
from .generic import _PUNCT, Doc, nonspace_len, text_of
from .info import info_block, under_day_heading
from .model import Listing, ListingEntry
from .normalize import canonical_url, clean_text, parse_date
from .pagebar import CURRENT_CLASS, PAGE_NUM, find_pagebars, host_dir, same_family, url_page_number
from .site_rules import rule_element
from .title import PUA, heading_like, title_segments

_DIGITS = re.compile(r"\d+")
#: A "load more" link (a mobile template's only pagination): the next listing page when its URL is one of this
#: page's family with a page number.
_LOAD_MORE = re.compile(r"^(点击)?(加载|查看|显示|浏览)?更多(内容|文章|新闻|资讯)?\W{0,3}$|^(load )?more\W{0,3}$", re.I)
#: A sidebar box's heading in the forms RELATED does not list (热门图集, 图片排行, 24小时热榜, 作者最新文章).
_BOX_LABEL = re.compile(r"(?:作者|博主|本站)?(?:热门|最新|热点|推荐|精彩|相关|编辑|今日|本周|本月|一周|24小时|随机)\w{1,4}|"
                        r"\w{1,4}(?:排行榜?|推荐|精选|热榜)|(?:本栏|本类|同类)(?:最新|热门|热点)\w{0,4}"
                        r"|(?:评论|访问|阅读|浏览|点击|回复)最多的?\w{0,3}")
# (作者最新文章: a 搜狐号 page's box of its account's posts; OTCMS's 本栏最新 beside any page of the channel; YXcms's
# 随机资讯, other posts at random on every page; Solo's 评论最多的文章, 访问最多的文章)
#: A sidebar label that ranks by readers (热门博文, 热点排行, 点击排行, 阅读排行).
_POPULAR = re.compile(r"热门|热点|排行|点击|人气|热榜|最多")
#: A sidebar label over readers' comments (最新评论, 最近回复, 最新留言): dated, and never the page's own list.
_REMARKS = re.compile(r"(?:最新|最近)(?:评论|回复|留言)")
#: A month and day without a year, as listings print them beside a title: 06-20, [6/20], 6月20日 (not a figure in a
#: title: 3.1万公里, 2.5%, PM2.5; nor a version, Atom 0.3).
_MONTH_DAY = re.compile(r"(?<![\dA-Za-z年/-])(?<!\d\.)(?:1[0-2]|0?[1-9])\s*(?:[-/.]|月)\s*(?:[12]\d|3[01]|0?[1-9])日?"
                        r"(?![\d./-]|[万亿千百%％倍元米吨斤亩]|公[里斤顷])")
#: A link named by a date alone: a newspaper's issue (2017年06月20日 星期二 第1234期), a month's archive (2017年6月,
#: a blog's 2015年3月(1) with its count of posts), a forum's last post (2009-10-12 18:15, 前天 11:49).
_DATE_NAME = re.compile(r"^[\[【(（]?(?:19|20)\d\d(?:年|[-/.])\d{1,2}(?:月|[-/.])?(?:\d{1,2}日?)?[\]】)）]?"
                        r"(?:星期.|周.)?(?:第\d+期)?(?:[(（]\d+[)）])?(?:\d{1,2}:\d\d(?::\d\d)?)?$"
                        r"|^(?:前天|昨天|今天|\d{1,2}(?:秒|分钟|小时|天)前)(?:\d{1,2}:\d\d)?$"
                        # (a blog's archive widget in English: November2017, as Typecho prints it by default)
                        r"|^(?:January|February|March|April|May|June|July|August|September|October|November|December)"
                        r"(?:19|20)\d\d(?:[(（]\d+[)）])?$")
#: A blog sidebar's category or tag with its count of posts: 基层走笔(5).
_COUNTED_NAME = re.compile(r"[^()（）]{1,8}\(\d{1,4}\)$")
#: A statistics box's linked count (L-Blog's 评论：17 篇, 会员：37 人): no entry's title.
_TALLY = re.compile(r"[^:：\d]{1,6}[:：]\d+[篇个人次条位项]?$")
_NAV_WORDS = re.compile(r"^(更多|more|详细|全文|阅读全文|查看全文|点击查看|详情|进入|返回|首页|下一页|上一页|尾页|末页"
                        r"|查看\w{0,8}[:：])", re.I)  # (查看所引用的日志：<title>, a trackback's pointer to its post)


def card_heading(a):
    """The heading of a link that is a post card, a heading and its summary under it, all in the link (Ghost's and
    other blog themes' cards, so that the summary is link text); None for any other link."""
    if not len(a) or (head := next(filter(heading_like, a.iterdescendants()), None)) is None:
        return None
    summary = text_of(a).replace(text_of(head), "", 1)
    return head if nonspace_len(summary) >= 30 and len(_PUNCT.findall(summary)) >= 2 else None


#: A long hexadecimal id in a path (a Lotus Domino document's 32-digit UNID, a GUID): any such id is one shape.
_HEX_ID = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]{8}(?:-?[0-9A-Fa-f]{4}){3}-?[0-9A-Fa-f]{12}(?![0-9A-Za-z])")


#: A run of letters and digits long enough to be an id (Sina Blog's blog_4b3c2a1f0102e8xy.html).
_ALNUM_RUN = re.compile(r"[0-9A-Za-z]{12,}")
_DIGIT_LETTER = re.compile(r"\d[A-Za-z]|[A-Za-z]\d")


def _id_run(m) -> str:
    """An id's run as "0" (its letters and digits mixed again and again: 4b3c2a1f0102e8xy), a word's as it is
    (minsheng2015, shownews347)."""
    run = m.group()
    return "0" if len(_DIGIT_LETTER.findall(run)) >= 4 else run


#: A path segment that is a title's slug, with or without an id before it (Joomla's 118-water-price-hearing,
#: Hexo's water-price-reform): three or more words, two of them of letters.
_SLUG = re.compile(r"(?<=/)(?:\d+-)?[a-z0-9]+(?:-[a-z0-9]+){2,}(?=$|/|\.)")


#: ... and a two-word slug as a path's last segment below another (Hugo's /posts/2021/cotton-income/, Halo's
#: /archives/street-stalls; a site's own /contact-us/ stays as it is).
_LAST_SLUG = re.compile(r"(?<=./)(?:\d+-)?[a-z]{2,}-[a-z]{2,}(?=/?$)")


def _slug(m) -> str:
    """A slug's segment as "s" (one shape for a list's titles), other hyphenated segments as they are (show-1105-2)."""
    return "s" if sum(part.isalpha() and len(part) >= 2 for part in m.group().split("-")) >= 2 else m.group()


#: A title written into a path in percent-escapes (a wiki's /wiki/%E4%BD%8F%E6%88%BF…): any such title is one shape.
_ESCAPED_RUN = re.compile(r"[\w.-]*(?:%[0-9A-Fa-f]{2}[\w.-]*)+")


@lru_cache(maxsize=8192)
def url_shape(url: str) -> tuple[str, str, str]:
    p = urlsplit(url)
    path = _ESCAPED_RUN.sub("%", p.path) if "%" in p.path else p.path
    path = _HEX_ID.sub("0", path) if len(path) >= 32 else path
    path = _ALNUM_RUN.sub(_id_run, path) if len(path) >= 12 else path
    path = _LAST_SLUG.sub("s", _SLUG.sub(_slug, path)) if "-" in path else path
    # digits folded in a key that names a file too: a pseudo-static query is one key, the page (ASPCMS's /news/?12.html)
    keys = "&".join(sorted({_DIGITS.sub("0", k) if "." in k else k
                            for k in (k.lower() for k, _ in parse_qsl(p.query, keep_blank_values=True))}))
    return p.netloc.lower(), _NUMBERED_DUPLICATE.sub("", _DIGITS.sub("0", path)), keys


#: A number a CMS appends to a file's name that another file already has (Blogger's blog-post.html, blog-post_20.html,
#: blog-post_3127.html for untitled slugs): one shape with the name without it.
_NUMBERED_DUPLICATE = re.compile(r"(?<=[a-z])_0(?=\.[a-z]+$)")


class Group:
    __slots__ = ("container", "shape", "links", "mass", "dated", "day_marked", "penalty", "prose_items", "boxed",
                 "popular", "remarks", "mapped")

    def __init__(self, container, shape):
        self.container = container
        self.shape = shape
        self.links: list = []  # (a, url, title, date)
        self.mass = 0
        self.dated = 0  # entries with a date beside them
        self.day_marked = 0  # entries with a month and day only beside them (06-20)
        self.penalty = 1.0
        self.prose_items = 0  # entries whose item carries prose (a summary): a listing, not an article
        self.boxed = False  # under a sidebar label (热门文章, 推荐阅读, 热点排行, ...)
        self.popular = False  # ... one that ranks by readers (热门博文, 点击排行): never the page's own list
        self.remarks = False  # ... one that lists readers' comments (最新评论): never, dated or not
        self.mapped = False  # an image map's areas link each entry: an e-paper 版's list of the articles on its scan

    @property
    def score(self) -> float:
        n = len(self.links)
        return self.mass * (1.0 + 3.0 * ((self.dated + self.day_marked) / n if n else 0.0)) * self.penalty


#: A date on a line of its own, its time or not, a two-digit year's too (2012-07-12, [2012/7/12 9:30], 2012年7月12日,
#: 06-01-06, [14-6-17]): beside an entry or inside its link, what it prints as its date, read as a labelled one
#: (parse_date reads a two-digit year elsewhere only before a time).
_DATE_LINE = re.compile(r"(?m)^[^\S\n]*[\[【(（]?((?:" + DATE_IN.pattern + r"\s*日?|\d{2}[-/.]\d{1,2}[-/.]\d{1,2})"
                        r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?)[\]】)）]?[^\S\n]*$")


def _entry_date(a, container) -> tuple[str | None, str | None]:
    """(the date printed beside a link, ISO or None; a month and day printed instead, 06-20: it marks a dated
    list, and is a date when the list says its year elsewhere), one beside the title before one in it (…3月1日起施行)."""
    # (at most four children: len() walks them all, once for each of a long list's entries)
    few = next(islice(container.iterchildren(), 4, None), None) is None
    blocks = [child for child in container if isinstance(child.tag, str)] if few else ()
    if len(blocks) == 2 and _within(a, blocks[1]) and under_day_heading(blocks[1]) is container and \
            (day := parse_date(clean_text(text_of(blocks[0])))):
        return day, None  # (the day's heading a blog prints over its one post of the day: Blogger's date-header)
    title = text_of(a)
    for text in _beside(a, container):
        beside = text.replace(title, "\n") if title and title in text else None
        date = beside and parse_date(beside) or parse_date(text)
        if date is None and (line := _DATE_LINE.search(beside or text)):
            date = parse_date(line.group(1), labelled=True)
        if date is not None:
            return date, None
        if day := beside and _MONTH_DAY.search(beside) or _MONTH_DAY.search(text):
            return None, day.group()
    return None, None


#: A date's label in an entry's stamp (<div class="info">时间：2018-11-06</div>).
_STAMP_LABEL = re.compile(r"(?:发布|更新|发表)?(?:时间|日期)\s*[:：]\s*")


def _date_in_link(a, text: str) -> tuple[str, str | None]:
    """(title, ISO date) of a link that prints its entry's date in an element of its own at its end or start
    (<a>title <span class="portletItemDetails">2012-07-12</span></a>, a whole-row link with its <time>, a card's
    <div>时间：2018-11-06</div> under its summary): the title without it. (text, None) for any other link."""
    if not len(a):
        return text, None
    for stamp_el, at_end, beside in ((a[-1], True, a[-1].tail), (a[0], False, a.text)):
        if beside and not beside.isspace():
            continue
        stamp = el_text(stamp_el)
        if not stamp or stamp == text:
            continue
        label = _STAMP_LABEL.match(stamp)
        line = _DATE_LINE.fullmatch(stamp[label.end():] if label else stamp)
        if line and (date := parse_date(line.group(1), labelled=True)):
            title = text[:-len(stamp)] if at_end and text.endswith(stamp) else \
                text[len(stamp):] if not at_end and text.startswith(stamp) else ""
            if title.strip():
                return title.strip(), date
    return text, None


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def _list_year(container) -> str | None:
    """The one year a list of month-day dates names in itself or in the heading right before it (2017年6月, 2019)."""
    heading = container.getprevious()
    text = text_of(container) + (text_of(heading) if heading is not None else "")
    years = set(_YEAR.findall(text))
    if not years and heading is not None and (bare := _BARE_YEAR.fullmatch(text_of(heading).strip())):
        years.add(bare.group(1))
    return years.pop() if len(years) == 1 else None


#: A heading that is a year alone (an archive's <h2>2019</h2> over the month-day entries of that year).
_BARE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年?")
#: A heading of a year and month (a hand-made channel page's <b>2000年5月</b> over its 5/16 entries).
_YEAR_MONTH = re.compile(r"((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月")


def _heading_year(item, a) -> str | None:
    """The year of the nearest year heading before a list's entry (an archive's 2021 … 2020 … between its entries),
    or of a year-and-month heading before its link inside the entry's block (2000年5月 over the lines of May)."""
    if year := _year_before(item, _BARE_YEAR, 8):
        return year
    node = a
    while node is not item and (parent := node.getparent()) is not None:
        if year := _year_before(node, _YEAR_MONTH, 10):
            return year
        node = parent
    return None


def _year_before(node, heading, longest: int) -> str | None:
    """The year of the nearest of node's preceding siblings (40 at most) that is such a heading."""
    for before in islice(node.itersiblings(preceding=True), 40):
        text = text_of(before).strip()
        if len(text) <= longest and (year := heading.fullmatch(text)):
            return year.group(1)
    return None


def _headline_link(a) -> bool:
    """Whether a link is a headline: in a heading, or all a block prints, in styling elements or not (<div><font
    size="5"><b><a>…</a></b></font></div>, as pages made before CSS print a heading)."""
    block = a.getparent()
    while block is not None and block.tag in STYLING_TAGS:
        block = block.getparent()
    return block is not None and (block.tag in HEADING_WEIGHTS or el_text(block) == el_text(a))


#: A name of two or more parts joined by a middle dot (古丽米拉·艾山, 阿依努尔·买买提): a person's, not a title.
_DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8})+")


def _own_item(item, a) -> bool:
    """Whether a list's item is one entry's alone: links to two pages at most (a thumbnail, the title and its [详细]
    all link the one article), or a post card: a headline link, more links to the entry than it (its date, its
    comments) and none to another page of the entry's shape (the others its author's, category's and tags'); or a
    table's body of one row of one entry's cells (a forum's thread: its title and pages 2 3, author and date, last
    post), or a <dl> of one (HDWiki's <dt> title over <dd>s of its creator and time, tags, summary)."""
    links = list(item.iter("a"))
    hrefs = [x.get("href") for x in links]
    if len(set(hrefs)) <= 2:  # (not two entries' titles: a month's lines under its heading in one <p>; an author's
        # long name linking the author's page is no title: 阿依努尔·买买提 on 虎嗅's card)
        return _one_title(links)
    if item.tag == "article" and _one_title(links):
        return True  # (an HTML5 card: its category's and author's links beside its title's)
    body = item if item.tag == "tbody" else item.getparent() if item.tag == "tr" else None
    row = body is not None and body.tag == "tbody" and len(body) == 1  # (Discuz's <tbody id="normalthread_150">)
    own = (a.get("href") or "").split("#", 1)[0]
    card = item.tag == "dl" and len(terms := item.findall("dt")) == 1 and any(
        (x.get("href") or "").split("#", 1)[0] == own for x in terms[0].iter("a"))
    if not (row or card or _headline_link(a)):
        return False
    pages = [(href or "").split("#", 1)[0] for href in hrefs]
    shape = url_shape(own)
    return (row or card or pages.count(own) >= 2) and all(
        page == own or url_shape(page) != shape or row and el_text(x).isdigit() for page, x in zip(pages, links))


def _one_title(links) -> bool:
    """Whether one page at most is linked by a title's words (eight characters or more, not a person's dotted name)."""
    return len({x.get("href") for x in links if len(text := el_text(x)) >= 8 and not _DOTTED_NAME.fullmatch(text)}) <= 1


def _post_heading(item, a) -> bool:
    """Whether a list's item is a heading that holds its link alone: a post's in a flat run of posts."""
    return item is not a and heading_like(item) and el_text(item) == el_text(a)


def _run_under(heading):
    """The elements a flat run of posts prints under one's heading up to the next (Sablog's <h2>, its date line,
    its summary, its tags; at most five)."""
    return islice(takewhile(lambda e: not heading_like(e), heading.itersiblings()), 5)


def _beside(a, container):
    """The texts that may hold a link's date: its item (the container's child on the way to the link) when the
    item holds only this link (and a card's whole text), else the text right after the link up to the next link
    or <br>, then the text right before it, then a one-link card's whole text."""
    item = a
    while item.getparent() is not None and item.getparent() is not container:
        item = item.getparent()
    if item is not a and item.getparent() is container and _own_item(item, a):
        # (a thumbnail, the title and its [详细] all link the one article)
        # its text nodes apart first: a date against a count (2020-03-18</span><span>986, …-18</span><a><i
        # class="fa fa-eye"></i>512) would read as no date
        yield "\n".join(item.itertext())
        yield text_of(item)
        if len(hrefs := {x.get("href") for x in container.iter("a")}) == 1 or len(hrefs) == 2 and \
                _own_item(container, a):
            # a card: <h3>title</h3> <p>summary</p> <span>date (and its category's link: 发表在 <a>下载中心</a>)
            yield "\n".join(container.itertext())
            yield text_of(container)
        elif _post_heading(item, a) and (line := item.getnext()) is not None and not heading_like(line):
            # a flat run of posts, each a heading and its lines (Sablog's <h2><a>title</a></h2><p class="postdate">
            # 作者: … | 时间: 2009-12-16 09:45</p><div class="content">…): the line right under the heading
            yield text_of(line)
        return
    parts = [a.tail or ""]
    for sib in a.itersiblings():
        if sib.tag in ("a", "br", "p", "div", "li", "tr"):
            break
        parts.append(text_of(sib))
        parts.append(sib.tail or "")
        if len(parts) > 8:
            break
    yield "".join(parts)
    prev = a.getprevious()
    before = (prev.tail if prev is not None else (a.getparent().text if a.getparent() is not None else "")) or ""
    if prev is not None and prev.tag not in ("a", "br"):
        before = text_of(prev) + before
    yield before[-40:]
    if item is a and all(x is a for x in container.iter("a")):
        # a card of one link, the container itself (<div><a><h3>title</h3><p>summary</p></a><div>date</div></div>)
        yield "\n".join(container.itertext())


def link_groups(doc: Doc, url: str, within=None, heading: str | None = None) -> list[Group]:
    host = urlsplit(url).netloc.lower()
    me = url.split("#", 1)[0]
    root = within if within is not None else doc.root
    links = []
    for a in root.iter("a"):
        href = absolute(doc.base_url, a.get("href"))
        if not href:
            continue
        if host_dir(href)[0] != host or href.endswith("/") and (href.count("/") == 3 or me.startswith(href)) or \
                DOCUMENT_NAME.search(urlsplit(href).path):
            continue  # (another site's page; the site's front page, 新疆民生网 in a nav bar, or a folder's the page is
            # under, a blog's /blog/ over its /blog/category/211301; a download list's .doc, .rar: never an entry)
        text = el_text(a)
        if not text:
            title_attr = clean_text(a.get("title"))
            text = title_attr
        compact = text.replace(" ", "")
        if len(compact) < 5 or PAGE_NUM.match(compact) or PAGE_WORD.match(compact) or _NAV_WORDS.match(compact) \
                or _DATE_NAME.match(compact) or compact[-1] == ")" and _COUNTED_NAME.match(compact) \
                or _TALLY.fullmatch(compact):
            continue
        if href.split("#", 1)[0] == me:
            continue
        if len(compact) <= 12 and a.tail and not a.tail.isspace() and info_block(doc, a.getparent()):
            continue  # a post's author link in its info line (post by <a>wangjun</a> / 2014-11-2 20:10 / 阅读：580)
        links.append((a, href, text, url_shape(href)))
    counts: dict = {}
    chains = []
    for a, href, text, shape in links:
        chain = []
        e = a.getparent()
        levels, styling = 7, True  # (the styling elements right around the link not counted: <div><font
        # size="4"><b><a> is as far from the list as <h3><a>)
        while levels and e is not None:
            chain.append(e)
            key = (e, shape)
            counts[key] = counts.get(key, 0) + 1
            styling = styling and e.tag in STYLING_TAGS
            levels -= not styling
            e = e.getparent()
        chains.append(chain)
    # the lists of the page: each link's nearest element with three links of its shape
    lists = {next((e for e in chain if counts.get((e, shape), 0) >= 3), None)
             for chain, (*_, shape) in zip(chains, links)} - {None}
    groups: dict = {}
    for (a, href, text, shape), chain in zip(links, chains):
        container = None
        for need in (3, 2):
            for e in chain:
                if counts.get((e, shape), 0) >= need:
                    container = e
                    break
            if container is not None:
                break
        if container is not None and len(lists) > 1:
            own = _own_short_list(chain, shape, counts, container, lists)
            container = own if own is not None else container
        if container is None:
            container = _lone_list(a, chain)
            if container is None:
                continue
        key = (container, shape)
        g = groups.get(key)
        if g is None:
            g = groups[key] = Group(container, shape)
        g.links.append((a, href, text, None))
        g.mass += len(text)
    out = []
    for g in groups.values():
        if len({href.split("#", 1)[0] for _, href, _, _ in g.links}) == 1:
            if _byline_link(g.links[0][0], g.links[0][2]):
                continue
            # the only link of its shape in a part of the page that holds others: its own list, not that part
            # (its ancestors beyond the styling elements around it: <div><font size="4"><b><a>)
            own = _lone_list(g.links[0][0], list(islice(g.links[0][0].iterancestors(), 8)))
            g.container = own if own is not None else g.container
        entries: dict = {}
        for link in g.links:
            c = link[1].split("#", 1)[0]
            if c not in entries or not el_text(entries[c][0]) and el_text(link[0]):
                entries[c] = link  # (a thumbnail's link and its headline's to one page: the headline's)
        uniq = []
        year = None  # the list's year, when its dates print none
        for a, href, text, _ in entries.values():
            date, day = _entry_date(a, g.container)
            g.dated += date is not None
            g.day_marked += day is not None
            item = a
            while item.getparent() is not None and item.getparent() is not g.container:
                item = item.getparent()
            if day is not None:
                if year is None:
                    year = _list_year(g.container) or ""
                if entry_year := _heading_year(item, a) or year:  # (the nearest year heading's, else the list's one)
                    date = parse_date(entry_year + "-" + "-".join(re.findall(r"\d+", day)))
            j = doc.idx.get(item)
            if item is not a and j is not None and doc.P[j] >= 2 and doc.T[j] - doc.L[j] >= 30 or \
                    card_heading(a) is not None or _post_heading(item, a) and any(
                        (k := doc.idx.get(e)) is not None and doc.P[k] >= 2 and doc.T[k] - doc.L[k] >= 30
                        for e in _run_under(item)):
                g.prose_items += 1
            uniq.append((a, href, text, date))
        g.links = uniq
        n = len(uniq)
        # sidebar boxes: truncated titles ("..."), a 热门文章/推荐阅读-style label heading the box
        if n and sum(1 for x in uniq if x[2].endswith(("...", "…", "..")) ) * 2 >= n and g.dated * 2 < n:
            g.penalty *= 0.4  # (a dated list is a listing's, whose titles may be cut too)
        # (or gathered from a sidebar column's boxes, all labelled but maybe one: a 通知公告 box of one link among them)
        if (label := _boxed(g.container, heading)) or n and 4 * sum(
                _in_box(a, g.container, heading) for a, _, _, _ in uniq) >= 3 * n:
            g.boxed = True
            g.popular = bool(label and _POPULAR.search(label))
            g.remarks = bool(label and _REMARKS.match(label))
            g.penalty *= 0.4
        out.append(g)
    out.sort(key=lambda g: -g.score)
    return out


def _byline_link(a, text: str) -> bool:
    """Whether a link is the author's in a post's byline right under its linked headline (<h4><a>title</a></h4>
    <div><a>买买提·艾力</a> 2009-12-30 19:55</div>, or further down the post's card): the author's page, no entry of a
    one-post list."""
    if len(text) > 12:
        return False
    line = a
    while line is not None and line.getprevious() is None and (line is a or line.tag in STYLING_TAGS):
        line = line.getparent()  # (up through a <font> around the byline's words)
    above = line.getprevious() if line is not None else None
    if above is not None and above.tag in HEADING_WEIGHTS and any(
            x.get("href") != a.get("href") for x in above.iter("a")):
        return True
    # or in the meta box of a post's card under its linked headline, the card's one heading or block printed as one
    # (aldryn's: a lead and an avatar between them)
    for card in islice((e for e in a.iterancestors() if e.tag not in STYLING_TAGS), 4):
        heads = [e for e in card.iter() if isinstance(e.tag, str) and heading_like(e)]
        heads = [h for h in heads if not any(up in heads for up in h.iterancestors())]  # (the outer of <div><font>)
        if heads:
            return len(heads) == 1 and _precedes(card, heads[0], a) and any(
                x.get("href") != a.get("href") and len(t := el_text(x)) >= 8 and len(t) > len(text)
                for x in heads[0].iter("a"))
    return False


def _precedes(root, first, then) -> bool:
    """Whether first comes before then in root's document order (then not inside first)."""
    for e in root.iter():
        if e is then:
            return False
        if e is first:
            return then not in first.iterdescendants()
    return False


def _own_short_list(chain, shape, counts, container, lists):
    """The list of two links that a listing's last page holds (<li>s of two entries) where the nearest element with
    three links of their shape is a part of the page that also holds another list of it (a sidebar's 热门文章):
    the two's own list, not that part."""
    low = next((e for e in chain if counts.get((e, shape), 0) >= 2), None)
    if low is None or low is container:
        return None
    others = [e for e in lists if e is not container and _within(e, container)]
    return low if others and not any(e is low or _within(e, low) for e in others) else None


def _within(el, ancestor) -> bool:
    return any(anc is ancestor for anc in el.iterancestors())


def _lone_list(a, chain):
    """The list of a link alone in its part of the page (chain: its ancestors, parent first): the parent of its item,
    the nearest <li>, <tr> or <dl> around it (a title in <h3> or <td>, its date beside it in the item), else of the
    block it sits in; inline wrappers around the link (<span class="atc_title">) do not count."""
    skip = 0
    while skip < len(chain) - 1 and chain[skip].tag in STYLING_TAGS:
        skip += 1
    chain = chain[skip:]
    for k, e in enumerate(chain[:3]):
        if e.tag in ("li", "tr", "dl") and k + 1 < len(chain):
            return chain[k + 1]
    if chain and chain[0].tag == "article" and len(chain) > 1 and _card_among_cards(chain[0]):
        return chain[1]  # (one of a list's <article> cards, each its own post's: an author's posts in three channels)
    if len(chain) > 1 and (chain[0].tag in ("dd", "dt", "td", "p") or _headline_link(a)):
        # (a card: <div><h3><a>title</a></h3><p>summary</p><span>2017-06-12</span></div>, its headline alone in a
        # block of its own too, in styling elements or not: <div class="t"><font size="4"><b><a>title</a></b></font>;
        # with its day's heading over it: a blog's one post of a day)
        day = under_day_heading(chain[1]) if _headline_link(a) else None
        return day if day is not None else chain[1]
    return chain[0] if chain else None


def _card_among_cards(card) -> bool:
    """Whether an element has a sibling of its tag and class before or after it (the next card of a list)."""
    cls = card.get("class")
    return any(e is not None and e.tag == card.tag and e.get("class") == cls
               for e in (card.getprevious(), card.getnext()))


def _box_label(text: str) -> bool:
    """A sidebar box's heading: a related-list label (热门文章, 推荐阅读) or one of their forms (热门图集, 图片排行)."""
    return len(text) <= 12 and bool(RELATED.match(text)) or len(text) <= 8 and _BOX_LABEL.fullmatch(text) is not None


def _in_box(a, container, heading: str | None = None) -> bool:
    """Whether a link sits in a labelled sidebar box inside container (a group of one URL shape gathered from
    several boxes of a sidebar column)."""
    e = a.getparent()
    for _ in range(4):
        if e is None or e is container:
            return False
        if e.tag in ("ul", "ol", "dl", "table", "div") and _boxed(e, heading):
            return True
        e = e.getparent()
    return False


def _boxed(container, heading: str | None = None) -> str | None:
    """The sidebar label the list sits under (热门文章, 推荐阅读, 相关新闻, ...): before it, or as the row right before
    its first link (a sidebar table of boxes: 站内搜索, its form, 热门文章, the links); None if none. A label that is
    the page's own heading (the breadcrumb's last level: a 图片新闻 channel's list) is the listing's."""
    label = None
    for c in container:
        if not isinstance(c.tag, str):
            continue
        if c.tag == "a" or c.find(".//a") is not None:
            break
        label = el_text(c) or label
    if label and label != heading and _box_label(label):
        return label
    e = container
    for _ in range(4):
        if e is None or e.tag == "body":  # (what stands before <body> is the <head>: a page's <title> heads no box)
            return None
        prev = e.getprevious()
        hops = 0
        while prev is not None and hops < 2:
            if isinstance(prev.tag, str):
                t = el_text(prev)
                if t and not (prev.tag == "a" or (link := prev.find(".//a")) is not None and el_text(link) == t):
                    return t if t != heading and _box_label(t) else None  # (not a link: a feed box's 正在加载...)
            prev = prev.getprevious()
            hops += 1
        e = e.getparent()
    return None


def _same_list(other: Group, best: Group) -> Group | None:
    """The links of other (a group of another URL shape) inside best's list, as a group of that list, when they
    read as its entries do (titles as long, dated as often); else None."""
    box = best.container
    if other.container is not box and not any(anc is other.container for anc in box.iterancestors()):
        return None
    inside = Group(box, other.shape)
    inside.links = [link for link in other.links if any(anc is box for anc in link[0].iterancestors())
                    and not _byline_link(link[0], link[2])]
    if not inside.links:
        return None
    inside.mass = sum(len(text) for _, _, text, _ in inside.links)
    inside.dated = sum(date is not None for *_, date in inside.links)
    titles = sum(len(text) for _, _, text, _ in best.links)  # (each entry's once: not again for a sidebar's link to it)
    if inside.mass / len(inside.links) < 0.5 * titles / len(best.links) or \
            inside.dated / len(inside.links) < (best.dated + best.day_marked) / len(best.links) - 0.25:
        return None
    return inside


def main_groups(groups: list[Group]) -> list[Group]:
    if not groups:
        return []
    # a sidebar box (热门文章, 推荐阅读: undated) is no page's own list: a search or "about us" page with one has none;
    # undated summaries under such a label may be (知乎's column: 最新文章 over its posts' summaries; decide() weighs it)
    groups = [g for g in groups if not g.remarks and (g.dated or not g.boxed or not g.popular and g.prose_items >= 2
                                                      and g.prose_items * 2 >= len(g.links))]
    if not groups:
        return []
    if groups[0].boxed and (own := next((g for g in groups if not g.boxed and g.prose_items and (
            g.prose_items >= 2 or g.dated == len(g.links))), None)) is not None:
        # a sidebar's dated 最新文章 box beside the page's own list of summaries (a tag's two posts, a category's last
        # page of one dated post card): the summaries
        groups = [own, *(g for g in groups if g is not own)]
    best = groups[0]
    keep = [best]
    best_dated = (best.dated + best.day_marked) / len(best.links)
    for g in groups[1:]:
        n = len(g.links)
        if g.shape != best.shape and (same := _same_list(g, best)) is not None:
            keep.append(same)  # the same list's titles in another URL scheme (an article moved to /plus/view.php?aid=)
            continue
        if n < 2 or g.shape != best.shape or g.score < 0.5 * best.score or g.boxed and not best.boxed:
            continue  # (a sidebar box's list beside the page's own is none of it)
        if best_dated >= 0.5 and (g.dated + g.day_marked) / n < 0.5:
            continue
        avg = g.mass / n
        if avg < 6:
            continue
        keep.append(g)
    return keep


#: The name of a list of pages by their last change, first in its page's <title> (a wiki's 最近更新, 最近修改).
_EDIT_LOG = re.compile(r"\s*(?:最近|最新)(?:更新|修改|编辑|更改)(?:的词条|的页面|列表)?\s*(?:$|[-_|｜—])")


#: Tabs that pick a kind of entry, not a category (an account page's 文章 | 视频).
_KIND_TABS = frozenset(("文章", "视频", "图片", "图集", "图文", "音频", "全部", "动态", "问答"))


#: A nav item's count of entries after its name (博文(16), 日志 （8）).
_ITEM_COUNT = re.compile(r"\s*[(（]\s*\d+\s*[)）]$")


def _nav_category(doc: Doc) -> str | None:
    """The current item of a navigation bar: a short marked (class current/on/...) item or link."""
    for el in doc.root.iter("a", "li", "td", "span"):
        attrs = (el.get("class") or "") + " " + (el.get("id") or "")
        if attrs.strip() and CURRENT_CLASS.search(attrs):
            t = el_text(el)
            if PUA.search(t):
                t = clean_text(PUA.sub("", t))  # an icon font's glyph before the name (<i class="font-ico"></i>就业)
            if t[-1:] in ")）" and (count := _ITEM_COUNT.search(t)):
                t = t[:count.start()]  # its entries' count after the name (博文(16))
            if 2 <= len(t) <= 10 and not PAGE_NUM.match(t) and t not in HOME_TITLES and t not in _KIND_TABS:
                return t
    segs = title_segments(doc.title_text)
    if len(segs) >= 2:
        link_texts = {el_text(a) for a in doc.root.iter("a")}
        for seg in segs[:-1]:
            if seg in link_texts and len(seg) <= 10 and seg not in HOME_TITLES:
                return seg
    return None


def _load_more(doc: Doc, url: str) -> list[str]:
    """The next page of a listing without a page bar, linked as 加载更多 / 查看更多 (`?page=2`)."""
    me = canonical_url(url)
    for a in doc.root.iter("a"):
        i = doc.idx.get(a)
        if i is None or not 0 < doc.T[i] <= 12 or not _LOAD_MORE.match(el_text(a)):
            continue
        href = absolute(doc.base_url, a.get("href"))
        if href and canonical_url(href) != me and same_family(href, url) and (url_page_number(href) or 0) > 1:
            return [href]
    return []


def _entry_pages(bar, listed: dict, base: str) -> bool:
    """Whether a page bar is one entry's own, beside its link: the only entry its block holds, its pages' URLs of that
    entry's shape or that entry's URL and a page's query (a forum thread's <span class="threadpages"><a>2</a></span>
    in its row, DVBBS's [分页：1 2 3] after the title). listed: {link: shape}."""
    up = bar.el.getparent()
    entries = [a for a in up.iter("a") if a in listed] if up is not None else []
    if len(entries) != 1:
        return False
    own = absolute(base, entries[0].get("href")) or ""
    return all(url_shape(href) == listed[entries[0]] or own and href.startswith(own) for href in bar.links)


def extract_listing(doc: Doc, url: str, crumbs: list[str] | None = None,
                    rules: Mapping | None = None) -> tuple[Listing, list[Group], list[Group]]:
    within = rule_element(doc, rules, "listing")
    groups = link_groups(doc, url, within, crumbs[-1] if crumbs else None)
    if areas := {absolute(doc.url, area.get("href")) for area in doc.root.iter("area")}:
        for g in groups:
            g.mapped = all(href in areas for _, href, *_ in g.links)
        groups.sort(key=lambda g: not g.mapped)  # the 版's own list first, before its 版面导航 of the other 版
    mains = main_groups(groups)
    entries: list[ListingEntry] = []
    seen = set()
    edits = _EDIT_LOG.match(doc.title_text) is not None  # (its times are its entries' last changes: no dates of theirs)
    for a, href, text, date in sorted((link for g in mains for link in g.links), key=lambda link: doc.position(link[0])):
        c = href.split("#", 1)[0]
        if c in seen:
            continue
        seen.add(c)
        # a date printed inside the link is no part of its title (the lists were weighed without it: a sidebar's box
        # dated inside its links is no more a listing's for it)
        text, stamped = _date_in_link(a, text)
        date = stamped or date  # (its stamp, not a date its summary names: 从2019年1月1日起)
        head = card_heading(a)  # (a post card's link: its heading names the entry, not its summary)
        entries.append(ListingEntry(url=href, title=el_text(head) if head is not None else text,
                                    date=None if edits else date))
    page_links: list[str] = []
    listed = {link[0]: url_shape(link[1]) for g in mains for link in g.links}
    bars = [b for b in find_pagebars(doc, url) if not _entry_pages(b, listed, doc.base_url)]
    if bars:
        anchor = mains[0].container if mains else None
        if anchor is not None:
            apos = doc.position(anchor)
            bars.sort(key=lambda b: (0 if doc.contains(anchor, b.el) or doc.position(b.el) >= apos else 1,
                                     abs(doc.position(b.el) - apos)))
        me = canonical_url(url)
        for href in bars[0].links:
            if canonical_url(href) != me and href not in page_links:
                page_links.append(href)
    elif mains:
        page_links = _load_more(doc, url)
    category = None
    if crumbs:
        category = crumbs[-1] if not (len(crumbs) == 1 and crumbs[0] in HOME_TITLES) else None
    if category is None:
        category = _nav_category(doc)
    return Listing(entries=entries, page_links=page_links, category=category), mains, groups
