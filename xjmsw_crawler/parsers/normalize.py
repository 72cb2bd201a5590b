"""Small pure rules shared by every parser: whitespace, dates, canonical URLs and article ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url, safe_url_string

#: The labels, page words and markers a 繁體 page (the same CMS converting its output to traditional characters)
#: prints, and the simplified forms the parsers read: 來源： is 来源：, 上一頁 is 上一页. Only these words change, so
#: values (新疆日報, 民生經濟) stay as printed.
_TRADITIONAL_LABELS = {
    "發佈時間": "发布时间", "發布時間": "发布时间", "發表時間": "发表时间", "發稿時間": "发稿时间", "更新時間": "更新时间",
    "添加時間": "添加时间", "錄入時間": "录入时间", "上傳時間": "上传时间", "時間": "时间", "發佈日期": "发布日期",
    "發布日期": "发布日期", "來源": "来源", "責任編輯": "责任编辑", "編輯": "编辑", "錄入": "录入", "點擊數": "点击数",
    "點擊": "点击", "瀏覽次數": "浏览次数", "瀏覽": "浏览", "閱讀次數": "阅读次数", "閱讀": "阅读", "評論": "评论",
    "字體": "字体", "字號": "字号", "發佈者": "发布者", "發布者": "发布者", "發佈人": "发布人", "發布人": "发布人",
    "通訊員": "通讯员", "攝影": "摄影", "當前位置": "当前位置", "您現在的位置": "您现在的位置", "關鍵詞": "关键词",
    "標籤": "标签", "標簽": "标签",
}
_TRADITIONAL_LABEL = re.compile("(" + "|".join(sorted(_TRADITIONAL_LABELS, key=len, reverse=True)) + r")(?=\s*[:：】\]])")
_TRADITIONAL_WORDS = {
    "上一頁": "上一页", "下一頁": "下一页", "上頁": "上页", "下頁": "下页", "尾頁": "尾页", "末頁": "末页", "第一頁": "第一页",
    "沒有了": "没有了", "上一條": "上一条", "下一條": "下一条", "後一篇": "后一篇", "打印本頁": "打印本页", "關閉窗口": "关闭窗口",
    "相關閱讀": "相关阅读", "相關新聞": "相关新闻", "相關文章": "相关文章", "網友評論": "网友评论", "發表評論": "发表评论",
}
_TRADITIONAL_WORD = re.compile("|".join(sorted(_TRADITIONAL_WORDS, key=len, reverse=True)) + r"|(?<=\d)\s*頁")


def simplified_labels(text: str) -> str:
    """text with a 繁體 page's labels (發佈時間：, 來源：, 責任編輯：) and page words (上一頁, 共2頁, 沒有了) in the simplified
    forms the parsers read; everything else as printed (the same length: a character for a character)."""
    text = _TRADITIONAL_LABEL.sub(lambda m: _TRADITIONAL_LABELS[m.group()], text)
    return _TRADITIONAL_WORD.sub(lambda m: _TRADITIONAL_WORDS.get(m.group()) or m.group().replace("頁", "页"), text)


#: A numeric character reference: &#20316; or &#x4F5C; (or without its semicolon, as a browser reads it too).
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}));?")


def referenced_characters(text: str) -> str:
    """text with its numeric character references to printed characters (U+00A0 and up) as those characters: a
    template that writes every character outside ASCII as one (&#20316;&#32773;：for 作者：, a Java page escaped for
    ISO-8859-1) prints the labels the parsers key on, as a browser shows them. References to markup's characters
    (&#60;), to controls and to U+0080-U+009F (windows-1252's, to a browser) stay for the HTML parser."""
    def char(m) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        return chr(code) if 0xA0 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return _CHAR_REF.sub(char, text)


#: Beijing time: the portal prints local times without a zone.
SITE_TZ = "+08:00"

#: Zero-width characters: invisible, so clean_text drops them (霍\u200b城县 is 霍城县; str.split already covers
#: U+3000 and U+00A0).
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff"))


def clean_text(text: str | None) -> str:
    """Collapse every run of whitespace (incl. U+3000, U+00A0) to one space and strip; zero-width characters go."""
    if not text:
        return ""
    if "\u200b" in text or "\u200c" in text or "\u200d" in text or "\ufeff" in text:
        text = text.translate(_ZERO_WIDTH)
    return " ".join(text.split())


#: C0 control characters other than tab and line ends: never printed (a pasted \x01 in a paragraph).
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(text: str) -> str:
    """text without control characters (once over a record's fields: per text node it would cost 5% of a page)."""
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


#: A template's placeholder the CMS never filled in: {dede:field.source/}, {$author}, $author, ${author}, <%=author%>.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|\$\{?\w+(?:\.\w+)*\}?|<%.*%>|%\w+%")
#: What a template prints for a field never set: Java's and JavaScript's null (JSP's 作者：null), Python's None.
_UNSET = frozenset(("null", "NULL", "undefined", "None"))


def filled(value: str | None) -> str | None:
    """A label's value as printed, or None when it is empty or a template's placeholder (an empty value)."""
    if not value or value in _UNSET:
        return None
    return None if value[0] in "{$<%" and _PLACEHOLDER.fullmatch(value) else value


def is_cut_copy(summary: str, paragraph: str) -> bool:
    """Whether summary is paragraph's opening again, cut short (PHPCMS prints an article's description, its first
    200 characters, in a box above the body on every page of it). A paragraph printed twice whole stays twice."""
    cut = summary.rstrip("….。 ")
    return 20 <= len(cut) and len(summary) < len(paragraph) and paragraph.startswith(cut)


# -- URLs -------------------------------------------------------------------------------------------------

#: The parameter that marks a share link's query as a platform's own, every parameter of it (UC头条's
#: ?uc_param_str=…&wm_id=…&pagetype=share&app=uc-iflow&btifl=100): dropped whole.
_SHARE_QUERY_MARK = "uc_param_str"
#: Query parameters that only say where a click came from; dropped so one article has one URL.
TRACKING_PARAMS = frozenset(
    {"spm", "from", "fromsource", "share", "sharefrom", "share_from", "isappinstalled", "wxfrom", "scene",
     "clicktime", "enterid", "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
     "timestamp", "_t", "_ts", "tdsourcetag", "ref", "referer", "source_from", _SHARE_QUERY_MARK}
)


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in TRACKING_PARAMS


#: Query parameters that carry a visitor's session (a new value on every visit: one article, endless URLs). A
#: session's name always is one; a name that may also be a site's own id (sid=3, a section) only with a token
#: for its value (a WAP site's sid=6666CD76F969). A JSP site writes its session into the path instead:
#: /view.jsp;jsessionid=8F3A…?id=1.
_SESSION_PARAMS = frozenset({"phpsessid", "jsessionid", "aspsessionid", "cfid", "cftoken"})
_SESSION_LIKE = frozenset({"sid", "sessionid", "session_id"})
_PATH_SESSION = re.compile(r";jsessionid=[^/?#]*", re.I)


def is_session_param(piece: str) -> bool:
    """Whether a query's name=value piece is a visitor's session: a session's name, or sid/sessionid with a
    token's value (8 characters or more, not all digits; 16 or more of any kind)."""
    name, _, value = piece.partition("=")
    lower = name.lower()
    return lower in _SESSION_PARAMS or lower in _SESSION_LIKE and (
        len(value) >= 16 or len(value) >= 8 and not value.isdigit())


def _dropped_param(piece: str) -> bool:
    """Whether a query's name=value piece is tracking or a session: not part of the page's address."""
    return is_tracking_param(piece.partition("=")[0]) or is_session_param(piece)


#: A URL that is its own canonical form unless a default port or a tracking parameter is in it: lower-case
#: host, a path, a query of non-empty &-separated pieces, no fragment, nothing w3lib would percent-encode; %XX
#: escapes it keeps as they are (a saved page's file URL: ShowArticle.asp%3FArticleID%3D1). Tested against the
#: general path in tests/test_parsers.py. Most of a site's links are like this.
_PLAIN_URL = re.compile(r"https?://(?P<netloc>[a-z0-9.-]*(?::\d{1,5})?)/(?!/)"
                        r"(?:[A-Za-z0-9._~!$'()*,;=:@/+-]|%[0-9A-Fa-f]{2})*"
                        r"(?:\?(?P<query>[A-Za-z0-9._~!$()*,;=:@/?+-]+(?:&[A-Za-z0-9._~!$()*,;=:@/?+-]+)*))?")

#: A canonical URL whose url_key is its path and its name=value pairs sorted: word characters only.
_PLAIN_QUERY_URL = re.compile(r"https?://[a-z0-9.-]*(?::\d{1,5})?(?P<path>/(?!/)[A-Za-z0-9._~/-]*)"
                              r"(?:\?(?P<query>\w+=\w+(?:&\w+=\w+)*))?", re.A)


# canonical_url and url_key are pure and called with the same URLs over and over (navigation, breadcrumbs,
# 上一篇/下一篇, the spider's requests): w3lib's quoting costs ~15 us a call (bench/, README "Performance"), so
# they are memoised, and the plain URLs above skip it.
@lru_cache(maxsize=4096)
def canonical_url(url: str) -> str:
    """The URL an article is published under: lower-case scheme and host, no default port, no fragment, no
    tracking parameters or session ids, percent-encoding made safe; the query keeps the site's order, since some servers
    (and wget-style mirrors) care about it."""
    plain = _PLAIN_URL.fullmatch(url)
    if plain and not plain["netloc"].endswith((":80", ":443")) and ";" not in url and not (
            plain["query"] and any(_dropped_param(p) for p in plain["query"].split("&"))):
        return url
    parts = urlsplit(safe_url_string(url.strip()))
    query = "" if _SHARE_QUERY_MARK + "=" in parts.query.lower() else "&".join(
        p for p in parts.query.split("&") if p and not _dropped_param(p))
    netloc = parts.netloc.lower()
    if (parts.scheme == "http" and netloc.endswith(":80")) or (parts.scheme == "https" and netloc.endswith(":443")):
        netloc = netloc.rsplit(":", 1)[0]
    path = _PATH_SESSION.sub("", parts.path) if ";" in parts.path else parts.path
    return urlunsplit((parts.scheme.lower(), netloc, path or "/", query, ""))


@lru_cache(maxsize=4096)
def url_key(url: str) -> str:
    """Path and sorted query of the canonical URL: what identifies an article whichever host served it and
    in whichever order its query arguments were written."""
    url = canonical_url(url)
    plain = _PLAIN_QUERY_URL.fullmatch(url)
    if plain and "/." not in plain["path"]:
        # what canonicalize_url gives such a URL, without its quoting (tested in tests/test_parsers.py)
        query = plain["query"]
        return plain["path"] + ("?" + "&".join(sorted(query.split("&"), key=lambda p: p.split("=", 1))) if query else "")
    parts = urlsplit(canonicalize_url(url))
    return parts.path + ("?" + parts.query if parts.query else "")


def article_id(url: str) -> str:
    """Stable id: the first 16 hex digits of SHA-1 over url_key(url)."""
    return hashlib.sha1(url_key(url).encode("utf-8")).hexdigest()[:16]


# -- dates ------------------------------------------------------------------------------------------------

#: A weekday as dates print it after them (星期二, 周二, 礼拜二).
WEEKDAY = r"(?:星期|周|礼拜)[一二三四五六日天]"
#: A time after a date: 10:20, 10:20:33, 15时20分, T10:20:33 (ISO), 下午3:20 (15:20), 星期二 10:20, 9:05 PM, 周二 - 10:20
#: (Drupal's), 星期三 @ 10:20:33 (PHP-Nuke's), 星期三, 10:20 (phpBB's), 2010-05-08, 16:40 (vBulletin's), an hour alone
#: (OSChina's 2013年11月25日 9时: 09:00).
_CLOCK = (r"(?:\s*" + WEEKDAY + r"(?:\s*[-@,，])?|,)?\s*T?\s*(?P<ap>上午|下午|中午|晚上|凌晨|早上)?\s*(?P<H>\d{1,2})\s*(?:[:：时]"
          r"\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?(?:\s*(?P<ap2>[AaPp][Mm]\b|上午|下午|晚上|凌晨|中午|早上))?"
          r"|时(?!\s*\d))")  # (the half of the day after the time: 7:38 上午, WordPress's zh-CN g:i A)
_TIME = f"(?:{_CLOCK})?"
_PM = frozenset(("下午", "晚上", "PM", "pm", "Pm", "pM"))
_DATE = re.compile(
    # the same kind of separator twice: 2017-06-20, 2017/6/20, 2017年6月20日 (2017年1-5月 is no date)
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]|年\s*(?P<m2>\d{1,2})\s*月)"
    r"\s*(?P<d>\d{1,2})(?!\d)\s*日?" + _TIME
)
#: 09/23/2013, the month first (Drupal's stock date format; a first number over 12 is the day): the year last.
YEAR_LAST_DATE = r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])"
_YEAR_LAST = re.compile(YEAR_LAST_DATE + r"(?:\s*-)?" + _TIME)  # 09/23/2013 - 16:05
#: 12.05.2013, the day first between dots (TYPO3's and other European CMSs' stock date format; a second number over 12
#: is the day).
_DAY_FIRST = re.compile(r"(?<![\dA-Za-z.])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?!\d|\.\d)" + _TIME)
#: An English date, the month named (Sep 3, 2014; September 3rd, 2014: a blog theme's stock post date), or numbered
#: in Chinese in the English order (Tumblr's 5月 12, 2014), or named so (WordPress's and Dotclear's zh-CN 八月 19, 2021).
_EN_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
EN_DATE = re.compile(r"(?<![A-Za-z\d])(?P<mon>January|February|March|April|May|June|July|August|September|October|"
                     r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|1[0-2]月|[1-9]月"
                     r"|十[一二]?月|[一二三四五六七八九]月)\.?\s*"
                     r"(?P<d>\d{1,2})"
                     r"(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME, re.I)
#: .NET's zh-CN long date, the day first and the month named (20 十一月 2014, Sitecore's and SharePoint's), or numbered
#: (Joomla's zh-CN 18 4月 2013 10:45 under K2).
DAY_CN_MONTH = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s+(?P<mon>十[一二]?|[一二三四五六七八九]|1[0-2]|0?[1-9])月\s+"
                          r"(?P<y>(?:19|20)\d{2})(?!\d)" + _TIME)
_CN_MONTHS = {name: k for k, name in enumerate("一 二 三 四 五 六 七 八 九 十 十一 十二".split(), 1)}
#: 17-06-20 10:20 (a two-digit year: only with a time after it, so that no number range or code reads as a date).
_SHORT_DATE = re.compile(r"(?<![\d./-])(?P<y>\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d/-])" + _CLOCK)
#: 17-06-20, 17/06/20 or 17.06.20 alone: a two-digit year right after a date label (时间：17-06-20).
_LABELLED_SHORT_DATE = re.compile(
    r"^\s*(?P<y>\d{2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/.-])" + _TIME)
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_]?(?:[a-z]+_)?(\d{2})[-/_]?(\d{2})(?!\d)", re.I)


def _iso(y: str, m: str, d: str, hh: str | None = None, mm: str | None = None, ss: str | None = None) -> str | None:
    try:
        day = date(int(y), int(m), int(d))
    except ValueError:
        return None
    if hh is None or mm is None:
        return day.isoformat()
    h, mi, s = int(hh), int(mm), int(ss or 0)
    if h > 23 or mi > 59 or s > 59:
        return day.isoformat()
    return f"{day.isoformat()}T{h:02d}:{mi:02d}:{s:02d}{SITE_TZ}"


#: Full-width digits and date punctuation as their ASCII forms (one per character: match offsets stay valid), and a
#: search for them first (str.translate writes a new string a character at a time, found or not).
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－／．：　", "0123456789-/.: ")
_HAS_FULL_WIDTH = re.compile("[０-９－／．：　]")


def parse_date(text: str | None, labelled: bool = False) -> str | None:
    """The first date (and time, when printed) in text as ISO 8601; None when there is none. labelled: text is
    a date label's value, where a two-digit year needs no time after it (时间：14-07-15)."""
    if not text:
        return None
    if not text.isascii() and _HAS_FULL_WIDTH.search(text):
        text = text.translate(_FULL_WIDTH)  # ２０１７－０６－１７　０９：４５
    for match in _DATE.finditer(text):
        y, m, m2, d = match.group("y", "m", "m2", "d")
        iso = _iso(y, m or m2, d, *_hms(match))
        if iso:
            return iso
    for match in _YEAR_LAST.finditer(text) if "/" in text else ():
        a, b = match.group("a", "b")
        iso = _iso(match.group("y"), *((b, a) if int(a) > 12 else (a, b)), *_hms(match))
        if iso:
            return iso
    for match in _DAY_FIRST.finditer(text) if "." in text else ():
        a, b = match.group("a", "b")
        iso = _iso(match.group("y"), *((a, b) if int(b) > 12 else (b, a)), *_hms(match))
        if iso:
            return iso
    for match in EN_DATE.finditer(text) if "," in text or " 20" in text or " 19" in text else ():
        mon = match.group("mon")
        number = mon[:-1] if mon[-1] == "月" else str(_EN_MONTHS.index(mon[:3].lower()) + 1)
        iso = _iso(match.group("y"), number if number.isdigit() else str(_CN_MONTHS[number]),
                   match.group("d"), *_hms(match))
        if iso:
            return iso
    for match in DAY_CN_MONTH.finditer(text) if "月 " in text else ():
        mon = match.group("mon")  # (K2's zh-CN 05 3月 2014 as well)
        iso = _iso(match.group("y"), mon if mon.isdigit() else str(_CN_MONTHS[mon]), match.group("d"), *_hms(match))
        if iso:
            return iso
    short = _SHORT_DATE.finditer(text) if "-" in text else ()
    for match in (*short, *([m] if labelled and (m := _LABELLED_SHORT_DATE.match(text)) else ())):
        yy = int(match.group("y"))
        iso = _iso(str(2000 + yy if 2000 + yy <= date.today().year + 1 else 1900 + yy), *match.group("m", "d"),
                   *_hms(match))
        if iso:
            return iso
    return None


def _hms(match) -> tuple[str | None, str | None, str | None]:
    """(hour, minute, second) of a date match's time, a 下午/PM hour on the 24-hour clock."""
    hh, mm, ss = match.group("H", "M", "S")
    if hh is not None:
        mm = mm or "0"  # (an hour alone: 9时)
        marker = match.group("ap") or match.group("ap2")
        if marker and int(hh) < 12 and (marker in _PM or marker == "中午" and int(hh) < 11):
            hh = str(int(hh) + 12)
        elif marker and int(hh) == 12 and marker in ("凌晨", "AM", "am"):
            hh = "0"
    return hh, mm, ss


def date_from_url(url: str) -> str | None:
    """A date in the URL's path (/2017/0620/, /20170620/, /html/2017/x_0620/, t20170620_1.html), else None."""
    for match in _URL_DATE.finditer(urlsplit(url).path):
        iso = _iso(*match.groups())
        if iso:
            return iso
    return None


def mirror_url(url: str, aliases: Mapping[str, str]) -> str | None:
    """A URL on the portal's own hosts (http://www.xjmsw.cn/a.html, //xjmsw.cn/a.html) as the mirror's: aliases maps
    each such host to the URL prefix that stands for its root (site.Site.aliases); None for any other URL."""
    start = url.find("//")
    if not (0 <= start <= 6 and url[:start] in ("", "http:", "https:")):
        return None
    end = url.find("/", start + 2)
    root = aliases.get(url[start + 2: end if end >= 0 else None].lower().removesuffix(":80"))
    return None if root is None else root + (url[end:] if end >= 0 else "/")
