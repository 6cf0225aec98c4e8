"""Command line: ``python -m newscrawl extract|sites|...`` (crawls themselves run through ``scrapy crawl``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m newscrawl", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="print the finished record of saved article pages as JSON lines")
    extract.add_argument(
        "--url", nargs=2, action="append", metavar=("URL", "FILE"), help="the page's URL and the saved file"
    )
    extract.add_argument("--manifest", help="TSV file: URL<TAB>PATH per line")
    extract.set_defaults(func=cmd_extract)
    warc = sub.add_parser("warc-build", help="build a replay WARC from a TSV manifest of saved pages")
    warc.add_argument("manifest", help="TSV: url, status, content_type, file, location (with a header line)")
    warc.add_argument("out", help="the .warc.gz to write")
    warc.set_defaults(func=cmd_warc_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
