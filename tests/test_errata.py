"""Editorial corrections: errata.yaml -> corrected model text with consistent offsets ->
marked in the pages -> listed as corrected by the check -> translations follow."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from crafted import SOURCE, copy_seed, make_project, run_cli, write_report

from build_tools.diagnostics import InputError
from build_tools.i18n import MARKER
from build_tools.model import Corpus
from build_tools.read import read_report
from build_tools.transforms.errata import apply_errata, report_units, source_reading

# -- the seeds' errata in the model ---------------------------------------------------------

SEED_CORRECTIONS = {
    ("a-71-1016", "p24"): ("方案 and 实际", "方案和实际"),
    ("a-71-1016", "p34"): ("2016 年", "2006 年"),
    ("a-71-1016", "p39"): ("能力和 политическая поддержка, 以及", "能力和政治支持，以及"),
    ("a-71-1016", "fn2"): ("第 138-140 页", "第 138-140 段"),
    ("a-68-947", "summary-1"): ("第 A/63/308 号决议", "第 63/308 号决议"),
}


def test_seed_errata_are_applied_to_the_model(model):
    found = {}
    for report in model.reports:
        raw = report_units(read_report(SOURCE / report.slug))
        for unit_id, unit in report_units(report).items():
            for correction in unit.corrections:
                found[(report.slug, unit_id)] = (correction.source, correction.corrected)
                # The recorded span is the corrected reading; the source reading is kept.
                assert unit.text[correction.start:correction.end] == correction.corrected
                assert correction.reason["zh"] and correction.reason["en"]
            if unit.corrections:
                assert source_reading(unit.text, unit.corrections) == raw[unit_id].text
            else:
                assert unit.text == raw[unit_id].text
    assert found == SEED_CORRECTIONS
    p24 = model.report("a-71-1016").paragraphs[23]
    assert " and " not in p24.text and p24.corrections[0].codes == ("foreign-script",)
    assert [c.number for r in model.reports for u in report_units(r).values() for c in u.corrections] == [1, 2, 3, 4, 1]


def test_later_transforms_see_the_corrected_text(model):
    fn2 = model.report("a-71-1016").footnote(2)
    assert fn2.text == "见世界首脑会议成果文件第 138-140 段。"
    # Corrected to 段, they are paragraphs of the World Summit Outcome (cited by title), never
    # paragraphs of this report.
    assert [(r.kind, r.symbol, r.target_report, r.anchor) for r in fn2.references] == [
        ("paragraphs", "A/RES/60/1", None, "p138-140")]
    p34 = model.report("a-71-1016").paragraphs[33]
    assert "2006 年，大会在第 60/251 号决议中" in p34.text
    assert next(r.symbol for r in p34.references if r.kind == "resolution") == "A/RES/60/251"


def test_translations_are_keyed_on_the_corrected_text():
    catalog = read_po((SOURCE / "a-71-1016" / "en.po").open("rb"), locale="en")
    by_id = {m.context: m for m in catalog if m.id}
    assert "2006 年" in by_id["p34"].id and "In 2006, in its resolution 60/251" in by_id["p34"].string
    assert by_id["fn2"].string == "See paragraphs 138-140 of the World Summit Outcome document."
    assert not any(m.fuzzy for m in by_id.values())
    summary = {m.context: m for m in read_po((SOURCE / "a-68-947" / "en.po").open("rb"), locale="en")}["summary-1"]
    assert "第 63/308 号决议" in summary.id and "resolution 63/308" in summary.string


# -- offsets ------------------------------------------------------------------------------------

BODY = "一. 导言\n\n1. 甲乙 and 丙丁。¹ 后文 and 更多。² 结尾。\n\n¹ 脚注一。\n\n² 脚注二。\n\n2. 第二段。"


def _errata(*entries: tuple[str, str, str]) -> str:
    out = []
    for where, source, corrected in entries:
        out.append(f'- where: {where}\n  source: "{source}"\n  corrected: "{corrected}"\n'
                   "  resolves: foreign-script\n  reason:\n    zh: 理由。\n    en: Reason.\n")
    return "".join(out)


def _corrected(tmp_path: Path, errata: str):
    folder = write_report(tmp_path / "src" / "x-test", BODY, errata=errata)
    report = read_report(folder)
    apply_errata(Corpus([report]), folder.parent)
    return report


def test_footnote_markers_move_with_the_text(tmp_path):
    before = read_report(write_report(tmp_path / "plain" / "x-test", BODY)).paragraphs[0]
    report = _corrected(tmp_path, _errata(("p1", "文 and 更", "文及更"), ("p1", "乙 and 丙", "乙和又一个丙")))
    p1 = report.paragraphs[0]
    assert p1.text == "甲乙和又一个丙丁。后文及更多。结尾。"
    for old, new in zip(before.footnote_refs, p1.footnote_refs, strict=True):
        assert before.text[:old.offset][-3:] == p1.text[:new.offset][-3:]  # same text before each marker
    assert [(r.number, r.offset) for r in p1.footnote_refs] == [(1, 9), (2, 15)]
    first, second = sorted(p1.corrections, key=lambda c: c.start)
    assert (first.start, first.end, first.source_start) == (1, 7, 1)
    # "文 and 更" stood at 11 of the source; the first correction made the text one shorter.
    assert (second.start, second.end, second.source_start) == (10, 13, 11)
    assert [first.number, second.number] == [1, 2]
    assert source_reading(p1.text, p1.corrections) == before.text


@pytest.mark.parametrize(
    ("errata", "line", "message"),
    [
        (_errata(("p1", "并不存在", "x")), 2,
         "erratum no longer matches the source: p1 does not contain “并不存在”"),
        (_errata(("p9", "甲", "乙")), 1, "no unit 'p9' in x-test (ids: p24, p44-a, fn2, summary-1, s3, h-p19)"),
        (_errata(("p1", " and ", "和")), 2,
         "“ and ” occurs 2 times in p1; quote more of the text so that it occurs once"),
        (_errata(("p1", "丁。后文", "丁后文")), 2,
         "the text to correct contains the marker of footnote 1; correct the text on either side of it separately"),
        (_errata(("p1", "乙 and 丙", "乙和丙"), ("p1", "和丙丁", "和丙")), 9,
         "overlaps the correction at src/x-test/errata.yaml:1"),
        (_errata(("p1", "甲", "甲")), 3, "'corrected' is the same as 'source'"),
        ('- where: p1\n  source: "甲"\n  corrected: "乙"\n  resolves: typo\n  reason: {zh: 理由, en: Reason}\n', 4,
         "unknown finding code 'typo' (codes: bad-input, numbering, footnote-missing-body, footnote-missing-marker, "
         "heading-numbering, erratum, foreign-script, half-width-punctuation, dead-link, wrong-link, "
         "resolution-date, resolution-prefix, pages-for-paragraphs)"),
        ('- where: p1\n  source: "甲"\n  corrected: "乙"\n  resolves: foreign-script\n  reason: {zh: 理由}\n', 5,
         "field 'reason' must give non-empty text for each of zh, en"),
        ('- where: p1\n  source: "甲"\n  resolves: foreign-script\n  reason: {zh: 理由, en: Reason}\n', 1,
         "correction has no 'corrected' field"),
        ("where: p1\n", 1, "errata file must be a list of corrections"),
        ('- where: p1\n  source: "甲\n', 3,
         "not valid YAML: while scanning a quoted scalar: found unexpected end of stream"),
    ],
    ids=["stale", "unit", "ambiguous", "marker", "overlap", "same", "code", "reason", "field", "list", "yaml"],
)
def test_bad_errata_stop_with_file_and_line(tmp_path, monkeypatch, errata, line, message):
    monkeypatch.chdir(tmp_path)  # messages show paths relative to the working directory
    write_report(tmp_path / "src" / "x-test", BODY, errata=errata)
    with pytest.raises(InputError) as caught:
        _corrected(tmp_path, errata)
    assert (caught.value.location.line, caught.value.message) == (line, message)
    expected = f"src/x-test/errata.yaml:{line}: error: {message}\n"
    for command in ("corpus", "i18n-status"):
        result = run_cli(command, "--source", "src", cwd=tmp_path)
        assert (result.returncode, result.stderr) == (1, expected), command
    check = run_cli("check", "--source", "src", cwd=tmp_path)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    assert f"src/x-test/errata.yaml:{line}: error[erratum]: {message} [open]" in lines
    # The rest of the report is still checked, as the source reads.
    assert any("warning[foreign-script]" in out for out in lines)


# -- the pages ----------------------------------------------------------------------------------

CORRECTION = re.compile(r'<span class="r2p-correction" title="([^"]*)">([^<]*)</span>'
                        r'<sup class="r2p-corr-ref"><a href="#(corr-\d+)" aria-label="([^"]*)">†\d+</a></sup>')


def _block(html_text: str, anchor: str) -> str:
    start = html_text.index(f'id="{anchor}"')
    return html_text[start:html_text.index('class="r2p-parallel"', start)]


def test_zh_page_marks_each_correction(site_dir):
    html_text = (site_dir / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    marks = CORRECTION.findall(_block(html_text, "p24"))
    assert len(marks) == 1
    title, text, note, label = marks[0]
    assert text == "方案和实际" and note == "corr-1" and label == "编辑订正 1"
    assert title.startswith("原文作“方案 and 实际”。原文此处夹有英文连词")
    assert re.search(r'<li id="corr-1" value="1"><a href="#p24">第 24 段</a>：'
                     r'原文作<q lang="zh-Hans">方案 and 实际</q>，本版作<q lang="zh-Hans">方案和实际</q>。', html_text)
    assert CORRECTION.search(_block(html_text, "p34"))[2] == "2006 年"
    footnotes = html.unescape(html_text[html_text.index('<div class="footnote">'):])
    assert "第 138-140 段</span>" in footnotes and 'href="#corr-4"' in footnotes
    # A correction around a citation link is cut at the link, so that the tags nest.
    summary = (site_dir / "a-68-947" / "index.html").read_text(encoding="utf-8")
    pieces = re.findall(r'<span class="r2p-correction"[^>]*>(.*?)</span>', summary)
    assert "".join(re.sub(r"<[^>]+>", "", piece) for piece in pieces[:3]) == "第 63/308 号决议"
    assert '<a class="r2p-ref r2p-ref-resolution" href="https://undocs.org/zh/A/RES/63/308"' in summary


def test_en_page_marks_the_translated_unit_and_keeps_the_note(site_dir, page_of):
    html_text = (site_dir / "en" / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    p24 = _block(html_text, "p24")
    assert "all legal options and practical measures" in p24
    assert re.search(r'<sup class="r2p-corr-ref"><a href="#corr-1" aria-label="Editorial correction 1" '
                     r'title="The source reads “方案 and 实际”&#46; The source has', p24)
    page = page_of("en/a-71-1016/index.html")
    assert page.ids.get("corr-1") == 1 and page.ids.get("corrections") == 1
    assert "In 2006, in its resolution 60/251" in page.text
    assert "paragraph 24: the source reads ; the edition prints ." in page.text  # the quotes are Chinese
    assert '<q lang="zh-Hans">方案 and 实际</q>' in html_text


# -- the workflow, end to end -------------------------------------------------------------------


def test_new_erratum_from_finding_to_page(tmp_path):
    """A maintainer corrects the half-width comma of p25: check, translations, page."""
    folder = copy_seed(tmp_path / "src", "a-71-1016")
    with (folder / "errata.yaml").open("a", encoding="utf-8") as handle:
        handle.write('\n- where: p25\n  source: "对话,来加强"\n  corrected: "对话，来加强"\n'
                     "  resolves: half-width-punctuation\n  reason:\n    zh: 中文句子用全角逗号。\n"
                     "    en: Chinese sentences take a full-width comma.\n")
    check = run_cli("check", "--source", "src", cwd=tmp_path).stdout.splitlines()
    assert any(line.endswith("(paragraphs 22–24) [open]") for line in check)
    assert any("warning[half-width-punctuation]: 1 half-width" in line and line.endswith("(paragraph 25) [corrected]")
               for line in check)
    # The Chinese of p25 changed: its translation is now under review.
    assert run_cli("i18n-status", "--strict", "--source", "src", cwd=tmp_path).returncode == 1
    assert run_cli("i18n-update", "--source", "src", cwd=tmp_path).returncode == 0
    catalog = read_po((folder / "en.po").open("rb"), locale="en")
    p25 = next(m for m in catalog if m.context == "p25")
    assert p25.fuzzy and "对话，来加强" in p25.id
    # The translator checks the English (a comma changes nothing in it) and clears the flag.
    for message in catalog:
        if message.fuzzy and message.id:
            message.flags.discard("fuzzy")
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100)
    (folder / "en.po").write_bytes(buffer.getvalue())
    assert run_cli("i18n-status", "--strict", "--source", "src", cwd=tmp_path).returncode == 0
    project = make_project(tmp_path)
    (project / "src").symlink_to(tmp_path / "src")
    result = run_cli("build", "--source", "src", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    html_text = (project / "site" / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    marks = CORRECTION.findall(_block(html_text, "p25"))
    # Notes are numbered in document order: p24 (1), then the new one in p25 (2), p34, p39, fn2.
    assert [(text, note) for _title, text, note, _label in marks] == [("对话，来加强", "corr-2")]
    en = (project / "site" / "en" / "a-71-1016" / "index.html").read_text(encoding="utf-8")
    assert 'href="#corr-2"' in _block(en, "p25") and "r2p-fuzzy" not in _block(en, "p25")
    assert all(sorted(MARKER.findall(m.id)) == sorted(MARKER.findall(m.string)) for m in catalog if m.id)
