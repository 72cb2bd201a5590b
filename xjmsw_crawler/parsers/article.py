"""Article fields from a parsed page (generic.Doc), keyed on what every template prints, not on class names.

* title: the printed headline: h1-h4, title-ish class/id, bold or large-font elements, and any short text
  that the ``<title>`` starts (or ends) with; the candidate that best matches the ``<title>`` (usually
  ``headline-site`` or ``headline_category_site``) or the breadcrumb's last item wins; else a ``<title>``
  segment.
* author / source / published: label regexes (``作者``, ``来源``, ``发布时间``/``时间``/``日期`` with ``:`` or
  ``：``) over the info line(s) next to the headline; a value ends at the next label, a run of spaces,
  U+3000/U+00A0, ``|`` or the line end.
* breadcrumb / category: the short element with 首页/主页 and separators (``>``, ``>>``, ``»``, ``→``,
  ``/``, ``-``), items = its link texts and trailing texts, labels, the trailing headline and 正文 dropped.
* body: the densest prose block (generic.Doc.best_block), cleaned of headline, info line, breadcrumb,
  上一篇/下一篇, page bars, lede boxes, 责任编辑 lines, share/print blocks, related lists and ads, then
  segmented into paragraphs (generic.segment).
* prev / next: the 上一篇/下一篇 (上一条/下一条, 上篇/下篇) labels and the link in the same item.
* page_urls / page_number: from the page bar (numbered links + the current page as plain text).

Site-specific fast path (``rules``, e.g. from the ``XJMSW_RULES`` setting): a mapping whose values are CSS
selectors or XPath expressions (XPath when it starts with ``/``, ``./`` or ``(``). Keys:

``title``       the headline element
``body``        the body container (its cleaning and paragraph rules stay the generic ones)
``info``        the info line element (author/source/date labels are parsed from its text)
``breadcrumb``  the breadcrumb element
``prev``/``next`` the element holding the 上一篇/下一篇 link (or the ``<a>`` itself)
``pagebar``     the page bar of a multi-page article
``listing``     (listing pages) the container of the article links
A key that is missing or matches nothing falls back to the generic path for that field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from copy import deepcopy
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree

from .generic import _SENTENCE_PUNCT, BLOCK_TAGS, DISCLAIMER, Doc, Para, segment, text_of
from .model import Article, Link
from .normalize import (_SHORT_DATE, EN_DATE, WEEKDAY, YEAR_LAST_DATE, canonical_url, clean_text, is_cut_copy, is_session_param,
                        parse_date)

# -- regexes ---------------------------------------------------------------------------------------------
_SP = r"[\s\u3000\u00a0]*"
#: An info line's label (a label quoted in a sentence, 凡注明“来源：新疆民生网”的作品, is none: _labels()).
INFO_LABEL_WORDS = (
    r"作" + _SP + r"者|来" + _SP + r"源|出" + _SP + r"处|稿" + _SP + r"源|发布时间|发表时间|发布日期|"
    r"更新时间|添加时间|录入时间|发稿时间|上传时间|时" + _SP + r"间|日" + _SP + r"期|责任编辑|编" + _SP + r"辑|"
    r"录" + _SP + r"入|点击数|点击次数|点击|浏览次数|浏览|阅读次数|阅读|查看次数|访问次数|人气|字体|字号|评论|发布者|发布人|发布于|发表于|更新于|发布|"
    r"通讯员|摄" + _SP + r"影|供稿|投稿")
#: 作者：, 【作者】, [作者]; a 发表于/更新于 before its date without a colon (a blog's 发表于 2020-06-15).
_INFO_LABEL = re.compile(r"(?P<label>" + INFO_LABEL_WORDS + r")(?:" + _SP + r"[:：]|[】\]］]"
                         r"|(?<=于)\s*(?=(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}))")
#: The first word of a label such as 文章来源：, 信息来源：, 刊发日期： (not in _INFO_LABEL: an optional group before its
#: alternatives would make every search step through CJK text one character at a time).
_LABEL_HEAD = re.compile(r"(?:文章|信息|新闻|稿件|消息|刊发|刊登|出版|见报|成文|印发)$")
#: Where an info line's value ends: a gap, a separator, or a counter printed right after it (作者：王赟阅读 87).
_VALUE_END = re.compile(r"[\s]{2,}|\s[/／](?=\s|$)|[\u3000\u00a0\t\r\n|｜\]】\[【]"
                        r"|(?:我要)?(?:阅读|浏览|点击|评论|人气|跟贴|跟帖)(?=\s*[:：(（]?\s*\d)|已有(?=\s*\d)|"  # 我要评论(7),
                        # 跟贴 41 条, 已有35人参与: a counter after an empty value
                        r"\s(?=[\u4e00-\u9fff]{2,4}\s*[:：])"  # ... or the next label (作者：张三 分类：民生)
                        r"|(?:分类|栏目|类别|标签)(?=[:：])")  # (spans printed without a space: 作者：编辑部分类：民生)
#: A bare number ending a value, after a space or alone: the count a counter's icon shows, no name's part.
_TRAILING_COUNT = re.compile(r"(?:^|\s+)\d{1,9}$")
#: The end of a sentence: a text that has one is prose, not an info line.
_SENTENCE_END = re.compile("[。！？]")
#: A date in a text: the same kind of separator twice (2017年1-5月 is a range of months, not 5 January).
_DATE_IN = re.compile(r"(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]|年\s*\d{1,2}\s*月)\s*\d{1,2}")
#: A date printed month first, 09/23/2013 (Drupal's stock format): apart, so that _DATE_IN keeps its fast literal scan.
_DATE_YEAR_LAST = re.compile(YEAR_LAST_DATE)

#: 上一篇/下一篇 and their other names (a photo channel's 上一图集/下一图集: 上一张/下一张 are its page links; a
#: programme column's 上一期：/下一期： before a title). A bare 上篇/下篇 in parentheses is a series' part in its headline
#: (走进牧民定居点（上篇）), not a label.
_PN_LABELS = ("上一篇|下一篇|上一条|下一条|上一则|下一则|(?<![（(])[上下]篇(?![）)])|前一篇|后一篇|上一主题|下一主题|上一图集|"
              "下一图集|上一组|下一组|上一期|下一期")
_PN_PREV = frozenset(("上一篇", "上一条", "上一则", "上篇", "前一篇", "上一主题", "上一图集", "上一组", "上一期"))
_PN = re.compile(f"({_PN_LABELS})")
#: The label before the title (twice, as WordPress prints it for the eye and for a screen reader: 下一篇文章 下一篇文章：).
_PN_PREFIX = re.compile(rf"^(?:[\s\[【(（<]*(?:{_PN_LABELS})(?:文章)?[\s\]】)）>]*[:：]?\s*)+")
#: The label after the title inside a link (Hugo's <a><span>title</span><span>上一篇</span></a>).
_PN_SUFFIX = re.compile(rf"\s*[\[【(（<]*(?:{_PN_LABELS})(?:文章)?[\s\]】)）>]*$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{8}")
_ARROWS = " ◀▶◁▷◄►←→«»‹›⇐⇒"
#: ASCII arrows around a labelled link's text (NetEase Blog's <<上一篇：title, 下一篇：title>>), not a title's own
#: brackets (<<十二木卡姆>>传承人…).
_ASCII_ARROWS = re.compile(rf"^<<\s*(?=(?:{_PN_LABELS}))|(?<=[^>])>>$")
_PN_NONE = re.compile(r"^[\s:：]*(没有了|没有|无|暂无|none|null|已经是|这是|当前已是|已是)", re.I)

_PAGE_WORD = re.compile(r"^(上一页|下一页|上页|下页|前一页|后一页|首页|尾页|末页|最后一页|第一页|最末页|«|»|<<|>>|‹|›|<|>)$")
_PAGE_NUM = re.compile(r"^(?:第\s*)?[\[［【(]?\s*(\d{1,3})\s*[\]］】)]?(?:\s*页)?$")  # 2, [2], 第2页
#: What decorates a page bar's word: 下一页>>, <<上一页, [下一页], 【尾页】, 下一页 →.
_BAR_DECOR = "<>«»‹›←→[]［］【】()（） "
#: What stands between a page bar's items: spaces, brackets, bars.
_BAR_GAP = r"[\s\[\]［］【】|｜]*"
#: A link's tail that is the current page's number between a bar's brackets and separators (`] [3]`, ` 第2页`).
_TAIL_NUMBER = re.compile(_BAR_GAP + r"(?:第\s*)?(\d{1,3})(?:\s*页)?" + _BAR_GAP)
_PAGE_OF = re.compile(r"第\s*(\d{1,3})\s*页")
_ITEM_COUNT = re.compile(r"共\s*\d+\s*(?:页\s*\d+\s*)?[条期篇]|\d+\s*条(?:记录|信息|新闻|文章)")
_PAGE_TOTAL = re.compile(r"共\s*(\d{1,3})\s*页")
_PAGE_FRAC = re.compile(r"(?<![\d-])(\d{1,3})\s*/\s*(\d{1,3})(?![\d-])")
_URL_PAGE = re.compile(r"[_-](\d{1,3})\.[a-z]{2,5}$", re.I)
_QUERY_PAGE = frozenset(("page", "p", "pageno", "pn", "pg", "pagenum", "page_no", "pageindex", "curpage", "cp"))
_CURRENT_CLASS = re.compile(r"(?:^|[\s_-])(current|cur|curr|on|active|selected|sel|now|thisclass|this|page_?cur)"
                            r"(?:$|[\s_-])", re.I)

_CRUMB_HOME = re.compile(r"(首页|主页|首\s页|网站首页|本站首页|home)", re.I)
_CRUMB_STRONG = re.compile(r"\s*(?:>>|>|»|→|›|＞|》|->|=>|—>)\s*")
_CRUMB_WEAK = re.compile(r"\s*(?:/|／|-|—|\\|::|·|\|)\s*")
_CRUMB_LABEL = re.compile(
    r"^[\s\u3000]*(?:您|你)?(?:现在|当前|目前)?(?:的|所在的?)?(?:位置|当前位置|所在位置|导航|当前页)(?:是|为)?\s*[:：]?\s*"
)
_CRUMB_TAIL_DROP = re.compile(r"^(正文|内容|文章内容|正文内容|详细内容|内容页|浏览文章|阅读文章|查看文章|文章|详情|新闻内容|"
                              r"信息内容|显示文章|查看内容|内容详情|查看详情|阅读全文|>)$")

_LEDE_WORDS = r"(?:本期|本文)?(摘\s*要|导\s*读|核心提示|内容提要|提\s*要|内容摘要|文章摘要|本文导读|简\s*介)"
_LEDE = re.compile(r"^[\s\[【(（]*" + _LEDE_WORDS + r"(?:\s*[\]】)）]\s*[:：]?|\s*[:：])")  # 摘要：, 【摘要】
#: A lede box's name alone, as a <fieldset>'s <legend> prints it (摘 要).
_LEDE_NAME = re.compile(r"[\[【(（]?" + _LEDE_WORDS + r"[\]】)）]?\s*[:：]?")
#: An info line in the body that is the article's own: it starts with 作者/来源 (not 数据来源：国家统计局).
_SIGN_LABEL = r"(?:作\s*者|来\s*源|稿\s*源)\s*[:：]"
_SIGNATURE = re.compile(r"^[\s（(【\[]*(?:文章|信息|稿件|本文)?" + _SIGN_LABEL)  # 文章来源：亚心网, 本文来源： too
_DIVIDER = re.compile(r"[-—_=─\s]*分隔线[-—_=─\s]*")  # DedeCMS's ------分隔线------ under the body
_SUBTITLE = re.compile(r"^(?:——|--|──|―)")
_TAGS = re.compile(r"^[\s\[【(（]*(标签|关键词|关键字|tags?)\s*[:：]", re.I)
_EDITOR = re.compile(r"^[\s\[【(（]*(责任编辑|责编|编\s*辑|值班编辑|编审|审核|校对|网络编辑|文字编辑|终审|审校|编辑整理)\s*[:：]")
_SHARE = re.compile(r"分享到|分享至|转发到|一键分享|分享本文|复制链接|扫一扫|微信扫描")
_PRINT = re.compile(r"打印本页|打印此文|打印本文|打印文章|关闭窗口|关闭本页|【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|"
                    r"\[\s*关闭\s*\]|收藏本页|推荐给好友|返回顶部|发表评论|我要评论|查看评论|网友评论|加入收藏|"
                    r"(?:字体|字号)\s*[:：]?\s*[【\[(（]?\s*[大中小]|【(?:字体|字号)|\[(?:字体|字号)|告诉好友|双击滚屏|发表留言|返回列表|"
                    r"^\W*打印\W*$|^\W*关闭\W*$|^\W*(?:点击|继续)?(?:展开|收起|收缩)(?:全文|全部|阅读|更多)?\W*$")  # a fold's button
_RELATED = re.compile(r"^[\s\[【(（]*(相关文章|相关新闻|相关链接|相关阅读|延伸阅读|相关报道|相关专题|热点推荐|推荐阅读|"
                      r"更多新闻|其他新闻|最新文章|热门文章|相关资讯|相关内容|热点文章|推荐文章|猜你喜欢|热门推荐|"
                      r"相关稿件|专题推荐|精彩推荐|热点新闻|最新新闻|往期回顾|热点排行|点击排行|热门排行|排行榜|图片新闻|热门阅读|"
                      r"图文推荐|热点图片|热门资讯|最新资讯|24小时排行|今日排行|本周排行|一周排行|本月排行|文章索引)")
_FOOTER = re.compile(r"copyright|版权所有|ICP备|ICP证|公网安备|all rights reserved|备案号|违法和不良信息|禁止.{0,4}转载|"
                     r"严禁转载|转载请注明|未经.{0,6}授权|版权声明|转载申请|联系我们", re.I)
#: A run of page numbers: 1 2 3, [1][2] (not 1532); a page bar's only where some are links (not a table's row of
#: figures, 100 | 30).
_NUMBER_RUN = re.compile(r"\s*\[?\d{1,3}\]?(?:\s*\[\d{1,3}\]|\s+\d{1,3})+\s*")
_PAGEBAR_LINE = re.compile(r"上一页|下一页|共\s*\d+\s*页|第\s*\d+\s*(?:/\s*\d+\s*)?页|(?:^|\s)[上下]页(?:\s|$)|首页\s*.*\s*尾页|"
                           r"^" + _NUMBER_RUN.pattern + "$")
#: A line that only counts the pages, in a sentence's punctuation: 本文共 3 页，当前第 1 页 (a page bar's caption).
_PAGE_COUNT_LINE = re.compile(r"(?:本文|全文|本篇|文章|当前|现在|目前|为|是|共\s*\d{1,3}\s*页|第\s*\d{1,3}\s*页|[\s,，、;；:：。.\[\]【】()（）])+")
_AD = re.compile(r"(?:^|[\s_-])(ad|ads|adv|advert\w*|advertisement|guanggao|gg|ggw|adbox|ad\d+|adsense|sponsor)"
                 r"(?:$|[\s_\d-])", re.I)
_TITLE_CLASS = re.compile(r"title|biaoti|headline|heading|subject|(?:^|[^a-z])(?:bt|tit|tt|h1)(?:[^a-z]|$)", re.I)
_NOT_TITLE_CLASS = re.compile(r"subtitle|sub_title|fu_?bt|title_?list|titlelist|list|link|nav|menu|more", re.I)
_FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt|em)?", re.I)
_BOLD = re.compile(r"font-weight\s*:\s*(bold|[6-9]00)", re.I)
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|--+|—+|–|\s-\s|-(?=[^\d\s])|<|>|::)\s*")
_IMG_SKIP = re.compile(r"spacer|blank\.gif|kongbai|/image/common/|pixel|counter|/stats?(?:[/._?]|$)|tracking|guanggao|"
                       r"/ads?/|/gg/|1x1|/logo", re.I)
_HEADINGS = {"h1": 3.0, "h2": 2.6, "h3": 2.2, "h4": 1.6, "h5": 1.0, "h6": 0.8}


#: Quotation marks: a label right after one is quoted in a sentence, not printed as a label (no lookbehind in
#: _INFO_LABEL: it would make the regex try every position of every text, ~9x slower).
_QUOTES = frozenset("“「『‘\"'")


#: Words before a bare 时间/日期 that make it a member's or a product's, not a page's: a user profile's 注册时间：,
#: 最后登录时间：, a shop's 上架时间：.
_NOT_PAGE_DATE_WORDS = ("注册", "登录", "登陆", "加入", "在线", "上架",
                        # ... or an event's that a notice announces (停水时间：6月15日8:00至…, 报名时间：…)
                        "停水", "停电", "停气", "停暖", "施工", "营业", "办公", "开放", "报名", "考试", "截止", "受理",
                        "办理", "活动", "会议")
_NOT_PAGE_DATE = re.compile(f"(?:{'|'.join(_NOT_PAGE_DATE_WORDS)})(?:时间|日期)")
#: ... and words before a 来源 or 作者 that make it a figure's or a photo's: a chart's 数据来源：, 图片来源：, 资料来源：.
_NOT_PAGE_LABEL_WORDS = (*_NOT_PAGE_DATE_WORDS, "数据", "图片", "资料", "照片", "视频")
_NOT_PAGE_LABEL_ENDS = frozenset(word[-1] for word in _NOT_PAGE_LABEL_WORDS)


def _labels(text: str):
    """The _INFO_LABEL matches in text that are labels (not quoted, not a member's 注册时间, a product's 上架时间 or a
    chart's 数据来源)."""
    return (m for m in _INFO_LABEL.finditer(text) if not (m.start() and (
        text[m.start() - 1] in _QUOTES or text[m.start() - 1] in _NOT_PAGE_LABEL_ENDS
        and text.endswith(_NOT_PAGE_LABEL_WORDS, 0, m.start()))))


def _has_label(text: str) -> bool:
    return next(_labels(text), None) is not None


def _label(match) -> str:
    """The label an _INFO_LABEL match found, its inner spaces (作 者, 来　源) dropped."""
    return "".join(match.group("label").split())


def _el_text(el) -> str:
    if not len(el):
        return clean_text(el.text)
    return clean_text(text_of(el))


def _attrs(el) -> str:
    return (el.get("class") or "") + " " + (el.get("id") or "")


def absolute(base: str, href: str | None) -> str | None:
    """href resolved against base (http/https only); None for javascript:, mailto:, fragments and junk."""
    if not href:
        return None
    first = href.lstrip()[:1]
    if (first.isalnum() or first == ".") and ":" not in href:
        # a relative path depends on the base's directory only (RFC 3986 5.2.3): one cache entry serves
        # every page of a directory
        path = base.partition("#")[0].partition("?")[0]
        cut = path.rfind("/")
        if cut > path.find("//") + 1:
            base = path[:cut + 1]
    return _absolute(base, href)


@lru_cache(maxsize=8192)
def _absolute(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("javascript:", "mailto:", "#", "tel:", "about:", "data:", "JavaScript:")):
        return None
    if "\\" in href:  # ..\0620\12.htm: a path's backslashes are slashes to browsers (the query keeps its own)
        path, mark, query = href.partition("?")
        href = path.replace("\\", "/") + mark + query
    if href.startswith(("http://", "https://")) and "/." not in href and "\\" not in href and " " not in href:
        return href
    if href.startswith("/") and not href.startswith("//") and "/." not in href and "\\" not in href:
        i = base.find("/", base.find("//") + 2) if "//" in base else -1
        root = base if i < 0 else base[:i]
        if root.startswith(("http://", "https://")):
            return root + href
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


# -- rules (site-specific fast path) ----------------------------------------------------------------------
@lru_cache(maxsize=256)
def _compile(selector: str):
    sel = selector.strip()
    try:
        if sel.startswith(("/", "./", "(")):
            return etree.XPath(sel)
        from lxml.cssselect import CSSSelector

        return CSSSelector(sel)
    except Exception:  # noqa: BLE001 - a bad selector in settings must not break extraction
        return None


def rule_element(doc: Doc, rules: Mapping | None, key: str):
    """The first element the rule `key` selects, or None (no rule, bad rule or no match)."""
    if not rules or not rules.get(key):
        return None
    fn = _compile(str(rules[key]))
    if fn is None:
        return None
    try:
        found = fn(doc.root)
    except Exception:  # noqa: BLE001
        return None
    for item in found if isinstance(found, list) else []:
        if isinstance(item, etree._Element) and isinstance(item.tag, str):
            return item
    return None


# -- page bar ---------------------------------------------------------------------------------------------
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
def _host_dir(url: str) -> tuple[str, str, str]:
    """(host, directory, path) of an absolute URL, by string operations (urlsplit is slow per link)."""
    rest = url.split("://", 1)[1] if "://" in url else url
    host, _, path = rest.partition("/")
    path = "/" + path.split("#", 1)[0].split("?", 1)[0]
    return host.lower(), path.rsplit("/", 1)[0], path


def _same_family(a: str, b: str) -> bool:
    """Two URLs that could be pages of one document or one listing: same host and same directory, or one at most
    two steps under the other (WordPress: /archives/130 and its page 2 /archives/130/2; / and /page/2/; ThinkPHP's
    /show/id/123.html and /show/id/123/p/2.html)."""
    ha, hb = _host_dir(a), _host_dir(b)
    return ha[0] == hb[0] and (ha[1] == hb[1] or _just_under(ha[2], hb[2]) or _just_under(hb[2], ha[2])
                               or _numbered_sibling(ha[2], hb[2]) or _numbered_under(ha, hb) or _numbered_under(hb, ha))


#: Folders a page's number adds before its file name: PageIndex/2, currentpage/3, 2.
_NUMBER_FOLDERS = re.compile(r"(?:[^/]+/)?\d{1,4}")


def _numbered_under(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Whether b (a _host_dir triple) is a's file under a page number's folders (DotNetNuke's /ItemID/19/Default.aspx
    and /ItemID/19/PageIndex/2/Default.aspx)."""
    name = a[2][len(a[1]):]
    return "." in name and b[2].endswith(name) and b[1].startswith(a[1] + "/") and \
        _NUMBER_FOLDERS.fullmatch(b[1][len(a[1]) + 1:]) is not None


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
    return _same_family(href, url) or _host_dir(href)[2] == _host_dir(url)[2]


def _just_under(path: str, top: str) -> bool:
    if not top.endswith("/"):
        if path.startswith(top + "/"):  # WordPress's /2014/06/1532.html/2
            return path[len(top) + 1:].strip("/").count("/") <= 1
        stem, dot, suffix = top.rpartition(".")
        top = stem if dot and 0 < len(suffix) <= 5 and "/" not in suffix else top  # /id/123.html: under /id/123/
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


#: The classes frameworks hide words with that only a screen reader reads (Drupal's visually-hidden, Bootstrap's
#: sr-only, WordPress's screen-reader-text).
_SCREEN_READER_CLASSES = frozenset(("visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text",
                                    "element-invisible"))


def shown_text(a) -> str:
    """A link's text as a reader sees it: a page bar's <a><span class="visually-hidden">当前页</span>1</a> shows 1."""
    text = _el_text(a)
    if not len(a):
        return text
    for el in a.iter():
        if (cls := el.get("class")) and not _SCREEN_READER_CLASSES.isdisjoint(cls.split()):
            text = text.replace(_el_text(el), "", 1)
    return clean_text(text)


#: The words of a page bar that only page bars print (首页 and « are also a breadcrumb's and a nav's).
BAR_WORDS = frozenset(("上一页", "下一页", "上页", "下页", "前一页", "后一页", "尾页", "末页"))


def bar_word(text: str) -> str:
    """A page bar's link text without its decoration (下一页>> -> 下一页, a blog's 更早文章 → -> 下一页); other texts as
    they are."""
    core = text.strip(_BAR_DECOR)
    if core in _BLOG_PAGER:
        return _BLOG_PAGER[core]
    return core if core != text and _PAGE_WORD.match(core) else text


#: A link that goes nowhere: javascript:;, javascript:void(0).
_VOID_SCRIPT = re.compile(r"\s*javascript:\s*(?:void\s*\(\s*0\s*\)|;|$)", re.I)


def _find_pagebars(doc: Doc, url: str) -> list[PageBar]:
    groups: dict[object, list] = {}
    order: list = []
    for a in doc.root.iter("a"):
        t = doc.T[doc.idx[a]] if a in doc.idx else 0
        if t == 0 or t > 8:
            continue
        text = shown_text(a)
        if not text or len(text) > 8:
            continue
        text = bar_word(text)
        num = _PAGE_NUM.match(text)
        word = None if num else _PAGE_WORD.match(text)
        if not num and not word:
            continue
        raw_href = a.get("href")
        if raw_href and raw_href[:1] == "#" and len(raw_href.strip()) > 1:
            continue  # a place in this page (a footnote's [1] -> #_ftn1), never another page
        if raw_href is None and a.get("name") is not None:
            continue  # a place links go to (a comment's number, <a name="cmt12">1</a>), not a page link
        if raw_href and _VOID_SCRIPT.match(raw_href) and a.get("onclick") is None and \
                not (num and _CURRENT_CLASS.search(_attrs(a))):
            continue  # a button's (javascript:; around a counter's (19)), not a page's (javascript:goPage(2), or
            # javascript:; with onclick="goto(2)", or the current page's number, <a class="active" href="javascript:;">)
        href = absolute(doc.base_url, raw_href)
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
            if c2.tag in ("ul", "ol", "div", "p", "td", "center"):
                c = c2
        if c not in groups:
            groups[c] = []
            order.append(c)
        groups[c].append((a, href, text, num, word))
    bars: list[PageBar] = []
    for c in order:
        items = _without_home_lines(c, groups[c])
        nums = [x for x in items if x[3]]
        words = [x for x in items if x[4]]
        word_set = {x[2] for x in words}
        if not nums and not (word_set & BAR_WORDS):
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
        ctext = _el_text(c)
        if len(ctext) > 400 and (ctext := _bar_line_text(c, [x[0] for x in items])) is None:
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
            for el in c.iter():
                if el.tag == "a" or not isinstance(el.tag, str):
                    continue
                anc_link = any(x.tag == "a" for x in el.iterancestors())
                if anc_link:
                    continue
                for piece in (el.text, el.tail if el is not c else None):
                    if piece and piece.strip():
                        mm = _PAGE_NUM.match(clean_text(piece))
                        if mm and (piece is not el.tail or el.tag != "a"):
                            current = int(mm.group(1))
                            break
                if current is not None:
                    break
                if _CURRENT_CLASS.search(_attrs(el)):
                    mm = _PAGE_NUM.match(_el_text(el))
                    if mm:
                        current = int(mm.group(1))
                        break
        if current is None:
            current = _number_after_link(c)
        if current is None:
            for a, href, text, num, word in items:
                if num and _CURRENT_CLASS.search(_attrs(a)):
                    current = int(num.group(1))
                    break
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
            if current is not None and bar.numbered and current in bar.numbered and \
                    canonical_url(bar.numbered[current]) != canonical_url(url):
                current = None
            if current in (None, 1) and not bar.numbered and bar.prev and canonical_url(bar.prev) != canonical_url(url):
                current = 2  # its 上一页 leads to another page: not the first (t123_1.htm of a zero-based CMS is page 2)
        if current is None and bar.numbered:
            missing = [n for n in range(1, max(bar.numbered) + 1) if n not in bar.numbered]
            if len(missing) == 1:
                current = missing[0]
            elif 1 not in bar.numbered:
                current = 1
        bar.current = current
        bars.append(bar)
    return bars


def _br_lines(block, links) -> dict | None:
    """Each child of a block of <br>-separated lines -> the number of its line (a <br> starts the next); None unless
    the block has <br>s among its children and the links are all its own children (a WAP page's one block)."""
    if block.find("br") is None or any(a.getparent() is not block for a in links):
        return None
    line, lines = 0, {}
    for child in block:
        line += child.tag == "br"
        lines[child] = line
    return lines


def _without_home_lines(block, items: list) -> list:
    """A block's page-bar items without the 首页 links of its other <br>-separated lines: a WAP page prints its
    breadcrumb's 首页 (the site's, not the article's first page) lines above 上一页 1 <a>2</a> <a>下一页</a> in the same
    block."""
    if not any(text == "首页" for _, _, text, _, _ in items) or all(text == "首页" for _, _, text, _, _ in items):
        return items
    lines = _br_lines(block, [a for a, _, _, _, _ in items])
    if lines is None:
        return items
    bar_lines = {lines[a] for a, _, text, _, _ in items if text != "首页"}
    return [x for x in items if x[2] != "首页" or lines[x[0]] in bar_lines]


def _bar_line_text(block, links) -> str | None:
    """The text of the <br>-separated line of a block that holds most of a page bar's links (a WAP page's body:
    …<br/>上一页 1 <a>2</a> <a>下一页</a><br/>…); None when the block is not one of such lines around them."""
    lines = _br_lines(block, links) if links else None
    if lines is None:
        return None
    on_line = Counter(lines[a] for a in links)
    bar_line = max(on_line, key=on_line.get)
    text = (block.text or "" if bar_line == 0 else "") + "".join(
        text_of(child) + (child.tail or "") for child, line in lines.items() if line == bar_line)
    return clean_text(text)


#: A page counter printed apart from the page links (Joomla's <div class="pagenavcounter">第 2 页 共 3 页</div>).
_PAGE_COUNTER = re.compile(r"第\s*(\d{1,3})\s*页\s*[,，/]?\s*共\s*(\d{1,3})\s*页")


def _page_counter(bar_el) -> tuple[int, int] | None:
    """(page, pages) from a short counter beside a page bar of links only (before or after it, or its wrapper, in
    their block)."""
    for el in (bar_el, bar_el.getparent()):
        for sib in (*el.itersiblings(preceding=True), *el.itersiblings()) if el is not None else ():
            if isinstance(sib.tag, str) and not len(sib) and sib.text and len(sib.text) <= 40:
                m = _PAGE_COUNTER.search(sib.text)
                if m and int(m.group(1)) <= int(m.group(2)):
                    return int(m.group(1)), int(m.group(2))
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
    if not near or bar is None or body is None or doc.contains(body, bar.el) or doc.contains(bar.el, body):
        return bar
    bpos = doc.position(body)
    pos = doc.position(bar.el)
    return None if pos < bpos or pos - (bpos + doc.size[bpos]) > 60 else bar


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
            d = pos - bend
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
    path = _host_dir(url)[2]
    for a in doc.root.iter("a"):
        if _WHOLE.match(_el_text(a)):
            href = absolute(doc.base_url, a.get("href"))
            if href and canonical_url(href) != canonical_url(url) and (
                    doc.contains(bar.el, a) or _host_dir(href)[2] == path):
                return href
    return None


# -- title ------------------------------------------------------------------------------------------------
def title_segments(title_text: str) -> list[str]:
    return [s for s in _TITLE_SPLIT.split(title_text) if s]


def _title_match(text: str, title_text: str) -> float:
    """How well a printed candidate matches the <title>: 3 full leading segment, 2.5 trailing segment,
    2 prefix (or the full text of a leading segment cut with ...), 1.5 contained, else a similarity in [0, 1)."""
    if not title_text or not text:
        return 0.0
    if title_text == text:
        return 3.2
    if title_text.startswith(text):
        rest = title_text[len(text):].lstrip()
        if not rest or rest[0] in "-_|｜—–:：·,，(（[【<>《/\\" or rest.startswith("--"):
            return 3.0
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


def _similar(a: str, b: str, at_least: float) -> bool:
    """Whether difflib's ratio of a and b is at least at_least, its cheap upper bounds asked first (the lengths, then
    the characters in common): most pairs fail on those without the quadratic matching."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= at_least and matcher.quick_ratio() >= at_least and matcher.ratio() >= at_least


_STYLED_TAGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "b", "strong", "font"))


def _style_weight(el) -> float:
    tag = el.tag
    if tag not in _STYLED_TAGS and not el.attrib:
        return 0.0
    w = _HEADINGS.get(tag, 0.0)
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
        if size.isdigit() and int(size) >= 4 or size.startswith("+") and size[1:].isdigit() and int(size[1:]) >= 1:
            w = max(w, 1.6)
    elif tag in ("b", "strong"):
        w = max(w, 1.0)
    return w


class TitleInfo:
    __slots__ = ("text", "el", "match", "weight", "near")

    def __init__(self, text: str, el, match: float, weight: float, near: bool = False):
        self.text, self.el, self.match, self.weight, self.near = text, el, match, weight, near


_CJK = re.compile(r"[\u4e00-\u9fff]")
_PUA = re.compile(r"[\ue000-\uf8ff]")
_TITLE_WORDS = r"主\s*题|标\s*题|题\s*目|文章标题|帖子主题|新闻标题|信息标题"
_TITLE_LABEL = re.compile(rf"^(?:{_TITLE_WORDS})\s*[:：]\s*")
#: A headline's label alone (a record grid's 标题 cell).
TITLE_NAME = re.compile(rf"(?:{_TITLE_WORDS})\s*[:：]?")
_TITLE_JUNK = " *·•■□◆◇★☆►▶>»-_|—–:："


def headline_text(raw: str) -> tuple[str, bool]:
    """A candidate's printed text, cleaned: (text, had a 主题：-style label)."""
    text = clean_text(_PUA.sub("", raw))
    labelled = False
    m = _TITLE_LABEL.match(text)
    if m:
        text, labelled = text[m.end():], True
    text = text.strip(_TITLE_JUNK)
    return clean_text(text), labelled


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


#: A <title> that names the kind of page every article shares (a hand-made ASP.NET site's 新闻详细, Visual Studio's
#: 无标题页).
_PAGE_TYPE_TITLE = re.compile(r"(?:新闻|文章|信息)?(?:详细|详情|内容|正文)(?:页|页面|信息|内容)?|无标题页|untitled page",
                              re.I)


def find_title(doc: Doc, body, crumb_last: str | None, rules: Mapping | None = None,
               url: str | None = None, debug: list | None = None) -> TitleInfo:
    el = rule_element(doc, rules, "title")
    if el is not None:
        text, _ = headline_text(text_of(el))
        if text:
            return TitleInfo(text, el, 3.0, 3.0, True)
    title_text = clean_text(_PUA.sub("", doc.title_text))
    if _PAGE_TYPE_TITLE.fullmatch(title_text):
        title_text = ""  # <title>新闻详细</title> names the page's kind, no article: nothing printed matches it
    bpos = doc.position(body) if body is not None else -1
    me = canonical_url(url) if url else None
    me_raw = url.split("#")[0] if url else None
    tlen = len(title_text.replace(" ", "")) or 200
    T, L, size = doc.T, doc.L, doc.size
    best = None
    best_score = -1e9
    els = doc.els
    if bpos >= 0:
        window = range(max(0, bpos - 250), min(len(els), bpos + min(size[bpos], 80)))
    else:
        window = range(len(els))
    for i in window:
        el = els[i]
        t = T[i]
        if t < 2 or t > 150:
            continue
        tag = el.tag
        if tag in ("title", "head", "html", "body", "option", "text", "tr", "table", "tbody"):
            continue
        if (size[i] > 4 or t < 4 or t > tlen) and tag not in _STYLED_TAGS and not (
                el.get("class") or el.get("id") or el.get("style")) and not _label_first(el):
            continue
        weight = _style_weight(el)
        self_link = False
        if L[i]:
            if L[i] * 2 > t:
                # link text: a headline only when it links to the page itself or sits in a heading
                if me and L[i] == t and t >= 5 and _proximity(doc, i, bpos, body)[1]:
                    a = el if tag == "a" else el.find(".//a")
                    href = absolute(doc.base_url, a.get("href")) if a is not None else None
                    self_link = bool(href and href.split("#")[0] == me_raw or href and canonical_url(href) == me)
                if not self_link and (weight < 2 or _site_root_link(doc, el)):
                    continue  # (the site's name linking to its front page is no headline)
                if self_link:
                    weight = max(weight, 2.0)
            # else: a headline with a small link inside (rare); keep going
        # only look at the text of elements that may be a headline: styled ones, or small leaves whose
        # text could be (part of) the <title>
        if weight == 0 and (size[i] > 4 or t < 4 or t > tlen) and not _label_first(el):
            continue
        text, labelled = headline_text(text_of(el))
        if len(text) < 2 or len(text) > 100:
            continue
        if labelled:
            weight = max(weight, 2.5)
        match = _title_match(text, title_text)
        if self_link and len(text) >= 5:
            match = max(match, 1.5)
        if crumb_last and (text == crumb_last or (len(crumb_last) >= 6 and text.startswith(crumb_last.rstrip(".…")))):
            match = max(match, 2.4)
        if match == 0 and weight == 0:
            continue
        if _has_label(text) or _PN.search(text) or _PAGEBAR_LINE.search(text):
            continue
        if len(text) <= 12 and (_RELATED.match(text) or _PAGE_TYPE_TITLE.fullmatch(text)) or \
                self_link and text.endswith(("...", "…")):
            continue  # a sidebar box's label (热门文章), a module's title naming the page's kind (DotNetNuke's
            # 新闻详细 over the headline), a sidebar's cut link to this page: no headline is cut
        if len(text) < 40 and _DATE_IN.search(text) and not _CJK.search(_DATE_IN.sub("", text)):
            continue
        prox, near = _proximity(doc, i, bpos, body)
        score = match * 6 + weight * 3 + prox
        if len(text) < 4:
            score -= 5
        if debug is not None:
            debug.append((score, text, match, weight, near, i))
        if score > best_score:
            best, best_score = TitleInfo(text, el, match, weight, near), score
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


# -- breadcrumb -------------------------------------------------------------------------------------------
def is_home_item(text: str) -> bool:
    """Whether a breadcrumb item is the home page's (首页, 网站首页, 主页, Home, ...)."""
    return bool(_CRUMB_HOME.fullmatch(text.replace(" ", "")))


CrumbPiece = tuple[str, bool, str | None]  # (text, is_link, href)


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
            t = _CRUMB_LABEL.sub("", t) if not items else t
            if t:
                items.append((t, True, href))
            continue
        t = text.replace("\u3000", " ").replace("\u00a0", " ")
        for part in sep.split(t):
            part = clean_text(part)
            if not items:
                part = clean_text(_CRUMB_LABEL.sub("", part))
            part = part.strip(">»→›＞》/／\\-—|:：·")
            part = clean_text(part)
            if part:
                items.append((part, False, None))
    return tuple(items), strong


def _crumb_items(el, title: str | None, page_url: str, base_url: str) -> tuple[list[str], bool]:
    """Items of a breadcrumb element; bool = strong separators seen."""
    pieces: list[CrumbPiece] = []
    links = 0  # <a> elements open around the walk's position, el included (their text is the link's)
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node.tag == "a":
                href = node.get("href")
                # (an image in a link to a place in the page names no item: ASP.NET's SiteMapPath starts with a
                # 0x0 <img alt="跳过导航链接"> in <a href="#…SkipLink">)
                name = _el_text(node) or ("" if (href or "").startswith("#") else _image_name(node))
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
        if is_link and href and len(items) > 1:
            absu = absolute(base_url, href)
            if absu and canonical_url(absu) == canonical_url(page_url):
                items.pop()
                continue
        break
    return [t for t, _, _ in items], strong


_CRUMB_ATTR = re.compile(r"crumb|bread|position|location|weizhi|dqwz|mbx", re.I)


def _list_crumb(el) -> bool:
    """A breadcrumb drawn as a list whose separators are left to CSS: two to six short items, the last one the
    current page (no link), or the list (or what holds it) named as a breadcrumb; not a nav menu of links (nor its
    empty <li class="menuR"> end caps)."""
    items = [li for li in el if li.tag == "li" and _el_text(li)]
    if not 2 <= len(items) <= 6 or any(len(_el_text(li)) > 20 for li in items):
        return False
    holder = el.getparent()
    return items[-1].find(".//a") is None or any(
        _CRUMB_ATTR.search(_attrs(e) + " " + (e.get("aria-label") or "")) for e in (el, holder) if e is not None)


#: A folder's index file, and the path of a site's front page.
INDEX_FILE = r"(?:index|default)\.(?:s?html?|aspx?|php|jsp)"
_ROOT_PATH = re.compile(rf"/(?:{INDEX_FILE})?", re.I)
_ROOT_RELATIVE = re.compile(rf"(?:\.\.?/)*(?:{INDEX_FILE})?", re.I)
#: The title of a link to the home page whatever it shows.
_HOME_TITLES = frozenset(("首页", "网站首页", "主页", "返回首页", "首頁", "網站首頁", "主頁", "返回首頁"))


def _image_separated(el) -> bool:
    """Two to five short items (cells, links) with an image, an arrow, between each two and nothing else: a
    breadcrumb drawn without a label or a separator character."""
    seq = []
    for kid in el:
        if not isinstance(kid.tag, str):
            continue
        text = _el_text(kid)
        if (kid.tail or "").strip() or len(text) > 12:
            return False
        if text:
            seq.append("t")
        elif kid.tag == "img" or kid.find(".//img") is not None:
            seq.append("i")
    return 3 <= len(seq) <= 9 and seq[0] == "t" == seq[-1] and all(a != b for a, b in zip(seq, seq[1:]))


def _image_name(a) -> str:
    """The name an image-only link shows: its image's alt text ("" when none)."""
    img = next(a.iter("img"), None)
    return clean_text(img.get("alt") or "") if img is not None else ""


def _crumb_line(text: str, crumbs: list[str]) -> bool:
    """Whether a line of text is the breadcrumb read as `crumbs` (a label, the items in order with strong separators
    between them, a trailing 正文 at most): 首页>民生>正文, printed as a line of a block rather than an element."""
    if len(crumbs) < 2 or len(text) > 150:
        return False
    label = _CRUMB_LABEL.match(text)
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
            text = _el_text(c)
            if len(text) > 200:
                break
            if name is None:
                m = _CRUMB_HOME.search(text)
                end = m.end() if m else -1
            else:
                end = text.find(name)
                end = end + len(name) if end >= 0 else -1
            if end >= 0 and "位置" in text[:12] and len(text) < 150 and text[end:].strip() \
                    and not _CRUMB_STRONG.search(text[end:]) and not _CRUMB_WEAK.match(text[end:]):
                # 当前位置：首页 <img> 民生经济 <img> 正文: image separators (not the label's <li> with the home item
                # alone: ChanZhi's)
                cands[c] = (text, False)
                break
            if end >= 0 and c.tag in ("ol", "ul") and _list_crumb(c):
                cands[c] = (text, False)  # <ol><li>首页</li><li>民生经济</li><li>正文</li></ol>: CSS separators
                break
            if end >= 0 and c.tag in ("tr", "div", "p", "span", "td") and _image_separated(c):
                cands[c] = (text, False)  # <td>首页</td><td><img></td><td>新闻中心</td><td><img></td>…: arrow images
                break
            if end >= 0 and _CRUMB_ATTR.search(_attrs(c)) and 2 <= sum(1 for _ in c.iter("a")) <= 6:
                cands[c] = (text, False)  # <div class="bread">首页 <img> 专题 <img> 2015两会</div>: named as one
                break
            # (not the home item's own <span>, its separator and nothing after it, as Plone prints each item: the
            # rest is in a block higher up)
            if end >= 0 and not _CRUMB_STRONG.fullmatch(text[end:]):
                after = text[end:]
                if _CRUMB_STRONG.match(after) or (_CRUMB_STRONG.search(after) and len(after) < 150):
                    cands[c] = (text, True)
                    break
                if _CRUMB_WEAK.match(after) and len(after) > 1:
                    cands[c] = (text, False)
                    break
            c = c.getparent()
            if c is None:
                break
    return cands


def find_breadcrumb(doc: Doc, title: str | None, body, page_url: str, rules: Mapping | None = None):
    """(items, element) of the breadcrumb, ([], None) when the page shows none."""
    el = rule_element(doc, rules, "breadcrumb")
    if el is not None:
        items, _ = _crumb_items(el, title, page_url, doc.base_url)
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
        named = [(a, name) for a in doc.root.iter("a") if (a.get("title") in _HOME_TITLES or _to_site_root(doc, a))
                 and (2 <= len(name := _el_text(a)) <= 12
                      or not name and _CRUMB_STRONG.match((a.tail or "").strip()) and _image_name(a))]
        best, best_items = _best_crumb(doc, _crumb_candidates(doc, named), title, body, bpos, page_url)
    if best is None:
        # a 位置 label's links whose first is no front page (a blog group's 您的位置：<a>记者博客</a> >> <a>李娜的博客</a>)
        best, best_items = _best_crumb(doc, _crumb_candidates(doc, _labelled_crumb_starts(doc)), title, body, bpos,
                                       page_url)
    if best is None:
        return _line_crumb(doc, title, page_url, [e for e, _ in starts if e.tag == "a"]), None
    return best_items, best


def _labelled_crumb_starts(doc: Doc) -> list:
    """(link, its text) of the first link right after each 位置 label (您的位置：, 当前位置：) that is a text of its own."""
    starts = []
    for e, is_tail, text in doc.text_nodes(("位置",)):
        if is_tail or not _CRUMB_LABEL.fullmatch(text.strip()):
            continue
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
            if first is not None and not _el_text(after).startswith(_el_text(first)):
                first = None  # text before the first link: not a list of the label's links
        if first is not None and first.tag == "a" and 2 <= len(name := _el_text(first)) <= 12:
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
                and _CRUMB_LABEL.fullmatch(_el_text(before)):
            firsts.append(before)
    for first in firsts:
        line = etree.Element("span")
        node = first
        while node is not None and node.tag != "br" and len(line) < 12:
            nxt = node.getnext()
            line.append(deepcopy(node))  # a copy: the page's own stays in place
            node = nxt
        text = _el_text(line)
        if len(text) > 60 or not _CRUMB_STRONG.search(text):
            continue
        lead = first if first.tag == "a" else first.getnext()
        home = is_home_item(_el_text(lead)) or _to_site_root(doc, lead)
        items, strong = _crumb_items(line, title, page_url, doc.base_url)
        if home and strong and 2 <= len(items) <= 6:
            return items
    return []


def _site_root_link(doc: Doc, el) -> bool:
    """Whether el is (or holds) a link to the site's front page, from another page."""
    a = el if el.tag == "a" else el.find(".//a")
    return a is not None and _to_site_root(doc, a) and _ROOT_PATH.fullmatch(_host_dir(doc.url)[2]) is None


def _to_site_root(doc: Doc, a) -> bool:
    """Whether a link goes to the site's front page (/, /index.html, ...) on the page's own host. Asked of every
    link of some pages: string tests first, a join only for a relative ../ or index.html."""
    href = (a.get("href") or "").strip()
    if "?" in href and all(map(is_session_param, filter(None, href.partition("?")[2].split("&")))):
        href = href.partition("?")[0]  # index.asp?sid=6666CD76F969: a session token, no other page
    if href.startswith(("http://", "https://")):
        host, _, path = _host_dir(href)
        return _ROOT_PATH.fullmatch(path) is not None and host == _host_dir(doc.url)[0]
    if href.startswith("/"):
        return not href.startswith("//") and _ROOT_PATH.fullmatch(href.partition("#")[0]) is not None
    if not href or not _ROOT_RELATIVE.fullmatch(href):
        return False
    return _ROOT_PATH.fullmatch(_host_dir(absolute(doc.base_url, href) or "")[2]) is not None


def _best_crumb(doc: Doc, cands: dict, title: str | None, body, bpos: int, page_url: str):
    """(element, items) of the best-scoring breadcrumb candidate, (None, []) when none scores 0 or more."""
    best, best_score, best_items = None, -1e9, []
    for c, (text, strong) in cands.items():
        items, strong2 = _crumb_items(c, title, page_url, doc.base_url)
        if len(items) < 1 or any(_PAGE_WORD.match(t) for t in items[1:]):
            continue  # (首页 上一页 下一页 尾页: a page bar)
        n_links = sum(1 for _ in c.iter("a"))
        score = 0.0
        score += 4 if strong2 else 0
        if _CRUMB_LABEL.match(text) and ("位置" in text[:12] or "导航" in text[:12]):
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
            # anything: 关于…的通知; not a page named like a nav item, 关于我们)
            named = text.replace(title, "") if title and len(title) > 8 else text
            if len(items) > 4 or _FOOTER.search(text) or "关于" in named or "联系" in named or \
                    "|" in text and not (title and title[:6] in text):
                score -= 8
        if len(items) >= 2:
            score += 1
        if score > best_score:
            best, best_score, best_items = c, score, items
    return (best, best_items) if best is not None and best_score >= 0 else (None, [])


# -- info line --------------------------------------------------------------------------------------------
#: Which date of an info line is the article's: when it was published, before a bare 时间, before when it was
#: last changed or entered (更新时间：2017-06-22 发布时间：2017-06-20 -> 2017-06-20).
#: How a date's label ends (发布时间, 日期; a blog's bare 发布:2009-2-16 16:05; Joomla's 发布于：).
_TIME_LABEL_ENDS = ("时间", "日期", "发布", "发布于", "发表于", "更新于")
_DATE_LABEL_RANK = {"发布时间": 0, "发表时间": 0, "发布日期": 0, "发稿时间": 0, "发布": 0, "发布于": 0, "发表于": 0,
                    "更新时间": 2, "更新于": 2, "添加时间": 2, "录入时间": 2, "上传时间": 2}


def parse_info(raw: str) -> dict[str, str | None]:
    """Values of the labels in one info line: {'author','source','published','date_any'}."""
    out: dict[str, str | None] = {}
    published_rank = 3
    matches = list(_labels(raw))
    for k, m in enumerate(matches):
        label = _label(m)
        end = matches[k + 1].start() if k + 1 < len(matches) else len(raw)
        value = raw[m.end():end]
        if k + 1 < len(matches):
            value = _LABEL_HEAD.sub("", value)  # 作者：王赟 文章来源：… (the next label's first word)
        value = value.lstrip(" \t\r\n\u3000\u00a0")
        cut = _VALUE_END.search(value)
        if cut:
            value = value[: cut.start()]
        value = clean_text(value).strip(",，;；、/／")
        if value[-1:] in ")）" and not any(c in value for c in "(（"):
            value = value[:-1].rstrip()  # the end of a line in brackets: （来源：新疆日报）
        field = "author" if label == "作者" else "source" if label in ("来源", "稿源", "出处") else None
        if field:
            if field not in out:
                if _PUA.search(value):  # an icon font's glyph after an empty value (来源：<i>&#xe705;</i>1523)
                    value = clean_text(_PUA.sub("", value))
                dm = _DATE_IN.search(value)  # a date run into the value ("作者：李明2017-06-20")
                value = clean_text(value[: dm.start()]) if dm else value
                if value[-1:].isdigit():  # a view counter's bare number after it (作者：李娜 1523: an icon's count)
                    value = _TRAILING_COUNT.sub("", value)
                out[field] = value or None
        elif label.endswith(_TIME_LABEL_ENDS):
            rank = _DATE_LABEL_RANK.get(label, 1)
            if rank < published_rank and (d := parse_date(raw[m.end():end], labelled=True)):
                out["published"], published_rank = d, rank
    if "published" not in out and not _NOT_PAGE_DATE.search(raw):
        d = parse_date(raw)  # (a date alone, not a member's 注册日期： 2008-03-11)
        if d:
            out["date_any"] = d
    return out


def is_info_line(text: str) -> bool:
    return len(text) <= 200 and _short_info_line(text)


def labelled_info_line(text: str) -> bool:
    """An info line with a label in it (作者：…, 发布时间：…), not only a date."""
    return is_info_line(text) and _has_label(text)


def info_block(doc: Doc, el) -> bool:
    """Whether el prints nothing but a labelled info line (a densest block that is one: a page of figures)."""
    i = doc.position(el)
    return 0 <= i and doc.T[i] <= 200 and labelled_info_line(doc.text(el))


#: Three or more short fields between bars (a post footer's meta row).
_BAR_FIELDS = re.compile(r"[^|｜]{1,40}(?:[|｜][^|｜]{1,40}){2,}")


@lru_cache(maxsize=2048)  # one line is asked about more than once a page, and nav/footer lines on every page
def _short_info_line(text: str) -> bool:
    if _DATE_WEEKDAY.fullmatch(text):
        return True  # a dateline with its weekday after a comma (Wikinews's 2013年9月10日，星期二)
    if _SENTENCE_END.search(text):
        return False  # a sentence (首卷《一碗拉条子》（作者：刘永明）以一位…。): text that names a label, no info line
    labels = {_label(m) for m in _labels(text)} if any(c in text for c in ":：】]］") else frozenset()
    if len(labels) >= 2:
        return True
    if labels & {"作者", "来源", "稿源", "出处", "发布时间", "发表时间", "发布日期", "发布", "发布于", "发表于", "更新时间",
                 "时间", "日期", "点击", "点击次数", "浏览", "添加时间", "录入时间", "发稿时间"} and len(text) < 100:
        return True
    # (a row of short fields between bars may be longer: posted by 马晓喆 at 2008-05-06 08:45 | 评论(3) | 阅读(645) | …)
    return (len(text) < 60 or len(text) < 100 and _BAR_FIELDS.fullmatch(text) is not None) and "，" not in text and \
        "。" not in text and bool(_DATE_IN.search(text) or "/" in text and _DATE_YEAR_LAST.search(text)
                                  or "-" in text and _SHORT_DATE.search(text) or text.isascii() and EN_DATE.search(text)) \
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
    i = doc.position(region)
    bi = doc.position(body)
    if i >= 0 and bi >= 0 and doc.size[i] > doc.size[bi] + 600:
        return doc.root
    return region


def _one_of_many_stamps(doc: Doc, text: str) -> bool:
    """Whether an unlabelled dated line is one of a list's time stamps: the word before its date (发布于, 发表于)
    printed before a date three times or more on the page (readers' comments, a guestbook's messages)."""
    m = _DATE_IN.search(text)
    words = text[:m.start()].split() if m else ()
    if not words or len(words[-1]) < 2:
        return False
    return len(re.findall(re.escape(words[-1]) + r"\s*" + _DATE_IN.pattern, doc.joined_text())) >= 3


def _lines_after(doc: Doc, body, elements: int = 3) -> list[Para]:
    """The labelled lines of the few short elements right after the body, or right after the text's own block inside
    it: an info line printed under the article (a blog's post footer, 作者:admin | 发布:2009-2-16 16:05; a notice's
    发布时间：… under its text, in the block that holds both), out of reach of the lines after the headline when the
    article is long; and its unlabelled info lines that print a time (BlogBus's posted by 马晓喆 at 2008-05-06 08:45 |
    评论(3) | 阅读(645))."""
    text_block = body
    while len(text_block) and (i := doc.idx.get(text_block)) is not None and doc.T[i]:
        # down to the child that holds most of the text (the wrappers around it, then the text's block)
        child = max(text_block, key=lambda c: doc.T[doc.idx[c]] if c in doc.idx else -1)
        if child not in doc.idx or doc.T[doc.idx[child]] * 10 < doc.T[i] * 7 or child.tag in ("p", "br"):
            break
        text_block = child
    out = []
    for start in dict.fromkeys((body, text_block)):
        for sib in islice(start.itersiblings(), elements):
            i = doc.idx.get(sib)
            if i is not None and 0 < doc.T[i] <= 200:
                out += [p for p in segment(sib)
                        if _has_label(p.text) or _DATE_CLOCK.search(p.text) and is_info_line(p.text)]
    return out


#: A line that is a date and nothing else (2009年2月24日, 2009-02-24 10:30, [2009-2-24]).
_DATE_LINE = re.compile(r"[\[【(（]?" + _DATE_IN.pattern + r"日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?[\]】)）]?")
#: A date with its time (2008-05-06 08:45, 2008年5月6日 08:45).
_DATE_CLOCK = re.compile(_DATE_IN.pattern + r"日?\s*\d{1,2}:\d{2}")
#: The weekday a date over a headline may name after it (2008年5月6日 星期二).
_WEEKDAY = re.compile(WEEKDAY)
#: A date and its weekday alone (2013年9月10日，星期二).
_DATE_WEEKDAY = re.compile(r"\s*" + _DATE_IN.pattern + r"日?\s*[，,]?\s*" + _WEEKDAY.pattern + r"\s*")


def _dates_headline(line: Para, title_el) -> bool:
    """Whether a line above the headline is its date: a date alone, right above it in the same block (a blog's
    <h4 class="post-date"> over its <h2>), not the header's 今天是… far above; or a date and a few words of the post's
    meta after a divider (Ghost's 2019年5月21日 12:40 / 教育 / 阅读约 4 分钟); with its weekday (BlogBus's <h3 class="date">
    2008年5月6日 星期二</h3> over <h2><a>headline</a></h2>)."""
    if title_el is None or line.el is None:
        return False
    if title_el.tag == "a" and (heading := title_el.getparent()) is not None and heading.tag in _HEADINGS:
        title_el = heading
    if line.el.getparent() is not title_el.getparent():
        return False
    date = _DATE_LINE.match(line.text)
    rest = line.text[date.end():].strip() if date else None
    return rest is not None and (not rest or _WEEKDAY.fullmatch(rest) is not None or rest[0] in "/|｜" and len(
        rest) <= 40 and _SENTENCE_PUNCT.isdisjoint(rest))


def _headline_line(line: str, headline: str) -> bool:
    """Whether a line prints the headline: alone, with a badge after it (转载), or after its column's name (民生热点:)."""
    return line == headline or len(headline) >= 6 and (
        line.startswith(headline) and len(line) < len(headline) + 4
        or line.endswith(headline) and len(line) <= len(headline) + 12)


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
    if start is not None and body is not None and title.el is not None and doc.contains(body, title.el):
        # the headline printed again at the top of the text: the lines after the one above the text are the info's
        start = next((k for k, p in enumerate(lines[:start]) if _headline_line(p.text, title.text) and p.el is not None
                      and not doc.contains(body, p.el)), start)
    if start is None and title.el is not None:  # a headline in two lines (天山时评：<br>让…): its last line
        for k, p in enumerate(lines):
            if p.el is not None and (p.el is title.el or doc.contains(title.el, p.el)):
                start = k
    if start is None and body is not None:
        bpos = doc.position(body)
        for k, p in enumerate(lines):
            if p.el is not None and doc.position(p.el) >= bpos:
                start = max(k - 1, 0)
                break
    window: list[Para] = []
    if start is not None:
        lo = max(0, start - 2)
        for k in range(lo, min(len(lines), start + 9)):
            if k == start:
                continue
            p = lines[k]
            if k > start and len(p.text) > 120 and (p.text.count("，") + p.text.count("。") + p.text.count(",")) >= 3:
                break
            if k < start and not _has_label(p.text) and not (k == start - 1 and _dates_headline(p, title.el)):
                continue  # above the headline only a labelled line counts (not the header's "today is" date)
            window.append(p)
    if body is not None:
        seen = {(p.el, p.text) for p in window}
        window += [p for p in _lines_after(doc, body) if (p.el, p.text) not in seen]
    found = [p for p in window if is_info_line(p.text) and not _PN.search(p.text) and "Copyright" not in p.text
             and not (p.link_ratio >= 0.5 and _CJK_RUN.search(p.text) and not _has_label(p.text))
             # (not a related list's dated title link; a link to the source's home page may carry the date)
             and not any(doc.contains(c, p.el) for c in doc.comments)]  # not a comment's "网友 X 2017-06-16 10:30"
    found = [p for p in found if _has_label(p.text) or not _one_of_many_stamps(doc, p.text)]
    if body is not None and any(_has_label(p.text) for p in found):
        # a labelled info line found: a date alone inside the body is the text's own (a 公报's 2017年3月28日), and so
        # is a line of times alone after a dated line (时间：… 地点：… 嘉宾：… heading an interview: _another_time)
        # (but a date alone right under a labelled line is the info line's own: 作者：… <br> 2009年06月15日 16:32)
        after_label = {id(window[k]) for k in range(1, len(window)) if _has_label(window[k - 1].text)}
        found = [p for p in found if _has_label(p.text) or not doc.contains(body, p.el)
                 or id(p) in after_label and _DATE_LINE.fullmatch(p.text)]
        dated, kept = False, []
        for p in found:
            labels = list(_labels(p.text))
            inside = doc.contains(body, p.el)
            if not (labels and inside and _another_time(p.text, dated)):
                kept.append(p)
                # (the page's own dated line above the text, labelled or not: 2012-09-05 08:55:26 | 分类：…)
                dated = dated or any(map(_is_time_label, labels)) or not inside and _DATE_IN.search(p.text) is not None
        found = kept
    if not found:
        # anywhere on the page: a short line with two of 作者/来源/时间
        cands: dict = {}
        for el, is_tail, text in doc.text_nodes(("作", "来", "时间")):
            if not _has_label(text):
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
            for m in _labels(raw):
                lab = _label(m)
                if lab in ("作者", "来源") or lab.endswith(("时间", "发布")):
                    kinds.add(lab)
            if len(kinds) >= 2 and is_info_line(line := clean_text(raw)):  # (not a post's excerpt that opens with
                cands[blk] = Para(line, 0, blk, raw)  # its own 作者：… 来源：… line)
        if 1 <= len(cands) <= 2:
            found = list(cands.values())[:1]
    # a paragraph of text that closes with it (…处理完毕。（作者：马喆 来源：新疆经济报）): the signature is the line
    # when there is no other (else the body's cleaning reads it: a short article's last paragraph is in the window)
    signed = [_signed_text(p.text) for p in found]
    if any(at is None for at in signed):
        found = [p for p, at in zip(found, signed) if at is None]
    else:
        found = [Para(p.text[at:], 0, p.el, p.text[at:]) for p, at in zip(found, signed)]
    # labels printed many times (日期：/点击： beside every entry of a list) are no article's info line; a signature's
    # in brackets do not count (a closing （本文来源：新疆日报 作者：王赟） under the text)
    repeated = _repeated_labels(doc.joined_text())
    if repeated and _SIGNATURE_RUN.search(doc.joined_text()):
        repeated = _repeated_labels(_SIGNATURE_RUN.sub("", doc.joined_text()))
    res = info_from_lines(found, repeated)
    if res.author is None and any(map(doc.joined_text().__contains__, _COPYRIGHT_AUTHOR_LABELS)):
        res.author = _copyright_author(doc)
    return res


def _repeated_labels(text: str) -> set[str]:
    """The info labels a text prints three times or more (a label ends in a colon: never in two text nodes of the
    joined text)."""
    counts = Counter(map(_label, _labels(text)))
    return {k for k, v in counts.items() if v >= 3}


#: A copyright box's author labels, and its author beside a label of its own, no colon (Hugo's <span>文章作者</span>
#: <span>李娜</span>).
_COPYRIGHT_AUTHOR_LABELS = ("本文作者", "文章作者")
_BESIDE_COPYRIGHT_AUTHOR = re.compile(r"(?:本文|文章)作者\s+([^\s:：].{0,39})")
_BARE_COPYRIGHT_LABEL = re.compile(r"(?:本文|文章)作者\s*[:：]?")


def _copyright_author(doc: Doc) -> str | None:
    """The author a blog's copyright box names where no info line does (本文作者：… 本文链接：… 版权声明：…, 文章作者 李娜
    | 上次更新 …)."""
    for el, is_tail, text in doc.text_nodes(_COPYRIGHT_AUTHOR_LABELS):
        line = el.getparent() if is_tail else el
        while line is not None and (line.tag not in _LINE_TAGS or _BARE_COPYRIGHT_LABEL.fullmatch(_el_text(line))):
            line = line.getparent()  # (past the label's own element to the line that holds its value too)
        raw = text_of(line) if line is not None else text
        if len(raw.strip()) > 60:
            continue
        author = parse_info(raw).get("author")
        if author is None and (beside := _BESIDE_COPYRIGHT_AUTHOR.fullmatch(clean_text(raw))):
            author = beside.group(1)
        if author:
            return author
    return None


def info_from_lines(found: list[Para], repeated: set[str] = frozenset()) -> InfoResult:
    """Author, source and date from the page's info lines (labels in `repeated` belong to a list, not to it)."""
    res = InfoResult()
    date_any = None
    for p in found:
        if repeated and {_label(m) for m in _labels(p.text)} & repeated:
            continue
        vals = parse_info(p.raw)
        if "author" in vals and res.author is None:
            res.author = vals["author"]
            res.labelled = True
        if "source" in vals and res.source is None:
            res.source = vals["source"]
            res.labelled = True
        if vals.get("published") and res.published is None:
            res.published = vals["published"]
            res.labelled = True
        if vals.get("date_any") and (date_any is None or vals["date_any"].startswith(date_any + "T")):
            date_any = vals["date_any"]  # (the time of a day already printed alone: a post's date over its headline)
        if _has_label(p.text):
            res.labelled = True
        res.lines.append(p)
    if res.published is None:
        res.published = date_any
    return res


# -- prev / next ------------------------------------------------------------------------------------------
def _pn_link(doc: Doc, a, label_inside: bool = False) -> Link | None:
    """The link's target and its text without the label (or its title attribute when it shows none); None for
    none, 没有了 or an empty link after a label. A link that is the label itself (a mobile page's 上一篇 button) gives
    its target with an empty title."""
    href = absolute(doc.base_url, a.get("href"))
    text = _el_text(a)
    if ("<<" in text or ">>" in text) and _PN_PREFIX.match(labelled := text.lstrip(" <")) and "<<" not in labelled:
        text = _ASCII_ARROWS.sub("", text)
    title = clean_text(_PN_PREFIX.sub("", text.strip(_ARROWS))).strip(_ARROWS)
    if label_inside and title and _PN_PREFIX.match(text.strip(_ARROWS)) is None:
        title = _PN_SUFFIX.sub("", title).strip(_ARROWS)
    if label_inside and not title and (after := a.getnext()) is not None and after.tag == "a" \
            and not (a.tail or "").strip() and absolute(doc.base_url, after.get("href")) == href:
        title = _el_text(after)  # <a>◀ 上一篇</a> <a>the title</a>: the next link to the same page names it
    if not title and not label_inside:
        title = clean_text(a.get("title") or "")  # a link that shows no text: what its tooltip shows
    if not href or (not title and not label_inside) or _PN_NONE.match(title):
        return None
    return Link(href, title)


#: What a label may name after 上一篇/上篇 (上一篇文章：, 上篇新闻：).
_PN_NOUNS = ("文章", "新闻", "日志", "博文", "帖子", "资讯", "信息")


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether the 上一篇 at text[start:end] is a word in a sentence (本报在上一篇报道中提到), not a label: words on
    both sides (a label stands alone, or before 文章 or a colon; a reader's 盼着下一篇！ is a sentence's); a series'
    上篇/下篇 with a word on either side (续见下篇, 本文为回访下篇，上篇见《…》)."""
    before = 0 < start and "\u4e00" <= text[start - 1] <= "\u9fff"
    if end - start == 2:  # 上篇, 下篇
        return before or end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and not text.startswith(_PN_NOUNS, end)
    end += 2 * text.startswith("文章", end)  # (本号在上一篇文章中聊了聊: a word in a sentence with its noun too)
    return before and end < len(text) and ("\u4e00" <= text[end] <= "\u9fff" or text[end] in "！。？，、…")


#: A link back to where the reader came from, never a neighbour article (返回列表, 返回首页, 回到顶部).
_BACK_LINK = re.compile(r"[\W_]*(?:返回|回到|返迴)")


def find_prev_next(doc: Doc, rules: Mapping | None = None):
    """(prev, next, elements holding them) from the 上一篇/下一篇 labels."""
    result: dict[str, Link | None] = {}
    holders: list = []
    for key in ("prev", "next"):
        el = rule_element(doc, rules, key)
        if el is not None:
            a = el if el.tag == "a" else el.find(".//a[@href]")
            result[key] = _pn_link(doc, a) if a is not None else None
            holders.append(el)
    if len(result) == 2:
        return result["prev"], result["next"], holders
    els, idx, size = doc.els, doc.idx, doc.size
    for el, is_tail, text in doc.text_nodes(("上一", "下一", "上篇", "下篇", "前一篇", "后一篇")):
        event = "end" if is_tail else "start"
        if event == "end" and el is doc.root:
            continue
        if not _PN.search(text):
            continue
        stripped = text.strip()
        if len(stripped) > 60 and not _PN_PREFIX.match(stripped):
            continue  # 上篇/下篇 inside running prose
        for m in _PN.finditer(text):
            key = "prev" if m.group(1) in _PN_PREV else "next"
            if key in result or _in_prose(text, m.start(), m.end()):
                continue
            if m.group(1).endswith("期") and not text[m.end():].lstrip().startswith((":", "：")):
                continue  # 上一期 without a title after a colon: an e-paper's date picker, the issue before
            owner = el if event == "start" else el.getparent()
            if owner is None:
                continue
            # the label inside a link (a text's or a tail's owner, or up to three levels above it: <a><span><i></i>
            # 上一篇</span><span>title</span></a>): that link
            a = None
            for anc in [owner, *islice(owner.iterancestors(), 3)]:
                if anc.tag == "a":
                    a = anc
                    break
            if a is not None:
                link = _pn_link(doc, a, label_inside=True)
                result[key] = link
                holders.append(a)
                continue
            rest = text[m.end():]
            rest_clean = clean_text(rest).lstrip(":： ]】)）")  # [上一篇] 没有了
            if rest_clean.startswith("文章"):  # 上一篇文章：没有了
                rest_clean = rest_clean[2:].lstrip(":： ")
            if _PN_NONE.match(rest_clean):
                result[key] = None
                holders.append(owner)
                continue
            if len(rest_clean) > 3 and _PN.search(rest_clean) is None and not rest_clean.startswith(("<", "(")):
                # the title is printed without a link
                pass
            # the first link after the label, in the same item
            start = idx.get(el, -1) + 1 if event == "start" else idx.get(el, -1) + size[idx.get(el, 0)]
            item = owner
            while item is not None and item.tag not in ("li", "p", "div", "td", "dd", "dt", "tr", "span", "font",
                                                         "center", "table", "ul"):
                item = item.getparent()
            scope = item
            if scope is not None and scope.tag in ("td", "th", "dt", "span", "font") and scope.getparent() is not None:
                scope = scope.getparent()
            if scope is None:
                continue
            spos = idx.get(scope, -1)
            send = spos + size[spos] if spos >= 0 else start + 12
            found = None
            for k in range(start, min(send, start + 25, len(els))):
                e = els[k]
                own = e.text or ""
                if e.tag == "a" and e.get("href"):
                    if not _BACK_LINK.match(e.text or ""):
                        found = e  # (a grey 下一篇 without a link, then [返回列表]: none)
                    break
                if e.tag == "a" and _PN_NONE.match(own):
                    break  # ASP.NET's disabled HyperLink, <a disabled="disabled">没有了</a>: none
                if k > start and _PN.search(own):
                    break
            if found is not None:
                result[key] = _pn_link(doc, found)
                holders.append(item if item is not None else owner)
            else:
                holders.append(item if item is not None else owner)
                result.setdefault(key, None)
        if "prev" in result and "next" in result:
            break
    return result.get("prev"), result.get("next"), holders


# -- body -------------------------------------------------------------------------------------------------
#: The words some boilerplate label holds: a short text without any is body (searched in text.lower(): re.I makes
#: sre step slowly through CJK text).
_BOILER_ANY = re.compile(
    r"上一|下一|上篇|下篇|前一篇|后一篇|摘\s*要|导\s*读|提示|提\s*要|简\s*介|编|审|校对|分享|转发|复制|扫|打印|关闭|收藏|推荐|返回|"
    r"评论|字体|字号|告诉|滚屏|留言|相关|延伸|热|更多|其他|最新|猜你|往期|精彩|版权|icp|公网安备|备案|rights|违法|页|位置|导航|"
    r"copyright|转载|未经|联系我们|标签|关键|tag|分隔|索引|展开|收起|收缩|广告|推广|flash|代表|浏览|阅读|点击")
#: An ad slot's label alone (广告, 广告招商, [推广]), printed or as its image's alt: the ad itself is an image or a
#: script.
_AD_LABEL = re.compile(r"[\[【(（]?(?:广告(?:位|招商)?|招商广告|推广|赞助)[\]】)）]?")
_DIGIT_PAIR = re.compile(r"\d\s*\d")


def boiler_text(text: str) -> str | None:
    """Why a short text is not article body (a label), or None when it may be body."""
    if len(text) > 200:
        return "lede" if _LEDE.match(text) else None
    return _short_boiler_text(text)


#: A post footer's taxonomy line: labels, each over a few short names (WordPress's 发布于 <a>图说新疆</a>标签 <a>摄影</a>,
#: <a>乡村振兴</a>: Posted in …, Tagged …), its names links.
_TAXONOMY_LINE = re.compile(r"(?:(?:发布于|分类|标签|关键词|关键字|tags?)\s*[:：]?\s*[^\s:：，。]{1,12}"
                            r"(?:\s*[,，、]\s*[^\s:：，。]{1,12})*\s*)+", re.I)


def _body_boiler_text(text: str, linked: bool) -> str | None:
    """boiler_text of a text of the body, which knows whether links print some of it: numbers none of which is a link
    are a table row's figures (100 | 30), not a page bar's; labels over links a post footer's taxonomy."""
    why = boiler_text(text)
    if why is None and linked and len(text) < 80 and _TAXONOMY_LINE.fullmatch(text):
        return "tags"
    return None if why == "pagebar" and not linked and _NUMBER_RUN.fullmatch(text) else why


def _sentence(text: str) -> bool:
    """Punctuated as a sentence of running text (a comma, a full stop at the end), not as a label or a button."""
    return "，" in text and text.rstrip("”’」 ").endswith(("。", "！", "？"))


#: What a server printed in place of an include or a query, which readers see and no one wrote: an SSI failure,
#: PHP's warnings, an ASP/ODBC error block (its lines one by one).
_SERVER_ERROR = re.compile(
    r"\[an error occurred while processing this directive\]$"
    r"|(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?[Ff]atal error|Parse error)\s*:.* on line \d+$"
    r"|Microsoft (?:OLE DB Provider|VBScript|JET Database Engine|Cursor Engine)[^。，]*$|\[Microsoft\]\[ODBC"
    r"|错误\s*'8[0-9a-fA-F]{7}'$|/[\w/.-]+\.(?:asp|aspx|asa|php|inc)\s*[，,]\s*(?:行|line)\s*\d+$")
_SERVER_ERROR_START = frozenset("[WNDSCFPM错/")
#: A page's view counter on a line of its own (1,480 次浏览, 阅读 957 次).
_VIEW_COUNT = re.compile(r"(?:阅读|浏览|点击)\s*[(（:：]?\s*\d[\d,]*\s*[)）]?\s*次?|\d[\d,]*\s*次\s*(?:浏览|阅读|点击)")
#: What a video box prints where its Flash player is missing (您还没有安装flash播放器，请点击这里安装).
_FLASH_PROMPT = re.compile(r"(?:没有|未|需要|请|须)安装.{0,6}flash|(?:下载|升级|更新).{0,6}flash(?:播放器| ?player)",
                           re.I)
#: A blog's trackback box: 引用通告地址：http://…/trackback.asp?id=1526 (OBlog), 引用地址：…, Trackback URL: ….
_TRACKBACK = re.compile(r"(?:引用通告(?:地址)?|引用地址|trackback\s*(?:url|地址)?)\s*[:：]?\s*https?://\S+$", re.I)


@lru_cache(maxsize=2048)  # one text is asked about more than once a page, and nav/footer lines on every page
def _short_boiler_text(text: str) -> str | None:
    n = len(text)
    if text[:1] in _SERVER_ERROR_START and _SERVER_ERROR.match(text):
        return "error"
    if "http" in text and _TRACKBACK.match(text):
        return "trackback"
    if not _BOILER_ANY.search(text.lower()):
        # no label word: only a bare run of page numbers ("1 2 3") is boilerplate
        first = text.lstrip()[:1]
        if not (first == "[" or first.isdecimal()) or not _DIGIT_PAIR.search(text):
            return None
    if n <= 4 and _AD_LABEL.fullmatch(text):
        return "ad"
    if _PN_PREFIX.match(text) and n < 200:
        return "prevnext"
    if _LEDE.match(text):
        return "lede"
    if _EDITOR.match(text) and n < 80:
        return "editor"
    if n < 80 and _SHARE.search(text) and not _sentence(text):  # not 贴上二维码，消费者扫一扫就能知道产地。
        return "share"
    if n < 80 and _PRINT.search(text):
        return "print"
    if n < 60 and _FLASH_PROMPT.search(text):
        return "player"
    if n <= 16 and _VIEW_COUNT.fullmatch(text):
        return "counter"
    if n <= 8 and text.endswith("导航"):
        return "nav"  # a navigation block's heading (文章导航, Drupal's 图书导航)
    if n < 40 and _RELATED.match(text):
        return "related"
    if n < 80 and _TAGS.match(text):
        return "tags"
    if n < 80 and _DIVIDER.fullmatch(text):
        return "divider"
    if n < 200 and (_FOOTER.search(text) and not _quoted(_FOOTER, text) or DISCLAIMER.search(text)):
        return "footer"
    if n < 120 and _PAGEBAR_LINE.search(text) and (text.count("，") + text.count("。") == 0
                                                   or _PAGE_COUNT_LINE.fullmatch(text)):
        return "pagebar"
    if n < 200 and _CRUMB_LABEL.match(text) and ("位置" in text[:12]):
        return "crumb"
    return None


def _quoted(pattern, text: str) -> bool:
    """Whether every match of pattern in text stands inside “…”: words a sentence quotes (封底印有“版权所有 翻印必究”)."""
    for m in pattern.finditer(text):
        before = text[:m.start()]
        if before.count("“") <= before.count("”"):
            return False
    return True


def _one_block(el) -> bool:
    """Whether el's text is a single paragraph (no block or <br> inside, beyond inline markup)."""
    for d in el.iterdescendants():
        if d.tag in BLOCK_TAGS:
            return False
    return True


def _drop(el) -> None:
    """Remove el from the tree, keeping its tail text (lxml.html's drop_tree for plain etree elements)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


#: Root attribute naming the classes the page's <style> hides (page._mark_hidden_classes).
HIDDEN_CLASSES = "data-xjmsw-hidden-classes"
#: An inline style that hides its element's text: not shown, zero size, or white (on the white page).
_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d])|"
                           r"(?<![-\w])color\s*:\s*(?:#fff(?:fff)?|white)(?![\w])", re.I)
_WHITE = frozenset(("#fff", "#ffffff", "white"))
_HIDDEN_NOISE_MAX = 60  # characters: a longer hidden block (the rest of an article behind 展开全文) stays
_NOISE_TAGS = ("span", "font", "p", "div", "b", "strong", "em", "i", "u", "small", "label", "section")


def _drop_hidden(node) -> None:
    """Text a reader never sees inside the body: the noise anti-scraping options write into article text
    (DedeCMS's 防采集混淆: `<span style="display:none">xjmsw8d2k</span>`, white `<font>` inside a sentence, font-size
    0, a class a <style> rule hides). Only short runs without links go: a folded rest of an article stays."""
    hidden_classes = set((node.getroottree().getroot().get(HIDDEN_CLASSES) or "").split())
    found = []
    for el in node.iter(_NOISE_TAGS):
        style, cls = el.get("style"), el.get("class")
        color = el.get("color") if el.tag == "font" else None
        if style is None and color is None and not (cls and hidden_classes):
            continue
        m = _HIDING_STYLE.search(style) if style else None
        if m and m.group().lower().startswith("color") or color and color.strip().lower() in _WHITE:
            hidden = bool((el.tail or "").strip())  # white is hidden only inside running text, not on a coloured bar
        else:
            hidden = m is not None or bool(cls and hidden_classes & set(cls.split()))
        if hidden and el is not node:
            found.append(el)
    for el in found:
        if el.find(".//a") is None and el.find(".//img") is None and \
                len(text_of(el).strip()) <= _HIDDEN_NOISE_MAX:
            _drop(el)


#: The labels of a government disclosure page's record block (索 引 号：, 发布机构：, 生成日期：, 文　　号：).
_DISCLOSURE_LABEL = re.compile(r"(索\s*引\s*号|发布机构|生成日期|成文日期|主题分类|文\s*号|公开方式|公开范围|发文机关|组配分类)\s*[:：]")


def _is_time_label(match) -> bool:
    return _label(match).endswith(_TIME_LABEL_ENDS)


def _another_time(text: str, dated: bool) -> bool:
    """Whether a line labelled with times alone is the text's, the page's info line (dated) having given the
    article's: 时间：… 地点：… 嘉宾：… heading an interview, 会议时间：…, 申请时间：… (an info line's 来源 or 作者 printed
    again at the end, 本文来源：…, is still no body)."""
    return dated and all(_is_time_label(m) for m in _labels(text))


def _beside_text(el) -> bool:
    """Whether a table cell has a neighbour with text in its row (访谈主题 | the headline's words: a data table's row,
    not a layout cell that holds the headline)."""
    if el.tag not in ("td", "th") or (row := el.getparent()) is None:
        return False
    return any(cell is not el and text_of(cell).strip() for cell in row)


def _is_ad(el) -> bool:
    """An ad's box by its class or id (ad, adv, guanggao, sponsor), or a link whose only content is an image that
    says it is an ad (a WordPress ad plugin's <a><img alt="广告招商"></a> between two paragraphs)."""
    cls, id_ = el.get("class"), el.get("id")
    if el.tag == "a" and len(el) == 1 and el[0].tag == "img" and not (el.text or "").strip() and \
            _AD_LABEL.fullmatch((el[0].get("alt") or "").strip()):
        return True
    if not cls and not id_:
        return False
    return bool(_AD.search((cls or "") + " " + (id_ or "")))


class BodyResult:
    __slots__ = ("paragraphs", "html", "images", "node", "info")

    def __init__(self, paragraphs, html, images, node, info):
        self.paragraphs, self.html, self.images, self.node = paragraphs, html, images, node
        self.info = info  # info lines taken out of the body


_CONTAINERS = frozenset(("div", "ul", "ol", "table", "dl", "p", "td", "tr", "tbody", "span", "font", "center", "li",
                         "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "form", "blockquote", "dd", "dt",
                         "b", "strong", "em", "i", "u", "small", "big", "label", "a", "nav", "aside", "header",
                         "footer", "caption", "tfoot", "thead", "th"))


#: Elements with an on* (event handler) attribute, removed from body_html (libxml2's HTML parser lower-cases
#: attribute names).
_EVENT_HANDLERS = etree.XPath("descendant-or-self::*[@*[starts-with(name(), 'on')]]")


#: A link's words that lead back to the front page (返回首页, 返回搜狐，查看更多, 回到首页).
_BACK_HOME = re.compile(r"(?:返回|回到).{0,8}|.{0,6}查看更多")
#: The path of a site's front page.
_FRONT_PATH = re.compile(r"/(?:(?:index|default)\.\w{2,5})?", re.I)


def _front_page_link(doc: Doc, a) -> bool:
    """Whether a link goes to the front page of the page's own site."""
    href = absolute(doc.base_url, a.get("href"))
    if not href:
        return False
    host, _, path = _host_dir(href)
    return host == _host_dir(doc.url)[0] and _FRONT_PATH.fullmatch(path) is not None


def extract_body(doc: Doc, node, *, title: str, skip: list, crumb_el=None, crumbs=(), info_lines=()) -> BodyResult:
    if node is None:
        return BodyResult([], "", [], None, [])
    if node.tag == "html":
        inner = node.find("body")
        node = inner if inner is not None else node
    # a table row (or body) around one cell that holds the text: the cell is the body (clean body_html)
    while node.tag in ("tr", "tbody", "thead", "table"):
        i = doc.idx.get(node)
        cells = [c for c in node if isinstance(c.tag, str) and doc.T[doc.idx.get(c, i)] > 0] if i is not None else []
        if len(cells) != 1 or doc.T[doc.idx[cells[0]]] < 0.9 * doc.T[i]:
            break
        node = cells[0]
    skip_set = {e for e in (*skip, *doc.comments) if e is not None and e is not node and doc.contains(node, e)}
    if crumb_el is not None and crumb_el is not node and doc.contains(node, crumb_el):
        skip_set.add(crumb_el)
    T, L = doc.T, doc.L
    removals = []
    info: list[str] = []  # info lines printed in the body (a closing （来源：新疆日报）)
    info_texts = {p.text for p in info_lines}
    # (the page's info line gave the article's time, with a time label or a date alone: the body's 时间：… lines are text)
    dated = any(_is_time_label(m) for text in info_texts for m in _labels(text)) or any(
        _DATE_IN.search(text) and not _has_label(text) for text in info_texts)
    # node's subtree in document order is doc.els[k0 + 1:end] (the tree is only changed after this walk); a
    # subtree is skipped by jumping over its size
    els, size, idx = doc.els, doc.size, doc.idx
    # hidden runs go first: the verdicts below read what a reader sees (an anti-scraping 版权所有 hidden in a sentence)
    _drop_hidden(node)
    _take_attachment(doc, node)
    k0 = idx[node]
    k, end = k0 + 1, k0 + size[k0]
    while k < end:
        i, k = k, k + 1
        el = els[i]
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if el in skip_set or (tag != "img" and _is_ad(el)):
            removals.append(el)
            k = i + size[i]
            continue
        t = T[i]
        if tag == "form" and t <= 80 or tag == "fieldset" and (legend := el.find("legend")) is not None and \
                _LEDE_NAME.fullmatch(_el_text(legend)):
            # a form's controls and their words (满意度评价：满意 基本满意); a summary box (<legend>摘 要</legend>)
            removals.append(el)
            k = i + size[i]
            continue
        if t == 0 and tag in _STRIP_TAGS and _thumbnail_strip(el):
            removals.append(el)
            k = i + size[i]
            continue
        if t == 0 or tag not in _CONTAINERS:
            continue
        if tag == "a" and (t <= 2 and (el.get("href") or "").startswith("#") and not any(
                c.isalnum() for c in _el_text(el)) or t <= 12 and _BACK_HOME.fullmatch(_el_text(el)) and
                                _front_page_link(doc, el)):
            # a footnote's ↩ back to its reference: an arrow within the page, no text; a way back to the front page
            # after the text, inside its last paragraph (返回搜狐，查看更多)
            removals.append(el)
            k = i + size[i]
            continue
        if t <= 400:
            text = _el_text(el)
            why = _body_boiler_text(text, L[i] > 0)
            if why in ("lede", "prevnext", "editor", "related", "crumb") and not _one_block(el) or \
                    why == "counter" and tag not in BLOCK_TAGS:
                # a label at the start of a container that holds more: look at its parts instead (and a counter's
                # <span> in an info line's row is the line's)
                why = None
            if why is None and title and (text == title or text.endswith(title) and headline_text(text)[0] == title) \
                    and not _beside_text(el):
                why = "title"  # (标题：… in a record's grid too)
            if why is None and t <= 8 and text == doc.title_text and _PAGE_TYPE_TITLE.fullmatch(text):
                why = "title"  # the page kind's name, the <title>, heading the record (新闻详细)
            if why is None and t <= 200 and labelled_info_line(text) and not _signed_text(text) \
                    and (text in info_texts or not _another_time(text, dated)):
                why = "info"
                info.append(text)
            if why is None and "号" in text and len(set(_DISCLOSURE_LABEL.findall(text))) >= 3:
                why = "info"  # a 政务公开 page's 索引号/发布机构/生成日期/文号 block, wherever the body's block holds it
            if why:
                target = el
                if why == "related":
                    # the label heads a list: take the list too (the smallest link-dense ancestor)
                    up = el.getparent()
                    while up is not None and up is not node:
                        j = idx.get(up)
                        if j is None or T[j] > 3000 or L[j] < 0.35 * T[j]:
                            break
                        target, up = up, up.getparent()
                removals.append(target)
                k = i + size[i]
                continue
        if L[i] >= 0.6 * t and tag in ("ul", "ol", "table", "div", "dl", "tbody", "td", "p", "span", "center"):
            n_links = sum(1 for _ in el.iter("a"))
            if n_links >= 3 or (n_links >= 1 and t < 30 and L[i] == t and tag in ("ul", "ol", "dl")):
                removals.append(el)
                k = i + size[i]
    for el in removals:
        _drop(el)

    paras = segment(node)
    kept: list[Para] = []
    dropped: list[Para] = []
    in_related = False
    for k, p in enumerate(paras):
        text = p.text
        why = None
        signature = _signed_text(text)  # …处理完毕。（作者：马喆　来源：新疆经济报）: prose, its info line closing it
        if in_related:
            if p.link and (p.link_ratio >= 0.3 or len(text) < 100):
                why = "related"
            else:
                in_related = False
        if why is None:
            if title and (text == title or (k < 4 and text.replace(" ", "") == title.replace(" ", ""))):
                why = "title"
            elif k < 4 and TITLE_NAME.fullmatch(text):
                why = "title"  # a headline's label in a cell of its own (<b>标 题：</b><b>headline</b>)
            elif not kept and k < 4 and len(text) <= 40 and _SUBTITLE.match(text) and "。" not in text:
                why = "subtitle"  # ——走访喀什古城改造项目 under the headline
            elif not kept and crumbs and _crumb_line(text, crumbs):
                why = "crumb"  # the breadcrumb as a line of the body's block (a WAP page's 首页>民生>正文<br/>)
            elif not kept and text == doc.description and _box_before(p, paras, k):
                why = "lede"  # the page's description in a box of its own above the body (DedeCMS's intro)
            elif text[:1] in "（(" and _CLOSING_SIGNATURE.match(text):
                why = "info"  # a closing （来源：阿克苏日报） on a line of its own after a <br>
                info.append(text)
                _cut_signature(p.el)
            elif text in info_texts and len(kept) < 4:
                why = "info"
            elif signature is None and _SIGNATURE.match(text) and is_info_line(text):
                why = "info"  # 作者：… 来源：… typed as a line of the text, wherever (the record's, when its info has none)
                info.append(text)
            elif len(kept) < 3 and signature is None and is_info_line(text) and \
                    not _another_time(text, dated):
                why = "info"
            else:
                why = _body_boiler_text(text, p.link > 0)
                if why == "related":
                    in_related = True
        if why:
            dropped.append(p)
            continue
        if signature is not None:
            info.append(text[signature:])
            p.text = text[:signature].rstrip()
            _cut_signature(p.el)
        kept.append(p)
    if len(kept) >= 2 and is_cut_copy(kept[0].text, kept[1].text):
        dropped.append(kept.pop(0))  # a summary box above the body: the opening paragraph again, cut short
    # link-only paragraphs at the edges are navigation (an attachment, 附件：<a>….doc</a> or a list of such
    # documents under 附件：, is the article's)
    while kept and kept[0].link_ratio >= 0.6 and not _attachment(kept[0].text):
        dropped.append(kept.pop(0))
    # and so are a rating or share box's lines under the body (顶 / 踩, their counts)
    while kept and (kept[-1].link_ratio >= 0.6 and not _attachment(kept[-1].text)
                    or len(kept[-1].text) <= 12 and _WIDGET_LINE.fullmatch(kept[-1].text)):
        dropped.append(kept.pop())
    for p in dropped:
        el = p.el
        if el is not None and el is not node and el.tag in BLOCK_TAGS and el.tag != "br" and doc.contains(node, el):
            try:
                if _el_text(el) == p.text:
                    _drop(el)
            except Exception:  # noqa: BLE001
                pass
    node = _inner_block(node)
    images = []
    for img in node.iter("img"):
        lazy = next((v for v in map(img.get, _LAZY_SRC) if v and v.strip()), None)
        src = absolute(doc.base_url, lazy or img.get("src"))
        if not src:
            continue
        img.set("src", src)  # a lazy-loaded image's own URL, not its loading.gif placeholder
        w, h = (img.get("width") or "").strip(), (img.get("height") or "").strip()
        if (w in ("0", "1", "2") or h in ("0", "1", "2")) or _IMG_SKIP.search(src):
            continue
        link = img.getparent()
        if link is not None and link.tag == "a" and (_to_site_root(doc, link) or _page_button(doc, img, link)):
            continue  # the site's logo, linking its front page (a page cut off after its body: all of it is body)
        if src not in images:
            images.append(src)
    for a in node.iter("a"):
        href = a.get("href")
        if href:
            absu = absolute(doc.base_url, href)
            if absu:
                a.set("href", absu)
    return BodyResult([p.text for p in kept], _body_html(node), images, node, info)


def _box_before(p: Para, paras: list[Para], k: int) -> bool:
    """Whether paragraph k is a box of its own above the block of the text after it, no sentence printed beside it
    (DedeCMS's intro <div> above its content <div>, Plone's <p class="documentDescription"> above its text's
    <div>; not a body's first <div> or <p> paragraph)."""
    if p.el is None or p.el.tag == "br":
        return False
    parent = p.el.getparent()
    after = [q for q in paras[k + 1:] if q.el is not None]
    return bool(after) and not any(a is p.el for a in after[0].el.iterancestors()) \
        and not any(q.el.getparent() is parent and "。" in q.text for q in after)


def _page_button(doc: Doc, img, link) -> bool:
    """Whether an image is a page-turn button: a .gif/.png without alt text, all its link shows, leading to another
    page of the document (people.cn's next_b.gif under the body; a gallery's photo leading on is a picture)."""
    if (img.get("alt") or "").strip() or not (img.get("src") or "").lower().endswith((".gif", ".png")) \
            or _el_text(link):
        return False
    href = absolute(doc.base_url, link.get("href"))
    return href is not None and canonical_url(href) != canonical_url(doc.url) and _same_family(href, doc.url)


#: A signature in brackets, wherever in a text (…处理完毕。（本文来源：新疆日报 作者：王赟）).
_SIGNATURE_RUN = re.compile(r"[（(]\s*(?:本文|文章)?" + _SIGN_LABEL + r"[^（）()]{1,80}[)）]")
#: ... and one that closes a paragraph of text: （作者：… 来源：…）.
_CLOSING_SIGNATURE = re.compile(_SIGNATURE_RUN.pattern + r"\s*$")


def _signed_text(text: str) -> int | None:
    """Where a closing （作者：… 来源：…） starts in a paragraph of text before it (the info line printed at the
    end of the last paragraph: the text is body, the signature is not); None when there is none."""
    if text[-1:] not in ")）":
        return None
    m = _CLOSING_SIGNATURE.search(text)
    return m.start() if m and m.start() >= 10 and any(c in text[: m.start()] for c in "。，！？") else None


def _cut_signature(el) -> None:
    """The closing signature out of the text node of el's paragraph that ends with it (body_html as body)."""
    nodes = [(el, "tail")] if el.tag == "br" else [(e, attr) for e in reversed(list(el.iter())) for attr in
                                                  (("tail", "text") if e is not el else ("text",))]
    for e, attr in nodes:
        value = getattr(e, attr)
        if value and (m := _CLOSING_SIGNATURE.search(value)):
            setattr(e, attr, value[: m.start()])
            return


#: What a rating or share box prints besides its icons: a count (0), (12), 50%; 顶 / 踩 / 赞 with or without one; a
#: view counter's 2,210 次阅读.
_WIDGET_LINE = re.compile(r"[(（\[]?\d{1,6}(?:\.\d+)?%?[)）\]]?"
                          r"|(?:顶|踩|赞|顶一下|踩一下|赞一个|赞一下|我顶|我踩|支持|反对)\s*(?:[(（\[]?\s*\d{1,6}\s*[)）\]]?)?"
                          r"|\d{1,6}\s*(?:顶|踩|赞)|\d[\d,]{0,8}\s*次(?:阅读|浏览|点击|查看)"
                          r"|(?:您的|我的|我要|平均)?评分\s*[:：]?\s*(?:\d(?:\.\d)?\s*分?)?"  # a ratings box: 您的评分
                          r"|(?:平均\s*)?[(（]?\s*\d{1,6}\s*(?:投票|票|人评分)\s*[)）]?")  # 平均 (4 投票)
_ATTACHMENT = re.compile(r"附\s*件\s*\d*\s*[:：【\[]|相关附件[:：]|附件下载[:：]")
#: A document's file name, as an attachment's link shows it (1.居民身份证申领登记表.doc).
_DOCUMENT_NAME = re.compile(r"\.(?:docx?|xlsx?|pptx?|pdf|wps|et|rar|zip|7z)\s*$", re.I)


def _take_attachment(doc: Doc, node) -> None:
    """The attachment line a CMS prints right after the body's block (WebPlus: 附件【….xls】已下载次 in the table row
    under the content cell) moved to the end of the block: the article's own, as an attachment line inside it is.
    Only empty elements may stand between them."""
    i = doc.idx.get(node)
    if i is None or node.tag in ("body", "html"):
        return
    els, T, texts, size = doc.els, doc.T, doc.texts, doc.size
    for k in range(i + size[i], min(i + size[i] + 12, len(els))):
        if not T[k]:
            continue
        j = k  # the first text in it
        while j < k + size[k] and (not texts[j] or texts[j].isspace()):
            j += 1
        el = els[k]
        if T[k] > 300 or j == k + size[k] or texts[j].lstrip()[:1] not in ("附", "相") \
                or not _ATTACHMENT.match(doc.text(el)):
            return
        while el.tag in _TABLE_PARTS:  # down to what the row holds (a <ul> of one <li>: 附件【…】)
            kids = [c for c in el if isinstance(c.tag, str)]
            if len(kids) != 1:
                return
            el = kids[0]
        el.tail = None
        node.append(el)
        return


def _attachment(text: str) -> bool:
    return _ATTACHMENT.match(text) is not None or _DOCUMENT_NAME.search(text) is not None

#: Where lazy-loading scripts keep an image's real URL (src holds a placeholder): jQuery lazyload, echo.js, lazysizes,
#: Discuz's file=, Sina Blog's real_src=, layui's lay-src=.
_LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-echo", "data-url", "original", "file", "real_src",
             "lay-src")

#: Layout blocks a cleaned body may be narrowed to, and the table rows passed through on the way to a cell.
_LAYOUT_BLOCKS = frozenset(("div", "td", "th", "table", "center", "section", "article", "main"))
_ROW_TAGS = frozenset(("tbody", "thead", "tfoot", "tr"))
_TABLE_PARTS = _ROW_TAGS | {"table", "td", "th"}


#: Blocks that may be a row of thumbnails.
_STRIP_TAGS = frozenset(("ul", "ol", "dl", "p", "tr", "tbody", "div", "td", "th", "table", "center", "section"))
#: A link to an image file (a click-to-enlarge picture), not to a page.
_IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp)(?:$|\?)", re.I)


def _thumbnail_strip(el) -> bool:
    """Whether a block without text is a row of three or more linked images that lead to pages (a gallery's
    thumbnails of its pages, a 图片推荐 strip): navigation, not the article's pictures."""
    links = 0
    for a in el.iter("a"):
        if a.find(".//img") is None or _IMAGE_HREF.search(a.get("href") or ""):
            return False
        links += 1
    return links >= 3


def _inner_block(node):
    """The one block inside a cleaned body that holds all of its text and images, when the rest is layout the
    cleaning emptied (a template's column cell around the title table, info row, content cell and 上一篇/下一篇
    row): body_html is then that block, not empty rows and rules around it. Table rows are passed through on
    the way to a cell."""
    block = node
    while (node := _only_holder(node)) is not None:
        if node.tag in _LAYOUT_BLOCKS:
            block = node
        elif node.tag not in _ROW_TAGS:
            break
    return block


def _only_holder(el):
    """The only child of el with text or an image in it; None when there are none or several, or when el has
    text of its own (outside its children)."""
    text = el.text
    if text and not text.isspace():
        return None
    holder = None
    for child in el:
        tail = child.tail
        if tail and not tail.isspace():
            return None
        if child.tag == "img" or _has_text(child) or child.find(".//img") is not None:
            if holder is not None:
                return None
            holder = child
    return holder


def _has_text(el) -> bool:
    """Whether el's subtree has visible text (one serialisation in C, not a Python step per text node)."""
    text = text_of(el)
    return bool(text) and not text.isspace()


def _body_html(node) -> str:
    """node serialised, without event handler attributes: the serialiser writes one space before each attribute,
    so an HTML without " on" has none and needs no search of the tree (most pages: one serialisation)."""
    try:
        html = etree.tostring(node, encoding="unicode", method="html", with_tail=False)
        if " on" not in html:
            return html
        handlers = _EVENT_HANDLERS(node)
        if not handlers:
            return html
        for el in handlers:
            for attr in [a for a in el.attrib if a.startswith("on")]:
                del el.attrib[attr]
        return etree.tostring(node, encoding="unicode", method="html", with_tail=False)
    except Exception:  # noqa: BLE001
        return ""


# -- the whole article ------------------------------------------------------------------------------------
class Meta:
    """Everything read from a page before its body is cleaned (cleaning mutates the tree)."""

    __slots__ = ("body", "punct", "text_len", "prose", "title", "crumbs", "crumb_el", "info", "prev", "next",
                 "pn_holders", "bars", "bar")

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
    region = _common_ancestor([title.el, *held])
    if region is None or region.tag in ("html", "body") or doc.contains(region, body):
        return body
    inner = doc.best_block(within=region)
    if inner is None:
        return body
    i = doc.position(inner)
    return inner if doc.T[i] - doc.L[i] >= 10 else body


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


def around(doc: Doc, body, el) -> bool:
    """Whether el is in body or in one of its two nearest ancestors (a page bar under an article's text; not a
    comment pager far from the header's slogan, nor a listing's bar beside a sidebar's contact lines)."""
    up = body
    for _ in range(3):
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


#: A page bar's text: its numbers and words between brackets and bars ([1] [2] 下一页, 【1】【2】【3】).
_BAR_TEXT = re.compile(r"(?:" + _BAR_GAP + r"(?:\d{1,3}|上一页|下一页|首页|尾页|末页))+" + _BAR_GAP)
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
    holding = {body}  # body, and parent's children that hold a field
    for f in fields:
        while f is not None and (up := f.getparent()) is not parent:
            f = up
        if f is not None:
            holding.add(f)
    others = [sib for sib in parent if sib not in holding]
    if body.tag == "p" and others and all(_plain(doc, sib) for sib in others):
        # one paragraph among paragraphs and tables without links: the article's own short lines (a name list,
        # a table of figures, the issuing office and date) scored below its one long paragraph
        return parent
    companions = 0
    for sib in others:
        if not isinstance(sib.tag, str):
            continue
        if sib.tail and not sib.tail.isspace():
            return body
        i = doc.idx.get(sib)
        if i is None or doc.T[i] == 0:
            continue
        if doc.T[i] <= 40 and (not doc.L[i] or doc.L[i] == doc.T[i]):
            text = doc.text(sib)
            if not doc.L[i] and _BYLINE.search(text):
                companions += 1
                continue
            if _EDITOR.match(text) if not doc.L[i] else _BAR_TEXT.fullmatch(text):
                continue  # the page's page bar, its editor's line: neither side's text
        table = sib if sib.tag == "table" else sib[0] if len(sib) == 1 and sib[0].tag == "table" else None
        if table is None or doc.L[i] * 10 > doc.T[i]:
            return body  # text of another kind beside it, or a table of links
        companions += 1
    return parent if companions else body


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
    return i is not None and el.tag in _PLAIN_TAGS and doc.L[i] * 10 <= doc.T[i]


def _common_ancestor(els):
    """The smallest element holding every one of els (None when they are in different trees)."""
    first, *rest = els
    for anc in (first, *first.iterancestors()):
        if all(anc is e or any(a is anc for a in e.iterancestors()) for e in rest):
            return anc
    return None


def read_meta(doc: Doc, url: str, rules: Mapping | None = None) -> Meta:
    """Title, breadcrumb, info line, prev/next, page bar and the body block; the tree is left as it is."""
    meta = Meta()
    body = choose_body(doc, rules)
    title = find_title(doc, body, None, rules, url)
    meta.prev, meta.next, meta.pn_holders = find_prev_next(doc, rules)
    if body is not None and not rules:
        article = with_companions(doc, _article_block(doc, body, title, meta.pn_holders), (title.el, *meta.pn_holders))
        if article is not body:
            body = article
            title = find_title(doc, body, None, rules, url)
        body = _past_info_line(doc, body, title, meta.pn_holders)
        if (before := before_prev_next(doc, body, meta.pn_holders)) is not body:
            # as a template's reading takes a densest block
            body = with_companions(doc, before, (title.el, *meta.pn_holders))
        if meta.pn_holders and (beside := _before_page_bar(doc, url, body)) is not body:
            body = beside
            title = find_title(doc, body, None, rules, url)
    meta.body = body
    meta.punct = meta.text_len = 0
    if body is not None:
        i = doc.position(body)
        meta.punct = doc.P[i]
        meta.text_len = doc.T[i] - doc.L[i]
    meta.prose = meta.punct >= 3 and meta.text_len >= 60
    meta.title = title
    meta.crumbs, meta.crumb_el = find_breadcrumb(doc, title.text, body, url, rules)
    meta.info = find_info(doc, title, body, rules)
    bar_el = rule_element(doc, rules, "pagebar")
    bars = find_pagebars(doc, url)
    if bar_el is not None:
        bars = [b for b in bars if b.el is bar_el or doc.contains(bar_el, b.el)] or bars
    meta.bars = bars
    meta.bar = choose_pagebar(doc, bars, body, near=bar_el is None)  # a rule's bar is the article's wherever it is
    return meta


def _section_headings(doc: Doc, meta: Meta) -> list:
    """The headings above the headline in the body's block that name a level of the breadcrumb (Joomla's <h1>社会民生
    </h1> over the article's <h2>): the section's name, no text of the article."""
    if meta.body is None or meta.title.el is None or not meta.crumbs or not doc.contains(meta.body, meta.title.el):
        return []
    top = doc.position(meta.title.el)
    return [h for h in meta.body.iter(*_HEADINGS) if doc.position(h) < top and _el_text(h) in meta.crumbs]


def build_article(doc: Doc, url: str, meta: Meta) -> Article:
    """The Article of a page from its Meta; cleans (mutates) the body subtree."""
    number, urls = page_urls(meta.bar, url)
    whole = whole_article_url(doc, meta.bar, url) if urls else None
    bar_self = meta.bar.numbered.get(number) if urls else None
    title = meta.title
    # a bar's element, unless it holds the article's prose too (a WAP page's one <p> of <br> lines: there the bar's
    # line goes as a page-bar line)
    skip = [title.el, *meta.pn_holders, *(b.el for b in meta.bars if not _holds_prose(doc, b.el)),
            *_section_headings(doc, meta)]
    result = extract_body(doc, meta.body, title=title.text, skip=skip, crumb_el=meta.crumb_el, crumbs=meta.crumbs,
                          info_lines=meta.info.lines)
    crumbs = meta.crumbs
    category = crumbs[-1] if crumbs and not (len(crumbs) == 1 and _CRUMB_HOME.fullmatch(crumbs[0])) else None
    author, source = meta.info.author or None, meta.info.source or None
    for line in result.info if (author is None or source is None) and not meta.info.ruled else ():
        if _SIGNATURE.match(line):  # （来源：新疆日报） after the body: the article's, when its info line has none
            vals = parse_info(line)
            author, source = author or vals.get("author") or None, source or vals.get("source") or None
    return Article(
        title=title.text,
        author=author,
        source=source,
        published=meta.info.published,
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
    )


def extract(doc: Doc, url: str, rules: Mapping | None = None, meta: Meta | None = None) -> tuple[Article, Meta]:
    meta = meta or read_meta(doc, url, rules)
    return build_article(doc, url, meta), meta
