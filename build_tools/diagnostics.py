"""Where things stand in the sources, and the error raised for bad input.

Every model node carries a ``SourceLocation``; every message about input reads
``path:line: what is wrong`` so that it can be found in an editor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SourceLocation:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class InputError(Exception):
    """Bad input: the build stops, names the place, and writes nothing.

    ``code`` says what kind of problem it is (one of ``FINDING_CODES``), so that
    ``python -m build_tools check`` can list it as a finding beside the softer ones.
    """

    def __init__(self, location: SourceLocation | str, message: str, code: str = "bad-input") -> None:
        self.location = location
        self.message = message
        self.code = code
        super().__init__(f"{location}: {message}")


# Kinds of source problems (``check`` findings and the ``resolves`` of an erratum).
FINDING_CODES = (
    "bad-input",  # the file cannot be read as a report at all (empty, encoding, truncated, metadata)
    "numbering",  # paragraphs, sections, items or footnotes out of sequence or repeated
    "footnote-missing-body",  # a footnote marker without a footnote text
    "footnote-missing-marker",  # a footnote text without a marker
    "heading-numbering",  # lettered sub-sections or sub-headings out of sequence
    "erratum",  # an erratum that cannot be applied
    "foreign-script",  # a Latin, Cyrillic, … word inside Chinese text
    "half-width-punctuation",  # , ; : where the document writes ， ； ：
    "dead-link",  # a [text](#) link without target
    "wrong-link",  # a link annotation whose target is not cited in the text around it
    "resolution-date",  # a year that cannot be the year of the resolution it dates
    "resolution-prefix",  # a resolution number written with a document prefix (A/63/308)
    "pages-for-paragraphs",  # 页 (pages) cited where paragraphs (段) are meant
)
