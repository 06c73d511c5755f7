/**
 * Reading an inventory file (a town's list of lights) into commissioning rows, without touching the database:
 * CSV as spreadsheets write it, or GeoJSON. The route (routes/inventory-import.ts) compares the rows with the
 * town's inventory and writes them all or none.
 *
 * CSV is read the way French Excel saves it: `;` between fields (`,` and tab too: the header line decides),
 * decimal commas (`44,8897`), Windows-1252 unless the bytes are valid UTF-8 (a BOM or none), quoted fields with
 * `""` and line breaks inside. Parsing is csv-parse's; line numbers are the file's physical lines (header = 1), so
 * a reason points at the line the user sees in a text editor, even after a quoted line break.
 *
 * Columns are found by alias, case, accents, spaces and punctuation ignored (`Contrôleur`, `device_id`,
 * `Latitude`…). A missing required column refuses the whole file; a bad value rejects its line with a reason in
 * plain English (the UI translates it). A street name in the group column becomes a group id the API accepts
 * (`Rue de la République` → `rue-de-la-republique`), since spreadsheets hold names, not ids.
 *
 * A line without a device id but with a pole reference is a pole of the town, without a controller yet (a town
 * imports its poles, luminaires, cabinets and circuits first; installers then commission controllers onto them):
 * it goes to `poles`, the route writes the pole and its luminaire. A file needs the latitude and longitude columns
 * and a device id or a pole column (or both).
 */
import { parse } from 'csv-parse/sync';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import type { InventoryInput } from '../devices/service.js';

export type InventoryRow = InventoryInput;
export type InventoryFileKind = 'csv' | 'geojson';

/** A pole without a controller (a line with a pole reference and no device id): the pole and its luminaire. */
export type PoleImportRow = Omit<InventoryRow, 'deviceId' | 'poleId' | 'luminaireId'> & { poleRef: string };

export interface ParsedInventoryFile {
  /** Rows that passed every check, in file order. */
  rows: Array<{ line: number; row: InventoryRow }>;
  /** Poles without a controller that passed every check, in file order. */
  poles: Array<{ line: number; row: PoleImportRow }>;
  /** Lines (GeoJSON: feature index + 1) refused, with the reason, and the device id or pole the line names (as written). */
  rejected: Array<{ line: number; reason: string; deviceId?: string; poleRef?: string }>;
  /** `utf-8` or `windows-1252`: how the bytes were read. */
  encoding: string;
  /** Header columns (CSV) or property names (GeoJSON) matching no field: not imported. */
  ignoredColumns: string[];
}

/** The whole file is refused (unreadable, a required column missing, not a FeatureCollection, too many rows). */
export class InventoryFileError extends Error {
  override name = 'InventoryFileError';
}

/** At most this many data rows in a file (the bulk commissioning route's limit). */
export const IMPORT_MAX_ROWS = 10_000;

/** The fields a file may set (the pole, luminaire ids of the model are the server's). */
type Field = Exclude<keyof InventoryRow, 'poleId' | 'luminaireId'>;

const ALIASES: Record<Field, readonly string[]> = {
  deviceId: ['device_id', 'deviceId', 'controleur', 'contrôleur', 'identifiant'],
  poleRef: ['pole_ref', 'poleRef', 'poteau', 'support', 'numero_support'],
  lat: ['lat', 'latitude'],
  lon: ['lon', 'lng', 'longitude'],
  group: ['group', 'groupe', 'secteur'],
  luminaireModel: ['luminaire_model', 'modele', 'modèle', 'luminaire'],
  nominalPowerW: ['nominal_power_w', 'puissance', 'puissance_w', 'power_w'],
  cctK: ['cct_k', 'temperature_couleur', 'température de couleur', 'cct'],
  // The pole's street, cabinet (armoire) and circuit (départ), height (the inventory's model, migration 0015). A
  // street also gives the group when no group column does (`Rue de la République` → `rue-de-la-republique`).
  street: ['street', 'rue', 'voie', 'adresse'],
  cabinetId: ['cabinet', 'cabinet_id', 'armoire'],
  circuitId: ['circuit', 'circuit_id', 'depart', 'départ'],
  heightM: ['height', 'height_m', 'hauteur', 'hauteur_m', 'hauteur (m)'],
  // The luminaire's installation date (the decree's file): 2026-12-07, 07/12/2026 or a year alone (1 January).
  installedAt: ['installed_at', 'installation_date', 'date_pose', 'date de pose', 'date_installation', 'date d\'installation', 'annee_pose', 'année de pose', 'mise_en_service', 'mise en service'],
};
const REQUIRED: readonly Field[] = ['lat', 'lon'];
const NAMES: Record<Field, string> = {
  deviceId: 'device id', poleRef: 'pole', lat: 'latitude', lon: 'longitude', group: 'group', luminaireModel: 'luminaire model',
  nominalPowerW: 'power', cctK: 'colour temperature', street: 'street', cabinetId: 'cabinet', circuitId: 'circuit', heightM: 'height',
  installedAt: 'installation date',
};

/**
 * A date as a spreadsheet writes it: `2026-12-07`, `07/12/2026` (French day first; `-` or `.` too), or a year alone
 * (`2015`: 1 January). Noon UTC of that day, in ms; `undefined` when it is not a date of 1900..2100.
 */
export function parseDay(v: string): number | undefined {
  const s = v.trim();
  let y: number; let m = 1; let d = 1;
  let g: RegExpExecArray | null;
  if ((g = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s))) { y = +g[1]!; m = +g[2]!; d = +g[3]!; }
  else if ((g = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?: .*)?$/.exec(s))) { d = +g[1]!; m = +g[2]!; y = +g[3]!; }
  else if ((g = /^(\d{4})$/.exec(s))) y = +g[1]!;
  else return undefined;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const ms = Date.UTC(y, m - 1, d, 12);
  return new Date(ms).getUTCDate() === d ? ms : undefined; // 31/02 refused
}

/** Lower case, no accents, letters and digits only: `Température de couleur` → `temperaturedecouleur`. */
export const normaliseHeader = (h: string): string =>
  h.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');

const FIELD_OF = new Map<string, Field>(
  (Object.entries(ALIASES) as Array<[Field, readonly string[]]>).flatMap(([f, names]) => names.map((n) => [normaliseHeader(n), f] as const)),
);

const ID_RE = /^[A-Za-z0-9_-]+$/;

/**
 * UTF-8 (BOM stripped) when the bytes are valid UTF-8, UTF-16 when they start with its BOM (Excel's "Texte Unicode"),
 * else Windows-1252 (what Excel writes for "CSV (séparateur: point-virgule)"). A spreadsheet workbook (.xlsx, .ods: a
 * zip; .xls: an OLE file) or a PDF is refused with what to do instead.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const starts = (...sig: number[]): boolean => sig.every((b, k) => bytes[k] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0)) {
    throw new InventoryFileError('this is a spreadsheet workbook (.xlsx, .xls or .ods), not a CSV file: save it as "CSV (séparateur : point-virgule)" and import that');
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new InventoryFileError('this is a PDF, not a CSV or GeoJSON file');
  if (starts(0xff, 0xfe)) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (starts(0xfe, 0xff)) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  // NUL bytes are in no text file (a UTF-16 file without its BOM, or a binary one).
  if (bytes.subarray(0, 4096).includes(0)) throw new InventoryFileError('the file holds NUL bytes: not a text file (UTF-16 without its BOM, or binary); save it as CSV in UTF-8 or Windows-1252');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/**
 * A number as a spreadsheet writes it: `44,8897` or `44.8897`, spaces (thousands) allowed. `undefined` when it is
 * not one (`1.234,5` is refused: which comma is decimal cannot be told for sure).
 */
export function parseDecimal(v: string): number | undefined {
  let s = v.replace(/[\s\u00a0\u202f]/g, '');
  if (s.includes(',')) {
    if (s.includes('.') || s.indexOf(',') !== s.lastIndexOf(',')) return undefined;
    s = s.replace(',', '.');
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** A street or sector name as a group id: accents dropped, lower case, other characters as `-`. */
export function groupId(v: string): string {
  return v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, ID_MAX_LENGTH);
}

// Metropolitan France, for the swapped-coordinates hint when nothing else tells where the town is.
const inFrance = (lat: number, lon: number): boolean => lat >= 41 && lat <= 51.5 && lon >= -5.5 && lon <= 9.8;
const NEAR_KM = 50;
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  const x = (bLon - aLon) * r * Math.cos(((aLat + bLat) / 2) * r);
  const y = (bLat - aLat) * r;
  return Math.hypot(x, y) * 6371;
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** One line's values by field, as found in the file (strings from CSV; strings or numbers from GeoJSON). */
type RawRow = Partial<Record<Field, unknown>>;

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());
const numberOf = (v: unknown): number | undefined => (typeof v === 'number' ? (Number.isFinite(v) ? v : undefined) : parseDecimal(text(v)));

/** Checks one line; the row, or every reason it is refused for (joined with `; `). */
function checkRow(raw: RawRow): { row: InventoryRow } | { reason: string } {
  const reasons: string[] = [];
  const deviceId = text(raw.deviceId);
  if (!deviceId) {
    if (!text(raw.poleRef)) reasons.push('neither a device id nor a pole');
  } else if (!ID_RE.test(deviceId)) reasons.push(`device id "${deviceId.slice(0, 80)}" may only hold letters, digits, "_" and "-"`);
  else if (deviceId.length > ID_MAX_LENGTH) reasons.push(`device id longer than ${ID_MAX_LENGTH} characters`);

  const lat = numberOf(raw.lat);
  const lon = numberOf(raw.lon);
  if (text(raw.lat) === '') reasons.push('no latitude');
  else if (lat === undefined) reasons.push(`latitude "${text(raw.lat).slice(0, 40)}" is not a number`);
  if (text(raw.lon) === '') reasons.push('no longitude');
  else if (lon === undefined) reasons.push(`longitude "${text(raw.lon).slice(0, 40)}" is not a number`);
  if (lat !== undefined && lon !== undefined) {
    const latBad = lat < -90 || lat > 90;
    const lonBad = lon < -180 || lon > 180;
    if (latBad) reasons.push(`latitude ${lat} out of range -90..90`);
    if (lonBad) reasons.push(`longitude ${lon} out of range -180..180`);
    if (latBad && !lonBad && Math.abs(lon) <= 90) reasons.push('latitude and longitude look swapped');
  }

  const row: InventoryRow = { deviceId, lat: lat ?? NaN, lon: lon ?? NaN };
  const pole = text(raw.poleRef);
  if (pole) {
    if (pole.length > 64) reasons.push('pole reference longer than 64 characters');
    else row.poleRef = pole;
  }
  const street = text(raw.street);
  if (street) {
    if (street.length > 200) reasons.push('street longer than 200 characters');
    else row.street = street;
  }
  const group = text(raw.group) || street;
  if (group) {
    const g = groupId(group);
    if (!g) reasons.push(`group "${group.slice(0, 80)}" has no letter or digit`);
    else row.group = g;
  }
  const model = text(raw.luminaireModel);
  if (model) {
    if (model.length > 64) reasons.push('luminaire model longer than 64 characters');
    else row.luminaireModel = model;
  }
  if (text(raw.nominalPowerW) !== '') {
    const w = numberOf(raw.nominalPowerW);
    if (w === undefined || !Number.isInteger(w) || w < 0 || w > 100000) reasons.push(`power "${text(raw.nominalPowerW).slice(0, 40)}" is not a whole number of watts 0..100000`);
    else row.nominalPowerW = w;
  }
  const cabinet = text(raw.cabinetId);
  const circuit = text(raw.circuitId);
  if (cabinet) {
    if (!ID_RE.test(cabinet) || cabinet.length > ID_MAX_LENGTH) reasons.push(`cabinet "${cabinet.slice(0, 80)}" may only hold letters, digits, "_" and "-"`);
    else row.cabinetId = cabinet;
  }
  if (circuit) {
    if (!cabinet) reasons.push(`circuit "${circuit.slice(0, 80)}" without a cabinet`);
    else if (!ID_RE.test(circuit) || circuit.length > ID_MAX_LENGTH) reasons.push(`circuit "${circuit.slice(0, 80)}" may only hold letters, digits, "_" and "-"`);
    else row.circuitId = circuit;
  }
  if (text(raw.heightM) !== '') {
    const h = numberOf(raw.heightM);
    if (h === undefined || h <= 0 || h > 60) reasons.push(`height "${text(raw.heightM).slice(0, 40)}" is not a number of metres above 0 and at most 60`);
    else row.heightM = h;
  }
  if (text(raw.cctK) !== '') {
    const k = numberOf(raw.cctK);
    if (k === undefined || !Number.isInteger(k) || k < 1000 || k > 10000) reasons.push(`colour temperature "${text(raw.cctK).slice(0, 40)}" is not a whole number of kelvins 1000..10000`);
    else row.cctK = k;
  }
  if (text(raw.installedAt) !== '') {
    const at = parseDay(text(raw.installedAt));
    if (at === undefined) reasons.push(`installation date "${text(raw.installedAt).slice(0, 40)}" is not a date (2026-12-07, 07/12/2026 or a year)`);
    else row.installedAt = at;
  }
  return reasons.length ? { reason: reasons.join('; ') } : { row };
}

export interface ParseOptions {
  /** Where the town's lights already are (the median of its inventory): a line far from it whose swapped coordinates are near is refused. Default: the file's own median. */
  near?: { lat: number; lon: number } | undefined;
}

/**
 * Reads a CSV or GeoJSON inventory file. Throws InventoryFileError when the file as a whole cannot be used;
 * otherwise every line is either a row or a rejection with its reason.
 */
export function parseInventoryFile(bytes: Uint8Array, kind: InventoryFileKind, options: ParseOptions = {}): ParsedInventoryFile {
  const { text: content, encoding } = decodeText(bytes);
  const { lines, ignoredColumns, where } = kind === 'csv' ? readCsv(content) : readGeoJson(content);
  if (lines.length > IMPORT_MAX_ROWS) throw new InventoryFileError(`${lines.length} lines: at most ${IMPORT_MAX_ROWS} in one file`);

  const rows: ParsedInventoryFile['rows'] = [];
  const rejected: ParsedInventoryFile['rejected'] = [];
  // Duplicate device ids, counted over every line (one refused for another reason too); a pole's lines: a pole
  // without a controller is one line, and no line of a controller may name it too.
  const byId = new Map<string, number[]>();
  const byPole = new Map<string, number[]>();
  for (const l of lines) {
    const id = text(l.raw.deviceId);
    if (id) byId.set(id, [...(byId.get(id) ?? []), l.line]);
    const pole = text(l.raw.poleRef);
    if (pole) byPole.set(pole, [...(byPole.get(pole) ?? []), l.line]);
  }
  /** What a refused line names, so the report can say which light or pole it was. */
  const named = (raw: RawRow): { deviceId?: string; poleRef?: string } => {
    const d = text(raw.deviceId).slice(0, 80);
    const p = text(raw.poleRef).slice(0, 80);
    return { ...(d ? { deviceId: d } : {}), ...(p ? { poleRef: p } : {}) };
  };
  for (const l of lines) {
    if (l.reason !== undefined) { rejected.push({ line: l.line, reason: l.reason, ...named(l.raw) }); continue; }
    const r = checkRow(l.raw);
    if ('row' in r) rows.push({ line: l.line, row: r.row });
    else rejected.push({ line: l.line, reason: kind === 'geojson' ? `feature ${l.line}: ${r.reason}` : r.reason, ...named(l.raw) });
  }

  // Swapped coordinates that are both in range: far from the town, while swapped they would be in it.
  const ref = options.near ?? (rows.length ? { lat: median(rows.map((r) => r.row.lat)), lon: median(rows.map((r) => r.row.lon)) } : undefined);
  const swapped = (lat: number, lon: number): boolean => {
    if (Math.abs(lon) > 90) return false;
    if (!inFrance(lat, lon) && inFrance(lon, lat)) return true;
    return ref !== undefined && !inFrance(lat, lon) && km(lat, lon, ref.lat, ref.lon) > NEAR_KM && km(lon, lat, ref.lat, ref.lon) <= NEAR_KM;
  };

  // Duplicate device ids: every line holding one is refused, naming the others.
  const kept: ParsedInventoryFile['rows'] = [];
  const poles: ParsedInventoryFile['poles'] = [];
  const poleOnly = new Set(rows.filter((r) => !r.row.deviceId).map((r) => r.row.poleRef as string));
  for (const r of rows) {
    const same = r.row.deviceId ? byId.get(r.row.deviceId) ?? [] : [];
    const samePole = r.row.poleRef !== undefined && poleOnly.has(r.row.poleRef) ? byPole.get(r.row.poleRef) ?? [] : [];
    const prefix = kind === 'geojson' ? `feature ${r.line}: ` : '';
    if (same.length > 1) {
      rejected.push({ line: r.line, reason: `${prefix}device id ${r.row.deviceId} is on ${where}s ${same.join(', ')}`, ...named(r.row) });
    } else if (samePole.length > 1) {
      rejected.push({ line: r.line, reason: `${prefix}pole ${r.row.poleRef} is on ${where}s ${samePole.join(', ')} (a pole without a controller takes one ${where})`, ...named(r.row) });
    } else if (swapped(r.row.lat, r.row.lon)) {
      rejected.push({ line: r.line, reason: `${prefix}latitude ${r.row.lat} and longitude ${r.row.lon} look swapped: the light would be far from the town`, ...named(r.row) });
    } else if (!r.row.deviceId) {
      const { deviceId: _none, poleId: _p, luminaireId: _l, ...pole } = r.row;
      poles.push({ line: r.line, row: { ...pole, poleRef: r.row.poleRef as string } });
    } else {
      kept.push(r);
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  return { rows: kept, poles, rejected, encoding, ignoredColumns };
}

interface RawLine { line: number; raw: RawRow; reason?: string }
interface RawFile { lines: RawLine[]; ignoredColumns: string[]; where: 'line' | 'feature' }

/** Which field each header column gives; refuses two columns for one field and missing required ones. */
function mapColumns(names: readonly string[], what: string): { fields: Array<Field | undefined>; ignored: string[] } {
  const fields: Array<Field | undefined> = [];
  const seen = new Map<Field, string>();
  const ignored: string[] = [];
  for (const name of names) {
    const f = FIELD_OF.get(normaliseHeader(name));
    if (f && seen.has(f)) throw new InventoryFileError(`${what} "${seen.get(f)}" and "${name}" both give the ${NAMES[f]}`);
    if (f) seen.set(f, name);
    else if (name.trim()) ignored.push(name);
    fields.push(f);
  }
  return { fields, ignored };
}

/** The delimiter the header line uses most (outside quotes): `;`, `,` or tab. */
function detectDelimiter(header: string): string {
  const counts = new Map<string, number>([[';', 0], [',', 0], ['\t', 0]]);
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ';';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

function readCsv(content: string): RawFile {
  // One line ending for csv-parse; line breaks inside quotes become \n too (a spreadsheet cell's line break).
  const textLf = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstBreak = textLf.indexOf('\n');
  const header = firstBreak < 0 ? textLf : textLf.slice(0, firstBreak);
  if (!header.trim()) throw new InventoryFileError('the file is empty or its first line (the header) is blank');
  const delimiter = detectDelimiter(header);
  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(textLf, {
      delimiter, record_delimiter: '\n', relax_column_count: true, relax_quotes: true, raw: true, skip_empty_lines: false, trim: true,
    }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (err) {
    throw new InventoryFileError(`not readable as CSV: ${(err as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) throw new InventoryFileError('the file is empty');
  const { fields, ignored } = mapColumns(head.record, 'columns');
  // The latitude and longitude, and a device id or a pole (a file of poles only has no device id column).
  const missing: Array<{ name: string; aliases: string }> = REQUIRED.filter((f) => !fields.includes(f)).map((f) => ({ name: NAMES[f], aliases: ALIASES[f].join('|') }));
  if (!fields.includes('deviceId') && !fields.includes('poleRef')) {
    missing.unshift({ name: 'device id or pole', aliases: [...ALIASES.deviceId, ...ALIASES.poleRef].join('|') });
  }
  if (missing.length) {
    throw new InventoryFileError(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => m.name).join(', ')} `
      + `(accepted names: ${missing.map((m) => m.aliases).join('; ')}); header found: ${head.record.join(delimiter === '\t' ? ' | ' : delimiter)}`,
    );
  }
  const lines: RawLine[] = [];
  let line = 1 + (head.raw.match(/\n/g)?.length ?? 0);
  for (const r of body) {
    const start = line;
    line += r.raw.match(/\n/g)?.length ?? 0;
    if (r.record.every((v) => v === '')) continue; // blank lines, and Excel's rows of bare separators
    const raw: RawRow = {};
    fields.forEach((f, i) => { if (f) raw[f] = r.record[i] ?? ''; });
    const extra = r.record.length > fields.length && r.record.slice(fields.length).some((v) => v !== '');
    lines.push(extra
      ? { line: start, raw, reason: `${r.record.length} fields where the header has ${fields.length} (a separator inside an unquoted value?)` }
      : { line: start, raw });
  }
  return { lines, ignoredColumns: ignored, where: 'line' };
}

function readGeoJson(content: string): RawFile {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InventoryFileError(`not valid JSON: ${(err as Error).message}`);
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new InventoryFileError('not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})');
  }
  const ignored = new Set<string>();
  const lines: RawLine[] = (fc.features as unknown[]).map((f, k): RawLine => {
    const line = k + 1;
    const feature = f as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown } | null;
    if (!feature || typeof feature !== 'object' || feature.type !== 'Feature') return { line, raw: {}, reason: `feature ${line}: not a GeoJSON Feature` };
    const props = feature.properties && typeof feature.properties === 'object' ? feature.properties as Record<string, unknown> : {};
    const raw: RawRow = {};
    for (const [name, v] of Object.entries(props)) {
      const field = FIELD_OF.get(normaliseHeader(name));
      if (!field) ignored.add(name);
      else if (field !== 'lat' && field !== 'lon' && raw[field] === undefined) raw[field] = v;
    }
    const g = feature.geometry;
    if (!g || g.type !== 'Point') return { line, raw, reason: `feature ${line}: geometry is ${g ? String(g.type) : 'missing'}, not a Point` };
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      return { line, raw, reason: `feature ${line}: coordinates are not [longitude, latitude] numbers` };
    }
    raw.lon = c[0];
    raw.lat = c[1];
    return { line, raw };
  });
  return { lines, ignoredColumns: [...ignored], where: 'feature' };
}
