"""Run real ``scrapy crawl`` processes from tests and read back their records and stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

# ``scrapy`` entry point with Scrapy deprecations as errors, like pytest -W error
# (python's own -W option cannot name a non-builtin warning class).
RUNNER = """
import sys, warnings
from scrapy.exceptions import ScrapyDeprecationWarning
warnings.simplefilter("error", ScrapyDeprecationWarning)
from scrapy.cmdline import execute
sys.argv[0] = "scrapy"
execute()
"""

FAST = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "TELNETCONSOLE_ENABLED": "False",
    "REMOTE_CONTROL_ENABLED": "False",
    "LOG_LEVEL": "INFO",
}


@dataclass
class Crawl:
    returncode: int
    records: list[dict[str, Any]]
    stats: dict[str, Any]
    summary: dict[str, Any]
    log: str
    output_files: list[Path]


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def crawl(
    spider: str,
    tmp: Path,
    *,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    extra: tuple[str, ...] = (),
    check: bool = True,
) -> Crawl:
    """``scrapy crawl <spider>`` in the project, output under ``tmp/data``, stats in ``tmp/stats.json``."""
    data_dir = tmp / "data"
    stats_file = tmp / "stats.json"
    cmd = [sys.executable, "-c", RUNNER, "crawl", spider, *extra]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    merged = {**FAST, "NEWSCRAWL_DATA_DIR": str(data_dir), "NEWSCRAWL_STATS_FILE": str(stats_file), **(settings or {})}
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    if check:
        assert proc.returncode == 0, proc.stderr[-5000:]
        assert "Traceback" not in proc.stderr, proc.stderr[-5000:]
        assert "DeprecationWarning" not in proc.stderr, proc.stderr[-5000:]
    files = sorted(data_dir.rglob("*.jsonl")) if data_dir.exists() else []
    records = [record for file in files for record in read_jsonl(file)]
    report = json.loads(stats_file.read_text()) if stats_file.exists() else {"stats": {}, "summary": {}}
    return Crawl(proc.returncode, records, report["stats"], report["summary"], proc.stderr, files)


def build_all_fixtures_warc(folder: Path) -> Path:
    """One replay WARC of every network's fixture portal (tests/fixtures/sites/*/manifest.tsv)."""
    from newscrawl.warc import build_warc_from_manifest

    sites = ROOT / "tests" / "fixtures" / "sites"
    lines = ["url\tstatus\tcontent_type\tfile\tlocation"]
    for manifest in sorted(sites.glob("*/manifest.tsv")):
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith(("#", "url\t")):
                continue
            parts = line.split("\t")
            if len(parts) > 3 and parts[3]:
                parts[3] = str(manifest.parent / parts[3])
            lines.append("\t".join(parts))
    (folder / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    build_warc_from_manifest(folder / "manifest.tsv", folder / "all.warc.gz")
    return folder / "all.warc.gz"
