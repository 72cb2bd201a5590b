"""Static servers for a FORMAT.md mirror on 127.0.0.1, each in its own process (so it gets its own core).

* nginx  (Debian's nginx-light; one worker, no access log, sendfile): the fast one, used when installed.
  wget's file naming is kept: `/a.asp?x=1` is served from the file `a.asp?x=1` (try_files "$uri?$args").
* fast   bench/fastserve.py: an asyncio HTTP/1.1 keep-alive server over the project's Mirror lookup.
* mirror the project's own MirrorServer (threaded http.server), through `xjmsw serve-mirror`.

headers.json overrides are not applied by nginx (the synthetic mirrors have none).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{
        image/gif gif;
        image/jpeg jpg jpeg;
        image/png png;
        text/css css;
        application/javascript js;
    }}
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
        location / {{
            try_files "$uri?$args" $uri $uri/index.html =404;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                r.read()
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"server at {url} did not come up in {timeout} s")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def serve(mirror: Path, kind: str = "auto"):
    """Yields (base_url, kind) of a server for the mirror folder; stops it afterwards."""
    mirror = Path(mirror).resolve()
    if kind == "auto":
        kind = "nginx" if NGINX else "fast"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="xjmsw-bench-srv-") as tmp:
        if kind == "nginx":
            if not NGINX:
                raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
            conf = Path(tmp) / "nginx.conf"
            conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, root=mirror / "site"))
            cmd = [NGINX, "-p", tmp, "-c", str(conf), "-e", f"{tmp}/error.log"]
        elif kind == "fast":
            cmd = [sys.executable, str(HERE / "fastserve.py"), "--root", str(mirror), "--port", str(port)]
        elif kind == "mirror":
            cmd = [sys.executable, "-m", "xjmsw_crawler.cli", "serve-mirror", "--root", str(mirror), "--port", str(port)]
        else:
            raise ValueError(kind)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}/"
        try:
            _wait_up(base, proc, timeout=300)
            yield base, kind
        finally:
            _stop(proc)


@contextmanager
def redis_server(executable: str | None = None):
    """Yields the URL of a redis-server of its own on a free 127.0.0.1 port (no persistence, a temporary
    directory); stops it afterwards. The distributed benchmark's and the distributed tests' Redis."""
    import redis

    executable = executable or shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="xjmsw-redis-") as folder:
        proc = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", folder],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url)
        try:
            deadline = time.monotonic() + 15
            while True:
                try:
                    client.ping()
                    break
                except redis.ConnectionError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"redis-server did not start on port {port}") from None
                    time.sleep(0.05)
            yield url
        finally:
            client.close()
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
