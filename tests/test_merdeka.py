"""Merdeka.com: article URL rules against the real 2020 home page, the current template (pages pre-merged)
and the 2020 template on fixture pages (reference only), and crawls with ``scrapy crawl merdeka`` over WARC
replay: discovery through the sitemap index and section news sitemaps, and fetching by URL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_named
from tests.conftest import EXPECTED, FIXTURE_SITES, FROZEN_NOW, require_real_pages
from tests.crawling import Crawl, crawl

SITE = FIXTURE_SITES / "merdeka"
MANIFEST = SITE / "manifest.tsv"
NET = network_named("merdeka")

X = "https://www.merdeka.com/peristiwa/read/8312456/guguran-awan-panas-semeru-ratusan-warga-lumajang-mengungsi-ke-balai-desa"
Y = "https://www.merdeka.com/jateng/petani-tembakau-temanggung-mulai-panen-harga-daun-kering-naik.html"

X_PARAGRAPHS = [
    "Gunung Semeru di perbatasan Kabupaten Lumajang dan Malang, Jawa Timur, kembali meluncurkan guguran awan panas "
    "pada Rabu (11/3) malam. Jarak luncur guguran mencapai empat kilometer ke arah Besuk Kobokan.",
    "Sebanyak 327 warga dari Desa Supiturang dan Oro-oro Ombo di Kecamatan Pronojiwo memilih mengungsi ke balai "
    "desa dan sekolah dasar yang berada lebih jauh dari aliran sungai.",
    '"Warga kami minta tidak beraktivitas di sepanjang Besuk Kobokan karena masih ada potensi guguran susulan dan '
    'banjir lahar," kata Kepala Pelaksana BPBD Lumajang, Wahyudi Kurniawan, Kamis (12/3).',
    "Posko Pengungsian Ditambah",
    "BPBD Lumajang menambah dua posko pengungsian di Desa Sumberurip untuk menampung warga yang rumahnya berada "
    "dalam radius rawan.",
    "Dinas Kesehatan menyiagakan tenaga medis di setiap posko. Sebagian pengungsi, terutama anak-anak dan warga "
    "lanjut usia, mulai mengeluhkan batuk dan iritasi mata akibat abu vulkanik.",
    "Bantuan logistik berupa beras, air mineral, selimut, dan masker dikirim dari gudang BPBD Provinsi Jawa Timur "
    "sejak Kamis pagi.",
    "Status Gunung Tetap Siaga",
    "Pos Pengamatan Gunung Api Semeru di Gunung Sawur mencatat 14 kali gempa guguran dalam enam jam pengamatan. "
    "Status Gunung Semeru masih berada di Level III atau Siaga.",
    "Pemerintah Kabupaten Lumajang meminta warga tetap mengikuti arahan petugas dan tidak kembali ke rumah sebelum "
    "ada pernyataan aman dari PVMBG.",
]

# From EXPECTED.md (written with the fixtures).
ARTICLES: dict[str, dict[str, object]] = {
    X: {
        "file": "8312456.html",
        "headline": "Guguran Awan Panas Semeru, Ratusan Warga Lumajang Mengungsi ke Balai Desa",
        "published_at": "2026-03-12T08:30:00+07:00",
        "published_at_raw": "2026-03-12T08:30:00+07:00",
        "modified_at": "2026-03-12T09:02:14+07:00",
        "authors": ["Rizky Aditya Pratama"],
        "tags": ["Gunung Semeru", "Lumajang", "Awan Panas"],
        "category": "Regional",
        "image_caption": (
            "Warga mengungsi ke balai desa di Kecamatan Pronojiwo, Lumajang. ©2026 Merdeka.com/Rizky Aditya Pratama"
        ),
        "paragraphs": X_PARAGRAPHS,
        "absent": (
            "Advertisement",
            "Baca Juga",
            "Jembatan Gladak Perak",
            "Oleh",
            "Reporter",
            "Ratusan warga dua desa",
            "Berita Terbaru",
            "Harga Cabai Rawit",
            "Potret Pengungsi",
            "Copyright",
        ),
    },
    Y: {
        "file": "2020-petani-tembakau-temanggung.html",
        "headline": "Petani Tembakau Temanggung Mulai Panen, Harga Daun Kering Naik",
        "published_at": "2020-10-14T18:33:00+07:00",
        "published_at_raw": "Rabu, 14 Oktober 2020 18:33",
        "modified_at": None,
        "authors": ["Purnomo Widodo"],
        "tags": ["tembakau", "Temanggung", "petani"],
        "category": "Jateng",
        # Read by the generic caption rule (a class naming "caption"), as no 2020 Merdeka rule names it.
        "image_caption": (
            "Petani menjemur rajangan tembakau di Desa Legoksari, Temanggung. ©2020 Merdeka.com/Purnomo Widodo"
        ),
        "paragraphs": 4,
        "first": "Petani tembakau di lereng Gunung Sindoro",
        "last": "dengan harga yang wajar sesuai kualitas.",
        "absent": (
            "Baca juga",
            "Cukai Naik",
            "Musim Kemarau, Petani Temanggung",
            "[dan]",
            "BERITA TERKAIT",
            "Harga Tembakau Rajangan Naik",
            "Reporter",
            "Merdeka.com -",
        ),
    },
}


def html_of(url: str) -> bytes:
    return (SITE / str(ARTICLES[url]["file"])).read_bytes()


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "merdeka"
    assert record["site"] == "www.merdeka.com"
    assert record["site_name"] == "Merdeka.com"
    assert record["editor"] is None and record["source"] is None
    assert record["page_count"] == 1
    for field in (
        "headline",
        "published_at",
        "published_at_raw",
        "modified_at",
        "authors",
        "tags",
        "category",
        "image_caption",
    ):
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    if isinstance(want["paragraphs"], list):
        assert paragraphs == want["paragraphs"]
    else:
        assert len(paragraphs) == want["paragraphs"]
        assert paragraphs[0].startswith(str(want["first"]))
        assert paragraphs[-1].endswith(str(want["last"]))
    for marker in want["absent"]:  # type: ignore[attr-defined]
        assert marker not in record["body"], marker
    assert schema_errors(dict(record)) == []


# -- articles ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [X, Y], ids=["current-merged-pages", "2020"])
def test_fixture_article_fields(url: str) -> None:
    assert_article(extract_article(html_of(url), url, now=FROZEN_NOW), url)


def test_current_template_needs_no_fallback_and_is_whole() -> None:
    parsed = parse_page(html_of(X), X, now=FROZEN_NOW)
    assert parsed.fallbacks == []
    assert parsed.pagination.complete and parsed.pagination.total == 1
    assert NET.full_text_url(X) is None


def test_2020_template_has_no_tag_block_so_tags_fall_back_to_keywords() -> None:
    assert parse_page(html_of(Y), Y, now=FROZEN_NOW).fallbacks == ["tags"]


def test_query_and_host_aliases_give_the_canonical_url() -> None:
    for alias in (X + "?page=2", X + "?utm_source=x&show=all", X.replace("https://www.", "http://"), X + "/"):
        assert NET.canonicalize(alias).rstrip("/") == X, alias
    record = extract_article(html_of(X), X + "?page=2", now=FROZEN_NOW)
    assert record["url"] == X


def test_null_json_ld_author_and_a_missing_byline_fall_back_to_meta_author() -> None:
    html = html_of(X).decode("utf-8").replace('data-tracking="author_name"', 'data-tracking="x"')
    parsed = parse_page(html, X, now=FROZEN_NOW)
    assert parsed.record["authors"] == ["Rizky Aditya Pratama"] and parsed.fallbacks == []
    html = html.replace('<meta name="author" content="Rizky Aditya Pratama">', "")
    parsed = parse_page(html, X, now=FROZEN_NOW)
    # The byline is still printed ("Oleh <a>Rizky Aditya Pratama</a> - Reporter" in div.author-meta): the generic
    # byline rule reads it, and the fallback is counted.
    assert parsed.fallbacks == ["authors"] and parsed.record["authors"] == ["Rizky Aditya Pratama"]
    html = re.sub(r'<div class="author-meta.*?</div>\s*</div>\s*</div>', "", html, flags=re.S)
    parsed = parse_page(html, X, now=FROZEN_NOW)
    assert parsed.fallbacks == ["authors"] and parsed.record["authors"] == []


def test_breadcrumb_json_ld_is_not_the_category() -> None:
    html = html_of(X).decode("utf-8").replace("breadcrumb-navigation", "crumbs-x")
    parsed = parse_page(html, X, now=FROZEN_NOW)
    # The JSON-LD breadcrumb without the headline leaves the channel, not the regional category.
    assert parsed.fallbacks == ["category"] and parsed.record["category"] == "News"


def test_stale_body_selector_falls_back_to_the_generic_layer() -> None:
    html = html_of(X).decode("utf-8").replace("articles-content__body", "isi-artikel")
    parsed = parse_page(html, X, now=FROZEN_NOW)
    assert "body" in parsed.fallbacks
    assert X_PARAGRAPHS[0] in parsed.paragraphs and X_PARAGRAPHS[-1] in parsed.paragraphs


# -- URL rules -----------------------------------------------------------------------------------------------


def test_url_rules() -> None:
    for url in (
        X,
        Y,
        "https://merdeka.com/jatim/read/8300001/judul-berita",
        "https://www.merdeka.com/trending/x-kln.html",
    ):
        assert NET.is_article_url(url), url
    for url in (
        "https://www.merdeka.com/foto/read/8312300/potret-pengungsi-semeru",
        "https://www.merdeka.com/video/read/8312301/video-semeru",
        "https://www.merdeka.com/slideshow/read/8312302/galeri-semeru",
        "https://www.merdeka.com/foto/jakarta/mrt-kembali-beroperasi-normal.html",
        "https://www.merdeka.com/company/disclaimer.html",
        "https://www.merdeka.com/workstation/sewindu-menginspirasi.html",
        "https://www.merdeka.com/peristiwa/read/8312456",  # three segments
        "https://www.merdeka.com/peristiwa/read/8312456/slug/extra",  # five segments
        "https://www.merdeka.com/peristiwa/",
        "https://www.merdeka.com/peristiwa/index2/",
        "https://www.merdeka.com/tag/u/uu-cipta-kerja/",
        "https://bandung.merdeka.com/jabar/read/1/x",
        "https://www.merdeka.com.example.org/peristiwa/read/1/x",
    ):
        assert not NET.is_article_url(url), url
    assert NET.portal_key("merdeka.com") == "www.merdeka.com" == NET.portal_of("https://merdeka.com/x")
    assert NET.listing_paths == () and NET.full_text_param is None


def expected_links(name: str) -> list[str]:
    lines = (EXPECTED / "links" / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_real_homepage_links() -> None:
    """Every article link on the real 2020 home page (judged by reading it) and nothing else."""
    html = (require_real_pages() / "merdeka.com/homepage-listing.html").read_bytes()
    root = lxml.html.fromstring(html)
    hrefs = {
        urljoin("https://www.merdeka.com/", (a.get("href") or "").strip()) for a in root.iter("a") if a.get("href")
    }
    found = {NET.canonicalize(u) for u in hrefs if NET.is_article_url(u)}
    want = expected_links("merdeka-homepage.txt")
    assert len(want) == len(set(want)) == 88
    assert found == set(want), f"missing {sorted(set(want) - found)}, extra {sorted(found - set(want))}"
    # What was judged not to be an article: galleries, company pages, the company blog, nav/tag/index links.
    rejected = {u for u in hrefs if NET.owns(u) and not NET.is_article_url(u)}
    paths = {urlsplit(u).path for u in rejected}
    assert "/foto/jakarta/mrt-kembali-beroperasi-normal.html" in paths
    assert "/company/redaksi-merdeka.html" in paths
    assert "/workstation/sewindu-menginspirasi.html" in paths
    assert {"/peristiwa/", "/tag/u/uu-cipta-kerja/", "/indeks-berita/", "/jateng/", "/"} <= paths


# -- crawls ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def discovery(warc: Path, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(
        "merdeka",
        tmp_path_factory.mktemp("merdeka-discovery"),
        args={"sites": "www.merdeka.com", "since": "2026-03-12", "until": "2026-03-12"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )


def test_discovery_crawl_reads_the_sitemap_index_and_section_news_sitemaps(discovery: Crawl) -> None:
    assert [r["url"] for r in discovery.records] == [X]
    assert_article(discovery.records[0], X)
    stats = discovery.stats
    assert stats["newscrawl/discovery/sitemaps"] == 3  # index, peristiwa, foto (otomotif is older than since)
    assert stats["newscrawl/discovery/skipped_by_lastmod"] >= 1  # the otomotif index entry
    assert not any(key.startswith("newscrawl/fallback/") for key in stats)
    # The foto gallery in /foto/sitemap.xml is never requested.
    assert "/foto/read/8312300" not in discovery.log


def test_news_sitemap_publication_date_outside_the_days_is_skipped(discovery: Crawl) -> None:
    stats = discovery.stats
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 2  # + the 2026-03-10 peristiwa entry
    assert stats["newscrawl/discovery/article_urls"] == 1
    assert stats.get("newscrawl/replay/missing", 0) == 0
    assert not any(key.startswith("newscrawl/dropped/") for key in stats)


def test_fetch_by_url_both_shapes_no_query_ever_requested(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "merdeka",
        tmp_path,
        args={"urls": f"{X}?page=2,{Y}"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([X, Y])
    for record in result.records:
        assert_article(record, str(record["url"]))
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, result.log[-3000:]
    assert stats.get("newscrawl/multipage_articles", 0) == 0  # three pages, one response
    assert "?page=" not in result.log.replace(f"{X}?page=2", "")
    assert stats.get("newscrawl/fallback/merdeka/tags") == 1  # the 2020 page
