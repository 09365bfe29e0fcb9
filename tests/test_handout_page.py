"""The handout page as generated (render stage) and as built: a frame for handout.js with
its UI strings, the links to the report pages, and an example link that resolves."""

from __future__ import annotations

import json
import re

import pytest

from build_tools.handout_links import Passage, decode
from build_tools.render import make_context, render_site
from build_tools.render.handout_page import HANDOUT_PAGE, handout_page, handout_strings

JSON_BLOCK = re.compile(r'<script type="application/json" id="(r2p-ui|r2p-handout-ui)">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def site(model):
    return render_site(model)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_is_registered_in_both_languages(site, lang):
    assert HANDOUT_PAGE in site.nav
    page = site.pages[f"{lang}/{HANDOUT_PAGE}"]
    assert '<div id="r2p-handout"' in page
    home = site.pages[f"{lang}/index.md"]
    assert f"]({HANDOUT_PAGE})" in home


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_strings_for_the_script(model, lang):
    ctx = make_context(model, lang)
    page = handout_page(ctx)
    blocks = dict(JSON_BLOCK.findall(page))
    strings = json.loads(blocks["r2p-handout-ui"])
    assert strings == handout_strings(ctx)
    assert all(isinstance(v, str) and v.strip() for v in strings.values())
    # Placeholders the script fills in survive translation.
    for key, names in {"cite_range": ("{symbol}", "{first}", "{last}"), "unknown_passage": ("{symbol}", "{ref}"),
                       "unknown_report": ("{slug}",), "unreadable": ("{text}",), "dropped": ("{count}",)}.items():
        assert all(name in strings[key] for name in names), (lang, key)
    ui = json.loads(blocks["r2p-ui"])
    assert "{count}" in ui["handout_open"]
    assert all(ui[k] for k in ("handout_add", "handout_remove", "handout_added", "handout_removed"))
    if lang == "zh":
        assert strings["print"] == "打印" and ui["handout_add"] == "加入讲义"


def test_report_links_and_example(model):
    ctx = make_context(model, "en")
    page = handout_page(ctx)
    for report in model.reports:
        assert f']({report.slug}.md){{ data-r2p-report="{report.slug}" }}' in page
    example = re.search(r'<a class="r2p-ho-example" href="#([^"]+)">', page).group(1)
    handout = decode(example.replace("&amp;", "&"))
    passages = [e for e in handout.entries if isinstance(e, Passage)]
    assert passages and not handout.dropped
    ids = {(r.slug, p.id) for r in model.reports for p in r.paragraphs}
    for passage in passages:
        first = passage.ref.split("-")[0]
        assert (passage.slug, f"p{first}") in ids, passage


def test_strings_cannot_close_the_script_block(model):
    ctx = make_context(model, "en")

    def hostile(message: str) -> str:
        return "</script><script>alert(1)</script>"

    ctx.gettext = hostile
    page = handout_page(ctx)
    for _name, text in JSON_BLOCK.findall(page):
        assert "</script" not in text
        json.loads(text)


def test_built_handout_pages(page_of, site_dir):
    for path in ("handout/index.html", "en/handout/index.html"):
        page = page_of(path)
        assert page.ids.get("r2p-handout") == 1
        scripts = [a.get("src", "") for tag, a in page.elements if tag == "script"]
        assert any(s.endswith("assets/handout.js") for s in scripts)
        reports = [href for href, attrs in page.links if "data-r2p-report" in attrs]
        assert reports and all(href.startswith("../") and href.endswith("/") for href in reports)
    assert (site_dir / "data" / "corpus.js").read_text(encoding="utf-8").startswith("window.R2P_CORPUS = {")
