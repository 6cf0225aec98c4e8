"""The scheduling files in deploy/ (shown verbatim in docs/operations.md) are valid and their commands run:
systemd units pass ``systemd-analyze verify``, the service's and the cron line's commands crawl offline, and
the Scrapyd egg built by ``scrapyd-deploy`` runs a spider from an empty directory."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.crawling import ROOT, build_all_fixtures_warc

DEPLOY = ROOT / "deploy"
DOC = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
INSTALL_DIR, DATA_DIR = "/opt/newscrawl", "/var/lib/newscrawl"
# Offline additions to the documented commands: replay instead of the internet, two networks, the fixture days.
OFFLINE = (
    "--only detik,sindonews -a since=2026-11-20 -a until=2026-11-20 -s DOWNLOAD_DELAY=0 -s AUTOTHROTTLE_ENABLED=False"
)


@pytest.fixture(scope="module")
def all_warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_all_fixtures_warc(tmp_path_factory.mktemp("all"))


def here(text: str, data: Path) -> str:
    """A deploy file's text with the install and data paths moved to this checkout and a test folder."""
    return text.replace(INSTALL_DIR, str(ROOT)).replace(DATA_DIR, str(data))


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}


def records(data: Path) -> list[dict[str, object]]:
    return [json.loads(line) for f in sorted(data.glob("*/*/*.jsonl")) for line in f.read_text().splitlines()]


def test_the_docs_show_the_tested_files() -> None:
    for name in ("newscrawl.service", "newscrawl.timer", "crontab"):
        assert (DEPLOY / name).read_text(encoding="utf-8") in DOC, f"docs/operations.md does not show deploy/{name}"


def test_systemd_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    for name in ("newscrawl.service", "newscrawl.timer"):
        text = here((DEPLOY / name).read_text(encoding="utf-8"), tmp_path / "data")
        # the verifying machine has no newscrawl user: run as the current one
        text = re.sub(r"^(User|Group)=newscrawl$", r"\1=root", text, flags=re.M)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", "newscrawl.service", "newscrawl.timer"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "hourly" in (DEPLOY / "newscrawl.timer").read_text()


def test_the_service_command_crawls_and_a_second_run_adds_nothing(tmp_path: Path, all_warc: Path) -> None:
    unit = (DEPLOY / "newscrawl.service").read_text(encoding="utf-8")
    workdir = here(re.search(r"^WorkingDirectory=(.+)$", unit, re.M).group(1), tmp_path)  # type: ignore[union-attr]
    exec_start = here(re.search(r"^ExecStart=(.+)$", unit, re.M).group(1), tmp_path / "data")  # type: ignore[union-attr]
    argv = [*shlex.split(exec_start), *shlex.split(OFFLINE), "-s", f"NEWSCRAWL_REPLAY_WARC={all_warc}"]
    assert argv[0] == str(ROOT / ".venv" / "bin" / "python") or Path(argv[0]).name.startswith("python")
    argv[0] = sys.executable  # the venv this suite runs in
    first = subprocess.run(argv, cwd=workdir, env=env(), capture_output=True, text=True, timeout=300, check=False)
    assert first.returncode == 0, first.stderr[-3000:]
    assert re.search(r"^detik\s+ok\s+2\s", first.stdout, re.M), first.stdout
    assert re.search(r"^sindonews\s+ok\s+2\s", first.stdout, re.M), first.stdout
    assert len(records(tmp_path / "data")) == 4
    second = subprocess.run(argv, cwd=workdir, env=env(), capture_output=True, text=True, timeout=300, check=False)
    assert second.returncode == 0
    assert re.search(r"^detik\s+ok\s+0\s+2\s", second.stdout, re.M), second.stdout
    assert len(records(tmp_path / "data")) == 4


def test_the_cron_line_runs(tmp_path: Path, all_warc: Path) -> None:
    lines = [line for line in (DEPLOY / "crontab").read_text().splitlines() if line and not line.startswith("#")]
    assert len(lines) == 1
    minute, hour, day, month, weekday, command = lines[0].split(None, 5)
    assert 0 <= int(minute) <= 59 and (hour, day, month, weekday) == ("*", "*", "*", "*")
    log = tmp_path / "log" / "crawl.log"
    log.parent.mkdir()
    command = here(command, tmp_path / "data").replace("/var/log/newscrawl/crawl.log", str(log))
    # cron runs the line with sh; the venv of this checkout may live elsewhere than .venv
    command = command.replace(".venv/bin/python", shlex.quote(sys.executable), 1)
    command += f" {OFFLINE} -s NEWSCRAWL_REPLAY_WARC={shlex.quote(str(all_warc))}"
    result = subprocess.run(["sh", "-c", command], env=env(), capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, log.read_text()[-3000:]
    assert "sindonews" in log.read_text()  # the summary went to the log, as the redirection says
    assert len(records(tmp_path / "data")) == 4


def test_the_scrapyd_egg_runs_a_spider_from_an_empty_directory(tmp_path: Path, all_warc: Path) -> None:
    deploy = Path(sys.executable).parent / "scrapyd-deploy"
    if not deploy.exists():
        pytest.fail("scrapyd-deploy is missing: make install (requirements.txt pins scrapyd-client)")
    project = tmp_path / "project"
    shutil.copytree(ROOT / "newscrawl", project / "newscrawl", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "scrapy.cfg"):
        shutil.copy(ROOT / name, project / name)
    egg = tmp_path / "newscrawl.egg"
    built = subprocess.run(
        [str(deploy), "--build-egg", str(egg)], cwd=project, env=env(), capture_output=True, text=True, check=False
    )
    assert built.returncode == 0, built.stderr[-3000:]
    run_env = {**env(), "PYTHONPATH": str(egg), "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    empty = tmp_path / "job"
    empty.mkdir()
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=empty, env=run_env, capture_output=True, text=True, check=False
    )
    assert {"prmn", "tribun", "detik", "wordpress", "generic"} <= set(listed.stdout.split()), listed.stderr[-2000:]
    crawled = subprocess.run(
        [
            sys.executable, "-m", "scrapy", "crawl", "sindonews", "-a", "since=2026-11-20", "-a", "until=2026-11-20",
            "-s", f"NEWSCRAWL_REPLAY_WARC={all_warc}", "-s", f"NEWSCRAWL_DATA_DIR={tmp_path / 'data'}",
            "-s", "DOWNLOAD_DELAY=0", "-s", "REMOTE_CONTROL_ENABLED=False", "-s", "TELNETCONSOLE_ENABLED=False",
        ],
        cwd=empty, env=run_env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    assert len(records(tmp_path / "data")) == 2
    where = subprocess.run(
        [sys.executable, "-c", "import newscrawl; print(newscrawl.__file__)"],
        cwd=empty, env=run_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(egg))  # the code came from the egg, as under Scrapyd
