"""Glossary terms -> marked spans in a unit's text (Chinese matches come from the model;
English ones are found in our translation with the glossary's English forms)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Term, TermMatch
from .inline import Span

GLOSSARY_PAGE = "glossary.md"


def _en_forms(en: str, abbr: str | None) -> list[tuple[str, bool]]:
    """(form, case-sensitive): the English term, its singular/plural, and the abbreviation."""
    forms = [(en, False)]
    if en.endswith("s") and not en.endswith("ss"):
        forms.append((en[:-1], False))
    elif not en.endswith("s"):
        forms.append((en + "s", False))
    if abbr:
        forms.append((abbr, True))
    return forms


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Matcher:
    """The English forms of the glossary, each its own pattern, indexed by their first word.

    Why not one alternation of all forms: Python's regex engine then tries every form at
    every character of the text (about 9 ms per paragraph with ~190 forms, most of the
    build's own time). A form can only match where a word of the text starts (each pattern
    begins with ``\\b``) and that word, lower-cased, is the form's first word, so only those
    few forms are tried, in the same order as the alternation would (longest first): the
    matches are exactly the alternation's.
    """

    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, term id), longest form first
    by_first_word: dict[str, tuple[int, ...]]  # lower-cased first word -> indexes into patterns
    by_first_char: dict[str, tuple[int, ...]]  # forms that do not start with a word character
    starts: re.Pattern[str]  # where a form can start: a word, or one of by_first_char


@lru_cache(maxsize=8)
def _en_matcher(terms: tuple[tuple[str, str, str | None], ...]) -> _Matcher:
    forms = [(form, sensitive, term_id) for term_id, en, abbr in terms for form, sensitive in _en_forms(en, abbr)]
    forms.sort(key=lambda f: len(f[0]), reverse=True)
    patterns = []
    by_word: dict[str, list[int]] = {}
    by_char: dict[str, list[int]] = {}
    for index, (form, sensitive, term_id) in enumerate(forms):
        body = r"\s+".join(re.escape(word) for word in form.split())
        patterns.append((re.compile(f"\\b{body}\\b" if sensitive else f"\\b(?i:{body})\\b"), term_id))
        first = _WORD.match(form)
        if first:
            by_word.setdefault(first.group().lower(), []).append(index)
        else:
            by_char.setdefault(form[0].lower(), []).append(index)
    starts = r"\w+"
    if by_char:
        starts += "|[" + "".join(re.escape(c) for c in by_char) + "]"
    return _Matcher(tuple(patterns), {k: tuple(v) for k, v in by_word.items()},
                    {k: tuple(v) for k, v in by_char.items()}, re.compile(starts, re.IGNORECASE))


def find_english_terms(text: str, terms: list[Term]) -> list[TermMatch]:
    """Glossary terms in an English text: leftmost first, the longest form at a position,
    matches not overlapping (as ``re.finditer`` of one alternation of the forms)."""
    if not terms:
        return []
    matcher = _en_matcher(tuple((t.id, t.en, t.abbr) for t in terms))
    found: list[TermMatch] = []
    end = 0
    for start in matcher.starts.finditer(text):
        if start.start() < end:
            continue
        key = start.group().lower()
        candidates = matcher.by_first_word.get(key, ()) if _WORD.match(key) else matcher.by_first_char.get(key, ())
        for index in candidates:
            pattern, term_id = matcher.patterns[index]
            m = pattern.match(text, start.start())
            if m:
                found.append(TermMatch(term_id, m.start(), m.end()))
                end = m.end()
                break
    return found


def term_tooltip(term: Term, lang: str) -> str:
    """What hovering a term shows: the other language's form and the short definition."""
    if lang == "zh":
        name = term.en + (f" ({term.abbr})" if term.abbr else "")
    else:
        name = term.zh + (f" ({term.abbr})" if term.abbr else "")
    return f"{name}: {term.definition[lang]}"


def term_spans(matches: list[TermMatch], terms: dict[str, Term], lang: str, taken: list[Span],
               marked: set[str]) -> list[Span]:
    """One span per term not yet ``marked`` in this paragraph, not overlapping ``taken``."""
    spans: list[Span] = []
    for match in matches:
        if match.term in marked or match.term not in terms:
            continue
        if any(not (match.end <= s.start or match.start >= s.end) for s in taken):
            continue
        marked.add(match.term)
        term = terms[match.term]
        spans.append(Span(match.start, match.end, f"{GLOSSARY_PAGE}#{term.id}", "r2p-term",
                          title=term_tooltip(term, lang)))
    return spans
