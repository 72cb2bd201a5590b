"""The info line next to the headline: author, source and published from label regexes (``作者``, ``来源``,
``发布时间``/``时间``/``日期`` with ``:`` or ``：``); a value ends at the next label, a run of spaces, U+3000/U+00A0,
``|`` or the line end. Also the signatures (（作者：… 来源：…）) and dated lines that are info, not text."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from itertools import islice

from .cues import (
    DATE_IN, HEADING_WEIGHTS, NOT_PAGE_DATE_WORDS, PN, SIGN_LABEL, STYLING_TAGS, el_text, has_label, info_labels,
)
from .generic import _SENTENCE_PUNCT, Doc, Para, _text_before, segment, text_of
from .hidden import hidden_runs
from .normalize import _SHORT_DATE, DAY_CN_MONTH, EN_DATE, SITE_TZ, WEEKDAY, YEAR_LAST_DATE, clean_text, parse_date
from .site_rules import rule_element
from .title import PUA, TitleInfo, heading_like


#: The first word of a label such as 文章来源：, 信息来源：, 刊发日期： (not in INFO_LABEL: an optional group before its
#: alternatives would make every search step through CJK text one character at a time).
_LABEL_HEAD = re.compile(r"(?:文章|信息|新闻|稿件|消息|刊发|刊登|出版|见报|成文|印发)$")
#: Where an info line's value ends: a gap, a separator, or a counter printed right after it (作者：王赟阅读 87).
_VALUE_END = re.compile(r"[\s]{2,}|\s[/／·•](?=\s|$)|\s(?=[|｜])|[\u3000\u00a0\t\r\n|｜\]】\[【]"
                        r"|(?:我要)?(?:阅读|浏览|点击|评论|人气|跟贴|跟帖)(?:量|数|次数)?(?=\s*[:：(（]?\s*(?:\d|--)|\s*[:：]\s*$)"
                        r"|已有(?=\s*\d)|\d[\d,]*\s*(?:人次|人|次)?\s*(?:浏览|阅读|点击|围观)|"
                        # 我要评论(7), 跟贴 41 条, 已有35人参与, 3021人浏览: a counter after an empty value (阅读 --, 浏览量： with nothing
                        # after it: one a script fills)
                        r"\s(?=[\u4e00-\u9fff]{2,4}\s*[:：])"  # ... or the next label (作者：张三 分类：民生)
                        r"|(?:分类|栏目|类别|标签)(?=[:：])"  # (spans printed without a space: 作者：编辑部分类：民生)
                        r"|\s?(?:举报|纠错|我要纠错)\s*$|\s投诉\s*$")  # (a button after it: 来源: 新疆民生网 举报)
#: Personal names apart by gaps or a U+3000 up to where the value ends (作者：李娜  古丽米拉·艾山: two reporters, not a
#: name and what follows it); not a paper's or an office's name (李娜  新疆日报), nor the next label's first word
#: (民生网记者刘堃　提交日期：…); each name after its title, if any, a titled one after one space too (财新记者 王喆
#: 实习记者 古丽娜尔).
_TITLED = r"[\u4e00-\u9fff]{0,6}(?:记者|通讯员|实习生)"
_NAME = (r"(?!提交|发布|发表|更新|上传|录入|修改|审核|点击|浏览|阅读|评论|摄影|摄像|编辑|责编|日期|时间)"
         rf"(?:{_TITLED}[ \u00a0]?)?[\u4e00-\u9fff]{{1,7}}(?<![报网社台站局厅委会院部处办室])(?:·[\u4e00-\u9fff]{{1,8}})?")
_NAMES = re.compile(
    rf"{_NAME}(?:(?:[ \u00a0]{{2,}}|[ \u00a0]*\u3000[ \u3000\u00a0]*|[ \u00a0](?={_TITLED})){_NAME})+")
#: A bare number ending a value, after a space or alone: the count a counter's icon shows, no name's part.
_TRAILING_COUNT = re.compile(r"(?:^|\s+)\d{1,9}$")
#: The end of a sentence: a text that has one is prose, not an info line.
SENTENCE_END = re.compile("[。！？]")

#: A date printed month first, 09/23/2013 (Drupal's stock format): apart, so that DATE_IN keeps its fast literal scan.
_DATE_YEAR_LAST = re.compile(YEAR_LAST_DATE)

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8}")
#: A time stamp's date: a date, or a two-digit year's with its time.
_STAMP_DATE = re.compile(f"(?:{DATE_IN.pattern}|{_SHORT_DATE.pattern})")

#: A date that is no page's: a member's, a product's or an event's (注册时间：…, 最后登录：…, 报名日期：…, a blog's
#: 博客开通：…), or when something starts or ends (a 问吧's 2018-04-24 10:00 开始, a poll's 2016-05-01 截止).
_NOT_PAGE_DATE = re.compile(f"(?:{'|'.join(NOT_PAGE_DATE_WORDS)})(?:时间|日期)|(?:注册|登录|开通)于?\\s*[:：]|"
                            + DATE_IN.pattern + r"日?(?:\s*\d{1,2}:\d{2})?\s*(?:开始|截止|结束)")


#: The source's label and its other names (来源于 财新网).
_SOURCE_LABELS = ("来源", "来源于", "稿源", "出处")


def _label(match) -> str:
    """The label an INFO_LABEL match found, its inner spaces (作 者, 来　源) dropped."""
    return "".join(match.group("label").split())


#: Which date of an info line is the article's: when it was published, before a bare 时间, before when it was
#: last changed or entered (更新时间：2017-06-22 发布时间：2017-06-20 -> 2017-06-20).
#: How a date's label ends (发布时间, 日期; a blog's bare 发布:2009-2-16 16:05; Joomla's 发布于：).
_TIME_LABEL_ENDS = ("时间", "日期", "发布", "发布于", "发表于", "更新于")
_DATE_LABEL_RANK = {"发布时间": 0, "发表时间": 0, "发布日期": 0, "发稿时间": 0, "发布": 0, "发布于": 0, "发表于": 0,
                    "更新时间": 2, "更新于": 2, "添加时间": 2, "录入时间": 2, "上传时间": 2}


#: Labels of when an article was last changed, never when it was published (Mambo's 最后更新 ( … ), 知乎's 编辑于 …).
EDITED = ("最后更新", "编辑于")
#: The attributes a stamp's tooltip is written in.
_TOOLTIPS = ("title", "data-tooltip")


def _tooltip_info(el) -> dict[str, str | None]:
    """The labelled date a last-edited stamp shows on hover (知乎's <span data-tooltip="发布于 2018-10-23 19:02">编辑于
    2019-03-14 15:02</span>): when the article was first published."""
    for e in el.iter():
        for name in _TOOLTIPS:
            if (tip := e.get(name)) and has_label(tip) and (vals := parse_info(tip)).get("published"):
                return vals
    return {}


_CLOSING_BRACKET = re.compile(r"[)）]")


def parse_info(raw: str) -> dict[str, str | None]:
    """Values of the labels in one info line: {'author','source','published','date_any','clock'} (clock: a time
    alone, the day printed elsewhere)."""
    out: dict[str, str | None] = {}
    published_rank = 3
    matches = list(info_labels(raw))
    for k, m in enumerate(matches):
        label = _label(m)
        end = matches[k + 1].start() if k + 1 < len(matches) else len(raw)
        value = raw[m.end():end]
        if k + 1 < len(matches):
            value = _LABEL_HEAD.sub("", value)  # 作者：王赟 文章来源：… (the next label's first word)
        value = value.lstrip(" \t\r\n\u3000\u00a0")
        if raw[:m.start()].rstrip()[-1:] in ("(", "（") and (close := _CLOSING_BRACKET.search(value)):
            value = value[:close.start()]  # a label in brackets: its value ends there ((来源：新疆日报)3e2… after it)
        names = _NAMES.match(value) if label == "作者" else None
        if names and (names.end() == len(value.rstrip()) or _VALUE_END.match(value, names.end())):
            value = value[: names.end()]
        elif cut := _VALUE_END.search(value):
            value = value[: cut.start()]
        value = clean_text(value).strip(",，;；、/／")
        if value[-1:] in ")）" and not any(c in value for c in "(（"):
            value = value[:-1].rstrip()  # the end of a line in brackets: （来源：新疆日报）
        field = "author" if label == "作者" else "source" if label in _SOURCE_LABELS else None
        if field:
            if field not in out:
                if PUA.search(value):  # an icon font's glyph after an empty value (来源：<i>&#xe705;</i>1523)
                    value = clean_text(PUA.sub("", value))
                dm = DATE_IN.search(value)  # a date run into the value ("作者：李明2017-06-20")
                value = clean_text(value[: dm.start()]) if dm else value
                if value[-1:].isdigit():  # a view counter's bare number after it (作者：李娜 1523: an icon's count)
                    value = _TRAILING_COUNT.sub("", value)
                out[field] = value or None
        elif label.endswith(_TIME_LABEL_ENDS):
            rank = _DATE_LABEL_RANK.get(label, 1)
            if rank < published_rank and (d := parse_date(raw[m.end():end], labelled=True)):
                out["published"], published_rank = d, rank
            elif (clock := _CLOCK_ALONE.match(raw, m.end(), end)) and not DATE_IN.search(raw, m.end(), end):
                hour = int(clock[2]) + 12 * (clock[1] in ("下午", "晚上") and int(clock[2]) < 12)
                out["clock"] = "T%02d:%s:%s%s" % (hour, clock[3], clock[4] or "00", SITE_TZ)
    if "published" not in out and not _NOT_PAGE_DATE.search(raw) and not any(_label(m) in EDITED for m in matches):
        d = parse_date(raw)  # (a date alone, not a member's 注册日期： 2008-03-11, nor Mambo's 最后更新 ( … ))
        if d:
            out["date_any"] = d
    return out


#: An English theme's post line around its category names (October CMS's Posted in 供暖 on Jan 22, 2018; Community
#: Server's posted on 2007年5月12日 9:40 由 minsheng).
_EN_POSTED = re.compile(r"(?:Posted|Published|Filed|Written)\b", re.I)


def is_info_line(text: str) -> bool:
    return len(text) <= 200 and _short_info_line(text)


def labelled_info_line(text: str) -> bool:
    """An info line with a label in it (作者：…, 发布时间：…; an English theme's Posted in 供暖 on Jan 22, 2018), not only
    a date."""
    return is_info_line(text) and (has_label(text) or _EN_POSTED.match(text) is not None)


def info_block(doc: Doc, el) -> bool:
    """Whether el prints nothing but a labelled info line (a densest block that is one: a page of figures)."""
    i = doc.position(el)
    return 0 <= i and doc.T[i] <= 200 and labelled_info_line(doc.text(el))


#: A time of day alone after its label, the day printed elsewhere (Blogger's 时间： 上午10:20 under a 2011年5月12日 header).
_CLOCK_ALONE = re.compile(r"[\s:：]*(?:(上午|下午|中午|晚上|凌晨|早上)\s*)?([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?!\d)")
#: Three or more short fields between bars (a post footer's meta row).
_BAR_FIELDS = re.compile(r"[^|｜]{1,40}(?:[|｜][^|｜]{1,40}){2,}")
#: Such a row that opens with the post's time alone, its date printed over the headline (Live Spaces' 09:42 | 随笔 |
#: 评论 (2) | 阅读 (80) under a 2006年11月8日 星期三 heading).
_CLOCK_FIRST = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?\s*[|｜]")


@lru_cache(maxsize=2048)  # one line is asked about more than once a page, and nav/footer lines on every page
def _short_info_line(text: str) -> bool:
    if _DATE_WEEKDAY.fullmatch(text):
        return True  # a dateline with its weekday after a comma (Wikinews's 2013年9月10日，星期二)
    if SENTENCE_END.search(text):
        return False  # a sentence (首卷《一碗拉条子》（作者：刘永明）以一位…。): text that names a label, no info line
    # (the labels are looked for only where one may stand: a colon, a bracket, or 来源于 before a name)
    labels = {_label(m) for m in info_labels(text)} if any(c in text for c in ":：】]］") or "来源于" in text \
        else frozenset()
    if len(labels) >= 2:
        return True
    if labels & {"作者", *_SOURCE_LABELS, "发布时间", "发表时间", "发布日期", "发布", "发布于", "发表于", "更新时间", "编辑于",
                 "时间", "日期", "点击", "点击次数", "浏览", "添加时间", "录入时间", "发稿时间"} and len(text) < 100:
        return True
    if text[:1].isdigit() and _CLOCK_FIRST.match(text) and len(text) < 100 and _BAR_FIELDS.fullmatch(text):
        return True
    # (a row of short fields between bars may be longer: posted by 马晓喆 at 2008-05-06 08:45 | 评论(3) | 阅读(645) | …)
    return (len(text) < 60 or len(text) < 100 and _BAR_FIELDS.fullmatch(text) is not None) and "，" not in text and \
        "。" not in text and bool(DATE_IN.search(text) or "/" in text and _DATE_YEAR_LAST.search(text)
                                  or "-" in text and _SHORT_DATE.search(text) or (
                                      text.isascii() or "月" in text or _EN_POSTED.match(text)) and
                                  EN_DATE.search(text) or "月 " in text and DAY_CN_MONTH.search(text)) \
        and not _NOT_PAGE_DATE.search(text)


class InfoResult:
    __slots__ = ("author", "source", "published", "lines", "labelled", "ruled")

    def __init__(self):
        self.author = self.source = self.published = None
        self.lines: list[Para] = []
        self.labelled = False
        self.ruled = False  # read where a site rule says the info line is: nothing else counts


_LINE_TAGS = frozenset(("p", "div", "td", "li", "dd", "dt", "span", "h1", "h2", "h3", "h4", "h5", "h6", "center",
                        "th", "font", "body"))


def _opens(doc: Doc, el) -> bool:
    """Whether no sibling before el prints text: el opens its parent's text."""
    return not any(doc.T[j] for c in el.itersiblings(preceding=True) if (j := doc.position(c)) >= 0)


def _closes(doc: Doc, el) -> bool:
    """Whether no sibling after el prints text: el closes its parent's text."""
    return not any(doc.T[j] for c in el.itersiblings() if (j := doc.position(c)) >= 0)


def _info_region(doc: Doc, title: TitleInfo, body):
    """The subtree that holds the headline and the start of the body (where info lines are printed)."""
    if body is None:
        return doc.root
    region = title.el
    while region is not None and not doc.contains(region, body):
        region = region.getparent()
    if region is None and title.el is not None:
        return doc.root
    if region is None or region is body:  # (no headline, or one printed again at the top of the body's text)
        region = body.getparent() if body.getparent() is not None else body
        # (up to a block that prints something before the text: from the cell around a TRS_Editor <div> and its row
        # to the table whose rows above hold the headline and the info line)
        child = body
        while region.tag not in ("body", "html") and (up := region.getparent()) is not None and _opens(doc, child):
            child, region = region, up
    if (day := under_day_heading(region)) is not None:
        region = day  # (a date heading right above it, as Live Spaces prints each day's: the post's date)
    i = doc.position(region)
    bi = doc.position(body)
    if i >= 0 and bi >= 0 and doc.size[i] > doc.size[bi] + 600:
        return doc.root
    return region


def under_day_heading(el):
    """The block around el and the date heading right above the block el opens (up to three levels: Blogger's
    <h2 class="date-header"> over date-posts > post-outer > post), as blogs print each day's posts; None if none."""
    for _ in range(4):
        if (dated := el.getprevious()) is not None or (up := el.getparent()) is None or up.tag in ("body", "html"):
            break
        el = up
    if dated is None or (up := el.getparent()) is None or len(text := clean_text(text_of(dated))) > 40:
        return None
    return up if text and date_line(text) else None


def _one_of_many_stamps(doc: Doc, text: str) -> bool:
    """Whether an unlabelled dated line is one of a list's time stamps: the word before its date (发布于, 发表于)
    printed before a date three times or more on the page (readers' comments, a guestbook's messages; their dates
    with a two-digit year too: 留言于 02-5-30 22:14)."""
    m = _STAMP_DATE.search(text)
    words = text[:m.start()].split() if m else ()
    if not words or len(words[-1]) < 2:
        return False
    return len(re.findall(re.escape(words[-1]) + r"\s*" + _STAMP_DATE.pattern, doc.joined_text())) >= 3


def _lines_after(doc: Doc, body, elements: int = 3) -> list[Para]:
    """The labelled lines of the few short elements right after the body, or right after the text's own block inside
    it or a wrapper of that block: an info line printed under the article (a blog's post footer, 作者:admin |
    发布:2009-2-16 16:05; a notice's 发布时间：… under its text, in the block that holds both), out of reach of the lines
    after the headline when the article is long; and its unlabelled info lines that print a time (BlogBus's posted by
    马晓喆 at 2008-05-06 08:45 | 评论(3) | 阅读(645)) or open with a date (LOFTER's 2014-05-12 热度(12) 评论(3))."""
    levels = [body]
    if (up := body.getparent()) is not None and up.tag != "body" and _opens(doc, body):
        levels.insert(0, up)  # (a wrapper opening with the text, its tags after it: cnblogs' postDesc follows it)
    for _ in range(2):  # (wrappers the text closes: LOFTER's div.ct > div.text > the <p>, its date line after div.ct)
        if (up := levels[0].getparent()) is None or up.tag == "body" or not _closes(doc, levels[0]):
            break
        levels.insert(0, up)
    while len(text_block := levels[-1]) and (i := doc.idx.get(text_block)) is not None and doc.T[i]:
        # down to the child that holds most of the text (the wrappers around it, then the text's block)
        child = max(text_block, key=lambda c: doc.T[doc.idx[c]] if c in doc.idx else -1)
        if child not in doc.idx or doc.T[doc.idx[child]] * 10 < doc.T[i] * 7 or child.tag in ("p", "br"):
            break
        levels.append(child)
    while len(levels) > 1 and levels[-1].tag in STYLING_TAGS:  # (<div><font>the text</font></div>: the <div>)
        levels.pop()
    out = []
    # (or closing the text's block: BlogDriver's div.posted, 发表于 21:15 | …; Community Server's p.postfoot, posted on …)
    for child in reversed(levels[-1][-2:]):
        if (i := doc.idx.get(child)) is None or not 0 < doc.T[i] <= 200:
            continue
        if not (footer := [p for p in segment(child) if (_CLOCK_LABEL.match(p.text) or _EN_POSTED.match(p.text))
                           and is_info_line(p.text)]):
            break
        out += footer
    # (after each level down: Movable Type's footer follows the entry's content, whose entry-more holds most text)
    for start in levels:
        for sib in islice(start.itersiblings(), elements):
            i = doc.idx.get(sib)
            if i is not None and 0 < doc.T[i] <= 200:
                out += [p for p in segment(sib) if (has_label(p.text) or (
                    _DATE_CLOCK.search(p.text) or _DATE_FIRST.match(p.text) or _EN_POSTED.match(p.text))
                    and is_info_line(p.text))
                    and not _under_box_heading(p, sib)]
    return out


#: A post footer's time of day alone under its label (发表于 21:15), the day printed over the headline.
_CLOCK_LABEL = re.compile(r"\s*发表于\s*(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)")


def _under_box_heading(line: Para, top) -> bool:
    """Whether a line stands in a box under that box's heading, below top (a sidebar's <h3>电子报</h3> over the issue's
    2012年09月27日, beside the text's column): a box's line, not the article's."""
    el = line.el
    if heading_like(el) and el_text(el) != line.text:
        return True  # (the line the heading's end opens: <h3>电子报</h3><a><img></a> 2012年09月27日<br>)
    while el is not None and el is not top:
        if any(heading_like(sib) for sib in el.itersiblings(preceding=True)):
            return True
        el = el.getparent()
    return False


#: A line that is a date and nothing else (2009年2月24日, 2009-02-24 10:30, [2009-2-24]).
_DATE_LINE = re.compile(r"[\[【(（]?" + DATE_IN.pattern + r"日?(?:\s*" + WEEKDAY + r")?(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                        r"[\]】)）]?")
#: A date with its time (2008-05-06 08:45, 2008年5月6日 08:45).
_DATE_CLOCK = re.compile(DATE_IN.pattern + r"日?\s*\d{1,2}:\d{2}")
#: A date opening a line, the post's under its text (LOFTER's 2014-05-12 热度(12) 评论(3) #就业#).
_DATE_FIRST = re.compile(r"\s*" + DATE_IN.pattern + r"日?(?!\d)")
#: The weekday a date over a headline may name after it (2008年5月6日 星期二).
_WEEKDAY = re.compile(WEEKDAY)
#: A date and its weekday alone (2013年9月10日，星期二).
_DATE_WEEKDAY = re.compile(r"\s*" + DATE_IN.pattern + r"日?\s*[，,]?\s*" + _WEEKDAY.pattern + r"\s*")


#: A date whose day comes first, after its weekday (Joomla's zh-CN 星期一, 18 6月 2012 11:05 under K2).
_DAY_FIRST_LINE = re.compile(r"(?:" + WEEKDAY + r"\s*[,，]?\s*)?" + DAY_CN_MONTH.pattern)


def date_line(text: str) -> bool:
    """Whether a line is a date alone, with its weekday and time or not (2005年09月13日 12:30 in a table row of its own,
    Mambo's 2006年05月22日 星期一 16:05, Tumblr's 5月 12, 2013, K2's 星期一, 18 6月 2012 11:05)."""
    return _DATE_LINE.fullmatch(text) is not None or "," in text and (
        EN_DATE.fullmatch(text) is not None or _DAY_FIRST_LINE.fullmatch(text) is not None)


def _dates_headline(line: Para, title_el) -> bool:
    """Whether a line above the headline is its date: a date alone, right above it in the same block (a blog's
    <h4 class="post-date"> over its <h2>), not the header's 今天是… far above; or a date and a few words of the post's
    meta after a divider (Ghost's 2019年5月21日 12:40 / 教育 / 阅读约 4 分钟); with its weekday (BlogBus's <h3 class="date">
    2008年5月6日 星期二</h3> over <h2><a>headline</a></h2>)."""
    if title_el is None or line.el is None:
        return False
    if title_el.tag == "a" and (heading := title_el.getparent()) is not None and heading.tag in HEADING_WEIGHTS:
        title_el = heading
    el = line.el  # (the heading around it: Blogger's <h2 class="date-header"><span>2011年5月12日星期四</span></h2>)
    while el.getnext() is None and (up := el.getparent()) is not None and clean_text(text_of(up)) == line.text:
        el = up
    if el.getparent() is not title_el.getparent() and not _leads(el.getnext(), title_el) and \
            title_el not in el.iterdescendants():
        return False  # (nor right above the block the headline opens: Live Spaces' <h5> date over each entry's <div>;
        # nor the opening line of the headline's block: K2's <div class="itemHeader"><span>date</span><h2>…)
    date = _DATE_LINE.match(line.text) or EN_DATE.match(line.text) or _DAY_FIRST_LINE.match(line.text)
    rest = line.text[date.end():].strip() if date else None
    return rest is not None and (not rest or _WEEKDAY.fullmatch(rest) is not None or rest[0] in "/|｜" and len(
        rest) <= 40 and _SENTENCE_PUNCT.isdisjoint(rest))


def _leads(block, el) -> bool:
    """Whether el is inside block with nothing printed before it there."""
    while el is not block:
        up = el.getparent()
        if up is None or _text_before(up, el):
            return False
        el = up
    return True


def _block(line: Para):
    """The block that prints a line (a <br>'s line: the element around the <br>; not the <font> around its lines)."""
    el = line.el.getparent() if line.el is not None and line.el.tag == "br" else line.el
    while el is not None and el.tag in STYLING_TAGS and el.getparent() is not None:
        el = el.getparent()
    return el


def _timed_headline(line: Para, headline: str) -> Para | None:
    """The time printed after the headline in its line (开心网's <div><b>菜价</b> <span>2010-04-02 09:15 发表</span>
    </div>) as a line of its own; None when the line prints no such time."""
    rest = line.text[len(headline):].strip() if line.text.startswith(headline) else ""
    return Para(rest, 0, line.el, rest) if rest and date_line(rest.removesuffix("发表").rstrip()) else None


def _headline_line(line: str, headline: str) -> bool:
    """Whether a line prints the headline: alone, with a badge after it (转载), or after its column's name (民生热点:)."""
    return line == headline or len(headline) >= 6 and (
        line.startswith(headline) and len(line) < len(headline) + 4
        or line.endswith(headline) and len(line) <= len(headline) + 12)


#: A byline's 文｜ before the author's name (财新's 文｜财新记者 王喆), read as a 作者 label where it is one of the info
#: lines (a line of its block beside it is one; opening the text, such a byline is text, as 文/记者 马磊 is).
_BYLINE_LABEL = re.compile(r"文[ \u00a0]*[|｜]")


def _byline_labelled(line: Para) -> Para:
    """The line with its 文｜ printed as the 作者： it stands for."""
    raw = line.raw.lstrip(" \t\r\n\u3000\u00a0")
    if (m := _BYLINE_LABEL.match(line.text)) is None or (r := _BYLINE_LABEL.match(raw)) is None:
        return line
    return Para("作者：" + line.text[m.end():], line.link, line.el, "作者：" + raw[r.end():])


def _in_list_item(el) -> bool:
    return el.tag == "li" or next(el.iterancestors("li"), None) is not None


def find_info(doc: Doc, title: TitleInfo, body, rules: Mapping | None = None) -> InfoResult:
    res = InfoResult()
    el = rule_element(doc, rules, "info")
    if el is not None:
        raw = text_of(el)
        vals = parse_info(raw)
        res.author, res.source = vals.get("author"), vals.get("source")
        res.published = vals.get("published") or vals.get("date_any")
        res.labelled = res.ruled = True
        return res
    region = _info_region(doc, title, body)
    anchor = title.el if title.el is not None else body
    lines = segment(region, anchor=anchor, after=10) if anchor is not None else segment(region)
    # where is the headline among the page's lines?
    start = None
    if title.text:
        tpos = doc.position(title.el) if title.el is not None else None
        best_d = None
        for k, p in enumerate(lines):
            if _headline_line(p.text, title.text):
                ppos = doc.position(p.el) if p.el is not None else -1
                d = abs(ppos - tpos) if tpos is not None and tpos >= 0 else 0
                if best_d is None or d < best_d:
                    start, best_d = k, d
    own = None  # the time printed in the headline's line, after it: an info line
    if start is not None and body is not None and title.el is not None and doc.contains(body, title.el):
        # the headline printed again at the top of the text: the lines after the one above the text are the info's
        # (not a sidebar list's link to the page: Orchard's 最新文章 before the text's block)
        for k, p in enumerate(lines[:start]):
            if p.el is not None and not doc.contains(body, p.el) and not (p.link_ratio >= 0.5 and _in_list_item(p.el)) \
                    and (_headline_line(p.text, title.text) or (own := _timed_headline(p, title.text))):
                start = k
                break
    if start is None and title.el is not None:  # a headline in two lines (天山时评：<br>让…): its last line
        for k, p in enumerate(lines):
            if p.el is not None and (p.el is title.el or doc.contains(title.el, p.el)):
                start = k
            elif own is None and p.el is not None and doc.contains(p.el, title.el) and \
                    (own := _timed_headline(p, title.text)):
                start = k
    if start is None and body is not None:
        bpos = doc.position(body)
        for k, p in enumerate(lines):
            if p.el is not None and doc.position(p.el) >= bpos:
                # the line above the body is taken for the headline, unless it is the labelled info line itself
                start = max(k - 2 if k >= 2 and has_label(lines[k - 1].text) else k - 1, 0)
                break
    window: list[Para] = []
    boxed: list[Para] = []  # a date alone above the headline in the block of a labelled line there: that line's
    if start is not None:
        lo = max(0, start - 2)
        # (TYPO3's box floated beside the headline: 2013-05-12 10:20<br>作者: 王刚<br>来源: 新疆日报)
        boxes = {_block(p) for p in lines[lo:start] if p.el is not None and has_label(p.text)}
        boxed = [p for p in lines[max(0, start - 4):start] if boxes and not has_label(p.text) and _block(p) in boxes
                 and date_line(p.text)]
        window += boxed
        for k in range(lo, min(len(lines), start + 9)):
            if k == start:
                continue
            p = lines[k]
            if k > start and len(p.text) > 120 and (p.text.count("，") + p.text.count("。") + p.text.count(",")) >= 3:
                break
            if k < start and not has_label(p.text) and not (k == start - 1 and _dates_headline(p, title.el)):
                continue  # above the headline only a labelled line counts (not the header's "today is" date)
            if p not in boxed:
                window.append(p)
    if own is not None:
        window.append(own)
    if body is not None:
        seen = {(p.el, p.text) for p in window}
        window += [p for p in _lines_after(doc, body) if (p.el, p.text) not in seen]
    window = [_byline_labelled(p) if p.text[:1] == "文" and p.el is not None and any(
        q is not p and q.el is not None and _block(q) is _block(p) and is_info_line(q.text)
        for q in window[max(k - 1, 0):k + 2]) else p for k, p in enumerate(window)]
    found = [p for p in window if is_info_line(p.text) and not PN.search(p.text) and "Copyright" not in p.text
             and not (p.link_ratio >= 0.5 and _CJK_RUN.search(p.text) and not has_label(p.text))
             # (not a related list's dated title link; a link to the source's home page may carry the date)
             and not any(doc.contains(c, p.el) for c in doc.comments)]  # not a comment's "网友 X 2017-06-16 10:30"
    found = [p for p in found if has_label(p.text) or not _one_of_many_stamps(doc, p.text)]
    if body is not None and any(has_label(p.text) for p in found):
        # a labelled info line found: a date alone inside the body is the text's own (a 公报's 2017年3月28日), and so
        # is a line of times alone after a dated line (时间：… 地点：… 嘉宾：… heading an interview: another_time)
        # (but a date alone right under a labelled line is the info line's own: 作者：… <br> 2009年06月15日 16:32)
        # (and so is a line right under the headline when the labelled lines print no date: 新疆民生网 2019-06-12 09:30
        # over a text that opens with its 来源：… 作者：… line)
        after_label = {id(window[k]) for k in range(1, len(window)) if has_label(window[k - 1].text)}
        under = () if start is None or start + 1 >= len(lines) or any(
            DATE_IN.search(p.text) for p in found if has_label(p.text)) else (lines[start + 1],)
        found = [p for p in found if labelled_info_line(p.text) or not doc.contains(body, p.el) or p in boxed
                 or p in under or id(p) in after_label and (date_line(p.text) or _DATE_FIRST.match(p.text) is not None)]
        dated, kept = False, []
        for p in found:
            labels = list(info_labels(p.text))
            inside = doc.contains(body, p.el)
            if not (labels and inside and another_time(p.text, dated) and not _CLOCK_LABEL.match(p.text)):
                kept.append(p)
                # (the page's own dated line above the text, labelled or not: 2012-09-05 08:55:26 | 分类：…; the first
                # line in a body's block that holds the headline too)
                dated = dated or any(map(is_time_label, labels)) or \
                    (not inside or len(kept) == 1) and DATE_IN.search(p.text) is not None
        found = kept
    if not found:
        # anywhere on the page: a short line with two of 作者/来源/时间
        cands: dict = {}
        for el, is_tail, text in doc.text_nodes(("作", "来", "时间")):
            if not has_label(text):
                continue
            blk = el.getparent() if is_tail else el
            while blk is not None and blk.tag not in _LINE_TAGS:
                blk = blk.getparent()
            if blk is None or blk in cands:
                continue
            i = doc.idx.get(blk)
            if i is None or doc.T[i] > 200:
                continue
            raw = text_of(blk)
            kinds = set()
            for m in info_labels(raw):
                lab = _label(m)
                if lab == "作者" or lab in _SOURCE_LABELS or lab.endswith(("时间", "发布")):
                    kinds.add(lab)
            if len(kinds) >= 2 and is_info_line(line := clean_text(raw)):  # (not a post's excerpt that opens with
                cands[blk] = Para(line, 0, blk, raw)  # its own 作者：… 来源：… line)
        if 1 <= len(cands) <= 2:
            found = list(cands.values())[:1]
    # a paragraph of text that closes with it (…处理完毕。（作者：马喆 来源：新疆经济报）): the signature is the line
    # when there is no other (else the body's cleaning reads it: a short article's last paragraph is in the window)
    signed = [signed_text(p.text) for p in found]
    if any(at is None for at in signed):
        found = [p for p, at in zip(found, signed) if at is None]
    else:
        found = [Para(p.text[at:], 0, p.el, p.text[at:]) for p, at in zip(found, signed)]
    # labels printed many times (日期：/点击： beside every entry of a list) are no article's info line; a signature's
    # in brackets do not count (a closing （本文来源：新疆日报 作者：王赟） under the text)
    text = doc.joined_text()
    repeated = _repeated_labels(text, doc.comments)
    if repeated and _SIGNATURE_RUN.search(text):
        text = _SIGNATURE_RUN.sub("", text)
        repeated = _repeated_labels(text, doc.comments)
    if repeated and (hidden := hidden_runs(doc.root)):
        # (nor what the page hides: an anti-copy watermark in the text's sentences, <span class=a9f2c>来源：…</span>)
        repeated = _repeated_labels(text, (*doc.comments, *hidden))
    res = info_from_lines(found, repeated)
    if res.author is None and (any(map(doc.joined_text().__contains__, COPYRIGHT_AUTHOR_LABELS))
                               or "本文由" in doc.joined_text()):
        res.author = _copyright_author(doc)
    return res


def _repeated_labels(text: str, left_out=()) -> set[str]:
    """The info labels a text prints three times or more (a label ends in a colon: never in two text nodes of the
    joined text), the left_out elements' not counted (readers' comments: each comment's 发表者：… under a post whose
    footer prints it too)."""
    counts = Counter(map(_label, info_labels(text)))
    for section in left_out:
        counts.subtract(map(_label, info_labels(text_of(section))))
    return {k for k, v in counts.items() if v >= 3}


#: A copyright box's author labels, and its author beside a label of its own, no colon (Hugo's <span>文章作者</span>
#: <span>李娜</span>).
COPYRIGHT_AUTHOR_LABELS = ("本文作者", "文章作者")
#: A reprint notice's member before its link, in a page's HTML (虎嗅's 本文由 <a href="/member/…">王磊</a> 授权 …).
AUTHORIZED_BY_LINK = re.compile(r"本文由\s*[「@]?\s*<a\b")
_BESIDE_COPYRIGHT_AUTHOR = re.compile(r"(?:本文|文章)作者\s+([^\s:：].{0,39})")
_BARE_COPYRIGHT_LABEL = re.compile(r"(?:本文|文章)作者\s*[:：]?")


def _copyright_author(doc: Doc) -> str | None:
    """The author a blog's copyright box names where no info line does (本文作者：… 本文链接：… 版权声明：…, 文章作者 李娜
    | 上次更新 …)."""
    for el, is_tail, text in doc.text_nodes((*COPYRIGHT_AUTHOR_LABELS, "本文由")):
        if not any(label in text for label in COPYRIGHT_AUTHOR_LABELS):
            if author := _authorized_by(el, is_tail, text):
                return author
            continue
        line = el.getparent() if is_tail else el
        while line is not None and (line.tag not in _LINE_TAGS or _BARE_COPYRIGHT_LABEL.fullmatch(el_text(line))):
            line = line.getparent()  # (past the label's own element to the line that holds its value too)
        raw = text_of(line) if line is not None else text
        if len(raw.strip()) > 60 and line is not None and line.find("br") is not None:
            # a box of <br> lines (文章作者 李娜<br><br>上次更新 …): the label's own line
            raw = next((p.raw for p in segment(line) if text.strip() in p.text), raw)
        if len(raw.strip()) > 60:
            continue
        if line is not el and not is_tail and _BARE_COPYRIGHT_LABEL.fullmatch(label := clean_text(text_of(el))):
            # the label in an element of its own beside its value's (<span>文章作者</span><span>李娜</span>): apart,
            # even where no whitespace separates the two elements (minified HTML)
            raw = raw.replace(label, label + " ", 1)
        author = parse_info(raw).get("author")
        if author is None and (beside := _BESIDE_COPYRIGHT_AUTHOR.fullmatch(clean_text(raw))):
            author = beside.group(1)
        if author:
            return author
    return None


_AUTHORIZED_BY = re.compile(r"本文由\s*[「@]?$")


def _authorized_by(el, is_tail: bool, text: str) -> str | None:
    """The member a reprint notice names as its author, linked to the member's page (虎嗅's 本文由 <a>王磊</a> 授权
    <a>虎嗅网</a> 发表); not a sentence's 本文由新疆日报授权转载, which names no person's account."""
    if not _AUTHORIZED_BY.search(text):
        return None
    link = el.getnext() if is_tail else el[0] if len(el) else None
    if link is None or link.tag != "a" or not (link.tail or "").lstrip(" \u3000\u00a0」").startswith("授权"):
        return None
    name = clean_text(el_text(link))
    return name if 2 <= len(name) <= 20 else None


def info_from_lines(found: list[Para], repeated: set[str] = frozenset()) -> InfoResult:
    """Author, source and date from the page's info lines (a line of labels all in `repeated` belongs to a list, not
    to it)."""
    res = InfoResult()
    date_any = dated_by = None
    for p in found:
        if repeated and (labels := {_label(m) for m in info_labels(p.text)}) and labels <= repeated:
            continue  # (not a line whose other labels the page prints once: 来源：… 作者：… 点击：, 点击： in a sidebar too)
        vals = parse_info(p.raw)
        if p.el is not None and any(map(p.text.__contains__, EDITED)) and \
                any(_label(m) in EDITED for m in info_labels(p.text)):
            vals |= _tooltip_info(p.el)
        if "author" in vals and res.author is None:
            res.author = vals["author"]
            res.labelled = True
        if "source" in vals and res.source is None:
            res.source = vals["source"]
            res.labelled = True
        if vals.get("published") and (res.published is None or vals["published"].startswith(res.published + "T")):
            res.published = vals["published"]  # (or the time of the day another line printed alone: 生成日期 …)
            res.labelled = True
            dated_by = p.el
        if vals.get("date_any") and (date_any is None or vals["date_any"].startswith(date_any + "T")):
            date_any = vals["date_any"]  # (the time of a day already printed alone: a post's date over its headline)
        elif date_any and "T" not in date_any and (clock := _CLOCK_FIRST.match(p.text)):
            date_any += "T%02d:%s:%s%s" % (int(clock[1]), clock[2], clock[3] or "00", SITE_TZ)  # (or only its time)
        elif date_any and "T" not in date_any and vals.get("clock"):
            date_any += vals["clock"]  # (or its time under a label: 时间： 上午10:20)
        if has_label(p.text):
            res.labelled = True
        res.lines.append(p)
    if res.published is None:
        res.published = date_any
    elif "T" not in res.published and dated_by is not None and (clock := _clock_after(dated_by)):
        res.published = parse_date(f"{res.published} {clock}") or res.published
    return res


def _clock_after(el) -> str | None:
    """The time of day printed alone in the item right after a date's (Elementor's post info: <li>发布时间：八月 19,
    2021</li><li>7:38 上午</li>), the date's element or the item around it."""
    for item in (el, el.getparent()):
        after = item.getnext() if item is not None else None
        if after is not None:
            text = clean_text(text_of(after))
            return text if len(text) <= 12 and _CLOCK_ITEM.fullmatch(text) else None
    return None


#: A time of day alone, its half of the day before or after it (7:38 上午, 下午3:05, 21:15).
_CLOCK_ITEM = re.compile(r"(?:上午|下午|中午|晚上|凌晨|早上)?\s*(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"
                         r"\s*(?:上午|下午|中午|晚上|凌晨|早上|[AaPp][Mm])?")


def is_time_label(match) -> bool:
    return _label(match).endswith(_TIME_LABEL_ENDS)


def another_time(text: str, dated: bool) -> bool:
    """Whether a line labelled with times alone is the text's, the page's info line (dated) having given the
    article's: 时间：… 地点：… 嘉宾：… heading an interview, 会议时间：…, 申请时间：… (an info line's 来源 or 作者 printed
    again at the end, 本文来源：…, is still no body; nor is a post footer's posted on …)."""
    return dated and not _EN_POSTED.match(text) and all(is_time_label(m) for m in info_labels(text))


#: A signature in brackets, wherever in a text (…处理完毕。（本文来源：新疆日报 作者：王赟）).
_SIGNATURE_RUN = re.compile(r"[（(]\s*(?:本文|文章)?" + SIGN_LABEL + r"[^（）()]{1,80}[)）]")
#: ... and one that closes a paragraph of text: （作者：… 来源：…）.
CLOSING_SIGNATURE = re.compile(_SIGNATURE_RUN.pattern + r"\s*$")


def signed_text(text: str) -> int | None:
    """Where a closing （作者：… 来源：…） starts in a paragraph of text before it (the info line printed at the
    end of the last paragraph: the text is body, the signature is not); None when there is none."""
    if text[-1:] not in ")）":
        return None
    m = CLOSING_SIGNATURE.search(text)
    return m.start() if m and m.start() >= 10 and any(c in text[: m.start()] for c in "。，！？") else None
