/**
 * Sign-in back-off holds across server instances (issue 7; docs/auth.md): two app instances on the same database
 * — one SQLite file, one PostgreSQL schema — count the same failures, so after 5 failures of an account each
 * further attempt waits 1 s, 2 s, 4 s … whichever instance answers, a success on one clears the account on the
 * other, and an address that failed 30 times is slowed, never locked. Both instances share one virtual clock
 * (`build({ realNow })`): the tests move it instead of waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import { createUser, TEST_SCRYPT } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const PW = 'correct horse battery';

function sharedLimitSuite(name: string, database: () => { dataDir?: string; databaseUrl?: string; databaseSchema?: string }, cleanup: () => Promise<void>) {
  // Every attempt runs scrypt (≈ 0.3 s, more on a loaded machine).
  describe(`login rate limit shared by two instances (${name})`, { timeout: 60_000 }, () => {
    let a: FastifyInstance;
    let b: FastifyInstance;
    const clock = { ms: Date.now() };
    const attempt = (app: FastifyInstance, email: string, password: string, ip = '198.51.100.7') =>
      app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: ip });

    beforeAll(async () => {
      const db = database();
      a = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...db }, logger: false, passwordHashing: TEST_SCRYPT, realNow: () => clock.ms });
      b = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...db }, logger: false, passwordHashing: TEST_SCRYPT, realNow: () => clock.ms });
      await createUser(a, { email: 'target@sarlat.fr', password: PW, roles: { sarlat: 'viewer' } });
      await createUser(a, { email: 'other@sarlat.fr', password: PW, roles: { sarlat: 'viewer' } });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await cleanup();
    });

    it('5 failures spread over both instances make the next attempt wait on both; the wait doubles; the right password after it signs in', async () => {
      for (const [app, k] of [[a, 0], [b, 1], [a, 2], [b, 3], [a, 4]] as const) {
        const r = await attempt(app, 'target@sarlat.fr', `guess-${k}-xxxxxx`);
        expect(r.statusCode, `attempt ${k}`).toBe(401);
      }
      for (const app of [a, b]) {
        const r = await attempt(app, 'target@sarlat.fr', PW); // even the right password, before the wait is over
        expect(r.statusCode).toBe(429);
        expect(r.json().code).toBe('SL_RATE_LIMITED');
        expect(r.headers['retry-after']).toBe('1');
      }
      // Another account from the same address is not slowed (30 per address).
      expect((await attempt(b, 'other@sarlat.fr', PW)).statusCode).toBe(200);
      clock.ms += 1000;
      expect((await attempt(b, 'target@sarlat.fr', 'guess-5-xxxxxx')).statusCode).toBe(401);
      expect((await attempt(a, 'target@sarlat.fr', PW)).headers['retry-after']).toBe('2');
      clock.ms += 2000;
      expect((await attempt(a, 'target@sarlat.fr', PW)).statusCode).toBe(200);
      expect((await attempt(b, 'target@sarlat.fr', 'guess-6-xxxxxx')).statusCode).toBe(401); // counted from 0 again
      expect((await attempt(b, 'target@sarlat.fr', PW)).statusCode).toBe(200);
    });

    it('a success on one instance clears the account on the other', async () => {
      for (let k = 0; k < 4; k++) expect((await attempt(a, 'other@sarlat.fr', `guess-${k}-xxxxxx`, '203.0.113.9')).statusCode).toBe(401);
      expect((await attempt(b, 'other@sarlat.fr', PW, '203.0.113.9')).statusCode).toBe(200);
      for (let k = 0; k < 4; k++) expect((await attempt(a, 'other@sarlat.fr', `again-${k}-xxxxxx`, '203.0.113.9')).statusCode).toBe(401);
      // 8 failures in the window, but only 4 since the success: still allowed.
      expect((await attempt(a, 'other@sarlat.fr', PW, '203.0.113.9')).statusCode).toBe(200);
    });

    it('counts per address too, across instances, and slows it rather than locking it', async () => {
      // 30 failures from one address (on many accounts), split between the instances: the 31st try waits.
      for (let k = 0; k < 30; k++) expect((await attempt(k % 2 ? a : b, `nobody-${k}@x.fr`, 'wrong-password', '192.0.2.44')).statusCode).toBe(401);
      const r = await attempt(a, 'other@sarlat.fr', PW, '192.0.2.44');
      expect(r.statusCode).toBe(429);
      expect(r.headers['retry-after']).toBe('1');
      expect((await attempt(b, 'other@sarlat.fr', PW, '192.0.2.45')).statusCode).toBe(200);
      // Each further failure doubles the wait, up to a minute: someone on the same address gets in after it.
      const waits: string[] = [];
      for (let k = 0; k < 7; k++) {
        clock.ms += 60_000;
        expect((await attempt(k % 2 ? a : b, `more-${k}@x.fr`, 'wrong-password', '192.0.2.44')).statusCode).toBe(401);
        waits.push(String((await attempt(a, 'other@sarlat.fr', PW, '192.0.2.44')).headers['retry-after']));
      }
      expect(waits).toEqual(['2', '4', '8', '16', '32', '60', '60']);
      clock.ms += 60_000;
      expect((await attempt(b, 'other@sarlat.fr', PW, '192.0.2.44')).statusCode).toBe(200);
    }, 120_000); // 40 password checks
  });
}

const dir = tempDir();
sharedLimitSuite('SQLite', () => ({ dataDir: dir }), async () => undefined);
const schema = uniqueSchema();
sharedLimitSuite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
