/*
 * charts.js: charts are pictures first; they follow the palette, and turn interactive (Vega, with
 * tooltips) when the reader reaches for one.
 *
 * Contract with the page HTML (generator/templates/_chart.md.j2, and the embed pages):
 *   <div class="vega-chart" id="..." role="img" tabindex="0" aria-label="..."
 *        data-spec="{HTML-escaped Vega-Lite JSON}">
 *     <picture class="chart-picture" aria-hidden="true">
 *       <source media="(max-width: ...)" srcset="narrow.svg" data-dark-srcset="narrow.svg#dark" ...>
 *       <img src="wide.svg" data-dark-src="wide.svg#dark" width="..." height="..." alt="...">
 *     </picture>
 *   </div>
 *
 * 1. Static, before and without any script: the picture is the chart as the build drew it
 *    (generator/charts/export.py), at a phone's width or a wider one, its room reserved by its
 *    width and height. So printing, reading with JavaScript off, file:// and embeds all show
 *    every chart, and a page loads no Vega at all until a reader asks for it.
 * 2. The palette: on Material's dark palette this script points each picture at its #dark
 *    fragment (the same file, which then draws in the dark colours: export.with_dark_palette);
 *    charts.css hides a light picture on the dark palette until then, so it never flashes.
 * 3. Interactive: when the reader points at, taps or focuses a chart, this script loads vega,
 *    vega-lite and vega-embed, once, and draws that chart at its picture's width, unseen over
 *    the picture, which it replaces once drawn: same size, same place, no shift.
 *
 * Every chart is an image to assistive technology: its role="img" and aria-label stay on the
 * outer element, and the picture (whose alt is for readers without ARIA) or whatever Vega draws
 * sits in a child hidden from it. Interactive charts are
 * drawn again when the palette toggles. Nothing else is fetched: every spec carries its data
 * inline, so Vega's loader is never used. Plain ES2018, no build step.
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

  // Paths relative to this file, loaded in this order (each needs the globals of the ones before).
  var VEGA = "../vendor/vega-6.4.0/vega.min.js";
  var VEGA_LITE = "../vendor/vega-lite-6.4.1/vega-lite.min.js";
  var VEGA_EMBED = "../vendor/vega-embed-7.3.0/vega-embed.min.js";
  var HERE = document.currentScript ? document.currentScript.src : document.baseURI;

  function url(path) {
    return new URL(path, HERE).href;
  }

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

  // The chart's Vega-Lite spec with the current theme, `width` wide where it asks for its
  // container's width.
  function themedSpec(el, width) {
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
    if (spec.width === "container" && width) spec.width = width;
    // The spec's own config wins; the theme only fills the gaps.
    spec.config = merge(themeConfig(), spec.config);
    return spec;
  }

  // --- Pictures: the build's drawings, in the palette of the page ---------------------------

  // Point a picture's source or image at its drawing in the current palette; the light one is
  // kept in data-light-* the first time.
  function paint(node, attribute, dark) {
    var darkValue = node.getAttribute("data-dark-" + attribute);
    if (!darkValue) return;
    var lightName = "data-light-" + attribute;
    if (!node.hasAttribute(lightName)) node.setAttribute(lightName, node.getAttribute(attribute));
    var wanted = dark ? darkValue : node.getAttribute(lightName);
    if (node.getAttribute(attribute) !== wanted) node.setAttribute(attribute, wanted);
  }

  function paintPictures() {
    var dark = isDark();
    document.querySelectorAll(".chart-picture").forEach(function (picture) {
      picture.querySelectorAll("source").forEach(function (s) { paint(s, "srcset", dark); });
      picture.querySelectorAll("img").forEach(function (img) { paint(img, "src", dark); });
      picture.setAttribute("data-palette", dark ? "dark" : "light");
    });
  }

  // The width of the drawing the chart shows: the interactive chart is drawn as wide, so it
  // takes exactly the picture's room.
  function pictureWidth(el) {
    var img = el.querySelector("img");
    if (img && img.naturalWidth) return img.naturalWidth;
    var source = el.querySelector("source[media]");
    if (source && window.matchMedia(source.media).matches) return +source.getAttribute("width");
    return img ? +img.getAttribute("width") : el.clientWidth;
  }

  // --- Views: the element an interactive drawing goes in --------------------------------------

  // A drawing goes in a child of the chart hidden from assistive technology: Vega would otherwise
  // replace the chart's role="img" and aria-label with its own ("graphics-document", "Vega
  // visualization"); the label and the data table describe the chart.
  function newView() {
    var inner = document.createElement("div");
    inner.className = "vega-view";
    inner.setAttribute("aria-hidden", "true");
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

  // The drawing in `stage` is complete: it replaces the chart's picture and other views in one
  // step.
  function reveal(el, stage) {
    el.querySelectorAll(":scope > .vega-view, :scope > .chart-picture, :scope > img").forEach(function (other) {
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
  function embed(stage, el, width) {
    return loadVega().then(function () {
      var vgSpec = vegaLite.compile(themedSpec(el, width)).spec;
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

  // --- Each chart ----------------------------------------------------------------------------

  // Element -> its state, from the moment the chart is found on the page:
  //   interactive: drawn (or being drawn) by vega-embed, from now on;  width: its drawing's;
  //   latest: the number of its latest drawing: one that ends after a later one began is dropped;
  //   shown: the vega-embed result on screen, finalized when replaced.
  var charts = new Map();

  function renderInteractive(el, chart) {
    var latest = ++chart.latest;
    chart.interactive = true;
    if (!chart.width) chart.width = pictureWidth(el);
    var stage = offstageView(el);
    embed(stage, el, chart.width).then(function (result) {
      if (chart.latest !== latest) {
        result.finalize();
        stage.remove();
        return;
      }
      reveal(el, stage);
      if (chart.shown) chart.shown.finalize();
      chart.shown = result;
      el.dataset.rendered = "true";
      el.dataset.mode = "interactive";
    }).catch(function (error) {
      stage.remove();
      if (chart.latest !== latest) return;
      // The picture stays: the chart is still there, only without its tooltips.
      console.error("Chart " + (el.id || "(no id)") + " failed to render:", error);
      el.dataset.rendered = "error";
    });
  }

  // The reader reaches for a chart: draw it interactive. A tap (a click) and keyboard focus count
  // as much as a mouse, so a phone's tooltips and a keyboard's focus work as before; a finger that
  // only lands on a chart to scroll past it does not (no click follows), so scrolling a phone
  // never loads Vega.
  var USE_EVENTS = ["pointerenter", "click", "focusin"];

  function listenForUse(el) {
    USE_EVENTS.forEach(function (type) { el.addEventListener(type, upgrade, {passive: true}); });
  }

  // An embed draws its exported spec, at the exported width: in a phone-wide frame, which shows
  // the narrow picture (data-narrow-static), it would shrink to half its size, words and all, and
  // repeat the title and source written above it. There the picture stays, until the frame is
  // wide again.
  function staysPicture(el) {
    var source = el.querySelector("source[media]");
    return el.hasAttribute("data-narrow-static") && source !== null &&
      window.matchMedia(source.media).matches;
  }

  function upgrade(event) {
    if (event.type === "pointerenter" && event.pointerType === "touch") return; // maybe a scroll
    var el = event.currentTarget;
    if (staysPicture(el)) return;
    USE_EVENTS.forEach(function (type) { el.removeEventListener(type, upgrade, {passive: true}); });
    var chart = charts.get(el);
    if (chart && !chart.interactive) renderInteractive(el, chart);
  }

  // Find the page's new charts (instant navigation swaps the page content) and forget the gone
  // ones; with `redraw`, draw the interactive ones again (the palette changed).
  function findCharts(redraw) {
    if (!document.body) return;
    charts.forEach(function (chart, el) {
      if (el.isConnected) return;
      charts.delete(el);
      chart.latest += 1;
      if (chart.shown) chart.shown.finalize();
    });
    document.querySelectorAll(SELECTOR).forEach(function (el) {
      var chart = charts.get(el);
      if (!chart) {
        charts.set(el, {interactive: false, latest: 0, shown: null, width: 0});
        listenForUse(el);
      } else if (redraw === true && chart.interactive) {
        renderInteractive(el, chart);
      }
    });
  }

  // Follow the palette when it toggles (light <-> dark).
  var observing = false;
  function watchPalette() {
    if (observing || !document.body) return;
    observing = true;
    new MutationObserver(function (mutations) {
      var changed = mutations.some(function (m) {
        return m.oldValue !== document.body.getAttribute("data-md-color-scheme");
      });
      if (changed) {
        paintPictures();
        findCharts(true);
      }
    }).observe(document.body, {
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ["data-md-color-scheme"]
    });
  }

  // Paper is white: a page on the dark palette prints in the light one, pictures and all (their
  // light axis labels would all but vanish on it), and the reader's palette comes back after.
  var schemeBeforePrint = null;
  function printInLight() {
    if (!isDark()) return;
    schemeBeforePrint = document.body.getAttribute("data-md-color-scheme");
    document.body.setAttribute("data-md-color-scheme", "default");
  }
  function restoreAfterPrint() {
    if (schemeBeforePrint === null) return;
    document.body.setAttribute("data-md-color-scheme", schemeBeforePrint);
    schemeBeforePrint = null;
  }
  window.addEventListener("beforeprint", printInLight);
  window.addEventListener("afterprint", restoreAfterPrint);

  function start() {
    watchPalette();
    paintPictures();
    findCharts();
  }

  // Material's instant navigation emits document$ on every page load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  }
  // Opened from file:// (or without Material's JS), document$ may never emit.
  document.addEventListener("DOMContentLoaded", start);
  if (document.readyState !== "loading") start();
})();
