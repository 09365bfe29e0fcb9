"""The glossary transform: longest match, variant folding, counts, introduced references, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.diagnostics import InputError
from build_tools.model import Term
from build_tools.transforms.glossary import TermMatcher, load_glossary


def term(term_id: str, zh: str, *variants: str) -> Term:
    return Term(term_id, zh, list(variants), term_id, None, {"zh": "", "en": ""}, [])


def test_longest_form_wins_and_is_counted_once():
    matcher = TermMatcher([term("humanity", "人类罪"), term("cah", "危害人类罪"), term("crimes", "罪")])
    found = matcher.find("灭绝种族罪和危害人类罪；人类罪")
    assert [(m.term, m.start, m.end) for m in found] == [("crimes", 4, 5), ("cah", 6, 11), ("humanity", 12, 15)]


def test_variants_fold_into_one_entry_and_spaces_around_digits_are_optional():
    matcher = TermMatcher([term("outcome", "世界首脑会议成果文件", "2005年世界首脑会议成果")])
    found = matcher.find("《2005 年世界首脑会议成果》和《世界首脑会议成果文件》及《2005年世界首脑会议成果》")
    assert [m.term for m in found] == ["outcome"] * 3
    assert found[0].end - found[0].start == len("2005 年世界首脑会议成果")


def _independent_count(text: str, forms: list[str], longer: list[str]) -> int:
    """Count a term by plain string search: blank out the longer glossary forms of other terms
    that contain it, then count its own forms longest first, blanking each as it is counted."""
    squeezed = text.replace(" ", "")
    for form in sorted(longer, key=len, reverse=True):
        squeezed = squeezed.replace(form, "□" * len(form))
    count = 0
    for form in sorted((f.replace(" ", "") for f in forms), key=len, reverse=True):
        count += squeezed.count(form)
        squeezed = squeezed.replace(form, "□" * len(form))
    return count


@pytest.mark.parametrize("term_id", ["atrocity-crimes", "universal-periodic-review", "crimes-against-humanity",
                                     "pillar-two", "genocide", "national-focal-point"])
def test_occurrence_counts_match_a_count_computed_from_the_model(model, term_id):
    entry = next((t for t in model.terms if t.id == term_id), None)
    if entry is None:
        pytest.skip(f"{term_id} not in the glossary")
    longer = [f.replace(" ", "") for t in model.terms if t.id != term_id for f in t.forms
              if any(mine in f for mine in entry.forms)]
    for report in model.reports:
        texts = [p.text for p in report.paragraphs] + [i.text for p in report.paragraphs for i in p.items]
        texts += [f.text for f in report.footnotes]
        expected = sum(_independent_count(t, entry.forms, longer) for t in texts)
        found = sum(1 for p in report.paragraphs for m in p.terms if m.term == term_id)
        found += sum(1 for p in report.paragraphs for i in p.items for m in i.terms if m.term == term_id)
        found += sum(1 for f in report.footnotes for m in f.terms if m.term == term_id)
        assert found == expected, (report.slug, term_id)


def test_every_match_is_a_form_of_its_term(model):
    forms = {t.id: {f.replace(" ", "") for f in t.forms} for t in model.terms}
    for report in model.reports:
        for paragraph in report.paragraphs:
            for match in paragraph.terms:
                assert paragraph.text[match.start:match.end].replace(" ", "") in forms[match.term]


def test_glossary_size_and_introductions(model):
    assert len(model.terms) >= 40
    atrocity = next(t for t in model.terms if t.zh == "暴行罪")
    assert ("a-71-1016", "fn1") in atrocity.introduced and ("a-68-947", "fn1") in atrocity.introduced


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "glossary.yaml").write_text(body, encoding="utf-8")
    return tmp_path


ENTRY = """  - id: {id}
    zh: {zh}
    variants: []
    en: x
    definition: {{zh: 定义, en: definition}}
"""


def test_a_form_in_two_entries_is_an_error(tmp_path):
    folder = _write(tmp_path, "terms:\n" + ENTRY.format(id="a", zh="预警") + ENTRY.format(id="b", zh="预警"))
    with pytest.raises(InputError) as error:
        load_glossary(folder)
    assert str(error.value) == f"{folder}/glossary.yaml:7: term 'b': form 预警 already belongs to term 'a'"


def test_a_bad_id_is_an_error(tmp_path):
    folder = _write(tmp_path, "terms:\n" + ENTRY.format(id="Bad Id", zh="预警"))
    with pytest.raises(InputError, match=re.escape("glossary.yaml:2: term id must be lower-case")):
        load_glossary(folder)


def test_broken_yaml_is_one_line_naming_its_line(tmp_path):
    folder = _write(tmp_path, "terms:\n  - id: [\n")
    with pytest.raises(InputError) as error:
        load_glossary(folder)
    assert str(error.value) == (f"{folder}/glossary.yaml:3: not valid YAML: "
                                "while parsing a flow node: did not find expected node content")
