"""Transform: read the curated glossary and find its terms in the text.

Input: ``source_texts/glossary.yaml`` (reviewed by people) and the model. Output:
``corpus.terms`` and ``TermMatch`` lists on paragraphs, items and footnotes.

Matching is leftmost-longest over all forms of all terms, so 危害人类罪 is one
occurrence of "crimes against humanity" and never also of a shorter form inside it;
variants fold into their entry. A digit next to a Han character may be written with
or without a space (``2005 年`` / ``2005年``), as the reports do both.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..diagnostics import InputError, SourceLocation
from ..model import Corpus, Term, TermMatch
from ..read.metadata import yaml_error_line, yaml_problem

GLOSSARY_FILE = "glossary.yaml"


def spaced_pattern(form: str) -> str:
    out = []
    for i, ch in enumerate(form):
        out.append(re.escape(ch))
        if i + 1 < len(form):
            nxt = form[i + 1]
            if (ch.isdigit() and not nxt.isascii()) or (not ch.isascii() and nxt.isdigit()):
                out.append(r"\s?")
    return "".join(out)


class TermMatcher:
    """All forms of all terms, matched leftmost-longest (as one alternation of the forms,
    longest first, would match with ``re.finditer``).

    Why not that alternation itself: Python's regex engine tries every form at every
    character (about 1 ms per paragraph). A form can only start at its own first
    character, so the text is scanned for the characters that start a form, and only the
    forms starting with that character are tried there, longest first."""

    def __init__(self, terms: list[Term]) -> None:
        forms = [(form, term.id) for term in terms for form in term.forms]
        forms.sort(key=lambda pair: len(pair[0]), reverse=True)
        self.by_form = {form: term_id for form, term_id in forms}
        self.patterns = [(re.compile(spaced_pattern(form)), term_id) for form, term_id in forms]
        by_first: dict[str, list[int]] = {}
        for index, (form, _term_id) in enumerate(forms):
            by_first.setdefault(form[0], []).append(index)
        self.by_first = {char: tuple(indexes) for char, indexes in by_first.items()}
        self.starts = re.compile("[" + "".join(re.escape(c) for c in by_first) + "]") if by_first else None

    def find(self, text: str) -> list[TermMatch]:
        if self.starts is None:
            return []
        found: list[TermMatch] = []
        end = 0
        for start in self.starts.finditer(text):
            at = start.start()
            if at < end:
                continue
            for index in self.by_first[start.group()]:
                pattern, term_id = self.patterns[index]
                m = pattern.match(text, at)
                if m:
                    found.append(TermMatch(term_id, m.start(), m.end()))
                    end = m.end()
                    break
        return found


def load_glossary(source_dir: Path) -> list[Term]:
    path = source_dir / GLOSSARY_FILE
    shown = str(path)
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    try:
        # libyaml's loader when PyYAML has it: same result, several times faster.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise InputError(SourceLocation(shown, yaml_error_line(exc)), f"not valid YAML: {yaml_problem(exc)}") from None
    entries = data.get("terms") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(SourceLocation(shown, 1), "expected a mapping with a list 'terms'")

    # Line of each entry ("- id: …"), found once: looking each id up in all lines was
    # quadratic in the size of the glossary.
    entry_lines: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        m = re.match(r"\s*-\s*id:\s*(.*?)\s*$", line)
        if m:
            entry_lines.setdefault(m.group(1), number)

    def line_of(term_id: str) -> int:
        return entry_lines.get(str(term_id), 1)

    terms: list[Term] = []
    owner: dict[str, str] = {}
    for entry in entries:
        term_id = entry.get("id") if isinstance(entry, dict) else None
        where = SourceLocation(shown, line_of(term_id) if term_id else 1)
        if not isinstance(term_id, str) or not re.fullmatch(r"[a-z0-9-]+", term_id):
            raise InputError(where, f"term id must be lower-case ASCII with hyphens, got {term_id!r}")
        for key in ("zh", "en"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise InputError(where, f"term '{term_id}': field '{key}' must be non-empty text")
        definition = entry.get("definition")
        if not isinstance(definition, dict) or not all(isinstance(definition.get(k), str) for k in ("zh", "en")):
            raise InputError(where, f"term '{term_id}': 'definition' must give 'zh' and 'en' text")
        variants = entry.get("variants") or []
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise InputError(where, f"term '{term_id}': 'variants' must be a list of text")
        for form in [entry["zh"], *variants]:
            if form in owner:
                raise InputError(where, f"term '{term_id}': form {form} already belongs to term '{owner[form]}'")
            owner[form] = term_id
        introduced = []
        for ref in entry.get("introduced") or []:
            if not isinstance(ref, dict) or not isinstance(ref.get("report"), str) or not isinstance(
                    ref.get("ref"), str):
                raise InputError(where, f"term '{term_id}': 'introduced' entries need 'report' and 'ref'")
            introduced.append((ref["report"], ref["ref"]))
        abbr = entry.get("abbr")
        terms.append(Term(term_id, entry["zh"], list(variants), entry["en"], abbr if isinstance(abbr, str) else None,
                          {"zh": definition["zh"], "en": definition["en"]}, introduced, where))
    ids = [t.id for t in terms]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        first = sorted(duplicates)[0]
        raise InputError(SourceLocation(shown, line_of(first)), f"term id repeated: {first}")
    return terms


def tag_terms(corpus: Corpus, source_dir: Path) -> None:
    corpus.terms = load_glossary(source_dir)
    matcher = TermMatcher(corpus.terms)
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            paragraph.terms = matcher.find(paragraph.text)
            for item in paragraph.items:
                item.terms = matcher.find(item.text)
        for note in report.footnotes:
            note.terms = matcher.find(note.text)
    _check_introduced(corpus)


def _check_introduced(corpus: Corpus) -> None:
    """An 'introduced' reference must name a unit that really contains the term."""
    units: dict[tuple[str, str], set[str]] = {}
    for report in corpus.reports:
        for paragraph in report.paragraphs:
            found = {m.term for m in paragraph.terms}
            for item in paragraph.items:
                found |= {m.term for m in item.terms}
            units[(report.slug, paragraph.id)] = found
        for note in report.footnotes:
            units[(report.slug, note.id)] = {m.term for m in note.terms}
    for term in corpus.terms:
        for slug, ref in term.introduced:
            if (slug, ref) not in units:
                raise InputError(term.location, f"term '{term.id}': introduced in {slug} {ref}, which does not exist")
            if term.id not in units[(slug, ref)]:
                raise InputError(term.location, f"term '{term.id}': {slug} {ref} does not contain the term")
