/**
 * Which passwords a person may choose (docs/auth.md, "Passwords"): 10 to 256 characters, not only whitespace,
 * not one character repeated, not a common password (the blocklist shipped in assets/), not containing the
 * account's e-mail or name. Each refusal has its own reason under one code, SL_WEAK_PASSWORD; nothing is saved.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import { COMMON_PASSWORDS_FILE, commonPasswords, passwordProblem } from '../src/auth/password-policy.js';
import { authHeaders, createUser, login, TEST_SCRYPT } from '../src/testing.js';
import { commonPasswordList } from '../scripts/common-passwords.js';
import { tempDir } from './helpers.js';

const PW = 'correct horse battery';

describe('password policy', () => {
  const me = { email: 'jean.dupont@sarlat.fr', name: 'Jean Dupont' };

  it('refuses whitespace only, one character repeated, common passwords and the account\'s own e-mail or name', () => {
    expect(passwordProblem('1234567890', me)).toBe('common');
    expect(passwordProblem('QwertyUiop', me)).toBe('common'); // case does not matter
    expect(passwordProblem(' '.repeat(10), me)).toBe('blank');
    expect(passwordProblem('\t \u00a0 \n      ', me)).toBe('blank');
    expect(passwordProblem('aaaaaaaaaaaa', me)).toBe('one_character');
    expect(passwordProblem('€€€€€€€€€€', me)).toBe('one_character');
    expect(passwordProblem('jean.dupont@sarlat.fr!', me)).toBe('contains_identity');
    expect(passwordProblem('lampes-DUPONT-2026', me)).toBe('contains_identity');
    expect(passwordProblem('ma jean.dupont lampe', me)).toBe('contains_identity');
    expect(passwordProblem('short', me)).toBe('too_short');
    expect(passwordProblem('x'.repeat(200) + 'y'.repeat(57), me)).toBe('too_long');
    // Fine: a passphrase; a short name part (under 4 letters) is not held against anyone.
    expect(passwordProblem(PW, me)).toBeUndefined();
    expect(passwordProblem('le lampadaire de la place', { email: 'al@x.fr', name: 'Al' })).toBeUndefined();
  });

  it('ships a blocklist of the common passwords a user could choose, generated from zxcvbn\'s ranked list', () => {
    const list = commonPasswords();
    expect(list.size).toBeGreaterThan(1000);
    for (const p of ['1234567890', 'qwertyuiop', 'password123', '1q2w3e4r5t']) expect(list.has(p)).toBe(true);
    // The committed file is what the generator writes (regenerate with the passwords:generate script).
    expect(readFileSync(COMMON_PASSWORDS_FILE, 'utf8')).toBe(`${commonPasswordList().join('\n')}\n`);
  });
});

describe('password policy over HTTP', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, passwordHashing: TEST_SCRYPT });
    await createUser(app, { email: 'jean.dupont@sarlat.fr', name: 'Jean Dupont', password: PW, roles: { sarlat: 'admin' } });
  });
  afterAll(async () => { await app?.close(); });

  it('refuses a weak password for a new account with SL_WEAK_PASSWORD and its reason, and creates nothing', async () => {
    const admin = await authHeaders(app, { tenant: 'sarlat', role: 'admin' });
    for (const [password, reason] of [
      ['1234567890', 'common'], [' '.repeat(10), 'blank'], ['zzzzzzzzzzzz', 'one_character'], ['marie.curie-2026', 'contains_identity'], ['Curie Marie Curie', 'contains_identity'],
    ] as const) {
      const r = await app.inject({ method: 'POST', url: '/api/tenants/sarlat/users', headers: admin, payload: { email: 'marie.curie@sarlat.fr', name: 'Marie Curie', role: 'viewer', password } });
      expect(r.statusCode, password).toBe(400);
      expect(r.json(), password).toMatchObject({ code: 'SL_WEAK_PASSWORD', details: { field: 'password', reason } });
    }
    expect(await app.auth.repo.getUserByEmail('marie.curie@sarlat.fr')).toBeUndefined();
    const ok = await app.inject({ method: 'POST', url: '/api/tenants/sarlat/users', headers: admin, payload: { email: 'marie.curie@sarlat.fr', name: 'Marie Curie', role: 'viewer', password: 'radium et polonium' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses a weak new password on change; the old one keeps working', async () => {
    const h = await login(app, 'jean.dupont@sarlat.fr', PW);
    for (const [next, reason] of [['1234567890', 'common'], ['          ', 'blank'], ['Dupont1789!', 'contains_identity']] as const) {
      const r = await app.inject({ method: 'POST', url: '/api/auth/password', headers: h, payload: { current: PW, next } });
      expect(r.statusCode, next).toBe(400);
      expect(r.json(), next).toMatchObject({ code: 'SL_WEAK_PASSWORD', details: { field: 'next', reason } });
    }
    await login(app, 'jean.dupont@sarlat.fr', PW);
  });
});
