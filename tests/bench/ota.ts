/**
 * `pnpm bench:ota` — OTA figures on this machine (issue 6).
 *
 * The fleet server (in process, embedded aedes broker unless BENCH_MQTT_URL names another) and N simulated
 * boards running the real firmware (default 1,000), on one virtual clock. Two campaigns, each over every board
 * in one wave (canary = all: the time measured is transfer + verification + reboot + self-test + confirmation,
 * not the operator's wave policy): a 1 MiB full image, then a 32 KiB JS-only mod. Start-up runs the virtual clock at
 * 20× real time; during the campaigns virtual time follows real time, so stall and retry timers act as in production; the
 * per-device bandwidth cap is raised to 1 MiB/s so that the machine, not the cap, is what is measured.
 *
 * Prints, per kind: wall time to confirm on every board, virtual time, and bytes per board (chunk data, the
 * protocol frames carrying it, and the frames with their MQTT headers, down and up).
 *
 * Environment: BENCH_BOARDS (default 1000), BENCH_FULL_BYTES (default 1048576), BENCH_MOD_BYTES (default 32768),
 * BENCH_MQTT_URL (default: the server's embedded broker).
 *
 * Issue 11: every board is provisioned on the server first (its identity in NVS: broker account, device key, OTA
 * trust key); provisioning is set-up, not part of the figures.
 *
 * Issue 14: through benchReport (bench/results/ota.json: machine, date, load, this process's CPU, which is the
 * server, its embedded broker and every board). Checked: every board online before the campaigns; per campaign,
 * every board confirmed and running the new version, and no board sent fewer chunk bytes than the image. Also
 * per campaign, p50/p99 of the time from the campaign's start to each board booting the new image.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { authedInject, provisionDevices } from '@streetlight/fleet-server/testing';
import { buildSimImage, SimFleet, VirtualClock } from '@streetlight/hardware-sim';
import { MAC_FIELD_BYTES, downlinkTopic, encodeDownlink, encodeUplink, pb, uplinkTopic } from '@streetlight/protocol';
import { benchReport } from './lib/report.js';
import { pct } from './lib/loadgen.js';

const BOARDS = Number(process.env.BENCH_BOARDS ?? 1000);
const FULL = Number(process.env.BENCH_FULL_BYTES ?? 1024 * 1024);
const MOD = Number(process.env.BENCH_MOD_BYTES ?? 32 * 1024);
const CHUNK = 4096;
const report = benchReport('ota');
const result = report.result;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-ota-'));
  const key = generateSigningKey(join(dataDir, 'ota.pem'));
  const clock = new VirtualClock({ start: Date.parse('2026-06-10T10:00:00Z') });
  const tenant = 'bench-ota';
  const app = await build({
    config: {
      dataDir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dataDir, 'ota.pem'), otaTickMs: 20, otaDeviceMaxBps: 1024 * 1024,
      otaMaxInflightChunks: Number(process.env.BENCH_INFLIGHT ?? 2048), logLevel: 'warn', ...(process.env.BENCH_MQTT_URL ? { mqttUrl: process.env.BENCH_MQTT_URL } : {}),
    },
    now: () => clock.now(), logger: false,
  });
  const inject = await authedInject(app, { tenant, role: 'manager' });
  const broker = new URL(app.fleet.brokerUrl);
  const ids = Array.from({ length: BOARDS }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const provisioned = await provisionDevices(app, tenant, ids, {
    broker: { host: broker.hostname, port: Number(broker.port) }, otaKeys: [{ keyId: key.keyId, publicKey: key.publicKey }],
  });
  const fleet = new SimFleet({ clock, localAddresses: ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4'] });
  for (const id of ids) fleet.add({ identity: provisioned.get(id)!.identity, firmwareVersion: '1.0.0', rtc: 'kept' });
  const post = async (url: string, payload: unknown): Promise<Record<string, unknown>> => {
    const res = await inject({ method: 'POST', url: `/api/tenants/${tenant}${url}`, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  await post('/inventory', fleet.boards.map((b) => ({ deviceId: b.deviceId, lat: 44.89, lon: 1.22, group: 'all' })));

  const settle = async (): Promise<void> => {
    let last = -1;
    for (;;) {
      await new Promise((r) => setTimeout(r, 2));
      await app.devices.idle();
      const m = app.fleet.metrics;
      const now = m.framesReceived + m.downlinksSent + app.ota.chunksSent;
      if (now === last) return;
      last = now;
    }
  };
  // During the campaigns the virtual clock follows real time (× 1), so the server's timers (30 s stall rewind,
  // 60 s offer retry) and the bandwidth cap act as they would in production, and nothing is resent because this
  // machine is busy. Start-up runs faster (× 20) to get 1,000 boards through their boot and Hello.
  let speed = 20;
  let realAt = Date.now();
  const step = async (): Promise<void> => {
    await new Promise((r) => setTimeout(r, 10));
    const t = Date.now();
    clock.advanceTo(clock.now() + (t - realAt) * speed);
    realAt = t;
    await app.ota.tick();
    if (process.env.BENCH_DEBUG) process.stderr.write(`t=${(clock.now() / 1000) % 10000} inflight=${app.ota.inflight} chunks=${app.ota.chunksSent}\n`);
  };

  process.stderr.write(`starting ${BOARDS} boards…\n`);
  await fleet.start({ staggerMs: 5_000 });
  for (let i = 0; i < 1500; i++) {
    await step();
    const online = (await app.repo.listDevices(tenant)).filter((d) => d.online).length;
    if (process.env.BENCH_DEBUG && i % 25 === 0) process.stderr.write(`start: ${online} online, ${fleet.boards.filter((b) => b.online).length} connected\n`);
    if (online === BOARDS) break;
  }
  const online = (await app.repo.listDevices(tenant)).filter((d) => d.online).length;
  report.check('every board online before the campaigns', online === BOARDS, `${online} of ${BOARDS}`);
  await settle();
  speed = 1;

  const campaign = async (label: string, version: string, kind: 'full' | 'mod', size: number): Promise<void> => {
    const bytes = buildSimImage({ version, hardwareModels: ['SL-ESP32-SIM'], kind }, size);
    const q = new URLSearchParams({ version, kind, hardwareModels: 'SL-ESP32-SIM', ...(kind === 'mod' ? { requiresHost: '1.1.0' } : {}) });
    const up = await inject({ method: 'POST', url: `/api/tenants/${tenant}/ota/images?${q}`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) });
    if (up.statusCode !== 201) throw new Error(up.body);
    const image = up.json() as { id: number };
    const chunksBefore = app.ota.chunksSent;
    const dataBefore = app.ota.bytesSent;
    const framesBefore = app.fleet.metrics.framesReceived;
    const t0 = Date.now();
    const v0 = clock.now();
    const c = await post('/ota/campaigns', { imageId: image.id, target: { group: 'all' }, policy: { canary: BOARDS, maxConcurrent: BOARDS, deviceTimeoutS: 3600 } });
    const booted = new Map<string, number>(); // board → s from the campaign's start to running the new image
    for (;;) {
      await step();
      for (const b of fleet.boards) if (!booted.has(b.deviceId) && b.firmwareVersion === version) booted.set(b.deviceId, (Date.now() - t0) / 1000);
      const { state } = await app.ota.getCampaign(tenant, c.id as number);
      if (state.status !== 'running') {
        const view = (await inject(`/api/tenants/${tenant}/ota/campaigns/${c.id as number}`)).json() as { status: string; counts: Record<string, number> };
        report.check(`${label}: every board confirmed`, view.counts.confirmed === BOARDS, `${view.status}: ${JSON.stringify(view.counts)}`);
        break;
      }
    }
    const wall = (Date.now() - t0) / 1000;
    const running = fleet.boards.filter((b) => b.firmwareVersion === version).length;
    report.check(`${label}: every board runs ${version}`, running === BOARDS, `${running} of ${BOARDS}`);
    const times = [...booted.values()];
    result(`ota_${label}_board_booted_p50`, Math.round(pct(times, 50) * 10) / 10, 's');
    result(`ota_${label}_board_booted_p99`, Math.round(pct(times, 99) * 10) / 10, 's');
    const chunks = app.ota.chunksSent - chunksBefore;
    const data = app.ota.bytesSent - dataBefore;
    const uplinks = app.fleet.metrics.framesReceived - framesBefore;
    // Frame sizes: a full chunk downlink and a DOWNLOADING status uplink, as encoded on the wire (issue 11: each
    // with its MAC field).
    const chunkFrame = MAC_FIELD_BYTES + encodeDownlink({ protocolVersion: 1, deviceId: 'bench-00000', seq: 0, time: 0, otaChunk: { imageId: image.id, offset: size - CHUNK, data: new Uint8Array(CHUNK) } }).length - CHUNK;
    const statusFrame = MAC_FIELD_BYTES + encodeUplink({ protocolVersion: 1, deviceId: 'bench-00000', seq: 123456, time: Math.floor(clock.now() / 1000), otaStatus: { imageId: image.id, state: pb.OtaState.OTA_STATE_DOWNLOADING, offset: size - CHUNK, runningVersion: '1.0.0' } }).length;
    // MQTT 3.1.1 PUBLISH QoS 1: fixed header (≤ 4) + topic length (2) + topic + packet id (2), plus the PUBACK (4).
    const mqttDown = 4 + 2 + downlinkTopic(tenant, 'bench-00000').length + 2 + 4;
    const mqttUp = 4 + 2 + uplinkTopic(tenant, 'bench-00000').length + 2 + 4;
    const perBoardChunks = chunks / BOARDS;
    report.check(`${label}: at least the image's bytes sent per board`, data >= size * BOARDS, `${Math.round(data / BOARDS)} B per board, image ${size} B`);
    const downFrames = (data + chunks * chunkFrame) / BOARDS;
    const upFrames = (uplinks / BOARDS) * statusFrame;
    result(`ota_${label}_update_${BOARDS}_boards`, Math.round(wall * 10) / 10, 's');
    result(`ota_${label}_virtual_time`, Math.round((clock.now() - v0) / 1000), 's');
    result(`ota_${label}_image_bytes`, size, 'B');
    result(`ota_${label}_chunk_data_per_board`, Math.round(data / BOARDS), 'B');
    result(`ota_${label}_down_frames_per_board`, Math.round(downFrames), 'B');
    result(`ota_${label}_up_frames_per_board`, Math.round(upFrames), 'B');
    result(`ota_${label}_mqtt_bytes_per_board`, Math.round(downFrames + upFrames + perBoardChunks * mqttDown + (uplinks / BOARDS) * mqttUp), 'B');
    result(`ota_${label}_throughput`, Math.round(data / 1024 / 1024 / wall * 10) / 10, 'MiB/s');
  };

  try {
    await campaign('full_1MiB', '1.1.0', 'full', FULL);
    await campaign('mod_32KiB', '1.1.1', 'mod', MOD);
  } finally {
    fleet.dispose();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  report.note(`${BOARDS} simulated boards (real firmware) and the fleet server in one process, embedded aedes; one wave over every board; per-device cap 1 MiB/s; global budget ${process.env.BENCH_INFLIGHT ?? 2048} chunks in flight`);
  await report.finish();
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
