"""ANTARA regional bureaus. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Antara(Network):
    name = "antara"
    title = "ANTARA regional bureaus"
    host_pattern = re.compile(r"[\w-]+\.antaranews\.com")
