/**
 * The energy syndicate's overview of its member towns (GET /api/tenants/:syndicate/towns): per town, lights,
 * connected / offline / never connected, faults (lights with an open alarm), lights updating, and the energy,
 * savings and cost of the chosen month or year; links into each town's map, lights and alarms.
 */
import { useState } from 'preact/hooks';
import { get, tp } from '../api.js';
import type { PageProps } from '../app.js';
import { BarChart } from '../components/chart.js';
import { usePoll } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { href } from '../router.js';

interface Energy { energyKwh: number; baselineKwh: number; savedKwh: number; savedPct: number | null; costEur: number; moneySavedEur: number; co2Kg: number; co2AvoidedKg: number }
interface Counts { lights: number; online: number; offline: number; neverConnected: number; faulty: number; openAlarms: number; updating: number }
interface Town extends Counts { tenantId: string; name: string; role: string; tz: string; energy: Energy }
interface Overview { syndicate: { tenantId: string; name: string }; from: string; to: string; towns: Town[]; total: Counts & { energy: Energy } }

export function SyndicatePage({ tenant }: PageProps) {
  const i = useI18n();
  const S = tenant.tenantId;
  const [kind, setKind] = useState<'month' | 'year'>('month');
  const [month, setMonth] = useState(() => i.localDate().slice(0, 7));
  const [year, setYear] = useState(() => i.localDate().slice(0, 4));
  const query = new URLSearchParams(kind === 'month' ? { month } : { year });
  const { data, error } = usePoll(() => get<Overview>(tp(S, `/towns?${query}`)), 30_000, [S, query.toString()]);

  return (
    <div class="page">
      <h2>{tenant.name} <small class="muted">{i.t('syndicateTowns')}</small></h2>
      <div class="toolbar">
        <label>{i.t('period')}<select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as 'month' | 'year')}>
          <option value="month">{i.t('month')}</option><option value="year">{i.t('year')}</option></select></label>
        {kind === 'month'
          ? <label>{i.t('month')}<input type="month" value={month} data-testid="towns-month" onChange={(e) => setMonth((e.target as HTMLInputElement).value)} /></label>
          : <label>{i.t('year')}<input type="number" class="narrow" value={year} onInput={(e) => setYear((e.target as HTMLInputElement).value)} /></label>}
      </div>
      {error && <p class="error">{error.message}</p>}
      {!data ? <p class="muted">{i.t('loading')}</p> : (
        <>
          <div class="kpis" data-testid="towns-kpis">
            <div><span>{i.t('towns')}</span><b>{i.num(data.towns.length)}</b></div>
            <div><span>{i.t('lights')}</span><b>{i.num(data.total.lights)}</b><small>{i.t('onlineN', { n: i.num(data.total.online) })}</small></div>
            <div><span>{i.t('faults')}</span><b>{i.num(data.total.faulty)}</b><small>{i.t('offlineN', { n: i.num(data.total.offline) })}</small></div>
            <div><span>{i.t('consumption')}</span><b>{i.kwh(data.total.energy.energyKwh)}</b></div>
            <div><span>{i.t('savings')}</span><b>{i.pct(data.total.energy.savedPct)}</b><small>{i.kwh(data.total.energy.savedKwh)}</small></div>
            <div><span>{i.t('cost')}</span><b>{i.eur(data.total.energy.costEur)}</b></div>
          </div>
          <section class="card">
            {data.towns.length === 0 ? <p class="muted">{i.t('noTowns')}</p> : (
              <>
                {data.total.energy.energyKwh > 0 && <BarChart unit="kWh" bars={data.towns.map((t) => ({ label: t.name, a: t.energy.energyKwh, b: t.energy.baselineKwh }))} />}
                <div class="table-wrap"><table class="table" data-testid="towns-table">
                  <thead><tr>
                    <th>{i.t('town')}</th><th class="num">{i.t('lights')}</th><th class="num">{i.t('faults')}</th><th class="num">{i.t('state_offline')}</th>
                    <th class="num hide-sm">{i.t('state_unknown')}</th><th class="num hide-sm">{i.t('state_updating')}</th>
                    <th class="num">{i.t('consumption')}</th><th class="num">{i.t('savings')}</th><th class="num hide-sm">{i.t('cost')}</th>
                  </tr></thead>
                  <tbody>{data.towns.map((t) => (
                    <tr key={t.tenantId} data-town={t.tenantId}>
                      <td><a href={href(t.tenantId, 'map')} data-testid={`open-${t.tenantId}`}>{t.name}</a></td>
                      <td class="num">{i.num(t.lights)}</td>
                      <td class="num">{t.faulty > 0 ? <a href={href(t.tenantId, 'alarms')}>{i.num(t.faulty)}</a> : i.num(0)}</td>
                      <td class="num">{t.offline > 0 ? <a href={href(t.tenantId, 'lights', undefined, { state: 'offline' })}>{i.num(t.offline)}</a> : i.num(0)}</td>
                      <td class="num hide-sm">{i.num(t.neverConnected)}</td>
                      <td class="num hide-sm">{i.num(t.updating)}</td>
                      <td class="num" data-testid={`kwh-${t.tenantId}`}>{i.kwh(t.energy.energyKwh)}</td>
                      <td class="num">{i.pct(t.energy.savedPct)}</td>
                      <td class="num hide-sm">{i.eur(t.energy.costEur)}</td>
                    </tr>
                  ))}</tbody>
                  <tfoot><tr>
                    <th>{i.t('total')}</th><th class="num">{i.num(data.total.lights)}</th><th class="num">{i.num(data.total.faulty)}</th><th class="num">{i.num(data.total.offline)}</th>
                    <th class="num hide-sm">{i.num(data.total.neverConnected)}</th><th class="num hide-sm">{i.num(data.total.updating)}</th>
                    <th class="num">{i.kwh(data.total.energy.energyKwh)}</th><th class="num">{i.pct(data.total.energy.savedPct)}</th><th class="num hide-sm">{i.eur(data.total.energy.costEur)}</th>
                  </tr></tfoot>
                </table></div>
                <p class="muted small">{i.t('townsNote', { from: i.day(data.from), to: i.day(data.to) })}</p>
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}
