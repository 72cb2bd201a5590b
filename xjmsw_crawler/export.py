"""Tables for pandas and R users: CSV or Parquet, and a Frictionless `datapackage.json` describing the columns.

One row per article (its latest version), or per record with `all_versions`. Columns: the record's fields in
their published order, with `version` after `id` (1 when a record has none), and `prev`/`next` flattened into
`prev_url`, `prev_title`, `next_url`, `next_title`.

CSV (RFC 4180, UTF-8, header row, `\\n` between rows): `body` keeps its `\\n` between paragraphs inside a quoted
cell; `breadcrumb` and `images` are JSON arrays (`["首页", "民生经济"]`), the Table Schema `array` type,
lossless whatever the text holds (`json.loads`, `jsonlite::fromJSON`); null is an empty cell (no text field of a
valid record is the empty string, except possibly `body_html`). Parquet: lists are list<string>, `fetched_at`
a UTC timestamp, `version` and `pages` int32, the rest strings; null is null.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from xjmsw_crawler import __version__
from xjmsw_crawler.report import find_jsonl, iter_jsonl

#: Known columns: name -> (Table Schema type, description, extra descriptor keys). Record fields not listed
#: here (added to the record later) are described from schema.json.
KNOWN_COLUMNS: dict[str, tuple[str, str, dict]] = {
    "id": ("string", "First 16 hex digits of SHA-1 over the canonical URL's path and sorted query; the same "
           "article has the same id from the live site, a mirror or the Wayback Machine.",
           {"constraints": {"required": True, "pattern": "[0-9a-f]{16}"}}),
    "version": ("integer", "1 for the first archived version of the article; a higher version with the same id "
                "is a later edit (different body).", {"constraints": {"required": True, "minimum": 1}}),
    "url": ("string", "Canonical absolute URL of the article's first page.",
            {"format": "uri", "constraints": {"required": True}}),
    "title": ("string", "The headline as printed in the page.", {"constraints": {"required": True}}),
    "author": ("string", "The value after 作者: as printed; empty when the page shows none.", {}),
    "source": ("string", "The value after 来源: as printed; empty when the page shows none.", {}),
    "published": ("string", "Publication date, ISO 8601: YYYY-MM-DD when the page shows only a date, "
                  "YYYY-MM-DDTHH:MM:SS+08:00 (Beijing time) when it shows a time; empty when unknown. Its first "
                  "10 characters are always the date.",
                  {"constraints": {"pattern": r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\+08:00)?"}}),
    "category": ("string", "The breadcrumb's last level before the headline; empty when none.", {}),
    "breadcrumb": ("array", "The breadcrumb's levels without the headline, as a JSON array of strings "
                   "(Parquet: a list).", {}),
    "body": ("string", "The article text, all pages in order; paragraphs separated by a newline (\\n).",
             {"constraints": {"required": True}}),
    "body_html": ("string", "The body's cleaned HTML with absolute links.", {}),
    "images": ("array", "Absolute URLs of the images in the body, in order, as a JSON array of strings "
               "(Parquet: a list).", {}),
    "prev_url": ("string", "URL of the 上一篇 (previous article) link; empty when none.", {"format": "uri"}),
    "prev_title": ("string", "Text of the 上一篇 link without its label.", {}),
    "next_url": ("string", "URL of the 下一篇 (next article) link; empty when none.", {"format": "uri"}),
    "next_title": ("string", "Text of the 下一篇 link without its label.", {}),
    "pages": ("integer", "How many pages the article is split over.", {"constraints": {"required": True, "minimum": 1}}),
    "encoding": ("string", "Python codec the page was decoded with (gb18030 for every GB label).", {}),
    "fetched_at": ("datetime", "UTC time of the fetch (ISO 8601, Z).", {"constraints": {"required": True}}),
    "sha256": ("string", "Hex SHA-256 of body (UTF-8).", {"constraints": {"required": True, "pattern": "[0-9a-f]{64}"}}),
    "archived_at": ("datetime", "Wayback Machine capture time (UTC) the article was recovered from; empty for "
                    "the live site.", {}),
    "wayback_url": ("string", "Wayback Machine replay URL of that capture; empty for the live site.", {"format": "uri"}),
}
#: Link fields flattened into <name>_url and <name>_title.
LINK_FIELDS = ("prev", "next")
_SCHEMA_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}


def columns() -> list[tuple[str, str, str, dict]]:
    """(column, Table Schema type, description, extra descriptor keys) in the record's field order."""
    from xjmsw_crawler.items import RECORD_FIELDS, record_schema

    names: list[str] = []
    for field in RECORD_FIELDS:
        names += [f"{field}_url", f"{field}_title"] if field in LINK_FIELDS else [field]
    if "version" not in names:
        names.insert(names.index("id") + 1, "version")
    properties = record_schema().get("properties", {})
    out = []
    for name in names:
        if name in KNOWN_COLUMNS:
            out.append((name, *KNOWN_COLUMNS[name]))
            continue
        spec = properties.get(name, {})
        kinds = spec.get("type", "string")
        kinds = [kinds] if isinstance(kinds, str) else kinds
        kind = next((_SCHEMA_TYPES[k] for k in kinds if k in _SCHEMA_TYPES), "string")
        out.append((name, kind, spec.get("description", f"The record's {name} (README 'The record'); "
                                                         "objects and lists as JSON."), {}))
    return out


def column_names() -> list[str]:
    return [name for name, *_ in columns()]


LIST_COLUMNS = {"breadcrumb", "images"}

FORMATS = {
    "csv": {"suffix": ".csv", "mediatype": "text/csv"},
    "parquet": {"suffix": ".parquet", "mediatype": "application/vnd.apache.parquet"},
}


def _version(record: dict) -> int:
    value = record.get("version", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) else 1


def row(record: dict, names: list[str]) -> dict:
    """A record as one table row (Python values: the list columns stay lists, null stays None, any other
    list or object becomes its JSON text)."""
    out = {}
    for name in names:
        if name == "version":
            out[name] = _version(record)
        elif name in LIST_COLUMNS:
            out[name] = [str(v) for v in record.get(name) or []]
        elif name.endswith(("_url", "_title")) and name.rsplit("_", 1)[0] in LINK_FIELDS and name not in record:
            link = record.get(name.rsplit("_", 1)[0])
            out[name] = link.get(name.rsplit("_", 1)[1]) if isinstance(link, dict) else None
        else:
            value = record.get(name)
            out[name] = json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else value
    return out


def iter_records(jsonl: Path, *, all_versions: bool = False) -> Iterator[dict]:
    """The archive's records in file order: every one, or each article's latest version only (two passes, so a
    large archive is never held in memory). Unreadable lines are skipped (`xjmsw validate` reports them)."""
    keep: dict[str, int] | None = None
    if not all_versions:
        best: dict[str, tuple[int, int]] = {}
        for number, record, error in iter_jsonl(jsonl):
            if error:
                continue
            key = str(record.get("id") or record.get("url"))
            version = _version(record)
            if key not in best or version >= best[key][0]:
                best[key] = (version, number)
        keep = {key: number for key, (_, number) in best.items()}
    for number, record, error in iter_jsonl(jsonl):
        if error:
            continue
        if keep is None or keep.get(str(record.get("id") or record.get("url"))) == number:
            yield record


# -- writers ---------------------------------------------------------------------------------------------------


def _csv_cell(name: str, value):
    if value is None:
        return ""
    if name in LIST_COLUMNS:
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(records, path: Path, *, bom: bool = False) -> int:
    names = column_names()
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        rows = 0
        for record in records:
            r = row(record, names)
            writer.writerow([_csv_cell(name, r[name]) for name in names])
            rows += 1
    return rows


def parquet_schema():
    import pyarrow as pa

    types = {"integer": pa.int32(), "array": pa.list_(pa.string()), "datetime": pa.timestamp("us", tz="UTC"),
             "number": pa.float64(), "boolean": pa.bool_()}
    fields = []
    for name, kind, description, extra in columns():
        required = extra.get("constraints", {}).get("required", False)
        fields.append(pa.field(name, types.get(kind, pa.string()), nullable=not required,
                               metadata={"description": description}))
    return pa.schema(fields, metadata={"source": "xjmsw-crawler " + __version__})


def _timestamp(value):
    if not isinstance(value, str):
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def write_parquet(records, path: Path, *, batch_size: int = 2000) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'xjmsw-crawler[export]'") from exc

    schema = parquet_schema()
    names = column_names()
    datetimes = [name for name, kind, *_ in columns() if kind == "datetime"]
    rows = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict] = []

        def flush():
            data = {name: [r[name] for r in batch] for name in names}
            for name in datetimes:
                data[name] = [_timestamp(v) for v in data[name]]
            writer.write_table(pa.Table.from_pydict(data, schema=schema))
            batch.clear()

        for record in records:
            batch.append(row(record, names))
            rows += 1
            if len(batch) >= batch_size:
                flush()
        if batch or rows == 0:
            flush()
    return rows


# -- datapackage.json --------------------------------------------------------------------------------------------


def table_schema() -> dict:
    """The Frictionless Table Schema of the exported table."""
    fields = []
    for name, kind, description, extra in columns():
        field = {"name": name, "type": kind, "description": description}
        field.update(json.loads(json.dumps(extra)))
        fields.append(field)
    return {"fields": fields, "primaryKey": ["id", "version"], "missingValues": [""]}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def resource(path: Path, fmt: str, rows: int, *, all_versions: bool, bom: bool = False) -> dict:
    descriptor = {
        "name": f"articles-{fmt}",
        "path": path.name,
        "profile": "tabular-data-resource",
        "title": "Articles of 新疆民生网 (www.xjmsw.cn)" + (", every archived version" if all_versions else
                                                         ", latest version of each"),
        "description": f"{rows} rows. " + ("One row per archived version (id, version unique)." if all_versions
                                            else "One row per article: its latest archived version."),
        "format": fmt,
        "mediatype": FORMATS[fmt]["mediatype"],
        "bytes": path.stat().st_size,
        "hash": "sha256:" + _sha256(path),
        "schema": table_schema(),
    }
    if fmt == "csv":
        descriptor["encoding"] = "utf-8-sig" if bom else "utf-8"
        descriptor["dialect"] = {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "doubleQuote": True,
                                 "header": True}
    return descriptor


def write_datapackage(out: Path, new_resource: dict, *, source: str | None) -> Path:
    """out/datapackage.json with this resource (replacing one of the same name; keeping the other format's)."""
    path = out / "datapackage.json"
    resources = []
    if path.is_file():
        try:
            old = json.loads(path.read_text("utf-8"))
            resources = [r for r in old.get("resources", []) if r.get("name") != new_resource["name"]
                         and (out / str(r.get("path", ""))).is_file()]
        except (ValueError, AttributeError):
            resources = []
    package = {
        "profile": "tabular-data-package",
        "name": "xjmsw-articles",
        "title": "新疆民生网 (www.xjmsw.cn) articles archived by xjmsw-crawler",
        "description": "News articles of 新疆民生网 as harvested by xjmsw-crawler. Field rules: the project's README, "
                       "section 'The record'.",
        "created": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "version": __version__,
        "sources": [{"title": "新疆民生网", "path": "http://www.xjmsw.cn/"}]
        + ([{"title": "archive", "path": source}] if source else []),
        "resources": sorted(resources + [new_resource], key=lambda r: r["name"]),
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", "utf-8")
    temporary.replace(path)
    return path


def export(archive: Path | str, fmt: str, out: Path | str | None = None, *, all_versions: bool = False,
           bom: bool = False) -> tuple[Path, Path, int]:
    """Writes out/articles.<fmt> and out/datapackage.json; returns (table path, datapackage path, rows).

    archive: an archive folder or a JSONL file; out: default <archive folder>/export.
    """
    archive = Path(archive)
    jsonl = find_jsonl(archive)
    if jsonl is None:
        raise FileNotFoundError(f"no articles.jsonl in {archive}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (csv or parquet)")
    out = Path(out) if out else (archive if archive.is_dir() else archive.parent) / "export"
    out.mkdir(parents=True, exist_ok=True)
    target = out / ("articles" + FORMATS[fmt]["suffix"])
    temporary = target.with_name(target.name + f".{os.getpid()}.tmp")
    records = iter_records(jsonl, all_versions=all_versions)
    try:
        rows = write_csv(records, temporary, bom=bom) if fmt == "csv" else write_parquet(records, temporary)
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    descriptor = resource(target, fmt, rows, all_versions=all_versions, bom=bom)
    package = write_datapackage(out, descriptor, source=os.path.relpath(jsonl, out))
    return target, package, rows
