/** The shell: session, language, town selector, navigation, and the page of the current route. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, get, hasRoute, setCsrf, tp, UNAUTHENTICATED, type Me, type Role, type TenantInfo } from './api.js';
import { I18nContext, initialLang, makeI18n, townZone, type Key, type Lang } from './i18n.js';
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
import { SyndicatePage } from './pages/syndicate.js';
import { SettingsPage } from './pages/settings.js';
import { InstallPage } from './pages/install.js';
import { InventoryPage } from './pages/inventory.js';

const RANK: Record<Role, number> = { viewer: 0, installer: 1, manager: 2, admin: 3 };
export const can = (role: Role, need: Role): boolean => RANK[role] >= RANK[need];

export interface PageProps { tenant: TenantInfo; arg: string | null; query: URLSearchParams }

const NAV: Array<{ page: string; key: Key; need?: Role }> = [
  { page: 'map', key: 'map' }, { page: 'lights', key: 'lights' }, { page: 'plans', key: 'plans' }, { page: 'energy', key: 'energy' },
  { page: 'alarms', key: 'alarms' }, { page: 'firmware', key: 'firmware' }, { page: 'inventory', key: 'inventory' }, { page: 'settings', key: 'settings' },
  { page: 'install', key: 'install', need: 'installer' }, { page: 'admin', key: 'admin', need: 'admin' },
];
const SYNDICATE_NAV: Array<{ page: string; key: Key; need?: Role }> = [{ page: 'towns', key: 'towns' }, { page: 'admin', key: 'admin', need: 'admin' }];

/** Fired after a town's settings change (its time zone above all): the shell reloads them. */
export const TOWN_SETTINGS_CHANGED = 'sl-town-settings';

export function App() {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [lang, setLang] = useState<Lang>(() => initialLang());
  const route = useRoute();
  // The current town's time zone (POSIX TZ rule from its energy settings): every time in the UI is shown in it.
  const [tzRule, setTzRule] = useState<{ tenant: string; rule: string | null } | null>(null);
  const i18n = useMemo(() => makeI18n(lang, townZone(tzRule?.tenant === route.tenant ? tzRule.rule : null)), [lang, tzRule, route.tenant]);

  useEffect(() => {
    get<Me>('/api/auth/me').then((m) => { setCsrf(m.csrfToken); setMe(m); if (!localStorage.getItem('sl-lang') && m.user.locale) setLang(initialLang(m.user.locale)); }).catch(() => setMe(null));
    const out = (): void => setMe(null);
    window.addEventListener(UNAUTHENTICATED, out);
    return () => window.removeEventListener(UNAUTHENTICATED, out);
  }, []);
  useEffect(() => { document.documentElement.lang = lang; document.title = i18n.t('appName'); }, [lang, i18n]);

  const current = me?.tenants.find((t) => t.tenantId === route.tenant && t.kind === 'town');
  const [settingsTick, setSettingsTick] = useState(0);
  useEffect(() => {
    const on = (): void => setSettingsTick((n) => n + 1);
    window.addEventListener(TOWN_SETTINGS_CHANGED, on);
    return () => window.removeEventListener(TOWN_SETTINGS_CHANGED, on);
  }, []);
  useEffect(() => {
    if (!current) return;
    let alive = true;
    const tenant = current.tenantId;
    void hasRoute('/api/tenants/{tenant}/energy/settings')
      .then((ok) => (ok ? get<{ tz: string }>(tp(tenant, '/energy/settings')).then((s) => s.tz) : null))
      .catch(() => null)
      .then((rule) => { if (alive) setTzRule({ tenant, rule }); });
    return () => { alive = false; };
  }, [current?.tenantId, settingsTick]);

  // A language picked here is kept in this browser and, once signed in, on the account (its other browsers).
  const chooseLang = (l: Lang): void => {
    localStorage.setItem('sl-lang', l); setLang(l);
    if (me) void api('PATCH', '/api/auth/me', { locale: l }).catch(() => undefined);
  };

  if (me === undefined) return <div class="splash">…</div>;
  if (me === null) {
    return (
      <I18nContext.Provider value={i18n}>
        <Login lang={lang} setLang={chooseLang} onSignedIn={(m) => { setCsrf(m.csrfToken); setMe(m); }} />
      </I18nContext.Provider>
    );
  }

  const towns = me.tenants.filter((t) => t.kind === 'town');
  const syndicates = me.tenants.filter((t) => t.kind === 'syndicate');
  const tenant = me.tenants.find((t) => t.tenantId === route.tenant) ?? null;
  if (!tenant) {
    // A syndicate's people land on its overview of the member towns; a town's on its map, except an installer on a
    // phone, who is on a pole: on the commissioning page (at a desk, the same account gets the map first).
    const first = syndicates[0] ?? towns[0];
    if (first) { go(href(first.tenantId, first.kind === 'syndicate' ? 'towns' : landingPage(first.role))); return <div class="splash">…</div>; }
    return (
      <I18nContext.Provider value={i18n}>
        <div class="splash"><p>{i18n.t('noTenant')}</p><button onClick={() => void signOut(setMe)}>{i18n.t('signOut')}</button></div>
      </I18nContext.Provider>
    );
  }
  // A town's settings (its zone) load once per town; wait for them so no time is shown in the wrong zone.
  if (tenant.kind === 'town' && tzRule?.tenant !== tenant.tenantId) return <div class="splash">…</div>;

  const syndicate = tenant.kind === 'syndicate';
  const props: PageProps = { tenant, arg: route.arg, query: route.query };
  const page = (() => {
    if (route.page === 'account') return <AccountPage email={me.user.email} onPasswordChanged={() => setMe(null)} />;
    if (route.page === 'admin') return can(tenant.role, 'admin') ? <AdminPage {...props} /> : <p class="notice">{i18n.t('forbidden')}</p>;
    if (syndicate) return <SyndicatePage {...props} />;
    switch (route.page) {
      case 'lights': return <LightsPage {...props} />;
      case 'light': return <LightPage {...props} />;
      case 'plans': return <PlansPage {...props} />;
      case 'energy': return <EnergyPage {...props} />;
      case 'alarms': return <AlarmsPage {...props} />;
      case 'firmware': return <FirmwarePage {...props} />;
      case 'settings': return <SettingsPage {...props} />;
      case 'inventory': return <InventoryPage {...props} />;
      case 'install': return can(tenant.role, 'installer') ? <InstallPage key={tenant.tenantId} {...props} /> : <p class="notice">{i18n.t('forbidden')}</p>;
      default: return <MapPage {...props} />;
    }
  })();
  const active = route.page === 'light' ? 'lights' : route.page || (syndicate ? 'towns' : 'map');
  // An installer's work is commissioning: its entry comes first, where a phone's narrow bar shows it.
  const nav = syndicate ? SYNDICATE_NAV : tenant.role === 'installer' ? [...NAV].sort((a, b) => Number(b.page === 'install') - Number(a.page === 'install')) : NAV;
  const parent = tenant.parentId ? syndicates.find((s) => s.tenantId === tenant.parentId) : undefined;
  // Towns grouped under the syndicates the user sees; other towns after.
  const underSyndicate = new Set(towns.filter((t) => syndicates.some((s) => s.tenantId === t.parentId)).map((t) => t.tenantId));

  return (
    <I18nContext.Provider value={i18n}>
      <div class="shell">
        <header class="top">
          <a class="brand" href={href(tenant.tenantId, syndicate ? 'towns' : 'map')}><span class="logo" aria-hidden="true" />{i18n.t('appName')}</a>
          {parent && <a class="up" data-testid="to-syndicate" href={href(parent.tenantId, 'towns')}>← {parent.name}</a>}
          <label class="town">
            <span class="sr">{i18n.t('town')}</span>
            <select data-testid="town" value={tenant.tenantId} onChange={(e) => {
              const next = me.tenants.find((t) => t.tenantId === (e.target as HTMLSelectElement).value);
              if (next) go(href(next.tenantId, next.kind === 'syndicate' ? 'towns' : (route.page && route.page !== 'towns' && route.page !== 'light' ? route.page : 'map')));
            }}>
              {syndicates.map((s) => (
                <optgroup key={s.tenantId} label={s.name}>
                  <option value={s.tenantId}>{i18n.t('syndicateOverview', { s: s.name })}</option>
                  {towns.filter((t) => t.parentId === s.tenantId).map((t) => <option key={t.tenantId} value={t.tenantId}>{t.name}</option>)}
                </optgroup>
              ))}
              {towns.filter((t) => !underSyndicate.has(t.tenantId)).map((t) => <option key={t.tenantId} value={t.tenantId}>{t.name}</option>)}
            </select>
          </label>
          {!syndicate && <span class="tzinfo" data-testid="town-zone" title={i18n.t('townTime')}>{i18n.t('townTimeShort', { z: i18n.zone() })}</span>}
          <span class="spacer" />
          <a class="who" href={href(tenant.tenantId, 'account')} title={me.user.email}>{me.user.name} · <em>{i18n.t(`role_${tenant.role}` as Key)}</em></a>
          <select class="lang" aria-label={i18n.t('lang')} value={lang} onChange={(e) => chooseLang((e.target as HTMLSelectElement).value as Lang)}>
            <option value="fr">FR</option><option value="en">EN</option>
          </select>
          <button class="link" data-testid="sign-out" onClick={() => void signOut(setMe)}>{i18n.t('signOut')}</button>
        </header>
        <nav class="nav">
          {nav.filter((n) => !n.need || can(tenant.role, n.need)).map((n) => (
            <a key={n.page} href={href(tenant.tenantId, n.page)} class={active === n.page ? 'active' : ''} data-testid={`nav-${n.page}`}>{i18n.t(n.key)}</a>
          ))}
        </nav>
        <main class="main">{page}</main>
      </div>
    </I18nContext.Provider>
  );
}

/** A town's first page for a role: the map, or the commissioning page for an installer on a phone-sized screen. */
function landingPage(role: Role): string {
  return role === 'installer' && window.matchMedia('(max-width: 600px)').matches ? 'install' : 'map';
}

async function signOut(setMe: (m: null) => void): Promise<void> {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  setMe(null);
}
