"""The generic layer on templates no module knows: written pages in the structure of old and odd real templates.

Every page here is written for the test (our own text), in a layout real portals use: text split by ``<br>`` in
one ``td`` (2000s table layouts), text straight in a ``span`` (CNN Indonesia 2018), paragraphs spread over
sibling ``div``s cut by ads, inline "Baca Juga" plugin boxes, WordPress themes that write local wall-clock time
with ``+00:00``, a dateline that prints only a time, "2 jam lalu", titles with site names at either end, an
"Oleh : Name / INITIALS" byline, photo stories. Each test states the rule, and would fail without it.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.datelines import date_in_text, url_day
from newscrawl.record import parse_page
from newscrawl.schema import schema_errors
from newscrawl.sites import GENERIC
from newscrawl.text import strip_site_names
from tests.conftest import FROZEN_NOW

PARAS = [
    "Pemerintah kabupaten meresmikan pasar rakyat yang baru dibangun di tepi sungai pada Senin pagi, disaksikan "
    "ratusan pedagang yang sudah menunggu sejak subuh.",
    "Bupati mengatakan pasar itu menampung empat ratus pedagang yang sebelumnya berjualan di bahu jalan dan "
    "kerap membuat lalu lintas tersendat pada jam sibuk.",
    "Para pedagang menyambut baik pasar baru tersebut, meski sebagian meminta agar biaya sewa kios tidak "
    "dinaikkan selama tahun pertama.",
    "Dinas perdagangan berjanji memantau harga bahan pokok di pasar itu setiap pekan dan melaporkannya kepada "
    "warga melalui papan pengumuman.",
]
HEADLINE = "Pasar Rakyat Tepi Sungai Diresmikan, Empat Ratus Pedagang Pindah"


def page(body: str, head: str = "", title: str = HEADLINE) -> str:
    return (
        f"<html><head><title>{title}</title>{head}</head><body>"
        "<div id='menu'><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a></div>"
        f"{body}"
        "<div class='footer'>Hak cipta dilindungi undang-undang.</div></body></html>"
    )


def extract(html: str, url: str = "https://kabar-lama.example.id/berita/2016/02/16/pasar-rakyat") -> dict[str, Any]:
    return extract_article(html, url, now=FROZEN_NOW)


# -- body in any layout -----------------------------------------------------------------------------------


def test_text_split_by_br_in_one_table_cell() -> None:
    cell = "<br><br>".join(PARAS)
    html = page(f"<table><tr><td class='judul'><h1>{HEADLINE}</h1></td></tr><tr><td>{cell}</td></tr></table>")
    assert extract(html)["body"].split("\n\n") == PARAS


def test_text_written_straight_into_a_span_with_a_dateline_and_a_read_also_box() -> None:
    box = (
        "<table class='linksisip'><tr><td><h5>Lihat juga:</h5>"
        "<a href='/b/2'>Judul Berita Lain Di Situs Ini</a></td></tr></table>"
    )
    text = f"Kota Baru, Kabar Lama -- {PARAS[0]}<br><br>{PARAS[1]}<br><br>{box}{PARAS[2]}<br><br>{PARAS[3]}"
    text += " <b>(abc/def)</b>"
    html = page(f"<h1 class='title'>{HEADLINE}</h1><span id='isi'>{text}</span>")
    record = extract(html)
    assert record["body"].split("\n\n") == PARAS
    assert "Judul Berita Lain" not in record["body"]


def test_paragraphs_spread_over_sibling_containers_cut_by_ads() -> None:
    parts = "".join(
        f"<div class='paragraf'><p>{text}</p></div><div class='iklan'><a href='/promo'>Promo</a></div>"
        for text in PARAS
    )
    html = page(f"<div class='isi'><h1>{HEADLINE}</h1>{parts}</div>")
    assert extract(html)["body"].split("\n\n") == PARAS


def test_inline_baca_juga_plugin_box_between_paragraphs_is_dropped() -> None:
    box = "<div class='plugin-x'><strong>Baca Juga:</strong> "
    box += "<a href='/c/3'>Harga Cabai Turun Menjelang Akhir Pekan</a></div>"
    body = f"<p>{PARAS[0]}</p><p>{PARAS[1]}</p>{box}<p>{PARAS[2]}</p><p>{PARAS[3]}</p>"
    html = page(f"<h1>{HEADLINE}</h1><div class='konten-unik'>{body}</div>")
    record = extract(html)
    assert record["body"].split("\n\n") == PARAS


def test_a_broad_article_block_loses_its_header_lines() -> None:
    header = (
        f"<h1>{HEADLINE}</h1><div>Selasa, 16 Februari 2016 14:38 WIB</div><div>Rina Wulandari - kabarlama</div>"
        "<div>A+ A-</div>"
    )
    body = f"<p><strong>Kota Baru</strong> - {PARAS[0]}</p>" + "".join(f"<p>{t}</p>" for t in PARAS[1:])
    html = page(f"<div class='article'>{header}{body}</div>")
    record = extract(html, "https://kabarlama.id/berita/2016/02/16/pasar-rakyat")
    assert record["body"].split("\n\n") == PARAS
    assert record["published_at"] == "2016-02-16T14:38:00+07:00"


def test_a_network_whose_body_selectors_miss_falls_back_and_says_so() -> None:
    # A Tribun page of a template no Tribun selector knows: the generic layer reads it, counted as a fallback.
    html = page(f"<h1>{HEADLINE}</h1><div class='wadah-teks'>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>")
    parsed = parse_page(html, "https://www.tribunnews.com/regional/2016/02/16/pasar-rakyat", now=FROZEN_NOW)
    assert parsed.paragraphs == PARAS
    assert "body" in parsed.fallbacks and parsed.body_layer == "density"


def test_the_library_layer_reads_what_our_layers_cannot_and_is_cleaned_by_our_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A layout our own layers cannot read (stood in for by switching the text-density rule off on a page no
    # selector knows): trafilatura finds the text, and our furniture rules still drop the "Baca juga" line it keeps.
    body = "".join(f"<p>{t}</p>" for t in PARAS[:2]) + "<p>Baca juga: Harga Cabai Turun</p>"
    body += "".join(f"<p>{t}</p>" for t in PARAS[2:])
    html = page(f"<h1>{HEADLINE}</h1><div class='wadah-x'>{body}</div>", "<meta property='og:type' content='article'>")
    url = "https://kabar-lama.example.id/berita/pasar"
    monkeypatch.setattr("newscrawl.parsing.density.densest_text_block", lambda root, skip: None)
    parsed = parse_page(html, url, now=FROZEN_NOW)
    assert parsed.body_layer == "library"
    assert parsed.paragraphs == PARAS
    # On a network's page the library's body counts as that network's body fallback.
    tribun = parse_page(html, "https://www.tribunnews.com/regional/2016/02/16/pasar", now=FROZEN_NOW)
    assert tribun.body_layer == "library" and "body" in tribun.fallbacks
    # Without the library layer the same page is a lost article.
    monkeypatch.setattr("newscrawl.parsing.library.main_text", lambda root, url: [])
    with pytest.raises(Refused) as info:
        parse_page(html, url, now=FROZEN_NOW)
    assert info.value.reason == "no_body"


def test_the_library_layer_never_turns_a_listing_into_a_record() -> None:
    items = "".join(
        f"<h3><a href='/berita/{i}'>Judul berita nomor {i} yang cukup panjang untuk teaser</a></h3>"
        f"<div class='thumb-x'>Ringkasan singkat berita nomor {i} yang ditulis untuk daftar indeks halaman ini.</div>"
        for i in range(12)
    )
    html = page(f"<h1>Berita Terkini Hari Ini</h1><div class='thumb-list'>{items}</div>", title="Berita Terkini")
    with pytest.raises(Refused) as info:
        extract(html, "https://kabar-lama.example.id/berita/terkini")
    assert info.value.reason == "not_article"


# -- publication time wherever a reader sees it -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Selasa, 16 Februari 2016 | 14:38 WIB", "Selasa, 16 Februari 2016 | 14:38 WIB"),
        ("Kamis, 05 November 2015, 15:07 WIB", "Kamis, 05 November 2015, 15:07 WIB"),
        ("Dibuat 16/02/2016 14:38", "16/02/2016 14:38"),
        ("Rina Wulandari, Kabar Lama | 16 Feb 2016, 14:38 WIB", "16 Feb 2016, 14:38 WIB"),
        ("18 Jun 2015 at 06:25 WIB", "18 Jun 2015 at 06:25 WIB"),
        ("Diperbarui 2 jam lalu", "2 jam lalu"),
        ("Tidak ada tanggal di baris ini", None),
    ],
)
def test_a_date_is_cut_out_of_a_longer_line(line: str, found: str | None) -> None:
    assert date_in_text(line) == found


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://x.example.id/berita/2016/02/16/judul", "2016-02-16"),
        ("https://x.example.id/berita/16/02/15/judul-123", "2016-02-15"),
        ("https://x.example.id/nasional/20180430182335-20-294749/judul", "2018-04-30"),
        ("https://x.example.id/berita/judul-tanpa-tanggal", None),
        ("https://x.example.id/berita/2016/13/45/bukan-tanggal", None),
    ],
)
def test_the_day_in_the_url(url: str, day: str | None) -> None:
    value = url_day(url)
    assert (value.isoformat() if value else None) == day


def test_dateline_in_a_byline_by_the_headline_with_no_date_class() -> None:
    byline = "<div class='info-x'><b>Rina Wulandari</b>, Kabar Lama | Selasa, 16 Februari 2016 | 14:38 WIB</div>"
    html = page(f"<h1>{HEADLINE}</h1>{byline}<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>")
    record = extract(html)
    assert record["published_at"] == "2016-02-16T14:38:00+07:00"
    assert record["published_at_raw"] == "Selasa, 16 Februari 2016 | 14:38 WIB"


def test_a_sidebar_date_under_a_date_class_loses_to_the_line_agreeing_with_metadata() -> None:
    head = "<meta name='pubdate' content='2016-02-16T14:38:00+07:00'>"
    side = "<div class='kolom-kanan'><span class='date'>Selasa, 16 Februari 2016 09:12</span></div>"
    byline = "<div>Reporter : Rina Wulandari | Selasa, 16 Februari 2016 14:38</div>"
    html = page(f"<h1>{HEADLINE}</h1>{byline}<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + f"</div>{side}", head)
    record = extract(html, "https://kabar-lama.example.id/berita/pasar-rakyat")
    assert record["published_at"] == "2016-02-16T14:38:00+07:00"
    assert record["authors"] == ["Rina Wulandari"]


def test_a_time_alone_takes_its_day_from_the_url() -> None:
    html = page(
        f"<h1>{HEADLINE}</h1><div class='jam'>14:38 WITA</div><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>"
    )
    record = extract(html, "https://kabar-lama.example.id/berita/2016/02/16/pasar-rakyat")
    assert record["published_at"] == "2016-02-16T14:38:00+08:00"
    assert record["published_at_raw"] == "14:38 WITA"


def test_relative_time_counts_from_the_crawl_time() -> None:
    html = page(f"<h1>{HEADLINE}</h1><div>2 jam lalu</div><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>")
    record = extract(html, "https://kabar-lama.example.id/berita/pasar-rakyat")
    expected = (FROZEN_NOW - timedelta(hours=2)).astimezone(timezone(timedelta(hours=7)))
    assert datetime.fromisoformat(record["published_at"]) == expected.replace(microsecond=0)


def test_wordpress_wall_clock_time_with_a_wrong_utc_offset_trusts_the_printed_dateline() -> None:
    # A theme whose site timezone is unset writes the local clock reading with +00:00: 14:58 WITA is printed,
    # 14:58+00:00 is in the metadata. The printed line is the time; modified_at is re-labelled the same way.
    head = (
        "<meta property='og:type' content='article'>"
        "<meta property='article:published_time' content='2020-10-09T14:58:53+00:00'>"
        "<meta property='article:modified_time' content='2020-10-09T15:10:02+00:00'>"
    )
    dateline = "<time class='entry-date' datetime='2020-10-09T14:58:53+00:00'>09/10/2020 14:58 WITA</time>"
    html = page(
        f"<h1>{HEADLINE}</h1>{dateline}<div class='entry-content'>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>",
        head,
    )
    record = extract(html, "https://kabar-lama.example.id/pasar-rakyat/")
    assert record["published_at"] == "2020-10-09T14:58:00+08:00"
    assert record["modified_at"] == "2020-10-09T15:10:02+08:00"


def test_metadata_in_a_real_other_offset_is_converted_not_relabelled() -> None:
    # 07:58 UTC printed as 14:58 WIB: the same instant, not the same clock. Nothing is re-labelled.
    head = "<meta property='article:modified_time' content='2020-10-09T08:10:02+00:00'>"
    head += "<meta property='article:published_time' content='2020-10-09T07:58:53+00:00'>"
    html = page(
        f"<h1>{HEADLINE}</h1><div>09/10/2020 14:58 WIB</div><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>",
        head,
    )
    record = extract(html, "https://kabar-lama.example.id/pasar-rakyat/")
    assert record["published_at"] == "2020-10-09T14:58:00+07:00"
    assert record["modified_at"] == "2020-10-09T08:10:02+00:00"


# -- headline arbitration ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "names", "brand", "clean"),
    [
        ("Harga Cabai Turun - Kompas.com", [], "kompas", "Harga Cabai Turun"),
        ("Harga Cabai Turun | Republika Online", [], "republika", "Harga Cabai Turun"),
        ("Harga Cabai Turun :: Okezone News", [], "okezone", "Harga Cabai Turun"),
        ("Okezone: Harga Cabai Turun", [], "okezone", "Harga Cabai Turun"),
        ("Harga Cabai Turun - News Liputan6.com", ["liputan6.com"], "liputan6", "Harga Cabai Turun"),
        ("Kabar Lama - Harga Cabai Turun", ["Kabar Lama"], "kabarlama", "Harga Cabai Turun"),
        ("Jonan: Tak Ada Revisi - Harga Cabai", [], "detik", "Jonan: Tak Ada Revisi - Harga Cabai"),
        ("Kompas Gramedia Raih Penghargaan Baru - Kompas.com", [], "kompas", "Kompas Gramedia Raih Penghargaan Baru"),
    ],
)
def test_site_names_are_stripped_at_either_end(title: str, names: list[str], brand: str, clean: str) -> None:
    assert strip_site_names(title, names, brand) == clean


def test_visible_h1_with_punctuation_beats_structured_title_without_it() -> None:
    head = (
        "<meta property='og:title' content='Jonan Tak Ada Revisi Investasi Kelistrikan'>"
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": "Jonan Tak Ada Revisi '
        'Investasi Kelistrikan"}</script>'
    )
    seo = "<h1 style='display:none'>Jonan: Tak Ada Revisi Investasi Kelistrikan :: Kabar Lama News</h1>"
    html = page(
        f"{seo}<h1>Jonan: Tak Ada Revisi Investasi Kelistrikan?</h1><div>"
        + "".join(f"<p>{t}</p>" for t in PARAS)
        + "</div>",
        head,
        title="Jonan Tak Ada Revisi Investasi Kelistrikan | Kabar Lama",
    )
    assert (
        extract(html, "https://kabarlama.example.id/berita/1")["headline"]
        == "Jonan: Tak Ada Revisi Investasi Kelistrikan?"
    )


# -- editor, authors and source in the generic layer ------------------------------------------------------


def test_oleh_byline_with_initials_and_labels_keep_editor_and_authors_apart() -> None:
    lines = (
        "<div class='meta-x'>Oleh : Rina Wulandari / <a href='/profil/agus-setiawan'>RW</a></div>"
        "<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>"
        "<p>Editor: Budi Santoso</p><p>Sumber: Antara</p>"
    )
    record = extract(page(f"<h1>{HEADLINE}</h1>{lines}"))
    assert record["authors"] == ["Rina Wulandari"]  # the initials are a code, not a second reporter
    assert record["editor"] == "Budi Santoso"
    assert record["source"] == "Antara"
    assert "Budi Santoso" not in record["body"] and "Antara" not in record["body"]
    # Without an Editor line, the initials' link names the editor (its profile URL).
    record = extract(page(f"<h1>{HEADLINE}</h1>{lines.replace('<p>Editor: Budi Santoso</p>', '')}"))
    assert record["authors"] == ["Rina Wulandari"] and record["editor"] == "Agus Setiawan"


def test_credits_list_of_roles_and_names() -> None:
    credits = (
        "<ul class='kredit'><li class='role'><span>Author</span></li><li><a href='/u/a'>Rina Wulandari</a></li>"
        "<li><a href='/u/b'>Agus Setiawan</a></li><li class='role'><span>Editor</span></li>"
        "<li><a href='/u/c'>Budi Santoso</a></li></ul>"
    )
    html = page(f"<h1>{HEADLINE}</h1><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + f"</div>{credits}")
    record = extract(html)
    assert record["authors"] == ["Rina Wulandari", "Agus Setiawan"]
    assert record["editor"] == "Budi Santoso"


def test_a_publisher_name_in_meta_author_is_not_a_reporter() -> None:
    head = "<meta name='author' content='PT. Kabar Lama Media - KabarLama.example.id'>"
    byline = "<div class='author'>Oleh : <b>Rina Wulandari</b></div>"
    html = page(f"<h1>{HEADLINE}</h1>{byline}<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>", head)
    assert extract(html, "https://kabarlama.example.id/berita/1")["authors"] == ["Rina Wulandari"]


def test_trailing_sign_offs_are_not_text() -> None:
    last = PARAS[3] + " (Rina Wulandari)"
    html = page(f"<h1>{HEADLINE}</h1><div>" + "".join(f"<p>{t}</p>" for t in [*PARAS[:3], last]) + "<p>[rw]</p></div>")
    assert extract(html)["body"].split("\n\n") == PARAS


# -- photo and video stories ------------------------------------------------------------------------------


def test_a_photo_story_is_written_with_its_captions_as_body() -> None:
    captions = [
        "Pedagang menata dagangan di kios baru pasar rakyat tepi sungai, Senin (15/2/2016).",
        "Warga berbelanja sayur di los pasar yang baru diresmikan bupati.",
    ]
    figures = "".join(
        f"<figure><img src='/f/{i}.jpg'><figcaption>{c}</figcaption></figure>" for i, c in enumerate(captions)
    )
    html = page(
        f"<h1>{HEADLINE}</h1><div class='galeri'>{figures}</div>", "<meta property='og:type' content='article'>"
    )
    record = extract(html, "https://kabar-lama.example.id/foto/2016/02/16/pasar-rakyat")
    assert record["kind"] == "photo"
    assert record["body"].split("\n\n") == captions
    assert schema_errors(record) == []


def test_an_article_is_kind_article_and_a_short_non_story_is_still_refused() -> None:
    html = page(f"<h1>{HEADLINE}</h1><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>")
    assert extract(html)["kind"] == "article"
    short = page(f"<h1>{HEADLINE}</h1><div><p>{PARAS[0]}</p></div>")
    with pytest.raises(Refused) as info:
        extract(short, "https://kabar-lama.example.id/berita/pendek")
    assert info.value.reason == "body_too_short"


def test_the_generic_layer_alone_reads_these_pages_the_same() -> None:
    html = page(
        f"<h1>{HEADLINE}</h1><div>Selasa, 16 Februari 2016 14:38 WIB</div><span>" + "<br><br>".join(PARAS) + "</span>"
    )
    parsed = parse_page(html, "https://www.tribunnews.com/regional/2016/02/16/pasar", network=GENERIC, now=FROZEN_NOW)
    assert parsed.paragraphs == PARAS
    assert parsed.record["published_at"] == "2016-02-16T14:38:00+07:00"


def test_tags_come_from_the_block_after_the_headline_not_the_trending_list_above_it() -> None:
    trending = "<div class='trending-tags'><a href='/tag/banjir'>#Banjir</a><a href='/tag/pilkada'>#Pilkada</a></div>"
    tags = "<div class='detail_tag'><a href='/tag/pasar'>pasar rakyat</a><a href='/tag/pedagang'>pedagang</a></div>"
    widget = "<div class='tweet'><span class='tag'><a href='https://twitter.com/search?q=%23x'>#Viral</a></span></div>"
    body = "<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>"
    html = page(f"{trending}<h1>{HEADLINE}</h1>{body}{widget}{tags}")
    assert extract(html)["tags"] == ["pasar rakyat", "pedagang"]


def test_visible_breadcrumb_gives_the_section() -> None:
    crumb = (
        "<div class='bredcrumb-hd'><a href='/'>Home</a> <a href='/daerah'>Daerah</a> <a href='/daerah/jateng'>"
        "Jawa Tengah</a> <span>Detail Berita</span></div>"
    )
    html = page(f"{crumb}<h1>{HEADLINE}</h1><div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>")
    assert extract(html)["category"] == "Jawa Tengah"


def test_caption_beside_the_lead_image_and_no_guess_without_one() -> None:
    head = "<meta property='og:image' content='https://cdn.example.id/foto/2016/pasar-rakyat_169.jpg?w=650'>"
    figure = (
        "<div class='pic'><img src='https://cdn.example.id/foto/2016/pasar-rakyat.jpg'>"
        "<span>Pedagang menata dagangan di kios baru, Senin (15/2/2016).</span></div>"
    )
    body = "<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>"
    record = extract(page(f"<h1>{HEADLINE}</h1>{figure}{body}", head))
    assert record["image_caption"] == "Pedagang menata dagangan di kios baru, Senin (15/2/2016)."
    logo = "<div class='brand'><img src='/logo.png'><div>Kabar Lama, berita terpercaya dari kota</div></div>"
    assert extract(page(f"{logo}<h1>{HEADLINE}</h1>{body}"))["image_caption"] is None


def test_a_short_first_paragraph_with_the_brand_is_text_not_a_byline() -> None:
    first = "Kabarlama.id - Pasar baru dibuka pagi ini."
    body = "<div class='isi'>" + "".join(f"<p>{t}</p>" for t in [first, *PARAS]) + "</div>"
    record = extract(page(f"<h1>{HEADLINE}</h1>{body}"), "https://kabarlama.id/berita/2016/02/16/pasar-rakyat")
    # The portal's name before a dash is a dateline (stripped), and the sentence after it stays.
    assert record["body"].split("\n\n")[0] == "Pasar baru dibuka pagi ini."


def test_a_video_story_by_structured_data_is_written_with_its_standfirst() -> None:
    head = (
        "<meta property='og:description' content='Bupati meninjau pasar rakyat tepi sungai yang baru diresmikan, "
        "Senin pagi, dan berbincang dengan para pedagang.'>"
        '<script type=\'application/ld+json\'>{"@type": "VideoObject", "name": "Pasar Rakyat"}</script>'
    )
    html = page(f"<h1>{HEADLINE}</h1><div class='player'><iframe src='/embed/1'></iframe></div>", head)
    record = extract(html, "https://kabar-lama.example.id/berita/2016/02/16/pasar-rakyat-video")
    assert record["kind"] == "video"
    assert record["body"].startswith("Bupati meninjau pasar rakyat")
    assert schema_errors(record) == []


def test_pages_numbered_in_the_path_or_declared_by_rel_next_are_followed() -> None:
    url = "https://kabar-lama.example.id/read/12345/pasar-rakyat"
    body = "<div>" + "".join(f"<p>{t}</p>" for t in PARAS) + "</div>"
    pager = (
        "<ul class='article-paging'><li class='active'>1</li>"
        f"<li><a href='{url}/13'>2</a></li><li><a href='{url}/26'>3</a></li>"
        "<li><a href='https://kabar-lama.example.id/read/999/lain'>4</a></li></ul>"
    )
    parsed = parse_page(page(f"<h1>{HEADLINE}</h1>{body}{pager}"), url, now=FROZEN_NOW)
    assert (parsed.pagination.current, parsed.pagination.total) == (1, 3)
    assert parsed.pagination.links == {2: f"{url}/13", 3: f"{url}/26"}
    # No pager at all, only <link rel="next">: one more page, at least.
    head = f"<link rel='next' href='{url}/2'>"
    parsed = parse_page(page(f"<h1>{HEADLINE}</h1>{body}", head), url, now=FROZEN_NOW)
    assert (parsed.pagination.total, parsed.pagination.links) == (2, {2: f"{url}/2"})
    # A next link to another article is not a page of this one.
    head = "<link rel='next' href='https://kabar-lama.example.id/read/999/lain'>"
    assert parse_page(page(f"<h1>{HEADLINE}</h1>{body}", head), url, now=FROZEN_NOW).pagination.total == 1
