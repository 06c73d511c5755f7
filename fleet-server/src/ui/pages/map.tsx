/**
 * The map of the town's lights (issue 16, "a real map"): Leaflet for the map itself (pan, zoom with its animation,
 * touch, the scale, the town's own raster tiles when MAP_TILE_URL is set), one canvas layer of ours for the lights.
 *
 * The server sends only what the view needs (GET …/map?bbox&zoom, issue 14): the lights themselves when few are in
 * view — one glyph per light, its shape and colour the state's (state.ts: told apart without colour too) — else
 * clusters on a grid of 64-pixel cells, drawn as discs sized by their count and marked with their commonest state's
 * glyph. So 100,000 lights cost the browser a few hundred discs. The canvas is redrawn when a move or zoom ends;
 * while the map moves Leaflet moves or scales it as a whole (no redraw per frame).
 *
 * Without a tile server the town's streets are drawn from its poles (GET …/map/streets: each street's lights in
 * order, smoothed), named along them; nothing is fetched from the internet. Search by street, pole or device id
 * (GET …/map/search) zooms to what it finds. Managers select lights with a box or a lasso (free polygon; the
 * server gives the lights inside, GET …/map/within) or by clicking them, then act on the selection: group
 * membership, and for the group an override or a plan.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, get, tp, type ApiError, type DeviceDetail, type Group, type MapData } from '../api.js';
import { can, type PageProps } from '../app.js';
import { MembershipBar } from '../components/membership.js';
import { OverrideForm } from '../components/override.js';
import { pollSeconds, usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { href } from '../router.js';
import { drawGlyph, LIGHT_STATES, STATE_COLOUR, stateKey, type LightState } from '../state.js';

interface Pt { id: string; lat: number; lon: number; wx: number; wy: number; state: LightState; level: number }
interface Cl { lat: number; lon: number; wx: number; wy: number; n: number; states: Record<LightState, number> }
interface Street { name: string; lights: number; bbox: [number, number, number, number]; lines: [number, number][][] }
/** A street with its lines in world coordinates at zoom 0 (Web Mercator, 256 px), for a cheap redraw at any zoom. */
interface WStreet { name: string; lights: number; bbox: [number, number, number, number]; lines: Float64Array[] }
interface Hit { kind: 'street' | 'pole' | 'device'; id: string; label: string; street?: string | null; lat: number; lon: number; bbox?: [number, number, number, number]; lights: number }
interface PlanMeta { planId: number; name: string }
type Tool = 'pan' | 'box' | 'lasso';

const wX = (lon: number): number => ((lon + 180) / 360) * 256;
const wY = (lat: number): number => {
  const r = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  return ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 256;
};

const tileUrl: string | null = (() => {
  try { return (JSON.parse(document.querySelector('meta[name="sl-config"]')?.getAttribute('content') ?? '{}') as { tileUrl?: string | null }).tileUrl ?? null; } catch { return null; }
})();

declare global {
  interface Window {
    /** For tests and benchmarks: where a light is drawn (CSS pixels from the map's top left) and what it shows (lights shown one by one only). */
    slMapProbe?: (id: string) => { x: number; y: number; state: LightState; level: number } | null;
    /** For benchmarks: duration of the last canvas draw, ms. */
    slMapDrawMs?: number;
    /** For tests and benchmarks: what the map shows now (streets: drawn from the poles, labelled: their names on screen). */
    slMapShown?: { mode: 'points' | 'clusters'; lights: number; drawn: number; asOf: string; streets: number; labels: string[]; zoom: number };
  }
}

/** The lights' canvas: covers the view and a margin, moved and scaled by Leaflet while the map moves, redrawn when it stops. */
class LightsLayer extends L.Layer {
  canvas: HTMLCanvasElement | null = null;
  bounds: L.LatLngBounds | null = null;
  /** World pixels (at the map's zoom) of the canvas's top left corner. */
  origin = L.point(0, 0);
  pad = L.point(0, 0);
  constructor(private readonly paint: (g: CanvasRenderingContext2D, layer: LightsLayer) => void) { super(); }

  override onAdd(map: L.Map): this {
    const c = L.DomUtil.create('canvas', 'sl-lights leaflet-zoom-animated');
    c.dataset.testid = 'map-canvas';
    map.getPane('overlayPane')?.appendChild(c);
    this.canvas = c;
    map.on('moveend zoomend resize viewreset', this.reset, this);
    map.on('zoomanim', this.animate, this);
    this.reset();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('moveend zoomend resize viewreset', this.reset, this);
    map.off('zoomanim', this.animate, this);
    this.canvas?.remove();
    this.canvas = null;
    return this;
  }

  animate(e: L.ZoomAnimEvent): void {
    const map = this._map as L.Map & { _latLngBoundsToNewLayerBounds(b: L.LatLngBounds, z: number, c: L.LatLng): L.Bounds };
    if (!this.canvas || !this.bounds) return;
    const scale = map.getZoomScale(e.zoom);
    const min = map._latLngBoundsToNewLayerBounds(this.bounds, e.zoom, e.center).min;
    if (min) L.DomUtil.setTransform(this.canvas, min, scale);
  }

  reset(): void {
    const map = this._map;
    const c = this.canvas;
    if (!map || !c) return;
    const size = map.getSize();
    this.pad = L.point(Math.round(size.x * 0.15), Math.round(size.y * 0.15));
    const topLeft = map.containerPointToLayerPoint(this.pad.multiplyBy(-1));
    L.DomUtil.setPosition(c, topLeft);
    this.bounds = L.latLngBounds(map.containerPointToLatLng(this.pad.multiplyBy(-1)), map.containerPointToLatLng(size.add(this.pad)));
    const w = size.x + 2 * this.pad.x; const h = size.y + 2 * this.pad.y;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(w * dpr); c.height = Math.round(h * dpr);
    c.style.width = `${w}px`; c.style.height = `${h}px`;
    this.origin = map.getPixelOrigin().add(topLeft);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    this.paint(g, this);
  }

  /** Canvas pixels of a world point (zoom 0), at the map's zoom. */
  scale(): number { return 2 ** (this._map?.getZoom() ?? 0); }
}

/** Ray casting in screen pixels. */
function inside(x: number, y: number, poly: readonly [number, number][]): boolean {
  let r = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as [number, number]; const [xj, yj] = poly[j] as [number, number];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) r = !r;
  }
  return r;
}

export function MapPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const el = useRef<HTMLDivElement>(null);
  const tools = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<LightsLayer | null>(null);
  const [hidden, setHidden] = useState<Set<LightState>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [street, setStreet] = useState<string | null>(null);
  const manager = can(tenant.role, 'manager');
  const [tool, setTool] = useState<Tool>('pan');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [path, setPath] = useState<[number, number][] | null>(null);
  const [bulkGroup, setBulkGroup] = useState<string | null>(null);
  const { data: groupList, reload: reloadGroups } = usePoll(manager ? () => get<Group[]>(tp(T, '/groups')) : null, 0, [T, manager]);
  const { data: plans } = usePoll(manager ? () => get<PlanMeta[]>(tp(T, '/plans')) : null, 0, [T, manager]);

  // What to ask the server: the whole town until the map is fitted, then the view (a moment after it settles).
  const [query, setQuery] = useState('');
  const [everyS, setEveryS] = useState(3);
  const { data, reload } = usePoll(() => get<MapData>(tp(T, `/map${query ? `?${query}` : ''}`)), everyS * 1000, [T, query]);
  useEffect(() => { if (data) setEveryS(pollSeconds(data.lights)); }, [data?.lights]);
  const { data: streets } = usePoll(tileUrl ? null : () => get<Street[]>(tp(T, '/map/streets')), 60_000, [T]);
  const { data: detail, reload: reloadDetail } = usePoll(selected ? () => get<DeviceDetail>(tp(T, `/devices/${encodeURIComponent(selected)}`)) : null, 5000, [T, selected]);

  const pts = useMemo<Pt[]>(() => (data?.mode === 'points' ? data.points : []).map((p) => ({ id: p.id, lat: p.lat, lon: p.lon, wx: wX(p.lon), wy: wY(p.lat), state: p.state, level: p.level })), [data]);
  const cls = useMemo<Cl[]>(() => (data?.mode === 'clusters' ? data.clusters : []).map((c) => ({ lat: c.lat, lon: c.lon, wx: wX(c.lon), wy: wY(c.lat), n: c.lights, states: c.states })), [data]);
  const wstreets = useMemo<WStreet[]>(() => (streets ?? []).map((s) => ({
    name: s.name, lights: s.lights, bbox: s.bbox,
    lines: s.lines.map((line) => { const a = new Float64Array(line.length * 2); line.forEach(([la, lo], k) => { a[2 * k] = wX(lo); a[2 * k + 1] = wY(la); }); return a; }),
  })).sort((a, b) => b.lights - a.lights), [streets]);
  const counts = data?.states ?? (Object.fromEntries(LIGHT_STATES.map((s) => [s, 0])) as Record<LightState, number>);

  /** A cluster's lights still shown (legend), and the commonest of their states. */
  const shownOf = (c: Cl, hid: Set<LightState>): { n: number; top: LightState } => {
    let n = 0; let top: LightState = 'unknown'; let best = -1;
    for (const s of LIGHT_STATES) {
      if (hid.has(s)) continue;
      const k = c.states[s] ?? 0;
      n += k;
      if (k > best) { best = k; top = s; }
    }
    return { n, top };
  };
  const radiusOf = (n: number): number => Math.min(26, 8 + Math.log2(n + 1) * 2.2);
  const glyphR = (zoom: number): number => Math.max(4, Math.min(8, zoom - 11));

  // The painter reads the latest state through a ref (Leaflet calls it).
  const live = useRef({ pts, cls, wstreets, hidden, selected, picked, street, data });
  live.current = { pts, cls, wstreets, hidden, selected, picked, street, data };

  const paint = (g: CanvasRenderingContext2D, layer: LightsLayer): void => {
    const started = performance.now();
    const map = mapRef.current;
    if (!map) return;
    const { pts: P, cls: C, wstreets: S, hidden: H, selected: sel, picked: chosen, street: hl, data: D } = live.current;
    const k = layer.scale(); const ox = layer.origin.x; const oy = layer.origin.y;
    const w = (layer.canvas?.clientWidth ?? 0); const h = (layer.canvas?.clientHeight ?? 0);
    const zoom = map.getZoom();
    // Where the lights are on the canvas (the names keep off them).
    const glyphXY: number[] = [];
    for (const p of P) if (!H.has(p.state)) glyphXY.push(p.wx * k - ox, p.wy * k - oy);
    // Streets (no tile server): a road of light grey edged, its name along it where there is room.
    const labels: string[] = [];
    if (S.length) {
      const seen = (b: [number, number, number, number]): boolean => {
        const x0 = wX(b[0]) * k - ox; const x1 = wX(b[2]) * k - ox; const y0 = wY(b[3]) * k - oy; const y1 = wY(b[1]) * k - oy;
        return x1 >= -20 && x0 <= w + 20 && y1 >= -20 && y0 <= h + 20;
      };
      const road = Math.max(3, Math.min(14, (zoom - 12) * 2.2));
      const trace = (): void => {
        g.beginPath();
        for (const s of S) {
          if (!seen(s.bbox)) continue;
          for (const a of s.lines) {
            g.moveTo((a[0] as number) * k - ox, (a[1] as number) * k - oy);
            for (let j = 2; j < a.length; j += 2) g.lineTo((a[j] as number) * k - ox, (a[j + 1] as number) * k - oy);
          }
        }
      };
      g.lineCap = 'round'; g.lineJoin = 'round';
      trace(); g.strokeStyle = '#c3ccd8'; g.lineWidth = road + 2; g.stroke();
      g.strokeStyle = '#ffffff'; g.lineWidth = road; g.stroke();
      if (hl) {
        const s = S.find((x) => x.name === hl);
        if (s) {
          g.beginPath();
          for (const a of s.lines) { g.moveTo((a[0] as number) * k - ox, (a[1] as number) * k - oy); for (let j = 2; j < a.length; j += 2) g.lineTo((a[j] as number) * k - ox, (a[j + 1] as number) * k - oy); }
          g.strokeStyle = '#1565c0aa'; g.lineWidth = road + 4; g.stroke();
        }
      }
      // Names: the longest piece of each street long enough on screen, rotated along it, never over another name.
      if (zoom >= 14) {
        g.font = '600 12px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
        // Each placed name as a few points along it: two names collide when any of their points are closer than a line of text.
        const placed: Array<[number, number][]> = [];
        for (const s of S) {
          if (!seen(s.bbox) || placed.length > 120) continue;
          let best: Float64Array | undefined; let len = 0;
          for (const a of s.lines) {
            const l = Math.hypot(((a[a.length - 2] as number) - (a[0] as number)) * k, ((a[a.length - 1] as number) - (a[1] as number)) * k);
            if (l > len) { len = l; best = a; }
          }
          const tw = g.measureText(s.name).width;
          if (!best || len < tw + 24) continue;
          // Where along the piece (middle, then either side of it) and on which side of the road: the place that
          // covers the fewest lights and meets no other name.
          const off = road / 2 + 9;
          let choice: { cx: number; cy: number; angle: number; along: [number, number][]; cost: number } | undefined;
          const nv = best.length / 2;
          for (const f of [0.5, 0.3, 0.7]) {
            const m = Math.min(nv - 2, Math.max(1, Math.round((nv - 1) * f))) * 2;
            const ax = (best[m - 2] as number) * k - ox; const ay = (best[m - 1] as number) * k - oy;
            const bx = (best[m + 2] as number) * k - ox; const by = (best[m + 3] as number) * k - oy;
            let angle = Math.atan2(by - ay, bx - ax);
            if (angle > Math.PI / 2) angle -= Math.PI; else if (angle < -Math.PI / 2) angle += Math.PI;
            const mx = ((best[m] as number) * k - ox + (ax + bx) / 2) / 2; const my = ((best[m + 1] as number) * k - oy + (ay + by) / 2) / 2;
            for (const side of [1, -1]) {
              const cx = mx + side * Math.sin(angle) * off; const cy = my - side * Math.cos(angle) * off;
              if (cx < 0 || cy < 0 || cx > w || cy > h) continue;
              const along: [number, number][] = [-0.5, -0.25, 0, 0.25, 0.5].map((q) => [cx + Math.cos(angle) * q * (tw + 8), cy + Math.sin(angle) * q * (tw + 8)]);
              if (placed.some((o) => o.some(([px, py]) => along.some(([qx, qy]) => (px - qx) ** 2 + (py - qy) ** 2 < 16 ** 2)))) continue;
              let cost = 0;
              for (let j = 0; j < glyphXY.length; j += 2) {
                const gx = glyphXY[j] as number; const gy = glyphXY[j + 1] as number;
                if (along.some(([qx, qy]) => (gx - qx) ** 2 + (gy - qy) ** 2 < 13 ** 2)) cost++;
              }
              if (!choice || cost < choice.cost) choice = { cx, cy, angle, along, cost };
            }
            if (choice?.cost === 0) break;
          }
          if (!choice) continue;
          const { cx, cy, angle, along } = choice;
          placed.push(along);
          g.save(); g.translate(cx, cy); g.rotate(angle);
          g.lineWidth = 3; g.strokeStyle = '#ffffffe6'; g.strokeText(s.name, 0, 0);
          g.fillStyle = '#3b4754'; g.fillText(s.name, 0, 0);
          g.restore();
          labels.push(s.name);
        }
      }
    }
    // One glyph per light (its state's shape and colour).
    const r = glyphR(zoom);
    let drawn = 0;
    const rings: number[] = [];
    let selAt: [number, number] | undefined;
    for (const p of P) {
      if (H.has(p.state)) continue;
      const x = p.wx * k - ox; const y = p.wy * k - oy;
      if (x < -10 || y < -10 || x > w + 10 || y > h + 10) continue;
      drawn++;
      drawGlyph(g, p.state, x, y, r);
      if (p.id === sel) selAt = [x, y];
      if (chosen.has(p.id)) rings.push(x, y);
    }
    if (rings.length) {
      g.beginPath();
      for (let j = 0; j < rings.length; j += 2) { const x = rings[j] as number; const y = rings[j + 1] as number; g.moveTo(x + r + 3, y); g.arc(x, y, r + 3, 0, Math.PI * 2); }
      g.lineWidth = 2.5; g.strokeStyle = '#1565c0'; g.stroke();
    }
    if (selAt) { g.beginPath(); g.arc(selAt[0], selAt[1], r + 4, 0, Math.PI * 2); g.lineWidth = 2; g.strokeStyle = '#0b3c5d'; g.stroke(); }
    // Clusters: a disc per cell, its count inside, its commonest state's glyph on its rim.
    g.font = 'bold 11px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
    for (const c of C) {
      const { n, top } = shownOf(c, H);
      if (n === 0) continue;
      const x = c.wx * k - ox; const y = c.wy * k - oy;
      const rr = radiusOf(n);
      if (x < -rr || y < -rr || x > w + rr || y > h + rr) continue;
      drawn += n;
      g.beginPath(); g.arc(x, y, rr, 0, Math.PI * 2);
      const hollow = top === 'offline' || top === 'unknown';
      g.fillStyle = hollow ? '#ffffff' : STATE_COLOUR[top]; g.fill();
      g.lineWidth = 2; g.strokeStyle = hollow ? STATE_COLOUR[top] : 'rgba(0,0,0,.45)'; g.stroke();
      g.fillStyle = top === 'off' || top === 'fault' || top === 'updating' || top === 'dim' ? '#ffffff' : '#1d2530';
      g.fillText(n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n), x, y);
      drawGlyph(g, top, x + rr * 0.8, y - rr * 0.8, 5);
    }
    window.slMapDrawMs = performance.now() - started;
    if (D) window.slMapShown = { mode: D.mode, lights: D.lights, drawn, asOf: D.asOf, streets: S.length, labels, zoom };
  };
  const paintRef = useRef(paint);
  paintRef.current = paint;

  // The Leaflet map, made once.
  const touched = useRef(false);
  const programmatic = useRef(false);
  const tilesAdded = useRef(false);
  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const map = L.map(node, { zoomControl: false, attributionControl: false, maxZoom: 21, minZoom: 2, zoomSnap: 0.25, zoomDelta: 0.5, wheelPxPerZoomLevel: 90, boxZoom: false });
    mapRef.current = map;
    L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
    const layer = new LightsLayer((g, l) => paintRef.current(g, l));
    layerRef.current = layer;
    map.setView([46.6, 2.4], 5); // France, until the town's lights arrive
    layer.addTo(map);
    const settle = (): void => {
      if (!programmatic.current) touched.current = true;
      const b = map.getBounds().pad(0.2);
      const r = (n: number): string => n.toFixed(5);
      const c = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));
      setQuery(`bbox=${r(c(b.getWest(), -180, 180))},${r(c(b.getSouth(), -85, 85))},${r(c(b.getEast(), -180, 180))},${r(c(b.getNorth(), -85, 85))}&zoom=${Math.min(22, map.getZoom()).toFixed(2)}`);
    };
    map.on('moveend', settle);
    const ro = new ResizeObserver(() => map.invalidateSize({ pan: false }));
    ro.observe(node);
    return () => { ro.disconnect(); map.off('moveend', settle); map.remove(); mapRef.current = null; layerRef.current = null; tilesAdded.current = false; };
  }, []);

  const fit = (): void => {
    const map = mapRef.current;
    const ext = data?.extent;
    if (!map || !ext) return;
    // The buttons' column stays clear: the lights fit in the space right of it (on a phone it would cover some).
    const inset = Math.min(map.getSize().x / 2, (tools.current?.offsetWidth ?? 0) + 16);
    programmatic.current = true;
    map.fitBounds([[ext[1], ext[0]], [ext[3], ext[2]]], { paddingTopLeft: [inset + 8, 24], paddingBottomRight: [24, 24], animate: false, maxZoom: 19 });
    programmatic.current = false;
    // The town's tiles once the map is on the town: its server is not asked for the rest of the country.
    if (tileUrl && !tilesAdded.current) { tilesAdded.current = true; L.tileLayer(tileUrl, { maxZoom: 21, maxNativeZoom: 19, className: 'sl-tiles' }).addTo(map); }
  };
  // Fit on the first data, and again when the page is resized, until the user pans or zooms.
  const extentKey = data?.extent?.join(',') ?? '';
  const [sizeKey, setSizeKey] = useState('');
  useEffect(() => {
    const node = el.current;
    if (!node) return undefined;
    const ro = new ResizeObserver(() => setSizeKey(`${node.clientWidth}x${node.clientHeight}`));
    ro.observe(node);
    return () => ro.disconnect();
  }, []);
  useEffect(() => { if (!touched.current && extentKey) fit(); }, [extentKey, sizeKey]);

  // Redraw when what is drawn changes.
  useEffect(() => { layerRef.current?.reset(); }, [pts, cls, wstreets, hidden, selected, picked, street]);

  // Test/automation probe: where a light is drawn (from the map's top left) and what state it shows.
  useEffect(() => {
    window.slMapProbe = (id) => {
      const p = pts.find((q) => q.id === id);
      const map = mapRef.current;
      if (!p || !map) return null;
      const c = map.latLngToContainerPoint([p.lat, p.lon]);
      return { x: c.x, y: c.y, state: p.state, level: p.level };
    };
    return () => { delete window.slMapProbe; };
  }, [pts]);

  /** A click on the map: a cluster zooms in; a light opens its card, or joins / leaves the selection with a selection tool. */
  const pick = (cx: number, cy: number): void => {
    const map = mapRef.current;
    if (!map) return;
    for (const c of cls) {
      const { n } = shownOf(c, hidden);
      if (n === 0) continue;
      const p = map.latLngToContainerPoint([c.lat, c.lon]);
      if ((p.x - cx) ** 2 + (p.y - cy) ** 2 <= radiusOf(n) ** 2) { map.setView([c.lat, c.lon], Math.min(21, map.getZoom() + 2)); return; }
    }
    let best: Pt | undefined; let bd = 14 * 14;
    for (const p of pts) {
      if (hidden.has(p.state)) continue;
      const s = map.latLngToContainerPoint([p.lat, p.lon]);
      const dd = (s.x - cx) ** 2 + (s.y - cy) ** 2;
      if (dd < bd) { bd = dd; best = p; }
    }
    if (tool !== 'pan') {
      const id = best?.id;
      if (id) setPicked((cur) => { const n = new Set(cur); if (n.has(id)) n.delete(id); else n.add(id); return n; });
      return;
    }
    setSelected(best?.id ?? null);
  };
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return undefined;
    const onClick = (e: L.LeafletMouseEvent): void => pick(e.containerPoint.x, e.containerPoint.y);
    map.on('click', onClick);
    return () => { map.off('click', onClick); };
  });

  // Box and lasso: the map stops panning; a drag draws the shape; the server gives the lights inside it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (tool === 'pan') map.dragging.enable(); else map.dragging.disable();
  }, [tool]);
  const drawing = useRef<{ x0: number; y0: number; pts: [number, number][] } | null>(null);
  const shapeOf = (d: { x0: number; y0: number; pts: [number, number][] }): [number, number][] => {
    if (tool === 'box') {
      const last = d.pts[d.pts.length - 1] ?? [d.x0, d.y0];
      return [[d.x0, d.y0], [last[0], d.y0], [last[0], last[1]], [d.x0, last[1]]];
    }
    return d.pts;
  };
  const selectShape = async (shape: [number, number][]): Promise<void> => {
    const map = mapRef.current;
    if (!map || shape.length < 3) return;
    // At most 200 vertices: every k-th point of a long lasso.
    const step = Math.ceil(shape.length / 200);
    const poly = shape.filter((_, k) => k % step === 0).map(([x, y]) => map.containerPointToLatLng([x, y]));
    const shown = LIGHT_STATES.filter((s) => !hidden.has(s));
    const q = new URLSearchParams({ polygon: poly.map((p) => `${L.Util.wrapNum(p.lng, [-180, 180], true).toFixed(7)},${p.lat.toFixed(7)}`).join(';') });
    if (shown.length < LIGHT_STATES.length) q.set('state', shown.join(','));
    try {
      const r = await get<{ count: number; ids: string[] }>(tp(T, `/map/within?${q.toString()}`));
      setPicked((cur) => new Set([...cur, ...r.ids]));
    } catch {
      // Without the server's answer, the lights shown one by one inside the shape.
      const inShape = pts.filter((p) => !hidden.has(p.state) && inside(map.latLngToContainerPoint([p.lat, p.lon]).x, map.latLngToContainerPoint([p.lat, p.lon]).y, shape));
      setPicked((cur) => new Set([...cur, ...inShape.map((p) => p.id)]));
    }
  };

  // Search: street, pole or device id.
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!text) { setHits(null); return undefined; }
    let live = true;
    const t = setTimeout(() => {
      void get<Hit[]>(tp(T, `/map/search?q=${encodeURIComponent(text)}&limit=8`)).then((h) => { if (live) setHits(h); }, () => { if (live) setHits([]); });
    }, 200);
    return () => { live = false; clearTimeout(t); };
  }, [q, T]);
  const go = (h: Hit): void => {
    const map = mapRef.current;
    if (!map) return;
    touched.current = true;
    if (h.kind === 'street' && h.bbox) {
      const [w, s, e, n] = h.bbox;
      map.fitBounds([[s, w], [n, e]], { padding: [40, 40], maxZoom: 19 });
      setStreet(h.id); setSelected(null);
    } else {
      map.setView([h.lat, h.lon], Math.max(map.getZoom(), 19));
      setStreet(null);
      if (tool === 'pan') setSelected(h.id); else setPicked((cur) => new Set([...cur, h.id]));
    }
    setHits(null);
  };

  const selPt = pts.find((p) => p.id === selected);
  const sel = selected && detail?.id === selected ? detail : undefined;
  const selState: LightState | undefined = sel?.state ?? selPt?.state;
  const selLevel = sel?.reported?.level ?? selPt?.level ?? 0;
  const toggle = (s: LightState): void => setHidden((h) => { const n = new Set(h); if (n.has(s)) n.delete(s); else n.add(s); return n; });
  const zoomBy = (d: number): void => { touched.current = true; mapRef.current?.setZoom((mapRef.current?.getZoom() ?? 0) + d); };
  const useTool = (t: Tool): void => { setTool(tool === t ? 'pan' : t); setSelected(null); };

  return (
    <div class="map-page">
      <div class="map-wrap">
        <div ref={el} data-testid="map" class={`map-leaflet${tool !== 'pan' ? ' selecting' : ''}`} aria-label={i.t('map')} />
        {tool !== 'pan' && (
          <div class="map-draw" data-testid="map-draw"
            onPointerDown={(e) => {
              const b = (e.currentTarget as Element).getBoundingClientRect();
              drawing.current = { x0: e.clientX - b.left, y0: e.clientY - b.top, pts: [[e.clientX - b.left, e.clientY - b.top]] };
              (e.currentTarget as Element).setPointerCapture(e.pointerId);
            }}
            onPointerMove={(e) => {
              const d = drawing.current;
              if (!d) return;
              const b = (e.currentTarget as Element).getBoundingClientRect();
              d.pts.push([e.clientX - b.left, e.clientY - b.top]);
              setPath(shapeOf(d));
            }}
            onPointerUp={(e) => {
              const d = drawing.current; drawing.current = null; setPath(null);
              if (!d) return;
              const b = (e.currentTarget as Element).getBoundingClientRect();
              const x = e.clientX - b.left; const y = e.clientY - b.top;
              const moved = d.pts.some(([px, py]) => Math.abs(px - d.x0) + Math.abs(py - d.y0) > 3);
              if (!moved) { pick(x, y); return; }
              d.pts.push([x, y]);
              void selectShape(shapeOf(d));
            }}
            onWheel={(e) => { e.preventDefault(); zoomBy(e.deltaY < 0 ? 0.5 : -0.5); }}>
            {path && <svg class="map-shape" aria-hidden="true"><polygon data-testid={tool === 'lasso' ? 'lasso-shape' : 'box-shape'} points={path.map(([x, y]) => `${x},${y}`).join(' ')} /></svg>}
          </div>
        )}
        <div class="map-tools" ref={tools}>
          <button aria-label={i.t('zoomIn')} onClick={() => zoomBy(1)}>+</button>
          <button aria-label={i.t('zoomOut')} onClick={() => zoomBy(-1)}>−</button>
          <button onClick={() => { touched.current = false; setStreet(null); fit(); }}>{i.t('fit')}</button>
          {manager && <button data-testid="select-tool" aria-pressed={tool === 'box'} class={tool === 'box' ? 'primary' : ''} title={i.t('selectToolHelp')}
            onClick={() => useTool('box')}>{i.t('selectTool')}</button>}
          {manager && <button data-testid="lasso-tool" aria-pressed={tool === 'lasso'} class={tool === 'lasso' ? 'primary' : ''} title={i.t('lassoHelp')}
            onClick={() => useTool('lasso')}>{i.t('lassoTool')}</button>}
        </div>
        {!data && <div class="map-loading">{i.t('loading')}</div>}
      </div>
      <aside class="map-side">
        <section class="card map-search" role="search">
          <label>{i.t('mapSearch')}
            <input type="search" data-testid="map-search" value={q} placeholder={i.t('mapSearchHint')} autocomplete="off"
              onInput={(e) => setQ((e.target as HTMLInputElement).value)}
              onKeyDown={(e) => { if (e.key === 'Enter' && hits?.[0]) { e.preventDefault(); go(hits[0]); } if (e.key === 'Escape') setHits(null); }} />
          </label>
          {hits && (hits.length === 0 ? <p class="muted small">{i.t('mapSearchNone')}</p> : (
            <ul class="hits" data-testid="search-hits">
              {hits.map((h) => (
                <li key={`${h.kind}/${h.id}`}>
                  <button type="button" class="link" data-testid="search-hit" data-kind={h.kind} onClick={() => go(h)}>
                    <span class={`hit-kind k-${h.kind}`}>{i.t(h.kind === 'street' ? 'hitStreet' : h.kind === 'pole' ? 'hitPole' : 'hitDevice')}</span> {h.label}
                    <small class="muted"> {h.kind === 'street' ? i.t('count', { n: i.num(h.lights) }) : h.kind === 'pole' ? `${h.id}${h.street ? ` · ${h.street}` : ''}` : h.street ?? ''}</small>
                  </button>
                </li>
              ))}
            </ul>
          ))}
          {street && <p class="small">{i.t('hitStreet')} <b data-testid="street-shown">{street}</b> <button class="link" type="button" onClick={() => setStreet(null)}>×</button></p>}
        </section>
        <section class="card legend" data-testid="legend">
          <h3>{i.t('legend')} <small class="muted">{i.t('count', { n: i.num(data?.lights ?? 0) })}</small></h3>
          <ul>
            {LIGHT_STATES.map((s) => (
              <li key={s}>
                <label class={hidden.has(s) ? 'off' : ''}>
                  <input type="checkbox" checked={!hidden.has(s)} onChange={() => toggle(s)} />
                  <Glyph state={s} />
                  {i.t(stateKey(s))} <b data-testid={`count-${s}`}>{i.num(counts[s])}</b>
                </label>
              </li>
            ))}
          </ul>
          <p class="muted small">{i.t('legendShapes')}</p>
          {!tileUrl && <p class="muted small">{i.t('streetsFromPoles')}</p>}
          <p class="muted small">{i.t('refreshEvery', { s: everyS })}</p>
        </section>
        {manager && tool !== 'pan' && (
          <section class="card" data-testid="bulk">
            {picked.size === 0 ? <p class="muted small">{i.t(tool === 'lasso' ? 'lassoHelp' : 'selectToolHelp')}</p> : (
              <>
                <MembershipBar tenant={T} selected={[...picked]}
                  groups={(groupList ?? []).map((g) => g.id).sort()}
                  onDone={() => { reload(); reloadGroups(); }} onClear={() => { setPicked(new Set()); setBulkGroup(null); }}
                  onGroup={setBulkGroup} />
                {bulkGroup && <GroupActions tenant={T} group={bulkGroup} plans={plans ?? []} onDone={reload} />}
              </>
            )}
          </section>
        )}
        {selected && selState && (
          <section class="card" data-testid="map-selection">
            <h3>{sel?.inventory?.poleRef ?? selected}</h3>
            <p><span class={`badge b-${selState}`}>{i.t(stateKey(selState))}</span> {selState === 'on' || selState === 'dim' ? i.pct(selLevel) : ''}</p>
            {sel?.ota && <p class="small" data-testid="map-ota">{sel.ota.campaignName} · {i.t(`dev_${sel.ota.state}` as Key)} {i.pct(sel.ota.progressPct)}</p>}
            <dl class="kv">
              <dt>{i.t('id')}</dt><dd>{selected}</dd>
              <dt>{i.t('street')}</dt><dd>{sel?.groups.join(', ') || '—'}</dd>
              <dt>{i.t('power')}</dt><dd>{i.watts(sel?.reported?.powerMw != null ? sel.reported.powerMw / 1000 : null)}</dd>
              <dt>{i.t('lastReport')}</dt><dd>{i.dateTime(sel?.reported?.at)}</dd>
            </dl>
            <p><a href={href(T, 'light', selected)}>{i.t('openDetail')} →</a></p>
            {sel && can(tenant.role, 'manager') && (
              <OverrideForm tenant={T} kind="device" id={selected}
                active={sel.reported?.overrideExpiresAt && Date.parse(sel.reported.overrideExpiresAt) > Date.now() ? { level: sel.reported.targetLevel ?? selLevel, expiresAt: sel.reported.overrideExpiresAt } : null}
                onDone={() => { reload(); reloadDetail(); }} />
            )}
          </section>
        )}
      </aside>
    </div>
  );
}

/** What to do with the selection's group: an override of all its lights, or a plan. */
function GroupActions({ tenant, group, plans, onDone }: { tenant: string; group: string; plans: PlanMeta[]; onDone: () => void }) {
  const i = useI18n();
  const [plan, setPlan] = useState('');
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const assign = async (): Promise<void> => {
    setMsg(''); setErr('');
    try {
      const r = await api<{ members: number }>('PUT', tp(tenant, `/groups/${encodeURIComponent(group)}/settings`), { planId: Number(plan) });
      setMsg(i.t('assigned', { g: group, n: r.members }));
      onDone();
    } catch (x) { setErr((x as ApiError).status === 403 ? i.t('forbidden') : (x as Error).message); }
  };
  return (
    <div class="group-actions" data-testid="group-actions">
      <h4>{i.t('bulkForGroup', { g: group })}</h4>
      <OverrideForm tenant={tenant} kind="group" id={group} active={null} onDone={onDone} />
      {plans.length > 0 && (
        <div class="row wrap">
          <label>{i.t('assignedPlan')}
            <select name="bulk-plan" value={plan} onChange={(e) => setPlan((e.target as HTMLSelectElement).value)}>
              <option value="">—</option>
              {plans.map((p) => <option key={p.planId} value={String(p.planId)}>{p.name}</option>)}
            </select>
          </label>
          <button type="button" data-testid="bulk-assign-plan" disabled={!plan} onClick={() => void assign()}>{i.t('assign')}</button>
        </div>
      )}
      {msg && <p class="ok" role="status">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
    </div>
  );
}

/** A state's glyph for the legend, drawn by the map's own code (the same shape and colour). */
function Glyph({ state }: { state: LightState }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = 20 * dpr; c.height = 20 * dpr;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, 20, 20);
    drawGlyph(g, state, 10, 10, 7);
  }, [state]);
  return <canvas ref={ref} class="glyph" data-glyph={state} width={20} height={20} style={{ width: '20px', height: '20px' }} aria-hidden="true" />;
}
