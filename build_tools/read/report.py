"""Classified lines of one report -> ``model.Report``.

Input: the lines of ``zh.txt`` and its metadata. Output: a Report whose text is
joined back across hard wraps and page breaks, with footnote markers taken out
of the text and kept as positions, and every extraction artifact recorded with
its line. Broken input (numbering out of sequence, a marker without a footnote
body, …) raises ``InputError`` naming the line.

The two marker styles of the sources are recognised per file: superscript digits
(``…之害。¹ 我们``) or, in PDF extractions, plain digits glued to Chinese text at a
line end (``…之害。1``) whose bodies stand after a ``______`` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import InputError, SourceLocation
from ..model import (
    Artifact,
    Footnote,
    FootnoteRef,
    FrontMatterLine,
    Heading,
    Item,
    Paragraph,
    Report,
    SummaryParagraph,
)
from .lines import SUPERSCRIPT_DIGITS, SUPERSCRIPT_VALUE, Kind, Line, classify
from .metadata import Metadata
from .wrapping import is_closed, is_wide, separator

CHINESE_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SUMMARY_HEADING = "摘要"
# A sub-heading is short; a longer unpunctuated run before a paragraph is text.
MAX_HEADING_CHARS = 80

_DEAD_LINK = re.compile(r"\[([^\[\]\n]+)\]\(#\)")
_SUPERSCRIPT_RUN = re.compile(rf"[{SUPERSCRIPT_DIGITS}]+")
# Plain-digit marker: digits glued to Chinese text, then a space or the line end.
_PLAIN_MARKER = re.compile(r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”’])(\d{1,3})(?=\s|$)")


def chinese_numeral(label: str) -> int:
    if label == "十":
        return 10
    if label.startswith("十"):
        return 10 + CHINESE_NUMERALS[label[1]]
    if "十" in label:
        tens, _, ones = label.partition("十")
        return CHINESE_NUMERALS[tens] * 10 + (CHINESE_NUMERALS[ones] if ones else 0)
    return CHINESE_NUMERALS[label]


@dataclass
class _Segment:
    text: str
    markers: list[tuple[int, int]]  # (footnote number, offset in ``text``)
    line: int = 0  # the source line it came from


@dataclass
class _Block:
    """A block being assembled from one or more lines."""

    kind: str  # summary, section, subsection, subheading, labelled, paragraph, bullet, footnote
    first_line: int
    label: str = ""
    segments: list[_Segment] = field(default_factory=list)

    def add(self, segment: _Segment) -> None:
        self.segments.append(segment)

    def joined(self) -> tuple[str, list[FootnoteRef]]:
        text, refs, _lines = self.assembled()
        return text, refs

    def assembled(self) -> tuple[str, list[FootnoteRef], list[tuple[int, int]]]:
        """The joined text, its footnote markers, and where each source line's text starts."""
        text = ""
        refs: list[FootnoteRef] = []
        lines: list[tuple[int, int]] = []
        for segment in self.segments:
            if not segment.text and not segment.markers:
                continue
            glue = separator(text, segment.text) if segment.text else ""
            base = len(text) + len(glue)
            refs.extend(FootnoteRef(number, base + offset) for number, offset in segment.markers)
            if segment.text:
                lines.append((base, segment.line))
            text = text + glue + segment.text
        return text, refs, lines

    @property
    def text(self) -> str:
        return self.joined()[0]

    @property
    def closed(self) -> bool:
        return is_closed(self.text)


class ReportReader:
    """Reads one report. Use ``ReportReader(meta, lines, path).read()``."""

    def __init__(self, meta: Metadata, raw_lines: list[str], display_path: str) -> None:
        self.meta = meta
        self.path = display_path
        headers = set(meta.symbols)
        self.lines = [classify(n, raw, headers) for n, raw in enumerate(raw_lines, 1)]
        self.superscript_style = any(
            _SUPERSCRIPT_RUN.search(line.raw) for line in self.lines
        )
        self.artifacts: list[Artifact] = []
        self.blocks: list[_Block] = []
        self.front: list[Line] = []
        self.next_marker = 1
        self.next_body = 1
        self.marker_lines: dict[int, int] = {}
        self.in_footnote_zone = False

    def at(self, line: int) -> SourceLocation:
        return SourceLocation(self.path, line)

    # -- pass 1: lines -> blocks -------------------------------------------------

    def read(self) -> Report:
        phase = "front"
        for index, line in enumerate(self.lines):
            kind = line.kind
            if kind is Kind.BLANK:
                continue
            if kind is Kind.RULE:
                self.artifacts.append(Artifact(line.number, "rule", line.raw.strip()))
                self.in_footnote_zone = True
                continue
            if kind in (Kind.LINK_ANNOTATION, Kind.PAGE_HEADER, Kind.STRAY):
                self.artifacts.append(Artifact(line.number, kind.value, line.raw.strip()))
                self.in_footnote_zone = False
                continue
            if phase == "front" and kind is not Kind.SECTION:
                if line.text == SUMMARY_HEADING or line.raw.strip() == SUMMARY_HEADING:
                    self.front.append(line)
                    phase = "summary"
                    continue
                if phase == "front":
                    self.front.append(line)
                    continue
            if phase == "summary" and kind is not Kind.SECTION:
                self._summary_line(line)
                continue
            phase = "body"
            self._body_line(index, line)
        return self._build()

    def _summary_line(self, line: Line) -> None:
        current = self.blocks[-1] if self.blocks else None
        segment = self._segment(line, line.raw.strip())
        if current is None or (current.closed and line.indent > 0):
            self.blocks.append(_Block("summary", line.number))
            current = self.blocks[-1]
        current.add(segment)

    def _body_line(self, index: int, line: Line) -> None:
        kind = line.kind
        footnote = self._open_footnote()
        if kind is Kind.FOOTNOTE_SUP or (
            kind is Kind.NUMBERED
            and not self.superscript_style
            and self.in_footnote_zone
            and int(line.label) == self.next_body
        ):
            self._footnote_body(line)
            return
        if kind in (Kind.TEXT, Kind.NUMBERED):
            if footnote is not None:
                footnote.add(self._segment(line, line.raw.strip()))
                return
            self.in_footnote_zone = False
            self._text_line(index, line)
            return
        self.in_footnote_zone = False
        if kind is Kind.SECTION:
            self._new_block("section", line)
        elif kind is Kind.SUBSECTION:
            self._new_block("subsection", line)
        elif kind is Kind.PARAGRAPH:
            self._new_block("paragraph", line)
        elif kind is Kind.LABELLED:
            if line.dash:
                # Only the "- " belongs to the extraction; the item text is text.
                self.artifacts.append(Artifact(line.number, "list-dash", f"- ({line.label})"))
            self._new_block("labelled", line)
        elif kind is Kind.BULLET:
            self._new_block("bullet", line)

    def _open_footnote(self) -> _Block | None:
        if self.blocks and self.blocks[-1].kind == "footnote" and not self.blocks[-1].closed:
            return self.blocks[-1]
        return None

    def _footnote_body(self, line: Line) -> None:
        number = int(line.label)
        if number != self.next_body:
            raise InputError(
                self.at(line.number),
                f"footnote {number} out of sequence (expected footnote {self.next_body})",
                "numbering",
            )
        if number not in self.marker_lines:
            raise InputError(self.at(line.number), f"footnote {number} has no marker in the text before it",
                             "footnote-missing-marker")
        self.next_body += 1
        block = _Block("footnote", line.number, str(number))
        block.add(self._segment(line, line.text, markers=False))
        self.blocks.append(block)

    def _new_block(self, kind: str, line: Line) -> None:
        block = _Block(kind, line.number, line.label)
        block.add(self._segment(line, line.text))
        self.blocks.append(block)

    def _content_blocks(self) -> list[_Block]:
        return [b for b in self.blocks if b.kind != "footnote"]

    def _text_line(self, index: int, line: Line) -> None:
        content = self._content_blocks()
        current = content[-1] if content else None
        segment = self._segment(line, line.raw.strip())
        if current is not None and current.kind in ("paragraph", "labelled", "bullet"):
            if not current.closed:
                current.add(segment)
                return
        if current is not None and current.kind == "subheading":
            # _starts_heading vetted the whole run up to the next paragraph as heading.
            current.add(segment)
            return
        if self._starts_heading(index):
            block = _Block("subheading", line.number)
            block.add(segment)
            self.blocks.append(block)
            return
        if current is None:
            raise InputError(self.at(line.number), "text before the first heading or paragraph")
        current.add(segment)

    def _run_after(self, index: int) -> tuple[list[Line], Line | None]:
        """The TEXT lines from ``index`` on (blank lines skipped) and the line that ends them."""
        run: list[Line] = []
        for line in self.lines[index:]:
            if line.kind is Kind.BLANK:
                continue
            if line.kind in (Kind.TEXT, Kind.NUMBERED):
                run.append(line)
                continue
            return run, line
        return run, None

    def _starts_heading(self, index: int) -> bool:
        run, after = self._run_after(index)
        if after is None or after.kind not in (Kind.PARAGRAPH, Kind.SECTION, Kind.SUBSECTION, Kind.LABELLED):
            return False
        if any(is_closed(line.text) for line in run):
            return False
        return sum(len(line.text) for line in run) <= MAX_HEADING_CHARS

    def _segment(self, line: Line, text: str, markers: bool = True) -> _Segment:
        """Take dead links and footnote markers out of one line's text."""
        if "](#)" in text:
            for match in _DEAD_LINK.finditer(text):
                self.artifacts.append(Artifact(line.number, "dead-link", match.group(0)))
            text = _DEAD_LINK.sub(lambda m: m.group(1), text)
        if not markers:
            return _Segment(text, [], line.number)
        found: list[tuple[int, int]] = []
        out = ""
        pos = 0
        pattern = _SUPERSCRIPT_RUN if self.superscript_style else _PLAIN_MARKER
        for match in pattern.finditer(text):
            raw = match.group(0)
            number = int("".join(SUPERSCRIPT_VALUE.get(ch, ch) for ch in raw))
            if not self.superscript_style and number != self.next_marker:
                continue  # a plain number that is not the next marker is text
            if number != self.next_marker:
                raise InputError(
                    self.at(line.number),
                    f"footnote marker {number} out of sequence (expected marker {self.next_marker})",
                    "numbering",
                )
            self.marker_lines[number] = line.number
            self.next_marker += 1
            out += text[pos : match.start()]
            found.append((number, len(out)))
            pos = match.end()
            # "之害。¹ 我们": the space only set the marker off; Chinese takes none.
            if out and is_wide(out[-1]):
                while pos < len(text) and text[pos] == " ":
                    pos += 1
        out += text[pos:]
        if found and out.endswith(" "):
            out = out.rstrip()
        return _Segment(out, found, line.number)

    # -- pass 2: blocks -> model ---------------------------------------------------

    def _build(self) -> Report:
        meta = self.meta
        front = self._front_matter()
        summary: list[SummaryParagraph] = []
        body: list[Heading | Paragraph] = []
        footnotes: list[Footnote] = []
        section: Heading | None = None
        subsection: Heading | None = None
        paragraph: Paragraph | None = None
        pending: list[tuple[_Block, str]] = []  # sub-headings waiting for their paragraph number
        expected_paragraph = 1
        expected_section = 1
        seen_paragraphs: dict[int, int] = {}
        blocks = self.blocks
        for position, block in enumerate(blocks):
            text, refs, lines = block.assembled()
            where = self.at(block.first_line)
            if block.kind == "summary":
                summary.append(SummaryParagraph(f"summary-{len(summary) + 1}", text, where, source_lines=lines))
            elif block.kind == "footnote":
                footnotes.append(Footnote(int(block.label), text, where, source_lines=lines))
            elif block.kind == "section":
                number = chinese_numeral(block.label)
                if number != expected_section:
                    raise InputError(
                        where, f"section {block.label}. out of sequence (expected section {expected_section})",
                        "numbering",
                    )
                expected_section += 1
                section = Heading(f"s{number}", "section", block.label, number, text, None, where, refs,
                                  source_lines=lines)
                subsection = None
                paragraph = None
                body.append(section)
            elif block.kind == "subsection":
                if section is None:
                    raise InputError(where, f"sub-section {block.label}. outside any section")
                subsection = Heading(
                    f"{section.id}-{block.label.lower()}", "subsection", block.label, None, text,
                    section.id, where, refs, source_lines=lines,
                )
                paragraph = None
                body.append(subsection)
            elif block.kind == "subheading" or (
                block.kind == "labelled" and self._is_lettered_heading(block, blocks, position)
            ):
                label = block.label if block.kind == "labelled" else None
                heading = Heading("", "subheading", label, None, text,
                                  section.id if section else None, where, refs, source_lines=lines)
                pending.append((block, ""))
                body.append(heading)
                paragraph = None
            elif block.kind == "paragraph":
                number = int(block.label)
                if number in seen_paragraphs:
                    raise InputError(where, f"paragraph {number} repeated (first at line {seen_paragraphs[number]})",
                                     "numbering")
                if number != expected_paragraph:
                    raise InputError(
                        where, f"paragraph {number} out of sequence (expected paragraph {expected_paragraph})",
                        "numbering",
                    )
                seen_paragraphs[number] = block.first_line
                expected_paragraph += 1
                heading_id = self._assign_heading_ids(body, number)
                paragraph = Paragraph(
                    f"p{number}", number, section.id if section else "",
                    subsection.id if subsection else None, heading_id, text, refs, [], where,
                    source_lines=lines,
                )
                body.append(paragraph)
            elif block.kind in ("labelled", "bullet"):
                if paragraph is None:
                    raise InputError(where, f"list item {self._item_label(block)} outside a numbered paragraph")
                self._add_item(paragraph, block, text, refs, where)
                paragraph.items[-1].source_lines = lines
        if expected_paragraph == 1:
            raise InputError(self.at(len(self.lines)), "no numbered paragraph found (truncated file?)")
        self._check_complete(body)
        unplaced = [h for h in body if isinstance(h, Heading) and h.level == "subheading" and not h.id]
        if unplaced:
            raise InputError(unplaced[0].location, "sub-heading is not followed by any numbered paragraph")
        self._check_footnotes(footnotes)
        self._place_footnotes(body, footnotes)
        return Report(
            slug=meta.slug, symbols=list(meta.symbols), date=meta.date, title=dict(meta.title),
            document_type=dict(meta.document_type), sessions=list(meta.sessions),
            agenda_items=list(meta.agenda_items), source_path=self.path, front_matter=front,
            summary=summary, body=body, footnotes=footnotes,
            artifacts=sorted(self.artifacts, key=lambda a: (a.line, a.kind)),
            job_number=meta.job_number,
        )

    def _check_complete(self, body: list[Heading | Paragraph]) -> None:
        """A file cut short ends in the middle of a sentence or right after a heading."""
        last = body[-1]
        end = self.at(len(self.lines))
        if isinstance(last, Heading):
            raise InputError(end, f"file ends after heading '{last.text}' with no paragraph (truncated?)")
        text = last.items[-1].text if last.items else last.text
        if not re.search(r"[。！？.][”’」）)》]*$", text):
            raise InputError(end, f"file ends in the middle of paragraph {last.number} (truncated?)")

    def _is_lettered_heading(self, block: _Block, blocks: list[_Block], position: int) -> bool:
        """``(a) 确保国家的自主权`` before a paragraph is a heading; ``(a) …；`` is an item."""
        if block.closed or len(block.text) > MAX_HEADING_CHARS:
            return False
        for later in blocks[position + 1 :]:
            if later.kind == "footnote":
                continue
            return later.kind in ("paragraph", "section", "subsection")
        return False

    @staticmethod
    def _assign_heading_ids(body: list[Heading | Paragraph], number: int) -> str | None:
        """Sub-headings take the number of the paragraph they introduce: ``h-p19``."""
        waiting = []
        for block in reversed(body):
            if isinstance(block, Heading) and block.level == "subheading" and not block.id:
                waiting.append(block)
            else:
                break
        for count, heading in enumerate(reversed(waiting)):
            heading.id = f"h-p{number}" + (f"-{count + 1}" if count else "")
        if waiting:
            return waiting[0].id
        for block in reversed(body):
            if isinstance(block, Heading):
                return block.id if block.level == "subheading" else None
            if isinstance(block, Paragraph):
                return block.heading
        return None

    def _item_label(self, block: _Block) -> str:
        return f"({block.label})" if block.kind == "labelled" else "(bullet)"

    def _add_item(self, paragraph: Paragraph, block: _Block, text: str,
                  refs: list[FootnoteRef], where: SourceLocation) -> None:
        if block.kind == "labelled":
            letters = [i.label for i in paragraph.items if i.kind == "letter"]
            expected = chr(ord("a") + len(letters))
            if block.label != expected:
                raise InputError(
                    where,
                    f"item ({block.label}) of paragraph {paragraph.number} out of sequence (expected ({expected}))",
                    "numbering",
                )
            label, kind = block.label, "letter"
        else:
            label, kind = str(sum(1 for i in paragraph.items if i.kind == "bullet") + 1), "bullet"
        paragraph.items.append(Item(f"{paragraph.id}-{label}", label, kind, text, refs, where))

    def _check_footnotes(self, footnotes: list[Footnote]) -> None:
        bodies = {note.number for note in footnotes}
        for number, line in sorted(self.marker_lines.items()):
            if number not in bodies:
                raise InputError(self.at(line), f"footnote marker {number} has no footnote body",
                                 "footnote-missing-body")

    @staticmethod
    def _place_footnotes(body: list[Heading | Paragraph], footnotes: list[Footnote]) -> None:
        owner: dict[int, str] = {}
        for block in body:
            for ref in block.footnote_refs:
                owner[ref.number] = block.id
            if isinstance(block, Paragraph):
                for item in block.items:
                    for ref in item.footnote_refs:
                        owner[ref.number] = item.id
        for note in footnotes:
            note.cited_in = owner.get(note.number, "")

    def _front_matter(self) -> list[FrontMatterLine]:
        meta = self.meta

        def squeeze(text: str) -> str:
            return re.sub(r"\s+", "", text)

        title = squeeze(meta.title["zh"])
        doc_type = squeeze(meta.document_type["zh"])
        agenda_titles = {squeeze(a.title["zh"]) for a in meta.agenda_items}
        out: list[FrontMatterLine] = []
        found_title = False
        for line in self.front:
            text = line.raw.strip()
            compact = squeeze(text)
            if compact == title:
                role, found_title = "title", True
            elif compact == doc_type:
                role = "document-type"
            elif compact == SUMMARY_HEADING:
                role = "summary-heading"
            elif re.match(r"^(议程)?项目\d", compact):
                role = "agenda"
            elif "届会议" in compact or re.search(r"第[一二三四五六七八九十]+年", compact):
                role = "session"
            elif compact in ("大会", "安全理事会", "大会安全理事会"):
                role = "organ"
            elif any(compact and compact in t for t in agenda_titles) or compact in agenda_titles:
                role = "agenda-title"
            else:
                role = "other"
            out.append(FrontMatterLine(role, text, self.at(line.number)))
        if not found_title:
            where = self.at(self.front[0].number if self.front else 1)
            raise InputError(where, f"the title in meta.yaml ({meta.title['zh']}) is not a line of the cover page")
        return out
