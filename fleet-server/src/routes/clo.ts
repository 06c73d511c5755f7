/**
 * Issue 17, constant light output: what each controller reports of it (`StateReport.clo`: the drive as a share of
 * the plan level, its LED's burning hours, the energy not drawn thanks to CLO since it was configured), kept per
 * controller in `device_clo` (the last applied report; the saving is the controller's lifetime counter, so the last
 * report is the whole of it), and read back for a light and for the town. The figure itself (Lxx at H hours) lives
 * in the luminaire catalogue and reaches the controller in its config (routes/plans.ts, `configOfModel`).
 * Reads: any role on the town.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import { ID_MAX_LENGTH, type Uplink } from '@streetlight/protocol';
import type { DialectAdapter, Db, DrizzleRepository, Tables } from '../db/drizzle-repository.js';

export type DeviceCloRow = Tables['deviceClo']['$inferSelect'];

/** `device_clo` on SQLite and PostgreSQL (the DialectAdapter). */
export class CloRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  /** The controller's last report replaces the one stored (reports reach here only when newer: applied states). */
  async put(row: DeviceCloRow): Promise<void> {
    const { deviceClo: c } = this.t;
    const { deviceId: _id, ...set } = row;
    await this.db.insert(c).values(row).onConflictDoUpdate({ target: c.deviceId, set });
  }

  async get(tenantId: string, deviceId: string): Promise<DeviceCloRow | undefined> {
    const { deviceClo: c } = this.t;
    const [row] = await this.db.select().from(c).where(and(eq(c.tenantId, tenantId), eq(c.deviceId, deviceId)));
    return row;
  }

  async ofTenant(tenantId: string): Promise<DeviceCloRow[]> {
    const { deviceClo: c } = this.t;
    return this.db.select().from(c).where(eq(c.tenantId, tenantId)).orderBy(asc(c.deviceId));
  }
}

/** The row a StateReport's `clo` gives. */
export function cloRow(deviceId: string, tenantId: string, clo: NonNullable<NonNullable<Uplink['state']>['clo']>, now: number): DeviceCloRow {
  return {
    deviceId, tenantId, receivedAt: now,
    drivePermille: clo.drivePermille ?? 0, ledHours: clo.ledHours ?? 0, savedMwh: Number(clo.savedMwh ?? 0),
  };
}

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody };
const cloView = z.object({
  deviceId: z.string(),
  receivedAt: z.string().describe('when the server received the report (ISO 8601)'),
  drivePct: z.number().describe('the drive as a % of the plan level: below 100 while the LED is younger than its rated life'),
  ledHours: z.number().describe('the LED\'s burning hours (the controller\'s count plus the configured offset)'),
  savedKwh: z.number().describe('energy not drawn thanks to constant light output since it was configured, kWh'),
}).meta({ id: 'CloStatus' });
const view = (r: DeviceCloRow): z.infer<typeof cloView> => ({
  deviceId: r.deviceId, receivedAt: new Date(r.receivedAt).toISOString(), drivePct: r.drivePermille / 10, ledHours: r.ledHours,
  savedKwh: Math.round(r.savedMwh / 1000) / 1000,
});

export async function cloRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, devices } = app;
  const store = new CloRepository((repo as DrizzleRepository).adapter);
  devices.clo = { onStatus: async (device, clo, now) => { await store.put(cloRow(device.id, device.tenantId, clo, now)); } };

  r.get('/api/tenants/:tenant/devices/:deviceId/clo', {
    schema: {
      tags: ['devices'], operationId: 'getDeviceClo',
      summary: 'Constant light output of a light: its drive, its LED\'s hours and the energy it saved',
      description: 'From the controller\'s last state report. `null` when the light reports none: its model has no lumen-maintenance '
        + 'figure in the catalogue, or its firmware predates constant light output.',
      params: z.object({ tenant: id, deviceId: id }), response: { 200: cloView.nullable(), ...errors },
    },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await devices.requireDevice(tenant, deviceId);
    const row = await store.get(tenant, deviceId);
    return row ? view(row) : null;
  });

  r.get('/api/tenants/:tenant/clo', {
    schema: {
      tags: ['energy'], operationId: 'getTenantClo',
      summary: 'Constant light output across the town: lights with it, energy saved, mean drive',
      description: 'Sums the last report of every light that has constant light output. The saving is each controller\'s lifetime '
        + 'counter (since its lumen-maintenance figure was configured), so the total is the saving to date.',
      params: z.object({ tenant: id }),
      response: {
        200: z.object({ lights: z.number(), savedKwh: z.number(), meanDrivePct: z.number().nullable(), devices: z.array(cloView) }).meta({ id: 'TenantClo' }),
        ...errors,
      },
    },
  }, async (req) => {
    const rows = await store.ofTenant(req.params.tenant);
    const saved = rows.reduce((s, x) => s + x.savedMwh, 0);
    return {
      lights: rows.length, savedKwh: Math.round(saved / 1000) / 1000,
      meanDrivePct: rows.length ? Math.round(rows.reduce((s, x) => s + x.drivePermille, 0) / rows.length) / 10 : null,
      devices: rows.map(view),
    };
  });
}
