"""Per-page extraction benchmark: newscrawl.extract_article against trafilatura.bare_extraction.

Every article page listed in ``../shared/fixtures/real/pages.tsv`` (kind ``article*``) is read in place,
never copied, and compared with its hand-verified record in ``tests/expected/``. Both tools are timed
in this one process (3 warm-up calls each, then the median of 30 interleaved runs), next to the
parse floor: ``lxml.html.document_fromstring`` on the same text.

Run from the repository root, after ``.venv/bin/pip install -r benchmarks/requirements.txt``:
``.venv/bin/python benchmarks/bench_extract.py``. No network is used: any socket connection or DNS
look-up made while it runs raises, and is counted.
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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# A script, not an installed package: make ``newscrawl`` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml
import lxml.etree
import lxml.html
import trafilatura

from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.page import decode_html

ROOT = Path(__file__).resolve().parent.parent
REAL_PAGES = ROOT.parent / "shared" / "fixtures" / "real"
EXPECTED = ROOT / "tests" / "expected"
WARMUP = 3
RUNS = 30
#: the same fixed "now" as the test suite, so relative dates resolve as in the expected records
NOW = datetime(2026, 11, 26, 10, 0, 0, tzinfo=UTC)
TOKEN = re.compile(r"\w+")
OK, FAIL, NA = "yes", "**no**", "n/a"

# --- no network -------------------------------------------------------------------------------------

NETWORK_ATTEMPTS: list[str] = []


def _forbid_network() -> None:
    """Make every outgoing connection and DNS look-up in this process fail loudly (and count it)."""

    def refuse(what: str) -> Callable[..., Any]:
        def blocked(*args: Any, **kwargs: Any) -> Any:
            NETWORK_ATTEMPTS.append(f"{what} {args[-1]!r}" if args else what)
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
    text: str  # decoded once, outside the timings; what trafilatura and the parse floor get
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


# --- the three contestants --------------------------------------------------------------------------


def run_newscrawl(case: Case) -> dict[str, Any] | None:
    try:
        return extract_article(case.html, case.url, now=NOW)
    except Refused:
        return None


def run_trafilatura(case: Case) -> dict[str, Any] | None:
    # trafilatura 2.x returns a Document (its ``as_dict=True`` argument is deprecated): use .as_dict()
    doc = trafilatura.bare_extraction(case.text, url=case.url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return doc
    return doc.as_dict()


def run_parse(case: Case) -> Any:
    return lxml.html.document_fromstring(case.text)


CONTESTANTS: dict[str, Callable[[Case], Any]] = {
    "newscrawl": run_newscrawl,
    "trafilatura": run_trafilatura,
    "parse": run_parse,
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


def body_score(body: str, case: Case) -> dict[str, Any]:
    precision, recall, f1 = token_prf(body, "\n\n".join(case.expected["body_paragraphs"]))
    return {
        "f1": f1,
        "f1_cell": f"{f1:.3f} (P {precision:.2f} / R {recall:.2f})",
        "leaks": leaks(body, case.expected["body_must_not_contain"]),
    }


def headline_detail(got: str | None, want: str) -> str:
    if got and got.startswith(want):
        return f"suffix {got[len(want) :]!r} kept"
    return f"got {got!r}"


def leaks(body: str, must_not: list[str]) -> int:
    low = body.lower()
    return sum(phrase.lower() in low for phrase in must_not)


def mark(ok: bool, detail: str = "") -> str:
    return f"{OK if ok else FAIL}{f' ({detail})' if detail else ''}"


def score_newscrawl(case: Case, rec: dict[str, Any] | None) -> dict[str, Any]:
    want = case.expected["record"]
    if rec is None:
        return {"refused": True, "f1": 0.0, "leaks": 0, "oks": {}}
    got_date = rec.get("published_at") or ""
    date_ok = got_date == want["published_at"]
    offset = got_date[19:] if len(got_date) > 19 else "none"
    oks = {
        "headline": rec.get("headline") == want["headline"],
        "date": date_ok,
        "authors": rec.get("authors") == want["authors"],
        "editor": rec.get("editor") == want["editor"],
        "source": rec.get("source") == want["source"],
    }
    cells = {
        "headline": mark(
            oks["headline"], "" if oks["headline"] else headline_detail(rec.get("headline"), want["headline"])
        ),
        "date": mark(date_ok, offset if date_ok else f"got {got_date or 'none'}"),
        "authors": mark(oks["authors"], "" if oks["authors"] else f"got {rec.get('authors')}"),
        "editor": mark(oks["editor"], "" if oks["editor"] else f"got {rec.get('editor')}"),
        "source": mark(oks["source"], "" if oks["source"] else f"got {rec.get('source')}"),
    }
    return {"oks": oks, "cells": cells, **body_score(rec.get("body") or "", case)}


def score_trafilatura(case: Case, doc: dict[str, Any] | None) -> dict[str, Any]:
    want = case.expected["record"]
    if doc is None:
        return {"refused": True, "f1": 0.0, "leaks": 0, "oks": {}}
    got_day = doc.get("date") or ""
    date_ok = got_day == want["published_at"][:10]
    authors_want = "; ".join(want["authors"])  # trafilatura joins several authors with "; "
    authors_got = doc.get("author") or ""
    oks = {
        "headline": doc.get("title") == want["headline"],
        "date": date_ok,
        "authors": authors_got == authors_want,
    }
    cells = {
        "headline": mark(
            oks["headline"], "" if oks["headline"] else headline_detail(doc.get("title"), want["headline"])
        ),
        "date": mark(date_ok, "day only, no time or offset" if date_ok else f"got {got_day or 'none'}"),
        "authors": mark(oks["authors"], "" if oks["authors"] else f"got {authors_got!r}"),
        "editor": NA,
        "source": NA,
    }
    return {"oks": oks, "cells": cells, **body_score(doc.get("text") or "", case)}


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
    return "\n".join(
        [
            f"- platform: {platform.platform()}",
            f"- cpu: {cpu_model()}, os.cpu_count() = {os.cpu_count()}",
            f"- python: {platform.python_implementation()} {platform.python_version()}",
            f"- lxml: {lxml.__version__} (libxml2 {libxml}), trafilatura: {trafilatura.__version__}",
            f"- timing: {WARMUP} warm-up calls each, then median of {RUNS} interleaved runs, time.perf_counter",
        ]
    )


def main() -> None:
    _forbid_network()
    cases = load_cases()
    for case in cases:
        time_case(case)

    print("## Machine\n")
    print(machine_info())

    print("\n## (a) Time per page (median ms)\n")
    rows = []
    for case in cases:
        n, t, p = case.ms["newscrawl"], case.ms["trafilatura"], case.ms["parse"]
        size = f"{len(case.html) / 1024:.0f} KiB"
        rows.append([page_name(case), size, f"{n:.2f}", f"{t:.2f}", f"{p:.2f}", f"{t / n:.2f}x", f"{n / p:.1f}x"])
    totals = {name: sum(c.ms[name] for c in cases) for name in CONTESTANTS}
    n, t, p = totals["newscrawl"], totals["trafilatura"], totals["parse"]
    rows.append(["**total**", "", f"{n:.2f}", f"{t:.2f}", f"{p:.2f}", f"{t / n:.2f}x", f"{n / p:.1f}x"])
    # the median row: each column's median over the pages (for the ratios, the median of the page ratios)
    med = {name: statistics.median(c.ms[name] for c in cases) for name in CONTESTANTS}
    t_n = statistics.median(c.ms["trafilatura"] / c.ms["newscrawl"] for c in cases)
    n_p = statistics.median(c.ms["newscrawl"] / c.ms["parse"] for c in cases)
    n, t, p = med["newscrawl"], med["trafilatura"], med["parse"]
    rows.append(["**median**", "", f"{n:.2f}", f"{t:.2f}", f"{p:.2f}", f"{t_n:.2f}x", f"{n_p:.1f}x"])
    header = ["page", "size", "ms newscrawl", "ms trafilatura", "ms lxml parse", "trafilatura/newscrawl"]
    print(table([*header, "newscrawl/parse"], rows))

    print("\n## (b) Accuracy per page and tool\n")
    rows = []
    scores: dict[str, list[dict[str, Any]]] = {"newscrawl": [], "trafilatura": []}
    for case in cases:
        for tool, score in (
            ("newscrawl", score_newscrawl(case, run_newscrawl(case))),
            ("trafilatura", score_trafilatura(case, run_trafilatura(case))),
        ):
            scores[tool].append(score)
            if score.get("refused"):
                rows.append([page_name(case), tool, *["**refused / nothing extracted**"] * 5, "0.000", "0"])
                continue
            c = score["cells"]
            row = [c["headline"], c["date"], c["authors"], c["editor"], c["source"]]
            rows.append([page_name(case), tool, *row, score["f1_cell"], str(score["leaks"])])
    for tool, per_page in scores.items():
        counts = []
        for key in ("headline", "date", "authors", "editor", "source"):
            if tool == "trafilatura" and key in ("editor", "source"):
                counts.append(NA)
            else:
                counts.append(f"{sum(s['oks'].get(key, False) for s in per_page)}/{len(per_page)}")
        f1s = [s["f1"] for s in per_page]
        f1 = f"mean {statistics.mean(f1s):.3f}, median {statistics.median(f1s):.3f}"
        total_leaks = f"{sum(s['leaks'] for s in per_page)} total"
        rows.append(["**all pages**", f"**{tool}**", *counts, f1, total_leaks])
    header = [
        "page",
        "tool",
        "headline ok",
        "date ok",
        "authors ok",
        "editor ok",
        "source ok",
        "body F1 (P / R)",
        "leaks",
    ]
    print(table(header, rows))

    leak_totals = {c.file: len(c.expected["body_must_not_contain"]) for c in cases}
    print(
        f"\nLeaks count `body_must_not_contain` strings found in the body, case-insensitive "
        f"(out of {', '.join(str(v) for v in leak_totals.values())} per page). Body F1 is token F1 "
        f"(lowercase `\\w+`) against the expected paragraphs joined by blank lines."
    )
    print(f"Network attempts during the run: {len(NETWORK_ATTEMPTS)} {NETWORK_ATTEMPTS or ''}".rstrip())


if __name__ == "__main__":
    main()
