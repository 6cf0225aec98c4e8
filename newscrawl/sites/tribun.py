"""Tribun Network: ``*.tribunnews.com`` regional portals (TribunSolo, TribunJateng, ...), one template.

Checked against a real page: ``solo.tribunnews.com`` (page 1 of 2, October 2020) in ../shared.
Discovery rules (index-news, sitemaps) are reference only until a real index page is seen.
"""

from __future__ import annotations

import re

from newscrawl.parsing.article import ArticleParser
from newscrawl.parsing.page import select_one, text_of
from newscrawl.sites.base import Network

PORTALS: dict[str, str | None] = {
    "solo.tribunnews.com": "Tribun Solo",
    "jateng.tribunnews.com": "Tribun Jateng",
    "jogja.tribunnews.com": "Tribun Jogja",
    "jabar.tribunnews.com": "Tribun Jabar",
    "bogor.tribunnews.com": "Tribun Bogor",
    "surabaya.tribunnews.com": "Tribun Jatim",
    "bali.tribunnews.com": "Tribun Bali",
    "makassar.tribunnews.com": "Tribun Timur",
    "medan.tribunnews.com": "Tribun Medan",
    "aceh.tribunnews.com": "Serambi News",
    "kaltim.tribunnews.com": "Tribun Kaltim",
    "manado.tribunnews.com": "Tribun Manado",
}

HOST_OFFSETS = {
    "bali.tribunnews.com": "+08:00",
    "makassar.tribunnews.com": "+08:00",
    "kaltim.tribunnews.com": "+08:00",
    "manado.tribunnews.com": "+08:00",
}


class TribunParser(ArticleParser):
    """Tribun rules: JSON-LD ``author`` is the editor; the credit box names editor and source."""

    network = "tribun"
    body_selectors = ("div.side-article.txt-article", "div.txt-article")
    date_selectors = ("div.grey.bdr3 time", "time.grey", "div.mt10 time")

    def tags(self) -> list[str]:
        return self.texts("h5.tagcloud3 a") or self.fallback("tags", super().tags())

    def category(self) -> str | None:
        crumbs = [c for c in self.texts("ul.breadcrumb li") if c.lower() != "home"]
        return crumbs[-1] if crumbs else self.fallback("category", super().category())

    def editor(self) -> str | None:
        text = text_of(select_one(self.root, "div#editor"))
        name = re.sub(r"^editor\s*:\s*", "", text, flags=re.I)
        return name or self.fallback("editor", super().editor())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, "#artimg div.grey2"))
        return text or self.fallback("image_caption", super().image_caption())


class Tribun(Network):
    name = "tribun"
    title = "Tribun Network"
    portals = PORTALS
    host_pattern = re.compile(r"[\w-]+\.tribunnews\.com")
    article_path = re.compile(r"^/(?:[a-z-]+/\d{5,}|(?:[a-z-]+/)?\d{4}/\d{2}/\d{2})/[\w-]+")
    parser = TribunParser
    host_offsets = HOST_OFFSETS
    full_text_param = ("page", "all")
    real_pages = ("solo.tribunnews.com/2020-10-09-protokol-kesehatan-3m.html",)
    discovery = ("urls",)
