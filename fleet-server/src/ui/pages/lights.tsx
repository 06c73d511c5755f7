/** Light list: search, filters by state and group, sorting, pages of 100 (10,000 lights stay fast). */
import { useMemo, useState } from 'preact/hooks';
import type { PageProps } from '../app.js';
import { useFleet } from '../hooks.js';
import { useI18n } from '../i18n.js';
import { go, href } from '../router.js';
import { LIGHT_STATES, lightState, stateKey, type LightState } from '../state.js';

const PAGE = 100;

export function LightsPage({ tenant, query }: PageProps) {
  const i = useI18n();
  const { devices, faulty } = useFleet(tenant.tenantId);
  const [q, setQ] = useState(query.get('q') ?? '');
  const [state, setState] = useState<LightState | ''>((query.get('state') as LightState | null) ?? '');
  const [group, setGroup] = useState(query.get('group') ?? '');
  const [page, setPage] = useState(0);
  const [sort, setSort] = useState<'id' | 'level' | 'seen'>('id');

  const rows = useMemo(() => (devices ?? []).map((d) => ({ d, s: lightState(d, faulty) })), [devices, faulty]);
  const groups = useMemo(() => [...new Set(rows.flatMap((r) => r.d.groups))].sort(), [rows]);
  const filtered = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const out = rows.filter(({ d, s }) => (!state || s === state) && (!group || d.groups.includes(group)) &&
      (!needle || d.id.toLowerCase().includes(needle) || (d.inventory?.poleRef ?? '').toLowerCase().includes(needle) || d.groups.some((g) => g.toLowerCase().includes(needle))));
    if (sort === 'level') out.sort((a, b) => (b.d.reported?.level ?? -1) - (a.d.reported?.level ?? -1));
    if (sort === 'seen') out.sort((a, b) => (b.d.lastSeen ?? '').localeCompare(a.d.lastSeen ?? ''));
    return out;
  }, [rows, q, state, group, sort]);
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE));
  const p = Math.min(page, pages - 1);

  return (
    <div class="page">
      <div class="toolbar">
        <input type="search" class="grow" placeholder={i.t('search')} aria-label={i.t('search')} value={q} data-testid="light-search" onInput={(e) => { setQ((e.target as HTMLInputElement).value); setPage(0); }} />
        <select aria-label={i.t('state')} value={state} data-testid="state-filter" onChange={(e) => { setState((e.target as HTMLSelectElement).value as LightState | ''); setPage(0); }}>
          <option value="">{i.t('allStates')}</option>
          {LIGHT_STATES.map((s) => <option key={s} value={s}>{i.t(stateKey(s))}</option>)}
        </select>
        <select aria-label={i.t('group')} value={group} onChange={(e) => { setGroup((e.target as HTMLSelectElement).value); setPage(0); }}>
          <option value="">{i.t('allGroups')}</option>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </div>
      <p class="muted" data-testid="light-count">{i.t('count', { n: i.num(filtered.length) })}</p>
      <div class="table-wrap">
        <table class="table">
          <thead><tr>
            <th><button class="link" onClick={() => setSort('id')}>{i.t('id')}</button></th><th>{i.t('pole')}</th><th>{i.t('street')}</th><th>{i.t('state')}</th>
            <th class="num"><button class="link" onClick={() => setSort('level')}>{i.t('level')}</button></th><th class="num hide-sm">{i.t('power')}</th>
            <th class="hide-sm"><button class="link" onClick={() => setSort('seen')}>{i.t('lastReport')}</button></th>
          </tr></thead>
          <tbody>
            {filtered.slice(p * PAGE, (p + 1) * PAGE).map(({ d, s }) => (
              <tr key={d.id} class="clickable" onClick={() => go(href(tenant.tenantId, 'light', d.id))}>
                <td><a href={href(tenant.tenantId, 'light', d.id)}>{d.id}</a></td>
                <td>{d.inventory?.poleRef ?? '—'}</td>
                <td>{d.groups.join(', ') || '—'}</td>
                <td><span class={`badge b-${s}`}>{i.t(stateKey(s))}</span></td>
                <td class="num">{d.reported?.level != null ? i.pct(d.reported.level) : '—'}</td>
                <td class="num hide-sm">{i.watts(d.reported?.powerMw != null ? d.reported.powerMw / 1000 : null)}</td>
                <td class="hide-sm">{i.dateTime(d.reported?.at ?? d.lastSeen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <div class="pager">
          <button disabled={p === 0} onClick={() => setPage(p - 1)}>{i.t('prev')}</button>
          <span>{i.t('page', { p: p + 1, n: pages })}</span>
          <button disabled={p >= pages - 1} onClick={() => setPage(p + 1)}>{i.t('next')}</button>
        </div>
      )}
    </div>
  );
}
