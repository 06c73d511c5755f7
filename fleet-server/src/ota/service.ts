/**
 * OTA service (issue 6): image upload and signing, staged campaigns driven on the server's clock, and the
 * chunked transfer over each device's MQTT downlink.
 *
 * Transfer (docs/ota.md): the server sends `OtaOffer`; the device checks it and answers `OtaStatus{DOWNLOADING,
 * offset}` (its resume point: 0, or where an interrupted download stopped); the server then sends `OtaChunk`s
 * from that offset. Every chunk the device writes is acknowledged by an `OtaStatus{DOWNLOADING, offset}`, which
 * opens the window again. Flow control, so that a campaign never starves telemetry:
 *  - per device at most `windowChunks` chunks unacknowledged, and at most `deviceMaxBps` bytes per second
 *    (token bucket on the server clock);
 *  - over all devices at most `maxInflightChunks` chunks unacknowledged (the broker and the server's MQTT
 *    client queue stay short, so uplinks and other downlinks keep flowing).
 * A status with reason "resume" (the device's first answer, or after a reconnection, a power cut, a re-offer or
 * a lost chunk) rewinds the server to its offset; plain acknowledgements carry no reason. A device with no progress for `stallS` is rewound to its last offset.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_OTA_CHUNK_BYTES, PROTOCOL_VERSION, pb, type Downlink, type Uplink } from '@streetlight/protocol';

type OtaStatus = NonNullable<Uplink['otaStatus']>;
type OtaOffer = NonNullable<Downlink['otaOffer']>;
const ImageKind = pb.ImageKind;
import type { DeviceRow, Repository } from '../db/repository.js';
import type { OtaCampaignRow, OtaImageRow, OtaRepository } from '../db/ota-repository.js';
import { fleetError } from '../errors.js';
import type { ServiceLogger } from '../devices/service.js';
import {
  cancel, createCampaign, onDeviceStatus, pause, resume, retryFailed, step, summarize, CampaignError,
  type CampaignPolicy, type CampaignState, type DeviceOtaState,
} from './campaign.js';
import { signManifest, type SigningKey } from './signing.js';

export interface OtaServiceOptions {
  repo: OtaRepository;
  devices: Repository;
  dataDir: string;
  now: () => number;
  log: ServiceLogger;
  /** Signing key; undefined → OTA disabled (every OTA route answers SL_OTA_DISABLED). */
  key: SigningKey | undefined;
  /** Publishes a downlink (the MQTT ingest's publishDownlink). */
  publish: (tenant: string, deviceId: string, message: Downlink) => Promise<void>;
  /** Seq for recorded downlinks (offers), from the device registry. */
  nextSeq: (deviceId: string) => Promise<number>;
  /** Chunk data size. Default 4096 (the protocol maximum). */
  chunkSize?: number;
  /** Unacknowledged chunks per device; the window must hold ≥ 16 KiB (devices acknowledge every 16 KiB). Default 8. */
  windowChunks?: number;
  /** Unacknowledged chunks over all devices. Default 256. */
  maxInflightChunks?: number;
  /** Per-device bandwidth cap, bytes per second of the server clock. Default 32768. */
  deviceMaxBps?: number;
  /** An offer with no answer is sent again after this. Default 60 s. */
  offerRetryS?: number;
  /** A download with no progress is rewound to the device's last offset after this. Default 30 s. */
  stallS?: number;
}

export interface ImageMeta {
  version: string;
  kind: 'full' | 'mod';
  hardwareModels: string[];
  minVersion?: string | undefined;
  releaseNotes?: string | undefined;
  requiresHost?: string | undefined;
}

/** A device an active campaign is updating (see `OtaService.updatingDevices`). */
export type UpdatingState = 'offered' | 'downloading' | 'verifying' | 'installing' | 'rebooting';
export interface DeviceUpdate { campaignId: number; campaignName: string; state: UpdatingState; progressPct: number }
/** Device states that mean "being updated now" (offered … rebooting). */
const UPDATING: ReadonlySet<DeviceOtaState> = new Set<UpdatingState>(['offered', 'downloading', 'verifying', 'installing', 'rebooting']);
const isUpdating = (s: DeviceOtaState): s is UpdatingState => UPDATING.has(s);

export type CampaignTarget = { group: string } | { filter: { hardwareModel?: string | undefined; firmwareVersion?: string | undefined } };

export interface CampaignRequest {
  imageId: number;
  name?: string | undefined;
  target: CampaignTarget;
  policy?: Partial<CampaignPolicy> | undefined;
  /** Install window, local minutes after midnight on the device; both 0 (default) = any time. */
  window?: { startMin: number; endMin: number } | undefined;
}

interface ImageCtx {
  row: OtaImageRow;
  bytes: Buffer;
  offer: OtaOffer;
}

interface Active {
  row: OtaCampaignRow;
  state: CampaignState;
  image: ImageCtx;
  dirty: boolean;
  savedAt: number;
  savedStatus: string;
}

interface Transfer {
  campaignId: number;
  tenant: string;
  deviceId: string;
  image: ImageCtx;
  /** Device's last reported offset (bytes written). */
  acked: number;
  /** Next byte to send. */
  sent: number;
  lastProgress: number;
  lastOfferAt: number;
  tokens: number;
  refillAt: number;
}

/** Devices acknowledge written bytes at every multiple of this (firmware/src/ota/agent.ts ACK_EVERY_BYTES). */
export const DEVICE_ACK_EVERY_BYTES = 16_384;

/** Campaign progress is persisted at most this often (server clock). */
const PERSIST_MS = 1000;

const VERSION_RE = /^\d{1,5}\.\d{1,5}\.\d{1,5}(?:[-+][0-9A-Za-z.-]*)?$/;
const MODEL_RE = /^[A-Za-z0-9._-]{1,32}$/;

const STATE_OF: Record<number, DeviceOtaState | undefined> = {
  [pb.OtaState.OTA_STATE_DOWNLOADING]: 'downloading',
  [pb.OtaState.OTA_STATE_VERIFYING]: 'verifying',
  [pb.OtaState.OTA_STATE_INSTALLING]: 'installing',
  [pb.OtaState.OTA_STATE_REBOOTING]: 'rebooting',
  [pb.OtaState.OTA_STATE_CONFIRMED]: 'confirmed',
  [pb.OtaState.OTA_STATE_ROLLED_BACK]: 'rolled_back',
  [pb.OtaState.OTA_STATE_FAILED]: 'failed',
};

export class OtaService {
  private readonly o: Required<Omit<OtaServiceOptions, 'key'>> & { key: SigningKey | undefined };
  private readonly active = new Map<number, Active>();
  private readonly deviceCampaign = new Map<string, number>();
  private readonly transfers = new Map<string, Transfer>();
  private readonly images = new Map<number, ImageCtx>();
  private inflightChunks = 0;
  /** Bytes of chunk data sent, in total (bench and metrics). */
  bytesSent = 0;
  chunksSent = 0;

  constructor(opts: OtaServiceOptions) {
    this.o = {
      chunkSize: MAX_OTA_CHUNK_BYTES, windowChunks: 8, maxInflightChunks: 256, deviceMaxBps: 32_768, offerRetryS: 60, stallS: 30,
      ...opts,
    };
    if (this.o.chunkSize < 256 || this.o.chunkSize > MAX_OTA_CHUNK_BYTES || this.o.chunkSize % 256 !== 0) {
      throw new RangeError(`OTA chunk size must be a multiple of 256 in 256..${MAX_OTA_CHUNK_BYTES}`);
    }
    // Devices acknowledge every 16 KiB (firmware ACK_EVERY_BYTES): a smaller window would stall every transfer.
    if (this.o.windowChunks * this.o.chunkSize < DEVICE_ACK_EVERY_BYTES) {
      throw new RangeError(`OTA window of ${this.o.windowChunks} × ${this.o.chunkSize} bytes is below the ${DEVICE_ACK_EVERY_BYTES} bytes devices acknowledge at a time`);
    }
  }

  get enabled(): boolean { return this.o.key !== undefined; }
  /** The OTA tables (tools and tests). */
  get repo(): OtaRepository { return this.o.repo; }

  private requireKey(): SigningKey {
    if (!this.o.key) throw fleetError('OTA_DISABLED');
    return this.o.key;
  }

  /** Loads the campaigns still in progress (after a restart). */
  async start(): Promise<void> {
    if (!this.enabled) return;
    for (const row of await this.o.repo.activeCampaigns()) {
      const image = await this.imageCtx(row.tenantId, row.imageId);
      const a: Active = { row, state: row.state as unknown as CampaignState, image, dirty: false, savedAt: -Infinity, savedStatus: '' };
      this.active.set(row.id, a);
      for (const id of Object.keys(a.state.devices)) this.deviceCampaign.set(id, row.id);
    }
  }

  // ---- images ---------------------------------------------------------------------------------------

  async uploadImage(tenant: string, bytes: Buffer, meta: ImageMeta): Promise<OtaImageRow> {
    const key = this.requireKey();
    const problems: string[] = [];
    if (!VERSION_RE.test(meta.version)) problems.push('version must be MAJOR.MINOR.PATCH');
    if (meta.minVersion && !VERSION_RE.test(meta.minVersion)) problems.push('minVersion must be MAJOR.MINOR.PATCH');
    if (meta.hardwareModels.length === 0 || !meta.hardwareModels.every((m) => MODEL_RE.test(m))) problems.push('hardwareModels: 1 or more of [A-Za-z0-9._-]{1,32}');
    if (bytes.length === 0) problems.push('the image is empty');
    if (meta.kind === 'mod' && !meta.requiresHost) problems.push('a mod needs requiresHost (the host version it was built against)');
    if (problems.length) throw fleetError('OTA_IMAGE_INVALID', { problems });
    if (await this.o.repo.findImage(tenant, meta.version, meta.kind)) throw fleetError('OTA_IMAGE_EXISTS');
    await this.o.devices.ensureTenant(tenant, this.o.now());
    const sha = createHash('sha256').update(bytes).digest();
    const path = this.imagePath(sha.toString('hex'));
    if (!existsSync(path)) {
      mkdirSync(join(this.o.dataDir, 'ota'), { recursive: true });
      writeFileSync(`${path}.tmp`, bytes);
      renameSync(`${path}.tmp`, path);
    }
    const now = this.o.now();
    const row = await this.o.repo.insertImage({
      tenantId: tenant, version: meta.version, kind: meta.kind, size: bytes.length, sha256: sha.toString('hex'),
      hardwareModels: meta.hardwareModels, minVersion: meta.minVersion ?? null, requiresHost: meta.requiresHost ?? null,
      releaseNotes: meta.releaseNotes ?? null, keyId: key.keyId, manifest: '', signature: '', createdAt: now,
    });
    const signed = signManifest(key, {
      imageId: row.id, version: meta.version, kind: meta.kind === 'mod' ? ImageKind.IMAGE_KIND_MOD : ImageKind.IMAGE_KIND_FULL,
      size: bytes.length, sha256: new Uint8Array(sha), hardwareModels: meta.hardwareModels, minVersion: meta.minVersion ?? '',
      createdAt: Math.floor(now / 1000), requiresHost: meta.requiresHost ?? '',
    });
    const manifest = Buffer.from(signed.manifest).toString('base64');
    const signature = Buffer.from(signed.signature).toString('base64');
    await this.o.repo.setImageSignature(row.id, manifest, signature, signed.keyId);
    this.o.log.info({ tenant, imageId: row.id, version: meta.version, kind: meta.kind, size: bytes.length }, 'OTA image stored and signed');
    return { ...row, manifest, signature, keyId: signed.keyId };
  }

  async listImages(tenant: string): Promise<OtaImageRow[]> {
    this.requireKey();
    return this.o.repo.listImages(tenant);
  }

  async getImage(tenant: string, id: number): Promise<OtaImageRow> {
    this.requireKey();
    const row = await this.o.repo.getImage(tenant, id);
    if (!row) throw fleetError('OTA_IMAGE_NOT_FOUND');
    return row;
  }

  private imagePath(shaHex: string): string {
    return join(this.o.dataDir, 'ota', `${shaHex}.bin`);
  }

  private async imageCtx(tenant: string, id: number): Promise<ImageCtx> {
    const cached = this.images.get(id);
    if (cached) return cached;
    const row = await this.o.repo.getImage(tenant, id);
    if (!row) throw fleetError('OTA_IMAGE_NOT_FOUND');
    // The bytes sent are read from the store as they are now: a file changed after signing is caught by the
    // device (SHA-256 of what it wrote ≠ signed manifest), never trusted by the server.
    const bytes = readFileSync(this.imagePath(row.sha256));
    const ctx: ImageCtx = {
      row, bytes,
      offer: {
        imageId: row.id, version: row.version, kind: row.kind === 'mod' ? ImageKind.IMAGE_KIND_MOD : ImageKind.IMAGE_KIND_FULL,
        size: row.size, sha256: new Uint8Array(Buffer.from(row.sha256, 'hex')), manifest: new Uint8Array(Buffer.from(row.manifest, 'base64')),
        signature: new Uint8Array(Buffer.from(row.signature, 'base64')), keyId: row.keyId, chunkSize: this.o.chunkSize,
      },
    };
    this.images.set(id, ctx);
    return ctx;
  }

  // ---- campaigns ------------------------------------------------------------------------------------

  async createCampaign(tenant: string, req: CampaignRequest): Promise<{ campaign: OtaCampaignRow; skipped: string[] }> {
    this.requireKey();
    const image = await this.imageCtx(tenant, req.imageId);
    let targets: string[];
    if ('group' in req.target) {
      if (!(await this.o.devices.groupExists(tenant, req.target.group))) throw fleetError('GROUP_NOT_FOUND');
      targets = await this.o.devices.groupMembers(tenant, req.target.group);
    } else {
      const f = req.target.filter;
      targets = (await this.o.devices.listDevices(tenant))
        .filter((d) => (!f.hardwareModel || d.hardwareModel === f.hardwareModel) && (!f.firmwareVersion || d.firmwareVersion === f.firmwareVersion))
        .map((d) => d.id);
    }
    // A device takes part in one active campaign at a time.
    const skipped = targets.filter((id) => this.deviceCampaign.has(id));
    targets = targets.filter((id) => !this.deviceCampaign.has(id)).sort();
    if (targets.length === 0) throw fleetError('OTA_NO_TARGETS', { skipped });
    let state: CampaignState;
    try {
      state = createCampaign(targets, req.policy ?? {}, this.o.now());
    } catch (err) {
      if (err instanceof CampaignError) throw fleetError('OTA_IMAGE_INVALID', { problems: [err.message] }, `Invalid campaign policy: ${err.message}`);
      throw err;
    }
    const now = this.o.now();
    const row = await this.o.repo.insertCampaign({
      tenantId: tenant, imageId: image.row.id, name: req.name ?? `${image.row.version} (${image.row.kind})`, status: state.status,
      target: req.target as unknown as Record<string, unknown>, windowStartMin: req.window?.startMin ?? 0, windowEndMin: req.window?.endMin ?? 0,
      state: state as unknown as Record<string, unknown>, createdAt: now, updatedAt: now,
    });
    const a: Active = { row, state, image, dirty: false, savedAt: -Infinity, savedStatus: '' };
    this.active.set(row.id, a);
    for (const id of targets) this.deviceCampaign.set(id, row.id);
    this.o.log.info({ tenant, campaignId: row.id, imageId: image.row.id, devices: targets.length, waves: state.waves.map((w) => w.length) }, 'OTA campaign created');
    await this.tick();
    return { campaign: row, skipped };
  }

  async listCampaigns(tenant: string): Promise<Array<{ row: OtaCampaignRow; state: CampaignState }>> {
    this.requireKey();
    const rows = await this.o.repo.listCampaigns(tenant);
    return rows.map((row) => ({ row, state: this.active.get(row.id)?.state ?? (row.state as unknown as CampaignState) }));
  }

  async getCampaign(tenant: string, id: number): Promise<{ row: OtaCampaignRow; state: CampaignState; size: number }> {
    this.requireKey();
    const a = this.active.get(id);
    if (a && a.row.tenantId === tenant) return { row: { ...a.row, status: a.state.status }, state: a.state, size: a.image.row.size };
    const row = await this.o.repo.getCampaign(tenant, id);
    if (!row) throw fleetError('OTA_CAMPAIGN_NOT_FOUND');
    const image = await this.o.repo.getImage(tenant, row.imageId);
    return { row, state: row.state as unknown as CampaignState, size: image?.size ?? 0 };
  }

  /**
   * Devices of a tenant that an OTA campaign is updating now (issue 7: the map's "updating" state): in state
   * offered, downloading, verifying, installing or rebooting in a campaign still driven (running, paused,
   * halted; or finished while devices are still in flight). This instance's own campaigns come from memory
   * (freshest); campaigns another instance drives come from the database (saved at most PERSIST_MS late).
   * Empty when OTA is not configured.
   */
  async updatingDevices(tenant: string): Promise<Map<string, DeviceUpdate>> {
    const out = new Map<string, DeviceUpdate>();
    if (!this.enabled) return out;
    const add = (campaignId: number, name: string, state: CampaignState, size: number): void => {
      for (const [deviceId, d] of Object.entries(state.devices)) {
        if (!isUpdating(d.state)) continue;
        out.set(deviceId, { campaignId, campaignName: name, state: d.state, progressPct: size > 0 ? Math.min(100, Math.round((d.offset / size) * 1000) / 10) : 0 });
      }
    };
    const mine = new Set<number>();
    for (const a of this.active.values()) {
      if (a.row.tenantId !== tenant) continue;
      mine.add(a.row.id);
      add(a.row.id, a.row.name, a.state, a.image.row.size);
    }
    for (const row of await this.o.repo.activeCampaigns()) {
      if (row.tenantId !== tenant || mine.has(row.id)) continue;
      const image = await this.o.repo.getImage(tenant, row.imageId);
      add(row.id, row.name, row.state as unknown as CampaignState, image?.size ?? 0);
    }
    return out;
  }

  /** pause | resume | cancel | retry: operator commands on a campaign. */
  async command(tenant: string, id: number, cmd: 'pause' | 'resume' | 'cancel' | 'retry'): Promise<{ retried?: number }> {
    this.requireKey();
    const a = this.active.get(id);
    if (!a || a.row.tenantId !== tenant) {
      const row = await this.o.repo.getCampaign(tenant, id);
      if (!row) throw fleetError('OTA_CAMPAIGN_NOT_FOUND');
      if (cmd !== 'retry') throw fleetError('OTA_CAMPAIGN_STATE', undefined, `cannot ${cmd} a ${row.status} campaign`);
      // A finished campaign comes back to life for a retry of its failed devices.
      const image = await this.imageCtx(tenant, row.imageId);
      const revived: Active = { row, state: row.state as unknown as CampaignState, image, dirty: true, savedAt: -Infinity, savedStatus: '' };
      const busy = Object.keys(revived.state.devices).filter((d) => this.deviceCampaign.has(d));
      if (busy.length) throw fleetError('OTA_CAMPAIGN_STATE', { busy }, 'some devices of this campaign are in another active campaign');
      this.active.set(id, revived);
      for (const d of Object.keys(revived.state.devices)) this.deviceCampaign.set(d, id);
      return this.command(tenant, id, cmd);
    }
    const now = this.o.now();
    let retried: number | undefined;
    try {
      if (cmd === 'pause') pause(a.state);
      else if (cmd === 'resume') resume(a.state);
      else if (cmd === 'cancel') cancel(a.state, now);
      else retried = retryFailed(a.state, now);
    } catch (err) {
      if (err instanceof CampaignError) throw fleetError('OTA_CAMPAIGN_STATE', undefined, err.message);
      throw err;
    }
    a.dirty = true;
    this.o.log.info({ tenant, campaignId: id, cmd, status: a.state.status, retried }, 'OTA campaign command');
    await this.tick();
    return retried !== undefined ? { retried } : {};
  }

  // ---- device reports --------------------------------------------------------------------------------

  async onStatus(device: DeviceRow, status: OtaStatus): Promise<void> {
    const id = device.id;
    const cid = this.deviceCampaign.get(id);
    const a = cid !== undefined ? this.active.get(cid) : undefined;
    if (!a || (status.imageId ?? 0) !== a.image.row.id) return;
    const now = this.o.now();
    const st = status.state ?? 0;
    const d = a.state.devices[id];
    if (!d) return;
    if (st === pb.OtaState.OTA_STATE_DEFERRED) {
      // Alive, but outside its install window: not a silent device.
      d.reason = status.reason || 'deferred: outside the install window';
      d.updatedAt = now;
      a.dirty = true;
      return;
    }
    const next = STATE_OF[st];
    if (!next) return;
    const before = d.state;
    // Offsets matter while downloading (0 = resume from the start); a terminal report without one keeps the last.
    const offset = next === 'downloading' || (status.offset ?? 0) > 0 ? (status.offset ?? 0) : next === 'confirmed' ? a.image.row.size : undefined;
    const reason = status.reason && status.reason !== 'resume' ? status.reason : undefined;
    onDeviceStatus(a.state, id, next, now, { ...(offset !== undefined ? { offset } : {}), ...(reason ? { reason } : {}) });
    if (d.state !== before || next === 'downloading') a.dirty = true;
    if (d.state !== before && (next === 'rolled_back' || next === 'failed')) {
      this.o.log.warn({ deviceId: id, campaignId: a.row.id, state: next, reason: status.reason }, 'OTA device failed');
    }
    const t = this.transfers.get(id);
    if (next === 'downloading' && d.state === 'downloading') {
      const offset = Math.min(status.offset ?? 0, a.image.row.size);
      const tr = t ?? this.newTransfer(a, device.tenantId, id, now);
      if (offset < tr.acked || status.reason === 'resume') {
        // A resume request (first answer, reconnection, power cut, re-offer, lost chunk): send from its offset.
        this.release(tr, tr.sent - offset);
        tr.sent = offset;
      } else {
        this.release(tr, Math.max(0, Math.min(tr.sent, offset) - tr.acked));
        if (tr.sent < offset) tr.sent = offset;
      }
      tr.acked = offset;
      tr.lastProgress = now;
      this.pumpOne(tr, a);
      return;
    }
    if (t && next !== 'downloading') this.dropTransfer(id);
  }

  /** After a Hello: a device that was offered the image or was downloading gets the offer again (it resumes). */
  async onHello(device: DeviceRow): Promise<void> {
    const cid = this.deviceCampaign.get(device.id);
    const a = cid !== undefined ? this.active.get(cid) : undefined;
    if (!a || a.state.status !== 'running') return;
    const d = a.state.devices[device.id];
    if (!d || (d.state !== 'offered' && d.state !== 'downloading')) return;
    const t = this.transfers.get(device.id);
    if (t) {
      this.release(t, t.sent - t.acked);
      t.sent = t.acked;
    }
    await this.sendOffer(a, device.tenantId, device.id);
  }

  // ---- the loop ----------------------------------------------------------------------------------------

  /** One pass: advance campaigns (offers, timeouts, halts), retry silent offers, rewind stalls, persist, pump. */
  async tick(): Promise<void> {
    if (!this.enabled) return;
    const now = this.o.now();
    for (const a of [...this.active.values()]) {
      const before = a.state.status;
      const offers = step(a.state, now);
      if (offers.length || a.state.status !== before) a.dirty = true;
      for (const id of offers) await this.sendOffer(a, a.row.tenantId, id);
      if (a.state.status === 'running') {
        for (const [id, d] of Object.entries(a.state.devices)) {
          if (d.state === 'offered' && now - (this.transfers.get(id)?.lastOfferAt ?? d.updatedAt) > this.o.offerRetryS * 1000) {
            await this.sendOffer(a, a.row.tenantId, id);
          }
        }
      }
      if (a.state.status !== before) this.o.log.info({ campaignId: a.row.id, from: before, to: a.state.status, haltReason: a.state.haltReason }, 'OTA campaign status');
      for (const [id, d] of Object.entries(a.state.devices)) {
        if (this.transfers.has(id) && d.state !== 'downloading' && d.state !== 'offered') this.dropTransfer(id);
      }
      // Progress is written at most once per PERSIST_MS of server time (the whole state is one JSON row); a
      // status change is written at once. After a restart devices report their offsets again.
      if (a.dirty && (a.state.status !== a.savedStatus || now - a.savedAt >= PERSIST_MS)) {
        a.dirty = false;
        a.savedAt = now;
        a.savedStatus = a.state.status;
        await this.o.repo.saveCampaign(a.row.id, a.state.status, a.state as unknown as Record<string, unknown>, now);
      }
      if (a.state.status === 'completed' || a.state.status === 'cancelled') {
        const stillInFlight = Object.values(a.state.devices).some((d) => ['offered', 'downloading', 'verifying', 'installing', 'rebooting'].includes(d.state));
        if (!stillInFlight) this.retire(a);
      }
    }
    for (const t of this.transfers.values()) {
      if (t.sent > t.acked && now - t.lastProgress > this.o.stallS * 1000) {
        this.release(t, t.sent - t.acked);
        t.sent = t.acked;
        t.lastProgress = now;
      }
    }
    this.pumpAll();
  }

  /** Waits until nothing is unacknowledged (tests). */
  get inflight(): number { return this.inflightChunks; }

  private retire(a: Active): void {
    this.active.delete(a.row.id);
    for (const id of Object.keys(a.state.devices)) {
      if (this.deviceCampaign.get(id) === a.row.id) this.deviceCampaign.delete(id);
      this.dropTransfer(id);
    }
  }

  private newTransfer(a: Active, tenant: string, deviceId: string, now: number): Transfer {
    const t: Transfer = {
      campaignId: a.row.id, tenant, deviceId, image: a.image, acked: 0, sent: 0, lastProgress: now, lastOfferAt: now,
      tokens: this.o.windowChunks * this.o.chunkSize, refillAt: now,
    };
    this.transfers.set(deviceId, t);
    return t;
  }

  private dropTransfer(deviceId: string): void {
    const t = this.transfers.get(deviceId);
    if (!t) return;
    this.release(t, t.sent - t.acked);
    this.transfers.delete(deviceId);
  }

  /** Gives back the in-flight budget of `bytes` unacknowledged bytes. */
  private release(t: Transfer, bytes: number): void {
    if (bytes <= 0) return;
    this.inflightChunks = Math.max(0, this.inflightChunks - Math.ceil(bytes / this.o.chunkSize));
    void t;
  }

  private async sendOffer(a: Active, tenant: string, deviceId: string): Promise<void> {
    const now = this.o.now();
    const t = this.transfers.get(deviceId) ?? this.newTransfer(a, tenant, deviceId, now);
    t.lastOfferAt = now;
    const seq = await this.o.nextSeq(deviceId);
    const offer: OtaOffer = { ...a.image.offer, windowStartMin: a.row.windowStartMin, windowEndMin: a.row.windowEndMin };
    await this.o.publish(tenant, deviceId, { protocolVersion: PROTOCOL_VERSION, deviceId, seq, time: Math.floor(now / 1000), otaOffer: offer });
  }

  private pumpAll(): void {
    for (const t of this.transfers.values()) {
      if (this.inflightChunks >= this.o.maxInflightChunks) return;
      const a = this.active.get(t.campaignId);
      if (a) this.pumpOne(t, a);
    }
  }

  /** Sends the chunks the device window, the global budget and the bandwidth cap allow. */
  private pumpOne(t: Transfer, a: Active): void {
    if (a.state.status !== 'running' && a.state.status !== 'cancelled') return; // paused/halted: no new chunks
    if (a.state.devices[t.deviceId]?.state !== 'downloading') return;
    const now = this.o.now();
    const burst = this.o.windowChunks * this.o.chunkSize;
    // Token bucket holding at most one second of the cap (and at least one window).
    t.tokens = Math.min(Math.max(burst, this.o.deviceMaxBps), t.tokens + ((now - t.refillAt) * this.o.deviceMaxBps) / 1000);
    t.refillAt = now;
    const size = t.image.row.size;
    let freed = false;
    while (t.sent < size && t.sent - t.acked < burst && this.inflightChunks < this.o.maxInflightChunks) {
      const n = Math.min(this.o.chunkSize, size - t.sent);
      if (t.tokens < n) break;
      t.tokens -= n;
      const offset = t.sent;
      const data = t.image.bytes.subarray(offset, offset + n);
      t.sent += n;
      this.inflightChunks++;
      this.bytesSent += n;
      this.chunksSent++;
      freed = true;
      this.o.publish(t.tenant, t.deviceId, {
        // Chunks carry no time (a queued chunk's time would be stale) and seq 0: OtaChunk has its own offset.
        protocolVersion: PROTOCOL_VERSION, deviceId: t.deviceId, seq: 0, time: 0,
        otaChunk: { imageId: t.image.row.id, offset, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
      }).catch((err: unknown) => this.o.log.warn({ deviceId: t.deviceId, err }, 'OTA chunk publish failed'));
    }
    void freed;
  }

  /** Progress view of a campaign (API). */
  static progress(state: CampaignState, size: number) {
    return {
      waves: summarize(state),
      devices: Object.entries(state.devices).map(([deviceId, d]) => ({
        deviceId, wave: d.wave, state: d.state, offset: d.offset,
        progressPct: size > 0 ? Math.min(100, Math.round((d.offset / size) * 1000) / 10) : 0,
        ...(d.reason ? { reason: d.reason } : {}), attempts: d.attempts, updatedAt: d.updatedAt,
      })),
    };
  }
}
