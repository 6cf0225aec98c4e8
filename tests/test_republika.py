"""Republika regional editions: reporter and editor kept apart ("Rep: X / Red: Y"; JSON-LD author is the
editor), the template's furniture, dated index / RSS / sitemap discovery, and a real ``scrapy crawl
republika`` over WARC replay of the fixture portals (tests/fixtures/sites/republika, see EXPECTED.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
import pytest

import newscrawl.sites.republika as republika_module
from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.sites.republika import Republika
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "republika"
MANIFEST = SITE / "manifest.tsv"
REPUBLIKA = network_named("republika")

R1 = "https://rejabar.republika.co.id/berita/t4k2m9x81/debit-sungai-cikapundung-naik-bpbd-kota-bandung-siagakan-perahu-karet"
R1_DOUBLE = R1.replace("/berita/", "/berita//")
R2 = "https://rejogja.republika.co.id/berita/t4k3b7q20/festival-gerobak-sapi-kembali-digelar-di-sleman-diikuti-40-peserta"
NATIONAL = "https://news.republika.co.id/berita/t4k2a6n54/menteri-pu-tinjau-tanggul-citarum-hilir"
OLD = "https://rejabar.republika.co.id/berita/t4h6v0p31/pasar-kosambi-bandung-direnovasi-mulai-januari"
INDEX = "https://rejabar.republika.co.id/index/0/2026/11/19"
SITES = "rejabar.republika.co.id,rejogja.republika.co.id"

ARTICLES: dict[str, dict[str, Any]] = {
    R1: {
        "headline": "Debit Sungai Cikapundung Naik, BPBD Kota Bandung Siagakan Perahu Karet",
        "published_at": "2026-11-19T16:32:00+07:00",
        "published_at_raw": "Kamis 19 Nov 2026 16:32 WIB",
        "authors": ["Dewi Kartika Sari"],
        "editor": "Arif Setyawan",
        "source": None,
        "tags": ["sungai cikapundung", "bpbd kota bandung", "banjir bandung", "cuaca ekstrem"],
        "category": "News Rejabar",
        "site_name": "Rejabar",
        "image_url": "https://static.republika.co.id/uploads/images/kanal_slide/"
        "petugas-bpbd-kota-bandung-memeriksa-perahu-karet_261119163012-512.jpg",
        "image_caption": "Petugas BPBD Kota Bandung memeriksa perahu karet di Posko Siaga Banjir Jalan Siliwangi, "
        "Kamis (19/11/2026).",
        "summary": "BPBD Kota Bandung menyiagakan empat perahu karet di bantaran Sungai Cikapundung setelah debit air "
        "naik sejak Rabu malam.",
        "body": [
            "Badan Penanggulangan Bencana Daerah (BPBD) Kota Bandung menyiagakan empat perahu karet di bantaran "
            "Sungai Cikapundung setelah debit air sungai itu naik sejak Rabu (18/11/2026) malam.",
            "Kepala Pelaksana BPBD Kota Bandung, Hendra Gunawan, mengatakan tinggi muka air di titik pantau Jalan "
            "Siliwangi sempat mencapai 180 sentimeter pada Kamis dini hari. Angka itu 40 sentimeter di atas batas "
            "normal.",
            "“Kami tempatkan dua perahu di Kelurahan Tamansari dan dua lagi di Kelurahan Braga. Warga di bantaran "
            "kami minta waspada, terutama kalau hujan turun lebih dari dua jam,” kata Hendra di Bandung, Kamis "
            "(19/11/2026).",
            "BPBD juga mendirikan posko siaga di tiga kecamatan yang dilintasi sungai tersebut. Setiap posko dijaga "
            "sedikitnya enam petugas secara bergiliran selama 24 jam.",
            "Menurut prakiraan BMKG, hujan dengan intensitas sedang hingga lebat masih berpotensi mengguyur Bandung "
            "Raya hingga akhir pekan. Warga diminta menyimpan dokumen penting di tempat yang aman dan tinggi.",
            "Pemerintah Kota Bandung menyiapkan Gedung Olahraga Pajajaran sebagai tempat pengungsian sementara "
            "apabila air meluap ke permukiman.",
        ],
        "not_in_body": (
            "Baca Juga",
            "Longsor Tutup Akses",
            "Dishub Bandung",
            "googletag",
            "recreativ",
            "Loading",
            "Google News",
            "Foto: Republika",
            "Petugas BPBD Kota Bandung memeriksa perahu karet di Posko",
            "KPU Tetapkan",
            "REPUBLIKA.CO.ID",
        ),
    },
    R2: {
        "headline": "Festival Gerobak Sapi Kembali Digelar di Sleman, Diikuti 40 Peserta",
        "published_at": "2026-11-19T09:05:00+07:00",
        "published_at_raw": "Kamis 19 Nov 2026 09:05 WIB",
        "authors": [],
        "editor": "Nur Hasanah Wibisono",
        "source": "Antara",
        "tags": ["gerobak sapi", "sleman", "festival budaya", "pariwisata diy"],
        "category": "News Rejogja",
        "site_name": "Rejogja",
        "image_url": "https://static.republika.co.id/uploads/images/kanal_slide/festival-gerobak-sapi-sleman_261119090101-377.jpg",
        "image_caption": "Gerobak sapi hias melintas di Jalan Kaliurang, Pakem, Sleman, Kamis (19/11/2026).",
        "summary": "Sebanyak 40 gerobak sapi hias dari lima kabupaten/kota di DIY dan Jawa Tengah meramaikan festival "
        "di Lapangan Pakembinangun.",
        "body": [
            "Sebanyak 40 gerobak sapi hias dari lima kabupaten dan kota di DIY dan Jawa Tengah meramaikan Festival "
            "Gerobak Sapi di Lapangan Pakembinangun, Kabupaten Sleman, Kamis (19/11/2026). Festival ini kembali "
            "digelar setelah dua tahun absen.",
            "Kepala Dinas Kebudayaan Sleman, Sri Wahyuni Lestari, mengatakan gerobak sapi pernah menjadi alat angkut "
            "utama hasil bumi warga lereng Merapi. Kini jumlahnya tinggal puluhan dan sebagian besar hanya keluar "
            "saat acara budaya.",
            "Setiap gerobak dinilai dari kerapian hiasan, kesehatan sapi, dan kekompakan kusir. Juri juga menilai "
            "busana adat yang dikenakan para peserta selama kirab sepanjang tiga kilometer.",
            "Panitia menyiapkan hadiah total Rp 25 juta bagi sepuluh peserta terbaik. Pemenang pertama berasal dari "
            "Kelompok Andong dan Gerobak Sapi Sedyo Rukun, Kecamatan Cangkringan.",
            "Pemkab Sleman berencana memasukkan festival tersebut ke kalender wisata tahunan mulai 2027 agar dapat "
            "menarik lebih banyak wisatawan ke kawasan utara Sleman.",
        ],
        "not_in_body": ("Sumber:", "Baca Juga", "Wisatawan ke Kaliurang", "Loading", "Foto: Antara"),
    },
}
FIELDS = (
    "headline",
    "published_at",
    "published_at_raw",
    "authors",
    "editor",
    "source",
    "tags",
    "category",
    "site_name",
    "image_url",
    "image_caption",
    "summary",
)


FILES = manifest_files(MANIFEST)


def page(url: str) -> str:
    return FILES[url].read_text(encoding="utf-8")


def hrefs(url: str) -> list[str]:
    root = lxml.html.fromstring(page(url))
    return [urljoin(url, a.get("href").strip()) for a in root.iter("a") if a.get("href")]


def assert_article(record: dict[str, Any], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "republika"
    assert record["page_count"] == 1
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert paragraphs == want["body"]
    assert len(set(paragraphs)) == len(paragraphs)
    for marker in want["not_in_body"]:
        assert marker not in record["body"], marker
    assert schema_errors(dict(record)) == []


# -- one page at a time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "article"),
    [(R1, R1), (R1_DOUBLE, R1), (R1 + "?utm_source=rss&page=2", R1), (R2, R2)],
    ids=["r1", "r1-double-slash", "r1-tracking", "r2-red-only"],
)
def test_extract_every_field(page_url: str, article: str) -> None:
    record = extract_article(page(article), page_url, now=FROZEN_NOW)
    assert_article(record, article)
    parsed = parse_page(page(article), page_url, now=FROZEN_NOW)
    assert parsed.fallbacks == []
    assert parsed.pagination.complete and parsed.pagination.total == 1


def test_json_ld_author_is_the_editor_never_an_author() -> None:
    # R2 names no reporter: its JSON-LD author (the editor) must not become one.
    parsed = parse_page(page(R2), R2, now=FROZEN_NOW)
    assert parsed.record["authors"] == [] and parsed.record["editor"] == "Nur Hasanah Wibisono"
    # Without the byline the editor comes from JSON-LD and is still kept out of the authors (counted).
    text = page(R1).replace("Rep: Dewi Kartika Sari/", "").replace("Red: <a", "<a")
    parsed = parse_page(text, R1, now=FROZEN_NOW)
    assert parsed.record["editor"] == "Arif Setyawan"
    assert parsed.record["authors"] == []
    assert sorted(parsed.fallbacks) == ["authors", "editor"]


@pytest.mark.parametrize(
    ("line", "authors", "editor"),
    [
        ("Rep: Andi Pratama, Siti Rahmawati / Red: Budi Santoso", ["Andi Pratama", "Siti Rahmawati"], "Budi Santoso"),
        ("Rep: Antara / Red: Budi Santoso", ["Antara"], "Budi Santoso"),
        ("Rep: Andi Pratama", ["Andi Pratama"], "Arif Setyawan"),
    ],
    ids=["two-reporters", "agency", "no-red"],
)
def test_byline_forms(line: str, authors: list[str], editor: str) -> None:
    original = (
        'Rep: Dewi Kartika Sari/        Red: <a href="https://republika.co.id/page/penulis/311/arif-setyawan" '
        'style="color:#F30;text-transform:capitalize">Arif Setyawan</a>'
    )
    text = page(R1)
    assert original in text
    parsed = parse_page(text.replace(original, line), R1, now=FROZEN_NOW)
    assert parsed.record["authors"] == authors
    assert parsed.record["editor"] == editor


def test_changed_template_falls_back_to_structured_data() -> None:
    text = page(R1)
    for old, new in (("max-card__title", "judul-x"), ("breadcrumb", "remah-x"), ('name="keywords"', 'name="kw-x"')):
        text = text.replace(old, new)
    text = text.replace("article-content", "isi-x")
    parsed = parse_page(text, R1, now=FROZEN_NOW)
    assert {"headline", "authors", "editor", "category", "tags"} <= set(parsed.fallbacks)
    assert parsed.record["headline"] == ARTICLES[R1]["headline"]  # JSON-LD headline
    assert parsed.record["editor"] == "Arif Setyawan"  # JSON-LD author is the editor
    assert parsed.record["authors"] == []  # ... and never an author
    assert parsed.record["published_at"] == ARTICLES[R1]["published_at"]
    assert parsed.paragraphs == ARTICLES[R1]["body"]  # generic <article>


def test_canonical_never_the_share_link() -> None:
    text = page(R1)
    text = text.replace('<link rel="canonical"', '<link rel="alternate"').replace('"@id": "https', '"@id": "x')
    parsed = parse_page(text, R1_DOUBLE, now=FROZEN_NOW)
    assert "/share/" not in parsed.record["url"]
    assert parsed.record["url"] == R1_DOUBLE  # the page's own URL when nothing better exists


# -- URLs, portals, discovery builders ---------------------------------------------------------------


def test_url_rules_and_portal_scope() -> None:
    assert isinstance(network_for(R1), Republika) and isinstance(network_for(NATIONAL), Republika)
    for url in (R1, R1_DOUBLE, R2, NATIONAL, OLD, "https://republika.co.id/berita//tio14w368/judul-x"):
        assert REPUBLIKA.is_article_url(url), url
    for url in (
        INDEX,
        "https://rejabar.republika.co.id/berita/serial/next",
        "https://rejabar.republika.co.id/tag/banjir-bandung",
        "https://republika.co.id/share/t4k2m9x81",
        "https://rejabar.republika.co.id/kanal/news-rejabar",
        "https://rejabar.republika.co.id/berita/t4k2m9x81",
        "https://republika.co.id.example.org/berita/t4k2m9x81/x",
    ):
        assert not REPUBLIKA.is_article_url(url), url
    assert REPUBLIKA.is_portal(R1) and REPUBLIKA.is_portal(R2)
    assert not REPUBLIKA.is_portal(NATIONAL) and not REPUBLIKA.is_portal(
        "https://www.republika.co.id/berita/x1y2z3a4b/y"
    )
    assert set(REPUBLIKA.portals) == {"rejabar.republika.co.id", "rejogja.republika.co.id"}
    assert REPUBLIKA.offset_for(R1) == "+07:00"
    assert REPUBLIKA.canonicalize(R1 + "?utm_source=rss&page=2") == R1


def test_discovery_builders() -> None:
    day = date(2026, 11, 19)
    assert REPUBLIKA.index_url("rejabar.republika.co.id", day, 1) == INDEX
    assert (
        REPUBLIKA.index_url("rejabar.republika.co.id", day, 3) == "https://rejabar.republika.co.id/index/100/2026/11/19"
    )
    assert REPUBLIKA.index_url("rejogja.republika.co.id", date(2026, 1, 5), 1) == (
        "https://rejogja.republika.co.id/index/0/2026/01/05"
    )
    assert REPUBLIKA.feed_urls("rejogja.republika.co.id") == ["https://rejogja.republika.co.id/rss"]
    assert REPUBLIKA.has_dated_index() and REPUBLIKA.full_text_url(R1) is None
    assert REPUBLIKA.checked == "reference only" and REPUBLIKA.unverified
    doc = republika_module.__doc__ or ""
    assert "reference only" in doc and "Scrapy" in doc and "newscrawl/0.1" in doc


def test_dated_index_links_only_the_articles() -> None:
    links = hrefs(INDEX)
    articles = {REPUBLIKA.canonicalize(u) for u in links if REPUBLIKA.is_article_url(u)}
    assert articles == {R1, NATIONAL}
    assert {u for u in articles if REPUBLIKA.is_portal(u)} == {R1}
    empty = "https://rejabar.republika.co.id/index/50/2026/11/19"
    assert not [u for u in hrefs(empty) if REPUBLIKA.is_article_url(u)]


# -- end to end --------------------------------------------------------------------------------------


def test_crawl_discovers_exactly_the_regional_articles(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "republika",
        tmp_path,
        args={"sites": SITES, "since": "2026-11-19", "until": "2026-11-19"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([R1, R2])
    for record in result.records:
        assert_article(record, record["url"])
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0  # never the 16 Nov article, never news.republika
    assert stats.get("robotstxt/forbidden", 0) == 0  # robots.txt blocks "Scrapy", not our UA
    assert stats.get("newscrawl/discovery/index_pages") == 4  # offsets 0 and 50 on both portals
    assert stats.get("newscrawl/discovery/feeds") == 2
    assert stats.get("newscrawl/discovery/sitemaps") == 1
    assert stats.get("newscrawl/discovery/skipped_by_lastmod") == 2  # the 16 Nov entry in RSS and sitemap
    assert not any(k.startswith("newscrawl/fallback/republika/") for k in stats)


def test_crawl_double_slash_url_gives_the_canonical_record(warc: Path, tmp_path: Path) -> None:
    result = crawl("republika", tmp_path, args={"urls": R1_DOUBLE}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    assert_article(result.records[0], R1)
    assert result.stats.get("newscrawl/replay/missing", 0) == 0
