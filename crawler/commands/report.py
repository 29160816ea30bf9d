"""`scrapy report`: build <OUTPUT_DIR>/report.html from the Parquet datasets alone (no network).

  scrapy report
  scrapy report -s OUTPUT_DIR=/data/cairo -o /tmp/cairo-report.html

The page is self-contained (inline SVG charts, no scripts): coverage volume per
outlet over time, claims per actor per week, the most repeated claims across
outlets with who reported them first, and extraction health per outlet.
"""

from __future__ import annotations

from pathlib import Path

from scrapy.commands import ScrapyCommand


class Command(ScrapyCommand):
    requires_project = True
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[-o report.html]"

    def short_desc(self) -> str:
        return "Build the HTML coverage report from the Parquet datasets"

    def add_options(self, parser) -> None:
        super().add_options(parser)
        parser.add_argument("--output", "-o", dest="output", help="where to write (default <OUTPUT_DIR>/report.html)")

    def run(self, args: list[str], opts) -> None:
        # Imported here: Scrapy imports every command module in every run (crawls included),
        # and the report's matplotlib and pandas would add ~60 MB to each crawl process.
        from crawler.datasets.report import build_report

        output_dir = Path(self.settings.get("OUTPUT_DIR") or "output")
        path = build_report(output_dir, opts.output)
        print(path)
