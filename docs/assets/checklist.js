/*
 * Recommendation checklists (R2P reports reference edition): ticks, notes, progress,
 * reset and print, kept in the browser's localStorage.
 *
 * DOM contract (build_tools/render/checklists.py):
 *   <script type="application/json" id="r2p-checklist-ui">{"progress": "{done} of {total} done", …}</script>
 *   <div class="r2p-checklist">
 *     <div class="r2p-cl-toolbar" hidden> .r2p-cl-total  button.r2p-cl-print  button.r2p-cl-reset
 *     <div class="r2p-cl-group"> p.r2p-cl-progress
 *       <li class="r2p-cl-item" data-item="a-71-1016:p44-a">
 *         input.r2p-cl-check  textarea.r2p-cl-note-text  details.r2p-cl-note  div.r2p-cl-note-print
 *
 * Storage: one key per item, "r2p:checklist:<report>:<anchor>" (the item's data-item),
 * holding JSON {"done": true, "note": "…", "updated": ISO date}; the key is removed when
 * the item is neither ticked nor annotated. Item ids are the report's own paragraph
 * and item numbers, so the state survives rebuilds, and the per-report page, the
 * combined page and both languages share it. Other open tabs follow (storage event).
 *
 * Nothing is fetched: works from file:// and with no server. On a page without a
 * checklist the script returns at once. Plain ES5; no global names.
 */
(function () {
  "use strict";

  var root = document.querySelector(".r2p-checklist");
  if (!root) return;

  var PREFIX = "r2p:checklist:";
  var ui = { progress: "{done}/{total}", reset_confirm: "", reset_done: "", no_storage: "", note_printed: "" };
  var uiEl = document.getElementById("r2p-checklist-ui");
  if (uiEl) {
    try {
      var given = JSON.parse(uiEl.textContent);
      for (var k in given) if (given[k]) ui[k] = given[k];
    } catch (e) { /* keep the defaults */ }
  }

  /* localStorage may be missing or refuse writes (private modes, file:// policies). */
  var store = (function () {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "__probe__";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null;
    }
  })();

  function read(id) {
    if (!store) return {};
    try {
      var raw = store.getItem(PREFIX + id);
      var value = raw ? JSON.parse(raw) : {};
      return value && typeof value === "object" ? value : {};
    } catch (e) {
      return {};
    }
  }

  function write(id, done, note) {
    if (!store) return;
    try {
      if (done || note) {
        var value = { updated: new Date().toISOString() };
        if (done) value.done = true;
        if (note) value.note = note;
        store.setItem(PREFIX + id, JSON.stringify(value));
      } else {
        store.removeItem(PREFIX + id);
      }
    } catch (e) { /* quota or policy: the page keeps working for this visit */ }
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  var items = [];
  var nodes = root.querySelectorAll(".r2p-cl-item[data-item]");
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    items.push({
      id: el.getAttribute("data-item"),
      el: el,
      box: el.querySelector("input.r2p-cl-check"),
      note: el.querySelector("textarea.r2p-cl-note-text"),
      details: el.querySelector("details.r2p-cl-note"),
      printed: el.querySelector(".r2p-cl-note-print")
    });
  }

  function showNote(item) {
    var text = item.note ? item.note.value : "";
    if (item.printed) {
      item.printed.textContent = text ? (ui.note_printed ? ui.note_printed + " " : "") + text : "";
      item.printed.hidden = !text;
    }
    item.el.classList.toggle("r2p-cl-has-note", !!text);
  }

  function load(item) {
    var state = read(item.id);
    if (item.box) item.box.checked = !!state.done;
    if (item.note) item.note.value = typeof state.note === "string" ? state.note : "";
    if (item.details && item.note && item.note.value) item.details.open = true;
    item.el.classList.toggle("r2p-cl-done", !!state.done);
    showNote(item);
  }

  function save(item) {
    var done = !!(item.box && item.box.checked);
    write(item.id, done, item.note ? item.note.value : "");
    item.el.classList.toggle("r2p-cl-done", done);
    showNote(item);
  }

  function progress() {
    var groups = root.querySelectorAll(".r2p-cl-group");
    for (var g = 0; g < groups.length; g++) {
      var boxes = groups[g].querySelectorAll("input.r2p-cl-check");
      var done = 0;
      for (var b = 0; b < boxes.length; b++) if (boxes[b].checked) done++;
      var out = groups[g].querySelector(".r2p-cl-progress");
      if (out) {
        out.textContent = format(ui.progress, { done: done, total: boxes.length });
        out.hidden = false;
        out.classList.toggle("r2p-cl-complete", boxes.length > 0 && done === boxes.length);
      }
    }
    var all = root.querySelectorAll("input.r2p-cl-check");
    var checked = root.querySelectorAll("input.r2p-cl-check:checked").length;
    var total = root.querySelector(".r2p-cl-total");
    if (total) total.textContent = format(ui.progress, { done: checked, total: all.length });
  }

  items.forEach(function (item) {
    load(item);
    if (item.box) item.box.addEventListener("change", function () { save(item); progress(); });
    if (item.note) item.note.addEventListener("input", function () { save(item); });
  });

  var toolbar = root.querySelector(".r2p-cl-toolbar");
  if (toolbar) toolbar.hidden = false;
  if (!store && ui.no_storage && toolbar) {
    var warn = document.createElement("p");
    warn.className = "r2p-cl-warning";
    warn.setAttribute("role", "status");
    warn.textContent = ui.no_storage;
    toolbar.parentNode.insertBefore(warn, toolbar.nextSibling);
  }

  var printButton = root.querySelector(".r2p-cl-print");
  if (printButton) printButton.addEventListener("click", function () { window.print(); });

  var resetButton = root.querySelector(".r2p-cl-reset");
  if (resetButton) {
    resetButton.addEventListener("click", function () {
      if (ui.reset_confirm && !window.confirm(ui.reset_confirm)) return;
      items.forEach(function (item) {
        if (item.box) item.box.checked = false;
        if (item.note) item.note.value = "";
        if (item.details) item.details.open = false;
        save(item);
      });
      progress();
      var total = root.querySelector(".r2p-cl-total");
      if (total && ui.reset_done) total.textContent = ui.reset_done + " " + total.textContent;
    });
  }

  /* Another tab (or the other checklist page) changed an item: follow it. */
  window.addEventListener("storage", function (event) {
    if (event.key !== null && event.key.indexOf(PREFIX) !== 0) return;
    items.forEach(function (item) {
      if (event.key === null || event.key === PREFIX + item.id) {
        if (item.note && document.activeElement === item.note) return;  // do not overwrite typing
        load(item);
      }
    });
    progress();
  });

  progress();
})();
