"""Turn a page's bytes into text, whatever its server or its meta tag claims.

Order: BOM (a UTF-8 one only when UTF-8 bytes follow), then strict UTF-8 (GB bytes never pass it by chance),
then the HTTP header's and the meta's charset, then gb18030 (the portal's family), then the one of those that
loses at most a character per
FEW_BROKEN_PER bytes, then chardet, and only then a lossy decode with the codec that loses the fewest
characters. Every GB label (gb2312, gbk, x-gbk, cp936, …) decodes as gb18030, the superset
that browsers use too, so GBK-only characters on a page labelled gb2312 survive.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from functools import lru_cache

import chardet
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

#: Labels that name the GB family (WHATWG's list for GBK/gb18030 plus common misspellings).
GB_LABELS = frozenset(
    {
        "chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gb2312-80",
        "gbk", "x-gbk", "iso-ir-58", "gb18030", "cp936", "ms936", "windows-936", "euc-cn", "x-euc-cn",
        "gb_2312_80", "x_gbk", "euc_cn", "hz-gb-2312",
    }
)

#: At most one U+FFFD per this many bytes: the page is in that codec, a few characters broken (truncated GB
#: pairs, a stray byte); more, and chardet is asked.
FEW_BROKEN_PER = 1000


def normalize_label(label: str | None) -> str | None:
    """The Python codec name for a charset label, GB labels as gb18030; None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in GB_LABELS or label.replace("_", "-") in GB_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "hz"):
        return "gb18030"
    return name


@lru_cache(maxsize=64)
def is_single_byte(codec: str) -> bool:
    """True for codecs such as latin-1, cp1252 or koi8-u that turn (almost) any bytes into some text, so a
    successful decode with one of them says nothing about whether the page really is in it."""
    high = bytes(range(0x80, 0x100))
    return len(high.decode(codec, errors="replace")) == len(high)


def header_value(headers: Mapping | None, name: str) -> str | None:
    """A header's value as str from a plain dict or Scrapy's Headers (bytes, lists), case-insensitively."""
    if not headers:
        return None
    value = headers.get(name)
    if value is None:
        value = next((v for k, v in headers.items() if _text(k).lower() == name.lower()), None)
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return None if value is None else _text(value)


def _text(value) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


def _strict(body: bytes, codec: str) -> str | None:
    """body in codec, or None when it is not; an incomplete character at the very end (a download cut off mid
    character) is left out, not an error."""
    try:
        return codecs.getincrementaldecoder(codec)().decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def declared_encodings(body: bytes, headers: Mapping | None = None) -> tuple[str | None, str | None]:
    """(header codec, meta codec) as Python codec names, each None when not declared or unknown."""
    content_type = header_value(headers, "Content-Type")
    header_label = http_content_type_encoding(content_type) if content_type else None
    meta_label = html_body_declared_encoding(body)
    return normalize_label(header_label), normalize_label(meta_label)


def decode_html(body: bytes, headers: Mapping | None = None) -> tuple[str, str]:
    """Decode a page: returns (text, codec). Never raises; lossy only when no codec fits the bytes."""
    text, codec, _ = decode_html_declared(body, headers)
    return text, codec


def decode_html_declared(body: bytes, headers: Mapping | None = None) -> tuple[str, str, str | None]:
    """decode_html's (text, codec) and the codec the page claims (its header's charset, else its <meta>), which
    is what Scrapy would have decoded it with: None when it claims none, or a BOM decides."""
    bom_codec, bom = read_bom(body)  # w3lib returns (codec, the BOM bytes)
    if bom_codec:
        codec = normalize_label(bom_codec) or "utf-8"
        text = _strict(body[len(bom):], codec)
        if text is not None or codec != "utf-8":
            return text if text is not None else body[len(bom):].decode(codec, errors="replace"), codec, None
        body = body[len(bom):]  # a UTF-8 BOM before GB bytes (an editor put it there): the bytes decide

    header_codec, meta_codec = declared_encodings(body, headers)
    declared = header_codec or meta_codec
    if body.isascii():
        return body.decode("ascii"), declared or "utf-8", declared

    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8", declared

    weak, multi_byte = [], []
    for codec in (header_codec, meta_codec, "gb18030"):
        if not codec or codec == "utf-8":
            continue
        if is_single_byte(codec):
            weak.append(codec)
            continue
        multi_byte.append(codec)
        text = _strict(body, codec)
        if text is not None:
            return text, codec, declared

    # A page in its declared (or the GB) codec with a few broken or truncated characters: take it as it is.
    # chardet would cost ~30 ms on a 40 KB page and, on such bytes, guesses a single-byte codec.
    lossy: dict[str, tuple[int, str]] = {}  # codec -> (U+FFFD count, text): each lossy decode done once
    if "gb18030" in multi_byte and (b"\xe2\x80" in body or b"\xe3\x80" in body) and \
            (fixed := _STRAY_UTF8.sub(_as_gb, body)) != body:
        lossy["gb18030"] = _least_lossy(fixed, ["gb18030"], {})[:2]  # (a UTF-8 editor's quotes pasted in a GB page)
    lost, text, codec = _least_lossy(body, multi_byte, lossy)
    if lost <= len(body) // FEW_BROKEN_PER:
        return text, codec, declared

    detected = normalize_label(chardet.detect(body[:65536]).get("encoding"))
    if detected and not is_single_byte(detected):
        text = _strict(body, detected)
        if text is not None:
            return text, detected, declared

    candidates = [c for c in (header_codec, meta_codec, detected) if c and not is_single_byte(c)]
    lost, text, codec = _least_lossy(body, candidates + ["gb18030", "utf-8"], lossy)
    # A few broken multi-byte characters (truncated GB pairs) beat a whole page of latin-1 mojibake.
    if weak and lost > len(body) // 200:
        return body.decode(weak[0], errors="replace"), weak[0], declared
    return text, codec, declared


#: UTF-8's curly quotes, dashes, ellipsis and CJK punctuation as stray bytes in a GB page (a paragraph pasted from a
#: UTF-8 editor): read as GB, E2 80 is 鈥 (a traditional character no simplified text prints) and the byte after it
#: pairs with the next character's, garbling the characters up to the next ASCII byte.
_STRAY_UTF8 = re.compile(rb"\xe2\x80[\x93\x94\x98\x99\x9c\x9d\xa6]|\xe3\x80[\x81\x82\x8a-\x91]")


def _as_gb(match) -> bytes:
    return match.group().decode("utf-8").encode("gb18030")


def _least_lossy(body: bytes, codecs_to_try: list[str], decoded: dict[str, tuple[int, str]]) -> tuple[int, str, str]:
    """(replacements, text, codec) for the codec that yields the fewest U+FFFD on broken or truncated bytes (the
    first such in codecs_to_try); decoded holds the decodes already made."""
    best: tuple[int, str, str] | None = None
    for codec in dict.fromkeys(codecs_to_try):
        if codec not in decoded:
            try:
                text = codecs.getincrementaldecoder(codec)(errors="replace").decode(body, final=False)
            except LookupError:
                continue
            decoded[codec] = (text.count("\ufffd"), text)
        lost, text = decoded[codec]
        if best is None or lost < best[0]:
            best = (lost, text, codec)
    assert best is not None
    return best

