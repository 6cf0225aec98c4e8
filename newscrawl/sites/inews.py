"""iNews.id regional. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Inews(Network):
    name = "inews"
    title = "iNews.id regional"
    host_pattern = re.compile(r"(?:[\w-]+\.)?inews\.id")
