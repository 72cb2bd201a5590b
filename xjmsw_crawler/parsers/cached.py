"""A search engine's cached copy of a page (Google's 网页快照, 百度快照), read as the page it copies.

Such a copy is one file holding two documents: the engine's header box (这是 Google 对 <url> 的缓存。…, its own
<meta> and <base href>), then the original page whole, its DOCTYPE, <head> and <body> nested inside; and the
searched words are highlighted in every text node of the original (<b style="color:black;background-color:#ffff66">
低保</b>), headline and breadcrumb included. A researcher rebuilding a lost portal from such copies wants the
original's record: the box is none of it, and a highlight is no bold subheading.
"""

from __future__ import annotations

import re

#: The header box's own words (Google's of 2008 and of 2010-2013, Baidu's), looked for at the start of a page (its
#: first _HEAD_CHARS characters; the engine's <base href> in its first _BASE_CHARS).
_HEADER = re.compile(r"这是\s*(?:Google|百度)\s*对.{0,400}?的缓存|google-cache-hdr|百度快照|This is Google's cache of",
                     re.S | re.I)
_BASE_CHARS = 400
_HEAD_CHARS = 8_000
#: Where the original page starts after the box.
_ORIGINAL_START = re.compile(r"<!DOCTYPE|<html[\s>]", re.I)
_BASE = re.compile(r"<base\s[^>]*>", re.I)
_HEAD_OPEN = re.compile(r"<head(?:\s[^>]*)?>", re.I)
#: A highlight run: the engines' colours for the first to fifth searched word.
_HIGHLIGHT = re.compile(
    r"<(b|span|strong)\s+style=\"[^\">]*background(?:-color)?\s*:\s*#(?:ffff66|a0ffff|99ff99|ff9999|ff66ff)\b[^\">]*\">"
    r"([^<]*)</\1>", re.I)


def cached_original(text: str) -> str:
    """The original page a cached copy holds (the box's <base href>, the original's address, kept in its <head>,
    the highlight runs as their plain words); text itself when it is no cached copy."""
    # (every page is asked: a copy opens with the engine's <meta> and <base href> before any <html>, a cheap look)
    if "base" not in text[:_BASE_CHARS].lower():
        return text
    box = _HEADER.search(text, 0, _HEAD_CHARS)
    if box is None:
        return text
    start = _ORIGINAL_START.search(text, box.end())
    if start is None:
        return text
    original = _HIGHLIGHT.sub(r"\2", text[start.start():])
    base = _BASE.search(text, 0, start.start())
    if base is None:
        return original
    opening = _HEAD_OPEN.search(original)
    at = opening.end() if opening is not None else 0
    return original[:at] + base.group(0) + original[at:]
