"""`xjmsw parse`: the record of a saved or fetched page, extracted as an article whatever the page is."""

from __future__ import annotations

import gc
import gzip
import multiprocessing
import os
import sys
import time
from collections import deque
from http.client import HTTPException
from urllib.parse import quote, unquote, urlsplit

from xjmsw_crawler.parsers import build_record, extract_article, with_framed_text
from xjmsw_crawler.parsers.record import dumps_record
from xjmsw_crawler.parsers.template import Templates

help = "print the record of each saved (or fetched) page as one JSON line"

#: Pages per process when --jobs is auto: fewer are parsed here (a worker's start and its first pages, read before
#: its templates are learned, would cost more than they save); also the longest run of pages handed to a worker.
PAGES_PER_JOB = 64
#: Runs of pages queued per worker process, so that it never waits for this one.
QUEUED_RUNS = 2
#: A run is at most 1/(jobs * RUNS_LEFT) of the pages left, so that the runs a worker still holds when this process
#: has parsed the last page are short (at 2, a worker finished 400 pages ~6% of the wall clock after this process).
RUNS_LEFT = 4
#: Endings of the files a folder of saved pages (`wget -r`, a mirror's site/) holds besides its pages: a folder
#: given to the command stands for its other files (a page saved with its query, `ShowArticle.asp?ArticleID=1`, or
#: without an ending is a page).
NOT_PAGES = frozenset(
    ".css .js .gif .jpg .jpeg .png .bmp .ico .svg .webp .swf .flv .mp3 .mp4 .avi .wmv .pdf .doc .docx .xls .xlsx "
    ".ppt .pptx .zip .rar .gz .7z .exe .json .xml .txt .woff .woff2 .ttf .eot".split()
)


def add_arguments(parser):
    parser.add_argument("pages", nargs="+", metavar="PATH_OR_URL",
                        help="saved page files, folders of them (every page file under it, in name order) or http(s) "
                             "URLs")
    parser.add_argument("--url", help="the URL the saved page was fetched from (for links, id and url)")
    parser.add_argument("--base-url", metavar="URL",
                        help="the site a folder was saved from: a page file's URL is URL + its path under the folder "
                             "(`a/b.html` -> URL/a/b.html, `a/index.html` -> URL/a/, `ShowArticle.asp?ArticleID=1` "
                             "keeps its query); without it, http:// + the file's absolute path")
    parser.add_argument("-j", "--jobs", default="auto", metavar="N",
                        help=f"processes that parse (default auto: one per CPU, at most one per {PAGES_PER_JOB} pages; "
                             "1: this one only); the lines come out in the order of the pages either way")


def _timestamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _load(target: str, url: str | None) -> tuple[bytes, dict, str, str]:
    """(body, headers, url, fetched_at) of a file or of an http(s) URL; a file's URL is http:// + its absolute
    path, its fetched_at the file's modification time."""
    if target.startswith(("http://", "https://")):
        import urllib.request

        with urllib.request.urlopen(target, timeout=30) as response:
            fetched_at = _timestamp(time.time())
            return _uncompressed(response.read()), dict(response.headers.items()), response.geturl(), fetched_at
    body, mtime = _read_file(target)
    return _uncompressed(body), {}, url or "http://" + quote(os.path.abspath(target)), _timestamp(mtime)


def _read_file(path: str) -> tuple[bytes, float]:
    """(bytes, modification time) of a file in four system calls: open() and read() make about ten (a terminal
    check, seeks, stats), a few per cent of the time a page costs in a run over many small files."""
    fd = os.open(path, os.O_RDONLY)
    try:
        stat = os.fstat(fd)
        data = os.read(fd, stat.st_size + 1)
        if len(data) != stat.st_size:  # a short read, a file grown since, a pipe: read on to the end
            parts = [data]
            while part := os.read(fd, 1 << 20):
                parts.append(part)
            data = b"".join(parts)
    finally:
        os.close(fd)
    return data, stat.st_mtime


def _uncompressed(body: bytes) -> bytes:
    """A gzipped body as the page it holds: a server that compresses whatever the request accepts, or a `wget -r`
    copy that saved such a response as it came."""
    if body[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(body)
        except (OSError, EOFError):
            pass  # not gzip after all: the bytes as they are
    return body


def _targets(paths: list[str], url: str | None, base_url: str | None) -> list[tuple[str, str | None]]:
    """(file or URL, the URL its record is given or None) of each page: a folder stands for the page files under it
    (NOT_PAGES left out), in name order, each at base_url + its path there when base_url is given."""
    targets = []
    for path in paths:
        if not os.path.isdir(path):
            targets.append((path, url))
            continue
        for folder, subfolders, names in os.walk(path):
            subfolders.sort()
            for name in sorted(names):
                if os.path.splitext(name.partition("?")[0])[1].lower() in NOT_PAGES:
                    continue
                file = os.path.join(folder, name)
                where = os.path.relpath(file, path).replace(os.sep, "/")
                if name == "index.html":  # wget's (and a mirror's) file for a URL ending in /
                    where = where[:-len(name)]
                targets.append((file, base_url.rstrip("/") + "/" + quote(where, safe="/?&=;:@!$'()*+,~%")
                                if base_url else None))
    return targets


def _record_line(target: str, url: str | None, templates: Templates) -> tuple[str | None, str | None, bool]:
    """(JSON line, error message, read by a learned template) of one page."""
    try:
        body, headers, url, fetched_at = _load(target, url)
        fast = templates.fast
        article, encoding = extract_article(url, body, headers, templates=templates)
        if article.frame_url:
            article = _framed(article, target, url)
    except (OSError, ValueError, HTTPException) as exc:  # HTTPException: a server that does not answer in HTTP
        return None, f"xjmsw parse: {target}: {exc}", False
    record = build_record(article, url=url, encoding=encoding, fetched_at=fetched_at,
                          pages=len(article.page_urls) or 1)
    return dumps_record(record), None, templates.fast > fast


def _framed(article, target: str, url: str):
    """article with the text its frame shows, as a crawl reads it: fetched when the page was, else read from the
    file saved at the frame's URL beside the page's own (the folder the page's URL path puts it in); article as it
    is when neither is there."""
    where = article.frame_url
    if not target.startswith(("http://", "https://")):
        page, frame = urlsplit(url), urlsplit(where)
        saved = _saved_name(page)
        if frame.netloc != page.netloc or not target.replace(os.sep, "/").endswith(saved):
            return article
        where = target[:len(target) - len(saved)] + _saved_name(frame)
    try:
        body, headers, frame_url, _ = _load(where, article.frame_url)
    except (OSError, ValueError, HTTPException):
        return article
    return with_framed_text(article, frame_url, body, headers, shell_url=url)


def _saved_name(parts) -> str:
    """The file name under a saved site's folder of a URL (split): its path and query, index.html for a folder."""
    name = unquote(parts.path) + ("?" + parts.query if parts.query else "")
    return name + "index.html" if name.endswith("/") else name


def _jobs(value: str, pages: int) -> int:
    if value != "auto":
        return max(1, int(value))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cpus, pages // PAGES_PER_JOB))


def _results(targets: list[tuple[str, str | None]], jobs: int):
    """Each page's _record_line result, in the order of targets.

    With jobs > 1: jobs - 1 worker processes are each kept QUEUED_RUNS runs of consecutive pages ahead (pages of one
    site and template learn and use one process's layouts), and this process parses, one by one, the pages that
    find them busy, so no process waits while pages are left; runs shrink with the pages left, so that all
    finish together. A line is written as soon as every line before it is. A worker that dies (killed, out of
    memory) is said on stderr and its pages are parsed here."""
    templates = Templates()  # pages of one template after the first few are read where it prints each field
    if jobs <= 1:
        for target, url in targets:
            yield _record_line(target, url, templates)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # Everything alive now is left out of the collector's passes: a pass in either process would otherwise write
    # to every object's header and so copy the memory the fork shares (measured: 3-8% of the wall clock).
    gc.freeze()
    workers = [_Worker(context) for _ in range(jobs - 1)]
    try:
        slots: deque = deque()  # in page order: [result] of a page parsed here, or a _Run handed to a worker
        i = 0
        while i < len(targets):
            worker = next((w for w in workers if w.alive and w.queued() < QUEUED_RUNS), None)
            if worker is not None:
                size = max(1, min(PAGES_PER_JOB, (len(targets) - i) // (jobs * RUNS_LEFT)))
                slots.append(worker.send(targets[i:i + size]))
                i += size
            else:
                slots.append([_record_line(*targets[i], templates)])
                i += 1
            while slots and (isinstance(slots[0], list) or slots[0].ready()):
                yield from _slot_results(slots.popleft(), templates)
        for slot in slots:
            yield from _slot_results(slot, templates)
    finally:
        for worker in workers:
            worker.close()


def _slot_results(slot, templates: Templates) -> list:
    return slot if isinstance(slot, list) else slot.results(templates)


class _Run:
    """Pages handed to a worker, and their results once it has sent them."""

    __slots__ = ("worker", "pages", "lines")

    def __init__(self, worker: _Worker, pages: list[tuple[str, str | None]]):
        self.worker, self.pages, self.lines = worker, pages, None

    def ready(self) -> bool:
        self.worker.receive(block=False)
        return self.lines is not None or not self.worker.alive

    def results(self, templates: Templates) -> list:
        while self.lines is None and self.worker.alive:
            self.worker.receive(block=True)
        if self.lines is None:  # the worker died first: parse them here
            self.lines = [_record_line(target, url, templates) for target, url in self.pages]
        return self.lines


class _Worker:
    """A forked process that parses the runs sent to it, in order, with templates of its own."""

    def __init__(self, context):
        self.conn, there = context.Pipe()
        self.process = context.Process(target=_work, args=(there, self.conn), daemon=True)
        self.process.start()
        there.close()
        self.alive = True
        self.runs: deque[_Run] = deque()  # sent, results not received yet

    def queued(self) -> int:
        self.receive(block=False)
        return len(self.runs)

    def send(self, pages: list[tuple[str, str | None]]) -> _Run:
        run = _Run(self, pages)
        try:
            self.conn.send(pages)
            self.runs.append(run)
        except OSError:
            self._died()
        return run

    def receive(self, block: bool) -> None:
        """Take the results the worker has sent (with block, wait for the next ones)."""
        while self.runs and self.alive and (block or self.conn.poll()):
            try:
                self.runs.popleft().lines = self.conn.recv()
            except (EOFError, OSError):
                self._died()
            block = False

    def _died(self) -> None:
        self.alive = False
        self.process.join(1)
        print(f"xjmsw parse: worker process {self.process.pid} stopped (exit code {self.process.exitcode}); "
              "its pages are parsed in this one", file=sys.stderr)

    def close(self) -> None:
        if self.alive and not self.runs:
            try:
                self.conn.send(None)
            except OSError:
                pass
        elif self.alive:  # stopped early (an exception here): results still coming are not wanted
            self.process.terminate()
        self.conn.close()
        self.process.join()


def _work(conn, parents_end) -> None:
    """A worker's loop: [(page, url)] in, their _record_line results out, until None."""
    parents_end.close()  # the fork's copy of this process's end
    templates = Templates()
    while (pages := conn.recv()) is not None:
        conn.send([_record_line(target, url, templates) for target, url in pages])


def run(args) -> int:
    targets = _targets(args.pages, args.url, args.base_url)
    try:
        jobs = _jobs(args.jobs, len(targets))
    except ValueError:
        print(f"xjmsw parse: --jobs {args.jobs}: a number or auto", file=sys.stderr)
        return 2
    status, fast = 0, 0
    out = sys.stdout
    for line, error, by_template in _results(targets, jobs):
        if error is not None:
            print(error, file=sys.stderr)
            status = 1
            continue
        out.write(line + "\n")
        fast += by_template
    if fast:
        print(f"xjmsw parse: {len(targets)} pages, {fast} of them read where a learned template prints each "
              "field (the generic reader gives the same records)", file=sys.stderr)
    return status
