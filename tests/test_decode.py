"""decode.py (bytes -> text whatever the labels claim) and normalize.py (whitespace, dates, URLs, ids)."""

from __future__ import annotations

import hashlib

import pytest

from xjmsw_crawler.parsers.decode import decode_html, declared_encodings, header_value, normalize_label
from xjmsw_crawler.parsers.normalize import (
    article_id, canonical_url, clean_text, date_from_url, parse_date, referenced_characters, url_key,
)

# 镕 (U+9555) and 喆 (U+5586) are GBK-only: not in GB2312, so a strict gb2312 decode fails on them.
GBK_ONLY = "朱镕基和王喆"
TEXT = "新疆民生网：创业创新热潮涌动。" + GBK_ONLY


def page(meta: str | None, text: str = TEXT) -> str:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><p>{text}</p></body></html>"


# -- decode_html --------------------------------------------------------------------------------------------
def test_gbk_only_chars_under_gb2312_label():
    body = page("gb2312").encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        body.decode("gb2312")
    text, codec = decode_html(body)
    assert codec == "gb18030"
    assert GBK_ONLY in text and "\ufffd" not in text


@pytest.mark.parametrize("lie", ["utf-8", "iso-8859-1", "windows-1252", "latin1"])
def test_header_lies_over_gbk(lie):
    body = page("gbk").encode("gbk")
    text, codec = decode_html(body, {"Content-Type": f"text/html; charset={lie}"})
    assert codec == "gb18030"
    assert TEXT in text


def test_header_lies_and_no_meta():
    body = page(None).encode("gbk")
    text, codec = decode_html(body, {"Content-Type": "text/html; charset=iso-8859-1"})
    assert codec == "gb18030" and TEXT in text


def test_charset_only_in_http_header():
    body = page(None).encode("gb18030")
    text, codec = decode_html(body, {b"Content-Type": [b"text/html; charset=gb2312"]})
    assert codec == "gb18030" and TEXT in text


@pytest.mark.parametrize("label", ["x-gbk", "GB2312", "gbk", "cp936", "GB_2312-80", "csGB2312", "x_gbk"])
def test_gb_labels_decode_as_gb18030(label):
    assert normalize_label(label) == "gb18030"
    text, codec = decode_html(page(label).encode("gbk"))
    assert codec == "gb18030" and TEXT in text


def test_gbk_user_defined_area_bytes():
    # A3A0 is in a GBK user-defined area: Python's gbk rejects it, gb18030 maps it to U+E5E5.
    body = page("gb2312").encode("gbk").replace(b"<p>", b"<p>\xa3\xa0")
    with pytest.raises(UnicodeDecodeError):
        body.decode("gbk")
    text, codec = decode_html(body)
    assert codec == "gb18030" and "\ue5e5" in text


@pytest.mark.parametrize(
    "bom,codec",
    [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")],
)
def test_bom_wins(bom, codec):
    enc = {"utf-8": "utf-8", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}[codec]
    body = bom + page("gb2312").encode(enc)
    text, got = decode_html(body, {"Content-Type": "text/html; charset=gbk"})
    assert got == codec
    assert TEXT in text and not text.startswith("\ufeff")


def test_utf8_page_that_claims_gb2312():
    text, codec = decode_html(page("gb2312").encode("utf-8"))
    assert codec == "utf-8" and TEXT in text


def test_truncated_gb_bytes_never_raise():
    body = page("gb2312").encode("gbk")
    cut = body[: body.index("创".encode("gbk")) + 1]  # a lead byte without its trail byte
    text, codec = decode_html(cut)
    assert codec == "gb18030"
    assert "新疆民生网" in text


def test_lead_byte_before_ascii_like_cl2000():
    # cl2000: a lead byte followed by &quot; -- even gb18030 fails strictly; decode must replace, not raise
    body = page("gb2312").encode("gbk").replace(b"<p>", b'<p>\xd6&quot;')
    text, codec = decode_html(body)
    assert codec == "gb18030" and "\ufffd" in text and TEXT in text


def test_meta_past_1024_bytes():
    filler = "<!-- " + "x" * 3000 + " -->"
    body = (f'<html><head><script charset="utf-8"></script>{filler}'
            f'<meta charset="gb2312"></head><body><p>{TEXT}</p></body></html>').encode("gbk")
    text, codec = decode_html(body)
    assert codec == "gb18030" and TEXT in text


def test_no_declaration_at_all():
    text, codec = decode_html(f"<p>{TEXT}</p>".encode("gbk"))
    assert codec == "gb18030" and TEXT in text


@pytest.mark.parametrize("body", [b"", b"   ", b"plain ascii", bytes(range(256)) * 3])
def test_odd_bodies(body):
    text, codec = decode_html(body)
    assert isinstance(text, str) and codec


def test_stray_utf8_quotes_in_a_gb_page_read_as_the_quotes():
    """A paragraph pasted from a UTF-8 editor into a GBK page keeps its “ ” — … as UTF-8 bytes: read as GB, E2 80 is
    鈥 and garbles the characters after it; they are the quotes (a GB page without them reads as before)."""
    text = "不少老人说“按时领钱，心里踏实”——" + GBK_ONLY + "……"
    body = page("gbk", "{}").encode("gbk").replace(b"{}", b"".join(
        part.encode("utf-8") if part in "“”—…" else part.encode("gbk") for part in text))
    got, codec = decode_html(body)
    assert codec == "gb18030" and text in got
    assert decode_html(page("gbk", "鈥").encode("gbk"))[0] == page("gbk", "鈥")


def test_declared_encodings_and_header_value():
    body = page("gb2312").encode("gbk")
    assert declared_encodings(body, {"content-type": "text/html; charset=UTF-8"}) == ("utf-8", "gb18030")
    assert header_value({b"Content-Type": [b"text/html"]}, "content-type") == "text/html"
    assert header_value(None, "Content-Type") is None


# -- normalize ----------------------------------------------------------------------------------------------
def test_clean_text():
    assert clean_text("\u3000\u3000新疆\u00a0 民生\n\t网 \u200b") == "新疆 民生 网"
    assert clean_text(None) == ""
    assert clean_text("  ") == ""


def test_referenced_characters():
    # decimal, hexadecimal, without the semicolon (as a browser reads it); a nbsp and a GBK-only name too
    assert referenced_characters("&#20316;&#32773;&#65306;&#x674E;&#X5a1c; &#160;&#21894") == "作者：李娜 \u00a0喆"
    # markup's characters, controls, windows-1252's range (a browser's &#150; is a dash) and non-characters stay
    kept = "&#60;p&#62; &#38;amp; &#9; &#150; &#xD800; &#1114112; &amp;#20316;"
    assert referenced_characters(kept) == kept


@pytest.mark.parametrize(
    "text,iso",
    [
        ("发布时间：2017-06-20 10:23:45", "2017-06-20T10:23:45+08:00"),
        ("2017-6-20 9:05", "2017-06-20T09:05:00+08:00"),
        ("2017年06月20日 10时30分", "2017-06-20T10:30:00+08:00"),
        ("日期：2017年6月20日", "2017-06-20"),
        ("(2017/06/20)", "2017-06-20"),
        ("2017.06.20", "2017-06-20"),
        ("时间：2017-06-20　来源：天山网", "2017-06-20"),
        ("2017-02-30", None),
        ("no date", None),
        ("", None),
        ("[06-20]", None),
        ("由 admin 发表于 周一, 09/23/2013 - 16:05", "2013-09-23T16:05:00+08:00"),  # Drupal's: the month first
        ("23/09/2013", "2013-09-23"),
        ("27.03.2012", "2012-03-27"),  # TYPO3's: the day first between dots
        ("12.05.2013 10:20", "2013-05-12T10:20:00+08:00"),
        ("05.31.2012", "2012-05-31"),  # (a second number over 12 is the day)
        ("v3.12.2013", None),  # (a version, no date)
        ("5月 12, 2013", "2013-05-12"),  # Tumblr's: the month numbered, in English order
        ("由 民生编辑 » 2011年 9月 28日 星期三, 11:00", "2011-09-28T11:00:00+08:00"),  # phpBB's: a comma after the weekday
        ("2010-05-08, 16:40", "2010-05-08T16:40:00+08:00"),  # vBulletin's
        ("今年5月12日，记者", None),
        ("发布日期：20 十一月 2014", "2014-11-20"),  # .NET's zh-CN long date: the day first, the month named
        ("12 三月 2015 09:05", "2015-03-12T09:05:00+08:00"),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "url,iso",
    [
        ("http://www.xjmsw.cn/html/2017/x_0620/89.html", "2017-06-20"),
        ("http://www.xjmsw.cn/a/msjj/2017/0620/89.html", "2017-06-20"),
        ("http://www.xjmsw.cn/news/20170620/89.html", "2017-06-20"),
        ("http://www.xjmsw.cn/c/t20170620_1.html", "2017-06-20"),
        ("http://www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=89", None),
    ],
)
def test_date_from_url(url, iso):
    assert date_from_url(url) == iso


def test_canonical_url_and_id():
    a = canonical_url("HTTP://WWW.XJMSW.CN:80/Article/ShowArticle.asp?b=2&ArticleID=89&utm_source=x#top")
    # README: the query keeps the site's order; the id uses the sorted query
    assert a == "http://www.xjmsw.cn/Article/ShowArticle.asp?b=2&ArticleID=89"
    assert url_key(a) == "/Article/ShowArticle.asp?ArticleID=89&b=2"
    # the same article from a mirror or the Wayback Machine has the same id
    assert article_id(a) == article_id("http://127.0.0.1:8000/Article/ShowArticle.asp?ArticleID=89&b=2")
    assert article_id(a) == hashlib.sha1(b"/Article/ShowArticle.asp?ArticleID=89&b=2").hexdigest()[:16]
    assert canonical_url("http://x.cn/a.html?spm=1&id=3&from=home") == "http://x.cn/a.html?id=3"
    # a UC头条 share link: its whole query the platform's (app, client, pagetype, wm_id beside uc_param_str)
    assert canonical_url("http://x.cn/a/4559?uc_param_str=frdnsnpfvecp&client=ucweb&wm_id=89f6&pagetype=share"
                         "&app=uc-iflow&btifl=100") == "http://x.cn/a/4559"
    assert "#" not in canonical_url("http://x.cn/a.html#comments")
    # a session token, whatever the site calls it, is no part of the address; a section's own sid is
    assert canonical_url("http://x.cn/show.asp?id=1037&sid=6666CD76F969") == "http://x.cn/show.asp?id=1037"
    assert canonical_url("http://x.cn/v.php?PHPSESSID=ab12&id=3") == "http://x.cn/v.php?id=3"
    assert canonical_url("http://x.cn/list.asp?sid=3&page=2") == "http://x.cn/list.asp?sid=3&page=2"


@pytest.mark.parametrize("label", ["gb2312", "windows-1252", None])
def test_a_few_broken_gb_characters_in_a_long_page(label):
    """A long GB page with a few damaged bytes (whatever it claims) is GB with a few U+FFFD, the rest intact."""
    paragraphs = [f"<p>{TEXT}第{k}段。</p>" for k in range(200)]
    meta = f'<meta charset="{label}">' if label else ""
    body = f"<html><head>{meta}</head><body>{''.join(paragraphs)}</body></html>".encode("gbk")
    for k in (50, 100, 150):  # a lead byte whose trail byte is lost, before an ASCII "<"
        at = body.index(f"第{k}段".encode("gbk"))
        body = body[:at] + b"\xd6" + body[at:]
    text, codec = decode_html(body)
    assert codec == "gb18030"
    assert text.count("\ufffd") == 3 and text.count(TEXT) == 200
