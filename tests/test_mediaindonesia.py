"""Media Indonesia: the template's fields on our fixture pages (and the real page's links), the kanal
listing and its ``/{kanal}/20/{offset}`` pager, and a discovery crawl with ``scrapy crawl mediaindonesia``
over WARC replay."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "mediaindonesia"
MANIFEST = SITE / "manifest.tsv"
NET = network_named("mediaindonesia")
BASE = "https://mediaindonesia.com"

A = f"{BASE}/nusantara/861204/banjir-rob-rendam-tiga-desa-pesisir-demak-ratusan-warga-mengungsi"
B = f"{BASE}/nusantara/861530/petani-garam-cirebon-mulai-panen-harga-di-tingkat-petambak-membaik"
C = f"{BASE}/nusantara/861377/jalur-alternatif-magelang-yogyakarta-diperbaiki-jelang-mudik-lebaran"

# From EXPECTED.md (written with the fixtures).
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "file": "861204.html",
        "headline": "Banjir Rob Rendam Tiga Desa Pesisir Demak, Ratusan Warga Mengungsi",
        "published_at": "2026-03-12T07:45:00+07:00",
        "published_at_raw": "12/3/2026 07:45",
        "authors": ["Akhmad Fauzan"],
        "editor": "Sri Utami",
        "tags": ["banjir rob", "Demak", "pesisir utara"],
        "image_caption": (
            "Warga melintasi jalan desa yang tergenang banjir rob di Kecamatan Sayung, Demak, Rabu (11/3)."
            "(MI/Akhmad Fauzan)"
        ),
        "paragraphs": 7,
        "first": "BANJIR rob kembali merendam permukiman",
        "last": (
            "BPBD Demak meminta warga di kawasan pesisir tetap waspada dan memindahkan barang berharga "
            "ke tempat yang lebih tinggi."
        ),
        "absent": ("Tanggul Laut Semarang-Demak", "Menata Ulang Pesisir Utara Jawa", "(MI/Akhmad Fauzan)", "(N-3)"),
    },
    B: {
        "file": "861530.html",
        "headline": "Petani Garam Cirebon Mulai Panen, Harga di Tingkat Petambak Membaik",
        "published_at": "2026-03-12T10:20:00+07:00",
        "published_at_raw": "12/3/2026 10:20",
        "authors": ["Nurul Hidayah"],
        "editor": "Bambang Irianto",
        "tags": ["garam", "Cirebon", "petambak"],
        "image_caption": (
            "Petambak memanen garam di Desa Rawaurip, Kecamatan Pangenan, Kabupaten Cirebon, Kamis (12/3)."
            "(MI/Nurul Hidayah)"
        ),
        "paragraphs": 6,
        "first": "PETAMBAK garam di pesisir timur Kabupaten Cirebon",
        "last": "produksi tetap lancar hingga akhir musim kemarau.",
        "absent": ("Produksi Garam Rakyat Jawa Barat Ditargetkan Naik", "(N-2)"),
    },
    C: {
        "file": "861377.html",
        "headline": "Jalur Alternatif Magelang-Yogyakarta Diperbaiki Jelang Mudik Lebaran",
        "published_at": "2026-03-11T19:05:00+07:00",
        "published_at_raw": "11/3/2026 19:05",
        "authors": ["Ardi Wibowo"],
        "editor": "Sri Utami",
        "tags": ["mudik lebaran", "Magelang", "jalan rusak"],
        "image_caption": (
            "Pekerja menambal jalan berlubang di jalur alternatif Muntilan-Sleman, Rabu (11/3).(MI/Ardi Wibowo)"
        ),
        "paragraphs": 5,
        "first": "DINAS Pekerjaan Umum dan Penataan Ruang (PUPR)",
        "last": "yang keluar dari jalur alternatif tersebut.",
        "absent": ("Posko Mudik Jawa Tengah", "(N-1)"),
    },
}
FURNITURE = (
    "Baca juga",
    "Cek berita",
    "Google News",
    "WhatsApp",
    "Editor :",
    "SHARE",
    "Tags:",
    "# ",
    "Berita Lainnya",
    "LOAD MORE",
    "NEWSTICKER",
    "googletag",
    "Opini",
)


def html_of(url: str) -> bytes:
    return (SITE / str(ARTICLES[url]["file"])).read_bytes()


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "mediaindonesia"
    assert record["site"] == "mediaindonesia.com"
    assert record["site_name"] == "Media Indonesia"
    assert record["category"] == "Nusantara"
    assert record["source"] is None
    assert record["page_count"] == 1
    for field in ("headline", "published_at", "published_at_raw", "authors", "editor", "tags", "image_caption"):
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    assert paragraphs[0].startswith(str(want["first"]))
    assert paragraphs[-1].endswith(str(want["last"]))
    body = str(record["body"])
    for marker in (*FURNITURE, *want["absent"], str(want["editor"])):  # type: ignore[misc]
        assert marker not in body, marker
    assert schema_errors(dict(record)) == []


# -- one page at a time --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [A, B, C], ids=["a", "b", "c"])
def test_fixture_article_fields(url: str) -> None:
    record = extract_article(html_of(url), url, now=FROZEN_NOW)
    assert_article(record, url)


@pytest.mark.parametrize("url", [A, B, C], ids=["a", "b", "c"])
def test_template_rules_find_every_field_without_fallback(url: str) -> None:
    parsed = parse_page(html_of(url), url, now=FROZEN_NOW)
    assert parsed.fallbacks == []
    assert parsed.pagination.complete and parsed.pagination.total == 1


def test_www_and_tracking_query_give_the_bare_canonical_url() -> None:
    record = extract_article(html_of(B), B.replace("://", "://www.") + "?utm_source=sitemap", now=FROZEN_NOW)
    assert record["url"] == B
    assert NET.canonicalize(B.replace("://", "://www.") + "?utm_source=sitemap&page=2") == B


def test_changed_template_falls_back_to_datalayer_and_json_ld() -> None:
    html = html_of(A).decode("utf-8")
    for old, new in (('class="author-2"', 'class="penulis-x"'), ('class="info-author"', 'class="kredit-x"')):
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert {"authors", "editor"} <= set(parsed.fallbacks)
    # dataLayer author / editor still name the writer and the editor apart.
    assert parsed.record["authors"] == ["Akhmad Fauzan"]
    assert parsed.record["editor"] == "Sri Utami"


# -- URL rules and the listing ----------------------------------------------------------------------------


def links_of(html: bytes, base: str) -> set[str]:
    root = lxml.html.fromstring(html)
    hrefs = [urljoin(base, (a.get("href") or "").strip()) for a in root.iter("a") if a.get("href")]
    return {NET.canonicalize(u) for u in hrefs if NET.is_article_url(u)}


def test_url_rules() -> None:
    assert NET.is_article_url(A) and NET.is_article_url(A.replace("://", "://www."))
    for url in (
        f"{BASE}/nusantara",
        f"{BASE}/nusantara/20/40",  # a listing page: the third segment has no letter
        f"{BASE}/tag/banjir-rob",
        f"{BASE}/video/detail_video/3120-warga-demak-bertahan-di-tengah-banjir-rob",
        f"{BASE}/infografis/861250/peta-desa-terdampak-banjir-rob-di-pantura",
        f"{BASE}/foto/861301/perbaikan-jalan-jelang-mudik-di-magelang",
        f"{BASE}/author/87/sri-utami",
        "https://epaper.mediaindonesia.com/detail/pesisir-utara-terus-tergerus",
        "https://dpr.mediaindonesia.com/nusantara/1/berita-dpr",
        "https://mediaindonesia.com.example.org/nusantara/861204/x",
    ):
        assert not NET.is_article_url(url), url
    assert network_for("https://epaper.mediaindonesia.com/").name != "mediaindonesia"
    assert NET.portal_of(A.replace("://", "://www.")) == "mediaindonesia.com"
    assert NET.portal_key("https://www.mediaindonesia.com/") == "mediaindonesia.com"


def test_listing_pages_link_exactly_the_articles() -> None:
    first = f"{BASE}/nusantara"
    assert links_of((SITE / "nusantara.html").read_bytes(), first) == {A, B}
    assert links_of((SITE / "nusantara-20-20.html").read_bytes(), first + "/20/20") == {A, C}
    assert links_of((SITE / "nusantara-20-40.html").read_bytes(), first + "/20/40") == {A}
    assert links_of((SITE / "jabar.html").read_bytes(), f"{BASE}/jabar") == {A, B}


def test_listing_page_urls() -> None:
    assert NET.listing_paths == ("/nusantara", "/jabar")
    first = NET.portal_base("mediaindonesia.com") + "/nusantara"
    assert NET.listing_page_url(first, 1) == first
    assert NET.listing_page_url(first, 2) == f"{BASE}/nusantara/20/20"
    assert NET.listing_page_url(first, 3) == f"{BASE}/nusantara/20/40"
    # The pager on the fixture page links the same URL the module builds.
    root = lxml.html.fromstring((SITE / "nusantara.html").read_bytes())
    assert [a.get("href") for a in root.cssselect(".pagination a")] == ["#", NET.listing_page_url(first, 2)]
    assert NET.full_text_url(A) is None and NET.full_text_label() == "-"


def test_real_page_links() -> None:
    """Every article link on the real article page, judged by reading it (newsticker and sidebars; the page
    names itself only in <link rel=canonical> and in share-button queries, which are not article links)."""
    html = (require_real_pages() / "mediaindonesia.com/851796-wisuda-igi-2026-01-20.html").read_bytes()
    found = links_of(html, "https://mediaindonesia.com/ekonomi/851796/x")
    assert found == {
        f"{BASE}/politik-dan-hukum/851467/bupati-pati-sudewo-ditangkap-ott-kpk-ini-penjelasan-jubir-soal-status-hukum",
        f"{BASE}/politik-dan-hukum/851441/ott-wali-kota-madiun-pengamat-modus-fee-proyek-timbal-balik-izin",
        f"{BASE}/politik-dan-hukum/851431/ott-wali-kota-madiun-pukat-ugm-nilai-digitalisasi-pengadaan-belum-mampu-cegah-korupsi",
        f"{BASE}/politik-dan-hukum/851362/ott-kpk-di-madiun-sekda-ikut-diperiksa",
        f"{BASE}/politik-dan-hukum/851374/ott-kpk-di-pati-sejumlah-pejabat-daerah-ditangkap",
        f"{BASE}/opini/851490/isra-mikraj-menjawab-krisis-konten-media-sosial",
        f"{BASE}/opini/851476/memberantas-kemiskinan-ekstrem-hingga-0",
        f"{BASE}/opini/851473/brics-adang-ancaman-trump-netanyahu",
        f"{BASE}/kolom-pakar/851169/program-hospital-base-nama-baru-isi-lama",
        f"{BASE}/kolom-pakar/848848/pilkada-langsung-vs-perwakilan",
        f"{BASE}/kolom-pakar/846464/izin-bencana-dan-konflik-sosial-di-2026",
        f"{BASE}/ekonomi/750733/umkm-perlu-adopsi-digitalisasi-untuk-akses-pasar-global",
        f"{BASE}/otomotif/687837/1000-pelajar-selami-dunia-otomotif-di-giias-2024",
        f"{BASE}/nusantara/676851/polresta-malang-kota-dan-kick-andy-foundation-serahkan-37-kaki-palsu",
        f"{BASE}/humaniora/645922/daikin-salurkan-donasi-tangani-gizi-buruk-di-indonesia",
    }


# -- end to end ---------------------------------------------------------------------------------------------


def test_discovery_crawl_finds_every_article_once(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "mediaindonesia",
        tmp_path,
        args={"sites": "mediaindonesia.com", "since": "2026-03-11", "until": "2026-03-12"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B, C])
    for record in result.records:
        assert_article(record, str(record["url"]))
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, result.log[-3000:]
    assert stats["newscrawl/discovery/sitemaps"] == 1
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 1  # the January article
    # /nusantara pages 1-3 and /jabar pages 1-2; page 3 brings nothing new and ends the chain.
    assert stats["newscrawl/discovery/listing_pages"] == 5
    assert not any(key.startswith("newscrawl/fallback/") for key in stats)
    assert not any(key.startswith("newscrawl/dropped/") for key in stats)
