"""Reading the built site in Chromium, end to end: tooltips of footnotes and glossary terms,
search down to the paragraph, the side-by-side view, a clean console and network on every
page, accessibility of whole pages, and screenshots of the key pages.

Expected search hits are computed from the published corpus (site/data/corpus.json), the
report page is the first one with paragraph 24 in both languages, and every page of the
built site is visited: the tests follow whatever the generator publishes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.handout_links import Handout, Heading, Note, Passage, encode

HEADER = "header.md-header"
TOOLTIP = ".md-tooltip2--active"


# --------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def glossary(site_dir) -> dict[str, dict]:
    """Glossary terms by id (the id is the term's anchor on the glossary page)."""
    terms = json.loads((site_dir / "data" / "glossary.json").read_text(encoding="utf-8"))["terms"]
    return {term["id"]: term for term in terms}


@pytest.fixture(scope="module")
def report(site_dir) -> str:
    """Slug of the first report page with #p24 in both languages."""
    for index in sorted(site_dir.glob("*/index.html")):
        slug = index.parent.name
        english = site_dir / "en" / slug / "index.html"
        if 'id="p24"' in index.read_text(encoding="utf-8") and english.is_file() \
                and 'id="p24"' in english.read_text(encoding="utf-8"):
            return slug
    pytest.fail(f"no report page with #p24 in both languages in {site_dir}")


@pytest.fixture(scope="module")
def handout_link(corpus) -> str:
    """Fragment of a handout link with a heading, a note and two passages of the corpus."""
    first = corpus["reports"][0]
    slug, item = next((r["slug"], i["id"]) for r in corpus["reports"] for p in r["paragraphs"] for i in p["items"])
    handout = Handout(title="研讨会 / Workshop", parallel=True, entries=[
        Heading("预防 / Prevention"), Passage(first["slug"], first["paragraphs"][1]["id"][1:]),
        Note("两人一组讨论 / Discuss in pairs"), Passage(slug, item[1:])])
    return "#" + encode(handout)


def _language_pages(site_dir: Path, lang: str) -> list[str]:
    """URL paths (relative to the site root) of every index.html page of one language."""
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        rel = index.parent.relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel + "/"
        if rel.startswith(("assets/", "search/", "data/")):
            continue
        if rel.startswith("en/") == (lang == "en"):
            pages.append(rel)
    return pages


def _plain(text: str) -> str:
    """Text as the reader sees it: no footnote markers [^N], white space collapsed, lower case."""
    return re.sub(r"\s+", " ", re.sub(r"\[\^\d+\]", "", text)).strip().lower()


def _paragraphs_containing(corpus: dict, lang: str, query: str) -> set[tuple[str, str]]:
    """(slug, paragraph id) of every paragraph whose text, items included, contains the query
    in the page language (English: the site's translation of each unit)."""
    found = set()
    for report in corpus["reports"]:
        english = report.get("translations", {}).get("en", {})
        for para in report["paragraphs"]:
            units = [para, *para["items"]]
            if lang == "zh":
                texts = [u["text"] for u in units]
            else:
                texts = [(english.get(u["id"]) or {}).get("text") or "" for u in units]
            if _plain(query) in _plain(" ".join(texts)):
                found.add((report["slug"], para["id"]))
    return found


def _search(page, query: str) -> list[str]:
    """Type a query into Material's search; the href of every result link (a page's entries
    beyond the first few are in a collapsed "more" list, but in the DOM)."""
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # fill() alone may not start the search
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)  # the worker's last answer
    return page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "els => els.map(a => a.href)")


def _located(href: str, base_url: str, lang: str) -> tuple[str, str]:
    """(page path without the language prefix, fragment) of a result link."""
    parts = urlsplit(href)
    path = unquote(parts.path)[len(urlsplit(base_url).path):]
    prefix = "en/" if lang == "en" else ""
    assert path.startswith(prefix), href
    return path[len(prefix):], parts.fragment


def _box(page, selector: str) -> dict:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")


def _targets(page) -> list[str]:
    return page.eval_on_selector_all(".r2p-target", "els => els.map(e => e.id)")


def _in_view(page, selector: str) -> bool:
    """Below the sticky header and starting inside the viewport."""
    header = page.eval_on_selector(HEADER, "e => e.getBoundingClientRect().bottom")
    top = _box(page, selector)["top"]
    return header - 1 <= top < page.viewport_size["height"] * 0.5


def _watch(page) -> list[str]:
    """Console errors, uncaught exceptions, failed and >= 400 requests of a page."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text} ({m.location})"))
    page.on("pageerror", lambda e: problems.append(f"exception: {e}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} ({r.failure})"))
    return problems


# --------------------------------------------------------------------------- tooltips


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_term_tooltip_names_the_term_in_the_other_language(page, base_url, report, glossary, lang):
    page.goto(base_url + ("en/" if lang == "en" else "") + report + "/")
    term = page.locator(".md-content a.r2p-term").first
    term_id = term.get_attribute("href").rsplit("#", 1)[1]
    other = glossary[term_id]["en" if lang == "zh" else "zh"]
    term.hover()
    tooltip = page.wait_for_selector(f"{TOOLTIP}[role=tooltip]")
    text = tooltip.inner_text().strip()
    assert text.startswith(other), (other, text)
    # The definition follows, in the page language.
    definition = text.split(":", 1)[1]
    assert re.search("[\u4e00-\u9fff]" if lang == "zh" else "[A-Za-z]{3}", definition), text
    page.mouse.move(0, 0)
    page.wait_for_selector(TOOLTIP, state="detached")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_footnote_marker_tooltip_shows_the_footnote(page, base_url, report, lang):
    page.goto(base_url + ("en/" if lang == "en" else "") + report + "/")
    marker = page.locator(".md-content .r2p-para a.footnote-ref").first
    footnote_id = marker.get_attribute("href").lstrip("#")
    body = page.eval_on_selector(f'[id="{footnote_id}"]', """li => {
        const copy = li.cloneNode(true);
        copy.querySelectorAll('.footnote-backref').forEach(e => e.remove());
        return copy.textContent.replace(/\\s+/g, ' ').trim(); }""")
    assert body
    marker.hover()
    tooltip = page.wait_for_selector(TOOLTIP)
    shown = re.sub(r"\s+", " ", tooltip.text_content()).strip()
    assert shown == body or body.startswith(shown[:60]), (shown, body)
    assert tooltip.is_visible()


# --------------------------------------------------------------------------- search


SEARCHES = [
    ("zh", "抑制手段"),  # a whole term
    ("zh", "定期审议"),  # the end of a longer word (普遍定期审议)
    ("en", "atrocity crimes"),
]


@pytest.mark.parametrize("lang, query", SEARCHES)
def test_search_finds_every_paragraph_containing_the_query(page, base_url, corpus, lang, query):
    expected = _paragraphs_containing(corpus, lang, query)
    assert expected, f"no paragraph of the corpus contains {query!r}: pick another query"
    prefix = "en/" if lang == "en" else ""
    page.goto(base_url + prefix)
    hrefs = _search(page, query)
    found = {(path.rstrip("/"), fragment) for path, fragment in (_located(h, base_url, lang) for h in hrefs)
             if re.fullmatch(r"p\d+", fragment)}
    missing = expected - found
    assert not missing, f"{len(missing)} of {len(expected)} paragraphs with {query!r} not found: {sorted(missing)[:10]}"
    assert all("/en/" in h for h in hrefs) == (lang == "en"), "one language per index"


@pytest.mark.parametrize("lang, query", SEARCHES)
def test_search_result_lands_on_the_paragraph(page, base_url, corpus, lang, query):
    expected = _paragraphs_containing(corpus, lang, query)
    page.goto(base_url + ("en/" if lang == "en" else ""))
    _search(page, query)
    # The first result that is one of the expected paragraphs. Material shows a page's best
    # entry and folds the others into "N more on this page"; a reader opens that list.
    links = page.locator(".md-search-result__item a.md-search-result__link")
    for i in range(links.count()):
        link = links.nth(i)
        path, fragment = _located(link.evaluate("a => a.href"), base_url, lang)
        if (path.rstrip("/"), fragment) in expected:
            break
    else:
        pytest.fail(f"no result for {query!r} among {sorted(expected)[:5]}")
    if not link.is_visible():
        link.locator("xpath=ancestor::details[1]/summary").click()
    link.scroll_into_view_if_needed()
    with page.expect_navigation():
        link.click()
    page.wait_for_function("id => (document.querySelector('.r2p-target') || {}).id === id", arg=fragment)
    page.wait_for_timeout(300)  # scroll settles
    assert _targets(page) == [fragment]
    assert _in_view(page, f"#{fragment}"), _box(page, f"#{fragment}")
    assert urlsplit(page.url).path.endswith(path)


def test_search_en_finds_the_glossary_entry(page, base_url, glossary):
    term = next(t for t in glossary.values() if t["en"].lower() == "universal periodic review")
    page.goto(base_url + "en/")
    hrefs = _search(page, "universal periodic review")
    located = [_located(h, base_url, "en") for h in hrefs]
    assert ("glossary/", term["id"]) in located, located[:10]
    # Its entry is the glossary page's first result, ahead of terms that share one word.
    glossary_hits = [fragment for path, fragment in located if path == "glossary/" and fragment]
    assert glossary_hits[0] == term["id"], glossary_hits


# --------------------------------------------------------------------------- side by side


def test_side_by_side_aligns_paragraph_with_paragraph(page, base_url, report, corpus, shot):
    translation = next(r for r in corpus["reports"] if r["slug"] == report)["translations"]["en"]["p24"]["text"]
    page.goto(f"{base_url}{report}/#p24")
    parallel = page.locator("#p24 > .r2p-parallel")
    assert not parallel.is_visible()
    page.click(".r2p-viewswitch button[data-view=parallel]")
    assert "r2p-sbs" in page.get_attribute("html", "class")
    assert page.get_attribute(".r2p-viewswitch button[data-view=parallel]", "aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('r2p:view')") == "parallel"
    # the English of paragraph 24 beside the Chinese of paragraph 24
    assert parallel.is_visible()
    assert parallel.get_attribute("lang") == "en"
    shown = re.sub(r"\s+", " ", parallel.inner_text()).strip()
    assert shown.startswith("24.") and _plain(translation)[:60] in _plain(shown), shown[:120]
    main, other = _box(page, "#p24 > .r2p-main"), _box(page, "#p24 > .r2p-parallel")
    assert abs(main["top"] - other["top"]) <= 4, (main, other)
    assert other["left"] >= main["right"], (main, other)

    # remembered across a reload, then stacked on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.wait_for_timeout(300)
    assert "r2p-sbs" in page.get_attribute("html", "class")
    main, other = _box(page, "#p24 > .r2p-main"), _box(page, "#p24 > .r2p-parallel")
    assert other["top"] >= main["bottom"] - 1, (main, other)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal scroll of {overflow}px"

    page.click(".r2p-viewswitch button[data-view=single]")
    assert "r2p-sbs" not in (page.get_attribute("html", "class") or "")
    assert not parallel.is_visible()
    assert page.evaluate("localStorage.getItem('r2p:view')") == "single"
    page.reload()
    assert not page.locator("#p24 > .r2p-parallel").is_visible()
    assert not page.js_errors


def test_side_by_side_on_english_page_shows_the_chinese(page, base_url, report, corpus):
    source = next(r for r in corpus["reports"] if r["slug"] == report)
    p24 = next(p for p in source["paragraphs"] if p["id"] == "p24")
    page.goto(f"{base_url}en/{report}/#p24")
    page.click(".r2p-viewswitch button[data-view=parallel]")
    parallel = page.locator("#p24 > .r2p-parallel")
    assert parallel.get_attribute("lang").startswith("zh")
    # white space aside (the page may break lines), the Chinese text of paragraph 24
    assert re.sub(r"\s", "", p24["text"])[:30] in re.sub(r"\s", "", parallel.inner_text())


# --------------------------------------------------------------------------- every page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_loads_without_errors_or_failed_requests(page, base_url, site_dir, lang):
    pages = _language_pages(site_dir, lang)
    assert len(pages) >= 5, pages
    problems = _watch(page)
    visited = []
    for path in pages:
        page.goto(base_url + path, wait_until="networkidle")
        # Open the language menu and start a search (loads the worker and the language's
        # index): both used to request files that do not exist.
        page.hover(f"{HEADER} .md-select")
        page.focus("input.md-search__input")
        page.keyboard.type("r2p")
        page.wait_for_load_state("networkidle")
        visited.append(path)
        if problems:
            break
    assert not problems, f"on {visited[-1] or '/'}: {problems}"
    assert page.external_requests == []


# --------------------------------------------------------------------------- accessibility


def _axe_pages(report: str) -> list[tuple[str, str]]:
    return [("home", ""), ("report", f"{report}/#p24"), ("side-by-side", f"{report}/#p24"),
            ("glossary", "glossary/"), ("checklist", "checklists/"), ("handout", "handout/")]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["home", "report", "side-by-side", "glossary", "checklist", "handout"])
def test_accessibility_of_whole_pages(page, base_url, report, handout_link, lang, name):
    """axe-core on the whole page (Material's header, navigation and search included).
    Nothing is excluded: the one serious finding in Material's chrome (its search dialog
    had no name) is fixed in overrides/main.html."""
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
    path = dict(_axe_pages(report))[name]
    if name == "handout":
        path += handout_link
    page.goto(base_url + ("en/" if lang == "en" else "") + path, wait_until="networkidle")
    if name == "side-by-side":
        page.click(".r2p-viewswitch button[data-view=parallel]")
    if name == "handout":
        page.wait_for_selector("#r2p-handout .r2p-ho-entry")
    if name == "checklist":
        page.wait_for_selector(".r2p-cl-toolbar:not([hidden])")
    results = axe_module.Axe().run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not serious, json.dumps(
        [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in serious],
        ensure_ascii=False)


# --------------------------------------------------------------------------- screenshots


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["home", "report", "side-by-side", "glossary", "checklist", "handout"])
def test_screenshots_of_key_pages(page, base_url, report, handout_link, shot, lang, width, name):
    """Screenshots in tests/artifacts/reading-<page>-<lang>-<width>.png (look at them);
    none of these pages may scroll sideways."""
    path = dict(_axe_pages(report))[name]
    if name == "handout":
        path += handout_link
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base_url + ("en/" if lang == "en" else "") + path, wait_until="networkidle")
    if name == "side-by-side":
        page.click(".r2p-viewswitch button[data-view=parallel]")
        page.evaluate("document.getElementById('p24').scrollIntoView()")
    if name == "handout":
        page.wait_for_selector("#r2p-handout .r2p-ho-entry")
    page.wait_for_timeout(300)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"horizontal scroll of {overflow}px on {name} ({lang}, {width}px)"
    assert shot(page, f"reading-{name}-{lang}-{width}").stat().st_size > 5_000
    assert not page.js_errors
