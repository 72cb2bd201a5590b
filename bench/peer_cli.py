"""The peers run the way `xjmsw parse` runs: one process, page files as arguments, one JSON line per page.

    python bench/peer_cli.py trafilatura|gne|lxml FILE...

Each page is read, decoded with the project's decode_html (as in bench/extract.py) and handed to the tool;
`lxml` is the floor (decode + lxml.html.fromstring, prints the root tag).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    tool, files = argv[0], argv[1:]
    from xjmsw_crawler.parsers import decode_html

    if tool == "trafilatura":
        import trafilatura

        def run(text, url):
            d = trafilatura.bare_extraction(text, url=url, with_metadata=True)
            return {} if d is None else {"title": d.title, "author": d.author, "date": d.date, "text": d.text}
    elif tool == "gne":
        from gne import GeneralNewsExtractor

        extractor = GeneralNewsExtractor()

        def run(text, url):
            try:
                return extractor.extract(text)
            except Exception as exc:  # noqa: BLE001
                return {"error": repr(exc)}
    elif tool == "lxml":
        import lxml.html

        def run(text, url):
            try:
                return {"root": lxml.html.fromstring(text).tag}
            except ValueError:
                return {"root": lxml.html.fromstring(text.split("?>", 1)[-1]).tag}
    else:
        print(f"unknown tool {tool}", file=sys.stderr)
        return 2
    out = sys.stdout
    for name in files:
        path = Path(name)
        text, _ = decode_html(path.read_bytes(), {})
        out.write(json.dumps(run(text, path.resolve().as_uri().replace("file:", "http:", 1)), ensure_ascii=False, default=str) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
