/**
 * Issue 16, a real map, on SQLite and PostgreSQL: the town's streets drawn from its poles (ordered along the
 * street, cut at a gap, the alternate sides of an avenue smoothed; a pole's own street wins over the light's
 * group), the search by street, pole reference or device id, and the lights inside a lasso (a free polygon,
 * states filtered), with the 400s of bad polygons and the tenant kept apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';
import { insidePolygon, streetOf } from '../src/reads/map-index.js';

const T = 'bourg';
const OTHER = 'voisin';
// Avenue: 12 poles eastwards every 30 m on alternate sides (±7 m), then a 300 m gap, then 6 more. 1° lat ≈ 110.5 km.
const M_LAT = 1 / 110_540; const M_LON = 1 / (111_320 * Math.cos((44.9 * Math.PI) / 180));
const avenue = [...Array.from({ length: 12 }, (_, k) => k * 30), ...Array.from({ length: 6 }, (_, k) => 630 + k * 30)]
  .map((x, k) => ({ deviceId: `AV-${String(k).padStart(2, '0')}`, poleRef: `AV-P${k}`, lat: 44.9 + (k % 2 ? 7 : -7) * M_LAT, lon: 1.2 + x * M_LON, group: 'avenue' }));
// A lane northwards, its poles given in shuffled order.
const lane = [3, 0, 4, 1, 2].map((k) => ({ deviceId: `LN-${k}`, poleRef: `LN-P${k}`, lat: 44.901 + k * 25 * M_LAT, lon: 1.199, group: 'ruelle' }));

function suite(name: string, database: () => Record<string, string>, cleanup: () => Promise<void>): void {
  describe(`map streets, search and lasso on ${name}`, () => {
    let app: FastifyInstance;
    let inject: Inject;

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...database() }, logger: false });
      inject = await authedInject(app);
      for (const t of [T, OTHER]) expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id: t, name: t } })).statusCode).toBe(200);
      expect((await inject({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [...avenue, ...lane] })).statusCode).toBe(200);
      // The lane's poles carry its real name (inventory model): it wins over the group's id.
      for (const p of lane) {
        const r = await inject({ method: 'PUT', url: `/api/tenants/${T}/inventory/poles/${p.poleRef}`, payload: { lat: p.lat, lon: p.lon, street: 'Rue des Consuls' } });
        expect(r.statusCode, r.body).toBe(200);
      }
      expect((await inject({ method: 'POST', url: `/api/tenants/${OTHER}/inventory`, payload: [{ deviceId: 'V-1', poleRef: 'AV-P99', lat: 44.9, lon: 1.2, group: 'avenue' }] })).statusCode).toBe(200);
      // Lights AV-00..AV-05 report: even ones lit, odd ones off.
      for (let k = 0; k < 6; k++) {
        const id = `AV-${String(k).padStart(2, '0')}`;
        const dev = await provisionDevice(app, T, id);
        await app.devices.handleMessage(uplinkTopic(T, id), dev.uplink({ seq: 1, hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32' } }));
        const level = k % 2 ? 0 : 100;
        await app.devices.handleMessage(uplinkTopic(T, id), dev.uplink({ seq: 2, state: { level, targetLevel: level, source: pb.LevelSource.LEVEL_SOURCE_PLAN, powerMw: level * 400 } }));
      }
    });
    afterAll(async () => { await app?.close(); await cleanup(); });

    it('draws each street from its poles: in order, cut at the gap, the zigzag smoothed, named by the pole\'s street', async () => {
      const r = await inject(`/api/tenants/${T}/map/streets`);
      expect(r.statusCode, r.body).toBe(200);
      const streets = r.json() as Array<{ name: string; lights: number; bbox: number[]; lines: [number, number][][] }>;
      expect(streets.map((s) => [s.name, s.lights])).toEqual([['avenue', 18], ['Rue des Consuls', 5]]);
      const av = streets[0]!;
      expect(av.lines.map((l) => l.length)).toEqual([12, 6]);
      for (const line of av.lines) {
        for (let k = 1; k < line.length; k++) expect(line[k]![1]).toBeGreaterThan(line[k - 1]![1]); // west to east (or the reverse, consistently)
        // Inner points are on the axis (within 3 m), not 7 m to a side.
        for (const [la] of line.slice(1, -1)) expect(Math.abs(la - 44.9) / M_LAT).toBeLessThan(3);
      }
      expect(av.bbox[0]).toBeCloseTo(1.2, 6);
      const ln = streets[1]!;
      expect(ln.lines).toHaveLength(1);
      expect(ln.lines[0]!.map(([la]) => Math.round((la - 44.901) / M_LAT / 25))).toEqual([0, 1, 2, 3, 4]);
      // The other town's pole of the same reference is not in this town's streets.
      expect((await inject(`/api/tenants/${OTHER}/map/streets`)).json()).toEqual([{ name: 'avenue', lights: 1, bbox: [1.2, 44.9, 1.2, 44.9], lines: [] }]);
    });

    it('searches by street, pole reference or device id, exact and prefix matches first', async () => {
      type Hit = { kind: string; id: string; label: string; street?: string | null; lat: number; lon: number; bbox?: number[]; lights: number };
      const q = async (s: string, extra = ''): Promise<Hit[]> => {
        const r = await inject(`/api/tenants/${T}/map/search?q=${encodeURIComponent(s)}${extra}`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as Hit[];
      };
      const consuls = await q('consuls');
      expect(consuls).toHaveLength(1);
      expect(consuls[0]).toMatchObject({ kind: 'street', id: 'Rue des Consuls', lights: 5 });
      expect(consuls[0]!.bbox![1]).toBeCloseTo(44.901, 6);
      const pole = await q('av-p1');
      expect(pole[0]).toMatchObject({ kind: 'pole', id: 'AV-01', label: 'AV-P1', street: 'avenue' }); // exact first, then AV-P10…
      expect(pole.slice(1).map((h) => h.label)).toEqual(['AV-P10', 'AV-P11', 'AV-P12', 'AV-P13', 'AV-P14', 'AV-P15', 'AV-P16', 'AV-P17']);
      const dev = await q('LN-3');
      expect(dev[0]).toMatchObject({ kind: 'device', id: 'LN-3', street: 'Rue des Consuls' });
      expect(dev[0]!.lat).toBeCloseTo(44.901 + 75 * M_LAT, 6);
      expect(await q('av', '&limit=3')).toHaveLength(3);
      expect(await q('nothing-like-it')).toEqual([]);
      expect((await inject(`/api/tenants/${T}/map/search`)).statusCode).toBe(400);
      expect((await inject(`/api/tenants/${T}/map/search?q=a&limit=500`)).statusCode).toBe(400);
    });

    it('gives the lights inside a lasso, in the states shown', async () => {
      // A triangle over the first poles of the avenue, its slanted side between poles of the two sides.
      const poly = (pts: [number, number][]): string => pts.map(([x, y]) => `${(1.2 + x * M_LON).toFixed(7)},${(44.9 + y * M_LAT).toFixed(7)}`).join(';');
      const tri = poly([[-10, -20], [160, -20], [-10, 40]]);
      const within = async (p: string, extra = ''): Promise<{ count: number; ids: string[] }> => {
        const r = await inject(`/api/tenants/${T}/map/within?polygon=${encodeURIComponent(p)}${extra}`);
        expect(r.statusCode, r.body).toBe(200);
        return r.json() as { count: number; ids: string[] };
      };
      // The slanted side runs x = 160 - (y + 20) × 170 / 60: at y = 7 (north side) x = 83.5, at y = -7 (south) x = 123.2. Inside:
      // AV-00 (0, -7), AV-01 (30, 7), AV-02 (60, -7), AV-04 (120, -7); outside: AV-03 (90, 7), AV-05 (150, 7) and beyond.
      const all = await within(tri);
      expect(all.ids.sort()).toEqual(['AV-00', 'AV-01', 'AV-02', 'AV-04']);
      expect(all.count).toBe(4);
      expect((await within(tri, '&state=on')).ids.sort()).toEqual(['AV-00', 'AV-02', 'AV-04']);
      expect((await within(tri, '&state=off,unknown')).ids.sort()).toEqual(['AV-01']);
      for (const bad of ['1,2;3,4', '1,2;3,4;5', '1,2;3,4;200,5', 'a,b;c,d;e,f']) {
        expect((await inject(`/api/tenants/${T}/map/within?polygon=${encodeURIComponent(bad)}`)).statusCode, bad).toBe(400);
      }
      expect((await inject(`/api/tenants/${T}/map/within?polygon=${encodeURIComponent(tri)}&state=lit`)).statusCode).toBe(400);
      const other = await authedInject(app, { tenant: OTHER, role: 'viewer' });
      expect((await other(`/api/tenants/${T}/map/within?polygon=${encodeURIComponent(tri)}`)).statusCode).toBe(404);
      expect((await other(`/api/tenants/${T}/map/streets`)).statusCode).toBe(404);
      expect((await other(`/api/tenants/${OTHER}/map/within?polygon=${encodeURIComponent(tri)}`)).json()).toEqual({ count: 1, ids: ['V-1'] });
    });
  });
}

describe('street geometry', () => {
  it('orders a street\'s poles and splits it at a gap; a polygon contains what it should', () => {
    const lat = Float64Array.from([0, 0, 0, 0, 0]); const lon = Float64Array.from([0.006, 0, 0.001, 0.0005, 0.0015]);
    const s = streetOf('x', [0, 1, 2, 3, 4], lat, lon);
    expect(s.lines.map((l) => l.map(([, lo]) => lo))).toEqual([[0, 0.0005, 0.001, 0.0015]]); // 0.006 is 500 m beyond: cut, alone
    expect(insidePolygon(0.3, 0.3, [0, 1, 0], [0, 0, 1])).toBe(true);
    expect(insidePolygon(0.6, 0.6, [0, 1, 0], [0, 0, 1])).toBe(false);
  });
});

suite('SQLite', () => ({}), async () => {});
const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
