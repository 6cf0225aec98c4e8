"""CSS selectors matched in Python, right to left, without an XPath scan of the whole tree.

lxml evaluates a CSS selector as cssselect's XPath translation, and libxml2 spends about 0.4 µs per element
on the string functions of a class test (``contains(concat(' ', normalize-space(@class), ' '), ' x ')``):
some 0.3-0.9 ms per look-up on a real article page, dozens of look-ups per page. Here a selector is parsed
once by cssselect (the same parser lxml uses) and matched the way browsers do: candidates for its last
compound come from lxml's C-level ``iter(tag)`` or from a per-page index of class and id tokens, and each
candidate's ancestors and siblings are checked against the rest. The answers are those of
``lxml.cssselect.CSSSelector(css)(node)`` (its default XML translator: names are case-sensitive; prefix
``descendant-or-self::``): the same
elements in document order; ``tests/test_css.py`` compares the two on every selector the site modules use,
on every fixture and real page. Shapes this matcher does not know (pseudo-classes other than ``:not`` of a
compound, namespaces, pseudo-elements) return None from :func:`compile_css`, and the caller uses lxml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import cssselect
from cssselect.parser import Attrib, Class, CombinedSelector, Element, Hash, Negation
from lxml import etree
from lxml.cssselect import LxmlTranslator
from lxml.etree import _Element

#: XPath's whitespace (normalize-space), which is what cssselect's class test splits on
_XPATH_SPACE = str.maketrans("\t\r\n", "   ")


@lru_cache(maxsize=4096)
def class_tokens(value: str) -> frozenset[str]:
    """The tokens of a class attribute as cssselect's XPath sees them (split on space, tab, CR, LF only).
    Pages repeat the same few hundred class values, so the answers are kept."""
    return frozenset(value.translate(_XPATH_SPACE).split(" "))


@dataclass(frozen=True, slots=True)
class Compound:
    """A compound selector: tag, ids, classes and attribute tests of one element, and negated compounds."""

    tag: str | None
    ids: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    #: (attribute name, operator, value): operators as cssselect spells them ("exists", "=", "~=", ...)
    attrs: tuple[tuple[str, str, str | None], ...] = ()
    nots: tuple[Compound, ...] = ()

    def matches(self, el: _Element) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        for wanted in self.ids:
            if el.get("id") != wanted:
                return False
        if self.classes:
            value = el.get("class")
            if value is None:
                return False
            tokens = class_tokens(value)
            for name in self.classes:
                if name not in tokens:
                    return False
        for name, op, arg in self.attrs:
            if not _attr_matches(el.get(name), op, arg):
                return False
        return not any(negated.matches(el) for negated in self.nots)


def _attr_matches(value: str | None, op: str, arg: str | None) -> bool:
    """cssselect's XPath for each attribute operator, in Python (``tests/test_css.py`` checks each)."""
    if op == "exists":
        return value is not None
    if op == "!=":
        return value != arg if arg else (value is not None and value != arg)
    if value is None or arg is None:
        return False
    if op == "=":
        return value == arg
    if op == "~=":
        return bool(arg) and not any(c in arg for c in " \t\r\n") and arg in class_tokens(value)
    if op == "|=":
        return value == arg or value.startswith(arg + "-")
    if op == "^=":
        return bool(arg) and value.startswith(arg)
    if op == "$=":
        return bool(arg) and value.endswith(arg)
    if op == "*=":
        return bool(arg) and arg in value
    return False


@dataclass(frozen=True, slots=True)
class Complex:
    """Compounds joined by combinators, left to right: ``parts[i]`` is reached from ``parts[i-1]`` by
    ``combinators[i-1]`` (" " descendant, ">" child, "+" next sibling, "~" later sibling). ``xpath`` is lxml's
    own translation, for the alternatives that no index or tag narrows down."""

    parts: tuple[Compound, ...]
    combinators: tuple[str, ...]
    xpath: etree.XPath

    @property
    def subject(self) -> Compound:
        return self.parts[-1]

    @property
    def uses_siblings(self) -> bool:
        return any(c in "+~" for c in self.combinators)

    def matches(self, el: _Element, scope: _Element, memo: dict[tuple[int, _Element], bool]) -> bool:
        """Whether ``el`` (``scope`` or inside it) is matched with the leftmost compound at ``scope`` or below.
        ``memo`` keeps, for one look-up of this selector, which ancestors and siblings matched which prefix
        (not the candidates themselves: each is asked once, and a million of them would be kept alive)."""
        last = len(self.parts) - 1
        return self.parts[last].matches(el) and (last == 0 or self._left_of(el, last, scope, memo))

    def _match_at(self, el: _Element, i: int, scope: _Element, memo: dict[tuple[int, _Element], bool]) -> bool:
        key = (i, el)
        known = memo.get(key)
        if known is None:
            known = memo[key] = self.parts[i].matches(el) and (i == 0 or self._left_of(el, i, scope, memo))
        return known

    def _left_of(self, el: _Element, i: int, scope: _Element, memo: dict[tuple[int, _Element], bool]) -> bool:
        """Whether ``parts[:i]`` match from ``el``'s ancestors or earlier siblings (``parts[i]`` matched ``el``)."""
        if el is scope:
            return False
        combinator = self.combinators[i - 1]
        if combinator in (" ", ">"):
            parent = el.getparent()
            while parent is not None:
                if self._match_at(parent, i - 1, scope, memo):
                    return True
                if combinator == ">" or parent is scope:
                    return False
                parent = parent.getparent()
            return False
        sibling = el.getprevious()
        while sibling is not None:
            if isinstance(sibling.tag, str):
                if self._match_at(sibling, i - 1, scope, memo):
                    return True
                if combinator == "+":
                    return False
            sibling = sibling.getprevious()
        return False

    def anchor(self) -> int | None:
        """The rightmost compound naming a class or id from which the subject is reached by descendant and
        child steps only (so every match lies inside an element that compound matches), or None."""
        for i in range(len(self.parts) - 1, -1, -1):
            part = self.parts[i]
            if part.ids or part.classes:
                return i
            if i and self.combinators[i - 1] not in (" ", ">"):
                return None
        return None


def _compound(tree: object) -> Compound | None:
    """A Compound for a cssselect tree without combinators, or None for what this module does not match."""
    ids: list[str] = []
    classes: list[str] = []
    attrs: list[tuple[str, str, str | None]] = []
    nots: list[Compound] = []
    node = tree
    while not isinstance(node, Element):
        if isinstance(node, Class):
            classes.append(node.class_name)
        elif isinstance(node, Hash):
            ids.append(node.id)
        elif isinstance(node, Attrib):
            if node.namespace:
                return None
            value = None if node.value is None else node.value.value
            attrs.append((node.attrib, node.operator, value))
        elif isinstance(node, Negation):
            negated = _compound(node.subselector)
            if negated is None:
                return None
            nots.append(negated)
        else:
            return None  # pseudo-classes, functions
        node = node.selector
    if node.namespace:
        return None
    tag = node.element or None
    return Compound(tag, tuple(reversed(ids)), tuple(reversed(classes)), tuple(reversed(attrs)), tuple(nots))


_TRANSLATOR = LxmlTranslator()


def _complex(selector: cssselect.Selector) -> Complex | None:
    tree = selector.parsed_tree
    parts: list[Compound] = []
    combinators: list[str] = []
    node = tree
    while isinstance(node, CombinedSelector):
        right = _compound(node.subselector)
        if right is None:
            return None
        parts.append(right)
        combinators.append(node.combinator)
        node = node.selector
    first = _compound(node)
    if first is None:
        return None
    parts.append(first)
    xpath = etree.XPath(_TRANSLATOR.selector_to_xpath(selector))
    return Complex(tuple(reversed(parts)), tuple(reversed(combinators)), xpath)


@lru_cache(maxsize=1024)
def compile_css(css: str) -> tuple[Complex, ...] | None:
    """The alternatives of a selector group, or None when one of them needs lxml's own evaluation."""
    try:
        parsed = cssselect.parse(css)
    except cssselect.SelectorError:
        return None
    alternatives = []
    for selector in parsed:
        if selector.pseudo_element is not None:
            return None
        compiled = _complex(selector)
        if compiled is None:
            return None
        alternatives.append(compiled)
    return tuple(alternatives)


_SAFE_NAME = re.compile(r"[A-Za-z_][\w.-]*")
_CLASSED = etree.XPath("descendant-or-self::*[@class]")
_CLASS_VALUES = etree.XPath("descendant-or-self::*/@class", smart_strings=False)


@lru_cache(maxsize=64)
def _having_xpath(name: str) -> etree.XPath:
    """Every element with attribute ``name`` (a safe XML name), compiled once."""
    return etree.XPath(f"descendant-or-self::*[@{name}]")


_IDED = etree.XPath("descendant-or-self::*[@id]")
_ID_VALUES = etree.XPath("descendant-or-self::*/@id", smart_strings=False)


class TokenIndex:
    """The elements of a tree with a class or id, by token, in document order.

    libxml2 lists the elements and their attribute values (two C-level passes, the lists aligned); the set
    of class tokens is one split of their joined values, and the elements of one class are looked up the
    first time a selector asks for it. Reading ``el.get("class")`` element by element from Python cost
    twice as much as all of this.
    """

    def __init__(self, root: _Element) -> None:
        self._root = root
        values: list[str] = _CLASS_VALUES(root)
        #: every class token on the page, and every id (strings only: the elements are listed when asked for)
        self.tokens: set[str] = set(" ".join(values).translate(_XPATH_SPACE).split(" "))
        self.id_values: set[str] = set(_ID_VALUES(root))
        self._classes: dict[str, list[_Element]] = {}
        self._having: dict[str, list[_Element]] = {}

    @cached_property
    def classed(self) -> list[tuple[_Element, str]]:
        """Every element with a class attribute, with the attribute, in document order."""
        return list(zip(_CLASSED(self._root), _CLASS_VALUES(self._root), strict=True))

    @cached_property
    def ided(self) -> list[tuple[_Element, str]]:
        """Every element with an id, with the id, in document order."""
        return list(zip(_IDED(self._root), _ID_VALUES(self._root), strict=True))

    @cached_property
    def ids(self) -> dict[str, list[_Element]]:
        found: dict[str, list[_Element]] = {}
        for el, ident in self.ided:
            found.setdefault(ident, []).append(el)
        return found

    def of_class(self, name: str) -> list[_Element]:
        found = self._classes.get(name)
        if found is None:
            if name in self.tokens:
                found = [el for el, value in self.classed if name in value and name in class_tokens(value)]
            else:
                found = []
            self._classes[name] = found
        return found

    def candidates(self, compound: Compound) -> list[_Element] | None:
        """The elements that can match ``compound`` by one of its tokens, or None when it names none."""
        if compound.ids:
            return self.ids.get(compound.ids[0], [])
        if compound.classes:
            return min((self.of_class(name) for name in compound.classes), key=len)
        if compound.tag is not None:
            return None  # a C-level walk over the tag beats a scan for an attribute
        for name, op, arg in compound.attrs:
            if op == "!=":
                continue  # also true where the attribute is missing
            if name == "class":
                return [el for el, value in self.classed if _attr_matches(value, op, arg)]
            if name == "id":
                return [el for el, value in self.ided if _attr_matches(value, op, arg)]
            if _SAFE_NAME.fullmatch(name):
                found = self._having.get(name)
                if found is None:
                    found = self._having[name] = _having_xpath(name)(self._root)
                return found
        return None

    def can_match(self, compound: Compound) -> bool:
        """False when a class or id the compound needs appears nowhere in the tree."""
        if any(name not in self.id_values for name in compound.ids):
            return False
        return all(name in self.tokens for name in compound.classes)


def _top_level(elements: list[_Element]) -> list[_Element]:
    """The elements (in document order) that are not inside another of them."""
    kept: list[_Element] = []
    seen: set[_Element] = set()
    for el in elements:
        if not any(a in seen for a in el.iterancestors()):
            kept.append(el)
        seen.add(el)
    return kept


_REGEX_FORMS = {"*=": "{}", "^=": "^{}", "$=": "{}\\Z", "=": "^{}\\Z"}


def _simple_attr_test(alt: Complex) -> tuple[str, str, str] | None:
    """(attribute, operator, value) when ``alt`` is a lone class or id test a regex can answer, else None."""
    if len(alt.parts) != 1:
        return None
    part = alt.parts[0]
    if part.tag is not None or part.ids or part.classes or part.nots or len(part.attrs) != 1:
        return None
    name, op, arg = part.attrs[0]
    if name not in ("class", "id") or op not in _REGEX_FORMS or not arg:
        return None
    return name, op, arg


@lru_cache(maxsize=256)
def _attr_pattern(tests: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One regex true where any of the (operator, value) tests is: contains, starts, ends or equals."""
    return re.compile("|".join(_REGEX_FORMS[op].format(re.escape(arg)) for op, arg in tests))


def _pool(alt: Complex, index: TokenIndex) -> list[_Element] | None:
    """Candidates for the subject of ``alt`` on an indexed root, in document order: from the index when the
    subject names a class or id, else inside the elements the anchor compound matches; None without one."""
    found = index.candidates(alt.subject)
    if found is not None:
        return found
    at = alt.anchor()
    if at is None:
        return None
    anchors = _top_level([el for el in index.candidates(alt.parts[at]) or () if alt.parts[at].matches(el)])
    tag = alt.subject.tag or etree.Element
    pool: list[_Element] = []
    for anchor in anchors:
        pool.extend(el for el in anchor.iter(tag) if el is not anchor)
    return pool


def select(node: _Element, alternatives: tuple[Complex, ...], index: TokenIndex | None) -> list[_Element]:
    """The elements at or under ``node`` that match any alternative, in document order, each once.

    ``index`` is the token index of the tree ``node`` is the root of (None when ``node`` is not a root; a
    selector with an alternative that names no tag gets one for ``node``): with it, candidates come from the
    elements naming the selector's classes, ids or attributes. Alternatives whose subject has only a tag are
    matched in one C-level walk over those tags; what is left (``*``, ``:not(...)`` alone) by lxml's XPath.
    """
    if index is None and any(alt.subject.tag is None for alt in alternatives):
        # Alternatives without a tag ("[class*='ads']", "[id^='div-gpt']") would each be a scan of the
        # subtree: index the subtree once instead.
        index = TokenIndex(node)
    if index is not None:
        alternatives = tuple(alt for alt in alternatives if all(index.can_match(p) for p in alt.parts))
    memos: dict[int, dict[tuple[int, _Element], bool]] = {id(alt): {} for alt in alternatives}
    found: list[list[_Element]] = []
    by_tag: list[Complex] = []
    if index is not None:
        # "[class*='ads'], [class*='iklan'], [id^='div-gpt-ad'], ...": one regex per attribute, one pass.
        simple: dict[str, list[tuple[str, str]]] = {}
        rest = []
        for alt in alternatives:
            test = _simple_attr_test(alt)
            if test is None:
                rest.append(alt)
            else:
                simple.setdefault(test[0], []).append(test[1:])
        alternatives = tuple(rest)
        for name, tests in simple.items():
            pattern = _attr_pattern(tuple(tests))
            pairs = index.classed if name == "class" else index.ided
            found.append([el for el, value in pairs if pattern.search(value)])
    for alt in alternatives:
        pool = _pool(alt, index) if index is not None else None
        if pool is not None:
            found.append([el for el in pool if alt.matches(el, node, memos[id(alt)])])
        elif alt.subject.tag is not None:
            by_tag.append(alt)
        else:
            found.append(list(alt.xpath(node)))
    if by_tag:
        tags = sorted({alt.subject.tag for alt in by_tag if alt.subject.tag is not None})
        found.append([el for el in node.iter(*tags) if any(alt.matches(el, node, memos[id(alt)]) for alt in by_tag)])
    hits = [f for f in found if f]
    if len(hits) <= 1:
        return hits[0] if hits else []
    # Several alternatives matched: one walk puts their elements in document order, each once (a map of every
    # element's position would hold a million entries on the largest pages newscrawl accepts).
    wanted = {el for f in hits for el in f}
    ordered: list[_Element] = []
    for el in node.iter(etree.Element):
        if el in wanted:
            ordered.append(el)
            if len(ordered) == len(wanted):
                break
    return ordered
