/** The shell: session, language, town selector, navigation, and the page of the current route. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, get, setCsrf, UNAUTHENTICATED, type Me, type Role, type TenantInfo } from './api.js';
import { I18nContext, initialLang, makeI18n, type Key, type Lang } from './i18n.js';
import { go, href, useRoute } from './router.js';
import { Login } from './pages/login.js';
import { MapPage } from './pages/map.js';
import { LightsPage } from './pages/lights.js';
import { LightPage } from './pages/light.js';
import { PlansPage } from './pages/plans.js';
import { EnergyPage } from './pages/energy.js';
import { AlarmsPage } from './pages/alarms.js';
import { FirmwarePage } from './pages/firmware.js';
import { AdminPage } from './pages/admin.js';
import { AccountPage } from './pages/account.js';

const RANK: Record<Role, number> = { viewer: 0, installer: 1, manager: 2, admin: 3 };
export const can = (role: Role, need: Role): boolean => RANK[role] >= RANK[need];

export interface PageProps { tenant: TenantInfo; arg: string | null; query: URLSearchParams }

const NAV: Array<{ page: string; key: Key; need?: Role }> = [
  { page: 'map', key: 'map' }, { page: 'lights', key: 'lights' }, { page: 'plans', key: 'plans' }, { page: 'energy', key: 'energy' },
  { page: 'alarms', key: 'alarms' }, { page: 'firmware', key: 'firmware' }, { page: 'admin', key: 'admin', need: 'admin' },
];

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [lang, setLang] = useState<Lang>(() => initialLang());
  const i18n = useMemo(() => makeI18n(lang), [lang]);
  const route = useRoute();

  useEffect(() => {
    get<Me>('/api/auth/me').then((m) => { setCsrf(m.csrfToken); setMe(m); if (!localStorage.getItem('sl-lang') && m.user.locale) setLang(initialLang(m.user.locale)); }).catch(() => setMe(null));
    const out = (): void => setMe(null);
    window.addEventListener(UNAUTHENTICATED, out);
    return () => window.removeEventListener(UNAUTHENTICATED, out);
  }, []);
  useEffect(() => { document.documentElement.lang = lang; document.title = i18n.t('appName'); }, [lang, i18n]);

  const chooseLang = (l: Lang): void => { localStorage.setItem('sl-lang', l); setLang(l); };

  if (me === undefined) return <div class="splash">…</div>;
  if (me === null) {
    return (
      <I18nContext.Provider value={i18n}>
        <Login lang={lang} setLang={chooseLang} onSignedIn={(m) => { setCsrf(m.csrfToken); setMe(m); }} />
      </I18nContext.Provider>
    );
  }

  const tenants = me.tenants.filter((t) => t.kind === 'town');
  const tenant = tenants.find((t) => t.tenantId === route.tenant) ?? null;
  if (!tenant) {
    const first = tenants[0];
    if (first) { go(href(first.tenantId, route.page && route.tenant === null && route.page !== '' ? 'map' : 'map')); return <div class="splash">…</div>; }
    return (
      <I18nContext.Provider value={i18n}>
        <div class="splash"><p>{i18n.t('noTenant')}</p><button onClick={() => void signOut(setMe)}>{i18n.t('signOut')}</button></div>
      </I18nContext.Provider>
    );
  }

  const props: PageProps = { tenant, arg: route.arg, query: route.query };
  const page = (() => {
    switch (route.page) {
      case 'lights': return <LightsPage {...props} />;
      case 'light': return <LightPage {...props} />;
      case 'plans': return <PlansPage {...props} />;
      case 'energy': return <EnergyPage {...props} />;
      case 'alarms': return <AlarmsPage {...props} />;
      case 'firmware': return <FirmwarePage {...props} />;
      case 'account': return <AccountPage email={me.user.email} onPasswordChanged={() => setMe(null)} />;
      case 'admin': return can(tenant.role, 'admin') ? <AdminPage {...props} /> : <p class="notice">{i18n.t('forbidden')}</p>;
      default: return <MapPage {...props} />;
    }
  })();
  const active = route.page === 'light' ? 'lights' : route.page || 'map';

  return (
    <I18nContext.Provider value={i18n}>
      <div class="shell">
        <header class="top">
          <a class="brand" href={href(tenant.tenantId, 'map')}><span class="logo" aria-hidden="true" />{i18n.t('appName')}</a>
          <label class="town">
            <span class="sr">{i18n.t('town')}</span>
            <select data-testid="town" value={tenant.tenantId} onChange={(e) => go(href((e.target as HTMLSelectElement).value, route.page || 'map'))}>
              {tenants.map((t) => <option key={t.tenantId} value={t.tenantId}>{t.name}</option>)}
            </select>
          </label>
          <span class="spacer" />
          <a class="who" href={href(tenant.tenantId, 'account')} title={me.user.email}>{me.user.name} · <em>{i18n.t(`role_${tenant.role}` as Key)}</em></a>
          <select class="lang" aria-label={i18n.t('lang')} value={lang} onChange={(e) => chooseLang((e.target as HTMLSelectElement).value as Lang)}>
            <option value="fr">FR</option><option value="en">EN</option>
          </select>
          <button class="link" data-testid="sign-out" onClick={() => void signOut(setMe)}>{i18n.t('signOut')}</button>
        </header>
        <nav class="nav">
          {NAV.filter((n) => !n.need || can(tenant.role, n.need)).map((n) => (
            <a key={n.page} href={href(tenant.tenantId, n.page)} class={active === n.page ? 'active' : ''} data-testid={`nav-${n.page}`}>{i18n.t(n.key)}</a>
          ))}
        </nav>
        <main class="main">{page}</main>
      </div>
    </I18nContext.Provider>
  );
}

async function signOut(setMe: (m: null) => void): Promise<void> {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  setMe(null);
}
