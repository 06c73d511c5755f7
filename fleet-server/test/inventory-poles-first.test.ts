/**
 * Poles first, controllers after (issue 15), on SQLite and PostgreSQL: a town imports its poles, luminaires,
 * cabinets and circuits from a file without a single controller (French Excel CSV), the report says each pole
 * created, unchanged or updated with the fields; then an installer commissions a controller onto one of those poles
 * with its claim code, naming only the pole (found among the nearest poles without a controller): the controller
 * takes the pole's position, street (its group), luminaire and cabinet, and drives the luminaire the inventory has.
 * A bad file changes nothing and says each bad line with its number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';
import { describeAudit, type AuditEntry } from '../src/ui/audit.js';
import { makeI18n } from '../src/ui/i18n.js';
import { importReason, knownReason } from '../src/ui/import-reasons.js';

const T = 'sarlat';
const NOW = Date.UTC(2026, 11, 7, 20, 0, 0);
const base = `/api/tenants/${T}/inventory`;
const cp1252 = (s: string): Buffer => Buffer.from(s, 'latin1');

interface Line { line: number; deviceId?: string; poleRef?: string; status: string; reason?: string; changes?: Array<{ field: string; from: unknown; to: unknown }> }
interface Report { applied: boolean; counts: Record<string, number>; poles: number; lines: Line[] }
interface Pole {
  id: string; lat: number; lon: number; street: string | null; heightM: number | null; cabinetId: string | null; circuitId: string | null; distanceM?: number;
  luminaires: Array<{ id: string; modelId: string | null; nominalPowerW: number | null; cctK: number | null; installedAt: string; controller: string | null }>;
}

const POLES = [
  'Support;Latitude;Longitude;Rue;Armoire;Départ;Hauteur (m);Modèle;Puissance;Température de couleur;Date de pose',
  'A-01;44,88970;1,21690;Rue Montaigne;AR-01;D1;8;LUMA-36;36;2700;15/03/2019',
  'A-02;44,88990;1,21710;Rue Montaigne;AR-01;D1;8;LUMA-36;36;2700;15/03/2019',
  'A-03;44,89010;1,21730;Rue Montaigne;AR-01;D2;6,5;LUMA-60;60;3000;2021',
  'B-01;44,89200;1,21900;Place de la Liberté;AR-01;D2;;;;;',
].join('\r\n');

function suite(name: string, database: () => Record<string, string>, cleanup: () => Promise<void>): void {
  describe(`poles imported first, controllers commissioned onto them, on ${name}`, () => {
    let app: FastifyInstance;
    let admin: Inject;
    let installer: Inject;
    const dev: Record<string, TestDevice> = {};
    const upload = (body: string | Buffer, dryRun: boolean) => installer({
      method: 'POST', url: `${base}/import?dryRun=${dryRun}`, headers: { 'content-type': 'text/csv' }, payload: typeof body === 'string' ? body : body,
    });
    const poles = async (): Promise<Pole[]> => (await installer(`${base}/poles`)).json() as Pole[];

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...database() }, logger: false, now: () => NOW });
      admin = await authedInject(app);
      expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat' } })).statusCode).toBe(200);
      installer = await authedInject(app, { tenant: T, role: 'installer' });
      for (const m of [['LUMA-36', 36], ['LUMA-60', 60]] as const) {
        expect((await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/${m[0]}`, payload: { nominalW: m[1] } })).statusCode).toBe(200);
      }
      expect((await admin({ method: 'PUT', url: `${base}/cabinets/AR-01`, payload: { pdl: '12345678901234', contractedKva: 9 } })).statusCode).toBe(200);
      for (const c of ['D1', 'D2']) expect((await admin({ method: 'PUT', url: `${base}/cabinets/AR-01/circuits/${c}`, payload: {} })).statusCode).toBe(200);
      for (const id of ['SRL-0001', 'SRL-0002']) dev[id] = await provisionDevice(app, T, id);
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('imports poles without controllers: a dry run says each pole created, then applying writes poles and luminaires', async () => {
      const dry = (await upload(cp1252(POLES), true)).json() as Report;
      expect([dry.counts, dry.poles]).toEqual([{ created: 4, updated: 0, unchanged: 0, rejected: 0 }, 4]);
      expect(dry.lines.map((l) => [l.line, l.poleRef, l.deviceId, l.status])).toEqual([[2, 'A-01', undefined, 'created'], [3, 'A-02', undefined, 'created'], [4, 'A-03', undefined, 'created'], [5, 'B-01', undefined, 'created']]);
      expect(await poles()).toEqual([]);
      const applied = await upload(cp1252(POLES), false);
      expect(applied.statusCode, applied.body).toBe(200);
      expect(applied.json()).toMatchObject({ applied: true, counts: { created: 4 } });
      const all = await poles();
      expect(all.map((p) => [p.id, p.street, p.cabinetId, p.circuitId, p.heightM])).toEqual([
        ['A-01', 'Rue Montaigne', 'AR-01', 'D1', 8], ['A-02', 'Rue Montaigne', 'AR-01', 'D1', 8], ['A-03', 'Rue Montaigne', 'AR-01', 'D2', 6.5], ['B-01', 'Place de la Liberté', 'AR-01', 'D2', null],
      ]);
      expect(all[0]?.luminaires).toEqual([{ id: 'L-A-01', modelId: 'LUMA-36', nominalPowerW: 36, cctK: 2700, installedAt: '2019-03-15T12:00:00.000Z', removedAt: null, controller: null }]);
      expect(all[3]?.luminaires).toEqual([expect.objectContaining({ id: 'L-B-01', modelId: null, installedAt: new Date(NOW).toISOString(), controller: null })]);
      expect((await installer(`${base}/cabinets/AR-01`)).json()).toMatchObject({ poles: 4, circuits: [{ id: 'D1', poles: 2 }, { id: 'D2', poles: 2 }] });
      // No controller yet: no light of the town, nothing in the device list.
      expect(await app.repo.listInventory(T)).toEqual([]);
    });

    it('says a pole unchanged, or updated with the fields; an empty cell keeps what the pole has', async () => {
      const again = [POLES.split('\r\n')[0], 'A-01;44,88970;1,21690;Rue Montaigne;AR-01;D1;9;LUMA-36;36;2700;15/03/2019', 'A-02;44,88990;1,21710;;;;;;;;', 'B-01;44,89200;1,21900;;;;;LUMA-36;;;2018'].join('\r\n');
      const r = (await upload(cp1252(again), true)).json() as Report;
      expect(r.lines).toEqual([
        { line: 2, poleRef: 'A-01', status: 'updated', changes: [{ field: 'heightM', from: 8, to: 9 }] },
        { line: 3, poleRef: 'A-02', status: 'unchanged' },
        { line: 4, poleRef: 'B-01', status: 'updated', changes: [{ field: 'luminaireModel', from: null, to: 'LUMA-36' }, { field: 'installedAt', from: '2026-12-07', to: '2018-01-01' }] },
      ]);
    });

    it('lists the poles without a controller nearest a point, with their distance', async () => {
      const near = (await installer(`${base}/poles?near=44.88985,1.21705&free=true&limit=2`)).json() as Pole[];
      expect(near.map((p) => [p.id, p.distanceM])).toEqual([['A-02', expect.closeTo(6.8, 0)], ['A-01', expect.closeTo(20.4, 0)]]);
      expect((await installer(`${base}/poles?near=95,1`)).statusCode).toBe(400);
    });

    it('commissions a controller onto an imported pole named alone: position, group, luminaire and cabinet come from the pole', async () => {
      const res = await installer({
        method: 'POST', url: `/api/tenants/${T}/devices/SRL-0001/commission`,
        payload: { claimCode: dev['SRL-0001']?.claimCode, poleRef: 'A-02', installedAt: '2026-12-07', note: 'Crosse repeinte' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const inv = await app.repo.getInventory('SRL-0001');
      expect(inv).toMatchObject({ poleRef: 'A-02', poleId: 'A-02', luminaireId: 'L-A-02', lat: 44.8899, lon: 1.2171, groupId: 'rue-montaigne', luminaireModel: 'LUMA-36', nominalPowerW: 36, cctK: 2700 });
      const desired = (await admin(`/api/tenants/${T}/devices/SRL-0001`)).json() as { desired: { config: Record<string, unknown> } };
      expect(desired.desired.config).toMatchObject({ latitudeE6: 44_889_900, longitudeE6: 1_217_100, nominalPowerW: 36 });
      const a02 = (await installer(`${base}/poles/A-02`)).json() as Pole;
      expect(a02).toMatchObject({ street: 'Rue Montaigne', cabinetId: 'AR-01', circuitId: 'D1', heightM: 8 });
      expect(a02.luminaires).toEqual([expect.objectContaining({ id: 'L-A-02', modelId: 'LUMA-36', installedAt: '2026-12-07T12:00:00.000Z', controller: 'SRL-0001' })]);
      // The installer's note stays with this controller's time on the pole.
      const history = ((await installer(`${base}/poles/A-02`)).json() as { history: Array<{ deviceId: string; note: string | null }> }).history;
      expect(history).toEqual([expect.objectContaining({ deviceId: 'SRL-0001', note: 'Crosse repeinte' })]);
      // It is no longer a free pole.
      expect(((await installer(`${base}/poles?near=44.8899,1.2171&free=true&limit=1`)).json() as Pole[])[0]?.id).toBe('A-01');
      // In the audit log, in words, with the note.
      const audit = (await admin(`/api/tenants/${T}/audit`)).json() as AuditEntry[];
      const row = audit.find((e) => e.action === 'POST /devices/:deviceId/commission');
      expect(describeAudit(row as AuditEntry, makeI18n('fr'))).toBe('Contrôleur SRL-0001 mis en service sur le poteau A-02 — note : « Crosse repeinte »');
      expect(describeAudit(row as AuditEntry, makeI18n('en'))).toBe('Controller SRL-0001 commissioned on pole A-02 — note: "Crosse repeinte"');
      expect(JSON.stringify(row?.detail)).not.toContain(dev['SRL-0001']?.claimCode);
      // A pole without a position cannot stand in for one, an unknown circuit is refused.
      const noPos = await installer({ method: 'POST', url: `/api/tenants/${T}/devices/SRL-0002/commission`, payload: { claimCode: dev['SRL-0002']?.claimCode, poleRef: 'Z-99' } });
      expect([noPos.statusCode, noPos.json().code]).toEqual([400, 'SL_VALIDATION']);
      const badCircuit = await installer({ method: 'POST', url: `/api/tenants/${T}/devices/SRL-0002/commission`, payload: { claimCode: dev['SRL-0002']?.claimCode, poleRef: 'A-01', cabinetId: 'AR-01', circuitId: 'D9' } });
      expect([badCircuit.statusCode, badCircuit.json().code]).toEqual([404, 'SL_CABINET_NOT_FOUND']);
      expect(await app.repo.getInventory('SRL-0002')).toBeUndefined();
    });

    it('takes a pole line for the controller on it when the pole has one: its empty cells keep what the controller has', async () => {
      const file = [POLES.split('\r\n')[0], 'A-02;44,88990;1,21710;Rue Montaigne;AR-01;D1;8;;;;'].join('\r\n');
      expect(((await upload(cp1252(file), true)).json() as Report).lines).toEqual([{ line: 2, deviceId: 'SRL-0001', status: 'unchanged' }]);
      const watts = [POLES.split('\r\n')[0], 'A-02;44,88990;1,21710;;;;;;40;;'].join('\r\n');
      const applied = (await upload(cp1252(watts), false)).json() as Report;
      expect(applied.lines).toEqual([{ line: 2, deviceId: 'SRL-0001', status: 'updated', changes: [{ field: 'nominalPowerW', from: 36, to: 40 }] }]);
      expect(await app.repo.getInventory('SRL-0001')).toMatchObject({ luminaireModel: 'LUMA-36', nominalPowerW: 40, groupId: 'rue-montaigne' });
    });

    it('refuses a bad file of poles line by line and writes nothing', async () => {
      const bad = [
        POLES.split('\r\n')[0],
        'C-01;44,8930;1,2200;Rue A;AR-01;D1;8;LUMA-36;36;2700;2020', // fine alone
        'C-02;quarante;1,2200;Rue A;;;;;;;', // not a number
        'C-03;1,2200;44,8930;Rue A;;;;;;;', // swapped
        'C-04;44,8930;1,2200;Rue A;;;;LUMA-99;;;', // not in the catalogue
        'C-05;44,8930;1,2200;Rue A;AR-09;;;;;;', // unknown cabinet
        'C-06;44,8930;1,2200;Rue A;;;;;;;32/01/2020', // not a date
        'C-07;44,8930;1,2200;Rue A;;;;;;;',
        'C-07;44,8931;1,2201;Rue A;;;;;;;', // the same pole twice
        ';44,8930;1,2200;Rue A;;;;;;;', // neither a controller nor a pole
        'C-10;44,8930;1,2200;Rue A;;;haut;;;;', // bad height
        'B-01;44,8920;1,2190;;;;;;;;', // fine: an update
      ].join('\r\n');
      const before = await poles();
      const dry = (await upload(cp1252(bad), true)).json() as Report;
      const reasons = Object.fromEntries(dry.lines.filter((l) => l.status === 'rejected').map((l) => [l.line, l.reason]));
      expect(reasons).toEqual({
        3: 'latitude "quarante" is not a number',
        4: 'latitude 1.22 and longitude 44.893 look swapped: the light would be far from the town',
        5: 'unknown luminaire model LUMA-99',
        6: 'unknown cabinet AR-09',
        7: 'installation date "32/01/2020" is not a date (2026-12-07, 07/12/2026 or a year)',
        8: 'pole C-07 is on lines 8, 9 (a pole without a controller takes one line)',
        9: 'pole C-07 is on lines 8, 9 (a pole without a controller takes one line)',
        10: 'neither a device id nor a pole',
        11: 'height "haut" is not a number of metres above 0 and at most 60',
      });
      expect(dry.lines.filter((l) => l.status !== 'rejected').map((l) => [l.line, l.status])).toEqual([[2, 'created'], [12, 'unchanged']]);
      // Every reason has its French words.
      for (const r of Object.values(reasons)) {
        expect(knownReason(r as string), r).toBe(true);
        expect(importReason(r as string, 'fr')).not.toBe(r);
      }
      expect(importReason(reasons[5] as string, 'fr')).toBe('modèle de luminaire LUMA-99 absent du catalogue');
      const apply = await upload(cp1252(bad), false);
      expect([apply.statusCode, apply.json().code]).toEqual([422, 'SL_IMPORT_REJECTED']);
      expect(await poles()).toEqual(before);
    });

    it('refuses a bad GeoJSON of poles feature by feature and writes nothing; a good one creates the poles', async () => {
      const feature = (coordinates: unknown, properties: Record<string, unknown>, type = 'Point') => ({ type: 'Feature', geometry: { type, coordinates }, properties });
      const fc = {
        type: 'FeatureCollection',
        features: [
          feature([1.2250, 44.8950], { support: 'G-01', rue: 'Rue Sirey', modele: 'LUMA-36', puissance: 36, date_pose: '2020-06-01' }), // fine
          feature(['1,2250', 44.8950], { support: 'G-02' }), // coordinates not numbers
          feature([1.2250, 144.8950], { support: 'G-03' }), // out of range
          feature([1.2251, 44.8951], { support: 'G-04', modele: 'LUMA-99' }), // not in the catalogue
          feature([1.2252, 44.8952], { support: 'G-05' }),
          feature([1.2253, 44.8953], { support: 'G-05' }), // the same pole twice
          feature([1.2254, 44.8954], { rue: 'Rue Sirey' }), // neither a controller nor a pole
          feature([[1.2, 44.8], [1.3, 44.9]], { support: 'G-08' }, 'LineString'), // not a point
          { type: 'Point', coordinates: [1.2, 44.8] }, // not a feature
        ],
      };
      const post = (body: unknown, dryRun: boolean) => installer({ method: 'POST', url: `${base}/import?dryRun=${dryRun}`, headers: { 'content-type': 'application/geo+json' }, payload: JSON.stringify(body) });
      const before = await poles();
      const dry = (await post(fc, true)).json() as Report;
      expect(dry.lines.map((l) => [l.line, l.status, l.reason ?? l.poleRef])).toEqual([
        [1, 'created', 'G-01'],
        [2, 'rejected', 'feature 2: coordinates are not [longitude, latitude] numbers'],
        [3, 'rejected', 'feature 3: latitude 144.895 out of range -90..90; latitude and longitude look swapped'],
        [4, 'rejected', 'feature 4: unknown luminaire model LUMA-99'],
        [5, 'rejected', 'feature 5: pole G-05 is on features 5, 6 (a pole without a controller takes one feature)'],
        [6, 'rejected', 'feature 6: pole G-05 is on features 5, 6 (a pole without a controller takes one feature)'],
        [7, 'rejected', 'feature 7: neither a device id nor a pole'],
        [8, 'rejected', 'feature 8: geometry is LineString, not a Point'],
        [9, 'rejected', 'feature 9: not a GeoJSON Feature'],
      ]);
      for (const l of dry.lines.filter((x) => x.reason)) expect(knownReason(l.reason as string), l.reason).toBe(true);
      expect(importReason('feature 4: unknown luminaire model LUMA-99', 'fr')).toBe('objet 4 : modèle de luminaire LUMA-99 absent du catalogue');
      expect((await post(fc, false)).statusCode).toBe(422);
      expect(await poles()).toEqual(before);
      // The good feature alone is written, its installation date on the luminaire.
      const ok = await post({ type: 'FeatureCollection', features: [fc.features[0]] }, false);
      expect(ok.json()).toMatchObject({ applied: true, counts: { created: 1 }, poles: 1 });
      expect((await installer(`${base}/poles/G-01`)).json()).toMatchObject({ street: 'Rue Sirey', luminaires: [{ modelId: 'LUMA-36', installedAt: '2020-06-01T12:00:00.000Z', controller: null }] });
    });
  });
}

const schema = uniqueSchema();
suite('SQLite', () => ({}), async () => {});
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
