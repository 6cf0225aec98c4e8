"""Republika regional editions. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Republika(Network):
    name = "republika"
    title = "Republika regional editions"
    host_pattern = re.compile(r"(?:[\w-]+\.)?republika\.co\.id")
