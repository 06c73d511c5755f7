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
  deviceDetailView, deviceView, stateView, toDesiredView, toDeviceView, toDownlinkView, toEventView, toStateView,
} from '../views.js';

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
const inventoryRow = z.strictObject({
  deviceId: id,
  poleRef: z.string().min(1).max(64).optional(),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  group: id.optional().describe('street or sector; becomes a group'),
  luminaireModel: z.string().min(1).max(64).optional(),
  nominalPowerW: z.number().int().min(0).max(100000).optional(),
  cctK: z.number().int().min(1000).max(10000).optional().describe('nominal colour temperature (decree of 27 Dec 2018, art. 3: ≤ 3000 K for roads)'),
});

export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, devices } = app;
  const nowS = (): number => Math.floor(app.fleet.now() / 1000);
  const errors = { 400: errorBody, 404: errorBody };

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
      tags: ['devices'], summary: 'Devices of a tenant: registered or commissioned, with inventory and reported state',
      params: tenantParams,
      querystring: z.object({ group: id.optional(), online: z.enum(['true', 'false']).optional(), updating: z.enum(['true', 'false']).optional().describe('only devices an active OTA campaign is updating (or not)') }),
      response: { 200: z.array(deviceView), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [rows, inv, groups, updating] = await Promise.all([repo.listDevices(tenant), repo.listInventory(tenant), repo.memberships(tenant), app.ota.updatingDevices(tenant)]);
    const byId = new Map(rows.map((d) => [d.id, d]));
    const invById = new Map(inv.map((i) => [i.deviceId, i]));
    const ids = [...new Set([...byId.keys(), ...invById.keys()])].sort();
    let out = ids.map((i) => toDeviceView(tenant, i, byId.get(i), invById.get(i), groups.get(i) ?? [], updating.get(i) ?? null));
    const { group, online } = req.query;
    if (group) out = out.filter((d) => d.groups.includes(group));
    if (online) out = out.filter((d) => d.online === (online === 'true'));
    if (req.query.updating) out = out.filter((d) => (d.ota !== null) === (req.query.updating === 'true'));
    return out;
  });

  r.get('/api/tenants/:tenant/devices/:deviceId', {
    schema: { tags: ['devices'], summary: 'One device: inventory, reported and desired state, last downlinks and events', params: deviceParams, response: { 200: deviceDetailView, ...errors } },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await devices.requireDevice(tenant, deviceId);
    const [d, inv, desired, dls, events, groups, updating] = await Promise.all([
      repo.getDevice(deviceId), repo.getInventory(deviceId), repo.getDesired(deviceId),
      repo.listDownlinks(deviceId, 20), repo.listEvents(deviceId, 20), repo.memberships(tenant), app.ota.updatingDevices(tenant),
    ]);
    return {
      ...toDeviceView(tenant, deviceId, d, inv, groups.get(deviceId) ?? [], updating.get(deviceId) ?? null),
      bootCount: d?.bootCount ?? null,
      lastResetReason: d?.lastResetReason ?? null,
      lastUplinkSeq: d?.lastUplinkSeq ?? null,
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
  }, async (req) => devices.commission(req.params.tenant, req.body));
}
