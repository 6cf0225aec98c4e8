"""Downloader middlewares for hostile servers: polite retries, redirects kept on the crawl's sites, and one
reason slug for every way a request can fail.

- ``BackoffRetryMiddleware`` is Scrapy's ``RetryMiddleware`` (``RETRY_TIMES``, ``RETRY_HTTP_CODES``,
  ``RETRY_EXCEPTIONS``, the ``retry/*`` stats) with what Scrapy 2.19 lacks: a wait before each retry and
  ``Retry-After``. A retry waits the server's ``Retry-After`` (seconds or an HTTP date) when it sends one, else
  ``NEWSCRAWL_RETRY_BACKOFF_BASE * 2**(n-1)`` seconds capped at ``NEWSCRAWL_RETRY_BACKOFF_MAX``; the wait pauses
  the whole host (its download slot), not only the one request. A ``Retry-After`` longer than
  ``NEWSCRAWL_RETRY_AFTER_MAX`` is not waited out: the request gives up at once and no request goes to that host
  until the time the server named (each is refused as ``rate_limited``).
- ``SafeRedirectMiddleware`` / ``SafeMetaRefreshMiddleware`` are Scrapy's redirect middlewares that refuse a
  redirect to another site (``offsite_redirect``), back to a URL of the same chain (``redirect_loop``) or past
  ``REDIRECT_MAX_TIMES`` (``too_many_redirects``).
- ``HostScopeMiddleware`` refuses any request to a host the spider does not crawl (``offsite_request``): URLs
  taken from pages can never lead the crawler off the network, whatever code path produced them.

Spiders say what they crawl with ``may_fetch(url) -> bool`` (``newscrawl.spiders.base.NewsSpider``); a spider
without it is not restricted. Every refusal is counted as ``newscrawl/refused/<reason>`` and reaches the
request's errback as an ``IgnoreRequest`` subclass; ``failure_reason`` names any failure with one slug.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from time import monotonic
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware, RedirectMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    NotConfigured,
    ResponseDataLossError,
)
from scrapy.http import Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.asyncio import sleep
from scrapy.utils.response import response_status_message
from twisted.internet import error as twisted_error
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


# -- refusals ------------------------------------------------------------------------------------


class Refusal(IgnoreRequest):
    """A request newscrawl declined to send or follow; ``reason`` is its drop/stat slug."""

    reason = "refused"


class RateLimited(Refusal):
    reason = "rate_limited"


class OffsiteRedirect(Refusal):
    reason = "offsite_redirect"


class RedirectLoop(Refusal):
    reason = "redirect_loop"


class TooManyRedirects(Refusal):
    reason = "too_many_redirects"


class OffsiteRequest(Refusal):
    reason = "offsite_request"


#: exceptions that mean the connection failed or broke (refused, reset, closed mid-response)
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    DownloadConnectionRefusedError,
    DownloadFailedError,
    ResponseDataLossError,
    twisted_error.ConnectError,
    twisted_error.ConnectionLost,
    twisted_error.ConnectionDone,
    ConnectionError,
)
_TIMEOUT_ERRORS: tuple[type[BaseException], ...] = (DownloadTimeoutError, twisted_error.TimeoutError, TimeoutError)
_DNS_ERRORS: tuple[type[BaseException], ...] = (CannotResolveHostError, twisted_error.DNSLookupError)
#: what RobotsTxtMiddleware raises (it has no exception class of its own)
_ROBOTS_MESSAGE = "Forbidden by robots.txt"


def failure_reason(failure: Failure | BaseException) -> str:
    """One slug for why a request produced no usable response: ``http_404``, ``rate_limited``, ``timeout``,
    ``connection_failed``, ``dns_failed``, ``too_large``, ``robots_txt``, ``offsite_redirect``,
    ``redirect_loop``, ``too_many_redirects``, ``offsite_request``; ``fetch_failed`` for anything else."""
    exc = failure.value if isinstance(failure, Failure) else failure
    if isinstance(exc, HttpError):
        status = exc.response.status
        return "rate_limited" if status == 429 else f"http_{status}"
    if isinstance(exc, Refusal):
        return exc.reason
    if isinstance(exc, IgnoreRequest):
        if isinstance(exc.__cause__, _DecompressionMaxSizeExceeded):
            return "too_large"  # HttpCompressionMiddleware: the decompressed body passed DOWNLOAD_MAXSIZE
        if str(exc) == _ROBOTS_MESSAGE:
            return "robots_txt"
        return "ignored"
    if isinstance(exc, DownloadCancelledError):
        return "too_large"  # the download handler cancels a body past DOWNLOAD_MAXSIZE
    if isinstance(exc, _TIMEOUT_ERRORS):
        return "timeout"
    if isinstance(exc, _DNS_ERRORS):
        return "dns_failed"
    if isinstance(exc, _CONNECTION_ERRORS):
        return "connection_failed"
    return "fetch_failed"


def _may_fetch(crawler: Crawler, url: str) -> bool:
    check = getattr(crawler.spider, "may_fetch", None)
    return True if check is None else bool(check(url))


def _refuse(crawler: Crawler, refusal: type[Refusal], message: str) -> Refusal:
    assert crawler.stats is not None
    crawler.stats.inc_value(f"newscrawl/refused/{refusal.reason}")
    logger.info("refused (%s): %s", refusal.reason, message)
    return refusal(message)


# -- retries -------------------------------------------------------------------------------------


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; None when absent or bad."""
    if value is None:
        return None
    text = (value.decode("latin-1") if isinstance(value, bytes) else value).strip()
    if not text:
        return None
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, each after a wait that pauses the host: ``Retry-After`` (up to a ceiling) or backoff."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("NEWSCRAWL_RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("NEWSCRAWL_RETRY_AFTER_MAX", 120.0)
        if self.backoff_base < 0 or self.backoff_max < 0 or self.retry_after_max < 0:
            raise NotConfigured("NEWSCRAWL_RETRY_* waits must not be negative")
        #: download slot (host) -> monotonic time before which no request goes to it
        self.paused_until: dict[str, float] = {}
        #: download slot -> monotonic time until which every request to it is refused (Retry-After > ceiling)
        self.blocked_until: dict[str, float] = {}

    def backoff(self, retry_times: int) -> float:
        """The wait before retry number ``retry_times`` (1, 2, ...) when the server named none."""
        return min(self.backoff_max, self.backoff_base * 2 ** max(0, retry_times - 1))

    def _slot(self, request: Request) -> str:
        """The request's download slot (its host, unless a spider names slots): the unit paused or blocked."""
        slot = request.meta.get("download_slot")
        if slot is None:
            slot = self.crawler.engine.downloader.get_slot_key(request)
        return str(slot)

    def _stat(self, key: str, value: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, value)

    async def process_request(self, request: Request) -> None:
        slot = self._slot(request)
        now = monotonic()
        if self.blocked_until.get(slot, 0.0) > now:
            raise _refuse(
                self.crawler,
                RateLimited,
                f"{request.url}: {slot} asked for {self.blocked_until[slot] - now:.0f}s more without requests",
            )
        wait = self.paused_until.get(slot, 0.0) - now
        if wait > 0:
            await sleep(wait)

    def _pause(self, request: Request, seconds: float) -> None:
        slot = self._slot(request)
        self.paused_until[slot] = max(self.paused_until.get(slot, 0.0), monotonic() + seconds)
        self._stat("newscrawl/retry/wait_ms", round(seconds * 1000))

    # Scrapy's signatures still accept a deprecated ``spider`` argument; newer components take none.
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            # Not waited out: this request gives up now, and the host gets no request until the time it named.
            slot = self._slot(request)
            self.blocked_until[slot] = monotonic() + retry_after
            self._stat("newscrawl/retry/retry_after_over_ceiling")
            logger.warning(
                "%s asks to wait %.0fs (Retry-After), over NEWSCRAWL_RETRY_AFTER_MAX=%.0fs: "
                "no more requests to %s until then",
                request.url,
                retry_after,
                self.retry_after_max,
                slot,
            )
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if retry_after is not None:
            self._stat("newscrawl/retry/retry_after_honoured")
            self._pause(request, retry_after)
        else:
            self._pause(request, self.backoff(retry.meta["retry_times"]))
        return retry

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        if request.meta.get("dont_retry", False) or not isinstance(exception, self.exceptions_to_retry):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            self._pause(request, self.backoff(retry.meta["retry_times"]))
        return retry


# -- redirects and scope -------------------------------------------------------------------------


class _SafeRedirectMixin:
    """Check the request a Scrapy redirect middleware builds before it is scheduled."""

    crawler: Crawler

    def _checked(self, request: Request, result: Request | Response) -> Request | Response:
        if not isinstance(result, Request):
            return result
        if not _may_fetch(self.crawler, result.url):
            raise _refuse(self.crawler, OffsiteRedirect, f"{request.url} redirects to another site: {result.url}")
        if result.url in result.meta.get("redirect_urls", ()):
            chain = " -> ".join([*result.meta["redirect_urls"], result.url])
            raise _refuse(self.crawler, RedirectLoop, f"redirect loop: {chain}")
        return result

    def _follow(self, request: Request, response: Response, parent: Any) -> Request | Response:
        try:
            result = parent.process_response(self, request, response)
        except Refusal:
            raise
        except IgnoreRequest as exc:  # Scrapy's "max redirections reached"
            raise _refuse(self.crawler, TooManyRedirects, f"{request.url}: {exc}") from None
        return self._checked(request, result)


class SafeRedirectMiddleware(_SafeRedirectMixin, RedirectMiddleware):
    """HTTP 3xx redirects, kept on the crawl's sites and free of loops."""

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        return self._follow(request, response, RedirectMiddleware)


class SafeMetaRefreshMiddleware(_SafeRedirectMixin, MetaRefreshMiddleware):
    """``<meta http-equiv="refresh">`` redirects, kept on the crawl's sites and free of loops.

    Scrapy looks for the tag in the first 4,096 characters of ``response.text``, which decodes the whole body
    first (about 2 % of a crawl's CPU; the parser decodes the bytes itself). A page whose first 16 KiB (at
    least 4,096 characters in any ASCII-compatible encoding) never says "refresh" has no such tag there.
    """

    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        head = response.body[:16384]
        if b"\x00" not in head and b"refresh" not in head.lower():  # NUL bytes: UTF-16/32, where it could hide
            return response
        return self._follow(request, response, MetaRefreshMiddleware)


class HostScopeMiddleware:
    """No request leaves the spider's hosts (``spider.may_fetch``), whichever code made it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if not _may_fetch(self.crawler, request.url):
            raise _refuse(self.crawler, OffsiteRequest, f"{request.url} is not on a host this crawl covers")


__all__ = [
    "BackoffRetryMiddleware",
    "HostScopeMiddleware",
    "OffsiteRedirect",
    "OffsiteRequest",
    "RateLimited",
    "RedirectLoop",
    "Refusal",
    "SafeMetaRefreshMiddleware",
    "SafeRedirectMiddleware",
    "TooManyRedirects",
    "failure_reason",
    "parse_retry_after",
]
