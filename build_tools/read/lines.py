"""Source lines -> classified lines: what each line *is*, before any joining.

A line is classified by its own shape only; what it *means* (a wrap, a heading,
the rest of a paragraph cut by a page break) is decided by ``report.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    BLANK = "blank"
    RULE = "rule"  # the ______ rule above page-foot footnotes
    LINK_ANNOTATION = "link-annotation"  # http://undocs.org/... lines of a PDF extraction
    PAGE_HEADER = "page-header"  # running header: the document symbol, the job number
    SECTION = "section"  # 一. 导言
    SUBSECTION = "subsection"  # A. 鼓励
    PARAGRAPH = "paragraph"  # 24. …
    LABELLED = "labelled"  # (a) … : a list item or a lettered sub-heading
    BULLET = "bullet"  # U+F0B7 …
    FOOTNOTE_SUP = "footnote-sup"  # ¹ … : footnote body with a superscript number
    NUMBERED = "numbered"  # 1 … : maybe a footnote body (after a rule), maybe text
    STRAY = "stray-mark"  # a line holding only a list dash or bullet, no text
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source file
    kind: Kind
    raw: str  # the line as in the file, without its line end
    text: str  # the content after the structural prefix, stripped
    label: str = ""  # 24 / 一 / A / a / ¹ number / "-" prefix flag in ``dash``
    indent: int = 0
    dash: bool = False  # item written as "- (b)"


SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUPERSCRIPT_VALUE = {ch: str(i) for i, ch in enumerate(SUPERSCRIPT_DIGITS)}

_RULE = re.compile(r"^_{5,}$")
_LINK = re.compile(r"^https?://(?:www\.)?undocs\.org/\S*$")
_JOB_NUMBER = re.compile(r"^\d{2}-\d{5}\s*\([A-Z]\)(?:\s+\d+/\d+)?$")
_SECTION = re.compile(r"^([一二三四五六七八九十]+)[.．、]\s*(\S.*)$")
_SUBSECTION = re.compile(r"^([A-Z])[.．]\s+(\S.*)$")
_PARAGRAPH = re.compile(r"^(\d{1,3})[.．]\s+(\S.*)$")
_LABELLED = re.compile(r"^(-\s*)?[(（]([a-z])[)）]\s*(\S.*)$")
_BULLET = re.compile(r"^[\uf0b7•▪●◦]\s*(\S.*)$")
_FOOTNOTE_SUP = re.compile(rf"^([{SUPERSCRIPT_DIGITS}]+)\s*(\S.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_STRAY = re.compile(r"^[-*•\uf0b7]+$")


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def classify(number: int, raw: str, running_headers: set[str]) -> Line:
    """Classify one source line; ``running_headers`` are the report's own symbols."""
    text = raw.strip()
    indent = len(raw) - len(raw.lstrip())
    if not text:
        return Line(number, Kind.BLANK, raw, "", indent=indent)
    if _RULE.match(text):
        return Line(number, Kind.RULE, raw, text, indent=indent)
    if _STRAY.match(text):
        return Line(number, Kind.STRAY, raw, text, indent=indent)
    if _LINK.match(text):
        return Line(number, Kind.LINK_ANNOTATION, raw, text, indent=indent)
    if text in running_headers or _JOB_NUMBER.match(text):
        return Line(number, Kind.PAGE_HEADER, raw, text, indent=indent)
    if m := _SECTION.match(text):
        return Line(number, Kind.SECTION, raw, m.group(2).strip(), m.group(1), indent)
    if (m := _SUBSECTION.match(text)) and _has_han(m.group(2)):
        return Line(number, Kind.SUBSECTION, raw, m.group(2).strip(), m.group(1), indent)
    if m := _PARAGRAPH.match(text):
        return Line(number, Kind.PARAGRAPH, raw, m.group(2).strip(), m.group(1), indent)
    if m := _LABELLED.match(text):
        return Line(number, Kind.LABELLED, raw, m.group(3).strip(), m.group(2), indent,
                    dash=bool(m.group(1)))
    if m := _BULLET.match(text):
        return Line(number, Kind.BULLET, raw, m.group(1).strip(), "", indent)
    if m := _FOOTNOTE_SUP.match(text):
        value = "".join(SUPERSCRIPT_VALUE[ch] for ch in m.group(1))
        return Line(number, Kind.FOOTNOTE_SUP, raw, m.group(2).strip(), value, indent)
    if m := _NUMBERED.match(text):
        return Line(number, Kind.NUMBERED, raw, m.group(2).strip(), m.group(1), indent)
    return Line(number, Kind.TEXT, raw, text, indent=indent)
