"""Scheduled, incremental crawls on real ``scrapy crawl`` processes over WARC replay: a run killed with SIGKILL
part-way, a run to completion, a third run — every article exactly once, no broken line, nothing re-fetched."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.warc import WarcEntry, write_warc
from tests.crawling import FAST, ROOT, RUNNER, Crawl, crawl

SAMPLE = ROOT / "newscrawl" / "sample"
TEMPLATE_ID = "pr-404417702"
TEMPLATE_SLUG = "jalur-sepeda-baru-hubungkan-lapang-merdeka-dan-alun-alun-kota-sukabumi"
TEMPLATE_HEADLINE = "Jalur Sepeda Baru Hubungkan Lapang Merdeka dan Alun-alun Kota Sukabumi"
HOST = "mantrasukabumi.pikiran-rakyat.com"
HTML = {"Content-Type": "text/html; charset=UTF-8"}


def article_url(n: int) -> str:
    return f"https://{HOST}/sukabumi-raya/pr-{500000000 + n}/{TEMPLATE_SLUG}-{n}"


def build_portal(path: Path, count: int) -> list[str]:
    """A WARC of one PRMN portal whose sitemap lists ``count`` articles (the sample page, renumbered)."""
    template = (SAMPLE / "pages" / f"{TEMPLATE_ID}.html").read_text(encoding="utf-8")
    urls = [article_url(n) for n in range(count)]
    entries = [
        WarcEntry(f"https://{HOST}/robots.txt", 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n"),
    ]
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    sitemap = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    entries.append(WarcEntry(f"https://{HOST}/sitemap.xml", 200, {"Content-Type": "application/xml"}, sitemap.encode()))
    for n, url in enumerate(urls):
        page = (
            template.replace(f"{TEMPLATE_ID}/{TEMPLATE_SLUG}", f"pr-{500000000 + n}/{TEMPLATE_SLUG}-{n}")
            .replace(TEMPLATE_ID, f"pr-{500000000 + n}")
            .replace(TEMPLATE_HEADLINE, f"{TEMPLATE_HEADLINE} Tahap {n}")
        ).encode()
        entries += [WarcEntry(url, 200, HTML, page), WarcEntry(url + "?page=all", 200, HTML, page)]
    write_warc(path, entries)
    return urls


def command(tmp: Path, warc: Path, *args: str) -> list[str]:
    settings = {
        **FAST,
        "NEWSCRAWL_DATA_DIR": str(tmp / "data"),
        "NEWSCRAWL_STATS_FILE": str(tmp / "stats.json"),
        "NEWSCRAWL_REPLAY_WARC": str(warc),
    }
    cmd = [sys.executable, "-c", RUNNER, "crawl", "prmn", "-a", f"sites={HOST}", *args]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd


def lines_of(data: Path) -> list[bytes]:
    return [line for file in sorted(data.rglob("*.jsonl")) for line in file.read_bytes().splitlines(keepends=True)]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("portal") / "portal.warc.gz"
    return path, build_portal(path, 300)


def test_killed_resumed_and_rerun_crawls_deliver_every_article_exactly_once(
    tmp_path: Path, portal: tuple[Path, list[str]]
) -> None:
    warc, urls = portal
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}

    # Run 1: killed with SIGKILL once some records are on disk (the pace makes "part-way" certain).
    slow = command(tmp_path, warc, "-s", "DOWNLOAD_DELAY=0.02")
    proc = subprocess.Popen(slow, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(lines_of(data)) < 40:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    first = lines_of(data)
    assert 40 <= len(first) < len(urls), "the first run was not killed part-way"

    # Run 2: to completion. The unfinished run is reconciled; nothing it wrote is written again.
    second = subprocess.run(command(tmp_path, warc), cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert second.returncode == 0, second.stderr[-3000:]
    stats = json.loads((tmp_path / "stats.json").read_text())["stats"]
    assert stats["newscrawl/state/runs_reconciled"] == 1
    records = [json.loads(line) for line in lines_of(data)]  # raises on any broken line
    assert all(line.endswith(b"\n") for line in lines_of(data))
    delivered = [r["url"] for r in records]
    assert sorted(delivered) == sorted(urls), "some article missing or written twice"
    assert stats["newscrawl/state/skipped_seen"] >= 40  # the killed run's articles were not fetched again

    # Run 3: nothing new — no record written, no article page fetched.
    third = crawl("prmn", tmp_path, args={"sites": HOST}, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(lines_of(data)) == len(urls)
    assert third.stats.get("item_scraped_count", 0) == 0
    assert third.stats["newscrawl/state/skipped_seen"] == len(urls)
    # Only discovery: robots.txt (Scrapy's robots check and our sitemap lookup), the sitemap, and the two
    # listing pages this archive lacks (404). Not one of the 300 article pages.
    assert third.stats.get("response_received_count", 0) == 5


# -- the small sample portal: refresh, reset, lock, corrupt store, unwritable data dir ----------------

SAMPLE_URLS = (SAMPLE / "urls.txt").read_text(encoding="utf-8").split()


@pytest.fixture(scope="module")
def sample_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newscrawl.warc import build_warc_from_manifest

    path = tmp_path_factory.mktemp("sample") / "sample.warc.gz"
    build_warc_from_manifest(SAMPLE / "manifest.tsv", path)
    return path


def sample_crawl(tmp: Path, warc: Path, check: bool = True, **args: str) -> Crawl:
    return crawl(
        "prmn",
        tmp,
        args={"urls_file": str(SAMPLE / "urls.txt"), **args},
        settings={"NEWSCRAWL_REPLAY_WARC": str(warc)},
        check=check,
    )


def test_refresh_refetches_and_reset_forgets(tmp_path: Path, sample_warc: Path) -> None:
    first = sample_crawl(tmp_path, sample_warc)
    assert len(first.records) == len(SAMPLE_URLS) == 3
    assert "Spider opened" in first.log
    again = sample_crawl(tmp_path, sample_warc)
    assert again.stats.get("item_scraped_count", 0) == 0
    assert again.stats["newscrawl/state/skipped_seen"] == 3
    assert again.stats.get("response_received_count", 0) == 0  # urls_file: nothing fetched at all

    refreshed = sample_crawl(tmp_path, sample_warc, refresh="1")
    assert refreshed.stats["item_scraped_count"] == 3
    assert "refresh=1, articles already delivered are fetched and written again" in refreshed.log

    reset = sample_crawl(tmp_path, sample_warc, reset_state="1")
    assert reset.stats["item_scraped_count"] == 3
    assert "reset_state=1, forgot every delivered article" in reset.log
    assert list((tmp_path / "data" / "state").glob("prmn.sqlite3.reset-*"))


def test_a_deleted_store_is_rebuilt_not_restarted_empty(tmp_path: Path, sample_warc: Path) -> None:
    sample_crawl(tmp_path, sample_warc)
    for path in (tmp_path / "data" / "state").glob("prmn.sqlite3*"):
        path.unlink()
    again = sample_crawl(tmp_path, sample_warc)
    assert again.stats["newscrawl/state/rebuilt_missing"] == 1
    assert again.stats.get("item_scraped_count", 0) == 0  # nothing duplicated
    assert "rebuilt it from 1 output files (3 delivered articles)" in again.log


def test_a_corrupt_store_is_rebuilt_with_a_warning(tmp_path: Path, sample_warc: Path) -> None:
    sample_crawl(tmp_path, sample_warc)
    db = tmp_path / "data" / "state" / "prmn.sqlite3"
    for path in db.parent.glob("prmn.sqlite3-*"):
        path.unlink()
    db.write_bytes(b"\x00garbage" * 512)
    again = sample_crawl(tmp_path, sample_warc)
    assert again.stats["newscrawl/state/rebuilt_corrupt"] == 1
    assert again.stats.get("item_scraped_count", 0) == 0
    assert "was corrupt; rebuilt it from 1 output files" in again.log


def test_a_second_run_of_the_same_spider_is_refused(tmp_path: Path, sample_warc: Path) -> None:
    from newscrawl.state import SeenStore

    holder = SeenStore.open(tmp_path / "data", "prmn")  # as a running crawl holds it
    try:
        refused = sample_crawl(tmp_path, sample_warc, check=False)
    finally:
        holder.close()
    assert refused.returncode != 0
    assert f"another prmn run is using {tmp_path / 'data'} (pid {os.getpid()})" in refused.log
    assert refused.records == []
    assert "Spider opened" not in refused.log  # stopped before the engine started: nothing fetched


def test_an_unwritable_data_dir_stops_before_any_fetch(tmp_path: Path, sample_warc: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data dir should be")
    refused = sample_crawl(tmp_path, sample_warc, check=False)
    assert refused.returncode != 0
    assert f"data dir {blocker} is not writable" in refused.log
    assert "Spider opened" not in refused.log


def test_user_output_bypasses_the_store(tmp_path: Path, sample_warc: Path) -> None:
    sample_crawl(tmp_path, sample_warc)
    out = tmp_path / "one-off.jsonl"
    result = crawl(
        "prmn",
        tmp_path,
        args={"urls_file": str(SAMPLE / "urls.txt")},
        settings={"NEWSCRAWL_REPLAY_WARC": str(sample_warc)},
        extra=("-O", str(out)),
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # -O: the user asked for these pages
    assert "seen-store is not used" in result.log


def test_a_backfill_stopped_with_ctrl_c_resumes_from_its_jobdir(tmp_path: Path, portal: tuple[Path, list[str]]) -> None:
    warc, urls = portal
    data = tmp_path / "data"
    jobdir = tmp_path / "jobdir"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    slow = command(tmp_path, warc, "-s", "DOWNLOAD_DELAY=0.02", "-s", f"JOBDIR={jobdir}")
    proc = subprocess.Popen(slow, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(lines_of(data)) < 40:
        time.sleep(0.02)
    proc.send_signal(signal.SIGINT)  # one Ctrl-C: Scrapy stops gracefully and keeps its queue in JOBDIR
    assert proc.wait(timeout=60) == 0
    stopped = len(lines_of(data))
    assert 40 <= stopped < len(urls)
    assert (jobdir / "requests.queue").is_dir()

    resumed = subprocess.run(
        command(tmp_path, warc, "-s", f"JOBDIR={jobdir}"),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    stats = json.loads((tmp_path / "stats.json").read_text())["stats"]
    assert stats.get("scheduler/dequeued/disk", 0) > 0  # the saved queue was read back
    assert not stats.get("newscrawl/state/runs_reconciled")  # Ctrl-C finished the first run cleanly
    assert stats["newscrawl/state/delivered_before"] == stopped  # the store survived JOBDIR's spider state
    delivered = [json.loads(line)["url"] for line in lines_of(data)]
    assert sorted(delivered) == sorted(urls)
