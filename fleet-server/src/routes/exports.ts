/**
 * Exports of a town's commissioned lights (issue 15): its inventory and current states as GeoJSON and as CSV (French
 * Excel), and as FIWARE smart-data-models `Streetlight` entities in NGSI-LD (schemas in shared/fiware/Streetlight).
 *
 * A light here is an `inventory` row (what was commissioned: pole, position, group, luminaire) with its device row
 * when the controller has connected (reported level, power, last seen, firmware) and its state as the device list
 * decides it (db/device-query-repository.ts). The lights are read with the list's keyset pages, 1,000 at a time in
 * id order; each light is serialized once into a chunk and the chunks are joined once for the reply (the headers
 * carry counts known only at the end). Reads: any role on the town (viewer). No secret is read: claim codes and
 * credentials live in other tables.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { DeviceQueryRepository, type LightState, type ListedLight } from '../db/device-query-repository.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });

/** Lights read per page. */
export const EXPORT_BATCH = 1000;

/** The NGSI-LD `@context` of the smart-data-models Streetlighting domain (as its examples give it). */
export const STREETLIGHT_CONTEXT = ['https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/master/context.jsonld'];

/** A commissioned light with what the exports say of it. */
export interface ExportedLight {
  deviceId: string;
  poleRef: string | null;
  lat: number | null;
  lon: number | null;
  group: string | null;
  groups: string[];
  luminaireModel: string | null;
  nominalPowerW: number | null;
  cctK: number | null;
  installedAt: string;
  state: LightState;
  level: number | null;
  powerW: number | null;
  lastSeen: string | null;
  stateAt: string | null;
  online: boolean;
  firmwareVersion: string | null;
}

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

function toExported(l: ListedLight, groups: string[], d4i?: { d4i: boolean; nominalPowerW: number | null; cctK: number | null }): ExportedLight | undefined {
  const inv = l.inventory;
  if (!inv) return undefined; // registered but never commissioned: not a light of the town's inventory
  const d = l.device;
  return {
    deviceId: l.id, poleRef: inv.poleRef, lat: inv.lat, lon: inv.lon, group: inv.groupId, groups,
    luminaireModel: inv.luminaireModel,
    nominalPowerW: inv.nominalPowerW ?? (d4i?.d4i ? d4i.nominalPowerW : null), cctK: inv.cctK ?? (d4i?.d4i ? d4i.cctK : null),
    installedAt: new Date(inv.installedAt).toISOString(),
    state: l.state, level: d?.level ?? null, powerW: d?.powerMw == null ? null : d.powerMw / 1000,
    lastSeen: iso(d?.lastSeen), stateAt: iso(d?.stateAt), online: d?.online ?? false, firmwareVersion: d?.firmwareVersion ?? null,
  };
}

// --- CSV (French Excel: UTF-8 BOM, `;`, decimal commas, CRLF) ---

/** The CSV's columns: French header and value. The inventory's headers are those the import reads back. */
export const CSV_COLUMNS: ReadonlyArray<[string, (l: ExportedLight) => string | number | null]> = [
  ['Identifiant', (l) => l.deviceId],
  ['Support', (l) => l.poleRef],
  ['Latitude', (l) => l.lat],
  ['Longitude', (l) => l.lon],
  ['Groupe', (l) => l.group],
  ['Groupes', (l) => l.groups.join(', ')],
  ['Modèle', (l) => l.luminaireModel],
  ['Puissance (W)', (l) => l.nominalPowerW],
  ['Température de couleur', (l) => l.cctK],
  ["Date d'installation", (l) => l.installedAt],
  ['État', (l) => l.state],
  ['Niveau (%)', (l) => l.level],
  ['Puissance mesurée (W)', (l) => l.powerW],
  ['Vu le', (l) => l.lastSeen],
  ['Micrologiciel', (l) => l.firmwareVersion],
];

/**
 * One CSV field: numbers with a decimal comma; text starting with `=`, `+`, `-` or `@` prefixed with `'` (a formula
 * for a spreadsheet: CSV injection); quoted when it holds `;`, `"`, a line break or surrounding spaces, `"` doubled.
 */
export function csvField(v: string | number | null): string {
  if (v == null) return '';
  if (typeof v === 'number') return String(v).replace('.', ',');
  let s = v;
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (values: ReadonlyArray<string | number | null>): string => `${values.map(csvField).join(';')}\r\n`;

// --- GeoJSON ---

function geoFeature(l: ExportedLight & { lat: number; lon: number }): unknown {
  return {
    type: 'Feature',
    id: l.deviceId,
    geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
    properties: {
      deviceId: l.deviceId, poleRef: l.poleRef, group: l.group, groups: l.groups, luminaireModel: l.luminaireModel,
      nominalPowerW: l.nominalPowerW, cctK: l.cctK, installedAt: l.installedAt, state: l.state, level: l.level, powerW: l.powerW,
      lastSeen: l.lastSeen, firmwareVersion: l.firmwareVersion,
    },
  };
}

// --- NGSI-LD Streetlight ---

/**
 * Streetlight `status` (enum brokenLantern, columnIssue, defectiveLamp, ok) from our state: a light reporting with
 * no open alarm is `ok`; one with an open alarm (`fault`) `defectiveLamp`. Offline and never-connected lights have
 * no known status (the schema requires one): they are left out of this export and counted.
 */
export function streetlightStatus(state: LightState): 'ok' | 'defectiveLamp' | undefined {
  switch (state) {
    case 'on': case 'dim': case 'off': case 'updating': return 'ok';
    case 'fault': return 'defectiveLamp';
    default: return undefined;
  }
}

/** Streetlight `powerState` (bootingUp, low, off, on) from the level an online, not updating light reports. */
function powerState(l: ExportedLight): 'on' | 'low' | 'off' | undefined {
  if (!l.online || l.state === 'updating' || l.level == null) return undefined;
  return l.level <= 0 ? 'off' : l.level >= 100 ? 'on' : 'low';
}

type Attr = { kind: 'property' | 'date'; value: unknown } | { kind: 'relationship'; object: string } | { kind: 'geo'; value: unknown };

/** The attributes we know of a light, by Streetlight attribute name (only those with a value). */
function streetlightAttributes(tenant: string, l: ExportedLight & { lat: number; lon: number }, status: string): Record<string, Attr> {
  const a: Record<string, Attr> = {
    location: { kind: 'geo', value: { type: 'Point', coordinates: [l.lon, l.lat] } },
    status: { kind: 'property', value: status },
  };
  const ps = powerState(l);
  if (ps) a.powerState = { kind: 'property', value: ps };
  if (l.online && l.state !== 'updating' && l.level != null) a.illuminanceLevel = { kind: 'property', value: Math.min(1, Math.max(0, l.level / 100)) };
  if (l.online && l.powerW != null) a.powerConsumption = { kind: 'property', value: l.powerW };
  if (l.nominalPowerW != null) a.powerRating = { kind: 'property', value: l.nominalPowerW };
  if (l.poleRef != null) a.streetPoleNum = { kind: 'property', value: l.poleRef };
  if (l.group != null) a.refStreetlightGroup = { kind: 'relationship', object: `urn:ngsi-ld:StreetlightGroup:${tenant}:${l.group}` };
  if (l.luminaireModel != null) a.refStreetlightModel = { kind: 'relationship', object: `urn:ngsi-ld:StreetlightModel:${tenant}:${encodeURIComponent(l.luminaireModel)}` };
  a.dateServiceStarted = { kind: 'date', value: l.installedAt };
  if (l.stateAt) a.observationDateTime = { kind: 'date', value: l.stateAt };
  if (l.lastSeen) a.dateModified = { kind: 'date', value: l.lastSeen };
  return a;
}

export type NgsiFormat = 'normalized' | 'keyValues';

export function streetlightEntity(tenant: string, l: ExportedLight & { lat: number; lon: number }, status: string, format: NgsiFormat): Record<string, unknown> {
  const e: Record<string, unknown> = { id: `urn:ngsi-ld:Streetlight:${tenant}:${l.deviceId}`, type: 'Streetlight' };
  for (const [name, attr] of Object.entries(streetlightAttributes(tenant, l, status))) {
    if (format === 'keyValues') e[name] = attr.kind === 'relationship' ? attr.object : attr.value;
    else if (attr.kind === 'relationship') e[name] = { type: 'Relationship', object: attr.object };
    else if (attr.kind === 'geo') e[name] = { type: 'GeoProperty', value: attr.value };
    else if (attr.kind === 'date') e[name] = { type: 'Property', value: { '@type': 'DateTime', '@value': attr.value } };
    else e[name] = { type: 'Property', value: attr.value };
  }
  e['@context'] = STREETLIGHT_CONTEXT;
  return e;
}

const hasPosition = (l: ExportedLight): l is ExportedLight & { lat: number; lon: number } => l.lat != null && l.lon != null;

export async function exportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo } = app;
  const reads = new DeviceQueryRepository((repo as DrizzleRepository).adapter);

  /** Every commissioned light of a town, a page at a time, in id order. */
  async function* lights(tenant: string): AsyncGenerator<ExportedLight[]> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
    const updating = [...(await app.ota.updatingDevices(tenant)).keys()];
    let after: string | undefined;
    for (;;) {
      const page = await reads.page(tenant, {}, 'id', after === undefined ? undefined : { id: after }, EXPORT_BATCH, updating);
      const commissioned = page.lights.filter((l) => l.inventory);
      const ids = commissioned.map((l) => l.id);
      const [groups, d4i] = await Promise.all([reads.memberships(tenant, ids), app.luminaireD4i.byDevice(tenant, ids)]);
      // Issue 17: a rated power or CCT the inventory lacks is the one the luminaire's D4i driver reported.
      yield commissioned.map((l) => toExported(l, groups.get(l.id) ?? [], d4i.get(l.id))).filter((l): l is ExportedLight => !!l);
      const last = page.lights[page.lights.length - 1];
      if (!page.more || !last) return;
      after = last.id;
    }
  }

  const attachment = (name: string) => `attachment; filename="${name}"`;

  r.get('/api/tenants/:tenant/exports/lights.geojson', {
    schema: {
      tags: ['exports'], summary: 'The town\'s commissioned lights as a GeoJSON FeatureCollection of points with inventory and current state',
      description: 'application/geo+json; lights without a position are left out and counted in `X-Skipped-Without-Position`.',
      params: tenantParams,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    const chunks: string[] = [];
    let skipped = 0;
    for await (const batch of lights(tenant)) {
      for (const l of batch) {
        if (hasPosition(l)) chunks.push(JSON.stringify(geoFeature(l)));
        else skipped++;
      }
    }
    reply.header('content-type', 'application/geo+json').header('content-disposition', attachment(`${tenant}-lights.geojson`))
      .header('x-skipped-without-position', String(skipped));
    return reply.send(`{"type":"FeatureCollection","features":[${chunks.join(',')}]}`);
  });

  r.get('/api/tenants/:tenant/exports/lights.csv', {
    schema: {
      tags: ['exports'], summary: 'The town\'s commissioned lights as CSV for French Excel (UTF-8 BOM, `;`, decimal commas), inventory and current state',
      params: tenantParams,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    const chunks: string[] = [`\uFEFF${csvLine(CSV_COLUMNS.map(([h]) => h))}`];
    for await (const batch of lights(tenant)) {
      for (const l of batch) chunks.push(csvLine(CSV_COLUMNS.map(([, v]) => v(l))));
    }
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`${tenant}-lights.csv`));
    return reply.send(chunks.join(''));
  });

  r.get('/api/tenants/:tenant/exports/streetlights.ngsi-ld.json', {
    schema: {
      tags: ['exports'], summary: 'The town\'s commissioned lights as FIWARE smart-data-models Streetlight entities (NGSI-LD)',
      description: 'application/ld+json: an array of entities, `normalized` (default) or `keyValues` (the form the smart-data-models schema '
        + 'describes). Lights without a position or without a known status (offline, never connected) are left out and counted in '
        + '`X-Skipped-Without-Position` and `X-Skipped-Without-Status`.',
      params: tenantParams,
      querystring: z.object({ format: z.enum(['normalized', 'keyValues']).default('normalized') }),
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    const chunks: string[] = [];
    let noPosition = 0;
    let noStatus = 0;
    for await (const batch of lights(tenant)) {
      for (const l of batch) {
        const status = streetlightStatus(l.state);
        if (!hasPosition(l)) noPosition++;
        else if (!status) noStatus++;
        else chunks.push(JSON.stringify(streetlightEntity(tenant, l, status, req.query.format)));
      }
    }
    reply.header('content-type', 'application/ld+json').header('content-disposition', attachment(`${tenant}-streetlights.ngsi-ld.json`))
      .header('x-skipped-without-position', String(noPosition)).header('x-skipped-without-status', String(noStatus));
    return reply.send(`[${chunks.join(',')}]`);
  });
}
