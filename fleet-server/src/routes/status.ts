/**
 * Health and metrics. (The web UI at `/` is routes/ui.ts.)
 *
 * Metrics are scoped like every other read: the process counters (frames, downlinks, OTA relays) describe the
 * whole installation, every town's traffic at once, so only a principal with a role on `*` (the platform
 * operator, e.g. its monitoring token) gets them. Anyone else gets the device figures of the towns they reach.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { effectiveRole, PLATFORM, type Principal } from '../auth/model.js';
import { prometheus, prometheusTenants, type TenantDeviceFigures } from '../metrics.js';

const installationMetrics = z.object({
  scope: z.literal('installation').describe('the caller has a role on * (platform): figures of the whole installation'),
  framesReceived: z.number(),
  framesRejected: z.record(z.string(), z.number()).describe('by reason'),
  framesRejectedTotal: z.number(),
  duplicates: z.number(),
  uplinksByKind: z.record(z.string(), z.number()),
  downlinksSent: z.number(),
  devicesKnown: z.number(),
  devicesOnline: z.number(),
  ota: z.object({
    role: z.enum(['disabled', 'solo', 'leader', 'follower']).describe('leader/solo: this instance drives the OTA campaigns'),
    relaysSent: z.number().describe('OTA uplinks relayed to the driving instance'),
    relaysReceived: z.number().describe('OTA uplinks received from other instances'),
    leads: z.number().describe('times this instance started driving OTA: the lease taken at start, after another instance, or again after a late renewal (each re-offers to the devices left in flight)'),
  }),
});
const tenantMetrics = z.object({
  scope: z.literal('tenants').describe('the towns the caller reaches (installation-wide counters need a role on *)'),
  devicesKnown: z.number(),
  devicesOnline: z.number(),
  tenants: z.array(z.object({ tenantId: z.string(), devicesKnown: z.number(), devicesOnline: z.number() })),
});
const metricsSchema = z.discriminatedUnion('scope', [installationMetrics, tenantMetrics]);

export async function statusRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/health', {
    schema: {
      tags: ['operations'], summary: 'Database and MQTT status; 503 when either is down',
      response: { 200: z.object({ status: z.literal('ok'), db: z.string(), mqtt: z.string() }), 503: z.object({ status: z.literal('unhealthy'), db: z.string(), mqtt: z.string() }) },
    },
  }, async (_req, reply) => {
    let db = 'ok';
    try { await app.repo.ping(); } catch (err) { db = `error: ${err instanceof Error ? err.message : String(err)}`; }
    const mqtt = app.fleet.mqttConnected() ? 'connected' : 'disconnected';
    if (db === 'ok' && mqtt === 'connected') return reply.code(200).send({ status: 'ok' as const, db, mqtt });
    return reply.code(503).send({ status: 'unhealthy' as const, db, mqtt });
  });

  const isPlatform = (req: FastifyRequest): boolean => effectiveRole(req.principal as Principal, PLATFORM, null) !== undefined;

  /** Device figures of each town the caller reaches. */
  const tenantFigures = async (req: FastifyRequest): Promise<TenantDeviceFigures[]> => {
    const visible = await app.auth.visibleTenants(req.principal as Principal, (await app.repo.listTenants()).map((t) => t.id));
    const counts = await app.repo.countDevicesByTenant();
    return visible.filter((t) => t.kind === 'town').map((t) => {
      const c = counts.get(t.tenantId);
      return { tenantId: t.tenantId, devicesKnown: c?.known ?? 0, devicesOnline: c?.online ?? 0 };
    });
  };

  r.get('/api/metrics', {
    schema: { tags: ['operations'], summary: 'Counters as JSON: the whole installation for the platform (a role on *), else the devices of the caller\'s towns', response: { 200: metricsSchema } },
  }, async (req) => {
    if (isPlatform(req)) return { scope: 'installation' as const, ...(await app.fleet.metricsSnapshot()) };
    const tenants = await tenantFigures(req);
    return {
      scope: 'tenants' as const, tenants,
      devicesKnown: tenants.reduce((n, t) => n + t.devicesKnown, 0), devicesOnline: tenants.reduce((n, t) => n + t.devicesOnline, 0),
    };
  });

  r.get('/metrics', {
    schema: { tags: ['operations'], operationId: 'getMetricsPrometheus', summary: 'Counters in Prometheus text format (scoped as /api/metrics: device gauges per town for a caller without a role on *)', hide: false },
  }, async (req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return isPlatform(req) ? prometheus(await app.fleet.metricsSnapshot()) : prometheusTenants(await tenantFigures(req));
  });
}
