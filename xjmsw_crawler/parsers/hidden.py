"""Text a reader never sees: what a page's <style> rules and inline styles hide. Anti-scraping options write noise,
even a label (来源：新疆民生网), into article text that way; the body's cleaning and the info line's label counts
leave it out."""

from __future__ import annotations

import re

from .generic import text_of


#: Root attribute naming the classes the page's <style> hides (mark_hidden_classes).
HIDDEN_CLASSES = "data-xjmsw-hidden-classes"
#: An inline style that takes its element off the page.
NOT_DISPLAYED = r"display\s*:\s*none|visibility\s*:\s*hidden"
#: ... compiled, for a search in one element's style attribute.
NOT_DISPLAYED_STYLE = re.compile(NOT_DISPLAYED, re.I)
#: An inline style that hides its element's text: not shown, zero size, or white (on the white page).
HIDING_STYLE = re.compile(NOT_DISPLAYED + r"|font-size\s*:\s*0(?![.\d])|"
                          r"(?<![-\w])color\s*:\s*(?:#fff(?:fff)?|white|rgb\(\s*255\s*,\s*255\s*,\s*255\s*\))(?![\w])",
                          re.I)  # (rgb(255, 255, 255): a computed style, as archive.today writes each element's)
_WHITE = frozenset(("#fff", "#ffffff", "white"))
_HIDDEN_NOISE_MAX = 60  # characters: a longer hidden block (the rest of an article behind 展开全文) stays
_NOISE_TAGS = ("span", "font", "p", "div", "b", "strong", "em", "i", "u", "small", "label", "section", "ul", "ol", "h2",
               "h3", "h4", "h5", "h6")
#: The classes frameworks hide words with that only a screen reader reads (Drupal's visually-hidden, Bootstrap's and
#: Tailwind's sr-only, WordPress's screen-reader-text, Elementor's elementor-screen-only), wherever the stylesheet that
#: says so is.
SCREEN_READER_CLASSES = frozenset(("visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text",
                                   "element-invisible", "elementor-screen-only"))
#: Root attribute naming the screen-reader classes the page uses (mark_hidden_classes).
READER_CLASSES = "data-xjmsw-reader-classes"
#: The blocks such a class hides from the text: a heading or a paragraph of its own (an Astro post's <h2
#: class="sr-only">Footnotes</h2>), not a link's or a page bar's words (<a>«<span class="sr-only">上一页</span></a>).
_READER_BLOCKS = frozenset(("p", "div", "section", "h2", "h3", "h4", "h5", "h6"))


def hidden_runs(node) -> list:
    """Text a reader never sees inside node: the noise anti-scraping options write into article text (DedeCMS's
    防采集混淆: `<span style="display:none">xjmsw8d2k</span>`, white `<font>` inside a sentence, font-size 0, a class a
    <style> rule hides, a heading a screen reader's class hides). Only short runs count, with links only where not
    displayed: a folded rest of an article is text."""
    root = node.getroottree().getroot()
    hidden_classes = set((root.get(HIDDEN_CLASSES) or "").split())
    reader_classes = set((root.get(READER_CLASSES) or "").split())
    found = []
    for el in node.iter(_NOISE_TAGS):
        style, cls = el.get("style"), el.get("class")
        color = el.get("color") if el.tag == "font" else None
        if style is None and color is None and not (cls and (hidden_classes or reader_classes)):
            continue
        m = HIDING_STYLE.search(style) if style else None
        if m and m.group().lower().startswith("color") or color and color.strip().lower() in _WHITE:
            # white is hidden only inside running text (or at its end), not on a coloured bar
            hidden = bool((el.tail or "").strip()) or _after_text(el)
        else:
            names = set(cls.split()) if cls else set()
            hidden = m is not None or bool(hidden_classes & names
                                           or el.tag in _READER_BLOCKS and reader_classes & names)
        # (a link not displayed: a menu a click shows, Discuz's attachment's 下载 (87.01 KB) box; not a white one)
        if hidden and el is not node and (el.find(".//a") is None or m and NOT_DISPLAYED_STYLE.match(m.group())) and \
                el.find(".//img") is None and (len(text_of(el).strip()) <= _HIDDEN_NOISE_MAX or m and _popup(style)):
            found.append(el)
    return found


def _popup(style: str) -> bool:
    """Whether a hidden element's style makes it a popup a hover shows, of any length (Discuz! X's attachment tip:
    position: absolute; display: none): never text in place."""
    low = style.lower()
    return "absolute" in low and NOT_DISPLAYED_STYLE.search(low) is not None


def _after_text(el) -> bool:
    """Whether text comes right before el in its parent (a sentence's end before a white <font> at a paragraph's)."""
    before = el.getprevious()
    text = before.tail if before is not None else el.getparent().text if el.getparent() is not None else None
    return bool(text and text.strip())


#: A <style> rule that hides a class: .hidden{display:none}; 知乎's .invisible{font-size:0;…} around a link's http://.
_HIDDEN_CLASS_RULE = re.compile(r"\.([\w-]+)\s*\{[^{}]{0,200}?(?:display\s*:\s*none|font-size\s*:\s*0(?![.\d]))", re.I)


def screen_reader_only(el) -> bool:
    """Whether an element's class is one that only a screen reader reads (sr-only, visually-hidden, …)."""
    return bool(cls := el.get("class")) and not SCREEN_READER_CLASSES.isdisjoint(cls.split())


def mark_hidden_classes(root, text: str) -> None:
    """The classes the page's <style> rules hide (in its <head>, or in its text: HDWiki's anti-scraping .x{display:
    none} over the entry), and the screen-reader classes its text names, noted on the root (HIDDEN_CLASSES,
    READER_CLASSES) for hidden_runs: prepare() strips the rules themselves."""
    if "none" in text or "size:0" in text or "size: 0" in text:
        names = {name for style in root.iter("style")
                 if "none" in (css := style.text or "") or "size:0" in css or "size: 0" in css
                 for name in _HIDDEN_CLASS_RULE.findall(css)}
        if names:
            root.set(HIDDEN_CLASSES, " ".join(sorted(names)))
    if reader := [name for name in sorted(SCREEN_READER_CLASSES) if name in text]:
        root.set(READER_CLASSES, " ".join(reader))
