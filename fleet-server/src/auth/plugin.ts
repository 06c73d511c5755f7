/**
 * The HTTP side of accounts (issue 7): who is calling, may they, and the audit trail. Registered once in
 * app.ts before any route, as a root-level plugin, so its hooks run for every route — including routes other
 * areas add later, which are protected without doing anything.
 *
 * onRequest, for every `/api/...` route except those with `config: { public: true }`:
 *   1. Principal: `Authorization: Bearer slt_…` (API token) or the `sl_session` cookie. None → 401.
 *   2. `/api/tenants/:tenant/...`: effective role on that tenant (direct, through its syndicate, or platform).
 *      None → 404 SL_TENANT_NOT_FOUND, exactly as for a tenant that does not exist, so a user of one town
 *      cannot even learn which other towns exist. Below the route's minimum role (auth/model.ts) → 403.
 *   3. CSRF, for state-changing methods authenticated by cookie: the `X-CSRF-Token` header must equal the
 *      session's token (synchronizer token, handed out by login and GET /api/auth/me), and an `Origin`
 *      header, when the browser sends one, must name this server. Bearer tokens are not ambient credentials,
 *      so they need neither.
 * onSend, for successful state-changing requests on a tenant: one audit row (who, when, method + route,
 * concrete path, a redacted and size-capped copy of the body). `config: { audit: false }` opts out (e.g. a
 * read-only POST such as a preview).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthRepository } from '../db/auth-repository.js';
import type { DialectAdapter } from '../db/drizzle-repository.js';
import { fleetError } from '../errors.js';
import { atLeast, minimumRole, READ_ONLY_POST, type Principal, type Role } from './model.js';
import { AuthService, SESSION_COOKIE, sameSecret } from './service.js';
import type { ScryptParams } from './password.js';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyRequest {
    /** Set by the auth hook for authenticated `/api` requests. */
    principal?: Principal;
    /** Effective role on `:tenant`, for tenant routes. */
    tenantRole?: Role;
    /** Raw session id from the cookie (logout uses it). */
    sessionId?: string;
    /** What a write did, in words (e.g. "Controller SRL-0001 on pole P-12 replaced by SRL-0101"): the audit row's `detail.summary`. */
    auditSummary?: string;
    /** Values the audit sentence in the reader's language is filled with (ui/audit.ts), beside the summary. */
    auditVars?: Record<string, string | number>;
  }
  interface FastifyContextConfig {
    /** No authentication needed (login). */
    public?: boolean;
    /** Minimum role for this route, instead of the method rule. */
    minRole?: Role;
    /** `false`: successful writes on this route are not audited (read-only POSTs). */
    audit?: boolean;
  }
}

export interface AuthPluginOptions {
  sessionIdleMinutes: number;
  /** `auto`: Secure cookie when the request came over HTTPS (X-Forwarded-Proto counts with trustProxy). */
  cookieSecure: 'auto' | 'always' | 'never';
  /** Password hashing cost; unset = DEFAULT_SCRYPT (production). Tests lower it (see BuildOptions.passwordHashing). */
  scrypt?: ScryptParams;
  /** Clock of sessions, tokens and the sign-in back-off (ms); unset = Date.now (see BuildOptions.realNow). */
  realNow?: () => number;
}

const TENANT_ROUTE = '/api/tenants/:tenant';
/** Routes under /api that anyone may read (the API's own description). */
const PUBLIC_ROUTES = new Set(['/api/openapi.json']);
const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try { out.set(k, decodeURIComponent(v)); } catch { out.set(k, v); }
  }
  return out;
}

/** Set-Cookie for the session: HttpOnly, SameSite=Lax (links from e-mails still open the app; no cross-site POSTs), Secure per option. */
export function sessionCookie(req: FastifyRequest, value: string, maxAgeS: number, secure: AuthPluginOptions['cookieSecure']): string {
  const isSecure = secure === 'always' || (secure === 'auto' && req.protocol === 'https');
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeS}${isSecure ? '; Secure' : ''}`;
}

/** Body fields masked in the audit log (issue 15: a label's claim code too). */
const SECRET_KEYS = /pass(word)?|secret|token|claim/i;
const DETAIL_MAX = 4000;

/** A copy of the request body fit for the audit log: secrets masked, big arrays summarised, size capped. */
export function auditDetail(body: unknown): Record<string, unknown> | null {
  if (body === undefined || body === null) return null;
  // Raw uploads (e.g. a firmware image): their size, not their bytes.
  if (body instanceof Uint8Array) return { bytes: body.byteLength };
  const mask = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v)) return v.length > 20 ? { count: v.length, first: v.slice(0, 3).map((x) => mask(x, depth + 1)) } : v.map((x) => mask(x, depth + 1));
    if (v && typeof v === 'object') {
      if (depth > 6) return '…';
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEYS.test(k) ? '***' : mask(x, depth + 1)]));
    }
    return v;
  };
  const masked = mask(body, 0);
  const json = JSON.stringify(masked);
  if (json.length > DETAIL_MAX) return { truncated: true, bytes: json.length, preview: json.slice(0, DETAIL_MAX) };
  return Array.isArray(masked) || typeof masked !== 'object' ? { body: masked } : masked as Record<string, unknown>;
}

function sameOrigin(req: FastifyRequest, origin: string): boolean {
  try {
    // Both through URL so default ports compare equal (http://h:80 = http://h).
    return new URL(origin).host === new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    return false;
  }
}

/** Root-level plugin (skip-override: its hooks and decoration apply to the whole app). */
export function authPlugin(opts: AuthPluginOptions) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    const adapter = (app.repo as unknown as { adapter: DialectAdapter }).adapter;
    const auth = new AuthService({
      repo: new AuthRepository(adapter), now: app.fleet.now, sessionIdleMinutes: opts.sessionIdleMinutes,
      ...(opts.scrypt ? { scrypt: opts.scrypt } : {}), ...(opts.realNow ? { realNow: opts.realNow } : {}),
    });
    app.decorate('auth', auth);

    app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const route = req.routeOptions.url;
      if (!route) return; // unknown URL: the not-found handler answers
      const needsAuth = (route.startsWith('/api/') || route === '/metrics') && req.routeOptions.config.public !== true && !PUBLIC_ROUTES.has(route);
      if (!needsAuth) return;

      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      let principal: Principal | undefined;
      if (bearer) {
        principal = await auth.fromToken(bearer);
      } else {
        const sid = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
        if (sid) {
          principal = await auth.fromSession(sid);
          if (principal) req.sessionId = sid;
          else reply.header('set-cookie', sessionCookie(req, '', 0, opts.cookieSecure));
        }
      }
      if (!principal) throw fleetError('UNAUTHENTICATED');
      req.principal = principal;

      if (principal.kind === 'user' && WRITE.has(req.method)) {
        const sent = req.headers['x-csrf-token'];
        const origin = req.headers.origin;
        if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken) || (origin !== undefined && !sameOrigin(req, origin))) {
          throw fleetError('CSRF');
        }
      }

      if (route === TENANT_ROUTE || route.startsWith(`${TENANT_ROUTE}/`)) {
        const tenant = (req.params as { tenant?: string }).tenant ?? '';
        const role = await auth.roleOn(principal, tenant);
        if (!role) throw fleetError('TENANT_NOT_FOUND', { tenant });
        const need = minimumRole(req.method, route, req.routeOptions.config.minRole);
        if (!atLeast(role, need)) throw fleetError('FORBIDDEN', { role, required: need });
        req.tenantRole = role;
      }
    });

    app.addHook('onSend', async (req, reply, payload) => {
      const route = req.routeOptions.url;
      if (!route || !req.principal || !WRITE.has(req.method) || reply.statusCode >= 400) return payload;
      if (!route.startsWith(`${TENANT_ROUTE}/`) || req.routeOptions.config.audit === false || READ_ONLY_POST.test(route)) return payload;
      const tenant = (req.params as { tenant: string }).tenant;
      const prefix = `/api/tenants/${tenant}`;
      const path = req.url.split('?')[0] ?? '';
      await auth.audit(req.principal, {
        tenantId: tenant,
        action: `${req.method} ${route.slice(TENANT_ROUTE.length)}`,
        target: path.startsWith(prefix) ? path.slice(prefix.length) : path,
        detail: req.auditSummary === undefined && req.auditVars === undefined ? auditDetail(req.body)
          : { ...(req.auditSummary === undefined ? {} : { summary: req.auditSummary }), ...auditDetail(req.body), ...req.auditVars },
        requestId: req.id,
      });
      return payload;
    });
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
