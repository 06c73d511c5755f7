/** Firmware: OTA images and campaigns are not served by the API yet; say so, and show the installed versions (real data). */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { hasRoute } from '../api.js';
import type { PageProps } from '../app.js';
import { useFleet } from '../hooks.js';
import { useI18n } from '../i18n.js';

export function FirmwarePage({ tenant }: PageProps) {
  const i = useI18n();
  const { devices } = useFleet(tenant.tenantId);
  const [ota, setOta] = useState<boolean | null>(null);
  useEffect(() => { void hasRoute('/api/tenants/{tenant}/ota/campaigns').then(setOta); }, []);
  const versions = useMemo(() => {
    const m = new Map<string, number>();
    for (const d of devices ?? []) { const v = d.firmwareVersion ?? '—'; m.set(v, (m.get(v) ?? 0) + 1); }
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [devices]);
  return (
    <div class="page">
      {ota !== true && <p class="notice" data-testid="firmware-na"><b>{i.t('notAvailable')}.</b> {i.t('firmwareNA')}</p>}
      <section class="card">
        <h3>{i.t('versions')}</h3>
        <table class="table compact"><tbody>{versions.map(([v, n]) => <tr key={v}><td>{v}</td><td class="num">{i.t('count', { n: i.num(n) })}</td></tr>)}</tbody></table>
      </section>
    </div>
  );
}
