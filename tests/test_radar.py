"""Jawa Pos Radar: embedded JSON (Inertia ``data-page``, ``__NEXT_DATA__``) as the primary source of every
field, the legacy DOM and generic layers behind it, listing discovery, and a real ``scrapy crawl radar`` over
WARC replay of the fixture portals (tests/fixtures/sites/radar, see EXPECTED.md there)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.html
import pytest

import newscrawl.sites.radar as radar_module
from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import network_for, network_named
from newscrawl.sites.radar import Radar, embedded_article
from tests.conftest import FIXTURE_SITES, FROZEN_NOW, manifest_files
from tests.crawling import crawl

SITE = FIXTURE_SITES / "radar"
MANIFEST = SITE / "manifest.tsv"
RADAR = network_named("radar")

A = "https://radarkediri.jawapos.com/kabupaten-kediri/2611190021/jembatan-gantung-desa-sumberagung-rampung-warga-tak-lagi-memutar-12-kilometer"
B = "https://radarbali.jawapos.com/denpasar/2611190047/pedagang-pasar-badung-pindah-sementara-ke-parkir-timur-selama-revitalisasi-atap"
MALANG = (
    "https://radarmalang.jawapos.com/kota-malang/2611190102/jalur-sepeda-jalan-ijen-diperpanjang-hingga-simpang-balapan"
)
WWW = "https://www.jawapos.com/nasional/2611190088/dpr-setujui-rancangan-undang-undang-penyiaran-dibawa-ke-paripurna"
NGADILUWIH = "https://radarkediri.jawapos.com/kabupaten-kediri/2611120015/jembatan-gantung-ngadiluwih-ditutup-sementara-usai-tali-baja-putus"
LISTING = "https://radarkediri.jawapos.com/indeks-berita"
TAG = "https://radarkediri.jawapos.com/tag/jembatan-gantung"
SITES = "radarkediri.jawapos.com,radarbali.jawapos.com"

ARTICLES: dict[str, dict[str, Any]] = {
    A: {
        "headline": "Jembatan Gantung Desa Sumberagung Rampung, Warga Tak Lagi Memutar 12 Kilometer",
        "published_at": "2026-11-19T08:10:08+07:00",
        "published_at_raw": "2026-11-19 08:10:08",
        "authors": ["Rekian Adi Pratama"],
        "editor": "Fajar Setiawan",
        "source": None,
        "tags": ["jembatan gantung", "Plosoklaten", "dana desa"],
        "category": "Kabupaten Kediri",
        "site_name": "Radar Kediri",
        "image_url": "https://cdn-radar.jawapos.com/images/radarkediri/2026/11/19/jembatan-gantung-sumberagung.jpg",
        "image_caption": "Warga melintasi jembatan gantung baru di Desa Sumberagung, Kecamatan Plosoklaten, "
        "Rabu (18/11). (Foto: Rekian/Radar Kediri)",
        "summary": "Jembatan gantung sepanjang 48 meter di atas Sungai Konto rampung. Warga Dusun Krajan tak perlu "
        "lagi memutar 12 kilometer ke pasar kecamatan.",
        "body": [
            "Warga Dusun Krajan, Desa Sumberagung, Kecamatan Plosoklaten kini tak perlu lagi memutar sejauh 12 "
            "kilometer untuk menuju pasar kecamatan. Jembatan gantung sepanjang 48 meter yang melintasi Sungai "
            "Konto rampung dikerjakan pekan ini.",
            "Kepala Desa Sumberagung, Slamet Riyadi, mengatakan jembatan itu dibangun dengan dana desa dan "
            "bantuan keuangan provinsi senilai Rp 1,2 miliar. Pengerjaan dimulai sejak Juli lalu dan sempat "
            "terhenti dua pekan karena debit sungai naik.",
            "“Dulu anak-anak sekolah harus menyeberang pakai getek kalau air surut. Kalau banjir, ya terpaksa "
            "memutar lewat Jalan Raya Pare,” ujar Slamet saat ditemui di lokasi, Rabu (18/11).",
            "Jembatan selebar 1,5 meter itu dirancang hanya untuk pejalan kaki dan sepeda motor. Beban "
            "maksimalnya dibatasi 500 kilogram, sehingga pemerintah desa memasang portal besi di kedua ujung "
            "agar mobil tidak masuk.",
            "Camat Plosoklaten, Dwi Hartono, meminta warga ikut merawat jembatan tersebut. Menurutnya, kerusakan "
            "kecil seperti baut yang kendur atau papan lantai yang lapuk harus segera dilaporkan ke perangkat "
            "desa.",
            "Pemkab Kediri berencana membangun dua jembatan serupa di Kecamatan Kandangan dan Puncu pada 2027. "
            "Usulan itu sudah masuk rencana kerja Dinas Pekerjaan Umum dan Penataan Ruang.",
        ],
        "not_in_body": (
            "Baca Juga",
            "Dinas PUPR Kediri Tambal 40 Titik",
            "Sungai Konto Meluap",
            "(rek/fa)",
            "Foto: Rekian",
            "Harga Cabai Rawit",
            "Aktifkan JavaScript",
        ),
        "fallbacks": [],
    },
    B: {
        "headline": "Pedagang Pasar Badung Pindah Sementara ke Parkir Timur Selama Revitalisasi Atap",
        "published_at": "2026-11-19T21:45:00+08:00",
        "published_at_raw": "2026-11-19 21:45:00",
        "authors": ["Ni Luh Putu Ayu Wulandari", "I Made Dwija"],
        "editor": "Yoga Pramana Putra",
        "source": None,
        "tags": ["Pasar Badung", "revitalisasi pasar", "Denpasar"],
        "category": "Denpasar",
        "site_name": "Radar Bali",
        "image_url": "https://cdn-radar.jawapos.com/images/radarbali/2026/11/19/pasar-badung-los-sementara.jpg",
        "image_caption": None,
        "summary": "Sebanyak 214 pedagang Pasar Badung menempati los sementara di parkir timur selama atap pasar "
        "diperbaiki.",
        "body": [
            "Sebanyak 214 pedagang Pasar Badung mulai menempati los sementara di area parkir timur, Kamis (19/11). "
            "Mereka dipindahkan selama atap gedung utama pasar diperbaiki.",
            "Direktur Utama Perumda Pasar Sewakadarma, Ida Bagus Kompyang Wiranata, mengatakan perbaikan atap "
            "ditargetkan selesai dalam 75 hari kerja. Kebocoran di lantai tiga membuat sebagian los tergenang "
            "setiap hujan deras.",
            "Los sementara dibangun dari rangka baja ringan dengan atap galvalum. Setiap pedagang mendapat lapak "
            "berukuran dua kali dua meter, lengkap dengan penerangan dan akses air bersih.",
            "Ni Wayan Sukerti, pedagang canang dan bunga, mengaku tidak keberatan pindah sementara. “Yang penting "
            "pembeli tahu kami di mana. Hari pertama memang masih sepi,” katanya.",
            "Perumda memasang papan petunjuk di pintu masuk Jalan Sulawesi dan Jalan Gajah Mada agar pengunjung "
            "tidak kebingungan. Petugas keamanan pasar juga ditambah menjadi 24 orang per hari.",
            "Setelah atap selesai diperbaiki, pedagang akan kembali ke los semula sesuai nomor undian yang sudah "
            "dibagikan sebelum pemindahan.",
        ],
        "not_in_body": ("Baca Juga", "Jalan Gajah Mada Ditutup", "Editor:", "Bagikan", "Terpopuler", "Ngaben Massal"),
        "fallbacks": ["image_caption"],
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
    "summary",
)


FILES = manifest_files(MANIFEST)


def page(url: str) -> str:
    return FILES[url].read_text(encoding="utf-8")


def hrefs(url: str) -> list[str]:
    root = lxml.html.fromstring(page(url))
    return [urljoin(url, a.get("href").strip()) for a in root.iter("a") if a.get("href")]


def assert_article(record: dict[str, Any], url: str) -> None:
    want = ARTICLES[url]
    assert record["url"] == url
    assert record["network"] == "radar"
    assert record["page_count"] == 1
    for field in FIELDS:
        assert record[field] == want[field], field
    paragraphs = str(record["body"]).split("\n\n")
    assert paragraphs == want["body"]
    assert len(set(paragraphs)) == len(paragraphs)
    for marker in want["not_in_body"]:
        assert marker not in record["body"], marker
    assert schema_errors(dict(record)) == []


# -- one page at a time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("page_url", "article"),
    [(A, A), (A + "?page=2", A), (B, B), (B + "?utm_source=radarkediri&page=2", B)],
    ids=["a-inertia", "a-page2-same-html", "b-next-data", "b-tracking-page2"],
)
def test_extract_every_field_from_the_embedded_json(page_url: str, article: str) -> None:
    html_text = page(article)
    record = extract_article(html_text, page_url, now=FROZEN_NOW)
    assert_article(record, article)
    parsed = parse_page(html_text, page_url, now=FROZEN_NOW)
    assert parsed.fallbacks == ARTICLES[article]["fallbacks"]
    # totalPages 2 and <p class="page"> split the text on the client only: nothing to follow.
    assert parsed.pagination.complete and parsed.pagination.total == 1


def test_inertia_json_is_read_from_the_single_quoted_attribute() -> None:
    text = page(A)
    assert "data-page='" in text and "&#39;" not in text.split("data-page='", 1)[0]
    article = embedded_article(lxml.html.fromstring(text))
    assert article["article_id"] == "2611190021"
    assert '<p class="page"></p>' in article["content"]


def test_next_data_removed_falls_back_to_the_legacy_dom() -> None:
    text = re.sub(r'<script id="__NEXT_DATA__".*?</script>', "", page(B), flags=re.S)
    assert "__NEXT_DATA__" not in text
    parsed = parse_page(text, B, now=FROZEN_NOW)
    want = ARTICLES[B]
    for field in ("headline", "published_at", "authors", "editor", "tags", "category", "site_name"):
        assert parsed.record[field] == want[field], field
    assert parsed.record["published_at_raw"] == "Kamis, 19 November 2026 | 21:45 WITA"
    assert parsed.paragraphs == want["body"]
    # headline, date, authors, body, category: legacy DOM (own rules); editor, tags: generic layer.
    assert sorted(parsed.fallbacks) == ["editor", "image_caption", "tags"]


def test_changed_template_without_json_falls_back_to_the_generic_layer() -> None:
    text = re.sub(r'<script id="__NEXT_DATA__".*?</script>', "", page(B), flags=re.S)
    for old, new in (("read__title", "judul-x"), ("read__info__date", "tgl-x"), ("read__info__author", "nama-x")):
        text = text.replace(old, new)
    text = text.replace("read__content", "isi-x").replace('class="isi-x clearfix"', 'class="post-content"')
    parsed = parse_page(text, B, now=FROZEN_NOW)
    assert {"headline", "published_at", "authors", "body"} <= set(parsed.fallbacks)
    assert parsed.record["headline"] == ARTICLES[B]["headline"]  # og:title
    assert parsed.paragraphs == ARTICLES[B]["body"]  # div.post-content


def test_inertia_page_without_json_has_no_body_and_is_refused() -> None:
    text = re.sub(r"<div id=\"app\" data-page='.*?'></div>", '<div id="app"></div>', page(A), flags=re.S)
    assert "data-page" not in text
    with pytest.raises(Refused) as info:
        parse_page(text, A, now=FROZEN_NOW)
    assert info.value.reason == "no_body"


@pytest.mark.parametrize("form", ["script-element", "news-key", "data-wrapper"])
def test_other_embedded_json_shapes(form: str) -> None:
    item = {
        "title": "Pasar Ikan Higienis Probolinggo Mulai Beroperasi &amp; Ramai Pembeli",
        "content": "<p><strong>PROBOLINGGO, RADARBROMO.ID</strong> – Pasar ikan higienis di Kelurahan Mayangan "
        "mulai beroperasi, Senin (16/11). Puluhan pedagang ikan laut menempati lapak baru yang dilengkapi "
        "saluran pembuangan dan ruang pendingin.</p><p>Pengelola pasar menargetkan seratus pedagang pindah "
        "sebelum akhir tahun.</p>",
        "date": "2026-11-16 10:00:00",
        "author": {"name": "Hendra Saputra"},
        "editor": "Lukman Hakim",
        "category": "Probolinggo",
        "tags": ["pasar ikan", "#Mayangan"],
        "image": {"url": "/images/pasar-ikan.jpg"},
    }
    props: dict[str, Any]
    if form == "news-key":
        props = {"news": item}
    elif form == "data-wrapper":
        props = {"article": {"data": item}}
    else:
        props = {"article": item}
    data = json.dumps({"component": "Article/Show", "props": props, "url": "/x", "version": "1"})
    if form == "script-element":
        app = f'<script data-page="app" type="application/json">{data}</script><div id="app"></div>'
    else:
        app = f'<div id="app" data-page="{html.escape(data, quote=True)}"></div>'
    url = "https://radarbromo.jawapos.com/probolinggo/2611160009/pasar-ikan-higienis-probolinggo-mulai-beroperasi"
    parsed = parse_page(f"<html><head><title>x</title></head><body>{app}</body></html>", url, now=FROZEN_NOW)
    record = parsed.record
    assert record["headline"] == "Pasar Ikan Higienis Probolinggo Mulai Beroperasi & Ramai Pembeli"
    assert record["published_at"] == "2026-11-16T10:00:00+07:00"
    assert record["authors"] == ["Hendra Saputra"] and record["editor"] == "Lukman Hakim"
    assert record["category"] == "Probolinggo" and record["tags"] == ["pasar ikan", "Mayangan"]
    assert record["image_url"] == "https://radarbromo.jawapos.com/images/pasar-ikan.jpg"
    assert parsed.paragraphs[0].startswith("Pasar ikan higienis di Kelurahan Mayangan")
    assert len(parsed.paragraphs) == 2


# -- URLs, portals, zones ----------------------------------------------------------------------------


def test_url_rules_and_portal_scope() -> None:
    assert isinstance(network_for(A), Radar) and isinstance(network_for(WWW), Radar)
    for url in (A, B, MALANG, WWW, NGADILUWIH, "https://radarjember.jawapos.com/bondowoso/791102263/judul-x"):
        assert RADAR.is_article_url(url), url
    for url in (
        LISTING,
        TAG,
        "https://radarkediri.jawapos.com/search?q=banjir",
        "https://radarkediri.jawapos.com/kabupaten-kediri",
        "https://radarkediri.jawapos.com/read/2017/03/02/1024/pasar-pahing-kediri",
        "https://radarkediri.jawapos.com/tag/2611190021/slug-like",
        "https://jawapos.com.example.org/kota/2611190021/x",
    ):
        assert not RADAR.is_article_url(url), url
    # Regional: listed portals and any radar*.jawapos.com host; www.jawapos.com is national.
    assert RADAR.is_portal(A) and RADAR.is_portal(B) and RADAR.is_portal(MALANG)
    assert RADAR.is_portal("https://pontianakpost.jawapos.com/daerah/2611190001/x")
    assert not RADAR.is_portal(WWW) and not RADAR.is_portal("https://cdn-assets.jawapos.com/x")
    assert "www.jawapos.com" not in RADAR.portals
    assert RADAR.offset_for(B) == "+08:00" and RADAR.offset_for(A) == "+07:00"
    assert RADAR.offset_for("https://pontianakpost.jawapos.com/daerah/2611190001/x") == "+07:00"
    assert RADAR.canonicalize(A + "?page=2&utm_source=wa#top") == A


def test_module_declares_how_it_was_checked() -> None:
    assert RADAR.checked == "reference only" and RADAR.real_pages == ()
    assert RADAR.unverified and RADAR.full_text_url(A) is None
    assert not RADAR.has_dated_index() and RADAR.listing_paths == ("/indeks-berita",)
    assert RADAR.listing_page_url(LISTING, 2) == LISTING + "?page=2"
    assert "reference only" in (radar_module.__doc__ or "")


# -- discovery ---------------------------------------------------------------------------------------


def test_listing_links_only_the_articles() -> None:
    links = hrefs(LISTING)
    articles = {RADAR.canonicalize(u) for u in links if RADAR.is_article_url(u)}
    assert articles == {A, B, MALANG, WWW}
    in_sites = {u for u in articles if RADAR.portal_of(u) in SITES.split(",")}
    assert in_sites == {A, B}
    assert {u for u in articles if RADAR.is_portal(u)} == {A, B, MALANG}  # default run: never www
    assert not any(RADAR.is_article_url(u) for u in hrefs(LISTING + "?page=2"))


def test_json_only_listing_needs_listing_links() -> None:
    # The tag page has no <a> to articles: only its Inertia JSON lists them.
    assert not [u for u in hrefs(TAG) if RADAR.is_article_url(u)]
    radar = Radar()
    assert radar.listing_links(page(TAG), TAG) == [A, NGADILUWIH]
    assert radar.listing_links(page(LISTING), LISTING) == [A]
    assert radar.listing_links(page(A), A) == []
    assert radar.listing_links(b"", TAG) == []


def test_the_spider_takes_json_only_listing_links() -> None:
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from newscrawl.spiders.networks import RadarSpider

    crawler = get_crawler(RadarSpider, {"NEWSCRAWL_STATE": False})
    spider = RadarSpider.from_crawler(crawler, sites="radarkediri.jawapos.com")
    response = HtmlResponse(TAG, body=page(TAG).encode("utf-8"), encoding="utf-8")
    assert spider.article_links(response) == [A, NGADILUWIH]


# -- end to end --------------------------------------------------------------------------------------


def test_crawl_discovers_exactly_the_portal_articles(warc: Path, tmp_path: Path) -> None:
    result = crawl(
        "radar",
        tmp_path,
        args={"sites": SITES, "since": "2026-11-19", "until": "2026-11-19"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
    )
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, record["url"])
    stats = result.stats
    assert stats.get("newscrawl/replay/missing", 0) == 0  # never ?page=2, never radarmalang/www articles
    assert stats.get("newscrawl/discovery/listing_pages") == 2  # /indeks-berita and ?page=2 (empty: stop)
    fallbacks = {k: v for k, v in stats.items() if k.startswith("newscrawl/fallback/radar/")}
    assert fallbacks == {"newscrawl/fallback/radar/image_caption": 1}
    assert stats.get("robotstxt/forbidden", 0) == 0


def test_crawl_by_url_takes_page_one_and_never_follows_pages(warc: Path, tmp_path: Path) -> None:
    urls = f"{A}?page=2,{B}?utm_source=wa&page=2"
    result = crawl("radar", tmp_path, args={"urls": urls}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert sorted(r["url"] for r in result.records) == sorted([A, B])
    for record in result.records:
        assert_article(record, record["url"])
    assert result.stats.get("newscrawl/replay/missing", 0) == 0
