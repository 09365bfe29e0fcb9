"""The handout page (``handout.md`` in each language): a trainer's collection of passages.

Stage 3 (render), pure: corpus + language -> Markdown. The page itself is a frame: the
handout is built in the browser by ``docs/assets/handout.js`` from the page's address
(format: ``build_tools/handout_links.py``) and the published corpus (``data/corpus.js``).
This module gives that script its UI strings (``script#r2p-handout-ui``), the links to
the report pages (MkDocs rewrites them for directory URLs, ``.html`` pages and the
language folders, so the script never guesses a URL), and the page's static text.
"""

from __future__ import annotations

import json

from ..handout_links import Handout, Heading, Note, Passage, encode
from ..model import Report
from .context import RenderContext
from .inline import attr, escape, front_matter, md_heading

HANDOUT_PAGE = "handout.md"


def handout_title(ctx: RenderContext) -> str:
    _ = ctx.gettext
    return _("Handout")


def handout_description(ctx: RenderContext) -> str:
    _ = ctx.gettext
    return _("passages from any report gathered into a reading to reorder, annotate, print and share by link")


def handout_strings(ctx: RenderContext) -> dict[str, str]:
    """Everything ``handout.js`` shows on the handout page, in the page language."""
    _ = ctx.gettext
    return {
        # toolbar
        "toolbar": _("Handout tools"),
        "print": _("Print"),
        "copy_link": _("Copy link"),
        "link_copied": _("Link copied"),
        "copy_failed": _("Could not copy; select the link below and copy it by hand"),
        "markdown": _("Download Markdown"),
        "text": _("Download plain text"),
        "view": _("Show"),
        "parallel": _("Side by side"),
        "single": _("This language only"),
        "clear": _("Clear"),
        "cleared": _("The handout was cleared."),
        "undo": _("Undo"),
        # the document
        "title_label": _("Title of the handout"),
        "title_placeholder": _("Untitled handout"),
        "untitled": handout_title(ctx),
        "heading_label": _("Section heading"),
        "note_label": _("Note"),
        "add_heading": _("Add a heading"),
        "add_note": _("Add a note"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "remove": _("Remove"),
        "notes": _("Footnotes"),
        "lang_zh": _("Chinese"),
        "lang_en": _("English"),
        "missing": _("not yet translated: Chinese original shown"),
        "fuzzy": _("translation under review"),
        "translation_note": _("The English texts are unofficial working translations made for this site from the "
                              "Chinese; for quotation use the official texts of the United Nations."),
        "link_label": _("Link to this handout:"),
        "empty": _("The handout is empty. Open a report and press the add button beside any paragraph: the "
                   "passages you collect appear here, in the order you choose."),
        # citations (the same wording as the report pages' copy button)
        "cite_para": _("{symbol}, paragraph {number}"),
        "cite_letter": _("{symbol}, paragraph {number} ({label})"),
        "cite_bullet": _("{symbol}, paragraph {number}, bullet {label}"),
        "cite_range": _("{symbol}, paragraphs {first}–{last}"),
        # loading and problems
        "loading": _("Loading the texts…"),
        "load_failed": _("The texts of the reports could not be loaded; the passages are listed by their "
                         "citations only."),
        "problems": _("Some parts of this link were not found or could not be read; they are marked below."),
        "unknown_report": _("Not found: there is no report “{slug}” in this edition ({entry})."),
        "unknown_passage": _("Not found: {symbol} has no paragraph {ref} ({entry})."),
        "unreadable": _("This part of the link could not be read: “{text}”"),
        "dropped": _("The link is too long: {count} further entries were left out."),
        "newer": _("This link was made by a newer version of this site; some parts may not show."),
        "linked": _("This handout was opened from a link. Your own collection in progress is kept as it was."),
        "keep": _("Make this my collection"),
        "mine": _("Show my collection"),
    }


def _json_block(element_id: str, data: dict[str, str]) -> str:
    text = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def example_handout(ctx: RenderContext) -> Handout | None:
    """A small handout from the first report (for the page's explanation of links)."""
    _ = ctx.gettext
    report: Report | None = next((r for r in ctx.corpus.reports if len(r.paragraphs) >= 3), None)
    if report is None:
        return None
    first, second, third = report.paragraphs[:3]
    return Handout(
        title=_("Session 1"),
        entries=[
            Passage(report.slug, f"{first.number}-{second.number}"),
            Heading(_("Discussion")),
            Note(_("Read in pairs, then compare.")),
            Passage(report.slug, str(third.number)),
        ],
    )


def handout_page(ctx: RenderContext) -> str:
    _ = ctx.gettext
    title = handout_title(ctx)
    out = [
        *front_matter(title),
        f'<script type="application/json" id="r2p-ui">{ctx.ui_json()}</script>',
        _json_block("r2p-handout-ui", handout_strings(ctx)),
        "",
        md_heading(1, title, "title"),
        "",
        escape(_("Collect paragraphs from any report into a reading for a training session. Each passage keeps "
                 "its citation and a link back to its place in the report. Reorder the passages, add a title, "
                 "section headings and notes, then print the handout, download it, or share its link.")),
        "",
        # handout.js builds the handout here; without JavaScript the rest of the page still explains.
        '<div id="r2p-handout" class="r2p-ho" aria-live="off"></div>',
        "",
        md_heading(2, _("Reports to collect from"), "sources"),
        "",
    ]
    for report in ctx.corpus.reports:
        # The script takes each report page's URL from these links.
        out.append(f"- [{escape(ctx.title(report))}]({report.slug}.md)"
                   f'{{ data-r2p-report="{attr(report.slug)}" }} — {escape(report.symbol)}')
    out += [
        "",
        md_heading(2, _("Sharing a handout"), "sharing"),
        "",
        escape(_("The whole handout lives in the address of this page, after the # sign: the passages in "
                 "their order, the title, the headings and the notes. Copy the address to share the handout, "
                 "bookmark it or put it in slides; no account and no server are needed. The same link opened "
                 "in the other language shows the same passages in that language. The collection you are "
                 "working on is also kept in this browser until you clear it.")),
        "",
    ]
    example = example_handout(ctx)
    if example is not None:
        fragment = "#" + encode(example)
        lead = _("How a link is made, for example:")
        parts = [
            _("v1: the version of the link format"),
            _("t=…: the title; h=…: a section heading; n=…: a note (text percent-encoded as UTF-8)"),
            _("m=p: both languages side by side"),
            _("report:paragraph, as in the paragraph links of the report pages: 24 is a paragraph, "
              "24-26 a range of paragraphs, 44-a an item of a list"),
        ]
        out += [
            f'{escape(lead)} <a class="r2p-ho-example" href="{attr(fragment)}"><code>{escape(fragment)}</code></a>',
            "",
            *[f"- {escape(part)}" for part in parts],
            "",
        ]
    return "\n".join(out)
