#!/usr/bin/env python3
"""Extraction quality and speed on the shared real-world GB corpus (shared/realworld, never copied here).

    .venv/bin/python bench/realworld_eval.py [--shared DIR] [--repeat N] [--check]

For every page with has_article=yes in MANIFEST.tsv: extract_article(), then
* body similarity: difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() of the extracted body and the
  expected content with ALL whitespace (incl. U+3000, U+00A0) removed (pages whose expected.json has content);
* title: exact match with the MANIFEST title column;
* U+FFFD: none in title or body (except the one page with broken bytes);
* for the trafilatura page: its `with` snippets present and `without` snippets absent.
Speed: ms/page of extract_article against bare decode_html + lxml.html.fromstring over all the HTML pages.
Skips (exit 0) with a message when the corpus is absent. --check exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import lxml.html  # noqa: E402

from xjmsw_crawler.parsers import decode_html, extract_article, parse_page  # noqa: E402
from xjmsw_crawler.parsers.normalize import clean_text  # noqa: E402

_WS = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
BROKEN_OK = "cn.cl2000.com_b70f455d.html"

TARGETS = {"mean": 0.80, "ge90": 25, "titles": 31}


def shared_dir(arg: str | None = None) -> Path:
    return Path(arg or os.environ.get("XJMSW_SHARED") or REPO.parent / "shared")


def squash(text: str) -> str:
    return _WS.sub("", text or "")


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, squash(a), squash(b), autojunk=False).ratio()


def load(realworld: Path) -> tuple[list[dict], dict]:
    with open(realworld / "MANIFEST.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    expected: dict = {}
    for path in realworld.glob("*/expected.json"):
        with open(path, encoding="utf-8") as fh:
            expected.update(json.load(fh))
    return rows, expected


def page_url(row: dict, exp: dict | None) -> str:
    for cand in (row.get("original_url"), (exp or {}).get("original_url"), (exp or {}).get("key")):
        if cand and cand.startswith("http"):
            return cand
    return "http://example.com/" + row["path"].split("/")[-1]


def evaluate(realworld: Path) -> dict:
    rows, expected = load(realworld)
    results = []
    for row in rows:
        if row.get("has_article") != "yes":
            continue
        exp = expected.get(row["path"])
        body = (realworld / row["path"]).read_bytes()
        article, codec = extract_article(page_url(row, exp), body)
        text = "\n".join(article.paragraphs)
        res = {
            "path": row["path"],
            "title_ok": clean_text(article.title) == clean_text(row["title"]),
            "title": article.title,
            "want_title": row["title"],
            "codec": codec,
            "sim": None,
            "fffd": ("\ufffd" in text or "\ufffd" in article.title) and not row["path"].endswith(BROKEN_OK),
            "snippets_ok": None,
            "chars": len(squash(text)),
        }
        if exp and exp.get("content"):
            res["sim"] = similarity(text, exp["content"])
            res["want_chars"] = len(squash(exp["content"]))
        if exp and exp.get("with"):
            flat = squash(text)
            res["snippets_ok"] = all(squash(s) in flat for s in exp["with"]) and not any(
                squash(s) in flat for s in exp.get("without", []))
        results.append(res)
    sims = [r["sim"] for r in results if r["sim"] is not None]
    return {
        "pages": results,
        "n_articles": len(results),
        "n_sim": len(sims),
        "mean": sum(sims) / len(sims) if sims else 0.0,
        "ge90": sum(1 for s in sims if s >= 0.9),
        "titles": sum(1 for r in results if r["title_ok"]),
        "fffd": [r["path"] for r in results if r["fffd"]],
        "snippets": [r["path"] for r in results if r["snippets_ok"] is False],
    }


def timing(realworld: Path, repeat: int = 3) -> dict:
    """ms/page of bare decode + lxml parse vs extract_article, over every HTML page of the corpus."""
    rows, _ = load(realworld)
    bodies = [(realworld / r["path"]).read_bytes() for r in rows if not r["path"].endswith(".xml")]

    def bare():
        for b in bodies:
            text, _ = decode_html(b)
            try:
                lxml.html.fromstring(re.sub(r"^\s*<\?xml[^>]*>", "", text))
            except Exception:  # noqa: BLE001
                pass

    def full():
        for b in bodies:
            extract_article("http://example.com/a.html", b)

    def page():
        for b in bodies:
            parse_page("http://example.com/a.html", b)

    def best(fn):
        times = []
        for _ in range(repeat):
            t0 = time.process_time()
            fn()
            times.append(time.process_time() - t0)
        return min(times) * 1000 / len(bodies)

    full()  # warm-up (regex compilation, imports)
    page()
    b_ms, f_ms, p_ms = best(bare), best(full), best(page)
    return {"pages": len(bodies), "bare_ms": b_ms, "extract_ms": f_ms, "ratio": f_ms / b_ms if b_ms else 0.0,
            "page_ms": p_ms, "page_ratio": p_ms / b_ms if b_ms else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", help="the shared/ folder (default: $XJMSW_SHARED or ../shared)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="exit 1 when a quality target is missed")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args(argv)
    realworld = shared_dir(args.shared) / "realworld"
    if not (realworld / "MANIFEST.tsv").is_file():
        print(f"SKIP: real-world corpus not found at {realworld} (set XJMSW_SHARED)")
        return 0
    rep = evaluate(realworld)
    print(f"{'page':58} {'sim':>6} {'chars':>12}  title")
    for r in rep["pages"]:
        sim = f"{r['sim']:.3f}" if r["sim"] is not None else "   -  "
        chars = f"{r['chars']}/{r.get('want_chars', '-')}"
        mark = "ok" if r["title_ok"] else f"MISS got {r['title']!r} want {r['want_title']!r}"
        extra = ""
        if r["snippets_ok"] is not None:
            extra += " snippets:" + ("ok" if r["snippets_ok"] else "FAIL")
        if r["fffd"]:
            extra += " U+FFFD!"
        print(f"{r['path'].split('/')[-1][:58]:58} {sim:>6} {chars:>12}  {mark}{extra}")
    print()
    print(f"body similarity: mean {rep['mean']:.3f} over {rep['n_sim']} pages (target >= {TARGETS['mean']}); "
          f">= 0.9: {rep['ge90']}/{rep['n_sim']} (target >= {TARGETS['ge90']})")
    print(f"titles exact: {rep['titles']}/{rep['n_articles']} (target >= {TARGETS['titles']})")
    print(f"U+FFFD outside {BROKEN_OK}: {rep['fffd'] or 'none'}; snippet failures: {rep['snippets'] or 'none'}")
    if not args.no_timing:
        t = timing(realworld, args.repeat)
        print(f"speed over {t['pages']} HTML pages: decode+lxml {t['bare_ms']:.2f} ms/page, extract_article "
              f"{t['extract_ms']:.2f} ms/page ({t['ratio']:.1f}x), parse_page {t['page_ms']:.2f} ms/page "
              f"({t['page_ratio']:.1f}x)")
    ok = (rep["mean"] >= TARGETS["mean"] and rep["ge90"] >= TARGETS["ge90"] and rep["titles"] >= TARGETS["titles"]
          and not rep["fffd"])
    if args.check and not ok:
        print("TARGETS MISSED")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
