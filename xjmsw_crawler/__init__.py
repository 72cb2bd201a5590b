"""xjmsw-crawler: archival crawler for 新疆民生网 (www.xjmsw.cn)."""

__version__ = "0.1.0"
