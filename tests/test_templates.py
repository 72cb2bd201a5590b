"""The per-template fast path (parsers/template.py): pages read where their template printed each field on
earlier pages give exactly what the generic reader gives, and a page that does not fit goes the generic way."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, NO_PREV_NEXT, REPO, load_expected, synthetic_mirror
from xjmsw_crawler.commands.parse import PAGES_PER_JOB, _jobs, _load
from xjmsw_crawler.mirror import Mirror
from xjmsw_crawler.parsers import build_record, extract_article, parse_page
from xjmsw_crawler.parsers.normalize import canonical_url
from xjmsw_crawler.parsers.template import CONFIRM, Templates

BASE = "http://www.xjmsw.cn"
XJMSW_PARSE = [sys.executable, "-m", "xjmsw_crawler.cli", "parse"]
MIRRORS = sorted(p.name for p in FIXTURES.iterdir() if (p / "pages.json").exists())


def _files(root, kinds=None):
    """(path, file) of the pages of a mirror (of those kinds), in pages.json order (a crawl meets a site's pages
    mixed)."""
    mirror = Mirror(root)
    for path, kind in json.loads((root / "pages.json").read_text("utf-8")).items():
        file = mirror.file(path) if kinds is None or kind in kinds else None
        if file is not None:
            yield path, file


def _pages(root, base=BASE):
    """(url, body) of every page of a mirror, in pages.json order."""
    for path, file in _files(root):
        yield base + path, file.read_bytes()


def _generic(page):
    return dataclasses.replace(page, reader="generic")


@pytest.mark.parametrize("mirror", MIRRORS)
def test_template_reading_equals_the_generic_reading_on_every_page(mirror):
    templates = Templates(audit_every=0)  # no audit: every page must be right by itself
    by_template = 0
    for url, body in _pages(FIXTURES / mirror):
        page = parse_page(url, body, templates=templates)
        assert _generic(page) == parse_page(url, body), url
        by_template += page.reader == "template"
        article, codec = extract_article(url, body, templates=templates)
        assert (article, codec) == extract_article(url, body), url
    if mirror in UNLEARNABLE:
        assert templates.learned == 0, UNLEARNABLE[mirror]
    else:
        least = 0 if mirror in NOT_REUSED else 1 if mirror in FEW_TO_READ else 2
        assert templates.learned >= 1 and by_template >= least, (templates.learned, by_template,
                                                                 FEW_TO_READ.get(mirror) or NOT_REUSED.get(mirror))
    assert templates.dropped == 0


#: Mirrors whose templates cannot be learned, and why (their pages are read the generic way, at its speed).
UNLEARNABLE = {"holdout-newspaper": "the date is the <time> in a <span> among the meta row's inline items (作者 … "
                                    "2019年5月10日 0 1604), no block a layout could hold",
               "holdout-sametitle": "<title> is the site's name on every page: nothing confirms a layout's headline",
               "holdout-guancha": "a 下一篇文章 teaser box is all the 上一篇/下一篇 it prints: one holder, a part of what "
                                  "a chain's other pages would print, no place to learn",
               "holdout-detailsview": "<title> is 新闻详细 on every article: nothing confirms a layout's headline",
               "holdout-southidc": "<title> is the site's name on every page: nothing confirms a layout's headline",
               "holdout-strutsdo": "<title> is 新疆民生网--民生信息--新闻详细 on every article: nothing confirms a layout's "
                                   "headline",
               "holdout-dnn": "<title> is the breadcrumb (新疆民生网 > 新闻中心 > 民生经济) on every article: nothing "
                              "confirms a layout's headline",
               "holdout-epaper": "no info line: the date is the issue's, printed in the page header or the URL",
               "holdout-wap": "the breadcrumb is one of a <p>'s <br> lines, no element a layout could hold",
               "holdout-era2008": "<title> names the site and the module (新疆民生网--社会民生) on every article: nothing "
                                  "confirms a layout's headline",
               "holdout-era2000": "<title> is 新疆民生网--新闻浏览 on every article: nothing confirms a layout's headline",
               "holdout-wps": "<title> is 新疆民生网 - 新闻详细 on every article: nothing confirms a layout's headline",
               "holdout-kaixin": "<title> names the reporter's diary book (李娜的日记 - 开心网) on every entry: nothing "
                                 "confirms a layout's headline",
               "holdout-qzone": "an entry page is a shell around its frame, and the framed page's <title> names the "
                                "service (QQ空间-分享生活，留住感动): nothing confirms a layout's headline",
               "holdout-typo3": "the info lines are <br> lines of a box floated beside the headline (2013-05-12 "
                                "10:20<br>作者: 王刚<br>来源: 新疆日报), no element a layout could hold",
               "holdout-ecshop": "the info line (admin / 2012-05-12 10:20:33) is the headline cell's line after a "
                                 "<br>: no element a layout could hold",
               "holdout-ucms3g": "the info line (2013-06-09 11:05 来源:天山网) is one of the body block's <br> lines: no "
                                 "element a layout could hold",
               "holdout-wml": "a WML card is one <p> of <br> lines (breadcrumb, headline, info lines, text, 上一篇/下一篇): "
                              "no element a layout could hold",
               "holdout-sinablog": "the only info line, an unlabelled (2012-05-03 10:21:33), is a run of inline "
                                   "<span>s beside the headline in one block: no element a layout could hold",
               "holdout-hugo": "the only info line, the date alone in a <span>, shares its block with the category "
                               "link and the word count: no element a layout could hold",
               "holdout-bilibili": "the only info line, an unlabelled time, shares its block with the category path "
                                   "and the counters (生活 > 日常 2019年12月03日 18:00 阅读 1.3万): no element a layout "
                                   "could hold",
               "holdout-frontpage": "上一篇/下一篇 on the three 2003 articles only, whose <title> names the site and the "
                                    "channel: nothing confirms a layout's headline",
               "holdout-hdwiki": "an entry prints no info line (its one date, 更新时间, a last change's in a box of "
                                 "the entry's statistics): nothing confirms a layout's info line",
               "holdout-dvbbs": "a thread's time is its first floor's 发表于 stamp, read from the floor, and its info "
                                "line the editor's 【来源：…】【作者：…】 typed atop the post, or none: nothing confirms "
                                "a layout's info line",
               "holdout-discuzx3": "a thread's time is its first floor's 发表于 stamp, read from the floor, and its "
                                   "info lines what opens its text (来源：… 作者：…), or none: nothing confirms a "
                                   "layout's info line",
               "holdout-onethink": "<title> is the site's slogan (新疆民生网-携手民生之声,构建和谐社会) on every page: "
                                   "nothing confirms a layout's headline",
               "holdout-vbulletin": "a thread's time is its first floor's 2010-05-20, 10:20 stamp, read from the "
                                    "floor, and its info line the editor's 作者：… 来源：… typed atop the post, or none: "
                                    "nothing confirms a layout's info line",
               "holdout-discuzbbs": "a thread's time is its first floor's 发表于 stamp, read from the floor, and its "
                                    "info lines are what opens its text (来源：…, 本帖最后由 … 编辑), from thread to "
                                    "thread: nothing confirms a layout's info line",
               "holdout-mop": "a thread's time is its first floor's 发表于 stamp, read from the floor, and its info "
                              "line the editor's 文章来源： typed atop the post, or none: nothing confirms a layout's "
                              "info line",
               "holdout-qianlong": "the only info line is a date and an unlabelled 新疆民生网讯 (2005-03-04 14:22:03 "
                                   "新疆民生网讯): nothing confirms a layout's info line",
               **{name: "no 上一篇/下一篇 on any page: nothing anchors a layout's block" for name in NO_PREV_NEXT}}


#: Mirrors whose layouts, confirmed on one page (read twice here: as a page and as an article), fit no other page.
NOT_REUSED = {"holdout-blogdriver": "a post's time is its footer's (发表于 21:15 | 评论 (0) | …), the last line of the "
                                    "text's own block, whose place among the text's paragraphs changes from post to "
                                    "post: a layout confirmed on one post fits no other",
              "holdout-zaobao": "上一篇/下一篇, which anchor a layout, only on the three 即时 stories, the last pages of "
                                "their layout: the layout they confirm reads no page after them",
              "holdout-sohuhao": "a post's info row is its date alone but where the post was synced from the portal "
                                 "(then 来源:新疆民生网 beside it), and 上一篇/下一篇, which anchor a layout, only on "
                                 "the older template's posts: the layouts confirmed on them fit no other page",
              "holdout-netease": "what the template prints between headline and body varies from article to "
                                 "article (an 作者 line, a 原标题 line, an ad, a 相关报道 box, two templates by year): "
                                 "a layout confirmed on one page fits no other",
              "holdout-k2": "K2 prints a varying number of blocks before the text's (an item image, a rating block, "
                            "an intro split from the full text) from item to item: the place a layout learned on one "
                            "item holds no other's text",
              "holdout-founder": "上一篇/下一篇 only on the four articles of one sub-channel (nothing else anchors a "
                                 "layout), two of them the ends of its chain: the layouts confirmed on them leave no "
                                 "page to read",
              "holdout-epaper2010": "上一篇/下一篇 run within a 版 of one to three articles (a chain's end an empty "
                                    "cell) and the title table prints its 引题, 副题 and author rows only when filled: "
                                    "a layout confirmed on one article fits one other"}


#: Mirrors where a learned layout has few pages left to read.
FEW_TO_READ = {"holdout-zblog": "each post prints its 来源 line at another place of its body (the first line, the fifth, "
                                "none), which a layout holds as an info line's place: few posts share a layout",
               "holdout-pages": "three one-page articles (two teach the layout); every other page has a page bar of "
                                "its own form outside the body's block, and a layout reads a page bar only around it",
               "holdout-zhihu": "a layout is learned from a page with 上一篇/下一篇, which a column's last three posts "
                                "print in their text: one post after them reads by it",
               "holdout-infzm": "上一篇/下一篇, which anchor a layout, only on the old GBK archive's few pages: one "
                                "of them reads by the layout the others taught",
               "holdout-octobercms": "every post's <title> is the page's name (新闻详情 - 新疆民生网), which anchors no "
                                     "layout: only the old site's three pages teach one"}


def test_template_reading_on_an_unseen_synthetic_site(tmp_path):
    root = synthetic_mirror(tmp_path, 120)
    templates = Templates(audit_every=0)
    pages = list(_pages(root, "http://127.0.0.1:8000"))
    fast = 0
    for url, body in pages:
        page = parse_page(url, body, templates=templates)
        fast += page.reader == "template"
        assert _generic(page) == parse_page(url, body), url
    kinds = json.loads((root / "pages.json").read_text()).values()
    article_pages = sum(kind in ("article", "continuation") for kind in kinds)
    # all but a template's first pages and the pages 2..n without headline or 上一篇/下一篇
    assert fast >= article_pages * 0.85, (fast, article_pages)


def _article_page(title: str, body: str, *, before_body: str = "", sidebar: str = "") -> bytes:
    html = f"""<html><head><title>{title}_民生经济_新疆民生网</title></head><body>
<div class="top"><a href="/">首页</a> <a href="/a/msjj/">民生经济</a></div>
<div class="page"><div class="wrap"><div class="main"><div class="place">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/a/msjj/">民生经济</a> &gt;&gt; 正文</div>
<h1>{title}</h1><div class="info">作者：李明　来源：新疆日报　发布时间：2017-06-20 10:30</div>
{before_body}<div class="content">{body}</div>
<ul class="pn"><li>上一篇：<a href="/a/1.html">上一篇的标题</a></li><li>下一篇：<a href="/a/3.html">下一篇的标题</a></li></ul>
</div></div><div class="side">热点</div></div>
<div class="more">{sidebar}</div><div class="foot">版权所有 新疆民生网</div></body></html>"""
    return html.encode("gb18030")


PROSE = "自治区各地近日开展了形式多样的活动，群众参与热情高涨，取得了明显成效。" * 3


def _learned(templates: Templates, n: int = CONFIRM + 1) -> None:
    for k in range(n):
        body = _article_page(f"第{k}篇测试文章的标题", f"<p>{PROSE}</p><p>{PROSE}第{k}段。</p>")
        parse_page(f"{BASE}/a/msjj/{k}.html", body, templates=templates)
    assert templates.learned == 1


def test_a_page_whose_text_opens_with_an_info_line_goes_the_generic_way():
    """A reprint's 作者：… 来源：… typed as the first line of its text: an info line the layout does not hold, which the
    generic reader reads (Ghost's posts of other papers)."""
    templates = Templates(audit_every=0)
    _learned(templates)
    url = f"{BASE}/a/msjj/11.html"
    page = _article_page("又一篇测试文章的标题", f"<p>作者：阿依努尔·买买提　来源：天山网</p><p>{PROSE}</p><p>{PROSE}</p>")
    read = parse_page(url, page, templates=templates)
    assert read.reader == "generic" and _generic(read) == parse_page(url, page)
    plain = _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p><p>{PROSE}</p>")
    assert parse_page(url, plain, templates=templates).reader == "template"


def test_a_page_that_does_not_fit_the_layout_goes_the_generic_way():
    templates = Templates()
    _learned(templates)
    fits = _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p>")
    assert parse_page(f"{BASE}/a/msjj/10.html", fits, templates=templates).reader == "template"
    odd = {
        # a notice box at the top of the page: every place moved
        "moved": _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p>").replace(
            b'<div class="top">', '<div class="notice">网站维护通知</div><div class="top">'.encode("gb18030")),
        # a link that reads like a page bar's away from the article (a listing's bar in a side box)
        "page bar": _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p>",
                                  sidebar="<div>1 <a href='/a/msjj/list_2.html'>2</a> <a href='/a/msjj/list_2.html'>下一页</a></div>"),
        # the headline element holds something else than the <title>'s headline
        "title": _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p>").replace(
            "<h1>又一篇测试文章的标题</h1>".encode("gb18030"), "<h1>专题报道</h1>".encode("gb18030")),
    }
    for why, body in odd.items():
        page = parse_page(f"{BASE}/a/msjj/11.html", body, templates=templates)
        assert page.reader == "generic", why
        assert page == parse_page(f"{BASE}/a/msjj/11.html", body), why
    # a lede box before the body moves the places after it by one: the body is still found as the densest block
    # around its place, 上一篇/下一篇 a sibling further; read either way, the same record
    lede = _article_page("又一篇测试文章的标题", f"<p>{PROSE}</p>", before_body="<div class='lede'>摘要：一句话。</div>")
    assert _generic(parse_page(f"{BASE}/a/msjj/12.html", lede, templates=templates)) == \
        parse_page(f"{BASE}/a/msjj/12.html", lede)


def test_a_layout_learned_where_an_include_left_out_the_breadcrumb_does_not_read_it_away():
    """holdout-ssi: three pages whose breadcrumb include failed teach a layout without one; a page of the same
    template whose breadcrumb printed is read the generic way, with it."""
    root = FIXTURES / "holdout-ssi"
    pages = json.loads((root / "pages.json").read_text("utf-8"))
    articles = sorted((p for p, kind in pages.items() if kind == "article" and p.startswith("/minsheng/")), reverse=True)
    templates = Templates(audit_every=0)
    read = {p: parse_page(BASE + p, (root / "site" / p.lstrip("/")).read_bytes(), templates=templates) for p in articles}
    assert templates.learned >= 1
    crumbs = {p: page.article.breadcrumb for p, page in read.items()}
    assert crumbs["/minsheng/2013/0822/125.shtml"] == []  # its breadcrumb include failed
    assert crumbs["/minsheng/2010/0608/121.shtml"] == ["首页", "民生新闻"]


def test_a_multi_page_articles_bar_is_read_as_the_generic_reader_reads_it():
    templates = Templates(audit_every=0)
    _learned(templates)
    bar = ("<div class='pages'>{}</div>")
    first = _article_page("分页测试文章的标题", f"<p>{PROSE}</p>" + bar.format(
        "1 <a href='/a/msjj/20_2.html'>2</a> <a href='/a/msjj/20_3.html'>3</a> <a href='/a/msjj/20_2.html'>下一页</a>"))
    second = _article_page("分页测试文章的标题", f"<p>{PROSE}第二页。</p>" + bar.format(
        "<a href='/a/msjj/20.html'>1</a> 2 <a href='/a/msjj/20_3.html'>3</a> <a href='/a/msjj/20_3.html'>下一页</a>"))
    for url, body, kind in ((f"{BASE}/a/msjj/20.html", first, "article"),
                            (f"{BASE}/a/msjj/20_2.html", second, "continuation")):
        page = parse_page(url, body, templates=templates)
        assert (page.reader, page.kind) == ("template", kind), url
        assert _generic(page) == parse_page(url, body), url
        assert len(page.article.page_urls) == 3


def test_an_audit_drops_a_layout_that_reads_a_page_differently():
    templates = Templates(audit_every=1)
    _learned(templates)
    # copyright lines above a short article: the generic reader scores them as a footer (whole-page statistics
    # only), the layout's statistics of the article's column as prose, so the two take different blocks; the
    # audit keeps the generic reading and drops the layout
    notice = "<p>版权所有，新疆民生网，未经书面授权，不得转载、摘编或以其他方式使用</p>"
    body = _article_page("又一篇测试文章的标题", "<p>短短一句话，没有更多内容。</p>",
                         before_body=f"<div class='note'>{notice * 2}</div>")
    page = parse_page(f"{BASE}/a/msjj/12.html", body, templates=templates)
    assert _generic(page) == parse_page(f"{BASE}/a/msjj/12.html", body)
    assert templates.dropped == 1
    assert parse_page(f"{BASE}/a/msjj/13.html", _article_page("再一篇测试文章的标题", f"<p>{PROSE}</p>"),
                      templates=templates).reader == "generic"


def test_sites_and_single_pages_learn_nothing():
    templates = Templates()
    body = _article_page("一篇测试文章的标题", f"<p>{PROSE}</p>")
    for host in ("a.example", "b.example", "c.example"):
        assert parse_page(f"http://{host}/1.html", body, templates=templates).reader == "generic"
    assert templates.learned == 0


def test_a_post_footer_of_br_lines_teaches_a_layout():
    """Community Server closes each post with its footer, `<p class="postfoot">posted on 2007年5月12日 9:40 由
    <a>minsheng</a><br />分类: <a>住房</a></p>`, the time's line one of the block's <br> lines: the block is the info
    line's place, so two posts teach a layout that reads the third."""
    def post(day: int) -> bytes:
        return (f"<html><head><title>民生新闻 : 首府第{day}篇民生新闻的标题</title></head><body><div id='main'><div "
                f"class='crumb'>当前位置：<a href='/'>新疆民生网</a> &raquo; <a href='/blogs/minsheng/default.aspx'>民生新闻"
                f"</a></div><div class='post'><h2>首府第{day}篇民生新闻的标题</h2><p>{PROSE}</p><p>{PROSE}第{day}段。</p><p "
                f"class='postfoot'>posted on 2007年5月{day}日 9:40 由 <a href='/user/Profile.aspx?UserID=2103'>minsheng"
                f"</a><br />分类: <a href='/blogs/minsheng/archive/tags/zhufang/default.aspx'>住房</a></p></div><div "
                f"class='PostNavigation'><div>上一篇：<a href='/blogs/minsheng/archive/2007/05/{day - 1}/{day - 1}.aspx'>"
                f"上一篇的标题</a></div><div>下一篇：<a href='/blogs/minsheng/archive/2007/05/{day + 1}/{day + 1}.aspx'>"
                f"下一篇的标题</a></div></div></div><div class='foot'>版权所有 新疆民生网</div></body></html>").encode("utf-8")
    templates = Templates(audit_every=0)
    for day in (11, 12, 13):
        parse_page(f"{BASE}/blogs/minsheng/archive/2007/05/{day}/{day}.aspx", post(day), templates=templates)
    assert templates.learned >= 1 and templates.fast >= 1


def test_a_source_under_the_headline_the_layouts_pages_did_not_print_is_read_the_generic_way():
    """FastAdmin prints `来源：…` beside the author's name under the headline only where the article names a source:
    a layout learned from two pages without one (their only info line the date under the text) leaves a page that
    prints one to the generic reader, which reads its source."""
    def post(n: int, source: str = "") -> bytes:
        line = f"<span class='source-name'>来源：{source}</span>" if source else ""
        return (f"<html><head><title>首府第{n}篇民生新闻的标题 - 新疆民生网</title></head><body><div class='crumb'>"
                f"<a href='/cms/'>首页</a> &gt; <a href='/cms/c/jiuye.html'>就业创业</a></div><div class='panel'><h1>"
                f"首府第{n}篇民生新闻的标题</h1><div class='metas'><span>记者 王磊</span>{line}<span>765 阅读</span>"
                f"</div><div class='text'><p>{PROSE}</p><p>{PROSE}第{n}段。</p></div><ul class='entry-meta'><li>"
                f"发布日期：2021-04-0{n} 15:30:00</li></ul><ul class='prevnext'><li>上一篇：<a href='/cms/a/{n - 1}"
                f".html'>上一篇的标题</a></li><li>下一篇：<a href='/cms/a/{n + 1}.html'>下一篇的标题</a></li></ul></div>"
                f"<div class='foot'>版权所有 新疆民生网</div></body></html>").encode("utf-8")
    templates = Templates(audit_every=0)
    for n in (2, 3):
        parse_page(f"{BASE}/cms/a/{n}.html", post(n), templates=templates)
    page = parse_page(f"{BASE}/cms/a/5.html", post(5, "喀什日报"), templates=templates)
    assert templates.learned >= 1 and page.article.source == "喀什日报"


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_xjmsw_parse_over_many_pages_prints_what_each_page_alone_gives(jobs, tmp_path):
    """`xjmsw parse` over a site's pages learns its templates, here or in worker processes (--jobs); every line
    is the page's generic record, in the order of the pages; a missing file is said and costs no other page."""
    files = [str(file) for _, file in _files(FIXTURES / "mirror", ("article",))]
    assert len(files) >= 20
    missing = str(tmp_path / "gone.html")
    done = subprocess.run([*XJMSW_PARSE, "--jobs", jobs, *files[:5], missing, *files[5:]], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"xjmsw parse: {missing}:" in done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == len(files)
    assert int(re.search(r"(\d+) of them read where a learned template", done.stderr).group(1)) >= 10, done.stderr
    for file, got in zip(files, lines):
        body, headers, url, fetched_at = _load(file, None)
        article, encoding = extract_article(url, body, headers)
        assert got == build_record(article, url=url, encoding=encoding, fetched_at=fetched_at,
                                   pages=len(article.page_urls) or 1), file

@pytest.mark.parametrize("mirror", ["mirror", "holdout-div", "holdout-iframebody"])
def test_xjmsw_parse_over_a_saved_sites_folder_gives_each_page_its_url(mirror):
    """A folder stands for every page file under it (not its images, styles or scripts); with --base-url each page
    gets the URL it was saved from (a query kept from the file name), so its record is the one a crawl of the site
    gives: an article's page 1 has the mirror's expected fields (published too, unless only a listing shows it), its
    text read from the file saved at its frame's URL where it frames its text."""
    site = FIXTURES / mirror / "site"
    done = subprocess.run([*XJMSW_PARSE, "--base-url", BASE, str(site)], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    records = {}
    for line in done.stdout.splitlines():
        record = json.loads(line)
        records.setdefault(record["url"], record)
    pages = {canonical_url(BASE + path) for path, _ in _files(FIXTURES / mirror)}
    assert pages <= set(records) and len(done.stdout.splitlines()) == len(list(_files(FIXTURES / mirror))), (
        sorted(set(records) ^ pages))
    expected = load_expected(mirror, BASE)
    assert expected
    for url, want in expected.items():
        got = records[canonical_url(url)]
        fields = ("title", "author", "source", "category", "breadcrumb", "prev", "next")
        fields += ("body", "images") if want["pages"] == 1 else ()
        fields += ("published",) if got["published"] is not None else ()
        assert {k: got[k] for k in fields} == {k: want[k] for k in fields}, url


def test_xjmsw_parse_names_a_url_whose_server_does_not_answer_in_http():
    """A URL whose server sends no HTTP status line is named on stderr (status 1), not a traceback; the other
    pages are still printed."""
    server = socket.create_server(("127.0.0.1", 0))

    def answer():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:  # closed at the end of the test
                return
            with conn:
                conn.recv(65536)
                conn.sendall(b"HELLO THERE\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    url = f"http://127.0.0.1:{server.getsockname()[1]}/a/msjj/2017/0620/89.html"
    page = str(next(file for _, file in _files(FIXTURES / "mirror", ("article",))))
    done = subprocess.run([*XJMSW_PARSE, "--jobs", "1", url, page], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    server.close()
    assert done.returncode == 1, done.stderr[-2000:]
    assert f"xjmsw parse: {url}:" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stdout.splitlines()) == 1


def test_xjmsw_parse_reads_a_page_saved_gzipped(tmp_path):
    """A page a server gzipped whatever the request accepted, saved as it came (wget -r does): the same record."""
    import gzip

    page = next(file for _, file in _files(FIXTURES / "mirror", ("article",)))
    packed = tmp_path / page.name
    packed.write_bytes(gzip.compress(page.read_bytes()))
    url = "http://www.xjmsw.cn/a.html"
    lines = [subprocess.run([*XJMSW_PARSE, "--url", url, str(file)], cwd=REPO, capture_output=True, text=True,
                            timeout=120).stdout for file in (page, packed)]
    plain, unpacked = (json.loads(line) for line in lines)
    assert unpacked["title"] and {**unpacked, "fetched_at": None} == {**plain, "fetched_at": None}


def test_xjmsw_parse_loses_no_page_when_a_worker_dies():
    """A worker killed mid-run (out of memory, a crash in lxml) is said on stderr and its pages are parsed by the
    command itself: every line is there, in order, and the exit status is 0."""
    files = [str(file) for _, file in _files(FIXTURES / "mirror", ("article",))] * 100
    proc = subprocess.Popen([*XJMSW_PARSE, "--jobs", "2", *files], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
        workers: list[str] = []
        deadline = time.monotonic() + 60
        while not workers and proc.poll() is None and time.monotonic() < deadline:
            try:
                workers = children.read_text().split()
            except OSError:  # not started yet, or a kernel without /proc/.../children
                pass
            time.sleep(0.01)
        if not workers:
            pytest.skip("no way to see the worker process here (/proc/PID/task/PID/children)")
        time.sleep(0.2)  # the worker is inside its first runs (the whole command takes seconds)
        os.kill(int(workers[0]), signal.SIGKILL)
        out, err = proc.communicate(timeout=300)
    finally:
        proc.kill()
    assert proc.returncode == 0, err[-2000:]
    assert f"worker process {workers[0]} stopped (exit code -9)" in err
    got = [json.loads(line)["url"] for line in out.splitlines()]
    assert got == [canonical_url(_load(file, None)[2]) for file in files]


def test_xjmsw_parse_jobs_auto_uses_every_cpu_only_for_many_pages():
    cpus = len(os.sched_getaffinity(0))
    assert _jobs("auto", 1) == _jobs("auto", 2 * PAGES_PER_JOB - 1) == 1
    assert _jobs("auto", 100_000) == cpus
    assert _jobs("auto", 2 * PAGES_PER_JOB) == min(cpus, 2)
    assert _jobs("3", 5) == 3 and _jobs("0", 5) == 1
