"""Distributed harvests (`xjmsw harvest --redis URL`, `scrapy crawl xjmsw -s XJMSW_REDIS_URL=URL`) on scrapy-redis.

Every worker started with the same Redis and the same harvest name (the data directory's name) joins the same
harvest: one shared request queue and dupefilter (scrapy-redis), one shared incremental state (what is archived,
with body hashes and versions; listings; failures), and per worker a shard of the data directory
(`DIR/shards/<worker-id>/`: articles.jsonl, failures.jsonl, journal.jsonl, warc/, runs/, logs/). `xjmsw merge DIR`
builds DIR/articles.jsonl and the run manifest from the shards.

context.py     RedisHarvest: the connection, the key names, the run every worker joins, heartbeats, the
               in-flight requests of each worker and their recovery when a worker dies (kill -9 included)
scheduler.py   RedisScheduler (scrapy-redis's, plus in-flight tracking), RedisDupeFilter (Scrapy's fingerprinter)
spider.py      RedisXjmswSpider: the project's spider on the shared queue, with an async start() that seeds
loader.py      SpiderLoader: `xjmsw` is the Redis spider when XJMSW_REDIS_URL is set
state.py       RedisStateStore, RedisHarvestSession: the harvest's state in Redis, the shard's journal
components.py  DistributedExtension (heartbeat, polling, in-flight completion), RedisArchivePipeline
runner.py      `xjmsw harvest --redis`: one worker, start to exit status
merge.py       `xjmsw merge`: shards -> articles.jsonl, failures.jsonl, runs/<run>.json, the recheck

Nothing here is imported unless Redis mode is asked for: scrapy-redis and redis-py are the optional extra
`distributed`.
"""

#: The versions tested together (pyproject.toml extra `distributed`).
SCRAPY_REDIS_VERSION = "0.9.1"
