"""A fast enough Python static server for a FORMAT.md mirror: asyncio, HTTP/1.1 keep-alive, one process.

    python bench/fastserve.py --root bench/out/synth-10000 --port 8001

It answers from the project's Mirror (same URL-to-file rules and headers.json overrides as MirrorServer),
without http.server's per-request thread and parsing costs. GET and HEAD only; no request bodies.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xjmsw_crawler.mirror import Mirror  # noqa: E402

REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 500: "Internal Server Error"}


class Handler(asyncio.Protocol):
    def __init__(self, mirror: Mirror):
        self.mirror = mirror
        self.buffer = b""
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
            lines = head.split(b"\r\n")
            try:
                method, target, version = lines[0].decode("latin-1").split(" ", 2)
            except ValueError:
                self.transport.close()
                return
            close = version == "HTTP/1.0" or any(
                line.lower().startswith(b"connection:") and b"close" in line.lower() for line in lines[1:])
            status, headers, body = self.mirror.lookup(target)
            out = [f"HTTP/1.1 {status} {REASONS.get(status, 'OK')}", "Server: xjmsw-fastserve"]
            out += [f"{k}: {v}" for k, v in headers.items()]
            out.append(f"Content-Length: {len(body)}")
            if close:
                out.append("Connection: close")
            payload = ("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
            self.transport.write(payload + body if method != "HEAD" else payload)
            if close:
                self.transport.close()
                return


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    mirror = Mirror(args.root)

    async def run():
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: Handler(mirror), "127.0.0.1", args.port, backlog=1024)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
