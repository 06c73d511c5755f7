/**
 * Light list: search, filters by state and group, sorting, pages of 100 (10,000 lights stay fast). Managers
 * tick lights (or every light the filters keep) and add them to a group or remove them from one.
 */
import { useMemo, useState } from 'preact/hooks';
import { get, tp, type Group } from '../api.js';
import { can, type PageProps } from '../app.js';
import { MembershipBar } from '../components/membership.js';
import { useFleet, usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { go, href } from '../router.js';
import { LIGHT_STATES, lightState, stateKey, type LightState } from '../state.js';

const PAGE = 100;

export function LightsPage({ tenant, query }: PageProps) {
  const i = useI18n();
  const { devices, faulty, reload } = useFleet(tenant.tenantId);
  const manager = can(tenant.role, 'manager');
  const { data: allGroups, reload: reloadGroups } = usePoll(() => get<Group[]>(tp(tenant.tenantId, '/groups')), 0, [tenant.tenantId]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [q, setQ] = useState(query.get('q') ?? '');
  const [state, setState] = useState<LightState | ''>((query.get('state') as LightState | null) ?? '');
  const [group, setGroup] = useState(query.get('group') ?? '');
  const [page, setPage] = useState(0);
  const [sort, setSort] = useState<'id' | 'level' | 'seen'>('id');

  const rows = useMemo(() => (devices ?? []).map((d) => ({ d, s: lightState(d, faulty) })), [devices, faulty]);
  const groups = useMemo(() => [...new Set([...rows.flatMap((r) => r.d.groups), ...(allGroups ?? []).map((g) => g.id)])].sort(), [rows, allGroups]);
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
  const allPicked = filtered.length > 0 && filtered.every(({ d }) => picked.has(d.id));
  const toggle = (id: string): void => setPicked((cur) => { const n = new Set(cur); if (n.has(id)) n.delete(id); else n.add(id); return n; });

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
      {manager && picked.size > 0 && (
        <section class="card"><MembershipBar tenant={tenant.tenantId} selected={[...picked]} groups={groups}
          onDone={() => { reload(); reloadGroups(); }} onClear={() => setPicked(new Set())} /></section>
      )}
      <div class="table-wrap">
        <table class="table">
          <thead><tr>
            {manager && <th><input type="checkbox" aria-label={i.t('selectAll')} data-testid="select-all" checked={allPicked}
              onChange={() => setPicked(allPicked ? new Set() : new Set(filtered.map(({ d }) => d.id)))} /></th>}
            <th><button class="link" onClick={() => setSort('id')}>{i.t('id')}</button></th><th>{i.t('pole')}</th><th>{i.t('street')}</th><th>{i.t('state')}</th>
            <th class="num"><button class="link" onClick={() => setSort('level')}>{i.t('level')}</button></th><th class="num hide-sm">{i.t('power')}</th>
            <th class="hide-sm"><button class="link" onClick={() => setSort('seen')}>{i.t('lastReport')}</button></th>
          </tr></thead>
          <tbody>
            {filtered.slice(p * PAGE, (p + 1) * PAGE).map(({ d, s }) => (
              <tr key={d.id} class="clickable" data-light={d.id} onClick={() => go(href(tenant.tenantId, 'light', d.id))}>
                {manager && <td onClick={(e) => e.stopPropagation()}><input type="checkbox" aria-label={d.id} checked={picked.has(d.id)} onChange={() => toggle(d.id)} /></td>}
                <td><a href={href(tenant.tenantId, 'light', d.id)}>{d.id}</a></td>
                <td>{d.inventory?.poleRef ?? '—'}</td>
                <td>{d.groups.join(', ') || '—'}</td>
                <td><span class={`badge b-${s}`} title={d.ota ? `${d.ota.campaignName} · ${i.t(`dev_${d.ota.state}` as Key)}` : undefined}>{i.t(stateKey(s))}{d.ota ? ` ${i.pct(d.ota.progressPct)}` : ''}</span></td>
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
