// "Kutip halaman ini": online, the access date is the reader's today, not the build date.
// (The offline bundle keeps the bundle's date, so the paragraph has no data-tanggal-akses.)
(function () {
  "use strict";
  var MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];

  function today() {
    var now = new Date();
    return now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear();
  }

  function update() {
    var el = document.querySelector("#kutipan-teks[data-tanggal-akses]");
    if (!el) return;
    el.textContent = el.textContent.replace(/Diakses \d{1,2} \S+ \d{4}/, "Diakses " + today());
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(update);
  }
  document.addEventListener("DOMContentLoaded", update);
  if (document.readyState !== "loading") update();
})();
