/**
 * Shared set-up of the OTA end-to-end suites (issue 6): a fleet server with a fresh ECDSA P-256 signing key and its
 * embedded broker, simulated boards running the real firmware that trust the key's public half, all on one
 * virtual clock. Virtual time moves in steps; between steps the network is let run until it is quiet, so a
 * transfer is paced by the server's bandwidth cap (virtual time), not by how fast this machine is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { build, generateSigningKey, type SigningKey } from '@streetlight/fleet-server';
import { authedInject, provisionIdentities, type Inject } from '@streetlight/fleet-server/testing';
import { buildSimImage, SimFleet, VirtualClock, type SimBoard, type SimImageInfo } from '@streetlight/hardware-sim';
import { settleNetwork } from '@streetlight/hardware-sim/testing';

export type App = Awaited<ReturnType<typeof build>>;
/** A JSON reply of the API (the tests read the fields they assert). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test code reading JSON replies
export type Json = any;
export const MODEL = 'SL-ESP32-SIM';

export interface Harness {
  app: App;
  clock: VirtualClock;
  fleet: SimFleet;
  key: SigningKey;
  tenant: string;
  inject: Inject;
  dataDir: string;
  api(method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status?: number): Promise<Json>;
  upload(info: Omit<SimImageInfo, 'hardwareModels' | 'kind'> & { hardwareModels?: string[]; kind?: 'full' | 'mod' }, size: number, extra?: Record<string, string>): Promise<Json>;
  settle(): Promise<void>;
  /** Advances virtual time by `ms` in `stepMs` steps, settling the network after each. */
  run(ms: number, stepMs?: number, each?: () => void): Promise<void>;
  /** Steps until `done()` or `timeoutMs` of virtual time. */
  runUntil(done: () => boolean, timeoutMs: number, stepMs?: number): Promise<void>;
  /**
   * Steps 1 s of virtual time at a time until the campaign's view satisfies `done`, for at most `timeoutMs` of
   * virtual time; fails with the campaign's state (status, waves, devices per state and the unfinished ones).
   */
  runCampaign(id: number, done: (view: Json) => boolean, timeoutMs: number, each?: (view: Json) => void): Promise<Json>;
  /** Cancels the tenant's campaigns that are still active (a test's campaign must not leak into the next). */
  cancelActiveCampaigns(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  boards: number;
  tenant: string;
  start: number;
  /** Server settings (camelCase). */
  config?: Record<string, unknown>;
  /** Boards trust this key instead of the server's (wrong-key tests). */
  trustKey?: SigningKey;
  group?: string;
  board?: (i: number) => Record<string, unknown>;
}

export async function startHarness(o: HarnessOptions): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-ota-'));
  const key = generateSigningKey(join(dataDir, 'ota-signing.pem'));
  const trusted = o.trustKey ?? key;
  const clock = new VirtualClock({ start: o.start });
  const app = await build({
    config: { dataDir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dataDir, 'ota-signing.pem'), otaTickMs: 20, ...o.config },
    now: () => clock.now(), logger: false,
  });
  const inject = await authedInject(app, { tenant: o.tenant, role: 'manager' });
  const api = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, status = 200): Promise<Json> => {
    const res = await inject({ method, url: `/api/tenants/${o.tenant}${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const fleet = new SimFleet({ clock });
  const group = o.group ?? 'all';
  const ids = Array.from({ length: o.boards }, (_, i) => `ota-${String(i).padStart(4, '0')}`);
  // Issue 11: provisioned with the OTA key the boards trust (the installation's, or another for the rejection tests).
  const identity = await provisionIdentities(app, o.tenant, ids, { otaKeys: [{ keyId: trusted.keyId, publicKey: trusted.publicKey }] });
  for (let i = 0; i < o.boards; i++) {
    fleet.add({ identity: identity(ids[i] as string), firmwareVersion: '1.0.0', rtc: 'kept', ...o.board?.(i) });
  }
  await api('POST', '/inventory', fleet.boards.map((b) => ({ deviceId: b.deviceId, lat: 44.89, lon: 1.22, group })));

  // Quiet = the traffic counters and the server's pending work unchanged for three rounds of the event loop:
  // virtual time does not move while a frame is on its way (a loaded machine only slows the test down).
  const settle = async (): Promise<void> => {
    await settleNetwork({
      idle: () => app.devices.idle(),
      progress: () => {
        const m = app.fleet.metrics;
        return m.framesReceived + m.downlinksSent + app.ota.chunksSent + fleet.boards.reduce((s, b) => s + b.link.attempts, 0);
      },
      describe: () => `virtual ${new Date(clock.now()).toISOString()}`,
    });
  };
  const run = async (ms: number, stepMs = 1000, each?: () => void): Promise<void> => {
    const end = clock.now() + ms;
    while (clock.now() < end) {
      clock.advanceTo(Math.min(end, clock.now() + stepMs));
      await app.ota.tick();
      await settle();
      each?.();
    }
  };
  const runUntil = async (done: () => boolean, timeoutMs: number, stepMs = 1000): Promise<void> => {
    const end = clock.now() + timeoutMs;
    while (!done()) {
      if (clock.now() >= end) throw new Error(`not done after ${timeoutMs} virtual ms`);
      await run(stepMs, stepMs);
    }
  };
  const runCampaign = async (id: number, done: (view: Json) => boolean, timeoutMs: number, each?: (view: Json) => void): Promise<Json> => {
    const end = clock.now() + timeoutMs;
    for (;;) {
      const view = await api('GET', `/ota/campaigns/${id}`);
      each?.(view);
      if (done(view)) return view;
      if (clock.now() >= end) throw new Error(`campaign ${id} not done after ${timeoutMs / 1000} virtual s: ${describeCampaign(view)}`);
      await run(1000);
    }
  };
  const cancelActiveCampaigns = async (): Promise<void> => {
    const list = await api('GET', '/ota/campaigns');
    for (const c of list as Json[]) {
      if (['running', 'paused', 'halted'].includes(c.status)) await api('POST', `/ota/campaigns/${c.id}/cancel`);
    }
  };
  const upload = async (info: Omit<SimImageInfo, 'hardwareModels' | 'kind'> & { hardwareModels?: string[]; kind?: 'full' | 'mod' }, size: number, extra: Record<string, string> = {}): Promise<Json> => {
    const full: SimImageInfo = { hardwareModels: [MODEL], kind: 'full', ...info };
    const bytes = buildSimImage(full, size);
    const q = new URLSearchParams({ version: full.version, kind: full.kind, hardwareModels: full.hardwareModels.join(','), ...extra });
    const res = await inject({ method: 'POST', url: `/api/tenants/${o.tenant}/ota/images?${q}`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  await fleet.start({ staggerMs: 2_000 });
  // Every board registered (Hello) and holding the server time.
  const online = async (): Promise<boolean> => (await app.repo.listDevices(o.tenant)).filter((d) => d.online).length === o.boards;
  for (let i = 0; i < 120 && !(await online()); i++) await run(1000);
  expect(await online()).toBe(true);

  return {
    app, clock, fleet, key, tenant: o.tenant, inject, dataDir, api, upload, settle, run, runUntil, runCampaign, cancelActiveCampaigns,
    close: async () => {
      fleet.dispose();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Board by id. */
export const boardOf = (fleet: SimFleet, id: string): SimBoard => fleet.get(id) as SimBoard;

/** A campaign's state in one line, for failure messages: status, waves, devices per state, unfinished devices. */
export function describeCampaign(view: Json): string {
  const states = new Map<string, number>();
  for (const d of (view.deviceStates ?? []) as Json[]) states.set(d.state, (states.get(d.state) ?? 0) + 1);
  const open = ((view.deviceStates ?? []) as Json[]).filter((d) => !['confirmed', 'rolled_back', 'failed', 'timed_out', 'cancelled', 'queued'].includes(d.state));
  const waves = ((view.waves ?? []) as Json[]).map((w) => `${w.size}${w.started ? '' : '(not started)'}`).join('+');
  return `status ${view.status}${view.haltReason ? ` (${view.haltReason})` : ''}, waves ${waves}, devices ${JSON.stringify(Object.fromEntries(states))}`
    + (open.length > 0 ? `, unfinished: ${open.slice(0, 10).map((d) => `${d.deviceId} ${d.state} offset ${d.offset} attempts ${d.attempts}${d.reason ? ` "${d.reason}"` : ''}`).join('; ')}${open.length > 10 ? ` and ${open.length - 10} more` : ''}` : '');
}
