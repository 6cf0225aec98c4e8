"""``scrapy crawl prmn``: every Pikiran Rakyat Media Network portal (``-a sites=`` to pick some)."""

from __future__ import annotations

from newscrawl.sites import network_named
from newscrawl.spiders.network import NetworkSpider


class PrmnSpider(NetworkSpider):
    name = "prmn"
    network = network_named("prmn")
