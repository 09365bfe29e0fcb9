/* Side-by-side view of a report page: the other language's copy of each unit is already in
   the page (div.r2p-parallel); this only switches a class on <html> and remembers the choice.
   Labels come from the page (generated from the gettext catalogs), none live here. */
(function () {
  "use strict";
  var KEY = "r2p:view";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }

  function apply(view) {
    var parallel = view === "parallel";
    root.classList.toggle("r2p-sbs", parallel);
    var buttons = document.querySelectorAll(".r2p-viewswitch button[data-view]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
    }
  }

  function setup() {
    var group = document.querySelector(".r2p-viewswitch");
    if (!group) { root.classList.remove("r2p-sbs"); return; }
    group.hidden = false;
    apply(stored() === "parallel" ? "parallel" : "single");
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-view]");
      if (!button) return;
      var view = button.getAttribute("data-view");
      try { window.localStorage.setItem(KEY, view); } catch (e) { /* private mode: not remembered */ }
      var anchor = document.querySelector(".r2p-target") || null;
      apply(view);
      if (anchor) anchor.scrollIntoView({ block: "start" });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
