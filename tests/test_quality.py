"""The source quality report: each kind of finding on the seeds and on small crafted reports,
the command's output format, and the "About the texts" page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from crafted import SOURCE, copy_seed, run_cli, write_report

from build_tools.quality import Finding, check_source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds() -> list[Finding]:
    return check_source(SOURCE)


def of(findings: list[Finding], code: str, slug: str | None = None) -> list[Finding]:
    return [f for f in findings if f.code == code and (slug is None or f.report == slug)]


def crafted(tmp_path: Path, body: str, **kwargs) -> list[Finding]:
    write_report(tmp_path / "src" / "x-test", body, **kwargs)
    return check_source(tmp_path / "src")


# -- the seeds ------------------------------------------------------------------------------


def test_seeds_read_without_errors(seeds):
    assert not [f for f in seeds if f.severity == "error"]
    assert {f.report for f in seeds} == {"a-71-1016", "a-68-947"}


def test_foreign_script_on_the_seeds(seeds):
    found = {(f.line, f.units, f.args["script"], f.args["text"], f.status)
             for f in of(seeds, "foreign-script")}
    assert found == {
        (110, ("p24",), "latin", "and", "corrected"),
        (162, ("p39",), "cyrillic", "политическая поддержка", "corrected"),
    }
    # Symbols (A/65/877-S/2011/393), the URL of footnote 7 and target "16.a" are not findings.


def test_half_width_commas_are_one_finding_per_run_of_paragraphs(seeds):
    found = of(seeds, "half-width-punctuation", "a-71-1016")
    open_ = [f for f in found if f.status == "open"]
    assert len(open_) == 1
    run = open_[0]
    assert run.units == ("p22", "p23", "p24", "p25")
    assert run.line == 102  # p22 starts at line 96; its commas are on the line after its footnotes
    assert run.args["half"] == "," and run.args["full"] == "，"
    assert int(run.args["count"]) > 30
    # The comma after the Russian words of p39 went with the erratum that replaced them.
    assert [(f.units, f.status) for f in found if f.status == "corrected"] == [(("p39",), "corrected")]
    assert not of(seeds, "half-width-punctuation", "a-68-947")


def test_dead_links(seeds):
    found = [(f.line, f.units, f.args["text"]) for f in of(seeds, "dead-link")]
    assert found == [(106, ("p23",), "[A/68/947-S/2014/449](#)"), (126, ("p28",), "[A/70/621-S/2015/978](#)")]


def test_wrong_link_annotations_of_a_68_947(seeds):
    found = {f.line: (f.args["symbol"], f.args.get("meant")) for f in of(seeds, "wrong-link")}
    assert found[60] == ("A/RES/63/677", "A/63/677")  # the report A/63/677 made a resolution
    assert found[221] == ("A/RES/11/393", "S/2011/393")  # from A/65/877-S/2011/393
    assert found[1186] == ("A/RES/25/63", "A/HRC/25/63")
    assert set(found) == {60, 146, 147, 221, 222, 223, 224, 442, 513, 924, 1058, 1186}
    # Annotations that match a symbol cited on their page are fine: A/RES/63/308 (line 59),
    # A/RES/60/1 and the Security Council resolutions of lines 139-145.
    assert not {59, 139, 140, 141, 142, 143, 144, 145} & set(found)


def test_dates_and_symbols(seeds):
    [date] = of(seeds, "resolution-date")
    assert (date.report, date.line, date.units, date.status) == ("a-71-1016", 140, ("p34",), "corrected")
    assert (date.args["year"], date.args["session"], date.args["years"]) == ("2016", "60", "2005–2006")
    [prefix] = of(seeds, "resolution-prefix")
    assert (prefix.report, prefix.line, prefix.units, prefix.args["text"]) == ("a-68-947", 33, ("summary-1",),
                                                                               "A/63/308")
    [pages] = of(seeds, "pages-for-paragraphs")
    assert (pages.report, pages.line, pages.units, pages.args["text"]) == ("a-71-1016", 36, ("fn2",), "第 138-140 页")


def test_no_heading_numbering_findings_on_the_seeds(seeds):
    assert not of(seeds, "heading-numbering")


# -- the command ------------------------------------------------------------------------------

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: .+ "
                  r"\[(?P<status>open|corrected)\]$")


def test_check_command_prints_one_sortable_line_per_finding():
    result = run_cli("check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines
    keys = [(m["path"], int(m["line"])) for m in map(LINE.match, lines)]
    assert keys == sorted(keys)
    assert ('source_texts/a-71-1016/zh.txt:110: warning[foreign-script]: Latin word "and" inside Chinese text '
            "(paragraph 24) [corrected]") in lines
    assert ("source_texts/a-71-1016/zh.txt:140: warning[resolution-date]: resolution 60/251 is of session 60 "
            "(2005–2006), but the text dates it 2016 (paragraph 34) [corrected]") in lines
    assert any(line.endswith("(paragraphs 22–25) [open]") for line in lines)
    assert re.search(r"\d+ findings, \d+ open, 6 corrected, 0 errors", result.stderr)


def test_strict_fails_while_findings_are_open():
    assert run_cli("check", "--strict", cwd=ROOT).returncode == 1


def test_strict_passes_on_a_clean_report(tmp_path):
    write_report(tmp_path / "src" / "x-clean", "一. 导言\n\n1. 第一段，没有问题。\n\n2. 第二段。")
    result = run_cli("check", "--strict", "--source", "src", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


# -- crafted inputs: one kind at a time ---------------------------------------------------


def test_foreign_script_allowances_and_phrases(tmp_path):
    body = ("一. 导言\n\n"
            "1. 见 A/70/621-S/2015/978 和 www.un.org/en/x_y.pdf，以及目标 16.a 和附件 A，并在 Facebook 上发布。\n\n"
            "2. 各国应当 take action 并且避免 λόγος 之类的词。")
    found = of(crafted(tmp_path, body), "foreign-script")
    assert {(f.units, f.args["script"], f.args["text"], f.args["words"]) for f in found} == {
        (("p2",), "latin", "take action", "2"),
        (("p2",), "greek", "λόγος", "1"),
    }


def test_half_width_needs_a_full_width_majority(tmp_path):
    full = "第一段，用全角逗号，一共三个，没有问题。"
    body = f"一. 导言\n\n1. {full}\n\n2. 这里,用了半角。\n\n3. 这里也,用了。\n\n4. {full}\n\n5. 又一处;半角。"
    found = of(crafted(tmp_path, body), "half-width-punctuation")
    assert [(f.units, f.args["count"], f.args["half"]) for f in found] == [(("p2", "p3"), "2", ","),
                                                                           (("p5",), "1", ";")]
    consistent = tmp_path / "other"
    write_report(consistent / "src" / "x-half", "一. 导言\n\n1. 通篇,都用半角,也算一致。")
    assert not of(check_source(consistent / "src"), "half-width-punctuation")


def test_dead_link_in_a_crafted_report(tmp_path):
    found = of(crafted(tmp_path, "一. 导言\n\n1. 见 [A/70/621](#)。"), "dead-link")
    assert [(f.line, f.args["text"]) for f in found] == [(10, "[A/70/621](#)")]


def test_wrong_link_annotation_in_a_crafted_report(tmp_path):
    body = ("一. 导言\n\n1. 见报告(A/63/677)和第 63/308 号决议以及 S/2011/393。\n"
            "http://undocs.org/ch/A/RES/63/308\nhttp://undocs.org/ch/A/RES/63/677\n"
            "http://undocs.org/ch/A/RES/11/393\nhttp://undocs.org/ch/A/RES/99/999\n\n2. 第二段。")
    found = of(crafted(tmp_path, body), "wrong-link")
    assert [(f.line, f.args["symbol"], f.args.get("meant")) for f in found] == [
        (12, "A/RES/63/677", "A/63/677"), (13, "A/RES/11/393", "S/2011/393"), (14, "A/RES/99/999", None)]


def test_resolution_dates(tmp_path):
    body = ("一. 导言\n\n"
            "1. 2016 年，大会在第 60/251 号决议中作出决定。\n\n"
            "2. 2006 年，大会在第 60/251 号决议中作出决定。\n\n"
            "3. 2009 年，大会重申这一点(见第 63/308 号决议)。\n\n"
            "4. 2013 年，安全理事会通过第 2150(2014)号决议。\n\n"
            "5. 自 2011 年以来，大会第 60/251 号决议仍有效。\n\n"
            "6. 2016 年，人权理事会在第 33/19 号决议中吁请各国。\n\n"
            "7. 在《1999 年某公约》中，大会第 60/251 号决议另有规定。")
    found = of(crafted(tmp_path, body), "resolution-date")
    assert [(f.units, f.args["resolution"], f.args["year"]) for f in found] == [
        (("p1",), "60/251", "2016"), (("p4",), "2150(2014)", "2013")]


def test_resolution_prefix(tmp_path):
    found = of(crafted(tmp_path, "一. 导言\n\n1. 大会在第 A/63/308 号决议和第 63/309 号决议中决定。"),
               "resolution-prefix")
    assert [(f.units, f.args["text"], f.args["number"]) for f in found] == [(("p1",), "A/63/308", "63/308")]


def test_pages_for_paragraphs(tmp_path):
    body = ("一. 导言\n\n1. 《示范公约执行成果》第 10 段规定了原则。\n\n"
            "2. 见示范公约执行成果文件第 10-12 页。\n\n3. 见另一份出版物第 10 页。")
    found = of(crafted(tmp_path, body), "pages-for-paragraphs")
    assert [(f.units, f.args["text"], f.args["elsewhere_unit"]) for f in found] == [
        (("p2",), "第 10-12 页", "p1")]


def test_heading_numbering(tmp_path):
    body = ("一. 导言\n\n1. 第一段。\n\n二. 主体\n\nA. 甲节\n\n2. 第二段。\n\nC. 丙节\n\n"
            "(a) 小标题甲\n\n3. 第三段。\n\n(c) 小标题丙\n\n4. 第四段。")
    found = of(crafted(tmp_path, body), "heading-numbering")
    assert [(f.args["found"], f.args["expected"]) for f in found] == [("C.", "B."), ("(c)", "(b)")]


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ("一. 导言\n\n1. 第一段。\n\n1. 又是第一段。", "numbering", "paragraph 1 repeated (first at line 10)"),
        ("一. 导言\n\n1. 第一段。\n\n3. 第三段。", "numbering", "paragraph 3 out of sequence (expected paragraph 2)"),
        ("一. 导言\n\n1. 段落。\n\n(a) 甲；\n\n(c) 丙。", "numbering",
         "item (c) of paragraph 1 out of sequence (expected (b))"),
        ("一. 导言\n\n1. 有标记。¹ 后文。\n\n2. 第二段。", "footnote-missing-body",
         "footnote marker 1 has no footnote body"),
        ("一. 导言\n\n1. 有标记。¹ 后文。\n\n¹ 脚注一。\n\n² 脚注二。\n\n2. 第二段。", "footnote-missing-marker",
         "footnote 2 has no marker in the text before it"),
    ],
    ids=["repeated", "gap", "item", "marker-without-body", "body-without-marker"],
)
def test_numbering_problems_become_error_findings_without_crashing(tmp_path, body, code, message):
    copy_seed(tmp_path / "src", "a-68-947")  # a good report beside the broken one is still checked
    findings = crafted(tmp_path, body)
    [error] = [f for f in findings if f.severity == "error"]
    assert (error.code, error.args["message"], error.report) == (code, message, "x-test")
    assert error.path.endswith("x-test/zh.txt")
    assert of(findings, "wrong-link", "a-68-947")
    result = run_cli("check", "--source", "src", cwd=tmp_path)
    assert result.returncode == 1
    assert f"src/x-test/zh.txt:{error.line}: error[{code}]: {message} [open]" in result.stdout.splitlines()


# -- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "prefix"), [("zh", ""), ("en", "en/")])
def test_about_texts_page_lists_the_findings(page_of, seeds, lang, prefix):
    page = page_of(f"{prefix}about-texts/index.html")
    assert page.ids.get("a-71-1016") == 1 and page.ids.get("a-68-947") == 1
    entries = [a for tag, a in page.elements if tag == "div" and "r2p-finding" in a.get("class", "").split()]
    assert len(entries) == len(seeds)
    assert sum("r2p-finding--corrected" in a["class"] for a in entries) == 6
    hrefs = [href for href, _a in page.links]
    assert "../a-71-1016/#p24" in hrefs and "../a-71-1016/#p22-25" in hrefs and "../a-71-1016/#corr-1" in hrefs
    assert "../a-68-947/#summary-1" in hrefs and "../a-71-1016/#fn:fn2" in hrefs
    text = page.text
    if lang == "zh":
        assert "关于文本" in text and "中文文本中夹有拉丁字母词语“and”" in text and "已订正" in text
        assert "zh.txt 第 110 行" in text
    else:
        assert 'Latin word "and" inside Chinese text' in text and "line 110 of zh.txt" in text
        assert "link annotation http://undocs.org/ch/A/RES/63/677 points to A/RES/63/677" in text
