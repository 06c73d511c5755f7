/**
 * The inventory's model on SQLite and PostgreSQL: cabinets, circuits, poles and the luminaire catalogue over the
 * API (zod bodies, roles of commissioning), commissioning writing poles, luminaires and assignments, and a
 * controller's life on its pole: replaced (the pole keeps its history, energy and alarms; the old controller is
 * retired, revoked and out of lists, counts and exports; the new one gets configuration and plan at once),
 * decommissioned, or its pole decommissioned — each in the audit log in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';
import { describeAudit, type AuditEntry } from '../src/ui/audit.js';
import { makeI18n } from '../src/ui/i18n.js';

const T = 'sarlat';
// 2026-11-23 20:00 UTC, then a day later for the replacement.
const DAY1 = Date.UTC(2026, 10, 23, 20, 0, 0);
const DAY2 = DAY1 + 86_400_000;
const base = `/api/tenants/${T}/inventory`;

interface PoleOut { id: string; street: string | null; cabinetId: string | null; circuitId: string | null; decommissionedAt: string | null; luminaires: Array<{ id: string; modelId: string | null; nominalPowerW: number | null; controller: string | null }> }
interface History { deviceId: string; luminaireId: string; from: string; to: string | null; endReason: string | null; replacedBy: string | null }

function suite(name: string, database: () => Record<string, string>, cleanup: () => Promise<void>): void {
  describe(`inventory model on ${name}`, () => {
    let app: FastifyInstance;
    let admin: Inject;
    let installer: Inject;
    let viewer: Inject;
    const clock = { ms: DAY1 };
    const dev: Record<string, TestDevice> = {};
    let seq = 1;
    const send = async (d: TestDevice, m: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic(T, d.deviceId), d.uplink({ seq: seq++, ...m }));
    const listIds = async () => ((await admin(`/api/tenants/${T}/devices`)).json() as Array<{ id: string }>).map((d) => d.id).sort();

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...database() }, logger: false, now: () => clock.ms });
      admin = await authedInject(app);
      for (const t of [T, 'domme']) expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: t, name: t } })).statusCode).toBe(200);
      installer = await authedInject(app, { tenant: T, role: 'installer' });
      viewer = await authedInject(app, { tenant: T, role: 'viewer' });
      for (const id of ['SRL-0001', 'SRL-0002', 'SRL-0003', 'SRL-0004', 'SRL-0005', 'SRL-0006']) dev[id] = await provisionDevice(app, T, id);
      dev['DOM-0001'] = await provisionDevice(app, 'domme', 'DOM-0001');
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('keeps cabinets and circuits with their supply point, power and tariff; refuses bad input with the field named', async () => {
      const put = await installer({ method: 'PUT', url: `${base}/cabinets/AR-01`, payload: { name: 'Armoire place de la Liberté', lat: 44.8897, lon: 1.2166, pdl: '09876543210123', contractedKva: 12, tariff: 'C5 BT base' } });
      expect(put.statusCode).toBe(200);
      expect(put.json()).toMatchObject({ id: 'AR-01', pdl: '09876543210123', contractedKva: 12, tariff: 'C5 BT base', poles: 0, circuits: [] });
      const circuit = await installer({ method: 'PUT', url: `${base}/cabinets/AR-01/circuits/C1`, payload: { name: 'Départ rue de la République' } });
      expect(circuit.json()).toEqual({ id: 'C1', name: 'Départ rue de la République', poles: 0 });
      const badPdl = await installer({ method: 'PUT', url: `${base}/cabinets/AR-02`, payload: { pdl: '1234' } });
      expect([badPdl.statusCode, badPdl.json().details.issues[0].field]).toEqual([400, 'pdl']);
      const halfPos = await installer({ method: 'PUT', url: `${base}/cabinets/AR-02`, payload: { lat: 44.9 } });
      expect(halfPos.statusCode).toBe(400);
      const extra = await installer({ method: 'PUT', url: `${base}/cabinets/AR-02`, payload: { kva: 3 } });
      expect(extra.statusCode).toBe(400);
      expect((await viewer({ method: 'PUT', url: `${base}/cabinets/AR-03`, payload: {} })).json().code).toBe('SL_FORBIDDEN');
      expect((await installer({ method: 'PUT', url: `${base}/cabinets/AR-09/circuits/C1`, payload: {} })).json().code).toBe('SL_CABINET_NOT_FOUND');
      const list = (await viewer(`${base}/cabinets`)).json() as Array<{ id: string; circuits: Array<{ id: string }> }>;
      expect(list.map((c) => [c.id, c.circuits.map((k) => k.id)])).toEqual([['AR-01', ['C1']]]);
    });

    it('keeps the decree fields and the driver interface in the luminaire catalogue', async () => {
      const m = await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/ECO-36`, payload: {
        name: 'Eco 36 W', nominalW: 36, cctK: 2700, ulrPct: 0.5, fluxLm: 4200, cieFluxCode3Pct: 98.5, maxPowerW: 38, driverInterface: 'd4i', curve: 'logarithmic',
      } });
      expect(m.statusCode).toBe(200);
      expect(m.json()).toMatchObject({ id: 'ECO-36', fluxLm: 4200, cieFluxCode3Pct: 98.5, maxPowerW: 38, driverInterface: 'd4i', ulrPct: 0.5, cctK: 2700 });
      const bad = await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/X`, payload: { nominalW: 36, driverInterface: 'zigbee' } });
      expect([bad.statusCode, bad.json().details.issues[0].field]).toEqual([400, 'driverInterface']);
      const badCie = await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/X`, payload: { nominalW: 36, cieFluxCode3Pct: 120 } });
      expect(badCie.statusCode).toBe(400);
      expect((await viewer(`/api/tenants/${T}/luminaire-models/ECO-36`)).json()).toMatchObject({ driverInterface: 'd4i', maxPowerW: 38 });
      // A client that does not send them (the settings page) keeps them; null clears one.
      const kept = await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/ECO-36`, payload: { name: 'Eco 36 W', nominalW: 36, cctK: 2700, ulrPct: 0.5, curve: 'logarithmic' } });
      expect(kept.json()).toMatchObject({ fluxLm: 4200, cieFluxCode3Pct: 98.5, maxPowerW: 38, driverInterface: 'd4i' });
      const cleared = await admin({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/ECO-36`, payload: { name: 'Eco 36 W', nominalW: 36, cctK: 2700, ulrPct: 0.5, curve: 'logarithmic', driverInterface: null } });
      expect(cleared.json()).toMatchObject({ fluxLm: 4200, driverInterface: null });
    });

    it('makes poles on a cabinet\'s circuit; commissioning puts a luminaire and the controller on them', async () => {
      const pole = await installer({ method: 'PUT', url: `${base}/poles/P-17`, payload: { lat: 44.8901, lon: 1.2169, street: 'Rue de la République', heightM: 6.5, cabinetId: 'AR-01', circuitId: 'C1' } });
      expect(pole.statusCode).toBe(200);
      expect(pole.json()).toMatchObject({ id: 'P-17', street: 'Rue de la République', cabinetId: 'AR-01', circuitId: 'C1', luminaires: [] });
      expect((await installer({ method: 'PUT', url: `${base}/poles/P-18`, payload: { lat: 44.9, lon: 1.2, cabinetId: 'AR-01', circuitId: 'C9' } })).json().code).toBe('SL_CABINET_NOT_FOUND');
      expect((await installer({ method: 'PUT', url: `${base}/poles/P-18`, payload: { lat: 44.9, lon: 1.2, circuitId: 'C1' } })).statusCode).toBe(400);
      expect((await installer({ method: 'PUT', url: `${base}/poles/P-18`, payload: { lat: 95, lon: 1.2 } })).statusCode).toBe(400);

      // A manager's group with a plan: the controller on P-17 joins it.
      const plan = (await admin({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: 'Rue 70 %', plan: {
        programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 70 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] }], defaultProgramId: 1,
      } } })).json() as { planId: number };
      const rows = [
        { deviceId: 'SRL-0001', poleRef: 'P-17', lat: 44.8901, lon: 1.2169, group: 'rue-de-la-republique', luminaireModel: 'ECO-36', cctK: 2700 },
        { deviceId: 'SRL-0002', lat: 44.8905, lon: 1.2175, group: 'rue-de-la-republique', nominalPowerW: 50 },
      ];
      expect((await installer({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows })).statusCode).toBe(200);
      expect((await admin({ method: 'PUT', url: `/api/tenants/${T}/groups/rue-de-la-republique/settings`, payload: { category: 'a', zone: 'ordinary', activity: null, planId: plan.planId, priority: 0 } })).statusCode).toBe(200);

      const p17 = (await viewer(`${base}/poles/P-17`)).json() as PoleOut & { history: History[] };
      expect(p17.luminaires).toEqual([expect.objectContaining({ id: 'L-SRL-0001', modelId: 'ECO-36', controller: 'SRL-0001' })]);
      expect(p17.history).toEqual([expect.objectContaining({ deviceId: 'SRL-0001', luminaireId: 'L-SRL-0001', to: null })]);
      expect(p17.street).toBe('Rue de la République'); // kept: the commissioning row names no street
      // Without a pole reference the light gets a pole of its own.
      const poles = (await viewer(`${base}/poles`)).json() as PoleOut[];
      expect(poles.map((p) => p.id)).toEqual(['P-17', 'P-SRL-0002']);
      expect((await viewer(`${base}/cabinets/AR-01`)).json()).toMatchObject({ poles: 1, circuits: [{ id: 'C1', poles: 1 }] });
      expect((await viewer(`${base}/poles?cabinet=AR-01&circuit=C1`)).json().map((p: PoleOut) => p.id)).toEqual(['P-17']);
      // Commissioning again on the same pole is a correction: same luminaire, no new assignment.
      expect((await installer({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ ...rows[0], nominalPowerW: 40 }] })).statusCode).toBe(200);
      const again = (await viewer(`${base}/poles/P-17`)).json() as PoleOut & { history: History[] };
      expect([again.history.length, again.luminaires[0]?.nominalPowerW]).toEqual([1, 40]);
      // Given a pole reference later, the light leaves its generated pole (decommissioned with it).
      expect((await installer({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ ...rows[1], poleRef: 'P-19' }] })).statusCode).toBe(200);
      expect(((await viewer(`${base}/poles`)).json() as PoleOut[]).map((p) => p.id)).toEqual(['P-17', 'P-19']);
      expect((await viewer(`${base}/poles/P-19`)).json().history).toEqual([expect.objectContaining({ deviceId: 'SRL-0002', luminaireId: 'L-SRL-0002', to: null })]);
    });

    it('moves a pole: its controller\'s inventory and configuration follow', async () => {
      const r = await installer({ method: 'PUT', url: `${base}/poles/P-19`, payload: { lat: 44.8911, lon: 1.2181, street: 'Rue Montaigne' } });
      expect(r.statusCode).toBe(200);
      const d = (await viewer(`/api/tenants/${T}/devices/SRL-0002`)).json() as { inventory: { lat: number; lon: number }; desired: { config: { lat: number; lon: number } } };
      expect(d.inventory).toMatchObject({ lat: 44.8911, lon: 1.2181 });
      expect(d.desired.config).toMatchObject({ latitudeE6: 44_891_100, longitudeE6: 1_218_100 });
    });

    it('corrects a luminaire: its controller gets the settings at once; a circuit or cabinet in use is kept, an unused one goes', async () => {
      const r = await installer({ method: 'PATCH', url: `${base}/poles/P-17/luminaires/L-SRL-0001`, payload: { nominalPowerW: 38, installedAt: '2019-05-14' } });
      expect(r.statusCode).toBe(200);
      expect(r.json().luminaires).toEqual([expect.objectContaining({ id: 'L-SRL-0001', nominalPowerW: 38, installedAt: '2019-05-14T12:00:00.000Z', controller: 'SRL-0001' })]);
      const d = (await viewer(`/api/tenants/${T}/devices/SRL-0001`)).json() as { inventory: { nominalPowerW: number }; desired: { config: Record<string, unknown> } };
      expect([d.inventory.nominalPowerW, d.desired.config.nominalPowerW]).toEqual([38, 38]);
      expect((await installer({ method: 'PATCH', url: `${base}/poles/P-17/luminaires/L-NONE`, payload: { cctK: 3000 } })).json().code).toBe('SL_POLE_NOT_FOUND');
      expect((await installer({ method: 'PATCH', url: `${base}/poles/P-17/luminaires/L-SRL-0001`, payload: { installedAt: '14/05/2019' } })).statusCode).toBe(400);
      expect((await installer({ method: 'DELETE', url: `${base}/cabinets/AR-01/circuits/C1` })).json().details).toMatchObject({ reason: 'circuit_in_use', poles: 1 });
      expect((await installer({ method: 'PUT', url: `${base}/cabinets/AR-05`, payload: { name: 'Spare' } })).statusCode).toBe(200);
      expect((await installer({ method: 'PUT', url: `${base}/cabinets/AR-05/circuits/C2`, payload: {} })).statusCode).toBe(200);
      expect((await installer({ method: 'DELETE', url: `${base}/cabinets/AR-05/circuits/C2` })).json()).toEqual({ deleted: true });
      expect((await installer({ method: 'DELETE', url: `${base}/cabinets/AR-05` })).json().decommissionedAt).not.toBeNull();
      expect(((await viewer(`${base}/cabinets`)).json() as Array<{ id: string }>).map((c) => c.id)).toEqual(['AR-01']);
      expect(((await viewer(`${base}/cabinets?includeDecommissioned=true`)).json() as Array<{ id: string }>).map((c) => c.id)).toEqual(['AR-01', 'AR-05']);
    });

    it('replaces a failed controller: the pole keeps its history, energy and alarms; the old one is retired and revoked', async () => {
      const old = dev['SRL-0001'] as TestDevice;
      const fresh = dev['SRL-0003'] as TestDevice;
      await send(old, { hello: { firmwareVersion: '1.5.0', hardwareModel: 'SL-ESP32' } });
      const t0 = Math.floor(DAY1 / 1000);
      await send(old, { energy: { records: [1, 2].map((k) => ({ seq: k, start: t0 - 3600 + k * 900, durationS: 900, energyMwh: 5000, burningS: 900, avgLevelX10: 700, avgPowerMw: 20000 })) } });
      await send(old, { event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: t0, value: 1, detail: 'lamp open' } });
      expect(await listIds()).toContain('SRL-0001');

      const report = async () => (await admin(`/api/tenants/${T}/energy/report?month=2026-11`)).json() as Record<string, unknown>;
      const before = await report();
      clock.ms = DAY2;
      // Refusals change nothing: a wrong code, another town's controller, the controller already there, an unknown pole.
      const wrong = await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0003', claimCode: 'AAAA-BBBB-CCCC' } });
      expect([wrong.statusCode, wrong.json().details]).toEqual([403, { reason: 'wrong_code' }]);
      const foreign = await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'DOM-0001', claimCode: (dev['DOM-0001'] as TestDevice).claimCode } });
      expect(foreign.json().details).toEqual({ reason: 'unknown_device' });
      const inService = await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0002', claimCode: (dev['SRL-0002'] as TestDevice).claimCode } });
      expect([inService.statusCode, inService.json().details.reason]).toEqual([409, 'controller_in_service']);
      const same = await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0001', claimCode: old.claimCode } });
      expect(same.json().details.reason).toBe('same_controller');
      expect((await installer({ method: 'POST', url: `${base}/poles/P-99/replace-controller`, payload: { newDeviceId: 'SRL-0003', claimCode: fresh.claimCode } })).json().code).toBe('SL_POLE_NOT_FOUND');
      expect((await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0003' } })).statusCode).toBe(400);
      expect((await viewer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0003', claimCode: fresh.claimCode } })).json().code).toBe('SL_FORBIDDEN');

      const r = await installer({ method: 'POST', url: `${base}/poles/P-17/replace-controller`, payload: { newDeviceId: 'SRL-0003', claimCode: fresh.claimCode } });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ poleId: 'P-17', luminaireId: 'L-SRL-0001', oldDeviceId: 'SRL-0001', newDeviceId: 'SRL-0003', revocation: { deviceId: 'SRL-0001', revoked: true } });

      // The old controller: revoked (its frames are refused), out of the list, the counts and the exports.
      expect(await app.identities.checkClaim(T, 'SRL-0001', old.claimCode)).toBe('revoked');
      const ids = await listIds();
      expect(ids).toContain('SRL-0003');
      expect(ids).not.toContain('SRL-0001');
      expect((await viewer(`/api/tenants/${T}/device-stats`)).json().total).toBe(ids.length);
      expect((await app.repo.listDevices(T)).map((x) => x.id)).not.toContain('SRL-0001'); // no campaign or commissioning targets it
      // The town's energy and savings are what they were: the retired controller's rows keep their baseline.
      expect(await report()).toEqual(before);
      const geo = (await viewer(`/api/tenants/${T}/exports/lights.geojson`)).json() as { features: Array<{ id: string }> };
      expect(geo.features.map((f) => f.id).sort()).toEqual(['SRL-0002', 'SRL-0003']);
      // The new one: the pole's place, luminaire settings, group and the group's plan, at once.
      const d = (await viewer(`/api/tenants/${T}/devices/SRL-0003`)).json() as {
        inventory: { poleRef: string; luminaireModel: string; cctK: number; lat: number }; groups: string[]; desired: { config: Record<string, unknown>; plan: { id: number } | null };
      };
      expect(d.inventory).toMatchObject({ poleRef: 'P-17', luminaireModel: 'ECO-36', cctK: 2700, lat: 44.8901 });
      expect(d.groups).toEqual(['rue-de-la-republique']);
      expect(d.desired.config).toMatchObject({ latitudeE6: 44_890_100, nominalPowerW: 38 });
      expect(d.desired.plan?.id).toBeGreaterThan(0);

      // The pole: one luminaire, two controllers in its history, the energy and alarms of the first one kept.
      await send(fresh, { hello: { firmwareVersion: '1.5.0', hardwareModel: 'SL-ESP32' } });
      const t1 = Math.floor(DAY2 / 1000);
      await send(fresh, { energy: { records: [{ seq: 1, start: t1 - 1800, durationS: 900, energyMwh: 3000, burningS: 900, avgLevelX10: 700, avgPowerMw: 12000 }] } });
      const p = (await viewer(`${base}/poles/P-17`)).json() as PoleOut & { history: History[] };
      expect(p.luminaires).toEqual([expect.objectContaining({ id: 'L-SRL-0001', controller: 'SRL-0003' })]);
      expect(p.history.map((h) => [h.deviceId, h.luminaireId, h.to !== null, h.endReason, h.replacedBy])).toEqual([
        ['SRL-0001', 'L-SRL-0001', true, 'replaced', 'SRL-0003'], ['SRL-0003', 'L-SRL-0001', false, null, null],
      ]);
      const energy = (await viewer(`${base}/poles/P-17/energy?from=2026-11-01&to=2026-11-30`)).json() as { totalWh: number; days: Array<{ deviceId: string; energyWh: number }> };
      expect(energy.days.map((x) => [x.deviceId, x.energyWh])).toEqual([['SRL-0001', 10], ['SRL-0003', 3]]);
      expect(energy.totalWh).toBe(13);
      expect((await viewer(`${base}/poles/P-17/energy?from=2026-11-30&to=2026-11-01`)).statusCode).toBe(400);
      const alarms = (await viewer(`${base}/poles/P-17/alarms`)).json() as Array<{ deviceId: string; type: string }>;
      expect(alarms.map((a) => a.deviceId)).toEqual(['SRL-0001']);

      // In the audit log, in words.
      const audit = (await admin(`/api/tenants/${T}/audit`)).json() as Array<AuditEntry & { detail: { summary?: string } | null }>;
      const row = audit.find((a) => a.action === 'POST /inventory/poles/:poleId/replace-controller');
      expect(row?.detail?.summary).toBe('Controller SRL-0001 on pole P-17 replaced by SRL-0003; SRL-0001 retired, its credentials revoked');
      // The admin page's sentence for it (src/ui/audit.ts).
      expect(describeAudit(row as AuditEntry, makeI18n('fr'))).toBe('Contrôleur SRL-0003 posé sur le poteau P-17 à la place de l’ancien (retiré, accès révoqués)');
      expect(JSON.stringify(audit)).not.toContain(fresh.claimCode);
    });

    it('decommissions a controller (its pole stays, without one) and then fits a new one', async () => {
      const r = await installer({ method: 'POST', url: `${base}/controllers/SRL-0002/decommission` });
      expect(r.json()).toMatchObject({ deviceId: 'SRL-0002', poleId: 'P-19', revocation: { revoked: true } });
      expect(await listIds()).not.toContain('SRL-0002');
      expect((await installer({ method: 'POST', url: `${base}/controllers/SRL-0002/decommission` })).json().details.reason).toBe('already_retired');
      expect((await installer({ method: 'POST', url: `${base}/controllers/DOM-0001/decommission` })).json().code).toBe('SL_DEVICE_NOT_FOUND');
      const p = (await viewer(`${base}/poles/P-19`)).json() as PoleOut & { history: History[] };
      expect(p.luminaires).toEqual([expect.objectContaining({ id: 'L-SRL-0002', controller: null })]);
      expect(p.history.map((h) => h.endReason)).toEqual(['decommissioned']);
      // The pole's luminaire without a controller: the next one takes it.
      const fit = await installer({ method: 'POST', url: `${base}/poles/P-19/replace-controller`, payload: { newDeviceId: 'SRL-0004', claimCode: (dev['SRL-0004'] as TestDevice).claimCode } });
      expect(fit.json()).toMatchObject({ oldDeviceId: null, luminaireId: 'L-SRL-0002', revocation: null });
      expect((await viewer(`/api/tenants/${T}/devices/SRL-0004`)).json().inventory).toMatchObject({ lat: 44.8911, nominalPowerW: 50 });
      const audit = (await admin(`/api/tenants/${T}/audit`)).json() as Array<{ detail: { summary?: string } | null }>;
      expect(audit.map((a) => a.detail?.summary)).toContain('Decommissioned controller SRL-0002 (pole P-19 kept, without controller); SRL-0002 retired, its credentials revoked');
    });

    it('decommissions a pole: out of the lists, kept in the history; its controller retired', async () => {
      const r = await installer({ method: 'POST', url: `${base}/poles/P-19/decommission` });
      expect(r.json()).toEqual({ poleId: 'P-19', controllers: [{ deviceId: 'SRL-0004', revoked: true }] });
      expect(((await viewer(`${base}/poles`)).json() as PoleOut[]).map((p) => p.id)).toEqual(['P-17']);
      const all = (await viewer(`${base}/poles?includeDecommissioned=true`)).json() as PoleOut[];
      expect(all.find((p) => p.id === 'P-19')?.decommissionedAt).not.toBeNull();
      expect(await listIds()).toEqual(['SRL-0003']);
      expect((await viewer(`${base}/poles/P-19`)).json().history.map((h: History) => [h.deviceId, h.endReason])).toEqual([
        ['SRL-0002', 'decommissioned'], ['SRL-0004', 'pole_decommissioned'],
      ]);
      expect((await installer({ method: 'POST', url: `${base}/poles/P-19/replace-controller`, payload: { newDeviceId: 'SRL-0004', claimCode: 'X' } })).json().details.reason).toBe('pole_decommissioned');
      // A cabinet still feeding a pole is not decommissioned.
      expect((await installer({ method: 'DELETE', url: `${base}/cabinets/AR-01` })).json().details).toMatchObject({ reason: 'cabinet_in_use', poles: 1 });
    });

    it('gives the new controller the plan and the running override the old one had when no group assigns one', async () => {
      expect((await installer({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ deviceId: 'SRL-0005', poleRef: 'P-30', lat: 44.8921, lon: 1.2191 }] })).statusCode).toBe(200);
      const own = await admin({ method: 'PUT', url: `/api/tenants/${T}/devices/SRL-0005/plan`, payload: {
        programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 60 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] }], defaultProgramId: 1,
      } });
      expect(own.statusCode).toBe(200);
      expect((await admin({ method: 'PUT', url: `/api/tenants/${T}/devices/SRL-0005/override`, payload: { level: 30, durationS: 3600 } })).statusCode).toBe(202);
      const r = await installer({ method: 'POST', url: `${base}/poles/P-30/replace-controller`, payload: { newDeviceId: 'SRL-0006', claimCode: (dev['SRL-0006'] as TestDevice).claimCode } });
      expect(r.statusCode).toBe(200);
      const d = (await viewer(`/api/tenants/${T}/devices/SRL-0006`)).json() as { desired: { plan: { id: number; version: number } | null; override: { level: number; active: boolean } | null } };
      expect(d.desired.plan).toEqual({ id: own.json().planId, version: own.json().planVersion });
      expect(d.desired.override).toMatchObject({ level: 30, active: true });
    });

    it('puts two controllers commissioned on one pole in one batch on two luminaires of that pole', async () => {
      const rows = ['SRL-0040', 'SRL-0041'].map((deviceId, k) => ({ deviceId, poleRef: 'P-40', lat: 44.893, lon: 1.22 + k * 1e-6, nominalPowerW: 20 + k }));
      expect((await installer({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows })).statusCode).toBe(200);
      const p = (await viewer(`${base}/poles/P-40`)).json() as PoleOut & { lon: number; history: History[] };
      expect(p.luminaires.map((l) => [l.id, l.nominalPowerW, l.controller])).toEqual([['L-SRL-0040', 20, 'SRL-0040'], ['L-SRL-0041', 21, 'SRL-0041']]);
      expect(p.lon).toBe(1.220001); // the last row's position
      expect(p.history.map((h) => h.to)).toEqual([null, null]);
      // With two luminaires, a replacement must say which.
      const r = await installer({ method: 'POST', url: `${base}/poles/P-40/replace-controller`, payload: { newDeviceId: 'SRL-0004', claimCode: 'X' } });
      expect([r.statusCode, r.json().details.reason]).toEqual([409, 'several_luminaires']);
    });
  });
}

const schema = uniqueSchema();
suite('SQLite', () => ({}), async () => {});
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
