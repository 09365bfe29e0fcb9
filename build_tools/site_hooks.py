"""MkDocs hooks of the site (wired in mkdocs.yml under ``hooks:``).

Loaded by MkDocs as a stand-alone module (not as ``build_tools.site_hooks``), so it
imports nothing from ``build_tools``. It relies on two things only:

* the DOM contract of report pages: ``<div class="r2p-para" id="p24" data-cite=…>``
  with ``<a class="r2p-pnum" href="#p24">24.</a>`` and nested ``div.r2p-item``;
* Material 9.8.1's search plugin and search worker (pinned in requirements.txt).
  Whatever is used of Material's internals is checked, and the build fails loudly
  (PluginError) if a newer Material no longer matches, instead of shipping a
  silently broken search.

What the hooks do, each explained where it is implemented:

1. ``on_config``        a missing jieba is a build error; optional jieba user dictionary.
2. ``on_page_content``  collect one search entry per paragraph; hide paragraphs from
   ``on_page_context``  Material's section indexer; accept #p24-26 range anchors.
3. ``on_post_build``    one search index per language; paragraph entries merged in;
                        patched search worker (last word of a Chinese query, #3915).
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.r2p")

#: Patched worker, written next to Material's own; overrides/main.html points to it.
WORKER_NAME = "assets/javascripts/workers/search.r2p.min.js"

#: Paragraph entry titles. The page title is carried in an attribute and shown by CSS
#: (``.r2p-sr-page::before`` in docs/assets/r2p.css), so that it is displayed but not
#: indexed: otherwise every paragraph of a report would match (with Material's title
#: boost of 1000) any word of the report's title.
TITLE_FORMAT = {
    "zh": "第 {n} 段",
    "en": "Paragraph {n}",
}

# State of one whole (all languages) build: page url -> paragraph entries.
_paragraph_entries: dict[str, list[dict]] = {}
_userdict_loaded: str | None = None
#: Terms of the user dictionary that have words inside them (3+ characters).
_kept_terms: set[str] = set()

#: Hidden search field holding the inner words of kept terms (see _subterms).
SUBTERMS_FIELD = "subterms"


# --------------------------------------------------------------------------- helpers


#: Document boost of a heading entry left without text (see on_post_build).
EMPTY_SECTION_BOOST = 0.001


def _i18n(config):
    """The mkdocs-static-i18n plugin instance, or None."""
    return config.plugins.get("i18n")


def _search(config):
    """Material's search plugin instance, or None if search is disabled."""
    return config.plugins.get("material/search") or config.plugins.get("search")


def _languages(config) -> tuple[str, list[str]]:
    """(default locale, all built locales) from static-i18n, or the theme language."""
    i18n = _i18n(config)
    if i18n is None:
        lang = config.theme.get("language", "en")
        return lang, [lang]
    default = i18n.default_language
    return default, [lang for lang in i18n.build_languages]


def _outer_build(config) -> bool:
    """True unless static-i18n is inside its nested per-language builds.

    static-i18n builds the default language, then, from its ``on_post_build``, calls
    ``mkdocs.commands.build.build`` once per other language (``building`` is True
    meanwhile). Whole-site work is done once, at the end of the outer build.
    """
    i18n = _i18n(config)
    return i18n is None or not getattr(i18n, "building", False)


_HAN = re.compile("([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f]+)")


def _segment_chinese(text: str) -> str:
    """Segment Han runs with jieba and join words with U+200B, as Material's search
    plugin does for its own entries (its separator in mkdocs.yml includes \\u200b)."""
    import jieba

    def replace(match: re.Match) -> str:
        return "\u200b" + "\u200b".join(jieba.cut(match.group(0))) + "\u200b"

    return _HAN.sub(replace, text).strip("\u200b")


class _Paragraphs(HTMLParser):
    """Find the top-level ``div.r2p-para`` blocks of a page's HTML.

    For each: its id, its plain text (without the paragraph number link, footnote
    reference numbers, parallel text in the other language, "cited by" lists,
    scripts and buttons; item labels such as "(a)" are kept) and
    its [start, end) character offsets in the HTML.
    """

    _SKIP_TAGS = frozenset({"script", "style", "button", "template"})
    # footnote numbers; the parallel text in the other language (indexed in that
    # language's own entry); "cited by" lists. Any element can also opt out with
    # Material's data-search-exclude attribute.
    _SKIP_CLASSES = frozenset({"footnote-ref", "r2p-fnref", "r2p-parallel", "r2p-cited-by"})
    _BREAK_TAGS = frozenset({"div", "p", "li", "br", "ul", "ol", "table", "tr", "td", "th", "blockquote"})

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.source = source
        self._line_starts = [0]
        for m in re.finditer("\n", source):
            self._line_starts.append(m.end())
        self.found: list[dict] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped-subtree?)
        self._para: dict | None = None
        self._para_depth = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in {"br", "hr", "img", "input", "wbr", "meta", "link"}:
            if self._para is not None and tag == "br":
                self._para["text"].append(" ")
            return
        if self._para is None:
            if tag == "div" and "r2p-para" in classes and a.get("id"):
                self._para = {"id": a["id"], "start": self._offset(), "text": []}
                self._para_depth = len(self._stack)
            self._stack.append((tag, False))
            return
        skipped = bool(self._stack and self._stack[-1][1])
        if not skipped:
            skipped = (
                tag in self._SKIP_TAGS
                or not self._SKIP_CLASSES.isdisjoint(classes)
                or "data-search-exclude" in a
                or ("r2p-pnum" in classes and a.get("href") == "#" + self._para["id"])
            )
        if tag in self._BREAK_TAGS:
            self._para["text"].append(" ")
        self._stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        if self._para is not None and tag == "br":
            self._para["text"].append(" ")

    def handle_endtag(self, tag):
        # Pop to the matching open tag (tolerates unclosed <p>, <li>, …).
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        else:
            return
        if self._para is not None:
            if tag in self._BREAK_TAGS:
                self._para["text"].append(" ")
            if len(self._stack) == self._para_depth:  # the paragraph's own </div>
                start_of_end_tag = self._offset()
                end = self.source.index(">", start_of_end_tag) + 1
                text = re.sub(r"\s+", " ", "".join(self._para["text"])).strip()
                self.found.append({"id": self._para["id"], "start": self._para["start"], "end": end, "text": text})
                self._para = None

    def handle_data(self, data):
        if self._para is not None and not (self._stack and self._stack[-1][1]):
            self._para["text"].append(data)


class _RangeAwareAnchors(set):
    """``page.present_anchor_ids`` that also contains paragraph ranges.

    Why: report pages link to ranges such as ``#p24-26``; no element has that id
    (r2p.js resolves it in the browser), so MkDocs' anchor validation would warn and
    ``--strict`` would fail. A range is accepted only if it ascends and both ends exist.
    """

    _RANGE = re.compile(r"^p(\d+)-(\d+)$")

    def __contains__(self, anchor):
        if super().__contains__(anchor):
            return True
        m = self._RANGE.match(str(anchor))
        return bool(
            m
            and int(m.group(1)) < int(m.group(2))
            and super().__contains__(f"p{m.group(1)}")
            and super().__contains__(f"p{m.group(2)}")
        )


# --------------------------------------------------------------------------- hooks


def on_config(config):
    """(1) Fail without jieba; (4) load the optional jieba user dictionary.

    Why: Material's search plugin segments Chinese with jieba only if it can import
    it, and otherwise silently indexes whole runs of Han characters, which makes
    Chinese search useless. So a missing jieba must stop the build.

    The user dictionary (one term a line, jieba format) keeps glossary terms such as
    普遍定期审议 whole in the index. Its path comes from the environment variable
    R2P_JIEBA_USERDICT, else from ``extra.r2p_jieba_userdict`` (relative to
    docs_dir, where the generator writes it, so a build with another docs folder, such
    as the benchmark's, uses its own); a missing file is skipped.
    It is loaded here, before any page is indexed (Material segments in
    ``on_page_context``).
    """
    global _userdict_loaded
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - the point is the message
        raise PluginError(
            "jieba is not importable: Chinese search would be silently broken. "
            "Install the pinned requirements (make site)."
        ) from exc
    try:
        import material.plugins.search.plugin as material_search
    except ImportError:
        material_search = None
    if material_search is not None and getattr(material_search, "jieba", None) is None:
        raise PluginError("Material's search plugin could not import jieba.")

    if _outer_build(config):
        _paragraph_entries.clear()

    path = os.environ.get("R2P_JIEBA_USERDICT") or (config.extra or {}).get("r2p_jieba_userdict")
    if path:
        path = Path(path)
        if not path.is_absolute():
            path = Path(config.docs_dir) / path
        if path.is_file():
            if _userdict_loaded != str(path):
                jieba.load_userdict(str(path))
                _userdict_loaded = str(path)
                _kept_terms.clear()
                for line in path.read_text(encoding="utf-8").splitlines():
                    word = line.strip().split(" ")[0] if line.strip() else ""
                    if len(word) >= 3 and _HAN.fullmatch(word):
                        _kept_terms.add(word)
                log.info(f"r2p: jieba user dictionary loaded: {path} ({len(_kept_terms)} compound terms)")
        else:
            log.debug(f"r2p: no jieba user dictionary at {path}")
    return config


@event_priority(100)  # before any plugin or template reads them
def on_page_markdown(markdown, page, config, files):
    """(0) Page titles and descriptions are data (a report's title from its metadata),
    but MkDocs and Material put them into the HTML as they are: <title>, the header, the
    navigation, <meta name="description" content="…">. Escape them once, here."""
    for key in ("title", "description"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = html.escape(value, quote=True)
    return markdown


@event_priority(-100)
def on_page_content(html_text, page, config, files):
    """(2) One search entry per paragraph; range anchors.

    Why: Material's index has one entry per heading section, so a hit points at a
    heading, possibly dozens of paragraphs above the text. Here each ``div.r2p-para``
    becomes its own entry (``a-71-1016/#p24``, title "第 24 段 · <page title>"), and
    the paragraphs are removed from the HTML that Material's indexer sees (restored
    in ``on_page_context``), so their text is not indexed twice. Headings and text
    outside paragraphs (summary, footnotes) stay in Material's own entries.
    """
    if page.present_anchor_ids is not None:
        page.present_anchor_ids = _RangeAwareAnchors(page.present_anchor_ids)

    parser = _Paragraphs(html_text)
    parser.feed(html_text)
    parser.close()
    if not parser.found:
        return html_text

    default, _ = _languages(config)
    lang = _page_language(page, config) or default
    fmt = TITLE_FORMAT.get(lang, TITLE_FORMAT["en"])
    page_title = html.unescape(str(page.meta.get("title") or page.title or ""))  # escaped by on_page_markdown
    entries = []
    for para in parser.found:
        m = re.match(r"^p(\d+)$", para["id"])
        label = fmt.format(n=m.group(1)) if m else para["id"]
        title = (
            html.escape(_segment_chinese(label), quote=False)
            + f'<span class="r2p-sr-page" data-page="{html.escape(page_title, quote=True)}"></span>'
        )
        entries.append(
            {
                "location": f"{page.url}#{para['id']}",
                "title": title,
                "text": html.escape(_segment_chinese(para["text"]), quote=False),
            }
        )
    _paragraph_entries[page.url] = entries

    # Hand Material's indexer the page without paragraphs; keep the full HTML.
    stripped, last = [], 0
    for para in parser.found:
        stripped.append(html_text[last : para["start"]])
        last = para["end"]
    stripped.append(html_text[last:])
    page._r2p_full_content = html_text
    return "".join(stripped)


@event_priority(-100)
def on_page_context(context, page, config, nav):
    """(2, continued) Put the full page HTML back after Material's search plugin
    (priority 0) has indexed the paragraph-less version; Material's own clean-up
    of ``data-search-*`` attributes is applied to it too.

    (3, continued) Tell overrides/main.html the page's language prefix ("" for the
    default language, "en/" for English), so it can point Material at that
    language's own search index."""
    default, _ = _languages(config)
    lang = _page_language(page, config) or default
    context["r2p_lang_prefix"] = "" if lang == default else f"{lang}/"
    full = getattr(page, "_r2p_full_content", None)
    if full is not None:
        page.content = re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", full)
        del page._r2p_full_content
    return context


@event_priority(-110)  # after static-i18n (-100), which merges all languages' entries
def on_post_build(config):
    """(3) One search index per language, with the paragraph entries; patched worker.

    Why: static-i18n merges every language into one ``search/search_index.json``
    (static-i18n issue #271), so a zh reader's search also returns English pages and
    the reverse. After the last language is built, the merged index is split:
    ``search/search_index.json`` keeps the default language, ``en/search/…`` gets
    English with locations relative to ``en/``. overrides/main.html gives each
    language's pages the matching ``base`` (Material fetches ``<base>/search/…``).
    """
    if not _outer_build(config) or _search(config) is None:
        return
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    if not index_path.is_file():
        return
    merged = json.loads(index_path.read_text(encoding="utf-8"))
    default, languages = _languages(config)
    others = [lang for lang in languages if lang != default]

    def lang_of(location: str) -> str:
        for lang in others:
            if location.startswith(f"{lang}/"):
                return lang
        return default

    per_lang: dict[str, list[dict]] = {lang: [] for lang in languages}
    seen_pages: set[str] = set()
    for entry in merged["docs"]:
        page_url = entry["location"].split("#", 1)[0]
        per_lang[lang_of(entry["location"])].append(entry)
        # Paragraph entries go right after their page's own entries.
        seen_pages.add(page_url)
    for lang in languages:
        out: list[dict] = []
        pending: str | None = None
        for entry in per_lang[lang]:
            page_url = entry["location"].split("#", 1)[0]
            if pending is not None and page_url != pending:
                out.extend(_paragraph_entries.get(pending, []))
            out.append(entry)
            pending = page_url
        if pending is not None:
            out.extend(_paragraph_entries.get(pending, []))
        per_lang[lang] = out

    # A heading whose paragraphs became entries of their own keeps only its title; with
    # Material's 1000x title weight such an empty section would outrank every paragraph
    # that contains the query (定期审议 found the heading 定期进行自我评估… first). A tiny
    # document boost leaves it findable by its own words without shadowing the text.
    for lang in languages:
        for entry in per_lang[lang]:
            if "#" in entry["location"] and not entry.get("text", "").strip() and "boost" not in entry:
                entry["boost"] = EMPTY_SECTION_BOOST

    if _kept_terms:
        merged["config"]["fields"][SUBTERMS_FIELD] = {"boost": 1.0}
        for lang in languages:
            for entry in per_lang[lang]:
                sub = _subterms(entry)
                if sub:
                    entry[SUBTERMS_FIELD] = sub

    for lang in languages:
        docs = per_lang[lang]
        prefix = "" if lang == default else f"{lang}/"
        if prefix:
            docs = [dict(e, location=e["location"][len(prefix) :]) for e in docs]
        data = dict(merged, docs=docs)
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        target.write_text(payload, encoding="utf-8")
        if _offline(config):
            # Material loads search/search_index.js instead of the JSON on file://.
            target.with_suffix(".js").write_text(f"var __index = {payload}", encoding="utf-8")
        log.info(f"r2p: search index '{lang}': {len(docs)} entries, {target.stat().st_size} bytes")

    _write_patched_worker(site)


def _offline(config) -> bool:
    """Whether Material's offline plugin is enabled (R2P_OFFLINE=true)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin is not None and plugin.config.enabled)


def _subterms(entry: dict) -> str:
    """Inner words of the kept (user dictionary) terms of an entry, space-separated.

    Why: the user dictionary keeps 普遍定期审议 whole, which makes that query precise,
    but then 审议 alone no longer finds a paragraph that has it only inside the term
    (a query word matches indexed words by prefix: 普遍 still does, 审议 does not).
    jieba's search-engine mode gives the words inside a term (普遍, 定期, 审议); they
    go into a field that is searched but never shown (Material renders only title,
    text and tags).
    """
    import jieba

    words: list[str] = []
    for field in ("title", "text"):
        for token in re.split(r"[\u200b\s]+", entry.get(field) or ""):
            if token in _kept_terms:
                words.extend(w for w in jieba.cut_for_search(token) if w != token and len(w) > 1)
    return " ".join(dict.fromkeys(words))


def _page_language(page, config) -> str | None:
    """Locale of a page: static-i18n marks files with ``locale``; else by URL prefix."""
    locale = getattr(page.file, "locale", None)
    i18n = _i18n(config)
    if i18n is not None and getattr(i18n, "current_language", None):
        return i18n.current_language
    return locale


# (original, fixed) fragments of Material 9.8.1's minified search worker, function
# `segment` (src/templates/assets/javascripts/integrations/search/query/segment):
_WORKER_FIXES = [
    # for (let j = i + 1; j < query.length; j++): a word that ends at the end of the
    # query is never looked up, so 普遍定期审议 = 普遍|定期|审议 lost 审议.
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    # if (wordcuts[q] && q < query.length - 1): a one-character last word was never
    # visited, so 暴行罪 = 暴行|罪 lost 罪.
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
    # Search.search: [...segment(value, index)].join("* "), then transformSearchQuery
    # appends "*" to every term again: 普遍** 定期** 审议*. Lunr still matches, but
    # the terms no longer compare equal to the document's, so results list words
    # that are highlighted in them as "missing" (缺少: 普遍* 定期*) and the ?h=
    # highlight link keeps only the last word. Joining with a plain space leaves the
    # wildcard to transformSearchQuery, as for any other query.
    ('.join("* ")),e=ce(e)', '.join(" ")),e=ce(e)'),
]


def _write_patched_worker(site: Path) -> None:
    """Write Material's search worker with the query segmentation fixed.

    Why: Material 9.8.1 splits a Chinese query greedily against the index vocabulary
    (squidfunk/mkdocs-material#3915) but never considers a word that ends the query,
    so the last word is dropped (普遍定期审议 searched only 普遍 + 定期). The fix is
    two loop bounds (see _WORKER_FIXES). It is applied to the installed, pinned
    worker at build time instead of committing a copy of minified third-party code;
    if the expected code is not found exactly once, the build fails.
    """
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    originals = sorted(workers.glob("search.*.min.js"))
    if len(originals) != 1:
        raise PluginError(f"r2p: expected one Material search worker in {workers}, found {originals}")
    code = originals[0].read_text(encoding="utf-8")
    for old, new in _WORKER_FIXES:
        if code.count(old) != 1:
            raise PluginError(
                f"r2p: Material's search worker changed ({originals[0].name}); re-check the "
                f"query segmentation fix in build_tools/site_hooks.py (missing: {old!r})"
            )
        code = code.replace(old, new)
    code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)
    code = "/* Material for MkDocs search worker, query segmentation fixed by build_tools/site_hooks.py */\n" + code
    target = site / WORKER_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(code, encoding="utf-8")
