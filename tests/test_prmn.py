"""PRMN: the template's fields on our own fixture pages, whole multi-page articles, discovery, and
the real page 2 of 3 — crawled end to end with ``scrapy crawl prmn`` over WARC replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.__main__ import main as cli_main
from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_named
from newscrawl.warc import WarcEntry, build_warc_from_manifest, write_warc
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "prmn"
MANIFEST = SITE / "manifest.tsv"

A = "https://portaljember.pikiran-rakyat.com/jember-raya/pr-378714063/renovasi-pasar-sumbersari-rampung-pedagang-kembali-menempati-los-baru"
A_AMP = A.replace("/jember-raya/", "/jember-raya/amp/")
A_SHORT = "https://portaljember.pikiran-rakyat.com/jember-raya/pr-378714063"
B = "https://zonajakarta.pikiran-rakyat.com/regional/pr-189531027/jelang-musim-hujan-jakarta-timur-gencarkan-gerebek-lumpur-dan-bangun-ratusan-sumur-resapan"
C = "https://kabarpriangan.pikiran-rakyat.com/bola/pr-1126120458/tim-desa-sukamaju-juarai-turnamen-sepak-bola-antarkampung-piala-camat-cikoneng-lewat-adu-penalti"
F = "https://kabarpriangan.pikiran-rakyat.com/wisata/pr-1126117296/festival-galendo-dan-kuliner-khas-ciamis-diserbu-pengunjung-di-hari-pertama"
G = "https://kabarpriangan.pikiran-rakyat.com/bola/pr-1126071102/hasil-undian-babak-grup-turnamen-antarkampung-piala-camat-cikoneng"
HOSTS = "portaljember.pikiran-rakyat.com,zonajakarta.pikiran-rakyat.com,kabarpriangan.pikiran-rakyat.com"

# What EXPECTED.md (written with the fixtures) says each article is.
ARTICLES = {
    A: {
        "headline": "Renovasi Pasar Sumbersari Rampung, Pedagang Kembali Menempati Los Baru",
        "published_at": "2025-03-03T09:05:00+07:00",
        "authors": ["Dimas Aryo Pratama"],
        "editor": "Rina Kusumawardani",
        "source": "Antara",
        "tags": ["Pasar Sumbersari", "Jember", "renovasi pasar", "pedagang", "retribusi"],
        "category": "Jember Raya",
        "site_name": "Portal Jember",
        "paragraphs": 7,
        "first": "Renovasi Pasar Sumbersari di",
        "last_ends": "agar bangunan tetap awet dan tidak cepat rusak.",
    },
    B: {
        "headline": "Jelang Musim Hujan, Jakarta Timur Gencarkan Gerebek Lumpur dan Bangun Ratusan Sumur Resapan",
        "published_at": "2025-10-14T16:40:00+07:00",
        "authors": ["Fajar Nugraha"],
        "editor": "Ayu Lestari",
        "source": "Humas Kota Jakarta Timur",
        "tags": ["banjir", "sumur resapan", "Jakarta Timur", "gerebek lumpur", "musim hujan"],
        "category": "Regional",
        "site_name": "Zona Jakarta",
        "paragraphs": 11,
        "first": "Memasuki pertengahan Oktober, petugas",
        "last_ends": "pasukan biru dalam waktu paling lama dua hari.",
    },
    C: {
        "headline": "Tim Desa Sukamaju Juarai Turnamen Sepak Bola Antarkampung Piala Camat Cikoneng Lewat Adu Penalti",
        "published_at": "2025-11-09T20:15:00+07:00",
        "authors": ["Asep Saepudin"],
        "editor": "Nina Marliana",
        "source": "Kabar Priangan",
        "tags": ["Sepakbola", "turnamen antarkampung", "Ciamis", "Cikoneng"],
        "category": "Bola",
        "site_name": "Kabar Priangan",
        "paragraphs": 10,
        "first": "Tim Desa Sukamaju keluar",
        "last_ends": "Ciamis untuk memantau pemain berbakat selama turnamen berlangsung.",
    },
    F: {
        "headline": "Festival Galendo dan Kuliner Khas Ciamis Diserbu Pengunjung di Hari Pertama",
        "published_at": "2025-11-08T07:30:00+07:00",
        "authors": ["Lina Herlina"],
        "editor": "Nina Marliana",
        "source": "Diskominfo Ciamis",
        "tags": ["galendo", "Ciamis", "kuliner", "festival", "UMKM"],
        "category": "Wisata",
        "site_name": "Kabar Priangan",
        "paragraphs": 6,
        "first": "Festival Galendo dan Kuliner",
        "last_ends": "agar produknya bisa menjangkau pembeli di luar daerah.",
    },
}
FURNITURE = ("Baca Juga", "Editor:", "Sumber:", "SHARE:", "Artikel Terkait", "Terkini", "Terpopuler", "googletag")


FILES = manifest_files(MANIFEST)


def assert_article(record: dict[str, object], url: str, *, whole: bool = True) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "prmn"
    for field in ("headline", "published_at", "authors", "editor", "source", "tags", "category", "site_name"):
        assert record[field] == want[field], field
    body = str(record["body"])
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph appears twice"
    assert paragraphs[0].startswith(str(want["first"]))
    if whole:
        assert len(paragraphs) == want["paragraphs"]
        assert paragraphs[-1].endswith(str(want["last_ends"]))
    for marker in FURNITURE:
        assert marker not in body, marker
    assert schema_errors(dict(record)) == []


# -- one page at a time (extract) ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "article", "whole"),
    [
        (A, A, True),
        (A_AMP, A, True),
        (B, B, False),
        (B + "?page=2", B, False),
        (B + "?page=3", B, False),
        (B + "?page=all", B, True),
        (C + "?page=2", C, False),
        (F, F, True),
    ],
    ids=["a", "a-amp", "b-p1", "b-p2", "b-p3", "b-all", "c-p2", "f"],
)
def test_extract_any_page_gives_the_article_fields(page_url: str, article: str, whole: bool) -> None:
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    if page_url in (B + "?page=2", B + "?page=3", C + "?page=2"):
        # Later pages start mid-article: check fields, not the first paragraph.
        want = ARTICLES[article]
        for field in ("url", "headline", "published_at", "authors", "editor", "source", "tags", "category"):
            expected = article if field == "url" else want[field]
            assert record[field] == expected, field
        return
    assert_article(record, article, whole=whole)


def test_removed_article_page_is_refused() -> None:
    with pytest.raises(Refused) as info:
        extract_article(FILES[G].read_bytes(), G)
    assert info.value.reason == "soft_404"  # "Artikel tidak ditemukan": removed, not a broken template


def test_changed_template_falls_back_and_counts() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    for old, new in (("read__title", "judul-x"), ("read__info__date", "tanggal-x"), ("read__info__author", "nama-x")):
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert {"headline", "published_at", "authors"} <= set(parsed.fallbacks)
    assert parsed.record["headline"] == ARTICLES[A]["headline"]
    assert parsed.record["published_at"] == ARTICLES[A]["published_at"]
    assert parsed.record["authors"] == ARTICLES[A]["authors"]


def test_real_page2_names_its_pages() -> None:
    pages = require_real_pages()
    url = "https://zonajakarta.pikiran-rakyat.com/internasional/pr-18808737/walau-kena-covid-19-donald-trump-masih-berbahaya-karena-disampingnya-ada-pemicu-kiamat-dunia"
    parsed = parse_page(
        (pages / "zonajakarta.pikiran-rakyat.com/pr-18808737-trump-covid-page2.html").read_bytes(), url + "?page=2"
    )
    assert parsed.pagination.current == 2 and parsed.pagination.total == 3
    assert parsed.pagination.links[1] == url and parsed.pagination.links[3] == url + "?page=3"
    assert parsed.record["url"] == url


def test_canonical_url_rules() -> None:
    prmn = network_named("prmn")
    assert prmn.canonicalize(A_AMP) == A
    assert prmn.canonicalize(B + "?page=2&utm_source=x&taging=banjir") == B
    assert prmn.owns("https://portal-baru.pikiran-rakyat.com/")  # unlisted host is still PRMN
    assert not prmn.owns("https://pikiran-rakyat.com.evil.example/")
    assert prmn.is_article_url(C) and not prmn.is_article_url("https://kabarpriangan.pikiran-rakyat.com/tag/Sepakbola")


# -- whole articles through a real crawl -------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "article", "pages"),
    [
        (B, B, 1),
        (B + "?page=2", B, 1),
        (B + "?page=3&utm_source=wa", B, 1),
        (C, C, 3),
        (C + "?page=2", C, 3),
        (A_AMP, A, 1),
        (A_SHORT, A, 1),
    ],
    ids=["b-page1", "b-page2", "b-page3", "c-page1", "c-page2", "a-amp", "a-shortlink"],
)
def test_crawl_writes_one_whole_record_whichever_page_it_enters(
    warc: Path, tmp_path: Path, entry: str, article: str, pages: int
) -> None:
    result = crawl("prmn", tmp_path, args={"urls": entry}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    record = result.records[0]
    assert_article(record, article)
    assert record["page_count"] == pages


def test_pages_followed_when_full_text_is_missing(tmp_path: Path) -> None:
    # The same article (b) on a portal that does not know ?page=all at all (404): pages 2..3 are followed.
    entries = [
        WarcEntry(url, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[url].read_bytes())
        for url in (B, B + "?page=2", B + "?page=3")
    ]
    warc = tmp_path / "no-all.warc.gz"
    write_warc(warc, entries)
    result = crawl("prmn", tmp_path, args={"urls": B + "?page=3"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    assert_article(result.records[0], B)
    assert result.records[0]["page_count"] == 3
    assert result.stats["newscrawl/fallback/prmn/full_text"] == 1


def test_looping_pager_never_loops_and_writes_no_partial_record(tmp_path: Path) -> None:
    page1 = FILES[C].read_bytes()
    entries = [WarcEntry(u, 200, {"Content-Type": "text/html"}, page1) for u in (C, C + "?page=all", C + "?page=2")]
    warc = tmp_path / "loop.warc.gz"
    write_warc(warc, entries)
    result = crawl("prmn", tmp_path, args={"urls": C}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert result.records == []
    assert result.stats["newscrawl/dropped/pager_loop"] == 1


def test_discovery_finds_every_article_once(warc: Path, tmp_path: Path) -> None:
    result = crawl("prmn", tmp_path, args={"sites": HOSTS}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    urls = sorted(r["url"] for r in result.records)
    assert urls == sorted([A, B, C, F])
    for record in result.records:
        assert_article(record, record["url"])
    assert result.stats["newscrawl/discovery/sitemaps"] >= 3
    # Sidebar links to other portals are not followed when -a sites= names the portals.
    assert not any("www.pikiran-rakyat.com" in line for line in result.log.splitlines() if "dropped" in line)


def test_unknown_site_argument_is_refused(tmp_path: Path) -> None:
    result = crawl("prmn", tmp_path, args={"sites": "example.com"}, check=False)
    assert result.records == []
    assert "is not a Pikiran Rakyat Media Network portal" in result.log


def test_sites_discover_prints_hosts_missing_from_the_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "home.html"
    page.write_text(
        '<html><body><ul class="network__menu--more">'
        '<li><a href="https://zonajakarta.pikiran-rakyat.com">Zona Jakarta</a></li>'
        '<li><a href="https://portalbaru.pikiran-rakyat.com/">Portal Baru</a></li>'
        '<li><a href="https://elsewhere.example.com/">Not PRMN</a></li></ul><p>x</p></body></html>',
        encoding="utf-8",
    )
    assert cli_main(["sites", "--discover", "prmn", "--page", str(page)]) == 0
    out = capsys.readouterr()
    assert out.out.split() == ["portalbaru.pikiran-rakyat.com"]
    assert "2 portals in the menu, 1 not in the list" in out.err


def test_sites_table_lists_prmn(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["sites"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("prmn"))
    assert "?page=all" in row and "real page" in row


def test_demo_sample_crawls(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[1] / "newscrawl" / "sample"
    warc = tmp_path / "sample.warc.gz"
    build_warc_from_manifest(sample / "manifest.tsv", warc)
    result = crawl(
        "prmn", tmp_path, args={"urls_file": str(sample / "urls.txt")}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)}
    )
    assert len(result.records) == 3
    assert sorted(r["page_count"] for r in result.records) == [1, 1, 2]
    for record in result.records:
        assert schema_errors(record) == []
        assert record["editor"] and record["published_at"].endswith("+07:00")
    json.dumps(result.records)
