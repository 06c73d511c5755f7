/**
 * Issue 5 wiring: decorates the app with `energy` (EnergyService) and `alarms` (AlarmService) on the same
 * database connection as `repo`, and runs raw-record retention once an hour (first run a minute after
 * start). Registered after the database plugin and before the MQTT ingest, which hands frames to them.
 */
import type { FastifyInstance } from 'fastify';
import { AlarmsRepository } from '../db/alarms-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { EnergyRepository } from '../db/energy-repository.js';
import { AlarmService } from '../alarms/service.js';
import { EnergyService } from './service.js';

declare module 'fastify' {
  interface FastifyInstance {
    energy: EnergyService;
    alarms: AlarmService;
  }
}

export interface EnergyPluginOptions {
  now: () => number;
  retentionDays: number;
  gapGraceS: number;
  /** Hourly retention job; tests turn it off. Default true. */
  retentionJob?: boolean;
}

const HOUR_MS = 3_600_000;

export function energyPlugin(opts: EnergyPluginOptions) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    const adapter = (app.repo as DrizzleRepository).adapter;
    const energy = new EnergyService({
      energy: new EnergyRepository(adapter), repo: app.repo, now: opts.now, log: app.log.child({ module: 'energy' }),
      retentionDays: opts.retentionDays, gapGraceS: opts.gapGraceS,
    });
    const alarms = new AlarmService(new AlarmsRepository(adapter), opts.now, app.log.child({ module: 'alarms' }));
    app.decorate('energy', energy);
    app.decorate('alarms', alarms);
    if (opts.retentionJob !== false) {
      const run = () => { energy.prune().catch((err: unknown) => app.log.error({ err }, 'energy retention failed')); };
      let timer: NodeJS.Timeout | undefined;
      const first = setTimeout(() => { run(); timer = setInterval(run, HOUR_MS); timer.unref(); }, 60_000);
      first.unref();
      app.addHook('onClose', async () => { clearTimeout(first); if (timer) clearInterval(timer); });
    }
  };
  // Decorations belong to the root instance (what fastify-plugin does).
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
