"""The site-specific fast path: ``rules`` (the ``XJMSW_SITE_RULES`` setting) map a field to a CSS selector or an
XPath expression (XPath when it starts with ``/``, ``./`` or ``(``), compiled once. Keys:

``title``       the headline element
``body``        the body container (its cleaning and paragraph rules stay the generic ones)
``info``        the info line element (author/source/date labels are parsed from its text)
``breadcrumb``  the breadcrumb element
``prev``/``next`` the element holding the 上一篇/下一篇 link (or the ``<a>`` itself)
``pagebar``     the page bar of a multi-page article
``listing``     (listing pages) the container of the article links

A key that is missing, a bad selector or one that matches nothing gives None: that field is read the generic way.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from lxml import etree

from .generic import Doc


@lru_cache(maxsize=256)
def _compile(selector: str):
    sel = selector.strip()
    try:
        if sel.startswith(("/", "./", "(")):
            return etree.XPath(sel)
        from lxml.cssselect import CSSSelector

        return CSSSelector(sel)
    except Exception:  # noqa: BLE001 - a bad selector in settings must not break extraction
        return None


def rule_element(doc: Doc, rules: Mapping | None, key: str):
    """The first element the rule `key` selects, or None (no rule, bad rule or no match)."""
    if not rules or not rules.get(key):
        return None
    fn = _compile(str(rules[key]))
    if fn is None:
        return None
    try:
        found = fn(doc.root)
    except Exception:  # noqa: BLE001
        return None
    for item in found if isinstance(found, list) else []:
        if isinstance(item, etree._Element) and isinstance(item.tag, str):
            return item
    return None
