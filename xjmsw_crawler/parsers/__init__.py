"""Pure extraction: (url, body bytes, HTTP headers) -> Page / Article / record. No Scrapy import here."""

from .decode import decode_html
from .model import Article, Link, Listing, ListingEntry, Page
from .normalize import article_id, canonical_url
from .page import extract_article, parse_page, with_framed_text
from .record import build_record, merge_pages

__all__ = [
    "Article", "Link", "Listing", "ListingEntry", "Page", "article_id", "build_record", "canonical_url",
    "decode_html", "extract_article", "merge_pages", "parse_page", "with_framed_text",
]
