"""Content is data, never markup: a crafted report full of HTML, script, Markdown and
template syntax is built into a site of its own, and the built HTML is read back."""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from crafted import make_project, run_cli, write_report

TITLE = "测试报告<script>alert(5)</script>"
BODY = """一. 导言<script>alert(0)</script>

1. 正文<script>alert(1)</script>测试。

2. 图片<img src=x onerror=alert(2)>和[链接](javascript:alert(3))及![图](x.png)以及{{ config }}和
{% if true %}和{{{ x }}}。

3. 段落*强调*和__粗体__以及 <a href="javascript:alert(4)">点</a>和 and 之后。¹ 另见 <!-- 注释 --> 和 &amp; 和 &#60;。

¹ 脚注<b onmouseover=alert(8)>粗</b>和 [x](javascript:alert(9))。
"""
ERRATA = """- where: p3
  source: "和 and 之后"
  corrected: "和之后"
  resolves: foreign-script
  reason:
    zh: 理由"><script>alert(6)</script>
    en: reason "><img src=x onerror=alert(7)> {{ config }}
"""
LITERALS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[链接](javascript:alert(3))",
    "![图](x.png)",
    "{{ config }}",
    "{% if true %}",
    "{{{ x }}}",
    "*强调*",
    "__粗体__",
    '<a href="javascript:alert(4)">点</a>',
    "<!-- 注释 -->",
    "&amp; 和 &#60;",
]


class Dom(HTMLParser):
    """Everything a browser could act on: elements, attributes, script bodies, and text."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)

    def handle_comment(self, data):
        self.elements.append(("!--", {"text": data}))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("escaping")
    project = make_project(base)
    write_report(project / "src" / "x-test", BODY, title=TITLE,
                 title_en="Test report <script>alert(5)</script> {{ config }}", errata=ERRATA)
    result = run_cli("build", "--source", "src", cwd=project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_nothing_crafted_becomes_markup_anywhere(site):
    for path in _pages(site):
        dom = Dom(path.read_text(encoding="utf-8"))
        for tag, attrs in dom.elements:
            for name, value in attrs.items():
                assert not (name.startswith("on") and "alert" in value), (path, tag, name, value)
                if name in ("href", "src", "action", "formaction"):
                    assert not value.strip().lower().startswith("javascript:"), (path, tag, value)
            assert not (tag == "img" and attrs.get("src") in ("x", "x.png")), path
            assert not (tag == "!--" and "注释" in attrs["text"]), path
        assert not [s for s in dom.scripts if "alert(" in s], path


@pytest.mark.parametrize("page", ["x-test/index.html", "en/x-test/index.html"])
def test_crafted_text_reads_literally(site, page):
    dom = Dom((site / page).read_text(encoding="utf-8"))
    text = "".join(dom.text)
    for literal in LITERALS:
        assert literal in text, literal
    assert "<b onmouseover=alert(8)>粗</b>" in text and "[x](javascript:alert(9))" in text  # the footnote
    # No emphasis, link or image was made from the Markdown-like text of paragraph 3.
    p3 = (site / page).read_text(encoding="utf-8").split('id="p3"')[1].split('class="r2p-parallel"')[0]
    assert "<em>" not in p3 and "<strong>" not in p3


def test_metadata_title_is_text_in_title_header_and_navigation(site):
    for page, title in (("x-test/index.html", TITLE),
                        ("en/x-test/index.html", "Test report <script>alert(5)</script> {{ config }}")):
        source = (site / page).read_text(encoding="utf-8")
        dom = Dom(source)
        assert f"<title>{html.escape(title, quote=True)} - " in source
        assert "".join(dom.text).count(title) >= 3  # heading, header, navigation
        description = next(a["content"] for tag, a in dom.elements if tag == "meta" and a.get("name") == "description")
        assert description == f"A/99/1 — {title}"


def test_correction_reason_stays_inside_its_attribute(site):
    for page, reason in (("x-test/index.html", '理由"><script>alert(6)</script>'),
                         ("en/x-test/index.html", 'reason "><img src=x onerror=alert(7)> {{ config }}')):
        dom = Dom((site / page).read_text(encoding="utf-8"))
        titles = [a["title"] for tag, a in dom.elements
                  if tag in ("span", "a") and "title" in a and "alert(" in a["title"]]
        assert titles and all(title.endswith(reason) for title in titles), titles
        assert reason in "".join(dom.text)  # the note in the list of corrections


def test_search_index_holds_text_not_markup(site):
    for index in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for field in ("title", "text"):
                value = doc.get(field, "")
                assert "<script" not in value and "<img" not in value and "onerror=" not in value.replace(
                    "&lt;img src=x onerror=", ""), (doc["location"], value[:200])
