"""Browser end-to-end harness: one real server and one headless Chromium for the whole session.

The page runs under the server's Content-Security-Policy (no eval): `wait_for_function` is
given a function (`"() => …"`), which Playwright evaluates once, never a bare expression,
which it would eval on every poll and the policy would refuse."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
# Screenshots go to a scratch folder so running the tests never changes a tracked file;
# `make screenshots` sets DOWNHILL_SCREENSHOTS=docs/screenshots to refresh the README images.
SCREENSHOTS = Path(os.environ.get("DOWNHILL_SCREENSHOTS") or ROOT / "build" / "screenshots")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY_TIMEOUT = 180


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _health(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{url}/api/health", timeout=2) as r:
            return json.loads(r.read())
    except (OSError, ValueError):
        return None


def _data_dir(tmp: Path) -> Path:
    """A fresh data directory holding the prepared MNIST cache (linked, not copied)."""
    src = Path(os.environ.get("DOWNHILL_DATA_DIR") or ROOT / "data") / "mnist.npz"
    if not src.exists():
        subprocess.run([sys.executable, "-m", "engine.datasets.prepare"], cwd=ROOT, check=True)
    (tmp / "mnist.npz").symlink_to(src)
    return tmp


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    """Start `python -m app` on a free port and wait until /api/health says it is ready."""
    if os.environ.get("DOWNHILL_E2E_URL"):
        yield os.environ["DOWNHILL_E2E_URL"].rstrip("/")
        return
    port = _free_port()
    data = _data_dir(tmp_path_factory.mktemp("data"))
    log = open(data / "server.log", "w")
    proc = subprocess.Popen([sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(data)],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        h = _health(url)
        if h and h.get("ready", True):
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"server did not become ready: {(data / 'server.log').read_text()[-2000:]}")
        time.sleep(0.25)
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def fresh_page(browser):
    """`with fresh_page(viewport=…, locale=…) as pg:` a page in a browser context of its own
    (its size, language, touch), closed when the block ends."""
    @contextmanager
    def opened(**options):
        context = browser.new_context(**options)
        try:
            yield context.new_page()
        finally:
            context.close()
    return opened


@pytest.fixture
def page(browser, server_url):
    """A fresh English page (own storage) at 1280×800; any console error or page error fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(f"console.{m.type}: {m.text} ({m.location.get('url', '')})")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.base_url = server_url
    pg.console_errors = errors
    yield pg
    context.close()
    assert not errors, "\n".join(errors)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS.resolve()


def open_page(pg, hash_: str = "") -> None:
    """Load the playground (optionally with a config in the hash) and wait until every panel mounted (body[data-panels=all]; body[data-ready] marks the first screen alone)."""
    pg.goto(f"{pg.base_url}/{hash_}")
    pg.wait_for_selector("body[data-panels=all]", timeout=30_000)


@pytest.fixture
def open_playground():
    return open_page
