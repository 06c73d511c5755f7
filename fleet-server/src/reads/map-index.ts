/**
 * The map's data (issue 14): a tenant's positioned lights as compact clusters or points for a view.
 *
 * Grouping 100,000 lights by grid cell in SQL costs the same whole-tenant join every time (devices for the state,
 * alarms not cleared for the faults): 0.3–0.6 s on this machine, per pan or zoom. So the server keeps, per tenant, a
 * snapshot of the positioned lights (id, Web Mercator position, state, level: ~40 bytes a light) and answers any
 * view from it in a few milliseconds: points when few lights are in view, else clusters on a grid of 64-pixel
 * cells at the view's zoom (Web Mercator tiles of 256 px: 4 cells a tile side), each with its count per state and
 * the mean position of its lights.
 *
 * Freshness: a snapshot is used while younger than max(1 s, 20 × the time its read took) (at most 15 s: a
 * 100,000-light town read in 0.2 s is re-read at most every 4 s while someone looks at it; a 30-light one every
 * second); an older one up to 60 s is answered at once while a new one is read in the background, beyond that the
 * request waits for the read. It is read in chunks of 5,000 lights in id order, so SQLite (synchronous) never
 * holds the event loop for more than one chunk. `updating` (OTA) is applied at answer time. Writes this server
 * makes to the inventory drop the tenant's snapshot (`invalidate`); state changes show within the freshness above.
 */
import type { DeviceQueryRepository, LightState } from '../db/device-query-repository.js';
import { LIGHT_STATES } from '../db/device-query-repository.js';

export const MAP_POINTS_MAX = 2000;
/** Zoom from which lights are always points (a street: a few hundred metres across). */
export const MAP_POINTS_ZOOM = 17;
const CELLS_PER_TILE = 4;
const CHUNK = 5000;
const MIN_FRESH_MS = 1000;
const MAX_FRESH_MS = 15_000;
const MAX_STALE_MS = 60_000;

const STATE_CODE = new Map<LightState, number>(LIGHT_STATES.map((s, k) => [s, k]));
const UPDATING = STATE_CODE.get('updating') as number;

export const mercX = (lon: number): number => (lon + 180) / 360;
export const mercY = (lat: number): number => {
  const r = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2;
};

interface Snapshot {
  /** Real time (ms) the read started. */
  at: number;
  readMs: number;
  ids: string[];
  lat: Float64Array;
  lon: Float64Array;
  x: Float64Array;
  y: Float64Array;
  state: Uint8Array;
  level: Uint8Array;
  registered: Uint8Array;
  byId?: Map<string, number>;
  /** Lights per state code before OTA (the legend), and the lights' [west, south, east, north]. */
  counts: number[];
  extent: [number, number, number, number] | null;
}

export interface MapView {
  /** [west, south, east, north] in degrees; default the whole tenant. */
  bbox?: readonly [number, number, number, number] | undefined;
  /** Web Mercator zoom level of the view (0–22); default: the bbox fits about 1,000 pixels. */
  zoom?: number | undefined;
}

export interface MapCluster { lat: number; lon: number; lights: number; states: Record<LightState, number> }
export interface MapPoint { id: string; lat: number; lon: number; state: LightState; level: number }

export interface MapAnswer {
  /** When the lights' states were read (ISO 8601). */
  asOf: string;
  zoom: number;
  /** Positioned lights of the tenant, and per state (the legend). */
  lights: number;
  states: Record<LightState, number>;
  /** [west, south, east, north] of the tenant's lights, null when none. */
  extent: [number, number, number, number] | null;
  /** Lights in the view. */
  inView: number;
  mode: 'points' | 'clusters';
  points: MapPoint[];
  clusters: MapCluster[];
}

const zeroStates = (): Record<LightState, number> => Object.fromEntries(LIGHT_STATES.map((s) => [s, 0])) as Record<LightState, number>;

export class MapIndex {
  readonly #reads: DeviceQueryRepository;
  readonly #snapshots = new Map<string, Snapshot>();
  readonly #reading = new Map<string, Promise<Snapshot>>();
  /** Reads started (tests, metrics). */
  reads = 0;

  constructor(reads: DeviceQueryRepository) { this.#reads = reads; }

  /** Drops a tenant's snapshot: the next view reads the lights again. */
  invalidate(tenant: string): void {
    this.#snapshots.delete(tenant);
  }

  async #read(tenant: string): Promise<Snapshot> {
    const at = Date.now();
    const t0 = performance.now();
    this.reads++;
    const ids: string[] = [];
    const lat: number[] = []; const lon: number[] = []; const state: number[] = []; const level: number[] = []; const registered: number[] = [];
    let after = '';
    for (;;) {
      const rows = await this.#reads.mapRows(tenant, after, CHUNK);
      for (const r of rows) {
        ids.push(r.id); lat.push(r.lat); lon.push(r.lon); state.push(STATE_CODE.get(r.state) ?? 0); level.push(Math.max(0, Math.min(100, r.level))); registered.push(r.registered ? 1 : 0);
      }
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((r) => setImmediate(r)); // let other work run between chunks (SQLite reads are synchronous)
    }
    const n = ids.length;
    const snap: Snapshot = {
      at, readMs: performance.now() - t0, ids, lat: Float64Array.from(lat), lon: Float64Array.from(lon), x: new Float64Array(n), y: new Float64Array(n),
      state: Uint8Array.from(state), level: Uint8Array.from(level), registered: Uint8Array.from(registered),
      counts: new Array<number>(LIGHT_STATES.length).fill(0), extent: null,
    };
    let w = Infinity; let so = Infinity; let e = -Infinity; let no = -Infinity;
    for (let k = 0; k < n; k++) {
      const la = lat[k]!; const lo = lon[k]!;
      snap.x[k] = mercX(lo); snap.y[k] = mercY(la);
      snap.counts[snap.state[k]!]!++;
      if (lo < w) w = lo; if (lo > e) e = lo; if (la < so) so = la; if (la > no) no = la;
    }
    snap.extent = n ? [w, so, e, no] : null;
    return snap;
  }

  #refresh(tenant: string): Promise<Snapshot> {
    let p = this.#reading.get(tenant);
    if (!p) {
      p = this.#read(tenant).then((s) => { this.#snapshots.set(tenant, s); return s; }).finally(() => this.#reading.delete(tenant));
      this.#reading.set(tenant, p);
    }
    return p;
  }

  async #snapshot(tenant: string): Promise<Snapshot> {
    const s = this.#snapshots.get(tenant);
    if (!s) return this.#refresh(tenant);
    const age = Date.now() - s.at;
    const fresh = Math.min(MAX_FRESH_MS, Math.max(MIN_FRESH_MS, 20 * s.readMs));
    if (age < fresh) return s;
    if (age < MAX_STALE_MS) {
      this.#refresh(tenant).catch(() => undefined); // answered now, read again in the background
      return s;
    }
    return this.#refresh(tenant);
  }

  /** The tenant's lights for a view. `updating`: lights an active OTA campaign is updating. */
  async view(tenant: string, v: MapView, updating: ReadonlyMap<string, unknown>): Promise<MapAnswer> {
    const s = await this.#snapshot(tenant);
    const n = s.ids.length;
    // OTA: the state of a registered light being updated is `updating` whatever else it reports.
    let state = s.state;
    const by = [...s.counts];
    if (updating.size) {
      s.byId ??= new Map(s.ids.map((id, k) => [id, k]));
      state = Uint8Array.from(s.state);
      for (const id of updating.keys()) {
        const k = s.byId.get(id);
        if (k !== undefined && s.registered[k] && state[k] !== UPDATING) { by[state[k]!]!--; by[UPDATING]!++; state[k] = UPDATING; }
      }
    }
    const states = zeroStates();
    LIGHT_STATES.forEach((st, j) => { states[st] = by[j]!; });
    const extent = s.extent;
    const bbox = v.bbox ?? extent ?? [-180, -85, 180, 85];
    const [bw, bs, be, bn] = bbox;
    const x0 = mercX(bw); const x1 = mercX(be); const y0 = mercY(bn); const y1 = mercY(bs);
    // Default zoom: the view's larger side spans about 1,024 pixels (4 tiles).
    const span = Math.max(x1 - x0, y1 - y0, 1e-9);
    const zoom = v.zoom ?? Math.max(0, Math.min(22, Math.floor(Math.log2(4 / span))));
    const inside: number[] = [];
    for (let k = 0; k < n; k++) {
      const x = s.x[k]!; const y = s.y[k]!;
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside.push(k);
    }
    const answer: MapAnswer = {
      asOf: new Date(s.at).toISOString(), zoom, lights: n, states, extent, inView: inside.length,
      mode: inside.length <= MAP_POINTS_MAX || zoom >= MAP_POINTS_ZOOM ? 'points' : 'clusters', points: [], clusters: [],
    };
    if (answer.mode === 'points') {
      answer.points = inside.map((k) => ({ id: s.ids[k]!, lat: s.lat[k]!, lon: s.lon[k]!, state: LIGHT_STATES[state[k]!]!, level: s.level[k]! }));
      return answer;
    }
    const cells = 2 ** Math.floor(zoom) * CELLS_PER_TILE;
    const acc = new Map<number, { n: number; lat: number; lon: number; by: number[] }>();
    for (const k of inside) {
      const key = Math.floor(s.y[k]! * cells) * cells + Math.floor(s.x[k]! * cells);
      let c = acc.get(key);
      if (!c) acc.set(key, c = { n: 0, lat: 0, lon: 0, by: new Array<number>(LIGHT_STATES.length).fill(0) });
      c.n++; c.lat += s.lat[k]!; c.lon += s.lon[k]!; c.by[state[k]!]!++;
    }
    const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;
    answer.clusters = [...acc.values()].map((c) => ({
      lat: r6(c.lat / c.n), lon: r6(c.lon / c.n), lights: c.n,
      states: Object.fromEntries(LIGHT_STATES.map((st, j) => [st, c.by[j]!])) as Record<LightState, number>,
    }));
    return answer;
  }
}
