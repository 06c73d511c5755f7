/**
 * Town settings: the time zone, tariff and emission factor of the energy reports (GET/PUT …/energy/settings;
 * the zone is also the one every time of the UI is shown in), and the luminaire catalogue (models with rated
 * power, dimming curve, minimum level, colour temperature and upward light ratio, and the decree's flux, CIE flux code n°3,
 * maximum power, with the driver's dimming interface; …/luminaire-models).
 * Managers change them; other roles read.
 */
import { useEffect, useState } from 'preact/hooks';
import { api, get, tp, type ApiError } from '../api.js';
import { can, TOWN_SETTINGS_CHANGED, type PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';

interface EnergySettings { tz: string; tariffEurPerKwh: number; emissionGPerKwh: number; isDefault: boolean }
const DRIVERS = ['pwm', '0-10v', '1-10v', 'dali', 'd4i'] as const;
type Driver = (typeof DRIVERS)[number];
interface Model {
  id: string; name: string | null; cctK: number | null; ulrPct: number | null; nominalW: number; curve: 'linear' | 'logarithmic'; minLevel: number; updatedAt: string;
  fluxLm: number | null; cieFluxCode3Pct: number | null; maxPowerW: number | null; driverInterface: Driver | null;
  /** Issue 17, constant light output: lumen maintenance Lxx at cloRatedH hours (null: none). */
  cloLxxPct?: number | null; cloRatedH?: number | null;
}

/** POSIX TZ rules of mainland France and the overseas territories (what the poles and the reports use). */
const ZONES: Array<{ rule: string; key: Key }> = [
  { rule: 'CET-1CEST,M3.5.0,M10.5.0/3', key: 'tz_fr' },
  { rule: 'AST4', key: 'tz_antilles' },
  { rule: '<-03>3', key: 'tz_guyane' },
  { rule: '<+04>-4', key: 'tz_reunion' },
  { rule: 'EAT-3', key: 'tz_mayotte' },
  { rule: '<-03>3<-02>,M3.2.0,M11.1.0', key: 'tz_spm' },
  { rule: '<+11>-11', key: 'tz_nc' },
  { rule: '<-10>10', key: 'tz_pf' },
  { rule: '<+12>-12', key: 'tz_wf' },
  { rule: 'UTC0', key: 'tz_utc' },
];

export function SettingsPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const manager = can(tenant.role, 'manager');
  return (
    <div class="page">
      <div class="grid2">
        <EnergySettingsCard tenant={T} manager={manager} />
        <section class="card"><p class="muted small">{i.t('settingsHelp')}</p></section>
      </div>
      <CatalogueCard tenant={T} manager={manager} />
      {!manager && <p class="muted small">{i.t('readOnly')}</p>}
    </div>
  );
}

function EnergySettingsCard({ tenant, manager }: { tenant: string; manager: boolean }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<EnergySettings>(tp(tenant, '/energy/settings')), 0, [tenant]);
  const [tz, setTz] = useState('');
  const [custom, setCustom] = useState(false);
  const [tariff, setTariff] = useState('');
  const [emission, setEmission] = useState('');
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  useEffect(() => {
    if (!data) return;
    setTz(data.tz); setCustom(!ZONES.some((z) => z.rule === data.tz));
    setTariff(String(data.tariffEurPerKwh)); setEmission(String(data.emissionGPerKwh));
  }, [data]);
  const num = (v: string): number => Number(v.replace(',', '.'));
  const save = async (e: Event): Promise<void> => {
    e.preventDefault(); setMsg(''); setErr('');
    try {
      await api('PUT', tp(tenant, '/energy/settings'), { tz: tz.trim(), tariffEurPerKwh: num(tariff), emissionGPerKwh: num(emission) });
      setMsg(i.t('settingsSaved'));
      reload();
      window.dispatchEvent(new Event(TOWN_SETTINGS_CHANGED));
    } catch (x) { setErr((x as ApiError).message); }
  };
  if (!data) return <section class="card"><p class="muted">{i.t('loading')}</p></section>;
  return (
    <section class="card">
      <h3>{i.t('energySettings')}</h3>
      {data.isDefault && <p class="notice small">{i.t('settingsDefault')}</p>}
      <form class="stack" data-testid="energy-settings" onSubmit={(e) => void save(e)}>
        <label>{i.t('timeZone')}
          <select name="tz-preset" disabled={!manager} value={custom ? '' : tz} onChange={(e) => {
            const v = (e.target as HTMLSelectElement).value;
            if (v) { setTz(v); setCustom(false); } else setCustom(true);
          }}>
            {ZONES.map((z) => <option key={z.rule} value={z.rule}>{i.t(z.key)}</option>)}
            <option value="">{i.t('tz_custom')}</option>
          </select>
        </label>
        {custom && <label>{i.t('tzRule')}<input name="tz" required disabled={!manager} value={tz} placeholder="CET-1CEST,M3.5.0,M10.5.0/3" onInput={(e) => setTz((e.target as HTMLInputElement).value)} /></label>}
        <label>{i.t('tariff')}<input name="tariff" inputMode="decimal" required disabled={!manager} value={tariff} onInput={(e) => setTariff((e.target as HTMLInputElement).value)} /></label>
        <label>{i.t('emissionFactor')}<input name="emission" inputMode="decimal" required disabled={!manager} value={emission} onInput={(e) => setEmission((e.target as HTMLInputElement).value)} /></label>
        <p class="muted small">{i.t('tzNote')}</p>
        {manager && <button class="primary" type="submit">{i.t('save')}</button>}
        {msg && <p class="ok" role="status">{msg}</p>}
        {err && <p class="error" role="alert">{err}</p>}
      </form>
    </section>
  );
}

const EMPTY = { id: '', name: '', nominalW: '', curve: 'linear' as 'linear' | 'logarithmic', minLevel: '0', cctK: '', ulrPct: '', fluxLm: '', cie3: '', maxPowerW: '', driver: '' as Driver | '', cloLxx: '', cloH: '' };
/** A catalogue row as the form edits it. */
const toForm = (m: Model): typeof EMPTY => ({
  id: m.id, name: m.name ?? '', nominalW: String(m.nominalW), curve: m.curve, minLevel: String(m.minLevel), cctK: m.cctK ? String(m.cctK) : '',
  ulrPct: m.ulrPct != null ? String(m.ulrPct) : '', fluxLm: m.fluxLm != null ? String(m.fluxLm) : '', cie3: m.cieFluxCode3Pct != null ? String(m.cieFluxCode3Pct) : '',
  maxPowerW: m.maxPowerW != null ? String(m.maxPowerW) : '', driver: m.driverInterface ?? '',
  cloLxx: m.cloLxxPct != null ? String(m.cloLxxPct) : '', cloH: m.cloRatedH != null ? String(m.cloRatedH) : '',
});

function CatalogueCard({ tenant, manager }: { tenant: string; manager: boolean }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<Model[]>(tp(tenant, '/luminaire-models')), 0, [tenant]);
  const [form, setForm] = useState<typeof EMPTY | null>(null);
  const [editing, setEditing] = useState(false);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const set = (patch: Partial<typeof EMPTY>): void => setForm((f) => (f ? { ...f, ...patch } : f));
  const opt = (v: string): number | null => (v.trim() === '' ? null : Number(v.replace(',', '.')));
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!form) return;
    setMsg(''); setErr('');
    try {
      const r = await api<{ devicesUpdated: number }>('PUT', tp(tenant, `/luminaire-models/${encodeURIComponent(form.id.trim())}`), {
        ...(form.name.trim() ? { name: form.name.trim() } : {}), nominalW: Number(form.nominalW), curve: form.curve, minLevel: Number(form.minLevel),
        cctK: opt(form.cctK), ulrPct: opt(form.ulrPct),
        fluxLm: opt(form.fluxLm), cieFluxCode3Pct: opt(form.cie3), maxPowerW: opt(form.maxPowerW), driverInterface: form.driver === '' ? null : form.driver,
        cloLxxPct: opt(form.cloLxx), cloRatedH: opt(form.cloH),
      });
      setMsg(i.t('modelSaved', { m: form.id.trim(), n: r.devicesUpdated }));
      setForm(null); reload();
    } catch (x) { setErr((x as ApiError).message); }
  };
  const remove = async (m: Model): Promise<void> => {
    if (!window.confirm(i.t('confirmRemoveModel', { m: m.id }))) return;
    setMsg(''); setErr('');
    try { await api('DELETE', tp(tenant, `/luminaire-models/${encodeURIComponent(m.id)}`)); reload(); } catch (x) { setErr((x as ApiError).message); }
  };
  return (
    <section class="card">
      <h3>{i.t('catalogue')}</h3>
      <div class="table-wrap"><table class="table compact" data-testid="catalogue">
        <thead><tr><th>{i.t('model')}</th><th class="num">{i.t('nominalPower')}</th><th>{i.t('curve')}</th><th class="num">{i.t('minLevel')}</th><th class="num hide-sm">{i.t('cct')}</th><th class="num hide-sm">{i.t('ulr')}</th><th class="hide-sm">{i.t('driverInterface')}</th><th class="hide-sm">{i.t('lumenMaintenance')}</th><th /></tr></thead>
        <tbody>{(data ?? []).map((m) => (
          <tr key={m.id} data-model={m.id}>
            <td><b>{m.id}</b>{m.name ? <><br /><small class="muted">{m.name}</small></> : null}</td>
            <td class="num">{i.watts(m.nominalW)}</td><td>{i.t(`curve_${m.curve}` as Key)}</td><td class="num">{i.pct(m.minLevel)}</td>
            <td class="num hide-sm">{m.cctK ? `${i.num(m.cctK)} K` : '—'}</td><td class="num hide-sm">{m.ulrPct != null ? `${i.num(m.ulrPct, 1)} %` : '—'}</td>
            <td class="hide-sm">{i.t(`driver_${m.driverInterface ?? 'none'}` as Key)}</td>
            <td class="hide-sm" data-testid="model-clo">{m.cloLxxPct != null && m.cloRatedH != null ? i.t('lxxAt', { l: m.cloLxxPct, h: i.num(m.cloRatedH) }) : '—'}</td>
            <td>{manager && <span class="row">
              <button class="small" onClick={() => { setEditing(true); setForm(toForm(m)); }}>{i.t('editPlan')}</button>
              <button class="small" aria-label={i.t('remove')} onClick={() => void remove(m)}>✕</button>
            </span>}</td>
          </tr>
        ))}</tbody>
      </table></div>
      {data && data.length === 0 && <p class="muted">{i.t('none')}</p>}
      {manager && !form && <button class="primary" data-testid="add-model" onClick={() => { setEditing(false); setForm({ ...EMPTY }); }}>{i.t('addModel')}</button>}
      {form && (
        <form class="stack inset" data-testid="model-form" onSubmit={(e) => void save(e)}>
          <div class="row wrap">
            <label>{i.t('modelId')}<input name="model-id" required maxLength={64} disabled={editing} value={form.id} onInput={(e) => set({ id: (e.target as HTMLInputElement).value })} /></label>
            <label class="grow">{i.t('name')}<input name="model-name" maxLength={200} value={form.name} onInput={(e) => set({ name: (e.target as HTMLInputElement).value })} /></label>
          </div>
          <div class="row wrap">
            <label>{i.t('nominalPower')} (W)<input name="nominal-w" type="number" required min={1} max={100000} class="narrow" value={form.nominalW} onInput={(e) => set({ nominalW: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('curve')}<select name="curve" value={form.curve} onChange={(e) => set({ curve: (e.target as HTMLSelectElement).value as 'linear' | 'logarithmic' })}>
              <option value="linear">{i.t('curve_linear')}</option><option value="logarithmic">{i.t('curve_logarithmic')}</option></select></label>
            <label>{i.t('minLevel')} (%)<input name="min-level" type="number" min={0} max={100} class="narrow" value={form.minLevel} onInput={(e) => set({ minLevel: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('cct')} (K)<input name="cct" type="number" min={1000} max={10000} class="narrow" value={form.cctK} onInput={(e) => set({ cctK: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('ulr')} (%)<input name="ulr" type="number" min={0} max={100} step="0.1" class="narrow" value={form.ulrPct} onInput={(e) => set({ ulrPct: (e.target as HTMLInputElement).value })} /></label>
          </div>
          <fieldset class="row wrap plain-fieldset">
            <legend class="muted small">{i.t('decreeFields')}</legend>
            <label>{i.t('fluxLm')}<input name="flux" type="number" min={1} max={1000000} class="narrow" value={form.fluxLm} onInput={(e) => set({ fluxLm: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('cieCode3')}<input name="cie3" type="number" min={0} max={100} step="0.1" class="narrow" value={form.cie3} onInput={(e) => set({ cie3: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('maxPowerW')}<input name="max-power" type="number" min={1} max={100000} class="narrow" value={form.maxPowerW} onInput={(e) => set({ maxPowerW: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('driverInterface')}<select name="driver" value={form.driver} onChange={(e) => set({ driver: (e.target as HTMLSelectElement).value as Driver | '' })}>
              <option value="">{i.t('driver_none')}</option>
              {DRIVERS.map((d) => <option key={d} value={d}>{i.t(`driver_${d}` as Key)}</option>)}
            </select></label>
          </fieldset>
          <fieldset class="row wrap plain-fieldset">
            <legend class="muted small">{i.t('cloFields')}</legend>
            <label>{i.t('cloLxx')}<input name="clo-lxx" type="number" min={50} max={99} class="narrow" value={form.cloLxx} required={form.cloH.trim() !== ''} onInput={(e) => set({ cloLxx: (e.target as HTMLInputElement).value })} /></label>
            <label>{i.t('cloRatedH')}<input name="clo-hours" type="number" min={1000} max={1000000} step={1000} value={form.cloH} required={form.cloLxx.trim() !== ''} onInput={(e) => set({ cloH: (e.target as HTMLInputElement).value })} /></label>
            <p class="muted small">{i.t('cloHelp')}</p>
          </fieldset>
          <div class="row"><button class="primary" type="submit">{i.t('save')}</button><button type="button" onClick={() => setForm(null)}>{i.t('cancel')}</button></div>
        </form>
      )}
      {msg && <p class="ok" role="status" data-testid="catalogue-message">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
    </section>
  );
}
