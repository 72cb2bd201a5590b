"""The record: its field names (parsers.record.RECORD_FIELDS) and the published JSON Schema beside this file.

Records travel through Scrapy as plain dicts (itemadapter handles them), built by parsers.record.build_record;
this module only loads the schema and hands out its validator.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator

from xjmsw_crawler.parsers.record import RECORD_FIELDS

__all__ = ["RECORD_FIELDS", "record_schema", "record_validator"]


@cache
def record_schema() -> dict:
    """The JSON Schema of one record (xjmsw_crawler/schema.json)."""
    return json.loads(resources.files("xjmsw_crawler").joinpath("schema.json").read_text("utf-8"))


@cache
def record_validator() -> Draft202012Validator:
    schema = record_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)
