#!/usr/bin/env node
// Draws the add-in and ribbon icons and writes them as PNG files into assets/.
// Pure Node (zlib for the deflate stream), no image library: shapes are described in a 0..1 square,
// rasterised with 4×4 supersampling so 16 px icons stay crisp, and written as 8-bit RGBA PNG.
// Run: node scripts/make-icons.mjs [outDir]   (default assets/; the PNGs are committed and
// test/manifest.test.ts checks that they are exactly what this script draws)
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "assets");

// ---------- PNG encoding ----------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** rgba: Uint8Array of size*size*4 → PNG bytes (colour type 6, 8 bits, no interlace). */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---------- shapes (coverage tests in the unit square) ----------

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 255];

const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

function roundRect(x0, y0, x1, y1, r) {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A thick line segment (capsule) from (ax, ay) to (bx, by). */
function segment(ax, ay, bx, by, w) {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (w / 2) ** 2;
  };
}

/** Convex or concave polygon by the even-odd rule. */
function polygon(points) {
  return (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i];
      const [xj, yj] = points[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
}

const union =
  (...shapes) =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y);

// ---------- icon designs: layers of [shape, colour], painted in order ----------

const WHITE = hex("#ffffff");
const tile = (colour) => [roundRect(0.03, 0.03, 0.97, 0.97, 0.16), hex(colour)];

const DESIGNS = {
  // Add-in icon: a clipboard with a tick, on the red of official documents.
  addin: [
    tile("#b71c1c"),
    [roundRect(0.22, 0.18, 0.78, 0.86, 0.06), WHITE],
    [roundRect(0.36, 0.12, 0.64, 0.26, 0.04), hex("#ffd54f")],
    [union(segment(0.33, 0.55, 0.46, 0.68, 0.09), segment(0.46, 0.68, 0.68, 0.41, 0.09)), hex("#2e7d32")],
  ],
  // Tracking workbook: a sheet with a header row and a grid.
  tracking: [
    tile("#1e6b3c"),
    [rect(0.18, 0.2, 0.82, 0.8), WHITE],
    [rect(0.18, 0.2, 0.82, 0.36), hex("#a5d6a7")],
    [
      union(
        rect(0.18, 0.5, 0.82, 0.54),
        rect(0.18, 0.64, 0.82, 0.68),
        rect(0.38, 0.36, 0.42, 0.8),
        rect(0.6, 0.36, 0.64, 0.8),
      ),
      hex("#1e6b3c"),
    ],
  ],
  // Report form: a page with a folded corner and text lines.
  forms: [
    tile("#1f4e99"),
    [
      minus(
        rect(0.24, 0.14, 0.76, 0.86),
        polygon([
          [0.6, 0.14],
          [0.77, 0.14],
          [0.77, 0.31],
        ]),
      ),
      WHITE,
    ],
    [
      polygon([
        [0.6, 0.14],
        [0.6, 0.31],
        [0.77, 0.31],
      ]),
      hex("#90caf9"),
    ],
    [union(rect(0.32, 0.42, 0.68, 0.47), rect(0.32, 0.56, 0.68, 0.61), rect(0.32, 0.7, 0.56, 0.75)), hex("#1f4e99")],
  ],
  // Consolidate: a sigma.
  consolidate: [
    tile("#5e35b1"),
    [
      union(
        segment(0.27, 0.22, 0.73, 0.22, 0.11),
        segment(0.29, 0.24, 0.53, 0.5, 0.11),
        segment(0.53, 0.5, 0.29, 0.76, 0.11),
        segment(0.27, 0.78, 0.73, 0.78, 0.11),
      ),
      WHITE,
    ],
  ],
  // Deadline highlighting: three status cells, red / amber / green.
  highlight: [
    tile("#37474f"),
    [roundRect(0.16, 0.16, 0.84, 0.84, 0.06), WHITE],
    [rect(0.24, 0.24, 0.76, 0.38), hex("#e53935")],
    [rect(0.24, 0.43, 0.76, 0.57), hex("#fbc02d")],
    [rect(0.24, 0.62, 0.76, 0.76), hex("#43a047")],
  ],
  // Print: a printer with a sheet.
  print: [
    tile("#455a64"),
    [rect(0.3, 0.14, 0.7, 0.36), WHITE],
    [roundRect(0.14, 0.34, 0.86, 0.7, 0.06), hex("#cfd8dc")],
    [circle(0.74, 0.45, 0.035), hex("#43a047")],
    [rect(0.3, 0.56, 0.7, 0.86), WHITE],
    [union(rect(0.36, 0.65, 0.64, 0.69), rect(0.36, 0.75, 0.58, 0.79)), hex("#455a64")],
  ],
};

const SS = 4; // supersampling per axis

export function render(design, size) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied accumulation over the sub-samples keeps edges free of dark fringes.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const x = (px + (sx + 0.5) / SS) / size;
          const y = (py + (sy + 0.5) / SS) / size;
          let colour = null;
          for (const [shape, c] of design) if (shape(x, y)) colour = c;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round((a / (SS * SS)) * 255);
      }
    }
  }
  return rgba;
}

/** file name → [design, size]: ribbon buttons need 16/32/80, the add-in itself 32/64/128. */
export const ICONS = {
  "icon-32.png": ["addin", 32],
  "icon-64.png": ["addin", 64],
  "icon-128.png": ["addin", 128],
  ...Object.fromEntries(
    ["tracking", "forms", "consolidate", "highlight", "print"].flatMap((name) =>
      [16, 32, 80].map((size) => [`${name}-${size}.png`, [name, size]]),
    ),
  ),
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? OUT;
  mkdirSync(out, { recursive: true });
  for (const [file, [design, size]] of Object.entries(ICONS)) {
    const png = encodePng(size, render(DESIGNS[design], size));
    writeFileSync(join(out, file), png);
    console.log(`${join(out, file)}  ${size}×${size}  ${png.length} B`);
  }
}
