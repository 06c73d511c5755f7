/**
 * Decorates the app with `notifier` (alarm e-mail digests, alarms/notify.ts) and runs its scheduler: every
 * `tickMs` of real time it looks at the server's clock (`now`, virtual in the demo and the tests) and makes and sends
 * what is due. The decisions are all on the server's clock; the real-time timer only polls it, so a demo at ×60 sends
 * its 15-minute digests every 15 virtual minutes. Registered after the energy plugin (alarms) and the database.
 */
import type { FastifyInstance } from 'fastify';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { NotificationRepository } from '../db/notification-repository.js';
import { AlarmNotifier, type Mailer } from './notify.js';

declare module 'fastify' {
  interface FastifyInstance {
    notifier: AlarmNotifier;
  }
}

export interface AlarmsPluginOptions {
  now: () => number;
  /** Real-time poll of the scheduler (ms); 0 = none (tests call `notifier.tick()`). Default 2000. */
  tickMs?: number;
  /** Default nodemailer over SMTP. */
  mailer?: Mailer;
}

export function alarmsPlugin(opts: AlarmsPluginOptions) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    const repo = new NotificationRepository((app.repo as DrizzleRepository).adapter);
    const notifier = new AlarmNotifier({
      repo, now: opts.now, log: app.log.child({ module: 'alarm-mail' }), ...(opts.mailer ? { mailer: opts.mailer } : {}),
      town: async (tenantId) => ({ name: (await app.auth.repo.getProfile(tenantId))?.name ?? tenantId, tz: (await app.energy.settings(tenantId)).tz }),
    });
    app.decorate('notifier', notifier);
    const tickMs = opts.tickMs ?? 2000;
    if (tickMs > 0) {
      let stopped = false;
      const timer = setInterval(() => {
        if (stopped) return;
        notifier.tick().catch((err: unknown) => app.log.error({ err: (err as Error).message }, 'alarm digest turn failed'));
      }, tickMs);
      timer.unref();
      app.addHook('onClose', async () => { stopped = true; clearInterval(timer); await notifier.idle(); });
    }
  };
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
