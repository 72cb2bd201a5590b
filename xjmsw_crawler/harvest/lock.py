"""One harvest per data directory: an exclusive flock on DIR/.lock.

The kernel drops the lock when the process ends, however it ends (kill -9 included), so a crashed harvest
never leaves a stale lock behind. The file's content (pid, start time, run id) only makes the message of a
refused second harvest more useful; it is never what decides.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

#: Exit status of a harvest refused because another one holds the lock (sysexits.h EX_TEMPFAIL: cron or a
#: wrapper may simply try again later).
EXIT_LOCKED = 75


class Locked(Exception):
    """Another process holds the lock; str() says who, as far as its lock file tells."""


class DataDirLock:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / ".lock"
        self.fd: int | None = None

    def acquire(self, **info) -> None:
        """Takes the lock at once or raises Locked (never waits)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read(fd)
            os.close(fd)
            who = ", ".join(f"{k} {v}" for k, v in holder.items() if k in ("pid", "started", "run")) or "unknown process"
            raise Locked(f"another harvest is running on {self.path.parent} ({who})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps({"pid": os.getpid(), **info}) + "\n").encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()


def _read(fd: int) -> dict:
    try:
        data = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}
