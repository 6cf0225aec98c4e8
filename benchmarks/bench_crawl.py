"""Crawl throughput and memory: ``scrapy crawl prmn`` with every pipeline against a fetch-only Scrapy spider,
over the same article pages served from 127.0.0.1, with the same concurrency.

A separate process serves N generated PRMN article pages (the demo sample page, renumbered) under 16 portal
host names; a DNS resolver in the crawl maps every ``*.pikiran-rakyat.com`` host to 127.0.0.1, so the network
spider sees its real host names. Both crawls read the same URL list (``-a urls_file=`` for prmn, the same file
for the fetch-only spider), with CONCURRENT_REQUESTS=16 and one request at a time per portal, no delay, no
AutoThrottle. Reports pages/s, the ratio, peak RSS and RSS sampled during the crawl (growth per 1,000 pages).

    .venv/bin/python benchmarks/bench_crawl.py --articles 3000 --rounds 3
    .venv/bin/python benchmarks/bench_crawl.py --articles 10000 --only prmn --rounds 1 --samples  # the memory run
    .venv/bin/python benchmarks/bench_crawl.py --articles 3000 --only prmn --profile /tmp/prmn.prof
    PATH=$PATH:/path/to/py-spy/bin .venv/bin/python benchmarks/bench_crawl.py --only prmn --profile /tmp/prmn.txt
"""

from __future__ import annotations

import argparse
import http.server
import json
import multiprocessing
import os
import platform
import re
import resource
import socketserver
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "newscrawl" / "sample" / "pages"
TEMPLATE_ID = "pr-404417702"
TEMPLATE_SLUG = "jalur-sepeda-baru-hubungkan-lapang-merdeka-dan-alun-alun-kota-sukabumi"
TEMPLATE_HEADLINE = "Jalur Sepeda Baru Hubungkan Lapang Merdeka dan Alun-alun Kota Sukabumi"
HOSTS = [f"bench{n:02d}.pikiran-rakyat.com" for n in range(16)]
PAGE_RE = re.compile(r"/sukabumi-raya/pr-(\d+)/")

FETCH_ONLY = """
import scrapy
class FetchOnly(scrapy.Spider):
    name = "fetch_only"
    def __init__(self, urls_file, **kw):
        super().__init__(**kw)
        self.urls = open(urls_file).read().split()
    async def start(self):
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)
    def parse(self, response):
        pass
"""

RESOLVER = '''
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

class LoopbackResolver(CachingThreadedResolver):
    """Every host is 127.0.0.1: the benchmark's portals live on this machine."""
    def getHostByName(self, name, timeout=None):
        return defer.succeed("127.0.0.1")
'''


def article_url(port: int, n: int) -> str:
    host = HOSTS[n % len(HOSTS)]
    return f"http://{host}:{port}/sukabumi-raya/pr-{500000000 + n}/{TEMPLATE_SLUG}-{n}"


def serve(port_value: multiprocessing.Value) -> None:  # type: ignore[type-arg]
    template = (SAMPLE / f"{TEMPLATE_ID}.html").read_text(encoding="utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path.startswith("/robots.txt"):
                body = b"User-agent: *\nAllow: /\n"
                kind = "text/plain"
            else:
                match = PAGE_RE.search(self.path)
                if not match:
                    self.send_error(404)
                    return
                n = int(match.group(1)) - 500000000
                body = (
                    template.replace(f"{TEMPLATE_ID}/{TEMPLATE_SLUG}", f"pr-{500000000 + n}/{TEMPLATE_SLUG}-{n}")
                    .replace(TEMPLATE_ID, f"pr-{500000000 + n}")
                    .replace("https://mantrasukabumi.pikiran-rakyat.com", f"http://{self.headers['Host']}")
                    .replace(TEMPLATE_HEADLINE, f"{TEMPLATE_HEADLINE} Tahap {n}")
                ).encode()
                kind = "text/html; charset=UTF-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True
        request_queue_size = 256

    with Server(("127.0.0.1", 0), Handler) as server:
        port_value.value = server.server_address[1]
        server.serve_forever()


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process (from /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_crawl(
    kind: str, urls_file: Path, work: Path, resolver_dir: Path, profile: Path | None = None
) -> dict[str, float]:
    settings = {
        "CONCURRENT_REQUESTS": "16",
        "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
        "DOWNLOAD_DELAY": "0",
        "AUTOTHROTTLE_ENABLED": "False",
        "TELNETCONSOLE_ENABLED": "False",
        "REMOTE_CONTROL_ENABLED": "False",
        "LOG_LEVEL": "WARNING",
        "DNS_RESOLVER": "bench_resolver.LoopbackResolver",
        "NEWSCRAWL_DATA_DIR": str(work / "data"),
        "NEWSCRAWL_PROGRESS_INTERVAL": "0",
        "HTTPCACHE_ENABLED": "False",
        "NEWSCRAWL_STATS_FILE": str(work / "stats.json"),
        "STATS_DUMP": "True",
    }
    if kind == "prmn":
        cmd = [sys.executable, "-m", "scrapy", "crawl", "prmn", "-a", f"urls_file={urls_file}"]
        if profile and profile.suffix == ".prof":
            cmd[1:1] = ["-m", "cProfile", "-o", str(profile)]
        elif profile:  # sampled stacks (collapsed, one line per stack with its count): py-spy must be on PATH
            cmd[:0] = ["py-spy", "record", "--rate", "250", "--format", "raw", "--output", str(profile), "--"]
    else:
        spider = work / "fetch_only.py"
        spider.write_text(FETCH_ONLY)
        cmd = [sys.executable, "-m", "scrapy", "runspider", str(spider), "-a", f"urls_file={urls_file}"]
    for key, value in settings.items():
        cmd += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": f"{resolver_dir}:{ROOT}"}
    # The fetch-only spider runs outside the project (no scrapy.cfg): Scrapy's own defaults, none of newscrawl's
    # middlewares, pipelines or extensions, only the settings above. That is the framework's ceiling.
    cwd = ROOT if kind == "prmn" else work
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, int]] = []
    while proc.poll() is None:
        samples.append((time.perf_counter() - started, rss_kb(proc.pid)))
        time.sleep(0.25)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the crawl process, reaped by poll()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{kind} crawl failed:\n{stderr[-3000:]}")
    records = sum(1 for f in (work / "data").rglob("*.jsonl") for _ in f.open()) if kind == "prmn" else 0
    peak = max((kb for _, kb in samples), default=0)
    crawl_s = elapsed
    stats_file = work / "stats.json"
    if stats_file.exists():  # the spider's own clock: from engine start to close, without process start-up
        crawl_s = float(json.loads(stats_file.read_text())["stats"].get("elapsed_time_seconds", elapsed))
    return {
        "elapsed": elapsed,
        "cpu": cpu,
        "crawl_s": crawl_s,
        "records": records,
        "peak_mb": peak / 1024,
        "samples": samples,  # type: ignore[dict-item]
    }


def growth_per_1000(samples: list[tuple[float, int]], pages: int, elapsed: float) -> float:
    """MB of RSS growth per 1,000 pages over the middle 80 % of the crawl (a least-squares slope)."""
    inner = [(t, kb) for t, kb in samples if 0.1 * elapsed <= t <= 0.9 * elapsed and kb]
    if len(inner) < 3:
        return float("nan")
    rate = pages / elapsed
    xs = [t * rate for t, _ in inner]
    ys = [kb / 1024 for _, kb in inner]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)
    return slope * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--only", choices=("prmn", "fetch_only"))
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds of each crawl (medians reported)")
    parser.add_argument("--samples", action="store_true", help="print the RSS samples of each prmn crawl")
    parser.add_argument(
        "--profile",
        type=Path,
        help="profile the prmn crawl: FILE.prof is cProfile's (slows the crawl down), any other name gets py-spy's "
        "sampled stacks (py-spy on PATH; a few percent slower)",
    )
    args = parser.parse_args()

    port = multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=serve, args=(port,), daemon=True)
    server.start()
    while not port.value:
        time.sleep(0.05)
    print("## Machine\n")
    print(f"- platform: {platform.platform()}, os.cpu_count() = {os.cpu_count()}")
    print(f"- python: {platform.python_implementation()} {platform.python_version()}")
    print(f"- articles: {args.articles} pages of {len((SAMPLE / f'{TEMPLATE_ID}.html').read_bytes()) // 1024} KiB, "
          f"{len(HOSTS)} portal hosts on 127.0.0.1, CONCURRENT_REQUESTS=16, 1 per portal\n")  # fmt: skip
    kinds = [k for k in ("fetch_only", "prmn") if not args.only or k == args.only]
    runs: list[tuple[int, str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "bench_resolver.py").write_text(RESOLVER)
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(article_url(port.value, n) for n in range(args.articles)) + "\n")
        for round_no in range(1, args.rounds + 1):  # interleaved: a busy moment of the machine hits both kinds
            for kind in kinds:
                crawl_dir = work / f"{kind}-{round_no}"
                crawl_dir.mkdir()
                server_cpu = cpu_seconds(server.pid or 0)
                result = run_crawl(kind, urls_file, crawl_dir, work, args.profile and args.profile.resolve())
                result["server_cpu"] = cpu_seconds(server.pid or 0) - server_cpu
                runs.append((round_no, kind, result))
    server.terminate()

    pages = args.articles
    print(
        "| round | crawl | pages | crawl s | pages/s | process s | process CPU s | CPU ms / page | server CPU s "
        "| peak RSS MB | RSS growth MB / 1,000 pages | records |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for round_no, kind, r in runs:
        growth = growth_per_1000(r["samples"], pages, r["elapsed"])  # type: ignore[arg-type]
        print(
            f"| {round_no} | {kind} | {pages} | {r['crawl_s']:.1f} | {pages / r['crawl_s']:.0f} | {r['elapsed']:.1f} | "
            f"{r['cpu']:.1f} | {1000 * r['cpu'] / pages:.2f} | {r['server_cpu']:.1f} | "
            f"{r['peak_mb']:.0f} | {growth:+.1f} | {int(r['records']) if kind == 'prmn' else '-'} |"
        )
    if len(kinds) == 2:
        by_round = {n: {k: r for m, k, r in runs if m == n} for n in range(1, args.rounds + 1)}
        ratios = [b["fetch_only"]["crawl_s"] / b["prmn"]["crawl_s"] for b in by_round.values()]
        rates = {k: statistics.median(pages / r["crawl_s"] for _, kk, r in runs if kk == k) for k in kinds}
        print(
            f"\nmedian pages/s: fetch_only {rates['fetch_only']:.0f}, prmn {rates['prmn']:.0f}. prmn reaches "
            f"{statistics.median(ratios):.2f} of the fetch-only ceiling (median of {len(ratios)} rounds: "
            f"{', '.join(f'{x:.2f}' for x in ratios)}; target: 0.7)."
        )
    if args.samples:
        for round_no, kind, r in runs:
            if kind == "prmn":
                marks = [(t, kb) for t, kb in r["samples"] if kb]  # type: ignore[union-attr]
                step = max(1, len(marks) // 10)
                shown = ", ".join(f"{t:.0f} s {kb / 1024:.0f} MB" for t, kb in marks[::step])
                print(f"\nRSS of prmn round {round_no} over the crawl: {shown}")


if __name__ == "__main__":
    main()
