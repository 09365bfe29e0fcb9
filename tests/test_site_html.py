"""The built site, read as HTML: anchors, footnotes, faithful text, cross-links, glossary marks."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest

from build_tools.i18n import LANGUAGES

PREFIX = {"zh": "", "en": "en/"}


def report_page(lang: str, slug: str) -> str:
    return f"{PREFIX[lang]}{slug}/index.html"


def unit_ids(report) -> list[str]:
    ids = []
    for paragraph in report.paragraphs:
        ids.append(paragraph.id)
        ids.extend(item.id for item in paragraph.items)
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_paragraph_and_item_anchor_exists_exactly_once(model, page_of, lang):
    for report in model.reports:
        page = page_of(report_page(lang, report.slug))
        for anchor in unit_ids(report):
            assert page.ids.get(anchor) == 1, (lang, report.slug, anchor)
        for heading in report.headings:
            assert page.ids.get(heading.id) == 1, (lang, report.slug, heading.id)
        # The paragraph number is the permalink.
        pnums = [a for href, a in page.links if "r2p-pnum" in a.get("class", "")]
        assert [a for a in pnums if a.get("href") == "#p24"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footnote_links_resolve_both_ways(model, page_of, lang):
    for report in model.reports:
        page = page_of(report_page(lang, report.slug))
        for note in report.footnotes:
            assert page.ids.get(f"fn:{note.id}") == 1
            assert page.ids.get(f"fnref:{note.id}") == 1, "cited exactly once, from its paragraph"
            refs = [href for href, _a in page.links if href == f"#fn:{note.id}"]
            backs = [href for href, _a in page.links if href == f"#fnref:{note.id}"]
            assert refs and backs


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_raw_markdown_or_markup_leaks_into_the_page(model, page_of, lang):
    for report in model.reports:
        text = page_of(report_page(lang, report.slug)).text
        for leak in ("[^", "](", "{ #", "{: ", "**", "&#", "<div", "markdown>", "\\"):
            assert leak not in text, (lang, report.slug, leak)


def test_chinese_page_shows_every_paragraph_text_unaltered(model, page_of):
    for report in model.reports:
        text = re.sub(r"\s+", "", page_of(report_page("zh", report.slug)).text)
        for paragraph in report.paragraphs:
            for piece in [paragraph.text, *(item.text for item in paragraph.items)]:
                assert re.sub(r"\s+", "", piece) in text, (report.slug, piece[:30])
        for note in report.footnotes:
            assert re.sub(r"\s+", "", note.text) in text


def test_english_pages_are_fully_translated_and_marked_unofficial(model, page_of):
    for report in model.reports:
        page = page_of(report_page("en", report.slug))
        assert "Unofficial working translation" in page.text
        assert not re.search(r"[\u4e00-\u9fff]{6,}", page.text.replace(report.title["zh"], "")), \
            "a long Chinese run on the English page means a missing translation"
        official = [href for href, _a in page.links if href == f"https://undocs.org/en/{report.symbols[0]}"]
        assert official


# -- cross-links --------------------------------------------------------------------------

UNDOCS = re.compile(
    r"^https://undocs\.org/(zh|en)/("
    r"S/RES/\d{1,4}\(\d{4}\)|A/RES/\d{1,2}/\d{1,3}|A/HRC/RES/\d{1,2}/\d{1,3}|"
    r"A/HRC/\d+/\d+|[AS]/\d+/\d+)$"
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_citation_link_follows_the_scheme_or_lands_on_an_anchor(model, page_of, lang):
    for report in model.reports:
        page_path = report_page(lang, report.slug)
        page = page_of(page_path)
        refs = [(href, a) for href, a in page.links if "r2p-ref" in a.get("class", "")]
        assert refs
        for href, _attrs in refs:
            if href.startswith("https://"):
                match = UNDOCS.match(href)
                assert match, href
                assert match.group(1) == lang
                continue
            target = urlsplit(urljoin(f"/{page_path}", href))
            target_page = page_of(target.path.lstrip("/") + ("index.html" if target.path.endswith("/") else ""))
            if target.fragment:
                ends = re.fullmatch(r"p(\d+)-(\d+)", target.fragment)
                wanted = [f"p{ends.group(1)}", f"p{ends.group(2)}"] if ends and target.fragment not in \
                    target_page.ids else [target.fragment]
                for anchor in wanted:
                    assert target_page.ids.get(anchor) == 1, href


def test_citation_of_another_report_opens_our_page_at_the_paragraphs(page_of):
    for lang in LANGUAGES:
        page = page_of(report_page(lang, "a-71-1016"))
        hrefs = {href for href, a in page.links if "r2p-ref" in a.get("class", "")}
        assert "../a-68-947/#p43-58" in hrefs
        assert "../a-68-947/" in hrefs
    internal = page_of(report_page("zh", "a-68-947"))
    assert "#p21-27" in {href for href, _a in internal.links}


def test_cited_documents_lists_and_reverse_index(model, page_of):
    zh = page_of(report_page("zh", "a-71-1016"))
    assert zh.ids.get("cited-documents") == 1
    assert "安全理事会第 2150(2014) 号决议" in zh.text
    index = page_of("documents/index.html")
    for needle in ("A/63/677", "A/HRC/25/63", "S/2014/181", "A/68/947-S/2014/449"):
        assert needle in index.text
    # Paragraphs of A/68/947 cited by A/71/1016 say so.
    cited = page_of(report_page("en", "a-68-947"))
    notes = [a for tag, a in cited.elements if "r2p-cited-by" in a.get("class", "")]
    assert len(notes) == 16 + 1  # paragraphs 43-58, and the report as a whole


# -- glossary -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_terms_link_to_glossary_entries_once_per_paragraph(model, page_of, lang):
    glossary = page_of(f"{PREFIX[lang]}glossary/index.html")
    for term in model.terms:
        assert glossary.ids.get(term.id) == 1
    for report in model.reports:
        page = page_of(report_page(lang, report.slug))
        terms = [(href, a) for href, a in page.links if a.get("class") == "r2p-term"]
        assert len(terms) > 100
        for href, attrs in terms:
            assert href.startswith("../glossary/#")
            assert attrs.get("title")
            assert href.split("#", 1)[1] in glossary.ids


def test_no_term_is_marked_twice_in_one_paragraph(model, site_dir):
    for lang in LANGUAGES:
        for report in model.reports:
            html = (site_dir / report_page(lang, report.slug)).read_text(encoding="utf-8")
            for block in re.findall(r'<div class="r2p-para".*?(?=<div class="r2p-para"|<h[1-6]|$)', html, re.S):
                marked = Counter(re.findall(r'class="r2p-term" href="[^"]*#([a-z0-9-]+)"', block))
                assert all(count == 1 for count in marked.values()), (lang, report.slug, marked.most_common(2))


def test_glossary_exports(site_dir, model):
    csv_text = (site_dir / "data" / "glossary.csv").read_bytes().decode("utf-8-sig")
    assert csv_text.count("\r\n") == len(model.terms) + 1
    tbx = (site_dir / "data" / "glossary.tbx").read_text(encoding="utf-8")
    assert tbx.count("<termEntry ") == len(model.terms)
    import xml.etree.ElementTree as ET

    ET.fromstring(tbx.split("\n", 1)[1])


def test_search_index_keeps_glossary_terms_whole(model, site_dir):
    """The glossary feeds jieba: multi-character terms are single tokens in the zh index."""
    import json

    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tokens = {token for doc in docs for token in re.split(r"[\s\u200b]+", doc["text"]) if token}
    text = "".join(doc["text"] for doc in docs)
    checked = 0
    for term in model.terms:
        for form in term.forms:
            if len(form) >= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", form) and form in text.replace("\u200b", ""):
                assert form in tokens, form
                checked += 1
    assert checked >= 20
    assert {"普遍定期审议", "危害人类罪", "国家保护责任协调人"} <= tokens


def test_inline_tags_nest_properly(model, site_dir):
    """Links, corrections, terms and footnote marks never cross each other's tags."""
    from html.parser import HTMLParser

    tracked = {"a", "span", "sup", "q", "p", "div", "li", "em", "strong"}

    class Nesting(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.stack: list[str] = []
            self.errors: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag in tracked:
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if tag not in tracked:
                return
            if not self.stack or self.stack[-1] != tag:
                self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else ''}> at {self.getpos()}")
                if tag in self.stack:
                    while self.stack.pop() != tag:
                        pass
            else:
                self.stack.pop()

    for lang in LANGUAGES:
        for report in model.reports:
            checker = Nesting()
            checker.feed((site_dir / report_page(lang, report.slug)).read_text(encoding="utf-8"))
            assert checker.errors == [], (lang, report.slug, checker.errors[:3])
