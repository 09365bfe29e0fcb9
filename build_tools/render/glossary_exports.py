"""The glossary for translators: CSV, TBX (TBX-Basic, ISO 30042 'martif') and JSON. Pure."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

from ..model import Corpus
from .glossary_page import occurrence_index


def glossary_csv(corpus: Corpus) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    slugs = [r.slug for r in corpus.reports]
    writer.writerow(["id", "zh", "variants", "en", "abbr", "definition_zh", "definition_en",
                     *[f"occurrences_{slug}" for slug in slugs]])
    index = occurrence_index(corpus)
    for term in sorted(corpus.terms, key=lambda t: t.id):
        found = index.get(term.id, {})
        writer.writerow([term.id, term.zh, "|".join(term.variants), term.en, term.abbr or "",
                         term.definition["zh"], term.definition["en"],
                         *[sum(found.get(slug, {}).values()) for slug in slugs]])
    return "\ufeff" + buffer.getvalue()  # BOM: spreadsheet programs then read UTF-8


def glossary_json(corpus: Corpus) -> str:
    index = occurrence_index(corpus)
    data = [
        {"id": t.id, "zh": t.zh, "variants": t.variants, "en": t.en, "abbr": t.abbr,
         "definition": t.definition,
         "introduced": [{"report": slug, "ref": ref} for slug, ref in t.introduced],
         "occurrences": {slug: dict(c) for slug, c in index.get(t.id, {}).items()}}
        for t in sorted(corpus.terms, key=lambda t: t.id)
    ]
    return json.dumps({"terms": data}, ensure_ascii=False, indent=1) + "\n"


def glossary_tbx(corpus: Corpus) -> str:
    lang_attr = "{http://www.w3.org/XML/1998/namespace}lang"
    root = ET.Element("martif", {"type": "TBX-Basic", lang_attr: "zh"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = (
        "Glossary of the reference edition of the UN Secretary-General's reports on the responsibility to protect")
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for term in sorted(corpus.terms, key=lambda t: t.id):
        entry = ET.SubElement(body, "termEntry", {"id": term.id})
        for lang, main, others in (("zh", term.zh, term.variants), ("en", term.en, [])):
            lang_set = ET.SubElement(entry, "langSet", {lang_attr: lang})
            ET.SubElement(lang_set, "descrip", {"type": "definition"}).text = term.definition[lang]
            ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = main
            for variant in others:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = variant
                ET.SubElement(tig, "termNote", {"type": "termType"}).text = "variant"
            if lang == "en" and term.abbr:
                tig = ET.SubElement(lang_set, "tig")
                ET.SubElement(tig, "term").text = term.abbr
                ET.SubElement(tig, "termNote", {"type": "termType"}).text = "abbreviation"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def jieba_userdict(corpus: Corpus) -> str:
    """Glossary forms for jieba, so the search index keeps multi-character terms whole."""
    forms = sorted({form.replace(" ", "") for term in corpus.terms for form in term.forms if len(form) > 1})
    return "".join(f"{form} 50000 n\n" for form in forms)
