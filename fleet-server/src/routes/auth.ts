/**
 * Accounts API (issue 7): login/logout/me, password change, tenant creation, users and roles per tenant, API
 * tokens, audit log. Access rules are enforced by the auth hook (auth/plugin.ts): users, tokens and audit
 * routes need `admin` on the tenant; the checks here only add what the hook cannot know (no granting a role
 * above one's own, no touching accounts that belong to other towns).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { atLeast, PLATFORM, ROLES, type Principal, type Role } from '../auth/model.js';
import { PASSWORD_MAX, PASSWORD_MIN, randomPassword } from '../auth/password.js';
import { assertPasswordAllowed } from '../auth/password-policy.js';
import { sessionCookie, type AuthPluginOptions } from '../auth/plugin.js';
import type { UserRow } from '../db/auth-repository.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const role = z.enum(ROLES);
const email = z.string().trim().toLowerCase().email().max(254);
// Length here (OpenAPI minLength/maxLength); the other rules need the account too (auth/password-policy.ts).
const password = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX).describe('10 to 256 characters; not only spaces, not one character repeated, not a common password, not containing the e-mail or name (400 SL_WEAK_PASSWORD with details.reason)');
const locale = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/).max(5);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });

const tenantView = z.object({ tenantId: z.string(), name: z.string(), kind: z.enum(['town', 'syndicate']), parentId: z.string().nullable(), role });
const meView = z.object({
  user: z.object({ id: z.number(), email: z.string(), name: z.string(), locale: z.string().nullable(), platformRole: role.nullable() }),
  csrfToken: z.string().describe('send back in X-CSRF-Token on every POST/PUT/PATCH/DELETE'),
  tenants: z.array(tenantView),
});
const userView = z.object({ id: z.number(), email: z.string(), name: z.string(), role, disabled: z.boolean(), createdAt: z.string() });
const tokenView = z.object({ id: z.number(), name: z.string(), role, createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
const auditView = z.object({ id: z.number(), at: z.string(), actor: z.string(), actorName: z.string(), action: z.string(), target: z.string(), detail: z.unknown().nullable(), requestId: z.string().nullable() });

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const platformRole = (p: Principal): Role | undefined => (p.kind === 'user' ? p.roles.get(PLATFORM) : p.tenantId === PLATFORM ? p.role : undefined);
const userOf = (req: FastifyRequest): Extract<Principal, { kind: 'user' }> => {
  if (req.principal?.kind !== 'user') throw fleetError('FORBIDDEN', undefined, 'This operation needs a signed-in user, not an API token');
  return req.principal;
};

export function authRoutes(opts: AuthPluginOptions) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const { auth } = app;

    const me = async (p: Extract<Principal, { kind: 'user' }>) => ({
      user: { id: p.userId, email: p.email, name: p.name, locale: p.locale, platformRole: p.roles.get(PLATFORM) ?? null },
      csrfToken: p.csrfToken ?? '',
      tenants: (await auth.visibleTenants(p, (await app.repo.listTenants()).map((t) => t.id))).map((t) => ({ ...t })),
    });

    r.post('/api/auth/login', {
      config: { public: true },
      schema: {
        tags: ['auth'], summary: 'Sign in: sets the HttpOnly session cookie and returns the CSRF token',
        body: z.strictObject({ email: z.string().trim().toLowerCase().max(254), password: z.string().max(PASSWORD_MAX) }),
        response: { 200: meView, 401: errorBody, 429: errorBody },
      },
    }, async (req, reply) => {
      let res;
      try {
        res = await auth.login(req.body.email, req.body.password, req.ip);
      } catch (err) {
        const wait = (err as { details?: { retryAfterS?: number } }).details?.retryAfterS;
        if (wait) reply.header('retry-after', String(wait));
        throw err;
      }
      reply.header('set-cookie', sessionCookie(req, res.sessionId, Math.floor((res.expiresAt - auth.realNow()) / 1000), opts.cookieSecure));
      reply.header('cache-control', 'no-store');
      return me(res.principal as Extract<Principal, { kind: 'user' }>);
    });

    r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
      if (req.sessionId) await auth.logout(req.sessionId);
      reply.header('set-cookie', sessionCookie(req, '', 0, opts.cookieSecure));
      return { ok: true };
    });

    r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in user, the CSRF token and the tenants visible with their role', response: { 200: meView, 401: errorBody, 403: errorBody } } },
      async (req, reply) => { reply.header('cache-control', 'no-store'); return me(userOf(req)); });

    r.patch('/api/auth/me', {
      schema: { tags: ['auth'], summary: 'Change one\'s display name or language', body: z.strictObject({ name: z.string().trim().min(1).max(100).optional(), locale: locale.nullable().optional() }), response: { 200: z.object({ ok: z.boolean() }) } },
    }, async (req) => {
      const u = userOf(req);
      await auth.repo.updateUser(u.userId, req.body);
      return { ok: true };
    });

    r.post('/api/auth/password', {
      schema: { tags: ['auth'], summary: 'Change one\'s password (ends every session of the account)', body: z.strictObject({ current: z.string().max(PASSWORD_MAX), next: password }), response: { 200: z.object({ ok: z.boolean() }), 400: errorBody, 401: errorBody, 429: errorBody } },
    }, async (req, reply) => {
      const u = userOf(req);
      assertPasswordAllowed(req.body.next, { email: u.email, name: u.name }, 'next');
      await auth.login(u.email, req.body.current, req.ip); // checks (rate limited) the current password
      await auth.setPassword(u.userId, req.body.next);
      reply.header('set-cookie', sessionCookie(req, '', 0, opts.cookieSecure));
      return { ok: true };
    });

    // ---- tenants

    r.post('/api/tenants', {
      schema: {
        tags: ['tenants'], summary: 'Create or rename a town or syndicate (platform admin, or admin of the parent syndicate)',
        body: z.strictObject({ id, name: z.string().trim().min(1).max(100), kind: z.enum(['town', 'syndicate']).default('town'), parentId: id.nullable().optional() }),
        response: { 200: tenantView.omit({ role: true }), 403: errorBody },
      },
    }, async (req) => {
      const p = req.principal as Principal;
      const { id: tenantId, name, kind, parentId = null } = req.body;
      let allowed = platformRole(p) === 'admin';
      if (!allowed && parentId) {
        const parent = await auth.profile(parentId);
        allowed = parent.kind === 'syndicate' && atLeast(await auth.roleOn(p, parentId), 'admin') && kind === 'town';
        const existing = await app.repo.getTenant(tenantId);
        // A syndicate admin may not take over an existing town that is not already its member.
        if (existing && (await auth.profile(tenantId)).parentId !== parentId) allowed = false;
      }
      if (!allowed) throw fleetError('FORBIDDEN', undefined, 'Creating a tenant needs the platform admin role, or admin of the parent syndicate');
      const invalid = (field: string, message: string) => fleetError('VALIDATION', { issues: [{ in: 'body', field, message }] });
      if (parentId && (await auth.profile(parentId)).kind !== 'syndicate') throw invalid('parentId', 'not a syndicate');
      // One level: a syndicate runs towns; a syndicate inside a syndicate would need roles to flow two levels.
      if (kind === 'syndicate' && parentId) throw invalid('parentId', 'a syndicate has no parent');
      if (kind === 'town' && (await auth.profile(tenantId)).kind === 'syndicate' && (await auth.repo.listProfiles()).some((x) => x.parentId === tenantId)) {
        throw invalid('kind', 'this syndicate still has member towns');
      }
      await app.repo.ensureTenant(tenantId, app.fleet.now());
      await auth.putProfile({ tenantId, name, kind, parentId });
      await auth.audit(p, { tenantId, action: 'POST /tenants', target: `/`, detail: { name, kind, parentId }, requestId: req.id });
      if (parentId) await auth.audit(p, { tenantId: parentId, action: 'POST /tenants', target: `/${tenantId}`, detail: { name, kind }, requestId: req.id });
      return { tenantId, name, kind, parentId };
    });

    // ---- users of a tenant (admin, enforced by the hook)

    const tenantParams = z.object({ tenant: id });
    const userParams = z.object({ tenant: id, userId: z.coerce.number().int().positive() });
    const grantable = (req: FastifyRequest, wanted: Role): void => {
      if (!atLeast(req.tenantRole, wanted)) throw fleetError('FORBIDDEN', { role: req.tenantRole, wanted }, 'Cannot grant a role above one\'s own');
    };

    r.get('/api/tenants/:tenant/users', {
      schema: { tags: ['users'], summary: 'Users holding a role on this tenant', params: tenantParams, response: { 200: z.array(userView) } },
    }, async (req) => (await auth.repo.usersOf([req.params.tenant])).map(({ user, role: rr }) => ({
      id: user.id, email: user.email, name: user.name, role: rr.role as Role, disabled: user.disabled, createdAt: new Date(user.createdAt).toISOString(),
    })));

    r.post('/api/tenants/:tenant/users', {
      schema: {
        tags: ['users'], summary: 'Give a person a role on this tenant; creates the account when the e-mail is new (password given or generated, returned once)',
        params: tenantParams,
        body: z.strictObject({ email, name: z.string().trim().min(1).max(100).optional(), role, password: password.optional(), locale: locale.optional() }),
        response: { 200: z.object({ id: z.number(), email: z.string(), role, created: z.boolean(), password: z.string().optional() }), 400: errorBody, 403: errorBody },
      },
    }, async (req) => {
      grantable(req, req.body.role);
      const { tenant } = req.params;
      let user = await auth.repo.getUserByEmail(req.body.email);
      let generated: string | undefined;
      const created = !user;
      if (!user) {
        if (req.body.password) assertPasswordAllowed(req.body.password, { email: req.body.email, name: req.body.name }, 'password');
        else generated = randomPassword();
        user = await auth.createUser({ email: req.body.email, name: req.body.name, password: req.body.password ?? (generated as string), locale: req.body.locale ?? null });
      }
      await auth.repo.setRole(user.id, tenant, req.body.role, app.fleet.now());
      // The audit hook records the request (password masked); nothing more to log here.
      return { id: user.id, email: user.email, role: req.body.role, created, ...(generated ? { password: generated } : {}) };
    });

    r.put('/api/tenants/:tenant/users/:userId', {
      schema: { tags: ['users'], summary: 'Change a user\'s role on this tenant', params: userParams, body: z.strictObject({ role }), response: { 200: z.object({ ok: z.boolean() }), 403: errorBody, 404: errorBody } },
    }, async (req) => {
      const { tenant, userId } = req.params;
      const roles = await auth.repo.rolesOf(userId);
      const current = roles.find((x) => x.tenantId === tenant);
      if (!current) throw fleetError('USER_NOT_FOUND', { userId });
      grantable(req, req.body.role);
      grantable(req, current.role as Role);
      await auth.repo.setRole(userId, tenant, req.body.role, app.fleet.now());
      return { ok: true };
    });

    r.delete('/api/tenants/:tenant/users/:userId', {
      schema: { tags: ['users'], summary: 'Remove a user\'s role on this tenant (the account stays for other tenants)', params: userParams, response: { 200: z.object({ ok: z.boolean() }), 403: errorBody, 404: errorBody } },
    }, async (req) => {
      const { tenant, userId } = req.params;
      const current = (await auth.repo.rolesOf(userId)).find((x) => x.tenantId === tenant);
      if (!current) throw fleetError('USER_NOT_FOUND', { userId });
      grantable(req, current.role as Role);
      await auth.repo.removeRole(userId, tenant);
      await auth.repo.deleteSessionsOf(userId);
      return { ok: true };
    });

    /**
     * An account is one person across tenants, so changing the account itself (disable, new password) is for
     * someone who is admin wherever the account holds a role: a town's admin manages the town's own people,
     * not a person who also works for another town (remove their role here instead); a syndicate's admin the
     * people of its member towns; the platform admin anyone. Never oneself, never above one's own role.
     */
    const manageAccount = async (req: FastifyRequest, params: { tenant: string; userId: number }): Promise<UserRow> => {
      const { tenant, userId } = params;
      const p = req.principal as Principal;
      const roles = await auth.repo.rolesOf(userId);
      const here = roles.find((x) => x.tenantId === tenant);
      const user = here ? await auth.repo.getUser(userId) : undefined;
      if (!here || !user) throw fleetError('USER_NOT_FOUND', { userId });
      if (p.kind === 'user' && p.userId === userId) throw fleetError('FORBIDDEN', undefined, 'You cannot do this to your own account');
      grantable(req, here.role as Role);
      for (const r of roles) {
        if (!atLeast(r.tenantId === PLATFORM ? platformRole(p) : await auth.roleOn(p, r.tenantId), 'admin')) {
          throw fleetError('FORBIDDEN', { otherTenants: true }, 'This account also has a role elsewhere; remove its role on this tenant instead');
        }
      }
      return user;
    };

    for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
      r.post(`/api/tenants/:tenant/users/:userId/${verb}`, {
        schema: {
          tags: ['users'],
          summary: disabled
            ? 'Disable an account: it cannot sign in, and its sessions and the API tokens it created stop working at once'
            : 'Enable a disabled account again (its tokens work again unless revoked; sessions do not come back)',
          params: userParams, response: { 200: z.object({ ok: z.boolean(), disabled: z.boolean() }), 403: errorBody, 404: errorBody },
        },
      }, async (req) => {
        const user = await manageAccount(req, req.params);
        await auth.setDisabled(user.id, disabled);
        return { ok: true, disabled };
      });
    }

    r.post('/api/tenants/:tenant/users/:userId/password', {
      schema: {
        tags: ['users'], summary: 'Give an account a new generated password (returned once) and end its sessions, e.g. after a forgotten password',
        params: userParams, response: { 200: z.object({ id: z.number(), email: z.string(), password: z.string() }), 403: errorBody, 404: errorBody },
      },
    }, async (req) => {
      const user = await manageAccount(req, req.params);
      const generated = randomPassword();
      await auth.setPassword(user.id, generated);
      return { id: user.id, email: user.email, password: generated };
    });

    // ---- API tokens (admin)

    r.get('/api/tenants/:tenant/tokens', {
      schema: { tags: ['tokens'], summary: 'API tokens of this tenant (secrets are never shown again)', params: tenantParams, response: { 200: z.array(tokenView) } },
    }, async (req) => (await auth.repo.listTokens(req.params.tenant)).map((t) => ({
      id: t.id, name: t.name, role: t.role as Role, createdAt: new Date(t.createdAt).toISOString(), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt),
    })));

    r.post('/api/tenants/:tenant/tokens', {
      schema: {
        tags: ['tokens'], summary: 'Create an integration token scoped to this tenant and a role; the secret is returned once',
        params: tenantParams,
        body: z.strictObject({ name: z.string().trim().min(1).max(100), role, expiresInDays: z.number().int().min(1).max(3650).optional() }),
        response: { 200: z.object({ id: z.number(), token: z.string().describe('Authorization: Bearer <token>') }), 403: errorBody },
      },
    }, async (req) => {
      grantable(req, req.body.role);
      const p = req.principal as Principal;
      return auth.createToken({
        tenantId: req.params.tenant, role: req.body.role, name: req.body.name, createdBy: p.kind === 'user' ? p.userId : null,
        expiresAt: req.body.expiresInDays ? auth.realNow() + req.body.expiresInDays * 86_400_000 : null,
      });
    });

    r.delete('/api/tenants/:tenant/tokens/:tokenId', {
      schema: { tags: ['tokens'], summary: 'Revoke a token', params: z.object({ tenant: id, tokenId: z.coerce.number().int().positive() }), response: { 200: z.object({ ok: z.boolean() }), 404: errorBody } },
    }, async (req) => {
      if (!(await auth.repo.revokeToken(req.params.tenant, req.params.tokenId, auth.realNow()))) throw fleetError('TOKEN_NOT_FOUND', { tokenId: req.params.tokenId });
      return { ok: true };
    });

    // ---- audit (admin)

    r.get('/api/tenants/:tenant/audit', {
      schema: {
        tags: ['audit'], summary: 'Audit log of this tenant, newest first (who, when, what)', params: tenantParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(auditView) },
      },
    }, async (req) => (await auth.repo.listAudit([req.params.tenant], req.query.limit, req.query.before)).map((a) => ({
      id: a.id, at: new Date(a.at).toISOString(), actor: a.actor, actorName: a.actorName, action: a.action, target: a.target, detail: a.detail ?? null, requestId: a.requestId,
    })));
  };
}
