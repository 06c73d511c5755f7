/**
 * "Rapport du conseil" on the energy page (issue 16): the council report of the chosen month or year — money saved
 * and CO₂ avoided, faults, the decree compliance summary — with its PDF and its French CSV to download
 * (GET …/reports/council, .pdf, .csv).
 */
import { tp, get } from '../api.js';
import { usePoll } from '../hooks.js';
import { useI18n } from '../i18n.js';

interface Figures {
  energyKwh: number; savedKwh: number; savedPct: number | null; costEur: number; moneySavedEur: number; co2AvoidedKg: number;
  changeVsLastYearPct: number | null; faults: { raised: number; repaired: number; openAtEnd: number; medianRepairHours: number | null };
}
interface Council {
  period: { label: string };
  total: Figures;
  compliance?: { groupsWithErrors: number; lightsBreachingArt3: number };
  towns: Array<{ compliance?: { groups: Array<{ groupId: string; planName: string | null; errors: number | null; lightsBreachingArt3: number }> } }>;
}

export function CouncilReportCard({ tenant, period }: { tenant: string; period: { month: string } | { year: string } }) {
  const i = useI18n();
  const q = new URLSearchParams(period).toString();
  const { data, error } = usePoll(() => get<Council>(tp(tenant, `/reports/council?${q}`)), 60_000, [tenant, q]);
  const file = `bilan-eclairage-${tenant}-${'month' in period ? period.month : period.year}`;
  const f = data?.total;
  return (
    <section class="card council" data-testid="council-report">
      <div class="toolbar">
        <h3 class="grow">{i.t('councilReport')}{data ? ` — ${data.period.label}` : ''}</h3>
        <a class="button primary" data-testid="council-pdf" href={tp(tenant, `/reports/council.pdf?${q}`)} download={`${file}.pdf`}>{i.t('councilPdf')}</a>
        <a class="button" data-testid="council-csv" href={tp(tenant, `/reports/council.csv?${q}`)} download={`${file}.csv`}>{i.t('councilCsv')}</a>
      </div>
      {error && <p class="error">{error.message}</p>}
      {f && (
        <div class="kpis" data-testid="council-kpis">
          <div><span>{i.t('moneySaved')}</span><b data-testid="council-money">{i.eur(f.moneySavedEur)}</b><small>{i.kwh(f.savedKwh)}</small></div>
          <div><span>{i.t('co2')}</span><b data-testid="council-co2">{i.num(f.co2AvoidedKg, 1)} kg</b></div>
          <div><span>{i.t('vsLastYear')}</span><b>{f.changeVsLastYearPct === null ? '—' : `${f.changeVsLastYearPct > 0 ? '+' : ''}${i.pct(f.changeVsLastYearPct)}`}</b></div>
          <div><span>{i.t('councilFaults')}</span><b>{i.num(f.faults.raised)} / {i.num(f.faults.repaired)} / {i.num(f.faults.openAtEnd)}</b>
            <small>{f.faults.medianRepairHours === null ? '' : i.t('medianRepair', { h: i.num(f.faults.medianRepairHours, 1) })}</small></div>
          {data?.compliance && (
            <div data-testid="council-compliance"><span>{i.t('councilCompliance')}</span><b>{i.num(data.compliance.groupsWithErrors)} / {i.num(data.compliance.lightsBreachingArt3)}</b>
              <small>{i.t('councilComplianceHelp')}</small></div>
          )}
        </div>
      )}
    </section>
  );
}
