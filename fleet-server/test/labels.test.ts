// Controller labels: the claim payload and its parser, and every rendering of its QR code read back (the PNG and a
// raster of the SVG's modules through a QR decoder, the terminal's half blocks module by module).
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { claimPayload, labelPng, labelSheetHtml, labelSvg, parseClaimPayload, terminalQr } from '../src/devices/labels.js';

// jsqr is CommonJS with its function as `default` (and as module.exports, which also carries `default`): TypeScript
// types the default import as the module.
const jsQR = jsqr.default;

const CODE = '7KQ2-M9XD-4TRW';
const LONG_ID = `SRL-${'0123456789'.repeat(6)}`; // 64 characters, the longest id

/** Decodes an RGBA image with jsQR: the text it holds, or undefined if it finds no QR code. */
function scan(data: Uint8Array, width: number, height: number): string | undefined {
  return jsQR(new Uint8ClampedArray(data), width, height)?.data;
}

/** QRCode.create's modules for `text` (level M, as the labels), as rows of 0/1. */
function expectedModules(text: string): number[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => (modules.get(r, c) ? 1 : 0)));
}

/** An RGBA raster of a module matrix, `quiet` white modules around it, `scale` pixels a module. */
function raster(matrix: number[][], quiet: number, scale: number): { data: Uint8Array; side: number } {
  const side = (matrix.length + 2 * quiet) * scale;
  const data = new Uint8Array(side * side * 4).fill(255);
  matrix.forEach((row, r) => row.forEach((dark, c) => {
    if (!dark) return;
    for (let y = 0; y < scale; y++) {
      for (let x = 0; x < scale; x++) {
        const i = (((r + quiet) * scale + y) * side + (c + quiet) * scale + x) * 4;
        data[i] = data[i + 1] = data[i + 2] = 0;
      }
    }
  }));
  return { data, side };
}

/**
 * Checks that `xml` is well-formed as far as labels go (no DOCTYPE, CDATA, comments or processing instructions):
 * tags nest and close, attribute values are quoted, and every `&` in text and attributes starts an entity.
 * Returns the element names in document order.
 */
function wellFormed(xml: string): string[] {
  const entity = /&(amp|lt|gt|quot|#39);/g;
  const names: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let end = 0;
  for (const m of xml.matchAll(token)) {
    end = m.index + m[0].length;
    const [, close, name, attrs, selfClose, text] = m;
    const checked = text ?? attrs ?? '';
    expect(checked.replace(entity, '')).not.toMatch(/[&<>]/);
    if (text !== undefined) {
      if (open.length === 0) expect(text.trim()).toBe('');
      continue;
    }
    if (close) {
      expect(open.pop()).toBe(name);
    } else {
      names.push(name as string);
      if (!selfClose) open.push(name as string);
    }
  }
  expect(end).toBe(xml.length);
  expect(open).toEqual([]);
  return names;
}

/** The module matrix the label's QR path draws: `M<x> <y>h<n>v1h-<n>z` runs, in a viewBox with a quiet zone. */
function svgModules(svg: string): { matrix: number[][]; quiet: number } {
  const nested = /<svg x="2" y="2" width="25" height="25" viewBox="0 0 (\d+) (\d+)" shape-rendering="crispEdges">\n<path fill="#000" d="([^"]*)"\/>/.exec(svg);
  expect(nested).not.toBeNull();
  const [, w, h, d] = nested as unknown as [string, string, string, string];
  expect(w).toBe(h);
  const quiet = 2;
  const size = Number(w) - 2 * quiet;
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let consumed = 0;
  for (const run of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    expect(run.index).toBe(consumed);
    consumed += run[0].length;
    const [x, y, n, back] = run.slice(1).map(Number) as [number, number, number, number];
    expect(back).toBe(n);
    for (let i = 0; i < n; i++) {
      const row = matrix[y - quiet];
      expect(row?.[x - quiet + i]).toBe(0); // inside the symbol, drawn once
      (row as number[])[x - quiet + i] = 1;
    }
  }
  expect(consumed).toBe(d.length);
  return { matrix, quiet };
}

describe('claim payload', () => {
  it('is SLC1:<device id>:<claim code> and parses back', () => {
    expect(claimPayload('SRL-0001', CODE)).toBe('SLC1:SRL-0001:7KQ2-M9XD-4TRW');
    for (const deviceId of ['SRL-0001', 'a.b_c-9', 'x', LONG_ID]) {
      for (const claimCode of [CODE, '0000-0000-0000', 'ZZZZ-YXWV-TSRQ']) {
        expect(parseClaimPayload(claimPayload(deviceId, claimCode))).toEqual({ deviceId, claimCode });
      }
    }
  });

  it('refuses a wrong prefix, a missing or extra field, a bad claim code, a bad device id', () => {
    for (const text of [
      'SLC2:SRL-0001:7KQ2-M9XD-4TRW', 'slc1:SRL-0001:7KQ2-M9XD-4TRW', 'SL1:SRL-0001:7KQ2-M9XD-4TRW', ':SRL-0001:7KQ2-M9XD-4TRW',
      'SLC1:SRL-0001:7KQ2-M9XD-4TRW:', 'SLC1:SRL-0001:7KQ2-M9XD-4TRW:tenant', 'SLC1:SRL-0001', 'SLC1:7KQ2-M9XD-4TRW', '',
      'SLC1:SRL-0001:7kq2-m9xd-4trw', 'SLC1:SRL-0001:7KQ2M9XD4TRW', 'SLC1:SRL-0001:7KQ2-M9XD-4TR', 'SLC1:SRL-0001:7KQ2-M9XD-4TRWX',
      'SLC1:SRL-0001:7KQ2-M9XD-4TRW-AAAA', 'SLC1:SRL-0001:IKQ2-M9XD-4TRW', 'SLC1:SRL-0001:7LQ2-M9XD-4TRW', 'SLC1:SRL-0001:7KQ2-O9XD-4TRW',
      'SLC1:SRL-0001:7KQ2-M9XD-4URW', 'SLC1:SRL-0001: 7KQ2-M9XD-4TRW', 'SLC1:SRL-0001:7KQ2-M9XD-4TRW\n',
      'SLC1:SRL 0001:7KQ2-M9XD-4TRW', 'SLC1:SRL:0001:7KQ2-M9XD-4TRW', 'SLC1::7KQ2-M9XD-4TRW', `SLC1:${LONG_ID}5:7KQ2-M9XD-4TRW`,
      'SLC1:SRL/0001:7KQ2-M9XD-4TRW', 'SLC1:SRLé001:7KQ2-M9XD-4TRW',
    ]) {
      expect(parseClaimPayload(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('is never made from what it could not parse back', () => {
    for (const deviceId of ['SRL 0001', 'SRL:0001', '', `${LONG_ID}5`, '<script>']) {
      expect(() => claimPayload(deviceId, CODE), deviceId).toThrow(RangeError);
    }
    for (const code of ['7kq2-m9xd-4trw', '7KQ2-M9XD', 'IKQ2-M9XD-4TRW', '7KQ2:M9XD:4TRW']) {
      expect(() => claimPayload('SRL-0001', code), code).toThrow(RangeError);
    }
  });
});

describe('labelPng', () => {
  it('is a QR code that scans back to exactly the claim payload', async () => {
    for (const deviceId of ['SRL-0001', 'sarlat_pole.17', LONG_ID]) {
      const png = PNG.sync.read(await labelPng({ deviceId, claimCode: CODE, tenant: 'sarlat' }));
      expect(scan(png.data, png.width, png.height)).toBe(claimPayload(deviceId, CODE));
    }
  });

  it('has a 2-module quiet zone and `scale` pixels a module', async () => {
    const size = expectedModules(claimPayload('SRL-0001', CODE)).length;
    for (const scale of [3, 8]) {
      const png = PNG.sync.read(await labelPng({ deviceId: 'SRL-0001', claimCode: CODE, tenant: 'sarlat' }, scale));
      expect([png.width, png.height]).toEqual([(size + 4) * scale, (size + 4) * scale]);
    }
  });

  it('refuses a device id the payload cannot carry', async () => {
    await expect(labelPng({ deviceId: 'SRL:0001', claimCode: CODE, tenant: 'sarlat' })).rejects.toThrow(RangeError);
  });
});

describe('labelSvg', () => {
  const label = { deviceId: 'SRL-0001', claimCode: CODE, tenant: 'Ville <&" d\'Arc', model: 'SL-ESP32' };

  it('is a well-formed 62 mm × 29 mm SVG with the id, code, tenant and model escaped', async () => {
    const svg = await labelSvg(label);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="62mm" height="29mm" viewBox="0 0 62 29">')).toBe(true);
    const names = wellFormed(svg);
    expect(names.filter((n) => n === 'svg')).toHaveLength(2);
    expect(names.filter((n) => n === 'text')).toHaveLength(4);
    expect(svg).toMatch(/<text [^>]*font-weight="bold">SRL-0001<\/text>/);
    expect(svg).toMatch(/<text [^>]*>7KQ2-M9XD-4TRW<\/text>/);
    expect(svg).toContain('>Ville &lt;&amp;&quot; d&#39;Arc</text>');
    expect(svg).toContain('>SL-ESP32</text>');
    expect(svg).not.toContain('<&"');
    expect(svg).toContain("font-family=\"ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace\"");
  });

  it('leaves the model line out without a model', async () => {
    const svg = await labelSvg({ deviceId: 'SRL-0001', claimCode: CODE, tenant: 'sarlat' });
    expect(wellFormed(svg).filter((n) => n === 'text')).toHaveLength(3);
  });

  it('draws exactly the modules QRCode.create makes for the payload, and they scan', async () => {
    for (const deviceId of ['SRL-0001', 'sarlat_pole.17', LONG_ID]) {
      const { matrix, quiet } = svgModules(await labelSvg({ ...label, deviceId }));
      expect(matrix).toEqual(expectedModules(claimPayload(deviceId, CODE)));
      const { data, side } = raster(matrix, quiet, 6);
      expect(scan(data, side, side)).toBe(claimPayload(deviceId, CODE));
    }
  });

  it('shrinks the type of a long id to fit the text column', async () => {
    const size = (svg: string): number => Number(/font-size="([\d.]+)" font-weight="bold">SRL-/.exec(svg)?.[1]);
    const short = size(await labelSvg(label));
    const long = size(await labelSvg({ ...label, deviceId: LONG_ID }));
    expect(short).toBe(5);
    expect(long * 0.6 * LONG_ID.length).toBeLessThanOrEqual(31 + 0.01); // 62 − 29 (QR and gap) − 2 (margin)
  });

  it('refuses a device id or claim code the payload cannot carry', async () => {
    await expect(labelSvg({ ...label, deviceId: '<script>' })).rejects.toThrow(RangeError);
    await expect(labelSvg({ ...label, claimCode: 'ILOU-ILOU-ILOU' })).rejects.toThrow(RangeError);
  });
});

describe('terminalQr', () => {
  it('is lines of half blocks that read back as QRCode.create\'s modules', async () => {
    const text = claimPayload('SRL-0001', CODE);
    const expected = expectedModules(text);
    const size = expected.length;
    const out = await terminalQr(text);
    // eslint-disable-next-line no-control-regex
    const lines = out.replace(/\x1b\[\d+m/g, '').split('\n').filter((line) => line.length > 0);
    // Two rows a line, one white module around the symbol: rows -1..size.
    expect(lines).toHaveLength((size + 3) >> 1);
    for (const line of lines) expect([...line]).toHaveLength(size + 2);
    expect(out).toMatch(/[▀▄█]/);
    const pixels: Record<string, [number, number]> = { ' ': [0, 0], '▄': [0, 1], '▀': [1, 0], '█': [1, 1] };
    const rows: number[][] = [];
    for (const line of lines) {
      const pairs = [...line].map((c) => pixels[c]);
      expect(pairs).not.toContain(undefined);
      rows.push(pairs.map((p) => (p as [number, number])[0]), pairs.map((p) => (p as [number, number])[1]));
    }
    // rows[0] is row −1 (white border); the symbol is rows 1..size, columns 1..size.
    expect(rows[0]?.every((dark) => dark === 0)).toBe(true);
    expect(rows.slice(1, size + 1).map((row) => row.slice(1, size + 1))).toEqual(expected);
  });
});

describe('labelSheetHtml', () => {
  it('is an A4 page with the SVGs inline and every text escaped', async () => {
    const tenant = 'Ville <&" d\'Arc';
    const svgs = await Promise.all(['SRL-0001', 'SRL-0002'].map((deviceId) => labelSvg({ deviceId, claimCode: CODE, tenant })));
    const hostile = '<script>alert(1)</script>';
    const html = labelSheetHtml([
      { deviceId: 'SRL-0001', claimCode: CODE, tenant, model: 'SL-ESP32', svg: svgs[0] as string },
      { deviceId: 'SRL-0002', claimCode: CODE, tenant, svg: svgs[1] as string },
      { deviceId: hostile, claimCode: CODE, tenant: 'sarlat', model: '"><img src=x onerror=alert(1)>', svg: '<svg xmlns="http://www.w3.org/2000/svg" width="62mm" height="29mm"/>' },
    ]);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4; margin: 10mm }');
    for (const svg of svgs) expect(html).toContain((svg as string).trim());
    expect(html).not.toMatch(/<script|<img/i);
    expect([...html.matchAll(/role="img" aria-label="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'Controller SRL-0001, Ville &lt;&amp;&quot; d&#39;Arc, SL-ESP32',
      'Controller SRL-0002, Ville &lt;&amp;&quot; d&#39;Arc',
      'Controller &lt;script&gt;alert(1)&lt;/script&gt;, sarlat, &quot;&gt;&lt;img src=x onerror=alert(1)&gt;',
    ]);
    // The body is well-formed markup too (the head holds the void <meta>, which HTML does not close).
    const body = /<body>\n([\s\S]*)<\/body>/.exec(html)?.[1] as string;
    expect(wellFormed(body).filter((n) => n === 'div')).toHaveLength(3);
  });
});
