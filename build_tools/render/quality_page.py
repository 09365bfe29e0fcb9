"""The "About the texts" page (``about-texts.md``): what the source check found, per report.

Input: the corpus after the transforms; the findings come from ``quality.find_issues``
(the same function ``python -m build_tools check`` prints from), so page and command
never disagree. Output: Markdown in the page language. The wording of every finding
lives here, as UI strings (``describe``, ``where``): the command prints them in English.
Pure: reads no file.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..quality import Finding, find_issues
from .context import RenderContext
from .corrections import QUALITY_PAGE, unit_anchor
from .inline import escape, front_matter, md_heading

Gettext = Callable[[str], str]
Ngettext = Callable[[str, str, int], str]

__all__ = ["QUALITY_PAGE", "describe", "place_of", "quality_page", "where"]


def _english_ngettext(singular: str, plural: str, n: int) -> str:
    return singular if n == 1 else plural


def kind_labels(_: Gettext) -> dict[str, str]:
    return {
        "foreign-script": _("Foreign script"),
        "half-width-punctuation": _("Half-width punctuation"),
        "dead-link": _("Dead link"),
        "wrong-link": _("Wrong link target"),
        "numbering": _("Numbering"),
        "heading-numbering": _("Heading numbering"),
        "footnote-missing-body": _("Footnote without text"),
        "footnote-missing-marker": _("Footnote without marker"),
        "resolution-date": _("Resolution date"),
        "resolution-prefix": _("Resolution symbol"),
        "pages-for-paragraphs": _("Pages for paragraphs"),
        "bad-input": _("Unreadable input"),
        "erratum": _("Erratum"),
    }


def kind_explanations(_: Gettext) -> dict[str, str]:
    """What each check looks for (shown on the page, in the order of the checks)."""
    return {
        "foreign-script": _("A word in Latin, Cyrillic or another non-Chinese script inside Chinese text, other "
                            "than document symbols, web addresses, labels such as (a), and a short list of names "
                            "that Chinese texts print in Latin letters."),
        "half-width-punctuation": _("Half-width commas, semicolons or colons in Chinese sentences, in a document "
                                    "that otherwise uses full-width ones; one finding per run of paragraphs."),
        "dead-link": _("A link in the source file that points nowhere (#). The edition links the cited document "
                       "itself instead."),
        "wrong-link": _("A link annotation of the PDF extraction whose target is not a document cited in the "
                        "text of its page (for example a report turned into a resolution symbol). The edition "
                        "never uses these annotations; it builds each link from the symbol in the text."),
        "heading-numbering": _("Sub-sections (A., B., …) or lettered sub-headings ((a), (b), …) that skip or "
                               "repeat a letter. Paragraph, item and footnote numbering is checked too: a gap, a "
                               "repeat or a footnote without its text stops the build."),
        "resolution-date": _("A year given for a resolution that it cannot have: a General Assembly resolution "
                             "N/x is adopted at session N, which runs from September 1945+N to September "
                             "1946+N; a Security Council resolution carries its year."),
        "resolution-prefix": _("A General Assembly resolution cited with the prefix of a document symbol "
                               "(A/63/308 instead of 63/308)."),
        "pages-for-paragraphs": _("Pages cited of a document whose paragraphs with the same numbers are cited "
                                  "elsewhere: paragraphs are probably meant."),
    }


def _script_name(script: str, _: Gettext) -> str:
    names = {
        "latin": _("Latin"), "cyrillic": _("Cyrillic"), "greek": _("Greek"), "arabic": _("Arabic"),
        "hebrew": _("Hebrew"),
    }
    return names.get(script, _("non-Chinese"))


def describe(finding: Finding, _: Gettext, ngettext: Ngettext = _english_ngettext) -> str:
    """The finding in words (English with the identity ``_``)."""
    a = finding.args
    code = finding.code
    if a.get("erratum"):
        return _('the source reads "{source}"; the edition prints "{corrected}"').format(**a)
    if finding.severity == "error":
        return a.get("message", code)  # reader messages: the build stops on them, never on a page
    if code == "foreign-script":
        count = int(a["words"])
        return ngettext('{script} word "{text}" inside Chinese text',
                        '{script} words "{text}" inside Chinese text', count).format(
            script=_script_name(a["script"], _), text=a["text"])
    if code == "half-width-punctuation":
        count = int(a["count"])
        return ngettext("{count} half-width punctuation mark ({half}) in Chinese text; the document "
                        "otherwise writes full-width ({full})",
                        "{count} half-width punctuation marks ({half}) in Chinese text; the document "
                        "otherwise writes full-width ({full})", count).format(**a)
    if code == "dead-link":
        return _('link "{text}" has no target (#)').format(**a)
    if code == "wrong-link":
        if "meant" in a:
            return _("link annotation {url} points to {symbol}, which the text of its page does not cite; "
                     "it was probably made from {meant}").format(**a)
        return _("link annotation {url} points to {symbol}, which the text of its page does not cite").format(**a)
    if code == "heading-numbering":
        return _("heading {found} where {expected} was expected").format(**a)
    if code == "resolution-date":
        if "session" in a:
            return _("resolution {resolution} is of session {session} ({years}), but the text dates it "
                     "{year}").format(**a)
        return _("resolution {resolution} is of {years}, but the text dates it {year}").format(**a)
    if code == "resolution-prefix":
        return _('resolution cited as "{text}", which is a document symbol; a General Assembly resolution is '
                 'cited by its number, "{number}"').format(**a)
    if code == "pages-for-paragraphs":
        elsewhere = "{symbol}, {place}".format(symbol=a["elsewhere"], place=place_of([a["elsewhere_unit"]], _))
        return _('"{text}" cites pages of "{document}", whose paragraphs with these numbers are cited '
                 "elsewhere ({elsewhere}); paragraphs are probably meant").format(
            text=a["text"], document=a["document"], elsewhere=elsewhere)
    return code


_PARAGRAPH = re.compile(r"^p(\d+)$")
_LETTER = re.compile(r"^p(\d+)-([a-z])$")
_BULLET = re.compile(r"^p(\d+)-(\d+)$")
_FOOTNOTE = re.compile(r"^fn(\d+)$")
_SUMMARY = re.compile(r"^summary-(\d+)$")


def _paragraph_number(unit_id: str) -> int | None:
    match = re.match(r"^p(\d+)", unit_id)
    return int(match.group(1)) if match else None


def place_of(unit_ids: list[str] | tuple[str, ...], _: Gettext) -> str:
    """``paragraph 24``, ``paragraphs 22–24``, ``footnote 2``, … in the language of ``_``."""
    if not unit_ids:
        return ""
    first, last = unit_ids[0], unit_ids[-1]
    a, b = _paragraph_number(first), _paragraph_number(last)
    if a is not None and b is not None and a != b:
        return _("paragraphs {first}–{last}").format(first=a, last=b)
    if m := _PARAGRAPH.match(first):
        return _("paragraph {number}").format(number=m.group(1))
    if m := _LETTER.match(first):
        return _("paragraph {number} ({label})").format(number=m.group(1), label=m.group(2))
    if m := _BULLET.match(first):
        return _("paragraph {number}, bullet {label}").format(number=m.group(1), label=m.group(2))
    if m := _FOOTNOTE.match(first):
        return _("footnote {number}").format(number=m.group(1))
    if m := _SUMMARY.match(first):
        return _("summary, paragraph {number}").format(number=m.group(1))
    if m := re.match(r"^s(\d+)$", first):
        return _("section {number}").format(number=m.group(1))
    if m := re.match(r"^s(\d+)-([a-z])$", first):
        return _("section {number}, part {label}").format(number=m.group(1), label=m.group(2).upper())
    if m := re.match(r"^h-p(\d+)", first):
        return _("heading before paragraph {number}").format(number=m.group(1))
    return first


def where(finding: Finding, _: Gettext) -> str:
    return place_of(finding.units, _)


def anchor_of(finding: Finding) -> str | None:
    """The anchor on the report page (``p24``, ``p22-24``, ``fn:fn2``), if any."""
    if not finding.units:
        return None
    first, last = finding.units[0], finding.units[-1]
    a, b = _paragraph_number(first), _paragraph_number(last)
    if a is not None and b is not None and a != b:
        return f"p{a}-{b}"
    return unit_anchor(first)


def quality_page(ctx: RenderContext, findings: list | None = None) -> str:
    """``findings``: the corpus's findings when already computed (once for all languages)."""
    _ = ctx.gettext
    findings = find_issues(ctx.corpus) if findings is None else findings
    labels = kind_labels(_)
    title = _("About the texts")
    out = front_matter(title)
    out += [
        md_heading(1, title, "title"),
        "",
        escape(_("The Chinese texts of this edition are published as received: the source files are never "
                 "edited. Each time the site is built, every source file is checked mechanically for slips "
                 "that a careful reader would notice: words in another script, punctuation of the wrong "
                 "width, links that lead nowhere or to the wrong document, numbering, and dates or symbols "
                 "that cannot be right. This page lists what the check found.")),
        "",
        escape(_("Where the right reading is certain, the edition prints it and marks it: the corrected "
                 "passage is underlined with dots and followed by a † marker that leads to a note giving the "
                 "source reading and the reason. Such findings are listed as corrected; the others are open and "
                 "the text is shown as the source has it.")),
        "",
    ]
    rows = []
    for report in ctx.corpus.reports:
        mine = [f for f in findings if f.report == report.slug]
        corrected = sum(1 for f in mine if f.status == "corrected")
        rows.append((report, len(mine), len(mine) - corrected, corrected))
    head = (_("Report"), _("Findings"), _("Open"), _("Corrected"))
    out += [md_heading(2, _("Overview"), "overview"), "",
            "| " + " | ".join(escape(h) for h in head) + " |", "| --- | ---: | ---: | ---: |"]
    for report, total, open_count, corrected in rows:
        out.append(f"| [{escape(report.symbol)}](#{report.slug}) | {total} | {open_count} | {corrected} |")
    out += ["", md_heading(2, _("What is checked"), "checks"), ""]
    for code, text in kind_explanations(_).items():
        out += [f'<div class="r2p-check" id="check-{code}" markdown>', "",
                f"**{escape(labels[code])}**: {escape(text)}", "", "</div>", ""]
    for report, total, _open, _corrected in rows:
        out += [md_heading(2, f"{report.symbol} {ctx.title(report)}", report.slug), ""]
        mine = [f for f in findings if f.report == report.slug]
        if not total:
            out += [escape(_("No findings.")), ""]
            continue
        out += ['<div class="r2p-findings" markdown>', ""]
        for finding in mine:
            out += [_entry(ctx, report.slug, finding, labels), ""]
        out += ["</div>", ""]
    return "\n".join(out).rstrip() + "\n"


def _entry(ctx: RenderContext, slug: str, finding: Finding, labels: dict[str, str]) -> str:
    """One finding: status, kind, where (linked), source line; then the finding in words."""
    _ = ctx.gettext
    source = finding.path.rsplit("/", 1)[-1]
    line = _("line {line} of {file}").format(line=finding.line, file=source)
    place = where(finding, _)
    anchor = anchor_of(finding)
    kind = escape(labels.get(finding.code, finding.code))
    if finding.code in kind_explanations(_):
        kind = f"[{kind}](#check-{finding.code})"
    if finding.status == "corrected":
        label = _("corrected")
        notes = " ".join(f"[†{n}]({slug}.md#corr-{n})" for n in finding.corrections)
        status = f'<span class="r2p-finding-corrected">{escape(label)}</span> {notes}'
    else:
        label = _("open")
        status = f'<span class="r2p-finding-open">{escape(label)}</span>'
    meta = [status, f"**{kind}**"]
    if anchor:
        meta.append(f"[{escape(place)}]({slug}.md#{anchor})")
    meta.append(f'<span class="r2p-finding-line">{escape(line)}</span>')
    message = escape(describe(finding, _, ctx.ngettext))
    return (f'<div class="r2p-finding r2p-finding--{finding.status}" markdown>\n'
            f"{' · '.join(meta)}<br>\n{message}\n</div>")
