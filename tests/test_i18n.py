"""Languages: catalogs round-trip, fuzzy on source change, status, parity, no hard-coded UI text."""

from __future__ import annotations

import ast
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from build_tools.i18n import (
    LANGUAGES,
    MARKER,
    extract_ui_template,
    report_units,
    translation_status,
    ui_catalog_path,
    update_report_catalog,
)
from build_tools.pipeline import read_corrected

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source_texts"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_status_command_reports_both_reports_complete():
    result = run("i18n-status", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[1:] if line.strip()]
    assert {row[0] for row in rows} == {"a-71-1016", "a-68-947"}
    for row in rows:
        _slug, lang, total, translated, fuzzy, missing, done = row
        assert (lang, fuzzy, missing, done) == ("en", "0", "0", "100.0%")
        assert total == translated


def test_report_catalogs_round_trip_through_babel():
    for path in sorted(SOURCE.glob("*/en.po")):
        original = path.read_bytes()
        catalog = read_po(io.BytesIO(original), locale="en")
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100)
        assert buffer.getvalue() == original, f"{path} is not in Babel's own format"


def test_every_unit_has_an_entry_keyed_by_its_stable_id(model):
    for report in model.reports:
        catalog = read_po((SOURCE / report.slug / "en.po").open("rb"), locale="en")
        contexts = {m.context for m in catalog if m.id}
        ids = [u.id for u in report_units(report)]
        assert contexts == set(ids)
        assert {"p24", "s3", "fn1", "summary-1"} <= contexts
        # Translation parity: the same footnote markers in the source and the translation.
        for message in catalog:
            if message.id:
                assert sorted(MARKER.findall(message.id)) == sorted(MARKER.findall(message.string)), message.context


def test_changed_chinese_source_makes_the_entry_fuzzy_and_the_page_says_so(tmp_path):
    folder = tmp_path / "src" / "a-71-1016"
    shutil.copytree(SOURCE / "a-71-1016", folder)
    (folder / "zh.txt").chmod(0o644)
    text = (folder / "zh.txt").read_text(encoding="utf-8")
    (folder / "zh.txt").write_text(text.replace("24. 确保对过去和现在的暴行罪", "24. 确保对以往和现在的暴行罪"),
                                   encoding="utf-8")
    # Catalogs follow the text as corrected by errata.yaml (what the site prints).
    report = read_corrected(folder.parent).report("a-71-1016")
    update_report_catalog(report, folder.parent, "en")
    catalog = read_po((folder / "en.po").open("rb"), locale="en")
    p24 = next(m for m in catalog if m.context == "p24")
    assert p24.fuzzy and p24.string.startswith("Ensuring accountability")
    # The old Chinese stays in the catalog as the "previous msgid", for the reviewer to compare.
    previous = [line for line in (folder / "en.po").read_text(encoding="utf-8").splitlines() if line.startswith("#|")]
    assert any("确保对过去和现在的暴行罪" in line for line in previous)
    status = translation_status(report, folder.parent, "en")
    assert (status.fuzzy, status.missing) == (1, 0)
    result = run("i18n-status", "--strict", "--source", str(folder.parent))
    assert result.returncode == 1

    from build_tools.pipeline import load_corpus
    from build_tools.render import render_site

    page = render_site(load_corpus(folder.parent)).pages["en/a-71-1016.md"]
    block = page[page.index('id="p24"'):page.index('id="p25"')]
    assert "r2p-fuzzy" in block and "translation under review" in block


def test_missing_translation_falls_back_to_chinese_with_a_note(tmp_path):
    folder = tmp_path / "src" / "a-68-947"
    shutil.copytree(SOURCE / "a-68-947", folder)
    catalog = read_po((folder / "en.po").open("rb"), locale="en")
    for message in catalog:
        if message.context == "p5":
            message.string = ""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100)
    (folder / "en.po").write_bytes(buffer.getvalue())
    from build_tools.pipeline import load_corpus
    from build_tools.render import render_site

    page = render_site(load_corpus(folder.parent)).pages["en/a-68-947.md"]
    block = page[page.index('id="p5"'):page.index('id="p6"')]
    assert 'lang="zh-Hans"' in block and "r2p-missing" in block and "我每年就保护责任问题编写报告" in block


def test_ui_catalogs_are_complete_and_current():
    template = {m.id for m in extract_ui_template() if m.id}
    for lang in LANGUAGES:
        catalog = read_po(ui_catalog_path(lang).open("rb"), locale=lang)
        assert {m.id for m in catalog if m.id} == template, f"run `python -m build_tools i18n-extract` ({lang})"
    zh = read_po(ui_catalog_path("zh").open("rb"), locale="zh")
    untranslated = [m.id for m in zh if m.id and not (m.string if isinstance(m.string, str) else m.string[0])]
    assert untranslated == []
    assert not [m.id for m in zh if m.id and m.fuzzy]


def test_no_ui_string_is_hard_coded_in_the_renderers():
    """UI text goes through _(): no Chinese string literal in the renderers, and no _()
    call hidden inside an f-string (where the extractor cannot see it)."""
    for path in sorted((ROOT / "build_tools" / "render").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                      and (body := node.body) and isinstance(body[0], ast.Expr)
                      and isinstance(body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not re.search(r"[\u4e00-\u9fff]", node.value), f"{path.name}:{node.lineno}"
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if isinstance(call, ast.Call) and getattr(call.func, "id", "") in ("_", "ngettext"):
                        raise AssertionError(f"{path.name}:{node.lineno}: _() inside an f-string")


def test_chinese_pages_show_no_english_interface_text(model, page_of):
    """What the generator writes on a zh page is Chinese; Latin text there is data
    (symbols, URLs, the English glossary terms) or the report's own."""
    allowed = {"undocs", "org", "CSV", "TBX", "JSON", "Excel", "Markdown", "and", "atrocity", "crimes"}
    for report in model.reports:
        text = page_of(f"{report.slug}/index.html").text
        for paragraph in report.paragraphs:
            text = text.replace(paragraph.text, "")
        for note in report.footnotes:
            text = text.replace(note.text, "")
        words = set(re.findall(r"[A-Za-z]{4,}", text)) - allowed
        assert not words, words


def test_html_lang_and_language_links_keep_the_paragraph(page_of):
    zh = (ROOT / "site" / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    en = (ROOT / "site" / "en" / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="zh-Hans"', zh)
    assert re.search(r'<html[^>]* lang="en"', en)
