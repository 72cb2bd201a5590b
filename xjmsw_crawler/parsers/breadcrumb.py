"""The breadcrumb: the short element (or line) with 首页/主页 and separators (``>``, ``>>``, ``»``, ``→``, ``/``,
``-``); its items are its link texts and trailing texts, with labels (当前位置：), the trailing headline and 正文
dropped. The category is its last item."""

from __future__ import annotations

import re
from collections.abc import Mapping
from copy import deepcopy
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from .cues import CRUMB_HOME, CRUMB_LABEL, FOOTER, PAGE_WORD, PN, absolute, class_and_id, el_text
from .generic import Doc, text_of
from .hidden import NOT_DISPLAYED_STYLE
from .normalize import canonical_url, clean_text, is_session_param
from .pagebar import host_dir
from .site_rules import rule_element


_CLOCK = re.compile(r"\d{1,2}:\d{2}")  # a time of day, which no breadcrumb's item holds
_CRUMB_STRONG = re.compile(r"\s*(?:>>|>|»|→|›|‹|＞|》|->|=>|—>)\s*")
#: (not a dash or slash between two digits: a cut headline's 2021—2022年采暖期 as the last item)
_CRUMB_WEAK = re.compile(r"\s*(?:(?<!\d)[/／\-—]|[/／\-—](?!\d)|\\|::|·|\|)\s*")

_CRUMB_TAIL_DROP = re.compile(r"^(正文|内容|文章内容|正文内容|详细内容|内容页|浏览文章|阅读文章|查看文章|文章|详情|新闻内容|"
                              r"信息内容|显示文章|查看内容|内容详情|查看详情|阅读全文|>|第\s*\d{1,4}\s*页)$")  # (a listing's 第2页)


def _similar(a: str, b: str, at_least: float) -> bool:
    """Whether difflib's ratio of a and b is at least at_least, its cheap upper bounds asked first (the lengths, then
    the characters in common): most pairs fail on those without the quadratic matching."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= at_least and matcher.quick_ratio() >= at_least and matcher.ratio() >= at_least


def is_home_item(text: str) -> bool:
    """Whether a breadcrumb item is the home page's (首页, 网站首页, 主页, Home, ...)."""
    return bool(CRUMB_HOME.fullmatch(text.replace(" ", "")))


CrumbPiece = tuple[str, bool, str | None]  # (text, is_link, href)
#: A label before the categories a trail names, no level of it (HDWiki's 新疆民生百科 >>所属分类 >> 社会保障).
_CATEGORY_LABEL = re.compile(r"(?:所属|所在)?(?:分类|栏目|类别)")


#: A bracketed tag before an item, no level of it (动力's <font color=blue>[专题]</font><a>冬季供暖专题</a>).
_ITEM_TAG = re.compile(r"[\[【][\u4e00-\u9fff]{1,6}[\]】]")


@lru_cache(maxsize=1024)  # a category's breadcrumb is the same on each of its articles
def _crumb_split(pieces: tuple[CrumbPiece, ...]) -> tuple[tuple[CrumbPiece, ...], bool]:
    """(items, strong separators seen) of a breadcrumb's text and link pieces: the texts between links split at
    the separators, labels (当前位置：) and separator marks taken off."""
    raw = "".join(p[0] for p in pieces)
    strong = bool(_CRUMB_STRONG.search(raw))
    sep = _CRUMB_STRONG if strong else _CRUMB_WEAK
    items: list[CrumbPiece] = []
    for text, is_link, href in pieces:
        if is_link:
            t = clean_text(text)
            t = CRUMB_LABEL.sub("", t) if not items else t
            t = t.rstrip(" >»→›＞") or t  # a separator printed inside the link (<a href='/'>首页></a>)
            if t:
                items.append((t, True, href))
            continue
        t = text.replace("\u3000", " ").replace("\u00a0", " ")
        for part in sep.split(t):
            part = clean_text(part)
            if not items:
                part = clean_text(CRUMB_LABEL.sub("", part))
            part = part.strip(">»→›‹＞》/／\\-—|:：·")
            part = clean_text(part)
            if part and not _CATEGORY_LABEL.fullmatch(part) and not _ITEM_TAG.fullmatch(part):
                items.append((part, False, None))
    return tuple(items), strong


def crumb_items(el, title: str | None, page_url: str, base_url: str, current: bool = False) -> tuple[list[str], bool]:
    """Items of a breadcrumb element; bool = strong separators seen. The last item that names the page itself (the
    headline, a link to the page) is left out, as an article's breadcrumb names its category before it; with
    current (a listing's breadcrumb, whose last item names the list), it is kept."""
    pieces: list[CrumbPiece] = []
    links = 0  # <a> elements open around the walk's position, el included (their text is the link's)
    forms = 0  # <form> elements open around it: a search box beside the trail (Discuz!NT's, its 帖子/作者 menu), or
    # boxes not shown (MyBB's popup of the forum's pages, style="display: none", inside its trail)
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if node is not el and (node.tag == "form" or (style := node.get("style"))
                               and NOT_DISPLAYED_STYLE.search(style)):
            forms += 1 if event == "start" else -1
            if event == "start":
                continue  # (its end: its tail may be the trail's)
        elif forms:
            continue
        if event == "start":
            if node.tag == "a":
                href = node.get("href")
                # (an image in a link to a place in the page names no item: ASP.NET's SiteMapPath starts with a
                # 0x0 <img alt="跳过导航链接"> in <a href="#…SkipLink">)
                name = el_text(node) or ("" if (href or "").startswith("#") else _image_name(node))
                pieces.append((name, True, href))
                links += 1
            elif node.text and not links:
                pieces.append((node.text, False, None))
        else:
            if node.tag == "a":
                links -= 1
            if node is not el and node.tail and not links:
                pieces.append((node.tail, False, None))
    items, strong = _crumb_split(tuple(pieces))
    if any(PAGE_WORD.fullmatch(t.strip("«»‹› ")) and not is_home_item(t) for t, _, _ in items) or any(
            "《" in t and "》" not in t for t, _, _ in items):
        return [], strong  # a pager (Drupal's « 第一页 ‹ 上一页 1 2 3), not a trail; nor a book's 《…》 split at its 》
    items = list(items)
    # start at the home item
    for k, (t, _, _) in enumerate(items):
        if is_home_item(t):
            items = items[k:]
            break
    # drop the trailing headline / 正文
    while items:
        t, is_link, href = items[-1]
        if _CRUMB_TAIL_DROP.match(t):
            items.pop()
            continue
        if title and len(items) > 1:
            stripped = t.rstrip(".…。")
            # a cut headline (not a category that the headline starts with: 天山时评 > 天山时评：让…)
            headline_like = stripped != t or 2 * len(stripped) >= len(title)
            if t == title or (len(stripped) >= 4 and headline_like and (title.startswith(stripped) or stripped.startswith(title))):
                items.pop()
                continue
            if len(t) >= 8 and _similar(t, title, 0.8):
                items.pop()
                continue
        if not is_link and not current and len(items) > 2 and _marked_current(el, t):
            items.pop()  # an article's <li class="active"> names the page itself (Umbraco's node name)
            continue
        if is_link and href and len(items) > 1 and not current and _links_page(base_url, href, page_url):
            items.pop()
            continue
        break
    return [t for t, _, _ in items], strong


def _links_page(base_url: str, href: str | None, page_url: str) -> bool:
    """Whether a link's href is the page itself."""
    absu = absolute(base_url, href)
    return bool(absu) and canonical_url(absu) == canonical_url(page_url)


def _marked_current(el, text: str) -> bool:
    """Whether a list's last item, unlinked, is marked as the page the reader is on (Bootstrap's <li class="active">,
    aria-current="page") and prints text."""
    last = el[-1] if len(el) else None
    return last is not None and last.tag == "li" and last.find(".//a") is None and (
        _CURRENT_MARK.search(last.get("class") or "") or last.get("aria-current") == "page") and el_text(last) == text


_CURRENT_MARK = re.compile(r"\b(?:active|current)\b")


_CRUMB_ATTR = re.compile(r"crumb|bread|position|location|weizhi|dqwz|mbx", re.I)

#: The longest last item of a breadcrumb that is the current page's headline.
_HEADLINE_ITEM = 80


def _list_crumb(doc: Doc, el) -> bool:
    """A breadcrumb drawn as a list whose separators are left to CSS: two to six short items, the last one the
    current page (no link, or its headline linking the page itself: Orchard's), or the list (or what holds it) named
    as a breadcrumb; not a nav menu of links (nor its empty <li class="menuR"> end caps), nor a form's fields under
    their labels (昵称, 电子邮箱, 个人主页)."""
    items = [li for li in el if li.tag == "li" and el_text(li)]
    if not 2 <= len(items) <= 6 or any(len(el_text(li)) > 20 for li in items[:-1]) or \
            next(el.iter("label", "input", "textarea", "select"), None) is not None:
        return False
    holder = el.getparent()
    last = items[-1]
    named = any(_CRUMB_ATTR.search(class_and_id(e) + " " + (e.get("aria-label") or "")) for e in (el, holder)
                if e is not None)
    text = el_text(last)
    link = last.find(".//a")
    # (its headline, linked: the <title> names it, or the link is to the page itself)
    current = link is None or len(text) >= 8 and (
        text in doc.title_text or _links_page(doc.base_url, link.get("href"), doc.url))
    if len(text) > 20:  # the current page's headline, not another page's link (or in a list named a breadcrumb)
        return (named or current) and len(text) <= _HEADLINE_ITEM
    return current or named


#: A folder's index file, and the path of a site's front page.
INDEX_FILE = r"(?:index|default)\.(?:s?html?|aspx?|php|jsp)"
_ROOT_PATH = re.compile(rf"/(?:{INDEX_FILE})?", re.I)
_ROOT_RELATIVE = re.compile(rf"(?:\.\.?/)*(?:{INDEX_FILE})?", re.I)
#: The title of a link to the home page whatever it shows.
HOME_TITLES = frozenset(("首页", "网站首页", "主页", "返回首页", "首頁", "網站首頁", "主頁", "返回首頁"))


def _image_separated(el) -> bool:
    """Two to five short items (cells, links, texts) with an image, an arrow or an empty icon element between each
    two and nothing else, a home icon before the first allowed: a breadcrumb drawn without a label or a separator
    character (<td><img></td><td>首页</td><td><img></td>…, <a>首页</a><i class="icon-arrow"></i><a>民生</a>…).
    The last item, the current page, may be its headline."""
    seq, texts = [], []

    def add(text: str) -> None:
        if text:
            seq.append("t")
            texts.append(text)

    add(clean_text(el.text))
    for kid in el:
        if not isinstance(kid.tag, str):
            continue
        text = el_text(kid)
        if text:
            add(text)
        elif kid.tag in ("img", "i", "span", "em") or kid.find(".//img") is not None:
            seq.append("i")
        add(clean_text(kid.tail))
    while seq[:1] == ["i"]:
        del seq[0]  # a home icon before the first item
    return 3 <= len(seq) <= 9 and seq[0] == "t" == seq[-1] and all(a != b for a, b in zip(seq, seq[1:])) and \
        all(len(t) <= 12 for t in texts[:-1]) and len(texts[-1]) <= _HEADLINE_ITEM


def _image_name(a) -> str:
    """The name an image-only link shows: its image's alt text, or the link's aria-label (an icon font's home item,
    Xiuno's <a aria-label="首页"><i class="icon-home"></i></a>); "" when none."""
    img = next(a.iter("img"), None)
    return clean_text((img.get("alt") if img is not None else None) or a.get("aria-label") or "")


def crumb_line(text: str, crumbs: list[str]) -> bool:
    """Whether a line of text is the breadcrumb read as `crumbs` (a label, the items in order with strong separators
    between them, a trailing 正文 at most): 首页>民生>正文, printed as a line of a block rather than an element."""
    if len(crumbs) < 2 or len(text) > 150:
        return False
    label = CRUMB_LABEL.match(text)
    rest = text[label.end():] if label else text
    for k, item in enumerate(crumbs):
        if k:
            sep = _CRUMB_STRONG.match(rest)
            if sep is None:
                return False
            rest = rest[sep.end():]
        if not rest.startswith(item):
            return False
        rest = rest[len(item):]
    sep = _CRUMB_STRONG.match(rest)
    tail = rest[sep.end():] if sep else rest
    return not tail.strip() or _CRUMB_TAIL_DROP.match(tail.strip()) is not None


def _crumb_candidates(doc: Doc, starts) -> dict:
    """{element: (text, strong separators)} of the breadcrumbs that start at each (home element, home text or None
    for 首页-like text) of starts: the smallest ancestor holding separators and at least one more item."""
    cands: dict = {}
    T = doc.T
    for e, name in dict.fromkeys(starts):
        c = e
        for _ in range(5):
            j = doc.position(c)
            if j < 0 or T[j] > 300:
                break
            text = el_text(c)
            if len(text) > 200:
                break
            if name is None:
                m = CRUMB_HOME.search(text)
                start, end = (m.start(), m.end()) if m else (-1, -1)
            else:
                start = text.find(name)
                end = start + len(name) if start >= 0 else -1
            if start > 0 and len(text[:start].strip()) > 30:
                break  # other text before the home item: a block around the crumb (a page bar's [首页] far below it)
            if end >= 0 and "位置" in text[:12] and len(text) < 150 and text[end:].strip() \
                    and not _CRUMB_STRONG.search(text[end:]) and not _CRUMB_WEAK.match(text[end:]):
                # 当前位置：首页 <img> 民生经济 <img> 正文: image separators (not the label's <li> with the home item
                # alone: ChanZhi's)
                cands[c] = (text, False)
                break
            if end >= 0 and c.tag in ("ol", "ul") and _list_crumb(doc, c):
                cands[c] = (text, False)  # <ol><li>首页</li><li>民生经济</li><li>正文</li></ol>: CSS separators
                break
            if end >= 0 and c.tag in ("tr", "div", "p", "span", "td", "nav") and _image_separated(c):
                cands[c] = (text, False)  # <td>首页</td><td><img></td><td>新闻中心</td><td><img></td>…: arrow images
                break
            if end >= 0 and _CRUMB_ATTR.search(class_and_id(c)) and 2 <= sum(1 for _ in c.iter("a")) <= 6:
                cands[c] = (text, False)  # <div class="bread">首页 <img> 专题 <img> 2015两会</div>: named as one
                break
            # (not the home item's own <span>, its separator and nothing after it, as Plone prints each item: the
            # rest is in a block higher up)
            if end >= 0 and not _CRUMB_STRONG.fullmatch(text[end:]):
                after = text[end:]
                if _CRUMB_STRONG.match(after) or (_CRUMB_STRONG.search(after) and len(after) < 150):
                    cands[c] = (text, True)
                    break
                if _CRUMB_WEAK.match(after) and len(after) > 1 and not _CRUMB_WEAK.fullmatch(after):
                    cands[c] = (text, False)
                    break
            c = c.getparent()
            if c is None:
                break
    return cands


def find_breadcrumb(doc: Doc, title: str | None, body, page_url: str, rules: Mapping | None = None, headline=None):
    """(items, element) of the breadcrumb, ([], None) when the page shows none (headline: the headline's element,
    when one was found)."""
    el = rule_element(doc, rules, "breadcrumb")
    if el is not None:
        items, _ = crumb_items(el, title, page_url, doc.base_url)
        return items, el
    bpos = doc.position(body) if body is not None else len(doc.els)
    starts = []
    for e, is_tail, _ in doc.text_nodes(("首页", "主页", "首 页", "首頁", "主頁", "首 頁", "Home", "HOME")):
        if is_tail:
            e = e.getparent()
            if e is None:
                continue
        if e.tag == "title":
            continue  # the page's <title> (首页 - 新疆民生网 on a front page), no breadcrumb it shows
        if e.tag != "a":
            anc = e.getparent()
            if anc is not None and anc.tag == "a":
                e = anc
        if e.tag == "a" and len(clean_text(text_of(e))) > 8:
            continue
        starts.append((e, None))
    best, best_items = _best_crumb(doc, _crumb_candidates(doc, starts), title, body, bpos, page_url)
    if best is None:
        # a home link that shows the site's name (Discuz: <a href="./" title="首页">新疆民生网</a> › 门户 › …; or
        # <a href="/">新疆民生网</a> » 民生经济): a look at every link, so only when no text 首页 starts one
        # (or only the site's logo, a separator right after it: <a href="/"><img alt="新疆民生网"></a> &gt; 新闻中心)
        named = [(a, name) for a in doc.root.iter("a") if (a.get("title") in HOME_TITLES or to_site_root(doc, a)
                                                            or _service_root(a) or _folder_front(doc, a))
                 and (2 <= len(name := el_text(a)) <= 12
                      or not name and _CRUMB_STRONG.match((a.tail or "").strip()) and _image_name(a)
                      or not name and a.get("aria-label") in HOME_TITLES)]  # (an icon: Xiuno's <i class="icon-home">)
        best, best_items = _best_crumb(doc, _crumb_candidates(doc, named), title, body, bpos, page_url)
    if best is None:
        # a 位置 label's links whose first is no front page (a blog group's 您的位置：<a>记者博客</a> >> <a>李娜的博客</a>)
        best, best_items = _best_crumb(doc, _crumb_candidates(doc, _labelled_crumb_starts(doc)), title, body, bpos,
                                       page_url)
    if best is None:
        # a block named as a path whose links start with no front page (澎湃's <div class="news_path"><a>民生</a> &gt;
        # <a>就业社保</a></div>), or such links alone right above the headline, its levels between strong separators
        named = _named_crumb_starts(doc) + _headline_crumb_starts(headline)
        best, best_items = _best_crumb(doc, _crumb_candidates(doc, named), title, body, bpos, page_url)
        if best is not None and not _CRUMB_STRONG.search(text_of(best)):
            best = None
    if best is None and (marked := _microdata_crumb(doc, title)) is not None:
        return marked
    if best is None:
        return _line_crumb(doc, title, page_url, [e for e, _ in starts if e.tag == "a"]) or _logo_crumb(doc), None
    return best_items, best


def _microdata_crumb(doc: Doc, title: str | None):
    """(items, element) of a schema.org BreadcrumbList the page marks up without separators or a home level
    (Discourse's category badge over a topic: itemprop="name" 就业社保), or None."""
    for el in doc.root.xpath("//*[contains(@itemtype, 'BreadcrumbList')]"):
        names = [n.get("content") if n.tag == "meta" else el_text(n) for n in el.iter() if n.get("itemprop") == "name"]
        if (names := [name for name in names if name and name != title]) and not is_home_item(names[0]):
            return names, el  # (one that starts at the front page is a trail the links above read, or none)
    return None


def _logo_crumb(doc: Doc) -> list[str]:
    """[site, channel] of a masthead that names the page's channel (a folder above it) beside the site's logo and
    nothing else (新京报's <div id="logo"><a href="/"><img alt="新疆民生网"></a><h3><a href="/news/">民生新闻</a></h3>
    </div> over /news/2016/03/12/396512.html): the only trail such a page prints."""
    for img in doc.root.iter("img"):
        logo = img.getparent()
        if logo.tag != "a" or not (site := _image_name(logo)) or el_text(logo) or not to_site_root(doc, logo):
            continue
        box = logo.getparent()
        kids = [kid for kid in box if isinstance(kid.tag, str)]
        if len(kids) != 2 or kids[0] is not logo:
            continue
        links = kids[1].findall(".//a")
        channel = el_text(kids[1])
        if len(links) == 1 and channel == el_text(box) == el_text(links[0]) and len(channel) <= 12 \
                and folder_home_link(doc, links[0]):
            return [site, channel]
    return []


_NAMED_PATH = etree.XPath("//*[contains(@class, 'path') or contains(@id, 'path')][.//a]")


def _named_crumb_starts(doc: Doc) -> list:
    """(first link, its text) of each block named a path (class or id) that holds links of its own."""
    starts = []
    for el in _NAMED_PATH(doc.root):
        if _PATH_NAME.search(class_and_id(el)):
            a = next(el.iter("a"))
            starts.append((a, el_text(a)))
    return starts


_PATH_NAME = re.compile(r"(?:^|[\s_-])path(?:$|[\s_-])", re.I)


def _headline_crumb_starts(headline) -> list:
    """[(first link, its text)] of the block right above the headline (or above the block it opens) when that
    block is links alone, two to six short ones joined by strong separators (民生 &gt; 就业社保); [] else."""
    if headline is None:
        return []
    while headline.getprevious() is None and (up := headline.getparent()) is not None and up.tag != "body" \
            and not (up.text or "").strip():
        headline = up
    above = headline.getprevious()
    if above is None or (above.text or "").strip():
        return []
    links = [kid for kid in above if isinstance(kid.tag, str)]
    if not 2 <= len(links) <= 6 or any(a.tag != "a" or not 2 <= len(el_text(a)) <= 12 for a in links) \
            or (links[-1].tail or "").strip() or not all(_CRUMB_STRONG.fullmatch(a.tail or "") for a in links[:-1]):
        return []
    return [(links[0], el_text(links[0]))]


def _labelled_crumb_starts(doc: Doc) -> list:
    """(link, its text) of the first link right after each 位置 label (您的位置：, 当前位置：) that is a text of its own."""
    starts = []
    for e, is_tail, text in doc.text_nodes(("位置",)):
        if not CRUMB_LABEL.fullmatch(text.strip()):
            continue
        if is_tail:  # the label after a home icon (<img>&nbsp;当前位置：<a>新疆民生网</a><img>…)
            first = e.getnext()
        else:
            first = e[0] if len(e) else e.getnext() if not (e.tail or "").strip() else None
        if first is None and not (e.tail or "").strip():
            # the label alone in a heading, the links in the block after it (Liferay: <h1><span>位置</span></h1>
            # <ul class="breadcrumbs"><li><span><a>新疆民生网</a></span></li>…)
            holder = e
            while holder.getnext() is None and (up := holder.getparent()) is not None and not (up.text or "").strip() \
                    and not (holder.tail or "").strip():
                holder = up
            after = holder.getnext() if not (holder.tail or "").strip() else None
            first = next(after.iter("a"), None) if after is not None and after.tag != "a" else after
            if first is not None and not el_text(after).startswith(el_text(first)):
                first = None  # text before the first link: not a list of the label's links
        if first is not None and first.tag == "a" and 2 <= len(name := el_text(first)) <= 12:
            starts.append((first, name))
    return starts


def _line_crumb(doc: Doc, title: str | None, page_url: str, homes=()) -> list[str]:
    """A breadcrumb that is one line among <br>-separated lines (a WAP page's one <p>: logo<br/><a>新疆民生网</a>&gt;
    <a>民生</a>&gt;正文<br/><b>headline</b>…; a Domino form's cell: <font>您的位置：</font><a>首页</a> → …<br>
    <b>标 题：</b>…): the line's items when it starts with a link to the site's front page (or 首页, after a label),
    splits at strong separators and is short; [] else. Asked only of pages without an element for it."""
    firsts = [first for br in doc.root.iter("br") if (first := br.getnext()) is not None and first.tag == "a"
              and not (br.tail or "").strip()]
    for home in homes:  # 首页 at the start of its block, or after a label that is (您的位置：)
        before = home.getprevious()
        if before is None:
            if not (home.getparent().text or "").strip():
                firsts.append(home)
        elif before.tag != "br" and before.getprevious() is None and not (before.tail or "").strip() \
                and CRUMB_LABEL.fullmatch(el_text(before)):
            firsts.append(before)
    for first in firsts:
        line = etree.Element("span")
        node = first
        while node is not None and node.tag != "br" and len(line) < 12:
            nxt = node.getnext()
            line.append(deepcopy(node))  # a copy: the page's own stays in place
            node = nxt
        text = el_text(line)
        if len(text) > 60 or not _CRUMB_STRONG.search(text) or PN.search(text):
            continue  # (nor a post's menu: 首页 | 下一篇: <a>…</a> » on a blog's first post)
        lead = first if first.tag == "a" else first.getnext()
        home = is_home_item(el_text(lead)) or to_site_root(doc, lead)
        items, strong = crumb_items(line, title, page_url, doc.base_url)
        if home and strong and 2 <= len(items) <= 6:
            return items
    return []


def site_root_link(doc: Doc, el) -> bool:
    """Whether el is (or holds) a link to the site's front page, from another page."""
    a = el if el.tag == "a" else el.find(".//a")
    return a is not None and to_site_root(doc, a) and _ROOT_PATH.fullmatch(host_dir(doc.url)[2]) is None


def folder_home_link(doc: Doc, el) -> bool:
    """Whether el is (or holds) a link to the front page of a folder above the page: a blog's home under the site
    (Blogger's <h1><a href="/blog/">李娜的民生笔记</a></h1> over /blog/2011/05/blog-post_12.html, bokee's index.html),
    or a front controller's page that the page's query narrows to a document (LifeType's index.php?blogId=1 over its
    index.php?op=ViewArticle&articleId=3&blogId=1; not by a page number alone: a thread's first page over its
    viewtopic.php?f=3&t=1188&start=15)."""
    a = el if el.tag == "a" else el.find(".//a")
    href = absolute(doc.base_url, a.get("href")) if a is not None else None
    if href and "?" in href and "#" not in href:
        there, here = urlsplit(href), urlsplit(doc.url)
        above, narrowed = set(parse_qsl(there.query)), set(parse_qsl(here.query))
        return (there.netloc, there.path) == (here.netloc, here.path) and above < narrowed and not (
            len(narrowed - above) == 1 and next(iter(narrowed - above))[1].isdigit())
    if not href or "?" in href or "#" in href:
        return False
    host, folder, path = host_dir(href)
    here = host_dir(doc.url)
    if not path.endswith("/"):  # (its index page: bokee's ../../../index.html)
        if here[2].startswith(path + "/") and here[2][len(path):].count("/") >= 3:
            return host == here[0]  # (a blog's home three steps above a post: b2evolution's /index.php/minsheng
            # over /index.php/minsheng/2008/05/12/jianxi-jidi; not a post's page 1 over its /2 or /p/2)
        if not _ROOT_PATH.fullmatch(path[len(folder):]):
            return False
        path = folder + "/"
    return host == here[0] and here[2] != path and here[2].startswith(path)


def _folder_front(doc: Doc, a) -> bool:
    """Whether a link goes to the front page of the page's own folder, not the site's: a forum's under /bbs/ (Discuz's
    <a href="index.php">新疆民生网论坛</a> » 民生论坛 » …), a wiki's /baike (HDWiki's 新疆民生百科 >>所属分类 >> …)."""
    href = absolute(doc.base_url, a.get("href"))
    if not href or "?" in href:  # (not a filter of it: 和讯博客's default.html?tag=民生关注)
        return False
    host, folder, path = host_dir(href)
    here = host_dir(doc.url)
    return host == here[0] and here[1] != "" and (folder == here[1] and _ROOT_PATH.fullmatch(path[len(folder):])
                                                  or path == here[1]) \
        and "页" not in (name := el_text(a)) and not name.isdigit()  # (not a pager's < 上一页, 第1页, 1 back to page 1)


def _service_root(a) -> bool:
    """Whether a link goes to another host's front page: the service a mirror copies, its trail's first item (贴吧's
    <a href="http://tieba.baidu.com/">百度贴吧</a> &gt; 新疆民生吧)."""
    href = (a.get("href") or "").strip()
    return href.startswith(("http://", "https://")) and _ROOT_PATH.fullmatch(host_dir(href)[2]) is not None


def to_site_root(doc: Doc, a) -> bool:
    """Whether a link goes to the site's front page (/, /index.html, ...) on the page's own host. Asked of every
    link of some pages: string tests first, a join only for a relative ../ or index.html."""
    href = (a.get("href") or "").strip()
    if "?" in href and all(map(is_session_param, filter(None, href.partition("?")[2].split("&")))):
        href = href.partition("?")[0]  # index.asp?sid=6666CD76F969: a session token, no other page
    if href.startswith(("http://", "https://")):
        host, _, path = host_dir(href)
        return _ROOT_PATH.fullmatch(path) is not None and host == host_dir(doc.url)[0]
    if href.startswith("/"):
        return not href.startswith("//") and _ROOT_PATH.fullmatch(href.partition("#")[0]) is not None
    if not href or not _ROOT_RELATIVE.fullmatch(href):
        return False
    return _ROOT_PATH.fullmatch(host_dir(absolute(doc.base_url, href) or "")[2]) is not None


def _best_crumb(doc: Doc, cands: dict, title: str | None, body, bpos: int, page_url: str):
    """(element, items) of the best-scoring breadcrumb candidate, (None, []) when none scores 0 or more."""
    best, best_score, best_items = None, -1e9, []
    for c, (text, strong) in cands.items():
        items, strong2 = crumb_items(c, title, page_url, doc.base_url)
        if len(items) < 1 or any(PAGE_WORD.match(t) or PN.fullmatch(t) for t in items[1:]) \
                or any(map(_CLOCK.search, items[1:-1])):
            continue  # (首页 上一页 下一页 尾页: a page bar, or < 上一篇 | 博客首页 | 下一篇 >; 新疆民生网 > 2018-8-27 09:02
            # 来自 …: a post's head)
        if not strong2 and len({next(a.iterancestors("tr"), None) for a in c.iter("a")} - {None}) >= 2:
            continue  # (a box's rows, · before each: 友情链接 over · <a>新疆民生网</a> and · <a>中国博客网</a>)
        n_links = sum(1 for _ in c.iter("a"))
        score = 0.0
        score += 4 if strong2 else 0
        # (a list of items drawn with CSS separators has its 您的位置： label beside it: <span>您的位置：</span><ul>…)
        labelled = el_text(c.getparent()) if c.tag in ("ol", "ul") and c.getparent() is not None else text
        if CRUMB_LABEL.match(labelled) and ("位置" in labelled[:12] or "导航" in labelled[:12]):
            score += 4
        if n_links > 7 or len(items) > 7:
            score -= 6
            if body is not None and (doc.contains(c, body) or doc.contains(body, c) and
                                     doc.T[doc.position(c)] * 2 > doc.T[doc.position(body)]):
                score -= 6  # the block that holds the article's text too (a Domino form's one cell)
        pos = doc.position(c)
        if pos < bpos:
            score += 2 - min((bpos - pos) / 300, 2)
        elif not doc.contains(body, c):
            score -= 3
        if not strong2 and not ("位置" in text[:12]):
            # weak separators (- /): nav bars and footers use them too; want a short chain, and a chain split by
            # bars (首页 | 新闻中心 | 法治 | the headline) only where it ends in the page's headline (which may say
            # anything: 关于…的通知; not a page named like a nav item, 关于我们), or a list under a 当前位置： label
            named = text.replace(title, "") if title and len(title) > 8 else text
            if len(items) > 4 or FOOTER.search(text) or "关于" in named or "联系" in named or "|" in text and not (
                    title and title[:6] in text.rsplit("|", 1)[-1] or "位置" in labelled[:12]):
                score -= 8
        if len(items) >= 2:
            score += 1
        if score > best_score:
            best, best_score, best_items = c, score, items
    return (best, best_items) if best is not None and best_score >= 0 else (None, [])
