"""`scrapy harvest`: the same harvest as `xjmsw harvest`, with Scrapy's global options (-s, -L, --logfile)."""

from __future__ import annotations

from scrapy.commands import ScrapyCommand

from xjmsw_crawler.commands import harvest as cli


class Command(ScrapyCommand):
    requires_project = False
    requires_crawler_process = False  # the harvest builds its own, after taking the data directory's lock

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Harvest the portal into a data directory (same as `xjmsw harvest`)"

    def add_options(self, parser):
        super().add_options(parser)
        cli.add_arguments(parser, with_set=False)

    def run(self, args, opts):
        from xjmsw_crawler.harvest.runner import harvest

        self.exitcode = harvest(cli.options_from(opts), settings=self.settings)
