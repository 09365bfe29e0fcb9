"""Stage 1, read: ``source_texts/`` -> ``model.Corpus``.

Each report lives in ``source_texts/<slug>/`` as ``zh.txt`` (the text as received,
never edited) and ``meta.yaml`` (facts the text cannot give reliably).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import InputError, SourceLocation
from ..model import Corpus, Report
from .metadata import load_metadata
from .report import ReportReader
from .source import read_lines


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def read_report(folder: Path) -> Report:
    shown = display_path(folder)
    meta = load_metadata(folder, shown)
    source = folder / meta.source_file
    if not source.is_file():
        raise InputError(SourceLocation(f"{shown}/meta.yaml", 1), f"source file {meta.source_file} is missing")
    lines = read_lines(source, display_path(source))
    return ReportReader(meta, lines, display_path(source)).read()


def report_folders(source_dir: Path) -> list[Path]:
    """The report folders of a source folder, in name order."""
    if not source_dir.is_dir():
        raise InputError(SourceLocation(display_path(source_dir), 1), "source folder does not exist")
    folders = sorted(p for p in source_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise InputError(SourceLocation(display_path(source_dir), 1), "no report folders found")
    return folders


def read_corpus(source_dir: Path) -> Corpus:
    reports = [read_report(folder) for folder in report_folders(source_dir)]
    # Newest first: the order of the home page and of the corpus JSON.
    reports.sort(key=lambda r: (r.date, r.slug), reverse=True)
    return Corpus(reports)
