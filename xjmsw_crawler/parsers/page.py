"""The parsers' entry points: bytes -> Page (what the spider needs) or Article (for `xjmsw parse`).

One decode (decode.decode_html), one lxml parse, one statistics pass (generic.Doc); every reader below
works on that tree. Never raises on bad input: empty bodies, random bytes, truncated GB bytes, broken or
huge HTML all give a Page (kind "other" when nothing is recognisable).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from .article import absolute, extract
from .classify import classify
from .decode import decode_html
from .generic import Doc, parse_html
from .model import Article, Link, Page
from .normalize import clean_text

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


def _doc(url: str, text: str) -> Doc | None:
    root = parse_html(text)
    if root is None:
        return None
    try:
        return Doc(root, url)
    except Exception:  # noqa: BLE001
        return None


def page_links(doc: Doc) -> list[Link]:
    out = []
    for a in doc.root.iter("a"):
        href = absolute(doc.base_url, a.get("href"))
        if href:
            out.append(Link(href, clean_text(a.text if not len(a) else "".join(a.itertext()))))
    return out


def parse_page(url: str, body: bytes, headers: Mapping | None = None, *, rules: Mapping | None = None,
               decoded: tuple[str, str] | None = None) -> Page:
    """What the page at url is (article / continuation / listing / other) and what it holds.

    decoded: (text, codec) when decode_html already ran on these bytes (the crawl's encoding middleware)."""
    text, codec = decoded or _decode(body, headers)
    doc = _doc(url, text)
    if doc is None:
        return Page(url=url, encoding=codec, kind="other")
    try:
        links = page_links(doc)
    except Exception:  # noqa: BLE001
        links = []
    try:
        kind, article, listing = classify(doc, url, rules)
    except Exception:  # noqa: BLE001 - one odd page must not stop a crawl; it is logged and skipped
        log.exception("extraction failed on %s", url)
        return Page(url=url, encoding=codec, kind="other", links=links)
    page = Page(url=url, encoding=codec, kind=kind, links=links, listing=listing)
    if kind in ("article", "continuation"):
        page.article = article
    else:
        page.candidate = article
    return page


def extract_article(url: str, body: bytes, headers: Mapping | None = None, *,
                    rules: Mapping | None = None) -> tuple[Article, str]:
    """The page read as an article whatever its kind, and the codec it was decoded with."""
    text, codec = _decode(body, headers)
    doc = _doc(url, text)
    if doc is None:
        return _empty_article(), codec
    try:
        article, _ = extract(doc, url, rules)
    except Exception:  # noqa: BLE001
        log.exception("extraction failed on %s", url)
        return _empty_article(), codec
    return article, codec
