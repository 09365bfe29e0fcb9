"""Recommendation checklists: extraction from the model, the corpus JSON, the built pages
(links to existing anchors) and the CSV / Markdown downloads."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import jsonschema
import pytest

from build_tools.corpus_json import SCHEMA_PATH, corpus_dict
from build_tools.i18n import LANGUAGES
from build_tools.model import Corpus
from build_tools.read import read_report
from build_tools.render import render_site
from build_tools.render.checklists import CSV_HEADER
from build_tools.transforms.recommendations import GROUP_EN, extract_recommendations

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source_texts"
PREFIX = {"zh": "", "en": "en/"}

# What the reports say, read off the texts by hand: (anchor, group, zh addressee, en addressee).
EXPECTED = {
    "a-71-1016": (
        [(f"p44-{x}", "member_states", "所有会员国", "All Member States") for x in "abcde"]
        + [(f"p45-{x}", "intergovernmental", "各国", "States") for x in "abcde"]
        + [(f"p46-{x}", "united_nations", "联合国", "The United Nations") for x in "abcd"]
    ),
    "a-68-947": [(f"p77-{n}", "member_states", "各会员国", "Member States") for n in range(1, 10)],
}
ALL_ANCHORS = [(slug, row[0]) for slug, rows in EXPECTED.items() for row in rows]


# -- extraction ------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_extraction_finds_exactly_the_recommendations(model, slug):
    report = model.report(slug)
    found = [(r.anchor, r.group, r.addressee["zh"], r.addressee["en"]) for r in report.recommendations]
    assert found == EXPECTED[slug]
    items = {item.id: (paragraph, item) for paragraph in report.paragraphs for item in paragraph.items}
    for rec in report.recommendations:
        paragraph, item = items[rec.anchor]
        assert rec.id == f"{slug}:{rec.anchor}"
        assert rec.report == slug and rec.paragraph == paragraph.number
        assert rec.text == item.text and rec.label == item.label
        assert rec.location == item.location
        assert paragraph.text.endswith(rec.lead) and rec.lead.endswith("：")
        assert rec.addressee["zh"] in rec.lead


def test_leads_are_the_sentences_that_name_the_addressee(model):
    leads = {(r.report, r.paragraph): r.lead for report in model.reports for r in report.recommendations}
    assert leads == {
        ("a-71-1016", 44): "所有会员国均可：",
        ("a-71-1016", 45): "我建议各国考虑以下五项旨在加强国际行动问责的举措：",
        ("a-71-1016", 46): "联合国将：",
        ("a-68-947", 77): "更具体而言，我呼吁各会员国：",
    }


def test_lists_outside_a_recommendations_section_are_not_taken(model):
    # a-71-1016 para. 35 ("…四个简单步骤…：") and a-68-947 para. 28 list items too.
    listed = {p.id for r in model.reports for p in r.paragraphs if p.items}
    taken = {f"p{r.paragraph}" for report in model.reports for r in report.recommendations}
    assert {"p35", "p28"} <= listed
    assert not {"p35", "p28"} & taken


def _copy(tmp_path: Path, slug: str, new_slug: str) -> Path:
    target = tmp_path / new_slug
    shutil.copytree(SOURCE / slug, target)
    for po in target.glob("*.po"):
        po.unlink()
    meta = target / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(f"slug: {slug}", f"slug: {new_slug}"),
                    encoding="utf-8")
    return target


def _edit(folder: Path, *pairs: tuple[str, str]) -> None:
    source = folder / "zh.txt"
    source.chmod(0o644)
    text = source.read_text(encoding="utf-8")
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")


def test_a_third_report_in_the_same_form_needs_no_new_code(tmp_path):
    folder = _copy(tmp_path, "a-71-1016", "a-99-1")
    _edit(folder, ("所有会员国均可：", "各国政府应当："), ("联合国将：", "我敦促安全理事会："))
    corpus = Corpus([read_report(folder)])
    extract_recommendations(corpus, tmp_path)
    found = corpus.reports[0].recommendations
    groups = {(r.paragraph, r.group, r.addressee["zh"], r.addressee["en"]) for r in found}
    # No translation catalog here: the English addressee is the group's English name.
    assert groups == {
        (44, "member_states", "各国政府", GROUP_EN["member_states"]),
        (45, "intergovernmental", "各国", GROUP_EN["intergovernmental"]),
        (46, "intergovernmental", "安全理事会", GROUP_EN["intergovernmental"]),
    }
    assert [r.id for r in found][:2] == ["a-99-1:p44-a", "a-99-1:p44-b"]


def test_without_a_recommendations_heading_nothing_is_taken(tmp_path):
    folder = _copy(tmp_path, "a-71-1016", "a-99-2")
    _edit(folder, ("六. 结论和建议", "六. 结论"))
    corpus = Corpus([read_report(folder)])
    extract_recommendations(corpus, tmp_path)
    assert corpus.reports[0].recommendations == []


def test_a_lead_that_names_no_one_is_not_a_checklist(tmp_path):
    folder = _copy(tmp_path, "a-71-1016", "a-99-3")
    _edit(folder, ("联合国将：", "具体步骤如下："))
    corpus = Corpus([read_report(folder)])
    extract_recommendations(corpus, tmp_path)
    assert {r.paragraph for r in corpus.reports[0].recommendations} == {44, 45}


# -- corpus JSON -----------------------------------------------------------------------------


def test_corpus_json_carries_recommendations_and_is_valid(model):
    data = corpus_dict(model)
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))).validate(data)
    recs = {r["id"]: r for report in data["reports"] for r in report["recommendations"]}
    assert sorted(recs) == sorted(f"{slug}:{anchor}" for slug, anchor in ALL_ANCHORS)
    first = recs["a-71-1016:p44-a"]
    assert first["anchor"] == "p44-a" and first["group"] == "member_states"
    assert first["addressee"] == {"zh": "所有会员国", "en": "All Member States"}
    assert first["text"].startswith("任命一名高级官员") and first["line"] >= 1


def test_schema_rejects_a_malformed_recommendation(model):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    for change in ({"group": "states"}, {"anchor": "44a"}, {"addressee": {"zh": "联合国"}}, {"extra": 1}):
        data = corpus_dict(model)
        data["reports"][0]["recommendations"][0].update(change)
        assert not validator.is_valid(data), change


# -- rendered pages and downloads (no MkDocs) ------------------------------------------------


def test_site_has_checklist_pages_and_downloads_in_both_languages(model):
    site = render_site(model)
    for lang in LANGUAGES:
        assert f"{lang}/checklists/index.md" in site.pages
        for slug in EXPECTED:
            assert f"{lang}/checklists/{slug}.md" in site.pages
            assert f"{lang}/checklists/{slug}.csv" in site.files
            assert f"{lang}/checklists/{slug}.md.txt" in site.files
    nav = site.nav
    assert nav.index("checklists/index.md") < nav.index("checklists/a-71-1016.md")


# -- the built site --------------------------------------------------------------------------


def _checklist_pages(site_dir: Path) -> list[tuple[str, str]]:
    """(lang, page path under site/) of every built checklist page."""
    pages = []
    for lang in LANGUAGES:
        pages.append((lang, f"{PREFIX[lang]}checklists/index.html"))
        pages += [(lang, f"{PREFIX[lang]}checklists/{slug}/index.html") for slug in EXPECTED]
    for _lang, path in pages:
        assert (site_dir / path).is_file(), path
    return pages


def _target(site_dir: Path, page: str, href: str) -> tuple[Path, str]:
    url = urljoin("/" + page, href)
    path, fragment = unquote(urlsplit(url).path).lstrip("/"), urlsplit(url).fragment
    file = site_dir / path
    if path.endswith("/") or not path:
        file = file / "index.html"
    return file, fragment


def test_items_link_to_their_exact_source_anchor(site_dir, page_of):
    for _lang, path in _checklist_pages(site_dir):
        page = page_of(path)
        items = [a for tag, a in page.elements if tag == "li" and "r2p-cl-item" in a.get("class", "")]
        expected = ALL_ANCHORS if path.endswith("checklists/index.html") else [
            x for x in ALL_ANCHORS if f"/{x[0]}/" in "/" + path]
        assert sorted(a["data-item"] for a in items) == sorted(f"{s}:{a}" for s, a in expected)
        sources = [href for href, a in page.links if re.search(r"#p\d+-(?:[a-z]|\d+)$", href)]
        for slug, anchor in expected:
            wanted = f"../{'../' if not path.endswith('checklists/index.html') else ''}{slug}/#{anchor}"
            assert wanted in sources, (path, wanted)
        # Every in-site link of a checklist page reaches a file, and its #fragment an element there.
        for href, _a in page.links:
            if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
                continue
            file, fragment = _target(site_dir, path, href)
            assert file.is_file(), (path, href)
            if fragment and file.suffix == ".html":
                assert page_of(file.relative_to(site_dir).as_posix()).ids.get(fragment) == 1, (path, href)


def test_each_item_has_a_labelled_checkbox_and_note(site_dir, page_of):
    for _lang, path in _checklist_pages(site_dir):
        page = page_of(path)
        labels = {a.get("for") for tag, a in page.elements if tag == "label"}
        boxes = [a for tag, a in page.elements if tag == "input" and "r2p-cl-check" in a.get("class", "")]
        notes = [a for tag, a in page.elements if tag == "textarea"]
        assert boxes and len(boxes) == len(notes)
        assert all(b.get("type") == "checkbox" for b in boxes)
        assert all(b["id"] in labels for b in boxes) and all(n["id"] in labels for n in notes)
        assert all(count == 1 for count in page.ids.values()), "ids are unique"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_checklist_text_is_in_the_page_language(model, site_dir, page_of, lang):
    page = page_of(f"{PREFIX[lang]}checklists/a-71-1016/index.html")
    text = re.sub(r"\s+", " ", html.unescape(page.text))
    report = model.report("a-71-1016")
    first = report.recommendations[0]
    if lang == "zh":
        assert first.text in text and "对象：所有会员国" in text
    else:
        english = report.translations["en"][first.anchor].text
        assert english in text and "Addressed to: All Member States" in text
        assert first.text not in text
    for leak in ("](", "{ #", "{: ", "&#", "markdown>", "<div"):
        assert leak not in text, (lang, leak)


def _download(site_dir: Path, lang: str, name: str) -> Path:
    return site_dir / f"{PREFIX[lang]}checklists/{name}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csv_downloads_exist_and_parse(model, site_dir, page_of, lang):
    for slug in [*EXPECTED, "all-reports"]:
        raw = _download(site_dir, lang, f"{slug}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM for Excel"
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert tuple(rows[0].keys()) == CSV_HEADER
        expected = ALL_ANCHORS if slug == "all-reports" else [x for x in ALL_ANCHORS if x[0] == slug]
        assert sorted(r["id"] for r in rows) == sorted(f"{s}:{a}" for s, a in expected)
        for row in rows:
            report_slug, anchor = row["id"].split(":")
            assert row["source_url"] == f"{PREFIX[lang]}{report_slug}/#{anchor}"
            target = site_dir / PREFIX[lang] / report_slug / "index.html"
            assert page_of(target.relative_to(site_dir).as_posix()).ids.get(anchor) == 1
            assert row["text"] and row["addressee"] and row["source"]
        # The download is linked from its page.
        page = "index.html" if slug == "all-reports" else f"{slug}/index.html"
        links = [href for href, _a in page_of(f"{PREFIX[lang]}checklists/{page}").links]
        assert any(href.endswith(f"{slug}.csv") for href in links)
        assert any(href.endswith(f"{slug}.md.txt") for href in links)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_markdown_downloads_are_task_lists_with_citations(model, site_dir, lang):
    symbols = {r.slug: r.symbol for r in model.reports}
    for slug in [*EXPECTED, "all-reports"]:
        text = _download(site_dir, lang, f"{slug}.md.txt").read_text(encoding="utf-8")
        assert text.startswith("# ")
        tasks = [line for line in text.splitlines() if line.startswith("- [ ] ")]
        expected = ALL_ANCHORS if slug == "all-reports" else [x for x in ALL_ANCHORS if x[0] == slug]
        assert len(tasks) == len(expected)
        # Every task ends with its citation (symbol and paragraph), after the addressee.
        for task in tasks:
            assert any(re.search(re.escape(symbol) + r"[，,]\s?(?:第 ?|paragraph )\d+", task.rsplit(" · ", 1)[-1])
                       for symbol in symbols.values()), task
        if lang == "zh":
            assert any(re.search(r"第 44\(a\) 段$", t) for t in tasks) == (slug != "a-68-947")
        headings = [line for line in text.splitlines() if line.startswith("## ")]
        assert headings
