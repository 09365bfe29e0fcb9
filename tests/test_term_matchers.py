"""The fast glossary matchers give exactly what one regex alternation of all forms gives.

Both matchers (Chinese, transforms/glossary.py; English, render/terms.py) try only the
forms that can start where they are (build-time cost, see benchmarks/README.md). Their
definition is the simple one: ``re.finditer`` over the alternation of every form, longest
first. Checked on every text of the corpus and on hand-made edge cases.
"""

from __future__ import annotations

import re

import pytest

from build_tools.model import Term, TermMatch
from build_tools.render.terms import _en_forms, find_english_terms
from build_tools.transforms.glossary import TermMatcher, spaced_pattern


def _zh_reference(terms: list[Term], text: str) -> list[TermMatch]:
    forms = sorted(((form, t.id) for t in terms for form in t.forms), key=lambda f: len(f[0]), reverse=True)
    pattern = re.compile("|".join(f"({spaced_pattern(form)})" for form, _ in forms))
    return [TermMatch(forms[m.lastindex - 1][1], m.start(), m.end()) for m in pattern.finditer(text)]


def _en_reference(terms: list[Term], text: str) -> list[TermMatch]:
    forms = sorted(((form, sensitive, t.id) for t in terms for form, sensitive in _en_forms(t.en, t.abbr)),
                   key=lambda f: len(f[0]), reverse=True)
    parts = []
    for form, sensitive, _id in forms:
        body = r"\s+".join(re.escape(word) for word in form.split())
        parts.append(f"(\\b{body}\\b)" if sensitive else f"(\\b(?i:{body})\\b)")
    pattern = re.compile("|".join(parts))
    return [TermMatch(forms[m.lastindex - 1][2], m.start(), m.end()) for m in pattern.finditer(text)]


def _texts(model, lang: str) -> list[str]:
    texts = []
    for report in model.reports:
        if lang == "zh":
            texts += [p.text for p in report.paragraphs] + [i.text for p in report.paragraphs for i in p.items]
            texts += [n.text for n in report.footnotes]
        else:
            texts += [unit.text for unit in report.translations.get("en", {}).values()]
    return texts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_matches_as_the_alternation_on_the_corpus(model, lang):
    texts = _texts(model, lang)
    assert len(texts) > 100
    matcher = TermMatcher(model.terms)
    for text in texts:
        if lang == "zh":
            assert matcher.find(text) == _zh_reference(model.terms, text), text[:80]
        else:
            assert find_english_terms(text, model.terms) == _en_reference(model.terms, text), text[:80]


def _term(term_id: str, zh: str, en: str, abbr: str | None = None, variants: list[str] | None = None) -> Term:
    return Term(term_id, zh, variants or [], en, abbr, {"zh": "", "en": ""}, [], None)


TERMS = [
    _term("r2p", "保护责任", "responsibility to protect", "R2P"),
    _term("protect", "保护", "protection"),
    _term("summit", "世界首脑会议", "World Summit", variants=["2005年世界首脑会议"]),
    _term("cb", "能力建设", "capacity-building"),
    _term("state", "国家", "State"),
    _term("un", "联合国", "United Nations", "UN"),
]


@pytest.mark.parametrize("text", [
    "The Responsibility  to\nProtect (R2P) and r2p, R2Ps, protections and PROTECTION.",
    "capacity-building, capacity building, non-capacity-buildings; States, stateless, State's, UN, un, UNs.",
    "2005 World Summit; world summits; the World Summit.",
    "",
    "国家的保护责任",
])
def test_same_matches_as_the_alternation_on_edge_cases_en(text):
    assert find_english_terms(text, TERMS) == _en_reference(TERMS, text)


@pytest.mark.parametrize("text", [
    "各国家的保护责任和保护，2005 年世界首脑会议与2005年世界首脑会议、世界首脑会议。",
    "能力建设能力建设联合国联合",
    "",
    "No Chinese here",
])
def test_same_matches_as_the_alternation_on_edge_cases_zh(text):
    assert TermMatcher(TERMS).find(text) == _zh_reference(TERMS, text)


def test_no_terms():
    assert TermMatcher([]).find("保护责任") == []
    assert find_english_terms("responsibility to protect", []) == []
