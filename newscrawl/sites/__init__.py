"""Network modules: one per family of portals sharing a template. ``network_for(url)`` picks one."""

from __future__ import annotations

from newscrawl.sites.base import Generic, Network
from newscrawl.sites.mediaindonesia import MediaIndonesia
from newscrawl.sites.okezone import Okezone
from newscrawl.sites.prmn import Prmn
from newscrawl.sites.tribun import Tribun

#: every network module, most specific first; the generic layer is the fallback
NETWORKS: tuple[Network, ...] = (Prmn(), Tribun(), Okezone(), MediaIndonesia())
GENERIC = Generic()


def network_for(url: str) -> Network:
    """The network module that owns ``url``'s host, or the generic layer."""
    for network in NETWORKS:
        if network.owns(url):
            return network
    return GENERIC


def network_named(name: str) -> Network:
    for network in NETWORKS:
        if network.name == name:
            return network
    raise KeyError(f"no network module named {name!r}")
