/** Every route through inject(), with a raw MQTT-free device session driven through the service. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import SwaggerParser from '@apidevtools/swagger-parser';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { tempDir } from './helpers.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';

const T0 = Date.UTC(2025, 5, 1, 20, 0, 0);
const plan = {
  programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: -10, level: 100 }, { anchor: 'clock', offsetMin: 1380, level: 40, fadeS: 120 }, { anchor: 'sunrise', offsetMin: 10, level: 0 }] }],
  rules: [{ programId: 1, weekdays: 127 }],
  defaultProgramId: 1,
};

describe('REST API', () => {
  let app: FastifyInstance;
  let inject: Inject;
  const clock = { ms: T0 };
  // Issue 11: a device is provisioned before it speaks; its frames are sealed with its key.
  const provisioned = new Map<string, TestDevice>();
  const device = async (tenant: string, deviceId: string): Promise<TestDevice> => {
    let d = provisioned.get(deviceId);
    if (!d) provisioned.set(deviceId, d = await provisionDevice(app, tenant, deviceId));
    return d;
  };
  const hello = async (tenant: string, deviceId: string, seq: number) => app.devices.handleMessage(uplinkTopic(tenant, deviceId),
    (await device(tenant, deviceId)).uplink({ seq, hello: { firmwareVersion: '1.2.0', hardwareModel: 'esp32' } }));

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => clock.ms });
    inject = await authedInject(app); // platform admin: the access rules are tested in auth.test.ts
    await inject({
      method: 'POST', url: '/api/tenants/lyon/inventory',
      payload: [
        { deviceId: 'sl-1', poleRef: 'P-001', lat: 45.7601, lon: 4.8351, group: 'rue-merciere', luminaireModel: 'LED-40', nominalPowerW: 40, cctK: 3000 },
        { deviceId: 'sl-2', poleRef: 'P-002', lat: 45.7602, lon: 4.8352, group: 'rue-merciere', nominalPowerW: 40 },
        { deviceId: 'sl-3', poleRef: 'P-003', lat: 45.7610, lon: 4.8360, group: 'quai-saint-antoine', nominalPowerW: 60 },
      ],
    });
    await hello('lyon', 'sl-1', 1);
  });
  afterAll(async () => { await app.close(); });

  it('GET /health reports db and mqtt', async () => {
    const r = await inject('/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: 'ok', mqtt: 'connected' });
    expect(r.headers['x-request-id']).toBeTruthy();
  });

  it('echoes a given request id', async () => {
    const r = await inject({ url: '/health', headers: { 'x-request-id': 'abc-123' } });
    expect(r.headers['x-request-id']).toBe('abc-123');
  });

  it('GET /api/openapi.json documents the API', async () => {
    const r = await inject('/api/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/tenants', '/api/tenants/{tenant}/devices', '/api/tenants/{tenant}/devices/{deviceId}', '/api/tenants/{tenant}/devices/{deviceId}/states',
      '/api/tenants/{tenant}/devices/{deviceId}/override', '/api/tenants/{tenant}/groups/{groupId}/override', '/api/tenants/{tenant}/devices/{deviceId}/config',
      '/api/tenants/{tenant}/devices/{deviceId}/plan', '/api/tenants/{tenant}/groups/{groupId}/plan', '/api/tenants/{tenant}/groups', '/api/tenants/{tenant}/inventory', '/health', '/api/metrics']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths['/api/tenants/{tenant}/devices/{deviceId}/override'].put.requestBody).toBeDefined();
  });

  // Client generators and gateways read it: it must be valid for its declared OpenAPI version (3.0 has no
  // `type: "null"`; nullable fields are `nullable: true`).
  it('GET /api/openapi.json is a valid OpenAPI document (swagger-parser)', async () => {
    const doc = (await inject('/api/openapi.json')).json();
    await expect(SwaggerParser.validate(doc)).resolves.toMatchObject({ openapi: doc.openapi });
  });

  it('GET /api/tenants', async () => {
    const r = await inject('/api/tenants');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual([{ id: 'lyon', createdAt: new Date(T0).toISOString(), deviceCount: 3 }]);
  });

  it('GET devices lists commissioned and registered devices, with filters', async () => {
    const all = (await inject('/api/tenants/lyon/devices')).json();
    expect(all.map((d: { id: string }) => d.id)).toEqual(['sl-1', 'sl-2', 'sl-3']);
    expect(all[0]).toMatchObject({ registered: true, online: true, firmwareVersion: '1.2.0', groups: ['rue-merciere'], inventory: { poleRef: 'P-001', lat: 45.7601, cctK: 3000 } });
    expect(all[1]).toMatchObject({ registered: false, online: false, reported: null });
    const street = (await inject('/api/tenants/lyon/devices?group=quai-saint-antoine')).json();
    expect(street.map((d: { id: string }) => d.id)).toEqual(['sl-3']);
    const online = (await inject('/api/tenants/lyon/devices?online=true')).json();
    expect(online.map((d: { id: string }) => d.id)).toEqual(['sl-1']);
    expect((await inject('/api/tenants/lyon/devices?online=maybe')).statusCode).toBe(400);
    const missing = await inject('/api/tenants/paris/devices');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SL_TENANT_NOT_FOUND');
  });

  it('GET one device shows desired state and the downlinks sent on Hello', async () => {
    const r = await inject('/api/tenants/lyon/devices/sl-1');
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.desired).toMatchObject({ configVersion: 1, config: { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: 45760100, longitudeE6: 4835100, nominalPowerW: 40 } });
    // Issue 14: the Hello's TimeSync took seq 1 but is not a row (only downlinks the device acknowledges are).
    expect(d.downlinks).toEqual([expect.objectContaining({ seq: 2, kind: 'config', ackStatus: 'pending' })]);
    expect((await inject('/api/tenants/lyon/devices/nope')).json().code).toBe('SL_DEVICE_NOT_FOUND');
    expect((await inject('/api/tenants/nice/devices/sl-1')).statusCode).toBe(404);
    expect((await inject('/api/tenants/lyon/devices/bad%20id')).statusCode).toBe(400);
  });

  it('GET states returns the history, newest first', async () => {
    for (const [i, level] of [30, 60].entries()) {
      await app.devices.handleMessage(uplinkTopic('lyon', 'sl-1'), (await device('lyon', 'sl-1')).uplink({
        seq: 10 + i, state: { level, targetLevel: level, source: pb.LevelSource.LEVEL_SOURCE_PLAN, configVersion: 1 },
      }));
    }
    const r = await inject('/api/tenants/lyon/devices/sl-1/states?limit=1');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject([{ level: 60, levelSource: 'plan' }]);
    expect((await inject('/api/tenants/lyon/devices/sl-1/states?limit=0')).statusCode).toBe(400);
  });

  it('PUT/DELETE device override', async () => {
    const r = await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/override', payload: { level: 100, durationS: 3600, fadeS: 2 } });
    expect(r.statusCode).toBe(202);
    const body = r.json();
    expect(body).toMatchObject({ expiresAt: new Date(T0 + 3600_000).toISOString(), devices: 1 });
    expect(body.overrideId).toBeGreaterThan(0);
    const d = (await inject('/api/tenants/lyon/devices/sl-1')).json();
    expect(d.desired.override).toMatchObject({ id: body.overrideId, level: 100, active: true });
    expect(d.downlinks[0]).toMatchObject({ kind: 'set_override' });
    const bad = await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/override', payload: { level: 50, durationS: 10, extra: 1 } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.issues.map((i: { field: string }) => i.field);
    expect(fields).toContain('durationS');
    const del = await inject({ method: 'DELETE', url: '/api/tenants/lyon/devices/sl-1/override' });
    expect(del.statusCode).toBe(200);
    expect((await inject('/api/tenants/lyon/devices/sl-1')).json().desired.override).toBeNull();
    expect((await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/ghost/override', payload: { level: 1, durationS: 60 } })).statusCode).toBe(404);
  });

  it('PUT/DELETE group override fans out to members', async () => {
    const r = await inject({ method: 'PUT', url: '/api/tenants/lyon/groups/rue-merciere/override', payload: { level: 20, durationS: 600 } });
    expect(r.statusCode).toBe(202);
    expect(r.json().devices).toBe(2);
    const sl2 = (await inject('/api/tenants/lyon/devices/sl-2')).json();
    expect(sl2.desired.override).toMatchObject({ level: 20 });
    expect((await inject({ method: 'DELETE', url: '/api/tenants/lyon/groups/rue-merciere/override' })).json()).toEqual({ devices: 2 });
    const missing = await inject({ method: 'PUT', url: '/api/tenants/lyon/groups/nowhere/override', payload: { level: 20, durationS: 600 } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('SL_GROUP_NOT_FOUND');
  });

  it('PUT config makes a new version', async () => {
    const r = await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/config', payload: { fallbackLevel: 80, curve: 'logarithmic' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ configVersion: 2, config: { fallbackLevel: 80, curve: 2, nominalPowerW: 40 } });
    expect((await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/config', payload: { fallbackLevel: 101 } })).statusCode).toBe(400);
    expect((await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/config', payload: { colour: 'red' } })).statusCode).toBe(400);
  });

  it('PUT plan on a device and on a group', async () => {
    const r = await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/plan', payload: plan });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ planId: 1, planVersion: 1, devices: 1 });
    const g = await inject({ method: 'PUT', url: '/api/tenants/lyon/groups/rue-merciere/plan', payload: { ...plan, planId: 1 } });
    expect(g.json()).toEqual({ planId: 1, planVersion: 2, devices: 2 });
    const d = (await inject('/api/tenants/lyon/devices/sl-1')).json();
    expect(d.desired.plan).toEqual({ id: 1, version: 2 });
    expect(d.downlinks[0]).toMatchObject({ kind: 'plan', summary: 'plan:1:2' });
    const bad = await inject({ method: 'PUT', url: '/api/tenants/lyon/devices/sl-1/plan', payload: { ...plan, defaultProgramId: 9, rules: [{ programId: 1, dates: ['2025-13-01'] }] } });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().details.issues.map((i: { field: string }) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['defaultProgramId', 'rules.0.dates.0']));
  });

  it('GET groups', async () => {
    const r = await inject('/api/tenants/lyon/groups');
    expect(r.json()).toMatchObject([{ id: 'quai-saint-antoine', memberCount: 1 }, { id: 'rue-merciere', memberCount: 2 }]);
    expect((await inject('/api/tenants/nope/groups')).statusCode).toBe(404);
  });

  it('POST inventory validates rows and refuses devices of another tenant', async () => {
    const dup = await inject({ method: 'POST', url: '/api/tenants/lyon/inventory', payload: [{ deviceId: 'x', lat: 1, lon: 1 }, { deviceId: 'x', lat: 1, lon: 1 }] });
    expect(dup.statusCode).toBe(400);
    const badLat = await inject({ method: 'POST', url: '/api/tenants/lyon/inventory', payload: [{ deviceId: 'x', lat: 91, lon: 1 }] });
    expect(badLat.json().details.issues[0].field).toBe('0.lat');
    const other = await inject({ method: 'POST', url: '/api/tenants/nice/inventory', payload: [{ deviceId: 'sl-1', lat: 43.7, lon: 7.26 }] });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('SL_DEVICE_OTHER_TENANT');
    const malformed = await inject({ method: 'POST', url: '/api/tenants/lyon/inventory', headers: { 'content-type': 'application/json' }, payload: '{not json' });
    expect(malformed.statusCode).toBe(400);
  });

  it('POST inventory accepts 10,000 rows', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ deviceId: `bulk-${i}`, lat: 48.85 + i * 1e-5, lon: 2.35, group: `rue-${i % 50}`, nominalPowerW: 30 }));
    const r = await inject({ method: 'POST', url: '/api/tenants/paris/inventory', payload: rows });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ upserted: 10_000, configsChanged: 10_000 });
    expect((await inject({ method: 'POST', url: '/api/tenants/paris/inventory', payload: [...rows, { deviceId: 'one-more', lat: 1, lon: 1 }] })).statusCode).toBe(400);
  }, 30_000);

  it('metrics as JSON and Prometheus text', async () => {
    const j = (await inject('/api/metrics')).json();
    expect(j).toMatchObject({ framesReceived: 3, framesRejectedTotal: 0, devicesKnown: 1, devicesOnline: 1 });
    expect(j.downlinksSent).toBeGreaterThan(0);
    const p = await inject('/metrics');
    expect(p.headers['content-type']).toMatch(/^text\/plain/);
    expect(p.body).toMatch(/^fleet_frames_received_total 3$/m);
    expect(p.body).toMatch(/^fleet_devices_online 1$/m);
  });

  it('serves the web UI (bundle built from src/ui) with no external resource and a same-origin CSP', async () => {
    const r = await inject('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).not.toMatch(/https?:\/\//);
    expect(r.body).toMatch(/<script type="module" src="\/ui\/app.js">/);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    const js = await inject('/ui/app.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.body.length).toBeGreaterThan(10_000);
    // Nothing is loaded from elsewhere (the CSP would refuse it anyway); the one absolute link is Leaflet's own
    // attribution anchor (a link the user may follow, not a resource the page loads).
    expect(js.body).not.toMatch(/src=["']https?:|url\(["']?https?:|@import/);
    expect(js.body.match(/href=["']https?:[^"']*/g) ?? []).toEqual(['href="https://leafletjs.com']);
    expect((await inject('/ui/app.css')).statusCode).toBe(200);
  }, 30_000);

  it('answers unknown routes with the catalogue 404', async () => {
    const r = await inject('/api/nothing');
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('SL_NOT_FOUND');
  });
});
