import { useState } from 'preact/hooks';
import type { ApiError} from '../api.js';
import { api, type Me } from '../api.js';
import { useI18n, type Lang } from '../i18n.js';

export function Login({ onSignedIn, lang, setLang }: { onSignedIn: (m: Me) => void; lang: Lang; setLang: (l: Lang) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onSignedIn(await api<Me>('POST', '/api/auth/login', { email, password }));
    } catch (err) {
      const ae = err as ApiError;
      if (ae.code === 'SL_RATE_LIMITED') setError(t('rateLimited', { s: (ae.details as { retryAfterS?: number } | undefined)?.retryAfterS ?? 60 }));
      else if (ae.code === 'SL_BAD_CREDENTIALS' || ae.code === 'SL_VALIDATION') setError(t('badCredentials'));
      else setError(`${t('error')}: ${ae.message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="login">
      <form class="card login-card" onSubmit={(e) => void submit(e)}>
        <div class="login-head"><span class="logo big" aria-hidden="true" /><h1>{t('appName')}</h1></div>
        <p class="muted">{t('loginIntro')}</p>
        <label>{t('email')}<input type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} /></label>
        <label>{t('password')}<input type="password" name="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{t('signIn')}</button>
        <div class="login-lang">
          <button type="button" class={`link ${lang === 'fr' ? 'on' : ''}`} onClick={() => setLang('fr')}>Français</button> · <button type="button" class={`link ${lang === 'en' ? 'on' : ''}`} onClick={() => setLang('en')}>English</button>
        </div>
      </form>
    </div>
  );
}
