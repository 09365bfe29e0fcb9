"""Transform: find the documents, resolutions and paragraphs a text cites, and resolve them.

Two phases, as cross-reference resolvers do: first index what the corpus can link
to (its reports by symbol, their paragraph anchors), then recognise citations in
every paragraph, item, footnote and summary and resolve each against that index.
Targets are always built from the symbol itself: the dead ``(#)`` links and the
``undocs.org`` annotation lines of the sources are artifacts and never used.

URL scheme of the official document system (one per kind):
  document           https://undocs.org/<lang>/A/63/677
  SC resolution      https://undocs.org/<lang>/S/RES/2150(2014)
  GA resolution      https://undocs.org/<lang>/A/RES/63/308
  HRC resolution     https://undocs.org/<lang>/A/HRC/RES/33/19
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..diagnostics import InputError, SourceLocation
from ..i18n import LANGUAGES
from ..model import Corpus, Reference, Report
from ..read.metadata import yaml_error_line, yaml_problem
from .glossary import spaced_pattern

KNOWN_DOCUMENTS_FILE = "documents.yaml"
_SYMBOL = r"(?:A/HRC|A|S|E)(?:/[A-Z]+)*/\d+(?:/\d+)*(?:/Add\.\d+)?"
# A joint symbol (two documents issued as one) is one reference: A/65/877-S/2011/393.
SYMBOL = re.compile(rf"(?<![\w/])({_SYMBOL})(?:\s*[-–]\s*({_SYMBOL}))?(?![\w/])")
_SC = r"\d{3,4}\s*\(\d{4}\)"
_SESSIONAL = r"(?:A/)?\d{1,2}/\d{1,3}"
_NUM = rf"(?:{_SC}|{_SESSIONAL})"
RESOLUTIONS = re.compile(
    rf"(?:第\s*)?{_NUM}(?:\s*(?:、|,|，|和|及|以及)\s*(?:第\s*)?{_NUM})*\s*号决议"
)
RESOLUTION_NUMBER = re.compile(rf"({_SC})|({_SESSIONAL})")
PARAGRAPHS = re.compile(r"第\s*(\d{1,3})(?:\s*(至|-|–|和|、)\s*(\d{1,3}))?\s*段")
ORGANS = (("人权理事会", "human_rights_council"), ("安全理事会", "security_council"), ("安理会", "security_council"),
          ("大会", "general_assembly"))


def undocs(symbol: str, lang: str) -> str:
    return f"https://undocs.org/{lang}/{symbol}"


@dataclass(frozen=True)
class Target:
    """What a symbol resolves to inside the corpus."""

    slug: str
    paragraphs: frozenset[int]


def corpus_index(corpus: Corpus) -> dict[str, Target]:
    """Phase 1: every symbol of every report -> the report and its paragraph numbers."""
    index: dict[str, Target] = {}
    for report in corpus.reports:
        target = Target(report.slug, frozenset(p.number for p in report.paragraphs))
        for symbol in report.symbols:
            index[symbol] = target
    return index


def _urls(symbol: str) -> dict[str, str]:
    return {lang: undocs(symbol, lang) for lang in LANGUAGES}


def _organ_before(text: str, start: int) -> str:
    """The organ named last before ``start`` in the same sentence (default: the GA)."""
    sentence_start = max(text.rfind("。", 0, start), text.rfind("；", 0, start)) + 1
    window = text[sentence_start:start]
    best, where = "general_assembly", -1
    for name, organ in ORGANS:
        found = window.rfind(name)
        if found > where:
            best, where = organ, found
    return best


def _resolution_symbol(number: str, organ: str) -> tuple[str, str]:
    number = re.sub(r"\s+", "", number)
    if "(" in number:
        return f"S/RES/{number}", "security_council"
    number = number.removeprefix("A/")
    if organ == "human_rights_council":
        return f"A/HRC/RES/{number}", organ
    return f"A/RES/{number}", "general_assembly"


@dataclass(frozen=True)
class KnownDocument:
    """A document cited by title (``source_texts/documents.yaml``), e.g. the Summit Outcome."""

    symbol: str
    kind: str
    organ: str
    titles: tuple[str, ...]
    pattern: re.Pattern[str]  # any title, right before a paragraph reference


def load_known_documents(source_dir: Path) -> list[KnownDocument]:
    path = source_dir / KNOWN_DOCUMENTS_FILE
    if not path.exists():
        return []
    shown = str(path)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(SourceLocation(shown, yaml_error_line(exc)), f"not valid YAML: {yaml_problem(exc)}") from None
    entries = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(SourceLocation(shown, 1), "expected a mapping with a list 'documents'")
    lines = text.split("\n")
    out = []
    for entry in entries:
        symbol = entry.get("symbol") if isinstance(entry, dict) else None
        line = next((n for n, text_line in enumerate(lines, 1) if symbol and f"symbol: {symbol}" in text_line), 1)
        titles = entry.get("titles") if isinstance(entry, dict) else None
        if not isinstance(symbol, str) or not SYMBOL.fullmatch(symbol):
            raise InputError(SourceLocation(shown, line), f"'symbol' must be a UN document symbol, got {symbol!r}")
        if not isinstance(titles, list) or not titles or not all(isinstance(t, str) and t for t in titles):
            raise InputError(SourceLocation(shown, line), f"{symbol}: 'titles' must be a non-empty list of text")
        kind = "resolution" if "/RES/" in symbol else "document"
        organ = str(entry.get("organ", ""))
        alternatives = "|".join(spaced_pattern(t) for t in sorted(titles, key=len, reverse=True))
        pattern = re.compile(rf"(?:{alternatives})[》」)）\s]*$")
        out.append(KnownDocument(symbol, kind, organ, tuple(titles), pattern))
    return out


def find_references(text: str, report: Report, index: dict[str, Target],
                    known: list[KnownDocument] = ()) -> list[Reference]:
    """Phase 2 for one text: recognise and resolve. Pure; returns the references in order."""
    found: list[Reference] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for match in RESOLUTIONS.finditer(text):
        organ = _organ_before(text, match.start())
        for number in RESOLUTION_NUMBER.finditer(match.group(0)):
            start, end = match.start() + number.start(), match.start() + number.end()
            symbol, organ_of = _resolution_symbol(number.group(0), organ)
            found.append(Reference("resolution", text[start:end], start, end, symbol, None, None,
                                   _urls(symbol), organ_of))
            taken.append((start, end))
    for match in SYMBOL.finditer(text):
        if not free(match.start(), match.end()):
            continue
        first, second = match.group(1), match.group(2)
        symbol = f"{first}-{second}" if second else first
        target = index.get(first) or (index.get(second) if second else None)
        reference = Reference("document", match.group(0), match.start(), match.end(), symbol,
                              target.slug if target else None, None, _urls(first), "")
        found.append(reference)
        taken.append((match.start(), match.end()))
    for match in PARAGRAPHS.finditer(text):
        first = int(match.group(1))
        last = int(match.group(3)) if match.group(3) else first
        joiner = match.group(2)
        numbers = set(range(first, last + 1)) if joiner in ("至", "-", "–") else {first, last}
        anchor = f"p{first}" if first == last else f"p{min(numbers)}-{max(numbers)}"
        owner = _owner(text, match.start(), found) or _titled(text, match.start(), known)
        if owner is None:
            own = index.get(report.symbols[0])
            if own is None or not numbers <= own.paragraphs or _after_title(text, match.start()):
                continue  # another document's paragraphs, named by an unknown title: left as text
            target_slug, symbol, urls = report.slug, "", {}
        elif owner.target_report:
            target = index.get(owner.symbol.split("-")[0])
            if target is None or not numbers <= target.paragraphs:
                continue
            target_slug, symbol, urls = owner.target_report, owner.symbol, {}
        else:
            # Paragraphs of a document outside the corpus: they open that document.
            target_slug, symbol, urls = None, owner.symbol, owner.urls
        found.append(Reference("paragraphs", match.group(0), match.start(), match.end(), symbol,
                               target_slug, anchor, urls, owner.organ if owner else ""))
    found.sort(key=lambda r: r.start)
    return found


def _owner(text: str, start: int, found: list[Reference]) -> Reference | None:
    """The document or resolution a paragraph reference belongs to: one cited just before it."""
    before = [r for r in found if r.end <= start and r.kind in ("document", "resolution")]
    if not before:
        return None
    last = max(before, key=lambda r: r.end)
    gap = text[last.end:start]
    if re.fullmatch(r"[\s,，)）号决议]*", gap):
        return last
    return None


def _titled(text: str, start: int, known: list[KnownDocument]) -> Reference | None:
    """``《世界首脑会议成果文件》第 138 段``: a document the reports cite by its title."""
    before = text[max(0, start - 60):start]
    for document in known:
        if document.pattern.search(before):
            return Reference(document.kind, "", 0, 0, document.symbol, None, None, _urls(document.symbol),
                             document.organ)
    return None


def _after_title(text: str, start: int) -> bool:
    """``《世界首脑会议成果文件》第 138 段``: paragraphs of a document named by its title."""
    return bool(re.search(r"[》」]\s*$", text[max(0, start - 3):start]))


def resolve_references(corpus: Corpus, source_dir: Path) -> None:
    index = corpus_index(corpus)
    known = load_known_documents(source_dir)
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            paragraph.references = find_references(paragraph.text, report, index, known)
            for item in paragraph.items:
                item.references = find_references(item.text, report, index, known)
        for note in report.footnotes:
            note.references = find_references(note.text, report, index, known)
        for summary in report.summary:
            summary.references = find_references(summary.text, report, index, known)
