"""What the parsers return: plain dataclasses, no Scrapy, so records can be rebuilt from any saved bytes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Link:
    """A link as printed: absolute URL (not yet canonical) and its anchor text, whitespace cleaned."""

    url: str
    text: str


@dataclass(slots=True)
class FloorPost:
    """A reader's floor on a thread's page n: who posted it (the link to their profile) and its text, kept so that
    the floors the thread's starter posted there go on with the text (nothing on page n names the starter)."""

    poster: str
    paragraphs: list[str]
    body_html: str
    images: list[str]


@dataclass(slots=True)
class Article:
    """The fields one article page shows. A multi-page article is several of these, merged by merge_pages."""

    title: str
    author: str | None
    source: str | None
    published: str | None  # ISO 8601 from the page itself (normalize.parse_date), None when not printed
    category: str | None
    breadcrumb: list[str]
    paragraphs: list[str]  # cleaned body paragraphs of this page, in order
    body_html: str  # cleaned body HTML of this page, links and img src absolute
    images: list[str]  # absolute image URLs in the body, in order
    prev: Link | None  # 上一篇; None when absent or 没有了
    next: Link | None  # 下一篇
    page_number: int = 1  # which page of a multi-page article this is (1-based)
    page_urls: list[str] = field(default_factory=list)  # absolute URLs of pages 1..n in order; [] if one page
    # The same article on one page (全文阅读, 单页阅读 in the page bar): not fetched, it would give a second record
    whole_url: str | None = None
    # This page's own link in its page bar where that is another URL (第1页 -> show.asp?id=72&page=1): the same
    # page, not fetched again (it would give a second record)
    bar_self_url: str | None = None
    # The document an <iframe> in the text's place frames, when the page prints no text of its own there (a shell of
    # headline, info line and 上一篇/下一篇 around the text's frame): the spider fetches it and reads the text from it
    frame_url: str | None = None
    # A forum thread's page 1: who posted its first floor (the link to their profile); its pages 2..n: their floors
    # by anyone, merge_pages keeps the starter's
    poster: str | None = None
    floor_posts: list[FloorPost] = field(default_factory=list)


@dataclass(slots=True)
class ListingEntry:
    """One article link in a listing, with the date printed beside it (ISO, or None)."""

    url: str
    title: str
    date: str | None


@dataclass(slots=True)
class Listing:
    """A category listing page: its article links and the links to its other pages."""

    entries: list[ListingEntry]
    page_links: list[str]  # absolute URLs of other pages of this listing (numbers, 下一页, 末页)
    category: str | None


@dataclass(slots=True)
class Page:
    """Everything the spider needs to decide what to fetch next, and the article when there is one."""

    url: str
    encoding: str
    kind: str  # "article" | "continuation" (page 2..n of an article) | "listing" | "other"
    article: Article | None = None  # set for article and continuation pages
    listing: Listing | None = None  # set for listing pages, and for other pages whose links have dates beside them
    links: list[Link] = field(default_factory=list)  # every <a href> on the page (http/https), in order, then <frame>/<iframe> src
    # Set on listing/other pages that read like an article without its usual signals (prose under a headline
    # matching <title>, no 上一篇/下一篇, no info line): the spider adopts it when listings link to the page.
    candidate: Article | None = None
    reader: str = "generic"  # "template" when a learned template layout read it (parsers/template.py)
    canonical: str | None = None  # the URL of its <link rel="canonical">, absolute
