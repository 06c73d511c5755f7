/**
 * Exports of the inventory (routes/exports-inventory.ts) on SQLite and PostgreSQL: FIWARE StreetlightGroup,
 * StreetlightModel and StreetlightControlCabinet entities (keyValues validated with ajv, draft 2020-12, against the
 * smart-data-models schemas in shared/fiware with common-schema.json registered under its $id, offline; normalized
 * checked attribute by attribute), and the decree file per installation (French CSV, missing values flagged).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { build } from '../src/app.js';
import { authedInject, type Inject } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const T = 'sarlat';
const T0 = Date.UTC(2026, 10, 23, 20, 0, 0);
const FIWARE = path.resolve(import.meta.dirname, '../../../shared/fiware');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const fiware = (file: string): Record<string, unknown> => {
  const p = path.join(FIWARE, file);
  if (!existsSync(p)) throw new Error(`missing ${p}: the smart-data-models schemas (shared/fiware) must sit beside the repository`);
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
};
/**
 * A validator of one smart-data-models schema. One Ajv each: StreetlightModel's schema carries the `$id` of
 * Streetlight's (an upstream copy-paste), so both cannot live in one Ajv instance.
 */
function validator(model: string): (x: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const common = fiware('common-schema.json');
  expect(common.$id).toBe('https://smart-data-models.github.io/data-models/common-schema.json');
  ajv.addSchema(common, common.$id as string);
  const validate = ajv.compile(fiware(`${model}/schema.json`));
  return (x) => (validate(x) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
}

type Entity = Record<string, unknown> & { id: string; type: string };

function suite(name: string, database: () => Record<string, string>, cleanup: () => Promise<void>): void {
  describe(`inventory exports on ${name}`, () => {
    let app: FastifyInstance;
    let admin: Inject;
    let viewer: Inject;
    const base = `/api/tenants/${T}/exports`;

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...database() }, logger: false, now: () => T0 });
      admin = await authedInject(app);
      for (const t of [T, 'domme']) expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: t, name: t } })).statusCode).toBe(200);
      viewer = await authedInject(app, { tenant: T, role: 'viewer' });
      const put = async (url: string, payload: Record<string, unknown>) => { const r = await admin({ method: 'PUT', url, payload }); expect(r.statusCode, r.body).toBe(200); };
      await put(`/api/tenants/${T}/luminaire-models/ECO-36`, { name: 'Eco 36 W', nominalW: 36, cctK: 2700, ulrPct: 0.5, fluxLm: 4200, cieFluxCode3Pct: 98.5, maxPowerW: 38, driverInterface: 'dali' });
      await put(`/api/tenants/${T}/luminaire-models/OLD-70`, { nominalW: 70, cctK: 4000 }); // an old head: the decree's values unknown
      await put(`/api/tenants/${T}/inventory/cabinets/AR-01`, { name: 'Armoire Liberté', lat: 44.8897, lon: 1.2166, pdl: '09876543210123', contractedKva: 12, tariff: 'C5 BT base' });
      await put(`/api/tenants/${T}/inventory/cabinets/AR-02`, { name: 'Armoire sans position' });
      await put(`/api/tenants/${T}/inventory/cabinets/AR-01/circuits/C1`, {});
      for (const [p, lat] of [['P-1', 44.8901], ['P-2', 44.8903]] as const) {
        await put(`/api/tenants/${T}/inventory/poles/${p}`, { lat, lon: 1.2169, street: 'Rue Haute', heightM: 6, cabinetId: 'AR-01', circuitId: 'C1' });
      }
      const rows = [
        { deviceId: 'SRL-0001', poleRef: 'P-1', lat: 44.8901, lon: 1.2169, group: 'rue-haute', luminaireModel: 'ECO-36' },
        { deviceId: 'SRL-0002', poleRef: 'P-2', lat: 44.8903, lon: 1.2169, group: 'rue-haute', luminaireModel: 'OLD-70', cctK: 3000 },
        { deviceId: 'SRL-0003', poleRef: 'P-3', lat: 44.8911, lon: 1.2181, group: 'place-pasteur' },
      ];
      expect((await admin({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows })).statusCode).toBe(200);
      // A group without any light: nowhere to place it.
      expect((await admin({ method: 'POST', url: `/api/tenants/${T}/groups/vide/members`, payload: { add: [], remove: [] } })).statusCode).toBeLessThan(300);
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('StreetlightGroup: keyValues valid against the schema; lights, their cabinet and circuit, MultiPoint location', async () => {
      const valid = validator('StreetlightGroup');
      expect(valid(fiware('StreetlightGroup/example.json'))).toEqual([]);
      expect(valid({ id: 'urn:ngsi-ld:StreetlightGroup:x:y', type: 'StreetlightGroup' })).not.toEqual([]); // the validator refuses: no location
      const res = await viewer(`${base}/streetlight-groups.ngsi-ld.json?format=keyValues`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      const groups = res.json() as Entity[];
      for (const g of groups) expect(valid(g), g.id).toEqual([]);
      expect(groups.map((g) => g.id)).toEqual([`urn:ngsi-ld:StreetlightGroup:${T}:place-pasteur`, `urn:ngsi-ld:StreetlightGroup:${T}:rue-haute`]);
      expect(res.headers['x-skipped-without-position']).toBe('1'); // `vide`
      expect(groups[1]).toMatchObject({
        type: 'StreetlightGroup', name: 'rue-haute', circuitId: 'C1',
        location: { type: 'MultiPoint', coordinates: [[1.2169, 44.8901], [1.2169, 44.8903]] },
        refStreetlight: [`urn:ngsi-ld:Streetlight:${T}:SRL-0001`, `urn:ngsi-ld:Streetlight:${T}:SRL-0002`],
        refStreetlightControlCabinet: `urn:ngsi-ld:StreetlightControlCabinet:${T}:AR-01`,
      });
      expect(groups[0]?.refStreetlightControlCabinet).toBeUndefined(); // P-3 is on no cabinet
      const norm = (await viewer(`${base}/streetlight-groups.ngsi-ld.json`)).json() as Entity[];
      expect(norm[1]).toMatchObject({
        location: { type: 'GeoProperty', value: { type: 'MultiPoint' } }, name: { type: 'Property', value: 'rue-haute' },
        refStreetlight: { type: 'Relationship', object: [`urn:ngsi-ld:Streetlight:${T}:SRL-0001`, `urn:ngsi-ld:Streetlight:${T}:SRL-0002`] },
      });
      expect(norm[1]?.['@context']).toBeDefined();
    });

    it('StreetlightModel: the catalogue, valid against the schema, with rated and maximum power, CCT and flux', async () => {
      const valid = validator('StreetlightModel');
      expect(valid(fiware('StreetlightModel/example.json'))).toEqual([]);
      expect(valid({ id: 'urn:ngsi-ld:StreetlightModel:x:y', type: 'StreetlightModel', name: 'm', luminousFlux: -1 })).not.toEqual([]); // the validator refuses
      const models = (await viewer(`${base}/streetlight-models.ngsi-ld.json?format=keyValues`)).json() as Entity[];
      for (const m of models) expect(valid(m), m.id).toEqual([]);
      expect(models).toEqual([
        expect.objectContaining({ id: `urn:ngsi-ld:StreetlightModel:${T}:ECO-36`, name: 'Eco 36 W', powerConsumption: 36, maxPowerConsumption: 38, colorTemperature: 2700, luminousFlux: 4200 }),
        expect.objectContaining({ id: `urn:ngsi-ld:StreetlightModel:${T}:OLD-70`, name: 'OLD-70', powerConsumption: 70, colorTemperature: 4000 }),
      ]);
      expect(models[1]).not.toHaveProperty('luminousFlux');
      // The lights' export points at these ids.
      const lights = (await viewer(`${base}/streetlights.ngsi-ld.json?format=keyValues`)).json() as Entity[];
      expect(lights.map((l) => l.refStreetlightModel).filter(Boolean)).toEqual([]); // none reports a status yet: none exported
      const norm = (await viewer(`${base}/streetlight-models.ngsi-ld.json`)).json() as Entity[];
      expect(norm[0]?.luminousFlux).toEqual({ type: 'Property', value: 4200 });
    });

    it('StreetlightControlCabinet: valid against the schema; the groups it feeds, contracted power, PDL', async () => {
      const valid = validator('StreetlightControlCabinet');
      expect(valid(fiware('StreetlightControlCabinet/example.json'))).toEqual([]);
      expect(valid({ id: 'urn:ngsi-ld:StreetlightControlCabinet:x:y', type: 'StreetlightControlCabinet', location: { type: 'Point', coordinates: [1, 44] }, refStreetlightGroup: [] }))
        .not.toEqual([]); // the validator refuses: no workingMode
      const res = await viewer(`${base}/streetlight-control-cabinets.ngsi-ld.json?format=keyValues`);
      const cabs = res.json() as Entity[];
      for (const c of cabs) expect(valid(c), c.id).toEqual([]);
      expect(res.headers['x-skipped-without-position']).toBe('1'); // AR-02
      expect(cabs).toEqual([expect.objectContaining({
        id: `urn:ngsi-ld:StreetlightControlCabinet:${T}:AR-01`, location: { type: 'Point', coordinates: [1.2166, 44.8897] }, workingMode: 'automatic',
        refStreetlightGroup: [`urn:ngsi-ld:StreetlightGroup:${T}:rue-haute`], maximumPowerAvailable: 12,
        description: 'PDL 09876543210123, tarif C5 BT base, 12 kVA souscrits',
      })]);
      const norm = (await viewer(`${base}/streetlight-control-cabinets.ngsi-ld.json`)).json() as Entity[];
      expect(norm[0]?.refStreetlightGroup).toEqual({ type: 'Relationship', object: [`urn:ngsi-ld:StreetlightGroup:${T}:rue-haute`] });
    });

    it('the decree file: one line per installation, French CSV, missing values flagged and counted', async () => {
      const res = await viewer(`${base}/decree-compliance.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.body.startsWith('\uFEFF')).toBe(true);
      expect(res.headers['x-incomplete-lines']).toBe('2');
      const rows = parse(res.body.slice(1), { delimiter: ';', columns: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => [r.Support, r.Luminaire, r['Contrôleur']])).toEqual([['P-1', 'L-SRL-0001', 'SRL-0001'], ['P-2', 'L-SRL-0002', 'SRL-0002'], ['P-3', 'L-SRL-0003', 'SRL-0003']]);
      expect(rows[0]).toMatchObject({
        Rue: 'Rue Haute', Armoire: 'AR-01', 'Départ': 'C1', 'Modèle': 'ECO-36', "Date d'installation": '2026-11-23', 'ULR (%)': '0,5',
        'Code flux CIE n°3 (%)': '98,5', 'Température de couleur (K)': '2700', 'Puissance maximale (W)': '38', 'Flux lumineux (lm)': '4200', 'Valeurs manquantes': '',
      });
      // The old head: its own CCT (3000 K, not the catalogue's 4000 K), the rest missing.
      expect(rows[1]).toMatchObject({ 'Température de couleur (K)': '3000', 'ULR (%)': 'MANQUANT', 'Flux lumineux (lm)': 'MANQUANT',
        'Valeurs manquantes': 'ULR (%), Code flux CIE n°3 (%), Puissance maximale (W), Flux lumineux (lm)' });
      expect(rows[2]?.['Valeurs manquantes']).toBe('ULR (%), Code flux CIE n°3 (%), Température de couleur (K), Puissance maximale (W), Flux lumineux (lm)');
      // Another town's file is not reachable.
      expect((await (await authedInject(app, { tenant: 'domme', role: 'admin' }))(`${base}/decree-compliance.csv`)).statusCode).toBe(404);
    });

    it('leaves out what was taken out of service; a luminaire without its controller stays an installation', async () => {
      expect((await admin({ method: 'POST', url: `/api/tenants/${T}/inventory/controllers/SRL-0001/decommission` })).statusCode).toBe(200);
      expect((await admin({ method: 'POST', url: `/api/tenants/${T}/inventory/poles/P-3/decommission` })).statusCode).toBe(200);
      const rows = parse((await viewer(`${base}/decree-compliance.csv`)).body.slice(1), { delimiter: ';', columns: true }) as Array<Record<string, string>>;
      expect(rows.map((r) => [r.Support, r['Contrôleur']])).toEqual([['P-1', ''], ['P-2', 'SRL-0002']]);
      const groups = (await viewer(`${base}/streetlight-groups.ngsi-ld.json?format=keyValues`)).json() as Entity[];
      expect(groups.map((g) => [g.name, g.refStreetlight])).toEqual([['rue-haute', [`urn:ngsi-ld:Streetlight:${T}:SRL-0002`]]]);
    });
  });
}

const schema = uniqueSchema();
suite('SQLite', () => ({}), async () => {});
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
