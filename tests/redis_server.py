"""A real Redis for the distributed-crawl tests.

``NEWSCRAWL_TEST_REDIS_URL`` (set by ``.ci/run``, which starts a ``redis-server``) names a server to use;
otherwise the ``redis_server`` fixture starts ``redis-server`` itself on a free 127.0.0.1 port, with a
password and a temporary dir, for the test session. Without either, the tests are skipped — except under
``CI=true``, where they must run and fail instead. Each test gets its own key prefix (``redis_prefix``), and
its keys are deleted afterwards, so a shared server stays clean.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

ENV = "NEWSCRAWL_TEST_REDIS_URL"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(binary: str, folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    password = secrets.token_hex(12)
    for _attempt in range(5):
        port = _free_port()
        log = (folder / f"redis-{port}.log").open("wb")
        proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--requirepass",
                password,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(folder),
                "--loglevel",
                "warning",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        url = f"redis://:{password}@127.0.0.1:{port}/0"
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                client.ping()
            except redis.RedisError:
                time.sleep(0.05)
                continue
            client.close()
            return proc, url
        client.close()
        proc.kill()
        proc.wait()
    raise RuntimeError(f"redis-server did not start (logs in {folder})")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL (with password) of a Redis server for this test session."""
    given = os.environ.get(ENV)
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        message = f"redis-server is not installed (apt-get install redis-server), and {ENV} is not set"
        if _in_ci():
            pytest.fail(message + " (CI=true: the distributed-crawl tests must run)")
        pytest.skip(message)
    proc, url = _start(binary, tmp_path_factory.mktemp("redis"))
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def redis_prefix(redis_server: str) -> Iterator[str]:
    """A key prefix (NEWSCRAWL_REDIS_PREFIX) of this test's own; its keys are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(redis_server)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)
    client.close()
