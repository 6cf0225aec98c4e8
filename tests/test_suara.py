"""Suara.com regional portals (reference only): the template's fields on our fixture pages, the "baca 10 detik"
box kept out of every page, ``?page=all`` ignored so pages are followed, and discovery through the per-region
news sitemap and ``/indeks`` — crawled end to end with ``scrapy crawl suara`` over WARC replay."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "suara"
MANIFEST = SITE / "manifest.tsv"
SUARA = network_named("suara")

A = "https://jogja.suara.com/read/2025/11/04/143012/pedagang-pasar-beringharjo-mulai-terima-pembayaran-qris-pemkot-yogyakarta-targetkan-seribu-kios"
B = "https://sulsel.suara.com/read/2025/11/04/110500/nelayan-pulau-barrang-lompo-dapat-bantuan-mesin-kapal-dan-alat-tangkap-ramah-lingkungan"
PORTALS = "jogja.suara.com,sulsel.suara.com"

A_PARAGRAPHS = [
    "Sebanyak 640 pedagang di Pasar Beringharjo, Kota Yogyakarta, kini melayani pembayaran nontunai menggunakan "
    "QRIS. Pemerintah Kota Yogyakarta menargetkan seribu kios di pasar tradisional terbesar di kota itu sudah bisa "
    "menerima transaksi digital sebelum akhir tahun.",
    "Kepala Dinas Perdagangan Kota Yogyakarta, Retno Palupi, mengatakan pendampingan dilakukan bersama perbankan "
    "sejak awal Oktober. Petugas mendatangi kios satu per satu untuk membantu pedagang membuat akun dan mencetak "
    "kode QR.",
    '"Awalnya banyak pedagang yang ragu karena takut uangnya tidak masuk. Setelah dicoba sendiri dan melihat saldo '
    'bertambah di ponsel, mereka justru minta dipasangi," kata Retno di Pasar Beringharjo, Selasa (4/11/2025).',
    "Menurut Retno, pedagang batik dan oleh-oleh di lantai dasar paling cepat beralih karena banyak melayani "
    "wisatawan. Adapun pedagang sayur dan bumbu di lantai dua masih lebih banyak menerima uang tunai.",
    "Salah seorang pedagang batik, Suparmi (52), mengaku omzetnya naik sejak memasang kode QR di depan kiosnya. "
    "Wisatawan dari luar kota kini tidak perlu lagi mencari anjungan tunai mandiri sebelum berbelanja.",
    "Pemkot juga menyiapkan pelatihan pencatatan keuangan sederhana bagi pedagang. Dengan transaksi yang tercatat, "
    "pedagang diharapkan lebih mudah mengajukan kredit usaha rakyat ke bank.",
    "Pendampingan akan dilanjutkan ke Pasar Kranggan dan Pasar Prawirotaman pada Desember mendatang, sehingga "
    "seluruh pasar tradisional di Kota Yogyakarta bisa melayani pembayaran digital pada 2026.",
]
# First words of (b)'s ten paragraphs, by page (EXPECTED.md).
B_STARTS = {
    1: [
        "Sebanyak 85 nelayan di Pulau",
        "Bantuan itu berupa 40 unit",
        "Kepala Bidang Perikanan Tangkap,",
        '"Kami pastikan',
    ],
    2: ["Menurut dia, jaring insang", "Ketua Kelompok Nelayan Sipakatau,", '"Dengan mesin baru,'],
    3: ["Selain bantuan alat,", "Pemerintah kota berencana", "Haeruddin berharap nelayan"],
}

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Pedagang Pasar Beringharjo Mulai Terima Pembayaran QRIS, Pemkot Yogyakarta Targetkan Seribu Kios",
        "published_at": "2025-11-04T14:30:12+07:00",
        "published_at_raw": "2025-11-04T14:30:12+07:00",
        "authors": ["Dwi Ratnasari"],
        "editor": "Bambang Kurniawan",
        "source": None,
        "tags": ["QRIS", "Pasar Beringharjo", "Kota Yogyakarta", "pembayaran digital"],
        "category": "ekonomi",
        "site_name": "SuaraJogja.id",
        "image_url": "https://media.suara.com/pictures/970x544/2025/11/04/41523-pembeli-memindai-qris-di-pasar-beringharjo.jpg",
        "image_caption": "Seorang pembeli memindai kode QRIS di kios batik Pasar Beringharjo, Yogyakarta, Selasa "
        "(4/11/2025). [SuaraJogja.id/Dwi Ratnasari]",
        "paragraphs": 7,
        "first": A_PARAGRAPHS[0],
        "last": A_PARAGRAPHS[-1],
        "pages": 1,
    },
    B: {
        "headline": "Nelayan Pulau Barrang Lompo Dapat Bantuan Mesin Kapal dan Alat Tangkap Ramah Lingkungan",
        "published_at": "2025-11-04T11:05:00+08:00",
        "published_at_raw": "2025-11-04T10:05:00+07:00",
        "authors": ["Andi Syamsul"],
        "editor": "Rizki Amalia",
        "source": None,
        "tags": ["Nelayan", "Makassar", "Barrang Lompo", "bantuan alat tangkap"],
        "category": "news",
        "site_name": "SuaraSulsel.id",
        "image_url": "https://media.suara.com/pictures/970x544/2025/11/04/77120-nelayan-barrang-lompo.jpg",
        "image_caption": "Nelayan Pulau Barrang Lompo menurunkan mesin kapal bantuan di dermaga pulau, Selasa "
        "(4/11/2025). [SuaraSulsel.id/Andi Syamsul]",
        "paragraphs": 10,
        "first": "Sebanyak 85 nelayan di Pulau Barrang Lompo, Kecamatan Kepulauan Sangkarrang, Kota Makassar, menerima "
        "bantuan mesin kapal dan alat tangkap ramah lingkungan dari Dinas Perikanan dan Pertanian Kota Makassar, "
        "Selasa 4 November 2025.",
        "last": "Haeruddin berharap nelayan merawat bantuan tersebut dengan baik. Ia mengingatkan mesin yang dijual "
        "atau dipindahtangankan akan ditarik kembali oleh pemerintah.",
        "pages": 3,
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
)
# Furniture of both pages (EXPECTED.md "Body must NOT contain").
FURNITURE = (
    "Baca 10 detik",
    "Ratusan pedagang Pasar Beringharjo sudah melayani",
    "Pemkot Makassar menyerahkan mesin kapal",
    "Jaring yang dibagikan bermata",
    "Bantuan serupa direncanakan",
    "Baca Juga",
    "Harga Cabai Rawit",
    "Malioboro Ramai Wisatawan",
    "Kantong Parkir Baru",
    "Harga Ikan Cakalang",
    "Dermaga Kayu Bangkoa Direvitalisasi",
    "Seorang pembeli memindai",
    "Nelayan Pulau Barrang Lompo menurunkan",
    "Google News",
    "Berita selanjutnya",
    "Jalur Lingkar Selatan",
    "Pemprov Sulsel Buka Pendaftaran Beasiswa",
    "Terpopuler",
    "Wisudawan UGM",
    "Pantai Losari",
    "# ",
    "Bagikan",
    "SuaraJogja.id -",
    "SuaraSulsel.id -",
)


FILES = manifest_files(MANIFEST)


def page(url: str) -> bytes:
    return FILES[url].read_bytes()


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "suara"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    assert paragraphs[0] == want["first"]
    assert paragraphs[-1] == want["last"]
    for marker in FURNITURE:
        assert marker not in record["body"], marker
    assert record["page_count"] == want["pages"]
    assert schema_errors(dict(record)) == []


# -- one page at a time ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [A, A + "?page=all"], ids=["a", "a-page-all"])
def test_one_page_article_exact_body_and_fields(url: str) -> None:
    record = extract_article(page(url), url, now=FROZEN_NOW)
    assert_article(record, A)
    assert record["body"].split("\n\n") == A_PARAGRAPHS


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_page_of_the_multipage_article(number: int) -> None:
    url = B if number == 1 else f"{B}?page={number}"
    parsed = parse_page(page(url), url, now=FROZEN_NOW)
    want = ARTICLES[B]
    for field in FIELDS:
        assert parsed.record[field] == want[field], field
    assert parsed.record["url"] == B  # rel=canonical of page N carries ?page=N: dropped
    starts = B_STARTS[number]
    assert len(parsed.paragraphs) == len(starts)
    for text, start in zip(parsed.paragraphs, starts, strict=True):
        assert text.startswith(start)
    # The "baca 10 detik" box is repeated on every page and must be nowhere.
    for marker in FURNITURE:
        assert not any(marker in text for text in parsed.paragraphs), marker
    assert parsed.pagination.current == number
    assert parsed.pagination.total == 3
    assert not parsed.pagination.complete
    assert set(parsed.pagination.links) == {1, 2, 3} - {number}
    assert parsed.fallbacks == []


def test_page_all_answer_with_a_pager_is_not_complete() -> None:
    parsed = parse_page(page(B + "?page=all"), B + "?page=all", now=FROZEN_NOW)
    assert parsed.pagination.total == 3 and not parsed.pagination.complete
    assert SUARA.page_url(B, 2) == B + "?page=2"


def test_page_all_honoured_some_day_would_be_complete() -> None:
    # Should Suara start honouring ?page=all (whole text, no pager), the answer is taken as complete even
    # though dataLayer still says 3 pages: following ?page=2 would only repeat paragraphs.
    html = page(B).decode()
    start = html.index('<div class="wrap-pagination">')
    end = html.index('<div class="article-tags">')
    parsed = parse_page(html[:start] + html[end:], B + "?page=all", now=FROZEN_NOW)
    assert parsed.pagination.complete
    # The same page without its pager, fetched as plain page 1: dataLayer.articleTotalPages gives the count.
    parsed = parse_page(html[:start] + html[end:], B, now=FROZEN_NOW)
    assert parsed.pagination.total == 3 and not parsed.pagination.complete


def test_dates_json_ld_first_then_datalayer_in_portal_zone_then_printed() -> None:
    html = page(B).decode()
    without_ld = html.replace('"datePublished": "2025-11-04T10:05:00+07:00",', "")
    parsed = parse_page(without_ld, B, now=FROZEN_NOW)
    # dataLayer.articleDate is naive: the portal's WITA offset applies.
    assert parsed.record["published_at"] == "2025-11-04T11:05:00+08:00"
    assert parsed.record["published_at_raw"] == "2025-11-04T11:05:00"
    assert parsed.fallbacks == []
    without_both = without_ld.replace("'articleDate': '2025-11-04T11:05:00',", "")
    parsed = parse_page(without_both, B, now=FROZEN_NOW)
    assert parsed.record["published_at"] == "2025-11-04T11:05:00+08:00"
    assert parsed.record["published_at_raw"] == "Selasa, 04 November 2025 | 11:05 WITA"
    assert parsed.fallbacks == ["published_at"]


def test_changed_template_falls_back_and_counts() -> None:
    html = page(A).decode()
    for old, new in (
        ("'articleEditor'", "'articleX'"),
        ("'articleSubcategory'", "'articleY'"),
        ("'articleCategory'", "'articleZ'"),
        ('class="article-tags"', 'class="label-x"'),
        ('"author": [', '"contributor": ['),
        ('class="author-trigger"', 'class="byline-x"'),
    ):
        assert old in html, old
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert sorted(parsed.fallbacks) == ["authors", "category", "editor", "tags"]
    assert parsed.record["tags"] == ["qris", "pasar beringharjo", "kota yogyakarta", "pembayaran digital"]
    assert parsed.record["category"] == "News"  # the JSON-LD breadcrumb
    assert parsed.record["authors"] == ["Dwi Ratnasari"]  # meta name=author
    assert parsed.record["editor"] is None
    assert parsed.paragraphs == A_PARAGRAPHS


def test_editor_is_kept_when_he_is_the_only_credited_author() -> None:
    html = page(A).decode().replace("'articleEditor': 'Bambang Kurniawan'", "'articleEditor': 'Dwi Ratnasari'")
    record = parse_page(html, A, now=FROZEN_NOW).record
    assert record["authors"] == ["Bambang Kurniawan"]
    assert record["editor"] == "Dwi Ratnasari"
    single = page(B).decode().replace("'articleEditor': 'Rizki Amalia'", "'articleEditor': 'Andi Syamsul'")
    record = parse_page(single, B, now=FROZEN_NOW).record
    assert record["authors"] == ["Andi Syamsul"] and record["editor"] == "Andi Syamsul"


# -- portals, URLs, discovery -------------------------------------------------------------------------


def test_portals_hosts_and_zones() -> None:
    assert len(SUARA.portals) == 20
    assert SUARA.portals["jogja.suara.com"] == "SuaraJogja.id"
    assert network_for(A) is SUARA
    for url in ("https://www.suara.com/news/2025/11/04/130000/x", "https://yoursay.suara.com/news/2025/11/04/1/x"):
        assert SUARA.owns(url) and not SUARA.is_portal(url)
    assert not SUARA.owns("https://suara.com.evil.example/read/2025/11/04/143012/x")
    assert not SUARA.owns("https://www.suaramerdeka.com/read/2025/11/04/143012/x")
    assert SUARA.offset_for(B) == "+08:00" and SUARA.offset_for(A) == "+07:00"
    assert {SUARA.offset_for(f"https://{r}.suara.com/") for r in ("bali", "kaltim", "sulsel")} == {"+08:00"}
    assert SUARA.offset_for("https://kalbar.suara.com/") == "+07:00"


def test_article_urls() -> None:
    assert SUARA.is_article_url(A) and SUARA.is_article_url(B)
    assert SUARA.is_article_url("https://www.suara.com/bisnis/2025/11/04/060000/harga-emas-naik")
    for url in (
        "https://jogja.suara.com/foto/2025/11/04/100000/galeri-suasana-pasar",
        "https://jogja.suara.com/video/2025/11/04/090000/video-antrean",
        "https://jogja.suara.com/tag/qris",
        "https://jogja.suara.com/indeks?page=2",
        "https://jogja.suara.com/author/bambang-kurniawan",
        "https://jogja.suara.com/reporter/dwi-ratnasari",
        "https://jogja.suara.com/search?q=qris",
        "https://jogja.suara.com/loadmoredetail?id=2310456&page=2",
        "https://jogja.suara.com/read/2025/11/04/slug-without-time",
    ):
        assert not SUARA.is_article_url(url), url
    assert SUARA.canonicalize(B + "?page=3&utm_source=wa") == B
    assert SUARA.full_text_url(B) == B + "?page=all"


def test_sitemap_and_listing_builders() -> None:
    assert SUARA.sitemap_urls("jogja.suara.com") == ["https://jogja.suara.com/static/news/jogja-sitemap.xml"]
    assert SUARA.sitemap_urls("sulsel.suara.com") == ["https://sulsel.suara.com/static/news/sulsel-sitemap.xml"]
    assert SUARA.sitemap_urls("www.suara.com") == []
    assert SUARA.listing_paths == ("/indeks",)
    assert SUARA.listing_page_url("https://jogja.suara.com/indeks", 2) == "https://jogja.suara.com/indeks?page=2"
    assert not SUARA.robots_sitemaps and not SUARA.has_dated_index()
    assert SUARA.checked == "real page" and SUARA.unverified  # a 2015 page, read through the fallbacks


@pytest.mark.parametrize(
    ("listing", "portal", "article"),
    [
        ("https://jogja.suara.com/indeks", "jogja.suara.com", A),
        ("https://sulsel.suara.com/indeks", "sulsel.suara.com", B),
    ],
)
def test_indeks_listing_links_exactly_the_articles(listing: str, portal: str, article: str) -> None:
    root = lxml_html.fromstring(page(listing))
    hrefs = [urljoin(listing, a.get("href")) for a in root.iter("a") if a.get("href")]
    articles = {SUARA.canonicalize(u) for u in hrefs if SUARA.is_article_url(u) and SUARA.portal_of(u) == portal}
    assert articles == {article}
    # www and yoursay articles have the article shape but are no regional portal's.
    off_portal = {u for u in hrefs if SUARA.is_article_url(u) and not SUARA.is_portal(u)}
    assert off_portal == (
        {
            "https://www.suara.com/news/2025/11/04/130000/menteri-perdagangan-dorong-digitalisasi-pasar-tradisional",
            "https://yoursay.suara.com/news/2025/11/04/120000/pengalaman-pertama-bayar-pakai-qris-di-pasar-tradisional",
        }
        if portal.startswith("jogja")
        else set()
    )


def test_listing_pages_are_not_articles() -> None:
    for url in ("https://jogja.suara.com/indeks", "https://sulsel.suara.com/indeks?page=2"):
        with pytest.raises(Refused) as info:
            extract_article(page(url), url)
        assert info.value.reason in ("no_body", "not_article")


# -- whole articles through a real crawl ----------------------------------------------------------------


def test_discovery_crawl_finds_both_articles_whole(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "suara",
        tmp_path,
        args={"sites": PORTALS, "since": "2025-11-04", "until": "2025-11-04"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, str(record["url"]))
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, [x for x in result.log.splitlines() if "Replay:" in x]
    assert stats["newscrawl/discovery/sitemaps"] == 2
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 2  # the two October sitemap entries
    assert stats["newscrawl/discovery/listing_pages"] == 4  # /indeks and its empty ?page=2, per portal
    assert stats["newscrawl/full_text_ignored/suara"] == 1  # (b): ?page=all answered page 1 of 3
    assert stats["newscrawl/multipage_articles"] == 1
    assert not [key for key in stats if key.startswith("newscrawl/fallback/suara/")]
    assert not [key for key in stats if key.startswith("newscrawl/dropped/")]


def test_crawl_entering_on_a_later_page_gives_the_whole_article(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "suara", tmp_path, args={"urls": B + "?page=3&utm_source=wa"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)}
    )
    assert len(result.records) == 1
    assert_article(result.records[0], B)
    paragraphs = str(result.records[0]["body"]).split("\n\n")
    starts = [s for n in (1, 2, 3) for s in B_STARTS[n]]
    for text, start in zip(paragraphs, starts, strict=True):
        assert text.startswith(start)
    assert result.stats.get("newscrawl/replay/missing", 0) == 0
