"""``python -m newscrawl crawl-all``: every network spider in one process over one replay archive of all the
network fixtures, a per-network summary, incremental re-runs, and a non-zero exit when a network fails."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.crawl_all import spider_names
from tests.conftest import FIXTURE_SITES
from tests.crawling import FAST, ROOT, build_all_fixtures_warc

SINCE, UNTIL = "2026-11-19", "2026-11-24"


def fixture_urls() -> dict[str, set[str]]:
    """network -> every URL its fixture manifest serves."""
    found: dict[str, set[str]] = {}
    for manifest in sorted(FIXTURE_SITES.glob("*/manifest.tsv")):
        urls = found.setdefault(manifest.parent.name, set())
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "url\t")):
                urls.add(line.split("\t")[0])
    return found


@pytest.fixture(scope="module")
def all_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_all_fixtures_warc(tmp_path_factory.mktemp("all"))


def crawl_all(tmp: Path, warc: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "newscrawl", "crawl-all", "-a", f"since={SINCE}", "-a", f"until={UNTIL}", *extra]
    settings = {**FAST, "NEWSCRAWL_DATA_DIR": str(tmp / "data"), "NEWSCRAWL_REPLAY_WARC": str(warc)}
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def table(stdout: str) -> dict[str, list[str]]:
    rows = [line.split() for line in stdout.splitlines() if line.strip()]
    assert rows[0][:3] == ["network", "status", "new"]
    return {row[0]: row[1:] for row in rows[1:]}


def records(data: Path) -> dict[str, list[dict[str, object]]]:
    found: dict[str, list[dict[str, object]]] = {}
    for file in data.glob("*/*/*.jsonl"):
        spider = file.parent.parent.name
        found.setdefault(spider, []).extend(json.loads(line) for line in file.read_text(encoding="utf-8").splitlines())
    return found


def test_crawl_all_runs_every_network_then_adds_nothing(tmp_path: Path, all_warc: Path) -> None:
    first = crawl_all(tmp_path, all_warc)
    assert first.returncode == 0, first.stderr[-3000:]
    rows = table(first.stdout)
    assert sorted(rows) == sorted(spider_names())
    assert all(row[0] == "ok" for row in rows.values()), first.stdout
    written = records(tmp_path / "data")
    served = fixture_urls()
    total = 0
    for network, recs in written.items():
        assert int(rows[network][1]) == len(recs), network
        for record in recs:
            assert record["url"] in served[network], f"{network} wrote a record for an URL its fixtures lack"
            assert SINCE <= str(record["published_at"])[:10] <= UNTIL, record["url"]
        total += len(recs)
    # Every network whose fixtures publish articles in the window delivered some.
    assert {n for n, recs in written.items() if recs} >= {
        "tribun",
        "detik",
        "kompas",
        "okezone",
        "inews",
        "sindonews",
        "radar",
        "republika",
    }
    assert total >= 15

    second = crawl_all(tmp_path, all_warc)
    assert second.returncode == 0, second.stderr[-3000:]
    rows = table(second.stdout)
    assert all(row[0] == "ok" and row[1] == "0" for row in rows.values()), second.stdout
    assert sum(len(r) for r in records(tmp_path / "data").values()) == total


def test_a_network_that_cannot_run_fails_the_command(tmp_path: Path, all_warc: Path) -> None:
    from newscrawl.state import SeenStore

    holder = SeenStore.open(tmp_path / "data", "detik")
    try:
        result = crawl_all(tmp_path, all_warc, "--only", "detik,sindonews")
    finally:
        holder.close()
    assert result.returncode == 1
    rows = table(result.stdout)
    assert rows["detik"][0] == "failed:" and "another detik run" in result.stdout
    assert rows["sindonews"][0] == "ok"
    assert "failed: detik" in result.stderr


def test_unknown_spider_is_a_usage_error(tmp_path: Path, all_warc: Path) -> None:
    result = crawl_all(tmp_path, all_warc, "--only", "nosuch")
    assert result.returncode == 2
    assert "no network spider named nosuch" in result.stderr
