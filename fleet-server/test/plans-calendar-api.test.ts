/**
 * Calendar sets through the API and on the wire (issue 16): the ministry's school holiday file imported (and a
 * malformed one refused with line numbers), a plan with a public holiday exception, a school holiday rule and a
 * named event; the device receives the sets expanded into dated rules within the firmware's bounds (a real
 * SetPlan frame read on the embedded broker); the group's month view; the decree check over the year citing the
 * night; a new version before the window runs out and when Alsace-Moselle is switched on.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import mqtt from 'mqtt';
import { decodeDownlinkFrame, MAX_PLAN_RULES, MAX_RULE_DATES, uplinkTopic, type Downlink } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, brokerObserver, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { tempDir, waitFor } from './helpers.js';

const T = 'cal';
const CSV = readFileSync(new URL('./fixtures/fr-en-calendrier-scolaire.csv', import.meta.url));
type SentPlan = NonNullable<NonNullable<Downlink['plan']>['plan']>;

describe('calendar sets: API, expansion for the devices, month view, decree check', () => {
  let app: FastifyInstance;
  let as: Inject;
  let spy: mqtt.MqttClient;
  let dev: TestDevice;
  let seq = 1;
  const plans: SentPlan[] = [];
  const clock = { ms: Date.UTC(2024, 10, 20, 12) };
  const inject = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = 200) => {
    const res = await as({ method, url: `/api/tenants/${T}${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const hello = async (plan?: SentPlan) => {
    await app.devices.handleMessage(uplinkTopic(T, 'c-1'), dev.uplink({ seq: seq++, hello: { firmwareVersion: '1.0.0', ...(plan ? { plan: { id: plan.id, version: plan.version } } : {}) } }));
    await app.devices.idle();
  };

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => clock.ms });
    as = await authedInject(app, { tenant: T, role: 'manager' });
    await inject('POST', '/inventory', [{ deviceId: 'c-1', lat: 44.889, lon: 1.216, group: 'cathedrale', nominalPowerW: 30 }]);
    dev = await provisionDevice(app, T, 'c-1');
    spy = await mqtt.connectAsync(app.fleet.brokerUrl, { ...brokerObserver(app, 'cal-spy'), clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    spy.on('message', (_topic, payload) => {
      const d = decodeDownlinkFrame(payload);
      if (d.ok && d.message.plan?.plan) plans.push(d.message.plan.plan);
    });
    await spy.subscribeAsync(`sl/v1/${T}/+/down`, { qos: 1 });
  });
  afterAll(async () => {
    await spy?.endAsync();
    await app?.close();
  });

  it('imports the ministry\'s school holiday file and refuses a malformed one with its line numbers', async () => {
    const res = await as({ method: 'POST', url: `/api/tenants/${T}/calendar/school-holidays`, headers: { 'content-type': 'text/csv' }, payload: CSV });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ periods: 19, byZone: { A: 5, B: 5, C: 7, Corse: 2 }, schoolYears: ['2024-2025', '2025-2026'] });
    expect(res.json().skipped.map((s: { line: number }) => s.line)).toEqual([7, 20, 24]);
    const settings = await inject('GET', '/calendar/settings');
    expect(settings.school.zones.find((z: { zone: string }) => z.zone === 'C')).toMatchObject({ periods: 7, first: '2024-10-19', last: '2025-11-03' });

    const bad = Buffer.from('Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\nNoël;-;2024-12-21;2024-12-01;Paris;Zone C;2024-2025\n');
    const refused = await as({ method: 'POST', url: `/api/tenants/${T}/calendar/school-holidays`, headers: { 'content-type': 'text/csv' }, payload: bad });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'SL_VALIDATION', details: { reason: 'file_refused', problems: [{ line: 2 }] } });
    // Nothing of it was stored.
    expect((await inject('GET', '/calendar/school-holidays?zone=C'))).toHaveLength(7);
  });

  it('sends the device the sets expanded into dated rules within the firmware\'s bounds', async () => {
    const plan = {
      programs: [
        { id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 30, level: 0 }] },
        { id: 2, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 180, level: 0 }] },
      ],
      rules: [
        { programId: 2, sets: ['fr-public-holidays'], priority: 1 },
        { programId: 2, sets: ['fr-school-C'] },
        { programId: 2, dates: ['2025-06-21'], name: 'Fête de la musique', priority: 2 },
      ],
      defaultProgramId: 1,
    };
    const created = await inject('POST', '/plans', { name: 'Cathédrale', plan }, 201);
    await inject('PUT', '/groups/cathedrale/settings', { category: 'b_heritage', planId: created.planId });
    await hello();
    const sent = await waitFor(() => plans.find((p) => p.id === created.planId), 30_000, 'a SetPlan', () => plans);
    const rules = sent.rules ?? [];
    expect(rules.length).toBeLessThanOrEqual(MAX_PLAN_RULES);
    for (const r of rules) expect((r.dates ?? []).length).toBeLessThanOrEqual(MAX_RULE_DATES);
    const datesOf = (programId: number) => rules.filter((r) => r.programId === programId).flatMap((r) => r.dates ?? []);
    expect(datesOf(2)).toEqual(expect.arrayContaining([20241225, 20250101, 20250421, 20250714, 20241220, 20250223, 20250621]));
    expect(datesOf(2)).not.toContain(20241104); // a school night
    // The holiday rule keeps its priority; the event its own.
    expect(rules.find((r) => (r.dates ?? []).includes(20241225))?.priority).toBe(1);
    expect(rules.find((r) => (r.dates ?? []).includes(20250621))?.priority).toBe(2);
    const stored = await inject('GET', `/plans/${created.planId}`);
    expect(stored.plan.calendar).toMatchObject({ from: '2024-11-19' });
  });

  it('shows the group\'s month: the holiday night on its program, with the rule that chose it', async () => {
    const m = await inject('GET', '/groups/cathedrale/calendar?month=2024-12');
    const night = (d: string) => m.nights.find((n: { date: string }) => n.date === d);
    expect(night('2024-12-25')).toMatchObject({ programId: 2, ruleIndex: 0, ruleSets: ['fr-public-holidays'], publicHoliday: { fr: 'Noël', en: 'Christmas Day' } });
    expect(night('2024-12-10')).toMatchObject({ programId: 1, ruleIndex: null });
    expect(night('2024-12-23')).toMatchObject({ programId: 2, ruleIndex: 1 });
    // The editor's level preview runs the holiday's program on the holiday's night too.
    const preview = await inject('POST', '/plans/preview', { planId: m.planId, groupId: 'cathedrale', from: '2024-12-24', nights: 3 });
    expect(preview.nights.map((n: { date: string; programId: number }) => [n.date, n.programId])).toEqual([['2024-12-24', 2], ['2024-12-25', 2], ['2024-12-26', 2]]);
    const plain = await inject('POST', '/plans/preview', { planId: m.planId, groupId: 'cathedrale', from: '2024-12-10', nights: 2 });
    expect(plain.nights.map((n: { programId: number }) => n.programId)).toEqual([1, 1]);
    const draft = await inject('POST', '/plans/calendar/preview', { planId: m.planId, month: '2025-06' });
    expect(draft.nights.find((n: { date: string }) => n.date === '2025-06-21')).toMatchObject({ programId: 2, ruleName: 'Fête de la musique' });
  });

  it('checks the decree over the year with the calendar: findings cite the night', async () => {
    const c = await inject('GET', '/groups/cathedrale/compliance');
    const late = c.findings.filter((f: { severity: string; ref?: { programId?: number } }) => f.severity === 'error' && f.ref?.programId === 2);
    expect(late.length).toBeGreaterThan(0);
    // 2024: the first night of program 2 is New Year's Day; public holidays plus school holidays of zone C.
    expect(late[0].ref.night).toBe('2024-01-01');
    expect(late[0].article).toMatch(/art\. 2/);
  });

  it('publishes a new version before the window runs out, and when the town observes Alsace-Moselle', async () => {
    const before = await inject('GET', '/plans/1');
    expect(await app.calendar.refreshDue(T)).toEqual([]);
    const to = before.plan.calendar.to as string;
    clock.ms = Date.parse(`${to}T12:00:00Z`) - 20 * 86_400_000;
    expect(await app.calendar.refreshDue(T)).toEqual([1]);
    const after = await inject('GET', '/plans/1');
    expect(after.latestVersion).toBe(before.latestVersion + 1);
    expect(after.plan.calendar.to > to).toBe(true);
    await hello(plans[plans.length - 1]);
    const refreshed = await waitFor(() => plans.find((p) => p.version === after.latestVersion), 30_000, 'the refreshed SetPlan', () => plans.map((p) => p.version));
    const year = new Date(clock.ms).getUTCFullYear();
    expect((refreshed.rules ?? []).flatMap((r) => r.dates ?? [])).not.toContain(year * 10000 + 1226);

    const am = await inject('PUT', '/calendar/settings', { alsaceMoselle: true });
    expect(am.plansRepublished).toEqual([1]);
    const v = (await inject('GET', '/plans/1')).latestVersion;
    await hello(plans[plans.length - 1]);
    const sent = await waitFor(() => plans.find((p) => p.version === v), 30_000, 'the Alsace-Moselle SetPlan', () => plans.map((p) => p.version));
    expect((sent.rules ?? []).flatMap((r) => r.dates ?? [])).toContain(year * 10000 + 1226);
  });
});
