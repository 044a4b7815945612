/*
 * charts.js: render the Vega-Lite charts embedded in the pages.
 *
 * Contract with the page HTML (written by the Python generator):
 *   <div class="vega-chart" id="..." role="img" tabindex="0" aria-label="..."
 *        data-spec="{HTML-escaped Vega-Lite JSON}" style="min-height: 320px"></div>
 *
 * Needs the vendored globals vega, vegaLite and vegaEmbed, loaded before this
 * file by plain <script> tags. Nothing is fetched: every spec carries its data
 * inline, so vega's loader is never used. Plain ES2018, no build step.
 */
(function () {
  "use strict";

  // Indonesian number formats (d3-format locale): 226.342 and 69,4%.
  var FORMAT_LOCALE = {
    decimal: ",",
    thousands: ".",
    grouping: [3],
    currency: ["Rp", ""]
  };

  // Indonesian date formats (d3-time-format locale).
  var TIME_FORMAT_LOCALE = {
    dateTime: "%A, %e %B %Y %X",
    date: "%d/%m/%Y",
    time: "%H.%M.%S",
    periods: ["AM", "PM"],
    days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
    shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
    months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
      "Agustus", "September", "Oktober", "November", "Desember"],
    shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu",
      "Sep", "Okt", "Nov", "Des"]
  };

  var SELECTOR = ".vega-chart[data-spec]";

  // Element -> Promise of the vega-embed result (or null after a failure).
  // A chart in this map has been rendered (or is rendering): never twice.
  var charts = new Map();

  // Charts that were hidden (zero width, e.g. in an inactive content tab) when
  // we wanted to render them: they are rendered as soon as they get a width.
  var hidden = new Set();
  var resizeObserver = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.contentRect.width > 0) {
          unwait(entry.target);
          render(entry.target);
        }
      });
    })
    : null;

  function unwait(el) {
    if (hidden.delete(el)) resizeObserver.unobserve(el);
  }

  // Theme config built from Material's current palette (CSS custom properties
  // on <body>, which carries data-md-color-scheme).
  function themeConfig() {
    var style = getComputedStyle(document.body);
    function prop(name, fallback) {
      var value = style.getPropertyValue(name).replace(/\s+/g, " ").trim();
      return value || fallback;
    }
    var font = prop("--md-text-font-family", style.fontFamily || "sans-serif");
    var fg = prop("--md-typeset-color", prop("--md-default-fg-color", ""));
    // Without Material's palette (page opened outside the theme) keep
    // Vega's default colours.
    if (!fg) return {background: "transparent", font: font};
    var light = prop("--md-default-fg-color--light", fg);
    var lightest = prop("--md-default-fg-color--lightest", light);
    return {
      background: "transparent",
      font: font,
      title: {color: fg, subtitleColor: light},
      axis: {
        labelColor: light,
        titleColor: fg,
        domainColor: light,
        tickColor: light,
        gridColor: lightest
      },
      legend: {labelColor: light, titleColor: fg},
      header: {labelColor: light, titleColor: fg},
      view: {stroke: lightest},
      text: {color: fg}
    };
  }

  function isObject(x) {
    return x !== null && typeof x === "object" && !Array.isArray(x);
  }

  // Deep merge; values from `over` win.
  function merge(base, over) {
    var out = Object.assign({}, base);
    Object.keys(over || {}).forEach(function (key) {
      out[key] = isObject(out[key]) && isObject(over[key])
        ? merge(out[key], over[key])
        : over[key];
    });
    return out;
  }

  function isDark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // The element vega-embed draws into: a child of the chart, hidden from assistive technology.
  // Vega would otherwise replace the chart's role="img" and aria-label with its own
  // ("graphics-document", "Vega visualization"); the label and the data table describe the chart.
  function view(el) {
    var inner = el.querySelector(":scope > .vega-view");
    if (!inner) {
      inner = document.createElement("div");
      inner.className = "vega-view";
      inner.setAttribute("aria-hidden", "true");
      el.appendChild(inner);
    }
    return inner;
  }

  // Render one chart, after finalizing any previous view of the same element.
  function render(el) {
    var previous = charts.get(el) || Promise.resolve(null);
    var next = previous.then(function (old) {
      if (old) old.finalize();
      el.style.width = "100%";
      // JSON.parse only: the attribute is data, never code.
      var spec = JSON.parse(el.getAttribute("data-spec"));
      // The spec's own config wins; the theme only fills the gaps.
      spec.config = merge(themeConfig(), spec.config);
      return vegaEmbed(view(el), spec, {
        renderer: "svg",
        actions: false,
        formatLocale: FORMAT_LOCALE,
        timeFormatLocale: TIME_FORMAT_LOCALE,
        tooltip: {theme: isDark() ? "dark" : "light"}
      });
    }).then(function (result) {
      el.dataset.rendered = "true";
      return result;
    }, function (error) {
      console.error("Chart " + (el.id || "(no id)") + " failed to render:", error);
      el.dataset.rendered = "error";
      return null;
    });
    charts.set(el, next);
  }

  // Render every chart not rendered yet; with `force`, re-render them all.
  function renderAll(force) {
    if (!document.body) return;
    // Instant navigation swaps the page content: free views of charts that
    // left the document.
    charts.forEach(function (result, el) {
      if (!el.isConnected) {
        charts.delete(el);
        result.then(function (r) { if (r) r.finalize(); });
      }
    });
    hidden.forEach(function (el) { if (!el.isConnected) unwait(el); });
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      if (charts.has(el) && force !== true) return;
      if (el.clientWidth === 0 && resizeObserver) {
        hidden.add(el); // hidden for now: render when it gets a width
        resizeObserver.observe(el);
        return;
      }
      unwait(el);
      render(el);
    });
  }

  // Re-render when the palette toggles (light <-> dark).
  var observing = false;
  function watchPalette() {
    if (observing || !document.body) return;
    observing = true;
    new MutationObserver(function (mutations) {
      var changed = mutations.some(function (m) {
        return m.oldValue !== document.body.getAttribute("data-md-color-scheme");
      });
      if (changed) renderAll(true);
    }).observe(document.body, {
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ["data-md-color-scheme"]
    });
  }

  function start() {
    watchPalette();
    renderAll();
  }

  // Material's instant navigation emits document$ on every page load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  }
  // Opened from file:// (or without Material's JS), document$ may never emit.
  document.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") start();
})();
