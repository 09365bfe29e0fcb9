"""``meta.yaml`` -> checked metadata of one report (facts the text cannot give reliably)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import InputError, SourceLocation
from ..model import AgendaItem, Session

META_FILE = "meta.yaml"
# A meta.yaml is a few hundred bytes; a huge one is a mistake and must not be parsed.
MAX_META_BYTES = 256 * 1024


def yaml_error_line(exc: yaml.YAMLError) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's message on one line (its own spans several, with a caret drawing)."""
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    context = getattr(exc, "context", None)
    return f"{context}: {problem}" if context else str(problem)


@dataclass(frozen=True)
class Metadata:
    slug: str
    symbols: list[str]
    date: dt.date
    title: dict[str, str]
    document_type: dict[str, str]
    sessions: list[Session]
    agenda_items: list[AgendaItem]
    source_file: str
    source_language: str
    job_number: str | None


def load_metadata(folder: Path, display_folder: str) -> Metadata:
    path = folder / META_FILE
    display = f"{display_folder}/{META_FILE}"
    if not path.is_file():
        raise InputError(SourceLocation(display, 1), "metadata file is missing")
    if path.stat().st_size > MAX_META_BYTES:
        raise InputError(SourceLocation(display, 1), f"metadata file is larger than {MAX_META_BYTES:,} bytes")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(SourceLocation(display, 1), "metadata is not UTF-8") from None
    except yaml.YAMLError as exc:
        raise InputError(SourceLocation(display, yaml_error_line(exc)),
                         f"not valid YAML: {yaml_problem(exc)}") from None
    lines = path.read_text(encoding="utf-8").split("\n")
    check = _Checker(display, lines)
    if not isinstance(raw, dict):
        raise InputError(SourceLocation(display, 1), "metadata must be a mapping of fields")
    slug = check.str(raw, "slug")
    if slug != folder.name:
        raise check.error("slug", f"slug '{slug}' differs from the folder name '{folder.name}'")
    symbols = check.list_of_str(raw, "symbols")
    date = raw.get("date")
    if not isinstance(date, dt.date):
        raise check.error("date", f"field 'date' must be an ISO date (YYYY-MM-DD), got {date!r}")
    sessions = [
        Session(organ=check.str(s, "organ", "sessions"), number=check.int(s, "number", "sessions"),
                zh=check.str(s, "zh", "sessions"))
        for s in check.list_of_dict(raw, "sessions")
    ]
    agenda = [
        AgendaItem(number=check.int(a, "number", "agenda_items"),
                   title=check.languages(a, "title", "agenda_items"))
        for a in check.list_of_dict(raw, "agenda_items")
    ]
    job = raw.get("job_number")
    if job is not None and not isinstance(job, str):
        raise check.error("job_number", "field 'job_number' must be text")
    return Metadata(
        slug=slug,
        symbols=symbols,
        date=date,
        title=check.languages(raw, "title"),
        document_type=check.languages(raw, "document_type"),
        sessions=sessions,
        agenda_items=agenda,
        source_file=check.str(raw, "source_file"),
        source_language=check.str(raw, "source_language"),
        job_number=job,
    )


class _Checker:
    """Type checks that name the line of the offending field."""

    def __init__(self, display: str, lines: list[str]) -> None:
        self.display = display
        self.lines = lines

    def error(self, key: str, message: str) -> InputError:
        for number, line in enumerate(self.lines, 1):
            if line.lstrip(" -").startswith(f"{key}:"):
                return InputError(SourceLocation(self.display, number), message)
        return InputError(SourceLocation(self.display, 1), message)

    def _get(self, data: Any, key: str, parent: str | None) -> Any:
        if not isinstance(data, dict) or key not in data:
            where = f" in '{parent}'" if parent else ""
            raise self.error(parent or key, f"field '{key}'{where} is missing")
        return data[key]

    def str(self, data: Any, key: str, parent: str | None = None) -> str:
        value = self._get(data, key, parent)
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"field '{key}' must be non-empty text, got {value!r}")
        return value

    def int(self, data: Any, key: str, parent: str | None = None) -> int:
        value = self._get(data, key, parent)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(key, f"field '{key}' must be a whole number, got {value!r}")
        return value

    def list_of_str(self, data: Any, key: str) -> list[str]:
        value = self._get(data, key, None)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"field '{key}' must be a non-empty list of text, got {value!r}")
        return value

    def list_of_dict(self, data: Any, key: str) -> list[dict]:
        value = self._get(data, key, None)
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.error(key, f"field '{key}' must be a list of mappings, got {value!r}")
        return value

    def languages(self, data: Any, key: str, parent: str | None = None) -> dict[str, str]:
        value = self._get(data, key, parent)
        if not isinstance(value, dict) or not {"zh", "en"} <= set(value):
            raise self.error(key, f"field '{key}' must give 'zh' and 'en' text")
        for lang in ("zh", "en"):
            if not isinstance(value[lang], str) or not value[lang].strip():
                raise self.error(key, f"field '{key}.{lang}' must be non-empty text")
        return {"zh": value["zh"], "en": value["en"]}
