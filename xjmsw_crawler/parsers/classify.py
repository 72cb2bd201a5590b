"""What a page is, from its content (never from its URL pattern):

* article: a dense prose block plus at least one article signal: 上一篇/下一篇 links, an info line with
  作者/来源/发布时间/时间/日期 labels (``:`` or ``：``) or a date next to a headline that matches the
  ``<title>``;
* continuation: the same (or just prose with a page bar) where the page bar shows a current page > 1
  (the URL's ``_2``/``page=2`` only as a hint when the bar does not say);
* listing: a dominant group of content-like links (long anchor texts, one URL shape, one container),
  usually with dates beside them and a page bar, and no article reading that beats it;
* other: everything else: "about us" prose without article signals, home pages, error pages, feeds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import islice
from urllib.parse import parse_qsl, urlsplit

from .article import Meta, around, build_article, common_ancestor, read_meta, text_frame
from .breadcrumb import HOME_TITLES, INDEX_FILE, crumb_items
from .cues import HEADING_WEIGHTS, absolute, el_text
from .generic import Doc, text_of
from .info import SENTENCE_END, InfoResult, info_block
from .listing import card_heading, extract_listing
from .model import Article, Listing
from .normalize import url_key
from .pagebar import host_dir, in_page_family
from .title import heading_like


_INDEX_FILE = re.compile(rf"/{INDEX_FILE}(?=$|\?)", re.I)
#: What only a summary's link to its article says (not a WAP page's [全文], its own page on one page).
_READ_ON_WORDS = r"(?:继续阅读|阅读全文|查看全文|查看详情|阅读更多|阅读剩余部分|read more|continue reading)"
_READ_ON = re.compile(r"\W*" + _READ_ON_WORDS, re.I)  # (Typecho's "- 阅读剩余部分 -")
_READ_MORE = re.compile(r"\W*" + _READ_ON_WORDS + r"|(?:全文|详细|详情)\W*$", re.I)
#: What a page that is gone says, served with status 200 (a soft 404): 对不起，您访问的页面不存在, 该文章已被删除, a blog's
#: 此文章已被外星人劫持或被博主隐藏！ (Sohu's), 抱歉，您在此博客中查找的网页不存在。 (Blogger's).
_SORRY = r"(?:对不起|抱歉|很抱歉|sorry)?[，,！!\s]*(?:您|你)?"
_GONE = re.compile(_SORRY + r"(?:在(?:此|本|该)?\w{0,4}中)?"
                   r"(?:所?(?:访问|要访问|查看|请求|查找|浏览)的?)?"
                   r"(?:该|此|本)?(?:页面|网页|文章|内容|信息|新闻|资源|日志|博文|帖子)(?:可能)?"
                   r"(?:不存在|已被?删除|已被?移除|未找到|找不到|已过期|已?被.{0,12}?(?:隐藏|屏蔽|删除))"
                   r"(?:或已?被?(?:删除|移动|移除))?[!！。.]?", re.I)
#: What a page a visitor may not see says instead (L-Blog's hidden post: 对不起，你没有权限查看此日志，请点击返回首页).
_FORBIDDEN = re.compile(_SORRY + r"(?:没有|无)权限?(?:查看|浏览|访问|阅读)"
                        r"(?:该|此|本)?(?:页面|网页|文章|内容|信息|日志|日记|博文|帖子)(?:[，,]\s*请\w{1,10})?[!！。.]?")
_GONE_WORDS = ("不存在", "删除", "移除", "找不到", "未找到", "已过期", "隐藏", "屏蔽", "权限")
#: What a locked post prints where its text would be (F2Blog's 该日志已加密，请输入密码后查看！, 该日记设置了密码).
_LOCKED = re.compile(r"(?:该|此|本)?(?:文章|日志|日记|博文|帖子|内容)(?:已加密|设置了密码|需要密码)"
                     r"(?:[，,]\s*(?:请|不能|无法)\w{1,10})?[!！。.]?")


#: A guestbook's name as its page's headline (L-Blog's and 中国博客网's 留言本 over readers' dated messages).
_GUESTBOOK = re.compile(r"(?:网友|访客|读者)?(?:留言本|留言板|留言簿|给我留言)|guestbook", re.I)


def _gone(doc: Doc, meta: Meta) -> bool:
    """Whether the page says it is gone (a soft 404: the site's template around 对不起，您访问的页面不存在 and a
    sidebar's lists, which read like a listing of them) or not for this visitor, or that its text is locked: the
    notice all its text block prints."""
    return any(len(text) <= 40 and (_GONE.fullmatch(line := text.strip()) or _FORBIDDEN.fullmatch(line))
               and not _in_card(el.getparent() if is_tail else el)
               for el, is_tail, text in doc.text_nodes(_GONE_WORDS)) or \
        meta.body is not None and meta.text_len <= 60 and any(
            doc.contains(meta.body, el) and _LOCKED.fullmatch(text.strip())
            for el, _, text in doc.text_nodes(("加密", "密码")))


def _in_card(el) -> bool:
    """Whether el is inside one of three or more sibling blocks of the same tag and class: a list's entry (a
    channel's card for a deleted post, its summary 该文章已删除), not the page's own notice."""
    for _ in range(4):
        up = el.getparent()
        if up is None or up.tag in ("body", "html"):
            return False
        if el.get("class") and sum(1 for sib in up if sib.tag == el.tag and sib.get("class") == el.get("class")) >= 3:
            return True
        el = up
    return False


_MORE = re.compile(r"^(更多|more|更多>>|>>更多|更多内容|查看更多)", re.I)


def _headlined(meta: Meta) -> bool:
    """Whether the prose is under a headline: one the <title> names, or, where the <title> names nothing printed (the
    site and its channel, FrontPage's 新建网页 1), a styled line (<font size="4"><b>) right at the prose's start, the
    prose a block of its own (not a whole page's few lines: 网站维护中 over a notice)."""
    title, body = meta.title, meta.body
    return meta.headline or title.el is not None and title.match == 0 and title.weight >= 2 and title.near and \
        body is not None and body.tag not in ("body", "html")


def _dated_note(doc: Doc, meta: Meta) -> bool:
    """Whether the page's text is a sentence or two too short to count as prose, right under its headline and dated
    in its info line (a blog's one-line entry: 2010-02-26 15:30 over 自治区2010年度社会保险缴费基数下限为1053元，…执行。)."""
    title, body = meta.title.el, meta.body
    if meta.info.published is None or title is None or body is None or not 20 <= meta.text_len < 60:
        return False
    at = doc.position(title)
    after = doc.position(body) - at - doc.size[at]
    return 0 <= after <= 12 and SENTENCE_END.search(doc.text(body)) is not None  # (right under the headline)


def _article_like(meta: Meta, own_info: bool = True) -> bool:
    """own_info: the info line is the page's, not a list entry's (·title [2010-05-28] in a 专题's box)."""
    info = meta.info if own_info else InfoResult()
    strong = meta.prevnext or (info.labelled and (info.author or info.source or info.published))
    if meta.prose and strong:
        return True
    if meta.prose and info.published and _headlined(meta):
        return True
    # a photo or one-line article: both kinds of signal and some text
    if meta.prevnext and info.labelled and meta.text_len >= 10:
        return True
    # a short article: a signed headline (info line printed once) over a sentence or two
    if strong and meta.headline and meta.text_len >= 20 and meta.punct >= 1:
        return True
    return False


def _home_like(doc: Doc, meta: Meta, mains, groups) -> bool:
    """A portal front page: several sections each with a 更多>> link, or several comparable lists, no page
    bar and no breadcrumb below the home item (unless no list is dated: Discuz's front page shows
    新疆民生网 › 门户)."""
    if meta.bars:
        return False
    under_crumb = len(meta.crumbs) >= 2 and (not mains or any(g.dated for g in mains))
    if not under_crumb and _links_home_here(doc):
        return True
    more = 0
    for a in doc.root.iter("a"):
        i = doc.idx.get(a)
        if i is not None and doc.T[i] <= 8 and _MORE.match(text_of(a).strip()):
            more += 1
    if more >= 2 and not under_crumb:
        return True
    if mains:
        best = mains[0]
        # comparable: sections of the same kind (a dated list beside undated sidebar boxes is a listing)
        peers = [g for g in groups if g.shape == best.shape and len(g.links) >= 3 and g.mass >= 0.5 * best.mass
                 and not g.boxed and (g.dated or not best.dated)]
        if len(peers) >= 3 and not under_crumb:
            return True
        # under a breadcrumb: a channel's front page, its sub-columns' dated lists each under a 更多>> (each in its
        # sub-column's folder: shapes alike but for a folder's name)
        peers = [g for g in groups if _sibling_shapes(g.shape, best.shape) and len(g.links) >= 3 and
                 g.mass >= 0.5 * best.mass and not g.boxed and g.dated]
        if len(peers) >= 2 and more >= len(peers):
            return True
    return False


def _sibling_shapes(a: tuple, b: tuple) -> bool:
    """Whether two link shapes differ at most in their path's folder names (/nminsheng/jysb/0/0.htm beside
    /nminsheng/jyyl/0/0.htm: two sub-columns' articles)."""
    return a[0] == b[0] and a[2] == b[2] and a[1].count("/") == b[1].count("/") and \
        a[1].rsplit("/", 1)[-1] == b[1].rsplit("/", 1)[-1]


def _links_home_here(doc: Doc) -> bool:
    """Whether the site's own 首页 link (新疆民生网首页, 频道首页) points to this page (a mobile front page is one
    dated list), or a masthead's <h1> links the site's name, all this page's <title>, here (a blog's home page)."""
    here = _page_key(doc.url)
    if here in _targets(doc, doc.root, 10, _home_title):
        return True
    name = doc.title_text
    return bool(name) and any(here in _targets(doc, h1, 40, name.__eq__) for h1 in doc.root.iter("h1"))


def _home_title(text: str) -> bool:
    """A front page's link text: 首页, or a site's or channel's name before 首页 (not a column's 栏目首页)."""
    return text in HOME_TITLES or text.endswith(("首页", "首頁")) and not text.startswith(_NOT_HOME)


_NOT_HOME = ("栏目", "欄目", "分类", "分類", "本栏", "本欄", "列表")


def _targets(doc: Doc, root, longest: int, says):
    """The page keys of the links under root whose text (at most `longest` visible chars) `says` accepts."""
    for a in root.iter("a"):
        i = doc.idx.get(a)
        if i is not None and doc.T[i] <= longest and says(text_of(a).strip()):
            href = absolute(doc.base_url, a.get("href"))
            if href:
                yield _page_key(href)


def _page_key(url: str) -> str:
    """url_key with a folder's index file name left out (/m/index.html is /m/)."""
    return _INDEX_FILE.sub("/", url_key(url), count=1)


def _excerpt(doc: Doc, body, says=_READ_MORE.match) -> bool:
    """Whether the prose block leads on to another page (继续阅读, 阅读全文 »): an entry's summary in a listing
    (a blog's tag page with one post), not an article. The link may be in the entry's block around it (a blog's
    post footer under the summary)."""
    if body is None:
        return False
    here, scope, i = _page_key(doc.url), body, doc.position(body)
    for entry in islice(body.iterancestors(), 2):  # (the summary's block, the post's <article> around it)
        j = doc.position(entry)
        if i < 0 or j < 0 or entry.tag in ("body", "html") or doc.size[j] > doc.size[i] + 40:
            break
        scope = entry
    return any(key != here for key in _targets(doc, scope, 40, says))


def _paged(doc: Doc, main, bars) -> bool:
    """Whether a page bar is part of the list or comes right after it (the last page of a category, one entry)."""
    after = main.container.getnext()
    i = doc.position(after) if after is not None else -1
    small = i >= 0 and doc.size[i] <= 40  # the bar's own block, not the rest of the page
    return any(doc.contains(main.container, b.el) or b.el is after or small and doc.contains(after, b.el) for b in bars)


def _nearer(doc: Doc, el, one, other) -> bool:
    """Whether el sits nearer one than other: in a block around one that does not hold other."""
    near = common_ancestor([one, el])
    return near is not None and not doc.contains(near, other)


def _in_heading(a, container) -> bool:
    """Whether a link is in a heading inside container (or in what prints as one: <font size="5"><b><a>)."""
    for up in a.iterancestors():
        if up is container:
            return False
        if heading_like(up):
            return True
    return False


def decide(doc: Doc, meta: Meta, listing: Listing, mains, groups=()) -> str:
    def as_listing() -> str:  # (a portal's front page is one of the site's lists too, but no listing to walk)
        return "other" if _home_like(doc, meta, mains, groups) else "listing"

    n_entries = len(listing.entries)
    bar = meta.bar
    current = bar.current if bar is not None and bar.current else 1
    page_kind = "continuation" if current > 1 else "article"
    main = mains[0] if mains else None
    body = meta.body
    floors_only = not doc.starters and doc.floors and body is not None and doc.contains(body, doc.floors[0])
    if floors_only and current > 1 and around(doc, body, bar.el, 3) and (
            main is None or not doc.contains(body, main.container)):
        return "continuation"  # a thread's page n of its readers' floors (its pager under their card: Xiuno's)
    if main is not None and main.mapped and not meta.prose:
        return as_listing()  # a newspaper's page (版): its picture's image map links each of the list's entries
    mass = sum(g.mass for g in mains)
    # the list holds the prose block (a listing with summaries), or the prose block is mostly the list
    # (a list, or a dated entry: not an undated link alone in a sidebar's 公告 box beside a login form)
    holds = main is not None and body is not None and (len(main.links) >= 2 or main.dated + main.day_marked > 0) and (
        doc.contains(main.container, body) or doc.contains(body, main.container)) and (
        main.prose_items >= 2 and not (main.boxed and meta.headline and _apart(doc, main, body))
        or mass * 3 >= meta.text_len and not main.boxed
        # or the prose block is the list itself, every entry dated (a channel's two dated summaries, one comma each)
        or body is main.container and main.dated == len(main.links) >= 2 and not main.boxed
        # every entry a dated summary and the prose one of them (the last page of a category: one entry), or, on a
        # page of a bar, inside it (a category's heading and description over its last page's one post card)
        or main.prose_items == main.dated == len(main.links) and body is not main.container
        and (doc.contains(main.container, body) or bar is not None and doc.contains(body, main.container))
        # or one entry, the list's block itself: a dated headline link over its summary
        or main.dated == len(main.links) == 1 and body is not main.container and doc.contains(main.container, body)
        and _in_heading(main.links[0][0], main.container))
    dated = sum(g.dated for g in mains)
    listing_like = main is not None and (
        n_entries >= 2 and (dated >= 2 or main.day_marked >= 2 or bool(meta.bars) or holds or n_entries >= 6
                            or main.prose_items >= 2)
        or n_entries >= 1 and (dated >= 1 or main.day_marked >= 1 or main.prose_items >= 1
                               or _paged(doc, main, meta.bars)) and bool(meta.bars))
    if main is not None and not main.boxed and _counted(main.container, n_entries):
        return as_listing()  # a list the page counts right above it (本分类只有下列4个页面, 共找到 1 条相关信息)
    info = meta.info
    # an info line (作者/来源/时间 labels, printed once) under a headline that matches the <title>; not when it is
    # an entry's in the list (发布者: admin 2017-6-5 09:30 under each title)
    in_list = main is not None and bool(info.lines) and all(
        line.el is not None and doc.contains(main.container, line.el) for line in info.lines)
    # (a date alone over no prose: a collection's 更新于 2020-01-10 over its dated list, no article's signature)
    signed = not in_list and info.labelled and meta.headline and bool(
        info.author or info.source or info.published and meta.prose)
    # a headlined page beside an undated, unpaged list that does not hold its text (联系我们 under a 热门点击 box)
    # (or beside a sidebar box's dated list, 最新文章, that every page of the site shows, or its summaries, 推荐阅读,
    # the page bar not the box's but the article's; in an HTML5 <aside>, whatever the page shows: a tag cloud)
    # (a bar under a prose text that holds no list, not the list's, is the text's: a split article's pages beside a
    # sidebar's 热榜)
    aside = listing_like and body is not None and (
        not (holds or dated or main.day_marked or any(
            not (meta.prose and around(doc, body, b.el) and not doc.contains(body, main.container))
            or _paged(doc, main, [b]) for b in meta.bars)) and meta.headline
        or main.boxed and not (holds or _paged(doc, main, meta.bars)) and (meta.headline or any(
            e.tag == "aside" for e in main.container.iterancestors())))
    whole = body is not None and body.tag in ("body", "html")  # no block of its own: the page's text is the prose
    # (the headline heads the list, the prose elsewhere: a blog's 随笔分类 - 社会保障 over its posts, a sidebar's 公告)
    headed = main is not None and meta.headline and doc.contains(main.container, meta.title.el) and \
        body is not None and not doc.contains(main.container, body) and not doc.contains(body, main.container)
    if listing_like and not aside and (holds or (not signed and (not meta.prose or mass >= meta.text_len or whole
                                                                 or headed or _no_sentence(doc, body)))):
        return as_listing()
    if n_entries and not meta.headline and _excerpt(doc, body):
        return as_listing()
    if n_entries and any(b.counts_items for b in meta.bars):  # 共 3 页 7 条记录: a list's bar, wherever it is
        return "listing"
    if n_entries and _excerpt(doc, body, _READ_ON.match):
        # a headlined, signed summary that leads on to its article (a blog layout's one entry on its last page)
        return as_listing()
    if n_entries and not meta.prevnext and _headline_leads_away(doc, meta):
        # a headline that links to its post's own page: an archive's (a month's, a tag's) one whole post
        return as_listing()
    if n_entries and current == 1 and body is not None and not doc.contains(body, main.container) and any(
            (b.current or 1) > 1 and around(doc, main.container, b.el, 3) and _nearer(doc, b.el, main.container, body)
            for b in meta.bars):
        # page n of a list, its bar under it, beside a sidebar's prose (a forum's 版块公告)
        return as_listing()
    if _article_like(meta, not (in_list and _entry_lines(meta.info.lines, main))):
        return page_kind
    if bar is not None and current > 1 and meta.text_len >= 10 and around(doc, body, bar.el) and (
            meta.punct >= 1 or meta.prose or floors_only):
        # page n > 1 of an article: page 2.. often has no headline, info line or 上一篇/下一篇, and the
        # last page may be a single short paragraph (or a thread's page of its readers' floors only)
        return "continuation"
    if listing_like and not aside and n_entries >= 4 and (dated or meta.bars or not (meta.prose and (
            meta.headline or _column_apart(doc, meta.crumb_el, body, main.container)))):
        # (not a page of prose, headlined or in the breadcrumb's column, whose only list is undated and unpaged:
        # an about page under a ticker, or beside a sidebar's 本站热门)
        return as_listing()
    if main is not None and not meta.prose and 1 <= len(main.links) == main.dated + main.day_marked and (
            all(_in_heading(a, main.container) or card_heading(a) is not None for a, *_ in main.links)
            or main.container.tag in ("ul", "ol")
            and not main.boxed and all(e.tag != "aside" for e in main.container.iterancestors())
            or main.day_marked == len(main.links) and all(date for *_, date in main.links)):
        # dated headlines and no prose: a tag's page of one post (its linked title or card over its date, or a list's
        # one dated item, not a sidebar box's), or an archive's entries of a month and day under their year's heading
        # (Hugo's <h2>2019</h2> over 03-16 and a title)
        return as_listing()
    return "other"


def _apart(doc: Doc, main, body) -> bool:
    """Whether the list's entries all come after the prose block, or all before it (an article's text over the related
    and recommended boxes of summaries that its container holds too), not around it (a column's posts, one the
    densest)."""
    i = doc.position(body)
    end = i + doc.size[i]
    at = [doc.position(a) for a, *_ in main.links]
    return all(k >= end for k in at) or all(0 <= k < i for k in at)


def _entry_lines(lines, main) -> bool:
    """Whether each info line is a list entry's own: it holds the entry's link (·<a>title</a> [2010-05-28]), or
    prints its title (a search result's line, its element the <form> whose tail it is)."""
    links = {a for a, *_ in main.links}
    titles = [title for _, _, title, _ in main.links if len(title) >= 8]
    return all(len(links) >= 2 and line.el is not None and any(a in links for a in line.el.iter("a"))
               or any(title in line.text for title in titles) for line in lines)


def _headline_leads_away(doc: Doc, meta: Meta) -> bool:
    """Whether the headline, or the heading right over the prose block (in its post's box), is a link to a page of
    the site outside this page's family: an archive's post (its own page's headline links to itself, if anywhere)."""
    # (a heading over prose taken for the headline, too, where nothing matches the <title>: a blog's page 4 of one
    # whole post; not a redirect's stub, <h3>Click here...</h3>)
    heads = [meta.title.el] if meta.title.el is not None and (
        meta.headline or meta.prose and heading_like(meta.title.el)) else []
    # (not a heading before the block that holds the headline itself: a 搜狐号 card's <h4> linking its account)
    if meta.body is not None and not (heads and doc.contains(meta.body, heads[0])) and \
            (over := _heading_over(meta.body)) is not None:
        heads.append(over)
    if meta.body is not None and not meta.headline and (opening := _opening_heading(doc, meta.body)) is not None:
        heads.append(opening)  # (or the heading the block opens with: the one post card of a category's last page)
    here = _page_key(doc.url)
    for el in heads:
        a = el if el.tag == "a" else next((x for x in el.iter("a") if x.get("href")), None)
        if a is None or el_text(a) != el_text(el):
            continue
        href = absolute(doc.base_url, a.get("href"))
        if href and host_dir(href)[0] == host_dir(doc.url)[0] and _page_key(href) != here \
                and (not in_page_family(href, doc.url) or _names_another(href, doc.url)):
            return True
    return False


def _names_another(href: str, url: str) -> bool:
    """Whether two URLs' queries each name what the other does not: one script's two documents, not one's pages
    (F2Blog's ?load=read&id=3 headlined on its home's ?page=4)."""
    a, b = ({key for key, _ in parse_qsl(urlsplit(u).query)} for u in (href, url))
    return bool(a - b) and bool(b - a)


def _opening_heading(doc: Doc, body):
    """The heading a block opens with, after nothing but links and pictures (a post card's <h2> under its linked
    cover), or None."""
    for child in body:
        if not isinstance(child.tag, str):
            continue
        if heading_like(child):
            return child
        if (i := doc.idx.get(child)) is None or doc.T[i] > doc.L[i]:
            return None
    return None


def _heading_over(body):
    """The last heading before the body block among its siblings and its two ancestors' (a post's <h2> over its
    info line and content, or its <div><font size="5"><b> as pages made before CSS print one), or None."""
    node = body
    for _ in range(3):
        for sib in node.itersiblings(preceding=True):
            if not isinstance(sib.tag, str):
                continue
            if sib.tag in HEADING_WEIGHTS:
                return sib
            inner = [e for e in sib.iter(*HEADING_WEIGHTS, "font") if heading_like(e)]
            if inner:
                return inner[-1]
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            break
    return None


def _no_sentence(doc: Doc, body) -> bool:
    """Whether the prose block ends no sentence: lines of labels and values (a sidebar's 联系我们 box: 受理机构：…
    联系电话：…) punctuated like prose."""
    return body is not None and SENTENCE_END.search(doc.text(body)) is None


def _column_apart(doc: Doc, crumb_el, body, container) -> bool:
    """Whether the breadcrumb and the prose block share a column the list is not in (a sidebar's list)."""
    if crumb_el is None or body is None:
        return False
    column = common_ancestor([crumb_el, body])
    return column is not None and column.tag not in ("html", "body") and not doc.contains(column, container)


#: A count of a list's entries (以下是本分类中的5个页面, 本分类只有下列一个页面, 共 12 篇文章, a search's 共找到 1 条相关信息).
_ENTRY_COUNT = re.compile(r"(\d{1,3}|[一二两三四五六七八九十])\s*(?:个|篇|条|项)(?:相关)?(?:页面|条目|文章|记录|信息|新闻|帖子)")
_CJK_NUMBERS = {c: k for k, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _counted(container, n: int) -> bool:
    """Whether the line right before a list, or before the block it opens, counts its n entries (a wiki's category
    page: 本分类只有下列一个页面 over <div><h3>M</h3><ul>…</ul></div>)."""
    up = container.getparent()
    blocks = (container, up) if up is not None and (heading := container.getprevious()) is not None and \
        heading_like(heading) else (container,)  # (a list under its letter's heading)
    # (the three elements before it: a pager's 上一页 may stand between the count and the list)
    text = "".join(text_of(e) for block in blocks for e in islice(
        (e for e in block.itersiblings(preceding=True) if isinstance(e.tag, str)), 3))
    return any((int(number) if number.isdigit() else _CJK_NUMBERS[number]) == n
               for number in _ENTRY_COUNT.findall(text[:200]))


def _frame_shell(doc: Doc, meta: Meta) -> bool:
    """Whether the page is a shell around its article's frame: no prose, info line or 上一篇/下一篇 of its own, one
    text-sized <iframe> after its headline showing a page of the site (QQ空间's entry page: the space's name over the
    blog app's frame, where the headline, the time, the text and 上一篇/下一篇 are)."""
    if meta.prose or meta.prevnext or meta.info.labelled or len(meta.frames) != 1:
        return False
    frame = text_frame(doc, meta)
    return frame is not None and host_dir(frame[1])[0] == host_dir(doc.url)[0]


def classify(doc: Doc, url: str, rules: Mapping | None = None,
             meta: Meta | None = None) -> tuple[str, Article | None, Listing | None]:
    """(kind, article, listing): the article for article/continuation pages (and as a candidate for other
    and listing pages that read like a sparse article), the listing for listing pages (and other pages with
    dated entries). meta: read_meta's reading of doc when the caller already has it."""
    meta = meta or read_meta(doc, url, rules)
    if meta.prevnext and meta.text_len >= 10 and not (meta.text_len <= 60 and (
            _gone(doc, meta) or not meta.headline and info_block(doc, meta.body))):
        # 上一篇/下一篇: an article page whatever else it shows (but a soft 404's few words beside its neighbours'
        # links: Sohu's 此文章已被外星人劫持或被博主隐藏！, or an info line alone under no headline: October CMS's
        # Posted on <today> under an empty one for a post it no longer has; not a shell that frames its text under its
        # headline and info line); no need to read it as a listing
        bar = meta.bar
        kind = "continuation" if bar is not None and (bar.current or 1) > 1 else "article"
        return kind, build_article(doc, url, meta), None
    if _gone(doc, meta) or _GUESTBOOK.fullmatch(meta.title.text or ""):
        return "other", None, None  # (no listing of its sidebar's lists either; a guestbook's dated messages no text)
    crumbs = meta.crumbs
    if meta.crumb_el is not None and crumbs:
        # the breadcrumb's last item that names the page (首页 > 新闻中心 > 社会民生 over <h2>社会民生</h2>, or as a link
        # to the page) is a listing's category, not a headline dropped from an article's breadcrumb
        crumbs = crumb_items(meta.crumb_el, None, url, doc.base_url, current=True)[0]
    listing, mains, groups = extract_listing(doc, url, crumbs, rules)
    kind = decide(doc, meta, listing, mains, groups)
    if kind == "other" and not listing.entries and _frame_shell(doc, meta):
        kind = "article"  # (its fields are all read from the framed document: page.with_framed_text)
    if kind in ("article", "continuation"):
        return kind, build_article(doc, url, meta), None
    # Prose under a headline that matches the <title>, but no 上一篇/下一篇 and no info line: an article of
    # a sparse template, or an "about us" page. The article reading goes along as a candidate; the spider
    # decides by where the page was linked from (a listing's entries, or not).
    candidate = build_article(doc, url, meta) if (meta.prose or _dated_note(doc, meta)) and _headlined(meta) and \
        kind != "listing" else None
    # An "other" page's dated links go along too: the last page of a category (one entry, no page bar) reads as
    # nothing more; the spider takes it for a listing when a listing's page links led to it.
    dated = kind == "listing" or any(entry.date for entry in listing.entries)
    return kind, candidate, listing if dated else None
