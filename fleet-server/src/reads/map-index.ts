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
  /** Pole reference of each light (null: none), and its street as an index into `streetNames` (-1: none). */
  pole: (string | null)[];
  street: Int32Array;
  streetNames: string[];
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

/** A street drawn from its poles: its name, lights, extent and polylines of [lat, lon] points (one per piece). */
export interface MapStreet { name: string; lights: number; bbox: [number, number, number, number]; lines: [number, number][][] }
export interface MapSearchHit {
  kind: 'street' | 'pole' | 'device';
  /** The street's name, else the light's device id. */
  id: string;
  /** What to show: the street's name, the pole reference or the device id. */
  label: string;
  /** A light's street. */
  street?: string | null;
  lat: number; lon: number;
  /** A street's extent [west, south, east, north]. */
  bbox?: [number, number, number, number];
  lights: number;
}

/** Ray casting: is (x, y) inside the polygon of vertices (px[i], py[i])? */
export function insidePolygon(x: number, y: number, px: readonly number[], py: readonly number[]): boolean {
  let inside = false;
  for (let i = 0, j = px.length - 1; i < px.length; j = i++) {
    const xi = px[i]!; const yi = py[i]!; const xj = px[j]!; const yj = py[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Beyond this many poles a street is ordered along its main axis, not by nearest neighbours (quadratic). */
const CHAIN_MAX = 1500;

/**
 * A street's polylines from its poles' positions: ordered by nearest neighbour from the pole at one end of the
 * street's main axis, cut where a gap exceeds max(80 m, 4 × the median spacing), each piece smoothed by two passes of a
 * moving average of three (poles on alternate sides of an avenue give its axis, not a zigzag).
 */
export function streetOf(name: string, ks: readonly number[], lat: Float64Array, lon: Float64Array): MapStreet {
  const n = ks.length;
  let w = Infinity; let so = Infinity; let e = -Infinity; let no = -Infinity; let mla = 0;
  for (const k of ks) { const la = lat[k]!; const lo = lon[k]!; w = Math.min(w, lo); e = Math.max(e, lo); so = Math.min(so, la); no = Math.max(no, la); mla += la; }
  const street: MapStreet = { name, lights: n, bbox: [w, so, e, no], lines: [] };
  if (n < 2) return street;
  mla /= n;
  // Local metres around the street.
  const kx = 111_320 * Math.cos((mla * Math.PI) / 180); const ky = 110_540;
  const X = ks.map((k) => lon[k]! * kx); const Y = ks.map((k) => lat[k]! * ky);
  const mx = X.reduce((a, b) => a + b, 0) / n; const my = Y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0; let syy = 0; let sxy = 0;
  for (let i = 0; i < n; i++) { const dx = X[i]! - mx; const dy = Y[i]! - my; sxx += dx * dx; syy += dy * dy; sxy += dx * dy; }
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const ux = Math.cos(angle); const uy = Math.sin(angle);
  const proj = X.map((x, i) => (x - mx) * ux + (Y[i]! - my) * uy);
  let order: number[];
  if (n > CHAIN_MAX) {
    order = proj.map((_, i) => i).sort((a, b) => proj[a]! - proj[b]!);
  } else {
    let start = 0;
    for (let i = 1; i < n; i++) if (proj[i]! < proj[start]!) start = i;
    const used = new Uint8Array(n);
    order = [start]; used[start] = 1;
    let cur = start;
    for (let step = 1; step < n; step++) {
      let best = -1; let bd = Infinity;
      for (let j = 0; j < n; j++) {
        if (used[j]) continue;
        const d = (X[j]! - X[cur]!) ** 2 + (Y[j]! - Y[cur]!) ** 2;
        if (d < bd) { bd = d; best = j; }
      }
      used[best] = 1; order.push(best); cur = best;
    }
  }
  const gaps: number[] = [];
  for (let i = 1; i < n; i++) gaps.push(Math.hypot(X[order[i]!]! - X[order[i - 1]!]!, Y[order[i]!]! - Y[order[i - 1]!]!));
  const sorted = [...gaps].sort((a, b) => a - b);
  const cut = Math.max(80, 4 * (sorted[Math.floor(sorted.length / 2)] ?? 0));
  const pieces: number[][] = [[order[0]!]];
  for (let i = 1; i < n; i++) {
    if (gaps[i - 1]! > cut) pieces.push([]);
    pieces[pieces.length - 1]!.push(order[i]!);
  }
  const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;
  // Two passes of a moving average of three: poles on alternate sides (±7 m) leave less than a metre of zigzag.
  const smooth = (pts: [number, number][]): [number, number][] => pts.map((p, j) => {
    if (j === 0 || j === pts.length - 1) return p;
    const a = pts[j - 1]!; const c = pts[j + 1]!;
    return [(a[0] + p[0] + c[0]) / 3, (a[1] + p[1] + c[1]) / 3];
  });
  for (const piece of pieces) {
    if (piece.length < 2) continue;
    const pts = smooth(smooth(piece.map((i): [number, number] => [lat[ks[i]!]!, lon[ks[i]!]!])));
    street.lines.push(pts.map(([la, lo]) => [r6(la), r6(lo)]));
  }
  return street;
}

const zeroStates = (): Record<LightState, number> => Object.fromEntries(LIGHT_STATES.map((s) => [s, 0])) as Record<LightState, number>;

export class MapIndex {
  readonly #reads: DeviceQueryRepository;
  readonly #snapshots = new Map<string, Snapshot>();
  readonly #reading = new Map<string, Promise<Snapshot>>();
  readonly #streets = new Map<string, { key: string; streets: MapStreet[] }>();
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
    const pole: (string | null)[] = []; const street: number[] = []; const streetNames: string[] = []; const streetIdx = new Map<string, number>();
    let after = '';
    for (;;) {
      const rows = await this.#reads.mapRows(tenant, after, CHUNK);
      for (const r of rows) {
        ids.push(r.id); lat.push(r.lat); lon.push(r.lon); state.push(STATE_CODE.get(r.state) ?? 0); level.push(Math.max(0, Math.min(100, r.level))); registered.push(r.registered ? 1 : 0);
        pole.push(r.poleRef);
        let si = -1;
        if (r.street) {
          si = streetIdx.get(r.street) ?? -1;
          if (si < 0) { si = streetNames.length; streetNames.push(r.street); streetIdx.set(r.street, si); }
        }
        street.push(si);
      }
      if (rows.length < CHUNK) break;
      after = rows[rows.length - 1]!.id;
      await new Promise((r) => setImmediate(r)); // let other work run between chunks (SQLite reads are synchronous)
    }
    const n = ids.length;
    const snap: Snapshot = {
      at, readMs: performance.now() - t0, ids, lat: Float64Array.from(lat), lon: Float64Array.from(lon), x: new Float64Array(n), y: new Float64Array(n),
      state: Uint8Array.from(state), level: Uint8Array.from(level), registered: Uint8Array.from(registered),
      pole, street: Int32Array.from(street), streetNames,
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

  /** Each light's state code with OTA applied: a registered light being updated is `updating` whatever else it reports. */
  #states(s: Snapshot, updating: ReadonlyMap<string, unknown>): { state: Uint8Array; by: number[] } {
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
    return { state, by };
  }

  /**
   * The town's streets drawn from its poles (issue 16: the map without a tile server): per street, its lights'
   * positions put in order along it and cut where two neighbours are far apart (a street in pieces), the zigzag of
   * poles on alternate sides smoothed. Recomputed only when the lights' positions or streets change.
   */
  async streets(tenant: string): Promise<MapStreet[]> {
    const s = await this.#snapshot(tenant);
    let fp = s.ids.length;
    for (let k = 0; k < s.ids.length; k++) fp = (fp * 31 + Math.round(s.lat[k]! * 1e6) * 7 + Math.round(s.lon[k]! * 1e6) * 13 + s.street[k]!) % 2_147_483_647;
    const key = `${fp}/${s.streetNames.join('\u0000').length}`;
    const cached = this.#streets.get(tenant);
    if (cached?.key === key) return cached.streets;
    const members: number[][] = s.streetNames.map(() => []);
    for (let k = 0; k < s.ids.length; k++) { const si = s.street[k]!; if (si >= 0) members[si]!.push(k); }
    const streets = s.streetNames.map((name, si) => streetOf(name, members[si]!, s.lat, s.lon)).sort((a, b) => a.name.localeCompare(b.name));
    this.#streets.set(tenant, { key, streets });
    return streets;
  }

  /**
   * Search by street, pole reference or device id (case-insensitive substring; exact and prefix matches first), at
   * most `limit` hits: a street with its extent, a light with its position.
   */
  async search(tenant: string, q: string, limit: number): Promise<MapSearchHit[]> {
    const s = await this.#snapshot(tenant);
    const needle = q.trim().toLowerCase();
    if (!needle) return [];
    const rank = (text: string): number => { const t = text.toLowerCase(); return t === needle ? 0 : t.startsWith(needle) ? 1 : t.includes(needle) ? 2 : -1; };
    const hits: (MapSearchHit & { rank: number })[] = [];
    const streetHit = new Map<number, number>();
    s.streetNames.forEach((name, si) => { const r = rank(name); if (r >= 0) streetHit.set(si, r); });
    if (streetHit.size) {
      const ext = new Map<number, { n: number; w: number; so: number; e: number; no: number }>();
      for (let k = 0; k < s.ids.length; k++) {
        const si = s.street[k]!;
        if (!streetHit.has(si)) continue;
        let b = ext.get(si);
        if (!b) ext.set(si, b = { n: 0, w: Infinity, so: Infinity, e: -Infinity, no: -Infinity });
        b.n++; b.w = Math.min(b.w, s.lon[k]!); b.e = Math.max(b.e, s.lon[k]!); b.so = Math.min(b.so, s.lat[k]!); b.no = Math.max(b.no, s.lat[k]!);
      }
      for (const [si, b] of ext) {
        hits.push({ kind: 'street', id: s.streetNames[si]!, label: s.streetNames[si]!, lat: (b.so + b.no) / 2, lon: (b.w + b.e) / 2, bbox: [b.w, b.so, b.e, b.no], lights: b.n, rank: streetHit.get(si)! });
      }
    }
    for (let k = 0; k < s.ids.length && hits.length < 2000; k++) {
      const p = s.pole[k];
      const rp = p ? rank(p) : -1;
      const rd = rank(s.ids[k]!);
      if (rp < 0 && rd < 0) continue;
      const street = s.street[k]! >= 0 ? s.streetNames[s.street[k]!]! : null;
      if (rp >= 0 && (rd < 0 || rp <= rd)) hits.push({ kind: 'pole', id: s.ids[k]!, label: p!, street, lat: s.lat[k]!, lon: s.lon[k]!, lights: 1, rank: rp });
      else hits.push({ kind: 'device', id: s.ids[k]!, label: s.ids[k]!, street, lat: s.lat[k]!, lon: s.lon[k]!, lights: 1, rank: rd });
    }
    const order = { street: 0, pole: 1, device: 2 };
    hits.sort((a, b) => a.rank - b.rank || order[a.kind] - order[b.kind] || a.label.localeCompare(b.label, undefined, { numeric: true }));
    return hits.slice(0, limit).map(({ rank: _r, ...h }) => h);
  }

  /**
   * The lights inside a polygon (a lasso or a box drawn on the map: [lon, lat] vertices, closed implicitly), in the
   * given states (all when none): their ids. The test is made in Web Mercator, where the drawn edges are straight.
   */
  async within(tenant: string, polygon: readonly (readonly [number, number])[], states: readonly LightState[] | undefined, updating: ReadonlyMap<string, unknown>): Promise<string[]> {
    const s = await this.#snapshot(tenant);
    const { state } = this.#states(s, updating);
    const want = states?.length ? new Set(states.map((x) => STATE_CODE.get(x)!)) : null;
    const px = polygon.map(([lo]) => mercX(lo)); const py = polygon.map(([, la]) => mercY(la));
    const x0 = Math.min(...px); const x1 = Math.max(...px); const y0 = Math.min(...py); const y1 = Math.max(...py);
    const out: string[] = [];
    for (let k = 0; k < s.ids.length; k++) {
      const x = s.x[k]!; const y = s.y[k]!;
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      if (want && !want.has(state[k]!)) continue;
      if (insidePolygon(x, y, px, py)) out.push(s.ids[k]!);
    }
    return out;
  }

  /** The tenant's lights for a view. `updating`: lights an active OTA campaign is updating. */
  async view(tenant: string, v: MapView, updating: ReadonlyMap<string, unknown>): Promise<MapAnswer> {
    const s = await this.#snapshot(tenant);
    const n = s.ids.length;
    const { state, by } = this.#states(s, updating);
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
