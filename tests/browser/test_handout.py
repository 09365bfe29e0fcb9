"""Trainer's handouts in Chromium: add buttons on report pages, the handout page built from its
link alone, language switch, print, exports, file://, and hostile links.

Passages are chosen from the built corpus (site/data/corpus.json), so the tests follow
whatever reports the generator publishes: the first two reports, a paragraph and a list
item of each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_tools.handout_links import MAX_ENTRIES, Handout, Heading, Note, Passage, decode, encode

HEADER = "header.md-header"
HANDOUT = "handout/"


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def picks(corpus) -> list[tuple[str, str]]:
    """(slug, unit id) of four passages: a paragraph and an item from each of two reports."""
    reports = corpus["reports"]
    assert len(reports) >= 2, "the handout tests need two reports"
    out = []
    for report, index in ((reports[0], 1), (reports[1], 2)):
        paragraph = report["paragraphs"][index]
        item = next(i for p in report["paragraphs"] for i in p["items"])
        out += [(report["slug"], paragraph["id"]), (report["slug"], item["id"])]
    return out


def _watch(page) -> dict[str, list]:
    """Dialogs (dismissed) and console errors of a page, besides page.js_errors."""
    seen: dict[str, list] = {"dialogs": [], "console": []}

    def on_dialog(dialog):
        seen["dialogs"].append(dialog.message)
        dialog.dismiss()

    def on_console(message):
        if message.type == "error":
            seen["console"].append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return seen


def _ready(page) -> None:
    """The handout page has loaded the corpus and rendered."""
    page.wait_for_function("() => window.R2P_CORPUS && document.querySelector('#r2p-handout .r2p-ho-toolbar')"
                           " && !document.querySelector('.r2p-ho-loading')")


def _passages(page) -> list[str]:
    return page.eval_on_selector_all(".r2p-ho-entry[data-r2p-passage]",
                                     "els => els.map(e => e.getAttribute('data-r2p-passage'))")


def _fragment(page) -> str:
    return urlsplit(page.url).fragment


def _unit_text(page, selector: str) -> str:
    """Text of a rendered unit without its label, footnote numbers and status note."""
    return page.eval_on_selector(selector, """p => {
        const copy = p.cloneNode(true);
        copy.querySelectorAll('strong, sup, .r2p-status').forEach(e => e.remove());
        return copy.textContent.trim();
    }""")


def _add(page, unit: str) -> str:
    """Press the add button of a unit; returns the unit's citation (data-cite)."""
    ref = unit.removeprefix("p")
    button = page.locator(f'button.r2p-ho-add[data-r2p-ref="{ref}"]')
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    return page.get_attribute(f"#{unit}", "data-cite")


def _new_context(browser, base_url):
    """A fresh browser context (empty localStorage), external requests blocked."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def route(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith(("data:", "blob:", "file:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    return context


# --------------------------------------------------------------------------- built files


def test_handout_page_and_data_are_published(site_dir):
    corpus_json = (site_dir / "data" / "corpus.json").read_text(encoding="utf-8")
    script = (site_dir / "data" / "corpus.js").read_text(encoding="utf-8")
    prefix = "window.R2P_CORPUS = "
    assert script.startswith(prefix) and script.rstrip().endswith(";")
    assert json.loads(script[len(prefix):].rstrip().rstrip(";")) == json.loads(corpus_json)
    for lang in ("", "en/"):
        html = (site_dir / lang / "handout" / "index.html").read_text(encoding="utf-8")
        assert 'id="r2p-handout"' in html
        assert "assets/handout.js" in html and "assets/handout.css" in html
        strings = json.loads(re.search(r'<script type="application/json" id="r2p-handout-ui">(.*?)</script>',
                                       html, re.S).group(1))
        assert all(isinstance(v, str) and v for v in strings.values())
        home = (site_dir / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="handout/"' in home, "the handout page is in the nav and on the home page"


# --------------------------------------------------------------------------- report pages


def test_add_buttons_on_every_paragraph_and_item(page, base_url, picks):
    slug, _unit = picks[0]
    page.goto(base_url + slug + "/")
    counts = page.evaluate("""() => ({
        blocks: document.querySelectorAll('.r2p-para[data-cite], .r2p-item[data-cite]').length,
        buttons: document.querySelectorAll('button.r2p-ho-add').length,
        pressed: document.querySelectorAll('button.r2p-ho-add[aria-pressed=true]').length,
        label: document.querySelector('button.r2p-ho-add').getAttribute('aria-label'),
    })""")
    assert counts["blocks"] > 10 and counts["buttons"] == counts["blocks"]
    assert counts["pressed"] == 0
    assert counts["label"].startswith("加入讲义")
    assert page.locator(".r2p-ho-pill").count() == 0
    # Added, then removed again.
    button = page.locator("button.r2p-ho-add").first
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".r2p-ho-pill").inner_text() == "讲义（1）"
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("localStorage.getItem('r2p-handout')") is None
    assert page.locator(".r2p-ho-pill").count() == 0


# --------------------------------------------------------------------------- the whole journey


def test_build_reorder_share_switch_language_and_print(page, browser, base_url, corpus, picks, shot):
    watched = _watch(page)
    cites = {}
    for slug, unit in picks:
        page.goto(f"{base_url}{slug}/#{unit}")
        cites[(slug, unit)] = _add(page, unit)
    # The link at the bottom of the report page leads to the handout.
    with page.expect_navigation():
        page.click(".r2p-ho-pill")
    assert urlsplit(page.url).path == "/" + HANDOUT
    _ready(page)
    expected = [f"{slug}:{unit[1:]}" for slug, unit in picks]
    assert _passages(page) == expected
    assert page.eval_on_selector_all(".r2p-ho-cite__link", "els => els.map(e => e.textContent)") == [
        cites[p] for p in picks]
    # Each citation links back to its paragraph on the report page.
    hrefs = page.eval_on_selector_all(".r2p-ho-cite__link", "els => els.map(e => e.href)")
    assert hrefs == [f"{base_url}{slug}/#{unit}" for slug, unit in picks]

    # Reorder: the second passage first; remove nothing; then title, heading and note.
    page.click('.r2p-ho-entry[data-index="0"] .r2p-ho-down')
    order = [expected[1], expected[0], expected[2], expected[3]]
    assert _passages(page) == order
    focused = page.evaluate("[document.activeElement.className, document.activeElement.closest('[data-index]')"
                            ".getAttribute('data-index')]")
    assert "r2p-ho-down" in focused[0] and focused[1] == "1", "focus follows the moved passage"
    title = "第一讲 <b>预防</b> & 问责; 50%"
    page.fill(".r2p-ho-title__input", title)
    page.click(".r2p-ho-add-heading")
    page.keyboard.type("小组讨论")
    page.click(".r2p-ho-add-note")
    page.keyboard.type("请两人一组阅读，\n然后比较。")
    # Move the heading above the second report's passages.
    for _ in range(2):
        page.click('.r2p-ho-entry--heading .r2p-ho-up')
    page.click('.r2p-ho-entry--note .r2p-ho-up')
    page.click('.r2p-ho-entry--note .r2p-ho-up')
    want = Handout(title=title, entries=[
        Passage(*order[0].split(":")), Passage(*order[1].split(":")),
        Heading("小组讨论"), Note("请两人一组阅读，\n然后比较。"),
        Passage(*order[2].split(":")), Passage(*order[3].split(":")),
    ])
    assert decode(_fragment(page)) == want, "the address carries the whole handout"
    assert decode(page.evaluate("localStorage.getItem('r2p-handout')")) == want
    assert page.locator("#r2p-handout b").count() == 0, "the title is text, not markup"
    link = page.url
    shot(page, "handout-zh-1280-built")

    # The link alone, in a fresh context with an empty localStorage.
    fresh = _new_context(browser, base_url)
    try:
        other = fresh.new_page()
        errors: list[str] = []
        other.on("pageerror", lambda exc: errors.append(str(exc)))
        seen = _watch(other)
        other.goto(link)
        _ready(other)
        assert _passages(other) == order
        assert other.input_value(".r2p-ho-title__input") == title
        assert other.input_value(".r2p-ho-entry--heading .r2p-ho-field") == "小组讨论"
        assert other.input_value(".r2p-ho-entry--note .r2p-ho-field") == "请两人一组阅读，\n然后比较。"
        assert other.locator(".r2p-ho-notice--warning").count() == 0

        # Switch language: same passages, in English.
        other.click(f"{HEADER} .md-select button")
        with other.expect_navigation():
            other.click(f"{HEADER} a.md-select__link[hreflang=en]")
        assert other.url == base_url + "en/" + HANDOUT + "#" + urlsplit(link).fragment
        _ready(other)
        assert other.get_attribute("html", "lang") == "en"
        assert _passages(other) == order
        reports = {r["slug"]: r for r in corpus["reports"]}
        for passage in order:
            slug, ref = passage.split(":")
            unit = reports[slug]["translations"]["en"]["p" + ref]
            if unit["status"] != "translated":
                continue
            text = re.sub(r"\[\^\d+\]", "", unit["text"]).strip()
            selector = f'.r2p-ho-entry[data-r2p-passage="{passage}"] .r2p-ho-unit'
            assert _unit_text(other, selector) == text, passage
        english_cites = other.eval_on_selector_all(".r2p-ho-cite__link", "els => els.map(e => e.textContent)")
        assert all(", paragraph " in c for c in english_cites)
        assert other.locator(".r2p-ho-translation-note").is_visible()
        shot(other, "handout-en-1280")
        assert errors == [] and seen == {"dialogs": [], "console": []}
    finally:
        fresh.close()

    # Print preview: navigation gone; the handout, its citations and its URL shown.
    page.emulate_media(media="print")
    for hidden in (HEADER, ".md-sidebar--primary", ".r2p-ho-toolbar", ".r2p-ho-controls", "h1#title",
                   ".r2p-ho-title__input", ".r2p-ho-adders", "#sources"):
        assert not page.locator(hidden).first.is_visible(), hidden
    assert page.locator(".r2p-ho-title__print").inner_text() == title
    assert page.locator(".r2p-ho-heading__print").inner_text() == "小组讨论"
    assert page.locator(".r2p-ho-note__print").is_visible()
    cite_urls = page.eval_on_selector_all(".r2p-ho-cite__url", "els => els.map(e => e.textContent.trim())")
    assert cite_urls == [f"{base_url}{p.split(':')[0]}/#p{p.split(':')[1]}" for p in order]
    assert all(page.locator(".r2p-ho-cite").nth(i).is_visible() for i in range(4))
    source = page.locator(".r2p-ho-source")
    assert source.is_visible() and page.url in source.inner_text()
    shot(page, "handout-zh-print", full_page=True)
    assert page.js_errors == [] and watched == {"dialogs": [], "console": []}


def test_exports_keep_the_citations(page, base_url, picks):
    handout = Handout(title="Session *one*", parallel=True, entries=[
        Passage(picks[0][0], picks[0][1][1:]), Note("Discuss [this]"), Passage(picks[3][0], picks[3][1][1:])])
    page.goto(base_url + "en/" + HANDOUT + "#" + encode(handout))
    _ready(page)
    cites = page.eval_on_selector_all(".r2p-ho-cite__link", "els => els.map(e => e.textContent)")
    with page.expect_download() as info:
        page.click(".r2p-ho-markdown")
    markdown = Path(info.value.path()).read_text(encoding="utf-8")
    assert info.value.suggested_filename == "Session  one.md"  # no characters a file system refuses
    assert markdown.startswith("# Session \\*one\\*\n")
    assert "Discuss \\[this\\]" in markdown
    for cite, (slug, unit) in zip(cites, (picks[0], picks[3]), strict=True):
        assert f"> — [{cite}](<{base_url}en/{slug}/#{unit}>)" in markdown
    assert page.url in markdown
    with page.expect_download() as info:
        page.click(".r2p-ho-text")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("Session *one*\n")
    for cite, (slug, unit) in zip(cites, (picks[0], picks[3]), strict=True):
        assert f"— {cite}\n      {base_url}en/{slug}/#{unit}" in text
    assert page.url in text


def test_a_link_does_not_replace_the_collection_in_progress(page, base_url, picks):
    mine = Handout(entries=[Passage(picks[0][0], picks[0][1][1:])])
    theirs = Handout(title="theirs", entries=[Passage(picks[2][0], picks[2][1][1:])])
    page.goto(base_url + HANDOUT + "#" + encode(mine))
    _ready(page)
    assert page.evaluate("localStorage.getItem('r2p-handout')") == encode(mine)
    page.goto(base_url + HANDOUT + "#" + encode(theirs))
    _ready(page)
    assert page.locator(".r2p-ho-keep").is_visible()
    page.click(".r2p-ho-add-note")  # editing a link does not touch the stored collection
    assert page.evaluate("localStorage.getItem('r2p-handout')") == encode(mine)
    page.click(".r2p-ho-mine")
    assert decode(_fragment(page)) == mine
    page.goto(base_url + HANDOUT + "#" + encode(theirs))
    _ready(page)
    page.click(".r2p-ho-keep")
    assert page.evaluate("localStorage.getItem('r2p-handout')") == encode(theirs)
    # Clear, and undo.
    page.click(".r2p-ho-clear")
    assert _passages(page) == [] and _fragment(page) == ""
    page.click(".r2p-ho-undo")
    assert decode(_fragment(page)) == theirs


# --------------------------------------------------------------------------- hostile links


def _hostile(slug: str) -> list[tuple[str, list[str]]]:
    """(fragment, entries that must be listed as not found or unreadable)."""
    return [
        ("<img src=x onerror=alert(1)>", ["<img src=x onerror=alert(1)>"]),
        (f"{slug}:9999", [f"{slug}:9999"]),
        ("zz:1", ["zz:1"]),
        ("constructor:1;__proto__:1;toString:1", ["constructor:1", "toString:1"]),
        (f"v1;t=%3Cscript%3Ealert(1)%3C%2Fscript%3E;n=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E;{slug}:1-9999", [
            f"{slug}:1-9999"]),
        ("t=%E4%BD;n=%ZZ%;%;h=%C3%28%ED%A0%80;%E4%B8", []),
        ("%", []),
        ("%E4%B8" * 17476, []),  # 100 KB of truncated percent-encoding
        (f"{slug}:1;" * (100 * 1024 // len(f"{slug}:1;")), []),  # 100 KB of entries: the first MAX_ENTRIES kept
        ("javascript:alert(1)", ["javascript:alert(1)"]),
    ]


@pytest.mark.parametrize("case", range(10))
def test_hostile_links_never_break_the_page(page, base_url, picks, case):
    fragment, unknown = _hostile(picks[0][0])[case]
    watched = _watch(page)
    page.goto(base_url + HANDOUT + "#" + fragment)
    _ready(page)
    listed = page.eval_on_selector_all(".r2p-ho-unknown", "els => els.map(e => e.textContent)")
    for entry in unknown:
        assert any(entry in text for text in listed), (entry, listed)
    if unknown:
        assert page.locator(".r2p-ho-problems").is_visible()
    assert page.locator("#r2p-handout img, #r2p-handout script, #r2p-handout iframe").count() == 0
    if len(fragment) > 50_000 and ":" in fragment:
        assert len(_passages(page)) == MAX_ENTRIES
        assert page.locator(".r2p-ho-notice--warning").first.is_visible()
    # Still a working page: a heading can be added and lands in the address.
    page.click(".r2p-ho-add-heading")
    page.keyboard.type("ok")
    assert "h=ok" in _fragment(page)
    assert page.js_errors == []
    assert watched == {"dialogs": [], "console": []}
    assert page.evaluate("typeof window.alert") == "function"


# --------------------------------------------------------------------------- from disk


def test_handout_from_disk(page, site_dir, picks):
    # From a report page opened from disk to the handout page (…/handout/index.html).
    slug, unit = picks[1]
    page.goto((site_dir / slug / "index.html").as_uri() + "#" + unit)
    _add(page, unit)
    with page.expect_navigation():
        page.click(".r2p-ho-pill")
    assert page.url.startswith((site_dir / "handout" / "index.html").as_uri() + "#")
    _ready(page)
    assert _passages(page) == [f"{slug}:{unit[1:]}"]
    # A link opened from disk.
    handout = Handout(entries=[Passage(picks[0][0], picks[0][1][1:]), Passage(picks[3][0], picks[3][1][1:])])
    page.goto((site_dir / "handout" / "index.html").as_uri() + "#" + encode(handout))
    _ready(page)
    assert _passages(page) == [f"{s}:{u[1:]}" for s, u in (picks[0], picks[3])]
    assert page.locator(".r2p-ho-unit").first.inner_text().strip()
    hrefs = page.eval_on_selector_all(".r2p-ho-cite__link", "els => els.map(e => e.href)")
    assert hrefs[0] == (site_dir / picks[0][0]).as_uri() + "/#" + picks[0][1]
    with page.expect_download() as info:
        page.click(".r2p-ho-markdown")
    assert info.value.suggested_filename.endswith(".md")


@pytest.fixture(scope="module")
def offline_handout_site(tmp_path_factory, site_dir) -> Path:
    """`python -m build_tools build --offline` (pages as x.html) into a temporary folder."""
    import subprocess
    import sys

    target = tmp_path_factory.mktemp("offline-handout") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "build", "--offline", "--site-dir", str(target)],
        cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return target


@pytest.mark.parametrize("lang", ["", "en/"])
def test_offline_build_from_report_to_handout(page, offline_handout_site, picks, lang):
    slug, unit = picks[2]
    page.goto((offline_handout_site / lang / f"{slug}.html").as_uri() + "#" + unit)
    _add(page, unit)
    with page.expect_navigation():
        page.click(".r2p-ho-pill")
    assert page.url.startswith((offline_handout_site / lang / "handout.html").as_uri())
    _ready(page)
    assert _passages(page) == [f"{slug}:{unit[1:]}"]
    href = page.eval_on_selector(".r2p-ho-cite__link", "a => a.href")
    assert href == (offline_handout_site / lang / f"{slug}.html").as_uri() + "#" + unit
    assert page.js_errors == []


# --------------------------------------------------------------------------- screenshots


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots(page, base_url, picks, shot, lang, width):
    handout = Handout(title="第一讲" if not lang else "Session 1", parallel=width == 1280, entries=[
        Passage(picks[0][0], picks[0][1][1:]), Heading("预防" if not lang else "Prevention"),
        Note("两人一组" if not lang else "In pairs"), Passage(picks[3][0], picks[3][1][1:]), Passage("zz", "1")])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + lang + HANDOUT + "#" + encode(handout))
    _ready(page)
    page.evaluate("document.getElementById('r2p-handout').scrollIntoView()")
    page.wait_for_timeout(400)  # let Material's header finish swapping site name and page title
    path = shot(page, f"handout-{lang.strip('/') or 'zh'}-{width}")
    assert path.stat().st_size > 10_000
    # The controls of an entry stay inside the page (nothing cut off on a phone).
    right = page.eval_on_selector(".r2p-ho-entry .r2p-ho-remove", "b => b.getBoundingClientRect().right")
    assert right <= width


def test_accessibility_of_the_handout(page, base_url, picks):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    handout = Handout(title="T", parallel=True, entries=[
        Passage(picks[0][0], picks[0][1][1:]), Heading("H"), Note("N"), Passage("zz", "1")])
    page.goto(base_url + HANDOUT + "#" + encode(handout))
    _ready(page)
    results = axe_module.Axe().run(page, context={"include": [["#r2p-handout"]]})
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in serious], ensure_ascii=False)
