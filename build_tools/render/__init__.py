"""Stage 3, render: model -> Markdown pages per language. Pure: returns texts, writes nothing.

``render_site`` returns ``{"zh/a-71-1016.md": "…", "en/a-71-1016.md": "…", …}`` and the
navigation (page paths in order, with section names translated per language).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import LANGUAGES, SOURCE_LANGUAGE, ui_translations
from ..model import Corpus
from .context import RenderContext
from .documents import DOCUMENTS_PAGE, documents_page
from .pages import about_page, home_page
from .report_page import ReportPage


@dataclass(frozen=True)
class Site:
    pages: dict[str, str]  # path under docs/ -> Markdown
    nav: list  # mkdocs nav (file paths relative to a language folder)
    nav_translations: dict[str, dict[str, str]]  # lang -> {zh nav title: translated}


def make_context(corpus: Corpus, lang: str) -> RenderContext:
    translations = ui_translations(lang)
    return RenderContext(lang, translations.gettext, translations.ngettext, corpus)


def render_site(corpus: Corpus) -> Site:
    pages: dict[str, str] = {}
    section_names: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        ctx = make_context(corpus, lang)
        _ = ctx.gettext
        section_names[lang] = {"reports": _("Reports"), "about": _("About")}
        for report in corpus.reports:
            pages[f"{lang}/{report.slug}.md"] = ReportPage(ctx, report).render()
        pages[f"{lang}/index.md"] = home_page(ctx, [])
        pages[f"{lang}/about.md"] = about_page(ctx)
        pages[f"{lang}/{DOCUMENTS_PAGE}"] = documents_page(ctx)
    zh = section_names[SOURCE_LANGUAGE]
    # A flat nav: entries take each page's own (translated) title in each language.
    nav = ["index.md", *[f"{report.slug}.md" for report in corpus.reports], DOCUMENTS_PAGE, "about.md"]
    nav_translations = {
        lang: {zh[key]: names[key] for key in zh} for lang, names in section_names.items() if lang != SOURCE_LANGUAGE
    }
    return Site(pages, nav, nav_translations)


__all__ = ["LANGUAGES", "Site", "render_site"]
