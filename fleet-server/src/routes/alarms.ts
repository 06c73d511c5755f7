/**
 * Alarms handled to the end, under /api/tenants/:tenant/…: the list with its filters (state, type, street, cabinet,
 * age), one alarm with its comments, assignment, interventions and the digest that notified it; acknowledge, assign
 * to a person of the town or a maintenance company, comment, record an intervention, clear by hand with a reason.
 * The town's maintenance companies and its alarm e-mails (SMTP settings, people on duty, the digests sent).
 * GET = viewer, writes = manager (auth/model.ts). Every write is in the audit log, said in words (ui/audit.ts);
 * the SMTP password is masked there (auth/plugin.ts: a key naming a password) and never in an answer.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { actorOf } from '../auth/model.js';
import { ALARM_STATES, ALARM_TYPE_NAMES } from '../alarms/service.js';
import type { AlarmRow, AlarmState, ContractorRow } from '../db/alarms-repository.js';
import type { DigestRow, NotificationSettingsRow } from '../db/notification-repository.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const alarmParams = z.object({ tenant: id, alarmId: z.coerce.number().int().min(1) });
const contractorParams = z.object({ tenant: id, contractorId: z.coerce.number().int().min(1) });

const errorBody = z.object({
  code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional(),
});
const errors = { 400: errorBody, 404: errorBody };
const stateEnum = z.enum(['open', 'acknowledged', 'assigned', 'intervened', 'cleared']);

const assigneeView = z.object({
  kind: z.enum(['user', 'contractor']), id: z.string(), name: z.string().describe('the person\'s name or the company\'s'),
  email: z.string().nullable(), phone: z.string().nullable(),
}).describe('who the repair is assigned to');
const alarmView = z.object({
  id: z.number(), deviceId: z.string(), device: z.string().describe('API path of the device'), type: z.string(), severity: z.string(),
  state: stateEnum.describe('open → acknowledged → assigned → intervened → cleared; every state but cleared is a fault still there'),
  raisedAt: z.string(), receivedAt: z.string(), lastEventAt: z.string(),
  value: z.number(), detail: z.string(), acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(), clearedAt: z.string().nullable(),
  clearedBy: z.string().nullable().describe('who cleared it by hand; null when the device reported the fault gone (or not cleared)'),
  clearReason: z.string().nullable(),
  assignee: assigneeView.nullable(), assignedAt: z.string().nullable(), assignedBy: z.string().nullable(),
  notifiedAt: z.string().nullable().describe('when the e-mail digest that told of it was sent; null: not yet'),
});
const commentView = z.object({ id: z.number(), author: z.string(), at: z.string(), text: z.string() });
const interventionView = z.object({
  id: z.number(), doneAt: z.string(), doneBy: z.string(), action: z.string(), parts: z.array(z.string()), recordedBy: z.string(), recordedAt: z.string(),
});
const alarmDetail = alarmView.extend({ comments: z.array(commentView), interventions: z.array(interventionView) });
const contractorView = z.object({ id: z.number(), name: z.string(), email: z.string().nullable(), phone: z.string().nullable(), archived: z.boolean() });
const contractorBody = z.strictObject({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().regex(/^[+0-9 ().-]{4,30}$/, 'a phone number').nullable().optional(),
});
const email = z.email().max(200);
const settingsView = z.object({
  enabled: z.boolean(), smtpHost: z.string(), smtpPort: z.number(), smtpTls: z.enum(['none', 'starttls', 'tls']),
  smtpUser: z.string().nullable(), hasPassword: z.boolean().describe('a password is stored (it is never returned)'),
  fromAddress: z.string(), recipients: z.array(z.string()), periodMin: z.number(), uiUrl: z.string(), configured: z.boolean(),
});
const settingsBody = z.strictObject({
  enabled: z.boolean(),
  smtpHost: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address'),
  smtpPort: z.number().int().min(1).max(65535),
  smtpTls: z.enum(['none', 'starttls', 'tls']).describe('none: plain; starttls: the upgrade is required; tls: implicit TLS (port 465)'),
  smtpUser: z.string().max(200).nullable().optional(),
  smtpPassword: z.string().max(500).nullable().optional().describe('write-only: absent keeps the stored one, null removes it'),
  fromAddress: email,
  recipients: z.array(email).max(50).describe('the people on duty'),
  periodMin: z.number().int().min(1).max(1440).default(15).describe('a digest per period: at most one mail per period'),
  uiUrl: z.url().max(300).describe('the UI\'s address as the people on duty reach it (links in the mail)'),
}).refine((b) => !b.enabled || b.recipients.length > 0, { message: 'notifications on need at least one recipient', path: ['recipients'] });
const digestView = z.object({
  id: z.number(), periodStart: z.string(), periodEnd: z.string(), alarmCount: z.number(), state: z.enum(['pending', 'sent']),
  attempts: z.number(), lastError: z.string().nullable(), nextAttemptAt: z.string().nullable(), sentAt: z.string().nullable(),
});

const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
const csvList = <T extends string>(allowed: readonly T[]) => z.string().optional().transform((v, ctx) => {
  if (!v) return undefined;
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const it of items) if (!allowed.includes(it as T)) ctx.addIssue({ code: 'custom', message: `unknown value ${it}; one of ${allowed.join(', ')}` });
  return items as T[];
});

const contractorOut = (c: ContractorRow): z.infer<typeof contractorView> => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, archived: c.archivedAt !== null });
function settingsOut(s: NotificationSettingsRow | undefined): z.infer<typeof settingsView> {
  if (!s) return { enabled: false, smtpHost: '', smtpPort: 587, smtpTls: 'starttls', smtpUser: null, hasPassword: false, fromAddress: '', recipients: [], periodMin: 15, uiUrl: '', configured: false };
  return {
    enabled: s.enabled, smtpHost: s.smtpHost, smtpPort: s.smtpPort, smtpTls: s.smtpTls as 'none' | 'starttls' | 'tls', smtpUser: s.smtpUser,
    hasPassword: !!s.smtpPassword, fromAddress: s.fromAddress, recipients: s.recipients, periodMin: s.periodMin, uiUrl: s.uiUrl, configured: true,
  };
}
const digestOut = (d: DigestRow): z.infer<typeof digestView> => ({
  id: d.id, periodStart: iso(d.periodStart)!, periodEnd: iso(d.periodEnd)!, alarmCount: d.alarmCount, state: d.state as 'pending' | 'sent',
  attempts: d.attempts, lastError: d.lastError, nextAttemptAt: d.state === 'pending' ? iso(d.nextAttemptAt) : null, sentAt: iso(d.sentAt),
});

export async function alarmRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, alarms, notifier } = app;

  async function requireTenant(tenant: string): Promise<void> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  }
  const who = (req: { principal?: Parameters<typeof actorOf>[0] | undefined }): string => (req.principal ? actorOf(req.principal).actorName : 'command line');

  /** The town's accounts by id (assignable people). */
  async function people(tenant: string): Promise<Map<string, { name: string; email: string }>> {
    const rows = await app.auth.repo.usersOf([tenant]);
    return new Map(rows.filter((x) => !x.user.disabled).map((x) => [String(x.user.id), { name: x.user.name || x.user.email, email: x.user.email }]));
  }

  /** Alarms as the API shows them: assignee named, notification time. */
  async function views(tenant: string, rows: AlarmRow[]): Promise<Array<z.infer<typeof alarmView>>> {
    const needPeople = rows.some((a) => a.assigneeKind === 'user');
    const [ppl, companies, digests] = await Promise.all([
      needPeople ? people(tenant) : Promise.resolve(new Map<string, { name: string; email: string }>()),
      rows.some((a) => a.assigneeKind === 'contractor') ? alarms.contractors(tenant, true) : Promise.resolve([]),
      notifier.repo.digestsOf(rows.filter((a) => a.digestId !== null).map((a) => a.id)),
    ]);
    return rows.map((a) => {
      let assignee: z.infer<typeof assigneeView> | null = null;
      if (a.assigneeKind === 'user' && a.assigneeId) {
        const p = ppl.get(a.assigneeId);
        assignee = { kind: 'user', id: a.assigneeId, name: p?.name ?? `#${a.assigneeId}`, email: p?.email ?? null, phone: null };
      } else if (a.assigneeKind === 'contractor' && a.assigneeId) {
        const c = companies.find((x) => String(x.id) === a.assigneeId);
        assignee = { kind: 'contractor', id: a.assigneeId, name: c?.name ?? `#${a.assigneeId}`, email: c?.email ?? null, phone: c?.phone ?? null };
      }
      const d = digests.get(a.id);
      return {
        id: a.id, deviceId: a.deviceId, device: `/api/tenants/${tenant}/devices/${a.deviceId}`, type: a.type, severity: a.severity,
        state: a.state as AlarmState, raisedAt: iso(a.raisedAt)!, receivedAt: iso(a.receivedAt)!, lastEventAt: iso(a.lastEventAt)!,
        value: a.value, detail: a.detail, acknowledgedAt: iso(a.acknowledgedAt), acknowledgedBy: a.acknowledgedBy, clearedAt: iso(a.clearedAt),
        clearedBy: a.clearedBy, clearReason: a.clearReason, assignee, assignedAt: iso(a.assignedAt), assignedBy: a.assignedBy,
        notifiedAt: d?.state === 'sent' ? iso(d.sentAt) : null,
      };
    });
  }
  async function detail(tenant: string, a: AlarmRow): Promise<z.infer<typeof alarmDetail>> {
    const [[v], comments, interventions] = await Promise.all([views(tenant, [a]), alarms.comments(tenant, a.id), alarms.interventions(tenant, a.id)]);
    return {
      ...v!,
      comments: comments.map((c) => ({ id: c.id, author: c.author, at: iso(c.at)!, text: c.text })),
      interventions: interventions.map((x) => ({ id: x.id, doneAt: iso(x.doneAt)!, doneBy: x.doneBy, action: x.action, parts: x.parts, recordedBy: x.recordedBy, recordedAt: iso(x.recordedAt)! })),
    };
  }

  r.get('/api/tenants/:tenant/alarms', {
    schema: {
      tags: ['alarms'], summary: 'Alarms of a tenant, newest first, with filters',
      description: 'Filters combine (and): state, type, severity, device, street (an inventory group), cabinet, and age (raised at least `minAgeH` hours ago, or since a time). `counts` are per state over the whole tenant.',
      params: tenantParams,
      querystring: z.object({
        state: csvList(ALARM_STATES).describe(`comma-separated: ${ALARM_STATES.join(', ')} (default all)`),
        type: csvList(ALARM_TYPE_NAMES).describe(`comma-separated: ${ALARM_TYPE_NAMES.join(', ')}`),
        device: id.optional(),
        group: id.optional().describe('lights of this street (inventory group)'),
        cabinet: id.optional().describe('lights on poles fed by this cabinet'),
        severity: z.enum(['critical', 'major', 'minor']).optional(),
        since: z.iso.datetime({ offset: true }).optional().describe('raised at or after (ISO 8601)'),
        minAgeH: z.coerce.number().min(0).max(24 * 3660).optional().describe('raised at least this many hours ago (server clock)'),
        before: z.coerce.number().int().min(1).optional().describe('page: alarms with an id below this'),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
      response: {
        200: z.object({ counts: z.object({ open: z.number(), acknowledged: z.number(), assigned: z.number(), intervened: z.number(), cleared: z.number() }), alarms: z.array(alarmView) }),
        ...errors,
      },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const q = req.query;
    const [rows, counts] = await Promise.all([
      alarms.list({
        tenantId: tenant, states: q.state, types: q.type, deviceId: q.device, severity: q.severity, group: q.group, cabinet: q.cabinet,
        since: q.since ? Date.parse(q.since) : undefined, raisedBefore: q.minAgeH !== undefined ? app.fleet.now() - q.minAgeH * 3_600_000 : undefined,
        beforeId: q.before, limit: q.limit,
      }),
      alarms.counts(tenant),
    ]);
    return { counts, alarms: await views(tenant, rows) };
  });

  r.get('/api/tenants/:tenant/alarms/assignees', {
    schema: {
      tags: ['alarms'], summary: 'Who an alarm can be assigned to',
      description: 'The accounts of the town (enabled) and its maintenance companies not archived.',
      params: tenantParams,
      response: { 200: z.object({ people: z.array(z.object({ id: z.string(), name: z.string(), email: z.string() })), contractors: z.array(contractorView) }), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const ppl = await people(tenant);
    return { people: [...ppl].map(([k, v]) => ({ id: k, ...v })), contractors: (await alarms.contractors(tenant)).map(contractorOut) };
  });

  r.get('/api/tenants/:tenant/alarms/:alarmId', {
    schema: {
      tags: ['alarms'], summary: 'One alarm, with its comments and interventions',
      description: 'The alarm as in the list, plus its comments (oldest first) and interventions (by the time the work was done).',
      params: alarmParams, response: { 200: alarmDetail, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    return detail(tenant, await alarms.require(tenant, alarmId));
  });

  r.post('/api/tenants/:tenant/alarms/:alarmId/acknowledge', {
    schema: {
      tags: ['alarms'], summary: 'Acknowledges an alarm (open → acknowledged; a cleared alarm records who saw it); idempotent',
      description: 'Acknowledged is not solved: the light stays in fault until the alarm is cleared.',
      params: alarmParams, body: z.strictObject({ by: z.string().min(1).max(120).optional().describe('who acknowledges; default the signed-in user') }).optional(),
      response: { 200: alarmDetail, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    const by = req.body?.by ?? (req.principal ? actorOf(req.principal).actorName : null);
    const a = await alarms.acknowledge(tenant, alarmId, by);
    if (!a) throw fleetError('ALARM_NOT_FOUND', { tenant, alarmId });
    return detail(tenant, a);
  });

  r.post('/api/tenants/:tenant/alarms/:alarmId/assign', {
    schema: {
      tags: ['alarms'], summary: 'Assigns the repair to a person of the town or a maintenance company',
      description: 'The alarm becomes `assigned` (it stays `intervened` once an intervention is recorded) and counts as acknowledged. A cleared alarm answers 409 SL_ALARM_CLEARED.',
      params: alarmParams,
      body: z.strictObject({
        kind: z.enum(['user', 'contractor']).describe('user: an account of the town; contractor: one of its maintenance companies'),
        id: z.string().regex(/^[0-9]{1,12}$/, 'an account or company id').describe('the account\'s or the company\'s id (GET …/alarms/assignees)'),
      }),
      response: { 200: alarmDetail, 409: errorBody, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    const { kind, id: to } = req.body;
    let name: string | undefined;
    if (kind === 'user') name = (await people(tenant)).get(to)?.name;
    else {
      const c = await alarms.contractor(tenant, Number(to));
      name = c && c.archivedAt === null ? c.name : undefined;
    }
    if (name === undefined) throw fleetError('ASSIGNEE_NOT_FOUND', { kind, id: to });
    const a = await alarms.assign(tenant, alarmId, { kind, id: to }, who(req));
    req.auditVars = { assignee: name };
    return detail(tenant, a);
  });

  r.post('/api/tenants/:tenant/alarms/:alarmId/comments', {
    schema: {
      tags: ['alarms'], summary: 'Adds a comment to an alarm',
      description: 'The author is the signed-in account (or the API token); the time is the server\'s.',
      params: alarmParams, body: z.strictObject({ text: z.string().trim().min(1).max(2000) }),
      response: { 200: alarmDetail, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    await alarms.comment(tenant, alarmId, who(req), req.body.text);
    return detail(tenant, await alarms.require(tenant, alarmId));
  });

  r.post('/api/tenants/:tenant/alarms/:alarmId/interventions', {
    schema: {
      tags: ['alarms'], summary: 'Records an intervention: what was done, when, by whom, parts replaced',
      description: 'A not-cleared alarm becomes `intervened`; it stays a fault until the device reports the fault gone or a manager clears it.',
      params: alarmParams,
      body: z.strictObject({
        doneAt: z.iso.datetime({ offset: true }).describe('when the work was done'),
        doneBy: z.string().trim().min(1).max(200).describe('who did it: a person or a company'),
        action: z.string().trim().min(1).max(2000).describe('what was done'),
        parts: z.array(z.string().trim().min(1).max(200)).max(50).default([]).describe('parts replaced'),
      }),
      response: { 200: alarmDetail, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    const b = req.body;
    await alarms.intervene(tenant, alarmId, { doneAt: Date.parse(b.doneAt), doneBy: b.doneBy, action: b.action, parts: b.parts }, who(req));
    return detail(tenant, await alarms.require(tenant, alarmId));
  });

  r.post('/api/tenants/:tenant/alarms/:alarmId/clear', {
    schema: {
      tags: ['alarms'], summary: 'Clears an alarm by hand, with a reason',
      description: 'For a fault gone that the device cannot report (or a false alarm). Usually the device\'s own report clears it. Already cleared: 409 SL_ALARM_CLEARED.',
      params: alarmParams, body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
      response: { 200: alarmDetail, 409: errorBody, ...errors },
    },
  }, async (req) => {
    const { tenant, alarmId } = req.params;
    return detail(tenant, await alarms.clear(tenant, alarmId, who(req), req.body.reason));
  });

  // ---------------------------------------------------------------- maintenance companies

  r.get('/api/tenants/:tenant/contractors', {
    schema: {
      tags: ['alarms'], summary: 'Maintenance companies of the town',
      description: 'By name; archived ones only with `archived=true`.',
      params: tenantParams, querystring: z.object({ archived: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.array(contractorView), ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return (await alarms.contractors(req.params.tenant, req.query.archived === 'true')).map(contractorOut);
  });

  r.post('/api/tenants/:tenant/contractors', {
    schema: {
      tags: ['alarms'], summary: 'Adds a maintenance company', description: 'Name, e-mail and phone number of a company repairs can be assigned to.',
      params: tenantParams, body: contractorBody, response: { 201: contractorView, ...errors },
    },
  }, async (req, reply) => {
    await requireTenant(req.params.tenant);
    const b = req.body;
    const c = await alarms.addContractor(req.params.tenant, { name: b.name, email: b.email ?? null, phone: b.phone ?? null });
    return reply.code(201).send(contractorOut(c));
  });

  r.put('/api/tenants/:tenant/contractors/:contractorId', {
    schema: {
      tags: ['alarms'], summary: 'Changes or archives a maintenance company',
      description: 'An archived company is no longer offered; the alarms assigned to it keep its name.',
      params: contractorParams, body: contractorBody.partial().extend({ archived: z.boolean().optional() }).strict(),
      response: { 200: contractorView, ...errors },
    },
  }, async (req) => {
    const c = await alarms.updateContractor(req.params.tenant, req.params.contractorId, req.body);
    req.auditVars = { name: c.name };
    return contractorOut(c);
  });

  // ---------------------------------------------------------------- alarm e-mails

  r.get('/api/tenants/:tenant/notifications/settings', {
    schema: {
      tags: ['alarms'], summary: 'The town\'s alarm e-mails: SMTP server and people on duty',
      description: 'The SMTP password is never returned: `hasPassword` says whether one is stored.',
      params: tenantParams, response: { 200: settingsView, ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return settingsOut(await notifier.repo.settings(req.params.tenant));
  });

  r.put('/api/tenants/:tenant/notifications/settings', {
    schema: {
      tags: ['alarms'], summary: 'Sets the town\'s alarm e-mails',
      description: 'A digest of the new alarms is sent every `periodMin` minutes (at most one mail per period) to the recipients. Alarms received before notifications are turned on are not sent. `smtpPassword` is write-only.',
      params: tenantParams, body: settingsBody, response: { 200: settingsView, ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const b = req.body;
    const old = await notifier.repo.settings(tenant);
    const now = app.fleet.now();
    await notifier.repo.putSettings({
      tenantId: tenant, enabled: b.enabled, smtpHost: b.smtpHost, smtpPort: b.smtpPort, smtpTls: b.smtpTls, smtpUser: b.smtpUser ?? null,
      smtpPassword: b.smtpPassword === undefined ? old?.smtpPassword ?? null : b.smtpPassword, fromAddress: b.fromAddress, recipients: b.recipients,
      periodMin: b.periodMin, uiUrl: b.uiUrl,
      // Turning notifications on starts from now: no flood of old alarms.
      since: b.enabled && !old?.enabled ? now : old?.since ?? now,
      updatedAt: now,
    });
    req.auditVars = { recipients: b.recipients.length, state: b.enabled ? 'on' : 'off' };
    return settingsOut(await notifier.repo.settings(tenant));
  });

  r.get('/api/tenants/:tenant/notifications/digests', {
    schema: {
      tags: ['alarms'], summary: 'The alarm digests of the town, newest first',
      description: 'Each digest: its period, how many alarms, `pending` (with the last error and the next attempt) or `sent`.',
      params: tenantParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }),
      response: { 200: z.array(digestView), ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return (await notifier.repo.digests(req.params.tenant, req.query.limit)).map(digestOut);
  });
}
