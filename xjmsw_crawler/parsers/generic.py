"""The text-density machinery shared by every parser: one lxml parse, one bottom-up statistics pass, one
segmentation walk.

Everything here keys on what any article page has, whatever its template: prose (Chinese punctuation,
long non-link text runs) against boilerplate (links, short label-like texts). Nothing looks at class names
except for the obvious ad markers.

* ``Doc``: the parsed page (lxml tree, base URL, ``<title>``) plus per-element statistics computed in ONE
  reverse document-order pass (children before parents), GeneralNewsExtractor-style but linear:
  ``T`` non-whitespace text chars, ``L`` of them inside links, ``P`` Chinese punctuation outside links,
  ``S`` a prose score (prose text +, link text and short punctuation-free text -), ``size`` subtree size.
* ``Doc.best_block()``: the element with the highest summed prose score (a maximum-subtree search: a
  container that adds navigation, footers or sidebars to the prose scores lower than the prose alone).
* ``segment(el)``: paragraphs of a subtree per the record rules (block tags and ``<br>`` end a paragraph,
  table cells join with one space), each with its link-text share.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import partial
from itertools import accumulate
from urllib.parse import urljoin

from lxml import etree

from .normalize import WEEKDAY, YEAR_LAST_DATE, clean_text

# Chinese (and the ASCII ones that old CMSs type instead) punctuation that marks running prose.
_PUNCT = re.compile(r"[，。、；：？！“”‘’《》…,;!?]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)

#: Tags that end a paragraph (start and end).
BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table tbody thead tfoot blockquote pre section article "
    "header footer center form hr title address figure figcaption caption nav aside main fieldset legend "
    "option body html menu dir noscript details summary".split()
)
CELL_TAGS = frozenset(("td", "th"))
#: Elements that only style the text they hold (<td><font><b>作者</b></font></td>: a bare label still).
STYLING_TAGS = frozenset(("font", "b", "strong", "span", "em", "i", "u"))
#: Removed from the whole tree right after parsing: never text, never body.
DROP_TAGS = ("script", "style", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet",
             "select", "textarea", "button", "input", "template", "svg", "link", "meta", "base",
             "rt", "rp")  # a <ruby>'s annotation (喀什<rt>kāshí</rt>) is not its text

#: A plain etree HTML parser: lxml.html's would call a Python class lookup for every element proxy. It is given
#: the text as UTF-8 (libxml2 reads that natively: ~10% faster than from a str's UCS-2/4 buffer) and keeps no id
#: table (nothing here looks elements up by id).
_HTML_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                                huge_tree=True, default_doctype=False, collect_ids=False, encoding="utf-8")


def parse_html(text: str):
    """The lxml root (<html>) of text, or None when there is no document. Never raises."""
    text = _XML_DECL.sub("", text, count=1)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text or text.isspace():
        return None
    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), parser=_HTML_PARSER)
    except Exception:  # noqa: BLE001 - anything lxml throws on garbage means "no document"
        return None
    if root is None or not isinstance(root.tag, str):
        return None
    return root


#: All the text under an element, its own tail left out (what joining its itertext() gives), as libxml2's text
#: serialiser writes it: no Python step per text node (~6x faster, ~1 us for a small element).
text_of = partial(etree.tostring, method="text", encoding="unicode", with_tail=False)


def nonspace_len(s: str | None) -> int:
    """Visible characters: whitespace (incl. U+3000, U+00A0) not counted."""
    return len("".join(s.split())) if s else 0


def punct_count(s: str) -> int:
    return len(_PUNCT.findall(s))


#: What a page's footer prints (copyright, licence numbers, publisher): text that is never article prose. Literal
#: strings, found with str.find (a regular expression alternation crawls through CJK text: ~200 us a page); the
#: body cleaning's cues.FOOTER is the pattern for one short text.
_COPYRIGHT_MARKS = ("opyright", "OPYRIGHT", "版权所有", "版權所有", "ICP", "公网安备", "公網安備", "ights Reserved",
                    "ights reserved")  # a copyright or licence line: its element is the footer's block
_FOOTER_MARKS = (*_COPYRIGHT_MARKS, "主办单位", "主辦單位", "承办单位", "承辦單位", "技术支持", "技術支持", "Powered by")

#: A contact box's line, 地址：… 电话：… 传真：… (a sidebar's 联系我们, a footer's): a label and its value, punctuated like
#: prose by the colon alone. Found by its label (_CONTACT_MARKS), at the start of a short text node.
_CONTACT_MARKS = ("地址", "电话", "传真", "邮箱", "邮编", "联系人")
_CONTACT_LINE = re.compile(r"\s*(?:联系人|(?:联系|办公|咨询|投稿|通讯)?(?:地址|电话|传真|邮箱|邮编))\s*[:：]")
_SENTENCE_PUNCT = frozenset("，。；！？")
#: Full stops a page prints for its contact lines to lose their prose score.
CONTACT_PAGE_SENTENCES = 3


def _notice(line: str) -> bool:
    """A copyright notice, a sentence or not (© 2005-2014 民生商城 版权所有，并保留所有权利。): a footer's line."""
    return "©" in line or "opyright" in line or "OPYRIGHT" in line


#: A site's disclaimer under every article, a sentence (声明：本文由入驻民生号的作者撰写，…观点仅代表作者本人，不代表新疆民生网
#: 立场。; 本网转载稿件版权归原作者所有，如有侵权请联系本网删除。): found by its words, read by DISCLAIMER.
_DISCLAIMER_MARKS = ("不代表", "仅代表", "侵权", "立场无关")
DISCLAIMER = re.compile(r"(?:仅代表|不代表).{0,16}(?:观点|立场)|观点.{0,4}仅代表|如有侵权.{0,12}(?:删除|联系)"
                        r"|与本(?:站|网)立场无关")


#: A label that counts the comments under it (3 条评论, 共2条留言), the count in its group.
_COMMENT_COUNT = re.compile(r"(?:.{0,40}(?:有|共)\s*)?(\d+)\s*条(?:评论|留言|回复)")
#: A label that heads readers' comments: 网友评论, 《…》网友评论, 发表评论, 评论(12), 已有3条评论, 《…》有2条评论, 3 条评论:
#: (Blogger's), a blog sidebar's 最近回复, a prompt to log in for them (登录后才能发表评论) (a bare 评论 may be a commentary
#: column's name; a bare 回复 is a 问政 page's reply).
_COMMENT_LABEL = re.compile(
    r"(?:《[^》]{1,60}》)?[\[【(（]?(?:网友|读者|用户|最新|最近|热门|精彩|全部|我要|发表|添加|查看|提交|已有\s*\d+\s*条)"
    r"(?:评论|留言|点评|回复|跟贴|跟帖)(?:列表|区)?\s*(?:[(（]\s*\d+\s*[)）])?[\]】)）:：]?$"
    r"|" + _COMMENT_COUNT.pattern + r"[:：]?$|(?:请\s*)?登录后(?:才能|即可|方可|再)?(?:发表)?(?:评论|留言)")
#: A bare label with the comments' (or trackbacks') count (Movable Type's 评论 (2), 引用 (1); Solo's 2 评论).
_COUNTED_COMMENTS = re.compile(r"(?:评论|留言|引用)\s*[(（]\s*\d+\s*[)）]|\d+\s*(?:评论|留言)")
#: A blog's trackbacks (other blogs' dated excerpts that link the post) under their heading: comments of a kind.
_TRACKBACK_LABELS = ("引用", "引用通告")
#: The words every such label holds.
_COMMENT_WORDS = ("评论", "留言", "回复", "跟贴", "跟帖", "引用", "回应", "网友：")

#: A comment's time stamp (2017-06-05 14:10, 2017年6月3日 上午9:00, 2004年5月12日 星期三 @ 12:30:14, phpBB's 2011年 9月 28日
#: 星期三, 10:05).
COMMENT_STAMP = re.compile(r"(?:(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]|\s*年\s*\d{1,2}\s*月\s*)\d{1,2}日?(?:\s*" + WEEKDAY
                           + r")?|" + YEAR_LAST_DATE + r")\s*[-@,，]?\s*(?:[上下]午)?\s*\d{1,2}:\d{2}")
#: A comment's own head, its poster and time before the words (L-Blog's 热力公司职工 于 2005-11-24 08:18 PM 发表评论：).
_STAMPED_COMMENT_HEAD = re.compile(r"于\s*(?:" + COMMENT_STAMP.pattern + r")(?:\s*[AaPp][Mm])?\s*发表(?:评论|留言)\s*[:：]?$")

#: A numbered floor's time: a comment's stamp, or a day alone or a relative time (Xiuno's 2019-10-22, 3天前).
_FLOOR_STAMP = re.compile(COMMENT_STAMP.pattern + r"|(?<!\d)(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
                          r"|\d{1,2}\s*(?:秒|分钟|小时|天|周|个月|月|年)前|刚刚|昨天|前天")
#: A forum reply's head: its floor's time under a reply's own label (天涯's [2楼] 作者：… 回复日期：2008-3-18 11:02:33).
REPLY_HEAD = re.compile(r"(?:(?:回复|回帖|跟帖|跟贴)(?:日期|时间)|(?<=\s)发表于)\s*[:：]\s*(?:19|20)\d{2}[-/.年]\d{1,2}")
#: Who posted a reply, before its time in its head: its floor (2楼) or its poster (作者：…), not an office's answer to a
#: letter (问政's 回复单位：… 回复时间：…, the article's own).
_REPLIER = re.compile(r"\d\s*楼|作\s*者|网友|楼主")
#: A thread's floor by its number alone in an element (2楼, [2楼], DVBBS's 第4楼, Discuz's 沙发/板凳/地板 and 5#, Xiuno's
#: #2), and the words it holds.
_FLOOR_MARK = re.compile(r"[\[【(（]?\s*(?:第?\s*\d{1,4}\s*楼|\d{1,4}\s*#|#\s*\d{1,4}|沙发|板凳|地板)\s*[\]】)）]?")
_FLOOR_WORDS = ("楼", "沙发", "板凳", "地板", "#")
#: The thread's first floor by its number (1楼, #1, [1楼]).
_FIRST_FLOOR = re.compile(r"[\[【(（]?\s*(?:第?\s*1\s*楼|1\s*#|#\s*1)\s*[\]】)）]?")
#: The mark a forum prints on the thread starter's own posts (楼主): a reply of theirs goes on with the article.
_STARTER_MARK = "楼主"
#: A reply's subject in a forum that gives every post one: the thread's, after 回复: or Re: (phpBB's, MyBB's RE:).
REPLY_SUBJECT = re.compile(r"(?:回复|Re|RE|re)\s*[:：]\s*(\S.{0,98})$")
_REPLY_WORDS = ("回复:", "回复：", "Re:", "RE:", "re:", "Re：", "RE：")


def _leads_nowhere(a) -> bool:
    """Whether a link leads to no other page: no href, a script's or a fragment's, or one its click script cancels
    (Discuz! X's floor number: <a href="…goto=findpost…" onclick="setCopy(this.href, …);return false;">)."""
    href = (a.get("href") or "").strip().lower()
    return not href or href.startswith(("javascript:", "#")) or "return false" in (a.get("onclick") or "")


def _dead_link(el) -> bool:
    """Whether el is (in) a link that leads nowhere (a floor's number that copies the floor's address) or to the
    floor's own place in a page (MyBB's <a href="showthread.php?tid=178&pid=4808#pid4808">#1</a>)."""
    a = el if el.tag == "a" else next(el.iterancestors("a"), None)
    return a is not None and (_leads_nowhere(a) or "#" in (a.get("href") or ""))


def poster_of(block) -> str | None:
    """Who posted a floor: the target of its first link to a member's profile, else of its first link that leads
    somewhere (the poster's name or avatar; phpBB's floors open with their own 引用回复 and permalink links)."""
    hrefs = [a.get("href").strip() for a in block.iter("a") if not _leads_nowhere(a)]
    return next((href for href in hrefs if _PROFILE_LINK.search(href)), hrefs[0] if hrefs else None)


#: A link to a forum member's profile (phpBB's memberlist.php?mode=viewprofile&u=54, DVBBS's dispuser.asp?id=2, Discuz's
#: space.php?uid=170).
_PROFILE_LINK = re.compile(r"profile|space|user\.\w+\?|[?&]u(?:id)?=\d", re.I)


def _starter(block) -> bool:
    """Whether a floor is the thread starter's: an element of its own says 楼主 (its text, or its tooltip: an icon),
    or an icon with the word after it (Discuz! X's <img src="ico_lz.png">&nbsp;楼主)."""
    return any((e.text or "").strip() == _STARTER_MARK or e.get("title") == _STARTER_MARK
               or e.tag == "img" and (e.tail or "").strip() == _STARTER_MARK for e in block.iter())

#: Prose score lost per visible character of link text (navigation, related lists, ads).
LINK_PENALTY = 0.7


def _chunk_score(n: int, p: int) -> float:
    """Prose score of one non-link text run of n visible chars with p punctuation marks."""
    if p >= 2 or (p == 1 and n >= 10) or n >= 100:
        return n + 4.0 * p
    if n <= 3:
        return -1.0
    return -0.4 * n


def prepare(root, url: str) -> tuple[str, str, str]:
    """Strip what is never text (DROP_TAGS) from a freshly parsed page; (base URL, <title> text, the page's
    <meta name="description">: a CMS prints it above the body too, as a summary box)."""
    base_url = url
    # iter() walks the tree in C; find()'s ElementPath is Python (~6 us a page)
    base = next((el for el in root.iter("base") if el.get("href") is not None), None)
    # (the <head>'s children: an element's Python proxy costs more than the C walk that finds it)
    head = root[0] if len(root) and root[0].tag == "head" else ()
    description = next((el.get("content") or "" for el in head if el.tag == "meta"
                        and el.get("name") in ("description", "Description", "DESCRIPTION")), "")
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    if base is not None:  # absolute, or relative to the page (<base href="/msjj/">), as browsers take it
        href = (base.get("href") or "").strip().replace("\\", "/")
        if href.startswith(("http://", "https://")):
            base_url = href
        elif href and not href.startswith(("#", "javascript:")):
            try:
                joined = urljoin(url, href)
            except ValueError:
                joined = ""
            base_url = joined if joined.startswith(("http://", "https://")) else url
    title_el = next(root.iter("title"), None)
    title_text = clean_text(text_of(title_el)) if title_el is not None else ""
    if not title_text:
        # The CleanEval corpus (and some archives) wrap pages in <text title="...">.
        wrapper = root.find(".//text[@title]")
        if wrapper is not None:
            title_text = clean_text(wrapper.get("title"))
    return base_url, title_text, clean_text(description)


class Doc:
    """A parsed page and its per-element statistics (see the module docstring)."""

    __slots__ = ("root", "url", "base_url", "title_text", "description", "els", "idx", "parent", "T", "L", "P", "S",
                 "size", "_best", "texts", "tails", "_joined", "cache", "in_link", "comments", "starters",
                 "floors")

    def __init__(self, root, url: str, page: tuple[str, str] | None = None):
        """page: (base_url, title_text, description) from prepare() when it already ran on the page; root may then
        be any element of it, and the statistics cover that subtree only (template.py reads fields that way)."""
        self.root = root
        self.url = url
        self.base_url, self.title_text, self.description = page or prepare(root, url)
        self._compute()
        self._best = None
        self.cache: dict = {}  # per-page memo for readers that more than one caller needs

    # -- statistics -------------------------------------------------------------------------------------
    def _compute(self) -> None:
        """Document order, parents, link ancestry and the bottom-up sums, in list comprehensions and one
        reverse loop (a Python step per element is what a page costs here)."""
        root = self.root
        els = list(root.iter())  # document order: a subtree is the range [i, i + size[i])
        n = len(els)
        idx = {e: i for i, e in enumerate(els)}
        get = idx.get
        parent = [-1, *[get(e.getparent(), -1) for e in els[1:]]]
        in_link = [False] * n
        for a in root.iter("a"):
            in_link[idx[a]] = True
            if len(a):
                for d in a.iterdescendants():
                    in_link[idx[d]] = True
        # code (<pre>, <code>: a data post's script) is neither prose nor navigation: its short unpunctuated runs cost
        # nothing, where they made a code-heavy post lose to a box of other posts' summaries
        in_code = set()
        for code in root.iter("pre", "code"):
            if code not in in_code:
                in_code.update(code.iter())
        texts = [e.text for e in els]
        tails = [None, *[e.tail for e in els[1:]]]  # the root's tail is outside its subtree
        T = [0] * n
        L = [0] * n
        P = [0] * n
        S = [0.0] * n
        pfind = _PUNCT.findall
        lp = LINK_PENALTY
        chunk = _chunk_score
        for i, text in enumerate(texts):
            if text and not text.isspace():
                t = len("".join(text.split()))
                T[i] = t
                if in_link[i]:
                    L[i] = t
                    S[i] = -lp * t
                else:
                    p = len(pfind(text))
                    P[i] = p
                    S[i] = chunk(t, p)
                    if S[i] < 0 and in_code and els[i] in in_code:
                        S[i] = 0.0
            elif els[i].tag == "img":
                S[i] = 1.0
        for k, tail in enumerate(tails):
            if tail is None:
                continue
            if not tail or tail.isspace():
                tails[k] = None
                continue
            j = parent[k]
            c = len("".join(tail.split()))
            T[j] += c
            if in_link[j]:
                L[j] += c
                S[j] -= lp * c
            else:
                pc = len(pfind(tail))
                P[j] += pc
                if (score := chunk(c, pc)) >= 0 or not in_code or els[j] not in in_code:
                    S[j] += score
        self.texts, self.tails = texts, tails  # e.text and (non-blank) e.tail by document index
        self._joined = None
        # a part of the page (template.py's statistics of one part): its words, for a look before any offsets
        part_text = None if root.getparent() is None else "".join(filter(None, texts)) + "".join(filter(None, tails))
        if part_text is None:  # the whole page (a part leaves the footer out)
            self._unscore_footer(els, idx, parent, in_link, S, P)
        elif any(map(part_text.__contains__, _DISCLAIMER_MARKS)):
            self._unscore_footer(els, idx, parent, in_link, S, P, disclaimers_only=True)  # (printed beside the text)
        self.comments = self._unscore_comments(els, idx, in_link, T, S, P, part_text)
        size = [1] * n
        for i in range(n - 1, 0, -1):
            j = parent[i]
            size[j] += size[i]
            T[j] += T[i]
            if L[i]:
                L[j] += L[i]
            P[j] += P[i]
            S[j] += S[i]
        self.els, self.parent, self.in_link = els, parent, in_link  # in_link[i]: element i is (inside) an <a>
        self.idx = idx
        self.T, self.L, self.P, self.S, self.size = T, L, P, S, size

    def _unscore_footer(self, els, idx, parent, in_link, S, P, disclaimers_only: bool = False) -> None:
        """A footer's lines (版权所有, ICP备, 主办单位：…) are punctuated like prose; scored as prose they made a
        short article lose to the whole page around it. They score as link text does, and their punctuation is
        not counted. Only short lines without a full stop (a © notice may end in one); with a copyright or licence
        line, the other lines of its element too (地址：… 电话：… after a <br>), when they are short and without a full
        stop. A contact box's lines anywhere (a sidebar's 联系我们: 地址：… 电话：…) likewise: they made a two-column
        table of the box and the article outscore the article's own cell. A site's disclaimer (…观点仅代表作者本人，不代表
        本站立场。) likewise, a sentence or not; disclaimers_only: nothing else (a part of the page, around its text)."""
        texts, tails = self.texts, self.tails
        done = set()

        def unscore(node, text, j):
            if node not in done:
                done.add(node)
                c, pc = len("".join(text.split())), len(_PUNCT.findall(text))
                S[j] -= _chunk_score(c, pc) + LINK_PENALTY * c
                P[j] -= pc

        for i, is_tail in self._node_hits(_DISCLAIMER_MARKS):
            line, j = (tails[i], parent[i]) if is_tail else (texts[i], i)
            if j >= 0 and not in_link[j] and len(line) <= 150 and DISCLAIMER.search(line):
                unscore((i, is_tail), line, j)
        if disclaimers_only:
            return
        for i, is_tail in self._node_hits(_FOOTER_MARKS):
            line, j = (tails[i], parent[i]) if is_tail else (texts[i], i)
            if j < 0 or in_link[j] or len(line) > 150 or "。" in line and not _notice(line) or (i, is_tail) in done:
                continue
            lines = [((i, is_tail), line)]
            if any(mark in line for mark in _COPYRIGHT_MARKS):
                # the element's own lines: its text and its children's tails
                block = [(node, text) for node, text in (((j, False), texts[j]),
                                                         *(((k, True), tails[k]) for k in map(idx.get, els[j])))
                         if text and not text.isspace()]
                if sum(len(text) for _, text in block) <= 300 and \
                        not any("。" in text and not _notice(text) for _, text in block):
                    lines = block
            for node, text in lines:
                unscore(node, text, j)
        # (only on a page of sentences: on a 联系我们 page of nothing but such lines, they are its text)
        sentences = self._join()[0].count("。") >= CONTACT_PAGE_SENTENCES
        for i, is_tail in self._node_hits(_CONTACT_MARKS) if sentences else ():
            line, j = (tails[i], parent[i]) if is_tail else (texts[i], i)
            if j >= 0 and not in_link[j] and len(line) <= 60 and _CONTACT_LINE.match(line) and \
                    _SENTENCE_PUNCT.isdisjoint(line):
                unscore((i, is_tail), line, j)

    def _unscore_comments(self, els, idx, in_link, T, S, P, part_text: str | None) -> list:
        """Readers' comments (网友评论, 发表评论, 《…》有2条评论: a labelled section after the article) are
        punctuated prose; scored as prose they outweighed a short article. Each section (the largest block that
        starts with the label) scores as link text does, without punctuation; the sections are returned (not
        body wherever they are). part_text: a part of the page's words (None for the whole page)."""
        texts = self.texts
        self.starters = []  # a thread's numbered floors of its starter (楼主)
        self.floors = []  # and of its readers
        if part_text is not None and not any(map(part_text.__contains__, _COMMENT_WORDS)):
            return []
        # a forum thread's replies: the floors a number marks (2楼), else the blocks a reply's head opens (回复日期：…);
        # not the thread starter's (楼主) own
        sections = self._floors(els, in_link, idx, T, S, P)
        hits = self._node_hits(_COMMENT_WORDS)
        replies = {} if sections else self._replies([els[i].getparent() if is_tail else els[i] for i, is_tail in hits
                                                     if REPLY_HEAD.search(self.tails[i] if is_tail else texts[i])],
                                                    floors=False)
        for i, is_tail in hits:
            within = False  # the comments inside the section their heading opens (not after it)
            if (section := replies.get(els[i].getparent() if is_tail else els[i])) is not None:
                # a forum thread's reply, the block its head opens; not the thread starter's (楼主) own
                head = clean_text(text_of(section))[:80]
                stamp = REPLY_HEAD.search(head)
                if stamp is None or _starter(section) or not _REPLIER.search(head, 0, stamp.start()):
                    continue
                following = bare = False
            elif len(line := clean_text(self.tails[i] if is_tail else texts[i])) <= 80 and \
                    _STAMPED_COMMENT_HEAD.search(line):
                # the first comment's own head: the comments are the block it opens and those after it
                section = self._section(els[i].getparent() if is_tail else els[i])
                stamps, following, bare = 0, True, False
            elif is_tail and not _anchored_heading(els[i], self.tails[i]):
                # a label that ends the comments' head line ("headline" | 登录/创建一个帐户 | 3 条评论: PHP-Nuke's), the
                # comments in the blocks after that line's
                el = els[i].getparent()
                label = line.lstrip("|｜").strip()
                if el is None or in_link[idx[el]] or not _COMMENT_LABEL.match(label):
                    continue
                section, stamps, following, bare = self._section(el), 2, True, False
                # (or the comments in the box that line opens: 广西新闻网's <div class="plbox"><div>已有 3 位网友发表评论 …
                # 网友评论</div><div class="pllist">…)
                within, name = section is not el, label.rstrip(":：· ")
            else:
                if anchored := is_tail:  # (a heading's words after its empty anchor: <div><a name="comments"></a>评论
                    i, is_tail = idx[els[i].getparent()], False  # </div>)
                    label = clean_text(text_of(els[i]))
                elif len(texts[i]) > 60 or in_link[i] and not _in_page_anchor(els[i]):
                    continue
                else:
                    label = clean_text(texts[i])
                # a commentary column's name, or comments: see the stamps (one will do under a count: 评论 (1))
                name = label.rstrip(":：· ")  # (Douban's 回应 · · · · · ·)
                stamps = 1 if name in _TRACKBACK_LABELS or _COUNTED_COMMENTS.fullmatch(label) else 2
                bare = stamps == 1 or name in ("评论", "留言", "回应")
                if not bare and not _COMMENT_LABEL.match(label):
                    continue
                el = els[i]
                while (in_link[i] or el.tag in STYLING_TAGS) and (up := el.getparent()) is not None and len(
                        up) == 1 and clean_text(text_of(up)) == label:
                    el = up  # (the heading around its anchor or its style: <h2><a name="comments">读者评论</a></h2>,
                    # <div><font size="5"><b>1 条评论</b></font></div>)
                if (up := el.getparent()) is not None and len(up) == 2 and (counted := clean_text(text_of(up))) \
                        .startswith(label) and _COUNTED_COMMENTS.fullmatch(counted):
                    el, label, stamps, bare = up, counted, 1, True  # (its count in an element of its own beside it:
                    # 开心网's <div><b>评论</b> <span>(1)</span></div>)
                section = self._section(el)
                # a heading by itself: the comments are what follows it (<h2>网友评论</h2><div>网友A 发表于
                # 2017-06-05 14:10 …</div>…) when that shows their time stamps; else an article's subheading
                # (or a count's heading in a block of nothing else: Solo's <header><h2>2 评论</h2></header>)
                following = (section is el or bare and clean_text(text_of(section)) == label) and (
                    not len(el) or el is not els[i] or anchored)
            parts = [section, *section.itersiblings()] if following else [section]
            if self.starters and any(section is s or s in section.iterdescendants() for s in self.starters):
                continue  # (a thread's 最新回复 card that holds its starter's floors too: the floors tell them apart)
            if following or bare:  # (the stamps of what follows the heading, or of a bare label's section)
                shown = parts[1:] if following and not within else parts
                found = len(COMMENT_STAMP.findall(text := "".join(map(text_of, shown))))
                if found < stamps and (is_tail and not within
                                       or not _unstamped_section(name, bare, shown, text, found)):
                    continue
            for part in parts:
                self._unscore(part, idx, T, S, P)
                sections.append(part)
        return sections

    @staticmethod
    def _unscore(part, idx, T, S, P) -> None:
        """part's elements score as link text does (comments: no prose of the page's)."""
        j = idx[part]
        for k in range(j, j + sum(1 for _ in part.iter())):
            S[k] = -LINK_PENALTY * T[k]
            P[k] = 0

    def _replies(self, heads: list, floors: bool) -> dict:
        """{head: its reply}: the largest block around each forum reply's head that holds no other reply's head (the
        first reply opens the thread's block of posts on a page 2 without the starter's); a head opens its block,
        unless it is a floor's number (floors), which a post may print under its text (贴吧's 2楼 2011-03-09 10:55)."""
        if not heads:
            return {}
        shared = Counter(up for head in set(heads) for up in head.iterancestors())
        out = {}
        for head in heads:
            el = head
            while (up := el.getparent()) is not None and up is not self.root and up.tag not in ("body", "html") \
                    and shared[up] < 2 and (floors or not _text_before(up, el)):
                el = up
            out[head] = el
        return out

    def _floors(self, els, in_link, idx, T, S, P) -> list:
        """The readers' floors of a thread page whose floors a number marks (2楼, [3楼], 沙发) and a time stamp dates,
        unscored; not the starter's own (楼主). None on a page of fewer than two such floors (an empty list)."""
        joined = self._join()[0]
        if "楼" not in joined and "沙发" not in joined and "#" not in joined:
            return self._subject_floors(els, idx, T, S, P)
        marks, firsts = [], []  # (the floors' numbers; a first floor's 楼主 in a number's place: Discuz's)
        for i, is_tail in self._node_hits(_FLOOR_WORDS):
            el, text = (els[i].getparent(), self.tails[i]) if is_tail else (els[i], self.texts[i])
            if text.strip() == "#" and len(el) and len(own := text_of(el).strip()) <= 12:
                text = own  # (vBulletin's #<a href="showpost.php?p=5196&postcount=2"><strong>2</strong></a>)
            elif text.strip() == "#" and (up := el.getparent()) is not None:
                el, text = up, text_of(up)  # (Discuz's <em>5</em><sup>#</sup>)
            if len(text := text.strip()) > 12 or in_link[i] and not _dead_link(el):
                continue
            if _FLOOR_MARK.fullmatch(text):
                marks.append(el)
            elif text == _STARTER_MARK and (in_link[i] or COMMENT_STAMP.search(text_of(el.getparent()))):
                firsts.append(el)  # (in a number's place: a link to the floor, or after the floor's time; no badge)
        if len(marks) + len(firsts) < 2:
            return self._lone_floor(marks, firsts, idx, T, S, P) or self._subject_floors(els, idx, T, S, P)
        replies = self._replies(marks, floors=True)
        blocks = list(replies.values())
        numbers = {block: text_of(mark).strip() for mark, block in replies.items()}  # (each floor's number as printed)
        numbered = {up for mark in marks for up in mark.iterancestors()}
        for el in firsts:  # the largest block around it without a number (none inside a numbered floor)
            while (up := el.getparent()) is not None and up not in numbered and up is not self.root and \
                    up.tag not in ("body", "html"):
                el = up
            if not set(blocks).intersection(el.iterancestors()):
                blocks.append(el)
        floors = [block for block in sorted(set(blocks), key=idx.__getitem__) if _FLOOR_STAMP.search(
            text_of(block)) or any(COMMENT_STAMP.search(tip) for tip in block.xpath(".//@title"))]
        if len(floors) < 2:
            return self._subject_floors(els, idx, T, S, P)
        marked = [block for block in floors if _starter(block)]
        if not marked and _FIRST_FLOOR.fullmatch(numbers.get(floors[0], "")) and sum(P[:(i := idx[floors[0]])]) < sum(
                P[i:i + sum(1 for _ in floors[0].iter())]):
            # (no 楼主 mark: the thread's first floor, #1, is the starter's, when it holds more of the page's sentences
            # than all before it: vBulletin's; not a blog's first comment under the post)
            marked = floors[:1]
        # (and the floors posted under the starter's name, where only the first floor says 楼主: PHPWind's)
        poster = poster_of(marked[0]) if marked else None
        if poster is not None and len({poster_of(block) for block in floors}) >= 3:
            marked = [block for block in floors if block in marked or poster_of(block) == poster]
        readers = self.floors = [block for block in floors if block not in marked]
        self.starters = marked
        for block in readers:
            self._unscore(block, idx, T, S, P)
        return list(readers)  # (the comments' list: other sections join it)

    def _subject_floors(self, els, idx, T, S, P) -> list:
        """The readers' floors of a thread page whose posts print a subject each (phpBB's, vBulletin's, MyBB's): a
        reply's is the thread's own after 回复:/Re:, the first post's the thread's own alone, a reply may have one
        of its own; each floor the largest block around its subject that holds no other, dated. The first post
        and the floors its poster posted are the starter's. None ([]) unless two replies print the same subject
        (or, on a page n of one post, the <title> names its reply's)."""
        marks = {}  # {the element a reply's subject fills: the subject}
        for i, is_tail in self._node_hits(_REPLY_WORDS):
            if is_tail or not (found := REPLY_SUBJECT.match(text := self.texts[i].strip())):
                continue
            el = els[i]
            while (up := el.getparent()) is not None and up.tag not in ("body", "html") and text_of(up).strip() == text:
                el = up
            marks[el] = found[1]
        if len(marks) == 1 and next(iter(marks.values())) in self.title_text:
            return self._lone_subject(next(iter(marks)), idx, T, S, P)
        if not marks or len(set(marks.values())) == len(marks):
            return []
        heads = list(marks)
        blocks = self._replies(heads, floors=True)
        first = blocks[heads[0]]
        if (container := first.getparent()) is None or first is heads[0]:
            return []  # (or a block no larger than its subject: a list of replies' subject links, no posts)
        steps, el = [], heads[0]  # (the path down from a floor's block to its subject)
        while el is not first:
            steps.append(el.tag)
            el = el.getparent()
        steps.reverse()
        own = set(blocks.values())
        for block in container:  # (the floors beside them whose subject is no reply's: the first post's, an update's)
            if isinstance(block.tag, str) and block not in own and (head := _first_down(block, steps)) is not None \
                    and 0 < len(text_of(head).strip()) <= 100:
                marks[head] = None
        heads = sorted(marks, key=idx.__getitem__)
        floors = [block for block in map(self._replies(heads, floors=True).get, heads) if _FLOOR_STAMP.search(
            text_of(block))]
        if len(floors) < 2:
            return []
        opener = floors[0] if marks[heads[0]] is None and text_of(heads[0]).strip() in marks.values() else None
        poster = poster_of(opener) if opener is not None else None
        self.starters = [block for block in floors if block is opener or poster and poster_of(block) == poster]
        readers = self.floors = [block for block in floors if block not in self.starters]
        for block in readers:
            self._unscore(block, idx, T, S, P)
        return list(readers)

    def _lone_subject(self, head, idx, T, S, P) -> list:
        """[the one reader's floor] of a thread's page n that shows only that floor, its subject the thread's (the
        <title>'s) after 回复:: the largest block around it that shows one time stamp and no page number's link."""
        return self._only_floor(head, idx, T, S, P)

    def _lone_floor(self, marks, firsts, idx, T, S, P) -> list:
        """[the one reader's floor] of a thread's page n that shows only that floor: its number (not 1楼) copies the
        floor's address (Discuz's <a href="javascript:;"><em>9</em><sup>#</sup></a>); the floor the largest block
        around it that shows one time stamp and no page number's link (the thread's page bar). [] otherwise."""
        if firsts or len(marks) != 1 or not (_dead_link(mark := marks[0]) or text_of(mark).strip()[:1] == "#") or \
                text_of(mark).strip(" []【】()（）楼#") == "1":  # (or vBulletin's #<a href="showpost.php?…">16</a>)
            return []
        return self._only_floor(mark, idx, T, S, P)

    def _only_floor(self, start, idx, T, S, P) -> list:
        """[the one reader's floor around start]: the largest block around it that shows one time stamp (at most, and
        at least one) and no page number's link (the floor's own number's link, vBulletin's #<a>16</a>, is none), not
        the starter's (楼主); unscored. [] when there is none."""
        el, own = start, set(start.iter("a"))
        while (up := el.getparent()) is not None and up is not self.root and up.tag not in ("body", "html") and \
                len(COMMENT_STAMP.findall(text_of(up))) <= 1 and not any(
                    text_of(a).strip().isdigit() for a in up.iter("a") if a not in own):
            el = up
        if el is start or not COMMENT_STAMP.search(text_of(el)) or _starter(el):
            return []
        self.floors = [el]
        self._unscore(el, idx, T, S, P)
        return [el]

    def _section(self, el):
        """The largest block that starts with el (no text before it in any ancestor up to <body>)."""
        while (up := el.getparent()) is not None and up is not self.root and up.tag not in ("body", "html") \
                and not _text_before(up, el):
            el = up
        return el

    def stat(self, el) -> tuple[int, int, int, float]:
        i = self.idx.get(el)
        if i is None:
            return 0, 0, 0, 0.0
        return self.T[i], self.L[i], self.P[i], self.S[i]

    def best_block(self, within=None):
        """The element with the highest prose score (optionally inside `within`), or None."""
        if within is None and self._best is not None:
            return self._best
        S = self.S
        if within is not None:
            i0 = self.idx.get(within)
            if i0 is None:
                return None
            rng = range(i0, i0 + self.size[i0])
        else:
            # neither <html> nor <head> is a block, and their scores count the <title>: a short article's block
            # must not lose to them
            els = self.els
            start = 1 if els[0].tag == "html" else 0
            if start < len(els) and els[start].tag == "head":
                start += self.size[start]
            rng = range(start, len(els))
        best, best_score = None, 0.0
        for i in rng:
            if S[i] > best_score:
                best, best_score = i, S[i]
        el = self.els[best] if best is not None else None
        if within is None:
            self._best = el
        return el

    def position(self, el) -> int:
        return self.idx.get(el, -1)

    def contains(self, outer, inner) -> bool:
        i, j = self.idx.get(outer), self.idx.get(inner)
        if i is None or j is None:
            return False
        return i <= j < i + self.size[i]

    def text(self, el) -> str:
        return clean_text(text_of(el))

    def _join(self) -> tuple[str, list[int]]:
        """Every text node in one string, node i being texts[i] NUL tails[i] NUL from offsets[i] on."""
        if self._joined is None:
            pieces = [piece or "" for pair in zip(self.texts, self.tails) for piece in pair]
            lengths = list(map(len, pieces))
            offsets = [0, *accumulate([a + b + 2 for a, b in zip(lengths[::2], lengths[1::2])])]
            self._joined = ("\x00".join(pieces) + "\x00", offsets[:-1])
        return self._joined

    def joined_text(self) -> str:
        """The page's text nodes joined by NULs (for a pattern that cannot match across nodes)."""
        return self._join()[0]

    def text_nodes(self, needles: tuple[str, ...]):
        """(element, is_tail, text) of every text node containing one of needles, in index order (a tail
        comes right after its element's start here, which is all the callers need). The scan is str.find
        over one joined string, not a Python loop over the nodes."""
        for i, is_tail in self._node_hits(needles):
            yield self.els[i], is_tail, (self.tails[i] if is_tail else self.texts[i])

    def _node_hits(self, needles: tuple[str, ...]) -> list[tuple[int, bool]]:
        """(index, is_tail) of every text node containing one of needles, in index order: str.find over the
        joined text, each hit's node found by bisection."""
        joined, offsets = self._join()
        texts = self.texts
        hits = set()
        find = joined.find
        for n in needles:
            k = find(n)
            while k >= 0:
                i = bisect_right(offsets, k) - 1
                hits.add((i, k >= offsets[i] + len(texts[i] or "") + 1))
                k = find(n, k + 1)
        return sorted(hits)


#: What a comments' section says when it holds none.
_NO_COMMENTS = re.compile(r"(?:还没有|暂无|目前没有)(?:任何)?(?:评论|留言)")


def _first_down(el, tags: list[str]):
    """The first element, in document order, at the end of a path of child tags down from el: what XPath's ./a/b
    finds first, for any tag name (Word's o:p is no XPath name)."""
    level = [el]
    for tag in tags:
        level = [child for parent in level for child in parent if child.tag == tag]
    return level[0] if level else None


def _in_page_anchor(el) -> bool:
    """Whether a text in a link is an anchor's that leads nowhere else (<a name="comments">, <a href="#">)."""
    a = el if el.tag == "a" else next(el.iterancestors("a"), None)
    href = (a.get("href") or "").strip() if a is not None else None
    return href is not None and (not href or href.startswith("#") or href.lower().startswith("javascript"))


def _anchored_heading(anchor, tail: str) -> bool:
    """Whether a text after an element is all its parent prints, the element an empty anchor before it (Movable
    Type's <div class="comments-head"><a name="comments"></a>评论</div>): a heading's own words."""
    up = anchor.getparent()
    return anchor.tag == "a" and not len(anchor) and not (anchor.text or "").strip() and up is not None and \
        len(tail) <= 60 and not (up.text or "").strip() and anchor.getnext() is None and len(up) == 1


def _unstamped_section(name: str, bare: bool, following: list, text: str, stamps: int) -> bool:
    """Whether what follows a comments' heading is theirs with fewer time stamps than a section of comments shows:
    a trackback URL under its 引用通告, 还没有评论, one comment that says who 写道： or the form under a bare 评论, a comment form
    under its prompt (添加评论, 发表评论): Live Spaces' sections of a post with one comment or none; as many comments as
    a count over them says, each stamped with a relative time."""
    if name in _TRACKBACK_LABELS:
        return "http" in text
    if bare:  # (or none, the comment form's prompt next: Movable Type's 评论 over 发表评论 and its form)
        return _NO_COMMENTS.search(text) is not None or stamps >= 1 and "写道" in text or bool(following) and (
            next(following[0].iter("form"), None) is not None
            or _COMMENT_LABEL.match(clean_text(text_of(following[0]))) is not None)
    if (count := _COMMENT_COUNT.fullmatch(name)) and len(_FLOOR_STAMP.findall(text)) >= int(count[1]) >= 1:
        return True  # (as many comments as its count says, each dated when it was posted: Orchard's 发表于 11 个月前)
    return any(next(el.iter("form"), None) is not None for el in following)


def _text_before(parent, child) -> bool:
    """Whether parent shows text before child (its own text, earlier siblings and their tails)."""
    if parent.text and not parent.text.isspace():
        return True
    for sib in child.itersiblings(preceding=True):
        text = etree.tostring(sib, method="text", encoding="unicode", with_tail=True)
        if text and not text.isspace():
            return True
    return False


# -- segmentation --------------------------------------------------------------------------------------
class Para:
    __slots__ = ("text", "link", "el", "raw")

    def __init__(self, text: str, link: int, el, raw: str):
        self.text = text  # cleaned
        self.link = link  # visible chars inside links
        self.el = el  # the element whose start (or end) opened the paragraph
        self.raw = raw  # uncleaned text (U+3000 and runs of spaces still there: info-line value ends)

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Para({self.text!r}, link={self.link})"

    @property
    def link_ratio(self) -> float:
        n = len(self.text.replace(" ", ""))
        return self.link / n if n else 0.0


def _ends_cell(br) -> bool:
    """Whether a <br> is the last thing in its table cell (an editor's <td>品种<br /></td>): no line of its own."""
    el = br
    while el.getnext() is None and (not el.tail or el.tail.isspace()):
        el = el.getparent()
        if el is None or el.tag not in STYLING_TAGS:
            return el is not None and el.tag in CELL_TAGS
    return False


def _data_cell(cell) -> bool:
    """Whether a table cell is a data table's value wrapped in one paragraph (a table pasted from Word: <td><p><span>
    指标</span></p></td>): a row of two cells or more, the cell's one child a <p> (or <div>) of a short text (up to 40
    characters); not a layout table's column of lines."""
    row = cell.getparent()
    return len(cell) == 1 and cell[0].tag in ("p", "div") and row is not None and \
        sum(1 for c in row if c.tag in CELL_TAGS) >= 2 and nonspace_len(text_of(cell)) <= 40


def segment(node, *, include_tail: bool = False, anchor=None, after: int = 0) -> list[Para]:
    """Paragraphs of node's subtree: block tags and <br> end a paragraph, table cells are joined by one
    space (a data cell's own <p>s too: a table pasted from Word), every paragraph cleaned with clean_text, empty ones
    dropped. With anchor, the walk stops once `after` paragraphs have been emitted after the anchor element's start."""
    out: list[Para] = []
    parts: list[str] = []
    linkc = 0
    depth_a = 0
    in_cell = 0  # (inside a data cell: its blocks join the row's line)
    opener = node

    def flush(next_opener):
        nonlocal parts, linkc, opener
        if parts:
            raw = "".join(parts)
            text = clean_text(raw)
            if text:
                out.append(Para(text, linkc, opener, raw))
        parts = []
        linkc = 0
        opener = next_opener

    walker = etree.iterwalk(node, events=("start", "end"))
    stop_at = None
    for event, el in walker:
        if stop_at is not None and len(out) >= stop_at:
            break
        if anchor is not None and el is anchor and event == "start" and stop_at is None:
            stop_at = len(out) + after + 1
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el is not node and el.tail:
                parts.append(el.tail)
                if depth_a:
                    linkc += nonspace_len(el.tail)
            continue
        if event == "start":
            if tag in ("head", "title") and el is not node:
                walker.skip_subtree()  # its "end" event still comes and adds the tail
                continue
            if tag in CELL_TAGS and (in_cell or _data_cell(el)):
                in_cell += 1
            if tag in BLOCK_TAGS and not (tag == "br" and _ends_cell(el)) and not in_cell:
                flush(el)
            elif tag in CELL_TAGS or in_cell and tag in BLOCK_TAGS:
                parts.append(" ")
            if tag == "a":
                depth_a += 1
            if el.text:
                parts.append(el.text)
                if depth_a:
                    linkc += nonspace_len(el.text)
        else:
            if tag == "a":
                depth_a -= 1
            if tag in CELL_TAGS and in_cell:
                in_cell -= 1
            if tag in BLOCK_TAGS and not (tag == "br" and _ends_cell(el)) and not in_cell:
                flush(el)
            elif tag in CELL_TAGS or in_cell and tag in BLOCK_TAGS:
                parts.append(" ")
            if (el is not node or include_tail) and el.tail:
                parts.append(el.tail)
                if depth_a:
                    linkc += nonspace_len(el.tail)
    flush(None)
    return out
