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
 *
 * Several instances (docs/ota.md, "Several instances"): in `cluster` mode only the instance holding the OTA
 * lease drives (`lead()` … `stepDown()`, called by OtaCluster). The others keep nothing in memory: they relay
 * OtaStatus and Hello frames to the driver, write new campaigns to the database and queue operator commands
 * there for the driver, and read progress from the database. In `solo` mode (embedded broker, the default)
 * the instance always drives, as it always did.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_OTA_CHUNK_BYTES, PROTOCOL_VERSION, pb, type Downlink, type Uplink } from '@streetlight/protocol';

type OtaStatus = NonNullable<Uplink['otaStatus']>;
type OtaOffer = NonNullable<Downlink['otaOffer']>;
const ImageKind = pb.ImageKind;
import type { SQL } from 'drizzle-orm';
import type { DeviceRow, Repository } from '../db/repository.js';
import type { OtaCampaignRow, OtaImageRow, OtaRepository } from '../db/ota-repository.js';
import { ERRORS, FleetError, fleetError } from '../errors.js';
import type { OtaFrame, ServiceLogger } from '../devices/service.js';
import {
  cancel, createCampaign, markConnected, markNotConnected, onDeviceStatus, pause, resume, retryFailed, step, summarize, CampaignError,
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
  /** A town's own signing key, when it has one (OTA_TENANT_KEYS_DIR); undefined → the installation's `key`. */
  tenantKey?: (tenant: string) => SigningKey | undefined;
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
  /**
   * `solo` (default): this instance always drives OTA. `cluster`: only while it holds the OTA lease (OtaCluster
   * calls lead/stepDown); otherwise it relays, queues and reads from the database.
   */
  mode?: 'solo' | 'cluster';
  /** Cluster mode: how long an API command waits for the driver to apply it before answering "queued". Default 5000 real ms. */
  commandWaitMs?: number;
}

/** What a non-driving instance needs from the cluster layer (src/ota/cluster.ts). */
export interface OtaRelay {
  /** Sends an OTA-relevant uplink frame to the driver. */
  relay(tenant: string, deviceId: string, frame: Uint8Array): void;
  /** Tells the driver to reload: a campaign was created, or a command is waiting. */
  notify(what: 'campaign' | 'command', id: number): void;
}


export type OtaRole = 'disabled' | 'solo' | 'leader' | 'follower';

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

export type OtaCommand = 'pause' | 'resume' | 'cancel' | 'retry';

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
  /** Chunks of this transfer counted in the in-flight budget: always ⌈(sent − acked) / chunk⌉ (`account`). */
  inflight: number;
}

/** Devices acknowledge written bytes at every multiple of this (firmware/src/ota/agent.ts ACK_EVERY_BYTES). */
export const DEVICE_ACK_EVERY_BYTES = 16_384;

/** Campaign progress is persisted at most this often (server clock). */
const PERSIST_MS = 1000;

/**
 * A Hello whose seq is at most this far below the last OTA frame processed for its device is an older frame
 * that arrived late (relayed frames can overtake direct ones); further below, the device's counter restarted.
 */
const STALE_HELLO_WINDOW = 64;

/** Applied operator commands (several instances) are kept this long (server clock), then deleted. */
const COMMAND_RETENTION_MS = 7 * 86_400_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

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
  private readonly o: Required<Omit<OtaServiceOptions, 'key' | 'tenantKey'>> & Pick<OtaServiceOptions, 'key' | 'tenantKey'>;
  private readonly active = new Map<number, Active>();
  private readonly deviceCampaign = new Map<string, number>();
  private readonly transfers = new Map<string, Transfer>();
  private readonly images = new Map<number, ImageCtx>();
  /** Seq of the last OTA frame processed per device in a campaign (relayed frames may arrive after newer ones). */
  private readonly lastSeq = new Map<string, number>();
  private inflightChunks = 0;
  /** Cluster mode: leading, and until when (performance.now()) the lease is surely still ours. */
  private leading = false;
  private leaseValidUntil = -Infinity;
  /** Cluster mode: a condition on the database that holds while this instance holds the lease (fences saves). */
  private fence: SQL | undefined;
  private relayTo: OtaRelay | undefined;
  private syncing: Promise<void> | undefined;
  private syncAgain = false;
  /** Frames relayed to the driver / received from other instances (metrics). */
  relaysSent = 0;
  relaysReceived = 0;
  /** Times this instance started driving (cluster mode): the lease taken at start, after another's, or again after a late renewal. */
  leads = 0;
  /** Bytes of chunk data sent, in total (bench and metrics). */
  bytesSent = 0;
  chunksSent = 0;

  constructor(opts: OtaServiceOptions) {
    this.o = {
      chunkSize: MAX_OTA_CHUNK_BYTES, windowChunks: 8, maxInflightChunks: 256, deviceMaxBps: 32_768, offerRetryS: 60, stallS: 30,
      mode: 'solo', commandWaitMs: 5000,
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
  /** The key that signs `tenant`'s images: its own (OTA_TENANT_KEYS_DIR) or the installation's. */
  keyFor(tenant: string): SigningKey | undefined {
    return (this.enabled ? this.o.tenantKey?.(tenant) : undefined) ?? this.o.key;
  }

  /** What `tenant`'s controllers are provisioned to trust: its own key alone when it has one, else the installation's. */
  trustKeysFor(tenant: string): Array<{ keyId: number; publicKey: Uint8Array }> {
    const k = this.keyFor(tenant);
    return k ? [{ keyId: k.keyId, publicKey: k.publicKey }] : [];
  }
  /** OTA is on and several instances may run: app.ts starts an OtaCluster for it. */
  get clustered(): boolean { return this.enabled && this.o.mode === 'cluster'; }
  /** The OTA tables (tools and tests). */
  get repo(): OtaRepository { return this.o.repo; }

  private requireKey(): SigningKey {
    if (!this.o.key) throw fleetError('OTA_DISABLED');
    return this.o.key;
  }

  /** Solo mode: loads the campaigns still in progress (after a restart). Cluster mode: nothing until `lead()`. */
  async start(): Promise<void> {
    if (!this.enabled || this.o.mode === 'cluster') return;
    for (const row of await this.o.repo.activeCampaigns()) await this.load(row);
  }

  // ---- who drives ------------------------------------------------------------------------------------

  /** What this instance does about OTA now. */
  get role(): OtaRole {
    if (!this.enabled) return 'disabled';
    if (this.o.mode === 'solo') return 'solo';
    return this.driving ? 'leader' : 'follower';
  }

  /** True when this instance drives the campaigns (solo, or holding a lease still surely valid). */
  get driving(): boolean {
    if (!this.enabled) return false;
    return this.o.mode === 'solo' || (this.leading && performance.now() < this.leaseValidUntil);
  }

  /** Cluster mode: where OTA uplinks and notices go while this instance does not drive. */
  setRelay(relay: OtaRelay | undefined): void { this.relayTo = relay; }

  /**
   * Cluster mode, the lease was taken: load every active campaign from the database, offer again to devices
   * a previous driver left in flight (a status it received but had not saved would otherwise be lost), apply
   * queued commands. `fence` is the database condition "we still hold the lease" for every save.
   */
  async lead(validUntil: number, fence: SQL): Promise<void> {
    if (this.o.mode !== 'cluster' || !this.enabled) return;
    this.fence = fence;
    this.leaseValidUntil = validUntil;
    if (this.leading) return;
    this.leading = true;
    this.leads++;
    this.o.log.info({}, 'OTA: this instance drives the campaigns (lease taken)');
    await this.sync(true);
  }

  /** Cluster mode: the lease was renewed; it is surely ours until `validUntil` (performance.now()). */
  extendLease(validUntil: number): void { this.leaseValidUntil = validUntil; }

  /** Cluster mode: the lease is lost or given up: forget every campaign (the database has them) and stop sending. */
  stepDown(reason: string): void {
    if (!this.leading) return;
    this.leading = false;
    this.leaseValidUntil = -Infinity;
    this.active.clear();
    this.deviceCampaign.clear();
    this.transfers.clear();
    this.lastSeq.clear();
    this.inflightChunks = 0;
    this.o.log.info({ reason }, 'OTA: this instance no longer drives the campaigns');
  }

  /** Writes every campaign with unsaved progress (clean shutdown, before the lease is released). */
  async flush(): Promise<void> {
    if (!this.driving) return;
    const now = this.o.now();
    for (const a of this.active.values()) {
      if (a.dirty) await this.save(a, now);
    }
  }

  /**
   * The driver catches up with the database: campaigns other instances created, commands they queued.
   * Runs one at a time; a call during a run makes it run once more. `takeover`: also re-offer to devices in
   * flight in the campaigns loaded now.
   */
  async sync(takeover = false): Promise<void> {
    if (!this.driving || this.o.mode !== 'cluster') return;
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          await this.syncOnce(takeover);
          takeover = false;
        } while (this.syncAgain && this.driving);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private async syncOnce(takeover: boolean): Promise<void> {
    const loaded: Active[] = [];
    for (const id of await this.o.repo.activeCampaignIds()) {
      if (this.active.has(id) || !this.driving) continue;
      const row = await this.o.repo.getCampaignById(id);
      if (!row) continue;
      const a = await this.load(row);
      if (a) loaded.push(a);
    }
    if (takeover) {
      for (const a of loaded) {
        if (a.state.status !== 'running') continue;
        for (const [id, d] of Object.entries(a.state.devices)) {
          if (!this.driving) return;
          // offered/downloading: the device answers with its resume offset; verifying…rebooting: a device that
          // finished meanwhile answers CONFIRMED (or carries on and reports as usual).
          if (isUpdating(d.state)) await this.sendOffer(a, a.row.tenantId, id);
        }
      }
    }
    for (const c of await this.o.repo.pendingCommands()) {
      if (!this.driving) return;
      let result: Record<string, unknown>;
      try {
        result = { ...(await this.apply(c.tenantId, c.campaignId, c.command as OtaCommand)) };
      } catch (err) {
        if (!(err instanceof FleetError)) throw err;
        result = { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
      }
      if (!this.driving) return;
      await this.o.repo.completeCommand(c.id, result, this.o.now(), this.fence);
    }
    await this.o.repo.pruneCommands(this.o.now() - COMMAND_RETENTION_MS);
    if (loaded.length) await this.tick();
  }

  /** Puts a campaign row in memory. A device already in another active campaign is left out of this one. */
  private async load(row: OtaCampaignRow): Promise<Active | undefined> {
    let image: ImageCtx;
    try {
      image = await this.imageCtx(row.tenantId, row.imageId);
    } catch (err) {
      this.o.log.error({ campaignId: row.id, imageId: row.imageId, err }, 'OTA campaign not loaded: its image is not available');
      return undefined;
    }
    const a: Active = { row, state: row.state as unknown as CampaignState, image, dirty: false, savedAt: -Infinity, savedStatus: row.status };
    for (const [id, d] of Object.entries(a.state.devices)) {
      const other = this.deviceCampaign.get(id);
      if (other !== undefined && other !== row.id) {
        // Two campaigns created at the same moment on two instances: the one loaded first keeps the device.
        if (d.state === 'queued') {
          d.state = 'cancelled';
          d.reason = `in campaign ${other} already`;
          d.updatedAt = this.o.now();
          a.dirty = true;
        }
        continue;
      }
      this.deviceCampaign.set(id, row.id);
    }
    this.active.set(row.id, a);
    return a;
  }

  // ---- images ---------------------------------------------------------------------------------------

  async uploadImage(tenant: string, bytes: Buffer, meta: ImageMeta): Promise<OtaImageRow> {
    this.requireKey();
    const key = this.keyFor(tenant) as SigningKey;
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
    if (!existsSync(path)) this.writeImageFile(path, bytes);
    // In the database too: the instance that drives the campaign may not be this one (docs/ota.md).
    await this.o.repo.putImageData(sha.toString('hex'), bytes);
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
      tenants: [tenant], // issue 11: only this town's controllers install it
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

  private writeImageFile(path: string, bytes: Buffer): void {
    mkdirSync(join(this.o.dataDir, 'ota'), { recursive: true });
    writeFileSync(`${path}.tmp`, bytes);
    renameSync(`${path}.tmp`, path);
  }

  private async imageCtx(tenant: string, id: number): Promise<ImageCtx> {
    const cached = this.images.get(id);
    if (cached) return cached;
    const row = await this.o.repo.getImage(tenant, id);
    if (!row) throw fleetError('OTA_IMAGE_NOT_FOUND');
    // The bytes sent are read from the store as they are now: a file changed after signing is caught by the
    // device (SHA-256 of what it wrote ≠ signed manifest), never trusted by the server. An image another
    // instance received comes from the database, and is kept in this instance's store from then on.
    const path = this.imagePath(row.sha256);
    let bytes: Buffer;
    if (existsSync(path)) bytes = readFileSync(path);
    else {
      const stored = await this.o.repo.getImageData(row.sha256);
      if (!stored) throw new Error(`OTA image ${row.id}: no ${path} and no copy in the database`);
      this.writeImageFile(path, stored);
      bytes = stored;
    }
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
    // The driver needs the bytes; another instance only checks the image exists (the driver loads it).
    const driving = this.driving;
    const imageRow = driving ? (await this.imageCtx(tenant, req.imageId)).row : await this.o.repo.getImage(tenant, req.imageId);
    if (!imageRow) throw fleetError('OTA_IMAGE_NOT_FOUND');
    let targets: string[];
    // Commissioned devices that never connected have no device row: nothing to offer to until their first Hello.
    let notConnected = new Set<string>();
    if ('group' in req.target) {
      if (!(await this.o.devices.groupExists(tenant, req.target.group))) throw fleetError('GROUP_NOT_FOUND');
      targets = await this.o.devices.groupMembers(tenant, req.target.group);
      const registered = new Set((await this.o.devices.listDevices(tenant)).map((d) => d.id));
      notConnected = new Set(targets.filter((id) => !registered.has(id)));
    } else {
      const f = req.target.filter;
      targets = (await this.o.devices.listDevices(tenant))
        .filter((d) => (!f.hardwareModel || d.hardwareModel === f.hardwareModel) && (!f.firmwareVersion || d.firmwareVersion === f.firmwareVersion))
        .map((d) => d.id);
    }
    // A device takes part in one active campaign at a time. With several instances, campaigns the driver has
    // not loaded yet are in the database only (and the driver settles a race between two creations, see load()).
    const busy = this.o.mode === 'cluster' ? await this.devicesInActiveCampaigns() : this.deviceCampaign;
    const skipped = targets.filter((id) => busy.has(id));
    targets = targets.filter((id) => !busy.has(id)).sort();
    if (targets.length === 0) throw fleetError('OTA_NO_TARGETS', { skipped });
    let state: CampaignState;
    try {
      state = createCampaign(targets, req.policy ?? {}, this.o.now(), notConnected);
    } catch (err) {
      if (err instanceof CampaignError) throw fleetError('OTA_IMAGE_INVALID', { problems: [err.message] }, `Invalid campaign policy: ${err.message}`);
      throw err;
    }
    const now = this.o.now();
    const row = await this.o.repo.insertCampaign({
      tenantId: tenant, imageId: imageRow.id, name: req.name ?? `${imageRow.version} (${imageRow.kind})`, status: state.status,
      target: req.target as unknown as Record<string, unknown>, windowStartMin: req.window?.startMin ?? 0, windowEndMin: req.window?.endMin ?? 0,
      state: state as unknown as Record<string, unknown>, createdAt: now, updatedAt: now,
    });
    this.o.log.info({
      tenant, campaignId: row.id, imageId: imageRow.id, devices: targets.length, notConnected: notConnected.size, waves: state.waves.map((w) => w.length), driving,
    }, 'OTA campaign created');
    if (driving && this.driving) {
      if (await this.load(row)) await this.tick();
    } else {
      // Written to the database; the driver loads it on this notice (or at its next lease renewal).
      this.relayTo?.notify('campaign', row.id);
    }
    return { campaign: row, skipped };
  }

  /** Devices of every active campaign, from the database (and from memory on the driver). */
  private async devicesInActiveCampaigns(): Promise<Set<string>> {
    const out = new Set<string>(this.deviceCampaign.keys());
    for (const row of await this.o.repo.activeCampaigns()) {
      for (const id of Object.keys((row.state as unknown as CampaignState).devices)) out.add(id);
    }
    return out;
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

  /**
   * pause | resume | cancel | retry: operator commands on a campaign. The driver applies them at once; another
   * instance queues them in the database for the driver and waits for its result (`queued` if none came within
   * `commandWaitMs`: it is applied when a driver is back).
   */
  async command(tenant: string, id: number, cmd: OtaCommand): Promise<{ retried?: number; queued?: true }> {
    this.requireKey();
    if (this.driving) return this.apply(tenant, id, cmd);
    if (this.o.mode === 'solo') throw new Error('unreachable: a solo instance always drives');
    if (!(await this.o.repo.getCampaign(tenant, id))) throw fleetError('OTA_CAMPAIGN_NOT_FOUND');
    const queued = await this.o.repo.insertCommand({ tenantId: tenant, campaignId: id, command: cmd, requestedAt: this.o.now() });
    this.relayTo?.notify('command', queued.id);
    this.o.log.info({ tenant, campaignId: id, cmd, commandId: queued.id }, 'OTA campaign command queued for the driver');
    const deadline = performance.now() + this.o.commandWaitMs;
    for (let wait = 10; performance.now() < deadline; wait = Math.min(100, wait * 2)) {
      await sleep(wait);
      if (this.driving) await this.sync(); // this instance took the lease meanwhile
      const c = await this.o.repo.getCommand(queued.id);
      if (c?.appliedAt == null) continue;
      const result = c.result ?? {};
      const error = result.error as { code?: string; message?: string; details?: unknown } | undefined;
      if (error) {
        const spec = Object.values(ERRORS).find((e) => e.code === error.code) ?? ERRORS.INTERNAL;
        throw new FleetError(spec, error.details, error.message);
      }
      return typeof result.retried === 'number' ? { retried: result.retried } : {};
    }
    return { queued: true };
  }

  /** Applies an operator command on the driver. */
  private async apply(tenant: string, id: number, cmd: OtaCommand): Promise<{ retried?: number }> {
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
      return this.apply(tenant, id, cmd);
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
    a.savedAt = -Infinity; // an operator's command is written at once
    this.o.log.info({ tenant, campaignId: id, cmd, status: a.state.status, retried }, 'OTA campaign command');
    await this.tick();
    return retried !== undefined ? { retried } : {};
  }

  // ---- device reports --------------------------------------------------------------------------------

  /**
   * An OtaStatus from a device. `frame`: the uplink it came in; on an instance that does not drive, it is
   * relayed to the driver (unless it was relayed already).
   */
  async onStatus(device: DeviceRow, status: OtaStatus, frame?: OtaFrame): Promise<void> {
    if (!this.enabled) return;
    if (!this.driving) {
      this.forward(device, frame);
      return;
    }
    const id = device.id;
    const cid = this.deviceCampaign.get(id);
    const a = cid !== undefined ? this.active.get(cid) : undefined;
    if (!a || (status.imageId ?? 0) !== a.image.row.id) return;
    if (frame && this.o.mode === 'cluster') {
      // A relayed frame may arrive after a newer one of the same device: an old acknowledgement would rewind.
      // (One instance alone gets a device's frames in order, duplicates dropped: DeviceService.)
      const last = this.lastSeq.get(id);
      if (last !== undefined && frame.seq <= last) return;
      this.lastSeq.set(id, frame.seq);
    }
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
        tr.sent = offset;
      } else if (tr.sent < offset) {
        tr.sent = offset;
      }
      tr.acked = offset;
      this.account(tr);
      tr.lastProgress = now;
      this.pumpOne(tr, a);
      return;
    }
    if (t && next !== 'downloading') this.dropTransfer(id);
  }

  /**
   * After a Hello: a device waiting for its first connection is offered the image now if its wave has started;
   * a device that was offered the image or was downloading gets the offer again (it resumes).
   */
  async onHello(device: DeviceRow, frame?: OtaFrame): Promise<void> {
    if (!this.enabled) return;
    if (!this.driving) {
      this.forward(device, frame);
      return;
    }
    const cid = this.deviceCampaign.get(device.id);
    const a = cid !== undefined ? this.active.get(cid) : undefined;
    if (!a) return;
    if (frame && this.o.mode === 'cluster') {
      const last = this.lastSeq.get(device.id);
      if (last !== undefined && frame.seq <= last && last - frame.seq < STALE_HELLO_WINDOW) return; // arrived late
      this.lastSeq.set(device.id, frame.seq); // (further below: the device's counter restarted)
    }
    const d = a.state.devices[device.id];
    if (!d) return;
    if (markConnected(a.state, device.id, this.o.now())) {
      a.dirty = true;
      a.savedAt = -Infinity; // written at the next pass
      this.o.log.info({ deviceId: device.id, campaignId: a.row.id }, 'OTA: a device of the campaign connected for the first time');
      if (a.state.status === 'running') await this.tick(); // offered now if its wave has started
      return;
    }
    if (a.state.status !== 'running') return;
    if (d.state !== 'offered' && d.state !== 'downloading') return;
    const t = this.transfers.get(device.id);
    if (t) {
      t.sent = t.acked;
      this.account(t);
    }
    await this.sendOffer(a, device.tenantId, device.id);
  }

  /** A non-driving instance sends the frame to the driver (never a frame that was relayed already). */
  private forward(device: DeviceRow, frame: OtaFrame | undefined): void {
    if (this.o.mode !== 'cluster' || !frame || frame.relayed || !this.relayTo) return;
    this.relaysSent++;
    this.relayTo.relay(device.tenantId, device.id, frame.bytes);
  }

  // ---- the loop ----------------------------------------------------------------------------------------

  /** One pass: advance campaigns (offers, timeouts, halts), retry silent offers, rewind stalls, persist, pump. */
  async tick(): Promise<void> {
    if (!this.driving) return;
    const now = this.o.now();
    for (const a of [...this.active.values()]) {
      const before = a.state.status;
      const offers = step(a.state, now);
      if (offers.length || a.state.status !== before) a.dirty = true;
      for (const id of offers) {
        if (!this.driving) return;
        await this.sendOffer(a, a.row.tenantId, id);
      }
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
        if (!(await this.save(a, now))) return;
      }
      if (a.state.status === 'completed' || a.state.status === 'cancelled') {
        const stillInFlight = Object.values(a.state.devices).some((d) => ['offered', 'downloading', 'verifying', 'installing', 'rebooting'].includes(d.state));
        if (!stillInFlight) this.retire(a);
      }
    }
    for (const t of this.transfers.values()) {
      if (t.sent > t.acked && now - t.lastProgress > this.o.stallS * 1000) {
        t.sent = t.acked;
        this.account(t);
        t.lastProgress = now;
      }
    }
    this.pumpAll();
  }

  /**
   * Writes a campaign. In cluster mode the write is fenced by the lease: refused when another instance holds it
   * (this one lost it without noticing), and then this instance stops driving. False when refused.
   */
  private async save(a: Active, now: number): Promise<boolean> {
    a.dirty = false;
    a.savedAt = now;
    a.savedStatus = a.state.status;
    const fence = this.o.mode === 'cluster' ? this.fence : undefined;
    const ok = await this.o.repo.saveCampaign(a.row.id, a.state.status, a.state as unknown as Record<string, unknown>, now, fence);
    if (!ok && fence) {
      this.stepDown('a campaign save was refused: the OTA lease is held by another instance');
      return false;
    }
    return true;
  }

  /** Waits until nothing is unacknowledged (tests). */
  get inflight(): number { return this.inflightChunks; }

  private retire(a: Active): void {
    this.active.delete(a.row.id);
    for (const id of Object.keys(a.state.devices)) {
      if (this.deviceCampaign.get(id) !== a.row.id) continue;
      this.deviceCampaign.delete(id);
      this.lastSeq.delete(id);
      this.dropTransfer(id);
    }
  }

  private newTransfer(a: Active, tenant: string, deviceId: string, now: number): Transfer {
    const t: Transfer = {
      campaignId: a.row.id, tenant, deviceId, image: a.image, acked: 0, sent: 0, lastProgress: now, lastOfferAt: now,
      tokens: this.o.windowChunks * this.o.chunkSize, refillAt: now, inflight: 0,
    };
    this.transfers.set(deviceId, t);
    return t;
  }

  private dropTransfer(deviceId: string): void {
    const t = this.transfers.get(deviceId);
    if (!t) return;
    t.sent = t.acked;
    this.account(t);
    this.transfers.delete(deviceId);
  }

  /**
   * Brings the in-flight budget in line with a transfer's window after `sent` or `acked` moved. Counting from
   * the window itself (not by adding and subtracting at each event) cannot drift: a resume to an offset above
   * the last acknowledgement used to give back fewer chunks than were in flight, and once the leaks reached
   * `maxInflightChunks` no device got a chunk any more (36 boards stuck after a driver takeover).
   */
  private account(t: Transfer): void {
    const n = t.sent > t.acked ? Math.ceil((t.sent - t.acked) / this.o.chunkSize) : 0;
    this.inflightChunks += n - t.inflight;
    t.inflight = n;
  }

  private async sendOffer(a: Active, tenant: string, deviceId: string): Promise<void> {
    if (!this.driving) return;
    const now = this.o.now();
    if (!(await this.o.devices.getDevice(deviceId))) {
      // Never connected (e.g. a campaign saved before such devices waited): it waits for its first Hello
      // instead of failing every pass of the loop.
      if (markNotConnected(a.state, deviceId, now)) {
        a.dirty = true;
        this.dropTransfer(deviceId);
        this.o.log.info({ deviceId, campaignId: a.row.id }, 'OTA: device never connected; it is offered the image at its first Hello');
      }
      return;
    }
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
    while (t.sent < size && t.sent - t.acked < burst && this.inflightChunks < this.o.maxInflightChunks) {
      const n = Math.min(this.o.chunkSize, size - t.sent);
      if (t.tokens < n) break;
      t.tokens -= n;
      const offset = t.sent;
      const data = t.image.bytes.subarray(offset, offset + n);
      t.sent += n;
      this.account(t);
      this.bytesSent += n;
      this.chunksSent++;
      this.o.publish(t.tenant, t.deviceId, {
        // Chunks carry no time (a queued chunk's time would be stale) and seq 0: OtaChunk has its own offset.
        protocolVersion: PROTOCOL_VERSION, deviceId: t.deviceId, seq: 0, time: 0,
        otaChunk: { imageId: t.image.row.id, offset, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
      }).catch((err: unknown) => this.o.log.warn({ deviceId: t.deviceId, err }, 'OTA chunk publish failed'));
    }
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
