/**
 * The fleet server as a child process, for tests and benchmarks that must kill it for real (SIGKILL) or keep
 * it off the load generator's CPU. The same as `fleet-server/src/server.ts` (configuration from the
 * environment: DATA_DIR, MQTT_URL, DATABASE_URL, HTTP_PORT…) plus one hook: with FLEET_CLOCK=ipc the server's
 * clock is the parent's virtual clock, sent as `{ now: ms }` messages over the IPC channel (until the first
 * one arrives, the wall clock); `{ work: id }` is answered with the server's unfinished and received frames. Prints
 * nothing; sends `{ ready: httpUrl }` once listening.
 */
import { build } from '@streetlight/fleet-server';

let virtualNow: number | undefined;
/** The server, once built (a `work` question can come before). */
const built: { app?: Awaited<ReturnType<typeof build>> } = {};
process.on('message', (m: unknown) => {
  const now = (m as { now?: unknown } | null)?.now;
  if (typeof now === 'number') virtualNow = now;
  // `{ work: id }`: what this server has taken from the broker and not finished (frames whose processing, batch
  // included, is still under way), and how many it has received: a test waits for both to settle.
  const work = (m as { work?: unknown } | null)?.work;
  if (typeof work === 'number') {
    const metrics = built.app?.fleet.metrics;
    process.send?.({ work, pending: metrics ? metrics.ingest.pending + metrics.ingest.batchQueue : 1, received: metrics?.framesReceived ?? 0 });
  }
});
const now = process.env.FLEET_CLOCK === 'ipc' ? () => virtualNow ?? Date.now() : Date.now;
const app = await build({ env: process.env, now, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
built.app = app;
const url = await app.fleet.listen();
process.send?.({ ready: url });
const stop = (): void => { void app.close().then(() => process.exit(0), () => process.exit(1)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
