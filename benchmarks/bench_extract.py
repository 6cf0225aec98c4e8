"""Per-page extraction benchmark: newscrawl against trafilatura, newspaper4k and readability-lxml.

Every page with a hand-verified record in ``tests/expected/`` (its HTML read in place from
``../shared/fixtures/real/``, never copied) is extracted by each tool and scored in ONE accuracy table: per
page and tool, whether a record was written, headline, ``published_at`` (to the minute, with the right UTC
offset), authors, editor, source, which newscrawl layer produced the body, body token F1 and boilerplate
leaks, with a total row per tool. A second row group runs newscrawl with the network modules switched off
(``parse_page(..., network=GENERIC)``, the generic layer alone).

Then newscrawl's extraction time per page (``extract_article``, median of ``--runs`` calls after 3 warm-up
calls) is measured in a worker process; with ``--before REV`` a second worker runs the same code on a
``git worktree`` of REV, the two workers' calls interleaved one by one, and the worktree is removed at the
end. ``--tools-speed`` adds the issue-7 speed table of all four tools and the lxml parse floor.

Run from the repository root, after ``.venv/bin/pip install -r benchmarks/requirements.txt``::

    .venv/bin/python benchmarks/bench_extract.py --before fcb4648

No network is used: any socket connection or DNS look-up made while it runs (in this process or a timing
worker) raises and is counted, and the script exits with status 1 if there was one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as clock
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any

# A script, not an installed package: make ``newscrawl`` (and ``tests.conftest``) importable. A timing worker
# is told which checkout's code to import (this one, or a worktree of an older commit): see CODE_ENV.
sys.path.insert(0, os.environ.get("BENCH_NEWSCRAWL_CODE") or str(Path(__file__).resolve().parent.parent))

import lxml
import lxml.etree
import lxml.html
import readability
import trafilatura
from trafilatura.settings import set_date_params

import newscrawl
from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.page import decode_html
from newscrawl.record import finish, parse_page
from newscrawl.sites import GENERIC, network_for
from tests.conftest import FROZEN_NOW

with warnings.catch_warnings():
    # newspaper4k warns at import that nltk is missing: only its optional .nlp() (keywords, summary) needs it,
    # and without nltk nothing can try to download nltk data either.
    warnings.filterwarnings("ignore", message="nltk is not installed", category=UserWarning)
    import newspaper

ROOT = Path(__file__).resolve().parent.parent
CODE_ENV = "BENCH_NEWSCRAWL_CODE"
REAL_PAGES = ROOT.parent / "shared" / "fixtures" / "real"
EXPECTED = ROOT / "tests" / "expected"
#: the pages of the first comparison (issue 7), before the ten older-template pages of issue 14
FIRST_FIVE = (
    "zonajakarta.pikiran-rakyat.com",
    "solo.tribunnews.com",
    "economy.okezone.com",
    "mediaindonesia.com",
    "beritamanado.com",
)
WARMUP = 3
RUNS = 31  # newscrawl timing, per page and code version
TOOL_RUNS = 30  # --tools-speed
#: the same fixed "now" as the test suite, so relative dates resolve as in the expected records
NOW = FROZEN_NOW
YES, NO, NA = "yes", "**no**", "n/a"
FIELDS = ("headline", "published_at", "authors", "editor", "source")
#: the fields each tool has at all; the others are n/a for it and are not scored
TOOL_FIELDS = {
    "newscrawl": FIELDS,
    "newscrawl, generic only": FIELDS,
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

    @property
    def name(self) -> str:
        return self.file.split("/")[0]

    @property
    def known_network(self) -> bool:
        """A network module owns the host (beritamanado.com's WordPress profile is part of the generic layer)."""
        return network_for(self.url) is not GENERIC


def load_cases() -> list[Case]:
    """Every page with an expected record, in ``pages.tsv`` order (then by path): the same list on every run."""
    tsv = REAL_PAGES / "pages.tsv"
    if not tsv.is_file():
        sys.exit(f"{tsv} is missing: clone the project beside its shared/ folder")
    order = {line.split("\t")[0]: i for i, line in enumerate(tsv.read_text(encoding="utf-8").splitlines()[1:])}
    expected = [json.loads(path.read_text(encoding="utf-8")) for path in EXPECTED.rglob("*.json")]
    if not expected:
        sys.exit(f"no expected records in {EXPECTED}")
    expected.sort(key=lambda e: (order.get(e["file"], len(order)), e["file"]))
    cases = []
    for exp in expected:
        path = REAL_PAGES / exp["file"]
        if not path.is_file():
            sys.exit(f"{exp['file']} has an expected record but no page in {REAL_PAGES}")
        html = path.read_bytes()
        cases.append(Case(exp["file"], exp["fetch_url"], html, decode_html(html), exp))
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        sys.exit(f"two expected pages on one host; the table names pages by host: {names}")
    return cases


# --- the contestants: each run_* is what gets timed, each read_* turns its output into the fields ------


@dataclass
class NewscrawlOutput:
    record: dict[str, Any] | None  # None: refused
    refused: str = ""
    layer: str = "-"


def run_newscrawl(case: Case) -> dict[str, Any] | None:
    try:
        return extract_article(case.html, case.url, now=NOW)
    except Refused:
        return None


def newscrawl_normal(case: Case) -> NewscrawlOutput:
    """``extract_article`` (the record), and ``parse_page`` once more for the layer that found the body."""
    try:
        record = extract_article(case.html, case.url, now=NOW)
    except Refused as exc:
        return NewscrawlOutput(None, exc.reason)
    parsed = parse_page(case.html, case.url, now=NOW)
    return NewscrawlOutput(record, layer=getattr(parsed, "body_layer", "?"))


def newscrawl_generic(case: Case) -> NewscrawlOutput:
    """The network modules switched off: the generic layer alone (its profiles, density and library layers)."""
    try:
        parsed = parse_page(case.html, case.url, now=NOW, network=GENERIC)
        finish(parsed.record, default_offset=parsed.network.offset_for(case.url), now=NOW)
    except Refused as exc:
        return NewscrawlOutput(None, exc.reason)
    return NewscrawlOutput(parsed.record, layer=getattr(parsed, "body_layer", "?"))


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
    # the candidate top images to measure them (4 to 44 blocked look-ups per page on the first five pages).
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


def read_newscrawl(out: NewscrawlOutput) -> dict[str, Any] | None:
    rec = out.record
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


def read_newspaper4k(article: newspaper.Article) -> dict[str, Any] | None:
    if not article.text:
        return None
    return {
        "headline": article.title or None,
        "published_at": article.publish_date,
        "authors": list(article.authors),
        "body": article.text,
    }


def read_readability(output: tuple[str, str]) -> dict[str, Any] | None:
    title, summary = output
    # the text of the summary HTML; a block-aware walk (newline around each <p>, <div>, ...) scores the same
    body = lxml.html.fromstring(summary).text_content() if summary else ""
    return {"headline": title or None, "body": body} if body.strip() else None


#: tool -> (what produces its output for one page, what reads it into the scored fields)
ROW_TOOLS: dict[str, tuple[Callable[[Case], Any], Callable[[Any], dict[str, Any] | None]]] = {
    "newscrawl": (newscrawl_normal, read_newscrawl),
    "trafilatura": (run_trafilatura, read_trafilatura),
    "newspaper4k": (run_newspaper4k, read_newspaper4k),
    "readability": (run_readability, read_readability),
}
GENERIC_TOOL = "newscrawl, generic only"

# --- accuracy ---------------------------------------------------------------------------------------


def token_prf(got: str, want: str) -> tuple[float, float, float]:
    """Token precision, recall and F1 over bags of whitespace-separated tokens (case and punctuation kept)."""
    g, w = Counter(got.split()), Counter(want.split())
    common = sum((g & w).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(g.values()), common / sum(w.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def leaks(body: str, must_not: list[str]) -> int:
    low = body.lower()
    return sum(phrase.lower() in low for phrase in must_not)


def mark(ok: bool, detail: str = "") -> str:
    return f"{YES if ok else NO}{f' ({detail})' if detail else ''}"


def offset(value: datetime) -> str:
    return value.isoformat()[19:].lstrip(".0123456789") or "none"


def date_cell(got: datetime | None, want_iso: str) -> tuple[bool, str]:
    """Right when the ISO strings agree to the minute (local time) and on the UTC offset.

    A date with no time of day (trafilatura's usual answer) or no offset is never right: every expected
    ``published_at`` is a time of day with the portal's offset.
    """
    want = datetime.fromisoformat(want_iso)
    if got is None:
        return False, "none"
    if got.tzinfo is None:
        if got.time() == clock(0):
            return False, "day only" if got.date() == want.date() else f"day only, got {got.date()}"
        local = ", the right local time" if got.isoformat()[:16] == want.isoformat()[:16] else ""
        return False, f"no offset, got {got.isoformat(sep=' ')}{local}"
    minute_ok = got.isoformat()[:16] == want.isoformat()[:16]
    offset_ok = offset(got) == offset(want)
    if minute_ok and offset_ok:
        return True, offset(got)
    if got.replace(second=0, microsecond=0) == want.replace(second=0, microsecond=0):  # the same instant
        return False, f"right instant, offset {offset(got)}"
    return False, f"got {got.isoformat(sep=' ')}"


def field_cell(name: str, got: Any, want: Any) -> tuple[bool, str]:
    if name == "published_at":
        return date_cell(got, want)
    if got == want:
        return True, ""
    if name == "headline" and got and want and got.startswith(want):
        return False, f"suffix {got[len(want) :]!r} kept"
    if name == "headline" and got and want and got in want:
        return False, f"only part: {got!r}"
    return False, f"got {got!r}"


def score(tool: str, case: Case, out: dict[str, Any] | None, nothing: str, layer: str) -> dict[str, Any]:
    """Per field: (ok, cell); plus record, layer, body F1 and leaks. ``out`` None = no record (``nothing`` says why)."""
    want = case.expected["record"]
    oks: dict[str, bool] = {}
    cells: dict[str, str] = {}
    for name in FIELDS:
        if name not in TOOL_FIELDS[tool]:
            cells[name] = NA
        elif out is None:
            oks[name], cells[name] = False, NO
        else:
            oks[name], detail = field_cell(name, out.get(name), want[name])
            cells[name] = mark(oks[name], detail)
    got_date = None if out is None else out.get("published_at")
    day_ok = got_date is not None and got_date.date() == datetime.fromisoformat(want["published_at"]).date()
    body = "" if out is None else out["body"]
    precision, recall, f1 = token_prf(body, "\n\n".join(case.expected["body_paragraphs"]))
    must_not = case.expected["body_must_not_contain"]
    leaked = leaks(body, must_not)
    return {
        "written": out is not None,
        "record": YES if out is not None else mark(False, nothing),
        "oks": oks,
        "cells": cells,
        "day_ok": day_ok,
        "layer": layer,
        "f1": f1,
        "f1_cell": f"{f1:.3f} (P {precision:.2f} / R {recall:.2f})",
        "leaks": leaked,
        "leaks_cell": f"{leaked}/{len(must_not)}",
        "must_not": len(must_not),
    }


def score_page(case: Case) -> dict[str, dict[str, Any]]:
    """Every tool's score on one page, the generic-only newscrawl included."""
    scores: dict[str, dict[str, Any]] = {}
    for tool, (run, read) in ROW_TOOLS.items():
        output = run(case)
        if tool == "newscrawl":
            scores[tool] = score(tool, case, read(output), f"refused: {output.refused}", output.layer)
        else:
            scores[tool] = score(tool, case, read(output), "nothing extracted", NA)
    generic = newscrawl_generic(case)
    scores[GENERIC_TOOL] = score(
        GENERIC_TOOL, case, read_newscrawl(generic), f"refused: {generic.refused}", generic.layer
    )
    return scores


# --- output -----------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def page_name(case: Case) -> str:
    return f"`{case.name}`"


ACCURACY_HEADER = ["page", "tool", "record", *FIELDS, "body layer", "fields right", "body F1 (P / R)", "leaks"]


def page_row(case: Case, tool: str, s: dict[str, Any]) -> list[str]:
    right = f"{sum(s['oks'].values())}/{len(s['oks'])}"
    fields = [s["cells"][name] for name in FIELDS]
    return [page_name(case), tool, s["record"], *fields, s["layer"], right, s["f1_cell"], s["leaks_cell"]]


def total_row(tool: str, per_page: list[dict[str, Any]]) -> list[str]:
    n = len(per_page)
    counts = [f"{sum(s['oks'][name] for s in per_page)}/{n}" if name in TOOL_FIELDS[tool] else NA for name in FIELDS]
    right = f"**{sum(sum(s['oks'].values()) for s in per_page)}/{sum(len(s['oks']) for s in per_page)}**"
    f1s = [s["f1"] for s in per_page]
    f1 = f"mean **{statistics.mean(f1s):.3f}**, median {statistics.median(f1s):.3f}"
    written = f"{sum(s['written'] for s in per_page)}/{n}"
    layers = sorted(Counter(s["layer"] for s in per_page).items())
    layer = ", ".join(f"{name} {count}" for name, count in layers) if tool.startswith("newscrawl") else NA
    leaked = f"**{sum(s['leaks'] for s in per_page)}**/{sum(s['must_not'] for s in per_page)}"
    return ["**all pages**", f"**{tool}**", written, *counts, layer, right, f1, leaked]


def accuracy_table(cases: list[Case], scores: list[dict[str, dict[str, Any]]]) -> str:
    rows = [page_row(case, tool, s[tool]) for case, s in zip(cases, scores, strict=True) for tool in ROW_TOOLS]
    rows += [total_row(tool, [s[tool] for s in scores]) for tool in ROW_TOOLS]
    rows.append(["**network modules off**", "", *([""] * (len(ACCURACY_HEADER) - 2))])
    rows += [page_row(case, GENERIC_TOOL, s[GENERIC_TOOL]) for case, s in zip(cases, scores, strict=True)]
    rows.append(total_row(GENERIC_TOOL, [s[GENERIC_TOOL] for s in scores]))
    return table(ACCURACY_HEADER, rows)


def layer_summary(cases: list[Case], scores: list[dict[str, dict[str, Any]]]) -> str:
    lines = []
    for tool, label in (("newscrawl", "normal mode"), (GENERIC_TOOL, "network modules off")):
        layers = [s[tool]["layer"] for s in scores]
        counts = ", ".join(f"{name} {count}" for name, count in sorted(Counter(layers).items()))
        library = [page_name(c) for c, layer in zip(cases, layers, strict=True) if layer == "library"]
        lines.append(
            f"- {label}: body layer per page: {counts} ('-' = refused); the library layer (trafilatura) ran on "
            f"{len(library)} of {len(cases)} pages{': ' + ', '.join(library) if library else ''}"
        )
    return "\n".join(lines)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_info(runs: int) -> str:
    libxml = ".".join(map(str, lxml.etree.LIBXML_VERSION))
    tools = ", ".join(f"{name} {version(name)}" for name in ("trafilatura", "newspaper4k", "readability-lxml"))
    return "\n".join(
        [
            f"- platform: {platform.platform()}",
            f"- cpu: {cpu_model()}, os.cpu_count() = {os.cpu_count()}",
            f"- python: {platform.python_implementation()} {platform.python_version()}",
            f"- lxml: {lxml.__version__} (libxml2 {libxml}); {tools}",
            f"- newscrawl timing: {WARMUP} warm-up calls, then the median of {runs} calls per page and code "
            f"version, time.perf_counter, in one worker process per version",
        ]
    )


# --- newscrawl's time per page, this code and (--before) an older commit, in worker processes ---------


def extract_once(case: Case) -> str:
    """One timed unit: ``extract_article`` on the page bytes. Returns the outcome (``record`` or the refusal)."""
    try:
        extract_article(case.html, case.url, now=NOW)
    except Refused as exc:
        return f"refused: {exc.reason}"
    except Exception as exc:  # an older commit may fail on a page it was never made for: time it, say so
        return f"error: {type(exc).__name__}"
    return "record"


def time_worker() -> None:
    """Worker mode: time ``extract_once`` on request. Protocol: one JSON line in, one JSON line out."""
    reply: IO[str] = sys.stdout
    sys.stdout = sys.stderr  # nothing a library prints may reach the protocol stream
    _forbid_network()
    cases = load_cases()
    reply.write(json.dumps({"code": str(Path(newscrawl.__file__).resolve().parent.parent)}) + "\n")
    reply.flush()
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("quit"):
            reply.write(json.dumps({"network_attempts": NETWORK_ATTEMPTS}) + "\n")
            reply.flush()
            return
        case = cases[request["page"]]
        start = time.perf_counter()
        outcome = extract_once(case)
        seconds = time.perf_counter() - start
        reply.write(json.dumps({"seconds": seconds, "outcome": outcome}) + "\n")
        reply.flush()


class Worker:
    """A child process timing one checkout's ``newscrawl`` (this script, run with ``--time-worker``)."""

    def __init__(self, code: Path) -> None:
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        env[CODE_ENV] = str(code)
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--time-worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        hello = self._read()
        if Path(hello["code"]) != code.resolve():
            sys.exit(f"bench_extract: the worker for {code} imported newscrawl from {hello['code']}")

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            sys.exit(f"bench_extract: a timing worker died (exit status {self.proc.wait()})")
        return json.loads(line)

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> list[str]:
        attempts: list[str] = self.ask({"quit": True})["network_attempts"]
        self.proc.wait()
        return attempts


@contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """A detached ``git worktree`` of ``rev`` in a temporary directory, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="nc-before-")) / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", str(path), rev], cwd=ROOT, check=True, capture_output=True)
    try:
        yield path
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=True)
        path.parent.rmdir()


@dataclass
class Timing:
    ms: float
    outcome: str


def time_newscrawl(cases: list[Case], codes: dict[str, Path], runs: int) -> dict[str, list[Timing]]:
    """Per code version, per page: the median ms of ``runs`` calls after WARMUP calls.

    One worker process per version; the versions' calls alternate one by one (which goes first swaps every
    round), so both see the same machine state.
    """
    workers = {label: Worker(code) for label, code in codes.items()}
    samples: dict[str, list[list[float]]] = {label: [[] for _ in cases] for label in workers}
    outcomes: dict[str, list[set[str]]] = {label: [set() for _ in cases] for label in workers}
    labels = list(workers)
    for index in range(len(cases)):
        for label in labels:
            for _ in range(WARMUP):
                workers[label].ask({"page": index})
    for run in range(runs):
        for index in range(len(cases)):
            for label in labels if run % 2 == 0 else labels[::-1]:
                answer = workers[label].ask({"page": index})
                samples[label][index].append(answer["seconds"])
                outcomes[label][index].add(answer["outcome"])
    for worker in workers.values():
        NETWORK_ATTEMPTS.extend(worker.close())
    return {
        label: [
            Timing(statistics.median(s) * 1000, " / ".join(sorted(o)))
            for s, o in zip(samples[label], outcomes[label], strict=True)
        ]
        for label in labels
    }


def change(before: float, after: float) -> str:
    return f"{(after - before) / before * 100:+.1f} %"


def timing_table(cases: list[Case], timings: dict[str, list[Timing]], before_rev: str | None) -> str:
    after = timings["after"]
    if before_rev is None:
        header = ["page", "first five", "network module", "outcome", "ms"]
        rows = [
            [
                page_name(c),
                YES if c.name in FIRST_FIVE else "",
                YES if c.known_network else "",
                t.outcome,
                f"{t.ms:.2f}",
            ]
            for c, t in zip(cases, after, strict=True)
        ]
        return table(header, rows)
    before = timings["before"]
    header = ["page", "first five", "network module", f"outcome at {before_rev}", "outcome now"]
    header += [f"ms at {before_rev}", "ms now", "change"]
    rows = []
    for c, b, a in zip(cases, before, after, strict=True):
        first, known = (YES if c.name in FIRST_FIVE else ""), (YES if c.known_network else "")
        rows.append(
            [page_name(c), first, known, b.outcome, a.outcome, f"{b.ms:.2f}", f"{a.ms:.2f}", change(b.ms, a.ms)]
        )
    groups = {
        "the first five pages": [i for i, c in enumerate(cases) if c.name in FIRST_FIVE],
        "the first five with a network module": [
            i for i, c in enumerate(cases) if c.name in FIRST_FIVE and c.known_network
        ],
        "the new pages with a network module": [
            i for i, c in enumerate(cases) if c.name not in FIRST_FIVE and c.known_network
        ],
        "all pages": list(range(len(cases))),
    }
    for label, indices in groups.items():
        b_ms, a_ms = sum(before[i].ms for i in indices), sum(after[i].ms for i in indices)
        rows.append([f"**total, {label}**", "", "", "", "", f"{b_ms:.2f}", f"{a_ms:.2f}", f"**{change(b_ms, a_ms)}**"])
    return table(header, rows)


# --- issue 7's speed table of all four tools (--tools-speed) ----------------------------------------

OTHERS = ("trafilatura", "newspaper4k", "readability")


def time_tools(case: Case) -> None:
    """Warm up each contestant, then time TOOL_RUNS interleaved rounds; keep the median in ms."""
    for func in CONTESTANTS.values():
        for _ in range(WARMUP):
            func(case)
    samples: dict[str, list[float]] = {name: [] for name in CONTESTANTS}
    for _ in range(TOOL_RUNS):
        for name, func in CONTESTANTS.items():
            start = time.perf_counter()
            func(case)
            samples[name].append(time.perf_counter() - start)
    case.ms = {name: statistics.median(values) * 1000 for name, values in samples.items()}


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


# --- main -------------------------------------------------------------------------------------------


def main() -> None:
    if sys.argv[1:] == ["--time-worker"]:
        time_worker()
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", metavar="REV", help="also time newscrawl at this git commit (a worktree)")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"timed calls per page and version ({RUNS})")
    parser.add_argument("--tools-speed", action="store_true", help="also issue 7's speed table of all tools")
    parser.add_argument("--no-timing", action="store_true", help="the accuracy table only")
    args = parser.parse_args()

    _forbid_network()
    cases = load_cases()
    scores = [score_page(case) for case in cases]

    print("## Machine\n")
    print(machine_info(args.runs))

    first = sum(c.name in FIRST_FIVE for c in cases)
    print(f"\n## (a) Accuracy per page and tool: {len(cases)} pages ({first} first, {len(cases) - first} new)\n")
    print(accuracy_table(cases, scores))
    print(
        "\nrecord: a record was written (newscrawl refuses a page by raising Refused; for the others: a "
        "non-empty body). headline: exact string. published_at: the ISO strings agree to the minute and on the "
        "UTC offset (a date with no time or no offset is wrong). authors: the exact list, in order. editor, "
        "source: exact (null when the page names none). fields right: right / scored; n/a fields (the tool "
        "has no such output) are not scored. Body F1: token F1 against the expected paragraphs joined by "
        "blank lines, tokens split on whitespace (case and punctuation kept). Leaks: "
        "`body_must_not_contain` strings found in the body, case-insensitive, out of the page's list."
    )
    days = ", ".join(
        f"{tool} {sum(s[tool]['day_ok'] for s in scores)}/{len(cases)}"
        for tool in (*ROW_TOOLS, GENERIC_TOOL)
        if "published_at" in TOOL_FIELDS[tool]
    )
    print(f"\nThe right calendar day in published_at, time and offset aside: {days}.")
    print("\n## (b) Which newscrawl layer produced the body\n")
    print(layer_summary(cases, scores))

    if not args.no_timing:
        print(f"\n## (c) newscrawl time per page (median ms of {args.runs} calls)\n")
        load_before = os.getloadavg()[0]
        if args.before:
            with worktree(args.before) as before_code:
                timings = time_newscrawl(cases, {"before": before_code, "after": ROOT}, args.runs)
        else:
            timings = time_newscrawl(cases, {"after": ROOT}, args.runs)
        print(timing_table(cases, timings, args.before))
        print(
            f"\nOne load-average figure (1 min) before and after the timing, for a machine that was not idle: "
            f"{load_before:.2f} / {os.getloadavg()[0]:.2f}."
        )

    if args.tools_speed:
        for case in cases:
            time_tools(case)
        print(f"\n## (d) Time per page and tool (median ms of {TOOL_RUNS} interleaved rounds)\n")
        print(speed_table(cases))
        total = {name: sum(c.ms[name] for c in cases) for name in CONTESTANTS}
        print(
            f"\nIssue 7's targets, on the totals: at least 10x faster than trafilatura: "
            f"{total['trafilatura'] / total['newscrawl']:.1f}x; within 3x of the parse floor: "
            f"{total['newscrawl'] / total['parse']:.1f}x."
        )

    print(f"\nNetwork attempts during the run: {len(NETWORK_ATTEMPTS)} {NETWORK_ATTEMPTS[:5] or ''}".rstrip())
    if NETWORK_ATTEMPTS:
        sys.exit("bench_extract: something tried to use the network; its numbers are not offline numbers")


if __name__ == "__main__":
    main()
