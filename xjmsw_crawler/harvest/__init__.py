"""Scheduled harvests (`xjmsw harvest`): incremental, crash-safe, polite.

state.py        state.sqlite (what is archived) and the repair of articles.jsonl after a crash
lock.py         one harvest per data directory (flock; exit status 75)
session.py      one run's view of the archive: what to skip, where to stop paging, failures
components.py   the extension, pipeline and middlewares a harvest adds to the project's settings
resilience.py   retry with backoff and Retry-After, redirect loops that end (used by every crawl)
runner.py       the run itself: settings, logging, manifest, exit status, the closing sentence
"""
