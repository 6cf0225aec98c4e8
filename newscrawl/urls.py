"""URL rules shared by every network: canonical form, tracking-query removal, paging parameters."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import tldextract

# Query keys that only track a click; they never select different content.
TRACKING_KEYS = frozenset(
    {"taging", "tagging", "fbclid", "gclid", "ref", "source", "src", "from", "amp", "utm", "_ga", "mc_cid"}
)
PAGING_KEYS = frozenset({"page", "single", "showpage", "halaman", "hal"})


def _drop_key(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_KEYS or key in PAGING_KEYS or key.startswith("utm_")


def canonical_url(url: str) -> str:
    """The article's page-1 URL: https/http kept, no fragment, no paging or tracking query."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _drop_key(k)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def with_query(url: str, **params: str) -> str:
    """``url`` with query parameters set (replacing existing ones of the same name)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += list(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def page_number(url: str) -> int | None:
    """The ``?page=N`` of a URL (None when absent or not a number, e.g. ``page=all``)."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() == "page" and value.isdigit():
            return int(value)
    return None


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(host_a: str, host_b: str) -> bool:
    """True when two hosts share their last two labels (portal.example.com ~ www.example.com)."""
    return host_a.split(".")[-2:] == host_b.split(".")[-2:] if host_a and host_b else False


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # The public suffix list bundled with tldextract: never fetched (crawls and tests stay offline).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def brand_of(host: str) -> str:
    """The registered-domain label of a host, the portal's brand: ``news.liputan6.com`` -> ``liputan6``,
    ``dunia.news.viva.co.id`` -> ``viva`` (public suffix list, so ``co.id`` is one suffix)."""
    return _extractor()(host).domain.lower()
