/**
 * Importing the inventory from a file (POST /api/tenants/:tenant/inventory/import): CSV as French Excel writes it
 * (Windows-1252 or UTF-8 with a BOM, `;`, decimal commas) and GeoJSON; a dry run line by line, then all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { InventoryFileError, parseInventoryFile } from '../src/inventory/import.js';
import { provisionDevice, type Inject } from '../src/testing.js';
import { twoTownsApp } from './helpers.js';

const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);
const cp1252 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1')); // é, è, ô: the same bytes in Windows-1252
const utf8Bom = (s: string): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]));

interface Line { line: number; deviceId?: string; status: string; reason?: string; changes?: Array<{ field: string; from: unknown; to: unknown }> }
interface Report { dryRun: boolean; applied: boolean; encoding: string; counts: Record<string, number>; lines: Line[]; ignoredColumns: string[] }

describe('parseInventoryFile', () => {
  it('detects the separator from the header, reads decimal commas and quoted fields, and counts physical lines', () => {
    const csv = 'device_id,lat,lon,pole_ref\n"SRL-1","44,8897",1.2169,"P ""12"""\n\nSRL-2,44.89,1.21,"two\nlines"\nSRL-3,44.891,1.2171,P3\n';
    const p = parseInventoryFile(new TextEncoder().encode(csv), 'csv');
    expect(p.encoding).toBe('utf-8');
    expect(p.rejected).toEqual([]);
    expect(p.rows.map((r) => [r.line, r.row.deviceId, r.row.lat, r.row.poleRef])).toEqual([
      [2, 'SRL-1', 44.8897, 'P "12"'], [4, 'SRL-2', 44.89, 'two\nlines'], [6, 'SRL-3', 44.891, 'P3'],
    ]);
    const tab = parseInventoryFile(new TextEncoder().encode('Identifiant\tLatitude\tLongitude\tCCT\nA1\t44,9\t1,2\t3000\n'), 'csv');
    expect(tab.rows).toEqual([{ line: 2, row: { deviceId: 'A1', lat: 44.9, lon: 1.2, cctK: 3000 } }]);
  });

  it('reads a file that is not UTF-8 as Windows-1252 and says so', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('device_id;lat;lon;rue\nA1;44,9;1,2;Rue de l'), 0xc9, ...new TextEncoder().encode('glise\n')]);
    const p = parseInventoryFile(bytes, 'csv');
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows[0]?.row.group).toBe('rue-de-leglise');
  });

  it('refuses a file without the required columns, naming them and the header found', () => {
    expect(() => parseInventoryFile(new TextEncoder().encode('Contrôleur;Lat;Poteau\nA1;44;P1\n'), 'csv'))
      .toThrow(/missing column longitude .*header found: Contrôleur;Lat;Poteau/);
    expect(() => parseInventoryFile(new TextEncoder().encode('{"type":"Feature"}'), 'geojson')).toThrow(InventoryFileError);
  });

  it('reads Excel\'s "Unicode text" (UTF-16 with its BOM); refuses a workbook, a PDF or a file with NUL bytes, saying what to do', () => {
    const text = 'Poteau\tLatitude\tLongitude\tRue\nP-1\t44,9\t1,2\tRue de l\'Église\n';
    const le = parseInventoryFile(new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]), 'csv');
    expect([le.encoding, le.poles]).toEqual(['utf-16le', [{ line: 2, row: { poleRef: 'P-1', lat: 44.9, lon: 1.2, street: 'Rue de l\'Église', group: 'rue-de-l-eglise' } }]]);
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(parseInventoryFile(new Uint8Array([0xfe, 0xff, ...be]), 'csv').poles).toEqual(le.poles);
    expect(() => parseInventoryFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]), 'csv')).toThrow(/spreadsheet workbook .*save it as "CSV/);
    expect(() => parseInventoryFile(new TextEncoder().encode('%PDF-1.7\n'), 'csv')).toThrow(/a PDF/);
    expect(() => parseInventoryFile(new Uint8Array(Buffer.from(text, 'utf16le')), 'csv')).toThrow(/NUL bytes: not a text file/);
  });

  it('reads a file of poles without controllers: the pole and its luminaire, the installation date; a line with neither is refused', () => {
    const csv = [
      'Support;Latitude;Longitude;Rue;Modèle;Puissance;Date de pose;Hauteur (m)',
      'P-1;44,8897;1,2169;Rue Montaigne;LUMA-36;36;15/03/2019;8',
      'P-2;44,8898;1,2170;Rue Montaigne;;;2015;',
      ';44,8899;1,2171;Rue Montaigne;;;;',
      'P-4;44,8899;1,2171;;;;31/02/2020;',
      'P-5;44,8899;1,2171;;;;;',
      'P-5;44,8899;1,2172;;;;;',
    ].join('\r\n');
    const p = parseInventoryFile(new TextEncoder().encode(csv), 'csv');
    expect(p.rows).toEqual([]);
    expect(p.poles).toEqual([
      { line: 2, row: { poleRef: 'P-1', lat: 44.8897, lon: 1.2169, street: 'Rue Montaigne', group: 'rue-montaigne', luminaireModel: 'LUMA-36', nominalPowerW: 36, installedAt: Date.UTC(2019, 2, 15, 12), heightM: 8 } },
      { line: 3, row: { poleRef: 'P-2', lat: 44.8898, lon: 1.217, street: 'Rue Montaigne', group: 'rue-montaigne', installedAt: Date.UTC(2015, 0, 1, 12) } },
    ]);
    expect(p.rejected).toEqual([
      { line: 4, reason: 'neither a device id nor a pole' },
      { line: 5, reason: 'installation date "31/02/2020" is not a date (2026-12-07, 07/12/2026 or a year)', poleRef: 'P-4' },
      { line: 6, reason: 'pole P-5 is on lines 6, 7 (a pole without a controller takes one line)', poleRef: 'P-5' },
      { line: 7, reason: 'pole P-5 is on lines 6, 7 (a pole without a controller takes one line)', poleRef: 'P-5' },
    ]);
    expect(() => parseInventoryFile(new TextEncoder().encode('Rue;Latitude;Longitude\nA;44;1\n'), 'csv')).toThrow(/^missing column device id or pole \(accepted names: device_id\|.*\|poteau\|support/);
  });

  it('rejects a GeoJSON feature that is not a point, or has bad coordinates, naming the feature', () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1.2169, 44.8897] }, properties: { deviceId: 'G1', puissance: 36 } },
        { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 44], [1.1, 44]] }, properties: { deviceId: 'G2' } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: ['x', 44] }, properties: { deviceId: 'G3' } },
      ],
    };
    const p = parseInventoryFile(new TextEncoder().encode(JSON.stringify(fc)), 'geojson');
    expect(p.rows).toEqual([{ line: 1, row: { deviceId: 'G1', lat: 44.8897, lon: 1.2169, nominalPowerW: 36 } }]);
    expect(p.rejected).toEqual([
      { line: 2, reason: 'feature 2: geometry is LineString, not a Point', deviceId: 'G2' },
      { line: 3, reason: 'feature 3: coordinates are not [longitude, latitude] numbers', deviceId: 'G3' },
    ]);
  });
});

describe('inventory import route', () => {
  let app: FastifyInstance;
  let admin: Inject;
  let installer: Inject;
  let viewer: Inject;
  const upload = (as: Inject, body: Uint8Array | string, o: { dryRun: boolean; type?: string; format?: string }) => as({
    method: 'POST',
    url: `/api/tenants/sarlat/inventory/import?dryRun=${o.dryRun}${o.format ? `&format=${o.format}` : ''}`,
    headers: { 'content-type': o.type ?? 'text/csv' },
    payload: typeof body === 'string' ? body : Buffer.from(body),
  });
  const inventory = async () => (await app.repo.listInventory('sarlat')).map((i) => ({ ...i, updatedAt: 0, installedAt: 0 }))
    .sort((a, b) => a.deviceId.localeCompare(b.deviceId));

  beforeAll(async () => {
    const t = await twoTownsApp(T0);
    ({ app, admin } = t);
    installer = await t.as('sarlat', 'installer');
    viewer = await t.as('sarlat', 'viewer');
    expect((await admin({ method: 'PUT', url: '/api/tenants/sarlat/luminaire-models/LUMA-36', payload: { nominalW: 36 } })).statusCode).toBe(200);
    await provisionDevice(app, 'domme', 'DOM-0001');
  });
  afterAll(async () => { await app.close(); });

  const excel = [
    'Contrôleur;Poteau;Latitude;Longitude;Rue;Modèle;Puissance',
    'SRL-0001;P-01;44,8897;1,2169;Rue de la République;LUMA-36;36',
    'SRL-0002;P-02;44,8899;1,2171;Rue de la République;LUMA-36;36',
    'SRL-0003;P-03;44,8902;1,2175;Place de la Liberté;;',
  ].join('\r\n') + '\r\n';

  it('dry-runs a French Excel file (Windows-1252, no BOM), then applies it', async () => {
    expect((await upload(viewer, cp1252(excel), { dryRun: true })).json().code).toBe('SL_FORBIDDEN');
    const dry = await upload(installer, cp1252(excel), { dryRun: true });
    expect(dry.statusCode).toBe(200);
    const r = dry.json() as Report;
    expect([r.encoding, r.applied, r.counts]).toEqual(['windows-1252', false, { created: 3, updated: 0, unchanged: 0, rejected: 0 }]);
    expect(r.lines.map((l) => [l.line, l.deviceId, l.status])).toEqual([[2, 'SRL-0001', 'created'], [3, 'SRL-0002', 'created'], [4, 'SRL-0003', 'created']]);
    expect(await inventory()).toEqual([]); // a dry run writes nothing

    const applied = await upload(installer, cp1252(excel), { dryRun: false });
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, counts: { created: 3 } });
    expect((await inventory()).map((i) => [i.deviceId, i.poleRef, i.lat, i.lon, i.groupId, i.luminaireModel, i.nominalPowerW])).toEqual([
      ['SRL-0001', 'P-01', 44.8897, 1.2169, 'rue-de-la-republique', 'LUMA-36', 36],
      ['SRL-0002', 'P-02', 44.8899, 1.2171, 'rue-de-la-republique', 'LUMA-36', 36],
      ['SRL-0003', 'P-03', 44.8902, 1.2175, 'place-de-la-liberte', null, null],
    ]);
    // The audit log has the size of the file, not its content.
    const audit = (await admin('/api/tenants/sarlat/audit')).json() as Array<{ target: string; detail: unknown }>;
    const row = audit.find((x) => x.target.includes('inventory/import'));
    expect(row?.detail).toMatchObject({ bytes: cp1252(excel).byteLength, format: 'CSV', created: 3, rejected: 0, dryRun: 0 });
    expect(row?.detail).toMatchObject({ summary: 'Inventory import, CSV: 3 created, 0 updated, 0 unchanged, 0 rejected' });
    expect(JSON.stringify(audit)).not.toContain('P-02');
  });

  it('says unchanged, updated (with the fields) and created on a second dry run of a UTF-8 file with a BOM', async () => {
    const next = [
      'Contrôleur;Poteau;Latitude;Longitude;Rue;Modèle;Puissance',
      'SRL-0001;P-01;44,8897;1,2169;Rue de la République;LUMA-36;36',
      'SRL-0002;P-02;44,8899;1,2171;Rue de la République;LUMA-36;50',
      'SRL-0004;P-04;44,8905;1,2180;Place de la Liberté;;',
    ].join('\r\n');
    const r = (await upload(installer, utf8Bom(next), { dryRun: true })).json() as Report;
    expect(r.encoding).toBe('utf-8');
    expect(r.lines).toEqual([
      { line: 2, deviceId: 'SRL-0001', status: 'unchanged' },
      { line: 3, deviceId: 'SRL-0002', status: 'updated', changes: [{ field: 'nominalPowerW', from: 36, to: 50 }] },
      { line: 4, deviceId: 'SRL-0004', status: 'created' },
    ]);
  });

  it('imports a GeoJSON FeatureCollection', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1.219, 44.891] }, properties: { device_id: 'SRL-0010', poteau: 'P-10', groupe: 'secteur-nord', cct: 3000 } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1.2169, 44.8897] }, properties: { deviceId: 'SRL-0001', support: 'P-01', rue: 'Rue de la République', modele: 'LUMA-36', puissance: 36 } },
      ],
    };
    const res = await upload(installer, JSON.stringify(fc), { dryRun: false, type: 'application/geo+json' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Report).lines.map((l) => [l.line, l.status])).toEqual([[1, 'created'], [2, 'unchanged']]);
    expect((await inventory()).find((i) => i.deviceId === 'SRL-0010')).toMatchObject({ lat: 44.891, lon: 1.219, groupId: 'secteur-nord', cctK: 3000 });
  });

  it('rejects bad lines with their line numbers and reasons, and on apply writes nothing (422)', async () => {
    const bad = [
      'Contrôleur;Poteau;Latitude;Longitude;Rue;Modèle;Puissance',
      'SRL-0020;P-20;44,89;1,21;Rue A;LUMA-36;36', // fine alone
      'SRL-0021;P-21;quarante;1,21;Rue A;;', // not a number
      'SRL-0022;P-22;1,2169;44,8897;Rue A;;', // swapped, both in range
      'SRL-0023;P-23;144,8;1,21;Rue A;;', // out of range
      'SRL-0024;P-24;44,89;1,21;Rue A;OTHER-99;', // not in the catalogue
      'SRL-0025;P-25;44,89;1,21;Rue A;;', // duplicate …
      'SRL-0025;P-26;44,89;1,21;Rue A;;', // … of line 7
      'DOM-0001;P-27;44,89;1,21;Rue A;;', // another town's controller
      'SRL 0028;P-28;44,89;1,21;Rue A;12.5;', // bad id, bad power
      ';;44,89;1,21;Rue A;;', // neither a controller nor a pole
      'SRL-0030;P-30;44,89;1,21;Rue A;;36,5',
    ].join('\n');
    const before = await inventory();
    const dry = (await upload(installer, cp1252(bad), { dryRun: true })).json() as Report;
    const reasons = Object.fromEntries(dry.lines.filter((l) => l.status === 'rejected').map((l) => [l.line, l.reason]));
    expect(reasons).toEqual({
      3: 'latitude "quarante" is not a number',
      4: 'latitude 1.2169 and longitude 44.8897 look swapped: the light would be far from the town',
      5: 'latitude 144.8 out of range -90..90; latitude and longitude look swapped',
      6: 'unknown luminaire model OTHER-99',
      7: 'device id SRL-0025 is on lines 7, 8',
      8: 'device id SRL-0025 is on lines 7, 8',
      9: 'device DOM-0001 belongs to another town',
      10: 'device id "SRL 0028" may only hold letters, digits, "_" and "-"',
      11: 'neither a device id nor a pole',
      12: 'power "36,5" is not a whole number of watts 0..100000',
    });
    expect(JSON.stringify(dry)).not.toContain('domme');
    expect(dry.lines.find((l) => l.line === 2)?.status).toBe('created');

    const apply = await upload(installer, cp1252(bad), { dryRun: false });
    expect(apply.statusCode).toBe(422);
    expect(apply.json().code).toBe('SL_IMPORT_REJECTED');
    expect((apply.json().details as Report).lines).toEqual(dry.lines);
    expect(await inventory()).toEqual(before); // nothing written, not even line 2
    expect((await admin('/api/tenants/domme/devices/DOM-0001')).json().inventory ?? null).toBeNull();
  });

  it('refuses a file without the required columns, and a GeoJSON that is not a FeatureCollection', async () => {
    const res = await upload(installer, 'Contrôleur;Poteau;Rue\nSRL-0040;P-40;Rue A\n', { dryRun: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/missing columns latitude, longitude .*header found: Contrôleur;Poteau;Rue/);
    const notFc = await upload(installer, JSON.stringify({ type: 'Point', coordinates: [1, 44] }), { dryRun: true, type: 'application/json' });
    expect([notFc.statusCode, notFc.json().message]).toEqual([400, expect.stringMatching(/not a GeoJSON FeatureCollection/)]);
  });

  it('takes each pole\'s street, cabinet, circuit and height; refuses an unknown cabinet or circuit, or a bad height, with the line', async () => {
    expect((await admin({ method: 'PUT', url: '/api/tenants/sarlat/inventory/cabinets/AR-07', payload: { pdl: '12345678901234' } })).statusCode).toBe(200);
    expect((await admin({ method: 'PUT', url: '/api/tenants/sarlat/inventory/cabinets/AR-07/circuits/D2', payload: {} })).statusCode).toBe(200);
    const file = [
      'Contrôleur;Support;Latitude;Longitude;Groupe;Rue;Armoire;Départ;Hauteur (m);Modèle',
      'SRL-0060;P-60;44,8897;1,2169;centre;Rue Montaigne;AR-07;D2;7,5;LUMA-36',
      'SRL-0061;P-61;44,8898;1,2170;;Rue Montaigne;AR-07;;;',
      'SRL-0062;P-62;44,8899;1,2171;;;AR-99;;;',
      'SRL-0063;P-63;44,8899;1,2171;;;AR-07;D9;;',
      'SRL-0064;P-64;44,8899;1,2171;;;;D2;;',
      'SRL-0065;P-65;44,8899;1,2171;;;;;haut;',
    ].join('\r\n');
    const dry = (await upload(installer, utf8Bom(file), { dryRun: true })).json() as Report;
    expect(dry.ignoredColumns).toEqual([]);
    expect(dry.lines.filter((l) => l.status === 'rejected').map((l) => [l.line, l.reason])).toEqual([
      [4, 'unknown cabinet AR-99'], [5, 'unknown circuit D9 of cabinet AR-07'], [6, 'circuit "D2" without a cabinet'],
      [7, 'height "haut" is not a number of metres above 0 and at most 60'],
    ]);
    const ok = file.split('\r\n').slice(0, 3).join('\r\n');
    const applied = await upload(installer, utf8Bom(ok), { dryRun: false });
    expect(applied.json()).toMatchObject({ applied: true, counts: { created: 2 } });
    const p60 = (await viewer('/api/tenants/sarlat/inventory/poles/P-60')).json() as Record<string, unknown>;
    expect(p60).toMatchObject({ street: 'Rue Montaigne', cabinetId: 'AR-07', circuitId: 'D2', heightM: 7.5, luminaires: [{ modelId: 'LUMA-36', controller: 'SRL-0060' }] });
    // A street without a group column gives the group, as before.
    expect((await app.repo.getInventory('SRL-0061'))?.groupId).toBe('rue-montaigne');
    expect((await viewer('/api/tenants/sarlat/inventory/cabinets/AR-07')).json()).toMatchObject({ poles: 2, circuits: [{ id: 'D2', poles: 1 }] });
    // The pole's fields in a second dry run: a change is listed, an empty cell keeps the stored value.
    const again = ['Contrôleur;Support;Latitude;Longitude;Groupe;Rue;Armoire;Départ;Hauteur (m);Modèle',
      'SRL-0060;P-60;44,8897;1,2169;centre;Rue Montaigne;AR-07;D2;8;LUMA-36', 'SRL-0061;P-61;44,8898;1,2170;;Rue Montaigne;;;;'].join('\r\n');
    expect(((await upload(installer, utf8Bom(again), { dryRun: true })).json() as Report).lines).toEqual([
      { line: 2, deviceId: 'SRL-0060', status: 'updated', changes: [{ field: 'heightM', from: 7.5, to: 8 }] },
      { line: 3, deviceId: 'SRL-0061', status: 'unchanged' },
    ]);
  });

  it('applies a 5,000-row file in one go', async () => {
    const lines = ['device_id;pole_ref;lat;lon;group;nominal_power_w'];
    for (let k = 0; k < 5000; k++) lines.push(`BULK-${k};P${k};${(44.88 + k * 1e-5).toFixed(5).replace('.', ',')};${(1.21 + k * 1e-5).toFixed(5).replace('.', ',')};grid-${k % 50};36`);
    const t0 = performance.now();
    const res = await upload(installer, cp1252(lines.join('\r\n')), { dryRun: false });
    const ms = performance.now() - t0;
    console.log(`inventory import: 5,000 rows dry-checked and applied in ${ms.toFixed(0)} ms`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ applied: true, counts: { created: 5000, rejected: 0 } });
    expect((await inventory()).filter((i) => i.deviceId.startsWith('BULK-'))).toHaveLength(5000);
  });
});
