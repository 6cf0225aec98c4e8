"""Suara.com network. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Suara(Network):
    name = "suara"
    title = "Suara.com network"
    host_pattern = re.compile(r"(?:[\w-]+\.)?suara\.com")
