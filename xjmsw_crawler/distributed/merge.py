"""`xjmsw merge DIR`: the shards of a distributed harvest -> DIR/articles.jsonl, DIR/failures.jsonl,
DIR/runs/<run>.json, and the recheck.

* articles.jsonl: every article version exactly once. The shards' records are taken per article in the order
  they were fetched (fetched_at); one whose body hash is the article's latest archived one is a duplicate (two
  workers, a killed worker's request fetched again, a record Redis never heard of) and is left out; one
  fetched before the latest archived record with another body is stale and left out; every other one is the
  next version (numbered here, 1..n without gaps, whatever the shard said). What is already in articles.jsonl
  is never rewritten: new records are appended, ordered by (fetched_at, id, version), so the same shards give
  the same file, and merging again adds nothing.
* failures.jsonl: the shards' failures not yet in it, by time.
* warc/: a link to every shard's WARC files, so `xjmsw package DIR` packages the whole harvest.
* runs/<run>.json: one manifest per distributed run, from the workers' manifests (shards/*/runs/*.json):
  the workers and their outcome, summed counts, failed URLs; the newest also says what this merge did.
* the recheck: every article URL a walked listing named (shards/*/journal.jsonl) must be archived (itself or
  the article it redirects to), or in failures.jsonl, or a page that gives no record or robots.txt forbids.
  The others are written to DIR/missing.jsonl and the exit status is 1; with --redis they are also queued
  for the next run (its seeder fetches them), and with --follow-up a worker is run at once and the shards
  merged again.

It takes DIR/.lock (exit 75 while a single-host harvest or another merge holds it); running workers are not
disturbed (their shards are only read, up to their last complete line).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from xjmsw_crawler.harvest.lock import EXIT_LOCKED, DataDirLock, Locked
from xjmsw_crawler.harvest.runner import write_json_atomic
from xjmsw_crawler.harvest.state import repair_jsonl, utc_now
from xjmsw_crawler.parsers.normalize import url_key
from xjmsw_crawler.parsers.record import dumps_record

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_MISSING = 1


def read_lines(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file's complete lines (a line being written, or torn, is left out)."""
    if not path.exists():
        return []
    found = []
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict):
                found.append(obj)
    return found


def shard_dirs(root: Path) -> list[Path]:
    shards = root / "shards"
    return sorted(p for p in shards.iterdir() if p.is_dir()) if shards.is_dir() else []


def _running(shard: Path) -> bool:
    """A worker holds the shard's lock."""
    lock = DataDirLock(shard)
    try:
        lock.acquire()
    except Locked:
        return True
    except OSError:
        return False
    lock.release()
    return False


def merge_records(archive: Path, shards: list[Path]) -> dict:
    """Appends the shards' new article versions to archive; returns what it did."""
    done = {"torn_bytes": repair_jsonl(archive), "read": 0, "added": 0, "already": 0, "duplicates": 0, "stale": 0}
    latest: dict[str, dict] = {}
    for record in read_lines(archive):
        if isinstance(record.get("url"), str):
            latest[url_key(record["url"])] = record
    candidates: dict[str, list[tuple]] = defaultdict(list)
    for shard in shards:
        for record in read_lines(shard / "articles.jsonl"):
            if not isinstance(record.get("url"), str) or not record.get("sha256"):
                continue
            done["read"] += 1
            candidates[url_key(record["url"])].append(
                (record.get("fetched_at") or "", record.get("version") or 0, record["sha256"], shard.name, record))
    added = []
    for key, found in candidates.items():
        for fetched_at, _, sha, _, record in sorted(found, key=lambda c: c[:4]):
            last = latest.get(key)
            if last is not None and sha == last.get("sha256"):
                same = fetched_at == (last.get("fetched_at") or "")
                done["already" if same else "duplicates"] += 1
                continue
            if last is not None and fetched_at < (last.get("fetched_at") or ""):
                done["stale"] += 1
                continue
            record = dict(record)
            record["version"] = (int(last.get("version") or 0) if last else 0) + 1
            latest[key] = record
            added.append(record)
    added.sort(key=lambda r: (r.get("fetched_at") or "", r.get("id") or "", r["version"]))
    if added:
        with archive.open("ab") as f:
            for record in added:
                f.write((dumps_record(record) + "\n").encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
    done["added"] = len(added)
    done["added_new"] = sum(r["version"] == 1 for r in added)
    done["added_versions"] = len(added) - done["added_new"]
    done["articles"] = len(latest)
    done["records"] = sum(int(r.get("version") or 0) for r in latest.values())
    done["keys"] = set(latest)
    return done


def merge_failures(path: Path, shards: list[Path]) -> tuple[int, list[dict]]:
    """Appends the shards' failures not yet in path; returns (added, every failure)."""
    known = read_lines(path)
    have = {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in known}
    new = []
    for shard in shards:
        for failure in read_lines(shard / "failures.jsonl"):
            text = json.dumps(failure, sort_keys=True, ensure_ascii=False)
            if text not in have and isinstance(failure.get("url"), str):
                have.add(text)
                new.append(failure)
    new.sort(key=lambda f: (f.get("time") or "", f["url"]))
    if new:
        with path.open("a", encoding="utf-8") as f:
            for failure in new:
                f.write(json.dumps(failure, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
    return len(new), known + new


def link_warcs(root: Path, shards: list[Path]) -> int:
    """DIR/warc/ gets every shard's WARC files (hard links, else symbolic ones; the names hold the run and the
    worker, so they never clash), so `xjmsw package DIR` and `xjmsw reparse DIR/warc/*` see the whole harvest."""
    target = root / "warc"
    linked = 0
    for shard in shards:
        for warc in sorted((shard / "warc").glob("*.warc*")):
            dest = target / warc.name
            if dest.exists() or dest.is_symlink():
                continue
            target.mkdir(exist_ok=True)
            try:
                os.link(warc, dest)
            except OSError:
                os.symlink(os.path.relpath(warc, target), dest)
            linked += 1
    return linked


def recheck(shards: list[Path], archived: set[str], failures: list[dict]) -> dict:
    """Every article URL the walked listings named: archived, failed, excluded (no valid record, robots.txt),
    or missing."""
    listed: dict[str, dict] = {}
    aliases: dict[str, str] = {}
    excluded: set[str] = set()
    for shard in shards:
        for line in read_lines(shard / "journal.jsonl"):
            kind = line.get("kind")
            if kind == "listing":
                for url, date in line.get("entries") or []:
                    listed.setdefault(url_key(url), {"url": url, "listing_date": date, "listing": line.get("url")})
            elif kind == "alias" and line.get("url") and line.get("target"):
                aliases[url_key(line["url"])] = url_key(line["target"])
            elif kind in ("invalid", "robots") and line.get("url"):
                excluded.add(url_key(line["url"]))
    failed = set()
    for failure in failures:
        for name in ("url", "retry_url"):
            if isinstance(failure.get(name), str):
                failed.add(url_key(failure[name]))
    counts = Counter()
    missing = []
    for key, entry in sorted(listed.items(), key=lambda item: item[1]["url"]):
        target = aliases.get(key, key)
        if key in archived or target in archived:
            counts["archived"] += 1
        elif key in failed or target in failed:
            counts["failed"] += 1
        elif key in excluded or target in excluded:
            counts["excluded"] += 1
        else:
            missing.append(entry)
    return {"listed": len(listed), "archived": counts["archived"], "failed": counts["failed"],
            "excluded": counts["excluded"], "missing": missing}


_SUMMED = ("pages_fetched", "pages_ok", "new", "updated", "unchanged", "skipped_archived", "failed",
           "failed_dead_links", "dropped", "retries", "retried_at_end", "recovered_at_end", "failures_resolved",
           "listing_stops")


def run_manifests(root: Path, shards: list[Path]) -> dict[str, dict]:
    """One manifest per distributed run, from its workers' manifests."""
    runs: dict[str, list[tuple[Path, dict]]] = defaultdict(list)
    for shard in shards:
        for path in sorted((shard / "runs").glob("*.json")):
            try:
                manifest = json.loads(path.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            run = (manifest.get("distributed") or {}).get("run")
            if run:
                runs[run].append((shard, manifest))
    result = {}
    for run, workers in sorted(runs.items()):
        running = {shard.name for shard, _ in workers if _running(shard)}
        counts = Counter()
        failed = []
        entries = []
        for shard, m in workers:
            status = m.get("status")
            if status == "running":
                status = "running" if shard.name in running else "killed"
            for name in _SUMMED:
                value = (m.get("counts") or {}).get(name)
                if isinstance(value, int):
                    counts[name] += value
            failed.extend(m.get("failed") or [])
            d = m.get("distributed") or {}
            entries.append({
                "worker": d.get("worker") or shard.name, "host": d.get("host"), "pid": d.get("pid"),
                "manifest": str(shard / "runs" / f"{m.get('run')}.json"), "status": status,
                "exit_status": m.get("exit_status"), "started": m.get("started"), "ended": m.get("ended"),
                "duration_s": m.get("duration_s"), "summary": m.get("summary"), "counts": m.get("counts"),
                "seeder": d.get("seeder"), "recovered_requests": d.get("recovered_requests", 0),
                "closed_run": d.get("closed_run", False), "version_conflicts": d.get("version_conflicts", 0),
                "warc": sorted(str(p) for p in (shard / "warc").glob(f"{m.get('run')}-*.warc*")),
            })
        statuses = {e["status"] for e in entries}
        first = workers[0][1]
        d0 = first.get("distributed") or {}
        result[run] = {
            "run": run, "mode": "distributed",
            "status": "in progress" if "running" in statuses else "merged",
            "started": min((e["started"] for e in entries if e["started"]), default=None),
            "ended": max((e["ended"] for e in entries if e["ended"]), default=None),
            "base_url": first.get("base_url"), "data_dir": str(root), "source": first.get("source"),
            "redis": d0.get("redis"), "harvest": d0.get("harvest"),
            "workers": sorted(entries, key=lambda e: (e["started"] or "", e["worker"])),
            "worker_statuses": dict(Counter(e["status"] for e in entries)),
            "counts": dict(counts), "failed": failed,
            "recovered_requests": sum(e["recovered_requests"] or 0 for e in entries),
            "settings": first.get("settings"),
        }
    return result


def merge(root: Path | str, redis_url: str | None = None, follow_up: bool = False, sets: list[str] | None = None,
          quiet: bool = False, _pass: int = 1) -> int:
    root = Path(root).expanduser().resolve()
    if not root.is_dir():
        print(f"xjmsw merge: no data directory {root}", file=sys.stderr)
        return 2
    lock = DataDirLock(root)
    try:
        lock.acquire(started=utc_now(), command="merge")
    except Locked as exc:
        print(f"xjmsw merge: {exc}; try again later (status {EXIT_LOCKED}).", file=sys.stderr)
        return EXIT_LOCKED
    try:
        shards = shard_dirs(root)
        if not shards:
            print(f"xjmsw merge: {root} has no shards/ (nothing harvested with --redis)", file=sys.stderr)
            return 2
        records = merge_records(root / "articles.jsonl", shards)
        failures_added, failures = merge_failures(root / "failures.jsonl", shards)
        warcs_linked = link_warcs(root, shards)
        checked = recheck(shards, records.pop("keys"), failures)
        missing = checked["missing"]
        missing_path = root / "missing.jsonl"
        if missing:
            tmp = missing_path.with_name(missing_path.name + ".tmp")
            tmp.write_text("".join(json.dumps(m, ensure_ascii=False) + "\n" for m in missing), "utf-8")
            os.replace(tmp, missing_path)
        elif missing_path.exists():
            missing_path.unlink()
        manifests = run_manifests(root, shards)
        merged_at = utc_now()
        report = {"time": merged_at, "shards": [s.name for s in shards], "failures_added": failures_added, "warcs_linked": warcs_linked,
                  **records}
        for i, (run, manifest) in enumerate(sorted(manifests.items())):
            path = root / "runs" / f"{run}.json"
            if i == len(manifests) - 1:
                manifest["merge"] = report
                manifest["recheck"] = {**{k: v for k, v in checked.items() if k != "missing"},
                                       "missing": [m["url"] for m in missing]}
                if manifest["status"] == "merged" and missing:
                    manifest["status"] = "incomplete"
            elif path.exists():
                try:
                    old = json.loads(path.read_text("utf-8"))
                    manifest.update({k: old[k] for k in ("merge", "recheck") if k in old})
                except (OSError, ValueError):
                    pass
            manifest["exit_status"] = EXIT_MISSING if manifest["status"] == "incomplete" else EXIT_OK
            write_json_atomic(path, manifest)
        queued = 0
        if missing and redis_url:
            queued = _queue_followups(root, redis_url, missing, manifests)
    finally:
        lock.release()

    summary = (f"Merged {len(shards)} shard(s) of {root}: {records['added']} record(s) added "
               f"({records['added_new']} new article(s), {records['added_versions']} new version(s); "
               f"{records['duplicates']} duplicate(s) left out), articles.jsonl holds {records['records']} "
               f"record(s) of {records['articles']} article(s)")
    if not missing:
        summary += (f"; every one of the {checked['listed']} URL(s) the listings named is archived or in "
                    f"failures.jsonl.")
        if not quiet:
            print(summary, flush=True)
        return EXIT_OK
    summary += (f"; {len(missing)} URL(s) the listings named are neither archived nor in failures.jsonl "
                f"(listed in {missing_path})")
    if queued:
        summary += ", queued in Redis for the next run"
    if follow_up and redis_url and _pass == 1:
        print(summary + "; running a follow-up worker.", file=sys.stderr, flush=True)
        base_url = next((m.get("base_url") for m in reversed(list(manifests.values())) if m.get("base_url")), None)
        command = [sys.executable, "-m", "xjmsw_crawler.cli", "harvest", "--redis", redis_url, "--data-dir",
                   str(root), "-q"]
        if base_url:
            command += ["--base-url", base_url]
        for pair in sets or []:
            command += ["-s", pair]
        subprocess.run(command, check=False)
        return merge(root, redis_url, follow_up=False, sets=sets, quiet=quiet, _pass=2)
    how = ("run a worker again" if redis_url else
           "merge with --redis URL (the next run then fetches them), or run a worker again")
    print(f"{summary}: {how} (`xjmsw harvest --redis URL --data-dir {root}`), then `xjmsw merge {root}` again.",
          file=sys.stderr, flush=True)
    return EXIT_MISSING


def _queue_followups(root: Path, redis_url: str, missing: list[dict], manifests: dict) -> int:
    from .context import RedisHarvest, RedisUnavailable

    name = next((m.get("harvest") for m in reversed(list(manifests.values())) if m.get("harvest")), None) or root.name
    try:
        ctx = RedisHarvest(redis_url, name)
        ctx.ping()
    except RedisUnavailable as exc:
        print(f"xjmsw merge: {exc}: the missing URLs are not queued", file=sys.stderr)
        return 0
    # The merged archive is the truth: what it lacks, Redis must not believe archived, or the next run would
    # fetch it and find it "unchanged".
    ctx.client.hdel(ctx.key("articles"), *{url_key(m["url"]) for m in missing})
    seeds = [{"url": m["url"], "priority": 10, **({"meta": {"listing_date": m["listing_date"]}}
                                                  if m.get("listing_date") else {})} for m in missing]
    return ctx.add_followups(seeds)
