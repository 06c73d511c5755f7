/**
 * Creates an account with a role on a tenant — how the first admin of an installation is made.
 *
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run admin:create -- \
 *     --email admin@sarlat.fr --tenant sarlat [--role admin] [--name "…"] [--password …] \
 *     [--tenant-name "Sarlat-la-Canéda"] [--kind town|syndicate] [--parent <syndicate>]
 *
 * `--tenant '*'` makes a platform admin (every tenant, may create towns and syndicates). Without --password a
 * random one is generated and printed once. An existing e-mail gets the role added (its password is kept,
 * unless --password is given). It uses the same settings as the server (DATA_DIR / DATABASE_URL, or
 * --data-dir / --database-url), opens the database directly (no HTTP), and writes an audit entry — dated with the
 * server clock of the data directory (server-clock.ts: the demo's accelerated town), else real time.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type ConfigInput } from './config.js';
import { openRepository } from './db/index.js';
import { AuthRepository } from './db/auth-repository.js';
import type { DialectAdapter } from './db/drizzle-repository.js';
import { AuthService } from './auth/service.js';
import { isRole, PLATFORM } from './auth/model.js';
import { randomPassword } from './auth/password.js';
import { PASSWORD_PROBLEMS, passwordProblem } from './auth/password-policy.js';
import { serverClockOf } from './server-clock.js';

const { values: a } = parseArgs({
  // `pnpm run admin:create -- --email …` hands the script the `--` too; parseArgs would take what follows for
  // positionals.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    email: { type: 'string' }, tenant: { type: 'string' }, role: { type: 'string', default: 'admin' }, name: { type: 'string' },
    password: { type: 'string' }, 'tenant-name': { type: 'string' }, kind: { type: 'string', default: 'town' }, parent: { type: 'string' },
    'data-dir': { type: 'string' }, 'database-url': { type: 'string' },
  },
});

function fail(msg: string): never {
  console.error(`admin:create: ${msg}`);
  process.exit(1);
}

if (!a.email || !/^[^@\s]+@[^@\s]+$/.test(a.email)) fail('--email <address> is required');
if (!a.tenant || !(a.tenant === PLATFORM || /^[A-Za-z0-9_-]{1,64}$/.test(a.tenant))) fail("--tenant <id> is required ([A-Za-z0-9_-], or '*' for the whole installation)");
if (!isRole(a.role)) fail('--role must be admin, manager, installer or viewer');
if (a.password !== undefined) {
  // The same rules as the API (auth/password-policy.ts).
  const problem = passwordProblem(a.password, { email: a.email, name: a.name });
  if (problem) fail(`--password refused (${problem}): ${PASSWORD_PROBLEMS[problem]}`);
}
if (a.kind !== 'town' && a.kind !== 'syndicate') fail('--kind must be town or syndicate');

const overrides: Partial<ConfigInput> = {};
if (a['data-dir']) overrides.dataDir = a['data-dir'];
if (a['database-url']) overrides.databaseUrl = a['database-url'];
const config = loadConfig(overrides, process.env);
const repo = await openRepository(config);
// The clock of the server that owns this data directory (the demo's runs ahead of real time), so the audit entry
// and the role sit in its time frame.
const now = serverClockOf(config.dataDir);
try {
  const auth = new AuthService({ repo: new AuthRepository((repo as unknown as { adapter: DialectAdapter }).adapter), now, sessionIdleMinutes: config.sessionIdleMinutes });
  const tenant = a.tenant;
  if (tenant !== PLATFORM) {
    await repo.ensureTenant(tenant, now());
    const prof = await auth.profile(tenant);
    if (a['tenant-name'] || a.parent || a.kind !== prof.kind) {
      await auth.putProfile({ tenantId: tenant, name: a['tenant-name'] ?? prof.name, kind: a.kind, parentId: a.parent ?? prof.parentId });
    }
  }
  let user = await auth.repo.getUserByEmail(a.email);
  const password = a.password ?? (user ? undefined : randomPassword());
  if (!user) user = await auth.createUser({ email: a.email, name: a.name, password: password as string });
  else if (password) await auth.setPassword(user.id, password);
  await auth.repo.setRole(user.id, tenant, a.role, now());
  await auth.audit('cli', { tenantId: tenant, action: 'POST /users', target: `/users/${user.id}`, detail: { email: user.email, role: a.role } });
  console.log(`${user.email}: ${a.role} on ${tenant === PLATFORM ? 'every tenant' : tenant}${password && !a.password ? `\npassword: ${password}  (shown once; change it after signing in)` : ''}`);
} finally {
  await repo.close();
}
