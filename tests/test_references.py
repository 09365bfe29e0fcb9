"""Cross-references: recognition of each kind, resolution, and the official URL scheme."""

from __future__ import annotations

import pytest

from build_tools.transforms.references import Target, find_references

INDEX = {"A/68/947": Target("a-68-947", frozenset(range(1, 81))),
         "S/2014/449": Target("a-68-947", frozenset(range(1, 81))),
         "A/71/1016": Target("a-71-1016", frozenset(range(1, 47)))}


class _Report:
    slug = "a-71-1016"
    symbols = ("A/71/1016", "S/2017/556")


def refs(text: str):
    return [(r.kind, r.text, r.symbol, r.target_report, r.anchor, r.organ)
            for r in find_references(text, _Report(), INDEX)]


def test_joined_pair_is_one_document_and_in_corpus_paragraphs_resolve():
    assert refs("(见 A/68/947-S/2014/449,第 43-58 段)") == [
        ("document", "A/68/947-S/2014/449", "A/68/947-S/2014/449", "a-68-947", None, ""),
        ("paragraphs", "第 43-58 段", "A/68/947-S/2014/449", "a-68-947", "p43-58", ""),
    ]
    assert refs("(见 A/68/947 - S/2014/449)")[0][2:4] == ("A/68/947-S/2014/449", "a-68-947")


def test_security_council_resolution_lists():
    found = refs("见安全理事会第 2348(2017)、2339(2017)和 2014(2011)号决议。")
    assert [r[2] for r in found] == ["S/RES/2348(2017)", "S/RES/2339(2017)", "S/RES/2014(2011)"]
    found = refs("见安全理事会决议第 1996(2011)和第 2085(2012)号决议。")
    assert [r[2] for r in found] == ["S/RES/1996(2011)", "S/RES/2085(2012)"]
    assert refs("关于南苏丹局势的 1996(2011)号决议")[0][2] == "S/RES/1996(2011)"


@pytest.mark.parametrize(("text", "symbol", "organ"), [
    ("(见第 63/308 号决议)", "A/RES/63/308", "general_assembly"),
    ("大会第 60/1 号决议", "A/RES/60/1", "general_assembly"),
    ("大会第71/248号决议设立了", "A/RES/71/248", "general_assembly"),
    ("人权理事会第 33/19 号决议", "A/HRC/RES/33/19", "human_rights_council"),
    ("2016 年，人权理事会吁请所有会员国……(见第 33/19 号决议)", "A/HRC/RES/33/19", "human_rights_council"),
    ("回应大会在第 A/63/308 号决议中", "A/RES/63/308", "general_assembly"),
])
def test_sessional_resolutions_take_the_organ_named_in_the_sentence(text, symbol, organ):
    (kind, _text, found, _t, _a, found_organ), = refs(text)
    assert (kind, found, found_organ) == ("resolution", symbol, organ)


def test_paragraphs_of_this_report_and_of_other_documents():
    assert refs("以下第 21 至 27 段所述")[0][3:5] == ("a-71-1016", "p21-27")
    assert refs("在第 138 段中，各国确认") == []  # no paragraph 138 here: the Summit Outcome's
    assert refs("《世界首脑会议成果文件》第 13 和 14 段") == []  # paragraphs of a document named by title
    # Paragraphs of a document outside the corpus open that document.
    assert refs("报告(S/2012/376)第 21 段")[1] == ("paragraphs", "第 21 段", "S/2012/376", None, "p21", "")


def test_urls_follow_the_official_scheme(model):
    seen = {}
    for report in model.reports:
        for paragraph in report.paragraphs:
            for ref in paragraph.references:
                if ref.kind != "paragraphs":
                    seen[ref.symbol] = ref.urls
    assert seen["S/RES/2150(2014)"] == {"zh": "https://undocs.org/zh/S/RES/2150(2014)",
                                        "en": "https://undocs.org/en/S/RES/2150(2014)"}
    assert seen["A/HRC/RES/5/1"]["en"] == "https://undocs.org/en/A/HRC/RES/5/1"
    assert seen["A/RES/63/308"]["zh"] == "https://undocs.org/zh/A/RES/63/308"
    assert seen["A/65/877-S/2011/393"]["en"] == "https://undocs.org/en/A/65/877"
    assert seen["A/HRC/25/63"]["en"] == "https://undocs.org/en/A/HRC/25/63"


def test_every_kind_is_found_in_both_reports(model):
    for report in model.reports:
        kinds = {ref.kind for p in report.paragraphs for ref in p.references}
        kinds |= {ref.kind for f in report.footnotes for ref in f.references}
        assert kinds == {"document", "resolution", "paragraphs"}, report.slug


def test_source_link_targets_are_never_used(model):
    for report in model.reports:
        for paragraph in report.paragraphs:
            for ref in paragraph.references:
                assert all("#" != url and "undocs.org/ch/" not in url for url in ref.urls.values())


def test_reference_text_is_the_text_at_its_offsets(model):
    for report in model.reports:
        for paragraph in report.paragraphs:
            for ref in paragraph.references:
                assert paragraph.text[ref.start:ref.end] == ref.text


def test_paragraphs_of_a_document_cited_by_title(tmp_path):
    from build_tools.transforms.references import load_known_documents

    (tmp_path / "documents.yaml").write_text(
        "documents:\n  - symbol: A/RES/60/1\n    organ: general_assembly\n"
        "    titles: [世界首脑会议成果文件, 2005年世界首脑会议成果]\n", encoding="utf-8")
    known = load_known_documents(tmp_path)
    found = find_references("在《2005 年世界首脑会议成果》第 138 至 140 段中；《世界首脑会议成果文件》第 139 段",
                            _Report(), INDEX, known)
    assert [(r.kind, r.symbol, r.anchor, r.urls["en"]) for r in found] == [
        ("paragraphs", "A/RES/60/1", "p138-140", "https://undocs.org/en/A/RES/60/1"),
        ("paragraphs", "A/RES/60/1", "p139", "https://undocs.org/en/A/RES/60/1"),
    ]
    # A title further back in the sentence does not own the paragraphs.
    assert find_references("《世界首脑会议成果文件》规定了责任。在第 138 段中", _Report(), INDEX, known) == []


def test_known_documents_file_is_checked(tmp_path):
    from build_tools.diagnostics import InputError
    from build_tools.transforms.references import load_known_documents

    (tmp_path / "documents.yaml").write_text("documents:\n  - symbol: not a symbol\n    titles: [x]\n",
                                             encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_known_documents(tmp_path)
    assert str(error.value) == f"{tmp_path}/documents.yaml:2: 'symbol' must be a UN document symbol, got 'not a symbol'"
