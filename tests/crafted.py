"""Helpers for tests that need their own small reports or their own site build.

``write_report`` writes a minimal report folder (cover page, one section, numbered
paragraphs) with any body text; ``make_project`` lays out a throw-away project folder
(mkdocs.yml and the site machinery linked from the repository) so that a test can run
``python -m build_tools build`` without touching the repository's docs/ or site/.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source_texts"

COVER = "大会\n第七十四届会议\n\n{title}\n\n秘书长的报告\n\n"


def write_report(folder: Path, body: str, *, title: str = "测试报告", title_en: str = "Test report",
                 symbol: str = "A/99/1", errata: str | None = None) -> Path:
    """A report folder ``folder`` (its name is the slug) whose zh.txt is the cover page + ``body``."""
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "slug": folder.name,
        "symbols": [symbol],
        "date": dt.date(2020, 1, 2),
        "source_file": "zh.txt",
        "source_language": "zh",
        "sessions": [{"organ": "general_assembly", "number": 74, "zh": "第七十四届会议"}],
        "agenda_items": [{"number": 1, "title": {"zh": "测试项目", "en": "Test item"}}],
        "title": {"zh": title, "en": title_en},
        "document_type": {"zh": "秘书长的报告", "en": "Report of the Secretary-General"},
    }
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    (folder / "meta.yaml").write_text(text, encoding="utf-8")
    (folder / "zh.txt").write_text(COVER.format(title=title) + body.strip("\n") + "\n", encoding="utf-8")
    if errata is not None:
        (folder / "errata.yaml").write_text(errata, encoding="utf-8")
    return folder


def copy_seed(target_parent: Path, slug: str, with_catalogs: bool = True) -> Path:
    """A private, writable copy of one of the repository's reports."""
    target = target_parent / slug
    target_parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(SOURCE / slug, target)
    for path in target.iterdir():
        path.chmod(0o644)
        if not with_catalogs and path.suffix == ".po":
            path.unlink()
    return target


def make_project(base: Path) -> Path:
    """A project folder of its own: the config copied, code, templates and assets linked."""
    project = base / "project"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "build_tools").symlink_to(ROOT / "build_tools")
    (project / "overrides").symlink_to(ROOT / "overrides")
    (project / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    return project


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m build_tools …`` in ``cwd`` (messages show paths relative to it)."""
    env = {"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, text=True, capture_output=True,
                          env=env)
