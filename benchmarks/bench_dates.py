"""Time newscrawl.dates.parse_date against plain dateparser.parse on two mixes of portal date strings.

1. The date test table (``tests/test_dates.py``: every portal shape, each zone, relative dates, ISO forms,
   timestamps, non-dates), each string ``repeats`` times.
2. The strings parse_date is actually handed while newscrawl extracts every real article page in
   ``../shared/fixtures/real`` and every fixture page in ``tests/fixtures/sites`` (recorded by wrapping
   parse_date): the mix a crawl meets, with its repetitions.

For every distinct string it also checks that parse_date (fast path first) returns exactly what the same
cleaning followed by dateparser returns (``_parse_with_dateparser``), and reports the count.

Run from the repository root: ``.venv/bin/python benchmarks/bench_dates.py [repeats]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# A script, not an installed package: make ``newscrawl`` and ``tests`` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

import dateparser

import newscrawl.dates
from newscrawl.dates import _fast_path_handles, _parse_with_dateparser, parse_date
from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from tests.test_dates import DATE_CASES, NOW, TABLE

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "fixtures" / "real"


def extraction_mix() -> list[tuple[str, str]]:
    """(string, default offset) for every parse_date call made while extracting the real and fixture pages."""
    calls: list[tuple[str, str]] = []
    original = newscrawl.dates.parse_date

    def recording(raw: str, *, default_offset: str = "+07:00", now: Any = None) -> Any:
        calls.append((raw, default_offset))
        return original(raw, default_offset=default_offset, now=now)

    newscrawl.dates.parse_date = recording  # type: ignore[assignment]
    pages = []
    if (REAL / "pages.tsv").is_file():
        rows = [line.split("\t") for line in (REAL / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
        pages += [(row[1], REAL / row[0]) for row in rows if row[3].startswith("article")]
    for path in sorted((ROOT / "tests" / "fixtures" / "sites").rglob("*.html")):
        pages.append((f"https://{path.relative_to(ROOT / 'tests' / 'fixtures' / 'sites').parts[0]}.example/b/1", path))
    try:
        for url, path in pages:
            with contextlib.suppress(Refused):
                extract_article(path.read_bytes(), url, now=NOW)
    finally:
        newscrawl.dates.parse_date = original
    return calls


ROUNDS = 3


def _best_of(func: Callable[[str], Any], mix: list[str]) -> float:
    """Seconds for one pass over ``mix``, best of ROUNDS (the least disturbed run)."""
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for raw in mix:
            func(raw)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    table = [str(p.values[0]) for p in TABLE]
    dated = [str(p.values[0]) for p in DATE_CASES]
    mix = table * repeats
    settings = {
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": NOW,
        "TIMEZONE": "+07:00",
    }

    def ours(raw: str) -> Any:
        return parse_date(raw, now=NOW)

    def plain(raw: str) -> Any:
        return dateparser.parse(raw, languages=["id", "en"], settings=settings)

    # Warm-up: dateparser builds its locale data and regex caches on first use.
    for raw in table:
        ours(raw)
        plain(raw)

    fast = sum(_fast_path_handles(raw, now=NOW) for raw in table)
    fast_dated = sum(_fast_path_handles(raw, now=NOW) for raw in dated)
    plain_ok = sum(plain(raw) is not None for raw in dated)
    ours_ok = sum(ours(raw) is not None for raw in dated)

    t_ours = _best_of(ours, mix)
    t_plain = _best_of(plain, mix)
    fast_only = [raw for raw in table if _fast_path_handles(raw, now=NOW)] * repeats
    t_ours_fast = _best_of(ours, fast_only)
    t_plain_fast = _best_of(plain, fast_only)

    n = len(mix)
    print("## 1. The date test table\n")
    print(f"mix: {len(table)} table strings x {repeats} = {n} calls, best of {ROUNDS} rounds")
    print(f"fast-path share (no dateparser call): {fast}/{len(table)} = {fast / len(table):.1%} of all strings")
    print(
        f"                                       {fast_dated}/{len(dated)} = {fast_dated / len(dated):.1%} of date rows"
    )
    print(f"dates found: parse_date {ours_ok}/{len(dated)}, plain dateparser.parse {plain_ok}/{len(dated)}")
    print(f"parse_date        : {t_ours / n * 1e6:8.1f} us/call  ({t_ours:.3f} s)")
    print(f"dateparser.parse  : {t_plain / n * 1e6:8.1f} us/call  ({t_plain:.3f} s)")
    print(f"speed ratio (whole mix)      : {t_plain / t_ours:6.1f}x")
    m = len(fast_only)
    print(f"fast-path strings only       : parse_date {t_ours_fast / m * 1e6:.1f} us/call vs dateparser "
          f"{t_plain_fast / m * 1e6:.1f} us/call = {t_plain_fast / t_ours_fast:.0f}x")  # fmt: skip
    same = sum(ours(raw) == _parse_with_dateparser(raw, now=NOW) for raw in table)
    print(f"identical to the dateparser path (same cleaning, then dateparser): {same}/{len(table)} strings")
    for raw in table:
        if ours(raw) != _parse_with_dateparser(raw, now=NOW):
            print(f"  differs: {raw!r}: fast path {ours(raw)}, dateparser {_parse_with_dateparser(raw, now=NOW)}")

    calls = extraction_mix()
    distinct = sorted(set(calls))
    print(f"\n## 2. What extraction hands parse_date ({len(calls)} calls, {len(distinct)} distinct strings)\n")
    for raw, offset in distinct:  # warm-up
        parse_date(raw, default_offset=offset, now=NOW)
        dateparser.parse(raw, languages=["id", "en"], settings={**settings, "TIMEZONE": offset})

    def run_ours() -> None:
        for raw, offset in calls:
            parse_date(raw, default_offset=offset, now=NOW)

    def run_plain() -> None:
        for raw, offset in calls:
            dateparser.parse(raw, languages=["id", "en"], settings={**settings, "TIMEZONE": offset})

    t_ours_x = _best_of(lambda _: run_ours(), [""])
    t_plain_x = _best_of(lambda _: run_plain(), [""])
    fast_x = sum(_fast_path_handles(raw, offset, now=NOW) for raw, offset in calls)
    same_x = sum(
        parse_date(raw, default_offset=offset, now=NOW) == _parse_with_dateparser(raw, offset, now=NOW)
        for raw, offset in distinct
    )
    k = len(calls)
    print(f"fast-path share: {fast_x}/{k} calls = {fast_x / k:.1%}")
    print(f"parse_date        : {t_ours_x / k * 1e6:8.1f} us/call")
    print(f"dateparser.parse  : {t_plain_x / k * 1e6:8.1f} us/call")
    print(f"speed ratio       : {t_plain_x / t_ours_x:6.1f}x")
    print(f"identical to the dateparser path: {same_x}/{len(distinct)} distinct strings")
    for raw, offset in distinct:
        if parse_date(raw, default_offset=offset, now=NOW) != _parse_with_dateparser(raw, offset, now=NOW):
            print(f"  differs: {raw!r} ({offset}): fast {parse_date(raw, default_offset=offset, now=NOW)} vs "
                  f"dateparser {_parse_with_dateparser(raw, offset, now=NOW)}")  # fmt: skip


if __name__ == "__main__":
    main()
