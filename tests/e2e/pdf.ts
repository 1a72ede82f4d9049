// Reading a printed PDF back with poppler-utils (pdfinfo, pdftotext, pdftoppm; installed by
// scripts/ensure-tools.sh), and a tiny PNG decoder for looking at rasterised pages.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export type PageSize = { width: number; height: number };

/** The page count and every page's size in points, from `pdfinfo`. */
export function pdfInfo(file: string): { pages: number; sizes: PageSize[] } {
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [file]))?.[1]);
  const out = run('pdfinfo', ['-f', '1', '-l', String(pages), file]);
  const sizes = [...out.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  return { pages, sizes };
}

/**
 * The text of one page (1-based) or of all pages: laid out as printed (`pdftotext -layout`),
 * or with `layout` false in reading order, one table cell's lines after another.
 */
export function pdfText(file: string, page?: number, layout = true): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return run('pdftotext', [...(layout ? ['-layout'] : []), ...range, file, '-']);
}

export type Word = { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number };

/** Every word with its box in points (`pdftotext -bbox`), pages numbered from 1. */
export function pdfWords(file: string): { sizes: PageSize[]; words: Word[] } {
  const html = run('pdftotext', ['-bbox', file, '-']);
  const sizes: PageSize[] = [];
  const words: Word[] = [];
  const unescape = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  for (const [i, pageHtml] of html.split(/<page /).slice(1).entries()) {
    const size = /^width="([\d.]+)" height="([\d.]+)"/.exec(pageHtml);
    sizes.push({ width: Number(size?.[1]), height: Number(size?.[2]) });
    for (const m of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({
        page: i + 1,
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: unescape(m[5]),
      });
    }
  }
  return { sizes, words };
}

/** Renders every page to `<prefix>-<n>.png` at `dpi`; returns the files in page order. */
export function pdfToPngs(file: string, prefix: string, dpi: number, pages: number): string[] {
  run('pdftoppm', ['-r', String(dpi), '-png', file, prefix]);
  // pdftoppm pads the page number to the width of the last one.
  const width = String(pages).length;
  return Array.from({ length: pages }, (_, i) => `${prefix}-${String(i + 1).padStart(width, '0')}.png`);
}

/** A decoded 8-bit PNG as luminance (0 black … 255 white), one byte per pixel. */
export type Gray = { width: number; height: number; at: (x: number, y: number) => number };

/**
 * Decodes a non-interlaced 8-bit grey, RGB or RGBA PNG (what pdftoppm and Chromium write).
 *
 * Throws on anything else, so that a change of format fails loudly rather than reading noise.
 */
export function readPng(file: string): Gray {
  const buf = readFileSync(file);
  if (buf.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error(`${file}: not a PNG`);
  let width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length; ) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[colour] ?? 0;
      if (depth !== 8 || !channels || interlace !== 0) {
        throw new Error(`${file}: unsupported PNG (depth ${depth}, colour ${colour}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[x - channels] : 0;
      const b = prev[x];
      const c = x >= channels ? prev[x - channels] : 0;
      let v = line[x];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`${file}: bad PNG filter ${filter}`);
      out[x] = v & 0xff;
    }
  }
  const at = (x: number, y: number) => {
    const i = y * stride + x * channels;
    return channels === 1 ? pixels[i] : Math.round(0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2]);
  };
  return { width, height, at };
}

/** How many pixels in the rectangle [x0, x1) × [y0, y1) are darker than `threshold`. */
export function darkPixels(img: Gray, x0: number, x1: number, y0: number, y1: number, threshold = 160): number {
  let n = 0;
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x1); x++) {
      if (img.at(x, y) < threshold) n++;
    }
  }
  return n;
}
