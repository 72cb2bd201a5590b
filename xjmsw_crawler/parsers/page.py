"""The parsers' entry points: bytes -> Page (what the spider needs) or Article (for `xjmsw parse`).

One decode (decode.decode_html), one lxml parse; then either a learned template layout reads the page
(template.Templates, when the caller keeps one) or one statistics pass (generic.Doc) and the generic
readers do. Never raises on bad input: empty bodies, random bytes, truncated GB bytes, broken or huge HTML
all give a Page (kind "other" when nothing is recognisable).
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import etree

from .article import Meta, extract, read_meta, signed, with_companions
from .body import LAZY_SRC, drop_element, extract_body
from .cached import cached_original
from .classify import classify
from .cues import INFO_LABEL, INFO_LABEL_WORDS, PAGEBAR_LINE, absolute, el_text, styled_text
from .decode import decode_html
from .generic import Doc, parse_html, prepare, text_of
from .hidden import HIDING_STYLE, NOT_DISPLAYED_STYLE, mark_hidden_classes
from .info import SENTENCE_END, labelled_info_line
from .model import Article, Link, Page
from .normalize import clean_text, mirror_url, parse_date, referenced_characters, simplified_labels
from .pagebar import next_page_of, page_number_in
from .template import Layout, LayoutDropped, Templates
from .title import CJK, TITLE_NAME

log = logging.getLogger(__name__)


def _empty_article() -> Article:
    return Article(title="", author=None, source=None, published=None, category=None, breadcrumb=[],
                   paragraphs=[], body_html="", images=[], prev=None, next=None)


#: The start of a numeric character reference, looked for in a page's bytes (a search for a literal: ~1.8 us on a
#: portal page, where `b"&#" in body` takes ~5 us and a search of the decoded text more).
_CHAR_REF_START = re.compile(rb"&#")


def _referenced(text: str, body: bytes | str | None) -> str:
    """text with its numeric character references read as the characters they stand for when the page has any
    (normalize.referenced_characters), before any check on the page's source; a search engine's cached copy as the
    page it copies (cached.cached_original)."""
    if _CHAR_REF_START.search(body) if isinstance(body, bytes) else "&#" in text:
        text = referenced_characters(text)
    return cached_original(text)


def _decode(body: bytes | str | None, headers: Mapping | None) -> tuple[str, str]:
    if body is None:
        return "", "utf-8"
    if isinstance(body, str):
        return body, "utf-8"
    try:
        return decode_html(bytes(body), headers)
    except Exception:  # noqa: BLE001 - decoding must never take the crawl down
        return bytes(body).decode("gb18030", errors="replace"), "gb18030"


#: Where a <pre>'s text starts a paragraph: after a blank line, or a line indented (U+3000, two spaces, a tab).
_PRE_BREAK = re.compile(r"[ \t]*\n(?:[ \t\u3000]*\n)+|[ \t]*\n(?=\u3000|[ \t]{2,}|\t)")
#: A <pre>'s other line ends: where a line was wrapped.
_PRE_WRAP = re.compile(r"[ \t]*\n[ \t]*")


def _pre_paragraphs(pre) -> None:
    """A Chinese <pre>'s text as the paragraphs it prints (an old archive's articles hard-wrapped at ~38 characters): a
    blank line or an indented line starts one (a <br> put there), the other line ends join the wrapped lines (with
    nothing between CJK, with a space between two words of Latin letters or digits). Code, a server's error trace or
    English: its lines as they are, each a line (a <br> at each line end)."""
    text = text_of(pre)
    lines = len(CJK.findall(text)) * 2 < len("".join(text.split()))
    for el in list(pre.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.text and "\n" in el.text:
            el.text, *brs = _pre_pieces(el.text, lines)
            for k, br in enumerate(brs):
                el.insert(k, br)
        if el is not pre and el.tail and "\n" in el.tail:
            el.tail, *brs = _pre_pieces(el.tail, lines)
            for br in reversed(brs):
                el.addnext(br)


def _pre_pieces(text: str, lines: bool = False) -> list:
    """A <pre> text node as its first paragraph's text and a <br> before each of the others (as its tail), the
    wrapped lines of each joined (with lines, each line a piece)."""
    first, *rest = text.split("\n") if lines else (_PRE_WRAP.sub(_wrap_join, piece) for piece in _PRE_BREAK.split(text))
    brs = []
    for piece in rest:
        brs.append(etree.Element("br"))
        brs[-1].tail = piece
    return [first, *brs]


def _wrap_join(m) -> str:
    before, after = m.string[m.start() - 1:m.start()], m.string[m.end():m.end() + 1]
    return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""


#: Wide characters (CJK ideographs, kana, CJK and full-width punctuation): a line break between two of them in a text
#: is where a hard-wrapped source broke a line of Chinese, which reads on without a space (CSS Text 3's segment break
#: rule: 用木\n质 is 用木质; between two Latin words it stays a space).
_WIDE = "\u2e80-\u2fff\u3001-\u303e\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef\U00020000-\U0003ffff"
#: A line break right after a wide character (or a space or tab after one) and a wide character next: where a text
#: was wrapped (a template's lines end in a tag; the look back comes after the "\n", which sre finds by itself).
_WRAPPED_LINE_IN_SOURCE = re.compile(f"\\n(?:(?<=[{_WIDE}]\\n)|(?<=[{_WIDE}]\\r\\n)|(?<=[{_WIDE}][ \\t]\\n)|"
                                     f"(?<=[{_WIDE}][ \\t]\\r\\n))[ \\t\\r\\n]*[{_WIDE}]")
#: A line break between two wide characters, with the spaces, tabs and blank lines around it.
_WRAPPED_LINE = re.compile(f"(?<=[{_WIDE}])[ \\t\\r]*\\n[ \\t\\r\\n]*(?=[{_WIDE}])")
#: What lxml reads from a page but refuses to set as a text (dropping the text it replaces): C0 controls other than
#: tab and line ends (which records leave out anyway, normalize.printable), U+FFFE and U+FFFF.
_UNSETTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Elements whose lines are their own: what they print keeps its line breaks.
_VERBATIM = ("pre", "xmp", "listing", "plaintext")


def _join_wrapped_lines(root) -> None:
    """Each text node's lines broken between two wide characters joined (a FrontPage page, an editor's line breaks
    inside a paragraph), so that no reader finds a space in 用木质; not a <pre>'s (_pre_paragraphs reads those)."""
    verbatim = {el for pre in root.iter(*_VERBATIM) for el in pre.iterdescendants()}
    for el in root.iter():
        if el in verbatim:
            continue
        if (text := el.text) and "\n" in text and el.tag not in _VERBATIM:
            text, joined = _WRAPPED_LINE.subn("", text)
            if joined:
                el.text = _UNSETTABLE.sub("", text)
        if (tail := el.tail) and "\n" in tail:
            tail, joined = _WRAPPED_LINE.subn("", tail)
            if joined:
                el.tail = _UNSETTABLE.sub("", tail)


#: A media player's tags (an <embed> inside an <object> is the same player).
_PLAYERS = ("audio", "video", "object", "embed")
#: What a player's box prints beside it: its length, a download link, a label before it (节目时长：58分12秒 下载收听,
#: 节目录音：); not a caption (视频：…。 is a sentence).
_PLAYER_WORDS = re.compile(r"时长|收听|收看|播放|下载|点播|[:：]$")


def _player_box(player) -> None:
    """The words a media player's own box prints beside it and its icon are no text of the page: the box keeps the
    player alone (Flash's <object>/<embed> go with the page's other plug-ins, in prepare)."""
    box = player.getparent()
    if box is None or box.tag in ("body", "html", "object"):
        return
    text = text_of(box).strip()
    if text and len(text) <= 40 and _PLAYER_WORDS.search(text) and not SENTENCE_END.search(text):
        _keep_players(box)
    elif not text and (after := _next_box(box)) is not None and "时长" in (words := text_of(after).strip()) and \
            len(words) <= 40 and not SENTENCE_END.search(words):
        _keep_players(after)  # its length and download link in the box right under it (节目时长：03:12 下载视频)


def _next_box(box):
    """The element right after box, or after the wrappers box is all of (a <font> around a player's <div>), with
    no text between; None when there is none."""
    for _ in range(3):
        if (box.tail or "").strip():
            return None
        after = box.getnext()
        if after is not None:
            return after if isinstance(after.tag, str) else None
        box = box.getparent()
        if box is None or box.tag in ("body", "html") or (box.text or "").strip():
            return None
    return None


def _close_embed(embed) -> None:
    """What libxml2 put inside an <embed>, moved after it: it reads the tag as a container, so that all that follows
    an unclosed one (a Flash player's, between lines of text) up to its parent's end went with it when plug-ins are
    dropped; a browser reads <embed> as an element without content."""
    parent = embed.getparent()
    if parent is None:
        return
    kids, tail = list(embed), embed.tail
    embed.text, embed.tail = None, embed.text
    at = parent.index(embed) + 1
    for k, child in enumerate(kids):
        parent.insert(at + k, child)
    if tail:
        last = kids[-1] if kids else embed
        last.tail = (last.tail or "") + tail


def _keep_players(box) -> None:
    """box with nothing left but the players in it (and the elements that hold them)."""
    box.text = None
    for child in list(box):
        child.tail = None
        if not isinstance(child.tag, str) or child.tag not in _PLAYERS:
            if isinstance(child.tag, str) and any(True for _ in child.iter(_PLAYERS)):
                _keep_players(child)
            else:
                box.remove(child)


def _no_fallback(media) -> None:
    """An <audio>/<video> without the text only a browser that cannot play it shows (您的浏览器不支持 audio 标签…):
    the player stays in body_html, its fallback is no text."""
    for el in media.iter():
        if el is not media:
            el.tail = None
        if isinstance(el.tag, str):
            el.text = None


#: The most a button's box prints beside it for the box to be a control: a reward box's 打赏 under 坚持原创，您的支持将
#: 鼓励我们继续创作！ and its folded 微信支付/支付宝 codes, a vote's 顶 踩.
CONTROL_BOX_CHARS = 60


def _control_box(button) -> None:
    """The box around a <button> that prints a few words is a control, like a short form: read as one (its words are
    no text of the page; the button goes with the other controls in prepare)."""
    box = button.getparent()
    if box is not None and box.tag not in ("body", "html", "form") and \
            len("".join(text_of(box).split())) <= CONTROL_BOX_CHARS:
        box.tag = "form"


#: Custom elements that draw an image (Baidu MIP's <mip-img>, Google AMP's <amp-img>): read as the <img> they draw
#: (body images, body_html).
_CUSTOM_IMAGES = ("mip-img", "amp-img")


def _numbered_links(el) -> bool:
    """Whether an element's links are page numbers alone, two or more (<a>1</a><a>2</a> printed without a gap)."""
    numbers = [el_text(a).strip("[]【】") for a in el.iter("a")]
    return len(numbers) >= 2 and all(n.isdigit() and len(n) <= 3 for n in numbers)


def _hidden_mail(el) -> None:
    """Joomla 4's cloaked e-mail address, <joomla-hidden-mail text="base64 of the address">该邮件地址已受到反垃圾邮件
    插件保护…</joomla-hidden-mail>: the address its script shows in place of the notice."""
    try:
        address = base64.b64decode(el.get("text") or "", validate=True).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return  # (not base64 of a text: the notice stays)
    if address.strip():
        el.text = address
        del el[:]


#: PHP168's (齐博's) anti-scraping call: avoidgather('xjmsw') hides every <p> and <div> whose class holds the word.
_AVOID_GATHER = re.compile(r"avoidgather\(\s*['\"]([^'\"]+)['\"]\s*\)")


def _gather_guards(root, words: set[str]) -> None:
    """Drops the lines PHP168's avoidgather() script hides (<div class="qyvxjmswq6i">本文来自新疆民生网 www.xjmsw.cn
    </div> between the text's paragraphs): no reader sees them, and as text they would make the text's block."""
    for el in [el for el in root.iter("p", "div") if any(word in name for name in (el.get("class") or "").split()
                                                         for word in words)]:
        drop_element(el)


#: A symbol font, whose letters draw pictures (Webdings' 3 and 4 are ◀ and ▶).
_SYMBOL_FONT = re.compile(r"(?:web|wing)dings", re.I)


def _symbol_glyphs(root) -> None:
    """Empties what a symbol font draws (Founder's e-paper: <span style='font-family:webdings'>3</span>上一篇): arrows
    and icons, no letters of the page's."""
    for el in [el for el in root.iter("span", "font", "i", "b")
               if _SYMBOL_FONT.search((el.get("face") or "") + (el.get("style") or ""))]:
        el.text = None
        for child in list(el):
            el.remove(child)


def _parse(url: str, text: str, frames: list[str] | None = None, aliases: Mapping[str, str] | None = None,
           canonical: list[str] | None = None, text_frames: list | None = None, paging: list | None = None):
    """(root, prepare()'s (base_url, title_text, description)) of a page, or None when there is no document. frames
    and canonical: lists that get the pages a browser goes to other than through an <a href> (<frame>/<iframe> src,
    which prepare() strips; image-map areas; buttons' scripts; a <link rel="next">) and the href of a <link
    rel="canonical">. paging: a list that gets (rel, href) of each <link rel="prev"/"next">. text_frames:
    a list that gets (parent, src) of each <iframe> sized to show a text (article.Meta.frames). aliases: see
    parse_page."""
    if "來" in text or "時" in text or "頁" in text:
        text = simplified_labels(text)
    wml = "<wml" in (head := text[:1000]) or "<WML" in head  # a WAP 1.x phone's deck, its root after the DOCTYPE
    if wml:
        text = text.replace("$$", "$")  # WML's escaped dollar sign (US$$620 prints US$620)
    root = parse_html(text)
    if root is None:
        return None
    if aliases and _links_to(text, aliases):
        _localise(root, aliases)
    close = text.find("</")
    upper_case = close >= 0 and text[close + 2:close + 3].isupper()  # a template that writes </TITLE>, <DIV>
    if "<datastore" in text or upper_case and "<DATASTORE" in text:
        _inline_datastores(root)
    if "<option" in text or "<OPTION" in text:
        _jump_menus(root)
    if wml:
        _wml_anchors(root)
    if _scripts_link(text):
        _script_links(root, frames)
    if closing := _label_cell(text):
        _label_grids(root, closing)
    if "Mso" in text:
        _unwrap_word(root)
    if "</span><" in text or upper_case and "</SPAN><" in text:  # <span> next, or a comment the parse dropped
        _separate_labelled_spans(root)
    if 'rel="author"' in text:
        _separate_author_links(root)
    mark_hidden_classes(root, text)  # (display:none, font-size:0, a screen reader's words)
    if _has_image_label(text):
        _image_labels(root)
    if _WRAPPED_LINE_IN_SOURCE.search(text):
        _join_wrapped_lines(root)
    if "dings" in text or "DINGS" in text:
        _symbol_glyphs(root)
    if "avoidgather(" in text and (words := set(_AVOID_GATHER.findall(text))):
        _gather_guards(root, words)
    if "查看更多" in text:
        _back_links(root)
    if "createPageHTML(" in text:
        _script_page_bars(root)
    # one walk (the tree changes) for what a few pages print
    for el in list(root.iter("h1", "h2", "h3", "frame", "iframe", "area", "noscript", "pre", "button", "time",
                             "joomla-hidden-mail", *_PLAYERS, *_CUSTOM_IMAGES)):
        if el.tag == "time":
            _site_time(el)
        elif el.tag[0] == "h":
            if len(el):
                _info_out_of_heading(el)
        elif el.tag == "button":
            _control_box(el)
        elif el.tag == "pre":
            _pre_paragraphs(el)
        elif el.tag in _PLAYERS:
            if el.tag in ("audio", "video"):
                _no_fallback(el)
            elif el.tag == "embed" and (el.text or len(el)):
                _close_embed(el)
            _player_box(el)
        elif el.tag in _CUSTOM_IMAGES:
            el.tag = "img"
        elif el.tag == "joomla-hidden-mail":
            _hidden_mail(el)
        elif el.tag == "noscript" and (PAGEBAR_LINE.search(el_text(el)) or _numbered_links(el)):
            el.tag = "span"  # the page bar for browsers without scripts beside a script's (TRS's createPageHTML)
        elif el.tag == "noscript" and _holds_the_page(el):
            el.tag = "div"  # (an app's shell: the page for browsers without scripts, all its text, in <noscript>)
        elif el.tag == "noscript" and (real := _lazy_image(el)):
            el.getprevious().set("src", real)  # (the placeholder shows the image the <noscript> names)
        elif el.tag == "noscript" and _drawn_by_script(el):
            el.tag = "span"  # (the picture a script draws in its place)
        elif frames is not None:
            if el.tag == "noscript":  # a script's page for browsers without scripts: 点击这里, a menu
                frames.extend(href for a in el.iter("a") if (href := a.get("href")))
            elif src := el.get("href" if el.tag == "area" else "src"):
                frames.append(src)
                if text_frames is not None and el.tag == "iframe" and _text_sized(el):
                    text_frames.append((el.getparent(), src))
    if frames is not None and len(text) < 3000 and "location" in text:
        frames.extend(_redirects(root))
    if frames is not None and "<script" in text:
        frames.extend(_script_pages(root, url, aliases))
    if (canonical is not None or frames is not None or paging is not None) and (
            "canonical" in text or "next" in text or "prev" in text):
        head = root.find("head")
        for el in (head if head is not None else root).iter("link"):
            rel, href = (el.get("rel") or "").strip().lower(), el.get("href")
            if not href:
                continue
            if rel == "canonical" and canonical is not None:
                canonical.append(href)
            elif rel in ("next", "prev", "previous"):  # (SEO paging beside a pager a script draws)
                if frames is not None:
                    frames.append(href)
                if paging is not None:
                    paging.append((rel, href))
    try:
        return root, prepare(root, url)
    except Exception:  # noqa: BLE001
        return None


#: A size in an inline style (width:468px; height: 60px).
_STYLE_SIZE = re.compile(r"(?<![\w-])(width|height)\s*:\s*(\d+)(?:px)?\s*(?:;|$)", re.I)


def _pixels(value: str | None) -> int | None:
    """A width or height attribute's pixels (None for a percentage, a missing or an odd value)."""
    value = (value or "").strip().removesuffix("px")
    return int(value) if value.isdigit() else None


def _text_sized(iframe) -> bool:
    """Whether an <iframe> is sized to show a text: not a banner's 468x60, a counter's 0x0 or a widget's 180x250
    (no width under 300 px, no height under 100 px, by its attributes or its style), nor hidden."""
    size = {"width": _pixels(iframe.get("width")), "height": _pixels(iframe.get("height"))}
    if style := iframe.get("style"):
        if NOT_DISPLAYED_STYLE.search(style):
            return False
        size.update((name.lower(), int(px)) for name, px in _STYLE_SIZE.findall(style))
    width, height = size["width"], size["height"]
    return (width is None or width >= 300) and (height is None or height >= 100)


_URL_ATTRS = {"a": ("href",), "area": ("href",), "base": ("href",), "frame": ("src",), "iframe": ("src",),
              "link": ("href",), "img": ("src", *LAZY_SRC)}


#: What stands before a URL in one of those attributes (href="http:, src='//, data-original=).
_URL_ATTR_BEFORE = re.compile(r"""(?:href|src|original|file)\s*=\s*["']?\s*(?:https?:)?$""", re.I)


def _separate_labelled_spans(root) -> None:
    """A label and its value in a <span> printed right against the next <span> (Halo's <span>作者：<a>民生观察编辑部</a>
    </span><span>关注新疆百姓身边事</span>, the motto beside the name): a gap after it, as the page shows one, so that the
    value ends with its <span> (a next <span> that starts with a label ends it already: 作者：… 分类：…). Likewise a
    number's <span> against the next one's (a date's and its time's: 18-03-15</span><span>14:32), that would read as
    one number (not the digits of one number that Word split: 1</span><span>20)."""
    for span in root.iter("span"):
        after = span.getnext()
        if after is None or after.tag != "span" or (span.tail and not span.tail.isspace()):
            continue
        text = el_text(span)
        unbracketed = text.lstrip("【[")  # (作者：, 【作者】)
        label = INFO_LABEL.match(unbracketed) if len(text) <= 40 else None
        if label is not None and unbracketed[label.end():].strip() or \
                text[-1:].isdigit() and not text.isdigit() and len(text) <= 20 and el_text(after)[:1].isdigit():
            span.tail = "\u3000" + (span.tail or "")


def _separate_author_links(root) -> None:
    """A post's authors' links printed right against each other (Astro's <a rel="author">古丽米拉·艾山</a><a
    rel="author">阿依努尔·买买提</a>, a stylesheet's margin between them): a gap after each, as the page shows one, so that
    the names do not run into one."""
    for a in root.iter("a"):
        after = a.getnext()
        if after is not None and after.tag == "a" and not (a.tail or "").strip() and a.get("rel") == "author" == \
                after.get("rel"):
            a.tail = "\u3000" + (a.tail or "")


def _links_to(text: str, aliases: Mapping[str, str]) -> bool:
    """Whether an attribute of the page holds a URL on one of the aliases' hosts (not just text naming it)."""
    for netloc in aliases:
        at = text.find("//" + netloc)
        while at >= 0:
            if _URL_ATTR_BEFORE.search(text, max(0, at - 32), at):
                return True
            at = text.find("//" + netloc, at + 2)
    return False


def _localise(root, aliases: Mapping[str, str]) -> None:
    """URLs on the portal's own hosts pointed at the mirror being crawled, so its records link the mirror: a copy
    saved without link conversion (wget -r) or from a CMS that prints absolute URLs links the portal throughout."""
    for el in root.iter(*_URL_ATTRS):
        for attr in _URL_ATTRS[el.tag]:
            if (local := mirror_url((el.get(attr) or "").strip(), aliases)) is not None:
                el.set(attr, local)


#: A 大汉 JCMS datastore's records: the HTML of one entry each, in CDATA.
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)


def _inline_datastores(root) -> None:
    """A 大汉 JCMS listing keeps its entries in <script type="text/xml"><datastore> records for a script to show
    (browsers show them; the parsers strip scripts): they take the script's place as the page's own list."""
    for script in list(root.iter("script")):
        text, parent = script.text or "", script.getparent()
        records = _RECORD.findall(text) if parent is not None and ("<datastore" in text or "<DATASTORE" in text) \
            else None
        if not records:
            continue
        parsed = parse_html("<div>" + "".join(records) + "</div>")
        holder = parsed.find(".//div") if parsed is not None else None
        if holder is not None:
            holder.tail = script.tail
            parent.replace(script, holder)


#: Where a page's scripts start: onclick= (onClick=, ONCLICK=) and javascript: (JavaScript:, JAVASCRIPT:) URLs.
_SCRIPT_STARTS = ("nclick", "NCLICK", "ascript:", "ASCRIPT:")
#: The page a script goes to: window.open('show.asp?id=12'), location.href='/list.asp?classid=3', openwin("…"):
#: a quoted path or page name (a '/', '?' or a page's extension in it), not a piece the script adds to
#: ('…page=' + n), given to a call or property that navigates (not setHomePage('http://…') or addFavorite(…)).
_QUOTED_PAGE = re.compile(r"""['"]([^'"\s<>()]*?(?:/|\?|\.(?:s?html?|aspx?|php|jsp|do|cgi)\b)[^'"\s<>()]*)['"](?!\s*\+)""")
_NAVIGATION_WORDS = ("open", "location", "href", "replace", "assign", "navigate", "go", "jump", "redirect", "show",
                     "view", "link")
_NAVIGATES = re.compile(r"(?:%s)\w*\s*[=(]\s*$" % "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _NAVIGATION_WORDS))


def _scripts_link(text: str) -> bool:
    """Whether a script in a tag goes to a page (most pages' scripts print, bookmark or do nothing:
    javascript:void(0), window.print(); the tree is searched only when one goes somewhere)."""
    for word in _SCRIPT_STARTS:
        found = text.find(word)
        while found >= 0:
            # the attribute's value, onclick="…" or href="javascript:…", to its closing quote
            at = found + len(word)
            if word.endswith(("k", "K")):
                at = text.find("=", at, at + 8) + 1 or at
                while text[at:at + 1] == " ":
                    at += 1
                quote = text[at:at + 1]
                at += 1
            else:
                quote = text[found - 5:found - 4]
            end = text.find(quote, at, at + 400) if quote in ("'", '"') else text.find(">", at, at + 400)
            if _script_target(text[at:end if end >= 0 else at + 400]):
                return True
            found = text.find(word, found + len(word))
    return False


@lru_cache(maxsize=1024)  # a site prints the same few scripts (print, bookmark, font size) on every page
def _script_target(code: str) -> str | None:
    if "'" not in code and '"' not in code:  # javascript:void(0), window.print()
        return None
    if "not retrieved" in code:
        # an offline copy's link to a page it did not save (Teleport Pro's javascript:if(confirm('http://…  This file
        # was not retrieved by Teleport Pro, …'))window.location='http://…'): nowhere in the copy
        return None
    low = code.lower()
    if not any(word in low for word in _NAVIGATION_WORDS):  # javascript:void(0), window.print(), setHomePage(…)
        return None
    for m in _QUOTED_PAGE.finditer(code):
        if _NAVIGATES.search(code, max(0, m.start() - 40), m.start()) and \
                not m.group(1).lower().startswith(("javascript:", "about:", "mailto:", "#")):
            return m.group(1)
    return None


def _script_links(root, extra: list[str] | None) -> None:
    """Links a browser follows through a script, which old portals used for menus and whole listings.
    <a href="javascript:openwin('…')"> or <a href="#" onclick="window.open('…')">: the page becomes its href. A
    table row or box clickable by its onclick, with no link in it: its longest text becomes a link there (a
    listing of such rows reads as one). A button's page: to extra, followed."""
    for el in root.xpath("//*[@onclick] | //a[starts-with(@href, 'javascript:') or starts-with(@href, 'JavaScript:')"
                         " or starts-with(@href, 'JAVASCRIPT:')]"):
        href = (el.get("href") or "").strip()
        script = href[11:] if href[:11].lower() == "javascript:" else ""
        target = _script_target(script) or _script_target(el.get("onclick") or "")
        if target is None:
            continue
        if el.tag == "a":
            if not href or script or href.startswith("#"):
                el.set("href", target)
        elif el.find(".//a") is None:  # a row with a link in it: that link stands for it
            holder = max((e for e in el.iter() if isinstance(e.tag, str) and e.tag not in ("script", "style")),
                         key=lambda e: len((e.text or "").strip()))
            if len((holder.text or "").strip()) >= 2:
                link = etree.Element("a", href=target)
                link.text, holder.text = holder.text, None
                holder.insert(0, link)
            elif extra is not None:
                extra.append(target)


def _label_cell(text: str) -> set[str]:
    """The elements that may hold a bare 作者 or 来源 label (<td>作者</td>, <dt>来源：</dt>, <div>作者:&nbsp;</div>), by
    the tag that closes it: a page that may print its info line as a grid. (Searched for the rare characters first:
    a page is scanned at memchr speed.)"""
    closing = set()
    for char in "者源":
        at = text.find(char)
        while at >= 0:
            if m := _LABEL_END.match(text, at + 1):
                closing.add(m.group(1).lower())
            at = text.find(char, at + 1)
    return closing


#: What ends a bare label's element in the page's source: a colon and spaces at most (作者:&nbsp;</div>), and the
#: ends of the inline elements that style it (作者</font></b></td>).
_LABEL_END = re.compile(r"[:：】\]]?(?:&nbsp;|\s)*(?:</(?:font|b|strong|span|em|i|u|FONT|B|STRONG|SPAN|EM|I|U)>"
                        r"(?:&nbsp;|\s)*)*</(\w+)")


#: An info label alone in a cell or a <dt>, with or without its colon (文章来源, 信息来源 too), or in brackets (【来源】).
_BARE_LABEL = re.compile(r"[【\[]?(?:文章|信息|新闻)?(?:" + INFO_LABEL_WORDS + r")\s*[:：】\]]?")


def _label_grids(root, closing: set[str]) -> None:
    """An info line laid out as a grid, its labels beside rather than before their values: a table row of bare
    labels over a row of values (作者 | 来源 | 发布时间 above 王建华 | 新疆日报 | 2009-03-15), a definition list
    (<dt>来源</dt><dd>新疆日报</dd>), a block of a label beside a block of its value (Drupal's fields). Each value
    gets its label written before it, `来源：新疆日报`, as lines of text print it, and the info-line reader reads it
    so; the row of labels goes. closing: the tags that close a label's element (the grids looked for)."""
    if "td" in closing:
        for table in list(root.iter("table")):
            _record_grid(table)
    for row in list(root.iter("tr")):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) < 2 or not all(_BARE_LABEL.fullmatch(el_text(c)) for c in cells):
            continue
        values = row.getnext()
        while values is not None and values.tag != "tr":
            values = values.getnext()
        value_cells = [c for c in values if c.tag in ("td", "th")] if values is not None else []
        if len(value_cells) != len(cells):
            continue
        for label, value in zip(cells, value_cells):
            value.text = _as_label(el_text(label)) + (value.text or "")
        drop_element(row)
    for label in list(root.iter("div", "span")) if "div" in closing else ():
        value = label.getnext()  # (looked at first: most blocks are no label beside a value)
        if value is None or value.tag not in ("div", "span", "a") or label.tag == "span" and value.tag != "a" \
                or (label.tail or "").strip() or (text := styled_text(label)) is None \
                or not _BARE_LABEL.fullmatch(text) or len(el_text(value)) > 60 or value.find(".//img") is not None:
            continue
        # Drupal's fields, <div class="field-label">作者:&nbsp;</div><div class="field-items"><div>李娜</div></div>,
        # or a label's block or <span> beside its value's link (Newspaper's <div class="td-author-by">作者</div> <a>王磊
        # </a>, <span>来源</span><a>新疆日报</a>): one line of text, 作者：李娜, and a gap before the next label
        label.text = _as_label(text)
        del label[:]
        label.tag = "span"
        for el in value.iter("div", "p"):
            el.tag = "span"
        value.tail = "\u3000" + (value.tail or "")
    for dl in list(root.iter("dl")):
        items = [c for c in dl if c.tag in ("dt", "dd")]
        labels = [c for c in items if c.tag == "dt" and _BARE_LABEL.fullmatch(el_text(c))]
        if not labels:
            continue
        for item in items:
            if item.tag == "dd":
                item.tail = "\u3000" + (item.tail or "")  # a gap between one label's value and the next label
            elif any(item is label for label in labels):
                item.text = _as_label(el_text(item))
                del item[:]
            item.tag = "span"
        dl.tag = "div"


#: The label cell of a record's grid that names its text (an ASP.NET DetailsView: 内容 | …).
_TEXT_CELL = re.compile(r"(?:新闻|文章|信息)?(?:内\s*容|正\s*文)")


def _as_label(name: str) -> str:
    """A bare label as a line of text prints it before its value: 来源 -> 来源：, 【来源】 -> 来源：."""
    return name.strip("【】[]:：") + "："


def _record_grid(table) -> None:
    """A table that prints one record as rows of a label cell beside a value cell (标题 | headline, 作者 | 王芳,
    发布时间 | 2010-7-2 10:25:00, 内容 | the text): each value gets its label written before it as lines of text
    print it (标题：…, 作者：王芳), and the text's cell stands alone. Only a grid with a 标题 row and two info
    labels: a two-column table in an article's text (项目 | 内容, 报名时间 | …) stays as it is."""
    rows = []
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) == 2 and (label := styled_text(cells[0])) is not None:
            label = label.rstrip(":：").strip()
            if label and len(label) <= 6:
                rows.append((label, cells))
    if len(rows) < 3:
        return
    kinds = ["title" if TITLE_NAME.fullmatch(label) else "text" if _TEXT_CELL.fullmatch(label)
             else "info" if _BARE_LABEL.fullmatch(label) else None for label, _ in rows]
    if kinds.count("info") < 2 or "title" not in kinds:
        return
    for kind, (label, (label_cell, value)) in zip(kinds, rows):
        if kind != "text":
            value.text = _as_label(label) + (value.text or "")
        drop_element(label_cell)


def _site_time(el) -> None:
    """A <time> that prints its datetime's wall time in another zone (Discourse's 2020年1月15日 02:02 for
    datetime="2020-01-15T02:02:47Z") prints the site's instead, to the minute or second as printed: the page's
    dates are read as the site's time."""
    stamp, shown = el.get("datetime") or "", el.text or ""
    if len(el) or len(stamp) < 16 or stamp[10:11] != "T" or not (shown := parse_date(shown)) or len(shown) < 19:
        return
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return
    if when.tzinfo is None or when.utcoffset() == _BEIJING.utcoffset(None) or \
            when.strftime("%Y-%m-%dT%H:%M") != shown[:16]:
        return
    el.text = when.astimezone(_BEIJING).strftime("%Y-%m-%d %H:%M:%S" if shown[17:19] != "00" else "%Y-%m-%d %H:%M")


def _holds_the_page(noscript) -> bool:
    """Whether a <noscript> prints most of the page's words (Discourse's browser layout: the topic for browsers without
    scripts, beside a shell that scripts fill), not a notice or a counter's image."""
    inside = len(clean_text(text_of(noscript)))
    if inside < 100:
        return False
    body = noscript.getroottree().getroot().find("body")
    return body is not None and len(clean_text(text_of(body))) < 2 * inside


def _lazy_image(noscript) -> str | None:
    """The address of the image a <noscript> shows where a lazy loader's placeholder, a blurred data: URI, stands
    right before it (gatsby-image's base64 JPEG over <noscript><picture><img src="/static/…/photo.jpg">), else None."""
    real = next(noscript.iter("img"), None)
    placeholder = noscript.getprevious()
    if real is None or placeholder is None or placeholder.tag != "img" or \
            not (placeholder.get("src") or "").startswith("data:"):
        return None
    return real.get("src")


def _drawn_by_script(noscript) -> bool:
    """Whether a <noscript> holds the one picture a script draws in its place, nothing else in its block showing it
    (AEM Core Components' <div class="image"><noscript data-cmp-image="…"><img src="….img.jpeg"></noscript>), not a
    lazy loader's copy of an <img> beside it, nor an ad's or a counter's linked banner for browsers without scripts."""
    pictures = list(noscript.iter("img"))
    block = noscript.getparent()
    return len(pictures) == 1 and block is not None and not (pictures[0].get("src") or "").startswith("data:") \
        and next(pictures[0].iterancestors("a"), None) is None and not text_of(noscript).strip() \
        and all(img is pictures[0] for img in block.iter("img"))


def _info_out_of_heading(heading) -> None:
    """PHPCMS prints the info line inside the headline's <h1>, after a <br />: <h1>标题<br /><span>2014-06-20
    10:20:33 来源：新疆日报 …</span></h1>. It goes right after the heading, a line of its own as other templates
    print it, so that the heading holds the headline alone."""
    for child in list(heading):
        if isinstance(child.tag, str) and child.tag != "br":
            text = el_text(child)
            if labelled_info_line(text):
                line = etree.Element("div")
                line.append(child)
                heading.addnext(line)


#: A link back to the service a copy was taken from, closing its text (搜狐号's 返回搜狐，查看更多).
_BACK_TO_SERVICE = re.compile(r"(?:返回|回到)\S{1,8}?[，,]\s*查看更多")


def _back_links(root) -> None:
    """A 返回搜狐，查看更多 link closing a text's last line (after its （来源：新疆日报）) is neither text nor the
    source's value: out of the tree before any reading."""
    for a in list(root.iter("a")):
        if ((after := a.getnext()) is None or after.tag == "br") and not (a.tail or "").strip() and \
                _BACK_TO_SERVICE.fullmatch(el_text(a)):
            drop_element(a)


#: TRS WCM's call that writes a page bar (createPageHTML(3, 0, "t20110627_21671450", "shtml"): three pages, this the
#: first; page k+1 at t20110627_21671450_k.shtml).
_TRS_PAGE_BAR = re.compile(r"""createPageHTML\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*["']([\w.-]+)["']\s*,"""
                           r"""\s*["'](\w+)["']""")


def _script_page_bars(root) -> None:
    """The page bar a TRS page writes by script, as browsers show it (上一页 1 2 3 下一页), in the script's place: on
    many pages it is the only way to the article's or the list's other pages."""
    for script in list(root.iter("script")):
        call = _TRS_PAGE_BAR.search(script.text or "")
        if call is None or script.getparent() is None:
            continue
        count, current, name, ext = int(call.group(1)), int(call.group(2)), call.group(3), call.group(4)
        if count < 2 or current >= count:
            continue

        def page(k: int) -> str:
            return f"{name}.{ext}" if k == 0 else f"{name}_{k}.{ext}"

        bar = etree.Element("span")
        items = [("上一页", current - 1)] if current else []
        items += [(str(k + 1), k) for k in range(count)]
        items += [("下一页", current + 1)] if current + 1 < count else []
        for text, k in items:
            item = etree.SubElement(bar, "span" if k == current and text.isdigit() else "a")
            if item.tag == "a":
                item.set("href", page(k))
            item.text, item.tail = text, " "
        script.addprevious(bar)


#: A URL in a script's data (a React or Vue app's state, the JSON a listing renders its entries from: 凤凰网's
#: "newsstream"), absolute or protocol-relative, its slashes maybe JSON-escaped.
_SCRIPT_URL = re.compile(r"""["']((?:https?:)?(?:\\?/){2}[\w.-]+(?::\d+)?(?:\\?/[^"'\s<>\\]*)+)["']""")
#: ... not a page: a script's, a style's, an image's or a data file's.
_RESOURCE = re.compile(r"\.(?:js|css|png|jpe?g|gif|svg|ico|webp|bmp|woff2?|ttf|eot|swf|flv|mp[34]|json|xml)$", re.I)


def _script_pages(root, url: str, aliases: Mapping[str, str] | None) -> list[str]:
    """The site's pages a script's data names (what a browser links once the script has run; web archives' crawlers
    extract such URLs speculatively too): on the page's host or the portal's, no resource's."""
    here = urlsplit(url)
    hosts = (here.netloc, *(aliases or ()))
    out = []
    for script in root.iter("script"):
        code = script.text
        if not code or not any(host in code for host in hosts):  # (most scripts name no page of the site)
            continue
        for m in _SCRIPT_URL.finditer(code):
            parts = urlsplit(m.group(1).replace("\\/", "/"))
            host = parts.netloc.lower()
            if _RESOURCE.search(parts.path) or host != here.netloc.lower() and not (aliases and host in aliases):
                continue
            prefix = aliases[host] if aliases and host in aliases else f"{here.scheme}://{here.netloc}"
            out.append(prefix + parts.path + (f"?{parts.query}" if parts.query else ""))
    return out


def _redirects(root) -> list[str]:
    """The pages a stub left at a moved article's old URL sends browsers to by script (location.replace('…'),
    <body onload="window.location='…'">): its one link, when it prints no 点击这里."""
    body = root.find("body")
    codes = [script.text or "" for script in root.iter("script")]
    codes.append(body.get("onload") or "" if body is not None else "")
    return [target for code in codes if (target := _script_target(code))]


#: A jump menu's page item: 2, [2], 第2页, 第 2 页.
_OPTION_PAGE = re.compile(r"^(?:第\s*)?[\[［(]?\s*(\d{1,3})\s*[\]］)]?\s*(?:页)?$")


def _wml_anchors(root) -> None:
    """A WML deck's link drawn as <anchor>title<go href="…"/></anchor> (a WAP 1.x phone's 下页, 上一篇:) is an
    <a href> with the anchor's text."""
    for anchor in list(root.iter("anchor")):
        go = anchor.find("go")
        if go is not None and go.get("href"):
            anchor.tag = "a"
            anchor.set("href", go.get("href"))
            anchor.text = (anchor.text or "") + (go.tail or "")
            anchor.remove(go)


def _jump_menus(root) -> None:
    """A page bar drawn as a <select> jump menu (`<option value="123_2.html">第2页</option>`, onchange going
    there) is what browsers offer as the links to an article's or a listing's other pages, sometimes the only
    ones: it becomes the numbered links (the chosen page a plain number) that page bars are read from. Other
    selects (友情链接, a year's months) are left to prepare() to strip."""
    for select in list(root.iter("select")):
        items = []
        for option in select.iter("option"):
            value = (option.get("value") or "").strip()
            if not value or value.startswith(("javascript:", "#")):
                continue
            if not any(c in value for c in "/.?="):  # a bare number a script puts into a URL: not a link
                items = None
                break
            m = _OPTION_PAGE.match(clean_text(option.text or ""))
            if not m:
                items = None
                break
            items.append((m.group(1), value, option.get("selected") is not None))
        if not items or len(items) < 2 or select.getparent() is None:
            continue
        bar = etree.Element("span")
        for number, value, chosen in items:
            item = etree.SubElement(bar, "b" if chosen else "a")
            item.text = number
            item.tail = " "
            if not chosen:
                item.set("href", value)
        bar.tail = select.tail
        select.getparent().replace(select, bar)


#: Inline tags that only carry Word's formatting: a paragraph pasted from Word is split over dozens of them.
_WORD_INLINE = ("span", "font")


def _unwrap_word(root) -> None:
    """A paragraph pasted from Microsoft Word (`<p class=MsoNormal>`) holds its text in dozens of <span>s, <font>s
    and smart tags (`<st1:chsdate>`, `<o:p>`), cut anywhere, even inside a number: read run by run it looked
    like navigation, not prose. Their text is the paragraph's again (the tags go, their text and children stay).
    A Word table's cells lose their one <p> each, so that a row is one paragraph (README "The record")."""
    pasted = [el for el in root.iter() if (el.get("class") or "").startswith("Mso") and el.tag not in _WORD_INLINE]
    for el in pasted:
        if _hiding_inside(el):  # (an anti-scraping run's element stays: HDWiki's <span class="crzqyi">)
            for d in el.iterdescendants():
                if ":" in str(d.tag) or d.tag in _WORD_INLINE and not _hiding(d):
                    d.tag = "xjmsw-unwrap"
            etree.strip_tags(el, "xjmsw-unwrap")
        else:
            etree.strip_tags(el, *_WORD_INLINE, *{d.tag for d in el.iterdescendants() if ":" in str(d.tag)})
        if el.tag == "table":  # a Word table's cell holds its text in a <p>: the row is one paragraph all the same
            for cell in el.iter("td", "th"):
                if len(cell) == 1 and cell[0].tag == "p" and not (cell.text or "").strip():
                    etree.strip_tags(cell, "p")


def _hiding(el) -> bool:
    """Whether an inline element may hide its text: a class not Word's (a <style> may hide it), a hiding style, a
    colour."""
    cls, style = el.get("class"), el.get("style")
    return bool(cls and not cls.startswith("Mso") or style and HIDING_STYLE.search(style) or el.get("color"))


def _hiding_inside(el) -> bool:
    """Whether a Word paste holds an inline element that may hide its text (_hiding)."""
    return any(_hiding(d) for d in el.iter(*_WORD_INLINE))


#: What an image standing for 上一篇/下一篇 (or 上一页/下一页, or the home link 首页) shows: its alt text, the label a
#: reader sees.
_IMAGE_LABEL = re.compile(r"\s*(?:[上下]一(?:篇|页|条|篇文章|张|图集|主题)?|首[页頁])\s*[:：]?\s*")


def _has_image_label(text: str) -> bool:
    """Whether an alt attribute of the page starts with 上一…/下一… or is 首页 (a search for ASCII "alt=" and "ALT=",
    both where a host's banner in lower case tops a page in upper case: ~3x faster than one for the CJK words, which
    sidebars print)."""
    for attr in ("alt=", "ALT="):
        at = text.find(attr)
        while at >= 0:
            value = text[at + 4:at + 8]
            if "上一" in value or "下一" in value or "首页" in value or "首頁" in value:
                return True
            at = text.find(attr, at + 4)
    return False


def _image_labels(root) -> None:
    """An old table template draws 上一篇/下一篇 as images (`<img src="prev.gif" alt="上一篇"> <a>title</a>`), a
    breadcrumb its home link (`<a href="/"><img alt="首页"></a> » 民生`): each such image becomes its alt text, the
    label the parsers read as they read a printed one (首页 only as a link's whole content)."""
    for img in list(root.iter("img")):
        alt, parent = img.get("alt"), img.getparent()
        if alt and parent is not None and _IMAGE_LABEL.fullmatch(alt) and (
                "首" not in alt or parent.tag == "a" and not text_of(parent).strip()):
            img.tail = alt.strip() + " " + (img.tail or "")
            drop_element(img)


def page_links(root, base_url: str, frames: list[str] = ()) -> list[Link]:
    """Every <a href> of the page, then its frames' pages (a frameset's site is reached through them), image-map
    areas and buttons' pages."""
    out = []
    for a in root.iter("a"):
        href = absolute(base_url, a.get("href"))
        if href:
            out.append(Link(href, clean_text(a.text if not len(a) else text_of(a))))
    for src in frames:
        href = absolute(base_url, src)
        if href:
            out.append(Link(href, ""))
    return out


def _read_fast(templates: Templates | None, text: str, parsed, url: str, aliases: Mapping[str, str] | None = None,
               text_frames: list | None = None):
    """((kind, article) or None, the parsed page for the generic reader): the tree parsed again when a template
    reading that failed or was overruled may have left it half cleaned (text_frames then refilled from the new
    tree)."""
    if templates is None:
        return None, parsed
    try:
        return templates.read(text, parsed[0], url, parsed[1]), parsed
    except LayoutDropped:  # logged by Templates
        pass
    except Exception:  # noqa: BLE001 - the generic reader is always there to fall back on
        log.exception("template reading failed on %s", url)
    if text_frames:
        text_frames.clear()
    return None, _parse(url, text, [], aliases, None, text_frames)


def _read_meta(parsed, url: str, rules: Mapping | None, templates: Templates | None,
               text_frames=()) -> tuple[Doc, Meta, Layout | None]:
    """The generic reader's statistics and Meta, and the page's layout to learn from, taken before the body is
    cleaned."""
    root, head = parsed  # head: (base URL, <title> text)
    doc = Doc(root, url, head)
    meta = read_meta(doc, url, rules, text_frames)
    return doc, meta, Layout.of(meta) if templates is not None else None


def _learn(templates: Templates, text: str, url: str, layout: Layout, article: Article) -> None:
    try:
        templates.learn(text, url, layout, article)
    except Exception:  # noqa: BLE001 - learning is an optimisation: a failure costs speed, never a record
        log.exception("template learning failed on %s", url)


def parse_page(url: str, body: bytes, headers: Mapping | None = None, *, rules: Mapping | None = None,
               decoded: tuple[str, str] | None = None, templates: Templates | None = None,
               aliases: Mapping[str, str] | None = None) -> Page:
    """What the page at url is (article / continuation / listing / other) and what it holds.

    decoded: (text, codec) when decode_html already ran on these bytes (the crawl's encoding middleware).
    templates: the layouts learned from the pages parsed before (a crawl's, a worker's); None = generic only
    (and with rules, which say where the fields are). aliases: the portal's hosts when url is a mirror's
    (site.Site.aliases): host -> the mirror's URL prefix that stands for it, in links and <base href>."""
    templates = None if rules else templates
    text, codec = decoded or _decode(body, headers)
    text = _referenced(text, body)
    frames: list[str] = []
    canonical: list[str] = []
    text_frames: list = []
    paging: list = []
    parsed = _parse(url, text, frames, aliases, canonical, text_frames, paging)
    if parsed is None:
        return Page(url=url, encoding=codec, kind="other")
    try:
        links = page_links(parsed[0], parsed[1][0], frames)
    except Exception:  # noqa: BLE001
        links = []
    canonical_href = absolute(parsed[1][0], canonical[0]) if canonical else None
    fast, parsed = _read_fast(templates, text, parsed, url, aliases, text_frames)
    if fast is not None:
        kind, article = fast
        if paging:
            kind, article = _rel_paged(kind, article, url, parsed[1][0], paging)
        return Page(url=url, encoding=codec, kind=kind, links=links, article=_script_dated(article, text),
                    reader="template", canonical=canonical_href)
    try:
        doc, meta, layout = _read_meta(parsed, url, rules, templates, text_frames)
        kind, article, listing = classify(doc, url, rules, meta)
    except Exception:  # noqa: BLE001 - one odd page must not stop a crawl; it is logged and skipped
        log.exception("extraction failed on %s", url)
        return Page(url=url, encoding=codec, kind="other", links=links)
    if layout is not None and kind == "article" and not article.frame_url:
        _learn(templates, text, url, layout, article)
    if paging and kind in ("article", "continuation"):
        kind, article = _rel_paged(kind, article, url, parsed[1][0], paging)
    article = _script_dated(article, text)
    page = Page(url=url, encoding=codec, kind=kind, links=links, listing=listing, canonical=canonical_href)
    if kind in ("article", "continuation"):
        page.article = article
    else:
        page.candidate = article
    return page


def extract_article(url: str, body: bytes, headers: Mapping | None = None, *, rules: Mapping | None = None,
                    templates: Templates | None = None) -> tuple[Article, str]:
    """The page read as an article whatever its kind, and the codec it was decoded with."""
    templates = None if rules else templates
    text, codec = _decode(body, headers)
    text = _referenced(text, body)
    text_frames: list = []
    paging: list = []
    parsed = _parse(url, text, [], None, None, text_frames, paging)
    if parsed is None:
        return _empty_article(), codec
    fast, parsed = _read_fast(templates, text, parsed, url, None, text_frames)
    if fast is not None:
        article = fast[1]
    else:
        try:
            doc, meta, layout = _read_meta(parsed, url, rules, templates, text_frames)
            article, _ = extract(doc, url, rules, meta)
        except Exception:  # noqa: BLE001
            log.exception("extraction failed on %s", url)
            return _empty_article(), codec
        if layout is not None and not article.frame_url:
            _learn(templates, text, url, layout, article)
    if paging:
        article = _rel_paged("article", article, url, parsed[1][0], paging)[1]
    return _script_dated(article, text), codec


_BEIJING = timezone(timedelta(hours=8))
#: A publication time a page's data gives its scripts (腾讯新闻's window.DATA = {…"pubtime":"2019-06-12 08:30:00"…},
#: a JSON-LD "datePublished"): what the page shows where a script prints the date.
_SCRIPT_PUBLISHED = re.compile(r'"(?:pubtime|pubTime|pub_time|publish_time|publishTime|datePublished)"\s*:\s*'
                               r'"(\d{4}-\d{1,2}-\d{1,2}[^"]{0,20})"')


def _script_dated(article: Article | None, text: str) -> Article | None:
    """article dated by its scripts' data where nothing printed dates it (a time given in another zone, JSON-LD's
    2019-06-12T00:30:00Z, in Beijing time as the records' times are)."""
    if article is None or article.published or (m := _SCRIPT_PUBLISHED.search(text)) is None:
        return article
    try:
        stamp = datetime.fromisoformat(m.group(1))
    except ValueError:
        stamp = None
    if stamp is not None and stamp.tzinfo is not None:
        return replace(article, published=stamp.astimezone(_BEIJING).replace(microsecond=0).isoformat())
    return replace(article, published=parse_date(m.group(1)))


def _rel_paged(kind: str, article: Article, url: str, base: str, paging: list) -> tuple[str, Article]:
    """(kind, article) with the pages the <link rel="prev"/"next"> of an article without a page bar name, pages of
    its own document (a pager a script draws, the head's links the only plain ones): page n > 1 when it has one
    before it."""
    if article.page_urls:
        return kind, article
    near = {rel[:4]: href for rel, link in paging if (href := absolute(base, link)) and (
        next_page_of(url, href) if rel == "next" else next_page_of(href, url))}
    if not near:
        return kind, article
    urls = [u for u in (near.get("prev"), url, near.get("next")) if u]
    number = (page_number_in(near["prev"]) or 1) + 1 if "prev" in near else 1
    return ("continuation" if "prev" in near else kind), replace(article, page_urls=urls, page_number=number)


def with_framed_text(article: Article, url: str, body: bytes, headers: Mapping | None = None,
                     shell_url: str | None = None) -> Article:
    """article (a page whose frame_url is url) with the text of the document its frame shows: that document's
    densest block cleaned as a body is (its own copy of the headline dropped), images resolved against its URL. A
    shell that prints nothing of the article (classify's frame shell) takes every field from the framed document's
    reading as an article, its page bar's link to the framed page itself standing for the shell (shell_url)."""
    text, _ = _decode(body, headers)
    try:
        parsed = _parse(url, _referenced(text, body))
        if parsed is None:
            return article
        doc = Doc(parsed[0], url, parsed[1])
        if not (article.author or article.source or article.published or article.prev or article.next):
            kind, framed, _ = classify(doc, url)
            if kind in ("article", "continuation") and framed is not None:
                urls = list(framed.page_urls)
                if shell_url and urls:
                    urls[framed.page_number - 1] = shell_url
                return replace(framed, page_urls=urls, frame_url=article.frame_url)
        block = doc.best_block()
        result = extract_body(doc, with_companions(doc, block) if block is not None else None, title=article.title,
                              skip=[])
    except Exception:  # noqa: BLE001 - the shell's record stands without the text
        log.exception("reading the framed text %s failed", url)
        return article
    author, source, published = signed(result.info, article.author, article.source, article.published)
    return replace(article, paragraphs=result.paragraphs, body_html=result.html, images=result.images, author=author,
                   source=source, published=published)
