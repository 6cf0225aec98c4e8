"""Tests for newscrawl.dates: every date shape seen on the portals, fast path vs dateparser."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newscrawl.dates import (
    ZONE_OFFSETS,
    _fast_path_handles,
    _parse_with_dateparser,
    has_explicit_zone,
    has_time,
    parse_date,
    to_iso,
)

WIB = timezone(timedelta(hours=7))
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=WIB)

# (raw, expected ISO string or None). Relative rows count from NOW.
PORTAL_CASES = [
    pytest.param("5 September 2023, 20:37 WIB", "2023-09-05T20:37:00+07:00", id="d-month-y-time-wib"),
    pytest.param("- 7 Oktober 2020, 15:13 WIB", "2020-10-07T15:13:00+07:00", id="leading-dash"),
    pytest.param("Selasa, 05 Sep 2023 | 20:37 WIB", "2023-09-05T20:37:00+07:00", id="dayname-pipe"),
    pytest.param("05/09/2023, 20:37 WIB", "2023-09-05T20:37:00+07:00", id="dmy-slash-wib"),
    pytest.param("20/1/2026 18:30", "2026-01-20T18:30:00+07:00", id="dmy-slash-no-zone"),
    pytest.param("Jum'at, 24 Juli 2026 - 13:39 WIB", "2026-07-24T13:39:00+07:00", id="jum'at-dash-time"),
    pytest.param("Jumat, 24 Juli 2026 - 13:39:00 WIB", "2026-07-24T13:39:00+07:00", id="jumat-seconds"),
    pytest.param("Jumat, 9 Oktober 2020 13:52", "2020-10-09T13:52:00+07:00", id="dayname-no-zone"),
    pytest.param("Kamis 09 Juli 2020 07:26 WIB", "2020-07-09T07:26:00+07:00", id="dayname-no-comma"),
    pytest.param("Minggu, 17 Sep 2017 15:56 WIB", "2017-09-17T15:56:00+07:00", id="minggu-sep"),
    pytest.param("17/09/2017, 15:01 WIB", "2017-09-17T15:01:00+07:00", id="dmy-slash-comma"),
    pytest.param("Jumat, 9 Oktober 2020", "2020-10-09T00:00:00+07:00", id="date-only"),
    pytest.param("24 Jul 2026, 16:36 WIB", "2026-07-24T16:36:00+07:00", id="abbr-jul"),
    pytest.param("Jum\u2019at, 24 Juli 2026 \u2013 13:39 WIB", "2026-07-24T13:39:00+07:00", id="curly-quote-en-dash"),
    pytest.param("Selasa,\u00a005 Sep 2023 |\u00a020:37\u00a0WIB", "2023-09-05T20:37:00+07:00", id="nbsp"),
    pytest.param("07-10-2020 15:13 WIB", "2020-10-07T15:13:00+07:00", id="dmy-dash"),
    pytest.param("07.10.2020 15.13", "2020-10-07T15:13:00+07:00", id="dmy-dots"),
]
ZONE_CASES = [
    pytest.param("5 September 2023, 20:37 WITA", "2023-09-05T20:37:00+08:00", id="wita"),
    pytest.param("5 September 2023, 20:37 WIT", "2023-09-05T20:37:00+09:00", id="wit"),
    pytest.param("Selasa, 05 Sep 2023 | 20:37 WITA", "2023-09-05T20:37:00+08:00", id="dayname-pipe-wita"),
    pytest.param("Kamis 09 Juli 2020 07:26 WIT", "2020-07-09T07:26:00+09:00", id="dayname-wit"),
    pytest.param("17/09/2017, 15:01 WITA", "2017-09-17T15:01:00+08:00", id="dmy-slash-wita"),
    pytest.param("05/09/2023, 20:37 WIT", "2023-09-05T20:37:00+09:00", id="dmy-slash-wit"),
    pytest.param("Jum'at, 24 Juli 2026 - 13:39 WITA", "2026-07-24T13:39:00+08:00", id="jum'at-wita"),
    pytest.param("24 Jul 2026, 16:36 WIT", "2026-07-24T16:36:00+09:00", id="abbr-jul-wit"),
    pytest.param("5 Mei 2023 10:00 (WITA)", "2023-05-05T10:00:00+08:00", id="wita-in-parens"),
    pytest.param("5 september 2023 20:37 wita", "2023-09-05T20:37:00+08:00", id="lowercase"),
    pytest.param("5 September 2023, 20:37 UTC", "2023-09-05T20:37:00+00:00", id="utc"),
    pytest.param("5 September 2023, 20:37 GMT+8", "2023-09-05T20:37:00+08:00", id="gmt-plus-8"),
    pytest.param("Tue, 05 Sep 2023 20:37:00 +0700", "2023-09-05T20:37:00+07:00", id="rfc2822-offset"),
    pytest.param("Tue, 05 Sep 2023 20:37:00 GMT", "2023-09-05T20:37:00+00:00", id="rfc2822-gmt"),
]
ENGLISH_CASES = [
    pytest.param("12 Aug 2023, 08:05 WIB", "2023-08-12T08:05:00+07:00", id="aug"),
    pytest.param("1 Oct 2023 11:00 WIB", "2023-10-01T11:00:00+07:00", id="oct"),
    pytest.param("25 Dec 2023 23:59 WITA", "2023-12-25T23:59:00+08:00", id="dec-wita"),
    pytest.param("3 May 2024 06:00 WIT", "2024-05-03T06:00:00+09:00", id="may-wit"),
    pytest.param("3 August 2023 10:00 WIB", "2023-08-03T10:00:00+07:00", id="august"),
    pytest.param("15 October 2023, 14:20 WIB", "2023-10-15T14:20:00+07:00", id="october"),
    pytest.param("1 December 2023", "2023-12-01T00:00:00+07:00", id="december-date-only"),
    pytest.param("Monday, 4 March 2024 09:15 WIB", "2024-03-04T09:15:00+07:00", id="english-dayname"),
]
TIME_CASES = [
    pytest.param("5 September 2023, 20.37 WIB", "2023-09-05T20:37:00+07:00", id="dot-time"),
    pytest.param("5 Sep 2023 20.37.15 WIB", "2023-09-05T20:37:15+07:00", id="dot-time-seconds"),
    pytest.param("5 Mei 2023 pukul 10.00 WIB", "2023-05-05T10:00:00+07:00", id="pukul"),
    pytest.param("5 Mei 2023 Pkl. 10.00 WIB", "2023-05-05T10:00:00+07:00", id="pkl"),
    pytest.param("5 Mei 2023, 9:05 WIB", "2023-05-05T09:05:00+07:00", id="one-digit-hour"),
    pytest.param("5 Mei 2023 00:00 WIB", "2023-05-05T00:00:00+07:00", id="stated-midnight"),
]
LABEL_CASES = [
    pytest.param("Diperbarui 5 Mei 2023, 10:00 WIB", "2023-05-05T10:00:00+07:00", id="diperbarui"),
    pytest.param("Tayang: 5 Mei 2023", "2023-05-05T00:00:00+07:00", id="tayang"),
    pytest.param("Dipublikasikan 5 Mei 2023 10:00 WIB", "2023-05-05T10:00:00+07:00", id="dipublikasikan"),
    pytest.param(
        "Dipublikasikan: 12 Ags 2023 pukul 10.15 WITA", "2023-08-12T10:15:00+08:00", id="dipublikasikan-colon-ags"
    ),
    pytest.param("Diterbitkan 5 Mei 2023", "2023-05-05T00:00:00+07:00", id="diterbitkan"),
    pytest.param("Terbit 5 Mei 2023 10:00 WIB", "2023-05-05T10:00:00+07:00", id="terbit"),
    pytest.param("Published 5 May 2023 10:00 WIB", "2023-05-05T10:00:00+07:00", id="published"),
    pytest.param("Update: 5 Mei 2023 10.00 WIB", "2023-05-05T10:00:00+07:00", id="update"),
    pytest.param("Kompas.com - 5 Mei 2023, 10:00 WIB", "2023-05-05T10:00:00+07:00", id="kompas-dash"),
    pytest.param("Kompas.com, 5 Mei 2023, 10:00 WIB", "2023-05-05T10:00:00+07:00", id="kompas-comma"),
    pytest.param(
        "Terakhir diperbarui: Selasa, 05 Sep 2023 | 20:37 WIB", "2023-09-05T20:37:00+07:00", id="terakhir-diperbarui"
    ),
]
ISO_CASES = [
    pytest.param("2020-10-07T15:13:00+0700", "2020-10-07T15:13:00+07:00", id="iso-basic-offset"),
    pytest.param("2020-10-09T13:52:50+07:00", "2020-10-09T13:52:50+07:00", id="iso-wib"),
    pytest.param("2020-10-09T14:58:53+08:00", "2020-10-09T14:58:53+08:00", id="iso-wita"),
    pytest.param("2020-10-09T14:58:53+09:00", "2020-10-09T14:58:53+09:00", id="iso-wit"),
    pytest.param("2026-01-20T18:30:00Z", "2026-01-20T18:30:00+00:00", id="iso-z"),
    pytest.param("2020-07-09 07:26:05", "2020-07-09T07:26:05+07:00", id="iso-naive"),
    pytest.param("2020-10-07 15:13:00", "2020-10-07T15:13:00+07:00", id="iso-naive-2"),
    pytest.param("2020-10-07T15:13:00.123+07:00", "2020-10-07T15:13:00+07:00", id="iso-fraction"),
    pytest.param("2020-10-07", "2020-10-07T00:00:00+07:00", id="iso-date-only"),
    pytest.param("2018/05/01 05:27:04", "2018-05-01T05:27:04+07:00", id="iso-slashes"),  # CNN/detik publishdate
    pytest.param("18 Jun 2015 at 06:25 WIB", "2015-06-18T06:25:00+07:00", id="at-before-clock"),  # Liputan6 2015
    # .NET writes seven fraction digits (Okezone's JSON-LD): past six they are cut, as dateparser does
    pytest.param("2014-07-13T20:07:27.8200000", "2014-07-13T20:07:27+07:00", id="iso-seven-fraction-digits"),
    pytest.param("2014-07-13 20:07:27.9999999", "2014-07-13T20:07:27+07:00", id="iso-fraction-cut-not-rounded"),
]
TIMESTAMP_CASES = [
    pytest.param("1728045268", "2024-10-04T19:34:28+07:00", id="epoch-seconds"),
    pytest.param("1728045268000", "2024-10-04T19:34:28+07:00", id="epoch-millis"),
    pytest.param("1728045268999", "2024-10-04T19:34:28+07:00", id="epoch-millis-999"),
]
RELATIVE_CASES = [
    pytest.param("2 jam yang lalu", "2026-11-26T08:00:00+07:00", id="jam"),
    pytest.param("30 menit yang lalu", "2026-11-26T09:30:00+07:00", id="menit"),
    pytest.param("45 detik yang lalu", "2026-11-26T09:59:15+07:00", id="detik"),
    pytest.param("11 jam yang lalu", "2026-11-25T23:00:00+07:00", id="jam-across-midnight"),
    pytest.param("3 jam lalu", "2026-11-26T07:00:00+07:00", id="jam-lalu"),
    pytest.param("1 hari yang lalu", "2026-11-25T00:00:00+07:00", id="hari"),
    pytest.param("2 minggu yang lalu", "2026-11-12T00:00:00+07:00", id="minggu"),
    pytest.param("baru saja", "2026-11-26T10:00:00+07:00", id="baru-saja"),
    pytest.param("kemarin", "2026-11-25T00:00:00+07:00", id="kemarin"),
    pytest.param("Diperbarui 2 jam yang lalu", "2026-11-26T08:00:00+07:00", id="label-relative"),
]
# Shapes the fast path deliberately leaves to dateparser.
FALLBACK_CASES = [
    pytest.param("5 Mei, 10:00", "2026-05-05T10:00:00+07:00", id="no-year"),
    pytest.param("May 5, 2023", "2023-05-05T00:00:00+07:00", id="month-first"),
    pytest.param("September 5, 2023 10:00 AM", "2023-09-05T10:00:00+07:00", id="am-pm"),
    pytest.param("05/09/23 20:37 WIB", "2023-09-05T20:37:00+07:00", id="two-digit-year"),
    pytest.param("1 bulan yang lalu", "2026-10-26T00:00:00+07:00", id="bulan"),
    pytest.param("kemarin pukul 08.15", "2026-11-25T08:15:00+07:00", id="kemarin-pukul"),
    pytest.param("hari ini", "2026-11-26T00:00:00+07:00", id="hari-ini"),
    pytest.param("2 hours ago", "2026-11-26T08:00:00+07:00", id="hours-ago"),
]
NOT_A_DATE_CASES = [
    pytest.param("", None, id="empty"),
    pytest.param("   ", None, id="blank"),
    pytest.param("Selanjutnya", None, id="selanjutnya"),
    pytest.param("Halaman 2", None, id="halaman-2"),
    pytest.param("2 komentar", None, id="komentar"),
    pytest.param("None", None, id="none-string"),
    pytest.param("null", None, id="null-string"),
    pytest.param("-", None, id="dash"),
    pytest.param("Baca juga: Banjir di Jakarta", None, id="sentence"),
    pytest.param("31 Februari 2020", None, id="31-februari"),
    pytest.param("30/02/2021 10:00", None, id="30-02-numeric"),
    pytest.param("05/13/2023", None, id="month-13-not-swapped"),
    pytest.param("5 Mei 2023 24:00", None, id="hour-24"),
    pytest.param("0 Mei 2023", None, id="day-0"),
    pytest.param("2020-13-01", None, id="iso-month-13"),
    pytest.param("2020-10-07T15:13:00+25:00", None, id="offset-out-of-range"),
    pytest.param("5 Foo 2023", None, id="unknown-month"),
    pytest.param("Oktober 2020", None, id="no-day"),
    pytest.param("20.37", None, id="bare-time"),
    pytest.param("2 jam", None, id="duration"),
    pytest.param("1/2", None, id="fraction"),
    pytest.param("3.5", None, id="decimal"),
    pytest.param("Rp 20.000", None, id="price"),
    pytest.param("0812345678", None, id="phone-number"),
    pytest.param("123456789", None, id="nine-digits"),
]

DATE_CASES = (
    PORTAL_CASES
    + ZONE_CASES
    + ENGLISH_CASES
    + TIME_CASES
    + LABEL_CASES
    + ISO_CASES
    + TIMESTAMP_CASES
    + RELATIVE_CASES
    + FALLBACK_CASES
)
TABLE = DATE_CASES + NOT_A_DATE_CASES
FALLBACK_RAW = {p.values[0] for p in FALLBACK_CASES}

# Table rows dateparser itself cannot read (the fast path can): each is checked, so a
# dateparser upgrade that learns one shows up here.
DATEPARSER_CANNOT = {
    "Dipublikasikan: 12 Ags 2023 pukul 10.15 WITA",  # "Ags"
}


def _tz_of(iso: str) -> timezone:
    sign = 1 if iso[-6] == "+" else -1
    return timezone(sign * timedelta(hours=int(iso[-5:-3]), minutes=int(iso[-2:])))


@pytest.mark.parametrize(("raw", "expected"), TABLE)
def test_parse_date(raw: str, expected: str | None) -> None:
    result = parse_date(raw, now=NOW)
    if expected is None:
        assert result is None
        return
    assert result is not None
    assert to_iso(result) == expected
    # The local offset itself, not just the same instant.
    assert isinstance(result.tzinfo, timezone)
    assert result.tzinfo == _tz_of(expected)


@pytest.mark.parametrize("default_offset", ["+07:00", "+08:00"])
@pytest.mark.parametrize(("raw", "expected"), TABLE)
def test_fast_path_agrees_with_dateparser(raw: str, expected: str | None, default_offset: str) -> None:
    slow = _parse_with_dateparser(raw, default_offset, NOW)
    if raw in DATEPARSER_CANNOT:
        assert slow is None
        return
    fast = parse_date(raw, default_offset=default_offset, now=NOW)
    # dateparser's timestamp parser asks tzlocal for the host zone even with TIMEZONE set;
    # a bad TZ or a missing /etc/localtime makes it fail (parse_date never gets there).
    assert fast == slow, f"fast path {fast!r} != dateparser path {slow!r}"
    if fast is not None and slow is not None:
        assert fast.utcoffset() == slow.utcoffset()
        assert to_iso(fast) == to_iso(slow)
        assert type(fast.tzinfo) is type(slow.tzinfo)


@pytest.mark.parametrize(("raw", "expected"), TABLE)
def test_fast_path_coverage(raw: str, expected: str | None) -> None:
    # Every common shape must stay off dateparser; only FALLBACK_CASES may reach it.
    assert _fast_path_handles(raw, now=NOW) is (raw not in FALLBACK_RAW)


MONTH_WORDS = {
    "Januari": 1, "Jan": 1, "Februari": 2, "Feb": 2, "Maret": 3, "Mar": 3, "April": 4, "Apr": 4,
    "Mei": 5, "Juni": 6, "Jun": 6, "Juli": 7, "Jul": 7, "Agustus": 8, "Agu": 8, "Ags": 8,
    "Agt": 8, "September": 9, "Sep": 9, "Sept": 9, "Oktober": 10, "Okt": 10, "November": 11,
    "Nov": 11, "Nop": 11, "Desember": 12, "Des": 12,
    "January": 1, "February": 2, "March": 3, "May": 5, "June": 6, "July": 7, "August": 8,
    "Aug": 8, "October": 10, "Oct": 10, "December": 12, "Dec": 12,
}  # fmt: skip


@pytest.mark.parametrize(
    ("word", "month"),
    [
        pytest.param(variant, month, id=variant)
        for word, month in MONTH_WORDS.items()
        for variant in (word, word.lower() + ".", word.upper())
    ],
)
def test_month_names(word: str, month: int) -> None:
    result = parse_date(f"7 {word} 2024 08:00 WIB")
    assert result == datetime(2024, month, 7, 8, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    "day",
    ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Jum'at", "Jum\u2019at", "Sabtu", "Minggu", "Ahad", "SENIN", "Tue"],
)
def test_day_names_are_ignored(day: str) -> None:
    assert parse_date(f"{day}, 7 Mei 2024 08:00 WIB") == datetime(2024, 5, 7, 8, 0, tzinfo=WIB)
    assert parse_date(f"{day} 7 Mei 2024") == datetime(2024, 5, 7, tzinfo=WIB)


@pytest.mark.parametrize(
    ("raw", "default_offset", "expected"),
    [
        pytest.param("5 Mei 2023 10:00", "+08:00", "2023-05-05T10:00:00+08:00", id="naive-gets-default"),
        pytest.param("5 Mei 2023 10:00", "+0900", "2023-05-05T10:00:00+09:00", id="basic-format-default"),
        pytest.param("5 Mei 2023 10:00", "WITA", "2023-05-05T10:00:00+08:00", id="zone-name-default"),
        pytest.param("5 Mei 2023 10:00 WIB", "+09:00", "2023-05-05T10:00:00+07:00", id="stated-zone-wins"),
        pytest.param("2020-10-09T14:58:53+08:00", "+07:00", "2020-10-09T14:58:53+08:00", id="iso-offset-wins"),
        pytest.param("1728045268", "+09:00", "2024-10-04T21:34:28+09:00", id="epoch-in-default"),
        pytest.param("2 jam yang lalu", "+08:00", "2026-11-26T09:00:00+08:00", id="relative-in-default"),
        pytest.param("kemarin", "+00:00", "2026-11-25T00:00:00+00:00", id="kemarin-utc"),
    ],
)
def test_default_offset(raw: str, default_offset: str, expected: str) -> None:
    result = parse_date(raw, default_offset=default_offset, now=NOW)
    assert result is not None
    assert to_iso(result) == expected


def test_now_in_another_zone_and_naive_now() -> None:
    utc_now = NOW.astimezone(UTC)
    assert parse_date("2 jam yang lalu", now=utc_now) == datetime(2026, 11, 26, 8, 0, tzinfo=WIB)
    naive_now = datetime(2026, 11, 26, 10, 0)
    assert parse_date("kemarin", now=naive_now) == datetime(2026, 11, 25, tzinfo=WIB)


def test_now_defaults_to_current_time() -> None:
    before = datetime.now(WIB).replace(microsecond=0)
    result = parse_date("baru saja")
    after = datetime.now(WIB)
    assert result is not None
    assert before <= result <= after
    assert result.utcoffset() == timedelta(hours=7)


def test_zone_offsets() -> None:
    assert ZONE_OFFSETS == {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}


def test_invalid_default_offset_raises() -> None:
    with pytest.raises(ValueError, match="offset"):
        parse_date("5 Mei 2023", default_offset="Asia/Jakarta")


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(None, id="none"),
        pytest.param(1728045268, id="int"),
        pytest.param(b"5 Mei 2023", id="bytes"),
        pytest.param("99/99/9999 99:99", id="all-nines"),
        pytest.param("2020-10-07T99:99:99+99:99", id="iso-nines"),
        pytest.param("5 Mei 2023 10:00 " * 20, id="very-long"),
        pytest.param("\x00\ufffd", id="control-chars"),
        pytest.param("99999999 hari yang lalu", id="relative-overflow"),
    ],
)
def test_never_raises(raw: object) -> None:
    assert parse_date(raw, now=NOW) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("5 September 2023, 20:37 WIB", True, id="wib"),
        pytest.param("5 September 2023, 20:37 WITA", True, id="wita"),
        pytest.param("5 September 2023, 20:37 WIT", True, id="wit"),
        pytest.param("5 Mei 2023 10:00 (wib)", True, id="parens-lowercase"),
        pytest.param("2020-10-07T15:13:00+0700", True, id="basic-offset"),
        pytest.param("2020-10-09T13:52:50+07:00", True, id="extended-offset"),
        pytest.param("2020-10-07T15:13:00.123-03:00", True, id="offset-after-fraction"),
        pytest.param("2026-01-20T18:30:00Z", True, id="z"),
        pytest.param("Tue, 05 Sep 2023 20:37:00 GMT", True, id="gmt"),
        pytest.param("5 September 2023 20:37 UTC+7", True, id="utc-plus"),
        pytest.param("20/1/2026 18:30", False, id="no-zone"),
        pytest.param("2020-07-09 07:26:05", False, id="iso-naive"),
        pytest.param("05-09-2023", False, id="dash-date-is-not-offset"),
        pytest.param("1728045268", False, id="epoch"),
        pytest.param("Twitter 5 Mei 2023", False, id="wit-inside-word"),
        pytest.param("Generasi Z", False, id="letter-z"),
        pytest.param("", False, id="empty"),
    ],
)
def test_has_explicit_zone(raw: str, expected: bool) -> None:
    assert has_explicit_zone(raw) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("5 September 2023, 20:37 WIB", True, id="colon"),
        pytest.param("5 September 2023, 20.37 WIB", True, id="dot"),
        pytest.param("5 Sep 2023 20.37.15 WIB", True, id="dot-seconds"),
        pytest.param("2020-10-07T15:13:00.123+07:00", True, id="iso-fraction"),
        pytest.param("07.10.2020 15.13", True, id="dotted-date-and-time"),
        pytest.param("1728045268", True, id="epoch"),
        pytest.param("2 jam yang lalu", True, id="jam-lalu"),
        pytest.param("baru saja", True, id="baru-saja"),
        pytest.param("Jumat, 9 Oktober 2020", False, id="date-only"),
        pytest.param("07.10.2020", False, id="dotted-date"),
        pytest.param("05.09.2023 WIB", False, id="dotted-date-zone"),
        pytest.param("2020-10-07", False, id="iso-date"),
        pytest.param("kemarin", False, id="kemarin"),
        pytest.param("3 hari yang lalu", False, id="hari-lalu"),
        pytest.param("", False, id="empty"),
    ],
)
def test_has_time(raw: str, expected: bool) -> None:
    assert has_time(raw) is expected


@pytest.mark.parametrize(("raw", "expected"), DATE_CASES)
def test_has_time_matches_result(raw: str, expected: str) -> None:
    # A string without a time of day must come back at midnight.
    if not has_time(raw):
        assert expected.endswith("T00:00:00" + expected[-6:])


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        pytest.param(datetime(2020, 10, 7, 15, 13, tzinfo=WIB), "2020-10-07T15:13:00+07:00", id="wib"),
        pytest.param(datetime(2026, 1, 20, 18, 30, tzinfo=UTC), "2026-01-20T18:30:00+00:00", id="utc"),
        pytest.param(
            datetime(2020, 10, 7, 15, 13, 5, 999999, tzinfo=timezone(timedelta(hours=8))),
            "2020-10-07T15:13:05+08:00",
            id="drops-microseconds",
        ),
    ],
)
def test_to_iso(dt: datetime, expected: str) -> None:
    assert to_iso(dt) == expected


def test_to_iso_rejects_naive() -> None:
    with pytest.raises(ValueError, match="aware"):
        to_iso(datetime(2020, 10, 7, 15, 13))


def test_dateparser_path_emits_no_warnings() -> None:
    # Independent of how pytest is invoked: the slow path, including dateparser's
    # timestamp and relative parsers, must not warn (pytz, tzlocal, deprecations).
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for raw in ("5 Mei, 10:00", "1728045268", "1 bulan yang lalu", "2026-01-20T18:30:00Z", "May 5, 2023"):
            assert _parse_with_dateparser(raw, "+07:00", NOW) is not None
    assert [str(w.message) for w in caught] == []


def test_dateparser_is_imported_lazily() -> None:
    code = "import sys, newscrawl.dates; print('dateparser' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
