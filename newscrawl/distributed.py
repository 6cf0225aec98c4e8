"""Distributed crawls: many workers, one shared frontier and seen-store in Redis (scrapy-redis).

``-s NEWSCRAWL_REDIS_URL=redis://[:password@]host:port/db`` switches a crawl to this mode (``NewscrawlAddon``
sets ``SCHEDULER`` to :class:`RedisScheduler`); without it nothing here is used and no Redis is needed. Every
worker runs the same ``scrapy crawl`` command, on any number of machines. See docs/distributed.md.

What scrapy-redis 0.9.1 gives and what is adapted here for Scrapy 2.19:

* its priority queue (a sorted set, requests pickled with ``Request.to_dict``) and its request-fingerprint
  dupefilter (a set) are used, one of each per spider, persisted while workers join and leave; the queue's
  scores get an insertion number (first in, first out within a priority: Redis orders equal scores by their
  bytes, which put one portal's requests together);
* its ``RedisSpider`` is not used: it seeds from ``start_requests``, which Scrapy 2.19 never calls, and from a
  start-URL list in Redis; our spiders keep ``async def start()`` and :func:`seed_once` lets one worker seed;
* its ``Scheduler`` is subclassed: ``open`` without the deprecated ``Spider.log``, stats without the
  deprecated ``spider=`` argument, a pop that keeps each request in the worker's in-flight set until the
  engine is done with it (so a killed worker loses nothing), a crawl that ends when no worker has anything
  left rather than when this worker's queue is empty, and a dupefilter cleared when the crawl is over (so the
  next scheduled crawl reads listings and sitemaps again); a seeding worker leaves the queue stocked for the
  others (Scrapy reads ``start()`` one request per scheduling round);
* requests are pickled with network modules by reference and unpickled with an allow-list of classes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import logging
import os
import pickle
import sys
import time
from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import create_looping_call, sleep
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newscrawl.addon import redis_url
from newscrawl.redis_state import Entry, Keys, RedisSeenStore, StateError, connect, mask_url, score

if TYPE_CHECKING:
    from newscrawl.spiders.base import NewsSpider

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "newscrawl"


# -- settings (NewscrawlAddon) ------------------------------------------------------------------------


def key_prefix(settings: BaseSettings) -> str:
    prefix = str(settings.get("NEWSCRAWL_REDIS_PREFIX") or DEFAULT_PREFIX).strip()
    if not prefix or any(c.isspace() for c in prefix):
        raise ValueError(f"NEWSCRAWL_REDIS_PREFIX={prefix!r}: use a word without spaces")
    return prefix


def distributed_settings(settings: BaseSettings) -> dict[str, Any]:
    """What the add-on sets when NEWSCRAWL_REDIS_URL is given: scrapy-redis's scheduler and dupefilter."""
    # The queue and dupefilter keys are the store's (newscrawl.redis_state.Keys), persisted while the crawl
    # lasts and cleared when it is over: scrapy-redis's SCHEDULER_PERSIST / *_KEY settings are not read.
    key_prefix(settings)  # a bad prefix stops the crawl here
    return {
        "SCHEDULER": "newscrawl.distributed.RedisScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
    }


def crawl_signature(spider: Spider) -> str:
    """The spider arguments every worker of one crawl must share (seeding happens once, with these)."""
    urls = getattr(spider, "start_urls_given", None) or []
    since = getattr(spider, "since", None)
    until = getattr(spider, "until", None)
    return json.dumps(
        {
            "urls": hashlib.sha1("\n".join(urls).encode()).hexdigest()[:16] if urls else "",
            "count": len(urls),
            "sites": sorted(getattr(spider, "sites", None) or []),
            "since": since.date().isoformat() if isinstance(since, datetime) else str(since or ""),
            "until": until.date().isoformat() if isinstance(until, datetime) else str(until or ""),
        },
        sort_keys=True,
    )


# -- request serialization -------------------------------------------------------------------------

_SAFE_BUILTINS = frozenset(
    {"set", "frozenset", "list", "dict", "tuple", "bytes", "bytearray", "str", "int", "float", "bool", "complex"}
)
_SAFE_MODULES = ("datetime", "collections", "decimal", "zoneinfo")
_SAFE_PACKAGES = ("newscrawl.", "scrapy.")


def _network_registry() -> dict[str, Any]:
    from newscrawl.sites import GENERIC, NETWORKS, PROFILES

    return {f"{type(net).__module__}.{type(net).__qualname__}": net for net in (*NETWORKS, *PROFILES, GENERIC)}


class _Pickler(pickle.Pickler):
    """Network modules (held in multi-page requests' pages) by name, so a worker gets its own singleton."""

    def persistent_id(self, obj: Any) -> Any:
        from newscrawl.sites.base import Network

        if isinstance(obj, Network):
            return ("newscrawl.network", f"{type(obj).__module__}.{type(obj).__qualname__}")
        return None


class _Unpickler(pickle.Unpickler):
    """Only the classes a request needs: a queue entry is data, never a program."""

    def persistent_load(self, pid: Any) -> Any:
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "newscrawl.network":
            registry = _network_registry()
            if pid[1] in registry:
                return registry[pid[1]]
        raise pickle.UnpicklingError(f"unknown network module in a queued request: {pid!r}")

    def find_class(self, module: str, name: str) -> Any:
        allowed = (
            (module == "builtins" and name in _SAFE_BUILTINS)
            or module in _SAFE_MODULES
            or module.startswith(_SAFE_PACKAGES)
        )
        if allowed:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"a queued request refers to {module}.{name}, which is not allowed")


class RequestSerializer:
    """scrapy-redis serializer (``loads``/``dumps``) for request dicts."""

    @staticmethod
    def dumps(obj: Any) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
        return buffer.getvalue()

    @staticmethod
    def loads(data: bytes) -> Any:
        return _Unpickler(io.BytesIO(data)).load()


# -- the queue and the scheduler ------------------------------------------------------------------


class ReliableQueue(PriorityQueue):
    """scrapy-redis's priority queue (a sorted set of pickled request dicts), first in first out within a
    priority, whose pop keeps the request in this worker's in-flight set."""

    def __init__(self, server: redis.Redis, spider: Spider, key: str, serializer: Any, store: RedisSeenStore) -> None:
        super().__init__(server=server, spider=spider, key=key, serializer=serializer)
        self.store = store

    def push(self, request: Request) -> None:
        self.store.push(self.encode(request), request.priority)

    def pop(self, timeout: int = 0) -> Request | None:
        data = self.store.pop()
        return None if data is None else self.decode(data)

    def encode(self, request: Request) -> bytes:
        return cast(bytes, self._encode_request(request))

    def decode(self, data: bytes) -> Request:
        return cast(Request, self._decode_request(data))


class RedisScheduler(Scheduler):
    """scrapy-redis's scheduler, adapted to Scrapy 2.19 and to workers that die (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(
            server=None,
            persist=True,
            dupefilter_cls=crawler.settings.get("DUPEFILTER_CLASS"),
            serializer=RequestSerializer,
        )
        self.crawler = crawler
        self.stats = crawler.stats
        self.store: RedisSeenStore | None = None
        self.queue: ReliableQueue | None = None
        #: requests taken from Redis that the engine has not finished: id -> (request, queue entry)
        self.taken: dict[int, tuple[Request, bytes]] = {}
        settings = crawler.settings
        self.interval = settings.getfloat("NEWSCRAWL_REDIS_POLL_INTERVAL", 0.5)
        self.ttl = settings.getfloat("NEWSCRAWL_REDIS_WORKER_TTL", 30.0)
        self.draining = False
        #: while this worker seeds, it leaves the queue this many requests for the others
        self.seed_stock = 2 * settings.getint("CONCURRENT_REQUESTS", 16)
        self._tick: Any = None
        self._redis_down_since: float | None = None
        #: a request could not be queued: nothing taken is acknowledged any more (all of it is queued again)
        self.tainted = False
        self._stopping = False
        self._next_heartbeat = 0.0
        self._next_reap = 0.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        return cls(crawler)

    # -- Scrapy's scheduler interface --------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        store = getattr(spider, "seen_store", None)
        if not isinstance(store, RedisSeenStore):
            raise StateError("the Redis scheduler needs the Redis seen-store (newscrawl.incremental.open_state)")
        self.spider = spider
        self.store = store
        self.server = store.server
        self.queue = ReliableQueue(store.server, spider, store.keys.requests, RequestSerializer, store)
        self.df = load_object(self.dupefilter_cls)(
            store.server, key=store.keys.dupefilter, debug=self.crawler.settings.getbool("DUPEFILTER_DEBUG")
        )
        status = store.status()
        logger.info(
            "distributed: worker %s joined the %s crawl in %s: %d requests queued, %d in flight, %d workers",
            store.run_id,
            spider.name,
            mask_url(redis_url(self.crawler.settings) or ""),
            status.queued,
            status.inflight,
            status.workers,
        )
        self.maintain(force=True)  # reconcile workers that died before this one started
        self._tick = create_looping_call(self.maintain)
        self._tick.start(self.interval, now=False)

    def close(self, reason: str) -> None:
        if self._tick is not None and self._tick.running:
            self._tick.stop()
        if self.store is None:
            return
        try:
            self._ack()
            left = self.store.requeue_mine()
            crawl_over = reason == "finished" and self.store.finish_crawl()
        except redis.RedisError as exc:
            logger.warning(
                "distributed: Redis did not answer at close (%s): what this worker took stays in Redis; the worker "
                "that reaps this one queues it again",
                exc,
            )
            return
        if left:
            logger.info("distributed: %d requests this worker had not finished went back to the queue", left)
        if crawl_over:
            logger.info(
                "distributed: the %s crawl is over (queue empty, no worker busy): its request fingerprints and "
                "seed flag are cleared for the next crawl",
                self.spider.name,
            )

    def enqueue_request(self, request: Request) -> bool:
        assert self.queue is not None
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except redis.RedisError as exc:
            # The request that found this one is still in flight in Redis: from now on nothing this worker took
            # is acknowledged, so all of it goes back to the queue (and finds this request again).
            self.tainted = True
            self._redis_lost(exc)
            return False
        except (pickle.PicklingError, TypeError, ValueError, AttributeError) as exc:
            self._inc("newscrawl/distributed/unqueueable")
            logger.error("distributed: cannot put %s in the Redis queue (%s); it is not fetched", request, exc)
            return False
        self._inc("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        if self.draining or self.queue is None or self.store is None:
            return None
        try:
            self._ack()
            if self.store.seeding and self.store.queued() < self.seed_stock:
                # Scrapy reads start() one request per scheduling round: a seeding worker that also took its own
                # seeds would feed itself and starve the others. It takes only from a queue kept stocked.
                return None
            data = self.store.pop()
        except redis.RedisError as exc:
            self._redis_lost(exc)
            return None
        if data is None:
            return None
        try:
            request = self.queue.decode(data)
        except Exception as exc:  # a corrupt or foreign entry: keep it out of the queue, say so
            assert self.store is not None
            self.store.ack([data])
            self._inc("newscrawl/distributed/undecodable")
            logger.error("distributed: dropped a queue entry that is not a request of this spider (%s)", exc)
            return None
        self.taken[id(request)] = (request, data)
        self._inc("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        """Pending while the crawl is not over anywhere: a worker still busy may queue more requests."""
        if self.store is None or self.draining:
            return False
        try:
            if self.tainted:
                # Idle now, so all it took is done: queue all of it again, which finds what could not be queued.
                self.store.requeue_mine()
                self.taken.clear()
                self.tainted = False
            self._ack()
            status = self.store.status()
        except redis.RedisError as exc:
            self._redis_lost(exc)
            return True  # until Redis answers again, or the worker stops for want of it
        if status.draining:
            self.draining = True
            return False
        return status.queued > 0 or not status.finished

    def __len__(self) -> int:
        try:
            return self.store.queued() if self.store is not None else 0
        except redis.RedisError:
            return 0

    # -- in-flight requests, heartbeat, dead workers --------------------------------------------------

    def _in_progress(self) -> set[Request]:
        """The engine's requests not yet done (downloading, or their callback and items still running).

        Scrapy has no public hook for "this request is finished"; the engine's slot holds exactly that set
        (``ExecutionEngine._slot.inprogress``, Scrapy 2.19), checked here with a clear error if it changes."""
        engine = self.crawler.engine
        slot = getattr(engine, "_slot", None)
        if slot is None:
            return set()
        inprogress = getattr(slot, "inprogress", None)
        if not isinstance(inprogress, set):
            raise RuntimeError("newscrawl.distributed needs ExecutionEngine._slot.inprogress (Scrapy 2.19)")
        return inprogress

    def _ack(self) -> None:
        if not self.taken or self.store is None or self.tainted:
            return
        inprogress = self._in_progress()
        done = [key for key, (request, _data) in self.taken.items() if request not in inprogress]
        if done:
            self.store.ack(self.taken.pop(key)[1] for key in done)

    def _wake_engine(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def maintain(self, force: bool = False) -> None:
        """Every NEWSCRAWL_REDIS_POLL_INTERVAL: ack, heartbeat, reap dead workers, wake the engine."""
        store = self.store
        if store is None or store.closed:
            return
        try:
            self._ack()
            now = time.monotonic()
            if force or now >= self._next_heartbeat:
                store.heartbeat()
                self._next_heartbeat = now + self.ttl / 3
            if force or now >= self._next_reap:
                self._reap()
                self._next_reap = now + max(1.0, self.interval * 2)
            self.draining = store.draining()
            # The engine asks for work when a request finishes, else only every 5 s: an idle worker would be
            # slow to see new requests, or the end of the crawl. A wake-up of a busy engine costs nothing.
            self._wake_engine()
            self._redis_down_since = None
        except redis.RedisError as exc:
            self._redis_lost(exc)
        except Exception:
            logger.exception("distributed: maintenance failed")

    def _redis_lost(self, exc: Exception) -> None:
        """Redis did not answer: retry; after NEWSCRAWL_REDIS_WORKER_TTL seconds without it, stop the worker
        (what it held stays in Redis and goes back to the queue when a worker reaps it)."""
        now = time.monotonic()
        if self._redis_down_since is None:
            self._redis_down_since = now
            logger.warning("distributed: Redis did not answer (%s); trying again", exc)
            return
        if now - self._redis_down_since >= self.ttl and not self._stopping:
            self._stopping = True
            logger.error(
                "distributed: Redis has not answered for %.0f s (%s); this worker stops. Start it again once Redis "
                "is back: nothing it held is lost.",
                now - self._redis_down_since,
                exc,
            )
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="redis_unavailable"))

    def _reap(self) -> None:
        assert self.store is not None
        store = self.store
        dead = {run: info for run, info in store.workers().items() if store.is_dead(run, info)}
        dead.update({run: info for run, info in store.unreconciled().items() if store.is_local(info)})
        for run, info in dead.items():
            reaped = store.reap(run, info, self._article_entry)
            if reaped is None:
                continue
            self._inc("newscrawl/distributed/workers_reaped")
            self._inc("newscrawl/distributed/requeued_inflight", reaped.requeued)
            if reaped.reconciled:
                self._inc("newscrawl/state/runs_reconciled")
                self._inc("newscrawl/distributed/released_claims", reaped.released)
            if reaped.torn_cut:
                self._inc("newscrawl/state/torn_lines_cut")
            self._wake_engine()

    def _article_entry(self, url: str) -> Entry:
        """A queue entry fetching article ``url`` again (its earlier request is in the dupefilter)."""
        assert self.queue is not None
        spider = cast("NewsSpider", self.spider)
        request = spider.article_request(url).replace(dont_filter=True)
        return self.queue.encode(request), score(request.priority)

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None and count:
            self.stats.inc_value(key, count)


# -- seeding once ---------------------------------------------------------------------------------


async def seed_once(spider: Spider, seeds: AsyncIterator[Any]) -> AsyncIterator[Any]:
    """``start()`` of a distributed crawl: the first worker seeds the shared queue with ``seeds``; the others
    take requests from the queue meanwhile and stop waiting once seeding is done. A seeding worker that dies
    is replaced by the next worker to notice it (seeds already queued are filtered by the dupefilter).

    Outside distributed mode ``seeds`` pass through unchanged."""
    store = getattr(spider, "seen_store", None)
    if not isinstance(store, RedisSeenStore):
        async for obj in seeds:
            yield obj
        return
    signature = crawl_signature(spider)
    stats = spider.crawler.stats
    assert stats is not None
    interval = spider.crawler.settings.getfloat("NEWSCRAWL_REDIS_POLL_INTERVAL", 0.5)
    waited = False
    while True:
        # Only a worker that finds no crawl starts one; one that waited for a seeder and then finds none saw
        # the crawl it joined end while it waited.
        role, other = store.seed_role(signature, may_start=not waited)
        if role == "seed":
            stats.set_value("newscrawl/distributed/seeder", 1)
            count = 0
            store.seeding = True
            try:
                async for obj in seeds:
                    count += 1
                    yield obj
            finally:
                store.seeding = False
            store.seed_done()
            stats.set_value("newscrawl/distributed/seeded", count)
            spider.logger.info("distributed: this worker seeded the crawl (%d start requests)", count)
            return
        if role == "done":
            spider.logger.info("distributed: the crawl is seeded; this worker takes requests from the queue")
            return
        if role == "over":
            spider.logger.info("distributed: the crawl this worker joined is over")
            return
        if role == "mismatch":
            raise StateError(
                f"another distributed {spider.name} crawl started with other arguments ({other}); this worker "
                "stops seeding"
            )
        owner_info = store.workers().get(other) or store.unreconciled().get(other) or {}
        if store.is_dead(other, owner_info) and store.take_over_seeding(other):
            spider.logger.warning("distributed: the seeding worker %s died; this worker seeds the crawl again", other)
            continue
        if not waited:
            spider.logger.info("distributed: worker %s is seeding the crawl; waiting for it", other)
            waited = True
        await sleep(interval)


# -- command line: status, drain, resume, reset --------------------------------------------------------


def _status_report(server: redis.Redis, keys: Keys) -> dict[str, Any]:
    def text(value: Any) -> str:
        return value.decode() if isinstance(value, bytes) else str(value)

    workers = {}
    for run, raw in cast(dict[bytes, bytes], server.hgetall(keys.workers)).items():
        info = json.loads(raw)
        name = text(run)
        workers[name] = {
            **info,
            "alive": bool(server.exists(keys.alive(name))),
            "in_flight": int(cast(int, server.zcard(keys.inflight(name)))),
            "claims": int(cast(int, server.scard(keys.claims(name)))),
        }
    seed = {text(k): text(v) for k, v in cast(dict[bytes, bytes], server.hgetall(keys.seed)).items()}
    return {
        "spider": keys.spider,
        "prefix": keys.prefix,
        "queued": int(cast(int, server.zcard(keys.requests))),
        "fingerprints": int(cast(int, server.scard(keys.dupefilter))),
        "delivered": int(cast(int, server.hlen(keys.seen))),
        "draining": bool(server.exists(keys.drain)),
        "seed": seed,
        "workers": workers,
        "unreconciled": {
            text(k): json.loads(v) for k, v in cast(dict[bytes, bytes], server.hgetall(keys.unreconciled)).items()
        },
    }


def _print_status(report: dict[str, Any]) -> None:
    seed = report["seed"]
    print(
        f"{report['spider']} (prefix {report['prefix']}): seed {seed.get('state', 'none')}"
        + (f" by {seed.get('owner')}, args {seed.get('args')}" if seed else "")
    )
    print(
        f"queued {report['queued']}  in flight {sum(w['in_flight'] for w in report['workers'].values())}  "
        f"fingerprints {report['fingerprints']}  delivered {report['delivered']}  "
        f"draining {'yes' if report['draining'] else 'no'}"
    )
    for run, worker in sorted(report["workers"].items()):
        print(
            f"  worker {run}  {worker.get('host')} pid {worker.get('pid')}  "
            f"{'alive' if worker['alive'] else 'SILENT'}  in flight {worker['in_flight']}  "
            f"claims {worker['claims']}  {worker.get('file')}"
        )
    for run, info in sorted(report["unreconciled"].items()):
        print(f"  unreconciled {run}  {info.get('host')}  {info.get('file')}  (start a worker there)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m newscrawl.distributed",
        description="Watch and steer a distributed crawl in Redis (docs/distributed.md).",
    )
    parser.add_argument("command", choices=("status", "drain", "resume", "reset"))
    parser.add_argument("spider", help="spider name, e.g. prmn")
    parser.add_argument("--redis", default=os.environ.get("NEWSCRAWL_REDIS_URL"), help="default: $NEWSCRAWL_REDIS_URL")
    parser.add_argument("--prefix", default=os.environ.get("NEWSCRAWL_REDIS_PREFIX", DEFAULT_PREFIX))
    parser.add_argument("--json", action="store_true", help="status as JSON")
    parser.add_argument("--force", action="store_true", help="reset even with workers registered")
    parser.add_argument(
        "--forget-delivered", action="store_true", help="reset also forgets every delivered article (re-fetch all)"
    )
    args = parser.parse_args(argv)
    if not args.redis:
        print("newscrawl.distributed: give --redis URL or set NEWSCRAWL_REDIS_URL", file=sys.stderr)
        return 2
    try:
        server = connect(args.redis)
    except (StateError, ValueError) as exc:
        print(f"newscrawl.distributed: {exc}", file=sys.stderr)
        return 2
    keys = Keys(args.prefix, args.spider)
    if args.command == "status":
        report = _status_report(server, keys)
        if args.json:
            print(json.dumps(report, indent=2, sort_keys=True))
        else:
            _print_status(report)
        return 0
    if args.command == "drain":
        server.set(keys.drain, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        print(
            f"{args.spider}: draining. Workers finish the requests they hold and leave; the queue stays "
            f"({int(cast(int, server.zcard(keys.requests)))} requests). Resume: python -m newscrawl.distributed "
            f"resume {args.spider}"
        )
        return 0
    if args.command == "resume":
        server.delete(keys.drain)
        print(f"{args.spider}: workers may start again")
        return 0
    report = _status_report(server, keys)
    if (report["workers"] or report["unreconciled"]) and not args.force:
        print(
            f"newscrawl.distributed: {len(report['workers'])} workers registered and {len(report['unreconciled'])} "
            "unreconciled: drain and wait (or start a worker on the machine of an unreconciled one), or reset "
            "--force (their unwritten claims then stay delivered)",
            file=sys.stderr,
        )
        return 1
    doomed = [*keys.crawl_keys(), keys.workers]
    for pattern in ("inflight:*", "alive:*", "reaping:*", "claims:*" if args.forget_delivered else ""):
        if pattern:
            doomed += [k.decode() for k in server.scan_iter(match=keys.key(pattern), count=1000)]
    if args.forget_delivered:
        doomed.append(keys.seen)
    server.delete(*doomed)
    print(
        f"{args.spider}: crawl reset (queue, fingerprints, seed flag, workers)"
        + ("; every delivered article forgotten" if args.forget_delivered else "; delivered articles kept")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
