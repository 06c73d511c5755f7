/** Set a temporary level on a light or a group (event, works), with a duration; the device reverts by itself at expiry. */
import { useState } from 'preact/hooks';
import type { ApiError} from '../api.js';
import { api, tp } from '../api.js';
import { useI18n } from '../i18n.js';

const DURATIONS = [15, 30, 60, 120, 240, 480, 720, 1440, 2880, 10080];

export function OverrideForm({ tenant, kind, id, active, onDone }: {
  tenant: string; kind: 'device' | 'group'; id: string;
  active?: { level: number; expiresAt: string } | null;
  onDone?: () => void;
}) {
  const i = useI18n();
  const [level, setLevel] = useState(100);
  const [minutes, setMinutes] = useState(60);
  const [fadeS, setFadeS] = useState(2);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const path = tp(tenant, `/${kind === 'device' ? 'devices' : 'groups'}/${encodeURIComponent(id)}/override`);
  const run = async (f: () => Promise<string>): Promise<void> => {
    setErr(''); setMsg('');
    try { setMsg(await f()); onDone?.(); } catch (e) { setErr((e as ApiError).status === 403 ? i.t('forbidden') : (e as Error).message); }
  };
  return (
    <form class="override" data-testid={`override-${kind}`} onSubmit={(e) => { e.preventDefault(); void run(async () => {
      const r = await api<{ devices: number }>('PUT', path, { level, durationS: minutes * 60, fadeS });
      return i.t('overrideSet', { n: r.devices });
    }); }}>
      <p class="override-now">{active ? i.t('overrideActive', { l: i.pct(active.level), t: i.dateTime(active.expiresAt) }) : i.t('overrideNone')}</p>
      <div class="row">
        <label class="grow">{i.t('level')} <output>{i.pct(level)}</output>
          <input type="range" min={0} max={100} step={5} value={level} name="level" onInput={(e) => setLevel(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>{i.t('duration')}
          <select name="duration" value={minutes} onChange={(e) => setMinutes(Number((e.target as HTMLSelectElement).value))}>
            {DURATIONS.map((m) => <option key={m} value={m}>{i.duration(m)}</option>)}
          </select>
        </label>
        <label>{i.t('fade')}<input type="number" min={0} max={3600} value={fadeS} class="narrow" onInput={(e) => setFadeS(Number((e.target as HTMLInputElement).value))} /></label>
      </div>
      <div class="row">
        <button type="submit" class="primary">{i.t('apply')}</button>
        {active && <button type="button" onClick={() => void run(async () => { await api('DELETE', path); return i.t('overrideCleared'); })}>{i.t('clear')}</button>}
      </div>
      {msg && <p class="ok" role="status">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
    </form>
  );
}
