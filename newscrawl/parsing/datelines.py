"""Publication times where a reader sees them: a date inside a byline, the line by the headline, the URL.

Indonesian portals print the time in a handful of shapes ("Selasa, 16 Februari 2016 | 14:38 WIB",
"Kamis, 05 November 2015, 15:07 WIB", "16/02/2016 14:38", "16 Feb 2016, 14:38 WIB", "18 Jun 2015 at 06:25 WIB",
"2 jam lalu"), often inside a longer line ("Abi Sarwanto, CNN Indonesia | Selasa, 01/05/2018 05:27 WIB").
:func:`date_in_text` cuts the date out of such a line; :func:`dates_near` reads the lines around the
headline, which is where every template puts its dateline; :func:`url_day` reads ``/2016/02/16/`` and
``/16/02/15/`` from the article URL.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.etree import _Element

from newscrawl.dates import MONTH_NAMES

_DAY = (
    r"(?:senin|selasa|rabu|kamis|jum'?at|jumat|sabtu|minggu|ahad"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
# The month names newscrawl.dates reads, longest first so that "juni" is not read as "jun" + "i".
_MONTH = "(?:" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + ")"
_CLOCK = r"(?:(?:pukul|pkl\.?|jam|at|@)\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)"
_ZONE = r"(?:\s*\(?(?:WIB|WITA|WIT|GMT\s*[+-]\s*\d{1,2}|UTC\s*[+-]\s*\d{1,2})\)?(?![a-z]))?"
_SEP = r"\s*(?:[,|/\-–—•·]|\bat\b|\bpukul\b|\bpkl\.?|\bjam\b)?\s*"
_DATE_SHAPES = re.compile(
    rf"(?:{_DAY}\s*,?\s*)?"
    rf"(?:\d{{1,2}}[\s-]+{_MONTH}\.?[\s-]+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})"
    rf"(?:{_SEP}{_CLOCK}{_ZONE})?",
    re.I,
)
_RELATIVE = re.compile(
    r"\b\d{1,3}\s*(?:detik|menit|jam|hari)\s+(?:yang\s+)?lalu\b|\bbaru\s+saja\b|\bkemarin(?:\s+\d{1,2}[:.]\d{2})?",
    re.I,
)
# A time alone ("14:38 WIB"): the day then comes from the URL.
_TIME_ONLY = re.compile(rf"^\W*(?:pukul\s*|pkl\.?\s*|jam\s*)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?{_ZONE}\W*$", re.I)

#: Lines longer than this are text, not a dateline.
MAX_LINE = 160


def date_in_text(text: str) -> str | None:
    """The date (with its time and zone when printed) inside a short line, exactly as printed."""
    if len(text) > MAX_LINE:
        return None
    match = _DATE_SHAPES.search(text)
    if match is not None:
        return match.group(0).strip(" ,|-–—")
    match = _RELATIVE.search(text)
    return match.group(0) if match is not None else None


def is_time_only(text: str) -> bool:
    return bool(_TIME_ONLY.match(text))


def _window(
    root: _Element, anchor: _Element, skip: Callable[[_Element], bool], before: int, after: int
) -> list[tuple[int, _Element]]:
    """(distance, element) for the elements holding text within ``before``/``after`` text-holding elements of
    ``anchor`` in document order, skipped subtrees left out. The walk stops ``after`` elements past the anchor."""
    previous: deque[_Element] = deque(maxlen=before)
    following: list[_Element] = []
    skipped: set[_Element] = set()
    inside: set[_Element] = set()
    found_anchor = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        if parent is not None and parent in skipped:
            skipped.add(element)
            continue
        if element.tag in ("script", "style", "noscript", "head") or skip(element):
            skipped.add(element)
            continue
        if element is anchor or (parent is not None and parent in inside):
            inside.add(element)  # the headline itself and what it holds
            found_anchor = True
            continue
        has_text = bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)
        if not has_text:
            continue
        if found_anchor:
            following.append(element)
            if len(following) >= after:
                break
        else:
            previous.append(element)
    if not found_anchor:
        return []
    window = [(i + 1, e) for i, e in enumerate(following)]
    window += [(-(len(previous) - i), e) for i, e in enumerate(previous)]
    return window


def dates_near(
    root: _Element, anchor: _Element, skip: Callable[[_Element], bool], before: int = 12, after: int = 40
) -> Iterator[tuple[int, str, _Element]]:
    """Dates printed in the lines around ``anchor`` (the headline): (distance, date text, element).

    The line an element shows is its own text with its inline children's (``<b>Senin</b>, 5 ...``): each
    element's text is taken whole once it is short. Lines after the headline come before lines above it at the
    same distance. A line inside a skipped subtree (sidebar, listing) is never read. The walk over the document
    stops ``after`` lines past the headline.
    """
    window = _window(root, anchor, skip, before, after)
    window.sort(key=lambda pair: (abs(pair[0]), pair[0] < 0))
    done: set[str] = set()
    for distance, element in window:
        text = " ".join("".join(element.itertext()).split())
        if not text or len(text) > MAX_LINE:
            text = " ".join((element.text or "").split())
        found = date_in_text(text) if text else None
        if found is None and text and is_time_only(text):
            found = text
        if found and found not in done:
            done.add(found)
            yield distance, found, element


_URL_YMD = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$)")
_URL_YMD_COMPACT = re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?=\d{6}|[/_-])")
_URL_YY = re.compile(r"/(\d{2})/(\d{2})/(\d{2})/")


@lru_cache(maxsize=1024)
def url_day(url: str) -> date | None:
    """The publication day a URL path names: ``/2016/02/16/``, ``/20180430182335-...`` or ``/16/02/15/``."""
    path = urlsplit(url).path
    for pattern, century in ((_URL_YMD, 0), (_URL_YMD_COMPACT, 0), (_URL_YY, 2000)):
        match = pattern.search(path)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups())
        try:
            found = date(year + century, month, day)
        except ValueError:
            continue
        if 1995 <= found.year <= 2100:
            return found
    return None
