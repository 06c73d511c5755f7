/**
 * Groups and plans. The night editor: programs of steps anchored to sunset/sunrise/civil twilight or a clock
 * time, with level and fade; weekday rules choose the program. Every change is previewed (level curve of the
 * chosen night, estimated energy and savings against 100 % dusk-to-dawn) and checked against the decree of
 * 27 December 2018 before saving (issue 4's /plans/preview and /plans/validate). Then assign it to groups.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiError} from '../api.js';
import { api, get, hasRoute, tp, type Anchor, type Finding, type Group, type GroupSettings, type PlanDraft, type PlanSummary, type Preview, type Step, type Validation } from '../api.js';
import { can, type PageProps } from '../app.js';
import { LineChart } from '../components/chart.js';
import { OverrideForm } from '../components/override.js';
import { PlanCalendar } from '../components/plan-calendar.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { go, href } from '../router.js';

const ANCHORS: Anchor[] = ['sunset', 'civil_dusk', 'clock', 'civil_dawn', 'sunrise'];
/** Decree of 27 Dec 2018, art. 1 categories (b and d split as art. 2 treats their parts differently). */
const CATEGORIES = ['a', 'b_heritage', 'b_parks', 'c', 'd_buildings', 'd_shop_windows', 'e', 'f', 'g'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Issue 17: street types whose default traffic prices a presence step (fleet-server plans/traffic.ts). */
const STREET_TYPES = ['residential', 'collector', 'main', 'pedestrian', 'park'] as const;
/** A new presence step's mode: off until someone comes, raised for a minute, a quick fade up. */
const NEW_PRESENCE = { baseLevel: 0, holdS: 60, fadeUpS: 1, fadeDownS: 10 };

const NEW_PLAN: PlanDraft = {
  programs: [{ id: 1, steps: [
    { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 5 },
    { anchor: 'clock', offsetMin: 23 * 60, level: 50, fadeS: 60 },
    { anchor: 'clock', offsetMin: 6 * 60, level: 80, fadeS: 60 },
    { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 5 },
  ] }],
  rules: [],
  defaultProgramId: 1,
};

const hhmm = (m: number): string => { const x = ((m % 1440) + 1440) % 1440; return `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`; };
/** Clock steps: minutes after the evening's midnight; morning times (< 12:00) are stored as such (see plans/model.ts). */
const fromHhmm = (v: string): number => { const [h = 0, m = 0] = v.split(':').map(Number); return h * 60 + m; };
const weekdaysOf = (w: number | string[] | undefined): Set<string> => {
  if (Array.isArray(w)) return new Set(w);
  const s = new Set<string>();
  if (typeof w === 'number') WEEKDAYS.forEach((d, k) => { if (w & (1 << k)) s.add(d); });
  return s;
};

export function PlansPage({ tenant, arg }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const manager = can(tenant.role, 'manager');
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => { void hasRoute('/api/tenants/{tenant}/plans').then(setAvailable); }, []);
  const { data, reload } = usePoll(async () => {
    const groups = await get<Group[]>(tp(T, '/groups'));
    const [plans, settings] = available
      ? await Promise.all([get<PlanSummary[]>(tp(T, '/plans')), Promise.all(groups.map((g) => get<GroupSettings>(tp(T, `/groups/${encodeURIComponent(g.id)}/settings`)).catch(() => null)))])
      : [[] as PlanSummary[], groups.map(() => null)];
    return { groups, plans, settings };
  }, 0, [T, available]);
  const [overrideGroup, setOverrideGroup] = useState<string | null>(null);
  // The editor has its URL: #/t/<town>/plans/<planId>, or …/plans/new (a link to send, a reload that keeps it).
  const [editing, setEditing] = useState<{ key: string; planId: number | null; name: string; draft: PlanDraft } | null>(null);
  const [loadError, setLoadError] = useState('');
  useEffect(() => {
    setLoadError('');
    if (!arg) { setEditing(null); return undefined; }
    if (arg === 'new') { setEditing({ key: 'new', planId: null, name: '', draft: structuredClone(NEW_PLAN) }); return undefined; }
    let alive = true;
    const planId = Number(arg);
    get<{ name: string; plan: PlanDraft }>(tp(T, `/plans/${planId}`))
      .then((p) => { if (alive) setEditing({ key: arg, planId, name: p.name, draft: normalise(p.plan) }); })
      .catch((e: Error) => { if (alive) setLoadError(e.message); });
    return () => { alive = false; };
  }, [T, arg]);

  if (loadError) return <p class="error">{loadError}</p>;
  if (!data || (arg && editing?.key !== arg)) return <p class="muted">{i.t('loading')}</p>;
  const planName = (id: number | null | undefined): string => data.plans.find((p) => p.planId === id)?.name ?? (id ? `#${id}` : '—');

  return (
    <div class="page">
      {editing
        ? <PlanEditor key={editing.key} tenant={T} manager={manager} groups={data.groups} initial={editing} onClose={() => { go(href(T, 'plans')); reload(); }} />
        : (
          <div class="grid2 wide-left">
            <section class="card">
              <h3>{i.t('groups')}</h3>
              <div class="table-wrap"><table class="table" data-testid="groups-table">
                <thead><tr><th>{i.t('group')}</th><th class="num">{i.t('members')}</th><th>{i.t('category')}</th><th>{i.t('assignedPlan')}</th><th /></tr></thead>
                <tbody>{data.groups.map((g, k) => {
                  const st = data.settings[k];
                  return (
                    <tr key={g.id} data-group={g.id}>
                      <td>{g.id}</td><td class="num">{i.num(g.memberCount)}</td>
                      <td>{manager && st ? (
                        <select aria-label={i.t('category')} value={st.category} onChange={(e) => void api('PUT', tp(T, `/groups/${encodeURIComponent(g.id)}/settings`), { category: (e.target as HTMLSelectElement).value }).then(reload)}>
                          {CATEGORIES.map((c) => <option key={c} value={c}>{i.t(`cat_${c}` as Key)}</option>)}
                        </select>
                      ) : st ? i.t(`cat_${st.category}` as Key) : '—'}</td>
                      <td>{st?.planId ? <a href={href(T, 'plans', String(st.planId))}>{planName(st.planId)}</a> : planName(st?.planId)}</td>
                      <td>{manager && <button class="small" onClick={() => setOverrideGroup(overrideGroup === g.id ? null : g.id)}>{i.t('override')}</button>}</td>
                    </tr>
                  );
                })}</tbody>
              </table></div>
              {overrideGroup && (
                <div class="inset"><h4>{i.t('overrideFor')} — {overrideGroup}</h4>
                  <OverrideForm tenant={T} kind="group" id={overrideGroup} onDone={reload} />
                </div>
              )}
            </section>
            <section class="card">
              <h3>{i.t('planList')}</h3>
              {available === false && <p class="notice">{i.t('notAvailable')}</p>}
              <ul class="plain plans" data-testid="plan-list">
                {data.plans.map((p) => (
                  <li key={p.planId}>
                    <b><a href={href(T, 'plans', String(p.planId))}>{p.name}</a></b> <span class="muted">v{p.latestVersion}</span><br />
                    <small class="muted">{i.t('assignedTo')}: {p.groups.join(', ') || i.t('unassigned')}</small>
                    <div><a class="button small" href={href(T, 'plans', String(p.planId))}>{manager ? i.t('editPlan') : i.t('details')}</a></div>
                  </li>
                ))}
              </ul>
              {manager && available && <a class="button primary" data-testid="new-plan" href={href(T, 'plans', 'new')}>{i.t('newPlan')}</a>}
              {!manager && <p class="muted small">{i.t('readOnly')}</p>}
            </section>
          </div>
        )}
    </div>
  );
}

function normalise(p: PlanDraft): PlanDraft {
  return {
    programs: p.programs.map((pr) => ({ id: pr.id, steps: pr.steps.map((s) => ({ anchor: s.anchor, offsetMin: s.offsetMin, level: s.level, fadeS: s.fadeS ?? 0, ...(s.presence ? { presence: { ...NEW_PRESENCE, ...s.presence } } : {}) })) })),
    rules: (p.rules ?? []).map((r) => ({ programId: r.programId, ...(r.weekdays !== undefined ? { weekdays: [...weekdaysOf(r.weekdays)] } : {}), ...(r.dates ? { dates: r.dates } : {}), ...(r.sets ? { sets: r.sets } : {}), ...(r.name !== undefined ? { name: r.name } : {}), priority: r.priority ?? 0 })),
    defaultProgramId: p.defaultProgramId,
  };
}

function PlanEditor({ tenant, manager, groups, initial, onClose }: {
  tenant: string; manager: boolean; groups: Group[]; initial: { planId: number | null; name: string; draft: PlanDraft }; onClose: () => void;
}) {
  const i = useI18n();
  const [name, setName] = useState(initial.name);
  const [draft, setDraft] = useState<PlanDraft>(initial.draft);
  const [planId, setPlanId] = useState(initial.planId);
  const [prog, setProg] = useState(draft.defaultProgramId);
  const [group, setGroup] = useState(groups[0]?.id ?? '');
  const [from, setFrom] = useState(() => i.localDate());
  const [nights, setNights] = useState(7);
  const [street, setStreet] = useState<(typeof STREET_TYPES)[number]>('residential');
  const [night, setNight] = useState(0);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [validation, setValidation] = useState<Validation | null>(null);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  // The group to assign the plan to: the one previewed, until another is chosen here.
  const [assignChoice, setAssignTo] = useState<string | null>(null);
  const assignTo = assignChoice ?? group;

  const program = draft.programs.find((p) => p.id === prog) ?? draft.programs[0];
  const key = JSON.stringify({ draft, group, from, nights, street });

  // Preview and compliance on every change (debounced).
  useEffect(() => {
    let alive = true;
    setBusy(true);
    const timer = setTimeout(() => {
      const target = group ? { groupId: group } : {};
      void Promise.all([
        api<Preview>('POST', tp(tenant, '/plans/preview'), { plan: draft, ...target, from, nights, traffic: { streetType: street } }).catch((e: ApiError) => { if (alive) setErr(e.message); return null; }),
        api<Validation>('POST', tp(tenant, '/plans/validate'), { plan: draft, ...target, from, nights: 366 }).catch((e: ApiError) => {
          const f = (e.details as { findings?: Finding[] } | undefined)?.findings;
          return f ? { ok: false, errors: f.length, warnings: 0, findings: f, period: { from, nights: 0 } } : null;
        }),
      ]).then(([p, v]) => { if (!alive) return; setPreview(p); setValidation(v); setBusy(false); if (p) setErr(''); });
    }, 350);
    return () => { alive = false; clearTimeout(timer); };
  }, [key]);

  const setSteps = (steps: Step[]): void => setDraft({ ...draft, programs: draft.programs.map((p) => (p.id === program?.id ? { ...p, steps } : p)) });
  const editStep = (k: number, patch: Partial<Step>): void => program && setSteps(program.steps.map((s, j) => (j === k ? { ...s, ...patch } : s)));
  /** A presence step's mode: on (a new mode), off (a fixed step at its level), or a field changed. */
  const editPresence = (k: number, patch: Partial<NonNullable<Step['presence']>> | null): void => program && setSteps(program.steps.map((s, j) => {
    if (j !== k) return s;
    if (patch === null) { const { presence: _p, ...fixed } = s; return fixed; }
    const { anticipatePct, prelightLevel, ...mode } = { ...NEW_PRESENCE, ...s.presence, ...patch };
    const baseLevel = Math.min(mode.baseLevel, s.level);
    // Anticipation (the pole's learnt traffic): off at 0; the pre-lit level lies between the base and the step's level.
    const learnt = anticipatePct ? { anticipatePct, ...(prelightLevel ? { prelightLevel: Math.max(baseLevel, Math.min(s.level, prelightLevel)) } : {}) } : {};
    return { ...s, presence: { ...mode, baseLevel, ...learnt } };
  }));

  const save = async (): Promise<void> => {
    if (!name.trim()) { setErr(i.t('nameRequired')); return; }
    setErr(''); setMsg('');
    try {
      if (planId === null) {
        const r = await api<{ planId: number; version: number }>('POST', tp(tenant, '/plans'), { name: name.trim(), plan: draft });
        setPlanId(r.planId); setMsg(i.t('saved', { v: r.version }));
        // The new plan's own URL, without reloading the editor (the address bar only).
        window.history.replaceState(null, '', href(tenant, 'plans', String(r.planId)));
      } else {
        await api('PATCH', tp(tenant, `/plans/${planId}`), { name: name.trim() });
        const r = await api<{ version: number }>('POST', tp(tenant, `/plans/${planId}/versions`), { plan: draft });
        setMsg(i.t('saved', { v: r.version }));
      }
    } catch (e) { setErr((e as Error).message); }
  };
  const assign = async (): Promise<void> => {
    if (planId === null) return;
    setErr(''); setMsg('');
    try {
      const r = await api<{ devicesChanged: number; members: number }>('PUT', tp(tenant, `/groups/${encodeURIComponent(assignTo)}/settings`), { planId });
      setMsg(i.t('assigned', { g: assignTo, n: r.members }));
    } catch (e) { setErr((e as Error).message); }
  };

  const n = preview?.nights[Math.min(night, (preview?.nights.length ?? 1) - 1)];
  const steps = program?.steps ?? [];
  const findings = useMemo(() => [...(validation?.findings ?? [])].sort((a, b) => ['error', 'warning', 'info'].indexOf(a.severity) - ['error', 'warning', 'info'].indexOf(b.severity)), [validation]);

  return (
    <div class="editor" data-testid="plan-editor">
      <div class="toolbar">
        <label class="grow">{i.t('planName')}<input name="plan-name" value={name} disabled={!manager} onInput={(e) => setName((e.target as HTMLInputElement).value)} /></label>
        <button onClick={onClose}>{i.t('cancel')}</button>
        {manager && <button class="primary" data-testid="save-plan" onClick={() => void save()}>{planId === null ? i.t('save') : i.t('saveVersion')}</button>}
      </div>
      {msg && <p class="ok" role="status" data-testid="editor-message">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}

      <div class="grid2 wide-left">
        <section class="card">
          <div class="tabs">
            {draft.programs.map((p) => <button key={p.id} class={p.id === program?.id ? 'active' : ''} onClick={() => setProg(p.id)}>#{p.id}{p.id === draft.defaultProgramId ? ' ★' : ''}</button>)}
            {manager && <button onClick={() => { const id = Math.max(...draft.programs.map((p) => p.id)) + 1; setDraft({ ...draft, programs: [...draft.programs, { id, steps: structuredClone(program?.steps ?? []) }], rules: [...draft.rules, { programId: id, weekdays: ['fri', 'sat'], priority: 0 }] }); setProg(id); }}>+</button>}
          </div>
          <h3>{i.t('steps')}</h3>
          <NightTimeline steps={steps} night={n} />
          <div class="table-wrap"><table class="table compact steps" data-testid="steps">
            <thead><tr><th>{i.t('anchor')}</th><th>{i.t('offset')} / {i.t('atTime')}</th><th>{i.t('level')}</th><th>{i.t('fade')}</th><th>{i.t('presenceMode')}</th><th /></tr></thead>
            <tbody>{steps.map((s, k) => [
              <tr key={k} class={findings.some((f) => f.ref?.step === k && f.ref?.programId === program?.id && f.severity === 'error') ? 'bad' : ''}>
                <td><select aria-label={i.t('anchor')} value={s.anchor} disabled={!manager} onChange={(e) => editStep(k, { anchor: (e.target as HTMLSelectElement).value as Anchor, offsetMin: (e.target as HTMLSelectElement).value === 'clock' ? 23 * 60 : 0 })}>
                  {ANCHORS.map((a) => <option key={a} value={a}>{i.t(`anchor_${a}` as Key)}</option>)}
                </select></td>
                <td>{s.anchor === 'clock'
                  ? <input type="time" aria-label={i.t('atTime')} value={hhmm(s.offsetMin)} disabled={!manager} onChange={(e) => editStep(k, { offsetMin: fromHhmm((e.target as HTMLInputElement).value) })} />
                  : <input type="number" aria-label={i.t('offset')} class="narrow" value={s.offsetMin} step={5} disabled={!manager} onInput={(e) => editStep(k, { offsetMin: Number((e.target as HTMLInputElement).value) })} />}</td>
                <td class="lvl"><input type="range" min={0} max={100} step={5} value={s.level} aria-label={i.t('level')} disabled={!manager} onInput={(e) => editStep(k, { level: Number((e.target as HTMLInputElement).value) })} /><output>{i.pct(s.level)}</output></td>
                <td><input type="number" class="narrow" min={0} max={3600} value={s.fadeS} aria-label={i.t('fade')} disabled={!manager} onInput={(e) => editStep(k, { fadeS: Number((e.target as HTMLInputElement).value) })} /></td>
                <td><label class="check"><input type="checkbox" data-testid={`presence-${k}`} aria-label={i.t('presenceMode')} checked={s.presence !== undefined} disabled={!manager} onChange={(e) => editPresence(k, (e.target as HTMLInputElement).checked ? {} : null)} /></label></td>
                <td>{manager && <button class="small" aria-label={i.t('remove')} onClick={() => setSteps(steps.filter((_, j) => j !== k))}>✕</button>}</td>
              </tr>,
              s.presence && (
                <tr key={`${k}-presence`} class="presence-row" data-testid={`presence-row-${k}`}>
                  <td colSpan={6}>
                    <div class="row wrap">
                      <span class="muted small">{i.t('presenceHelp', { l: i.pct(s.level) })}</span>
                      <label class="lvl">{i.t('baseLevel')}<input type="range" name="presence-base" min={0} max={s.level} step={5} value={s.presence.baseLevel} disabled={!manager} onInput={(e) => editPresence(k, { baseLevel: Number((e.target as HTMLInputElement).value) })} /><output>{i.pct(s.presence.baseLevel)}</output></label>
                      <label>{i.t('holdS')}<input type="number" name="presence-hold" class="narrow" min={1} max={3600} value={s.presence.holdS} disabled={!manager} onInput={(e) => editPresence(k, { holdS: Math.max(1, Math.min(3600, Number((e.target as HTMLInputElement).value))) })} /></label>
                      <label>{i.t('fadeUpS')}<input type="number" name="presence-fade-up" class="narrow" min={0} max={60} value={s.presence.fadeUpS} disabled={!manager} onInput={(e) => editPresence(k, { fadeUpS: Math.max(0, Math.min(60, Number((e.target as HTMLInputElement).value))) })} /></label>
                      <label>{i.t('fadeDownS')}<input type="number" name="presence-fade-down" class="narrow" min={0} max={3600} value={s.presence.fadeDownS} disabled={!manager} onInput={(e) => editPresence(k, { fadeDownS: Math.max(0, Math.min(3600, Number((e.target as HTMLInputElement).value))) })} /></label>
                      <label title={i.t('anticipateHelp')}>{i.t('anticipatePct')}<input type="number" name="presence-anticipate" class="narrow" min={0} max={100} value={s.presence.anticipatePct ?? 0} disabled={!manager} onInput={(e) => editPresence(k, { anticipatePct: Math.max(0, Math.min(100, Math.round(Number((e.target as HTMLInputElement).value) || 0))) })} /></label>
                      {(s.presence.anticipatePct ?? 0) > 0 && (
                        <label class="lvl">{i.t('prelightLevel')}<input type="range" name="presence-prelight" min={s.presence.baseLevel} max={s.level} step={5} value={s.presence.prelightLevel ?? s.level} disabled={!manager} onInput={(e) => editPresence(k, { prelightLevel: Number((e.target as HTMLInputElement).value) })} /><output>{i.pct(s.presence.prelightLevel ?? s.level)}</output></label>
                      )}
                    </div>
                  </td>
                </tr>
              ),
            ])}</tbody>
          </table></div>
          {manager && <button class="small" data-testid="add-step" onClick={() => setSteps([...steps, { anchor: 'clock', offsetMin: 60, level: 0, fadeS: 60 }])}>{i.t('addStep')}</button>}
          {draft.rules.length > 0 && <RulesEditor draft={draft} setDraft={setDraft} manager={manager} />}
        </section>

        <section class="card">
          <h3>{i.t('preview')}</h3>
          <div class="row wrap">
            <label>{i.t('previewFor')}<select value={group} data-testid="preview-group" onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
              {groups.map((g) => <option key={g.id} value={g.id}>{g.id}</option>)}
            </select></label>
            <label>{i.t('from')}<input type="date" value={from} onChange={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
            <label>{i.t('nights')}<input type="number" class="narrow" min={1} max={31} value={nights} onInput={(e) => setNights(Math.max(1, Math.min(31, Number((e.target as HTMLInputElement).value))))} /></label>
            {steps.some((s) => s.presence) && (
              <label>{i.t('trafficProfile')}<select name="street-type" value={street} data-testid="street-type" onChange={(e) => setStreet((e.target as HTMLSelectElement).value as (typeof STREET_TYPES)[number])}>
                {STREET_TYPES.map((t) => <option key={t} value={t}>{i.t(`street_${t}` as Key)}</option>)}
              </select></label>
            )}
          </div>
          {preview && (
            <>
              <div class="kpis" data-testid="preview-kpis">
                <div><span>{i.t('estimated')}</span><b>{i.kwh(preview.energyKwh)}</b></div>
                <div><span>{i.t('baseline')}</span><b>{i.kwh(preview.baselineKwh)}</b></div>
                <div><span>{i.t('savings')}</span><b data-testid="savings">{i.pct(preview.savedPct)}</b><small>{i.kwh(preview.savedKwh)}</small></div>
              </div>
              {preview.presence?.steps && n && (
                <p class="muted small" data-testid="presence-expected">{i.t('presenceExpected', { r: i.num(Math.round(n.raisedHours * 10) / 10), p: i.num(Math.round(n.presenceHours * 10) / 10), s: i.t(`street_${street}` as Key) })}</p>
              )}
              <label>{i.t('night', { d: n ? i.day(n.date) : '' })}
                <input type="range" min={0} max={preview.nights.length - 1} value={night} onInput={(e) => setNight(Number((e.target as HTMLInputElement).value))} /></label>
            </>
          )}
          <h3>{i.t('compliance')}</h3>
          {busy && !validation && <p class="muted">{i.t('checking')}</p>}
          {validation && findings.length === 0 && <p class="ok" data-testid="compliant">{i.t('compliant')}</p>}
          <ul class="findings" data-testid="findings">
            {findings.map((f, k) => (
              <li key={k} class={`f-${f.severity}`}>
                <b>{i.t(`severity_${f.severity}` as Key)}</b> {f.message[i.lang]}
                <br /><small class="muted">{f.article}{f.ref?.night ? ` · ${i.t('calFirstNight', { d: i.day(f.ref.night) })}` : ''}{f.ref?.nights ? ` · ${f.ref.nights} ${i.t('nights').toLowerCase()}` : ''}</small>
              </li>
            ))}
          </ul>
          {manager && planId !== null && (
            <div class="assign">
              <h3>{i.t('assign')}</h3>
              <div class="row">
                <select value={assignTo} data-testid="assign-group" onChange={(e) => setAssignTo((e.target as HTMLSelectElement).value)}>
                  {groups.map((g) => <option key={g.id} value={g.id}>{g.id}</option>)}
                </select>
                <button class="primary" data-testid="assign" onClick={() => void assign()}>{i.t('assign')}</button>
              </div>
            </div>
          )}
        </section>
      </div>
      <PlanCalendar tenant={tenant} draft={draft} setDraft={setDraft} manager={manager} />
    </div>
  );
}

function RulesEditor({ draft, setDraft, manager }: { draft: PlanDraft; setDraft: (d: PlanDraft) => void; manager: boolean }) {
  const i = useI18n();
  const names = i.lang === 'fr' ? ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'] : ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return (
    <div class="rules">
      {draft.rules.map((r, k) => {
        if (r.sets?.length || r.name !== undefined) return null; // calendar sets and events: the calendar's (components/plan-calendar.tsx)
        const days = weekdaysOf(r.weekdays);
        return (
          <p key={k}>#{r.programId}: {WEEKDAYS.map((d, j) => (
            <label key={d} class="day"><input type="checkbox" disabled={!manager} checked={days.has(d)} onChange={() => {
              const next = new Set(days); if (next.has(d)) next.delete(d); else next.add(d);
              setDraft({ ...draft, rules: draft.rules.map((x, m) => (m === k ? { ...x, weekdays: WEEKDAYS.filter((w) => next.has(w)) } : x)) });
            }} />{names[j]}</label>
          ))}</p>
        );
      })}
    </div>
  );
}

/** The night from 12:00 to 12:00: preview samples as the level curve, sunset/sunrise marks, step markers. */
function NightTimeline({ steps, night }: { steps: Step[]; night: Preview['nights'][number] | undefined }) {
  const i = useI18n();
  if (!night || night.samples.length < 2) return <div class="timeline empty">{steps.length} {i.t('steps_')}</div>;
  const pts = night.samples.map((s) => ({ x: Date.parse(s.at), y: s.level }));
  // Presence steps: the raised level (on detection) over the base (the light that stands).
  const raised = night.samples.some((s) => s.raised !== undefined) ? night.samples.map((s) => ({ x: Date.parse(s.at), y: s.raised ?? s.level })) : null;
  const first = pts[0]?.x ?? 0; const last = pts[pts.length - 1]?.x ?? 0;
  const shade = [
    ...(night.sunset ? [{ from: first, to: Date.parse(night.sunset) }] : []),
    ...(night.sunrise ? [{ from: Date.parse(night.sunrise), to: last }] : []),
  ];
  return (
    <div class="timeline" data-testid="timeline">
      <LineChart yMax={100} yLabel="%" height={160} shade={shade} xFormat={(x) => i.clock(x)}
        series={[...(raised ? [{ colour: '#7a6aa8', points: raised, dashed: true, label: i.t('curveRaised') }] : []), { colour: '#e09f00', points: pts, label: i.t('curveBase') }]} />
      {raised && <p class="muted small legend" data-testid="timeline-legend"><span class="swatch base" /> {i.t('curveBase')} · <span class="swatch raised" /> {i.t('curveRaised')}</p>}
      <p class="muted small" data-testid="timeline-zone">{i.t('timesIn', { z: night.sunset ? i.zone(night.sunset) : i.zone() })}{night.sunset ? ` · ${i.t('anchor_sunset')} ${i.time(night.sunset)}` : ''}{night.sunrise ? ` · ${i.t('anchor_sunrise')} ${i.time(night.sunrise)}` : ''}</p>
    </div>
  );
}
