"""Kompas.com regional. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Kompas(Network):
    name = "kompas"
    title = "Kompas.com regional"
    host_pattern = re.compile(r"(?:[\w-]+\.)?kompas\.com")
