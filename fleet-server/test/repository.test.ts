/**
 * One repository suite, run against SQLite and PostgreSQL (HOUSE-STYLE 13). The PostgreSQL half uses a
 * schema unique to this run in database `test` and drops it afterwards; it fails (is not skipped) when
 * PostgreSQL is unreachable.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Repository } from '../src/db/index.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

function repositorySuite(name: string, open: () => Promise<Repository>, cleanup: () => Promise<void>): void {
  describe(`repository on ${name}`, () => {
    let repo: Repository;
    beforeAll(async () => { repo = await open(); });
    afterAll(async () => {
      await repo?.close();
      await cleanup();
    });

    it('creates tenants and devices, and keeps a device under its first tenant', async () => {
      await repo.ensureTenant('lyon', 1000);
      await repo.ensureTenant('lyon', 2000);
      const d = await repo.ensureDevice('lyon', 'sl-1', 1000);
      expect(d).toMatchObject({ id: 'sl-1', tenantId: 'lyon', online: false, lastDownlinkSeq: 0, firstSeen: 1000 });
      await repo.ensureTenant('nice', 1000);
      const again = await repo.ensureDevice('nice', 'sl-1', 3000);
      expect(again.tenantId).toBe('lyon');
      expect((await repo.getTenant('lyon'))?.createdAt).toBe(1000);
      expect(await repo.getTenant('nope')).toBeUndefined();
    });

    it('updates reported state and counts online devices', async () => {
      await repo.updateDevice('sl-1', { online: true, level: 40, configVersion: 3, lastUplinkSeq: 12, lastSeen: 5000 });
      const d = await repo.getDevice('sl-1');
      expect(d).toMatchObject({ online: true, level: 40, configVersion: 3, lastUplinkSeq: 12, lastSeen: 5000 });
      expect(await repo.countDevices()).toEqual({ known: 1, online: 1 });
      const tenants = await repo.listTenants();
      expect(tenants.map((t) => t.id)).toEqual(['lyon', 'nice']);
      expect(tenants[0]?.deviceCount).toBe(1);
    });

    it('hands out increasing downlink seqs and records acks', async () => {
      expect(await repo.nextDownlinkSeq('sl-1')).toBe(1);
      expect(await repo.nextDownlinkSeq('sl-1')).toBe(2);
      await repo.recordDownlink({ deviceId: 'sl-1', seq: 2, tenantId: 'lyon', kind: 'config', summary: 'v3', sentAt: 6000 });
      expect(await repo.ackDownlink('sl-1', 2, 'ok', '', 6100)).toBe(true);
      expect(await repo.ackDownlink('sl-1', 99, 'ok', '', 6100)).toBe(false);
      const [dl] = await repo.listDownlinks('sl-1', 10);
      expect(dl).toMatchObject({ seq: 2, kind: 'config', ackStatus: 'ok', ackedAt: 6100 });
    });

    it('commissions inventory in bulk with groups and desired config', async () => {
      const rows = Array.from({ length: 1500 }, (_, i) => ({
        inventory: { deviceId: `inv-${i}`, tenantId: 'lyon', poleRef: `P${i}`, lat: 45.75 + i * 1e-5, lon: 4.85, groupId: i % 2 ? 'rue-a' : 'rue-b', luminaireModel: 'X', nominalPowerW: 40, cctK: 3000, installedAt: 7000, updatedAt: 7000 },
        desired: { config: { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', nominalPowerW: 40 }, configVersion: 1 },
      }));
      await repo.commission('lyon', rows, 7000);
      expect((await repo.listInventory('lyon')).length).toBe(1500);
      expect(await repo.listGroups('lyon')).toEqual([
        { id: 'rue-a', memberCount: 750, createdAt: 7000 }, { id: 'rue-b', memberCount: 750, createdAt: 7000 },
      ]);
      // Moving a device to another street replaces its membership.
      await repo.commission('lyon', [{ ...rows[1]!, inventory: { ...rows[1]!.inventory, groupId: 'rue-b' }, desired: { config: { nominalPowerW: 50 }, configVersion: 2 } }], 8000);
      expect((await repo.groupMembers('lyon', 'rue-a')).length).toBe(749);
      expect(await repo.groupExists('lyon', 'rue-a')).toBe(true);
      expect(await repo.groupExists('lyon', 'rue-z')).toBe(false);
      expect((await repo.memberships('lyon')).get('inv-1')).toEqual(['rue-b']);
      expect(await repo.getDesired('inv-1')).toMatchObject({ config: { nominalPowerW: 50 }, configVersion: 2, overrideId: 0 });
      expect((await repo.getInventory('inv-1'))?.groupId).toBe('rue-b');
    });

    it('sets desired state for many devices, creates overrides and plan versions', async () => {
      const id1 = await repo.createOverride({ tenantId: 'lyon', target: 'device:sl-1', level: 80, expiresAt: 9999, fadeS: 2, createdAt: 1 });
      const id2 = await repo.createOverride({ tenantId: 'lyon', target: 'group:rue-a', level: 10, expiresAt: 9999, fadeS: 0, createdAt: 1 });
      expect(id1).toBeGreaterThan(0);
      expect(id2).toBeGreaterThan(id1);
      await repo.setDesired('lyon', ['sl-1', 'inv-1'], { overrideId: id1, overrideLevel: 80, overrideExpiresAt: 9999 }, 9000);
      expect(await repo.getDesired('sl-1')).toMatchObject({ overrideId: id1, overrideLevel: 80, configVersion: 0 });
      expect(await repo.getDesired('inv-1')).toMatchObject({ overrideId: id1, configVersion: 2 });
      expect((await repo.listDesired('lyon')).length).toBe(1500 + 1);
      const p1 = await repo.createPlanVersion('lyon', undefined, { programs: [] }, 1);
      const p2 = await repo.createPlanVersion('lyon', p1.id, { programs: [1] }, 2);
      const p3 = await repo.createPlanVersion('lyon', undefined, { programs: [2] }, 3);
      expect([p1, p2, p3]).toEqual([{ id: 1, version: 1 }, { id: 1, version: 2 }, { id: 2, version: 1 }]);
      expect((await repo.getPlan('lyon', 1, 2))?.body).toEqual({ programs: [1] });
    });

    it('keeps a bounded state history, newest first', async () => {
      for (let i = 0; i < 12; i++) {
        await repo.appendState({ deviceId: 'sl-1', at: i, level: i, targetLevel: i, levelSource: 1, powerMw: 0, reason: 1 });
      }
      await repo.pruneStates('sl-1', 5);
      const states = await repo.listStates('sl-1', 100);
      expect(states.map((s) => s.level)).toEqual([11, 10, 9, 8, 7]);
    });

    it('stores events', async () => {
      await repo.insertEvent({ deviceId: 'sl-1', tenantId: 'lyon', eventSeq: 1, type: 1, active: true, time: 10, value: -3, detail: 'lamp', receivedAt: 11 });
      expect(await repo.listEvents('sl-1', 10)).toMatchObject([{ eventSeq: 1, active: true, value: -3, detail: 'lamp' }]);
    });

    it('stores energy records idempotently', async () => {
      const rec = (seq: number) => ({ deviceId: 'sl-1', seq, tenantId: 'lyon', start: 100 * seq, durationS: 900, energyMwh: 2 ** 40 + seq, minPowerMw: 1, maxPowerMw: 2, avgPowerMw: 1, burningS: 900, avgLevelX10: 500, receivedAt: 1 });
      expect(await repo.insertEnergy([rec(1), rec(2), rec(4)])).toBe(3);
      expect(await repo.insertEnergy([rec(2), rec(3)])).toBe(1);
      expect(await repo.energySeqsAfter('sl-1', 1, 10)).toEqual([2, 3, 4]);
    });

    it('answers ping', async () => {
      await expect(repo.ping()).resolves.toBeUndefined();
    });
  });
}

const dir = tempDir();
repositorySuite('SQLite', async () => openSqlite(path.join(dir, 'fleet.sqlite')), async () => undefined);

const schema = uniqueSchema();
repositorySuite('PostgreSQL', () => openPostgres(TEST_PG_URL, schema), () => dropPgSchema(schema));
