/**
 * The demo's fault injection: present only when the server runs with a simulated town (BuildOptions.simulation,
 * set by scripts/demo.ts; never by server.ts), so that alarms can be seen without breaking a lamp. A lamp failure or a
 * day burner on one light, a supply fault (voltage 15 % low) on every light of a cabinet's circuit; each stays until
 * it is lifted. The faults are made in the simulated hardware: the firmware detects them and reports them as it would
 * on a pole, and the server raises and clears the alarms from those reports, as for real faults.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fleetError } from '../errors.js';

export type SimulatedFault = 'lamp_failure' | 'day_burner' | 'supply_fault';

/** What the demo's simulated town offers. */
export interface SimulationDriver {
  /** The simulated town's tenant. */
  readonly tenant: string;
  /** The lights that can take a fault, and the cabinets' circuits (a supply fault's targets, `<cabinet>/<circuit>`). */
  targets(): { lights: string[]; circuits: Array<{ id: string; lights: number }> };
  /** Puts a fault on (or lifts it); the lights it touched, or undefined when the target does not exist. */
  inject(kind: SimulatedFault, target: string, active: boolean): string[] | undefined;
  /** The faults on now. */
  active(): Array<{ kind: SimulatedFault; target: string; lights: number }>;
}

const id = z.string().regex(/^[A-Za-z0-9_-]+$/).min(1).max(64);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const faultView = z.object({ kind: z.enum(['lamp_failure', 'day_burner', 'supply_fault']), target: z.string(), lights: z.number() });
const stateView = z.object({
  faults: z.array(faultView).describe('the faults on now'),
  lights: z.array(z.string()).describe('lights that can take a lamp failure or a day burner'),
  circuits: z.array(z.object({ id: z.string().describe('<cabinet>/<circuit>'), lights: z.number() })).describe('circuits that can take a supply fault'),
});

export function simulationRoutes(driver: SimulationDriver) {
  return async (app: FastifyInstance): Promise<void> => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ tenant: id });
    const own = (tenant: string): void => { if (tenant !== driver.tenant) throw fleetError('TENANT_NOT_FOUND', { tenant }); };
    const state = (): z.infer<typeof stateView> => ({ faults: driver.active(), ...driver.targets() });

    r.get('/api/tenants/:tenant/simulation', {
      schema: {
        tags: ['simulation'], summary: 'The demo\'s simulated faults and their targets',
        description: 'Only on a server running the demo (scripts/demo.ts). Managers of the demo town.',
        params, response: { 200: stateView, 404: errorBody },
      },
      config: { minRole: 'manager' },
    }, async (req) => { own(req.params.tenant); return state(); });

    r.post('/api/tenants/:tenant/simulation/faults', {
      schema: {
        tags: ['simulation'], summary: 'Puts a simulated fault on, or lifts it',
        description: 'lamp_failure and day_burner on a light (its device id); supply_fault on every light of a cabinet\'s circuit (`<cabinet>/<circuit>`). The simulated controllers detect and report them; alarms follow from their reports.',
        params,
        body: z.strictObject({
          kind: z.enum(['lamp_failure', 'day_burner', 'supply_fault']),
          target: z.string().regex(/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)?$/).max(130).describe('a device id, or <cabinet>/<circuit> for a supply fault'),
          active: z.boolean().default(true).describe('false lifts the fault'),
        }),
        response: { 200: stateView.extend({ affected: z.array(z.string()) }), 400: errorBody, 404: errorBody },
      },
      config: { minRole: 'manager' },
    }, async (req) => {
      own(req.params.tenant);
      const { kind, target, active } = req.body;
      const affected = driver.inject(kind, target, active);
      if (!affected) throw fleetError('SIMULATION_TARGET_NOT_FOUND', { kind, target });
      req.auditVars = { lights: affected.length };
      return { ...state(), affected };
    });
  };
}
