/**
 * The alarm handling store on SQLite and PostgreSQL: assignment, comments, interventions, clearing by hand, the
 * street / cabinet / age filters, contractors, and the digests (made once per period with their alarms, claimed by one
 * instance, sent or retried).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { AlarmsRepository, type NewAlarm } from '../src/db/alarms-repository.js';
import { NotificationRepository } from '../src/db/notification-repository.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const schema = uniqueSchema();
const dialects: Array<[string, () => Promise<DrizzleRepository>, () => Promise<void>]> = [
  ['SQLite', async () => openSqlite(`${tempDir()}/fleet.sqlite`) as DrizzleRepository, async () => undefined],
  ['PostgreSQL', async () => (await openPostgres(TEST_PG_URL, schema)) as unknown as DrizzleRepository, () => dropPgSchema(schema)],
];
const T = 'sarlat';
const alarm = (deviceId: string, type: string, at: number): NewAlarm => ({
  tenantId: T, deviceId, type, severity: 'major', state: 'open', raisedAt: at, receivedAt: at, lastEventAt: at, lastEventSeq: 1, value: 0, detail: '', raisedOrd: 0, lastEventOrd: 0,
});

describe.each(dialects)('alarm handling store on %s', (_name, open, cleanup) => {
  let repo: DrizzleRepository;
  let alarms: AlarmsRepository;
  let notes: NotificationRepository;
  const ids: number[] = [];
  beforeAll(async () => {
    repo = await open();
    alarms = new AlarmsRepository(repo.adapter);
    notes = new NotificationRepository(repo.adapter);
    const { inventory, groupMembers, poles } = repo.adapter.tables;
    const db = repo.adapter.db;
    for (const [k, d] of ['a1', 'a2', 'b1'].entries()) {
      await db.insert(inventory).values({ deviceId: d, tenantId: T, poleRef: `P-${d}`, poleId: `P-${d}`, groupId: d.startsWith('a') ? 'REP' : 'GAR', installedAt: 1, updatedAt: 1 });
      await db.insert(groupMembers).values({ tenantId: T, groupId: d.startsWith('a') ? 'REP' : 'GAR', deviceId: d });
      await db.insert(poles).values({ tenantId: T, id: `P-${d}`, lat: 44 + k, lon: 1, street: d.startsWith('a') ? 'Rue de la République' : 'Avenue de la Gare', cabinetId: d.startsWith('b') ? 'AR1' : null, circuitId: d.startsWith('b') ? 'D1' : null, createdAt: 1, updatedAt: 1 });
    }
    for (const [d, at] of [['a1', 1000], ['a2', 2000], ['b1', 3000]] as const) ids.push((await alarms.insert(alarm(d, 'lamp_failure', at))).id);
  });
  afterAll(async () => { await repo?.close(); await cleanup(); });

  it('filters by street, cabinet and age in SQL', async () => {
    const got = async (f: object) => (await alarms.list({ tenantId: T, limit: 10, ...f })).map((a) => a.deviceId).sort();
    expect(await got({ group: 'REP' })).toEqual(['a1', 'a2']);
    expect(await got({ cabinet: 'AR1' })).toEqual(['b1']);
    expect(await got({ raisedBefore: 2000 })).toEqual(['a1', 'a2']);
    expect(await got({ group: 'REP', raisedBefore: 1500 })).toEqual(['a1']);
  });

  it('assigns (acknowledging), records comments and interventions, clears by hand once', async () => {
    const [a1] = ids as [number];
    const c = await alarms.addContractor({ tenantId: T, name: 'Citéos', email: 'x@citeos.example', phone: null, createdAt: 5, updatedAt: 5 });
    const assigned = await alarms.assign(T, a1, { kind: 'contractor', id: String(c.id) }, 10, 'manager@sarlat');
    expect(assigned).toMatchObject({ state: 'assigned', assigneeKind: 'contractor', assigneeId: String(c.id), acknowledgedAt: 10, acknowledgedBy: 'manager@sarlat' });
    await alarms.addComment({ tenantId: T, alarmId: a1, author: 'manager@sarlat', at: 11, text: 'Nacelle demain' });
    const iv = await alarms.addIntervention({ tenantId: T, alarmId: a1, doneAt: 20, doneBy: 'Citéos', action: 'Driver remplacé', parts: ['Driver 40 W'], recordedBy: 'manager@sarlat', recordedAt: 21 });
    expect(iv).toMatchObject({ parts: ['Driver 40 W'], doneAt: 20 });
    expect((await alarms.get(T, a1))?.state).toBe('intervened');
    // Re-assigning keeps `intervened`, and the first acknowledgement.
    expect(await alarms.assign(T, a1, { kind: 'user', id: '7' }, 30, 'other@sarlat')).toMatchObject({ state: 'intervened', assigneeKind: 'user', acknowledgedBy: 'manager@sarlat' });
    expect((await alarms.comments(T, a1)).map((x) => x.text)).toEqual(['Nacelle demain']);
    const cleared = await alarms.clearByHand(T, a1, 40, 'manager@sarlat', 'réparé');
    expect(cleared).toMatchObject({ state: 'cleared', clearedAt: 40, clearedBy: 'manager@sarlat', clearReason: 'réparé' });
    expect(await alarms.clearByHand(T, a1, 50, 'someone', 'again')).toMatchObject({ clearedAt: 40, clearedBy: 'manager@sarlat' });
    expect(await alarms.assign(T, a1, { kind: 'user', id: '7' }, 60, 'x')).toMatchObject({ state: 'cleared', assignedAt: 30 });
    expect((await alarms.counts(T))).toEqual({ open: 2, acknowledged: 0, assigned: 0, intervened: 0, cleared: 1 });
    expect(await alarms.updateContractor(T, c.id, { archivedAt: 70 }, 70)).toMatchObject({ archivedAt: 70 });
    expect(await alarms.contractors(T)).toEqual([]);
    expect((await alarms.contractors(T, true)).map((x) => x.name)).toEqual(['Citéos']);
  });

  it('makes one digest per period with the alarms not notified yet, claimed by one instance, then sent', async () => {
    expect(await notes.makeDigest(T, 0, 900, 0, 900, '<m0>')).toBeUndefined(); // nothing received before 900
    const d = await notes.makeDigest(T, 900, 3600, 0, 3600, '<m1>');
    expect(d).toMatchObject({ alarmCount: 3, state: 'pending', messageId: '<m1>' });
    expect(await notes.makeDigest(T, 900, 3600, 0, 3700, '<m1-again>')).toMatchObject({ id: d!.id, alarmCount: 3, messageId: '<m1>' });
    expect(await notes.makeDigest(T, 3600, 4500, 0, 4500, '<m2>')).toBeUndefined(); // all told already
    expect((await notes.digestAlarms(T, d!.id)).map((a) => [a.deviceId, a.street, a.cabinetId, a.circuitId])).toEqual([
      ['a1', 'Rue de la République', null, null], ['a2', 'Rue de la République', null, null], ['b1', 'Avenue de la Gare', 'AR1', 'D1'],
    ]);
    const [due] = await notes.due(3600);
    expect(await notes.claim(due!, 3600, 120_000)).toBe(true);
    expect(await notes.claim(due!, 3600, 120_000)).toBe(false); // the other instance
    expect(await notes.due(3600)).toEqual([]);
    await notes.markFailed(d!.id, 'ECONNREFUSED', 3630);
    expect(await notes.due(3629)).toEqual([]);
    const [again] = await notes.due(3630);
    expect(again).toMatchObject({ attempts: 1, lastError: 'ECONNREFUSED' });
    await notes.markSent(d!.id, 3640);
    expect(await notes.digest(T, d!.id)).toMatchObject({ state: 'sent', attempts: 2, sentAt: 3640, lastError: null });
    expect((await notes.digestsOf(ids)).size).toBe(3);
  });
});
