"""Hostile servers, crawled for real: a fault-injecting server on 127.0.0.1 (tests/faultserver.py) and real
``scrapy crawl`` processes over it; then the pieces (retry waits, redirect and host scope, failure reasons,
XML safety, urls_file checks) one by one.

Each crawl runs once per module (the server counts tries: "503 twice, then 200" works once) and the tests
read its result. Crawl settings (tests/faultserver.CRAWL_SETTINGS) keep it to a few seconds: 1 s timeouts,
2 retries, waits of 0.05-0.2 s, a 1 MiB DOWNLOAD_MAXSIZE, listing and article pagers capped at 3 pages.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Request, Response, XmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.sitemap import Sitemap
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionLost
from twisted.python.failure import Failure

from newscrawl import settings
from newscrawl.middlewares import (
    BackoffRetryMiddleware,
    HostScopeMiddleware,
    OffsiteRedirect,
    OffsiteRequest,
    RateLimited,
    RedirectLoop,
    SafeMetaRefreshMiddleware,
    TooManyRedirects,
    failure_reason,
    parse_retry_after,
)
from newscrawl.spiders.base import MAX_URLS_FILE_BYTES, ArgumentError, read_urls_file
from newscrawl.spiders.generic import GenericSpider
from newscrawl.spiders.network import declares_entities
from tests.crawling import Crawl, crawl
from tests.faultserver import (
    ARTICLES,
    CRAWL_SETTINGS,
    ENDLESS_PAGER,
    FEED_ARTICLE,
    G1,
    G2,
    G3,
    RETRY_AFTER_SHORT,
    RETRY_AFTER_TOO_LONG,
    FaultServer,
    Hit,
    billion_laughs,
    listing_article,
    serve,
)

NO_STATE = {"NEWSCRAWL_STATE": False}
SUMMARY = re.compile(
    r"newscrawl summary: (?P<pages>\d+) pages fetched, (?P<records>\d+) records written, dropped: (?P<dropped>.*?), "
    r"(?P<retries>\d+) retries \((?P<gave_up>\d+) gave up\), (?P<robots>\d+) refused by robots\.txt, "
    r"other refusals: (?P<refused>.*?), (?P<fallbacks>\d+) field fallbacks \(finish reason: (?P<finish>\w+)\)"
)


@pytest.fixture
def fault_server() -> Iterator[FaultServer]:
    """A fresh fault server on 127.0.0.1 for one test."""
    yield from serve()


@dataclass
class Run:
    server: FaultServer
    result: Crawl
    hits: list[Hit]

    def tries(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path.split("?", 1)[0] == path]


def by_reason(text: str) -> dict[str, int]:
    if text == "none":
        return {}
    return {k: int(v) for k, v in (part.split("=") for part in text.split(", "))}


def record_urls(result: Crawl) -> set[str]:
    return {r["url"] for r in result.records}


# -- the generic spider over every article case ---------------------------------------------------------


@pytest.fixture(scope="module")
def generic_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("generic")
    with FaultServer() as server:
        urls = [server.url(a.path) for a in ARTICLES] + [server.url(ENDLESS_PAGER)]
        result = crawl("generic", tmp, args={"urls": ",".join(urls)}, settings=CRAWL_SETTINGS)
        yield Run(server, result, list(server.hits))


def test_every_good_article_is_written_once(generic_run: Run) -> None:
    base = generic_run.server.base
    good = {base + (a.record_path or a.path) for a in ARTICLES if a.expect == "written"}
    assert record_urls(generic_run.result) == good | {base + ENDLESS_PAGER}
    assert len(generic_run.result.records) == len(good) + 1
    pages = {r["url"]: r["page_count"] for r in generic_run.result.records}
    assert pages[base + G2] == 2


def test_every_bad_article_is_dropped_under_its_reason(generic_run: Run) -> None:
    expected: dict[str, int] = {}
    for article in ARTICLES:
        if article.expect != "written":
            expected[article.expect] = expected.get(article.expect, 0) + 1
    assert generic_run.result.summary["dropped"] == expected


@pytest.mark.parametrize("case", [a for a in ARTICLES if a.expect != "written"], ids=lambda a: a.path.split("/")[-1])
def test_each_drop_is_logged_with_its_reason_and_url(generic_run: Run, case: Any) -> None:
    lines = [line for line in generic_run.result.log.splitlines() if f" dropped {case.expect}: " in line]
    assert [line for line in lines if f"{generic_run.server.base}{case.path}" in line], (case, lines)


def test_retried_cases_are_asked_for_as_often_as_they_fail(generic_run: Run) -> None:
    tries = {a.path: len(generic_run.tries(a.path)) for a in ARTICLES}
    assert tries["/kasus/pr-900001/rate-limited-once"] == 2
    assert tries["/kasus/pr-900002/retry-after-once"] == 2
    assert tries["/kasus/pr-900003/unavailable-twice"] == 3
    assert tries["/kasus/pr-900004/reset-once"] == 2
    retry_times = int(CRAWL_SETTINGS["RETRY_TIMES"])
    for gives_up in ("rate-limited-always", "server-error-always", "timeout", "reset-always"):
        (path,) = [a.path for a in ARTICLES if a.path.endswith(gives_up)]
        assert tries[path] == 1 + retry_times, path
    for once in ("not-found", "gzip-bomb", "huge-page", "binary", "empty", "soft-404"):
        (path,) = [a.path for a in ARTICLES if a.path.endswith(once)]
        assert tries[path] == 1, path  # not retryable: asked once
    stats = generic_run.result.stats
    assert stats["retry/count"] == 1 + 1 + 2 + 1 + 4 * retry_times
    assert stats["retry/max_reached"] == 4


def test_retry_after_is_waited_out_and_backoff_grows(generic_run: Run) -> None:
    # Lower bounds only: the crawler must not come back sooner than asked (no upper bound on speed).
    first, second = generic_run.tries("/kasus/pr-900002/retry-after-once")
    assert second.at - first.at >= RETRY_AFTER_SHORT
    one, two, three = generic_run.tries("/kasus/pr-900003/unavailable-twice")
    base = float(CRAWL_SETTINGS["NEWSCRAWL_RETRY_BACKOFF_BASE"])
    assert two.at - one.at >= base
    assert three.at - two.at >= 2 * base
    assert generic_run.result.stats["newscrawl/retry/retry_after_honoured"] == 1


def test_redirects_stay_on_the_site_and_loops_stop(generic_run: Run) -> None:
    port = generic_run.server.port
    assert all(hit.host == f"127.0.0.1:{port}" for hit in generic_run.hits)  # localhost never asked
    assert len(generic_run.tries("/kasus/pr-900016/offsite-redirect")) == 1
    assert len(generic_run.tries("/kasus/pr-900017/redirect-loop")) == 1
    assert len(generic_run.tries("/kasus/pr-900017/redirect-loop-b")) == 1
    assert len(generic_run.tries("/kasus/pr-900018/redirect-chain")) == 1 + settings.REDIRECT_MAX_TIMES
    refused = generic_run.result.summary["refused"]
    assert refused == {"offsite_redirect": 1, "redirect_loop": 1, "too_many_redirects": 1}


def test_robots_txt_is_obeyed_and_counted(generic_run: Run) -> None:
    assert generic_run.tries("/private/pr-900019/disallowed") == []
    assert len(generic_run.tries("/robots.txt")) == 1
    assert generic_run.result.stats["robotstxt/forbidden"] == 1
    assert generic_run.result.summary["robots_refused"] == 1


def test_size_limits_stop_bombs_and_huge_pages(generic_run: Run) -> None:
    log = generic_run.result.log
    assert re.search(r"gzip-bomb> because its body \(\d+ B compressed, \d+ B decompressed so far\) exceeded", log)
    decompressed = int(re.search(r"gzip-bomb>.*?(\d+) B decompressed so far", log).group(1))  # type: ignore[union-attr]
    assert decompressed <= int(CRAWL_SETTINGS["DOWNLOAD_MAXSIZE"]) + 128 * 1024  # bounded, not 64 MiB
    assert generic_run.result.summary["dropped"]["too_large"] == 3


def test_an_endless_article_pager_stops_at_its_cap(generic_run: Run) -> None:
    cap = int(CRAWL_SETTINGS["NEWSCRAWL_MAX_ARTICLE_PAGES"])
    assert len(generic_run.tries(ENDLESS_PAGER)) == cap
    assert generic_run.result.stats["newscrawl/pages_capped"] >= 1
    (record,) = [r for r in generic_run.result.records if r["url"].endswith(ENDLESS_PAGER)]
    assert record["page_count"] == cap


def test_no_request_left_the_server(generic_run: Run) -> None:
    # Every request the downloader made reached this server, under its own address.
    assert generic_run.result.stats["downloader/request_count"] == len(generic_run.hits)
    assert {hit.host for hit in generic_run.hits} == {f"127.0.0.1:{generic_run.server.port}"}


def test_summary_line_and_stats_agree(generic_run: Run) -> None:
    result = generic_run.result
    (line,) = [m for m in SUMMARY.finditer(result.log)]
    stats, summary = result.stats, result.summary
    assert int(line["pages"]) == summary["pages_fetched"] == stats["response_received_count"]
    assert int(line["records"]) == summary["records_written"] == stats["item_scraped_count"] == len(result.records)
    assert by_reason(line["dropped"]) == summary["dropped"]
    assert summary["dropped"] == {
        k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("newscrawl/dropped/")
    }
    assert int(line["retries"]) == summary["retries"] == stats["retry/count"]
    assert int(line["gave_up"]) == summary["retries_exhausted"] == stats["retry/max_reached"]
    assert int(line["robots"]) == summary["robots_refused"] == stats["robotstxt/forbidden"]
    assert by_reason(line["refused"]) == summary["refused"]
    assert line["finish"] == "finished"
    for figure in ("pages_fetched", "records_written", "retries", "retries_exhausted", "robots_refused"):
        assert stats[f"newscrawl/summary/{figure}"] == summary[figure]
    assert stats["newscrawl/summary/dropped"] == sum(summary["dropped"].values()) == len(ARTICLES) - 8


def test_output_paths_come_from_the_run_never_from_pages(generic_run: Run) -> None:
    (output,) = generic_run.result.output_files
    assert output.parent.parent.name == "generic"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", output.parent.name)
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}\.jsonl", output.name)


# -- a network spider: discovery over robots.txt, sitemaps, feeds and an endless listing -------------------


@pytest.fixture(scope="module")
def network_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("network")
    with FaultServer() as server:
        settings = {**CRAWL_SETTINGS, "SPIDER_MODULES": "newscrawl.spiders,tests.faultserver"}
        result = crawl("faultnet", tmp, args={"sites": f"127.0.0.1:{server.port}"}, settings=settings)
        yield Run(server, result, list(server.hits))


def test_discovery_writes_every_good_article(network_run: Run) -> None:
    base = network_run.server.base
    cap = int(CRAWL_SETTINGS["NEWSCRAWL_MAX_LISTING_PAGES"])
    expected = {base + p for p in (G1, G2, G3, FEED_ARTICLE)} | {base + listing_article(n) for n in range(1, cap + 1)}
    assert record_urls(network_run.result) == expected


def test_hostile_xml_is_refused_and_counted(network_run: Run) -> None:
    dropped = network_run.result.summary["dropped"]
    assert dropped == {"xml_entities": 3, "sitemap_too_large": 1, "robots_txt": 1}
    log = network_run.result.log
    for name in ("/sitemap-laughs.xml", "/rss-laughs", "/rss-xxe"):
        assert "dropped xml_entities: " in log and f"{network_run.server.base}{name}>" in log
    # nothing listed inside the refused documents was asked for
    assert not [h for h in network_run.hits if "/pr-92000" in h.path]


def test_the_gzipped_sitemap_bomb_is_bounded(network_run: Run) -> None:
    assert len(network_run.tries("/sitemap-bomb.xml.gz")) == 1
    assert "decompresses past DOWNLOAD_MAXSIZE" in network_run.result.log


def test_an_endless_listing_stops_at_its_cap(network_run: Run) -> None:
    cap = int(CRAWL_SETTINGS["NEWSCRAWL_MAX_LISTING_PAGES"])
    assert len(network_run.tries("/terkini")) == cap
    assert network_run.result.stats["newscrawl/discovery/listing_capped"] == 1


def test_discovery_never_leaves_the_network(network_run: Run) -> None:
    # robots.txt, the sitemap, the feed and the listing all name localhost URLs: none is requested.
    assert {h.host for h in network_run.hits} == {f"127.0.0.1:{network_run.server.port}"}
    assert network_run.result.stats["downloader/request_count"] == len(network_run.hits)
    assert network_run.tries("/private/pr-900019/disallowed") == []
    assert network_run.result.stats["robotstxt/forbidden"] == 1


# -- Retry-After beyond the ceiling (crawled alone: it closes the host to the crawl) -----------------------


def test_retry_after_over_the_ceiling_gives_up_without_waiting(fault_server: FaultServer, tmp_path: Path) -> None:
    urls = [fault_server.url(RETRY_AFTER_TOO_LONG.path)]
    result = crawl("generic", tmp_path, args={"urls": ",".join(urls)}, settings=CRAWL_SETTINGS)
    assert len([h for h in fault_server.hits if h.path == RETRY_AFTER_TOO_LONG.path]) == 1
    assert result.summary["dropped"] == {"rate_limited": 1}
    assert result.stats["newscrawl/retry/retry_after_over_ceiling"] == 1
    assert "asks to wait 3600s (Retry-After), over NEWSCRAWL_RETRY_AFTER_MAX" in result.log
    assert result.records == []


# -- the middlewares, one by one ----------------------------------------------------------------------------


def make_generic(urls: str = "https://kota.example.id/berita/1", **settings: Any) -> GenericSpider:
    crawler = get_crawler(GenericSpider, {**NO_STATE, **settings})
    spider = GenericSpider.from_crawler(crawler, urls=urls)
    crawler.spider = spider
    crawler.stats.open_spider()  # type: ignore[union-attr]
    return spider


def retry_middleware(**settings: Any) -> tuple[BackoffRetryMiddleware, GenericSpider]:
    spider = make_generic(**settings)
    return BackoffRetryMiddleware.from_crawler(spider.crawler), spider


def test_parse_retry_after() -> None:
    now = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert parse_retry_after(b"120") == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90.0
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(b"-5") is None
    assert parse_retry_after(None) is None


def test_backoff_doubles_up_to_its_maximum() -> None:
    mw, _ = retry_middleware(NEWSCRAWL_RETRY_BACKOFF_BASE=2, NEWSCRAWL_RETRY_BACKOFF_MAX=5)
    assert [mw.backoff(n) for n in (1, 2, 3, 4)] == [2, 4, 5, 5]


def test_retry_after_within_the_ceiling_pauses_the_host() -> None:
    mw, spider = retry_middleware(NEWSCRAWL_RETRY_AFTER_MAX=60)
    request = Request("https://kota.example.id/berita/1", meta={"download_slot": "kota.example.id"})
    response = Response(request.url, status=429, headers={"Retry-After": "30"}, request=request)
    retry = mw.process_response(request, response)
    assert isinstance(retry, Request) and retry.meta["retry_times"] == 1
    assert mw.paused_until["kota.example.id"] > 0
    assert spider.crawler.stats.get_value("newscrawl/retry/retry_after_honoured") == 1  # type: ignore[union-attr]


def test_retry_after_over_the_ceiling_closes_the_host() -> None:
    mw, spider = retry_middleware(NEWSCRAWL_RETRY_AFTER_MAX=60)
    request = Request("https://kota.example.id/berita/1", meta={"download_slot": "kota.example.id"})
    response = Response(request.url, status=429, headers={"Retry-After": "3600"}, request=request)
    assert mw.process_response(request, response) is response  # given up at once
    same_host = Request("https://kota.example.id/berita/2", meta={"download_slot": "kota.example.id"})
    with pytest.raises(RateLimited):
        asyncio.run(mw.process_request(same_host))
    other = Request("https://lain.example.id/berita/3", meta={"download_slot": "lain.example.id"})
    assert asyncio.run(mw.process_request(other)) is None
    stats = spider.crawler.stats
    assert stats.get_value("newscrawl/refused/rate_limited") == 1  # type: ignore[union-attr]


def test_exceptions_are_retried_with_backoff_and_others_not() -> None:
    mw, _ = retry_middleware()
    request = Request("https://kota.example.id/berita/1", meta={"download_slot": "kota.example.id"})
    retry = mw.process_exception(request, DownloadTimeoutError("slow"))
    assert isinstance(retry, Request)
    assert mw.process_exception(request, DownloadCancelledError("too big")) is None  # size limits: no retry


def test_meta_refresh_is_followed_on_the_site_and_refused_off_it() -> None:
    spider = make_generic(urls="https://kota.example.id/berita/1")
    mw = SafeMetaRefreshMiddleware.from_crawler(spider.crawler)
    request = Request("https://kota.example.id/berita/1")

    def page(head: str, encoding: str = "utf-8", padding: int = 0) -> HtmlResponse:
        html = f"<html><head>{'<!-- x -->' * padding}{head}</head><body><p>isi</p></body></html>"
        return HtmlResponse(request.url, body=html.encode(encoding), encoding=encoding, request=request)

    refresh = '<meta http-equiv="Refresh" content="0; url=/berita/2">'
    followed = mw.process_response(request, page(refresh))
    assert isinstance(followed, Request) and followed.url == "https://kota.example.id/berita/2"
    utf16 = mw.process_response(request, page(refresh.upper().replace("/BERITA/2", "/berita/2"), "utf-16"))
    # NUL bytes (UTF-16): no shortcut, Scrapy reads the page itself (and appends the BOM to the URL, its quirk)
    assert isinstance(utf16, Request) and utf16.url.startswith("https://kota.example.id/berita/2")
    plain = page('<meta charset="utf-8">')
    assert mw.process_response(request, plain) is plain
    late = page(refresh, padding=2000)  # past the 4,096 characters Scrapy reads: not a refresh for it either
    assert mw.process_response(request, late) is late
    with pytest.raises(OffsiteRedirect):
        mw.process_response(request, page('<meta http-equiv="refresh" content="0;url=https://evil.example/x">'))


def test_host_scope_refuses_hosts_the_crawl_does_not_cover() -> None:
    spider = make_generic(urls="https://www.kota.example.id/berita/1")
    mw = HostScopeMiddleware.from_crawler(spider.crawler)
    assert mw.process_request(Request("https://kota.example.id/berita/2")) is None  # www. is the same site
    assert mw.process_request(Request("https://m.kota.example.id/berita/3")) is None
    with pytest.raises(OffsiteRequest):
        mw.process_request(Request("https://evil.example/berita/1"))
    with pytest.raises(OffsiteRequest):
        mw.process_request(Request("https://kota.example.id.evil.example/berita/1"))
    assert spider.crawler.stats.get_value("newscrawl/refused/offsite_request") == 2  # type: ignore[union-attr]


def test_a_network_spider_may_fetch_only_its_network() -> None:
    from newscrawl.spiders.prmn import PrmnSpider

    crawler = get_crawler(PrmnSpider, NO_STATE)
    spider = PrmnSpider.from_crawler(crawler, sites="zonajakarta.pikiran-rakyat.com")
    assert spider.may_fetch("https://portaljember.pikiran-rakyat.com/x/pr-123456/y")
    assert not spider.may_fetch("https://pikiran-rakyat.com.evil.example/x")
    assert not spider.may_fetch("http://localhost:8080/robots.txt")
    assert not spider.may_fetch("file:///etc/passwd")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (HttpError(Response("https://a.id/", status=429), "x"), "rate_limited"),
        (HttpError(Response("https://a.id/", status=503), "x"), "http_503"),
        (HttpError(Response("https://a.id/", status=404), "x"), "http_404"),
        (DownloadTimeoutError("slow"), "timeout"),
        (DownloadFailedError("reset"), "connection_failed"),
        (ConnectionLost(), "connection_failed"),
        (CannotResolveHostError("nxdomain"), "dns_failed"),
        (DownloadCancelledError("max size"), "too_large"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_txt"),
        (OffsiteRedirect("x"), "offsite_redirect"),
        (RedirectLoop("x"), "redirect_loop"),
        (TooManyRedirects("x"), "too_many_redirects"),
        (RateLimited("x"), "rate_limited"),
        (OffsiteRequest("x"), "offsite_request"),
        (ValueError("?"), "fetch_failed"),
    ],
)
def test_failure_reasons(exc: BaseException, reason: str) -> None:
    assert failure_reason(Failure(exc)) == reason


def test_decompression_over_the_limit_is_too_large() -> None:
    try:
        raise IgnoreRequest("Ignored response") from _DecompressionMaxSizeExceeded(2048, 1024)
    except IgnoreRequest as exc:
        assert failure_reason(exc) == "too_large"


# -- XML safety: what the libraries do, and what we add ------------------------------------------------------


def test_libraries_do_not_expand_entities_or_read_files() -> None:
    """Scrapy's Sitemap and parsel's XML selector leave entities unexpanded and local files unread; the spider
    refuses such documents anyway (a library default may change; a refusal is counted)."""
    laughs = billion_laughs(
        "urlset", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>'
    )
    assert all(len(entry.get("loc", "")) < 100 for entry in Sitemap(laughs))
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><item><link>&x;</link></item></rss>'
    selector = Selector(text=xxe.decode(), type="xml")
    assert "root:" not in (selector.xpath("string(//link)").get() or "")
    assert declares_entities(laughs) and declares_entities(xxe)
    assert not declares_entities(b'<?xml version="1.0"?><urlset><url><loc>https://a.id/1</loc></url></urlset>')
    utf16 = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>'.encode("utf-16")
    assert declares_entities(utf16)


def test_network_spider_refuses_entity_sitemaps_and_feeds() -> None:
    from tests.test_spider_units import make_toy

    spider = make_toy(sites="kota.toy.example")
    bomb = billion_laughs(
        "urlset",
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://kota.toy.example/berita/1/a</loc></url><url><loc>&lol9;</loc></url></urlset>",
    )
    assert list(spider.parse_sitemap(XmlResponse("https://kota.toy.example/sitemap.xml", body=bomb))) == []
    feed = billion_laughs(
        "rss", "<rss><channel><item><link>https://kota.toy.example/berita/2/b</link></item></channel></rss>"
    )
    assert list(spider.parse_feed(XmlResponse("https://kota.toy.example/rss", body=feed))) == []
    assert spider.crawler.stats.get_value("newscrawl/dropped/xml_entities") == 2  # type: ignore[union-attr]


def test_gzipped_sitemap_is_bounded_by_download_maxsize() -> None:
    from tests.test_spider_units import make_toy

    spider = make_toy(sites="kota.toy.example")
    spider.settings.frozen = False
    spider.settings.set("DOWNLOAD_MAXSIZE", 64 * 1024)
    entries = "".join(f"<url><loc>https://kota.toy.example/berita/{n}/x</loc></url>" for n in range(5000))
    body = gzip.compress(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'.encode())
    assert len(body) < 64 * 1024
    url = "https://kota.toy.example/sitemap.xml.gz"
    response = Response(url, body=body, request=Request(url))
    assert list(spider.parse_sitemap(response)) == []
    assert spider.crawler.stats.get_value("newscrawl/dropped/sitemap_too_large") == 1  # type: ignore[union-attr]
    small = gzip.compress(
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries[:300]}</urlset>'.encode()
    )
    url = "https://kota.toy.example/s.xml.gz"
    assert [r.url for r in spider.parse_sitemap(Response(url, body=small, request=Request(url)))]


# -- spider arguments that name files ----------------------------------------------------------------------


def test_urls_file_must_be_a_regular_utf8_file_of_bounded_size(tmp_path: Path) -> None:
    good = tmp_path / "urls.txt"
    good.write_text("\ufeff# comment\nhttps://a.id/berita/1\n\n  https://a.id/berita/2  \n", encoding="utf-8")
    assert read_urls_file(str(good)) == ["https://a.id/berita/1", "https://a.id/berita/2"]
    with pytest.raises(ArgumentError, match="not a regular file"):
        read_urls_file(str(tmp_path))
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with pytest.raises(ArgumentError, match="not a regular file"):
        read_urls_file(str(fifo))  # would block forever if opened
    if Path("/dev/zero").exists():
        with pytest.raises(ArgumentError, match="not a regular file"):
            read_urls_file("/dev/zero")  # would never end
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_URLS_FILE_BYTES + 1)
    with pytest.raises(ArgumentError, match="byte limit"):
        read_urls_file(str(huge))
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"https://a.id/berita/1\nhttps://a.id/berita-\xe9\n")
    with pytest.raises(ArgumentError, match=r"not UTF-8 \(line 2"):
        read_urls_file(str(latin))
    with pytest.raises(ArgumentError, match="not a readable file"):
        read_urls_file(str(tmp_path / "missing.txt"))


def test_every_url_given_is_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    for line, message in (
        ("ftp://a.id/x", "not an http"),
        ("https:///no-host", "no host"),
        ("https://a.id/x y", "spaces or control"),
        ("https://a.id/x\x7f", "spaces or control"),
    ):
        bad.write_text(f"https://a.id/ok\n{line}\n", encoding="utf-8")
        with pytest.raises(ArgumentError, match=message):
            GenericSpider(urls_file=str(bad))


def test_a_bad_urls_file_stops_the_crawl_with_a_clear_error(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"https://a.id/berita-\xe9\n")
    result = crawl("generic", tmp_path, args={"urls_file": str(latin)}, check=False)
    assert result.returncode != 0
    assert "is not UTF-8 (line 1" in result.log
    assert result.records == []
