"""Editorial corrections on a report page: the marked span, its marker, and the list of notes.

Input: the ``Correction``s that the errata transform put on each unit. Output: spans for
``render_inline`` (Chinese text: the corrected reading underlined, the source reading
and the reason in its ``title``, a † marker linking to the note) and the Markdown of the
"Editorial corrections" section, where every note is reachable by keyboard and screen
reader (the ``title`` alone would not be). Pure: returns text.
"""

from __future__ import annotations

import re

from ..i18n import HTML_LANG, SOURCE_LANGUAGE
from ..model import Correction, Report
from .context import RenderContext
from .inline import Span, attr, escape, md_heading

QUALITY_PAGE = "about-texts.md"


def report_corrections(report: Report) -> dict[str, list[Correction]]:
    """unit id -> its corrections (in text order)."""
    out: dict[str, list[Correction]] = {}
    units = [*report.summary, *report.body, *(i for p in report.paragraphs for i in p.items), *report.footnotes]
    for unit in units:
        if unit.corrections:
            out[unit.id] = sorted(unit.corrections, key=lambda c: c.start)
    return out


def marker_label(correction: Correction) -> str:
    return f"†{correction.number}"


def note_id(correction: Correction) -> str:
    return f"corr-{correction.number}"


def correction_spans(ctx: RenderContext, corrections: list[Correction], text_lang: str) -> list[Span]:
    """Spans for the Chinese text; an English text gets ``trailing_markers`` instead (its
    wording is ours, so the corrected stretch has no position in it)."""
    if text_lang != SOURCE_LANGUAGE:
        return []
    _ = ctx.gettext
    spans = []
    for correction in corrections:
        title = _("The source reads “{source}”. {reason}").format(
            source=correction.source, reason=correction.reason[ctx.lang])
        note = _("Editorial correction {number}").format(number=correction.number)
        spans.append(Span(correction.start, correction.end, f"#{note_id(correction)}", "r2p-correction",
                          title=title, kind="correction", label=marker_label(correction), note=note))
    return spans


def trailing_markers(ctx: RenderContext, corrections: list[Correction], text_lang: str) -> str:
    """Markers after a translated text whose Chinese was corrected."""
    if text_lang == SOURCE_LANGUAGE or not corrections:
        return ""
    _ = ctx.gettext
    out = []
    for correction in corrections:
        note = _("Editorial correction {number}").format(number=correction.number)
        title = _("The source reads “{source}”. {reason}").format(
            source=correction.source, reason=correction.reason[ctx.lang])
        out.append(f'<sup class="r2p-corr-ref"><a href="#{note_id(correction)}" aria-label="{escape(note)}" '
                   f'title="{escape(title)}">{escape(marker_label(correction))}</a></sup>')
    return "".join(out)


def unit_label(ctx: RenderContext, unit_id: str) -> str:
    """``paragraph 24`` / ``footnote 2`` / … in the page language."""
    from .quality_page import place_of

    return place_of([unit_id], ctx.gettext)


def unit_anchor(unit_id: str) -> str:
    return f"fn:{unit_id}" if unit_id.startswith("fn") else unit_id


def fill(template: str, **parts: str) -> str:
    """A translated template with HTML ``parts`` for its {placeholders}; the template's own
    words are escaped (``str.format`` cannot be used: escaping turns braces into entities)."""
    pieces = re.split(r"\{(\w+)\}", template)
    out = []
    for index, piece in enumerate(pieces):
        out.append(parts[piece] if index % 2 else escape(piece))
    return "".join(out)


def corrections_section(ctx: RenderContext, report: Report) -> list[str]:
    """The notes: where, what the source reads, what the edition prints, and why."""
    by_unit = report_corrections(report)
    if not by_unit:
        return []
    _ = ctx.gettext
    zh = HTML_LANG[SOURCE_LANGUAGE]
    intro = _("The edition corrects these slips of the Chinese source text. The source file itself is kept as "
              "received; each corrected passage is underlined with dots and followed by a † marker that leads "
              "here.")
    more = _("All findings of the source check")
    # Translators: {source} and {corrected} are the two readings (shown in quotation marks).
    template = _("{place}: the source reads {source}; the edition prints {corrected}. {reason}")
    out = [md_heading(2, _("Editorial corrections"), "corrections"), "",
           f"{escape(intro)} [{escape(more)}]({QUALITY_PAGE}#{report.slug})", "",
           '<ol class="r2p-corrections">']
    notes = sorted(((c, uid) for uid, cs in by_unit.items() for c in cs), key=lambda pair: pair[0].number)
    for correction, unit_id in notes:
        note = fill(template,
                    place=f'<a href="#{attr(unit_anchor(unit_id))}">{escape(unit_label(ctx, unit_id))}</a>',
                    source=f'<q lang="{zh}">{escape(correction.source)}</q>',
                    corrected=f'<q lang="{zh}">{escape(correction.corrected)}</q>',
                    reason=escape(correction.reason[ctx.lang]))
        out.append(f'<li id="{note_id(correction)}" value="{correction.number}">{note}</li>')
    out += ["</ol>", ""]
    return out
