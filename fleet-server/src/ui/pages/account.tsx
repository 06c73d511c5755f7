/** The signed-in person's own account: change the password (ends every session, so sign in again). */
import { useState } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { api } from '../api.js';
import { useI18n, type Key } from '../i18n.js';

export function AccountPage({ email, onPasswordChanged }: { email: string; onPasswordChanged: () => void }) {
  const i = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [err, setErr] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault(); setErr('');
    try {
      await api('POST', '/api/auth/password', { current, next });
      onPasswordChanged();
    } catch (x) {
      const ae = x as ApiError;
      const reason = (ae.details as { reason?: string } | undefined)?.reason;
      const weak: Record<string, Key> = { blank: 'pw_blank', one_character: 'pw_one_character', common: 'pw_common', contains_identity: 'pw_contains_identity' };
      setErr(ae.code === 'SL_BAD_CREDENTIALS' ? i.t('badCredentials') : ae.code === 'SL_VALIDATION' ? i.t('passwordRule')
        : ae.code === 'SL_WEAK_PASSWORD' && reason && weak[reason] ? i.t(weak[reason] as Key) : ae.message);
    }
  };
  return (
    <div class="page">
      <section class="card narrow-card">
        <h3>{i.t('account')}</h3>
        <p class="muted">{email}</p>
        <form class="stack" onSubmit={(e) => void submit(e)}>
          <h4>{i.t('changePassword')}</h4>
          <label>{i.t('currentPassword')}<input type="password" autocomplete="current-password" required value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} /></label>
          <label>{i.t('newPassword')}<input type="password" autocomplete="new-password" required minLength={10} value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} /></label>
          <p class="muted small">{i.t('passwordRule')}</p>
          <button class="primary" type="submit">{i.t('save')}</button>
          {err && <p class="error" role="alert">{err}</p>}
        </form>
      </section>
    </div>
  );
}
