"""Find the article text in any layout by where the text is, not by class names.

The generic layer's last own rule (before a content-extraction library is asked): every stretch of running
text on the page is credited to the block element a reader sees it in, and the block holding the most text
wins. A stretch is a ``<p>`` (credited to the ``<p>``'s parent, so that paragraphs in one container add up)
or a run of text written directly in a block and cut by ``<br>`` or block children (credited to that block:
text in a ``div``/``td``/``span`` separated by ``<br>``). Link text does not count, so menus, teaser lists and
tag clouds score nothing however long they are. Paragraphs spread over sibling containers of one kind
(``<div class="txt">`` split by an ad) are read together.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from lxml import etree
from lxml.etree import _Element

# Elements that hold no article text however much text they hold.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "form",
        "button",
        "select",
        "option",
        "textarea",
        "nav",
        "aside",
        "footer",
        "figure",
        "figcaption",
        "svg",
        "head",
        "title",
        "template",
        "h1",
        "label",
    }
)
# Elements inside a run of text: their text is part of the line they sit in.
_INLINE = frozenset(
    {
        "a",
        "b",
        "strong",
        "em",
        "i",
        "u",
        "span",
        "font",
        "small",
        "big",
        "sup",
        "sub",
        "abbr",
        "cite",
        "q",
        "mark",
        "time",
        "code",
        "s",
        "strike",
        "del",
        "ins",
        "bdi",
        "var",
        "dfn",
        "kbd",
        "wbr",
        "img",
    }
)
# A run shorter than this is a label, a date or a button, not running text.
MIN_RUN = 25
# The winner must hold at least this much running text (less is a teaser or a notice, not an article).
MIN_SCORE = 150


def _is_block(node: _Element) -> bool:
    tag = node.tag
    if not isinstance(tag, str):
        return False
    if tag in _INLINE:
        # A span or font that lays text out in lines (text cut by <br>) is a text block of its own.
        return tag in ("span", "font") and any(child.tag == "br" for child in node)
    return True


class _Scorer:
    def __init__(self, skip: Callable[[_Element], bool]) -> None:
        self.skip = skip
        self.scores: dict[_Element, int] = {}

    def credit(self, node: _Element, chars: int) -> None:
        if chars >= MIN_RUN:
            self.scores[node] = self.scores.get(node, 0) + chars

    def walk_block(self, block: _Element) -> None:
        """Credit the runs written directly in ``block``; recurse into its block children."""
        run = [0]  # characters of the current run that are not link text

        def flush() -> None:
            target = block
            if block.tag == "p":
                parent = block.getparent()
                target = parent if parent is not None else block
            self.credit(target, run[0])
            run[0] = 0

        def inline(node: _Element, in_link: bool) -> None:
            if node.text and not in_link:
                run[0] += len(" ".join(node.text.split()))
            for child in node:
                add_child(child, in_link)

        def add_child(child: _Element, in_link: bool) -> None:
            tag = child.tag
            if not isinstance(tag, str):
                pass  # comments and processing instructions hold no visible text
            elif tag == "br" or tag in _SKIP or self.skip(child):
                flush()
            elif _is_block(child):
                flush()
                self.walk_block(child)
            else:
                inline(child, in_link or tag == "a")
            if child.tail and not in_link:
                run[0] += len(" ".join(child.tail.split()))

        if block.text:
            run[0] += len(" ".join(block.text.split()))
        for child in block:
            add_child(child, False)
        flush()


def densest_text_block(root: _Element, skip: Callable[[_Element], bool]) -> _Element | None:
    """The block element that holds the most running text outside links, or None when no block holds
    ``MIN_SCORE`` characters of it. ``skip(element)`` leaves an element and its subtree out (sidebars)."""
    body = next(root.iter("body"), root)
    scorer = _Scorer(skip)
    scorer.walk_block(body)
    if not scorer.scores:
        return None
    best = max(scorer.scores, key=lambda node: scorer.scores[node])
    if scorer.scores[best] < MIN_SCORE:
        return None
    return _with_siblings(best, scorer.scores)


def _subtree_score(node: _Element, scores: dict[_Element, int]) -> int:
    return sum(scores.get(element, 0) for element in node.iter())


def _with_siblings(best: _Element, scores: dict[_Element, int]) -> _Element:
    """``best``, or one container holding it and its same-kind siblings that hold running text too: the
    text of an article split into several ``<div class="x">`` by ads or embeds between them."""
    parent = best.getparent()
    if parent is None:
        return best
    if scores.get(parent, 0) >= max(MIN_SCORE, scores[best] // 4):
        # The parent has running text of its own beside this block: the block is part of the text.
        return parent
    kind = (best.tag, best.get("class"))
    siblings = [child for child in parent if isinstance(child.tag, str)]
    same = [child for child in siblings if (child.tag, child.get("class")) == kind]
    texty = [child for child in same if child is best or _subtree_score(child, scores) > 0]
    if len(texty) < 2:
        return best
    merged = etree.Element("div")
    for child in siblings:
        if child in texty:
            duplicate = copy.deepcopy(child)
            duplicate.tail = None
            merged.append(duplicate)
    return merged
