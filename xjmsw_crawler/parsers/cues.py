"""The printed cues more than one field reader keys on (info labels 作者/来源/时间, 上一篇/下一篇, 首页, 责任编辑,
footer and page-bar words, headings), and the element and link helpers they share."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from .generic import STYLING_TAGS, text_of
from .normalize import clean_text


_SP = r"[\s\u3000\u00a0]*"
#: An info line's label (a label quoted in a sentence, 凡注明“来源：新疆民生网”的作品, is none: info_labels()).
INFO_LABEL_WORDS = "|".join(
    # a two-character label may be printed spread to the width of a four-character one (作　者：, 点&nbsp;&nbsp;击：)
    _SP.join(word) if len(word) == 2 else word for word in (
        "作者", "来源", "出处", "稿源", "发布时间", "发表时间", "发布日期", "更新时间", "添加时间", "录入时间", "发稿时间",
        "上传时间", "时间", "日期", "责任编辑", "编辑", "录入", "点击数", "点击次数", "点击", "浏览次数", "浏览", "阅读次数",
        "阅读", "查看次数", "访问次数", "人气", "字体", "字号", "评论", "发布者", "发表者", "发布人", "发布于", "发表于",
        "更新于", "编辑于", "发布", "通讯员", "摄影", "供稿", "投稿", "最后更新", "来源于"))
#: 作者：, 【作者】, [作者]; a 发表于/更新于/编辑于 before its date without a colon (a blog's 发表于 2020-06-15, 知乎's 编辑于
#: 2019-03-14 15:02), Mambo's 最后更新 before its date in brackets (最后更新 ( 2006年08月17日 星期四 09:30 )), 来源于 before
#: a name (财新's 来源于 财新网).
INFO_LABEL = re.compile(r"(?P<label>" + INFO_LABEL_WORDS + r")(?:" + _SP + r"[:：]|[】\]］]"
                        r"|(?<=来源于)[ \u00a0]+(?=[^\s\u00a0])"
                        r"|(?:(?<=于)|(?<=最后更新)\s*[(（])\s*(?=(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})"
                        r"|(?<=发表于)\s*(?=(?:[01]?\d|2[0-3]):[0-5]\d(?!\d)))")

#: A date in a text: the same kind of separator twice (2017年1-5月 is a range of months, not 5 January).
DATE_IN = re.compile(r"(?:19|20)\d{2}\s*(?:[-/.]\s*\d{1,2}\s*[-/.]|年\s*\d{1,2}\s*月)\s*\d{1,2}")

#: 上一篇/下一篇 and their other names (a photo channel's 上一图集/下一图集: 上一张/下一张 are its page links; a
#: programme column's 上一期：/下一期： before a title; Blogger's 较旧的博文/较新的博文, b3log Solo's 旧一篇/新一篇,
#: b2evolution's zh-CN 前一贴/后一贴). A bare 上篇/下篇 in parentheses is a series' part in its headline
#: (走进牧民定居点（上篇）), not a label.
PN_LABELS = ("上一篇|下一篇|上一条|下一条|上一则|下一则|(?<![（(])[上下]篇(?![）)])|前一篇|后一篇|上一主题|下一主题|上一图集|"
             "下一图集|上一组|下一组|上一期|下一期|较旧的博文|较新的博文|旧一篇|新一篇|前一贴|后一贴")

PN = re.compile(f"({PN_LABELS})")
#: The label before the title (twice, as WordPress prints it for the eye and for a screen reader: 下一篇文章 下一篇文章：).
PN_PREFIX = re.compile(rf"^(?:[\s\[【(（<]*(?:{PN_LABELS})(?:文章)?[\s\]】)）>]*[:：]?\s*)+")

PAGE_WORD = re.compile(r"^(上一页|下一页|上页|下页|前一页|后一页|首页|尾页|末页|最后一页|第一页|最末页|«|»|<<|>>|‹|›|<|>)$")

#: What stands between a page bar's items: spaces, brackets, bars.
BAR_GAP = r"[\s\[\]［］【】|｜]*"

CRUMB_HOME = re.compile(r"(首页|主页|首\s页|网站首页|本站首页|home)", re.I)

CRUMB_LABEL = re.compile(
    r"^[\s\u3000]*(?:您|你)?(?:现在|当前|目前)?(?:的|所在的?)?(?:位置|当前位置|所在位置|导航|当前页)(?:是|为)?\s*[:：]?\s*"
)

#: An info line in the body that is the article's own: it starts with 作者/来源 (not 数据来源：国家统计局).
SIGN_LABEL = r"(?:作\s*者|来\s*源|稿\s*源|出\s*处)\s*(?:[:：]|(?<=[【\[]..)[】\]])"
SIGNATURE = re.compile(r"^[\s（(【\[]*(?:文章|信息|稿件|本文)?" + SIGN_LABEL)  # 文章来源：亚心网, 本文来源： too

#: The labels of an editor's line (责任编辑：王芳, 校对：…), a colon after them.
EDITOR_LABELS = r"责任编辑|责编|编\s*辑|值班编辑|编审|审核|校对|网络编辑|文字编辑|终审|审校|编辑整理"
EDITOR = re.compile(rf"^[\s\[【(（]*({EDITOR_LABELS})\s*[:：]")

RELATED = re.compile(r"^[\s\[【(（]*(相关文章|相关新闻|相关链接|相关条目|相关阅读|延伸阅读|相关报道|相关专题|热点推荐|推荐阅读|"
                     r"更多新闻|其他新闻|最新文章|热门文章|相关资讯|相关内容|热点文章|推荐文章|猜你喜欢|热门推荐|"
                     r"相关稿件|相关股票|专题推荐|精彩推荐|热点新闻|最新新闻|往期回顾|热点排行|点击排行|热门排行|排行榜|图片新闻|热门阅读|"
                     r"图文推荐|热点图片|热门资讯|最新资讯|24小时排行|今日排行|本周排行|一周排行|本月排行|文章索引|"
                     r"(?:我的)?相关日志|相关博文|相关解读|相关政策|大家都在看|为您推荐)")
FOOTER = re.compile(r"copyright|版权所有|ICP备|ICP证|公网安备|all rights reserved|备案号|违法和不良信息|禁止.{0,4}转载|"
                    r"严禁转载|转载请注明|未经.{0,6}授权|版权声明|转载申请|联系我们|©\s*(?:19|20)\d\d|(?:19|20)\d\d\s*©", re.I)
#: A run of page numbers: 1 2 3, [1][2], 【1】【2】 (not 1532); a page bar's only where some are links (not a table's
#: row of figures, 100 | 30).
NUMBER_RUN = re.compile(r"\s*[\[【]?\d{1,3}[\]】]?(?:\s*[\[【]\d{1,3}[\]】]|\s+\d{1,3})+\s*")
PAGEBAR_LINE = re.compile(r"上一页|下一页|共\s*\d+\s*页|第\s*\d+\s*(?:/\s*\d+\s*)?页|(?:^|\s)[上下]页(?:\s|$)|首页\s*.*\s*尾页|"
                          r"^分页\s*[:：]\s*" + NUMBER_RUN.pattern + "$|"
                          r"^" + NUMBER_RUN.pattern + "$")

HEADING_WEIGHTS = {"h1": 3.0, "h2": 2.6, "h3": 2.2, "h4": 1.6, "h5": 1.0, "h6": 0.8}


#: Quotation marks: a label right after one is quoted in a sentence, not printed as a label (no lookbehind in
#: INFO_LABEL: it would make the regex try every position of every text, ~9x slower).
_QUOTES = frozenset("“「『‘\"'")


#: Words before a bare 时间/日期 that make it a member's or a product's, not a page's: a user profile's 注册时间：, 开博时间：,
#: 最后登录时间：, a shop's 上架时间：.
NOT_PAGE_DATE_WORDS = ("注册", "登录", "登陆", "加入", "在线", "上架", "开博",
                       # ... or an event's that a notice announces (停水时间：6月15日8:00至…, 报名时间：…)
                       "停水", "停电", "停气", "停暖", "施工", "营业", "办公", "开放", "报名", "考试", "截止", "受理",
                       "办理", "活动", "会议",
                       # ... or when a policy takes effect (施行日期 2014年1月1日 in a wiki's infobox)
                       "施行", "实施", "生效",
                       # ... or how long the server took (a footer's 页面执行时间：31.25毫秒)
                       "执行", "运行")

#: ... and words before a 来源 or 作者 that make it a figure's or a photo's (a chart's 数据来源：, 图片来源：, 资料来源：), or
#: what a reprint must name (a copyright notice's 转载请注明来源：<a>headline</a>).
_NOT_PAGE_LABEL_WORDS = (*NOT_PAGE_DATE_WORDS, "数据", "图片", "资料", "照片", "视频", "注明", "标明")
_NOT_PAGE_LABEL_ENDS = frozenset(word[-1] for word in _NOT_PAGE_LABEL_WORDS)


def info_labels(text: str):
    """The INFO_LABEL matches in text that are labels (not quoted, not a member's 注册时间, a product's 上架时间 or a
    chart's 数据来源)."""
    return (m for m in INFO_LABEL.finditer(text) if not (m.start() and (
        text[m.start() - 1] in _QUOTES or text[m.start() - 1] in _NOT_PAGE_LABEL_ENDS
        and text.endswith(_NOT_PAGE_LABEL_WORDS, 0, m.start()))))


def nav_heading(text: str) -> bool:
    """Whether a text heads a navigation block (栏目导航 over the site's channels, 文章导航, Drupal's 图书导航, EmpireCMS's
    分页导航： before its <select> of pages)."""
    text = text.rstrip(":：")
    return len(text) <= 8 and text.endswith("导航")


def has_label(text: str) -> bool:
    return next(info_labels(text), None) is not None


def el_text(el) -> str:
    if not len(el):
        return clean_text(el.text)
    return clean_text(text_of(el))


def styled_text(el) -> str | None:
    """el_text of an element that holds text and styling elements only, None when it holds more (a link, an image,
    a block of its own)."""
    if len(el) and any(d.tag not in STYLING_TAGS for d in el.iterdescendants()):
        return None
    return el_text(el)


def class_and_id(el) -> str:
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
