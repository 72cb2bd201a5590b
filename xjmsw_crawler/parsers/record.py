"""From parsed pages to the published record: multi-page merging and the derived fields."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from difflib import SequenceMatcher

from .model import Article, Link
from .normalize import article_id, canonical_url, date_from_url, filled, is_cut_copy, printable

#: The record's fields in the order they are written (README "The record", schema.json).
RECORD_FIELDS = (
    "id", "url", "title", "author", "source", "published", "category", "breadcrumb", "body", "body_html",
    "images", "prev", "next", "pages", "encoding", "fetched_at", "sha256", "version", "archived_at",
    "wayback_url",
)


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def dumps_record(record: dict) -> str:
    """One JSONL line: real characters (no \\u escapes), fields in the order the record has them."""
    return _ENCODER.encode(record)


def merge_pages(pages: list[Article]) -> Article:
    """One article from its pages in order: page 1's fields, every page's body, HTML and images.

    prev/next, author and source come from the first page that shows them (some templates print 上一篇/下一篇 on
    the last page only; a closing （来源：天山网） ends the last page).
    """
    first = pages[0]
    opening = first.paragraphs[:3]  # (the text's first paragraph may follow an editor's note and a byline)
    paragraphs = list(first.paragraphs)
    htmls = [first.body_html]
    images = list(first.images)
    for page in pages[1:]:  # (each page may print the summary box again: left out)
        if page.paragraphs != first.paragraphs:  # (not the text again over its comments' page n: ITeye's ?page=2)
            # (a summary box again, cut short, also across the opening's paragraphs (iCMS's first 100 characters of
            # the text), or an editor's summary alone on a page n the text left empty (iCMS's); or the template's
            # image and its caption again: K2's item image)
            lead = page.paragraphs[0] if page.paragraphs and opening else None
            cut = lead is not None and (
                any(is_cut_copy(lead, p) for p in opening)
                or len(lead) > len(opening[0]) and is_cut_copy(lead, "".join(first.paragraphs))
                or len(page.paragraphs) == 1 and any(_restates(lead, p) for p in opening)
                or lead == opening[0] and first.images[:1] == page.images[:1] != [])
            paragraphs += page.paragraphs[1:] if cut else page.paragraphs
            htmls.append(page.body_html)
            images += page.images
        for post in page.floor_posts:  # (a thread's page n: the floors its starter posted there go on with it)
            if post.poster == first.poster:
                paragraphs += post.paragraphs
                htmls.append(post.body_html)
                images += post.images
    return replace(
        first,
        paragraphs=paragraphs,
        body_html="\n".join(html for html in htmls if html),
        images=list(dict.fromkeys(images)),
        author=next((page.author for page in pages if page.author), None),
        source=next((page.source for page in pages if page.source), None),
        prev=next((page.prev for page in pages if page.prev), None),
        next=next((page.next for page in pages if page.next), None),
        page_number=1,
    )


def _restates(summary: str, paragraph: str) -> bool:
    """Whether summary says paragraph again in fewer words, most of them its own in its order (an editor's 从今年起，…
    合并实施，统一为…制度。 over 从今年起，…正式合并实施，统一为…制度，全区约700万…标准。)."""
    if not 20 <= len(summary) < len(paragraph):
        return False
    blocks = SequenceMatcher(None, summary, paragraph, autojunk=False).get_matching_blocks()
    shared = sum(block.size for block in blocks)
    return shared >= 0.8 * len(summary)


def _link(link: Link | None) -> dict | None:
    return {"url": canonical_url(link.url), "title": link.text} if link else None


def build_record(
    article: Article,
    *,
    url: str,
    encoding: str,
    fetched_at: str,
    listing_date: str | None = None,
    pages: int = 1,
    archived_at: str | None = None,
    wayback_url: str | None = None,
    version: int = 1,
) -> dict:
    """The record of README "The record" for a (merged) article first fetched at url.

    archived_at and wayback_url: the Wayback Machine capture the article came from (null for the live site).
    """
    url = canonical_url(url)
    body = printable("\n".join(article.paragraphs))
    return {
        "id": article_id(url),
        "url": url,
        "title": printable(article.title),
        "author": filled(article.author),
        "source": filled(article.source),
        "published": article.published or date_from_url(url) or listing_date,
        "category": article.category or None,
        "breadcrumb": list(article.breadcrumb),
        "body": body,
        "body_html": printable(article.body_html),
        "images": list(article.images),
        "prev": _link(article.prev),
        "next": _link(article.next),
        "pages": max(pages, len(article.page_urls), 1),
        "encoding": encoding,
        "fetched_at": fetched_at,
        "sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(),
        # 1 for an article's first record; `xjmsw harvest` archives a changed body as version n+1, same id.
        "version": version,
        "archived_at": archived_at,
        "wayback_url": wayback_url,
    }
