"""A report -> its reading page: front matter, summary, sections, numbered paragraphs
with permalinks, items, footnotes. Pure: returns Markdown, writes nothing."""

from __future__ import annotations

from ..i18n import HTML_LANG
from ..model import Footnote, FootnoteRef, Heading, Item, Paragraph, Reference, Report, TermMatch
from .context import RenderContext, UnitText
from .corrections import correction_spans, corrections_section, report_corrections, trailing_markers
from .documents import cited_by_index, cited_by_note, report_documents_section
from .inline import Span, attr, escape, front_matter, md_heading, render_inline
from .links import en_spans, zh_spans
from .terms import find_english_terms, term_spans


def citation(ctx: RenderContext, report: Report, paragraph: Paragraph, item: Item | None = None) -> str:
    """``A/71/1016–S/2017/556，第 24 段`` in the page language."""
    _ = ctx.gettext
    if item is None:
        return _("{symbol}, paragraph {number}").format(symbol=report.symbol, number=paragraph.number)
    if item.kind == "letter":
        return _("{symbol}, paragraph {number} ({label})").format(
            symbol=report.symbol, number=paragraph.number, label=item.label)
    return _("{symbol}, paragraph {number}, bullet {label}").format(
        symbol=report.symbol, number=paragraph.number, label=item.label)


def official_url(report: Report, lang: str) -> str:
    return f"https://undocs.org/{lang}/{report.symbols[0]}"


class ReportPage:
    """Renders one report page. ``cited_by`` gives the note for a paragraph cited elsewhere."""

    def __init__(self, ctx: RenderContext, report: Report) -> None:
        self.ctx = ctx
        self.report = report
        self.cited_by_index = cited_by_index(ctx.corpus)
        self.references: dict[str, list[Reference]] = {}
        self.term_matches: dict[str, list[TermMatch]] = {}
        for unit in [*report.paragraphs, *(i for p in report.paragraphs for i in p.items), *report.footnotes]:
            self.references[unit.id] = unit.references
            self.term_matches[unit.id] = unit.terms
        for summary in report.summary:
            self.references[summary.id] = summary.references
        self.terms = {term.id: term for term in ctx.corpus.terms}
        self.corrections = report_corrections(report)  # unit id -> editorial corrections
        self.marked: set[str] = set()  # terms already marked in the current paragraph

    def spans(self, unit_id: str, text: str, lang: str) -> list[Span]:
        """Links for the citations of one unit, then its glossary terms (each term once per
        paragraph), in the language its text is in."""
        references = self.references.get(unit_id, [])
        if lang == "zh":
            links = zh_spans(references, self.ctx.lang, self.report.slug)
            matches = self.term_matches.get(unit_id, [])
        else:
            links = en_spans(text, references, self.report.slug, self.report)
            matches = find_english_terms(text, self.ctx.corpus.terms)
        terms = term_spans(matches, self.terms, self.ctx.lang, links, self.marked)
        corrected = correction_spans(self.ctx, self.corrections.get(unit_id, []), lang)
        return sorted(links + terms + corrected, key=lambda span: span.start)

    def corrected(self, unit_id: str, lang: str) -> tuple[list[Span], str]:
        """Correction spans (Chinese text) or trailing correction markers (a translation)."""
        corrections = self.corrections.get(unit_id, [])
        return correction_spans(self.ctx, corrections, lang), trailing_markers(self.ctx, corrections, lang)

    def render(self) -> str:
        ctx, report = self.ctx, self.report
        _ = ctx.gettext
        out = [
            *front_matter(ctx.title(report), f"{report.symbol} — {ctx.title(report)}"),
            f'<script type="application/json" id="r2p-ui">{ctx.ui_json()}</script>',
            "",
            f"# {escape(ctx.title(report))} {{ #title }}",
            "",
            self._docmeta(),
            "",
        ]
        whole = self.cited_by_index.get((report.slug, ""))
        if whole:
            out += [cited_by_note(ctx, whole), ""]
        if ctx.lang != "zh":
            out += [self._translation_notice(), ""]
        out += [self._view_switch(), ""]
        if report.recommendations:
            label = _("The recommendations of this report as a checklist")
            out += [f'<p class="r2p-checklist-link" markdown>[{escape(label)}](checklists/{report.slug}.md)</p>', ""]
        if report.summary:
            out += [md_heading(2, _("Summary"), "summary"), ""]
            for summary in report.summary:
                out += [self._block("r2p-summary", summary.id, None, (summary.text, []), ""), ""]
        for block in report.body:
            if isinstance(block, Heading):
                out += [self._heading(block), ""]
            else:
                out += [self._paragraph(block), ""]
        out += report_documents_section(ctx, report)
        out += corrections_section(ctx, report)
        out += self._footnotes()
        return "\n".join(out).rstrip() + "\n"

    # -- pieces ------------------------------------------------------------------------

    def _docmeta(self) -> str:
        ctx, report = self.ctx, self.report
        _ = ctx.gettext
        # Translators: separates the entries of a list written on one line.
        separator = _("; ")
        agenda = separator.join(
            _("item {number}: {title}").format(number=a.number, title=a.title[ctx.lang])
            for a in report.agenda_items
        )
        sessions = separator.join(self._session(s) for s in report.sessions)
        rows = [
            (_("Symbol"), report.symbol),
            (_("Date"), ctx.date(report)),
            (_("Document"), report.document_type[ctx.lang]),
            (_("Sessions"), sessions),
            (_("Agenda items"), agenda),
        ]
        cells = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
        label, link = _("Official text"), _("undocs.org (all six official languages)")
        official = (
            f"<dt>{escape(label)}</dt><dd>"
            f'<a href="{attr(official_url(report, ctx.lang))}" rel="noopener">{escape(link)}</a></dd>'
        )
        return f'<dl class="r2p-docmeta">{cells}{official}</dl>'

    def _view_switch(self) -> str:
        """Buttons for the side-by-side view (shown by parallel.js; inert without script)."""
        _ = self.ctx.gettext
        group, single, parallel = _("View"), _("This language only"), _("Side by side")
        return (
            f'<div class="r2p-viewswitch" role="group" aria-label="{attr(group)}" hidden>'
            f'<button type="button" data-view="single" aria-pressed="true">{escape(single)}</button>'
            f'<button type="button" data-view="parallel" aria-pressed="false">{escape(parallel)}</button>'
            "</div>"
        )

    def _session(self, session) -> str:
        _ = self.ctx.gettext
        if session.organ == "general_assembly":
            # Translators: {label} is the session as the Chinese cover page writes it (第七十一届会议).
            return _("General Assembly, session {number}").format(number=session.number, label=session.zh)
        if session.organ == "security_council":
            return _("Security Council, year {number}").format(number=session.number, label=session.zh)
        return f"{session.organ} {session.number}"

    def _translation_notice(self) -> str:
        _ = self.ctx.gettext
        report = self.report
        text = _("This English text is an unofficial working translation made for this site from the "
                 "Chinese version. It is not the official English text of the United Nations.")
        link = _("Official English text of {symbol}").format(symbol=report.symbol)
        title = _("Unofficial working translation")
        return (
            '<div class="admonition warning r2p-unofficial" markdown>\n'
            f'<p class="admonition-title">{escape(title)}</p>\n\n'
            f"{escape(text)} "
            f'<a href="{attr(official_url(report, "en"))}" rel="noopener">{escape(link)}</a>\n'
            "</div>"
        )

    def _heading(self, heading: Heading) -> str:
        ctx, report = self.ctx, self.report
        unit = ctx.unit(report, heading.id, heading.text, heading.footnote_refs)
        if heading.level == "section":
            prefix, level = f"{heading.label}. " if ctx.lang == "zh" else f"{_roman(heading.number)}. ", 2
        elif heading.level == "subsection":
            prefix, level = f"{heading.label}. ", 3
        else:
            prefix = f"({heading.label}) " if heading.label else ""
            level = 4 if self._under_subsection(heading) else 3
        spans, trailing = self.corrected(heading.id, unit.lang)
        text = escape(prefix) + render_inline(unit.text, unit.markers, spans) + trailing
        attrs = f"#{heading.id}" + (f' lang="{HTML_LANG[unit.lang]}"' if unit.lang != ctx.lang else "")
        return f"{'#' * level} {text}{self._status(unit)} {{ {attrs} }}"

    def _under_subsection(self, heading: Heading) -> bool:
        inside = False
        for block in self.report.body:
            if block is heading:
                return inside
            if isinstance(block, Heading) and block.level != "subheading":
                inside = block.level == "subsection"
        return False

    def _paragraph(self, paragraph: Paragraph) -> str:
        ctx, report = self.ctx, self.report
        self.marked = set()
        parts = [self._block("r2p-para", paragraph.id, citation(ctx, report, paragraph),
                             (paragraph.text, paragraph.footnote_refs), f"{paragraph.number}.", close=False)]
        for item in paragraph.items:
            label = f"({item.label})" if item.kind == "letter" else "•"
            parts.append("")
            parts.append(self._block("r2p-item", item.id, citation(ctx, report, paragraph, item),
                                     (item.text, item.footnote_refs), label))
        places = self.cited_by_index.get((report.slug, paragraph.id))
        if places:
            parts += ["", cited_by_note(ctx, places)]
        parts += ["", "</div>"]
        return "\n".join(parts)

    def _block(self, css: str, anchor: str, cite: str | None, source: tuple[str, list[FootnoteRef]],
               label: str, close: bool = True) -> str:
        """A paragraph, item or summary paragraph: its text in the page language, and the
        same unit in the other language for the side-by-side view (hidden until chosen,
        left out of the search index)."""
        ctx, report = self.ctx, self.report
        unit = ctx.unit(report, anchor, *source)
        attrs = [f'class="{css}"', f'id="{attr(anchor)}"']
        if cite:
            attrs.append(f'data-cite="{attr(cite)}"')
        permalink = f'<a class="r2p-pnum" href="#{attr(anchor)}">{escape(label)}</a> ' if label else ""
        body = render_inline(unit.text, unit.markers, self.spans(anchor, unit.text, unit.lang))
        body += self.corrected(anchor, unit.lang)[1]
        main_lang = f' lang="{HTML_LANG[unit.lang]}"' if unit.lang != ctx.lang else ""
        other = ctx.unit(report, anchor, *source, lang=ctx.other_lang)
        other_spans, other_trailing = self.corrected(anchor, other.lang)
        parallel = render_inline(other.text, other.markers, other_spans, footnote_links=False) + other_trailing
        lines = [
            f'<div {" ".join(attrs)} markdown>',
            f'<div class="r2p-main"{main_lang} markdown>',
            f"{permalink}{body}{self._status(unit)}",
            "</div>",
            f'<div class="r2p-parallel" lang="{HTML_LANG[other.lang]}" data-search-exclude markdown>',
            f"{escape(label) + ' ' if label else ''}{parallel}{self._status(other)}",
            "</div>",
        ]
        if close:
            lines.append("</div>")
        return "\n".join(lines)

    def _status(self, unit: UnitText) -> str:
        _ = self.ctx.gettext
        if unit.status == "fuzzy":
            css, note = "r2p-fuzzy", _("translation under review")
        elif unit.status == "missing":
            css, note = "r2p-missing", _("not yet translated: Chinese original shown")
        else:
            return ""
        return f' <span class="r2p-status {css}">{escape(note)}</span>'

    def _footnotes(self) -> list[str]:
        out: list[str] = []
        for note in self.report.footnotes:
            out.append(self._footnote(note))
        if out:
            out.insert(0, "")
        return out

    def _footnote(self, note: Footnote) -> str:
        self.marked = set()
        unit = self.ctx.unit(self.report, note.id, note.text, [])
        text = render_inline(unit.text, [], self.spans(note.id, unit.text, unit.lang))
        text += self.corrected(note.id, unit.lang)[1]
        return f"[^fn{note.number}]: {text}{self._status(unit)}"


def _roman(number: int | None) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    value, out = number or 0, ""
    for size, numeral in numerals:
        while value >= size:
            out += numeral
            value -= size
    return out

