"""Model -> the published corpus JSON (``python -m build_tools corpus``, ``site/data/corpus.json``).

The JSON is for reuse by others; its shape is pinned by ``schema/corpus.schema.json``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .model import Corpus, Footnote, FootnoteRef, Heading, Item, Paragraph, Recommendation, Reference, Report

SCHEMA_PATH = Path(__file__).parent / "schema" / "corpus.schema.json"
FORMAT_VERSION = 1


def _refs(refs: list[FootnoteRef]) -> list[dict[str, int]]:
    return [{"number": r.number, "offset": r.offset} for r in refs]


def _references(refs: list[Reference]) -> list[dict[str, Any]]:
    return [asdict(r) for r in refs]


def _item(item: Item) -> dict[str, Any]:
    return {
        "id": item.id, "label": item.label, "kind": item.kind, "text": item.text,
        "footnotes": [r.number for r in item.footnote_refs], "footnote_refs": _refs(item.footnote_refs),
        "references": _references(item.references), "line": item.location.line,
    }


def _paragraph(p: Paragraph) -> dict[str, Any]:
    return {
        "id": p.id, "number": p.number, "section": p.section, "subsection": p.subsection,
        "heading": p.heading, "text": p.text, "footnotes": p.footnotes,
        "footnote_refs": _refs(p.footnote_refs), "items": [_item(i) for i in p.items],
        "references": _references(p.references), "line": p.location.line,
    }


def _heading(h: Heading) -> dict[str, Any]:
    return {"id": h.id, "level": h.level, "label": h.label, "text": h.text,
            "section": h.section, "line": h.location.line}


def _footnote(f: Footnote) -> dict[str, Any]:
    return {"number": f.number, "id": f.id, "text": f.text, "cited_in": f.cited_in,
            "references": _references(f.references), "line": f.location.line}


def _recommendation(r: Recommendation) -> dict[str, Any]:
    return {"id": r.id, "report": r.report, "paragraph": r.paragraph, "anchor": r.anchor, "label": r.label,
            "group": r.group, "addressee": r.addressee, "lead": r.lead, "text": r.text, "line": r.location.line}


def _sections(report: Report) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for h in report.headings:
        if h.level == "section":
            out.append({"id": h.id, "number": h.number, "label": h.label, "title": h.text,
                        "subsections": [], "paragraphs": []})
        elif h.level == "subsection" and out:
            out[-1]["subsections"].append({"id": h.id, "label": h.label, "title": h.text})
    by_id = {s["id"]: s for s in out}
    for p in report.paragraphs:
        if p.section in by_id:
            by_id[p.section]["paragraphs"].append(p.number)
    return out


def _corrections(report: Report) -> list[dict[str, Any]]:
    units = [*report.summary, *report.body, *(i for p in report.paragraphs for i in p.items), *report.footnotes]
    found = [(c, unit.id) for unit in units for c in unit.corrections]
    return [{"number": c.number, "unit": unit_id, "start": c.start, "end": c.end, "source": c.source,
             "corrected": c.corrected, "reason": c.reason, "resolves": list(c.codes)}
            for c, unit_id in sorted(found, key=lambda pair: pair[0].number)]


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "slug": report.slug,
        "symbols": report.symbols,
        "date": report.date.isoformat(),
        "title": report.title,
        "document_type": report.document_type,
        "sessions": [asdict(s) for s in report.sessions],
        "agenda_items": [asdict(a) for a in report.agenda_items],
        "job_number": report.job_number,
        "source": report.source_path,
        "summary": [{"id": s.id, "text": s.text, "references": _references(s.references), "line": s.location.line}
                    for s in report.summary],
        "sections": _sections(report),
        "headings": [_heading(h) for h in report.headings],
        "paragraphs": [_paragraph(p) for p in report.paragraphs],
        "footnotes": [_footnote(f) for f in report.footnotes],
        "recommendations": [_recommendation(r) for r in report.recommendations],
        "artifacts": [asdict(a) for a in report.artifacts],
        "corrections": _corrections(report),
        "front_matter": [{"role": f.role, "text": f.text, "line": f.location.line} for f in report.front_matter],
        "translations": {
            lang: {uid: {"text": t.text, "status": t.status} for uid, t in units.items()}
            for lang, units in report.translations.items()
        },
    }


def corpus_dict(corpus: Corpus) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "reports": [report_dict(r) for r in corpus.reports],
        "glossary": [asdict(t) for t in corpus.terms],
    }


def dumps(corpus: Corpus) -> str:
    return json.dumps(corpus_dict(corpus), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
