/*
 * charts-worker.js: draw one chart as a static SVG, off the page's main thread.
 *
 * A dedicated Web Worker that charts.js starts (it is listed nowhere in mkdocs.yml). Each message
 * asks for one chart:
 *   {id, scripts: [URL of vega, URL of vega-lite], spec: Vega-Lite spec with the page's theme,
 *    width: the chart's width in pixels, locale: {number: d3-format, time: d3-time-format}}
 * and is answered with {id, svg: "<svg ...>"} or {id, error: "message"}.
 *
 * The SVG is what the interactive chart will draw (same spec, theme, width, locale and text
 * measurement), without its tooltips. Nothing is fetched but the two scripts: every spec carries
 * its data inline. Plain ES2018, no build step.
 */
"use strict";

var vegaLoaded = false;

// Vega measures text with a canvas it creates once, while its script runs, through `document`,
// which a worker lacks; without one it estimates widths, and labels would wrap, truncate and
// align differently from the interactive chart's. It is lent an OffscreenCanvas for that moment.
function loadVega(scripts) {
  if (vegaLoaded) return;
  var lend = typeof self.document === "undefined" && typeof OffscreenCanvas === "function";
  if (lend) {
    self.document = {createElement: function () { return new OffscreenCanvas(1, 1); }};
  }
  try {
    importScripts.apply(self, scripts);
  } finally {
    if (lend) delete self.document;
  }
  vegaLoaded = true;
}

async function drawChart(message) {
  loadVega(message.scripts);
  var spec = message.spec;
  // `width: "container"` asks the page for the chart's width, and a worker has no page: the
  // width charts.js measured stands in (the specs fit it, padding included: autosize fit-x).
  if (spec.width === "container") spec.width = message.width;
  var runtime = vega.parse(vegaLite.compile(spec).spec);
  // No renderer: toSVG() draws the scene into a string, which needs no DOM.
  var view = new vega.View(runtime, {renderer: "none", locale: message.locale});
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

self.onmessage = function (event) {
  var id = event.data.id;
  drawChart(event.data).then(function (svg) {
    self.postMessage({id: id, svg: svg});
  }, function (error) {
    self.postMessage({id: id, error: String((error && error.message) || error)});
  });
};
