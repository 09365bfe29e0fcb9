"""Fixtures for the browser tests of the built site.

* ``site_dir`` and ``base_url`` (tests/conftest.py): the site built once per session and
  an HTTP server on 127.0.0.1 serving it.
* ``browser``: Debian's Chromium (/usr/bin/chromium) driven by Playwright; Playwright's
  own browser download is not used. If Chromium cannot be started, the browser tests
  are skipped with the reason; under CI (``CI`` set) that is a failure instead, since
  ``make test`` installs Chromium.
* ``page``: a fresh context and page per test, clipboard allowed, every request to a
  host other than 127.0.0.1 blocked and recorded in ``page.external_requests``.
* ``shot(page, name)``: a screenshot in tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("R2P_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: needs Chromium (/usr/bin/chromium) and the built site")


@pytest.fixture(scope="session")
def corpus(site_dir) -> dict:
    """The published corpus JSON of the built site (what the page scripts read)."""
    return json.loads((site_dir / "data" / "corpus.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover
        _cannot_start(f"playwright is not installed ({exc})")
    manager = sync_playwright().start()
    try:
        try:
            browser = manager.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:
            _cannot_start(f"Chromium could not be started from {CHROMIUM}: {str(exc).splitlines()[0]}")
        yield browser
        browser.close()
    finally:
        manager.stop()


def _cannot_start(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI: make test installs chromium, so this is an error)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def context(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    external: list[str] = []

    def route(route):
        url = route.request.url
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", None):
            route.continue_()
        else:
            external.append(url)
            route.abort()

    context.route("**/*", route)
    context.external_requests = external
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.external_requests = context.external_requests
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    page.close()


@pytest.fixture(scope="session")
def shot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, full_page: bool = False) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
