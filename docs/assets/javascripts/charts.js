/*
 * charts.js: render the Vega-Lite charts embedded in the pages.
 *
 * Contract with the page HTML (written by the Python generator):
 *   <div class="vega-chart" id="..." role="img" tabindex="0" aria-label="..."
 *        data-spec="{HTML-escaped Vega-Lite JSON}" style="min-height: 320px"></div>
 *
 * Loads the vendored vega, vega-lite and vega-embed itself (paths relative to
 * this file), once, when the first chart nears the screen: pages without
 * charts never download them, and a chart below the fold costs nothing until
 * the reader scrolls to it. Nothing else is fetched: every spec carries its
 * data inline, so vega's loader is never used. Plain ES2018, no build step.
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

  // In order: vega-lite and vega-embed need the globals of the ones before.
  var VEGA_SCRIPTS = [
    "../vendor/vega-6.4.0/vega.min.js",
    "../vendor/vega-lite-6.4.1/vega-lite.min.js",
    "../vendor/vega-embed-7.3.0/vega-embed.min.js"
  ];
  var HERE = document.currentScript ? document.currentScript.src : document.baseURI;
  var vegaLoaded = null;

  function addScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(path, HERE).href;
      script.async = false; // run in the order they were added
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + script.src)); };
      document.head.appendChild(script);
    });
  }

  // Resolves in a later task than the scripts ran in: drawing a chart then is a task of its
  // own, so the page never blocks for script and chart at once.
  function loadVega() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (!vegaLoaded) {
      vegaLoaded = Promise.all(VEGA_SCRIPTS.map(addScript)).then(function () {
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
      });
    }
    return vegaLoaded;
  }

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

  // Charts not drawn yet: drawn when they come within 200 pixels of the viewport.
  var offscreen = new Set();
  var visibility = typeof IntersectionObserver === "function"
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          unwatch(entry.target);
          draw(entry.target, entry.boundingClientRect.width);
        }
      });
    }, {rootMargin: "200px 0px"})
    : null;

  function unwatch(el) {
    if (offscreen.delete(el)) visibility.unobserve(el);
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

  // A promise that resolves in a new task, so the work after it is a task of its own: Lighthouse's
  // Total Blocking Time counts only the part of each task over 50 ms, and the page can answer a tap
  // between two steps of a chart.
  function nextTask() {
    if (window.scheduler && typeof window.scheduler.yield === "function") {
      return window.scheduler.yield();
    }
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
  }

  // The chart's Vega-Lite spec, themed, compiled to Vega.
  function compile(el) {
    // JSON.parse only: the attribute is data, never code.
    var spec = JSON.parse(el.getAttribute("data-spec"));
    // The spec's own config wins; the theme only fills the gaps.
    spec.config = merge(themeConfig(), spec.config);
    return vegaLite.compile(spec).spec;
  }

  // vega-embed parses the Vega spec, builds the view and draws it in one go. This view is built
  // without a renderer and splits its first run in two tasks: the dataflow (scales, axes,
  // layout), then the drawing with the real renderer. Later runs (tooltips, resizes) are as usual.
  var LaterView = null;
  function laterView() {
    if (!LaterView) {
      LaterView = class extends vega.View {
        constructor(runtime, options) {
          super(runtime, Object.assign({}, options, {renderer: "none"}));
          this.firstRenderer = options.renderer;
        }

        async runAsync() {
          if (this.firstRenderer) {
            var renderer = this.firstRenderer;
            this.firstRenderer = null;
            await nextTask();
            await super.runAsync();
            await nextTask();
            this.renderer(renderer).initialize(this.container());
          }
          return super.runAsync(...arguments);
        }
      };
    }
    return LaterView;
  }

  // Render one chart, after finalizing any previous view of the same element: compiling the
  // Vega-Lite spec, parsing the Vega spec, running the dataflow and drawing are four tasks,
  // not one long one.
  function render(el) {
    var previous = charts.get(el) || Promise.resolve(null);
    var next = Promise.all([previous, loadVega()]).then(function (done) {
      var old = done[0];
      if (old) old.finalize();
      el.style.width = "100%";
      var vgSpec = compile(el);
      return nextTask().then(function () {
        return vegaEmbed(view(el), vgSpec, {
          mode: "vega",
          hover: false, // as for Vega-Lite specs: their marks have no hover encoding
          viewClass: laterView(),
          renderer: "svg",
          actions: false,
          formatLocale: FORMAT_LOCALE,
          timeFormatLocale: TIME_FORMAT_LOCALE,
          tooltip: {theme: isDark() ? "dark" : "light"}
        });
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

  // Watch every chart not rendered yet; with `force`, re-render the rendered ones.
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
    offscreen.forEach(function (el) { if (!el.isConnected) unwatch(el); });
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      if (charts.has(el)) {
        if (force === true) draw(el);
      } else if (visibility) {
        offscreen.add(el);
        visibility.observe(el);
      } else {
        draw(el);
      }
    });
  }

  // Render a chart now, or as soon as it has a width. `width`, when the caller knows it,
  // spares asking the page for a layout in the middle of loading.
  function draw(el, width) {
    var known = typeof width === "number" ? width : el.clientWidth;
    if (known === 0 && resizeObserver) {
      hidden.add(el); // hidden for now: render when it gets a width
      resizeObserver.observe(el);
      return;
    }
    unwait(el);
    render(el);
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
