"""``scrapy crawl wordpress``: any WordPress portal, with the WordPress profile.

``-a sites=`` takes *any* host (``-a sites=kabarteluk.example,fajar.co.id``): WordPress portals cannot be
told by host name, so the hosts given (and the hosts of ``-a urls=`` / ``-a urls_file=``) join the profile
for this run. Without them, the profile's listed portals are crawled. Discovery: robots.txt → sitemaps
(``/wp-sitemap.xml``, Yoast's ``/sitemap_index.xml``), ``/feed/``, and the homepage listing paged ``/page/N/``.
"""

from __future__ import annotations

from typing import Any

from newscrawl.sites.wordpress import WordPress
from newscrawl.spiders.base import split_arg
from newscrawl.spiders.network import NetworkSpider
from newscrawl.urls import host_of


class WordPressSpider(NetworkSpider):
    name = "wordpress"
    network = WordPress()

    def __init__(self, *args: Any, sites: str | None = None, **kwargs: Any) -> None:
        # The hosts given become portals of this run's profile, so the host check in
        # NetworkSpider.__init__ (and every owns()/is_article_url() after it) accepts them.
        self.network = WordPress().with_hosts(split_arg(sites))
        super().__init__(*args, sites=sites, **kwargs)
        self.network = self.network.with_hosts(host_of(url) for url in self.start_urls_given)
