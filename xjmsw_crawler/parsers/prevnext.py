"""上一篇/下一篇 (上一条/下一条, 上篇/下篇, 前一篇/后一篇): the label and the link in the same item; 没有了 and the
like are no link."""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import islice

from .cues import PN, PN_LABELS, PN_PREFIX, absolute, el_text
from .generic import Doc
from .model import Link
from .normalize import canonical_url, clean_text
from .hidden import screen_reader_only
from .pagebar import BAR_WORDS, host_dir, shown_text
from .site_rules import rule_element


_PN_PREV = frozenset(("上一篇", "上一条", "上一则", "上篇", "前一篇", "上一主题", "上一图集", "上一组", "上一期", "较旧的博文",
                      "旧一篇", "前一贴"))
#: A blog's older/newer links, which page its lists too (Blogger's search?updated-max=…): 上一篇/下一篇 only to a post.
_BLOG_PAGER = frozenset(("较旧的博文", "较新的博文"))

#: The label after the title inside a link (Hugo's <a><span>title</span><span>上一篇</span></a>).
_PN_SUFFIX = re.compile(rf"\s*[\[【(（<]*(?:{PN_LABELS})(?:文章)?[\s\]】)）>]*$")

_ARROWS = " ◀▶◁▷◄►←→«»‹›⇐⇒"
#: ASCII arrows around a labelled link's text (NetEase Blog's <<上一篇：title, 下一篇：title>>), not a title's own
#: brackets (<<十二木卡姆>>传承人…).
_ASCII_ARROWS = re.compile(rf"^<<\s*(?=(?:{PN_LABELS}))|(?<=[^>])>>$")
_PN_NONE = re.compile(r"^[\s:：]*(没有了|没有|无|暂无|none|null|已经是|这是|当前已是|已是)", re.I)


def _link_after(a):
    """The link printed right after a link (or after the element that holds it alone), nothing between them."""
    el = a
    if a.getnext() is None and not (a.tail or "").strip() and (up := a.getparent()) is not None and len(up) == 1 and \
            not (up.text or "").strip():
        el = up  # (the script's link put inside the label's <span>)
    after = el.getnext()  # (after a colon, the label its own link: PHP168's <a>上一篇</a>：<a title="…">…</a>)
    return after if after is not None and after.tag == "a" and not (el.tail or "").strip(" :：\u00a0") else None


def _pn_link(doc: Doc, a, label_inside: bool = False) -> Link | None:
    """The link's target and its text without the label (or its title attribute when it shows none); None for
    none, 没有了 or an empty link after a label. A link that is the label itself (a mobile page's 上一篇 button) gives
    its target with an empty title."""
    href = absolute(doc.base_url, a.get("href"))
    text = shown_text(a)  # (not Elementor's <span class="elementor-screen-only">Prev</span> before the label)
    if ("<<" in text or ">>" in text) and PN_PREFIX.match(labelled := text.lstrip(" <")) and "<<" not in labelled:
        text = _ASCII_ARROWS.sub("", text)
    title = clean_text(PN_PREFIX.sub("", text.strip(_ARROWS))).strip(_ARROWS)
    if len(a) and (stamp := next(a.iter("time"), None)) is not None and (date := el_text(stamp)) and \
            title.endswith(date) and len(title) > len(date):
        title = title[:-len(date)].rstrip()  # a card's date under its title (Craft's <time>2020-10-09</time>)
    if label_inside and title and PN_PREFIX.match(text.strip(_ARROWS)) is None:
        title = _PN_SUFFIX.sub("", title).strip(_ARROWS)
    if label_inside and not title and (after := _link_after(a)) is not None:
        other = absolute(doc.base_url, after.get("href"))
        if other == href:
            title = el_text(after)  # <a>◀ 上一篇</a> <a>the title</a>: the next link to the same page names it
        elif other and host_dir(other)[0] == host_dir(doc.url)[0] != host_dir(href or "")[0] and \
                PN_PREFIX.match(el_text(after).strip(_ARROWS + " ")) is None:
            # (a label whose script goes to the site's old host, the titled link after it to the copy's page: a
            # mirror's CSDN <span onclick="location.href='http://blog.csdn.net/…'">下一篇</span><a href="/csdn/…">)
            href, title = other, el_text(after)  # (not the other label's button: « 上一篇 greyed out, 下一篇 »)
    if (not title or title in BAR_WORDS) and len(a) and (spoken := _spoken_title(a)):
        title = spoken  # a link that shows only a label: what it names to a screen reader (Joomla 4's)
    if not title and not label_inside:
        title = clean_text(a.get("title") or "")  # a link that shows no text: what its tooltip shows
    if not href or (not title and not label_inside) or _PN_NONE.match(title):
        return None
    return Link(href, title)


def _spoken_title(a) -> str:
    """The neighbour's title a link names only to a screen reader, after a 上一篇 label (Joomla 4's <span
    class="visually-hidden">上一篇文章: title</span> beside the 上一页 it shows); "" when it names none."""
    for el in a.iter():
        if screen_reader_only(el) and (label := PN_PREFIX.match(text := el_text(el))) and \
                (title := clean_text(text[label.end():])):
            return title
    return ""


#: What a label may name after 上一篇/上篇 (上一篇文章：, 上篇新闻：).
_PN_NOUNS = ("文章", "新闻", "日志", "博文", "帖子", "资讯", "信息")


def _in_prose(text: str, start: int, end: int) -> bool:
    """Whether the 上一篇 at text[start:end] is a word in a sentence (本报在上一篇报道中提到), not a label: words on
    both sides (a label stands alone, or before 文章 or a colon; a reader's 盼着下一篇！ is a sentence's); a series'
    上篇/下篇 with a word on either side (续见下篇, 本文为回访下篇，上篇见《…》); a sentence that opens with it."""
    before = 0 < start and "\u4e00" <= text[start - 1] <= "\u9fff"
    if end - start == 2:  # 上篇, 下篇 (also after a sentence's end: （未完待续。下篇：…）)
        return before or 0 < start and text[start - 1] in "。，" or \
            end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and not text.startswith(_PN_NOUNS, end)
    end += 2 * text.startswith("文章", end)  # (本号在上一篇文章中聊了聊: a word in a sentence with its noun too)
    if not before and not text[:start].strip() and len(text) - end >= 30 and end < len(text) and \
            "\u4e00" <= text[end] <= "\u9fff" and "，" in text[end:end + 12]:
        return True  # (a sentence that opens with it: 上一篇文章发表后，不少读者来信…, a post's summary)
    return before and end < len(text) and ("\u4e00" <= text[end] <= "\u9fff" or text[end] in "！。？，、…")


#: A link back to where the reader came from, never a neighbour article (返回列表, 返回首页, 回到顶部).
_BACK_LINK = re.compile(r"[\W_]*(?:返回|回到|返迴)")


def find_prev_next(doc: Doc, rules: Mapping | None = None):
    """(prev, next, elements holding them) from the 上一篇/下一篇 labels."""
    result: dict[str, Link | None] = {}
    holders: list = []
    for key in ("prev", "next"):
        el = rule_element(doc, rules, key)
        if el is not None:
            a = el if el.tag == "a" else el.find(".//a[@href]")
            result[key] = _pn_link(doc, a) if a is not None else None
            holders.append(el)
    if len(result) == 2:
        return result["prev"], result["next"], holders
    els, idx, size = doc.els, doc.idx, doc.size
    for el, is_tail, text in doc.text_nodes(("上一", "下一", "上篇", "下篇", "前一篇", "后一篇", "前一贴", "后一贴", "较旧的",
                                               "较新的", "旧一篇", "新一篇")):
        event = "end" if is_tail else "start"
        if event == "end" and el is doc.root:
            continue
        if not PN.search(text):
            continue
        stripped = text.strip()
        if len(stripped) > 60 and not PN_PREFIX.match(stripped):
            continue  # 上篇/下篇 inside running prose
        for m in PN.finditer(text):
            key = "prev" if m.group(1) in _PN_PREV else "next"
            if key in result and not _label_only(result[key]) or _in_prose(text, m.start(), m.end()):
                continue
            if m.group(1).endswith("期") and not text[m.end():].lstrip().startswith((":", "：")):
                continue  # 上一期 without a title after a colon: an e-paper's date picker, the issue before
            owner = el if event == "start" else el.getparent()
            if owner is None:
                continue
            # the label inside a link (a text's or a tail's owner, or up to three levels above it: <a><span><i></i>
            # 上一篇</span><span>title</span></a>): that link
            a = None
            for anc in [owner, *islice(owner.iterancestors(), 3)]:
                if anc.tag == "a":
                    a = anc
                    break
            if a is not None:
                if (a.get("href") or "").lstrip()[:11].lower() == "javascript:" and PN_PREFIX.sub("", el_text(a)) == "":
                    continue  # a script's button (QQ空间's toolbar <a href="javascript:;">上一篇</a>): a later label's
                if m.group(1) in _BLOG_PAGER and "?" in (a.get("href") or ""):
                    continue
                _take(result, key, _pn_link(doc, a, label_inside=True))
                holders.append(a)
                continue
            rest = text[m.end():]
            rest_clean = clean_text(rest).lstrip(":： ]】)）")  # [上一篇] 没有了
            if rest_clean.startswith("文章"):  # 上一篇文章：没有了
                rest_clean = rest_clean[2:].lstrip(":： ")
            if _PN_NONE.match(rest_clean):
                result.setdefault(key, None)
                holders.append(owner)
                continue
            if len(rest_clean) > 3 and PN.search(rest_clean) is None and not rest_clean.startswith(("<", "(")):
                # the title is printed without a link
                pass
            # the first link after the label, in the same item
            start = idx.get(el, -1) + 1 if event == "start" else idx.get(el, -1) + size[idx.get(el, 0)]
            item = owner
            while item is not None and item.tag not in ("li", "p", "div", "td", "dd", "dt", "tr", "span", "font",
                                                         "center", "table", "ul"):
                item = item.getparent()
            scope = item
            if scope is not None and scope.tag in ("td", "th", "dt", "span", "font") and scope.getparent() is not None:
                scope = scope.getparent()
                if item.tag in ("span", "font") and scope.tag in ("td", "th", "dt") and scope.getparent() is not None:
                    scope = scope.getparent()  # a styled label's cell: <td><font>下一篇：</font></td><td><a>…</a></td>
            if scope is not None and not rest_clean and scope.tag in ("div", "p", "li") and scope.find(
                    ".//a") is None and PN_PREFIX.sub("", el_text(scope)) == "" and scope.getparent() is not None:
                scope = scope.getparent()  # a label's block of its own: <div>上一篇：</div><div><a>…</a></div> (Sohu's)
            if scope is None:
                continue
            spos = idx.get(scope, -1)
            send = spos + size[spos] if spos >= 0 else start + 12
            found = None
            if event == "start" and not rest_clean and (el.tail or "").lstrip()[:1] in ("|", "｜"):
                send = start  # a label alone between bars (< 上一篇 | <a>博客首页</a> | …: Live Spaces' grey end): none
            for k in range(start, min(send, start + 25, len(els))):
                e = els[k]
                own = e.text or ""
                if e.tag == "a" and e.get("href"):
                    if not _BACK_LINK.match(e.text or ""):
                        found = e  # (a grey 下一篇 without a link, then [返回列表]: none)
                        if not el_text(e):  # a thumbnail's link: the titled link to the same page after it names it
                            found = next((x for x in els[k + size[k]:min(send, k + 25)] if x.tag == "a" and
                                          x.get("href") == e.get("href") and el_text(x)), e)
                    break
                if _PN_NONE.match(own) and (e.tag == "a" or len(own.strip()) <= 8):
                    break  # ASP.NET's disabled HyperLink, <a disabled="disabled">没有了</a>, a <span>没有了</span>: none
                if PN.search(own) or e.tag == "br" and e.tail and PN.search(e.tail):
                    break  # the next label (on the next of <br> lines: 上一篇：没有了<br>下一篇：<a>…</a>)
            if found is not None:
                _take(result, key, _pn_link(doc, found))
                holders.append(item if item is not None else owner)
            else:
                holders.append(item if item is not None else owner)
                result.setdefault(key, None)
        if "prev" in result and "next" in result and not any(map(_label_only, result.values())):
            break
    return result.get("prev"), result.get("next"), holders


def _label_only(link: Link | None) -> bool:
    """Whether a 上一篇/下一篇 link shows no title (a header's bare 下一篇 button)."""
    return link is not None and not link.text


def _take(result: dict, key: str, link: Link | None) -> None:
    """The link for key: the first found, or the same page's titled link after a label-only one (OneThink's bare
    上一篇/下一篇 buttons in its header over the pager's <a>上一篇：title</a>)."""
    old = result.get(key)
    if key not in result or link is not None and link.text and canonical_url(link.url) == canonical_url(old.url):
        result[key] = link
