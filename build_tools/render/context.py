"""What every renderer needs: the language, its UI strings, and the text of a unit in it."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..i18n import HTML_LANG, MARKER, SOURCE_LANGUAGE, format_day, with_markers
from ..model import Corpus, FootnoteRef, Report, TranslatedUnit
from .inline import Marker


@dataclass(frozen=True)
class UnitText:
    """The text of one unit in the page language, markers lifted out."""

    text: str
    markers: list[Marker]
    status: str  # source, translated, fuzzy, missing
    lang: str  # language the text is actually in


@dataclass
class RenderContext:
    lang: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]
    corpus: Corpus

    @property
    def html_lang(self) -> str:
        return HTML_LANG[self.lang]

    def date(self, report: Report) -> str:
        return format_day(report.date, self.lang)

    def title(self, report: Report) -> str:
        return report.title[self.lang]

    @property
    def other_lang(self) -> str:
        """The language shown beside this one in the side-by-side view."""
        return next(lang for lang in HTML_LANG if lang != self.lang)

    def unit(self, report: Report, unit_id: str, text: str, refs: list[FootnoteRef],
             lang: str | None = None) -> UnitText:
        """The unit in this language (or ``lang``); Chinese falls through unchanged."""
        lang = lang or self.lang
        if lang == SOURCE_LANGUAGE:
            return UnitText(text, [Marker(r.offset, r.number) for r in refs], "source", SOURCE_LANGUAGE)
        found = report.translations.get(lang, {}).get(unit_id)
        if found is None:
            found = TranslatedUnit(with_markers(text, refs), "missing")
        plain, markers = lift_markers(found.text)
        shown = SOURCE_LANGUAGE if found.status == "missing" else lang
        return UnitText(plain, markers, found.status, shown)

    def ui_json(self) -> str:
        """UI strings the page script needs, in this language (no string lives in the JS)."""
        _ = self.gettext
        strings = {
            "copy": _("Copy citation"),
            "copied": _("Citation copied"),
            "copy_failed": _("Could not copy; select the text and copy it by hand"),
            "paragraph": _("Paragraph"),
            "parallel": _("Side by side"),
            "single": _("This language only"),
            # handout buttons beside each paragraph (docs/assets/handout.js)
            "handout_add": _("Add to handout"),
            "handout_remove": _("Remove from handout"),
            "handout_added": _("Added to the handout"),
            "handout_removed": _("Removed from the handout"),
            "handout_open": _("Handout ({count})"),
        }
        return json.dumps(strings, ensure_ascii=False).replace("</", "<\\/")


def lift_markers(text: str) -> tuple[str, list[Marker]]:
    """``…之害。[^1]我们`` -> (``…之害。我们``, [Marker(offset, 1)])."""
    out = ""
    markers: list[Marker] = []
    pos = 0
    for match in MARKER.finditer(text):
        out += text[pos : match.start()]
        markers.append(Marker(len(out), int(match.group(1))))
        pos = match.end()
    out += text[pos:]
    return out, markers
