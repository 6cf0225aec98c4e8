"""Distributed crawl throughput: 1 and 2 workers sharing a Redis frontier, against a single-machine run.

The crawl is ``scrapy crawl prmn`` over N generated PRMN article pages (the demo sample page, renumbered):

* ``--source http``: ``-a urls_file=``, pages from a local HTTP server under 16 portal host names (the server
  and loopback resolver of ``bench_crawl.py``), one request at a time per portal and worker, no delay;
* ``--source warc``: the same URLs and pages replayed from a WARC (no download at all: CPU-bound);
* ``--source sitemap``: one portal discovered through robots.txt and its sitemap, replayed from a WARC
  (``tests/test_incremental.build_portal``): the seed is 3 requests and the sitemap queues every article.
 Each configuration runs ``--runs`` times (round robin)
from an empty data dir and a fresh Redis key prefix; the table gives medians of wall time (from starting the
worker processes to the last one exiting, start-up included) and crawl time (the longest worker's Scrapy
``elapsed_time_seconds``). Every run must deliver every article exactly once.

    redis-server --port 6390 --bind 127.0.0.1 --requirepass bench --save '' --appendonly no &
    .venv/bin/python benchmarks/bench_distributed.py --redis redis://:bench@127.0.0.1:6390/0 --source http
    .venv/bin/python benchmarks/bench_distributed.py --redis redis://:bench@127.0.0.1:6390/0 --source warc
    .venv/bin/python benchmarks/bench_distributed.py --redis redis://:bench@127.0.0.1:6390/0 --source sitemap
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import redis
from bench_crawl import RESOLVER, ROOT, article_url, serve

sys.path.insert(0, str(ROOT))

from newscrawl.warc import WarcEntry, write_warc

SETTINGS = {
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "TELNETCONSOLE_ENABLED": "False",
    "REMOTE_CONTROL_ENABLED": "False",
    "LOG_LEVEL": "WARNING",
    "NEWSCRAWL_PROGRESS_INTERVAL": "0",
}


def warc_of(urls: list[str], port: int, path: Path) -> None:
    """The pages the HTTP server would answer, as a replay WARC (robots.txt of every host included)."""
    import urllib.request

    entries = []
    for host in sorted({url.split("/")[2] for url in urls}):
        entries.append(
            WarcEntry(f"http://{host}/robots.txt", 200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
        )
    for url in urls:
        local = url.replace(url.split("/")[2], f"127.0.0.1:{port}", 1)
        request = urllib.request.Request(local, headers={"Host": url.split("/")[2]})
        with urllib.request.urlopen(request) as answer:  # the local server
            body = answer.read()
        kind = {"Content-Type": "text/html; charset=UTF-8"}
        entries += [WarcEntry(url, 200, kind, body), WarcEntry(url + "?page=all", 200, kind, body)]
    write_warc(path, entries)


def run(
    workers: int, args: list[str], expected: list[str], source: dict[str, str], redis_url: str | None, work: Path
) -> tuple[float, float]:
    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "PYTHONPATH": f"{work}:{ROOT}"}
    procs = []
    started = time.perf_counter()
    for n in range(workers):
        settings = {
            **SETTINGS,
            **source,
            "NEWSCRAWL_DATA_DIR": str(work / "data"),
            "NEWSCRAWL_STATS_FILE": str(work / f"stats-{n}.json"),
        }
        if redis_url:
            settings |= {"NEWSCRAWL_REDIS_URL": redis_url, "NEWSCRAWL_REDIS_PREFIX": prefix}
        cmd = [sys.executable, "-m", "scrapy", "crawl", "prmn", *args]
        for key, value in settings.items():
            cmd += ["-s", f"{key}={value}"]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    codes = [proc.wait() for proc in procs]
    wall = time.perf_counter() - started
    if codes != [0] * workers:
        raise SystemExit(f"a worker failed: exit codes {codes}")
    crawl = max(
        float(json.loads((work / f"stats-{n}.json").read_text())["stats"]["elapsed_time_seconds"])
        for n in range(workers)
    )
    written = [json.loads(line)["url"] for f in (work / "data").rglob("*.jsonl") for line in f.open()]
    if sorted(written) != sorted(expected):
        raise SystemExit(f"{len(written)} records for {len(expected)} articles ({len(set(written))} distinct)")
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()
    return wall, crawl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--redis", required=True, help="redis://[:password@]host:port/db")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--source", choices=("http", "warc", "sitemap"), default="http")
    args = parser.parse_args()

    port = multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=serve, args=(port,), daemon=True)
    server.start()
    while not port.value:
        time.sleep(0.05)
    print(f"- platform: {platform.platform()}, os.cpu_count() = {os.cpu_count()}, Python {platform.python_version()}")
    print(f"- {args.articles} articles, source {args.source}, {args.runs} runs per configuration (medians)\n")
    print("| configuration | wall s | crawl s | articles/s (wall) | articles/s (crawl) | wall s of each run |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "bench_resolver.py").write_text(RESOLVER)
        urls = [article_url(port.value, n) for n in range(args.articles)]
        source = {"DNS_RESOLVER": "bench_resolver.LoopbackResolver"}
        if args.source == "warc":
            urls = [url.replace(f":{port.value}/", "/", 1) for url in urls]
            warc_of(urls, port.value, base / "pages.warc.gz")
            source = {"NEWSCRAWL_REPLAY_WARC": str(base / "pages.warc.gz")}
        urls_file = base / "urls.txt"
        urls_file.write_text("\n".join(urls) + "\n")
        spider_args = ["-a", f"urls_file={urls_file}"]
        if args.source == "sitemap":
            from tests.test_incremental import HOST, build_portal

            urls = build_portal(base / "portal.warc.gz", args.articles)
            source = {"NEWSCRAWL_REPLAY_WARC": str(base / "portal.warc.gz")}
            spider_args = ["-a", f"sites={HOST}"]
        if args.source != "http":
            server.terminate()
        configurations = (
            ("single machine (SQLite seen-store)", 1, None),
            ("distributed, 1 worker", 1, args.redis),
            ("distributed, 2 workers", 2, args.redis),
        )
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in configurations}
        for _ in range(args.runs):  # round robin, so that a busy moment of the machine hits every configuration
            for label, workers, url in configurations:
                work = base / uuid.uuid4().hex[:8]
                work.mkdir()
                (work / "bench_resolver.py").write_text(RESOLVER)
                times[label].append(run(workers, spider_args, urls, source, url, work))
        n = args.articles
        for label, results in times.items():
            wall = statistics.median(w for w, _ in results)
            crawl = statistics.median(c for _, c in results)
            each = ", ".join(f"{w:.1f}" for w, _ in results)
            print(f"| {label} | {wall:.1f} | {crawl:.1f} | {n / wall:.0f} | {n / crawl:.0f} | {each} |")
    if server.is_alive():
        server.terminate()


if __name__ == "__main__":
    main()
