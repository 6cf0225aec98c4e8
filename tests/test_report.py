"""``python -m newscrawl report``: the HTML page built from fixture records, its tables and charts, in a browser."""

from __future__ import annotations

import base64
import gzip
import json
import os
import shutil
import statistics
import subprocess
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import lxml.html
import pytest

from newscrawl.report import Row, build_report, coverage_table, load, load_stats, run, time_bins
from tests.test_validate import BAD, GOOD, STATS, newscrawl

WIB = timezone(timedelta(hours=7))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert run([str(GOOD), str(BAD)], str(out), [str(STATS)]) == 0
    return out


def page(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def cells(row: lxml.html.HtmlElement) -> list[str]:
    return [cell.text_content().strip() for cell in row.xpath("./td")]


def svg_of(img: lxml.html.HtmlElement) -> str:
    prefix = "data:image/svg+xml;base64,"
    src = img.get("src")
    assert src.startswith(prefix)
    return base64.b64decode(src[len(prefix) :]).decode("utf-8")


def test_per_site_table_counts_and_marks_weak_cells(report: Path) -> None:
    doc = page(report)
    [table] = doc.xpath('//table[@id="coverage"]')
    header = [th.text_content() for th in table.xpath(".//th")]
    assert header[:9] == ["site", "network", "records", "editor", "source", "authors", "tags", "image", "dated"]
    rows = {cells(tr)[0]: tr for tr in table.xpath(".//tbody/tr")}
    assert list(rows) == [
        "all sites",
        "zonajakarta.pikiran-rakyat.com",  # 4 good + 9 records in bad.jsonl
        "portaljember.pikiran-rakyat.com",
        "solo.tribunnews.com",
        "makassar.tribunnews.com",
        "beritadaerah.example.id",
    ]
    assert cells(rows["all sites"])[2] == "23"
    jember = rows["portaljember.pikiran-rakyat.com"]
    assert cells(jember)[1:9] == ["prmn", "3", "33%", "0%", "100%", "33%", "33%", "100%"]
    weak = [header[i] for i, td in enumerate(jember.xpath("./td")) if "weak" in td.get("class", "").split()]
    assert weak == ["editor", "tags", "image"]  # source: no floor, and the other prmn portal has 8%
    solo = rows["solo.tribunnews.com"]
    assert not [td for td in solo.xpath("./td") if "weak" in td.get("class", "")]
    assert "1 of 4" in solo.xpath("./td")[4].get("title")  # source: hover gives the counts
    generic = rows["beritadaerah.example.id"]
    assert cells(generic)[1:3] == ["generic", "1"] and cells(generic)[8] == "0%"


def test_charts_are_embedded_svg(report: Path) -> None:
    doc = page(report)
    images = {fig.get("id"): fig.xpath(".//img")[0] for fig in doc.xpath('//figure[@class="chart"]')}
    assert set(images) == {"chart-per-day", "chart-site-days", "chart-per-site", "chart-body-lengths", "chart-crawl"}
    for img in images.values():
        svg = svg_of(img)
        assert "<svg" in svg and "</svg>" in svg
        assert img.get("alt")
    per_day = svg_of(images["chart-per-day"])
    assert "Records per day" in per_day and "24 Nov" in per_day and "prmn" in per_day and "tribun" in per_day
    assert "makassar.tribunnews.com" in svg_of(images["chart-site-days"])
    assert "not_article" in svg_of(images["chart-crawl"]) and "prmn/editor" in svg_of(images["chart-crawl"])


def test_page_is_self_contained(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    doc = lxml.html.fromstring(text)
    assert not doc.xpath("//script | //link | //iframe | //object")
    assert all(img.get("src").startswith("data:") for img in doc.xpath("//img"))
    assert "url(" not in text.split("</style>")[0]  # no fonts or images fetched from CSS


def test_overview_dates_duplicates_and_crawl_stats(report: Path) -> None:
    doc = page(report)
    cards = {c.xpath("./span")[0].text: c.xpath("./b")[0].text for c in doc.xpath('//div[@class="cards"]/div')}
    assert cards["records"] == "23" and cards["sites"] == "5" and cards["networks"] == "3"
    assert cards["published (local dates)"] == "2026-11-23 to 2026-11-25"
    assert cards["undated"] == "3"  # the generic record, and bad.jsonl lines 2 and 3 (no usable published_at)
    assert cards["duplicate lines"] == "1"
    assert cards["lines that are not records"] == "3"  # blank, not_object, torn
    offsets = {cells(tr)[0]: cells(tr)[1:] for tr in doc.xpath('//table[@id="offsets"]/tbody/tr')}
    assert offsets == {"+07:00": ["WIB", "18"], "+08:00": ["WITA", "2"]}
    [dup] = doc.xpath('//table[@id="duplicate-urls"]/tbody/tr')
    assert cells(dup)[0] == "https://zonajakarta.pikiran-rakyat.com/nasional/pr-101/jalur-sepeda-baru"
    assert f"{GOOD}:1" in cells(dup)[1] and f"{BAD}:10" in cells(dup)[1]
    [same] = doc.xpath('//table[@id="duplicate-headlines"]/tbody/tr')  # bad.jsonl's test records share one
    assert cells(same)[:2] == ["zonajakarta.pikiran-rakyat.com", "Berita Uji"]
    assert cells(same)[2].endswith("and 2 more")  # 7 URLs (line 9 claims another site), 5 listed
    quantiles = doc.xpath('//table[@id="body-quantiles"]//td')
    values = [int(q.text.replace(",", "")) for q in quantiles]
    lengths = sorted(len(r.body) for r in _records(GOOD, BAD))
    assert values == sorted(values) and len(values) == 7
    assert (values[0], values[3], values[-1]) == (lengths[0], statistics.median(lengths), lengths[-1])
    drops = {cells(tr)[0]: cells(tr)[1] for tr in doc.xpath('//table[@id="drops"]/tbody/tr')}
    assert drops == {"not_article": "5", "body_too_short": "2", "duplicate": "1", "page_missing": "1"}
    fallbacks = {cells(tr)[0]: cells(tr)[1] for tr in doc.xpath('//table[@id="fallbacks"]/tbody/tr')}
    assert fallbacks == {"prmn/editor": "3", "tribun/published_at": "1"}
    [crawl] = doc.xpath('//table[@id="crawl-summary"]/tbody/tr')
    assert cells(crawl)[1:4] == ["finished", "42", "12"]


def _records(*paths: Path) -> list[SimpleNamespace]:
    found = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                value = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(value, dict):
                found.append(SimpleNamespace(**value))
    return found


def row(site: str, network: str, present: set[str], day: int = 1) -> Row:
    published = datetime(2026, 11, day, 10, tzinfo=WIB)
    return Row("f", 1, f"https://{site}/{day}", site, network, "h", published, None, 1000, frozenset(present))


def test_weak_cells_by_floor_and_against_the_network() -> None:
    full = {"editor", "authors", "tags", "image", "dated"}
    rows = [row("a.net", "n", full | {"source"}) for _ in range(6)]
    rows += [row("b.net", "n", full)] * 4  # source 0% while the network's other portals credit 100%
    rows += [row("c.net", "m", full)] * 4 + [row("d.net", "m", full - {"editor"})] * 4  # editor 0%: the floor
    rows += [row("e.net", "k", full | {"source"})] * 3 + [row("f.net", "k", full)] * 3  # too few others to compare
    weak = {c.site: c.weak for c in coverage_table(rows)}
    assert weak["a.net"] == {} and weak["c.net"] == {} and weak["e.net"] == {} and weak["f.net"] == {}
    assert list(weak["b.net"]) == ["source"] and "other n portals reach" in weak["b.net"]["source"]
    assert weak["d.net"] == {"editor": "below 50%"}


def test_time_bins_widen_with_the_span() -> None:
    start = date(2026, 1, 1)
    assert time_bins([start, start + timedelta(2)]) == ("day", [start, start + timedelta(1), start + timedelta(2)])
    unit, weeks = time_bins([start, start + timedelta(300)])
    assert unit == "week" and weeks[0] == date(2025, 12, 29) and all(w.weekday() == 0 for w in weeks)
    unit, months = time_bins([date(2020, 11, 5), date(2026, 2, 1)])
    assert unit == "month" and months[0] == date(2020, 11, 1) and months[-1] == date(2026, 2, 1) and len(months) == 64


def test_gzip_input_and_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "good.jsonl.gz").write_bytes(gzip.compress(GOOD.read_bytes()))
    data = load([tmp_path / "good.jsonl.gz"])
    assert len(data.rows) == 13 and Counter(r.network for r in data.rows)["tribun"] == 5
    (tmp_path / "empty.jsonl").write_text("")
    html = build_report(load([tmp_path / "empty.jsonl"]))
    doc = lxml.html.fromstring(html)
    assert "No records." in doc.text_content() and not doc.xpath("//img")


def test_bad_inputs_are_refused_before_writing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r.html"
    assert run([str(tmp_path / "missing.jsonl")], str(out)) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "stats.json").write_text('{"not": "stats"}')
    assert run([str(GOOD)], str(out), [str(tmp_path / "stats.json")]) == 2
    assert "not a newscrawl stats file" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ValueError, match="cannot read"):
        load_stats(tmp_path / "nothing.json")


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "report.html"
    done = newscrawl("report", GOOD, BAD, "-o", out, "--stats", STATS, "--title", "Laporan uji")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}: 23 records, 5 sites")
    assert page(out).xpath("//h1")[0].text == "Laporan uji"
    missing = newscrawl("report", tmp_path / "none.jsonl", "-o", out)
    assert missing.returncode == 2 and "no such file" in missing.stderr


# -- in a real browser ----------------------------------------------------------------------------

# Injected into a copy of the page: after load, records whether every image decoded, and logs any that did not.
PROBE = """<script>
window.addEventListener('load', function () {
  var broken = [];
  for (var i = 0; i < document.images.length; i++) {
    var img = document.images[i];
    if (!(img.complete && img.naturalWidth > 0)) broken.push(img.alt || img.src.slice(0, 40));
  }
  document.documentElement.setAttribute('data-images', String(document.images.length));
  document.documentElement.setAttribute('data-broken-images', broken.join('|'));
  document.documentElement.setAttribute('data-probe', 'loaded');
  if (broken.length) console.error('broken images: ' + broken.join('|'));
});
</script>"""


def chromium() -> str:
    """Debian's chromium; skipped without it, except under CI=true, where .ci/run installs it."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    message = "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + " (CI=true: the browser test must run)")
    pytest.skip(message)


def open_in_chromium(path: Path, tmp: Path) -> tuple[lxml.html.HtmlElement, list[str]]:
    """The DOM after load, and every console message (uncaught errors included) headless Chromium logged."""
    probed = tmp / f"probed-{path.name}"
    probed.write_text(path.read_text(encoding="utf-8").replace("</head>", PROBE + "</head>", 1), encoding="utf-8")
    command = [
        chromium(),
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        f"--user-data-dir={tmp / 'chromium-profile'}",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing leaves the machine
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        probed.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return lxml.html.fromstring(done.stdout), console


def test_the_browser_check_sees_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        '<img alt="bad" src="data:image/png;base64,AAAA"><script>notDefined();</script></body></html>'
    )
    dom, console = open_in_chromium(broken, tmp_path)
    assert dom.get("data-probe") == "loaded" and dom.get("data-broken-images") == "bad"
    assert any("notDefined is not defined" in line for line in console)
    assert any("broken images: bad" in line for line in console)


def test_report_opens_in_headless_chromium_without_errors(report: Path, tmp_path: Path) -> None:
    dom, console = open_in_chromium(report, tmp_path)
    assert console == []
    assert dom.get("data-probe") == "loaded"
    assert dom.get("data-broken-images") == ""
    assert int(dom.get("data-images")) == 5
    assert len(dom.xpath('//table[@id="coverage"]/tbody/tr')) == 6
    assert dom.xpath('//figure[@id="chart-per-day"]/img')
