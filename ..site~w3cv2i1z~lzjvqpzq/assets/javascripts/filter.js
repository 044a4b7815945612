/*
 * filter.js: a search box over the long lists (regions, offices).
 *
 * Contract with the page HTML (written by the Python generator): a hidden
 * <div data-filter> holding an <input type="search"> and a count paragraph,
 * followed by the page's tables, each optionally under an <h2>. Without
 * JavaScript the box stays hidden and every row stays visible. Typing hides
 * the rows whose text does not contain every word typed, and the headings of
 * sections left empty. Plain ES2018, no build step.
 */
(function () {
  "use strict";

  function words(text) {
    return text.toLocaleLowerCase("id").split(/\s+/).filter(Boolean);
  }

  function apply(box, query) {
    var wanted = words(query);
    var shown = 0;
    var total = 0;
    var content = box.closest(".md-content") || document;
    content.querySelectorAll("table").forEach(function (table) {
      var visible = 0;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase("id");
        var match = wanted.every(function (w) { return text.indexOf(w) !== -1; });
        row.hidden = !match;
        total += 1;
        if (match) visible += 1;
      });
      shown += visible;
      // Material wraps each table in a scroll box; hide the box and its heading.
      var wrapper = table.closest(".md-typeset__scrollwrap") || table;
      wrapper.hidden = visible === 0;
      var heading = wrapper.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = visible === 0;
    });
    box.querySelector(".table-filter-count").textContent = wanted.length
      ? shown + " dari " + total + " baris cocok"
      : "";
  }

  function start() {
    document.querySelectorAll("[data-filter]").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "1";
      box.hidden = false;
      var input = box.querySelector("input");
      input.addEventListener("input", function () { apply(box, input.value); });
      if (input.value) apply(box, input.value);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  }
  document.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") start();
})();
