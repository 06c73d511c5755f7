/**
 * Login rate limiting, in memory (per server instance; behind a load balancer each instance counts its own).
 *
 * Failed logins are counted per account (e-mail) and per client address in a sliding window. Defaults: 5 failures
 * per account in 15 min, 30 per address in 15 min (OWASP Authentication Cheat Sheet: lock out or throttle after
 * a small number of failures, and throttle per source to slow credential stuffing). Once over, further attempts
 * are refused with 429 and Retry-After until the oldest failure leaves the window; a success clears the account.
 */
export interface LoginLimiterOptions {
  now?: () => number;
  /** Window, ms. Default 15 min. */
  windowMs?: number;
  /** Failures per account within the window. Default 5. */
  perAccount?: number;
  /** Failures per client address within the window. Default 30. */
  perAddress?: number;
}

export class LoginLimiter {
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly perAccount: number;
  private readonly perAddress: number;
  private readonly accounts = new Map<string, number[]>();
  private readonly addresses = new Map<string, number[]>();

  constructor(opts: LoginLimiterOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.windowMs = opts.windowMs ?? 15 * 60_000;
    this.perAccount = opts.perAccount ?? 5;
    this.perAddress = opts.perAddress ?? 30;
  }

  /** Milliseconds to wait before a new attempt is allowed; 0 = allowed. */
  check(account: string, address: string): number {
    const t = this.now();
    return Math.max(this.waitFor(this.accounts, account, this.perAccount, t), this.waitFor(this.addresses, address, this.perAddress, t));
  }

  fail(account: string, address: string): void {
    const t = this.now();
    for (const [map, key] of [[this.accounts, account], [this.addresses, address]] as const) {
      const list = this.recent(map, key, t);
      list.push(t);
      map.set(key, list);
    }
    if (this.accounts.size + this.addresses.size > 100_000) this.sweep(t);
  }

  succeed(account: string): void {
    this.accounts.delete(account);
  }

  private recent(map: Map<string, number[]>, key: string, t: number): number[] {
    return (map.get(key) ?? []).filter((at) => at > t - this.windowMs);
  }

  private waitFor(map: Map<string, number[]>, key: string, limit: number, t: number): number {
    const list = this.recent(map, key, t);
    if (list.length < limit) return 0;
    return (list[list.length - limit] as number) + this.windowMs - t;
  }

  private sweep(t: number): void {
    for (const map of [this.accounts, this.addresses]) {
      for (const [k] of map) if (!this.recent(map, k, t).length) map.delete(k);
    }
  }
}
