"""Recommendation checklists: ``report.recommendations`` -> checklist pages and downloads.

Input: the model (recommendations found by ``transforms.recommendations``) in one
language context. Output, pure (texts only; ``render_site`` places them):

* ``checklists/<slug>.md``: one page per report that has recommendations, grouped by
  the paragraph that lists them (and so by addressee);
* ``checklists/index.md``: all reports together, grouped by addressee group;
* downloads for each of them, beside the page: ``<name>.csv`` (UTF-8 with BOM so that
  Excel reads the Chinese) and ``<name>.md.txt`` (a Markdown task list; served as
  ``.txt`` because MkDocs would render a ``.md`` as a page, and saved as ``.md``
  through the link's ``download`` attribute).

Page DOM contract with ``docs/assets/checklist.js`` and ``checklist.css``:
``div.r2p-checklist`` > ``div.r2p-cl-group`` (``p.r2p-cl-progress``) >
``li.r2p-cl-item[data-item="<report>:<anchor>"]`` with ``input.r2p-cl-check``,
``textarea.r2p-cl-note-text`` and ``div.r2p-cl-note-print``; UI strings in
``script#r2p-checklist-ui``. The item's ``data-item`` is its storage key suffix, so
ticks and notes survive rebuilds and are shared by both pages and both languages.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from ..model import Corpus, Item, Paragraph, Recommendation, Report
from .context import RenderContext
from .inline import attr, escape, front_matter, md_heading
from .report_page import citation

CHECKLISTS_DIR = "checklists"
CHECKLISTS_PAGE = f"{CHECKLISTS_DIR}/index.md"
COMBINED_NAME = "all-reports"  # downloads of the combined checklist
GROUPS = ("member_states", "intergovernmental", "united_nations", "other")
CSV_HEADER = ("id", "group", "addressee", "text", "source", "source_url")

_EN_SENTENCES = re.compile(r"(?<=[.!?])\s+")
# Characters a Markdown reader could take as syntax in the downloaded task list.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass(frozen=True)
class Entry:
    """A recommendation with what its pages show of it in the page language."""

    rec: Recommendation
    report: Report
    paragraph: Paragraph
    item: Item
    text: str
    text_lang: str  # language the text is in (Chinese when no translation yet)
    addressee: str
    source: str  # citation: "A/71/1016–S/2017/556, paragraph 44 (a)"

    @property
    def dom_id(self) -> str:
        return f"{self.rec.report}-{self.rec.anchor}"


def group_label(ctx: RenderContext, group: str) -> str:
    _ = ctx.gettext
    labels = {
        "member_states": _("States and Member States"),
        "intergovernmental": _("Intergovernmental mechanisms and regional arrangements"),
        "united_nations": _("United Nations"),
        "other": _("Other actors"),
    }
    return labels[group]


def reports_with_checklists(ctx: RenderContext) -> list[Report]:
    return [report for report in ctx.corpus.reports if report.recommendations]


def page_path(report: Report) -> str:
    return f"{CHECKLISTS_DIR}/{report.slug}.md"


def entries(ctx: RenderContext, report: Report) -> list[Entry]:
    paragraphs = {p.number: p for p in report.paragraphs}
    out = []
    for rec in report.recommendations:
        paragraph = paragraphs[rec.paragraph]
        item = next(i for i in paragraph.items if i.id == rec.anchor)
        unit = ctx.unit(report, item.id, item.text, item.footnote_refs)
        out.append(Entry(rec, report, paragraph, item, unit.text, unit.lang, rec.addressee[ctx.lang],
                         citation(ctx, report, paragraph, item)))
    return out


def lead_sentence(ctx: RenderContext, entry: Entry) -> tuple[str, str]:
    """(the lead sentence that names the addressee, its language) in the page language."""
    if ctx.lang == "zh":
        return entry.rec.lead, "zh"
    unit = ctx.unit(entry.report, entry.paragraph.id, entry.paragraph.text, entry.paragraph.footnote_refs)
    if unit.lang == "zh":
        return entry.rec.lead, "zh"
    return _EN_SENTENCES.split(unit.text.strip())[-1], unit.lang


# -- pages ---------------------------------------------------------------------------------


def checklist_pages(ctx: RenderContext) -> dict[str, str]:
    """Pages of one language, paths relative to the language folder."""
    pages = {CHECKLISTS_PAGE: combined_page(ctx)}
    for report in reports_with_checklists(ctx):
        pages[page_path(report)] = report_checklist_page(ctx, report)
    return pages


def checklist_files(ctx: RenderContext) -> dict[str, str]:
    """Downloads of one language, paths relative to the language folder."""
    files: dict[str, str] = {}
    everything: list[Entry] = []
    for report in reports_with_checklists(ctx):
        found = entries(ctx, report)
        everything += found
        files[f"{CHECKLISTS_DIR}/{report.slug}.csv"] = checklist_csv(ctx, found)
        files[f"{CHECKLISTS_DIR}/{report.slug}.md.txt"] = checklist_markdown(
            ctx, _report_heading(ctx, report), _by_paragraph(ctx, found))
    ordered = [e for group in GROUPS for e in everything if e.rec.group == group]
    files[f"{CHECKLISTS_DIR}/{COMBINED_NAME}.csv"] = checklist_csv(ctx, ordered)
    files[f"{CHECKLISTS_DIR}/{COMBINED_NAME}.md.txt"] = checklist_markdown(
        ctx, _combined_heading(ctx), _by_group(ctx, everything))
    return files


def _report_heading(ctx: RenderContext, report: Report) -> str:
    _ = ctx.gettext
    return _("Checklist of recommendations: {title}").format(title=ctx.title(report))


def _combined_heading(ctx: RenderContext) -> str:
    _ = ctx.gettext
    return _("Recommendation checklists")


def report_checklist_page(ctx: RenderContext, report: Report) -> str:
    _ = ctx.gettext
    found = entries(ctx, report)
    nav_title = _("Checklist: {symbol}").format(symbol=report.symbols[0])
    intro = ctx.ngettext(
        "The {count} recommendation of this report, grouped by whom it addresses.",
        "The {count} recommendations of this report, grouped by whom they address.", len(found),
    ).format(count=len(found))
    read = _("Read the report")
    out = front_matter(nav_title, _report_heading(ctx, report))
    out += [
        md_heading(1, _report_heading(ctx, report), "title"),
        "",
        f'<p class="r2p-cl-meta" markdown="span">{escape(report.symbol)} · {escape(ctx.date(report))} · '
        f"[{escape(read)}](../{report.slug}.md)</p>",
        "",
        escape(_sentences(intro, _usage(ctx))),
        "",
        _downloads(ctx, report.slug),
        "",
    ]
    groups = [(f"p{number}", title, part) for number, title, part in _by_paragraph(ctx, found)]
    out += _checklist(ctx, report.slug, groups, show_report=False)
    return "\n".join(out).rstrip() + "\n"


def combined_page(ctx: RenderContext) -> str:
    _ = ctx.gettext
    everything = [e for report in reports_with_checklists(ctx) for e in entries(ctx, report)]
    title = _combined_heading(ctx)
    intro = _("The recommendations of all reports, grouped by whom they address: States, intergovernmental "
              "mechanisms and regional arrangements, and the United Nations.")
    out = front_matter(title, title)
    out += [md_heading(1, title, "title"), "", escape(_sentences(intro, _usage(ctx))), ""]
    reports = reports_with_checklists(ctx)
    if reports:
        label = _("Checklist of one report:")
        links = " · ".join(f"[{escape(r.symbol)}]({r.slug}.md)" for r in reports)
        out += [f"{escape(label)} {links}", "", _downloads(ctx, COMBINED_NAME), ""]
    else:
        out += [escape(_("No report has a recommendations section yet.")), ""]
        return "\n".join(out).rstrip() + "\n"
    out += _checklist(ctx, "all", _by_group(ctx, everything), show_report=True)
    return "\n".join(out).rstrip() + "\n"


def _sentences(first: str, second: str) -> str:
    """Two sentences as running text: Chinese full stops take no space after them."""
    return first + ("" if first.endswith(("。", "！", "？")) else " ") + second


def _usage(ctx: RenderContext) -> str:
    _ = ctx.gettext
    return _("Tick what has been done or discussed and add a note to any item. Ticks and notes are kept in "
             "this browser only: nothing is sent anywhere. Each item links to its place in the report.")


def _downloads(ctx: RenderContext, name: str) -> str:
    _ = ctx.gettext
    label = _("Download this checklist:")
    csv_text = _("CSV (Excel)")
    md_text = _("Markdown")
    saved = f"r2p-checklist-{name}-{ctx.lang}"
    return (
        f'<p class="r2p-cl-downloads" markdown="span">{escape(label)} '
        f'[{escape(csv_text)}]({name}.csv){{ download="{saved}.csv" }} · '
        f'[{escape(md_text)}]({name}.md.txt){{ download="{saved}.md" type="text/markdown" }}</p>'
    )


def _by_paragraph(ctx: RenderContext, found: list[Entry]) -> list[tuple[int, str, list[Entry]]]:
    """(paragraph number, heading, entries) in document order: one group per listing paragraph."""
    _ = ctx.gettext
    out: list[tuple[int, str, list[Entry]]] = []
    for entry in found:
        if not out or out[-1][0] != entry.rec.paragraph:
            title = _("{group} (paragraph {number})").format(
                group=group_label(ctx, entry.rec.group), number=entry.rec.paragraph)
            out.append((entry.rec.paragraph, title, []))
        out[-1][2].append(entry)
    return out


def _by_group(ctx: RenderContext, everything: list[Entry]) -> list[tuple[str, str, list[Entry]]]:
    return [(group, group_label(ctx, group), [e for e in everything if e.rec.group == group])
            for group in GROUPS if any(e.rec.group == group for e in everything)]


def _checklist(ctx: RenderContext, name: str, groups: list[tuple[str, str, list[Entry]]],
               show_report: bool) -> list[str]:
    """The interactive list: toolbar, then per group a heading, its progress and its items."""
    _ = ctx.gettext
    total = sum(len(part) for _key, _title, part in groups)
    out = [
        f'<script type="application/json" id="r2p-checklist-ui">{_ui_json(ctx)}</script>',
        "",
        f'<div class="r2p-checklist" data-checklist="{attr(name)}" markdown>',
        "",
        _toolbar(ctx, total),
        "",
    ]
    for key, title, part in groups:
        out += [f'<div class="r2p-cl-group" data-group="{attr(key)}" markdown>', "",
                md_heading(2, title, f"group-{key}"), "",
                '<p class="r2p-cl-progress" hidden></p>', ""]
        paragraph_key = None
        for entry in part:
            this = (entry.rec.report, entry.rec.paragraph)
            if this != paragraph_key:
                if paragraph_key is not None:
                    out += ["</ul>", ""]
                out += [_lead(ctx, entry, show_report), "", '<ul class="r2p-cl-items" markdown>', ""]
                paragraph_key = this
            out += [_item(ctx, entry), ""]
        out += ["</ul>", "", "</div>", ""]
    out += ["</div>", ""]
    return out


def _toolbar(ctx: RenderContext, total: int) -> str:
    _ = ctx.gettext
    label = _("Checklist tools")
    print_text, reset_text = _("Print"), _("Reset")
    reset_help = _("Clear all ticks and notes of this page")
    # Hidden until checklist.js runs: without the script these controls could do nothing.
    return (
        f'<div class="r2p-cl-toolbar" role="group" aria-label="{attr(label)}" hidden>'
        f'<span class="r2p-cl-total" aria-live="polite" data-total="{total}"></span>'
        f'<button type="button" class="md-button r2p-cl-print">{escape(print_text)}</button>'
        f'<button type="button" class="md-button r2p-cl-reset" title="{attr(reset_help)}">'
        f"{escape(reset_text)}</button></div>"
    )


def _lead(ctx: RenderContext, entry: Entry, show_report: bool) -> str:
    """The paragraph's lead sentence, linked to the paragraph."""
    _ = ctx.gettext
    text, lang = lead_sentence(ctx, entry)
    where = citation(ctx, entry.report, entry.paragraph) if show_report else _("Paragraph {number}").format(
        number=entry.rec.paragraph)
    lang_attr = f' lang="{attr(lang)}"' if lang != ctx.lang else ""
    sep = _separator(ctx)
    return (f'<p class="r2p-cl-lead" markdown="span">[{escape(where)}](../{entry.rec.report}.md#{entry.paragraph.id})'
            f"{escape(sep)}<span{lang_attr}>{escape(text)}</span></p>")


def _separator(ctx: RenderContext) -> str:
    _ = ctx.gettext
    # Translators: between a citation and the quoted sentence ("Paragraph 44: All Member States can:").
    return _(": ")


def _item(ctx: RenderContext, entry: Entry) -> str:
    _ = ctx.gettext
    box_id, note_id = f"r2p-cl-{entry.dom_id}", f"r2p-cl-note-{entry.dom_id}"
    label = f"({entry.rec.label})" if entry.item.kind == "letter" else f"{entry.rec.label}."
    lang_attr = f' lang="{attr(entry.text_lang)}"' if entry.text_lang != ctx.lang else ""
    note_label = _("Note")
    note_help = _("Note on this item (kept in this browser)")
    addressee = _("Addressed to: {addressee}").format(addressee=entry.addressee)
    source = _("Source: {citation}").format(citation=entry.source)
    return "\n".join([
        f'<li class="r2p-cl-item" id="{attr(entry.dom_id)}" data-item="{attr(entry.rec.id)}" markdown>',
        f'<div class="r2p-cl-row"><input type="checkbox" class="r2p-cl-check" id="{attr(box_id)}">'
        f'<label for="{attr(box_id)}"><span class="r2p-cl-label">{escape(label)}</span> '
        f"<span{lang_attr}>{escape(entry.text)}</span></label></div>",
        f'<p class="r2p-cl-source" markdown="span"><span class="r2p-cl-addressee">{escape(addressee)}</span> · '
        f"[{escape(source)}](../{entry.rec.report}.md#{entry.rec.anchor})</p>",
        f'<details class="r2p-cl-note"><summary>{escape(note_label)}</summary>'
        f'<label class="r2p-cl-note-label" for="{attr(note_id)}">{escape(note_help)}</label>'
        f'<textarea class="r2p-cl-note-text" id="{attr(note_id)}" rows="3"></textarea></details>',
        '<div class="r2p-cl-note-print" hidden></div>',
        "</li>",
    ])


def _ui_json(ctx: RenderContext) -> str:
    """Strings checklist.js shows (none lives in the script)."""
    _ = ctx.gettext
    strings = {
        # Translators: progress of a checklist group; {done} and {total} are numbers.
        "progress": _("{done} of {total} done"),
        "reset_confirm": _("Clear all ticks and notes of this page? This cannot be undone."),
        "reset_done": _("Ticks and notes cleared."),
        "no_storage": _("This browser does not allow the page to save: ticks and notes will be lost when the "
                        "page is closed."),
        "note_printed": _("Note:"),
    }
    return json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")


# -- downloads -------------------------------------------------------------------------------


def source_url(ctx: RenderContext, rec: Recommendation) -> str:
    """The item's place on the site, relative to the site root (the site sets no absolute URL)."""
    prefix = "" if ctx.lang == "zh" else f"{ctx.lang}/"
    return f"{prefix}{rec.report}/#{rec.anchor}"


def checklist_csv(ctx: RenderContext, found: list[Entry]) -> str:
    """CSV, one row per item; starts with a BOM so that Excel takes it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in found:
        writer.writerow([entry.rec.id, group_label(ctx, entry.rec.group), entry.addressee, entry.text,
                         entry.source, source_url(ctx, entry.rec)])
    return "\ufeff" + buffer.getvalue()


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def checklist_markdown(ctx: RenderContext, heading: str, groups) -> str:
    """A Markdown task list: ``- [ ] (a) text — addressee · citation`` under headings per group."""
    _ = ctx.gettext
    out = [f"# {_md(heading)}", "", _md(_("From the reference edition of the reports on the responsibility to "
                                          "protect. Each item gives its source in the report.")), ""]
    for _key, title, part in groups:
        out += [f"## {_md(title)}", ""]
        paragraph_key = None
        for entry in part:
            if (entry.rec.report, entry.rec.paragraph) != paragraph_key:
                paragraph_key = (entry.rec.report, entry.rec.paragraph)
                lead, _lang = lead_sentence(ctx, entry)
                where = citation(ctx, entry.report, entry.paragraph)
                if out[-1] != "":
                    out.append("")
                out += [f"> {_md(where)}{_md(_separator(ctx))}{_md(lead)}", ""]
            label = f"({entry.rec.label})" if entry.item.kind == "letter" else f"{entry.rec.label}."
            out.append(f"- [ ] {_md(label)} {_md(entry.text)} — {_md(entry.addressee)} · {_md(entry.source)}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def checklist_nav(corpus: Corpus) -> list[str]:
    """Nav entries (paths in a language folder): the combined page, then one per report."""
    return [CHECKLISTS_PAGE, *[page_path(r) for r in corpus.reports if r.recommendations]]
