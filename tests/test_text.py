"""Text rules: furniture paragraphs, headline suffixes, datelines, people's names."""

from __future__ import annotations

import pytest

from newscrawl.text import clean_person, is_furniture, split_people, strip_dateline, strip_headline_suffix


@pytest.mark.parametrize(
    "paragraph",
    [
        "Baca Juga: Ini Dia Top Go-To Merchant Baru ShopeePay",
        "Baca juga: Pesan Nunung Setelah Sembuh",
        "BACA JUGA: Banjir Rendam Tiga Desa",
        "Lihat juga: Video Banjir Bandang",
        "Simak berita dan artikel lainnya di Google News",
        "Ikuti saluran WhatsApp kami untuk berita terkini",
        "Follow WhatsApp Channel Kompas.com",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Editor: Beryl Santoso",
        "Penulis: Natasha Oktalia",
        "Sumber: Daily Mail",
        "Halaman: 1 2 3 Selanjutnya",
        "Halaman selanjutnya",
        "Artikel ini telah tayang di Tribunnews.com dengan judul Vaksin",
        "Terpopuler",
        "Artikel Pilihan",
        "Kabar Daerah",
        "Loading...",
    ],
)
def test_furniture_paragraphs_are_recognised(paragraph: str) -> None:
    assert is_furniture(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Pemerintah Kabupaten Minahasa Tenggara mengapresiasi aparat gabungan.",
        "Sumber daya manusia menjadi kunci pembangunan daerah, kata bupati.",
        "Halaman sekolah itu dipenuhi warga yang ingin melihat festival.",
        "Editor senior itu menolak berkomentar soal pemberitaan.",
        "Terkait kasus tersebut, polisi memeriksa lima saksi.",
    ],
)
def test_article_text_is_not_furniture(paragraph: str) -> None:
    assert not is_furniture(paragraph)


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        (
            "Walau Kena Covid-19, Trump Masih Berbahaya - Zona Jakarta",
            "Zona Jakarta",
            "Walau Kena Covid-19, Trump Masih Berbahaya",
        ),
        ("Pasar Baru Dibuka - Mantra Sukabumi - Pikiran Rakyat", "Mantra Sukabumi", "Pasar Baru Dibuka"),
        ("Pasar Baru Dibuka - Kabar Priangan - Halaman 3", "Kabar Priangan", "Pasar Baru Dibuka"),
        ("6 Rekomendasi Bisnis, Tertarik Mencoba? : Okezone Economy", "", "6 Rekomendasi Bisnis, Tertarik Mencoba?"),
        ("Protokol 3M - Simak Penjelasan Dokter - Tribun Solo", "Tribun Solo", "Protokol 3M - Simak Penjelasan Dokter"),
        ("Jokowi - Prabowo Bertemu di Solo", "Tribun Solo", "Jokowi - Prabowo Bertemu di Solo"),
    ],
)
def test_headline_suffix_removed(title: str, site: str, expected: str) -> None:
    assert strip_headline_suffix(title, [site]) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "TRIBUNSOLO.COM, JAKARTA -- Hingga kini masyarakat masih menunggu vaksin.",
            "Hingga kini masyarakat masih menunggu vaksin.",
        ),
        (
            "JAKARTA, KOMPAS.com - Pemerintah mengumumkan kebijakan baru hari ini.",
            "Pemerintah mengumumkan kebijakan baru hari ini.",
        ),
        (
            "Liputan6.com, Jakarta - Harga cabai di pasar induk naik lagi pekan ini.",
            "Harga cabai di pasar induk naik lagi pekan ini.",
        ),
        (
            "JAKARTA – Mau membangun usaha? Lihat dulu risikonya sebelum mulai.",
            "Mau membangun usaha? Lihat dulu risikonya sebelum mulai.",
        ),
        (
            "Ratatotok – Pemerintah Kabupaten Minahasa Tenggara mengapresiasi aparat.",
            "Pemerintah Kabupaten Minahasa Tenggara mengapresiasi aparat.",
        ),
        (
            "Jokowi-Prabowo bertemu di Solo untuk membahas banyak hal penting.",
            "Jokowi-Prabowo bertemu di Solo untuk membahas banyak hal penting.",
        ),
    ],
)
def test_datelines_stripped(paragraph: str, expected: str) -> None:
    assert strip_dateline(paragraph) == expected


def test_portal_name_dateline_stripped() -> None:
    assert strip_dateline("ZONA JAKARTA - Warga memadati pasar sejak pagi hari ini.", ("ZONA JAKARTA",)) == (
        "Warga memadati pasar sejak pagi hari ini."
    )


def test_people() -> None:
    assert clean_person("Editor: Beryl Santoso") == "Beryl Santoso"
    assert clean_person("Natasha Oktalia, Jurnalis") == "Natasha Oktalia"
    assert clean_person("Eko Prasetyo - detikJatim") == "Eko Prasetyo"
    assert split_people("Andi Saputra, Budi Santoso dan Citra Lestari") == [
        "Andi Saputra",
        "Budi Santoso",
        "Citra Lestari",
    ]


def test_collapse_ws_equals_the_whitespace_regex_on_every_character() -> None:
    # str.split() and the regex \s must agree on what whitespace is, for every code point.
    import sys

    from newscrawl.text import WHITESPACE, collapse_ws

    def by_regex(text: str) -> str:
        return WHITESPACE.sub(" ", text.replace("\u200b", "")).strip()

    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        text = f"{char}a{char}{char}b \u200b{char}"
        assert collapse_ws(text) == by_regex(text), hex(code)
    assert collapse_ws("  Editor:\xa0Ana \n\t Budi\u3000 ") == "Editor: Ana Budi"
    assert collapse_ws("a\u200bb") == "ab"
