"""Media Indonesia (``mediaindonesia.com``): one national portal with regional coverage.

Checked against a real page (January 2026) in ../shared: "Editor : Name" is printed after the text,
the JSON-LD ``author`` is that editor, and the writer is ``div.author-2`` / dataLayer ``author``.
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.parsing.article import ArticleParser
from newscrawl.parsing.page import select_one, text_of
from newscrawl.sites.base import Network
from newscrawl.text import split_people


class MediaIndonesiaParser(ArticleParser):
    network = "mediaindonesia"
    body_selectors = ("div.article",)
    date_selectors = ("div.info span.datetime", "span.datetime")

    def authors(self) -> list[str]:
        names = split_people(text_of(select_one(self.root, "div.info div.author-2")))
        return names or self.fallback("authors", super().authors())

    def tags(self) -> list[str]:
        return self.texts("ul.related-tags a", strip="#") or self.fallback("tags", super().tags())


class MediaIndonesia(Network):
    name = "mediaindonesia"
    title = "Media Indonesia"
    portals: ClassVar[dict[str, str | None]] = {
        "mediaindonesia.com": "Media Indonesia",
        "www.mediaindonesia.com": "Media Indonesia",
    }
    article_path = re.compile(r"^/[\w-]+/\d+/[\w-]+")
    parser = MediaIndonesiaParser
    real_pages = ("mediaindonesia.com/851796-wisuda-igi-2026-01-20.html",)
    discovery = ("urls",)
