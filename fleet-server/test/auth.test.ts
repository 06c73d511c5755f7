/** Accounts, roles per tenant, syndicates, sessions, CSRF, rate limiting, API tokens and the audit log (issue 7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import { minimumRole } from '../src/auth/model.js';
import { hashPassword, needsRehash, verifyPassword } from '../src/auth/password.js';
import { LoginLimiter } from '../src/auth/rate-limit.js';
import { authedInject, authHeaders, createUser, login, TEST_SCRYPT } from '../src/testing.js';
import { tempDir } from './helpers.js';

const PW = 'correct horse battery';

describe('password hashing', () => {
  it('uses scrypt with its parameters in the hash, and verifies', async () => {
    const h = await hashPassword('s3cret-password');
    expect(h).toMatch(/^scrypt\$32768\$8\$3\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('s3cret-password', h)).toBe(true);
    expect(await verifyPassword('s3cret-passwore', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
    expect(needsRehash(await hashPassword('x', { N: 1024, r: 8, p: 1 }))).toBe(true);
  });

  // The other suites build the app with TEST_SCRYPT (N=2^10 r=8 p=1) so that sign-ins stay cheap on a loaded
  // machine; this one checks that a server built as production builds it stores the production cost, and that
  // an account hashed at the test cost is upgraded to it at its next sign-in.
  it('a server built without passwordHashing hashes at the production cost, and upgrades cheaper hashes on sign-in', { timeout: 120_000 }, async () => {
    const prod = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false });
    try {
      const id = await createUser(prod, { email: 'cost@sarlat.fr', password: PW, roles: {} });
      expect((await prod.auth.repo.getUser(id))?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
      await prod.auth.repo.updateUser(id, { passwordHash: await hashPassword(PW, TEST_SCRYPT) });
      await login(prod, 'cost@sarlat.fr', PW);
      expect((await prod.auth.repo.getUser(id))?.passwordHash).toMatch(/^scrypt\$32768\$8\$3\$/);
    } finally {
      await prod.close();
    }
  });
});

describe('minimum role per route', () => {
  it('follows the method, commissioning and admin areas, and a route override', () => {
    expect(minimumRole('GET', '/api/tenants/:tenant/devices')).toBe('viewer');
    expect(minimumRole('POST', '/api/tenants/:tenant/inventory')).toBe('installer');
    expect(minimumRole('PUT', '/api/tenants/:tenant/groups/:groupId/plan')).toBe('manager');
    expect(minimumRole('DELETE', '/api/tenants/:tenant/some/new/route')).toBe('manager');
    expect(minimumRole('GET', '/api/tenants/:tenant/audit')).toBe('admin');
    expect(minimumRole('GET', '/api/tenants/:tenant/users')).toBe('admin');
    expect(minimumRole('POST', '/api/tenants/:tenant/plans/preview')).toBe('viewer');
    expect(minimumRole('POST', '/api/tenants/:tenant/plans/validate')).toBe('viewer');
    expect(minimumRole('POST', '/api/tenants/:tenant/plans')).toBe('manager');
    expect(minimumRole('POST', '/api/tenants/:tenant/things', 'installer')).toBe('installer');
  });
});

describe('login limiter', () => {
  it('after 5 failures of an account each further attempt waits 1 s, 2 s, 4 s … at most 15 min; a success resets it', async () => {
    const clock = { t: 1_000_000 };
    const l = new LoginLimiter({ now: () => clock.t });
    // From many addresses (a botnet): the account's own count decides.
    for (let i = 0; i < 5; i++) { expect(await l.check('a', `ip${i}`)).toBe(0); await l.fail('a', `ip${i}`); }
    expect(await l.check('a', 'ip')).toBe(1000);
    expect(await l.check('b', 'ip')).toBe(0);
    clock.t += 400;
    expect(await l.check('a', 'ip')).toBe(600);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      clock.t += await l.check('a', 'ip');
      expect(await l.check('a', 'ip')).toBe(0);
      await l.fail('a', `ip-${i}`);
      waits.push(await l.check('a', 'ip'));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900].map((s) => s * 1000));
    // Not a lock: the wait over, a correct password is let through and clears the count.
    clock.t += 900_000;
    expect(await l.check('a', 'ip')).toBe(0);
    await l.succeed('a');
    await l.fail('a', 'ip');
    expect(await l.check('a', 'ip')).toBe(0);
  });

  it('per address: 30 failures in 15 min are free, then attempts are spaced (1 s doubling, at most 1 min), never locked', async () => {
    const clock = { t: 1_000_000 };
    const l = new LoginLimiter({ now: () => clock.t });
    for (let i = 0; i < 30; i++) { expect(await l.check(`user${i}`, 'nat')).toBe(0); await l.fail(`user${i}`, 'nat'); }
    expect(await l.check('someone', 'nat')).toBe(1000);
    expect(await l.check('someone', 'elsewhere')).toBe(0);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      clock.t += await l.check('x', 'nat');
      await l.fail(`more${i}`, 'nat');
      waits.push(await l.check('x', 'nat'));
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 60, 60, 60].map((s) => s * 1000));
    // Failures older than the window stop counting.
    clock.t += 15 * 60_000 + 1;
    expect(await l.check('x', 'nat')).toBe(0);
  });
});

describe('access control over HTTP', () => {
  let app: FastifyInstance;
  /** The clock of sessions and sign-in back-off (build({ realNow })), moved by the tests instead of waiting. */
  const clock = { ms: Date.now() };
  const row = (deviceId: string, group = 'rue-a') => ({ deviceId, lat: 44.89, lon: 1.21, group, nominalPowerW: 40 });

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, passwordHashing: TEST_SCRYPT, realNow: () => clock.ms });
    const root = await authedInject(app);
    for (const [t, name, kind, parentId] of [['sdE24', 'SDE 24', 'syndicate', null], ['sarlat', 'Sarlat', 'town', 'sdE24'], ['domme', 'Domme', 'town', 'sdE24'], ['lyon', 'Lyon', 'town', null]] as const) {
      expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: t, name, kind, parentId } })).statusCode).toBe(200);
    }
    expect((await root({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [row('s-1'), row('s-2', 'rue-b')] })).statusCode).toBe(200);
    expect((await root({ method: 'POST', url: '/api/tenants/domme/inventory', payload: [row('d-1')] })).statusCode).toBe(200);
    expect((await root({ method: 'POST', url: '/api/tenants/lyon/inventory', payload: [row('l-1')] })).statusCode).toBe(200);
    await createUser(app, { email: 'viewer@sarlat.fr', password: PW, roles: { sarlat: 'viewer' } });
    await createUser(app, { email: 'manager@sarlat.fr', password: PW, roles: { sarlat: 'manager' } });
    await createUser(app, { email: 'admin@sarlat.fr', password: PW, roles: { sarlat: 'admin' } });
    await createUser(app, { email: 'manager@sde24.fr', password: PW, roles: { sdE24: 'manager' } });
  });
  afterAll(async () => { await app.close(); });

  it('refuses anonymous calls to tenant routes, tenant listing and metrics; keeps health and the API description open', async () => {
    for (const url of ['/api/tenants', '/api/tenants/sarlat/devices', '/api/metrics', '/metrics', '/api/auth/me']) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(401);
      expect(r.json().code).toBe('SL_UNAUTHENTICATED');
    }
    expect((await app.inject({ method: 'PUT', url: '/api/tenants/sarlat/devices/s-1/override', payload: { level: 1, durationS: 60 } })).statusCode).toBe(401);
    expect((await app.inject('/health')).statusCode).toBe(200);
    expect((await app.inject('/api/openapi.json')).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: { authorization: 'Bearer slt_forged' } })).statusCode).toBe(401);
  });

  it('signs in with a session cookie (HttpOnly, SameSite) and lists only the tenants of the user', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'Manager@Sarlat.fr', password: PW } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sl_session=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    expect(res.json().tenants).toEqual([{ tenantId: 'sarlat', name: 'Sarlat', kind: 'town', parentId: 'sdE24', role: 'manager' }]);
    const h = await login(app, 'manager@sarlat.fr', PW);
    const list = await app.inject({ url: '/api/tenants', headers: h });
    expect(list.json().map((t: { id: string }) => t.id)).toEqual(['sarlat']);
    expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'manager@sarlat.fr', password: 'wrong password' } })).json().code).toBe('SL_BAD_CREDENTIALS');
  });

  it('Secure cookie behind a TLS-terminating proxy when trusted', async () => {
    const proxied = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, trustProxy: true }, logger: false, passwordHashing: TEST_SCRYPT });
    try {
      await createUser(proxied, { email: 'p@x.fr', password: PW, roles: { x: 'viewer' } });
      const res = await proxied.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload: { email: 'p@x.fr', password: PW } });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
    } finally { await proxied.close(); }
  });

  it('keeps towns apart: another town answers 404 as if it did not exist, for reads and writes', async () => {
    const h = await login(app, 'manager@sarlat.fr', PW);
    for (const url of ['/api/tenants/lyon/devices', '/api/tenants/lyon/devices/l-1', '/api/tenants/domme/groups', '/api/tenants/nowhere/devices']) {
      const r = await app.inject({ url, headers: h });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().code).toBe('SL_TENANT_NOT_FOUND');
    }
    const w = await app.inject({ method: 'PUT', url: '/api/tenants/lyon/devices/l-1/override', headers: h, payload: { level: 5, durationS: 60 } });
    expect(w.statusCode).toBe(404);
    // A device of another town reached through one's own town: not found either.
    expect((await app.inject({ url: '/api/tenants/sarlat/devices/l-1', headers: h })).statusCode).toBe(404);
    // API tokens are scoped the same way.
    const tok = await authHeaders(app, { tenant: 'lyon', role: 'admin' });
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: tok })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/tenants/lyon/devices', headers: tok })).statusCode).toBe(200);
  });

  it('a syndicate role applies to its member towns only', async () => {
    const h = await login(app, 'manager@sde24.fr', PW);
    const me = (await app.inject({ url: '/api/auth/me', headers: h })).json();
    expect(me.tenants.map((t: { tenantId: string; role: string }) => `${t.tenantId}:${t.role}`)).toEqual(['domme:manager', 'sarlat:manager', 'sdE24:manager']);
    expect((await app.inject({ url: '/api/tenants/domme/devices', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/tenants/sarlat/devices/s-1/override', headers: h, payload: { level: 5, durationS: 60 } })).statusCode).toBe(202);
    expect((await app.inject({ url: '/api/tenants/lyon/devices', headers: h })).statusCode).toBe(404);
  });

  it('a viewer reads but changes nothing; an installer commissions but does not change plans or overrides', async () => {
    const v = await login(app, 'viewer@sarlat.fr', PW);
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: v })).statusCode).toBe(200);
    for (const [method, url, payload] of [
      ['PUT', '/api/tenants/sarlat/devices/s-1/override', { level: 5, durationS: 60 }],
      ['PUT', '/api/tenants/sarlat/groups/rue-a/override', { level: 5, durationS: 60 }],
      ['POST', '/api/tenants/sarlat/inventory', [row('s-9')]],
      ['DELETE', '/api/tenants/sarlat/devices/s-1/override', undefined],
    ] as const) {
      const r = await app.inject({ method, url, headers: v, ...(payload ? { payload } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
      expect(r.json()).toMatchObject({ code: 'SL_FORBIDDEN', details: { role: 'viewer' } });
    }
    expect((await app.inject({ url: '/api/tenants/sarlat/audit', headers: v })).statusCode).toBe(403);
    const inst = await authHeaders(app, { tenant: 'sarlat', role: 'installer' });
    expect((await app.inject({ method: 'POST', url: '/api/tenants/sarlat/inventory', headers: inst, payload: [row('s-3')] })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/tenants/sarlat/devices/s-3/override', headers: inst, payload: { level: 5, durationS: 60 } })).statusCode).toBe(403);
  });

  it('needs the CSRF token on cookie-authenticated writes and refuses a foreign Origin', async () => {
    const h = await login(app, 'manager@sarlat.fr', PW);
    const put = (headers: Record<string, string>) => app.inject({ method: 'PUT', url: '/api/tenants/sarlat/devices/s-1/override', headers, payload: { level: 30, durationS: 600 } });
    expect((await put({ cookie: h.cookie })).json().code).toBe('SL_CSRF');
    expect((await put({ cookie: h.cookie, 'x-csrf-token': 'nope' })).json().code).toBe('SL_CSRF');
    expect((await put({ ...h, origin: 'https://evil.example' })).json().code).toBe('SL_CSRF');
    expect((await put({ ...h, origin: 'http://localhost:80' })).statusCode).toBe(202);
    expect((await put(h)).statusCode).toBe(202);
  });

  it('records every change in the audit log with who, when and what; admins read it', async () => {
    const m = await login(app, 'manager@sarlat.fr', PW);
    await app.inject({ method: 'PUT', url: '/api/tenants/sarlat/groups/rue-a/override', headers: m, payload: { level: 42, durationS: 900 } });
    const a = await login(app, 'admin@sarlat.fr', PW);
    const log = (await app.inject({ url: '/api/tenants/sarlat/audit?limit=5', headers: a })).json();
    expect(log[0]).toMatchObject({ actorName: 'manager@sarlat.fr', action: 'PUT /groups/:groupId/override', target: '/groups/rue-a/override', detail: { level: 42, durationS: 900 } });
    expect(Date.parse(log[0].at)).toBeGreaterThan(0);
    const mine = (await app.inject({ url: '/api/tenants/lyon/audit', headers: await authHeaders(app, { tenant: 'lyon', role: 'admin' }) })).json();
    expect(mine.every((e: { target: string }) => !e.target.includes('rue-a'))).toBe(true);
  });

  it('admins manage users of their town only, never above their own role, and passwords never reach the log', async () => {
    const a = await login(app, 'admin@sarlat.fr', PW);
    const add = await app.inject({ method: 'POST', url: '/api/tenants/sarlat/users', headers: a, payload: { email: 'new@sarlat.fr', role: 'installer', password: 'a long new password' } });
    expect(add.statusCode).toBe(200);
    expect(add.json()).toMatchObject({ created: true, role: 'installer' });
    const gen = (await app.inject({ method: 'POST', url: '/api/tenants/sarlat/users', headers: a, payload: { email: 'gen@sarlat.fr', role: 'viewer' } })).json();
    expect(gen.password).toMatch(/^[\w-]{16}$/);
    await login(app, 'gen@sarlat.fr', gen.password);
    const users = (await app.inject({ url: '/api/tenants/sarlat/users', headers: a })).json();
    expect(users.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(['new@sarlat.fr', 'viewer@sarlat.fr', 'admin@sarlat.fr']));
    expect(users.some((u: { email: string }) => u.email === 'manager@sde24.fr')).toBe(false);
    const log = (await app.inject({ url: '/api/tenants/sarlat/audit', headers: a })).json();
    expect(JSON.stringify(log)).not.toContain('a long new password');
    expect(log.find((e: { action: string; detail: { email?: string } }) => e.action === 'POST /users' && e.detail.email === 'new@sarlat.fr').detail).toMatchObject({ email: 'new@sarlat.fr', password: '***' });
    // A manager cannot manage users; an admin of Sarlat cannot reach Lyon's users.
    const m = await login(app, 'manager@sarlat.fr', PW);
    expect((await app.inject({ method: 'POST', url: '/api/tenants/sarlat/users', headers: m, payload: { email: 'x@y.fr', role: 'viewer' } })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/tenants/lyon/users', headers: a })).statusCode).toBe(404);
    // A token scoped to manager cannot mint an admin token.
    const mt = await authHeaders(app, { tenant: 'sarlat', role: 'manager' });
    expect((await app.inject({ method: 'POST', url: '/api/tenants/sarlat/tokens', headers: mt, payload: { name: 'x', role: 'admin' } })).statusCode).toBe(403);
  });

  it('API tokens: created once, hashed at rest, scoped, revocable', async () => {
    const a = await login(app, 'admin@sarlat.fr', PW);
    const made = (await app.inject({ method: 'POST', url: '/api/tenants/sarlat/tokens', headers: a, payload: { name: 'GIS export', role: 'viewer' } })).json();
    expect(made.token).toMatch(/^slt_[\w-]{43}$/);
    const bearer = { authorization: `Bearer ${made.token}` };
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: bearer })).statusCode).toBe(200);
    expect((await app.inject({ method: 'PUT', url: '/api/tenants/sarlat/devices/s-1/override', headers: bearer, payload: { level: 5, durationS: 60 } })).statusCode).toBe(403);
    const listed = (await app.inject({ url: '/api/tenants/sarlat/tokens', headers: a })).json();
    expect(JSON.stringify(listed)).not.toContain(made.token.slice(4));
    expect((await app.inject({ method: 'DELETE', url: `/api/tenants/sarlat/tokens/${made.id}`, headers: a })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/tenants/sarlat/devices', headers: bearer })).statusCode).toBe(401);
  });

  it('slows failed sign-ins per account with 429 and Retry-After; the right password after the wait signs in', async () => {
    await createUser(app, { email: 'target@sarlat.fr', password: PW, roles: { sarlat: 'viewer' } });
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'target@sarlat.fr', password } });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}-xxxx`)).statusCode).toBe(401);
    const r = await attempt(PW);
    expect(r.statusCode).toBe(429);
    expect(r.json()).toMatchObject({ code: 'SL_RATE_LIMITED', details: { retryAfterS: 1 } });
    expect(r.headers['retry-after']).toBe('1');
    clock.ms += 1000;
    expect((await attempt('guess-5-xxxx')).statusCode).toBe(401);
    expect((await attempt(PW)).headers['retry-after']).toBe('2'); // doubled
    clock.ms += 2000;
    expect((await attempt(PW)).statusCode).toBe(200);
    // The success cleared the count: five new failures before any wait.
    for (let i = 0; i < 5; i++) expect((await attempt(`again-${i}-xxxx`)).statusCode).toBe(401);
    expect((await attempt(PW)).statusCode).toBe(429);
  });

  it('metrics: a town\'s people see their towns\' figures only; installation-wide counters need a role on *', async () => {
    // One registered, online light per town (written as the device service would on its first Hello).
    for (const [tenant, deviceId] of [['sarlat', 's-1'], ['domme', 'd-1'], ['lyon', 'l-1']] as const) {
      await app.repo.ensureDevice(tenant, deviceId, app.fleet.now());
      await app.repo.updateDevice(deviceId, { online: true });
    }
    const v = await login(app, 'viewer@sarlat.fr', PW);
    const mine = await app.inject({ url: '/api/metrics', headers: v });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ scope: 'tenants', devicesKnown: 1, devicesOnline: 1, tenants: [{ tenantId: 'sarlat', devicesKnown: 1, devicesOnline: 1 }] });
    const text = (await app.inject({ url: '/metrics', headers: v })).body;
    expect(text).toMatch(/^fleet_devices_known\{tenant="sarlat"\} 1$/m);
    expect(text).not.toMatch(/lyon|domme|fleet_frames_received_total|fleet_ota/);
    // A syndicate's manager: its member towns.
    const syndicate = (await app.inject({ url: '/api/metrics', headers: await login(app, 'manager@sde24.fr', PW) })).json();
    expect(syndicate).toMatchObject({ scope: 'tenants', devicesKnown: 2, tenants: [{ tenantId: 'domme', devicesKnown: 1 }, { tenantId: 'sarlat', devicesKnown: 1 }] });
    expect(syndicate.framesReceived).toBeUndefined();
    // The platform (a role on *, e.g. a monitoring token): the whole installation.
    const all = (await app.inject({ url: '/api/metrics', headers: await authHeaders(app, { tenant: '*', role: 'viewer' }) })).json();
    expect(all).toMatchObject({ scope: 'installation', devicesKnown: 3, devicesOnline: 3, framesReceived: expect.any(Number), downlinksSent: expect.any(Number), ota: { role: 'disabled' } });
  });

  it('logout ends the session', async () => {
    const h = await login(app, 'viewer@sarlat.fr', PW);
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: h })).statusCode).toBe(401);
  });
});
