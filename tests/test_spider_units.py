"""Spider pieces called directly (Scrapy's get_crawler, no engine): discovery scope and arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newscrawl.spiders.base import ArgumentError
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.prmn import PrmnSpider
from tests.crawling import crawl

MENU = b"""<html><body><ul class="network__menu--more">
<li><a href="https://zonajakarta.pikiran-rakyat.com">Zona Jakarta</a></li>
<li><a href="https://portalbaru.pikiran-rakyat.com">Portal Baru</a></li>
<li><a href="https://evil.example.com">Elsewhere</a></li></ul>
<a href="https://portalbaru.pikiran-rakyat.com/bola/pr-123456789/gol-indah">x</a>
<a href="https://evil.example.com/bola/pr-123456789/gol-indah">x</a>
<a href="https://portalbaru.pikiran-rakyat.com/tag/Bola">tag</a></body></html>"""


def make_spider(**kwargs: str) -> PrmnSpider:
    crawler = get_crawler(PrmnSpider)
    spider = PrmnSpider.from_crawler(crawler, **kwargs)
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return spider


def test_network_menu_adds_unlisted_portals_to_a_default_run() -> None:
    spider = make_spider()
    spider.scheduled_hosts.add("zonajakarta.pikiran-rakyat.com")
    response = HtmlResponse("https://zonajakarta.pikiran-rakyat.com/indeks-berita", body=MENU)
    requests = [r for r in spider.parse_listing(response, 1) if isinstance(r, Request)]
    urls = [r.url for r in requests]
    assert "https://portalbaru.pikiran-rakyat.com/robots.txt" in urls
    assert not any("evil.example.com" in u for u in urls)
    assert not any("/tag/" in u for u in urls)
    # the article link on an unlisted PRMN host is followed, as its full-text form
    assert "https://portalbaru.pikiran-rakyat.com/bola/pr-123456789/gol-indah?page=all" in urls


def test_sites_argument_keeps_discovery_on_the_chosen_portals() -> None:
    spider = make_spider(sites="zonajakarta.pikiran-rakyat.com")
    response = HtmlResponse("https://zonajakarta.pikiran-rakyat.com/indeks-berita", body=MENU)
    urls = [r.url for r in spider.parse_listing(response, 1) if isinstance(r, Request)]
    assert not any("portalbaru" in u for u in urls)


def test_listing_paging_is_capped() -> None:
    crawler = get_crawler(PrmnSpider, {"NEWSCRAWL_MAX_LISTING_PAGES": 2})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    spider = PrmnSpider.from_crawler(crawler, sites="portalbaru.pikiran-rakyat.com")
    response = HtmlResponse("https://portalbaru.pikiran-rakyat.com/indeks-berita?page=2", body=MENU)
    urls = [r.url for r in spider.parse_listing(response, 2)]
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
