// What the Chromium page that draws chart images runs once Vega and Vega-Lite are in
// (generator/charts/chromium.py). renderCharts(jobs): a job {spec, widths} gives the spec's SVG
// at each of `widths`; a job {svg, scale, colours} gives that SVG drawn on a canvas as a PNG of
// at most `colours` colours (base64), reduced and encoded here, in the browser, rather than sent
// back whole for Python to reduce: a quarter of the bytes to send, and no Python holding the GIL
// for each PNG.

// --- a palette PNG ----------------------------------------------------------------------------

// Colours are counted in cells of 4 bits a channel: a chart's few flat colours each fall in a
// cell of their own, and their anti-aliased edges merge into a few hundred cells. The palette is
// the mean colour of the most-used cells; any other cell takes its nearest palette colour.
// A chart is mostly long runs of one colour, so pixels are counted and indexed a run at a time.
const CELL_BITS = 4;
const CELL_SHIFT = 8 - CELL_BITS;
const CELL_MASK = (0xff >> CELL_SHIFT) << CELL_SHIFT;
const CELLS = 1 << (3 * CELL_BITS);
const SHORT_RUN = 16; // shorter runs are written pixel by pixel, longer ones by fill()

// A canvas pixel as a Uint32 (little-endian RGBA) -> its cell.
function cellOf(pixel) {
  return ((pixel & CELL_MASK) << (2 * CELL_BITS - CELL_SHIFT))
    | (((pixel >>> 8) & CELL_MASK) << (CELL_BITS - CELL_SHIFT))
    | (((pixel >>> 16) & CELL_MASK) >>> CELL_SHIFT);
}

// Where the run of one colour that starts at `start` ends, within `end`.
function runEnd(pixels, start, end) {
  const pixel = pixels[start];
  let i = start + 1;
  while (i < end && pixels[i] === pixel) i++;
  return i;
}

// The palette (r, g, b triplets) of the most-used cells, and each cell's index into it
// (-1 for a cell left out: `nearest` finds its palette colour).
function palette(pixels, colours) {
  const counts = new Uint32Array(CELLS);
  const sums = new Float64Array(3 * CELLS);
  for (let i = 0; i < pixels.length;) {
    const pixel = pixels[i], end = runEnd(pixels, i, pixels.length), run = end - i;
    const cell = cellOf(pixel);
    counts[cell] += run;
    sums[3 * cell] += (pixel & 0xff) * run;
    sums[3 * cell + 1] += ((pixel >>> 8) & 0xff) * run;
    sums[3 * cell + 2] += ((pixel >>> 16) & 0xff) * run;
    i = end;
  }
  const used = [];
  for (let cell = 0; cell < CELLS; cell++) if (counts[cell]) used.push(cell);
  used.sort((a, b) => counts[b] - counts[a] || a - b); // ties by cell: the same pixels, the same file
  const chosen = used.slice(0, colours);
  const rgb = new Uint8Array(3 * chosen.length);
  const indexOfCell = new Int16Array(CELLS).fill(-1);
  chosen.forEach((cell, k) => {
    for (let c = 0; c < 3; c++) rgb[3 * k + c] = Math.round(sums[3 * cell + c] / counts[cell]);
    indexOfCell[cell] = k;
  });
  return {rgb, indexOfCell};
}

function nearest(rgb, pixel) {
  const r = pixel & 0xff, g = (pixel >>> 8) & 0xff, b = (pixel >>> 16) & 0xff;
  let best = 0, bestDistance = Infinity;
  for (let k = 0; k < rgb.length / 3; k++) {
    const dr = rgb[3 * k] - r, dg = rgb[3 * k + 1] - g, db = rgb[3 * k + 2] - b;
    const distance = dr * dr + dg * dg + db * db;
    if (distance < bestDistance) { best = k; bestDistance = distance; }
  }
  return best;
}

// The palette, and the PNG's rows of palette indices, each after its filter byte (0, none).
function reduce(pixels, width, height, colours) {
  const {rgb, indexOfCell} = palette(pixels, colours);
  const rows = new Uint8Array((width + 1) * height);
  for (let y = 0; y < height; y++) {
    const first = y * width, last = first + width, out = y * (width + 1) + 1 - first;
    for (let i = first; i < last;) {
      const pixel = pixels[i], end = runEnd(pixels, i, last), cell = cellOf(pixel);
      let index = indexOfCell[cell];
      if (index < 0) index = indexOfCell[cell] = nearest(rgb, pixel);
      if (end - i > SHORT_RUN) rows.fill(index, out + i, out + end);
      else for (let j = i; j < end; j++) rows[out + j] = index;
      i = end;
    }
  }
  return {palette: rgb, rows};
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function chunk(type, data) {
  const bytes = new Uint8Array(12 + data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) bytes[4 + i] = type.charCodeAt(i);
  bytes.set(data, 8);
  let crc = 0xffffffff;
  for (let i = 4; i < 8 + data.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  view.setUint32(8 + data.length, (crc ^ 0xffffffff) >>> 0);
  return bytes;
}

async function deflate(bytes) {
  const stream = new CompressionStream("deflate"); // zlib, as PNG wants
  const writer = stream.writable.getWriter();
  writer.write(bytes);
  writer.close();
  return new Uint8Array(await new Response(stream.readable).arrayBuffer());
}

// An 8-bit palette PNG of `rows` (reduce), no metadata, as base64.
async function palettePng(palette, rows, width, height) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 3, 0, 0, 0], 8); // bit depth 8, colour type 3 (palette)
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header),
    chunk("PLTE", palette), chunk("IDAT", await deflate(rows)), chunk("IEND", new Uint8Array())];
  let binary = "";
  for (const part of parts) {
    for (let i = 0; i < part.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, part.subarray(i, i + 0x8000));
    }
  }
  return btoa(binary);
}

// --- the jobs -----------------------------------------------------------------------------------

window.drawPng = async (svg, scale, colours) => {
  const image = new Image();
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(image.naturalWidth * scale); // as resvg sizes its PNGs
  canvas.height = Math.floor(image.naturalHeight * scale);
  // Opaque: its pixels are read back without undoing a premultiplied alpha.
  const context = canvas.getContext("2d", {willReadFrequently: true, alpha: false});
  context.fillStyle = "#ffffff"; // on white, as the exported picture is
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const pixels = new Uint32Array(data.buffer, data.byteOffset, data.length / 4);
  const {palette, rows} = reduce(pixels, canvas.width, canvas.height, colours);
  return palettePng(palette, rows, canvas.width, canvas.height);
};

// The spec's SVG at each width. Vega-Lite compiles a spec at one width as at another but for the
// width signal, so the spec is compiled and parsed once and each width gets a view of its own:
// a fresh view, as a view redrawn at a new width would order new axis ticks after its old ones.
async function svgsAtWidths(spec, widths) {
  const runtime = vega.parse(vegaLite.compile(spec).spec);
  const svgs = [];
  for (const width of widths) {
    const view = new vega.View(runtime, {renderer: "none"}).width(width);
    try {
      svgs.push(await view.toSVG());
    } finally {
      view.finalize();
    }
  }
  return svgs;
}

window.renderCharts = async (jobs) => {
  const results = [];
  for (const job of jobs) {
    results.push(job.svg !== undefined
      ? await drawPng(job.svg, job.scale, job.colours)
      : await svgsAtWidths(job.spec, job.widths));
  }
  return results;
};
