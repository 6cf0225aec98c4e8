"""Okezone (MNC): ``*.okezone.com`` kanal hosts, one template.

Checked against a real page: an ``economy.okezone.com`` article saved from a browser (DOM snapshot,
scripts already run), in ../shared. Its editor is only a CMS code (dataLayer ``'editor':'fbn'``).
"""

from __future__ import annotations

import re
from typing import ClassVar

from newscrawl.parsing.article import ArticleParser
from newscrawl.parsing.page import select_one, text_of
from newscrawl.sites.base import Network


class OkezoneParser(ArticleParser):
    network = "okezone"
    body_selectors = ("div#contentx", "div.read", "div.c-detail.read")
    date_selectors = ("div.namerep b", ".journalist span")

    def tags(self) -> list[str]:
        return self.texts("div.detail-tag a, #tag .box-tag a", strip="#") or self.fallback("tags", super().tags())

    def image_caption(self) -> str | None:
        text = text_of(select_one(self.root, "div.detfoto span"))
        return text or self.fallback("image_caption", super().image_caption())


class Okezone(Network):
    name = "okezone"
    title = "Okezone"
    portals: ClassVar[dict[str, str | None]] = {
        "news.okezone.com": "Okezone News",
        "economy.okezone.com": "Okezone Economy",
        "nasional.okezone.com": "Okezone Nasional",
    }
    host_pattern = re.compile(r"[\w-]+\.okezone\.com")
    article_path = re.compile(r"^/read/\d{4}/\d{2}/\d{2}/\d+/\d+/[\w-]+")
    parser = OkezoneParser
    full_text_param = ("page", "all")
    real_pages = ("economy.okezone.com/2243366-rekomendasi-bisnis-DOMSNAPSHOT.html",)
    discovery = ("urls",)

    def site_name_for(self, url: str) -> str | None:
        # The page calls itself "Okezone.com" (JSON-LD publisher); og:site_name is a URL.
        return None
