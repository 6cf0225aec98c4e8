"""Shared test fixtures: where the real pages live, a frozen crawl time, the schema check."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.warc import build_warc_from_manifest

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


def manifest_files(manifest: Path) -> dict[str, Path]:
    """URL -> fixture file of every row of a network's ``manifest.tsv`` that serves a file."""
    files: dict[str, Path] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("#") or parts[0] == "url" or len(parts) < 4 or not parts[3]:
            continue
        files[parts[0]] = manifest.parent / parts[3]
    return files


@pytest.fixture(scope="module")
def warc(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A WARC of the test module's ``MANIFEST`` (a network's fixture pages), built once per module."""
    manifest: Path = request.module.MANIFEST
    path = tmp_path_factory.mktemp(manifest.parent.name) / f"{manifest.parent.name}.warc.gz"
    build_warc_from_manifest(manifest, path)
    return path
