// Citing in one click. "Kutip halaman ini": online, the access date is the reader's today, not
// the build date (the offline bundle keeps the bundle's date, so the paragraph has no
// data-tanggal-akses). A "Salin" button copies the plain citation, and one beside each figure
// row's link mark copies the row's permalink. Without JavaScript the texts stay selectable.
// And a folded quote can be reached with the keyboard.
(function () {
  "use strict";
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];
  var COPIED_MS = 2000;

  function today() {
    var now = new Date();
    return now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  }

  function updateAccessDate() {
    var el = document.querySelector("#kutipan-teks[data-tanggal-akses]");
    if (!el) return;
    var sentence = el.firstChild; // the text, before any copy button
    sentence.textContent = sentence.textContent.replace(/Diakses \d{1,2} \S+ \d{4}/, "Diakses " + today());
  }

  // The page's public address: its canonical URL, or (offline) where it was opened from.
  function pageUrl() {
    var canonical = document.querySelector("link[rel=canonical]");
    return canonical ? canonical.href : location.href.split("#")[0];
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea"); // file:// and older browsers
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.cssText = "position: fixed; opacity: 0";
    document.body.appendChild(area);
    area.select();
    var copied = document.execCommand("copy");
    area.remove();
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // A button that copies what `text()` gives and says so for a moment.
  function copyButton(label, name, text) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = label;
    button.setAttribute("aria-label", name);
    button.addEventListener("click", function () {
      copyText(text()).then(function () {
        button.textContent = "Tersalin";
        setTimeout(function () { button.textContent = label; }, COPIED_MS);
      }, function () {
        button.textContent = "Gagal menyalin";
      });
    });
    return button;
  }

  function addButtons() {
    var citation = document.getElementById("kutipan-teks");
    if (citation && !citation.querySelector(".copy-button")) {
      citation.appendChild(document.createTextNode(" "));
      citation.appendChild(copyButton("Salin", "Salin kutipan", function () {
        return citation.firstChild.textContent.trim();
      }));
    }
    document.querySelectorAll("a.row-link[id]").forEach(function (link) {
      if (link.nextElementSibling && link.nextElementSibling.matches(".copy-button")) return;
      var button = copyButton("Salin tautan", "Salin tautan angka ini", function () {
        return pageUrl() + "#" + link.id;
      });
      link.after(button);
    });
  }

  // A long quote shows its first lines on a phone (extra.css) and unfolds when it takes the
  // focus: a folded one takes the keyboard's too, like a tap; one shown whole is no stop on the
  // way. The window's width decides which are folded.
  function letFoldedQuotesTakeFocus() {
    document.querySelectorAll(".md-typeset .quote").forEach(function (quote) {
      if (quote === document.activeElement) return; // unfolded by its focus right now
      var folded = quote.scrollHeight > quote.clientHeight + 1;
      quote.setAttribute("tabindex", folded ? "0" : "-1");
    });
  }
  window.addEventListener("resize", letFoldedQuotesTakeFocus);

  function start() {
    updateAccessDate();
    addButtons();
    letFoldedQuotesTakeFocus();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  }
  document.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") start();
})();
