"""``python -m newscrawl validate``: good files pass; each kind of bad line is caught, named by file and line."""

from __future__ import annotations

import gzip
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extract import extract_article
from newscrawl.validate import record_problems, run, validate_files
from tests.conftest import FROZEN_NOW

ROOT = Path(__file__).resolve().parents[1]
RECORDS = Path(__file__).resolve().parent / "fixtures" / "records"
GOOD = RECORDS / "good.jsonl"  # 13 valid records: 5 sites, 3 networks (one generic, undated), WIB and WITA
BAD = RECORDS / "bad.jsonl"  # one kind of bad line per line, see BAD_LINES
STATS = RECORDS / "stats.json"  # a NEWSCRAWL_STATS_FILE with drops and fallbacks

#: bad.jsonl: line -> the kinds of problem on it. Lines 1 and 12 are good records.
BAD_LINES = {
    2: ["date"],  # published_at 2026-02-30
    3: ["date"],  # published_at without an offset
    4: ["id"],  # id is not sha1(url)
    5: ["furniture"],  # a "Baca Juga: ..." paragraph in the body
    6: ["schema"],  # empty headline
    7: ["blank"],
    8: ["not_object"],  # a JSON list
    9: ["site"],  # site is not the url's host
    10: ["duplicate"],  # good.jsonl line 1 again (only when good.jsonl is given too)
    11: ["schema", "schema"],  # language "en" and page_count 0
    13: ["json"],  # torn last line, no newline
}


def newscrawl(command: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m newscrawl COMMAND ARGS`` in a subprocess."""
    argv = [sys.executable, "-m", "newscrawl", command, *map(str, args)]
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def good_record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(GOOD.read_text(encoding="utf-8").splitlines()[0])
    if "url" in changes:
        record["id"] = hashlib.sha1(changes["url"].encode()).hexdigest()
    record.update(changes)
    return record


def kinds_by_line(problems: list[Any], path: Path) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in problems:
        if problem.path == str(path):
            found.setdefault(problem.line, []).append(problem.kind)
    return found


def test_good_file_passes() -> None:
    result = validate_files([GOOD])
    assert result.problems == []
    assert (result.files, result.lines, result.bad_lines, result.undated) == (1, 13, 0, 1)
    assert result.ok
    assert result.summary().endswith(": OK")


def test_every_kind_of_bad_line_is_caught_with_its_line_number() -> None:
    result = validate_files([GOOD, BAD])
    assert kinds_by_line(result.problems, GOOD) == {}
    assert kinds_by_line(result.problems, BAD) == BAD_LINES
    assert result.lines == 13 + 13
    assert result.bad_lines == len(BAD_LINES)
    assert not result.ok
    text = {(p.line, p.kind): p.detail for p in result.problems}
    assert "day is out of range" in text[(2, "date")]
    assert "has no UTC offset" in text[(3, "date")]
    assert f"already at {GOOD}:1" in text[(10, "duplicate")]
    assert "body paragraph 2 is page furniture: 'Baca Juga:" in text[(5, "furniture")]
    assert "the last line has no newline" in text[(13, "json")]
    assert "headline" in text[(6, "schema")]


def test_duplicates_are_across_the_files_given() -> None:
    alone = kinds_by_line(validate_files([BAD]).problems, BAD)
    assert 10 not in alone  # its twin is in good.jsonl, not given
    twice = validate_files([GOOD, GOOD])  # one file named twice is read once
    assert twice.files == 1 and twice.ok


def test_a_duplicate_within_one_file(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    line = json.dumps(good_record()) + "\n"
    path.write_text(line + json.dumps(good_record(url="https://zonajakarta.pikiran-rakyat.com/x/pr-1/y")) + "\n" + line)
    result = validate_files([path])
    assert [(p.line, p.kind, p.detail.endswith(f"{path}:1")) for p in result.problems] == [(3, "duplicate", True)]


def test_gzip_files_are_read_whatever_their_name(tmp_path: Path) -> None:
    plain = GOOD.read_bytes()
    (tmp_path / "good.jsonl.gz").write_bytes(gzip.compress(plain))
    (tmp_path / "renamed.jsonl").write_bytes(gzip.compress(BAD.read_bytes()))
    result = validate_files([tmp_path / "good.jsonl.gz", tmp_path / "renamed.jsonl"])
    assert kinds_by_line(result.problems, tmp_path / "good.jsonl.gz") == {}
    assert kinds_by_line(result.problems, tmp_path / "renamed.jsonl") == BAD_LINES


def test_a_truncated_gzip_file_is_reported_where_it_breaks(tmp_path: Path) -> None:
    lines = [json.dumps(good_record(url=f"https://zonajakarta.pikiran-rakyat.com/a/pr-{n}/b")) for n in range(200)]
    packed = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    result = validate_files([path])
    [problem] = result.problems
    assert problem.kind == "unreadable" and "ends early" in problem.detail
    assert problem.line == result.lines + 1 > 1  # the lines before the cut were read and checked
    assert result.bad_files == 1 and not result.ok


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(good_record(headline="Caf\u00e9"), ensure_ascii=False).encode("latin-1") + b"\n")
    result = validate_files([tmp_path / "missing.jsonl", path])
    assert [(p.path, p.line, p.kind) for p in result.problems] == [
        (str(tmp_path / "missing.jsonl"), 0, "unreadable"),
        (str(path), 1, "encoding"),
    ]


@pytest.mark.parametrize(
    ("changes", "kind", "words"),
    [
        ({"published_at": "2026-11-25T07:00:00+25:00"}, "date", "not an ISO 8601 time"),
        ({"modified_at": "2026-11-25 07:00"}, "date", "has no UTC offset"),
        ({"crawled_at": "2026-11-31T10:00:00Z"}, "date", "day is out of range"),
        ({"body": "Paragraf satu yang cukup panjang.\n\nADVERTISEMENT"}, "furniture", "paragraph 2"),
        ({"body": "Editor: Beryl Santoso\n\nTeks.\n\nSumber: Antara"}, "furniture", "(and 1 more)"),
        ({"site": "Zonajakarta.pikiran-rakyat.com"}, "site", "not the host of url"),
        ({"id": "ABC"}, "id", "not the sha1 of url"),
        ({"tags": ["a", "a"]}, "schema", "non-unique"),
        ({"extra": 1}, "schema", "Additional properties"),
    ],
)
def test_record_problems(changes: dict[str, Any], kind: str, words: str) -> None:
    problems = record_problems(good_record(**changes))
    assert [k for k, _ in problems] == [kind]
    assert words in problems[0][1]


def test_a_null_published_at_is_valid_but_counted(tmp_path: Path) -> None:
    assert record_problems(good_record(published_at=None, published_at_raw=None)) == []


def test_records_the_pipeline_makes_pass(tmp_path: Path) -> None:
    sample = ROOT / "newscrawl" / "sample"
    url = "https://mantrasukabumi.pikiran-rakyat.com/wisata/pr-404426610/lomba-perahu-hias-meriahkan-pesta-laut-nelayan-di-palabuhanratu"
    record = extract_article((sample / "pages" / "pr-404426610.html").read_bytes(), url, now=FROZEN_NOW)
    path = tmp_path / "extracted.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert validate_files([path]).problems == []


def test_run_prints_each_problem_then_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([GOOD, BAD]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == sum(map(len, BAD_LINES.values())) + 1
    assert lines[0].startswith(f"{BAD}:2: date: published_at '2026-02-30T07:00:00+07:00'")
    assert lines[-1].startswith("validate: 2 files, 26 lines: 15 good, 11 bad (problems: blank 1, date 2,")
    assert lines[-1].endswith(": FAILED")
    assert run([GOOD], quiet=True) == 0
    assert capsys.readouterr().out.splitlines() == [
        "validate: 1 file, 13 lines: 13 good, 0 bad; 1 good record without published_at: OK"
    ]


def test_command_line() -> None:
    good = newscrawl("validate", GOOD)
    assert good.returncode == 0, good.stderr
    assert good.stdout.strip().endswith(": OK")
    bad = newscrawl("validate", GOOD, BAD)
    assert bad.returncode == 1, bad.stderr
    assert f"{BAD}:10: duplicate: url" in bad.stdout
    assert bad.stdout.strip().splitlines()[-1].endswith(": FAILED")
    quiet = newscrawl("validate", "-q", BAD)
    assert quiet.returncode == 1 and len(quiet.stdout.splitlines()) == 1
    usage = newscrawl("validate")
    assert usage.returncode == 2 and "FILE" in usage.stderr
