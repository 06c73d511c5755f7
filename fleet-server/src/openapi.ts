/**
 * The OpenAPI document for integrators (issue 16): what @fastify/swagger builds from the routes' zod schemas, plus
 * what an integrator's tooling expects of a published API (it passes `spectral lint` with the default `spectral:oas`
 * ruleset without an error or a warning: test/openapi-lint.test.ts):
 *  - the security schemes the server really accepts (auth/plugin.ts): an API token (`Authorization: Bearer slt_…`)
 *    or the web UI's session cookie (`sl_session`, with `X-CSRF-Token` on writes); public routes say `security: []`;
 *  - an `operationId` per operation, derived from its method and path so that it is stable and unique
 *    (`GET /api/tenants/:tenant/devices/:deviceId` → `getDevicesByDeviceId`), unless the route names one;
 *  - a description per operation (its own, else its summary) and every tag declared, with a description;
 *  - no component schema that no operation uses.
 * The transforms wrap fastify-type-provider-zod's, so new routes get all this without doing anything.
 */
import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { OpenAPIV3 } from 'openapi-types';

/** What each tag of the API is about (tags a route uses that are not here are declared with their name). */
const TAGS: Readonly<Record<string, string>> = {
  auth: 'Signing in and out, the current account, its sessions and password.',
  users: 'Accounts and their roles per town or syndicate (administrators).',
  tokens: 'API tokens for integrations (`Authorization: Bearer slt_…`).',
  tenants: 'Towns and syndicates: profiles, time zone, tariff and the towns a syndicate groups.',
  devices: 'Controllers: the device list and detail, reported state, history and downlinks.',
  inventory: 'Commissioning and the inventory: cabinets, circuits, poles, luminaires, controller replacement and retirement, import.',
  groups: 'Groups of lights: membership, decree category and zone, assigned plan.',
  plans: 'Dimming plans: versions, preview, decree compliance, assignment.',
  calendar: 'The town\'s calendar for plans: public holidays (Alsace-Moselle), school holidays imported by zone, month views of which program runs each night.',
  luminaires: 'The luminaire catalogue (decree fields, dimming curve, driver interface).',
  overrides: 'Manual overrides of lights and groups, with an expiry.',
  energy: 'Energy reports, savings against the baseline, gaps and quarantined records.',
  alarms: 'Faults raised by controllers, handled to the end: filters, acknowledge, assign, comments, interventions, clearing; maintenance companies; e-mail digests to the people on duty.',
  simulation: 'The demo only: faults put on simulated lights and cabinets, to see alarms.',
  ota: 'Firmware images and staged update campaigns.',
  exports: 'Open-data exports: GeoJSON, CSV, FIWARE NGSI-LD, the decree compliance file.',
  reports: 'Reports for the council: a month or a year of consumption, savings, euros, CO2 and faults, per town and per syndicate (JSON, CSV, PDF).',
  audit: 'Who changed what, when.',
  operations: 'Metrics and health of the installation.',
  config: 'Server settings a client needs.',
};

/** `/api/tenants/:tenant/ota/campaigns/:campaignId/cancel`, `POST` → `postOtaCampaignsByCampaignIdCancel`. */
export function operationIdOf(method: string, url: string): string {
  const words = url.split('/').filter((s) => s && s !== 'api')
    // Every tenant route starts the same way: the tenant is a parameter of all of them, not part of their name.
    .filter((s, i, all) => !(s === 'tenants' && all[i + 1] === ':tenant') && s !== ':tenant')
    .map((s) => (s.startsWith(':') ? `By${cap(s.slice(1))}` : s.split(/[^A-Za-z0-9]+/).filter(Boolean).map(cap).join('')));
  return method.toLowerCase() + words.join('');
}
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The security requirement of every authenticated operation: either scheme. */
const AUTHENTICATED: OpenAPIV3.SecurityRequirementObject[] = [{ apiToken: [] }, { session: [] }];

/** The document's fixed parts (merged with what the routes say). */
export const OPENAPI_BASE: NonNullable<FastifyDynamicSwaggerOptions['openapi']> = {
  openapi: '3.0.3',
  info: {
    title: 'Streetlight fleet server',
    version: '0.1.0',
    description: 'Device registry, commissioning and inventory, dimming plans, energy reports and firmware updates of a town\'s or a syndicate\'s streetlights. '
      + 'Errors are `{ code, message, statusCode, requestId, details? }` with a stable `SL_…` code.',
    // The people to ask are those who run this installation (a town's or a syndicate's IT): the server's own page.
    contact: { name: 'The operator of this installation', url: '/' },
    license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  },
  // Relative: the document describes the server it is served by, whatever its address.
  servers: [{ url: '/', description: 'this server' }],
  components: {
    securitySchemes: {
      apiToken: {
        type: 'http', scheme: 'bearer',
        description: 'An API token (`slt_…`), created by an administrator or with `admin:create`; its role per town is its account\'s.',
      },
      session: {
        type: 'apiKey', in: 'cookie', name: 'sl_session',
        description: 'The web UI\'s session, from `POST /api/auth/login`. Writes also need the `X-CSRF-Token` header that login and `GET /api/auth/me` return.',
      },
    },
  },
  security: AUTHENTICATED,
};

type Transformed = ReturnType<SwaggerTransform>;

/** Wraps a route transform: operationId, description and (public routes) no security. */
export function withOperationDetails(base: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const out: Transformed = base(input);
    const schema = { ...(out.schema as Record<string, unknown>) };
    const method = Array.isArray(input.route.method) ? String(input.route.method[0]) : String(input.route.method);
    if (typeof schema.operationId !== 'string') schema.operationId = operationIdOf(method, input.url);
    if (typeof schema.description !== 'string' && typeof schema.summary === 'string') schema.description = schema.summary;
    if ((input.route.config as { public?: boolean } | undefined)?.public === true) schema.security = [];
    return { ...out, schema };
  };
}

/** Wraps a document transform: every tag used is declared, and component schemas no operation uses are left out. */
export function withDeclaredTagsAndUsedSchemas(base: SwaggerTransformObject): SwaggerTransformObject {
  return (input) => {
    const doc = base(input) as OpenAPIV3.Document;
    const used = new Set<string>();
    for (const item of Object.values(doc.paths ?? {})) {
      for (const op of Object.values(item ?? {})) {
        if (op && typeof op === 'object' && Array.isArray((op as OpenAPIV3.OperationObject).tags)) for (const t of (op as OpenAPIV3.OperationObject).tags as string[]) used.add(t);
      }
    }
    const declared = new Map((doc.tags ?? []).map((t) => [t.name, t]));
    for (const t of [...used].sort()) if (!declared.has(t)) declared.set(t, { name: t, description: TAGS[t] ?? t });
    const schemas = doc.components?.schemas;
    if (schemas) {
      // Reachable from the paths, then from the schemas they reach.
      const reached = new Set<string>();
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) { for (const x of v) walk(x); return; }
        if (!v || typeof v !== 'object') return;
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref' && typeof x === 'string' && x.startsWith('#/components/schemas/')) {
            const name = decodeURIComponent(x.slice('#/components/schemas/'.length));
            if (!reached.has(name)) { reached.add(name); walk(schemas[name]); }
          } else walk(x);
        }
      };
      walk(doc.paths);
      for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
    }
    return { ...doc, tags: [...declared.values()] };
  };
}
