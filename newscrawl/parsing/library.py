"""The last body layer: a well-kept content-extraction library (trafilatura) reads pages our own layers cannot.

It runs only when the selectors, the generic rules and the text-density rule found no article text, and only
after the page has passed the refusals (soft 404, listing, not an article), so it cannot turn a listing into a
record. What it returns is cleaned by the project's own furniture, dateline and sign-off rules.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml.etree import _Element

logger = logging.getLogger(__name__)


def main_text(root: _Element, url: str) -> list[str]:
    """The paragraphs trafilatura takes for the page's main text (empty when it finds none)."""
    import trafilatura  # lazy: ~0.3 s to import, and most pages never need it

    html = etree.tostring(root, encoding="unicode", method="html")
    try:
        text = trafilatura.extract(
            html,
            url=url,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            deduplicate=False,
            with_metadata=False,
        )
    except Exception as exc:  # a library failure on one page must not stop the crawl
        logger.warning("trafilatura failed on %s: %s", url, exc)
        return []
    if not text:
        return []
    return [line for line in text.splitlines() if line.strip()]
