"""Where extraction time goes: each step of ``newscrawl.record.parse_page`` timed on its own, per real page,
then cProfile's top functions over all pages.

The steps run in parse_page's order on a fresh Page and parser each round, so a step pays for what it is
the first to need (the class index, JSON-LD, meta tags are read by whichever step asks first). Median of
30 rounds after 3 warm-up rounds. Run from the repository root:

    .venv/bin/python benchmarks/profile_extract.py            # the step table and the top 25 functions
    .venv/bin/python benchmarks/profile_extract.py 40         # the top 40
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.page import Page
from newscrawl.record import finish
from newscrawl.sites import network_for

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "real"
ROUNDS, WARMUP = 30, 3


def pages() -> list[tuple[str, bytes, str]]:
    rows = [line.split("\t") for line in (REAL / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    return [
        (row[1], (REAL / row[0]).read_bytes(), row[0].split("/")[0]) for row in rows if row[3].startswith("article")
    ]


def steps(url: str, html: bytes) -> dict[str, float]:
    """Seconds per step of one extraction, in parse_page's order."""
    spent: dict[str, float] = {}

    def timed(name: str, func: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = func()
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
        return value

    page = timed("parse (decode, checks, lxml)", lambda: Page(html, url))
    net = network_for(url)
    parser = timed("parser set-up", lambda: net.make_parser(page))
    headline = timed("headline (+ JSON-LD, meta, class index)", parser.headline)
    timed("body container", parser.body_container)
    paragraphs = timed("body paragraphs (copy, drop, prune, clean)", parser.body_paragraphs)
    timed("article checks (listing, soft 404, truncation)", lambda: parser.check_article(headline, paragraphs))
    timed("canonical url", parser.canonical_url)
    timed("published_at (date candidates)", parser.published)
    timed("people: editor, authors, source (label lines)", lambda: (parser.editor(), parser.authors(), parser.source()))
    timed(
        "rest: summary, tags, category, image, pagination",
        lambda: (
            parser.summary(),
            parser.tags(),
            parser.category(),
            parser.image_url(),
            parser.image_caption(),
            parser.pagination(),
            parser.site_name(),
            parser.modified(),
        ),
    )
    record = {"url": url, "headline": headline, "body": "\n\n".join(paragraphs), "published_at_raw": None}
    timed("finish (pipeline steps)", lambda: finish(record, default_offset=net.offset_for(url)))
    return spent


def main() -> None:
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    cases = pages()
    per_page: dict[str, dict[str, float]] = {}
    for url, html, name in cases:
        rounds = [steps(url, html) for _ in range(WARMUP + ROUNDS)][WARMUP:]
        per_page[name] = {step: statistics.median(r[step] for r in rounds) * 1000 for step in rounds[0]}
    names = list(next(iter(per_page.values())))
    print("| step | " + " | ".join(f"`{n}`" for n in per_page) + " | all pages | share |")
    print("|---|" + "---|" * (len(per_page) + 2))
    grand = sum(sum(v.values()) for v in per_page.values())
    for step in names:
        values = [per_page[p][step] for p in per_page]
        print(
            f"| {step} | "
            + " | ".join(f"{v:.2f}" for v in values)
            + f" | {sum(values):.2f} | {sum(values) / grand:.0%} |"
        )
    sums = [sum(per_page[p].values()) for p in per_page]
    print("| **sum (ms)** | " + " | ".join(f"**{v:.2f}**" for v in sums) + f" | **{sum(sums):.2f}** | |")

    profile = cProfile.Profile()
    profile.enable()
    for _ in range(20):
        for url, html, _name in cases:
            with contextlib.suppress(Refused):
                extract_article(html, url)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    print(f"\ncProfile, 20 rounds of the {len(cases)} pages, top {top} by own time:\n")
    print("```")
    print("\n".join(line.replace(str(Path.cwd()) + "/", "") for line in lines[start:]))
    print("```")


if __name__ == "__main__":
    main()
