"""The printed headline: h1-h4, title-ish class/id, bold or large-font elements, and any short text that the
``<title>`` starts (or ends) with; the candidate that best matches the ``<title>`` (usually ``headline-site`` or
``headline_category_site``) or the breadcrumb's last item wins, else a ``<title>`` segment."""

from __future__ import annotations

import re
from collections.abc import Mapping
from difflib import SequenceMatcher

from .breadcrumb import folder_home_link, site_root_link, to_site_root
from .cues import DATE_IN, HEADING_WEIGHTS, PAGEBAR_LINE, PN, RELATED, absolute, el_text, has_label, nav_heading
from .generic import Doc, text_of
from .hidden import NOT_DISPLAYED_STYLE
from .normalize import EN_DATE, WEEKDAY, canonical_url, clean_text
from .site_rules import rule_element


_TITLE_CLASS = re.compile(r"title|biaoti|headline|heading|subject|(?:^|[^a-z])(?:bt|tit|tt|h1)(?:[^a-z]|$)", re.I)
_NOT_TITLE_CLASS = re.compile(r"subtitle|sub_title|fu_?bt|title_?list|titlelist|list|link|nav|menu|more", re.I)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt|em)?", re.I)
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
#: A <font size>'s weight as the heading of its size weighs (4: 18px as <h3>, 5: 24px as <h2>, 6 and 7: as <h1> or
#: larger); "+1" is 4.
_FONT_SIZE_WEIGHTS = {4: HEADING_WEIGHTS["h3"], 5: HEADING_WEIGHTS["h2"], 6: HEADING_WEIGHTS["h1"],
                      7: HEADING_WEIGHTS["h1"]}
#: The number a text's subheading opens with (一、 （二） 3、), which no headline has.
_NUMBERED = re.compile(r"[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}、")
#: A page's number in brackets after a headline: (一), （2）.
_PAGE_MARK = re.compile(r"[(（](?:[一二三四五六七八九十]{1,3}|\d{1,2})[)）]$")
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--+|—+|–|\s-\s|-(?=[^\d\s])|<|>|::)\s*")


def title_segments(title_text: str) -> list[str]:
    return [s for s in _TITLE_SPLIT.split(title_text) if s]


def title_match(text: str, title_text: str) -> float:
    """How well a printed candidate matches the <title>: 3 full leading segment (2.9 before a bracket: 标题 under
    标题（图）_…), 2.5 trailing segment, 2 prefix (or the full text of a leading segment cut with ...), 1.5 contained,
    else a similarity in [0, 1)."""
    if not title_text or not text:
        return 0.0
    if title_text == text:
        return 3.2
    if title_text.startswith(text):
        rest = title_text[len(text):].lstrip()
        if not rest or rest[0] in "-_|｜—–:：·,，>/\\" or rest.startswith("--"):
            return 3.0
        if rest[0] in "(（[【<《":  # (a badge after it, （图）: below the whole segment where one prints it)
            return 2.9
        return 2.0 if len(text) >= 6 else 0.5
    if title_text.endswith(text):
        before = title_text[: -len(text)].rstrip()
        if before and before[-1] in "-_|｜—–:：·>/\\<":
            return 2.0
    if len(text) >= 6 and text in title_text:
        return 1.5
    seg = title_segments(title_text)
    first = seg[0] if seg else title_text
    if first.endswith(("...", "…")):  # a CMS that cuts long headlines in <title>: the full one starts with the cut
        cut = first.rstrip(".…").rstrip()
        if len(cut) >= 6 and len(text) > len(cut) and text.startswith(cut) and not text.endswith(("...", "…")):
            return 2.0
    if len(text) >= 4 and abs(len(first) - len(text)) < 12 and len(set(text) & set(first)) * 2 >= len(set(text)):
        r = SequenceMatcher(None, first, text, autojunk=False).ratio()
        if r >= 0.6:
            return r
    return 0.0


_STYLED_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font"))


def _style_weight(el) -> float:
    tag = el.tag
    if tag not in _STYLED_TAGS and not el.attrib:
        return 0.0
    w = HEADING_WEIGHTS.get(tag, 0.0)
    get = el.get
    cls, id_, style = get("class"), get("id"), get("style")
    if cls or id_:
        attrs = (cls or "") + " " + (id_ or "")
        if _TITLE_CLASS.search(attrs) and not _NOT_TITLE_CLASS.search(attrs):
            w = max(w, 2.0)
    if style:
        m = _FONT_SIZE.search(style)
        if m:
            size = float(m.group(1))
            unit = (m.group(2) or "px").lower()
            px = size * (16 if unit == "em" else 1.33 if unit == "pt" else 1)
            if px >= 16:
                w = max(w, 1.2 + min((px - 16) / 8, 1.0))
        if _BOLD.search(style):
            w = max(w, 1.2)
    if tag == "font":
        size = (get("size") or "").strip()
        if size.isdigit() or size.startswith("+") and size[1:].isdigit():
            w = max(w, _FONT_SIZE_WEIGHTS.get(int(size) + 3 if size[0] == "+" else int(size), 0.0))
    elif tag in ("b", "strong"):
        w = max(w, 1.0)
    return w


def _block_weight(el) -> float:
    """_style_weight of el, or of the styled element that is all it holds (<div><font size="6"><b>headline</b></font>
    </div>: the block is the headline's line, as heavy as its text is printed)."""
    w = _style_weight(el)
    while len(el) == 1 and not (el.text or "").strip() and not ((child := el[0]).tail or "").strip():
        el = child
        w = max(w, _style_weight(el))
    return w


def heading_like(el) -> bool:
    """Whether el is a heading, or prints as one: a block or <font> at least as heavy as an <h3> (<div><font size="5">
    <b>…</b></font></div>, as pages made before CSS print a heading)."""
    return el.tag in HEADING_WEIGHTS or _block_weight(el) >= HEADING_WEIGHTS["h3"]


class TitleInfo:
    __slots__ = ("text", "el", "match", "weight", "near")

    def __init__(self, text: str, el, match: float, weight: float, near: bool = False):
        self.text, self.el, self.match, self.weight, self.near = text, el, match, weight, near


CJK = re.compile(r"[\u4e00-\u9fff]")
PUA = re.compile(r"[\ue000-\uf8ff]")
_TITLE_WORDS = r"主\s*题|标\s*题|题\s*目|文章标题|帖子主题|新闻标题|信息标题"
_TITLE_LABEL = re.compile(rf"^(?:{_TITLE_WORDS})\s*[:：]\s*")
#: A headline's label alone (a record grid's 标题 cell).
TITLE_NAME = re.compile(rf"(?:{_TITLE_WORDS})\s*[:：]?")
_TITLE_JUNK = " *·•■□◆◇★☆►▶>»→-_|—–:："
#: A badge a blog or forum prints before a headline: pinned, original, reposted, featured.
_BADGE_WORDS = "置顶|原创|转载|翻译|推荐|精华|热门|顶"
_BADGE = re.compile(rf"[\[【](?:{_BADGE_WORDS})[\]】]\s*")
#: ... printed as an element of its own (搜狐号's <span>原创</span>), brackets or none.
_BADGE_WORD = re.compile(rf"[\[【]?(?:{_BADGE_WORDS})[\]】]?")
#: What a date in Chinese prints after its DATE_IN part: 日 and a weekday.
_WEEKDAY_DAY = re.compile(r"日|" + WEEKDAY)


def _lead_badge(el) -> str | None:
    """The badge an element opens with as a child of its own (<span>原创</span>), None when it opens otherwise."""
    first = el[0]
    if (el.text or "").strip() or not isinstance(first.tag, str) or first.tag not in ("span", "em", "i", "b", "sup"):
        return None
    word = el_text(first)
    return word if _BADGE_WORD.fullmatch(word) else None


def _br_spaced(el) -> str:
    """el's text with a space for each <br>."""
    parts = [el.text or ""]
    for d in el.iterdescendants():
        if d.tag == "br":
            parts.append(" ")
        elif isinstance(d.tag, str):
            parts.append(d.text or "")
        parts.append(d.tail or "")
    return "".join(parts)


def headline_text(raw: str) -> tuple[str, bool]:
    """A candidate's printed text, cleaned: (text, had a 主题：-style label)."""
    text = clean_text(PUA.sub("", raw))
    labelled = False
    m = _TITLE_LABEL.match(text) or text[:1] in _TITLE_JUNK and _TITLE_LABEL.match(text := text.lstrip(_TITLE_JUNK))
    if m:  # (after a bullet too: DVBBS's * 帖子主题：…)
        text, labelled = text[m.end():], True
    text = text.strip(_TITLE_JUNK)
    return clean_text(text), labelled


def _without_topic(el, text: str) -> str:
    """A headline's text without the topic link printed before it (PHP-Nuke's <b><a>民生热点</a>: headline</b>, a
    forum's <h1><a>[民生新闻]</a> headline</h1>): the link first in el, a colon right after it or brackets around it;
    nor a script's button in brackets after it (PHPWind's <a href="javascript:;">[复制链接]</a>)."""
    last = el[-1] if len(el) else None
    if last is not None and last.tag == "a" and not (last.tail or "").strip() and \
            (last.get("href") or "").strip().lower().startswith("javascript:") and \
            _BRACKETED.fullmatch(button := clean_text(text_of(last))) and text.endswith(button):
        text = clean_text(text[:-len(button)])
    first = el
    while first.tag != "a" and len(first) and not (first.text or "").strip():
        first = first[0]
    if first is el or first.tag != "a":
        return text
    topic = clean_text(text_of(first))
    colon = (first.tail or "").lstrip().startswith((":", "："))
    if not (colon or _BRACKETED.fullmatch(topic)) or not (topic and len(topic) <= 12 and text.startswith(topic)):
        return text
    rest = text[len(topic):].lstrip()
    return clean_text(rest[1:] if colon else rest)


_BRACKETED = re.compile(r"\[[^\[\]]{1,10}\]|【[^【】]{1,10}】")


def _labelled_value(el) -> bool:
    """Whether an element prints the value of the info label right before it (来源：<span>…</span>, 【来源】…)."""
    prev = el.getprevious()
    parent = el.getparent()
    lead = (prev.tail if prev is not None else parent.text if parent is not None else None) or ""
    lead = lead.rstrip()
    return lead.endswith((":", "：", "】")) and has_label(lead[-12:])


def _run_in_label(el) -> bool:
    """Whether an element is the run-in label of a paragraph (<b>百姓热线</b>：您身边有什么烦心事…), no headline."""
    return (el.tail or "").lstrip()[:1] in (":", "：")


def _label_first(el) -> bool:
    """Whether the element's text starts with a 主题：/标题：-style label."""
    text = (el.text or "").strip()
    if not text and len(el):
        text = (el[0].text or "").strip()
    return text[:2] in ("主题", "标题", "题目")


def _proximity(doc: Doc, i: int, bpos: int, body) -> tuple[float, bool]:
    """Score for where a headline candidate sits relative to the body block, and whether it is 'near'."""
    if bpos < 0:
        return 0.0, True
    if doc.contains(body, doc.els[i]):
        d = i - bpos
        return (5.0, True) if d <= 40 else (-6.0, False)
    if i < bpos:
        d = bpos - i
        if d <= 30:
            return 5.0, True
        if d <= 80:
            return 1.0, False
        if d <= 200:
            return 0.0, False
        return -15.0, False
    return -10.0, False


def _after_sentences(doc: Doc, bpos: int, i: int) -> bool:
    """Whether a sentence of the text block at bpos comes before its element i (which a headline never follows)."""
    texts, tails, size = doc.texts, doc.tails, doc.size
    before = "".join(filter(None, (*texts[bpos:i], *(tails[j] for j in range(bpos + 1, i) if j + size[j] <= i))))
    return "。" in before


def _no_headline(text: str, boxes: bool = True) -> bool:
    """Whether a text says what it is and that is no headline: a labelled info line, a 上一篇/下一篇 item, a page bar;
    with boxes, a sidebar box's label (热门文章) or a module's title naming the page's kind (DotNetNuke's 新闻详细 over
    the headline)."""
    return bool(has_label(text) or PN.search(text) or PAGEBAR_LINE.search(text)) or \
        boxes and bool(RELATED.match(text) or PAGE_TYPE_TITLE.fullmatch(text) or nav_heading(text))


def headline_above(doc: Doc, el) -> TitleInfo | None:
    """The headline printed in a plain element right above el (the article's labelled info line), for a page whose
    <title> names only the site and the page's kind (新疆民生网--民生信息--新闻详细) and whose headline has no heading
    tag, style or telling class: the nearest element before el with text, when it reads as a headline (short, no
    link, no sentence, no label) and nothing but markup stands between them."""
    k = doc.position(el)
    if k <= 0:
        return None
    T, els, contains = doc.T, doc.els, doc.contains
    for j in range(k - 1, max(-1, k - 12), -1):
        cand = els[j]
        if T[j] == 0 or contains(cand, el):
            continue
        # the largest element around it that holds this text alone (a <td> around a <font>)
        while (up := cand.getparent()) is not None and not contains(up, el) and T[doc.position(up)] == T[j]:
            cand = up
        i = doc.position(cand)
        if doc.L[i] or doc.size[i] > 6:
            return None
        text, _ = headline_text(text_of(cand))
        if not 5 <= len(text) <= 60 or not CJK.search(text) or "。" in text or text.count("，") > 2 or \
                _no_headline(text) or DATE_IN.search(text):
            return None
        return TitleInfo(text, cand, 0.0, 0.0, True)
    return None


#: A <title> that names the kind of page every article shares (a hand-made ASP.NET site's 新闻详细, Visual Studio's
#: 无标题页).
PAGE_TYPE_TITLE = re.compile(r"(?:新闻|文章|信息)?(?:详细|详情|内容|正文)(?:页|页面|信息|内容)?|无标题页|untitled page",
                             re.I)
#: A <title> of page 2.. of an article (WordPress's 标题 – 第2页 – 站点, Page 3).
_LATER_PAGE_TITLE = re.compile(r"第\s*(?:[2-9]|\d{2,})\s*页|\bpage\s*(?:[2-9]|\d{2,})\b", re.I)
#: A <title> that opens with the name of its owner's diary or blog (开心网's `李娜的日记 - 开心网` on every entry): it
#: names the book, not the entry.
_OWNERS_BOOK = re.compile(r"\S{1,12}的(?:日记|博客|日志|空间|部落格)")


#: What a heading's own anchor link shows (VuePress's <a class="header-anchor">#</a>, Sphinx's ¶).
_ANCHOR_MARKS = "#¶§"


def _heading_anchor_out(el, text: str) -> str:
    """A heading's text without the mark of its anchor link to itself (# 标题, 标题 ¶)."""
    for a in el.iter("a"):
        mark = el_text(a)
        if len(mark) == 1 and mark in _ANCHOR_MARKS and (a.get("href") or "").startswith("#"):
            return text[1:].lstrip() if text[0] == mark else text[:-1].rstrip()
    return text


def _beside_logo(el, text: str) -> bool:
    """Whether a text is printed beside a logo of the same name (<img alt="人民日报"><p>人民日报</p> in one box)."""
    box = el.getparent()
    for _ in range(3):  # (its box, the bar around it, a <font> between)
        if box is None:
            return False
        if any(img.get("alt") == text for img in box.iter("img")):
            return True
        box = box.getparent()
    return False


def _site_names(doc: Doc) -> set[str]:
    """The texts of the links to the site's front page (its masthead's <h1><a href="/">新疆民生网</a>): its name."""
    if (names := doc.cache.get("site_names")) is None:
        names = doc.cache["site_names"] = {t for a in doc.root.iter("a") if to_site_root(doc, a) and (t := el_text(a))}
    return names


def find_title(doc: Doc, body, crumb_last: str | None, rules: Mapping | None = None,
               url: str | None = None, debug: list | None = None, beyond: bool = False, besides=None) -> TitleInfo:
    """The headline: the element around the body that matches the page's <title> best, weighed by its style and
    its place. beyond: when nothing around the body matches, look after it too (an article's densest block above
    its headline; not a listing's, whose category heading after a sidebar's box is the breadcrumb's). besides: an
    element none of whose text is the headline (a breadcrumb whose last item names the page as the <title> does:
    nothing else matches the <title> then, as the site's name in it may)."""
    el = rule_element(doc, rules, "title")
    if el is not None:
        text, _ = headline_text(text_of(el))
        if text:
            return TitleInfo(text, el, 3.0, 3.0, True)
    title_text = clean_text(PUA.sub("", doc.title_text))
    book = next(iter(title_segments(title_text)), "")
    book = book if _OWNERS_BOOK.fullmatch(book) else None  # (its heading over each entry is none of the entry's)
    if PAGE_TYPE_TITLE.fullmatch(title_text) or besides is not None or book:
        title_text = ""  # <title>新闻详细</title> names the page's kind, no article: nothing printed matches it
    bpos = doc.position(body) if body is not None else -1
    me = canonical_url(url) if url else None
    me_raw = url.split("#")[0] if url else None
    tlen = len(title_text.replace(" ", "")) or 200
    T, L, size = doc.T, doc.L, doc.size
    best = None
    best_score = -1e9
    headings = {}  # text -> (element, weight, near) of the styled unlinked candidates
    els = doc.els
    lo, hi = (max(0, bpos - 250), min(len(els), bpos + min(size[bpos], 80))) if bpos >= 0 else (0, len(els))

    def positions():
        """The elements around the body; then, when nothing there matched the <title>, those before them (a verbose
        template, a <font> in every cell, puts the headline over 250 elements before a short text's densest block:
        one that matches it is taken from there), and with beyond, those after them."""
        yield from range(lo, hi)
        if best is None or best.match < 1.5:
            yield from range(lo)
            if beyond:
                yield from range(hi, len(els))

    skip_lo, skip_hi = (k := doc.position(besides), k + size[k]) if besides is not None else (0, 0)
    # (the <title>'s words of a page 2.., when it is one: the article's name, its part's)
    later_page = [seg for seg in title_segments(title_text) if len(seg) >= 4] if bpos >= 0 and \
        _LATER_PAGE_TITLE.search(title_text) else []
    for i in positions():
        el = els[i]
        t = T[i]
        if t < 2 or t > 150 or skip_lo <= i < skip_hi:
            continue
        tag = el.tag
        if tag in ("title", "head", "html", "body", "option", "text", "tr", "table", "tbody"):
            continue
        if (size[i] > 4 or t < 4 or t > tlen) and tag not in _STYLED_TAGS and not (
                el.get("class") or el.get("id") or el.get("style")) and not _label_first(el):
            continue
        weight = _block_weight(el)
        self_link = False
        if L[i]:
            if L[i] * 2 > t:
                # link text: a headline only when it links to the page itself or sits in a heading
                if me and L[i] == t and t >= 5 and _proximity(doc, i, bpos, body)[1]:
                    a = el if tag == "a" else el.find(".//a")
                    if a is not None and a is not el and T[doc.idx[a]] < t:
                        a = None  # (one link of many: a nav bar whose 首页 is the front page's own)
                    href = absolute(doc.base_url, a.get("href")) if a is not None else None
                    # (or, a heading's one link on page 2.. of an article, to its first page: Live Spaces'
                    # entry?page=2 under <h4><a href="entry">)
                    self_link = bool(href and href.split("#")[0] == me_raw or href and (
                        (key := canonical_url(href)) == me or "?" not in key and me.startswith(key + "?")
                        and (tag in HEADING_WEIGHTS or a.getparent().tag in HEADING_WEIGHTS)))
                if not self_link and (weight < 2 or site_root_link(doc, el) or folder_home_link(doc, el)):
                    continue  # (the site's name linking to its front page is no headline, nor a blog's to its home)
                if self_link:
                    weight = max(weight, 2.0)
            # else: a headline with a small link inside (rare); keep going
        # only look at the text of elements that may be a headline: styled ones, or small leaves whose
        # text could be (part of) the <title>
        if weight == 0 and (size[i] > 4 or t < 4 or t > tlen) and not _label_first(el):
            continue
        raw = text_of(el)
        if len(el) and title_text and el.find(".//br") is not None and \
                clean_text(spaced := _br_spaced(el)) in title_text:
            raw = spaced  # (a headline broken over two lines that the <title> prints with a space)
        text, labelled = headline_text(raw)
        if len(el) and title_text and not title_text.startswith(text) and title_match(
                own := clean_text("".join([el.text or "", *(c.tail or "" for c in el)])), title_text) >= 3.0:
            text = own  # (the heading's own words, as the <title> prints them, without what its children add:
            # Discuz!NT's <h1><cite>[社保]</cite> headline <span>[复制链接]</span><span>查看:3310回复:3</span></h1>)
        if text[:1] in _ANCHOR_MARKS or text[-1:] in _ANCHOR_MARKS:
            text = _heading_anchor_out(el, text)
        # (a post's badge the <title> leaves out: CSDN's [置顶] before its headline in one link, 搜狐号's <h1><span>
        # 原创</span>…; 贴吧's <title> names it; where the headline is an element of its own, 搜狐博客's <em>[原创]</em>
        # <span>…</span>, that one)
        badge = (m.group() if text[:1] in "[【" and (m := _BADGE.match(text)) else None) or \
            (_lead_badge(el) if len(el) else None)
        if badge and text.startswith(badge) and badge.strip() not in title_text and \
                not any(el_text(inner) == text[len(badge):].lstrip() for inner in el.iterdescendants()):
            text = text[len(badge):].lstrip()
        if L[i] and L[i] * 2 <= t:
            text = _without_topic(el, text)
        if len(text) < 2 or len(text) > 100 or text == book:
            continue
        if labelled:
            weight = max(weight, 2.5)
        match = title_match(text, title_text)
        if not match and later_page and bpos <= i < bpos + size[bpos] and not any(seg in text for seg in later_page):
            continue  # (a subheading opening the text of a page 2.., whose <title> names the article it prints no more)
        if match >= 3 and not weight and _beside_logo(el, text):
            continue  # (the site's name beside its logo, what an app's share page's <title> says: 人民日报)
        if match >= 3 and not L[i] and text in _site_names(doc) and len(title_segments(title_text)) > 1:
            continue  # (the site's name, its masthead's link to the front page, a sidebar box's heading: Slash's)
        if not lo <= i < hi and match < 1.5:
            continue
        if self_link and len(text) >= 5:
            match = max(match, 1.5)
        if crumb_last and (text == crumb_last or (len(crumb_last) >= 6 and text.startswith(crumb_last.rstrip(".…")))):
            match = max(match, 2.4)
        if match == 0 and (weight == 0 or _NUMBERED.match(text)) or not any(map(str.isalpha, text)):
            continue  # (no letters: a page bar's [1] in bold; a numbered subheading the <title> does not name)
        if _no_headline(text, boxes=len(text) <= 12) or self_link and text.endswith(("...", "…")):
            continue  # (a sidebar's cut link to this page: no headline is cut)
        if (style := el.get("style")) and NOT_DISPLAYED_STYLE.search(style):
            continue  # (<span style="DISPLAY: none">新疆民生网</span> inside a sentence: what the <title> ends in)
        if _labelled_value(el) or _run_in_label(el):
            continue  # (来源：<span>新疆民生网</span>, the site's name the <title> ends in)
        if len(text) < 40 and (DATE_IN.search(text) and not CJK.search(_WEEKDAY_DAY.sub("", DATE_IN.sub("", text)))
                               or EN_DATE.fullmatch(text)):
            # (a date, with its weekday or not: 2007年5月10日 星期四 over a post; Tumblr's 5月 12, 2013 linking it)
            continue
        prox, near = _proximity(doc, i, bpos, body)
        if not L[i] and (weight >= 2 or len(text) >= 12):
            headings.setdefault(text, (el, weight, near))
        if not match and near and i > bpos >= 0 and _after_sentences(doc, bpos, i):
            prox, near = -6.0, False  # (a subheading of the text, where no <title> names the headline)
        score = match * 6 + weight * 3 + prox
        if len(text) < 4:
            score -= 5
        if debug is not None:
            debug.append((score, text, match, weight, near, i))
        if score == best_score and not match and not best.match and prox > 0 and doc.contains(body, el) and \
                not doc.contains(body, best.el):
            score += 0.01  # (nothing names the headline: of two alike, the one in the text's block, not a box's or a
            # category's heading before it: TYPO3's 办事指南 or 新闻归档 content element)
        if score > best_score and not (best is not None and best.weight >= 2 and text == best.text and
                                       (j := doc.position(best.el)) < i and not L[j] and i >= j + size[j] and
                                       (best.near or not near)):
            # (a styled headline printed again, in a <font size> atop the text: the first is the headline; not a
            # sidebar's link to the page before it; but one far above the text, a mobile bar's copy, is not)
            best, best_score = TitleInfo(text, el, match, weight, near), score
    if best is not None and best.match >= 1.5 and body is not None and _NUMBERED.match(best.text) and \
            doc.contains(body, best.el) and (over := max(
                ((text, h) for text, h in headings.items() if h[1] >= 2.5 and h[2] and len(text) >= 8
                 and doc.position(h[0]) < doc.position(best.el)), key=lambda th: th[1][1], default=None)):
        # a page n whose <title> names its part (帝国CMS's 分页标题: 二、重点群体就业保持稳定, the text's own numbered
        # subheading) under the article's headline: that headline
        best = TitleInfo(over[0], over[1][0], 1.5, over[1][1], True)
    if best is not None and best.match == 2.9 and (whole := next(
            (text for text in headings if text.startswith(best.text) and title_match(text, title_text) >= 3), None)):
        # the headline printed again atop the text without the badge the headline and the <title> print after it
        # (标题 over the text, 标题（图） as the headline): the whole one
        el, weight, near = headings[whole]
        best = TitleInfo(whole, el, title_match(whole, title_text), weight, near)
    if best is not None and best.text in headings and L[doc.position(best.el)] and headings[best.text][1] >= 2:
        # a link to the page itself beside a heading that prints the same (a sidebar's 最新文章 entry for the page,
        # its title short enough not to be cut): the heading is the headline
        el, weight, near = headings[best.text]
        best = TitleInfo(best.text, el, best.match, max(weight, best.weight), near)
    if best is not None and best.text.endswith(("...", "…")) and len(stem := best.text.rstrip(".…")) >= 8 and (
            whole := next((text for text in headings if len(text) > len(stem) + 1 and text.startswith(stem)
                           and not text.endswith(("..", "…"))), None)):
        # a headline cut short (DVBBS's topic row and <title>, 26 characters and ...) printed whole elsewhere (the
        # first post's bold line): the whole one
        best = TitleInfo(whole, headings[whole][0], best.match, best.weight, best.near)
    if best is not None and (mark := _PAGE_MARK.search(best.text)) and best.text[:mark.start()] in title_segments(
            title_text):
        # the page's number after the headline, which the <title> leaves out (PHP168's 标题(一) on each page of a
        # split article): no part of it
        best = TitleInfo(best.text[:mark.start()], best.el, best.match, best.weight, best.near)
    if best is not None and (best.match >= 1.5 or (best.match > 0 and best.weight >= 1)):
        return best
    # no printed text matches the <title>: it names the site or the section; a styled element right at
    # the body's start is the headline
    if best is not None and best.weight >= 1 and best.near:
        return best
    if title_text:
        segs = title_segments(title_text) or [title_text]
        seg = segs[0]
        if len(seg) <= 4 and len(segs) > 1:
            seg = max(segs, key=len)
        return TitleInfo(seg, None, 0.0, 0.0)
    if best is not None:
        return best
    return TitleInfo("", None, 0.0, 0.0)
