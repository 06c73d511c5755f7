/** Energy: consumption and savings per town or group and period, chart, and the CSV export (issue 5's report API). */
import { useEffect, useState } from 'preact/hooks';
import { get, hasRoute, tp, type Group, type Report } from '../api.js';
import type { PageProps } from '../app.js';
import { BarChart } from '../components/chart.js';
import { CouncilReportCard } from '../components/council-report.js';
import { TownClo } from '../components/clo.js';
import { usePoll } from '../hooks.js';
import { useI18n } from '../i18n.js';

export function EnergyPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => { void hasRoute('/api/tenants/{tenant}/energy/report').then(setAvailable); }, []);
  const [kind, setKind] = useState<'month' | 'year'>('month');
  const [month, setMonth] = useState(() => i.localDate().slice(0, 7));
  const [year, setYear] = useState(() => i.localDate().slice(0, 4));
  const [group, setGroup] = useState('');
  const [by, setBy] = useState<'tenant' | 'group'>('tenant');
  // By group: one row per group over the whole period (the API's default bucket would split it by day or month).
  const query = new URLSearchParams({ ...(kind === 'month' ? { month } : { year }), by, ...(by === 'group' ? { bucket: 'total' } : {}), ...(group ? { group } : {}) });
  const { data, error } = usePoll(available ? () => Promise.all([get<Report>(tp(T, `/energy/report?${query}`)), get<Group[]>(tp(T, '/groups'))]) : null, 30_000, [T, available, query.toString()]);

  if (available === false) return <div class="page"><p class="notice">{i.t('energy')} — {i.t('notAvailable')}</p></div>;
  const report = data?.[0];
  const csvHref = tp(T, `/energy/report.csv?${new URLSearchParams({ ...Object.fromEntries(query), ...(by === 'group' ? { bucket: 'total' } : kind === 'month' ? { bucket: 'day' } : { bucket: 'month' }), locale: i.lang })}`);

  return (
    <div class="page">
      <div class="toolbar">
        <label>{i.t('period')}<select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'month' | 'year')}>
          <option value="month">{i.t('month')}</option><option value="year">{i.t('year')}</option></select></label>
        {kind === 'month'
          ? <label>{i.t('month')}<input type="month" value={month} data-testid="energy-month" onChange={(e) => setMonth((e.target as HTMLInputElement).value)} /></label>
          : <label>{i.t('year')}<input type="number" class="narrow" value={year} onInput={(e) => setYear((e.target as HTMLInputElement).value)} /></label>}
        <label>{i.t('group')}<select value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
          <option value="">{i.t('allGroups')}</option>{(data?.[1] ?? []).map((g) => <option key={g.id} value={g.id}>{g.id}</option>)}</select></label>
        <label>{i.t('byGroup')}<input type="checkbox" data-testid="by-group" checked={by === 'group'} onChange={(e) => setBy((e.target as HTMLInputElement).checked ? 'group' : 'tenant')} /></label>
        <span class="spacer" />
        <a class="button primary" href={csvHref} download data-testid="export-csv">{i.t('exportCsv')}</a>
      </div>
      {error && <p class="error">{error.message}</p>}
      <CouncilReportCard tenant={T} period={kind === 'month' ? { month } : { year }} />
      <TownClo tenant={T} />
      {!report ? <p class="muted">{i.t('loading')}</p> : (
        <>
          <div class="kpis" data-testid="energy-kpis">
            <div><span>{i.t('consumption')}</span><b>{i.kwh(report.total.energyKwh)}</b></div>
            <div><span>{i.t('savings')}</span><b>{i.pct(report.total.savedPct)}</b><small>{i.kwh(report.total.savedKwh)}</small></div>
            <div><span>{i.t('cost')}</span><b>{i.eur(report.total.costEur)}</b></div>
            <div><span>{i.t('moneySaved')}</span><b data-testid="energy-money-saved">{i.eur(report.total.moneySavedEur)}</b></div>
            <div><span>{i.t('co2')}</span><b>{i.num(report.total.co2AvoidedKg, 1)} kg</b></div>
          </div>
          <section class="card">
            {report.rows.length === 0 || report.total.energyKwh === 0 ? <p class="muted">{i.t('noData')}</p> : (
              <div data-testid="energy-chart"><BarChart unit="kWh" bars={bars(report, kind, by)} /></div>
            )}
            <div class="table-wrap"><table class="table compact">
              <thead><tr><th>{by === 'group' ? i.t('group') : i.t('period')}</th><th class="num">{i.t('consumption')}</th><th class="num hide-sm">{i.t('baseline')}</th><th class="num">{i.t('savings')}</th><th class="num hide-sm">{i.t('burningHours')}</th><th class="num">{i.t('cost')}</th></tr></thead>
              <tbody data-testid="energy-rows">{report.rows.map((r) => (
                <tr key={`${r.key}-${r.period}`}><td>{by === 'group' ? r.key : r.period}</td><td class="num">{i.kwh(r.energyKwh)}</td><td class="num hide-sm">{i.kwh(r.baselineKwh)}</td><td class="num">{i.pct(r.savedPct)}</td><td class="num hide-sm">{i.num(r.burningHours, 1)}</td><td class="num">{i.eur(r.costEur)}</td></tr>
              ))}</tbody>
            </table></div>
          </section>
        </>
      )}
    </div>
  );
}

/** One bar per row (by group: one per group over the period); by period, every day or month of it (empty ones at zero). */
function bars(report: Report, kind: 'month' | 'year', by: 'tenant' | 'group'): Array<{ label: string; a: number; b: number }> {
  const rows = report.rows.map((r) => ({ label: by === 'group' ? r.key : r.period.slice(kind === 'month' ? 8 : 5), a: r.energyKwh, b: r.baselineKwh }));
  if (by === 'group') return rows;
  const byLabel = new Map(rows.map((r) => [r.label, r]));
  const n = kind === 'month' ? new Date(Date.UTC(Number(report.from.slice(0, 4)), Number(report.from.slice(5, 7)), 0)).getUTCDate() : 12;
  return Array.from({ length: n }, (_, k) => {
    const label = String(k + 1).padStart(2, '0');
    return byLabel.get(label) ?? { label, a: 0, b: 0 };
  });
}
