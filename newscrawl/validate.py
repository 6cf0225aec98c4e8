"""``python -m newscrawl validate FILE...``: check record files line by line.

Every line must be a JSON object that passes the record's JSON Schema
(``newscrawl/schema/article.schema.json``) and its invariants: ``published_at``, ``modified_at`` and
``crawled_at`` are real times with an offset, ``id`` is the sha1 of ``url``, ``site`` is the host of
``url``, no body paragraph is page furniture (the pipeline's own rule, :func:`newscrawl.text.is_furniture`),
and no ``url`` appears twice across all the files given. Each bad line is printed as
``FILE:LINE: kind: reason``, then one summary line; the exit code is 1 when any line (or file) is bad.
Files may be gzip-compressed (recognised by their content, whatever their name).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from newscrawl.items import article_id
from newscrawl.schema import article_schema
from newscrawl.text import is_furniture
from newscrawl.urls import host_of

#: Record fields that hold a time; each must parse as ISO 8601 with an offset (``crawled_at``: ``Z``).
TIME_FIELDS = ("published_at", "modified_at", "crawled_at")
PARAGRAPH_SEPARATOR = "\n\n"
_GZIP_MAGIC = b"\x1f\x8b"


class UnreadableFile(Exception):
    """A file that cannot be opened or read to its end (missing, not gzip after all, truncated gzip)."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(detail)
        self.line = line
        self.detail = detail


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """``(line number, raw line)`` for each line of a plain or gzip-compressed file.

    Raises :class:`UnreadableFile` where the file cannot be read (``line`` is the last line read).
    """
    number = 0
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == _GZIP_MAGIC
        with gzip.open(path, "rb") if compressed else path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                yield number, raw
    except (OSError, EOFError, zlib.error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        if isinstance(exc, EOFError):
            detail = f"compressed stream ends early ({detail})"
        raise UnreadableFile(number, detail) from exc


@dataclass(frozen=True)
class Problem:
    """One reason one line is bad. ``line`` 0 means the file as a whole."""

    path: str
    line: int
    kind: str
    detail: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.kind}: {self.detail}"


def parse_line(raw: bytes, *, unterminated: bool = False) -> tuple[dict[str, Any] | None, Problem | None]:
    """The record on a raw line, or the problem that stops it being one (path/line left blank)."""
    torn = " (the last line has no newline: a crawl still writing, or killed mid-line)" if unterminated else ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem("", 0, "encoding", f"not UTF-8: byte {exc.start + 1} is {raw[exc.start : exc.end]!r}")
    if not text.strip():
        return None, Problem("", 0, "blank", "blank line (JSON Lines has one record per line)")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, Problem("", 0, "json", f"not JSON: {exc.msg} at column {exc.colno}{torn}")
    if not isinstance(value, dict):
        return None, Problem("", 0, "not_object", f"a JSON {type(value).__name__}, not a record object")
    return value, None


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(article_schema())


def _time_problem(name: str, value: str) -> str | None:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        return f"{name} {value!r} is not an ISO 8601 time ({exc})"
    if parsed.utcoffset() is None:
        return f"{name} {value!r} has no UTC offset"
    return None


def record_problems(record: dict[str, Any]) -> list[tuple[str, str]]:
    """Every ``(kind, reason)`` that makes one record bad, duplicates aside (those need the other lines)."""
    found: list[tuple[str, str]] = []
    explained: set[str] = set()  # fields whose own check said it better than the schema's pattern message
    for name in TIME_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            message = _time_problem(name, value)
            if message:
                found.append(("date", message))
                explained.add(name)
    url = record.get("url")
    if isinstance(url, str) and url:
        record_id = record.get("id")
        if isinstance(record_id, str) and record_id != article_id(url):
            found.append(("id", f"id {record_id!r} is not the sha1 of url (expected {article_id(url)})"))
            explained.add("id")
        site = record.get("site")
        if isinstance(site, str) and site and site != host_of(url):
            found.append(("site", f"site {site!r} is not the host of url ({host_of(url)!r})"))
    body = record.get("body")
    if isinstance(body, str):
        paragraphs = [p.strip() for p in body.split(PARAGRAPH_SEPARATOR)]
        furniture = [(n, p) for n, p in enumerate(paragraphs, 1) if p and is_furniture(p)]
        if furniture:
            number, text = furniture[0]
            more = f" (and {len(furniture) - 1} more)" if len(furniture) > 1 else ""
            snippet = text if len(text) <= 60 else text[:57] + "..."
            found.append(("furniture", f"body paragraph {number} is page furniture: {snippet!r}{more}"))
    for error in _validator().iter_errors(record):
        path = "/".join(map(str, error.path))
        if path.split("/", 1)[0] in explained and error.validator == "pattern":
            continue
        found.append(("schema", f"{path or '(record)'}: {error.message}"))
    return found


@dataclass
class Validation:
    """What a validation run saw."""

    files: int = 0
    lines: int = 0
    bad_lines: int = 0
    bad_files: int = 0
    undated: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.bad_lines and not self.bad_files

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.kinds.items()))
        text = (
            f"validate: {self.files} file{'s' * (self.files != 1)}, {self.lines} lines: "
            f"{self.lines - self.bad_lines} good, {self.bad_lines} bad"
        )
        if kinds:
            text += f" (problems: {kinds})"
        if self.bad_files:
            text += f"; {self.bad_files} file{'s' * (self.bad_files != 1)} unreadable"
        if self.undated:
            text += f"; {self.undated} good record{'s' * (self.undated != 1)} without published_at"
        return text + (": OK" if self.ok else ": FAILED")


def validate_files(paths: Sequence[str | Path], report: Callable[[Problem], None] | None = None) -> Validation:
    """Check every line of every file; ``report`` is called with each problem as it is found."""
    result = Validation()
    first_seen: dict[str, tuple[str, int]] = {}

    def note(problem: Problem) -> None:
        result.problems.append(problem)
        if problem.kind != "unreadable":
            result.kinds[problem.kind] += 1
        if report:
            report(problem)

    done: set[Path] = set()
    for path in map(Path, paths):
        if path.resolve() in done:
            continue  # the same file named twice (overlapping globs) is read once
        done.add(path.resolve())
        result.files += 1
        name = str(path)
        try:
            for number, raw in iter_lines(path):
                result.lines += 1
                # only a file's last line can lack its newline
                record, problem = parse_line(raw, unterminated=not raw.endswith(b"\n"))
                found: list[tuple[str, str]] = []
                if problem:
                    found.append((problem.kind, problem.detail))
                elif record is not None:
                    found = record_problems(record)
                    url = record.get("url")
                    if isinstance(url, str) and url:
                        if url in first_seen:
                            where = "{}:{}".format(*first_seen[url])
                            found.append(("duplicate", f"url {url} already at {where}"))
                        else:
                            first_seen[url] = (name, number)
                    if not found and record.get("published_at") is None:
                        result.undated += 1
                for kind, detail in found:
                    note(Problem(name, number, kind, detail))
                if found:
                    result.bad_lines += 1
        except UnreadableFile as exc:
            result.bad_files += 1
            note(Problem(name, exc.line + 1 if exc.line else 0, "unreadable", exc.detail))
    return result


def run(paths: Sequence[str | Path], *, quiet: bool = False, out: TextIO | None = None) -> int:
    """Validate ``paths``, print each problem (unless ``quiet``) and the summary; the exit code."""
    stream = out or sys.stdout

    def show(problem: Problem) -> None:
        if not quiet:
            print(problem, file=stream)

    result = validate_files(paths, show)
    print(result.summary(), file=stream)
    return 0 if result.ok else 1


def cmd_validate(args: argparse.Namespace) -> int:
    return run(args.files, quiet=args.quiet)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``validate`` on the CLI's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "validate",
        help="check record files (JSON Lines, may be gzipped) against the schema and the record's invariants",
        description=(
            "Check every line against the record's JSON Schema and its invariants: published_at, modified_at "
            "and crawled_at are real times with an offset, id is the sha1 of url, site is the host of url, no "
            "body paragraph is page furniture, no url twice across the files given. Prints FILE:LINE: kind: "
            "reason for each bad line, then a summary; exits 1 when any line or file is bad. Gzip is recognised "
            "by content."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .jsonl or .jsonl.gz record file")
    parser.add_argument("-q", "--quiet", action="store_true", help="print only the summary line")
    parser.set_defaults(func=cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``validate`` on its own: ``main(["a.jsonl", "b.jsonl.gz"])`` returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m newscrawl")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["validate", *(sys.argv[1:] if argv is None else argv)])
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
