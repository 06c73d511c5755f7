/** Plans area routes through app.inject(): models → commissioning config, named plans, assignment and priority, validation, preview. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { encodeUplink, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { tempDir } from './helpers.js';
import { authedInject, type Inject } from '../src/testing.js';

const T = 'sarlat';
const steps = (off: number) => [{ anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 30 }, { anchor: 'clock', offsetMin: 23 * 60, level: 50 }, { anchor: 'clock', offsetMin: off, level: 0 }];
const body = (off = 60) => ({ programs: [{ id: 1, steps: steps(off) }], defaultProgramId: 1 });

describe('plans API', () => {
  let app: FastifyInstance;
  let as: Inject;
  const clock = { ms: Date.UTC(2026, 2, 10, 12) };
  const inject = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown, status = 200) => {
    const res = await as({ method, url: `/api/tenants/${T}${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => clock.ms });
    as = await authedInject(app, { tenant: T, role: 'manager' });
    await inject('PUT', '/luminaire-models/HERITAGE-24W', { name: 'lantern', cctK: 2700, ulrPct: 0.8, nominalW: 24, curve: 'logarithmic', minLevel: 10 });
    await inject('PUT', '/luminaire-models/MAIN-60W', { cctK: 4000, ulrPct: 2, nominalW: 60 });
    await inject('POST', '/inventory', [
      { deviceId: 'h-1', lat: 44.8890, lon: 1.2160, group: 'cathedrale', luminaireModel: 'HERITAGE-24W' },
      { deviceId: 'h-2', lat: 44.8891, lon: 1.2161, group: 'cathedrale', luminaireModel: 'HERITAGE-24W' },
      { deviceId: 'r-1', lat: 44.8900, lon: 1.2170, group: 'avenue', luminaireModel: 'MAIN-60W' },
    ]);
    for (const [i, d] of ['h-1', 'h-2', 'r-1'].entries()) {
      await app.devices.handleMessage(uplinkTopic(T, d), encodeUplink({ protocolVersion: 1, deviceId: d, seq: i + 1, hello: { firmwareVersion: '1' } }));
    }
  });
  afterAll(async () => { await app.close(); });

  it('commissioning gives each device its model\'s curve, min level and power in SetConfig', async () => {
    const d = await inject('GET', '/devices/h-1');
    expect(d.desired.config).toMatchObject({ curve: 2, minLevel: 10, nominalPowerW: 24 });
    expect((await inject('GET', '/luminaire-models')).map((m: { id: string }) => m.id)).toEqual(['HERITAGE-24W', 'MAIN-60W']);
  });

  it('refuses a plan with structural errors, naming the step', async () => {
    const res = await as({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: 'bad', plan: { programs: [{ id: 1, steps: [{ anchor: 'clock', offsetMin: -5, level: 120 }] }], defaultProgramId: 1 } } });
    expect(res.statusCode).toBe(422);
    const err = res.json();
    expect(err.code).toBe('SL_PLAN_INVALID');
    expect(err.details.findings.map((f: { code: string; ref: { step: number } }) => [f.code, f.ref.step])).toEqual(expect.arrayContaining([['level_out_of_range', 0], ['clock_offset_out_of_range', 0]]));
  });

  it('creates named plans, assigns them to groups, resolves by priority and pushes versions', async () => {
    const heritage = await inject('POST', '/plans', { name: 'Patrimoine 1h', plan: body(60) }, 201);
    const road = await inject('POST', '/plans', { name: 'Voirie', plan: body(5 * 60) }, 201);
    expect([heritage.planId, road.planId]).toEqual([1, 2]);
    const g = await inject('PUT', '/groups/cathedrale/settings', { category: 'b_heritage', planId: heritage.planId, priority: 10 });
    expect(g).toMatchObject({ category: 'b_heritage', planId: 1, members: 2, devicesChanged: 2 });
    // Off at 01:00 with no fade: the heritage rule holds; the 2700 K lanterns pass; findings cite articles.
    expect(g.compliance.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    await inject('PUT', '/groups/avenue/settings', { category: 'a', planId: road.planId });
    expect((await inject('GET', '/devices/r-1')).desired.plan).toMatchObject({ id: 2, version: 1 });

    // h-1 joins the avenue group too: the heritage group's higher priority keeps plan 1.
    await inject('POST', '/groups/avenue/members', { add: ['h-1'] });
    expect((await inject('GET', '/devices/h-1/plan-resolution')).resolved).toMatchObject({ planId: 1, groupId: 'cathedrale' });
    await inject('PUT', '/groups/avenue/settings', { priority: 20 });
    expect((await inject('GET', '/devices/h-1/plan-resolution')).resolved).toMatchObject({ planId: 2, groupId: 'avenue' });
    expect((await inject('GET', '/devices/h-1')).desired.plan).toMatchObject({ id: 2 });

    // A new version reaches every device of the groups it is assigned to.
    const v2 = await inject('POST', `/plans/${road.planId}/versions`, { plan: body(4 * 60) }, 201);
    expect(v2).toMatchObject({ version: 2, devicesChanged: 2 });
    const listed = await inject('GET', '/plans');
    expect(listed.find((p: { planId: number }) => p.planId === 2)).toMatchObject({ name: 'Voirie', latestVersion: 2, groups: ['avenue'] });
    expect((await inject('GET', `/plans/${road.planId}`)).versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await inject('GET', `/plans/${road.planId}/versions/1`)).plan.programs[0].steps[2].offsetMin).toBe(300);
  });

  it('validates a draft against a group before saving: decree findings with articles', async () => {
    const r = await inject('POST', '/plans/validate', { plan: body(120), groupId: 'cathedrale', from: '2026-01-01', nights: 365 });
    expect(r.ok).toBe(false);
    expect(r.findings.find((f: { code: string }) => f.code === 'lit_after_limit')).toMatchObject({ article: 'arrêté du 27/12/2018, art. 2 II b', ref: { step: 2 } });
    const road = await inject('GET', '/groups/avenue/compliance?from=2026-01-01&nights=30');
    const codes = road.findings.map((f: { code: string; severity: string }) => `${f.severity}:${f.code}`);
    expect(codes).toEqual(expect.arrayContaining(['info:no_hour_rule_road', 'error:cct_above_3000k', 'warning:ulr_above_1pct']));
  });

  it('previews a group: curve per night and energy against the dusk-to-dawn baseline', async () => {
    const p = await inject('POST', '/plans/preview', { groupId: 'cathedrale', from: '2026-03-28', nights: 3, sampleMin: 60 });
    expect(p.nights.map((n: { date: string }) => n.date)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(p.luminaires).toBe(2);
    expect(p.baselineKwh).toBeGreaterThan(p.energyKwh);
    expect(p.savedPct).toBeGreaterThan(20);
    // DST night (29 March 2026, evening 28th): 23:00 local is 22:00 UTC before the change, 21:00 UTC after.
    expect(p.nights[0].steps[1].at).toBe('2026-03-28T22:00:00.000Z');
    expect(p.nights[1].steps[1].at).toBe('2026-03-29T21:00:00.000Z');
    const tooMany = await as({ method: 'POST', url: `/api/tenants/${T}/plans/preview`, payload: { groupId: 'cathedrale', nights: 400 } });
    expect(tooMany.statusCode).toBe(400);
  });

  it('the OpenAPI document lists the plans routes', async () => {
    const doc = (await as('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/tenants/{tenant}/plans', '/api/tenants/{tenant}/plans/validate', '/api/tenants/{tenant}/plans/preview', '/api/tenants/{tenant}/groups/{groupId}/settings', '/api/tenants/{tenant}/luminaire-models/{modelId}']));
  });
});
