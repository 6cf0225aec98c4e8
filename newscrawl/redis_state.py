"""The seen-store and the worker registry of a distributed crawl, in Redis (``NEWSCRAWL_REDIS_URL``).

Every worker of a spider's crawl, on any machine, shares these keys (``<prefix>`` is ``NEWSCRAWL_REDIS_PREFIX``,
``newscrawl`` by default; ``<spider>`` the spider's name):

==============================  ======  ================================================================
``<prefix>:<spider>:requests``  zset    the shared request queue (scrapy-redis's priority queue)
``...:dupefilter``              set     request fingerprints of the current crawl (scrapy-redis)
``...:inflight:<run>``          zset    requests a worker took from the queue and has not finished
``...:workers``                 hash    run id -> JSON (host, pid, data dir, output file, lock file)
``...:alive:<run>``             string  a worker's heartbeat, expiring after ``NEWSCRAWL_REDIS_WORKER_TTL``
``...:seed``                    hash    who seeds the crawl and whether it is done (state, owner, args)
``...:seen``                    hash    delivered article url -> the run whose file holds it
``...:claims:<run>``            set     the urls a running worker claimed (until its file is closed)
``...:imported``                set     ``host:path`` of output files whose records are in ``seen``
``...:unreconciled``            hash    dead runs whose file is on a machine no live worker can read
``...:drain``                   string  set by ``python -m newscrawl.distributed drain``
``...:sequence``                string  insertion counter: first in first out within a priority
==============================  ======  ================================================================

Exactly once: a record is written only after its worker *claims* its url (one atomic script: the url is
free, or already this run's). The output files stay the truth, as with SQLite: a worker that dies is
*reaped* by another — the requests it held go back to the queue, and, by a worker on the same machine, its
file is reconciled (torn last line cut, the claims of records that never reached the file released and their
articles queued again). Liveness: a worker holds ``flock`` on its own lock file (exact, for workers on one
machine) and refreshes its heartbeat key (for workers elsewhere).

The Lua scripts read keys they compute from the worker list, so the store wants a single Redis server (or a
replicated primary), not Redis Cluster.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit, urlunsplit

import redis

from newscrawl.state import (
    DISTRIBUTED_HOLDER,
    DeliveredStore,
    Repair,
    StateError,
    check_writable,
    cut_torn_line,
    fsync_file,
    output_files,
    urls_in,
)

logger = logging.getLogger(__name__)

#: environment variable with the Redis password, for a NEWSCRAWL_REDIS_URL that carries none
PASSWORD_ENV = "NEWSCRAWL_REDIS_PASSWORD"

#: a queue entry: the serialized request and its score (see ``score``)
Entry = tuple[bytes, float]

#: scores of one priority are spread over this many insertion numbers
_BAND = 2**32

# Queue a request after those of its priority (scrapy-redis scores by priority alone, and Redis orders equal
# scores by their bytes: requests for one host would come out together, one at a time per portal).
_PUSH = """
local seq = redis.call('INCR', KEYS[2]) % tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], string.format('%.0f', tonumber(ARGV[1]) * tonumber(ARGV[3]) + seq), ARGV[2])
return seq
"""

# Take the best-scored request and keep it in the worker's in-flight set, in one step.
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if popped[1] then redis.call('ZADD', KEYS[2], popped[2], popped[1]) end
return popped[1]
"""

# Everything in an in-flight set goes back to the queue (same scores); the set is deleted.
_REQUEUE = """
local items = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
for i = 1, #items, 2 do redis.call('ZADD', KEYS[2], items[i + 1], items[i]) end
redis.call('DEL', KEYS[1])
return #items / 2
"""

# Claim a url for a run: 1 when it is free (now claimed) or already this run's, 0 when another run has it.
_CLAIM = """
local holder = redis.call('HGET', KEYS[1], ARGV[1])
if not holder then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  redis.call('SADD', KEYS[2], ARGV[1])
  return 1
end
if holder == ARGV[2] then return 1 end
return 0
"""

# Release a dead run's claim (still its own) and queue the article again; 1 when released.
_RELEASE = """
redis.call('SREM', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
  return 1
end
return 0
"""

# The crawl at one instant: queued, in flight (every registered worker), workers without heartbeat,
# registered workers, seed state, draining.
_STATUS = """
local queued = redis.call('ZCARD', KEYS[1])
local inflight = 0
local silent = 0
local runs = redis.call('HKEYS', KEYS[2])
for _, run in ipairs(runs) do
  inflight = inflight + redis.call('ZCARD', ARGV[1] .. run)
  if redis.call('EXISTS', ARGV[2] .. run) == 0 then silent = silent + 1 end
end
local seed = redis.call('HGET', KEYS[3], 'state') or ''
return {queued, inflight, silent, #runs, seed, redis.call('EXISTS', KEYS[4])}
"""

# The crawl is over (queue empty, seeding done, nothing in flight, every worker alive): forget its request
# fingerprints, seed flag and queue sequence, so that the next crawl seeds again and re-reads listings. 1 when
# cleared.
_FINISH = """
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
if redis.call('HGET', KEYS[3], 'state') ~= 'done' then return 0 end
if redis.call('EXISTS', KEYS[5]) == 1 then return 0 end
for _, run in ipairs(redis.call('HKEYS', KEYS[2])) do
  if redis.call('ZCARD', ARGV[1] .. run) > 0 then return 0 end
  if redis.call('EXISTS', ARGV[2] .. run) == 0 then return 0 end
end
redis.call('DEL', KEYS[3], KEYS[4], KEYS[6])
return 1
"""

# Who seeds: the first worker of a crawl; later ones wait for it or find the crawl seeded. A worker that was
# waiting (ARGV[4] = '0') and finds no seed flag any more saw its crawl end: it does not start another.
_SEED_ROLE = """
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  if ARGV[4] ~= '1' then return {'over', ''} end
  redis.call('HSET', KEYS[1], 'state', 'seeding', 'owner', ARGV[1], 'args', ARGV[2], 'started', ARGV[3])
  return {'seed', ''}
end
local args = redis.call('HGET', KEYS[1], 'args') or ''
if args ~= ARGV[2] then return {'mismatch', args} end
if state == 'done' then return {'done', ''} end
local owner = redis.call('HGET', KEYS[1], 'owner') or ''
if owner == ARGV[1] then return {'seed', ''} end
return {'wait', owner}
"""

# Take over the seeding of a dead worker (only if it still owns it).
_SEED_TAKEOVER = """
if redis.call('HGET', KEYS[1], 'state') == 'seeding' and redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'owner', ARGV[2])
  return 1
end
return 0
"""

_SEED_DONE = """
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'state', 'done', 'finished', ARGV[2])
  return 1
end
return 0
"""


def mask_url(url: str) -> str:
    """The Redis URL for logs: any password replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{user}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def check_url(url: str) -> str:
    """A usable NEWSCRAWL_REDIS_URL, or ValueError saying what is wrong."""
    url = url.strip()
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise ValueError(
            f"NEWSCRAWL_REDIS_URL={mask_url(url)!r} is not a Redis URL: use redis://[:password@]host:port/db "
            "(rediss:// for TLS)"
        )
    return url


def connect(url: str) -> redis.Redis:
    """A client for NEWSCRAWL_REDIS_URL; the password comes from the URL or NEWSCRAWL_REDIS_PASSWORD."""
    url = check_url(url)
    options: dict[str, Any] = {
        "socket_timeout": 30,
        "socket_connect_timeout": 10,
        "retry_on_timeout": True,
        "health_check_interval": 30,
    }
    if urlsplit(url).password is None and os.environ.get(PASSWORD_ENV):
        options["password"] = os.environ[PASSWORD_ENV]
    has_password = urlsplit(url).password is not None or "password" in options
    server = redis.Redis.from_url(url, **options)
    try:
        server.ping()
    except (redis.AuthenticationError, redis.ResponseError) as exc:
        about_auth = isinstance(exc, redis.AuthenticationError) or "auth" in str(exc).lower()
        if not about_auth:
            raise StateError(f"Redis at {mask_url(url)} answered an error ({exc}); nothing was fetched") from exc
        if not has_password:
            raise StateError(
                f"Redis at {mask_url(url)} wants a password (put it in the URL, redis://:PASSWORD@host:port/db, "
                f"or in {PASSWORD_ENV}); nothing was fetched"
            ) from exc
        raise StateError(f"Redis at {mask_url(url)} refused the password ({exc}); nothing was fetched") from exc
    except redis.RedisError as exc:
        raise StateError(f"cannot reach Redis at {mask_url(url)} ({exc}); nothing was fetched") from exc
    return server


@dataclass(frozen=True)
class Keys:
    """The Redis keys of one spider's distributed crawl."""

    prefix: str
    spider: str

    def key(self, name: str) -> str:
        return f"{self.prefix}:{self.spider}:{name}"

    @property
    def requests(self) -> str:
        return self.key("requests")

    @property
    def dupefilter(self) -> str:
        return self.key("dupefilter")

    def inflight(self, run: str) -> str:
        return self.key(f"inflight:{run}")

    @property
    def workers(self) -> str:
        return self.key("workers")

    def alive(self, run: str) -> str:
        return self.key(f"alive:{run}")

    @property
    def seed(self) -> str:
        return self.key("seed")

    @property
    def seen(self) -> str:
        return self.key("seen")

    def claims(self, run: str) -> str:
        return self.key(f"claims:{run}")

    @property
    def imported(self) -> str:
        return self.key("imported")

    @property
    def unreconciled(self) -> str:
        return self.key("unreconciled")

    @property
    def drain(self) -> str:
        return self.key("drain")

    @property
    def sequence(self) -> str:
        return self.key("sequence")

    def reaping(self, run: str) -> str:
        return self.key(f"reaping:{run}")

    def crawl_keys(self) -> list[str]:
        """The keys of the current crawl (not of the seen-store): what ``reset`` deletes."""
        return [self.requests, self.dupefilter, self.seed, self.drain, self.unreconciled, self.sequence]


@dataclass
class CrawlStatus:
    queued: int
    inflight: int
    silent: int  # registered workers whose heartbeat expired (dead, not yet reaped)
    workers: int
    seed: str  # "", "seeding", "done"
    draining: bool

    @property
    def finished(self) -> bool:
        """Nothing left anywhere: no request queued or in flight, seeding done (or the crawl already cleared)."""
        return self.queued == 0 and self.inflight == 0 and self.silent == 0 and self.seed in ("", "done")


@dataclass
class Reaped:
    """What reaping a dead worker did."""

    run: str
    requeued: int = 0
    reconciled: bool = False
    released: int = 0
    kept: int = 0
    torn_cut: int = 0


def score(priority: int) -> float:
    """The queue score of a request put back at the head of its priority (lower scores come out first)."""
    return float(-priority * _BAND)


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value.decode("utf-8") if isinstance(value, bytes) else value


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class RedisSeenStore(DeliveredStore):
    """One worker's handle on the shared seen-store and crawl registry. Open with :meth:`open`."""

    def __init__(
        self,
        server: redis.Redis,
        keys: Keys,
        run_id: str,
        info: dict[str, Any],
        ttl: float,
        locks: list[IO[str]],
    ) -> None:
        self.server = server
        self.keys = keys
        self.run_id = run_id
        self.info = info
        self.ttl = ttl
        self._locks = locks
        self.repair = Repair()
        self.closed = False
        #: the run left the crawl's registry (its file is closed and durable)
        self.left = False
        #: this worker is yielding the crawl's start requests (newscrawl.distributed.seed_once)
        self.seeding = False
        self._push = server.register_script(_PUSH)
        self._pop = server.register_script(_POP)
        self._requeue = server.register_script(_REQUEUE)
        self._claim = server.register_script(_CLAIM)
        self._release = server.register_script(_RELEASE)
        self._status = server.register_script(_STATUS)
        self._finish = server.register_script(_FINISH)
        self._seed_role = server.register_script(_SEED_ROLE)
        self._seed_takeover = server.register_script(_SEED_TAKEOVER)
        self._seed_done = server.register_script(_SEED_DONE)

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        url: str,
        *,
        prefix: str,
        data_dir: str | Path,
        spider: str,
        run_id: str,
        file: Path,
        signature: str,
        ttl: float = 30.0,
    ) -> RedisSeenStore:
        """Join (or start) the distributed crawl of ``spider``: check, lock, register, import local files.

        Raises StateError before anything is fetched when Redis cannot be used, the data dir cannot be written,
        a single-machine run holds the data dir, the crawl is draining, or it was seeded with other arguments.
        """
        root = Path(data_dir).resolve()
        state_dir = check_writable(root)
        server = connect(url)
        keys = Keys(prefix, spider)
        locks: list[IO[str]] = []
        try:
            locks.append(_shared_lock(state_dir / f"{spider}.lock", spider, root))
            run_lock = state_dir / f"{spider}.{run_id}.lock"
            locks.append(_run_lock(run_lock))
            if server.exists(keys.drain):
                raise StateError(
                    f"the distributed {spider} crawl is draining (python -m newscrawl.distributed resume {spider} "
                    "lets workers start again); nothing was fetched"
                )
            seeded_with = _text(cast(bytes | None, server.hget(keys.seed, "args")))
            if seeded_with and seeded_with != signature:
                raise StateError(
                    f"a distributed {spider} crawl with other arguments is under way in Redis (it was started with "
                    f"{seeded_with}; this worker has {signature}). Start workers with the same arguments, wait for "
                    f"it to finish, or reset it: python -m newscrawl.distributed reset {spider}"
                )
            info = {
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "data_dir": str(root),
                "file": str(file.resolve()),
                "lock": str(run_lock),
                "started": _now(),
            }
            store = cls(server, keys, run_id, info, ttl, locks)
            store.heartbeat()
            store._import_local_files(root / spider)
            return store
        except BaseException:
            for handle in locks:
                handle.close()
            server.close()
            raise

    def _member(self, info: dict[str, Any]) -> str:
        """How ``imported`` names a run's output file: ``host:absolute path``."""
        return f"{info.get('host')}:{info.get('file')}"

    def _import_local_files(self, output_dir: Path) -> None:
        """Read into ``seen`` the output files of this data dir that no distributed worker wrote (a single-machine
        run's, or all of them when Redis lost its data): their articles are not delivered again."""
        files = output_files(output_dir)
        if not files:
            return
        members = [self._member({"host": self.info["host"], "file": str(path.resolve())}) for path in files]
        known = cast(list[int], self.server.smismember(self.keys.imported, members))
        running = {self._member(info) for info in (*self.workers().values(), *self.unreconciled().values())}
        fresh = [
            (path, member)
            for path, member, seen in zip(files, members, known, strict=True)
            if not seen and member not in running
        ]
        if not fresh:
            return
        added = 0
        for path, member in fresh:
            with self.server.pipeline(transaction=False) as pipe:
                for url, _published in urls_in(path):
                    pipe.hsetnx(self.keys.seen, url, f"file:{path.stem}")
                added += sum(int(bool(result)) for result in pipe.execute())
            self.server.sadd(self.keys.imported, member)
        self.repair.rebuilt = "imported"
        self.repair.files_read = len(fresh)
        self.repair.marks_added += added
        logger.warning(
            "state: read %d output files of %s that no distributed worker wrote into the Redis seen-store "
            "(%d articles not known there yet)",
            len(fresh),
            output_dir,
            added,
        )

    # -- the seen-store --------------------------------------------------------------------------

    def is_seen(self, url: str, *, before_run: str | None = None) -> bool:
        holder = self.server.hget(self.keys.seen, url)
        return holder is not None and (before_run is None or _text(cast(bytes, holder)) != before_run)

    def claim(self, url: str, run_id: str) -> bool:
        try:
            return bool(self._claim(keys=[self.keys.seen, self.keys.claims(run_id)], args=[url, run_id]))
        except redis.RedisError as exc:
            # Not written, not lost: the request stays in this worker's in-flight set in Redis and goes back to
            # the queue when the worker leaves or is reaped.
            raise StateError(f"Redis is unavailable ({exc})") from exc

    def count(self) -> int:
        return int(cast(int, self.server.hlen(self.keys.seen)))

    def start_run(self, run_id: str, file: Path) -> None:
        # Registered when the store opened; the output file is in the worker's entry.
        return None

    def mark(self, url: str, run_id: str, published_at: str | None) -> None:
        # Nothing to do: SeenPipeline claimed the url (atomically) before the record was written.
        return None

    def finish_run(self, run_id: str, file: Path) -> None:
        """The worker's file is closed: fsync it, then leave the crawl (anything still held goes back)."""
        fsync_file(file)
        try:
            requeued = int(self._requeue(keys=[self.keys.inflight(run_id), self.keys.requests]))
            with self.server.pipeline() as pipe:
                if file.exists():
                    pipe.sadd(self.keys.imported, self._member(self.info))
                pipe.delete(self.keys.claims(run_id), self.keys.alive(run_id))
                pipe.hdel(self.keys.workers, run_id)
                pipe.execute()
            self.left = True
        except redis.RedisError as exc:
            logger.warning(
                "state: Redis did not answer when this worker left (%s); its file %s is complete, and the next "
                "worker started on this machine reconciles it",
                exc,
                file,
            )
            return
        if requeued:
            logger.info("distributed: %d requests this worker had not finished went back to the queue", requeued)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        if self.left:
            # Still registered (killed before its file closed, or Redis away): the lock file stays, so that a
            # worker on this machine can tell this run is dead and reconcile its file.
            with contextlib.suppress(OSError):
                Path(self.info["lock"]).unlink()
        for handle in self._locks:
            with contextlib.suppress(OSError):
                handle.close()
        with contextlib.suppress(redis.RedisError):
            self.server.close()

    # -- the worker registry ---------------------------------------------------------------------

    def heartbeat(self) -> None:
        """I am alive (and registered again, if a worker took me for dead while I was stalled)."""
        with self.server.pipeline() as pipe:
            pipe.hset(self.keys.workers, self.run_id, json.dumps(self.info))
            pipe.set(self.keys.alive(self.run_id), self.info["host"], px=int(self.ttl * 1000))
            pipe.hdel(self.keys.unreconciled, self.run_id)
            pipe.execute()

    def workers(self) -> dict[str, dict[str, Any]]:
        raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.workers))
        return {_text(run): json.loads(value) for run, value in raw.items()}

    def unreconciled(self) -> dict[str, dict[str, Any]]:
        raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.unreconciled))
        return {_text(run): json.loads(value) for run, value in raw.items()}

    def is_local(self, info: dict[str, Any]) -> bool:
        """The worker ran on this machine and its lock file is here."""
        return bool(info.get("host") == self.info["host"] and info.get("lock") and Path(info["lock"]).exists())

    def is_dead(self, run: str, info: dict[str, Any]) -> bool:
        """On this machine: its lock is free (exact). Elsewhere: its heartbeat expired."""
        if run == self.run_id:
            return False
        if self.is_local(info):
            return not _lock_held(Path(info["lock"]))
        return not self.server.exists(self.keys.alive(run))

    def reap(self, run: str, info: dict[str, Any], article_entry: Callable[[str], Entry]) -> Reaped | None:
        """Clean up after dead worker ``run``: its requests go back to the queue; on its machine, its file is
        reconciled and the articles it claimed but never wrote are queued again. None when another worker is
        reaping it."""
        if not self.server.set(self.keys.reaping(run), self.run_id, nx=True, px=120_000):
            return None
        try:
            result = Reaped(run)
            result.requeued = int(self._requeue(keys=[self.keys.inflight(run), self.keys.requests]))
            if self.is_local(info):
                self._reconcile(run, info, article_entry, result)
                with self.server.pipeline() as pipe:
                    if Path(info["file"]).exists():
                        pipe.sadd(self.keys.imported, self._member(info))
                    pipe.delete(self.keys.claims(run), self.keys.alive(run))
                    pipe.hdel(self.keys.workers, run)
                    pipe.hdel(self.keys.unreconciled, run)
                    pipe.execute()
                with contextlib.suppress(OSError):
                    Path(info["lock"]).unlink()
            else:
                # Its file is on a machine we cannot read: a worker started there reconciles it.
                with self.server.pipeline() as pipe:
                    pipe.hset(self.keys.unreconciled, run, json.dumps(info))
                    pipe.hdel(self.keys.workers, run)
                    pipe.delete(self.keys.alive(run))
                    pipe.execute()
                logger.warning(
                    "distributed: worker %s on %s stopped answering; its %d unfinished requests went back to the "
                    "queue. Its file %s is reconciled when a worker starts on %s.",
                    run,
                    info.get("host"),
                    result.requeued,
                    info.get("file"),
                    info.get("host"),
                )
            return result
        finally:
            self.server.delete(self.keys.reaping(run))

    def _reconcile(self, run: str, info: dict[str, Any], article_entry: Callable[[str], Entry], result: Reaped) -> None:
        path = Path(info["file"])
        result.torn_cut = cut_torn_line(path)
        in_file = {url for url, _published in urls_in(path)} if path.exists() else set()
        claimed = {_text(url) for url in cast(set[bytes], self.server.smembers(self.keys.claims(run)))}
        for url in sorted(claimed - in_file):
            data, score = article_entry(url)
            result.released += int(
                self._release(
                    keys=[self.keys.seen, self.keys.claims(run), self.keys.requests], args=[url, run, data, score]
                )
            )
        with self.server.pipeline(transaction=False) as pipe:
            for url in in_file:
                pipe.hsetnx(self.keys.seen, url, run)
            result.kept = len(in_file)
            pipe.execute()
        fsync_file(path)
        result.reconciled = True
        self.repair.runs_reconciled.append(run)
        self.repair.torn_lines_cut += 1 if result.torn_cut else 0
        self.repair.marks_removed += result.released
        logger.warning(
            "state: worker %s (pid %s) died; its file keeps %d records (%s), %d claims of records that never reached "
            "it released and queued again, %d unfinished requests back in the queue",
            run,
            info.get("pid"),
            len(in_file),
            f"torn last line cut, {result.torn_cut} bytes" if result.torn_cut else "no torn line",
            result.released,
            result.requeued,
        )

    # -- the queue -------------------------------------------------------------------------------

    def push(self, data: bytes, priority: int) -> None:
        """Queue a request: higher priority first, first in first out within a priority."""
        self._push(keys=[self.keys.requests, self.keys.sequence], args=[-priority, data, _BAND])

    def pop(self) -> bytes | None:
        return cast(bytes | None, self._pop(keys=[self.keys.requests, self.keys.inflight(self.run_id)]))

    def ack(self, entries: Iterable[bytes]) -> None:
        batch = list(entries)
        if batch:
            self.server.zrem(self.keys.inflight(self.run_id), *batch)

    def requeue_mine(self) -> int:
        return int(self._requeue(keys=[self.keys.inflight(self.run_id), self.keys.requests]))

    def queued(self) -> int:
        return int(cast(int, self.server.zcard(self.keys.requests)))

    def status(self) -> CrawlStatus:
        raw = cast(
            list[Any],
            self._status(
                keys=[self.keys.requests, self.keys.workers, self.keys.seed, self.keys.drain],
                args=[self.keys.inflight(""), self.keys.alive("")],
            ),
        )
        return CrawlStatus(int(raw[0]), int(raw[1]), int(raw[2]), int(raw[3]), _text(raw[4]), bool(raw[5]))

    def finish_crawl(self) -> bool:
        """Clear the crawl's fingerprints and seed flag when it is over; True when this call did it."""
        return bool(
            self._finish(
                keys=[
                    self.keys.requests,
                    self.keys.workers,
                    self.keys.seed,
                    self.keys.dupefilter,
                    self.keys.drain,
                    self.keys.sequence,
                ],
                args=[self.keys.inflight(""), self.keys.alive("")],
            )
        )

    def draining(self) -> bool:
        return bool(self.server.exists(self.keys.drain))

    # -- seeding ---------------------------------------------------------------------------------

    def seed_role(self, signature: str, *, may_start: bool = True) -> tuple[str, str]:
        """("seed", ""), ("done", ""), ("wait", owner), ("mismatch", the crawl's arguments), or ("over", "") when
        there is no crawl and ``may_start`` is false."""
        flag = "1" if may_start else "0"
        role, other = cast(
            list[bytes], self._seed_role(keys=[self.keys.seed], args=[self.run_id, signature, _now(), flag])
        )
        return _text(role), _text(other)

    def take_over_seeding(self, owner: str) -> bool:
        return bool(self._seed_takeover(keys=[self.keys.seed], args=[owner, self.run_id]))

    def seed_done(self) -> bool:
        return bool(self._seed_done(keys=[self.keys.seed], args=[self.run_id, _now()]))


def _shared_lock(path: Path, spider: str, root: Path) -> IO[str]:
    """Distributed workers share ``<spider>.lock``; a single-machine run (SQLite store) holds it alone."""
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise StateError(
            f"a single-machine {spider} run is using {root} (pid {holder}); wait for it or stop it. "
            "Distributed workers and single-machine runs do not share a data dir."
        ) from None
    handle.seek(0)
    if handle.read().strip() != DISTRIBUTED_HOLDER:
        handle.seek(0)
        handle.truncate()
        handle.write(DISTRIBUTED_HOLDER)
        handle.flush()
    return handle


def _run_lock(path: Path) -> IO[str]:
    handle = path.open("w", encoding="utf-8")
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def _lock_held(path: Path) -> bool:
    """Whether a live process holds ``path``'s flock (the kernel drops it when the process dies)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # also releases the lock we may have taken
    return False
