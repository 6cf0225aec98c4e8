"""Time newscrawl.dates.parse_date against plain dateparser.parse on the test-table strings.

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

import dateparser

from newscrawl.dates import _fast_path_handles, parse_date
from tests.test_dates import DATE_CASES, NOW, TABLE

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


if __name__ == "__main__":
    main()
