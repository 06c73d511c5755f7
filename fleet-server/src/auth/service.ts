/**
 * Accounts, sessions, API tokens and the audit log (issue 7). The HTTP side (hooks, routes) is in
 * auth/plugin.ts and routes/auth.ts; this module holds the rules.
 *
 * Times: sessions, tokens and the sign-in back-off (failures kept in the database, shared by instances) run on the
 * real clock (`realNow`: Date.now, or the clock `build({ realNow })` injects in tests) because they are about
 * people and attackers in real time; audit entries are stamped with the server clock (`now`), the same frame as
 * device data (the demo runs it faster than real time).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthRepository, ProfileRow, UserRow } from '../db/auth-repository.js';
import { fleetError } from '../errors.js';
import { actorOf, effectiveRole, isRole, PLATFORM, type Principal, type Role, type TenantProfile } from './model.js';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from './password.js';
import { LoginLimiter } from './rate-limit.js';

export const SESSION_COOKIE = 'sl_session';
export const TOKEN_PREFIX = 'slt_';

const sha256 = (v: string): string => createHash('sha256').update(v).digest('base64url');

export interface AuthServiceOptions {
  repo: AuthRepository;
  /** Server clock (ms), for audit timestamps. */
  now: () => number;
  /** Real clock (ms), for sessions, tokens and the sign-in back-off. Default Date.now. */
  realNow?: () => number;
  /** Idle time after which a session ends, minutes. */
  sessionIdleMinutes: number;
  scrypt?: ScryptParams;
  limiter?: LoginLimiter;
}

export interface AuditEntry {
  tenantId: string;
  action: string;
  target: string;
  detail?: Record<string, unknown> | null;
  requestId?: string;
}

export class AuthService {
  readonly repo: AuthRepository;
  readonly limiter: LoginLimiter;
  private readonly now: () => number;
  /** The clock of sessions, tokens and the sign-in back-off (ms). */
  readonly realNow: () => number;
  private readonly idleMs: number;
  private readonly scrypt: ScryptParams;
  /** A hash to verify against when the e-mail is unknown, so both paths take the same time. */
  private dummyHash: Promise<string> | undefined;

  constructor(opts: AuthServiceOptions) {
    this.repo = opts.repo;
    this.now = opts.now;
    this.realNow = opts.realNow ?? Date.now;
    this.idleMs = opts.sessionIdleMinutes * 60_000;
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    // Failures are counted in the database, so every instance on it shares the back-off.
    this.limiter = opts.limiter ?? new LoginLimiter({ store: opts.repo, now: this.realNow });
  }

  // ---- tenants

  /** Profile of a tenant; a tenant without one is a town named after its id. */
  async profile(tenantId: string): Promise<TenantProfile> {
    const p = await this.repo.getProfile(tenantId);
    return p ? toProfile(p) : { tenantId, name: tenantId, kind: 'town', parentId: null };
  }

  async roleOn(p: Principal, tenantId: string): Promise<Role | undefined> {
    const prof = await this.repo.getProfile(tenantId);
    return effectiveRole(p, tenantId, prof?.parentId);
  }

  /** Every tenant the principal can see (given the known tenant ids), with its profile and the effective role. */
  async visibleTenants(p: Principal, tenantIds: readonly string[]): Promise<Array<TenantProfile & { role: Role }>> {
    const profiles = new Map((await this.repo.listProfiles()).map((r) => [r.tenantId, toProfile(r)]));
    const ids = new Set([...tenantIds, ...profiles.keys()]);
    // Tenants named in the principal's roles are visible even before their first device (e.g. a new town).
    if (p.kind === 'user') {
      for (const t of p.roles.keys()) if (t !== PLATFORM) ids.add(t);
    } else if (p.tenantId !== PLATFORM) {
      ids.add(p.tenantId);
    }
    const out: Array<TenantProfile & { role: Role }> = [];
    for (const id of [...ids].sort()) {
      const prof = profiles.get(id) ?? { tenantId: id, name: id, kind: 'town' as const, parentId: null };
      const role = effectiveRole(p, id, prof.parentId);
      if (role) out.push({ ...prof, role });
    }
    return out;
  }

  async putProfile(profile: TenantProfile): Promise<void> {
    await this.repo.putProfile({ ...profile, updatedAt: this.now() });
  }

  // ---- users

  async createUser(input: { email: string; name?: string; password: string; locale?: string | null }): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    if (await this.repo.getUserByEmail(email)) throw fleetError('USER_EXISTS', { email });
    const id = await this.repo.createUser({
      email, name: input.name?.trim() || email, passwordHash: await hashPassword(input.password, this.scrypt), locale: input.locale ?? null, createdAt: this.now(),
    });
    return (await this.repo.getUser(id)) as UserRow;
  }

  async setPassword(userId: number, password: string): Promise<void> {
    await this.repo.updateUser(userId, { passwordHash: await hashPassword(password, this.scrypt) });
    await this.repo.deleteSessionsOf(userId);
  }

  /**
   * Disables or enables an account. Disabled: sign-in is refused, its sessions are deleted, and the API tokens
   * it created are refused from the next request on (checked per request, see `fromToken`).
   */
  async setDisabled(userId: number, disabled: boolean): Promise<void> {
    await this.repo.updateUser(userId, { disabled });
    if (disabled) await this.repo.deleteSessionsOf(userId);
  }

  async principalForUser(user: UserRow, csrfToken?: string): Promise<Principal> {
    const roles = new Map<string, Role>();
    for (const r of await this.repo.rolesOf(user.id)) if (isRole(r.role)) roles.set(r.tenantId, r.role);
    return { kind: 'user', userId: user.id, email: user.email, name: user.name, locale: user.locale, roles, csrfToken };
  }

  // ---- login and sessions

  /**
   * Checks e-mail and password under the rate limiter. On success creates a session and returns the cookie
   * value (only its hash is stored) and the CSRF token the client sends back in `X-CSRF-Token`.
   */
  async login(email: string, password: string, ip: string): Promise<{ sessionId: string; csrfToken: string; principal: Principal; expiresAt: number }> {
    const key = email.trim().toLowerCase();
    const wait = await this.limiter.check(key, ip);
    if (wait > 0) throw fleetError('RATE_LIMITED', { retryAfterS: Math.ceil(wait / 1000) });
    const user = await this.repo.getUserByEmail(key);
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'), this.scrypt);
    const ok = user && !user.disabled ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await this.dummyHash), false);
    if (!ok || !user) {
      await this.limiter.fail(key, ip);
      throw fleetError('BAD_CREDENTIALS');
    }
    await this.limiter.succeed(key);
    if (needsRehash(user.passwordHash, this.scrypt)) await this.repo.updateUser(user.id, { passwordHash: await hashPassword(password, this.scrypt) });
    const sessionId = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const t = this.realNow();
    await this.repo.pruneSessions(t);
    await this.repo.createSession({ idHash: sha256(sessionId), userId: user.id, csrfToken, createdAt: t, lastSeenAt: t, expiresAt: t + this.idleMs });
    return { sessionId, csrfToken, principal: await this.principalForUser(user, csrfToken), expiresAt: t + this.idleMs };
  }

  async logout(sessionId: string): Promise<void> {
    await this.repo.deleteSession(sha256(sessionId));
  }

  /** The principal behind a session cookie, or undefined (unknown, expired, user disabled). Slides the expiry. */
  async fromSession(sessionId: string): Promise<Principal | undefined> {
    const hash = sha256(sessionId);
    const s = await this.repo.getSession(hash);
    const t = this.realNow();
    if (!s || s.expiresAt <= t) return undefined;
    const user = await this.repo.getUser(s.userId);
    if (!user || user.disabled) return undefined;
    // Write the sliding expiry at most once a minute.
    if (t - s.lastSeenAt > 60_000) await this.repo.touchSession(hash, t, t + this.idleMs);
    return this.principalForUser(user, s.csrfToken);
  }

  // ---- API tokens

  /** Creates a token; the secret is returned once (`slt_<random>`), only its SHA-256 is kept. */
  async createToken(input: { tenantId: string; role: Role; name: string; createdBy: number | null; expiresAt?: number | null }): Promise<{ id: number; token: string }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = await this.repo.createToken({
      tenantId: input.tenantId, role: input.role, name: input.name, secretHash: sha256(token), createdBy: input.createdBy,
      createdAt: this.realNow(), expiresAt: input.expiresAt ?? null,
    });
    return { id, token };
  }

  async fromToken(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const t = this.realNow();
    const row = await this.repo.findToken(sha256(token), t);
    if (!row || !isRole(row.role)) return undefined;
    // A token acts for the account that created it: a disabled account's tokens stop with it.
    if (row.createdBy !== null) {
      const creator = await this.repo.getUser(row.createdBy);
      if (!creator || creator.disabled) return undefined;
    }
    if (!row.lastUsedAt || t - row.lastUsedAt > 60_000) await this.repo.touchToken(row.id, t);
    return { kind: 'token', tokenId: row.id, name: row.name, tenantId: row.tenantId, role: row.role };
  }

  // ---- audit

  async audit(p: Principal | 'cli', e: AuditEntry): Promise<void> {
    const who = p === 'cli' ? { actor: 'cli', actorName: 'command line' } : actorOf(p);
    await this.repo.appendAudit({ ...who, tenantId: e.tenantId, at: this.now(), action: e.action, target: e.target, detail: e.detail ?? null, requestId: e.requestId ?? null });
  }
}

const toProfile = (p: ProfileRow): TenantProfile => ({ tenantId: p.tenantId, name: p.name, kind: p.kind === 'syndicate' ? 'syndicate' : 'town', parentId: p.parentId });

/** Constant-time comparison of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
