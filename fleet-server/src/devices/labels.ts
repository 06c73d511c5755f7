/**
 * Controller labels: what the provisioning CLI prints for each controller it provisions, so that whoever mounts
 * the controller on a pole can claim it from the commissioning page by scanning it, or by typing what it says.
 *
 * A label shows the device id, its claim code, the tenant and the hardware model, and a QR code of the claim
 * payload (`claimPayload`): as a 62 mm × 29 mm SVG (the Brother QL / Dymo continuous-label size), as a PNG of the
 * QR code alone (printers that only take images), in the terminal, and as an A4 sheet of labels to print on
 * plain paper and cut.
 *
 * The QR modules are drawn by us, one path run per row of dark modules, from `QRCode.create`'s matrix rather than
 * from `QRCode.toString({ type: 'svg' })`: the label needs the symbol at an exact place and size in millimetres
 * inside its own SVG, and a path we wrote is one a test can read back module by module. Error correction is level
 * M (15 % of the symbol may be lost: a scuffed label on a pole still scans) and the quiet zone is 2 modules, not
 * the 4 of ISO/IEC 18004 §6.3.8: the label's white margin around the symbol makes up the rest, and the QR code
 * gets the larger modules for it.
 */
import QRCode, { type BitMatrix } from 'qrcode';
import { claimPayload } from './claim-payload.js';

export { claimPayload, parseClaimPayload } from './claim-payload.js';

/** What a label says about one controller. */
export interface ControllerLabel {
  deviceId: string;
  /** Crockford base32, three groups of four (`7KQ2-M9XD-4TRW`): see `CLAIM_CODE`. */
  claimCode: string;
  tenant: string;
  /** Hardware model (`SL-ESP32`); the line is left out without one. */
  model?: string;
}

/** The options every QR code of a label is made with. */
const QR_OPTIONS = Object.freeze({ errorCorrectionLevel: 'M', margin: 2 } as const);

const XML_ENTITIES: Readonly<Record<string, string>> = Object.freeze({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' });

/** Escapes text for XML and HTML, in content and in attribute values alike. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

/** A length in millimetres as SVG wants it: at most two decimals, no trailing zeros. */
const mm = (n: number): string => String(Math.round(n * 100) / 100);

/** The label, in millimetres. */
const LABEL = Object.freeze({ width: 62, height: 29, margin: 2 } as const);
/** The QR code's side: the label's height less its margins. */
const QR_SIDE = LABEL.height - 2 * LABEL.margin;
/** Where the text column starts and how wide it is. */
const TEXT_X = LABEL.margin + QR_SIDE + 2;
const TEXT_WIDTH = LABEL.width - TEXT_X - LABEL.margin;
/** A monospace glyph's advance, in em (DejaVu Sans Mono, Menlo and Consolas are all about 0.6). */
const MONO_ADVANCE = 0.6;

/**
 * The font size (mm, two decimals, rounded down so that it still fits) at which `text` fits the text column, at
 * most `max`: a long device id gets smaller type rather than running off the label.
 */
const fitFont = (text: string, max: number): number =>
  Math.min(max, Math.floor((100 * TEXT_WIDTH) / (MONO_ADVANCE * Math.max(1, text.length))) / 100);

/**
 * The dark modules of a QR symbol as an SVG path in module units, the quiet zone included: one closed rectangle
 * `M<x> <y>h<n>v1h-<n>z` for each horizontal run of dark modules.
 */
function modulesPath(modules: BitMatrix, quiet: number): string {
  const runs: string[] = [];
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) { col++; continue; }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      const n = col - start;
      runs.push(`M${start + quiet} ${row + quiet}h${n}v1h-${n}z`);
    }
  }
  return runs.join('');
}

/**
 * A self-contained SVG label, 62 mm × 29 mm (width and height in mm, the viewBox in mm): the QR code of the claim
 * payload on the left, on the right in a monospace font the device id (large, bold), the claim code, the tenant
 * and the model. The type shrinks to fit a long device id or tenant on one line.
 *
 * @throws RangeError when the device id or claim code cannot make a claim payload (`claimPayload`).
 */
export async function labelSvg(l: ControllerLabel): Promise<string> {
  const qr = QRCode.create(claimPayload(l.deviceId, l.claimCode), { errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
  const side = qr.modules.size + 2 * QR_OPTIONS.margin;
  const lines: Array<{ text: string; max: number; y: number; bold?: boolean }> = [
    { text: l.deviceId, max: 5, y: 8, bold: true },
    { text: l.claimCode, max: 3.6, y: 14.5, bold: true },
    { text: l.tenant, max: 2.8, y: 20.5 },
    ...(l.model === undefined ? [] : [{ text: l.model, max: 2.8, y: 25 }]),
  ];
  const text = lines.map(({ text: t, max, y, bold }) =>
    `<text x="${mm(TEXT_X)}" y="${mm(y)}" font-size="${mm(fitFont(t, max))}"${bold === true ? ' font-weight="bold"' : ''}>${escapeXml(t)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL.width}mm" height="${LABEL.height}mm" viewBox="0 0 ${LABEL.width} ${LABEL.height}">`,
    `<title>${escapeXml(`${l.deviceId} (${l.tenant})`)}</title>`,
    `<rect width="${LABEL.width}" height="${LABEL.height}" fill="#fff"/>`,
    `<svg x="${LABEL.margin}" y="${LABEL.margin}" width="${QR_SIDE}" height="${QR_SIDE}" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">`,
    `<path fill="#000" d="${modulesPath(qr.modules, QR_OPTIONS.margin)}"/>`,
    '</svg>',
    `<g font-family="ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace" fill="#000">`,
    ...text,
    '</g>',
    '</svg>',
  ].join('\n') + '\n';
}

/**
 * The QR code of a label's claim payload alone, as a PNG, for printers that only take images. `scale` is pixels
 * a module (default 8: about 0.7 mm a module at 300 dpi).
 *
 * @throws RangeError when the device id or claim code cannot make a claim payload (`claimPayload`).
 */
export async function labelPng(l: ControllerLabel, scale = 8): Promise<Buffer> {
  return QRCode.toBuffer(claimPayload(l.deviceId, l.claimCode), { ...QR_OPTIONS, type: 'png', scale });
}

/**
 * A QR code of `text` for a terminal: two modules a character (upper and lower half blocks, with ANSI colours),
 * so that a phone can scan it off the screen while the CLI runs.
 */
export async function terminalQr(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: QR_OPTIONS.errorCorrectionLevel });
}

/**
 * A printable A4 HTML page of labels (`labelSvg`'s SVGs, inline, three to a row at their real size) to print at
 * 100 % on plain or adhesive paper and cut along the hairlines. Each label is an image named by its device id and
 * tenant for screen readers. The SVGs are put in as they are (they are markup: make them with `labelSvg`); every
 * other text is escaped.
 */
export function labelSheetHtml(labels: Array<ControllerLabel & { svg: string }>): string {
  const items = labels.map((l) => {
    const name = `Controller ${l.deviceId}, ${l.tenant}${l.model === undefined ? '' : `, ${l.model}`}`;
    return `<div class="label" role="img" aria-label="${escapeXml(name)}">\n${l.svg.trim()}\n</div>`;
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Controller labels (${labels.length})</title>
<style>
@page { size: A4; margin: 10mm }
html, body { margin: 0 }
@media screen { body { padding: 10mm } }
.sheet { display: grid; grid-template-columns: repeat(3, ${LABEL.width}mm); gap: 2mm; }
.label { width: ${LABEL.width}mm; height: ${LABEL.height}mm; outline: 0.1mm solid #bbb; break-inside: avoid; }
.label svg { display: block; }
</style>
</head>
<body>
<main class="sheet">
${items.join('\n')}
</main>
</body>
</html>
`;
}
