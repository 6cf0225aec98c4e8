"""Okezone: the 2026 template's fields on our fixture pages, ``?page=all`` and the ``#paging`` pager, the kanal
dated index, the real 2020 page's own rules — and a discovery crawl with ``scrapy crawl okezone`` over
WARC replay."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest

from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.warc import WarcEntry, write_warc
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files, require_real_pages
from tests.crawling import crawl

SITE = FIXTURE_SITES / "okezone"
MANIFEST = SITE / "manifest.tsv"
NET = network_named("okezone")

A = "https://news.okezone.com/read/2026/11/24/519/3287415/banjir-rob-rendam-pesisir-gresik-ratusan-warga-mengungsi-ke-balai-desa"
B = "https://news.okezone.com/read/2026/11/24/519/3287502/jembatan-gantung-penghubung-dua-desa-di-pacitan-putus-diterjang-arus-sungai-grindulu"
INDEX = "https://news.okezone.com/indeks/2026/11/24"
REAL = "economy.okezone.com/2243366-rekomendasi-bisnis-DOMSNAPSHOT.html"
REAL_URL = "https://economy.okezone.com/read/2020/07/08/320/2243366/6-rekomendasi-bisnis-dengan-tingkat-kerugian-kecil-tertarik-mencoba"

# From EXPECTED.md (written with the fixtures, before the module ran on them).
ARTICLES: dict[str, dict[str, object]] = {
    A: {
        "headline": "Banjir Rob Rendam Pesisir Gresik, Ratusan Warga Mengungsi ke Balai Desa",
        "published_at": "2026-11-24T08:12:00+07:00",
        "published_at_raw": "Selasa, 24 November 2026 |08:12 WIB",
        "modified_at": "2026-11-24T08:40:02+07:00",
        "authors": ["Ainur Rofiq"],
        "editor": "Dimas Pramudya",
        "tags": ["banjir rob", "Gresik", "BPBD Jatim", "Jawa Timur"],
        "image_url": "https://img.okezone.com/content/2026/11/24/519/3287415/banjir-rob-rendam-pesisir-gresik-Xq3kLm9Pza.jpg",
        "image_caption": "Warga melintasi genangan banjir rob di Desa Tanjung Widoro, Kecamatan Bungah, Gresik. "
        "(Foto: Okezone.com/Ainur Rofiq)",
        "firsts": (
            "Banjir rob setinggi 40 hingga 60 sentimeter",
            "Kepala Pelaksana BPBD Gresik, Sutrisno Wibowo,",
            '"Ada 312 jiwa yang kami data mengungsi.',
            "BPBD mendirikan dapur umum",
            "Menurut perkiraan BMKG Maritim Tanjung Perak,",
            "Pemerintah Kabupaten Gresik berencana",
        ),
        "last_ends": "tidak lagi menjadi langganan setiap akhir tahun.",
        "absent": (
            "Baca Juga",
            "Tanggul Sungai Bengawan Solo di Lamongan Kembali Jebol",
            "googletag",
            "Promo",
            "WhatsApp Channel",
            "Telusuri berita",
            "(Dimas Pramudya)",
            "Warga melintasi genangan",
            "Share on Facebook",
            "TOTAL SHARE",
            "Topik Artikel",
            "Terpopuler",
            "Harga Cabai Rawit",
            "Jurnalis",
        ),
    },
    B: {
        "headline": "Jembatan Gantung Penghubung Dua Desa di Pacitan Putus Diterjang Arus Sungai Grindulu",
        "published_at": "2026-11-24T10:47:00+07:00",
        "published_at_raw": "Selasa, 24 November 2026 |10:47 WIB",
        "modified_at": "2026-11-24T11:02:55+07:00",
        "authors": ["Wahyu Setiawan"],
        "editor": "Ma'rifatun Nisa",
        "tags": ["jembatan putus", "Pacitan", "Sungai Grindulu", "cuaca ekstrem"],
        "image_url": "https://img.okezone.com/content/2026/11/24/519/3287502/jembatan-gantung-pacitan-putus-Rt7wVb2Kqe.jpg",
        "image_caption": "Sisa tali baja jembatan gantung yang putus di Sungai Grindulu, Pacitan. "
        "(Foto: Okezone.com/Wahyu Setiawan)",
        "firsts": (
            "Jembatan gantung yang menghubungkan Desa Sukoharjo",
            "Hujan deras yang mengguyur wilayah hulu",
            "Kepala Desa Sukoharjo, Bambang Sulistyo,",
            '"Sekarang anak-anak harus memutar',
            "Badan Penanggulangan Bencana Daerah (BPBD) Pacitan",
            "Kepala Pelaksana BPBD Pacitan, Erwin Andriatmoko,",
            "Sambil menunggu jembatan darurat,",
            "Erwin juga mengingatkan warga",
            "Pemerintah Kabupaten Pacitan mengalokasikan",
            "Bupati Pacitan meminta",
        ),
        "last_ends": 'jadi harus segera dibangun kembali," ujarnya.',
        "absent": (
            "Baca Juga",
            "Baca juga",
            "Longsor Tutup Jalur Pacitan-Ponorogo",
            "Sekolah di Pacitan Terapkan Belajar Daring saat Banjir",
            "WhatsApp Channel",
            "Telusuri berita",
            "Promo Spesial Akhir Tahun",
            "(Ma'rifatun Nisa)",
            "Halaman:",
            "Sisa tali baja",
        ),
    },
}
# Which of (b)'s paragraphs each page carries (EXPECTED.md).
B_PAGES = {1: slice(0, 4), 2: slice(4, 7), 3: slice(7, 10)}


FILES = manifest_files(MANIFEST)


def assert_article(record: dict[str, object], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "okezone"
    assert record["site"] == "news.okezone.com"
    assert record["site_name"] == "Okezone.com"
    assert record["category"] == "Jatim"
    assert record["source"] is None
    for field in (
        "headline",
        "published_at",
        "published_at_raw",
        "modified_at",
        "authors",
        "editor",
        "tags",
        "image_url",
        "image_caption",
    ):
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    firsts = want["firsts"]
    assert isinstance(firsts, tuple)
    assert len(paragraphs) == len(firsts)
    assert len(set(paragraphs)) == len(paragraphs), "a paragraph appears twice"
    for paragraph, first in zip(paragraphs, firsts, strict=True):
        assert paragraph.startswith(first), (paragraph[:60], first)
    assert paragraphs[-1].endswith(str(want["last_ends"]))
    for marker in want["absent"]:  # type: ignore[attr-defined]
        assert marker not in str(record["body"]), marker
    assert schema_errors(dict(record)) == []


# -- one page at a time ----------------------------------------------------------------------------


@pytest.mark.parametrize("page_url", [A, A + "?page=all", B + "?page=all"], ids=["a", "a-all", "b-all"])
def test_whole_article_pages(page_url: str) -> None:
    record = extract_article(FILES[page_url].read_bytes(), page_url, now=FROZEN_NOW)
    assert_article(record, page_url.split("?")[0])
    assert record["page_count"] == 1


def test_template_rules_find_every_field_without_fallback() -> None:
    for url in (A, B + "?page=all", B + "?page=3"):
        parsed = parse_page(FILES[url].read_bytes(), url, now=FROZEN_NOW)
        assert parsed.fallbacks == [], url


@pytest.mark.parametrize("number", [1, 2, 3])
def test_single_pages_of_b_carry_their_share_of_the_text(number: int) -> None:
    url = B if number == 1 else f"{B}?page={number}"
    whole = parse_page(FILES[B + "?page=all"].read_bytes(), B + "?page=all", now=FROZEN_NOW).paragraphs
    parsed = parse_page(FILES[url].read_bytes(), url, now=FROZEN_NOW)
    assert parsed.paragraphs == whole[B_PAGES[number]]
    assert parsed.record["url"] == B
    assert parsed.record["published_at"] == ARTICLES[B]["published_at"]
    assert parsed.record["authors"] == ARTICLES[B]["authors"]
    # The closing "(Name)" is on the last page only; pages 1-2 fall back (and the generic layer finds none).
    assert parsed.record["editor"] == (ARTICLES[B]["editor"] if number == 3 else None)
    assert ("editor" in parsed.fallbacks) == (number != 3)
    pager = parsed.pagination
    assert (pager.current, pager.total, pager.complete) == (number, 3, False)
    assert pager.links == {1: B, 2: B + "?page=2", 3: B + "?page=3"}
    assert {n: NET.page_url(B, n) for n in (1, 2, 3)} == pager.links


def test_page_all_is_complete_and_keeps_the_page_breaks_out() -> None:
    parsed = parse_page(FILES[B + "?page=all"].read_bytes(), B + "?page=all", now=FROZEN_NOW)
    assert (parsed.pagination.total, parsed.pagination.complete) == (1, True)
    assert len(parsed.paragraphs) == 10 and all(parsed.paragraphs)
    html = FILES[B + "?page=all"].read_text(encoding="utf-8")
    assert html.count("page-break-after: always") == 2 and 'id="paging"' not in html


def test_ignored_page_all_is_not_taken_for_the_whole_article() -> None:
    # A kanal that answers ?page=all with page 1 and its pager: the pages must still be followed.
    parsed = parse_page(FILES[B].read_bytes(), B + "?page=all", now=FROZEN_NOW)
    assert (parsed.pagination.current, parsed.pagination.total, parsed.pagination.complete) == (1, 3, False)
    assert parsed.record["url"] == B


def test_changed_template_falls_back_to_structured_data_and_counts() -> None:
    html = FILES[A].read_text(encoding="utf-8")
    for old, new in (('class="journalist"', 'class="penulis-x"'), ("desc-foto", "ket-x"), ('id="tag"', 'id="topik-x"')):
        html = html.replace(old, new)
    parsed = parse_page(html, A, now=FROZEN_NOW)
    assert {"authors", "published_at", "image_caption", "tags"} <= set(parsed.fallbacks)
    record = parsed.record
    assert record["authors"] == ["Ainur Rofiq"]  # JSON-LD author
    # The printed line is still read by its place near the headline: the printed minute (NewsArticle
    # datePublished, 08:12:37, agrees with it to the minute).
    assert record["published_at"] == "2026-11-24T08:12:00+07:00"
    assert record["tags"] == ARTICLES[A]["tags"]  # meta news_keywords
    assert len(parsed.paragraphs) == 6


def test_breadcrumb_in_capitals_is_a_last_resort() -> None:
    html = FILES[A].read_text(encoding="utf-8").replace('"BreadcrumbList"', '"NoBreadcrumb"')
    assert parse_page(html, A, now=FROZEN_NOW).record["category"] == "Jatim"  # "JATIM" in the DOM, title-cased


# -- the real 2020 page ----------------------------------------------------------------------------------


def test_real_2020_page_is_read_by_the_module_rules() -> None:
    parsed = parse_page((require_real_pages() / REAL).read_bytes(), REAL_URL, now=FROZEN_NOW)
    # div.namerep gives the author, div.namerep b the date, div.detail-tag the tags, div.detfoto the caption;
    # only the editor falls back: the page shows the initials code "(fbn)", which is not a name.
    assert parsed.fallbacks == ["editor"]
    assert parsed.record["editor"] is None
    assert parsed.record["authors"] == ["Natasha Oktalia"]
    assert parsed.record["category"] == "Sektor Riil"
    assert parsed.pagination.complete and parsed.pagination.total == 1
    assert NET.canonicalize(REAL_URL.replace("/read/", "/amp/")) == REAL_URL  # its link[rel=amphtml]


# -- URLs and discovery ----------------------------------------------------------------------------------


def test_url_rules() -> None:
    assert NET.is_article_url(A) and NET.is_article_url(B + "?page=2")
    assert NET.canonicalize(B + "?page=3&utm_source=wa") == B
    assert NET.canonicalize(B.replace("/read/", "/amp/")) == B
    assert NET.full_text_url(B) == B + "?page=all" and NET.full_text_label() == "?page=all"
    assert NET.page_url(B, 1) == B and NET.page_url(B, 2) == B + "?page=2"
    for url in (
        "https://news.okezone.com/more/live-update-cuaca-ekstrem-jatim",
        "https://news.okezone.com/indeks/2026/11/24/10",
        "https://news.okezone.com/topic/20561/cuaca-ekstrem-jatim",
        "https://www.okezone.com/tag/banjir-rob",
        "https://video.okezone.com/play/2026/11/24/519/118822/detik-detik-jembatan-gantung-pacitan-putus",
        "https://mpi.okezone.com/article/sindonews/1456789",
        "https://daerah.sindonews.com/read/1456789/704/tanggul-laut-pantura-1732410000",
    ):
        assert not NET.is_article_url(url), url
    # Kanal hosts are the portals; index./mpi./img./cdn./redaksi. are not Okezone portals at all.
    assert NET.is_portal(A) and NET.portal_of(A) == "news.okezone.com"
    assert NET.owns("https://lifestyle.okezone.com/read/2026/11/24/1/1/x") and not NET.is_portal(
        "https://lifestyle.okezone.com/read/2026/11/24/1/1/x"
    )
    for host in ("index", "mpi", "img", "cdn", "redaksi"):
        assert not NET.owns(f"https://{host}.okezone.com/"), host
    assert network_for("https://mpi.okezone.com/article/sindonews/1456789").name != "okezone"
    assert not NET.owns("https://okezone.com.evil.example/read/2026/11/24/1/1/x")
    assert NET.site_name_for(A) is None
    assert NET.offset_for(A) == "+07:00"


def test_dated_index_urls() -> None:
    day = date(2026, 11, 24)
    assert NET.has_dated_index()
    assert [NET.index_url("news.okezone.com", day, n) for n in (1, 2, 3)] == [INDEX, INDEX + "/10", INDEX + "/20"]
    assert NET.index_url("bola.okezone.com", date(2026, 7, 4), 1) == "https://bola.okezone.com/indeks/2026/07/04"
    # The index.okezone.com form, kept for reference: channel id per kanal, offset step 15.
    assert NET.bydate_url("bola.okezone.com", date(2026, 7, 24), 2) == (
        "https://index.okezone.com/bydate/channel/2026/07/24/14/15/"
    )
    assert NET.bydate_url("news.okezone.com", day, 1) == "https://index.okezone.com/bydate/channel/2026/11/24/1"
    assert NET.bydate_url("lifestyle.okezone.com", day, 1) is None


def index_links(file: str, url: str) -> tuple[set[str], set[str]]:
    """(article links, every other absolute link) of a saved page."""
    root = lxml.html.fromstring((SITE / file).read_bytes())
    links = {urljoin(url, a.get("href")) for a in root.iter("a") if a.get("href")}
    articles = {NET.canonicalize(u) for u in links if NET.is_article_url(u)}
    return articles, {u for u in links if not NET.is_article_url(u)}


def test_dated_index_links_exactly_the_articles() -> None:
    articles, others = index_links("news/indeks-2026-11-24.html", INDEX)
    assert articles == {A, B}
    assert len(others) >= 15  # nav, kanal, tag, topic, /more/, mpi., video., off-network, pager, footer
    assert INDEX + "/10" in others
    # The pager links the URL the module builds for page 2.
    assert NET.index_url("news.okezone.com", date(2026, 11, 24), 2) in others
    assert index_links("news/indeks-2026-11-24-10.html", INDEX + "/10")[0] == set()


# -- end to end ----------------------------------------------------------------------------------------


def test_discovery_crawl_reads_the_dated_index_and_takes_page_all(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "okezone",
        tmp_path,
        args={"sites": "news.okezone.com", "since": "2026-11-24", "until": "2026-11-24"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, str(record["url"]))
        assert record["page_count"] == 1  # (b) whole from ?page=all
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0, result.log[-3000:]
    assert stats["newscrawl/discovery/index_pages"] == 2  # page 2 (offset 10) brings nothing new
    assert stats.get("newscrawl/multipage_articles", 0) == 0
    assert not any(key.startswith(("newscrawl/fallback/", "newscrawl/dropped/")) for key in stats), stats


def test_pages_followed_when_page_all_is_missing(tmp_path: Path) -> None:
    pages = (B, B + "?page=2", B + "?page=3")
    entries = [WarcEntry(u, 200, {"Content-Type": "text/html; charset=UTF-8"}, FILES[u].read_bytes()) for u in pages]
    warc = tmp_path / "no-all.warc.gz"
    write_warc(warc, entries)
    result = crawl("okezone", tmp_path, args={"urls": B + "?page=2"}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(result.records) == 1
    record = result.records[0]
    assert_article(record, B)  # editor from page 3's closing line, every paragraph once
    assert record["page_count"] == 3
    stats = result.stats
    assert stats["newscrawl/fallback/okezone/full_text"] == 1
    assert stats["newscrawl/fallback/okezone/editor"] == 2  # pages 1 and 2 have no closing name
    assert stats["newscrawl/multipage_articles"] == 1
