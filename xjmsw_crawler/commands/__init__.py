"""Subcommands of `xjmsw` (see cli.py)."""
