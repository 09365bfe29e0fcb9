"""References -> link spans for a unit's text, in the page language.

Chinese text carries the references found by the transform (with offsets). The
English text is our translation of the same unit: its citations are found again
with English patterns and matched to the unit's Chinese references, so both
languages link to the same targets.
"""

from __future__ import annotations

import re

from ..model import Reference, Report
from ..transforms.references import SYMBOL, _urls
from .inline import Span

_EN_SC = re.compile(r"(?<![\d/])(\d{3,4})\s?\((\d{4})\)")
_EN_SESSIONAL = re.compile(r"(?<=resolution )(?:A/)?(\d{1,2}/\d{1,3})(?![\d/])|(?<=resolutions )(\d{1,2}/\d{1,3})")
_EN_PARAGRAPHS = re.compile(r"paragraphs? (\d{1,3})(?:\s?(?:-|–|to|and)\s?(\d{1,3}))?")


def href_for(reference: Reference, lang: str, here: str) -> str | None:
    """Where a reference points from page ``here`` (a report slug)."""
    if reference.kind == "paragraphs" and reference.target_report:
        page = "" if reference.target_report == here else f"{reference.target_report}.md"
        return f"{page}#{reference.anchor}"
    if reference.kind == "paragraphs":  # paragraphs of a document outside the corpus
        return reference.urls.get(lang)
    if reference.target_report:
        return f"{reference.target_report}.md" if reference.target_report != here else "#title"
    return reference.urls.get(lang)


def span_for(reference: Reference, start: int, end: int, lang: str, here: str) -> Span | None:
    href = href_for(reference, lang, here)
    if href is None:
        return None
    internal = bool(reference.target_report)
    css = "r2p-ref r2p-ref-internal" if internal else f"r2p-ref r2p-ref-{reference.kind}"
    title = reference.symbol if reference.kind != "paragraphs" or not internal else ""
    return Span(start, end, href, css, title=title, external=not internal)


def zh_spans(references: list[Reference], lang: str, here: str) -> list[Span]:
    spans = []
    for reference in references:
        span = span_for(reference, reference.start, reference.end, lang, here)
        if span:
            spans.append(span)
    return spans


def en_spans(text: str, references: list[Reference], here: str, report: Report) -> list[Span]:
    """Find the unit's citations in its English text and link them like the Chinese ones."""
    by_symbol = {r.symbol: r for r in references if r.kind in ("document", "resolution")}
    by_anchor = {r.anchor: r for r in references if r.kind == "paragraphs"}
    spans: list[Span] = []

    def add(reference: Reference | None, start: int, end: int) -> None:
        if reference is None or any(not (end <= s.start or start >= s.end) for s in spans):
            return
        span = span_for(reference, start, end, "en", here)
        if span:
            spans.append(span)

    for match in _EN_SC.finditer(text):
        symbol = f"S/RES/{match.group(1)}({match.group(2)})"
        add(by_symbol.get(symbol) or _external("resolution", symbol, "security_council"), match.start(), match.end())
    for match in _EN_SESSIONAL.finditer(text):
        number = match.group(1) or match.group(2)
        known = [r for r in references if r.kind == "resolution" and r.symbol.endswith("/" + number)]
        add(known[0] if known else _external("resolution", f"A/RES/{number}", "general_assembly"),
            match.start(), match.end())
    for match in SYMBOL.finditer(text):
        first, second = match.group(1), match.group(2)
        symbol = f"{first}-{second}" if second else first
        add(by_symbol.get(symbol), match.start(), match.end())
    for match in _EN_PARAGRAPHS.finditer(text):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        anchor = f"p{first}" if first == last else f"p{first}-{last}"
        add(by_anchor.get(anchor), match.start(), match.end())
    return sorted(spans, key=lambda s: s.start)


def _external(kind: str, symbol: str, organ: str) -> Reference:
    return Reference(kind, symbol, 0, 0, symbol, None, None, _urls(symbol), organ)
