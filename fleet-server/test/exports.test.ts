/**
 * Issue 15: exports of a town's commissioned lights as GeoJSON (checked with @placemarkio/check-geojson), CSV for
 * French Excel, and NGSI-LD Streetlight entities (the keyValues form validated with ajv against the smart-data-models
 * schema in shared/fiware, the normalized form checked attribute by attribute).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getIssues } from '@placemarkio/check-geojson';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { provisionDevice, type Inject } from '../src/testing.js';
import { twoTownsApp } from './helpers.js';

const T0 = Date.UTC(2026, 10, 23, 20, 0, 0);
const FIWARE = path.resolve(import.meta.dirname, '../../../shared/fiware');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
/** A file of shared/fiware (the smart-data-models schemas, beside the repository), or a clear failure. */
const fiware = (file: string): Record<string, unknown> => {
  const p = path.join(FIWARE, file);
  if (!existsSync(p)) throw new Error(`missing ${p}: the smart-data-models schemas (shared/fiware) must sit beside the repository`);
  return JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
};

interface Feature { type: string; id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }

describe('exports of a town\'s lights', () => {
  let app: FastifyInstance;
  let admin: Inject;
  let viewer: Inject;
  let foreign: Inject;
  const base = '/api/tenants/sarlat/exports';

  beforeAll(async () => {
    const t = await twoTownsApp(T0);
    ({ app, admin } = t);
    viewer = await t.as('sarlat', 'viewer');
    foreign = await t.as('domme', 'admin');
    const a = await provisionDevice(app, 'sarlat', 'SRL-0101');
    const rows = [
      { deviceId: 'SRL-0101', poleRef: 'P-17', lat: 44.8901, lon: 1.2169, group: 'rue-de-la-republique', luminaireModel: 'Lanterne LED 36', nominalPowerW: 36, cctK: 3000 },
      { deviceId: 'SRL-0102', poleRef: '=1+1', lat: 44.8895, lon: -1.5 },
      { deviceId: 'SRL-0103', poleRef: 'a;b"c', lat: 44.8899, lon: 1.2171, group: 'place-pasteur' },
    ];
    const res = await admin({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: rows });
    expect(res.statusCode).toBe(200);
    // SRL-0101 says Hello and reports 50 % at 18.25 W.
    await app.devices.handleMessage(uplinkTopic('sarlat', a.deviceId), a.uplink({ seq: 1, hello: { firmwareVersion: '1.5.0', hardwareModel: 'SL-ESP32' } }));
    await app.devices.handleMessage(uplinkTopic('sarlat', a.deviceId),
      a.uplink({ seq: 2, state: { level: 50, targetLevel: 50, source: pb.LevelSource.LEVEL_SOURCE_PLAN, powerMw: 18250 } }));
  });
  afterAll(async () => { await app?.close(); });

  it('GeoJSON: a valid FeatureCollection of points with inventory and state', async () => {
    const res = await viewer(`${base}/lights.geojson`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="sarlat-lights.geojson"');
    expect(res.headers['x-skipped-without-position']).toBe('0');
    expect(getIssues(res.body)).toEqual([]);
    const fc = JSON.parse(res.body) as { type: string; features: Feature[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id)).toEqual(['SRL-0101', 'SRL-0102', 'SRL-0103']);
    const f = fc.features[0]!;
    expect(f.geometry).toEqual({ type: 'Point', coordinates: [1.2169, 44.8901] });
    expect(f.properties).toMatchObject({
      deviceId: 'SRL-0101', poleRef: 'P-17', group: 'rue-de-la-republique', groups: ['rue-de-la-republique'], luminaireModel: 'Lanterne LED 36',
      nominalPowerW: 36, cctK: 3000, state: 'dim', level: 50, powerW: 18.25, firmwareVersion: '1.5.0',
    });
    expect(f.properties.installedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(f.properties.lastSeen).toBe(new Date(T0).toISOString());
    expect(fc.features[1]!.properties).toMatchObject({ state: 'unknown', level: null, lastSeen: null, firmwareVersion: null });
    expect(res.body).not.toMatch(/claim/i);
  });

  it('CSV: BOM, French headers, `;`, decimal commas, quoting and the formula guard', async () => {
    const res = await viewer(`${base}/lights.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sarlat-lights.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = res.rawPayload.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFFIdentifiant;Support;Latitude;Longitude;Groupe;Groupes;Modèle;Puissance (W);Température de couleur;'
      + "Date d'installation;État;Niveau (%);Puissance mesurée (W);Vu le;Micrologiciel");
    expect(text).toContain('SRL-0101;P-17;44,8901;1,2169;rue-de-la-republique;rue-de-la-republique;Lanterne LED 36;36;3000;');
    expect(text).toContain(';dim;50;18,25;');
    expect(text).toContain("SRL-0102;'=1+1;44,8895;-1,5;"); // a formula is text; a negative number stays a number
    expect(text).toContain('SRL-0103;"a;b""c";');
    const rows = parse(text, { bom: true, delimiter: ';', columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.Support)).toEqual(['P-17', "'=1+1", 'a;b"c']);
    expect(rows[0]!['État']).toBe('dim');
  });

  describe('NGSI-LD Streetlight', () => {
    it('keyValues: every entity valid against the Streetlight schema (common-schema registered under its $id)', async () => {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats(ajv);
      const common = fiware('common-schema.json');
      expect(common.$id).toBe('https://smart-data-models.github.io/data-models/common-schema.json');
      ajv.addSchema(common, common.$id as string);
      const validate = ajv.compile(fiware('Streetlight/schema.json'));
      expect(validate(fiware('Streetlight/example.json'))).toBe(true); // the model's own example passes
      const res = await viewer(`${base}/streetlights.ngsi-ld.json?format=keyValues`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
      // Only SRL-0101 reports: the two never-connected lights have no known status.
      expect([res.headers['x-skipped-without-position'], res.headers['x-skipped-without-status']]).toEqual(['0', '2']);
      const entities = res.json() as Array<Record<string, unknown>>;
      expect(entities).toHaveLength(1);
      for (const e of entities) expect(validate(e), JSON.stringify(validate.errors)).toBe(true);
      expect(validate({ ...entities[0], status: 'on' })).toBe(false); // the validator does check: not in the status enum
      expect(validate({ ...entities[0], illuminanceLevel: 50 })).toBe(false);
      expect(entities[0]).toMatchObject({
        id: 'urn:ngsi-ld:Streetlight:sarlat:SRL-0101', type: 'Streetlight', location: { type: 'Point', coordinates: [1.2169, 44.8901] },
        status: 'ok', powerState: 'low', illuminanceLevel: 0.5, powerConsumption: 18.25, powerRating: 36, streetPoleNum: 'P-17',
        refStreetlightGroup: 'urn:ngsi-ld:StreetlightGroup:sarlat:rue-de-la-republique',
        refStreetlightModel: 'urn:ngsi-ld:StreetlightModel:sarlat:Lanterne%20LED%2036',
        dateModified: new Date(T0).toISOString(),
      });
    });

    it('normalized (default): every attribute a Property, GeoProperty or Relationship', async () => {
      const res = await viewer(`${base}/streetlights.ngsi-ld.json`);
      expect(res.statusCode).toBe(200);
      const entities = res.json() as Array<Record<string, unknown>>;
      expect(entities).toHaveLength(1);
      for (const e of entities) {
        expect(e.id).toMatch(/^urn:ngsi-ld:Streetlight:sarlat:/);
        expect(e.type).toBe('Streetlight');
        expect(e['@context']).toEqual(['https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/master/context.jsonld']);
        for (const [name, attr] of Object.entries(e)) {
          if (['id', 'type', '@context'].includes(name)) continue;
          const a = attr as { type: string; value?: unknown; object?: unknown };
          expect(['Property', 'GeoProperty', 'Relationship'], name).toContain(a.type);
          if (a.type === 'Relationship') expect(typeof a.object, name).toBe('string');
          else expect(a.value, name).not.toBeUndefined();
        }
        expect(e.location).toEqual({ type: 'GeoProperty', value: { type: 'Point', coordinates: [1.2169, 44.8901] } });
        expect(e.status).toEqual({ type: 'Property', value: 'ok' });
        expect(e.refStreetlightGroup).toEqual({ type: 'Relationship', object: 'urn:ngsi-ld:StreetlightGroup:sarlat:rue-de-la-republique' });
        expect(e.dateModified).toEqual({ type: 'Property', value: { '@type': 'DateTime', '@value': new Date(T0).toISOString() } });
      }
    });
  });

  it('reads a town of more than one page (1,000 lights) whole, in id order', async () => {
    const rows = Array.from({ length: 1203 }, (_, k) => ({ deviceId: `DOM-${String(k).padStart(4, '0')}`, lat: 44.82 + k * 1e-5, lon: 1.21 }));
    expect((await admin({ method: 'POST', url: '/api/tenants/domme/inventory', payload: rows })).statusCode).toBe(200);
    const fc = (await foreign('/api/tenants/domme/exports/lights.geojson')).json() as { features: Feature[] };
    expect(fc.features.map((f) => f.id)).toEqual(rows.map((r) => r.deviceId));
    const csv = (await foreign('/api/tenants/domme/exports/lights.csv')).rawPayload.toString('utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 1203);
  });

  it('a viewer of the town may read them; another town\'s user may not (404, as for any tenant it holds no role on)', async () => {
    for (const p of ['lights.geojson', 'lights.csv', 'streetlights.ngsi-ld.json']) {
      expect((await viewer(`${base}/${p}`)).statusCode).toBe(200);
      const res = await foreign(`${base}/${p}`);
      expect([res.statusCode, res.json().code]).toEqual([404, 'SL_TENANT_NOT_FOUND']);
    }
  });
});
