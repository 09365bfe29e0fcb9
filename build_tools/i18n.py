"""Languages: gettext catalogs (UI strings and report translations) and locale formatting.

Two kinds of catalog, both read and written with Babel's catalog API:

* UI strings: ``build_tools/locales/<lang>/LC_MESSAGES/messages.po``, extracted from
  the ``_()`` calls of ``build_tools/render`` (``python -m build_tools i18n-extract``),
  compiled in memory at build time.
* Report translations: ``source_texts/<slug>/<lang>.po``; ``msgctxt`` is the stable id
  of the unit (``p24``, ``p44-a``, ``fn7``, ``s3``, ``h-p19``, ``summary-1``), ``msgid``
  its Chinese text with footnote markers written ``[^N]``, ``msgstr`` the translation.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal
from babel.support import Translations

from .model import FootnoteRef, Heading, Paragraph, Report

LANGUAGES = ("zh", "en")
SOURCE_LANGUAGE = "zh"
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
LOCALES_DIR = Path(__file__).parent / "locales"
RENDER_DIR = Path(__file__).parent / "render"
DOMAIN = "messages"
PROJECT = "R2P reports reference edition"
MARKER = re.compile(r"\[\^(\d+)\]")


# -- locale formatting ---------------------------------------------------------------


def babel_locale(lang: str) -> Locale:
    return Locale.parse("zh_Hans_CN" if lang == "zh" else "en_GB")


def format_day(date: dt.date, lang: str) -> str:
    """``2017年8月10日`` / ``10 August 2017``."""
    return format_date(date, format="long", locale=babel_locale(lang))


def format_number(value: int, lang: str) -> str:
    return format_decimal(value, locale=babel_locale(lang))


# -- UI catalogs ------------------------------------------------------------------------


def ui_catalog_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def ui_translations(lang: str) -> Translations:
    """Compile the language's UI catalog in memory (no .mo file in the repository)."""
    path = ui_catalog_path(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def extract_ui_template() -> Catalog:
    """Collect the ``_()`` / ``ngettext()`` strings of the renderers into a template."""
    template = Catalog(project=PROJECT, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(RENDER_DIR), method_map=[("**.py", "python")], comment_tags=("Translators:",),
        keywords={"_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)},
    ):
        template.add(message, locations=[(f"render/{filename}", lineno)],
                     auto_comments=comments, context=context)
    return template


def _write_if_changed(path: Path, catalog: Catalog, include_previous: bool = False) -> bool:
    """Write a catalog unless only its timestamps would change (Sphinx does the same)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, include_previous=include_previous)
    new = buffer.getvalue()
    stamp = re.compile(rb'"(POT-Creation-Date|PO-Revision-Date): [^"]*\\n"\n')
    if path.exists() and stamp.sub(b"", path.read_bytes()) == stamp.sub(b"", new):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(new)
    return True


def update_ui_catalogs() -> list[Path]:
    """extract -> init/update each language's UI catalog; returns the files written."""
    template = extract_ui_template()
    written = []
    pot = LOCALES_DIR / f"{DOMAIN}.pot"
    if _write_if_changed(pot, template):
        written.append(pot)
    for lang in LANGUAGES:
        path = ui_catalog_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
            catalog.update(template, no_fuzzy_matching=True)
        else:
            catalog = Catalog(locale=lang, project=PROJECT, charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        if _write_if_changed(path, catalog):
            written.append(path)
    return written


# -- report catalogs -------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One translatable unit of a report, in document order."""

    id: str
    kind: str  # summary, heading, paragraph, item, footnote
    source: str  # Chinese text with [^N] markers
    line: int


def with_markers(text: str, refs: list[FootnoteRef]) -> str:
    """Write footnote markers into the text as ``[^N]`` at their offsets."""
    out = text
    for ref in sorted(refs, key=lambda r: r.offset, reverse=True):
        out = out[: ref.offset] + f"[^{ref.number}]" + out[ref.offset :]
    return out


def report_units(report: Report) -> list[Unit]:
    units = [Unit(s.id, "summary", s.text, s.location.line) for s in report.summary]
    for block in report.body:
        if isinstance(block, Heading):
            units.append(Unit(block.id, "heading", with_markers(block.text, block.footnote_refs),
                              block.location.line))
        elif isinstance(block, Paragraph):
            units.append(Unit(block.id, "paragraph", with_markers(block.text, block.footnote_refs),
                              block.location.line))
            units.extend(Unit(i.id, "item", with_markers(i.text, i.footnote_refs), i.location.line)
                         for i in block.items)
    units.extend(Unit(f.id, "footnote", f.text, f.location.line) for f in report.footnotes)
    return units


def report_catalog_path(source_dir: Path, slug: str, lang: str) -> Path:
    return source_dir / slug / f"{lang}.po"


def read_report_catalog(path: Path, lang: str) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=lang)


@dataclass(frozen=True)
class Translated:
    text: str  # translation, or the source text when there is none
    status: str  # translated, fuzzy, missing


def lookup(catalog: Catalog | None, unit: Unit) -> Translated:
    message = catalog.get(unit.source, context=unit.id) if catalog is not None else None
    if message is None and catalog is not None:
        # Same unit, changed source: the catalog still holds it under its old msgid.
        for candidate in catalog:
            if candidate.context == unit.id and candidate.id:
                message = candidate
                break
        if message is not None and message.string:
            return Translated(str(message.string), "fuzzy")
    if message is None or not message.string:
        return Translated(unit.source, "missing")
    if message.fuzzy or message.id != unit.source:
        return Translated(str(message.string), "fuzzy")
    return Translated(str(message.string), "translated")


def update_report_catalog(report: Report, source_dir: Path, lang: str) -> tuple[Path, bool]:
    """Bring ``<lang>.po`` in line with the Chinese source: new units added, changed
    units kept with their old translation but marked fuzzy, vanished units dropped."""
    path = report_catalog_path(source_dir, report.slug, lang)
    old = read_report_catalog(path, lang)
    old_by_id = {m.context: m for m in old if m.id and m.context} if old else {}
    catalog = Catalog(
        locale=lang, project=f"{PROJECT}: {report.symbol}", charset="utf-8", fuzzy=False,
        header_comment=(
            f"# {lang} working translation of {report.symbol} ({report.slug}/zh.txt),\n"
            "# made for the reference edition from the Chinese text, unit by unit.\n"
            "# msgctxt is the stable id of the unit; update with `python -m build_tools i18n-update`."
        ),
        last_translator=PROJECT, language_team=f"{PROJECT} ({lang})",
    )
    if old is not None:
        catalog.creation_date = old.creation_date
    for unit in report_units(report):
        previous = old_by_id.get(unit.id)
        string = ""
        flags: set[str] = set()
        previous_id: tuple[str, ...] | list[str] = ()
        if previous is not None and previous.string:
            string = str(previous.string)
            if previous.id != unit.source:
                flags.add("fuzzy")
                previous_id = [str(previous.id)]
            elif previous.fuzzy:
                flags.add("fuzzy")
                previous_id = previous.previous_id
        catalog[unit.source] = Message(
            unit.source, string, context=unit.id, flags=flags,
            locations=[(f"{report.slug}/zh.txt", unit.line)], previous_id=previous_id,
            auto_comments=[unit.kind],
        )
    return path, _write_if_changed(path, catalog, include_previous=True)


@dataclass(frozen=True)
class Status:
    slug: str
    lang: str
    total: int
    translated: int
    fuzzy: int
    missing: int
    marker_errors: list[str]


def marker_errors(unit: Unit, translation: str) -> str | None:
    """Translation parity: the same footnote markers, each once."""
    expected = sorted(MARKER.findall(unit.source))
    found = sorted(MARKER.findall(translation))
    if expected != found:
        return f"{unit.id}: footnote markers {expected} in the source, {found} in the translation"
    return None


def translation_status(report: Report, source_dir: Path, lang: str) -> Status:
    catalog = read_report_catalog(report_catalog_path(source_dir, report.slug, lang), lang)
    counts = {"translated": 0, "fuzzy": 0, "missing": 0}
    errors: list[str] = []
    units = report_units(report)
    for unit in units:
        result = lookup(catalog, unit)
        counts[result.status] += 1
        if result.status != "missing":
            problem = marker_errors(unit, result.text)
            if problem:
                errors.append(problem)
    return Status(report.slug, lang, len(units), counts["translated"], counts["fuzzy"],
                  counts["missing"], errors)
