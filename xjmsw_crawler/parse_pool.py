"""Runs the pure parsers (parsers.parse_page) in worker processes, so a crawl uses more than one core.

Scrapy runs in one thread: on a fast mirror or the Wayback Machine, with politeness off, parsing a page costs
about as much CPU as fetching it through Scrapy, and the crawl is bound by one core. With
XJMSW_PARSE_PROCESSES workers, the spider hands each page to a worker and, while the worker reads it, the
reactor goes on fetching (bench/, README "Performance").

A worker is `python -m xjmsw_crawler.parse_pool`: a fresh interpreter that imports only the parsers (nothing
of the reactor is forked, and the crawl's main module is not run again, as multiprocessing's spawn would).
It reads length-prefixed pickles on stdin and answers on stdout; the event loop watches both pipes, so the
crawl's process has no helper threads (concurrent.futures' ProcessPoolExecutor wakes two per page, which
cost the reactor a quarter of the time the worker saved it). A worker holds at most MAX_IN_FLIGHT pages; the
rest wait here, in arrival order.

A worker that dies (killed, out of memory) or fails on a page costs nothing: its pages are parsed in the
crawl's own process, the failure is logged and counted (xjmsw/parse_pool/*), and a fresh worker is started.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import pickle
import struct
import subprocess
import sys
from collections import deque
from collections.abc import Mapping
from pathlib import Path

from xjmsw_crawler.parsers import parse_page
from xjmsw_crawler.parsers.decode import header_value
from xjmsw_crawler.parsers.model import Page
from xjmsw_crawler.parsers.template import Templates

logger = logging.getLogger(__name__)

#: Pages sent to one worker before it answers: a few keep it busy while the reactor is elsewhere.
MAX_IN_FLIGHT = 4
#: Workers that may die in one crawl before the pool gives up and every page is parsed in the crawl's process.
MAX_DEATHS = 5
_LENGTH = struct.Struct("!Q")
_PICKLE = pickle.HIGHEST_PROTOCOL


def worker_count(setting, polite: bool = False) -> int:
    """XJMSW_PARSE_PROCESSES: a number, or "auto": none for a polite crawl (a download delay or AutoThrottle: a
    few pages a second, which the crawl's own process parses in a fraction of a core) and on one core (a worker
    would only add copying); else one worker per core beyond the first, at most 4."""
    if str(setting).strip().lower() in ("", "auto"):
        return 0 if polite else max(0, min((os.cpu_count() or 1) - 1, 4))
    return max(0, int(setting))


def _frame(obj) -> bytes:
    data = pickle.dumps(obj, protocol=_PICKLE)
    return _LENGTH.pack(len(data)) + data


# -- the worker's side ------------------------------------------------------------------------------------
def _read_frame(stream) -> object:
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError
    return pickle.loads(stream.read(_LENGTH.unpack(head)[0]))


def worker_main(stdin=None, stdout=None) -> None:
    """A worker's life: the site rules, whether to learn templates and the portal's aliases, then (id, url, body,
    headers, decoded) in and (id, Page or None) out, until stdin closes."""
    stdin = stdin or sys.stdin.buffer
    if stdout is None:
        # The answers get the pipe to themselves: anything else that writes to stdout (a stray print in some
        # library) goes to stderr instead of into the middle of a frame.
        stdout = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
        os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
        sys.stdout = sys.stderr
    try:
        rules, learn_templates, aliases = _read_frame(stdin)
        templates = Templates() if learn_templates else None
        while True:
            task_id, url, body, headers, decoded = _read_frame(stdin)
            try:
                answer = _frame((task_id, parse_page(url, body, headers, rules=rules, decoded=decoded,
                                                     templates=templates, aliases=aliases)))
            except Exception:  # noqa: BLE001 - an unpicklable or failed page: the crawl parses it itself
                answer = _frame((task_id, None))
            stdout.write(answer)
            stdout.flush()
    except (EOFError, BrokenPipeError, KeyboardInterrupt):
        return


# -- the crawl's side -------------------------------------------------------------------------------------
class _Worker:
    __slots__ = ("process", "to_fd", "from_fd", "outbox", "inbox", "in_flight", "writing")

    def __init__(self, rules: Mapping | None, learn_templates: bool, aliases: Mapping[str, str]):
        env = dict(os.environ)
        package_root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (package_root, env.get("PYTHONPATH"))))
        self.process = subprocess.Popen([sys.executable, "-m", "xjmsw_crawler.parse_pool"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, env=env, close_fds=True)
        self.to_fd, self.from_fd = self.process.stdin.fileno(), self.process.stdout.fileno()
        os.set_blocking(self.to_fd, False)
        os.set_blocking(self.from_fd, False)
        self.outbox = bytearray(_frame((dict(rules) if rules else None, learn_templates, dict(aliases))))
        self.inbox = bytearray()
        self.in_flight: dict[int, tuple] = {}  # task id -> (future, task)
        self.writing = False


class PagePool:
    """parse(url, body, headers, decoded) -> Page, in a worker process when there are workers, else here."""

    def __init__(self, workers: int, rules: Mapping | None, crawler=None, learn_templates: bool = True,
                 aliases: Mapping[str, str] | None = None):
        self.workers = workers
        self.rules = rules
        self.aliases = aliases or {}  # the portal's hosts on a mirror (parsers.parse_page)
        self.learn_templates = learn_templates
        # the layouts learned from the pages parsed here (each worker learns its own)
        self.templates = Templates() if learn_templates else None
        self.crawler = crawler  # for its stats (set once the crawl starts)
        self._pool: list[_Worker] = []
        self._waiting: deque = deque()
        self._ids = itertools.count()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._deaths = 0

    def _inline(self, url, body, headers, decoded) -> Page:
        return parse_page(url, body, headers, rules=self.rules, decoded=decoded, templates=self.templates,
                          aliases=self.aliases)

    async def parse(self, url: str, body: bytes, headers: Mapping | None, decoded: tuple[str, str] | None) -> Page:
        if not self.workers:
            return self._inline(url, body, headers, decoded)
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
            try:
                for _ in range(self.workers):
                    self._pool.append(self._start_worker())
            except OSError as exc:  # no process to be had (limits, memory): the crawl parses its pages itself
                logger.error("Parser workers could not start (%s); parsing in the crawl's process", exc)
                self.close()
                self.workers = 0
                return self._inline(url, body, headers, decoded)
        # The task travels as plain data: the one header the parsers read, the body only when not yet decoded.
        content_type = header_value(headers, "Content-Type")
        task = (url, b"" if decoded else bytes(body), {"Content-Type": content_type} if content_type else None, decoded)
        future = self._loop.create_future()
        self._waiting.append((future, task))
        self._dispatch()
        return await future

    def _start_worker(self) -> _Worker:
        worker = _Worker(self.rules, self.learn_templates, self.aliases)
        self._loop.add_reader(worker.from_fd, self._receive, worker)
        self._write(worker)
        return worker

    def _dispatch(self) -> None:
        """Hand waiting pages to the least busy workers that have room."""
        while self._waiting:
            worker = min(self._pool, key=lambda w: len(w.in_flight))
            if len(worker.in_flight) >= MAX_IN_FLIGHT:
                return
            future, task = self._waiting.popleft()
            if future.done():  # its callback was cancelled (the crawl is closing)
                continue
            task_id = next(self._ids)
            worker.in_flight[task_id] = (future, task)
            worker.outbox += _frame((task_id, *task))
            self._write(worker)

    def _write(self, worker: _Worker) -> None:
        """Write what the pipe takes now; the loop calls again when it takes more."""
        try:
            written = os.write(worker.to_fd, worker.outbox) if worker.outbox else 0
        except BlockingIOError:
            written = 0
        except OSError:
            self._lost(worker)
            return
        del worker.outbox[:written]
        if worker.outbox and not worker.writing:
            self._loop.add_writer(worker.to_fd, self._write, worker)
            worker.writing = True
        elif not worker.outbox and worker.writing:
            self._loop.remove_writer(worker.to_fd)
            worker.writing = False

    def _receive(self, worker: _Worker) -> None:
        try:
            chunk = os.read(worker.from_fd, 1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            self._lost(worker)
            return
        inbox = worker.inbox
        inbox += chunk
        while len(inbox) >= _LENGTH.size:
            end = _LENGTH.size + _LENGTH.unpack_from(inbox)[0]
            if len(inbox) < end:
                break
            task_id, page = pickle.loads(memoryview(inbox)[_LENGTH.size:end])
            del inbox[:end]
            future, task = worker.in_flight.pop(task_id)
            if page is None:
                self._count("failed")
                logger.warning("A parser worker failed on %s; parsed in the crawl's process", task[0])
                page = self._inline(*task)
            if not future.done():
                future.set_result(page)
        self._dispatch()

    def _lost(self, worker: _Worker) -> None:
        """A worker died: parse its pages here, start another."""
        if worker not in self._pool:
            return
        self._count("broken")
        self._stop_worker(worker)
        logger.error("A parser worker died (exit code %s) with %d pages; parsing them here and starting another",
                     worker.process.returncode, len(worker.in_flight))
        orphans = list(worker.in_flight.values())
        worker.in_flight.clear()
        self._deaths += 1
        if self._deaths < MAX_DEATHS:
            self._pool[self._pool.index(worker)] = self._start_worker()
        else:
            logger.error("%d parser workers died: parsing every page in the crawl's process from now on", self._deaths)
            self.close()
            self.workers = 0
            orphans += self._waiting
            self._waiting.clear()
        for future, task in orphans:
            if not future.done():
                future.set_result(self._inline(*task))
        if self.workers:
            self._dispatch()

    def _count(self, what: str) -> None:
        if self.crawler is not None:
            self.crawler.stats.inc_value(f"xjmsw/parse_pool/{what}")

    def _stop_worker(self, worker: _Worker) -> None:
        for remove, fd in ((self._loop.remove_reader, worker.from_fd), (self._loop.remove_writer, worker.to_fd)):
            try:
                remove(fd)
            except (OSError, ValueError):
                pass
        for stream in (worker.process.stdin, worker.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()

    def close(self) -> None:
        for worker in self._pool:
            self._stop_worker(worker)
        self._pool = []


if __name__ == "__main__":
    worker_main()
