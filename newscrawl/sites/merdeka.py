"""Merdeka.com. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Merdeka(Network):
    name = "merdeka"
    title = "Merdeka.com"
    host_pattern = re.compile(r"(?:www\.)?merdeka\.com")
