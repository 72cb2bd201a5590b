"""The extraction layer: every fixture mirror page's kind and every expected record field, tricky template
details on small GB-encoded snippets, and bad input that must never raise."""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
import zlib
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import codec_fits
from xjmsw_crawler.mirror import Mirror as ServedMirror
from xjmsw_crawler.parsers import (
    build_record, canonical_url, decode_html, extract_article, merge_pages, parse_page, with_framed_text,
)
from xjmsw_crawler.parsers.listing import url_shape
from xjmsw_crawler.parsers.model import Article, Link, Page
from xjmsw_crawler.parsers.normalize import printable
from xjmsw_crawler.settings import XJMSW_BASE_URL
from xjmsw_crawler.site import Site

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
BASE = "http://127.0.0.1:8765"
#: What the spider hands the parsers for a mirror at BASE: the portal's own host stands for the mirror.
ALIASES = Site(BASE, portal=XJMSW_BASE_URL).aliases
#: expected.jsonl fields compared (README "The record" minus id/body_html/encoding/fetched_at/sha256)
FIELDS = ("url", "title", "author", "source", "published", "category", "breadcrumb", "body", "images", "prev",
          "next", "pages")


# -- fixture mirrors --------------------------------------------------------------------------------------
def mirrors() -> list[Path]:
    if not FIXTURES.is_dir():
        return []
    return sorted(d for d in FIXTURES.iterdir() if (d / "pages.json").is_file() and (d / "site").is_dir())


class Mirror:
    """A fixture mirror served from disk the way fixtures/FORMAT.md says the test server serves it."""

    def __init__(self, root: Path):
        self.root = root
        self.name = root.name
        self.pages: dict[str, str] = json.loads((root / "pages.json").read_text(encoding="utf-8"))
        hdr = root / "headers.json"
        self.headers: dict = json.loads(hdr.read_text(encoding="utf-8")) if hdr.is_file() else {}
        exp = root / "expected.jsonl"
        self.expected = [json.loads(line) for line in exp.read_text(encoding="utf-8").splitlines()
                         if line.strip()] if exp.is_file() else []
        self._parsed: dict[str, Page] = {}
        self.served = ServedMirror(root)

    def file(self, path: str) -> Path:
        """The file the mirror server answers path with (xjmsw_crawler.mirror: a folder's index.html for /a/, and
        for /a when a/ is a folder, as for WordPress's /archives/130 beside /archives/130/2)."""
        return self.served.file(path) or self.root / "site" / path.lstrip("/")

    def fetch(self, path: str, hops: int = 3) -> tuple[str, bytes, dict]:
        """(final path, body, headers), following the mirror's redirects."""
        path, headers = self.redirected(path, hops)
        return path, self.file(path).read_bytes(), headers

    def redirected(self, path: str, hops: int = 3) -> tuple[str, dict]:
        """(the path the mirror's redirects end at, its headers)."""
        over = self.headers.get(path, {})
        status = int(over.get("status", 200))
        headers = dict(over.get("headers") or {"Content-Type": "text/html"})
        if status in (301, 302, 303, 307, 308) and hops:
            loc = next((v for k, v in headers.items() if k.lower() == "location"), "/")
            parts = urlsplit(urljoin(BASE + path, loc))  # (a relative Location: ../html/2017/0620/1212.html)
            return self.redirected(parts.path + ("?" + parts.query if parts.query else ""), hops - 1)
        return path, headers

    def parse(self, path: str) -> Page:
        if path not in self._parsed:
            final, body, headers = self.fetch(path)
            self._parsed[path] = parse_page(BASE + final, body, headers, aliases=ALIASES)
        return self._parsed[path]

    def listing_dates(self) -> dict[str, str]:
        dates: dict[str, str] = {}
        for path, kind in self.pages.items():
            if kind == "listing":
                page = self.parse(path)
                for entry in page.listing.entries if page.listing else []:
                    if entry.date:
                        dates.setdefault(canonical_url(entry.url), entry.date)
                        if entry.url.startswith(BASE + "/"):  # an entry that redirects dates the page it ends at
                            final, _ = self.redirected(entry.url[len(BASE):])
                            dates.setdefault(canonical_url(BASE + final), entry.date)
        return dates

    def article_pages(self, path: str) -> list[Article]:
        """Page 1 and its continuations, following page_urls as the spider does (each page may add more)."""
        first = self.parse(path)
        article = first.article or first.candidate  # (a sparse template's, taken for one where a listing lists it)
        assert article is not None, f"{path} gave no article (kind {first.kind})"
        arts = [self.framed(article, BASE + path)]  # (a frame shell's pages are its frame's)
        seen = {canonical_url(BASE + path), *([canonical_url(article.frame_url)] if article.frame_url else [])}
        article = arts[0]
        if article.bar_self_url:  # the page under its own bar's URL (第1页 -> ?page=1): not fetched again
            seen.add(canonical_url(article.bar_self_url))
        queue = list(article.page_urls)
        while queue:
            url = queue.pop(0)
            if canonical_url(url) in seen:
                continue
            seen.add(canonical_url(url))
            parts = urlsplit(canonical_url(url))  # fetched as the spider fetches it: without a session id
            path = parts.path + ("?" + parts.query if parts.query else "")
            if self.served.file(self.redirected(path)[0]) is None:
                continue  # (a page the copy lacks, as a crawl meets it: a 404 the spider counts)
            page = self.parse(path)
            assert page.article is not None, f"continuation {url} gave no article (kind {page.kind})"
            if any(art.page_number == page.article.page_number for art in arts):
                continue  # a page again under another bar's URL for it (page 2's bar links page 1 as &page=1)
            arts.append(page.article)
            queue.extend(page.article.page_urls)
        arts.sort(key=lambda a: a.page_number)
        return [self.framed(art) for art in arts]

    def framed(self, article: Article, shell_url: str | None = None) -> Article:
        """article with the text of the document its frame shows, as the spider reads it (none when the frame's
        URL answers an error); once only."""
        if not article.frame_url:
            return article
        path = article.frame_url[len(BASE):]
        if int(self.headers.get(path, {}).get("status", 200)) >= 400:
            return article
        final, body, headers = self.fetch(path)
        return replace(with_framed_text(article, BASE + final, body, headers, shell_url), frame_url=None)


_MIRRORS: dict[str, Mirror] = {}


def mirror(name: str) -> Mirror:
    if name not in _MIRRORS:
        _MIRRORS[name] = Mirror(FIXTURES / name)
    return _MIRRORS[name]


#: Pages whose kind the parsers get wrong, and why (each an expected failure: fixed, it fails the run until removed).
KIND_MISSES = {
    ("holdout-newspaper", "/2019/02/26/gaokao-baoming-shijian/"): "a post in the trash, served 200 by the theme's 404 "
                                                                 "template over its 最新文章 cards, reads as their "
                                                                 "listing (no record either way)",
    ("holdout-newspaper", "/contact/"): "联系我们, a page of the site under its headline (its address, telephone and "
                                        "mail in sentences), reads as an article (no listing lists it: no record)",
    **{("holdout-yidian", path): "a 民生号 account's page: its card over four of its posts' cards, two dated by "
                                 "month and day alone (06-20), no page bar, reads as other (the crawl follows the same "
                                 "links either way)" for path in ("/channel/m18866", "/channel/m30412")},
    ("holdout-dvbbs", "/index.asp?boardid=3"): "a forum category's index of two boards, each row a board's intro and "
                                               "its last topic's link, reads as a listing of the two topics (the crawl "
                                               "follows the same links either way)",
    ("holdout-vbulletin", "/forumdisplay.php?f=2"): "the same, vBulletin's category of three forums",
    **{("holdout-discuzx3", path): "the same, Discuz! X's forum index of three boards beside its blocks of new and "
                                   "hot threads" for path in ("/bbs/", "/bbs/forum.php")},
    ("holdout-netcms", "/html/tpxw/index.html"): "a photo channel's one page of two thumbnails under cut titles, "
                                                 "undated and without a page bar, reads as other (the crawl follows "
                                                 "the same links either way)",
    ("holdout-cqnews", "/html/col12350.htm"): "the same, a photo channel's front page of one box of three thumbnails "
                                              "under 更多>>",
    ("holdout-hanweb", "/col/col1232/index.html"): "the same, a video column's two thumbnails over their titles",
    **{("holdout-hdwiki", f"/baike/edition-list-{n}.html"): "a wiki entry's history, a table of its dated versions, "
                                                            "reads as their listing (the crawl follows the same links "
                                                            "either way)" for n in (47, 57)},
    ("holdout-zblog", "/tags.asp"): "a blog's tag cloud beside its sidebar of recent posts reads as that list's listing "
                                    "page (nothing on the page says the list is the sidebar's; the crawl follows the "
                                    "same links either way)",
    **{("holdout-supesite", path): "a user space whose only list is its 最近动态, dated links to the articles the user "
                                   "commented on, reads as a listing of them (the crawl follows them either way)"
       for path in ("/?uid-12", "/?uid-27")},
    **{("holdout-plone", path): "a Plone site's own page (a form, a search, a site map) under its <h1>, beside a "
                                "column of portlets whose dated news entries and 便民热线 lines make the only list "
                                "and the densest block, reads as that list's listing (the crawl follows the same "
                                "links either way)"
       for path in ("/@@search", "/accessibility-info", "/contact-info", "/login_form", "/sitemap")},
    **{("holdout-msnspaces", f"/blog/cns!1A2B3C4D5E6F!archive={month}/"):
       "a Live Spaces month's archive of one post's cut summary (or of it and a deleted one's) under the portal's "
       "longer 存档 notice reads as other: the notice is the page's prose, the summary's 阅读全文 no part of it (the "
       "crawl follows the same links either way)"
       for month in ("2006-11", "2006-12", "2007-05", "2007-06", "2007-09", "2007-12", "2008-02")},
    ("holdout-douban", "/people/wangxue1983/"): "a Douban profile page's box of its author's latest notes, each "
                                                "dated, reads as their listing (the crawl follows the same links "
                                                "either way)",
    ("holdout-jekyll", "/tags/"): "a blog's tag cloud over every tag's dated posts reads as their listing (an archive "
                                  "page of all posts: the crawl follows the same links either way)",
    ("holdout-wp5", "/about/"): "an about page beside a sidebar's 近期评论 and 近期文章 boxes, one of whose titles names a "
                                "day (中考7月10日开考), reads as their listing (the crawl follows the same links either way)",
    ("holdout-subsite", "/dz/"): "a channel's index of its sub-sites under its breadcrumb: a box of each sub-site's "
                                 "newest dated links under its name (进入频道>>) reads as their listing (the crawl "
                                 "follows the same links either way)",
    ("holdout-sitecore", "/zh-CN/News.aspx"): "a news centre's page under its breadcrumb: a dated box of each "
                                              "category's newest links reads as their listing (the crawl follows the "
                                              "same links either way)",
    ("holdout-blogchina", "/blog/"): "the same, a columns' front page of each columnist's newest dated posts",
    ("holdout-mixedenc", "/html/about/"): "an about page's short text beside sidebar boxes included as UTF-8 bytes in "
                                          "the GBK page, their headings mojibake (鐑棬鏂囩珷 for 热门文章) that names no "
                                          "box, reads as their links' listing (the crawl follows the same links either "
                                          "way)",
    ("holdout-planet", "/blogs/gulimila/"): "a blog's home of its three newest dated posts, no page bar, reads as "
                                            "their listing (the crawl follows the same links either way)",
    **{("holdout-tianyablog", f"/blogger/post_list.asp?BlogID=1372846&CategoryID={page}"): "a category's page of one "
       "entry whose title is three characters (回来了: no link that short is taken for an entry, a nav bar's are) reads "
       "as other (the crawl reaches the post through 全部博文 and 上一篇/下一篇 all the same)" for page in ("", "&page=1")},
    ("holdout-otcms", "/news/list_2.html"): "a parent channel's page of one box per sub-channel, each its newest "
                                             "entries under 更多, reads as their listing (the crawl follows the same "
                                             "links either way)",
    ("holdout-otcms", "/sitemap.html"): "a site map's list of every article, undated, reads as their listing (the "
                                        "crawl follows the same links either way)",
    ("holdout-zzzcms", "/sitemap.html"): "a site map of two sections' dated lists, each under its heading's link, "
                                         "reads as a listing (the crawl follows the same links either way)",
    ("holdout-solo", "/dynamic.html"): "a page of readers' recent comments under no heading, each linking its post, "
                                       "reads as a listing of the posts (the crawl follows the same links either way)",
    **{("holdout-ifeng2019", f"/listpage/{n}/list.shtml"): "an old column page whose few entries link two URL "
                                                           "schemes beside a 热点排行 box of both: one scheme's group "
                                                           "spans the two and reads as partly undated, other (the "
                                                           "crawl follows the same links either way)"
       for n in ("11481/2", "11483/1")},
    ("holdout-gatsby", "/old/"): "the legacy site's front page of one channel's dated box under its 更多... beside a "
                                 "推荐内容 box of the same three links reads as a listing of them (the crawl follows "
                                 "the same links either way)",
    ("holdout-yicai", "/"): "a front page of undated 民生/宏观/热门 boxes without 更多 links beside a 往期回顾 box of four dated "
                            "links reads as that box's listing (the crawl follows the same links either way)",
    ("holdout-f2blog", "/blog/logsprint.php?id=14"): "a locked post's print view: its notice (该日志已加密，不能打印！) over "
                                                      "the post's address and the blog's name, more words than a "
                                                      "locked text's block alone prints, reads as an article",
    **{("holdout-kaixin", f"/home/?uid={uid}"): "a member's profile page of her five newest dated diaries reads as "
       "their listing (the crawl follows the same links either way)" for uid in (40512387, 61730045)},
    **{("holdout-uchome", f"/space.php?uid={uid}"): "a member's space home, its newest entries' titles under 日志 "
       "(查看全部), reads as their listing (the same)" for uid in (12, 27)},
    **{("holdout-aem", f"/content/xjmsw/zh/tags.html/xjmsw:{tag}"): "a tag's page, an undated list of its two or "
       "three posts' bare links beside a sidebar's 热点推荐 of five that holds most of them, reads as other (the "
       "crawl follows the same links either way)"
       for tag in ("minsheng/jiuye", "minsheng/jiuye?dd07_start=0", "minsheng/jiuye?dd07_start=3", "minsheng/shebao",
                   "renqun/biyesheng")},
    **{("holdout-fastadmin", f"/u/{uid}/comment"): "a member's page of no comments, its only links its two tabs "
       "(TA的文章, TA的评论) in a box, reads as their listing (the crawl follows the same links either way)"
       for uid in (5, 6, 7)},
    ("holdout-communityserver", "/photos/minsheng/picture1202.aspx"): "a gallery's page of one picture, its "
                                                                     "uploader's and gallery's links beside its upload "
                                                                     "time, reads as their dated listing (the same)",
    ("holdout-octobercms", "/blog/post/heating-fee-subsidy-2018"): "a blog's page for a post it no longer has (an "
                                                                   "empty headline, Posted on <today>) reads as the "
                                                                   "listing of its sidebar's 最新文章 (the same)",
    ("holdout-xinmin", "/comment/list.php?newsid=4871231"): "an article's page of readers' comments (no links) "
                                                           "reads as the listing of its sidebar's 滚动新闻 box (the "
                                                           "same)",
}


def _kind_cases():
    cases = []
    for d in mirrors():
        for path, kind in json.loads((d / "pages.json").read_text(encoding="utf-8")).items():
            why = KIND_MISSES.get((d.name, path))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            cases.append(pytest.param(d.name, path, kind, id=f"{d.name}:{path}", marks=marks))
    return cases or [pytest.param(None, None, None, marks=pytest.mark.skip(reason="no fixture mirrors yet"))]


def _record_cases():
    cases = []
    for d in mirrors():
        exp = d / "expected.jsonl"
        if not exp.is_file():
            continue
        for k, line in enumerate(exp.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                url = json.loads(line)["url"]
                cases.append(pytest.param(d.name, k, id=f"{d.name}:{url}"))
    return cases or [pytest.param(None, None, marks=pytest.mark.skip(reason="no fixture mirrors yet"))]


#: Pages of an article that hold none of its text, and why.
TEXTLESS_PAGES = {
    ("holdout-tianya", "/post-minsheng-112340-2.shtml"): "a forum thread's page of readers' replies only: one of the "
                                                         "thread's pages, none of the 楼主's",
                  ("holdout-tieba", "/p/1204598833?pn=2"): "the same, its readers' floors a few words each",
                  ("holdout-tieba", "/p/1528841976?pn=3"): "the same",
                  ("holdout-mop", "/dzh/subject/5/1053406_2.html"): "the same",
                  **{("holdout-discuzbbs", f"/bbs/thread-{page}.html"): "the same" for page in (
                      "118-2-2", "124-2-2", "131-3-2", "142-2-2", "163-2-1")},
                  **{("holdout-dvbbs", f"/dispbbs.asp?{page}"): "the same (the 【后续】 floor the starter posted on "
                                                               "3458's page 2 joins the text as the pages merge)"
                     for page in ("boardid=12&Id=3412&page=2", "boardid=12&Id=3458&page=2",
                                  "boardid=12&Id=3458&page=3", "boardid=13&Id=3449&page=2")},
                  **{("holdout-xiunobbs", f"/thread-{page}.htm"): "the same" for page in ("1146-2", "1194-2")},
                  **{("holdout-discuzx3", f"/bbs/thread-{page}-1.html"): "the same" for page in (
                      "2011-2", "2036-2", "2038-2", "2053-2")},
                  **{("holdout-phpbb", f"/viewtopic.php?{page}"): "the same (the starter's updates on page 2 of "
                                                                 "1203, 1209 and 1221 join the text as the pages merge)"
                     for page in ("f=3&t=1188&start=15", "f=3&t=1203&start=15", "f=3&t=1221&start=15",
                                  "f=3&t=1221&start=30", "f=7&t=1209&start=15")},
                  **{("holdout-vbulletin", f"/showthread.php?{page}"): "the same (the starter's floors on 1646's pages "
                                                                      "2 and 3 and 1705's page 2 join the text)"
                     for page in ("t=1402&page=2", "t=1646&page=2", "t=1646&page=3", "t=1705&page=2", "t=1742&page=2")},
                  ("holdout-yxcms", "/jyyl/10-page-3.html"): "an empty last page its pager counts (YXcms's page break "
                                                              "left at the text's end)"}


@pytest.mark.parametrize("name,path,kind", _kind_cases())
def test_fixture_page_kind(name, path, kind):
    page = mirror(name).parse(path)
    if kind == "listing" and page.kind == "other" and page.listing is not None:
        # the last page of a category with one dated entry and no page bar: nothing on the page says listing;
        # the spider takes it for one because a listing's page link led there (test_crawl checks the dates)
        assert page.listing.entries and all(entry.date for entry in page.listing.entries)
    elif kind == "article" and page.kind == "other" and page.candidate is not None:
        # a sparse template's article (a headline over prose, neither 上一篇/下一篇 nor an info line): the spider
        # takes it for one because a listing lists it (test_crawl checks the record)
        page = Page(url=page.url, encoding=page.encoding, kind=kind, article=page.candidate)
    else:
        assert page.kind == kind
    assert page.encoding
    if kind in ("article", "continuation"):
        assert page.article is not None
        assert bool(page.article.paragraphs or page.article.frame_url) != ((name, path) in TEXTLESS_PAGES)
    if kind == "listing":
        assert page.listing is not None and page.listing.entries


def _want(rec: dict) -> dict:
    want = {k: rec[k] for k in FIELDS}
    want["url"] = canonical_url(BASE + rec["url"])
    want["images"] = [BASE + i if i.startswith("/") else i for i in rec["images"]]
    for k in ("prev", "next"):
        if want[k]:
            want[k] = {"url": canonical_url(BASE + want[k]["url"]), "title": want[k]["title"]}
    return want


@pytest.mark.parametrize("name,index", _record_cases())
def test_fixture_record(name, index):
    m = mirror(name)
    rec = m.expected[index]
    arts = m.article_pages(rec["url"])
    merged = merge_pages(arts)
    page = m.parse(rec["url"])
    got = build_record(merged, url=BASE + rec["url"], encoding=page.encoding, fetched_at="2026-01-01T00:00:00Z",
                       listing_date=m.listing_dates().get(canonical_url(BASE + rec["url"])), pages=len(arts))
    want = _want(rec)
    diffs = {k: (got[k], want[k]) for k in FIELDS if got[k] != want[k]}
    assert not diffs, "\n".join(f"{k}: got {g!r}\n{' ' * len(k)}  want {w!r}" for k, (g, w) in diffs.items())
    # GB pages decode as gb18030 whatever they claim; a migrated site's UTF-8 pages as utf-8
    assert codec_fits(got["encoding"], m.file(rec["url"]).read_bytes()), got["encoding"]
    assert "<script" not in got["body_html"] and "<iframe" not in got["body_html"]
    for img in got["images"]:
        assert f'src="{img.replace("&", "&amp;")}"' in got["body_html"]  # (an attribute's & as HTML writes it)


@pytest.mark.parametrize("name,path", [
    ("holdout-weibo", "/article/m/show/id/2309404388296802661199"),  # 新疆民生网 2019-06-12 09:30 / 来源：… 作者：…
    ("holdout-drupal", "/node/67"),  # 由 admin 发表于 周一, 09/23/2013 - 16:05, the 作者:/来源: fields after the text
])
def test_page_dated_under_its_headline(name, path):
    """A date line right under the headline is the page's own date where the labelled 来源/作者 lines print none
    (the record would fall back on the listing's date)."""
    m = mirror(name)
    want = next(r for r in m.expected if r["url"] == path)["published"]
    assert m.parse(path).article.published == want


#: Class and id values a template's author does not choose, kept by class_blind(): Word's (MsoNormal, MsoTableGrid:
#: pasted text and tables) and the screen-reader-only classes of the common front-end frameworks.
_STOCK_CLASS = re.compile(rb"Mso\w*|visually-?hidden|sr-only|screen-reader-text|element-invisible", re.I)
_CLASS_ATTR = re.compile(rb'(?i)(\s(?:class|id)\s*=\s*)("[^"]*"|\'[^\']*\'|[^\s>"\']+)')
_STYLE_BLOCK = re.compile(rb"(?is)(<style[^>]*>)(.*?)(</style>)")
_SELECTOR_NAME = re.compile(rb"([.#])(-?[A-Za-z_][\w-]*)")


def class_blind(body: bytes, headers: dict) -> bytes:
    """The page with every class and id its template chose replaced by a meaningless token (the same token for the
    same name, in <style> rules too): what a template of the portal that names things differently prints."""
    def token(name: bytes) -> bytes:
        return name if _STOCK_CLASS.fullmatch(name) else b"k%06x" % (zlib.crc32(name) & 0xFFFFFF)

    def attr(m):
        value = m.group(2)
        quote = value[:1] if value[:1] in (b'"', b"'") else b""
        names = value[1:-1] if quote else value
        return m.group(1) + quote + b" ".join(map(token, names.split())) + quote

    body = _CLASS_ATTR.sub(attr, body)
    return _STYLE_BLOCK.sub(lambda m: m.group(1) + _SELECTOR_NAME.sub(
        lambda n: n.group(1) + token(n.group(2)), m.group(2)) + m.group(3), body)


#: Mirrors whose articles read differently once their class names mean nothing, and why (expected failures).
CLASS_HINTS = {
    "holdout-fastadmin": "the breadcrumb, an <ol> of 首页 and the channel's link with no separator between them, is one "
                         "by its class (breadcrumb) alone",
    "holdout-php168": "the anti-scraping lines between the paragraphs (本文来自新疆民生网 www.xjmsw.cn) are what PHP168's "
                      "avoidgather('xjmsw') script hides, found by their classes alone",
    "holdout-eastmoney": "an ad's image after the text's last paragraph (a software's banner linking an ad server) is "
                         "known by its box's class (ad_xw_zw) alone",
    "holdout-bilibili": "the category path under the headline (生活 > 日常, no home item, no label) is a path by its "
                        "class (category-path) alone",
    "holdout-peopleapp": "the headline, a plain <div> under a <title> that names only the app (人民日报) beside its "
                         "logo, is one by its class (title) alone",
    "holdout-sitecore": "the breadcrumb's last item, the item's English name (Family doctor pilot) that neither the "
                        "headline nor the <title> prints, is the page's own by its <li class=\"active\"> alone",
    "holdout-xinhua2015": "one article's headline, a plain <div> under a <title> that names a shorter headline, is "
                          "one by its class (h-title) alone; the info line (an unlabelled time, 来源：) is looked for "
                          "from it",
    "holdout-umbraco": "the breadcrumb's last item, the node's short name the <title> does not give (2016年水价调整 "
                       "under an SEO title), is the page's own by its <li class=\"active\"> alone",
    "holdout-discuzx3": "the ad's image a post's message opens with is known by its box's class (Discuz!'s a_pr) alone",
    "holdout-mambo": "the headline, a plain <td> beside print and e-mail buttons, is one by its class (contentheading) "
                     "alone: without it, the current page's entry of the 文章索引 box in the text's cell, printed alike, "
                     "is nearer the text",
    "holdout-xoops": "the headline, a link to the article's first page after its topic's link (民生热点: …), is one "
                     "by its class (itemTitle) alone; the info line is looked for from it",
    "holdout-weibo": "the headline, a plain <div> under a <title> that names only the platform (新疆民生网的头条文章 - "
                     "微博), is one by its class (title) alone, and its unlabelled account-and-time line is looked for "
                     "from it",
}


_BETWEEN_TAGS = re.compile(rb">\s+<")
_VERBATIM = re.compile(rb"(?is)<(pre|textarea|script|style)\b.*?</\1>")


def minified(body: bytes, headers: dict) -> bytes:
    """The page as an HTML minifier writes it: no whitespace between tags (but inside <pre>, <textarea>, scripts)."""
    parts, last = [], 0
    for m in _VERBATIM.finditer(body):
        parts += [_BETWEEN_TAGS.sub(b"><", body[last:m.start()]), m.group()]
        last = m.end()
    return b"".join(parts) + _BETWEEN_TAGS.sub(b"><", body[last:])


def char_refs(body: bytes, headers: dict) -> bytes:
    """The page in ASCII, every other character a numeric reference (&#20316;&#32773;： for 作者：), as a template
    that escapes its output for ISO-8859-1 writes it: what a browser shows is the same."""
    return decode_html(body, headers)[0].encode("ascii", "xmlcharrefreplace")


_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9]*)([^<>]*)>")
_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")
_ATTR_NAME = re.compile(r"(?<=\s)[A-Za-z][\w:-]*(?=\s*=)")


def upper_case(body: bytes, headers: dict) -> bytes:
    """The page with its tag and attribute names in capitals (<DIV CLASS="…">, </SPAN>), as a FrontPage-era template
    prints them: the same page to a browser."""
    text, codec = decode_html(body, headers)

    def tag(m):
        attrs = "".join(part if k % 2 else _ATTR_NAME.sub(lambda a: a.group().upper(), part)
                        for k, part in enumerate(_QUOTED.split(m.group(2))))  # names, not quoted values
        return f"<{m.group(1).upper()}{attrs}>"

    return _TAG.sub(tag, text).encode(codec, "xmlcharrefreplace")


_INLINE_CONTENT = re.compile(r"(?is)(<(td|th|div|p)\b[^>]*>)((?:(?!</?(?:\2|p|div|table|tr|td|th|ul|ol|li|dl|dd"
                             r"|h[1-6]|form|center|blockquote|pre|hr)\b).)+?)(</\2>)")


def font_styled(body: bytes, headers: dict) -> bytes:
    """The page with the inline content of each cell and block in a <font> (<td><font face="宋体">作者</font></td>), as
    FrontPage and Dreamweaver styled text: the same words and blocks, only styled."""
    text, codec = decode_html(body, headers)

    def styled(m):
        return m.group() if m.group(3).isspace() else f'{m.group(1)}<font face="宋体">{m.group(3)}</font>{m.group(4)}'

    return _INLINE_CONTENT.sub(styled, text).encode(codec, "xmlcharrefreplace")


_CLOSED_BEFORE_TAG = re.compile(r"(?i)(</(?:span|div|td|p|li|a|b|font)>)(?=<)")


def commented(body: bytes, headers: dict) -> bytes:
    """The page with a comment after each closing tag that another tag follows (</span><!-- /.date --><span>), as
    templates mark where their blocks end: comments a browser does not show."""
    text, codec = decode_html(body, headers)
    return _CLOSED_BEFORE_TAG.sub(r"\1<!-- end -->", text).encode(codec, "xmlcharrefreplace")


#: Three or more paragraphs in a row, each without blocks inside (not a Word paragraph, not a hidden one).
_PARAGRAPH_RUN = re.compile(r"(?is)(?:<p(?![^>]*(?:none|hidden|Mso))\b[^>]*>(?:(?!</?(?:p|div|table|ul|ol|dl|h\d"
                            r"|blockquote|center|form)\b).)*?</p>\s*){3,}")
_P_START = re.compile(r"(?i)<p\b[^>]*>")


def br_lines(body: bytes, headers: dict) -> bytes:
    """The page with each run of paragraphs printed as lines of text, a blank line between two (…。<br /><br />…), as
    old templates and WAP pages print an article: the same text to a reader."""
    text, codec = decode_html(body, headers)

    def lines(m):
        return _P_START.sub("", m.group()).replace("</p>", "<br /><br />").replace("</P>", "<br /><br />")

    return _PARAGRAPH_RUN.sub(lines, text).encode(codec, "xmlcharrefreplace")


#: A heading of one line (no <br> in it) and its size as a <font size> prints it: <h1> 32px as 6, <h2> 24px as 5,
#: <h3> 18px as 4.
_HEADING = re.compile(r"(?is)<h([1-3])\b([^>]*)>((?:(?!<br|</?h\d).)*?)</h\1>")


def font_headings(body: bytes, headers: dict) -> bytes:
    """The page with its headings printed as bold text in a <font> of their size (<div><font size="6"><b>…</b></font>
    </div> for an <h1>), as pages made before CSS print them: the same words, as large and as bold."""
    text, codec = decode_html(body, headers)

    def font(m):
        return f'<div{m.group(2)}><font size="{7 - int(m.group(1))}"><b>{m.group(3)}</b></font></div>'

    return _HEADING.sub(font, text).encode(codec, "xmlcharrefreplace")


#: A closed paragraph that no block, cell or list item interrupts (an unclosed <p> stays: a </div> ends it).
_CLOSED_PARAGRAPH = re.compile(r"(?is)<p(\s[^>]*)?>((?:(?!</?(?:p|div|td|th|tr|table|li)\b).)*?)</p\s*>")


def div_paragraphs(body: bytes, headers: dict) -> bytes:
    """The page with each paragraph a <div> (<div style="text-indent:2em">…</div>), as rich-text editors write them:
    the same blocks to a browser. (A Word paste keeps its <p>s: its tables are read by them.)"""
    text, codec = decode_html(body, headers)
    if "Mso" in text:
        return body
    return _CLOSED_PARAGRAPH.sub(lambda m: f"<div{m.group(1) or ''}>{m.group(2)}</div>", text).encode(
        codec, "xmlcharrefreplace")


#: An info label after a tag or a space, as templates print it (作者：, not 数据来源： in a sentence).
_INFO_LABEL_AT_START = re.compile(r"(?<=[>\s\u3000;])(作者|来源|发布时间|日期|发布日期)：")


def bracket_labels(body: bytes, headers: dict) -> bytes:
    """The page with its info labels in brackets instead of before a colon (【作者】李娜 【来源】新疆日报), as other
    templates print them."""
    text, codec = decode_html(body, headers)
    return _INFO_LABEL_AT_START.sub(r"【\1】", text).encode(codec, "xmlcharrefreplace")


#: A wide character (CJK, kana, CJK and full-width punctuation): a source may break a line between two of them.
_WIDE_CHAR = re.compile("[\u2e80-\u2fff\u3001-\u303e\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff01-\uffef]")
#: What a hard-wrapping editor leaves as it is: markup, comments and the texts whose lines are their own.
_UNWRAPPED = re.compile(r"(?is)<(pre|textarea|script|style)\b.*?</\1>|<!--.*?-->|<[^>]*>")
_WRAP_WIDTH = 30


def _wrapped(text: str) -> str:
    lines, start, at = [], 0, _WRAP_WIDTH
    while at < len(text):
        if _WIDE_CHAR.match(text, at - 1) and _WIDE_CHAR.match(text, at):
            lines.append(text[start:at])
            start, at = at, at + _WRAP_WIDTH
        else:
            at += 1
    return "\n".join([*lines, text[start:]])


def hard_wrapped(body: bytes, headers: dict) -> bytes:
    """The page with every text broken into lines of ~30 characters between two Chinese characters (用木\n质), as
    FrontPage and editors that wrap their source write it: a browser reads the words on without a space."""
    text, codec = decode_html(body, headers)
    parts, last = [], 0
    for m in _UNWRAPPED.finditer(text):
        parts += [_wrapped(text[last:m.start()]), m.group()]
        last = m.end()
    return "".join([*parts, _wrapped(text[last:])]).encode(codec, "xmlcharrefreplace")


#: Other markup for the same pages: what another template, or the same one minified, escaped, in capitals, styled
#: with <font>, commented, in <br> lines, with <font> headings, <div> paragraphs, bracketed labels or hard-wrapped
#: lines, prints.
MARKUP_VARIANTS = {"class-blind": class_blind, "minified": minified, "char-refs": char_refs, "upper-case": upper_case,
                   "font-styled": font_styled, "commented": commented, "br-lines": br_lines,
                   "font-headings": font_headings, "div-paragraphs": div_paragraphs, "bracket-labels": bracket_labels,
                   "hard-wrapped": hard_wrapped}
#: Variants whose fields read alike with their spaces: a minifier removes what a browser shows as a space, a wrapped
#: line adds none.
SPACED_VARIANTS = {"hard-wrapped"}
#: Variants a mirror reads differently, and why.
#: Why a variant that comments every closing tag breaks a page that comments out markup.
_NESTED_COMMENT = ("the template comments out a nav bar's item (<!--<li>…</li>-->): the variant's <!-- end --> inside "
                   "that comment closes it early and prints --> after the bar's links, a separator that makes the nav "
                   "bar a breadcrumb")
VARIANT_MISSES = {
    **{(name, "class-blind"): why for name, why in CLASS_HINTS.items()},
    ("holdout-quirks", "hard-wrapped"): "a paragraph's lone carriage return (an old Mac line end) between two Chinese "
                                        "characters reads as a space, but as nothing once the page holds a line feed "
                                        "there too (pages are only looked at for line feeds after a wide character)",
    **{(name, "commented"): _NESTED_COMMENT for name in ("holdout-xiunobbs", "holdout-infzm")},
    ("holdout-elementor", "class-blind"): "the Prev/Next words in its 上一篇/下一篇 links are hidden by their class alone "
                                          "(Elementor's elementor-screen-only)",
    ("holdout-iteye", "class-blind"): "a code sample's own class=\"jobAction\" (Struts XML in the text) is renamed "
                                      "by the variant itself",
    ("holdout-communityserver", "br-lines"): "a post's footer, posted on 2007年5月12日 9:40 由 minsheng, in <br> lines "
                                             "is the last line of the text's block, read as text (only a footer block "
                                             "closing the text is looked at, not its last lines)",
    ("holdout-phpmywind", "br-lines"): "in <br> lines a text's block runs on into the 新疆日报 (编辑：李娜) line under "
                                       "it and the readers' comments (0 条评论, their lines and times), which only the "
                                       "served markup's blocks keep apart",
    ("holdout-php168", "br-lines"): "page 2 opens with the rest of a sentence its automatic page break cut (月15日与全市同步"
                                    "供热。), which in <br> lines reads as the start of the line after it",
    ("holdout-zaobao", "br-lines"): "Drupal's print view (/print/10562: the headline, a byline and its 发布/ stamp, the "
                                    "text; no 上一篇/下一篇, no labelled info line) in <br> lines reads as a sparse "
                                    "page's candidate, not an article (the crawl fetches no print view no listing lists)",
    ("holdout-hugepage", "br-lines"): "a notice's opening lines and its list of 28,798 unpunctuated lines (or a table "
                                      "of figures) in one block of <br> lines score below the top bar's motto; as "
                                      "paragraphs, the opening one is a block of its own",
    ("holdout-f2blog", "font-styled"): "a trackback box's line (<img> <strong>引用地址:</strong> <span>http://…</span>) in "
                                       "a <font> around the block's lines goes from the text but not from the tree: "
                                       "its icon stays among the images",
    ("holdout-yxcms", "br-lines"): "a page that opens with the tail of a paragraph its page break cut (text, then "
                                   "a stray </p>): as <br> lines that tail runs into the next paragraph, no break "
                                   "between",
}


def _variant_cases():
    cases = [pytest.param(d.name, variant, id=f"{d.name}-{variant}", marks=pytest.mark.xfail(
        reason=VARIANT_MISSES[d.name, variant], strict=True) if (d.name, variant) in VARIANT_MISSES else ())
        for d in mirrors() for variant in MARKUP_VARIANTS]
    return cases or [pytest.param(None, None, marks=pytest.mark.skip(reason="no fixture mirrors"))]


#: The article fields a page's variant markup must read alike.
_READ_FIELDS = ("title", "author", "source", "published", "category", "breadcrumb", "paragraphs", "images", "prev",
                "next", "page_number", "page_urls")


def _read_differently(path: str, got: Article | None, want: Article | None, spaced: bool = False) -> list[str]:
    """The fields of a page's article read from variant markup that differ from its reading as served (but for the
    spaces a minifier removes, unless spaced, and the control characters a record leaves out)."""
    same = _printed if spaced else _unspaced
    return [f"{path} {field}: {getattr(got, field, None)!r}\n  as served: {getattr(want, field, None)!r}"
            for field in _READ_FIELDS if same(getattr(got, field, None)) != same(getattr(want, field, None))]


def _printed(value):
    """A field as its record prints it: without control characters (normalize.printable)."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list):
        return [_printed(v) for v in value]
    return value


def _unspaced(value):
    """A field with its whitespace left out (a minifier drops what a browser shows as a space between two tags)."""
    if isinstance(value, str):
        return "".join(value.split())
    if isinstance(value, list):
        return [_unspaced(v) for v in value]
    return (value.url, _unspaced(value.text)) if isinstance(value, Link) else value


@pytest.mark.parametrize("name,variant", _variant_cases())
def test_fixture_articles_read_alike_in_other_markup(name, variant):
    """Extraction keys on what a page prints (labels, breadcrumbs, headline structure, text density), not on the
    template's class names, its whitespace or how it escapes characters: every article page reads the same in the
    variant markup."""
    m = mirror(name)
    diffs = []
    for path, kind in m.pages.items():
        if kind not in ("article", "continuation"):
            continue
        final, body, headers = m.fetch(path)
        got = parse_page(BASE + final, MARKUP_VARIANTS[variant](body, headers), headers, aliases=ALIASES).article
        diffs += _read_differently(path, got, m.parse(path).article, spaced=variant in SPACED_VARIANTS)
    assert not diffs, "\n".join(diffs[:10])


@pytest.mark.parametrize("name,path,start", [
    # every list item's content: 250 more elements between a one-line text's headline and the footer the densest
    # block is taken from at first
    ("holdout-briefs", "/html/msxw/ts/20140331/1599.html", r"<li\b[^>]*>"),
    # the text's block: the notice's 发布时间 is still right after it
    ("holdout-liferay", "/web/guest/tzgg/-/asset_publisher/M2dR/content/id/13102", r'<div class="tz-body">'),
    # a page bar's block: its 第 3 页 共 3 页 counter is still beside it
    ("holdout-joomla3", "/index.php/minsheng/118-water-price-hearing?start=2", r'<div class="pagination">'),
    # all of a WAP page's <br>-separated lines: the page bar's line is still one of them
    ("holdout-ucms3g", "/3g/news.php?id=1526&p=2", r'<div class="main">'),
])
def test_fixture_articles_read_alike_with_more_font(name, path, start):
    """A font_styled page with the content of some more blocks in a <font> (what font_styled leaves out: list items,
    blocks that hold blocks) reads the same."""
    m = mirror(name)
    final, body, headers = m.fetch(path)
    text, codec = decode_html(font_styled(body, headers), headers)
    tag = re.match(r"<(\w+)", start).group(1)
    styled, n = re.subn(rf"({start})(.*?)(</{tag}>)", r'\1<font face="宋体">\2</font>\3', text, flags=re.S)
    assert n
    got = parse_page(BASE + final, styled.encode(codec), headers, aliases=ALIASES).article
    diffs = _read_differently(path, got, m.parse(path).article)
    assert not diffs, "\n".join(diffs)


#: The listings that read differently in one markup variant (every listing page is read in each), with why.
_NAV_CLASS = "the category a nav item's current class names (no breadcrumb), a cue only CSS shows"
_AUTHOR_ITEM = "an author page's category is its breadcrumb's 作者：… item, printed as the page prints its labels (【作者】…)"
LISTING_VARIANT_MISSES = {
    ("holdout-newspaper", "font-styled"): "an author's page names no category (as served it reads its heading's label "
                                          "and name, 作者 新疆民生网; font-styled, its first card's date), nor a "
                                          "category's page beside its sub-category tab (住房供暖 供暖)",
    **{(name, "commented"): _NESTED_COMMENT for name in ("holdout-xiunobbs", "holdout-infzm")},
    ("holdout-fastadmin", "class-blind"): "a search page's category is the item of its sort bar that a current "
                                          "class marks (默认), a cue only CSS shows",
    ("holdout-textpattern", "br-lines"): "a search page of two results, each a heading over its 180 天 前 stamp and "
                                         "its summary, in <br> lines reads as other (the crawl follows the same links "
                                         "either way)",
    **{(name, "class-blind"): _NAV_CLASS for name in ("holdout-douban", "holdout-halo", "holdout-hexo",
                                                       "holdout-mediawiki", "holdout-shareapp", "holdout-sohublog",
                                                       "holdout-xiunobbs", "holdout-ucblog", "holdout-weibo",
                                                       "holdout-guancha", "holdout-bilibili",
                                                       "holdout-kuaizhan", "holdout-tianyablog", "holdout-zzzcms",
                                                       "holdout-infzm", "holdout-uchome", "holdout-oschina",
                                                       "holdout-wuzhicms")},
    **{(name, "bracket-labels"): _AUTHOR_ITEM for name in ("holdout-emlog", "holdout-zblog", "holdout-zblogphp")},
    ("holdout-blogger", "bracket-labels"): "a month's archive of one short post cut at its 阅读全文» (163 characters): "
                                           "its text and the sidebar's 热门博文 snippets score alike, and without the "
                                           "colons of its 作者：/来源： line the snippets outscore it (the page then "
                                           "reads as other, its one dated entry the crawl's all the same)",
    ("holdout-solo", "font-headings"): "a post's headline link beside its 置顶！/有更新！ badge in a <font> heading: "
                                       "the heading's block, not the post's, is taken for the entry's item, and the "
                                       "date line under it is outside (a month's archive of that one post then "
                                       "reads as other)",
}


def _listing_variant_cases():
    cases = [pytest.param(d.name, variant, id=f"{d.name}-{variant}", marks=pytest.mark.xfail(
        reason=LISTING_VARIANT_MISSES[d.name, variant], strict=True) if (d.name, variant) in LISTING_VARIANT_MISSES
        else ()) for d in mirrors() for variant in MARKUP_VARIANTS]
    return cases or [pytest.param(None, None, marks=pytest.mark.skip(reason="no fixture mirrors"))]


@pytest.mark.parametrize("name,variant", _listing_variant_cases())
def test_fixture_listings_read_alike_in_other_markup(name, variant):
    """Every listing page of a mirror in variant markup: the same kind, entries (their titles but for the spaces a
    minifier removes, in SPACED_VARIANTS with them), dates, page links and category."""
    m = mirror(name)
    diffs = []
    for path in m.pages:
        want = m.parse(path)
        if want.kind != "listing" or (name, path) in KIND_MISSES:  # (a page read as a listing by a known miss)
            continue
        final, body, headers = m.fetch(path)
        got = parse_page(BASE + final, MARKUP_VARIANTS[variant](body, headers), headers, aliases=ALIASES)
        if got.kind != "listing":
            diffs.append(f"{path}: read as {got.kind}")
            continue
        for field in ("entries", "page_links", "category"):
            g, w = getattr(got.listing, field), getattr(want.listing, field)
            if field == "entries":
                same = _printed if variant in SPACED_VARIANTS else _unspaced
                g, w = ([(e.url, same(e.title), e.date) for e in x] for x in (g, w))
            if g != w:
                diffs.append(f"{path} {field}: {g!r}\n  as served: {w!r}")
    assert not diffs, "\n".join(diffs[:10])


@pytest.mark.parametrize("name", [d.name for d in mirrors()] or [pytest.param(None, marks=pytest.mark.skip)])
def test_fixture_listings_link_only_content(name):
    """A listing's entries are article pages of the mirror (or a page that is gone, served as "other": it gives no
    article), its page links are listing pages (or missing ones)."""
    m = mirror(name)
    kinds = {canonical_url(BASE + p): k for p, k in m.pages.items()}
    for path, kind in m.pages.items():
        if kind != "listing" or (name, path) in KIND_MISSES:
            continue
        listing = m.parse(path).listing
        for entry in listing.entries:
            target = kinds.get(canonical_url(entry.url))
            if target == "other":  # a soft 404 ("页面不存在" with status 200) where an article was
                assert m.parse(entry.url[len(BASE):]).article is None, (path, entry)
            else:
                assert target in ("article", None), (path, entry)
            assert len(entry.title) >= 4
        for link in listing.page_links:
            # a listing page, or one the bar numbers but the site does not have (1..40 printed, 2 pages: 404s)
            target = kinds.get(canonical_url(link))
            assert target == "listing" or target is None and m.served.file(link[len(BASE):]) is None, (path, link)


# -- snippets ---------------------------------------------------------------------------------------------
PROSE = ("如今在天山南北,大众创业、万众创新的热潮正不断翻涌。大批的创业者怀揣着激情和梦想,在这片充满无限可能的土地上"
         "开创着自己的未来。")
PROSE2 = "创业创新,让无数年轻的梦想成为现实,而在另一方面,种类繁多,思想前卫的创业创新项目也为我区培育了诸多新兴产业。"
NAV = ('<div class="nav"><a href="/">首页</a> | <a href="/a/msjj/">民生经济</a> | <a href="/a/shms/">社会民生</a> | '
       '<a href="/about.html">关于本站</a></div>')
FOOT = ('<div class="foot"><a href="/">网站首页</a> - <a href="/about.html">关于本站</a> - <a href="/about.html#c">'
        '联系我们</a><br>Copyright (C) 2014-2017 www.xjmsw.cn All Rights Reserved 版权所有:新疆民生网</div>')


def gb(html: str, codec: str = "gbk") -> bytes:
    return html.encode(codec)


def test_cover_above_the_headline_lazy_image_and_tip_box():
    """A cover image above the headline in the text's block is none of the images; an image that waits for a script
    (Zhihu's data-actualsrc under a data:image/svg+xml placeholder) is its real address; a tip box's 还没有人赞赏 line
    is no body."""
    art = article_of(gb(f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>新疆创业创新热潮涌动-新疆民生网</title></head><body>{NAV}<div class="post">
<img src="/pic/cover_1200x500.jpg" alt="新疆创业创新热潮涌动"><h1>新疆创业创新热潮涌动</h1><div class="info">作者:新疆民生网</div>
<p>{PROSE}</p><figure><img src="data:image/svg+xml;utf8,&lt;svg&gt;&lt;/svg&gt;" data-actualsrc="/pic/1_b.jpg"></figure>
<p>{PROSE2}</p><p>还没有人赞赏，快来当第一个赞赏的人吧！</p></div>{FOOT}</body></html>"""))
    assert art.images == ["http://www.xjmsw.cn/pic/1_b.jpg"]
    assert len(art.paragraphs) == 2 and art.paragraphs[1].startswith("创业创新") and "赞赏" not in art.body_html


def art_page(body: str, *, title="新疆创业创新热潮涌动", crumb=None, info="作者:新疆民生网", extra="",
             head_title=None) -> bytes:
    crumb = crumb if crumb is not None else (
        f'<div class="place"><a href="/">首页</a> &gt;&gt; <a href="/a/msjj/">民生经济</a> &gt;&gt; {title}</div>')
    head_title = head_title or f"{title}-民生经济-新疆民生网"
    return gb(f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{head_title}</title></head><body>{NAV}<div class="main">{crumb}
<h2>{title}</h2><div class="info">{info}</div><div class="content">{body}</div>{extra}</div>{FOOT}</body></html>""")


def article_of(body: bytes, url="http://www.xjmsw.cn/a/msjj/2017/0620/89.html", headers=None) -> Article:
    art, codec = extract_article(url, body, headers)
    assert codec == "gb18030"
    return art


@pytest.mark.parametrize(
    "crumb,items",
    [
        ('<div>当前位置：<a href="/">首页</a> &gt; <a href="/a/msjj/">民生经济</a> &gt; 正文</div>', ["首页", "民生经济"]),
        ('<div>您现在的位置: <a href="/">首页</a> &gt;&gt; <a href="/a/msjj/">民生经济</a> &gt;&gt; '
         "新疆创业创新热潮涌动</div>", ["首页", "民生经济"]),
        ('<p><a href="/">首页</a> &raquo; <a href="/a/msjj/">民生经济</a> &raquo; <a href="/a/msjj/cy/">创业</a></p>',
         ["首页", "民生经济", "创业"]),
        ('<td><a href="/">首页</a>→<a href="/a/msjj/">民生经济</a>→新疆创业创新...</td>', ["首页", "民生经济"]),
        ('<div class="crumb"><a href="/">首页</a> / <a href="/a/msjj/">民生经济</a> / 新疆创业创新热潮涌动</div>',
         ["首页", "民生经济"]),
        # a separator printed inside the home link (ZZZCMS's <a href='/'>首页></a>)
        ("<div>当前位置：<a href='/'>首页></a><a href='/a/msjj/'>民生经济</a>></div>", ["首页", "民生经济"]),
        # a special topic's bracketed tag before its item (动力文章系统's <font color=blue>[专题]</font>)
        ("<td>您现在的位置：&nbsp;<a href='/'>新疆民生网</a>&nbsp;&gt;&gt;&nbsp;<a href='/a/msjj/'>民生经济</a>&nbsp;&gt;&gt;"
         "&nbsp;<font color=blue>[专题]</font><a href='/Special.asp?SpecialID=1'>冬季供暖专题</a>&nbsp;&gt;&gt;&nbsp;正文"
         "</td>", ["新疆民生网", "民生经济", "冬季供暖专题"]),
        ('<div><strong>当前位置:</strong> <a href="/">主页</a> - <a href="/a/msjj/">民生经济</a> - 正文</div>',
         ["主页", "民生经济"]),
        ("<div>当前位置：首页 &gt;&gt; 民生经济 &gt;&gt; 新疆创业创新热潮涌动</div>", ["首页", "民生经济"]),
        ('<span class="wz">您现在的位置：<a href="/">网站首页</a>&gt;<a href="/a/msjj/">民生经济</a>&gt;</span>',
         ["网站首页", "民生经济"]),
        # separators drawn by images or icon fonts, with nothing naming the element a breadcrumb
        ('<table><tr><td><img src="/images/home.gif"></td><td><a href="/">网站首页</a></td><td><img src="/i/ar.gif">'
         '</td><td><a href="/a/msjj/">民生经济</a></td><td><img src="/i/ar.gif"></td><td>正文</td></tr></table>',
         ["网站首页", "民生经济"]),
        ('<nav><a href="/"><i class="k1"></i>首页</a><i class="k2"></i><a href="/a/msjj/">民生经济</a><i class="k2">'
         '</i>正文</nav>', ["首页", "民生经济"]),
        ('<ol><li><a href="/">首页</a></li><li><a href="/a/msjj/">民生经济</a></li><li>新疆创业创新热潮涌动 各地孵化基地'
         '吸引大批青年创业者</li></ol>', ["首页", "民生经济"]),
        # no front page, a block named a path (澎湃's news_path)
        ('<div class="news_path"><a href="/channel_2">民生</a> &gt; <a href="/list_25">民生经济</a></div>',
         ["民生", "民生经济"]),
        # ... or links alone right above the headline, named nothing (澎湃's, its class stripped)
        ('<div><a href="/channel_2">民生</a> &gt; <a href="/list_25">民生经济</a></div>', ["民生", "民生经济"]),
        # a home item named only by its aria-label, a list named a breadcrumb ending in the linked headline (Xiuno's)
        ('<ol class="breadcrumb"><li><a href="/" aria-label="首页"><i class="icon-home"></i></a></li><li>'
         '<a href="/a/msjj/">民生经济</a></li><li class="active"><a href="/a/msjj/2017/0620/89.html">新疆创业创新热潮涌动'
         ' 各地孵化基地吸引大批青年创业者</a></li></ol>', ["首页", "民生经济"]),
        # phpBB's ‹ between levels
        ('<ul class="linklist navlinks"><li class="icon-home"><a href="/">首页</a> <strong>&#8249;</strong> '
         '<a href="/a/msjj/">民生经济</a></li></ul>', ["首页", "民生经济"]),
    ],
    ids=["label-gt-zhengwen", "label-gtgt-headline", "raquo", "arrow-truncated", "slash", "sep-in-link", "topic-tag",
         "dash-zhuye",
         "plain-text", "trailing-sep", "image-cells-home-icon", "icon-font-tail-text", "list-headline-last",
         "named-path-no-home", "links-over-headline-no-home", "aria-home-linked-headline", "phpbb-lsaquo"],
)
def test_breadcrumb_variants(crumb, items):
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=crumb))
    assert art.breadcrumb == items
    assert art.category == items[-1]
    assert art.title == "新疆创业创新热潮涌动"


def test_a_plain_headline_over_the_info_line_when_the_title_tag_names_only_the_site():
    """A <title> of the site and the page's kind, and a headline with no heading tag, style or telling class: the
    plain line right above the labelled info line, not the site's name and not a subheading of the text."""
    page = gb(f"""<html><head><meta charset="gbk"><title>新疆民生网--民生信息--新闻详细</title></head><body>{NAV}
<table><tr><td class="k9">乌鲁木齐市今冬供热准备工作基本就绪</td></tr>
<tr><td>作者：李娜　来源：乌鲁木齐晚报　发布时间：2010-9-15</td></tr>
<tr><td><p>{PROSE}</p><p><b>老旧小区管网改造完工</b></p><p>{PROSE2}</p></td></tr></table>{FOOT}</body></html>""")
    art = article_of(page)
    assert (art.title, art.author, art.published) == ("乌鲁木齐市今冬供热准备工作基本就绪", "李娜", "2010-09-15")
    assert art.paragraphs[0].startswith("如今在天山南北") and "老旧小区管网改造完工" in art.paragraphs


@pytest.mark.parametrize("line,published", [
    ("2018-04-24 10:00", "2018-04-24T10:00:00+08:00"),
    ("2018-04-24 10:00 开始", None),  # a 问吧's: when readers' questions open
    ("投票 2016-05-01 截止", None),
    ("注册时间：2008-03-11", None),  # a member's
])
def test_a_date_that_opens_or_closes_something_is_not_the_page_date(line, published):
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=line))
    assert art.published == published


def test_a_navigation_box_heading_is_no_headline():
    """A <title> naming only the site and the page's kind, a left column's 栏目导航 heading named a title before the
    headline: the headline is the styled line over the info line; a related box's 没有相关文章 no text."""
    page = gb(f"""<html><head><meta charset="gbk"><title>新疆民生网--新闻内容</title></head><body>{NAV}
<table><tr><td width="180"><table><tr><td class="left_title">&nbsp;栏目导航</td></tr>
<tr><td><a href="/list.asp?id=1">民生经济</a></td></tr><tr><td><a href="/list.asp?id=2">就业社保</a></td></tr></table></td>
<td><table><tr><td><font style="font-size: 16px; color: #cc0000"><b>自治区启动城镇零就业家庭援助行动</b></font></td></tr>
<tr><td>作者：李娜　来源：新疆经济报　发布时间：2006-11-20</td></tr>
<tr><td><p>{PROSE}</p><p>{PROSE2}</p></td></tr><tr><td>相关文章</td></tr><tr><td>没有相关文章</td></tr></table></td></tr>
</table>{FOOT}</body></html>""")
    art = article_of(page)
    assert (art.title, art.published) == ("自治区启动城镇零就业家庭援助行动", "2006-11-20")
    assert art.paragraphs == [PROSE, PROSE2]


def test_nav_and_footer_are_no_breadcrumb():
    art = article_of(art_page(f"<p>{PROSE}</p>", crumb=""))
    assert art.breadcrumb == [] and art.category is None


def test_no_breadcrumb_in_a_pager_or_a_book_title():
    """A pager's « 第一页 ‹ 上一页 1 2 and a quote's source, — <a>X</a>《Y》, split at ‹ or 》 are no trail."""
    for line in ('<ul class="pager"><li><a href="?page=0">&laquo; 第一页</a></li>'
                 '<li><a href="?page=1">&lsaquo; 上一页</a></li><li><a href="?page=0">1</a></li>'
                 '<li><a href="?page=1">2</a></li></ul>',
                 '<p class="source">&mdash; <a href="http://www.wlmqyb.gov.cn/">乌鲁木齐市医疗保险管理局</a>《致灵活就业参保人员的'
                 '一封信》</p>'):
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=line))
        assert art.breadcrumb == [] and art.category is None


def test_links_joined_by_arrows_away_from_the_headline_are_no_trail():
    """Short links between strong separators with no front page and no name are a trail only right above the
    headline: not with a block between them (a nav's 民生 > 就业), nor beside other text, nor after a weak separator."""
    for line in ('<div><a href="/channel_2">民生</a> &gt; <a href="/list_25">民生经济</a></div><div>今日推荐</div>',
                 '<div>热门：<a href="/channel_2">民生</a> &gt; <a href="/list_25">民生经济</a></div>',
                 '<div><a href="/channel_2">民生</a> | <a href="/list_25">民生经济</a></div>'):
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=line))
        assert art.breadcrumb == [] and art.category is None, line


def test_a_masthead_naming_the_channel_beside_the_logo_is_the_trail():
    """新京报's <a href="/"><img alt="新疆民生网"></a><h3><a href="/a/msjj/">民生经济</a></h3>: the site and the channel
    the page is filed under, its only trail; not where the channel holds no page of it, nor beside other text."""
    logo = '<a href="/"><img src="/i/logo.png" alt="新疆民生网"></a>'
    for masthead, items in ((f'<div id="logo">{logo}<h3><a href="/a/msjj/">民生经济</a></h3></div>',
                             ["新疆民生网", "民生经济"]),
                            (f'<div id="logo">{logo}<h3><a href="/a/jy/">教育</a></h3></div>', []),
                            (f'<div id="logo">{logo}<h3><a href="/a/msjj/">民生经济</a></h3>热线：12345</div>', [])):
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=masthead))
        assert art.breadcrumb == items and art.category == (items[-1] if items else None)


def test_closing_credits_without_colons_are_no_text():
    """编辑 刘畅 校对 吴兴发 closing the text is the edition's credits; a reporter's byline running into them is text."""
    byline = "乌鲁木齐晚报全媒体记者 郭玲 编辑 刘畅 校对 吴兴发"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><p>{byline}</p><p>编辑 刘畅 校对 吴兴发</p>"))
    assert art.paragraphs[-1] == byline


def test_a_sentence_that_asks_readers_to_contact_us_is_text():
    """…可以联系我们，志愿者可以陪同办理。 is a sentence of the text, no footer's 联系我们 link."""
    line = "整个流程一般需要两到三个月。如果家里有行动不便的老人，可以联系我们，志愿者可以陪同办理。"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><p>{line}</p>"))
    assert art.paragraphs[-1] == line


@pytest.mark.parametrize(
    "info,author,source,published",
    [
        ("作者:新疆民生网", "新疆民生网", None, None),
        ("作者：张瑞麟　来源：亚心网　发布时间：2017-06-20 10:23:45", "张瑞麟", "亚心网", "2017-06-20T10:23:45+08:00"),
        ("作者:李明 来源:新疆日报 时间:2017-6-20", "李明", "新疆日报", "2017-06-20"),
        ("来源：天山网 | 作者： | 日期：2017年06月20日", None, "天山网", "2017-06-20"),
        ("作者：&nbsp;&nbsp;来源：乌鲁木齐晚报&nbsp;&nbsp;点击：358", None, "乌鲁木齐晚报", None),
        ("发布时间：2017-06-20 09:30&nbsp;&nbsp;&nbsp;来源：<a href='http://www.ts.cn/'>天山网</a>&nbsp;&nbsp;作者：马丽",
         "马丽", "天山网", "2017-06-20T09:30:00+08:00"),
        ("<span>作者：王芳</span><span>来源：巴州日报</span><span>日期：2017-06-16</span>", "王芳", "巴州日报",
         "2017-06-16"),
        ("2017-06-20 10:00　来源：新疆日报", None, "新疆日报", "2017-06-20T10:00:00+08:00"),
        ("【作者：阿依古丽·买买提】【来源：和田日报】", "阿依古丽·买买提", "和田日报", None),
        ("作者：佚名&nbsp;&nbsp;&nbsp;&nbsp;文章来源：本站原创&nbsp;&nbsp;&nbsp;&nbsp;点击数：<script>document.write(1)"
         "</script>&nbsp;&nbsp;&nbsp;&nbsp;更新时间：2017-6-20&nbsp;&nbsp;【字体：<a href='#'>小</a> <a href='#'>大</a>】",
         "佚名", "本站原创", "2017-06-20"),
        ("发布时间:2017-06-20 10:23:45 作者:李明 来源: 浏览次数:1024", "李明", None, "2017-06-20T10:23:45+08:00"),
        ("<div><span>作者：<a href='/s/about'>民生观察编辑部</a></span><span>关注新疆百姓身边事</span></div>"
         "<div><span>发表于 2023-02-14</span> <span>更新于 2023-02-20</span> <span>分类于 <a href='/c/1'>社区走笔</a></span>"
         " <span>阅读次数: 1,097</span> <span>本文字数: 313</span></div>", "民生观察编辑部", None, "2023-02-14"),
        # two-character labels spread to the width of 发布时间 (a counter's label too, or it runs into the value)
        ("作　者：李明 点　击：<script>document.write(12)</script> 来&nbsp;&nbsp;源：乌鲁木齐晚报 浏 览：358",
         "李明", "乌鲁木齐晚报", None),
        # a counter after a spaced middle dot (Tumblr's 作者：xjmszyz · 14 热度; a name's own · has no spaces)
        ("<span>作者：<a href='/u/1'>xjmszyz</a></span> · <span>14 热度</span> · 5月 12, 2013", "xjmszyz", None,
         "2013-05-12"),
    ],
    ids=["author-only", "ideographic-space", "ascii-colon", "pipe-empty-author", "nbsp-click", "link-source",
         "spans", "date-no-label", "brackets", "powereasy", "empty-source", "span-motto-fabiaoyu",
         "spread-labels", "middle-dot-counter"],
)
def test_info_line(info, author, source, published):
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=info))
    assert (art.author, art.source, art.published) == (author, source, published)
    assert all("作者" not in p and "来源" not in p for p in art.paragraphs)


@pytest.mark.parametrize(
    "extra,prev,next_",
    [
        ('<ul><li>上一篇:<a href="/a/msjj/2017/0619/88.html">新疆特色优势产业发展风生水起</a></li>'
         '<li>下一篇:<a href="89.html?x=1">吉木乃县“聚力压责”护航集体经济项目运行</a></li></ul>',
         ("http://www.xjmsw.cn/a/msjj/2017/0619/88.html", "新疆特色优势产业发展风生水起"),
         ("http://www.xjmsw.cn/a/msjj/2017/0620/89.html?x=1", "吉木乃县“聚力压责”护航集体经济项目运行")),
        ('<div>上一篇：没有了</div><div>下一篇：<a href="/a/2.html">乌鲁木齐出租车运价调整听证会召开</a></div>',
         None, ("http://www.xjmsw.cn/a/2.html", "乌鲁木齐出租车运价调整听证会召开")),
        ('<p><a href="/a/1.html">上一条：昌吉州春播农作物长势良好</a> <a href="#">下一条：没有了</a></p>',
         ("http://www.xjmsw.cn/a/1.html", "昌吉州春播农作物长势良好"), None),
        ('<table><tr><td>上篇：</td><td><a href="/a/1.html">哈密瓜提前上市</a></td></tr>'
         '<tr><td>下篇：</td><td>没有了</td></tr></table>',
         ("http://www.xjmsw.cn/a/1.html", "哈密瓜提前上市"), None),
        ('<div class="art-nav"><a class="btn" href="/a/1.html">上一篇</a><span class="btn disabled">下一篇</span></div>',
         ("http://www.xjmsw.cn/a/1.html", ""), None),
        ('<div class="post-nav"><a href="/a/1.html"><span><i class="fa"></i> 上一篇</span><span>哈密瓜提前上市</span></a>'
         '<a href="/a/2.html"><span>乌鲁木齐出租车运价调整听证会召开</span><span>下一篇</span></a></div>',
         ("http://www.xjmsw.cn/a/1.html", "哈密瓜提前上市"),
         ("http://www.xjmsw.cn/a/2.html", "乌鲁木齐出租车运价调整听证会召开")),
        # a chain's end: the label alone in its item, the next label's link in the item after it (方正's)
        ('<div><ul><li>上一篇：</li><li>下一篇：<a href="/a/2.html">乌鲁木齐出租车运价调整听证会召开</a></li></ul></div>',
         None, ("http://www.xjmsw.cn/a/2.html", "乌鲁木齐出租车运价调整听证会召开")),
        ("", None, None),
    ],
    ids=["li-links", "meiyoule-prev", "label-in-link", "table-cells", "buttons-without-titles", "label-span-in-link",
         "empty-label-item", "none"],
)
def test_prev_next(extra, prev, next_):
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=extra))
    assert (art.prev.url, art.prev.text) == prev if prev else art.prev is None
    assert (art.next.url, art.next.text) == next_ if next_ else art.next is None
    assert not any(w in p for p in art.paragraphs for w in ("上一篇", "下一篇", "上一条", "上篇", "没有了"))


def test_br_separated_paragraphs_and_byline():
    body = (f"□亚心网记者张瑞麟<br><br>\u3000\u3000{PROSE}<br>\n<br>\u3000\u3000{PROSE2}<br>"
            "<strong>大赛挖掘各地“豪杰”</strong><br>&nbsp;&nbsp;海选、初赛、复赛、决赛。")
    art = article_of(art_page(body))
    assert art.paragraphs == ["□亚心网记者张瑞麟", PROSE, PROSE2, "大赛挖掘各地“豪杰”", "海选、初赛、复赛、决赛。"]


def test_table_rows_are_paragraphs():
    body = (f"<p>{PROSE}</p><table><tr><th>地区</th><th>数量</th></tr><tr><td>乌鲁木齐</td><td>\u3000120 家</td></tr>"
            f"<tr><td>昌吉</td><td>80家</td></tr></table><p>{PROSE2}</p>")
    art = article_of(art_page(body))
    assert art.paragraphs == [PROSE, "地区 数量", "乌鲁木齐 120 家", "昌吉 80家", PROSE2]


def test_boilerplate_inside_the_body_is_dropped():
    body = (f"<div class='summary'>摘要：这是一段导读文字，不算正文。</div><p>{PROSE}</p>"
            f"<div class='ad'><a href='http://ad.example.com/'><img src='/ad/1.gif'></a>广告位招租</div>"
            f"<iframe src='/ad.htm'></iframe><script>document.write('x')</script><!-- comment 注释 -->"
            f"<p><img src='../../uploads/1.jpg'> {PROSE2}</p><p>（责任编辑：马丽）</p>"
            "<div>分享到：<a href='#'>新浪微博</a> <a href='#'>微信</a></div>"
            "<div>【<a href='javascript:window.print()'>打印本页</a>】【<a href='javascript:window.close()'>关闭窗口</a>】</div>"
            "<div><h3>相关文章</h3><ul><li><a href='/a/1.html'>新疆特色优势产业发展风生水起</a></li>"
            "<li><a href='/a/2.html'>昌吉州春播农作物长势良好</a></li></ul></div>"
            "<div>关键词 &gt;&gt; <a href='/s?k=1'>就业见习</a><a href='/s?k=2'>高校毕业生</a></div>"
            "<div>本页信息对您是否有帮助？<a href='#'>有帮助</a><a href='#'>没帮助</a></div>"
            "<p><span>文件大小：36.50 KB</span>&nbsp;&nbsp;<span>下载次数：1208</span></p>")
    art = article_of(art_page(body))
    assert art.paragraphs == [PROSE, PROSE2]
    assert art.images == ["http://www.xjmsw.cn/a/msjj/uploads/1.jpg"]
    for junk in ("<script", "<iframe", "<!--", "广告", "责任编辑", "分享到", "打印", "相关文章", "摘要", "关键词", "帮助",
                 "下载次数"):
        assert junk not in art.body_html
    assert 'src="http://www.xjmsw.cn/a/msjj/uploads/1.jpg"' in art.body_html


def test_body_html_is_the_texts_block_inside_a_layout_table_with_a_rule_row():
    """A layout table of headline, info and rule rows around the text's cell, chosen for the info line's label colons
    over a short text: body_html is the text's block (a 960x1 line.gif is no content), as a layout learned on such a
    page reads it on the template's longer pages."""
    page = gb(f"""<html><head><title>社会保障卡申领指南_新疆民生网</title></head><body>{NAV}<table class="detail">
<tr><td class="title">社会保障卡申领指南</td></tr>
<tr><td class="info">发布时间：2014-03-28 16:05&nbsp;&nbsp;来源：乌鲁木齐市人社局&nbsp;&nbsp;浏览次数：</td></tr>
<tr><td><img src="/images/line.gif" width="960" height="1"></td></tr>
<tr><td class="content"><div class="TRS_Editor"><p>社会保障卡具有身份凭证、就医结算等功能。</p><p>一、申领对象</p>
<p>参保职工均可申领。</p></div></td></tr></table>{FOOT}</body></html>""")
    art = article_of(page)
    assert art.paragraphs == ["社会保障卡具有身份凭证、就医结算等功能。", "一、申领对象", "参保职工均可申领。"]
    assert art.body_html.startswith('<div class="TRS_Editor">'), art.body_html[:80]


def test_event_handlers_are_dropped_from_body_html():
    body = (f"<p onclick=\"go('x')\">{PROSE}</p><p><img src='/u/1.jpg' onload='track()' ONMOUSEOVER='z()'> "
            f"{PROSE2}</p><p>One word on a page: on=1.</p>")
    art = article_of(art_page(body))
    assert art.paragraphs[:2] == [PROSE, PROSE2]
    assert "onclick" not in art.body_html and "onload" not in art.body_html
    assert "onmouseover" not in art.body_html.lower() and "track()" not in art.body_html
    assert "One word on a page: on=1." in art.body_html  # text that reads like an attribute stays


@pytest.mark.parametrize(
    "bar,url,current,pages",
    [
        ('<div class="pages">1 <a href="89_2.html">2</a> <a href="89_3.html">3</a> <a href="89_2.html">下一页</a></div>',
         "http://x.cn/a/89.html", 1, ["http://x.cn/a/89.html", "http://x.cn/a/89_2.html", "http://x.cn/a/89_3.html"]),
        ('<div class="pages"><a href="89.html">上一页</a> <a href="89.html">1</a> <b>2</b> <a href="89_3.html">3</a></div>',
         "http://x.cn/a/89_2.html", 2,
         ["http://x.cn/a/89.html", "http://x.cn/a/89_2.html", "http://x.cn/a/89_3.html"]),
        ('<p>共3页: <a href="?id=5&page=1">[1]</a> <a href="?id=5&page=2">[2]</a> [3]</p>',
         "http://x.cn/show.asp?id=5&page=3", 3,
         ["http://x.cn/show.asp?id=5&page=1", "http://x.cn/show.asp?id=5&page=2", "http://x.cn/show.asp?id=5&page=3"]),
        ('<ul class="pagelist"><li><a href="85.html">1</a></li><li class="thisclass"><a href="85_2.html">2</a></li>'
         '</ul>', "http://x.cn/a/85_2.html", 2, ["http://x.cn/a/85.html", "http://x.cn/a/85_2.html"]),
        ('<div>第2页 <a href="89.html">首页</a> <a href="89.html">上一页</a> <a href="89_3.html">下一页</a></div>',
         "http://x.cn/a/89_2.html", 2, ["http://x.cn/a/89.html", "http://x.cn/a/89_2.html", "http://x.cn/a/89_3.html"]),
        ('<div class="article-pages"><div class="btn-group"><a class="btn" href="/n/1234/2">&larr; 上一页</a> '
         '<a class="btn" href="/n/1234">1</a> <a class="btn" href="/n/1234/2">2</a> '
         '<a class="btn active" href="javascript:;">3</a> <a class="btn disabled" href="javascript:;">下一页 &rarr;</a>'
         '</div><p class="help-block">本文共 3 页，当前第 3 页</p></div>',
         "http://x.cn/n/1234/3", 3, ["http://x.cn/n/1234", "http://x.cn/n/1234/2", "http://x.cn/n/1234/3"]),
        ('<div class="page-links">分页： <strong>1</strong> <a href="/gzf-2/">2</a> <a href="/gzf-2/">下一页 &raquo;</a>'
         '</div>', "http://x.cn/gzf/", 1, ["http://x.cn/gzf/", "http://x.cn/gzf-2/"]),
        # the current page told without a class: a number that links nowhere, a caption after the bar
        ('<div id="ArtPageBar"><a href="89.html">上一页</a> <a href="89.html">1</a> <a>2</a></div>',
         "http://x.cn/a/89_1.html", 2, ["http://x.cn/a/89.html", "http://x.cn/a/89_1.html"]),
        ('<div><div><a href="/n/1234">1</a> <a href="/n/1234/2">2</a> <a href="javascript:;">3</a></div>'
         '<p>本文共 3 页，当前第 3 页</p></div>', "http://x.cn/n/1234/3", 3,
         ["http://x.cn/n/1234", "http://x.cn/n/1234/2", "http://x.cn/n/1234/3"]),
        ('<ul><li><a href="view2538.html">1</a></li><li><a href="#">2</a></li></ul>', "http://x.cn/plus/viewf33c.html",
         2, ["http://x.cn/plus/view2538.html", "http://x.cn/plus/viewf33c.html"]),
        # the article's own number in its name, its page 2 the name with _2 added: page 1
        ('<p><a href="live_45_2.html">2</a> <a href="live_45_2.html">下一页</a></p>', "http://x.cn/zhibo/live_45.html",
         1, ["http://x.cn/zhibo/live_45.html", "http://x.cn/zhibo/live_45_2.html"]),
        # a zero-based CMS's last page (TRS: t…_2345_2.html is page 3), words only: 上一页 is the _1 page after 首页
        ('<td>共3页 <a href="t2345.html">首页</a> <a href="t2345_1.html">上一页</a> 下一页 <a href="t2345_2.html">尾页</a></td>',
         "http://x.cn/a/t2345_2.html", 3, ["http://x.cn/a/t2345.html", "http://x.cn/a/t2345_1.html",
                                           "http://x.cn/a/t2345_2.html"]),
    ],
    ids=["first-plain", "bold-current", "brackets-query", "thisclass", "words-only", "active-script-link-caption",
         "numbered-sibling-folder", "unlinked-number", "void-link-number", "hash-link-number", "number-in-name",
         "zero-based-last"],
)
def test_page_bar(bar, url, current, pages):
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"), url=url)
    assert art.page_number == current
    assert art.page_urls == pages
    assert art.paragraphs == [PROSE, PROSE2]  # no bar's words, numbers or caption (本文共 3 页，当前第 3 页)
    page = parse_page(url, art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"))
    assert page.kind == ("continuation" if current > 1 else "article")


def test_a_date_and_a_posts_meta_above_the_headline_is_its_date():
    """Ghost's post header: the date, then the tag and the reading time after dividers, over the <h1>."""
    page = gb(f"""<html><head><title>职业学校的订单班_民生深读</title></head><body>{NAV}<article><header>
<section class="post-meta"><time datetime="2019-05-21">2019年5月21日 12:40</time> <span>/</span>
<a href="/tag/jiao-yu/">教育</a> <span>/</span> <span>阅读约 4 分钟</span></section><h1>职业学校的订单班</h1></header>
<section class="post-content"><p>{PROSE}</p><p>{PROSE2}</p></section></article>{FOOT}</body></html>""")
    art = article_of(page, url="http://x.cn/zhi-ye-xue-xiao/")
    assert art.published == "2019-05-21T12:40:00+08:00"
    assert art.paragraphs == [PROSE, PROSE2]


def test_title_prefers_headline_matching_title_tag():
    art = article_of(art_page(f"<p>{PROSE}</p>", head_title="新疆创业创新热潮涌动_民生经济_新疆民生网",
                              extra="<h1>热门文章</h1>"))
    assert art.title == "新疆创业创新热潮涌动"


def test_title_from_title_tag_when_not_printed():
    html = (f"<html><head><title>乌鲁木齐出台扶持小微企业发展十条措施 - 新疆民生网</title></head><body>{NAV}"
            f"<div>{PROSE}</div><div>{PROSE2}</div></body></html>")
    assert article_of(gb(html)).title == "乌鲁木齐出台扶持小微企业发展十条措施"


def test_charset_only_in_header_and_lying_header():
    html = art_page(f"<p>{PROSE}</p>").replace(b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                                               b"")
    art = article_of(html, headers={"Content-Type": "text/html; charset=gb2312"})
    assert art.paragraphs == [PROSE]
    art = article_of(art_page(f"<p>{PROSE}</p>"), headers={"Content-Type": "text/html; charset=utf-8"})
    assert art.paragraphs == [PROSE]


INDENT = "&nbsp;" * 4


def _frontpage_article(date_line: str) -> bytes:
    """A FrontPage 2000 article: a <title> that names only the site and the channel, the headline a <font size=4>
    over the text, no 作者 line and no 上一篇/下一篇."""
    return gb(f"""<html><head><title>新疆民生网 :: 民生新闻</title></head><body>{NAV}<table><tr>
<td width="150"><font size="2"><b>推荐文章</b><br>·<a href="/news/0106/010605a.htm">吐鲁番坎儿井修复工程启动</a></font></td>
<td width="600"><table><tr><td align="center"><font size="4" color="#003399"><b>伊宁市老城区居民喝上自来水</b></font></td></tr>
{date_line}<tr><td><font size="2">{INDENT}{PROSE}<br><br>{INDENT}{PROSE2}<br></font></td></tr>
<tr><td align="center"><font size="2">[<a href="javascript:history.back()">返回</a>]</font></td></tr></table></td>
</tr></table>{FOOT}</body></html>""")


def test_a_headline_the_title_tag_does_not_name_heads_a_sparse_article():
    """A styled line atop the text is the headline where the <title> names nothing printed: the page is an article
    with a date line under it, and without one a candidate (an article once a listing lists it)."""
    url = "http://www.xjmsw.cn/news/0203/020318a.htm"
    dated = parse_page(url, _frontpage_article('<tr><td align="center"><font size="1">（2002年3月17日）</font></td></tr>'))
    assert dated.kind == "article" and dated.article.title == "伊宁市老城区居民喝上自来水"
    assert (dated.article.published, dated.article.paragraphs) == ("2002-03-17", [PROSE, PROSE2])
    sparse = parse_page(url, _frontpage_article(""))
    assert sparse.kind == "other" and sparse.candidate.title == "伊宁市老城区居民喝上自来水"
    assert sparse.candidate.paragraphs == [PROSE, PROSE2]


def test_month_day_entries_under_year_and_month_headings():
    """A hand-made channel page's lines under 2000年5月 … 1999年12月 headings, each 5/16 after its link: dated in
    their heading's year, each line its own day where one <p> holds a month's two lines."""
    rows = [("2000年5月", [("0005/000516a.htm", "乌鲁木齐市民可在家上网查询水电费", "5/16")]),
            ("1999年12月", [("9912/991220a.htm", "昌吉农民冬闲学技术 科技夜校办到村头", "12/20"),
                           ("9912/991215a.htm", "乌鲁木齐冬菜储备充足 大白菜每公斤四毛五", "12/15")])]
    html = "".join(f'<p><b><font color="#CC0000">{month}</font></b><br>' + "".join(
        f'<font size="2">　·<a href="{href}">{title}</a> {day}</font><br>' for href, title, day in lines)
        for month, lines in rows)
    page = parse_page("http://www.xjmsw.cn/news/jingji.htm", gb(
        f"<html><head><title>新疆民生网 :: 经济信息</title></head><body>{NAV}<td><p align='center'><b>"
        f"<font size='4'>经济信息</font></b></p>{html}</p></td>{FOOT}</body></html>"))
    assert [(e.url.rsplit("/", 1)[1], e.date) for e in page.listing.entries] == [
        ("000516a.htm", "2000-05-16"), ("991220a.htm", "1999-12-20"), ("991215a.htm", "1999-12-15")]


def test_listing_snippet():
    rows = "".join(
        f'<li><a href="/a/msjj/2017/06{d:02d}/{80 + d}.html" title="t">新疆民生经济新闻标题第{d}条消息</a>'
        f'<span>2017-06-{d:02d}</span></li>' for d in range(10, 20))
    side = "".join(f'<li><a href="/a/x/{k}.html">热门文章标题第{k}条很长的标题</a></li>' for k in range(5))
    html = (f"<html><head><title>民生经济_新疆民生网</title></head><body>{NAV}"
            f"<div class='side'><h3>热门文章</h3><ul>{side}</ul></div>"
            f"<div class='place'>当前位置：<a href='/'>首页</a> &gt; 民生经济</div><ul class='list'>{rows}</ul>"
            f"<div class='pages'>1 <a href='list_2.html'>2</a> <a href='list_3.html'>3</a> "
            f"<a href='list_2.html'>下一页</a> <a href='list_3.html'>尾页</a></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/a/msjj/", gb(html))
    assert page.kind == "listing"
    assert page.article is None
    entries = page.listing.entries
    assert len(entries) == 10
    assert entries[0].url == "http://www.xjmsw.cn/a/msjj/2017/0610/90.html"
    assert entries[0].title == "新疆民生经济新闻标题第10条消息" and entries[0].date == "2017-06-10"
    assert page.listing.page_links == ["http://www.xjmsw.cn/a/msjj/list_2.html", "http://www.xjmsw.cn/a/msjj/list_3.html"]
    assert page.listing.category == "民生经济"
    assert any(link.url == "http://www.xjmsw.cn/about.html" for link in page.links)


@pytest.mark.parametrize("last_item", ["社会民生", "<a href='/a/shms/'>社会民生</a>", "<a href='./'>社会民生</a>"])
def test_listing_category_is_the_breadcrumb_item_that_names_it(last_item):
    """A listing's category is its breadcrumb's last item, also where the page's heading repeats it or it links to
    the page itself (an article's breadcrumb leaves such an item out as the headline's)."""
    rows = "".join(f'<li><a href="/a/shms/2017/06{d:02d}/{80 + d}.html">社会民生新闻标题第{d}条消息</a>'
                   f'<span>2017-06-{d:02d}</span></li>' for d in range(10, 16))
    html = (f"<html><head><title>社会民生_新疆民生网</title></head><body>{NAV}"
            f"<div class='place'>当前位置：<a href='/'>首页</a> &gt; <a href='/news/'>新闻中心</a> &gt; {last_item}</div>"
            f"<h2>社会民生</h2><ul class='list'>{rows}</ul>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/a/shms/", gb(html))
    assert page.kind == "listing" and len(page.listing.entries) == 6
    assert page.listing.category == "社会民生"


def test_a_breadcrumb_list_beside_its_label_names_a_listing_below_a_sidebar():
    """您的位置： beside a <ul> of items whose separators CSS draws, in the column after a sidebar of 热门服务 and a
    notice: the listing's breadcrumb, its last item the category (not the nav bar's current item)."""
    rows = "".join(f"<li><a href='/bmfw/2014/03{d}/c12a{3000 + d}/page.htm'>便民服务办事指南第{d}条内容</a>"
                   f"<span>[2014-03-{d}]</span></li>" for d in range(10, 16))
    hot = "".join(f"<li><a href='/bmfw/2014/06{k}/c13a{3100 + k}/page.htm'>热门服务第{k}条</a></li>" for k in range(10, 14))
    html = (f"<html><head><title>办事指南_新疆民生网</title></head><body><ul class='nav'><li><a href='/'>首页</a></li>"
            f"<li class='on'><a href='/bmfw/'>便民服务</a></li></ul><div class='side'><h3>热门服务</h3><ul>{hot}</ul>"
            f"<div class='notice'><h3>公告</h3><p>{PROSE}</p></div></div><div class='main'><div class='loc'>"
            f"<span>您的位置：</span><ul><li><a href='/'>首页</a></li><li><a href='/bmfw/'>便民服务</a></li>"
            f"<li>办事指南</li></ul></div><ul class='list'>{rows}</ul></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/bmfw/c12/list.htm", gb(html))
    assert page.kind == "listing" and len(page.listing.entries) == 6
    assert page.listing.category == "办事指南"


def test_a_nav_bar_split_by_bars_is_no_breadcrumb_of_a_listing_it_names():
    """首页 | 民生经济 | 社会民生 | 民生服务 over a listing headed 民生经济, its breadcrumb 新疆民生网 >> 民生经济: the nav bar
    is no breadcrumb (a chain split by bars is one only where it ends in the page's heading), so the category is
    民生经济, not the nav bar's last item."""
    rows = "".join(f"<tr><td>·<a href='n12{d}c12.aspx'>民生经济新闻标题第{d}条消息</a></td><td>2010-09-{d}</td></tr>"
                   for d in range(10, 16))
    html = ("<html><head><title>新疆民生网</title></head><body><table><tr><td class='topnav'><a href='default.aspx'>首页"
            "</a> | <a href='c12.aspx'>民生经济</a> | <a href='c15.aspx'>社会民生</a> | <a href='c16.aspx'>民生服务</a>"
            "</td></tr></table><table><tr><td>您现在的位置: <a href='default.aspx'>新疆民生网</a> &gt;&gt; "
            f"<a href='c12.aspx'>民生经济</a></td></tr><tr><td class='boxTitle'>民生经济</td></tr></table><table>{rows}"
            f"</table>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/c12.aspx", gb(html))
    assert page.kind == "listing" and len(page.listing.entries) == 6
    assert page.listing.category == "民生经济"


def _blog_page(title: str, main: str) -> bytes:
    """A blog theme's page (Halo's Joe): its main column beside a sidebar of a dated 最新文章 box, as every page has."""
    side = "".join(f'<li><a href="/archives/post-number-{k}">最新文章的标题第{k}篇很长</a><span>2023-0{k}-1{k}</span></li>'
                   for k in range(1, 6))
    return gb(f"<html><head><title>{title} - 民生观察</title></head><body>{NAV}<div class='main'>{main}</div>"
              f"<aside><section><h3>最新文章</h3><ul class='widget-list'>{side}</ul></section></aside>{FOOT}</body></html>")


def _card(slug: str, title: str, date: str, thumb: bool = False) -> str:
    link = f'<a class="thumb" href="/archives/{slug}" title="{title}"><img src="/u/{slug}.jpg"></a>' if thumb else ""
    return (f'<article>{link}<h2><a href="/archives/{slug}">{title}</a></h2><div class="date">{date}</div>'
            f"<p>{PROSE}</p></article>")


def test_a_sidebar_boxes_dated_list_is_no_pages_list():
    """A tag's page of two post cards, a category's last page of one (its thumbnail linked first), an about page: each
    beside the sidebar's dated 最新文章 box that every page shows, which is none of their lists."""
    tag = parse_page("http://www.xjmsw.cn/tags/yanglao", _blog_page("标签：养老", "<h1>标签：养老</h1>" + _card(
        "elderly-canteen", "社区老年食堂：一碗热饭里的民生温度", "2021-09-18") + _card(
        "pension-adjust", "养老金十七连涨这些变化要知道", "2021-07-20")))
    assert tag.kind == "listing"
    assert [e.url for e in tag.listing.entries] == ["http://www.xjmsw.cn/archives/elderly-canteen",
                                                    "http://www.xjmsw.cn/archives/pension-adjust"]
    last = parse_page("http://www.xjmsw.cn/categories/jiedu/page/2", _blog_page("分类：政策解读", (
        "<h1>分类：政策解读</h1>" + _card("kindergarten-fees", "普惠性幼儿园收费新规家长最关心的几件事", "2021-06-02", True)
        + '<nav><a href="/categories/jiedu">上一页</a> <a href="/categories/jiedu">1</a> <span>2</span></nav>')))
    assert last.kind == "listing"
    assert [(e.url, e.date) for e in last.listing.entries] == [("http://www.xjmsw.cn/archives/kindergarten-fees",
                                                                 "2021-06-02")]
    about = parse_page("http://www.xjmsw.cn/s/about", _blog_page("关于本栏", f"<h1>关于本栏</h1><p>{PROSE}</p><p>{PROSE2}</p>"))
    assert about.kind == "other"


def test_links_a_script_follows_are_links():
    """Old portals' listings and menus: the page a script goes to is the link's; what a script only prints,
    bookmarks or glues together is not a link."""
    rows = "".join(f"<tr onclick=\"window.open('show.asp?id={k}')\" style='cursor:hand'><td>·</td>"
                   f"<td>新疆各地民生新闻标题第{k}条</td><td>2009-6-{k}</td></tr>" for k in range(10, 16))
    html = (f"<html><head><title>民生经济-新疆民生网</title></head><body>{NAV}"
            f"<map name='nav'><area href='list.asp?classid=3' alt='社会民生'></map>"
            f"<a href=\"javascript:openwin('show.asp?id=20')\">一篇文章</a> "
            f"<a href='#' onclick=\"window.open('show.asp?id=21','_blank','width=760');return false;\">又一篇</a> "
            f"<a href='javascript:void(0)' onclick=\"location.href='show.asp?id=22'\">上一篇：第三篇</a> "
            f"<a href='#' onclick=\"this.style.behavior='url(#default#homepage)';this.setHomePage('http://x.cn/');\">设为首页</a>"
            f"<input type=button value='更多' onclick=\"location='list.asp?classid=4'\">"
            f"<select onchange=\"location='list.asp?classid=2&page='+this.value\"><option>1</option></select>"
            f"<div class='place'>当前位置：<a href='/'>首页</a> &gt; 民生经济</div><table>{rows}</table>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/list.asp?classid=2", gb(html))
    urls = {link.url for link in page.links}
    for target in ("list.asp?classid=3", "show.asp?id=20", "show.asp?id=21", "show.asp?id=22", "list.asp?classid=4"):
        assert "http://www.xjmsw.cn/" + target in urls, target
    assert "http://x.cn/" not in urls and not any("page=" in u for u in urls)
    assert page.kind == "listing"
    assert [(e.url[-14:], e.date) for e in page.listing.entries][:2] == [("show.asp?id=10", "2009-06-10"),
                                                                        ("show.asp?id=11", "2009-06-11")]


def test_base_href_and_backslashes_resolve_as_browsers_resolve_them():
    body = f"<p>{PROSE}</p><p><img src='..\\..\\UploadFiles\\1.jpg'></p>"
    links = ("<div>上一篇：<a href='..\\0620\\12.htm'>南疆春耕生产全面展开</a></div>"
             "<div>下一篇：<a href='2009/0618/4.htm'>乌鲁木齐新建三所学校</a></div>")
    page = parse_page("http://www.xjmsw.cn/news/2008/0612/11.htm",
                      art_page(body, extra=links).replace(b"<head>", b'<head><base href="/msjj/">'))
    assert page.article.next.url == "http://www.xjmsw.cn/msjj/2009/0618/4.htm"
    assert page.article.prev.url == "http://www.xjmsw.cn/0620/12.htm"  # ..\ from /msjj/
    assert page.article.images == ["http://www.xjmsw.cn/UploadFiles/1.jpg"]


def test_a_wap_pages_page_line_and_logo_are_not_body():
    """A WAP page's one <p> of <br> lines: 第1/2页 下页 [全文] is its page bar, the site's logo no image of the article."""
    body = (f"<p><img src='/images/logo_s.gif' alt='新疆民生网'/><br/>{PROSE}<br/>{PROSE2}<br/>"
            "第1/2页 <a href='show.asp?id=9&amp;p=2'>下页</a> <a href='show.asp?id=9&amp;all=1'>[全文]</a><br/></p>")
    page = parse_page("http://www.xjmsw.cn/show.asp?id=9", art_page(body))
    assert page.article.paragraphs == [PROSE, PROSE2]
    assert page.article.images == []


def test_a_summary_box_cut_from_the_opening_is_no_body_a_paragraph_printed_twice_is():
    summary = f"<div class='summary'>{PROSE[:30]}</div>"
    page = parse_page("http://www.xjmsw.cn/a/1.html", art_page(f"{summary}<p>{PROSE}</p><p>{PROSE2}</p>"))
    assert page.article.paragraphs == [PROSE, PROSE2]
    page = parse_page("http://www.xjmsw.cn/a/1.html", art_page(f"<p>{PROSE}</p><p>{PROSE}</p><p>{PROSE2}</p>"))
    assert page.article.paragraphs == [PROSE, PROSE, PROSE2]


def test_about_page_is_other():
    html = (f"<html><head><title>关于我们-新疆民生网</title></head><body>{NAV}<h2>关于我们</h2>"
            f"<div><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE}</p></div>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/about.html", gb(html)).kind == "other"


def test_home_page_is_not_article():
    sections = "".join(
        f"<div class='box'><h3>栏目{s}</h3><a href='/c{s}/'>更多&gt;&gt;</a><ul>"
        + "".join(f"<li><a href='/a/c{s}/2017/0620/{s}{k}.html'>新疆各地民生新闻标题第{k}条</a> [06-2{k}]</li>"
                  for k in range(6)) + "</ul></div>" for s in range(4))
    html = f"<html><head><title>新疆民生网</title></head><body>{NAV}{sections}{FOOT}</body></html>"
    assert parse_page("http://www.xjmsw.cn/", gb(html)).kind in ("other", "listing")
    assert parse_page("http://www.xjmsw.cn/", gb(html)).kind != "article"


def test_frames_are_links():
    """A frameset's pages are reached through its frames (prepare() strips <frame> and <iframe> from the tree)."""
    html = ("<html><head><title>新疆民生网</title></head><frameset rows='90,*'><frame src='top.htm'>"
            "<frameset cols='180,*'><frame src='left.htm'><frame src='/news/main.htm'></frameset>"
            "<noframes>您的浏览器不支持框架</noframes></frameset></html>")
    page = parse_page("http://www.xjmsw.cn/", gb(html))
    assert page.kind == "other"
    assert [link.url for link in page.links] == [
        "http://www.xjmsw.cn/top.htm", "http://www.xjmsw.cn/left.htm", "http://www.xjmsw.cn/news/main.htm"]
    inline = art_page(f"<p>{PROSE}</p><iframe src='/ad/banner.htm'></iframe>")
    assert parse_page("http://www.xjmsw.cn/a/1.html", inline).links[-1].url == "http://www.xjmsw.cn/ad/banner.htm"


_PREV_NEXT = ("<p>上一篇：<a href='/a/msjj/2017/0619/88.html'>首府菜价回落</a></p>"
              "<p>下一篇：<a href='/a/msjj/2017/0621/90.html'>南疆棉花丰收</a></p>")


def test_a_shell_that_frames_its_text_names_the_frame_and_its_text_is_the_frames():
    """An article page that prints headline, info line and 上一篇/下一篇 around an <iframe> of its text: the page names
    the framed document (not the header's 468x60 ad, not a hit counter's 0x0, not a widget after 上一篇/下一篇), and
    the text read from that document is the article's (its own copy of the headline dropped, its images resolved
    against its own URL, its closing （来源：…） the source the shell's info line does not name)."""
    url = "http://www.xjmsw.cn/news/ShowNews.asp?id=1421"
    shell = art_page("<iframe src='/content/2006/0312/1421.htm' width='100%' height='600'>您的浏览器不支持框架</iframe>",
                     crumb="<iframe src='/ad/a.htm' width='468' height='60'></iframe>"
                           "<div>您现在的位置：<a href='/'>首页</a> &gt;&gt; <a href='/a/msjj/'>民生经济</a></div>",
                     info="作者：李娜 发布时间：2006-3-12 15:23:41"
                          "<iframe src='/count.asp?id=1421' width='0' height='0'></iframe>",
                     extra=_PREV_NEXT + "<iframe src='/widget/weather.htm' width='100%' height='300'></iframe>")
    page = parse_page(url, shell)
    assert page.kind == "article" and not page.article.paragraphs
    frame = "http://www.xjmsw.cn/content/2006/0312/1421.htm"
    assert page.article.frame_url == frame
    framed = gb(f"<html><head><title>无标题文档</title><base target='_parent'></head><body>"
                f"<p align='center'><b>新疆创业创新热潮涌动</b></p><p>　　{PROSE}</p><p><img src='images/1.jpg'></p>"
                f"<p>　　{PROSE2}</p><p>（来源：天山网）</p></body></html>")
    article = with_framed_text(page.article, frame, framed, {"Content-Type": "text/html"})
    assert article.paragraphs == [PROSE, PROSE2]
    assert article.images == ["http://www.xjmsw.cn/content/2006/0312/images/1.jpg"]
    assert (article.title, article.author, article.source) == ("新疆创业创新热潮涌动", "李娜", "天山网")
    assert article.published == "2006-03-12T15:23:41+08:00"
    # sized by its style, after a banner sized so and a frame a script fills (about:blank)
    styled = shell.replace(b"width='100%' height='600'", b"style='width:100%;height:800px'").replace(
        b"<iframe src='/content", b"<iframe src='/ad/b.htm' style='width:468px; height:60px'></iframe>"
                                  b"<iframe src='about:blank' width='100%' height='600'></iframe><iframe src='/content")
    assert parse_page(url, styled).article.frame_url == frame
    # a page that prints its text beside a video's <iframe> frames nothing
    inline = parse_page(url, art_page(f"<p>{PROSE}</p><iframe src='/video/1.htm' width='480' height='400'></iframe>",
                                      extra=_PREV_NEXT))
    assert inline.article.paragraphs == [PROSE] and inline.article.frame_url is None


def test_rules_fast_path():
    html = art_page(f"<p>{PROSE}</p>", extra=f"<div id='other'><p>{PROSE2}</p><p>{PROSE2}</p><p>{PROSE2}</p></div>")
    rules = {"title": "div.info", "body": "//div[@class='content']", "breadcrumb": "div.place"}
    art, _ = extract_article("http://www.xjmsw.cn/a/1.html", html, rules=rules)
    assert art.title == "作者:新疆民生网"
    assert art.paragraphs == [PROSE]
    # the breadcrumb's trailing item is no longer the headline, so it stays
    assert art.breadcrumb == ["首页", "民生经济", "新疆创业创新热潮涌动"]
    art, _ = extract_article("http://www.xjmsw.cn/a/1.html", html, rules={"title": "h2", "info": "div.place"})
    assert art.author is None and art.published is None
    # a rule that matches nothing (or is broken) falls back to the generic path
    art, _ = extract_article("http://www.xjmsw.cn/a/1.html", html, rules={"title": "h9.nope", "body": "[[["})
    assert art.title == "新疆创业创新热潮涌动"


def test_seed_like_page():
    """The one real page we have (shared/seed/article-page.txt), rebuilt in a plausible table template."""
    seed = REPO.parent / "shared" / "seed" / "article-page.txt"
    if not seed.is_file():
        pytest.skip(f"seed page not found at {seed}")
    lines = [ln.strip() for ln in seed.read_text(encoding="utf-8").splitlines()]
    start = lines.index("□亚心网记者张瑞麟")
    end = next(k for k, ln in enumerate(lines) if "上一篇" in ln)
    paras = [ln for ln in lines[start:end] if ln]
    body = "<br>\n<br>\n".join("\u3000\u3000" + p for p in paras)
    html = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>新疆创业创新热潮涌动_民生经济_新疆民生网</title></head><body>
<table width=960><tr><td>携手民生之声,构建和谐社会。竭力打造新疆地区第一民生网站!</td>
<td><a href="#">加入收藏</a> <a href="#">设为首页</a> <a href="/about.html">联系我们</a></td></tr></table>
<table width=960><tr><td class=dh>&nbsp;<a href="/">首页</a> >><a href="/html/msjj/">民生经济</a> >>新疆创业创新热潮涌动</td></tr>
<tr><td align=center><font size=4><b>新疆创业创新热潮涌动</b></font></td></tr>
<tr><td align=center>作者:新疆民生网</td></tr><tr><td class=content>{body}</td></tr>
<tr><td><li>上一篇:<a href="/html/2017/j_0619/88.html">新疆特色优势产业发展风生水起</a></li>
<li>下一篇:<a href="/html/2017/j_0621/90.html">吉木乃县“聚力压责”护航集体经济项目运行</a></li></td></tr></table>
<div align=center><a href="/">网站首页</a> - <a href="/about.html">关于本站</a> - <a href="/about.html">版权声明</a>
<br>Copyright (C) 2014-2015 www.xjmsw.cn All Rights Reserved 版权所有:新疆文子文化网络工作室<br>
未经授权 严禁转载 国家信息产业部 网站备案/许可证编号:新ICP备14002711-1号</div></body></html>"""
    page = parse_page("http://www.xjmsw.cn/html/2017/j_0620/89.html", html.encode("gbk"),
                      {"Content-Type": "text/html"})
    assert page.kind == "article"
    art = page.article
    assert art.title == "新疆创业创新热潮涌动"
    assert art.author == "新疆民生网" and art.source is None and art.published is None
    assert art.breadcrumb == ["首页", "民生经济"] and art.category == "民生经济"
    assert art.paragraphs == paras
    assert art.prev.text == "新疆特色优势产业发展风生水起"
    assert art.next.url == "http://www.xjmsw.cn/html/2017/j_0621/90.html"
    rec = build_record(art, url=page.url, encoding=page.encoding, fetched_at="2026-01-01T00:00:00Z")
    assert rec["published"] == "2017-06-20"  # from the URL


# -- bad input --------------------------------------------------------------------------------------------
def _big_page(megabytes: float = 5.0) -> bytes:
    block = f"<div><p>{PROSE}</p><a href='/a/{{k}}.html'>新疆民生网的一条链接</a><span>2017-06-20</span></div>\n"
    n = int(megabytes * 1024 * 1024 / len(block.encode("gbk")))
    return gb("<html><head><title>大页面</title></head><body>" + "".join(block.format(k=k) for k in range(n))
              + "</body></html>")


BAD = {
    "empty": b"",
    "blank": b" \r\n\t ",
    "nul": b"\x00" * 10,
    "random": random.Random(7).randbytes(20000),
    "truncated-gb": art_page(f"<p>{PROSE}</p>")[:-3] + "新".encode("gbk")[:1],
    "lead-byte-quote": art_page(f"<p>{PROSE}</p>").replace(b"<p>", b'<p>\xd6&quot;', 1),
    "unclosed": gb("<html><body><div><p>新疆民生网<table><tr><td>测试，测试。<div><a href='/x'>链接"),
    "xml-decl": gb('<?xml version="1.0" encoding="gb2312"?><html><body><p>新疆，民生。</p></body></html>'),
    "xml-feed": gb('<?xml version="1.0" encoding="gb2312"?><rss><channel><item><title>新闻</title>'
                   "<description><![CDATA[新疆，民生。]]></description></item></channel></rss>"),
    "deep-nesting": b"<div>" * 5000 + "新疆，民生。".encode("gbk") * 30,
    "frameset": b"<html><frameset><frame src='a.html'></frameset></html>",
    "only-comment": b"<!-- nothing -->",
    "utf16": "<html><body><p>新疆，民生。</p></body></html>".encode("utf-16"),
    "bad-base": gb(f"<html><head><base href='ht!tp://[::'></head><body><p>{PROSE}</p><a href='http://[x'>x</a></body></html>"),
    "binary-image": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_never_raises(name):
    body = BAD[name]
    page = parse_page("http://www.xjmsw.cn/a/1.html", body, {"Content-Type": "text/html"})
    assert page.kind in ("article", "continuation", "listing", "other")
    art, codec = extract_article("http://www.xjmsw.cn/a/1.html", body)
    assert isinstance(art.paragraphs, list) and codec
    build_record(art, url="http://www.xjmsw.cn/a/1.html", encoding=codec, fetched_at="2026-01-01T00:00:00Z")


def test_bad_input_kinds():
    for name in ("empty", "blank", "nul", "random", "only-comment", "frameset", "binary-image"):
        assert parse_page("http://www.xjmsw.cn/a/1.html", BAD[name]).kind == "other", name


def test_five_megabyte_page():
    body = _big_page(5.0)
    assert len(body) >= 5 * 1024 * 1024 * 0.95
    t0 = time.perf_counter()
    page = parse_page("http://www.xjmsw.cn/big.html", body)
    art, _ = extract_article("http://www.xjmsw.cn/big.html", body)
    elapsed = time.perf_counter() - t0
    assert page.kind in ("article", "listing", "other")
    assert art.paragraphs
    assert elapsed < 60, f"5 MB page took {elapsed:.1f}s"


def test_no_scrapy_in_parsers():
    parsers = REPO / "xjmsw_crawler" / "parsers"
    for path in parsers.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import scrapy" not in text and "from scrapy" not in text, path.name
    # and importing the package does not pull Scrapy in
    code = ("import sys; import xjmsw_crawler.parsers as p; "
            "sys.exit(1 if any(m == 'scrapy' or m.startswith('scrapy.') for m in sys.modules) else 0)")
    import subprocess

    env = dict(os.environ, PYTHONPATH=str(REPO))
    assert subprocess.run([sys.executable, "-c", code], env=env, cwd=str(REPO)).returncode == 0


def test_decode_once_exported():
    text, codec = decode_html("新疆".encode("gbk"), {"Content-Type": "text/html; charset=gb2312"})
    assert text == "新疆" and codec == "gb18030"


def test_short_last_page_is_continuation():
    bar = ('<div class="pages"><a href="89.html">1</a> <a href="89_2.html">2</a> <span>3</span> '
           '<a href="89_2.html">上一页</a></div>')
    html = (f"<html><head><title>新疆创业创新热潮涌动-新疆民生网</title></head><body>{NAV}"
            f"<div class='content'><p>（完）本文由记者整理。</p>{bar}</div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/a/89_3.html", gb(html))
    assert page.kind == "continuation"
    assert page.article.page_number == 3
    assert page.article.paragraphs == ["（完）本文由记者整理。"]
    assert page.article.page_urls == ["http://www.xjmsw.cn/a/89.html", "http://www.xjmsw.cn/a/89_2.html",
                                      "http://www.xjmsw.cn/a/89_3.html"]


@pytest.mark.parametrize(("path", "rels", "kind", "number", "pages"), [
    # SEO paging under a pager a script draws: the head's links are the only plain ones to pages 2..n
    ("/a/89.html", '<link rel="next" href="89_2.html">', "article", 1, ["/a/89.html", "/a/89_2.html"]),
    ("/a/89_2.html", '<link rel="prev" href="89.html"><link rel="next" href="/a/89_3.html">', "continuation", 2,
     ["/a/89.html", "/a/89_2.html", "/a/89_3.html"]),
    # a blog's links to the posts before and after: other documents, no pages of this one
    ("/2019/05/12/water-price/", '<link rel="prev" href="/2019/05/11/heating/">', "article", 1, []),
    ("/news/show-120.html", '<link rel="next" href="show-121.html">', "article", 1, []),
])
def test_head_links_to_the_next_page_page_an_article(path, rels, kind, number, pages):
    info = "作者:李娜 来源:新疆日报 2019-05-12 10:20"
    html = art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=info).replace(b"</title>", b"</title>" + rels.encode())
    page = parse_page("http://www.xjmsw.cn" + path, html)
    assert page.kind == kind
    assert page.article.page_number == number
    assert page.article.page_urls == ["http://www.xjmsw.cn" + p for p in pages]
    assert set(page.article.page_urls) - {"http://www.xjmsw.cn" + path} <= {link.url for link in page.links}


def test_breadcrumb_with_image_separators():
    crumb = ('<td>当前位置：<a href="/">首页</a> <img src="/arrow.gif"> <a href="/Article/ShowClass.asp?ClassID=3">'
             '社会民生</a> <img src="/arrow.gif"> 正文</td>')
    art = article_of(art_page(f"<p>{PROSE}</p>", crumb=f"<table><tr>{crumb}</tr></table>"))
    assert art.breadcrumb == ["首页", "社会民生"]


def test_poweresay_article_page_query():
    bar = ('<p align="center"><a href="ShowArticle.asp?ArticleID=105">上一页</a>&nbsp;&nbsp;'
           '<a href="ShowArticle.asp?ArticleID=105">1</a>&nbsp;&nbsp;<font color="red">[2]</font>&nbsp;&nbsp;'
           '<a href="ShowArticle.asp?ArticleID=105&ArticlePage=3">3</a>&nbsp;&nbsp;'
           '<a href="ShowArticle.asp?ArticleID=105&ArticlePage=3">下一页</a></p>')
    url = "http://www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=105&ArticlePage=2"
    page = parse_page(url, art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"))
    assert page.kind == "continuation"
    assert page.article.page_number == 2
    assert page.article.page_urls == [
        "http://www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=105", url,
        "http://www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=105&ArticlePage=3"]


def test_short_article_with_dated_sidebar_is_article():
    side = "".join(f'<li><a href="/a/msjj/2017/06{d:02d}/{d}.html">新疆民生经济新闻标题第{d}条消息</a>'
                   f'<span>2017-06-{d:02d}</span></li>' for d in range(10, 22))
    html = (f"<html><head><title>乌鲁木齐新增便民市场-新疆民生网</title></head><body>{NAV}"
            f"<div class='left'><h1>乌鲁木齐新增便民市场</h1><div>来源：乌鲁木齐晚报 时间：2017-06-22</div>"
            f"<div><p>本报讯，乌鲁木齐市新增便民市场三处，方便居民买菜。</p></div></div>"
            f"<div class='right'><h3>最新文章</h3><ul>{side}</ul></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/a/msjj/2017/0622/99.html", gb(html))
    assert page.kind == "article"
    assert page.article.paragraphs == ["本报讯，乌鲁木齐市新增便民市场三处，方便居民买菜。"]
    assert page.article.source == "乌鲁木齐晚报" and page.article.published == "2017-06-22"


def test_media_fallback_and_programme_lede_are_no_body():
    player = ('<audio controls src="/media/1.mp3"><source src="/media/1.mp3" type="audio/mpeg">'
              '您的浏览器不支持 audio 标签，请<a href="/media/1.mp3">下载</a>后收听。</audio>')
    lede = "<div><b>本期导读：</b>物业费该不该涨？本期节目邀请相关负责人和听众一起聊聊。</div>"
    art = article_of(art_page(f"{lede}<p>{PROSE}</p>{player}<p>{PROSE2}</p>"))
    assert art.paragraphs == [PROSE, PROSE2]
    assert "<audio" in art.body_html and "不支持" not in art.body_html


def test_player_box_words_are_no_body_and_programme_issues_are_prev_next():
    """A player's own box (its length, a download link, its icon, a 节目录音： label before a Flash player) and a
    rating form are no body; 上一期：/下一期： before a title are 上一篇/下一篇, an e-paper's bare 上一期/下一期 date picker is not."""
    box = ('<div class="player"><img src="/images/radio_ico.png" alt=""><audio controls src="/media/1.mp3"></audio>'
           '<p>节目时长：58分12秒　<a href="/media/1.mp3">下载收听</a></p></div>'
           '<div>节目录音：<embed src="/player.swf" flashvars="file=/media/1.mp3"></div>')
    picker = '<div><a href="/epaper/0619/node_2.htm">上一期</a> 2016年05月12日 <a href="/epaper/0621/">下一期</a></div>'
    issues = ('<ul><li>上一期：<a href="/msxs/2016/0413/jm3010.html">供暖费怎么交</a> (2016-04-13)</li>'
              '<li>下一期：没有了</li></ul>')
    rating = ('<form action="pj.php">满意度评价：<input type="radio" name="pj" value="1">满意 '
              '<input type="radio" name="pj" value="2">基本满意</form>')
    art = article_of(art_page(f"{box}<p>{PROSE}</p><p>{PROSE2}</p>{rating}{issues}", extra=picker))
    assert art.paragraphs == [PROSE, PROSE2] and art.images == []
    assert "<audio" in art.body_html
    assert art.prev.url == "http://www.xjmsw.cn/msxs/2016/0413/jm3010.html" and art.prev.text == "供暖费怎么交"
    assert art.next is None
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=picker))
    assert art.prev is None and art.next is None


@pytest.mark.parametrize("label", ["{}", "<strong>{}</strong>"])
def test_drupal_fields_comments_and_bylines(label):
    """Drupal: labels in blocks of their own beside their values' blocks (in a styling element or not), the submitted
    line and a view counter around the body, readers' comments under a bare 评论 heading (their time stamps say so); a
    one-post list whose author link sits under the post's linked headline lists the post."""
    fields = (f'<div class="field"><div class="field-label">{label.format("作者:&nbsp;")}</div><div class="field-items">'
              f'<div class="field-item">李娜</div></div></div><div class="field"><div class="field-label">'
              f'{label.format("来源:&nbsp;")}</div><div class="field-items"><div class="field-item">新疆民生网</div></div>'
              '</div>')
    comments = "".join(f'<div class="comment"><p>网友{n}</p><p>周一, 09/2{n}/2013 - 12:16</p><p>{PROSE2}</p></div>'
                       for n in (1, 2))
    node = (f'<div class="submitted">由 <span>admin</span> 发表于 周一, 09/23/2013 - 16:05</div>'
            f'<div class="body"><p>{PROSE}</p><p>{PROSE2}</p></div>{fields}<ul><li>2,210 次阅读</li></ul>'
            f'<div id="comments"><h2>评论</h2>{comments}</div>')
    art = article_of(art_page(node, info=""))
    assert (art.author, art.source) == ("李娜", "新疆民生网")
    assert art.paragraphs == [PROSE, PROSE2]
    post = ('<ul><li><div class="title"><h4><a href="/space.php?uid=15&do=blog&id=309">疏附县的双语幼儿园开学了</a></h4>'
            '<div><a href="/space.php?uid=15">买买提·艾力</a> <span>2009-12-30 19:55</span></div></div>'
            f'<div class="detail">{PROSE}</div></li></ul>')
    page = parse_page("http://www.xjmsw.cn/space.php?do=tag&id=10", gb(
        f"<html><head><title>标签</title></head><body>{NAV}<div class='main'>{post}</div>{FOOT}</body></html>"))
    assert [e.url for e in page.listing.entries] == ["http://www.xjmsw.cn/space.php?uid=15&do=blog&id=309"]


def test_record_grid_and_domino_lines():
    """An ASP.NET DetailsView prints the record as label | value rows under a <title> that names the page's kind,
    a disabled HyperLink (no href) for the missing 上一篇; a Domino form prints breadcrumb, 标 题： and the headline
    as lines of one cell; Domino's 32-hex-digit document ids are one URL shape."""
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in (
        ("标题", "乌鲁木齐平价直销点让市民吃上放心菜"), ("作者", "李娜"), ("来源", "乌鲁木齐晚报"),
        ("发布时间", "2010-7-2 10:25:00"), ("点击次数", "386"), ("内容", f"<p>{PROSE}</p><p>{PROSE2}</p>")))
    html = (f"<html><head><title>新闻详细</title></head><body>{NAV}<div class='path'>当前位置：<a href='/'>首页</a> &gt; "
            f"<a href='/NewsList.aspx?cid=3'>民生新闻</a> &gt; 正文</div><table><tr><td colspan='2'>新闻详细</td></tr>{rows}"
            "</table><div>上一篇：<a id='hlPrev' disabled='disabled'>没有了</a><br>下一篇：<a href='NewsShow.aspx?id=574'>"
            f"供水管网改造完工</a></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/NewsShow.aspx?id=571")
    assert (art.title, art.author, art.source, art.published) == (
        "乌鲁木齐平价直销点让市民吃上放心菜", "李娜", "乌鲁木齐晚报", "2010-07-02T10:25:00+08:00")
    assert art.paragraphs == [PROSE, PROSE2] and art.prev is None and art.next.text == "供水管网改造完工"
    cell = ("<table><tr><td><font>您的位置：</font><a href='/'><font>首页</font></a><font> → </font>"
            "<a href='/msw/news.nsf?OpenDatabase'>政务民生</a><font> → </font>"
            "<a href='/msw/news.nsf/zwdt?OpenView'>政务动态</a>"
            "<br><b>标 题：</b><b>自治区召开城镇居民低保工作会议</b><br>"
            f"发布日期：2004-09-20　　来 源：自治区民政厅<br><hr>{PROSE}<br><br>{PROSE2}<br><hr>"
            "<img alt='下一篇' src='/next.gif'> <a href='/msw/news.nsf/0/4B312DA5F03EF75B4825A5AF3828EF13?OpenDocument'>"
            "自治区出台再就业扶持政策</a></td></tr></table>")
    art = article_of(gb(f"<html><head><title>政务民生</title></head><body>{cell}{FOOT}</body></html>"),
                     url="http://www.xjmsw.cn/msw/news.nsf/0/2E5DB661A6D886CA4825ADDBB16D937E?OpenDocument")
    assert (art.title, art.breadcrumb, art.source) == ("自治区召开城镇居民低保工作会议", ["首页", "政务民生", "政务动态"],
                                                       "自治区民政厅")
    assert art.paragraphs == [PROSE, PROSE2]
    assert url_shape("http://h/msw/news.nsf/0/2E5DB661A6D886CA4825ADDBB16D937E?OpenDocument") == \
        url_shape("http://h/msw/news.nsf/0/4B312DA5F03EF75B4825A5AF3828EF13?OpenDocument")


def test_styled_label_cells_are_bare_labels():
    """A label printed in styling elements (<td><font><b>作者</b></font></td>, as FrontPage wrote every cell) is a bare
    label as <td>作者</td> is: a record grid of label | value rows, a 上一篇/下一篇 grid whose link is in the next
    cell."""
    rows = "".join(f"<tr><td><font color='#333333'><b>{label}</b></font></td><td><font>{value}</font></td></tr>"
                   for label, value in (("标题", "乌鲁木齐平价直销点让市民吃上放心菜"), ("作者", "李娜"),
                                        ("来源", "乌鲁木齐晚报"), ("发布时间", "2010-7-2 10:25:00"),
                                        ("内容", f"<p>{PROSE}</p><p>{PROSE2}</p>")))
    pn = ("<table><tr><td><font>上一篇：</font></td><td><font>没有了</font></td></tr><tr><td><font>下一篇：</font></td>"
          "<td><font><a href='NewsShow.aspx?id=574'>供水管网改造完工</a></font></td></tr></table>")
    art = article_of(gb(f"<html><head><title>新闻详细</title></head><body>{NAV}<table>{rows}</table>{pn}{FOOT}"
                        "</body></html>"), url="http://www.xjmsw.cn/NewsShow.aspx?id=571")
    assert (art.title, art.author, art.source, art.published) == (
        "乌鲁木齐平价直销点让市民吃上放心菜", "李娜", "乌鲁木齐晚报", "2010-07-02T10:25:00+08:00")
    assert art.paragraphs == [PROSE, PROSE2] and art.prev is None and art.next.text == "供水管网改造完工"


def test_a_closing_line_dates_a_long_text():
    """An info line that closes a long text (【来源：…】【日期：…】, out of reach of the lines after the headline) gives
    the article its date as it gives its source, when the page prints no other."""
    paras = "".join(f"<p>{PROSE if k % 2 else PROSE2}</p>" for k in range(12))
    art = article_of(art_page(f"{paras}<p align='right'>【来源：新疆经济报】【日期：2008年5月12日】</p>"),
                     url="http://www.xjmsw.cn/a/msjj/89.html")
    assert (art.author, art.source, art.published, len(art.paragraphs)) == ("新疆民生网", "新疆经济报", "2008-05-12", 12)


def test_text_after_an_unclosed_embed_is_text():
    """A Flash player's <embed> between lines of text (…<embed src="….swf"><br><br>text<br><br>): libxml2 reads the
    tag as a container of all that follows it; a browser as an element without content. The text after it is the
    article's."""
    lines = f"{PROSE}<br><br><embed src='/uploads/media/guoyuan.swf' type='application/x-shockwave-flash'><br><br>" \
            f"{PROSE2}<br><br><strong>第二部分</strong><br><br>{PROSE}"
    art = article_of(art_page(lines))
    assert art.paragraphs == [PROSE, PROSE2, "第二部分", PROSE]


@pytest.mark.parametrize("prev_line", ["上一篇：<span>没有了</span><br><br>", "上一篇：<br><br>",
                                       "上一篇：<font color='gray'>没有了</font>　"])
def test_no_previous_article_on_lines_of_their_own(prev_line):
    """上一篇/下一篇 on lines of the text's block, 上一篇 with no link (没有了 in an element, or nothing): no previous
    article, not the link after 下一篇."""
    lines = f"{PROSE}<br><br>{PROSE2}<br><br>{prev_line}下一篇：<a href='/a/msjj/2017/0621/90.html'>喀什古城旅游带动" \
            "居民增收致富</a><br><br>"
    art = article_of(art_page(lines))
    assert art.prev is None and art.next.url == "http://www.xjmsw.cn/a/msjj/2017/0621/90.html"
    assert art.paragraphs == [PROSE, PROSE2]


def test_a_page_bar_line_is_no_text():
    """A page bar printed as a line of the text's <br> lines (【1】【<a>2</a>】 <a>下一页</a>, [1] [<a>2</a>]) is neither a
    paragraph nor in body_html, nor is the 核心提示 line of a summary above them."""
    for bar in ("【1】【<a href='89_2.html'>2</a>】 <a href='89_2.html'>下一页</a>", "[1] [<a href='89_2.html'>2</a>]"):
        lines = f"<strong>核心提示：</strong>乌鲁木齐将新建8000个公办幼儿园学位……<br><br>{PROSE}<br><br>{PROSE2}<br><br>" \
                f"{bar}<br><br>"
        art = article_of(art_page(lines))
        assert art.paragraphs == [PROSE, PROSE2] and art.page_urls[1].endswith("89_2.html")
        assert "1】" not in art.body_html and "[1]" not in art.body_html and "核心提示" not in art.body_html


def test_a_number_word_split_reads_as_one():
    """A number whose digits a pasted text printed in two <span>s (服务站<span>1</span><span>20</span>个) is one
    number; a date's <span> against its time's is two (2018-03-15</span><span>14:32)."""
    split = "<span>乡村电商服务站</span><span lang='EN-US'>1</span><span lang='EN-US'>20</span><span>个。</span>"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{split}{PROSE2}</p>",
                              info="<span>2018-03-15</span><span>14:32</span> <span>来源：新疆日报</span>"))
    assert art.paragraphs == [PROSE, "乡村电商服务站120个。" + PROSE2]
    assert (art.published, art.source) == ("2018-03-15T14:32:00+08:00", "新疆日报")


def test_wordpress_post_pages_and_one_post_archives():
    """WordPress: a post's pages 2..n are /2014/11/1804.html/2 (the date folders are no calendar's day); a month's
    archive of one post is a listing (its 阅读全文 beside the summary's block); a <fieldset> 摘 要 box is no body."""
    bar = ('<div class="page-links">分页: <a href="/2014/11/1804.html"><span>1</span></a> <span>2</span></div>')
    page = parse_page("http://www.xjmsw.cn/2014/11/1804.html/2", art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"))
    assert page.kind == "continuation" and page.article.page_number == 2
    assert page.article.page_urls == ["http://www.xjmsw.cn/2014/11/1804.html",
                                      "http://www.xjmsw.cn/2014/11/1804.html/2"]
    lede = "<fieldset><legend>摘 要</legend>今年以来，和田、喀什等地农村安居富民房建设进度加快……</fieldset>"
    assert article_of(art_page(f"{lede}<p>{PROSE}</p><p>{PROSE2}</p>")).paragraphs == [PROSE, PROSE2]
    post = ('<article><h2><a href="/2014/09/1688.html">南疆农村安居富民房建设见闻</a></h2><div class="entry-content">'
            f'<div class="archive-content">{PROSE}…</div><span>2014年09月03日</span></div>'
            '<span class="more"><a href="/2014/09/1688.html">阅读全文</a></span></article>')
    html = (f"<html><head><title>2014年9月 | 民生观察</title></head><body>{NAV}<main><h1>2014年9月</h1>{post}</main>"
            f"{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/2014/09", gb(html))
    assert page.kind == "listing" and [e.url for e in page.listing.entries] == ["http://www.xjmsw.cn/2014/09/1688.html"]


def test_bracketed_none_and_a_contact_box_beside_a_list():
    """[上一篇] 没有了 is none (not the 下一篇 link after it); a dated list beside a 联系我们 box of label lines (no
    sentence) is a listing."""
    pn = ('<div>[上一篇] 没有了<br>[下一篇] <a href="article.php?articleid=104">昌吉州农民工技能培训提前启动</a></div>')
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=pn))
    assert art.prev is None and art.next.text == "昌吉州农民工技能培训提前启动"
    rows = "".join(f'<tr><td>{n}</td><td><a href="2019{n:02d}/t2019{n:02d}20_5{n}.html">福海县关于做好第{n}批民生实事的通知</a>'
                   f'</td><td>2019-{n:02d}-20</td></tr>' for n in (1, 2, 3))
    box = ("<div><p>受理机构：福海县人民政府办公室</p><p>办公地址：福海县福海镇团结路1号</p><p>联系电话：0906-6821012</p>"
           "<p>邮政编码：836400</p></div>")
    html = (f"<html><head><title>政府文件</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页</a> &gt; "
            f"<a href='/xxgk/'>政府信息公开</a> &gt; 政府文件</div>{box}<table>{rows}</table>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/xxgk/zfwj/index.html", gb(html)).kind == "listing"


# -- the string fast paths give what the general paths give ---------------------------------------------------
_URL_CHARS = "aZ09._~!$'()*,;=:@/+-?&#% []\"<>{}|\\^`中\t"


def _random_urls(rng: random.Random, n: int):
    heads = ["http://www.xjmsw.cn/", "http:///work/x/", "https://a.b:8080/", "http://h:80/", "https://x.y:443/",
             "http://h/a.asp?", "http://H.example/", "http://h/x?b=1&"]
    for _ in range(n):
        yield rng.choice(heads) + "".join(rng.choice(_URL_CHARS) for _ in range(rng.randint(0, 14)))


def test_plain_url_fast_paths_equal_the_general_paths(monkeypatch):
    """canonical_url and url_key skip w3lib for URLs that it would leave as they are: never a different answer."""
    import re as re_module

    from xjmsw_crawler.parsers import normalize

    rng = random.Random(6)
    urls = [u for u in _random_urls(rng, 20000)]
    urls += [head + tail for head in ("http:///work/x/", "http://h/a.asp?", "https://a.b:8080/")  # %XX escapes
             for tail in ("ShowArticle.asp%3FArticleID%3D101", "a%3fb", "%7E%41x", "%E4%B8%AD", "a%2Fb%2f", "a%25",
                          "a%zz", "a%2", "%", "x=%41&y=%3d", "%20a%2B", "a%3F?id=1%26")]
    urls += [link.url for mirror in ("mirror", "holdout-div") for path in (FIXTURES / mirror / "site").rglob("*.htm*")
             for link in parse_page(BASE + "/" + path.name, path.read_bytes()).links]
    fast = [(normalize.canonical_url.__wrapped__(u), normalize.url_key.__wrapped__(u)) for u in urls]
    assert sum(normalize._PLAIN_URL.fullmatch(u) is not None for u in urls) > 2000  # the fast path is taken
    never = re_module.compile("(?!)")
    monkeypatch.setattr(normalize, "_PLAIN_URL", never)
    monkeypatch.setattr(normalize, "_PLAIN_QUERY_URL", never)
    normalize.canonical_url.cache_clear()
    normalize.url_key.cache_clear()
    slow = [(normalize.canonical_url.__wrapped__(u), normalize.url_key.__wrapped__(u)) for u in urls]
    normalize.canonical_url.cache_clear()
    normalize.url_key.cache_clear()
    assert [u for u, a, b in zip(urls, fast, slow) if a != b] == []


def test_relative_links_resolve_as_urljoin_does():
    """absolute() caches relative paths per base directory: the same answers as per page."""
    from xjmsw_crawler.parsers.cues import _absolute, absolute

    rng = random.Random(7)
    bases = ["http://h/a/b.html", "http://h/a/", "http://h", "https://x.y/p/q/r", "http://h/a/b.php?x=1/2",
             "http://h/a/b#f", "http://h/a/./b/../c.html", "http:///work/x/y.html", "http://h/a%20b/c d.html",
             "http://h/a/b.asp?x=1/2&y=../", "http://h?q=/a/b", "http://h/a/b#f/g"]
    parts = ["a", "..", ".", "/", "?q=1", "#f", "b.html", " ", "//", "c", "http:", "x/", "中", "%2F", ";p", "\t"]
    for _ in range(20000):
        base = rng.choice(bases)
        href = "".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        assert absolute(base, href) == _absolute.__wrapped__(base, href), (base, href)


def test_a_blogs_pager_of_post_cards_pages_its_tag():
    """A tag's page of post cards whose summaries are the cards' link text, under a blog's 更早文章 → / ← 较新文章 pager
    to its numbered page folders (Ghost's /tag/x/page/2/): a listing that pages on, not other, of entries named by
    their cards' headings."""
    cards = "".join(f"<article class='card'><a href='/post-{n}/'><h2>新疆民生故事第{n}篇</h2><section><p>{PROSE}</p>"
                    f"</section></a></article>" for n in range(1, 5))
    html = (f"<html><head><title>就业 - 民生深读</title></head><body>{NAV}<header><h1>就业</h1></header>"
            f"<main><div class='feed'>{cards}</div><nav class='pagination'><a href='/tag/jiu-ye/'>&larr; 较新文章</a>"
            f" <span>第 2 页 / 共 3 页</span> <a href='/tag/jiu-ye/page/3/'>更早文章 &rarr;</a></nav></main>{FOOT}"
            "</body></html>")
    page = parse_page("http://www.xjmsw.cn/tag/jiu-ye/page/2/", gb(html))
    assert page.kind == "listing"
    assert [(e.url, e.title) for e in page.listing.entries] == [
        (f"http://www.xjmsw.cn/post-{n}/", f"新疆民生故事第{n}篇") for n in range(1, 5)]  # (the cards' headings, no summary)
    assert set(page.listing.page_links) >= {"http://www.xjmsw.cn/tag/jiu-ye/", "http://www.xjmsw.cn/tag/jiu-ye/page/3/"}


def test_a_sites_disclaimer_and_a_way_back_home_are_no_body():
    """声明：…观点仅代表作者本人，不代表…立场。 under the text, and 返回首页 at the end of its last paragraph: no body."""
    body = (f"<div class='text'><div class='content'><p>{PROSE}</p><p>{PROSE2}<a href='/'>返回首页，查看更多</a></p>"
            "</div><div class='statement'>声明：本文由入驻民生号的作者撰写，观点仅代表作者本人，不代表新疆民生网立场。</div></div>")
    page = parse_page("http://www.xjmsw.cn/a/1.html", art_page(body))
    assert page.article.paragraphs == [PROSE, PROSE2]


@pytest.mark.parametrize("headline", ["<h2 class='entry-title'>{}</h2>", "<div><font size='5'><b>{}</b></font></div>",
                                      "<h2><img src='/images/icons/2.gif' alt=''> <strong>{}</strong></h2>",
                                      "<div class='tit'>{}</div>"])
def test_post_cards_are_dated_by_their_own_lines(headline):
    """A blog's post cards (title, date and comments link the post; author, category and tags link elsewhere): each
    entry dated by its card, its headline a heading, a heading's size of bold text or a heading's styled link; and a
    summary's 在上一篇文章中 no 上一篇 label."""
    cards = "".join(
        "<article class='post'><header>" + headline.format(f"<a href='/2020/06/0{n}/post-{n}/'>新疆民生故事第{n}篇</a>") +
        f"<span class='posted-on'>发布于 <a href='/2020/06/0{n}/post-{n}/'>2020年6月{n}日</a></span> "
        f"<span class='byline'>作者 <a href='/author/lina/'>李娜</a></span></header><div class='entry-summary'><p>"
        f"本号在上一篇文章中聊了聊社区养老的话题，{PROSE}</p></div><footer><a href='/category/minsheng/'>民生</a> "
        f"<a href='/tag/yanglao/'>养老</a> <a href='/2020/06/0{n}/post-{n}/#respond'>发表评论</a></footer></article>"
        for n in range(1, 4))
    html = (f"<html><head><title>民生 - 新疆民生网</title></head><body>{NAV}<main><h1>分类：民生</h1>{cards}"
            f"<nav><a href='/category/minsheng/page/2/'>较早文章</a></nav></main>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/category/minsheng/", gb(html))
    assert page.kind == "listing"
    assert [(e.url, e.date) for e in page.listing.entries] == [
        (f"http://www.xjmsw.cn/2020/06/0{n}/post-{n}/", f"2020-06-0{n}") for n in range(1, 4)]


@pytest.mark.parametrize("headline", ["<div class='t'>{}</div>", "<div class='t'><font face='宋体'>{}</font></div>",
                                      "<h3>{}</h3>"])
def test_a_last_listing_page_of_one_summary_dates_it(headline):
    """A category's last page of one entry (its headline link alone in its line, a summary and its 阅读全文 link, a
    发布于 line) beside a sidebar's 热门文章 that lists it too: the entry dated by its item."""
    link = "<a href='/html/jysb/20110610/1203.html'>自治区提高城乡居民最低生活保障标准</a>"
    item = (f"<div class='item'>{headline.format(link)}<div class='i'>{PROSE[:40]}…[<a href='/html/jysb/20110610/"
            f"1203.html'>阅读全文</a>]</div><div class='d'>发布于：2011-06-10 | 阅读：4410次</div></div>")
    hot = "".join(f"<li><a href='/html/jysb/201106{10 + k}/{1203 + k}.html'>热门文章的标题第{k}条很长的标题</a></li>"
                  for k in range(5)).replace("热门文章的标题第0条很长的标题", "自治区提高城乡居民最低生活保障标准")
    html = (f"<html><head><title>就业社保_新疆民生网</title></head><body>{NAV}<div class='left'>"
            f"<div class='place'>您的位置：<a href='/'>首页</a> → <a href='/html/jysb/'>就业社保</a></div>"
            f"<div class='newslist'>{item}</div><div class='page'>共 4 条记录 3 条/页 当前 2/2 页 "
            f"<a href='/html/jysb/index.html'>首页</a> <a href='/html/jysb/index.html'>上一页</a> 下一页 尾页</div></div>"
            f"<div class='right'><div class='tit'>热门文章</div><ul>{hot}</ul></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/html/jysb/index_2.html", gb(html))
    assert page.kind == "listing"
    assert [(e.url, e.date) for e in page.listing.entries] == [
        ("http://www.xjmsw.cn/html/jysb/20110610/1203.html", "2011-06-10")]


def test_a_figure_in_a_title_is_no_month_and_day():
    """Month-day dates beside titles that hold figures (1.2万个, 2.1%, 3.5公里, PM2.5) or a day of their own (5月20日起):
    each entry dated by its own date under the list's year, not by a figure read as a month and day (1.2 as January 2)
    or by the day its title names."""
    titles = ["春风行动专场招聘会提供岗位1.2万个", "前两月我区居民消费价格同比上涨2.1%", "乌鲁木齐新建自行车道3.5公里",
              "全疆PM2.5平均浓度下降近三成", "乌鲁木齐部分公交线路5月20日起调整"]
    rows = "".join(f"<li><a href='/post/{40 + k}.html'>{title}</a> <span>03-{20 - k}</span></li>"
                   for k, title in enumerate(titles))
    html = (f"<html><head><title>民生经济_新疆民生网</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页"
            f"</a> &gt; 民生经济</div><h2>2016年</h2><ul class='list'>{rows}</ul>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/msjj/", gb(html))
    assert page.kind == "listing"
    assert [e.date for e in page.listing.entries] == [f"2016-03-{20 - k}" for k in range(5)]


def test_a_day_a_title_names_is_not_its_entrys_date():
    """An entry whose title names a day (新规2019年3月1日起施行) is dated by the date printed beside it."""
    titles = ["乌鲁木齐物业服务新规2019年3月1日起施行", "昌吉州城乡居民医保缴费开始", "伊宁市新增公共停车泊位两千个"]
    rows = "".join(f"<li><a href='/msjj/2019/{40 + k}.html'>{title}</a> <span>2019-02-{20 - k}</span></li>"
                   for k, title in enumerate(titles))
    html = (f"<html><head><title>民生经济_新疆民生网</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页"
            f"</a> &gt; 民生经济</div><ul class='list'>{rows}</ul>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/msjj/", gb(html))
    assert [e.date for e in page.listing.entries] == ["2019-02-20", "2019-02-19", "2019-02-18"]


def test_dates_a_theme_prints_in_english_or_in_spans_against_each_other():
    """Posted on Sep 3, 2014 (Jekyll's stock date) and 18-03-15</span><span>14:32 (a two-digit year beside its time)
    are the article's dates, no body."""
    for info, published in (("Posted on Sep 3, 2014", "2014-09-03"),
                            ("<span class='date'>18-03-15</span><span class='time'>14:32</span>",
                             "2018-03-15T14:32:00+08:00")):
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=info))
        assert (art.published, art.paragraphs) == (published, [PROSE, PROSE2])


def test_ascii_arrows_around_a_labelled_neighbour_are_no_title():
    """<<上一篇：title and 下一篇：title>> (NetEase Blog) give the titles; a title's own <<…>> stays."""
    links = ("<p><a href='/a/1.html'>&lt;&lt;上一篇：&lt;&lt;十二木卡姆&gt;&gt;传承人的坚守</a> "
             "<a href='/a/3.html'>下一篇：社区食堂开在了老楼里&gt;&gt;</a></p>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=links))
    assert (art.prev.text, art.next.text) == ("<<十二木卡姆>>传承人的坚守", "社区食堂开在了老楼里")


def test_a_pagers_screen_reader_words_and_a_dated_folder_do_not_hide_its_pages():
    """Drupal's pager: <span class="visually-hidden">当前页</span>2 is page 2, though the article's folder says the 2nd."""
    bar = ("<nav class='pager'><ul><li><a href='?page=0'><span class='visually-hidden'>页面</span>1</a></li>"
           "<li class='is-active'><a href='?page=1'><span class='visually-hidden'>当前页</span>2</a></li></ul></nav>")
    url = "http://www.xjmsw.cn/news/2021/06/02/lao-jiu-xiao-qu?page=1"
    page = parse_page(url, art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"))
    assert page.kind == "continuation"
    assert (page.article.page_number, page.article.page_urls[:1]) == (2, [url.replace("=1", "=0")])


def test_a_hard_wrapped_line_of_chinese_reads_on_without_a_space():
    """A FrontPage page's source wrapped inside words (用木\\r\\n质): the headline, the info line and the text read on
    without a space, as a browser prints them; a line break between Latin words stays a space, an indented line's
    U+3000 stays, a <pre>'s lines stay its own, and a text with a control character (which a record leaves out) is
    kept."""
    html = ("<html><head><title>新石器时代的艺术\r\n与建筑_新疆民生网</title></head><body>" + NAV +
            "<h1>新石器时代的艺术\r\n与建筑</h1><div>作者：李\r\n娜 来源：新疆日报 2009-03-11</div><div id='text'>"
            "<p>　　远在金属出现之前，新的生活方式就带来了许多重要的新工艺，以及用木\r\n质和易腐材料建筑房屋的基本方法。"
            "这些材料保存在 Windows\r\nXP 的光盘里，\n　　也在博物馆里。</p><p>　　新石器时代的艺术家的作品大多已经佚失，"
            "今后的发掘\n\n  或许会带来新的发现。</p><p>　　改造项目征求了居民意见，\x01“改什么、怎么\r\n改”由居民说了算。</p>"
            "<pre>第三段的文字写在\n<b>两行</b>里。\n\n第四段的文字。</pre></div>" + FOOT + "</body></html>")
    article = parse_page("http://www.xjmsw.cn/a/msjj/20090311/1.html", gb(html)).article
    assert article.title == "新石器时代的艺术与建筑"
    assert article.author == "李娜"
    assert [printable(p) for p in article.paragraphs] == [
        "远在金属出现之前，新的生活方式就带来了许多重要的新工艺，以及用木质和易腐材料建筑房屋的基本方法。这些材料保存在 Windows "
        "XP 的光盘里， 也在博物馆里。", "新石器时代的艺术家的作品大多已经佚失，今后的发掘或许会带来新的发现。",
        "改造项目征求了居民意见，“改什么、怎么改”由居民说了算。", "第三段的文字写在两行里。", "第四段的文字。"]


def test_a_slash_date_beside_a_page_bar_is_no_page_counter():
    """A WAP page of <br> lines whose date is printed as ASP prints one (2013/6/8 09:30) in the block of its page bar:
    page 1 of the bar, not page 6 of 8 read from the date's month and day."""
    lines = ["首页&gt;民生&gt;正文", "乌鲁木齐新增三条夜间公交线路", "2013/6/8 09:30 来源:新疆民生网", PROSE, PROSE2,
             '上一页 1 <a href="news.php?id=1526&amp;p=2">2</a> <a href="news.php?id=1526&amp;p=2">下一页</a>']
    html = ("<html><head><title>乌鲁木齐新增三条夜间公交线路</title></head><body><div class='main'>" + "<br/>".join(lines)
            + "</div></body></html>")
    article = parse_page("http://www.xjmsw.cn/3g/news.php?id=1526", gb(html)).article
    assert article.published == "2013-06-08T09:30:00+08:00"
    assert (article.page_number, article.page_urls) == (1, ["http://www.xjmsw.cn/3g/news.php?id=1526",
                                                            "http://www.xjmsw.cn/3g/news.php?id=1526&p=2"])


def test_a_date_inside_an_entrys_link_dates_it():
    """A list whose links print their entry's date in an element of their own, at the end (Plone's portlet items,
    <a>title <span>2012-07-12</span></a>, or a two-digit year's [12-7-12]) or at the start (a whole-row link,
    <a><time>…</time><b>title</b></a>): each entry titled without the date and dated by it."""
    titles = ["喀什举办农村富余劳动力转移就业专场招聘会", "新农合住院报销比例提高到百分之七十五", "我区最低工资标准上调一类地区达每月1340元"]
    for link in ("<a href='/xinwen/{k}'>{t} <span class='details'>2012-07-1{k}</span></a>",
                 "<a href='/xinwen/{k}'><time>2012/7/1{k}</time> <b>{t}</b></a>",
                 "<a href='/xinwen/{k}'><b>{t}</b><small>[12-7-1{k}]</small></a>"):
        rows = "".join("<li>" + link.format(k=k, t=t) + "</li>" for k, t in enumerate(titles))
        html = (f"<html><head><title>民生新闻_新疆民生网</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页"
                f"</a> &gt; 民生新闻</div><ul class='list'>{rows}</ul>{FOOT}</body></html>")
        page = parse_page("http://www.xjmsw.cn/xinwen/", gb(html))
        assert [(e.title, e.date) for e in page.listing.entries] == [(t, f"2012-07-1{k}") for k, t in enumerate(titles)]


def test_a_date_of_a_two_digit_year_alone_beside_an_entry_dates_it():
    """A table of entries whose dates print a two-digit year and no time in a cell of their own (06-01-06, [14-6-17],
    as 2006's ASP systems print Date()): each entry dated by it; a code or a range in a title dates nothing."""
    rows = [("乌鲁木齐今冬供暖提前五天开始", "06-01-06"), ("自治区消协公布消费投诉十大热点", "[14-6-17]"),
            ("G30连霍高速12-3-4号桥段封闭施工通知", "")]
    cells = "".join(f"<tr><td><a href='/news/news_view.asp?id={40 + k}'>{t}</a></td><td>{d}</td></tr>"
                    for k, (t, d) in enumerate(rows))
    html = (f"<html><head><title>民生新闻_新疆民生网</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页"
            f"</a> &gt; 民生新闻</div><table class='list'>{cells}</table>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/news/news_list.asp?c_id=6", gb(html))
    assert [e.date for e in page.listing.entries] == ["2006-01-06", "2014-06-17", None]


def test_a_kicker_over_the_headline_in_the_texts_table_is_no_body():
    """A newspaper CMS's table of kicker (引题), headline, subtitle, info line and text: a kicker with quotation marks
    and the labels' colons made the table outscore the text's cell; what it prints above the headline is no body."""
    html = (f"<html><head><title>天山南北创业创新热潮涌动-新疆民生网</title></head><body>{NAV}<table>"
            "<tr><td class='font03'>大赛挖掘各地“豪杰” 孵化基地接连打造</td></tr>"
            "<tr><td class='font01'>天山南北创业创新热潮涌动</td></tr>"
            "<tr><td class='font03'>——我区多措并举激发各族群众创业热情</td></tr>"
            "<tr><td>2013-05-12 10:31:05　来源：新疆日报　作者：李娜</td></tr>"
            f"<tr><td id='zoom'><p>{PROSE}</p></td></tr>"
            "<tr><td>[责任编辑：刘永明]</td></tr></table>" + FOOT + "</body></html>")
    article = article_of(gb(html))
    assert (article.title, article.author, article.source) == ("天山南北创业创新热潮涌动", "李娜", "新疆日报")
    assert article.paragraphs == [PROSE]


def _blog_entry(footer_after_more: str, comments: str) -> bytes:
    lines = "".join(f"<p>{PROSE[:20 + k]}。</p>" for k in range(10))  # more lines than the headline's window
    return gb(f"""<html><head><title>走访乌鲁木齐棚户区</title></head><body><h1><a href="/">编辑部博客</a></h1>
<div id="alpha"><p class="nav"><a href="/">主页</a> | <a href="/archives/2010/03/post-104.html">下一篇：三月菜价调查</a></p>
<div class="entry"><h3>走访乌鲁木齐棚户区</h3><div class="entry-content"><div class="entry-body"><p>{PROSE2}</p></div>
<div class="entry-more">{lines}</div></div>{footer_after_more}</div>
<div class="trackbacks"><h3>引用</h3><div><p>此日志的引用URL：http://www.xjmsw.cn/mt/mt-tb.cgi/101</p></div>
<div><p>本周菜价继续回落，新疆民生网编辑部博客的调查也印证了这一点……</p>
<p>引用自 菜篮子观察 的 乌鲁木齐菜价周报 于 2010年3月9日 08:45</p></div></div>{comments}</div></body></html>""")


def test_a_blog_entrys_footer_comments_and_trackbacks():
    """Movable Type: the entry's footer (发表者：李娜 于 <date>) after the wrapper of its text's two parts dates it
    however long the text; the comments under a counted label (评论 (2)) and the trackbacks (other blogs' dated
    excerpts under 引用) are no body, and each comment's 发表者： does not make the footer's label a list's."""
    footer = '<p class="footer">发表者：李娜 于 2010年3月2日 09:20 | <a href="#">永久链接</a> | 评论 (2)</p>'
    comments = ('<div class="comments"><h3>评论 (2)</h3><div class="comment"><p>说的就是我们家那片，盼了好多年了，'
                '希望今年真能开工，也希望安置房的质量能有保证。</p><p>发表者：雅山老住户 于 <a href="#c">2010年3月2日 11:50'
                '</a></p></div><div class="comment"><p>支持棚改！</p><p>发表者：天山区居民 于 2010年3月2日 16:20</p></div>'
                '</div>')
    article = article_of(_blog_entry(footer, comments), url="http://www.xjmsw.cn/archives/2010/03/post-101.html")
    assert article.published == "2010-03-02T09:20:00+08:00"
    assert article.author is None  # (发表者 is the poster, no 作者)
    assert article.paragraphs == [PROSE2, *(f"{PROSE[:20 + k]}。" for k in range(10))]


def test_a_blogs_home_page_whose_masthead_links_it_is_no_listing():
    """A blog's home page lists its newest entries; no 首页 link says it is the front page, but the masthead's <h1>
    links the blog's name, all of its <title>, to it."""
    entries = "".join(f'<div class="entry"><h3><a href="/archives/2010/03/post-{k}.html">第{k}篇日志的标题文字</a></h3>'
                      f'<p>{PROSE}</p><p class="footer">发表者：李娜 于 2010年3月{k}日 09:20</p></div>' for k in range(1, 6))
    html = (f'<html><head><title>新疆民生网编辑部博客</title></head><body><h1><a href="/">新疆民生网编辑部博客</a></h1>'
            f'<div id="alpha">{entries}</div><div id="beta"><a href="/archives/2010/03/">2010年3月</a></div>'
            '</body></html>')
    assert parse_page("http://www.xjmsw.cn/", gb(html)).kind == "other"
    assert parse_page("http://www.xjmsw.cn/archives/2010/03/", gb(html)).kind == "listing"


def test_a_flat_run_of_posts_is_the_list_and_a_box_of_newest_comments_never_is():
    """Sablog prints its posts as a flat run (<h2><a>title</a></h2><p>作者: … | 时间: …</p><div>text</div>) in one
    block, one of them whole: its posts are the page's list, dated by the line under each heading; a sidebar's dated
    最新评论 box is never a page's list (an archive's month index beside it is no listing of it)."""
    posts = "".join(f'<h2><a href="./show-{k}-1.html">第{k}篇日志的标题文字</a></h2><p>作者: 李娜 | 时间: 2009-12-{k} 09:45</p>'
                    f'<div class="content"><p>{PROSE}</p><p>{PROSE2}</p></div><p>标签: 住房</p>' for k in (3, 2, 1))
    remarks = "".join(f'<li><a href="./?action=show&amp;id={k}&amp;goto=newcm">希望房子别建得太偏{k}</a><br>'
                      f'<span>2009-12-1{k} - 租房族</span></li>' for k in range(1, 6))
    side = f'<div id="sidebar"><h2>最新评论</h2><ul>{remarks}</ul></div>'
    bar = '<div class="p_bar"><a href="./index-1.html">1</a><span>2</span><a href="./index-3.html">3</a></div>'
    head = "<html><head><title>编辑部博客</title></head><body>"
    page = parse_page("http://www.xjmsw.cn/blog/index-2.html", gb(
        f"{head}{NAV}<div id='wrap'>{posts}{bar}</div>{side}{FOOT}</body></html>"))
    assert page.kind == "listing"
    assert [(e.url[-13:], e.date) for e in page.listing.entries] == [
        (f"show-{k}-1.html", f"2009-12-0{k}T09:45:00+08:00") for k in (3, 2, 1)]
    months = '<h2>日志归档</h2><ul><li><a href="./archives-200911-1.html">11月</a> (4)</li>' \
             '<li><a href="./archives-200912-1.html">12月</a> (3)</li></ul>'
    page = parse_page("http://www.xjmsw.cn/blog/archives.html", gb(
        f"{head}{NAV}<div id='wrap'>{months}</div>{side}{FOOT}</body></html>"))
    assert page.kind == "other"


def test_a_date_only_a_script_prints_is_read_from_its_data():
    """腾讯新闻 prints the date by script from window.DATA's "pubtime"; a JSON-LD "datePublished" in another zone is
    given in Beijing time; a printed date wins over both."""
    for data, published in (('window.DATA = {"id":"20190612A0ABCD00","pubtime":"2019-06-12 08:30:00"};',
                             "2019-06-12T08:30:00+08:00"),
                            ('{"@type":"NewsArticle","datePublished":"2019-06-12T00:30:00Z"}',
                             "2019-06-12T08:30:00+08:00")):
        page = art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info="", extra=f"<script>{data}</script>")
        assert article_of(page).published == published
        page = art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info="2019-06-13", extra=f"<script>{data}</script>")
        assert article_of(page).published == "2019-06-13"


def test_an_ad_units_image_linking_elsewhere_is_no_picture_of_the_text():
    """北方网's 300x250 画中画 floated into the text, linking to the advertiser: no image of the article; a picture of
    that size linking to the site's own page is."""
    ad = ('<div style="float:left"><a href="http://www.xj.10086.cn/"><img src="/images/hzh.jpg" width="300" '
          'height="250"></a></div>')
    own = '<p><a href="/pic/1.jpg"><img src="/pic/1.jpg" width="300" height="250"></a></p>'
    art = article_of(art_page(f"{ad}<p>{PROSE}</p>{own}<p>{PROSE2}</p>"))
    assert art.images == ["http://www.xjmsw.cn/pic/1.jpg"]


def test_a_discuz_x_thread():
    """Discuz! X 3.2: the subject beside image-only 上一主题/下一主题 in the thread's head is no body; floors are
    numbered by links their click script cancels (楼主, 沙发); the starter's time is its 发表于 … | 只看该作者 line's;
    a member box's counts (<p><a>3</a></p>主题, <dt>积分</dt><dd><a>173</a></dd>) are no page bar, the 下一页 »
    button gives way to the numbered bar it repeats; an attachment's hidden popup tip and an a_pr ad are no text."""
    def floor(pid: int, mark: str, when: str, message: str) -> str:
        return (f'<div id="post_{pid}"><table class="plhin"><tr><td class="pls"><div class="tns"><table><tr><th><p>'
                f'<a href="home.php?mod=space&uid={pid}&do=thread">3</a></p>主题</th></tr></table></div><dl><dt>积分'
                f'</dt><dd><a href="home.php?mod=space&uid={pid}&do=profile">173</a></dd></dl></td><td class="plc">'
                f'<div class="pi"><strong><a href="forum.php?mod=redirect&goto=findpost&pid={pid}" '
                f'onclick="setCopy(this.href);return false;">{mark}</a></strong><div class="authi">'
                f'<em>发表于 {when}</em><span class="pipe">|</span><a href="forum.php?mod=viewthread&tid=2011&'
                f'authorid=2">只看该作者</a></div></div><div class="t_fsz"><table><tr><td class="t_f">{message}</td>'
                f'</tr></table></div></td></tr></table></div>')
    tip = ('<div class="tip" style="position: absolute; display: none"><p><strong>IMG_0103.jpg</strong> '
           '<em>(143.18 KB, 下载次数: 52)</em></p><p><a href="forum.php?mod=attachment&aid=1958">下载附件</a></p><p>2016-11-12 11:25 上传'
           '</p></div>')
    ad = '<div class="a_pr"><a href="/zt/2016gn/"><img src="data/attachment/common/banner.jpg" alt="供热热线"></a></div>'
    starter = f"{ad}{PROSE}<br />{tip}<br />{PROSE2}"
    reply = "支持！希望供热部门尽快处理老旧小区的问题，我们小区去年冬天室温只有十五度，老人孩子都受不了。"
    bar = ('<div class="pg"><strong>1</strong><a href="thread-2011-2-1.html">2</a><a href="thread-2011-2-1.html">'
           '下一页</a></div>')
    head = ('<table><tr><td class="plc"><div class="y"><a href="forum.php?mod=redirect&goto=nextoldset&tid=2011">'
            '<img src="thread-prev.png" alt="上一主题"></a><a href="forum.php?mod=redirect&goto=nextnewset&tid=2011">'
            '<img src="thread-next.png" alt="下一主题"></a></div><h1><span id="thread_subject">新疆创业创新热潮涌动</span>'
            '</h1></td></tr></table>')
    html = (f"<html><head><title>新疆创业创新热潮涌动 - 民生资讯 - 新疆民生论坛</title></head><body>{NAV}<div id='ct'>"
            f"{head}<div id='postlist'>{floor(31084, '楼主', '2016-11-1 16:30:05', starter)}"
            f"{floor(31086, '沙发', '2016-11-2 06:58:08', reply)}{floor(31087, '板凳', '2016-11-2 07:12:40', reply)}"
            f"</div><div class='pgbtn'><a href='thread-2011-2-1.html'>下一页 &raquo;</a></div>{bar}</div>"
            f"{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/bbs/thread-2011-1-1.html", gb(html))
    art = page.article
    assert (page.kind, art.title, art.published) == ("article", "新疆创业创新热潮涌动", "2016-11-01T16:30:05+08:00")
    assert art.paragraphs == [PROSE, PROSE2] and art.images == []
    assert (art.prev.url, art.next.url) == ("http://www.xjmsw.cn/bbs/forum.php?mod=redirect&goto=nextoldset&tid=2011",
                                            "http://www.xjmsw.cn/bbs/forum.php?mod=redirect&goto=nextnewset&tid=2011")
    assert art.page_urls == [f"http://www.xjmsw.cn/bbs/thread-2011-{n}-1.html" for n in (1, 2)]


def test_a_self_media_platforms_notice_and_report_button_are_no_text():
    """网易号: 来源: <a>新疆民生网</a> <a>举报</a> names the source without its 举报 button; the 特别声明 under the text
    (…本平台仅提供信息存储服务。) and its English twin are no text."""
    notice = ("<p><b>特别声明：</b>以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。"
              "</p><p>Notice: The content above (including the pictures and videos if any) is uploaded and posted by "
              "a user of NetEase Hao, which is a social media platform and only provides information storage "
              "services.</p>")
    info = '2019-05-30 08:15:00　来源: <a href="/v2/media/T1514R9P4.html">新疆民生网</a> <a href="http://jubao.163.com/">举报</a>'
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{notice}", info=info))
    assert (art.source, art.paragraphs) == ("新疆民生网", [PROSE, PROSE2])


def test_a_page_bar_only_trs_script_writes_is_read():
    """TRS's createPageHTML(3, 1, "t20110627_21671450", "shtml") writes the only page bar of a page: page 2 of 3, its
    pages t20110627_21671450.shtml, _1.shtml and _2.shtml (not the function's own definition in the head)."""
    define = ('<script>function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){'
              'document.write("<a href=\\""+_sPageName+"_"+_nCurrIndex+"."+_sPageExt+"\\">下一页</a>");}</script>')
    bar = '<div id="page_bar"><script>createPageHTML(3, 1, "t20110627_21671450", "shtml");</script></div>'
    url = "http://www.xjmsw.cn/xwzx/shbz/201106/27/t20110627_21671450_1.shtml"
    page = parse_page(url, art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}", extra=define))
    assert page.kind == "continuation" and page.article.page_number == 2
    assert page.article.page_urls == [f"http://www.xjmsw.cn/xwzx/shbz/201106/27/t20110627_21671450{n}.shtml"
                                      for n in ("", "_1", "_2")]


def test_a_sohu_accounts_post_its_badge_back_link_and_boxes():
    """搜狐号: a 原创 badge of its own in the <h1> (the <title> leaves it out) is no part of the headline; a 返回搜狐，
    查看更多 link closing the last line is neither text nor the （来源：…）'s value; the account card's heading linking
    its page, over the block that holds the headline, makes no archive page of the post; a 大家都在看 box is no list."""
    title = "乌鲁木齐居民天然气采暖价格今冬不上调"
    back = '<a href="http://www.sohu.com/?strategyid=00001">返回搜狐，查看更多</a>'
    card = '<div class="user-info"><h4><a href="/media/100123456">新疆民生网</a></h4><p>文章 156</p></div>'
    seen = "".join(f'<li><a href="/a/2{k}_100123456">乌鲁木齐公租房申请条件再放宽第{k}批</a></li>' for k in (1, 2))
    html = (f"<html><head><title>{title}_乌鲁木齐_供暖</title></head><body>{NAV}<div class='area'>"
            f"<div class='column'>{card}</div><div class='main'><div class='text'><h1><span>原创</span>{title}</h1>"
            f"<span class='time'>2018-10-15 09:40</span><p>{PROSE}</p><p>{PROSE2}（来源：新疆日报）{back}</p>"
            "<p>声明：该文观点仅代表作者本人。</p></div>"
            f"<div class='all-see'><div class='title'>大家都在看</div><ul>{seen}</ul></div></div></div></div>"
            f"{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/a/262139405_100123456", gb(html))
    assert page.kind == "article"
    art = page.article
    assert (art.title, art.source, art.paragraphs) == (title, "新疆日报", [PROSE, PROSE2])


def test_a_line_of_times_in_the_text_under_an_info_line_dated_before_its_label():
    """An info line that prints the date before its label (2013年05月30日 09:15　来源：…) gave the article's time: the
    text's own 咨询时间：… line is text."""
    body = f"<p>{PROSE}</p><p>{PROSE2}</p><p>考试院咨询电话：0991-7662010<br>咨询时间：6月1日至9日 9:00-20:00</p>"
    article = article_of(art_page(body, info="2013年05月30日 09:15　来源：新疆民生网"))
    assert article.paragraphs == [PROSE, PROSE2, "考试院咨询电话：0991-7662010", "咨询时间：6月1日至9日 9:00-20:00"]
    assert article.published == "2013-05-30T09:15:00+08:00"


def test_a_headlines_own_punctuation_does_not_take_a_posts_wrapper_for_its_text():
    """PJBlog with full-width colons: a headline with a comma and an info line's colons made the post's wrapper
    outscore the text's block beside them, and the tags, the trackback URL and the counters in that wrapper joined the
    body. A byline of its own beside the text's block still keeps the wrapper."""
    def page(byline: str = "") -> bytes:
        return gb(f"""<html><head><title>小区停水三天，问题出在哪</title></head><body>{NAV}<div class="Content">
<div class="top"><h1>小区停水三天，问题出在哪</h1><h2>作者：李娜 日期：2008-06-16</h2></div>{byline}
<div id="logPanel"><p>{PROSE}</p><p>{PROSE2}</p></div><div><strong>引用通告地址:</strong> <strong>Tags:</strong>
<a href="/tag/1">供水</a></div><div class="bottom"><a href="/a/41.html">上一篇：公交线路调整后，市民出行更方便了吗</a>
评论: 2 | 引用: 0 | 查看次数: 804</div></div>{FOOT}</body></html>""")
    assert article_of(page()).paragraphs == [PROSE, PROSE2]
    assert article_of(page("<p>□本网记者 李娜</p>")).paragraphs[0] == "□本网记者 李娜"


def test_a_wechat_layouts_follow_cards_and_a_reposts_disclaimer_are_no_body():
    """A text pasted from a WeChat layout editor opens with ▲点击上方蓝字关注我们 and closes with a card of its account's
    QR code (长按识别二维码关注): neither, nor the QR code, nor a repost's 如有侵权请联系本网删除 notice, is the article's;
    a sentence that asks readers to scan a code is."""
    scan = "市民可扫描二维码关注供热公众号查询。"
    body = (f"<section><section><p><span>▲点击上方</span><strong>蓝字</strong><span>关注我们</span></p></section>"
            + "".join(f"<section><p>{text}</p></section>" for text in (PROSE, scan, PROSE2)) +
            "<section><section><img data-src='/uploads/qrcode.jpg' src='/uploads/qrcode.jpg'></section>"
            "<p>长按识别二维码关注</p><p>新疆民生网微信公众号</p></section></section>")
    article = article_of(art_page(body, extra="<p>声明：本网转载稿件版权归原作者所有，如有侵权请联系本网删除。</p>"))
    assert (article.paragraphs, article.images) == ([PROSE, scan, PROSE2], [])


def _floor(number: str, uid: int, text: str, stamp: str) -> str:
    """A forum floor as PHPWind 8 prints it: the poster's box (its counts too), the number that copies the floor's
    address (a link without href), the time, the post."""
    return (f'<div class="read_t"><table><tr><td class="floot_left"><div class="readName"><a href="u.php?uid={uid}">'
            f'用户{uid}</a></div><ul class="cc half"><li><span>发帖</span>1230</li><li><span>精华</span><a href='
            f'"searcher.php?authorid={uid}&digest=1">3</a></li><li><span>威望</span>136</li><li><span>金钱</span>3810'
            f'</li></ul></td><td class="floot_right"><div class="tipTop"><a class="s2 b cp" onclick="copyFloorUrl()">'
            f'{number}</a> <span title="{stamp}">发表于: {stamp}</span></div><div class="tpc_content">{text}</div>'
            f'</td></tr></table></div>')


def test_a_thread_whose_floors_only_the_first_marks_as_the_starters_reads_the_starters_floors():
    """Where only the first floor says 楼主 (PHPWind 8), the floors posted under its poster's name go on with the
    text; the headline's [复制链接] button and a poster box's counts (精华 <a>3</a> 威望 136) are none of the record."""
    title = "友好路公交站台改造后，早高峰等车要排半小时"
    floors = [_floor("楼主", 1024, PROSE, "2011-05-12 08:46"), _floor("沙发", 1507, "说得对，支持楼主。", "2011-05-12 12:18"),
              _floor("板凳", 1512, "我也天天在那里等车，确实太挤了。", "2011-05-12 13:28"),
              _floor("4楼", 1024, PROSE2, "2011-05-12 16:51"), _floor("5楼", 1514, "顶一个！", "2011-05-12 19:16")]
    page = gb(f"""<html><head><title>{title}|民生热议 - 新疆民生论坛</title></head><body>{NAV}
<div class="readTop"><h1><a href="thread.php?fid=12&type=2">[曝光]</a> {title} <a href="javascript:;"
onclick="copyUrl('')">[复制链接]</a></h1><a href="link.php?action=previous&tid=1203&goto=previous">上一主题</a>
<a href="link.php?action=previous&tid=1203&goto=next">下一主题</a></div>
<div id="pw_content">{"".join(floors)}</div>{FOOT}</body></html>""")
    art = article_of(page, url="http://www.xjmsw.cn/bbs/read.php?tid=1203")
    assert art.title == title
    assert art.paragraphs == [PROSE, PROSE2]
    assert art.published == "2011-05-12T08:46:00+08:00"
    assert art.page_urls == []


def test_titled_prev_next_after_label_only_buttons_and_a_crumb_of_divided_items():
    """OneThink prints bare 上一篇/下一篇 buttons in its header and the titled links in its pager further down: the
    titled ones name the neighbours; its crumb's items each end in their own <span class="divider">/</span>."""
    prev_url, next_url = (f"/index.php?s=/Home/Article/detail/id/{n}.html" for n in (111, 118))
    crumb = ('<ul class="breadcrumb"><li><i class="icon-home"></i> 当前位置：<a href="/">首页</a> <span class="divider">/'
             '</span></li><li><a href="/index.php?s=/Home/Article/lists/category/jysb.html">就业社保</a> <span '
             'class="divider">/</span></li><li class="active">正文</li></ul>')
    extra = (f'<ul class="pager"><li><a href="{prev_url}">上一篇：乌鲁木齐发放创业担保贷款</a></li>'
             f'<li><a href="{next_url}">下一篇：城乡居民养老保险制度合并实施</a></li></ul>')
    buttons = f'<div class="btns"><a href="{prev_url}">上一篇</a> <a href="{next_url}">下一篇</a></div>'
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=buttons + crumb, extra=extra),
                     url="http://www.xjmsw.cn/index.php?s=/Home/Article/detail/id/112.html")
    assert (art.prev.text, art.next.text) == ("乌鲁木齐发放创业担保贷款", "城乡居民养老保险制度合并实施")
    assert art.breadcrumb == ["首页", "就业社保"] and art.category == "就业社保"


def test_a_framed_hot_list_titled_as_a_box_is_a_listing():
    """An iframe's page of one ranked list under <title>热点排行</title>: the <head> before <body> heads no box, so
    the list is the page's own (it read as a sidebar box, and the page as other)."""
    rows = "".join(f'<tr><td><span>{n}</span></td><td><a href="../system/2012/0{n}/1{n}/0201065{n}.shtml" title="{t}">'
                   f'{t[:14]}…</a></td></tr>' for n, t in enumerate(("乌鲁木齐首批公共租赁住房摇号配租 1200户家庭喜圆安居梦",
                                                                    "浙江援疆医疗队进驻阿克苏地区第一人民医院",
                                                                    "乌鲁木齐城镇居民医保试点启动 未成年人和老人可参保",
                                                                    "阿克苏千名富余劳动力接受订单培训 学成后直接进厂上岗",
                                                                    "乌鲁木齐全面供暖 热线电话24小时受理投诉",
                                                                    "300名新疆内高班新生到杭报到",
                                                                    "新疆提高城乡低保标准 城市低保月人均补差提高30元",
                                                                    "浙江援建阿克苏双语幼儿园全部投用"), 1))
    page = parse_page("http://www.xjmsw.cn/05zjnews/include/hot.shtml", gb(
        f'<html><head><title>热点排行</title><style>a{{color:#333}}</style><base target="_blank"></head>'
        f'<body><table>{rows}</table></body></html>'), {"Content-Type": "text/html; charset=GB2312"})
    assert page.kind == "listing" and len(page.listing.entries) == 8


def test_an_attachments_download_count_a_script_writes_is_no_text():
    """附件【<a>….xls</a>】已下载<span><script>…</script></span>次 in the row under the body (WebPlus, VSB): the
    attachment line is body, the words of its empty count are not, in the text nor in body_html."""
    row = ('<table><tr><td><div class="v_news_content"><p>{}</p><p>{}</p></div></td></tr><tr><td><ul><li>附件【<a href='
           '"/system/_content/download.jsp?wbfileid=1045">2014年公益性岗位申报表.xls</a>】已下载<span id="nattach1045">'
           '<script>getClickTimes(1045,1318203456,"wbnewsfile","attach")</script></span>次</li></ul></td></tr></table>')
    art = article_of(art_page(row.format(PROSE, PROSE2)))
    assert art.paragraphs == [PROSE, PROSE2, "附件【2014年公益性岗位申报表.xls】"]
    assert "已下载" not in art.body_html and "2014年公益性岗位申报表.xls</a>】" in art.body_html


def test_a_gallery_pages_photo_in_the_block_above_its_caption():
    """A gallery page prints its photo in a block of its own right above the caption's (the photo leading on to the
    gallery's next page, or to its full size, or nowhere on the last page): the photo is the caption's; a banner there
    (960x90) or a photo linking elsewhere is not."""
    def page(photo):
        return art_page(f'<p>{PROSE}</p>', extra="").replace(
            b'<div class="content">', photo.encode() + b'<div class="content">')
    url = "http://www.xjmsw.cn/html/2012-05/06/content_21325510.htm"
    img = '<img src="/pic/0506/1.jpg" border="0">'
    for photo in (f'<a href="content_21325510_2.htm">{img}</a>', f'<a href="/pic/0506/1_big.jpg">{img}</a>', img):
        art = article_of(page(f'<div class="pic_img">{photo}</div>'), url=url)
        assert art.images == ["http://www.xjmsw.cn/pic/0506/1.jpg"] and art.paragraphs == [PROSE]
        assert art.body_html.index("1.jpg") < art.body_html.index(PROSE[:10])
    for photo in ('<div class="pic_img"><a href="/ad/click.asp?id=3"><img src="/pic/ad_640x480.jpg"></a></div>',
                  '<div class="banner"><a href="/pic/banner.jpg"><img src="/pic/banner.jpg" width="960" '
                  'height="90"></a></div>'):
        assert article_of(page(photo), url=url).images == []


def test_a_word_tables_note_row_is_no_text_without_its_table():
    """A text that is one table pasted from Word (a title row, a unit row, a header and rows of figures, a note row
    under them): the note row, the only punctuated text, is the densest block; the text is the whole table."""
    cells = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in (
        ("品种", "石河子市", "五家渠市", "阿拉尔市"), ("西红柿", "5.50", "5.80", "6.20"), ("黄瓜", "4.20", "4.50", "4.80"),
        ("大白菜", "1.60", "1.80", "2.00")))
    note = "注：表中价格为各市定点农贸市场、超市监测价格的平均值，监测时间为每月下旬，单位为元每公斤，仅供参考。"
    table = (f'<div align="center"><table class="MsoNormalTable" border="1"><tr><td colspan="4"><p>4月下旬主要城市蔬菜零售价格'
             f'监测表</p></td></tr>{cells}<tr><td colspan="4"><p>{note}</p></td></tr></table></div>')
    art = article_of(art_page(table, info="信息来源：价格监测中心 发布日期：2013-4-28"))
    assert art.paragraphs == ["4月下旬主要城市蔬菜零售价格监测表", "品种 石河子市 五家渠市 阿拉尔市", "西红柿 5.50 5.80 6.20",
                              "黄瓜 4.20 4.50 4.80", "大白菜 1.60 1.80 2.00", note]


def test_two_reporters_apart_by_a_gap_are_the_author():
    """作者：李娜  古丽米拉·艾山 (two ASCII spaces, as a browser shows one) names two reporters; a paper's name after
    the gap is no reporter (作者：李娜  新疆日报)."""
    for info, author in (("作者：李娜  古丽米拉·艾山", "李娜 古丽米拉·艾山"), ("作者：杨文  王晶晶", "杨文 王晶晶"),
                         ("作者：李娜  新疆日报", "李娜")):
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=f"2016-05-12 08:31:27 来源：新疆日报 {info}"))
        assert art.author == author, info


def test_an_editors_credit_closing_the_last_paragraph_is_no_text():
    """…价格将逐步回落。(责任编辑：GY002) glued to the last paragraph: the text ends before the credit, in body_html
    too; a bracket that is the text's own is kept."""
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}(责任编辑：GY002)</p>"))
    assert art.paragraphs == [PROSE, PROSE2] and "GY002" not in art.body_html
    own = "市民可拨打热线咨询，也可到社区服务中心办理。（详见附表）"
    assert article_of(art_page(f"<p>{PROSE}</p><p>{own}</p>")).paragraphs == [PROSE, own]


def test_a_quote_box_in_the_texts_block_is_no_text_a_table_of_figures_is():
    """A floated box of index quotes inside the text's block, each name linking its quote page (上证指数 2738.96
    -2.35%, 沪深300 …), is no text; the text's own table of figures with a change column is."""
    quotes = "".join(f'<tr><td><a href="http://quote.example.com/?code={c}">{n}</a></td><td>{p}</td><td>{d}</td></tr>'
                     for c, n, p, d in (("000001", "上证指数", "2738.96", "-2.35%"), ("399001", "深证成指", "10256.80",
                                                                                "+1.25%"),
                                        ("000300", "沪深300", "2984.92", "-2.16%")))
    figures = ("<table><tr><td>品种</td><td>均价</td><td>环比</td></tr><tr><td>大白菜</td><td>1.60</td><td>+3.1%</td></tr>"
               "<tr><td>西红柿</td><td>5.50</td><td>-8.3%</td></tr></table>")
    art = article_of(art_page(f'<div style="float:right"><table>{quotes}</table></div><p>{PROSE}</p>{figures}'
                              f'<p>{PROSE2}</p>'))
    assert art.paragraphs == [PROSE, "品种 均价 环比", "大白菜 1.60 +3.1%", "西红柿 5.50 -8.3%", PROSE2]


def test_a_short_signed_article_beside_related_boxes_is_no_listing():
    """A short article whose text's block holds a 延伸阅读 box, its column a dated 相关新闻 box of the same URL shapes:
    the boxes' titles outweigh the short text, but a related box's list is no page's own (it read as a listing)."""
    text = [PROSE, "目前，全区共有87家定点医疗机构开通了跨省异地就医直接结算服务，覆盖所有地州市。"]
    more = ('<li><a href="/2016/03-02/119455.html">新疆城乡居民大病保险报销比例提高至50%以上</a></li>'
            '<li><a href="/xwzx/jysb/20140311/101455.html">新疆城乡居民基础养老金每人每月提高到115元</a></li>')
    dated = "".join(f'<li><span>{d}</span><a href="{u}">{t}</a></li>' for d, u, t in (
        ("2016-09-06", "/2016/09-06/126118.html", "南疆四地州今年已转移富余劳动力超过60万人次"),
        ("2015-07-21", "/2015/07-21/111362.html", "乌鲁木齐企业稳岗补贴开始申报 8月31日截止"),
        ("2013-06-26", "/xwzx/jysb/20130626/93807.html", "我区今年力争新增城镇就业40万人 高校毕业生就业率达90%")))
    title = "新疆跨省异地就医住院费用可直接结算"
    page = gb(f"""<html><head><meta charset="gbk"><title>{title}_就业社保_新疆民生网</title></head><body>{NAV}
<div class="crumb">当前位置：<a href="/">新疆民生网</a> &gt; <a href="/xwzx/jysb/index.html">就业社保</a> &gt; 正文</div>
<div class="left"><h1>{title}</h1><div class="info"><span>2017-06-19 12:10:00</span> <span>来源：人民网</span>
<span>作者：姜珺</span></div><div class="mainCon">{"".join(f"<p>{p}</p>" for p in text)}
<div class="ycyd"><div>延伸阅读</div><ul>{more}</ul></div></div><div class="bianji">编辑：杨帆</div>
<div class="xgxw"><h3>相关新闻</h3><ul>{dated}</ul></div></div>{FOOT}</body></html>""")
    parsed = parse_page("http://www.xjmsw.cn/2017/06-19/134587.html", page)
    assert parsed.kind == "article" and parsed.article.paragraphs == text


@pytest.mark.parametrize("wrap", ["{}", '<font face="宋体">{}</font>'])
def test_a_players_length_in_the_box_under_it_is_no_text(wrap):
    """A video player's box (alone, or in a <font>) and right under it a box of its length and download link
    (节目时长：03:12 下载视频): no text; a sentence there that names a length is."""
    player = wrap.format('<object width="480" height="360"><embed src="/player/Sobey.swf?file=/v/1.flv"></object>')
    for under, kept in (('<div>节目时长：03:12　<a href="/v/1.flv">下载视频</a></div>', []),
                        ("<p>这段视频时长三分钟，记录了供暖季的第一天。</p>", ["这段视频时长三分钟，记录了供暖季的第一天。"])):
        art = article_of(art_page(f'<div class="video">{player}</div>{under}<p>{PROSE}</p><p>{PROSE2}</p>'))
        assert art.paragraphs == [*kept, PROSE, PROSE2]


def test_a_box_of_sponsored_links_under_the_text_is_no_text():
    """An ad network's box under the text (赞助商链接 over links, each with its words and URL, Overture's 我也想出现在这里)
    is no text, wherever the text's block reaches; a sentence that names such links is."""
    ads = "".join(f'<li><a href="http://rc.cn.overture.com/?u={u}">{t}</a><p>{d}</p><p>{u}</p></li>' for t, d, u in (
        ("新疆二手房 房源天天更新", "乌鲁木齐二手房出售、出租信息，真实房源，免费发布。", "www.xjfcw.cn"),
        ("新疆旅游 喀纳斯天池特价线路", "喀纳斯、吐鲁番、天山天池精品团，天天发团，价格透明。", "www.xjtour.net")))
    box = (f'<div class="tui"><h4>赞助商链接</h4><ul>{ads}</ul><div>Overture赞助商链接 <a href="http://cn.overture.com/">'
           '我也想出现在这里</a></div></div>')
    sentence = "推广链接一律标明“广告”字样，网友可通过举报电话反映虚假广告。"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><p>{sentence}</p>{box}"))
    assert art.paragraphs == [PROSE, PROSE2, sentence] and "overture" not in art.body_html


def test_a_greyed_out_label_button_takes_not_the_other_labels_link():
    """ASP.NET's « 上一篇 button greyed out at a chain's end (no href, title="没有了") beside the 下一篇 » button whose
    title names the neighbour: 上一篇 is none, not the 下一篇 link."""
    buttons = ('<div class="btns"><a class="btn_prev" disabled="disabled" title="没有了">&laquo; 上一篇</a>&nbsp;&nbsp;'
               '<a class="btn_next" title="我区今年将新增城镇就业岗位18万个" href="view.aspx?id=100587">下一篇 &raquo;</a></div>')
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=buttons),
                     url="http://www.xjmsw.cn/view.aspx?id=100412")
    assert art.prev is None and art.next.url == "http://www.xjmsw.cn/view.aspx?id=100587"


def test_a_last_pages_few_paragraphs_beside_an_ad_box_and_the_page_bar():
    """A last page of three paragraphs (a bold subhead, two short ones), an ad's box and the page bar in the text's
    block after them, a long disclaimer under them: every paragraph is text, not only the longest."""
    head = "领取养老金不用出村"
    one = "为方便农村老人领取养老金，各地依托农村信用社、邮政储蓄网点，将养老金直接发放到参保人的银行卡上，实现了“领取养老金不出村”。"
    two = "自治区人社厅有关负责人表示，下一步将加快推进新农保与城镇居民社会养老保险制度的衔接，力争实现全覆盖。"
    block = (f'<p><strong>{head}</strong></p><p>{one}</p><p>{two}</p><div class="ad_in"><object width="300" '
             'height="250"><param name="source" value="/ClientBin/Ad.xap"></object></div><div class="pages"><a '
             'href="view.aspx?id=9&pg=2">上一页</a><a href="view.aspx?id=9">1</a><a href="view.aspx?id=9&pg=2">2</a>'
             '<span>3</span></div>'
             '<p class="mzsm">免责声明：本文仅代表作者个人观点，与本站无关。其原创性以及文中陈述文字和内容未经本站证实，对本文以及其中全部或者部分'
             '内容、文字的真实性、完整性、及时性本站不作任何保证或承诺，请读者仅作参考，并请自行核实相关内容。</p>')
    art = article_of(art_page(block), url="http://www.xjmsw.cn/view.aspx?id=9&pg=3")
    assert art.paragraphs == [head, one, two]


def test_a_next_teaser_box_names_its_article_by_the_titled_link_after_the_thumbnail():
    """下一篇文章 in a block of its own over a thumbnail's link and the titled link to the same page: 下一篇 is that
    page under its title, not nothing (the thumbnail's link shows no text)."""
    box = ('<div class="next-article"><div class="next-label">下一篇文章</div><a class="next-pic" href="/economy/'
           '2016_03_08_352731.shtml"><img src="/Upload/thumb/352731.jpg" alt=""></a><div class="next-txt"><h4><a href='
           '"/economy/2016_03_08_352731.shtml">乌鲁木齐“春风行动”专场招聘会提供岗位3.2万个</a></h4><p>本报讯（记者 古丽米拉·'
           '艾山）3月6日，专场招聘会在新疆国际会展中心举行…</p></div></div>')
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=box),
                     url="http://www.xjmsw.cn/economy/2016_05_12_360012.shtml")
    assert art.prev is None and (art.next.url, art.next.text) == (
        "http://www.xjmsw.cn/economy/2016_03_08_352731.shtml", "乌鲁木齐“春风行动”专场招聘会提供岗位3.2万个")


def test_a_summary_box_under_its_bold_name_a_disclaimer_and_reporters_apart_by_u3000():
    """<b>摘要</b><br>【…】… above the text (in a <font> too) and 郑重声明：…与本站立场无关 under it are no text; 作者：王刚　陈晓燕
    in a <span> of the info line names both, 作者：民生网记者刘堃　提交日期：… one; a text of <br> lines that opens with
    <strong>核心提示：</strong> loses that line alone."""
    review = "【新疆今年新增城镇就业岗位逾40万个】记者从自治区人力资源和社会保障厅获悉，今年全区计划新增城镇就业40万人以上。"
    declare = "郑重声明：东方财富网发布此信息的目的在于传播更多信息，与本站立场无关。"
    for box in (f'<div class="c_review"><b>摘要</b><br />{review}</div>',
                f'<div class="c_review"><font face="宋体"><b>摘要</b><br />{review}</font></div>'):
        art = article_of(art_page(f"{box}<p>{PROSE}</p><p>{PROSE2}</p><div>{declare}</div>",
                                  info='<span>2014年03月25日 15:06</span> <span>来源：新疆经济报</span> '
                                       '<span class="author">作者：王刚　陈晓燕</span> <span><a href="#c">评论(21)</a></span>'))
        assert art.paragraphs == [PROSE, PROSE2] and art.author == "王刚 陈晓燕"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info="作者：民生网记者刘堃　提交日期：2009-3-18 11:02:33"))
    assert art.author == "民生网记者刘堃"
    # (a text of <br> lines that opens with its lede's bold name: that line goes alone)
    lines = f"<strong>核心提示：</strong>{review}<br /><br />{PROSE}<br /><br />{PROSE2}<br /><br />"
    assert article_of(art_page(lines)).paragraphs == [PROSE, PROSE2]


def test_a_category_page_lists_all_its_cards_not_the_one_whose_comments_link_counts_twice():
    """A category's cards of several URL shapes (its channel's articles, a columnist's piece), each linking its article
    by a thumbnail, its title and a comments count, beside a sidebar's 最新文章 that links the columnist's piece again:
    the listing is all the cards, not the columnist's one, whose title counted twice outweighed the others'."""
    cards = "".join(f'<li><a href="{u}"><img src="/t/{n}.jpg" alt=""></a><h4><a href="{u}">{t}</a></h4><div>{s}</div>'
                    f'<div><span>{d}</span><a href="{u}#comments">{c}</a></div></li>'
                    for n, (u, t, s, d, c) in enumerate((
                        ("/health/2019_07_16_509833.shtml", "我区异地就医直接结算范围扩大 门诊费用也能“一卡结”",
                         "记者7月15日从自治区医保局获悉，自8月1日起，我区将在四地试点开展跨地州门诊直接结算，参保人…",
                         "2019-07-16 10:05:10", "35"),
                        ("/AiErKenTuNiYaZi/2019_03_26_495310.shtml", "艾尔肯·吐尼亚孜：家庭医生签约，不能只停留在“签了”",
                         "截至去年底，全区家庭医生签约服务覆盖率已经超过六成，重点人群签约率更高。从数字上看，推进得很快。…",
                         "2019-03-26 12:18:44", "18"),
                        ("/health/2018_01_05_441962.shtml", "新疆城乡居民医保财政补助标准提高到每人每年490元",
                         "记者1月4日从自治区人力资源和社会保障厅获悉，2018年我区城乡居民基本医疗保险人均财政补助标准提高…",
                         "2018-01-05 08:30:00", "27"))))
    newest = ('<ul><li><a href="/AiErKenTuNiYaZi/2019_03_26_495310.shtml">艾尔肯·吐尼亚孜：家庭医生签约，不能只停留在“签了”</a>'
              '</li><li><a href="/economy/2018_03_30_451277.shtml">新疆4月1日起上调最低工资标准 一类地区月最低工资1820元</a></li>'
              '</ul>')
    page = gb(f"""<html><head><meta charset="gbk"><title>医疗健康_新疆民生网</title></head><body>{NAV}<div class="main">
<div class="left"><div class="column-tit"><span>医疗健康</span></div><ul class="column-list">{cards}</ul></div>
<div class="right"><div><span>最新文章</span></div>{newest}</div></div>{FOOT}</body></html>""")
    parsed = parse_page("http://www.xjmsw.cn/health/list_1.shtml", page)
    assert parsed.kind == "listing" and len(parsed.listing.entries) == 3


def test_a_byline_among_the_info_lines_names_the_author():
    """财新's 文｜财新记者 王喆 line beside its time line is the 作者 label's (each name after its title, a titled one
    after one space too; 来源于 names the source); opening the text, a 文｜ byline is text, as 文/记者 马磊 is."""
    for byline, author in (("文｜财新记者 王喆&nbsp;&nbsp;古丽娜尔·吐尔逊", "财新记者 王喆 古丽娜尔·吐尔逊"),
                           ("文｜财新记者 古丽娜尔·吐尔逊&nbsp;实习记者 赵一鸣", "财新记者 古丽娜尔·吐尔逊 实习记者 赵一鸣")):
        info = f"<span>{byline}</span><br><span>2015年11月20日 08:46</span>&nbsp;&nbsp;<span>来源于 财新网</span>"
        art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=info))
        assert (art.author, art.source, art.published) == (author, "财新网", "2015-11-20T08:46:00+08:00")
    art = article_of(art_page(f"<p>文｜新疆日报记者 周涛</p><p>{PROSE}</p><p>{PROSE2}</p>", info="2016-05-12 08:31"))
    assert art.author is None and art.paragraphs == ["文｜新疆日报记者 周涛", PROSE, PROSE2]


def test_two_reporters_apart_by_a_u3000_before_a_bar_are_the_author():
    """参考消息's 来源：亚心网 | 作者：李娜　古丽米拉·艾山 | 2016-10-11 11:20: the names run to the bar."""
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>",
                              info="<span>来源：亚心网</span> | <span>作者：李娜\u3000古丽米拉·艾山</span> | "
                                   "<span>2016-10-11 11:20</span>"))
    assert (art.author, art.source) == ("李娜 古丽米拉·艾山", "亚心网")


def test_a_paywall_box_and_a_lede_box_over_the_text_are_no_text():
    """A paywall's box after the text the page holds (订阅财新通后继续阅读全文, its prices and login links) is no
    text, nor a [ 导语 ] box over the text's block; a sentence that names subscribing is, and so is a TV news
    script's 【导语】 among the text's paragraphs."""
    wall = ('<div class="cx-wall"><p>订阅财新通后继续阅读全文</p><ul><li><a href="/subscribe?item=month">￥38/月</a></li>'
            '</ul><p>已订阅？<a href="/login">登录</a> 后继续阅读</p></div>')
    sentence = "读者订阅后即可阅读全文，报社表示将继续提供免费的民生服务信息。"
    lede = "[ 导语 ]南疆四地州有组织地转移富余劳动力，工厂里的年轻人如何适应城市生活"
    art = article_of(art_page(f'<div class="subhead">{lede}</div><div class="textbox"><p>{PROSE}</p><p>{PROSE2}</p>'
                              f'<p>{sentence}</p>{wall}</div>'))
    assert art.paragraphs == [PROSE, PROSE2, sentence] and "订阅财新通" not in art.body_html
    script = ["【导语】乌鲁木齐市今年10月10日正式供暖以来，已经运行一个多月。", f"【正文】{PROSE}", PROSE2]
    assert article_of(art_page("".join(f"<p>{p}</p>" for p in script))).paragraphs == script


def test_a_collections_list_under_its_update_stamp_is_a_listing():
    """A 文集 page: its name over 3篇文章 … 更新于 2020-01-10, a one-line summary and its dated articles. The stamp
    alone over no prose is no article's signature: the page lists them."""
    rows = "".join(f'<li><a href="/read/cv41{d}7652">乌鲁木齐供暖季民生观察第{d}篇：热线电话请收好</a>'
                   f'<span>2019-11-{d:02d}</span></li>' for d in (18, 25, 28))
    html = (f"<html><head><title>冬季供暖民生观察 - 文集</title></head><body>{NAV}<div class='list'>"
            f"<h1>冬季供暖民生观察</h1><div><span>3篇文章</span><span>1334字</span><span>更新于 2020-01-10</span></div>"
            f"<p>从供暖开栓到暖气不热，记录首府供暖季里的民生事。</p><ol>{rows}</ol></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/read/readlist/rl207310", gb(html))
    assert page.kind == "listing" and len(page.listing.entries) == 3


def test_an_image_in_a_fastdfs_folder_named_ad_is_no_ad():
    """快站's images are stored as /g1/M01/AD/72/… (FastDFS's hex folders): a picture of the text, not an ad's
    /ad/ folder, whose banner stays out of the images."""
    pic = "/g1/M01/AD/72/wKjm2IjL5FnqZbVI0QYPxu9mUrDSpHZ9782588/imageView/v1/thumbnail/640x0"
    art = article_of(art_page(f'<p>{PROSE}</p><p><img src="{pic}"></p><p>{PROSE2}</p>'
                              f'<p><img src="/ad/banner_2017.jpg"></p>'))
    assert art.images == ["http://www.xjmsw.cn" + pic]


def test_a_nav_items_icon_glyph_is_no_part_of_the_category():
    """A builder's bottom nav marks the page's item (<li class="cur"><i class="font-ico">&#xe01a;</i>就业): the
    category is its name, not the icon font's private-use glyph before it."""
    nav = ("<ul class='nav'><li><a href='/'>首页</a></li><li class='cur'><a href='/page/7bWn2cRa'><i class='font-ico'>"
           "&#xe01a;</i><p>就业</p></a></li><li><a href='/page/Kp3xQ9mT'>住房</a></li></ul>")
    entries = [(f"/post/2680{d}473", f"新疆今年“三支一扶”补充招募第{d}批报名即将截止", f"2017-09-{d}") for d in range(10, 16)]
    rows = "".join(f'<li><a href="{u}">{t}</a><span>{day}</span></li>' for u, t, day in entries)
    page = parse_page("http://www.xjmsw.cn/page/7bWn2cRa", gb(f"<html><head><title>就业社保</title></head><body>"
                                                              f"<ul class='list'>{rows}</ul>{nav}</body></html>"))
    assert page.kind == "listing" and page.listing.category == "就业"


def test_a_headlines_badge_left_out_of_its_copy_atop_the_text():
    """The headline and the <title> print 首府招聘会提供岗位两万余个（图）, the copy atop the text leaves the （图） out: the
    headline is the whole one, the copy no text."""
    title = "首府春风行动招聘会提供岗位两万余个"
    html = (f"<html><head><title>{title}（图）_新疆民生网</title></head><body>{NAV}<table><tr><td class='title'>"
            f"<font style='font-size:16pt'><b>{title}（图）</b></font></td></tr><tr><td>作者：佚名 发布时间：2007-3-12 14:05:33"
            f"</td></tr><tr><td><p align='center'><strong><font size='4'>{title}</font></strong></p><p>{PROSE}</p>"
            f"<p>{PROSE2}</p></td></tr></table>{FOOT}</body></html>")
    art = article_of(gb(html))
    assert art.title == title + "（图）" and art.paragraphs == [PROSE, PROSE2]


def test_a_nav_bar_that_links_the_page_is_no_headline():
    """A front page's nav bar links the page itself (首页 -> /): it is no headline, and its box of a lead story
    (a linked headline, a summary, 作者：…) beside lists of links is no article."""
    rows = "".join(f'<li><a href="/story/00106{k}234">新疆民生评论第{k}篇：供暖与就业的账本</a></li>' for k in range(6))
    html = (f"<html><head><title>新疆民生网 - 民生观察 深度评论</title></head><body><div class='nav'><a href='/'>首页</a>"
            f"<a href='/channel/comment.html'>评论</a><a href='/channel/economy.html'>中国经济</a><a href='/about.html'>"
            f"关于我们</a></div><div class='top'><h2><a href='/story/001072090'>机关事业单位养老金并轨一年之后</a></h2>"
            f"<div>养老保险“并轨”改革实施一年多，新疆机关事业单位工作人员的缴费和待遇有了哪些变化？</div>"
            f"<div>作者：本报专栏作家 阿依古丽</div></div><ul>{rows}</ul>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/", gb(html)).kind != "article"


@pytest.mark.parametrize("bar,number", [
    ('本文共<font color="red">2</font>页&nbsp;&nbsp;<font color="red">[1]</font> <a href="10733_2.shtml">[2]</a>'
     '&nbsp;&nbsp;<font color="#999999">上一页</font> <a href="10733_2.shtml">下一页</a>', 1),
    ('<a href="10733.shtml">首页</a><a href="10733.shtml">上一页</a><a href="10733.shtml">1</a><span>2</span>'
     '<span class="red">43</span>回复贴，共<span class="red">2</span>页', 2)])
def test_a_page_count_in_an_element_of_its_own_is_no_page_number(bar, number):
    """本文共<font>2</font>页 before the bar's [1]: page 1 of 2, not page 2; a count of replies after the current page's
    number (贴吧's <span>2</span> … <span>43</span>回复贴，共<span>2</span>页) is no page number either."""
    url = "http://www.xjmsw.cn/blog/archives/2005/" + ("10733.shtml" if number == 1 else "10733_2.shtml")
    page = parse_page(url, art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><div>{bar}</div>"))
    assert page.kind == ("article" if number == 1 else "continuation") and page.article.page_number == number


def test_a_summary_that_opens_with_the_label_is_no_prevnext():
    """A category page's summary that opens a sentence with 上一篇文章发表后，… is no 上一篇 item: no article page."""
    rows = "".join(f'<tr><td><a href="/blog/archives/2006/1423{k}.shtml">拾花工进疆：一季棉花一年盼头第{k}篇</a></td>'
                   f'<td>2006-09-2{k} 11:05</td></tr><tr><td colspan="2">{summary}</td></tr>'
                   for k, summary in enumerate((
                       "九月下旬，从河南、四川等地来的拾花工陆续抵达南北疆各棉区，各地劳务部门做好了接站和安置工作。",
                       "上一篇文章发表后，不少读者来信询问拾花工工钱的结算问题，这里作几点补充说明，供棉农和拾花工朋友参考。",
                       "今年全区棉花采收进度加快，机采棉面积继续扩大，拾花工的需求比去年有所减少，工价基本持平。")))
    html = (f"<html><head><title>就业观察 - 马建新专栏</title></head><body>{NAV}<table><tr><td colspan='2'><b>文章分类："
            f"就业观察</b></td></tr>{rows}</table>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/blog/majianxin/category/101.shtml", gb(html)).kind not in (
        "article", "continuation")


def test_a_trackback_box_and_a_hot_words_line_are_no_text():
    """A blog's trackback box (引用通告 over 本文引用通告地址（TrackBack Ping URL）为：, the URL in a field) and PHPCMS's
    相关热词搜索：… line under the text are no text."""
    box = ('<table><tr><td><b>引用通告</b></td></tr><tr><td>本文引用通告地址（TrackBack Ping URL）为：<br><input '
           'type="text" value="http://www.xjmsw.cn/blog/trackback.asp?id=10452"></td></tr></table>')
    words = '<p>相关热词搜索：<a href="/tag/1">暖房子</a> <a href="/tag/2">供热</a></p>'
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{words}{box}"))
    assert art.paragraphs == [PROSE, PROSE2]


def test_readers_comments_under_an_anchored_heading_are_no_text():
    """<h2><a href="#">读者评论</a></h2> (a heading's anchor) over a comment form's words heads readers' comments: a
    short text beside them is the text, the form's sentences none of it."""
    form = ('<h2><a class="list-link" href="#">读者评论</a></h2><div id="allcomments"></div><div><div>本站欢迎读者发表评论，'
            '部分评论会被选进《读者有话说》栏目。我们保留编辑与出版的权利。评论请遵守法律法规，文明发言。</div><form><textarea>'
            '</textarea></form></div><div>用户名</div><input><div>密码</div><input>')
    html = (f"<html><head><title>医保异地结算不能再拖 - 社评</title></head><body>{NAV}<div class='content'><div class='story'>"
            f"<h1>医保异地结算不能再拖</h1><div class='byline'>发布于2015年8月3日 06:30 作者：本报社评</div>"
            f"<div class='body'><p>{PROSE}</p></div></div>{form}</div>{FOOT}</body></html>")
    art = article_of(gb(html))
    assert art.paragraphs == [PROSE]


def test_a_lead_under_the_headline_after_a_channels_link_is_no_text():
    """FT中文网's story: the channel's link above the headline, a summary (story-lead) between the headline and the
    info line: no text, as where nothing stands above the headline."""
    lead = "对于在疆内外流动的数百万务工人员和随子女生活的老人来说，看病报销难仍是最现实的烦恼。"
    html = (f"<html><head><title>医保异地结算不能再拖 - 社评</title></head><body>{NAV}<div class='story'><div class='theme'>"
            f"<a href='/channel/editorial.html'>社评</a></div><h1>医保异地结算不能再拖</h1><div class='lead'>{lead}</div>"
            f"<div class='byline'>发布于2015年8月3日 06:30 作者：本报社评</div><div class='body'><p>{PROSE}</p>"
            f"<p>{PROSE2}</p></div></div>{FOOT}</body></html>")
    assert article_of(gb(html)).paragraphs == [PROSE, PROSE2]


def test_a_last_pages_few_sentences_over_a_disclaimer_are_text():
    """A last page's two paragraphs and a closing （本文仅代表作者个人观点。…） note, under 200 characters in all: the
    note is no text, the paragraphs are (the block was read as a footer)."""
    text = ["当然，就地转移也有天花板。卫星工厂一旦订单减少，工人的收入就会随之波动。", "从长远看，南疆就业的出路在于发展与本地资源相结合的产业。"]
    note = "（本文仅代表作者个人观点。责任编辑邮箱：liuyf@xjmsw.cn）"
    html = (f"<html><head><title>南疆就业：从输出劳务到就地转移 - 评论</title></head><body>{NAV}<div class='story'>"
            f"<h1>南疆就业：从输出劳务到就地转移</h1><div class='byline'>更新于2015年6月15日 06:52 作者：阿依古丽</div>"
            f"<div class='body'>{''.join(f'<p>{p}</p>' for p in (*text, note))}</div><div class='pages'><a href="
            f"'?page=2'>上一页</a> <a href='/story/001063318'>1</a> <a href='?page=2'>2</a> <span>3</span></div></div>"
            f"{FOOT}</body></html>")
    assert article_of(gb(html), url="http://www.xjmsw.cn/story/001063318?page=3").paragraphs == text


def test_a_code_blocks_lines_are_its_lines():
    """A blog post's <pre> of code prints its lines as they are: each a paragraph (not one run of code)."""
    code = '<pre name="code" class="java">/**\n * 查询应缴供暖费\n */\npublic HeatFee queryFee(String userNo) {\n' \
           '    return dao.find(userNo);\n}\n</pre>'
    art = article_of(art_page(f"<p>{PROSE}</p>{code}<p>{PROSE2}</p>"))
    assert art.paragraphs == [PROSE, "/**", "* 查询应缴供暖费", "*/", "public HeatFee queryFee(String userNo) {",
                              "return dao.find(userNo);", "}", PROSE2]


def test_pages_that_print_the_text_again_add_nothing():
    """A post's comment pages (ITeye's ?page=2) print its text again over their comments: the record's text is the
    text once, its pages all of them."""
    first = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>"))
    merged = merge_pages([first, first, first])
    assert merged.paragraphs == first.paragraphs


def test_a_members_login_date_is_no_page_date():
    """A blog's profile page: 注册时间：2010-09-02, 最后登录：2013-03-14 rows over the blogger's introduction: no date of
    the page's."""
    grid = ('<table><tr><td>用户名：</td><td>xjmsw_tech</td></tr><tr><td>来自：</td><td>新疆 乌鲁木齐</td></tr>'
            '<tr><td>注册时间：</td><td>2010-09-02</td></tr><tr><td>最后登录：</td><td>2013-03-14</td></tr></table>')
    html = (f"<html><head><title>关于我 - xjmsw_tech</title></head><body>{NAV}<div class='main'><h3>关于我</h3>"
            f"<div class='profile'>{grid}<h4>个人简介</h4><p>{PROSE}</p><p>{PROSE2}</p></div></div>{FOOT}</body></html>")
    assert article_of(gb(html)).published is None


def test_a_folder_the_listing_is_under_is_no_entry():
    """A blog category's last page: the blog's name over it links /blog/, the folder the page is under; its one post
    is the entry."""
    html = (f"<html><head><title>便民服务系统 - 新疆民生网技术部</title></head><body>{NAV}<div id='branding'><div>"
            f"<h1><a href='/blog/'>新疆民生网技术部</a></h1></div><div>永久域名 <a href='http://www.xjmsw.cn/blog/'>"
            f"http://www.xjmsw.cn/blog/</a></div></div><div id='main'><div><h4>博客分类：便民服务系统</h4></div>"
            f"<div class='blog_main'><div class='blog_title'><h3><a href='/blog/812034'>供暖费在线查询系统上线小记</a></h3>"
            f"<ul><strong>博客分类：</strong> <li><a href='/blog/category/211301'>便民服务系统</a></li></ul></div>"
            f"<div class='blog_content'>{PROSE}<div><a href='/blog/812034'>阅读更多 &raquo;</a></div></div>"
            f"<div><ul><li>2010-11-16 09:42</li><li>浏览 (3862)</li><li><a href='/blog/812034#comments'>评论 (25)</a>"
            f"</li></ul></div></div><div class='pagination'><a href='/blog/category/211301'>&laquo; 上一页</a> "
            f"<a href='/blog/category/211301'>1</a> <span class='current'>2</span></div></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/blog/category/211301?page=2", gb(html))
    assert [e.url for e in page.listing.entries] == ["http://www.xjmsw.cn/blog/812034"]


def test_the_apps_name_beside_its_logo_is_no_headline():
    """An app's share page: <title>人民日报</title>, the app's name beside its logo in the download bar, the headline
    a <div> under it: the headline is the <div>'s."""
    html = (f"<html><head><title>人民日报</title></head><body><div class='download-bar'><img src='/logo.png' alt='人民日报'>"
            f"<div><p class='name'>人民日报</p><p>参与，让新闻更有温度</p></div><a href='peopleapp://x'>下载客户端</a></div>"
            f"<div class='title'>自治区城乡居民医保门诊慢特病待遇再提高</div><p class='origin'>来源：新疆民生网 作者：李娜</p>"
            f"<div class='content'><p>{PROSE}</p><p>{PROSE2}</p></div></body></html>")
    assert article_of(gb(html)).title == "自治区城乡居民医保门诊慢特病待遇再提高"


def test_a_headings_anchor_mark_is_no_part_of_the_headline():
    """VuePress's <h1><a class="header-anchor" href="#…">#</a> 标题</h1> (and Sphinx's trailing ¶): the headline is
    the heading's words."""
    for heading in ('<a class="header-anchor" href="#x">#</a> 2019年我区棚户区改造政策解读',
                    '2019年我区棚户区改造政策解读<a class="headerlink" href="#x">&#182;</a>'):
        html = (f"<html><head><title>棚户区改造 | 政策解读</title></head><body>{NAV}<div class='content'><h1>{heading}</h1>"
                f"<p>发布于 2019-05-12</p><p>{PROSE}</p><p>{PROSE2}</p></div>{FOOT}</body></html>")
        assert article_of(gb(html)).title == "2019年我区棚户区改造政策解读"


def test_image_labels_in_upper_case_under_a_banner_in_lower_case():
    """A GeoCities page: the host's banner in lower case (alt="") over the page's FrontPage markup in upper case,
    whose 下一篇 is an image button (<IMG ALT="下一篇">): its link is the next article's."""
    page = art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra='<center><a href="2002_01_15.htm"><IMG SRC="next.gif" '
                    'ALT="下一篇" BORDER=0></a></center>').replace(b"<body>", b'<body><img src="/ad.gif" alt="">')
    art = article_of(page, url="http://www.xjmsw.cn/geocities/news/2001_09_03.htm")
    assert art.next == Link("http://www.xjmsw.cn/geocities/news/2002_01_15.htm", "")


def test_a_lazy_images_own_address_on_the_portals_host_is_the_mirrors():
    """A mirror's page whose lazy image names the portal's host (data-lazy-src="http://www.xjmsw.cn/…"): the image is
    the mirror's copy, as its src would be."""
    page = art_page(f'<p>{PROSE}</p><p><img src="/blank.gif" data-lazy-src="http://www.xjmsw.cn/files/guanwang.jpg">'
                    f'</p><p>{PROSE2}</p>')
    parsed = parse_page("http://127.0.0.1:8765/blogs/lina/archives/59.html", page, aliases=ALIASES)
    assert parsed.article.images == ["http://127.0.0.1:8765/files/guanwang.jpg"]


def test_a_page_bar_line_and_a_trackback_line_among_the_texts_lines_are_no_text():
    """WordPress's 分页： 1 2 and 本文的引用通告地址（TrackBack）：http://… as <br> lines of the text's block: no text."""
    lines = "<br>".join((PROSE, PROSE2, '分页： <a href="/41.html">1</a> <a href="/41.html/2">2</a>',
                         "本文的引用通告地址（TrackBack）：http://www.xjmsw.cn/blogs/archives/41.html/trackback"))
    assert article_of(art_page(f"<p>{lines}</p>")).paragraphs == [PROSE, PROSE2]


def test_a_sidebars_link_to_the_page_is_no_headline_above_the_text():
    """Orchard: a sidebar's 最新文章 links the page itself before the article's block, whose header holds the headline
    and the info lines (作者: / 来源:): those lines are the info, not the sidebar's after its link."""
    title = "10月10日起首府正式供热 各区供热热线公布"
    side = "".join(f'<li><h1><a href="/news/{k}">{t}</a></h1></li>' for k, t in (
        ("2014/06/20/shuijia", "首府召开居民生活用水价格调整听证会"), ("2013/10/09/shigongre", title)))
    html = (f"<html><head><title>{title}</title></head><body><aside><h1>最新文章</h1><ul>{side}</ul><h1>热门标签</h1>"
            f"<ul><li><a href='/tags/1'>供暖</a></li><li><a href='/tags/2'>医疗</a></li></ul></aside><div id='content'>"
            f"<article><header><h1>{title}</h1><div class='metadata'><div>2013-10-9 11:30</div><p><span>作者:</span> "
            f"<span>王喆</span></p><p><span>来源:</span> <span>市供热办</span></p></div></header><p>{PROSE}</p>"
            f"<p>{PROSE2}</p></article></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/news/2013/10/09/shigongre")
    assert (art.author, art.source, art.published) == ("王喆", "市供热办", "2013-10-09T11:30:00+08:00")


def _orchard_page(paragraphs: str, after: str = "") -> bytes:
    """An Orchard 1.x article: its paragraphs bare in the <article> beside its header, a pager, 上一篇/下一篇, readers'
    comments and their form; its crumb's last item the headline, linking the page."""
    title = "首府公租房第三批配租启动 4600余户家庭受益"
    return gb(f"<html><head><title>{title}</title></head><body>{NAV}<ol><li><a href='/'>首页</a></li><li><a href="
              f"'/news'>民生新闻</a></li><li><a href='/news/2013/05/12/gzf'>{title}</a></li></ol><div id='content'>"
              f"<article><header><h1>{title}</h1><div><div>2013-5-12 10:20</div><p><span>作者:</span> <span>李娜"
              f"</span></p></div></header>{paragraphs}<ul><li><a href='/news/2013/05/12/gzf'>&lt;&lt;</a></li><li><a "
              f"href='/news/2013/05/12/gzf'>1</a></li><li><span>2</span></li><li><a href='/news/2013/05/12/gzf?page=3'>"
              f"3</a></li><li><a href='/news/2013/05/12/gzf?page=3'>&gt;&gt;</a></li></ul><div><div>上一篇：<a href="
              f"'/news/2013/03/17/gn'>乌鲁木齐今年起延长供暖期半个月</a></div><div>下一篇：没有了</div></div>{after}"
              f"<form action='/c'><fieldset><ol><li><label for='a'>昵称</label><input id='a'></li><li><label for='e'>"
              f"电子邮箱</label><input id='e'></li><li><label for='s'>个人主页</label><input id='s'></li></ol>"
              f"<label>评论内容</label><textarea></textarea></fieldset><button>提交评论</button></form></article></div>"
              f"{FOOT}</body></html>")


def test_page_ns_bare_paragraphs_beside_a_pager_are_its_text_its_counted_comments_none():
    """Orchard's page 2: the text's paragraphs bare in the <article> beside its header, a `<< 1 2 3 >>` pager and, after
    上一篇/下一篇, `1 条评论` (a heading, or a <font><b> printed as one) over a comment stamped `发表于 11 个月前` (its time
    only in <time datetime>) and a form's labels: the paragraphs are the text (not the longest alone), the comment
    none of it."""
    short = ["申请条件有哪些", "外来务工人员申请公租房，须在本市连续稳定就业满两年。", "工作人员在社区为居民解答公租房申请政策。"]
    paras = "".join(f"<p>{t}</p>" for t in (short[0], PROSE, *short[1:]))
    for heading in ("<h2>1 条评论</h2>", '<div><font size="5"><b>1 条评论</b></font></div>'):
        comments = (f"{heading}<ul><li><article><header><h4><span>水磨沟居民</span> <span>发表于 <time datetime="
                    f"'2014/6/21 1:12:39'><a href='#c304'>11 个月前</a></time></span></h4></header><p>老小区一户一表什么"
                    f"时候改？我们楼还是总表，希望早点改造，水费也能算得清楚。</p></article></li></ul>")
        art = article_of(_orchard_page(paras, comments), url="http://www.xjmsw.cn/news/2013/05/12/gzf?page=2")
        assert art.paragraphs == [short[0], PROSE, *short[1:]], heading


def test_a_lists_breadcrumb_ends_in_the_headline_linking_the_page_and_a_forms_labels_are_none():
    """Orchard's crumb is an <ol> whose last item is the headline, linking the page itself (no separators, no class
    name): the trail; the comment form's <ol> of 昵称 / 电子邮箱 / 个人主页 labels (主页 a home's word) is none."""
    art = article_of(_orchard_page(f"<p>{PROSE}</p><p>{PROSE2}</p>"), url="http://www.xjmsw.cn/news/2013/05/12/gzf")
    assert art.breadcrumb == ["首页", "民生新闻"]


def test_a_bare_editor_label_takes_its_line_of_br_lines():
    """`<span>责任编辑:</span> <span>王芳</span><br>` among <br> lines: the whole line goes, not the label alone."""
    lines = f"{PROSE}<br><br>{PROSE2}<br><br><span>责任编辑:</span> <span>王芳</span><br><br>"
    assert article_of(art_page(lines)).paragraphs == [PROSE, PROSE2]


def test_a_list_crumb_beside_its_position_label_with_bars():
    """django CMS: `当前位置：` beside an <ol> whose first item ends in a `|` separator: the trail (bars split nav bars
    too, but not under that label)."""
    crumb = ("<div><span>当前位置：</span><ol><li><a href='/zh-hans/'>首页</a><span>|</span></li><li><a href="
             "'/zh-hans/news/'>民生新闻</a></li></ol></div>")
    assert article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=crumb)).breadcrumb == ["首页", "民生新闻"]


def test_an_author_cards_avatar_and_a_lead_boxed_apart_are_no_text():
    """aldryn-newsblog: the author's card under the headline (an avatar, the linked name, the date) and the lead, the
    page's description in a box of its own over the text's: neither is text."""
    lead = "标准自2016年1月1日起执行，全区约180万名领取待遇的城乡居民受益。"
    html = (f"<html><head><title>城乡居民基础养老金每月提高至150元</title><meta name='description' content='{lead}'>"
            f"</head><body>{NAV}<article><p><a href='/news/category/shebao/'>社保医疗</a></p><h2>城乡居民基础养老金每月"
            f"提高至150元</h2><div><div><img src='/media/gulimila.jpg__50x50_q85.jpg' alt='古丽米拉·艾山'></div><div><p>"
            f"<a href='/news/author/gulimila/'>古丽米拉·艾山</a></p><p>2016年3月29日</p></div></div><div><p>{lead}</p>"
            f"</div><div><p>{PROSE}</p><p>{PROSE2}</p></div></article>{FOOT}</body></html>")
    art = article_of(gb(html))
    assert (art.paragraphs, art.images) == ([PROSE, PROSE2], [])


def test_a_post_cards_author_link_is_no_entry_of_a_one_post_page():
    """A month's page of one aldryn post card: its headline's link is the entry, not its author's in the card's meta
    box beside the date (a lead between them)."""
    card = ("<article><p><a href='/news/category/jiuye/'>就业创业</a></p><h2><a href='/news/2016/02/22/_1/'>喀什地区新增"
            "公益性岗位3200个</a></h2><div><p>岗位优先安置零就业家庭成员和就业困难人员。</p></div><div><div><img src="
            "'/m/logo.jpg'></div><div><p><a href='/news/author/bianjibu/'>新疆民生网编辑部</a></p><p>2016年2月22日</p>"
            "</div></div></article>")
    html = (f"<html><head><title>2016年2月 - 民生新闻</title></head><body>{NAV}<div><h3>2016年2月</h3>{card}</div>"
            f"{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/news/2016/2/", gb(html))
    assert [e.url for e in page.listing.entries] == ["http://www.xjmsw.cn/news/2016/02/22/_1/"]


def test_a_gallerys_counters_are_no_text_its_captions_and_a_sentence_opening_with_xiapian_are():
    """UC头条's 图集: each slide's `1/5` counter beside its caption (the first caption the page's description too), and
    a last sentence that opens with 下篇 (下篇我们将…，敬请关注。): the captions and the sentence are text."""
    caps = ["3月6日，在疏附县托克扎克镇的一家卫星工厂里，女工们正在赶制一批出口服装订单。",
            "28岁的阿依古丽·吐尔逊在工厂上班一年多，已经成为车间的技术骨干。", "据了解，疏附县已建成卫星工厂86家，带动1.2万人就业。"]
    slides = "".join(f"<div class='slide'><img src='/o/{k}.jpg'><div class='desc'><span><em>{k + 1}</em>/3</span>"
                     f"<p>{cap}</p></div></div>" for k, cap in enumerate(caps))
    ending = "下篇我们将为大家介绍具体的备案流程和报销办法，敬请关注。"
    html = (f"<html><head><title>图集｜家门口的卫星工厂</title><meta name='description' content='{caps[0]}'></head><body>"
            f"{NAV}<h1>图集｜家门口的卫星工厂</h1><p>新疆民生 2018-03-07 10:20</p><div class='gallery'>{slides}"
            f"<p>{ending}</p></div>{FOOT}</body></html>")
    assert article_of(gb(html)).paragraphs == [*caps, ending]


def test_editor_leftovers_and_a_topic_line_are_no_text():
    """UEditor's `_ueditor_page_break_tag_` printed where the CMS splits no pages, and OTCMS's `该文章所属专题：…` line
    under the text: no text."""
    body = (f"<p>{PROSE}</p><p>_ueditor_page_break_tag_</p><p>{PROSE2}</p><p>该文章所属专题：<a href='/news/?list_topic-1"
            f".html'>2015春风行动</a></p>")
    assert article_of(art_page(body)).paragraphs == [PROSE, PROSE2]


def test_a_page_bar_of_a_block_per_link_in_one_cell():
    """OTCMS: `<td><div><span>上一页</span></div><div><span>1</span></div><div><a>2</a></div><div><a>3</a></div>…`:
    one bar of three pages, not a bar for each link."""
    bar = ("<table><tr><td><div><span>上一页</span></div><div><span class='sel'>1</span></div><div><a href='97_2.html'>2"
           "</a></div><div><a href='97_3.html'>3</a></div><div><a href='97_2.html'>下一页</a></div></td></tr></table>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"), url="http://www.xjmsw.cn/news/97.html")
    assert art.page_urls == [f"http://www.xjmsw.cn/news/{name}.html" for name in ("97", "97_2", "97_3")]


def test_a_channels_newest_box_is_no_list_of_an_about_page_and_a_nav_items_count_no_part_of_the_category():
    """OTCMS's sidebar 本栏最新 box (month-day dates) beside an about page's text: a box, the page no listing; a blog's
    current nav item `博文(16)` names the category 博文."""
    side = "".join(f"<li><div>&ensp;0{k}-12</div><a href='../news/{200 + k}.html'>乌鲁木齐今年将新建改扩建中小学第{k}所"
                   f"</a></li>" for k in range(1, 9))
    about = (f"<html><head><title>关于本站</title></head><body>{NAV}<dl><dt>关于本站</dt><dd><p>新疆民生网是地方民生资讯网站，"
             f"2012年开通试运行。</p><p>本站关注就业、社保、住房、教育、医疗等百姓身边事。</p></dd></dl><dl><dt>本栏最新</dt>"
             f"<dd><ul>{side}</ul></dd></dl>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/news/web_1.html", gb(about)).kind == "other"
    rows = "".join(f"<li><a href='/blogger/post_read.asp?PostID={k}'>天山民生观察第{k}篇博文的标题</a>"
                   f"<span>2011-0{k}-12 10:20</span></li>" for k in range(1, 9))
    blog = (f"<html><head><title>天山民生观察</title></head><body><ul class='nav'><li><a href='/b/main.asp'>首页</a></li>"
            f"<li class='current'><a href='/b/list.asp'>博文</a><span>(16)</span></li><li><a href='/b/photo.asp'>相册</a>"
            f"</li></ul><ul>{rows}</ul>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/b/list.asp", gb(blog)).listing.category == "博文"


def test_a_k2_items_date_over_its_headline_and_source_in_its_extra_fields():
    """K2: `星期一, 18 6月 2012 11:05` (Joomla's zh-CN day-first date) opening the header over the headline is the
    date; the `附加信息` box's `来源: 新疆日报` the source; the view count and `最后修改于 …` no text; `作者&nbsp;王磊`
    without a colon no author (the README's convention)."""
    html = (f"<html><head><title>自治区启动高校毕业生就业服务月活动 - 新疆民生网</title></head><body>{NAV}<div class='itemView'>"
            f"<div class='itemHeader'><span class='itemDateCreated'>星期一, 18 6月 2012 11:05</span><h2>自治区启动高校"
            f"毕业生就业服务月活动</h2><span>作者&nbsp;<a rel='author' href='/u/64-'>王磊</a></span></div><div class="
            f"'itemBody'><p>{PROSE}</p><p>{PROSE2}</p><div><h3>附加信息</h3><ul><li><span>来源:</span> <span>新疆日报"
            f"</span></li></ul></div><div><span>阅读 <b>1287</b> 次数</span> <span>最后修改于 星期二, 06 11月 2012 09:12"
            f"</span></div></div><a href='/index.php/minsheng/item/37-x'>上一篇：乌鲁木齐市公益性岗位补贴标准提高</a></div>"
            f"{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/index.php/minsheng/item/23-2012-06-18-03-05-41")
    assert (art.published, art.source, art.author) == ("2012-06-18T11:05:00+08:00", "新疆日报", None)
    assert art.paragraphs == [PROSE, PROSE2]


def test_a_templates_image_and_caption_atop_every_page_join_the_text_once():
    """K2's item image and its caption printed atop each page of a split item: once in the record."""
    first = Article(title="t", author=None, source=None, published=None, category=None, breadcrumb=[],
                    paragraphs=["求职者在招聘会现场咨询。", PROSE], body_html="", images=["http://x/a.jpg"], prev=None,
                    next=None)
    second = replace(first, paragraphs=["求职者在招聘会现场咨询。", PROSE2], page_number=2)
    merged = merge_pages([first, second])
    assert merged.paragraphs == ["求职者在招聘会现场咨询。", PROSE, PROSE2] and merged.images == ["http://x/a.jpg"]
    assert merge_pages([first, replace(second, images=[])]).paragraphs == [*first.paragraphs, *second.paragraphs]


def test_a_layout_tables_text_over_the_footers_iframe_is_no_framed_text():
    """大汉 JCMS: header and footer are <iframe>s of their own pages (height 178 and 120 px), and the densest block is
    the layout table that holds the headline, its info table and the text: the text is the page's, not the footer's."""
    title = "首府蔬菜价格连续三周回落 “菜篮子”工程见成效"
    info = ("<table><tr><td>发布时间：2012-10-26 15:20</td><td>作者：阿依努尔·买买提</td><td>信息来源：亚心网</td><td>浏览次数："
            "</td><td>【字体：<a href='javascript:doZoom(16)'>大</a> <a href='javascript:doZoom(14)'>中</a> <a href="
            "'javascript:doZoom(12)'>小</a>】</td></tr></table>")
    html = (f"<html><head><title>{title}</title></head><body><table><tr><td><iframe src='/col/col1205/index.html' "
            f"style='width:100%; height:178px;'></iframe></td></tr></table>{NAV}<table><tr><td>您现在的位置：<a href="
            f"'/index.html'>首页</a>&gt;&gt;<a href='/col/col1228/index.html'>民生资讯</a></td></tr></table><table><tr><td>"
            f"<table><tr><td class='title'>{title}</td></tr><tr><td>{info}</td></tr><tr><td><div id='zoom'>"
            f"<p>{PROSE}</p><p>{PROSE2}</p></div></td></tr></table></td></tr></table><table><tr><td><iframe src="
            f"'/col/col1206/index.html' style='width:100%; height:120px;'></iframe></td></tr></table></body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/art/2012/10/26/art_1229_18263.html")
    assert (art.frame_url, art.paragraphs, art.source) == (None, [PROSE, PROSE2], "亚心网")


def test_a_symbol_fonts_arrows_are_no_letters_of_a_links_title():
    """Founder's e-paper: `<span style='font-family:webdings'>3</span>上一篇` (Webdings' 3 draws ◀) and `<FONT
    face=Webdings>4</FONT>`: label-only links, their titles empty, not 3 and 4."""
    extra = ("<table><tr><td><a href='content_123451.htm'><span style='font-size:12px;font-family:webdings'>3</span>上一篇"
             "</a></td><td><a href='content_123452.htm'>下一篇 <FONT face=Webdings>4</FONT></a></td></tr></table>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=extra),
                     url="http://www.xjmsw.cn/html/2011-05/12/content_123453.htm")
    assert (art.prev.text, art.next.text) == ("", "")


def test_an_ad_slots_banner_and_a_text_size_switch_are_no_part_of_the_text():
    """Begin (a WordPress theme): `<a><img alt="新疆民生网广告位招租"></a>` between the paragraphs is an ad, no image of
    the text, whatever its box's class; `<ul><li>A+</li></ul>` under the text is no text."""
    body = (f"<p>{PROSE}</p><div><a href='/html/ggfw.html'><img src='/wp-content/uploads/banner-760x90.gif' "
            f"alt='新疆民生网广告位招租'></a></div><p><img src='/wp-content/uploads/peixun.jpg' alt='培训'></p><p>{PROSE2}</p>"
            f"<ul><li>A+</li></ul>")
    art = article_of(art_page(body))
    assert (art.paragraphs, art.images) == ([PROSE, PROSE2], ["http://www.xjmsw.cn/wp-content/uploads/peixun.jpg"])


def test_an_epapers_page_whose_scan_maps_its_articles_is_their_listing():
    """方正's 数字报: a 版 page of two undated titles beside the page's scan, an image map's <area> over each article,
    and the 版面导航 of the other 版: the listing of the two (its one article without 上一篇/下一篇 is adopted so)."""
    areas = "".join(f"<area shape='polygon' coords='5,40,325,40,325,464' href='content_{n}.htm'>" for n in (1241, 1242))
    titles = "".join(f"<tr><td><a href=content_{n}.htm><div style='display:inline'>{t}</div></a></td></tr>"
                     for n, t in ((1241, "乌鲁木齐供热价格听证会下月举行"), (1242, "我区城乡低保标准再提高 月人均增加30元")))
    nav = "".join(f"<li><a id=pageLink href=node_{n}.htm>第0{n - 1}版：{name}</a></li>" for n, name in (
        (2, "要闻"), (3, "民生·关注"), (4, "民生·服务")))
    html = (f"<html><head><title>新疆民生报</title></head><body><table><tr><td><map name='pagepicmap'>{areas}</map>"
            f"<img src='../../../page/1/2011-05/19/03/2011051903_brief.jpg' usemap='#PagePicMap'></td><td><table>"
            f"{titles}</table></td></tr></table><ul>{nav}</ul>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/html/2011-05/19/node_3.htm", gb(html))
    assert page.kind == "listing"
    assert [e.url.rsplit("/", 1)[1] for e in page.listing.entries] == ["content_1241.htm", "content_1242.htm"]


def test_a_view_count_after_an_empty_source_label_is_no_source():
    """JPress: `<span>来源：</span> <span>3021</span>人浏览 / <span>0</span>人评论`: the source is empty."""
    info = "<span>作者：新疆民生网</span> <span>来源：</span> <span>3021</span>人浏览 / <span>0</span>人评论"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info=info))
    assert (art.author, art.source) == ("新疆民生网", None)


def test_a_tag_page_of_one_post_card_dated_under_its_link_is_a_listing():
    """JPress's tag page: one card, its link around the headline and summary, the date in the card's block after
    the link: a listing of that dated entry."""
    card = ("<div class='cl-card-main'><a href='/article/16.html'><div><h3>乌鲁木齐今年改造老旧小区126个 惠及居民4.2万户"
            "</h3><p>5月11日，记者从乌鲁木齐市住房和城乡建设局获悉，今年全市计划改造老旧小区126个，涉及楼栋1120栋，惠及居民"
            "4.2万户，目前已有38个小区开工。</p></div></a><div class='cl-card-tag'><div><i class='fa fa-clock-o'></i> "
            "2020-05-11</div><div><i class='fa fa-eye'></i> 1894</div></div></div>")
    html = f"<html><head><title>住房 - 新疆民生网</title></head><body>{NAV}<div class='main'>{card}</div>{FOOT}</body></html>"
    page = parse_page("http://www.xjmsw.cn/article/tag/住房.html", gb(html))
    assert page.kind == "listing"
    assert [(e.url, e.date) for e in page.listing.entries] == [("http://www.xjmsw.cn/article/16.html", "2020-05-11")]


def test_a_stamp_labelled_inside_a_cards_link_dates_its_entry():
    """ZZZCMS's mobile list: each card one link around its name, summary and `<div class="info">时间：2018-11-06</div>`:
    that stamp dates the entry, not a date its summary names (从2019年1月1日起)."""
    cards = "".join(
        f"<div class='newsOne'><a href='/wap/?news/{n}.html'><div class='name'>{title}</div><div class='text'>{text}"
        f"</div><div class='info'>时间：{day}</div></a></div>" for n, title, text, day in (
            (18, "我区上调失业保险金标准 月人均增加120元", "3月11日，记者从自治区人社厅获悉，我区上调失业保险金标准...",
             "2019-03-12"),
            (13, "城乡居民基本养老保险缴费档次增至14档", "11月5日，记者从自治区人社厅获悉，从2019年1月1日起，我区城乡居民"
             "基本养老保险个人缴费档次由12个调整为14个，参...", "2018-11-06"),
            (11, "新学期首府新增中小学学位1.2万个", "9月1日，首府各中小学迎来新学期，新增学位1.2...", "2018-09-03")))
    html = f"<html><head><title>民生服务</title></head><body>{NAV}<div class='list'>{cards}</div>{FOOT}</body></html>"
    page = parse_page("http://www.xjmsw.cn/wap/?list/4.html", gb(html))
    assert [e.date for e in page.listing.entries] == ["2019-03-12", "2018-11-06", "2018-09-03"]


def test_an_offline_copys_link_to_a_page_it_did_not_save_goes_nowhere():
    """Teleport Pro: a page-2's `[1]` and 上一页 it did not save are `javascript:if(confirm('http://…  This file was not
    retrieved by Teleport Pro…'))window.location='http://…'`: no page of the copy (page 2 still reads as page 2)."""
    gone = ("javascript:if(confirm('http://www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=20&ArticlePage=1  \\n\\nThis "
            "file was not retrieved by Teleport Pro, because it was unavailable, or its retrieval was aborted, or the "
            "project was stopped too soon.  \\n\\nDo you want to open it from the server?'))window.location='http://"
            "www.xjmsw.cn/Article/ShowArticle.asp?ArticleID=20&ArticlePage=1'")
    bar = f"<p align='center'><a href=\"{gone}\">上一页</a>&nbsp;<a href=\"{gone}\">[1]</a>&nbsp;<b>[<font color='red'>2" \
          f"</font>]</b></p>"
    page = parse_page("http://127.0.0.1:8765/www.xjmsw.cn/Article/ShowArticle.asp-ArticleID=20&ArticlePage=2.htm",
                      art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"))
    assert page.kind == "continuation" and page.article.page_number == 2


def test_a_search_result_with_its_line_of_author_and_date_is_no_article():
    """动力文章系统's search page of one result: `1.<a>title</a> [王磊][2003年10月14日][412]` (the line the tail of
    the search form) over its summary, under a 搜索结果 box: the line is the entry's, not the page's; no article, its
    one dated entry a listing's (the spider walks it as one)."""
    result = ("<td class='tdbg'><form method='Get' action='Search.asp'><input type='text' name='keyword' value='供暖'>"
              "<input type='submit' value=' 搜索 '></form>1.<a href='ShowArticle.asp?ArticleID=103'><b>首府明日起正式"
              "<font color=red>供暖</font> 各供热单位全面进入运行状态</b></a>&nbsp;[王磊][2003年10月14日][412]<div>"
              f"&nbsp;&nbsp;&nbsp;&nbsp;{PROSE}{PROSE2}……</div></td>")
    html = (f"<html><head><title>新疆民生网 >> 搜索结果</title></head><body>{NAV}<table><tr><td class='title'><b>搜索结果"
            f"</b></td></tr><tr>{result}</tr></table><table><tr><td>共 <b>1</b> 篇文章 首页 上一页 下一页 尾页</td></tr>"
            f"</table>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/Article/Search.asp?Field=Title&keyword=%B9%A9%C5%AF", gb(html))
    assert page.article is None and [e.date for e in page.listing.entries] == ["2003-10-14"]


def test_how_long_the_server_took_is_no_page_date():
    """A footer's `页面执行时间：31.25毫秒` (动力's, many ASP systems') labels no date: no info line."""
    from xjmsw_crawler.parsers.cues import has_label
    assert not has_label("Powered by：MyPower Ver3.51 页面执行时间：31.25毫秒")
    assert has_label("更新时间：2004-9-22")


def test_a_sidebar_column_of_labelled_boxes_is_no_pages_list():
    """YXcms: a column page's own two entries beside a sidebar whose 热门资讯 and 随机资讯 boxes (and Solo's 评论最多的
    文章) list other columns' dated posts; a contact page beside the same column and a 通知公告 box of one link among
    them is no listing."""
    def box(label, n0):
        items = "".join(f"<li><a href='/msjj/{n}.html'>乌鲁木齐第{n}批民生实事项目全部开工建设</a><span>2015-0{n % 9 + 1}-12"
                        f"</span></li>" for n in range(n0, n0 + 4))
        return f"<div class='box'><div class='bock-tit'><h3>{label}</h3></div><ul class='list'>{items}</ul></div>"
    notice = ("<div class='box'><div class='bock-tit'><h3>通知公告</h3></div><div class='notice'><p><a href="
              "'/msjj/16.html'>新疆民生网关于征集2016年民生热点线索的启事</a></p><p>投稿邮箱：xjmsw@163.com</p></div></div>")
    side = f"<div class='side'>{notice}{box('热门资讯', 1)}{box('随机资讯', 5)}{box('评论最多的文章', 9)}</div>"
    own = "".join(f"<li><h4><a href='/zcfg/{n}.html'>{t}</a></h4><span class='time'>2015-03-0{n}&nbsp;&nbsp;点击:5213"
                  f"</span><p>{PROSE}... <a class='more' href='/zcfg/{n}.html'>详情</a></p></li>" for n, t in (
                      (7, "关于调整全区最低工资标准的通知"), (1, "《新疆维吾尔自治区城镇住房保障条例》解读")))
    crumb = "<h3>当前位置：<a href='/index.html'>首页</a> > <a href='/zcfg/'>政策法规</a> ></h3>"
    column = f"<html><head><title>政策法规-新疆民生网</title></head><body>{NAV}<div class='main'>{crumb}<ul " \
             f"class='newslist'>{own}</ul></div>{side}{FOOT}</body></html>"
    page = parse_page("http://www.xjmsw.cn/zcfg/", gb(column))
    assert page.kind == "listing" and [e.url.rsplit("/", 1)[1] for e in page.listing.entries] == ["7.html", "1.html"]
    contact = (f"<html><head><title>联系我们-新疆民生网</title></head><body>{NAV}<div class='main'><h1>联系我们</h1><div>"
               f"<p>地址：乌鲁木齐市天山区解放北路</p><p>热线电话：0991-4816032</p><p>投稿邮箱：xjmsw@163.com</p></div></div>"
               f"<div class='side'>{notice}{box('热门资讯', 1)}{box('随机资讯', 5)}</div>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/lxwm/", gb(contact)).kind == "other"


def test_a_page_of_summaries_that_lead_on_by_a_details_link_is_a_listing():
    """YXcms's search page: each result a title (no link) over a summary that ends in 查看详情, linking the article."""
    results = "".join(f"<li><strong><a class='button' href='/msjj/'>民生经济</a> {t}</strong><span class='fr'>2015-0{n}-02 "
                      f"15:09:10</span><p>{PROSE}... <a class='more' href='/msjj/{n}.html'>查看详情</a></p></li>"
                      for n, t in ((3, "乌鲁木齐出租车运价调整听证会召开"), (5, "元旦春节期间我区主要副食品价格保持平稳")))
    side = "".join(f"<li><a href='/jysb/{n}.html'>高校毕业生就业见习补贴标准提高第{n}期</a><span>2015-05-2{n}</span></li>"
                   for n in range(4))
    html = (f"<html><head><title>搜索结果-新疆民生网</title></head><body>{NAV}<div class='main'><h3>一共找到 2 个结果</h3>"
            f"<ul class='newslist'>{results}</ul></div><div class='side'><ul>{side}</ul></div>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/search-%E7%89%A9%E4%BB%B7-all.html", gb(html)).kind == "listing"


def test_older_and_newer_post_links_are_prev_and_next():
    """b3log Solo: `<a rel="prev" aria-label="…">旧一篇</a>` and `<a rel="next">新一篇</a>`, the labels alone: the older
    post is prev, the titles empty."""
    extra = ("<div class='rel'><a href='/articles/2016/11/07/1483949121418.html' rel='prev' aria-label='老旧小区供暖改造"
             "回访'>旧一篇</a> <a href='/articles/2017/05/22/1495455224580.html' rel='next'>新一篇</a></div>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=extra))
    assert (art.prev, art.next) == (Link("http://www.xjmsw.cn/articles/2016/11/07/1483949121418.html", ""),
                                    Link("http://www.xjmsw.cn/articles/2017/05/22/1495455224580.html", ""))


def test_comments_under_a_count_heading_of_their_own_date_nothing():
    """Solo: `<header><h2>2 评论</h2></header>` over the comments' list: the comments (their `2017-03-15 18:02`) are
    no time of the post, printed as 2017-03-15 alone, and no part of its text."""
    comments = "".join(f"<li><div><span><a>{who}</a> <time>{when}</time></span> <a href='javascript:replyTo(1)'>"
                       f"回复&raquo;</a></div><div><p>{said}</p></div></li>" for who, when, said in (
                           ("打工人小马", "2017-03-15 18:02", "希望企业能真正落实，别光涨标准。"),
                           ("xjmsw", "2017-03-16 09:41", "感谢关注，我们会持续跟进报道。")))
    extra = f"<header class='title'><h2>2 评论</h2></header><ul class='comments'>{comments}</ul>"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info="2017-03-15 | 2 评论 | 5620 浏览", extra=extra))
    assert art.published == "2017-03-15" and art.paragraphs == [PROSE, PROSE2]


def test_an_appended_documents_link_line_is_text():
    """`附：<a>2016—2017年供暖季乌鲁木齐市供热价格一览表</a>` closing a text: an attachment's line, the article's."""
    line = "附：<a href='/old/fujian/2016/gongnuan_jiage.htm'>2016—2017年供暖季乌鲁木齐市供热价格一览表</a>"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><p>{line}</p>"))
    assert art.paragraphs == [PROSE, PROSE2, "附：2016—2017年供暖季乌鲁木齐市供热价格一览表"]


def test_the_sites_name_heading_a_sidebar_box_is_no_headline():
    """Slash: `<title>新疆民生网 | headline</title>`, the masthead's `<h1><a href="/">新疆民生网</a></h1>` and a
    slashbox's `<h4>新疆民生网</h4>` before the story's `<h3>`: the site's name is no headline."""
    title = "首府今年计划完成棚户区改造1.2万户"
    html = (f"<html><head><title>新疆民生网 | {title}</title></head><body><h1><a href='/'>新疆民生网</a></h1>{NAV}<div "
            f"class='block'><h4>新疆民生网</h4><ul><li><a href='/submit.pl'>投稿</a></li><li><a href='/about.shtml'>关于"
            f"本站</a></li></ul></div><div class='article'><h3>{title}</h3><div class='details'>作者：古丽娜尔 发表于 "
            f"2010年03月15日 08时30分 星期一</div><div class='body'><p>{PROSE}</p><p>{PROSE2}</p></div></div>{FOOT}"
            f"</body></html>")
    assert article_of(gb(html), url="http://www.xjmsw.cn/article.pl?sid=10/03/15/0830200").title == title


def test_a_split_articles_page_bar_beside_a_sidebars_list_pages_no_list():
    """一点资讯: a post's headline over its text and the bar of its pages, no info line, beside a 热榜 of four undated
    titles: the bar is the text's, the list no listing of the page (it reads as the post once a listing lists it)."""
    hot = "".join(f"<li><a href='/article/0GbT0wN{n}'>乌鲁木齐第{n}批民生实事项目全部开工建设</a></li>" for n in range(4))
    bar = ("<div class='pages'><span>1</span> <a href='/article/0J1mC8yA?page=2'>2</a> <a href='/article/0J1mC8yA?"
           "page=3'>3</a> <a href='/article/0J1mC8yA?page=2'>下一页</a></div>")
    title = "2019年度城乡居民医保个人缴费标准确定"
    html = (f"<html><head><title>{title}</title></head><body>{NAV}<div class='left'><h2>{title}</h2><div "
            f"class='content-bd'><p>{PROSE}</p><p>{PROSE2}</p>{bar}</div></div><div class='side'><h3>热榜</h3><ol>{hot}"
            f"</ol></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/article/0J1mC8yA", gb(html))
    assert page.kind != "listing" and (page.article or page.candidate).paragraphs == [PROSE, PROSE2]


def test_a_scripts_data_names_pages_the_crawl_follows():
    """凤凰网's 2019 listing renders three entries and keeps the rest in a script's JSON (`"url":"//www.xjmsw.cn/c/
    7pq3VsGHd0K"`): that page is one of the page's links (a resource's URL, a script's or an image's, is none)."""
    data = ('var allData = {"newsstream":[{"id":"ucms_7pq3VsGHd0K","title":"新疆失业保险稳岗返还政策延续至2020年底",'
            '"url":"//www.xjmsw.cn/c/7pq3VsGHd0K","thumb":"//www.xjmsw.cn/ucms/2019_36/a_w144_h80.jpg"},{"url":'
            '"http:\\/\\/www.xjmsw.cn\\/c\\/80dWq5YtK3m"},{"url":"//www.xjmsw.cn/js/main.js"}]};')
    html = (f"<html><head><title>民生 - 新疆民生网</title></head><body>{NAV}<ul><li><a href='/c/84Ld9vPqR1c'>乌鲁木齐今年"
            f"改造老旧小区326个</a></li></ul><script>{data}</script>{FOOT}</body></html>")
    urls = [link.url for link in parse_page("http://www.xjmsw.cn/shanklist/21-35301-", gb(html)).links]
    assert "http://www.xjmsw.cn/c/7pq3VsGHd0K" in urls and "http://www.xjmsw.cn/c/80dWq5YtK3m" in urls
    assert not any(u.endswith((".js", ".jpg")) for u in urls)


def test_a_lazy_images_data_lazyload_address_is_the_image():
    """凤凰网's `<img data-lazyload="//…jpg" src="data:image/png;base64,…">`: the image is the lazy address."""
    body = (f"<p>{PROSE}</p><p><img data-lazyload='//www.xjmsw.cn/ucms/2020_42/9B1D_w600_h400.jpg' src='data:image/"
            f"png;base64,iVBORw0KGgo='></p><p>{PROSE2}</p>")
    assert article_of(art_page(body)).images == ["http://www.xjmsw.cn/ucms/2020_42/9B1D_w600_h400.jpg"]



def _diary_entry(title: str, text: str, comments: str = "") -> bytes:
    """A 开心网 diary entry as its reporter saved it: the diary book's name in bold over every entry (and in the
    <title>), the entry's headline in <b class="f14"> with its time beside it, 上一篇/下一篇, a comment box."""
    return gb(f"<html><head><title>李娜的日记 - 开心网</title></head><body><div class='xcj4'><div class='l'><a href="
              f"'/home/?uid=40512387'><img src='/logo/50_40512387_1.jpg' alt='李娜'></a></div><div class='xcj41 l'><b>"
              f"李娜的日记</b><br><a href='/home/?uid=40512387'>李娜的首页</a></div></div><div id='content'><div "
              f"class='rj_l_t'><div class='l c6'><b class='f14'>{title}</b>&nbsp;&nbsp;<span class='c6'>2010-04-02 "
              f"09:15 发表</span></div><div class='r c9'><a href='/diary/write.php?did=61298840'>编辑</a> ┊ <a href="
              f"'javascript:;'>删除</a></div></div><div class='rj_l_m'><div class='textCont'>{text}</div></div><div "
              f"class='rj_l_b c9'>分类：<a href='/diary/index.php?uid=40512387&amp;classid=3061202'>民生热点</a> ┊ 阅读(64)"
              f"</div><div class='rj_fy tac'><a href='/diary/view.php?uid=40512387&amp;did=64413175'>&lt; 上一篇</a> ┊ "
              f"<a href='/diary/?uid=40512387'>返回日记列表</a> ┊ <a href='/diary/view.php?uid=40512387&amp;did="
              f"60137026'>下一篇 &gt;</a></div>{comments}</div>{FOOT}</body></html>")


def test_a_diary_books_name_in_the_title_is_no_entrys_headline():
    """开心网: `<title>李娜的日记 - 开心网</title>` and `<b>李娜的日记</b>` over every entry name the reporter's diary; the
    entry's headline is its own `<b class="f14">`, two characters too (菜价), its time printed in the same line."""
    for title in ("菜价", "大雪后，我去看了三户独居老人"):
        art = article_of(_diary_entry(title, PROSE), url="http://www.xjmsw.cn/diary/view.php?uid=40512387&did=61298840")
        assert (art.title, art.published, art.paragraphs) == (title, "2010-04-02T09:15:00+08:00", [PROSE])


def test_a_comment_headings_count_in_an_element_of_its_own_heads_the_comments():
    """开心网: `<div><b class="f14">评论</b> <span>(1)</span></div>` over one comment: its time (10:01) no post's, its
    words no text."""
    comment = ("<div class='cmt_box'><div class='cmt_hd'><b class='f14'>评论</b>&nbsp;<span class='c9'>(1)</span></div>"
               "<div class='cmt_i'><div class='cmt_n'><a href='/home/?uid=45093317'>王芳</a>&nbsp;&nbsp;<span>2010-04-02"
               " 10:01</span></div><div class='cmt_c'>二道桥的西红柿多少钱？</div></div></div>")
    art = article_of(art_page(f"<p>{PROSE}</p>", info="", extra=comment))
    assert art.paragraphs == [PROSE] and art.published is None


def test_a_series_pointer_to_its_other_part_is_text():
    """`（上篇见：<a>高校毕业生就业调查（上）</a>）` opening the text of a series' second part is the text's own line,
    not a link line around it."""
    pointer = "（上篇见：<a href='/diary/view.php?uid=40512387&amp;did=64413175'>高校毕业生就业调查（上）</a>）"
    art = article_of(art_page(f"<p>{pointer}</p><p>{PROSE}</p><p>{PROSE2}</p>"))
    assert art.paragraphs == ["（上篇见：高校毕业生就业调查（上））", PROSE, PROSE2]


def test_a_trackback_line_of_a_styled_label_goes_with_its_icon():
    """F2Blog: `<img icon_trackback.gif><strong>引用地址:</strong> <span>http://…/trackback.php?…</span><br>` over the tag
    line, under the text: neither the address nor its icon is the text's (in a <font> around the block's lines, the
    address is not either)."""
    box = ("<img src='/blog/images/icon_trackback.gif' alt=''><strong>引用地址:</strong> <span id='tbURL' title='点击复制"
           "引用地址'>http://www.xjmsw.cn/blog/trackback.php?tbID=17&amp;extra=b08f15</span><br><img src='/blog/images/"
           "tag.gif' alt=''><strong>标签:</strong> <a href='index.php?job=tags&amp;seekname=%E7%89%A9%E4%BB%B7'>物价</a>"
           " <br>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><div>{box}</div>"))
    assert (art.paragraphs, art.images) == ([PROSE, PROSE2], [])
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><div><font face='宋体'>{box}</font></div>"))
    assert art.paragraphs == [PROSE, PROSE2]


def test_a_php_warning_about_a_long_url_is_no_text():
    """F2Blog's GetWIKI plugin: `<b>Warning</b>: file_get_contents(http://www.google.cn/search?…) [<a>function.file-get-
    contents</a>]: failed to open stream: … on line <b>38</b>` over the text, over 200 characters: what the server
    printed, none of the text."""
    warning = ("<br><b>Warning</b>:  file_get_contents(http://www.google.cn/search?hl=zh-CN&amp;q=define%3A%E5%BB%89%E7"
               "%A7%9F%E4%BD%8F%E6%88%BF) [<a href='function.file-get-contents'>function.file-get-contents</a>]: "
               "failed to"
               " open stream: HTTP request failed! HTTP/1.0 403 Forbidden\n in <b>/home/www/xjmsw/blog/plugins/GetWIKI/"
               "GetWIKI.php</b> on line <b>38</b><br>")
    assert article_of(art_page(f"{warning}<p>{PROSE}</p><p>{PROSE2}</p>")).paragraphs == [PROSE, PROSE2]


def test_a_sentence_that_ends_in_a_buttons_words_is_text():
    """`…也欢迎读者朋友给我们提供线索、发表评论。` closing a post is its text; a comment box's notice that opens with the
    words (`网友评论仅供其表达个人看法，…。`) and a quote box's bare caption (`引用:`) are not."""
    last = "民生无小事。新的一年，民生博客将继续关注百姓冷暖，也欢迎读者朋友给我们提供线索、发表评论。"
    quote = ("<div class='UBBPanel'><div class='UBBTitle'><img src='/blog/images/From.gif' alt=''> 引用:</div><div "
             "class='UBBContent'>《乌鲁木齐市城市供热管理办法》规定：供热期内，居民住宅卧室温度不低于18℃。</div></div>")
    notice = "<p>网友评论仅供其表达个人看法，并不表明新疆民生网同意其观点或证实其描述。</p>"
    art = article_of(art_page(f"<p>{PROSE}</p>{quote}<p>{PROSE2}</p><p>{last}</p>{notice}"))
    assert art.paragraphs == [PROSE, "《乌鲁木齐市城市供热管理办法》规定：供热期内，居民住宅卧室温度不低于18℃。", PROSE2, last]
    assert art.images == []


def _f2blog_page(title: str, text: str, bar: str = "") -> bytes:
    """An F2Blog page (its home or a post): the post's headline over its date and text, a page bar or not."""
    return gb(f"<html><head><title>新疆民生网民生博客</title></head><body>{NAV}<div id='mainContent'>{bar}<div "
              f"class='Content'><div class='Content-top'><h1 class='ContentTitle'>{title}</h1><h2 "
              f"class='ContentAuthor'>"
              f"作者:&nbsp;日期:2007-10-08 09:00</h2></div><div class='Content-body'>{text}</div></div>{bar}</div>"
              f"{FOOT}</body></html>")


def test_a_blogs_last_page_of_one_whole_post_is_a_listing():
    """F2Blog's home page 4: one post printed whole under its headline's link to `index.php?load=read&id=3` (another
    document of the same script, whose query names what the page's does not), the page bar's 4 current: a listing of
    that post, no page 4 of an article."""
    bar = ("<div class='page'><ul><li><a href='index.php?page=1' title='首页'>|&lt;</a> <a href='index.php?page=3'>&lt;"
           "</a> <a href='index.php?page=1'>1</a> <a href='index.php?page=2'>2</a> <a href='index.php?page=3'>3</a> "
           "<strong>4</strong></li></ul></div>")
    head = "<a class='titleA' href='index.php?load=read&amp;id=3'>乌鲁木齐10月15日起试供暖 服务热线同时开通</a>"
    page = parse_page("http://www.xjmsw.cn/blog/index.php?page=4",
                      _f2blog_page(head, f"{PROSE}<br><br>{PROSE2}<br><br>（来源：乌鲁木齐晚报）", bar))
    assert page.kind == "listing" and [e.url for e in page.listing.entries] == [
        "http://www.xjmsw.cn/blog/index.php?load=read&id=3"]


def test_a_locked_posts_page_is_no_article():
    """F2Blog: a post locked by a password prints `该日志已加密，请输入密码后查看！` and a password form where its text
    would be, beside its 上一篇/下一篇: no text to keep (kind other)."""
    text = ("<img src='images/icon_lock.gif' alt=''> 该日志已加密，请输入密码后查看！ <form method='post'><input type="
            "'password' name='logpassword'><input type='button' value='确定'></form>")
    pn = ("<div><a href='index.php?load=read&amp;id=13' title='上一篇日志: 法律援助站开到了工地上'>上一篇</a> | <a href="
          "'index.php?load=read&amp;id=16' title='下一篇日志: 冬季蔬菜价格平稳'>下一篇</a></div>")
    page = parse_page("http://www.xjmsw.cn/blog/index.php?load=read&id=14",
                      _f2blog_page("<strong>2007-2008采暖季供热热线值班安排（内部）</strong>", text, pn))
    assert page.kind == "other" and page.article is None


def test_a_lazy_images_noscript_copy_is_the_image():
    """gatsby-image: a blurred base64 placeholder `<img src="data:image/jpeg;base64,…">` over `<noscript><picture>
    <img src="/static/…/photo.jpg"></picture></noscript>`, the only place the photo's address is printed."""
    figure = ("<figure><div class=' gatsby-image-wrapper'><div aria-hidden='true' style='padding-bottom:66%'></div>"
              "<img "
              "aria-hidden='true' src='data:image/jpeg;base64,/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcg' alt=''>"
              "<noscript><picture><source type='image/webp' srcset='/static/ce3c/89ef2/IMG_1.webp 200w'><img loading="
              "'lazy' src='/static/ce3c/4d32b/IMG_1.jpg' alt=''></picture></noscript></div><figcaption>新建的天山区第二十三"
              "幼儿园教学楼。</figcaption></figure>")
    art = article_of(art_page(f"<p>{PROSE}</p>{figure}<p>{PROSE2}</p>"))
    assert art.images == ["http://www.xjmsw.cn/static/ce3c/4d32b/IMG_1.jpg"]
    assert art.paragraphs == [PROSE, "新建的天山区第二十三幼儿园教学楼。", PROSE2]


def test_a_blogs_home_link_over_its_posts_is_no_headline():
    """LifeType: `<h1><a href="index.php?blogId=1">新疆民生网记者博客</a></h1>` over every post of
    `index.php?op=ViewArticle&articleId=3&blogId=1`, its <title> `新疆民生网记者博客 | headline`: the blog's name
    links the page a query above it, no headline; the post's `<h2>` is (a thread's first page linked over its
    `&start=15` is not above it: that is the thread's own headline)."""
    title = "首府今冬供暖10月15日准时开始 采暖费标准不变"
    html = (f"<html><head><title>新疆民生网记者博客 | {title}</title></head><body><div id='Header'><h1><a title="
            f"'新疆民生网记者博客' href='http://www.xjmsw.cn/index.php?blogId=1'>新疆民生网记者博客</a></h1></div>{NAV}"
            f"<div class='post'><h2 class='posttitle'><a href='http://www.xjmsw.cn/index.php?op=ViewArticle&amp;"
            f"articleId=3&amp;blogId=1'>{title}</a></h2><p class='postmeta'>作者：王磊　来源：乌鲁木齐晚报</p><div "
            f"class='postbody'><p>{PROSE}</p><p>{PROSE2}</p></div></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/index.php?op=ViewArticle&articleId=3&blogId=1")
    assert (art.title, art.author) == (title, "王磊")


def test_a_breadcrumb_list_marked_up_without_a_home_level_is_the_breadcrumb():
    """Discourse: a topic's category badge in a schema.org BreadcrumbList (`itemprop="name"` 就业社保), no 首页 level,
    no separator: the breadcrumb is that level."""
    crumb = ("<div class='topic-category' itemscope itemtype='http://schema.org/BreadcrumbList'><span itemprop="
             "'itemListElement' itemscope itemtype='http://schema.org/ListItem'><a href='/c/6-category/6' class="
             "'badge-wrapper bullet' itemprop='item'><span class='badge-category-bg'></span><span "
             "class='badge-category'>"
             "<span class='category-name' itemprop='name'>就业社保</span></span></a><meta itemprop='position' content='1'>"
             "</span></div>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", crumb=crumb))
    assert (art.breadcrumb, art.category) == (["就业社保"], "就业社保")


def test_a_time_printed_in_another_zone_is_read_in_the_sites():
    """Discourse prints `<time datetime="2020-01-10T23:15:02Z">2020年1月10日 23:15</time>`, the UTC wall time with no
    zone: the post's time is 2020-01-11 07:15 in Beijing; a time printed as Beijing's beside its UTC stamp stays."""
    for shown, stamp in (("2020年1月10日 23:15", "2020-01-10T23:15:02Z"), ("2020-01-11 07:15", "2020-01-10T23:15:00Z")):
        info = f"<time itemprop='datePublished' datetime='{stamp}' class='post-time'>{shown}</time> 作者：王磊"
        assert article_of(art_page(f"<p>{PROSE}</p>", info=info)).published == "2020-01-11T07:15:00+08:00"


def test_a_lightboxs_file_line_over_its_image_is_no_text():
    """Discourse: `<a class="lightbox"><img …><div class="meta"><span class="filename">乌鲁木齐站春运首日</span><span
    class="informations">1280×853 203 KB</span></div></a>`: the image is the text's, its file's line is not."""
    box = ("<div class='lightbox-wrapper'><a class='lightbox' href='/uploads/default/original/2X/3/34f3.jpeg' title="
           "'乌鲁木齐站春运首日'><img src='/uploads/default/optimized/2X/3/34f3_2_690x460.jpeg' alt='乌鲁木齐站春运首日'>"
           "<div class='meta'><span class='filename'>乌鲁木齐站春运首日</span><span class='informations'>1280×853 203 KB"
           "</span></div></a></div>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{box}</p><p>{PROSE2}</p>"))
    assert art.paragraphs == [PROSE, PROSE2]
    assert art.images == ["http://www.xjmsw.cn/uploads/default/optimized/2X/3/34f3_2_690x460.jpeg"]


def test_a_page_all_in_noscript_is_read():
    """Discourse's browser layout: the topic for browsers without scripts in `<noscript data-path="/t/topic/259">`,
    beside an empty shell its scripts fill: the page is that topic."""
    title = "失业保险金标准上调 5月起按新标准发放"
    html = (f"<html><head><title>{title} - 就业社保 - 新疆民生网</title></head><body><noscript data-path='/t/topic/259'>"
            f"<div id='main-outlet'><h1><a href='/t/topic/259'>{title}</a></h1><div class='meta'>作者：王磊 <time "
            f"datetime='2020-04-28T02:05:31Z'>2020-04-28 10:05</time></div><div class='post'><p>{PROSE}</p><p>"
            f"{PROSE2}</p></div></div>"
            f"</noscript><div id='app'></div><script src='/assets/application.js'></script></body></html>")
    page = parse_page("http://www.xjmsw.cn/t/topic/259", gb(html))
    assert page.kind == "article" and (page.article.title, page.article.paragraphs) == (title, [PROSE, PROSE2])


def test_an_issue_date_under_the_author_line_dates_a_print_piece_not_a_sidebar_boxs():
    """南方周末: `作者：… 最后更新：2012-07-27 10:31:07` (a last change, never the publication) over `2012-07-26 期数：第475期
    版面：新闻·调查`, the issue's date, inside the article's block; a sidebar column's 电子报 box prints the latest issue's
    `2012年09月27日` under its heading on every page: the piece was published 2012-07-26."""
    side = ("<div class='side-2' id='sideBar'><div class='box hot'><h3>本周热读</h3><ol><li><a href='/content/79305'>我区上调"
            "最低工资标准</a></li></ol></div><div class='box enews'><h3>电子报</h3><a href='/enews/xjms'><img src='/medias/"
            "cover484.jpeg'></a><p>2012年09月27日</p><p>第484期</p></div></div>")
    html = (f"<html><head><title>新疆民生网 - 老楼换新衣</title></head><body>{NAV}<div class='crumbs'>您现在的位置：<a "
            f"href='/'>新疆民生网</a> &gt; <a href='/contents/5'>新闻</a> &gt; 正文</div><div id='contentPage'><div "
            f"class='side-1' id='mainContent'><article id='detailContent'><header><h1>老楼换新衣</h1><div class="
            f"'contentAuthor'><span><em>作者：</em><span>民生周末记者 李娜</span></span> <em>最后更新：2012-07-27 "
            f"10:31:07</em></div><div class='issueInfo'><span>2012-07-26</span> <span><em>期数：</em><a href='/enews/"
            f"xjms/3382'>第475期</a></span></div></header><section><p>{PROSE}</p><p>{PROSE2}</p></section></article>"
            f"</div>{side}</div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/content/78123")
    assert (art.author, art.published) == ("民生周末记者 李娜", "2012-07-26")


def _lblog_page(content: str) -> bytes:
    """An L-Blog page: its sidebar's calendar (its arrows a page bar of months), statistics box (three counts
    linked: 评论：17 篇) and latest comments beside content."""
    cut = ("恭喜乡亲们住上新房！", "煤价确实涨得厉害，企", "希望对我们低保家庭多", "涨价可以，但暖气要先", "孩子们拿到新书都很高",
           "哪里能看到见习企业的", "新农合真是好政策，我")
    comments = "".join(f"<a href='blogview.asp?logID={n}#commmark_{n}' title='网友 于 2005-11-2{n} 10:02 AM 发表评论：'>"
                       f"{text}...</a><br>" for n, text in enumerate(cut))
    days = "".join(f"<td><a href='default.asp?log_Year=2005&amp;log_Month=11&amp;log_Day={d}'>{d}</a></td>"
                   for d in (4, 9, 15, 18))
    calendar = ("<div class='siderbar_head'>站点日历</div><table><tr><td colspan='7'><a href='default.asp?log_Year=2004'"
                " title='上一年'><span class='arrow'>7</span></a><a href='default.asp?log_Year=2005&amp;log_Month=10' "
                "title='上一月'><span class='arrow'>3</span></a> <strong>2005 - 11</strong> <a href='default.asp?"
                "log_Year=2005&amp;log_Month=12' title='下一月'><span class='arrow'>4</span></a><a href='default.asp?"
                f"log_Year=2006' title='下一年'><span class='arrow'>8</span></a></td></tr><tr>{days}</tr></table>")
    side = (f"<td width='160'>{calendar}<div class='siderbar_head'>站点统计</div><div class='siderbar_main'>日志：15 篇"
            "<br><a href='commlist.asp'>评论：17 篇</a><br><a href='tblist.asp'>引用：1 个</a><br><a href='member.asp'>会员："
            f"37 人</a><br>访问：28463 次</div><div class='siderbar_head'>最新评论</div><div class='siderbar_main'>"
            f"{comments}</div></td>")
    return gb(f"<html><head><title>新疆民生网</title></head><body>{NAV}<table><tr>{side}<td width='100%'>{content}"
              f"</td></tr></table>{FOOT}</body></html>")


def test_a_statistics_boxs_counts_are_no_listing():
    """L-Blog's 站点统计 box links its counts (`<a href="commlist.asp">评论：17 篇</a>`, 引用：1 个, 会员：37 人) on every
    page: a trackback page with none (暂时没有引用) is no listing of them."""
    page = parse_page("http://www.xjmsw.cn/trackback.asp?logID=1", _lblog_page(
        "<div class='content_head'>引用通告</div><div class='content_main'>此日志的引用通告地址：http://www.xjmsw.cn/"
        "trackback.asp?tbID=1</div><div>暂时没有引用</div>"))
    assert page.kind == "other"


def test_a_post_the_visitor_may_not_see_is_no_article():
    """L-Blog's hidden post: its neighbours' titles over `对不起，你没有权限查看此日志，请点击返回首页`: no article, and no
    listing of the two neighbours."""
    near = ("<table><tr><td><img src='images/icon_ar.gif'> <a href='blogview.asp?logID=12'>我区农村中小学免费教科书全部发放"
            "到位</a></td><td><a href='blogview.asp?logID=14'>失业保险金标准上调 月人均增加40元</a> <img src='images/"
            "icon_al.gif'></td></tr></table>")
    page = parse_page("http://www.xjmsw.cn/blogview.asp?logID=13", _lblog_page(
        f"{near}<br><center><div class='msg_content'><a href='default.asp'>对不起，你没有权限查看此日志，请点击返回首页"
        "</a></div></center>"))
    assert page.kind == "other" and page.article is None


def test_a_trackbacks_pointer_to_its_post_is_no_entry():
    """L-Blog's page of a post's trackback: the other blog's dated excerpt and `<a href="blogview.asp?logID=10">
    查看所引用的日志：新型农村合作医疗试点扩大到二十个县市</a>` under it, a pointer (查看…：), no listing of one post."""
    page = parse_page("http://www.xjmsw.cn/trackback.asp?logID=10", _lblog_page(
        "<div class='content_head'>引用通告</div><fieldset><legend>引用通告：<a href='http://www.xjblog.net/blog/"
        "blogview.asp?logID=221'>天山脚下</a> 于 2005-11-06 10:41 PM</legend><table><tr><td><b>标题：</b>新农合让农民看得"
        "起病<br><b>摘要：</b>看到新疆民生网的报道，想起老家的情况。我们县今年也开始搞新农合了……</td></tr></table><div "
        "align='right'><a href='blogview.asp?logID=10'>查看所引用的日志：新型农村合作医疗试点扩大到二十个县市</a></div>"
        "</fieldset>"))
    assert page.kind == "other" and not (page.listing and page.listing.entries)


def test_an_empty_comment_boxs_notice_is_no_text():
    """L-Blog prints `暂时没有评论` under a post nobody commented (暂无评论 elsewhere): no line of its text."""
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p><br><br>暂时没有评论"))
    assert art.paragraphs == [PROSE, PROSE2]


def test_a_summary_box_alone_on_a_page_left_empty_joins_no_text():
    """iCMS adds a page to every article (文章分页+N) that prints nothing but the summary box over its empty text: the
    text's first 100 characters run across its short opening paragraphs, or the editor's own summary of the first
    one. Neither joins the record's text; a page n's paragraph of its own does."""
    items = ["12月1日，记者从乌鲁木齐市人社局获悉，首府已在全市所有社区建成就业服务站，居民在家门口就能享受以下服务：",
             "求职登记和岗位推荐；", "职业指导和创业咨询；", "就业困难人员认定和援助；", PROSE]
    first = Article(title="t", author=None, source=None, published=None, category=None, breadcrumb=[],
                    paragraphs=items, body_html="", images=[], prev=None, next=None)
    empty = replace(first, paragraphs=["".join(items)[:70]], page_number=2)
    assert merge_pages([first, empty]).paragraphs == items
    opening = ("从今年起，我区新型农村社会养老保险和城镇居民社会养老保险正式合并实施，统一为城乡居民基本养老保险制度，全区约"
               "700万参保居民将享受统一的待遇标准。")
    summary = "从今年起，我区新型农村社会养老保险和城镇居民社会养老保险合并实施，统一为城乡居民基本养老保险制度。"
    first = replace(first, paragraphs=[opening, PROSE])
    assert merge_pages([first, replace(empty, paragraphs=[summary])]).paragraphs == [opening, PROSE]
    assert merge_pages([first, replace(empty, paragraphs=[PROSE2])]).paragraphs == [opening, PROSE, PROSE2]


def test_a_pagers_arrow_key_hint_is_no_text():
    """iCMS prints `提示：键盘也能翻页，试试"← →"键` under its pager, beside the text's block: no line of the text."""
    bar = ("<div class='article-pagenav'><a href='/article/102.html'>上一页</a><a href='/article/102.html'>1</a><span>2"
           "</span></div><div class='tip clr'>提示：键盘也能翻页，试试\"← →\"键</div>")
    art = article_of(art_page(f"<div class='article-detail'><div class='article-body'><p>{PROSE}</p><p>{PROSE2}</p>"
                              f"</div></div>{bar}"), url="http://www.xjmsw.cn/article/102_2.html")
    assert art.paragraphs == [PROSE, PROSE2]


def _uchome_entry(title: str, text: str, after: str = "") -> bytes:
    """A UCenter Home entry: the space's menu, the headline over its reads and date, the text, what follows it."""
    return gb(f"<html><head><title>{title} - 民生网编辑部的日志 - 新疆民生网</title></head><body>{NAV}<div id='mainarea'>"
              "<div class='c_header a_header'><p>民生网编辑部的日志</p><a href='space.php?uid=12'>民生网编辑部的主页</a> "
              "&raquo; <a href='space.php?uid=12&amp;do=blog&amp;view=me'>TA的所有日志</a></div><div class='entry'>"
              f"<div class='title'><h1>{title}</h1> <span class='gray'>已有 455 次阅读</span> <span class='gray'>"
              f"2010-02-26 15:30</span></div><div id='blog_article' class='article'>{text}</div></div>{after}</div>"
              f"{FOOT}</body></html>")


def test_a_dated_one_sentence_entry_is_a_candidate_article():
    """A blog's entry of one sentence (41 characters: too few to count as prose) under its headline and its time:
    read as the article the spider takes where a listing lists it."""
    text = "自治区2010年度社会保险缴费基数下限为1053元，上限为5265元，自2010年1月起执行。"
    page = parse_page("http://www.xjmsw.cn/space.php?uid=12&do=blog&id=318", _uchome_entry("2010年度社保缴费基数公布", text))
    assert page.kind == "other" and page.candidate is not None
    assert (page.candidate.paragraphs, page.candidate.published) == ([text], "2010-02-26T15:30:00+08:00")


def test_a_comment_pager_after_a_reactions_box_pages_the_entry():
    """UCenter Home pages an entry's comments (…&page=2#comment: the entry again over the next 30) in a bar under the
    comments' heading, after a 表态 box of five icons and twenty avatars: the entry's pages."""
    url = "http://www.xjmsw.cn/space.php?uid=12&do=blog&id=323"
    icons = "".join(f"<td><a href='cp.php?ac=click&amp;op=add&amp;clickid={n}'><img src='image/click/{n}.gif'></a>"
                    f"<br>{name}<br>({n})</td>" for n, name in enumerate(("路过", "雷人", "握手", "鲜花", "鸡蛋"), 1))
    avatars = "".join(f"<li><div class='avatar48'><a href='space.php?uid={n}'><img src='/ucenter/avatar/{n}.jpg'></a>"
                      f"</div><p><a href='space.php?uid={n}'>网友{n}</a></p></li>" for n in range(100, 120))
    bar = ("<div class='page'><em>&nbsp;65&nbsp;</em><strong>1</strong><a href='space.php?uid=12&amp;do=blog&amp;"
           "id=323&amp;page=2#comment'>2</a><a href='space.php?uid=12&amp;do=blog&amp;id=323&amp;page=3#comment'>3</a>"
           "</div>")
    after = (f"<div class='click_div'><table><tr>{icons}</tr></table></div><div class='trace'><h2>刚表态过的朋友 (20 人)"
             f"</h2><ul class='avatar_list'>{avatars}</ul></div><div class='comments'><h2>评论 (65 个评论)</h2>{bar}<ul "
             "id='comment_ul'><li><a href='space.php?uid=7'>老王</a> 2010-03-02 10:11<div>支持！</div></li></ul></div>")
    art = article_of(_uchome_entry("春风行动招聘会见闻", f"<p>{PROSE}</p><p>{PROSE2}</p>", after), url=url)
    assert [canonical_url(u) for u in art.page_urls] == [url, f"{url}&page=2", f"{url}&page=3"]


def test_a_lazy_images_crs_address_is_the_image():
    """腾讯微博 prints a message's picture as `<img class="crs" crs="…/460">`, no src until its script runs."""
    art = article_of(art_page(f"<p>{PROSE}</p><div class='picBox'><a href='/mblogpic/9c7e2d/2000'><img class='crs' "
                              f"crs='/mblogpic/9c7e2d/460'></a></div><p>{PROSE2}</p>"))
    assert art.images == ["http://www.xjmsw.cn/mblogpic/9c7e2d/460"]


def test_a_time_of_an_hour_alone_is_read():
    """OSChina prints a news item's time to the hour: `发布于 2013年11月25日 9时, 已有 125 人阅读` is 09:00."""
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", info="发布于 2013年11月25日 9时, 已有 <em>125</em> 人阅读"))
    assert art.published == "2013-11-25T09:00:00+08:00"


def test_a_guestbook_is_no_article():
    """中国博客网's 留言本 (L-Blog's too): readers' dated messages and the blogger's replies under the guestbook's name,
    punctuated like prose: no article, not even a candidate."""
    messages = ("<tr><td>网友：博格达 留言于 2007-1-3 21:10:05</td></tr><tr><td>请问怎么给记者报料？我们小区的暖气一直不热，"
                "打了好几次电话都没人管。</td></tr><tr><td>博主回复：拨打热线0991-2345678或在本留言本留言，我们会转给有关部门。"
                "</td></tr><tr><td>网友：xj_lily 留言于 2007-2-11 9:42:51</td></tr><tr><td>新年快乐！祝新疆民生网越办越好，"
                "多报道一些南疆的消息。</td></tr>")
    html = (f"<html><head><title>留言本 - 新疆民生网记者博客</title></head><body>{NAV}<table><tr><td><b>留言本</b>（共2条）"
            f"</td></tr>{messages}</table>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/guestbook.shtml", gb(html))
    assert page.kind == "other" and page.article is None and page.candidate is None


def test_a_sidebar_boxs_rows_of_links_are_no_breadcrumb():
    """A blog's 友情链接 box: `· <a href="http://www.xjmsw.cn/">新疆民生网</a>` and `· <a>中国博客网</a>` in rows of
    their own under the box's name, a link to the site's front page among them: no breadcrumb (友情链接 › 新疆民生网
    › 中国博客网)."""
    box = ("<table class='box'><tr><td class='box_title'><b>友情链接</b></td></tr><tr><td>· <a href='http://www.xjmsw.cn/'>"
           "新疆民生网</a></td></tr><tr><td>· <a href='http://www.blogcn.com/'>中国博客网</a></td></tr></table>")
    html = (f"<html><head><title>乌鲁木齐秋季人才招聘会提供岗位1.2万个 - 记者手记</title></head><body><table><tr><td>"
            f"{box}</td><td><b>乌鲁木齐秋季人才招聘会提供岗位1.2万个</b><p>{PROSE}</p><p>{PROSE2}</p><p>发表于 2006-10-12 "
            f"9:15:32 | 阅读(25)</p></td></tr></table></body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/diary,31402218.shtml")
    assert (art.breadcrumb, art.category) == ([], None)


def test_a_bracketed_labels_value_ends_at_its_bracket():
    """EmpireCMS's anti-copy option hides `3e2新疆民生网` in a span before every `</p>`, the closing `（来源：乌鲁木齐晚报）`
    line's too: the source is 乌鲁木齐晚报, not what follows its bracket."""
    hide = "<span style='display:none'>3e2新疆民生网</span>"
    art = article_of(art_page(f"<p>{PROSE}{hide}</p><p>{PROSE2}{hide}</p><p>　　（来源：乌鲁木齐晚报）{hide}</p>",
                              info="发布时间：2018-12-03 10:20:00"))
    assert (art.source, art.paragraphs) == ("乌鲁木齐晚报", [PROSE, PROSE2])


def test_a_page_selects_label_is_no_text():
    """EmpireCMS prints `分页导航：<select>` of its pages' titles under a split article's page bar: no line of the text."""
    bar = ("<div class='pages'><a href='/a/msjj/1234.html'>1</a> <b>2</b></div><div class='tselect'>分页导航：<select "
           "name='titleselect'><option value='/a/msjj/1234.html?1'>我区城镇新增就业27.6万人</option><option value="
           "'/a/msjj/1234_2.html?2' selected>二、重点群体就业保持稳定</option></select></div>")
    art = article_of(art_page(f"<div class='article'><p>{PROSE}</p><p>{PROSE2}</p>{bar}</div>"),
                     url="http://www.xjmsw.cn/a/msjj/1234_2.html")
    assert art.paragraphs == [PROSE, PROSE2]


def test_a_page_ns_title_naming_its_part_leaves_the_headline_to_the_h1():
    """EmpireCMS's 分页标题: page 2's <title> names its part, `二、重点群体就业保持稳定`, which the text's own bold first
    line prints; the headline is the article's <h1> over the info line, and that line stays text."""
    part = "二、重点群体就业保持稳定"
    art = article_of(art_page(f"<p><strong>{part}</strong></p><p>{PROSE}</p><p>{PROSE2}</p>",
                              title="我区今年前5个月城镇新增就业27.6万人", head_title=f"{part}_就业创业_新疆民生网",
                              info="来源：天山网 发布时间：2018-06-12 09:35:21").replace(b"<h2>", b"<h1>")
                     .replace(b"</h2>", b"</h1>"), url="http://www.xjmsw.cn/a/msjj/2018-06-12/1234_2.html")
    assert (art.title, art.paragraphs) == ("我区今年前5个月城镇新增就业27.6万人", [part, PROSE, PROSE2])


def test_readers_comments_in_the_posts_own_blocks_are_no_text():
    """L-Blog prints each comment in the post's own content_head/content_main classes, under its head
    `热力公司职工 于 2005-11-24 08:18 PM 发表评论：`: none of the post's text, one comment or three."""
    def comment(n, who, when, said):
        return (f"<div class='content_head'><a name='commmark_{n}'></a><span><strong><a href='member.asp?n={n}'>{who}"
                f"</a> 于 {when} 发表评论：</strong></span></div><div class='content_main'>{said}</div>")
    said = ["煤价确实涨得厉害，企业也难。", "希望对我们低保家庭多照顾一点。", "涨价可以，但暖气要先保证热起来。"]
    for n in (1, 3):
        comments = "".join(comment(k, f"网友{k}", f"2005-11-2{k} 08:18 PM", said[k]) for k in range(n))
        html = (f"<html><head><title>供热价格听证会在乌鲁木齐举行 - 新疆民生网</title></head><body>{NAV}<table><tr>"
                f"<td>最新日志</td><td><div class='content_head'><b>供热价格听证会在乌鲁木齐举行</b> [ 日期：2005-11-22 ]"
                f"</div><div class='content_main'>{PROSE}<br><br>{PROSE2}</div>{comments}<b>发表评论</b><form>"
                f"<textarea></textarea></form></td></tr></table>{FOOT}</body></html>")
        art = article_of(gb(html), url="http://www.xjmsw.cn/blogview.asp?logID=15")
        assert art.paragraphs == [PROSE, PROSE2], n


def test_numbers_whose_tooltips_name_no_page_are_no_page_bar():
    """L-Blog's calendar turns its months and years by Webdings arrows, `<a title="上一年"><span class="arrow">7
    </span></a>`, drawn by a stylesheet the page links: no page bar of the category beside it."""
    turns = "".join(f"<a href='default.asp?log_Year={y}' title='{tip}'><span class='arrow'>{glyph}</span></a>"
                    for y, tip, glyph in ((2004, "上一年", 7), (2005, "上一月", 3), (2006, "下一月", 4), (2007, "下一年", 8)))
    entries = "".join(f"<li><a href='blogview.asp?logID={n}'>乌鲁木齐供暖新闻第{n}篇报道</a> [2005-11-{n:02d}]</li>"
                      for n in range(1, 6))
    html = (f"<html><head><title>民生新闻 - 新疆民生网</title></head><body>{NAV}<table><tr><td><div>站点日历</div>"
            f"<table><tr><td>{turns}</td></tr></table></td><td><ul>{entries}</ul></td></tr></table>{FOOT}"
            f"</body></html>")
    page = parse_page("http://www.xjmsw.cn/default.asp?cateID=2", gb(html))
    assert page.kind == "listing" and page.listing.page_links == []


def test_a_channel_front_of_its_sub_columns_boxes_is_no_listing():
    """四川在线's channel front under its breadcrumb: a dated box per sub-column, each in its sub-column's folder under
    its own 更多>>: a front page (other), however few the boxes."""
    def box(folder, name, n):
        items = "".join(f"<li><span>2011-05-{k + 10}</span>·<a href='/nminsheng/{folder}/201105{k + 10}/2011{k}.htm'>"
                        f"{name}新闻标题第{k}条报道</a></li>" for k in range(n))
        return (f"<div class='box'><div class='tit'><span><a href='/nminsheng/{folder}/index.htm'>更多&gt;&gt;</a>"
                f"</span><a href='/nminsheng/{folder}/index.htm'>{name}</a></div><ul>{items}</ul></div>")
    html = (f"<html><head><title>民生新闻_新疆民生网</title></head><body>{NAV}<div>您现在的位置：<a href='/'>新疆民生网"
            f"</a> &gt;&gt; 民生新闻</div>{box('jysb', '就业社保', 6)}{box('jyyl', '教育医疗', 4)}{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/nminsheng/index.htm", gb(html)).kind == "other"


def test_a_search_page_of_one_counted_result_is_a_listing():
    """ezEIP's search result of one entry: its linked headline over its summary and `发布时间：… 栏目：…`, under
    `关键字“供暖”共找到 1 条相关信息`: a listing, not an article."""
    html = (f"<html><head><title>搜索结果_新疆民生网</title></head><body>{NAV}<div class='position'>当前位置：<a href="
            f"'/'>首页</a> &gt; 搜索结果</div><p>关键字“供暖”共找到 <b>1</b> 条相关信息</p><div class='search_list'><dl>"
            f"<dt><a href='/csms/info.aspx?itemid=1543'>乌鲁木齐市10月10日起试<font color='red'>供暖</font></a></dt>"
            f"<dd>{PROSE}{PROSE2}...</dd><dd>发布时间：2013-10-08&nbsp;&nbsp;栏目：城市民生</dd></dl></div>{FOOT}"
            f"</body></html>")
    page = parse_page("http://www.xjmsw.cn/search/index.aspx?key=%B9%A9%C5%AF", gb(html))
    assert page.kind == "listing" and [e.url for e in page.listing.entries] == [
        "http://www.xjmsw.cn/csms/info.aspx?itemid=1543"]


def test_an_apps_download_prompt_is_no_text():
    """A site's line under the text sending readers to its app (`民生无小事，还不去下载 新疆民生App 猛嗅民生！`) is no
    text; a sentence telling them to download one for a service is."""
    service = "参保人员可下载“新疆智慧人社”App办理异地就医备案。"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{service}</p><p><b>民生无小事，还不去下载 <a href='/about/app.html'>"
                              f"新疆民生App</a> 猛嗅民生！</b></p>"))
    assert art.paragraphs == [PROSE, service]


def test_a_picture_after_a_dropped_line_stays():
    """Yesky's SSI include failed inside the text: `[an error occurred while processing this directive]` and the photo
    after it on the same line of <br> lines: the error goes, the photo stays."""
    photo = "<a href='/imagelist/2008/308/3ocf.jpg'><img src='/imagelist/2008/308/3ocf.jpg' width='400' " \
            "height='300'></a>"
    art = article_of(art_page(f"{PROSE}<br>[an error occurred while processing this directive]\n{photo}<br><br>"
                              f"图为医生为居民测量血压。<br><br>{PROSE2}<br>"))
    assert (art.paragraphs, art.images) == ([PROSE, "图为医生为居民测量血压。", PROSE2],
                                           ["http://www.xjmsw.cn/imagelist/2008/308/3ocf.jpg"])


def test_a_lazy_attribute_naming_the_file_its_src_shows_is_no_address():
    """October CMS prints a featured image's disk name in data-src beside its whole URL in src
    (`data-src="5c8b2e04a19f7325190846.jpg" src="…/uploads/public/5c8/b2e/04a/5c8b2e04a19f7325190846.jpg"`): the image
    is the src's, not the file name read against the page's folder."""
    src = "http://www.xjmsw.cn/storage/app/uploads/public/5c8/b2e/04a/5c8b2e04a19f7325190846.jpg"
    art = article_of(art_page(f"<p>{PROSE}</p><p><img data-src='5c8b2e04a19f7325190846.jpg' src='{src}'></p>"
                              f"<p>{PROSE2}</p>"))
    assert art.images == [src]


def test_a_sidebar_calendars_day_links_are_no_page_bar():
    """BlogDriver's sidebar calendar links the days that have posts (<td><a href="/xjmslina/1203318.html">4</a></td>)
    under a row of weekday names: no page bar, so the post is one page, not joined to another post."""
    weeks = "".join("<tr>" + "".join(f"<td><a href='/xjmslina/12{d:05d}.html'>{d}</a></td>" if d in (4, 11) else
                                      f"<td>{d}</td>" for d in range(w * 7 + 1, w * 7 + 8)) + "</tr>" for w in range(3))
    calendar = ("<table><caption>2006年1月</caption><tr>" + "".join(f"<th>{d}</th>" for d in "日一二三四五六") + "</tr>"
                f"{weeks}</table>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=f"<div class='side'>{calendar}</div>"),
                     url="http://www.xjmsw.cn/xjmslina/1176388.html")
    assert art.page_urls == [] and art.page_number == 1


def test_comments_under_a_heading_after_its_anchor_are_no_text():
    """Movable Type's `<div class="comments-head"><a name="comments"></a>评论</div>` heads the comments, each stamped
    `发表者: 幸福路 于 2005-11-02 11:48`, or none, the form's `发表评论` right under it: none of them is text."""
    def page(comments):
        return art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=(
            f"<div class='comments-head'><a name='comments'></a>评论</div>{comments}<div class='comments-head'>发表评论"
            f"</div><div class='comments-body'><form><textarea></textarea></form></div>"))
    said = [("我家才15度，打了三次电话了。", "幸福路", "2005-11-02 11:48"),
            ("回复幸福路：请留下小区名称，我们帮您反映。", "李娜", "2005-11-02 16:20")]
    comments = "".join(f"<div class='comments-body'><p>{text}</p><span>发表者: {who} 于 {when}</span></div>"
                       for text, who, when in said)
    for html in (page(comments), page("")):
        assert article_of(html).paragraphs == [PROSE, PROSE2]


def test_a_label_linking_its_neighbour_takes_the_title_after_its_colon():
    """PHP168 prints 上一篇 as a link of its own, then a colon and the titled link to the same page (`<a>上一篇</a>：<a
    title="…">…</a>`), and `没有了` linking nowhere at the chain's end."""
    pn = ("<table><tr><td><a href='bencandy.php?fid=5&id=19'>上一篇</a>：<a href='bencandy.php?fid=5&id=19' "
          "title='今年我区将新建双语幼儿园100所'>今年我区将新建双语幼儿园100所</a></td><td><a href='bencandy.php?fid=&id=' "
          "onclick='return false;'>下一篇</a>：<a href='bencandy.php?fid=&id=' onclick='return false;'>没有了</a></td>"
          "</tr></table>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=pn),
                     url="http://www.xjmsw.cn/bencandy.php?fid=5&id=16")
    assert (art.prev, art.next) == (Link("http://www.xjmsw.cn/bencandy.php?fid=5&id=19", "今年我区将新建双语幼儿园100所"),
                                    None)


def test_a_pages_number_after_the_headline_is_no_part_of_it():
    """PHP168 prints a split article's headline with the page's number, `标题(一)`, which its <title> leaves out."""
    title = "新疆全面推行农民工工资保证金制度"
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", title=f"{title}(一)",
                              head_title=f"{title} - 就业社保 - 新疆民生网"))
    assert art.title == title


def test_lines_php168s_script_hides_are_no_text():
    """PHP168's avoidgather('xjmsw') hides every <div> whose class holds `xjmsw`: the `本文来自新疆民生网 www.xjmsw.cn` lines
    it writes between the paragraphs are no text."""
    guard = "<div class='qyvxjmswq6i'>本文来自新疆民生网 www.xjmsw.cn</div>"
    art = article_of(art_page(f"{guard}<p>{PROSE}</p>{guard}<p>{PROSE2}</p>{guard}",
                              extra="<script>avoidgather('xjmsw');</script>"))
    assert art.paragraphs == [PROSE, PROSE2]


def test_page_1s_first_page_link_is_its_own_address_under_the_bar():
    """PHP168's page 1 links 首页 and 上一页 to itself under the bar's address (`&aid=17&page=1`, not the `&id=17` it was
    reached by): that address is the page's own, never a second article."""
    bar = ("<div class='page'><a href='bencandy.php?fid=2&aid=17&page=1'>首页</a> <a href='bencandy.php?fid=2&aid=17&"
           "page=1'>上一页</a> <a href='#'><font color=red>1</font></a> <a href='bencandy.php?fid=2&aid=17&page=2'>2</a> "
           "<a href='bencandy.php?fid=2&aid=17&page=2'>下一页</a></div>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{bar}"),
                     url="http://www.xjmsw.cn/bencandy.php?fid=2&id=17")
    assert art.bar_self_url == "http://www.xjmsw.cn/bencandy.php?fid=2&aid=17&page=1"


def blogdriver_post(text: str, menu: str = "", side: str = "") -> bytes:
    """A BlogDriver post: its date over the headline, the text, the footer with the time (发表于 21:15 | 评论 (0) | …)."""
    return gb(f"<html><head><title>新学期贫困生资助政策一览 - 李娜的民生博客</title></head><body><div id='banner'><h1><a "
              f"href='/xjmslina/'>李娜的民生博客</a></h1></div><div id='content'><div class='blog'><div id='menu'>{menu}"
              f"</div></div><div class='blog'><h2 class='date'>2005年09月12日 星期一</h2><div class='blogbody'><h3 "
              f"class='title'>新学期贫困生资助政策一览</h3>{text}<a name='more'></a><div class='posted'>发表于 21:15 | <a "
              f"href='/xjmslina/1176388.html#comments'>评论 (0)</a> | <a href='/xjmslina/1176388.html#trackback'>引用 (0)"
              f"</a></div></div></div></div><div id='links'>{side}</div></body></html>")


def test_a_post_footers_time_of_day_times_the_date_over_its_headline():
    """BlogDriver prints a post's day over its headline (2005年09月12日 星期一) and its time in the footer closing the
    text's block (发表于 21:15 | 评论 (0) | 引用 (0)): the post was published at 21:15 that day."""
    art = article_of(blogdriver_post(f"<p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE}</p>"),
                     url="http://www.xjmsw.cn/xjmslina/1176388.html")
    assert (art.published, art.paragraphs) == ("2005-09-12T21:15:00+08:00", [PROSE, PROSE2, PROSE])


def test_a_posts_menu_of_its_neighbours_is_no_breadcrumb():
    """A blog's first post prints `首页 | 下一篇: <a>…</a> »` above it: its 下一篇, no breadcrumb."""
    menu = "<a href='/xjmslina/'>首页</a>\n| 下一篇: <a href='/xjmslina/1179940.html'>中秋临近月饼价格平稳</a> &raquo;"
    art = article_of(blogdriver_post(f"<p>{PROSE}</p><p>{PROSE2}</p>", menu=menu),
                     url="http://www.xjmsw.cn/xjmslina/1176388.html")
    assert (art.breadcrumb, art.next.url) == ([], "http://www.xjmsw.cn/xjmslina/1179940.html")


def test_a_short_posts_lines_beside_its_footer_are_its_text():
    """A post of two short lines, each an editor's <div>, then an anchor and its footer (发表于 16:40 | 评论 (0)) in the
    same block: both lines are the text, not the first alone."""
    first = "记者从自治区劳动和社会保障厅获悉，我区将从10月1日起调整最低工资标准，乌鲁木齐等一类地区月最低工资标准调整为每月560元。"
    art = article_of(blogdriver_post(f"<div>　　{first}</div><div>&nbsp;</div><div>　　具体标准以劳动保障部门公布的文件为准。"
                                     f"</div><div>&nbsp;</div>"), url="http://www.xjmsw.cn/xjmslina/1181207.html")
    assert art.paragraphs == [first, "具体标准以劳动保障部门公布的文件为准。"]


def test_a_blogs_opening_date_is_no_pages_date():
    """A blog's profile (昵称：… 博客开通：2005-08-21 over its owner's few sentences) is no article: the date it shows is
    when the blog opened."""
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in (
        ("昵称：", "李娜"), ("职业：", "新疆民生网 记者"), ("所在地：", "新疆 乌鲁木齐"), ("博客开通：", "2005-08-21")))
    html = (f"<html><head><title>个人档案 - 李娜的民生博客</title></head><body><div class='blog'><h2>个人档案</h2><div "
            f"class='blogbody'><h3>关于我</h3><table>{rows}</table><p>我是新疆民生网的记者，主要跑就业、社保、供暖、物价等"
            f"民生口。这里转发我和同事们在新疆民生网上发的稿子，也欢迎大家留言提供新闻线索。</p><p>报料热线：0991-4567890"
            f"（新疆民生网新闻部）</p></div></div></body></html>")
    assert parse_page("http://www.xjmsw.cn/xjmslina/profile.html", gb(html)).kind == "other"


def test_comments_in_the_box_their_heading_line_opens_are_no_text():
    """广西新闻网's comment box opens with its heading line (`已有 3 位网友发表评论 查看全部评论 网友评论`), the stamped
    comments inside the box under it, or `暂无评论，快来发表您的看法吧！` and the form: none of it is text."""
    def page(comments):
        return art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=(
            f"<div class='plbox'><div class='pltit'><span>已有 <b>{len(comments)}</b> 位网友发表评论 <a href='/pl.php'>"
            f"查看全部评论</a></span>网友评论</div><div class='pllist'>{''.join(comments) or '暂无评论，快来发表您的看法吧！'}"
            f"</div><form><div>发表评论</div><textarea></textarea></form></div>"))
    said = [f"<div><div><span>新疆民生网网友</span> <span>[昌吉市]</span> <span>2012-09-14 1{k}:15:36</span></div><div>"
            f"好政策，关键要落实到位，第{k}条。</div></div>" for k in range(3)]
    for html in (page(said), page([])):
        assert article_of(html).paragraphs == [PROSE, PROSE2]


def test_an_english_themes_posted_in_line_under_the_pictures_is_the_posts_info_line():
    """October CMS's blog theme closes a post with `Posted in <a>供暖</a> on Jan 22, 2018` after the text's div and its
    featured images: the post's info line (published that day), no line of its text."""
    pictures = "".join(f"<p><img src='/storage/app/uploads/public/5a6/{n}.jpg' alt='图{n}'></p>" for n in (1, 2))
    html = (f"<html><head><title>家中暖气不热 可拨打12345反映 - 新疆民生网</title></head><body>{NAV}<div class='post'>"
            f"<h2>家中暖气不热 可拨打12345反映</h2><div class='content'><p>{PROSE}</p><p>{PROSE2}</p></div><div "
            f"class='featured-images'>{pictures}</div><p class='info'>Posted in <a href='/blog/category/gongnuan'>供暖"
            f"</a> on Jan 22, 2018</p></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/blog/post/heating-complaints-hotline")
    assert (art.published, art.paragraphs) == ("2018-01-22", [PROSE, PROSE2])


def test_a_post_footers_posted_on_line_of_br_lines_times_the_post():
    """Community Server closes a post's block with its footer, `posted on 2007年5月12日 9:40 由 <a>minsheng</a><br />
    分类: <a>住房</a>`, the text's <p>s loose in the div that holds the headline: the post's time, no line of its text."""
    html = (f"<html><head><title>民生新闻 : 首府廉租住房保障范围扩大</title></head><body>{NAV}<div id='main'><div "
            f"class='post'><h2>首府廉租住房保障范围扩大</h2><p>作者：记者 李娜 来源：乌鲁木齐晚报</p><p>{PROSE}</p><p>{PROSE2}"
            f"</p><p>{PROSE}</p><p class='postfoot'>posted on 2007年5月12日 9:40 由 <a href='/user/Profile.aspx?"
            f"UserID=2103'>minsheng</a><br />分类: <a href='/blogs/minsheng/archive/tags/zhufang/default.aspx'>住房</a>"
            f"</p></div></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/blogs/minsheng/archive/2007/05/12/1203.aspx")
    assert (art.published, art.paragraphs) == ("2007-05-12T09:40:00+08:00", [PROSE, PROSE2, PROSE])


def test_pictures_after_the_texts_block_over_the_posts_footer_are_its_images():
    """October CMS prints a post's featured images in a div of their own after the text's (<p><img></p> each,
    unlinked), over the post's footer (分类：就业 发布于 2017-09-12), the info line `作者：李娜` over the text: the
    pictures are the article's images."""
    src = "http://www.xjmsw.cn/storage/app/uploads/public/59b/7a1/c3e/59b7a1c3e5d2f884512093.jpg"
    html = (f"<html><head><title>自治区秋季高校毕业生专场招聘会举行 - 新疆民生网</title></head><body>{NAV}<div "
            f"class='post'><h2>自治区秋季高校毕业生专场招聘会举行</h2><p class='post-meta'><span>作者：李娜</span></p><div "
            f"class='content'><p>{PROSE}</p><p>{PROSE2}</p><p>{PROSE}</p></div><div class='featured-images'><p><img "
            f"src='{src}' alt='招聘会现场'></p></div><p class='info'>分类：<a href='/blog/category/jiuye'>就业</a> 发布于 "
            f"2017-09-12</p></div>{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/blog/post/college-graduates-job-fair-2017")
    assert art.images == [src]


def test_a_page_of_neighbours_over_an_info_line_alone_is_no_article():
    """October CMS's page for a post it no longer has: an empty headline and text over `Posted on Mar 20, 2019`, then
    上一篇：没有了 / 下一篇：没有了: its neighbours' links over no text are no article."""
    html = (f"<html><head><title>新疆民生网</title></head><body>{NAV}<ol class='breadcrumb'><li><a href='/'>首页</a>"
            f"</li><li><a href='/blog'>民生资讯</a></li><li class='active'></li></ol><div class='post'><h2 "
            f"class='post-title'></h2><div class='content'></div><p class='info'>Posted on Mar 20, 2019</p></div><ul "
            f"class='pager'><li><a href='javascript:;'>上一篇：没有了</a></li><li><a href='javascript:;'>下一篇：没有了</a>"
            f"</li></ul>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/blog/post/heating-fee-subsidy-2018", gb(html)).kind != "article"


def test_a_reprint_notice_naming_its_member_names_the_author():
    """虎嗅's notice under the text, `本文由 <a href="/member/1290417.html">王磊</a> 授权 <a href="/">新疆民生网</a>
    发表，并经新疆民生网编辑。`, names the author where no info line does; a sentence's 本文由新疆日报授权转载。 names none."""
    notice = ("<div class='neirong-shouquan'><span>本文由 <a href='/member/1290417.html'>王磊</a> 授权 <a href='/'>"
              "新疆民生网</a> 发表，并经新疆民生网编辑。</span></div>")
    authors = [article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>{closing}", info="2016-12-29 16:40"),
                          url="http://www.xjmsw.cn/article/178470.html").author
               for closing in (notice, "<p>本文由新疆日报授权转载。</p>")]
    assert authors == ["王磊", None]


def test_a_picture_above_a_summary_box_that_cuts_the_opening_short_is_the_first_image():
    """虎嗅 prints an article's 头图 (one unlinked <img> in a div of its own) over a summary box that repeats the text's
    opening paragraph cut short with …, right above the text's block: the article's first image, before the pictures
    of the text's own."""
    cover = "http://www.xjmsw.cn/upload/article/cover/201612/28/091022318734.jpg"
    inner = "http://www.xjmsw.cn/upload/article/content/201612/28/091254873120.jpg"
    html = (f"<html><head><title>乌鲁木齐高校毕业生求职季-新疆民生网</title></head><body>{NAV}<h1>乌鲁木齐高校毕业生求职季"
            f"</h1><div class='article-author'><a href='/member/1373658.html'>李娜</a> <span>2016-12-28 09:12</span>"
            f"</div><div class='article-img-box'><img src='{cover}' alt='乌鲁木齐高校毕业生求职季'></div><div "
            f"class='article-summary'><p>{PROSE[:30]}…</p></div><div class='article-content-wrap'><p>{PROSE}</p><p>"
            f"<img src='{inner}'></p><p>（图为招聘会现场）</p><p>{PROSE2}</p><p>{PROSE}</p></div>{FOOT}</body></html>")
    assert article_of(gb(html), url="http://www.xjmsw.cn/article/178456.html").images == [cover, inner]


def test_a_deleted_posts_card_in_a_channels_list_is_no_soft_404():
    """虎嗅's channel page prints a deleted post's card as it prints the others (thumbnail, headline, author, date) with
    the summary `该文章已删除`: the page is still a listing, not the notice of a page gone."""
    posts = [(178640, "公租房配租摇号，透明度还能再高一点", "2017-02-13", PROSE[:40] + "…"),
             (178612, "菜价“过山车”背后：从产地到餐桌的七道关口", "2016-12-05", PROSE2[:40] + "…"),
             (178300, "天然气价格调整听证会将于下月举行", "2016-11-08", "该文章已删除")]
    cards = "".join(f"<div class='mod-b mod-art'><div class='mod-thumb'><a href='/article/{n}.html'><img src='/upload/"
                    f"cover/{n}.jpg'></a></div><div class='mob-ctt'><h2><a href='/article/{n}.html'>{title}</a></h2>"
                    f"<div class='mob-author'><a href='/member/1373658.html'>李娜</a> <span class='time'>{day}</span>"
                    f"</div><div class='mob-sub'>{summary}</div></div></div>" for n, title, day, summary in posts)
    html = (f"<html><head><title>住房物价-民生评论-新疆民生网</title></head><body>{NAV}<div class='mod-info-flow'><div "
            f"class='column-title'><h1>住房物价</h1></div>{cards}</div>{FOOT}</body></html>")
    assert parse_page("http://www.xjmsw.cn/channel/102.html", gb(html)).kind == "listing"


def test_a_cards_long_dotted_author_name_is_no_second_title():
    """虎嗅's post card links its author beside its headline, `<a href="/member/1418890.html">阿依努尔·买买提</a>` (a
    name as long as a short title), then its date: the card is one entry's, dated by it."""
    posts = [(178671, "一个村小老师的账本", "2017-02-20"), (178533, "低保标准又提高了，各地州市新标准一览", "2017-01-10")]
    cards = "".join(f"<div class='mod-b mod-art'><div class='mod-thumb'><a href='/article/{n}.html'><img src='/upload/"
                    f"cover/{n}.jpg'></a></div><div class='mob-ctt'><h2><a href='/article/{n}.html'>{title}</a></h2>"
                    f"<div class='mob-author'><a href='/member/1418890.html'>阿依努尔·买买提</a> <span class='time'>{day}"
                    f"</span></div><div class='mob-sub'>{PROSE[:40]}…</div></div></div>" for n, title, day in posts)
    html = (f"<html><head><title>阿依努尔·买买提-新疆民生网</title></head><body>{NAV}<div class='mod-info-flow'><div "
            f"class='column-title'><h1>阿依努尔·买买提的文章</h1></div>{cards}</div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/member/1418890.html", gb(html))
    assert page.kind == "listing" and [e.date for e in page.listing.entries] == ["2017-02-20", "2017-01-10"]


def test_a_blogs_month_archive_of_one_post_is_a_listing():
    """Community Server's month archive /blogs/jiuye/archive/2007/05.aspx of one post, its headline linking the post
    at /blogs/jiuye/archive/2007/05/21/1210.aspx: a post a day's folder under the month, no page 2 of the month; the
    page is a listing, not the post."""
    post = "/blogs/jiuye/archive/2007/05/21/1210.aspx"
    html = (f"<html><head><title>五月 2007 - 文章 - 就业社保</title></head><body>{NAV}<div id='main'><div>当前位置："
            f"<a href='/'>新疆民生网</a> &raquo; <a href='/blogs/jiuye/default.aspx'>就业社保</a></div><h2>五月 2007 - "
            f"文章</h2><div class='post'><h2><a href='{post}'>自治区提高城市低保标准 月人均补差增加20元</a></h2><p>"
            f"{PROSE[:50]}...</p><p class='postfoot'>posted on 2007年5月21日 15:10 由 <a href='/user/Profile.aspx?"
            f"UserID=2117'>jiuye_edit</a> | <a href='{post}#comments'>评论 (0)</a></p></div></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/blogs/jiuye/archive/2007/05.aspx", gb(html))
    assert page.kind == "listing" and [e.url for e in page.listing.entries] == ["http://www.xjmsw.cn" + post]


def test_feed_versions_in_a_sidebar_are_no_dates():
    """Community Server's sidebar links the blog's feeds, `RSS 2.0` and `Atom 0.3`, over 联系: versions, no month and
    day, so the blog's contact page of a form is no listing of them."""
    feeds = ("<div id='Subscriptions'><h3>订阅</h3><ul><li><a href='/blogs/jiuye/rss.aspx'>RSS 2.0</a></li><li><a "
             "href='/blogs/jiuye/atom.aspx'>Atom 0.3</a></li><li><a href='/blogs/jiuye/contact.aspx'>联系</a></li></ul>"
             "</div>")
    html = (f"<html><head><title>联系 就业社保</title></head><body>{NAV}<div id='leftmenu'>{feeds}</div><div id='main'>"
            f"<div class='post'><h2>联系 就业社保</h2><p>如有新闻线索、意见建议，请填写下面的表单，编辑部会尽快与您联系。</p>"
            f"<dl><dt>姓名</dt><dd><input name='n1'></dd><dt>电子邮件</dt><dd><input name='n2'></dd><dt>内容</dt><dd>"
            f"<textarea name='n4'></textarea></dd></dl><input type='submit' value='发送'></div></div>{FOOT}</body>"
            f"</html>")
    assert parse_page("http://www.xjmsw.cn/blogs/jiuye/contact.aspx", gb(html)).kind == "other"


def test_an_image_a_script_draws_from_its_noscript_is_the_articles():
    """AEM Core Components print an image between the text's blocks as `<div class="image"><noscript
    data-cmp-image="…"><img src="….img.jpeg"></noscript><span class="cmp-image--title">…</span></div>`, the picture
    a script draws in its place: the article's image; an ad's <noscript><a href="http://ad…"><img></a></noscript> is
    not."""
    page = "/content/xjmsw/zh/minsheng/shebao/2017/04/tiaozheng-yanglaojin"
    src = f"{page}/_jcr_content/root/responsivegrid/image.img.jpeg"
    image = (f"<div class='image'><noscript data-cmp-image='{{&#34;smartSizes&#34;:[320,480]}}'><img src='{src}' "
             f"alt='社保经办人员为退休人员办理业务'/></noscript><span class='cmp-image--title'>社保局工作人员为退休人员解答政策。"
             f"</span></div>")
    ad = ("<div class='ad'><noscript><a href='http://ad.example-union.com/click?id=123'><img src='http://ad.example-"
          "union.com/b/468x60.gif'></a></noscript></div>")
    html = (f"<html><head><title>我区上调退休人员基本养老金-新疆民生网</title></head><body>{NAV}<div class='grid'><div "
            f"class='title'><h1>我区上调退休人员基本养老金</h1></div><div class='articleinfo'>发布时间：2017-04-18 08:50 "
            f"来源：新疆日报</div><div class='text'><p>{PROSE}</p><p>{PROSE2}</p></div>{image}<div class='text'><p>{PROSE}"
            f"</p>{ad}<p>{PROSE2}</p></div></div>{FOOT}</body></html>")
    art = article_of(gb(html), url=f"http://www.xjmsw.cn{page}.html")
    assert art.images == ["http://www.xjmsw.cn" + src]


#: Discuz!NT's thread headline and its trail under the <title> that names both.
DNT_TITLE = "城镇企业职工基本养老保险关系转移接续问答"
DNT_TRAIL = ("<a href='/bbs/'>新疆民生论坛</a> &raquo; <a href='showforum-1.aspx'>新疆民生网</a> &raquo; <a href="
             f"'showforum-3.aspx'>政策解读</a> &raquo; {DNT_TITLE}")


def discuznt_thread(nav: str, heading: str) -> bytes:
    """A Discuz!NT thread page: div#nav, the topic's heading, the post."""
    return gb(f"<html><head><title>{DNT_TITLE} - 政策解读 - 新疆民生论坛 - Powered by Discuz!NT</title></head><body><div "
              f"id='nav'>{nav}</div><div class='main'><div class='topictitle'>{heading}</div><div class='t_msgfont'>"
              f"{PROSE}<br /><br />{PROSE2}</div></div>{FOOT}</body></html>")


def test_a_threads_heading_is_its_own_words_as_the_title_tag_prints_them():
    """Discuz!NT's topic heading `<h1><cite>[社保]</cite> 标题 <span><a>[复制链接]</a></span><span>查看:<em>3310</em>回复:
    <em>3</em></span></h1>` under `<title>标题 - 政策解读 - 新疆民生论坛 - Powered by Discuz!NT</title>`: the headline
    is the heading's own words, as the <title> prints them."""
    heading = (f"<h1><cite>[社保]</cite> {DNT_TITLE} <span><a href='javascript:;'>[复制链接]</a></span><span>查看:<em>"
               f"3310</em>回复:<em>3</em></span></h1>")
    art = article_of(discuznt_thread(DNT_TRAIL, heading), url="http://www.xjmsw.cn/bbs/showtopic-1050.aspx")
    assert art.title == DNT_TITLE


def test_a_search_form_in_the_breadcrumbs_line_is_none_of_it():
    """Discuz!NT's div#nav holds its quick search (a form: the 帖子 drop-down and its hidden 帖子/作者 menu) before the
    trail `新疆民生论坛 » 新疆民生网 » 政策解读 » 标题`: the breadcrumb is the trail's links alone."""
    search = ("<div id='quicksearch'><form method='post' action='/bbs/search.aspx'><input type='hidden' name='keyword'"
              " /><input type='text' value='请输入搜索内容' /><a href='javascript:;' id='quicksearch_type'>帖子</a><ul "
              "id='quicksearch_type_menu' style='display:none'><li><a href='###'>帖子</a></li><li><a href='###'>作者</a>"
              "</li></ul><button type='submit'></button></form></div>")
    art = article_of(discuznt_thread(search + DNT_TRAIL, f"<h1>{DNT_TITLE}</h1>"),
                     url="http://www.xjmsw.cn/bbs/showtopic-1050.aspx")
    assert art.breadcrumb == ["新疆民生论坛", "新疆民生网", "政策解读"]


def test_a_starters_floor_on_page_2_is_its_reply_not_its_author_cell():
    """Discuz!NT's author cell holds a hidden popup (UID/帖子/积分/来自/注册时间/最后登录) over the lines it shows (UID 23,
    帖子 418, 积分 2290), beside the post's cell: the thread starter's reply on page 2 goes on with the text as its
    words alone, none of the cell's lines."""
    def floor(uid, name, number, when, said):
        popup = (f"<div class='popupmenu_popup' style='display:none; position:absolute;'><dl><dt>UID</dt><dd>{uid}</dd>"
                 f"<dt>帖子</dt><dd>418</dd><dt>积分</dt><dd>2290</dd><dt>来自</dt><dd>乌鲁木齐</dd><dt>注册时间</dt><dd>"
                 f"2009-08-20</dd><dt>最后登录</dt><dd>2010-12-30</dd></dl><a href='userinfo-{uid}.aspx'>查看公共资料</a>"
                 f"</div>")
        return (f"<table><tbody><tr><td class='postauthor'>{popup}<div class='poster'>{name}</div><ul "
                f"class='otherinfo'><li><label>UID</label>{uid}</li><li><label>帖子</label>418</li><li><label>积分"
                f"</label>2290</li></ul></td><td class='postcontent'><div class='pi'><a href='###' class='floor'>"
                f"{number}<sup>#</sup></a> <em>发表于 {when}</em></div><div class='t_msgfont'>{said}</div></td></tr>"
                f"</tbody></table>")
    reply = "您好！据了解，第一批价格临时补贴将于5月下旬通过低保金发放渠道直接打入低保对象账户，每人每月补贴30元，无需本人申请。"
    title = "自治区出台新一轮稳定物价十项措施"
    bar = ("<div class='pages'><a href='showtopic-1053-1.aspx'>1</a><span>2</span><a href='showtopic-1053-3.aspx'>3</a>"
           "<a href='showtopic-1053-3.aspx' class='next'>下一页</a></div>")
    html = (f"<html><head><title>{title} - 民生新闻 - 新疆民生论坛 - Powered by Discuz!NT</title></head><body><div id="
            f"'nav'><a href='/bbs/'>新疆民生论坛</a> &raquo; <a href='showforum-2.aspx'>民生新闻</a> &raquo; {title}</div>"
            f"{bar}<div id='postsContainer'>{floor(44, '乌市老张', 12, '2010-5-12 22:12', '期待落实。')}"
            f"{floor(23, '古丽米拉', 13, '2010-5-13 09:13', reply)}</div>{bar}{FOOT}</body></html>")
    art = article_of(gb(html), url="http://www.xjmsw.cn/bbs/showtopic-1053-2.aspx")
    posts = {post.poster: post.paragraphs for post in art.floor_posts}
    assert posts["http://www.xjmsw.cn/bbs/userinfo-23.aspx"] == [reply]


#: A b2evolution blog's home, over its posts' addresses.
B2EVO_BLOG = "http://www.xjmsw.cn/index.php/minsheng"


def test_b2evolutions_previous_and_next_post_labels_are_prev_next():
    """b2evolution's zh-CN pack prints `<a>前一贴: 标题</a>` and `<a>后一贴: 标题</a>` under a post: its 上一篇/下一篇,
    titled without the label."""
    pn = (f"<p class='center'><a href='{B2EVO_BLOG}/2008/04/02/mianchu-xuezafei'>前一贴: 我区全面免除城市义务教育阶段学杂费"
          f"</a></p><p class='center'><a href='{B2EVO_BLOG}/2008/05/20/title-5'>后一贴: 首府廉租住房申请条件放宽</a></p>")
    art = article_of(art_page(f"<p>{PROSE}</p><p>{PROSE2}</p>", extra=pn), url=f"{B2EVO_BLOG}/2008/05/12/jianxi-jidi")
    assert (art.prev, art.next) == (Link(f"{B2EVO_BLOG}/2008/04/02/mianchu-xuezafei", "我区全面免除城市义务教育阶段学杂费"),
                                    Link(f"{B2EVO_BLOG}/2008/05/20/title-5", "首府廉租住房申请条件放宽"))


def test_a_blogs_name_linking_its_home_over_a_post_is_no_headline():
    """b2evolution prints the blog's name over each page, `<h1><a href="…/index.php/minsheng">新疆民生网·民生博客</a>
    </h1>`, linking the blog's home three folders above the post (…/minsheng/2008/05/12/jianxi-jidi), and the
    <title> names the blog before the post (新疆民生网·民生博客 - 标题): the post's <h2> is the headline."""
    title = "首府首批高校毕业生就业见习基地挂牌"
    html = (f"<html><head><title>新疆民生网·民生博客 - {title}</title></head><body><div class='pageHeader'><h1><a href="
            f"'{B2EVO_BLOG}'>新疆民生网·民生博客</a></h1><div>携手民生之声,构建和谐社会。</div></div><div class='bPosts'>"
            f"<h2>{title}</h2><div class='bPost'><div class='bSmallHead'>10:20:00, 作者 <strong>李娜</strong>, 1540 views"
            f"</div><div class='bText'><p>{PROSE}</p><p>{PROSE2}</p></div></div></div>{FOOT}</body></html>")
    assert article_of(gb(html), url=f"{B2EVO_BLOG}/2008/05/12/jianxi-jidi").title == title


def test_a_pages_lines_and_table_beside_its_one_paragraph_are_its_text():
    """FastAdmin's page 2 of a split article: a short line, the table it introduces and one long paragraph, the page
    bar after them in the text's block: the line and the table's rows are the text, not the paragraph alone."""
    rows = "".join(f"<tr><td>{district}</td><td>680</td><td>{rural}</td></tr>" for district, rural in (
        ("天山区", "—"), ("沙依巴克区", "—"), ("新市区", "6500"), ("水磨沟区", "—"), ("头屯河区", "6500"),
        ("达坂城区", "6500"), ("米东区", "6500"), ("乌鲁木齐县", "6500")))
    body = (f"<p></p><p>各区（县）调整后的城乡低保标准如下：</p><table><tr><td><strong>区（县）</strong></td><td><strong>城市低保"
            f"</strong></td><td><strong>农村低保</strong></td></tr>{rows}</table><p>{PROSE}{PROSE2}</p><div "
            f"class='pager'><ul><li><a href='/cms/a/110.html?page=1'>&laquo;</a></li><li><a href='/cms/a/110.html?"
            f"page=1'>1</a></li><li class='active'><span>2</span></li><li><a href='/cms/a/110.html?page=3'>3</a></li>"
            f"</ul></div>")
    art = article_of(art_page(body), url="http://www.xjmsw.cn/cms/a/110.html?page=2")
    assert art.paragraphs[:3] == ["各区（县）调整后的城乡低保标准如下：", "区（县） 城市低保 农村低保", "天山区 680 —"]


def test_a_count_under_its_label_is_no_page_bar():
    """FastAdmin's member page heads its list with the member's counts, each number a link under its label (`<div>文章
    </div><a href="/u/3/archives"><div>1</div></a>`, 评论 0): counts, no page bar of the list."""
    counts = "".join(f"<div class='col-xs-4'><div>{label}</div><a href='/u/3/{tab}'><div>{n}</div></a></div>"
                     for label, tab, n in (("文章", "archives", 1), ("评论", "comment", 0)))
    entries = "".join(f"<li><a href='/cms/a/{n}.html'>社区网格员的第{n}篇民生报道标题</a> <span>2021-08-{n - 100:02d}"
                      f"</span></li>" for n in (113, 114))
    html = (f"<html><head><title>阿依努尔的主页 - 新疆民生网</title></head><body>{NAV}<header><div class='row'>{counts}"
            f"</div></header><div class='main'><ul>{entries}</ul></div>{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/u/3", gb(html))
    assert page.kind == "listing" and page.listing.page_links == []


#: A 民生 article's prose: two paragraphs of three sentences each.
MS_PROSE = ("今年以来，自治区持续推进城镇老旧小区改造，首府多个小区的供暖管网、外墙保温和道路完成了更新。住在天山区的居民王建国说，"
            "过去冬天屋里只有十几度，今年改造后室温稳定在二十度以上。社区工作人员介绍，改造前他们挨家挨户征求意见，把加装电梯、"
            "修建停车位等需求列入了方案。")
MS_PROSE2 = ("据了解，全区今年计划改造城镇老旧小区一千二百个，涉及居民十余万户。住房和城乡建设部门将加强施工质量监管，确保改造"
             "项目在入冬前完工。下一步，各地还将探索引入社会资本参与小区养老、托育等配套设施建设。")
MS_TITLE = "我区今年计划改造城镇老旧小区1200个"
MS_INFO = "来源：新疆日报 作者：古丽米拉·艾山 时间：2021-08-08 10:30"
MS_URL = "http://www.xjmsw.cn/minsheng/2021/08/laojiu-xiaoqu/"


def minsheng_page(text: str, *, info: str = MS_INFO, after: str = "") -> bytes:
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{MS_TITLE}_新疆民生网</title></head><body>{NAV}"
            f"<div class='crumb'><a href='/'>首页</a> &gt; <a href='/minsheng/'>民生</a></div><article><h1>{MS_TITLE}"
            f"</h1><div class='info'>{info}</div><div class='article-content'>{text}</div>{after}</article>{FOOT}"
            f"</body></html>").encode("utf-8")


def test_a_footnotes_heading_only_a_screen_reader_reads_is_no_body_text():
    note = ("<section class='footnotes'><h2 class='sr-only' id='footnote-label'>Footnotes</h2><ol><li id='fn-1'><p>"
            "数据来源：自治区住房和城乡建设厅2021年统计。<a href='#fnref-1'>↩</a></p></li></ol></section>")
    text = f"<p>{MS_PROSE}<sup><a href='#fn-1' id='fnref-1'>1</a></sup></p><p>{MS_PROSE2}</p>{note}"
    art, _ = extract_article(MS_URL, minsheng_page(text))
    assert art.paragraphs[-1] == "数据来源：自治区住房和城乡建设厅2021年统计。"
    assert "Footnotes" not in art.paragraphs


def test_two_author_links_printed_against_each_other_are_two_names():
    info = ('来源：新疆日报 作者：<a href="/authors/a/" rel="author">古丽米拉·艾山</a><a href="/authors/b/" rel="author">'
            '阿依努尔·买买提</a> 时间：2021-08-08 10:30')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", info=info))
    assert art.author == "古丽米拉·艾山 阿依努尔·买买提"


def test_a_prev_next_cards_date_under_its_title_is_none_of_the_title():
    def card(label, slug, title, day):
        return (f"<a class='entry-nav-card' href='/news/{slug}'><div class='entry-nav-text'><span "
                f"class='entry-nav-label'>{label}</span><h4>{title}</h4><time datetime='{day}T20:30:00+08:00'>{day}"
                f"</time></div></a>")
    nav = (f"<nav class='entry-nav'>{card('上一篇', 'gongre-zhunbei', '首府今冬供热准备就绪 10月15日前全面供热', '2020-10-09')}"
           f"{card('下一篇', 'nuanqi-fei', '首府供热价格保持不变 低保户暖气费全额补贴', '2020-10-12')}</nav>")
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", after=nav))
    assert (art.prev, art.next) == (Link("http://www.xjmsw.cn/news/gongre-zhunbei", "首府今冬供热准备就绪 10月15日前全面供热"),
                                    Link("http://www.xjmsw.cn/news/nuanqi-fei", "首府供热价格保持不变 低保户暖气费全额补贴"))


def test_a_summary_box_named_by_a_span_over_one_paragraph_is_no_body_text():
    summary = "全区今年将改造城镇老旧小区1200个，重点更新供暖管网和外墙保温，惠及十余万户居民。"
    more = "老旧小区改造是重大民生工程，也是发展工程。自治区将把改造同社区治理结合起来，让群众住得更舒心。"
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{MS_TITLE}_新疆民生网</title></head><body>{NAV}"
            f"<div class='crumb'><a href='/'>首页</a> &gt; <a href='/minsheng/'>民生</a></div><div class='article'>"
            f"<h1>{MS_TITLE}</h1><div class='info'>{MS_INFO}</div><div class='article-summary'><span class='tag'>摘要"
            f"</span><p>{summary}</p></div><div class='article-content'><p>{MS_PROSE}</p><p>{MS_PROSE2}</p><p>{more}"
            f"</p></div></div>{FOOT}</body></html>")
    art, _ = extract_article(MS_URL, html.encode("utf-8"))
    assert art.paragraphs == [MS_PROSE, MS_PROSE2, more]


def test_a_channel_whose_densest_block_is_its_list_of_two_dated_summaries_is_a_listing():
    def item(oid, title, summary, day):
        return (f"<li class='news-item'><div class='txt'><h3><a href='/detail/{oid}.html' target='_blank'>{title}</a>"
                f"</h3><p class='summary'>{summary}</p><div class='meta'><span class='source'>石榴云/新疆日报</span>"
                f"<span class='time'>{day}</span></div></div></li>")
    items = (item("610f32c9e4b0a8d2f73c19c4", "今年全疆计划改造城镇老旧小区1200个 惠及居民13万户", "石榴云/新疆日报讯（记者 马晓燕"
                  " 报道）记者8月7日从自治区住房和城乡建设厅获悉，今年我区计划改造城镇老旧小区1200个...", "2021-08-08")
             + item("610a0e3de4b0a8d2f73c1937", "首府启动供热管网改造 确保今冬按时供暖", "眼下虽是盛夏，乌鲁木齐市各供热企业已"
                    "开始为今冬供暖做准备。记者从乌鲁木齐市供热办了解到今年首府计划改造老旧供热管网18...", "2021-08-04"))
    hot = "".join(f"<li><em class='num'>{i}</em><a href='/detail/61{i:022d}.html' target='_blank'>{title}</a></li>"
                  for i, title in enumerate(("我区城乡居民基础养老金最低标准提高至每人每月170元", "我区调整失业保险金发放标准",
                                             "秋季学期起 首府中小学课后服务实现全覆盖", "首府夜经济升温 大巴扎夜市日均客流超3万人次",
                                             "跨省异地就医门诊费用直接结算覆盖全疆所有统筹区", "今年全疆计划改造城镇老旧小区1200个",
                                             "首府今年新增中小学学位1.2万个", "哈密瓜搭上电商快车 淖毛湖镇日发货量突破2万单"), 1))
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>住房供暖_新疆民生网</title></head><body>{NAV}"
            f"<div class='main'><div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <span>住房供暖</span></div><div "
            f"class='channel-left'><div class='channel-head'><h2>住房供暖</h2></div><ul class='news-list'>{items}</ul>"
            f"</div><div class='side'><h3>热点排行</h3><ol class='hot-list'>{hot}</ol></div></div><div class='footer'>"
            f"<p>Copyright © 2014-2021 www.xjmsw.cn All Rights Reserved</p><p><a href='https://beian.miit.gov.cn/'>"
            f"新ICP备14002711-1号</a></p></div></body></html>")
    assert parse_page("http://www.xjmsw.cn/channel/20014.html", html.encode("utf-8")).kind == "listing"


def test_a_month_named_in_chinese_numerals_in_the_english_order_is_a_date():
    """WordPress's and Dotclear's zh-CN dates name the month in Chinese numerals in the English order (八月 19, 2021)."""
    from xjmsw_crawler.parsers.normalize import parse_date
    assert parse_date("八月 19, 2021") == "2021-08-19"
    assert parse_date("星期二, 二月 10 2009, 10:50") == "2009-02-10T10:50:00+08:00"
    assert parse_date("十二月 3, 2009") == "2009-12-03"


def test_the_half_of_the_day_printed_after_the_time_in_chinese_is_read():
    """WordPress's zh-CN g:i A prints the half of the day after the time: 3:30 下午 is 15:30, 12:30 凌晨 is 00:30."""
    from xjmsw_crawler.parsers.normalize import parse_date
    assert parse_date("2021-09-08 3:30 下午") == "2021-09-08T15:30:00+08:00"
    assert parse_date("2021-09-08 12:30 凌晨") == "2021-09-08T00:30:00+08:00"


#: Elementor's post info list under the headline: the author's, the date's, the time's and a source's items.
MS_ELEMENTOR_INFO = (
    "<ul class='elementor-inline-items elementor-icon-list-items elementor-post-info'><li class='elementor-icon-list-"
    "item' itemprop='author'><a href='/author/x/'><span class='elementor-icon-list-text'><span class='elementor-post-"
    "info__item-prefix'>作者：</span>新疆民生网</span></a></li><li class='elementor-icon-list-item' itemprop='"
    "datePublished'><span class='elementor-icon-list-text'><span class='elementor-post-info__item-prefix'>发布时间："
    "</span>八月 19, 2021</span></li><li class='elementor-icon-list-item'><span class='elementor-icon-list-text'>7:38 "
    "上午</span></li><li class='elementor-icon-list-item'><span class='elementor-icon-list-text'>来源：昌吉日报</span>"
    "</li></ul>")


def test_elementors_time_in_the_item_after_the_dates_times_the_post():
    """Elementor's post info prints the date and the time of day as two items side by side (<li>发布时间：八月 19,
    2021</li><li>7:38 上午</li>): the post was published at that time of that day."""
    text = f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>"
    art, _ = extract_article(MS_URL, minsheng_page(text, info=MS_ELEMENTOR_INFO))
    assert art.published == "2021-08-19T07:38:00+08:00"
    numeric = MS_ELEMENTOR_INFO.replace("八月 19, 2021", "2021-08-19")
    assert extract_article(MS_URL, minsheng_page(text, info=numeric))[0].published == "2021-08-19T07:38:00+08:00"


def test_an_elementor_widgets_id_class_with_ad_in_its_hex_is_no_ad():
    """Elementor names each widget by a hex id (elementor-element-ad271c8): one that opens with "ad" is no ad box, and
    the sub-heading it holds between two text widgets stays in the text; an ad's name with its size still is one."""
    from xjmsw_crawler.parsers.body import _AD
    assert _AD.search("gg200x300") and _AD.search("ad_300") and not _AD.search("elementor-element-ad271c8")

    def widget(eid, kind, inner):
        return (f"<div class='elementor-element elementor-element-{eid} elementor-widget elementor-widget-{kind}'>"
                f"<div class='elementor-widget-container'>{inner}</div></div>")
    text = (widget("53c64c4", "text-editor", f"<p>{MS_PROSE}</p>")
            + widget("ad271c8", "heading", "<h3 class='elementor-heading-title'>消费市场回暖明显</h3>")
            + widget("9b1e0f2", "text-editor", f"<p>{MS_PROSE2}</p>"))
    art, _ = extract_article(MS_URL, minsheng_page(text))
    assert "消费市场回暖明显" in art.paragraphs


def test_elementors_post_navigation_titles_are_none_of_its_screen_reader_words():
    """Elementor's post navigation prints a Prev/Next only a screen reader reads (elementor-screen-only) in the
    arrow beside the 上一篇/下一篇 label: the titles are the post's titles alone."""
    def side(rel, label, title, arrow, word):
        words = (f"<span class='elementor-post-navigation__link__{rel}'><span class='post-navigation__{rel}--label'>"
                 f"{label}</span><span class='post-navigation__{rel}--title'>{title}</span></span>")
        wrap = (f"<span class='post-navigation__arrow-wrapper'><i class='fa fa-angle-{arrow}' aria-hidden='true'>"
                f"</i><span class='elementor-screen-only'>{word}</span></span>")
        inner = wrap + words if rel == "prev" else words + wrap
        return f"<div class='elementor-post-navigation__{rel}'><a href='/2021/09/{rel}/' rel='{rel}'>{inner}</a></div>"
    nav = (f"<div class='elementor-post-navigation'>{side('prev', '上一篇', '新疆创业创新热潮涌动', 'left', 'Prev')}"
           f"{side('next', '下一篇', '首府供热价格保持不变', 'right', 'Next')}</div>")
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", after=nav))
    assert art.prev.text == "新疆创业创新热潮涌动"
    assert "Next" not in art.next.text and art.next.text.endswith("首府供热价格保持不变")


def test_an_authors_page_of_post_cards_from_three_channels_is_a_listing():
    """Astro's author page lists the author's posts as <article> cards, each from its own channel (so each link has
    its own address's shape), its date, channel and author links in its footer, under the author's card: a listing."""
    def card(path, title, excerpt, stamp, day, chip):
        return (f"<article class='card'><a href='/news/{path}/'><h2>{title}</h2></a><p>{excerpt}</p><footer><time "
                f"datetime='{stamp}'>{day}</time><a href='/news/{path.split('/')[0]}/'>{chip}</a><span><a "
                f"href='/authors/wang-lei/'>王磊</a></span></footer></article>")
    cards = (card("gongnuan/2023-10-10-shigongre", "乌鲁木齐2023-2024年采暖季10月15日起试供热",
                  "10月15日起试供热，10月20日正式供热，供热期共计183天。", "2023-10-10T04:00:00.000Z", "2023/10/10", "供暖")
             + card("shebao/2023-05-25-dibao-biaozhun", "新疆城乡低保标准再提高", "自7月1日起，城市低保标准月人均增加30元至"
                    "60元不等。", "2023-05-25T03:20:00.000Z", "2023/5/25", "社保")
             + card("jiuye/2023-04-20-jiuye-jianxi", "乌鲁木齐市2023年就业见习岗位开放申请 见习期间每月可领补贴",
                    "今年首批就业见习岗位共1860个，离校2年内未就业高校毕业生和16至24岁失业青年可申请。",
                    "2023-04-19T23:30:00.000Z", "2023/4/20", "就业"))
    menu = "".join(f"<li><a href='{href}'>{word}</a></li>" for href, word in (
        ("/", "首页"), ("/news/jiuye/", "就业"), ("/news/shebao/", "社保"), ("/news/gongnuan/", "供暖"), ("/about/", "关于我们")))
    html = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>王磊 - 新疆民生网</title></head><body><header><nav>"
            f"<ul>{menu}</ul></nav></header><main><nav class='breadcrumbs'><ol><li><a href='/'>首页</a></li><li>作者</li>"
            f"<li>王磊</li></ol></nav><section><img src='/avatars/wang-lei.png' alt='王磊'><h1>王磊</h1><p>新疆民生网记者，"
            f"跑城建、供热口。</p></section><h2>王磊的文章</h2><div class='cards'>{cards}</div></main><footer><p>© 2014-2023 "
            f"新疆民生网 版权所有　未经授权 严禁转载</p></footer></body></html>")
    page = parse_page("http://www.xjmsw.cn/authors/wang-lei/", html.encode("utf-8"))
    assert page.kind == "listing"
    assert sum(entry.date is not None for entry in page.listing.entries) >= 2


def test_a_source_item_further_on_in_a_learned_layouts_info_list_is_read_the_generic_way():
    """A layout learned from pages whose info <ul> prints the author's, the date's, the time's and the category's
    items leaves a page that prints one more, 来源：…, after the time's and the category's, to the generic reader."""
    from xjmsw_crawler.parsers.template import Templates

    def post(n: int, source: str = "") -> bytes:
        extra = f"<li>来源：{source}</li>" if source else ""
        title = f"首府第{n}篇民生经济新闻的标题"
        return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title} - 新疆民生网</title></head><body>{NAV}"
                f"<p class='crumbs'>当前位置：<a href='/'>首页</a> » <a href='/category/minsheng-jingji/'>民生经济</a> » "
                f"<span>{title}</span></p><div class='post'><h1>{title}</h1><ul class='post-info'><li>作者：<a "
                f"href='/author/xjmsw/'>新疆民生网</a></li><li>发布时间：2021-08-{n:02d}</li><li>7:38</li><li>栏目：<a "
                f"href='/category/minsheng-jingji/'>民生经济</a></li>{extra}</ul><div class='text'><p>{MS_PROSE}</p><p>"
                f"{MS_PROSE2}第{n}段。</p></div><div class='pn'><a href='/2021/08/{n - 1}/' rel='prev'>上一篇：第{n - 1}篇的"
                f"标题</a><a href='/2021/08/{n + 1}/' rel='next'>下一篇：第{n + 1}篇的标题</a></div></div>{FOOT}</body>"
                f"</html>").encode("utf-8")
    templates = Templates(audit_every=0)
    for n in (11, 12, 13, 14):
        parse_page(f"http://www.xjmsw.cn/2021/08/{n}/", post(n), templates=templates)
    assert templates.learned >= 1
    url, body = "http://www.xjmsw.cn/2021/08/15/", post(15, "昌吉日报")
    page = parse_page(url, body, templates=templates)
    assert page.article.source == "昌吉日报" and page == parse_page(url, body)


def test_a_bare_label_beside_its_values_link_reads_as_a_labelled_value():
    info = ('<div class="td-post-author-name"><div class="td-author-by">作者</div> <a href="/author/wanglei/">王磊</a>'
            '</div> <span class="td-post-date"><time>2019年5月10日</time></span>')
    source = ('<div class="td-post-source-tags"><div class="td-post-small-box"><span>来源</span>'
              '<a href="http://www.xjdaily.com/">新疆日报</a></div></div>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", info=info, after=source))
    assert (art.author, art.source) == ("王磊", "新疆日报")


def test_an_ad_boxs_dashed_label_is_no_body_text():
    ad = ('<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">- 广告 -</span>'
          '<div class="td-visible-desktop"><a href="/contact/"><img src="/ad-728x90.jpg" alt="新疆民生网广告位招租"></a>'
          '</div></div>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p>{ad}<p>{MS_PROSE2}</p>"))
    assert art.paragraphs == [MS_PROSE, MS_PROSE2]


def test_a_comment_count_linking_a_place_in_the_page_is_no_page_bar():
    from xjmsw_crawler.parsers.generic import Doc, parse_html
    from xjmsw_crawler.parsers.pagebar import find_pagebars

    count = f'<div class="td-post-comments"><a href="{MS_URL}#respond"><i class="td-icon-comments"></i>0</a></div>'
    page = minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", info=MS_INFO + count).decode("utf-8")
    assert find_pagebars(Doc(parse_html(page), MS_URL), MS_URL) == []


def test_the_address_of_the_thread_a_post_was_pushed_from_closing_its_text_is_text():
    cited = ('<p>原帖地址：<a href="http://www.xjmsw.cn/forum.php?mod=viewthread&amp;tid=93">'
             'http://www.xjmsw.cn/forum.php?mod=viewthread&amp;tid=93</a></p>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>{cited}"))
    assert art.paragraphs[-1] == "原帖地址：http://www.xjmsw.cn/forum.php?mod=viewthread&tid=93"


def test_a_list_of_replies_subject_links_is_no_thread_of_floors():
    # (a blog's 最新评论 box of 2006, its links closed by <a> rather than </a>: the same 回复: subject linked twice,
    # each link a block of its own; it crashed the reader)
    replies = ('<table><tr><td><strong>最新评论</strong></td></tr><tr><td><div align=left>'
               '<a href=/c1 title=游客回复于2006-12-27>回复:老旧小区改造<a><br><a href=/c2>回复:供暖<a><br>'
               '<a href=/c3 title=游客回复于2006-12-26>回复:老旧小区改造<a><br></div></td></tr></table>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", after=replies))
    assert (art.title, art.paragraphs) == (MS_TITLE, [MS_PROSE, MS_PROSE2])


def test_a_neighbour_link_that_shows_only_a_label_is_titled_by_what_it_names_to_a_screen_reader():
    # (Joomla 4's pagenavigation: the title in a visually hidden span, 上一页 and an icon shown)
    nav = ('<nav class="pagenavigation"><span class="pagination"><a class="btn previous" href="/minsheng/131.html" '
           'rel="prev"><span class="visually-hidden">上一篇文章: 乌鲁木齐市开发公益性岗位2000个</span><span '
           'class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">上一页</span></a> '
           '<a class="btn next" href="/minsheng/122.html" rel="next"><span class="visually-hidden">下一篇文章: '
           '新疆出台创业担保贷款新政</span><span aria-hidden="true">下一页</span></a></span></nav>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", after=nav))
    assert (art.prev.text, art.next.text) == ("乌鲁木齐市开发公益性岗位2000个", "新疆出台创业担保贷款新政")


def test_a_cloaked_email_address_reads_as_the_address_its_script_shows():
    cloaked = ('<joomla-hidden-mail is-link="1" is-email="1" first="d2xtcXJzal9neWc=" last="MTYzLmNvbQ==" '
               'text="d2xtcXJzal9neWdAMTYzLmNvbQ==" base="">该邮件地址已受到反垃圾邮件插件保护。要显示它需要在浏览器中启用 '
               'JavaScript。</joomla-hidden-mail>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>报名信息发送至邮箱 {cloaked} 咨询。</p>"))
    assert art.paragraphs[-1] == "报名信息发送至邮箱 wlmqrsj_gyg@163.com 咨询。"


def test_a_scripted_page_bars_page_numbers_for_browsers_without_scripts_printed_without_a_gap_are_its_pages():
    rows = "".join(f"<li><a href='/folder11/2016-03-1{k}/content_4120{k}.shtml'>乌鲁木齐新增公交线路{k}条</a>"
                   f"<span>2016-03-1{k}</span></li>" for k in range(8))
    html = (f"<html><head><title>民生经济_新疆民生网</title></head><body>{NAV}<div class='place'>当前位置：<a href='/'>首页"
            f"</a> &gt; 民生经济</div><ul class='list'>{rows}</ul><div class='page'><script>dyPageBar(2, 0, 'index', "
            "'shtml');</script><noscript><a href='index.shtml'>1</a><a href='index_1.shtml'>2</a></noscript></div>"
            f"{FOOT}</body></html>")
    page = parse_page("http://www.xjmsw.cn/folder11/index.shtml", html.encode("utf-8"))
    assert page.listing.page_links == ["http://www.xjmsw.cn/folder11/index_1.shtml"]


MB_TITLE = "乌鲁木齐市2018年公共租赁住房申请指南"
MB_PROSE = ("近日，乌鲁木齐市住房保障和房产管理局发布2018年公共租赁住房申请指南。今年全市计划分配公共租赁住房3000套，"
            "重点保障城镇中等偏下收入住房困难家庭、新就业无房职工和在城镇稳定就业的外来务工人员。")
MB_PROSE2 = ("公共租赁住房租金按照同地段市场租金的70%左右确定，对城镇低保家庭和低收入家庭实行租金减免。申请人持身份证、"
             "户口簿、收入证明等材料，向户籍所在地的社区提出申请。")
MB_SIGNATURE = '<span class="mycode_b">新疆民生网</span> —— 携手民生之声，构建和谐社会<br />爆料热线：0991-4567890'
#: MyBB's popup of the forum's pages beside the forum's name in the breadcrumb, shown by a script.
MB_POPUP = ('<div id="breadcrumb_multipage_popup" class="pagination pagination_breadcrumb" style="display: none;">'
            '<a href="forumdisplay.php?fid=2" class="pagination_current">1</a> <a href="forumdisplay.php?fid=2&amp;'
            'page=2" class="pagination_page">2</a> <a href="forumdisplay.php?fid=2&amp;page=2" class="pagination_next">'
            '下一页 &raquo;</a></div>')


def mybb_url(tid: int, page: int = 1) -> str:
    return f"http://www.xjmsw.cn/bbs/showthread.php?tid={tid}" + (f"&page={page}" if page > 1 else "")


def mybb_floor(tid: int, n: int, uid: int, name: str, when: str, text: str, signature: str = "") -> str:
    """MyBB 1.8's postbit: the author box and its counts, the floor's #n linking its own place, its time, the post."""
    pid, sig = 4800 + n, f'<div class="signature scaleimages">{signature}</div>' if signature else ""
    return (f'<a name="pid{pid}" id="pid{pid}"></a><div class="post " id="post_{pid}"><div class="post_author"><div '
            f'class="author_information"><strong><span class="largetext"><a href="member.php?action=profile&amp;'
            f'uid={uid}">{name}</a></span></strong><br /><span class="smalltext">中级会员<br /></span></div><div '
            f'class="author_statistics">帖子: 86<br />主题: 11<br />注册: Nov 2016<br />声望: <a href="reputation.php?'
            f'uid={uid}"><strong class="reputation_neutral">0</strong></a></div></div><div class="post_content"><div '
            f'class="post_head"><div class="float_right"><strong><a href="showthread.php?tid={tid}&amp;pid={pid}#pid'
            f'{pid}">#{n}</a></strong></div><span class="post_date">{when}</span></div><div class="post_body '
            f'scaleimages" id="pid_{pid}">{text}</div>{sig}</div></div>')


def mybb_floors(tid: int, *more: str, when: str = "2018-04-09, 15:30") -> list[str]:
    """A thread's first post (#1: MB_PROSE and MB_PROSE2, signed), a reader's question under it (#2), then more."""
    return [mybb_floor(tid, 1, 3, "民生小编", when, f"{MB_PROSE}<br /><br />{MB_PROSE2}", MB_SIGNATURE),
            mybb_floor(tid, 2, 15, "天山雪莲", "2018-04-09, 16:02", "请问在哪里申请？"), *more]


def mybb_thread(tid: int, floors: list[str], *, bar: str = "", crumb_popup: str = "") -> bytes:
    """A MyBB 1.8 thread page: its breadcrumb, its page bar over and under the floors, 上一主题/下一主题 under them."""
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{MB_TITLE}</title></head><body><div "
            f"id='content'><div class='navigation'><a href='index.php'>新疆民生网论坛</a> &rsaquo; <a href='"
            f"forumdisplay.php?fid=1'>民生资讯</a> &rsaquo; <a href='forumdisplay.php?fid=2'>民生新闻</a>{crumb_popup}"
            f"<br /><span class='active'>{MB_TITLE}</span></div><div class='float_left'>{bar}</div><table class='"
            f"tborder'><tr><td class='thead'><strong>{MB_TITLE}</strong></td></tr><tr><td id='posts_container'><div "
            f"id='posts'>{''.join(floors)}</div></td></tr><tr><td class='tfoot'><strong>&laquo; <a href='showthread."
            f"php?tid={tid}&amp;action=nextoldest'>上一主题</a> | <a href='showthread.php?tid={tid}&amp;action=nextnewest'>"
            f"下一主题</a> &raquo;</strong></td></tr></table><div class='float_left'>{bar}</div></div><div id='footer'>"
            f"Powered By <a href='https://mybb.com'>MyBB</a>, &copy; 2002-2018 MyBB Group.</div></body></html>"
            ).encode("utf-8")


def test_a_popup_the_page_does_not_show_inside_a_breadcrumb_is_no_part_of_it():
    # (MyBB's popup of the forum's pages, 1 2 下一页 », beside the forum's name in the trail)
    art, _ = extract_article(mybb_url(131), mybb_thread(131, mybb_floors(131), crumb_popup=MB_POPUP))
    assert art.breadcrumb == ["新疆民生网论坛", "民生资讯", "民生新闻"]


def test_a_number_linked_after_a_member_counts_label_and_colon_is_no_page_bar_nor_is_a_popup_not_shown():
    # (MyBB's author box, 声望: <a href="reputation.php?uid=3">0</a>; its breadcrumb's popup of the forum's pages)
    from xjmsw_crawler.parsers.generic import Doc, parse_html
    from xjmsw_crawler.parsers.pagebar import find_pagebars

    bar = ('<div class="pagination"><span class="pages">页 (3):</span> <span class="pagination_current">1</span> '
           + " ".join(f'<a href="showthread.php?tid=131&amp;page={k}" class="pagination_page">{k}</a>' for k in (2, 3))
           + ' <a href="showthread.php?tid=131&amp;page=2" class="pagination_next">下一页 &raquo;</a></div>')
    html = mybb_thread(131, mybb_floors(131), bar=bar, crumb_popup=MB_POPUP)
    art, _ = extract_article(mybb_url(131), html)
    assert art.page_urls == [mybb_url(131, k) for k in (1, 2, 3)]
    bars = find_pagebars(Doc(parse_html(html.decode("utf-8")), mybb_url(131)), mybb_url(131))
    assert [bar.el.get("class") for bar in bars] == ["pagination", "pagination"]


def test_a_threads_floors_numbered_by_links_to_their_own_place_in_the_page_are_floors():
    # (MyBB's <a href="showthread.php?tid=178&amp;pid=4801#pid4801">#1</a>: the text is the first post's, no reply's)
    floors = mybb_floors(178, mybb_floor(178, 3, 58, "库尔勒香梨", "2018-06-13, 09:00", "科技种地，越来越先进了。"))
    art, _ = extract_article(mybb_url(178), mybb_thread(178, floors))
    assert art.paragraphs == [MB_PROSE, MB_PROSE2]


def test_a_thread_starters_later_post_is_body_without_its_floors_head_nor_the_signature_under_each_of_his_posts():
    # (MyBB: the moderator who started the thread answers a reader at #3, his signature under it as under #1)
    answer = "回复楼上：到户籍所在地的社区申请，需要身份证、户口簿和收入证明。"
    floors = mybb_floors(137, mybb_floor(137, 3, 3, "民生小编", "2018-04-20, 15:01", answer, MB_SIGNATURE),
                         mybb_floor(137, 4, 41, "阿勒泰的风", "2018-04-21, 10:37", "见习补助有多少钱啊？"))
    art, _ = extract_article(mybb_url(137), mybb_thread(137, floors))
    assert art.paragraphs == [MB_PROSE, MB_PROSE2, answer]


def test_a_starters_later_posts_quote_of_another_floor_under_its_time_and_poster_is_no_body_text():
    # (MyBB's <blockquote class="mycode_quote"><cite><span> (2018-04-09, 16:02)</span>天山雪莲 写道: </cite>…)
    quote = ('<blockquote class="mycode_quote"><cite><span> (2018-04-09, 16:02)</span>天山雪莲 写道: <a href="'
             'showthread.php?pid=4802#pid4802" class="quick_jump"></a></cite>请问在哪里申请？</blockquote><br />')
    answer = "到户籍所在地的社区申请，需要身份证、户口簿和收入证明。"
    floors = mybb_floors(146, mybb_floor(146, 3, 3, "民生小编", "2018-05-09, 20:48", quote + answer),
                         mybb_floor(146, 4, 41, "阿勒泰的风", "2018-05-10, 08:30", "见习补助有多少钱啊？"))
    art, _ = extract_article(mybb_url(146), mybb_thread(146, floors))
    assert art.paragraphs == [MB_PROSE, MB_PROSE2, answer]


def test_a_floors_relative_day_dated_by_its_tooltip_is_timed_by_the_time_after_it():
    # (MyBB's <span title="2018-06-19">昨天</span>, 21:05)
    floors = mybb_floors(185, when='<span title="2018-06-19">昨天</span>, 21:05 ')
    art, _ = extract_article(mybb_url(185), mybb_thread(185, floors))
    assert art.published == "2018-06-19T21:05:00+08:00"


def test_a_threads_page_n_of_one_readers_floor_gives_no_article_text():
    # (MyBB's page 2 of a thread: #11 alone, not the starter's; its page bar « 上一页 1 2)
    bar = ('<div class="pagination"><span class="pages">页 (2):</span> <a href="showthread.php?tid=163" class="'
           'pagination_previous">&laquo; 上一页</a> <a href="showthread.php?tid=163" class="pagination_page">1</a> '
           '<span class="pagination_current">2</span></div>')
    floor = mybb_floor(163, 11, 27, "乌市老王", "2018-06-02, 19:33", "我们这边的站点名字改了，差点坐过站。")
    page = parse_page(mybb_url(163, 2), mybb_thread(163, [floor], bar=bar))
    assert (page.kind, page.article.page_number, page.article.paragraphs) == ("continuation", 2, [])


def vb_floor(pid: int, n: int, uid: int, name: str, when: str, text: str) -> str:
    """vBulletin 3.8's postbit: the time and #n over the poster's cell (his counts) and the message's."""
    return (f'<table id="post{pid}" class="tborder"><tr><td class="thead"><a name="post{pid}"></a>{when}</td><td '
            f'class="thead" align="right">#<a href="showpost.php?p={pid}&amp;postcount={n}" target="new" rel="'
            f'nofollow"><strong>{n}</strong></a></td></tr><tr valign="top"><td class="alt2" width="175"><div id="'
            f'postmenu_{pid}"><a class="bigusername" href="member.php?u={uid}">{name}</a></div><div class="smallfont">'
            f'注册会员</div><div class="smallfont"><div>注册日期: 2010-03</div><div>帖子: {uid * 7}</div></div></td><td '
            f'class="alt1" id="td_post_{pid}"><div id="post_message_{pid}">{text}</div></td></tr></table>')


def vb_page_2(floors: list[str], bar: str):
    """The article of a vBulletin thread's page 2 that prints these floors between two copies of its page bar."""
    html = (f"<html><head><meta charset='utf-8'><title>我区上调最低工资标准 - 新疆民生网论坛</title></head><body>"
            f"{bar}<div id='posts'>{''.join(floors)}</div>{bar}</body></html>")
    return extract_article("http://www.xjmsw.cn/bbs/showthread.php?t=1646&page=2", html.encode("utf-8"))[0]


def test_a_readers_floor_on_a_threads_page_n_is_its_reply_without_its_quote_of_another_floor_longer_than_it():
    # (vBulletin's 引用: over 作者: <strong>头屯河人</strong> and the quoted words)
    quote = ('<div style="margin:20px; margin-top:5px; "><div class="smallfont" style="margin-bottom:2px">引用:</div>'
             '<table cellpadding="6" cellspacing="0" border="0" width="100%"><tr><td class="alt2" style="border:1px '
             'inset"><div>作者: <strong>头屯河人</strong></div><div style="font-style:italic">支持一下，希望政策能真正'
             '落到实处。</div></td></tr></table></div>')
    floors = [vb_floor(6395, 17, 40, "昌吉老王", "2010-09-21, 00:28", "兵团单位执行吗？求解答。"),
              vb_floor(6497, 18, 55, "头屯河人", "2010-09-24, 04:02", "支持一下，希望政策能真正落到实处。"),
              vb_floor(6500, 19, 51, "奎屯胡杨", "2010-09-24, 06:09", quote + "路过，看看大家怎么说。"),
              vb_floor(6501, 20, 51, "奎屯胡杨", "2010-09-24, 07:12", "楼上说得对。")]
    bar = ('<div class="pagenav">第 2 页，共 3 页 <a rel="prev" href="showthread.php?t=1646">&lt;</a> <a href="'
           'showthread.php?t=1646">1</a> <strong>2</strong> <a href="showthread.php?t=1646&amp;page=3">3</a></div>')
    art = vb_page_2(floors, bar)
    assert art.floor_posts[2].paragraphs == ["路过，看看大家怎么说。"]


def test_a_comment_forms_submit_heading_after_the_text_is_no_body_text():
    # (Divi's comment form: <h3 id="reply-title"><span>提交评论</span> <small><a style="display:none">取消回复</a>)
    form = ('<section id="comment-wrap"><div id="respond" class="comment-respond"><h3 id="reply-title" '
            'class="comment-reply-title"><span>提交评论</span> <small><a rel="nofollow" id="cancel-comment-reply-link" '
            'href="#respond" style="display:none;">取消回复</a></small></h3><form id="commentform"><p>'
            '<textarea name="comment"></textarea></p></form></div></section>')
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", after=form))
    assert art.paragraphs == [MS_PROSE, MS_PROSE2]


def test_a_subheading_opening_the_text_of_a_page_2_is_its_text_not_its_headline():
    # (WordPress's <!--nextpage--> in Divi: page 2 prints no headline, its <title> names the article and the page)
    html = (f"<html><head><title>{MS_TITLE} | 第2页 | 新疆民生网</title></head><body>{NAV}<div id='left-area'><article>"
            f"<div class='entry-content'><div class='et_pb_text_inner'><h3>室温不达标可投诉</h3><p>{MS_PROSE}</p>"
            f"<p>{MS_PROSE2}</p></div></div><div class='page-links'>页面： <a href='{MS_URL}'>1</a> <span>2</span>"
            f"</div></article></div>{FOOT}</body></html>")
    art, _ = extract_article(MS_URL + "2/", html.encode("utf-8"))
    assert art.paragraphs == ["室温不达标可投诉", MS_PROSE, MS_PROSE2]


def test_a_readers_floor_on_a_threads_page_n_is_its_reply_without_the_posters_box_beside_it():
    # (vBulletin's poster cell, 注册会员 注册日期: 2010-03 帖子: 357 under the name's link, longer than a short reply)
    floors = [vb_floor(6395, 17, 40, "昌吉老王", "2010-09-21, 00:28", "兵团单位执行吗？求解答。"),
              vb_floor(6497, 18, 55, "头屯河人", "2010-09-24, 04:02", "支持一下，希望政策能真正落到实处。"),
              vb_floor(6500, 19, 51, "奎屯胡杨", "2010-09-24, 06:09", "路过")]
    bar = ('<div class="pagenav">第 2 页，共 2 页 <a rel="prev" href="showthread.php?t=1646">&lt;</a> <a href="'
           'showthread.php?t=1646">1</a> <strong>2</strong></div>')
    art = vb_page_2(floors, bar)
    assert [post.paragraphs for post in art.floor_posts] == [
        ["兵团单位执行吗？求解答。"], ["支持一下，希望政策能真正落到实处。"], ["路过"]]


def test_a_readers_floor_on_a_threads_page_n_is_its_reply_without_its_head_signature_or_poster_box():
    # (Discuz! X 3.2's postbit: 15# 发表于 前天 05:29 | 只看该作者 over the message, the signature's row under it)
    def floor(pid: int, n: int, uid: int, name: str, text: str, sign: str = "") -> str:
        sign_row = f'<tr><td class="plc plm"><div class="sign">{sign}</div></td></tr>' if sign else ""
        return (f'<div id="post_{pid}"><table id="pid{pid}" class="plhin"><tr><td class="pls"><div class="pi"><div'
                f' class="authi"><a href="space-uid-{uid}.html" class="xw1">{name}</a></div></div><div class="tns '
                f'xg2"><table><th><p><a href="home.php?mod=space&uid={uid}&do=thread">6</a></p>主题</th></table></di'
                f'v><p><em><a href="home.php?mod=spacecp&ac=usergroup&gid=11">注册会员</a></em></p><dl class="pil cl">'
                f'<dt>积分</dt><dd><a href="home.php?mod=space&uid={uid}&do=profile">288</a></dd></dl></td><td class'
                f'="plc"><div class="pi"><strong><a href="forum.php?mod=redirect&goto=findpost&pid={pid}" onclick='
                f'"return false;"><em>{n}</em><sup>#</sup></a></strong><div class="pti"><div class="authi"><em>发表于'
                f' <span title="2016-11-18 05:29:32">前天&nbsp;05:29</span></em> <span class="pipe">|</span> <a href'
                f'="forum.php?mod=viewthread&tid=2053&page=2&authorid={uid}">只看该作者</a></div></div></div><div class'
                f'="pct"><div class="pcb"><div class="t_fsz"><table><tr><td class="t_f" id="postmessage_{pid}">{text}'
                f'</td></tr></table></div></div></div></td></tr>{sign_row}<tr><td class="pls"></td><td class="plc"'
                f'><div class="po hin"><a href="forum.php?mod=post&action=reply&repquote={pid}">回复</a> <a href="fo'
                f'rum.php?mod=misc&do=support&pid={pid}">支持</a></div></td></tr></table></div>')
    floors = [floor(31341, 11, 1077, "二道桥", "支持一下，好政策！"),
              floor(31372, 12, 1411, "乌市打工仔", "关键是要有人监督", sign="打工不易，且行且珍惜"),
              floor(31387, 13, 1288, "葡萄沟", "同问")]
    bar = ('<div class="pg"><a href="thread-2053-1-1.html" class="prev">上一页</a><a href="thread-2053-1-1.html">1</a>'
           '<strong>2</strong></div>')
    html = (f"<html><head><meta charset='utf-8'><title>我区上调最低工资标准 - 民生论坛 - 新疆民生网</title></head><body>"
            f"{bar}<div id='postlist' class='pl bm'>{''.join(floors)}</div>{bar}</body></html>")
    art, _ = extract_article("http://www.xjmsw.cn/bbs/thread-2053-2-1.html", html.encode("utf-8"))
    assert [post.paragraphs for post in art.floor_posts] == [["支持一下，好政策！"], ["关键是要有人监督"], ["同问"]]


def test_a_copyright_notices_source_a_reprint_must_name_is_no_source():
    # (ZOL's notice under the text: 本文属于原创文章，如若转载，请注明来源：<a>headline</a>http://…)
    notice = (f"<div class='copy_right'>本文属于原创文章，如若转载，请注明来源：<a href='{MS_URL}'>{MS_TITLE}</a>{MS_URL}"
              f"</div>")
    art, _ = extract_article(MS_URL, minsheng_page(f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", info="2021-08-12 10:20",
                                                   after=notice))
    assert (art.source, art.paragraphs) == (None, [MS_PROSE, MS_PROSE2])


def test_a_starters_later_floor_joins_the_text_without_the_box_and_head_row_beside_it_nor_its_quote():
    # (猫扑-style floors: the poster's box and the 3楼 发表于 head in one row over the post's; 引用 2楼 … 的回复： over
    # the quoted words in a box of their own; the thread's time is its 楼主 发表于 …, before the tools after it)
    def floor(n: int, uid: int, name: str, post: str, starter: bool = False) -> str:
        mark = '<img src="/dzh/images/ico_lz.gif" alt="楼主" title="楼主">' if starter else ""
        return (f'<table class="lc_tb"><tr><td class="yh" rowspan="2"><div class="yh_mc"><a href="http://i.xjmsw.cn/'
                f'{uid}/">{name}</a></div><ul class="yh_sj"><li>MP：3350</li><li>帖子：402</li><li>注册：2006-02-14'
                f'</li></ul></td><td class="lc_top"><span class="lc">{n or "楼主"}{"楼" if n else ""}</span> {mark} '
                f'<span class="fbsj">发表于：'
                f'2007-09-06 1{n}:02:19</span><span class="cz"><a href="#hf">引用</a> | <a href="#hf">回复</a></span>'
                f'</td></tr><tr><td class="lc_nr"><div class="tznr">{post}</div></td></tr></table>')
    quote = '<div class="yy"><div class="yy_t">引用 2楼 玥玥妈妈 的回复：</div><div class="yy_n">直销点有名单吗？</div></div>'
    floors = [floor(0, 10127, "记者刘堃", f"<p>{MS_PROSE}</p><p>{MS_PROSE2}</p>", starter=True),
              floor(1, 15670, "大巴扎", "又到了家家户户腌酸菜的时候了。"),
              floor(2, 24988, "玥玥妈妈", "直销点有名单吗？"),
              floor(3, 10127, "记者刘堃", quote + "直销点名单这几天会在各区政府网站公布，请关注。", starter=True)]
    html = (f"<html><head><meta charset='utf-8'><title>{MS_TITLE} - 民生经济 - 民生论坛</title></head><body>"
            f"<h1>{MS_TITLE}</h1>{''.join(floors)}<div class='sxzt'><p>上一主题：<a href='/dzh/subject/3/1060544.html'>"
            f"晒晒我们团场职工这几年的收入账</a></p></div></body></html>")
    art, _ = extract_article("http://www.xjmsw.cn/dzh/subject/3/1058231.html", html.encode("utf-8"))
    assert art.paragraphs == [MS_PROSE, MS_PROSE2, "直销点名单这几天会在各区政府网站公布，请关注。"]
    assert art.published == "2007-09-06T10:02:19+08:00"  # (楼主 发表于：2007-09-06 10:02:19 引用 | 回复)
