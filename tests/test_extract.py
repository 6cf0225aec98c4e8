"""``extract_article`` and ``python -m newscrawl extract``: records, and clean refusals of non-articles."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.schema import schema_errors
from tests.conftest import FROZEN_NOW, ROOT, require_real_pages

PRMN_URL = (
    "https://zonajakarta.pikiran-rakyat.com/internasional/pr-18808737/"
    "walau-kena-covid-19-donald-trump-masih-berbahaya-karena-disampingnya-ada-pemicu-kiamat-dunia"
)
PRMN_FILE = "zonajakarta.pikiran-rakyat.com/pr-18808737-trump-covid-page2.html"

ARTICLE = """<html><head><title>Pasar Baru Dibuka - Kabar Contoh</title>
<meta property="og:site_name" content="Kabar Contoh">
<meta property="article:published_time" content="2025-03-03T09:05:00+08:00"></head>
<body><h1>Pasar Baru Dibuka</h1><div class="date">Senin, 3 Maret 2025 09:05 WITA</div>
<article><p>Pasar tradisional di pusat kota dibuka kembali setelah renovasi selama enam bulan.</p>
<p>Baca Juga: Harga Cabai Naik</p>
<p>Para pedagang menyambut gembira karena kios baru lebih bersih dan lapang dari sebelumnya.</p>
<p>Pemerintah kota berjanji menjaga kebersihan pasar dengan petugas khusus setiap hari.</p>
<p>Editor: Rina Wulandari</p></article></body></html>"""


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscrawl", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_extract_article_generic_page_keeps_wita_offset() -> None:
    record = extract_article(ARTICLE, "https://kabar.example.id/ekonomi/pasar-baru-dibuka?utm_source=x", now=FROZEN_NOW)
    assert record["url"] == "https://kabar.example.id/ekonomi/pasar-baru-dibuka"
    assert record["headline"] == "Pasar Baru Dibuka"
    assert record["published_at"] == "2025-03-03T09:05:00+08:00"
    assert record["published_at_raw"] == "Senin, 3 Maret 2025 09:05 WITA"
    assert record["editor"] == "Rina Wulandari"
    assert "Baca Juga" not in record["body"] and "Editor" not in record["body"]
    assert record["body"].count("\n\n") == 2
    assert record["crawled_at"] == "2026-11-26T10:00:00Z"
    assert schema_errors(record) == []


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "not_html"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_html"),
        (b"just some words, no markup at all", "not_html"),
        (b"<html><body><h1>Halaman Tidak Ditemukan</h1><p>404</p></body></html>", "soft_404"),
        (
            b"<html><body><h1>Indeks Berita Hari Ini</h1><div class='content'>"
            + b"".join(
                b"<p><a href='/a/%d'>Judul berita nomor %d yang cukup panjang</a></p>" % (i, i) for i in range(30)
            )
            + b"</div></body></html>",
            "not_article",
        ),
        (b"<html><body><h1>Judul Singkat</h1><article><p>Teks pendek sekali.</p></article></body></html>", "no_body"),
    ],
    ids=["empty", "pdf", "png", "plain-text", "error-page", "index-page", "too-short"],
)
def test_non_articles_are_refused(html: bytes, reason: str) -> None:
    with pytest.raises(Refused) as info:
        extract_article(html, "https://kabar.example.id/x/y")
    assert info.value.reason == reason


def test_short_body_refused_by_validation() -> None:
    html = (
        "<html><body><h1>Judul Berita Pendek</h1><article><p>" + "Kalimat pendek. " * 6 + "</p></article></body></html>"
    )
    with pytest.raises(Refused) as info:
        extract_article(html, "https://kabar.example.id/x/y")
    assert info.value.reason == "body_too_short"


def test_cli_prints_one_json_line_per_page() -> None:
    pages = require_real_pages()
    result = run_cli("extract", "--url", PRMN_URL + "?page=2", str(pages / PRMN_FILE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["url"] == PRMN_URL
    assert record["editor"] == "Beryl Santoso" and record["source"] == "Daily Mail"
    assert schema_errors(record) == []


def test_cli_manifest_and_refusal(tmp_path: Path) -> None:
    pages = require_real_pages()
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    manifest = tmp_path / "pages.tsv"
    manifest.write_text(
        f"url\tpath\n{PRMN_URL}\t{pages / PRMN_FILE}\nhttps://news.detik.com/indeks\t"
        f"{pages / 'news.detik.com/indeks-listing-2024-10.html'}\nhttps://x.example.id/a/b\t{binary}\n",
        encoding="utf-8",
    )
    result = run_cli("extract", "--manifest", str(manifest))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.splitlines()
    assert len(errors) == 2, result.stderr
    assert "news.detik.com/indeks" in errors[0] and "no_body" in errors[0]
    assert "not_html" in errors[1]
    assert "Traceback" not in result.stderr


def test_cli_missing_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("extract", "--url", "https://x.example.id/a", str(tmp_path / "nope.html"))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no_file" in result.stderr
    assert "Traceback" not in result.stderr


def test_visible_zoned_time_beats_a_time_element_that_labels_local_time_as_utc() -> None:
    html = """<html><head><meta property="og:type" content="article"></head><body>
    <h1>Banjir Rob Genangi Pesisir Utara</h1>
    <time datetime="2025-06-02T14:30:00Z" class="x">kemarin</time>
    <div class="date">Senin, 2 Juni 2025 14:30 WIB</div>
    <article><p>Banjir rob kembali menggenangi kawasan pesisir utara sejak siang hari dengan ketinggian air mencapai
    lutut orang dewasa.</p><p>Warga berharap tanggul laut segera diperbaiki sebelum musim pasang berikutnya tiba di
    wilayah tersebut.</p></article></body></html>"""
    record = extract_article(html, "https://kabar.example.id/daerah/banjir-rob", now=FROZEN_NOW)
    assert record["published_at"] == "2025-06-02T14:30:00+07:00"
    assert record["published_at_raw"] == "Senin, 2 Juni 2025 14:30 WIB"


def test_sidebar_dates_are_never_the_articles() -> None:
    html = """<html><body><h1>Jembatan Baru Diresmikan Bupati</h1>
    <div class="latest"><div class="latest__item"><span class="date">1 Januari 2030, 10:00 WIB</span></div></div>
    <aside><time datetime="2031-01-01T00:00:00+07:00">1 Januari 2031</time></aside>
    <meta property="article:published_time" content="2025-02-03T08:00:00+07:00">
    <article><p>Jembatan penghubung dua desa akhirnya diresmikan oleh bupati setelah dibangun selama delapan
    bulan oleh dinas pekerjaan umum bersama warga sekitar.</p><p>Warga kini tidak perlu memutar sejauh lima
    kilometer untuk menuju pasar kecamatan setiap
    pagi.</p></article></body></html>"""
    record = extract_article(html, "https://kabar.example.id/daerah/jembatan", now=FROZEN_NOW)
    assert record["published_at"] == "2025-02-03T08:00:00+07:00"
