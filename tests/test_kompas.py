"""Kompas.com regional: link discovery on the real 2017 Kompas home page, the article template on our fixture
pages (reference only), whole multi-page articles, portals and URL rules, the indeks.kompas.com dated index,
and ``scrapy crawl kompas`` end to end over WARC replay."""

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
from tests.conftest import EXPECTED, FIXTURE_SITES, FROZEN_NOW, manifest_files, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "kompas"
MANIFEST = SITE / "manifest.tsv"
KOMPAS = network_named("kompas")

K1 = "https://regional.kompas.com/read/2026/11/20/091500678/banjir-rob-rendam-pesisir-ambon-puluhan-rumah-warga-terdampak"
K2 = "https://regional.kompas.com/read/2026/11/20/143012378/petani-kopi-di-lereng-merapi-panen-raya-harga-naik-dua-kali-lipat"
NASIONAL = "https://nasional.kompas.com/read/2026/11/20/080000011/dpr-setujui-anggaran-pilkada-ulang-2027"
TREN = "https://www.kompas.com/tren/read/2026/11/20/060000765/kalender-libur-akhir-tahun-2026"
INDEX = "https://indeks.kompas.com/?site=regional&date=2026-11-20&page=1"
DAY = date(2026, 11, 20)

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES: dict[str, dict[str, object]] = {
    K1: {
        "headline": "Banjir Rob Rendam Pesisir Ambon, Puluhan Rumah Warga Terdampak",
        "published_at": "2026-11-20T09:15:00+07:00",
        "published_at_raw": "Kompas.com - 20/11/2026, 09:15 WIB",
        "modified_at": "2026-11-20T09:15:00+07:00",
        "authors": ["Rahmat Rahman Patty"],
        "editor": "Robertus Belarminus",
        "source": None,
        "tags": ["banjir rob", "Ambon", "BMKG Maluku"],
        "category": "Maluku",
        "site_name": "KOMPAS.com",
        "image_url": "https://asset.kompas.com/crops/Qm3xVb2/0x0:0x0/780x390/data/photo/2026/11/20/banjir-rob-galala.jpg",
        "image_caption": "Warga menyelamatkan barang dari rumah yang terendam banjir rob di kawasan Galala, "
        "Kota Ambon, Jumat (20/11/2026).",
        "body": [
            "Banjir rob merendam puluhan rumah warga di pesisir Kota Ambon, Maluku, Jumat (20/11/2026) pagi.",
            "Air laut mulai masuk ke permukiman di kawasan Galala dan Hative Kecil sekitar pukul 06.00 WIT dengan "
            "ketinggian hingga 60 sentimeter.",
            "Kepala Stasiun Meteorologi Maritim Ambon, Hendra Wattimena, mengatakan banjir rob dipicu pasang laut "
            "maksimum yang bersamaan dengan gelombang setinggi 2,5 meter.",
            '"Kami mengimbau warga pesisir tetap waspada hingga Minggu karena pasang maksimum masih akan terjadi pada '
            'pagi hari," kata Hendra.',
            "Badan Penanggulangan Bencana Daerah Kota Ambon mencatat 48 rumah terdampak. Tidak ada warga yang "
            "mengungsi karena air surut menjelang siang.",
            "Salah satu warga Galala, Yoseph Latupeirissa (52), mengatakan banjir rob tahun ini lebih tinggi dibanding "
            "tahun lalu.",
            '"Biasanya hanya sampai halaman. Sekarang masuk ke dalam rumah," ujarnya.',
        ],
    },
    K2: {
        "headline": "Petani Kopi di Lereng Merapi Panen Raya, Harga Naik Dua Kali Lipat",
        "published_at": "2026-11-20T14:30:00+07:00",
        "published_at_raw": "Kompas.com - 20/11/2026, 14:30 WIB",
        "modified_at": "2026-11-20T16:05:00+07:00",
        "authors": ["Egadia Birru", "Labib Zamani"],
        "editor": "Dita Angga Rusiana",
        "source": None,
        "tags": ["kopi Merapi", "petani kopi", "Magelang", "Klaten"],
        "category": "Jawa Tengah",
        "site_name": "KOMPAS.com",
        "image_url": "https://asset.kompas.com/crops/Zt7Kp1c/0x0:0x0/780x390/data/photo/2026/11/20/panen-kopi-merapi.jpg",
        "image_caption": "Petani memetik kopi arabika di Desa Ngargomulyo, Kecamatan Dukun, Kabupaten Magelang, "
        "Jumat (20/11/2026).",
        "body": [
            "Petani kopi di lereng Gunung Merapi menikmati panen raya tahun ini dengan harga biji kopi yang naik dua "
            "kali lipat.",
            "Di Desa Ngargomulyo, Kabupaten Magelang, harga kopi arabika petik merah kini mencapai Rp 18.000 per "
            "kilogram, dari sebelumnya Rp 9.000.",
            "Ketua Kelompok Tani Kopi Merapi Makmur, Sutrisno, mengatakan kenaikan harga dipicu permintaan kedai kopi "
            "di Yogyakarta dan Semarang.",
            '"Dulu kami jual ke tengkulak. Sekarang pemilik kedai datang sendiri ke kebun," kata Sutrisno.',
            "Di Kabupaten Klaten, petani di Desa Sidorejo, Kecamatan Kemalang, memanen kopi robusta lebih awal karena "
            "musim hujan datang terlambat.",
            "Dinas Pertanian Klaten mencatat produksi kopi di lereng Merapi tahun ini mencapai 42 ton, naik dari 35 "
            "ton pada tahun lalu.",
            "Petani berharap pemerintah daerah membantu alat pengering agar kualitas biji kopi tetap terjaga saat "
            "musim hujan.",
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
FURNITURE = (
    "KOMPAS.com",
    "Baca juga",
    "Gelombang Tinggi, Kapal Cepat",
    "Harga Ikan di Pasar Mardika",
    "Erupsi Merapi, Status Siaga",
    "Festival Kopi Lereng Merapi",
    "Rekomendasi untuk anda",
    "Kompas.id",
    "WhatsApp",
    "Telegram",
    "Kontributor",
    "Editor",
    "RAHMAT RAHMAN PATTY",
    "Diperbarui",
    "Show All",
    "Next",
    "Terpopuler",
    "banjir rob Ambon",
)
# Page -> (article, first paragraph index, paragraph count, (current, total, complete))
PAGES = {
    K1: (K1, 0, 7, (1, 1, True)),
    K1 + "?page=all": (K1, 0, 7, (1, 1, True)),
    K2: (K2, 0, 4, (1, 2, False)),
    K2 + "?page=2": (K2, 4, 3, (2, 2, False)),
    K2 + "?page=all": (K2, 0, 7, (1, 1, True)),
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
    assert record["network"] == "kompas"
    assert record["site"] == "regional.kompas.com"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert paragraphs == want["body"]
    assert_body_clean(paragraphs)
    assert schema_errors(dict(record)) == []


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [K1, K1 + "?page=all", K2 + "?page=all"], ids=["k1", "k1-all", "k2-all"])
def test_whole_article_pages_give_the_expected_record(page_url: str) -> None:
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, page_url.split("?")[0])
    assert record["page_count"] == 1


@pytest.mark.parametrize("page_url", list(PAGES), ids=["k1", "k1-all", "k2-p1", "k2-p2", "k2-all"])
def test_each_page_fields_body_and_pager(page_url: str) -> None:
    article, start, count, (current, total, complete) = PAGES[page_url]
    parsed = parse_page(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW, network=KOMPAS)
    assert parsed.record["url"] == article
    for field in FIELDS:
        assert parsed.record[field] == ARTICLES[article][field], field
    body = ARTICLES[article]["body"]
    assert isinstance(body, list)
    assert parsed.paragraphs == body[start : start + count]
    assert_body_clean(parsed.paragraphs)
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (current, total, complete)
    if total > 1:
        # "Show All" (?page=all) and Next/Prev are not pages of their own.
        assert pager.links == {1: article, 2: article + "?page=2"}
    assert parsed.fallbacks == []


def test_pages_merge_into_the_whole_text() -> None:
    pages = [parse_page(FILES[u].read_bytes(), u) for u in (K2, K2 + "?page=2")]
    merged = merge_pages(pages)
    assert merged["body"].split("\n\n") == ARTICLES[K2]["body"]
    assert merged["page_count"] == 2


def test_changed_template_falls_back_to_the_structured_layer() -> None:
    html = FILES[K1].read_text(encoding="utf-8")
    for old, new in (
        ("read__title", "judul-x"),
        ("read__time", "waktu-x"),
        ("credit-title-name", "kredit-x"),
        ('name="content_author"', 'name="penulis-x"'),
        ('name="content_editor"', 'name="editor-x"'),
        ('name="content_tags"', 'name="tags-x"'),
        ("breadcrumb__wrap", "remah-x"),
        ('name="content_category"', 'name="kategori-x"'),
    ):
        html = html.replace(old, new)
    parsed = parse_page(html, K1, now=FROZEN_NOW)
    assert {"headline", "published_at", "authors", "editor", "tags", "category"} <= set(parsed.fallbacks)
    record = parsed.record
    assert record["headline"] == ARTICLES[K1]["headline"]  # og:title / JSON-LD headline
    assert record["published_at"] == "2026-11-20T09:15:00+07:00"  # JSON-LD datePublished
    assert record["authors"] == ["Rahmat Rahman Patty"]  # JSON-LD author
    assert record["editor"] is None  # only the meta named the editor
    # The visible tag block (ul.tag__article__wrap) is still printed: the generic tag-block rule reads it, and the
    # visible list wins over meta keywords (which add "pasang laut").
    assert record["tags"] == ["banjir rob", "Ambon", "BMKG Maluku"]
    assert parsed.paragraphs == ARTICLES[K1]["body"]


def test_content_published_date_stands_in_for_a_missing_date_line() -> None:
    # No date line at all (renaming its class is not enough: the generic layer reads the line by the headline).
    html = re.sub(r'<div class="read__time">.*?</div>', "", FILES[K2].read_text(encoding="utf-8"))
    html = html.replace('"datePublished": "2026-11-20T14:30:00+07:00",', "")
    parsed = parse_page(html, K2, now=FROZEN_NOW)
    # The zone-less CMS time is a Jakarta (WIB) time.
    assert parsed.record["published_at"] == "2026-11-20T14:30:00+07:00"
    assert parsed.record["published_at_raw"] == "2026-11-20 14:30:00"
    assert "published_at" in parsed.fallbacks


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("AMBON, KOMPAS.com - Banjir rob merendam puluhan rumah warga hari ini.", "Banjir rob merendam"),
        ("KOMPAS.com - Banjir rob merendam puluhan rumah warga di pesisir hari ini.", "Banjir rob merendam"),
        ("KOMPAS.com, Ambon - Banjir rob merendam puluhan rumah warga di pesisir.", "Banjir rob merendam"),
    ],
)
def test_datelines(first: str, rest: str) -> None:
    html = (
        FILES[K1]
        .read_text(encoding="utf-8")
        .replace(
            "<strong>AMBON, KOMPAS.com</strong> - Banjir rob merendam puluhan rumah warga di pesisir Kota Ambon, "
            "Maluku, Jumat (20/11/2026) pagi.",
            first,
        )
    )
    assert parse_page(html, K1).paragraphs[0].startswith(rest)


# -- portals and URLs ------------------------------------------------------------------------------


def test_portals_are_the_regional_hosts_only() -> None:
    assert sorted(KOMPAS.portals) == sorted(
        f"{sub}.kompas.com"
        for sub in (
            "regional",
            "surabaya",
            "medan",
            "makassar",
            "palembang",
            "balikpapan",
            "samarinda",
            "megapolitan",
            "kilasdaerah",
        )
    )
    assert "indeks.kompas.com" not in KOMPAS.portals
    assert not KOMPAS.open_portals
    assert KOMPAS.is_portal(K1) and KOMPAS.is_portal("https://makassar.kompas.com/read/2026/11/20/1/x")
    for url in (NASIONAL, TREN, "https://tekno.kompas.com/read/2026/11/20/100000000/x", INDEX):
        assert KOMPAS.owns(url) and not KOMPAS.is_portal(url), url
    assert network_for(K1) is KOMPAS and network_for(NASIONAL) is KOMPAS
    assert not KOMPAS.owns("https://regional.kompas.com.evil.example/read/2026/11/20/1/x")
    assert not KOMPAS.owns("https://www.kompas.tv/article/123/x")
    # Kompas prints WIB on every kanal; no per-host zone.
    assert KOMPAS.offset_for("https://makassar.kompas.com/read/2026/11/20/1/x") == "+07:00"


@pytest.mark.parametrize(
    "url",
    [
        K1,
        K2 + "?page=2",
        NASIONAL,
        TREN,
        "http://regional.kompas.com/read/2017/09/17/14393881/stop-beli-burung-nuri-dan-kakatua-ini-alasannya",
        "https://kompas.com/read/2026/11/20/080000011/x",
    ],
)
def test_articles(url: str) -> None:
    assert KOMPAS.is_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://regional.kompas.com/",
        "https://regional.kompas.com/maluku",
        "https://www.kompas.com/tag/banjir-rob",
        "https://indeks.kompas.com/?site=regional&date=2026-11-20&page=2",
        "https://indeks.kompas.com/topik-pilihan/list/5123/cuaca.ekstrem",
        "https://foto.kompas.com/photo/read/2017/09/17/15056360470a1/Menjajal.Skatepark.Dua.Rintangan",
        "https://video.kompas.com/watch/1234567/banjir-rob-ambon",
        "https://video.kompas.com/read/2026/11/20/123456789/banjir-rob-ambon",
        "https://search.kompas.com/search?q=banjir",
        "https://kolom.kompas.com/840/Chappy-Hakim",
        "http://www.otomania.com/read/2017/09/17/143500430/gaya-cafe-racer-royal-enfield-buntut-peluru-",
        "http://juara.bolasport.com/read/raket/bulu-tangkis/1821266-marcuskevin.kalah",
    ],
)
def test_not_articles(url: str) -> None:
    assert not KOMPAS.is_article_url(url)


def test_canonical_page_and_full_text_urls() -> None:
    assert KOMPAS.canonicalize(K2 + "?page=2&source=indeks") == K2
    assert KOMPAS.canonicalize(K1.replace("https://", "http://")) == K1
    assert KOMPAS.page_url(K2, 2) == K2 + "?page=2"
    assert KOMPAS.full_text_url(K2) == K2 + "?page=all"
    assert KOMPAS.full_text_label() == "?page=all"


def test_dated_index_urls() -> None:
    assert KOMPAS.index_url("regional.kompas.com", DAY, 1) == INDEX
    assert KOMPAS.index_url("surabaya.kompas.com", DAY, 3) == (
        "https://indeks.kompas.com/?site=surabaya&date=2026-11-20&page=3"
    )
    assert KOMPAS.has_dated_index()
    assert KOMPAS.feed_urls("regional.kompas.com") == []


# -- link discovery ----------------------------------------------------------------------------------


def article_links(html: bytes, base: str) -> list[str]:
    root = lxml.html.fromstring(html)
    found: list[str] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urljoin(base, href.strip())
        if KOMPAS.is_article_url(url):
            canonical = KOMPAS.canonicalize(url)
            if canonical not in found:
                found.append(canonical)
    return found


def test_fixture_index_links_exactly_the_articles() -> None:
    links = article_links(FILES[INDEX].read_bytes(), INDEX)
    assert links == [K2, K1, NASIONAL, TREN]
    assert [u for u in links if KOMPAS.portal_of(u) == "regional.kompas.com"] == [K2, K1]
    assert [u for u in links if KOMPAS.is_portal(u)] == [K2, K1]
    page2 = INDEX.replace("page=1", "page=2")
    assert article_links(FILES[page2].read_bytes(), page2) == []


HOMEPAGE = "kompas.com/homepage-listing-2017-09.html"


def expected_links(name: str) -> list[str]:
    lines = (EXPECTED / "links" / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_real_homepage_article_links_are_exactly_the_expected_set() -> None:
    html = (require_real_pages() / HOMEPAGE).read_bytes()
    found = article_links(html, "https://www.kompas.com/")
    expected = expected_links("kompas-homepage.txt")
    assert len(expected) == len(set(expected)) == 29
    assert set(found) == set(expected)
    assert len(found) == len(set(found))


def test_real_homepage_every_other_link_is_refused() -> None:
    html = (require_real_pages() / HOMEPAGE).read_bytes()
    root = lxml.html.fromstring(html)
    hrefs = {urljoin("https://www.kompas.com/", (a.get("href") or "").strip()) for a in root.iter("a")}
    expected = set(expected_links("kompas-homepage.txt"))
    refused = {u for u in hrefs if KOMPAS.canonicalize(u) not in expected}
    assert not any(KOMPAS.is_article_url(u) for u in refused)
    # the refused links include navigation, index, topic, author, photo, video and off-network links
    for sample in (
        "http://regional.kompas.com/",
        "http://indeks.kompas.com/terpopuler",
        "http://indeks.kompas.com/topik-pilihan/list/3361/kabar.palmerah",
        "http://kolom.kompas.com/840/Chappy-Hakim",
        "http://foto.kompas.com/photo/read/2017/09/17/15056360470a1/Menjajal.Skatepark.Dua.Rintangan.Spesial.Pertama.di.Indonesia",
        "http://foto.kompas.com/video",
        "http://otomotif.kompas.com/galeri/video",
        "http://www.otomania.com/read/2017/09/17/143500430/gaya-cafe-racer-royal-enfield-buntut-peluru-",
        "http://news.kompas.com/search",
    ):
        assert sample in refused, sample
    # 2017 shapes: no kanal prefix, 8- and 9-digit ids, http links (canonicalised to https)
    assert all(u.startswith("https://") and "/read/2017/09/" in u for u in expected)
    ids = {u.split("/")[-2] for u in expected}
    assert {len(i) for i in ids} == {8, 9}


def test_real_homepage_regional_scope() -> None:
    html = (require_real_pages() / HOMEPAGE).read_bytes()
    found = article_links(html, "https://www.kompas.com/")
    regional = sorted(u for u in found if KOMPAS.is_portal(u))
    assert [u.split("/")[2] for u in regional] == ["megapolitan.kompas.com"] * 5 + ["regional.kompas.com"] * 4


# -- whole crawls ------------------------------------------------------------------------------------------


def test_discovery_crawl_reads_the_dated_index(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "kompas",
        tmp_path,
        args={"sites": "regional.kompas.com", "since": "2026-11-20", "until": "2026-11-20"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([K1, K2])
    assert len(result.records) == 2
    for url, record in records.items():
        assert_article(record, url)
        assert record["page_count"] == 1  # ?page=all honoured
    stats = result.stats
    assert "newscrawl/replay/missing" not in stats, result.log[-3000:]
    assert not any(k.startswith("newscrawl/fallback/") for k in stats), stats
    assert stats["newscrawl/discovery/index_pages"] == 2
    assert not any(k.startswith("newscrawl/dropped/") for k in stats), stats
    assert NASIONAL not in result.log


def test_pages_followed_when_full_text_is_refused(tmp_path: Path) -> None:
    entries = [
        WarcEntry(u, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[u].read_bytes())
        for u in (K2, K2 + "?page=2")
    ]
    path = tmp_path / "no-all.warc.gz"
    write_warc(path, entries)
    result = crawl("kompas", tmp_path, args={"urls": K2 + "?page=2"}, settings={"NEWSCRAWL_REPLAY_WARC": str(path)})
    assert len(result.records) == 1
    assert_article(result.records[0], K2)
    assert result.records[0]["page_count"] == 2
    assert result.stats["newscrawl/fallback/kompas/full_text"] == 1
