"""The WordPress profile: detection, the generic layer handing WordPress pages of any host to it, field
rules on our own fixture pages (a Twenty-style + Jetpack portal and a tagDiv post), WordPress URLs, the real
beritamanado.com article and homepage, and ``scrapy crawl wordpress -a sites=<any host>`` over WARC replay."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.__main__ import main as cli_main
from newscrawl.extract import extract_article
from newscrawl.parsing.article import ArticleParser
from newscrawl.parsing.page import Page
from newscrawl.record import finish, merge_pages, parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import GENERIC, network_for
from newscrawl.sites.wordpress import WordPress, WordPressParser, looks_like_wordpress
from newscrawl.spiders.base import ArgumentError
from newscrawl.spiders.prmn import PrmnSpider
from newscrawl.spiders.wordpress import WordPressSpider
from tests.conftest import EXPECTED, FIXTURE_SITES, FROZEN_NOW, manifest_files, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "wordpress"
MANIFEST = SITE / "manifest.tsv"
HOST = "kabarteluk.example"
BASE = f"https://{HOST}"

A = f"{BASE}/2026/03/10/banjir-rob-rendam-puluhan-rumah-warga-di-pesisir-palu-utara/"
B = f"{BASE}/2026/03/11/pemkot-palu-siapkan-rp42-miliar-untuk-tanggul-laut-teluk-palu/"
B2 = B + "2/"
C = f"{BASE}/2026/02/02/festival-teluk-palu-digelar-pekan-depan-panitia-siapkan-lomba-perahu-hias/"
W = "https://wartapesisir.example/nelayan-donggala-keluhkan-solar-langka-jelang-musim-ikan-tongkol/"

REAL_ARTICLE = "beritamanado.com/forkopimda-mitra-covid.html"
REAL_ARTICLE_URL = (
    "https://beritamanado.com/forkopimda-mitra-koordinasikan-penanganan-covid-19-dan-keamanan-kebun-raya-megawati/"
)
REAL_HOME = "beritamanado.com/homepage-listing.html"
REAL_HOME_LINKS = EXPECTED / "links" / "beritamanado-homepage.txt"

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Banjir Rob Rendam Puluhan Rumah Warga di Pesisir Palu Utara",
        "published_at": "2026-03-10T09:15:00+08:00",
        "published_at_raw": "2026-03-10T09:15:00+08:00",
        "modified_at": "2026-03-10T11:02:40+08:00",
        "authors": ["Nurhayati Lamasitudju"],
        "editor": "Rahmat Hidayat",
        "source": None,
        "tags": ["banjir rob", "Palu Utara", "BPBD Kota Palu", "cuaca ekstrem"],
        "category": "Daerah",
        "site_name": "Kabar Teluk",
        "image_url": f"{BASE}/wp-content/uploads/2026/03/banjir-rob-mamboro.jpg",
        "image_caption": "Warga Kelurahan Mamboro mengangkat perabotan saat banjir rob merendam permukiman, "
        "Selasa (10/3/2026). (Foto: Kabar Teluk/Nurhayati)",
        "paragraphs": 8,
        "first": "Banjir rob kembali merendam puluhan rumah warga di pesisir Kelurahan Mamboro dan Taipa,",
        "last": "“Setiap tahun kami tambal sendiri pakai karung. Kalau pasang besar seperti ini, air tetap masuk "
        "lewat selokan,” ujarnya.",
    },
    B: {
        "headline": "Pemkot Palu Siapkan Rp4,2 Miliar untuk Tanggul Laut Teluk Palu",
        "published_at": "2026-03-11T14:20:05+08:00",
        "published_at_raw": "2026-03-11T14:20:05+08:00",
        "modified_at": "2026-03-11T14:20:05+08:00",
        "authors": ["Fadli Rasyid"],
        "editor": "Rahmat Hidayat",
        "source": None,
        "tags": ["tanggul laut", "Teluk Palu", "APBD 2026", "Pemkot Palu"],
        "category": "Pemerintahan",
        "site_name": "Kabar Teluk",
        "image_url": f"{BASE}/wp-content/uploads/2026/03/wali-kota-palu-tinjau-pesisir.jpg",
        "image_caption": "Wali Kota Palu Andi Mappatunru meninjau pesisir Mamboro yang terdampak banjir rob, "
        "Rabu (11/3/2026).",
        "paragraphs": 9,
        "first": "Pemerintah Kota Palu menyiapkan anggaran Rp4,2 miliar untuk membangun tanggul laut tahap pertama",
        "last": "Warga Mamboro menyambut baik rencana itu. Mereka berharap pembangunan tidak molor seperti rencana "
        "serupa yang sempat diumumkan dua tahun lalu namun batal karena pergeseran anggaran.",
    },
    C: {
        "headline": "Festival Teluk Palu Digelar Pekan Depan, Panitia Siapkan Lomba Perahu Hias",
        "published_at": "2026-02-02T16:00:00+08:00",
        "published_at_raw": "2026-02-02T16:00:00+08:00",
        "modified_at": "2026-02-02T16:00:00+08:00",
        "authors": ["Fadli Rasyid"],
        "editor": None,
        "source": None,
        "tags": ["Festival Teluk Palu", "Pantai Talise"],
        "category": "Daerah",
        "site_name": "Kabar Teluk",
        "image_url": f"{BASE}/wp-content/uploads/2026/02/perahu-hias-talise.jpg",
        "image_caption": "Perahu hias peserta festival tahun lalu di Pantai Talise.",
        "paragraphs": 4,
        "first": "Festival Teluk Palu kembali digelar pekan depan di anjungan Pantai Talise.",
        "last": "Festival akan berlangsung selama tiga hari mulai Jumat (6/2/2026). Pengunjung tidak dipungut biaya "
        "masuk, sementara area parkir disiapkan di halaman Masjid Terapung Arkam Babu Rahman.",
    },
    W: {
        "headline": "Nelayan Donggala Keluhkan Solar Langka Jelang Musim Ikan Tongkol",
        "published_at": "2026-03-09T19:05:31+08:00",
        "published_at_raw": "2026-03-09T19:05:31+08:00",
        "modified_at": None,
        "authors": ["Andi Mappasessu"],
        "editor": None,
        "source": None,
        "tags": ["nelayan", "solar subsidi", "Donggala"],
        "category": "Pesisir",
        "site_name": "Warta Pesisir",
        "image_url": "https://wartapesisir.example/wp-content/uploads/2026/03/nelayan-donggala-antre-solar.jpg",
        "image_caption": "Nelayan antre solar di SPBN Labuan Bajo, Donggala, Senin (9/3/2026).",
        "paragraphs": 5,
        "first": "Ratusan nelayan di pesisir Kecamatan Banawa, Kabupaten Donggala, mengeluhkan",
        "last": "Sementara itu, nelayan berharap pemerintah daerah membuka pos pengisian sementara di Tanjung Batu "
        "agar mereka tidak harus menempuh perjalanan hampir satu jam untuk mengantre.",
    },
}
FIELDS = (
    "headline",
    "published_at",
    "published_at_raw",
    "modified_at",
    "authors",
    "editor",
    "source",
    "tags",
    "category",
    "site_name",
    "image_url",
    "image_caption",
)
FURNITURE = (
    "Baca Juga",
    "ADVERTISEMENT",
    "Advertisement",
    "Editor:",
    "Bagikan",
    "WhatsApp",
    "Terkait",
    "Festival Teluk Palu Digelar",
    "Halaman:",
    "Gambar rancangan tanggul",
    "Daeng Upi",
    "Tulisan Terbaru",
    "Tag:",
    "TAGS",
    "Harga Ikan Tongkol",
    "Jembatan Gantung",
    "kali dibagikan",
    "PALU –",
    "DONGGALA –",
)


FILES = manifest_files(MANIFEST)


def html_of(url: str) -> bytes:
    return FILES[url].read_bytes()


def assert_article(record: dict[str, object], url: str, *, network: str | None) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == network
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    assert len(paragraphs) == want["paragraphs"]
    assert paragraphs[0].startswith(str(want["first"]))
    assert paragraphs[-1] == want["last"]
    for marker in FURNITURE:
        assert marker not in str(record["body"]), marker
    assert schema_errors(dict(record)) == []


# -- detection -------------------------------------------------------------------------------------


def _page(head: str = "", body_class: str = "", body: str = "<p>x</p>") -> Page:
    return Page(f"<html><head>{head}</head><body class='{body_class}'>{body}</body></html>", "https://x.example/a/")


@pytest.mark.parametrize(
    "page",
    [
        _page('<meta name="generator" content="WordPress 6.7.2">'),
        _page('<meta name="generator" content="Powered by WPBakery Page Builder - page builder for WordPress.">'),
        _page('<link rel="https://api.w.org/" href="https://x.example/wp-json/">'),
        _page('<link rel="alternate" type="application/json" href="https://x.example/wp-json/wp/v2/posts/7">'),
        _page('<link rel="stylesheet" href="https://x.example/wp-content/themes/t/style.css">'),
        _page('<script src="https://x.example/wp-includes/js/jquery/jquery.min.js"></script>'),
        _page(body_class="post-template-default single single-post postid-7"),
    ],
    ids=["generator", "generator-plugin", "api-w-org", "wp-json", "theme-css", "wp-includes-js", "body-class"],
)
def test_each_wordpress_signal_is_detected(page: Page) -> None:
    assert looks_like_wordpress(page)


@pytest.mark.parametrize(
    "page",
    [
        _page('<meta name="generator" content="Ghost 5.0">', "post-template"),
        _page(body='<p><img src="https://other.example/wp-content/uploads/2026/03/photo.jpg"> hot-linked</p>'),
        _page('<link rel="stylesheet" href="https://x.example/assets/app.css">', "article-page post-7"),
    ],
    ids=["ghost", "hotlinked-image", "plain"],
)
def test_pages_without_wordpress_signals_are_not_wordpress(page: Page) -> None:
    assert not looks_like_wordpress(page)


def test_network_templates_are_not_wordpress() -> None:
    prmn = next((FIXTURE_SITES / "prmn").rglob("pr-378714063.html"))
    page = Page(prmn.read_bytes(), "https://portaljember.pikiran-rakyat.com/jember-raya/pr-378714063/x")
    assert not looks_like_wordpress(page)


# -- the generic layer uses the profile for any host -------------------------------------------------


@pytest.mark.parametrize("url", [A, B, C, W])
def test_generic_layer_hands_wordpress_pages_of_unknown_hosts_to_the_profile(url: str) -> None:
    assert network_for(url) is GENERIC
    parser = GENERIC.make_parser(Page(html_of(url), url), now=FROZEN_NOW)
    assert type(parser) is WordPressParser


@pytest.mark.parametrize("url", [A, C, W])
def test_extract_one_page_posts(url: str) -> None:
    record = extract_article(html_of(url), url, now=FROZEN_NOW)
    assert_article(record, url, network=None)


def test_without_the_profile_these_fields_are_lost() -> None:
    """What the profile adds: the generic parser alone finds no section or tags on (a) and (w). (It reads the
    byline from its markup, the same names the profile's selectors give.)"""
    for url in (A, W):
        generic = ArticleParser(Page(html_of(url), url), now=FROZEN_NOW)
        assert generic.authors() == ARTICLES[url]["authors"]
        assert generic.category() is None
        assert generic.tags() == []
        profile = WordPressParser(Page(html_of(url), url), now=FROZEN_NOW)
        assert profile.authors() == ARTICLES[url]["authors"]
        assert profile.category() == ARTICLES[url]["category"]
        assert profile.tags() == ARTICLES[url]["tags"]
        assert profile.fallbacks == []


def test_extract_cli_uses_the_profile_for_an_unknown_host(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["extract", "--url", W, str(FILES[W])]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["network"] is None
    for field in ("headline", "published_at", "authors", "tags", "category", "image_caption"):
        assert record[field] == ARTICLES[W][field], field


# -- the two-page post ----------------------------------------------------------------------------


def test_two_page_post_pages_and_merge() -> None:
    first = parse_page(html_of(B), B, now=FROZEN_NOW)
    second = parse_page(html_of(B2), B2, now=FROZEN_NOW)
    # Page 2's rel=canonical is /2/ (WordPress core): the record is still the page-1 URL.
    assert first.record["url"] == second.record["url"] == B
    assert (first.pagination.current, first.pagination.total, first.pagination.complete) == (1, 2, False)
    assert first.pagination.links == {2: B2}
    assert (second.pagination.current, second.pagination.total) == (2, 2)
    assert len(first.paragraphs) == 5 and len(second.paragraphs) == 4
    assert second.paragraphs[0].startswith("Kepala Dinas PUPR Kota Palu, Rusli Daeng Pasau, menjelaskan")
    assert first.record["editor"] is None and second.record["editor"] == "Rahmat Hidayat"
    record = merge_pages([first, second])
    finish(record, now=FROZEN_NOW)
    assert record["page_count"] == 2
    assert_article(record, B, network=None)


def test_generic_parser_alone_misses_the_wordpress_pager() -> None:
    generic = ArticleParser(Page(html_of(B), B), now=FROZEN_NOW)
    assert generic.pagination().total == 1  # so the profile's pager rule is what finds page 2


# -- the profile: hosts and URLs -------------------------------------------------------------------


def test_owns_only_listed_portals_and_hosts_given() -> None:
    profile = WordPress()
    assert set(profile.portals) == {"beritamanado.com", "bantennews.co.id", "fajar.co.id"}
    assert profile.owns(REAL_ARTICLE_URL)
    assert profile.offset_for(REAL_ARTICLE_URL) == "+08:00"
    assert not profile.owns(A)
    for other in (
        "https://portaljember.pikiran-rakyat.com/jember-raya/pr-378714063/renovasi-pasar",
        "https://solo.tribunnews.com/2020/10/09/protokol-kesehatan-3m-adalah-vaksin-terbaik",
        "https://www.detik.com/jatim/berita/d-7572645/siswa-berkebutuhan-khusus",
    ):
        assert not profile.owns(other)
        assert not profile.is_article_url(other)
    widened = profile.with_hosts([f"https://{HOST}/"])
    assert widened.owns(A) and widened.is_portal(A) and widened.is_article_url(A)
    assert not WordPress().owns(A), "with_hosts must not change other instances"


@pytest.mark.parametrize(
    ("url", "article"),
    [
        (A, True),
        (B2, True),
        (A + "amp/", True),
        (A + "#comments", True),
        (f"{BASE}/2026/03/banjir-rob-rendam-puluhan-rumah/", True),
        ("https://beritamanado.com/tol-manado-bitung-masih-gratis/", True),
        ("https://beritamanado.com/tol-manado-bitung-masih-gratis/2/", True),
        ("https://beritamanado.com/berita-utama/tol-manado-bitung-masih-gratis/", True),
        (f"{BASE}/?p=418", True),
        (f"{BASE}/2026/03/", False),
        (f"{BASE}/2026/03/10/", False),
        (f"{BASE}/category/daerah/", False),
        (f"{BASE}/category/daerah/page/2/", False),
        (f"{BASE}/tag/tanggul-laut-teluk-palu-2026/", False),
        (f"{BASE}/author/nurhayati/", False),
        (f"{BASE}/page/2/", False),
        (f"{BASE}/feed/", False),
        (f"{BASE}/comments/feed/", False),
        (A + "feed/", False),
        (A + "embed/", False),
        (A + "attachment/banjir-rob-mamboro-foto-warga/", False),
        (f"{BASE}/wp-login.php", False),
        (f"{BASE}/wp-content/uploads/2026/03/banjir-rob-mamboro-warga-angkat-perabot.jpg", False),
        (f"{BASE}/wp-sitemap-posts-post-1.xml", False),
        (f"{BASE}/?s=banjir+rob", False),
        (f"{BASE}/", False),
        (f"{BASE}/tentang-kami/", False),
        (f"{BASE}/pedoman-pemberitaan-media-siber/", False),
        (f"{BASE}/kebijakan-privasi/", False),
        ("https://beritamanado.com/tentang-berita-manado/", False),
        ("https://beritamanado.com/privacy-policy/", False),
        ("https://www.example.org/2026/03/10/nelayan-teluk-tomini-dapat-bantuan-mesin-perahu/", False),
    ],
)
def test_is_article_url(url: str, article: bool) -> None:
    assert WordPress([HOST]).is_article_url(url) is article


def test_canonicalize_and_page_urls() -> None:
    profile = WordPress([HOST])
    assert profile.canonicalize(B2) == B
    assert profile.canonicalize(A + "amp/") == A
    assert profile.canonicalize(A + "?utm_source=fb#comments") == A
    assert profile.canonicalize(f"{BASE}/?p=418&page=2") == f"{BASE}/?p=418"
    assert profile.canonicalize(A) == A
    assert profile.page_url(B, 1) == B
    assert profile.page_url(B, 2) == B2
    assert profile.page_url(f"{BASE}/?p=418", 2) == f"{BASE}/?p=418&page=2"


def test_discovery_urls() -> None:
    profile = WordPress([HOST])
    assert profile.sitemap_urls(HOST) == [f"{BASE}/wp-sitemap.xml", f"{BASE}/sitemap_index.xml"]
    assert profile.feed_urls(HOST) == [f"{BASE}/feed/"]
    assert profile.listing_paths == ("/",)
    assert profile.listing_page_url(f"{BASE}/", 1) == f"{BASE}/"
    assert profile.listing_page_url(f"{BASE}/", 2) == f"{BASE}/page/2/"
    assert profile.listing_page_url(f"{BASE}/page/2/", 3) == f"{BASE}/page/3/"
    assert profile.full_text_url(A) is None


def article_links(html: bytes | str, page_url: str, profile: WordPress) -> tuple[list[str], list[str]]:
    root = lxml.html.document_fromstring(html)
    found: list[str] = []
    rejected: list[str] = []
    for href in root.xpath("//a/@href"):
        url = urljoin(page_url, str(href).strip())
        if profile.is_article_url(url):
            canonical = profile.canonicalize(url)
            if canonical not in found:
                found.append(canonical)
        else:
            rejected.append(url)
    return found, rejected


def test_fixture_homepage_links() -> None:
    found, rejected = article_links(html_of(f"{BASE}/"), f"{BASE}/", WordPress([HOST]))
    assert found == [B, A]
    for url in (
        f"{BASE}/category/daerah/",
        f"{BASE}/tentang-kami/",
        f"{BASE}/pedoman-pemberitaan-media-siber/",
        f"{BASE}/2026/03/",
        f"{BASE}/page/2/",
        f"{BASE}/wp-login.php",
        f"{BASE}/feed/",
        "https://www.example.org/2026/03/10/nelayan-teluk-tomini-dapat-bantuan-mesin-perahu/",
    ):
        assert url in rejected, url
    found2, _ = article_links(html_of(f"{BASE}/page/2/"), f"{BASE}/page/2/", WordPress([HOST]))
    assert set(found2) == {A, B, C}  # (c), and the sidebar's "Tulisan Terbaru"


# -- real pages ------------------------------------------------------------------------------------


def test_real_homepage_article_links_are_exactly_the_judged_ones() -> None:
    html = (require_real_pages() / REAL_HOME).read_bytes()
    want = REAL_HOME_LINKS.read_text(encoding="utf-8").split()
    assert len(want) == 61
    found, rejected = article_links(html, "https://beritamanado.com/", WordPress())
    assert found == want
    # navigation, category, author, static pages, off-site: none taken
    for url in (
        "https://beritamanado.com/",
        "https://beritamanado.com/category/mitra-ratahan/",
        "https://beritamanado.com/author/jenw/",
        "https://beritamanado.com/tentang-berita-manado/",
        "https://beritamanado.com/info-iklan/",
        "https://beritamanado.com/privacy-policy/",
        "https://beritamanado.com/pedoman/",
        "https://beritamanado.com/terpopuler/",
        "https://beritamanado.com/indeks/",
        "https://www.facebook.com/BeritaManado/",
    ):
        assert url in rejected, url
    assert not [url for url in rejected if WordPress().canonicalize(url) in want and "#" not in url]


def test_real_article_is_read_by_the_profile_through_the_generic_layer() -> None:
    html = (require_real_pages() / REAL_ARTICLE).read_bytes()
    page = Page(html, REAL_ARTICLE_URL)
    assert looks_like_wordpress(page)
    assert network_for(REAL_ARTICLE_URL) is GENERIC
    assert type(GENERIC.make_parser(page)) is WordPressParser
    parsed = parse_page(html, REAL_ARTICLE_URL, now=FROZEN_NOW)
    assert parsed.fallbacks == []
    record = extract_article(html, REAL_ARTICLE_URL, now=FROZEN_NOW)
    assert record["network"] is None
    # article:modified_time (+08:00) rather than Yoast's UTC dateModified: the same instant, local offset
    assert record["modified_at"] == "2020-10-09T14:59:02+08:00"
    # through the profile itself the record is the same but for the network name
    own = parse_page(html, REAL_ARTICLE_URL, now=FROZEN_NOW, network=WordPress())
    assert own.record["network"] == "wordpress"
    assert {k: v for k, v in own.record.items() if k != "network"} == {
        k: v for k, v in parsed.record.items() if k != "network"
    }
    assert own.fallbacks == []


# -- the spider ------------------------------------------------------------------------------------


def test_spider_takes_any_host_and_defaults_to_the_listed_portals() -> None:
    default = WordPressSpider()
    assert default.selected_portals() == ["bantennews.co.id", "beritamanado.com", "fajar.co.id"]
    assert not default.network.owns(A)
    chosen = WordPressSpider(sites="https://Kabarteluk.example/,fajar.co.id")
    assert chosen.selected_portals() == [HOST, "fajar.co.id"]
    assert chosen.in_scope(A) and not chosen.in_scope(REAL_ARTICLE_URL)
    assert not WordPressSpider.network.owns(A), "the class's profile is not widened by a run"
    given = WordPressSpider(urls=f"{A},https://other-wp.example/2026/03/01/satu-dua-tiga-empat/")
    assert given.network.is_article_url(A)
    assert given.network.owns("https://other-wp.example/")
    with pytest.raises(ArgumentError):
        PrmnSpider(sites=HOST)  # other networks still refuse foreign hosts


# -- end to end ------------------------------------------------------------------------------------


def test_crawl_any_wordpress_host(warc: Path, tmp_path: Path) -> None:
    run = crawl(
        "wordpress",
        tmp_path,
        args={"sites": HOST, "since": "2026-03-10", "until": "2026-03-11"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {record["url"]: record for record in run.records}
    # (c), published 2026-02-02, is fetched from the /page/2/ listing but not written: outside since..until
    assert sorted(records) == sorted([A, B])
    for url, record in records.items():
        assert_article(record, url, network="wordpress")
    assert records[B]["page_count"] == 2
    assert records[A]["page_count"] == 1
    stats = run.stats
    assert not stats.get("newscrawl/replay/missing"), run.log[-3000:]
    assert [key for key in stats if key.startswith("newscrawl/dropped/")] == ["newscrawl/dropped/out_of_range"]
    assert stats["newscrawl/dropped/out_of_range"] == 1
    assert not [key for key in stats if key.startswith("newscrawl/fallback/")], stats
    # (c) is older than since in the posts sitemap and the feed; the homepage's /page/2/ still lists it
    assert stats.get("newscrawl/discovery/skipped_by_lastmod", 0) >= 2
    assert stats.get("newscrawl/discovery/feeds") == 1
    assert stats.get("newscrawl/discovery/listing_pages") == 2  # / and /page/2/ (/page/3/ is 404)
    assert stats.get("newscrawl/multipage_articles") == 1


def test_crawl_given_urls_of_any_wordpress_host(warc: Path, tmp_path: Path) -> None:
    """Entering on page 2, or on the ``?p=N`` shortlink, gives the article under its permalink."""
    run = crawl(
        "wordpress",
        tmp_path,
        args={"urls": f"{B2},{BASE}/?p=412"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {record["url"]: record for record in run.records}
    assert sorted(records) == sorted([A, B])
    assert records[B]["page_count"] == 2
    for url, record in records.items():
        assert_article(record, url, network="wordpress")
    assert not run.stats.get("newscrawl/replay/missing"), run.log[-3000:]
