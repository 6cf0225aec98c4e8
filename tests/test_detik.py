"""detik regional: path-section portals, the article template on our fixture pages (reference only), whole
multi-page articles, the dated index, the link rules against two real listing pages, and ``scrapy crawl detik``
end to end over WARC replay."""

from __future__ import annotations

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

SITE = FIXTURE_SITES / "detik"
MANIFEST = SITE / "manifest.tsv"
DETIK = network_named("detik")

A = "https://www.detik.com/jatim/bisnis/d-8241375/harga-cabai-rawit-di-pasar-setonobetek-kediri-tembus-rp-80-ribu"
B = "https://www.detik.com/bali/berita/d-8241402/desa-adat-di-gianyar-larang-warga-buang-sampah-ke-sungai-lewat-pararem"
JATIM_INDEKS = "https://www.detik.com/jatim/indeks?date=11/20/2026"
NEWS_ARTICLE = "https://news.detik.com/berita/d-8241333/dpr-setujui-ruu-penyesuaian-pidana-jadi-undang-undang"
JATENG_ARTICLE = "https://www.detik.com/jateng/berita/d-8241360/jembatan-gantung-di-wonosobo-putus-diterjang-banjir"

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES = {
    A: {
        "headline": "Harga Cabai Rawit di Pasar Setonobetek Kediri Tembus Rp 80 Ribu",
        "published_at": "2026-11-20T10:42:00+07:00",
        "published_at_raw": "Jumat, 20 Nov 2026 10:42 WIB",
        "authors": ["Andhika Dwi Prasetya"],
        "editor": None,
        "source": None,
        "tags": ["cabai rawit", "harga cabai", "kediri", "pasar setonobetek"],
        "category": "Bisnis",
        "site_name": "detikJatim",
        "image_url": "https://akcdn.detik.net.id/community/media/visual/2026/11/20/pedagang-cabai-pasar-setonobetek_169.jpeg?w=700&q=90",
        "image_caption": "Pedagang menata cabai rawit di Pasar Setonobetek, Kota Kediri, Jumat (20/11/2026). "
        "(Foto: Andhika Dwi Prasetya/detikJatim)",
        "paragraphs": 7,
        "first": "Harga cabai rawit di Pasar Setonobetek, Kota Kediri, terus merangkak naik dalam sepekan terakhir.",
        "last": "Ia meminta masyarakat tidak memborong cabai dan memanfaatkan cabai kering atau sambal kemasan selama "
        "harga belum turun.",
        "not_in_body": (
            "Baca juga",
            "Harga Bawang Merah di Nganjuk",
            "Hujan Deras Rendam Puluhan Hektare",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE",
            "Simak Video",
            "Gambas",
            "cabai rawit harga cabai",
            "Kediri -",
            "(irb/iwd)",
            "Foto:",
            "Berita Terkait",
        ),
    },
    B: {
        "headline": "Desa Adat di Gianyar Larang Warga Buang Sampah ke Sungai Lewat Pararem",
        "published_at": "2026-11-20T09:15:00+08:00",
        "published_at_raw": "Jumat, 20 Nov 2026 09:15 WITA",
        "authors": ["Ni Made Wirastuti", "Ketut Suarjana"],
        "editor": None,
        "source": None,
        "tags": ["gianyar", "pararem", "sampah", "desa adat", "sungai petanu"],
        "category": "Berita",
        "site_name": "detikBali",
        "image_url": "https://akcdn.detik.net.id/community/media/visual/2026/11/20/warga-keramas-bersihkan-sungai-petanu_169.jpeg?w=700&q=90",
        "image_caption": "Warga Desa Adat Keramas membersihkan sampah di aliran Sungai Petanu, Gianyar. "
        "(Foto: Ni Made Wirastuti/detikBali)",
        "paragraphs": 10,
        "first": "Desa Adat Keramas, Kecamatan Blahbatuh, Gianyar, resmi memberlakukan pararem",
        "last": "Sudarsana menambahkan, sosialisasi pararem akan dilakukan di setiap banjar selama sebulan sebelum "
        "sanksi benar-benar diterapkan pada Januari 2027.",
        "not_in_body": (
            "Simak selengkapnya",
            "Halaman",
            "Selanjutnya",
            "Sebelumnya",
            "Baca juga",
            "TPA Suwung Ditutup",
            "Pecalang Gianyar Dilatih",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE",
            "Gianyar -",
            "(hsa/hsa)",
        ),
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
# Where each page of (b) starts (EXPECTED.md)
B_PAGE_STARTS = {
    1: "Desa Adat Keramas, Kecamatan Blahbatuh",
    2: "Warga yang kedapatan membuang sampah ke sungai",
    3: "Kepala Dinas Lingkungan Hidup Gianyar",
}


FILES = manifest_files(MANIFEST)


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "detik"
    assert record["site"] == "www.detik.com"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    assert paragraphs[0].startswith(str(want["first"]))
    assert paragraphs[-1] == want["last"]
    for marker in want["not_in_body"]:
        assert str(marker) not in str(record["body"]), marker
    assert schema_errors(dict(record)) == []


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [A, A + "?single=1", B + "?single=1"], ids=["a", "a-single", "b-single"])
def test_whole_article_pages_give_the_expected_record(page_url: str) -> None:
    article = page_url.split("?")[0]
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, article)
    assert record["page_count"] == 1


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_page_of_the_multi_page_article(number: int) -> None:
    page_url = DETIK.page_url(B, number)
    parsed = parse_page(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW, network=DETIK)
    assert parsed.record["url"] == B
    for field in FIELDS:
        assert parsed.record[field] == ARTICLES[B][field], field
    assert parsed.paragraphs[0].startswith(B_PAGE_STARTS[number])
    assert len(parsed.paragraphs) == (4 if number == 1 else 3)
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (number, 3, False)
    assert pager.links[2] == B + "/2" and pager.links[3] == B + "/3"
    assert parsed.fallbacks == []


def test_pages_merge_into_the_single_page_text() -> None:
    pages = [
        parse_page(FILES[DETIK.page_url(B, n)].read_bytes(), DETIK.page_url(B, n), now=FROZEN_NOW) for n in (1, 2, 3)
    ]
    single = parse_page(FILES[B + "?single=1"].read_bytes(), B + "?single=1", now=FROZEN_NOW)
    merged = merge_pages(pages)
    assert merged["body"].split("\n\n") == single.paragraphs
    assert merged["page_count"] == 3
    assert single.pagination.complete and single.pagination.total == 1


def test_page_one_body_exactly() -> None:
    parsed = parse_page(FILES[A].read_bytes(), A, now=FROZEN_NOW)
    assert parsed.paragraphs[2] == (
        '"Biasanya saya kulakan 50 kilo sehari, sekarang dapat 20 kilo saja sudah untung. Barangnya sedikit, jadi '
        'harganya naik terus," kata Siti kepada detikJatim.'
    )
    assert parsed.paragraphs[3].startswith("Kenaikan harga membuat pembeli mengurangi belanja.")
    assert parsed.paragraphs[4].startswith("Kepala Dinas Koperasi, Usaha Mikro, dan Perdagangan Kota Kediri")


def test_dateline_inside_the_first_paragraph_is_stripped_too() -> None:
    html = (
        FILES[A]
        .read_text(encoding="utf-8")
        .replace("<strong>Kediri</strong> -\n      <p>Harga cabai", "<p><strong>Kediri</strong> - Harga cabai")
    )
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert parsed.paragraphs[0].startswith("Harga cabai rawit di Pasar Setonobetek")
    assert len(parsed.paragraphs) == 7


def test_team_byline_names_nobody_and_pipe_bylines_split() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    pipe = html.replace(
        "Andhika Dwi Prasetya - detikJatim", "Andhika Dwi Prasetya - detikJatim | Faiq Azmi - detikJatim"
    )
    assert parse_page(pipe, A).record["authors"] == ["Andhika Dwi Prasetya", "Faiq Azmi"]
    team = html.replace("Andhika Dwi Prasetya - detikJatim", "Tim detikJatim")
    parsed = parse_page(team, A)
    # The byline names no reporter: the JSON-LD author is what is left, counted as a fallback.
    assert parsed.record["authors"] == ["Andhika Dwi Prasetya"]
    assert "authors" in parsed.fallbacks


def test_renamed_text_block_is_still_found_in_its_wrapper() -> None:
    html = FILES[A].read_text(encoding="utf-8").replace("detail__body-text itp_bodycontent", "isi-x")
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert "body" not in parsed.fallbacks
    assert len(parsed.paragraphs) == 7 and parsed.paragraphs[0].startswith(str(ARTICLES[A]["first"]))


def test_changed_template_falls_back_and_counts() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    for old, new in (
        ("detail__title", "judul-x"),
        ("detail__date", "tanggal-x"),
        ("detail__author", "penulis-x"),
        ("detail__body-text itp_bodycontent", "isi-x"),
        ("detail__body itp_bodycontent_wrapper", "isi-luar-x"),
        ("detail__body-tag", "label-x"),
    ):
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert {"headline", "published_at", "authors", "body", "tags"} <= set(parsed.fallbacks)
    assert parsed.record["headline"] == ARTICLES[A]["headline"]
    # The printed date line is still read, by its place under the headline: the printed minute, as printed
    # (JSON-LD's 10:42:18 agrees with it to the minute).
    assert parsed.record["published_at"] == "2026-11-20T10:42:00+07:00"
    assert parsed.record["authors"] == ARTICLES[A]["authors"]
    assert parsed.record["tags"] == ARTICLES[A]["tags"]  # meta keywords
    # The generic layer reads the whole <article>: every paragraph is there, in order (with header lines before).
    expected = parse_page(FILES[A].read_bytes(), A, now=FROZEN_NOW).paragraphs
    found = [p for p in parsed.paragraphs if p in expected]
    assert found == expected
    for marker in ("Baca juga", "ADVERTISEMENT", "Gambas", "(irb/iwd)"):
        assert not any(marker in p for p in parsed.paragraphs), marker


# -- portals and URLs ------------------------------------------------------------------------------


def test_portals_are_path_sections() -> None:
    assert DETIK.portals["www.detik.com/jatim"] == "detikJatim"
    assert len(DETIK.portals) == 8 and all(key.startswith("www.detik.com/") for key in DETIK.portals)
    assert DETIK.portal_of(A) == "www.detik.com/jatim"
    assert DETIK.portal_of("https://detik.com/jateng") == "www.detik.com/jateng"
    assert DETIK.portal_of("https://www.detik.com/edu/detikpedia/d-8240000/apa-itu-pararem") == "www.detik.com"
    assert DETIK.portal_of(NEWS_ARTICLE) == "news.detik.com"
    assert DETIK.portal_of("https://www.haibunda.com/mom-life/d-3646800/x") is None
    assert DETIK.is_portal(A) and DETIK.is_portal(B)
    assert not DETIK.is_portal(NEWS_ARTICLE)
    assert not DETIK.is_portal("https://www.detik.com/edu/detikpedia/d-8240000/apa-itu-pararem")
    assert network_for(A) is DETIK


@pytest.mark.parametrize(
    "typed",
    ["jatim", "JATIM", "detikJatim", "www.detik.com/jatim", "https://www.detik.com/jatim/", "detik.com/jatim", A],
)
def test_portal_key_accepts_what_people_type(typed: str) -> None:
    assert DETIK.portal_key(typed) == "www.detik.com/jatim"


def test_portal_base_offsets_and_names() -> None:
    assert DETIK.portal_base("www.detik.com/jatim") == "https://www.detik.com/jatim"
    assert DETIK.offset_for(B) == "+08:00"
    assert DETIK.offset_for("https://www.detik.com/sulsel/berita/d-8241111/x") == "+08:00"
    assert DETIK.offset_for(A) == "+07:00"
    assert DETIK.offset_for(NEWS_ARTICLE) == "+07:00"
    assert DETIK.site_name_for(B) == "detikBali"
    assert DETIK.site_name_for(NEWS_ARTICLE) is None


def test_canonical_page_and_full_text_urls() -> None:
    assert DETIK.canonicalize(B + "/2") == B
    assert DETIK.canonicalize(B + "/3?single=1") == B
    assert DETIK.canonicalize(B + "?tag_from=wp_nhl_5&utm_source=wa") == B
    assert DETIK.canonicalize(A.replace("www.detik.com", "detik.com")) == A
    # a slug that is itself a number is not a page segment
    assert (
        DETIK.canonicalize("https://news.detik.com/berita/d-1234567/2024")
        == "https://news.detik.com/berita/d-1234567/2024"
    )
    assert DETIK.page_url(B, 1) == B and DETIK.page_url(B, 3) == B + "/3"
    assert DETIK.full_text_url(B) == B + "?single=1"
    assert DETIK.full_text_label() == "?single=1"


def test_dated_index_urls() -> None:
    day = date(2026, 11, 20)
    assert DETIK.index_url("www.detik.com/jatim", day, 1) == JATIM_INDEKS
    assert DETIK.index_url("www.detik.com/jatim", day, 2) == "https://www.detik.com/jatim/indeks/2?date=11/20/2026"
    assert DETIK.index_url("news.detik.com", day, 1) == "https://news.detik.com/indeks?date=11/20/2026"
    assert DETIK.has_dated_index()
    assert not DETIK.robots_sitemaps


@pytest.mark.parametrize(
    "url",
    [
        "https://www.detik.com/jatim/foto/d-8241310/potret-petani-garam-madura-panen-di-sela-hujan",
        "https://news.detik.com/foto-news/d-7571834/kontras-beri-catatan-kritis-jelang-ulang-tahun-ke-79-tni",
        "https://oto.detik.com/oto-galeri/d-3646779/ini-mobil-tercepat-sejagat",
        "https://news.detik.com/detiktv/d-3646798/ratusan-ribu-pengungsi-rohingya-antre-terima-bantuan",
        "https://20.detik.com/detikupdate/20261120-261120041/video-banjir-lahar-terjang-jembatan-di-lumajang",
        "https://news.detik.com/readfoto/2017/09/17/152519/3646809/157/1/miris-begini-penderitaan-kaum-rohingya",
        "https://www.detik.com/jatim/indeks",
        "https://news.detik.com/indeks/2",
        "https://www.detik.com/tag/cabai-rawit",
        "https://www.detik.com/jatim/berita",
        "https://news.detik.com/indeksfokus/3054/wali-kota-batu-ditangkap-kpk/berita",
        "https://www.haibunda.com/mom-life/d-3646800/saat-orang-tua-dianggap-beri-nama-aneh-untuk-anak",
        "https://pasangmata.detik.com/contribution/280978",
    ],
)
def test_not_articles(url: str) -> None:
    assert not DETIK.is_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        A,
        B + "/2",
        NEWS_ARTICLE,
        "https://news.detik.com/read/2017/09/16/083102/3645573/10/sejarawan-film-g-30-s-pki-alat-propaganda-orba",
        "https://news.detik.com/berita-jawa-timur/d-3646765/pkb-tunggu-nama-pasangan-gus-ipul-akhir-bulan-ini",
        "https://x.detik.com/detail/intermeso/20170915/Ada-Apa-Benyamin-dengan-Ida-Royani/index.php",
        # a slug beginning with "foto" is still an article
        "https://www.detik.com/jabar/berita/d-8241000/foto-kenangan-warga-di-alun-alun-bandung",
    ],
)
def test_articles(url: str) -> None:
    assert DETIK.is_article_url(url)


# -- link discovery ----------------------------------------------------------------------------------


def article_links(html: bytes, base: str) -> list[str]:
    root = lxml.html.fromstring(html)
    found: list[str] = []
    for anchor in root.iter("a"):
        href = anchor.get("href")
        if not href:
            continue
        url = urljoin(base, href.strip())
        if DETIK.is_article_url(url):
            canonical = DETIK.canonicalize(url)
            if canonical not in found:
                found.append(canonical)
    return found


def test_fixture_indeks_links_exactly_the_articles() -> None:
    links = article_links(FILES[JATIM_INDEKS].read_bytes(), JATIM_INDEKS)
    assert sorted(links) == sorted([A, NEWS_ARTICLE, JATENG_ARTICLE])
    sites = {"www.detik.com/jatim", "www.detik.com/bali"}
    assert [u for u in links if DETIK.portal_of(u) in sites] == [A]
    assert [u for u in links if DETIK.is_portal(u)] == [A, JATENG_ARTICLE]
    bali = "https://www.detik.com/bali/indeks?date=11/20/2026"
    assert [u for u in article_links(FILES[bali].read_bytes(), bali) if DETIK.portal_of(u) in sites] == [B]
    page2 = "https://www.detik.com/jatim/indeks/2?date=11/20/2026"
    assert [u for u in article_links(FILES[page2].read_bytes(), page2) if DETIK.portal_of(u) in sites] == []


def expected_links(name: str) -> list[str]:
    lines = (EXPECTED / "links" / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize(
    ("file", "url", "expected", "count"),
    [
        ("news.detik.com/indeks-listing-2024-10.html", "https://news.detik.com/indeks", "detik-indeks.txt", 15),
        ("detik.com/homepage-listing-2017-09.html", "https://www.detik.com/", "detik-homepage.txt", 58),
    ],
    ids=["indeks-2024", "homepage-2017"],
)
def test_real_listing_pages(file: str, url: str, expected: str, count: int) -> None:
    html = (require_real_pages() / file).read_bytes()
    links = article_links(html, url)
    want = expected_links(expected)
    assert len(want) == count
    assert sorted(links) == sorted(want), (
        f"missing {sorted(set(want) - set(links))}, extra {sorted(set(links) - set(want))}"
    )
    # none of them is a regional portal's article: these pages predate (2017) or sit beside (news.) the sections
    assert not any(DETIK.is_portal(link) for link in links)


# -- whole crawls ------------------------------------------------------------------------------------


def test_crawl_two_regional_portals_for_one_day(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "detik",
        tmp_path,
        args={"sites": "jatim,www.detik.com/bali", "since": "2026-11-20", "until": "2026-11-20"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([A, B])
    assert len(result.records) == 2
    for url, record in records.items():
        assert_article(record, url)
        assert record["page_count"] == 1  # (b) came whole from ?single=1
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0
    assert stats["newscrawl/discovery/index_pages"] == 4  # page 1 and 2 of both portals
    assert not [key for key in stats if key.startswith("newscrawl/fallback/")]
    assert not [key for key in stats if key.startswith("newscrawl/dropped/")]


def test_crawl_follows_the_pages_when_single_is_refused(tmp_path: Path) -> None:
    # (b) on a day the portal answers ?single=1 with 404: pages 2 and 3 come from the long-nav pager.
    entries = [
        WarcEntry(url, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[url].read_bytes())
        for url in (B, B + "/2", B + "/3")
    ]
    robots = "https://www.detik.com/robots.txt"
    entries.append(WarcEntry(robots, 200, {"Content-Type": "text/plain"}, FILES[robots].read_bytes()))
    entries.append(WarcEntry(B + "?single=1", 404, {"Content-Type": "text/html"}, b""))
    warc = tmp_path / "no-single.warc.gz"
    write_warc(warc, entries)
    result = crawl("detik", tmp_path, args={"urls": B + "/3"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    record = result.records[0]
    assert_article(record, B)
    assert record["page_count"] == 3
    assert result.stats["newscrawl/fallback/detik/full_text"] == 1
    assert result.stats.get("newscrawl/replay/missing", 0) == 0
