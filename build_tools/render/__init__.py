"""Stage 3, render: model -> Markdown pages per language. Pure: returns texts, writes nothing.

``render_site`` returns ``{"zh/a-71-1016.md": "…", "en/a-71-1016.md": "…", …}`` and the
navigation (page paths in order, with section names translated per language).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..i18n import LANGUAGES, ui_translations
from ..model import Corpus
from ..quality import find_issues
from .checklists import CHECKLISTS_PAGE, checklist_files, checklist_nav, checklist_pages
from .context import RenderContext
from .documents import DOCUMENTS_PAGE, documents_page
from .glossary_exports import glossary_csv, glossary_json, glossary_tbx, jieba_userdict
from .glossary_page import GLOSSARY_PAGE, glossary_page
from .handout_page import HANDOUT_PAGE, handout_description, handout_page, handout_title
from .pages import about_page, home_page
from .quality_page import QUALITY_PAGE, quality_page
from .report_page import ReportPage


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path under docs/ -> Markdown (docs/<lang>/…)
    nav: list[str]  # page paths within a language folder, in nav order
    files: dict[str, str] = field(default_factory=dict)  # other generated files under docs/


def make_context(corpus: Corpus, lang: str) -> RenderContext:
    translations = ui_translations(lang)
    return RenderContext(lang, translations.gettext, translations.ngettext, corpus)


def render_site(corpus: Corpus) -> Site:
    pages: dict[str, str] = {}
    downloads: dict[str, str] = {}  # checklist CSV / Markdown files, per language
    findings = find_issues(corpus)  # the same findings for every language's page
    for lang in LANGUAGES:
        ctx = make_context(corpus, lang)
        _ = ctx.gettext
        for report in corpus.reports:
            pages[f"{lang}/{report.slug}.md"] = ReportPage(ctx, report).render()
        tools = [
            (GLOSSARY_PAGE, _("Glossary"), _("the terms of the reports in Chinese and English, with definitions")),
            (DOCUMENTS_PAGE, _("Cited documents"), _("every document and resolution cited, and where")),
        ]
        tools.insert(0, (CHECKLISTS_PAGE, _("Recommendation checklists"),
                         _("the recommendations of the reports as checklists to tick, annotate, print and download")))
        pages.update({f"{lang}/{path}": text for path, text in checklist_pages(ctx).items()})
        downloads.update({f"{lang}/{path}": text for path, text in checklist_files(ctx).items()})
        tools.append((HANDOUT_PAGE, handout_title(ctx), handout_description(ctx)))
        pages[f"{lang}/{HANDOUT_PAGE}"] = handout_page(ctx)
        pages[f"{lang}/index.md"] = home_page(ctx, tools)
        pages[f"{lang}/{GLOSSARY_PAGE}"] = glossary_page(ctx)
        pages[f"{lang}/{DOCUMENTS_PAGE}"] = documents_page(ctx)
        pages[f"{lang}/about.md"] = about_page(ctx)
        pages[f"{lang}/{QUALITY_PAGE}"] = quality_page(ctx, findings)
    # A flat nav: entries take each page's own (translated) title in each language.
    nav = ["index.md", *[f"{report.slug}.md" for report in corpus.reports], *checklist_nav(corpus),
           GLOSSARY_PAGE, DOCUMENTS_PAGE, HANDOUT_PAGE,
           "about.md", QUALITY_PAGE]
    files = {
        "data/glossary.csv": glossary_csv(corpus),
        "data/glossary.tbx": glossary_tbx(corpus),
        "data/glossary.json": glossary_json(corpus),
        ".generated/jieba_userdict.txt": jieba_userdict(corpus),
        **downloads,
    }
    return Site(pages, nav, files)


__all__ = ["LANGUAGES", "Site", "render_site"]
