/**
 * Issue 17, frugal learning: what the controllers learnt of their streets' traffic (`TrafficProfile`, about one a
 * week each) — per light, and per street or group (the mean of its lights' profiles) — as a week of hours for the
 * heat maps of the light's and the group's pages (devices/traffic-profile.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import type { TrafficProfileRepository } from '../db/traffic-profile-repository.js';
import { hourlyWeek, meanWeek } from '../devices/traffic-profile.js';

const id = z.string().min(1).max(ID_MAX_LENGTH);
const deviceParams = z.object({ tenant: id, deviceId: id });
const groupParams = z.object({ tenant: id, groupId: id });
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody };

const week = z.array(z.array(z.number().min(0).max(1)).length(24)).length(7)
  .describe('7 days (Monday first) × 24 local hours: the probability that someone passes in that hour, 0..1');
const profileView = z.object({
  receivedAt: z.number().describe('server time the profile arrived, ms'),
  sentAt: z.number().describe('device time it was sent, Unix s (0: no valid clock)'),
  weeks: z.number().describe('weeks of observation behind it'),
  cellMinutes: z.number(),
  watchedCells: z.number().describe('cells the controller has watched at least once (presence steps)'),
  cells: z.array(z.number().int().min(0).max(255)).describe('the learnt probability × 255 per cell of the local week, Monday 00:00 first'),
  hours: week,
});
const deviceProfileView = z.object({ deviceId: z.string(), profile: profileView.nullable().describe('null: no profile received yet') });
const groupProfileView = z.object({
  groupId: z.string(),
  members: z.number().describe('lights in the group'),
  profiles: z.number().describe('lights that sent a profile'),
  weeksMin: z.number().nullable(), weeksMax: z.number().nullable(),
  lastReceivedAt: z.number().nullable(),
  hours: week.describe('the mean of its lights\' weeks, hour by hour (0 everywhere without a profile)'),
  devices: z.array(z.object({ deviceId: z.string(), weeks: z.number(), receivedAt: z.number(), busiest: z.number().describe('its highest hourly probability') })),
});

export function trafficProfileRoutes(store: () => TrafficProfileRepository) {
  return async function routes(app: FastifyInstance): Promise<void> {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const repo = app.repo;

    r.get('/api/tenants/:tenant/devices/:deviceId/traffic-profile', {
      schema: {
        tags: ['devices'], summary: 'The traffic the light learnt from its presence sensor: its last weekly profile, by cell and by hour of the week',
        params: deviceParams, response: { 200: deviceProfileView, ...errors },
      },
    }, async (req) => {
      const { tenant, deviceId } = req.params;
      await app.devices.requireDevice(tenant, deviceId);
      const row = await store().get(tenant, deviceId);
      if (!row) return { deviceId, profile: null };
      return {
        deviceId,
        profile: {
          receivedAt: row.receivedAt, sentAt: row.sentAt, weeks: row.weeks, cellMinutes: row.cellMinutes, watchedCells: row.watchedCells,
          cells: [...Buffer.from(row.cells, 'base64')], hours: hourlyWeek(row),
        },
      };
    });

    r.get('/api/tenants/:tenant/groups/:groupId/traffic-profile', {
      schema: {
        tags: ['groups'], summary: 'A street\'s (group\'s) learnt traffic: the mean of its lights\' weekly profiles, by hour of the week',
        params: groupParams, response: { 200: groupProfileView, ...errors },
      },
    }, async (req) => {
      const { tenant, groupId } = req.params;
      if (!(await repo.groupExists(tenant, groupId))) throw fleetError('GROUP_NOT_FOUND', { tenant, groupId });
      const members = await repo.groupMembers(tenant, groupId);
      const rows = await store().ofDevices(tenant, members);
      const weeks = rows.map((row) => ({ row, hours: hourlyWeek(row) }));
      return {
        groupId, members: members.length, profiles: rows.length,
        weeksMin: rows.length ? Math.min(...rows.map((x) => x.weeks)) : null,
        weeksMax: rows.length ? Math.max(...rows.map((x) => x.weeks)) : null,
        lastReceivedAt: rows.length ? Math.max(...rows.map((x) => x.receivedAt)) : null,
        hours: meanWeek(weeks.map((w) => w.hours)),
        devices: weeks.map(({ row, hours }) => ({ deviceId: row.deviceId, weeks: row.weeks, receivedAt: row.receivedAt, busiest: Math.max(...hours.flat()) })),
      };
    });
  };
}
