"""Checks an archive's JSONL line by line: the published JSON Schema and the invariants no schema can state.

Invariants:
- every line is one UTF-8 JSON object (a torn last line from a crash is reported too);
- (id, version) is unique; a later version of an id follows the earlier one (versions 1, 2, 3 … in file order);
- id is sha1 of the URL's path and sorted query (README "The record"), sha256 is the body's hash;
- every article URL and prev/next link is on one site (the one given, else the one most records are on);
- dates are real ISO 8601 dates (`published` a valid calendar date, `fetched_at` a valid UTC time), not in the
  future, and an article is not published after it was fetched.

Records of `xjmsw harvest` carry an int `version` (1 for the first); the schema is checked with it allowed.
"""

from __future__ import annotations

import copy
import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator

from xjmsw_crawler.items import record_schema
from xjmsw_crawler.parsers.normalize import article_id
from xjmsw_crawler.report import iter_jsonl
from xjmsw_crawler.site import Site

#: Slack for clocks and time zones: published (Beijing time) may be a day after fetched_at (UTC).
_SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.field + ': ' if self.field else ''}{self.message}"


@cache
def archive_validator() -> Draft202012Validator:
    """The record schema, with the harvest's `version` field allowed (int ≥ 1) if the schema lacks it."""
    schema = copy.deepcopy(record_schema())
    schema.setdefault("properties", {}).setdefault(
        "version", {"type": "integer", "minimum": 1, "description": "1 for the first version of an article"}
    )
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _parse_fetched(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _parse_published(value: str) -> datetime:
    if "T" in value:
        return datetime.fromisoformat(value)
    day = date.fromisoformat(value)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def record_problems(record: dict, line: int, now: datetime) -> list[Problem]:
    """Schema and per-record invariants of one record."""
    problems = []
    for error in sorted(archive_validator().iter_errors(record), key=lambda e: (list(map(str, e.path)), e.message)):
        where = "/".join(map(str, error.path)) or None
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        problems.append(Problem(line, message, where))
    url = record.get("url")
    if isinstance(url, str) and isinstance(record.get("id"), str):
        try:
            expected = article_id(url)
        except ValueError:
            expected = None
        if expected and record["id"] != expected:
            problems.append(Problem(line, f"is not the id of its url (expected {expected})", "id"))
    body = record.get("body")
    if isinstance(body, str) and isinstance(record.get("sha256"), str):
        if hashlib.sha256(body.encode("utf-8")).hexdigest() != record["sha256"]:
            problems.append(Problem(line, "is not the SHA-256 of body", "sha256"))
    fetched = published = None
    if isinstance(record.get("fetched_at"), str):
        try:
            fetched = _parse_fetched(record["fetched_at"])
        except ValueError as exc:
            problems.append(Problem(line, f"not a valid ISO 8601 time: {exc}", "fetched_at"))
        else:
            if fetched > now + _SLACK:
                problems.append(Problem(line, f"{record['fetched_at']} is in the future", "fetched_at"))
    if isinstance(record.get("published"), str):
        try:
            published = _parse_published(record["published"])
        except ValueError as exc:
            problems.append(Problem(line, f"not a valid ISO 8601 date: {exc}", "published"))
    if fetched and published and published > fetched + _SLACK:
        problems.append(Problem(line, f"{record['published']} is after fetched_at {record['fetched_at']}", "published"))
    return problems


def _netloc(url) -> str | None:
    if not isinstance(url, str):
        return None
    try:
        return urlsplit(url).netloc.lower() or None
    except ValueError:
        return None


@dataclass
class Result:
    path: Path
    lines: int = 0
    records: int = 0
    problems: list[Problem] = None
    problem_lines: int = 0
    site: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_jsonl(path: Path | str, *, base_url: str | None = None, now: datetime | None = None) -> Result:
    """Every problem of the file, in line order (streams the file; keeps only ids, versions and hosts)."""
    path = Path(path)
    now = now or datetime.now(UTC)
    result = Result(path, problems=[])
    problems: list[Problem] = []
    seen: dict[tuple[str, int], int] = {}   # (id, version) -> line
    latest: dict[str, tuple[int, int]] = {}  # id -> (highest version so far, its line)
    hosts: list[tuple[int, str, str | None]] = []  # (line, field, netloc)
    for number, record, error in iter_jsonl(path):
        result.lines = number
        if error:
            problems.append(Problem(number, error))
            continue
        result.records += 1
        problems.extend(record_problems(record, number, now))
        rid, version = record.get("id"), record.get("version", 1)
        if isinstance(rid, str) and isinstance(version, int) and not isinstance(version, bool):
            if (rid, version) in seen:
                what = f"version {version} of id {rid}" if "version" in record else f"id {rid}"
                problems.append(Problem(number, f"duplicate: {what} is already on line {seen[(rid, version)]}", "id"))
            else:
                seen[(rid, version)] = number
                before = latest.get(rid)
                expected = before[0] + 1 if before else 1
                if version != expected and (before is None or version > before[0]):
                    where = f" (version {before[0]} on line {before[1]})" if before else ""
                    problems.append(Problem(number, f"id {rid} jumps to version {version}; expected {expected}{where}", "version"))
                elif before and version < before[0]:
                    problems.append(Problem(number, f"version {version} of id {rid} comes after version {before[0]} (line {before[1]})", "version"))
                if before is None or version > before[0]:
                    latest[rid] = (version, number)
        hosts.append((number, "url", _netloc(record.get("url"))))
        for name in ("prev", "next"):
            link = record.get(name)
            if isinstance(link, dict):
                hosts.append((number, f"{name}/url", _netloc(link.get("url"))))

    # One site: the given base URL's, else the host most article URLs are on (www. and the bare host are one).
    if base_url:
        site = Site(base_url)
        result.site = urlsplit(site.base_url).netloc.lower()
    else:
        counts = Counter(h for _, f, h in hosts if f == "url" and h)
        result.site = counts.most_common(1)[0][0] if counts else None
        site = Site("http://" + result.site) if result.site else None
    if site:
        for number, name, netloc in hosts:
            if netloc and netloc not in site.netlocs:
                problems.append(Problem(number, f"{netloc} is not on the site ({result.site})", name))
    problems.sort(key=lambda p: p.line)
    result.problems = problems
    result.problem_lines = len({p.line for p in problems})
    return result
