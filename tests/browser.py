"""Shared pieces of the browser tests: Debian's Chromium through Playwright, a local server,
Sphinx's search driven as a reader drives it, and screenshots kept as test artifacts.

Skipped when Chromium or Playwright is missing, unless POSTARCHIVE_REQUIRE_BROWSER=1 (as in
CI), where that is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

try:  # optional: without it the tests skip (or fail under POSTARCHIVE_REQUIRE_BROWSER=1)
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    expect = sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
# Headless on a machine without internet: keep Chromium from dialling out on its own.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent.parent / "_build" / "test-artifacts"


def no_browser(reason: str) -> None:
    """Skip locally, but fail where a browser is promised (CI), so the suite can't go quiet."""
    if os.environ.get("POSTARCHIVE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"POSTARCHIVE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Checked before any site is built, so a machine without a browser skips at once.
    if sync_playwright is None:
        no_browser("playwright is not installed (pip install playwright)")
    if not CHROMIUM.exists():
        no_browser(f"{CHROMIUM} is missing (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep pytest's output free of access logs
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over http on localhost; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def site_url(site: Path, scheme: str) -> Iterator[str]:
    """The base URL of a built site, served over http or read from disk (``"file"``)."""
    if scheme == "file":
        yield site.as_uri() + "/"
    else:
        with served(site) as url:
            yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page; ``page.problems`` collects console errors and uncaught exceptions."""
    context = browser.new_context()
    context.set_default_timeout(30_000)  # a busy 2-core machine is slow, not wrong
    page = context.new_page()
    page.problems = []
    # The browser asks every server for /favicon.ico on its own; the archive has none.
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and "favicon" not in m.location.get("url", "")
            and page.problems.append(f"{m.text} ({m.location.get('url')})")
        ),
    )
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def search(page: Any, base_url: str, query: str) -> dict[str, str]:
    """Run Sphinx's client-side search and return {result title: href} once it has finished."""
    page.goto(f"{base_url}search.html?q={query}")
    # Done when searchtools.js has stopped its progress dots and said so, with results listed or
    # (no result) the archive's message and its links in place; in any language.
    page.wait_for_function(
        """() => {
            const status = document.querySelector("#search-results p.search-summary");
            if (!status || !status.textContent || Search._pulse_status !== -1) return false;
            return document.querySelector("#search-results ul.search > li") !== null
                || status.querySelector("a") !== null;
        }""",
        timeout=30_000,
    )
    links = page.locator("#search-results ul.search li > a")
    return {a.inner_text(): a.get_attribute("href") for a in links.all()}


def screenshot(page: Any, name: str) -> Path:
    """Saved for people to look at; CI keeps _build/test-artifacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path
