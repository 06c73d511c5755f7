/** Admins: users and roles of the town, API tokens, and the audit log (who changed what, when). */
import { useState } from 'preact/hooks';
import { api, get, tp, type Role } from '../api.js';
import type { PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';

interface User { id: number; email: string; name: string; role: Role; disabled: boolean }
interface Audit { id: number; at: string; actorName: string; action: string; target: string; detail: unknown }
interface Token { id: number; name: string; role: Role; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }
const ROLES: Role[] = ['viewer', 'installer', 'manager', 'admin'];

export function AdminPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const { data, reload } = usePoll(() => Promise.all([get<User[]>(tp(T, '/users')), get<Audit[]>(tp(T, '/audit?limit=100')), get<Token[]>(tp(T, '/tokens'))]), 10_000, [T]);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const add = async (e: Event): Promise<void> => {
    e.preventDefault(); setErr(''); setMsg('');
    try {
      const r = await api<{ email: string; password?: string }>('POST', tp(T, '/users'), { email, role, ...(name ? { name } : {}) });
      setMsg(r.password ? i.t('generatedPassword', { e: r.email, p: r.password }) : r.email);
      setEmail(''); setName(''); reload();
    } catch (x) { setErr((x as Error).message); }
  };
  if (!data) return <p class="muted">{i.t('loading')}</p>;
  const [users, audit, tokens] = data;
  return (
    <div class="page">
      <div class="grid2">
        <section class="card">
          <h3>{i.t('users')}</h3>
          <table class="table compact" data-testid="users"><tbody>{users.map((u) => (
            <tr key={u.id}><td>{u.name}<br /><small class="muted">{u.email}</small></td>
              <td><select value={u.role} aria-label={i.t('role')} onChange={(e) => void api('PUT', tp(T, `/users/${u.id}`), { role: (e.target as HTMLSelectElement).value }).then(reload, (x: Error) => setErr(x.message))}>
                {ROLES.map((r) => <option key={r} value={r}>{i.t(`role_${r}` as Key)}</option>)}</select></td></tr>
          ))}</tbody></table>
          <form class="stack" onSubmit={(e) => void add(e)}>
            <h4>{i.t('addUser')}</h4>
            <input type="email" required placeholder={i.t('email')} value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
            <input placeholder={i.t('name')} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
            <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{i.t(`role_${r}` as Key)}</option>)}</select>
            <button class="primary" type="submit">{i.t('add')}</button>
            {msg && <p class="ok">{msg}</p>}{err && <p class="error">{err}</p>}
          </form>
          <h3>{i.t('tokens')}</h3>
          <ul class="plain">{tokens.map((t) => <li key={t.id}>{t.name} — {i.t(`role_${t.role}` as Key)} {t.revokedAt ? '(revoked)' : ''} <small class="muted">{i.dateTime(t.lastUsedAt)}</small></li>)}</ul>
        </section>
        <section class="card">
          <h3>{i.t('audit')}</h3>
          <div class="table-wrap"><table class="table compact" data-testid="audit">
            <thead><tr><th>{i.t('when')}</th><th>{i.t('who')}</th><th>{i.t('what')}</th></tr></thead>
            <tbody>{audit.map((a) => (
              <tr key={a.id}><td>{i.dateTime(a.at)}</td><td>{a.actorName}</td><td><code>{a.action}</code><br /><small class="muted">{a.target} {a.detail ? JSON.stringify(a.detail).slice(0, 120) : ''}</small></td></tr>
            ))}</tbody>
          </table></div>
        </section>
      </div>
    </div>
  );
}
