/**
 * Issue 6 REST routes: OTA images and staged campaigns, under /api/tenants/:tenant/ota/… (GET = viewer; POST =
 * manager or installer, as issue 7's auth guards that prefix).
 *
 *   POST /ota/images?version=1.2.0&kind=full&hardwareModels=SL-ESP32,SL-ESP32-SIM&minVersion=1.0.0&releaseNotes=…
 *        body: the image bytes, Content-Type application/octet-stream (at most OTA_MAX_IMAGE_BYTES)
 *   GET  /ota/images, /ota/images/:imageId
 *   POST /ota/campaigns {imageId, name?, target: {group} | {filter: {hardwareModel?, firmwareVersion?}}, policy?, window?}
 *   GET  /ota/campaigns, /ota/campaigns/:campaignId (progress per wave and per device)
 *   POST /ota/campaigns/:campaignId/pause | resume | cancel | retry
 *
 * Several instances (docs/ota.md): on an instance that does not drive OTA, reads come from the database (at most
 * about 2 s behind the driver), a new campaign is written there for the driver, and a command is queued there
 * and answered with the driver's result (202 `queued` if the driver did not apply it within 5 s).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import type { OtaCampaignRow, OtaImageRow } from '../db/ota-repository.js';
import { fleetError } from '../errors.js';
import type { CampaignState } from '../ota/campaign.js';
import { OtaService } from '../ota/service.js';
import { atLeast, type Role } from '../auth/model.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const imageParams = z.object({ tenant: id, imageId: z.coerce.number().int().min(1) });
const campaignParams = z.object({ tenant: id, campaignId: z.coerce.number().int().min(1) });
const errorBody = z.object({
  code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional(),
});

const imageView = z.object({
  id: z.number(), version: z.string(), kind: z.enum(['full', 'mod']), size: z.number(), sha256: z.string(),
  hardwareModels: z.array(z.string()), minVersion: z.string().nullable(), requiresHost: z.string().nullable(),
  releaseNotes: z.string().nullable(), keyId: z.number(),
  manifest: z.string().optional().describe('signed manifest, base64 (managers and admins only)'),
  signature: z.string().optional().describe('Ed25519 signature of the manifest, base64 (managers and admins only)'), createdAt: z.number(),
});
/** An image as `role` sees it: the signed manifest and its signature only for those who run updates (issue 11). */
const toImage = (r: OtaImageRow, role: Role | undefined): z.infer<typeof imageView> => ({
  id: r.id, version: r.version, kind: r.kind as 'full' | 'mod', size: r.size, sha256: r.sha256, hardwareModels: r.hardwareModels,
  minVersion: r.minVersion, requiresHost: r.requiresHost, releaseNotes: r.releaseNotes, keyId: r.keyId,
  ...(atLeast(role, 'manager') ? { manifest: r.manifest, signature: r.signature } : {}), createdAt: r.createdAt,
});

const uploadQuery = z.object({
  version: z.string().min(1).max(32).describe('MAJOR.MINOR.PATCH of the firmware in the image'),
  kind: z.enum(['full', 'mod']).default('full').describe('full: app partition image; mod: JS-only Moddable mod'),
  hardwareModels: z.string().min(1).describe('comma-separated hardware models the image fits'),
  minVersion: z.string().max(32).optional().describe('lowest running version that may install it'),
  requiresHost: z.string().max(32).optional().describe('mods only: the host version the mod was built against'),
  releaseNotes: z.string().max(4000).optional(),
});

const policy = z.strictObject({
  canary: z.number().positive().optional().describe('canary wave: a device count if ≥ 1, else a share (default 0.02)'),
  growth: z.number().min(1).optional().describe('each wave is this many times the previous (default 4)'),
  successThreshold: z.number().gt(0).max(1).optional().describe('share confirmed before the next wave starts (default 0.9)'),
  errorThreshold: z.number().min(0).lt(1).optional().describe('share of attempted devices failed that halts the campaign (default 0.05)'),
  deviceTimeoutS: z.number().int().min(60).optional().describe('a device with no progress for this long is timed out (default 3600)'),
  maxConcurrent: z.number().int().min(1).optional().describe('devices in flight at once (default 50)'),
});
const minute = z.number().int().min(0).max(1439);
const campaignBody = z.strictObject({
  imageId: z.number().int().min(1),
  name: z.string().min(1).max(120).optional(),
  target: z.union([
    z.strictObject({ group: id }),
    z.strictObject({ filter: z.strictObject({ hardwareModel: z.string().min(1).max(32).optional(), firmwareVersion: z.string().min(1).max(32).optional() }) }),
  ]),
  policy: policy.optional(),
  window: z.strictObject({ startMin: minute, endMin: minute }).optional().describe('install window, device local minutes after midnight; [start, end) may wrap midnight'),
});

const deviceStates = ['queued', 'offered', 'downloading', 'verifying', 'installing', 'rebooting', 'confirmed', 'rolled_back', 'failed', 'timed_out', 'cancelled'] as const;
const campaignSummary = z.object({
  id: z.number(), name: z.string(), imageId: z.number(), status: z.enum(['running', 'paused', 'halted', 'completed', 'cancelled']),
  haltReason: z.string().optional().describe('why it halted, in English'),
  halt: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('errors'), failed: z.number(), attempted: z.number(), thresholdPct: z.number() }),
    z.object({ kind: z.literal('wave'), wave: z.number().describe('0-based'), confirmed: z.number(), devices: z.number(), thresholdPct: z.number() }),
  ]).optional().describe('why it halted, as figures'),
  target: z.record(z.string(), z.unknown()), window: z.object({ startMin: z.number(), endMin: z.number() }),
  devices: z.number(), counts: z.record(z.string(), z.number()), createdAt: z.number(), updatedAt: z.number(),
});
const campaignView = campaignSummary.extend({
  policy: z.record(z.string(), z.unknown()),
  waves: z.array(z.object({ wave: z.number(), size: z.number(), started: z.boolean(), counts: z.record(z.string(), z.number()) })),
  deviceStates: z.array(z.object({
    deviceId: z.string(), wave: z.number(), state: z.enum(deviceStates), offset: z.number(), progressPct: z.number(),
    reason: z.string().optional(), attempts: z.number(), updatedAt: z.number(),
  })),
});

function summary(row: OtaCampaignRow, state: CampaignState): z.infer<typeof campaignSummary> {
  const counts: Record<string, number> = Object.fromEntries(deviceStates.map((s) => [s, 0]));
  for (const d of Object.values(state.devices)) counts[d.state] = (counts[d.state] ?? 0) + 1;
  return {
    id: row.id, name: row.name, imageId: row.imageId, status: state.status, ...(state.haltReason ? { haltReason: state.haltReason } : {}), ...(state.halt ? { halt: state.halt } : {}),
    target: row.target, window: { startMin: row.windowStartMin, endMin: row.windowEndMin }, devices: Object.keys(state.devices).length,
    counts, createdAt: row.createdAt, updatedAt: row.updatedAt,
  };
}

export function otaRoutes(opts: { maxImageBytes: number }) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // Raw image bytes (scoped to this plugin: other routes keep JSON only).
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: opts.maxImageBytes }, (_req, body, done) => done(null, body));

    r.post('/api/tenants/:tenant/ota/images', {
      bodyLimit: opts.maxImageBytes,
      schema: {
        tags: ['ota'], summary: 'Upload a firmware image (raw bytes) with its metadata; the server stores it by SHA-256 and signs its manifest',
        params: tenantParams, querystring: uploadQuery, response: { 201: imageView, 409: errorBody, 422: errorBody, 503: errorBody },
      },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw fleetError('OTA_IMAGE_INVALID', { problems: ['send the image as Content-Type: application/octet-stream'] });
      const q = req.query;
      const row = await app.ota.uploadImage(req.params.tenant, req.body, {
        version: q.version, kind: q.kind, hardwareModels: q.hardwareModels.split(',').map((m) => m.trim()).filter(Boolean),
        minVersion: q.minVersion, requiresHost: q.requiresHost, releaseNotes: q.releaseNotes,
      });
      return reply.code(201).send(toImage(row, req.tenantRole));
    });

    r.get('/api/tenants/:tenant/ota/images', {
      schema: { tags: ['ota'], summary: 'Images of the tenant, newest first', params: tenantParams, response: { 200: z.array(imageView), 503: errorBody } },
    }, async (req) => (await app.ota.listImages(req.params.tenant)).map((i) => toImage(i, req.tenantRole)));

    r.get('/api/tenants/:tenant/ota/images/:imageId', {
      schema: { tags: ['ota'], summary: 'One image and its signed manifest', params: imageParams, response: { 200: imageView, 404: errorBody, 503: errorBody } },
    }, async (req) => toImage(await app.ota.getImage(req.params.tenant, req.params.imageId), req.tenantRole));

    r.post('/api/tenants/:tenant/ota/campaigns', {
      schema: {
        tags: ['ota'], summary: 'Start a staged campaign: canary wave, growing waves, success and error thresholds',
        params: tenantParams, body: campaignBody,
        response: { 201: campaignSummary.extend({ skipped: z.array(z.string()) }), 404: errorBody, 422: errorBody, 503: errorBody },
      },
    }, async (req, reply) => {
      const { campaign, skipped } = await app.ota.createCampaign(req.params.tenant, req.body);
      const { row, state } = await app.ota.getCampaign(req.params.tenant, campaign.id);
      return reply.code(201).send({ ...summary(row, state), skipped });
    });

    r.get('/api/tenants/:tenant/ota/campaigns', {
      schema: { tags: ['ota'], summary: 'Campaigns of the tenant, newest first', params: tenantParams, response: { 200: z.array(campaignSummary), 503: errorBody } },
    }, async (req) => (await app.ota.listCampaigns(req.params.tenant)).map(({ row, state }) => summary(row, state)));

    r.get('/api/tenants/:tenant/ota/campaigns/:campaignId', {
      schema: {
        tags: ['ota'], summary: 'Campaign progress: per wave, and per device (state, download progress, reason)',
        params: campaignParams, response: { 200: campaignView, 404: errorBody, 503: errorBody },
      },
    }, async (req) => {
      const { row, state, size } = await app.ota.getCampaign(req.params.tenant, req.params.campaignId);
      const progress = OtaService.progress(state, size);
      return { ...summary(row, state), policy: state.policy as unknown as Record<string, unknown>, waves: progress.waves, deviceStates: progress.devices };
    });

    for (const cmd of ['pause', 'resume', 'cancel', 'retry'] as const) {
      r.post(`/api/tenants/:tenant/ota/campaigns/:campaignId/${cmd}`, {
        schema: {
          tags: ['ota'], summary: `${cmd[0]?.toUpperCase()}${cmd.slice(1)} the campaign${cmd === 'retry' ? ' (failed, rolled-back and timed-out devices are queued again)' : ''}`,
          params: campaignParams,
          response: {
            200: z.object({ status: z.string(), retried: z.number().optional() }),
            202: z.object({ status: z.string(), queued: z.literal(true) }).describe('several instances: the instance driving OTA did not apply the command within 5 s; it is queued and applied when a driver runs'),
            404: errorBody, 409: errorBody, 503: errorBody,
          },
        },
      }, async (req, reply) => {
        const { queued, ...out } = await app.ota.command(req.params.tenant, req.params.campaignId, cmd);
        const { state } = await app.ota.getCampaign(req.params.tenant, req.params.campaignId);
        if (queued) return reply.code(202).send({ status: state.status, queued });
        return reply.code(200).send({ status: state.status, ...out });
      });
    }
  };
}
