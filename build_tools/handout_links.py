"""Handout links: the format that carries a whole trainer's handout in a URL fragment.

Not a pipeline stage: the handout page (``render/handout_page.py`` + ``docs/assets/handout.js``)
keeps a handout in its ``#fragment`` and needs no server. This module is the Python twin of
the pure encode/decode functions of ``handout.js``; tests use it to make links and check
both implementations against the same vectors (``tests/data/handout_links.json``).

Format, version 1 (``#`` not included)::

    fragment = [ "v1" ";" ] entry *( ";" entry )
    entry    = passage / field
    passage  = slug ":" ref        a-71-1016:24   a-71-1016:24-26   a-71-1016:44-a   a-68-947:77-3
    field    = key "=" value       value: percent-encoded UTF-8 (as encodeURIComponent writes it)
      t=<title>     title of the handout (the last one wins)
      m=p           view: both languages side by side (absent: the page's language only)
      h=<heading>   a section heading, standing where it is written
      n=<note>      a note by the trainer, standing where it is written

Example: ``#v1;t=Session%202;a-71-1016:24-26;h=Prevention;n=Discuss%20in%20pairs;a-68-947:77-3``

* ``ref`` is the paragraph's page anchor without its ``p``, resolved as the report page
  resolves ``#p…``: an existing unit wins (``77-3`` is bullet 3 of paragraph 77,
  ``44-a`` item (a) of paragraph 44); otherwise ``N-M`` with M > N is paragraphs N to M.
  The link back to the passage is therefore always ``<report page>#p<ref>``.
* Decoders also accept ``,`` as a separator (``#a-71-1016:24-26,a-68-947:43`` is a valid
  link with no version), since the encoder percent-encodes ``,`` and ``;`` inside values.
* Decoding never fails. Percent-decoding is tolerant: each run of ``%XX`` is read as UTF-8
  with U+FFFD for invalid bytes, a ``%`` not followed by two hex digits stays as it is.
  An entry that is neither a passage nor a known field is kept as ``unreadable`` (its
  decoded text, cut to ``SHOWN`` characters) for the page to list, and is dropped when
  the handout is encoded again. Whether a passage exists is for the page to decide.
* Limits, so that a huge link stays cheap: ``MAX_ENTRIES`` positional entries (the rest
  are counted in ``dropped``), ``MAX_TEXT`` characters (code points) per value.
* A version above 1 is decoded as far as it can be and reported in ``version``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

VERSION = 1
MAX_ENTRIES = 500
MAX_TEXT = 2000
SHOWN = 120

_SEPARATOR = re.compile(r"[;,]")
_PASSAGE = re.compile(r"([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([0-9]{1,6}(?:-[0-9A-Za-z]{1,6})?)")
_FIELD = re.compile(r"([a-z])=(.*)", re.DOTALL)
_VERSION = re.compile(r"v([0-9]{1,6})")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
# encodeURIComponent leaves A–Z a–z 0–9 and - _ . ! ~ * ' ( ) as they are.
_SAFE = "-_.!~*'()"


@dataclass(frozen=True)
class Passage:
    slug: str
    ref: str

    @property
    def anchor(self) -> str:
        """The anchor of the passage on its report page: ``p24``, ``p24-26``, ``p77-3``."""
        return f"p{self.ref}"


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Unreadable:
    text: str


Entry = Passage | Heading | Note | Unreadable


@dataclass
class Handout:
    title: str = ""
    parallel: bool = False
    entries: list[Entry] = field(default_factory=list)
    version: int = VERSION
    dropped: int = 0

    def to_json(self) -> dict[str, Any]:
        """The shape the test vectors (and ``handout.js``'s ``decode``) use."""
        entries: list[dict[str, str]] = []
        for entry in self.entries:
            if isinstance(entry, Passage):
                entries.append({"kind": "passage", "slug": entry.slug, "ref": entry.ref})
            else:
                kind = {Heading: "heading", Note: "note", Unreadable: "unreadable"}[type(entry)]
                entries.append({"kind": kind, "text": entry.text})
        return {"version": self.version, "title": self.title, "parallel": self.parallel,
                "entries": entries, "dropped": self.dropped}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Handout:
        entries: list[Entry] = []
        for entry in data.get("entries", []):
            kind = entry["kind"]
            if kind == "passage":
                entries.append(Passage(entry["slug"], entry["ref"]))
            else:
                entries.append({"heading": Heading, "note": Note, "unreadable": Unreadable}[kind](entry["text"]))
        return cls(data.get("title", ""), bool(data.get("parallel")), entries,
                   data.get("version", VERSION), data.get("dropped", 0))


def percent_decode(text: str) -> str:
    """Tolerant ``decodeURIComponent``: never raises (see the module docstring)."""

    def run(match: re.Match[str]) -> str:
        return bytes.fromhex(match.group().replace("%", "")).decode("utf-8", "replace")

    return _PERCENT_RUN.sub(run, text)


def percent_encode(text: str) -> str:
    """``encodeURIComponent`` (lone surrogates, which it rejects, become U+FFFD)."""
    well_formed = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return quote(well_formed, safe=_SAFE)


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[:size]


def decode(fragment: str) -> Handout:
    """Fragment (with or without ``#``) -> handout. Never raises."""
    handout = Handout()
    raw = fragment[1:] if fragment.startswith("#") else fragment
    first = True
    for part in _SEPARATOR.split(raw):
        if not part:
            continue
        if first:
            first = False
            version = _VERSION.fullmatch(part)
            if version:
                handout.version = int(version.group(1))
                continue
        keyed = _FIELD.fullmatch(part)
        if keyed and keyed.group(1) == "t":
            handout.title = _cut(percent_decode(keyed.group(2)), MAX_TEXT)
            continue
        if keyed and keyed.group(1) == "m":
            handout.parallel = keyed.group(2) == "p"
            continue
        entry: Entry
        if keyed and keyed.group(1) in "hn":
            text = _cut(percent_decode(keyed.group(2)), MAX_TEXT)
            entry = Heading(text) if keyed.group(1) == "h" else Note(text)
        else:
            text = percent_decode(part).strip(" \t\r\n")
            passage = _PASSAGE.fullmatch(text)
            if passage:
                entry = Passage(passage.group(1), passage.group(2))
            else:
                shown = _cut(text, SHOWN)
                entry = Unreadable(shown + ("…" if len(shown) < len(text) else ""))
        if len(handout.entries) >= MAX_ENTRIES:
            handout.dropped += 1
        else:
            handout.entries.append(entry)
    return handout


def encode(handout: Handout) -> str:
    """Handout -> canonical fragment (without ``#``); unreadable entries are left out."""
    parts = [f"v{VERSION}"]
    if handout.title:
        parts.append("t=" + percent_encode(handout.title))
    if handout.parallel:
        parts.append("m=p")
    for entry in handout.entries:
        if isinstance(entry, Passage):
            if _PASSAGE.fullmatch(f"{entry.slug}:{entry.ref}"):
                parts.append(f"{entry.slug}:{entry.ref}")
        elif isinstance(entry, Heading):
            parts.append("h=" + percent_encode(entry.text))
        elif isinstance(entry, Note):
            parts.append("n=" + percent_encode(entry.text))
    return ";".join(parts)


def link(page_url: str, handout: Handout) -> str:
    """``page_url`` (the handout page, any fragment removed) with the handout in its fragment."""
    return page_url.split("#", 1)[0] + "#" + encode(handout)
