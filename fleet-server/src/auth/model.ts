/**
 * Roles and the access rule every `/api/tenants/:tenant/...` route goes through (issue 7).
 *
 * Roles are ordered: viewer < installer < manager < admin. A user holds at most one role per tenant. A role on
 * a syndicate applies to each member town; a role on `*` (the platform operator) applies to every tenant. The
 * effective role is the highest of these.
 *
 * Minimum role per request, decided from the method and the route pattern, so routes added later are
 * protected without doing anything:
 *   - a route's own `config: { minRole }` wins;
 *   - read-only computations posted as a body (a route ending in `/validate` or `/preview`, e.g. the plan
 *     editor's compliance check and preview curve): viewer, and not audited;
 *   - users, tokens and audit routes: admin;
 *   - GET/HEAD: viewer;
 *   - commissioning (a write on a route whose pattern contains `/inventory` or `/commission`): installer;
 *   - every other write: manager.
 */
export const ROLES = ['viewer', 'installer', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORM = '*';

export const roleRank = (r: Role): number => ROLES.indexOf(r);
export const atLeast = (have: Role | undefined, need: Role): boolean => have !== undefined && roleRank(have) >= roleRank(need);
export const maxRole = (a: Role | undefined, b: Role | undefined): Role | undefined => {
  if (!a) return b;
  if (!b) return a;
  return roleRank(a) >= roleRank(b) ? a : b;
};
export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

const ADMIN_AREAS = /^\/api\/tenants\/:tenant\/(users|tokens|audit)(\/|$)/;
const COMMISSIONING = /\/(inventory|commission)(\/|$)/;
/** POST routes that compute and change nothing. */
export const READ_ONLY_POST = /\/(validate|preview)$/;

/** The minimum role for `method` on the route pattern `url` (as registered, e.g. `/api/tenants/:tenant/devices/:deviceId`). */
export function minimumRole(method: string, url: string, declared?: unknown): Role {
  if (isRole(declared)) return declared;
  if (ADMIN_AREAS.test(url)) return 'admin';
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'viewer';
  if (m === 'POST' && READ_ONLY_POST.test(url)) return 'viewer';
  if (COMMISSIONING.test(url)) return 'installer';
  return 'manager';
}

/** Who is calling: a user with a browser session, an API token, or the CLI (audit only). */
export type Principal =
  | { kind: 'user'; userId: number; email: string; name: string; locale: string | null; roles: ReadonlyMap<string, Role>; csrfToken: string | undefined }
  | { kind: 'token'; tokenId: number; name: string; tenantId: string; role: Role };

export interface TenantProfile { tenantId: string; name: string; kind: 'town' | 'syndicate'; parentId: string | null }

/** Effective role of a principal on a tenant, given that tenant's syndicate (if any). */
export function effectiveRole(p: Principal, tenant: string, parentId: string | null | undefined): Role | undefined {
  if (p.kind === 'token') {
    if (p.tenantId === tenant || p.tenantId === PLATFORM || (parentId && p.tenantId === parentId)) return p.role;
    return undefined;
  }
  let r = p.roles.get(tenant);
  if (parentId) r = maxRole(r, p.roles.get(parentId));
  return maxRole(r, p.roles.get(PLATFORM));
}

export const actorOf = (p: Principal): { actor: string; actorName: string } =>
  p.kind === 'user' ? { actor: `user:${p.userId}`, actorName: p.email } : { actor: `token:${p.tokenId}`, actorName: `token ${p.name}` };
