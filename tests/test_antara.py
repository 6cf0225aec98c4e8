"""ANTARA regional bureaus (reference only): the www template's fields on our bureau fixture pages, the
"Pewarta:/Editor:" credit and "Kota (ANTARA) -" dateline, ``<br>``-split bodies, ``?page=all`` honoured or pages
followed, and discovery through the RSS feed and ``/terkini`` — crawled end to end with ``scrapy crawl antara``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from lxml import html as lxml_html

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.page import Page
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.sites.antara import AntaraParser
from newscrawl.warc import WarcEntry, write_warc
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "antara"
MANIFEST = SITE / "manifest.tsv"
ANTARA = network_named("antara")

A = "https://jatim.antaranews.com/berita/1046721/pemkot-surabaya-tambah-layanan-posyandu-lansia-di-31-kecamatan"
B = "https://makassar.antaranews.com/berita/623318/pemprov-sulsel-salurkan-benih-jagung-untuk-12-ribu-hektare-lahan-kering"
PORTALS = "jatim.antaranews.com,makassar.antaranews.com"

A_PARAGRAPHS = [
    "Pemerintah Kota Surabaya menambah layanan posyandu lansia di 31 kecamatan untuk menjangkau sekitar 42 ribu warga "
    "berusia di atas 60 tahun yang selama ini belum rutin memeriksakan kesehatan.",
    "Kepala Dinas Kesehatan Kota Surabaya Siti Rohmah di Surabaya, Rabu, mengatakan tambahan layanan itu berupa 180 "
    "pos baru yang dibuka di balai RW, masjid, dan gereja sehingga warga lanjut usia tidak perlu berjalan jauh.",
    '"Selama ini masih banyak lansia yang hanya datang ke puskesmas ketika sudah sakit. Dengan posyandu yang dekat '
    'rumah, pemeriksaan tekanan darah dan gula darah bisa dilakukan setiap bulan," katanya.',
    "Ia menjelaskan setiap posyandu lansia dilayani dua kader terlatih dan satu tenaga kesehatan dari puskesmas "
    "setempat. Kader juga mencatat riwayat penyakit warga dalam aplikasi yang terhubung dengan data puskesmas.",
    "Menurut dia, hasil skrining tahun lalu menunjukkan satu dari tiga lansia di Surabaya mengalami hipertensi, "
    "sementara sebagian besar belum mengetahui kondisinya sebelum diperiksa.",
    "Salah seorang warga Wonokromo, Sutini (67), mengaku senang karena kini bisa memeriksakan kesehatan di balai RW "
    "yang hanya berjarak beberapa rumah dari tempat tinggalnya.",
    "Pemkot Surabaya menargetkan seluruh kelurahan memiliki posyandu lansia aktif pada pertengahan 2026 dan akan "
    "menambah jumlah kader melalui pelatihan bersama perguruan tinggi kesehatan.",
]
B_STARTS = {
    1: [
        "Pemerintah Provinsi Sulawesi Selatan menyalurkan benih",
        "Kepala Dinas Tanaman Pangan, Hortikultura, dan Perkebunan Sulsel",
        '"Benih ini kami salurkan sebelum hujan',
        "Ia menyebutkan setiap hektare lahan",
    ],
    2: [
        "Menurut dia, lahan kering di wilayah selatan",
        "Ketua Kelompok Tani Sipatuo di Kabupaten Jeneponto,",
        "Pemprov Sulsel menargetkan produksi jagung",
    ],
}

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Pemkot Surabaya tambah layanan posyandu lansia di 31 kecamatan",
        "published_at": "2025-11-05T14:22:00+07:00",
        "published_at_raw": "Rabu, 5 November 2025 14:22 WIB",
        "authors": ["Indra Setiawan"],
        "editor": "Rahmat Fajar",
        "source": None,
        "tags": ["posyandu lansia", "Dinkes Surabaya", "lansia"],
        "category": "Surabaya",
        "site_name": "ANTARA Jatim",
        "image_url": "https://cdn.antaranews.com/cache/1200x800/2025/11/05/posyandu-lansia-wonokromo.jpg",
        "image_caption": "Petugas Posyandu Lansia memeriksa tekanan darah warga di Balai RW 05 Kelurahan Wonokromo, "
        "Surabaya, Rabu (5/11/2025). ANTARA/Indra Setiawan",
        "paragraphs": 7,
        "first": A_PARAGRAPHS[0],
        "last": A_PARAGRAPHS[-1],
    },
    B: {
        "headline": "Pemprov Sulsel salurkan benih jagung untuk 12 ribu hektare lahan kering",
        "published_at": "2025-11-05T09:47:00+08:00",
        "published_at_raw": "Rabu, 5 November 2025 09:47",
        "authors": ["Nur Aisyah", "Muh. Hasanuddin"],
        "editor": "Andi Firdaus",
        "source": None,
        "tags": ["jagung", "benih jagung", "lahan kering"],
        "category": "Ekonomi",
        "site_name": "ANTARA Sulsel",
        "image_url": "https://cdn.antaranews.com/cache/1200x800/2025/11/05/benih-jagung-jeneponto.jpg",
        "image_caption": "Petani di Kabupaten Jeneponto menerima karung benih jagung hibrida bantuan Pemprov Sulsel, "
        "Rabu (5/11/2025). ANTARA/Nur Aisyah",
        "paragraphs": 7,
        "first": "Pemerintah Provinsi Sulawesi Selatan menyalurkan benih jagung hibrida untuk 12 ribu hektare lahan "
        "kering di tujuh kabupaten guna menjaga produksi jagung pada musim tanam akhir tahun.",
        "last": "Pemprov Sulsel menargetkan produksi jagung tahun ini mencapai 2,4 juta ton pipilan kering, naik dari "
        "capaian tahun sebelumnya sebesar 2,1 juta ton.",
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
FURNITURE = (
    "(ANTARA)",
    "Baca juga",
    "Dinkes Jatim perkuat skrining",
    "Surabaya siapkan 50 taman",
    "Harga jagung pipilan",
    "Bulog Sulsel serap",
    "Pewarta",
    "Editor",
    "COPYRIGHT",
    "Dilarang keras",
    "adsbygoogle",
    "Petugas Posyandu Lansia memeriksa",
    "Petani di Kabupaten Jeneponto menerima",
    "Berita Terkait",
    "Terpopuler",
    "Kereta tambahan",
    "Bandara Sultan Hasanuddin",
    "Bagikan",
    "Selanjutnya",
    "Sebelumnya",
    "posyandu lansia Dinkes Surabaya",
)


FILES = manifest_files(MANIFEST)


def page(url: str) -> bytes:
    return FILES[url].read_bytes()


def assert_article(record: dict[str, object], url: str, pages: int) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "antara"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    assert paragraphs[0] == want["first"]
    assert paragraphs[-1] == want["last"]
    for marker in FURNITURE:
        assert marker not in record["body"], marker
    assert record["page_count"] == pages
    assert schema_errors(dict(record)) == []


# -- one page at a time ------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [A, A + "?page=all"], ids=["a", "a-page-all"])
def test_br_split_article_exact_body_and_fields(url: str) -> None:
    record = extract_article(page(url), url, now=FROZEN_NOW)
    assert_article(record, A, pages=1)
    assert record["body"].split("\n\n") == A_PARAGRAPHS


def test_page_all_gives_the_whole_article_in_one_response() -> None:
    parsed = parse_page(page(B + "?page=all"), B + "?page=all", now=FROZEN_NOW)
    assert parsed.pagination.complete and parsed.pagination.total == 1
    record = extract_article(page(B + "?page=all"), B + "?page=all", now=FROZEN_NOW)
    assert_article(record, B, pages=1)
    starts = [s for n in (1, 2) for s in B_STARTS[n]]
    for text, start in zip(record["body"].split("\n\n"), starts, strict=True):
        assert text.startswith(start)


@pytest.mark.parametrize("number", [1, 2])
def test_each_page_of_the_two_page_article(number: int) -> None:
    url = B if number == 1 else f"{B}?page={number}"
    parsed = parse_page(page(url), url, now=FROZEN_NOW)
    for field in FIELDS:
        assert parsed.record[field] == ARTICLES[B][field], field
    assert parsed.record["url"] == B
    assert len(parsed.paragraphs) == len(B_STARTS[number])
    for text, start in zip(parsed.paragraphs, B_STARTS[number], strict=True):
        assert text.startswith(start)
    # The relative "?page=2" links resolve against the page; the sidebar's "Lainnya" pager is not ours.
    assert parsed.pagination.current == number and parsed.pagination.total == 2
    assert not parsed.pagination.complete
    assert parsed.pagination.links == ({2: B + "?page=2"} if number == 1 else {1: B})
    assert parsed.fallbacks == []


def test_pager_outside_the_template_place_is_still_read() -> None:
    # A pager moved out of the article block (and out of its <nav>) is left to the generic pager reader.
    html = page(B).decode()
    start = html.index('<nav aria-label="Halaman artikel"')
    end = html.index("</nav>", start) + len("</nav>")
    pager = html[start:end].replace("<nav ", "<div ").replace("</nav>", "</div>")
    html = html[:start] + html[end:]
    html = html.replace("  <footer", pager + "\n  <footer")
    parsed = parse_page(html, B, now=FROZEN_NOW)
    assert parsed.pagination.total == 2 and not parsed.pagination.complete
    assert parsed.pagination.links[2] == B + "?page=2"
    # Without any pager the page is taken as the whole article.
    alone = html.replace(pager, "")
    assert parse_page(alone, B, now=FROZEN_NOW).pagination.complete


def test_sidebar_date_is_never_the_article_date() -> None:
    # Without the article's own date item, the last ".list-inline-item.mr-2" on the page is a sidebar date
    # (Terpopuler, 08:10): the rule must fall back to structured data, not take it.
    html = page(A).decode()
    html = html.replace(
        '<li class="list-inline-item mr-2"><span class="text-secondary font-weight-normal">',
        '<li class="list-inline-item"><span class="text-secondary font-weight-normal">',
    )
    html = html.replace("Rabu, 5 November 2025 14:22 WIB</span></li>\n              </ul>", "</span></li></ul>")
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert parsed.record["published_at"] == "2025-11-05T14:22:00+07:00"
    assert parsed.record["published_at_raw"] == "2025-11-05T14:22:00+07:00"
    assert "published_at" in parsed.fallbacks


def test_wita_bureau_reads_a_naive_printed_time_as_wita_and_a_printed_zone_wins() -> None:
    html = page(B).decode()
    assert parse_page(html, B, now=FROZEN_NOW).record["published_at"] == "2025-11-05T09:47:00+08:00"
    wib = html.replace("Rabu, 5 November 2025 09:47</span>", "Rabu, 5 November 2025 09:47 WIB</span>")
    assert parse_page(wib, B, now=FROZEN_NOW).record["published_at"] == "2025-11-05T09:47:00+07:00"


def test_changed_template_falls_back_and_counts() -> None:
    html = page(A).decode()
    for old, new in (
        ("wrap__article-detail-title", "judul-x"),
        ("breadcrumbs__item", "crumb-x"),
        ('class="blog-tags"', 'class="label-x"'),
        ("Pewarta: Indra Setiawan", "Oleh Indra Setiawan"),
        ("Editor: Rahmat Fajar", "Penyelaras Rahmat Fajar"),
    ):
        assert old in html, old
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert sorted(parsed.fallbacks) == ["authors", "category", "editor", "headline", "tags"]
    assert parsed.record["headline"] == ARTICLES[A]["headline"]  # h1 / og:title
    assert parsed.record["authors"] == ["Indra Setiawan"]  # JSON-LD author
    assert parsed.record["editor"] is None
    assert parsed.record["tags"] == ["posyandu lansia", "Dinkes Surabaya", "Surabaya", "lansia"]  # meta keywords
    # The breadcrumb's items lost their class, the list did not: the generic visible-breadcrumb rule reads it.
    assert parsed.record["category"] == ARTICLES[A]["category"] == "Surabaya"
    assert parsed.paragraphs == A_PARAGRAPHS


@pytest.mark.parametrize(
    ("credit", "authors", "editor"),
    [
        (
            "Pewarta: Indra Setiawan<br />Editor: Rahmat Fajar<br />COPYRIGHT © ANTARA 2025",
            ["Indra Setiawan"],
            "Rahmat Fajar",
        ),
        ("<span><b>Pewarta :</b> Indra Setiawan</span><br/>Editor : Rahmat Fajar", ["Indra Setiawan"], "Rahmat Fajar"),
        (
            "Pewarta: Nur Aisyah/Muh. Hasanuddin<br>Editor: Andi Firdaus",
            ["Nur Aisyah", "Muh. Hasanuddin"],
            "Andi Firdaus",
        ),
    ],
    ids=["br-lines", "2019-bold-label", "slash-pair"],
)
def test_credit_line_forms(credit: str, authors: list[str], editor: str) -> None:
    html = (
        '<html><body><div class="wrap__article-detail"><div class="wrap__article-detail-content post-content">'
        "Mataram (ANTARA) - Teks berita pertama yang cukup panjang untuk menjadi paragraf artikel yang wajar.<br><br>"
        f'Paragraf kedua berita.<p class="text-muted mt-2 small">{credit}</p></div></div></body></html>'
    )
    parser = AntaraParser(Page(html, "https://mataram.antaranews.com/berita/1/x"))
    assert parser.authors() == authors
    assert parser.editor() == editor


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("Surabaya (ANTARA) - Pemerintah", "Pemerintah"),
        ("Kota Kupang, NTT (ANTARA) – Pemerintah", "Pemerintah"),
        ("Mataram (ANTARA News) - Pemerintah", "Pemerintah"),
        ("Jayapura (ANTARA) -- Pemerintah", "Pemerintah"),
        ("Pemerintah (ANTARA) mencatat", "Pemerintah (ANTARA) mencatat"),
    ],
)
def test_datelines(first: str, rest: str) -> None:
    parser = AntaraParser(Page("<html><body><p>x</p></body></html>", "https://jatim.antaranews.com/berita/1/x"))
    tail = " Provinsi menyalurkan bantuan kepada warga."
    assert parser.clean_paragraphs([first + tail]) == [rest + tail]


# -- portals, URLs, discovery -------------------------------------------------------------------------


def test_bureaus_hosts_and_zones() -> None:
    assert len(ANTARA.portals) == 29
    assert ANTARA.portals["mataram.antaranews.com"] == "ANTARA NTB"
    assert network_for(A) is ANTARA
    for host in ("www.antaranews.com", "en.antaranews.com"):
        url = f"https://{host}/berita/5012345/x"
        assert ANTARA.owns(url) and not ANTARA.is_portal(url)
    wita = {"bali", "mataram", "kupang", "kalsel", "kaltim", "kaltara", "manado", "gorontalo", "sulteng", "sultra"}
    for bureau in (*wita, "makassar"):
        assert ANTARA.offset_for(f"https://{bureau}.antaranews.com/") == "+08:00", bureau
    for bureau in ("ambon", "papua", "papuabarat"):
        assert ANTARA.offset_for(f"https://{bureau}.antaranews.com/") == "+09:00", bureau
    for bureau in ("jatim", "kalbar", "kalteng", "aceh"):
        assert ANTARA.offset_for(f"https://{bureau}.antaranews.com/") == "+07:00", bureau
    assert not ANTARA.owns("https://antaranews.com.evil.example/berita/1/x")


def test_article_urls_and_builders() -> None:
    assert ANTARA.is_article_url(A) and ANTARA.is_article_url(B)
    for url in (
        "https://jatim.antaranews.com/foto/1046702/foto-pembangunan",
        "https://jatim.antaranews.com/video/1046690/video-festival",
        "https://jatim.antaranews.com/rilis-pers/1046680/wisuda",
        "https://jatim.antaranews.com/tag/posyandu-lansia",
        "https://jatim.antaranews.com/terkini?page=2",
        "https://jatim.antaranews.com/berita/1046721",
        "https://jatim.antaranews.com/surabaya",
    ):
        assert not ANTARA.is_article_url(url), url
    assert ANTARA.canonicalize(B + "?page=2&utm_source=antaranews") == B
    assert ANTARA.full_text_url(B) == B + "?page=all"
    assert ANTARA.feed_urls("jatim.antaranews.com") == ["https://jatim.antaranews.com/rss/terkini.xml"]
    assert ANTARA.listing_paths == ("/terkini",)
    assert ANTARA.listing_page_url("https://jatim.antaranews.com/terkini", 3) == (
        "https://jatim.antaranews.com/terkini?page=3"
    )
    assert not ANTARA.robots_sitemaps and ANTARA.sitemap_urls("jatim.antaranews.com") == []
    assert ANTARA.checked == "reference only" and ANTARA.unverified


@pytest.mark.parametrize(
    ("listing", "portal", "article"),
    [
        ("https://jatim.antaranews.com/terkini", "jatim.antaranews.com", A),
        ("https://makassar.antaranews.com/terkini", "makassar.antaranews.com", B),
    ],
)
def test_terkini_listing_links_exactly_the_articles(listing: str, portal: str, article: str) -> None:
    root = lxml_html.fromstring(page(listing))
    hrefs = [urljoin(listing, a.get("href")) for a in root.iter("a") if a.get("href")]
    articles = {ANTARA.canonicalize(u) for u in hrefs if ANTARA.is_article_url(u) and ANTARA.portal_of(u) == portal}
    assert articles == {article}
    off_portal = {u for u in hrefs if ANTARA.is_article_url(u) and not ANTARA.is_portal(u)}
    expected = {"https://www.antaranews.com/berita/5012345/menkes-minta-daerah-perluas-posyandu-lansia"}
    assert off_portal == (expected if portal.startswith("jatim") else set())


def test_listing_pages_are_not_articles() -> None:
    for url in ("https://jatim.antaranews.com/terkini", "https://makassar.antaranews.com/terkini?page=2"):
        with pytest.raises(Refused) as info:
            extract_article(page(url), url)
        assert info.value.reason in ("no_body", "not_article")


# -- whole articles through a real crawl ----------------------------------------------------------------


def test_discovery_crawl_finds_both_articles_whole(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "antara",
        tmp_path,
        args={"sites": PORTALS, "since": "2025-11-05", "until": "2025-11-05"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, str(record["url"]), pages=1)  # (b) through ?page=all
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, [x for x in result.log.splitlines() if "Replay:" in x]
    assert stats["newscrawl/discovery/feeds"] == 2
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 2  # the two October RSS items
    assert stats["newscrawl/discovery/listing_pages"] == 4  # /terkini and its empty ?page=2, per bureau
    assert "newscrawl/discovery/sitemaps" not in stats
    assert not [key for key in stats if key.startswith(("newscrawl/fallback/antara/", "newscrawl/dropped/"))]


def test_pages_followed_when_the_full_text_form_is_missing(tmp_path: Path) -> None:
    # The same article (b) on a bureau that 404s ?page=all: page 2 is followed from the pager.
    entries = [
        WarcEntry(url, 200, {"Content-Type": "text/html; charset=UTF-8"}, page(url)) for url in (B, B + "?page=2")
    ]
    warc = tmp_path / "no-all.warc.gz"
    write_warc(warc, entries)
    result = crawl(
        "antara", tmp_path, args={"urls": B + "?page=2&utm_source=wa"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)}
    )
    assert len(result.records) == 1
    assert_article(result.records[0], B, pages=2)
    starts = [s for n in (1, 2) for s in B_STARTS[n]]
    for text, start in zip(str(result.records[0]["body"]).split("\n\n"), starts, strict=True):
        assert text.startswith(start)
    assert result.stats["newscrawl/fallback/antara/full_text"] == 1
    assert result.stats["newscrawl/multipage_articles"] == 1
