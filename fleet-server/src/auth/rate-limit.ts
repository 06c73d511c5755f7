/**
 * Sign-in back-off, shared by every server instance: the failures are kept in the database (`login_failures`,
 * SQLite or PostgreSQL), so behind a load balancer an attacker gets the same budget whichever instance answers.
 *
 * Failed sign-ins slow further attempts down, they never lock anyone out (OWASP Authentication Cheat Sheet:
 * a hard lock lets anyone who knows an e-mail keep its owner out; NIST SP 800-63B §5.2.2: rate limiting). The
 * wait runs from the newest counted failure and doubles with each failure past a free allowance:
 *  - per account (e-mail): 5 failures free, then 1 s, 2 s, 4 s … at most 15 min, the failures remembered for
 *    24 h; the right password once the wait is over signs in and clears the count;
 *  - per client address: 30 failures in 15 min free, then 1 s, 2 s, 4 s … at most 1 min: a shared address (a
 *    town hall behind one NAT) is slowed by someone guessing, its other users still get in within a minute.
 * During a wait every attempt is refused with 429 and Retry-After (the password is not even checked, and the
 * refusal does not count as a failure).
 *
 * Concurrency: check and record are separate statements, so attempts racing on several instances at the very
 * moment a wait starts may each pass the check once more (at most one extra attempt per request in flight);
 * every failure is recorded, so the next check sees them all.
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

/** How one counter (account or address) slows attempts down. */
export interface BackoffRule {
  /** Failures counted within this window, ms. */
  windowMs: number;
  /** Failures allowed before any wait. */
  free: number;
  /** Wait after the first failure past `free`, ms; doubles with each further one. */
  baseMs: number;
  /** Longest wait, ms. */
  maxMs: number;
}

export interface LoginLimiterOptions {
  /** Where failures are counted. Default: in this process only (tests). */
  store?: LoginFailureStore;
  /** Clock, ms. Default Date.now. */
  now?: () => number;
  /** Per account. Default: 5 free, then 1 s doubling up to 15 min, failures remembered 24 h. */
  account?: Partial<BackoffRule>;
  /** Per client address. Default: 30 free in 15 min, then 1 s doubling up to 1 min. */
  address?: Partial<BackoffRule>;
}

export const ACCOUNT_BACKOFF: BackoffRule = { windowMs: 24 * 3_600_000, free: 5, baseMs: 1000, maxMs: 15 * 60_000 };
export const ADDRESS_BACKOFF: BackoffRule = { windowMs: 15 * 60_000, free: 30, baseMs: 1000, maxMs: 60_000 };

/** Keys are hashed: the table keeps neither the e-mails tried nor the addresses trying them. */
const hashKey = (v: string): string => createHash('sha256').update(v).digest('base64url');

/**
 * Milliseconds until a new attempt is allowed, given the failures of one key newest first (`at`, ms): the
 * `free`+k-th failure makes the next attempt wait `baseMs`·2^(k−1), at most `maxMs`, from the newest failure.
 */
export function backoffWait(rule: BackoffRule, failures: readonly number[], now: number): number {
  const past = failures.length - rule.free;
  if (past < 0) return 0;
  const wait = Math.min(rule.maxMs, rule.baseMs * 2 ** Math.min(past, 52));
  return Math.max(0, (failures[0] as number) + wait - now);
}

/** Failures to read so that the longest wait is reached: `free` plus the doublings up to `maxMs`. */
const readLimit = (r: BackoffRule): number => r.free + Math.ceil(Math.log2(Math.max(1, r.maxMs / r.baseMs))) + 1;

export class LoginLimiter {
  private readonly store: LoginFailureStore;
  private readonly now: () => number;
  readonly account: BackoffRule;
  readonly address: BackoffRule;
  private prunedAt = -Infinity;

  constructor(opts: LoginLimiterOptions = {}) {
    this.store = opts.store ?? new MemoryFailureStore();
    this.now = opts.now ?? Date.now;
    this.account = { ...ACCOUNT_BACKOFF, ...opts.account };
    this.address = { ...ADDRESS_BACKOFF, ...opts.address };
  }

  /** Milliseconds to wait before a new attempt is allowed; 0 = allowed. */
  async check(account: string, address: string): Promise<number> {
    const t = this.now();
    const [a, b] = await Promise.all([
      this.waitFor('account', account, this.account, t),
      this.waitFor('address', address, this.address, t),
    ]);
    return Math.max(a, b);
  }

  async fail(account: string, address: string): Promise<void> {
    const t = this.now();
    await this.store.addFailures([{ kind: 'account', keyHash: hashKey(account), at: t }, { kind: 'address', keyHash: hashKey(address), at: t }]);
    // Old rows go at most once a minute per instance.
    if (t - this.prunedAt > 60_000) {
      this.prunedAt = t;
      await this.store.pruneFailures(t - Math.max(this.account.windowMs, this.address.windowMs));
    }
  }

  async succeed(account: string): Promise<void> {
    await this.store.clearFailures('account', hashKey(account));
  }

  private async waitFor(kind: FailureKind, key: string, rule: BackoffRule, t: number): Promise<number> {
    const recent = await this.store.recentFailures(kind, hashKey(key), t - rule.windowMs, readLimit(rule));
    return backoffWait(rule, recent, t);
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
