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
 * other (its MAC and replay counter). Positions come from the inventory, read at each detection (a detection is
 * at most one per pole and hold: the device rate-limits them).
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
  now(): number;
}

type Located = InventoryRow & { lat: number; lon: number };
const located = (r: InventoryRow): r is Located => r.lat != null && r.lon != null;

export class PresenceAhead {
  readonly #opts: PresenceAheadOptions;
  /** Last detection per device (ms), for the direction of travel. */
  readonly #lastDetection = new Map<string, number>();

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
    const lights = (await this.#opts.inventory(tenant)).filter(located);
    const self = lights.find((r) => r.deviceId === deviceId);
    if (!self) return [];
    const near = lights
      .filter((r) => r.deviceId !== deviceId && (r.groupId ?? null) === (self.groupId ?? null))
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
