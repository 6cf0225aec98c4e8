"""Every real article page in ../shared against its hand-verified expected record, field by field."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newscrawl.extract import extract_article
from newscrawl.schema import schema_errors
from tests.conftest import EXPECTED, FROZEN_NOW, require_real_pages

CASES = sorted(EXPECTED.rglob("*.json"))
FIELDS = (
    "url",
    "site",
    "site_name",
    "network",
    "headline",
    "published_at",
    "published_at_raw",
    "authors",
    "editor",
    "source",
    "category",
    "tags",
    "image_url",
    "image_caption",
    "page_count",
)


def _case_id(path: Path) -> str:
    return path.parent.name


@cache
def expected(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def extracted(path: Path) -> dict[str, Any]:
    case = expected(path)
    html = (require_real_pages() / case["file"]).read_bytes()
    return extract_article(html, case["fetch_url"], now=FROZEN_NOW)


def test_every_real_article_page_has_an_expected_record() -> None:
    pages = require_real_pages()
    rows = (pages / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]
    articles = [row.split("\t")[0] for row in rows if row.split("\t")[3].startswith("article")]
    covered = {expected(path)["file"] for path in CASES}
    missing = sorted(set(articles) - covered)
    assert not missing, f"write tests/expected/<page>.json (verified by eye) for: {missing}"


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_field(case: Path, field: str) -> None:
    want = expected(case)["record"][field]
    got = extracted(case)[field]
    assert got == want, f"{expected(case)['file']}: {field} is {got!r}, expected {want!r} (see its notes)"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_body_paragraphs(case: Path) -> None:
    got = extracted(case)["body"].split("\n\n")
    want = expected(case)["body_paragraphs"]
    assert got == want


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_body_contains_article_text(case: Path) -> None:
    body = extracted(case)["body"]
    missing = [phrase for phrase in expected(case)["body_must_contain"] if phrase not in body]
    assert not missing, f"article text lost from body: {missing}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_body_has_no_furniture(case: Path) -> None:
    body = extracted(case)["body"].lower()
    leaks = [s for s in expected(case)["body_must_not_contain"] if s.lower() in body]
    assert not leaks, f"page furniture leaked into body: {leaks}"


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_record_matches_schema(case: Path) -> None:
    assert schema_errors(extracted(case)) == []
