/** Hash routing: #/t/<tenant>/<page>/<arg>?<query>. No server catch-all needed, and links work offline. */
import { useEffect, useState } from 'preact/hooks';

export interface Route { tenant: string | null; page: string; arg: string | null; query: URLSearchParams }

export function parseHash(hash: string): Route {
  const [path = '', q = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 't' && parts[1]) return { tenant: parts[1], page: parts[2] ?? 'map', arg: parts[3] ?? null, query: new URLSearchParams(q) };
  return { tenant: null, page: parts[0] ?? '', arg: null, query: new URLSearchParams(q) };
}

export const href = (tenant: string, page: string, arg?: string, query?: Record<string, string>): string =>
  `#/t/${encodeURIComponent(tenant)}/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}${query && Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;

export const go = (to: string): void => { window.location.hash = to; };

export function useRoute(): Route {
  const [r, setR] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const on = (): void => setR(parseHash(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return r;
}
