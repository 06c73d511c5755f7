/**
 * Issue 7 follow-up, over HTTP: the syndicate's view across its member towns (and towns kept apart from it),
 * the one-level tenant model, account management (disable / enable / new password; a disabled account's
 * sessions and tokens stop at once) and the "updating" state of lights in an active OTA campaign.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { sunEventUtc, ZENITH_OFFICIAL } from '@streetlight/firmware';
import { build } from '../src/app.js';
import { generateSigningKey } from '../src/ota/signing.js';
import { authedInject, authHeaders, createUser, login, provisionDevice, provisionDevices, type Inject, type TestDevice, TEST_SCRYPT } from '../src/testing.js';
import { tempDir } from './helpers.js';

const PW = 'correct horse battery';
const LAT = 44.89;
const LON = 1.21;
const NOON = Date.UTC(2025, 5, 1, 10, 0, 0) / 1000; // local noon (CEST) of 2025-06-01
const SUNSET = sunEventUtc(Date.UTC(2025, 5, 1), LAT, LON, ZENITH_OFFICIAL, false)! / 1000;
const SUNRISE = sunEventUtc(Date.UTC(2025, 5, 2), LAT, LON, ZENITH_OFFICIAL, true)! / 1000;

/** One night of 15-min records: a 40 W luminaire at 50 % (20 W) from sunset to sunrise. */
const night = () => Array.from({ length: 96 }, (_, i) => {
  const start = NOON + i * 900;
  const dark = Math.max(0, Math.min(start + 900, SUNRISE) - Math.max(start, SUNSET));
  return { seq: i + 1, start, durationS: 900, energyMwh: Math.round((20_000 * dark) / 3600), burningS: dark, avgLevelX10: Math.round((500 * dark) / 900), avgPowerMw: Math.round((20_000 * dark) / 900) };
});

describe('syndicate overview and tenant model', () => {
  let app: FastifyInstance;
  let root: Inject;
  const clock = { ms: Date.UTC(2025, 5, 2, 10, 0, 0) };
  const seqs = new Map<string, number>();
  // Issue 11: a light is provisioned before it speaks; its frames are sealed with its key.
  const provisioned = new Map<string, TestDevice>();
  const send = async (tenant: string, device: string, body: Record<string, unknown>) => {
    const seq = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, seq);
    let d = provisioned.get(device);
    if (!d) provisioned.set(device, d = await provisionDevice(app, tenant, device));
    return app.devices.handleMessage(uplinkTopic(tenant, device), d.uplink({ seq, ...body }));
  };
  const row = (deviceId: string) => ({ deviceId, lat: LAT, lon: LON, group: 'centre', nominalPowerW: 40 });

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, passwordHashing: TEST_SCRYPT, now: () => clock.ms });
    root = await authedInject(app);
    for (const [id, name, kind, parentId] of [['sde24', 'SDE 24', 'syndicate', null], ['sarlat', 'Sarlat', 'town', 'sde24'], ['domme', 'Domme', 'town', 'sde24'], ['lyon', 'Lyon', 'town', null]] as const) {
      expect((await root({ method: 'POST', url: '/api/tenants', payload: { id, name, kind, parentId } })).statusCode).toBe(200);
    }
    // Sarlat: s-1 reports a night of energy; s-2 is commissioned but never connected.
    expect((await root({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [row('s-1'), row('s-2')] })).statusCode).toBe(200);
    await send('sarlat', 's-1', { hello: { firmwareVersion: '1.0.0' } });
    const recs = night();
    for (let k = 0; k < 96; k += 32) await send('sarlat', 's-1', { energy: { records: recs.slice(k, k + 32) } });
    // Domme: d-1 connected then went offline, with a lamp failure; d-2 online.
    expect((await root({ method: 'POST', url: '/api/tenants/domme/inventory', payload: [row('d-1'), row('d-2')] })).statusCode).toBe(200);
    await send('domme', 'd-1', { hello: { firmwareVersion: '1.0.0' } });
    await send('domme', 'd-2', { hello: { firmwareVersion: '1.0.0' } });
    await send('domme', 'd-1', { event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: Math.floor(clock.ms / 1000), value: 0, detail: 'no current' } });
    await app.devices.handleMessage(`sl/v1/domme/d-1/status`, pb.Presence.encode({ online: false }).finish());
    // Lyon (not a member) has a light too.
    expect((await root({ method: 'POST', url: '/api/tenants/lyon/inventory', payload: [row('l-1')] })).statusCode).toBe(200);
    await app.devices.idle();
    await createUser(app, { email: 'chef@sde24.fr', password: PW, roles: { sde24: 'viewer' } });
    await createUser(app, { email: 'manager@sarlat.fr', password: PW, roles: { sarlat: 'manager' } });
  });
  afterAll(async () => { await app.close(); });

  it('sums each member town for a period: lights, offline, never connected, faults, energy and savings', async () => {
    const h = await login(app, 'chef@sde24.fr', PW);
    const r = await app.inject({ url: '/api/tenants/sde24/towns?month=2025-06', headers: h });
    expect(r.statusCode, r.body).toBe(200);
    const o = r.json();
    expect(o.syndicate).toEqual({ tenantId: 'sde24', name: 'SDE 24' });
    expect([o.from, o.to]).toEqual(['2025-06-01', '2025-06-30']);
    expect(o.towns.map((t: { tenantId: string }) => t.tenantId)).toEqual(['domme', 'sarlat']); // by name; Lyon is not a member
    const [domme, sarlat] = o.towns;
    expect(domme).toMatchObject({ lights: 2, online: 1, offline: 1, neverConnected: 0, faulty: 1, openAlarms: 1, updating: 0, role: 'viewer' });
    expect(sarlat).toMatchObject({ lights: 2, online: 1, offline: 0, neverConnected: 1, faulty: 0, openAlarms: 0 });
    const darkH = (SUNRISE - SUNSET) / 3600;
    expect(sarlat.energy.energyKwh).toBeCloseTo(0.02 * darkH, 2);
    expect(sarlat.energy.savedPct).toBeCloseTo(50, 0);
    expect(sarlat.energy.costEur).toBeCloseTo(sarlat.energy.energyKwh * 0.2, 2);
    expect(domme.energy.energyKwh).toBe(0);
    // The same figures as the town's own report.
    const own = (await root('/api/tenants/sarlat/energy/report?month=2025-06')).json();
    expect(sarlat.energy.energyKwh).toBe(own.total.energyKwh);
    expect(o.total).toMatchObject({ lights: 4, offline: 1, neverConnected: 1, faulty: 1 });
    expect(o.total.energy.energyKwh).toBeCloseTo(sarlat.energy.energyKwh, 3);
    // Another month has no energy; the counts are those of now.
    const may = (await app.inject({ url: '/api/tenants/sde24/towns?month=2025-05', headers: h })).json();
    expect(may.total.energy.energyKwh).toBe(0);
    expect((await app.inject({ url: '/api/tenants/sde24/towns?month=2025-05&year=2025', headers: h })).statusCode).toBe(400);
    // The syndicate role opens each member town, not Lyon.
    expect((await app.inject({ url: '/api/tenants/domme/devices', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tenants/lyon/devices', headers: h })).statusCode).toBe(404);
  });

  it('a town user reaches neither the syndicate view nor another town; a town is not a syndicate', async () => {
    const m = await login(app, 'manager@sarlat.fr', PW);
    for (const url of ['/api/tenants/sde24/towns', '/api/tenants/domme/devices', '/api/tenants/sde24/users']) {
      const r = await app.inject({ url, headers: m });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code).toBe('SL_TENANT_NOT_FOUND');
    }
    const me = (await app.inject({ url: '/api/auth/me', headers: m })).json();
    expect(me.tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual(['sarlat']);
    const own = await app.inject({ url: '/api/tenants/sarlat/towns', headers: m });
    expect(own.statusCode).toBe(404);
    expect(own.json().code).toBe('SL_NOT_SYNDICATE');
    // Tokens follow the same rule: a syndicate token sees the overview, a town token does not.
    expect((await app.inject({ url: '/api/tenants/sde24/towns', headers: await authHeaders(app, { tenant: 'sde24', role: 'viewer' }) })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tenants/sde24/towns', headers: await authHeaders(app, { tenant: 'domme', role: 'admin' }) })).statusCode).toBe(404);
  });

  it('keeps the model one level deep: no syndicate inside a syndicate, no syndicate with members turned into a town', async () => {
    const nested = await root({ method: 'POST', url: '/api/tenants', payload: { id: 'sub', name: 'Sub', kind: 'syndicate', parentId: 'sde24' } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().details.issues[0]).toMatchObject({ field: 'parentId' });
    const demote = await root({ method: 'POST', url: '/api/tenants', payload: { id: 'sde24', name: 'SDE 24', kind: 'town' } });
    expect(demote.statusCode).toBe(400);
    expect(demote.json().details.issues[0]).toMatchObject({ field: 'kind' });
    // A syndicate admin creates member towns, never takes over a town outside it.
    await createUser(app, { email: 'admin@sde24.fr', password: PW, roles: { sde24: 'admin' } });
    const a = await login(app, 'admin@sde24.fr', PW);
    expect((await app.inject({ method: 'POST', url: '/api/tenants', headers: a, payload: { id: 'beynac', name: 'Beynac', parentId: 'sde24' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/tenants', headers: a, payload: { id: 'lyon', name: 'Lyon', parentId: 'sde24' } })).statusCode).toBe(403);
    const o = (await app.inject({ url: '/api/tenants/sde24/towns', headers: a })).json();
    expect(o.towns.map((t: { tenantId: string }) => t.tenantId)).toEqual(['beynac', 'domme', 'sarlat']);
    expect(o.towns[0]).toMatchObject({ lights: 0, energy: { energyKwh: 0 } });
  });
});

describe('account management', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, passwordHashing: TEST_SCRYPT });
    const root = await authedInject(app);
    for (const [id, name, kind, parentId] of [['sde24', 'SDE 24', 'syndicate', null], ['sarlat', 'Sarlat', 'town', 'sde24'], ['lyon', 'Lyon', 'town', null]] as const) {
      expect((await root({ method: 'POST', url: '/api/tenants', payload: { id, name, kind, parentId } })).statusCode).toBe(200);
    }
    await createUser(app, { email: 'admin@sarlat.fr', password: PW, roles: { sarlat: 'admin' } });
    await createUser(app, { email: 'agent@sarlat.fr', password: PW, roles: { sarlat: 'manager' } });
    await createUser(app, { email: 'both@towns.fr', password: PW, roles: { sarlat: 'viewer', lyon: 'viewer' } });
    await createUser(app, { email: 'admin@sde24.fr', password: PW, roles: { sde24: 'admin' } });
  });
  afterAll(async () => { await app.close(); });

  const idOf = async (h: Record<string, string>, email: string): Promise<number> =>
    ((await app.inject({ url: '/api/tenants/sarlat/users', headers: h })).json() as Array<{ id: number; email: string }>).find((u) => u.email === email)!.id;

  it('a disabled account cannot sign in, and its sessions and the tokens it created stop at once; enabling restores sign-in and tokens', async () => {
    const admin = await login(app, 'admin@sarlat.fr', PW);
    const agent = await login(app, 'agent@sarlat.fr', PW);
    // The agent has an integration token (created through a token of theirs is not possible: through the admin API as them).
    const agentId = await idOf(admin, 'agent@sarlat.fr');
    const { token } = await app.auth.createToken({ tenantId: 'sarlat', role: 'viewer', name: 'agent script', createdBy: agentId });
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: bearer })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: agent })).statusCode).toBe(200);

    const off = await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${agentId}/disable`, headers: admin });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toEqual({ ok: true, disabled: true });
    expect((await app.inject({ url: '/api/auth/me', headers: agent })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: bearer })).statusCode).toBe(401);
    const refused = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'agent@sarlat.fr', password: PW } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('SL_BAD_CREDENTIALS');
    const listed = (await app.inject({ url: '/api/tenants/sarlat/users', headers: admin })).json();
    expect(listed.find((u: { email: string }) => u.email === 'agent@sarlat.fr').disabled).toBe(true);
    const log = (await app.inject({ url: '/api/tenants/sarlat/audit?limit=5', headers: admin })).json();
    expect(log[0]).toMatchObject({ actorName: 'admin@sarlat.fr', action: 'POST /users/:userId/disable', target: `/users/${agentId}/disable` });

    expect((await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${agentId}/enable`, headers: admin })).json()).toEqual({ ok: true, disabled: false });
    await login(app, 'agent@sarlat.fr', PW);
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: bearer })).statusCode).toBe(200);
  });

  it('only someone who is admin wherever the account has a role may disable it or give it a new password; never oneself', async () => {
    const admin = await login(app, 'admin@sarlat.fr', PW);
    const bothId = await idOf(admin, 'both@towns.fr');
    const selfId = await idOf(admin, 'admin@sarlat.fr');
    const r = await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${bothId}/disable`, headers: admin });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toMatch(/role elsewhere/);
    expect((await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${selfId}/disable`, headers: admin })).statusCode).toBe(403);
    // Sarlat's admin may still remove the person's role on Sarlat; Lyon's access stays.
    expect((await app.inject({ method: 'DELETE', url: `/api/tenants/sarlat/users/${bothId}`, headers: admin })).statusCode).toBe(200);
    const both = await login(app, 'both@towns.fr', PW);
    expect((await app.inject({ url: '/api/auth/me', headers: both })).json().tenants.map((t: { tenantId: string }) => t.tenantId)).toEqual(['lyon']);
    // A user of another town is not found through Sarlat.
    expect((await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${bothId}/disable`, headers: admin })).statusCode).toBe(404);
    // A manager is not an admin.
    const agent = await login(app, 'agent@sarlat.fr', PW);
    expect((await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${selfId}/disable`, headers: agent })).statusCode).toBe(403);
    // The syndicate's admin is admin of its member towns: may manage Sarlat's people.
    const sy = await login(app, 'admin@sde24.fr', PW);
    const agentId = await idOf(sy, 'agent@sarlat.fr');
    const reset = await app.inject({ method: 'POST', url: `/api/tenants/sarlat/users/${agentId}/password`, headers: sy });
    expect(reset.statusCode, reset.body).toBe(200);
    const { password } = reset.json();
    expect(password).toMatch(/^[\w-]{16}$/);
    expect((await app.inject({ url: '/api/auth/me', headers: agent })).statusCode).toBe(401); // sessions ended
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'agent@sarlat.fr', password: PW } })).statusCode).toBe(401);
    await login(app, 'agent@sarlat.fr', password);
    const log = (await app.inject({ url: '/api/tenants/sarlat/audit?limit=3', headers: sy })).json();
    expect(JSON.stringify(log)).not.toContain(password);
  });
});

describe('lights in an active OTA campaign are "updating"', () => {
  let app: FastifyInstance;
  let inject: Inject;
  const clock = { ms: Date.UTC(2026, 5, 1, 10, 0, 0) };
  let lights: Map<string, TestDevice>;

  beforeAll(async () => {
    const dir = tempDir();
    generateSigningKey(join(dir, 'ota.pem'));
    app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dir, 'ota.pem') }, logger: false, passwordHashing: TEST_SCRYPT, now: () => clock.ms });
    inject = await authedInject(app);
    for (const [id, name, kind, parentId] of [['sy', 'Syndicat', 'syndicate', null], ['t1', 'Town', 'town', 'sy']] as const) {
      expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id, name, kind, parentId } })).statusCode).toBe(200);
    }
    // Issue 11: provisioned lights, their frames sealed.
    lights = await provisionDevices(app, 't1', ['d1', 'd2']);
    for (const id of ['d1', 'd2']) {
      await app.devices.handleMessage(uplinkTopic('t1', id), (lights.get(id) as TestDevice).uplink({ seq: 1, hello: { firmwareVersion: '1.1.0', hardwareModel: 'SL-ESP32' } }));
    }
    await app.devices.idle();
  });
  afterAll(async () => { await app?.close(); });

  it('follows the campaign\'s per-device state in the device list, the detail, the filter and the syndicate view', async () => {
    const devices = async () => Object.fromEntries(((await inject('/api/tenants/t1/devices')).json() as Array<{ id: string; ota: unknown }>).map((d) => [d.id, d.ota]));
    expect(await devices()).toEqual({ d1: null, d2: null });
    const img = await inject({ method: 'POST', url: '/api/tenants/t1/ota/images?version=1.2.0&hardwareModels=SL-ESP32', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(40_000, 7) });
    expect(img.statusCode, img.body).toBe(201);
    const c = await inject({ method: 'POST', url: '/api/tenants/t1/ota/campaigns', payload: { imageId: img.json().id, name: 'Night fix', target: { filter: {} } } });
    expect(c.statusCode, c.body).toBe(201);
    const campaignId = c.json().id as number;
    // The canary (1 of 2) is offered the image: updating; the queued one is not yet.
    expect(await devices()).toEqual({ d1: { campaignId, campaignName: 'Night fix', state: 'offered', progressPct: 0 }, d2: null });
    const status = (state: number, offset: number) => app.devices.handleMessage(uplinkTopic('t1', 'd1'),
      (lights.get('d1') as TestDevice).uplink({ seq: 2 + state, otaStatus: { imageId: img.json().id, state, offset } }));
    await status(pb.OtaState.OTA_STATE_DOWNLOADING, 16_384);
    await app.devices.idle();
    expect((await devices()).d1).toMatchObject({ state: 'downloading', progressPct: 41 });
    expect((await inject('/api/tenants/t1/devices/d1')).json().ota).toMatchObject({ campaignId, state: 'downloading' });
    expect(((await inject('/api/tenants/t1/devices?updating=true')).json() as Array<{ id: string }>).map((d) => d.id)).toEqual(['d1']);
    expect((await inject('/api/tenants/sy/towns')).json().towns[0]).toMatchObject({ tenantId: 't1', updating: 1 });
    await status(pb.OtaState.OTA_STATE_CONFIRMED, 40_000);
    await app.devices.idle();
    clock.ms += 5_000;
    await app.ota.tick();
    // Confirmed: no longer updating; the next wave's device now is.
    const after = await devices();
    expect(after.d1).toBeNull();
    expect(after.d2).toMatchObject({ state: 'offered' });
  });
});
