"""The parsers' entry points: bytes -> Page (what the spider needs) or Article (for `xjmsw parse`).

One decode (decode.decode_html), one lxml parse; then either a learned template layout reads the page
(template.Templates, when the caller keeps one) or one statistics pass (generic.Doc) and the generic
readers do. Never raises on bad input: empty bodies, random bytes, truncated GB bytes, broken or huge HTML
all give a Page (kind "other" when nothing is recognisable).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from lxml import etree

from .article import HIDDEN_CLASSES, Meta, _drop, absolute, extract, read_meta
from .classify import classify
from .decode import decode_html
from .generic import Doc, parse_html, prepare
from .model import Article, Link, Page
from .normalize import clean_text, simplified_labels
from .template import Layout, LayoutDropped, Templates

log = logging.getLogger(__name__)


def _empty_article() -> Article:
    return Article(title="", author=None, source=None, published=None, category=None, breadcrumb=[],
                   paragraphs=[], body_html="", images=[], prev=None, next=None)


def _decode(body: bytes | str | None, headers: Mapping | None) -> tuple[str, str]:
    if body is None:
        return "", "utf-8"
    if isinstance(body, str):
        return body, "utf-8"
    try:
        return decode_html(bytes(body), headers)
    except Exception:  # noqa: BLE001 - decoding must never take the crawl down
        return bytes(body).decode("gb18030", errors="replace"), "gb18030"


def _parse(url: str, text: str, frames: list[str] | None = None, aliases: Mapping[str, str] | None = None,
           canonical: list[str] | None = None):
    """(root, (base_url, title_text)) of a page, or None when there is no document. frames and canonical: lists
    that get the src of every <frame> and <iframe> (links to follow that prepare() strips) and the href of a
    <link rel="canonical">. aliases: see parse_page."""
    if "來" in text or "時" in text or "頁" in text:
        text = simplified_labels(text)
    root = parse_html(text)
    if root is None:
        return None
    if aliases and _links_to(text, aliases):
        _localise(root, aliases)
    if "<datastore" in text:
        _inline_datastores(root)
    if "<option" in text or "<OPTION" in text:
        _jump_menus(root)
    if "Mso" in text:
        _unwrap_word(root)
    if "none" in text:
        _mark_hidden_classes(root)
    if _has_image_label(text):
        _image_labels(root)
    if frames is not None:
        frames.extend(src for el in root.iter("frame", "iframe") if (src := el.get("src")))
    if canonical is not None and "canonical" in text:
        canonical.extend(href for el in root.iter("link")
                         if (el.get("rel") or "").strip().lower() == "canonical" and (href := el.get("href")))
    try:
        return root, prepare(root, url)
    except Exception:  # noqa: BLE001
        return None


_URL_ATTRS = {"a": ("href",), "area": ("href",), "base": ("href",), "frame": ("src",), "iframe": ("src",),
              "link": ("href",), "img": ("src", "data-original", "data-src", "file")}


#: What stands before a URL in one of those attributes (href="http:, src='//, data-original=).
_URL_ATTR_BEFORE = re.compile(r"""(?:href|src|original|file)\s*=\s*["']?\s*(?:https?:)?$""", re.I)


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
            value = (el.get(attr) or "").strip()
            start = value.find("//")
            if 0 <= start <= 6 and value[:start] in ("", "http:", "https:"):
                end = value.find("/", start + 2)
                netloc = value[start + 2: end if end >= 0 else None].lower().removesuffix(":80")
                if netloc in aliases:
                    el.set(attr, aliases[netloc] + (value[end:] if end >= 0 else "/"))


#: A 大汉 JCMS datastore's records: the HTML of one entry each, in CDATA.
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)


def _inline_datastores(root) -> None:
    """A 大汉 JCMS listing keeps its entries in <script type="text/xml"><datastore> records for a script to show
    (browsers show them; the parsers strip scripts): they take the script's place as the page's own list."""
    for script in list(root.iter("script")):
        text, parent = script.text or "", script.getparent()
        records = _RECORD.findall(text) if "<datastore" in text and parent is not None else None
        if not records:
            continue
        parsed = parse_html("<div>" + "".join(records) + "</div>")
        holder = parsed.find(".//div") if parsed is not None else None
        if holder is not None:
            holder.tail = script.tail
            parent.replace(script, holder)


#: A jump menu's page item: 2, [2], 第2页, 第 2 页.
_OPTION_PAGE = re.compile(r"^(?:第\s*)?[\[［(]?\s*(\d{1,3})\s*[\]］)]?\s*(?:页)?$")


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
        etree.strip_tags(el, *_WORD_INLINE, *{d.tag for d in el.iterdescendants() if ":" in str(d.tag)})
        if el.tag == "table":  # a Word table's cell holds its text in a <p>: the row is one paragraph all the same
            for cell in el.iter("td", "th"):
                if len(cell) == 1 and cell[0].tag == "p" and not (cell.text or "").strip():
                    etree.strip_tags(cell, "p")


#: What an image standing for 上一篇/下一篇 (or 上一页/下一页, or the home link 首页) shows: its alt text, the label a
#: reader sees.
_IMAGE_LABEL = re.compile(r"\s*(?:[上下]一(?:篇|页|条|篇文章|张|图集)?|首[页頁])\s*[:：]?\s*")


def _has_image_label(text: str) -> bool:
    """Whether an alt attribute of the page starts with 上一…/下一… or is 首页 (a search for ASCII "alt=", or "ALT=" on a
    page in upper case: ~3x faster than one for the CJK words, which sidebars print)."""
    attr = "alt=" if "alt=" in text else "ALT="
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
                "首" not in alt or parent.tag == "a" and not "".join(parent.itertext()).strip()):
            img.tail = alt.strip() + " " + (img.tail or "")
            _drop(img)


#: A <style> rule that hides a class: .hidden{display:none}.
_HIDDEN_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{[^{}]{0,200}?display\s*:\s*none", re.I)


def _mark_hidden_classes(root) -> None:
    """The classes the page's <style> rules in its <head> hide, noted on the root (article.HIDDEN_CLASSES) for the
    body cleaning to drop what they hide: prepare() strips the rules themselves."""
    head = root.find("head")
    if head is None:
        return
    names = {name for style in head.iter("style") if "none" in (css := style.text or "")
             for name in _HIDDEN_CLASS_RULE.findall(css)}
    if names:
        root.set(HIDDEN_CLASSES, " ".join(sorted(names)))


def page_links(root, base_url: str, frames: list[str] = ()) -> list[Link]:
    """Every <a href> of the page, then its frames' pages (a frameset's site is reached through them)."""
    out = []
    for a in root.iter("a"):
        href = absolute(base_url, a.get("href"))
        if href:
            out.append(Link(href, clean_text(a.text if not len(a) else "".join(a.itertext()))))
    for src in frames:
        href = absolute(base_url, src)
        if href:
            out.append(Link(href, ""))
    return out


def _read_fast(templates: Templates | None, text: str, parsed, url: str, aliases: Mapping[str, str] | None = None):
    """((kind, article) or None, the parsed page for the generic reader): the tree parsed again when a template
    reading that failed or was overruled may have left it half cleaned."""
    if templates is None:
        return None, parsed
    try:
        return templates.read(text, parsed[0], url, parsed[1]), parsed
    except LayoutDropped:  # logged by Templates
        return None, _parse(url, text, aliases=aliases)
    except Exception:  # noqa: BLE001 - the generic reader is always there to fall back on
        log.exception("template reading failed on %s", url)
        return None, _parse(url, text, aliases=aliases)


def _read_meta(parsed, url: str, rules: Mapping | None, templates: Templates | None) -> tuple[Doc, Meta, Layout | None]:
    """The generic reader's statistics and Meta, and the page's layout to learn from, taken before the body is
    cleaned."""
    root, head = parsed  # head: (base URL, <title> text)
    doc = Doc(root, url, head)
    meta = read_meta(doc, url, rules)
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
    frames: list[str] = []
    canonical: list[str] = []
    parsed = _parse(url, text, frames, aliases, canonical)
    if parsed is None:
        return Page(url=url, encoding=codec, kind="other")
    try:
        links = page_links(parsed[0], parsed[1][0], frames)
    except Exception:  # noqa: BLE001
        links = []
    canonical_href = absolute(parsed[1][0], canonical[0]) if canonical else None
    fast, parsed = _read_fast(templates, text, parsed, url, aliases)
    if fast is not None:
        kind, article = fast
        return Page(url=url, encoding=codec, kind=kind, links=links, article=article, reader="template",
                    canonical=canonical_href)
    try:
        doc, meta, layout = _read_meta(parsed, url, rules, templates)
        kind, article, listing = classify(doc, url, rules, meta)
    except Exception:  # noqa: BLE001 - one odd page must not stop a crawl; it is logged and skipped
        log.exception("extraction failed on %s", url)
        return Page(url=url, encoding=codec, kind="other", links=links)
    if layout is not None and kind == "article":
        _learn(templates, text, url, layout, article)
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
    parsed = _parse(url, text)
    if parsed is None:
        return _empty_article(), codec
    fast, parsed = _read_fast(templates, text, parsed, url)
    if fast is not None:
        return fast[1], codec
    try:
        doc, meta, layout = _read_meta(parsed, url, rules, templates)
        article, _ = extract(doc, url, rules, meta)
    except Exception:  # noqa: BLE001
        log.exception("extraction failed on %s", url)
        return _empty_article(), codec
    if layout is not None:
        _learn(templates, text, url, layout, article)
    return article, codec
