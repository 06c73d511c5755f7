/**
 * The plan editor's calendar (issue 16): a month view of which program runs each night — computed by the server
 * with the firmware's own rule resolution (POST /plans/calendar/preview) — and the plan's calendar exceptions:
 * French public holidays, school holidays of a zone (sets the server expands for the devices) and named events
 * (dated rules). The town's calendar (Alsace-Moselle holidays, the ministry's school holiday file) is set here too.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, get, tp, upload, type PlanDraft } from '../api.js';
import { useI18n, type I18n } from '../i18n.js';

type Rule = PlanDraft['rules'][number];
const ZONES = ['A', 'B', 'C', 'Corse'] as const;
const HOLIDAYS = 'fr-public-holidays';

export interface CalendarNight {
  date: string; weekday: number; programId: number | null; ruleIndex: number | null; ruleName: string | null; ruleSets: string[];
  publicHoliday: { fr: string; en: string } | null; school: Array<{ zone: string; name: string }>;
}
interface MonthView { month: string; nights: CalendarNight[] }
interface TownCalendar { alsaceMoselle: boolean; school: { importedAt: string | null; zones: Array<{ zone: string; periods: number; last: string | null }> } }

/** Program colours of the month grid: each with a pattern too, so programs differ without colour. */
const PROGRAM_STYLE = ['#1d4ed8', '#b45309', '#047857', '#7c3aed', '#be123c', '#0e7490', '#4d7c0f', '#a21caf'];

const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
};

export function setLabel(i: I18n, set: string): string {
  if (set === HOLIDAYS) return i.t('calSetHolidays');
  return i.t('calSetSchool', { z: set.replace('fr-school-', '') });
}

function ruleLabel(i: I18n, r: Pick<Rule, 'sets' | 'name' | 'dates' | 'weekdays'> | undefined): string {
  if (!r) return i.t('calDefault');
  if (r.name) return r.name;
  if (r.sets?.length) return r.sets.map((s) => setLabel(i, s)).join(', ');
  if (r.dates?.length) return i.t('calRuleDates');
  return i.t('calRuleWeekdays');
}

export function PlanCalendar({ tenant, draft, setDraft, manager }: { tenant: string; draft: PlanDraft; setDraft: (d: PlanDraft) => void; manager: boolean }) {
  const i = useI18n();
  const [month, setMonth] = useState(() => i.localDate().slice(0, 7));
  const [view, setView] = useState<MonthView | null>(null);
  const [err, setErr] = useState('');
  const key = JSON.stringify({ draft, month });

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      api<MonthView>('POST', tp(tenant, '/plans/calendar/preview'), { plan: draft, month })
        .then((v) => { if (alive) { setView(v); setErr(''); } })
        .catch((e: Error) => { if (alive) setErr(e.message); });
    }, 300);
    return () => { alive = false; clearTimeout(timer); };
  }, [key]);

  const exceptions = draft.rules.map((r, k) => ({ r, k })).filter(({ r }) => r.sets?.length || r.name !== undefined);
  const programs = draft.programs.map((p) => p.id);
  const other = programs.find((p) => p !== draft.defaultProgramId) ?? draft.defaultProgramId;
  const setRule = (k: number, patch: Partial<Rule>): void => setDraft({ ...draft, rules: draft.rules.map((r, j) => (j === k ? { ...r, ...patch } : r)) });
  const add = (rule: Rule): void => setDraft({ ...draft, rules: [...draft.rules, rule] });
  const removeRule = (k: number): void => setDraft({ ...draft, rules: draft.rules.filter((_, j) => j !== k) });

  const fmtMonth = new Intl.DateTimeFormat(i.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const fmtDay = new Intl.DateTimeFormat(i.locale, { weekday: 'short', timeZone: 'UTC' });
  const weekdays = Array.from({ length: 7 }, (_, k) => fmtDay.format(Date.UTC(2024, 0, 1 + k))); // 1 Jan 2024 was a Monday
  const lead = view?.nights[0]?.weekday ?? 0;
  const nightTitle = (n: CalendarNight): string => [
    i.t('calNightOf', { d: i.day(n.date) }),
    n.programId !== null ? i.t('calProgram', { p: n.programId }) : '',
    ruleLabel(i, n.ruleIndex === null ? undefined : draft.rules[n.ruleIndex]),
    n.publicHoliday ? n.publicHoliday[i.lang] : '',
    ...n.school.map((s) => `${i.t('calSetSchool', { z: s.zone })} (${s.name})`),
  ].filter(Boolean).join(' · ');

  return (
    <section class="card plan-calendar" data-testid="plan-calendar">
      <h3>{i.t('calendar')}</h3>
      <div class="row wrap cal-nav">
        <button class="small" aria-label={i.t('calPrev')} onClick={() => setMonth(addMonths(month, -1))}>‹</button>
        <label>{i.t('month')}<input type="month" data-testid="cal-month" value={month} onChange={(e) => { const v = (e.target as HTMLInputElement).value; if (/^\d{4}-\d{2}$/.test(v)) setMonth(v); }} /></label>
        <button class="small" aria-label={i.t('calNext')} onClick={() => setMonth(addMonths(month, 1))}>›</button>
        <b class="cal-title">{fmtMonth.format(Date.parse(`${month}-01T00:00:00Z`))}</b>
      </div>
      {err && <p class="error" role="alert">{err}</p>}
      {view && view.month === month && (
        <div class="cal-grid" role="grid" aria-label={i.t('calendar')} data-testid="cal-grid">
          {weekdays.map((w) => <div key={w} class="cal-head" role="columnheader">{w}</div>)}
          {Array.from({ length: lead }, (_, k) => <div key={`x${k}`} class="cal-pad" />)}
          {view.nights.map((n) => {
            const colour = PROGRAM_STYLE[((n.programId ?? 1) - 1) % PROGRAM_STYLE.length];
            const rule = n.ruleIndex === null ? undefined : draft.rules[n.ruleIndex];
            return (
              <div key={n.date} role="gridcell" class={`cal-day${n.ruleIndex === null ? '' : ' cal-rule'}${n.publicHoliday ? ' cal-holiday' : ''}${n.school.length ? ' cal-school' : ''}`}
                data-date={n.date} data-program={n.programId ?? ''} title={nightTitle(n)} style={{ borderLeftColor: colour }}>
                <span class="cal-num">{Number(n.date.slice(8))}</span>
                <span class="cal-prog" style={{ color: colour }}>#{n.programId ?? '—'}{n.programId === draft.defaultProgramId ? '' : ' ●'}</span>
                {n.ruleIndex !== null && <small class="cal-why">{ruleLabel(i, rule)}</small>}
                {n.publicHoliday && <small class="cal-tag" data-testid="cal-holiday">{n.publicHoliday[i.lang]}</small>}
                {n.school.length > 0 && <small class="cal-tag muted">{i.t('calSchoolShort', { z: n.school.map((s) => s.zone).join(' ') })}</small>}
              </div>
            );
          })}
        </div>
      )}
      <p class="muted small">{i.t('calLegend', { p: draft.defaultProgramId })}</p>

      <h4>{i.t('calExceptions')}</h4>
      <ul class="plain cal-exceptions" data-testid="cal-exceptions">
        {exceptions.map(({ r, k }) => (
          <li key={k} data-rule={k}>
            {r.sets?.length
              ? (
                <label>{i.t('calSet')}<select value={r.sets[0]} disabled={!manager} aria-label={i.t('calSet')} onChange={(e) => setRule(k, { sets: [(e.target as HTMLSelectElement).value] })}>
                  <option value={HOLIDAYS}>{i.t('calSetHolidays')}</option>
                  {ZONES.map((z) => <option key={z} value={`fr-school-${z}`}>{i.t('calSetSchool', { z })}</option>)}
                </select></label>
              )
              : (
                <>
                  <label>{i.t('calEventName')}<input value={r.name ?? ''} maxLength={120} disabled={!manager} data-testid="cal-event-name" onInput={(e) => setRule(k, { name: (e.target as HTMLInputElement).value })} /></label>
                  <label>{i.t('calEventDate')}<input type="date" value={r.dates?.[0] ?? ''} disabled={!manager} data-testid="cal-event-date" onChange={(e) => { const v = (e.target as HTMLInputElement).value; setRule(k, { dates: v ? [v, ...(r.dates ?? []).slice(1)] : (r.dates ?? []).slice(1) }); }} /></label>
                  {(r.dates?.length ?? 0) > 1 && <small class="muted">{i.t('calMoreDates', { n: (r.dates?.length ?? 1) - 1 })}</small>}
                </>
              )}
            <label>{i.t('calRunsProgram')}<select value={r.programId} disabled={!manager} aria-label={i.t('calRunsProgram')} onChange={(e) => setRule(k, { programId: Number((e.target as HTMLSelectElement).value) })}>
              {programs.map((p) => <option key={p} value={p}>#{p}</option>)}
            </select></label>
            {manager && <button class="small" aria-label={i.t('remove')} onClick={() => removeRule(k)}>✕</button>}
          </li>
        ))}
      </ul>
      {exceptions.length === 0 && <p class="muted small">{i.t('calNoException')}</p>}
      {manager && (
        <div class="row wrap">
          <button class="small" data-testid="cal-add-holidays" onClick={() => add({ programId: other, sets: [HOLIDAYS], priority: 1 })}>{i.t('calAddHolidays')}</button>
          <button class="small" data-testid="cal-add-school" onClick={() => add({ programId: other, sets: ['fr-school-C'], priority: 0 })}>{i.t('calAddSchool')}</button>
          <button class="small" data-testid="cal-add-event" onClick={() => add({ programId: other, name: '', dates: [`${month}-14`], priority: 2 })}>{i.t('calAddEvent')}</button>
        </div>
      )}
      <TownCalendarSettings tenant={tenant} manager={manager} onChange={() => setMonth((m) => m)} />
    </section>
  );
}

/** The town's calendar: Alsace-Moselle holidays and the ministry's school holiday file. */
function TownCalendarSettings({ tenant, manager, onChange }: { tenant: string; manager: boolean; onChange: () => void }) {
  const i = useI18n();
  const [s, setS] = useState<TownCalendar | null>(null);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const reload = (): void => { void get<TownCalendar>(tp(tenant, '/calendar/settings')).then(setS).catch((e: Error) => setErr(e.message)); };
  useEffect(reload, [tenant]);
  if (!s) return null;
  const onFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setErr(''); setMsg('');
    try {
      const r = await upload<{ periods: number }>(tp(tenant, `/calendar/school-holidays?source=${encodeURIComponent(file.name)}`), await file.arrayBuffer(), 'text/csv');
      setMsg(i.t('calImported', { n: r.periods }));
      reload(); onChange();
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details as { problems?: Array<{ line: number; message: string }> } | undefined)?.problems : undefined;
      setErr(problems?.length ? i.t('calRefused', { m: problems.slice(0, 5).map((p) => i.t('calLine', { l: p.line, m: p.message })).join(' ; ') }) : (e as Error).message);
    }
  };
  return (
    <details class="cal-town" data-testid="cal-town">
      <summary>{i.t('calTown')}</summary>
      <label class="check"><input type="checkbox" checked={s.alsaceMoselle} disabled={!manager} data-testid="cal-alsace"
        onChange={(e) => void api<TownCalendar>('PUT', tp(tenant, '/calendar/settings'), { alsaceMoselle: (e.target as HTMLInputElement).checked }).then((v) => { setS(v); onChange(); }).catch((x: Error) => setErr(x.message))} />
        {i.t('calAlsace')}</label>
      <ul class="plain small">
        {s.school.zones.map((z) => <li key={z.zone}>{z.periods ? i.t('calSchoolZone', { z: z.zone, n: z.periods, d: z.last ? i.day(z.last) : '—' }) : i.t('calSchoolZoneNone', { z: z.zone })}</li>)}
      </ul>
      {manager && (
        <label class="file">{i.t('calSchoolImport')}
          <input type="file" accept=".csv,text/csv" data-testid="cal-school-file" onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])} />
        </label>
      )}
      <p class="muted small">{i.t('calSchoolHelp')}</p>
      {msg && <p class="ok" role="status">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
    </details>
  );
}
