"""Extraction-health alarms (a field's coverage under its network's threshold is an ERROR, a stat and a failed
crawl-all) and the periodic progress line."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from newscrawl.health import DEFAULT_HEALTH, HealthCheck, ProgressLog, thresholds
from newscrawl.items import ArticleItem
from newscrawl.sites import NETWORKS, PROFILES
from newscrawl.spiders.generic import GenericSpider
from newscrawl.warc import build_warc_from_manifest
from tests.crawling import FAST, ROOT, crawl

SAMPLE = ROOT / "newscrawl" / "sample"


def item(network: str, **fields: object) -> ArticleItem:
    values: dict[str, object] = {
        "url": "https://a.example/berita/1",
        "network": network,
        "headline": "Judul",
        "body": "Isi " * 80,
        "published_at": "2026-11-20T10:00:00+07:00",
        "editor": "Nama Editor",
        "authors": ["Nama Penulis"],
        **fields,
    }
    return ArticleItem(**values)  # type: ignore[arg-type]


def make_check(min_records: int = 1) -> HealthCheck:
    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_STATE": False, "NEWSCRAWL_HEALTH_MIN_RECORDS": min_records})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return HealthCheck(crawler)


def test_every_module_sets_thresholds_over_the_defaults() -> None:
    for network in (*NETWORKS, *PROFILES):
        assert network.health, f"{network.name} watches no field"
        merged = thresholds(str(network.name))
        assert set(DEFAULT_HEALTH) <= set(merged)
        assert all(0 < share <= 1 for share in merged.values())
    assert thresholds("prmn")["editor"] == 0.9


def test_a_field_under_its_threshold_is_an_error_and_a_stat(caplog: pytest.LogCaptureFixture) -> None:
    check = make_check()
    for n in range(10):
        check.item_scraped(item("prmn", editor=None if n < 3 else "Nama Editor"))  # 70% < 90%
    check.item_scraped(item("tribun"))
    with caplog.at_level(logging.ERROR):
        check.spider_closed("finished")
    stats = check.crawler.stats
    assert stats is not None
    assert stats.get_value("newscrawl/health/prmn/editor") == 0.7
    assert stats.get_value("newscrawl/health/breach/prmn/editor") == 1
    assert stats.get_value("newscrawl/health/breaches") == 1
    assert stats.get_value("newscrawl/health/tribun/editor") == 1.0
    assert "health: prmn editor in 70% of 10 records, under its 90% threshold" in caplog.text


def test_small_samples_are_measured_but_not_judged() -> None:
    check = make_check(min_records=20)
    for _ in range(5):
        check.item_scraped(item("prmn", editor=None))
    check.spider_closed("finished")
    stats = check.crawler.stats
    assert stats is not None
    assert stats.get_value("newscrawl/health/prmn/editor") == 0.0
    assert stats.get_value("newscrawl/health/breaches") == 0


def test_progress_line_counts_pages_records_and_networks() -> None:
    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_STATE": False})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    progress = ProgressLog(crawler, 60)
    stats = crawler.stats
    assert stats is not None
    stats.set_value("response_received_count", 12)
    stats.set_value("item_scraped_count", 3)
    stats.set_value("newscrawl/dropped/no_body", 2)
    for network in ("prmn", "prmn", "tribun"):
        progress.item_scraped(item(network))
    line = progress.line()
    assert re.match(r"progress: 12 pages \(\d+/min\), 3 records \(\d+/min\), 2 dropped; records per network: ", line)
    assert line.endswith("prmn 2, tribun 1")


# -- a crawl whose pages lack editors ---------------------------------------------------------------


@pytest.fixture(scope="module")
def editorless_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo sample portal with every editor credit (visible line and dataLayer) removed."""
    folder = tmp_path_factory.mktemp("editorless")
    shutil.copytree(SAMPLE, folder / "sample")
    for page in (folder / "sample" / "pages").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'Editor: <a>[^<]*</a>|"editor": "[^"]*",', "", text)
        page.write_text(text, encoding="utf-8")
    build_warc_from_manifest(folder / "sample" / "manifest.tsv", folder / "editorless.warc.gz")
    return folder / "editorless.warc.gz"


def test_a_crawl_without_editors_trips_the_editor_alarm(tmp_path: Path, editorless_warc: Path) -> None:
    settings = {"NEWSCRAWL_REPLAY_WARC": str(editorless_warc), "NEWSCRAWL_HEALTH_MIN_RECORDS": "1"}
    result = crawl("prmn", tmp_path, args={"urls_file": str(SAMPLE / "urls.txt")}, settings=settings)
    assert len(result.records) == 3 and all(r["editor"] is None for r in result.records)
    assert "ERROR: health: prmn editor in 0% of 3 records, under its 90% threshold" in result.log
    assert result.stats["newscrawl/health/breach/prmn/editor"] == 1
    assert result.stats["newscrawl/health/prmn/published_at"] == 1.0

    # the scheduler's command exits non-zero on the alarm
    cmd = [sys.executable, "-m", "newscrawl", "crawl-all", "--only", "prmn", "-a", f"urls_file={SAMPLE / 'urls.txt'}"]
    for key, value in {**FAST, **settings, "NEWSCRAWL_DATA_DIR": str(tmp_path / "all")}.items():
        cmd += ["-s", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stderr[-2000:]
    assert re.search(r"^prmn\s+alarm: coverage under threshold: prmn/editor\s", run.stdout, re.M), run.stdout


def test_progress_lines_appear_in_a_crawl_log(tmp_path: Path) -> None:
    warc = tmp_path / "s.warc.gz"
    build_warc_from_manifest(SAMPLE / "manifest.tsv", warc)
    # a replayed crawl takes a fraction of a second: a line every 10 ms shows a few
    settings = {"NEWSCRAWL_REPLAY_WARC": str(warc), "NEWSCRAWL_PROGRESS_INTERVAL": "0.01"}
    result = crawl("prmn", tmp_path, args={"urls_file": str(SAMPLE / "urls.txt")}, settings=settings)
    lines = re.findall(r"\[newscrawl\.health\] INFO: progress: .*", result.log)
    assert lines, result.log[-2000:]
    assert all(re.match(r"progress: \d+ pages \(\d+/min\), \d+ records", line.split("INFO: ")[1]) for line in lines)
