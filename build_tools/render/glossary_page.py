"""The glossary page: terms sorted for each language (pinyin for Chinese, alphabetical
for English) with a jump bar, definitions, where each term is introduced, and every
paragraph it occurs in with counts per report."""

from __future__ import annotations

from collections import Counter, defaultdict

from pypinyin import lazy_pinyin

from ..model import Corpus, Report, Term
from .context import RenderContext
from .inline import escape, front_matter, md_heading
from .terms import GLOSSARY_PAGE


def sort_key(term: Term, lang: str) -> tuple:
    if lang == "zh":
        return (" ".join(lazy_pinyin(term.zh)).lower(), term.zh)
    return (term.en.lower(), term.id)


def initial(term: Term, lang: str) -> str:
    first = sort_key(term, lang)[0][:1].upper()
    return first if first.isalpha() else "#"


def occurrences(corpus: Corpus, term_id: str) -> dict[str, Counter]:
    """report slug -> Counter of anchors (paragraph or footnote) -> occurrences there."""
    return occurrence_index(corpus).get(term_id, {})


def occurrence_index(corpus: Corpus) -> dict[str, dict[str, Counter]]:
    """``occurrences`` of every term, in one pass over the corpus (term id -> report slug ->
    anchor -> count; reports and anchors in text order). Pages that list all terms take
    this once: one pass per term made the glossary cost terms x units."""
    index: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for report in corpus.reports:
        for unit_anchor, matches in units_with_terms(report):
            for match in matches:
                index[match.term][report.slug][unit_anchor] += 1
    return index


def units_with_terms(report: Report):
    """(page anchor, term matches) for each paragraph (items included) and footnote."""
    for paragraph in report.paragraphs:
        matches = list(paragraph.terms)
        for item in paragraph.items:
            matches.extend(item.terms)
        yield paragraph.id, matches
    for note in report.footnotes:
        yield f"fn:{note.id}", note.terms


def _anchor_label(ctx: RenderContext, anchor: str) -> str:
    _ = ctx.gettext
    if anchor.startswith("fn:"):
        return _("footnote {number}").format(number=anchor[5:])
    return _("para. {number}").format(number=anchor[1:])


def glossary_page(ctx: RenderContext) -> str:
    _ = ctx.gettext
    lang = ctx.lang
    title = _("Glossary")
    terms = sorted(ctx.corpus.terms, key=lambda t: sort_key(t, lang))
    letters: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        letters[initial(term, lang)].append(term)
    out = [*front_matter(title, hide=("toc",)), md_heading(1, title), ""]
    out += [escape(_("Terms of the responsibility to protect as the reports use them in Chinese, with the "
                     "standard English term, a short definition, where each report introduces the term, and "
                     "every paragraph it occurs in.")), ""]
    order_note = _("Sorted by pinyin.") if lang == "zh" else _("Sorted alphabetically.")
    out += [escape(order_note), ""]
    jump = " ".join(f'<a href="#letter-{_letter_id(letter)}">{escape(letter)}</a>' for letter in letters)
    label = _("Jump to letter")
    out += [f'<nav class="r2p-jumpbar" aria-label="{escape(label)}">{jump}</nav>', ""]
    downloads = _("Download the glossary for translators:")
    out += [f"{escape(downloads)} [CSV](../data/glossary.csv) · [TBX](../data/glossary.tbx) · "
            "[JSON](../data/glossary.json)", ""]
    symbols = {r.slug: r.symbol for r in ctx.corpus.reports}
    index = occurrence_index(ctx.corpus)
    for letter, group in letters.items():
        out += [md_heading(2, letter, f"letter-{_letter_id(letter)}"), ""]
        for term in group:
            out += _entry(ctx, term, symbols, index)
    return "\n".join(out)


def _letter_id(letter: str) -> str:
    return "num" if letter == "#" else letter.lower()


def _entry(ctx: RenderContext, term: Term, symbols: dict[str, str],
           index: dict[str, dict[str, Counter]]) -> list[str]:
    _ = ctx.gettext
    lang = ctx.lang
    abbr = f" ({term.abbr})" if term.abbr else ""
    head = term.zh if lang == "zh" else term.en + abbr
    out = [md_heading(3, head, term.id), ""]
    rows: list[tuple[str, str]] = []
    if lang == "zh":
        rows.append((_("English"), escape(term.en + abbr)))
    else:
        rows.append((_("Chinese"), escape(term.zh)))
    # rows: (label as plain text, value as ready Markdown)
    if term.variants:
        rows.append((_("Also written"), escape("、".join(term.variants))))
    rows.append((_("Definition"), escape(term.definition[lang])))
    if term.introduced:
        links = ", ".join(
            f"[{escape(symbols.get(slug, slug))} {escape(_anchor_label(ctx, _page_anchor(ref)))}]"
            f"(<{slug}.md#{_page_anchor(ref)}>)"
            for slug, ref in term.introduced
        )
        rows.append((_("Introduced in"), links))
    found = index.get(term.id, {})
    for slug, anchors in found.items():
        total = sum(anchors.values())
        count = ctx.ngettext("{count} occurrence", "{count} occurrences", total).format(count=total)
        links = ", ".join(f"[{escape(_anchor_label(ctx, a))}](<{slug}.md#{a}>)" for a in anchors)
        rows.append((symbols.get(slug, slug), f"{escape(count)}: {links}"))
    out.append('<div class="r2p-term-entry" markdown>')
    out.append("")
    for key, value in rows:
        out.append(f"**{escape(key)}**: {value}  ")
    out += ["", "</div>", ""]
    return out


def _page_anchor(ref: str) -> str:
    return f"fn:{ref}" if ref.startswith("fn") else ref


__all__ = ["GLOSSARY_PAGE", "glossary_page"]
