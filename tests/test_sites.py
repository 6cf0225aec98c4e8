"""``python -m newscrawl sites`` and ``scrapy list`` tell the truth: a spider per network, and a module says
"real page" only when a real page in ../shared checks it (and every such real page is claimed)."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from newscrawl.__main__ import main as cli_main
from newscrawl.sites import NETWORKS, PROFILES, network_for
from tests.conftest import ROOT, require_real_pages


def real_pages_table() -> list[dict[str, str]]:
    with (require_real_pages() / "pages.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_scrapy_list_has_a_spider_per_network() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    spiders = set(proc.stdout.split())
    for network in (*NETWORKS, *PROFILES):
        assert network.name in spiders, network.name
    assert "generic" in spiders


def test_sites_table_names_every_network_with_its_checks(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["sites"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:5] == ["network", "spider", "portals", "discovery", "full"]
    rows = {line.split()[0]: line for line in lines[1:]}
    for network in (*NETWORKS, *PROFILES):
        row = rows[str(network.name)]
        assert row.rstrip().endswith(network.checked)
        assert network.full_text_label() in row
        assert network.discovery, f"{network.name} names no discovery method"
        assert network.portals, f"{network.name} lists no portal"


def test_detail_lists_real_pages_and_unverified_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["sites", "--detail"]) == 0
    out = capsys.readouterr().out
    for network in (*NETWORKS, *PROFILES):
        for page in network.real_pages:
            assert f"real article page: {page}" in out
        for rule in network.unverified:
            assert f"reference only: {rule}" in out


def test_module_docstrings_say_how_they_were_checked() -> None:
    for network in (*NETWORKS, *PROFILES):
        doc = (sys.modules[type(network).__module__].__doc__ or "").lower()
        wanted = "reference only" if network.checked == "reference only" else "real"
        assert wanted in doc, f"{network.name}: docstring does not say it is {wanted!r}"


def test_claimed_real_pages_exist_and_belong_to_the_module() -> None:
    table = {row["file"]: row for row in real_pages_table()}
    for network in (*NETWORKS, *PROFILES):
        for page in (*network.real_pages, *network.real_listings):
            assert page in table, f"{network.name} claims {page}, which is not in pages.tsv"
            assert network.owns(table[page]["url"]), f"{network.name} does not own {table[page]['url']}"
        for page in network.real_pages:
            assert table[page]["kind"].startswith("article"), f"{page} is not an article page"


def test_every_real_page_is_claimed_by_the_module_that_owns_it() -> None:
    for row in real_pages_table():
        network = network_for(row["url"])
        if network.name is None:
            # the generic layer: a WordPress portal's pages are claimed by the wordpress profile, others by generic
            network = next((p for p in PROFILES if p.owns(row["url"])), network)
        claimed = network.real_pages if row["kind"].startswith("article") else network.real_listings
        assert row["file"] in claimed, f"{row['file']} is a real page of {network.name} but the module does not say so"


def test_readme_shows_the_current_sites_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["sites"]) == 0
    table = capsys.readouterr().out
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```\n{table}```" in readme, "README's sites table is stale: paste `python -m newscrawl sites` into it"
