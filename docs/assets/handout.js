/*
 * Trainer's handouts (R2P reports reference edition).
 *
 * 1. Report pages: an "add to handout" button beside the copy button of every paragraph
 *    and list item (div.r2p-para / div.r2p-item with data-cite). The collection in
 *    progress is kept in localStorage ("r2p-handout", as a link fragment, see 3.); a
 *    small link at the bottom of the page leads to the handout page.
 * 2. The handout page (div#r2p-handout, built by build_tools/render/handout_page.py):
 *    builds the handout from its #fragment and the published corpus (data/corpus.js,
 *    loaded with a <script> so that it works from file:// too), in the page language or
 *    both side by side; reorder, remove, title, headings, notes; print; Markdown and
 *    plain-text download; copy link. Every change is written back to the address
 *    (history.replaceState) and, for the reader's own collection, to localStorage.
 * 3. The link format (pure functions decode / encode, exported for Node tests):
 *    specified in build_tools/handout_links.py, which implements the same functions;
 *    both are tested against tests/data/handout_links.json.
 *
 * Safety: nothing from the address, the storage or the corpus is ever parsed as markup.
 * The DOM is built with createElement / textContent only; a malformed link shows what
 * could not be read and never throws. No user-visible string lives here: they come from
 * script#r2p-ui (report pages) and script#r2p-handout-ui (handout page).
 *
 * Cheap and inert elsewhere: on a page with neither paragraphs nor a handout it returns
 * after two DOM queries. Plain ES2017; no global names besides window.r2pHandout.
 */
(function () {
  "use strict";

  // Captured now: document.currentScript is only set while the script first runs.
  var SCRIPT = typeof document !== "undefined" ? document.currentScript : null;

  /* ================================================================ link format */

  var VERSION = 1;
  var MAX_ENTRIES = 500;
  var MAX_TEXT = 2000; // code points per title, heading or note
  var SHOWN = 120; // code points of an unreadable entry kept for display
  var SEPARATOR = /[;,]/;
  var PASSAGE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63}):([0-9]{1,6}(?:-[0-9A-Za-z]{1,6})?)$/;
  var FIELD = /^([a-z])=([\s\S]*)$/;
  var VERSION_ENTRY = /^v([0-9]{1,6})$/;
  var PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

  /** Tolerant decodeURIComponent: each run of %XX read as UTF-8, U+FFFD for bad bytes. */
  function percentDecode(text) {
    return text.replace(PERCENT_RUN, function (run) {
      var bytes = new Uint8Array(run.length / 3);
      for (var i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.substr(i * 3 + 1, 2), 16);
      // ignoreBOM: keep a leading U+FEFF as a character, as Python's utf-8 codec does.
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    });
  }

  /** encodeURIComponent, with lone surrogates (which it rejects) as U+FFFD. */
  function percentEncode(text) {
    text = String(text);
    try { return encodeURIComponent(text); } catch (e) { /* a lone surrogate */ }
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xDC00 && d <= 0xDFFF) { out += text.charAt(i) + text.charAt(i + 1); i++; continue; }
      }
      out += c >= 0xD800 && c <= 0xDFFF ? "\uFFFD" : text.charAt(i);
    }
    return encodeURIComponent(out);
  }

  /** The first ``size`` code points of ``text``. */
  function cut(text, size) {
    if (text.length <= size) return text;
    var points = Array.from(text);
    return points.length <= size ? text : points.slice(0, size).join("");
  }

  function trimAscii(text) {
    return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
  }

  /** Fragment (with or without "#") -> {version, title, parallel, entries, dropped}. Never throws. */
  function decode(fragment) {
    var handout = { version: VERSION, title: "", parallel: false, entries: [], dropped: 0 };
    var raw = String(fragment == null ? "" : fragment);
    if (raw.charAt(0) === "#") raw = raw.slice(1);
    var parts = raw.split(SEPARATOR);
    var first = true;
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      if (!part) continue;
      if (first) {
        first = false;
        var version = VERSION_ENTRY.exec(part);
        if (version) { handout.version = parseInt(version[1], 10); continue; }
      }
      var keyed = FIELD.exec(part);
      var key = keyed ? keyed[1] : "";
      if (key === "t") { handout.title = cut(percentDecode(keyed[2]), MAX_TEXT); continue; }
      if (key === "m") { handout.parallel = keyed[2] === "p"; continue; }
      var entry;
      if (key === "h" || key === "n") {
        entry = { kind: key === "h" ? "heading" : "note", text: cut(percentDecode(keyed[2]), MAX_TEXT) };
      } else {
        var text = trimAscii(percentDecode(part));
        var passage = PASSAGE.exec(text);
        if (passage) {
          entry = { kind: "passage", slug: passage[1], ref: passage[2] };
        } else {
          var shown = cut(text, SHOWN);
          entry = { kind: "unreadable", text: shown + (shown.length < text.length ? "…" : "") };
        }
      }
      if (handout.entries.length >= MAX_ENTRIES) handout.dropped += 1;
      else handout.entries.push(entry);
    }
    return handout;
  }

  /** Handout -> canonical fragment without "#"; unreadable entries are left out. */
  function encode(handout) {
    var parts = ["v" + VERSION];
    if (handout.title) parts.push("t=" + percentEncode(handout.title));
    if (handout.parallel) parts.push("m=p");
    var entries = handout.entries || [];
    for (var i = 0; i < entries.length; i++) {
      var entry = entries[i];
      if (entry.kind === "passage") {
        var id = entry.slug + ":" + entry.ref;
        if (PASSAGE.test(id)) parts.push(id);
      } else if (entry.kind === "heading") {
        parts.push("h=" + percentEncode(entry.text));
      } else if (entry.kind === "note") {
        parts.push("n=" + percentEncode(entry.text));
      }
    }
    return parts.join(";");
  }

  function isEmpty(handout) {
    return encode(handout) === "v" + VERSION;
  }

  var format = {
    VERSION: VERSION, MAX_ENTRIES: MAX_ENTRIES, MAX_TEXT: MAX_TEXT, SHOWN: SHOWN,
    decode: decode, encode: encode, percentDecode: percentDecode, percentEncode: percentEncode,
    isEmpty: isEmpty
  };
  if (typeof module === "object" && module && module.exports) module.exports = format;
  if (typeof document === "undefined") return; // Node: the format only

  /* ================================================================ shared helpers */

  var STORE = "r2p-handout";
  var HANDOUT_PAGE = "handout"; // build_tools/render/handout_page.py HANDOUT_PAGE, without .md
  var memoryStore = ""; // when localStorage is unavailable (privacy settings)

  function readStore() {
    try { return window.localStorage.getItem(STORE) || ""; } catch (e) { return memoryStore; }
  }

  function writeStore(handout) {
    var fragment = isEmpty(handout) ? "" : encode(handout);
    memoryStore = fragment;
    try {
      if (fragment) window.localStorage.setItem(STORE, fragment);
      else window.localStorage.removeItem(STORE);
    } catch (e) { /* kept in memory for this page only */ }
  }

  function readJson(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try {
      var data = JSON.parse(el.textContent);
      return data && typeof data === "object" ? data : null;
    } catch (e) { return null; }
  }

  /** "{symbol}, paragraph {number}" with values as text (no markup can come of it). */
  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = text;
    return node;
  }

  var SVG = "http://www.w3.org/2000/svg";
  // Material Design Icons (Apache 2.0), as bundled with Material for MkDocs.
  var ICONS = {
    add: "M3 16h7v-2H3m15 0v-4h-2v4h-4v2h4v4h2v-4h4v-2m-8-8H3v2h11m0 2H3v2h11z",
    added: "M14 10H3v2h11zm0-4H3v2h11zM3 16h7v-2H3zm18.5-4.5L23 13l-7 7-4.5-4.5L13 14l3 3z",
    up: "M13 20h-2V8l-5.5 5.5-1.42-1.42L12 4.16l7.92 7.92-1.42 1.42L13 8z",
    down: "M11 4h2v12l5.5-5.5 1.42 1.42L12 19.84l-7.92-7.92L5.5 10.5 11 16z",
    remove: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z"
  };

  function icon(name) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", ICONS[name]);
    svg.appendChild(path);
    return svg;
  }

  function pageLang() {
    return (document.documentElement.lang || "").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  }

  var live;
  function announce(message) {
    if (!live) {
      live = el("div", "r2p-live");
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  /**
   * This page's name and URL style: report pages and the handout page are siblings in a
   * language folder, as ".../<name>/" (directory URLs), ".../<name>/index.html" (the same
   * opened from disk) or ".../<name>.html" (offline build).
   */
  function pageName() {
    var path = location.pathname;
    var m = /\/([^\/]+)\/(index\.html)?$/.exec(path);
    if (m) return { name: safeDecode(m[1]), style: m[2] ? "index" : "dir" };
    m = /\/([^\/]+)\.html$/.exec(path);
    if (m) return { name: safeDecode(m[1]), style: "html" };
    return null;
  }

  function safeDecode(text) {
    try { return decodeURIComponent(text); } catch (e) { return text; }
  }

  function siblingUrl(name) {
    var here = pageName();
    var base = location.href.split("#")[0].split("?")[0];
    if (!here) return null;
    if (here.style === "html") return new URL(name + ".html", base).href;
    return new URL("../" + name + "/" + (here.style === "index" ? "index.html" : ""), base).href;
  }

  /* ================================================================ 1. report pages */

  function startReportPage(blocks, ui) {
    var here = pageName();
    var slug = here && here.name;
    if (!slug || !ui.handout_add || !PASSAGE.test(slug + ":1")) return;
    var buttons = [];
    var pill = null;

    function inHandout(handout) {
      var found = Object.create(null);
      handout.entries.forEach(function (entry) {
        if (entry.kind === "passage" && entry.slug === slug) found[entry.ref] = true;
      });
      return found;
    }

    function count(handout) {
      return handout.entries.filter(function (e) { return e.kind === "passage"; }).length;
    }

    function refresh() {
      var handout = decode(readStore());
      var found = inHandout(handout);
      buttons.forEach(function (button) {
        var ref = button.getAttribute("data-r2p-ref");
        var on = !!found[ref];
        var cite = button.getAttribute("data-r2p-cite");
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.title = on ? ui.handout_remove : ui.handout_add;
        button.setAttribute("aria-label", (on ? ui.handout_remove : ui.handout_add) + (pageLang() === "zh" ? "：" : ": ") + cite);
        button.classList.toggle("r2p-ho-add--on", on);
        button.replaceChild(icon(on ? "added" : "add"), button.firstChild);
      });
      var n = count(handout);
      var target = siblingUrl(HANDOUT_PAGE);
      if (n && target) {
        if (!pill) {
          pill = el("a", "r2p-ho-pill");
          document.body.appendChild(pill);
        }
        pill.href = target;
        pill.textContent = fill(ui.handout_open, { count: n });
      } else if (pill) {
        pill.remove();
        pill = null;
      }
    }

    blocks.forEach(function (block) {
      var ref = block.id.replace(/^p/, "");
      if (block.id.charAt(0) !== "p" || !PASSAGE.test(slug + ":" + ref)) return;
      var button = el("button", "r2p-ho-add");
      button.type = "button";
      button.setAttribute("data-r2p-ref", ref);
      button.setAttribute("data-r2p-cite", block.getAttribute("data-cite") || "");
      button.appendChild(icon("add"));
      // Floated at the start of the line of the paragraph number (the permalink), left of
      // the copy button (r2p.js): it takes room on that line only, not a whole column.
      var number = block.querySelector('a.r2p-pnum[href="#' + block.id + '"]');
      if (number) number.parentNode.insertBefore(button, number);
      else block.insertBefore(button, block.firstChild);
      buttons.push(button);
    });

    document.addEventListener("click", function (ev) {
      var button = ev.target.closest ? ev.target.closest("button.r2p-ho-add") : null;
      if (!button) return;
      var ref = button.getAttribute("data-r2p-ref");
      var handout = decode(readStore());
      var before = handout.entries.length;
      handout.entries = handout.entries.filter(function (e) {
        return !(e.kind === "passage" && e.slug === slug && e.ref === ref);
      });
      var added = handout.entries.length === before;
      if (added) handout.entries.push({ kind: "passage", slug: slug, ref: ref });
      writeStore(handout);
      refresh();
      announce((added ? ui.handout_added : ui.handout_removed) + (pageLang() === "zh" ? "：" : ": ") +
        button.getAttribute("data-r2p-cite"));
    });
    // Another tab (the handout page, another report) changed the collection.
    window.addEventListener("storage", function (ev) { if (ev.key === STORE || ev.key === null) refresh(); });
    window.addEventListener("pageshow", refresh); // back/forward cache
    refresh();
  }

  /* ================================================================ 2. the handout page */

  function indexCorpus(corpus) {
    var reports = Object.create(null);
    var list = corpus && Array.isArray(corpus.reports) ? corpus.reports : [];
    list.forEach(function (r) {
      if (!r || typeof r.slug !== "string") return;
      var units = Object.create(null);
      var byNumber = Object.create(null);
      (r.paragraphs || []).forEach(function (p) {
        units[p.id] = { paragraph: p, item: null };
        byNumber[p.number] = p;
        (p.items || []).forEach(function (item) { units[item.id] = { paragraph: p, item: item }; });
      });
      var notes = Object.create(null);
      (r.footnotes || []).forEach(function (f) { notes[f.number] = f; });
      var translations = Object.create(null);
      var given = (r.translations && r.translations.en) || {};
      Object.keys(given).forEach(function (k) { translations[k] = given[k]; });
      reports[r.slug] = {
        data: r, units: units, byNumber: byNumber, notes: notes, en: translations,
        symbol: (r.symbols || []).join("–")
      };
    });
    return reports;
  }

  var RANGE = /^([0-9]+)-([0-9]+)$/;
  var MAX_RANGE = 200;

  /** A passage entry -> what it designates in the corpus, or why not. */
  function resolve(reports, entry) {
    var report = reports[entry.slug];
    if (!report) return { ok: false, reason: "report" };
    var unit = report.units["p" + entry.ref];
    if (unit) {
      return { ok: true, report: report, paragraphs: [unit.paragraph], item: unit.item, range: null };
    }
    var m = RANGE.exec(entry.ref);
    if (m) {
      var start = parseInt(m[1], 10), end = parseInt(m[2], 10);
      if (end > start && end - start <= MAX_RANGE && report.byNumber[start] && report.byNumber[end]) {
        var paragraphs = [];
        for (var n = start; n <= end; n++) if (report.byNumber[n]) paragraphs.push(report.byNumber[n]);
        return { ok: true, report: report, paragraphs: paragraphs, item: null, range: [start, end] };
      }
    }
    return { ok: false, reason: "paragraph", report: report };
  }

  /** Text of a unit in a language: {text, markers:[{offset, number}], lang, status}. */
  function unitText(report, unit, lang) {
    var zhMarkers = (unit.footnote_refs || []).map(function (r) { return { offset: r.offset, number: r.number }; });
    var zh = { text: unit.text || "", markers: zhMarkers, lang: "zh", status: "source" };
    if (lang === "zh") return zh;
    var found = report.en[unit.id];
    if (!found || typeof found.text !== "string" || found.status === "missing") {
      zh.status = "missing";
      return zh;
    }
    var markers = [];
    var out = "";
    var pos = 0;
    var re = /\[\^(\d+)\]/g;
    var m;
    while ((m = re.exec(found.text))) {
      out += found.text.slice(pos, m.index);
      markers.push({ offset: out.length, number: parseInt(m[1], 10) });
      pos = re.lastIndex;
    }
    out += found.text.slice(pos);
    return { text: out, markers: markers, lang: "en", status: found.status === "fuzzy" ? "fuzzy" : "translated" };
  }

  function footnoteText(report, number, lang) {
    var note = report.notes[number];
    if (!note) return null;
    if (lang === "en") {
      var found = report.en[note.id];
      if (found && typeof found.text === "string" && found.status !== "missing") {
        return { text: found.text.replace(/\[\^\d+\]/g, ""), lang: "en" };
      }
    }
    return { text: note.text || "", lang: "zh" };
  }

  function unitLabel(paragraph, item) {
    if (!item) return paragraph.number + ".";
    return item.kind === "letter" ? "(" + item.label + ")" : "•";
  }

  function citation(ui, resolved) {
    var symbol = resolved.report.symbol;
    var paragraph = resolved.paragraphs[0];
    if (resolved.range) {
      return fill(ui.cite_range, { symbol: symbol, first: resolved.range[0], last: resolved.range[1] });
    }
    if (resolved.item) {
      var template = resolved.item.kind === "letter" ? ui.cite_letter : ui.cite_bullet;
      return fill(template, { symbol: symbol, number: paragraph.number, label: resolved.item.label });
    }
    return fill(ui.cite_para, { symbol: symbol, number: paragraph.number });
  }

  /**
   * The units of a resolved passage, in order: [{paragraph, unit, item}] (a paragraph
   * brings its list items; an item comes alone).
   */
  function passageUnits(resolved) {
    if (resolved.item) return [{ paragraph: resolved.paragraphs[0], unit: resolved.item, item: resolved.item }];
    var out = [];
    resolved.paragraphs.forEach(function (p) {
      out.push({ paragraph: p, unit: p, item: null });
      (p.items || []).forEach(function (item) { out.push({ paragraph: p, unit: item, item: item }); });
    });
    return out;
  }

  function HandoutPage(root, ui) {
    this.root = root;
    this.ui = ui;
    this.lang = pageLang();
    this.reports = null; // slug -> indexed report, once data/corpus.js has loaded
    this.loadError = false;
    this.handout = decode("");
    this.linked = false; // showing a link that is not the reader's own collection
    this.written = null; // the fragment this page last wrote (to tell our changes from the reader's)
    this.undo = null;
    this.focusAfter = null;
    this.pageLinks = Object.create(null);
    var links = document.querySelectorAll("a[data-r2p-report]");
    for (var i = 0; i < links.length; i++) this.pageLinks[links[i].getAttribute("data-r2p-report")] = links[i].href;
  }

  HandoutPage.prototype.start = function () {
    var self = this;
    document.body.classList.add("r2p-ho-page");
    this.readAddress(true);
    window.addEventListener("hashchange", function () {
      if (self.currentFragment() !== self.written) self.readAddress(false);
    });
    window.addEventListener("storage", function (ev) {
      if ((ev.key === STORE || ev.key === null) && !self.linked) {
        self.handout = decode(readStore());
        self.save(false);
        self.render();
      }
    });
    this.render();
    this.loadCorpus();
  };

  HandoutPage.prototype.currentFragment = function () {
    return location.hash.replace(/^#/, "");
  };

  /** Read the handout from the address (or, with none, from the reader's collection). */
  HandoutPage.prototype.readAddress = function (first) {
    var fragment = this.currentFragment();
    var stored = readStore();
    this.undo = null;
    if (!fragment) {
      this.handout = decode(stored);
      this.linked = false;
      this.save(false);
    } else {
      this.handout = decode(fragment);
      var same = encode(this.handout) === encode(decode(stored));
      // A link becomes the reader's collection unless that would replace a different one.
      this.linked = !same && !!stored && !isEmpty(decode(stored));
      if (!this.linked && !same && !isEmpty(this.handout)) writeStore(this.handout);
      this.written = fragment;
    }
    if (!first) this.render();
  };

  /** Write the handout to the address and, unless it is a link being looked at, to storage. */
  HandoutPage.prototype.save = function (store) {
    var fragment = isEmpty(this.handout) ? "" : encode(this.handout);
    if (store !== false && !this.linked) writeStore(this.handout);
    if (fragment !== this.currentFragment()) {
      var base = location.href.split("#")[0];
      try { history.replaceState(history.state, "", fragment ? base + "#" + fragment : base); } catch (e) {
        location.hash = fragment; // very old browsers, or file:// quirks
      }
    }
    this.written = fragment;
    // The printed "link to this handout" follows every change.
    var shown = this.root.querySelector(".r2p-ho-source__url");
    if (shown) shown.textContent = location.href;
  };

  HandoutPage.prototype.loadCorpus = function () {
    var self = this;
    if (window.R2P_CORPUS) {
      this.reports = indexCorpus(window.R2P_CORPUS);
      this.render();
      return;
    }
    if (!SCRIPT || !SCRIPT.src) { this.loadError = true; this.render(); return; }
    var script = document.createElement("script");
    // assets/handout.js -> data/corpus.js (written by build_tools/site.py)
    script.src = new URL("../data/corpus.js", SCRIPT.src).href;
    script.onload = function () {
      if (window.R2P_CORPUS) self.reports = indexCorpus(window.R2P_CORPUS);
      else self.loadError = true;
      self.render();
    };
    script.onerror = function () { self.loadError = true; self.render(); };
    document.head.appendChild(script);
  };

  HandoutPage.prototype.change = function (mutate, rerender) {
    mutate(this.handout);
    this.save(true);
    if (rerender !== false) this.render();
  };

  // ------------------------------------------------------------------ rendering

  HandoutPage.prototype.render = function () {
    var ui = this.ui;
    var root = this.root;
    while (root.firstChild) root.removeChild(root.firstChild);
    root.appendChild(this.toolbar());
    var notices = this.notices();
    if (notices.childNodes.length) root.appendChild(notices);

    var doc = el("div", "r2p-ho-doc");
    doc.appendChild(this.titleField());
    var list = el("div", "r2p-ho-entries");
    list.setAttribute("role", "list");
    var english = false;
    var self = this;
    this.handout.entries.forEach(function (entry, index) {
      var node = self.entry(entry, index);
      if (node.getAttribute("data-r2p-en")) english = true;
      list.appendChild(node);
    });
    if (english) doc.appendChild(el("p", "r2p-ho-translation-note", ui.translation_note));
    if (!this.handout.entries.length) doc.appendChild(el("p", "r2p-ho-empty", ui.empty));
    doc.appendChild(list);

    var adders = el("div", "r2p-ho-adders");
    adders.appendChild(this.button(ui.add_heading, "r2p-ho-add-heading", null, function () {
      self.focusAfter = { index: self.handout.entries.length, field: true };
      self.change(function (h) { h.entries.push({ kind: "heading", text: "" }); });
    }));
    adders.appendChild(this.button(ui.add_note, "r2p-ho-add-note", null, function () {
      self.focusAfter = { index: self.handout.entries.length, field: true };
      self.change(function (h) { h.entries.push({ kind: "note", text: "" }); });
    }));
    doc.appendChild(adders);

    var source = el("p", "r2p-ho-print-only r2p-ho-source");
    source.appendChild(document.createTextNode(ui.link_label + " "));
    source.appendChild(el("span", "r2p-ho-source__url", location.href));
    doc.appendChild(source);
    root.appendChild(doc);
    this.restoreFocus();
  };

  HandoutPage.prototype.button = function (label, className, iconName, action) {
    var button = el("button", "md-button r2p-ho-button " + (className || ""));
    button.type = "button";
    if (iconName) {
      button.appendChild(icon(iconName));
      button.setAttribute("aria-label", label);
      button.title = label;
      button.classList.add("r2p-ho-icon");
      button.classList.remove("md-button");
    } else {
      button.textContent = label;
    }
    button.addEventListener("click", action);
    return button;
  };

  HandoutPage.prototype.toolbar = function () {
    var ui = this.ui;
    var self = this;
    var bar = el("div", "r2p-ho-toolbar");
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", ui.toolbar);
    bar.appendChild(this.button(ui.print, "r2p-ho-print", null, function () { window.print(); }));
    bar.appendChild(this.button(ui.copy_link, "r2p-ho-copy", null, function () { self.copyLink(); }));
    bar.appendChild(this.button(ui.markdown, "r2p-ho-markdown", null, function () {
      self.download(self.exportText(true), "md", "text/markdown");
    }));
    bar.appendChild(this.button(ui.text, "r2p-ho-text", null, function () {
      self.download(self.exportText(false), "txt", "text/plain");
    }));

    var view = el("fieldset", "r2p-ho-view");
    view.appendChild(el("legend", null, ui.view));
    [["single", false], ["parallel", true]].forEach(function (choice) {
      var label = el("label");
      var input = el("input");
      input.type = "radio";
      input.name = "r2p-ho-view";
      input.value = choice[0];
      input.checked = self.handout.parallel === choice[1];
      input.addEventListener("change", function () {
        self.focusAfter = { selector: 'input[name="r2p-ho-view"][value="' + choice[0] + '"]' };
        self.change(function (h) { h.parallel = choice[1]; });
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + ui[choice[0]]));
      view.appendChild(label);
    });
    bar.appendChild(view);

    var clear = this.button(ui.clear, "r2p-ho-clear", null, function () {
      var before = encode(self.handout);
      self.change(function (h) { h.entries = []; h.title = ""; h.parallel = false; });
      self.undo = before;
      self.focusAfter = { selector: ".r2p-ho-undo" };
      self.render();
    });
    clear.disabled = isEmpty(this.handout);
    bar.appendChild(clear);
    return bar;
  };

  HandoutPage.prototype.notices = function () {
    var ui = this.ui;
    var self = this;
    var box = el("div", "r2p-ho-notices");
    function notice(text, kind) {
      var p = el("p", "r2p-ho-notice r2p-ho-notice--" + kind, text);
      box.appendChild(p);
      return p;
    }
    if (this.undo) {
      var p = notice(ui.cleared + " ", "info");
      p.appendChild(this.button(ui.undo, "r2p-ho-undo", null, function () {
        var saved = self.undo;
        self.undo = null;
        self.change(function (h) { var back = decode(saved); h.entries = back.entries; h.title = back.title; h.parallel = back.parallel; });
      }));
    }
    if (this.linked) {
      var linked = notice(ui.linked + " ", "info");
      linked.appendChild(this.button(ui.keep, "r2p-ho-keep", null, function () {
        self.linked = false;
        self.save(true);
        self.render();
      }));
      linked.appendChild(document.createTextNode(" "));
      linked.appendChild(this.button(ui.mine, "r2p-ho-mine", null, function () {
        self.handout = decode(readStore());
        self.linked = false;
        self.save(false);
        self.render();
      }));
    }
    if (this.handout.version > VERSION) notice(ui.newer, "warning");
    if (this.handout.dropped) notice(fill(ui.dropped, { count: this.handout.dropped }), "warning");
    if (!this.reports && !this.loadError && this.hasPassages()) notice(ui.loading, "info").classList.add("r2p-ho-loading");
    if (this.loadError) notice(ui.load_failed, "warning");
    if (this.problemCount()) notice(ui.problems, "warning").classList.add("r2p-ho-problems");
    return box;
  };

  HandoutPage.prototype.hasPassages = function () {
    return this.handout.entries.some(function (e) { return e.kind === "passage"; });
  };

  HandoutPage.prototype.problemCount = function () {
    var self = this;
    return this.handout.entries.filter(function (e) {
      if (e.kind === "unreadable") return true;
      return e.kind === "passage" && self.reports && !resolve(self.reports, e).ok;
    }).length;
  };

  HandoutPage.prototype.titleField = function () {
    var ui = this.ui;
    var self = this;
    var wrap = el("div", "r2p-ho-title");
    var label = el("label", "r2p-ho-title__label", ui.title_label);
    label.htmlFor = "r2p-ho-title-input";
    var input = el("input", "r2p-ho-title__input");
    input.id = "r2p-ho-title-input";
    input.type = "text";
    input.maxLength = MAX_TEXT;
    input.placeholder = ui.title_placeholder;
    input.value = this.handout.title;
    var printed = el("h1", "r2p-ho-print-only r2p-ho-title__print", this.handout.title || ui.untitled);
    input.addEventListener("input", function () {
      self.change(function (h) { h.title = input.value; }, false);
      printed.textContent = input.value || ui.untitled;
    });
    wrap.appendChild(label);
    wrap.appendChild(input);
    wrap.appendChild(printed);
    return wrap;
  };

  HandoutPage.prototype.controls = function (index, what) {
    var ui = this.ui;
    var self = this;
    var box = el("div", "r2p-ho-controls");
    var count = this.handout.entries.length;
    function move(delta, name) {
      return self.button(ui[name === "up" ? "move_up" : "move_down"] + (what ? ": " + what : ""),
        "r2p-ho-" + name, name, function () {
          var to = index + delta;
          self.focusAfter = { index: to, control: name };
          self.change(function (h) {
            var moved = h.entries.splice(index, 1)[0];
            h.entries.splice(to, 0, moved);
          });
        });
    }
    var up = move(-1, "up");
    up.disabled = index === 0;
    var down = move(1, "down");
    down.disabled = index === count - 1;
    var remove = this.button(ui.remove + (what ? ": " + what : ""), "r2p-ho-remove", "remove", function () {
      self.focusAfter = { index: Math.min(index, count - 2), control: "remove" };
      self.change(function (h) { h.entries.splice(index, 1); });
    });
    box.appendChild(up);
    box.appendChild(down);
    box.appendChild(remove);
    return box;
  };

  HandoutPage.prototype.entry = function (entry, index) {
    var node = el("div", "r2p-ho-entry r2p-ho-entry--" + entry.kind);
    node.setAttribute("role", "listitem");
    node.setAttribute("data-index", String(index));
    if (entry.kind === "passage") this.passage(node, entry, index);
    else if (entry.kind === "heading" || entry.kind === "note") this.textEntry(node, entry, index);
    else this.unreadable(node, entry, index);
    return node;
  };

  HandoutPage.prototype.textEntry = function (node, entry, index) {
    var ui = this.ui;
    var self = this;
    var heading = entry.kind === "heading";
    var label = heading ? ui.heading_label : ui.note_label;
    var row = el("div", "r2p-ho-row");
    var input = el(heading ? "input" : "textarea", "r2p-ho-field");
    if (heading) input.type = "text";
    else input.rows = 2;
    input.maxLength = MAX_TEXT;
    input.value = entry.text;
    input.placeholder = label;
    input.setAttribute("aria-label", label);
    var printed = el(heading ? "h2" : "p", "r2p-ho-print-only r2p-ho-" + entry.kind + "__print", entry.text);
    input.addEventListener("input", function () {
      // The entry object may have been replaced by a re-render; find it by position.
      self.change(function (h) { if (h.entries[index]) h.entries[index].text = input.value; }, false);
      printed.textContent = input.value;
    });
    row.appendChild(input);
    row.appendChild(this.controls(index, label));
    node.appendChild(row);
    node.appendChild(printed);
  };

  HandoutPage.prototype.unreadable = function (node, entry, index) {
    node.classList.add("r2p-ho-unknown");
    node.appendChild(this.controls(index, ""));
    node.appendChild(el("p", "r2p-ho-unknown__text", fill(this.ui.unreadable, { text: entry.text })));
  };

  HandoutPage.prototype.passage = function (node, entry, index) {
    var ui = this.ui;
    var id = entry.slug + ":" + entry.ref;
    node.setAttribute("data-r2p-passage", id);
    if (!this.reports) {
      node.appendChild(this.controls(index, id));
      node.appendChild(el("p", "r2p-ho-cite", id));
      return;
    }
    var resolved = resolve(this.reports, entry);
    if (!resolved.ok) {
      node.classList.add("r2p-ho-unknown");
      node.appendChild(this.controls(index, id));
      var message = resolved.reason === "report"
        ? fill(ui.unknown_report, { slug: entry.slug, entry: id })
        : fill(ui.unknown_passage, { symbol: resolved.report.symbol, ref: entry.ref, entry: id });
      node.appendChild(el("p", "r2p-ho-unknown__text", message));
      return;
    }
    var cite = citation(ui, resolved);
    node.appendChild(this.controls(index, cite));
    var body = this.passageBody(resolved);
    if (body.getAttribute("data-r2p-en")) node.setAttribute("data-r2p-en", "1");
    node.appendChild(body);

    var href = this.passageUrl(entry);
    var line = el("p", "r2p-ho-cite");
    line.appendChild(document.createTextNode("— "));
    var link = el("a", "r2p-ho-cite__link", cite);
    if (href) link.href = href;
    line.appendChild(link);
    var title = resolved.report.data.title && resolved.report.data.title[this.lang];
    if (title) line.appendChild(el("span", "r2p-ho-cite__title", " · " + title));
    if (href) line.appendChild(el("span", "r2p-ho-print-only r2p-ho-cite__url", " " + href));
    node.appendChild(line);
  };

  HandoutPage.prototype.passageUrl = function (entry) {
    var page = this.pageLinks[entry.slug];
    return page ? page.split("#")[0] + "#p" + entry.ref : null;
  };

  /**
   * The text of a passage: in one language, its units then the footnotes they cite; side
   * by side, a grid whose rows pair each unit with its translation (so they line up).
   */
  HandoutPage.prototype.passageBody = function (resolved) {
    var ui = this.ui;
    var langs = this.handout.parallel ? ["zh", "en"] : [this.lang];
    var units = passageUnits(resolved);
    var cells = {};
    var english = false;
    langs.forEach(function (lang) {
      cells[lang] = langCells(ui, resolved, units, lang);
      english = english || cells[lang].english;
    });
    var body;
    if (langs.length === 1) {
      body = el("div", "r2p-ho-single");
      cells[langs[0]].units.forEach(function (p) { body.appendChild(p); });
      if (cells[langs[0]].notes) body.appendChild(cells[langs[0]].notes);
    } else {
      body = el("div", "r2p-ho-parallel");
      var names = el("p", "r2p-ho-langs");
      names.setAttribute("aria-hidden", "true"); // each cell carries its own lang attribute
      names.appendChild(el("span", "r2p-ho-langs__name", ui.lang_zh));
      names.appendChild(el("span", "r2p-ho-langs__name", ui.lang_en));
      body.appendChild(names);
      var grid = el("div", "r2p-ho-columns");
      units.forEach(function (unit, i) {
        langs.forEach(function (lang) {
          cells[lang].units[i].classList.add("r2p-ho-cell--" + lang);
          grid.appendChild(cells[lang].units[i]);
        });
      });
      if (cells.zh.notes || cells.en.notes) {
        langs.forEach(function (lang) {
          var notes = cells[lang].notes || el("div");
          notes.classList.add("r2p-ho-cell--" + lang);
          grid.appendChild(notes);
        });
      }
      body.appendChild(grid);
    }
    if (english) body.setAttribute("data-r2p-en", "1");
    return body;
  };

  /** One language of a passage: a <p> per unit and the list of the footnotes they cite. */
  function langCells(ui, resolved, units, lang) {
    var cited = [];
    var english = false;
    var report = resolved.report;
    var paragraphs = units.map(function (part) {
      var text = unitText(report, part.unit, lang);
      if (text.lang === "en") english = true;
      var p = el("p", part.item && !resolved.item ? "r2p-ho-unit r2p-ho-unit--item" : "r2p-ho-unit");
      p.lang = text.lang === "zh" ? "zh-Hans" : "en";
      p.appendChild(el("strong", "r2p-ho-unit__label", unitLabel(part.paragraph, part.item)));
      p.appendChild(document.createTextNode(" "));
      var pos = 0;
      text.markers.slice().sort(function (a, b) { return a.offset - b.offset; }).forEach(function (marker) {
        p.appendChild(document.createTextNode(text.text.slice(pos, marker.offset)));
        p.appendChild(el("sup", "r2p-ho-fnref", String(marker.number)));
        pos = marker.offset;
        if (cited.indexOf(marker.number) < 0) cited.push(marker.number);
      });
      p.appendChild(document.createTextNode(text.text.slice(pos)));
      if (text.status === "missing" || text.status === "fuzzy") {
        p.appendChild(document.createTextNode(" "));
        var status = el("span", "r2p-status r2p-" + text.status, text.status === "missing" ? ui.missing : ui.fuzzy);
        status.lang = lang === "zh" ? "zh-Hans" : "en";
        p.appendChild(status);
      }
      return p;
    });
    var notes = null;
    if (cited.length) {
      notes = el("ol", "r2p-ho-notes");
      notes.setAttribute("aria-label", ui.notes);
      cited.forEach(function (number) {
        var note = footnoteText(report, number, lang);
        if (!note) return;
        var li = el("li", "r2p-ho-note");
        li.value = number;
        li.lang = note.lang === "zh" ? "zh-Hans" : "en";
        li.appendChild(el("sup", "r2p-ho-fnref", String(number)));
        li.appendChild(document.createTextNode(" " + note.text));
        notes.appendChild(li);
      });
    }
    return { units: paragraphs, notes: notes, english: english };
  }

  HandoutPage.prototype.restoreFocus = function () {
    var want = this.focusAfter;
    this.focusAfter = null;
    if (!want) return;
    var target = null;
    if (want.selector) {
      target = this.root.querySelector(want.selector);
    } else {
      var node = this.root.querySelector('.r2p-ho-entry[data-index="' + want.index + '"]');
      if (node && want.field) target = node.querySelector(".r2p-ho-field");
      else if (node && want.control) {
        target = node.querySelector(".r2p-ho-" + want.control);
        if (target && target.disabled) target = node.querySelector(".r2p-ho-" + (want.control === "up" ? "down" : "up"));
      }
      if (!target) target = this.root.querySelector(".r2p-ho-add-heading");
    }
    if (target && !target.disabled) target.focus();
  };

  // ------------------------------------------------------------------ sharing

  HandoutPage.prototype.copyLink = function () {
    var ui = this.ui;
    var self = this;
    var url = location.href;
    function failed() {
      // No prompt(): show the link, selected, for copying by hand.
      var box = self.root.querySelector(".r2p-ho-notices") || self.root;
      var p = el("p", "r2p-ho-notice r2p-ho-notice--warning", ui.copy_failed + " ");
      var input = el("input", "r2p-ho-linkbox");
      input.readOnly = true;
      input.value = url;
      p.appendChild(input);
      box.appendChild(p);
      input.select();
      announce(ui.copy_failed);
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
      navigator.clipboard.writeText(url).then(function () { announce(ui.link_copied); }, failed);
    } else {
      failed();
    }
  };

  /** The handout as Markdown (markdown=true) or plain text, with citations and links. */
  HandoutPage.prototype.exportText = function (markdown) {
    var ui = this.ui;
    var self = this;
    var out = [];
    var title = this.handout.title || ui.untitled;
    function md(text) { return markdown ? String(text).replace(/([\\`*_\[\]<>#|~])/g, "\\$1") : String(text); }
    // Plain-text headings are underlined to their width (Han characters take two columns).
    function rule(text, ch) {
      var width = Array.from(text).reduce(function (n, c) { return n + (c.codePointAt(0) >= 0x1100 ? 2 : 1); }, 0);
      return new Array(Math.max(1, Math.min(width, 72)) + 1).join(ch);
    }
    if (markdown) out.push("# " + md(title), "");
    else out.push(title, rule(title, "="), "");
    var langs = this.handout.parallel ? ["zh", "en"] : [this.lang];
    var english = false;
    this.handout.entries.forEach(function (entry) {
      if ((entry.kind === "heading" || entry.kind === "note") && !entry.text.trim()) return; // not yet written
      if (entry.kind === "heading") {
        out.push(markdown ? "## " + md(entry.text) : entry.text + "\n" + rule(entry.text, "-"), "");
      } else if (entry.kind === "note") {
        out.push(md(entry.text), "");
      } else if (entry.kind === "unreadable") {
        out.push(md(fill(ui.unreadable, { text: entry.text })), "");
      } else if (entry.kind === "passage") {
        var id = entry.slug + ":" + entry.ref;
        var resolved = self.reports ? resolve(self.reports, entry) : { ok: false, reason: "loading" };
        if (!resolved.ok) {
          var message = resolved.reason === "report" ? fill(ui.unknown_report, { slug: entry.slug, entry: id })
            : resolved.reason === "paragraph" ? fill(ui.unknown_passage, { symbol: resolved.report.symbol, ref: entry.ref, entry: id })
            : id;
          out.push(md(message), "");
          return;
        }
        var prefix = markdown ? "> " : "    ";
        var lines = [];
        langs.forEach(function (lang, i) {
          if (i) lines.push("");
          var cited = [];
          passageUnits(resolved).forEach(function (part) {
            var text = unitText(resolved.report, part.unit, lang);
            if (text.lang === "en") english = true;
            var s = "";
            var pos = 0;
            text.markers.forEach(function (marker) {
              s += text.text.slice(pos, marker.offset) + "[" + marker.number + "]";
              pos = marker.offset;
              if (cited.indexOf(marker.number) < 0) cited.push(marker.number);
            });
            s += text.text.slice(pos);
            var status = text.status === "missing" ? " (" + ui.missing + ")" : text.status === "fuzzy" ? " (" + ui.fuzzy + ")" : "";
            var label = unitLabel(part.paragraph, part.item);
            lines.push((markdown ? "**" + md(label) + "** " : label + " ") + md(s) + md(status));
            lines.push("");
          });
          cited.forEach(function (number) {
            var note = footnoteText(resolved.report, number, lang);
            if (note) lines.push(md("[" + number + "] " + note.text), "");
          });
          if (lines[lines.length - 1] === "") lines.pop();
        });
        lines.forEach(function (line) { out.push(line ? prefix + line : prefix.replace(/ +$/, "")); });
        var href = self.passageUrl(entry) || "";
        var cite = citation(ui, resolved);
        if (markdown) out.push(">", "> — [" + md(cite) + "](<" + href.replace(/[<>\s]/g, encodeURIComponent) + ">)", "");
        else out.push("    — " + cite, "      " + href, "");
      }
    });
    if (english) out.push(markdown ? "*" + md(ui.translation_note) + "*" : ui.translation_note, "");
    out.push(markdown ? "---" : "--", "", md(ui.link_label) + " " + (markdown ? "<" + location.href.replace(/[<>\s]/g, encodeURIComponent) + ">" : location.href), "");
    return out.join("\n");
  };

  HandoutPage.prototype.download = function (text, extension, type) {
    var name = (this.handout.title || this.ui.untitled).replace(/[\\\/:*?"<>|\u0000-\u001f\u007f]+/g, " ").trim();
    name = cut(name, 80) || "handout";
    var blob = new Blob([text], { type: type + ";charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var a = el("a");
    a.href = url;
    a.download = name + "." + extension;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  /* ================================================================ start */

  function start() {
    var root = document.getElementById("r2p-handout");
    if (root) {
      var ui = readJson("r2p-handout-ui");
      if (!ui) return;
      var page = new HandoutPage(root, ui);
      page.start();
      window.r2pHandout = { format: format, page: page };
      return;
    }
    var blocks = document.querySelectorAll(".r2p-para[id][data-cite], .r2p-item[id][data-cite]");
    if (!blocks.length) return;
    var strings = readJson("r2p-ui");
    if (!strings) return;
    startReportPage(Array.prototype.slice.call(blocks), strings);
    window.r2pHandout = { format: format };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
