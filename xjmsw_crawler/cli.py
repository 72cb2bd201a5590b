"""The `xjmsw` command: one subcommand per module in xjmsw_crawler.commands, each a thin wrapper.

A command module defines `help` (one line), `add_arguments(parser)` and `run(args) -> int` (exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Subcommand name -> module in xjmsw_crawler.commands.
COMMANDS = {
    "parse": "parse",
    "serve-mirror": "serve_mirror",
    "demo": "demo",
    "harvest": "harvest",
    "merge": "merge",
    "report": "report",
    "validate": "validate",
    "export": "export",
    "reparse": "reparse",
    "package": "package",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xjmsw", description="Archival crawler for 新疆民生网 (www.xjmsw.cn).")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module_name in COMMANDS.items():
        module = importlib.import_module(f"xjmsw_crawler.commands.{module_name}")
        command = sub.add_parser(name, help=module.help, description=module.help)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
