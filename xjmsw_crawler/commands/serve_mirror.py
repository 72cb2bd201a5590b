"""`xjmsw serve-mirror`: the offline mirror of the portal on 127.0.0.1, for demos and tests."""

from __future__ import annotations

from xjmsw_crawler.mirror import DEFAULT_MIRROR, Faults, MirrorServer

help = "serve the offline mirror of the portal on 127.0.0.1"


def add_arguments(parser):
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free port; default 8000)")
    parser.add_argument("--root", default=str(DEFAULT_MIRROR), help="mirror folder (default: fixtures/mirror)")
    parser.add_argument("--faults", type=int, metavar="SEED", help="inject faults (500/503/429, resets, slow and "
                        "truncated answers, redirect loops, off-site redirects), seeded; see mirror.Faults")
    parser.add_argument("--fault-rate", type=float, default=0.3, help="share of attempts that fail (default 0.3)")


def run(args) -> int:
    faults = Faults(seed=args.faults, rate=args.fault_rate) if args.faults is not None else None
    server = MirrorServer(args.root, port=args.port, faults=faults)
    print(f"Serving {args.root} at {server.base_url} (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
