"""iNews regional (reference only): the template's fields on our fixture pages, the ``/all`` full text and
``/N`` pages, WITA on sulsel, the ``/indeks`` listing — and a discovery crawl with ``scrapy crawl inews`` over
WARC replay, including a portal whose ``/all`` answers 404."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.warc import WarcEntry, write_warc
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "inews"
MANIFEST = SITE / "manifest.tsv"
NET = network_named("inews")

A = "https://jatim.inews.id/berita/pasar-wonokromo-direvitalisasi-pedagang-pindah-ke-tempat-penampungan-sementara"
B = "https://jatim.inews.id/read/486213/kereta-anjlok-di-jombang-perjalanan-jalur-selatan-tertahan-tiga-jam"
C = "https://sulsel.inews.id/read/491177/nelayan-takalar-hilang-saat-melaut-tim-sar-perluas-area-pencarian"
WWW = "https://www.inews.id/news/nasional/pemerintah-tetapkan-cuti-bersama-akhir-tahun-2026"
OTHER_PORTAL = "https://regional.inews.id/berita/gempa-magnitudo-52-guncang-sumba-timur-tidak-berpotensi-tsunami"
LISTING = "https://jatim.inews.id/indeks"

# From EXPECTED.md (written with the fixtures, before the module ran on them).
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Pasar Wonokromo Direvitalisasi, Pedagang Pindah ke Tempat Penampungan Sementara",
        "published_at": "2026-11-24T07:45:00+07:00",
        "published_at_raw": "Selasa, 24 November 2026 - 07:45:00 WIB",
        "authors": ["Rizky Pratama"],
        "editor": "Lukman Hakim Sulaiman",
        "tags": ["Pasar Wonokromo", "revitalisasi pasar", "Surabaya"],
        "category": "Surabaya",
        "site_name": "iNewsJatim.id",
        "image_url": "https://img.inews.co.id/media/822/files/networks/2026/11/24/5a1c0-pasar-wonokromo.jpg",
        "image_caption": "Pedagang memindahkan barang dagangan ke tempat penampungan sementara Pasar Wonokromo, "
        "Surabaya. (Foto: iNews/Rizky Pratama)",
        "firsts": (
            "Pemerintah Kota Surabaya mulai merevitalisasi Pasar Wonokromo pekan ini.",
            "Direktur Utama Perumda Pasar Surya, Agus Priyanto,",
            '"Penampungan sudah kami lengkapi listrik,',
            "Revitalisasi ditargetkan rampung dalam sepuluh bulan.",
            "Salah seorang pedagang sayur, Suminah,",
        ),
        "last_ends": "ia berharap pasar baru nantinya lebih bersih dan ramai pembeli.",
        "absent": (
            "Baca Juga",
            "Stok Beras Bulog Jatim Aman hingga Akhir Tahun",
            "googletag",
            "Pasar Keputran Dibuka 24 Jam",
            "Berita Terkait",
            "Musim Hujan Datang",
            "Editor",
            "Bagikan",
            "WhatsApp",
            "Terpopuler",
            "Harga Bawang Merah",
            "Pedagang memindahkan barang",
            "Rizky Pratama",
        ),
    },
    B: {
        "headline": "Kereta Anjlok di Jombang, Perjalanan Jalur Selatan Tertahan Tiga Jam",
        "published_at": "2026-11-24T13:05:00+07:00",
        "published_at_raw": "Selasa, 24 November 2026 - 13:05:00 WIB",
        "authors": ["Andi Setiawan"],
        "editor": "Lukman Hakim Sulaiman",
        "tags": ["kereta anjlok", "Jombang", "KAI"],
        "category": "Jombang",
        "site_name": "iNewsJatim.id",
        "image_url": "https://img.inews.co.id/media/822/files/networks/2026/11/24/7bd21-kereta-anjlok-jombang.jpg",
        "image_caption": "Petugas mengevakuasi gerbong kereta barang yang anjlok di Stasiun Jombang. "
        "(Foto: iNews/Andi Setiawan)",
        "firsts": (
            "Satu gerbong kereta barang anjlok di emplasemen Stasiun Jombang,",
            "Manajer Humas KAI Daop 7 Madiun, Rudi Hartono,",
            '"Petugas langsung kami kerahkan untuk evakuasi.',
            "Sedikitnya tujuh kereta penumpang terdampak,",
            "KAI memberikan layanan kompensasi",
            "Proses evakuasi gerbong menggunakan kereta penolong",
            "Rudi menambahkan, tim dari Balai Teknik Perkeretaapian",
            "KAI juga meminta maaf kepada para penumpang",
        ),
        "last_ends": "melalui aplikasi Access by KAI dan Contact Center 121.",
        "absent": (
            "Baca Juga",
            "Jadwal Kereta Tambahan Libur Akhir Tahun",
            "Perlintasan Sebidang di Jombang Ditutup",
            "Selanjutnya",
            "Tampilkan Semua",
            "Editor",
            "Berita Terkait",
        ),
    },
    C: {
        "headline": "Nelayan Takalar Hilang saat Melaut, Tim SAR Perluas Area Pencarian",
        "published_at": "2026-11-24T10:20:00+08:00",
        "published_at_raw": "Selasa, 24 November 2026 - 10:20:00 WITA",
        "authors": ["Nurul Hidayah"],
        "editor": "Asrul Azis",
        "tags": ["nelayan hilang", "Takalar", "Tim SAR"],
        "category": "Takalar",
        "site_name": "iNewsSulsel.id",
        "image_url": "https://img.inews.co.id/media/822/files/networks/2026/11/24/c91e4-sar-takalar.jpg",
        "image_caption": "Tim SAR gabungan menyisir perairan Galesong Utara, Takalar. (Foto: iNews/Nurul Hidayah)",
        "firsts": (
            "Tim SAR gabungan memperluas area pencarian seorang nelayan",
            "Korban bernama Daeng Sikki (52)",
            "Kepala Kantor SAR Makassar, Muhammad Arif Anwar,",
            "Cuaca di perairan Takalar dilaporkan cukup bersahabat",
            "Keluarga korban bersama warga Galesong Utara",
            "Operasi pencarian direncanakan berlangsung selama tujuh hari",
        ),
        "last_ends": "tanda-tanda keberadaan korban.",
        "absent": (
            "Baca Juga",
            "Gelombang Tinggi, Nelayan Makassar Tak Melaut",
            "Basarnas Latih Nelayan Takalar",
            "Selanjutnya",
            "Editor",
        ),
    },
}
# Which of an article's paragraphs each of its pages carries (EXPECTED.md).
PAGES = {
    B: {1: slice(0, 3), 2: slice(3, 6), 3: slice(6, 8)},
    C: {1: slice(0, 3), 2: slice(3, 6)},
}


FILES = manifest_files(MANIFEST)


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "inews"
    assert record["source"] is None
    for field in (
        "headline",
        "published_at",
        "published_at_raw",
        "authors",
        "editor",
        "tags",
        "category",
        "site_name",
        "image_url",
        "image_caption",
    ):
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    firsts = want["firsts"]
    assert isinstance(firsts, tuple)
    assert len(paragraphs) == len(firsts)
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    for paragraph, first in zip(paragraphs, firsts, strict=True):
        assert paragraph.startswith(first), (paragraph[:60], first)
    assert paragraphs[-1].endswith(str(want["last_ends"]))
    for marker in want["absent"]:  # type: ignore[attr-defined]
        assert marker not in str(record["body"]), marker
    assert schema_errors(dict(record)) == []


def whole_paragraphs(url: str) -> list[str]:
    """All of an article's paragraphs, from its pages read one by one."""
    out: list[str] = []
    for number in sorted(PAGES[url]):
        page = NET.page_url(url, number)
        out += parse_page(FILES[page].read_bytes(), page, now=FROZEN_NOW).paragraphs
    return out


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [A, A + "/all", B + "/all"], ids=["a", "a-all", "b-all"])
def test_whole_article_pages(page_url: str) -> None:
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, NET.canonicalize(page_url))
    assert record["page_count"] == 1


@pytest.mark.parametrize(
    ("url", "number"), [(B, 1), (B, 2), (B, 3), (C, 1), (C, 2)], ids=["b1", "b2", "b3", "c1", "c2"]
)
def test_single_pages_carry_their_share_and_name_their_pages(url: str, number: int) -> None:
    page = NET.page_url(url, number)
    parsed = parse_page(FILES[page].read_bytes(), page, now=FROZEN_NOW)
    want = ARTICLES[url]
    firsts = want["firsts"]
    assert isinstance(firsts, tuple)
    assert len(parsed.paragraphs) == len(firsts[PAGES[url][number]])
    for paragraph, first in zip(parsed.paragraphs, firsts[PAGES[url][number]], strict=True):
        assert paragraph.startswith(first)
    for field in ("url", "headline", "published_at", "authors", "editor", "category"):
        assert parsed.record[field] == (url if field == "url" else want[field]), field
    assert parsed.fallbacks == []
    pager = parsed.pagination
    total = len(PAGES[url])
    assert (pager.current, pager.total, pager.complete) == (number, total, False)
    # The pager links page N as ".../N"; "Tampilkan Semua" (.../all) is not a page.
    assert pager.links == {n: NET.page_url(url, n) for n in range(1, total + 1)}


def test_full_text_page_equals_the_pages_in_order() -> None:
    parsed = parse_page(FILES[B + "/all"].read_bytes(), B + "/all", now=FROZEN_NOW)
    assert parsed.pagination.complete and parsed.pagination.total == 1
    assert parsed.paragraphs == whole_paragraphs(B)
    assert len(whole_paragraphs(C)) == 6


def test_ignored_full_text_is_not_taken_for_the_whole_article() -> None:
    # A portal that answers .../all with page 1 and its pager: the pages must still be followed.
    parsed = parse_page(FILES[B].read_bytes(), B + "/all", now=FROZEN_NOW)
    assert (parsed.pagination.current, parsed.pagination.total, parsed.pagination.complete) == (1, 3, False)
    assert parsed.record["url"] == B


def test_wita_portal_keeps_its_printed_zone_over_json_ld_in_wib() -> None:
    parsed = parse_page(FILES[C].read_bytes(), C, now=FROZEN_NOW)
    assert parsed.record["published_at"] == "2026-11-24T10:20:00+08:00"
    assert NET.offset_for(C) == "+08:00" and NET.offset_for(A) == "+07:00"
    # With the template's date classes renamed, the generic layer still reads the printed line by the headline,
    # zone included, and counts the fallback.
    html = FILES[C].read_text(encoding="utf-8").replace("createdAt", "tanggal-x").replace("timeAndShare", "meta-x")
    fallback = parse_page(html, C, now=FROZEN_NOW)
    assert "published_at" in fallback.fallbacks
    assert fallback.record["published_at"] == "2026-11-24T10:20:00+08:00"
    # Without the printed date (and without its zone), the WIB JSON-LD instant is used: same moment.
    html = re.sub(r'<[^<>]*class="tanggal-x"[^<>]*>[^<]*</\w+>', "", html)
    html = re.sub(r'<[^<>]*class="meta-x"[^<>]*>.*?</div>', "", html, flags=re.S)
    fallback = parse_page(html, C, now=FROZEN_NOW)
    assert "published_at" in fallback.fallbacks
    assert fallback.record["published_at"] == "2026-11-24T09:20:00+07:00"


def test_date_from_time_and_share_when_created_at_is_gone() -> None:
    html = FILES[A].read_text(encoding="utf-8").replace('class="createdAt"', 'class="waktu"')
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert parsed.fallbacks == []  # the .timeAndShare pattern is the module's own second rule
    assert parsed.record["published_at_raw"] == ARTICLES[A]["published_at_raw"]


def test_changed_template_falls_back_and_counts() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    for old, new in (("timeAndShare", "meta-x"), ("createdAt", "tgl-x"), ('class="author"', 'class="nama-x"')):
        html = html.replace(old, new)
    html = html.replace('class="breadcrumb"', 'class="jejak-x"')
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert {"published_at", "authors", "category"} <= set(parsed.fallbacks)
    record = parsed.record
    assert record["published_at"] == ARTICLES[A]["published_at"]  # JSON-LD datePublished
    assert record["authors"] == ARTICLES[A]["authors"]  # JSON-LD author
    assert len(parsed.paragraphs) == 5


# -- URLs and discovery ----------------------------------------------------------------------------------


def test_url_rules() -> None:
    assert NET.canonicalize(B + "/2") == B and NET.canonicalize(B + "/all") == B
    assert NET.canonicalize(B + "/3?utm_source=whatsapp") == B
    assert NET.canonicalize(A + "/all/") == A
    assert NET.full_text_url(B) == B + "/all" and NET.full_text_url(B + "/2") == B + "/all"
    assert NET.full_text_label() == "/all"
    assert NET.page_url(B, 1) == B and NET.page_url(B, 3) == B + "/3"
    # The article id is not a page number.
    assert NET.canonicalize("https://jatim.inews.id/read/486213") == "https://jatim.inews.id/read/486213"
    for url in (
        A,
        B,
        B + "/2",
        C + "/all",
        WWW,
        "https://www.inews.id/regional/lampung/deretan-gunung-tertinggi-di-lampung",
    ):
        assert NET.is_article_url(url), url
    for url in (
        "https://jatim.inews.id/tag/banjir",
        "https://jatim.inews.id/tag/kereta-api/2",
        "https://jatim.inews.id/indeks",
        "https://jatim.inews.id/indeks?page=2",
        "https://jatim.inews.id/video/detik-detik-gerbong-kereta-anjlok-di-stasiun-jombang",
        "https://jatim.inews.id/kanal/surabaya",
        "https://www.inews.id/regional/lampung",
        "https://www.inews.id/regional/lampung/2",
        "https://jatim.inews.id/read/486213",
        "https://www.okezone.com/",
    ):
        assert not NET.is_article_url(url), url


def test_portals() -> None:
    assert set(NET.portals) == {"regional.inews.id", "jatim.inews.id", "sulsel.inews.id", "lutra.inews.id"}
    assert NET.is_portal(A) and NET.is_portal(C) and NET.is_portal(OTHER_PORTAL)
    assert NET.is_portal("https://tasikmalaya.inews.id/read/502735/x-y")  # any {region}.inews.id
    assert NET.owns(WWW) and not NET.is_portal(WWW)  # parsed as iNews, not crawled by default
    assert network_for(WWW).name == "inews"
    assert not NET.owns("https://inews.id.evil.example/berita/x-y")
    assert NET.offset_for("https://lutra.inews.id/read/228629/x-y") == "+08:00"
    assert not NET.has_dated_index()
    assert NET.listing_paths == ("/indeks",)
    assert NET.listing_page_url(LISTING, 2) == LISTING + "?page=2"
    assert NET.sitemap_urls("jatim.inews.id") == ["https://www.inews.id/sitemap.xml"]


def test_listing_links_exactly_the_articles() -> None:
    root = lxml.html.fromstring(FILES[LISTING].read_bytes())
    links = {urljoin(LISTING, a.get("href")) for a in root.iter("a") if a.get("href")}
    articles = {NET.canonicalize(u) for u in links if NET.is_article_url(u)}
    assert articles == {A, B, WWW, OTHER_PORTAL}
    assert {u for u in articles if NET.is_portal(u)} == {A, B, OTHER_PORTAL}
    assert {u for u in articles if NET.portal_of(u) in ("jatim.inews.id", "sulsel.inews.id")} == {A, B}
    assert NET.listing_page_url(LISTING, 2) in links  # the pager links the URL the module builds
    page2 = lxml.html.fromstring(FILES[LISTING + "?page=2"].read_bytes())
    assert not [a for a in page2.iter("a") if NET.is_article_url(urljoin(LISTING, a.get("href") or ""))]


# -- end to end ----------------------------------------------------------------------------------------


def test_discovery_crawl_with_full_text_and_its_404_fallback(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "inews",
        tmp_path,
        args={"sites": "jatim.inews.id,sulsel.inews.id", "since": "2026-11-24", "until": "2026-11-24"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([A, B, C])
    for url, record in records.items():
        assert_article(record, url)
    assert (records[A]["page_count"], records[B]["page_count"], records[C]["page_count"]) == (1, 1, 2)
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, result.log[-3000:]
    assert stats["newscrawl/fallback/inews/full_text"] == 1  # (c)'s /all answered 404
    assert stats["newscrawl/multipage_articles"] == 1
    assert stats["newscrawl/discovery/sitemaps"] == 1  # www sitemap, named by both robots.txt and the module
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 1  # the 19 November article
    assert stats["newscrawl/discovery/listing_pages"] == 2  # jatim /indeks and its empty ?page=2
    assert [k for k in stats if k.startswith("newscrawl/fallback/") and k != "newscrawl/fallback/inews/full_text"] == []
    assert not any(k.startswith("newscrawl/dropped/") for k in stats), stats


def test_pages_followed_when_full_text_is_missing(tmp_path: Path) -> None:
    pages = [NET.page_url(B, n) for n in (1, 2, 3)]
    entries = [WarcEntry(u, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[u].read_bytes()) for u in pages]
    warc = tmp_path / "no-all.warc.gz"
    write_warc(warc, entries)
    result = crawl("inews", tmp_path, args={"urls": B + "/3"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    assert_article(result.records[0], B)
    assert result.records[0]["page_count"] == 3
    assert result.stats["newscrawl/fallback/inews/full_text"] == 1
