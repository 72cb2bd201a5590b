"""`xjmsw export`: CSV and Parquet that round-trip through pandas, and a datapackage.json describing them."""

from __future__ import annotations

import csv
import hashlib
import json
import math

import pytest

from test_report import build_archive, xjmsw
from xjmsw_crawler.export import column_names, export

pd = pytest.importorskip("pandas", reason="pandas is in the test extra: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("archive"))


def records_of(archive, all_versions=False) -> list[dict]:
    records = [json.loads(line) for line in (archive / "articles.jsonl").read_text("utf-8").splitlines()]
    if all_versions:
        return records
    latest = {}
    for r in records:
        if r["id"] not in latest or r["version"] >= latest[r["id"]]["version"]:
            latest[r["id"]] = r
    return sorted(latest.values(), key=lambda r: records.index(r))


def _null(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def check_row(got: dict, want: dict, *, lists) -> None:
    """One exported row against its record."""
    for name in ("id", "url", "title", "author", "source", "published", "category", "body", "body_html",
                 "encoding", "sha256"):
        if want[name] is None or want[name] == "":
            assert _null(got[name]) or got[name] == "", (name, got[name])
        else:
            assert got[name] == want[name], name
    assert int(got["version"]) == want["version"] and int(got["pages"]) == want["pages"]
    assert lists(got["breadcrumb"]) == want["breadcrumb"]
    assert lists(got["images"]) == want["images"]
    for link in ("prev", "next"):
        if want[link]:
            assert (got[f"{link}_url"], got[f"{link}_title"]) == (want[link]["url"], want[link]["title"])
        else:
            assert _null(got[f"{link}_url"]) and _null(got[f"{link}_title"])


def test_csv_round_trips_through_pandas(archive, tmp_path):
    out = tmp_path / "csv"
    done = xjmsw("export", str(archive), "--format", "csv", "--out", str(out))
    assert done.returncode == 0, done.stderr
    want = records_of(archive)
    assert f"{len(want)} articles (latest version of each) written to" in done.stdout
    frame = pd.read_csv(out / "articles.csv", keep_default_na=False, na_values=[""])
    assert list(frame.columns) == column_names()
    assert len(frame) == len(want) == frame["id"].nunique()
    assert any("\n" in r["body"] for r in want) and any('"' in r["body"] for r in want)
    for got, record in zip(frame.to_dict("records"), want):
        check_row(got, record, lists=json.loads)
    # The edited article is there once, as its latest version, with its latest body.
    edited_id = records_of(archive, all_versions=True)[1]["id"]
    assert frame.loc[frame["id"] == edited_id, "version"].tolist() == [3]
    assert frame.loc[frame["id"] == edited_id, "body"].item().endswith("（更正 v3）")


def test_csv_all_versions(archive, tmp_path):
    table, _, rows = export(archive, "csv", tmp_path, all_versions=True)
    want = records_of(archive, all_versions=True)
    frame = pd.read_csv(table, keep_default_na=False, na_values=[""])
    assert rows == len(frame) == len(want) == 95
    assert frame.groupby("id")["version"].max().max() == 3
    assert not frame.duplicated(["id", "version"]).any()
    for got, record in zip(frame.to_dict("records"), want):
        check_row(got, record, lists=json.loads)


def test_csv_is_plain_rfc4180(archive, tmp_path):
    """Any CSV reader gets the same rows: the stdlib's, with bodies' newlines inside quoted cells."""
    table, _, _ = export(archive, "csv", tmp_path)
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    want = records_of(archive)
    assert [r["body"] for r in rows] == [r["body"] for r in want]
    assert [json.loads(r["breadcrumb"]) for r in rows] == [r["breadcrumb"] for r in want]
    assert table.read_bytes().count(b"\r") == 0
    bom, _, _ = export(archive, "csv", tmp_path / "excel", bom=True)
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")


def test_parquet_round_trips_through_pandas(archive, tmp_path):
    pytest.importorskip("pyarrow", reason="pyarrow is in the test extra: pip install -e '.[test]'")
    done = xjmsw("export", str(archive), "--format", "parquet", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    frame = pd.read_parquet(tmp_path / "articles.parquet")
    want = records_of(archive)
    assert list(frame.columns) == column_names() and len(frame) == len(want)
    assert str(frame["fetched_at"].dtype).startswith("datetime64") and str(frame["fetched_at"].dt.tz) == "UTC"
    assert frame["pages"].dtype == "int32" and frame["version"].dtype == "int32"
    for got, record in zip(frame.to_dict("records"), want):
        check_row(got, record, lists=list)
        assert got["fetched_at"] == pd.Timestamp(record["fetched_at"])


def test_datapackage_describes_the_tables(archive, tmp_path):
    pytest.importorskip("pyarrow")
    csv_table, package_path, rows = export(archive, "csv", tmp_path)
    parquet_table, _, _ = export(archive, "parquet", tmp_path)
    package = json.loads(package_path.read_text("utf-8"))
    assert package["profile"] == "tabular-data-package"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"articles-csv", "articles-parquet"}, "the second export keeps the first's resource"
    for resource, table in ((resources["articles-csv"], csv_table), (resources["articles-parquet"], parquet_table)):
        assert resource["path"] == table.name and resource["profile"] == "tabular-data-resource"
        assert resource["bytes"] == table.stat().st_size
        assert resource["hash"] == "sha256:" + hashlib.sha256(table.read_bytes()).hexdigest()
        schema = resource["schema"]
        assert [f["name"] for f in schema["fields"]] == column_names()
        assert schema["primaryKey"] == ["id", "version"]
        for field in schema["fields"]:
            assert field["type"] in {"string", "integer", "number", "boolean", "array", "datetime"}
            assert len(field["description"]) > 10, field["name"]
    types = {f["name"]: f["type"] for f in resources["articles-csv"]["schema"]["fields"]}
    assert types["breadcrumb"] == types["images"] == "array" and types["pages"] == "integer"
    assert types["fetched_at"] == "datetime"
    assert resources["articles-csv"]["dialect"]["lineTerminator"] == "\n"
    assert f"{rows} rows" in resources["articles-csv"]["description"]


def test_datapackage_passes_frictionless(archive, tmp_path):
    frictionless = pytest.importorskip("frictionless", reason="frictionless not installed (optional check)")
    _, package_path, _ = export(archive, "csv", tmp_path)
    report = frictionless.validate(str(package_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_export_errors(tmp_path):
    done = xjmsw("export", str(tmp_path), "--format", "csv")
    assert done.returncode == 2 and "no articles.jsonl" in done.stderr
