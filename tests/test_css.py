"""newscrawl.parsing.css matches selectors in Python: its answers must be lxml's CSSSelector's, element for
element and in the same order, for every selector the parsers use on every page they read."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.etree import XPath, _Element

import newscrawl.parsing.page as page_module
from newscrawl.errors import Refused
from newscrawl.extract import extract_article
from newscrawl.parsing.article import _label_candidates
from newscrawl.parsing.css import compile_css
from newscrawl.parsing.page import Page, select
from tests.conftest import FIXTURE_SITES, require_real_pages

FIXTURE_PAGES = sorted(FIXTURE_SITES.rglob("*.html"))

DOC = b"""<html><head><title>t</title><meta itemprop="datePublished" content="x"></head><body>
<div id="main" class="wrap  outer">
  <div class="post\tentry-content\nlead" lang="id-ID">
    <p class="baca-juga">Baca Juga: x</p><!-- c --><p class="a">one <a href="/1" rel="author nofollow">A</a></p>
    <span class="paging">1 2</span><p>two</p>
    <div class="post inner"><p class="a b">three</p><figure><figcaption>cap</figcaption></figure></div>
  </div>
  <aside class="sidebar"><ul class="related-list"><li><a href="/2">r</a></li></ul></aside>
</div>
<div class="post"><h2 id="x-1">h</h2><p data-x="">empty attr</p></div>
<table class="ads"><tr><td>ad</td></tr></table><DIV class="Upper">u</DIV>
</body></html>"""

SELECTORS = [
    "p",
    "div p",
    "div > p",
    "#main > p",
    "div > a",
    ".wrap > .post > p",
    "body > div .post > p",
    ".post p",
    ".post > p",
    "#main .post p.a",
    "div.post.inner p",
    ".post .post p",
    "p.a.b",
    ".lead",
    ".entry-content",
    "[class~='inner']",
    "[class~='post inner']",
    "[class~='']",
    "[lang|='id']",
    "[lang|='en']",
    "[class^='bac']",
    "[class^='']",
    "[class$='juga']",
    "[class*='aging']",
    "[class*='']",
    "[data-x]",
    "[data-x='']",
    "[data-x!='y']",
    "[lang!='']",
    "[id^='x-']",
    "a[rel~='author']",
    "p:not(.a)",
    "p:not(.baca-juga):not([class*='b'])",
    "p + p",
    "p ~ p",
    ".baca-juga + p",
    "span ~ div p",
    "figure figcaption, .paging, table.ads",
    ".paging, p.a, p",
    "p, .post",
    "script, style, figure, figcaption, aside, [class*='related'], [class*='ads']",
    "DIV",
    "div.Upper",
    "div.upper",
    '[itemprop="datePublished"]',
    "*",
    "body > *",
    "html",
    "p:first-child",
    "li:nth-child(1) a",
]


@pytest.mark.parametrize("css", SELECTORS)
def test_each_shape_equals_lxml_on_root_and_subtrees(css: str) -> None:
    page = Page(DOC, "https://example.id/a")
    root = page.root
    assert select(root, css) == CSSSelector(css)(root), "page root"
    assert select(root, css) == CSSSelector(css)(root), "cached answer"
    for node in root.iter(etree.Element):
        assert select(node, css) == CSSSelector(css)(node), f"under <{node.tag} class={node.get('class')!r}>"


def test_shapes_it_cannot_match_go_to_lxml() -> None:
    assert compile_css("p:first-child") is None
    assert compile_css("li:nth-child(1) a") is None
    assert compile_css("p::text") is None
    assert compile_css("p + p") is not None
    assert compile_css(".a p, #b > span[lang|='id']:not(.c)") is not None


def test_an_older_pages_root_is_answered_too() -> None:
    older = Page(b"<html><body><div class='only-here'><p>x</p></div></body></html>", "https://a.example/1")
    Page(b"<html><body><p>other</p></body></html>", "https://a.example/2")
    assert [e.get("class") for e in select(older.root, ".only-here")] == ["only-here"]
    assert [e.text for e in select(older.root, ".only-here p")] == ["x"]


def _pages() -> list[tuple[str, Path]]:
    real = require_real_pages()
    rows = [line.split("\t") for line in (real / "pages.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    found = [(row[1], real / row[0]) for row in rows]
    for path in FIXTURE_PAGES:
        site = path.relative_to(FIXTURE_SITES).parts[0]
        found.append((f"https://{site}.example/berita/{path.stem}", path))
    return found


def test_every_look_up_the_parsers_make_equals_lxml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every selector every site module asks for, on the node it asks on (page roots and body copies), on
    every real and fixture page: the same elements in the same order as lxml's CSSSelector."""
    evaluate = page_module._evaluate
    checked: dict[str, int] = {}
    wrong: list[str] = []

    def compare(node: _Element, css: str, index: Any) -> list[_Element]:
        found = evaluate(node, css, index)
        if found != CSSSelector(css)(node):
            wrong.append(css)
        checked[css] = checked.get(css, 0) + 1
        return found

    monkeypatch.setattr(page_module, "_evaluate", compare)
    pages = _pages()
    for url, path in pages:
        with contextlib.suppress(Refused):
            extract_article(path.read_bytes(), url)
    assert not wrong, sorted(set(wrong))
    assert len(pages) > 100
    assert len(checked) > 100  # the parsers' selectors, not a handful
    assert sum(checked.values()) > 1500


# What the label-line scan used to ask libxml2, element by element (the string value of every block).
_OLD_LABEL_CANDIDATES = XPath(
    "descendant-or-self::*[self::p or self::div or self::span or self::li or self::h6 or self::strong]"
    "[not(descendant::text()[201])][contains(., ':')][string-length(.) <= 200]"
)


def test_label_candidates_equal_the_string_value_xpath() -> None:
    pages = _pages()
    compared = 0
    for _, path in pages:
        try:
            root = Page(path.read_bytes(), "https://example.id/a").root
        except Exception:
            continue
        for node in [root, *root.iter("div", "body")][:40]:
            assert _label_candidates(node) == _OLD_LABEL_CANDIDATES(node), path
            compared += 1
    assert compared > 1000
    made = Page(
        b"<html><body><div><p><b>Editor</b>: <i>Ana</i></p><span>Sumber:</span><li>a:b<!-- x -->c:d</li>"
        + b"<div>"
        + b"x" * 300
        + b"<strong>Penulis: Budi</strong></div></div></body></html>",
        "https://example.id/a",
    ).root
    assert [e.tag for e in _label_candidates(made)] == ["p", "span", "li", "strong"]
    assert _label_candidates(made) == _OLD_LABEL_CANDIDATES(made)


def test_a_finished_page_is_not_kept_alive_by_the_look_up_cache() -> None:
    """The cache of answers lives on the Page; nothing module-level keeps a page's tree after extraction
    (it used to: the previous page's tree stayed in memory while the next was parsed)."""
    import gc

    sample = FIXTURE_PAGES[0]
    with contextlib.suppress(Refused):
        extract_article(sample.read_bytes(), "https://example.id/berita/1")
    gc.collect()
    assert page_module._current is not None
    assert page_module._current() is None
    page = Page(sample.read_bytes(), "https://example.id/berita/2")
    assert page_module._current() is page
    assert select(page.root, "p") == CSSSelector("p")(page.root)
    assert page._lookups.answers  # answered from the page's own cache
