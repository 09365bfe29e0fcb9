"""Recommendation checklists in Chromium: ticks and notes kept across reloads (localStorage),
progress per group, reset, print handout, file://, accessibility, screenshots.

Pages: ``checklists/<slug>/`` (one report) and ``checklists/`` (all reports), zh and en.
Each test has a fresh browser context, so storage starts empty.
"""

from __future__ import annotations

import json

import pytest

HEADER = "header.md-header"
REPORT = "checklists/a-71-1016/"
COMBINED = "checklists/"
ITEM = "a-71-1016:p44-a"
KEY = "r2p:checklist:" + ITEM


def _box(item: str) -> str:
    return f'li.r2p-cl-item[data-item="{item}"] input.r2p-cl-check'


def _note(item: str) -> str:
    return f'li.r2p-cl-item[data-item="{item}"] textarea.r2p-cl-note-text'


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")


def _progress_text(page, done: int, total: int) -> str:
    """The progress line as the page's own UI string writes it."""
    template = json.loads(page.eval_on_selector("#r2p-checklist-ui", "e => e.textContent"))["progress"]
    return template.format(done=done, total=total)


def _group_progress(page, group: str) -> str:
    return page.inner_text(f'.r2p-cl-group[data-group="{group}"] .r2p-cl-progress')


def _stored(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith('r2p:checklist:')).map(k => [k, JSON.parse(localStorage.getItem(k))]))"""
    )


def test_tick_survives_reload_and_progress_updates(page, base_url):
    _open(page, base_url + REPORT)
    assert _group_progress(page, "p44") == _progress_text(page, 0, 5)
    assert page.inner_text(".r2p-cl-total") == _progress_text(page, 0, 14)
    page.check(_box(ITEM))
    page.check(_box("a-71-1016:p46-d"))
    assert _group_progress(page, "p44") == _progress_text(page, 1, 5)
    assert _group_progress(page, "p46") == _progress_text(page, 1, 4)
    assert page.inner_text(".r2p-cl-total") == _progress_text(page, 2, 14)
    stored = _stored(page)
    assert set(stored) == {KEY, "r2p:checklist:a-71-1016:p46-d"}
    assert stored[KEY]["done"] is True
    page.reload()
    page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")
    assert page.is_checked(_box(ITEM)) and page.is_checked(_box("a-71-1016:p46-d"))
    assert not page.is_checked(_box("a-71-1016:p44-b"))
    assert _group_progress(page, "p44") == _progress_text(page, 1, 5)
    page.uncheck(_box(ITEM))
    assert KEY not in _stored(page), "an item neither ticked nor annotated leaves no key"
    assert _group_progress(page, "p44") == _progress_text(page, 0, 5)
    assert not page.js_errors


def test_label_toggles_the_box(page, base_url):
    _open(page, base_url + REPORT)
    page.click('label[for="r2p-cl-a-71-1016-p45-c"]')
    assert page.is_checked(_box("a-71-1016:p45-c"))


def test_state_is_shared_by_both_pages_and_both_languages(page, base_url):
    _open(page, base_url + REPORT)
    page.check(_box(ITEM))
    for url in (base_url + COMBINED, base_url + "en/" + COMBINED, base_url + "en/" + REPORT):
        _open(page, url)
        assert page.is_checked(_box(ITEM)), url
    assert _group_progress(page, "p44") == _progress_text(page, 1, 5)
    _open(page, base_url + "en/" + COMBINED)
    # On the combined page p44 (a)–(e) and p77 1–9 are one group: States and Member States.
    assert _group_progress(page, "member_states") == _progress_text(page, 1, 14)
    assert page.inner_text(".r2p-cl-total") == _progress_text(page, 1, 23)


def test_note_survives_reload_and_is_printed(page, base_url):
    _open(page, base_url + REPORT)
    page.click('li.r2p-cl-item[data-item="a-71-1016:p45-b"] details.r2p-cl-note > summary')
    page.fill(_note("a-71-1016:p45-b"), "讨论于第 3 次研讨会 <b>not markup</b>")
    page.reload()
    page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")
    assert page.input_value(_note("a-71-1016:p45-b")) == "讨论于第 3 次研讨会 <b>not markup</b>"
    assert page.eval_on_selector('li[data-item="a-71-1016:p45-b"] details.r2p-cl-note', "d => d.open")
    assert not page.is_checked(_box("a-71-1016:p45-b")), "a note alone does not tick"
    printed = 'li[data-item="a-71-1016:p45-b"] .r2p-cl-note-print'
    assert page.locator(f"{printed} b").count() == 0, "the note is text, never markup"
    page.emulate_media(media="print")
    assert page.is_visible(printed) and "研讨会" in page.inner_text(printed)


def test_reset_clears_ticks_and_notes_after_confirmation(page, base_url):
    _open(page, base_url + REPORT)
    page.check(_box(ITEM))
    page.check(_box("a-71-1016:p45-a"))
    page.click('li[data-item="a-71-1016:p46-a"] details.r2p-cl-note > summary')
    page.fill(_note("a-71-1016:p46-a"), "note")
    assert len(_stored(page)) == 3
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click(".r2p-cl-reset")
    assert page.is_checked(_box(ITEM)) and len(_stored(page)) == 3, "cancelled: nothing cleared"
    messages = []

    def accept(dialog):
        messages.append(dialog.message)
        dialog.accept()

    page.once("dialog", accept)
    page.click(".r2p-cl-reset")
    assert messages and messages[0]
    assert _stored(page) == {}
    assert page.locator(".r2p-cl-check:checked").count() == 0
    assert page.input_value(_note("a-71-1016:p46-a")) == ""
    assert _group_progress(page, "p44") == _progress_text(page, 0, 5)
    assert _progress_text(page, 0, 14) in page.inner_text(".r2p-cl-total")
    page.reload()
    page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")
    assert page.locator(".r2p-cl-check:checked").count() == 0


def test_print_hides_navigation_and_controls(page, base_url):
    _open(page, base_url + REPORT)
    page.check(_box(ITEM))
    page.emulate_media(media="print")
    for selector in (HEADER, ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".r2p-cl-toolbar",
                     ".r2p-cl-downloads", "details.r2p-cl-note", ".r2p-cl-progress"):
        assert not page.locator(selector).first.is_visible(), selector
    # Boxes to tick, the item text and, after it, its source reference.
    assert page.locator(".r2p-cl-check").first.is_visible()
    assert page.locator(".r2p-cl-check").count() == 14
    source = page.locator('li[data-item="a-71-1016:p44-a"] .r2p-cl-source')
    assert source.is_visible() and "A/71/1016" in source.inner_text()
    box_top = page.eval_on_selector(_box(ITEM), "e => e.getBoundingClientRect().top")
    source_top = source.evaluate("e => e.getBoundingClientRect().top")
    assert source_top > box_top, "the source is printed after the item"
    assert page.eval_on_selector(_box(ITEM), "e => getComputedStyle(e).borderTopStyle") == "solid"
    page.emulate_media(media="screen")
    assert page.locator(".r2p-cl-toolbar").is_visible()


def test_works_from_disk(page, site_dir):
    url = (site_dir / REPORT / "index.html").as_uri()
    _open(page, url)
    page.check(_box(ITEM))
    page.reload()
    page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")
    assert page.is_checked(_box(ITEM))
    assert not [e for e in page.js_errors if "search_index.js" not in e]
    assert page.external_requests == []


def test_script_does_nothing_on_other_pages(page, base_url, site_dir):
    report = "a-71-1016/"
    assert (site_dir / report / "index.html").is_file()
    page.goto(base_url + report + "#p44-a")
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    assert _stored(page) == {}
    assert page.locator(".r2p-cl-toolbar, .r2p-cl-warning").count() == 0
    assert not page.js_errors


def test_without_javascript_the_controls_stay_hidden(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + REPORT)
        assert not page.locator(".r2p-cl-toolbar").is_visible()
        assert page.locator(".r2p-cl-check").count() == 14  # still a list one can tick for this visit
    finally:
        context.close()


def test_accessibility_of_checklist(page, base_url):
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    _open(page, base_url + REPORT)
    page.click('li[data-item="a-71-1016:p44-a"] details.r2p-cl-note > summary')
    results = axe_module.Axe().run(page, context={"include": [[".md-content"]]})
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]} for v in serious], ensure_ascii=False)


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("path", [REPORT, COMBINED])
def test_screenshots_and_no_horizontal_scroll(page, base_url, shot, width, lang, path):
    page.set_viewport_size({"width": width, "height": 900})
    _open(page, base_url + lang + path)
    page.check(_box("a-71-1016:p44-b"))
    page.click('li[data-item="a-71-1016:p44-b"] details.r2p-cl-note > summary')
    page.fill(_note("a-71-1016:p44-b"), "Workshop 2: follow up / 跟进")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal scroll of {overflow}px at {width}px"
    page.evaluate("window.scrollTo(0, 0)")
    name = f"checklist-{'combined' if path == COMBINED else 'report'}-{lang.strip('/') or 'zh'}-{width}"
    shot(page, name)
    if width == 1280 and path == REPORT:
        page.emulate_media(media="print")
        shot(page, name.replace("-1280", "-print"), full_page=True)
