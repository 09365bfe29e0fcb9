"""Text -> Markdown that shows exactly that text.

Report text is data, never markup: every character that Markdown, HTML, attr_list
or a template engine could read as syntax is written as a numeric character
reference, so ``*``, ``_``, ``<script>``, ``[x](y)``, ``{{ x }}`` or a leading
``1.`` reach the reader as the characters they are. Links, glossary terms and
footnote references are added around the escaped text from typed annotations.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, replace
from itertools import pairwise

# Everything ASCII that some Markdown extension, HTML or a template could act on.
_SPECIAL = set("\\`*_{}[]()#+-.!|<>&~^:=$\"'@%")
# str.translate does the replacement in C (a loop over characters here was a noticeable
# part of the build with many reports).
_ESCAPES = {ord(ch): f"&#{ord(ch)};" for ch in _SPECIAL}


def escape(text: str) -> str:
    """Markdown-inert form of ``text`` (safe in paragraphs, headings and link text)."""
    return text.translate(_ESCAPES)


def attr(value: str) -> str:
    """A value for an HTML attribute in double quotes."""
    return html.escape(value, quote=True)


@dataclass(frozen=True)
class Span:
    """A stretch ``[start, end)`` of the text shown as a link or a marked term.

    ``kind="correction"``: an editorial correction, shown as ``<span>`` with the source
    reading in ``title`` and followed by the marker ``label`` linking to the note at
    ``href``, whose accessible name is ``note``.
    """

    start: int
    end: int
    href: str
    css: str
    title: str = ""
    external: bool = False
    data: tuple[tuple[str, str], ...] = ()
    kind: str = "link"  # link, correction
    label: str = ""
    note: str = ""


@dataclass(frozen=True)
class Marker:
    """A footnote reference standing before character ``offset``."""

    offset: int
    number: int


def footnote_label(number: int) -> str:
    return f"fn{number}"


def render_inline(text: str, markers: list[Marker] = (), spans: list[Span] = (),
                  footnote_links: bool = True) -> str:
    """Escaped text with spans as ``<a>`` and markers as Markdown footnote references.

    ``footnote_links=False`` writes markers as plain superscript links to the page's
    footnotes (for a second copy of a text on the same page, e.g. the parallel view).
    """
    # (offset, order, tie-break, thing): closes before opens before markers; of two spans
    # opening together the longer opens first, of two closing together the inner closes first.
    # A link and a correction piece over the same characters: the link opens first and
    # closes last (``rank``), so the tags nest.
    events: list[tuple[int, int, int, int, object]] = []
    for span in _nestable(spans):
        if span.start == span.end:  # a deletion: only its marker shows where it was
            events.append((span.start, 1, 0, 0, _Deletion(span)))
            continue
        inner = int(span.kind == "correction")
        events.append((span.start, 1, -span.end, inner, span))
        events.append((span.end, 0, -span.start, 1 - inner, span))
    for marker in markers:
        events.append((marker.offset, 2, 0, 0, marker))
    events.sort(key=lambda e: (e[0], e[1], e[2], e[3]))
    out: list[str] = []
    pos = 0
    for offset, order, _tie, _rank, thing in events:
        out.append(escape(text[pos:offset]))
        pos = offset
        if isinstance(thing, Marker):
            label = footnote_label(thing.number)
            if footnote_links:
                out.append(f"[^{label}]")
            else:
                out.append(f'<sup class="r2p-fnref"><a href="#fn:{label}">{thing.number}</a></sup>')
        elif isinstance(thing, _Deletion):
            out.append(_open_correction(thing.span) + _close_correction(thing.span))
        elif isinstance(thing, Span) and thing.kind == "correction":
            out.append(_open_correction(thing) if order == 1 else _close_correction(thing))
        elif isinstance(thing, Span):
            out.append("[" if order == 1 else _close(thing))
    out.append(escape(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class _Deletion:
    span: Span


def _nestable(spans: list[Span]) -> list[Span]:
    """Cut correction spans where a link starts or ends inside them, so that every span
    either contains a link whole or lies inside it (HTML and Markdown must nest); only the
    last piece of a correction carries its marker."""
    links = [s for s in spans if s.kind != "correction"]
    out = list(links)
    for span in spans:
        if span.kind != "correction":
            continue
        cuts = sorted({b for link in links for b in (link.start, link.end) if span.start < b < span.end})
        bounds = [span.start, *cuts, span.end]
        for i, (start, end) in enumerate(pairwise(bounds)):
            last = i == len(bounds) - 2
            out.append(replace(span, start=start, end=end, label=span.label if last else ""))
    return out


def _open_correction(span: Span) -> str:
    # escape() output is also safe inside a double-quoted attribute (quotes become &#34;).
    return f'<span class="{span.css}" title="{escape(span.title)}">'


def _close_correction(span: Span) -> str:
    if not span.label:
        return "</span>"
    return (f'</span><sup class="r2p-corr-ref"><a href="{attr(span.href)}" aria-label="{escape(span.note)}">'
            f"{escape(span.label)}</a></sup>")


def _close(span: Span) -> str:
    """``](<href> "title"){ .class key="value" }``: a Markdown link, so that MkDocs
    rewrites ``page.md#anchor`` to the page's URL and checks the anchor."""
    title = f' "{_attr_value(span.title)}"' if span.title else ""
    attrs = [f".{css}" for css in span.css.split()]
    attrs += [f'data-{key}="{_attr_value(value)}"' for key, value in span.data]
    if span.external:
        attrs.append('rel="noopener"')
    return f"](<{span.href}>{title}){{ {' '.join(attrs)} }}"


def _attr_value(value: str) -> str:
    """A value safe inside attr_list quotes and a Markdown link title."""
    return value.replace('"', "”").replace("}", "）").replace("{", "（").replace("\n", " ")


def md_heading(level: int, text: str, anchor: str | None = None) -> str:
    """A Markdown heading showing ``text`` exactly, with a fixed id."""
    attrs = f" {{ #{anchor} }}" if anchor else ""
    return f"{'#' * level} {escape(text)}{attrs}"


def front_matter(title: str, description: str | None = None, hide: tuple[str, ...] = ()) -> list[str]:
    """The YAML front matter of a page (title for the nav and <title>; JSON quoting is valid YAML)."""
    out = ["---", f"title: {json.dumps(title, ensure_ascii=False)}"]
    if description is not None:
        out.append(f"description: {json.dumps(description, ensure_ascii=False)}")
    if hide:
        out += ["hide:", *(f"  - {item}" for item in hide)]
    return [*out, "---", ""]
