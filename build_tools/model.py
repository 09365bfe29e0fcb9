"""The document model: typed, presentation-free dataclasses.

Input: nothing (the readers build it). Output: what transforms enrich and renderers
render. The model knows neither Markdown nor HTML; every node knows where it stands
in its source file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from .diagnostics import SourceLocation


@dataclass(frozen=True)
class FootnoteRef:
    """A footnote marker: footnote ``number`` stood before character ``offset`` of the text."""

    number: int
    offset: int


@dataclass(frozen=True)
class Reference:
    """A citation found in text: a document, resolution or paragraph reference."""

    kind: Literal["document", "resolution", "paragraphs"]
    text: str  # the exact characters of the text that cite it
    start: int  # character offsets in the owning text
    end: int
    symbol: str  # normalised symbol of the cited document ("" = this report)
    target_report: str | None  # slug when the cited document is in this corpus
    anchor: str | None  # "p43-58" etc. when paragraphs are cited
    urls: dict[str, str] = field(default_factory=dict)  # language -> official URL
    organ: str = ""  # general_assembly, security_council, human_rights_council, ""


@dataclass(frozen=True)
class TermMatch:
    """An occurrence of a glossary term (any of its forms) at ``[start, end)`` of a text."""

    term: str  # Term.id
    start: int
    end: int


@dataclass(frozen=True)
class Correction:
    """An editorial correction (from ``errata.yaml``) applied to a unit's text.

    ``[start, end)`` is the corrected reading in the corrected text; ``source`` is what the
    source file says there, starting at ``source_start`` of the text as read.
    """

    start: int
    end: int
    source: str
    corrected: str
    source_start: int
    reason: dict[str, str]  # language -> why
    codes: tuple[str, ...]  # the finding codes it resolves
    errata: SourceLocation  # the erratum's line in errata.yaml
    number: int = 0  # 1, 2, … in document order within the report


# (offset, line): the text from ``offset`` on came from source line ``line``. Offsets are
# those of the text as read, before any correction (see ``transforms.errata.source_reading``).
SourceLines = list[tuple[int, int]]


@dataclass
class Item:
    """A sub-item of a paragraph: ``(a)`` … or a bullet (labelled 1, 2, …)."""

    id: str
    label: str
    kind: Literal["letter", "bullet"]
    text: str
    footnote_refs: list[FootnoteRef]
    location: SourceLocation
    references: list[Reference] = field(default_factory=list)
    terms: list[TermMatch] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    source_lines: SourceLines = field(default_factory=list)


@dataclass
class Paragraph:
    """A numbered paragraph: its lead text (without items and marker digits) and items."""

    id: str
    number: int
    section: str
    subsection: str | None
    heading: str | None
    text: str
    footnote_refs: list[FootnoteRef]
    items: list[Item]
    location: SourceLocation
    references: list[Reference] = field(default_factory=list)
    terms: list[TermMatch] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    source_lines: SourceLines = field(default_factory=list)

    @property
    def footnotes(self) -> list[int]:
        """Footnote numbers cited in the paragraph, lead text and items, in order."""
        numbers = [ref.number for ref in self.footnote_refs]
        for item in self.items:
            numbers.extend(ref.number for ref in item.footnote_refs)
        return numbers


@dataclass
class Heading:
    """A section (一.), sub-section (A.) or unnumbered sub-heading."""

    id: str
    level: Literal["section", "subsection", "subheading"]
    label: str | None  # 一 / A / a / None
    number: int | None  # section number for sections
    text: str
    section: str | None  # owning section id (for subsections and sub-headings)
    location: SourceLocation
    footnote_refs: list[FootnoteRef] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    source_lines: SourceLines = field(default_factory=list)


@dataclass
class Footnote:
    number: int
    text: str
    location: SourceLocation
    cited_in: str = ""  # id of the paragraph, item or heading whose text carries the marker
    references: list[Reference] = field(default_factory=list)
    terms: list[TermMatch] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    source_lines: SourceLines = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"fn{self.number}"


@dataclass(frozen=True)
class Artifact:
    """Something of the extraction, not of the text: recorded, never rendered as text."""

    line: int
    kind: str  # page-header, rule, link-annotation, dead-link, list-dash
    text: str


@dataclass
class SummaryParagraph:
    id: str
    text: str
    location: SourceLocation
    corrections: list[Correction] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    source_lines: SourceLines = field(default_factory=list)


@dataclass(frozen=True)
class FrontMatterLine:
    """A line of the cover page before the summary, with its role when recognised."""

    role: str  # organ, session, agenda, agenda-title, title, document-type, summary-heading, other
    text: str
    location: SourceLocation


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: dict[str, str]


@dataclass(frozen=True)
class Session:
    organ: str
    number: int
    zh: str


@dataclass
class Term:
    """A glossary entry (read from source_texts/glossary.yaml by the glossary transform)."""

    id: str
    zh: str
    variants: list[str]
    en: str
    abbr: str | None
    definition: dict[str, str]
    introduced: list[tuple[str, str]]  # (report slug, unit id: pN or fnN)
    location: SourceLocation | None = None

    @property
    def forms(self) -> list[str]:
        return [self.zh, *self.variants]


@dataclass
class Recommendation:
    """A checklist item: one item of a recommendations paragraph (filled by transforms.recommendations)."""

    id: str  # "a-71-1016:p44-a": unique in the corpus and stable across builds (browser storage key)
    report: str  # report slug
    paragraph: int  # paragraph number (its anchor is f"p{paragraph}")
    anchor: str  # the item's anchor on the report page: "p44-a", "p77-3"
    label: str  # the item's label: "a", "3"
    addressee: dict[str, str]  # language -> who is asked to act, as the lead names them: 所有会员国 / All Member States
    group: Literal["member_states", "intergovernmental", "united_nations", "other"]
    lead: str  # the lead sentence of the paragraph that names the addressee (Chinese)
    text: str  # the item's Chinese text
    location: SourceLocation


@dataclass(frozen=True)
class TranslatedUnit:
    """A unit's text in another language: ``[^N]`` marks footnotes; status says how far along."""

    text: str
    status: Literal["translated", "fuzzy", "missing"]


@dataclass
class Report:
    slug: str
    symbols: list[str]
    date: dt.date
    title: dict[str, str]
    document_type: dict[str, str]
    sessions: list[Session]
    agenda_items: list[AgendaItem]
    source_path: str
    front_matter: list[FrontMatterLine]
    summary: list[SummaryParagraph]
    body: list[Heading | Paragraph]  # in document order
    footnotes: list[Footnote]
    artifacts: list[Artifact]
    job_number: str | None = None
    recommendations: list[Recommendation] = field(default_factory=list)
    # language -> unit id -> translation (filled by transforms.translations)
    translations: dict[str, dict[str, TranslatedUnit]] = field(default_factory=dict)

    @property
    def symbol(self) -> str:
        """The joint symbol as the reports write it: ``A/71/1016–S/2017/556``."""
        return "–".join(self.symbols)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [block for block in self.body if isinstance(block, Paragraph)]

    @property
    def headings(self) -> list[Heading]:
        return [block for block in self.body if isinstance(block, Heading)]

    @property
    def sections(self) -> list[Heading]:
        return [h for h in self.headings if h.level == "section"]

    def footnote(self, number: int) -> Footnote:
        for note in self.footnotes:
            if note.number == number:
                return note
        raise KeyError(number)


@dataclass
class Corpus:
    reports: list[Report]
    terms: list[Term] = field(default_factory=list)

    def report(self, slug: str) -> Report:
        for report in self.reports:
            if report.slug == slug:
                return report
        raise KeyError(slug)
