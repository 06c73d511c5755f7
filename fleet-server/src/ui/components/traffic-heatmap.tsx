/**
 * Issue 17, frugal learning: a week of learnt traffic as a heat map, 7 rows (Monday … Sunday) × 24 local hours, each
 * cell shaded by the probability that someone passes in that hour (the controllers' weekly `TrafficProfile`, by hour:
 * routes/traffic-profiles.ts). Every cell says its value in words (title and aria-label) for screen readers and touch.
 */
import { useI18n, type Key } from '../i18n.js';

const DAYS: readonly Key[] = ['wdMon', 'wdTue', 'wdWed', 'wdThu', 'wdFri', 'wdSat', 'wdSun'];

export function TrafficHeatmap({ hours, testId }: { hours: number[][]; testId: string }) {
  const i = useI18n();
  return (
    <div class="table-wrap">
      <table class="heatmap" data-testid={testId} aria-label={i.t('trafficHeatmap')}>
        <thead><tr><th />{Array.from({ length: 24 }, (_, h) => <th key={h} scope="col" class="num">{h % 3 === 0 ? h : ''}</th>)}</tr></thead>
        <tbody>{hours.map((row, d) => (
          <tr key={d}>
            <th scope="row">{i.t(DAYS[d]!)}</th>
            {row.map((p, h) => {
              const label = i.t('trafficCell', { d: i.t(DAYS[d]!), h: String(h).padStart(2, '0'), p: i.pct(Math.round(p * 100)) });
              return <td key={h} title={label} aria-label={label} data-p={p} style={{ background: `rgba(214, 137, 16, ${Math.min(1, 0.08 + p * 0.92).toFixed(2)})`, opacity: p > 0 ? 1 : 0.35 }} />;
            })}
          </tr>
        ))}</tbody>
      </table>
      <p class="muted"><small>{i.t('trafficLegend')}</small></p>
    </div>
  );
}
