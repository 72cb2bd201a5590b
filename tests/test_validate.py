"""`xjmsw validate`: the JSON Schema and the invariants, line by line, with exit status 1 on any problem."""

from __future__ import annotations

import json
import re

from test_report import build_archive, edited, synthetic_records, write_jsonl, xjmsw
from xjmsw_crawler.validation import validate_jsonl


def _lines(path):
    return path.read_text("utf-8").splitlines()


def _problems_by_line(result) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for p in result.problems:
        out.setdefault(p.line, []).append(str(p))
    return out


def test_a_valid_archive_passes(tmp_path):
    archive = build_archive(tmp_path)
    done = xjmsw("validate", str(archive / "articles.jsonl"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "OK: 95 lines, 95 records on www.xjmsw.cn, no problems" in done.stdout
    # A folder means its articles.jsonl.
    assert xjmsw("validate", str(archive)).returncode == 0


def test_a_deliberately_broken_line_is_caught_with_its_line_number(tmp_path):
    path = write_jsonl(tmp_path / "articles.jsonl", synthetic_records(10))
    lines = _lines(path)
    broken = json.loads(lines[6])
    broken["title"] = ""          # schema: minLength 1
    broken["pages"] = "2"         # schema: an integer
    lines[6] = json.dumps(broken, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    done = xjmsw("validate", str(path))
    assert done.returncode == 1
    assert re.search(r"^  line 7: title: '' should be non-empty", done.stdout, re.M), done.stdout
    assert re.search(r"^  line 7: pages: '2' is not of type 'integer'", done.stdout, re.M), done.stdout
    assert "INVALID: 3 problems on 1 of 10 lines" in done.stdout  # title also fails its pattern


def test_unparseable_lines_are_reported_with_their_numbers(tmp_path):
    records = synthetic_records(6)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:3])
    text += "{not json at all\n"                                     # line 4
    text += "[1, 2, 3]\n"                                            # line 5: JSON, not an object
    text += json.dumps(records[3], ensure_ascii=False) + "\n"        # line 6: fine
    path = tmp_path / "articles.jsonl"
    path.write_bytes(text.encode("utf-8") + b"\xff\xfe broken bytes\n"  # line 7: not UTF-8
                     + json.dumps(records[4], ensure_ascii=False).encode("utf-8")[:40])  # line 8: torn by a crash
    result = validate_jsonl(path)
    problems = _problems_by_line(result)
    assert sorted(problems) == [4, 5, 7, 8]
    assert "not JSON" in problems[4][0]
    assert "not a JSON object" in problems[5][0]
    assert "not UTF-8" in problems[7][0]
    assert "torn last line" in problems[8][0]
    done = xjmsw("validate", str(path))
    assert done.returncode == 1 and "line 8: not JSON" in done.stdout


def test_invariants(tmp_path):
    records = synthetic_records(12)
    r = records
    bad = [
        r[0],
        r[1],
        r[1] | {},                                                            # 3: duplicate id+version
        r[2] | {"id": "0123456789abcdef"},                                    # 4: id not of its url
        r[3] | {"sha256": "0" * 64},                                          # 5: sha256 not of body
        r[4] | {"url": "http://evil.example.com" + r[4]["url"][len("http://www.xjmsw.cn"):]},  # 6: off-site
        r[5] | {"published": "2016-02-30"},                                   # 7: no such day
        r[6] | {"published": "2027-01-01", "fetched_at": "2026-11-30T00:00:00Z"},  # 8: published after fetch
        edited(r[7], 2),                                                      # 9: version 2 without version 1
        r[8],                                                                 # 10
        edited(r[8], 3),                                                      # 11: version 3 after version 1
        r[9] | {"prev": {"url": "http://other.example.org/x.html", "title": "x"}},  # 12: prev off-site
        r[10] | {"fetched_at": "2026-13-01T00:00:00Z"},                       # 13: schema ok-ish, not a date
        r[11] | {"version": 0},                                               # 14: version must be >= 1
    ]
    path = write_jsonl(tmp_path / "articles.jsonl", bad)
    result = validate_jsonl(path)
    problems = _problems_by_line(result)
    expected = {
        3: "duplicate: version 1 of id",
        4: "id: is not the id of its url",
        5: "sha256: is not the SHA-256 of body",
        6: "url: evil.example.com is not on the site",
        7: "published: not a valid ISO 8601 date",
        8: "published: 2027-01-01 is after fetched_at",
        9: "jumps to version 2; expected 1",
        11: "jumps to version 3; expected 2 (version 1 on line 10)",
        12: "prev/url: other.example.org is not on the site",
        13: "fetched_at: not a valid ISO 8601 time",
        14: "version: 0 is less than the minimum of 1",
    }
    for line, text in expected.items():
        assert any(text in p for p in problems.get(line, [])), (line, problems.get(line))
    assert set(problems) == set(expected), problems
    assert not result.ok


def test_the_site_can_be_given(tmp_path):
    path = write_jsonl(tmp_path / "articles.jsonl", synthetic_records(3))
    assert xjmsw("validate", str(path), "--base-url", "http://xjmsw.cn/").returncode == 0  # www. and bare are one
    done = xjmsw("validate", str(path), "--base-url", "http://127.0.0.1:8000/")
    assert done.returncode == 1 and "www.xjmsw.cn is not on the site (127.0.0.1:8000)" in done.stdout


def test_only_the_first_problems_are_printed(tmp_path):
    records = [r | {"sha256": "f" * 64} for r in synthetic_records(30)]
    path = write_jsonl(tmp_path / "articles.jsonl", records)
    done = xjmsw("validate", str(path), "--max-problems", "5")
    assert done.returncode == 1
    assert done.stdout.count("is not the SHA-256 of body") == 5
    assert "… and 25 more problems" in done.stdout
    assert "line 1:" in done.stdout and "line 6:" not in done.stdout
    quiet = xjmsw("validate", str(path), "-q")
    assert quiet.returncode == 1 and quiet.stdout == ""
    assert xjmsw("validate", str(tmp_path / "missing.jsonl")).returncode == 2


def test_records_without_version_count_as_version_1(tmp_path):
    """Output of older crawls: no `version` (the schema may say it is missing); an id twice is still a duplicate."""
    records = [{k: v for k, v in r.items() if k != "version"} for r in synthetic_records(4)]
    path = write_jsonl(tmp_path / "out.jsonl", records + [records[2]])
    result = validate_jsonl(path)
    others = [str(p) for p in result.problems if "'version' is a required property" not in str(p)]
    assert others == [f"line 5: id: duplicate: id {records[2]['id']} is already on line 3"]
