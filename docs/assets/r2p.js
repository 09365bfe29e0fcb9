/*
 * Page behaviour of report pages (R2P reports reference edition).
 *
 * Works on the DOM contract emitted by build_tools (see README of the site):
 *   <script type="application/json" id="r2p-ui">{"copy": …, "copied": …, "copy_failed": …, "paragraph": …}</script>
 *   <div class="r2p-para" id="p24" data-cite="…"> <a class="r2p-pnum" href="#p24">24.</a> …
 *     <div class="r2p-item" id="p24-a" data-cite="…"> <a class="r2p-pnum" href="#p24-a">(a)</a> … </div>
 *   </div>
 *
 * (a) #p24 / #p24-a: scrolled into view below the sticky header, highlighted (.r2p-target)
 * (b) #p24-26 (no element with that id, end > start): paragraphs 24..26 highlighted,
 *     24 scrolled into view; also on hashchange
 * (c) a copy button per paragraph and item: "<data-cite> <absolute URL#id>" to the clipboard
 * (d) Material's language switcher keeps the #fragment
 * (e) no server needed: nothing here fetches anything; works from file://
 *
 * Plain ES2017, no dependency on Material's JavaScript (only on its header markup
 * for (d)), no global names besides window.r2p (for tests and debugging).
 */
(function () {
  "use strict";

  var TARGET = "r2p-target";
  var RANGE = /^p(\d+)-(\d+)$/;
  var DEFAULT_UI = {
    zh: { copy: "复制引文", copied: "已复制", copy_failed: "无法复制，请手动复制", paragraph: "段" },
    en: { copy: "Copy citation", copied: "Copied", copy_failed: "Could not copy; please copy by hand", paragraph: "Paragraph" }
  };

  function pageLang() {
    return (document.documentElement.lang || "en").toLowerCase().indexOf("zh") === 0 ? "zh" : "en";
  }

  function uiStrings() {
    var ui = {};
    var base = DEFAULT_UI[pageLang()];
    for (var k in base) ui[k] = base[k];
    var el = document.getElementById("r2p-ui");
    if (el) {
      try {
        var given = JSON.parse(el.textContent);
        for (var key in given) if (given[key]) ui[key] = given[key];
      } catch (e) { /* keep defaults */ }
    }
    return ui;
  }

  function decodeFragment(hash) {
    var id = (hash || "").replace(/^#/, "");
    try { return decodeURIComponent(id); } catch (e) { return id; }
  }

  /* ------------------------------------------------------------ (a) (b) targets */

  /** Elements a fragment designates: [element] for an id, the paragraphs of a range, or []. */
  function targetsFor(id) {
    if (!id) return [];
    var el = document.getElementById(id);
    if (el) return [el];
    var m = RANGE.exec(id);
    if (!m) return [];
    var start = parseInt(m[1], 10), end = parseInt(m[2], 10);
    if (!(end > start) || end - start > 1000) return [];
    var found = [];
    for (var n = start; n <= end; n++) {
      var p = document.getElementById("p" + n);
      if (p) found.push(p);
    }
    return found;
  }

  function clearTargets() {
    var old = document.querySelectorAll("." + TARGET);
    for (var i = 0; i < old.length; i++) old[i].classList.remove(TARGET);
  }

  function showFragment(scroll) {
    var id = decodeFragment(location.hash);
    var targets = targetsFor(id);
    clearTargets();
    var marked = 0;
    for (var i = 0; i < targets.length; i++) {
      var t = targets[i];
      if (t.classList.contains("r2p-para") || t.classList.contains("r2p-item")) {
        t.classList.add(TARGET);
        marked++;
      }
    }
    // The browser scrolls to a real id itself; a range has no element, so scroll
    // to its first paragraph. scroll-margin-top (r2p.css) keeps it below the header.
    if (scroll && targets.length && (marked || !document.getElementById(id))) {
      targets[0].scrollIntoView({ block: "start" });
    }
    return targets;
  }

  /* ------------------------------------------------------------ (c) copy buttons */

  var COPY_ICON =
    '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12V1z"/></svg>';

  function absoluteUrl(id) {
    return location.href.split("#")[0] + "#" + encodeURIComponent(id).replace(/%2D/gi, "-");
  }

  function copyText(text) {
    function fallback() {
      return new Promise(function (resolve, reject) {
        var ta = document.createElement("textarea");
        ta.value = text;
        ta.setAttribute("readonly", "");
        ta.style.position = "fixed";
        ta.style.top = "-1000px";
        ta.style.opacity = "0";
        document.body.appendChild(ta);
        var selection = document.getSelection();
        var saved = selection && selection.rangeCount ? selection.getRangeAt(0) : null;
        ta.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        document.body.removeChild(ta);
        if (saved && selection) { selection.removeAllRanges(); selection.addRange(saved); }
        if (ok) { resolve(); } else { reject(new Error("execCommand copy failed")); }
      });
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
      return navigator.clipboard.writeText(text).catch(fallback);
    }
    return fallback();
  }

  var live; // one polite live region announces the outcome to screen readers
  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "r2p-live";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = message; }, 50);
  }

  function addCopyButtons(ui) {
    var blocks = document.querySelectorAll(".r2p-para[id][data-cite], .r2p-item[id][data-cite]");
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (block.querySelector(":scope > .r2p-copy")) continue;
      var cite = block.getAttribute("data-cite");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "r2p-copy";
      button.title = ui.copy;
      button.setAttribute("aria-label", ui.copy + (pageLang() === "zh" ? "：" : ": ") + cite);
      button.setAttribute("data-r2p-for", block.id);
      button.innerHTML = COPY_ICON + '<span class="r2p-copy__status" aria-hidden="true"></span>';
      block.insertBefore(button, block.firstChild);
    }
  }

  function onCopyClick(ev, ui) {
    var button = ev.target.closest ? ev.target.closest("button.r2p-copy") : null;
    if (!button) return;
    var block = document.getElementById(button.getAttribute("data-r2p-for"));
    if (!block) return;
    var text = block.getAttribute("data-cite") + " " + absoluteUrl(block.id);
    var status = button.querySelector(".r2p-copy__status");
    function done(ok) {
      var message = ok ? ui.copied : ui.copy_failed;
      button.classList.remove("r2p-copy--done", "r2p-copy--failed");
      button.classList.add(ok ? "r2p-copy--done" : "r2p-copy--failed");
      if (status) status.textContent = message;
      announce(ok ? message + (pageLang() === "zh" ? "：" : ": ") + text : message);
      window.clearTimeout(button._r2pTimer);
      button._r2pTimer = window.setTimeout(function () {
        button.classList.remove("r2p-copy--done", "r2p-copy--failed");
        if (status) status.textContent = "";
      }, ok ? 2000 : 6000);
      if (!ok) {
        // Leave the citation selectable so the reader can copy it by hand.
        window.prompt(message, text);
      }
    }
    copyText(text).then(function () { done(true); }, function () { done(false); });
  }

  /* ------------------------------------------------------------ (d) language switch */

  function onLanguageClick(ev) {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var link = ev.target.closest ? ev.target.closest("a.md-select__link[hreflang]") : null;
    if (!link || !location.hash) return;
    // static-i18n already points the link at the same page in the other language;
    // Material's own click handler would navigate there without the fragment.
    ev.preventDefault();
    ev.stopPropagation();
    location.href = link.href.split("#")[0] + location.hash;
  }

  /* ------------------------------------------------------------ start */

  function start() {
    var ui = uiStrings();
    addCopyButtons(ui);
    document.addEventListener("click", function (ev) { onCopyClick(ev, ui); });
    document.addEventListener("click", onLanguageClick, true); // capture: before Material's handler on <body>
    window.addEventListener("hashchange", function () { showFragment(true); });
    if (location.hash) {
      showFragment(true);
      // Once fonts and images have settled, make sure the target is still in view.
      window.addEventListener("load", function () {
        var targets = targetsFor(decodeFragment(location.hash));
        if (targets.length) targets[0].scrollIntoView({ block: "start" });
      });
    }
    window.r2p = { targetsFor: targetsFor, showFragment: showFragment, ui: ui };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
