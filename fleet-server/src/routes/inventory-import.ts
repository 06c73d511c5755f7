/**
 * Importing a town's inventory from a file (CSV as French Excel writes it, or GeoJSON):
 * `POST /api/tenants/:tenant/inventory/import?dryRun=true|false&format=csv|geojson`, the file as the body.
 *
 * The report says, line by line, what applying would do: `created` (no inventory row yet), `updated` (with the
 * fields that change), `unchanged`, or `rejected` with the reason: the file's own checks (inventory/import.ts),
 * another town's controller (said without naming the town, as the claim route does) and a luminaire model the
 * town's catalogue lacks. Applying is all or nothing: one rejected line and nothing is written (422
 * SL_IMPORT_REJECTED with the same report); else every row goes through the one bulk commissioning call, so
 * configurations, group membership and the groups' plans follow as for `POST …/inventory`.
 *
 * A line with a pole and no device id is a pole without a controller (inventory/import.ts): the report compares it
 * with the pole and its free luminaire (`poleRef` in the report line instead of `deviceId`), and applying writes
 * them in the same transaction as the controllers' lines. A pole that has one controller already is that
 * controller's line (its cells left empty keep what it has); with several, the line must name which.
 *
 * The body is read as a Buffer for every accepted content type (JSON included: the GeoJSON is parsed here, with
 * line-level reasons), in this plugin only; the audit log then records its size, never its content
 * (auth/plugin.ts auditDetail).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { groupId, InventoryFileError, parseInventoryFile, type InventoryFileKind, type InventoryRow, type PoleImportRow } from '../inventory/import.js';
import { inheritFromPoles } from '../inventory/placement.js';
import type { LuminaireRow, PoleRow } from '../db/inventory-repository.js';
import { PlansRepository } from '../db/plans-repository.js';
import { InventoryRepository } from '../db/inventory-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import type { InventoryRow as StoredInventory } from '../db/repository.js';
import { mapIndexOf } from './api.js';

const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;
const CSV_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'];
const GEOJSON_TYPES = ['application/geo+json', 'application/json'];

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });

const change = z.object({ field: z.string(), from: z.unknown(), to: z.unknown() });
const reportLine = z.object({
  line: z.number().describe('physical line of the CSV file (header = 1), or GeoJSON feature index + 1'),
  deviceId: z.string().optional(),
  poleRef: z.string().optional().describe('a pole without a controller: its reference'),
  status: z.enum(['created', 'updated', 'unchanged', 'rejected']),
  changes: z.array(change).optional().describe('updated: the fields that change'),
  reason: z.string().optional().describe('rejected: why, in plain English'),
});
const report = z.object({
  dryRun: z.boolean(),
  applied: z.boolean().describe('true once every row was written'),
  format: z.enum(['csv', 'geojson']),
  encoding: z.string().describe('utf-8 or windows-1252'),
  ignoredColumns: z.array(z.string()),
  counts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), rejected: z.number() }),
  poles: z.number().describe('lines that are poles without a controller'),
  lines: z.array(reportLine),
  configsChanged: z.number().optional(),
}).meta({ id: 'InventoryImportReport' });
export type InventoryImportReport = z.infer<typeof report>;

/** The inventory fields a file sets, with the stored column each compares with. */
const COMPARED: ReadonlyArray<[keyof InventoryRow, keyof StoredInventory]> = [
  ['poleRef', 'poleRef'], ['lat', 'lat'], ['lon', 'lon'], ['group', 'groupId'], ['luminaireModel', 'luminaireModel'],
  ['nominalPowerW', 'nominalPowerW'], ['cctK', 'cctK'],
];

/** The pole's fields a file may set (kept when the file leaves them empty). */
const POLE_FIELDS = ['street', 'cabinetId', 'circuitId', 'heightM'] as const;

export async function inventoryImportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = new PlansRepository((app.repo as DrizzleRepository).adapter);
  const model = new InventoryRepository((app.repo as DrizzleRepository).adapter);

  // Scoped to this plugin: the raw bytes, whatever the type (the decoding is the importer's: UTF-8 or Windows-1252).
  const raw = (_req: unknown, body: Buffer, done: (err: Error | null, body?: Buffer) => void) => done(null, body);
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser([...CSV_TYPES, ...GEOJSON_TYPES], { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, raw);

  r.post('/api/tenants/:tenant/inventory/import', {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['inventory'], summary: 'Import the inventory from a CSV (French Excel) or GeoJSON file: a dry run line by line, then all or nothing',
      description: 'The body is the file (`text/csv`, `application/geo+json` or `application/json`). `dryRun` (default true) only reports; '
        + '`dryRun=false` writes every row or, when any line is rejected, nothing (422 SL_IMPORT_REJECTED, the report in details).',
      params: z.object({ tenant: id }),
      querystring: z.object({
        dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
        format: z.enum(['csv', 'geojson']).optional().describe('default: from the content type (JSON types: geojson, else csv)'),
      }),
      response: { 200: report, 400: errorBody, 403: errorBody, 413: errorBody, 422: errorBody },
    },
  }, async (req) => {
    const { tenant } = req.params;
    const { dryRun } = req.query;
    const body = req.body;
    if (!(body instanceof Uint8Array) || body.byteLength === 0) throw fleetError('VALIDATION', { reason: 'empty_file' }, 'The body must be the file (text/csv or application/geo+json)');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const format: InventoryFileKind = req.query.format ?? (GEOJSON_TYPES.includes(type) ? 'geojson' : 'csv');

    const existing = new Map((await app.repo.listInventory(tenant)).map((i) => [i.deviceId, i]));
    const placed = [...existing.values()].flatMap((i) => (i.lat !== null && i.lon !== null ? [{ lat: i.lat, lon: i.lon }] : []));
    // Where the town's lights are, for the swapped-coordinates check (inventory/import.ts).
    const near = placed.length ? { lat: medianOf(placed.map((p) => p.lat)), lon: medianOf(placed.map((p) => p.lon)) } : undefined;
    let parsed;
    try {
      parsed = parseInventoryFile(body, format, { near });
    } catch (err) {
      if (err instanceof InventoryFileError) throw fleetError('VALIDATION', { reason: 'file_refused', format }, `File refused: ${err.message}`);
      throw err;
    }

    const where = (line: number) => (format === 'geojson' ? `feature ${line}: ` : '');
    const lines: InventoryImportReport['lines'] = parsed.rejected.map((x) => ({ ...x, status: 'rejected' as const }));
    const now = app.fleet.now();

    // Poles without a controller in the file: the pole as stored, its luminaires in place, the controllers on it.
    const poleRefs = parsed.poles.map((x) => x.row.poleRef);
    const [filePoles, fileLums, fileOpen] = await Promise.all([
      model.getPoles(tenant, poleRefs), model.luminairesOf(tenant, poleRefs), model.assignmentsOfPoles(tenant, poleRefs, true),
    ]);
    const deviceLines: Array<{ line: number; row: InventoryRow }> = [...parsed.rows];
    const poleLines: Array<{ line: number; row: PoleImportRow }> = [];
    for (const p of parsed.poles) {
      const on = fileOpen.filter((a) => a.poleId === p.row.poleRef);
      if (filePoles.get(p.row.poleRef)?.decommissionedAt != null) {
        lines.push({ line: p.line, poleRef: p.row.poleRef, status: 'rejected', reason: `${where(p.line)}pole ${p.row.poleRef} is decommissioned` });
      } else if (on.length > 1) {
        lines.push({ line: p.line, poleRef: p.row.poleRef, status: 'rejected', reason: `${where(p.line)}pole ${p.row.poleRef} has ${on.length} controllers (${on.map((a) => a.deviceId).join(', ')}): name one in the device id column` });
      } else if (on.length === 1) {
        // The controller's line, what the file leaves empty kept from what it has.
        const deviceId = (on[0] as { deviceId: string }).deviceId;
        const inv = existing.get(deviceId);
        deviceLines.push({ line: p.line, row: {
          ...p.row, deviceId, group: p.row.group ?? inv?.groupId ?? undefined, luminaireModel: p.row.luminaireModel ?? inv?.luminaireModel ?? undefined,
          nominalPowerW: p.row.nominalPowerW ?? inv?.nominalPowerW ?? undefined, cctK: p.row.cctK ?? inv?.cctK ?? undefined,
        } });
      } else {
        poleLines.push(p);
      }
    }
    // A controller's line naming a pole the town has without a controller takes what it leaves empty from it.
    const inherited = await inheritFromPoles(model, tenant, deviceLines.map((x) => x.row), groupId);
    deviceLines.forEach((x, k) => { x.row = inherited[k] as InventoryRow; });

    // Owners: the inventory and device rows (as commissioning checks), and the identities provisioned for a town
    // (a controller of another town that never came on line has no device row yet).
    const ids = new Set(deviceLines.map((x) => x.row.deviceId));
    const owners = await app.identities.repo.tenantsOf([...ids]);
    for (const [d, t] of await app.repo.deviceTenants([...ids])) owners.set(d, t);
    const models = new Set((await store.listModels(tenant)).map((m) => m.id));
    // Cabinets and circuits a file names must exist (like models: a typo would otherwise make a cabinet).
    const cabinets = new Set((await model.listCabinets(tenant)).map((c) => c.id));
    const circuits = new Set((await model.listCircuits(tenant)).map((c) => `${c.cabinetId}/${c.id}`));
    /** Why a line's luminaire model, cabinet or circuit is refused, if it is. */
    const unknownRef = (row: Pick<InventoryRow, 'luminaireModel' | 'cabinetId' | 'circuitId'>): string | undefined => {
      if (row.luminaireModel !== undefined && !models.has(row.luminaireModel)) return `unknown luminaire model ${row.luminaireModel}`;
      if (row.cabinetId !== undefined && !cabinets.has(row.cabinetId)) return `unknown cabinet ${row.cabinetId}`;
      if (row.cabinetId !== undefined && row.circuitId !== undefined && !circuits.has(`${row.cabinetId}/${row.circuitId}`)) return `unknown circuit ${row.circuitId} of cabinet ${row.cabinetId}`;
      return undefined;
    };
    // The poles the file's lines stand on today (the pole's fields compare with them).
    const poles = await model.getPoles(tenant, [...new Set(deviceLines.map((x) => x.row.poleRef ?? existing.get(x.row.deviceId)?.poleId ?? '').filter(Boolean))]);
    const accepted: InventoryRow[] = [];
    for (const { line, row } of deviceLines) {
      const owner = owners.get(row.deviceId);
      if (owner !== undefined && owner !== tenant) {
        lines.push({ line, deviceId: row.deviceId, status: 'rejected', reason: `${where(line)}device ${row.deviceId} belongs to another town` });
        continue;
      }
      const refused = unknownRef(row);
      if (refused) { lines.push({ line, deviceId: row.deviceId, status: 'rejected', reason: `${where(line)}${refused}` }); continue; }
      accepted.push(row);
      const before = existing.get(row.deviceId);
      if (!before) { lines.push({ line, deviceId: row.deviceId, status: 'created' }); continue; }
      // What commissioning writes: a field the file leaves empty is cleared; the pole's are kept when empty.
      const changes = COMPARED.flatMap(([field, column]) => {
        const from = before[column] ?? null;
        const to = row[field] ?? null;
        return from === to ? [] : [{ field, from, to }];
      });
      const pole = poles.get(row.poleRef ?? before.poleId ?? '');
      for (const field of POLE_FIELDS) {
        const to = row[field] ?? null;
        const from = pole?.[field] ?? null;
        if (to !== null && to !== from) changes.push({ field, from, to });
      }
      lines.push(changes.length ? { line, deviceId: row.deviceId, status: 'updated', changes } : { line, deviceId: row.deviceId, status: 'unchanged' });
    }

    // Poles without a controller: the pole and its (first) luminaire in place as they are to be; a cell left empty keeps the stored value.
    const poleRows: PoleRow[] = [];
    const lumRows: LuminaireRow[] = [];
    const lumIdsWanted = poleLines.map((p) => `L-${p.row.poleRef}`);
    const lumTaken = await model.luminaireIdsTaken(tenant, lumIdsWanted);
    for (const { line, row } of poleLines) {
      const refused = unknownRef(row);
      if (refused) { lines.push({ line, poleRef: row.poleRef, status: 'rejected', reason: `${where(line)}${refused}` }); continue; }
      const before = filePoles.get(row.poleRef);
      const lum = fileLums.get(row.poleRef)?.[0];
      const pole: PoleRow = {
        tenantId: tenant, id: row.poleRef, lat: row.lat, lon: row.lon, street: row.street ?? before?.street ?? null, heightM: row.heightM ?? before?.heightM ?? null,
        cabinetId: row.cabinetId ?? before?.cabinetId ?? null, circuitId: row.cabinetId !== undefined ? row.circuitId ?? null : before?.circuitId ?? null,
        createdAt: before?.createdAt ?? now, updatedAt: now, decommissionedAt: null,
      };
      const lumId = lum?.id ?? (lumTaken.has(`L-${row.poleRef}`) ? `L-${row.poleRef}-${now.toString(36)}` : `L-${row.poleRef}`);
      const luminaire: LuminaireRow = {
        tenantId: tenant, id: lumId, poleId: row.poleRef, modelId: row.luminaireModel ?? lum?.modelId ?? null, nominalPowerW: row.nominalPowerW ?? lum?.nominalPowerW ?? null,
        cctK: row.cctK ?? lum?.cctK ?? null, installedAt: row.installedAt ?? lum?.installedAt ?? now, removedAt: null, updatedAt: now,
      };
      poleRows.push(pole);
      lumRows.push(luminaire);
      if (!before) { lines.push({ line, poleRef: row.poleRef, status: 'created' }); continue; }
      const changes: Array<{ field: string; from: unknown; to: unknown }> = [];
      for (const f of ['lat', 'lon', 'street', 'heightM', 'cabinetId', 'circuitId'] as const) if (pole[f] !== before[f]) changes.push({ field: f, from: before[f], to: pole[f] });
      if (!lum) changes.push({ field: 'luminaire', from: null, to: lumId });
      else {
        const lumChanges: Array<[string, unknown, unknown]> = [['luminaireModel', lum.modelId, luminaire.modelId], ['nominalPowerW', lum.nominalPowerW, luminaire.nominalPowerW], ['cctK', lum.cctK, luminaire.cctK],
          ['installedAt', dayOf(lum.installedAt), dayOf(luminaire.installedAt)]];
        for (const [field, from, to] of lumChanges) if (from !== to) changes.push({ field, from, to });
      }
      lines.push(changes.length ? { line, poleRef: row.poleRef, status: 'updated', changes } : { line, poleRef: row.poleRef, status: 'unchanged' });
    }

    lines.sort((a, b) => a.line - b.line);
    const count = (s: InventoryImportReport['lines'][number]['status']) => lines.filter((l) => l.status === s).length;
    const out: InventoryImportReport = {
      dryRun, applied: false, format, encoding: parsed.encoding, ignoredColumns: parsed.ignoredColumns,
      counts: { created: count('created'), updated: count('updated'), unchanged: count('unchanged'), rejected: count('rejected') },
      poles: poleLines.length,
      lines,
    };
    req.auditSummary = `Inventory import${dryRun ? ' (dry run)' : ''}, ${format.toUpperCase()}: ${out.counts.created} created, ${out.counts.updated} updated, `
      + `${out.counts.unchanged} unchanged, ${out.counts.rejected} rejected`;
    req.auditVars = { format: format.toUpperCase(), ...out.counts, dryRun: dryRun ? 1 : 0 };
    if (dryRun) return out;
    if (out.counts.rejected > 0) throw fleetError('IMPORT_REJECTED', out);
    if (accepted.length === 0 && poleRows.length === 0) return { ...out, applied: true, configsChanged: 0 };
    // One transaction: the controllers' lines (commissioning) and the poles without a controller.
    const extra = poleRows.length ? (tx: never) => model.poleWrites(tx, tenant, poleRows, lumRows) : undefined;
    const res = await app.devices.commission(tenant, accepted, extra);
    mapIndexOf(app.repo)?.invalidate(tenant); // positions changed
    await app.plans.apply(tenant); // new members of groups with an assigned plan get it now
    return { ...out, applied: true, configsChanged: res.configsChanged };
  });
}

/** A date as the report shows it (YYYY-MM-DD, UTC). */
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
