"""Shared fixtures: the corpus model and the site built once per test session."""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source_texts"


@pytest.fixture(scope="session")
def model():
    """The corpus after all transforms (what the site is rendered from)."""
    from build_tools.pipeline import load_corpus

    return load_corpus(SOURCE)


@pytest.fixture(scope="session")
def site_dir() -> Path:
    """``python -m build_tools build`` once per session (``R2P_SITE_DIR`` to reuse a build)."""
    given = os.environ.get("R2P_SITE_DIR")
    if given:
        return Path(given).resolve()
    result = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=ROOT, capture_output=True,
                            text=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode != 0:
        pytest.fail("python -m build_tools build failed:\n" + result.stdout[-4000:] + result.stderr[-4000:],
                    pytrace=False)
    path = ROOT / "site"
    if not (path / "index.html").is_file():
        pytest.fail(f"no built site in {path} (index.html missing)", pytrace=False)
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The built site served on 127.0.0.1 (random port, in a thread)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class Page(HTMLParser):
    """A built page: element ids (with counts), links, and the text of the main content."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, int] = {}
        self.links: list[tuple[str, dict[str, str]]] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._article = 0
        self._skip = 0  # inside <sup> (footnote numbers) or <script>
        self._hidden_depth = 0  # inside the other language's copy of a unit (side-by-side view)
        self._quote_depth = 0  # inside <q lang="zh…">
        self._text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            self.ids[attributes["id"]] = self.ids.get(attributes["id"], 0) + 1
        if tag == "a" and "href" in attributes:
            self.links.append((attributes["href"], attributes))
        if tag == "article":
            self._article += 1
        if tag in ("sup", "script"):
            self._skip += 1
        if tag == "div" and (self._hidden_depth or "r2p-parallel" in attributes.get("class", "")):
            self._hidden_depth += 1
        if tag == "q" and (self._quote_depth or attributes.get("lang", "").startswith("zh")):
            self._quote_depth += 1  # a quotation of the Chinese source (editorial correction notes)
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "div" and self._hidden_depth:
            self._hidden_depth -= 1
        if tag == "article":
            self._article -= 1
        if tag in ("sup", "script"):
            self._skip -= 1
        if tag == "q" and self._quote_depth:
            self._quote_depth -= 1
            self._skip -= 1

    def handle_data(self, data):
        if self._article and not self._skip and not self._hidden_depth:
            self._text.append(data)

    @property
    def text(self) -> str:
        return "".join(self._text)


@pytest.fixture(scope="session")
def page_of(site_dir):
    cache: dict[str, Page] = {}

    def load(path: str) -> Page:
        if path not in cache:
            cache[path] = Page((site_dir / path).read_text(encoding="utf-8"))
        return cache[path]

    return load


def visible(text: str) -> str:
    """Collapse white space, as a reader sees it."""
    return re.sub(r"\s+", " ", html.unescape(text))
