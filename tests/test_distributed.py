"""Distributed crawls (NEWSCRAWL_REDIS_URL): real ``scrapy crawl`` workers sharing a real Redis.

Two workers over a 300-article PRMN portal (WARC replay) share the work and write every article exactly once;
one of them killed with SIGKILL part-way, the other finishes the crawl, still exactly once. Seeding happens
once; ``urls_file`` and ``since``/``until`` give what one machine gives; the store's claims and reaping, the
request serializer, the add-on switch and the command line are checked on their own.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import redis
from scrapy.settings import Settings

from newscrawl.addon import NewscrawlAddon
from newscrawl.distributed import RequestSerializer, main
from newscrawl.record import parse_page
from newscrawl.redis_state import Keys, RedisSeenStore, mask_url
from newscrawl.sites import GENERIC, network_named
from newscrawl.state import StateError
from newscrawl.warc import WarcEntry, write_warc
from tests.crawling import FAST, ROOT, RUNNER, crawl, read_jsonl
from tests.test_incremental import (
    HOST,
    HTML,
    SAMPLE,
    TEMPLATE_HEADLINE,
    TEMPLATE_ID,
    TEMPLATE_SLUG,
    article_url,
    build_portal,
    lines_of,
)

SAMPLE_URLS = (SAMPLE / "urls.txt").read_text(encoding="utf-8").split()

# redis_server (a real Redis) and redis_prefix (this test's keys)
pytest_plugins = ["tests.redis_server"]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("portal") / "portal.warc.gz"
    return path, build_portal(path, 300)


@pytest.fixture(scope="module")
def sample_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newscrawl.warc import build_warc_from_manifest

    path = tmp_path_factory.mktemp("sample") / "sample.warc.gz"
    build_warc_from_manifest(SAMPLE / "manifest.tsv", path)
    return path


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_") and not k.startswith("NEWSCRAWL_")}


def worker(tmp: Path, warc: Path, url: str, prefix: str, name: str, *args: str) -> subprocess.Popen[bytes]:
    """One worker: the same command for all (only the stats file and log differ), output under tmp/data."""
    settings = {
        **FAST,
        "NEWSCRAWL_DATA_DIR": str(tmp / "data"),
        "NEWSCRAWL_STATS_FILE": str(tmp / f"stats-{name}.json"),
        "NEWSCRAWL_REPLAY_WARC": str(warc),
        "NEWSCRAWL_REDIS_URL": url,
        "NEWSCRAWL_REDIS_PREFIX": prefix,
    }
    cmd = [sys.executable, "-c", RUNNER, "crawl", "prmn", *args]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    log = (tmp / f"{name}.log").open("wb")
    try:
        return subprocess.Popen(cmd, cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=log)
    finally:
        log.close()


def finished(proc: subprocess.Popen[bytes], tmp: Path, name: str) -> tuple[str, dict[str, Any]]:
    """Wait for a worker that must succeed; its log and stats."""
    code = proc.wait(timeout=180)
    log = (tmp / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert code == 0, log[-5000:]
    assert "Traceback" not in log, log[-5000:]
    assert "DeprecationWarning" not in log, log[-5000:]
    return log, json.loads((tmp / f"stats-{name}.json").read_text())["stats"]


def run_files(tmp: Path) -> dict[str, list[str]]:
    """Run id -> urls of its records, for every output file under tmp/data."""
    return {path.stem: [r["url"] for r in read_jsonl(path)] for path in sorted((tmp / "data").rglob("*.jsonl"))}


def crawl_keys_left(url: str, prefix: str) -> list[str]:
    client = redis.Redis.from_url(url)
    try:
        return sorted(k.decode() for k in client.scan_iter(match=f"{prefix}:*"))
    finally:
        client.close()


# -- the crawl-level cases -----------------------------------------------------------------------------


def test_two_workers_share_the_crawl_and_write_every_article_once(
    tmp_path: Path, portal: tuple[Path, list[str]], redis_server: str, redis_prefix: str
) -> None:
    warc, urls = portal
    args = ("-a", f"sites={HOST}")
    procs = [worker(tmp_path, warc, redis_server, redis_prefix, name, *args) for name in ("a", "b")]
    results = [finished(proc, tmp_path, name) for proc, name in zip(procs, ("a", "b"), strict=True)]

    files = run_files(tmp_path)
    assert len(files) == 2 and all(files.values()), f"both workers should write records: {files.keys()}"
    delivered = [url for records in files.values() for url in records]
    assert sorted(delivered) == sorted(urls), "an article is missing or was written twice"
    assert all(line.endswith(b"\n") for line in lines_of(tmp_path / "data"))

    # Seeding happened once: one worker seeded, the other took its requests from the queue.
    seeders = [stats for _log, stats in results if stats.get("newscrawl/distributed/seeder")]
    assert len(seeders) == 1 and seeders[0]["newscrawl/distributed/seeded"] == 3  # robots.txt + 2 listings
    assert sum("the crawl is seeded; this worker takes requests" in log for log, _stats in results) == 1
    assert sum(stats.get("item_scraped_count", 0) for _log, stats in results) == len(urls)

    # The crawl is over: only the seen-store (and the import marker) stays in Redis.
    assert crawl_keys_left(redis_server, redis_prefix) == [f"{redis_prefix}:prmn:imported", f"{redis_prefix}:prmn:seen"]

    # The next crawl seeds again (sitemap re-read) and delivers nothing already delivered.
    again = worker(tmp_path, warc, redis_server, redis_prefix, "c", *args)
    _log, stats = finished(again, tmp_path, "c")
    assert stats.get("item_scraped_count", 0) == 0
    assert stats["newscrawl/state/skipped_seen"] == len(urls)
    assert stats["newscrawl/distributed/seeder"] == 1
    assert crawl_keys_left(redis_server, redis_prefix) == [f"{redis_prefix}:prmn:imported", f"{redis_prefix}:prmn:seen"]


def test_a_worker_killed_part_way_loses_nothing(
    tmp_path: Path, portal: tuple[Path, list[str]], redis_server: str, redis_prefix: str
) -> None:
    warc, urls = portal
    args = ("-a", f"sites={HOST}")
    victim = worker(tmp_path, warc, redis_server, redis_prefix, "victim", *args)
    survivor = worker(tmp_path, warc, redis_server, redis_prefix, "survivor", *args)
    state = tmp_path / "data" / "state"

    def victim_file() -> Path | None:
        for lock in state.glob("prmn.*.lock"):
            if lock.name != "prmn.lock" and lock.read_text().strip() == str(victim.pid):
                run = lock.name.removeprefix("prmn.").removesuffix(".lock")
                return next((tmp_path / "data" / "prmn").glob(f"*/{run}.jsonl"), None)
        return None

    deadline = time.monotonic() + 90
    file = None
    while time.monotonic() < deadline and victim.poll() is None:
        file = file or victim_file()
        if file is not None and file.exists() and file.read_bytes().count(b"\n") >= 20:
            break
        time.sleep(0.02)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    assert file is not None
    killed_with = file.read_bytes().count(b"\n")
    assert 20 <= killed_with < len(urls), "the victim was not killed part-way"

    _log, stats = finished(survivor, tmp_path, "survivor")
    assert stats["newscrawl/distributed/workers_reaped"] == 1
    assert stats["newscrawl/state/runs_reconciled"] == 1
    # What the victim held went back: the requests it had taken, and the articles it claimed but never wrote.
    assert (
        stats.get("newscrawl/distributed/requeued_inflight", 0) + stats.get("newscrawl/distributed/released_claims", 0)
        >= 1
    )
    assert all(line.endswith(b"\n") for line in lines_of(tmp_path / "data"))  # a torn last line was cut
    delivered = [url for records in run_files(tmp_path).values() for url in records]
    assert sorted(delivered) == sorted(urls), "an article is missing or was written twice"
    assert crawl_keys_left(redis_server, redis_prefix) == [f"{redis_prefix}:prmn:imported", f"{redis_prefix}:prmn:seen"]


def build_dated_portal(path: Path, count: int) -> list[str]:
    """Like ``build_portal``, but article n is published on 2025-06-(1 + n % 10)."""
    template = (SAMPLE / "pages" / f"{TEMPLATE_ID}.html").read_text(encoding="utf-8")
    urls = [article_url(n) for n in range(count)]
    entries = [
        WarcEntry(f"https://{HOST}/robots.txt", 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
    ]
    for n, url in enumerate(urls):
        day = 1 + n % 10
        page = (
            template.replace(f"{TEMPLATE_ID}/{TEMPLATE_SLUG}", f"pr-{500000000 + n}/{TEMPLATE_SLUG}-{n}")
            .replace(TEMPLATE_ID, f"pr-{500000000 + n}")
            .replace(TEMPLATE_HEADLINE, f"{TEMPLATE_HEADLINE} Tahap {n}")
            .replace("2025-06-02", f"2025-06-{day:02d}")
            .replace("2 Juni 2025, 10:20", f"{day} Juni 2025, 10:20")
        ).encode()
        entries += [WarcEntry(url, 200, HTML, page), WarcEntry(url + "?page=all", 200, HTML, page)]
    write_warc(path, entries)
    return urls


def test_urls_file_and_since_until_give_what_one_machine_gives(
    tmp_path: Path, redis_server: str, redis_prefix: str
) -> None:
    warc = tmp_path / "dated.warc.gz"
    urls = build_dated_portal(warc, 300)
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text("\n".join(urls) + "\n", encoding="utf-8")
    args = {"urls_file": str(urls_file), "since": "2025-06-03", "until": "2025-06-05"}
    alone = crawl("prmn", tmp_path / "alone", args=args, settings={"NEWSCRAWL_REPLAY_WARC": str(warc)})
    assert len(alone.records) == 90  # three days of ten
    assert {r["published_at"][:10] for r in alone.records} == {"2025-06-03", "2025-06-04", "2025-06-05"}

    shared = tmp_path / "shared"
    shared.mkdir()
    flat = [part for key, value in args.items() for part in ("-a", f"{key}={value}")]
    procs = [worker(shared, warc, redis_server, redis_prefix, name, *flat) for name in ("a", "b")]
    results = [finished(proc, shared, name) for proc, name in zip(procs, ("a", "b"), strict=True)]
    delivered = [url for records in run_files(shared).values() for url in records]
    assert sorted(delivered) == sorted(r["url"] for r in alone.records)
    dropped = sum(stats.get("newscrawl/dropped/out_of_range", 0) for _log, stats in results)
    assert dropped == alone.stats["newscrawl/dropped/out_of_range"] == 210
    seeded = [stats.get("newscrawl/distributed/seeded") for _log, stats in results]
    assert sorted(seeded, key=str) == [300, None]  # the URLs were queued once, by one worker


def test_a_single_machine_history_is_imported_not_delivered_again(
    tmp_path: Path, sample_warc: Path, redis_server: str, redis_prefix: str
) -> None:
    first = crawl(
        "prmn",
        tmp_path,
        args={"urls_file": str(SAMPLE / "urls.txt")},
        settings={"NEWSCRAWL_REPLAY_WARC": str(sample_warc)},
    )
    assert len(first.records) == 3
    proc = worker(tmp_path, sample_warc, redis_server, redis_prefix, "w", "-a", f"urls_file={SAMPLE / 'urls.txt'}")
    log, stats = finished(proc, tmp_path, "w")
    assert stats["newscrawl/state/rebuilt_imported"] == 1
    assert stats.get("item_scraped_count", 0) == 0
    assert stats["newscrawl/state/skipped_seen"] == 3
    assert "read 1 output files" in log

    # A single-machine run between two distributed crawls: only its file is read, once.
    again = crawl(
        "prmn",
        tmp_path,
        args={"urls_file": str(SAMPLE / "urls.txt"), "refresh": "1"},
        settings={"NEWSCRAWL_REPLAY_WARC": str(sample_warc)},
    )
    assert len(again.output_files) == 2
    for name in ("w2", "w3"):
        proc = worker(tmp_path, sample_warc, redis_server, redis_prefix, name, "-a", f"urls_file={SAMPLE / 'urls.txt'}")
        log, stats = finished(proc, tmp_path, name)
        assert stats.get("item_scraped_count", 0) == 0
        assert ("read 1 output files" in log) == (name == "w2")


def test_a_worker_with_other_arguments_or_a_wrong_password_fetches_nothing(
    tmp_path: Path, sample_warc: Path, redis_server: str, redis_prefix: str
) -> None:
    client = redis.Redis.from_url(redis_server)
    client.hset(
        f"{redis_prefix}:prmn:seed", mapping={"state": "seeding", "owner": "x", "args": '{"since": "2020-01-01"}'}
    )
    client.close()
    other = worker(tmp_path, sample_warc, redis_server, redis_prefix, "other", "-a", f"urls_file={SAMPLE / 'urls.txt'}")
    assert other.wait(timeout=60) != 0
    log = (tmp_path / "other.log").read_text()
    assert "a distributed prmn crawl with other arguments is under way" in log
    assert "Spider opened" not in log

    wrong = redis_server.replace("redis://:", "redis://:wrong", 1) if "://:" in redis_server else redis_server
    if wrong == redis_server:
        pytest.skip("the test Redis has no password")
    bad = worker(tmp_path, sample_warc, wrong, redis_prefix, "bad", "-a", f"urls_file={SAMPLE / 'urls.txt'}")
    assert bad.wait(timeout=60) != 0
    log = (tmp_path / "bad.log").read_text()
    assert "refused the password" in log or "wants a password" in log
    assert "wrong" not in log.split("refused the password")[0].split("Redis at")[-1]  # the password is masked
    assert "Spider opened" not in log


# -- the store, the serializer, the add-on and the command line on their own ----------------------------


def open_store(url: str, prefix: str, data: Path, run: str, signature: str = "{}") -> RedisSeenStore:
    file = data / "toy" / "2026-11-26" / f"{run}.jsonl"
    file.parent.mkdir(parents=True, exist_ok=True)
    return RedisSeenStore.open(
        url, prefix=prefix, data_dir=data, spider="toy", run_id=run, file=file, signature=signature
    )


def test_only_one_run_can_claim_an_article(tmp_path: Path, redis_server: str, redis_prefix: str) -> None:
    one = open_store(redis_server, redis_prefix, tmp_path, "r1")
    two = open_store(redis_server, redis_prefix, tmp_path, "r2")
    try:
        assert one.claim("https://a.example/1", "r1")
        assert one.claim("https://a.example/1", "r1")  # again by the same run: still its own
        assert not two.claim("https://a.example/1", "r2")
        assert two.is_seen("https://a.example/1", before_run="r2")
        assert not one.is_seen("https://a.example/1", before_run="r1")
    finally:
        one.close()
        two.close()


def test_a_dead_workers_file_is_reconciled_and_its_unwritten_articles_queued_again(
    tmp_path: Path, redis_server: str, redis_prefix: str
) -> None:
    dead = open_store(redis_server, redis_prefix, tmp_path, "dead")
    info = dict(dead.info)
    for n in (1, 2, 3):
        assert dead.claim(f"https://a.example/{n}", "dead")
    assert dead.pop() is None
    dead.server.zadd(dead.keys.requests, {b"held-request": 0})
    assert dead.pop() == b"held-request"  # taken, then the worker dies
    file = Path(info["file"])
    file.write_bytes(b'{"url": "https://a.example/1"}\n{"url": "https://a.example/2"}\n{"url": "https://a.ex')
    dead._locks[1].close()  # the kernel drops a dead process's flock

    survivor = open_store(redis_server, redis_prefix, tmp_path, "alive")
    try:
        assert survivor.is_dead("dead", info)
        reaped = survivor.reap("dead", info, lambda url: (f"again:{url}".encode(), -1.0))
        assert reaped is not None
        assert (reaped.requeued, reaped.released, reaped.kept, reaped.reconciled) == (1, 1, 2, True)
        assert reaped.torn_cut > 0 and file.read_bytes().endswith(b'2"}\n')
        queued = set(survivor.server.zrange(survivor.keys.requests, 0, -1))
        assert queued == {b"held-request", b"again:https://a.example/3"}
        assert survivor.is_seen("https://a.example/1") and not survivor.is_seen("https://a.example/3")
        assert "dead" not in survivor.workers()

        # A worker on another machine that stopped answering: its requests come back; its file waits for a
        # worker on its machine.
        far = {**info, "host": "elsewhere", "lock": "/nonexistent/far.lock", "file": "/nonexistent/far.jsonl"}
        survivor.server.hset(survivor.keys.workers, "far", json.dumps(far))
        survivor.server.zadd(survivor.keys.inflight("far"), {b"far-request": 0})
        assert survivor.is_dead("far", far)  # no heartbeat key
        reaped = survivor.reap("far", far, lambda url: (b"", 0.0))
        assert reaped is not None and (reaped.requeued, reaped.reconciled) == (1, False)
        assert "far" in survivor.unreconciled() and "far" not in survivor.workers()
        assert b"far-request" in set(survivor.server.zrange(survivor.keys.requests, 0, -1))
    finally:
        survivor.close()
        dead.close()


def test_queued_requests_keep_network_modules_and_refuse_foreign_code() -> None:
    from scrapy import Request

    page = parse_page((SAMPLE / "pages" / "pr-404417702.html").read_bytes(), SAMPLE_URLS[0])
    request = Request(SAMPLE_URLS[0], cb_kwargs={"pages": [page]})
    back = RequestSerializer.loads(RequestSerializer.dumps(request.to_dict()))
    assert back["cb_kwargs"]["pages"][0].network is network_named("prmn")  # the module itself, not a copy
    assert RequestSerializer.loads(RequestSerializer.dumps({"n": GENERIC}))["n"] is GENERIC

    class Exploit:
        def __reduce__(self) -> tuple[Any, ...]:
            return (os.system, ("echo pwned",))

    with pytest.raises(pickle.UnpicklingError, match=r"posix\.system|os\.system"):
        RequestSerializer.loads(pickle.dumps(Exploit()))


def test_the_addon_switches_the_scheduler_only_with_a_redis_url() -> None:
    plain = Settings({"NEWSCRAWL_DATA_DIR": "d"})
    NewscrawlAddon.update_settings(plain)
    assert plain.get("SCHEDULER") == "scrapy.core.scheduler.Scheduler"
    distributed = Settings({"NEWSCRAWL_REDIS_URL": "redis://10.0.0.5:6379/2"})
    NewscrawlAddon.update_settings(distributed)
    assert distributed["SCHEDULER"] == "newscrawl.distributed.RedisScheduler"
    assert distributed["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert mask_url("redis://:s3cret@10.0.0.5:6379/2") == "redis://:***@10.0.0.5:6379/2"
    with pytest.raises(ValueError, match="not a Redis URL"):
        from newscrawl.redis_state import check_url

        check_url("http://10.0.0.5:6379")


def test_status_drain_resume_and_reset(
    tmp_path: Path, redis_server: str, redis_prefix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--redis", redis_server, "--prefix", redis_prefix]
    store = open_store(redis_server, redis_prefix, tmp_path, "r1")
    store.server.zadd(store.keys.requests, {b"r": 0})
    store.claim("https://a.example/1", "r1")
    assert main(["status", "toy", *base, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["queued"], report["delivered"], list(report["workers"])) == (1, 1, ["r1"])
    assert report["workers"]["r1"]["alive"] and report["workers"]["r1"]["claims"] == 1

    assert main(["reset", "toy", *base]) == 1  # a worker is registered
    assert "1 workers registered" in capsys.readouterr().err
    assert main(["drain", "toy", *base]) == 0
    with pytest.raises(StateError, match="draining"):
        open_store(redis_server, redis_prefix, tmp_path, "r2")
    assert main(["resume", "toy", *base]) == 0
    Path(store.info["file"]).write_text('{"url": "https://a.example/1"}\n')
    store.finish_run("r1", Path(store.info["file"]))
    store.close()

    assert main(["reset", "toy", *base]) == 0
    keys = Keys(redis_prefix, "toy")
    assert crawl_keys_left(redis_server, redis_prefix) == [keys.imported, keys.seen]  # delivered kept
    assert main(["reset", "toy", *base, "--forget-delivered"]) == 0
    # Forgotten for good: the files stay known, so no worker reads them back into the seen-store.
    assert crawl_keys_left(redis_server, redis_prefix) == [keys.imported]


def test_single_machine_runs_and_distributed_workers_do_not_share_a_data_dir(
    tmp_path: Path, redis_server: str, redis_prefix: str
) -> None:
    from newscrawl.state import SeenStore

    alone = SeenStore.open(tmp_path, "toy")
    with pytest.raises(StateError, match="a single-machine toy run is using"):
        open_store(redis_server, redis_prefix, tmp_path, "r1")
    alone.close()
    worker_store = open_store(redis_server, redis_prefix, tmp_path, "r1")
    neighbour = open_store(redis_server, redis_prefix, tmp_path, "r2")  # workers share a data dir
    with pytest.raises(StateError, match="distributed toy workers"):
        SeenStore.open(tmp_path, "toy")
    worker_store.close()
    neighbour.close()


def test_the_password_may_come_from_the_environment(
    tmp_path: Path, redis_server: str, redis_prefix: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from urllib.parse import urlsplit

    from newscrawl.redis_state import PASSWORD_ENV, connect

    password = urlsplit(redis_server).password
    if not password:
        pytest.skip("the test Redis has no password")
    bare = redis_server.replace(f":{password}@", "", 1)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    with pytest.raises(StateError, match="wants a password"):
        connect(bare)
    monkeypatch.setenv(PASSWORD_ENV, password)
    assert connect(bare).ping()
