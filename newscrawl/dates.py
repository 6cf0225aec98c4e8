"""Publication dates as Indonesian news portals print them -> aware datetimes.
A regex fast path handles the common shapes; dateparser is the fallback for the rest."""

from __future__ import annotations

import enum
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import Final, NamedTuple

__all__ = ["ZONE_OFFSETS", "has_explicit_zone", "has_time", "parse_date", "to_iso"]

ZONE_OFFSETS: dict[str, str] = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}

# Longer inputs are article text, not a date; dateparser is also slowest on them.
_MAX_LEN: Final = 100

_MONTHS: Final[dict[str, int]] = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "pebruari", "february", "feb", "peb"), 2),
    **dict.fromkeys(("maret", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("agustus", "august", "agu", "ags", "agt", "agst", "agust", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nopember", "nov", "nop"), 11),
    **dict.fromkeys(("desember", "december", "des", "dec"), 12),
}

#: Every month name and abbreviation the parser reads (Indonesian and English), for patterns elsewhere.
MONTH_NAMES: Final[tuple[str, ...]] = tuple(_MONTHS)

# Typographic variants seen in page text; folding them keeps the regexes below simple.
_CHAR_FOLD: Final = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
    }
)
_SPACES: Final = re.compile(r"\s+")
_EDGE_JUNK: Final = re.compile(r"^[\s\-|:,/\u2022\u00b7]+|[\s\-|:,/\u2022\u00b7]+$")
_LABEL: Final = re.compile(
    r"^(?:(?:terakhir\s+)?(?:diperbaharui|diperbarui|diupdate|dipublikasikan|dipublikasi"
    r"|diterbitkan|terbit|tayang|published|publish|posted|last\s+updated|updated|update"
    r"|modified|dibuat|ditulis)(?![a-z])\s*(?:(?:pada|on|at)\b)?\s*[:\-|,]?\s*)+",
    re.IGNORECASE,
)
# "Kompas.com - ", "Tribunnews.com, ": the portal credits itself before the date.
_SITE_PREFIX: Final = re.compile(
    r"^[a-z][\w-]*(?:\.[a-z][\w-]*)*\.(?:com|co\.id|id|net|org|tv|news)\s*[-,|]\s*",
    re.IGNORECASE,
)
# Only before a digit: "Minggu" alone also means "week" ("minggu lalu").
_DAY_NAME: Final = re.compile(
    r"^(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?\s*,?\s*(?=\d)",
    re.IGNORECASE,
)
# dateparser does not know "Pkl."; the fast path wants the bare clock.
_CLOCK_WORD: Final = re.compile(r"\b(?:pukul|pkl\.?|jam)\s*(?=\d{1,2}[:.]\d{2}\b)", re.IGNORECASE)

_ZONE: Final = re.compile(
    r"""
    \(?(?<![a-z])(?P<abbr>WITA|WIT|WIB)(?![a-z])\)?
    | (?<![a-z])(?P<utc>UTC|GMT)
      (?:\s*(?P<usign>[+-])\s*(?P<uh>\d{1,2})(?::?(?P<um>\d{2}))?)?(?![a-z0-9])
    | (?<=\d)(?P<z>Z)(?![a-z])
    # A bare numeric offset only counts right after a clock: "-2023" in
    # "05-09-2023" must stay a year.
    | (?:(?<=\d:\d\d)|(?<=[.,]\d\d\d)|(?<=[.,]\d{6}))
      \s?(?P<sign>[+-])(?P<oh>\d{2})(?::?(?P<om>\d{2}))?(?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)

_TIME_PART: Final = r"(?:(?:\s*[,|-]\s*|\s+at\s+|\s+)(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?)?"
_TEXT_DATE: Final = re.compile(
    r"(?P<d>\d{1,2})[\s-]*(?P<mon>[a-z]{3,9})\.?[\s-]*,?\s*(?P<y>\d{4})" + _TIME_PART,
    re.IGNORECASE,
)
_NUMERIC_DATE: Final = re.compile(r"(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME_PART)
# "2020-10-07T15:13:00", and the slashed form CMS meta tags use ("2018/05/01 05:27:04").
_ISO_DATE: Final = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{2})(?P=sep)(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?)?"
)
# No leading zero: "0812345678" is a phone number (every 10-digit epoch second is >= 2001).
_TIMESTAMP: Final = re.compile(r"[1-9]\d{9}|[1-9]\d{12}")
_RELATIVE: Final = re.compile(
    r"(?P<n>\d{1,4})\s*(?P<unit>detik|menit|jam|hari|minggu)\s+(?:yang\s+)?lalu"
    r"|(?P<now>baru\s+saja)|(?P<yesterday>kemarin)",
    re.IGNORECASE,
)
_RELATIVE_STEP: Final[dict[str, timedelta]] = {
    "detik": timedelta(seconds=1),
    "menit": timedelta(minutes=1),
    "jam": timedelta(hours=1),
    "hari": timedelta(days=1),
    "minggu": timedelta(weeks=1),
}

# The lookarounds keep "05.09" inside "05.09.2023" and "20.00" inside "Rp 20.000" from
# reading as clocks.
_CLOCK: Final = re.compile(
    r"(?<![\d.:/-])(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2})(?P<f>[.,]\d+)?)?"
    r"(?![\d/-]|[.:]\d)"
)
_SUBDAY_RELATIVE: Final = re.compile(
    r"\b(?:detik|menit|jam|seconds?|secs?|minutes?|mins?|hours?|hrs?|now|sekarang)\b"
    r"|baru\s+saja",
    re.IGNORECASE,
)
# What a string needs before dateparser is worth asking: dateparser happily reads
# "1/2", "3.5", "2023", "12" or "2 jam" as dates, which on a news page they are not.
_NUMERIC_SHAPE: Final = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}")
_RELATIVE_WORD: Final = re.compile(
    r"\b(?:lalu|ago|kemarin|yesterday|baru\s+saja|just\s+now|hari\s+ini|today)\b",
    re.IGNORECASE,
)
_WORD: Final = re.compile(r"[a-z]+", re.IGNORECASE)
_DAY_NUMBER: Final = re.compile(r"(?<!\d)\d{1,2}(?!\d)")
_OFFSET: Final = re.compile(r"(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?")


class _Miss(enum.Enum):
    """The fast path does not know this shape (None means "known shape, not a date")."""

    MISS = enum.auto()


_MISS: Final = _Miss.MISS


class _Prepared(NamedTuple):
    text: str
    zone: tzinfo | None


@lru_cache(maxsize=64)
def _offset_tz(offset: str) -> timezone:
    """'+07:00', '+0700', '+7', 'WIB', 'UTC', 'Z' -> a fixed-offset timezone."""
    key = offset.strip().upper()
    key = ZONE_OFFSETS.get(key, key)
    if key in ("Z", "UTC", "GMT", ""):
        return UTC
    m = _OFFSET.fullmatch(key.removeprefix("UTC").removeprefix("GMT"))
    if m is None:
        raise ValueError(f"not a UTC offset: {offset!r}")
    return _signed_tz(m["sign"], m["h"], m["m"])


def _signed_tz(sign: str, hours: str, minutes: str | None) -> timezone:
    delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if delta >= timedelta(hours=24) or delta.seconds % 60:
        raise ValueError(f"offset out of range: {sign}{hours}:{minutes}")
    if delta == timedelta(0):
        return UTC
    return timezone(-delta if sign == "-" else delta)


def _fold(raw: str) -> str:
    return _SPACES.sub(" ", raw.translate(_CHAR_FOLD)).strip()


def _zone_of(match: re.Match[str]) -> timezone:
    if match["abbr"]:
        return _offset_tz(ZONE_OFFSETS[match["abbr"].upper()])
    if match["utc"]:
        if match["usign"]:
            return _signed_tz(match["usign"], match["uh"], match["um"])
        return UTC
    if match["z"]:
        return UTC
    return _signed_tz(match["sign"], match["oh"], match["om"])


def _colon_clock(m: re.Match[str]) -> str:
    if m["s"] is None:
        return f"{m['h']}:{m['m']}"
    return f"{m['h']}:{m['m']}:{m['s']}{m['f'] or ''}"


def _prepare(raw: object) -> _Prepared | None:
    """Strip labels, day names and the zone; shared by both paths so they see the same core."""
    if not isinstance(raw, str):
        return None
    if len(raw) > 4 * _MAX_LEN:
        return _prepare_text.__wrapped__(raw)  # never a date; not worth a cache entry of that size
    return _prepare_text(raw)


@lru_cache(maxsize=4096)
def _prepare_text(raw: str) -> _Prepared | None:
    # Cached: extraction asks parse_date, has_time and has_explicit_zone about the same few strings.
    text = _EDGE_JUNK.sub("", _fold(raw))
    if not text or len(text) > _MAX_LEN:
        return None
    text = _LABEL.sub("", text)
    text = _SITE_PREFIX.sub("", text)
    text = _EDGE_JUNK.sub("", text)
    text = _DAY_NAME.sub("", text)
    text = _CLOCK_WORD.sub("", text)
    # dateparser reads "kemarin 08.15" as yesterday at the current clock time.
    text = _CLOCK.sub(_colon_clock, text)
    zone: tzinfo | None = None
    m = _ZONE.search(text)
    if m is not None:
        try:
            zone = _zone_of(m)
        except ValueError:
            return None
        text = _EDGE_JUNK.sub("", f"{text[: m.start()]} {text[m.end() :]}".strip())
        text = _SPACES.sub(" ", text)
    if not text:
        return None
    return _Prepared(text, zone)


def _relative_base(now: datetime | None, tz: tzinfo) -> datetime:
    # Sub-second noise from datetime.now() would leak into "baru saja" and friends.
    if now is None:
        return datetime.now(tz).replace(microsecond=0)
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    return now.astimezone(tz).replace(microsecond=0)


def _build(y: str, mo: int, d: str, h: str | None, mi: str | None, s: str | None, tz: tzinfo) -> datetime | None:
    try:
        return datetime(int(y), mo, int(d), int(h or 0), int(mi or 0), int(s or 0), tzinfo=tz)
    except ValueError:
        return None


def _parse_fast(prep: _Prepared, default_tz: tzinfo, now: datetime | None) -> datetime | _Miss | None:
    """Return a datetime, None (a known shape that is no valid date) or _MISS."""
    text = prep.text
    tz = prep.zone or default_tz
    first = text[0]
    if first.isdigit():
        m = _TEXT_DATE.fullmatch(text)
        if m is not None:
            month = _MONTHS.get(m["mon"].lower())
            if month is None:
                return _MISS
            return _build(m["y"], month, m["d"], m["H"], m["M"], m["S"], tz)
        m = _NUMERIC_DATE.fullmatch(text)
        if m is not None:
            return _build(m["y"], int(m["m"]), m["d"], m["H"], m["M"], m["S"], tz)
        m = _ISO_DATE.fullmatch(text)
        if m is not None:
            dt = _build(m["y"], int(m["m"]), m["d"], m["H"], m["M"], m["S"], tz)
            if dt is not None and m["f"]:
                dt = dt.replace(microsecond=int(m["f"][:6].ljust(6, "0")))  # digits past 6 cut, as dateparser does
            return dt
        if _TIMESTAMP.fullmatch(text):
            # Integer arithmetic: float seconds would round the milliseconds.
            ms = int(text) if len(text) == 13 else int(text) * 1000
            epoch = datetime(1970, 1, 1, tzinfo=UTC)
            return (epoch + timedelta(milliseconds=ms)).astimezone(tz)
    m = _RELATIVE.fullmatch(text)
    if m is not None:
        base = _relative_base(now, tz)
        if m["now"]:
            return base
        if m["yesterday"]:
            return _midnight(base - timedelta(days=1))
        unit = m["unit"].lower()
        when = base - int(m["n"]) * _RELATIVE_STEP[unit]
        return _midnight(when) if unit in ("hari", "minggu") else when
    return _MISS


def _midnight(dt: datetime) -> datetime:
    return dt.replace(hour=0, minute=0, second=0, microsecond=0)


def _text_has_time(text: str) -> bool:
    return bool(_TIMESTAMP.fullmatch(text) or _CLOCK.search(text) or _SUBDAY_RELATIVE.search(text))


def _plausible(text: str) -> bool:
    if _NUMERIC_SHAPE.search(text) or _RELATIVE_WORD.search(text) or _TIMESTAMP.fullmatch(text):
        return True
    # A month name needs a day number too: "Oktober 2020" is no publication date.
    return _DAY_NUMBER.search(text) is not None and any(w.lower() in _MONTHS for w in _WORD.findall(text))


def _dateparser_core(prep: _Prepared, default_tz: tzinfo, now: datetime | None) -> datetime | None:
    text = prep.text
    if not _plausible(text):
        return None
    tz = prep.zone or default_tz
    base = _relative_base(now, tz)
    offset = base.strftime("%z")
    import dateparser  # Lazy: ~70 ms to import, and most inputs never get here.

    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        # Without it an explicit DATE_ORDER makes dateparser swap day and month when
        # they do not fit ("05/13/2023" -> 13 May); a portal's DMY is never MDY.
        "STRICT_DATE_ORDER": "all",
        # Otherwise "Oktober 2020" gets today's day and a bare "20.37" becomes a date.
        "REQUIRE_PARTS": ["day", "month"],
        # The zone was cut from the text, so TIMEZONE is both the assumed and the
        # returned zone: the local offset survives instead of being converted.
        "TIMEZONE": f"{offset[:3]}:{offset[3:]}",
        "RELATIVE_BASE": base,
    }
    try:
        dt = dateparser.parse(text, languages=["id", "en"], settings=settings)
    except Exception:
        return None
    if dt is None:
        return None
    # pytz StaticTzInfo -> datetime.timezone, so both paths return the same tzinfo type.
    dt = dt.astimezone(tz) if dt.tzinfo is not None else dt.replace(tzinfo=tz)
    # "kemarin" or "1 hari yang lalu" come back at the current clock time, which
    # the page never stated.
    return dt if _text_has_time(text) else _midnight(dt)


def _parse_with_dateparser(raw: str, default_offset: str = "+07:00", now: datetime | None = None) -> datetime | None:
    """The slow path alone: same cleaning as parse_date, then dateparser, no fast path."""
    prep = _prepare(raw)
    if prep is None:
        return None
    return _dateparser_core(prep, _offset_tz(default_offset), now)


def _fast_path_handles(raw: str, default_offset: str = "+07:00", now: datetime | None = None) -> bool:
    """True when parse_date answers ``raw`` without calling dateparser (tests, benchmarks)."""
    prep = _prepare(raw)
    if prep is None:
        return True
    fast = _parse_fast(prep, _offset_tz(default_offset), now)
    return fast is not _MISS or not _plausible(prep.text)


def parse_date(raw: str, *, default_offset: str = "+07:00", now: datetime | None = None) -> datetime | None:
    """Parse a date string as printed on an Indonesian portal (see :func:`_parse_date`); results are cached.

    A page's rules ask for the same strings several times (candidates, zone, choice) and a crawl meets the same
    strings on every page of a portal; a string that misses the fast path costs milliseconds in dateparser.
    The cache key holds ``now``, so relative dates stay right. ``now=None`` (the current time) is not cached.
    """
    if now is None or not isinstance(raw, str):
        return _parse_date(raw, default_offset=default_offset, now=now)
    return _parse_date_cached(raw, default_offset, now)


@lru_cache(maxsize=4096)
def _parse_date_cached(raw: str, default_offset: str, now: datetime) -> datetime | None:
    return _parse_date(raw, default_offset=default_offset, now=now)


def _parse_date(raw: str, *, default_offset: str = "+07:00", now: datetime | None = None) -> datetime | None:
    """Parse a date string as printed on an Indonesian portal (or found in meta/JSON-LD/attributes).

    Returns a timezone-aware datetime whose tzinfo is the *local fixed offset* (a WITA time
    keeps +08:00; never converted to WIB or UTC). Strings without a zone get
    ``default_offset`` (the portal's zone; "+07:00", "+0700" or "WIB"). A string with only a
    date and no time returns midnight of that day; so do day-granular relative dates
    ("kemarin", "3 hari yang lalu"), while "2 jam yang lalu" keeps its time. Relative
    dates count from ``now`` (default: the current time; a naive ``now`` is read in
    ``default_offset``). Unix timestamps (10 or 13 digits) are shown in ``default_offset``.
    Returns None if it is not a date; never raises for any ``raw``.
    """
    default_tz = _offset_tz(default_offset)
    prep = _prepare(raw)
    if prep is None:
        return None
    result = _parse_fast(prep, default_tz, now)
    if result is _MISS:
        return _dateparser_core(prep, default_tz, now)
    return result


def has_explicit_zone(raw: str) -> bool:
    """True when the string itself states a zone (WIB/WITA/WIT, +0700, +07:00, Z, UTC/GMT).

    A Unix timestamp states no zone (False), although it names an exact instant.
    """
    if not isinstance(raw, str):
        return False
    return _ZONE.search(_fold(raw)) is not None


def has_time(raw: str) -> bool:
    """True when the string carries a time of day (not only a date).

    Timestamps and sub-day relative dates ("2 jam yang lalu", "baru saja") count;
    "kemarin" and "3 hari yang lalu" do not.
    """
    prep = _prepare(raw)
    return prep is not None and _text_has_time(prep.text)


def to_iso(dt: datetime) -> str:
    """ISO 8601 with offset, seconds precision, e.g. '2020-10-07T15:13:00+07:00'. UTC as '+00:00'."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("to_iso needs an aware datetime")
    return dt.isoformat(timespec="seconds")
