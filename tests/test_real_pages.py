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


def _field_cases() -> list[Any]:
    """(case, field) pairs; a field the expected file lists under ``known_gaps`` (a secondary field no general
    rule reads yet, with the reason) is a strict xfail: when a change fixes it, the test says so and the entry
    must go."""
    params = []
    for case in CASES:
        gaps = expected(case).get("known_gaps", {})
        for name in FIELDS:
            marks = [pytest.mark.xfail(strict=True, reason=gaps[name])] if name in gaps else []
            params.append(pytest.param(case, name, marks=marks, id=f"{_case_id(case)}-{name}"))
    return params


def test_known_gaps_are_secondary_fields() -> None:
    # What the project promises on every page it has seen is never a known gap.
    core = {"headline", "published_at", "authors", "editor", "source", "network", "site", "page_count"}
    for case in CASES:
        assert not core & set(expected(case).get("known_gaps", {})), expected(case)["file"]


@pytest.mark.parametrize(("case", "field"), _field_cases())
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


# Pages of multi-page articles and what their pagers say (page, of pages): a page whose pager is not read would be
# written as the whole article. SINDOnews 2018's pager (ul.article-paging, page 2 at ".../13") is no current
# template's: the generic pager rules read it (path-numbered pages, <link rel="next">).
PAGERS = {
    "zonajakarta.pikiran-rakyat.com": (2, 3),
    "solo.tribunnews.com": (1, 2),
    "nasional.sindonews.com": (1, 2),
}


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_pager_says_how_many_pages(case: Path) -> None:
    from newscrawl.record import parse_page

    data = expected(case)
    html = (require_real_pages() / data["file"]).read_bytes()
    pagination = parse_page(html, data["fetch_url"], now=FROZEN_NOW).pagination
    assert (pagination.current, pagination.total) == PAGERS.get(_case_id(case), (1, 1))
