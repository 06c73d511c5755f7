/**
 * Light list: search, filters by state and group, sorting, pages of 100 — filtered, sorted and paged by the
 * server (issue 14: GET …/devices with keyset cursors; 100,000 lights are never loaded whole). Managers tick
 * lights (or every light the filters keep, up to 10,000) and add them to a group or remove them from one.
 */
import { useEffect, useState } from 'preact/hooks';
import { get, getDevicePage, matchingIds, tp, type Group } from '../api.js';
import { can, type PageProps } from '../app.js';
import { MembershipBar } from '../components/membership.js';
import { pollSeconds, usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';
import { go, href } from '../router.js';
import { LIGHT_STATES, lightState, stateKey, type LightState } from '../state.js';

const PAGE = 100;
const NONE = new Set<string>();

export function LightsPage({ tenant, query }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const manager = can(tenant.role, 'manager');
  const { data: allGroups, reload: reloadGroups } = usePoll(() => get<Group[]>(tp(T, '/groups')), 0, [T]);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [q, setQ] = useState(query.get('q') ?? '');
  const [needle, setNeedle] = useState(q.trim());
  const [state, setState] = useState<LightState | ''>((query.get('state') as LightState | null) ?? '');
  const [group, setGroup] = useState(query.get('group') ?? '');
  const [sort, setSort] = useState<'id' | '-level' | '-lastSeen'>('id');
  // Cursors of the pages seen so far: [undefined (first page), cursor of page 2, …].
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [allPicking, setAllPicking] = useState(false);
  const p = cursors.length - 1;

  // The search goes to the server a moment after typing stops.
  useEffect(() => { const t = setTimeout(() => setNeedle(q.trim()), 250); return () => clearTimeout(t); }, [q]);
  const filters = { q: needle || undefined, state: state || undefined, group: group || undefined, sort };
  const key = JSON.stringify(filters);
  useEffect(() => { setCursors([undefined]); }, [key]);
  const [every, setEvery] = useState(3);
  const { data, error, reload } = usePoll(() => getDevicePage(T, { ...filters, limit: String(PAGE), cursor: cursors[p] }), every * 1000, [T, key, p, cursors[p]]);
  useEffect(() => { if (data) setEvery(pollSeconds(data.total)); }, [data?.total]);
  const rows = (data?.devices ?? []).map((d) => ({ d, s: lightState(d, NONE) }));
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const groups = [...new Set([...rows.flatMap((r) => r.d.groups), ...(allGroups ?? []).map((g) => g.id)])].sort();
  const pagePicked = rows.length > 0 && rows.every(({ d }) => picked.has(d.id));
  const toggle = (id: string): void => setPicked((cur) => { const n = new Set(cur); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const pickAll = async (): Promise<void> => {
    if (pagePicked) { setPicked(new Set()); return; }
    setAllPicking(true);
    try { setPicked(new Set(await matchingIds(T, { q: filters.q, state: filters.state, group: filters.group }))); } finally { setAllPicking(false); }
  };

  return (
    <div class="page">
      <div class="toolbar">
        <input type="search" class="grow" placeholder={i.t('search')} aria-label={i.t('search')} value={q} data-testid="light-search" onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <select aria-label={i.t('state')} value={state} data-testid="state-filter" onChange={(e) => setState((e.target as HTMLSelectElement).value as LightState | '')}>
          <option value="">{i.t('allStates')}</option>
          {LIGHT_STATES.map((s) => <option key={s} value={s}>{i.t(stateKey(s))}</option>)}
        </select>
        <select aria-label={i.t('group')} value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
          <option value="">{i.t('allGroups')}</option>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
      </div>
      {error && <p class="error">{error.message}</p>}
      <p class="muted" data-testid="light-count">{data ? i.t('count', { n: i.num(total) }) : i.t('loading')}</p>
      {manager && picked.size > 0 && (
        <section class="card"><MembershipBar tenant={T} selected={[...picked]} groups={groups}
          onDone={() => { reload(); reloadGroups(); }} onClear={() => setPicked(new Set())} /></section>
      )}
      <div class="table-wrap">
        <table class="table">
          <thead><tr>
            {manager && <th><input type="checkbox" aria-label={i.t('selectAll')} data-testid="select-all" checked={pagePicked} disabled={allPicking}
              onChange={() => void pickAll()} /></th>}
            <th><button class="link" onClick={() => setSort('id')}>{i.t('id')}</button></th><th>{i.t('pole')}</th><th>{i.t('street')}</th><th>{i.t('state')}</th>
            <th class="num"><button class="link" onClick={() => setSort('-level')}>{i.t('level')}</button></th><th class="num hide-sm">{i.t('power')}</th>
            <th class="hide-sm"><button class="link" onClick={() => setSort('-lastSeen')}>{i.t('lastReport')}</button></th>
          </tr></thead>
          <tbody>
            {rows.map(({ d, s }) => (
              <tr key={d.id} class="clickable" data-light={d.id} onClick={() => go(href(T, 'light', d.id))}>
                {manager && <td onClick={(e) => e.stopPropagation()}><input type="checkbox" aria-label={d.id} checked={picked.has(d.id)} onChange={() => toggle(d.id)} /></td>}
                <td><a href={href(T, 'light', d.id)}>{d.id}</a></td>
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
      {(pages > 1 || p > 0) && (
        <div class="pager">
          <button disabled={p === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>{i.t('prev')}</button>
          <span>{i.t('page', { p: p + 1, n: pages })}</span>
          <button disabled={!data?.next} onClick={() => { const n = data?.next; if (n) setCursors((c) => [...c, n]); }}>{i.t('next')}</button>
        </div>
      )}
    </div>
  );
}
