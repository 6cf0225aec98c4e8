"""``scrapy crawl generic -a urls=URL1,URL2`` (or ``-a urls_file=PATH``): exactly those articles."""

from __future__ import annotations

from newscrawl.spiders.base import NewsSpider


class GenericSpider(NewsSpider):
    """Any portal: each URL's network module if one owns it, else the generic layer."""

    name = "generic"
