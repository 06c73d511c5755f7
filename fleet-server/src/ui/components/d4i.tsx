/**
 * Issue 17: a light's luminaire as its DALI-2 / D4i driver describes it (GET …/luminaire-data): the values the
 * inventory uses with their source (declared, or reported by the driver, and the driver's own beside a declared one
 * that differs), the driver, its diagnostics and failures; a manager can ask the controller to read the driver again.
 */
import { useState } from 'preact/hooks';
import { api, tp } from '../api.js';
import { useI18n, type Key } from '../i18n.js';

interface Sourced<T> { value: T | null; source: 'declared' | 'driver' | null; driver: T | null }
export interface LuminaireData {
  deviceId: string;
  report: {
    receivedAt: string; readAt: string | null; reason: string; d4i: boolean;
    luminaire: { gtin: string | null; serial: string | null; yearOfManufacture: number | null; weekOfManufacture: number | null; minMainsV: number | null; maxMainsV: number | null; cri: number | null };
    driver: { gtin: string | null; serial: string | null; firmware: string | null };
    diagnostics: {
      energyWh: number | null; powerW: number | null; operatingHours: number | null; startCount: number | null; supplyV: number | null; driverTemperatureC: number | null;
      ledOnHours: number | null; ledVoltageV: number | null; ledCurrentMa: number | null; failures: string[];
    };
  } | null;
  values: { gtin: Sourced<string>; nominalPowerW: Sourced<number>; cctK: Sourced<number>; fluxLm: Sourced<number> };
}

export function D4iCard({ tenant, data, canRead, onRead }: { tenant: string; data: LuminaireData; canRead: boolean; onRead: () => void }) {
  const i = useI18n();
  const [note, setNote] = useState<string | null>(null);
  const r = data.report;
  const v = data.values;
  const src = <T,>(s: Sourced<T>, show: (x: T) => string) => (
    <>
      {s.value === null ? '—' : show(s.value)}{' '}
      {s.source && <small class={`badge src-${s.source}`} data-testid={`d4i-src-${s.source}`}>{i.t(s.source === 'declared' ? 'srcDeclared' : 'srcDriver')}</small>}
      {s.source === 'declared' && s.driver !== null && s.driver !== s.value && <small class="muted"> {i.t('srcDriverSays', { v: show(s.driver) })}</small>}
    </>
  );
  const read = async (): Promise<void> => {
    setNote(null);
    try {
      const out = await api<{ downlinkSeq: number; online: boolean }>('POST', tp(tenant, `/devices/${encodeURIComponent(data.deviceId)}/luminaire-data/read`));
      setNote(i.t(out.online ? 'd4iReadSent' : 'd4iReadOffline'));
      onRead();
    } catch (err) {
      setNote(err instanceof Error ? err.message : String(err));
    }
  };
  const k = (n: number | null, unit: string, digits = 0): string => (n === null ? '—' : `${i.num(n, digits)}\u202f${unit}`);
  return (
    <section class="card" data-testid="light-d4i">
      <h3>{i.t('d4iTitle')}</h3>
      {!r ? <p class="muted">{i.t('d4iNone')}</p> : (
        <p class="muted">{i.t('d4iReadAt', { d: i.dateTime(r.readAt ?? r.receivedAt), r: i.t(`d4iReason_${r.reason}` as Key) })}{r.d4i ? '' : ` ${i.t('d4iNotD4i')}`}</p>
      )}
      <dl class="kv">
        <dt>{i.t('gtin')}</dt><dd data-testid="d4i-gtin">{src(v.gtin, (x) => x)}</dd>
        <dt>{i.t('nominalPower')}</dt><dd data-testid="d4i-power">{src(v.nominalPowerW, (x) => i.watts(x))}</dd>
        <dt>{i.t('cct')}</dt><dd data-testid="d4i-cct">{src(v.cctK, (x) => `${i.num(x)}\u202fK`)}</dd>
        <dt>{i.t('flux')}</dt><dd data-testid="d4i-flux">{src(v.fluxLm, (x) => `${i.num(x)}\u202flm`)}</dd>
        {r && <>
          <dt>{i.t('serialNumber')}</dt><dd>{r.luminaire.serial ?? '—'}</dd>
          <dt>{i.t('manufactured')}</dt><dd>{r.luminaire.yearOfManufacture ? i.t('weekOfYear', { w: r.luminaire.weekOfManufacture ?? '—', y: r.luminaire.yearOfManufacture }) : '—'}</dd>
          <dt>{i.t('cri')}</dt><dd>{r.luminaire.cri ?? '—'}</dd>
          <dt>{i.t('mainsRange')}</dt><dd>{r.luminaire.minMainsV !== null && r.luminaire.maxMainsV !== null ? `${r.luminaire.minMainsV}–${r.luminaire.maxMainsV}\u202fV` : '—'}</dd>
          <dt>{i.t('driverIdentity')}</dt><dd>{[r.driver.gtin, r.driver.serial, r.driver.firmware && `v${r.driver.firmware}`].filter(Boolean).join(' · ') || '—'}</dd>
        </>}
      </dl>
      {r && <>
        <h3>{i.t('d4iDiagnostics')}</h3>
        <dl class="kv">
          <dt>{i.t('d4iFailures')}</dt>
          <dd data-testid="d4i-failures">{r.diagnostics.failures.length === 0 ? i.t('none') : r.diagnostics.failures.map((f) => i.t(`d4iFail_${f}` as Key)).join(', ')}</dd>
          <dt>{i.t('driverEnergy')}</dt><dd>{r.diagnostics.energyWh === null ? '—' : `${i.num(r.diagnostics.energyWh / 1000, 1)}\u202fkWh`}</dd>
          <dt>{i.t('power')}</dt><dd>{i.watts(r.diagnostics.powerW)}</dd>
          <dt>{i.t('operatingHours')}</dt><dd>{k(r.diagnostics.operatingHours, 'h')}</dd>
          <dt>{i.t('ledOnHours')}</dt><dd>{k(r.diagnostics.ledOnHours, 'h')}</dd>
          <dt>{i.t('starts')}</dt><dd>{r.diagnostics.startCount === null ? '—' : i.num(r.diagnostics.startCount)}</dd>
          <dt>{i.t('supplyVoltage')}</dt><dd>{k(r.diagnostics.supplyV, 'V', 1)}</dd>
          <dt>{i.t('driverTemperature')}</dt><dd>{k(r.diagnostics.driverTemperatureC, '°C')}</dd>
          <dt>{i.t('ledVoltageCurrent')}</dt><dd>{k(r.diagnostics.ledVoltageV, 'V', 1)}, {k(r.diagnostics.ledCurrentMa, 'mA')}</dd>
        </dl>
      </>}
      {canRead && <p><button type="button" style={{ minHeight: '44px' }} onClick={() => { void read(); }} data-testid="d4i-read">{i.t('d4iRead')}</button></p>}
      {note && <p class="notice" role="status">{note}</p>}
    </section>
  );
}
