/** The town's calendar data on SQLite and PostgreSQL: settings, school holiday imports replacing the school years they cover. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { CalendarRepository } from '../src/db/calendar-repository.js';
import type { SchoolPeriod } from '../src/plans/calendar.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const schema = uniqueSchema();
const dialects: Array<[string, () => Promise<DrizzleRepository>, () => Promise<void>]> = [
  ['SQLite', async () => openSqlite(`${tempDir()}/fleet.sqlite`) as DrizzleRepository, async () => undefined],
  ['PostgreSQL', async () => (await openPostgres(TEST_PG_URL, schema)) as unknown as DrizzleRepository, () => dropPgSchema(schema)],
];
const p = (zone: SchoolPeriod['zone'], start: string, end: string, schoolYear: string): SchoolPeriod => ({ zone, description: 'Vacances', start, end, schoolYear });

describe.each(dialects)('calendar store on %s', (_name, open, cleanup) => {
  let repo: DrizzleRepository;
  let store: CalendarRepository;
  beforeAll(async () => { repo = await open(); store = new CalendarRepository(repo.adapter); });
  afterAll(async () => { await repo?.close(); await cleanup(); });

  it('keeps the Alsace-Moselle setting per town (default off)', async () => {
    expect(await store.settings('metz')).toEqual({ alsaceMoselle: false, schoolImportedAt: null, schoolSource: null });
    await store.putSettings('metz', { alsaceMoselle: true }, 5);
    expect((await store.settings('metz')).alsaceMoselle).toBe(true);
    expect((await store.settings('sarlat')).alsaceMoselle).toBe(false);
  });

  it('replaces the school years a file covers and keeps the others', async () => {
    await store.importSchool('metz', [p('B', '2024-10-19', '2024-11-04', '2024-2025'), p('B', '2025-02-08', '2025-02-24', '2024-2025')], 'file 1', 10);
    await store.importSchool('metz', [p('B', '2025-10-18', '2025-11-03', '2025-2026')], 'file 2', 20);
    await store.importSchool('metz', [p('B', '2024-10-19', '2024-11-04', '2024-2025')], 'file 3', 30);
    expect((await store.schoolPeriods('metz')).map((x) => [x.start, x.end, x.schoolYear])).toEqual([
      ['2024-10-19', '2024-11-04', '2024-2025'], ['2025-10-18', '2025-11-03', '2025-2026'],
    ]);
    expect(await store.settings('metz')).toEqual({ alsaceMoselle: true, schoolImportedAt: 30, schoolSource: 'file 3' });
    expect(await store.schoolPeriods('sarlat')).toEqual([]);
    expect((await store.data('metz')).school).toHaveLength(2);
  });
});
