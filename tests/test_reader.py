"""The reader: counts, placement, joins, conservation, layout independence, bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from build_tools.corpus_json import SCHEMA_PATH, corpus_dict
from build_tools.model import Report
from build_tools.read import read_corpus, read_report
from build_tools.read.wrapping import is_han

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "source_texts"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(SOURCE)


def copy_report(tmp_path: Path, slug: str) -> Path:
    """A private copy of one report folder to break at will."""
    target = tmp_path / "src" / slug
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SOURCE / slug, target)
    (target / "zh.txt").chmod(0o644)
    for po in target.glob("*.po"):
        po.unlink()
    return target


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, text=True,
                          capture_output=True, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


# -- shape ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "sections", "paragraphs", "footnotes", "subsections"),
    [("a-71-1016", 6, 46, 13, []), ("a-68-947", 6, 80, 4, ["s4-a", "s4-b", "s4-c"])],
)
def test_counts(corpus, slug, sections, paragraphs, footnotes, subsections):
    report = corpus.report(slug)
    assert len(report.sections) == sections
    assert [p.number for p in report.paragraphs] == list(range(1, paragraphs + 1))
    assert [f.number for f in report.footnotes] == list(range(1, footnotes + 1))
    assert [h.id for h in report.headings if h.level == "subsection"] == subsections


FOOTNOTE_PLACEMENT = {
    "a-71-1016": {1: "p2", 2: "p2", 3: "p2", 4: "p2", 5: "p12", 6: "p18", 7: "p20", 8: "p21",
                  9: "p27", 10: "p34", 11: "p40", 12: "p40", 13: "p42"},
    "a-68-947": {1: "p2", 2: "p2", 3: "p3", 4: "p52"},
}


@pytest.mark.parametrize("slug", FOOTNOTE_PLACEMENT)
def test_every_footnote_is_placed_where_its_marker_stands(corpus, slug):
    report = corpus.report(slug)
    assert {f.number: f.cited_in for f in report.footnotes} == FOOTNOTE_PLACEMENT[slug]
    for paragraph in report.paragraphs:
        for ref in paragraph.footnote_refs:
            # The marker sits right after a clause: the text before it ends in punctuation.
            assert paragraph.text[ref.offset - 1] in "。，；：”)）", (paragraph.id, ref)


def test_marker_digits_are_taken_out_of_the_text(corpus):
    p2 = corpus.report("a-68-947").paragraphs[1]
    assert "之害。此原则诞生于" in p2.text
    assert "危害，并借鉴了许多" in p2.text
    assert not re.search(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", json.dumps(corpus_dict(corpus), ensure_ascii=False))


@pytest.mark.parametrize(
    ("slug", "paragraph", "joined"),
    [
        ("a-71-1016", 4, "普遍、持久的责任。然而，我们往往还是未能"),  # split by footnotes 1-4
        ("a-71-1016", 14, "危害人类罪之害。这一责任意味通过适当"),  # quotation split by footnote 5
        ("a-71-1016", 22, "规定的义务。现有的国家机制多遵照了"),  # split by footnotes 7-8
        ("a-71-1016", 25, "弥补暴行预防工作不足的措施时"),  # page break, no footnote
        ("a-71-1016", 43, "政府间机制为加强暴行预防工作"),  # split by footnotes 11-13
        ("a-68-947", 4, "区域和次区域安排(A/65/877-S/2011/393)、及时果断"),  # footnotes + link lines
        ("a-68-947", 9, "结果引发了动乱，加剧了现有的怨愤"),  # link annotation lines
        ("a-68-947", 20, "伙伴关系。"),  # page header after the paragraph
        ("a-68-947", 52, "履行保护责任特别顾问拟定的“分析框架”，可帮助确定"),
        ("a-68-947", 26, "通过遵守 2011 年《联合国企业与人权指导原则》"),  # wrap before a number
    ],
)
def test_page_break_and_wrap_joins(corpus, slug, paragraph, joined):
    text = corpus.report(slug).paragraphs[paragraph - 1].text
    assert joined in text
    assert "\n" not in text and "  " not in text


def test_no_artifact_leaks_into_text(corpus):
    for report in corpus.reports:
        for text in _all_texts(report, artifacts=False):
            assert "undocs.org" not in text
            assert "](#)" not in text
            assert "14-57339" not in text and "______" not in text
            assert "\uf0b7" not in text


def test_artifacts_are_recorded_with_their_lines(corpus):
    kinds = Counter(a.kind for a in corpus.report("a-68-947").artifacts)
    assert kinds == {"link-annotation": 29, "page-header": 3, "rule": 2}
    dead = [(a.line, a.text) for a in corpus.report("a-71-1016").artifacts if a.kind == "dead-link"]
    assert dead == [(106, "[A/68/947-S/2014/449](#)"), (126, "[A/70/621-S/2015/978](#)")]
    lines = (SOURCE / "a-68-947" / "zh.txt").read_text(encoding="utf-8").split("\n")
    for artifact in corpus.report("a-68-947").artifacts:
        assert lines[artifact.line - 1].strip() == artifact.text


def test_items_and_lettered_headings(corpus):
    old = corpus.report("a-71-1016")
    assert {p.id: [i.id for i in p.items] for p in old.paragraphs if p.items} == {
        "p35": ["p35-a", "p35-b", "p35-c", "p35-d"],
        "p44": [f"p44-{c}" for c in "abcde"],
        "p45": [f"p45-{c}" for c in "abcde"],
        "p46": [f"p46-{c}" for c in "abcd"],
    }
    new = corpus.report("a-68-947")
    assert {p.id: [i.id for i in p.items] for p in new.paragraphs if p.items} == {
        "p28": ["p28-1", "p28-2", "p28-3"], "p77": [f"p77-{n}" for n in range(1, 10)],
    }
    lettered = [(h.id, h.label) for h in new.headings if h.label and h.level == "subheading"]
    assert lettered[:3] == [("h-p15", "a"), ("h-p16", "b"), ("h-p17", "c")]
    assert len(lettered) == 17
    assert [h.id for h in old.headings if h.level == "subheading"] == [f"h-p{n}" for n in range(19, 26)]


def test_front_matter_and_summary(corpus):
    new = corpus.report("a-68-947")
    assert [s.id for s in new.summary] == ["summary-1", "summary-2"]
    assert new.summary[1].text.startswith("本报告的重点是第二支柱")
    roles = {f.role for f in new.front_matter}
    assert {"title", "agenda", "session", "document-type", "summary-heading"} <= roles
    assert len(corpus.report("a-71-1016").summary) == 1


def _all_texts(report: Report, artifacts: bool = True) -> list[str]:
    texts = [f.text for f in report.front_matter] + [s.text for s in report.summary]
    texts += [h.text for h in report.headings]
    texts += [h.label for h in report.headings if h.level == "section"]  # 一 二 三 are Han too
    for p in report.paragraphs:
        texts.append(p.text)
        texts.extend(i.text for i in p.items)
    texts += [f.text for f in report.footnotes]
    if artifacts:
        texts += [a.text for a in report.artifacts]
    return texts


@pytest.mark.parametrize("slug", ["a-71-1016", "a-68-947"])
def test_every_chinese_character_ends_up_in_exactly_one_place(corpus, slug):
    """Conservation: the Han characters of the source, counted from the source itself,
    equal those of the model (text + front matter + recorded artifacts), one for one."""
    source = (SOURCE / slug / "zh.txt").read_text(encoding="utf-8")
    expected = Counter(ch for ch in source if is_han(ch))
    found = Counter(ch for text in _all_texts(corpus.report(slug)) for ch in text if is_han(ch))
    assert found == expected
    # Paragraph and footnote text alone: everything outside the cover page and headings.
    assert sum(found.values()) > 12_000


def test_corpus_json_matches_its_schema(tmp_path):
    out = tmp_path / "corpus.json"
    result = run_cli("corpus", "--source", str(SOURCE), "-o", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text())).validate(data)
    p44 = next(p for r in data["reports"] if r["slug"] == "a-71-1016" for p in r["paragraphs"] if p["id"] == "p44")
    assert [i["id"] for i in p44["items"]] == [f"p44-{c}" for c in "abcde"]
    assert data["reports"][0]["date"] == "2017-08-10"


# -- layout independence ------------------------------------------------------------------


def _comparable(report: Report) -> dict:
    """The model without line numbers and paths, which layout changes legitimately move."""
    data = corpus_dict(type("C", (), {"reports": [report], "terms": []})())["reports"][0]

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("line", "source")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(data)


def _rewrap(text: str, width: int) -> str:
    """Hard-wrap every long line at about ``width`` characters, breaking only between two
    Chinese characters (where a wrap of Chinese text leaves no trace), blank line between."""
    out = []
    for line in text.split("\n"):
        pieces, start = [], 0
        while len(line) - start > width:
            cut = start + width
            while cut < len(line) and not (is_han(line[cut - 1]) and is_han(line[cut])):
                cut += 1
            if cut >= len(line):
                break
            pieces.append(line[start:cut])
            start = cut
        pieces.append(line[start:])
        out.append("\n\n".join(pieces))
    return "\n".join(out)


LAYOUTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "bom": lambda t: "\ufeff" + t,
    "no-blank-lines": lambda t: "\n".join(line for line in t.split("\n") if line.strip()),
    "double-blank-lines": lambda t: t.replace("\n\n", "\n\n\n\n"),
    "trailing-spaces": lambda t: "\n".join(line + "  " for line in t.split("\n")),
    "wrap-30": lambda t: _rewrap(t, 30),
    "wrap-50": lambda t: _rewrap(t, 50),
}


@pytest.mark.parametrize("slug", ["a-71-1016", "a-68-947"])
@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_does_not_change_the_model(tmp_path, corpus, slug, layout):
    folder = copy_report(tmp_path, slug)
    source = (SOURCE / slug / "zh.txt").read_text(encoding="utf-8")
    changed = LAYOUTS[layout](source)
    assert changed != source
    (folder / "zh.txt").write_bytes(changed.encode("utf-8"))
    assert _comparable(read_report(folder)) == _comparable(corpus.report(slug))


# -- broken input -------------------------------------------------------------------------


def _break(tmp_path: Path, slug: str, edit) -> tuple[Path, list[str]]:
    folder = copy_report(tmp_path, slug)
    lines = (folder / "zh.txt").read_text(encoding="utf-8").split("\n")
    edit(lines)
    (folder / "zh.txt").write_text("\n".join(lines), encoding="utf-8")
    return folder, lines


def _line_of(lines: list[str], pattern: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if re.match(pattern, line.strip()))


def _replace(pattern: str, new: str):
    def edit(lines: list[str]) -> None:
        n = _line_of(lines, pattern)
        lines[n - 1] = re.sub(pattern, new, lines[n - 1].strip(), count=1)
    return edit


BROKEN = [
    ("a-71-1016", _replace(r"^5\. ", "6. "), r"^6\. ", "paragraph 6 out of sequence (expected paragraph 5)"),
    ("a-68-947", _replace(r"^11\. ", "12. "), r"^12\. 这三个", "paragraph 12 out of sequence (expected paragraph 11)"),
    ("a-71-1016", _replace(r"^(\(d\)) 第四", "(e) 第四"), r"^\(e\) 第四",
     "item (e) of paragraph 35 out of sequence (expected (d))"),
    ("a-71-1016", _replace(r"^¹³ .*", ""), r"^42\. ", "footnote marker 13 has no footnote body"),
    ("a-71-1016", _replace(r"^(42\. .*的承认。)¹³", r"\1"), r"^¹³ ", "footnote 13 has no marker in the text before it"),
    ("a-68-947", _replace(r"^4 此分析框架", "5 此分析框架"), r"^别顾问拟定的",
     "footnote marker 4 has no footnote body"),
]


@pytest.mark.parametrize(("slug", "edit", "where", "message"), BROKEN, ids=[b[3][:40] for b in BROKEN])
def test_broken_input_names_file_and_line(tmp_path, slug, edit, where, message):
    folder, lines = _break(tmp_path, slug, edit)
    out = tmp_path / "out.json"
    result = run_cli("corpus", "--source", str(folder.parent), "-o", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"src/{slug}/zh.txt:{_line_of(lines, where)}: error: {message}\n"
    assert not out.exists()


def test_repeated_paragraph_number(tmp_path):
    _, lines = _break(tmp_path, "a-71-1016", _replace(r"^7\. ", "6. "))
    first = _line_of(lines, r"^6\. 我们已制订")
    result = run_cli("corpus", "--source", "src", cwd=tmp_path)
    assert result.stderr == (f"src/a-71-1016/zh.txt:{_line_of(lines, r'^6. 目前')}: error: "
                             f"paragraph 6 repeated (first at line {first})\n")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "src/a-71-1016/zh.txt:1: error: file is empty\n"),
        (b"  \n\n", "src/a-71-1016/zh.txt:1: error: file is empty\n"),
        ("一. 导言\n\n1. 文字\x00二".encode(),
         "src/a-71-1016/zh.txt:3: error: binary data (NUL byte): not a text file\n"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "src/a-71-1016/zh.txt:3: error: binary data (NUL byte): not a text file\n"),
    ],
    ids=["empty", "blank", "nul", "png"],
)
def test_unreadable_files(tmp_path, data, message):
    folder = copy_report(tmp_path, "a-71-1016")
    (folder / "zh.txt").write_bytes(data)
    result = run_cli("corpus", "--source", "src", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, message)


def test_gb18030_is_recognised(tmp_path):
    folder = copy_report(tmp_path, "a-71-1016")
    text = (SOURCE / "a-71-1016" / "zh.txt").read_text(encoding="utf-8")
    (folder / "zh.txt").write_bytes(text.encode("gb18030"))
    result = run_cli("corpus", "--source", "src", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        "src/a-71-1016/zh.txt:3: error: not UTF-8: the bytes (b4 f3 bb e1 …) look like GB18030"
    )


def test_undecodable_byte_names_its_line(tmp_path):
    folder = copy_report(tmp_path, "a-68-947")
    data = (SOURCE / "a-68-947" / "zh.txt").read_bytes().split(b"\n")
    data[99] = data[99][:6] + b"\xff" + data[99][6:]
    (folder / "zh.txt").write_bytes(b"\n".join(data))
    result = run_cli("corpus", "--source", "src", cwd=tmp_path)
    assert result.stderr.startswith("src/a-68-947/zh.txt:100: error: not UTF-8 (undecodable bytes ff")


def test_truncated_file(tmp_path):
    folder = copy_report(tmp_path, "a-68-947")
    text = (SOURCE / "a-68-947" / "zh.txt").read_text(encoding="utf-8")
    cut = text[: text.index("经济匮乏以及")]
    (folder / "zh.txt").write_text(cut, encoding="utf-8")
    result = run_cli("corpus", "--source", "src", cwd=tmp_path)
    last = cut.count("\n") + 1
    assert result.stderr == f"src/a-68-947/zh.txt:{last}: error: file ends in the middle of paragraph 8 (truncated?)\n"
