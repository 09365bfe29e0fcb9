"""Cited documents: the list on each report page, the site-wide reverse index, and the
"cited by" notes on paragraphs of our corpus that another report cites."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Corpus, Reference, Report
from .context import RenderContext
from .inline import attr, escape, front_matter, md_heading

DOCUMENTS_PAGE = "documents.md"


@dataclass(frozen=True)
class Place:
    """Where a citation stands: a paragraph, item or footnote of a report."""

    slug: str
    unit: str  # p23, p44-a, fn3

    @property
    def anchor(self) -> str:
        return f"fn:{self.unit}" if self.unit.startswith("fn") else self.unit


@dataclass
class CitedDocument:
    symbol: str
    kind: str
    organ: str
    urls: dict[str, str]
    target_report: str | None
    places: list[Place] = field(default_factory=list)

    def sort_key(self) -> tuple:
        numbers = [int(n) for n in re.findall(r"\d+", self.symbol)]
        return (self.target_report is None, self.kind != "document", self.organ, self.symbol.split("/")[0], numbers)


def _units(report: Report):
    for summary in report.summary:
        yield summary.id, summary.references
    for paragraph in report.paragraphs:
        yield paragraph.id, paragraph.references
        for item in paragraph.items:
            yield item.id, item.references
    for note in report.footnotes:
        yield note.id, note.references


def cited_documents(corpus: Corpus, only: Report | None = None) -> list[CitedDocument]:
    documents: dict[str, CitedDocument] = {}
    for report in corpus.reports:
        if only is not None and report is not only:
            continue
        for unit, references in _units(report):
            for ref in references:
                if ref.kind == "paragraphs" and (ref.target_report or not ref.symbol):
                    continue  # our own paragraphs: listed under the cited report itself
                kind = "resolution" if "/RES/" in ref.symbol else "document"
                doc = documents.setdefault(
                    ref.symbol, CitedDocument(ref.symbol, kind, ref.organ, ref.urls, ref.target_report))
                place = Place(report.slug, unit)
                if place not in doc.places:
                    doc.places.append(place)
    return sorted(documents.values(), key=CitedDocument.sort_key)


def cited_by_index(corpus: Corpus) -> dict[tuple[str, str], list[Place]]:
    """(target slug, paragraph id or "" for the whole report) -> places citing it."""
    index: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for report in corpus.reports:
        for unit, references in _units(report):
            for ref in references:
                if not ref.target_report or ref.target_report == report.slug:
                    continue
                place = Place(report.slug, unit)
                if ref.kind == "paragraphs" and ref.anchor:
                    for number in _anchor_numbers(ref.anchor):
                        index[(ref.target_report, f"p{number}")].append(place)
                elif place not in index[(ref.target_report, "")]:
                    index[(ref.target_report, "")].append(place)
    return index


def _anchor_numbers(anchor: str) -> range:
    first, _, last = anchor.removeprefix("p").partition("-")
    return range(int(first), int(last or first) + 1)


def place_label(ctx: RenderContext, place: Place) -> str:
    _ = ctx.gettext
    if place.unit.startswith("fn"):
        return _("footnote {number}").format(number=place.unit[2:])
    if place.unit.startswith("summary"):
        return _("summary")
    number, _sep, label = place.unit[1:].partition("-")
    if label:
        return _("para. {number} ({label})").format(number=number, label=label)
    return _("para. {number}").format(number=number)


def place_link(ctx: RenderContext, place: Place, here: str | None) -> str:
    page = "" if place.slug == here else f"{place.slug}.md"
    return f"[{escape(place_label(ctx, place))}](<{page}#{place.anchor}>)"


def document_link(ctx: RenderContext, doc: CitedDocument, here: str | None) -> str:
    name = _document_name(ctx, doc)
    if doc.target_report:
        return f"[{escape(name)}](<{doc.target_report}.md>){{ .r2p-ref-internal }}"
    return f"[{escape(name)}](<{doc.urls[ctx.lang]}>){{ rel=\"noopener\" }}"


def _document_name(ctx: RenderContext, doc: CitedDocument) -> str:
    _ = ctx.gettext
    if doc.kind != "resolution":
        return doc.symbol
    number = doc.symbol.split("RES/")[-1]
    if doc.organ == "security_council":
        return _("Security Council resolution {number}").format(number=number)
    if doc.organ == "human_rights_council":
        return _("Human Rights Council resolution {number}").format(number=number)
    return _("General Assembly resolution {number}").format(number=number)


def report_documents_section(ctx: RenderContext, report: Report) -> list[str]:
    _ = ctx.gettext
    documents = cited_documents(ctx.corpus, only=report)
    if not documents:
        return []
    out = [md_heading(2, _("Cited documents"), "cited-documents"), ""]
    for doc in documents:
        places = ", ".join(place_link(ctx, p, report.slug) for p in doc.places)
        out.append(f"- {document_link(ctx, doc, report.slug)}: {places}")
    everything = _("All documents cited in the reports")
    out += ["", f"[{escape(everything)}]({DOCUMENTS_PAGE})", ""]
    return out


def documents_page(ctx: RenderContext) -> str:
    _ = ctx.gettext
    title = _("Cited documents")
    out = [*front_matter(title), md_heading(1, title), "",
           escape(_("Every document and resolution the reports cite, with the paragraphs that cite it. "
                    "Reports of this edition open here; other documents open on undocs.org.")), ""]
    symbols = {r.slug: r.symbol for r in ctx.corpus.reports}
    document, cited_in = _("Document"), _("Cited in")
    out += [f"| {escape(document)} | {escape(cited_in)} |", "|---|---|"]
    for doc in cited_documents(ctx.corpus):
        by_report: dict[str, list[Place]] = defaultdict(list)
        for place in doc.places:
            by_report[place.slug].append(place)
        cells = "<br>".join(
            f"{escape(symbols[slug])}: " + ", ".join(place_link(ctx, p, None) for p in places)
            for slug, places in by_report.items()
        )
        out.append(f"| {document_link(ctx, doc, None)} | {cells} |")
    out.append("")
    return "\n".join(out)


def cited_by_note(ctx: RenderContext, places: list[Place]) -> str:
    _ = ctx.gettext
    symbols = {r.slug: r.symbol for r in ctx.corpus.reports}
    links = ", ".join(f"{escape(symbols[p.slug])} {place_link(ctx, p, None)}" for p in places)
    # Translators: {places} is a list such as "A/71/1016–S/2017/556 para. 23"
    before, _sep, after = _("Cited in: {places}").partition("{places}")
    label = escape(before) + links + escape(after)
    return f'<p class="r2p-cited-by" markdown>{label}</p>'


def references_in(report: Report) -> list[Reference]:
    return [ref for _unit, refs in _units(report) for ref in refs]


__all__ = ["DOCUMENTS_PAGE", "attr", "cited_by_index", "cited_by_note", "documents_page",
           "report_documents_section"]
