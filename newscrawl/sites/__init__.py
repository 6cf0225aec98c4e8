"""Network modules: one per family of portals sharing a template. ``network_for(url)`` picks one."""

from __future__ import annotations

from newscrawl.sites.antara import Antara
from newscrawl.sites.base import Generic, Network
from newscrawl.sites.detik import Detik
from newscrawl.sites.harianjogja import Harianjogja
from newscrawl.sites.inews import Inews
from newscrawl.sites.kompas import Kompas
from newscrawl.sites.mediaindonesia import MediaIndonesia
from newscrawl.sites.merdeka import Merdeka
from newscrawl.sites.okezone import Okezone
from newscrawl.sites.prmn import Prmn
from newscrawl.sites.radar import Radar
from newscrawl.sites.republika import Republika
from newscrawl.sites.sindonews import Sindonews
from newscrawl.sites.suara import Suara
from newscrawl.sites.tribun import Tribun

#: every network module; hosts do not overlap, so the order only matters for the generic fallback
NETWORKS: tuple[Network, ...] = (
    Prmn(),
    Tribun(),
    Suara(),
    Antara(),
    Detik(),
    Kompas(),
    Okezone(),
    Inews(),
    Sindonews(),
    Radar(),
    MediaIndonesia(),
    Republika(),
    Harianjogja(),
    Merdeka(),
)
GENERIC = Generic()

# Profiles: templates shared by unrelated portals, recognised by the page rather than the host. The generic
# layer applies them (records keep ``network`` null); each has a spider for its listed or given hosts.
from newscrawl.sites.wordpress import WordPress  # noqa: E402  (imports the network base above)

PROFILES: tuple[Network, ...] = (WordPress(),)


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
