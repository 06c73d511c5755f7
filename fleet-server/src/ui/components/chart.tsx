/** Small dependency-free SVG charts: a step/line chart of levels over time, and bars. Responsive via viewBox. */
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n.js';

/** Width of the chart's container, so text and strokes keep their pixel size at every screen width. */
function useWidth(): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [w, setW] = useState(640);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const ro = new ResizeObserver(() => setW(Math.max(280, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

export interface Series { points: Array<{ x: number; y: number }>; colour: string; label?: string; step?: boolean; dashed?: boolean }

export function LineChart({ series, yMax = 100, yLabel, height = 180, xFormat, shade }: {
  series: Series[]; yMax?: number; yLabel?: string; height?: number; xFormat: (x: number) => string;
  /** Shaded x ranges (e.g. daylight). */
  shade?: Array<{ from: number; to: number }>;
}) {
  const [ref, W] = useWidth();
  // T leaves a band above the plot for the unit, clear of the top tick's label.
  const H = height; const L = 40; const R = 8; const T = yLabel ? 24 : 10; const B = 24;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  if (!xs.length) return <div ref={ref} />;
  const x0 = Math.min(...xs); const x1 = Math.max(...xs) || x0 + 1;
  const sx = (x: number): number => L + ((x - x0) / (x1 - x0 || 1)) * (W - L - R);
  const sy = (y: number): number => T + (1 - y / (yMax || 1)) * (H - T - B);
  const path = (s: Series): string => s.points.map((p, i) => {
    const prev = s.points[i - 1];
    if (i === 0 || !prev) return `M${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
    return s.step ? `H${sx(p.x).toFixed(1)}V${sy(p.y).toFixed(1)}` : `L${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`;
  }).join('');
  const ticks = Math.max(3, Math.min(8, Math.floor(W / 90)));
  return (
    <div ref={ref}><svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={yLabel}>
      {shade?.map((s, i) => <rect key={i} x={sx(s.from)} y={T} width={Math.max(0, sx(s.to) - sx(s.from))} height={H - T - B} class="shade" />)}
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <g key={f}><line x1={L} x2={W - R} y1={sy(f * yMax)} y2={sy(f * yMax)} class="grid" /><text x={L - 4} y={sy(f * yMax) + 4} class="tick" text-anchor="end">{Math.round(f * yMax)}</text></g>
      ))}
      {Array.from({ length: ticks + 1 }, (_, k) => x0 + ((x1 - x0) * k) / ticks).map((x) => (
        <text key={x} x={sx(x)} y={H - 6} class="tick" text-anchor="middle">{xFormat(x)}</text>
      ))}
      {series.map((s, i) => <path key={i} d={path(s)} fill="none" stroke={s.colour} stroke-width={2} stroke-dasharray={s.dashed ? '5 4' : undefined} />)}
      {yLabel && <text x={4} y={3} class="unit" dominant-baseline="hanging">{yLabel}</text>}
    </svg></div>
  );
}

export function BarChart({ bars, height = 200, unit }: { bars: Array<{ label: string; a: number; b?: number }>; height?: number; unit: string }) {
  const i = useI18n();
  const [ref, W] = useWidth();
  // T leaves a band above the plot for the unit, clear of the top tick's label.
  const H = height; const L = 48; const B = 36; const T = 26;
  const max = Math.max(1, ...bars.flatMap((b) => [b.a, b.b ?? 0]));
  const bw = (W - L - 8) / Math.max(1, bars.length);
  const sy = (v: number): number => T + (1 - v / max) * (H - T - B);
  return (
    <div ref={ref}><svg class="chart" width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={unit}>
      {[0, 0.5, 1].map((f) => <g key={f}><line x1={L} x2={W - 8} y1={sy(f * max)} y2={sy(f * max)} class="grid" /><text x={L - 4} y={sy(f * max) + 4} class="tick" text-anchor="end">{i.num(f * max, 1)}</text></g>)}
      {bars.map((b, k) => (
        <g key={k}>
          {b.b !== undefined && <rect x={L + k * bw + bw * 0.15} y={sy(b.b)} width={bw * 0.7} height={H - B - sy(b.b)} class="bar-base" />}
          <rect x={L + k * bw + bw * 0.25} y={sy(b.a)} width={bw * 0.5} height={H - B - sy(b.a)} class="bar" />
          {(bars.length <= W / 40 || k % Math.ceil(bars.length / (W / 40)) === 0) && <text x={L + k * bw + bw / 2} y={H - 20} class="tick bar-label" text-anchor="middle">{b.label}</text>}
        </g>
      ))}
      <text x={4} y={3} class="unit" dominant-baseline="hanging">{unit}</text>
    </svg></div>
  );
}
