"""`xjmsw parse`: the record of a saved or fetched page, extracted as an article whatever the page is."""

from __future__ import annotations

import os
import sys
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from xjmsw_crawler.parsers import build_record, extract_article
from xjmsw_crawler.parsers.template import Templates
from xjmsw_crawler.pipelines import dumps_record

help = "print the record of each saved (or fetched) page as one JSON line"


def add_arguments(parser):
    parser.add_argument("pages", nargs="+", metavar="PATH_OR_URL", help="saved page files or http(s) URLs")
    parser.add_argument("--url", help="the URL the saved page was fetched from (for links, id and url)")


def _load(target: str, url: str | None) -> tuple[bytes, dict, str, str]:
    """(body, headers, url, fetched_at) of a file or of an http(s) URL."""
    if target.startswith(("http://", "https://")):
        with urllib.request.urlopen(target, timeout=30) as response:
            fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            return response.read(), dict(response.headers.items()), response.geturl(), fetched_at
    path = Path(target)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return path.read_bytes(), {}, url or Path(os.path.abspath(path)).as_uri().replace("file:", "http:", 1), mtime


def run(args) -> int:
    status = 0
    out = sys.stdout
    templates = Templates()  # pages of one template after the first few are read where it prints each field
    for target in args.pages:
        try:
            body, headers, url, fetched_at = _load(target, args.url)
            article, encoding = extract_article(url, body, headers, templates=templates)
        except (OSError, ValueError) as exc:
            print(f"xjmsw parse: {target}: {exc}", file=sys.stderr)
            status = 1
            continue
        record = build_record(article, url=url, encoding=encoding, fetched_at=fetched_at, pages=len(article.page_urls) or 1)
        out.write(dumps_record(record) + "\n")
    if templates.fast:
        print(f"xjmsw parse: {len(args.pages)} pages, {templates.fast} of them read where a learned template prints "
              "each field (the generic reader gives the same records)", file=sys.stderr)
    return status
