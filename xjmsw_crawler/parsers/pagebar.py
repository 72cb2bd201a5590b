"""Page bars: the numbered links of a multi-page article (or a listing) to its other pages, which page this
is, and the page family a link belongs to (same folder and name but for a page number, ?page=N, /page/N/)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from urllib.parse import parse_qsl, unquote, urlsplit

from .cues import BAR_GAP, PAGE_WORD, STYLING_TAGS, absolute, class_and_id, el_text, styled_text
from .generic import Doc, text_of
from .hidden import NOT_DISPLAYED_STYLE, screen_reader_only
from .normalize import canonical_url, clean_text


PAGE_NUM = re.compile(r"^(?:第\s*)?[\[［【(]?\s*(\d{1,3})\s*[\]］】)]?(?:\s*页)?$")  # 2, [2], 第2页
#: What decorates a page bar's word: 下一页>>, <<上一页, [下一页], 【尾页】, 下一页 →.
_BAR_DECOR = "<>«»‹›←→[]［］【】()（） "

#: A link's tail that is the current page's number between a bar's brackets and separators (`] [3]`, ` 第2页`).
_TAIL_NUMBER = re.compile(BAR_GAP + r"(?:第\s*)?(\d{1,3})(?:\s*页)?" + BAR_GAP)
_PAGE_OF = re.compile(r"第\s*(\d{1,3})\s*页")
_ITEM_COUNT = re.compile(r"共\s*\d+\s*(?:页\s*\d+\s*)?[条期篇]|\d+\s*条(?:记录|信息|新闻|文章)")
_PAGE_TOTAL = re.compile(r"共\s*(\d{1,3})\s*页")
#: A page counter's "2/5": not the month and day of a date (2013/6/8 09:30, ASP's way of printing one).
_PAGE_FRAC = re.compile(r"(?<![\d/-])(\d{1,3})\s*/\s*(\d{1,3})(?![\d/-])")
_URL_PAGE = re.compile(r"[_-](\d{1,3})\.[a-z]{2,5}$", re.I)
_QUERY_PAGE = frozenset(("page", "p", "pageno", "pn", "pg", "pagenum", "page_no", "pageindex", "curpage", "cp"))
CURRENT_CLASS = re.compile(r"(?:^|[\s_-])(current|cur|curr|on|active|selected|sel|now|thisclass|this|page_?cur)"
                           r"(?:$|[\s_-])", re.I)


class PageBar:
    __slots__ = ("el", "current", "total", "numbered", "first", "links", "words", "next", "prev", "counts_items")

    def __init__(self, el):
        self.el = el
        self.current: int | None = None
        self.total: int | None = None
        self.numbered: dict[int, str] = {}
        self.first: str | None = None
        self.next: str | None = None
        self.prev: str | None = None
        self.links: list[str] = []
        self.words: set[str] = set()
        self.counts_items = False  # 共 2页8条: a listing's bar (an article's counts pages only)


@lru_cache(maxsize=8192)
def host_dir(url: str) -> tuple[str, str, str]:
    """(host, directory, path) of an absolute URL, by string operations (urlsplit is slow per link)."""
    rest = url.split("://", 1)[1] if "://" in url else url
    host, _, path = rest.partition("/")
    path = "/" + path.split("#", 1)[0].split("?", 1)[0]
    return host.lower(), path.rsplit("/", 1)[0], path


def same_family(a: str, b: str) -> bool:
    """Two URLs that could be pages of one document or one listing: same host and same directory, or one at most
    two steps under the other (WordPress: /archives/130 and its page 2 /archives/130/2; / and /page/2/; ThinkPHP's
    /show/id/123.html and /show/id/123/p/2.html)."""
    ha, hb = host_dir(a), host_dir(b)
    return ha[0] == hb[0] and (ha[1] == hb[1] or _just_under(ha[2], hb[2]) or _just_under(hb[2], ha[2])
                               or _numbered_sibling(ha[2], hb[2]) or _numbered_under(ha, hb) or _numbered_under(hb, ha))

#: A page number's folder that says so (p2, page3: not a category's /12/ beside /13/).
_PAGE_FOLDER = re.compile(r"(?:p|pg|page)\d{1,4}")
#: Folders a page's number adds before its file name: PageIndex/2, currentpage/3, 2, p2 (和讯博客's /p2/default.html).
_NUMBER_FOLDERS = re.compile(rf"(?:[^/]+/)?(?:{_PAGE_FOLDER.pattern}|\d{{1,4}})")


def _numbered_under(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Whether b (a host_dir triple) is a's file under a page number's folders (DotNetNuke's /ItemID/19/Default.aspx
    and /ItemID/19/PageIndex/2/Default.aspx), or a's file in another page number's folder beside a's (/p2/default.html
    and /p3/default.html)."""
    name = a[2][len(a[1]):]
    if "." not in name or not b[2].endswith(name):
        return False
    if b[1].startswith(a[1] + "/"):
        return _NUMBER_FOLDERS.fullmatch(b[1][len(a[1]) + 1:]) is not None
    (up_a, _, folder_a), (up_b, _, folder_b) = a[1].rpartition("/"), b[1].rpartition("/")
    return up_a == up_b and folder_a != folder_b and _PAGE_FOLDER.fullmatch(folder_a) is not None and \
        _PAGE_FOLDER.fullmatch(folder_b) is not None


#: A page's number after its document's name: /slug-2/, /slug_3/ (Ghost's pages 2..n of a post, as its own pages).
_NUMBERED_NAME = re.compile(r"(.+)[-_]\d{1,3}$")
#: A listing's page n as a folder under a page folder: /page/3/, /tag/x/page/3/ (Ghost, Hexo, Hugo, WordPress).
_PAGED_FOLDER = re.compile(r"(.*/(?:page|p|paged)/)\d{1,4}$")


def _numbered_sibling(a: str, b: str) -> bool:
    """Whether two folder paths are one name and that name with a page number, side by side (/slug/ and /slug-2/),
    or two numbered pages of one page folder (/page/3/ and /page/4/)."""
    a, b = a.rstrip("/"), b.rstrip("/")
    for x, y in ((a, b), (b, a)):
        m = _NUMBERED_NAME.fullmatch(x)
        if m is not None and m.group(1) == y:
            return True
    paged, other = _PAGED_FOLDER.fullmatch(a), _PAGED_FOLDER.fullmatch(b)
    return paged is not None and other is not None and paged.group(1) == other.group(1)


def in_page_family(href: str, url: str) -> bool:
    """Whether a page bar's link may lead to another page of url's document or listing."""
    if same_family(href, url):
        return True
    a, b = host_dir(href), host_dir(url)
    return a[2] == b[2] or a[0] == b[0] and (_served_twice(a[2], b[2]) or _opaque_twins(a[2], b[2])
                                             or _titled_twin(href, url) or _titled_twin(url, href))


def _titled_twin(a: str, b: str) -> bool:
    """Whether a names b's page by its title in a front controller's query (a wiki's /index.php?title=Category:民生政策
    &pagefrom=Yanglao beside /wiki/Category:民生政策)."""
    query, name = urlsplit(a).query, unquote(urlsplit(b).path.rstrip("/").rpartition("/")[2])
    return bool(query and name) and "=" in query and any(value == name for _, value in parse_qsl(query))


#: A path segment that is state, not a name: a portal's encoded navigation state (WebSphere's /!ut/p/c4/04_SB8K…!!/),
#: long, digits and letters of both cases (no slug).
_OPAQUE_SEGMENT = re.compile(r"(?=[^/]*\d)(?=[^/]*[a-z])(?=[^/]*[A-Z])[\w!*.~-]{32,}")


def _opaque_twins(a: str, b: str) -> bool:
    """Whether two paths differ only in segments of encoded state: one portal page's views (its page 1 and 2 are
    two encodings of one place, no folder or number to tell them apart)."""
    opaque = _OPAQUE_SEGMENT.sub
    return a != b and _OPAQUE_SEGMENT.search(a) is not None and opaque("~", a) == opaque("~", b)


def _served_twice(a: str, b: str) -> bool:
    """Whether two paths are one numbered document under two prefixes, the same name in the same two folders or
    more (OpenCms's static export /export/sites/xjmsw/shbz/2010/10/09/news_2790.html, whose pages 2..n only its
    servlet serves: /opencms/opencms/xjmsw/shbz/2010/10/09/news_2790.html?page=2)."""
    parts = b.rsplit("/", 3)  # [..., folder, folder, name]
    return len(parts) == 4 and a.endswith("/" + "/".join(parts[1:])) and any(map(str.isdigit, parts[3]))


def _just_under(path: str, top: str) -> bool:
    if not top.endswith("/"):
        if path.startswith(top + "/"):  # WordPress's /2014/06/1532.html/2
            return path[len(top) + 1:].strip("/").count("/") <= 1
        stem, dot, suffix = top.rpartition(".")
        if dot and 0 < len(suffix) <= 5 and "/" not in suffix:  # /id/123.html: its page /id/123/p/2.html under /id/123/
            # (a page's number there, not a post's file: a blog's month /archive/2007/05.aspx over its day's post
            # /archive/2007/05/21/1210.aspx)
            rest = path[len(stem) + 1:] if path.startswith(stem + "/") else ""
            leaf = rest.strip("/").rpartition("/")[2].partition(".")[0]
            return rest.strip("/").count("/") <= 1 and (leaf.isdigit() and len(leaf) <= 3
                                                        or _PAGE_FOLDER.fullmatch(leaf) is not None)
    folder = top if top.endswith("/") else top + "/"
    return path.startswith(folder) and path[len(folder):].strip("/").count("/") <= 1


def url_page_number(url: str) -> int | None:
    parts = urlsplit(url)
    for k, v in parse_qsl(parts.query):
        k = k.lower()
        if (k in _QUERY_PAGE or k.endswith("page") or k.startswith("page")) and v.isdigit():
            return int(v)
    m = _URL_PAGE.search(parts.path)
    if m:
        return int(m.group(1))
    return None


def next_page_of(url: str, other: str) -> bool:
    """Whether other is the page after url in one document: the same URL with the next page's number (1203.html ->
    1203_2.html or _1.html, ?page=2, /slug/2/), not a neighbouring document (a blog's <link rel="next"> to the post
    after, show-120.html -> show-121.html: no page has a number that high)."""
    if _unnumbered(url) != _unnumbered(other):
        return False
    mine, theirs = page_number_in(url), page_number_in(other)
    return theirs is not None and theirs <= _MAX_PAGE and (theirs in (1, 2) if mine is None else theirs == mine + 1)


#: The highest page number a page's own URL may carry (a higher one is a document's id).
_MAX_PAGE = 50
_FOLDER_PAGE = re.compile(r"/(\d{1,2})/?$")


def page_number_in(url: str) -> int | None:
    """The page number url carries (its query's, its name's, its last folder's), None when none."""
    path = urlsplit(url).path
    number = url_page_number(url)
    return number if number is not None else int(m.group(1)) if (m := _FOLDER_PAGE.search(path)) else None


def _unnumbered(url: str) -> str:
    """url without a page's number (in its query, before its extension, as its last folder)."""
    parts = urlsplit(canonical_url(url))
    query = "&".join(f"{k}={v}" for k, v in parse_qsl(parts.query)
                     if k.lower() not in _QUERY_PAGE and not k.lower().endswith("page"))
    path = _FOLDER_PAGE.sub("/", re.sub(r"[_-]\d{1,3}(?=\.[a-z]{2,5}$)", "", parts.path, flags=re.I))
    return f"{parts.netloc}{path}?{query}"


def _numbered_after(url: str, hrefs) -> bool:
    """Whether a bar links this page's own name with a page's number added (live_45.html -> live_45_2.html): the
    number in its name is the article's, not a page's."""
    stem, dot, ext = urlsplit(url).path.rpartition(".")
    if not dot or "/" in ext:
        return False
    for href in hrefs:
        name, dot, other_ext = urlsplit(href).path.rpartition(".")
        m = _NUMBERED_NAME.fullmatch(name) if dot and other_ext == ext else None
        if m is not None and m.group(1) == stem:
            return True
    return False


def find_pagebars(doc: Doc, url: str) -> list[PageBar]:
    """Every page bar of the page: containers of numbered / 下一页-style links that stay in the page's family."""
    cache = doc.cache.get(("bars", url))
    if cache is None:
        cache = doc.cache[("bars", url)] = _find_pagebars(doc, url)
    return list(cache)


#: A URL that ends in a day's date, or in a file of that day's folder (a calendar's link: ?date=2017-06-05,
#: /2017/06/05/, an e-paper's /2017-06/05/node_2.htm; not WordPress's /2014/11/1804.html).
_DAY_LINK = re.compile(r"(?:19|20)\d{2}(?:[-/_.][01]?\d[-/_.]|[01]\d)([0-3]?\d)(?!\d)(?:\.s?html?|/[^/]*)?$")
#: ... or that names the day in its query (PJBlog's calendar: default.asp?log_Year=2008&log_Month=6&log_Day=8).
_DAY_ARG = re.compile(r"[?&][a-z_]*day=([0-3]?\d)(?:&|$)", re.I)


def calendar_day(href: str, number: int, url: str) -> bool:
    """Whether a link numbered `number` on the page at url goes to that day of a calendar (5 -> ?date=2017-06-05,
    log_Day=5); not when the page's own URL names that day (page 2 of /2021/06/02/slug: its ?page=1)."""
    return _dated(href, number) and not _dated(url, number)


def _dated(href: str, number: int) -> bool:
    day = _DAY_LINK.search(href) or _DAY_ARG.search(href)
    return day is not None and int(day.group(1)) == number


#: A blog's pager under its list of posts (Older posts / Newer posts, in the Chinese of Ghost, WordPress and their
#: themes): the 下一页/上一页 of that list.
_BLOG_PAGER = {**dict.fromkeys(("更早文章", "更早的文章", "较早文章", "较早的文章", "较旧文章", "更旧的文章", "早期文章"), "下一页"),
               **dict.fromkeys(("较新文章", "较新的文章", "更新的文章"), "上一页")}


def shown_text(a) -> str:
    """A link's text as a reader sees it: a page bar's <a><span class="visually-hidden">当前页</span>1</a> shows 1."""
    text = el_text(a)
    if not len(a):
        return text
    for el in a.iter():
        if screen_reader_only(el):
            text = text.replace(el_text(el), "", 1)
    return clean_text(text)


#: A link's tooltip in words without a number (上一年, 下一月), and one that names a page (第2页, 下一页, Page 2).
_NOT_A_PAGE_TIP = re.compile(r"^\D*[\u4e00-\u9fff]\D*$")
_PAGE_TIP = re.compile(r"页|首|尾|末|page|next|prev", re.I)


#: The words of a page bar that only page bars print (首页 and « are also a breadcrumb's and a nav's).
BAR_WORDS = frozenset(("上一页", "下一页", "上页", "下页", "前一页", "后一页", "尾页", "末页"))


def bar_word(text: str) -> str:
    """A page bar's link text without its decoration (下一页>> -> 下一页, a blog's 更早文章 → -> 下一页); other texts as
    they are."""
    core = text.strip(_BAR_DECOR)
    if core in _BLOG_PAGER:
        return _BLOG_PAGER[core]
    return core if core != text and PAGE_WORD.match(core) else text


#: A link that goes nowhere: javascript:;, javascript:void(0), # (DedeCMS's current page, <a href='#'>2</a>).
_VOID_SCRIPT = re.compile(r"\s*(?:javascript:\s*(?:void\s*\(\s*0\s*\)|;|$)|#\s*$)", re.I)


#: Words that count what a number before them counts (57个条目, 3条评论): no page number.
_COUNTER_WORDS = frozenset("个条篇人次项件名位")
#: What a forum's member box labels its counts with, after each number's box.
_STAT_WORDS = r"(?:主题|帖子|积分|回帖|粉丝|关注|好友|日志|相册|金钱|威望|声望|贡献|精华|文章|评论|收藏)"
_STAT_LABEL = re.compile(r"\s*" + _STAT_WORDS)
#: ... or before it in the text, with a colon (MyBB's 声望: <a href="reputation.php?uid=3">26</a>).
_STAT_BEFORE = re.compile(_STAT_WORDS + r"\s*[:：]\s*$")


def _stat_count(a) -> bool:
    """Whether a number link is alone in a box (and its styling) that a count's label follows or heads: a forum
    member's 主题/帖子/积分 (Discuz! X's <p><a>3</a></p>主题, <dt>积分</dt><dd><a>173</a></dd>); or right under its
    label in their box (FastAdmin's <div>文章</div><a><div>1</div></a>), or after its label and a colon in the text
    (MyBB's 声望: <a>26</a>)."""
    if (label := a.getprevious()) is not None and not (label.tail or "").strip() and \
            _STAT_LABEL.fullmatch(el_text(label)):
        return True
    if _STAT_BEFORE.search((label.tail if label is not None else a.getparent().text) or ""):
        return True
    box = a
    for _ in range(3):
        up = box.getparent()
        if up is None or len(up) != 1 or (up.text or "").strip() or (box.tail or "").strip():
            return False
        box = up
        if _STAT_LABEL.match(box.tail or "") or (label := box.getprevious()) is not None and \
                _STAT_LABEL.fullmatch(el_text(label)):
            return True
    return False


#: A calendar's row of weekday names (日 一 二 … 六, Sun Mon …).
_WEEKDAY_CELL = re.compile(r"(?:星期|周)?[日一二三四五六天]|sun|mon|tue|wed|thu|fri|sat", re.I)


def _calendar_week(row) -> bool:
    """Whether a table row is a calendar's week: its table heads its columns with the weekdays' names (a blog's
    sidebar calendar, whose days link that day's posts: no page bar's numbers)."""
    table = next(row.iterancestors("table"), None)
    return table is not None and any(
        len(cells := tr.findall("th") or tr.findall("td")) == 7 and
        all(_WEEKDAY_CELL.fullmatch(el_text(cell)) for cell in cells) for tr in table.iter("tr"))


def _bar_item(el, tag: str) -> bool:
    """Whether el is a block of tag that holds one element and a page bar's few words (its link, or the current
    page's number, or a greyed 上一页), or is no element (a comment)."""
    return not isinstance(el.tag, str) or el.tag == tag and len(el) == 1 and len(el_text(el)) <= 8


def _find_pagebars(doc: Doc, url: str) -> list[PageBar]:
    groups: dict[object, list] = {}
    order: list = []
    dead: dict[object, list[int]] = {}  # the numbers of <a>s with a void href, by container
    for a in doc.root.iter("a"):
        t = doc.T[doc.idx[a]] if a in doc.idx else 0
        if t == 0 or t > 8:
            continue
        text = shown_text(a)
        if not text or len(text) > 8:
            continue
        text = bar_word(text)
        num = PAGE_NUM.match(text)
        word = None if num else PAGE_WORD.match(text)
        if not num and not word:
            continue
        if num and (a.tail or "")[:1] in _COUNTER_WORDS:
            continue  # a count in a sentence (现有<a>57</a>个条目), not a page
        if num and _stat_count(a):
            continue  # a member's count labelled beside its box (Discuz! X's <p><a>3</a></p>主题), not a page
        if num and ((prev.tail if (prev := a.getprevious()) is not None else a.getparent().text) or "").rstrip()[-1:] \
                == "#":
            continue  # a forum post's number (vBulletin's #<a href="showpost.php?p=5196&postcount=2">2</a>)
        if num and (tip := a.get("title")) and _NOT_A_PAGE_TIP.search(tip) and not _PAGE_TIP.search(tip):
            continue  # a number whose tooltip names no page: a calendar's 上一年 drawn as Webdings' 7 (L-Blog's)
        raw_href = a.get("href")
        if raw_href and raw_href[:1] == "#" and len(raw_href.strip()) > 1:
            continue  # a place in this page (a footnote's [1] -> #_ftn1), never another page
        if raw_href is None and a.get("name") is not None:
            continue  # a place links go to (a comment's number, <a name="cmt12">1</a>), not a page link
        void = raw_href is not None and _VOID_SCRIPT.match(raw_href) is not None and a.get("onclick") is None and \
            not (num and CURRENT_CLASS.search(class_and_id(a)))
        if void and not num:
            continue  # a button's, not a page's (javascript:goPage(2), or javascript:; with onclick="goto(2)")
        href = absolute(doc.base_url, raw_href)
        if href and "#" in raw_href and not raw_href.endswith("#") and href.split("#", 1)[0] == url.split("#", 1)[0]:
            continue  # a place in this page by its full address (Newspaper's comment count: <a href="…/#respond">0</a>)
        if num and href and calendar_day(href, int(num.group(1)), url):
            continue  # a calendar's day (民生日历: 5 -> ?date=2017-06-05), not a page
        # the page bar container: nearest ancestor that is a block
        c = a.getparent()
        hops = 0
        while c is not None and c.tag not in ("div", "p", "td", "ul", "ol", "center", "table", "span", "dd",
                                               "li", "nav", "form", "section", "font") and hops < 4:
            c = c.getparent()
            hops += 1
        if c is None:
            continue
        if c.tag in ("li", "span", "font") and c.getparent() is not None:
            c2 = c.getparent()
            while c2.tag in ("span", "font", "li") and c2.getparent() is not None:
                c2 = c2.getparent()  # (styling around the bar's parts: <div><font><span>1 2 3</span>…</font></div>,
                #                      <ul><li><font><a>3</a></font></li>…</ul>)
            if c2.tag in ("ul", "ol", "div", "p", "td", "center"):
                c = c2
        cell = c if c.tag in ("td", "th") else c.getparent() if c.tag in ("p", "div") else None
        if cell is not None and cell.tag in ("td", "th") and (row := cell.getparent()) is not None and \
                row.tag == "tr" and el_text(cell) == el_text(a):
            c = row  # a cell of its own for each link (TYPO3's browse box, <td><p><a>2</a></p></td>): the row's bar
        elif c.tag in ("div", "p") and (up := c.getparent()) is not None and len(up) > 1 and \
                el_text(c) == el_text(a) and all(_bar_item(sib, c.tag) for sib in up):
            c = up  # a block of its own for each link (OTCMS's <td><div><a>2</a></div><div><a>3</a></div>): theirs
        if void:  # a number that links nowhere: the current page's (<a href="javascript:;">3</a>), or a button's count
            dead.setdefault(c, []).append(int(num.group(1)))  # (javascript:; around a share button's (19))
            continue
        if c not in groups:
            groups[c] = []
            order.append(c)
        groups[c].append((a, href, text, num, word))
    bars: list[PageBar] = []
    for c in order:
        if (style := c.get("style")) and NOT_DISPLAYED_STYLE.search(style):
            continue  # a popup not shown (MyBB's list of the forum's pages beside its name in the breadcrumb)
        items = _without_home_lines(c, groups[c])
        nums = [x for x in items if x[3]]
        words = [x for x in items if x[4]]
        word_set = {x[2] for x in words}
        if not nums and not (word_set & BAR_WORDS) or c.tag == "tr" and _calendar_week(c):
            continue
        bar = PageBar(c)
        bar.words = word_set
        for a, href, text, num, word in items:
            if not href:
                continue
            if not in_page_family(href, url):
                continue
            bar.links.append(href)
            if num:
                n = int(num.group(1))
                if 0 < n < 1000:
                    bar.numbered.setdefault(n, href)
            elif text in ("首页", "第一页"):
                bar.first = href
            elif text in ("下一页", "下页", "后一页"):
                bar.next = href
            elif text in ("上一页", "上页", "前一页"):
                bar.prev = href
        if not bar.links and all(x[1] for x in nums or words):
            continue  # no page of this family (a calendar's day links elsewhere); an href-less <a>2</a> may be one,
            # as may a script's 上一页 (javascript:gotoPage(1))
        # the current page: a plain number among the links, a marked link, 第N页 or N/M, or the URL
        ctext, scanned = el_text(c), c.iter()
        # (a bar that is a <br> line of a block: its numbers are that line's, not the figures of a table in the text)
        if (line := _bar_line(c, [x[0] for x in items])) is not None:
            line_text, opening, children = line
            scanned = chain(opening, chain.from_iterable(child.iter() for child in children))
            if len(ctext) > 400:
                ctext = line_text
        elif len(ctext) > 400:
            continue
        m = _PAGE_TOTAL.search(ctext)
        if m:
            bar.total = int(m.group(1))
        bar.counts_items = _ITEM_COUNT.search(ctext) is not None
        current = None
        for a, href, text, num, word in items:
            if num and href and canonical_url(href) == canonical_url(url):
                current = int(num.group(1))
                break
        if current is None:
            plain = []  # the plain numbers, in order
            for el in scanned:
                if el.tag == "a" or not isinstance(el.tag, str):
                    continue
                anc_link = any(x.tag == "a" for x in el.iterancestors())
                if anc_link:
                    continue
                for piece in (el.text, el.tail if el is not c else None):
                    if piece and piece.strip():
                        mm = PAGE_NUM.match(clean_text(piece))
                        if mm and (piece is not el.tail or el.tag != "a"):
                            plain.append(int(mm.group(1)))
                if len(plain) >= 2:
                    break
                if CURRENT_CLASS.search(class_and_id(el)) and not plain:
                    mm = PAGE_NUM.match(el_text(el))
                    if mm:
                        plain.append(int(mm.group(1)))
                        break
            # (the second, past a count of posts the bar prints first beyond its pages: Discuz's <em>12</em>
            # <strong>1</strong><a>2</a>)
            # (nor the count of pages in its own element: 本文共<font>2</font>页 <font>[1]</font> <a>[2]</a>)
            if plain:
                current = plain[1] if len(plain) >= 2 and (
                    bar.numbered and plain[0] > max(bar.numbered) + 1 or plain[0] == bar.total > plain[1]) else plain[0]
        if current is None:
            current = _number_after_link(c)
        if current is None:
            for a, href, text, num, word in items:
                if num and CURRENT_CLASS.search(class_and_id(a)):
                    current = int(num.group(1))
                    break
        if current is None and bar.links:
            # one number among the links that links nowhere (<a>2</a>, <a href="javascript:;">3</a>): this page's
            unlinked = [int(x[3].group(1)) for x in items if x[3] and x[0].get("href") is None] + dead.get(c, [])
            if len(unlinked) == 1:
                current = unlinked[0]
        if current is None:
            m = _PAGE_OF.search(ctext)
            if m:
                current = int(m.group(1))
            else:
                m = _PAGE_FRAC.search(ctext)
                if m and int(m.group(1)) <= int(m.group(2)):
                    current = int(m.group(1))
                    bar.total = bar.total or int(m.group(2))
        if current is None and (counter := _page_counter(c)) is not None:
            current, bar.total = counter
        if current is None:
            current = url_page_number(url)
            if current is not None and bar.numbered and (current in bar.numbered and canonical_url(
                    bar.numbered[current]) != canonical_url(url) or _numbered_after(url, bar.numbered.values())):
                current = None
            if current in (None, 1) and not bar.numbered and bar.prev and canonical_url(bar.prev) != canonical_url(url):
                current = 2  # its 上一页 leads to another page: not the first (t123_1.htm of a zero-based CMS is page 2)
            elif current == 2 and not bar.numbered and bar.prev and url_page_number(bar.prev) == 1 and bar.first \
                    and url_page_number(bar.first) is None:
                current = 3  # its 上一页 is that page 2 after a 首页 without a number (t123_2.htm is page 3)
        if current is None and bar.numbered:
            missing = [n for n in range(1, max(bar.numbered) + 1) if n not in bar.numbered]
            if len(missing) == 1:
                current = missing[0]
            elif 1 not in bar.numbered:
                current = 1
        if len(bar.numbered) == 1 and not (bar.next or bar.prev or bar.total) and "，" not in ctext and \
                "。" not in ctext and sum("\u4e00" <= ch <= "\u9fff" and ch not in _BAR_CHARS for ch in ctext) > 4:
            continue  # (one number's link among labels: a profile's counts, 精华 <a>3</a> 威望 136 金钱 3810)
        bar.current = current
        bars.append(bar)
    return bars


#: The characters a page bar's words are made of (第2页 共3页 12条记录 首页 上一页 下一页 尾页 转到 当前 每页 显示).
_BAR_CHARS = frozenset("第页共条记录首上下一尾末转到跳次篇每显示当前前后")


def _br_lines(block, links) -> tuple[object, dict] | None:
    """(the element of <br>-separated lines that holds the links, each of its children -> the number of its line (a
    <br> starts the next)); None unless it has <br>s among its children and the links are all its own children (a
    WAP page's one block, or the styling element around all its content: <div><font>…</font></div>)."""
    holder = links[0].getparent() if links else None
    if holder is not block and (holder is None or holder.tag not in STYLING_TAGS or holder.getparent() is not block):
        holder = block
    if holder.find("br") is None or any(a.getparent() is not holder for a in links):
        return None
    line, lines = 0, {}
    for child in holder:
        line += child.tag == "br"
        lines[child] = line
    return holder, lines


def _without_home_lines(block, items: list) -> list:
    """A block's page-bar items without the 首页 links of its other <br>-separated lines: a WAP page prints its
    breadcrumb's 首页 (the site's, not the article's first page) lines above 上一页 1 <a>2</a> <a>下一页</a> in the same
    block."""
    if not any(text == "首页" for _, _, text, _, _ in items) or all(text == "首页" for _, _, text, _, _ in items):
        return items
    found = _br_lines(block, [a for a, _, _, _, _ in items])
    if found is None:
        return items
    lines = found[1]
    bar_lines = {lines[a] for a, _, text, _, _ in items if text != "首页"}
    return [x for x in items if x[2] != "首页" or lines[x[0]] in bar_lines]


def _bar_line(block, links) -> tuple[str, list, list] | None:
    """(the text, the block whose own text opens it or none, the elements) of the <br>-separated line of a block that
    holds most of a page bar's links (a WAP page's body: …<br/>上一页 1 <a>2</a> <a>下一页</a><br/>…); None when the block
    is not one of such lines around them."""
    found = _br_lines(block, links) if links else None
    if found is None:
        return None
    holder, lines = found
    on_line = Counter(lines[a] for a in links)
    bar_line = max(on_line, key=on_line.get)
    children = [child for child, line in lines.items() if line == bar_line]
    text = (holder.text or "" if bar_line == 0 else "") + "".join(
        text_of(child) + (child.tail or "") for child in children)
    return clean_text(text), [holder] if bar_line == 0 else [], children


#: A page counter printed apart from the page links (Joomla's <div class="pagenavcounter">第 2 页 共 3 页</div>).
_PAGE_COUNTER = re.compile(r"第\s*(?P<page>\d{1,3})\s*页\s*[,，/]?\s*共\s*(?P<pages>\d{1,3})\s*页|"
                           r"共\s*(?P<pages2>\d{1,3})\s*页\s*[,，/]?\s*(?:当前|现在)?(?:是|为)?\s*第\s*(?P<page2>\d{1,3})\s*页")


def _page_counter(bar_el) -> tuple[int, int] | None:
    """(page, pages) from a short counter beside a page bar of links only (before or after it, or its wrapper, in
    their block)."""
    wrapper = bar_el.getparent()
    while wrapper is not None and wrapper.tag in STYLING_TAGS:  # (<div><font><ul>the bar</ul></font></div>)
        wrapper = wrapper.getparent()
    for el in (bar_el, wrapper):
        for sib in (*el.itersiblings(preceding=True), *el.itersiblings()) if el is not None else ():
            if isinstance(sib.tag, str) and (text := styled_text(sib)) and len(text) <= 40:
                m = _PAGE_COUNTER.search(text)
                if m:  # 第 2 页 共 3 页, or 本文共 3 页，当前第 2 页
                    page, pages = int(m["page"] or m["page2"]), int(m["pages"] or m["pages2"])
                    if page <= pages:
                        return page, pages
    return None


def _number_after_link(bar) -> int | None:
    """The current page printed right after a link, in its tail (iwms: `[<a>1</a>] [<a>2</a>] [3]`, whose
    `] [3]` holds nothing but the number and the brackets; `<a>第1页</a> 第2页`): its number, or None."""
    for a in bar.iter("a"):
        tail = a.tail
        if tail and (m := _TAIL_NUMBER.fullmatch(tail)) and int(m.group(1)) > 0:
            return int(m.group(1))
    return None


def choose_pagebar(doc: Doc, bars: list[PageBar], body, near: bool = False) -> PageBar | None:
    """The page bar of the article: inside the body or right after it. near: none rather than one far from
    the body (before it, or more than 60 elements after it: a listing's, a sidebar's)."""
    bar = _closest_pagebar(doc, bars, body)
    if bar is not None and not bar.numbered and (numbered := [b for b in bars if b.numbered and (
            bar.next or bar.prev) in b.links]):
        bar = _closest_pagebar(doc, numbered, body)  # (Discuz! X's 下一页 » button over the numbered bar it repeats)
    if not near or bar is None or body is None or doc.contains(body, bar.el) or doc.contains(bar.el, body) or \
            _comment_pages(bar, doc.url):
        return bar
    # (a thread's bar is as far as it is from the end of the starter's floor that holds the text)
    body = next((floor for floor in doc.starters if doc.contains(floor, body)), body)
    bpos = doc.position(body)
    pos = doc.position(bar.el)
    return None if pos < bpos or _gap(doc, bpos + doc.size[bpos], pos) > 60 else bar


def _comment_pages(bar: PageBar, url: str) -> bool:
    """Whether a bar pages the page's comments, each page the text again over the next ones (its links to #comment…:
    UCenter Home's &page=2#comment, under a reactions box far from the text), the page its page 1 or the one its
    URL names (not WordPress's post URL that shows its last comment page)."""
    return bool(bar.links) and all(urlsplit(link).fragment.lower().startswith("comment") for link in bar.links) and (
        (bar.current or 1) == 1 or str(bar.current) in dict(parse_qsl(urlsplit(url).query)).values())


def _gap(doc: Doc, start: int, end: int) -> int:
    """How many elements lie between positions start and end, readers' comments not counted (a forum thread's
    replies between the starter's post and the thread's page bar)."""
    gap = end - start
    if gap > 60:
        last = start
        for j in sorted({doc.position(c) for c in doc.comments}):
            if last <= j < end:
                gap -= min(doc.size[j], end - j)
                last = j + doc.size[j]
    return gap


def _closest_pagebar(doc: Doc, bars: list[PageBar], body) -> PageBar | None:
    if not bars:
        return None
    if body is None:
        return bars[0]
    bpos = doc.position(body)
    bend = bpos + doc.size[bpos] if bpos >= 0 else -1
    best, best_d = None, None
    for bar in bars:
        pos = doc.position(bar.el)
        if doc.contains(body, bar.el) or doc.contains(bar.el, body):
            d = 0
        elif pos >= bend:
            d = _gap(doc, bend, pos)
        else:
            d = (bpos - pos) * 3
        if best_d is None or d < best_d:
            best, best_d = bar, d
    return best


def page_urls(bar: PageBar | None, url: str) -> tuple[int, list[str]]:
    """(current page number, URLs of pages 1..n in order) from the page bar; (1, []) for one page."""
    if bar is None:
        return 1, []
    current = bar.current or 1
    numbered = dict(bar.numbered)
    numbered[current] = url
    if 1 not in numbered and bar.first:
        numbered[1] = bar.first
    # 上一页/下一页 alone do not tell n; they tell the neighbours (the spider follows the rest)
    if bar.next and current + 1 not in numbered and canonical_url(bar.next) != canonical_url(url):
        numbered[current + 1] = bar.next
    if bar.prev and current > 1 and current - 1 not in numbered and canonical_url(bar.prev) != canonical_url(url):
        numbered[current - 1] = bar.prev
    if len(numbered) <= 1:
        return current, []
    return current, [numbered[n] for n in sorted(numbered)]


#: A page bar's link to the whole article on one page.
_WHOLE = re.compile(r"^\W*(?:全文阅读|阅读全文|查看全文|显示全文|全文|全部页面|单页阅读|单页显示|单页浏览|不分页(?:显示|阅读)?|"
                    r"在一页(?:中|内|上)?(?:显示|阅读))\W*$")


def whole_article_url(doc: Doc, bar: PageBar | None, url: str) -> str | None:
    """The one-page version a multi-page article's bar links to (上一页 1 2 3 下一页 全文阅读), or an index box of its
    pages beside the bar (Joomla's 文章索引 … 全部页面: the page's own path, ?showall=1); None when there is none."""
    if bar is None:
        return None
    path = host_dir(url)[2]
    for a in doc.root.iter("a"):
        if _WHOLE.match(el_text(a)):
            href = absolute(doc.base_url, a.get("href"))
            if href and canonical_url(href) != canonical_url(url) and (
                    doc.contains(bar.el, a) or host_dir(href)[2] == path):
                return href
    return None
