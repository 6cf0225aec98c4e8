"""detikcom regional. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Detik(Network):
    name = "detik"
    title = "detikcom regional"
    host_pattern = re.compile(r"(?:[\w-]+\.)?detik\.com")
