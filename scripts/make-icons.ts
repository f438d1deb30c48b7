/**
 * Generates the Teams app icons (appPackage/color.png 192×192 and
 * appPackage/outline.png 32×32) without any image dependency: a tiny
 * signed-distance rasteriser plus a minimal PNG encoder on top of node:zlib.
 *
 * Motif: a location pin ("träffpunkt" = meeting point) with a check mark
 * (a confirmed registration) and a ground ring, on a rounded teal square.
 *
 * Run: npx tsx scripts/make-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

/** Straight (non-premultiplied) RGBA, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Returns the colour of the scene at unit coordinates (0..1, y down). */
export type Shader = (x: number, y: number) => Rgba;

// ---------------------------------------------------------------- PNG encoder

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO-HDLC), as required for every PNG chunk. Own table because zlib.crc32 needs Node ≥ 20.15. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes 8-bit RGBA pixels (row-major, 4 bytes per pixel) as a non-interlaced PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match width × height × 4');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  // Filter type 0 (None) on every scanline: the images are tiny, simplicity wins.
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// ----------------------------------------------------------------- rasteriser

/**
 * Renders a shader with n×n supersampling. Averaging happens in premultiplied
 * space so edges blend correctly; a pixel whose colour samples are all white
 * stays exactly white (needed for the white-only outline icon).
 */
export function render(size: number, shader: Shader, samples = 4, transparent: Rgba = { r: 0, g: 0, b: 0, a: 0 }): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shader((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          r += c.r * c.a;
          g += c.g * c.a;
          b += c.b * c.a;
          a += c.a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = Math.round((a / (samples * samples)) * 255);
      if (alpha === 0) {
        out[i] = transparent.r;
        out[i + 1] = transparent.g;
        out[i + 2] = transparent.b;
        out[i + 3] = 0;
      } else {
        out[i] = Math.round(r / a);
        out[i + 1] = Math.round(g / a);
        out[i + 2] = Math.round(b / a);
        out[i + 3] = alpha;
      }
    }
  }
  return out;
}

// ------------------------------------------------------- geometry (unit space)

const CLEAR: Rgba = { r: 0, g: 0, b: 0, a: 0 };
const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };
const TEAL: Rgba = { r: 0x0f, g: 0x6e, b: 0x6e, a: 1 };

/** Porter-Duff "over" for straight-alpha colours. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return CLEAR;
  const mix = (t: number, b: number): number => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

function inRoundedSquare(x: number, y: number, inset: number, radius: number): boolean {
  const qx = Math.abs(x - 0.5) - (0.5 - inset - radius);
  const qy = Math.abs(y - 0.5) - (0.5 - inset - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) <= radius;
}

function distToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

interface Pin {
  cx: number;
  cy: number;
  /** Radius of the pin head. */
  r: number;
  /** Y of the pin tip (below the head). */
  tipY: number;
}

/** Circle head plus the cone of tangents from the tip: the classic map-pin silhouette. */
function inPin(x: number, y: number, p: Pin): boolean {
  if (Math.hypot(x - p.cx, y - p.cy) <= p.r) return true;
  const d = p.tipY - p.cy;
  const tangentY = p.cy + (p.r * p.r) / d;
  if (y < tangentY || y > p.tipY) return false;
  // Half-width of the cone grows linearly from 0 at the tip to the tangent points.
  const tangentHalfWidth = p.r * Math.sqrt(1 - (p.r * p.r) / (d * d));
  const halfWidth = (tangentHalfWidth * (p.tipY - y)) / (p.tipY - tangentY);
  return Math.abs(x - p.cx) <= halfWidth;
}

/** Check mark as two thick strokes, coordinates relative to the pin head. */
function inCheck(x: number, y: number, p: Pin, stroke: number): boolean {
  const s = p.r;
  const ax = p.cx - 0.46 * s;
  const ay = p.cy + 0.02 * s;
  const bx = p.cx - 0.12 * s;
  const by = p.cy + 0.36 * s;
  const cx = p.cx + 0.5 * s;
  const cy = p.cy - 0.3 * s;
  return distToSegment(x, y, ax, ay, bx, by) <= stroke / 2 || distToSegment(x, y, bx, by, cx, cy) <= stroke / 2;
}

function inEllipseRing(x: number, y: number, cx: number, cy: number, rx: number, ry: number, width: number): boolean {
  // Scaled radial distance: cheap and close enough for a thin, flat ring.
  const k = Math.hypot((x - cx) / rx, (y - cy) / ry);
  return Math.abs(k - 1) * ry <= width / 2;
}

/** 192×192 full-colour icon: teal rounded square, white pin with a teal check, soft ground ring. */
export const colorShader: Shader = (x, y) => {
  if (!inRoundedSquare(x, y, 0, 0.2)) return CLEAR;
  // Gentle top-to-bottom gradient around the accent colour #0F6E6E.
  const t = y - 0.5;
  let c: Rgba = { r: TEAL.r - 10 * t, g: TEAL.g - 40 * t, b: TEAL.b - 40 * t, a: 1 };
  const pin: Pin = { cx: 0.5, cy: 0.4, r: 0.2, tipY: 0.78 };
  if (inEllipseRing(x, y, 0.5, 0.79, 0.25, 0.065, 0.03) && !inPin(x, y, { ...pin, r: pin.r + 0.03, tipY: pin.tipY + 0.05 })) {
    c = over({ ...WHITE, a: 0.55 }, c);
  }
  if (inPin(x, y, pin)) c = inCheck(x, y, pin, 0.07) ? TEAL : WHITE;
  return c;
};

/** 32×32 outline icon: the same pin in white with the check cut out, transparent elsewhere. */
export const outlineShader: Shader = (x, y) => {
  const pin: Pin = { cx: 0.5, cy: 0.39, r: 0.3, tipY: 0.94 };
  return inPin(x, y, pin) && !inCheck(x, y, pin, 0.11) ? WHITE : CLEAR;
};

export function makeIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(192, 192, render(192, colorShader, 4)),
    // Transparent pixels stay white too, so strict "white or transparent" checkers never see black.
    outline: encodePng(32, 32, render(32, outlineShader, 8, { r: 255, g: 255, b: 255, a: 0 })),
  };
}

if (require.main === module) {
  const dir = join(__dirname, '..', 'appPackage');
  const { color, outline } = makeIcons();
  writeFileSync(join(dir, 'color.png'), color);
  writeFileSync(join(dir, 'outline.png'), outline);
  console.log(`Wrote ${join(dir, 'color.png')} (192×192) and ${join(dir, 'outline.png')} (32×32)`);
}
