"""The body's cleaning: the densest block, without the headline, info line, breadcrumb, 上一篇/下一篇, page bars,
lede boxes, 责任编辑 lines, share/print blocks, related lists, ads and hidden anti-scraping noise, segmented into
paragraphs (generic.segment), with its images and its cleaned HTML."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from w3lib.url import safe_url_string

from .breadcrumb import crumb_line, to_site_root
from .cues import (
    CRUMB_LABEL, DATE_IN, EDITOR, EDITOR_LABELS, FOOTER, NUMBER_RUN, PAGEBAR_LINE, PN_PREFIX, RELATED, SIGNATURE,
    STYLING_TAGS, absolute, el_text, info_labels, nav_heading,
)
from .generic import BLOCK_TAGS, DISCLAIMER, REPLY_HEAD, Doc, Para, segment, text_of
from .hidden import hidden_runs
from .info import CLOSING_SIGNATURE, another_time, is_info_line, is_time_label, labelled_info_line, signed_text
from .normalize import canonical_url, clean_text, is_cut_copy
from .pagebar import host_dir, same_family
from .title import PAGE_TYPE_TITLE, TITLE_NAME, heading_like, headline_text


_LEDE_WORDS = r"(?:本期|本文)?(摘\s*要|导\s*读|核心提示|内容提要|提\s*要|内容摘要|文章摘要|本文导读|简\s*介)"
_LEDE_LABEL = r"(?:\s*[\]】)）]\s*[:：]?|\s*[:：])"
LEDE = re.compile(r"^[\s\[【(（]*" + _LEDE_WORDS + _LEDE_LABEL)  # 摘要：, 【摘要】
#: A 导语 box's name: a lede box over the text's block (财新's [ 导语 ]…), but among the text's paragraphs a 导语 is text
#: (a TV news script's 【导语】, the anchor's words).
_LEAD_BOX = re.compile(r"^[\s\[【(（]*导\s*语" + _LEDE_LABEL)
#: The blocks a lede box is (its name in bold first).
_LEDE_BOXES = frozenset(("div", "p", "td", "dd", "blockquote"))
#: A lede box's name alone, as a <fieldset>'s <legend> prints it (摘 要).
_LEDE_NAME = re.compile(r"[\[【(（]?" + _LEDE_WORDS + r"[\]】)）]?\s*[:：]?")

#: A headline's closing badge (首府招聘会提供岗位两万余个（图）): the headline printed again atop the text may leave it out.
_PICTURE_BADGE = re.compile(r"\s*[（(【\[](?:图|组图|多图|附图|图文|视频)[）)】\]]$")
_DIVIDER = re.compile(r"[-—_=─\s]*分隔线[-—_=─\s]*")  # DedeCMS's ------分隔线------ under the body
_SUBTITLE = re.compile(r"^(?:——|--|──|―)")
#: A tags line (Technorati 标签: …, PHPCMS 9's 相关热词搜索：…).
_TAGS = re.compile(r"^[\s\[【(（]*(?:[A-Za-z]+\s*)?(标签|关键词|关键字|相关热词搜索|(?:该文章|本文)?所属专题|tags?)\s*(?:[:：]|>>|»)",
                   re.I)

_SHARE = re.compile(r"分享到|分享至|转发到|一键分享|分享本文|复制链接|扫一扫|微信扫描"
                    r"|扫码下载|下载.{0,8}客户端")  # (and an app's promotion: 扫码下载新疆民生网客户端, with its QR code)
#: A form's prompt to log in first (您需要登录后才可以回帖 登录 | 注册, 请登录后发表评论).
_LOGIN_FIRST = re.compile(r"(?:需要|请先?)\s*登录.{0,6}(?:回帖|回复|评论|发表|留言|发帖|下载|查看)")
#: A self-media platform's notice under each post (网易号's 特别声明：…本平台仅提供信息存储服务。 and its English twin).
_PLATFORM_NOTICE = re.compile(r"仅提供信息存储(?:空间)?服务|only provides information storage services?", re.I)
#: A tip box's words (还没有人赞赏，快来当第一个赞赏的人吧！, 赞赏支持, 3 人已赞赏).
_TIP = re.compile(r"还没有人(?:赞赏|打赏)|(?:赞赏|打赏)支持|\d+\s*人已?(?:赞赏|打赏)")
#: A pager's hint that the arrow keys turn its pages (iCMS's 提示：键盘也能翻页，试试"← →"键, a gallery's 支持键盘←→翻页).
_KEY_PAGING = re.compile(r"键盘.{0,8}翻页|[←→]\W{0,4}键?.{0,4}翻页")
#: A WeChat layout's follow cards pasted with the text: ▲点击上方蓝字关注我们, 长按识别二维码关注 (with its QR code).
_FOLLOW = re.compile(r"点击.{0,4}(?:上方|标题下方?|顶部).{0,6}关注|(?:长按|扫描?|识别).{0,6}二维码.{0,8}关注")
#: A line that sends readers to the site's app (还不去下载 新疆民生App, 下载新京报客户端), not a text's 可下载…App办理.
_APP_PROMO = re.compile(r"(?:^|去|请|快|赶紧|立即|马上|欢迎|扫码)\s*下载\s*\S{0,12}?\s*(?:App|APP|app|客户端)")
#: A stock's or an index's name (沪深300), price and change, as a quote box prints them.
_QUOTE_BOX = re.compile(r"[^\s\d]{2,10}\d{0,4}\s*(?:[(（]\d{6}[)）])?\s*\d+\.\d{1,3}"
                        r"(?:\s+[+\-−]?|\s*[+\-−])\d+(?:\.\d{1,2})?%")
#: A paywall's prompt opening its box (订阅财新通后继续阅读全文, 开通会员即可查看全文, 此文为会员专享内容), or a
#: membership's (成为会员 over its offer): the box, its prices and its login links are no text; the text above it is
#: all the page holds.
_PAYWALL = re.compile(r"\s*(?:(?:订阅|付费|购买|开通|成为).{0,12}(?:后|即可|可以?)\s*(?:继续)?(?:阅读|查看|浏览)"
                      r"(?:全文|全部|剩余|完整)|(?:成为|加入|开通)(?:付费|VIP)?会员|(?:此文|本文)为(?:付费)?会员专享)")
#: The heading of a box of paid links (an ad network's 赞助商链接 under a text).
_SPONSORED = re.compile(r"\s*(?:赞助商链接|赞助链接|推广链接|商业推广|广告链接|sponsored\s+links?)\s*\S", re.I)
#: A live page's refresh notice: 本页面每60秒自动刷新一次，手动刷新 (not 刷新纪录 in a sentence).
_REFRESH = re.compile(r"(?:页面|本页|网页).{0,10}自动刷新|手动刷新|点击刷新|刷新本页")
_PRINT = re.compile(r"打印本页|打印此文|打印本文|打印文章|关闭窗口|关闭本页|【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|"
                    r"\[\s*关闭\s*\]|收藏本页|推荐给好友|返回顶部|发表评论|我要评论|查看评论|网友评论|加入收藏|"
                    r"(?:字体|字号)\s*[:：]?\s*[【\[(（]?\s*[大中小]|【(?:字体|字号)|\[(?:字体|字号)|告诉好友|双击滚屏|发表留言|返回列表|"
                    r"^本文(?:网址|地址)\s*[:：]|^打印时间\s*[:：]|"  # (a print page's foot: the article's address, when printed)
                    r"^\W*打印\W*$|^\W*关闭\W*$|^\W*(?:点击|继续)?(?:展开|收起|收缩)(?:全文|全部|阅读|更多)?\W*$")  # a fold's button

#: A line that only counts the pages, in a sentence's punctuation: 本文共 3 页，当前第 1 页 (a page bar's caption).
_PAGE_COUNT_LINE = re.compile(r"(?:本文|全文|本篇|文章|当前|现在|目前|为|是|共\s*\d{1,3}\s*页|第\s*\d{1,3}\s*页|[\s,，、;；:：。.\[\]【】()（）])+")
_AD = re.compile(r"(?:^|[\s_-])(ad|ads|adv|advert\w*|advertisement|guanggao|gg|ggw|adbox|adsense|sponsor)"
                 r"(?:\d+(?:x\d+)?)?(?=$|[\s_-])"  # (its digits or its size end a name: ad2, gg200x300; not an id's
                 # hex run, Elementor's elementor-element-ad271c8)
                 r"|(?:^|\s)a_(?:pr|pt|pb|t|h|f|c|cb|fl|fr|mu)(?:$|\s)", re.I)  # (Discuz!'s a_pr, …)
#: The sizes ad networks sell (IAB units: 300x250 画中画, 728x90 通栏, 468x60, 160x600 skyscrapers, ...).
_AD_SIZES = frozenset(("300x250", "336x280", "250x250", "200x200", "728x90", "970x90", "468x60", "234x60", "120x600",
                       "160x600", "300x600", "120x240", "125x125", "180x150", "320x50", "640x60", "950x90"))

_IMG_SKIP = re.compile(r"spacer|blank\.gif|kongbai|/image/common/|pixel|counter|/stats?(?:[/._?]|$)|tracking|guanggao|"
                       r"(?<!M\d\d)/ads?/|/gg/|1x1|/logo", re.I)  # (not FastDFS's hex folders: /g1/M01/AD/72/…)


#: The words some boilerplate label holds: a short text without any is body (searched in text.lower(): re.I makes
#: sre step slowly through CJK text).
_BOILER_ANY = re.compile(
    r"上一|下一|上篇|下篇|前一篇|后一篇|摘\s*要|导\s*读|提示|提\s*要|简\s*介|编|审|校对|分享|转发|复制|扫|打印|关闭|收藏|推荐|返回|"
    r"评论|字体|字号|告诉|滚屏|留言|相关|延伸|热|更多|其他|最新|猜你|往期|精彩|版权|icp|公网安备|备案|rights|违法|页|位置|导航|刷新|"
    r"copyright|©|转载|未经|联系我们|标签|关键|tag|分隔|索引|展开|收起|收缩|广告|推广|flash|代表|浏览|阅读|点击|关注|侵权|网址|"
    r"赏|举报|查看|回复|登录|下载|帮助|暂无|专题|最后修改|最后更新")
#: An ad slot's label alone (广告, 广告招商, [推广]), printed or as its image's alt: the ad itself is an image or a
#: script.
AD_LABEL = re.compile(r"[\[【(（]?(?:[-—–]\s*)?(?:广告(?:位|招商)?|招商广告|推广|赞助)(?:\s*[-—–])?[\]】)）]?")  # (- 广告 -)
_DIGIT_PAIR = re.compile(r"\d[\s\[\]【】]*\d")


def boiler_text(text: str) -> str | None:
    """Why a short text is not article body (a label), or None when it may be body."""
    if len(text) > 200:
        if text[:1] in _SERVER_ERROR_START and _SERVER_ERROR.match(text):
            return "error"  # (PHP's warning about a long URL it failed to open)
        return "lede" if LEDE.match(text) else None
    return _short_boiler_text(text)


#: A post footer's taxonomy line: labels, each over a few short names (WordPress's 发布于 <a>图说新疆</a>标签 <a>摄影</a>,
#: <a>乡村振兴</a>: Posted in …, Tagged …), its names links.
_TAXONOMY_LINE = re.compile(r"(?:(?:发布于|分类|标签|关键词|关键字|tags?)\s*[:：]?\s*[^\s:：，。]{1,12}"
                            r"(?:\s*[,，、]\s*[^\s:：，。]{1,12})*\s*)+", re.I)


def _body_boiler_text(text: str, linked: bool) -> str | None:
    """boiler_text of a text of the body, which knows whether links print some of it: numbers none of which is a link
    are a table row's figures (100 | 30), not a page bar's; labels over links a post footer's taxonomy."""
    why = boiler_text(text)
    if why is None and linked and len(text) < 80 and _TAXONOMY_LINE.fullmatch(text):
        return "tags"
    return None if why == "pagebar" and not linked and NUMBER_RUN.fullmatch(text) else why


def _sentence(text: str) -> bool:
    """Punctuated as a sentence of running text (a comma, a full stop at the end), not as a label or a button."""
    return "，" in text and text.rstrip("”’」 ").endswith(("。", "！", "？"))


#: What a server printed in place of an include or a query, which readers see and no one wrote: an SSI failure,
#: PHP's warnings, an ASP/ODBC error block or a Tcl error's trace (their lines one by one), a template's comment over
#: lines that its language reads only on one ({# 打赏按钮暂时下线 … #} in Django's).
_SERVER_ERROR = re.compile(
    r"\[an error occurred while processing this directive\]$|\{#.*#\}$"
    r"|\{#?(?:NT|dede|pc|ecms|FS|KS|eyou|field):[^{}]*\}.*$"  # (a CMS label that failed: NetCMS's {#NT:unLoop,…})
    r"|_ueditor_page_break_tag_$"  # (UEditor's page break, printed where the CMS does not split pages)
    r"|can't read \"[^\"]+\": no such (?:variable|element in array)$|while executing$|invoked from within$"
    r"|\(procedure \"[^\"]+\" line \d+\)$|\"[\x20-\x7e]*\$\w[\x20-\x7e]*\"$"
    r"|(?:Warning|Notice|Deprecated|Strict Standards|(?:Catchable )?[Ff]atal error|Parse error)\s*:.* on line \d+$"
    r"|Microsoft (?:OLE DB Provider|VBScript|JET Database Engine|Cursor Engine)[^。，]*$|\[Microsoft\]\[ODBC"
    r"|错误\s*'8[0-9a-fA-F]{7}'$|/[\w/.-]+\.(?:asp|aspx|asa|php|inc)\s*[，,]\s*(?:行|line)\s*\d+$")
_SERVER_ERROR_START = frozenset("[WNDSCFPM错/{cwi(\"_")
#: A page's view counter on a line of its own (1,480 次浏览, 阅读 957 次).
_VIEW_COUNT = re.compile(r"(?:阅读|浏览|点击)\s*[(（:：]?\s*\d[\d,]*\s*[)）]?\s*(?:次数?)?|\d[\d,]*\s*次\s*(?:浏览|阅读|点击)")
#: A last change's stamp on a line of its own, after the view count or not (K2's 阅读 1287 次数 最后修改于 星期二, 06 11月
#: 2012 09:12): no date of the text's.
_LAST_CHANGE = re.compile(r"(?:(?:阅读|浏览|点击)\s*\d[\d,]*\s*次数?\s*)?最后(?:修改|更新|编辑)(?:于|时间)?\s*[:：]?\s*[^，。]{4,40}")
#: A thread's heading over its replies, with their count (最新回复 (26)).
_REPLY_COUNT = re.compile(r"(?:最新|全部|热门|精彩)?(?:回复|评论|跟帖|跟贴)\s*[(（]\s*\d+\s*[)）]")
#: What an empty box of related items or comments prints.
_NOTHING_LISTED = re.compile(r"(?:暂无|暂时没有|没有|无)(?:任何)?(?:相关)?(?:新闻|文章|内容|信息|资讯|评论|留言|链接)[!！。.]?")
#: A page's feedback box (本页信息对您是否有帮助？有帮助 没帮助).
_HELPFUL = re.compile(r"对您(?:是否)?有(?:所)?帮助")
#: A download box's facts of its file (文件大小：36.50 KB 下载次数：1208).
_FILE_FACTS = re.compile(r"(?:(?:文件大小|文件类型|下载次数|已下载)\s*[:：]?\s*[\w.,]+\s*(?:[KMG]B|字节|次)?\s*){1,3}", re.I)
#: An ad slot's banner by its alt text (新疆民生网广告位招租, 广告招商).
_AD_SLOT_ALT = re.compile(r"广告(?:位|招商|招租|投放|合作)")
#: A button's image by its alt text (a forum post's 引用回复, 快速回复 and 编辑 buttons).
_BUTTON_ALT = re.compile(r"\s*(?:引用回复|快速回复|回复|引用|编辑|删除|举报|评分|返回顶部|回到顶部)\s*")
#: A series' turn to its other part, in brackets at a post's end or start (（未完待续。下篇：…）, （接上篇：…）).
_SERIES_TURN = re.compile(r"[（(]\s*(?:(?:未完待续|待续|未完)\s*[。，,]?\s*)?[接续]?[上下]篇\s*[:：].{1,60}[)）]")
#: An attachment's size and count (phpBB's IMG_0126.jpg (86.24 KiB) 被浏览 523 次, (38.50 KiB) 被下载 215 次).
_ATTACHMENT_COUNT = re.compile(r"(?:\S+\.\w{2,4}\s*)?[(（]\s*[\d.,]+\s*(?:[KMG]i?B|字节|bytes)\s*[)）]\s*"
                               r"(?:被|已)?(?:浏览|下载|查看|阅读)\s*[\d,]+\s*次", re.I)
#: A row of a post's counters and buttons (转发 32 评论 9 赞 279, 阅读 6.7万 投诉; a forum floor's [回复] [举报] [顶](8),
#: a thread's 查看: 2210|回复: 11, NetCMS's 【收藏本文】 顶一下() whose count a script writes, bokee's 阅读全文(846) | 回复(0) |
#: 引用通告(0) | 编辑).
_SOCIAL_COUNTS = re.compile(r"(?:[\[【]?(?:转发|评论|回复|点?赞|顶(?:一下)?|分享|收藏(?:本文)?|阅读(?:全文)?|浏览|查看|喜欢|在看|投诉|举报|"
                            r"引用通告|编辑)"
                            r"[\]】]?\s*(?:[:：]?\s*[(（]?\d[\d,]*(?:\.\d+)?万?[)）]?|[(（]\s*[)）])?\s*[|｜]?\s*){2,}")
#: A forum post's last edit, printed over its text (Discuz's 本帖最后由 天山记者站 于 2010-5-12 11:02 编辑).
#: An edition's closing credits printed without colons (编辑 刘畅 校对 吴兴发, 责任编辑 王芳): labels and names alone.
_CREDITS = re.compile(rf"(?:(?:{EDITOR_LABELS}|签发|美编)\s+[\u4e00-\u9fff·]{{2,6}}\s*)+")
_EDITED_POST = re.compile(r"本帖最后由\s*\S.{0,30}?\s*于\s*\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*编辑")
#: What a video box prints where its Flash player is missing (您还没有安装flash播放器，请点击这里安装).
_FLASH_PROMPT = re.compile(r"(?:没有|未|需要|请|须)安装.{0,6}flash|(?:下载|升级|更新).{0,6}flash(?:播放器| ?player)",
                           re.I)
#: A blog's trackback box: 引用通告地址：http://…/trackback.asp?id=1526 (OBlog), 引用地址：…, Trackback URL: …; its
#: heading and its label alone, the URL in a field (引用通告 over 本文引用通告地址（TrackBack Ping URL）为：<input>).
_TRACKBACK = re.compile(r"(?:本文的?)?(?:引用通告(?:地址)?|引用地址|trackback\s*(?:ping\s*)?(?:url|地址)?)"
                        r"(?:\s*[（(][^）)]{1,30}[）)])?\s*为?\s*[:：]?\s*(?:https?://\S+)?$", re.I)


#: An image file's name, its size and weight, as a lightbox prints them over it (IMG_2042 1440×960 236 KB).
_IMAGE_FILE_LINE = re.compile(r".{0,60}?\d{2,5}\s*×\s*\d{2,5}\s+[\d.]+\s*[KMG]B", re.I)
#: A quote box's caption alone, no name of whom it quotes (引用:, 引用内容).
_QUOTE_CAPTION = re.compile(r"引用(?:内容)?\s*[:：]?")
#: What ends a label: a colon or a closing bracket.
_LABEL_END = re.compile(r"[:：\]】)）>]")
#: A text-size switch's buttons (A+, A+ A-).
_FONT_BUTTONS = re.compile(r"(?:[Aa]\s*[+＋\-－]\s*){1,3}")
#: A gallery's slide counter on a line of its own (1/5).
_SLIDE_COUNTER = re.compile(r"\d{1,2}\s*/\s*\d{1,2}")


@lru_cache(maxsize=2048)  # one text is asked about more than once a page, and nav/footer lines on every page
def _short_boiler_text(text: str) -> str | None:
    n = len(text)
    if text[:1] in _SERVER_ERROR_START and _SERVER_ERROR.match(text):
        return "error"
    if ("http" in text or "引用" in text) and _TRACKBACK.match(text):
        return "trackback"
    if n <= 80 and "×" in text and _IMAGE_FILE_LINE.fullmatch(text):
        return "caption"  # a lightbox's line over its image: the file's name, size and weight (Discourse's)
    if n <= 5 and _QUOTE_CAPTION.fullmatch(text):
        return "caption"  # a UBB [quote] box's caption over the words it quotes (F2Blog's <div>引用:</div>)
    if n <= 4 and text.rstrip("!！。") == "没有了":
        return "prevnext"  # a 上一篇/下一篇 card's none, its label in an element of its own (<span>下一篇</span><p>没有了</p>)
    if ("存储" in text or "storage" in text) and _PLATFORM_NOTICE.search(text):
        return "notice"
    if n <= 7 and "/" in text and _SLIDE_COUNTER.fullmatch(text):
        return "counter"
    if n <= 8 and text[:1] in "Aa" and _FONT_BUTTONS.fullmatch(text):
        return "font"  # a text-size switch (Begin's <ul id="fontsize"><li>A+</li></ul>)
    if not _BOILER_ANY.search(text.lower()):
        # no label word: only a bare run of page numbers ("1 2 3") is boilerplate
        first = text.lstrip()[:1]
        if not (first in ("[", "【") or first.isdecimal()) or not _DIGIT_PAIR.search(text):
            return None
    if n <= 8 and AD_LABEL.fullmatch(text):
        return "ad"
    if n < 40 and _TIP.search(text):
        return "tip"
    if n < 40 and _KEY_PAGING.search(text):
        return "pagebar"
    if n < 40 and "。" not in text and _LOGIN_FIRST.search(text):
        return "login"
    if (pn := PN_PREFIX.match(text)) and n < 200 and (not _sentence(text) or _LABEL_END.search(pn.group())) or \
            n < 100 and _SERIES_TURN.fullmatch(text):
        return "prevnext"  # (not a sentence that opens with the word: 下篇我们将为大家介绍…，敬请关注。)
    if LEDE.match(text):
        return "lede"
    if EDITOR.match(text) and n < 80 or n < 40 and _CREDITS.fullmatch(text):
        return "editor"
    if n < 60 and _EDITED_POST.fullmatch(text):
        return "edited"
    if n < 80 and _SHARE.search(text) and not _sentence(text):  # not 贴上二维码，消费者扫一扫就能知道产地。
        return "share"
    if n < 40 and "。" not in text and _FOLLOW.search(text):
        return "follow"
    if n < 40 and "下载" in text and not text.endswith("。") and _APP_PROMO.search(text):
        return "promo"
    if n < 80 and (m := _PRINT.search(text)) and not (_sentence(text) and "。" in text[:m.start()]):
        return "print"  # (not the text's last sentence of several, ending in the words: …、发表评论。)
    if n < 60 and "。" not in text and _REFRESH.search(text):
        return "refresh"
    if n < 60 and _FLASH_PROMPT.search(text):
        return "player"
    if n < 40 and _HELPFUL.search(text):
        return "rating"
    if n <= 12 and _NOTHING_LISTED.fullmatch(text):
        return "related"  # an empty box's line (暂无相关新闻)
    if n <= 16 and (_VIEW_COUNT.fullmatch(text) or _REPLY_COUNT.fullmatch(text)) or \
            n <= 40 and _SOCIAL_COUNTS.fullmatch(text) and \
            (any(map(str.isdigit, text)) or "()" in text) or n <= 40 and _FILE_FACTS.fullmatch(text) or \
            n <= 80 and _ATTACHMENT_COUNT.fullmatch(text) or n <= 80 and "最后" in text and _LAST_CHANGE.fullmatch(text):
        return "counter"
    if nav_heading(text):
        return "nav"  # a navigation block's heading (文章导航, Drupal's 图书导航)
    if n < 40 and RELATED.match(text):
        return "related"
    if n < 80 and _TAGS.match(text):
        return "tags"
    if n < 80 and _DIVIDER.fullmatch(text):
        return "divider"
    if n < 200 and (FOOTER.search(text) and not _quoted(FOOTER, text) or DISCLAIMER.search(text)) and \
            text.count("。") <= 2:  # (not a last page's few sentences over such a note: 当然，…。（本文仅代表作者个人观点。）)
        return "footer"
    if n < 120 and PAGEBAR_LINE.search(text) and (text.count("，") + text.count("。") == 0
                                                  or _PAGE_COUNT_LINE.fullmatch(text)):
        return "pagebar"
    if n < 200 and CRUMB_LABEL.match(text) and ("位置" in text[:12]):
        return "crumb"
    return None


def _quoted(pattern, text: str) -> bool:
    """Whether every match of pattern in text stands inside “…”: words a sentence quotes (封底印有“版权所有 翻印必究”), or
    is a sentence's verb and object (…可以联系我们，志愿者可以陪同办理。)."""
    for m in pattern.finditer(text):
        before = text[:m.start()]
        if before.count("“") <= before.count("”") and not (m.group() == "联系我们" and _IN_SENTENCE.search(before)):
            return False
    return True


#: What a sentence says before a verb of its own: a modal or a subject (可以联系我们, 请联系我们, 欢迎联系我们).
_IN_SENTENCE = re.compile(r"(?:可以|请|欢迎|随时|及时|直接|也可)\s*$")


def _one_block(el) -> bool:
    """Whether el's text is a single paragraph (no block or <br> inside, beyond inline markup)."""
    for d in el.iterdescendants():
        if d.tag in BLOCK_TAGS:
            return False
    return True


#: A wiki's link to edit a section, in brackets ([编辑], [编辑本段], [edit]; HDWiki's bare 编辑本段).
_EDIT_SECTION = re.compile(r"[\[【]\s*(?:编辑|编辑本段|修改|edit)\s*[\]】]|编辑本段", re.I)
#: A wiki's hatnote over the text (“公积金”重定向至此。关于企业年金，请见“企业年金”。, （重定向自公积金）).
_HATNOTE = re.compile(r"“[^”]{1,30}”重定向至此|[(（]重定向自[^)）]{1,30}[)）]$|关于[^，。]{1,30}，请(?:参)?[见阅]")
#: A wiki template's links to view, discuss and edit it ([查·论·编], [v·t·e]): what a navigation box's title opens with.
_NAVBAR = re.compile(r"[\[【]\s*(?:查\s*·\s*[论议讨]\s*·\s*[编改]|v\s*·\s*t\s*·\s*e)\s*[\]】]", re.I)
#: A rule drawn in characters (—————————, ----------, ==========): what opens a forum post's signature.
_RULE_CHARS = "—-_=━─～~"
_RULE = re.compile(f"[{re.escape(_RULE_CHARS)}]{{8,}}")
_SIGNATURE_MAX = 120  # characters after the rule: a motto, a hotline, a name


def _forum_signature(el, text: str) -> bool:
    """Whether el is a forum post's signature: a short block that opens with a rule and ends the post (nothing
    after it in its parent), on a thread page whose other posts are readers' replies (天涯's <div class="sign">
    ——————<br>新疆民生网记者站　民生热线：…<br><img></div>). Elsewhere such a rule may open an article's appendix."""
    rule = _RULE.match(text)
    if rule is None or len(text) - rule.end() > _SIGNATURE_MAX or (el.tail or "").strip() or \
            any(isinstance(sib.tag, str) for sib in el.itersiblings()):
        return False
    return REPLY_HEAD.search(text_of(el.getroottree().getroot())) is not None  # (the page's: doc may be a part)


def _line_goes_on(el) -> bool:
    """Whether an inline element's line of text goes on after it (its tail, or an inline element next)."""
    if el.tag in BLOCK_TAGS:
        return False
    if el.tail and not el.tail.isspace():
        return True
    after = el.getnext()
    return after is not None and after.tag not in BLOCK_TAGS


def drop_element(el) -> None:
    """Remove el from the tree, keeping its tail text (lxml.html's drop_tree for plain etree elements)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


#: The labels of a government disclosure page's record block (索 引 号：, 发布机构：, 生成日期：, 文　　号：).
_DISCLOSURE_LABEL = re.compile(r"(索\s*引\s*号|发布机构|生成日期|成文日期|主题分类|文\s*号|公开方式|公开范围|发文机关|组配分类)\s*[:：]")


def _beside_text(el) -> bool:
    """Whether a table cell has a neighbour with text in its row (访谈主题 | the headline's words: a data table's row,
    not a layout cell that holds the headline), the cell's text in styling elements (<td><font>…</font></td>) too."""
    parent = el.getparent()
    while el.tag in STYLING_TAGS and parent is not None and len(parent) == 1 and not (parent.text or "").strip() \
            and not (el.tail or "").strip():
        el, parent = parent, parent.getparent()
    if el.tag not in ("td", "th") or (row := parent) is None:
        return False
    return any(cell is not el and text_of(cell).strip() for cell in row)


def _is_ad(doc: Doc, el) -> bool:
    """An ad's box by its class or id (ad, adv, guanggao, sponsor, Discuz!'s a_pr), or a link whose only content is
    an image that says it is an ad (a WordPress ad plugin's <a><img alt="广告招商"></a> between two paragraphs) or is
    drawn at an ad unit's size and leads to another host (北方网's 300x250 画中画 floated into every article's text)."""
    cls, id_ = el.get("class"), el.get("id")
    if el.tag == "a" and len(el) == 1 and (img := el[0]).tag == "img" and not (el.text or "").strip():
        if AD_LABEL.fullmatch((img.get("alt") or "").strip()):
            return True
        if not (img.tail or "").strip() and "x".join(_drawn_size(img)) in _AD_SIZES and \
                (href := absolute(doc.base_url, el.get("href"))) is not None and \
                host_dir(href)[0] != host_dir(doc.url)[0]:
            return True
    if not cls and not id_:
        return False
    return bool(_AD.search((cls or "") + " " + (id_ or "")))


class BodyResult:
    __slots__ = ("paragraphs", "html", "images", "node", "info")

    def __init__(self, paragraphs, html, images, node, info):
        self.paragraphs, self.html, self.images, self.node = paragraphs, html, images, node
        self.info = info  # info lines taken out of the body


_CONTAINERS = frozenset(("div", "ul", "ol", "table", "dl", "p", "td", "tr", "tbody", "span", "font", "center", "li",
                         "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "form", "blockquote", "dd", "dt",
                         "b", "strong", "em", "i", "u", "small", "big", "label", "a", "nav", "aside", "header",
                         "footer", "caption", "tfoot", "thead", "th"))


#: Elements with an on* (event handler) attribute, removed from body_html (libxml2's HTML parser lower-cases
#: attribute names).
_EVENT_HANDLERS = etree.XPath("descendant-or-self::*[@*[starts-with(name(), 'on')]]")


#: A link's words that lead back up the page (回目录, 返回顶部).
_BACK_UP = re.compile(r"[\[【]?(?:(?:回|返回|回到)(?:目录|顶部)|top|↑)[\]】]?", re.I)
#: The blocks a table of contents may be (HDWiki's <fieldset id="catalog">, a wiki's <div id="toc">, a list).
_TOC_TAGS = frozenset(("fieldset", "div", "ul", "ol", "table", "dl", "nav"))


def _in_page(doc: Doc, a) -> bool:
    """Whether a link goes to a place on its own page (#1, doc-view-47.html#section on doc-view-47.html)."""
    href = (a.get("href") or "").strip()
    if href.startswith("#"):
        return True
    target, _, fragment = (absolute(doc.base_url, href) or "").partition("#")
    return bool(fragment) and target == doc.url.partition("#")[0]


def _contents_box(doc: Doc, el, unlinked: int) -> bool:
    """Whether a block is a table of contents: two links or more, all to places on the page (or a script's: its
    [显示全部] toggle), and little else (its 目录 label and the items' bullets)."""
    links = [a for a in el.iter("a") if (href := a.get("href")) and not href.lstrip().lower().startswith("javascript:")]
    return unlinked <= 12 and len(links) >= 2 and all(_in_page(doc, a) for a in links)


#: A link's words that lead back to the front page (返回首页, 返回搜狐，查看更多, 回到首页).
_BACK_HOME = re.compile(r"(?:返回|回到).{0,8}|.{0,6}查看更多")
#: The path of a site's front page.
_FRONT_PATH = re.compile(r"/(?:(?:index|default)\.\w{2,5})?", re.I)


def _front_page_link(doc: Doc, a) -> bool:
    """Whether a link goes to the front page of the page's own site."""
    href = absolute(doc.base_url, a.get("href"))
    if not href:
        return False
    host, _, path = host_dir(href)
    return host == host_dir(doc.url)[0] and _FRONT_PATH.fullmatch(path) is not None


def extract_body(doc: Doc, node, *, title: str, skip: list, crumb_el=None, crumbs=(), info_lines=(),
                 headline=None, title_el=None, quoted=()) -> BodyResult:
    """The body's paragraphs, HTML and images from node, cleaned of what is printed around the text. headline: the
    headline's element, when it matches the <title>: a short line above it in node is its kicker (引题), no body.
    title_el: the headline's element, matched or not: a short line between it and the info line is a summary.
    quoted: elements skipped however much of node's text they hold (a reader's quote of another floor over a short
    reply)."""
    if node is None:
        return BodyResult([], "", [], None, [])
    bare = _PICTURE_BADGE.sub("", title) if title and title[-1:] in "）)】]" else title  # (its （图） left out)
    if node.tag == "html":
        inner = node.find("body")
        node = inner if inner is not None else node
    # a table row (or body) around one cell that holds the text: the cell is the body (clean body_html)
    while node.tag in ("tr", "tbody", "thead", "table"):
        i = doc.idx.get(node)
        cells = [c for c in node if isinstance(c.tag, str) and doc.T[doc.idx.get(c, i)] > 0] if i is not None else []
        if len(cells) != 1 or doc.T[doc.idx[cells[0]]] < 0.9 * doc.T[i]:
            break
        node = cells[0]
    # (not an element that holds most of the text: the headline's or 上一篇's <font> around all of a WAP page's lines)
    half = doc.T[doc.idx[node]] / 2 if node in doc.idx else 0
    skip_set = {e for e in (*skip, *doc.comments) if e is not None and e is not node and doc.contains(node, e)
                and not (half and doc.T[doc.idx[e]] > half and e not in doc.floors)}  # (a reader's floor: never)
    skip_set.update(e for e in quoted if e is not node and doc.contains(node, e))
    if crumb_el is not None and crumb_el is not node and doc.contains(node, crumb_el):
        skip_set.add(crumb_el)
    T, L = doc.T, doc.L
    removals = []
    info: list[str] = []  # info lines printed in the body (a closing （来源：新疆日报）)
    info_texts = {p.text for p in info_lines}
    # (the page's info line gave the article's time, with a time label or a date before any label, 2013年05月30日 09:15
    # 来源：…: the body's 时间：… lines are text)
    dated = any(is_time_label(m) for text in info_texts for m in info_labels(text)) or any(
        (date := DATE_IN.search(text)) and date.start() < next((m.start() for m in info_labels(text)), len(text))
        for text in info_texts)
    # node's subtree in document order is doc.els[k0 + 1:end] (the tree is only changed after this walk); a
    # subtree is skipped by jumping over its size
    els, size, idx = doc.els, doc.size, doc.idx
    # hidden runs go first: the verdicts below read what a reader sees (an anti-scraping 版权所有 hidden in a sentence)
    for el in hidden_runs(node):
        drop_element(el)
    _take_attachment(doc, node)
    k0 = idx[node]
    k, end = k0 + 1, k0 + size[k0]
    top = idx[headline] if headline is not None and doc.contains(node, headline) else -1
    head_at = idx[title_el] if title_el is not None and doc.contains(node, title_el) else -1
    info_at = end
    while k < end:
        i, k = k, k + 1
        el = els[i]
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if el in skip_set or (tag != "img" and _is_ad(doc, el)):
            removals.append(el)
            k = i + size[i]
            continue
        t = T[i]
        if 0 < t <= 60 and i + size[i] <= top and not L[i] and next(el.iter("img"), None) is None:
            removals.append(el)  # a kicker (引题) over the headline: 大赛挖掘各地“豪杰” 孵化基地接连打造
            k = i + size[i]
            continue
        if tag == "form" and t <= 80 or tag == "fieldset" and (legend := el.find("legend")) is not None and \
                _LEDE_NAME.fullmatch(el_text(legend)):
            # a form's controls and their words (满意度评价：满意 基本满意); a summary box (<legend>摘 要</legend>)
            removals.append(el)
            k = i + size[i]
            continue
        if t == 0 and tag in _STRIP_TAGS and _thumbnail_strip(el):
            removals.append(el)
            k = i + size[i]
            continue
        if t and L[i] * 2 >= t and tag in _TOC_TAGS and _contents_box(doc, el, t - L[i]):
            removals.append(el)  # a table of contents (目录 over • 保障对象 • 保障标准: links within the page)
            k = i + size[i]
            continue
        if t == 0 or tag not in _CONTAINERS:
            continue
        if tag == "a" and (t <= 2 and (el.get("href") or "").startswith("#") and not any(
                c.isalnum() for c in el_text(el)) or t <= 12 and _BACK_HOME.fullmatch(el_text(el)) and
                                _front_page_link(doc, el) or t <= 6 and _BACK_UP.fullmatch(el_text(el)) and
                                _in_page(doc, el)):
            # a footnote's ↩ back to its reference: an arrow within the page, no text; a way back to the front page
            # after the text, inside its last paragraph (返回搜狐，查看更多); a section's way back up (回目录)
            removals.append(el)
            k = i + size[i]
            continue
        if t <= 400:
            text = el_text(el)
            why = _body_boiler_text(text, L[i] > 0)
            if why in ("lede", "prevnext", "editor", "related", "crumb") and not _one_block(el) or \
                    why == "counter" and (tag not in BLOCK_TAGS or el.find(".//img") is not None) or \
                    why == "caption" and el.find(".//img") is not None or \
                    why in ("lede", "editor", "trackback") and _line_goes_on(el) or why == "font":
                # a label at the start of a container that holds more: look at its parts instead (and a counter's
                # <span> in an info line's row is the line's, an image's counts under it (or a lightbox's caption
                # over it) the image's box's; a lede's <strong>核心提示：</strong>, an editor's <span>责任编辑:</span>
                # or a trackback's <strong>引用地址:</strong> opens a line of <br> lines, which goes as a whole; a
                # text-size switch goes only as a line of its own, not out of an info line it ends)
                why = None
            if why is None and title and (text in (title, bare) or text.endswith(title) and
                                          headline_text(text)[0] == title) \
                    and not _beside_text(el) and not (el.tag not in BLOCK_TAGS and (el.tail or "").strip()):
                why = "title"  # (标题：… in a record's grid too; not a sentence's subject: <b>低保</b>是指…)
            if why is None and t <= 8 and text == doc.title_text and PAGE_TYPE_TITLE.fullmatch(text):
                why = "title"  # the page kind's name, the <title>, heading the record (新闻详细)
            if why is None and t <= 200 and labelled_info_line(text) and not signed_text(text) \
                    and (text in info_texts or not another_time(text, dated)) \
                    and not (text.endswith(("：", ":", "】")) and _line_goes_on(el)):
                # (a bare label whose value follows it, <b>作者：</b>李娜<br> or 【作者】: the line goes, below)
                why = "info"
                # (without its box's heading: K2's <h3>附加信息</h3> over 来源: 新疆日报)
                heading = el_text(el[0]) if len(el) and heading_like(el[0]) else ""
                info.append(text[len(heading):].lstrip() if heading and text.startswith(heading) else text)
                if 0 <= head_at < i < info_at and (text in info_texts or not info_texts):
                    info_at = i  # the page's info line, under the headline
            if why is None and text[:1] in _RULE_CHARS and _forum_signature(el, text):
                why = "signature"
            if why is None and t <= 4 and _EDIT_SECTION.fullmatch(text) and (tag == "a" or el.find("a") is not None):
                why = "edit"  # a wiki section's [编辑] link before its heading's text
            if why is None and text[:1] in "[【" and _NAVBAR.match(text):
                why = "nav"  # a wiki's navigation box, its title led by the template's [查·论·编] links
            if why is None and t <= 40 and tag in ("div", "span") and "%" in text and _QUOTE_BOX.fullmatch(text):
                why = "quote"  # a stock's quote a plugin puts between paragraphs (广汇股份 12.34 +2.15%)
            if why is None and tag == "table" and L[i] and "%" in text and all(
                    r.find(".//a") is not None and _QUOTE_BOX.fullmatch(el_text(r)) for r in el.iter("tr")):
                why = "quote"  # a box of quotes, each name linking its quote page (not a text's table of figures)
            if why is None and tag in _LEDE_BOXES and len(el) and _lede_named(el, text):
                why = "lede"  # a summary box under its bold name alone (<b>摘要</b><br>【…】…), above the text
            if why is None and tag in _LEDE_BOXES and "导" in text[:6] and _LEAD_BOX.match(text) and _over_text(el):
                why = "lede"  # a 导语 box over the text's block (财新's [ 导语 ]…), not a paragraph of the text
            if why is None and L[i] and _SPONSORED.match(text):
                why = "ad"  # a box of sponsored links under its heading (Overture's 赞助商链接: a link, its words, its URL)
            if why is None and L[i] and _PAYWALL.match(text):
                why = "paywall"
            if why is None and "号" in text and len(set(_DISCLOSURE_LABEL.findall(text))) >= 3:
                why = "info"  # a 政务公开 page's 索引号/发布机构/生成日期/文号 block, wherever the body's block holds it
            if why:
                target = el
                if why == "related":
                    # the label heads a list: take the list too (the smallest link-dense ancestor)
                    up = el.getparent()
                    while up is not None and up is not node:
                        j = idx.get(up)
                        if j is None or T[j] > 3000 or L[j] < 0.35 * T[j]:
                            break
                        target, up = up, up.getparent()
                    if target is el and not L[i] and (after := el.getnext()) is not None and \
                            (j := idx.get(after)) is not None and T[j] <= 3000 and L[j] >= 0.35 * T[j] > 0:
                        removals.append(after)  # (a heading's block of its own over the list's: 我的相关日志)
                removals.append(target)
                k = i + size[i]
                continue
        if L[i] >= 0.6 * t and tag in ("ul", "ol", "table", "div", "dl", "tbody", "td", "p", "span", "center"):
            n_links = sum(1 for _ in el.iter("a"))
            if n_links >= 3 or (n_links >= 1 and t < 30 and L[i] == t and tag in ("ul", "ol", "dl")
                                and not DOCUMENT_NAME.search(el_text(el))):  # (not an attachment's: ….doc)
                removals.append(el)
                k = i + size[i]
    for el in removals:
        drop_element(el)

    paras = segment(node)
    kept: list[Para] = []
    dropped: list[Para] = []
    in_related = in_signature = False
    head_end = top  # the last headline or info line above the text: images before it are a cover's, an avatar's
    for k, p in enumerate(paras):
        text = p.text
        why = None
        signature = signed_text(text)  # …处理完毕。（作者：马喆　来源：新疆经济报）: prose, its info line closing it
        if in_signature:
            in_signature = False
            if len(text) <= _SIGNATURE_MAX and "。" not in text:
                why = "signature"  # (the line under a rule of its own)
        if in_related:
            if p.link and (p.link_ratio >= 0.3 or len(text) < 100):
                why = "related"
            else:
                in_related = False
        if why is None:
            if title and (text in (title, bare) or (k < 4 and text.replace(" ", "") == title.replace(" ", ""))
                          or text.endswith(title) and headline_text(text) == (title, True)):
                why = "title"  # (labelled: a thread's * 帖子主题：… row over each page's floors)
            elif k < 4 and TITLE_NAME.fullmatch(text):
                why = "title"  # a headline's label in a cell of its own (<b>标 题：</b><b>headline</b>)
            elif k < 4 and len(text) <= 40 and _SUBTITLE.match(text) and "。" not in text and (not kept or len(
                    kept) == 1 and any(is_cut_copy(kept[0].text, q.text) for q in paras[k + 1:k + 4])):
                why = "subtitle"  # ——走访喀什古城改造项目 under the headline (and under a summary box over the text)
            elif not kept and len(text) <= 80 and _HATNOTE.match(text):
                why = "hatnote"  # a wiki's note over the text: where a redirect came from, where another sense is
            elif not kept and crumbs and crumb_line(text, crumbs):
                why = "crumb"  # the breadcrumb as a line of the body's block (a WAP page's 首页>民生>正文<br/>)
            elif text == doc.description and _links_only(kept) and _box_before(p, paras, k):
                # the page's description in a box of its own above the body (DedeCMS's intro; aldryn's lead under the
                # author card's linked name)
                why = "lede"
            elif text[:1] in "（(" and CLOSING_SIGNATURE.match(text):
                why = "info"  # a closing （来源：阿克苏日报） on a line of its own after a <br>
                info.append(text)
                _cut_signature(p.el)
            elif text in info_texts and len(kept) < 4:
                why = "info"
            elif (doc.starters or doc.floors) and text[:1] in _RULE_CHARS and (rule := _RULE.match(text)) and \
                    len(text) - rule.end() <= _SIGNATURE_MAX:
                why = "signature"  # a post's signature under its rule (DVBBS's -----<br>新闻线索请拨：…)
                in_signature = rule.end() == len(text)
            elif signature is None and SIGNATURE.match(text) and is_info_line(text):
                why = "info"  # 作者：… 来源：… typed as a line of the text, wherever (the record's, when its info has none)
                info.append(text)
            elif len(kept) < 3 and signature is None and is_info_line(text) and \
                    not another_time(text, dated):
                why = "info"
            else:
                why = _body_boiler_text(text, p.link > 0)
                if why == "related":
                    in_related = True
        if why:
            dropped.append(p)
            if why in ("title", "info", "subtitle") and _links_only(kept):
                head_end = idx.get(p.el, head_end)  # (above it, the author card's linked name and avatar: aldryn's)
            continue
        if signature is not None:
            info.append(text[signature:])
            p.text = text[:signature].rstrip()
            _cut_signature(p.el)
        elif text[-1:] in ")）]】" and (credit := _CLOSING_EDITOR.search(text)) and credit.start() >= 10 and \
                any(c in text[:credit.start()] for c in "。！？"):
            p.text = text[:credit.start()].rstrip()  # …逐步回落。(责任编辑：GY002): the text, not its editor
            _cut_signature(p.el, _CLOSING_EDITOR)
        kept.append(p)
    lead = [p for p in kept[:3] if head_at < idx.get(p.el, head_at) < info_at < end]  # (node holds the headline)
    # (after what the block prints above the headline: a channel's link, FT中文网's storybread)
    rest = kept[kept.index(lead[-1]) + 1:] if lead else []
    if rest and idx.get(rest[0].el, -1) > info_at and _lead_above(lead, rest):
        dropped += lead  # a summary between the headline and the page's info line (OneThink's p.lead)
        kept[:] = [p for p in kept if p not in lead]
    # link-only paragraphs at the edges are navigation (a 关注 button over a summary box; an attachment,
    # 附件：<a>….doc</a> or a list of such documents under 附件：, is the article's)
    while kept and kept[0].link_ratio >= 0.6 and not _attachment(kept[0].text):
        dropped.append(kept.pop(0))
    if len(kept) >= 2 and any(is_cut_copy(kept[0].text, p.text) for p in kept[1:4]):
        # a summary box above the body: the opening paragraph again, cut short (that paragraph may follow an
        # editor's note and a byline: 编者按：… / 本网记者 王刚 / the text)
        dropped.append(kept.pop(0))
    # and so are a rating or share box's lines under the body (顶 / 踩, their counts)
    while kept and (kept[-1].link_ratio >= 0.6 and not _attachment(kept[-1].text)
                    or len(kept[-1].text) <= 12 and _WIDGET_LINE.fullmatch(kept[-1].text)):
        dropped.append(kept.pop())
    for p in kept:
        if p.text.endswith("次") and (m := _EMPTY_COUNT.search(p.text)) and _attachment(p.text[:m.start()]):
            p.text = p.text[:m.start()]
            _drop_empty_count(p.el)
    for p in dropped:
        el = p.el
        if el is not None and doc.contains(node, el):
            if el is not node and el.tag in BLOCK_TAGS and el.tag != "br" and el_text(el) == p.text:
                drop_element(el)
            else:
                _drop_line(p)
    for img in [img for img in node.iter("img") if idx.get(img, head_end) < head_end]:
        drop_element(img)
    photo = _photo_above(doc, node, head_end, [p.text for p in kept[:3]])
    node = _inner_block(node)
    if photo is not None:
        node.insert(0, photo)
    images = []
    for img in node.iter("img"):
        lazy = next((v.strip() for v in map(img.get, LAZY_SRC) if v and v.strip()), None)
        if lazy and "/" not in lazy and (img.get("src") or "").split("?")[0].endswith("/" + lazy):
            lazy = None  # (a lazy attribute naming the file its src shows whole: October CMS's data-src="5c8b….jpg")
        src = absolute(doc.base_url, lazy or img.get("src"))
        if not src:
            continue
        if not src.isascii() or " " in src:
            src = safe_url_string(src)  # a saved page's 中文 file names: the URL a browser asks for (UTF-8 %XX)
        img.set("src", src)  # a lazy-loaded image's own URL, not its loading.gif placeholder
        alt = img.get("alt") or ""
        if not _shown(img) or _IMG_SKIP.search(src) or _icon_sized(img) or _BUTTON_ALT.fullmatch(alt) or \
                "广告" in alt and _AD_SLOT_ALT.search(alt):
            continue  # (an ad slot's banner by its words: 新疆民生网广告位招租)
        link = img.getparent()
        if link is not None and link.tag == "a" and (to_site_root(doc, link) or _page_button(doc, img, link)
                                                     or _topic_icon(img, link)):
            continue  # the site's logo, linking its front page (a page cut off after its body: all of it is body)
        if src not in images:
            images.append(src)
    for a in node.iter("a"):
        href = a.get("href")
        if href:
            absu = absolute(doc.base_url, href)
            if absu:
                a.set("href", absu)
    return BodyResult([p.text for p in kept], _body_html(node), images, node, info)


def _drop_line(para: Para) -> None:
    """A dropped line of <br> lines out of the tree too, so that body_html holds what the paragraphs hold: the text
    after the element that opened it (a <br>, the start or the end of a block) and the inline elements up to the
    next <br> or block, when that is all the line holds; up to a picture, when the line is a server's error (an SSI
    include's, printed where it failed, before a photo of the text on the same line)."""
    error = para.text[:1] in _SERVER_ERROR_START and _SERVER_ERROR.match(para.text) is not None
    el = para.el
    starts = (("tail", el.getnext()),) if el.tag == "br" else (("text", el[0] if len(el) else None),
                                                                ("tail", el.getnext()))
    for attr, sib in starts:
        run, parts = [], [getattr(el, attr) or ""]
        while sib is not None and isinstance(sib.tag, str) and sib.tag not in BLOCK_TAGS and not (
                error and (sib.tag == "img" or sib.find(".//img") is not None)):
            run.append(sib)
            parts += (text_of(sib), sib.tail or "")
            sib = sib.getnext()
        if clean_text("".join(parts)) == para.text:
            setattr(el, attr, None)
            for inline in run:
                inline.getparent().remove(inline)
            return


def _links_only(kept: list[Para]) -> bool:
    """Whether the paragraphs kept so far are lines of links only (a category's, an author's name): none of the text,
    link-only lines at its edges go (extract_body)."""
    return all(p.link_ratio >= 0.6 for p in kept)


def _lead_above(kept: list[Para], rest: list[Para]) -> bool:
    """A line or two of text between the headline and the info line, short beside the text under that line: the
    article's summary (its deck), printed above the info line that heads the text."""
    lead = sum(len(p.text) for p in kept)
    return 0 < len(kept) <= 2 and lead <= 300 and sum(len(p.text) for p in rest) >= 2 * lead


def _box_before(p: Para, paras: list[Para], k: int) -> bool:
    """Whether paragraph k is a box of its own above the block of the text after it, no sentence printed beside it
    (DedeCMS's intro <div> above its content <div>, Plone's <p class="documentDescription"> above its text's
    <div> or its <br> lines; not a body's first <div> or <p> paragraph, nor the first of a text pasted paragraph by
    paragraph, each in a <section> of its own: a WeChat editor's)."""
    if p.el is None or p.el.tag == "br":
        return False
    parent = p.el.getparent()
    after = [q for q in paras[k + 1:] if q.el is not None]
    return bool(after) and not any(a is p.el for a in after[0].el.iterancestors()) \
        and not any(q.el.getparent() is parent and "。" in q.text and (q.el.tag == "p" or q.el.find("br") is None)
                    for q in after) \
        and not any(_alike_wrapper(q.el.getparent(), parent) for q in after if "。" in q.text)


def _alike_wrapper(box, parent) -> bool:
    """Whether box holds its paragraph as parent does: the same tags, classes and number of children up to where
    they meet, three levels at most (each paragraph in a <section> of its own; each caption under a gallery's
    slide, beside its counter)."""
    for _ in range(3):
        if box is None or box is parent or box.tag != parent.tag or len(box) != len(parent) or \
                box.get("class") != parent.get("class"):
            return False
        if box.getparent() is parent.getparent():
            return True
        box, parent = box.getparent(), parent.getparent()
    return False


def _page_button(doc: Doc, img, link) -> bool:
    """Whether an image is a page-turn button: a .gif/.png without alt text, all its link shows, leading to another
    page of the document (people.cn's next_b.gif under the body; a gallery's photo leading on is a picture)."""
    if (img.get("alt") or "").strip() or not (img.get("src") or "").lower().endswith((".gif", ".png")) \
            or el_text(link):
        return False
    href = absolute(doc.base_url, link.get("href"))
    return href is not None and canonical_url(href) != canonical_url(doc.url) and same_family(href, doc.url)


def _topic_icon(img, link) -> bool:
    """Whether an image is a topic's icon: all its link shows, leading where a text link elsewhere on the page leads
    in words that hold the image's alt (PHP-Nuke's <a href="article-topic-1.html"><img alt="就业社保"></a> over the
    text, and 更多关于 就业社保 的新闻 in a box beside it)."""
    alt, href = clean_text(img.get("alt") or ""), link.get("href")
    if not alt or len(alt) > 12 or not href or el_text(link):
        return False  # (a topic's name, no headline of an article the page lists)
    # (the whole page's links: a layout's reading has a Doc of the body's parent only)
    return any(a is not link and a.get("href") == href and alt in el_text(a) for a in link.getroottree().iter("a"))


#: An editor's credit in brackets closing a paragraph of text (…价格将逐步回落。(责任编辑：GY002)).
_CLOSING_EDITOR = re.compile(rf"[（(\[【]\s*(?:{EDITOR_LABELS})\s*[:：][^（）()\[\]【】]{{1,30}}[)）\]】]\s*$")


def _cut_signature(el, closing=CLOSING_SIGNATURE) -> None:
    """The closing signature (or editor's credit) out of the text node of el's paragraph that ends with it
    (body_html as body)."""
    nodes = [(el, "tail")] if el.tag == "br" else [(e, attr) for e in reversed(list(el.iter())) for attr in
                                                  (("tail", "text") if e is not el else ("text",))]
    for e, attr in nodes:
        value = getattr(e, attr)
        if value and (m := closing.search(value)):
            setattr(e, attr, value[: m.start()])
            return


#: What a rating or share box prints besides its icons: a count (0), (12), 50%; 顶 / 踩 / 赞 with or without one; a
#: view counter's 2,210 次阅读.
_WIDGET_LINE = re.compile(r"[(（\[]?\d{1,6}(?:\.\d+)?%?[)）\]]?"
                          r"|(?:顶|踩|赞|顶一下|踩一下|赞一个|赞一下|我顶|我踩|支持|反对)\s*(?:[(（\[]?\s*\d{1,6}\s*[)）\]]?)?"
                          r"|\d{1,6}\s*(?:顶|踩|赞)|\d[\d,]{0,8}\s*次(?:阅读|浏览|点击|查看)"
                          r"|(?:您的|我的|我要|平均)?评分\s*[:：]?\s*(?:\d(?:\.\d)?\s*分?)?"  # a ratings box: 您的评分
                          r"|(?:平均\s*)?[(（]?\s*\d{1,6}\s*(?:投票|票|人评分)\s*[)）]?"  # 平均 (4 投票)
                          r"|[(（]?(?:请您?)?对(?:本文|文章|此文)(?:做出|作出)?评价[)）]?")  # cnblogs' (请您对文章做出评价)
_ATTACHMENT = re.compile(r"附\s*(?:件|表)?\s*\d*\s*[:：【\[]|相关附件[:：]|附件下载[:：]")  # (附：<a>…一览表</a> too)
#: A series' pointer to its other part, opening the text (（上篇见：<a>高校毕业生就业调查（上）</a>）).
_SERIES_POINTER = re.compile(r"[（(]\s*(?:上|前|下|续)篇见\s*[:：]")
#: A thread's address cited under the post a portal pushed from it (Discuz!'s 原帖地址：<a>http://…</a>).
_CITED_THREAD = re.compile(r"原(?:帖|贴|文)(?:地址|链接)\s*[:：]\s*https?://\S+$")
#: A document's file name, as an attachment's link shows it (1.居民身份证申领登记表.doc).
DOCUMENT_NAME = re.compile(r"\.(?:docx?|xlsx?|pptx?|pdf|wps|et|rar|zip|7z)\s*$", re.I)


def _take_attachment(doc: Doc, node) -> None:
    """The attachment line a CMS prints right after the body's block (WebPlus: 附件【….xls】已下载次 in the table row
    under the content cell) moved to the end of the block: the article's own, as an attachment line inside it is.
    Only empty elements may stand between them."""
    i = doc.idx.get(node)
    if i is None or node.tag in ("body", "html"):
        return
    els, T, texts, size = doc.els, doc.T, doc.texts, doc.size
    for k in range(i + size[i], min(i + size[i] + 12, len(els))):
        if not T[k]:
            continue
        j = k  # the first text in it
        while j < k + size[k] and (not texts[j] or texts[j].isspace()):
            j += 1
        el = els[k]
        if T[k] > 300 or j == k + size[k] or texts[j].lstrip()[:1] not in ("附", "相") \
                or not _ATTACHMENT.match(doc.text(el)):
            return
        while el.tag in _TABLE_PARTS:  # down to what the row holds (a <ul> of one <li>: 附件【…】)
            kids = [c for c in el if isinstance(c.tag, str)]
            if len(kids) != 1:
                return
            el = kids[0]
        el.tail = None
        node.append(el)
        return


#: An attachment's download count that a script writes, empty in the page (已下载<span><script>…</script></span>次):
#: its words are no text.
_EMPTY_COUNT = re.compile(r"\s*[已被]下载\s*次$")
_COUNT_BEFORE = re.compile(r"[已被]下载\s*$")
_COUNT_AFTER = re.compile(r"^\s*次")


def _drop_empty_count(el) -> None:
    """The same words out of the tree, for body_html: the empty element between them and them."""
    for holder in list(el.iter()) if el is not None else ():
        if len(holder) or (holder.text or "").strip() or not _COUNT_AFTER.match(holder.tail or ""):
            continue
        before, parent = holder.getprevious(), holder.getparent()
        text = (before.tail if before is not None else parent.text) or ""
        if (m := _COUNT_BEFORE.search(text)) is None:
            continue
        if before is not None:
            before.tail = text[:m.start()]
        else:
            parent.text = text[:m.start()]
        holder.tail = _COUNT_AFTER.sub("", holder.tail)
        drop_element(holder)


def _attachment(text: str) -> bool:
    """Whether a line of links is the article's own: an attachment, a series' pointer to its other part, or the address
    of the thread it was pushed from."""
    return _ATTACHMENT.match(text) is not None or DOCUMENT_NAME.search(text) is not None or \
        _SERIES_POINTER.match(text) is not None or _CITED_THREAD.match(text) is not None


#: Where lazy-loading scripts keep an image's real URL (src holds a placeholder): jQuery lazyload, echo.js, lazysizes,
#: Discuz's file=, Sina Blog's real_src=, layui's lay-src=, QQ空间's orgsrc=, 凤凰网's data-lazyload=, 腾讯微博's crs=.
LAZY_SRC = ("data-original", "data-src", "data-lazy-src", "data-lazyload", "data-echo", "data-url", "original", "file",
            "real_src", "lay-src", "data-actualsrc",  # (Zhihu's, under a data:image/svg+xml placeholder)
            "orgsrc", "crs")

#: Layout blocks a cleaned body may be narrowed to, and the table rows passed through on the way to a cell.
_LAYOUT_BLOCKS = frozenset(("div", "td", "th", "table", "center", "section", "article", "main"))
_ROW_TAGS = frozenset(("tbody", "thead", "tfoot", "tr"))
_TABLE_PARTS = _ROW_TAGS | {"table", "td", "th"}


#: Blocks that may be a row of thumbnails.
_STRIP_TAGS = frozenset(("ul", "ol", "dl", "p", "tr", "tbody", "div", "td", "th", "table", "center", "section"))
#: A link to an image file (a click-to-enlarge picture), not to a page.
_IMAGE_HREF = re.compile(r"\.(?:jpe?g|png|gif|bmp|webp)(?:$|\?)", re.I)


def _thumbnail_strip(el) -> bool:
    """Whether a block without text is a row of three or more linked images that lead to pages (a gallery's
    thumbnails of its pages, a 图片推荐 strip): navigation, not the article's pictures (nor links that lead nowhere,
    a script's viewer: LOFTER's <a href="#" bigimgsrc="…">)."""
    links = 0
    for a in el.iter("a"):
        if a.find(".//img") is None or _IMAGE_HREF.search(href := a.get("href") or "") or href.strip() in ("", "#"):
            return False
        links += 1
    return links >= 3


def _inner_block(node):
    """The one block inside a cleaned body that holds all of its text and images, when the rest is layout the
    cleaning emptied (a template's column cell around the title table, info row, content cell and 上一篇/下一篇
    row): body_html is then that block, not empty rows and rules around it. Table rows are passed through on
    the way to a cell."""
    block = node
    while (node := _only_holder(node)) is not None:
        if node.tag in _LAYOUT_BLOCKS:
            block = node
        elif node.tag not in _ROW_TAGS:
            break
    return block


def _only_holder(el):
    """The only child of el with text or an image in it; None when there are none or several, or when el has
    text of its own (outside its children)."""
    text = el.text
    if text and not text.isspace():
        return None
    holder = None
    for child in el:
        tail = child.tail
        if tail and not tail.isspace():
            return None
        if _has_text(child) or any(map(_shown, child.iter("img"))):
            if holder is not None:
                return None
            holder = child
    return holder


#: A page's file extension and page number (content_21325510_2.htm): what its other pages' URLs do not share.
_PAGE_SUFFIX = re.compile(r"(?:[_-]\d{1,3})?\.\w{2,5}$")


def _over_text(box) -> bool:
    """Whether the block after box is a block of paragraphs or lines (the text's, box a box of its own above it)."""
    after = next((e for e in box.itersiblings() if isinstance(e.tag, str)), None)
    return after is not None and after.tag in ("div", "td", "article", "section") and sum(
        1 for e in after if e.tag in ("p", "div", "br")) >= 2


def _lede_named(box, text: str) -> bool:
    """Whether a block opens with a lede box's name alone in bold (or in a <font> or a <span> around it), one line of
    text or one paragraph after it (not a text of <br> lines that opens with its lede: that line goes alone)."""
    el = box
    while len(el) and el[0].tag in STYLING_TAGS and not (el.text or "").strip():
        el = el[0]
        if _LEDE_NAME.fullmatch(name := el_text(el)):
            blocks = [d for d in box.iterdescendants() if d.tag in BLOCK_TAGS and d.tag != "br"]
            return text != name and sum(1 for _ in box.iter("br")) <= 1 and (
                not blocks or len(blocks) == 1 and blocks[0].tag in ("p", "div") and blocks[0].getparent() is box)
    return False


def _photo_above(doc: Doc, node, head_end: int, opening: list[str]):
    """The block right above the text's block that holds one picture and no text, unlinked, linked to its full size
    or leading on to the document's next page (a gallery page: <div class="pic_img"><a><img></a></div> over <div
    class="pic_txt">, a post's cover over its text): the text's first picture (not a banner ad's, linking
    elsewhere); or above the summary box over it, one of the text's opening paragraphs cut short (虎嗅's 头图)."""
    prev = _element_before(node)
    if prev is not None and any(is_cut_copy(el_text(prev), paragraph) for paragraph in opening):
        prev = _element_before(prev)
    i = doc.idx.get(prev) if prev is not None else None
    if i is not None and doc.T[i] and (last := _last_child(prev)) is not None and (j := doc.idx.get(last)) is not None \
            and not doc.T[j] and (last.tag == "img" or next(last.iter("img"), None) is not None) and any(
            map(heading_like, prev.iter())):
        prev, i = last, j  # (the post's header block: its headline, its info line, its picture last: Divi's featured
        # image)
    if i is None or i <= head_end or doc.T[i] or (prev.tail or "").strip():
        return None
    imgs = list(prev.iter("img"))
    if len(imgs) != 1 or not _shown(imgs[0]) or _icon_sized(imgs[0]) or _banner_sized(imgs[0]):
        return None
    link = next(imgs[0].iterancestors("a"), None)
    if link is None:  # (the last page's photo, leading nowhere; not a thread's avatar over a floor's text)
        return None if doc.floors or doc.starters else prev
    href = absolute(doc.base_url, link.get("href"))
    stem = _PAGE_SUFFIX.sub("", doc.url)
    return prev if href is not None and (_IMAGE_HREF.search(href) or stem != doc.url and href.startswith(stem)) \
        else None


def _last_child(el):
    """The last element inside el (past comments), or None."""
    return next((child for child in reversed(el) if isinstance(child.tag, str)), None)


def _element_before(el):
    """The element right before el among its siblings (past comments), or None."""
    el = el.getprevious()
    while el is not None and not isinstance(el.tag, str):
        el = el.getprevious()
    return el


def picture_box(doc: Doc, el) -> bool:
    """Whether a block prints pictures and no words: each shown at a picture's size, unlinked or linked to its full
    size (October CMS's featured images under the text; not a banner ad's box, linking elsewhere)."""
    i = doc.idx.get(el)
    imgs = list(el.iter("img")) if i is not None and not doc.T[i] else ()
    return bool(imgs) and all(_shown(img) and not _icon_sized(img) and not _banner_sized(img) and (
        (link := next(img.iterancestors("a"), None)) is None
        or _IMAGE_HREF.search(absolute(doc.base_url, link.get("href")) or "")) for img in imgs)


def _drawn_size(img) -> tuple[str, str]:
    """The width and height an <img> is drawn at, as its attributes print them ("" where absent)."""
    return (img.get("width") or "").strip(), (img.get("height") or "").strip()


def _shown(img) -> bool:
    """Whether an image is more than a layout's rule or spacer (a 960x1 line.gif between the info row and the text)."""
    w, h = _drawn_size(img)
    return w not in ("0", "1", "2") and h not in ("0", "1", "2")


def _icon_sized(img) -> bool:
    """Whether an image is drawn at an icon's size, both sides given and at most 16 pixels (phpBB's 7x10 paper clip
    before an attachment's name)."""
    w, h = _drawn_size(img)
    return w.isdigit() and h.isdigit() and int(w) <= 16 and int(h) <= 16


def _banner_sized(img) -> bool:
    """Whether an image is drawn as a banner, at least four times as wide as high (a column's 960x120 head)."""
    w, h = _drawn_size(img)
    return w.isdigit() and h.isdigit() and int(w) >= 4 * int(h)


def _has_text(el) -> bool:
    """Whether el's subtree has visible text (one serialisation in C, not a Python step per text node)."""
    text = text_of(el)
    return bool(text) and not text.isspace()


def _body_html(node) -> str:
    """node serialised, without event handler attributes: the serialiser writes one space before each attribute,
    so an HTML without " on" has none and needs no search of the tree (most pages: one serialisation)."""
    try:
        html = etree.tostring(node, encoding="unicode", method="html", with_tail=False)
        if " on" not in html:
            return html
        handlers = _EVENT_HANDLERS(node)
        if not handlers:
            return html
        for el in handlers:
            for attr in [a for a in el.attrib if a.startswith("on")]:
                del el.attrib[attr]
        return etree.tostring(node, encoding="unicode", method="html", with_tail=False)
    except Exception:  # noqa: BLE001
        return ""
