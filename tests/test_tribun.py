"""Tribun Network: the template on our fixture pages (2020 real-page form and the 2026 reference form), whole
multi-page articles (``?page=all`` honoured and ignored), portals and URL rules, the dated index, the real
TribunSolo page's pager and links, and ``scrapy crawl tribun`` end to end over WARC replay."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import merge_pages, parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.warc import WarcEntry, write_warc
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "tribun"
MANIFEST = SITE / "manifest.tsv"
TRIBUN = network_named("tribun")

A = "https://solo.tribunnews.com/2026/11/20/revitalisasi-pasar-gede-dimulai-desember-pedagang-pindah-ke-pasar-darurat"
B = "https://solo.tribunnews.com/2026/11/20/banjir-rendam-tiga-kelurahan-di-solo-412-warga-mengungsi"
C = "https://makassar.tribunnews.com/regional/7831456/pete-pete-listrik-mulai-uji-coba-di-makassar-tarif-rp-5000-sekali-jalan"
E_OLD = (
    "https://makassar.tribunnews.com/regional/7829001/pelabuhan-soekarno-hatta-makassar-tambah-dermaga-kapal-penumpang"
)
JATENG = "https://jateng.tribunnews.com/2026/11/20/harga-cabai-rawit-di-semarang-turun-jadi-rp-38-ribu"
WWW = "https://www.tribunnews.com/nasional/7831002/dpr-setujui-anggaran-pilkada-ulang-2027"
SOLO_INDEX = "https://solo.tribunnews.com/index-news?date=2026-11-20&page=1"
MAKASSAR_INDEX = "https://makassar.tribunnews.com/index-news?date=2026-11-20&page=1"
DAY = date(2026, 11, 20)

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Revitalisasi Pasar Gede Dimulai Desember, Pedagang Pindah ke Pasar Darurat",
        "published_at": "2026-11-20T10:24:00+07:00",
        "published_at_raw": "Jumat, 20 November 2026 10:24",
        "modified_at": "2026-11-20T10:31:02+07:00",
        "authors": ["Agil Trisetiawan"],
        "editor": "Hanang Yuwono",
        "source": "TribunSolo.com",
        "tags": ["Pasar Gede", "Revitalisasi Pasar", "Pemkot Solo"],
        "category": "Solo Raya",
        "site_name": "Tribun Solo",
        "image_url": "https://cdn-2.tstatic.net/solo/foto/bank/images/pasar-gede-solo-20112026.jpg",
        "image_caption": "Pasar Gede Solo dilihat dari Jalan Urip Sumoharjo, Jumat (20/11/2026).",
        "body": [
            "Pemerintah Kota Solo memastikan revitalisasi Pasar Gede dimulai pada pekan kedua Desember 2026.",
            "Selama pekerjaan berlangsung, sebanyak 640 pedagang akan menempati pasar darurat yang dibangun di sisi "
            "utara Jalan Urip Sumoharjo.",
            "Kepala Dinas Perdagangan Kota Solo, Wahyu Kristina, mengatakan pembangunan pasar darurat sudah mencapai "
            "85 persen.",
            '"Kami targetkan pasar darurat selesai akhir November, sehingga pedagang bisa mulai pindah pada 5 '
            'Desember," kata Wahyu, Jumat (20/11/2026).',
            "Menurut dia, bangunan cagar budaya karya arsitek Thomas Karsten itu tidak akan diubah bentuknya. "
            "Perbaikan difokuskan pada atap, saluran air, dan los pedagang yang sudah rapuh.",
            "Salah satu pedagang buah, Suratmi (54), berharap pemindahan tidak membuat pelanggan kebingungan.",
            '"Yang penting papan petunjuknya jelas, biar pembeli tahu kami pindah ke mana," ujarnya.',
        ],
    },
    B: {
        "headline": "Banjir Rendam Tiga Kelurahan di Solo, 412 Warga Mengungsi",
        "published_at": "2026-11-20T15:40:00+07:00",
        "published_at_raw": "Jumat, 20 November 2026 15:40 WIB",
        "modified_at": "2026-11-20T16:02:40+07:00",
        "authors": ["Ryantono Puji Santoso"],
        "editor": "Putradi Pamungkas",
        "source": "TribunSolo.com",
        "tags": ["Banjir Solo", "Bengawan Solo", "BPBD Solo"],
        "category": "Peristiwa",
        "site_name": "Tribun Solo",
        "image_url": "https://cdn-2.tstatic.net/solo/foto/bank/images/banjir-sangkrah-solo.jpg",
        "image_caption": "Warga Kelurahan Sangkrah menerobos genangan setinggi pinggang, Jumat (20/11/2026) pagi.",
        "body": [
            "Hujan deras yang mengguyur Kota Solo sejak Kamis (19/11/2026) malam membuat Sungai Bengawan Solo meluap.",
            "Air merendam permukiman di Kelurahan Sangkrah, Joyosuran, dan Pucangsawit dengan ketinggian 50 "
            "sentimeter hingga 1,2 meter.",
            "Badan Penanggulangan Bencana Daerah (BPBD) Kota Solo mencatat 412 warga mengungsi ke tiga posko yang "
            "disiapkan pemerintah kota.",
            '"Sebagian besar pengungsi adalah lansia dan anak-anak. Kami prioritaskan evakuasi mereka sejak dini '
            'hari," kata Kepala Pelaksana BPBD Solo, Nico Agus Putranto, Jumat (20/11/2026).',
            "Nico menyebut tinggi muka air Bengawan Solo di pos pantau Jurug sempat mencapai status siaga merah pada "
            "pukul 03.00 WIB.",
            "Dapur umum didirikan di halaman Kantor Kelurahan Sangkrah untuk memenuhi kebutuhan makan pengungsi.",
            "Wali Kota Solo meminta warga di bantaran sungai tetap waspada karena hujan diperkirakan masih turun "
            "hingga akhir pekan.",
            '"Kalau air naik lagi, jangan menunggu. Segera ke posko terdekat," ujarnya.',
        ],
    },
    C: {
        "headline": "Pete-pete Listrik Mulai Uji Coba di Makassar, Tarif Rp 5.000 Sekali Jalan",
        "published_at": "2026-11-20T09:15:00+08:00",
        "published_at_raw": "Jumat, 20 November 2026 09:15 WITA",
        "modified_at": "2026-11-20T09:40:00+08:00",
        "authors": ["Sukmawati Ibrahim"],
        "editor": "Muh Hasim Arfah",
        "source": None,
        "tags": ["pete-pete listrik", "Dishub Makassar", "transportasi umum"],
        "category": "Regional",
        "site_name": "Tribun-timur.com",
        "image_url": "https://cdn-2.tstatic.net/makassar/foto/bank/images/pete-pete-listrik-makassar.jpg",
        "image_caption": "Pete-pete listrik melintas di Jalan Urip Sumoharjo, Makassar, saat hari pertama uji coba.",
        "body": [
            "Dinas Perhubungan Kota Makassar mulai menguji coba angkutan kota bertenaga listrik atau pete-pete "
            "listrik, Jumat (20/11/2026).",
            "Sebanyak 15 unit pete-pete listrik dioperasikan di trayek B yang menghubungkan Terminal Daya dan "
            "Pelabuhan Soekarno-Hatta.",
            "Kepala Dinas Perhubungan Makassar, Andi Zulkifli, mengatakan uji coba berlangsung selama tiga bulan "
            "sebelum pete-pete listrik beroperasi penuh.",
            '"Selama uji coba, tarif tetap Rp 5.000 sekali jalan, sama dengan pete-pete biasa," kata Andi.',
            "Setiap unit mampu menempuh jarak 180 kilometer dalam sekali pengisian daya.",
            "Stasiun pengisian disiapkan di Terminal Daya dan di kantor Dinas Perhubungan di Jalan Perintis "
            "Kemerdekaan.",
            "Sopir pete-pete yang ikut uji coba mendapat pelatihan selama dua hari dari produsen kendaraan.",
            "Salah seorang sopir, Daeng Rusli (47), mengaku lebih hemat karena tidak perlu membeli bahan bakar setiap "
            "hari.",
            '"Biasanya habis Rp 150 ribu sehari untuk bensin. Sekarang cukup mengisi daya di terminal," ujarnya.',
            "Pemerintah Kota Makassar menargetkan 100 unit pete-pete listrik beroperasi pada akhir 2027.",
        ],
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
# Page furniture present on the fixture pages that must never reach a body.
FURNITURE = (
    "Ringkasan Berita",
    "Laporan Wartawan",
    "TRIBUNSOLO.COM",
    "TRIBUN-TIMUR.COM",
    "Baca juga",
    "Harga Beras di Pasar Legi",
    "Peringatan Dini Cuaca Ekstrem",
    "Pelabuhan Soekarno-Hatta Makassar Tambah Dermaga",
    "Suasana los pedagang buah",
    "TribunSolo.com/",
    "lihat foto",
    "googletag",
    "(*)",
    "Penulis:",
    "Editor:",
    "Sumber:",
    "Halaman",
    "Selanjutnya",
    "Berita Terkait",
    "Ikuti",
    "Google News",
    "Berita Populer",
    "Tags",
)
# Page -> (number of its paragraphs in EXPECTED.md's body list, first index), pager (current, total, complete)
PAGES = {
    A: (A, 0, 7, (1, 1, True)),
    A + "?page=all": (A, 0, 7, (1, 1, True)),
    B: (B, 0, 4, (1, 2, False)),
    B + "?page=2": (B, 4, 4, (2, 2, False)),
    B + "?page=all": (B, 0, 8, (1, 1, True)),
    C: (C, 0, 4, (1, 3, False)),
    C + "?page=2": (C, 4, 3, (2, 3, False)),
    C + "?page=3": (C, 7, 3, (3, 3, False)),
    C + "?page=all": (C, 0, 4, (1, 3, False)),
}


FILES = manifest_files(MANIFEST)


def assert_body_clean(paragraphs: list[str]) -> None:
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    text = "\n\n".join(paragraphs)
    for marker in FURNITURE:
        assert marker not in text, marker


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "tribun"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert paragraphs == want["body"]
    assert_body_clean(paragraphs)
    assert schema_errors(dict(record)) == []


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [A, A + "?page=all", B + "?page=all"], ids=["a", "a-all", "b-all"])
def test_whole_article_pages_give_the_expected_record(page_url: str) -> None:
    article = page_url.split("?")[0]
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, article)
    assert record["page_count"] == 1


@pytest.mark.parametrize("page_url", list(PAGES), ids=[f"{k.split('/')[-1][:12]}-{k[-6:]}" for k in PAGES])
def test_each_page_fields_body_and_pager(page_url: str) -> None:
    article, start, count, (current, total, complete) = PAGES[page_url]
    parsed = parse_page(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW, network=TRIBUN)
    assert parsed.record["url"] == article
    want = ARTICLES[article]
    for field in ("headline", "published_at", "published_at_raw", "editor", "source", "tags", "category"):
        assert parsed.record[field] == want[field], field
    body = want["body"]
    assert isinstance(body, list)
    assert parsed.paragraphs == body[start : start + count]
    assert_body_clean(parsed.paragraphs)
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (current, total, complete)
    if total > 1:
        # Every page is named, also where the pager links only the next one ("Halaman 1/3").
        assert pager.links == {n: TRIBUN.page_url(article, n) for n in range(1, total + 1)}


def test_page_two_names_no_reporter_and_no_photo() -> None:
    url = B + "?page=2"
    parsed = parse_page(FILES[url].read_bytes(), url, now=FROZEN_NOW)
    # JSON-LD "author" (the editor) is not taken as a reporter when the page names none.
    assert parsed.record["authors"] == []
    assert parsed.record["image_caption"] is None
    assert set(parsed.fallbacks) == {"authors", "image_caption"}


@pytest.mark.parametrize(("article", "numbers"), [(B, (1, 2)), (C, (1, 2, 3))], ids=["b", "c"])
def test_pages_merge_into_the_whole_text(article: str, numbers: tuple[int, ...]) -> None:
    pages = [parse_page(FILES[TRIBUN.page_url(article, n)].read_bytes(), TRIBUN.page_url(article, n)) for n in numbers]
    merged = merge_pages(pages)
    assert merged["body"].split("\n\n") == ARTICLES[article]["body"]
    assert merged["page_count"] == len(numbers)


def test_own_rules_need_no_fallback_on_the_fixture_pages() -> None:
    for url in (A, B, B + "?page=all"):
        assert parse_page(FILES[url].read_bytes(), url, now=FROZEN_NOW).fallbacks == [], url
    # (c) prints no source credit at all: the own rule finds nothing and says so.
    assert parse_page(FILES[C].read_bytes(), C, now=FROZEN_NOW).fallbacks == ["source"]


def test_json_ld_author_is_the_editor_never_a_reporter() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    # No reporter printed at all (a renamed box would still print "Penulis: <a>...</a>", which the generic label
    # rule reads).
    html = re.sub(r'<div id="penulis">.*?</div>', "", html)
    html = html.replace("<p><strong>Laporan Wartawan TribunSolo.com, Agil Trisetiawan</strong></p>", "")
    html = html.replace("'penulis':'Agil Trisetiawan',", "")
    html = html.replace('<div id="editor">', '<div id="editor-x">').replace("Editor: <a", "Redaksi: <a")
    html = html.replace("'editor': 'Hanang Yuwono',", "")
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert parsed.record["authors"] == []
    # With no credit box and no dataLayer, the JSON-LD author is still what it is on Tribun: the editor.
    assert parsed.record["editor"] == "Hanang Yuwono"
    assert {"authors", "editor"} <= set(parsed.fallbacks)


def test_changed_template_falls_back_and_counts() -> None:
    html = FILES[C].read_text(encoding="utf-8")
    for old, new in (
        ('id="penulis"', 'id="penulis-x"'),
        ('id="editor"', 'id="editor-x"'),
        ("tagcloud3", "tagcloud-x"),
        ('class="breadcrumb"', 'class="remah-x"'),
        ("grey2", "keterangan-x"),
    ):
        html = html.replace(old, new)
    parsed = parse_page(html, C, now=FROZEN_NOW)
    assert {"authors", "editor", "tags", "category", "image_caption"} <= set(parsed.fallbacks)
    # The structured-data and generic layers give the same values: dataLayer penulis, the "Editor:" line,
    # JSON-LD keywords, the JSON-LD BreadcrumbList.
    for field in ("authors", "editor", "tags", "category"):
        assert parsed.record[field] == ARTICLES[C][field], field
    assert parsed.paragraphs == ARTICLES[C]["body"][:4]


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("TRIBUNSOLO.COM, JAKARTA --Hingga kini masyarakat masih menunggu vaksin.", "Hingga kini masyarakat"),
        ("TRIBUN-TIMUR.COM, MAKASSAR - Pemerintah kota memulai uji coba hari ini.", "Pemerintah kota memulai"),
        ("MAKASSAR, TRIBUN-TIMUR.COM -- Pemerintah kota memulai uji coba hari ini.", "Pemerintah kota memulai"),
        ("SERAMBINEWS.COM, BANDA ACEH - Gubernur meresmikan jembatan baru hari ini.", "Gubernur meresmikan"),
        ("POS-KUPANG.COM, KUPANG - Hujan deras mengguyur Kota Kupang sejak pagi tadi.", "Hujan deras mengguyur"),
        ("TRIBUNSOLO.COM - Warga Solo antusias menyambut festival budaya tahun ini.", "Warga Solo antusias"),
        ("Warga Solo, kata dia - tidak semuanya setuju dengan rencana itu sejak awal.", "Warga Solo, kata dia"),
    ],
)
def test_datelines(first: str, rest: str) -> None:
    html = FILES[A].read_text(encoding="utf-8")
    html = html.replace(
        "<p><strong>TRIBUNSOLO.COM, SOLO</strong> - Pemerintah Kota Solo memastikan revitalisasi Pasar Gede dimulai "
        "pada pekan kedua Desember 2026.</p>",
        f"<p>{first}</p>",
    )
    assert parse_page(html, A).paragraphs[0].startswith(rest)


# -- portals and URLs ------------------------------------------------------------------------------


def test_portals_come_from_the_domain_list() -> None:
    assert len(TRIBUN.portals) == 47
    assert TRIBUN.portals["solo.tribunnews.com"] == "Tribun Solo"
    assert TRIBUN.portals["makassar.tribunnews.com"] == "Tribun-Timur.com"
    assert TRIBUN.portals["surabaya.tribunnews.com"] == "Surya.co.id"
    assert TRIBUN.portals["medan.tribunnews.com"] is None
    for host in ("www.tribunnews.com", "m.tribunnews.com", "video.tribunnews.com", "banjarmasin.tribunnews.com"):
        assert host not in TRIBUN.portals, host
    assert network_for(A) is TRIBUN and network_for(WWW) is TRIBUN


def test_regional_scope_open_but_not_www_or_verticals() -> None:
    assert TRIBUN.is_portal(A) and TRIBUN.is_portal(C) and TRIBUN.is_portal(JATENG)
    # an unlisted regional host still counts (open_portals)
    assert TRIBUN.is_portal("https://pontianak.tribunnews.com/2026/11/20/sungai-kapuas-surut")
    for url in (
        WWW,
        "https://m.tribunnews.com/nasional/7831002/x",
        "https://travel.tribunnews.com/2026/11/20/wisata-baru",
        "https://style.tribunnews.com/2026/11/20/tren-busana",
        "https://video.tribunnews.com/view/214578/banjir",
        "https://tribunnews.com/2026/11/20/x",
    ):
        assert not TRIBUN.is_portal(url), url
    assert not TRIBUN.owns("https://solo.tribunnews.com.evil.example/2026/11/20/x")
    assert not TRIBUN.owns("https://tribunjabar.id/2026/11/20/x")


def test_offsets() -> None:
    assert TRIBUN.offset_for(C) == "+08:00"
    for sub in ("bali", "kupang", "kaltim", "kaltara", "palu", "manado", "sultra", "lombok"):
        assert TRIBUN.offset_for(f"https://{sub}.tribunnews.com/2026/11/20/x") == "+08:00", sub
    for sub in ("ambon", "ternate", "papua", "papuabarat"):
        assert TRIBUN.offset_for(f"https://{sub}.tribunnews.com/2026/11/20/x") == "+09:00", sub
    for sub in ("solo", "kalteng", "medan", "aceh", "pontianak"):
        assert TRIBUN.offset_for(f"https://{sub}.tribunnews.com/2026/11/20/x") == "+07:00", sub


@pytest.mark.parametrize(
    "url",
    [
        A,
        C,
        JATENG,
        WWW,
        B + "?page=2",
        "https://www.tribunnews.com/regional/2020/10/09/banjir-di-kabupaten-bandung",
        "https://solo.tribunnews.com/amp/2026/11/20/banjir-rendam-tiga-kelurahan-di-solo-412-warga-mengungsi",
        "https://solo.tribunnews.com/2026/11/20/banjir-rendam-tiga-kelurahan-di-solo-412-warga-mengungsi/",
    ],
)
def test_articles(url: str) -> None:
    assert TRIBUN.is_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://solo.tribunnews.com/",
        "https://solo.tribunnews.com/news",
        "https://solo.tribunnews.com/news/nasional",
        "https://solo.tribunnews.com/index-news?date=2026-11-20&page=2",
        "https://solo.tribunnews.com/index-news/solo-raya?date=2026-11-20",
        "https://solo.tribunnews.com/topic/banjir-solo",
        "https://solo.tribunnews.com/tag/vaksin-covid-19?url=2020/10/09/protokol-kesehatan-3m-adalah-vaksin",
        "https://solo.tribunnews.com/penulis/agil-trisetiawan",
        "https://makassar.tribunnews.com/editor/muh-hasim-arfah",
        "https://makassar.tribunnews.com/video/7831460/uji-coba-pete-pete-listrik",
        "https://makassar.tribunnews.com/foto/7831461/galeri-pete-pete-listrik",
        "https://video.tribunnews.com/view/214578/banjir-bengawan-solo-rendam-sangkrah",
        "https://www.tribunnews.com/2026/11",
        "https://solo.tribunnews.com/2026/11/20",
        "https://solo.tribunnews.com/rss",
        "https://cdn-2.tstatic.net/solo/foto/bank/images/banjir-sangkrah-solo.jpg",
        "https://www.kompas.com/read/2026/11/20/10000061/contoh-berita-lain",
    ],
)
def test_not_articles(url: str) -> None:
    assert not TRIBUN.is_article_url(url)


def test_canonical_page_and_full_text_urls() -> None:
    assert TRIBUN.canonicalize(B + "?page=2&utm_source=wa") == B
    assert TRIBUN.canonicalize(B.replace("solo.tribunnews.com/", "solo.tribunnews.com/amp/")) == B
    assert TRIBUN.canonicalize(WWW.replace("www.", "m.")) == WWW
    assert TRIBUN.page_url(C, 1) == C and TRIBUN.page_url(C, 3) == C + "?page=3"
    assert TRIBUN.full_text_url(B) == B + "?page=all"
    assert TRIBUN.full_text_label() == "?page=all"


def test_discovery_urls() -> None:
    assert TRIBUN.index_url("solo.tribunnews.com", DAY, 1) == SOLO_INDEX
    assert TRIBUN.index_url("makassar.tribunnews.com", DAY, 10) == MAKASSAR_INDEX.replace("page=1", "page=10")
    assert TRIBUN.has_dated_index() and TRIBUN.index_max_pages == 10
    assert TRIBUN.feed_urls("solo.tribunnews.com") == ["https://solo.tribunnews.com/rss"]
    assert TRIBUN.feed_urls("www.tribunnews.com") == []  # every item links the home page (EGI 2026-07)
    assert TRIBUN.robots_sitemaps and TRIBUN.sitemap_urls("solo.tribunnews.com") == []
    assert "index-news?date=" in TRIBUN.discovery and "rss" in TRIBUN.discovery


# -- link discovery ----------------------------------------------------------------------------------


def article_links(html: bytes, base: str) -> list[str]:
    root = lxml.html.fromstring(html)
    found: list[str] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urljoin(base, href.strip())
        if TRIBUN.is_article_url(url):
            canonical = TRIBUN.canonicalize(url)
            if canonical not in found:
                found.append(canonical)
    return found


def test_index_pages_link_exactly_the_articles() -> None:
    solo = article_links(FILES[SOLO_INDEX].read_bytes(), SOLO_INDEX)
    assert solo == [B, A, JATENG, WWW]
    assert [u for u in solo if TRIBUN.portal_of(u) == "solo.tribunnews.com"] == [B, A]
    assert [u for u in solo if TRIBUN.is_portal(u)] == [B, A, JATENG]
    makassar = article_links(FILES[MAKASSAR_INDEX].read_bytes(), MAKASSAR_INDEX)
    assert makassar == [C, WWW]
    assert [u for u in makassar if TRIBUN.portal_of(u) == "makassar.tribunnews.com"] == [C]
    empty = MAKASSAR_INDEX.replace("page=1", "page=2")
    assert article_links(FILES[empty].read_bytes(), empty) == []


def test_topic_pills_are_not_taken() -> None:
    root = lxml.html.fromstring(FILES[SOLO_INDEX].read_bytes())
    pills = [urljoin(SOLO_INDEX, a.get("href")) for a in root.cssselect('h4.red a[href^="/topic/"]')]
    items = [urljoin(SOLO_INDEX, a.get("href")) for a in root.cssselect("ul.lsi li.ptb15 h3 a")]
    assert len(pills) == 2 and not any(TRIBUN.is_article_url(u) for u in pills)
    assert items == [B, A] and all(TRIBUN.is_article_url(u) for u in items)


# -- the real TribunSolo page (../shared) ------------------------------------------------------------------

REAL = "solo.tribunnews.com/2020-10-09-protokol-kesehatan-3m.html"
REAL_URL = "https://solo.tribunnews.com/2020/10/09/protokol-kesehatan-3m-adalah-vaksin-terbaik-cegah-covid-19-simak-penjelasan-dokter"


def test_real_page_pager_and_people() -> None:
    html = (require_real_pages() / REAL).read_bytes()
    parsed = parse_page(html, REAL_URL, now=FROZEN_NOW, network=TRIBUN)
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (1, 2, False)
    assert pager.links == {1: REAL_URL, 2: REAL_URL + "?page=2"}
    # The page names an editor only; its JSON-LD author is that editor, so there is no reporter.
    assert parsed.record["authors"] == [] and parsed.record["editor"] == "Hanang Yuwono"
    assert parsed.fallbacks == ["authors"]
    # Entering on page 2 or on the AMP copy names the same article.
    assert TRIBUN.canonicalize(REAL_URL + "?page=2") == REAL_URL
    assert TRIBUN.canonicalize(REAL_URL.replace(".com/2020", ".com/amp/2020")) == REAL_URL


def test_real_page_links() -> None:
    html = (require_real_pages() / REAL).read_bytes()
    links = article_links(html, REAL_URL)
    # The related-article links are articles; the tag links (/tag/...?url=2020/10/09/...) and /topic/ are not.
    related = "pesan-nunung-setelah-sembuh-dari-covid-19-corona-bisa-diobati-tapi-gak-bisa-disepelekan"
    assert "https://solo.tribunnews.com/2020/10/09/" + related in links
    assert all(TRIBUN.is_article_url(u) for u in links)
    root = lxml.html.fromstring(html)
    hrefs = [urljoin(REAL_URL, a.get("href") or "") for a in root.iter("a")]
    tags = [u for u in hrefs if "/tag/" in u or "/topic/" in u]
    assert tags and not any(TRIBUN.is_article_url(u) for u in tags)
    assert all(re.search(r"/\d{4}/\d{2}/\d{2}/[\w-]+$|/[a-z-]+/\d{5,}/[\w-]+$", u) for u in links)


# -- whole crawls ------------------------------------------------------------------------------------------


def test_discovery_crawl_finds_every_article_once(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "tribun",
        tmp_path,
        args={
            "sites": "solo.tribunnews.com,makassar.tribunnews.com",
            "since": "2026-11-20",
            "until": "2026-11-20",
        },
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([A, B, C])
    assert len(result.records) == 3
    for url, record in records.items():
        assert_article(record, url)
    assert records[A]["page_count"] == 1
    assert records[B]["page_count"] == 1  # ?page=all honoured
    assert records[C]["page_count"] == 3  # ?page=all ignored: pages 2 and 3 followed
    stats = result.stats
    assert "newscrawl/replay/missing" not in stats, result.log[-3000:]
    assert stats["newscrawl/full_text_ignored/tribun"] == 1
    fallbacks = {k: v for k, v in stats.items() if k.startswith("newscrawl/fallback/")}
    assert fallbacks == {"newscrawl/fallback/tribun/source": 3}
    assert stats["newscrawl/discovery/index_pages"] == 4
    assert stats["newscrawl/discovery/feeds"] == 2
    assert stats["newscrawl/discovery/skipped_by_lastmod"] == 1  # the 18 November feed item
    assert E_OLD not in result.log
    assert not any(k.startswith("newscrawl/dropped/") for k in stats), stats


def test_entry_on_later_page_or_amp_and_pages_followed_without_full_text(tmp_path: Path) -> None:
    # A WARC without ?page=all answers: the portal refuses the full-text form (404) and the pages are followed.
    wanted = [B, B + "?page=2", C, C + "?page=2", C + "?page=3"]
    entries = [WarcEntry(u, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[u].read_bytes()) for u in wanted]
    path = tmp_path / "no-all.warc.gz"
    write_warc(path, entries)
    amp = C.replace("makassar.tribunnews.com/", "makassar.tribunnews.com/amp/")
    result = crawl(
        "tribun", tmp_path, args={"urls": f"{B}?page=2,{amp}"}, settings={"NEWSCRAWL_REPLAY_WARC": str(path)}
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([B, C])
    for url, record in records.items():
        assert_article(record, url)
    assert records[B]["page_count"] == 2 and records[C]["page_count"] == 3
    assert result.stats["newscrawl/fallback/tribun/full_text"] == 2
