"""Glossary terms -> marked spans in a unit's text (Chinese matches come from the model;
English ones are found in our translation with the glossary's English forms)."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=8)
def _en_matcher(terms: tuple[tuple[str, str, str | None], ...]) -> tuple[re.Pattern[str], dict[int, str]]:
    forms = [(form, sensitive, term_id) for term_id, en, abbr in terms for form, sensitive in _en_forms(en, abbr)]
    forms.sort(key=lambda f: len(f[0]), reverse=True)
    parts = []
    for form, sensitive, _term_id in forms:
        body = r"\s+".join(re.escape(word) for word in form.split())
        parts.append(f"(\\b{body}\\b)" if sensitive else f"(\\b(?i:{body})\\b)")
    return re.compile("|".join(parts)), {i + 1: term_id for i, (_f, _s, term_id) in enumerate(forms)}


def find_english_terms(text: str, terms: list[Term]) -> list[TermMatch]:
    if not terms:
        return []
    pattern, group_term = _en_matcher(tuple((t.id, t.en, t.abbr) for t in terms))
    return [TermMatch(group_term[m.lastindex], m.start(), m.end()) for m in pattern.finditer(text)]


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
