// The handout link format of docs/assets/handout.js, against the vectors shared with
// build_tools/handout_links.py (tests/data/handout_links.json). Run: node --test tests/js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");

const format = require(path.join(__dirname, "..", "..", "docs", "assets", "handout.js"));
const { vectors } = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "data", "handout_links.json"), "utf8"));

for (const vector of vectors) {
  test(`decode: ${vector.name}`, () => {
    assert.deepEqual(format.decode(vector.fragment), vector.decoded);
  });
  test(`encode: ${vector.name}`, () => {
    assert.equal(format.encode(vector.decoded), vector.canonical);
  });
  test(`round trip: ${vector.name}`, () => {
    const again = format.decode(vector.canonical);
    const expected = {
      ...vector.decoded,
      version: 1,
      dropped: 0,
      entries: vector.decoded.entries.filter((e) => e.kind !== "unreadable"),
    };
    assert.deepEqual(again, expected);
    assert.equal(format.encode(again), vector.canonical);
  });
}

test("round trip of any text in titles, headings and notes", () => {
  const texts = ["", " ", "%", "%%41", "a;b,c=d", "#x", "&amp;", "\u{1F600}", "\ufeffBOM", "line\nbreak\r\n",
    "<script>alert(1)</script>", "讲义：预防暴行罪", "t=x;h=y", "\u0000\u001f\u007f", "x".repeat(2000)];
  for (const text of texts) {
    const handout = { version: 1, title: text, parallel: true, dropped: 0,
      entries: [{ kind: "heading", text }, { kind: "passage", slug: "a-71-1016", ref: "44-a" }, { kind: "note", text }] };
    assert.deepEqual(format.decode("#" + format.encode(handout)), handout, JSON.stringify(text));
  }
});

test("lone surrogates are written as U+FFFD, never throw", () => {
  const encoded = format.encode({ title: "a\ud800b", parallel: false, entries: [] });
  assert.equal(encoded, "v1;t=a%EF%BF%BDb");
  assert.equal(format.percentEncode("\udc00x\ud83d\ude00\ud800"), "%EF%BF%BDx%F0%9F%98%80%EF%BF%BD");
});

test("limits: entries beyond MAX_ENTRIES are counted, long texts cut", () => {
  const many = Array.from({ length: format.MAX_ENTRIES + 7 }, (_, i) => `a-68-947:${i + 1}`).join(";");
  const decoded = format.decode("#v1;" + many);
  assert.equal(decoded.entries.length, format.MAX_ENTRIES);
  assert.equal(decoded.dropped, 7);
  const long = format.decode("#n=" + "%E4%B8%AD".repeat(format.MAX_TEXT + 5));
  assert.equal(Array.from(long.entries[0].text).length, format.MAX_TEXT);
});

test("a 100 KB fragment of garbage decodes to a bounded result", () => {
  const garbage = "%E4%Z<>\"'&;=,".repeat(8000).slice(0, 100 * 1024);
  const decoded = format.decode("#" + garbage);
  assert.ok(decoded.entries.length <= format.MAX_ENTRIES);
  for (const entry of decoded.entries) {
    if (entry.kind === "unreadable") assert.ok(Array.from(entry.text).length <= format.SHOWN + 1);
  }
});
