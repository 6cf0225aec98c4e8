"""Pipelines built with Scrapy's get_crawler and called directly: drops are counted by reason."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newscrawl.items import ArticleItem, article_id
from newscrawl.pipelines import CleanPipeline, DatesPipeline, DedupePipeline, ValidatePipeline
from newscrawl.schema import schema_errors
from newscrawl.spiders.generic import GenericSpider

BODY = (
    "Paragraf pertama berita yang cukup panjang untuk sebuah artikel. " * 3
    + "\n\nBaca Juga: Judul Lain\n\n"
    + ("Paragraf kedua yang juga berisi kalimat-kalimat berita. " * 3)
)


def make_item(**overrides: Any) -> ArticleItem:
    values: dict[str, Any] = {
        "url": "https://portaljember.pikiran-rakyat.com/jember/pr-123456789/pasar-baru",
        "headline": "Pasar Baru Dibuka - Portal Jember",
        "site_name": "Portal Jember",
        "published_at_raw": "3 Maret 2025, 09:05 WIB",
        "modified_at": "2025-03-03 10:00:00",
        "body": BODY,
        "authors": ["Andi", "Andi"],
        **overrides,
    }
    return ArticleItem(**values)


@pytest.fixture
def crawler():  # type: ignore[no-untyped-def]
    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_STATE": False})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return crawler


def run_all(crawler, item: ArticleItem) -> ArticleItem:  # type: ignore[no-untyped-def]
    for cls in (ValidatePipeline, CleanPipeline, DatesPipeline, DedupePipeline):
        item = cls.from_crawler(crawler).process_item(item)
    return item


def test_pipelines_finish_a_record(crawler) -> None:  # type: ignore[no-untyped-def]
    item = run_all(crawler, make_item())
    assert item.id == article_id(item.url)
    assert item.site == "portaljember.pikiran-rakyat.com"
    assert item.headline == "Pasar Baru Dibuka"
    assert item.published_at == "2025-03-03T09:05:00+07:00"
    assert item.modified_at == "2025-03-03T10:00:00+07:00"
    assert "Baca Juga" not in item.body and item.body.count("\n\n") == 1
    assert item.authors == ["Andi"]
    from dataclasses import asdict

    assert schema_errors(asdict(item)) == []


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"url": ""}, "missing_url"),
        ({"headline": "  "}, "missing_headline"),
        ({"body": ""}, "missing_body"),
        ({"body": "Terlalu pendek."}, "body_too_short"),
    ],
)
def test_validate_drops_and_counts(crawler, overrides: dict[str, Any], reason: str) -> None:  # type: ignore[no-untyped-def]
    pipeline = ValidatePipeline.from_crawler(crawler)
    with pytest.raises(DropItem, match=reason):
        pipeline.process_item(make_item(**overrides))
    assert crawler.stats.get_value(f"newscrawl/dropped/{reason}") == 1


def test_min_body_setting(crawler) -> None:  # type: ignore[no-untyped-def]
    crawler = get_crawler(GenericSpider, {"NEWSCRAWL_STATE": False, "NEWSCRAWL_MIN_BODY_CHARS": 10})
    crawler.stats.open_spider()  # type: ignore[union-attr]
    item = make_item(body="Cukup panjang kini.")
    assert ValidatePipeline.from_crawler(crawler).process_item(item) is item


def test_duplicates_dropped_within_run(crawler) -> None:  # type: ignore[no-untyped-def]
    pipeline = DedupePipeline.from_crawler(crawler)
    pipeline.process_item(make_item())
    with pytest.raises(DropItem, match="duplicate"):
        pipeline.process_item(make_item())
    assert crawler.stats.get_value("newscrawl/dropped/duplicate") == 1


def test_wita_portal_zone_applies_to_zoneless_dates(crawler) -> None:  # type: ignore[no-untyped-def]
    item = make_item(url="https://portalsulut.pikiran-rakyat.com/manado/pr-1/x", published_at_raw="3 Maret 2025 09:05")
    item = DatesPipeline.from_crawler(crawler).process_item(item)
    assert item.published_at == "2025-03-03T09:05:00+08:00"


def test_unparseable_date_counted(crawler) -> None:  # type: ignore[no-untyped-def]
    item = DatesPipeline.from_crawler(crawler).process_item(make_item(published_at_raw="Selanjutnya"))
    assert item.published_at is None
    assert crawler.stats.get_value("newscrawl/date_unparsed") == 1


def test_date_range_keeps_only_the_backfill_days(crawler) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime, timedelta, timezone

    from newscrawl.pipelines import DateRangePipeline

    wib = timezone(timedelta(hours=7))
    crawler.spider = GenericSpider()
    pipeline = DateRangePipeline.from_crawler(crawler)
    # no since/until (or only the raw strings a non-network spider keeps): everything passes
    crawler.spider.since = "2025-03-03"
    assert pipeline.process_item(make_item(published_at="2020-01-01T00:00:00+07:00"))
    crawler.spider.since = datetime(2025, 3, 3, tzinfo=wib)
    crawler.spider.until = datetime(2025, 3, 4, tzinfo=wib)
    assert pipeline.process_item(make_item(published_at="2025-03-03T00:00:00+07:00"))
    assert pipeline.process_item(make_item(published_at="2025-03-04T23:59:00+07:00"))
    assert pipeline.process_item(make_item(published_at="2025-03-04T23:30:00+08:00"))  # 22:30 WIB
    for outside in ("2025-03-02T23:59:00+07:00", "2025-03-05T00:00:00+07:00", "2025-03-05T01:30:00+08:00"):
        with pytest.raises(DropItem, match="out_of_range"):
            pipeline.process_item(make_item(published_at=outside))
    assert crawler.stats.get_value("newscrawl/dropped/out_of_range") == 3
    assert pipeline.process_item(make_item(published_at=None))  # undated: kept, counted
    assert crawler.stats.get_value("newscrawl/range/undated_kept") == 1
