/**
 * A Mosquitto of a test's own (issue 14): anonymous, persistent sessions (its persistence file in a temporary
 * directory), on a free port of 127.0.0.1; stopped with SIGTERM (Mosquitto saves its sessions) and started again on
 * the same port. MOSQUITTO_BIN overrides /usr/sbin/mosquitto.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { occupyPort, tempDir, uniqueId, waitFor } from './helpers.js';

export interface TestBroker {
  readonly url: string;
  /** SIGTERM (sessions saved) and start again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestMosquitto(o: { maxInflight?: number; maxQueued?: number } = {}): Promise<TestBroker> {
  const dir = tempDir('mosq-');
  const free = await occupyPort();
  const port = free.port;
  await free.release();
  // Started as root, Mosquitto runs (and writes its persistence file) as its own user.
  chmodSync(dir, 0o777);
  mkdirSync(join(dir, 'data'));
  chmodSync(join(dir, 'data'), 0o777);
  writeFileSync(join(dir, 'mosquitto.conf'), [
    `listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence true', `persistence_location ${join(dir, 'data')}/`,
    `max_queued_messages ${o.maxQueued ?? 100_000}`, `max_inflight_messages ${o.maxInflight ?? 100}`, 'set_tcp_nodelay true', 'log_dest none', '',
  ].join('\n'));
  const url = `mqtt://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const p = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
    proc = p;
    await waitFor(async () => {
      if (p.exitCode !== null) throw new Error(`mosquitto exited with ${p.exitCode}`);
      try {
        await (await mqtt.connectAsync(url, { clientId: uniqueId('probe'), reconnectPeriod: 0 }, false)).endAsync();
        return true;
      } catch {
        return false;
      }
    }, 30_000, 'Mosquitto listening');
  };
  const stop = async (): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (p && p.exitCode === null) await new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGTERM'); });
  };
  await start();
  return {
    url,
    restart: async () => { await stop(); await start(); },
    stop: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}
