"""Jawa Pos Radar network. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Radar(Network):
    name = "radar"
    title = "Jawa Pos Radar network"
    host_pattern = re.compile(r"(?:[\w-]+\.)?jawapos\.com")
