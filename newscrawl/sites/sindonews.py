"""SINDOnews daerah. Skeleton: filled in by the network's module work (reference only until then)."""

from __future__ import annotations

import re

from newscrawl.sites.base import Network


class Sindonews(Network):
    name = "sindonews"
    title = "SINDOnews daerah"
    host_pattern = re.compile(r"(?:[\w-]+\.)?sindonews\.com")
