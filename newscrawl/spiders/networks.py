"""One spider per network module: ``scrapy crawl <network>`` (``scrapy list`` shows them all).

Each takes ``-a sites=`` (portal keys, default: every known portal), ``-a urls=`` / ``-a urls_file=``
(articles to fetch, no discovery), and ``-a since=`` / ``-a until=`` (days for dated indexes and sitemaps).
"""

from __future__ import annotations

from newscrawl.sites import network_named
from newscrawl.spiders.network import NetworkSpider


class TribunSpider(NetworkSpider):
    name = "tribun"
    network = network_named("tribun")


class SuaraSpider(NetworkSpider):
    name = "suara"
    network = network_named("suara")


class AntaraSpider(NetworkSpider):
    name = "antara"
    network = network_named("antara")


class DetikSpider(NetworkSpider):
    name = "detik"
    network = network_named("detik")


class KompasSpider(NetworkSpider):
    name = "kompas"
    network = network_named("kompas")


class OkezoneSpider(NetworkSpider):
    name = "okezone"
    network = network_named("okezone")


class InewsSpider(NetworkSpider):
    name = "inews"
    network = network_named("inews")


class SindonewsSpider(NetworkSpider):
    name = "sindonews"
    network = network_named("sindonews")


class RadarSpider(NetworkSpider):
    name = "radar"
    network = network_named("radar")


class MediaIndonesiaSpider(NetworkSpider):
    name = "mediaindonesia"
    network = network_named("mediaindonesia")


class RepublikaSpider(NetworkSpider):
    name = "republika"
    network = network_named("republika")


class HarianjogjaSpider(NetworkSpider):
    name = "harianjogja"
    network = network_named("harianjogja")


class MerdekaSpider(NetworkSpider):
    name = "merdeka"
    network = network_named("merdeka")
