/**
 * Exponential back-off with full jitter (a delay drawn in [current/2, current], the current delay doubling up to
 * a maximum): how the MQTT link and the Wi-Fi station retry, so that a town's controllers do not all retry in
 * step after a broker or an access point comes back.
 */
export class Backoff {
  readonly #min: number;
  readonly #max: number;
  #current: number;

  constructor(minMs: number, maxMs: number) {
    this.#min = minMs;
    this.#max = maxMs;
    this.#current = minMs;
  }

  /** The next delay (`random` in [0, 1)), and the one after it doubled. */
  next(random: () => number): number {
    const delay = Math.round(this.#current * (0.5 + 0.5 * random()));
    this.#current = Math.min(this.#current * 2, this.#max);
    return delay;
  }

  /** Back to the shortest delay (the connection or the join succeeded). */
  reset(): void { this.#current = this.#min; }
}
