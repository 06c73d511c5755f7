/**
 * Admins: the people of the town (or syndicate) and their roles — add, change role, remove the role, disable
 * or enable the account, give a new password —, the integration API tokens (create: the secret is shown once;
 * revoke), and the audit log (who changed what, when).
 */
import { useState } from 'preact/hooks';
import { api, get, tp, type ApiError, type PlanSummary, type Role } from '../api.js';
import { auditActor, describeAudit, type AuditEntry } from '../audit.js';
import type { PageProps } from '../app.js';
import { usePoll } from '../hooks.js';
import { useI18n, type Key } from '../i18n.js';

interface User { id: number; email: string; name: string; role: Role; disabled: boolean; createdAt: string }
interface Audit extends AuditEntry { id: number }
interface Token { id: number; name: string; role: Role; createdAt: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null }
const ROLES: Role[] = ['viewer', 'installer', 'manager', 'admin'];
const RANK: Record<Role, number> = { viewer: 0, installer: 1, manager: 2, admin: 3 };

export function AdminPage({ tenant }: PageProps) {
  const i = useI18n();
  const T = tenant.tenantId;
  const { data, reload } = usePoll(() => Promise.all([
    get<User[]>(tp(T, '/users')), get<Audit[]>(tp(T, '/audit?limit=100')), get<Token[]>(tp(T, '/tokens')),
    // Plan names, so the log names the plans it mentions (a syndicate has none).
    tenant.kind === 'town' ? get<PlanSummary[]>(tp(T, '/plans')).catch(() => []) : Promise.resolve([] as PlanSummary[]),
  ]), 10_000, [T]);
  const [msg, setMsg] = useState('');
  const [err, setErr] = useState('');
  const grantable = ROLES.filter((r) => RANK[r] <= RANK[tenant.role]);
  const run = async (f: () => Promise<string | void>): Promise<void> => {
    setErr(''); setMsg('');
    try { const m = await f(); if (m) setMsg(m); reload(); } catch (x) { setErr((x as ApiError).status === 403 ? `${i.t('forbidden')} ${(x as Error).message}` : (x as Error).message); }
  };
  if (!data) return <p class="muted">{i.t('loading')}</p>;
  const [users, audit, tokens, plans] = data;
  const planNames = new Map(plans.map((p) => [p.planId, p.name]));
  const userEmails = new Map(users.map((u) => [u.id, u.email]));
  return (
    <div class="page">
      {msg && <p class="ok notice" role="status" data-testid="admin-message">{msg}</p>}
      {err && <p class="error" role="alert">{err}</p>}
      <div class="grid2">
        <section class="card">
          <h3>{i.t('users')}</h3>
          <div class="table-wrap"><table class="table compact" data-testid="users"><tbody>{users.map((u) => (
            <tr key={u.id} data-user={u.email} class={u.disabled ? 'disabled' : ''}>
              <td>{u.name} {u.disabled && <span class="badge b-offline" data-testid="disabled-badge">{i.t('accountDisabled')}</span>}<br /><small class="muted">{u.email}</small></td>
              <td><select value={u.role} aria-label={i.t('role')} disabled={RANK[u.role] > RANK[tenant.role]}
                onChange={(e) => void run(() => api('PUT', tp(T, `/users/${u.id}`), { role: (e.target as HTMLSelectElement).value }).then(() => undefined))}>
                {ROLES.map((r) => <option key={r} value={r} disabled={RANK[r] > RANK[tenant.role]}>{i.t(`role_${r}` as Key)}</option>)}</select></td>
              <td class="actions">
                <details class="menu"><summary aria-label={i.t('actions')}>⋯</summary>
                  {/* Any choice closes the menu. */}
                  <div class="stack" onClick={(e) => { const d = (e.currentTarget as HTMLElement).closest('details'); if (d && (e.target as HTMLElement).tagName === 'BUTTON') d.open = false; }}>
                    {u.disabled
                      ? <button class="small" data-action="enable" onClick={() => void run(async () => { await api('POST', tp(T, `/users/${u.id}/enable`)); return i.t('accountEnabledMsg', { e: u.email }); })}>{i.t('enableAccount')}</button>
                      : <button class="small" data-action="disable" onClick={() => void run(async () => {
                        if (!window.confirm(i.t('confirmDisable', { e: u.email }))) return;
                        await api('POST', tp(T, `/users/${u.id}/disable`));
                        return i.t('accountDisabledMsg', { e: u.email });
                      })}>{i.t('disableAccount')}</button>}
                    <button class="small" data-action="password" onClick={() => void run(async () => {
                      if (!window.confirm(i.t('confirmResetPassword', { e: u.email }))) return;
                      const r = await api<{ email: string; password: string }>('POST', tp(T, `/users/${u.id}/password`));
                      return i.t('generatedPassword', { e: r.email, p: r.password });
                    })}>{i.t('resetPassword')}</button>
                    <button class="small" data-action="remove" onClick={() => void run(async () => {
                      if (!window.confirm(i.t('confirmRemoveRole', { e: u.email, t: tenant.name }))) return;
                      await api('DELETE', tp(T, `/users/${u.id}`));
                      return i.t('roleRemoved', { e: u.email });
                    })}>{i.t('removeRole')}</button>
                  </div>
                </details>
              </td>
            </tr>
          ))}</tbody></table></div>
          <AddUser tenant={T} roles={grantable} run={run} />
        </section>
        <Tokens tenant={T} tokens={tokens} roles={grantable} run={run} />
      </div>
      <section class="card">
        <h3>{i.t('audit')}</h3>
        <div class="table-wrap"><table class="table compact" data-testid="audit">
          <thead><tr><th>{i.t('when')}</th><th>{i.t('who')}</th><th>{i.t('what')}</th></tr></thead>
          <tbody>{audit.map((a) => (
            <tr key={a.id}><td>{i.dateTime(a.at)}</td><td>{auditActor(a, i.lang)}</td><td title={`${a.action} ${a.target}`}>{describeAudit(a, i, planNames, userEmails)}</td></tr>
          ))}</tbody>
        </table></div>
      </section>
    </div>
  );
}

function AddUser({ tenant, roles, run }: { tenant: string; roles: Role[]; run: (f: () => Promise<string | void>) => Promise<void> }) {
  const i = useI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  return (
    <form class="stack inset" data-testid="add-user" onSubmit={(e) => { e.preventDefault(); void run(async () => {
      const r = await api<{ email: string; password?: string }>('POST', tp(tenant, '/users'), { email, role, ...(name ? { name } : {}) });
      setEmail(''); setName('');
      return r.password ? i.t('generatedPassword', { e: r.email, p: r.password }) : i.t('roleGiven', { e: r.email });
    }); }}>
      <h4>{i.t('addUser')}</h4>
      <input type="email" name="email" required placeholder={i.t('email')} aria-label={i.t('email')} value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
      <input name="name" placeholder={i.t('name')} aria-label={i.t('name')} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <select name="role" aria-label={i.t('role')} value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>{roles.map((r) => <option key={r} value={r}>{i.t(`role_${r}` as Key)}</option>)}</select>
      <button class="primary" type="submit">{i.t('add')}</button>
    </form>
  );
}

function Tokens({ tenant, tokens, roles, run }: { tenant: string; tokens: Token[]; roles: Role[]; run: (f: () => Promise<string | void>) => Promise<void> }) {
  const i = useI18n();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('');
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const now = Date.now();
  const status = (t: Token): string => (t.revokedAt ? i.t('tokenRevoked') : t.expiresAt && Date.parse(t.expiresAt) <= now ? i.t('tokenExpired') : i.t('tokenActive'));
  return (
    <section class="card">
      <h3>{i.t('tokens')}</h3>
      <div class="table-wrap"><table class="table compact" data-testid="tokens">
        <thead><tr><th>{i.t('name')}</th><th>{i.t('role')}</th><th class="hide-sm">{i.t('lastUsed')}</th><th>{i.t('status')}</th><th /></tr></thead>
        <tbody>{tokens.map((t) => (
          <tr key={t.id} data-token={t.name}>
            <td>{t.name}<br /><small class="muted">{i.t('createdOn', { d: i.date(t.createdAt) })}{t.expiresAt ? ` · ${i.t('expiresOn', { d: i.date(t.expiresAt) })}` : ''}</small></td>
            <td>{i.t(`role_${t.role}` as Key)}</td><td class="hide-sm">{i.dateTime(t.lastUsedAt)}</td><td>{status(t)}</td>
            <td>{!t.revokedAt && <button class="small" data-action="revoke" onClick={() => void run(async () => {
              if (!window.confirm(i.t('confirmRevoke', { n: t.name }))) return;
              await api('DELETE', tp(tenant, `/tokens/${t.id}`));
              return i.t('tokenRevokedMsg', { n: t.name });
            })}>{i.t('revoke')}</button>}</td>
          </tr>
        ))}</tbody>
      </table></div>
      {tokens.length === 0 && <p class="muted">{i.t('none')}</p>}
      {secret && (
        <div class="notice secret" data-testid="new-token">
          <p><b>{i.t('tokenOnce', { n: secret.name })}</b></p>
          <code data-testid="token-secret">{secret.token}</code>
          <div class="row"><button class="small" type="button" onClick={() => void navigator.clipboard?.writeText(secret.token)}>{i.t('copy')}</button>
            <button class="small" type="button" onClick={() => setSecret(null)}>{i.t('tokenStored')}</button></div>
        </div>
      )}
      <form class="stack inset" data-testid="create-token" onSubmit={(e) => { e.preventDefault(); void run(async () => {
        const r = await api<{ id: number; token: string }>('POST', tp(tenant, '/tokens'), { name: name.trim(), role, ...(days ? { expiresInDays: Number(days) } : {}) });
        setSecret({ name: name.trim(), token: r.token });
        setName(''); setDays('');
      }); }}>
        <h4>{i.t('createToken')}</h4>
        <input name="token-name" required maxLength={100} placeholder={i.t('tokenName')} aria-label={i.t('tokenName')} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        <div class="row wrap">
          <label>{i.t('role')}<select name="token-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>{roles.map((r) => <option key={r} value={r}>{i.t(`role_${r}` as Key)}</option>)}</select></label>
          <label>{i.t('expiresInDays')}<input name="token-days" type="number" min={1} max={3650} class="narrow" value={days} onInput={(e) => setDays((e.target as HTMLInputElement).value)} /></label>
        </div>
        <button class="primary" type="submit">{i.t('createToken')}</button>
      </form>
    </section>
  );
}
