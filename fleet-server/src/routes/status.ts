/** Health and metrics. (The web UI at `/` is routes/ui.ts.) */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { prometheus } from '../metrics.js';

const metricsSchema = z.object({
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
  }),
});

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

  r.get('/api/metrics', { schema: { tags: ['operations'], summary: 'Counters as JSON', response: { 200: metricsSchema } } },
    async () => app.fleet.metricsSnapshot());

  r.get('/metrics', { schema: { tags: ['operations'], summary: 'Counters in Prometheus text format', hide: false } }, async (_req, reply) => {
    reply.type('text/plain; version=0.0.4; charset=utf-8');
    return prometheus(await app.fleet.metricsSnapshot());
  });
}
