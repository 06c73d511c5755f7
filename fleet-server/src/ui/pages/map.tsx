/**
 * Map of the town's lights on a canvas (Web Mercator). Issue 14: the server sends only what the view needs
 * (GET …/map?bbox&zoom): the lights themselves when few are in view — one glyph per light, its shape and colour
 * the state's (state.ts: told apart without colour too) — else clusters on a grid of 64-pixel cells, drawn as discs sized by their count and
 * coloured by their commonest shown state. Clicking a cluster zooms in on it; the legend counts the whole town.
 * Background: XYZ raster tiles when the server is configured with MAP_TILE_URL, else a plain grid — nothing is
 * fetched from the internet by default.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { get, matchingIds, tp, type DeviceDetail, type Group, type MapData } from '../api.js';
import { can, type PageProps } from '../app.js';
import { MembershipBar } from '../components/membership.js';
import { OverrideForm } from '../components/override.js';
import { pollSeconds, usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { href } from '../router.js';
import { drawGlyph, LIGHT_STATES, STATE_COLOUR, stateKey, type LightState } from '../state.js';

interface Pt { id: string; x: number; y: number; state: LightState; level: number }
interface Cl { x: number; y: number; lat: number; lon: number; n: number; states: Record<LightState, number> }
interface View { cx: number; cy: number; scale: number }

const mercX = (lon: number): number => (lon + 180) / 360;
const mercY = (lat: number): number => {
  const r = (lat * Math.PI) / 180;
  return (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2;
};
const lonOf = (x: number): number => x * 360 - 180;
const latOf = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

const tileUrl: string | null = (() => {
  try { return (JSON.parse(document.querySelector('meta[name="sl-config"]')?.getAttribute('content') ?? '{}') as { tileUrl?: string | null }).tileUrl ?? null; } catch { return null; }
})();
const tiles = new Map<string, HTMLImageElement>();

declare global {
  interface Window {
    /** For tests and benchmarks: where a light is drawn and what it shows (lights shown one by one only). */
    slMapProbe?: (id: string) => { x: number; y: number; state: LightState; level: number } | null;
    /** For benchmarks: duration of the last canvas draw, ms. */
    slMapDrawMs?: number;
    /** For tests and benchmarks: what the map shows now. */
    slMapShown?: { mode: 'points' | 'clusters'; lights: number; drawn: number; asOf: string };
  }
}

/** The query of a view: its bounding box (a little larger, rounded) and zoom. */
function viewQuery(v: View, size: { w: number; h: number }): string {
  const mx = (size.w / 2 / v.scale) * 1.2; const my = (size.h / 2 / v.scale) * 1.2;
  const r = (n: number): string => n.toFixed(5);
  const w = clamp(lonOf(v.cx - mx), -180, 180); const e = clamp(lonOf(v.cx + mx), -180, 180);
  const n = clamp(latOf(v.cy - my), -85, 85); const s = clamp(latOf(v.cy + my), -85, 85);
  const zoom = clamp(Math.log2(v.scale / 256), 0, 22);
  return `bbox=${r(w)},${r(s)},${r(e)},${r(n)}&zoom=${zoom.toFixed(2)}`;
}

export function MapPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const canvas = useRef<HTMLCanvasElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const tools = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View | null>(null);
  const [hidden, setHidden] = useState<Set<LightState>>(new Set());
  const [selected, setSelected] = useState<string | null>(null);
  const [size, setSize] = useState({ w: 800, h: 600 });
  const [redraw, setRedraw] = useState(0);
  // Selection tool (managers): drag a rectangle or click lights, then add them to a group or remove them.
  const manager = can(tenant.role, 'manager');
  const [selecting, setSelecting] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [rect, setRect] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const { data: groupList, reload: reloadGroups } = usePoll(manager ? () => get<Group[]>(tp(T, '/groups')) : null, 0, [T, manager]);

  // What to ask the server: the whole town until the map is fitted, then the view (a moment after it settles).
  const [query, setQuery] = useState('');
  useEffect(() => {
    if (!view) { setQuery(''); return undefined; }
    const t = setTimeout(() => setQuery(viewQuery(view, size)), 120);
    return () => clearTimeout(t);
  }, [view, size.w, size.h]);
  const [everyS, setEveryS] = useState(3);
  const { data, reload } = usePoll(() => get<MapData>(tp(T, `/map${query ? `?${query}` : ''}`)), everyS * 1000, [T, query]);
  useEffect(() => { if (data) setEveryS(pollSeconds(data.lights)); }, [data?.lights]);
  const { data: detail, reload: reloadDetail } = usePoll(selected ? () => get<DeviceDetail>(tp(T, `/devices/${encodeURIComponent(selected)}`)) : null, 5000, [T, selected]);

  const pts = useMemo<Pt[]>(() => (data?.mode === 'points' ? data.points : []).map((p) => ({ id: p.id, x: mercX(p.lon), y: mercY(p.lat), state: p.state, level: p.level })), [data]);
  const cls = useMemo<Cl[]>(() => (data?.mode === 'clusters' ? data.clusters : []).map((c) => ({ x: mercX(c.lon), y: mercY(c.lat), lat: c.lat, lon: c.lon, n: c.lights, states: c.states })), [data]);
  const counts = data?.states ?? (Object.fromEntries(LIGHT_STATES.map((s) => [s, 0])) as Record<LightState, number>);

  const fit = (): void => {
    const ext = data?.extent;
    if (!ext) return;
    const x0 = mercX(ext[0]); const x1 = mercX(ext[2]); const y0 = mercY(ext[3]); const y1 = mercY(ext[1]);
    const dx = Math.max(x1 - x0, 1e-6); const dy = Math.max(y1 - y0, 1e-6);
    // The buttons' column stays clear: the lights fit in the space right of it (on a phone it would cover some).
    const inset = Math.min(size.w / 2, (tools.current?.offsetWidth ?? 0) + 12);
    const scale = Math.min((size.w - inset) / dx, size.h / dy) * 0.88;
    setView({ cx: (x0 + x1) / 2 - inset / 2 / scale, cy: (y0 + y1) / 2, scale });
  };
  // Fit on first data, and again when the page is resized until the user pans or zooms.
  const touched = useRef(false);
  const extentKey = data?.extent?.join(',') ?? '';
  useEffect(() => { if ((!view || !touched.current) && extentKey) fit(); }, [extentKey, size.w, size.h]);

  // Size follows the container.
  useEffect(() => {
    const el = wrap.current;
    if (!el) return undefined;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const toScreen = (v: View, x: number, y: number): [number, number] => [(x - v.cx) * v.scale + size.w / 2, (y - v.cy) * v.scale + size.h / 2];
  /** A cluster's lights still shown (legend), and the commonest of their states. */
  const shownOf = (c: Cl): { n: number; top: LightState } => {
    let n = 0; let top: LightState = 'unknown'; let best = -1;
    for (const s of LIGHT_STATES) {
      if (hidden.has(s)) continue;
      const k = c.states[s] ?? 0;
      n += k;
      if (k > best) { best = k; top = s; }
    }
    return { n, top };
  };
  const radiusOf = (n: number): number => Math.min(26, 8 + Math.log2(n + 1) * 2.2);

  // Draw.
  useEffect(() => {
    const c = canvas.current;
    if (!c || !view) return;
    const started = performance.now();
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size.w * dpr); c.height = Math.round(size.h * dpr);
    const g = c.getContext('2d');
    if (!g) return;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = '#eef1f5';
    g.fillRect(0, 0, size.w, size.h);
    if (tileUrl) drawTiles(g, view, size, () => setRedraw((n) => n + 1));
    else drawGrid(g, view, size);
    const r = Math.max(4, Math.min(7, Math.log2(view.scale) - 20));
    // One glyph per light (its state's shape and colour): at most MAP_POINTS_MAX lights come as points.
    let sel: [number, number] | undefined;
    const rings: number[] = [];
    let drawn = 0;
    for (const p of pts) {
      if (hidden.has(p.state)) continue;
      const [sx, sy] = toScreen(view, p.x, p.y);
      if (sx < -10 || sy < -10 || sx > size.w + 10 || sy > size.h + 10) continue;
      drawn++;
      drawGlyph(g, p.state, sx, sy, r);
      if (p.id === selected) sel = [sx, sy];
      if (picked.has(p.id)) rings.push(sx, sy);
    }
    const circles = (list: number[], rr: number): void => {
      g.beginPath();
      for (let k = 0; k < list.length; k += 2) { const x = list[k] as number; const y = list[k + 1] as number; g.moveTo(x + rr, y); g.arc(x, y, rr, 0, Math.PI * 2); }
    };
    if (rings.length) { circles(rings, r + 3); g.lineWidth = 2.5; g.strokeStyle = '#1565c0'; g.stroke(); }
    if (sel) { g.beginPath(); g.arc(sel[0], sel[1], r + 4, 0, Math.PI * 2); g.lineWidth = 2; g.strokeStyle = '#0b3c5d'; g.stroke(); }
    // Clusters: a disc per cell, its count inside.
    g.font = 'bold 11px system-ui, sans-serif'; g.textAlign = 'center'; g.textBaseline = 'middle';
    for (const c of cls) {
      const { n, top } = shownOf(c);
      if (n === 0) continue;
      const [sx, sy] = toScreen(view, c.x, c.y);
      const rr = radiusOf(n);
      if (sx < -rr || sy < -rr || sx > size.w + rr || sy > size.h + rr) continue;
      drawn += n;
      g.beginPath(); g.arc(sx, sy, rr, 0, Math.PI * 2);
      g.fillStyle = top === 'offline' || top === 'unknown' ? '#ffffff' : STATE_COLOUR[top]; g.fill();
      g.lineWidth = 2; g.strokeStyle = top === 'offline' || top === 'unknown' ? STATE_COLOUR[top] : 'rgba(0,0,0,.45)'; g.stroke();
      g.fillStyle = top === 'off' || top === 'fault' || top === 'updating' || top === 'dim' ? '#ffffff' : '#1d2530';
      g.fillText(n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n), sx, sy);
      drawGlyph(g, top, sx + rr * 0.8, sy - rr * 0.8, 5); // the commonest state's shape too, not its colour alone
    }
    drawScale(g, view, size, latOf(view.cy));
    window.slMapDrawMs = performance.now() - started;
    if (data) window.slMapShown = { mode: data.mode, lights: data.lights, drawn, asOf: data.asOf };
  }, [view, pts, cls, hidden, selected, size, redraw, picked]);

  // Test/automation probe: where a light is drawn and what state it shows.
  useEffect(() => {
    window.slMapProbe = (id) => {
      const p = pts.find((q) => q.id === id);
      if (!p || !view) return null;
      const [x, y] = toScreen(view, p.x, p.y);
      return { x, y, state: p.state, level: p.level };
    };
    return () => { delete window.slMapProbe; };
  }, [pts, view, size]);

  // Pan (pointer drag) and zoom (wheel, buttons).
  const drag = useRef<{ x: number; y: number; moved: boolean } | null>(null);
  const zoom = (factor: number, ax = size.w / 2, ay = size.h / 2): void => {
    if (!view) return;
    touched.current = true;
    const wx = (ax - size.w / 2) / view.scale + view.cx; const wy = (ay - size.h / 2) / view.scale + view.cy;
    const scale = Math.max(1e3, Math.min(1e9, view.scale * factor));
    setView({ scale, cx: wx - (ax - size.w / 2) / scale, cy: wy - (ay - size.h / 2) / scale });
  };
  const pick = (ex: number, ey: number): void => {
    if (!view) return;
    // A cluster: zoom in on it.
    for (const c of cls) {
      const { n } = shownOf(c);
      if (n === 0) continue;
      const [sx, sy] = toScreen(view, c.x, c.y);
      if ((sx - ex) ** 2 + (sy - ey) ** 2 <= radiusOf(n) ** 2) { zoom(2.5, sx, sy); return; }
    }
    let best: Pt | undefined; let bd = 14 * 14;
    for (const p of pts) {
      if (hidden.has(p.state)) continue;
      const [sx, sy] = toScreen(view, p.x, p.y);
      const dd = (sx - ex) ** 2 + (sy - ey) ** 2;
      if (dd < bd) { bd = dd; best = p; }
    }
    if (selecting) {
      const id = best?.id;
      if (id) setPicked((cur) => { const n = new Set(cur); if (n.has(id)) n.delete(id); else n.add(id); return n; });
      return;
    }
    setSelected(best?.id ?? null);
  };
  /** Lights inside a screen rectangle join the selection (clusters: asked of the server, up to 10,000). */
  const pickRect = (x0: number, y0: number, x1: number, y1: number): void => {
    if (!view) return;
    const [ax, bx] = [Math.min(x0, x1), Math.max(x0, x1)]; const [ay, by] = [Math.min(y0, y1), Math.max(y0, y1)];
    if (data?.mode === 'clusters') {
      const wx = (x: number): number => lonOf((x - size.w / 2) / view.scale + view.cx);
      const wy = (y: number): number => latOf((y - size.h / 2) / view.scale + view.cy);
      const shown = LIGHT_STATES.filter((s) => !hidden.has(s));
      void matchingIds(T, { bbox: [wx(ax), wy(by), wx(bx), wy(ay)].map((v) => v.toFixed(6)).join(','), state: shown.join(',') })
        .then((ids) => setPicked((cur) => new Set([...cur, ...ids])));
      return;
    }
    const inside = pts.filter((p) => {
      if (hidden.has(p.state)) return false;
      const [sx, sy] = toScreen(view, p.x, p.y);
      return sx >= ax && sx <= bx && sy >= ay && sy <= by;
    });
    setPicked((cur) => new Set([...cur, ...inside.map((p) => p.id)]));
  };

  const selPt = pts.find((p) => p.id === selected);
  const sel = selected && detail?.id === selected ? detail : undefined;
  const selState: LightState | undefined = sel?.state ?? selPt?.state;
  const selLevel = sel?.reported?.level ?? selPt?.level ?? 0;
  const toggle = (s: LightState): void => setHidden((h) => { const n = new Set(h); if (n.has(s)) n.delete(s); else n.add(s); return n; });

  return (
    <div class="map-page">
      <div class="map-wrap" ref={wrap}>
        <canvas ref={canvas} data-testid="map" style={{ width: `${size.w}px`, height: `${size.h}px` }}
          class={selecting ? 'selecting' : ''}
          onPointerDown={(e) => { drag.current = { x: e.clientX, y: e.clientY, moved: false }; (e.target as Element).setPointerCapture(e.pointerId); }}
          onPointerMove={(e) => {
            const d = drag.current;
            if (!d || !view) return;
            const dx = e.clientX - d.x; const dy = e.clientY - d.y;
            if (Math.abs(dx) + Math.abs(dy) > 3) d.moved = true;
            if (!d.moved) return;
            if (selecting) {
              const b = (e.target as Element).getBoundingClientRect();
              setRect({ x0: d.x - b.left, y0: d.y - b.top, x1: e.clientX - b.left, y1: e.clientY - b.top });
              return;
            }
            touched.current = true; setView({ ...view, cx: view.cx - dx / view.scale, cy: view.cy - dy / view.scale }); d.x = e.clientX; d.y = e.clientY;
          }}
          onPointerUp={(e) => {
            const d = drag.current; drag.current = null;
            const b = (e.target as Element).getBoundingClientRect();
            if (d && !d.moved) pick(e.clientX - b.left, e.clientY - b.top);
            else if (d && selecting) pickRect(d.x - b.left, d.y - b.top, e.clientX - b.left, e.clientY - b.top);
            setRect(null);
          }}
          onWheel={(e) => { e.preventDefault(); const r = (e.target as Element).getBoundingClientRect(); zoom(e.deltaY < 0 ? 1.25 : 0.8, e.clientX - r.left, e.clientY - r.top); }}
        />
        <div class="map-tools" ref={tools}>
          <button aria-label={i.t('zoomIn')} onClick={() => zoom(1.5)}>+</button>
          <button aria-label={i.t('zoomOut')} onClick={() => zoom(1 / 1.5)}>−</button>
          <button onClick={() => { touched.current = false; fit(); }}>{i.t('fit')}</button>
          {manager && <button data-testid="select-tool" aria-pressed={selecting} class={selecting ? 'primary' : ''} title={i.t('selectToolHelp')}
            onClick={() => { setSelecting(!selecting); setSelected(null); }}>{i.t('selectTool')}</button>}
        </div>
        {rect && <div class="map-rect" style={{ left: `${Math.min(rect.x0, rect.x1)}px`, top: `${Math.min(rect.y0, rect.y1)}px`, width: `${Math.abs(rect.x1 - rect.x0)}px`, height: `${Math.abs(rect.y1 - rect.y0)}px` }} />}
        {!data && <div class="map-loading">{i.t('loading')}</div>}
      </div>
      <aside class="map-side">
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
          <p class="muted small">{i.t('refreshEvery', { s: everyS })}</p>
        </section>
        {manager && selecting && (
          <section class="card">
            {picked.size === 0 ? <p class="muted small">{i.t('selectToolHelp')}</p> : (
              <MembershipBar tenant={T} selected={[...picked]}
                groups={(groupList ?? []).map((g) => g.id).sort()}
                onDone={() => { reload(); reloadGroups(); }} onClear={() => setPicked(new Set())} />
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

function drawGrid(g: CanvasRenderingContext2D, v: View, size: { w: number; h: number }): void {
  // A plain background: a light grid every ~100 m-ish in screen space, so panning is visible.
  const step = 2 ** Math.round(Math.log2(120 / v.scale));
  g.strokeStyle = '#dde3ea'; g.lineWidth = 1;
  const x0 = v.cx - size.w / 2 / v.scale; const y0 = v.cy - size.h / 2 / v.scale;
  g.beginPath();
  for (let x = Math.floor(x0 / step) * step; x < x0 + size.w / v.scale; x += step) { const sx = (x - v.cx) * v.scale + size.w / 2; g.moveTo(sx, 0); g.lineTo(sx, size.h); }
  for (let y = Math.floor(y0 / step) * step; y < y0 + size.h / v.scale; y += step) { const sy = (y - v.cy) * v.scale + size.h / 2; g.moveTo(0, sy); g.lineTo(size.w, sy); }
  g.stroke();
}

function drawTiles(g: CanvasRenderingContext2D, v: View, size: { w: number; h: number }, loaded: () => void): void {
  const z = Math.max(0, Math.min(19, Math.round(Math.log2(v.scale / 256))));
  const n = 2 ** z; const tpx = v.scale / n;
  const x0 = v.cx - size.w / 2 / v.scale; const y0 = v.cy - size.h / 2 / v.scale;
  for (let tx = Math.floor(x0 * n); tx <= Math.floor((x0 + size.w / v.scale) * n); tx++) {
    for (let ty = Math.floor(y0 * n); ty <= Math.floor((y0 + size.h / v.scale) * n); ty++) {
      if (ty < 0 || ty >= n) continue;
      const url = (tileUrl as string).replace('{z}', String(z)).replace('{x}', String(((tx % n) + n) % n)).replace('{y}', String(ty)).replace('{s}', 'abc'[(tx + ty) % 3] as string);
      let img = tiles.get(url);
      if (!img) { img = new Image(); img.onload = loaded; img.src = url; tiles.set(url, img); }
      if (img.complete && img.naturalWidth) g.drawImage(img, (tx / n - v.cx) * v.scale + size.w / 2, (ty / n - v.cy) * v.scale + size.h / 2, tpx + 0.5, tpx + 0.5);
    }
  }
}

function drawScale(g: CanvasRenderingContext2D, v: View, size: { w: number; h: number }, lat: number): void {
  // Metres per pixel at this latitude (Web Mercator world = 40,075 km at the equator).
  const mpp = (40_075_016 * Math.cos((lat * Math.PI) / 180)) / v.scale;
  const nice = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000].find((m) => m / mpp > 60) ?? 10000;
  const px = nice / mpp;
  g.fillStyle = 'rgba(255,255,255,.8)'; g.fillRect(8, size.h - 28, px + 16, 20);
  g.strokeStyle = '#333'; g.lineWidth = 2; g.beginPath(); g.moveTo(16, size.h - 14); g.lineTo(16 + px, size.h - 14); g.stroke();
  g.fillStyle = '#333'; g.font = '11px system-ui, sans-serif'; g.fillText(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, 18, size.h - 17);
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
