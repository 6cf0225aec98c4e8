"""Hostile pages: each is a valid record or a counted refusal with its reason, never an escaping exception.

Every page is built here from the bundled sample article (``newscrawl/sample/pages/pr-404417702.html``) or
written inline: truncated and malformed HTML, bytes that are not HTML, empty bodies, mislabelled encodings
and mojibake, pages of megabytes and DOMs nested hundreds of thousands deep, soft 404s that answer 200, and
index, tag and search pages at article URLs. ``benchmarks/bench_hostile.py`` times the same pages.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ftfy.bad_codecs  # noqa: F401  (the "sloppy-windows-1252" codec, to write double-encoded mojibake)
import lxml.html
import pytest

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.article import _link_stats
from newscrawl.parsing.page import MAX_PAGE_BYTES, decode_html
from newscrawl.record import MAX_BODY_CHARS, parse_page
from newscrawl.text import collapse_ws
from newscrawl.warc import WarcEntry, write_warc
from tests.conftest import FROZEN_NOW, ROOT
from tests.crawling import crawl

SAMPLE_FILE = ROOT / "newscrawl" / "sample" / "pages" / "pr-404417702.html"
URL = (
    "https://mantrasukabumi.pikiran-rakyat.com/sukabumi-raya/pr-404417702/"
    "jalur-sepeda-baru-hubungkan-lapang-merdeka-dan-alun-alun-kota-sukabumi"
)
HEADLINE = "Jalur Sepeda Baru Hubungkan Lapang Merdeka dan Alun-alun Kota Sukabumi"
GENERIC_URL = "https://kabar.example.id/daerah/2025/06/02/jalur-sepeda-baru"
#: Indonesian text with the characters mislabelled encodings break: curly quotes, an en dash, an e-acute.
QUOTE = "“Kami ingin warga merasa aman,” kata Agus – yang ditemui di Café Sehati – kepada wartawan."
MB = 1024 * 1024


def sample() -> str:
    return SAMPLE_FILE.read_text(encoding="utf-8")


def cut_in_body() -> bytes:
    """The sample's bytes up to the middle of its third paragraph."""
    data = SAMPLE_FILE.read_bytes()
    return data[: data.index(b"Sejumlah komunitas sepeda") + 40]


def with_quote(text: str | None = None) -> str:
    """The sample with QUOTE closing its second paragraph."""
    text = text or sample()
    anchor = "rambu peringatan bagi pengendara bermotor."
    assert text.count(anchor) == 1
    return text.replace(anchor, f"{anchor} {QUOTE}")


def retitle(text: str, headline: str) -> str:
    """The sample with another headline in <title>, og:title, twitter:title, h1 and JSON-LD."""
    assert HEADLINE in text
    return text.replace(HEADLINE, headline)


def in_body(text: str, html: str) -> str:
    """``html`` inserted at the end of the sample's article block."""
    return text.replace("</article>", html + "</article>", 1)


def before_body_end(text: str, html: str) -> str:
    return text.replace("</body>", html + "</body>", 1)


def paragraphs(count: int, words: str = "warga menyambut jalur sepeda baru dengan antusias di pusat kota") -> str:
    return "".join(f"<p>Paragraf {i}: {words}.</p>\n" for i in range(count))


def generic_page(head: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def teaser_items(count: int, *, wrap: str = "div", heading: str = "h2") -> str:
    return "".join(
        f"<{wrap} class='item'><{heading}><a href='https://kabar.example.id/daerah/2025/06/0{i % 9 + 1}/berita-{i}'>"
        f"Judul berita daerah nomor {i} tentang banjir di pesisir utara</a></{heading}>"
        f"<p>Ringkasan berita nomor {i}: banjir rob kembali menggenangi permukiman warga pesisir utara sejak "
        f"pagi hari dan petugas gabungan mulai mengevakuasi warga lanjut usia ke tempat yang lebih aman.</p>"
        f"<span class='date'>2 Juni 2025</span></{wrap}>"
        for i in range(count)
    )


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    return extract_article(SAMPLE_FILE.read_bytes(), URL, now=FROZEN_NOW)


@pytest.fixture(scope="module")
def quoted() -> dict[str, Any]:
    """The record of the sample with QUOTE, from correctly labelled UTF-8."""
    return extract_article(with_quote().encode("utf-8"), URL, now=FROZEN_NOW)


def refusal(html: str | bytes, url: str = URL, content_type: str | None = None) -> Refused:
    with pytest.raises(Refused) as info:
        parse_page(html, url, content_type=content_type, now=FROZEN_NOW)
    return info.value


def same_record(record: dict[str, Any], expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        if key != "crawled_at":
            assert record[key] == value, key


# -- bytes that are not an HTML page ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t \n", "empty"),
        (b"\xef\xbb\xbf  \n", "empty"),  # a UTF-8 BOM and whitespace
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj", "not_html"),
        (b"\n\n%PDF-1.4\n<< /Title (<html>) >>", "not_html"),  # whitespace before the magic
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not_html"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "not_html"),
        (b"GIF89a\x01\x00\x01\x00<html>", "not_html"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "not_html"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00", "not_html"),  # MP4
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(200)), "not_html"),  # gzip sent as identity
        (b"PK\x03\x04\x14\x00\x06\x00", "not_html"),
        (bytes(random.Random(7).randrange(256) for _ in range(5000)), "not_html"),  # brotli-like: no magic
        (b'{"status": 404, "message": "Artikel tidak ditemukan"}', "not_html"),
        (b"Maaf, server sedang sibuk. Silakan coba lagi nanti.", "not_html"),
        (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>x</text></svg>', "not_html"),
        (
            b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title></channel></rss>',
            "not_html",
        ),
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-whitespace",
        "pdf",
        "pdf-after-whitespace",
        "png",
        "jpeg",
        "gif",
        "webp",
        "mp4",
        "gzip",
        "zip",
        "random-binary",
        "json",
        "plain-text",
        "svg",
        "rss",
    ],
)
def test_bytes_that_are_not_a_page_are_refused(body: bytes, reason: str) -> None:
    refused = refusal(body, content_type="text/html; charset=utf-8")
    assert refused.reason == reason
    assert refused.detail


def test_utf16_page_with_bom_is_read(baseline: dict[str, Any]) -> None:
    """NUL bytes are not binary when a UTF-16 BOM says what they are."""
    body = sample().encode("utf-16")  # BOM + UTF-16LE
    assert b"\x00" in body[:100]
    same_record(extract_article(body, URL, now=FROZEN_NOW), baseline)


# -- truncated and malformed HTML -----------------------------------------------------------------------------


def test_page_cut_after_the_article_text_gives_the_whole_record(baseline: dict[str, Any]) -> None:
    text = sample()
    cut = text.index("&copy;2025")
    assert "</body>" not in text[:cut] and "</html>" not in text[:cut]
    same_record(extract_article(text[:cut].encode("utf-8"), URL, now=FROZEN_NOW), baseline)


def test_page_cut_inside_a_multibyte_character_after_the_text(quoted: dict[str, Any]) -> None:
    text = with_quote().replace("<p>&copy;2025", "<p>Kota Sukabumi – Jawa Barat</p><p>&copy;2025")
    data = text.encode("utf-8")
    cut = data.rindex("–".encode()) + 1  # the first of the dash's three bytes
    record = extract_article(data[:cut], URL, now=FROZEN_NOW)
    same_record(record, quoted)
    assert not any("â" in str(value) or "\ufffd" in str(value) for value in record.values())


def test_page_cut_inside_the_article_text_is_refused_not_written_short() -> None:
    assert refusal(cut_in_body()).reason == "truncated"
    text = sample()
    assert refusal(text[: len(text) // 4]).reason == "truncated"  # cut in the <head>


def test_every_cut_is_a_whole_body_or_a_refusal(baseline: dict[str, Any]) -> None:
    """Cut anywhere: never a record with part of the body, never another exception."""
    data = SAMPLE_FILE.read_bytes()
    outcomes: set[str] = set()
    for cut in range(0, len(data), len(data) // 60):
        try:
            parsed = parse_page(data[:cut], URL, now=FROZEN_NOW)
        except Refused as exc:
            outcomes.add(exc.reason)
            continue
        outcomes.add("record")
        assert parsed.record["headline"] == baseline["headline"]
        assert "\n\n".join(parsed.paragraphs) == baseline["body"], cut
    assert {"record", "truncated"} <= outcomes
    assert outcomes <= {"record", "truncated", "empty", "not_html", "no_headline", "no_body"}


def test_damaged_bytes_never_raise_anything_but_refused() -> None:
    data = SAMPLE_FILE.read_bytes()
    rng = random.Random(2026)
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(rng.randrange(1, 40)):
            at = rng.randrange(len(damaged))
            if rng.random() < 0.5:
                damaged[at] = rng.randrange(256)
            else:
                del damaged[at : at + rng.randrange(1, 500)]
        try:
            parsed = parse_page(bytes(damaged), URL, now=FROZEN_NOW)
        except Refused as exc:
            assert exc.reason and exc.detail
        else:
            assert parsed.record["headline"] and parsed.paragraphs


def test_malformed_markup_still_gives_the_article(baseline: dict[str, Any]) -> None:
    text = sample()
    start, end = text.index('<article class="read__content'), text.index("</article>")
    block = text[start:end]
    block = block.replace("</p>", "")  # every paragraph left open
    block = block.replace('class="ads mt3 clearfix"', "class=ads mt3 clearfix")  # unquoted, broken attribute
    block = block.replace("<p>Sejumlah", "</span></font><P>Sejumlah <b>")  # stray closers, unclosed bold
    block = block.replace("sepuluh titik", "sepuluh&nbsp titik")  # entity without its semicolon
    record = extract_article(text[:start] + block + text[end:], URL, now=FROZEN_NOW)
    same_record(record, baseline | {"body": baseline["body"].replace("sepuluh titik", "sepuluh titik")})


# -- mislabelled encodings and mojibake --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "content_type"),
    [
        (lambda: with_quote().encode("cp1252"), "text/html; charset=UTF-8"),
        (lambda: with_quote().encode("cp1252"), None),  # <meta charset="utf-8"> only
        (lambda: with_quote().replace('<meta charset="utf-8">', "").encode("cp1252"), None),  # no label at all
        (lambda: with_quote().replace("utf-8", "iso-8859-1").encode("utf-8"), None),
        (lambda: with_quote().encode("utf-8"), "text/html; charset=ISO-8859-1"),  # header beats the meta
        (lambda: with_quote().replace("utf-8", "windows-1252").encode("utf-8"), "text/html; charset=windows-1252"),
        (
            lambda: (
                with_quote().split(QUOTE)[0].encode() + QUOTE.encode("cp1252") + with_quote().split(QUOTE)[1].encode()
            ),
            "text/html; charset=utf-8",
        ),
        (lambda: with_quote().replace(QUOTE, QUOTE.encode().decode("sloppy-windows-1252")).encode("utf-8"), None),
        (
            lambda: (
                with_quote()
                .replace(QUOTE, QUOTE.encode().decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252"))
                .encode("utf-8")
            ),
            None,
        ),
    ],
    ids=[
        "cp1252-labelled-utf8-by-header",
        "cp1252-labelled-utf8-by-meta",
        "cp1252-unlabelled",
        "utf8-labelled-latin1-by-meta",
        "utf8-labelled-latin1-by-header",
        "utf8-labelled-cp1252",
        "cp1252-paragraph-in-utf8-page",
        "mojibake-in-utf8",
        "double-mojibake-in-utf8",
    ],
)
def test_mislabelled_encodings_give_correct_text(
    build: Callable[[], bytes], content_type: str | None, quoted: dict[str, Any]
) -> None:
    parsed = parse_page(build(), URL, content_type=content_type, now=FROZEN_NOW)
    assert QUOTE in parsed.paragraphs[1]
    assert parsed.record["headline"] == HEADLINE
    assert parsed.paragraphs == quoted["body"].split("\n\n")
    assert not any(mark in parsed.record["body"] for mark in ("â€", "Ã", "\ufffd"))


def test_mojibake_in_other_fields_is_repaired() -> None:
    text = with_quote().replace("Dewi Anggraeni", "Dewi Anggraeni Suñé".encode().decode("sloppy-windows-1252"))
    text = text.replace(
        "Jalur sepeda sepanjang 2,4 kilometer kini", "“Jalur” sepeda kini".encode().decode("sloppy-windows-1252")
    )
    record = extract_article(text.encode("utf-8"), URL, now=FROZEN_NOW)
    assert record["editor"] == "Dewi Anggraeni Suñé"
    assert record["summary"].startswith("“Jalur” sepeda kini")


def test_lost_bytes_in_the_headline_are_refused() -> None:
    text = retitle(sample(), HEADLINE.replace("Merdeka", "Merd\ufffd\ufffdka"))
    refused = refusal(text.encode("utf-8"))
    assert refused.reason == "bad_encoding" and "headline" in refused.detail


def test_a_body_riddled_with_lost_bytes_is_refused() -> None:
    text = sample()
    start, end = text.index('<article class="read__content'), text.index("</article>")
    block = text[start:end].replace("a", "\ufffd", 40)  # one lost character in twenty
    assert refusal(text[:start] + block + text[end:]).reason == "bad_encoding"


def test_one_lost_character_in_an_article_is_kept(baseline: dict[str, Any]) -> None:
    text = sample().replace("Pemerintah kota berharap", "Pemerintah kota \ufffd berharap")
    record = extract_article(text, URL, now=FROZEN_NOW)
    assert record["body"] == baseline["body"].replace("Pemerintah kota berharap", "Pemerintah kota \ufffd berharap")


def test_a_page_in_another_encoding_labelled_utf8_is_refused() -> None:
    """GBK bytes under a UTF-8 label: no repair makes them readable, so no record."""
    chinese = "雅加达洪水导致数千名居民撤离，政府在北部沿海地区设立了临时避难所。"
    text = sample()
    start, end = text.index('<article class="read__content'), text.index("</article>")
    block = '<article class="read__content clearfix" itemprop="articleBody">' + f"<p>{chinese}</p>" * 6
    data = (text[:start] + "@@BLOCK@@" + text[end:]).encode("utf-8").replace(b"@@BLOCK@@", block.encode("gbk"))
    assert refusal(data, content_type="text/html; charset=utf-8").reason == "bad_encoding"


def test_decode_html_repairs_labels_at_the_byte_level() -> None:
    assert decode_html("Café “x”".encode("cp1252"), "text/html; charset=utf-8") == "Café “x”"
    assert decode_html("Café “x”".encode(), "text/html; charset=iso-8859-1") == "Café “x”"
    # A truncated multi-byte character at the very end is dropped, not turned into garbage.
    assert decode_html("<p>Café –".encode()[:-1], "text/html; charset=utf-8") == "<p>Café "
    # A real latin-1 page keeps its characters.
    assert decode_html("<p>Café</p>".encode("latin-1"), "text/html; charset=iso-8859-1") == "<p>Café</p>"


# -- size and depth ---------------------------------------------------------------------------------------


def test_a_page_over_the_size_bound_is_refused_before_parsing() -> None:
    data = SAMPLE_FILE.read_bytes()
    big = data.replace(b"</body>", b" " * (MAX_PAGE_BYTES + 1 - len(data)) + b"</body>")
    assert len(big) == MAX_PAGE_BYTES + 1
    assert refusal(big).reason == "too_large"
    assert refusal(big.decode("utf-8")).reason == "too_large"


def test_megabytes_of_furniture_around_the_article_do_not_change_the_record(baseline: dict[str, Any]) -> None:
    text = before_body_end(sample(), "<div class='footer'>" + paragraphs(80_000) + "</div>")
    assert len(text) > 6 * MB
    same_record(extract_article(text, URL, now=FROZEN_NOW), baseline)


def test_a_huge_text_node_is_refused() -> None:
    """libxml2 stops at a text node over 10 MB without XML_PARSE_HUGE: refused, not read in part."""
    text = before_body_end(sample(), "<script>var data = '" + "a" * (11 * MB) + "';</script>")
    assert refusal(text).reason == "too_large"


def test_an_article_body_of_megabytes_is_refused() -> None:
    text = in_body(sample(), paragraphs(MAX_BODY_CHARS // 60))
    refused = refusal(text)
    assert refused.reason == "too_large" and "characters of text" in refused.detail


def test_megabytes_of_text_in_a_deep_block_are_refused_early() -> None:
    body = "<h1>Judul Berita yang Cukup Panjang</h1>" + "<div>" * 200 + paragraphs(40_000) + "</div>" * 200
    refused = refusal(generic_page("<title>Judul Berita yang Cukup Panjang</title>", body), GENERIC_URL)
    assert refused.reason == "too_large" and "article block" in refused.detail


@pytest.mark.parametrize("depth", [300, 200_000])
def test_a_dom_nested_beyond_the_parser_limit_is_refused(depth: int) -> None:
    deep = "<div>" * depth + "tengah" + "</div>" * depth
    assert refusal(f"<html><body>{deep}</body></html>").reason == "too_deep"
    # Before the article or after it: the parser drops everything past the limit, so either way it is refused.
    assert refusal(sample().replace('<h1 class="read__title">', deep + '<h1 class="read__title">')).reason == "too_deep"
    assert refusal(before_body_end(sample(), deep)).reason == "too_deep"


def test_unclosed_tags_that_nest_past_the_limit_are_refused() -> None:
    assert refusal(before_body_end(sample(), "<div><font>" * 200)).reason == "too_deep"


def test_an_article_nested_200_deep_is_read(baseline: dict[str, Any]) -> None:
    text = sample()
    start, end = text.index('<article class="read__content'), text.index("</article>") + len("</article>")
    text = text[:start] + "<div>" * 200 + text[start:end] + "</div>" * 200 + text[end:]
    same_record(extract_article(text, URL, now=FROZEN_NOW), baseline)


def test_link_stats_equal_measuring_each_element() -> None:
    """The one-pass link statistics give what measuring each element's text on its own gives."""
    html = (
        "<div id='c'> <p>Satu\xa0 dua <a href='/a'> tautan \u200b satu </a> tiga</p><!-- komentar --> ekor "
        "<div><ul><li><a href='/b'>B</a></li><li> <a href='/c'>C <a href='/d'>D</a></a> </li></ul>\n\t</div>"
        "<p> </p><p>\u200b</p><section><p>x<br>y</p><table><tr><td><a href='/e'>E e</a></td></tr></table>"
        "</section></div>"
    )
    container = lxml.html.fragment_fromstring(html)
    stats = _link_stats(container)
    for node in container.iter():
        if not isinstance(node.tag, str):
            continue
        text = len(collapse_ws(node.text_content()))
        links = list(node.iter("a"))
        link_text = sum(len(collapse_ws(a.text_content())) for a in links)
        assert stats[node] == ((link_text / text if text else 0.0), len(links), text), lxml.html.tostring(node)


# -- soft 404 ------------------------------------------------------------------------------------------------


def prmn_not_found(title: str, notice: str) -> str:
    """The PRMN template serving a not-found page with 200: the notice, then the portal's latest news."""
    text = retitle(sample(), title)
    start, end = text.index('<article class="read__content'), text.index("</article>")
    latest = "".join(
        f"<p>Berita terbaru {i}: pemerintah kota meresmikan fasilitas publik baru yang dibangun selama enam bulan "
        f"terakhir dan warga menyambut baik kehadirannya di pusat kota.</p>"
        for i in range(6)
    )
    return text[:start] + '<article class="read__content">' + f"<p>{notice}</p>" + latest + text[end:]


@pytest.mark.parametrize(
    "html",
    [
        prmn_not_found("Halaman Tidak Ditemukan", "Maaf, halaman yang Anda cari tidak ditemukan atau sudah dihapus."),
        prmn_not_found("Artikel tidak ditemukan", "Artikel yang Anda cari mungkin sudah dipindahkan."),
        prmn_not_found("404", "Silakan kembali ke beranda untuk membaca berita lainnya."),
        prmn_not_found("Error 404 - Page Not Found", "Kembali ke beranda."),
        generic_page(
            "<title>Page not found – Kabar Contoh</title>",
            "<h1>Oops! That page can’t be found.</h1><main><p>It looks like nothing was found at this location. "
            "Maybe try one of the links below or a search?</p>" + teaser_items(3, heading="h2") + "</main>",
        ),
        generic_page(
            "<title>Kabar Contoh</title><meta property='og:type' content='website'>",
            "<h1>Kabar Contoh Hari Ini</h1><div class='content'><p>Maaf, halaman yang Anda cari tidak tersedia. "
            "Berikut berita pilihan redaksi untuk Anda:</p>"
            + "".join(
                f"<p>Berita pilihan {i}: banjir rob menggenangi permukiman warga pesisir utara sejak pagi hari dan "
                f"petugas gabungan mulai mengevakuasi warga lanjut usia.</p>"
                for i in range(8)
            )
            + "</div>",
        ),
    ],
    ids=["halaman-tidak-ditemukan", "artikel-tidak-ditemukan", "title-404", "error-404", "wordpress-404", "notice"],
)
def test_soft_404_pages_are_refused(html: str) -> None:
    url = URL if "Mantra Sukabumi" in html else GENERIC_URL
    assert refusal(html, url).reason == "soft_404"


def test_articles_that_mention_404_or_a_missing_page_are_kept() -> None:
    headline = "Situs Pendaftaran CPNS Sempat Tampilkan Error 404, Pelamar Diminta Bersabar"
    text = in_body(
        retitle(sample(), headline),
        "<p>Sejak pagi, pelamar yang membuka laman pendaftaran mendapati pesan “404 Not Found” dan “Halaman "
        "tidak ditemukan”. Panitia menyebut gangguan terjadi karena lonjakan akses.</p>",
    )
    assert extract_article(text, URL, now=FROZEN_NOW)["headline"] == headline
    for headline in ("404 Warga Mengungsi Akibat Banjir di Kota Sukabumi", "Pencarian Hari Ketiga - Tidak Ditemukan"):
        assert extract_article(retitle(sample(), headline), URL, now=FROZEN_NOW)["headline"] == headline
    # A lede quoting the notice, on a page that declares itself an article.
    lede = sample().replace(
        "<p>MANTRA SUKABUMI – Jalur", "<p>Halaman yang Anda cari tidak ditemukan, begitu pesan di situs dinas. Jalur"
    )
    assert extract_article(lede, URL, now=FROZEN_NOW)["body"].startswith("Halaman yang Anda cari tidak ditemukan")


def test_a_long_article_without_metadata_that_quotes_the_notice_is_kept() -> None:
    body = (
        "<h1>Warga Keluhkan Situs Pajak yang Tidak Dapat Diakses</h1><article>"
        + "<p>Warga mengeluhkan laman pajak daerah yang menampilkan pesan halaman tidak ditemukan.</p>"
        + paragraphs(30, "petugas berjanji memperbaiki layanan daring sebelum batas pembayaran pajak berakhir")
        + "</article>"
    )
    html = generic_page("<title>Warga Keluhkan Situs Pajak yang Tidak Dapat Diakses</title>", body)
    assert extract_article(html, GENERIC_URL, now=FROZEN_NOW)["headline"].startswith("Warga Keluhkan")


# -- listings reached by article URLs ------------------------------------------------------------------------


def search_page_in_prmn_template() -> str:
    text = retitle(sample(), "Hasil Pencarian: jalur sepeda")
    text = text.replace('content="article"', 'content="website"').replace("article:published_time", "x")
    text = "".join(part.split("</script>", 1)[-1] for part in text.split('<script type="application/ld+json">'))
    start, end = text.index('<article class="read__content'), text.index("</article>")
    return text[:start] + '<article class="read__content">' + teaser_items(10) + text[end:]


@pytest.mark.parametrize(
    ("html", "url"),
    [
        (search_page_in_prmn_template(), URL),
        (
            generic_page(
                "<title>Banjir Archives - Kabar Contoh</title><script type='application/ld+json'>"
                '{"@context": "https://schema.org", "@graph": [{"@type": "CollectionPage", "name": "Banjir"}]}'
                "</script>",
                "<h1>Banjir</h1><main>" + teaser_items(6, wrap="article") + "</main>",
            ),
            GENERIC_URL,
        ),
        (
            generic_page("<title>Kabar Contoh</title>", "<main>" + teaser_items(6, heading="h3") + "</main>"),
            GENERIC_URL,
        ),
        (
            generic_page(
                "<title>Tag: Banjir Rob | Kabar Contoh</title>",
                "<h1>Tag: Banjir Rob</h1><div class='list'>" + teaser_items(2) + "</div>",
            ),
            GENERIC_URL,
        ),
        (
            sample().replace(
                '<meta property="og:url"',
                '<link rel="canonical" href="https://mantrasukabumi.pikiran-rakyat.com/tag/sepeda">'
                '<meta property="og:url"',
            ),
            URL,
        ),
    ],
    ids=["search-in-article-template", "collection-page", "teasers-without-metadata", "tag-title", "tag-canonical"],
)
def test_listing_pages_at_article_urls_are_refused(html: str, url: str) -> None:
    assert refusal(html, url).reason == "not_article"


def test_an_article_with_a_block_of_related_headlines_is_kept(baseline: dict[str, Any]) -> None:
    related = "<div class='lainnya'>" + teaser_items(6, heading="h3") + "</div>"
    text = sample().replace("<p>Sumber: Mantra Sukabumi</p>", "<p>Sumber: Mantra Sukabumi</p>" + related)
    same_record(extract_article(text, URL, now=FROZEN_NOW), baseline)


# -- the extract command -----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    data: Callable[[], bytes]
    reason: str


CLI_CASES = [
    Case("empty", lambda: b"", "empty"),
    Case("pdf", lambda: b"%PDF-1.7\n" + bytes(range(256)) * 4, "not_html"),
    Case("jpeg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4, "not_html"),
    Case("deep", lambda: b"<html><body>" + b"<div>" * 200_000 + b"</body></html>", "too_deep"),
    Case("huge", lambda: SAMPLE_FILE.read_bytes() + b" " * MAX_PAGE_BYTES, "too_large"),
    Case("truncated", cut_in_body, "truncated"),
    Case("soft-404", lambda: prmn_not_found("Halaman Tidak Ditemukan", "Maaf.").encode(), "soft_404"),
    Case("search", lambda: search_page_in_prmn_template().encode(), "not_article"),
    Case(
        "lost-bytes",
        lambda: retitle(sample(), "Jalur \ufffd\ufffd Sepeda Baru di Kota Sukabumi").encode(),
        "bad_encoding",
    ),
]


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.name for c in CLI_CASES])
def test_cli_refuses_each_hostile_page_with_one_line(case: Case, tmp_path: Path) -> None:
    page = tmp_path / f"{case.name}.html"
    page.write_bytes(case.data())
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", "--url", URL, str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newscrawl: refused ") and f": {case.reason}: " in lines[0]
    assert "Traceback" not in result.stderr


def test_cli_writes_the_record_of_a_mislabelled_page(tmp_path: Path) -> None:
    page = tmp_path / "cp1252.html"
    page.write_bytes(with_quote().encode("cp1252"))
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl", "extract", "--url", URL, str(page)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert QUOTE in result.stdout and result.stderr == ""


# -- a crawl: every refusal counted and logged, every good page written ----------------------------------------


def test_crawl_counts_each_hostile_page_by_reason(tmp_path: Path) -> None:
    base = "https://kabar.example.id/berita/"
    pages: dict[str, tuple[bytes, str, str]] = {
        "empty": (b"", "text/html", "empty"),
        "pdf": (b"%PDF-1.7\n" + bytes(range(256)), "text/html", "not_html"),
        "deep": (b"<html><body>" + b"<div>" * 100_000 + b"</body></html>", "text/html", "too_deep"),
        "cut": (cut_in_body(), "text/html; charset=utf-8", "truncated"),
        "soft-404": (prmn_not_found("Halaman Tidak Ditemukan", "Maaf.").encode(), "text/html", "soft_404"),
        "search": (search_page_in_prmn_template().encode(), "text/html", "not_article"),
        "gbk": (
            sample().replace("Jalur sepeda sepanjang", "雅加达洪水导致数千名居民撤离" * 60).encode("gb18030"),
            "text/html; charset=utf-8",
            "bad_encoding",
        ),
        "cp1252": (with_quote().encode("cp1252"), "text/html; charset=utf-8", "record"),
        "cut-in-footer": (sample()[: sample().index("&copy;2025")].encode(), "text/html", "record"),
    }
    # Directory-style URLs: the sample's JSON-LD names its page "4417702", relative to the URL it is served at.
    entries = [
        WarcEntry(f"{base}{name}/", 200, {"Content-Type": ctype}, body) for name, (body, ctype, _) in pages.items()
    ]
    warc = tmp_path / "hostile.warc.gz"
    write_warc(warc, entries)
    urls = ",".join(f"{base}{name}/" for name in pages)
    result = crawl("generic", tmp_path / "crawl", args={"urls": urls}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})

    expected: dict[str, int] = {}
    for _, _, reason in pages.values():
        expected[reason] = expected.get(reason, 0) + 1
    assert len(result.records) == expected.pop("record")
    dropped = {k.rsplit("/", 1)[1]: v for k, v in result.stats.items() if k.startswith("newscrawl/dropped/")}
    assert dropped == expected
    for reason in expected:
        assert f"dropped {reason}: " in result.log
    assert "Traceback" not in result.log and "spider_exceptions" not in str(result.stats)
    by_url = {r["url"].rsplit("/", 2)[1]: r for r in result.records}
    assert QUOTE in by_url["cp1252"]["body"]
    assert by_url["cut-in-footer"]["headline"] == HEADLINE
