"""Item pipelines, one concern each: normalise, validate, de-duplicate, write JSONL."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from xjmsw_crawler.items import RECORD_FIELDS, record_schema, record_validator
from xjmsw_crawler.parsers.normalize import clean_text

logger = logging.getLogger(__name__)


def dumps_record(record: dict) -> str:
    """One JSONL line: real characters, no spaces after separators' defaults changed, fields in order."""
    return json.dumps(record, ensure_ascii=False)


class NormalizePipeline:
    """Whitespace and emptiness rules shared by every record, whatever extraction path produced it."""

    def process_item(self, item):
        adapter = ItemAdapter(item)
        for name in ("title", "author", "source", "category"):
            value = adapter.get(name)
            if isinstance(value, str):
                value = clean_text(value)
                adapter[name] = value or (None if name != "title" else "")
        adapter["breadcrumb"] = [t for t in (clean_text(x) for x in adapter.get("breadcrumb") or []) if t]
        for name in ("prev", "next"):
            link = adapter.get(name)
            if link:
                link["title"] = clean_text(link.get("title"))
        # Fields in the published order, so every writer emits the same line.
        return {name: adapter.get(name) for name in RECORD_FIELDS} | {
            k: v for k, v in adapter.items() if k not in RECORD_FIELDS
        }


#: Keywords schema_check ignores (annotations, and `format`, which jsonschema only checks when asked to).
_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "definitions", "$comment", "title", "description",
                          "examples", "default", "format", "deprecated", "readOnly", "writeOnly"})
#: The types schema_check accepts: the exact JSON types, so that it is never laxer than jsonschema.
_TYPES = {"string": str, "object": dict, "array": list, "integer": int, "boolean": bool, "null": type(None)}


def schema_check(schema: dict):
    """A fast yes/no check compiled from a JSON Schema: True only when jsonschema would find no error. It is
    stricter where that is simpler (exact JSON types, no 1.0 for an integer) and knows only the keywords the
    record schema uses; None when the schema has any other keyword. ValidatePipeline asks jsonschema about
    every record this check does not pass, so what is dropped, logged and counted is jsonschema's verdict.
    (jsonschema's iter_errors and ItemAdapter.asdict took ~0.7 ms a record, more than the crawl's budget.)"""

    class Unsupported(Exception):
        pass

    compiled: dict[str, object] = {}

    def ref(pointer: str):
        if pointer not in compiled:
            if not pointer.startswith("#"):
                raise Unsupported(pointer)
            node = schema
            for part in filter(None, pointer[1:].split("/")):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            compiled[pointer] = None  # recursion guard; filled in below
            compiled[pointer] = build(node)
        return lambda v: compiled[pointer](v)

    def build(s):
        if s is True or s == {}:
            return lambda v: True
        if not isinstance(s, dict):
            raise Unsupported(s)
        checks = []
        for key, val in s.items():
            if key in _ANNOTATIONS:
                continue
            if key == "type":
                kinds = tuple(_TYPES[t] for t in ([val] if isinstance(val, str) else val))
                checks.append(lambda v, k=kinds: type(v) in k)
            elif key == "pattern":
                checks.append(lambda v, rx=re.compile(val): not isinstance(v, str) or rx.search(v) is not None)
            elif key == "minLength":
                checks.append(lambda v, n=val: not isinstance(v, str) or len(v) >= n)
            elif key == "maxLength":
                checks.append(lambda v, n=val: not isinstance(v, str) or len(v) <= n)
            elif key in ("minimum", "maximum"):
                sign = 1 if key == "minimum" else -1
                checks.append(lambda v, m=val, sg=sign: type(v) not in (int, float) or sg * (v - m) >= 0
                              if not isinstance(v, bool) else True)
            elif key == "required":
                checks.append(lambda v, names=tuple(val): not isinstance(v, dict) or all(n in v for n in names))
            elif key == "properties":
                props = {name: build(sub) for name, sub in val.items()}
                checks.append(lambda v, p=props: not isinstance(v, dict) or all(f(v[n]) for n, f in p.items() if n in v))
            elif key == "additionalProperties":
                if "patternProperties" in s:
                    raise Unsupported(key)
                known = frozenset(s.get("properties", ()))
                extra = build(val) if val is not False else None
                checks.append(lambda v, k=known, f=extra: not isinstance(v, dict) or all(
                    name in k or (f is not None and f(x)) for name, x in v.items()))
            elif key == "items":
                if "prefixItems" in s or not isinstance(val, (dict, bool)):
                    raise Unsupported(key)
                each = build(val) if val is not False else (lambda v: False)
                checks.append(lambda v, f=each: not isinstance(v, list) or all(f(x) for x in v))
            elif key == "$ref":
                checks.append(ref(val))
            elif key == "anyOf":
                subs = [build(sub) for sub in val]
                checks.append(lambda v, fs=subs: any(f(v) for f in fs))
            elif key == "enum":
                if any(isinstance(e, (dict, list)) for e in val):
                    raise Unsupported(key)
                checks.append(lambda v, es=tuple(val): any(type(v) is type(e) and v == e for e in es))
            else:
                raise Unsupported(key)
        return lambda v: all(c(v) for c in checks)

    try:
        return build(schema)
    except (Unsupported, KeyError, TypeError, re.error):
        return None


class ValidatePipeline:
    """Drops (and logs and counts) a record that does not match the published JSON Schema."""

    def __init__(self, stats):
        self.stats = stats
        self.validator = record_validator()
        self.fast_check = schema_check(record_schema())

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        if self.fast_check is not None and type(item) is dict and self.fast_check(item):
            return item  # valid (schema_check); every other record gets jsonschema's verdict and messages
        errors = sorted(self.validator.iter_errors(ItemAdapter(item).asdict()), key=lambda e: list(e.path))
        if errors:
            self.stats.inc_value("xjmsw/dropped/invalid")
            reason = "; ".join(f"{'/'.join(map(str, e.path)) or 'record'}: {e.message}" for e in errors[:3])
            logger.warning("Invalid record dropped: %s: %s", item.get("url"), reason)
            raise DropItem(f"invalid record {item.get('url')}: {reason}")
        return item


class DedupePipeline:
    """One record per article id in a run, whichever way the article was reached."""

    def __init__(self, stats):
        self.stats = stats
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item):
        key = item["id"]
        if key in self.seen:
            self.stats.inc_value("xjmsw/dropped/duplicate")
            raise DropItem(f"duplicate record {item['url']}")
        self.seen.add(key)
        return item


class JsonlWriterPipeline:
    """Writes each record as one line of XJMSW_JSONL and flushes it, so a crash loses no finished record."""

    def __init__(self, path: str, append: bool, stats):
        self.path = Path(path)
        self.append = append
        self.stats = stats
        self.file = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.get("XJMSW_JSONL"), settings.getbool("XJMSW_JSONL_APPEND"), crawler.stats)

    def open_spider(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.file = self.path.open("a" if self.append else "w", encoding="utf-8")

    def close_spider(self):
        if self.file:
            self.file.close()
            logger.info("Records written to %s", self.path)

    def process_item(self, item):
        line = None
        if type(item) is dict:  # a plain record: ItemAdapter.asdict would copy it unchanged (~0.1 ms)
            try:
                line = dumps_record(item)
            except TypeError:  # a nested object json cannot write: let itemadapter convert it, as before
                pass
        self.file.write((line if line is not None else dumps_record(ItemAdapter(item).asdict())) + "\n")
        self.file.flush()
        self.stats.inc_value("xjmsw/records_written")
        return item
