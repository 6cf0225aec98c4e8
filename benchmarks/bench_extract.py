"""Per-page extraction benchmark: newscrawl.extract_article against trafilatura, newspaper4k and readability-lxml.

Every article page listed in ``../shared/fixtures/real/pages.tsv`` (kind ``article*``) is read in place,
never copied, and compared with its hand-verified record in ``tests/expected/``: one accuracy table with
every tool per page and field (headline, ``published_at`` to the minute with its offset, authors, editor,
source, body token F1, boilerplate leaks) and a total row per tool. Each tool is also timed in this one
process (3 warm-up calls each, then the median of 30 interleaved runs), next to the parse floor:
``lxml.etree.fromstring(text, lxml.etree.HTMLParser())`` on the same text.

Run from the repository root, after ``.venv/bin/pip install -r benchmarks/requirements.txt``:
``.venv/bin/python benchmarks/bench_extract.py``. No network is used: any socket connection or DNS
look-up made while it runs raises and is counted, and the script exits with status 1 if there was one.
"""

from __future__ import annotations

import json
import os
import platform
import re
import socket
import statistics
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from datetime import time as clock
from importlib.metadata import version
from pathlib import Path
from typing import Any

# A script, not an installed package: make ``newscrawl`` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml
import lxml.etree
import lxml.html
import readability
import trafilatura
from trafilatura.settings import set_date_params

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.page import decode_html

with warnings.catch_warnings():
    # newspaper4k warns at import that nltk is missing: only its optional .nlp() (keywords, summary) needs it,
    # and without nltk nothing can try to download nltk data either.
    warnings.filterwarnings("ignore", message="nltk is not installed", category=UserWarning)
    import newspaper

ROOT = Path(__file__).resolve().parent.parent
REAL_PAGES = ROOT.parent / "shared" / "fixtures" / "real"
EXPECTED = ROOT / "tests" / "expected"
WARMUP = 3
RUNS = 30
#: the same fixed "now" as the test suite, so relative dates resolve as in the expected records
NOW = datetime(2026, 11, 26, 10, 0, 0, tzinfo=UTC)
TOKEN = re.compile(r"\w+")
OK, FAIL, NA = "yes", "**no**", "n/a"
FIELDS = ("headline", "published_at", "authors", "editor", "source")
#: the fields each tool has at all; the others are n/a for it and are not scored
TOOL_FIELDS = {
    "newscrawl": FIELDS,
    "trafilatura": ("headline", "published_at", "authors"),
    "newspaper4k": ("headline", "published_at", "authors"),
    "readability": ("headline",),
}
#: trafilatura's default date settings, but asking htmldate for the time and zone too (its default is the day)
TRAFILATURA_DATE = {**set_date_params(), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}

# --- no network -------------------------------------------------------------------------------------

NETWORK_ATTEMPTS: list[str] = []


def _forbid_network() -> None:
    """Make every outgoing connection and DNS look-up in this process fail loudly (and count it)."""

    def refuse(what: str) -> Callable[..., Any]:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            # the host: first argument of getaddrinfo/create_connection, last of a socket's connect(address)
            target = args[0] if what in ("getaddrinfo", "create_connection") else args[-1]
            NETWORK_ATTEMPTS.append(f"{what} {target!r}" if args else what)
            raise OSError(f"bench_extract: network is off ({what})")

        return blocked

    socket.socket.connect = refuse("connect")  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse("connect_ex")  # type: ignore[method-assign]
    socket.create_connection = refuse("create_connection")
    socket.getaddrinfo = refuse("getaddrinfo")


# --- pages and expected records ---------------------------------------------------------------------


@dataclass
class Case:
    file: str
    url: str
    html: bytes
    text: str  # decoded once, outside the timings; what the other tools and the parse floor get
    expected: dict[str, Any]
    ms: dict[str, float] = field(default_factory=dict)


def load_cases() -> list[Case]:
    tsv = REAL_PAGES / "pages.tsv"
    if not tsv.is_file():
        sys.exit(f"{tsv} is missing: clone the project beside its shared/ folder")
    lines = tsv.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    cases = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        if not row["kind"].startswith("article"):
            continue
        expected_path = EXPECTED / Path(row["file"]).with_suffix(".json")
        if not expected_path.is_file():
            sys.exit(f"no expected record for {row['file']}: {expected_path}")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        html = (REAL_PAGES / row["file"]).read_bytes()
        cases.append(Case(row["file"], row["url"], html, decode_html(html), expected))
    return cases


# --- the contestants: each run_* is what gets timed, each read_* turns its output into the fields ------


def run_newscrawl(case: Case) -> dict[str, Any] | None:
    try:
        return extract_article(case.html, case.url, now=NOW)
    except Refused:
        return None


def run_trafilatura(case: Case) -> dict[str, Any] | None:
    # trafilatura 2.x returns a Document (its ``as_dict=True`` argument is deprecated): use .as_dict()
    doc = trafilatura.bare_extraction(
        case.text, url=case.url, with_metadata=True, date_extraction_params=TRAFILATURA_DATE
    )
    if doc is None or isinstance(doc, dict):
        return doc
    return doc.as_dict()


def run_newspaper4k(case: Case) -> newspaper.Article:
    # download(input_html=...) only stores the given page. fetch_images=False: by default parse() downloads
    # the candidate top images to measure them (4 to 44 blocked look-ups per page on these five pages).
    article = newspaper.Article(case.url, fetch_images=False)
    article.download(input_html=case.text)
    article.parse()
    return article


def run_readability(case: Case) -> tuple[str, str]:
    doc = readability.Document(case.text)
    return doc.short_title(), doc.summary()


def run_parse(case: Case) -> Any:
    # The floor: lxml's quickest parse of the page into a tree, plain elements as newscrawl builds them
    # (lxml.html.document_fromstring is 10-25 % slower: it looks up a Python class for every element).
    return lxml.etree.fromstring(case.text, lxml.etree.HTMLParser())


CONTESTANTS: dict[str, Callable[[Case], Any]] = {
    "newscrawl": run_newscrawl,
    "trafilatura": run_trafilatura,
    "newspaper4k": run_newspaper4k,
    "readability": run_readability,
    "parse": run_parse,
}


def as_datetime(value: datetime | str | None) -> datetime | None:
    if not value or isinstance(value, datetime):
        return value or None
    return datetime.fromisoformat(value)


def read_newscrawl(rec: dict[str, Any] | None) -> dict[str, Any] | None:
    if rec is None:
        return None
    return {
        "headline": rec.get("headline"),
        "published_at": as_datetime(rec.get("published_at")),
        "authors": rec.get("authors"),
        "editor": rec.get("editor"),
        "source": rec.get("source"),
        "body": rec.get("body") or "",
    }


def read_trafilatura(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    author = doc.get("author") or ""
    return {
        "headline": doc.get("title"),
        "published_at": as_datetime(doc.get("date")),
        "authors": author.split("; ") if author else [],  # trafilatura joins several authors with "; "
        "body": doc.get("text") or "",
    }


def read_newspaper4k(article: newspaper.Article) -> dict[str, Any]:
    return {
        "headline": article.title or None,
        "published_at": article.publish_date,
        "authors": list(article.authors),
        "body": article.text or "",
    }


def read_readability(output: tuple[str, str]) -> dict[str, Any]:
    title, summary = output
    # the text of the summary HTML; a block-aware walk (newline around each <p>, <div>, ...) scores the same
    return {"headline": title or None, "body": lxml.html.fromstring(summary).text_content() if summary else ""}


READERS: dict[str, Callable[[Any], dict[str, Any] | None]] = {
    "newscrawl": read_newscrawl,
    "trafilatura": read_trafilatura,
    "newspaper4k": read_newspaper4k,
    "readability": read_readability,
}


def time_case(case: Case) -> None:
    """Warm up each contestant, then time RUNS interleaved rounds; keep the median in ms."""
    for func in CONTESTANTS.values():
        for _ in range(WARMUP):
            func(case)
    samples: dict[str, list[float]] = {name: [] for name in CONTESTANTS}
    for _ in range(RUNS):
        for name, func in CONTESTANTS.items():
            start = time.perf_counter()
            func(case)
            samples[name].append(time.perf_counter() - start)
    case.ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}


# --- accuracy ---------------------------------------------------------------------------------------


def token_prf(got: str, want: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 (bags of lowercase ``\\w+`` tokens)."""
    g, w = Counter(TOKEN.findall(got.lower())), Counter(TOKEN.findall(want.lower()))
    common = sum((g & w).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def leaks(body: str, must_not: list[str]) -> int:
    low = body.lower()
    return sum(phrase.lower() in low for phrase in must_not)


def mark(ok: bool, detail: str = "") -> str:
    return f"{OK if ok else FAIL}{f' ({detail})' if detail else ''}"


def offset(value: datetime) -> str:
    return value.isoformat()[19:] or "none"


def date_cell(got: datetime | None, want_iso: str) -> tuple[bool, str]:
    """Right when the time is right to the minute and carries the portal's own UTC offset."""
    want = datetime.fromisoformat(want_iso)
    if got is None:
        return False, "none"
    if got.tzinfo is None:
        if got.time() == clock(0):
            return False, "day only" if got.date() == want.date() else f"day only, got {got.date()}"
        return False, f"no offset, got {got.isoformat(sep=' ')}"
    if got.replace(second=0, microsecond=0) != want.replace(second=0, microsecond=0):  # compares the instants
        return False, f"got {got.isoformat(sep=' ')}"
    if got.utcoffset() != want.utcoffset():
        return False, f"right instant, offset {offset(got)}"
    return True, offset(got)


def field_cell(name: str, got: Any, want: Any) -> tuple[bool, str]:
    if name == "published_at":
        return date_cell(got, want)
    if got == want:
        return True, ""
    if name == "headline" and got and got.startswith(want):
        return False, f"suffix {got[len(want) :]!r} kept"
    if name == "headline" and got and got in want:
        return False, f"only part: {got!r}"
    return False, f"got {got!r}"


def score(tool: str, case: Case, out: dict[str, Any] | None) -> dict[str, Any]:
    """Per field: (ok, cell); plus body F1 and leaks. ``out`` None = the tool refused or found nothing."""
    want = case.expected["record"]
    oks: dict[str, bool] = {}
    cells: dict[str, str] = {}
    for name in FIELDS:
        if name not in TOOL_FIELDS[tool]:
            cells[name] = NA
        elif out is None:
            oks[name], cells[name] = False, mark(False, "nothing extracted")
        else:
            oks[name], detail = field_cell(name, out.get(name), want[name])
            cells[name] = mark(oks[name], detail)
    body = "" if out is None else out["body"]
    precision, recall, f1 = token_prf(body, "\n\n".join(case.expected["body_paragraphs"]))
    return {
        "oks": oks,
        "cells": cells,
        "f1": f1,
        "f1_cell": f"{f1:.3f} (P {precision:.2f} / R {recall:.2f})",
        "leaks": leaks(body, case.expected["body_must_not_contain"]),
    }


# --- output -----------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def page_name(case: Case) -> str:
    return f"`{case.file.split('/')[0]}`"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info() -> str:
    libxml = ".".join(map(str, lxml.etree.LIBXML_VERSION))
    tools = ", ".join(f"{name} {version(name)}" for name in ("trafilatura", "newspaper4k", "readability-lxml"))
    return "\n".join(
        [
            f"- platform: {platform.platform()}",
            f"- cpu: {cpu_model()}, os.cpu_count() = {os.cpu_count()}",
            f"- python: {platform.python_implementation()} {platform.python_version()}",
            f"- lxml: {lxml.__version__} (libxml2 {libxml}); {tools}",
            f"- timing: {WARMUP} warm-up calls each, then median of {RUNS} interleaved runs, time.perf_counter",
        ]
    )


OTHERS = ("trafilatura", "newspaper4k", "readability")


def speed_table(cases: list[Case]) -> str:
    def cells(ms: dict[str, float], ratios: list[float]) -> list[str]:
        return [*(f"{ms[name]:.2f}" for name in CONTESTANTS), *(f"{r:.2f}x" for r in ratios[:-1]), f"{ratios[-1]:.1f}x"]

    def ratios(ms: dict[str, float]) -> list[float]:
        return [*(ms[name] / ms["newscrawl"] for name in OTHERS), ms["newscrawl"] / ms["parse"]]

    rows = [[page_name(c), f"{len(c.html) / 1024:.0f} KiB", *cells(c.ms, ratios(c.ms))] for c in cases]
    totals = {name: sum(c.ms[name] for c in cases) for name in CONTESTANTS}
    rows.append(["**total**", "", *cells(totals, ratios(totals))])
    # the median row: each column's median over the pages (for the ratios, the median of the page ratios)
    medians = {name: statistics.median(c.ms[name] for c in cases) for name in CONTESTANTS}
    page_ratios = [ratios(c.ms) for c in cases]
    rows.append(["**median**", "", *cells(medians, [statistics.median(col) for col in zip(*page_ratios, strict=True)])])
    header = ["page", "size", "ms newscrawl", "ms trafilatura", "ms newspaper4k", "ms readability", "ms lxml parse"]
    header += [f"{name}/newscrawl" for name in OTHERS] + ["newscrawl/parse"]
    return table(header, rows)


def accuracy_table(cases: list[Case]) -> str:
    rows = []
    scores: dict[str, list[dict[str, Any]]] = {tool: [] for tool in READERS}
    for case in cases:
        for tool, read in READERS.items():
            s = score(tool, case, read(CONTESTANTS[tool](case)))
            scores[tool].append(s)
            right = f"{sum(s['oks'].values())}/{len(s['oks'])}"
            row = [s["cells"][name] for name in FIELDS]
            rows.append([page_name(case), tool, *row, right, s["f1_cell"], str(s["leaks"])])
    for tool, per_page in scores.items():
        counts = [
            f"{sum(s['oks'][name] for s in per_page)}/{len(per_page)}" if name in TOOL_FIELDS[tool] else NA
            for name in FIELDS
        ]
        right = f"**{sum(sum(s['oks'].values()) for s in per_page)}/{sum(len(s['oks']) for s in per_page)}**"
        f1s = [s["f1"] for s in per_page]
        f1 = f"mean **{statistics.mean(f1s):.3f}**, median {statistics.median(f1s):.3f}"
        rows.append(["**all pages**", f"**{tool}**", *counts, right, f1, f"**{sum(s['leaks'] for s in per_page)}**"])
    header = ["page", "tool", "headline", "published_at", "authors", "editor", "source", "fields right"]
    return table([*header, "body F1 (P / R)", "leaks"], rows)


def main() -> None:
    _forbid_network()
    cases = load_cases()
    for case in cases:
        time_case(case)

    print("## Machine\n")
    print(machine_info())

    print("\n## (a) Time per page (median ms)\n")
    print(speed_table(cases))
    total = {name: sum(c.ms[name] for c in cases) for name in CONTESTANTS}
    print(
        f"\nTargets (issue 7), on the totals: at least 10x faster than trafilatura: "
        f"{total['trafilatura'] / total['newscrawl']:.1f}x; within 3x of the parse floor: "
        f"{total['newscrawl'] / total['parse']:.1f}x."
    )

    print("\n## (b) Accuracy per page and tool\n")
    print(accuracy_table(cases))

    leak_totals = ", ".join(str(len(c.expected["body_must_not_contain"])) for c in cases)
    print(
        f"\nheadline: exact string. published_at: right to the minute and with the expected UTC offset "
        f"(a date with no time or no offset is wrong). authors: the exact list, in order. fields right: "
        f"right / scored, n/a fields (the tool has no such output) are not scored. Body F1 is token F1 "
        f"(lowercase `\\w+`) against the expected paragraphs joined by blank lines. Leaks count "
        f"`body_must_not_contain` strings found in the body, case-insensitive (out of {leak_totals} per page)."
    )
    print(f"Network attempts during the run: {len(NETWORK_ATTEMPTS)} {NETWORK_ATTEMPTS[:5] or ''}".rstrip())
    if NETWORK_ATTEMPTS:
        sys.exit("bench_extract: a contestant tried to use the network; its numbers are not offline numbers")


if __name__ == "__main__":
    main()
