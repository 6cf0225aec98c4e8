"""Command line: ``python -m newscrawl extract|sites|...`` (crawls themselves run through ``scrapy crawl``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from newscrawl.errors import Refused

# Pages larger than this are refused before parsing: no news article is this big.
MAX_PAGE_BYTES = 16 * 1024 * 1024


def _read_manifest(path: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    manifest = Path(path)
    for number, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith(("http://", "https://")):
            if number == 1 and parts[0].lower() in ("url", "file"):
                continue  # a header line
            raise SystemExit(f"newscrawl: {path}:{number}: expected 'URL<TAB>PATH'")
        file = Path(parts[1].strip())
        if not file.is_absolute():
            file = manifest.parent / file
        pairs.append((parts[0].strip(), str(file)))
    return pairs


def cmd_extract(args: argparse.Namespace) -> int:
    from newscrawl.extract import extract_article

    pairs: list[tuple[str, str]] = [(u, f) for u, f in (args.url or [])]
    if args.manifest:
        pairs += _read_manifest(args.manifest)
    if not pairs:
        print("newscrawl: extract needs --url URL FILE or --manifest TSV", file=sys.stderr)
        return 2
    failures = 0
    for url, file in pairs:
        try:
            path = Path(file)
            if not path.is_file():
                raise Refused("no_file", f"{file} is not a readable file")
            if path.stat().st_size > MAX_PAGE_BYTES:
                raise Refused("too_large", f"{file} is larger than {MAX_PAGE_BYTES} bytes")
            record = extract_article(path.read_bytes(), url)
        except Refused as exc:
            failures += 1
            print(f"newscrawl: refused {file} ({url}): {exc.reason}: {exc.detail}", file=sys.stderr)
            continue
        except Exception as exc:  # a parser bug must not print a traceback at a user
            if os.environ.get("NEWSCRAWL_DEBUG"):
                raise
            failures += 1
            print(f"newscrawl: error on {file} ({url}): {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if failures else 0


def cmd_warc_build(args: argparse.Namespace) -> int:
    from newscrawl.warc import build_warc_from_manifest

    try:
        count = build_warc_from_manifest(args.manifest, args.out)
    except (OSError, ValueError) as exc:
        print(f"newscrawl: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {count} responses to {args.out}")
    return 0


def menu_hosts(html: bytes, url: str, selector: str) -> list[str]:
    """Hosts linked from a page's network menu."""
    from urllib.parse import urljoin

    from newscrawl.parsing.page import Page, select
    from newscrawl.urls import host_of

    page = Page(html, url)
    hosts: list[str] = []
    for anchor in select(page.root, selector):
        host = host_of(urljoin(url, anchor.get("href") or ""))
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def cmd_sites(args: argparse.Namespace) -> int:
    from newscrawl.sites import NETWORKS, PROFILES, network_named

    if not args.discover:
        rows = [("network", "spider", "portals", "discovery", "full text", "checked")]
        for net in (*NETWORKS, *PROFILES):
            rows.append(
                (
                    str(net.name),
                    str(net.name),
                    str(len(net.portals)) + ("+" if net.host_pattern and net.open_portals else ""),
                    ", ".join(net.discovery) or "urls",
                    net.full_text_label(),
                    net.checked,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if args.detail:
            for net in (*NETWORKS, *PROFILES):
                print(f"\n{net.name} ({net.title}): {net.checked}")
                for page in net.real_pages:
                    print(f"  real article page: {page}")
                for page in net.real_listings:
                    print(f"  real listing page: {page}")
                for rule in net.unverified:
                    print(f"  reference only: {rule}")
                print(
                    textwrap.fill(
                        ", ".join(net.portals), width=110, initial_indent="  portals: ", subsequent_indent="    "
                    )
                )
        return 0
    try:
        net = network_named(args.discover)
    except KeyError as exc:
        print(f"newscrawl: {exc.args[0]}", file=sys.stderr)
        return 2
    if not net.menu_selector:
        print(f"newscrawl: the {net.title} template has no network menu", file=sys.stderr)
        return 2
    pages: list[tuple[str, bytes]] = []
    for path in args.page or []:
        pages.append((args.page_url, Path(path).read_bytes()))
    if not pages:
        from urllib.request import Request, urlopen

        from newscrawl.settings import USER_AGENT

        home = f"https://{net.home_host}/"
        with urlopen(Request(home, headers={"User-Agent": USER_AGENT}), timeout=30) as answer:
            pages.append((home, answer.read()))
    seen: list[str] = []
    for url, html in pages:
        for host in menu_hosts(html, url, net.menu_selector):
            if host not in seen and net.owns(f"https://{host}/"):
                seen.append(host)
    for host in seen:
        if host not in net.portals:
            print(host)
    print(
        f"{len(seen)} portals in the menu, {sum(h not in net.portals for h in seen)} not in the list", file=sys.stderr
    )
    return 0


def _pairs(values: list[str] | None, flag: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        key, sep, rest = value.partition("=")
        if not sep or not key:
            raise SystemExit(f"newscrawl: {flag} wants NAME=VALUE, got {value!r}")
        pairs[key] = rest
    return pairs


def cmd_crawl_all(args: argparse.Namespace) -> int:
    from newscrawl.crawl_all import run, spider_names

    names = spider_names()
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in names]
        if unknown:
            print(
                f"newscrawl: no network spider named {', '.join(unknown)} (known: {', '.join(names)})", file=sys.stderr
            )
            return 2
        names = wanted
    return run(names, _pairs(args.set, "-s"), _pairs(args.arg, "-a"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newscrawl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the finished record of saved article pages as JSON lines")
    extract.add_argument(
        "--url", nargs=2, action="append", metavar=("URL", "FILE"), help="the page's URL and the saved file"
    )
    extract.add_argument("--manifest", help="TSV file: URL<TAB>PATH per line")
    extract.set_defaults(func=cmd_extract)
    sites = sub.add_parser("sites", help="the networks this crawler knows, or new portals of one (--discover)")
    sites.add_argument("--discover", metavar="NETWORK", help="print portals the network menu names that the list lacks")
    sites.add_argument("--page", action="append", help="read the menu from this saved page instead of fetching")
    sites.add_argument("--page-url", default="https://www.pikiran-rakyat.com/", help="the URL of --page")
    sites.add_argument("--detail", action="store_true", help="also list each module's real pages and unverified rules")
    sites.set_defaults(func=cmd_sites)
    crawl_all = sub.add_parser(
        "crawl-all", help="run every network spider in one process and print a per-network summary"
    )
    crawl_all.add_argument("--only", metavar="NAMES", help="comma-separated spiders (default: every network)")
    crawl_all.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="a Scrapy setting, as scrapy -s")
    crawl_all.add_argument(
        "-a", "--arg", action="append", metavar="NAME=VALUE", help="a spider argument for all spiders"
    )
    crawl_all.set_defaults(func=cmd_crawl_all)
    warc = sub.add_parser("warc-build", help="build a replay WARC from a TSV manifest of saved pages")
    warc.add_argument("manifest", help="TSV: url, status, content_type, file, location (with a header line)")
    warc.add_argument("out", help="the .warc.gz to write")
    warc.set_defaults(func=cmd_warc_build)
    from newscrawl import report, validate  # each imports its heavy libraries only when it runs

    validate.add_parser(sub)
    report.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
