/**
 * The map's other reads (issue 16, "a real map"): the town's streets drawn from its poles (the map without a tile
 * server), a search by street, pole reference or device id, and the lights inside a lasso or a box drawn on the
 * map (bulk actions). All answered from the per-tenant snapshot of reads/map-index.ts, as GET …/map is.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIGHT_STATES, type LightState } from '../db/device-query-repository.js';
import { fleetError } from '../errors.js';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { mapIndexOf } from './api.js';

const tenantParams = z.object({ tenant: z.string().min(1).max(ID_MAX_LENGTH) });
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
/** At most this many vertices in a lasso (the UI simplifies the drawn path to fewer). */
export const LASSO_VERTICES_MAX = 500;
export const MAP_SEARCH_MAX = 50;

const polygonParam = z.string().min(1).max(20_000).transform((v, ctx) => {
  const pts = v.split(';').map((p) => p.split(',').map((x) => Number(x.trim())));
  if (pts.length < 3 || pts.length > LASSO_VERTICES_MAX) {
    ctx.addIssue({ code: 'custom', message: `polygon: 3 to ${LASSO_VERTICES_MAX} vertices` });
    return z.NEVER;
  }
  for (const p of pts) {
    const [lon, lat] = p as [number, number];
    if (p.length !== 2 || !Number.isFinite(lon) || !Number.isFinite(lat) || lon < -180 || lon > 180 || lat < -85.06 || lat > 85.06) {
      ctx.addIssue({ code: 'custom', message: 'polygon: lon,lat;lon,lat;… in degrees (-180 ≤ lon ≤ 180, -85 ≤ lat ≤ 85)' });
      return z.NEVER;
    }
  }
  return pts as [number, number][];
}).describe('the vertices lon,lat;lon,lat;… (degrees), at least 3, closed implicitly');

const statesParam = z.string().max(200).optional().transform((v, ctx) => {
  if (v === undefined || v === '') return undefined;
  const list = v.split(',').map((s) => s.trim());
  const bad = list.filter((s) => !(LIGHT_STATES as readonly string[]).includes(s));
  if (bad.length) { ctx.addIssue({ code: 'custom', message: `unknown state ${bad.join(', ')} (${LIGHT_STATES.join(', ')})` }); return z.NEVER; }
  return list as LightState[];
}).describe(`only lights in these states (comma-separated: ${LIGHT_STATES.join(', ')}); default all`);

const bbox = z.array(z.number()).length(4).describe('west, south, east, north (degrees)');

export async function mapRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = { 400: errorBody, 404: errorBody };
  const index = () => {
    const m = mapIndexOf(app.repo);
    if (!m) throw new Error('the map index is made by the API routes, registered first');
    return m;
  };
  const requireTenant = async (tenant: string): Promise<void> => {
    if (!(await app.repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  };

  r.get('/api/tenants/:tenant/map/streets', {
    schema: {
      tags: ['devices'], summary: 'The town\'s streets drawn from its poles: name, lights, extent and polylines',
      description: 'Per street (the pole\'s street, else the light\'s inventory group), the positions of its lights put in order along it, '
        + 'cut where two neighbours are more than max(80 m, 4 × the median spacing) apart, and smoothed (poles on alternate sides give the axis). '
        + 'The map draws them, labelled, when no tile server is configured (MAP_TILE_URL).',
      params: tenantParams,
      response: {
        200: z.array(z.object({
          name: z.string(), lights: z.number(), bbox,
          lines: z.array(z.array(z.array(z.number()).length(2))).describe('polylines of [lat, lon] points, one per piece of the street'),
        })),
        ...errors,
      },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return index().streets(req.params.tenant);
  });

  r.get('/api/tenants/:tenant/map/search', {
    schema: {
      tags: ['devices'], summary: 'Search the map by street, pole reference or device id',
      description: 'Case-insensitive substring of a street\'s name, a pole reference or a device id; exact matches first, then prefixes, '
        + 'streets before poles before devices. A street comes with its extent, a light with its position.',
      params: tenantParams,
      querystring: z.object({
        q: z.string().min(1).max(200).describe('what to look for'),
        limit: z.coerce.number().int().min(1).max(MAP_SEARCH_MAX).default(12),
      }),
      response: {
        200: z.array(z.object({
          kind: z.enum(['street', 'pole', 'device']), id: z.string().describe('the street\'s name, else the light\'s device id'),
          label: z.string(), street: z.string().nullable().optional(), lat: z.number(), lon: z.number(), bbox: bbox.optional(), lights: z.number(),
        })),
        ...errors,
      },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return index().search(req.params.tenant, req.query.q, req.query.limit);
  });

  r.get('/api/tenants/:tenant/map/within', {
    schema: {
      tags: ['devices'], summary: 'The lights inside a polygon drawn on the map (a lasso or a box), for bulk actions',
      description: 'Device ids of the commissioned lights inside the polygon (tested in Web Mercator, where the drawn edges are straight), '
        + 'optionally only those in the given states (the states the map shows).',
      params: tenantParams,
      querystring: z.object({ polygon: polygonParam, state: statesParam }),
      response: { 200: z.object({ count: z.number(), ids: z.array(z.string()) }), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const ids = await index().within(tenant, req.query.polygon, req.query.state, await app.ota.updatingDevices(tenant));
    return { count: ids.length, ids };
  });
}
