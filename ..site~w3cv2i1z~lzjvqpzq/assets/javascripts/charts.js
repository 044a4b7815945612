/*
 * charts.js: draw the Vega-Lite charts embedded in the pages, static first, interactive on demand.
 *
 * Contract with the page HTML (written by the Python generator):
 *   <div class="vega-chart" id="..." role="img" tabindex="0" aria-label="..."
 *        data-spec="{HTML-escaped Vega-Lite JSON}" style="min-height: 320px"></div>
 *
 * A chart is drawn when it comes within 200 pixels of the screen, in up to two steps:
 *
 * 1. Static. A Web Worker (charts-worker.js, beside this file) loads the vendored vega and
 *    vega-lite and draws the chart as an SVG string; this script only inserts it. Evaluating
 *    Vega, compiling and drawing all happen off the main thread, so a chart in a phone's first
 *    screen adds no long task to the page load (Lighthouse's Total Blocking Time counts the main
 *    thread's only; benchmarks/README.md has the measurements).
 * 2. Interactive. When the reader points at, taps or focuses a chart, this script loads vega,
 *    vega-lite and vega-embed on the main thread, once, and draws that chart again with its
 *    tooltips, unseen over the static drawing, which it replaces once drawn: same look, no
 *    flash, no shift.
 *
 * Where the worker cannot run (a page opened from file://, where Chromium refuses workers; a
 * browser without them; a worker that fails), charts are drawn interactive at once instead.
 *
 * Every chart is an image to assistive technology: its role="img" and aria-label stay on the
 * outer element, and whatever Vega draws sits in a child hidden from it. Charts redraw when the
 * palette toggles and, while static, when their width changes; a chart in a hidden tab waits for
 * a width. Nothing else is fetched: every spec carries its data inline, so Vega's loader is never
 * used, and pages without charts load neither Vega nor the worker. Plain ES2018, no build step.
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

  // Paths relative to this file. The worker needs vega and vega-lite; the main thread needs
  // vega-embed too, loaded in this order (each needs the globals of the ones before).
  var VEGA = "../vendor/vega-6.4.0/vega.min.js";
  var VEGA_LITE = "../vendor/vega-lite-6.4.1/vega-lite.min.js";
  var VEGA_EMBED = "../vendor/vega-embed-7.3.0/vega-embed.min.js";
  var WORKER = "charts-worker.js";
  var HERE = document.currentScript ? document.currentScript.src : document.baseURI;

  function url(path) {
    return new URL(path, HERE).href;
  }

  // --- Vega on the main thread, for interactive charts ---------------------------------------

  var vegaLoaded = null;

  function addScript(path) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url(path);
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
      vegaLoaded = Promise.all([VEGA, VEGA_LITE, VEGA_EMBED].map(addScript)).then(function () {
        return new Promise(function (resolve) { setTimeout(resolve, 0); });
      });
    }
    return vegaLoaded;
  }

  // --- The theme: Material's palette as Vega-Lite config -------------------------------------

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

  // Every string in `value` that `colours` maps, replaced by what it maps to.
  function recoloured(value, colours) {
    if (typeof value === "string") {
      return Object.prototype.hasOwnProperty.call(colours, value) ? colours[value] : value;
    }
    if (Array.isArray(value)) return value.map(function (v) { return recoloured(v, colours); });
    if (!isObject(value)) return value;
    var out = {};
    Object.keys(value).forEach(function (key) { out[key] = recoloured(value[key], colours); });
    return out;
  }

  // The chart's Vega-Lite spec with the current theme, drawn the same by the worker and by
  // vega-embed.
  function themedSpec(el) {
    // JSON.parse only: the attribute is data, never code.
    var spec = JSON.parse(el.getAttribute("data-spec"));
    var dark = spec.usermeta && spec.usermeta.darkColours;
    // On the dark palette, mark colours that would be too dark on it give way to lighter ones
    // (generator/charts/style.py, DARK_COLOURS); the data is left as it is.
    if (isDark() && dark) {
      Object.keys(spec).forEach(function (key) {
        if (key !== "datasets") spec[key] = recoloured(spec[key], dark);
      });
    }
    // The spec's own config wins; the theme only fills the gaps.
    spec.config = merge(themeConfig(), spec.config);
    return spec;
  }

  // --- The worker, for static charts ---------------------------------------------------------

  // Started with the first static chart; `false` where it cannot run. From file:// Chromium
  // refuses workers (the offline bundle's iframe-worker shim, there for Material's search, would
  // run this one on the main thread anyway), so those pages draw interactive charts at once.
  var worker = null;
  var jobs = new Map(); // job id -> {resolve, reject}
  var lastJob = 0;

  function chartWorker() {
    if (worker === null) worker = startWorker();
    return worker;
  }

  function startWorker() {
    if (location.protocol === "file:" || typeof Worker !== "function") return false;
    var started;
    try {
      started = new Worker(url(WORKER));
    } catch (error) {
      return false;
    }
    started.onmessage = function (event) {
      var job = jobs.get(event.data.id);
      jobs.delete(event.data.id);
      if (typeof event.data.svg === "string") job.resolve(event.data.svg);
      else job.reject(new Error(event.data.error));
    };
    // The worker's script failed to load or run: the charts waiting for it, and all later
    // ones, are drawn on the main thread.
    started.onerror = function (event) {
      event.preventDefault();
      started.terminate();
      worker = false;
      jobs.forEach(function (job) { job.reject(new Error(event.message || "cannot start " + WORKER)); });
      jobs.clear();
    };
    return started;
  }

  // A promise of the chart's SVG, drawn `width` pixels wide by the worker.
  function drawInWorker(spec, width) {
    var id = ++lastJob;
    return new Promise(function (resolve, reject) {
      jobs.set(id, {resolve: resolve, reject: reject});
      worker.postMessage({
        id: id,
        scripts: [url(VEGA), url(VEGA_LITE)],
        spec: spec,
        width: width,
        locale: {number: FORMAT_LOCALE, time: TIME_FORMAT_LOCALE}
      });
    });
  }

  // --- Views: the element a drawing goes in ---------------------------------------------------

  // A drawing goes in a child of the chart hidden from assistive technology: Vega would otherwise
  // replace the chart's role="img" and aria-label with its own ("graphics-document", "Vega
  // visualization"); the label and the data table describe the chart.
  function newView() {
    var inner = document.createElement("div");
    inner.className = "vega-view";
    inner.setAttribute("aria-hidden", "true");
    return inner;
  }

  // The view on screen, for a static drawing.
  function currentView(el) {
    var inner = el.querySelector(":scope > .vega-view");
    if (!inner) inner = el.appendChild(newView());
    return inner;
  }

  // A view laid over the chart's current one and unseen, for an interactive drawing: it takes the
  // chart's width, which Vega reads, without taking room or showing half drawn.
  function offstageView(el) {
    el.style.position = "relative";
    var stage = el.appendChild(newView());
    stage.style.cssText = "position: absolute; top: 0; left: 0; width: 100%; visibility: hidden";
    return stage;
  }

  // The drawing in `stage` is complete: it replaces the chart's other views in one step.
  function reveal(el, stage) {
    el.querySelectorAll(":scope > .vega-view").forEach(function (other) {
      if (other !== stage) other.remove();
    });
    stage.style.cssText = "";
  }

  // --- Interactive drawing, on the main thread -----------------------------------------------

  // A promise that resolves in a new task, so the work after it is a task of its own: Lighthouse's
  // Total Blocking Time counts only the part of each task over 50 ms, and the page can answer a tap
  // between two steps of a chart.
  function nextTask() {
    if (window.scheduler && typeof window.scheduler.yield === "function") {
      return window.scheduler.yield();
    }
    return new Promise(function (resolve) { setTimeout(resolve, 0); });
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

  // Compiling the Vega-Lite spec, parsing the Vega spec, running the dataflow and drawing are four
  // tasks, not one long one.
  function embed(stage, el) {
    return loadVega().then(function () {
      var vgSpec = vegaLite.compile(themedSpec(el)).spec;
      return nextTask().then(function () {
        return vegaEmbed(stage, vgSpec, {
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
    });
  }

  // --- Each chart's drawings -----------------------------------------------------------------

  // Element -> its state, from the moment the chart is found on the page:
  //   interactive: drawn (or being drawn) by vega-embed, from now on;
  //   latest: the number of its latest drawing: one that ends after a later one began is dropped;
  //   shown: the vega-embed result on screen, finalized when replaced;
  //   width: the width of its static drawing;  resizing: the timer of a pending static redraw.
  var charts = new Map();

  function drawn(el, mode) {
    el.dataset.rendered = "true";
    el.dataset.mode = mode;
  }

  function failed(el, error) {
    console.error("Chart " + (el.id || "(no id)") + " failed to render:", error);
    el.dataset.rendered = "error";
  }

  function renderStatic(el, chart, width) {
    var latest = ++chart.latest;
    chart.width = width;
    drawInWorker(themedSpec(el), width).then(function (svg) {
      if (chart.latest !== latest) return;
      var view = currentView(el);
      view.innerHTML = svg;
      // As Vega styles the SVG it draws in the page: no gap under it for text descenders.
      view.firstElementChild.style.verticalAlign = "bottom";
      drawn(el, "static");
    }, function (error) {
      if (chart.latest !== latest) return;
      console.warn("Chart " + (el.id || "(no id)") + " drawn on the main thread:", error.message);
      renderInteractive(el, chart);
    });
  }

  function renderInteractive(el, chart) {
    var latest = ++chart.latest;
    chart.interactive = true;
    el.style.width = "100%";
    var stage = offstageView(el);
    embed(stage, el).then(function (result) {
      if (chart.latest !== latest) {
        result.finalize();
        stage.remove();
        return;
      }
      reveal(el, stage);
      if (chart.shown) chart.shown.finalize();
      chart.shown = result;
      drawn(el, "interactive");
    }).catch(function (error) {
      stage.remove();
      if (chart.latest === latest) failed(el, error);
    });
  }

  // Draw a chart that has a width: static unless it is interactive already or the worker cannot
  // run. `width`, when the caller knows it, spares asking the page for a layout in the middle of
  // loading.
  function render(el, width) {
    var chart = charts.get(el);
    var known = Math.round(typeof width === "number" ? width : el.clientWidth);
    if (known === 0 && resizeObserver) {
      hidden.add(el); // hidden for now (e.g. in an inactive content tab): drawn when it gets a width
      resizeObserver.observe(el);
      return;
    }
    hidden.delete(el);
    if (chart.interactive || !chartWorker()) {
      renderInteractive(el, chart);
    } else {
      renderStatic(el, chart, known);
      if (resizeObserver) resizeObserver.observe(el);
    }
  }

  // The reader reaches for a chart: draw it interactive. A tap (a click) and keyboard focus count
  // as much as a mouse, so a phone's tooltips and a keyboard's focus work as before; a finger that
  // only lands on a chart to scroll past it does not (no click follows), so scrolling a phone
  // never loads Vega.
  var USE_EVENTS = ["pointerenter", "click", "focusin"];

  function listenForUse(el) {
    USE_EVENTS.forEach(function (type) { el.addEventListener(type, upgrade, {passive: true}); });
  }

  function upgrade(event) {
    if (event.type === "pointerenter" && event.pointerType === "touch") return; // maybe a scroll
    var el = event.currentTarget;
    USE_EVENTS.forEach(function (type) { el.removeEventListener(type, upgrade, {passive: true}); });
    var chart = charts.get(el);
    if (!chart || chart.interactive) return;
    unwatch(el);
    hidden.delete(el);
    clearTimeout(chart.resizing);
    renderInteractive(el, chart);
  }

  // Charts hidden when their turn came, waiting for a width; and static charts, drawn again
  // through the worker when their width changes (a rotated phone, a resized window), once it has
  // stopped changing for a moment. Interactive charts follow the window's width themselves.
  var RESIZE_DELAY_MS = 200;
  var hidden = new Set();
  var resizeObserver = typeof ResizeObserver === "function"
    ? new ResizeObserver(function (entries) {
      entries.forEach(function (entry) {
        var el = entry.target;
        var chart = charts.get(el);
        var width = Math.round(entry.contentRect.width);
        if (!chart || width === 0) return;
        if (hidden.has(el)) {
          render(el, width);
        } else if (!chart.interactive && width !== chart.width) {
          clearTimeout(chart.resizing);
          chart.resizing = setTimeout(function () { render(el); }, RESIZE_DELAY_MS);
        }
      });
    })
    : null;

  // Charts not drawn yet: drawn when they come within 200 pixels of the viewport.
  var offscreen = new Set();
  var visibility = typeof IntersectionObserver === "function"
    ? new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          unwatch(entry.target);
          render(entry.target, entry.boundingClientRect.width);
        }
      });
    }, {rootMargin: "200px 0px"})
    : null;

  function unwatch(el) {
    if (offscreen.delete(el)) visibility.unobserve(el);
  }

  // A chart that left the document (instant navigation swaps the page content): drop its drawing
  // in progress, free its view, stop watching it.
  function forget(el, chart) {
    charts.delete(el);
    chart.latest += 1;
    clearTimeout(chart.resizing);
    if (chart.shown) chart.shown.finalize();
    hidden.delete(el);
    if (resizeObserver) resizeObserver.unobserve(el);
    unwatch(el);
  }

  // Find the page's charts and watch the new ones; with `force`, draw the drawn ones again.
  function renderAll(force) {
    if (!document.body) return;
    charts.forEach(function (chart, el) {
      if (!el.isConnected) forget(el, chart);
    });
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var chart = charts.get(el);
      if (!chart) {
        charts.set(el, {interactive: false, latest: 0, shown: null, width: 0, resizing: null});
        listenForUse(el);
        if (visibility) {
          offscreen.add(el);
          visibility.observe(el);
        } else {
          render(el);
        }
      } else if (force === true && chart.latest > 0) {
        render(el);
      }
    });
  }

  // Draw again when the palette toggles (light <-> dark).
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
