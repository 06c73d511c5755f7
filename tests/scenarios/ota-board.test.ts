/**
 * OTA on a simulated board (issue 6), on both hosts: the real firmware ('node') or its bundle inside the real XS
 * engine ('xs', where `host.update` is the XS host's shim over the same simulated bootloader), a real broker,
 * and a protocol peer in the server's place that signs offers with the fleet server's own code and streams
 * chunks the way the server does (a window ahead of the device's acknowledgements, from the offset the device
 * asks to resume at).
 *
 * The "new image" is a simulated image (hardware-sim buildSimImage): the bootloader boots the same firmware
 * (on XS the same bundle), and the version the firmware reports is the booted slot's, from the boot metadata.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { generateSigningKey, signManifest } from '@streetlight/fleet-server';
import { buildSimImage, SimBoard, VirtualClock, type FirmwareRuntime, type SimImageInfo } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { decodeUplinkFrame, parseDeviceTopic, type Uplink } from '@streetlight/protocol';
import { ImageKind, OtaState, type OtaOffer } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const MODEL = 'SL-ESP32-SIM';
const CHUNK = 4096;
/** The peer keeps this many bytes in flight ahead of the device's last acknowledgement (≥ its 16 KiB ack step). */
const WINDOW = 32_768;
const CONFIG = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  nominalPowerW: 36,
};

/** An OtaStatus uplink as the peer decodes it (server codec). */
type OtaStatus = NonNullable<Uplink['otaStatus']>;

const RUNTIMES: FirmwareRuntime[] = ['node', 'xs', 'device'];
const dir = mkdtempSync(join(tmpdir(), 'sl-ota-board-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = generateSigningKey(join(dir, 'ota.pem'));

let runtime: FirmwareRuntime = 'node';
let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
const boards: SimBoard[] = [];
/** Images the peer serves, by image id. */
const images = new Map<number, Uint8Array>();
/** Per device: how far the peer has streamed the image being downloaded. */
const sentUpTo = new Map<string, number>();
let nextImageId = 1;

beforeEach(async () => {
  startDeviceScenario();
  broker = await startTestBroker();
  clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  tenant = `ota${randomUUID().slice(0, 8)}`;
  peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
  sentUpTo.clear();
  // The server's side of the transfer: time for a Hello, chunks for a DOWNLOADING status.
  peer.client.on('message', (topic, payload) => {
    const t = parseDeviceTopic(topic);
    if (!t || t.channel !== 'up') return;
    const d = decodeUplinkFrame(new Uint8Array(payload), t.deviceId);
    if (!d.ok) return;
    if (d.message.hello) peer.send(t.deviceId, { timeSync: { uplinkSeq: d.message.seq ?? 0 } }).catch(() => undefined);
    const st = d.message.otaStatus;
    if (st?.state === OtaState.OTA_STATE_DOWNLOADING) stream(t.deviceId, st);
  });
});

afterEach(async () => {
  try {
    if (runtime === 'device') endDeviceScenario(boards);
  } finally {
    for (const b of boards.splice(0)) b.dispose();
    await peer.close();
    await broker.close();
  }
});

/** Sends chunks up to WINDOW bytes past the device's offset; a resume request restarts from its offset. */
function stream(deviceId: string, st: OtaStatus): void {
  const image = images.get(st.imageId ?? 0);
  if (!image) return;
  const offset = st.offset ?? 0;
  let from = st.reason === 'resume' ? offset : Math.max(offset, sentUpTo.get(deviceId) ?? 0);
  const to = Math.min(image.length, offset + WINDOW);
  for (; from < to; from += CHUNK) {
    const data = image.subarray(from, Math.min(to, from + CHUNK));
    peer.send(deviceId, { otaChunk: { imageId: st.imageId ?? 0, offset: from, data } }).catch(() => undefined);
  }
  sentUpTo.set(deviceId, Math.max(from, to));
}

/** A signed offer for a simulated image of `size` bytes (the fleet server's signing code). */
function offer(info: Omit<SimImageInfo, 'hardwareModels' | 'kind'>, size = 64 * 1024): OtaOffer {
  const imageId = nextImageId++;
  const full: SimImageInfo = { hardwareModels: [MODEL], kind: 'full', ...info };
  const bytes = buildSimImage(full, size);
  images.set(imageId, bytes);
  const sha256 = new Uint8Array(createHash('sha256').update(bytes).digest());
  const signed = signManifest(key, {
    imageId, version: full.version, kind: ImageKind.IMAGE_KIND_FULL, size, sha256, hardwareModels: full.hardwareModels,
    minVersion: '', createdAt: Math.floor(clock.now() / 1000), tenants: [tenant],
  });
  return { imageId, version: full.version, kind: ImageKind.IMAGE_KIND_FULL, size, sha256, manifest: signed.manifest, signature: signed.signature, keyId: signed.keyId, chunkSize: CHUNK };
}

function makeBoard(): SimBoard {
  const board = new SimBoard({
    clock, deviceId: `OTA-${runtime}-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
    firmwareVersion: '1.0.0', otaKeys: [{ keyId: key.keyId, publicKey: key.publicKey }], meter: 'hlw8012', rtc: 'kept',
    runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
  });
  boards.push(peer.watch(board));
  return board;
}

// On XS, status() is a synchronous query into the engine; it returns the same fields.
const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
const otaOf = (b: SimBoard, imageId: number): OtaStatus[] =>
  peer.of(b.deviceId).flatMap((u) => (u.otaStatus && (u.otaStatus.imageId ?? 0) === imageId ? [u.otaStatus] : []));
const reached = (b: SimBoard, imageId: number, state: number): boolean => otaOf(b, imageId).some((s) => s.state === state);

async function commission(board: SimBoard): Promise<void> {
  board.powerOn();
  await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000 });
  await peer.send(board.deviceId, { config: CONFIG });
  // Virtual time stands still while the config and its ack travel (real time, long on a loaded machine).
  await clock.waitFor(() => peer.of(board.deviceId).some((u) => u.ack));
  // A few energy records, acknowledged or not: the counter must survive the update.
  await clock.runUntil(() => (status(board).energy?.lastSeq ?? 0) >= 1, { timeoutMs: 20 * 60_000 });
}

/** Sends the offer and runs until the update reaches one of `states`. */
async function update(board: SimBoard, o: OtaOffer, states: number[]): Promise<OtaStatus> {
  await peer.send(board.deviceId, { otaOffer: o });
  const id = o.imageId ?? 0;
  await clock.runUntil(() => states.some((s) => reached(board, id, s)) && board.state === 'on', { timeoutMs: 10 * 60_000, stepMs: 500 });
  return otaOf(board, id).find((s) => states.includes(s.state ?? 0)) as OtaStatus;
}

describe.each(RUNTIMES)('OTA on %s', (r) => {
  beforeEach(() => { runtime = r; });

  it('downloads, verifies, switches, self-tests and confirms; the new version comes from the booted slot', async () => {
    const board = makeBoard();
    await commission(board);
    const energyBefore = status(board).energy!;
    const o = offer({ version: '1.1.0' });
    const done = await update(board, o, [OtaState.OTA_STATE_CONFIRMED, OtaState.OTA_STATE_FAILED, OtaState.OTA_STATE_ROLLED_BACK]);
    expect(done).toMatchObject({ state: OtaState.OTA_STATE_CONFIRMED, runningVersion: '1.1.0' });

    // Every stage, in order.
    const states = otaOf(board, o.imageId ?? 0).map((s) => s.state);
    const order = [OtaState.OTA_STATE_DOWNLOADING, OtaState.OTA_STATE_VERIFYING, OtaState.OTA_STATE_INSTALLING, OtaState.OTA_STATE_REBOOTING, OtaState.OTA_STATE_CONFIRMED];
    expect(order.map((s) => states.indexOf(s))).toEqual([...order.map((s) => states.indexOf(s))].sort((a, b) => a - b));
    expect(order.every((s) => states.includes(s))).toBe(true);
    // The slot holds exactly the image, the bootloader runs it and it is confirmed.
    const bl = board.bootloader;
    expect(bl.running).toBe(1);
    expect(bl.slots[1].state).toBe('valid');
    expect(createHash('sha256').update(bl.slots[1].data.read(0, o.size ?? 0)).digest()).toEqual(Buffer.from(o.sha256 as Uint8Array));
    expect(board.firmwareVersion).toBe('1.1.0');
    expect(board.bootCount).toBe(2);
    expect(board.resetReason).toBe('software');
    // The Hellos of each boot name its image (one the peer answered late may have been repeated, issue 14).
    const hellos = peer.of(board.deviceId).filter((u) => u.hello).map((u) => [u.hello!.bootCount, u.hello!.firmwareVersion]);
    expect([...new Map(hellos.map(([boot, version]) => [boot, version])).entries()]).toEqual([[1, '1.0.0'], [2, '1.1.0']]);
    // The update touched neither the energy log nor the config.
    const after = status(board);
    expect(after.configVersion).toBe(1);
    expect(after.energy!.lastSeq).toBeGreaterThanOrEqual(energyBefore.lastSeq);
    expect(after.energy!.totalEnergyMwh).toBeGreaterThanOrEqual(energyBefore.totalEnergyMwh);
    expect(board.flash.read('ota.st')).toBeUndefined();
  });

  it('resumes a download interrupted by a power cut from the persisted offset', async () => {
    const board = makeBoard();
    await commission(board);
    const o = offer({ version: '1.1.0' }, 128 * 1024);
    await peer.send(board.deviceId, { otaOffer: o });
    const id = o.imageId ?? 0;
    // Cut once the device has acknowledged 32 KiB (the resume offset is persisted every 16 KiB).
    await clock.runUntil(() => otaOf(board, id).some((s) => s.state === OtaState.OTA_STATE_DOWNLOADING && (s.offset ?? 0) >= 32_768), { timeoutMs: 5 * 60_000, stepMs: 200 });
    board.powerCycle(10_000);
    await clock.runUntil(() => reached(board, id, OtaState.OTA_STATE_CONFIRMED) && board.state === 'on', { timeoutMs: 10 * 60_000, stepMs: 500 });
    const resumes = otaOf(board, id).filter((s) => s.state === OtaState.OTA_STATE_DOWNLOADING && s.reason === 'resume').map((s) => s.offset);
    expect(resumes[0]).toBe(0);
    expect(resumes.slice(1).some((at) => (at ?? 0) >= 16_384)).toBe(true); // not from the start again
    expect(board.firmwareVersion).toBe('1.1.0');
  });

  // Found by the two-instance OTA test under load (issue 13): a new driver offers again and waits for the
  // device's resume offset; if that answer is lost, it streams from 0. The device dropped chunks below its offset
  // silently, so every stall rewind streamed from 0 again and the download never moved.
  it('answers chunks from before its offset with where to resume (a driver that lost its answer)', async () => {
    const board = makeBoard();
    await commission(board);
    const o = offer({ version: '1.1.0' }, 128 * 1024);
    const id = o.imageId ?? 0;
    await peer.send(board.deviceId, { otaOffer: o });
    await clock.runUntil(() => otaOf(board, id).some((s) => s.state === OtaState.OTA_STATE_DOWNLOADING && (s.offset ?? 0) >= 32_768), { timeoutMs: 5 * 60_000, stepMs: 200 });
    const images0 = images.get(id)!;
    images.delete(id); // the peer stops streaming on its own: it plays the new driver below
    await clock.runUntil(() => false, { timeoutMs: 10_000, stepMs: 200 }).catch(() => undefined); // chunks in flight land
    const at = status(board).seq;
    const before = otaOf(board, id).length;
    // The new driver, not knowing the device's offset, sends the start of the image.
    await peer.send(board.deviceId, { otaChunk: { imageId: id, offset: 0, data: images0.subarray(0, CHUNK) } });
    await clock.runUntil(() => otaOf(board, id).length > before, { timeoutMs: 60_000, stepMs: 200, describe: () => `seq ${at} -> ${status(board).seq}, statuses ${JSON.stringify(otaOf(board, id).slice(-3))}` });
    const answer = otaOf(board, id).at(-1)!;
    expect(answer).toMatchObject({ state: OtaState.OTA_STATE_DOWNLOADING, reason: 'resume' });
    expect(answer.offset ?? 0).toBeGreaterThanOrEqual(32_768);
    // From there the download completes.
    images.set(id, images0);
    stream(board.deviceId, answer);
    await clock.runUntil(() => reached(board, id, OtaState.OTA_STATE_CONFIRMED) && board.state === 'on', { timeoutMs: 10 * 60_000, stepMs: 500 });
    expect(board.firmwareVersion).toBe('1.1.0');
  });

  it('rolls back a boot-looping image to the previous one, which reports why', async () => {
    const board = makeBoard();
    await commission(board);
    const o = offer({ version: '1.2.0', bootLoop: true });
    const done = await update(board, o, [OtaState.OTA_STATE_ROLLED_BACK, OtaState.OTA_STATE_CONFIRMED, OtaState.OTA_STATE_FAILED]);
    expect(done.state).toBe(OtaState.OTA_STATE_ROLLED_BACK);
    expect(done.runningVersion).toBe('1.0.0');
    expect(done.reason).toMatch(/rollback: reset before the new image confirmed itself/);
    expect(board.firmwareVersion).toBe('1.0.0');
    expect(board.bootloader.running).toBe(0);
    expect(board.bootloader.slots[1].state).toBe('aborted');
    expect(String(board.lastException)).toMatch(/boot-loop test image/);
    expect(status(board).configVersion).toBe(1);
  });

  it('rolls back an image whose self-test fails (server never reached) with the reason it gave', async () => {
    const board = makeBoard();
    await commission(board);
    const o = offer({ version: '1.3.0', failSelfTest: true });
    const done = await update(board, o, [OtaState.OTA_STATE_ROLLED_BACK, OtaState.OTA_STATE_CONFIRMED, OtaState.OTA_STATE_FAILED]);
    expect(done.state).toBe(OtaState.OTA_STATE_ROLLED_BACK);
    expect(done.reason).toMatch(/self-test failed: server not reached/);
    expect(board.firmwareVersion).toBe('1.0.0');
    expect(board.bootloader.slots[1].state).toBe('invalid');
  });

  it('refuses a tampered image after download (sha256_mismatch) and keeps running the old one', async () => {
    const board = makeBoard();
    await commission(board);
    const o = offer({ version: '1.4.0' });
    const image = images.get(o.imageId ?? 0) as Uint8Array;
    image[40_000] = (image[40_000] as number) ^ 0xff; // what the peer streams is no longer what was signed
    const done = await update(board, o, [OtaState.OTA_STATE_FAILED, OtaState.OTA_STATE_CONFIRMED]);
    expect(done).toMatchObject({ state: OtaState.OTA_STATE_FAILED, runningVersion: '1.0.0' });
    expect(done.reason).toMatch(/^sha256_mismatch/);
    expect(board.bootCount).toBe(1);
    expect(board.bootloader.running).toBe(0);
  });
});
