/**
 * Exports of a town's inventory beside its lights (routes/exports.ts): FIWARE smart-data-models `StreetlightGroup`,
 * `StreetlightModel` and `StreetlightControlCabinet` entities in NGSI-LD (schemas in shared/fiware), and the file the
 * decree of 27 December 2018 makes the operator keep per installation, as CSV for French Excel.
 *
 * - Ids are those the Streetlight export's relationships point at: `urn:ngsi-ld:StreetlightGroup:<tenant>:<group>`,
 *   `urn:ngsi-ld:StreetlightModel:<tenant>:<model, URI-encoded>`, `urn:ngsi-ld:StreetlightControlCabinet:<tenant>:<id>`.
 * - Only attributes we know are written. A group's `location` is the MultiPoint of its lights' positions (the schema
 *   requires a location: a group without a positioned light is left out and counted); a cabinet needs a position
 *   too. The smart-data-models schemas have no field for the ULR and the CIE flux code n°3 the decree asks for: they
 *   are in the decree file, not invented as NGSI attributes.
 * - The decree file: one line per luminaire in service (an installation, art. 3), its pole, street, cabinet and
 *   circuit, controller, installation date, ULR, CIE flux code n°3, CCT, maximum power and flux (the catalogue's, the
 *   luminaire's own CCT first); a value the town has not recorded reads `MANQUANT` and the last column lists them.
 * Reads: any role on the town (viewer).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { InventoryRepository, type CabinetRow } from '../db/inventory-repository.js';
import { PlansRepository, type LuminaireModelRow } from '../db/plans-repository.js';
import { STREETLIGHT_CONTEXT, csvField, type NgsiFormat } from './exports.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const formatQuery = z.strictObject({ format: z.enum(['normalized', 'keyValues']).default('normalized') });

export const groupUrn = (tenant: string, group: string): string => `urn:ngsi-ld:StreetlightGroup:${tenant}:${group}`;
export const modelUrn = (tenant: string, model: string): string => `urn:ngsi-ld:StreetlightModel:${tenant}:${encodeURIComponent(model)}`;
export const cabinetUrn = (tenant: string, cabinet: string): string => `urn:ngsi-ld:StreetlightControlCabinet:${tenant}:${cabinet}`;
const lightUrn = (tenant: string, device: string): string => `urn:ngsi-ld:Streetlight:${tenant}:${device}`;

type Attr = { kind: 'property'; value: unknown } | { kind: 'relationship'; object: string | string[] } | { kind: 'geo'; value: unknown };

/** An entity in the requested form (the Streetlight export's rules: keyValues is what the schemas describe). */
function entity(idUrn: string, type: string, attrs: Record<string, Attr | undefined>, format: NgsiFormat): Record<string, unknown> {
  const e: Record<string, unknown> = { id: idUrn, type };
  for (const [name, attr] of Object.entries(attrs)) {
    if (!attr) continue;
    if (format === 'keyValues') e[name] = attr.kind === 'relationship' ? attr.object : attr.value;
    else if (attr.kind === 'relationship') e[name] = { type: 'Relationship', object: attr.object };
    else if (attr.kind === 'geo') e[name] = { type: 'GeoProperty', value: attr.value };
    else e[name] = { type: 'Property', value: attr.value };
  }
  e['@context'] = STREETLIGHT_CONTEXT;
  return e;
}
const prop = (value: unknown): Attr | undefined => (value === null || value === undefined ? undefined : { kind: 'property', value });

/** The one value of a list when all agree, else undefined. */
function single<T>(xs: readonly (T | null)[]): T | undefined {
  const set = new Set(xs.filter((x): x is T => x !== null));
  return set.size === 1 ? [...set][0] : undefined;
}

// --- the decree file ---

interface DecreeLine {
  poleId: string; street: string | null; cabinetId: string | null; circuitId: string | null; luminaireId: string; modelId: string | null;
  controller: string | null; installedAt: number; ulrPct: number | null; cieFluxCode3Pct: number | null; cctK: number | null; maxPowerW: number | null; fluxLm: number | null;
  /** Issue 17: the GTIN the luminaire's D4i driver reported, and which values came from the driver rather than the town. */
  gtin: string | null; fromDriver: string[];
}
/** Columns of the decree file; the five the decree names (art. 3, and the installation date) are flagged when missing. */
const DECREE_COLUMNS: ReadonlyArray<[string, (l: DecreeLine) => string | number | null, boolean]> = [
  ['Support', (l) => l.poleId, false],
  ['Rue', (l) => l.street, false],
  ['Armoire', (l) => l.cabinetId, false],
  ['Départ', (l) => l.circuitId, false],
  ['Luminaire', (l) => l.luminaireId, false],
  ['Modèle', (l) => l.modelId, false],
  ['Contrôleur', (l) => l.controller, false],
  ["Date d'installation", (l) => new Date(l.installedAt).toISOString().slice(0, 10), true],
  ['ULR (%)', (l) => l.ulrPct, true],
  ['Code flux CIE n°3 (%)', (l) => l.cieFluxCode3Pct, true],
  ['Température de couleur (K)', (l) => l.cctK, true],
  ['Puissance maximale (W)', (l) => l.maxPowerW, true],
  ['Flux lumineux (lm)', (l) => l.fluxLm, true],
  ['GTIN', (l) => l.gtin, false],
  ['Valeurs du driver D4i', (l) => (l.fromDriver.length ? l.fromDriver.join(', ') : null), false],
];
/** What a missing required value reads in the file. */
export const MISSING = 'MANQUANT';

export function decreeCsv(lines: readonly DecreeLine[]): { text: string; incomplete: number } {
  const out = [`\uFEFF${[...DECREE_COLUMNS.map(([h]) => h), 'Valeurs manquantes'].map(csvField).join(';')}\r\n`];
  let incomplete = 0;
  for (const l of lines) {
    const missing: string[] = [];
    const cells = DECREE_COLUMNS.map(([h, v, required]) => {
      const x = v(l);
      if (x === null && required) { missing.push(h); return MISSING; }
      return x;
    });
    if (missing.length) incomplete++;
    out.push(`${[...cells, missing.join(', ')].map(csvField).join(';')}\r\n`);
  }
  return { text: out.join(''), incomplete };
}

export async function inventoryExportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo } = app;
  const adapter = (repo as DrizzleRepository).adapter;
  const store = new InventoryRepository(adapter);
  const plans = new PlansRepository(adapter);
  const requireTenant = async (tenant: string): Promise<void> => {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  };
  const attachment = (name: string) => `attachment; filename="${name}"`;
  const ld = (reply: { header(k: string, v: string): unknown }, name: string): void => {
    reply.header('content-type', 'application/ld+json');
    reply.header('content-disposition', attachment(name));
  };

  r.get('/api/tenants/:tenant/exports/streetlight-groups.ngsi-ld.json', {
    schema: {
      tags: ['exports'], summary: 'The town\'s groups (streets) as FIWARE StreetlightGroup entities (NGSI-LD)',
      description: 'application/ld+json: location = MultiPoint of the group\'s lights, refStreetlight, the cabinet and circuit when all its '
        + 'poles share one, activeProgramId (the assigned plan). Groups without a positioned light are counted in `X-Skipped-Without-Position`.',
      params: tenantParams, querystring: formatQuery,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [groups, members, inventory, settings, poles] = await Promise.all([
      repo.listGroups(tenant), repo.memberships(tenant), repo.listInventory(tenant), plans.listGroupSettings(tenant), store.listPoles(tenant),
    ]);
    const inv = new Map(inventory.map((i) => [i.deviceId, i]));
    const poleById = new Map(poles.map((p) => [p.id, p]));
    const byGroup = new Map<string, string[]>();
    for (const [device, gs] of members) {
      if (!inv.has(device)) continue; // a retired controller (or one never commissioned) is no light of the group
      for (const g of gs) {
        const list = byGroup.get(g);
        if (list) list.push(device); else byGroup.set(g, [device]);
      }
    }
    const out: unknown[] = [];
    let skipped = 0;
    for (const g of groups) {
      const lights = (byGroup.get(g.id) ?? []).sort();
      const placed = lights.map((d) => inv.get(d)).filter((i) => i && i.lat !== null && i.lon !== null);
      if (placed.length === 0) { skipped++; continue; }
      const gp = lights.map((d) => poleById.get(inv.get(d)?.poleId ?? ''));
      const cabinet = single(gp.map((p) => p?.cabinetId ?? null));
      const circuit = cabinet === undefined ? undefined : single(gp.map((p) => p?.circuitId ?? null));
      const planId = settings.find((s) => s.groupId === g.id)?.planId ?? 0;
      out.push(entity(groupUrn(tenant, g.id), 'StreetlightGroup', {
        location: { kind: 'geo', value: { type: 'MultiPoint', coordinates: placed.map((i) => [i?.lon, i?.lat]) } },
        name: prop(g.id),
        refStreetlight: { kind: 'relationship', object: lights.map((d) => lightUrn(tenant, d)) },
        refStreetlightControlCabinet: cabinet === undefined ? undefined : { kind: 'relationship', object: cabinetUrn(tenant, cabinet) },
        circuitId: prop(circuit),
        activeProgramId: planId > 0 ? prop(String(planId)) : undefined,
      }, req.query.format));
    }
    ld(reply, `${tenant}-streetlight-groups.ngsi-ld.json`);
    reply.header('x-skipped-without-position', String(skipped));
    return reply.send(JSON.stringify(out));
  });

  r.get('/api/tenants/:tenant/exports/streetlight-models.ngsi-ld.json', {
    schema: {
      tags: ['exports'], summary: 'The town\'s luminaire catalogue as FIWARE StreetlightModel entities (NGSI-LD)',
      description: 'application/ld+json: name, powerConsumption (rated W), maxPowerConsumption (maximum W), colorTemperature (K), luminousFlux (lm).',
      params: tenantParams, querystring: formatQuery,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const out = (await plans.listModels(tenant)).map((m) => entity(modelUrn(tenant, m.id), 'StreetlightModel', {
      name: prop(m.name ?? m.id),
      powerConsumption: prop(m.nominalW),
      maxPowerConsumption: prop(m.maxPowerW),
      colorTemperature: prop(m.cctK),
      luminousFlux: prop(m.fluxLm),
    }, req.query.format));
    ld(reply, `${tenant}-streetlight-models.ngsi-ld.json`);
    return reply.send(JSON.stringify(out));
  });

  r.get('/api/tenants/:tenant/exports/streetlight-control-cabinets.ngsi-ld.json', {
    schema: {
      tags: ['exports'], summary: 'The town\'s cabinets (armoires) as FIWARE StreetlightControlCabinet entities (NGSI-LD)',
      description: 'application/ld+json: location, refStreetlightGroup (the groups of the lights it feeds), workingMode `automatic` (each '
        + 'controller follows its plan), maximumPowerAvailable (the contracted kVA, taken as kW), the PDL and tariff in `description`. '
        + 'Cabinets without a position are counted in `X-Skipped-Without-Position`.',
      params: tenantParams, querystring: formatQuery,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [cabinets, poles, inventory, members] = await Promise.all([store.listCabinets(tenant), store.listPoles(tenant), repo.listInventory(tenant), repo.memberships(tenant)]);
    const groupsOfPole = new Map<string, Set<string>>();
    for (const i of inventory) {
      if (!i.poleId) continue;
      const set = groupsOfPole.get(i.poleId) ?? new Set<string>();
      for (const g of members.get(i.deviceId) ?? []) set.add(g);
      groupsOfPole.set(i.poleId, set);
    }
    const out: unknown[] = [];
    let skipped = 0;
    for (const c of cabinets as CabinetRow[]) {
      if (c.lat === null || c.lon === null) { skipped++; continue; }
      const groups = new Set<string>();
      for (const p of poles) if (p.cabinetId === c.id) for (const g of groupsOfPole.get(p.id) ?? []) groups.add(g);
      const words = [c.pdl ? `PDL ${c.pdl}` : '', c.tariff ? `tarif ${c.tariff}` : '', c.contractedKva !== null ? `${c.contractedKva} kVA souscrits` : ''].filter(Boolean).join(', ');
      out.push(entity(cabinetUrn(tenant, c.id), 'StreetlightControlCabinet', {
        location: { kind: 'geo', value: { type: 'Point', coordinates: [c.lon, c.lat] } },
        name: prop(c.name ?? c.id),
        description: prop(words || undefined),
        refStreetlightGroup: { kind: 'relationship', object: [...groups].sort().map((g) => groupUrn(tenant, g)) },
        workingMode: prop('automatic'),
        features: prop(['astronomicalClock', 'individualControl']),
        maximumPowerAvailable: prop(c.contractedKva),
        dateServiceStarted: prop(new Date(c.createdAt).toISOString()),
      }, req.query.format));
    }
    ld(reply, `${tenant}-streetlight-control-cabinets.ngsi-ld.json`);
    reply.header('x-skipped-without-position', String(skipped));
    return reply.send(JSON.stringify(out));
  });

  r.get('/api/tenants/:tenant/exports/decree-compliance.csv', {
    schema: {
      tags: ['exports'], summary: 'The file the decree of 27 December 2018 makes a town keep per installation, as CSV for French Excel',
      description: 'One line per luminaire in service: pole, street, cabinet, circuit, luminaire, model, controller, installation date, ULR (%), '
        + `CIE flux code n°3 (%), CCT (K), maximum power (W), flux (lm); a value not recorded reads ${MISSING} and the last column names them. `
        + 'CCT, maximum power and flux the town did not declare come from the luminaire\'s DALI-2 / D4i driver when its controller reported one '
        + '(column `Valeurs du driver D4i` names them), with the GTIN it reported. '
        + 'Lines with a missing value are counted in `X-Incomplete-Lines`.',
      params: tenantParams,
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [poles, models] = await Promise.all([store.listPoles(tenant), plans.listModels(tenant)]);
    const ids = poles.map((p) => p.id);
    const [lums, open, d4i] = await Promise.all([store.luminairesOf(tenant, ids), store.assignmentsOfPoles(tenant, ids, true), app.luminaireD4i.byDevice(tenant)]);
    const model = new Map<string, LuminaireModelRow>(models.map((m) => [m.id, m]));
    const serving = new Map(open.map((a) => [a.luminaireId, a.deviceId]));
    const lines: DecreeLine[] = [];
    for (const p of poles) {
      for (const l of lums.get(p.id) ?? []) {
        const m = l.modelId === null ? undefined : model.get(l.modelId);
        const controller = serving.get(l.id) ?? null;
        // Issue 17: what the town did not declare, the luminaire's D4i driver may have reported (its nominal input power
        // is the luminaire's maximum power).
        const rep = controller === null ? undefined : d4i.get(controller);
        const driver = rep?.d4i ? rep : undefined;
        const fromDriver: string[] = [];
        const pick = (declared: number | null | undefined, reported: number | null | undefined, name: string): number | null => {
          if (declared !== null && declared !== undefined) return declared;
          if (reported !== null && reported !== undefined) { fromDriver.push(name); return reported; }
          return null;
        };
        lines.push({
          poleId: p.id, street: p.street, cabinetId: p.cabinetId, circuitId: p.circuitId, luminaireId: l.id, modelId: l.modelId,
          controller, installedAt: l.installedAt, ulrPct: m?.ulrPct ?? null, cieFluxCode3Pct: m?.cieFluxCode3Pct ?? null,
          cctK: pick(l.cctK ?? m?.cctK, driver?.cctK, 'température de couleur'),
          maxPowerW: pick(m?.maxPowerW, driver?.nominalPowerW, 'puissance'),
          fluxLm: pick(m?.fluxLm, driver?.fluxLm, 'flux'),
          gtin: driver?.gtin ?? null, fromDriver,
        });
      }
    }
    const { text, incomplete } = decreeCsv(lines);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(`${tenant}-installations-arrete-2018.csv`))
      .header('x-incomplete-lines', String(incomplete));
    return reply.send(text);
  });
}
