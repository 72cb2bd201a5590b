"""Benchmark: a distributed harvest (`xjmsw harvest --redis`) with 1, 2 and 3 workers on the large synthetic mirror.

    python bench/distributed.py [--articles 10000] [--workers 1,2,3] [--server nginx|fast|mirror] [--json out.json]

bench/synth.py writes (or reuses) bench/out/synth-N; a static server (bench/servers.py; nginx when installed)
serves it on 127.0.0.1, and a redis-server of its own runs on a free 127.0.0.1 port (no persistence). For each
worker count k, k worker processes on one fresh data directory harvest the whole mirror with politeness off
(for the benchmark only):

    xjmsw harvest --redis URL --base-url URL --data-dir DIR --worker-id wI -q -s ROBOTSTXT_OBEY=0
      -s AUTOTHROTTLE_ENABLED=0 -s DOWNLOAD_DELAY=0 -s CONCURRENT_REQUESTS=32 -s CONCURRENT_REQUESTS_PER_DOMAIN=32
      -s MAX_IDLE_TIME_BEFORE_CLOSE=2

then `xjmsw merge DIR`. Wall time runs from the first worker's start to the last worker's exit (it includes the
2 s every worker waits on an idle run before it exits, and the merge is timed apart); CPU time is the workers'
user+sys (os.wait4); the merged archive must hold every article exactly once. Each harvest is a full one:
WARC recording, the shared state in Redis, fsync'd shards.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, REPO, log, table  # noqa: E402
import servers  # noqa: E402
import synth  # noqa: E402

POLITENESS_OFF = ["-s", "ROBOTSTXT_OBEY=0", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0",
                  "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32"]
IDLE_CLOSE = 2


def wait_all(procs: list[subprocess.Popen]) -> list[dict]:
    """Waits for every process; wall time of each and its CPU (os.wait4)."""
    t0 = time.perf_counter()
    left = {p.pid: p for p in procs}
    done = {}
    while left:
        pid, status, ru = os.wait4(-1, 0)
        if pid in left:
            done[pid] = {"status": os.waitstatus_to_exitcode(status), "exit_s": time.perf_counter() - t0,
                         "cpu_s": ru.ru_utime + ru.ru_stime, "peak_rss_mb": ru.ru_maxrss / 1024}
            left.pop(pid).returncode = done[pid]["status"]
    return [done[p.pid] for p in procs]


def run(workers: int, base: str, redis_url: str, mirror: Path, out: Path) -> dict:
    data = out / f"{workers}-workers" / "data"
    shutil.rmtree(data.parent, ignore_errors=True)
    data.mkdir(parents=True)
    expected = sum(1 for line in (mirror / "expected.jsonl").open("rb") if line.strip())
    log(f"  {workers} worker(s) ...")
    t0 = time.perf_counter()
    procs = [subprocess.Popen(
        [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--redis", redis_url, "--base-url", base,
         "--data-dir", str(data), "--worker-id", f"w{i + 1}", "-q", *POLITENESS_OFF,
         "-s", f"MAX_IDLE_TIME_BEFORE_CLOSE={IDLE_CLOSE}", "-s", f"XJMSW_REDIS_HARVEST=bench-{workers}"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in range(workers)]
    results = wait_all(procs)
    wall = time.perf_counter() - t0
    t1 = time.perf_counter()
    merged = subprocess.run([sys.executable, "-m", "xjmsw_crawler.cli", "merge", str(data), "-q"], cwd=REPO,
                            capture_output=True, text=True)
    merge_s = time.perf_counter() - t1
    records = [json.loads(line) for line in (data / "articles.jsonl").read_text("utf-8").splitlines() if line.strip()]
    urls = [r["url"] for r in records]
    pages = 0
    for manifest in (data / "shards").glob("*/runs/*.json"):
        pages += json.loads(manifest.read_text()).get("counts", {}).get("pages_fetched", 0)
    per_worker = [sum(1 for _ in p.open("rb")) for p in sorted((data / "shards").glob("*/articles.jsonl"))]
    result = {
        "workers": workers, "status": [r["status"] for r in results], "merge_status": merged.returncode,
        "wall_s": round(wall, 1), "crawl_s": round(wall - IDLE_CLOSE, 1), "merge_s": round(merge_s, 1),
        "cpu_s": round(sum(r["cpu_s"] for r in results), 1), "peak_rss_mb": round(max(r["peak_rss_mb"] for r in results)),
        "pages": pages, "pages_per_s": round(pages / max(wall - IDLE_CLOSE, 0.1), 1),
        "records": len(records), "unique": len(set(urls)), "expected": expected, "records_per_worker": per_worker,
        "exactly_once": len(records) == len(set(urls)) == expected,
    }
    log(f"  {workers} worker(s): {result['wall_s']} s, {result['pages_per_s']} pages/s, records {per_worker} "
        f"-> {len(records)} merged ({'every article once' if result['exactly_once'] else 'NOT exactly once'})")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2,3")
    parser.add_argument("--server", default="auto", choices=("auto", "nginx", "fast", "mirror"))
    parser.add_argument("--json", help="write the results here (default bench/out/distributed-N.json)")
    args = parser.parse_args(argv)

    mirror = OUT / f"synth-{args.articles}"
    if not (mirror / "expected.jsonl").exists():
        log(f"generating {mirror} ...")
        synth.generate(mirror, args.articles, quiet=True)
    out = OUT / f"dist-{args.articles}"
    results = []
    with servers.serve(mirror, args.server) as (base, kind), servers.redis_server() as redis_url:
        log(f"mirror {mirror.name} ({kind}) at {base}, Redis at {redis_url}; {os.cpu_count()} cores")
        for workers in (int(w) for w in args.workers.split(",")):
            results.append(run(workers, base, redis_url, mirror, out))
    one = next((r for r in results if r["workers"] == 1), None)
    rows = []
    for r in results:
        speedup = f"{one['crawl_s'] / r['crawl_s']:.2f}x" if one and r["crawl_s"] > 0 else "-"
        rows.append([str(r["workers"]), f"{r['wall_s']:.1f}", f"{r['pages_per_s']:.0f}", speedup, f"{r['cpu_s']:.0f}",
                     str(r["records_per_worker"]), f"{r['records']}/{r['expected']}", "yes" if r["exactly_once"] else "NO",
                     f"{r['merge_s']:.1f}"])
    print(table(["workers", "wall s", "pages/s", "speed-up", "CPU s", "records per worker", "merged",
                 "exactly once", "merge s"], rows))
    path = Path(args.json) if args.json else OUT / f"distributed-{args.articles}.json"
    path.write_text(json.dumps({"articles": args.articles, "server": kind, "cores": os.cpu_count(),
                                "results": results}, indent=1) + "\n")
    log(f"results in {path}")
    return 0 if all(r["exactly_once"] and not any(r["status"]) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
