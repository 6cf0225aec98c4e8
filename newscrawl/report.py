"""``python -m newscrawl report FILE... -o report.html``: one self-contained HTML page about record files.

What it shows: records per day (by network) and per site and day (a heat map), records and field coverage
per site (editor, source, authors, tags, image, date; weak cells marked), the distribution of body lengths
and the shortest bodies, the date range and the UTC offsets seen, duplicates (one URL on several lines, one
headline under several URLs of a site) and, given a crawl's stats file (``-s NEWSCRAWL_STATS_FILE=...``),
its drops by reason and field fallbacks by network. Charts are drawn with matplotlib and embedded as SVG
data: the page needs no network, no script and no other file. Lines that are not records are counted, not
judged: ``python -m newscrawl validate`` says what is wrong with them.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import json
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newscrawl.urls import host_of
from newscrawl.validate import UnreadableFile, iter_lines, parse_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Coverage columns: (column, what counts as present). ``dated``: published_at parsed.
COVERAGE_FIELDS = ("editor", "source", "authors", "tags", "image", "dated")
#: A site's coverage below this is weak on its own (source: no floor, most articles credit none).
COVERAGE_FLOORS: dict[str, float | None] = {
    "editor": 0.5,
    "source": None,
    "authors": 0.5,
    "tags": 0.5,
    "image": 0.9,
    "dated": 0.9,
}
#: ... and so is coverage under half of what the network's other portals reach (with enough records there).
MIN_OTHERS = 5
GENERIC = "generic"
TOP_SITES = 30
MAX_LISTED = 20


@dataclass(slots=True)
class Row:
    """What the report needs of one record."""

    path: str
    line: int
    url: str
    site: str
    network: str
    headline: str
    published: datetime | None
    crawled: datetime | None
    body_chars: int
    present: frozenset[str]


@dataclass
class Dataset:
    files: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    not_records: Counter[str] = field(default_factory=Counter)  # problem kind -> lines
    unreadable: list[str] = field(default_factory=list)  # "FILE: reason"
    bad_dates: int = 0  # published_at given but not a time with an offset


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.utcoffset() is not None else None


def _present(record: dict[str, Any], published: datetime | None) -> frozenset[str]:
    have = set()
    for name in ("editor", "source"):
        if isinstance(record.get(name), str) and record[name].strip():
            have.add(name)
    for name in ("authors", "tags"):
        if isinstance(record.get(name), list) and record[name]:
            have.add(name)
    if isinstance(record.get("image_url"), str) and record["image_url"]:
        have.add("image")
    if published is not None:
        have.add("dated")
    return frozenset(have)


def load(paths: Sequence[str | Path]) -> Dataset:
    """Read every record of ``paths`` (plain or gzip JSON Lines)."""
    data = Dataset()
    for path in map(Path, paths):
        data.files.append(str(path))
        try:
            for number, raw in iter_lines(path):
                record, problem = parse_line(raw)
                if record is None:
                    assert problem is not None
                    data.not_records[problem.kind] += 1
                    continue
                url = record.get("url") if isinstance(record.get("url"), str) else ""
                site = record.get("site") if isinstance(record.get("site"), str) else ""
                published = _time(record.get("published_at"))
                if record.get("published_at") is not None and published is None:
                    data.bad_dates += 1
                body = record.get("body")
                data.rows.append(
                    Row(
                        path=str(path),
                        line=number,
                        url=url or "",
                        site=site or host_of(url or "") or "(no site)",
                        network=str(record.get("network") or GENERIC),
                        headline=str(record.get("headline") or ""),
                        published=published,
                        crawled=_time(record.get("crawled_at")),
                        body_chars=len(body) if isinstance(body, str) else 0,
                        present=_present(record, published),
                    )
                )
        except UnreadableFile as exc:
            data.unreadable.append(f"{path}: {exc.detail}")
    return data


# -- statistics -----------------------------------------------------------------------------------


@dataclass
class Coverage:
    site: str
    network: str
    records: int
    have: dict[str, int]
    weak: dict[str, str]  # column -> why it is weak
    first: date | None
    last: date | None
    median_body: int


def coverage_table(rows: Sequence[Row]) -> list[Coverage]:
    """One row per site: counts of records with each field, and the weak cells."""
    by_site: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_site[row.site].append(row)
    net_records: Counter[str] = Counter()
    net_have: dict[str, Counter[str]] = defaultdict(Counter)
    sites: list[Coverage] = []
    for site, site_rows in by_site.items():
        network = Counter(r.network for r in site_rows).most_common(1)[0][0]
        have = Counter(name for r in site_rows for name in r.present)
        days = [r.published.date() for r in site_rows if r.published]
        sites.append(
            Coverage(
                site=site,
                network=network,
                records=len(site_rows),
                have={name: have[name] for name in COVERAGE_FIELDS},
                weak={},
                first=min(days) if days else None,
                last=max(days) if days else None,
                median_body=int(statistics.median(r.body_chars for r in site_rows)),
            )
        )
        net_records[network] += len(site_rows)
        net_have[network].update(have)
    for cov in sites:
        others = net_records[cov.network] - cov.records
        for name in COVERAGE_FIELDS:
            share = cov.have[name] / cov.records
            floor = COVERAGE_FLOORS[name]
            if floor is not None and share < floor:
                cov.weak[name] = f"below {floor:.0%}"
            elif others >= MIN_OTHERS:
                others_share = (net_have[cov.network][name] - cov.have[name]) / others
                if others_share >= 0.2 and share < others_share / 2:
                    cov.weak[name] = f"under half of the {others_share:.0%} the other {cov.network} portals reach"
    order = {net: i for i, (net, _) in enumerate(net_records.most_common())}
    sites.sort(key=lambda c: (order[c.network], -c.records, c.site))
    return sites


def time_bins(days: Iterable[date]) -> tuple[str, list[date]]:
    """The bin size for a span of days (day up to 6 months, week up to 3 years, else month) and every bin."""
    days = list(days)
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span <= 186:
        return "day", [first + timedelta(n) for n in range(span)]
    if span <= 3 * 366:
        start = first - timedelta(first.weekday())
        return "week", [start + timedelta(7 * n) for n in range((last - start).days // 7 + 1)]
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return "month", months


def bin_of(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


# -- charts ---------------------------------------------------------------------------------------


def _counts_axis(axis: Any) -> None:
    """Whole-number ticks on an axis of counts."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


def _embed(fig: Figure, alt: str, chart_id: str) -> str:
    """The figure as an <img> holding its SVG as a data: URL (the page stays one file)."""
    from matplotlib import rc_context

    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none"}):  # text stays text: smaller, and searchable
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure class="chart" id="{chart_id}"><img alt="{html.escape(alt)}" '
        f'src="data:image/svg+xml;base64,{data}"><figcaption>{html.escape(alt)}</figcaption></figure>'
    )


def _colors(networks: Sequence[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if len(networks) <= 10 else "tab20"]
    palette = [cmap(i) for i in range(cmap.N)]
    return {net: palette[i % len(palette)] for i, net in enumerate(networks)}


def _networks(rows: Sequence[Row]) -> list[str]:
    return [net for net, _ in Counter(r.network for r in rows).most_common()]


def _date_axis(ax: Axes, unit: str, bins: Sequence[date]) -> None:
    """An x axis of date numbers from the first bin to the end of the last; days labelled at their middle."""
    from matplotlib import dates as mdates

    ax.set_xlim(mdates.date2num(bins[0]), mdates.date2num(_bin_end(bins[-1], unit)))
    if unit == "day":
        shown = bins[:: max(1, -(-len(bins) // 14))]
        ax.set_xticks([mdates.date2num(b) + 0.5 for b in shown], labels=[b.strftime("%d %b") for b in shown])
        years = sorted({bins[0].year, bins[-1].year})
        ax.set_xlabel("–".join(map(str, years)))
    else:
        ax.xaxis_date()
        locator = mdates.AutoDateLocator(minticks=3, maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _bin_end(start: date, unit: str) -> date:
    """The first day after the bin that starts on ``start``."""
    if unit == "day":
        return start + timedelta(1)
    if unit == "week":
        return start + timedelta(7)
    return (start.replace(day=28) + timedelta(4)).replace(day=1)


def chart_per_day(rows: Sequence[Row]) -> str:
    dated = [r for r in rows if r.published]
    if not dated:
        return ""
    from matplotlib import dates as mdates

    unit, bins = time_bins(r.published.date() for r in dated if r.published)
    networks = _networks(dated)
    colors = _colors(networks)
    counts: dict[str, Counter[date]] = defaultdict(Counter)
    for r in dated:
        assert r.published
        counts[r.network][bin_of(r.published.date(), unit)] += 1
    starts = mdates.date2num(bins)
    ends = mdates.date2num([_bin_end(b, unit) for b in bins])
    fig, ax = _figure(10, 3.6)
    bottom = [0] * len(bins)
    for net in networks:
        heights = [counts[net][b] for b in bins]
        ax.bar(
            (starts + ends) / 2,
            heights,
            width=0.85 * (ends - starts),
            bottom=bottom,
            color=colors[net],
            label=net,
        )
        bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
    ax.set_ylabel(f"records per {unit}")
    _counts_axis(ax.yaxis)
    ax.set_title(f"Records per {unit} of publication (local date), by network")
    ax.legend(loc="upper left", fontsize="small", ncols=min(len(networks), 6), frameon=False)
    ax.set_ylim(0, max(bottom) * 1.25 + 1)
    ax.grid(axis="y", alpha=0.3)
    _date_axis(ax, unit, bins)
    return _embed(fig, f"Records per {unit} of publication, stacked by network", "chart-per-day")


def chart_site_days(rows: Sequence[Row]) -> str:
    dated = [r for r in rows if r.published]
    if not dated:
        return ""
    import numpy as np
    from matplotlib import dates as mdates

    unit, bins = time_bins(r.published.date() for r in dated if r.published)
    top = [site for site, _ in Counter(r.site for r in dated).most_common(TOP_SITES)]
    index = {site: i for i, site in enumerate(top)}
    column = {b: j for j, b in enumerate(bins)}
    grid = np.zeros((len(top), len(bins)))
    for r in dated:
        if r.site in index and r.published:
            grid[index[r.site], column[bin_of(r.published.date(), unit)]] += 1
    edges = mdates.date2num([*bins, _bin_end(bins[-1], unit)])
    fig, ax = _figure(10, 1.2 + 0.28 * len(top))
    ax.set_facecolor("#f2f2f2")
    mesh = ax.pcolormesh(
        edges, np.arange(len(top) + 1), np.ma.masked_equal(grid, 0), cmap="viridis", edgecolors="white", linewidth=0.5
    )
    ax.set_yticks(np.arange(len(top)) + 0.5, labels=top, fontsize="small")
    ax.invert_yaxis()
    _date_axis(ax, unit, bins)
    fig.colorbar(mesh, ax=ax, label=f"records per {unit}", shrink=0.8)
    title = f"Records per site and {unit}" + (f" (the {TOP_SITES} largest sites)" if len(top) == TOP_SITES else "")
    ax.set_title(title + "; grey: none")
    return _embed(fig, title, "chart-site-days")


def chart_per_site(coverage: Sequence[Coverage]) -> str:
    if not coverage:
        return ""
    from matplotlib.patches import Patch

    top = sorted(coverage, key=lambda c: -c.records)[:TOP_SITES]
    colors = _colors(list(dict.fromkeys(c.network for c in coverage)))
    fig, ax = _figure(10, 1.0 + 0.26 * len(top))
    ax.barh([c.site for c in top], [c.records for c in top], color=[colors[c.network] for c in top])
    ax.invert_yaxis()
    ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("records")
    _counts_axis(ax.xaxis)
    handles = [Patch(color=colors[net], label=net) for net in dict.fromkeys(c.network for c in top)]
    ax.legend(handles=handles, fontsize="small", frameon=False, loc="lower right")
    ax.grid(axis="x", alpha=0.3)
    title = "Records per site" + (f" (the {TOP_SITES} largest)" if len(coverage) > TOP_SITES else "")
    ax.set_title(title)
    return _embed(fig, title, "chart-per-site")


def chart_body_lengths(rows: Sequence[Row]) -> str:
    lengths = [r.body_chars for r in rows if r.body_chars > 0]
    if not lengths:
        return ""
    import numpy as np

    fig, ax = _figure(10, 3.2)
    low, high = min(lengths), max(lengths)
    if high > 4 * low:
        bins = list(np.geomspace(low, high * 1.001, 40))
        ax.set_xscale("log")
    else:
        bins = list(np.linspace(low, high + 1, 30))
    ax.hist(lengths, bins=bins, color="#4c72b0")
    median = statistics.median(lengths)
    ax.axvline(median, color="#c44e52", linestyle="--", label=f"median {median:,.0f}")
    ax.set_xlabel("body length (characters)")
    ax.set_ylabel("records")
    _counts_axis(ax.yaxis)
    ax.legend(frameon=False)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title("Body length distribution")
    return _embed(fig, "Distribution of body lengths (characters)", "chart-body-lengths")


def chart_crawl(drops: Counter[str], fallbacks: Counter[str]) -> str:
    if not drops and not fallbacks:
        return ""
    panels = [
        (title, counts) for title, counts in (("drops by reason", drops), ("field fallbacks", fallbacks)) if counts
    ]
    from matplotlib.figure import Figure

    tallest = max(len(c) for _, c in panels)
    fig = Figure(figsize=(10, 1.2 + 0.3 * tallest), layout="constrained")
    for ax, (title, counts) in zip(fig.subplots(1, len(panels), squeeze=False)[0], panels, strict=True):
        items = counts.most_common()
        color = "#c44e52" if title.startswith("drops") else "#dd8452"
        ax.barh([k for k, _ in items], [v for _, v in items], color=color)
        ax.invert_yaxis()
        _counts_axis(ax.xaxis)
        ax.tick_params(axis="y", labelsize="small")
        ax.set_title(title)
        ax.grid(axis="x", alpha=0.3)
    return _embed(fig, "Drops by reason and field fallbacks from the crawl stats", "chart-crawl")


# -- crawl stats ----------------------------------------------------------------------------------


@dataclass
class CrawlStats:
    path: str
    summary: dict[str, Any]
    stats: dict[str, Any]

    @property
    def drops(self) -> Counter[str]:
        prefix = "newscrawl/dropped/"
        found = Counter({k.removeprefix(prefix): int(v) for k, v in self.stats.items() if k.startswith(prefix)})
        return found or Counter({k: int(v) for k, v in (self.summary.get("dropped") or {}).items()})

    @property
    def fallbacks(self) -> Counter[str]:
        prefix = "newscrawl/fallback/"
        return Counter({k.removeprefix(prefix): int(v) for k, v in self.stats.items() if k.startswith(prefix)})


def load_stats(path: str | Path) -> CrawlStats:
    """A ``NEWSCRAWL_STATS_FILE``: JSON ``{"summary": {...}, "stats": {...}}``. Raises ValueError if it is not."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the stats file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("stats"), dict):
        raise ValueError(f"{path}: not a newscrawl stats file (expected JSON with 'summary' and 'stats')")
    summary: dict[str, Any] = data["summary"] if isinstance(data.get("summary"), dict) else {}
    return CrawlStats(str(path), summary, data["stats"])


# -- HTML -----------------------------------------------------------------------------------------

CSS = """
body{font:15px/1.45 system-ui,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;border-bottom:2px solid #ddd}
.cards{display:flex;flex-wrap:wrap;gap:.7rem;margin:1rem 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.5rem .9rem;min-width:8rem}
.card b{display:block;font-size:1.35rem}.card span{color:#666;font-size:.85rem}
.card.alert{border-color:#c44e52;background:#fdf0f0}
figure.chart{margin:1rem 0;background:#fff;border:1px solid #e4e4e4;border-radius:6px;padding:.4rem}
figure.chart img{width:100%;height:auto;display:block}figcaption{color:#666;font-size:.8rem;padding:.2rem .4rem}
table{border-collapse:collapse;background:#fff;font-size:.85rem;margin:.6rem 0}
th,td{border:1px solid #e0e0e0;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.day{white-space:nowrap}td.pct{text-align:right;font-variant-numeric:tabular-nums}
td.weak{background:#f8d7da;color:#842029;font-weight:600}td.weak::before{content:"\\25BC\\00a0";font-size:.7em}
tr.total td{font-weight:600;background:#f7f7f7}
.note{color:#555;font-size:.85rem}.muted{color:#888}
a{color:#1f5fa8;text-decoration:none}a:hover{text-decoration:underline}
code{background:#f0f0f0;padding:0 .2rem;border-radius:3px}
"""


def _e(value: Any) -> str:
    return html.escape(str(value))


def _n(value: int | float) -> str:
    return f"{value:,.0f}"


def _card(label: str, value: Any, alert: bool = False) -> str:
    return f'<div class="card{" alert" * alert}"><b>{_e(value)}</b><span>{_e(label)}</span></div>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, table_id: str = "", numeric: int = 0) -> str:
    """``rows`` cells are HTML already; the last ``numeric`` columns are right-aligned."""
    first_num = len(headers) - numeric
    head = "".join(f"<th{' class=num' * (i >= first_num)}>{_e(h)}</th>" for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' * (i >= first_num)}>{cell}</td>" for i, cell in enumerate(row)) + "</tr>"
        for row in rows
    )
    ident = f' id="{table_id}"' if table_id else ""
    return f"<table{ident}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _link(url: str, text: str | None = None) -> str:
    if not url.startswith(("http://", "https://")):
        return _e(text or url or "(no url)")
    return f'<a href="{_e(url)}" rel="noreferrer">{_e(text or url)}</a>'


def _pct_cell(have: int, total: int, weak: str | None) -> str:
    share = have / total if total else 0.0
    classes = "pct weak" if weak else "pct"
    title = f"{have} of {total}" + (f"; weak: {weak}" if weak else "")
    return f'<td class="{classes}" title="{_e(title)}">{share:.0%}</td>'


def _coverage_section(coverage: Sequence[Coverage], total_rows: Sequence[Row]) -> str:
    headers = ["site", "network", "records", *COVERAGE_FIELDS, "median body", "first day", "last day"]
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if h in ("records", "median body", *COVERAGE_FIELDS) else f"<th>{_e(h)}</th>"
        for h in headers
    )
    lines = []
    total = Counter(name for r in total_rows for name in r.present)
    n = len(total_rows)
    all_days = [c for c in coverage if c.first]
    lines.append(
        '<tr class="total"><td>all sites</td><td></td>'
        f'<td class="num">{_n(n)}</td>'
        + "".join(_pct_cell(total[name], n, None) for name in COVERAGE_FIELDS)
        + f'<td class="num">{_n(statistics.median(r.body_chars for r in total_rows)) if n else ""}</td>'
        + f'<td class="day">{min(c.first for c in all_days if c.first) if all_days else ""}</td>'
        + f'<td class="day">{max(c.last for c in all_days if c.last) if all_days else ""}</td></tr>'
    )
    for cov in coverage:
        lines.append(
            f'<tr><td>{_e(cov.site)}</td><td>{_e(cov.network)}</td><td class="num">{_n(cov.records)}</td>'
            + "".join(_pct_cell(cov.have[name], cov.records, cov.weak.get(name)) for name in COVERAGE_FIELDS)
            + f'<td class="num">{_n(cov.median_body)}</td>'
            + f'<td class="day">{cov.first or ""}</td><td class="day">{cov.last or ""}</td></tr>'
        )
    weak_cells = sum(len(c.weak) for c in coverage)
    floors = ", ".join(f"{k} {v:.0%}" for k, v in COVERAGE_FLOORS.items() if v is not None)
    return (
        f'<table id="coverage"><thead><tr>{head}</tr></thead><tbody>{"".join(lines)}</tbody></table>'
        f'<p class="note">Share of each site\'s records that have the field (<code>image</code>: '
        f"<code>image_url</code>; <code>dated</code>: a <code>published_at</code>). "
        f"{weak_cells} weak cell{'s' * (weak_cells != 1)}, marked &#9660; in red: below the floor ({floors}; "
        f"source has none: most articles credit no source), or under half of what the other portals of the "
        f"same network reach (when they have at least {MIN_OTHERS} records). Hover a cell for the counts.</p>"
    )


def _body_section(rows: Sequence[Row]) -> str:
    lengths = sorted(r.body_chars for r in rows)
    if not lengths:
        return '<p class="muted">No records.</p>'
    cuts = statistics.quantiles(lengths, n=20, method="inclusive") if len(lengths) > 1 else [lengths[0]] * 19
    points = [("min", lengths[0]), ("5%", cuts[0]), ("25%", cuts[4]), ("median", cuts[9])]
    points += [("75%", cuts[14]), ("95%", cuts[18]), ("max", lengths[-1])]
    quantiles = _table([p for p, _ in points], [[_n(v) for _, v in points]], table_id="body-quantiles")
    shortest = sorted(rows, key=lambda r: r.body_chars)[:5]
    listed = _table(
        ["characters", "site", "headline"],
        ([_n(r.body_chars), _e(r.site), _link(r.url, r.headline or r.url)] for r in shortest),
        table_id="shortest",
    )
    return (
        f"{chart_body_lengths(rows)}<p>Body length in characters, over {_n(len(lengths))} records:</p>{quantiles}"
        f"<p>The shortest bodies (a cut-off article shows here first):</p>{listed}"
    )


def _dates_section(data: Dataset) -> str:
    dated = [r for r in data.rows if r.published]
    undated = len(data.rows) - len(dated)
    parts: list[str] = []
    if dated:
        earliest = min(dated, key=lambda r: r.published or datetime.max.replace(tzinfo=UTC))
        latest = max(dated, key=lambda r: r.published or datetime.min.replace(tzinfo=UTC))
        crawled = [r.crawled for r in data.rows if r.crawled]
        rows = [
            ["earliest published", _e(earliest.published and earliest.published.isoformat()), _link(earliest.url)],
            ["latest published", _e(latest.published and latest.published.isoformat()), _link(latest.url)],
        ]
        if crawled:
            first, last = (t.strftime("%Y-%m-%dT%H:%M:%SZ") for t in (min(crawled), max(crawled)))
            rows.append(["crawled (UTC)", _e(first if first == last else f"{first} to {last}"), ""])
        parts.append(_table(["", "time", "record"], rows, table_id="date-range"))
        offsets = Counter(r.published.strftime("%z") for r in dated if r.published)
        zones = {"+0700": "WIB", "+0800": "WITA", "+0900": "WIT"}
        parts.append("<p>UTC offsets of <code>published_at</code> (Indonesia: WIB, WITA, WIT):</p>")
        parts.append(
            _table(
                ["offset", "zone", "records"],
                ([_e(f"{o[:3]}:{o[3:]}"), _e(zones.get(o, "not Indonesian")), _n(c)] for o, c in offsets.most_common()),
                table_id="offsets",
                numeric=1,
            )
        )
        future = [r for r in dated if r.crawled and r.published and r.published > r.crawled + timedelta(hours=1)]
        if future:
            parts.append(
                f'<p class="note">{_n(len(future))} record{"s" * (len(future) != 1)} published more than an hour '
                "after they were crawled (a misread date), e.g. "
                + ", ".join(_link(r.url) for r in future[:5])
                + ".</p>"
            )
    parts.append(
        f"<p>{_n(undated)} record{'s' * (undated != 1)} without a usable <code>published_at</code>"
        + (f" ({_n(data.bad_dates)} of them with one that is not a time with an offset)" if data.bad_dates else "")
        + ".</p>"
    )
    return "".join(parts)


def _duplicates_section(rows: Sequence[Row]) -> tuple[str, int]:
    by_url: dict[str, list[Row]] = defaultdict(list)
    by_headline: dict[tuple[str, str], set[str]] = defaultdict(set)
    printed: dict[tuple[str, str], str] = {}  # the headline as the first record printed it
    for r in rows:
        if r.url:
            by_url[r.url].append(r)
        if r.headline:
            key = (r.site, " ".join(r.headline.lower().split()))
            by_headline[key].add(r.url)
            printed.setdefault(key, r.headline)
    repeated = {u: rs for u, rs in by_url.items() if len(rs) > 1}
    extra_lines = sum(len(rs) - 1 for rs in repeated.values())
    same_headline = {k: sorted(urls) for k, urls in by_headline.items() if len(urls) > 1}
    parts = [
        f"<p><b>{_n(len(repeated))}</b> URL{'s' * (len(repeated) != 1)} on more than one line "
        f"({_n(extra_lines)} extra line{'s' * (extra_lines != 1)}).</p>"
    ]
    if repeated:
        parts.append(
            _table(
                ["url", "lines"],
                (
                    [_link(u), "<br>".join(_e(f"{r.path}:{r.line}") for r in rs)]
                    for u, rs in sorted(repeated.items(), key=lambda item: -len(item[1]))[:MAX_LISTED]
                ),
                table_id="duplicate-urls",
            )
        )
    parts.append(
        f"<p><b>{_n(len(same_headline))}</b> headline{'s' * (len(same_headline) != 1)} under more than one URL "
        "of one site (an article reached under two addresses, or a recurring column).</p>"
    )
    if same_headline:
        parts.append(
            _table(
                ["site", "headline", "urls"],
                (
                    [
                        _e(key[0]),
                        _e(printed[key]),
                        "<br>".join(_link(u) for u in urls[:5]) + (f"<br>and {len(urls) - 5} more" * (len(urls) > 5)),
                    ]
                    for key, urls in sorted(same_headline.items(), key=lambda item: -len(item[1]))[:MAX_LISTED]
                ),
                table_id="duplicate-headlines",
            )
        )
    return "".join(parts), extra_lines


def _crawl_section(stats: Sequence[CrawlStats]) -> str:
    if not stats:
        return (
            '<p class="muted">No stats file given: run the crawl with <code>-s NEWSCRAWL_STATS_FILE=stats.json</code> '
            "and pass it as <code>--stats stats.json</code> to see its drops and fallbacks here.</p>"
        )
    keys = ("pages_fetched", "records_written", "retries", "robots_refused", "fallbacks")
    summary = _table(
        ["stats file", "finish", *keys],
        (
            [
                _e(s.path),
                _e(s.stats.get("finish_reason", "")),
                *(_n(int(s.summary.get(k, 0) or 0)) for k in keys),
            ]
            for s in stats
        ),
        table_id="crawl-summary",
        numeric=len(keys),
    )
    drops: Counter[str] = Counter()
    fallbacks: Counter[str] = Counter()
    for s in stats:
        drops.update(s.drops)
        fallbacks.update(s.fallbacks)
    several = len(stats) > 1
    names = [Path(s.path).name for s in stats] if several else []

    def breakdown(counts: Counter[str], first: str, per_file: list[Counter[str]], table_id: str) -> str:
        if not counts:
            return f'<p class="muted">No {first.split()[0]}s counted.</p>'
        return _table(
            [first, *names, "total"],
            ([_e(k), *(_n(c[k]) for c in per_file if several), _n(v)] for k, v in counts.most_common()),
            table_id=table_id,
            numeric=len(names) + 1,
        )

    return (
        summary
        + chart_crawl(drops, fallbacks)
        + "<h3>Drops by reason</h3>"
        + breakdown(drops, "drop reason", [s.drops for s in stats], "drops")
        + "<h3>Field fallbacks (network/field)</h3>"
        + '<p class="note">The network\'s own rule found nothing and the structured-data or generic layer '
        "filled the field: a rising count means a template changed.</p>"
        + breakdown(fallbacks, "fallback (network/field)", [s.fallbacks for s in stats], "fallbacks")
    )


def build_report(data: Dataset, stats: Sequence[CrawlStats] = (), *, title: str = "newscrawl report") -> str:
    """The whole page."""
    rows = data.rows
    coverage = coverage_table(rows)
    duplicates, extra_lines = _duplicates_section(rows)
    dated = [r.published.date() for r in rows if r.published]
    span = f"{min(dated)} to {max(dated)}" if dated else "none"
    not_records = sum(data.not_records.values())
    cards = [
        _card("records", _n(len(rows))),
        _card("sites", _n(len(coverage))),
        _card("networks", _n(len({c.network for c in coverage}))),
        _card("published (local dates)", span),
        _card("undated", _n(len(rows) - len(dated)), alert=bool(rows) and len(dated) < 0.9 * len(rows)),
        _card("duplicate lines", _n(extra_lines), alert=extra_lines > 0),
        _card("weak coverage cells", _n(sum(len(c.weak) for c in coverage)), alert=any(c.weak for c in coverage)),
    ]
    if not_records:
        cards.append(_card("lines that are not records", _n(not_records), alert=True))
    problems = ""
    if not_records or data.unreadable:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(data.not_records.items()))
        problems = (
            '<p class="note">'
            + (f"{_n(not_records)} lines are not records ({_e(kinds)}). " if not_records else "")
            + "".join(f"Could not read {_e(u)}. " for u in data.unreadable)
            + "<code>python -m newscrawl validate FILE...</code> names every bad line.</p>"
        )
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    files = ", ".join(f"<code>{_e(f)}</code>" for f in data.files)
    empty = '<p class="muted">No dated records.</p>'
    sections = [
        f"<h1>{_e(title)}</h1><p class=note>{_n(len(rows))} records from {files}; made {generated}.</p>",
        f'<section id="overview"><div class="cards">{"".join(cards)}</div>{problems}</section>',
        f'<section id="per-day"><h2>Records per {time_bins(dated)[0] if dated else "day"}</h2>'
        + (chart_per_day(rows) + chart_site_days(rows) if dated else empty)
        + "</section>",
        '<section id="per-site"><h2>Records and field coverage per site</h2>'
        + chart_per_site(coverage)
        + (_coverage_section(coverage, rows) if rows else '<p class="muted">No records.</p>')
        + "</section>",
        f'<section id="bodies"><h2>Body length</h2>{_body_section(rows)}</section>',
        f'<section id="dates"><h2>Date range</h2>{_dates_section(data)}</section>',
        f'<section id="duplicates"><h2>Duplicates</h2>{duplicates}</section>',
        f'<section id="crawl"><h2>Drops and fallbacks</h2>{_crawl_section(stats)}</section>',
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}: {_n(len(rows))} records</title><style>{CSS}</style></head>"
        f"<body><main>{''.join(sections)}</main></body></html>\n"
    )


# -- command line ---------------------------------------------------------------------------------


def run(paths: Sequence[str], out: str, stats_paths: Sequence[str] = (), title: str = "newscrawl report") -> int:
    """Write the report; the exit code (2 when an input is missing or a stats file is not one)."""
    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        print(f"newscrawl: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        stats = [load_stats(p) for p in stats_paths]
    except ValueError as exc:
        print(f"newscrawl: {exc}", file=sys.stderr)
        return 2
    data = load(paths)
    for problem in data.unreadable:
        print(f"newscrawl: warning: could not read {problem}", file=sys.stderr)
    page = build_report(data, stats, title=title)
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        print(f"newscrawl: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    sites = len({r.site for r in data.rows})
    print(f"wrote {out}: {len(data.rows)} records, {sites} sites, {len(page) // 1024} KiB")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    return run(args.files, args.output, args.stats or [], args.title)


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``report`` on the CLI's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "report",
        help="one self-contained HTML page with charts and tables about record files",
        description=(
            "Write one self-contained HTML page: records per day and per site and day, field coverage per site "
            "with weak cells marked, body lengths, date range and offsets, duplicates, and (with --stats) the "
            "crawl's drops and fallbacks. Charts are matplotlib SVG embedded in the page."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="a .jsonl or .jsonl.gz record file")
    parser.add_argument("-o", "--output", default="report.html", help="the HTML file to write (default: %(default)s)")
    parser.add_argument(
        "--stats", action="append", metavar="STATS_JSON", help="a crawl's NEWSCRAWL_STATS_FILE (may be repeated)"
    )
    parser.add_argument("--title", default="newscrawl report", help="the page title")
    parser.set_defaults(func=cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``report`` on its own: ``main(["a.jsonl", "-o", "r.html"])`` returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m newscrawl")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["report", *(sys.argv[1:] if argv is None else argv)])
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
