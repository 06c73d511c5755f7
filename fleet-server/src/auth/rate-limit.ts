/**
 * Login rate limiting, shared by every server instance: the failures are kept in the database
 * (`login_failures`, SQLite or PostgreSQL), so behind a load balancer an attacker gets the same budget whichever
 * instance answers.
 *
 * Failed logins are counted per account (e-mail) and per client address in a sliding window. Defaults: 5 failures
 * per account in 15 min, 30 per address in 15 min (OWASP Authentication Cheat Sheet: lock out or throttle after
 * a small number of failures, and throttle per source to slow credential stuffing). Once over, further attempts
 * are refused with 429 and Retry-After until the oldest counted failure leaves the window; a success clears the
 * account (not the address).
 *
 * Concurrency: check and record are separate statements, so attempts racing on several instances at the very
 * moment the limit is reached may each pass the check once more (at most one extra attempt per request in
 * flight); every failure is recorded, so the next check sees them all.
 */
import { createHash } from 'node:crypto';

export type FailureKind = 'account' | 'address';

/** Where failures are kept: the database (AuthRepository) in the server, a Map in unit tests. */
export interface LoginFailureStore {
  /** `at` of the newest `limit` failures of a key after `since` (ms), newest first. */
  recentFailures(kind: FailureKind, keyHash: string, since: number, limit: number): Promise<number[]>;
  addFailures(rows: ReadonlyArray<{ kind: FailureKind; keyHash: string; at: number }>): Promise<void>;
  clearFailures(kind: FailureKind, keyHash: string): Promise<void>;
  /** Deletes failures at or before `before` (ms). */
  pruneFailures(before: number): Promise<void>;
}

export interface LoginLimiterOptions {
  /** Where failures are counted. Default: in this process only (tests). */
  store?: LoginFailureStore;
  now?: () => number;
  /** Window, ms. Default 15 min. */
  windowMs?: number;
  /** Failures per account within the window. Default 5. */
  perAccount?: number;
  /** Failures per client address within the window. Default 30. */
  perAddress?: number;
}

/** Keys are hashed: the table keeps neither the e-mails tried nor the addresses trying them. */
const hashKey = (v: string): string => createHash('sha256').update(v).digest('base64url');

export class LoginLimiter {
  private readonly store: LoginFailureStore;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly perAccount: number;
  private readonly perAddress: number;
  private prunedAt = 0;

  constructor(opts: LoginLimiterOptions = {}) {
    this.store = opts.store ?? new MemoryFailureStore();
    this.now = opts.now ?? Date.now;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.perAccount = opts.perAccount ?? 5;
    this.perAddress = opts.perAddress ?? 30;
  }

  /** Milliseconds to wait before a new attempt is allowed; 0 = allowed. */
  async check(account: string, address: string): Promise<number> {
    const t = this.now();
    const [a, b] = await Promise.all([
      this.waitFor('account', account, this.perAccount, t),
      this.waitFor('address', address, this.perAddress, t),
    ]);
    return Math.max(a, b);
  }

  async fail(account: string, address: string): Promise<void> {
    const t = this.now();
    await this.store.addFailures([{ kind: 'account', keyHash: hashKey(account), at: t }, { kind: 'address', keyHash: hashKey(address), at: t }]);
    // Old rows go at most once a minute per instance.
    if (t - this.prunedAt > 60_000) {
      this.prunedAt = t;
      await this.store.pruneFailures(t - this.windowMs);
    }
  }

  async succeed(account: string): Promise<void> {
    await this.store.clearFailures('account', hashKey(account));
  }

  private async waitFor(kind: FailureKind, key: string, limit: number, t: number): Promise<number> {
    const recent = await this.store.recentFailures(kind, hashKey(key), t - this.windowMs, limit);
    if (recent.length < limit) return 0;
    // The limit-th newest failure is the one whose leaving the window frees an attempt.
    return Math.max(0, (recent[limit - 1] as number) + this.windowMs - t);
  }
}

/** Failures in this process only: for unit tests and tools without a database. */
export class MemoryFailureStore implements LoginFailureStore {
  private readonly rows = new Map<string, number[]>();
  async recentFailures(kind: FailureKind, keyHash: string, since: number, limit: number): Promise<number[]> {
    return (this.rows.get(`${kind}:${keyHash}`) ?? []).filter((at) => at > since).sort((x, y) => y - x).slice(0, limit);
  }
  async addFailures(rows: ReadonlyArray<{ kind: FailureKind; keyHash: string; at: number }>): Promise<void> {
    for (const r of rows) {
      const k = `${r.kind}:${r.keyHash}`;
      this.rows.set(k, [...(this.rows.get(k) ?? []), r.at]);
    }
  }
  async clearFailures(kind: FailureKind, keyHash: string): Promise<void> {
    this.rows.delete(`${kind}:${keyHash}`);
  }
  async pruneFailures(before: number): Promise<void> {
    for (const [k, v] of this.rows) {
      const kept = v.filter((at) => at > before);
      if (kept.length) this.rows.set(k, kept); else this.rows.delete(k);
    }
  }
}
