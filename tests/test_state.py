"""The seen-store on its own: marks, unfinished-run reconciliation, torn lines, rebuild, lock, bad data dirs."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl.state import SeenStore, StateError, cut_torn_line


def record(n: int) -> bytes:
    return (
        json.dumps({"url": f"https://a.example/berita/{n}", "published_at": "2026-11-20T10:00:00+07:00"}) + "\n"
    ).encode()


def run_file(data: Path, run_id: str) -> Path:
    path = data / "toy" / "2026-11-26" / f"{run_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_a_finished_run_is_remembered(tmp_path: Path) -> None:
    store = SeenStore.open(tmp_path, "toy")
    file = run_file(tmp_path, "r1")
    store.start_run("r1", file)
    file.write_bytes(record(1) + record(2))
    store.mark("https://a.example/berita/1", "r1", None)
    store.mark("https://a.example/berita/2", "r1", None)
    store.finish_run("r1", file)
    store.close()
    again = SeenStore.open(tmp_path, "toy")
    assert again.is_seen("https://a.example/berita/1")
    assert not again.is_seen("https://a.example/berita/3")
    assert again.repair.runs_reconciled == []
    again.close()


def test_an_unfinished_run_is_reconciled_with_its_file(tmp_path: Path) -> None:
    store = SeenStore.open(tmp_path, "toy")
    file = run_file(tmp_path, "r1")
    store.start_run("r1", file)
    # marked 1..4, but only 1..2 reached the file whole and 3 is torn: the process was killed
    for n in range(1, 5):
        store.mark(f"https://a.example/berita/{n}", "r1", None)
    file.write_bytes(record(1) + record(2) + record(3)[:20])
    store.db.close()  # no finish_run, no clean close: as after SIGKILL
    store._lock.close()

    again = SeenStore.open(tmp_path, "toy")
    assert [again.is_seen(f"https://a.example/berita/{n}") for n in range(1, 5)] == [True, True, False, False]
    assert again.repair.runs_reconciled == ["r1"]
    assert again.repair.torn_lines_cut == 1
    assert again.repair.marks_removed == 2
    assert file.read_bytes() == record(1) + record(2)
    again.close()


def test_records_in_the_file_but_not_marked_are_marked(tmp_path: Path) -> None:
    store = SeenStore.open(tmp_path, "toy")
    file = run_file(tmp_path, "r1")
    store.start_run("r1", file)
    file.write_bytes(record(7))  # written, killed before the mark
    store.db.close()
    store._lock.close()
    again = SeenStore.open(tmp_path, "toy")
    assert again.is_seen("https://a.example/berita/7")
    assert again.repair.marks_added == 1
    again.close()


def test_cut_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a":1}\n{"b":')
    assert cut_torn_line(path) == 5
    assert path.read_bytes() == b'{"a":1}\n'
    assert cut_torn_line(path) == 0
    path.write_bytes(b'{"only": "torn"')
    cut_torn_line(path)
    assert path.read_bytes() == b""


def test_a_missing_store_is_rebuilt_from_the_output_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    run_file(tmp_path, "old").write_bytes(record(1) + record(2))
    store = SeenStore.open(tmp_path, "toy")
    assert store.repair.rebuilt == "missing"
    assert store.count() == 2
    assert "rebuilt it from 1 output files" in caplog.text
    store.close()


def test_a_corrupt_store_is_moved_aside_and_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    run_file(tmp_path, "old").write_bytes(record(1))
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "toy.sqlite3").write_bytes(b"this is not a database" * 100)
    store = SeenStore.open(tmp_path, "toy")
    assert store.repair.rebuilt == "corrupt"
    assert store.is_seen("https://a.example/berita/1")
    assert list((tmp_path / "state").glob("toy.sqlite3.corrupt-*"))
    assert "was corrupt" in caplog.text
    store.close()


def test_a_store_missing_its_tables_counts_as_corrupt(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    sqlite3.connect(tmp_path / "state" / "toy.sqlite3").execute("CREATE TABLE other (x)").connection.commit()
    store = SeenStore.open(tmp_path, "toy")
    assert store.repair.rebuilt == "corrupt"
    store.close()


def test_reset_forgets(tmp_path: Path) -> None:
    run_file(tmp_path, "old").write_bytes(record(1))
    SeenStore.open(tmp_path, "toy").close()
    store = SeenStore.open(tmp_path, "toy", reset=True)
    assert store.count() == 0
    assert store.repair.rebuilt == "reset"
    store.close()


def test_a_second_run_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    store = SeenStore.open(tmp_path, "toy")
    with pytest.raises(StateError, match=rf"another toy run is using .* \(pid {os.getpid()}\)"):
        SeenStore.open(tmp_path, "toy")
    other = SeenStore.open(tmp_path, "other-spider")  # another spider is fine
    other.close()
    store.close()
    SeenStore.open(tmp_path, "toy").close()  # released


def test_a_killed_holder_leaves_no_stuck_lock(tmp_path: Path) -> None:
    code = (
        "import sys, time; from newscrawl.state import SeenStore; "
        f"held = SeenStore.open({str(tmp_path)!r}, 'toy'); print('locked', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(StateError):
            SeenStore.open(tmp_path, "toy")
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    SeenStore.open(tmp_path, "toy").close()


def test_an_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    # a data dir that is a file: nothing can be created under it (a read-only mount behaves alike)
    blocker = tmp_path / "data"
    blocker.write_text("not a directory")
    with pytest.raises(StateError, match="is not writable"):
        SeenStore.open(blocker, "toy")
