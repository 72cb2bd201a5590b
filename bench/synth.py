"""A large synthetic mirror of the portal for the crawl benchmark, in fixtures/FORMAT.md layout.

    python bench/synth.py --articles 10000 --out bench/out/synth-10000

The pages come from the main fixture mirror's own templates: fixtures/mirror/build.py is imported (not
copied) and its render functions (DedeCMS-like template A, PowerEasy-like template B, listings, home page,
expected records) are called on N articles: the fixture's articles plus clones of them with new ids, dates
and titles, so the synthetic site has the fixture's mix of single- and multi-page articles, images, tables,
hidden articles reachable only through 上一篇/下一篇, and long 上一篇/下一篇 chains per category.

Changes made for scale, all outside build.py (its module is patched after import):
* the helpers that rescan every article on each call (by_cat, listed, neighbours, related, a_sidebar,
  b_left) are replaced by precomputed equivalents, so building is linear in N;
* listings hold LISTING_SIZE (20) articles per page, and their page bars keep a window of +-5 page numbers
  (the fixture's bars list every page, which at 100,000 articles would put thousands of links on each
  listing page);
* per-URL Content-Type overrides (headers.json) are left out, so any static server can serve the folder;
  the pages still carry their <meta charset> (or none), as in the fixture.

When fixtures/mirror/build.py is missing or its interface has changed, a small built-in DedeCMS-like
generator (`builtin_pages`) is used instead, and the run says so.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import importlib.util
import json
import re
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_PY = REPO / "fixtures" / "mirror" / "build.py"
LISTING_SIZE = 20
WINDOW = 5


def load_build_module(path: Path = BUILD_PY):
    spec = importlib.util.spec_from_file_location("_xjmsw_fixture_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name in ("ARTICLES", "CATS", "CAT_ORDER", "a_url", "listing_url", "pages_of", "a_article_page",
                 "b_article_page", "a_listing_page", "b_listing_page", "home_page", "about_page",
                 "expected_record", "ASSETS"):
        if not hasattr(module, name):
            raise AttributeError(f"{path} has no {name}: its interface changed")
    return module


def _lengthen(a: dict, k: int) -> None:
    """Each text paragraph of the article (not the byline) printed k times: pages about as long as the real
    portal's (the seed page's article is ~2,500 characters; the fixture's are a few hundred)."""
    def repeat(blocks):
        return [x for b in blocks for x in ([b] * k if isinstance(b, str) and not b.startswith("□") else [b])]
    if "pages" in a:
        a["pages"] = [repeat(blocks) for blocks in a["pages"]]
    elif "body" in a:
        a["body"] = repeat(a["body"])


def _clone_articles(originals: list[dict], n: int, body_repeat: int = 1) -> list[dict]:
    """The fixture's articles plus clones up to n articles in all (new ids from 1000, one day per 10); the
    clones' paragraphs each body_repeat times."""
    out = [copy.deepcopy(a) for a in originals]
    for a in out:
        a.pop("content_type", None)  # no per-URL header overrides in the synthetic mirror
    start = dt.date(2015, 1, 1)
    sources = [a for a in originals if not a.get("seed")]
    i = 0
    while len(out) < n:
        src = sources[i % len(sources)]
        a = copy.deepcopy(src)
        a.pop("content_type", None)
        a.pop("list_date", None)
        a["id"] = 1000 + i
        if src.get("date"):
            a["date"] = (start + dt.timedelta(days=i // 10)).isoformat()
        a["title"] = f"{src['title']}（{i + 1}）"
        if body_repeat > 1:
            _lengthen(a, body_repeat)
        out.append(a)
        i += 1
    return out[:n] if n >= len(originals) else out


def _patch_for_scale(m, articles: list[dict]) -> None:
    """Replace build.py's O(N)-per-call helpers by precomputed ones (same results)."""
    m.ARTICLES = articles
    m.PAGE_SIZE = LISTING_SIZE
    cats = {}
    for a in articles:
        cats.setdefault(a["cat"], []).append(a)
    by_cat = {k: sorted(v, key=lambda a: a["id"]) for k, v in cats.items()}
    for k in m.CATS:
        by_cat.setdefault(k, [])
    listed = {k: [a for a in reversed(v) if not a.get("hidden")] for k, v in by_cat.items()}
    position = {id(a): (k, i) for k, v in by_cat.items() for i, a in enumerate(v)}

    def neighbours(a):
        k, i = position[id(a)]
        chain = by_cat[k]
        return (chain[i - 1] if i > 0 else None), (chain[i + 1] if i + 1 < len(chain) else None)

    def related(a, n=4):
        return [o for o in listed[a["cat"]][: n + 1] if o is not a][:n]

    newest = sorted(articles, key=lambda a: (a["date"] or "", a["id"]), reverse=True)
    top_a = [a for a in newest if m.CATS[a["cat"]]["tpl"] == "A" and not a.get("hidden")][:6]
    original_sidebar = m.a_sidebar

    def a_sidebar(exclude=None):
        saved = m.ARTICLES
        m.ARTICLES = top_a  # the sidebar only looks at the newest five
        try:
            return original_sidebar(exclude)
        finally:
            m.ARTICLES = saved

    top_b = [a for a in newest if m.CATS[a["cat"]]["tpl"] == "B" and not a.get("hidden")][:4]
    original_left = m.b_left
    m.ARTICLES = top_b
    left = original_left()
    m.ARTICLES = articles

    m.by_cat = lambda cat: by_cat[cat]
    m.listed = lambda cat: listed[cat]
    m.neighbours = neighbours
    m.related = related
    m.a_sidebar = a_sidebar
    m.b_left = lambda: left


_A_NUM = re.compile(r"<li><a href='[^']*'>(\d+)</a></li>")
_B_OPT = re.compile(r'<option value="(\d+)"(?: selected)?>第\d+页</option>')


def _window(html: str, page: int) -> str:
    keep = lambda m: m.group(0) if abs(int(m.group(1)) - page) <= WINDOW else ""  # noqa: E731
    return _B_OPT.sub(keep, _A_NUM.sub(keep, html))


def fixture_pages(n: int, body_repeat: int = 1):
    """(url, kind, html) for every page, plus (url, bytes) assets and expected records, from build.py."""
    m = load_build_module()
    articles = _clone_articles(m.ARTICLES, n, body_repeat)
    _patch_for_scale(m, articles)
    pages = [("/", "other", m.home_page()), (m.ABOUT_URL, "other", m.about_page())]
    if hasattr(m, "search_page"):
        pages.append((m.SEARCH_URL, "other", m.search_page()))

    def generate():
        yield from pages
        for k in m.CAT_ORDER:
            items = m.listed(k)
            chunks = [items[i:i + LISTING_SIZE] for i in range(0, len(items), LISTING_SIZE)]
            render = m.a_listing_page if m.CATS[k]["tpl"] == "A" else m.b_listing_page
            for i, chunk in enumerate(chunks):
                yield m.listing_url(k, i + 1), "listing", _window(render(k, i + 1, chunk, len(chunks), len(items)), i + 1)
        rendered = {}
        for a in sorted(articles, key=lambda a: a["id"]):
            render = m.a_article_page if m.CATS[a["cat"]]["tpl"] == "A" else m.b_article_page
            for p in range(1, len(m.pages_of(a)) + 1):
                html = render(a, p)
                if a["id"] < 1000 and p == 1:
                    rendered[m.a_url(a)] = html
                yield m.a_url(a, p), "article" if p == 1 else "continuation", html
        for copy_url, canon in getattr(m, "TRACKING_COPIES", {}).items():
            if canon in rendered:
                yield copy_url, "article", rendered[canon]

    def records():
        order = {k: i for i, k in enumerate(m.CAT_ORDER)}
        for a in sorted(articles, key=lambda a: (order[a["cat"]], a["id"])):
            yield m.expected_record(a)

    def assets():
        yield from m.ASSETS.items()

    return generate(), assets(), records(), "fixtures/mirror/build.py templates A and B"


# -- built-in fallback: simple DedeCMS-like pages ------------------------------------------------------

_SENTENCES = [
    "记者从自治区人社厅了解到，今年以来全区城镇新增就业人数稳步增长，各项稳就业政策效果逐步显现。",
    "在乌鲁木齐市天山区的一个社区服务中心，工作人员正在为前来办事的居民讲解最新的医保报销政策。",
    "据介绍，该项目总投资约三亿元，建成后将有效缓解周边居民出行难的问题。",
    "“现在办事方便多了，在家门口就能办好。”居民王阿姨笑着说。",
    "下一步，有关部门将继续加大投入力度，确保各项惠民措施落到实处。",
    "今年上半年，全疆农村居民人均可支配收入同比增长百分之八点五，增速高于城镇居民。",
]


def builtin_pages(n: int):
    """A fallback when build.py is unusable: DedeCMS-like listing and article pages with prev/next chains."""
    cats = [("msjj", "民生经济"), ("shms", "社会民生"), ("fzzx", "法治在线"), ("jywh", "教育文化")]
    start = dt.date(2015, 1, 1)

    def art(i):
        cat, name = cats[i % len(cats)]
        day = start + dt.timedelta(days=i // 10)
        npages = 2 if i % 10 == 3 else 1
        return {"i": i, "cat": cat, "name": name, "date": day.isoformat(), "pages": npages,
                "title": f"新疆民生新闻第{i + 1}篇：{_SENTENCES[i % 6][:12]}",
                "url": f"/a/{cat}/{day:%Y/%m%d}/{i + 1}.html"}

    def page_url(a, p):
        return a["url"] if p == 1 else a["url"][:-5] + f"_{p}.html"

    def paras(a, p):
        return [_SENTENCES[(a["i"] + p + k) % 6] * 2 for k in range(6)]

    def doc(title, main):
        nav = "".join(f'<li><a href="/a/{c}/">{t}</a></li>' for c, t in cats)
        return ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />'
                f'<title>{title}_新疆民生网</title></head><body><div class="nav"><ul><li><a href="/">首页</a></li>{nav}'
                f'</ul></div>{main}<div class="footer">Copyright (C) 2014-2015 www.xjmsw.cn</div></body></html>')

    arts = [art(i) for i in range(n)]
    chains = {c: [a for a in arts if a["cat"] == c] for c, _ in cats}

    def generate():
        yield "/", "other", doc("首页", "".join(f'<a href="{a["url"]}">{a["title"]}</a><br>' for a in arts[-20:]))
        for c, name in cats:
            items = list(reversed(chains[c]))
            npages = max(1, (len(items) + LISTING_SIZE - 1) // LISTING_SIZE)
            for p in range(1, npages + 1):
                rows = "".join(f'<li><span>{a["date"]}</span><a href="{a["url"]}">{a["title"]}</a></li>'
                               for a in items[(p - 1) * LISTING_SIZE: p * LISTING_SIZE])
                bar = "".join(f"<li><a href='/a/{c}/list_{q}.html'>{q}</a></li>" if q > 1 else
                              f"<li><a href='/a/{c}/'>1</a></li>" for q in range(max(1, p - WINDOW), min(npages, p + WINDOW) + 1))
                url = f"/a/{c}/" if p == 1 else f"/a/{c}/list_{p}.html"
                yield url, "listing", doc(name, f'<div class="place"><a href="/">首页</a> &gt; {name}</div>'
                                              f'<ul class="d1">{rows}</ul><ul class="pagelist">{bar}</ul>')
            chain = chains[c]
            for k, a in enumerate(chain):
                prev = chain[k - 1] if k else None
                nxt = chain[k + 1] if k + 1 < len(chain) else None
                ctx = "".join(f"<li>{label}:<a href='{o['url']}'>{o['title']}</a></li>" if o else f"<li>{label}:没有了</li>"
                              for label, o in (("上一篇", prev), ("下一篇", nxt)))
                for p in range(1, a["pages"] + 1):
                    bar = ("" if a["pages"] == 1 else '<div class="dede_pages"><ul class="pagelist">' +
                           "".join(f"<li><a href='{page_url(a, q).rsplit('/', 1)[1]}'>{q}</a></li>" for q in range(1, a["pages"] + 1)) + "</ul></div>")
                    body = "".join(f"<p>\u3000\u3000{t}</p>" for t in paras(a, p))
                    main = (f'<div class="place"><a href="/">首页</a> &gt;&gt; <a href="/a/{c}/">{name}</a> &gt;&gt; </div>'
                            f'<div class="title"><h1>{a["title"]}</h1></div><div class="info">时间:{a["date"]} 10:00 来源:新疆日报 作者:记者</div>'
                            f'<div class="content">{body}</div>{bar}<div class="context"><ul>{ctx}</ul></div>')
                    yield page_url(a, p), "article" if p == 1 else "continuation", doc(a["title"], main)

    def records():
        for c, name in cats:
            chain = chains[c]
            for k, a in enumerate(chain):
                link = lambda o: {"url": o["url"], "title": o["title"]} if o else None  # noqa: E731
                body = [t for p in range(1, a["pages"] + 1) for t in paras(a, p)]
                yield {"url": a["url"], "title": a["title"], "author": "记者", "source": "新疆日报",
                       "published": a["date"] + "T10:00:00+08:00", "category": name, "breadcrumb": ["首页", name],
                       "body": "\n".join(body), "images": [], "prev": link(chain[k - 1] if k else None),
                       "next": link(chain[k + 1] if k + 1 < len(chain) else None), "pages": a["pages"]}

    return generate(), iter(()), records(), "built-in DedeCMS-like fallback templates"


# -- writing -------------------------------------------------------------------------------------------

def _source_digest() -> str:
    """What the pages are made from (build.py and this file): a mirror made from other sources is rebuilt."""
    h = hashlib.sha256()
    for f in (BUILD_PY, Path(__file__)):
        h.update(f.read_bytes() if f.exists() else b"-")
    return h.hexdigest()[:16]


def url_to_file(site: Path, url: str) -> Path:
    path = url[1:]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site.joinpath(*path.split("/"))


def mirror_name(n: int, body_repeat: int = 1) -> str:
    """The folder name of the N-article mirror under bench/out (and of its crawl's run folder: run-...)."""
    return f"synth-{n}" + (f"-long{body_repeat}" if body_repeat > 1 else "")


def generate(out: Path, n: int, templates: str = "auto", quiet: bool = False, body_repeat: int = 1) -> dict:
    """Write the mirror (site/, headers.json, pages.json, expected.jsonl, synth.json) and return its summary.
    An existing complete mirror with the same N, templates and body_repeat is reused. body_repeat > 1 (fixture
    templates only): each cloned article's paragraphs printed that many times."""
    out = Path(out)
    summary_file = out / "synth.json"
    source = _source_digest()
    if summary_file.exists():
        summary = json.loads(summary_file.read_text("utf-8"))
        if (summary.get("articles") == n and summary.get("requested_templates") == templates
                and summary.get("source") == source and summary.get("body_repeat", 1) == body_repeat):
            return summary
    if out.exists():
        shutil.rmtree(out)
    site = out / "site"
    site.mkdir(parents=True)
    t0 = time.perf_counter()
    used = templates
    if templates in ("auto", "fixture"):
        try:
            pages, assets, records, label = fixture_pages(n, body_repeat)
            used = "fixture"
        except (OSError, AttributeError, KeyError, TypeError, StopIteration) as exc:
            if templates == "fixture":
                raise
            print(f"  synth: fixtures/mirror/build.py unusable ({exc!r}); using the built-in templates", file=sys.stderr)
            pages, assets, records, label = builtin_pages(n)
            used = "builtin"
    else:
        pages, assets, records, label = builtin_pages(n)
    kinds: dict[str, int] = {}
    kind_of = {}
    total_bytes = 0
    made_dirs = set()
    for count, (url, kind, html) in enumerate(pages, 1):
        data = html.encode("gbk")
        file = url_to_file(site, url)
        if file.parent not in made_dirs:
            file.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(file.parent)
        file.write_bytes(data)
        total_bytes += len(data)
        kinds[kind] = kinds.get(kind, 0) + 1
        kind_of[url] = kind
        if not quiet and count % 20000 == 0:
            print(f"  synth: {count} pages written ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    for url, data in assets:
        file = url_to_file(site, url)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
    with open(out / "expected.jsonl", "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out / "pages.json").write_text(json.dumps(kind_of, ensure_ascii=False, indent=0), "utf-8")
    (out / "headers.json").write_text("{}\n", "utf-8")
    summary = {
        "articles": n, "requested_templates": templates, "templates": used, "template_source": label,
        "pages": sum(kinds.values()), "kinds": kinds, "html_bytes": total_bytes,
        "seconds": round(time.perf_counter() - t0, 1), "source": source, "body_repeat": body_repeat,
    }
    summary_file.write_text(json.dumps(summary, indent=1) + "\n", "utf-8")
    return summary


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=10_000, help="articles in the mirror (default 10000)")
    parser.add_argument("--out", help="output folder (default bench/out/synth-N)")
    parser.add_argument("--templates", choices=("auto", "fixture", "builtin"), default="auto")
    parser.add_argument("--body-repeat", type=int, default=1, help="print each cloned article's paragraphs this "
                        "many times (default 1; 8 makes pages about as long as the real portal's)")
    args = parser.parse_args(argv)
    out = Path(args.out or REPO / "bench" / "out" / mirror_name(args.articles, args.body_repeat))
    summary = generate(out, args.articles, args.templates, body_repeat=args.body_repeat)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
