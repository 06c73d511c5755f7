/**
 * Issue 14, reads at scale, on SQLite and PostgreSQL: the device list as keyset pages filtered in SQL (every
 * filter against the same filter applied to the whole list, every page boundary, totals, cursors, 400s), the
 * device stats, the map (points and clusters), and energy reports from ReportRepository against the original
 * EnergyService.report on the same rollups. The lights: 61 commissioned, 55 of them registered through real
 * frames (presence, Hello, state), two with an open alarm, three registered but never commissioned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { encodePresence, pb, statusTopic, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema, waitFor } from './helpers.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { ReportRepository } from '../src/db/report-repository.js';
import { buildReport, referenceReport } from '../src/reads/reports.js';
import { EnergyRepository } from '../src/db/energy-repository.js';

const T = 'bourg';
const OTHER = 'voisin';
const N = 61;
const id = (k: number): string => `L-${String(k).padStart(3, '0')}`;
const NOON = Date.UTC(2025, 5, 1, 10, 0, 0) / 1000;

interface Light { id: string; state: string; groups: string[]; firmwareVersion: string | null; online: boolean; registered: boolean; inventory: { poleRef: string | null; lat: number | null } | null; reported: { level: number | null } | null; lastSeen: string | null }

/** What light k is in this town (the frames below make it so). */
function expected(k: number): { registered: boolean; commissioned: boolean; online: boolean; level: number; firmware: string; alarm: boolean } {
  return {
    registered: k >= N || k % 10 !== 3, commissioned: k < N, online: k % 7 !== 2, level: k % 4 === 0 ? 0 : k % 4 === 1 ? 100 : 30 + k,
    firmware: k % 3 === 0 ? '1.4.2' : '1.5.0', alarm: k === 5 || k === 17,
  };
}
function stateOf(k: number): string {
  const e = expected(k);
  if (!e.registered) return 'unknown';
  if (e.alarm) return 'fault';
  if (!e.online) return 'offline';
  if (e.level <= 0) return 'off';
  return e.level >= 100 ? 'on' : 'dim';
}
const ALL = Array.from({ length: N + 3 }, (_, k) => k); // 61..63: registered, not commissioned

function suite(name: string, database: () => Record<string, string>, cleanup: () => Promise<void>): void {
  describe(`reads at scale on ${name}`, () => {
    let app: FastifyInstance;
    let inject: Inject;
    const clock = { ms: Date.UTC(2025, 5, 2, 10, 0, 0) };

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...database() }, logger: false, now: () => clock.ms });
      inject = await authedInject(app);
      for (const t of [T, OTHER]) expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id: t, name: t } })).statusCode).toBe(200);
      const rows = ALL.filter((k) => expected(k).commissioned).map((k) => ({
        deviceId: id(k), poleRef: `P-${k}`, lat: 44.89 + Math.floor(k / 10) * 0.001, lon: 1.21 + (k % 10) * 0.001,
        group: k < 30 ? 'rue-haute' : 'rue-basse', nominalPowerW: k % 5 === 4 ? undefined : 40,
      }));
      expect((await inject({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows })).statusCode).toBe(200);
      expect((await inject({ method: 'POST', url: `/api/tenants/${OTHER}/inventory`, payload: [{ deviceId: 'V-1', lat: 45, lon: 1 }] })).statusCode).toBe(200);
      for (const k of ALL) {
        const e = expected(k);
        if (!e.registered) continue;
        const dev = await provisionDevice(app, T, id(k));
        await app.devices.handleMessage(uplinkTopic(T, id(k)), dev.uplink({ seq: 1, hello: { firmwareVersion: e.firmware, hardwareModel: 'esp32' } }));
        await app.devices.handleMessage(uplinkTopic(T, id(k)), dev.uplink({ seq: 2, state: { level: e.level, targetLevel: e.level, source: pb.LevelSource.LEVEL_SOURCE_PLAN, powerMw: e.level * 400 } }));
        if (!e.online) await app.devices.handleMessage(statusTopic(T, id(k)), encodePresence({ online: false, bootCount: 1 }));
        if (e.alarm) {
          await app.devices.handleMessage(uplinkTopic(T, id(k)), dev.uplink({ seq: 3, event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: NOON, value: 1, detail: 'lamp' } }));
        }
        // A day of energy for the registered ones, for the reports.
        if (k % 2 === 0) {
          const records = Array.from({ length: 8 }, (_, r) => ({ seq: r + 1, start: NOON + r * 3 * 3600, durationS: 900, energyMwh: 1000 + k * 10 + r, burningS: 600, avgLevelX10: 500, avgPowerMw: 4000 }));
          await app.devices.handleMessage(uplinkTopic(T, id(k)), dev.uplink({ seq: 4, energy: { records } }));
        }
      }
      // Two groups beside the streets: a light can be in several.
      expect((await inject({ method: 'POST', url: `/api/tenants/${T}/groups/fete/members`, payload: { add: [id(1), id(2), id(40)] } })).statusCode).toBeLessThan(300);
    });
    afterAll(async () => { await app?.close(); await cleanup(); });

    /** Every page of a list query, following X-Next-Cursor; checks the headers on the way. */
    async function all(query: string, limit: number): Promise<{ lights: Light[]; total: number; pages: number }> {
      const lights: Light[] = [];
      let cursor: string | undefined;
      let total = -1;
      let pages = 0;
      for (;;) {
        const sep = query ? '&' : '';
        const r = await inject(`/api/tenants/${T}/devices?${query}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(r.statusCode, r.body).toBe(200);
        const page = r.json() as Light[];
        pages++;
        expect(page.length).toBeLessThanOrEqual(limit);
        const t = Number(r.headers['x-total-count']);
        if (total < 0) total = t; else expect(t).toBe(total);
        lights.push(...page);
        cursor = r.headers['x-next-cursor'] as string | undefined;
        if (!cursor) { expect(r.headers.link).toBeUndefined(); break; }
        expect(page.length).toBe(limit);
        expect(r.headers.link).toContain('rel="next"');
        expect(pages).toBeLessThan(200);
      }
      return { lights, total, pages };
    }

    it('lists every light once, in id order, a page at a time, with its state', async () => {
      for (const limit of [1, 7, 64, 500]) {
        const { lights, total } = await all('', limit);
        expect(lights.map((l) => l.id)).toEqual(ALL.map(id));
        expect(total).toBe(ALL.length);
        for (const l of lights) {
          const k = Number(l.id.slice(2));
          expect(l.state, l.id).toBe(stateOf(k));
          expect(l.registered).toBe(expected(k).registered);
          expect(l.inventory !== null).toBe(expected(k).commissioned);
          if (expected(k).registered) expect(l.firmwareVersion).toBe(expected(k).firmware);
        }
      }
      const [one] = (await inject(`/api/tenants/${T}/devices?limit=200`)).json() as Light[];
      expect(one?.groups).toEqual(['rue-haute']);
      const two = ((await inject(`/api/tenants/${T}/devices?limit=200`)).json() as Light[]).find((l) => l.id === id(1));
      expect(two?.groups).toEqual(['fete', 'rue-haute']);
    });

    it('filters in SQL exactly as the whole list filtered', async () => {
      const every = (await all('', 500)).lights;
      const cases: Array<[string, (l: Light) => boolean]> = [
        ['state=dim', (l) => l.state === 'dim'],
        ['state=fault,offline', (l) => l.state === 'fault' || l.state === 'offline'],
        ['state=unknown', (l) => l.state === 'unknown'],
        ['state=on,unknown', (l) => l.state === 'on' || l.state === 'unknown'],
        ['firmware=1.4.2', (l) => l.firmwareVersion === '1.4.2'],
        ['firmware=1.4.2&state=off', (l) => l.firmwareVersion === '1.4.2' && l.state === 'off'],
        ['group=rue-basse', (l) => l.groups.includes('rue-basse')],
        ['group=fete&state=on,dim', (l) => l.groups.includes('fete') && (l.state === 'on' || l.state === 'dim')],
        ['online=false', (l) => !l.online],
        ['online=true&group=rue-haute', (l) => l.online && l.groups.includes('rue-haute')],
        ['alarm=any', (l) => l.id === id(5) || l.id === id(17)],
        ['alarm=lamp_failure&group=rue-haute', (l) => l.id === id(5) || l.id === id(17)],
        ['q=l-01', (l) => l.id.toLowerCase().includes('l-01')],
        ['q=P-4', (l) => (l.inventory?.poleRef ?? '').includes('P-4')],
        ['q=BASSE', (l) => l.groups.includes('rue-basse')],
        ['q=100%25', () => false],
        ['updating=false', () => true],
        ['updating=true', () => false],
        ['bbox=1.2095,44.8895,1.2135,44.8925', (l) => l.inventory !== null && (l.inventory.lat ?? 0) <= 44.8925 && Number(l.id.slice(2)) % 10 <= 3 && Number(l.id.slice(2)) < 30],
      ];
      for (const [query, keep] of cases) {
        const want = every.filter(keep).map((l) => l.id);
        for (const limit of [3, 500]) {
          const got = await all(query, limit);
          expect(got.lights.map((l) => l.id), `${query} limit ${limit}`).toEqual(want);
          expect(got.total, query).toBe(want.length);
        }
        const stats = (await inject(`/api/tenants/${T}/device-stats?${query}`)).json() as { total: number; states: Record<string, number>; firmware: Array<{ version: string | null; lights: number }> };
        expect(stats.total, query).toBe(want.length);
        for (const s of ['on', 'dim', 'off', 'fault', 'offline', 'updating', 'unknown']) {
          expect(stats.states[s], `${query} ${s}`).toBe(every.filter(keep).filter((l) => l.state === s).length);
        }
        expect(stats.firmware.reduce((a, f) => a + f.lights, 0)).toBe(want.length);
      }
    });

    it('sorts by level and last seen, descending, across pages', async () => {
      const every = (await all('', 500)).lights;
      const byLevel = [...every].sort((a, b) => (b.reported?.level ?? -1) - (a.reported?.level ?? -1) || (a.id < b.id ? -1 : 1)).map((l) => l.id);
      expect((await all('sort=-level', 4)).lights.map((l) => l.id)).toEqual(byLevel);
      const asc = [...every].sort((a, b) => (a.reported?.level ?? -1) - (b.reported?.level ?? -1) || (a.id < b.id ? -1 : 1)).map((l) => l.id);
      expect((await all('sort=level&state=dim,on,off,unknown', 5)).lights.map((l) => l.id)).toEqual(asc.filter((x) => ['dim', 'on', 'off', 'unknown'].includes(every.find((l) => l.id === x)!.state)));
      const seen = (await all('sort=-lastSeen', 6)).lights;
      const t = seen.map((l) => (l.lastSeen ? Date.parse(l.lastSeen) : -1));
      for (let i = 1; i < t.length; i++) expect(t[i]! <= t[i - 1]!).toBe(true);
      expect(seen.map((l) => l.id).sort()).toEqual(ALL.map(id));
    });

    it('answers 400 with the field for bad queries and cursors, 404 for another tenant', async () => {
      const bad = async (q: string, field: string) => {
        const r = await inject(`/api/tenants/${T}/devices?${q}`);
        expect(r.statusCode, q).toBe(400);
        expect(JSON.stringify(r.json().details), q).toContain(field);
      };
      await bad('state=purple', 'state');
      await bad('limit=0', 'limit');
      await bad('limit=1001', 'limit');
      await bad('sort=colour', 'sort');
      await bad('bbox=1,2,3', 'bbox');
      await bad('bbox=10,0,5,1', 'bbox');
      await bad('alarm=fire', 'alarm');
      await bad('online=maybe', 'online');
      await bad('cursor=xyz', 'cursor');
      const first = await inject(`/api/tenants/${T}/devices?limit=2&state=dim`);
      const cursor = first.headers['x-next-cursor'] as string;
      expect(cursor).toBeTruthy();
      await bad(`limit=2&state=on&cursor=${encodeURIComponent(cursor)}`, 'cursor'); // another filter
      await bad(`limit=2&state=dim&sort=-level&cursor=${encodeURIComponent(cursor)}`, 'cursor');
      expect((await inject(`/api/tenants/${T}/devices?limit=2&state=dim&cursor=${encodeURIComponent(cursor)}`)).statusCode).toBe(200);
      expect((await inject('/api/tenants/nowhere/devices')).statusCode).toBe(404);
      // Tenant scoping: a token of the other town sees only its own light.
      const other = await authedInject(app, { tenant: OTHER, role: 'viewer' });
      expect((await other(`/api/tenants/${T}/devices`)).statusCode).toBe(404);
      expect((await other(`/api/tenants/${T}/map`)).statusCode).toBe(404);
      expect((await other(`/api/tenants/${T}/device-stats`)).statusCode).toBe(404);
      expect(((await other(`/api/tenants/${OTHER}/devices`)).json() as Light[]).map((l) => l.id)).toEqual(['V-1']);
    });

    it('gives a device its state and groups in the detail', async () => {
      const d = (await inject(`/api/tenants/${T}/devices/${id(5)}`)).json() as Light;
      expect(d.state).toBe('fault');
      expect(d.groups).toEqual(['rue-haute']);
      expect(((await inject(`/api/tenants/${T}/devices/${id(3)}`)).json() as Light).state).toBe('unknown');
    });

    it('serves the map as points when zoomed in and as clusters when zoomed out, with the legend counts', async () => {
      type MapReply = { lights: number; states: Record<string, number>; mode: string; inView: number; points: Array<{ id: string; state: string; level: number }>; clusters: Array<{ lights: number; states: Record<string, number> }>; extent: number[] };
      const whole = await waitFor(async () => {
        const r = (await inject(`/api/tenants/${T}/map`)).json() as MapReply;
        return r.lights === N ? r : undefined;
      }, 10_000, 'the map to show every commissioned light');
      expect(whole.mode).toBe('points');
      expect(whole.points.map((p) => p.id).sort()).toEqual(ALL.filter((k) => k < N).map(id));
      for (const p of whole.points) expect(p.state, p.id).toBe(stateOf(Number(p.id.slice(2))));
      for (const s of ['on', 'dim', 'off', 'fault', 'offline', 'unknown']) expect(whole.states[s], s).toBe(ALL.filter((k) => k < N && stateOf(k) === s).length);
      // Zoomed out to a country: clusters (zoom below the points zoom and more than… no: few lights are always points).
      const far = (await inject(`/api/tenants/${T}/map?bbox=-5,42,8,51&zoom=5`)).json() as MapReply;
      expect(far.mode).toBe('points');
      const inView = (await inject(`/api/tenants/${T}/map?bbox=1.2095,44.8895,1.2135,44.8925&zoom=18`)).json() as MapReply;
      expect(inView.points.map((p) => p.id).sort()).toEqual([0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23].map(id));
      expect((await inject(`/api/tenants/${T}/map?zoom=30`)).statusCode).toBe(400);
    });

    it('reports from the per-town and per-device rollups: the same report as the original query', async () => {
      const reports = new ReportRepository((app.repo as DrizzleRepository).adapter);
      const shapes: Array<Record<string, string>> = [
        { from: '2025-06-01', to: '2025-06-01', bucket: 'total', by: 'tenant' },
        { from: '2025-06-01', to: '2025-06-30', bucket: 'day', by: 'tenant' },
        { from: '2025-01-01', to: '2025-12-31', bucket: 'month', by: 'tenant' },
        { from: '2025-01-01', to: '2025-12-31', bucket: 'total', by: 'tenant' },
        { from: '2025-05-15', to: '2025-07-10', bucket: 'month', by: 'group' },
        { from: '2025-05-15', to: '2025-07-10', bucket: 'total', by: 'device' },
        { from: '2025-01-01', to: '2025-12-31', bucket: 'year', by: 'group', groupId: 'rue-haute' },
        { from: '2025-06-01', to: '2025-06-30', bucket: 'day', by: 'device', deviceId: id(10) },
        { from: '2024-06-01', to: '2025-06-30', bucket: 'year', by: 'tenant' },
        { from: '2025-06-02', to: '2025-06-30', bucket: 'total', by: 'tenant' },
      ];
      for (const shape of shapes) {
        const req = { tenantId: T, ...shape } as Parameters<typeof app.energy.report>[0];
        const want = await referenceReport(new EnergyRepository((app.repo as DrizzleRepository).adapter), await app.energy.settings(T), req);
        expect(await app.energy.report(req), JSON.stringify(shape)).toEqual(want);
        expect(await buildReport(reports, app.energy, req, { perDevice: true }), `${JSON.stringify(shape)} per device`).toEqual(want);
      }
      const year = (await inject(`/api/tenants/${T}/energy/report?year=2025`)).json() as { total: { devices: number; energyKwh: number }; rows: unknown[] };
      expect(year.total.devices).toBe(ALL.filter((k) => expected(k).registered && k % 2 === 0).length);
      expect(year.rows).toHaveLength(1);
      // The light page's chart: the newest records, oldest first.
      const last = (await inject(`/api/tenants/${T}/devices/${id(10)}/energy/records?last=3`)).json() as Array<{ seq: number }>;
      expect(last.map((x) => x.seq)).toEqual([6, 7, 8]);
    });
  });
}

suite('SQLite', () => ({}), async () => {});
const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
