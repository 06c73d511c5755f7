/**
 * Queries of the accounts area (issue 7): tenant profiles (town / syndicate), users and their roles,
 * sessions, API tokens and the audit log. Built on the main repository's DialectAdapter, so it runs on SQLite
 * and PostgreSQL alike.
 */
import { and, desc, eq, inArray, isNull, lt, lte, or, gt } from 'drizzle-orm';
import type { FailureKind, LoginFailureStore } from '../auth/rate-limit.js';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type UserRow = typeof s.users.$inferSelect;
export type RoleRow = typeof s.userRoles.$inferSelect;
export type SessionRow = typeof s.sessions.$inferSelect;
export type TokenRow = typeof s.apiTokens.$inferSelect;
export type AuditRow = typeof s.auditLog.$inferSelect;
export type NewAudit = typeof s.auditLog.$inferInsert;
export type ProfileRow = typeof s.tenantProfiles.$inferSelect;

export class AuthRepository implements LoginFailureStore {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  // ---- tenant profiles

  async getProfile(tenantId: string): Promise<ProfileRow | undefined> {
    const { tenantProfiles: p } = this.t;
    const [row] = await this.db.select().from(p).where(eq(p.tenantId, tenantId));
    return row;
  }

  listProfiles(): Promise<ProfileRow[]> {
    return this.db.select().from(this.t.tenantProfiles);
  }

  async putProfile(row: ProfileRow): Promise<void> {
    const { tenantProfiles: p } = this.t;
    const { tenantId: _t, ...rest } = row;
    await this.db.insert(p).values(row).onConflictDoUpdate({ target: p.tenantId, set: rest });
  }

  // ---- users and roles

  async getUserByEmail(email: string): Promise<UserRow | undefined> {
    const { users } = this.t;
    const [row] = await this.db.select().from(users).where(eq(users.email, email.toLowerCase()));
    return row;
  }

  async getUser(id: number): Promise<UserRow | undefined> {
    const { users } = this.t;
    const [row] = await this.db.select().from(users).where(eq(users.id, id));
    return row;
  }

  async createUser(u: { email: string; name: string; passwordHash: string; locale: string | null; createdAt: number }): Promise<number> {
    const { users } = this.t;
    const [row] = await this.db.insert(users).values({ ...u, email: u.email.toLowerCase(), disabled: false }).returning({ id: users.id });
    return Number(row?.id);
  }

  async updateUser(id: number, patch: Partial<Pick<UserRow, 'name' | 'passwordHash' | 'locale' | 'disabled'>>): Promise<void> {
    const { users } = this.t;
    await this.db.update(users).set(patch).where(eq(users.id, id));
  }

  rolesOf(userId: number): Promise<RoleRow[]> {
    const { userRoles } = this.t;
    return this.db.select().from(userRoles).where(eq(userRoles.userId, userId));
  }

  /** Users holding a role directly on one of `tenantIds`. */
  async usersOf(tenantIds: readonly string[]): Promise<Array<{ user: UserRow; role: RoleRow }>> {
    const { users, userRoles } = this.t;
    if (!tenantIds.length) return [];
    const rows = await this.db.select().from(userRoles).innerJoin(users, eq(users.id, userRoles.userId))
      .where(inArray(userRoles.tenantId, [...tenantIds])).orderBy(users.email);
    return rows.map((r) => ({ user: r.users, role: r.user_roles }));
  }

  async setRole(userId: number, tenantId: string, role: string, now: number): Promise<void> {
    const { userRoles } = this.t;
    await this.db.insert(userRoles).values({ userId, tenantId, role, createdAt: now })
      .onConflictDoUpdate({ target: [userRoles.userId, userRoles.tenantId], set: { role } });
  }

  async removeRole(userId: number, tenantId: string): Promise<boolean> {
    const { userRoles } = this.t;
    const rows = await this.db.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.tenantId, tenantId))).returning({ u: userRoles.userId });
    return rows.length > 0;
  }

  // ---- sessions

  async createSession(row: SessionRow): Promise<void> {
    await this.db.insert(this.t.sessions).values(row);
  }

  async getSession(idHash: string): Promise<SessionRow | undefined> {
    const { sessions } = this.t;
    const [row] = await this.db.select().from(sessions).where(eq(sessions.idHash, idHash));
    return row;
  }

  async touchSession(idHash: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    const { sessions } = this.t;
    await this.db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash));
  }

  async deleteSession(idHash: string): Promise<void> {
    const { sessions } = this.t;
    await this.db.delete(sessions).where(eq(sessions.idHash, idHash));
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    const { sessions } = this.t;
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  async pruneSessions(now: number): Promise<void> {
    const { sessions } = this.t;
    await this.db.delete(sessions).where(lt(sessions.expiresAt, now));
  }

  // ---- API tokens

  async createToken(row: Omit<TokenRow, 'id' | 'lastUsedAt' | 'revokedAt'>): Promise<number> {
    const { apiTokens } = this.t;
    const [r] = await this.db.insert(apiTokens).values({ ...row, lastUsedAt: null, revokedAt: null }).returning({ id: apiTokens.id });
    return Number(r?.id);
  }

  /** A usable token by secret hash: not revoked, not expired. */
  async findToken(secretHash: string, now: number): Promise<TokenRow | undefined> {
    const { apiTokens: k } = this.t;
    const [row] = await this.db.select().from(k)
      .where(and(eq(k.secretHash, secretHash), isNull(k.revokedAt), or(isNull(k.expiresAt), gt(k.expiresAt, now))));
    return row;
  }

  async touchToken(id: number, now: number): Promise<void> {
    const { apiTokens: k } = this.t;
    await this.db.update(k).set({ lastUsedAt: now }).where(eq(k.id, id));
  }

  listTokens(tenantId: string): Promise<TokenRow[]> {
    const { apiTokens: k } = this.t;
    return this.db.select().from(k).where(eq(k.tenantId, tenantId)).orderBy(k.id);
  }

  async revokeToken(tenantId: string, id: number, now: number): Promise<boolean> {
    const { apiTokens: k } = this.t;
    const rows = await this.db.update(k).set({ revokedAt: now }).where(and(eq(k.tenantId, tenantId), eq(k.id, id), isNull(k.revokedAt))).returning({ id: k.id });
    return rows.length > 0;
  }

  // ---- failed sign-ins (auth/rate-limit.ts): shared by every instance on this database

  async recentFailures(kind: FailureKind, keyHash: string, since: number, limit: number): Promise<number[]> {
    const { loginFailures: f } = this.t;
    const rows = await this.db.select({ at: f.at }).from(f)
      .where(and(eq(f.kind, kind), eq(f.keyHash, keyHash), gt(f.at, since))).orderBy(desc(f.at)).limit(limit);
    return rows.map((r) => Number(r.at));
  }

  async addFailures(rows: ReadonlyArray<{ kind: FailureKind; keyHash: string; at: number }>): Promise<void> {
    if (rows.length) await this.db.insert(this.t.loginFailures).values([...rows]);
  }

  async clearFailures(kind: FailureKind, keyHash: string): Promise<void> {
    const { loginFailures: f } = this.t;
    await this.db.delete(f).where(and(eq(f.kind, kind), eq(f.keyHash, keyHash)));
  }

  async pruneFailures(before: number): Promise<void> {
    const { loginFailures: f } = this.t;
    await this.db.delete(f).where(lte(f.at, before));
  }

  // ---- audit

  async appendAudit(row: NewAudit): Promise<void> {
    await this.db.insert(this.t.auditLog).values(row);
  }

  /** Newest first; `before` pages back by id. */
  listAudit(tenantIds: readonly string[], limit: number, before?: number): Promise<AuditRow[]> {
    const { auditLog: a } = this.t;
    const where = before ? and(inArray(a.tenantId, [...tenantIds]), lt(a.id, before)) : inArray(a.tenantId, [...tenantIds]);
    return this.db.select().from(a).where(where).orderBy(desc(a.id)).limit(limit);
  }
}
