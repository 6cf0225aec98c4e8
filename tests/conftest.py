"""Shared test fixtures: where the real pages live, a frozen crawl time, the schema check."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL_PAGES = ROOT.parent / "shared" / "fixtures" / "real"
EXPECTED = Path(__file__).resolve().parent / "expected"
FIXTURE_SITES = Path(__file__).resolve().parent / "fixtures" / "sites"

#: "now" for every test that parses relative dates or stamps crawled_at
FROZEN_NOW = datetime(2026, 11, 26, 10, 0, 0, tzinfo=UTC)


def require_real_pages() -> Path:
    """The shared real pages folder; skip without it, but fail in CI where it must be present."""
    if not REAL_PAGES.is_dir():
        message = f"{REAL_PAGES} is missing: clone the project beside its shared/ folder"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message + " (CI=true: the real-page tests must run)")
        pytest.skip(message)
    return REAL_PAGES


@pytest.fixture
def real_pages() -> Path:
    return require_real_pages()
