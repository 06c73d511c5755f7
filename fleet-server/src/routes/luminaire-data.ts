/**
 * Issue 17, luminaires that describe themselves: what a light's DALI-2 / D4i driver reported (its last
 * `LuminaireReport`: the luminaire's bank 1 data, the driver's identity, energy and diagnostics), the luminaire's
 * values with their source (declared in the inventory or catalogue, or reported by the driver), and a request to
 * read the driver again (Command.read_luminaire). Reads: any role on the town; the read request: manager.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { InventoryRepository } from '../db/inventory-repository.js';
import { PlansRepository } from '../db/plans-repository.js';
import { declaredValues, luminaireValues, d4iView } from '../devices/luminaire-d4i.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const deviceParams = z.object({ tenant: id, deviceId: id });
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody };

const n = z.number().nullable();
const s = z.string().nullable();
const sourcedNumber = z.object({ value: n, source: z.enum(['declared', 'driver']).nullable(), driver: n });
const sourcedString = z.object({ value: s, source: z.enum(['declared', 'driver']).nullable(), driver: s });
const reportView = z.object({
  receivedAt: z.string().describe('when the server received it (ISO 8601)'),
  readAt: s.describe('when the controller read the driver, by its clock (ISO 8601); null without a valid clock'),
  reason: z.string().describe('boot, requested or periodic'),
  d4i: z.boolean().describe('the driver holds D4i luminaire data (bank 1, content format 0x0003)'),
  luminaire: z.object({
    gtin: s, serial: s, yearOfManufacture: n, weekOfManufacture: n, nominalPowerW: n, minDimPowerW: n, minMainsV: n, maxMainsV: n,
    fluxLm: n, cri: n, cctK: n, distribution: n,
  }).describe('bank 1 (DiiA Part 251): what the luminaire maker wrote'),
  driver: z.object({ gtin: s, serial: s, firmware: s }).describe('bank 0: the driver itself'),
  diagnostics: z.object({
    energyWh: n, powerW: n, operatingHours: n, startCount: n, supplyV: n, driverTemperatureC: n, ledOnHours: n, ledVoltageV: n,
    ledCurrentMa: n, ledTemperatureC: n, failures: z.array(z.string()), actualLevel: n,
  }).describe('banks 202, 205, 206 (DiiA Parts 252, 253) and the failure flags at the time of the report'),
});
const luminaireDataView = z.object({
  deviceId: z.string(),
  report: reportView.nullable().describe('null: the controller has reported no DALI driver (none, or older firmware)'),
  values: z.object({ gtin: sourcedString, nominalPowerW: sourcedNumber, cctK: sourcedNumber, fluxLm: sourcedNumber })
    .describe('the luminaire\'s values: the declared one (inventory, catalogue) when there is one, else the driver\'s'),
});

export async function luminaireDataRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, devices } = app;
  const adapter = (repo as DrizzleRepository).adapter;
  const store = new InventoryRepository(adapter);
  const plans = new PlansRepository(adapter);

  r.get('/api/tenants/:tenant/devices/:deviceId/luminaire-data', {
    schema: {
      tags: ['devices'], operationId: 'getLuminaireData',
      summary: 'What the light\'s DALI-2 / D4i driver reported: luminaire data, driver, energy and diagnostics, and the values with their source',
      description: 'The controller reads its D4i driver\'s memory banks at boot, when asked and every 24 h, and reports them. `values` gives '
        + 'the GTIN, rated power, CCT and flux the inventory and the decree file use: declared (inventory, catalogue) first, else reported by the driver.',
      params: deviceParams, response: { 200: luminaireDataView, ...errors },
    },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await devices.requireDevice(tenant, deviceId);
    const [row, inv] = await Promise.all([app.luminaireD4i.get(tenant, deviceId), repo.getInventory(deviceId)]);
    const declared = await declaredValues(tenant, inv?.tenantId === tenant ? inv : undefined, store, plans);
    return { deviceId, report: row ? d4iView(row) as z.infer<typeof reportView> : null, values: luminaireValues(declared, row) };
  });

  r.post('/api/tenants/:tenant/devices/:deviceId/luminaire-data/read', {
    schema: {
      tags: ['devices'], operationId: 'readLuminaireData',
      summary: 'Asks the light to read its DALI-2 / D4i driver again and report it',
      description: 'Sends Command.read_luminaire. The controller acknowledges it and sends a fresh report (reason `requested`) within a few '
        + 'seconds; one without a DALI driver answers `unsupported` (see the device\'s downlinks). Offline, it reads and reports at its next boot anyway.',
      params: deviceParams,
      response: { 202: z.object({ downlinkSeq: z.number(), online: z.boolean() }), ...errors },
    },
  }, async (req, reply) => {
    const { tenant, deviceId } = req.params;
    const out = await devices.readLuminaire(tenant, deviceId);
    return reply.code(202).send(out);
  });
}
