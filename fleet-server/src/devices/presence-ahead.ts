/**
 * Presence on demand, the server's part: when a pole reports a `PresenceDetection`, the poles ahead of the passer-by
 * along the same street, within `distanceM`, are told `Command.presence_ahead`, so the light runs ahead of a cyclist
 * rather than coming on as they reach each pole (a pole's own sensor sees them only within its range).
 *
 * Which poles: those of the detecting pole's street (its group in the inventory; poles without a group match any
 * pole without one) with a position within `distanceM` of it, the pole itself left out. The direction of travel is
 * the one from the last neighbour that reported a detection within `trackMs` (the passer-by came from there): only
 * poles on the other side are raised. Without such a neighbour (the first pole reached, or nobody tracked) every
 * pole within the distance is raised, both ways.
 *
 * Each pole decides for itself: the command raises it only during a presence step of its own plan, to its step's
 * level and for its step's hold (firmware README, "Presence on demand"); the downlink is authenticated like every
 * other (its MAC and replay counter). Positions come from the inventory, kept per town for `inventoryTtlMs` (30 s by
 * default) and indexed by street: a busy street sends a detection per pole and hold, and a town of 10,000 lights must
 * not be read whole for each. A pole moved or commissioned is followed within that time.
 */
import type { InventoryRow } from '../db/repository.js';

/** Metres between two WGS84 positions (equirectangular: exact enough at a street's scale). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * 6_371_000;
}

export interface PresenceAheadOptions {
  /** Poles within this distance (m) of a detecting one are raised; 0 turns it off. */
  distanceM: number;
  /** A neighbour's detection this recent (ms) gives the direction of travel. Default 60,000. */
  trackMs?: number;
  /** The town's lights in service, with positions and groups. */
  inventory(tenant: string): Promise<InventoryRow[]>;
  /** How long a town's inventory read is used (ms, on `now`). Default 30,000; 0 reads it at each detection. */
  inventoryTtlMs?: number;
  now(): number;
}

/** A town's located lights, by street (group id; '' for lights without a group) and by device id. */
interface Streets { at: number; byDevice: Map<string, Located>; byGroup: Map<string, Located[]> }
/** Towns whose inventory is kept at once; past it the oldest goes. */
const MAX_TOWNS = 256;

type Located = InventoryRow & { lat: number; lon: number };
const located = (r: InventoryRow): r is Located => r.lat != null && r.lon != null;

export class PresenceAhead {
  readonly #opts: PresenceAheadOptions;
  /** Last detection per device (ms), for the direction of travel. */
  readonly #lastDetection = new Map<string, number>();
  readonly #streets = new Map<string, Streets>();
  readonly #reading = new Map<string, Promise<Streets>>();

  constructor(opts: PresenceAheadOptions) {
    this.#opts = opts;
  }

  get enabled(): boolean { return this.#opts.distanceM > 0; }

  /** The device ids to raise for a detection by `deviceId` of `tenant` (nearest first). */
  async targets(tenant: string, deviceId: string): Promise<string[]> {
    const now = this.#opts.now();
    const previous = new Map(this.#lastDetection);
    this.#lastDetection.set(deviceId, now);
    this.#forget(now);
    if (!this.enabled) return [];
    const streets = await this.#town(tenant, now);
    const self = streets.byDevice.get(deviceId);
    if (!self) return [];
    const near = (streets.byGroup.get(self.groupId ?? '') ?? [])
      .filter((r) => r.deviceId !== deviceId)
      .map((r) => ({ r, d: distanceM(self, r) }))
      .filter((x) => x.d <= this.#opts.distanceM);
    // Where the passer-by came from: the neighbour (within reach) that saw them last, recently.
    const trackMs = this.#opts.trackMs ?? 60_000;
    let from: Located | undefined;
    let fromAt = -Infinity;
    for (const { r } of near) {
      const at = previous.get(r.deviceId);
      if (at !== undefined && now - at <= trackMs && at > fromAt) { from = r; fromAt = at; }
    }
    const ahead = from
      ? near.filter(({ r }) => r.deviceId !== from.deviceId && dot(from, self, r) > 0)
      : near;
    return ahead.sort((a, b) => a.d - b.d).map(({ r }) => r.deviceId);
  }

  /** The town's streets, read again once older than the TTL (one read at a time per town). */
  async #town(tenant: string, now: number): Promise<Streets> {
    const ttl = this.#opts.inventoryTtlMs ?? 30_000;
    const kept = this.#streets.get(tenant);
    if (kept && now - kept.at < ttl) return kept;
    let reading = this.#reading.get(tenant);
    if (!reading) {
      reading = this.#opts.inventory(tenant).then((rows) => {
        const byDevice = new Map<string, Located>();
        const byGroup = new Map<string, Located[]>();
        for (const r of rows) {
          if (!located(r)) continue;
          byDevice.set(r.deviceId, r);
          const g = r.groupId ?? '';
          let l = byGroup.get(g);
          if (!l) byGroup.set(g, l = []);
          l.push(r);
        }
        const streets: Streets = { at: now, byDevice, byGroup };
        this.#streets.delete(tenant);
        if (this.#streets.size >= MAX_TOWNS) this.#streets.delete(this.#streets.keys().next().value as string);
        this.#streets.set(tenant, streets);
        return streets;
      }).finally(() => this.#reading.delete(tenant));
      this.#reading.set(tenant, reading);
    }
    return reading;
  }

  #forget(now: number): void {
    const trackMs = this.#opts.trackMs ?? 60_000;
    if (this.#lastDetection.size < 1000) return;
    for (const [id, at] of this.#lastDetection) if (now - at > trackMs) this.#lastDetection.delete(id);
  }
}

/** Whether `target` lies ahead of `self` for someone who came from `from` (positive projection on from → self). */
function dot(from: Located, self: Located, target: Located): number {
  const k = Math.cos((self.lat * Math.PI) / 180);
  const ux = (self.lon - from.lon) * k;
  const uy = self.lat - from.lat;
  const vx = (target.lon - self.lon) * k;
  const vy = target.lat - self.lat;
  return ux * vx + uy * vy;
}
