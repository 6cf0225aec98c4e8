"""Spider pieces called directly (Scrapy's get_crawler, no engine): discovery scope and arguments."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newscrawl.sites.base import Network
from newscrawl.spiders.base import ArgumentError
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.network import NetworkSpider
from newscrawl.spiders.prmn import PrmnSpider
from tests.crawling import crawl

#: spiders built here never open the seen-store (it would live in the working directory's data/)
NO_STATE = {"NEWSCRAWL_STATE": False}

MENU = b"""<html><body><ul class="network__menu--more">
<li><a href="https://zonajakarta.pikiran-rakyat.com">Zona Jakarta</a></li>
<li><a href="https://portalbaru.pikiran-rakyat.com">Portal Baru</a></li>
<li><a href="https://evil.example.com">Elsewhere</a></li></ul>
<a href="https://portalbaru.pikiran-rakyat.com/bola/pr-123456789/gol-indah">x</a>
<a href="https://evil.example.com/bola/pr-123456789/gol-indah">x</a>
<a href="https://portalbaru.pikiran-rakyat.com/tag/Bola">tag</a></body></html>"""


def make_spider(**kwargs: str) -> PrmnSpider:
    crawler = get_crawler(PrmnSpider, NO_STATE)
    spider = PrmnSpider.from_crawler(crawler, **kwargs)
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return spider


def test_network_menu_adds_unlisted_portals_to_a_default_run() -> None:
    spider = make_spider()
    spider.scheduled_portals.add("zonajakarta.pikiran-rakyat.com")
    response = HtmlResponse("https://zonajakarta.pikiran-rakyat.com/indeks-berita", body=MENU)
    requests = [r for r in spider.parse_listing(response, response.url, 1, frozenset()) if isinstance(r, Request)]
    urls = [r.url for r in requests]
    assert "https://portalbaru.pikiran-rakyat.com/robots.txt" in urls
    assert not any("evil.example.com" in u for u in urls)
    assert not any("/tag/" in u for u in urls)
    # the article link on an unlisted PRMN host is followed, as its full-text form
    assert "https://portalbaru.pikiran-rakyat.com/bola/pr-123456789/gol-indah?page=all" in urls


def test_sites_argument_keeps_discovery_on_the_chosen_portals() -> None:
    spider = make_spider(sites="zonajakarta.pikiran-rakyat.com")
    response = HtmlResponse("https://zonajakarta.pikiran-rakyat.com/indeks-berita", body=MENU)
    urls = [r.url for r in spider.parse_listing(response, response.url, 1, frozenset()) if isinstance(r, Request)]
    assert not any("portalbaru" in u for u in urls)


def test_listing_paging_is_capped() -> None:
    crawler = get_crawler(PrmnSpider, {**NO_STATE, "NEWSCRAWL_MAX_LISTING_PAGES": 2})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    spider = PrmnSpider.from_crawler(crawler, sites="portalbaru.pikiran-rakyat.com")
    response = HtmlResponse("https://portalbaru.pikiran-rakyat.com/indeks-berita?page=2", body=MENU)
    urls = [
        r.url
        for r in spider.parse_listing(response, "https://portalbaru.pikiran-rakyat.com/indeks-berita", 2, frozenset())
    ]
    assert not any("indeks-berita?page=3" in u for u in urls)


def test_bad_arguments_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ArgumentError, match="not a readable file"):
        GenericSpider(urls_file=str(tmp_path / "missing.txt"))
    with pytest.raises(ArgumentError, match="not an http"):
        GenericSpider(urls="file:///etc/passwd")
    with pytest.raises(ArgumentError, match="not a Pikiran Rakyat"):
        PrmnSpider(sites="example.com")


def test_dash_o_writes_the_users_file_instead_of_the_data_dir(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[1] / "newscrawl" / "sample"
    from newscrawl.warc import build_warc_from_manifest

    warc = tmp_path / "s.warc.gz"
    build_warc_from_manifest(sample / "manifest.tsv", warc)
    out = tmp_path / "one-off.jsonl"
    url = (sample / "urls.txt").read_text().split()[0]
    result = crawl(
        "prmn", tmp_path, args={"urls": url}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)}, extra=("-O", str(out))
    )
    assert result.output_files == []
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://portalbaru.pikiran-rakyat.com/bola/pr-111111111/lama</loc><lastmod>2025-01-05T10:00:00+07:00</lastmod></url>
<url><loc>https://portalbaru.pikiran-rakyat.com/bola/pr-222222222/baru</loc><lastmod>2025-12-05T10:00:00+07:00</lastmod></url>
<url><loc>https://portalbaru.pikiran-rakyat.com/bola/pr-333333333/tanpa-lastmod</loc></url>
<url><loc>https://evil.example.com/bola/pr-444444444/luar</loc></url>
</urlset>"""


def test_sitemap_lastmod_respected_with_since() -> None:
    from scrapy.http import XmlResponse

    spider = make_spider(sites="portalbaru.pikiran-rakyat.com", since="2025-12-01")
    response = XmlResponse("https://portalbaru.pikiran-rakyat.com/sitemap.xml", body=SITEMAP)
    urls = [r.url for r in spider.parse_sitemap(response)]
    assert [u.split("/")[4] for u in urls] == ["pr-222222222", "pr-333333333"]
    assert spider.crawler.stats.get_value("newscrawl/discovery/skipped_by_lastmod") == 1  # type: ignore[union-attr]


def test_entity_expansion_in_sitemap_is_not_expanded() -> None:
    from scrapy.http import XmlResponse

    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>'
    )
    spider = make_spider(sites="portalbaru.pikiran-rakyat.com")
    response = XmlResponse("https://portalbaru.pikiran-rakyat.com/sitemap.xml", body=bomb)
    assert list(spider.parse_sitemap(response)) == []


# -- dated indexes and feeds, on a toy network ----------------------------------------------------


class ToyNetwork(Network):
    name = "toy"
    title = "Toy network"
    portals: ClassVar[dict[str, str | None]] = {"kota.toy.example": "Kota"}
    host_pattern = re.compile(r"[\w-]+\.toy\.example")
    article_path = re.compile(r"^/berita/\d+/[\w-]+$")
    index_max_pages = 3

    def index_url(self, portal: str, day: date, number: int) -> str | None:
        return f"https://{portal}/indeks?date={day.isoformat()}&page={number}"

    def feed_urls(self, portal: str) -> list[str]:
        return [f"https://{portal}/rss"]


class ToySpider(NetworkSpider):
    name = "toy"
    network = ToyNetwork()


def make_toy(**kwargs: str) -> ToySpider:
    crawler = get_crawler(ToySpider, NO_STATE)
    spider = ToySpider.from_crawler(crawler, **kwargs)
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return spider


def index_page(*ids: int) -> bytes:
    links = "".join(f'<a href="/berita/{i}/judul-{i}">x</a>' for i in ids)
    return f'<html><body><a href="/tag/banjir">tag</a><a href="https://lain.example/berita/9/x">off</a>{links}</body></html>'.encode()


def test_since_until_choose_the_index_days_newest_first() -> None:
    spider = make_toy(since="2026-11-20", until="2026-11-22")
    assert [d.isoformat() for d in spider.index_days] == ["2026-11-22", "2026-11-21", "2026-11-20"]
    starts = [r.url for r in spider.discovery_requests()]
    assert "https://kota.toy.example/indeks?date=2026-11-20&page=1" in starts
    assert "https://kota.toy.example/rss" in starts
    with pytest.raises(ArgumentError, match="after until"):
        make_toy(since="2026-11-23", until="2026-11-22")
    with pytest.raises(ArgumentError, match="not a date"):
        make_toy(since="kemarin")


def test_default_index_days_are_today_and_yesterday() -> None:
    spider = make_toy()
    assert len(spider.index_days) == 2
    assert (spider.index_days[0] - spider.index_days[1]).days == 1


def test_dated_index_pages_until_a_page_brings_nothing_new() -> None:
    spider = make_toy(since="2026-11-20", until="2026-11-20")
    day = date(2026, 11, 20)
    page1 = HtmlResponse("https://kota.toy.example/indeks?date=2026-11-20&page=1", body=index_page(1, 2))
    out = list(spider.parse_index(page1, "kota.toy.example", day, 1, frozenset()))
    articles = [r.url for r in out if r.callback == spider.parse_article]
    assert articles == ["https://kota.toy.example/berita/1/judul-1", "https://kota.toy.example/berita/2/judul-2"]
    (following,) = [r for r in out if r.callback == spider.parse_index]
    assert following.url.endswith("page=2")
    # page 2 repeats page 1 (the portal's last page repeats): no articles again, no page 3
    page2 = HtmlResponse(following.url, body=index_page(1, 2))
    assert list(spider.parse_index(page2, **following.cb_kwargs)) == []


def test_dated_index_stops_at_its_page_cap_and_counts_it() -> None:
    spider = make_toy(since="2026-11-20", until="2026-11-20")
    page3 = HtmlResponse("https://kota.toy.example/indeks?date=2026-11-20&page=3", body=index_page(7))
    out = list(spider.parse_index(page3, "kota.toy.example", date(2026, 11, 20), 3, frozenset()))
    assert [r.callback for r in out] == [spider.parse_article]
    assert spider.crawler.stats.get_value("newscrawl/discovery/index_capped") == 1  # type: ignore[union-attr]


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Kota</title>
<item><title>a</title><link>https://kota.toy.example/berita/1/baru</link>
<pubDate>Fri, 20 Nov 2026 10:00:00 +0700</pubDate></item>
<item><title>b</title><link>https://kota.toy.example/berita/2/lama</link>
<pubDate>Mon, 02 Nov 2026 10:00:00 +0700</pubDate></item>
<item><title>c</title><link>https://kota.toy.example/tag/banjir</link></item>
<item><title>d</title><link>https://lain.example/berita/3/luar</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Kota</title>
<entry><title>a</title><link href="https://kota.toy.example/berita/5/atom"/><updated>2026-11-20T08:00:00+07:00</updated></entry>
</feed>"""


def test_feeds_rss_and_atom_with_the_day_window() -> None:
    from scrapy.http import XmlResponse

    spider = make_toy(since="2026-11-15", until="2026-11-25")
    rss = [r.url for r in spider.parse_feed(XmlResponse("https://kota.toy.example/rss", body=RSS))]
    assert rss == ["https://kota.toy.example/berita/1/baru"]
    assert spider.crawler.stats.get_value("newscrawl/discovery/skipped_by_lastmod") == 1  # type: ignore[union-attr]
    atom = [r.url for r in spider.parse_feed(XmlResponse("https://kota.toy.example/atom", body=ATOM))]
    assert atom == ["https://kota.toy.example/berita/5/atom"]
    assert list(spider.parse_feed(HtmlResponse("https://kota.toy.example/rss", body=b"<html>no</html>"))) == []
    assert spider.crawler.stats.get_value("newscrawl/dropped/bad_feed") == 1  # type: ignore[union-attr]
