"""Transform: attach each report's translations (from its gettext catalogs) to the model.

A unit missing from the catalog keeps its Chinese text with status ``missing``; a unit
whose Chinese changed since it was translated is ``fuzzy`` (shown as under review).
"""

from __future__ import annotations

from pathlib import Path

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, lookup, read_report_catalog, report_catalog_path, report_units
from ..model import Corpus, TranslatedUnit


def attach_translations(corpus: Corpus, source_dir: Path) -> None:
    for report in corpus.reports:
        for lang in LANGUAGES:
            if lang == SOURCE_LANGUAGE:
                continue
            catalog = read_report_catalog(report_catalog_path(source_dir, report.slug, lang), lang)
            report.translations[lang] = {
                unit.id: TranslatedUnit(found.text, found.status)  # type: ignore[arg-type]
                for unit in report_units(report)
                for found in [lookup(catalog, unit)]
            }
