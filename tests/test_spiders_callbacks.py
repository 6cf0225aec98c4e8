"""The check Scrapy would run on every response (WARN_ON_GENERATOR_RETURN_VALUE, off in newscrawl/settings.py
because its cache misses for bound methods and it cost ~9 % of a crawl), run once here on every callback."""

from __future__ import annotations

import inspect

from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import is_generator_with_return_value
from scrapy.utils.project import get_project_settings


def test_no_spider_callback_is_a_generator_that_returns_a_value() -> None:
    settings = get_project_settings()
    assert settings.getbool("WARN_ON_GENERATOR_RETURN_VALUE") is False
    loader = SpiderLoader.from_settings(settings)
    checked = []
    for name in loader.list():
        spider = loader.load(name)
        for attr, member in inspect.getmembers(spider, inspect.isfunction):
            if attr.startswith("parse") or attr in ("start",):
                assert not is_generator_with_return_value(member), f"{name}.{attr}"
                checked.append(f"{name}.{attr}")
    assert any(c.endswith(".parse_article") for c in checked)
    assert len({c.split(".")[0] for c in checked}) == len(loader.list())


def test_the_check_does_catch_a_generator_that_returns_a_value() -> None:
    def bad(response: object):  # type: ignore[no-untyped-def]
        yield response
        return "lost"

    def good(response: object):  # type: ignore[no-untyped-def]
        yield response

    assert is_generator_with_return_value(bad)
    assert not is_generator_with_return_value(good)
