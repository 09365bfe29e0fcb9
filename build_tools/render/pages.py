"""The site's own pages: home (the list of reports) and about."""

from __future__ import annotations

from ..i18n import SOURCE_LANGUAGE
from .context import RenderContext
from .inline import attr, escape, front_matter, md_heading
from .report_page import official_url


def home_page(ctx: RenderContext, extra_links: list[tuple[str, str, str]]) -> str:
    """``extra_links``: (page path, title, description) of the site's other pages."""
    _ = ctx.gettext
    out = front_matter(_("Home"))
    out += [
        md_heading(1, _("Reports of the Secretary-General on the responsibility to protect")),
        "",
        escape(_("A reference edition for reading, searching, citing and teaching: every paragraph has a "
                 "permanent link, every footnote and cited document is one click away, and each report "
                 "is published in Chinese with an English working translation.")),
        "",
        md_heading(2, _("Reports"), "reports"),
        "",
    ]
    for report in ctx.corpus.reports:
        count = ctx.ngettext("{count} paragraph", "{count} paragraphs", len(report.paragraphs)).format(
            count=len(report.paragraphs))
        notes = ctx.ngettext("{count} footnote", "{count} footnotes", len(report.footnotes)).format(
            count=len(report.footnotes))
        out += [
            f'<div class="r2p-report-card" markdown>\n'
            f"### [{escape(ctx.title(report))}]({report.slug}.md)\n\n"
            f"{escape(report.symbol)} · {escape(ctx.date(report))} · {escape(count)} · {escape(notes)}\n"
            "</div>",
            "",
        ]
    if extra_links:
        out += [md_heading(2, _("Tools for practitioners and trainers"), "tools"), ""]
        colon = _(": ")
        for path, title, description in extra_links:
            out.append(f"- [{escape(title)}]({path}){escape(colon)}{escape(description)}")
        out.append("")
    return "\n".join(out)


def about_page(ctx: RenderContext) -> str:
    _ = ctx.gettext
    out = front_matter(_("About this edition"))
    out += [
        md_heading(1, _("About this edition")),
        "",
        escape(_("This site is a reading edition of the reports of the United Nations Secretary-General on the "
                 "responsibility to protect, generated from the Chinese texts of the reports. It is not an "
                 "official publication of the United Nations.")),
        "",
        md_heading(2, _("Authoritative texts"), "authoritative"),
        "",
        escape(_("The authoritative texts of the reports, in the six official languages, are published by the "
                 "United Nations on the Official Document System, reachable at undocs.org:")),
        "",
    ]
    for report in ctx.corpus.reports:
        for lang in ("zh", "en"):
            url = official_url(report, lang)
            out.append(f'- {escape(report.symbol)} ({escape(lang)}): <a href="{attr(url)}" rel="noopener">'
                       f"{escape(url)}</a>")
    out += [
        "",
        md_heading(2, _("How the text was prepared"), "preparation"),
        "",
        escape(_("The Chinese source texts are kept exactly as received. The build joins lines that were "
                 "wrapped or split by page breaks, takes running headers, rules and link annotations out of "
                 "the text (they are recorded, not lost), and places each footnote where its marker stands. "
                 "Paragraph numbers are those of the reports, so a link to a paragraph never changes.")),
        "",
        escape(_("The English text is a working translation made for this site from the Chinese, paragraph by "
                 "paragraph. It is not the official English version; for quotation use the official text.")),
        "",
        md_heading(2, _("Citing and linking"), "citing"),
        "",
        escape(_("Every paragraph number is a permanent link (for example …/a-71-1016/#p24); a range such as "
                 "#p24-26 highlights several paragraphs; a list item has its own link (#p44-a). The copy "
                 "button next to a paragraph copies a citation with its link.")),
        "",
        md_heading(2, _("Data"), "data"),
        "",
        escape(_("The whole corpus (text, footnotes, references, glossary, recommendations) is published as "
                 "JSON for reuse:")) + f' <a href="{_site_root(ctx)}data/corpus.json">data/corpus.json</a>',
        "",
    ]
    return "\n".join(out)


def _site_root(ctx: RenderContext) -> str:
    """From a page's folder (/about/, /en/about/) back to the site root, where data/ is
    written after MkDocs has run (so a Markdown link, which MkDocs would check, cannot be used)."""
    return "../" if ctx.lang == SOURCE_LANGUAGE else "../../"
