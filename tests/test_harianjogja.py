"""Harian Jogja (reference only): the template's fields on our fixture pages, URL rules for both article
URL shapes, the desk home page as a listing, and a discovery crawl with ``scrapy crawl harianjogja`` over
WARC replay."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_named
from tests.conftest import FIXTURE_SITES, FROZEN_NOW
from tests.crawling import crawl

SITE = FIXTURE_SITES / "harianjogja"
MANIFEST = SITE / "manifest.tsv"
NET = network_named("harianjogja")
HOST = "https://jogjapolitan.harianjogja.com"

A = f"{HOST}/r-1262015/pemkab-bantul-tambah-12-embung-untuk-cadangan-air-musim-kemarau"
B = f"{HOST}/r-1262040/wisatawan-padati-malioboro-saat-libur-panjang-parkir-abu-bakar-ali-penuh"
NEWS_DESK = "https://news.harianjogja.com/r-1262031/dpr-setujui-revisi-undang-undang-desa"

# From EXPECTED.md (written with the fixtures).
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "file": "r-1262015.html",
        "headline": "Pemkab Bantul Tambah 12 Embung untuk Cadangan Air Musim Kemarau",
        "published_at": "2026-03-12T09:15:00+07:00",
        "published_at_raw": "2026-03-12T09:15:00+07:00",
        "authors": ["Sri Wahyuni Lestari"],
        "tags": ["Embung", "Bantul", "Musim Kemarau"],
        "image_url": "https://img.harianjogja.com/posts/2026/03/12/1262015/embung-bantul.jpg",
        "image_caption": (
            "Pekerja menyelesaikan dinding embung di Kapanewon Dlingo, Bantul, Rabu (11/3/2026). "
            "- Harian Jogja/Sri Wahyuni Lestari"
        ),
        "paragraphs": 6,
        "first": "Pemerintah Kabupaten Bantul menambah 12 embung baru",
        "last": "karena tidak ada air.",
        "absent": (
            "Debit Sumur Warga Dlingo",
            "BPBD Bantul Petakan",
            "Jadwal Kereta Bandara",
            "Harianjogja.com, BANTUL",
        ),
    },
    B: {
        "file": "r-1262040.html",
        "headline": "Wisatawan Padati Malioboro saat Libur Panjang, Parkir Abu Bakar Ali Penuh",
        "published_at": "2026-03-12T13:40:00+07:00",
        "published_at_raw": "2026-03-12T13:40:00+07:00",
        "authors": ["Yosef Adi Nugraha"],
        "tags": ["Malioboro", "Libur Panjang", "Parkir"],
        "image_url": "https://img.harianjogja.com/posts/2026/03/12/1262040/malioboro-libur.jpg",
        "image_caption": "Wisatawan memadati pedestrian Malioboro, Kamis (12/3/2026). - Harian Jogja/Yosef Adi Nugraha",
        "paragraphs": 5,
        "first": "Kawasan Malioboro dipadati wisatawan",
        "last": "naik tiga kali lipat sejak pagi.",
        "absent": ("Jalur Satu Arah di Sekitar Tugu", "Lima Kuliner Malam", "Harianjogja.com, JOGJA"),
    },
}
FURNITURE = (
    "Baca Juga",
    "ADVERTISEMENT",
    "Bagikan",
    "Facebook",
    "WhatsApp",
    "Dapatkan berita terbaru",
    "Berita Terkait",
    "Terpopuler",
    "Penulis:",
    "Editor:",
    "Dwi Prasetyo Nugroho",
)


def html_of(url: str) -> bytes:
    return (SITE / str(ARTICLES[url]["file"])).read_bytes()


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "harianjogja"
    assert record["site"] == "jogjapolitan.harianjogja.com"
    assert record["site_name"] == "Harian Jogja"
    assert record["category"] == "Jogjapolitan"
    assert record["editor"] == "Dwi Prasetyo Nugroho"
    assert record["source"] is None
    assert record["page_count"] == 1
    for field in ("headline", "published_at", "published_at_raw", "authors", "tags", "image_url", "image_caption"):
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    assert paragraphs[0].startswith(str(want["first"]))
    assert paragraphs[-1].endswith(str(want["last"]))
    body = str(record["body"])
    for marker in (*FURNITURE, *want["absent"]):  # type: ignore[misc]
        assert marker not in body, marker
    assert schema_errors(dict(record)) == []


# -- one page at a time --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [A, B], ids=["a-ld-list", "b-ld-dict"])
def test_fixture_article_fields(url: str) -> None:
    assert_article(extract_article(html_of(url), url, now=FROZEN_NOW), url)


@pytest.mark.parametrize("url", [A, B], ids=["a", "b"])
def test_own_rules_need_no_fallback(url: str) -> None:
    parsed = parse_page(html_of(url), url, now=FROZEN_NOW)
    assert parsed.fallbacks == []
    assert parsed.pagination.complete


def test_date_comes_from_article_published_time_before_json_ld() -> None:
    html = (
        html_of(A)
        .decode("utf-8")
        .replace(
            'property="article:published_time" content="2026-03-12T09:15:00+07:00"',
            'property="article:published_time" content="2026-03-12T09:10:00+07:00"',
        )
    )
    assert extract_article(html, A, now=FROZEN_NOW)["published_at"] == "2026-03-12T09:10:00+07:00"


def test_without_structured_dates_the_printed_date_is_read_and_counted() -> None:
    html = html_of(B).decode("utf-8").replace('"datePublished"', '"dateCreatedX"')
    parsed = parse_page(html, B, now=FROZEN_NOW)
    assert "published_at" in parsed.fallbacks
    assert parsed.record["published_at"] == "2026-03-12T13:40:00+07:00"
    assert parsed.record["published_at_raw"] == "Kamis, 12 Maret 2026 - 13:40 WIB"


def test_author_chain_skips_urls_and_the_site_name() -> None:
    html = html_of(B).decode("utf-8").replace('name="author" content="Yosef Adi Nugraha"', 'name="author" content=""')
    # article:author is a URL, meta author empty: the JSON-LD author, unless it is the site itself.
    person = html.replace(
        '"name": "Harianjogja.com"\n  },\n  "publisher"', '"name": "Yosef A. Nugraha"\n  },\n  "publisher"'
    )
    assert person != html
    parsed = parse_page(person, B, now=FROZEN_NOW)
    assert parsed.fallbacks == [] and parsed.record["authors"] == ["Yosef A. Nugraha"]
    parsed = parse_page(html, B, now=FROZEN_NOW)
    assert parsed.fallbacks == ["authors"] and parsed.record["authors"] == []
    # Without any structured author the generic layer reads the byline's "Penulis:" line.
    bare = html.replace('"author": {', '"creator": {')
    parsed = parse_page(bare, B, now=FROZEN_NOW)
    assert parsed.fallbacks == ["authors"] and parsed.record["authors"] == ["Yosef Adi Nugraha"]


def test_category_is_the_desk_when_no_section_and_other_desks_keep_theirs() -> None:
    html = html_of(B)
    wisata = B.replace("jogjapolitan.", "wisata.")
    # The desk is the canonical URL's: the page names jogjapolitan whatever host served it.
    assert parse_page(html, wisata, now=FROZEN_NOW).record["category"] == "Jogjapolitan"
    html_wisata = html.decode("utf-8").replace(HOST, "https://wisata.harianjogja.com")
    record = parse_page(html_wisata, wisata, now=FROZEN_NOW).record
    assert record["category"] == "Wisata" and record["url"] == wisata


def test_drop_list_takes_ad_blocks_but_not_classes_that_merely_contain_ad() -> None:
    text = "Warga Gunungkidul mulai menanam padi gogo di lahan kering setelah hujan turun merata pekan ini."
    html = (
        '<html><head><meta property="article:published_time" content="2026-03-12T10:00:00+07:00"></head><body>'
        f'<h1>Petani Gunungkidul Mulai Tanam Padi Gogo</h1><div class="article-content"><p>{text}</p>'
        f'<div class="lead-paragraph"><p>{text} Lead.</p></div><div class="read-more-box"><p>{text} Read.</p></div>'
        '<div class="ad ad-inarticle"><p>IKLAN SATU</p></div><div class="box-ad"><p>IKLAN DUA</p></div>'
        '<section class="ad-slot top"><p>IKLAN TIGA</p></section><div class="most-read"><p>TERPOPULER</p></div>'
        "</div></body></html>"
    )
    paragraphs = parse_page(html, A, now=FROZEN_NOW).paragraphs
    assert paragraphs == [text, f"{text} Lead.", f"{text} Read."]


# -- URL rules and the listing ----------------------------------------------------------------------------


def test_url_rules() -> None:
    for url in (
        A,
        NEWS_DESK,
        "https://www.harianjogja.com/r-1261990/judul-berita",
        # the older URL shape still linked from many pages
        "https://jogjapolitan.harianjogja.com/read/2024/02/02/510/1163565/pemkot-jogja-akan-bangun-4-ruang-terbuka-hijau-pada-2024-ini-lokasinya",
    ):
        assert NET.is_article_url(url), url
    for url in (
        f"{HOST}/",
        f"{HOST}/bantul",
        f"{HOST}/tag/malioboro",
        "https://www.harianjogja.com/search?q=jogja&page=2",
        "https://www.harianjogja.com/video/2026/03/11/suasana-pasar-beringharjo",
        "https://www.harianjogja.com/page/redaksi",
        "https://harianjogja.com.example.net/r-1/x",
        "https://www.bisnis.com/r-1262015/x",
    ):
        assert not NET.is_article_url(url), url
    assert NET.offset_for(A) == "+07:00" and NET.offset_for(NEWS_DESK) == "+07:00"
    assert NET.is_portal("https://cekfakta.harianjogja.com/r-1/x") and "jogjapolitan.harianjogja.com" in NET.portals
    assert NET.full_text_url(A) is None
    assert NET.listing_paths == ("/",)
    assert NET.listing_page_url(f"{HOST}/", 2) == f"{HOST}/?page=2"


def test_home_page_links_exactly_the_articles() -> None:
    root = lxml.html.fromstring((SITE / "jogjapolitan-home.html").read_bytes())
    hrefs = [urljoin(f"{HOST}/", a.get("href") or "") for a in root.iter("a") if a.get("href")]
    found = {NET.canonicalize(u) for u in hrefs if NET.is_article_url(u)}
    assert found == {A, B, NEWS_DESK}
    assert len(hrefs) > 25  # plenty of navigation, tag, video, search and off-network links were judged


# -- end to end ---------------------------------------------------------------------------------------------


def test_discovery_crawl_finds_every_article_once(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "harianjogja",
        tmp_path,
        args={"sites": "jogjapolitan.harianjogja.com", "since": "2026-03-12", "until": "2026-03-12"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, str(record["url"]))
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, result.log[-3000:]
    assert stats["newscrawl/discovery/sitemaps"] == 2  # the index and the news sitemap
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 1
    assert stats["newscrawl/discovery/listing_pages"] == 1  # ?page=2 is a 404
    assert stats["newscrawl/discovery/failed"] == 1
    assert not any(key.startswith("newscrawl/fallback/") for key in stats)
    assert not any(key.startswith("newscrawl/dropped/") for key in stats)
