/**
 * Firmware: signed images and staged campaigns with live progress (per wave, per device), pause, resume,
 * cancel, retry — issue 6's /ota API. When the server has no OTA routes, a clear "not available yet"; when
 * OTA is not configured (no signing key, 503), the server's reason. Installed versions come from the devices.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiError} from '../api.js';
import { api, get, hasRoute, tp, type DeviceStats, type Group } from '../api.js';
import { can, type PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { deviceReasonText, haltText, type Halt } from '../ota-halt.js';

interface Image { id: number; version: string; kind: string; size: number; sha256: string; hardwareModels: string[]; releaseNotes: string | null; createdAt: number }
interface Campaign { id: number; name: string; imageId: number; status: string; haltReason?: string; halt?: Halt; devices: number; counts: Record<string, number>; createdAt: number; target: Record<string, unknown> }
interface CampaignDetail extends Campaign {
  waves: Array<{ wave: number; size: number; started: boolean; counts: Record<string, number> }>;
  deviceStates: Array<{ deviceId: string; wave: number; state: string; progressPct: number; reason?: string; attempts: number }>;
}
const DONE = ['confirmed'];
const BAD = ['rolled_back', 'failed', 'timed_out'];

export function FirmwarePage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const manager = can(tenant.role, 'manager');
  // Installed versions and groups: counted by the server (issue 14), not from the whole device list.
  const { data: fleet } = usePoll(() => Promise.all([get<DeviceStats>(tp(T, '/device-stats')), get<Group[]>(tp(T, '/groups'))]), 15_000, [T]);
  const [ota, setOta] = useState<boolean | null>(null);
  useEffect(() => { void hasRoute('/api/tenants/{tenant}/ota/campaigns').then(setOta); }, []);
  const { data, error, reload } = usePoll(ota ? () => Promise.all([get<Image[]>(tp(T, '/ota/images')), get<Campaign[]>(tp(T, '/ota/campaigns'))]) : null, 3000, [T, ota]);
  const [open, setOpen] = useState<number | null>(null);
  const versions = useMemo(() => (fleet?.[0].firmware ?? []).map((f) => [f.version ?? '—', f.lights] as [string, number]), [fleet]);
  const groups = useMemo(() => (fleet?.[1] ?? []).map((g) => g.id).sort(), [fleet]);
  const unavailable = error && (error as ApiError).status === 503 ? error.message : null;

  return (
    <div class="page">
      {ota === false && <p class="notice" data-testid="firmware-na"><b>{i.t('notAvailable')}.</b> {i.t('firmwareNA')}</p>}
      {unavailable && <p class="notice" data-testid="ota-unconfigured">{i.t('otaUnavailable')}</p>}
      {ota && data && (
        <div class="grid2 wide-left">
          <section class="card">
            <h3>{i.t('campaigns')}</h3>
            {data[1].length === 0 && <p class="muted">{i.t('noCampaign')}</p>}
            <ul class="plain" data-testid="campaigns">{data[1].map((c) => (
              <li key={c.id}>
                <button class="link" onClick={() => setOpen(open === c.id ? null : c.id)}><b>{c.name}</b></button>{' '}
                <span class={`badge ota-${c.status}`}>{i.t(`ota_${c.status}` as Key)}</span>{c.halt ? <small class="error"> {haltText(i, c.halt)}</small> : c.haltReason ? <small class="error"> {c.haltReason}</small> : null}
                <Progress counts={c.counts} total={c.devices} />
                {open === c.id && <CampaignView tenant={T} id={c.id} manager={manager} onChange={reload} />}
              </li>
            ))}</ul>
            {manager && data[0].length > 0 && <NewCampaign tenant={T} images={data[0]} groups={groups} onDone={reload} />}
          </section>
          <section class="card">
            <h3>{i.t('images')}</h3>
            {data[0].length === 0 && <p class="muted">{i.t('noImage')}</p>}
            <table class="table compact" data-testid="images"><tbody>{data[0].map((im) => (
              <tr key={im.id}><td><b>{im.version}</b> <span class="muted">{i.t(im.kind === 'mod' ? 'imageMod' : 'imageFull')}</span><br /><small class="muted">{im.hardwareModels.join(', ')}</small></td>
                <td class="num">{i.bytes(im.size)}<br /><small class="muted">{i.dateTime(im.createdAt)}</small></td></tr>
            ))}</tbody></table>
            {manager && <Upload tenant={T} onDone={reload} />}
          </section>
        </div>
      )}
      <section class="card">
        <h3>{i.t('versions')}</h3>
        <table class="table compact"><tbody>{versions.map(([v, n]) => <tr key={v}><td>{v}</td><td class="num">{i.t('count', { n: i.num(n) })}</td></tr>)}</tbody></table>
      </section>
    </div>
  );
}

function Progress({ counts, total }: { counts: Record<string, number>; total: number }) {
  const ok = DONE.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const bad = BAD.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const busy = total - ok - bad - (counts.queued ?? 0) - (counts.cancelled ?? 0);
  const w = (n: number): string => `${total ? (100 * n) / total : 0}%`;
  return (
    <div class="progress" title={Object.entries(counts).filter(([, n]) => n).map(([s, n]) => `${s}: ${n}`).join(', ')}>
      <span class="p-ok" style={{ width: w(ok) }} /><span class="p-busy" style={{ width: w(busy) }} /><span class="p-bad" style={{ width: w(bad) }} />
      <small>{ok}/{total}</small>
    </div>
  );
}

function CampaignView({ tenant, id, manager, onChange }: { tenant: string; id: number; manager: boolean; onChange: () => void }) {
  const i = useI18n();
  const { data, reload } = usePoll(() => get<CampaignDetail>(tp(tenant, `/ota/campaigns/${id}`)), 2000, [tenant, id]);
  const [err, setErr] = useState('');
  const cmd = async (c: string): Promise<void> => { setErr(''); try { await api('POST', tp(tenant, `/ota/campaigns/${id}/${c}`)); reload(); onChange(); } catch (e) { setErr((e as Error).message); } };
  if (!data) return <p class="muted">{i.t('loading')}</p>;
  return (
    <div class="inset" data-testid="campaign-detail">
      {manager && (
        <div class="row wrap">
          {data.status === 'running' && <button class="small" onClick={() => void cmd('pause')}>{i.t('pause')}</button>}
          {(data.status === 'paused' || data.status === 'halted') && <button class="small" onClick={() => void cmd('resume')}>{i.t('resume')}</button>}
          {data.status !== 'completed' && data.status !== 'cancelled' && <button class="small" onClick={() => void cmd('cancel')}>{i.t('cancelCampaign')}</button>}
          <button class="small" onClick={() => void cmd('retry')}>{i.t('retry')}</button>
        </div>
      )}
      {err && <p class="error">{err}</p>}
      {data.waves.map((w) => (
        <div key={w.wave} class="wave"><small>{i.t('wave', { n: w.wave + 1 })} — {i.t('devices', { n: w.size })}</small><Progress counts={w.counts} total={w.size} /></div>
      ))}
      <div class="table-wrap"><table class="table compact">
        <tbody>{data.deviceStates.slice(0, 200).map((d) => (
          <tr key={d.deviceId}><td>{d.deviceId}</td><td>{i.t(`dev_${d.state}` as Key)}{d.reason ? ` (${deviceReasonText(i, d.reason)})` : ''}</td><td class="num">{i.pct(d.progressPct)}</td></tr>
        ))}</tbody>
      </table></div>
    </div>
  );
}

function NewCampaign({ tenant, images, groups, onDone }: { tenant: string; images: Image[]; groups: string[]; onDone: () => void }) {
  const i = useI18n();
  const [imageId, setImageId] = useState(images[0]?.id ?? 0);
  const [group, setGroup] = useState(groups[0] ?? '');
  const [name, setName] = useState('');
  const [err, setErr] = useState('');
  return (
    <form class="stack inset" data-testid="new-campaign" onSubmit={(e) => { e.preventDefault(); setErr(''); void api('POST', tp(tenant, '/ota/campaigns'), { imageId, target: { group }, ...(name ? { name } : {}) }).then(onDone, (x: Error) => setErr(x.message)); }}>
      <h4>{i.t('newCampaign')}</h4>
      <input placeholder={i.t('campaignName')} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <label>{i.t('image')}<select value={imageId} onChange={(e) => setImageId(Number((e.target as HTMLSelectElement).value))}>{images.map((im) => <option key={im.id} value={im.id}>{im.version} ({i.t(im.kind === 'mod' ? 'imageMod' : 'imageFull')})</option>)}</select></label>
      <label>{i.t('group')}<select name="group" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>{groups.map((g) => <option key={g} value={g}>{g}</option>)}</select></label>
      <button class="primary" type="submit">{i.t('start')}</button>
      {err && <p class="error">{err}</p>}
    </form>
  );
}

function Upload({ tenant, onDone }: { tenant: string; onDone: () => void }) {
  const i = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [models, setModels] = useState('');
  const [err, setErr] = useState('');
  const send = async (e: Event): Promise<void> => {
    e.preventDefault(); setErr('');
    if (!file) return;
    const me = await get<{ csrfToken: string }>('/api/auth/me');
    const q = new URLSearchParams({ version, hardwareModels: models, kind: 'full' });
    const res = await fetch(`${tp(tenant, '/ota/images')}?${q}`, { method: 'POST', body: file, headers: { 'content-type': 'application/octet-stream', 'x-csrf-token': me.csrfToken }, credentials: 'same-origin' });
    if (!res.ok) { setErr(((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.statusText); return; }
    onDone();
  };
  return (
    <form class="stack inset" data-testid="upload-image" onSubmit={(e) => void send(e)}>
      <h4>{i.t('uploadImage')}</h4>
      <input type="file" aria-label={i.t('file')} onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
      <input name="version" placeholder="1.2.0" required value={version} aria-label={i.t('version')} onInput={(e) => setVersion((e.target as HTMLInputElement).value)} />
      <input name="models" placeholder={i.t('hardwareModels')} required value={models} onInput={(e) => setModels((e.target as HTMLInputElement).value)} />
      <button class="primary" type="submit" disabled={!file}>{i.t('upload')}</button>
      {err && <p class="error">{err}</p>}
    </form>
  );
}
