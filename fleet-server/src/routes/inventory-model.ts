/**
 * The inventory's model over HTTP: cabinets (armoires) and their circuits, poles with their luminaires and the
 * history of the controllers that served them, and a controller's life after commissioning — replaced on its pole,
 * decommissioned, or its pole decommissioned (inventory/lifecycle.ts). Everything lives under
 * `/api/tenants/:tenant/inventory/…`, so the roles are those of commissioning (auth/model.ts): installers and above
 * write, any role reads. Each write says what it did in words in the audit log (`detail.summary`).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { InventoryRepository, type CabinetRow, type LuminaireRow, type PoleRow, type AssignmentRow } from '../db/inventory-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { planPlacements } from '../inventory/placement.js';
import { InventoryLifecycle } from '../inventory/lifecycle.js';
import { mapIndexOf } from './api.js';
import { inventoryExportRoutes } from './exports-inventory.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
/** A pole id is the town's pole reference (any text a town writes on its poles, up to 64 characters). */
const poleId = z.string().min(1).max(64).refine((v) => v.trim() === v && ![...v].some((c) => c.charCodeAt(0) < 32), 'no edge spaces or control characters')
  .describe('the pole reference (URL-encoded in the path)');
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody, 409: errorBody };
const tenantParams = z.object({ tenant: id });
const cabinetParams = z.object({ tenant: id, cabinetId: id });
const circuitParams = z.object({ tenant: id, cabinetId: id, circuitId: id });
const poleParams = z.object({ tenant: id, poleId });
const deviceParams = z.object({ tenant: id, deviceId: id });
const dayRe = /^\d{4}-\d{2}-\d{2}$/;

/** Distance between two points, m (equirectangular: poles of one town are a few km apart at most). */
function metres(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const r = Math.PI / 180;
  return Math.hypot((bLon - aLon) * r * Math.cos(((aLat + bLat) / 2) * r), (bLat - aLat) * r) * 6_371_000;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const cabinetBody = z.strictObject({
  name: z.string().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  pdl: z.string().regex(/^\d{14}$/, 'a PDL (point de livraison) is 14 digits').optional().describe('supply point number of the cabinet\'s meter (PDL, 14 digits)'),
  contractedKva: z.number().gt(0).max(10000).optional().describe('contracted power, kVA'),
  tariff: z.string().min(1).max(100).optional().describe('tariff of the supply contract, e.g. "C5 BT ≤ 36 kVA"'),
}).refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: 'lat and lon go together', path: ['lon'] });
const circuitView = z.object({ id: z.string(), name: z.string().nullable(), poles: z.number() });
const cabinetView = z.object({
  id: z.string(), name: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable(), pdl: z.string().nullable(),
  contractedKva: z.number().nullable(), tariff: z.string().nullable(), poles: z.number(), circuits: z.array(circuitView),
  createdAt: z.string(), updatedAt: z.string(), decommissionedAt: z.string().nullable(),
});

const poleBody = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  street: z.string().min(1).max(200).optional(),
  heightM: z.number().gt(0).max(60).optional().describe('height of the pole, m'),
  cabinetId: id.optional(),
  circuitId: id.optional().describe('a circuit of cabinetId'),
}).refine((b) => b.circuitId === undefined || b.cabinetId !== undefined, { message: 'a circuit belongs to a cabinet: give cabinetId too', path: ['circuitId'] });
const luminaireView = z.object({
  id: z.string(), modelId: z.string().nullable(), nominalPowerW: z.number().nullable(), cctK: z.number().nullable(),
  installedAt: z.string(), removedAt: z.string().nullable(), controller: z.string().nullable().describe('the controller serving it now'),
});
const assignmentView = z.object({
  deviceId: z.string(), luminaireId: z.string(), from: z.string(), to: z.string().nullable(),
  endReason: z.enum(['replaced', 'decommissioned', 'pole_decommissioned', 'moved']).nullable(), replacedBy: z.string().nullable(),
  note: z.string().nullable().describe('the installer\'s note at commissioning'),
});
const poleView = z.object({
  id: z.string(), lat: z.number().nullable(), lon: z.number().nullable(), street: z.string().nullable(), heightM: z.number().nullable(),
  cabinetId: z.string().nullable(), circuitId: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(), decommissionedAt: z.string().nullable(),
  luminaires: z.array(luminaireView),
});
const luminaireBody = z.strictObject({
  modelId: z.string().min(1).max(64).nullable().optional().describe('a model of the catalogue (luminaire-models)'),
  nominalPowerW: z.number().int().min(0).max(100000).nullable().optional(),
  cctK: z.number().int().min(1000).max(10000).nullable().optional(),
  installedAt: z.string().regex(dayRe, 'YYYY-MM-DD').optional().describe('installation date of the luminaire head (decree of 27 Dec 2018)'),
});
const revocationView = z.object({ deviceId: z.string(), revoked: z.boolean(), broker: z.string().optional().describe('external Mosquitto: confirmed, or why it was not told') });

const toCabinetView = (c: CabinetRow, counts: ReadonlyMap<string, number>, circuits: Array<{ id: string; name: string | null }>) => ({
  id: c.id, name: c.name, lat: c.lat, lon: c.lon, pdl: c.pdl, contractedKva: c.contractedKva, tariff: c.tariff, poles: counts.get(c.id) ?? 0,
  circuits: circuits.map((k) => ({ id: k.id, name: k.name, poles: counts.get(`${c.id}/${k.id}`) ?? 0 })),
  createdAt: iso(c.createdAt) as string, updatedAt: iso(c.updatedAt) as string, decommissionedAt: iso(c.decommissionedAt),
});
const toPoleView = (p: PoleRow, lums: readonly LuminaireRow[], open: readonly AssignmentRow[]) => ({
  id: p.id, lat: p.lat, lon: p.lon, street: p.street, heightM: p.heightM, cabinetId: p.cabinetId, circuitId: p.circuitId,
  createdAt: iso(p.createdAt) as string, updatedAt: iso(p.updatedAt) as string, decommissionedAt: iso(p.decommissionedAt),
  luminaires: lums.map((l) => ({
    id: l.id, modelId: l.modelId, nominalPowerW: l.nominalPowerW, cctK: l.cctK, installedAt: iso(l.installedAt) as string, removedAt: iso(l.removedAt),
    controller: open.find((a) => a.luminaireId === l.id)?.deviceId ?? null,
  })),
});
const toAssignmentView = (a: AssignmentRow) => ({
  deviceId: a.deviceId, luminaireId: a.luminaireId, from: iso(a.fromAt) as string, to: iso(a.toAt),
  endReason: a.endReason as 'replaced' | 'decommissioned' | 'pole_decommissioned' | 'moved' | null, replacedBy: a.replacedBy, note: a.note,
});
const revocationWords = (r: { deviceId: string; revoked: boolean; broker?: string | undefined }): string =>
  `${r.deviceId} retired${r.revoked ? ', its credentials revoked' : ''}${r.broker === undefined ? '' : r.broker === 'confirmed' ? ' and disabled on the broker' : ` (the broker was not told: ${r.broker})`}`;

export async function inventoryModelRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const store = new InventoryRepository((app.repo as DrizzleRepository).adapter);
  const invalidate = (tenant: string): void => mapIndexOf(app.repo)?.invalidate(tenant);
  const life = new InventoryLifecycle(app, store, invalidate);
  // Every commissioning (bulk, claim code, import, replacement) writes the model in its transaction.
  app.devices.placements = (tenant, rows, now) => planPlacements(store, tenant, rows, now);
  // Its exports: FIWARE StreetlightGroup, StreetlightModel, StreetlightControlCabinet and the decree file (routes/exports-inventory.ts).
  await app.register(inventoryExportRoutes);
  const base = '/api/tenants/:tenant/inventory';
  const requireTenant = async (tenant: string): Promise<void> => {
    if (!(await app.repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  };
  const cabinetOut = async (tenant: string, c: CabinetRow) => toCabinetView(c, await store.poleCounts(tenant), await store.listCircuits(tenant, c.id));
  const poleOut = async (tenant: string, p: PoleRow) => toPoleView(p, (await store.luminairesOf(tenant, [p.id])).get(p.id) ?? [], await store.assignmentsOfPoles(tenant, [p.id], true));

  // ---------------------------------------------------------------- cabinets and circuits

  r.get(`${base}/cabinets`, {
    schema: {
      tags: ['inventory'], summary: 'Cabinets (armoires) of the town with their circuits and pole counts', params: tenantParams,
      querystring: z.strictObject({ includeDecommissioned: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(cabinetView), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [cabs, circuits, counts] = await Promise.all([store.listCabinets(tenant, req.query.includeDecommissioned === 'true'), store.listCircuits(tenant), store.poleCounts(tenant)]);
    return cabs.map((c) => toCabinetView(c, counts, circuits.filter((k) => k.cabinetId === c.id)));
  });

  r.get(`${base}/cabinets/:cabinetId`, {
    schema: { tags: ['inventory'], summary: 'One cabinet', params: cabinetParams, response: { 200: cabinetView, ...errors } },
  }, async (req) => {
    const c = await store.getCabinet(req.params.tenant, req.params.cabinetId);
    if (!c) throw fleetError('CABINET_NOT_FOUND', req.params);
    return cabinetOut(req.params.tenant, c);
  });

  r.put(`${base}/cabinets/:cabinetId`, {
    schema: {
      tags: ['inventory'], summary: 'Create or update a cabinet: position, supply point (PDL), contracted power (kVA), tariff; absent fields are cleared',
      params: cabinetParams, body: cabinetBody, response: { 200: cabinetView, ...errors },
    },
  }, async (req) => {
    const { tenant, cabinetId } = req.params;
    await requireTenant(tenant);
    const now = app.fleet.now();
    const before = await store.getCabinet(tenant, cabinetId);
    const b = req.body;
    await store.putCabinet({
      tenantId: tenant, id: cabinetId, name: b.name ?? null, lat: b.lat ?? null, lon: b.lon ?? null, pdl: b.pdl ?? null, contractedKva: b.contractedKva ?? null,
      tariff: b.tariff ?? null, createdAt: before?.createdAt ?? now, updatedAt: now, decommissionedAt: null,
    });
    req.auditSummary = `${before ? 'Updated' : 'Created'} cabinet ${cabinetId}${b.pdl ? ` (PDL ${b.pdl})` : ''}`;
    return cabinetOut(tenant, (await store.getCabinet(tenant, cabinetId)) as CabinetRow);
  });

  r.delete(`${base}/cabinets/:cabinetId`, {
    schema: { tags: ['inventory'], summary: 'Decommission a cabinet no pole in service is fed from (kept in the history)', params: cabinetParams, response: { 200: cabinetView, ...errors } },
  }, async (req) => {
    const { tenant, cabinetId } = req.params;
    const c = await store.getCabinet(tenant, cabinetId);
    if (!c || c.decommissionedAt !== null) throw fleetError('CABINET_NOT_FOUND', req.params);
    const poles = (await store.poleCounts(tenant)).get(cabinetId) ?? 0;
    if (poles > 0) throw fleetError('INVENTORY_CONFLICT', { reason: 'cabinet_in_use', cabinetId, poles }, `Cabinet ${cabinetId} still feeds ${poles} pole(s)`);
    const now = app.fleet.now();
    await store.putCabinet({ ...c, updatedAt: now, decommissionedAt: now });
    req.auditSummary = `Decommissioned cabinet ${cabinetId}`;
    return cabinetOut(tenant, (await store.getCabinet(tenant, cabinetId)) as CabinetRow);
  });

  r.put(`${base}/cabinets/:cabinetId/circuits/:circuitId`, {
    schema: {
      tags: ['inventory'], summary: 'Create or rename a circuit (départ) of a cabinet', params: circuitParams,
      body: z.strictObject({ name: z.string().min(1).max(200).optional() }), response: { 200: circuitView, ...errors },
    },
  }, async (req) => {
    const { tenant, cabinetId, circuitId } = req.params;
    const c = await store.getCabinet(tenant, cabinetId);
    if (!c || c.decommissionedAt !== null) throw fleetError('CABINET_NOT_FOUND', { tenant, cabinetId });
    const now = app.fleet.now();
    const before = await store.getCircuit(tenant, cabinetId, circuitId);
    await store.putCircuit({ tenantId: tenant, cabinetId, id: circuitId, name: req.body.name ?? null, createdAt: before?.createdAt ?? now, updatedAt: now });
    req.auditSummary = `${before ? 'Updated' : 'Created'} circuit ${circuitId} of cabinet ${cabinetId}`;
    return { id: circuitId, name: req.body.name ?? null, poles: (await store.poleCounts(tenant)).get(`${cabinetId}/${circuitId}`) ?? 0 };
  });

  r.delete(`${base}/cabinets/:cabinetId/circuits/:circuitId`, {
    schema: { tags: ['inventory'], summary: 'Delete a circuit no pole in service is on', params: circuitParams, response: { 200: z.object({ deleted: z.boolean() }), ...errors } },
  }, async (req) => {
    const { tenant, cabinetId, circuitId } = req.params;
    const res = await store.deleteCircuit(tenant, cabinetId, circuitId);
    if (res.inUse > 0) throw fleetError('INVENTORY_CONFLICT', { reason: 'circuit_in_use', cabinetId, circuitId, poles: res.inUse }, `Circuit ${circuitId} still feeds ${res.inUse} pole(s)`);
    if (!res.deleted) throw fleetError('CABINET_NOT_FOUND', req.params);
    req.auditSummary = `Deleted circuit ${circuitId} of cabinet ${cabinetId}`;
    return { deleted: true };
  });

  // ---------------------------------------------------------------- poles and luminaires

  r.get(`${base}/poles`, {
    schema: {
      tags: ['inventory'], summary: 'Poles of the town (in service unless asked), with their luminaires and the controller serving each',
      description: 'With `near`, the poles nearest that point first (each with `distanceM`), at most `limit`: the installer\'s page '
        + 'lists the poles around the phone. `free=true`: only poles with a luminaire no controller serves, or none (where a controller goes).',
      params: tenantParams,
      querystring: z.strictObject({
        cabinet: id.optional(), circuit: id.optional(), includeDecommissioned: z.enum(['true', 'false']).optional(),
        near: z.string().max(60).optional().transform((v, ctx) => {
          if (v === undefined) return undefined;
          const [lat, lon, ...rest] = v.split(',').map((x) => Number(x.trim()));
          if (rest.length || lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
            ctx.addIssue({ code: 'custom', message: 'near is lat,lon in degrees' });
            return undefined;
          }
          return { lat, lon };
        }).describe('lat,lon: nearest poles first'),
        limit: z.coerce.number().int().min(1).max(1000).optional().describe('at most this many poles'),
        free: z.enum(['true', 'false']).optional(),
      }),
      response: { 200: z.array(poleView.extend({ distanceM: z.number().optional().describe('with near: metres from that point') })), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    const q = req.query;
    await requireTenant(tenant);
    const poles = await store.listPoles(tenant, { cabinetId: q.cabinet, circuitId: q.circuit, withDecommissioned: q.includeDecommissioned === 'true' });
    const ids = poles.map((p) => p.id);
    const [lums, open] = await Promise.all([store.luminairesOf(tenant, ids), store.assignmentsOfPoles(tenant, ids, true)]);
    let views: Array<ReturnType<typeof toPoleView> & { distanceM?: number }> = poles.map((p) => toPoleView(p, lums.get(p.id) ?? [], open.filter((a) => a.poleId === p.id)));
    if (q.free === 'true') views = views.filter((p) => p.luminaires.length === 0 || p.luminaires.some((l) => l.controller === null));
    if (q.near) {
      const at = q.near;
      views = views.filter((p) => p.lat !== null && p.lon !== null).map((p) => ({ ...p, distanceM: Math.round(metres(at.lat, at.lon, p.lat as number, p.lon as number) * 10) / 10 }))
        .sort((a, b) => (a.distanceM ?? 0) - (b.distanceM ?? 0));
    }
    return q.limit === undefined ? views : views.slice(0, q.limit);
  });

  r.get(`${base}/poles/:poleId`, {
    schema: {
      tags: ['inventory'], summary: 'One pole: luminaires and the history of the controllers that served it',
      params: poleParams, response: { 200: poleView.extend({ history: z.array(assignmentView) }), ...errors },
    },
  }, async (req) => {
    const { tenant, poleId: pid } = req.params;
    const p = await life.requirePole(tenant, pid);
    const lums = (await store.luminairesOf(tenant, [pid], true)).get(pid) ?? [];
    const history = await store.assignmentsOfPoles(tenant, [pid]);
    return { ...toPoleView(p, lums, history.filter((a) => a.toAt === null)), history: history.map(toAssignmentView) };
  });

  r.put(`${base}/poles/:poleId`, {
    schema: {
      tags: ['inventory'], summary: 'Create or update a pole: position, street, height, cabinet and circuit; the controllers on it get the new position at once',
      params: poleParams, body: poleBody, response: { 200: poleView, ...errors },
    },
  }, async (req) => {
    const { tenant, poleId: pid } = req.params;
    await requireTenant(tenant);
    const b = req.body;
    if (b.cabinetId !== undefined) {
      const c = await store.getCabinet(tenant, b.cabinetId);
      if (!c || c.decommissionedAt !== null) throw fleetError('CABINET_NOT_FOUND', { tenant, cabinetId: b.cabinetId });
      if (b.circuitId !== undefined && !(await store.getCircuit(tenant, b.cabinetId, b.circuitId))) throw fleetError('CABINET_NOT_FOUND', { tenant, cabinetId: b.cabinetId, circuitId: b.circuitId });
    }
    const now = app.fleet.now();
    const before = await store.getPole(tenant, pid);
    if (before?.decommissionedAt != null) throw fleetError('INVENTORY_CONFLICT', { reason: 'pole_decommissioned', poleId: pid }, `Pole ${pid} is decommissioned`);
    await store.putPole({
      tenantId: tenant, id: pid, lat: b.lat, lon: b.lon, street: b.street ?? null, heightM: b.heightM ?? null, cabinetId: b.cabinetId ?? null,
      circuitId: b.circuitId ?? null, createdAt: before?.createdAt ?? now, updatedAt: now, decommissionedAt: null,
    });
    // The controllers on the pole: their inventory rows and configurations take the position (commissioned again).
    if (before && (before.lat !== b.lat || before.lon !== b.lon)) {
      const open = await store.assignmentsOfPoles(tenant, [pid], true);
      const rows = [];
      for (const a of open) {
        const inv = await app.repo.getInventory(a.deviceId);
        rows.push({
          deviceId: a.deviceId, poleId: pid, luminaireId: a.luminaireId, poleRef: inv?.poleRef ?? undefined, lat: b.lat, lon: b.lon, group: inv?.groupId ?? undefined,
          luminaireModel: inv?.luminaireModel ?? undefined, nominalPowerW: inv?.nominalPowerW ?? undefined, cctK: inv?.cctK ?? undefined,
        });
      }
      if (rows.length) await app.devices.commission(tenant, rows);
      invalidate(tenant);
    }
    req.auditSummary = `${before ? 'Updated' : 'Created'} pole ${pid}${b.street ? ` (${b.street})` : ''}`;
    return poleOut(tenant, (await store.getPole(tenant, pid)) as PoleRow);
  });

  r.patch(`${base}/poles/:poleId/luminaires/:luminaireId`, {
    schema: {
      tags: ['inventory'], summary: 'Correct a luminaire: catalogue model, rated power, CCT, installation date; its controller gets the settings at once',
      params: poleParams.extend({ luminaireId: z.string().min(1).max(ID_MAX_LENGTH + 16) }), body: luminaireBody, response: { 200: poleView, ...errors },
    },
  }, async (req) => {
    const { tenant, poleId: pid, luminaireId } = req.params;
    const p = await life.requirePole(tenant, pid);
    const lum = ((await store.luminairesOf(tenant, [pid])).get(pid) ?? []).find((l) => l.id === luminaireId);
    if (!lum) throw fleetError('POLE_NOT_FOUND', { tenant, poleId: pid, luminaireId }, `Pole ${pid} has no luminaire ${luminaireId} in place`);
    const b = req.body;
    const patch = {
      ...(b.modelId !== undefined ? { modelId: b.modelId } : {}), ...(b.nominalPowerW !== undefined ? { nominalPowerW: b.nominalPowerW } : {}),
      ...(b.cctK !== undefined ? { cctK: b.cctK } : {}), ...(b.installedAt !== undefined ? { installedAt: Date.parse(`${b.installedAt}T12:00:00Z`) } : {}),
    };
    await store.updateLuminaire(tenant, luminaireId, patch, app.fleet.now());
    const a = (await store.assignmentsOfPoles(tenant, [pid], true)).find((x) => x.luminaireId === luminaireId);
    if (a) {
      const inv = await app.repo.getInventory(a.deviceId);
      const l = { ...lum, ...patch };
      if (inv && inv.lat !== null && inv.lon !== null) {
        await app.devices.commission(tenant, [{
          deviceId: a.deviceId, poleId: pid, luminaireId, poleRef: inv.poleRef ?? undefined, lat: inv.lat, lon: inv.lon, group: inv.groupId ?? undefined,
          luminaireModel: l.modelId ?? undefined, nominalPowerW: l.nominalPowerW ?? undefined, cctK: l.cctK ?? undefined,
        }]);
      }
    }
    req.auditSummary = `Corrected luminaire ${luminaireId} on pole ${pid}`;
    return poleOut(tenant, p);
  });

  r.get(`${base}/poles/:poleId/energy`, {
    schema: {
      tags: ['inventory'], summary: 'A pole\'s daily energy over its history: each controller\'s days while it served the pole',
      params: poleParams,
      querystring: z.strictObject({ from: z.string().regex(dayRe, 'YYYY-MM-DD'), to: z.string().regex(dayRe, 'YYYY-MM-DD') })
        .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] }),
      response: {
        200: z.object({ poleId: z.string(), totalWh: z.number(), days: z.array(z.object({ day: z.string(), deviceId: z.string(), energyWh: z.number(), burningS: z.number(), records: z.number() })) }),
        ...errors,
      },
    },
  }, async (req) => ({ poleId: req.params.poleId, ...await life.poleEnergy(req.params.tenant, req.params.poleId, req.query.from, req.query.to) }));

  r.get(`${base}/poles/:poleId/alarms`, {
    schema: {
      tags: ['inventory'], summary: 'A pole\'s alarms over its history: each controller\'s alarms raised while it served the pole', params: poleParams,
      response: {
        200: z.array(z.object({ id: z.number(), deviceId: z.string(), type: z.string(), severity: z.string(), state: z.string(), raisedAt: z.string(), clearedAt: z.string().nullable() })),
        ...errors,
      },
    },
  }, async (req) => (await life.poleAlarms(req.params.tenant, req.params.poleId)).map((a) => ({ ...a, raisedAt: iso(a.raisedAt) as string, clearedAt: iso(a.clearedAt) })));

  // ---------------------------------------------------------------- a controller's life on its pole

  r.post(`${base}/poles/:poleId/replace-controller`, {
    schema: {
      tags: ['inventory'], summary: 'Replace a failed controller on its pole: the new one (claim code of its label) takes over, the old one is retired and revoked',
      description: 'The pole, its luminaire, group memberships, energy and alarm history stay; the new controller gets its configuration and its '
        + 'groups\' plan at once. Which luminaire: the one `oldDeviceId` serves, else `luminaireId`, else the pole\'s only one (also when its '
        + 'controller was decommissioned before). The old controller\'s credentials are revoked (an external Mosquitto is told when the servers\' '
        + 'account is configured).',
      params: poleParams,
      body: z.strictObject({
        newDeviceId: id,
        claimCode: z.string().min(1).max(40).describe('the claim code on the new controller\'s label'),
        oldDeviceId: id.optional().describe('the controller being replaced (default: the one serving the luminaire)'),
        luminaireId: z.string().min(1).max(ID_MAX_LENGTH + 16).optional(),
      }),
      response: {
        200: z.object({
          poleId: z.string(), luminaireId: z.string(), oldDeviceId: z.string().nullable(), newDeviceId: z.string(), revocation: revocationView.nullable(),
          configsChanged: z.number(), online: z.boolean(),
        }),
        ...errors, 403: errorBody,
      },
    },
  }, async (req) => {
    const res = await life.replaceController(req.params.tenant, req.params.poleId, req.body);
    req.auditSummary = res.oldDeviceId
      ? `Controller ${res.oldDeviceId} on pole ${res.poleId} replaced by ${res.newDeviceId}; ${revocationWords(res.revocation as NonNullable<typeof res.revocation>)}`
      : `Controller ${res.newDeviceId} installed on pole ${res.poleId} (luminaire ${res.luminaireId}, no controller before)`;
    return res;
  });

  r.post(`${base}/controllers/:deviceId/decommission`, {
    schema: {
      tags: ['inventory'], summary: 'Decommission a controller: out of lists, counts and exports, kept in the history; its credentials revoked',
      params: deviceParams, response: { 200: z.object({ deviceId: z.string(), poleId: z.string().nullable(), revocation: revocationView }), ...errors },
    },
  }, async (req) => {
    const res = await life.decommissionController(req.params.tenant, req.params.deviceId);
    req.auditSummary = `Decommissioned controller ${res.deviceId}${res.poleId ? ` (pole ${res.poleId} kept, without controller)` : ''}; ${revocationWords(res.revocation)}`;
    return res;
  });

  r.post(`${base}/poles/:poleId/decommission`, {
    schema: {
      tags: ['inventory'], summary: 'Decommission a pole: its luminaires removed, its controllers retired and revoked; kept in the history',
      params: poleParams, response: { 200: z.object({ poleId: z.string(), controllers: z.array(revocationView) }), ...errors },
    },
  }, async (req) => {
    const res = await life.decommissionPole(req.params.tenant, req.params.poleId);
    req.auditSummary = `Decommissioned pole ${res.poleId}${res.controllers.length ? `; ${res.controllers.map(revocationWords).join('; ')}` : ''}`;
    return res;
  });
}
// Decorations and the commissioning hook belong to the root instance, as fastify-plugin would make them.
(inventoryModelRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
