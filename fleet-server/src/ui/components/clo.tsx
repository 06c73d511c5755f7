/**
 * Issue 17, constant light output as the lights report it: on the light page, the drive (as a share of the plan
 * level), the LED's age and the energy saved; on the energy page, the town's lights with it and the saving to date.
 * Both read the server's last reports (routes/clo.ts); nothing shows for a town or light without it.
 */
import { get, hasRoute, tp, type CloStatus, type TenantClo } from '../api.js';
import { usePoll } from '../hooks.js';
import { useI18n } from '../i18n.js';

export function LightClo({ tenant, deviceId }: { tenant: string; deviceId: string }) {
  const i = useI18n();
  const { data } = usePoll(async () => ((await hasRoute('/api/tenants/{tenant}/devices/{deviceId}/clo'))
    ? { clo: await get<CloStatus | null>(tp(tenant, `/devices/${encodeURIComponent(deviceId)}/clo`)) } : null), 30_000, [tenant, deviceId]);
  if (!data) return null;
  return (
    <section class="card" data-testid="light-clo">
      <h3>{i.t('cloTitle')}</h3>
      {data.clo ? (
        <div class="kpis">
          <div><span>{i.t('cloDrive')}</span><b>{i.pct(data.clo.drivePct)}</b></div>
          <div><span>{i.t('cloLedHours')}</span><b>{i.t('hours', { n: i.num(data.clo.ledHours) })}</b></div>
          <div><span>{i.t('cloSaved')}</span><b data-testid="clo-saved">{i.kwh(data.clo.savedKwh)}</b></div>
        </div>
      ) : <p class="muted">{i.t('cloNone')}</p>}
    </section>
  );
}

export function TownClo({ tenant }: { tenant: string }) {
  const i = useI18n();
  const { data } = usePoll(async () => ((await hasRoute('/api/tenants/{tenant}/clo')) ? get<TenantClo>(tp(tenant, '/clo')) : null), 60_000, [tenant]);
  if (!data || data.lights === 0) return null;
  return <p class="muted" data-testid="town-clo">{i.t('cloTown', { n: i.num(data.lights), k: i.kwh(data.savedKwh) })}</p>;
}
