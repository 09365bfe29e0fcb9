"""The handout link format: build_tools/handout_links.py and docs/assets/handout.js agree
with the hand-written vectors of tests/data/handout_links.json (the JS through Node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from build_tools.handout_links import (
    MAX_ENTRIES,
    MAX_TEXT,
    SHOWN,
    Handout,
    Heading,
    Note,
    Passage,
    Unreadable,
    decode,
    encode,
    link,
    percent_encode,
)

ROOT = Path(__file__).resolve().parents[1]
VECTORS = json.loads((ROOT / "tests" / "data" / "handout_links.json").read_text(encoding="utf-8"))["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_decode(vector):
    assert decode(vector["fragment"]).to_json() == vector["decoded"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_encode(vector):
    assert encode(Handout.from_json(vector["decoded"])) == vector["canonical"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_round_trip(vector):
    again = decode(vector["canonical"])
    expected = dict(vector["decoded"], version=1, dropped=0,
                    entries=[e for e in vector["decoded"]["entries"] if e["kind"] != "unreadable"])
    assert again.to_json() == expected
    assert encode(again) == vector["canonical"]


TEXTS = ["", " ", "%", "%%41", "a;b,c=d", "#x", "&amp;", "\U0001F600", "\ufeffBOM", "line\nbreak\r\n",
         "<script>alert(1)</script>", "讲义：预防暴行罪", "t=x;h=y", "\x00\x1f\x7f", "x" * MAX_TEXT]


@pytest.mark.parametrize("text", TEXTS)
def test_any_text_survives(text):
    handout = Handout(title=text, parallel=True,
                      entries=[Heading(text), Passage("a-71-1016", "44-a"), Note(text)])
    assert decode("#" + encode(handout)) == handout


def test_lone_surrogates_are_written_as_replacement_characters():
    assert percent_encode("\udc00x\U0001F600\ud800") == "%EF%BF%BDx%F0%9F%98%80%EF%BF%BD"


def test_unreadable_entries_are_not_written_back():
    handout = Handout(entries=[Unreadable("<b>"), Passage("a-68-947", "5")])
    assert encode(handout) == "v1;a-68-947:5"


def test_limits():
    many = ";".join(f"a-68-947:{n}" for n in range(1, MAX_ENTRIES + 8))
    decoded = decode("#v1;" + many)
    assert len(decoded.entries) == MAX_ENTRIES
    assert decoded.dropped == 7
    long_note = decode("#n=" + "%E4%B8%AD" * (MAX_TEXT + 5))
    assert long_note.entries == [Note("中" * MAX_TEXT)]


def test_hundred_kilobytes_of_garbage():
    garbage = ("%E4%Z<>\"'&;=," * 8000)[: 100 * 1024]
    decoded = decode("#" + garbage)
    assert len(decoded.entries) <= MAX_ENTRIES
    assert all(len(e.text) <= SHOWN + 1 for e in decoded.entries if isinstance(e, Unreadable))


def test_link():
    handout = Handout(title="T", entries=[Passage("a-71-1016", "24-26")])
    assert link("http://x/handout/#old", handout) == "http://x/handout/#v1;t=T;a-71-1016:24-26"
    assert Passage("a-71-1016", "24-26").anchor == "p24-26"


def test_javascript_twin_agrees():
    """node --test tests/js: the same vectors against docs/assets/handout.js."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
