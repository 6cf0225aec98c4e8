"""Harian Jogja. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Harianjogja(Network):
    name = "harianjogja"
    title = "Harian Jogja"
    host_pattern = re.compile(r"(?:[\w-]+\.)?harianjogja\.com")
