/**
 * Alarms handled to the end: the list with its filters (state, type, street, age; a cabinet from a mail's link), one
 * alarm's panel (#/t/<town>/alarms/<id>: acknowledge, assign to a person or a company, comments, interventions, clear
 * with a reason), the town's alarm e-mails and maintenance companies, and — on a server running the demo — the
 * Simulation panel that puts faults on simulated lights. Filters live in the URL, so a mail's link opens the same view.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, get, hasRoute, tp } from '../api.js';
import { can, type PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type I18n, type Key } from '../i18n.js';
import { go, href } from '../router.js';

type AlarmState = 'open' | 'acknowledged' | 'assigned' | 'intervened' | 'cleared';
interface Assignee { kind: 'user' | 'contractor'; id: string; name: string; email: string | null; phone: string | null }
interface AlarmRow {
  id: number; deviceId: string; type: string; severity: string; state: AlarmState; raisedAt: string; lastEventAt: string; value: number; detail: string;
  acknowledgedAt: string | null; acknowledgedBy: string | null; clearedAt: string | null; clearedBy: string | null; clearReason: string | null;
  assignee: Assignee | null; assignedAt: string | null; assignedBy: string | null; notifiedAt: string | null;
}
interface AlarmDetail extends AlarmRow {
  comments: Array<{ id: number; author: string; at: string; text: string }>;
  interventions: Array<{ id: number; doneAt: string; doneBy: string; action: string; parts: string[]; recordedBy: string }>;
}
interface Contractor { id: number; name: string; email: string | null; phone: string | null; archived: boolean }
interface Assignees { people: Array<{ id: string; name: string; email: string }>; contractors: Contractor[] }

const UNRESOLVED = 'open,acknowledged,assigned,intervened';
const TYPES = ['lamp_failure', 'day_burner', 'cycling', 'voltage_low', 'voltage_high', 'meter_fault', 'clock_lost', 'storage_fault', 'implausible_energy'];
const AGES: Array<[string, Key]> = [['', 'alarmAgeAny'], ['1', 'alarmAge1h'], ['24', 'alarmAge24h'], ['168', 'alarmAge7d']];

export function AlarmsPage({ tenant, arg, query }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const manager = can(tenant.role, 'manager');
  const [available, setAvailable] = useState<boolean | null>(null);
  const [simulation, setSimulation] = useState(false);
  useEffect(() => {
    void hasRoute('/api/tenants/{tenant}/alarms').then(setAvailable);
    void hasRoute('/api/tenants/{tenant}/simulation').then(setSimulation);
  }, []);
  const f = {
    state: query.get('state') ?? UNRESOLVED, type: query.get('type') ?? '', group: query.get('group') ?? '', minAgeH: query.get('minAgeH') ?? '', cabinet: query.get('cabinet') ?? '',
  };
  const setFilter = (k: keyof typeof f, v: string): void => {
    const q: Record<string, string> = {};
    for (const [key, val] of Object.entries({ ...f, [k]: v })) if (val !== '' && !(key === 'state' && val === UNRESOLVED)) q[key] = val;
    if (k === 'state' && v === '') q.state = 'all';
    go(href(T, 'alarms', undefined, q));
  };
  const qs = new URLSearchParams({ limit: '500' });
  if (f.state && f.state !== 'all') qs.set('state', f.state);
  for (const k of ['type', 'group', 'minAgeH', 'cabinet'] as const) if (f[k]) qs.set(k, f[k]);
  const { data, reload } = usePoll(available ? () => get<{ counts: Record<AlarmState, number>; alarms: AlarmRow[] }>(tp(T, `/alarms?${qs}`)) : null, 5000, [T, available, qs.toString()]);
  const { data: groups } = usePoll(() => get<Array<{ id: string }>>(tp(T, '/groups')).catch(() => []), 0, [T]);
  if (available === false) return <div class="page"><p class="notice">{i.t('alarms')} — {i.t('notAvailable')}</p></div>;
  const unresolved = data ? data.counts.open + data.counts.acknowledged + data.counts.assigned + data.counts.intervened : 0;
  const selected = arg ? Number(arg) : null;
  return (
    <div class="page alarms-page">
      <div class="toolbar" data-testid="alarm-filters">
        <label>{i.t('state')}
          <select value={f.state} onChange={(e) => setFilter('state', (e.target as HTMLSelectElement).value)} data-testid="filter-state">
            <option value={UNRESOLVED}>{i.t('alarmUnresolved')}</option>
            {(['open', 'acknowledged', 'assigned', 'intervened', 'cleared'] as const).map((s) => <option key={s} value={s}>{i.t(stateKey(s))}</option>)}
            <option value="all">{i.t('all')}</option>
          </select>
        </label>
        <label>{i.t('alarmType')}
          <select value={f.type} onChange={(e) => setFilter('type', (e.target as HTMLSelectElement).value)} data-testid="filter-type">
            <option value="">{i.t('all')}</option>
            {TYPES.map((t) => <option key={t} value={t}>{i.code('event', t)}</option>)}
          </select>
        </label>
        <label>{i.t('street')}
          <select value={f.group} onChange={(e) => setFilter('group', (e.target as HTMLSelectElement).value)} data-testid="filter-street">
            <option value="">{i.t('allGroups')}</option>
            {(groups ?? []).map((g) => <option key={g.id} value={g.id}>{g.id}</option>)}
          </select>
        </label>
        <label>{i.t('alarmAge')}
          <select value={f.minAgeH} onChange={(e) => setFilter('minAgeH', (e.target as HTMLSelectElement).value)} data-testid="filter-age">
            {AGES.map(([v, k]) => <option key={v} value={v}>{i.t(k)}</option>)}
          </select>
        </label>
        {f.cabinet && <button class="small" onClick={() => setFilter('cabinet', '')}>{i.t('alarmCabinet', { c: f.cabinet })} ✕</button>}
        {data && <span class="muted" data-testid="alarm-counts">{i.t('alarmsUnresolvedCount', { n: unresolved })}</span>}
      </div>
      <div class={selected ? 'grid2 wide-left alarms-split' : ''}>
        <div>
          {!data ? <p class="muted">{i.t('loading')}</p> : data.alarms.length === 0 ? <p class="muted">{i.t('none')}</p> : (
            <div class="table-wrap"><table class="table" data-testid="alarms-table">
              <thead><tr><th>{i.t('raised')}</th><th>{i.t('light')}</th><th>{i.t('alarmType')}</th><th class="hide-sm">{i.t('severity')}</th><th>{i.t('state')}</th><th class="hide-sm">{i.t('alarmAssignee')}</th></tr></thead>
              <tbody>{data.alarms.map((a) => (
                <tr key={a.id} class={a.id === selected ? 'selected' : ''} data-alarm={a.id}>
                  <td><a href={href(T, 'alarms', String(a.id), Object.fromEntries(qs))}>{i.dateTime(a.raisedAt)}</a></td>
                  <td><a href={href(T, 'light', a.deviceId)}>{a.deviceId}</a></td>
                  <td>{i.code('event', a.type)}</td>
                  <td class="hide-sm"><span class={`badge sev-${a.severity}`}>{i.code('sev', a.severity)}</span></td>
                  <td>{i.t(stateKey(a.state))}</td>
                  <td class="hide-sm">{a.assignee?.name ?? '—'}</td>
                </tr>
              ))}</tbody>
            </table></div>
          )}
        </div>
        {selected !== null && <AlarmPanel key={selected} T={T} id={selected} manager={manager} onChange={reload} close={() => go(href(T, 'alarms', undefined, Object.fromEntries([...query])))} />}
      </div>
      {simulation && manager && <SimulationPanel T={T} onChange={reload} />}
      {manager && <details class="card inset" data-testid="alarm-settings"><summary>{i.t('alarmMailAndCompanies')}</summary><div class="grid2"><MailSettings T={T} /><Companies T={T} /></div></details>}
    </div>
  );
}

const stateKey = (s: AlarmState): Key => (s === 'open' ? 'open' : s === 'acknowledged' ? 'acknowledged' : s === 'cleared' ? 'cleared' : s === 'assigned' ? 'alarmAssigned' : 'alarmIntervened');

/** Who did it: an e-mail as is; the server's `token <name>` for an API token, in the reader's language. */
function actor(by: string, lang: 'fr' | 'en'): string {
  const token = /^token (.+)$/.exec(by)?.[1];
  return token === undefined ? by : lang === 'fr' ? `jeton « ${token} »` : `token "${token}"`;
}

const errorText = (i: I18n, e: unknown): string => (e instanceof ApiError ? `${i.t('alarmActionFailed')} (${e.code})` : String(e));

function AlarmPanel({ T, id, manager, onChange, close }: { T: string; id: number; manager: boolean; onChange: () => void; close: () => void }) {
  const i = useI18n();
  const { data: a, reload, error } = usePoll(() => get<AlarmDetail>(tp(T, `/alarms/${id}`)), 5000, [T, id]);
  const { data: who } = usePoll(manager ? () => get<Assignees>(tp(T, '/alarms/assignees')) : null, 0, [T, manager]);
  const [msg, setMsg] = useState<string | null>(null);
  const [assignTo, setAssignTo] = useState('');
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [iv, setIv] = useState({ doneAt: '', doneBy: '', action: '', parts: '' });
  const act = async (path: string, body: object, after?: () => void): Promise<void> => {
    setMsg(null);
    try { await api('POST', tp(T, `/alarms/${id}${path}`), body); after?.(); reload(); onChange(); } catch (e) { setMsg(errorText(i, e)); }
  };
  if (error) return <section class="card"><p class="error">{errorText(i, error)}</p></section>;
  if (!a) return <section class="card"><p class="muted">{i.t('loading')}</p></section>;
  const open = a.state !== 'cleared';
  return (
    <section class="card stack alarm-panel" data-testid="alarm-panel" aria-label={i.t('alarmDetail')}>
      <h3>{i.code('event', a.type)} — <a href={href(T, 'light', a.deviceId)}>{a.deviceId}</a>
        <span class="spacer" /><button class="small" onClick={close} aria-label={i.t('close')}>✕</button></h3>
      <p><span class={`badge sev-${a.severity}`}>{i.code('sev', a.severity)}</span> <strong data-testid="alarm-state">{i.t(stateKey(a.state))}</strong></p>
      <ul class="alarm-life">
        <li>{i.t('alarmRaisedAt', { t: i.dateTime(a.raisedAt) })}{a.detail ? ` — ${a.detail}` : ''}</li>
        {a.notifiedAt && <li data-testid="alarm-notified">{i.t('alarmNotifiedAt', { t: i.dateTime(a.notifiedAt) })}</li>}
        {a.acknowledgedAt && <li>{i.t('alarmAckBy', { t: i.dateTime(a.acknowledgedAt), by: actor(a.acknowledgedBy ?? '—', i.lang) })}</li>}
        {a.assignee && <li data-testid="alarm-assignee">{i.t('alarmAssignedTo', { name: a.assignee.name, t: i.dateTime(a.assignedAt) })}
          {a.assignee.phone ? ` — ${a.assignee.phone}` : ''}{a.assignee.email ? ` — ${a.assignee.email}` : ''}</li>}
        {a.interventions.map((x) => (
          <li key={`i${x.id}`} class="intervention">{i.t('alarmInterventionLine', { t: i.dateTime(x.doneAt), by: x.doneBy, what: x.action })}
            {x.parts.length > 0 && <> — {i.t('alarmParts')} : {x.parts.join(', ')}</>}</li>
        ))}
        {a.clearedAt && <li data-testid="alarm-cleared">{a.clearedBy ? i.t('alarmClearedBy', { t: i.dateTime(a.clearedAt), by: actor(a.clearedBy, i.lang), why: a.clearReason ?? '' }) : i.t('alarmClearedByDevice', { t: i.dateTime(a.clearedAt) })}</li>}
      </ul>
      <h3>{i.t('alarmComments')}</h3>
      {a.comments.length === 0 ? <p class="muted">{i.t('none')}</p> : (
        <ul class="alarm-comments">{a.comments.map((c) => <li key={c.id}><span class="muted">{i.dateTime(c.at)} — {actor(c.author, i.lang)}</span><br />{c.text}</li>)}</ul>
      )}
      {msg && <p class="error" role="alert">{msg}</p>}
      {manager && (
        <div class="stack">
          <div class="row wrap">
            <label class="grow">{i.t('alarmComment')}<input value={comment} onInput={(e) => setComment((e.target as HTMLInputElement).value)} data-testid="alarm-comment" /></label>
            <button disabled={!comment.trim()} data-testid="alarm-add-comment" onClick={() => void act('/comments', { text: comment }, () => setComment(''))}>{i.t('alarmAddComment')}</button>
          </div>
          {open && a.state === 'open' && <button onClick={() => void act('/acknowledge', {})} data-testid="alarm-ack">{i.t('ack')}</button>}
          {open && (
            <div class="row wrap">
              <label class="grow">{i.t('alarmAssignTo')}
                <select value={assignTo} onChange={(e) => setAssignTo((e.target as HTMLSelectElement).value)} data-testid="alarm-assign-to">
                  <option value="">—</option>
                  {who && who.people.length > 0 && <optgroup label={i.t('alarmPeople')}>{who.people.map((p) => <option key={`u${p.id}`} value={`user:${p.id}`}>{p.name}</option>)}</optgroup>}
                  {who && who.contractors.length > 0 && <optgroup label={i.t('alarmCompanies')}>{who.contractors.map((c) => <option key={`c${c.id}`} value={`contractor:${c.id}`}>{c.name}</option>)}</optgroup>}
                </select>
              </label>
              <button disabled={!assignTo} data-testid="alarm-assign" onClick={() => {
                const [kind, to] = assignTo.split(':') as ['user' | 'contractor', string];
                void act('/assign', { kind, id: to });
              }}>{i.t('alarmAssign')}</button>
            </div>
          )}
          <details data-testid="alarm-intervention">
            <summary>{i.t('alarmRecordIntervention')}</summary>
            <div class="stack">
              <label>{i.t('alarmDoneAt')}<input type="datetime-local" value={iv.doneAt} onInput={(e) => setIv({ ...iv, doneAt: (e.target as HTMLInputElement).value })} data-testid="iv-when" /></label>
              <label>{i.t('alarmDoneBy')}<input value={iv.doneBy} onInput={(e) => setIv({ ...iv, doneBy: (e.target as HTMLInputElement).value })} data-testid="iv-by" /></label>
              <label>{i.t('alarmWhatDone')}<input value={iv.action} onInput={(e) => setIv({ ...iv, action: (e.target as HTMLInputElement).value })} data-testid="iv-what" /></label>
              <label>{i.t('alarmPartsHint')}<input value={iv.parts} onInput={(e) => setIv({ ...iv, parts: (e.target as HTMLInputElement).value })} data-testid="iv-parts" /></label>
              <button class="primary" disabled={!iv.doneAt || !iv.doneBy.trim() || !iv.action.trim()} data-testid="iv-save" onClick={() => void act('/interventions', {
                doneAt: new Date(iv.doneAt).toISOString(), doneBy: iv.doneBy, action: iv.action, parts: iv.parts.split(',').map((s) => s.trim()).filter(Boolean),
              }, () => setIv({ doneAt: '', doneBy: '', action: '', parts: '' }))}>{i.t('save')}</button>
            </div>
          </details>
          {open && (
            <div class="row wrap">
              <label class="grow">{i.t('alarmClearReason')}<input value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} data-testid="alarm-clear-reason" /></label>
              <button disabled={reason.trim().length < 3} data-testid="alarm-clear" onClick={() => void act('/clear', { reason }, () => setReason(''))}>{i.t('alarmClear')}</button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

interface MailSettingsView { enabled: boolean; smtpHost: string; smtpPort: number; smtpTls: 'none' | 'starttls' | 'tls'; smtpUser: string | null; hasPassword: boolean; fromAddress: string; recipients: string[]; periodMin: number; uiUrl: string }
interface Digest { id: number; periodStart: string; periodEnd: string; alarmCount: number; state: 'pending' | 'sent'; attempts: number; lastError: string | null; sentAt: string | null }

function MailSettings({ T }: { T: string }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<MailSettingsView>(tp(T, '/notifications/settings')), 0, [T]);
  const { data: digests } = usePoll(() => get<Digest[]>(tp(T, '/notifications/digests?limit=5')), 10_000, [T]);
  const [form, setForm] = useState<(MailSettingsView & { password: string; recipientsText: string }) | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    if (data && !form) setForm({ ...data, password: '', recipientsText: data.recipients.join(', '), uiUrl: data.uiUrl || window.location.origin });
  }, [data]);
  if (!form) return <p class="muted">{i.t('loading')}</p>;
  const set = (patch: Partial<typeof form>): void => setForm({ ...form, ...patch });
  const save = async (): Promise<void> => {
    setMsg(null);
    try {
      await api('PUT', tp(T, '/notifications/settings'), {
        enabled: form.enabled, smtpHost: form.smtpHost, smtpPort: Number(form.smtpPort), smtpTls: form.smtpTls, smtpUser: form.smtpUser || null,
        ...(form.password ? { smtpPassword: form.password } : {}), fromAddress: form.fromAddress,
        recipients: form.recipientsText.split(/[,;\s]+/).filter(Boolean), periodMin: Number(form.periodMin), uiUrl: form.uiUrl,
      });
      setMsg(i.t('alarmMailSaved'));
      set({ password: '' });
      reload();
    } catch (e) { setMsg(errorText(i, e)); }
  };
  const input = (k: 'smtpHost' | 'fromAddress' | 'uiUrl' | 'recipientsText', label: Key, type = 'text') => (
    <label>{i.t(label)}<input type={type} value={form[k]} onInput={(e) => set({ [k]: (e.target as HTMLInputElement).value })} data-testid={`mail-${k}`} /></label>
  );
  return (
    <section class="stack" data-testid="mail-settings">
      <h3>{i.t('alarmMail')}</h3>
      <p class="muted">{i.t('alarmMailHint')}</p>
      <label class="check-row"><input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: (e.target as HTMLInputElement).checked })} data-testid="mail-enabled" />{i.t('alarmMailOn')}</label>
      {input('recipientsText', 'alarmRecipients')}
      {input('smtpHost', 'smtpHost')}
      <div class="row wrap">
        <label>{i.t('smtpPort')}<input class="narrow" type="number" min={1} max={65535} value={form.smtpPort} onInput={(e) => set({ smtpPort: Number((e.target as HTMLInputElement).value) })} data-testid="mail-smtpPort" /></label>
        <label>{i.t('smtpTls')}<select value={form.smtpTls} onChange={(e) => set({ smtpTls: (e.target as HTMLSelectElement).value as 'none' })} data-testid="mail-smtpTls">
          <option value="starttls">STARTTLS</option><option value="tls">TLS</option><option value="none">{i.t('smtpTlsNone')}</option>
        </select></label>
        <label>{i.t('alarmPeriod')}<input class="narrow" type="number" min={1} max={1440} value={form.periodMin} onInput={(e) => set({ periodMin: Number((e.target as HTMLInputElement).value) })} data-testid="mail-period" /></label>
      </div>
      <label>{i.t('smtpUser')}<input value={form.smtpUser ?? ''} autocomplete="off" onInput={(e) => set({ smtpUser: (e.target as HTMLInputElement).value })} data-testid="mail-smtpUser" /></label>
      <label>{i.t('password')}<input type="password" value={form.password} autocomplete="new-password" placeholder={data?.hasPassword ? i.t('smtpPasswordKept') : ''} onInput={(e) => set({ password: (e.target as HTMLInputElement).value })} data-testid="mail-password" /></label>
      {input('fromAddress', 'smtpFrom', 'email')}
      {input('uiUrl', 'alarmUiUrl', 'url')}
      <div class="row"><button class="primary" onClick={() => void save()} data-testid="mail-save">{i.t('save')}</button>{msg && <span class="muted" role="status">{msg}</span>}</div>
      {digests && digests.length > 0 && (
        <ul class="muted" data-testid="digests">{digests.map((d) => (
          <li key={d.id}>{i.t('alarmDigestLine', { t: i.dateTime(d.periodEnd), n: d.alarmCount })} — {d.state === 'sent' ? i.t('alarmDigestSent') : i.t('alarmDigestPending', { n: d.attempts })}</li>
        ))}</ul>
      )}
    </section>
  );
}

function Companies({ T }: { T: string }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<Contractor[]>(tp(T, '/contractors')), 0, [T]);
  const [c, setC] = useState({ name: '', email: '', phone: '' });
  const [msg, setMsg] = useState<string | null>(null);
  const add = async (): Promise<void> => {
    setMsg(null);
    try {
      await api('POST', tp(T, '/contractors'), { name: c.name, email: c.email || null, phone: c.phone || null });
      setC({ name: '', email: '', phone: '' });
      reload();
    } catch (e) { setMsg(errorText(i, e)); }
  };
  return (
    <section class="stack" data-testid="companies">
      <h3>{i.t('alarmCompanies')}</h3>
      {!data ? <p class="muted">{i.t('loading')}</p> : data.length === 0 ? <p class="muted">{i.t('none')}</p> : (
        <ul>{data.map((x) => <li key={x.id}>{x.name}{x.phone ? ` — ${x.phone}` : ''}{x.email ? ` — ${x.email}` : ''}
          {' '}<button class="small link" onClick={() => void api('PUT', tp(T, `/contractors/${x.id}`), { archived: true }).then(reload)}>{i.t('alarmArchive')}</button></li>)}</ul>
      )}
      <label>{i.t('alarmCompanyName')}<input value={c.name} onInput={(e) => setC({ ...c, name: (e.target as HTMLInputElement).value })} data-testid="company-name" /></label>
      <label>{i.t('email')}<input type="email" value={c.email} onInput={(e) => setC({ ...c, email: (e.target as HTMLInputElement).value })} data-testid="company-email" /></label>
      <label>{i.t('alarmPhone')}<input type="tel" value={c.phone} onInput={(e) => setC({ ...c, phone: (e.target as HTMLInputElement).value })} data-testid="company-phone" /></label>
      <div class="row"><button disabled={!c.name.trim()} onClick={() => void add()} data-testid="company-add">{i.t('alarmAddCompany')}</button>{msg && <span class="error">{msg}</span>}</div>
    </section>
  );
}

interface SimState { faults: Array<{ kind: string; target: string; lights: number }>; lights: string[]; circuits: Array<{ id: string; lights: number }> }

function SimulationPanel({ T, onChange }: { T: string; onChange: () => void }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<SimState>(tp(T, '/simulation')), 0, [T]);
  const [kind, setKind] = useState<'lamp_failure' | 'day_burner' | 'supply_fault'>('lamp_failure');
  const [target, setTarget] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  if (!data) return null;
  const targets = kind === 'supply_fault' ? data.circuits.map((c) => c.id) : data.lights;
  const chosen = targets.includes(target) ? target : targets[0] ?? '';
  const send = async (k: string, t: string, active: boolean): Promise<void> => {
    setMsg(null);
    try {
      const r = await api<{ affected: string[] }>('POST', tp(T, '/simulation/faults'), { kind: k, target: t, active });
      setMsg(i.t(active ? 'simInjected' : 'simLifted', { n: r.affected.length }));
      reload();
      onChange();
    } catch (e) { setMsg(errorText(i, e)); }
  };
  return (
    <section class="card inset stack" data-testid="simulation">
      <h3>{i.t('simTitle')}</h3>
      <p class="muted">{i.t('simHint')}</p>
      <div class="row wrap">
        <label>{i.t('simFault')}<select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as typeof kind)} data-testid="sim-kind">
          <option value="lamp_failure">{i.code('event', 'lamp_failure')}</option><option value="day_burner">{i.code('event', 'day_burner')}</option>
          <option value="supply_fault">{i.t('simSupplyFault')}</option>
        </select></label>
        <label class="grow">{kind === 'supply_fault' ? i.t('simCircuit') : i.t('light')}<select value={chosen} onChange={(e) => setTarget((e.target as HTMLSelectElement).value)} data-testid="sim-target">
          {targets.map((t) => <option key={t} value={t}>{t}</option>)}
        </select></label>
        <button class="primary" disabled={!chosen} onClick={() => void send(kind, chosen, true)} data-testid="sim-inject">{i.t('simInject')}</button>
      </div>
      {msg && <p class="muted" role="status">{msg}</p>}
      {data.faults.length > 0 && (
        <ul data-testid="sim-faults">{data.faults.map((x) => (
          <li key={`${x.kind}-${x.target}`}>{x.kind === 'supply_fault' ? i.t('simSupplyFault') : i.code('event', x.kind)} — {x.target} ({i.t('count', { n: x.lights })})
            {' '}<button class="small" onClick={() => void send(x.kind, x.target, false)} data-testid="sim-lift">{i.t('simLift')}</button></li>
        ))}</ul>
      )}
    </section>
  );
}
