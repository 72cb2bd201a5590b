"""Archiving what was fetched: WARC recording, offline re-extraction from WARC files, WACZ packages.

- recorder.py: WarcRecorder writes request/response/revisit records (warcio, gzip) to
  `<dir>/<run-id>-NNNNN.warc.gz`, rotating at a size, one atomic write per exchange; DigestIndex is the
  per-directory payload-digest index (SQLite) behind revisit records.
- middleware.py: WarcRecorderMiddleware, the downloader middleware that feeds the recorder (XJMSW_WARC_DIR).
- replay.py: WarcIndex reads WARC files back; WarcReplayDownloadHandler answers Scrapy requests from them
  (`xjmsw reparse`).
- wacz.py: `xjmsw package` (WARCs + CDXJ + pages list in one WACZ).

Nothing here imports the parsers: the archive is about bytes, the parsers about meaning.
"""

from __future__ import annotations

#: request.meta keys shared by the recorder, the replay handler, the Wayback handler and the spiders.
META_FETCHED_AT = "xjmsw_fetched_at"      # UTC ISO time of the fetch (the WARC-Date): the record's fetched_at
META_EXCHANGES = "xjmsw_exchanges"        # [(Request, Response, datetime)] really exchanged for this download
META_ARCHIVED_AT = "xjmsw_archived_at"    # Wayback capture time of the page (ISO 8601 UTC)
META_WAYBACK_URL = "xjmsw_wayback_url"    # Wayback replay URL of the page

#: A response flag for responses that were not fetched from anywhere (made up for a miss): never recorded.
FLAG_NOT_FETCHED = "xjmsw:not-fetched"
#: A response flag for responses answered from WARC files (`xjmsw reparse`).
FLAG_REPLAYED = "xjmsw:replayed"
