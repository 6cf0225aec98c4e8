"""SINDOnews daerah: the template (reference only) on our fixture pages — a ``<br>``-separated body, JSON-LD on
page 1 only, pages as a trailing path segment — the dated ``/indeks/{cid}/{offset}`` index, and
``scrapy crawl sindonews`` end to end over WARC replay."""

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
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "sindonews"
MANIFEST = SITE / "manifest.tsv"
SINDO = network_named("sindonews")

C = "https://daerah.sindonews.com/read/1652345/720/ribuan-warga-padati-festival-perahu-hias-sungai-musi-di-palembang-1795156740"
D = "https://daerah.sindonews.com/read/1652301/704/jalur-evakuasi-lahar-semeru-diperbaiki-warga-lumajang-diminta-tetap-waspada-1795145400"
INDEX = "https://www.sindonews.com/indeks/7/0?t=2026-11-20"
NASIONAL = "https://nasional.sindonews.com/read/1652290/12/dpr-sahkan-ruu-penyesuaian-pidana-1795140000"

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES = {
    C: {
        "headline": "Ribuan Warga Padati Festival Perahu Hias Sungai Musi di Palembang",
        "published_at": "2026-11-20T13:39:00+07:00",
        "published_at_raw": "Jum'at, 20 November 2026 - 13:39 WIB",
        "authors": ["Dede Febriansyah"],
        "editor": None,
        "source": None,
        "tags": ["festival sungai musi", "perahu hias", "palembang", "wisata sumsel"],
        "category": "sumatera selatan",
        "site_name": "SINDOnews Daerah",
        "image_url": "https://pict.sindonews.net/dyn/732/pena/news/2026/11/20/720/1652345/ribuan-warga-padati-festival-perahu-hias-sungai-musi-abc.jpg",
        "image_caption": "Perahu hias peserta festival melintas di depan Benteng Kuto Besak, Palembang. "
        "Foto/Dede Febriansyah",
        "paragraphs": [
            "Ribuan warga memadati pelataran Benteng Kuto Besak untuk menyaksikan Festival Perahu Hias Sungai Musi, "
            "Jumat (20/11/2026). Sebanyak 42 perahu dari kecamatan dan komunitas di Palembang ikut ambil bagian dalam "
            "parade tahunan tersebut.",
            "Perahu-perahu itu dihias dengan ornamen khas Palembang, mulai dari replika Jembatan Ampera, rumah limas, "
            "hingga motif kain songket. Parade dimulai dari dermaga Pasar 16 Ilir dan berakhir di kawasan Kampung "
            "Kapitan.",
            "Wali Kota Palembang, Ratu Dewa, mengatakan festival digelar untuk mengembalikan Sungai Musi sebagai pusat "
            "kehidupan warga kota. Menurutnya, wisata sungai berpotensi menggerakkan ekonomi warga di tepian Musi.",
            '"Sungai Musi ini wajah Palembang. Kami ingin wisatawan tidak hanya melintas di Ampera, tetapi juga naik '
            'perahu dan belanja di kampung-kampung tepian sungai," katanya.',
            "Panitia menyiapkan hadiah total Rp 150 juta bagi perahu hias terbaik. Penilaian meliputi kreativitas "
            "hiasan, kekompakan awak, serta pesan pelestarian lingkungan yang dibawa setiap peserta.",
            "Selain parade perahu, festival juga diisi bazar kuliner pempek, lomba bidar mini, dan pertunjukan musik "
            "tradisional hingga malam hari. Polisi air mengerahkan enam kapal patroli untuk menjaga keamanan di "
            "sepanjang jalur parade.",
        ],
        "not_in_body": (
            "Baca Juga",
            "Baca juga",
            "Kampung Kapitan Dipercantik",
            "Jembatan Musi IV",
            "Advertisement",
            "Video: Parade",
            "(shf)",
            "PALEMBANG -",
            "Bagikan",
            "Terpopuler",
            "DPR Sahkan",
        ),
    },
    D: {
        "headline": "Jalur Evakuasi Lahar Semeru Diperbaiki, Warga Lumajang Diminta Tetap Waspada",
        "published_at": "2026-11-20T10:30:00+07:00",
        "published_at_raw": "Jum'at, 20 November 2026 - 10:30 WIB",
        "authors": ["Imam Wahyudi"],
        "editor": None,
        "source": None,
        "tags": ["semeru", "lahar dingin", "lumajang", "jalur evakuasi", "bpbd lumajang"],
        "category": "jawa timur",
        "site_name": "SINDOnews Daerah",
        "image_url": "https://pict.sindonews.net/dyn/732/pena/news/2026/11/20/704/1652301/jalur-evakuasi-lahar-semeru-diperbaiki-xyz.jpg",
        "image_caption": "Alat berat membersihkan material lahar yang menutup jalur evakuasi di Pronojiwo, Lumajang. "
        "Foto/Imam Wahyudi",
        "pages": {
            1: ("Pemerintah Kabupaten Lumajang mulai memperbaiki jalur evakuasi", 4),
            2: ("Warga di sepanjang Daerah Aliran Sungai Besuk Kobokan", 3),
            3: ("Menanggapi hal itu, BPBD Lumajang", 3),
        },
        "last": "Bupati Lumajang menyatakan anggaran perbaikan jalur evakuasi diambil dari dana belanja tidak terduga "
        "sebesar Rp 2,4 miliar.",
        "not_in_body": (
            "Baca Juga",
            "Status Semeru Masih Waspada",
            "Halaman",
            "Selanjutnya",
            "Tampilkan Semua",
            "(don)",
            "LUMAJANG -",
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


FILES = manifest_files(MANIFEST)


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "sindonews"
    assert record["site"] == "daerah.sindonews.com"
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    if "paragraphs" in want:
        assert paragraphs == want["paragraphs"]
    else:
        assert len(paragraphs) == 10
        assert paragraphs[0].startswith(want["pages"][1][0])  # type: ignore[index]
        assert paragraphs[4].startswith(want["pages"][2][0])  # type: ignore[index]
        assert paragraphs[7].startswith(want["pages"][3][0])  # type: ignore[index]
        assert paragraphs[-1] == want["last"]
    for marker in want["not_in_body"]:
        assert str(marker) not in str(record["body"]), marker
    assert schema_errors(dict(record)) == []


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [C, C + "?showpage=all"], ids=["c", "c-showpage-all"])
def test_one_page_article(page_url: str) -> None:
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, C)
    assert record["page_count"] == 1


def test_one_page_article_uses_its_own_rules() -> None:
    parsed = parse_page(FILES[C].read_bytes(), C, now=FROZEN_NOW, network=SINDO)
    assert parsed.fallbacks == []
    assert parsed.pagination.total == 1 and parsed.pagination.complete


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_page_of_the_multi_page_article(number: int) -> None:
    page_url = SINDO.page_url(D, number)
    parsed = parse_page(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW, network=SINDO)
    record = parsed.record
    assert record["url"] == D
    for field in FIELDS:
        assert record[field] == ARTICLES[D][field], field
    start, count = ARTICLES[D]["pages"][number]  # type: ignore[index]
    assert parsed.paragraphs[0].startswith(start) and len(parsed.paragraphs) == count
    # JSON-LD NewsArticle only on page 1: later pages take every field from the DOM
    assert bool(parsed.record["modified_at"]) == (number == 1)
    assert parsed.fallbacks == []
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (number, 3, False)
    for other in (1, 2, 3):
        if other != number:
            assert pager.links[other] == SINDO.page_url(D, other)


def test_ignored_showpage_all_is_page_one_with_its_pager() -> None:
    parsed = parse_page(FILES[D + "?showpage=all"].read_bytes(), D + "?showpage=all", now=FROZEN_NOW)
    assert parsed.pagination.total == 3 and not parsed.pagination.complete
    assert parsed.record["url"] == D


def test_pages_merge_into_one_record() -> None:
    pages = [
        parse_page(FILES[SINDO.page_url(D, n)].read_bytes(), SINDO.page_url(D, n), now=FROZEN_NOW) for n in (1, 2, 3)
    ]
    record = merge_pages(pages)
    assert record["page_count"] == 3
    paragraphs = record["body"].split("\n\n")
    assert len(paragraphs) == 10 and paragraphs[-1] == ARTICLES[D]["last"]


def test_inline_read_also_inside_a_paragraph_is_cut_out() -> None:
    html = (
        FILES[C]
        .read_text(encoding="utf-8")
        .replace(
            "pusat kehidupan warga kota.",
            'pusat kehidupan warga kota. Baca Juga: <a href="/read/1/1/x-1">Judul Lain</a> Lanjutan.',
        )
    )
    parsed = parse_page(html, C, now=FROZEN_NOW)
    assert parsed.paragraphs[2].startswith("Wali Kota Palembang")
    assert "pusat kehidupan warga kota. Lanjutan. Menurutnya" in parsed.paragraphs[2]
    assert "Judul Lain" not in " ".join(parsed.paragraphs)


def test_prose_link_after_membaca_juga_is_kept() -> None:
    html = (
        FILES[C]
        .read_text(encoding="utf-8")
        .replace(
            "pusat kehidupan warga kota.",
            'pusat kehidupan warga kota yang gemar membaca juga <a href="/x">Pustaka Musi</a>.',
        )
    )
    parsed = parse_page(html, C, now=FROZEN_NOW)
    assert "gemar membaca juga Pustaka Musi." in parsed.paragraphs[2]


def test_changed_template_falls_back_and_counts() -> None:
    html = FILES[C].read_text(encoding="utf-8")
    for old, new in (
        ("detail-title", "judul-x"),
        ("detail-date-artikel", "tanggal-x"),
        ("nama-redaksi", "nama-x"),
        ('name="keywords"', 'name="kata-kunci"'),
    ):
        html = html.replace(old, new)
    parsed = parse_page(html, C, now=FROZEN_NOW)
    assert {"headline", "published_at", "authors", "tags"} <= set(parsed.fallbacks)
    assert parsed.record["headline"] == ARTICLES[C]["headline"]
    assert parsed.record["published_at"] == ARTICLES[C]["published_at"]  # JSON-LD
    assert parsed.record["authors"] == ARTICLES[C]["authors"]  # JSON-LD author
    assert parsed.paragraphs == ARTICLES[C]["paragraphs"]


# -- hosts and URLs ------------------------------------------------------------------------------------


def test_portals_and_scope() -> None:
    assert SINDO.portals == {"daerah.sindonews.com": "SINDOnews Daerah"}
    assert network_for(C) is SINDO and network_for(NASIONAL) is SINDO
    assert SINDO.is_portal(C) and not SINDO.is_portal(NASIONAL)
    assert not SINDO.is_portal("https://jatim.sindonews.com/read/1234/2/x-1")
    assert SINDO.portal_key("https://daerah.sindonews.com/") == "daerah.sindonews.com"
    assert SINDO.offset_for(C) == "+07:00"


def test_canonical_page_and_full_text_urls() -> None:
    assert SINDO.canonicalize(D + "/2") == D
    assert SINDO.canonicalize(D + "/10?showpage=all") == D  # the pager's segment, whatever its number
    assert SINDO.canonicalize(D + "?utm_source=wa") == D
    assert SINDO.page_url(D, 1) == D and SINDO.page_url(D, 3) == D + "/3"
    assert SINDO.full_text_url(D) == D + "?showpage=all"
    assert SINDO.full_text_label() == "?showpage=all"


def test_dated_index_urls() -> None:
    day = date(2026, 11, 20)
    assert SINDO.index_url("daerah.sindonews.com", day, 1) == INDEX
    assert SINDO.index_url("daerah.sindonews.com", day, 2) == "https://www.sindonews.com/indeks/7/20?t=2026-11-20"
    assert SINDO.index_url("daerah.sindonews.com", day, 5) == "https://www.sindonews.com/indeks/7/80?t=2026-11-20"
    assert SINDO.index_url("nasional.sindonews.com", day, 1) == "https://www.sindonews.com/indeks/5/0?t=2026-11-20"
    assert SINDO.index_url("jatim.sindonews.com", day, 1) is None
    assert not SINDO.robots_sitemaps


@pytest.mark.parametrize(
    "url",
    [
        "https://hi-lite.sindonews.com/read/1652002/1/jejak-rempah-di-pesisir-utara-1795000000",
        "https://pict.sindonews.net/dyn/732/pena/news/2026/11/20/720/1652345/x.jpg",
        "https://www.sindonews.com/topic/9120/banjir-lahar",
        "https://www.sindonews.com/indeks/7/20?t=2026-11-20",
        "https://daerah.sindonews.com/",
        "https://daerah.sindonews.com/jawa-timur",
        "https://www.okezone.com/read/2026/11/20/1/1/x",
    ],
)
def test_not_articles(url: str) -> None:
    assert not SINDO.is_article_url(url)


@pytest.mark.parametrize("url", [C, D, D + "/2", NASIONAL, D + "?showpage=all"])
def test_articles(url: str) -> None:
    assert SINDO.is_article_url(url)


def test_index_page_links_exactly_the_articles() -> None:
    root = lxml.html.fromstring(FILES[INDEX].read_bytes())
    links: list[str] = []
    for anchor in root.iter("a"):
        url = urljoin(INDEX, (anchor.get("href") or "").strip())
        if anchor.get("href") and SINDO.is_article_url(url) and SINDO.canonicalize(url) not in links:
            links.append(SINDO.canonicalize(url))
    assert links == [C, D, NASIONAL]
    assert [u for u in links if SINDO.portal_of(u) == "daerah.sindonews.com"] == [C, D]
    assert [u for u in links if SINDO.is_portal(u)] == [C, D]


# -- a whole crawl -----------------------------------------------------------------------------------


def test_crawl_daerah_for_one_day(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "sindonews",
        tmp_path,
        args={"sites": "daerah.sindonews.com", "since": "2026-11-20", "until": "2026-11-20"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    records = {r["url"]: r for r in result.records}
    assert sorted(records) == sorted([C, D])
    assert len(result.records) == 2
    for url, record in records.items():
        assert_article(record, url)
    assert records[C]["page_count"] == 1
    assert records[D]["page_count"] == 3
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0
    assert stats["newscrawl/discovery/index_pages"] == 2
    assert stats["newscrawl/full_text_ignored/sindonews"] == 1
    assert not [key for key in stats if key.startswith("newscrawl/fallback/")]
    assert not [key for key in stats if key.startswith("newscrawl/dropped/")]


def test_crawl_entering_on_page_two(warc: Path, tmp_path: Path) -> None:
    result = crawl("sindonews", tmp_path, args={"urls": D + "/2"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    assert_article(result.records[0], D)
    assert result.records[0]["page_count"] == 3
