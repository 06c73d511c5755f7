/** The plans area store on SQLite and PostgreSQL: named plans and versions, group settings, memberships, models. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { PlansRepository } from '../src/db/plans-repository.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const schema = uniqueSchema();
const dialects: Array<[string, () => Promise<DrizzleRepository>, () => Promise<void>]> = [
  ['SQLite', async () => openSqlite(`${tempDir()}/fleet.sqlite`) as DrizzleRepository, async () => undefined],
  ['PostgreSQL', async () => (await openPostgres(TEST_PG_URL, schema)) as unknown as DrizzleRepository, () => dropPgSchema(schema)],
];

describe.each(dialects)('plans store on %s', (_name, open, cleanup) => {
  let repo: DrizzleRepository;
  let store: PlansRepository;
  beforeAll(async () => { repo = await open(); store = new PlansRepository(repo.adapter); });
  afterAll(async () => { await repo?.close(); await cleanup(); });

  it('creates named plans after the ids PUT …/plan already used, and versions them', async () => {
    await repo.ensureTenant('sarlat', 1);
    const legacy = await repo.createPlanVersion('sarlat', undefined, { programs: [] }, 1);
    const p = await store.createPlan('sarlat', 'Sobriété', null, { v: 1 }, 10);
    expect(p).toEqual({ id: legacy.id + 1, version: 1 });
    expect(await store.addVersion('sarlat', p.id, { v: 2 }, 20)).toBe(2);
    expect((await store.getVersion('sarlat', p.id))?.body).toEqual({ v: 2 });
    expect((await store.getVersion('sarlat', p.id, 1))?.body).toEqual({ v: 1 });
    expect(await store.listVersions('sarlat', p.id)).toEqual([{ version: 1, createdAt: 10 }, { version: 2, createdAt: 20 }]);
    expect((await store.latestVersions('sarlat')).get(p.id)).toBe(2);
    await store.renamePlan('sarlat', p.id, { name: 'Hiver' }, 30);
    expect(await store.getPlanMeta('sarlat', p.id)).toMatchObject({ name: 'Hiver', updatedAt: 30 });
    expect((await store.listPlanMeta('sarlat')).map((m) => m.planId)).toEqual([p.id]);
  });

  it('upserts group settings (creating the group) and edits memberships', async () => {
    const row = { tenantId: 'sarlat', groupId: 'centre', category: 'b_heritage', zone: 'ordinary', opensAt: null, closesAt: null, planId: 2, priority: 5, updatedAt: 1 };
    await store.putGroupSettings(row);
    await store.putGroupSettings({ ...row, priority: 7, opensAt: '08:00', closesAt: '22:00', updatedAt: 2 });
    expect(await store.getGroupSettings('sarlat', 'centre')).toEqual({ ...row, priority: 7, opensAt: '08:00', closesAt: '22:00', updatedAt: 2 });
    expect(await repo.groupExists('sarlat', 'centre')).toBe(true);
    await store.editMembers('sarlat', 'centre', ['a', 'b', 'c'], [], 3);
    await store.editMembers('sarlat', 'centre', [], ['b'], 4);
    expect((await repo.groupMembers('sarlat', 'centre')).sort()).toEqual(['a', 'c']);
  });

  it('keeps a luminaire model catalogue per tenant', async () => {
    const m = {
      tenantId: 'sarlat', id: 'ROAD-36W', name: null, cctK: 3000, ulrPct: 0.5, nominalW: 36, curve: 'linear', minLevel: 10, updatedAt: 1,
      fluxLm: 4100, cieFluxCode3Pct: 97.5, maxPowerW: 38, driverInterface: '1-10v', // the decree's fields (migration 0015)
      cloLxxPct: 80, cloRatedH: 100_000, // lumen maintenance for constant light output (migration 0021)
    };
    await store.putModel(m);
    await store.putModel({ ...m, curve: 'logarithmic', updatedAt: 2 });
    expect(await store.listModels('sarlat')).toEqual([{ ...m, curve: 'logarithmic', updatedAt: 2 }]);
    expect(await store.listModels('other')).toEqual([]);
    expect(await store.deleteModel('sarlat', 'ROAD-36W')).toBe(true);
    expect(await store.deleteModel('sarlat', 'ROAD-36W')).toBe(false);
  });
});
