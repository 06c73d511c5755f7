/**
 * Group membership of a selection of lights (from the list's check boxes or the map's selection tool): add
 * them to a group (an existing one or a new name, which creates it) or remove them from one, through
 * POST …/groups/:groupId/members {add|remove}. The server re-resolves each light's plan at once.
 */
import { useState } from 'preact/hooks';
import { api, tp, type ApiError } from '../api.js';
import { useI18n } from '../i18n.js';

const GROUP_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function MembershipBar({ tenant, selected, groups, onDone, onClear, onGroup }: {
  tenant: string; selected: readonly string[]; groups: readonly string[]; onDone: () => void; onClear: () => void;
  /** After lights were added to a group: which (the map then offers the group's override and plan). */
  onGroup?: (group: string) => void;
}) {
  const i = useI18n();
  const [group, setGroup] = useState(groups[0] ?? '');
  const [fresh, setFresh] = useState('');
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const target = group === '' ? fresh.trim() : group;
  const run = async (op: 'add' | 'remove'): Promise<void> => {
    setMsg(''); setErr('');
    if (!GROUP_ID.test(target)) { setErr(i.t('groupIdRule')); return; }
    try {
      const r = await api<{ members: number; devicesChanged: number }>('POST', tp(tenant, `/groups/${encodeURIComponent(target)}/members`), { [op]: [...selected] });
      setMsg(i.t(op === 'add' ? 'addedToGroup' : 'removedFromGroup', { n: selected.length, g: target, m: r.members }));
      if (group === '') { setGroup(target); setFresh(''); }
      if (op === 'add') onGroup?.(target);
      onDone();
    } catch (x) { setErr((x as ApiError).status === 403 ? i.t('forbidden') : (x as Error).message); }
  };
  return (
    <div class="membership" data-testid="membership">
      <span><b data-testid="selected-count">{i.t('selectedN', { n: i.num(selected.length) })}</b> <button class="link" type="button" onClick={onClear}>{i.t('clearSelection')}</button></span>
      <div class="row wrap">
        <label>{i.t('group')}
          <select name="member-group" value={group} onChange={(e) => setGroup((e.target as HTMLSelectElement).value)}>
            {groups.map((g) => <option key={g} value={g}>{g}</option>)}
            <option value="">{i.t('newGroup')}</option>
          </select>
        </label>
        {group === '' && <label>{i.t('newGroupName')}<input name="new-group" value={fresh} maxLength={64} pattern="[A-Za-z0-9_-]+" onInput={(e) => setFresh((e.target as HTMLInputElement).value)} /></label>}
        <button class="primary" type="button" data-testid="add-to-group" disabled={selected.length === 0} onClick={() => void run('add')}>{i.t('addToGroup')}</button>
        <button type="button" data-testid="remove-from-group" disabled={selected.length === 0 || group === ''} onClick={() => void run('remove')}>{i.t('removeFromGroup')}</button>
      </div>
      {msg && <p class="ok" role="status" data-testid="membership-message">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
    </div>
  );
}
