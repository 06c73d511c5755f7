/**
 * The installer's page, on a phone at the foot of the pole: name the controller in hand by its label (the QR
 * code's `SLC1:<id>:<code>`, scanned, pasted or typed, or the id and claim code typed), take the position from
 * the phone, say which pole — one of the town's poles nearest the phone (imported first, without a controller),
 * or a reference typed — the luminaire and power, cabinet and circuit, the installation date and a note, and save
 * (POST …/devices/:id/commission; on a pole of the town, what is left empty comes from the pole). Then watch
 * the controller answer — on line, its state and level against its plan — before climbing down.
 *
 * Built for a poor mobile connection: the form lives in localStorage per town until it is saved (a reload, a
 * dead battery, a sign-in again lose nothing), and a request that fails for the network or the server (no answer,
 * 5xx) is sent again by itself after 1 s, 2 s, 4 s … at most 30 s, while the page counts down. A 4xx is the
 * installer's to fix (wrong code, revoked controller, a field out of range): said in words, never retried.
 * One column, 44 px touch targets, 16 px text (phones zoom into smaller inputs). Two more tabs replace a failed
 * controller on its pole or take a controller or a pole out of service (install-replace.tsx).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, get, tp, type DeviceDetail, type Group } from '../api.js';
import type { PageProps } from '../app.js';
import { looksLikePayload, readLabelField, tidyClaimCode, validDeviceId } from '../claim.js';
import { useI18n, type Key } from '../i18n.js';
import { stateKey, type LightState } from '../state.js';
import { ReplacePanel } from './install-replace.js';

interface Model { id: string; name: string | null; nominalW: number }
interface Cabinet { id: string; name: string | null; circuits: Array<{ id: string; name: string | null }> }
/** A pole of the town near the phone (GET …/inventory/poles?near=…&free=true). */
interface NearPole {
  id: string; lat: number | null; lon: number | null; street: string | null; cabinetId: string | null; circuitId: string | null; distanceM?: number;
  luminaires: Array<{ id: string; modelId: string | null; nominalPowerW: number | null; controller: string | null }>;
}

/** Everything typed, as kept in localStorage until saved. */
interface Draft {
  label: string; deviceId: string; claimCode: string;
  lat: string; lon: string; accuracyM: number | null;
  poleRef: string;
  /** `poleRef` is a pole of the town picked from the list (its position, street and luminaire stand unless `movePole`). */
  townPole: boolean; movePole: boolean;
  /** An existing group's id, NEW_GROUP (then `newGroup`), or '' for none. */
  group: string; newGroup: string;
  model: string; powerW: string;
  cabinet: string; circuit: string;
  /** YYYY-MM-DD, or '' (today, or the date the pole's luminaire has). */
  installedAt: string;
  note: string;
}
const EMPTY: Draft = {
  label: '', deviceId: '', claimCode: '', lat: '', lon: '', accuracyM: null, poleRef: '', townPole: false, movePole: false, group: '', newGroup: '', model: '', powerW: '',
  cabinet: '', circuit: '', installedAt: '', note: '',
};
/** A street as the group id the server makes of it (inventory/import.ts groupId): `Rue de la Paix` → `rue-de-la-paix`. */
export const streetGroup = (v: string): string =>
  v.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
/** How many of the town's poles the page lists around the phone. */
const NEAR_POLES = 5;
const NEW_GROUP = '\u0000new';

/** A phone's fix worse than this is probably not the pole's (a street is ~10 m wide; poles are 20–40 m apart). */
export const ACCURACY_WARN_M = 25;
/** Back-off of a failed request: 1 s, doubling, at most 30 s. */
export const retryDelayS = (attempt: number): number => Math.min(30, 2 ** attempt);
const WATCH_EVERY_MS = 2_000;
const WATCH_FOR_MS = 10 * 60_000;

const draftKey = (tenant: string): string => `sl-install-draft:${tenant}`;
function loadDraft(tenant: string): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(draftKey(tenant)) ?? 'null') as Partial<Draft> | null;
    return saved && typeof saved === 'object' ? { ...EMPTY, ...saved } : EMPTY;
  } catch {
    return EMPTY;
  }
}

type Body = Record<string, string | number>;
type Sending = { state: 'sending' } | { state: 'waiting'; retryAt: number; attempt: number };

export function InstallPage(props: PageProps) {
  const i = useI18n();
  const [mode, setMode] = useState<'commission' | 'replace' | 'decommission'>('commission');
  return (
    <div class="page install">
      <div class="tabs big-tabs" role="tablist" data-testid="install-mode">
        {(['commission', 'replace', 'decommission'] as const).map((m) => (
          <button type="button" role="tab" key={m} aria-selected={mode === m} class={mode === m ? 'active' : ''} data-mode={m} onClick={() => setMode(m)}>{i.t(`mode_${m}`)}</button>
        ))}
      </div>
      {mode === 'commission' ? <CommissionForm {...props} /> : <ReplacePanel key={mode} tenant={props.tenant.tenantId} mode={mode} />}
    </div>
  );
}

/** Commissioning a controller on its pole (the first tab). */
function CommissionForm({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const [d, setD] = useState<Draft>(() => loadDraft(T));
  const [groups, setGroups] = useState<Group[]>([]);
  const [models, setModels] = useState<Model[]>([]);
  const [cabinets, setCabinets] = useState<Cabinet[]>([]);
  const [near, setNear] = useState<NearPole[] | null>(null);
  const [nearError, setNearError] = useState('');
  const [sending, setSending] = useState<Sending | null>(null);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState('');
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState('');
  const [done, setDone] = useState<{ deviceId: string; firstClaim: boolean } | null>(null);
  const retryTimer = useRef<ReturnType<typeof setTimeout>>();
  const alive = useRef(true);

  // Every change is written at once, in the input's own event (not in an effect after the next paint): a page
  // reloaded or killed right after a keystroke still has it. The shell mounts the page again for another town.
  const current = useRef(d);
  const update = (next: Draft): void => {
    current.current = next;
    localStorage.setItem(draftKey(T), JSON.stringify(next));
    setD(next);
  };
  useEffect(() => {
    alive.current = true;
    return () => { alive.current = false; clearTimeout(retryTimer.current); };
  }, []);
  // Lists for the selects; a failure leaves them empty (a new group name and the power can still be typed).
  useEffect(() => {
    void get<Group[]>(tp(T, '/groups')).then(setGroups).catch(() => setGroups([]));
    void get<Model[]>(tp(T, '/luminaire-models')).then(setModels).catch(() => setModels([]));
    void get<Cabinet[]>(tp(T, '/inventory/cabinets')).then(setCabinets).catch(() => setCabinets([]));
  }, [T, done?.deviceId]);
  // The countdown while waiting to send again.
  useEffect(() => {
    if (sending?.state !== 'waiting') return undefined;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [sending]);

  const set = (patch: Partial<Draft>): void => update({ ...current.current, ...patch });
  const fromLabel = d.label.trim() ? readLabelField(d.label) : undefined;
  const labelBad = d.label.trim() !== '' && !fromLabel;
  const who = fromLabel ?? (d.deviceId.trim() && d.claimCode.trim() ? { deviceId: d.deviceId.trim(), claimCode: tidyClaimCode(d.claimCode) } : undefined);

  const locate = (): void => {
    setGeoError('');
    if (!('geolocation' in navigator)) { setGeoError(i.t('geoError', { m: '—' })); return; }
    setLocating(true);
    navigator.geolocation.getCurrentPosition((p) => {
      setLocating(false);
      set({ lat: String(p.coords.latitude), lon: String(p.coords.longitude), accuracyM: Math.round(p.coords.accuracy) });
    }, (e) => {
      setLocating(false);
      setGeoError(i.t('geoError', { m: e.message || String(e.code) }));
    }, { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 });
  };

  /** The town's poles without a controller nearest the position typed or taken (GET …/inventory/poles?near=…). */
  const findNear = (): void => {
    setNearError('');
    const lat = Number(d.lat.replace(',', '.'));
    const lon = Number(d.lon.replace(',', '.'));
    if (!d.lat.trim() || !d.lon.trim() || !Number.isFinite(lat) || !Number.isFinite(lon)) { setNearError(i.t('needPosition')); return; }
    void get<NearPole[]>(tp(T, `/inventory/poles?near=${lat},${lon}&free=true&limit=${NEAR_POLES}`))
      .then(setNear).catch((e: unknown) => setNearError(`${i.t('error')} ${e instanceof Error ? e.message : String(e)}`));
  };
  /** Picks a pole of the town: its reference; its luminaire and cabinet shown (and sent only when changed). */
  const pick = (p: NearPole): void => {
    const lum = p.luminaires.find((l) => l.controller === null);
    set({
      poleRef: p.id, townPole: true, movePole: false, model: lum?.modelId ?? '', powerW: lum?.nominalPowerW === null || lum?.nominalPowerW === undefined ? '' : String(lum.nominalPowerW),
      cabinet: p.cabinetId ?? '', circuit: p.circuitId ?? '', ...(p.street ? { group: streetGroup(p.street) } : {}),
    });
  };

  /** The request body, or a message saying what is missing. */
  const body = (): { deviceId: string; body: Body } | string => {
    if (!who || labelBad || !validDeviceId(who.deviceId)) return i.t(labelBad ? 'labelInvalid' : 'needDevice');
    const lat = Number(d.lat.replace(',', '.'));
    const lon = Number(d.lon.replace(',', '.'));
    const b: Body = { claimCode: who.claimCode };
    // A pole of the town keeps its position unless the installer corrects it with the phone's.
    if (!(d.townPole && !d.movePole && d.poleRef.trim())) {
      if (!d.lat.trim() || !d.lon.trim() || !Number.isFinite(lat) || !Number.isFinite(lon)) return i.t('needPosition');
      b.lat = lat; b.lon = lon;
      if (d.accuracyM !== null) b.accuracyM = d.accuracyM;
    }
    if (d.poleRef.trim()) b.poleRef = d.poleRef.trim();
    if (d.cabinet) b.cabinetId = d.cabinet;
    if (d.cabinet && d.circuit) b.circuitId = d.circuit;
    if (d.installedAt) b.installedAt = d.installedAt;
    if (d.note.trim()) b.note = d.note.trim().slice(0, 500);
    const group = d.group === NEW_GROUP ? d.newGroup.trim() : d.group;
    if (group) b.group = group;
    if (d.model) b.luminaireModel = d.model;
    if (d.powerW.trim()) b.nominalPowerW = Number(d.powerW);
    return { deviceId: who.deviceId, body: b };
  };

  const send = async (deviceId: string, b: Body, attempt: number): Promise<void> => {
    setSending({ state: 'sending' });
    try {
      const r = await api<{ deviceId: string; firstClaim: boolean }>('POST', tp(T, `/devices/${encodeURIComponent(deviceId)}/commission`), b);
      if (!alive.current) return;
      setSending(null);
      // Saved: what was typed for this pole goes; the street, luminaire and power stay for the next one.
      const x = current.current;
      update({ ...EMPTY, group: x.group === NEW_GROUP ? x.newGroup.trim() : x.group, model: x.townPole ? '' : x.model, powerW: x.townPole ? '' : x.powerW, cabinet: x.cabinet, circuit: x.circuit, installedAt: x.installedAt });
      setNear(null);
      setDone({ deviceId: r.deviceId, firstClaim: r.firstClaim });
    } catch (x) {
      if (!alive.current) return;
      // A 4xx is an answer about what was typed: say it. No answer or a 5xx: the network or the server, try again.
      if (x instanceof ApiError && x.status < 500) { setSending(null); setError(refusal(x)); return; }
      const delay = retryDelayS(attempt);
      setSending({ state: 'waiting', retryAt: Date.now() + delay * 1000, attempt });
      setNow(Date.now());
      retryTimer.current = setTimeout(() => void send(deviceId, b, attempt + 1), delay * 1000);
    }
  };

  const refusal = (e: ApiError): string => {
    if (e.code === 'SL_CLAIM_REFUSED') {
      const reason = (e.details as { reason?: string } | undefined)?.reason ?? '';
      const known = ['wrong_code', 'revoked', 'unknown_device', 'no_claim_code'].includes(reason);
      return i.t('claimRefused', { r: known ? i.t(`claim_${reason}` as Key) : reason });
    }
    if (e.code === 'SL_VALIDATION') {
      const issues = (e.details as { issues?: Array<{ field: string; message: string }> } | undefined)?.issues ?? [];
      return i.t('invalidInput', { m: issues.length ? issues.map((x) => `${x.field}: ${x.message}`).join(' ; ') : e.message });
    }
    return `${i.t('error')} ${e.status} : ${e.message}`;
  };

  const submit = (e: Event): void => {
    e.preventDefault();
    if (sending) return;
    setError('');
    const b = body();
    if (typeof b === 'string') { setError(b); return; }
    void send(b.deviceId, b.body, 0);
  };
  const retryNow = (): void => {
    if (sending?.state !== 'waiting') return;
    clearTimeout(retryTimer.current);
    const b = body();
    if (typeof b === 'string') { setSending(null); setError(b); return; }
    void send(b.deviceId, b.body, sending.attempt + 1);
  };
  const next = (): void => { setDone(null); setError(''); setGeoError(''); };

  if (done) return <StatusPanel tenant={T} done={done} onNext={next} />;


  const busy = sending !== null;
  const waitS = sending?.state === 'waiting' ? Math.max(0, Math.ceil((sending.retryAt - now) / 1000)) : 0;
  return (
    <div class="stack">
      <form class="card stack" data-testid="install-form" onSubmit={submit} novalidate>
        <h2>{i.t('install')}</h2>
        <p class="muted small">{i.t('installIntro')}</p>

        <label>{i.t('labelField')}
          <input name="label" autocomplete="off" autocapitalize="characters" spellcheck={false} placeholder="SLC1:…" value={d.label}
            onInput={(e) => set({ label: (e.target as HTMLInputElement).value })} aria-invalid={labelBad} />
        </label>
        {fromLabel && <p class="ok small" data-testid="label-read">{i.t('labelRead', { d: fromLabel.deviceId, c: fromLabel.claimCode })}</p>}
        {labelBad && looksLikePayload(d.label) && <p class="error small">{i.t('labelInvalid')}</p>}
        {!fromLabel && <p class="muted small">{i.t('labelHelp')}</p>}
        <Scanner onText={(text) => set({ label: text })} />
        {!fromLabel && (
          <fieldset class="stack plain-fieldset">
            <legend class="muted small">{i.t('orTypeIt')}</legend>
            <label>{i.t('deviceId')}
              <input name="device-id" autocomplete="off" autocapitalize="characters" spellcheck={false} value={d.deviceId} onInput={(e) => set({ deviceId: (e.target as HTMLInputElement).value })} />
            </label>
            <label>{i.t('claimCode')}
              <input name="claim-code" autocomplete="off" autocapitalize="characters" spellcheck={false} placeholder="7KQ2-M9XD-4TRW" value={d.claimCode} onInput={(e) => set({ claimCode: (e.target as HTMLInputElement).value })} />
            </label>
          </fieldset>
        )}

        <button type="button" class="big" data-testid="locate" onClick={locate} disabled={locating}>{locating ? i.t('locating') : i.t('myPosition')}</button>
        {geoError && <p class="error small" role="alert">{geoError}</p>}
        <div class="pair">
          <label>{i.t('latitude')}<input name="lat" inputMode="decimal" value={d.lat} onInput={(e) => set({ lat: (e.target as HTMLInputElement).value, accuracyM: null })} /></label>
          <label>{i.t('longitude')}<input name="lon" inputMode="decimal" value={d.lon} onInput={(e) => set({ lon: (e.target as HTMLInputElement).value, accuracyM: null })} /></label>
        </div>
        {d.accuracyM !== null && (d.accuracyM > ACCURACY_WARN_M
          ? <p class="warn small" data-testid="accuracy">{i.t('accuracyWarn', { m: i.num(d.accuracyM) })}</p>
          : <p class="ok small" data-testid="accuracy">{i.t('accuracyM', { m: i.num(d.accuracyM) })}</p>)}

        <fieldset class="stack plain-fieldset" data-testid="pole-choice">
          <legend class="muted small">{i.t('poleChoice')}</legend>
          <button type="button" class="big" data-testid="near-poles" onClick={findNear}>{i.t('nearPoles')}</button>
          {nearError && <p class="error small" role="alert">{nearError}</p>}
          {near && (near.length === 0 ? <p class="muted small" data-testid="near-none">{i.t('nearNone')}</p> : (
            <ul class="near-list" data-testid="near-list">
              {near.map((p) => {
                const lum = p.luminaires.find((l) => l.controller === null);
                return (
                  <li key={p.id}>
                    <button type="button" class={d.townPole && d.poleRef === p.id ? 'picked' : ''} aria-pressed={d.townPole && d.poleRef === p.id} data-pole={p.id} onClick={() => pick(p)}>
                      <span><strong>{p.id}</strong> · {i.t('metresAway', { m: i.num(Math.round(p.distanceM ?? 0)) })}</span>
                      <span class="small muted">{[p.street, lum?.modelId, lum?.nominalPowerW !== null && lum?.nominalPowerW !== undefined ? i.watts(lum.nominalPowerW) : null].filter(Boolean).join(' · ') || i.t('noLuminaireYet')}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ))}
          <label>{i.t('poleRef')}<input name="pole-ref" autocomplete="off" maxLength={64} value={d.poleRef} onInput={(e) => set({ poleRef: (e.target as HTMLInputElement).value, townPole: false, movePole: false })} /></label>
          {d.townPole && d.poleRef && <p class="ok small" data-testid="pole-picked">{i.t('polePicked', { p: d.poleRef })}</p>}
          {d.townPole && d.poleRef && (
            <label class="check"><input type="checkbox" name="move-pole" checked={d.movePole} onChange={(e) => set({ movePole: (e.target as HTMLInputElement).checked })} />{i.t('movePole')}</label>
          )}
          {!d.townPole && <p class="muted small">{i.t('poleRefHelp')}</p>}
        </fieldset>
        <label>{i.t('group')}
          <select name="group" value={d.group} onChange={(e) => set({ group: (e.target as HTMLSelectElement).value })}>
            <option value="">{i.t('noneOption')}</option>
            {groups.map((g) => <option key={g.id} value={g.id}>{g.id} ({g.memberCount})</option>)}
            {d.group && d.group !== NEW_GROUP && !groups.some((g) => g.id === d.group) && <option value={d.group}>{d.group}</option>}
            <option value={NEW_GROUP}>{i.t('newGroup')}</option>
          </select>
        </label>
        {d.group === NEW_GROUP && (
          <label>{i.t('newGroupName')}
            <input name="new-group" maxLength={64} pattern="[A-Za-z0-9_-]+" value={d.newGroup} onInput={(e) => set({ newGroup: (e.target as HTMLInputElement).value })} />
            <span class="small">{i.t('groupIdRule')}</span>
          </label>
        )}
        {models.length > 0 && (
          <label>{i.t('luminaire')}
            <select name="model" value={d.model} onChange={(e) => {
              const id = (e.target as HTMLSelectElement).value;
              const m = models.find((x) => x.id === id);
              set({ model: id, ...(m && !d.powerW ? { powerW: String(m.nominalW) } : {}) });
            }}>
              <option value="">{i.t('noneOption')}</option>
              {models.map((m) => <option key={m.id} value={m.id}>{m.name ? `${m.id} — ${m.name}` : m.id} ({i.watts(m.nominalW)})</option>)}
            </select>
          </label>
        )}
        <label>{i.t('ratedPowerW')}<input name="power" type="number" inputMode="numeric" min={0} max={100000} step={1} value={d.powerW} onInput={(e) => set({ powerW: (e.target as HTMLInputElement).value })} /></label>
        {cabinets.length > 0 && (
          <div class="pair">
            <label>{i.t('cabinet')}
              <select name="cabinet" value={d.cabinet} onChange={(e) => set({ cabinet: (e.target as HTMLSelectElement).value, circuit: '' })}>
                <option value="">{i.t('noneOption')}</option>
                {cabinets.map((c) => <option key={c.id} value={c.id}>{c.name ? `${c.id} — ${c.name}` : c.id}</option>)}
              </select>
            </label>
            <label>{i.t('circuit')}
              <select name="circuit" value={d.circuit} disabled={!d.cabinet} onChange={(e) => set({ circuit: (e.target as HTMLSelectElement).value })}>
                <option value="">{i.t('noneOption')}</option>
                {(cabinets.find((c) => c.id === d.cabinet)?.circuits ?? []).map((k) => <option key={k.id} value={k.id}>{k.name ? `${k.id} — ${k.name}` : k.id}</option>)}
              </select>
            </label>
          </div>
        )}
        <label>{i.t('installDate')}<input name="installed-at" type="date" value={d.installedAt} onInput={(e) => set({ installedAt: (e.target as HTMLInputElement).value })} /></label>
        <label>{i.t('noteField')}<textarea name="note" rows={2} maxLength={500} value={d.note} onInput={(e) => set({ note: (e.target as HTMLTextAreaElement).value })} /></label>

        <button type="submit" class="primary big" data-testid="commission" disabled={busy}>{sending?.state === 'sending' ? i.t('saving') : i.t('save')}</button>
        {sending?.state === 'waiting' && (
          <div class="retry" role="status" data-testid="retry">
            <span>{i.t('offlineRetry', { s: waitS })}</span>
            <button type="button" onClick={retryNow}>{i.t('retryNow')}</button>
          </div>
        )}
        {error && <p class="error" role="alert" data-testid="install-error">{error}</p>}
        <p class="muted small">{i.t('draftKept')}</p>
      </form>
    </div>
  );
}

/** After saving: the controller's answer, every 2 s for 10 minutes at most (or until the page is left). */
export function StatusPanel({ tenant, done, onNext }: { tenant: string; done: { deviceId: string; firstClaim: boolean }; onNext: () => void }) {
  const i = useI18n();
  const [dev, setDev] = useState<DeviceDetail | null>(null);
  const [stopped, setStopped] = useState(false);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const until = Date.now() + WATCH_FOR_MS;
    const run = async (): Promise<void> => {
      try {
        const v = await get<DeviceDetail>(tp(tenant, `/devices/${encodeURIComponent(done.deviceId)}`));
        if (alive) setDev(v);
      } catch { /* a missed poll: the next one tells */ }
      if (!alive) return;
      if (Date.now() >= until) { setStopped(true); return; }
      timer = setTimeout(() => void run(), WATCH_EVERY_MS);
    };
    void run();
    return () => { alive = false; clearTimeout(timer); };
  }, [tenant, done.deviceId]);

  const state = (dev?.state ?? (dev ? (dev.online ? 'on' : 'offline') : 'unknown')) as LightState;
  const rep = dev?.reported;
  const desiredVersion = dev?.desired?.configVersion ?? null;
  const applied = desiredVersion !== null && rep?.configVersion !== null && rep?.configVersion !== undefined && rep.configVersion >= desiredVersion;
  const override = dev?.desired?.override?.active ? dev.desired.override : null;
  return (
    <div class="stack">
      <section class="card stack" data-testid="install-status" data-device={done.deviceId}>
        <p class="ok" role="status">{i.t(done.firstClaim ? 'commissioned' : 'recommissioned', { d: done.deviceId })}</p>
        {!dev ? <p class="muted">{i.t('waitingDevice')}</p> : (
          <dl class="kv big-kv">
            <dt>{i.t('status')}</dt>
            <dd><span class={`badge ${dev.online ? 'b-on' : 'b-offline'}`} data-testid="status-link">{i.t(dev.online ? 'linkOnline' : 'linkOffline')}</span></dd>
            <dt>{i.t('state')}</dt><dd><span class={`badge b-${state}`} data-testid="status-state">{i.t(stateKey(state))}</span></dd>
            <dt>{i.t('reportedLevel')}</dt><dd data-testid="status-level">{rep?.level === null || rep?.level === undefined ? '—' : i.pct(rep.level)}</dd>
            <dt>{i.t('planInForce')}</dt>
            <dd data-testid="status-plan">{rep?.plan ? `${rep.plan.id} (${i.t('version')} ${rep.plan.version})` : dev.desired?.plan ? `${dev.desired.plan.id} (${i.t('version')} ${dev.desired.plan.version}) — ${i.t('configPending', { v: dev.desired.plan.version })}` : i.t('noPlan')}</dd>
            <dt>{i.t('target')}</dt>
            <dd data-testid="status-target">{rep?.targetLevel === null || rep?.targetLevel === undefined ? '—' : i.pct(rep.targetLevel)}
              {rep?.levelSource ? ` (${i.t(`source_${rep.levelSource}` as Key)})` : ''}</dd>
            {override && <><dt>{i.t('desiredOverride')}</dt><dd>{i.pct(override.level)}</dd></>}
            {desiredVersion !== null && <><dt>{i.t('configState')}</dt><dd data-testid="status-config">{i.t(applied ? 'configApplied' : 'configPending', { v: desiredVersion })}</dd></>}
            {dev.inventory?.poleRef && <><dt>{i.t('poleRef')}</dt><dd>{dev.inventory.poleRef}</dd></>}
            {dev.inventory?.group && <><dt>{i.t('group')}</dt><dd>{dev.inventory.group}</dd></>}
          </dl>
        )}
        <p class="muted small">{stopped ? i.t('watchStopped') : i.t('watching')}</p>
        <button type="button" class="primary big" data-testid="next-controller" onClick={onNext}>{i.t('nextController')}</button>
      </section>
    </div>
  );
}

// ---- camera scan, where the browser has the Shape Detection API's BarcodeDetector (Chrome on Android); optional

interface Detector { detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>> }
type DetectorClass = new (o: { formats: string[] }) => Detector;

function Scanner({ onText }: { onText: (text: string) => void }) {
  const i = useI18n();
  const Ctor = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  const [on, setOn] = useState(false);
  const [err, setErr] = useState('');
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (!on || !Ctor) return undefined;
    let alive = true;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const detector = new Ctor({ formats: ['qr_code'] });
    const look = async (): Promise<void> => {
      if (!alive || !video.current) return;
      try {
        const found = (await detector.detect(video.current)).map((c) => c.rawValue).find((t) => readLabelField(t));
        if (found && alive) { onText(found); setOn(false); return; }
      } catch { /* the frame was not ready */ }
      if (alive) timer = setTimeout(() => void look(), 300);
    };
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then((s) => {
      stream = s;
      if (!alive || !video.current) { s.getTracks().forEach((t) => t.stop()); return; }
      video.current.srcObject = s;
      void video.current.play().then(() => look());
    }).catch((e: unknown) => { if (alive) { setErr(i.t('cameraError', { m: e instanceof Error ? e.message : String(e) })); setOn(false); } });
    return () => { alive = false; clearTimeout(timer); stream?.getTracks().forEach((t) => t.stop()); };
  }, [on]);
  if (!Ctor) return null;
  return (
    <div class="stack">
      <button type="button" class="big" data-testid="scan" onClick={() => { setErr(''); setOn(!on); }}>{on ? i.t('stopScan') : i.t('scanQr')}</button>
      {on && <video ref={video} class="scan-video" muted playsInline />}
      {err && <p class="error small">{err}</p>}
    </div>
  );
}
