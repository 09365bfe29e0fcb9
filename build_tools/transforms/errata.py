"""Transform (first of all): apply the editorial corrections of ``<slug>/errata.yaml``.

Input: the model as read, and for each report an optional ``errata.yaml`` beside its
``zh.txt``. Output: the same model with each listed correction made in the unit's text,
the unit's footnote markers moved with it, and a ``Correction`` recorded on the unit
(corrected span, source reading, reason, the finding codes it resolves).

The source file itself is never edited: the errata file says what the source reads
and what the edition prints instead, so every correction stays visible and
reversible (``source_reading`` gives the text back as read). An erratum that no
longer matches its unit stops the build at its line in ``errata.yaml``.

Format (a YAML list, one mapping per correction)::

    - where: p24                # unit id: p24, p44-a, fn2, summary-1, s3, h-p19
      source: "方案 and 实际"     # exactly what the unit's text reads (once in that unit)
      corrected: "方案和实际"     # what the edition prints instead
      resolves: foreign-script  # finding code(s) of `python -m build_tools check`
      reason:                   # why, in every language of the site
        zh: …
        en: …
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

import yaml

from ..diagnostics import FINDING_CODES, InputError, SourceLocation
from ..i18n import LANGUAGES
from ..model import Corpus, Correction, FootnoteRef, Heading, Report
from ..read.metadata import yaml_error_line, yaml_problem

ERRATA_FILE = "errata.yaml"
MAX_ERRATA_BYTES = 256 * 1024
FIELDS = ("where", "source", "corrected", "resolves", "reason")


class CorrectableUnit(Protocol):
    """What every text unit of the model has (summary, heading, paragraph, item, footnote)."""

    text: str
    corrections: list[Correction]


@dataclass(frozen=True)
class Erratum:
    where: str
    source: str
    corrected: str
    codes: tuple[str, ...]
    reason: dict[str, str]
    location: SourceLocation  # the entry's first line
    lines: dict[str, int]  # field -> line, for messages


def errata_path(source_dir: Path, slug: str) -> Path:
    return source_dir / slug / ERRATA_FILE


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def load_errata(path: Path) -> list[Erratum]:
    """Parse and type-check one errata file; every problem names its line."""
    display = _display(path)
    if path.stat().st_size > MAX_ERRATA_BYTES:
        raise InputError(SourceLocation(display, 1), f"errata file is larger than {MAX_ERRATA_BYTES:,} bytes",
                         "erratum")
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnicodeDecodeError:
        raise InputError(SourceLocation(display, 1), "errata file is not UTF-8", "erratum") from None
    except yaml.YAMLError as exc:
        raise InputError(SourceLocation(display, yaml_error_line(exc)), f"not valid YAML: {yaml_problem(exc)}",
                         "erratum") from None
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise InputError(SourceLocation(display, 1), "errata file must be a list of corrections", "erratum")
    out: list[Erratum] = []
    for entry, node in zip(data, root.value, strict=True):
        out.append(_erratum(entry, node, display))
    return out


def _erratum(entry: Any, node: yaml.Node, display: str) -> Erratum:
    at = SourceLocation(display, node.start_mark.line + 1)
    if not isinstance(entry, dict) or not isinstance(node, yaml.MappingNode):
        raise InputError(at, "each correction must be a mapping with " + ", ".join(FIELDS), "erratum")
    lines = {str(key.value): key.start_mark.line + 1 for key, _value in node.value}

    def fail(key: str, message: str) -> InputError:
        return InputError(SourceLocation(display, lines.get(key, at.line)), message, "erratum")

    for key in FIELDS:
        if key not in entry:
            raise fail(key, f"correction has no '{key}' field")
    unknown = sorted(set(entry) - set(FIELDS))
    if unknown:
        raise fail(unknown[0], f"unknown field '{unknown[0]}' (fields: {', '.join(FIELDS)})")
    for key in ("where", "source"):
        if not isinstance(entry[key], str) or not entry[key]:
            raise fail(key, f"field '{key}' must be non-empty text, got {entry[key]!r}")
    if not isinstance(entry["corrected"], str):
        raise fail("corrected", f"field 'corrected' must be text, got {entry['corrected']!r}")
    if entry["corrected"] == entry["source"]:
        raise fail("corrected", "'corrected' is the same as 'source'")
    codes = entry["resolves"]
    if isinstance(codes, str):
        codes = [codes]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise fail("resolves", "field 'resolves' must be a finding code or a list of them")
    for code in codes:
        if code not in FINDING_CODES:
            raise fail("resolves", f"unknown finding code '{code}' (codes: {', '.join(FINDING_CODES)})")
    reason = entry["reason"]
    if not isinstance(reason, dict) or not all(
        isinstance(reason.get(lang), str) and reason[lang].strip() for lang in LANGUAGES
    ):
        raise fail("reason", f"field 'reason' must give non-empty text for each of {', '.join(LANGUAGES)}")
    return Erratum(entry["where"], entry["source"], entry["corrected"], tuple(codes),
                   {lang: reason[lang].strip() for lang in LANGUAGES}, at, lines)


def report_units(report: Report) -> dict[str, Any]:
    """Every correctable unit of a report by id."""
    units: dict[str, Any] = {s.id: s for s in report.summary}
    for block in report.body:
        units[block.id] = block
        if not isinstance(block, Heading):
            units.update({item.id: item for item in block.items})
    units.update({note.id: note for note in report.footnotes})
    return units


def apply_to_report(report: Report, errata: list[Erratum]) -> None:
    """Make each correction in turn; raise at the erratum's line if one cannot be made."""
    units = report_units(report)
    for erratum in errata:
        unit = units.get(erratum.where)
        if unit is None:
            raise InputError(SourceLocation(erratum.location.path, erratum.lines.get("where", erratum.location.line)),
                             f"no unit '{erratum.where}' in {report.slug} (ids: p24, p44-a, fn2, summary-1, s3, h-p19)",
                             "erratum")
        _apply(unit, erratum)
    numbered = 0
    for unit in units.values():
        if unit.corrections:
            ordered = sorted(unit.corrections, key=lambda c: c.start)
            unit.corrections = [replace(c, number=numbered + i + 1) for i, c in enumerate(ordered)]
            numbered += len(ordered)


def _apply(unit: Any, erratum: Erratum) -> None:
    text: str = unit.text
    where = SourceLocation(erratum.location.path, erratum.lines.get("source", erratum.location.line))
    count = text.count(erratum.source)
    if count == 0:
        raise InputError(where, f"erratum no longer matches the source: {erratum.where} does not contain "
                                f"\u201c{erratum.source}\u201d", "erratum")
    if count > 1:
        raise InputError(where, f"\u201c{erratum.source}\u201d occurs {count} times in {erratum.where}; "
                                "quote more of the text so that it occurs once", "erratum")
    start = text.index(erratum.source)
    end = start + len(erratum.source)
    delta = len(erratum.corrected) - len(erratum.source)
    for done in unit.corrections:
        if done.start < end and start < done.end:
            raise InputError(where, f"overlaps the correction at {done.errata}", "erratum")
    refs: list[FootnoteRef] = getattr(unit, "footnote_refs", [])
    for ref in refs:
        if start < ref.offset < end:
            raise InputError(where, f"the text to correct contains the marker of footnote {ref.number}; "
                                    "correct the text on either side of it separately", "erratum")
    unit.text = text[:start] + erratum.corrected + text[end:]
    if refs:
        # Markers after the edit move with the text; a marker right before it stays.
        unit.footnote_refs = [FootnoteRef(r.number, r.offset + delta if r.offset >= end else r.offset)
                              for r in refs]
    shifted = [replace(c, start=c.start + delta, end=c.end + delta) if c.start >= end else c
               for c in unit.corrections]
    # Where the source reading starts in the text as read: undo the earlier corrections before it.
    source_start = start - sum(len(c.corrected) - len(c.source) for c in unit.corrections if c.end <= start)
    correction = Correction(start, start + len(erratum.corrected), erratum.source, erratum.corrected,
                            source_start, erratum.reason, erratum.codes, erratum.location)
    unit.corrections = [*shifted, correction]


def source_reading(text: str, corrections: list[Correction]) -> str:
    """The text as the source file has it: every correction undone."""
    for correction in sorted(corrections, key=lambda c: c.start, reverse=True):
        text = text[: correction.start] + correction.source + text[correction.end :]
    return text


def apply_errata(corpus: Corpus, source_dir: Path) -> None:
    for report in corpus.reports:
        path = errata_path(source_dir, report.slug)
        if path.is_file():
            apply_to_report(report, load_errata(path))
