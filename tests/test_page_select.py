"""Page-root selector look-ups are cached and skip classes the page never mentions: the answers must be the
ones a plain CSS evaluation gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.cssselect import CSSSelector

from newscrawl.parsing.article import GENERIC_BODY_SELECTORS, GENERIC_DATE_SELECTORS, GENERIC_DROP_SELECTORS
from newscrawl.parsing.page import Page, select, select_one
from tests.conftest import FIXTURE_SITES

PAGES = sorted(FIXTURE_SITES.glob("*/*.html"))[:40] + sorted(FIXTURE_SITES.glob("*/*/*.html"))[:40]
SELECTORS = (
    *GENERIC_BODY_SELECTORS,
    *GENERIC_DATE_SELECTORS,
    *GENERIC_DROP_SELECTORS,
    ", ".join(GENERIC_DROP_SELECTORS),
    "h1",
    "div.read__info__date",
    "#penulis a",
    "[class*='paging'], [class*='pagination']",
    ".entry-content p:not(.baca)",
    "meta[property='og:title']",
)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cached_and_skipped_look_ups_equal_plain_css(path: Path) -> None:
    page = Page(path.read_bytes(), "https://example.id/berita/1")
    for css in SELECTORS:
        plain = CSSSelector(css)(page.root)
        assert select(page.root, css) == plain, css
        assert select(page.root, css) == plain, css  # the cached answer
        assert select_one(page.root, css) == (plain[0] if plain else None), css


def test_an_older_page_is_answered_without_the_current_pages_shortcuts() -> None:
    older = Page(b"<html><body><div class='only-here'>x</div></body></html>", "https://a.example/1")
    Page(b"<html><body><p>other</p></body></html>", "https://a.example/2")
    assert [e.get("class") for e in select(older.root, ".only-here")] == ["only-here"]
