"""Bad input never breaks a command or leaks into the output: ``build``, ``corpus`` and
``check`` each exit non-zero with one line naming file and line, write nothing half-made,
and a failed build leaves the previous site/ as it was."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from crafted import SOURCE, copy_seed, make_project, run_cli

from build_tools import site as site_module
from build_tools.diagnostics import InputError, SourceLocation

SLUG = "a-71-1016"
ZH = f"src/{SLUG}/zh.txt"
META = f"src/{SLUG}/meta.yaml"


def _lines(folder: Path) -> list[str]:
    return (folder / "zh.txt").read_text(encoding="utf-8").split("\n")


def _line_of(lines: list[str], pattern: str) -> int:
    return next(n for n, line in enumerate(lines, 1) if re.match(pattern, line.strip()))


def _write_lines(folder: Path, lines: list[str]) -> None:
    (folder / "zh.txt").write_text("\n".join(lines), encoding="utf-8")


# Each case breaks the copy of the report in ``folder`` and returns (expected message, code).

def empty(folder: Path) -> tuple[str, str]:
    (folder / "zh.txt").write_bytes(b"")
    return f"{ZH}:1: error: file is empty", "bad-input"


def gb18030(folder: Path) -> tuple[str, str]:
    (folder / "zh.txt").write_bytes((SOURCE / SLUG / "zh.txt").read_text(encoding="utf-8").encode("gb18030"))
    return (f"{ZH}:3: error: not UTF-8: the bytes (b4 f3 bb e1 …) look like GB18030/GBK Chinese; "
            "convert with `iconv -f GB18030 -t UTF-8`"), "bad-input"


def truncated(folder: Path) -> tuple[str, str]:
    text = (SOURCE / SLUG / "zh.txt").read_text(encoding="utf-8")
    cut = text[: text.index("加强对培训")]  # mid-sentence: "…我们也必须"
    (folder / "zh.txt").write_text(cut, encoding="utf-8")
    return f"{ZH}:{cut.count(chr(10)) + 1}: error: file ends in the middle of paragraph 39 (truncated?)", "bad-input"


def truncated_in_a_character(folder: Path) -> tuple[str, str]:
    data = (SOURCE / SLUG / "zh.txt").read_bytes()
    cut = data[: data.index("我们也必须".encode()) + 1]  # one byte of a three-byte character
    (folder / "zh.txt").write_bytes(cut)
    line = cut.count(b"\n") + 1
    return f"{ZH}:{line}: error: file ends inside a UTF-8 character (bytes e6): truncated?", "bad-input"


def binary(folder: Path) -> tuple[str, str]:
    (folder / "zh.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return f"{ZH}:3: error: binary data (NUL byte): not a text file", "bad-input"


def huge(folder: Path) -> tuple[str, str]:
    line = ("保护责任" * 200 + "。\n").encode()
    size = 50 * 1024 * 1024
    with (folder / "zh.txt").open("wb") as handle:
        for _ in range(size // len(line) + 1):
            handle.write(line)
    actual = (folder / "zh.txt").stat().st_size
    return f"{ZH}:1: error: file is {actual:,} bytes, more than the 4,194,304 a report may have", "bad-input"


def missing_metadata(folder: Path) -> tuple[str, str]:
    (folder / "meta.yaml").unlink()
    return f"{META}:1: error: metadata file is missing", "bad-input"


def _edit_meta(folder: Path, old: str, new: str) -> int:
    text = (folder / "meta.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "meta.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(old.split(":")[0] + ":"))


def metadata_date_is_text(folder: Path) -> tuple[str, str]:
    line = _edit_meta(folder, "date: 2017-08-10", "date: soon")
    return f"{META}:{line}: error: field 'date' must be an ISO date (YYYY-MM-DD), got 'soon'", "bad-input"


def metadata_symbols_is_a_number(folder: Path) -> tuple[str, str]:
    line = _edit_meta(folder, "symbols: [A/71/1016, S/2017/556]", "symbols: 5")
    return f"{META}:{line}: error: field 'symbols' must be a non-empty list of text, got 5", "bad-input"


def metadata_not_yaml(folder: Path) -> tuple[str, str]:
    line = _edit_meta(folder, "slug: a-71-1016", "slug: [a-71-1016")
    return (f"{META}:{line + 1}: error: not valid YAML: while parsing a flow sequence: "
            "expected ',' or ']', but got ':'"), "bad-input"


def repeated_paragraph(folder: Path) -> tuple[str, str]:
    lines = _lines(folder)
    first = _line_of(lines, r"^6\. ")
    seventh = _line_of(lines, r"^7\. ")
    lines[seventh - 1] = re.sub(r"^7\. ", "6. ", lines[seventh - 1])
    _write_lines(folder, lines)
    return f"{ZH}:{seventh}: error: paragraph 6 repeated (first at line {first})", "numbering"


def missing_paragraph_number(folder: Path) -> tuple[str, str]:
    lines = _lines(folder)
    fifth = _line_of(lines, r"^5\. ")
    del lines[fifth - 1 : fifth + 1]  # paragraph 5 and the blank line after it
    _write_lines(folder, lines)
    return f"{ZH}:{fifth}: error: paragraph 6 out of sequence (expected paragraph 5)", "numbering"


def marker_without_footnote(folder: Path) -> tuple[str, str]:
    lines = _lines(folder)
    body = _line_of(lines, r"^¹³ ")
    lines[body - 1] = ""
    _write_lines(folder, lines)
    p42 = _line_of(lines, r"^42\. ")
    return f"{ZH}:{p42}: error: footnote marker 13 has no footnote body", "footnote-missing-body"


def stale_erratum(folder: Path) -> tuple[str, str]:
    lines = _lines(folder)
    p24 = _line_of(lines, r"^24\. ")
    lines[p24 - 1] = lines[p24 - 1].replace("方案 and 实际", "方案和实际")  # someone fixed the source itself
    _write_lines(folder, lines)
    errata = (folder / "errata.yaml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(errata, 1) if "方案 and 实际" in text)
    return (f"src/{SLUG}/errata.yaml:{line}: error: erratum no longer matches the source: "
            "p24 does not contain “方案 and 实际”"), "erratum"


CASES: list[Callable[[Path], tuple[str, str]]] = [
    empty, gb18030, truncated, truncated_in_a_character, binary, huge, missing_metadata, metadata_date_is_text,
    metadata_symbols_is_a_number, metadata_not_yaml, repeated_paragraph, missing_paragraph_number,
    marker_without_footnote, stale_erratum,
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a previous site/ in place and one report to break in src/."""
    project = make_project(tmp_path)
    copy_seed(project / "src", SLUG)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous site", encoding="utf-8")
    return project


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_bad_input_stops_every_command_with_file_and_line(project, case):
    message, code = case(project / "src" / SLUG)
    for args in (("corpus", "-o", "out.json"), ("build",)):
        result = run_cli(*args, "--source", "src", cwd=project)
        assert (result.returncode, result.stderr) == (1, message + "\n"), args
        assert result.stdout == ""
    assert not (project / "out.json").exists()
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not (project / "docs" / "zh").exists()  # nothing generated from the bad input
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]
    check = run_cli("check", "--source", "src", cwd=project)
    assert check.returncode == 1
    path, line, text = re.match(r"^(.+?):(\d+): error: (.*)$", message).groups()
    errors = [out for out in check.stdout.splitlines() if ": error[" in out]
    assert errors == [f"{path}:{line}: error[{code}]: {text} [open]"]
    if code != "erratum":  # an unreadable report gives no other finding
        assert check.stdout.splitlines() == errors


def test_missing_source_folder_and_empty_source_folder(tmp_path):
    for args, expected in ((("--source", "nowhere"), "nowhere:1: error: source folder does not exist"),
                           (("--source", "."), ".:1: error: no report folders found")):
        for command in ("corpus", "build", "check"):
            result = run_cli(command, *args, cwd=tmp_path)
            assert result.returncode == 1, command
            shown = result.stderr if command != "check" else result.stdout
            assert shown.splitlines()[0].startswith(expected.split(": error: ")[0]), (command, shown)
            assert expected.split(": error: ")[1] in shown


# -- the site is replaced only by a whole, successful build --------------------------------------


def test_a_successful_build_replaces_site(project):
    result = run_cli("build", "--source", "src", cwd=project)
    assert result.returncode == 0, result.stderr[-2000:]
    site = project / "site"
    assert "previous site" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / SLUG / "index.html").is_file() and (site / "about-texts" / "index.html").is_file()
    assert (site / "data" / "corpus.json").is_file()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


@pytest.mark.parametrize("stage", ["mkdocs", "data"])
def test_a_build_failing_late_leaves_the_previous_site(project, monkeypatch, stage):
    """MkDocs fails after writing half a site, or writing the data fails after MkDocs."""
    monkeypatch.chdir(project)
    if stage == "mkdocs":
        def failing_mkdocs(target: Path, *_args, **_kwargs) -> None:
            (target / "a-71-1016").mkdir(parents=True)
            (target / "index.html").write_text("half", encoding="utf-8")
            raise InputError(SourceLocation("mkdocs.yml", 1), "mkdocs build --strict failed (messages above)")

        monkeypatch.setattr(site_module, "run_mkdocs", failing_mkdocs)
        expected: type[Exception] = InputError
    else:
        def failing_dumps(corpus) -> str:
            raise OSError("disk full")

        monkeypatch.setattr(site_module, "dumps", failing_dumps)
        expected = OSError
    with pytest.raises(expected):
        site_module.build_site(Path("src"), Path("site"), Path("docs"))
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in (project / "site").iterdir()) == ["index.html"]
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]
