"""Time and peak memory of ``extract_article`` on hostile pages: huge, deeply nested, binary, broken.

Each page is built in memory (the builders of ``tests/test_hostile_pages.py``; nothing is read from the
network or written to disk) and extracted in a fresh child process, so that the child's peak RSS
(which counts libxml2's memory too) belongs to that page alone:

- **time**: median wall time of 3 calls of ``extract_article(page, url)`` (``time.perf_counter``);
- **RSS +**: the extra resident memory the extraction needed at its peak, parser tree included: the page is
  built, the peak-RSS mark is reset to the current RSS (``/proc/self/clear_refs``), and after the calls the
  peak (``VmHWM``) minus that RSS is taken;
- **py peak**: ``tracemalloc``'s peak during one more call (Python objects only: libxml2 allocates outside it);
- **outcome**: ``record`` or the refusal reason.

Run from the repository root: ``.venv/bin/python benchmarks/bench_hostile.py`` (about two minutes), or
``--case NAME`` for one page. Any socket connection or DNS look-up made while it runs raises.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ftfy  # noqa: E402
import lxml.etree  # noqa: E402

from newscrawl.errors import Refused  # noqa: E402
from newscrawl.extract import extract_article  # noqa: E402
from newscrawl.parsing.page import MAX_PAGE_BYTES  # noqa: E402
from newscrawl.record import MAX_BODY_CHARS  # noqa: E402
from tests.test_hostile_pages import (  # noqa: E402
    GENERIC_URL,
    MB,
    QUOTE,
    SAMPLE_FILE,
    URL,
    before_body_end,
    cut_in_body,
    generic_page,
    in_body,
    paragraphs,
    prmn_not_found,
    sample,
    search_page_in_prmn_template,
    with_quote,
)

RUNS = 3


def _forbid_network() -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("bench_hostile: no network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.getaddrinfo = refuse


def _deep_block(depth: int, inner: str) -> str:
    return "<div>" * depth + inner + "</div>" * depth


def _article_nested(depth: int) -> str:
    text = sample()
    start, end = text.index('<article class="read__content'), text.index("</article>") + len("</article>")
    return text[:start] + _deep_block(depth, text[start:end]) + text[end:]


def _spans(total: int) -> str:
    return "<div>" + "<span>ab</span>" * (total // 15) + "</div>"


#: name -> (what it is, builder returning (page, url))
CASES: dict[str, tuple[str, Callable[[], tuple[str | bytes, str]]]] = {
    "sample": ("the sample article as served (27 KiB)", lambda: (SAMPLE_FILE.read_bytes(), URL)),
    "cp1252-as-utf8": ("the sample in windows-1252 bytes labelled UTF-8", lambda: (with_quote().encode("cp1252"), URL)),
    "double-mojibake": (
        "UTF-8 page whose quote was double-encoded upstream",
        lambda: (
            with_quote()
            .replace(QUOTE, QUOTE.encode().decode("sloppy-windows-1252").encode().decode("sloppy-windows-1252"))
            .encode(),
            URL,
        ),
    ),
    "truncated": ("cut in the middle of the third paragraph", lambda: (cut_in_body(), URL)),
    "soft-404": (
        "PRMN template answering 200 with 'Halaman Tidak Ditemukan'",
        lambda: (
            prmn_not_found("Halaman Tidak Ditemukan", "Maaf, halaman yang Anda cari tidak ditemukan.").encode(),
            URL,
        ),
    ),
    "search-page": ("search results in the article template", lambda: (search_page_in_prmn_template().encode(), URL)),
    "pdf-1mb": ("a 1 MiB PDF served as text/html", lambda: (b"%PDF-1.7\n" + os.urandom(MB), URL)),
    "binary-16mb": (
        "16 MiB of random bytes (no magic number)",
        lambda: (random.Random(1).randbytes(MAX_PAGE_BYTES), URL),
    ),
    "over-bound": (
        f"one byte over MAX_PAGE_BYTES ({MAX_PAGE_BYTES // MB} MiB)",
        lambda: (SAMPLE_FILE.read_bytes() + b" " * (MAX_PAGE_BYTES + 1 - SAMPLE_FILE.stat().st_size), URL),
    ),
    "furniture-15mb": (
        "the article plus 15 MiB of paragraphs outside it",
        lambda: (before_body_end(sample(), "<div class='footer'>" + paragraphs(180_000) + "</div>"), URL),
    ),
    "spans-15mb": (
        "the article plus a million `<span>`s (15 MiB)",
        lambda: (before_body_end(sample(), _spans(15 * MB)), URL),
    ),
    "links-15mb": (
        "the article plus 300,000 links in a list (15 MiB)",
        lambda: (
            before_body_end(
                sample(), "<ul>" + "<li><a href='/a/1'>Judul berita nomor satu</a></li>" * 300_000 + "</ul>"
            ),
            URL,
        ),
    ),
    "body-1.2m-chars": (
        f"an article block of 1.2 M characters (over MAX_BODY_CHARS = {MAX_BODY_CHARS:,})",
        lambda: (in_body(sample(), paragraphs(1_200_000 // 85)), URL),
    ),
    "deep-text-15mb": (
        "15 MiB of paragraphs nested 240 deep, no article markup",
        lambda: (
            generic_page(
                "<title>Judul Berita Panjang</title>",
                "<h1>Judul Berita Panjang</h1>" + _deep_block(240, paragraphs(180_000)),
            ),
            GENERIC_URL,
        ),
    ),
    "deep-body-1m-chars": (
        "0.9 M characters of paragraphs nested 240 deep inside the article block",
        lambda: (in_body(sample(), _deep_block(240, paragraphs(11_000))), URL),
    ),
    "article-200-deep": ("the article wrapped in 200 `<div>`s", lambda: (_article_nested(200), URL)),
    "dom-200k-deep": (
        "200,000 nested `<div>`s",
        lambda: (b"<html><body>" + b"<div>" * 200_000 + b"x" + b"</div>" * 200_000 + b"</body></html>", URL),
    ),
    "deep-after-article": (
        "300 nested `<div>`s after the article",
        lambda: (before_body_end(sample(), _deep_block(300, "x")), URL),
    ),
    "unclosed-15mb": (
        "15 MiB of unclosed `<p><b><i><a>` tags",
        lambda: (before_body_end(sample(), "<p><b><i><a href=x>teks " * (15 * MB // 25)), URL),
    ),
    "text-node-12mb": (
        "one 12 MiB text node (an inline script)",
        lambda: (before_body_end(sample(), "<script>var x='" + "a" * (12 * MB) + "';</script>"), URL),
    ),
}


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def _reset_peak_rss() -> int:
    """Set the peak-RSS mark to the current RSS (Linux 4.0+); return that RSS in KiB."""
    Path("/proc/self/clear_refs").write_text("5")
    return _status_kib("VmRSS")


def run_case(name: str) -> dict[str, Any]:
    """In this process: build the page, extract it RUNS times, then once more under tracemalloc."""
    _forbid_network()
    page, url = CASES[name][1]()
    size = len(page)
    extract_article(SAMPLE_FILE.read_bytes(), URL)  # imports and caches warm
    gc.collect()
    rss_before = _reset_peak_rss()
    times: list[float] = []
    outcome = ""
    for _ in range(RUNS):
        start = time.perf_counter()
        try:
            extract_article(page, url)
            outcome = "record"
        except Refused as exc:
            outcome = exc.reason
        times.append(time.perf_counter() - start)
        gc.collect()
    rss_after = _status_kib("VmHWM")
    tracemalloc.start()
    with contextlib.suppress(Refused):
        extract_article(page, url)
    _current, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "name": name,
        "size": size,
        "seconds": statistics.median(times),
        "rss_mib": (rss_after - rss_before) / 1024,
        "py_peak_mib": py_peak / MB,
        "outcome": outcome,
    }


def machine() -> list[str]:
    return [
        f"- platform: {platform.platform()}",
        f"- cpu: {platform.processor() or platform.machine()}, os.cpu_count() = {os.cpu_count()}",
        f"- python: {platform.python_implementation()} {platform.python_version()}",
        f"- lxml: {'.'.join(map(str, lxml.etree.LXML_VERSION[:3]))} "
        f"(libxml2 {'.'.join(map(str, lxml.etree.LIBXML_VERSION))}), ftfy: {ftfy.__version__}",
        f"- per page: a fresh child process; median of {RUNS} calls (time.perf_counter); peak RSS from VmHWM",
    ]


def _ms(seconds: float) -> str:
    return (
        f"{seconds:.2f} s"
        if seconds >= 1
        else f"{seconds * 1000:.0f} ms"
        if seconds >= 0.01
        else f"{seconds * 1000:.1f} ms"
    )


def _mib(value: float) -> str:
    return f"{value:.1f} MiB" if value < 10 else f"{value:.0f} MiB"


def _size(size: int) -> str:
    return f"{size / MB:.1f} MiB" if size >= MB else f"{size / 1024:.0f} KiB"


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--case":
        print(json.dumps(run_case(sys.argv[2])))
        return 0
    print("#### Machine\n")
    print("\n".join(machine()))
    print("\n#### Time and peak memory per page\n")
    print("| page | what | size | outcome | time | RSS + | py peak |")
    print("|---|---|---|---|---|---|---|")
    for name, (what, _build) in CASES.items():
        child = subprocess.run(
            [sys.executable, __file__, "--case", name], capture_output=True, text=True, timeout=600, check=False
        )
        if child.returncode != 0:
            print(f"| `{name}` | {what} | | **failed**: {child.stderr.strip().splitlines()[-1:]} | | | |")
            continue
        row = json.loads(child.stdout.strip().splitlines()[-1])
        print(
            f"| `{name}` | {what} | {_size(row['size'])} | {row['outcome']} | {_ms(row['seconds'])} "
            f"| {_mib(row['rss_mib'])} | {_mib(row['py_peak_mib'])} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
