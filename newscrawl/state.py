"""The seen-store: which articles a spider has already delivered, so scheduled runs fetch only what is new.

One SQLite file per spider under ``<NEWSCRAWL_DATA_DIR>/state/<spider>.sqlite3`` (embedded, no server), keyed
by the record's ``url`` (canonical page-1 URL). The output files are the truth; the store is an index of them:

* a record is marked when Scrapy has handed it to the feed, and its run is marked *finished* only after the
  feed file is closed and fsynced;
* a run that never finished (killed, power loss) is reconciled when the next run opens the store: the torn last
  line of its file is cut off, marks for records that did not reach the file are removed, and records the file
  holds are marked — so every article ends up in the output exactly once;
* a missing or corrupt store is rebuilt from the output files, with a warning, never started empty while
  output files exist.

A lock file (``flock``; the kernel drops it when a process dies) keeps two runs of one spider off one data dir.

``DeliveredStore`` is what the Scrapy wiring (``newscrawl.incremental``) needs of a store; ``SeenStore`` is the
SQLite one, ``newscrawl.redis_state.RedisSeenStore`` the one shared by distributed workers.
"""

from __future__ import annotations

import abc
import contextlib
import fcntl
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    url TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    published_at TEXT,
    delivered_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    note TEXT
);
"""


class StateError(RuntimeError):
    """The state cannot be used: the data dir is not writable, or another run holds the lock."""


#: what distributed workers write into ``<spider>.lock`` (they hold it shared; a single-machine run exclusively)
DISTRIBUTED_HOLDER = "distributed"


@dataclass
class Repair:
    """What opening the store had to fix, for the log and the tests."""

    rebuilt: str = ""  # "", "missing", "corrupt", "reset"
    files_read: int = 0
    torn_lines_cut: int = 0
    marks_removed: int = 0
    marks_added: int = 0
    runs_reconciled: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def output_files(output_dir: Path) -> list[Path]:
    """Every JSON Lines output file of a spider: ``<data dir>/<spider>/<date>/<run id>.jsonl``."""
    return sorted(output_dir.glob("*/*.jsonl")) if output_dir.is_dir() else []


def cut_torn_line(path: Path) -> int:
    """Truncate a JSON Lines file after its last complete line; returns the number of bytes cut."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return 0
    if size == 0:
        return 0
    with path.open("rb+") as handle:
        handle.seek(-1, os.SEEK_END)
        if handle.read(1) == b"\n":
            return 0
        # Walk back to the last newline (records are at most a few hundred KB).
        position = size
        keep = 0
        chunk = 65536
        while position > 0:
            start = max(0, position - chunk)
            handle.seek(start)
            data = handle.read(position - start)
            index = data.rfind(b"\n")
            if index >= 0:
                keep = start + index + 1
                break
            position = start
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    return size - keep


def urls_in(path: Path) -> Iterator[tuple[str, str | None]]:
    """(url, published_at) of each complete record line; broken lines are logged and skipped."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.endswith(b"\n"):
                logger.warning("state: %s line %d is incomplete, ignored", path, number)
                continue
            try:
                record = json.loads(line)
            except ValueError:
                logger.warning("state: %s line %d is not JSON, ignored", path, number)
                continue
            if isinstance(record, dict) and isinstance(record.get("url"), str):
                published = record.get("published_at")
                yield record["url"], published if isinstance(published, str) else None


def fsync_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError), path.open("rb") as handle:
        os.fsync(handle.fileno())


def check_writable(root: Path) -> Path:
    """``<root>/state``, created; StateError when the data dir cannot be written."""
    state_dir = root / "state"
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        probe = state_dir / f".probe-{os.getpid()}"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    except OSError as exc:
        raise StateError(f"data dir {root} is not writable ({exc.strerror or exc}); nothing was fetched") from exc
    return state_dir


class DeliveredStore(abc.ABC):
    """Which articles a spider has delivered: what the Scrapy wiring asks of a seen-store."""

    repair: Repair

    @abc.abstractmethod
    def is_seen(self, url: str, *, before_run: str | None = None) -> bool:
        """True when ``url`` was delivered (by a run other than ``before_run``, when given)."""

    @abc.abstractmethod
    def claim(self, url: str, run_id: str) -> bool:
        """Just before a record is written: False when ``url`` was delivered already (it must not be written)."""

    @abc.abstractmethod
    def count(self) -> int:
        """How many articles were delivered."""

    @abc.abstractmethod
    def start_run(self, run_id: str, file: Path) -> None:
        """Run ``run_id`` writes its records to ``file``."""

    @abc.abstractmethod
    def mark(self, url: str, run_id: str, published_at: str | None) -> None:
        """The record of ``url`` was handed to the output of run ``run_id``."""

    @abc.abstractmethod
    def finish_run(self, run_id: str, file: Path) -> None:
        """The run's output file is closed: make it durable, then record the run as finished."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the store (connections, locks)."""


class SeenStore(DeliveredStore):
    """The delivered-articles index of one spider. Open with :meth:`open`; close with :meth:`close`."""

    def __init__(self, db_path: Path, output_dir: Path, lock: IO[str]) -> None:
        self.db_path = db_path
        self.output_dir = output_dir
        self._lock = lock
        self.db = self._connect()
        self.repair = Repair()

    # -- opening ---------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | Path, spider: str, *, reset: bool = False) -> SeenStore:
        """Open (create, rebuild or reset) the store of ``spider`` and reconcile unfinished runs.

        Raises StateError when the data dir cannot be written or another run of the spider holds the lock.
        """
        root = Path(data_dir)
        state_dir = check_writable(root)
        lock = cls._take_lock(state_dir / f"{spider}.lock", spider, root)
        db_path = state_dir / f"{spider}.sqlite3"
        output_dir = root / spider
        try:
            rebuilt = ""
            if reset:
                cls._move_aside(db_path, "reset")
                rebuilt = "reset"
            elif not db_path.exists() and output_files(output_dir):
                rebuilt = "missing"
            elif db_path.exists() and not cls._healthy(db_path):
                cls._move_aside(db_path, "corrupt")
                rebuilt = "corrupt"
            store = cls(db_path, output_dir, lock)
            if rebuilt in ("missing", "corrupt"):
                store._rebuild(rebuilt)
            elif rebuilt == "reset":
                store.repair.rebuilt = "reset"
                logger.warning("state: reset_state=1, forgot every delivered article of %s", spider)
            store._reconcile_unfinished()
            return store
        except BaseException:
            lock.close()
            raise

    @staticmethod
    def _take_lock(path: Path, spider: str, root: Path) -> IO[str]:
        handle = path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            if holder == DISTRIBUTED_HOLDER:
                raise StateError(
                    f"distributed {spider} workers (NEWSCRAWL_REDIS_URL) are using {root}; a single-machine run "
                    "would keep a seen-store of its own. Wait for them, or run this one with the same "
                    "NEWSCRAWL_REDIS_URL (docs/distributed.md)."
                ) from None
            raise StateError(
                f"another {spider} run is using {root} (pid {holder}); wait for it or stop it. "
                "A killed run releases the lock by itself."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        return handle

    @staticmethod
    def _healthy(db_path: Path) -> bool:
        try:
            with contextlib.closing(sqlite3.connect(db_path)) as db:
                row = db.execute("PRAGMA quick_check").fetchone()
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            return bool(row and row[0] == "ok" and {"seen", "runs"} <= tables)
        except sqlite3.DatabaseError:
            return False

    @staticmethod
    def _move_aside(db_path: Path, why: str) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{db_path}{suffix}")
            if path.exists():
                path.rename(f"{db_path}{suffix}.{why}-{stamp}")

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        return db

    # -- repair ----------------------------------------------------------------------------------

    def _rebuild(self, why: str) -> None:
        files = output_files(self.output_dir)
        count = 0
        with self._transaction():
            for path in files:
                self.repair.torn_lines_cut += 1 if cut_torn_line(path) else 0
                for url, published in urls_in(path):
                    self.db.execute(
                        "INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?)", (url, path.stem, published, _now())
                    )
                    count += 1
                self.db.execute(
                    "INSERT OR IGNORE INTO runs VALUES (?, ?, ?, ?, ?)", (path.stem, str(path), _now(), _now(), why)
                )
        self.repair.rebuilt = why
        self.repair.files_read = len(files)
        self.repair.marks_added = count
        logger.warning(
            "state: the store %s was %s; rebuilt it from %d output files (%d delivered articles)",
            self.db_path,
            why,
            len(files),
            count,
        )

    def _reconcile_unfinished(self) -> None:
        rows = self.db.execute("SELECT run_id, file FROM runs WHERE finished_at IS NULL").fetchall()
        for run_id, file in rows:
            path = Path(file)
            cut = cut_torn_line(path)
            in_file = dict(urls_in(path)) if path.exists() else {}
            marked = {r[0] for r in self.db.execute("SELECT url FROM seen WHERE run_id = ?", (run_id,))}
            with self._transaction():
                for url in marked - in_file.keys():
                    self.db.execute("DELETE FROM seen WHERE url = ? AND run_id = ?", (url, run_id))
                added = 0
                for url, published in in_file.items():
                    added += self.db.execute(
                        "INSERT OR IGNORE INTO seen VALUES (?, ?, ?, ?)", (url, run_id, published, _now())
                    ).rowcount
                self.db.execute(
                    "UPDATE runs SET finished_at = ?, note = 'reconciled after an unfinished run' WHERE run_id = ?",
                    (_now(), run_id),
                )
            fsync_file(path)
            self.repair.runs_reconciled.append(run_id)
            self.repair.torn_lines_cut += 1 if cut else 0
            self.repair.marks_removed += len(marked - in_file.keys())
            self.repair.marks_added += added
            logger.warning(
                "state: run %s did not finish; its file keeps %d records (%s), %d marks of records that never "
                "reached it removed, %d added",
                run_id,
                len(in_file),
                f"torn last line cut, {cut} bytes" if cut else "no torn line",
                len(marked - in_file.keys()),
                added,
            )

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- use -------------------------------------------------------------------------------------

    def is_seen(self, url: str, *, before_run: str | None = None) -> bool:
        """True when ``url`` was delivered (by a run other than ``before_run``, when given)."""
        row = self.db.execute("SELECT run_id FROM seen WHERE url = ?", (url,)).fetchone()
        return row is not None and (before_run is None or row[0] != before_run)

    def claim(self, url: str, run_id: str) -> bool:
        # One process writes this spider's records (the lock): nothing to race with; marked at item_scraped.
        return not self.is_seen(url)

    def count(self) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM seen").fetchone()
        return int(row[0])

    def start_run(self, run_id: str, file: Path) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, NULL, NULL)", (run_id, str(file), _now()))

    def mark(self, url: str, run_id: str, published_at: str | None) -> None:
        """The record of ``url`` was handed to the output of run ``run_id`` (durable once the run finishes)."""
        self.db.execute(
            "INSERT INTO seen VALUES (?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET run_id = excluded.run_id,"
            " published_at = excluded.published_at, delivered_at = excluded.delivered_at",
            (url, run_id, published_at, _now()),
        )

    def finish_run(self, run_id: str, file: Path) -> None:
        """The run's output file is closed: make it durable, then record the run as finished."""
        fsync_file(file)
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", (_now(), run_id))

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        with contextlib.suppress(OSError):
            self._lock.close()
