/**
 * REST API. Every body, param, query and reply is a zod schema given to fastify through the type
 * provider, so validation, TypeScript types and the OpenAPI document (/api/openapi.json) come from one
 * source (HOUSE-STYLE 11). Paths carry the tenant; authentication comes in a later issue.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { configPatchSchema } from '../devices/device-config.js';
import { planBodySchema } from '../devices/plan.js';
import {
  deviceDetailView, lightStateOf, listedDevice, listedDeviceView, stateView, toDesiredView, toDeviceView, toDownlinkView, toEventView, toStateView,
} from '../views.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { DEVICE_SORTS, DeviceQueryRepository, LIGHT_STATES, type DeviceFilter, type DeviceSort, type PageAfter } from '../db/device-query-repository.js';
import { MapIndex } from '../reads/map-index.js';
import { ALARM_TYPE_NAMES } from '../alarms/service.js';
import { InventoryRepository } from '../db/inventory-repository.js';
import { inheritFromPoles } from '../inventory/placement.js';
import { groupId } from '../inventory/import.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const deviceParams = z.object({ tenant: id, deviceId: id });
const groupParams = z.object({ tenant: id, groupId: id });

const errorBody = z.object({
  code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional(),
}).meta({ id: 'Error' });

const overrideBody = z.strictObject({
  level: z.number().int().min(0).max(100).describe('percent'),
  durationS: z.number().int().min(60).max(604800).describe('seconds, 1 min to 7 days'),
  fadeS: z.number().int().min(0).max(3600).optional(),
});
const overrideReply = z.object({
  overrideId: z.number(), expiresAt: z.string().describe('ISO 8601; the device reverts by itself then'), devices: z.number(),
});
const planReply = z.object({ planId: z.number(), planVersion: z.number(), devices: z.number() });

export const INVENTORY_MAX_ROWS = 10_000;
/** Where a light stands and what it is (bulk commissioning rows, and one controller commissioned on its pole). */
const placement = {
  poleRef: z.string().min(1).max(64).optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  group: id.optional().describe('street or sector; becomes a group'),
  luminaireModel: z.string().min(1).max(64).optional(),
  nominalPowerW: z.number().int().min(0).max(100000).optional(),
  cctK: z.number().int().min(1000).max(10000).optional().describe('nominal colour temperature (decree of 27 Dec 2018, art. 3: ≤ 3000 K for roads)'),
};
const inventoryRow = z.strictObject({ deviceId: id, ...placement });

/** Page sizes of the device list (issue 14). */
export const DEVICE_PAGE_DEFAULT = 500;
export const DEVICE_PAGE_MAX = 1000;

/** `a,b,c` → the listed values, each checked against `allowed` (when given). */
const csvList = <T extends string>(allowed?: readonly T[], max = 64) => z.string().max(2000).optional().transform((v, ctx) => {
  if (v === undefined) return undefined;
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const it of items) {
    if (allowed && !allowed.includes(it as T)) ctx.addIssue({ code: 'custom', message: `unknown value ${it}; one of ${allowed.join(', ')}` });
    else if (it.length > max) ctx.addIssue({ code: 'custom', message: `${it.slice(0, 20)}…: at most ${max} characters` });
  }
  return items as T[];
});
const bool = z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true'));
const bboxParam = z.string().max(200).optional().transform((v, ctx) => {
  if (v === undefined) return undefined;
  const n = v.split(',').map((x) => Number(x.trim()));
  const [w, so, e, no] = n as [number, number, number, number];
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x))) { ctx.addIssue({ code: 'custom', message: 'bbox is west,south,east,north in degrees' }); return undefined; }
  if (w < -180 || e > 180 || so < -90 || no > 90 || w > e || so > no) { ctx.addIssue({ code: 'custom', message: 'bbox: -180 ≤ west ≤ east ≤ 180, -90 ≤ south ≤ north ≤ 90' }); return undefined; }
  return [w, so, e, no] as const;
}).describe('west,south,east,north (degrees): only lights commissioned inside');
const filterQuery = {
  group: id.optional().describe('members of this group'),
  state: csvList(LIGHT_STATES).describe(`comma-separated states: ${LIGHT_STATES.join(', ')} (the map's colours; updating = an active OTA campaign, fault = an alarm not cleared (open or acknowledged), unknown = never connected)`),
  alarm: z.string().optional().refine((v) => v === undefined || v === 'any' || ALARM_TYPE_NAMES.includes(v), { message: `an alarm type (${ALARM_TYPE_NAMES.join(', ')}) or any` })
    .describe('lights with an alarm of this type not cleared (open or acknowledged), or any'),
  firmware: csvList(undefined, 64).describe('comma-separated firmware versions'),
  q: z.string().max(64).optional().describe('text in the id, the pole reference or a group (street), case-insensitive'),
  online: bool,
  updating: bool.describe('only devices an active OTA campaign is updating (or not)'),
  bbox: bboxParam,
};
const toFilter = (q: { group?: string | undefined; state?: readonly (typeof LIGHT_STATES)[number][] | undefined; alarm?: string | undefined; firmware?: readonly string[] | undefined; q?: string | undefined; online?: boolean | undefined; updating?: boolean | undefined; bbox?: readonly [number, number, number, number] | undefined }): DeviceFilter => ({
  group: q.group, states: q.state, alarm: q.alarm, firmware: q.firmware, q: q.q, online: q.online, updating: q.updating, bbox: q.bbox,
});

/** The cursor of the next page: opaque to clients (base64url JSON). */
interface Cursor { v: 1; sort: DeviceSort; key: string; after: PageAfter; total: number }
const filterKey = (f: DeviceFilter, sort: DeviceSort): string => JSON.stringify([sort, f.group, f.states, f.alarm, f.firmware, f.q, f.online, f.updating, f.bbox]);
const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (c?.v !== 1 || typeof c.key !== 'string' || typeof c.after?.id !== 'string' || typeof c.total !== 'number') return undefined;
    if (c.after.value !== undefined && typeof c.after.value !== 'number') return undefined;
    return c;
  } catch {
    return undefined;
  }
}

// The map index of each server (keyed by its repository), for the other routes that write the inventory
// (routes/inventory-import.ts) to drop a town's snapshot as this file's routes do.
const MAP_INDEXES = new WeakMap<object, MapIndex>();
export const mapIndexOf = (repo: object): MapIndex | undefined => MAP_INDEXES.get(repo);

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, devices } = app;
  const nowS = (): number => Math.floor(app.fleet.now() / 1000);
  const errors = { 400: errorBody, 404: errorBody };
  // Issue 14: the list, its facets and the map are read in SQL (db/device-query-repository.ts), the map through a
  // per-tenant snapshot (reads/map-index.ts).
  const reads = new DeviceQueryRepository((repo as DrizzleRepository).adapter);
  const map = new MapIndex(reads);
  MAP_INDEXES.set(repo, map);
  const updatingOf = async (tenant: string) => app.ota.updatingDevices(tenant);

  async function requireTenant(tenant: string): Promise<void> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  }

  r.get('/api/tenants', {
    schema: { tags: ['tenants'], summary: 'Tenants (towns) with their device counts', response: { 200: z.array(z.object({ id: z.string(), createdAt: z.string(), deviceCount: z.number() })) } },
  }, async (req) => {
    // Only the tenants the caller holds a role on (issue 7; the auth hook has authenticated the request).
    const all = await repo.listTenants();
    const visible = new Set(req.principal ? (await app.auth.visibleTenants(req.principal, all.map((t) => t.id))).map((t) => t.tenantId) : []);
    return all.filter((t) => visible.has(t.id)).map((t) => ({ ...t, createdAt: new Date(t.createdAt).toISOString() }));
  });

  r.get('/api/tenants/:tenant/devices', {
    schema: {
      tags: ['devices'], summary: 'Devices of a tenant, a page at a time: registered or commissioned, with inventory, reported state and state',
      description: `Keyset pages of at most \`limit\` (default ${DEVICE_PAGE_DEFAULT}, at most ${DEVICE_PAGE_MAX}) lights in the \`sort\` order `
        + '(ties by id), filtered in SQL. Response headers: `X-Total-Count` (lights matching the filters, counted when the first page was read), '
        + '`X-Next-Cursor` and `Link: <…>; rel="next"` while more follow (pass `cursor` with the same filters and sort for the next page).',
      params: tenantParams,
      querystring: z.object({
        ...filterQuery,
        sort: z.enum(DEVICE_SORTS).default('id').describe('id, level or lastSeen; - for descending'),
        limit: z.coerce.number().int().min(1).max(DEVICE_PAGE_MAX).default(DEVICE_PAGE_DEFAULT),
        cursor: z.string().max(1000).optional().describe('X-Next-Cursor of the previous page'),
      }),
      response: { 200: z.array(listedDeviceView), ...errors },
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    const q = req.query;
    await requireTenant(tenant);
    const filter = toFilter(q);
    const key = filterKey(filter, q.sort);
    let cursor: Cursor | undefined;
    if (q.cursor !== undefined) {
      cursor = decodeCursor(q.cursor);
      if (!cursor || cursor.key !== key) {
        throw fleetError('VALIDATION', { issues: [{ in: 'querystring', field: 'cursor', message: cursor ? 'the cursor belongs to another filter or sort' : 'not a cursor of this list' }] });
      }
    }
    const updatingMap = await updatingOf(tenant);
    const updating = [...updatingMap.keys()];
    const resolved = await reads.resolveSearch(tenant, filter); // a text search, read once for the page and its total
    const [page, total] = await Promise.all([
      reads.page(tenant, resolved, q.sort, cursor?.after, q.limit, updating),
      cursor ? cursor.total : reads.count(tenant, resolved, updating),
    ]);
    const groups = await reads.memberships(tenant, page.lights.map((l) => l.id));
    reply.header('x-total-count', String(total));
    const last = page.lights[page.lights.length - 1];
    if (page.more && last) {
      const next = encodeCursor({ v: 1, sort: q.sort, key, after: { id: last.id, ...(q.sort === 'id' ? {} : { value: last.sortValue }) }, total });
      reply.header('x-next-cursor', next);
      const url = new URL(req.url, 'http://x');
      url.searchParams.set('cursor', next);
      reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return page.lights.map((l) => listedDevice(tenant, l, groups.get(l.id) ?? [], updatingMap.get(l.id) ?? null));
  });

  r.get('/api/tenants/:tenant/device-stats', {
    schema: {
      tags: ['devices'], summary: 'How many lights match the filters, per state and per firmware version (the list\'s totals and facets)',
      params: tenantParams, querystring: z.object(filterQuery),
      response: {
        200: z.object({
          total: z.number(),
          states: z.object(Object.fromEntries(LIGHT_STATES.map((st) => [st, z.number()])) as Record<(typeof LIGHT_STATES)[number], z.ZodNumber>),
          firmware: z.array(z.object({ version: z.string().nullable().describe('null: never reported one'), lights: z.number() })),
        }),
        ...errors,
      },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const updating = [...(await updatingOf(tenant)).keys()];
    const f = await reads.facets(tenant, await reads.resolveSearch(tenant, toFilter(req.query)), updating);
    return { total: Object.values(f.states).reduce((a, b) => a + b, 0), states: f.states, firmware: f.firmware };
  });

  const stateCounts = z.object(Object.fromEntries(LIGHT_STATES.map((st) => [st, z.number()])) as Record<(typeof LIGHT_STATES)[number], z.ZodNumber>);
  r.get('/api/tenants/:tenant/map', {
    schema: {
      tags: ['devices'], summary: 'The map of a tenant\'s commissioned lights for a view: points when few are in view, else clusters with counts per state',
      description: 'Points (`id, lat, lon, state, level`) when at most 2,000 lights are in the view or from zoom 17; otherwise clusters on a grid of '
        + '64-pixel cells of the view\'s Web Mercator zoom, each with its lights per state and their mean position. `lights` and `states`: the whole '
        + 'tenant (the legend). Read from a snapshot of the lights at most a few seconds old (`asOf`).',
      params: tenantParams,
      querystring: z.object({
        bbox: bboxParam.describe('west,south,east,north (degrees); default: every light'),
        zoom: z.coerce.number().min(0).max(22).optional().describe('Web Mercator zoom of the view; default: the bbox spans about 1,000 pixels'),
      }),
      response: {
        200: z.object({
          asOf: z.string(), zoom: z.number(), lights: z.number(), states: stateCounts,
          extent: z.array(z.number()).nullable().describe('west, south, east, north of the lights'),
          inView: z.number(), mode: z.enum(['points', 'clusters']),
          points: z.array(z.object({ id: z.string(), lat: z.number(), lon: z.number(), state: z.enum(LIGHT_STATES), level: z.number() })),
          clusters: z.array(z.object({ lat: z.number(), lon: z.number(), lights: z.number(), states: stateCounts })),
        }),
        ...errors,
      },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    return map.view(tenant, { bbox: req.query.bbox, zoom: req.query.zoom }, await updatingOf(tenant));
  });

  r.get('/api/tenants/:tenant/devices/:deviceId', {
    schema: { tags: ['devices'], summary: 'One device: inventory, reported and desired state, last downlinks and events', params: deviceParams, response: { 200: deviceDetailView, ...errors } },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await devices.requireDevice(tenant, deviceId);
    const [d, inv, desired, dls, events, groups, updating, fault] = await Promise.all([
      repo.getDevice(deviceId), repo.getInventory(deviceId), repo.getDesired(deviceId),
      repo.listDownlinks(deviceId, 20), repo.listEvents(deviceId, 20), reads.memberships(tenant, [deviceId]), updatingOf(tenant),
      reads.hasUnresolvedAlarm(tenant, deviceId),
    ]);
    // As in the list: the device and inventory rows of this tenant only.
    const dev = d?.tenantId === tenant ? d : undefined;
    const ota = updating.get(deviceId) ?? null;
    return {
      ...toDeviceView(tenant, deviceId, dev, inv?.tenantId === tenant ? inv : undefined, groups.get(deviceId) ?? [], ota),
      state: lightStateOf(dev, ota !== null, fault),
      bootCount: dev?.bootCount ?? null,
      lastResetReason: dev?.lastResetReason ?? null,
      lastUplinkSeq: dev?.lastUplinkSeq ?? null,
      desired: toDesiredView(desired, nowS()),
      downlinks: dls.map(toDownlinkView),
      events: events.map(toEventView),
    };
  });

  r.get('/api/tenants/:tenant/devices/:deviceId/states', {
    schema: {
      tags: ['devices'], summary: 'State report history, newest first', params: deviceParams,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: { 200: z.array(stateView), ...errors },
    },
  }, async (req) => {
    await devices.requireDevice(req.params.tenant, req.params.deviceId);
    return (await repo.listStates(req.params.deviceId, req.query.limit)).map(toStateView);
  });

  const overrideSchema = (params: z.ZodType, what: string) => ({
    tags: ['overrides'], summary: `Set a temporary override on ${what} (pushed now)`, params, body: overrideBody,
    response: { 202: overrideReply, ...errors },
  });
  const clearSchema = (params: z.ZodType, what: string) => ({
    tags: ['overrides'], summary: `Clear the override of ${what} (pushed now)`, params, response: { 200: z.object({ devices: z.number() }), ...errors },
  });

  r.put('/api/tenants/:tenant/devices/:deviceId/override', { schema: { ...overrideSchema(deviceParams, 'a device'), params: deviceParams, body: overrideBody } }, async (req, reply) => {
    const res = await devices.setOverride(req.params.tenant, { deviceId: req.params.deviceId }, req.body);
    return reply.code(202).send({ ...res, expiresAt: new Date(res.expiresAt * 1000).toISOString() });
  });
  r.delete('/api/tenants/:tenant/devices/:deviceId/override', { schema: { ...clearSchema(deviceParams, 'a device'), params: deviceParams } }, async (req) =>
    devices.clearOverride(req.params.tenant, { deviceId: req.params.deviceId }));
  r.put('/api/tenants/:tenant/groups/:groupId/override', { schema: { ...overrideSchema(groupParams, 'every device of a group'), params: groupParams, body: overrideBody } }, async (req, reply) => {
    const res = await devices.setOverride(req.params.tenant, { groupId: req.params.groupId }, req.body);
    return reply.code(202).send({ ...res, expiresAt: new Date(res.expiresAt * 1000).toISOString() });
  });
  r.delete('/api/tenants/:tenant/groups/:groupId/override', { schema: { ...clearSchema(groupParams, 'every device of a group'), params: groupParams } }, async (req) =>
    devices.clearOverride(req.params.tenant, { groupId: req.params.groupId }));

  r.put('/api/tenants/:tenant/devices/:deviceId/config', {
    schema: {
      tags: ['config'], summary: 'Change configuration fields: a new config version, pushed now', params: deviceParams, body: configPatchSchema,
      response: { 200: z.object({ configVersion: z.number(), config: z.record(z.string(), z.unknown()) }), ...errors },
    },
  }, async (req) => {
    const res = await devices.setConfig(req.params.tenant, req.params.deviceId, req.body);
    return { configVersion: res.configVersion, config: res.config as Record<string, unknown> };
  });

  r.put('/api/tenants/:tenant/devices/:deviceId/plan', {
    schema: { tags: ['plans'], summary: 'Give a device a dimming plan: a new plan version, pushed now', params: deviceParams, body: planBodySchema, response: { 200: planReply, ...errors } },
  }, async (req) => devices.setPlan(req.params.tenant, { deviceId: req.params.deviceId }, req.body));

  r.put('/api/tenants/:tenant/groups/:groupId/plan', {
    schema: { tags: ['plans'], summary: 'Give every device of a group a dimming plan', params: groupParams, body: planBodySchema, response: { 200: planReply, ...errors } },
  }, async (req) => devices.setPlan(req.params.tenant, { groupId: req.params.groupId }, req.body));

  r.get('/api/tenants/:tenant/groups', {
    schema: { tags: ['groups'], summary: 'Groups (streets) of a tenant', params: tenantParams, response: { 200: z.array(z.object({ id: z.string(), memberCount: z.number(), createdAt: z.string() })), ...errors } },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return (await repo.listGroups(req.params.tenant)).map((g) => ({ ...g, createdAt: new Date(g.createdAt).toISOString() }));
  });

  r.post('/api/tenants/:tenant/inventory', {
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags: ['inventory'], summary: `Bulk commissioning (up to ${INVENTORY_MAX_ROWS} rows): inventory, group membership, desired config`,
      params: tenantParams,
      body: z.array(inventoryRow).min(1).max(INVENTORY_MAX_ROWS).superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((row, i) => {
          if (seen.has(row.deviceId)) ctx.addIssue({ code: 'custom', path: [i, 'deviceId'], message: `duplicate deviceId ${row.deviceId}` });
          seen.add(row.deviceId);
        });
      }),
      response: { 200: z.object({ upserted: z.number(), configsChanged: z.number() }), 400: errorBody, 409: errorBody },
    },
  }, async (req) => {
    // A controller provisioned for another town is that town's even before it first connects (no device row yet).
    const provisioned = await app.identities.repo.tenantsOf(req.body.map((r) => r.deviceId));
    const foreign = [...provisioned].filter(([, t]) => t !== req.params.tenant).map(([d]) => d);
    if (foreign.length) throw fleetError('DEVICE_OTHER_TENANT', { deviceIds: foreign.slice(0, 100), count: foreign.length });
    const res = await devices.commission(req.params.tenant, req.body);
    map.invalidate(req.params.tenant); // positions changed
    await app.plans.apply(req.params.tenant); // new members of groups with an assigned plan get it now
    return res;
  });

  // Issue 15: an installer on the pole commissions the controller in hand, proved by the claim code on its label
  // (devices/identity.ts). The device id is in the path, so the audit row names it; the code is masked there.
  r.post('/api/tenants/:tenant/devices/:deviceId/commission', {
    schema: {
      tags: ['inventory'], summary: 'Commission one controller on its pole with the claim code of its label (installer)',
      description: 'The controller must be provisioned for this town and not revoked, and `claimCode` must be the one on its label '
        + '(case, spaces and dashes ignored; O read as 0, I and L as 1). Its inventory row is written as by `POST …/inventory`, and its '
        + 'configuration (position, power, the luminaire model\'s settings) goes out at once when it is online. On a pole the town '
        + 'has already (`poleRef`, imported or made without a controller), what the body leaves out comes from the pole and its free '
        + 'luminaire: position, street (its group), model, rated power, colour temperature. `note` is kept in the pole history and in the audit log.',
      params: deviceParams,
      body: z.strictObject({
        claimCode: z.string().min(1).max(40).describe('the claim code of the label (its QR code holds SLC1:<device id>:<claim code>)'),
        ...placement,
        lat: placement.lat.optional().describe('required unless poleRef names a pole with a position'),
        lon: placement.lon.optional().describe('required unless poleRef names a pole with a position'),
        accuracyM: z.number().min(0).max(100000).optional().describe('accuracy of a phone\'s position, metres (kept in the audit log)'),
        street: z.string().min(1).max(200).optional().describe('the pole\'s street'),
        heightM: z.number().gt(0).max(60).optional().describe('height of the pole, m'),
        cabinetId: id.optional().describe('the cabinet (armoire) feeding the pole'),
        circuitId: id.optional().describe('a circuit (départ) of cabinetId'),
        installedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional().describe('installation date of the luminaire (decree of 27 Dec 2018)'),
        note: z.string().max(500).optional().describe('the installer\'s note (kept on the pole\'s history and in the audit log)'),
      }).refine((b) => (b.lat === undefined) === (b.lon === undefined), { message: 'lat and lon go together', path: ['lon'] })
        .refine((b) => b.lat !== undefined || b.poleRef !== undefined, { message: 'a position (lat, lon) or an existing pole (poleRef)', path: ['lat'] })
        .refine((b) => b.circuitId === undefined || b.cabinetId !== undefined, { message: 'a circuit belongs to a cabinet: give cabinetId too', path: ['circuitId'] }),
      response: {
        200: z.object({
          deviceId: z.string(), firstClaim: z.boolean().describe('false: the controller had been commissioned with this code before (a correction)'),
          configsChanged: z.number(), online: z.boolean(),
        }),
        ...errors, 403: errorBody, 409: errorBody,
      },
    },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await requireTenant(tenant);
    const { claimCode, accuracyM, note, installedAt, ...where } = req.body;
    const verdict = await app.identities.checkClaim(tenant, deviceId, claimCode);
    // Another town's controller is "unknown" here: the answer tells nothing of other towns.
    if (verdict !== 'ok') throw fleetError('CLAIM_REFUSED', { reason: verdict === 'wrong_tenant' ? 'unknown_device' : verdict });
    const model = new InventoryRepository((repo as DrizzleRepository).adapter);
    if (where.cabinetId !== undefined) {
      const c = await model.getCabinet(tenant, where.cabinetId);
      if (!c || c.decommissionedAt !== null) throw fleetError('CABINET_NOT_FOUND', { tenant, cabinetId: where.cabinetId });
      if (where.circuitId !== undefined && !(await model.getCircuit(tenant, where.cabinetId, where.circuitId))) throw fleetError('CABINET_NOT_FOUND', { tenant, cabinetId: where.cabinetId, circuitId: where.circuitId });
    }
    const installedMs = installedAt === undefined ? undefined : Date.parse(`${installedAt}T12:00:00Z`);
    // On a pole the town has (imported first), what the installer left out comes from it (inventory/placement.ts).
    const [row] = await inheritFromPoles(model, tenant, [{ deviceId, ...where, installedAt: installedMs }], groupId);
    if (row?.lat === undefined || row.lon === undefined) {
      throw fleetError('VALIDATION', { issues: [{ field: 'lat', message: `pole ${where.poleRef ?? ''} has no position: give lat and lon` }] });
    }
    const res = await devices.commission(tenant, [{ ...row, lat: row.lat, lon: row.lon }]);
    // The installation date the installer gave is the luminaire's (a luminaire already on the pole keeps its own otherwise).
    const placed = await repo.getInventory(deviceId);
    if (installedMs !== undefined && placed?.luminaireId) await model.updateLuminaire(tenant, placed.luminaireId, { installedAt: installedMs }, app.fleet.now());
    // The note stays with this controller's time on the pole (the pole's history), and in the audit log.
    if (note) await model.noteAssignment(deviceId, note);
    req.auditSummary = `Controller ${deviceId} commissioned on pole ${placed?.poleId ?? '—'}`
      + (row.street ? ` (${row.street})` : '')
      + (row.luminaireModel ? `, luminaire ${row.luminaireModel}` : '') + (row.nominalPowerW !== undefined ? ` ${row.nominalPowerW} W` : '')
      + (where.cabinetId ? `, cabinet ${where.cabinetId}${where.circuitId ? ` circuit ${where.circuitId}` : ''}` : '')
      + (installedAt ? `, installed ${installedAt}` : '') + (accuracyM !== undefined ? `, position to ${Math.round(accuracyM)} m` : '')
      + (note ? `; note: ${note}` : '');
    req.auditVars = { poleId: placed?.poleId ?? '—', ...(note ? { note } : {}) };
    map.invalidate(tenant);
    await app.plans.apply(tenant); // joining a group with an assigned plan gives the controller that plan at once
    const firstClaim = await app.identities.repo.markClaimed(deviceId, app.fleet.now());
    const device = await repo.getDevice(deviceId);
    return { deviceId, firstClaim, configsChanged: res.configsChanged, online: device?.online ?? false };
  });
}
