"""Source quality report: what is wrong or doubtful in the source texts, found mechanically.

Stage: after reading (and the errata transform). Input: the model only, never the raw
files: every unit knows which source line each stretch of its text came from
(``source_lines``), the extraction artifacts (link annotations, dead links, …) are
recorded with their lines, and every editorial correction sits on its unit with the
source reading. Output: ``Finding``s with file, line, code and status (``open``, or
``corrected`` by an erratum). One function per kind of finding; ``find_issues``
runs them all. Used by ``python -m build_tools check`` (``run_check``, which also turns
a report the reader refuses into a finding) and by the "About the texts" page.
"""

from __future__ import annotations

import difflib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import InputError, SourceLocation
from .model import Corpus, Correction, Heading, Report, SourceLines
from .read import display_path, read_report, report_folders
from .read.wrapping import is_cjk_punct, is_han, is_wide
from .transforms.errata import apply_to_report, errata_path, load_errata, source_reading
from .transforms.references import PARAGRAPHS, RESOLUTION_NUMBER, RESOLUTIONS, SYMBOL, _organ_before

# -- the model seen as units of source text -----------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One unit of a report as its source reads (corrections undone), with its lines."""

    report: str  # slug
    symbol: str  # the report's symbol
    path: str  # the source file as messages show it
    id: str
    kind: str  # summary, heading, paragraph, item, footnote
    text: str
    lines: tuple[tuple[int, int], ...]
    corrections: tuple[Correction, ...]
    first_line: int
    paragraph: int | None = None  # number of the paragraph (paragraphs and their items)

    def line_at(self, offset: int) -> int:
        line = self.first_line
        for start, number in self.lines:
            if start > offset:
                break
            line = number
        return line

    @property
    def last_line(self) -> int:
        return max([number for _start, number in self.lines] or [self.first_line])


def units_of(report: Report) -> list[Unit]:
    """Every text unit of a report in document order (summary, body, footnotes)."""
    out: list[Unit] = []

    def add(node, kind: str, paragraph: int | None = None) -> None:
        lines: SourceLines = node.source_lines
        out.append(Unit(report.slug, report.symbol, report.source_path, node.id, kind,
                        source_reading(node.text, node.corrections), tuple(lines),
                        tuple(node.corrections), node.location.line, paragraph))

    for summary in report.summary:
        add(summary, "summary")
    for block in report.body:
        if isinstance(block, Heading):
            add(block, "heading")
        else:
            add(block, "paragraph", block.number)
            for item in block.items:
                add(item, "item", block.number)
    for note in report.footnotes:
        add(note, "footnote")
    return out


def _is_chinese(text: str) -> bool:
    return sum(1 for ch in text if is_han(ch)) >= 2


# -- findings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One problem of a source: where, what (``code`` and message parameters), and status."""

    path: str
    line: int
    severity: str  # error (the text cannot be read) or warning
    code: str
    params: tuple[tuple[str, str], ...] = ()
    report: str | None = None  # slug
    units: tuple[str, ...] = ()  # unit ids concerned, in order
    status: str = "open"  # open, corrected
    corrections: tuple[int, ...] = ()  # numbers of the corrections that resolve it

    @property
    def args(self) -> dict[str, str]:
        return dict(self.params)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.code, self.params)


@dataclass(frozen=True)
class Hit:
    """A finding inside one unit, at ``[start, end)`` of its source reading."""

    unit: Unit
    start: int
    end: int
    code: str
    params: dict[str, str] = field(default_factory=dict)


def _resolving(unit: Unit, code: str, start: int, end: int) -> Correction | None:
    """The correction of ``unit`` that resolves a ``code`` finding at ``[start, end)``."""
    for correction in unit.corrections:
        c_start, c_end = correction.source_start, correction.source_start + len(correction.source)
        if code in correction.codes and c_start < end and start < c_end:
            return correction
    return None


def _finding(hit: Hit) -> Finding:
    unit = hit.unit
    correction = _resolving(unit, hit.code, hit.start, hit.end)
    return Finding(unit.path, unit.line_at(hit.start), "warning", hit.code, tuple(sorted(hit.params.items())),
                   unit.report, (unit.id,), "corrected" if correction else "open",
                   (correction.number,) if correction else ())


# -- foreign script -----------------------------------------------------------------------

# Latin words that Chinese UN texts print as they are: names of online platforms and file
# formats with no established Chinese form in UN usage (they come up in reports on
# incitement and hate speech online), and units of measurement. Single capital letters are
# labels (附件 A, 支柱 B) and also allowed. Any other Latin word inside Chinese running
# text is a leftover of translation or editing, such as the stray "and" of A/71/1016,
# paragraph 24. No word of any other script is allowed: Chinese UN texts never leave one.
ALLOWED_LATIN = frozenset({"Facebook", "Twitter", "WhatsApp", "YouTube", "Telegram", "Instagram", "TikTok",
                           "PDF", "km", "kg"})

# Stretches where Latin letters are expected: URLs, document and resolution symbols,
# labels such as (a) or target 16.a.
_URL = re.compile(r"(?:https?://|www\.)[!-~]+")
_RES_SYMBOL = re.compile(r"(?<![\w/])(?:A|S|A/HRC)/RES/[\w/().]+")
_LABEL = re.compile(r"[(（][A-Za-z][)）]|(?<=\d\.)[a-z]\b")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN", "DEVANAGARI", "THAI",
            "HANGUL", "HIRAGANA", "KATAKANA")


def _script(ch: str) -> str | None:
    """The script of a letter that is not Chinese (``None`` for Han, full-width forms, non-letters)."""
    if not ch.isalpha() or is_han(ch) or is_cjk_punct(ch):
        return None
    name = unicodedata.name(ch, "")
    if name.startswith(("FULLWIDTH", "HALFWIDTH", "CJK")):
        return None
    for script in _SCRIPTS:
        if name.startswith(script):
            return script.lower()
    return "other"


def _spans(patterns: Iterable[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(text)]


def _words(text: str) -> list[tuple[int, int, str]]:
    """Runs of letters of one non-Chinese script (with inner ' - . and digits)."""
    words: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        script = _script(text[i])
        if script is None:
            i += 1
            continue
        j = i + 1
        while j < len(text) and (
            _script(text[j]) == script or text[j].isdigit()
            or (text[j] in "'’-." and j + 1 < len(text) and _script(text[j + 1]) == script)
        ):
            j += 1
        words.append((i, j, script))
        i = j
    return words


def _foreign_phrases(text: str) -> list[tuple[int, int, str, int]]:
    """(start, end, script, word count) of the foreign words that are not expected there;
    words of one script separated only by spaces make one phrase."""
    expected = _spans((_URL, SYMBOL, _RES_SYMBOL, _LABEL), text)
    phrases: list[tuple[int, int, str, int]] = []
    for start, end, script in _words(text):
        word = text[start:end]
        if any(a <= start and end <= b for a, b in expected) or (
            script == "latin" and (word in ALLOWED_LATIN or (len(word) == 1 and word.isupper()))
        ):
            continue
        if phrases:
            p_start, p_end, p_script, count = phrases[-1]
            if p_script == script and not text[p_end:start].strip():
                phrases[-1] = (p_start, end, script, count + 1)
                continue
        phrases.append((start, end, script, 1))
    return phrases


def find_foreign_script(units: list[Unit]) -> list[Hit]:
    hits: list[Hit] = []
    for unit in units:
        if not _is_chinese(unit.text):
            continue
        for start, end, script, count in _foreign_phrases(unit.text):
            hits.append(Hit(unit, start, end, "foreign-script",
                            {"script": script, "text": unit.text[start:end], "words": str(count)}))
    return hits


# -- half-width punctuation ---------------------------------------------------------------

FULL_WIDTH = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}


def _half_width_marks(text: str) -> list[int]:
    """Offsets of half-width , ; : ! ? that stand in Chinese text (next to Chinese)."""
    urls = _spans((_URL,), text)
    out = []
    for i, ch in enumerate(text):
        if ch not in FULL_WIDTH or any(a <= i < b for a, b in urls):
            continue
        before = text[:i].rstrip()[-1:]
        after = text[i + 1 :].lstrip()[:1]
        if (before and is_wide(before)) or (after and is_han(after)):
            out.append(i)
    return out


def find_half_width(units: list[Unit]) -> list[Finding]:
    """Half-width punctuation in a document that otherwise writes full-width, one finding
    per run of consecutive paragraphs (or per other unit), not per character."""
    marks = {unit.id: _half_width_marks(unit.text) for unit in units}
    half = sum(len(m) for m in marks.values())
    full = sum(unit.text.count(ch) for unit in units for ch in FULL_WIDTH.values())
    if not half or full <= half:
        return []  # a document that writes half-width throughout is consistent, if unusual
    findings: list[Finding] = []
    for status in ("open", "corrected"):
        groups: list[list[tuple[Unit, list[int], list[Correction]]]] = []
        for unit in units:
            chosen, fixes = [], []
            for offset in marks[unit.id]:
                correction = _resolving(unit, "half-width-punctuation", offset, offset + 1)
                if (correction is not None) == (status == "corrected"):
                    chosen.append(offset)
                    if correction is not None:
                        fixes.append(correction)
            if not chosen:
                continue
            last = groups[-1][-1][0] if groups else None
            joins = (last is not None and unit.paragraph is not None and last.paragraph is not None
                     and unit.paragraph - last.paragraph in (0, 1) and last.report == unit.report)
            if joins:
                groups[-1].append((unit, chosen, fixes))
            else:
                groups.append([(unit, chosen, fixes)])
        for group in groups:
            first_unit, first_marks, _fixes = group[0]
            chars = sorted({u.text[i] for u, offsets, _f in group for i in offsets})
            count = sum(len(offsets) for _u, offsets, _f in group)
            numbers = sorted({c.number for _u, _o, fixes in group for c in fixes})
            findings.append(Finding(
                first_unit.path, first_unit.line_at(first_marks[0]), "warning", "half-width-punctuation",
                (("count", str(count)), ("full", " ".join(FULL_WIDTH[c] for c in chars)),
                 ("half", " ".join(chars))),
                first_unit.report, tuple(u.id for u, _o, _f in group), status, tuple(numbers)))
    return findings


# -- links of the extraction --------------------------------------------------------------


def _unit_at_line(units: list[Unit], line: int) -> Unit | None:
    for unit in units:
        if any(number == line for _start, number in unit.lines) or unit.first_line == line:
            return unit
    return None


def find_dead_links(report: Report, units: list[Unit]) -> list[Finding]:
    """``[A/70/621-S/2015/978](#)``: a link of the source that points nowhere."""
    out = []
    for artifact in report.artifacts:
        if artifact.kind != "dead-link":
            continue
        unit = _unit_at_line(units, artifact.line)
        out.append(Finding(report.source_path, artifact.line, "warning", "dead-link",
                           (("text", artifact.text),), report.slug, (unit.id,) if unit else ()))
    return out


_ANNOTATION = re.compile(r"^https?://(?:www\.)?undocs\.org/(?:[a-z]{2}/)?(\S+)$")


def _cited_symbols(text: str) -> set[str]:
    """Every document and resolution symbol a text cites, in the form undocs.org uses."""
    found: set[str] = set()
    for match in SYMBOL.finditer(text):
        found.update(part for part in match.groups() if part)
    for match in RESOLUTIONS.finditer(text):
        organ = _organ_before(text, match.start())
        for number in RESOLUTION_NUMBER.finditer(match.group(0)):
            value = re.sub(r"\s+", "", number.group(0))
            if "(" in value:
                found.add(f"S/RES/{value}")
            elif organ == "human_rights_council":
                found.add(f"A/HRC/RES/{value.removeprefix('A/')}")
            else:
                found.add(f"A/RES/{value.removeprefix('A/')}")
    return found


def _likely_meant(symbol: str, cited: set[str]) -> str | None:
    """A cited symbol that a wrongly built link target was probably made from:
    A/RES/11/393 <- S/2011/393 (same number, year cut to two digits)."""
    numbers = re.findall(r"\d+", symbol)
    if len(numbers) < 2:
        return None
    for candidate in sorted(cited):
        theirs = re.findall(r"\d+", candidate)
        if len(theirs) >= 2 and theirs[-1] == numbers[-1] and theirs[-2].endswith(numbers[-2]):
            return candidate
    return None


def find_wrong_links(report: Report, units: list[Unit]) -> list[Finding]:
    """Link annotation lines (``http://undocs.org/ch/A/RES/63/677``) stand after the page
    whose links they list; each should name a symbol that the text of that page cites."""
    annotations = sorted((a for a in report.artifacts if a.kind == "link-annotation"), key=lambda a: a.line)
    out: list[Finding] = []
    page_start = 1
    previous = 0
    for artifact in annotations:
        if artifact.line != previous + 1:  # a new block: the page runs from the last block to here
            window = (page_start, artifact.line)
            text = "\n".join(u.text for u in units
                             if u.first_line <= window[1] and u.last_line >= window[0])
            cited = _cited_symbols(text)
        previous = artifact.line
        page_start = artifact.line + 1
        match = _ANNOTATION.match(artifact.text)
        if match is None:
            continue
        symbol = match.group(1)
        if symbol in cited:
            continue
        meant = _likely_meant(symbol, cited)
        params = [("url", artifact.text), ("symbol", symbol)]
        if meant:
            params.append(("meant", meant))
        out.append(Finding(report.source_path, artifact.line, "warning", "wrong-link", tuple(params),
                           report.slug))
    return out


# -- numbering ------------------------------------------------------------------------------


def find_heading_numbering(report: Report) -> list[Finding]:
    """Sub-sections A., B., … of a section and runs of lettered sub-headings (a), (b), …
    must each count up from the start without gaps or repeats. (Paragraphs, sections,
    items and footnotes out of sequence stop the reader; ``check`` lists those too.)"""
    out: list[Finding] = []
    expected_sub = "A"
    expected_letter = "a"
    for heading in report.headings:
        if heading.level == "section":
            expected_sub, expected_letter = "A", "a"
            continue
        if heading.level == "subsection":
            label = heading.label or ""
            if label != expected_sub:
                out.append(Finding(report.source_path, heading.location.line, "warning", "heading-numbering",
                                   (("found", f"{label}."), ("expected", f"{expected_sub}.")),
                                   report.slug, (heading.id,)))
            expected_sub = chr(ord(label) + 1) if len(label) == 1 else expected_sub
            expected_letter = "a"
            continue
        if not heading.label:
            expected_letter = "a"  # an unlettered sub-heading ends a lettered run
            continue
        if heading.label != expected_letter:
            out.append(Finding(report.source_path, heading.location.line, "warning", "heading-numbering",
                               (("found", f"({heading.label})"), ("expected", f"({expected_letter})")),
                               report.slug, (heading.id,)))
        expected_letter = chr(ord(heading.label) + 1)
    return out


# -- dates and numbers --------------------------------------------------------------------

# A year that dates what follows ("2016 年，大会在第 60/251 号决议中"), not a "since" or "before".
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?!\s*(?:以来|起|以后|之后|以前|之前|前|后|底|初|至))")
_SENTENCE_END = "。；！？"


def _year_before(text: str, start: int, resolutions: list[tuple[int, int]]) -> re.Match[str] | None:
    """The last year in the same sentence before ``start`` that no other resolution stands
    between, outside any 《title》."""
    sentence = max(text.rfind(ch, 0, start) for ch in _SENTENCE_END) + 1
    best = None
    for match in _YEAR.finditer(text, sentence, start):
        if text.count("《", sentence, match.start()) > text.count("》", sentence, match.start()):
            continue
        best = match
    if best is None or any(best.end() <= a < start for a, _b in resolutions):
        return None
    return best


def find_resolution_dates(units: list[Unit]) -> list[Hit]:
    """A GA resolution N/x is adopted at session N (September 1945+N to September 1946+N);
    a Security Council resolution carries its year. A year dating it otherwise is suspicious."""
    hits: list[Hit] = []
    for unit in units:
        text = unit.text
        numbers: list[tuple[int, int, str, str]] = []  # start, end, number text, organ
        for match in RESOLUTIONS.finditer(text):
            organ = _organ_before(text, match.start())
            for number in RESOLUTION_NUMBER.finditer(match.group(0)):
                numbers.append((match.start() + number.start(), match.start() + number.end(), number.group(0), organ))
        spans = [(s, e) for s, e, _n, _o in numbers]
        for start, _end, number, organ in numbers:
            year = _year_before(text, start, spans)
            if year is None:
                continue
            said = int(year.group(1))
            sc = re.fullmatch(r"(\d{3,4})\s*\((\d{4})\)", number)
            if sc:
                if said != int(sc.group(2)):
                    hits.append(Hit(unit, year.start(1), year.end(1), "resolution-date",
                                    {"resolution": f"{sc.group(1)}({sc.group(2)})", "year": str(said),
                                     "years": sc.group(2)}))
                continue
            if organ != "general_assembly":
                continue  # other organs' sessions do not follow one calendar rule
            session = int(number.removeprefix("A/").split("/")[0])
            first, last = 1945 + session, 1946 + session
            if not first <= said <= last:
                hits.append(Hit(unit, year.start(1), year.end(1), "resolution-date",
                                {"resolution": number.removeprefix("A/"), "year": str(said),
                                 "session": str(session), "years": f"{first}–{last}"}))
    return hits


_PREFIXED = re.compile(r"(?<![\w/])A/(\d{1,2}/\d{1,4})(?![\w/])")


def find_resolution_prefix(units: list[Unit]) -> list[Hit]:
    """``第 A/63/308 号决议``: a GA resolution is cited by its number (63/308); A/63/308
    would be a document symbol (the resolution's symbol is A/RES/63/308)."""
    hits: list[Hit] = []
    for unit in units:
        for match in RESOLUTIONS.finditer(unit.text):
            for prefixed in _PREFIXED.finditer(match.group(0)):
                start = match.start() + prefixed.start()
                hits.append(Hit(unit, start, match.start() + prefixed.end(), "resolution-prefix",
                                {"text": prefixed.group(0), "number": prefixed.group(1)}))
    return hits


_PAGES = re.compile(r"第\s*(\d{1,4})(?:\s*(?:-|–|至)\s*(\d{1,4}))?\s*页")
_NAME_WINDOW = 30  # characters before a citation that name the document it cites
_MIN_COMMON_NAME = 6  # Han characters two names must share to be the same document


def _name_before(text: str, start: int) -> str:
    return "".join(ch for ch in text[max(0, start - _NAME_WINDOW) : start] if is_han(ch))


def _numbers(first: str, last: str | None) -> set[int]:
    a, b = int(first), int(last) if last else int(first)
    return set(range(a, b + 1)) if 0 <= b - a < 100 else {a, b}


def find_pages_for_paragraphs(units: list[Unit], corpus_units: list[Unit]) -> list[Hit]:
    """``成果文件第 138-140 页``: pages of a document whose paragraphs with those numbers are
    cited elsewhere in the corpus (``《成果》第 138 段``) are probably paragraphs."""
    paragraph_citations: list[tuple[Unit, str, set[int]]] = []
    for unit in corpus_units:
        for match in PARAGRAPHS.finditer(unit.text):
            numbers = _numbers(match.group(1), match.group(3))
            paragraph_citations.append((unit, _name_before(unit.text, match.start()), numbers))
    hits: list[Hit] = []
    ordered: dict[str, list[tuple[Unit, str, set[int]]]] = {}  # per report: sorted once, not per unit
    for unit in units:
        # The report's own citations first, then the other reports' (in name order): the
        # finding names the same place whatever order the corpus lists its reports in.
        if unit.report not in ordered:
            ordered[unit.report] = sorted(paragraph_citations, key=lambda c: (c[0].report != unit.report, c[0].report))
        candidates = ordered[unit.report]
        for match in _PAGES.finditer(unit.text):
            pages = _numbers(match.group(1), match.group(2))
            name = _name_before(unit.text, match.start())
            for other, other_name, numbers in candidates:
                if not pages & numbers:
                    continue
                common = difflib.SequenceMatcher(None, name, other_name, autojunk=False).find_longest_match(
                    0, len(name), 0, len(other_name))
                if common.size >= _MIN_COMMON_NAME:
                    hits.append(Hit(unit, match.start(), match.end(), "pages-for-paragraphs",
                                    {"text": match.group(0), "document": name[common.a : common.a + common.size],
                                     "elsewhere": other.symbol, "elsewhere_unit": other.id}))
                    break
    return hits


# -- all of it ---------------------------------------------------------------------------------


def _unmatched_corrections(report_units: list[Unit], findings: list[Finding]) -> list[Finding]:
    """Corrections no detector's finding points to still belong in the report, as corrected."""
    used = {(f.report, n) for f in findings for n in f.corrections}
    out = []
    for unit in report_units:
        for correction in unit.corrections:
            if (unit.report, correction.number) in used:
                continue
            out.append(Finding(unit.path, unit.line_at(correction.source_start), "warning", correction.codes[0],
                               (("corrected", correction.corrected), ("erratum", "yes"),
                                ("source", correction.source)),
                               unit.report, (unit.id,), "corrected", (correction.number,)))
    return out


def report_findings(report: Report, corpus_units: list[Unit]) -> list[Finding]:
    """Every finding of one report (the model after the errata transform)."""
    units = [u for u in corpus_units if u.report == report.slug]
    hits = [
        *find_foreign_script(units),
        *find_resolution_dates(units),
        *find_resolution_prefix(units),
        *find_pages_for_paragraphs(units, corpus_units),
    ]
    findings = [_finding(hit) for hit in hits]
    findings += find_half_width(units)
    findings += find_dead_links(report, units)
    findings += find_wrong_links(report, units)
    findings += find_heading_numbering(report)
    findings += _unmatched_corrections(units, findings)
    return sorted(findings, key=lambda f: f.sort_key)


def find_issues(corpus: Corpus) -> list[Finding]:
    """All findings of a corpus that has been read (pure: reads nothing)."""
    corpus_units = [unit for report in corpus.reports for unit in units_of(report)]
    findings = [f for report in corpus.reports for f in report_findings(report, corpus_units)]
    return sorted(findings, key=lambda f: f.sort_key)


# -- the check command ---------------------------------------------------------------------


def _error_finding(error: InputError, report: str | None) -> Finding:
    location = error.location
    if isinstance(location, SourceLocation):
        path, line = location.path, location.line
    else:
        path, _, line_text = str(location).rpartition(":")
        path, line = (path, int(line_text)) if line_text.isdigit() else (str(location), 1)
    return Finding(path, line, "error", error.code, (("message", error.message),), report)


def check_source(source_dir: Path) -> list[Finding]:
    """Read every report as the build would; a report the reader or its errata refuse
    becomes an error finding instead of stopping the check."""
    findings: list[Finding] = []
    try:
        folders = report_folders(source_dir)
    except InputError as error:
        return [_error_finding(error, None)]
    reports: list[Report] = []
    for folder in folders:
        try:
            report = read_report(folder)
        except InputError as error:
            findings.append(_error_finding(error, folder.name))
            continue
        path = errata_path(source_dir, report.slug)
        if path.is_file():
            try:
                apply_to_report(report, load_errata(path))
            except InputError as error:
                findings.append(_error_finding(error, report.slug))
                report = read_report(folder)  # check the text as read, without half-made corrections
        reports.append(report)
    return sorted(findings + find_issues(Corpus(reports)), key=lambda f: f.sort_key)


def format_finding(finding: Finding, describe: Callable[[Finding], str], where: Callable[[Finding], str]) -> str:
    """``path:line: warning[code]: message (where) [status]`` — one line, sortable."""
    place = where(finding)
    place = f" ({place})" if place else ""
    message = " ".join(describe(finding).split())
    return f"{finding.path}:{finding.line}: {finding.severity}[{finding.code}]: {message}{place} [{finding.status}]"


def run_check(source: Path, strict: bool = False) -> int:
    """Print the findings; exit 1 on an unreadable source (or, with ``strict``, any open finding)."""
    from .render.quality_page import describe, where

    findings = check_source(source)

    def english(text: str) -> str:
        return text

    for finding in findings:
        print(format_finding(finding, lambda f: describe(f, english), lambda f: where(f, english)))
    open_count = sum(1 for f in findings if f.status == "open")
    errors = sum(1 for f in findings if f.severity == "error")
    shown = display_path(source)
    print(f"{shown}: {len(findings)} findings, {open_count} open, {len(findings) - open_count} corrected, "
          f"{errors} errors", file=sys.stderr)
    if errors or (strict and open_count):
        return 1
    return 0
