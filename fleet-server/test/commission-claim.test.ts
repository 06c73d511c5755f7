/**
 * Issue 15: an installer commissions the controller in hand with the claim code of its label
 * (POST /api/tenants/:tenant/devices/:deviceId/commission): only the right code of a provisioned, unrevoked
 * controller of the town does it; the inventory row and the configuration follow; the audit names the controller
 * and never shows the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { twoTownsApp } from './helpers.js';

const T0 = Date.UTC(2026, 10, 23, 20, 0, 0);

describe('commissioning with a claim code', () => {
  let app: FastifyInstance;
  let admin: Inject;
  let installer: Inject;
  let viewer: Inject;
  let a: TestDevice;
  let b: TestDevice;
  let other: TestDevice;
  const place = { poleRef: 'P-17', lat: 44.8901, lon: 1.2169, group: 'rue-de-la-republique', nominalPowerW: 36 };
  const commission = (as: Inject, deviceId: string, body: Record<string, unknown>) =>
    as({ method: 'POST', url: `/api/tenants/sarlat/devices/${deviceId}/commission`, payload: body });

  beforeAll(async () => {
    const t = await twoTownsApp(T0);
    ({ app, admin } = t);
    installer = await t.as('sarlat', 'installer');
    viewer = await t.as('sarlat', 'viewer');
    a = await provisionDevice(app, 'sarlat', 'SRL-0101');
    b = await provisionDevice(app, 'sarlat', 'SRL-0102');
    other = await provisionDevice(app, 'domme', 'DOM-0001');
    // SRL-0101 is on line: its configuration goes out as soon as it is commissioned.
    await app.devices.handleMessage(uplinkTopic('sarlat', a.deviceId), a.uplink({ seq: 1, hello: { firmwareVersion: '1.5.0', hardwareModel: 'SL-ESP32' } }));
  });
  afterAll(async () => { await app.close(); });

  it('refuses a wrong code, another town\'s controller, an unknown one, and a viewer', async () => {
    const wrong = await commission(installer, a.deviceId, { claimCode: 'AAAA-BBBB-CCCC', ...place });
    expect([wrong.statusCode, wrong.json().code, wrong.json().details]).toEqual([403, 'SL_CLAIM_REFUSED', { reason: 'wrong_code' }]);
    const foreign = await commission(installer, other.deviceId, { claimCode: other.claimCode, ...place });
    expect([foreign.statusCode, foreign.json().details]).toEqual([403, { reason: 'unknown_device' }]);
    const unknown = await commission(installer, 'SRL-9999', { claimCode: a.claimCode, ...place });
    expect([unknown.statusCode, unknown.json().details]).toEqual([403, { reason: 'unknown_device' }]);
    expect((await commission(viewer, a.deviceId, { claimCode: a.claimCode, ...place })).json().code).toBe('SL_FORBIDDEN');
    const bad = await commission(installer, a.deviceId, { claimCode: a.claimCode, ...place, lat: 95 });
    expect(bad.json().code).toBe('SL_VALIDATION');
    expect((await admin('/api/tenants/sarlat/devices/SRL-0101')).json().inventory ?? null).toBeNull(); // nothing written
  });

  it('commissions with the code as typed on a phone; the configuration goes out; a second time is a correction', async () => {
    const typed = a.claimCode.toLowerCase().replace(/-/g, ' ');
    const r = await commission(installer, a.deviceId, { claimCode: typed, ...place, accuracyM: 6 });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ deviceId: 'SRL-0101', firstClaim: true, configsChanged: 1, online: true });
    const detail = (await admin('/api/tenants/sarlat/devices/SRL-0101')).json() as {
      inventory: { poleRef: string; lat: number; lon: number; nominalPowerW: number }; groups: string[]; downlinks: Array<{ kind: string }>;
    };
    expect(detail.inventory).toMatchObject({ poleRef: 'P-17', lat: 44.8901, lon: 1.2169, nominalPowerW: 36 });
    expect(detail.groups).toEqual(['rue-de-la-republique']);
    expect(detail.downlinks.map((d) => d.kind)).toContain('config'); // sent at once: it is on line
    const again = await commission(installer, a.deviceId, { claimCode: a.claimCode, ...place, poleRef: 'P-18' });
    expect(again.json()).toMatchObject({ firstClaim: false });
    // Not yet on line: commissioned all the same, its configuration waits for its Hello.
    expect((await commission(installer, b.deviceId, { claimCode: b.claimCode, ...place, poleRef: 'P-19' })).json()).toMatchObject({ firstClaim: true, online: false });
  });

  it('names the controller in the audit log and masks the code', async () => {
    const audit = (await admin('/api/tenants/sarlat/audit')).json() as Array<{ action: string; target: string; detail: Record<string, unknown> }>;
    const rows = audit.filter((x) => x.target.includes('SRL-0101/commission'));
    expect(rows.map((x) => x.detail.poleRef).sort()).toEqual(['P-17', 'P-18']); // refusals are not audited: nothing changed
    expect(rows.find((x) => x.detail.poleRef === 'P-17')?.detail).toMatchObject({ claimCode: '***', accuracyM: 6 });
    expect(JSON.stringify(audit)).not.toContain(a.claimCode);
  });

  it('gives a controller the plan assigned to the group it joins', async () => {
    const plan = (await admin({ method: 'POST', url: '/api/tenants/sarlat/plans', payload: { name: 'Rue 80 %', plan: {
      programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] }], defaultProgramId: 1,
    } } })).json() as { planId: number };
    const assigned = await admin({ method: 'PUT', url: '/api/tenants/sarlat/groups/rue-de-la-republique/settings', payload: { planId: plan.planId } });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const c = await provisionDevice(app, 'sarlat', 'SRL-0103');
    expect((await commission(installer, c.deviceId, { claimCode: c.claimCode, ...place, poleRef: 'P-20' })).statusCode).toBe(200);
    const d = (await admin('/api/tenants/sarlat/devices/SRL-0103')).json() as { desired: { plan: { id: number } | null } | null };
    expect(d.desired?.plan?.id).toBe(plan.planId);
  });

  it('bulk commissioning refuses a controller provisioned for another town, even before it first connects', async () => {
    const r = await admin({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [{ deviceId: other.deviceId, ...place }] });
    expect([r.statusCode, r.json().code, r.json().details]).toEqual([409, 'SL_DEVICE_OTHER_TENANT', { deviceIds: ['DOM-0001'], count: 1 }]);
    expect((await admin('/api/tenants/domme/devices/DOM-0001')).json().inventory ?? null).toBeNull();
  });

  it('refuses a revoked controller\'s code', async () => {
    await app.identities.revoke(b.deviceId);
    const r = await commission(installer, b.deviceId, { claimCode: b.claimCode, ...place });
    expect([r.statusCode, r.json().details]).toEqual([403, { reason: 'revoked' }]);
  });
});
