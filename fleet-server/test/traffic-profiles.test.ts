/**
 * Issue 17, frugal learning, the server's part: a controller's weekly `TrafficProfile` is stored (its last one; a
 * redelivered older one is kept out), a hostile one (cells that are not a week, 8,000 bytes, an impossible age) is
 * refused by the frame decoder and counted, and the heat-map API answers per light and per street (the mean of its
 * lights). Through the real device service and HTTP API, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { hourlyWeek, meanWeek } from '../src/devices/traffic-profile.js';
import { planBodySchema, storedPlan, toProtoPlan } from '../src/devices/plan.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
/** Quarter-hour cell of the local week (Monday 00:00 first). */
const cell = (day: number, h: number, m = 0): number => day * 96 + h * 4 + Math.floor(m / 15);

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`learnt traffic profiles on ${name}`, () => {
    let app: FastifyInstance;
    let admin: Inject;
    const clock = { ms: T0 };
    let uplinkSeq = 1;
    const provisioned = new Map<string, TestDevice>();
    const send = async (deviceId: string, body: Record<string, unknown>, timeS = Math.floor(clock.ms / 1000)) => {
      let d = provisioned.get(deviceId);
      if (!d) provisioned.set(deviceId, d = await provisionDevice(app, 'lyon', deviceId));
      await app.devices.handleMessage(uplinkTopic('lyon', deviceId), d.uplink({ seq: uplinkSeq++, time: timeS, ...body }));
      await app.devices.idle();
    };
    const rejected = () => app.fleet.metrics.framesRejected.get('out_of_bounds') ?? 0;

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      admin = await authedInject(app);
      expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: 'lyon', name: 'Lyon' } })).statusCode).toBe(200);
      await app.devices.commission('lyon', [
        { deviceId: 'P1', lat: 45.76, lon: 4.83, group: 'rue-merciere' },
        { deviceId: 'P2', lat: 45.7601, lon: 4.8301, group: 'rue-merciere' },
        { deviceId: 'P3', lat: 45.7602, lon: 4.8302, group: 'rue-merciere' },
      ]);
      for (const id of ['P1', 'P2', 'P3']) await send(id, { hello: { firmwareVersion: '1.0.0' } });
    });
    afterAll(async () => { await app?.close(); await cleanup(); });

    it('stores a light\'s profile and answers it by cell and by hour; a redelivered older one does not replace it', async () => {
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/P1/traffic-profile' })).json()).toEqual({ deviceId: 'P1', profile: null });
      const cells = new Uint8Array(672);
      cells[cell(0, 22, 10)] = 255; // every Monday 22:00-22:15
      cells[cell(4, 23, 0)] = 128;  // Friday 23:00-23:15, half the weeks
      cells[cell(4, 23, 15)] = 128;
      await send('P1', { profile: { weeks: 5, cellMinutes: 15, cells, watchedCells: 300 } });
      const r = await admin({ method: 'GET', url: '/api/tenants/lyon/devices/P1/traffic-profile' });
      expect(r.statusCode).toBe(200);
      const p = r.json().profile;
      expect(p).toMatchObject({ weeks: 5, cellMinutes: 15, watchedCells: 300, receivedAt: T0, sentAt: Math.floor(T0 / 1000) });
      expect(p.cells).toHaveLength(672);
      expect(p.cells[cell(0, 22, 10)]).toBe(255);
      expect(p.hours).toHaveLength(7);
      expect(p.hours[0][22]).toBe(1);
      expect(p.hours[0][21]).toBe(0);
      // Two quarter-hours at 128/255 in the hour: 1 − (1 − 0.502)² ≈ 0.752.
      expect(p.hours[4][23]).toBeCloseTo(1 - (1 - 128 / 255) ** 2, 3);
      // An older frame redelivered after a newer one: kept out.
      clock.ms += 7 * 86_400_000;
      await send('P1', { profile: { weeks: 6, cellMinutes: 15, cells: new Uint8Array(672), watchedCells: 310 } });
      await send('P1', { profile: { weeks: 4, cellMinutes: 15, cells, watchedCells: 200 } }, Math.floor(T0 / 1000) - 86_400);
      const after = (await admin({ method: 'GET', url: '/api/tenants/lyon/devices/P1/traffic-profile' })).json().profile;
      expect(after).toMatchObject({ weeks: 6, watchedCells: 310 });
      expect(Math.max(...after.hours.flat())).toBe(0);
    });

    it('refuses a hostile profile: cells that are not a week, 8,000 bytes, an impossible age, an unknown cell width — counted, nothing stored', async () => {
      const before = rejected();
      await send('P2', { profile: { weeks: 1, cellMinutes: 15, cells: new Uint8Array(671) } });
      await send('P2', { profile: { weeks: 1, cellMinutes: 15, cells: new Uint8Array(8000).fill(255) } });
      await send('P2', { profile: { weeks: 2 ** 32 - 1, cellMinutes: 60, cells: new Uint8Array(168) } });
      await send('P2', { profile: { weeks: 1, cellMinutes: 7, cells: new Uint8Array(1440) } });
      await send('P2', { profile: { weeks: 1, cellMinutes: 60, cells: new Uint8Array(168), watchedCells: 169 } });
      expect(rejected() - before).toBe(5);
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/P2/traffic-profile' })).json().profile).toBeNull();
      // Unknown device or street: the catalogue's 404s; a viewer of the town may read.
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/NOPE/traffic-profile' })).json().code).toBe('SL_DEVICE_NOT_FOUND');
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/groups/nope/traffic-profile' })).json().code).toBe('SL_GROUP_NOT_FOUND');
      const viewer = await authedInject(app, { tenant: 'lyon', role: 'viewer' });
      expect((await viewer({ method: 'GET', url: '/api/tenants/lyon/groups/rue-merciere/traffic-profile' })).statusCode).toBe(200);
    });

    it('a plan turns anticipation on: anticipatePct and prelightLevel go to the device in its SetPlan; a pre-light level outside base..level is refused', async () => {
      const step = (presence: { anticipatePct?: number; prelightLevel?: number }) => ({ programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 1380, level: 80, presence: { baseLevel: 10, holdS: 60, ...presence } }] }], defaultProgramId: 1 });
      const ok = await admin({ method: 'PUT', url: '/api/tenants/lyon/devices/P1/plan', payload: step({ anticipatePct: 50, prelightLevel: 60 }) });
      expect(ok.statusCode, ok.body).toBe(200);
      const plan = toProtoPlan(1, 1, storedPlan(planBodySchema.parse(step({ anticipatePct: 50, prelightLevel: 60 }))));
      expect(plan.programs?.[0]?.steps?.[1]?.presence).toMatchObject({ baseLevel: 10, holdS: 60, anticipatePct: 50, prelightLevel: 60 });
      for (const bad of [{ anticipatePct: 101 }, { anticipatePct: 50, prelightLevel: 90 }, { anticipatePct: 50, prelightLevel: 5 }]) {
        const r = await admin({ method: 'PUT', url: '/api/tenants/lyon/devices/P1/plan', payload: step(bad) });
        expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      }
    });

    it('a street\'s heat map is the mean of its lights\' profiles, hour by hour (60 min cells too)', async () => {
      const hourly = new Uint8Array(168);
      hourly[4 * 24 + 23] = 255; // Friday 23:00
      await send('P3', { profile: { weeks: 3, cellMinutes: 60, cells: hourly, watchedCells: 56 } });
      const r = await admin({ method: 'GET', url: '/api/tenants/lyon/groups/rue-merciere/traffic-profile' });
      expect(r.statusCode).toBe(200);
      const g = r.json();
      expect(g).toMatchObject({ groupId: 'rue-merciere', members: 3, profiles: 2, weeksMin: 3, weeksMax: 6 });
      expect(g.devices.map((d: { deviceId: string }) => d.deviceId)).toEqual(['P1', 'P3']);
      const p1 = (await admin({ method: 'GET', url: '/api/tenants/lyon/devices/P1/traffic-profile' })).json().profile.hours;
      const p3 = hourlyWeek({ cells: Buffer.from(hourly).toString('base64'), cellMinutes: 60 });
      expect(g.hours).toEqual(meanWeek([p1, p3]));
      expect(g.hours[4][23]).toBe(0.5);
    });
  });
}

const schema = uniqueSchema();
suite('SQLite', () => ({}), async () => undefined);
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
