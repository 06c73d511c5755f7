/** Alarms: list with state filter, acknowledge, link to the light (issue 5's alarms API). */
import { useEffect, useState } from 'preact/hooks';
import { api, get, hasRoute, tp, type Alarm } from '../api.js';
import { can, type PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { href } from '../router.js';

export function AlarmsPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const [available, setAvailable] = useState<boolean | null>(null);
  useEffect(() => { void hasRoute('/api/tenants/{tenant}/alarms').then(setAvailable); }, []);
  const [state, setState] = useState('open,acknowledged');
  const { data, reload } = usePoll(available ? () => get<{ counts: Record<string, number>; alarms: Alarm[] }>(tp(T, `/alarms?limit=500${state ? `&state=${state}` : ''}`)) : null, 5000, [T, available, state]);
  if (available === false) return <div class="page"><p class="notice">{i.t('alarms')} — {i.t('notAvailable')}</p></div>;
  const ack = async (id: number): Promise<void> => { await api('POST', tp(T, `/alarms/${id}/acknowledge`), {}); reload(); };
  return (
    <div class="page">
      <div class="toolbar">
        <select value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>
          <option value="open,acknowledged">{i.t('open')} + {i.t('acknowledged')}</option><option value="open">{i.t('open')}</option><option value="">{i.t('all')}</option>
        </select>
        {data && <span class="muted">{i.t('alarmsOpen', { n: data.counts.open ?? 0 })}</span>}
      </div>
      {!data ? <p class="muted">{i.t('loading')}</p> : data.alarms.length === 0 ? <p class="muted">{i.t('none')}</p> : (
        <div class="table-wrap"><table class="table" data-testid="alarms-table">
          <thead><tr><th>{i.t('raised')}</th><th>{i.t('light')}</th><th>{i.t('alarmType')}</th><th>{i.t('severity')}</th><th>{i.t('state')}</th><th class="hide-sm">{i.t('detail')}</th><th /></tr></thead>
          <tbody>{data.alarms.map((a) => (
            <tr key={a.id}>
              <td>{i.dateTime(a.raisedAt)}</td><td><a href={href(T, 'light', a.deviceId)}>{a.deviceId}</a></td><td>{i.code('event', a.type)}</td>
              <td><span class={`badge sev-${a.severity}`}>{i.code('sev', a.severity)}</span></td><td>{i.t(a.state as Key)}{a.acknowledgedBy ? ` (${ackBy(a.acknowledgedBy, i.lang)})` : ''}</td>
              <td class="hide-sm">{a.detail}</td>
              <td>{a.state === 'open' && can(tenant.role, 'manager') && <button class="small" onClick={() => void ack(a.id)}>{i.t('ack')}</button>}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
    </div>
  );
}

/** Who acknowledged: an e-mail as is; the server's `token <name>` for an API token, in the reader's language. */
function ackBy(by: string, lang: 'fr' | 'en'): string {
  const token = /^token (.+)$/.exec(by)?.[1];
  return token === undefined ? by : lang === 'fr' ? `jeton « ${token} »` : `token "${token}"`;
}
