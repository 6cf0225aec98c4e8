"""Text rules shared by every portal: whitespace, page-furniture lines, headline suffixes, datelines."""

from __future__ import annotations

import re

import ftfy
from ftfy.badness import is_bad

WHITESPACE = re.compile(r"\s+")


def collapse_ws(text: str) -> str:
    """Collapse runs of whitespace (incl. NBSP) to one space and trim; zero-width spaces are dropped.

    ``str.split()`` splits on exactly the characters ``\\s`` matches (``str.isspace``), so this is
    ``WHITESPACE.sub(" ", text).strip()`` at a quarter of the cost (tests/test_text.py compares them)."""
    return " ".join(text.replace("\u200b", "").split())


def repair_mojibake(text: str) -> str:
    """Undo mojibake in text: UTF-8 that was read as windows-1252 or latin-1, once or twice ("â€œ" -> "“").

    ftfy's encoding fixes only (quotes, widths and normal forms are left as they are); text that does not
    look like mojibake comes back unchanged.
    """
    if text.isascii():
        return text
    return ftfy.fix_encoding(text)


def damaged_chars(text: str) -> int:
    """Characters of ``text`` that are not readable: each U+FFFD (a byte lost in decoding), plus the whole text
    when what remains still looks like mojibake after :func:`repair_mojibake`."""
    lost = text.count("\ufffd")
    rest = text.replace("\ufffd", "") if lost else text
    garbled = not rest.isascii() and is_bad(rest)
    return lost + (len(rest) if garbled else 0)


# Whole paragraphs that are page furniture, never article text. Anchored at the paragraph start.
FURNITURE_PARAGRAPH = re.compile(
    r"""^(?:
        baca\s+(?:juga|pula)\b
      | lihat\s+juga\b
      | simak\s+juga\b
      | (?:simak|ikuti|follow|cek|dapatkan|gabung|klik)\b.{0,120}
        \b(?:google\s+news|whatsapp|channel|telegram|instagram|saluran)\b
      | (?:advertisement|iklan|scroll\s+to\s+continue|scroll\s+untuk\s+melanjutkan|scroll\s+ke\s+bawah)\b
      | artikel\s+ini\s+telah\s+(?:tayang|terbit)\b
      | (?:editor|penulis|pewarta|reporter|sumber|source|redaktur|penyunting|foto|dok|fotografer)\s*:
      | halaman\s*:?\s*(?:\d+\s*)+(?:selanjutnya)?\s*$
      | halaman\s+(?:selanjutnya|berikutnya|\d+\s*/\s*\d+)
      | selanjutnya\s*$
      | tags?\s*:
      | kategori\s*:
      | share\s*:?\s*$
      | bagikan\s*:?\s*$
      | (?:terkait|terkini|terpopuler|artikel\s+pilihan|artikel\s+terkait|kabar\s+daerah
          |berita\s+terkait|berita\s+pilihan|pilihan\s+editor)\s*:?\s*$
      | ringkasan\s+berita\s*:
      | (?:video|foto)\s+pilihan\b
      | telusuri\s+berita\b.{0,80}\blainnya
      | loading\W*$
      | recommended\s+by\s*$
    )""",
    re.I | re.X,
)

# "Headline - Site Name" / "Headline | Site" / "Headline : Okezone Economy" / "... - Halaman 3".
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-–—|:])\s+")


def is_furniture(paragraph: str) -> bool:
    return bool(FURNITURE_PARAGRAPH.match(paragraph))


def strip_headline_suffix(title: str, site_names: list[str] | tuple[str, ...] = ()) -> str:
    """Remove trailing " - Site Name" parts (and " - Halaman N") that <title>/og:title carry."""
    title = collapse_ws(title)
    title = re.sub(r"\s*[-–|]\s*Halaman\s+\d+\s*$", "", title, flags=re.I)
    names = {collapse_ws(n).lower() for n in site_names if n}
    names |= _KNOWN_SITE_SUFFIXES
    while True:
        separators = list(_TITLE_SEPARATORS.finditer(title))
        if not separators:
            return title
        last = separators[-1]
        tail = title[last.end() :].strip().lower()
        if not tail or not any(tail == n or tail.startswith(n + " ") for n in names):
            return title
        title = title[: last.start()].strip()


# Separators between a headline and a site name in titles: "A - Site", "Site | A", "A :: Okezone News", "A » Site".
_NAME_SEPARATORS = re.compile(r"\s+(?:[-–—|:»]|::|\|\|)\s+")
_KEY = re.compile(r"[^0-9a-z]+")
_COLON_PREFIX = re.compile(r"^([^:]{2,30}):\s+(?=\S)")


def title_key(text: str) -> str:
    """A title with case, punctuation and spacing folded away: what the h1 and structured data agree on when
    one drops a ':' or '?' the other keeps."""
    return _KEY.sub("", text.lower())


def _is_site_segment(segment: str, names: set[str], brand: str, max_words: int) -> bool:
    key = title_key(segment)
    if not key:
        return True
    if key in names:
        return True
    short = len(segment.split()) <= max_words
    return short and (any(key.startswith(name) for name in names) or (bool(brand) and brand in key))


def strip_site_names(title: str, site_names: list[str] | tuple[str, ...] = (), brand: str = "") -> str:
    """Remove site names from either end of a title, whatever the separator: "A - Kompas.com",
    "A | Republika Online", "A :: Okezone News", "Okezone: A", "A - News Liputan6.com".

    A segment is a site name when it is one of ``site_names`` (or starts with one), or when it is short (at
    most five words at the end, two at the start) and holds ``brand``, the portal's registered-domain label
    ("liputan6", "okezone"). A title is never emptied: the last segment left stays.
    """
    title = strip_headline_suffix(title, site_names)
    names = {title_key(n) for n in (*site_names, *_KNOWN_SITE_SUFFIXES) if n and title_key(n)}
    brand = title_key(brand)
    parts = _NAME_SEPARATORS.split(title)
    while len(parts) > 1 and _is_site_segment(parts[-1], names, brand, 5):
        parts.pop()
    while len(parts) > 1 and _is_site_segment(parts[0], names, brand, 2):
        parts.pop(0)
    if len(parts) == 1:
        # "Okezone: Harga Naik": a site name before a colon with no space in front of it.
        prefix = _COLON_PREFIX.match(parts[0])
        if prefix and (title_key(prefix.group(1)) in names or title_key(prefix.group(1)) == brand):
            parts = [parts[0][prefix.end() :]]
    if len(parts) == len(_NAME_SEPARATORS.split(title)) and parts[0] == title:
        return title
    # Rejoin what is left with the separators the title had between those segments.
    kept = " ".join(parts)
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return collapse_ws(title[start:end]) if start >= 0 and end > start else kept


_KNOWN_SITE_SUFFIXES = frozenset(
    {"pikiran rakyat", "okezone", "kompas.com", "detikcom", "tribunnews.com", "antara news", "suara.com"}
)


# Datelines opening the first paragraph: "TRIBUNSOLO.COM, JAKARTA -", "Liputan6.com, Jakarta -",
# "JAKARTA, KOMPAS.com -", "Jakarta, CNN Indonesia --", "SEMARANG, suaramerdeka.com -".
_DATELINES = (
    re.compile(r"^[\w.-]+\.(?:com|co\.id|id|net)\s*,\s*[^-–—]{1,60}?\s*[-–—]{1,2}\s*", re.I),
    re.compile(r"^[A-Z][A-Za-z .'/]{1,60},\s*[\w.-]+\.(?:com|co\.id|id|net)\s*[-–—]{1,2}\s*", re.I),
    re.compile(r"^[A-Z][A-Za-z .'/]{1,60},\s*CNN Indonesia\s*[-–—]{1,2}\s*"),
    # "Kota Baru, Kabar Lama -- ...": a place and the portal's name, then a double or long dash.
    re.compile(r"^[A-Z][A-Za-z .'/]{1,40},\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,3}\s*(?:--|—|–)\s+(?=[A-Z\"“])"),
    # "VIVA.co.id - ...", "Suara.com - ...": the portal's own name, then a dash.
    re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net)\s*[-–—]{1,2}\s+", re.I),
    # "JAKARTA – ..." / "KOTA BANDUNG - ...": a city in capitals, then a dash.
    re.compile(r"^[A-Z][A-Z.'/]+(?: [A-Z][A-Z.'/]+){0,3}\s*[-–—]{1,2}\s+"),
    # "Ratatotok – ...": a capitalised place name, then an en/em dash (a hyphen is too common).
    re.compile(r"^[A-Z][\w.'/]+(?: [A-Z][\w.'/]+){0,3}\s+(?:[–—]|--)\s+(?=[A-Z\"“])"),
)


def strip_dateline(paragraph: str, extra_prefixes: tuple[str, ...] = ()) -> str:
    """Drop a leading news dateline; extra_prefixes are portal names printed in capitals."""
    for pattern in _DATELINES:
        new = pattern.sub("", paragraph, count=1)
        if new != paragraph and len(new) > 20:
            return new
    for prefix in extra_prefixes:
        match = re.match(rf"^{re.escape(prefix)}\s*[-–—]{{1,2}}\s*", paragraph, re.I)
        if match and len(paragraph) - match.end() > 20:
            return paragraph[match.end() :]
    return paragraph


_LABEL = re.compile(
    r"^(?:editor|penulis|pewarta|reporter|sumber|source|redaktur|penyunting|oleh|by|rep|red)\s*[:.]?\s*", re.I
)


def clean_person(name: str) -> str:
    """A person's name without its label ("Editor: X" -> "X") or trailing role text."""
    name = collapse_ws(name)
    name = _LABEL.sub("", name)
    name = re.sub(r"\s*,\s*(?:jurnalis|wartawan|kontributor|reporter)\s*$", "", name, flags=re.I)
    name = re.sub(r"\s*[-–]\s*detik\w+\s*$", "", name)
    return name.strip(" ,;|-")


def split_people(value: str) -> list[str]:
    """Split "A, B dan C" / "A & B" / "A / B" into names."""
    parts = re.split(r"\s*(?:,|;|&|/|\bdan\b|\band\b)\s*", clean_person(value))
    return [p for p in (clean_person(x) for x in parts) if p]
