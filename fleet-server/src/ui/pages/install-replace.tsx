/**
 * The installer's page, second and third tabs: replace the failed controller of a pole with the one in hand
 * (POST …/inventory/poles/:pole/replace-controller, the new label's claim code), or take a controller or a pole out
 * of service (POST …/inventory/controllers/:id/decommission, …/poles/:pole/decommission). The pole keeps its
 * luminaire, history and energy; the old controller is retired and its access revoked by the server.
 *
 * As on the commissioning tab: what is typed stays in localStorage per town until it is done, no answer or a 5xx
 * is sent again after 1 s, 2 s, 4 s … at most 30 s, a 4xx is said in words. After a replacement the new
 * controller is watched as after a commissioning (StatusPanel).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, api, get, tp } from '../api.js';
import { readLabelField, tidyClaimCode, validDeviceId } from '../claim.js';
import { useI18n, type Key } from '../i18n.js';
import { StatusPanel, retryDelayS } from './install.js';

interface PoleInfo { id: string; luminaires: Array<{ id: string; modelId: string | null; nominalPowerW: number | null; controller: string | null; removedAt: string | null }> }
interface Replaced { poleId: string; luminaireId: string; oldDeviceId: string | null; newDeviceId: string }

interface Draft { pole: string; label: string; deviceId: string; claimCode: string; oldDeviceId: string; what: 'controller' | 'pole'; target: string }
const EMPTY: Draft = { pole: '', label: '', deviceId: '', claimCode: '', oldDeviceId: '', what: 'controller', target: '' };
const draftKey = (tenant: string): string => `sl-install-replace:${tenant}`;
function loadDraft(tenant: string): Draft {
  try {
    const saved = JSON.parse(localStorage.getItem(draftKey(tenant)) ?? 'null') as Partial<Draft> | null;
    return saved && typeof saved === 'object' ? { ...EMPTY, ...saved } : EMPTY;
  } catch {
    return EMPTY;
  }
}

type Sending = { state: 'sending' } | { state: 'waiting'; retryAt: number; attempt: number };

/** A request sent again by itself after a network failure or a 5xx; a 4xx comes back as the error to show. */
function useRetrying(): {
  sending: Sending | null; waitS: number; error: string; setError: (e: string) => void;
  run: <T>(call: () => Promise<T>, ok: (r: T) => void, explain: (e: ApiError) => string) => void; retryNow: () => void;
} {
  const [sending, setSending] = useState<Sending | null>(null);
  const [error, setError] = useState('');
  const [now, setNow] = useState(Date.now());
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const again = useRef<(() => void) | null>(null);
  const alive = useRef(true);
  useEffect(() => () => { alive.current = false; clearTimeout(timer.current); }, []);
  useEffect(() => {
    if (sending?.state !== 'waiting') return undefined;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [sending]);
  const run = <T,>(call: () => Promise<T>, ok: (r: T) => void, explain: (e: ApiError) => string, attempt = 0): void => {
    setSending({ state: 'sending' });
    setError('');
    call().then((r) => {
      if (!alive.current) return;
      setSending(null);
      ok(r);
    }, (x: unknown) => {
      if (!alive.current) return;
      if (x instanceof ApiError && x.status < 500) { setSending(null); setError(explain(x)); return; }
      const delay = retryDelayS(attempt);
      again.current = () => run(call, ok, explain, attempt + 1);
      setSending({ state: 'waiting', retryAt: Date.now() + delay * 1000, attempt });
      setNow(Date.now());
      timer.current = setTimeout(() => again.current?.(), delay * 1000);
    });
  };
  const retryNow = (): void => { clearTimeout(timer.current); again.current?.(); };
  const waitS = sending?.state === 'waiting' ? Math.max(0, Math.ceil((sending.retryAt - now) / 1000)) : 0;
  return { sending, waitS, error, setError, run, retryNow };
}

export function ReplacePanel({ tenant, mode }: { tenant: string; mode: 'replace' | 'decommission' }) {
  const i = useI18n();
  const [d, setD] = useState<Draft>(() => loadDraft(tenant));
  const current = useRef(d);
  const set = (patch: Partial<Draft>): void => {
    const next = { ...current.current, ...patch };
    current.current = next;
    localStorage.setItem(draftKey(tenant), JSON.stringify(next));
    setD(next);
  };
  const [pole, setPole] = useState<PoleInfo | null>(null);
  const [poleMsg, setPoleMsg] = useState('');
  const [done, setDone] = useState<Replaced | null>(null);
  const [retired, setRetired] = useState('');
  const [confirm, setConfirm] = useState(false);
  const req = useRetrying();

  const explain = (e: ApiError): string => {
    const reason = (e.details as { reason?: string; poleId?: string } | undefined)?.reason ?? '';
    if (e.code === 'SL_CLAIM_REFUSED') {
      const known = ['wrong_code', 'revoked', 'unknown_device', 'no_claim_code'].includes(reason);
      return i.t('claimRefused', { r: known ? i.t(`claim_${reason}` as Key) : reason });
    }
    if (e.code === 'SL_INVENTORY_CONFLICT') {
      const known = ['not_on_pole', 'same_controller', 'controller_in_service', 'pole_decommissioned', 'several_luminaires', 'no_luminaire', 'already_retired', 'no_position'];
      return i.t('claimRefused', { r: known.includes(reason) ? i.t(`conflict_${reason}` as Key, { p: (e.details as { poleId?: string }).poleId ?? '' }) : e.message });
    }
    if (e.code === 'SL_POLE_NOT_FOUND') return i.t('poleNotFound');
    if (e.code === 'SL_DEVICE_NOT_FOUND') return i.t('unknownController');
    if (e.code === 'SL_VALIDATION') {
      const issues = (e.details as { issues?: Array<{ field: string; message: string }> } | undefined)?.issues ?? [];
      return i.t('invalidInput', { m: issues.length ? issues.map((x) => `${x.field}: ${x.message}`).join(' ; ') : e.message });
    }
    return `${i.t('error')} ${e.status} : ${e.message}`;
  };

  const poleId = d.pole.trim();
  const findPole = (): void => {
    setPoleMsg('');
    setPole(null);
    if (!poleId) { setPoleMsg(i.t('needPole')); return; }
    get<PoleInfo>(tp(tenant, `/inventory/poles/${encodeURIComponent(poleId)}`)).then(setPole, (e: unknown) => {
      setPoleMsg(e instanceof ApiError && e.code === 'SL_POLE_NOT_FOUND' ? i.t('poleNotFound') : String(e instanceof Error ? e.message : e));
    });
  };

  if (done) {
    return (
      <div class="stack">
        <p class="ok" role="status" data-testid="replaced">{done.oldDeviceId
          ? i.t('replaced', { o: done.oldDeviceId, n: done.newDeviceId, p: done.poleId })
          : i.t('installedOnPole', { n: done.newDeviceId, p: done.poleId })}</p>
        <StatusPanel tenant={tenant} done={{ deviceId: done.newDeviceId, firstClaim: true }} onNext={() => { setDone(null); setPole(null); }} />
      </div>
    );
  }

  const fromLabel = d.label.trim() ? readLabelField(d.label) : undefined;
  const who = fromLabel ?? (d.deviceId.trim() && d.claimCode.trim() ? { deviceId: d.deviceId.trim(), claimCode: tidyClaimCode(d.claimCode) } : undefined);
  const busy = req.sending !== null;

  const submitReplace = (e: Event): void => {
    e.preventDefault();
    if (busy) return;
    if (!poleId) { req.setError(i.t('needPole')); return; }
    if (!who || !validDeviceId(who.deviceId)) { req.setError(i.t(d.label.trim() && !fromLabel ? 'labelInvalid' : 'needDevice')); return; }
    const body: Record<string, string> = { newDeviceId: who.deviceId, claimCode: who.claimCode };
    if (d.oldDeviceId.trim()) body.oldDeviceId = d.oldDeviceId.trim();
    req.run(() => api<Replaced>('POST', tp(tenant, `/inventory/poles/${encodeURIComponent(poleId)}/replace-controller`), body), (r) => {
      set({ ...EMPTY });
      setDone(r);
    }, explain);
  };

  const submitDecommission = (e: Event): void => {
    e.preventDefault();
    if (busy) return;
    const target = d.target.trim();
    if (!target) { req.setError(i.t(d.what === 'pole' ? 'needPole' : 'needDevice')); return; }
    if (!confirm) { req.setError(i.t('needConfirm')); return; }
    const path = d.what === 'pole' ? `/inventory/poles/${encodeURIComponent(target)}/decommission` : `/inventory/controllers/${encodeURIComponent(target)}/decommission`;
    req.run(() => api<{ poleId?: string; deviceId?: string; controllers?: unknown[] }>('POST', tp(tenant, path)), (r) => {
      set({ target: '' });
      setConfirm(false);
      setRetired(d.what === 'pole' ? i.t('decommissionedPole', { p: target, n: r.controllers?.length ?? 0 }) : i.t('decommissionedController', { d: target }));
    }, explain);
  };

  const status = (
    <>
      {req.sending?.state === 'waiting' && (
        <div class="retry" role="status" data-testid="retry">
          <span>{i.t('offlineRetry', { s: req.waitS })}</span>
          <button type="button" onClick={req.retryNow}>{i.t('retryNow')}</button>
        </div>
      )}
      {req.error && <p class="error" role="alert" data-testid="install-error">{req.error}</p>}
      <p class="muted small">{i.t('draftKept')}</p>
    </>
  );

  if (mode === 'decommission') {
    return (
      <form class="card stack" data-testid="decommission-form" onSubmit={submitDecommission} novalidate>
        <p class="muted small">{i.t('decommissionIntro')}</p>
        <label>{i.t('decommissionWhat')}
          <select name="what" value={d.what} onChange={(e) => set({ what: (e.target as HTMLSelectElement).value === 'pole' ? 'pole' : 'controller' })}>
            <option value="controller">{i.t('whatController')}</option>
            <option value="pole">{i.t('whatPole')}</option>
          </select>
        </label>
        <label>{i.t(d.what === 'pole' ? 'poleRef' : 'deviceId')}
          <input name="target" autocomplete="off" autocapitalize="characters" spellcheck={false} maxLength={64} value={d.target} onInput={(e) => set({ target: (e.target as HTMLInputElement).value })} />
        </label>
        <label class="check"><input type="checkbox" name="confirm" checked={confirm} onChange={(e) => { setConfirm((e.target as HTMLInputElement).checked); req.setError(''); }} /> {i.t('confirmDecommission')}</label>
        <button type="submit" class="primary big danger" data-testid="decommission" disabled={busy}>{req.sending?.state === 'sending' ? i.t('decommissioning') : i.t('decommission')}</button>
        {retired && <p class="ok" role="status" data-testid="decommissioned">{retired}</p>}
        {status}
      </form>
    );
  }

  return (
    <form class="card stack" data-testid="replace-form" onSubmit={submitReplace} novalidate>
      <p class="muted small">{i.t('replaceIntro')}</p>
      <label>{i.t('poleRef')}
        <input name="replace-pole" autocomplete="off" maxLength={64} value={d.pole} onInput={(e) => { set({ pole: (e.target as HTMLInputElement).value }); setPole(null); }} />
      </label>
      <button type="button" class="big" data-testid="find-pole" onClick={findPole}>{i.t('findPole')}</button>
      {poleMsg && <p class="error small">{poleMsg}</p>}
      {pole && (
        <p class="small" data-testid="pole-info">{i.t('onPole', {
          l: pole.luminaires.filter((l) => l.removedAt === null).map((l) => `${l.modelId ?? l.id}${l.nominalPowerW ? ` ${i.watts(l.nominalPowerW)}` : ''} — ${l.controller ?? i.t('noController')}`).join(' ; ') || '—',
        })}</p>
      )}
      <label>{i.t('newController')}
        <input name="new-label" autocomplete="off" autocapitalize="characters" spellcheck={false} placeholder="SLC1:…" value={d.label} onInput={(e) => set({ label: (e.target as HTMLInputElement).value })} />
      </label>
      {fromLabel && <p class="ok small" data-testid="new-label-read">{i.t('labelRead', { d: fromLabel.deviceId, c: fromLabel.claimCode })}</p>}
      {!fromLabel && (
        <fieldset class="stack plain-fieldset">
          <legend class="muted small">{i.t('orTypeIt')}</legend>
          <label>{i.t('deviceId')}
            <input name="new-device-id" autocomplete="off" autocapitalize="characters" spellcheck={false} value={d.deviceId} onInput={(e) => set({ deviceId: (e.target as HTMLInputElement).value })} />
          </label>
          <label>{i.t('claimCode')}
            <input name="new-claim-code" autocomplete="off" autocapitalize="characters" spellcheck={false} placeholder="7KQ2-M9XD-4TRW" value={d.claimCode} onInput={(e) => set({ claimCode: (e.target as HTMLInputElement).value })} />
          </label>
        </fieldset>
      )}
      <label>{i.t('oldController')}
        <input name="old-device-id" autocomplete="off" autocapitalize="characters" spellcheck={false} value={d.oldDeviceId} onInput={(e) => set({ oldDeviceId: (e.target as HTMLInputElement).value })} />
      </label>
      <button type="submit" class="primary big" data-testid="replace" disabled={busy}>{req.sending?.state === 'sending' ? i.t('replacing') : i.t('replace')}</button>
      {status}
    </form>
  );
}
