/**
 * Device service: everything the server does with device frames and desired state, independent of the
 * transport. It receives frames (`handleMessage(topic, bytes)`), sends downlinks through an injected
 * `send`, and reads time from an injected clock, so it is tested without a network or real time
 * (HOUSE-STYLE 15).
 *
 * Delivery is at least once ([MQTT-4.3.2]), and with several instances on one database (`$share`) the frames
 * of one device are handled by different instances in any order. Within one instance a device's frames run one
 * at a time (`serial`); across instances nothing orders them, so every effect of a frame is either idempotent
 * or a single conditional statement in the database, never a value read here and written back later:
 * - frames are compared by their **uplink order** (seq epoch, envelope seq; db/uplink-repository.ts): the seq
 *   is strictly increasing and persisted across reboots, the epoch counts restarts of the device's counter;
 * - `lastUplinkSeq` only moves up (`seen`: `WHERE last_uplink_seq < seq`), `lastSeen` likewise. A Hello older
 *   than the last Hello applied means the counter went back (wiped flash; it starts again at 1): a new epoch
 *   begins, `lastUplinkSeq` restarts at the Hello's seq. A Hello that only arrived late — after newer frames of
 *   its own connection, or an older frame of the previous boot arriving after it — moves nothing back;
 * - StateReport: the device row takes it only if it is newer than the frame (State or Hello) whose state it
 *   holds, in one conditional UPDATE; only then is it added to the state history and reconciled. An older or
 *   redelivered report changes nothing (counted as a duplicate): the history holds the states the row went
 *   through, in the order they were applied. Hello: its identity fields (firmware, model, boot count) follow
 *   the same rule against the last Hello, its reported versions against the last State or Hello; every Hello
 *   is answered (TimeSync, reconciliation against the stored row, OTA);
 * - DeviceEvent: stored once per (device, uplink order) with the alarm changes it causes, in one transaction
 *   (AlarmsRepository.recordEvent); processed whether or not newer frames were seen; a redelivery changes
 *   nothing. event_seq is not the key: the firmware keeps it in RAM and repeats numbers after a reboot;
 * - EnergyReport: records are unique (device, record seq) and acknowledged cumulatively, answered again on a
 *   redelivery; CommandAck: the first ack of a downlink is recorded, a redelivered one changes nothing;
 * - OtaStatus: with several instances the OTA driver orders them by seq (docs/ota.md); alone, this instance
 *   gets a device's frames in order, so one whose seq did not advance is a redelivery and is dropped.
 * Nothing depends on broker persistence: on every Hello (and on a report with stale versions) the server
 * reconciles, i.e. re-sends whatever desired state the device lacks.
 */
import {
  MAX_DOWNLINK_SEQ, MAX_DOWNLINK_SEQ_JUMP, MAX_ENERGY_SEQ_JUMP, MAX_FRAME_BYTES, MAX_UPLINK_SEQ_JUMP, MAX_VERSION_JUMP, PROTOCOL_VERSION, decodePresenceFrame, decodeUplinkFrame,
  downlinkTopic, parseDeviceTopic, pb, type Downlink, type Uplink,
} from '@streetlight/protocol';
import { AlarmsRepository, type DeviceEventInput } from '../db/alarms-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import type { DeviceRow, DesiredRow, NewEnergy, PlacementWrite, Repository } from '../db/repository.js';
import { UplinkRepository } from '../db/uplink-repository.js';
import { fleetError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import type { EnergyFrameOutcome } from '../ingest/energy-batch.js';
import type { ReportedState, StateFrame, StateFrameOutcome } from '../ingest/state-batch.js';
import { applyConfigPatch, sameConfig, type ConfigPatch, type StoredConfig } from './device-config.js';
import { storedPlan, toProtoPlan, type PlanBody, type StoredPlan } from './plan.js';
import type { PresenceAhead } from './presence-ahead.js';

export type SendDownlink = (tenant: string, deviceId: string, message: Downlink) => Promise<void>;

/**
 * Issue 11: who a frame is from (devices/identity.ts). Every uplink is checked before it is decoded: a frame
 * from an identity the server did not provision (or revoked), on another town's topic, or without a valid MAC
 * with the device's key is dropped and counted (`unknown_device`, `revoked`, `wrong_tenant`, `unauthenticated`).
 */
export interface UplinkVerifier {
  /** `frame` undefined: the identity alone (presence carries no MAC). Issue 14: may answer at once (a cached credential). */
  verifyUplink(tenant: string, deviceId: string, frame: Uint8Array | undefined): UplinkVerdict | Promise<UplinkVerdict>;
}

export type UplinkVerdict = 'ok' | 'unknown_device' | 'revoked' | 'wrong_tenant' | 'bad_mac';

/** An uplink frame as received: its seq and bytes; `relayed` when another instance passed it on. */
export interface OtaFrame { seq: number; bytes: Uint8Array; relayed?: boolean }

export interface ServiceLogger {
  /** pino's: when present and false for 'debug', the per-frame debug lines are not even built (issue 14). */
  isLevelEnabled?(level: string): boolean;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface DeviceServiceOptions {
  repo: Repository;
  /** Issue 11: frame authentication of every uplink (and of presence: only a provisioned device's counts). */
  identities: UplinkVerifier;
  send: SendDownlink;
  /** Milliseconds since the epoch. */
  now: () => number;
  metrics: Metrics;
  log: ServiceLogger;
  /** The same downlink is not re-sent to a device sooner than this unless desired state changed. Default 30 s. */
  resendAfterMs?: number;
  /** State reports kept per device. Default 1000. */
  stateHistoryLimit?: number;
  /**
   * Issue 5 (energy area): stores a frame's records, rollups and ack watermark in one transaction and
   * resolves with the seq to acknowledge once committed. Default: plain idempotent insert + contiguous scan.
   */
  energyIngest?: (device: DeviceRow, rows: NewEnergy[], lostThroughSeq: number, logId: number) => Promise<{ ackedSeq: number; inserted?: number; implausible?: string | undefined }>;
  /**
   * Issue 5 (alarms area): stores a device event and applies it to the alarms in one transaction; resolves
   * with `stored: false` when the event was stored already (a redelivery). Default: stores it (idempotently,
   * AlarmsRepository.recordEvent) without alarms.
   */
  recordEvent?: (device: DeviceRow, event: DeviceEventInput) => Promise<{ stored: boolean }>;
  /** The conditional device-row statements of the receive path. Default: on the repository's connection. */
  uplinks?: UplinkRepository;
  /**
   * Issue 14: EnergyReports written in batches across devices (src/ingest/energy-batch.ts): resolves once the frame's
   * batch has committed, with what became of it and, when there is one to send, its EnergyAck (seq taken).
   * Unset: each frame in its own transaction (`energyIngest`). A device not registered yet is left to
   * the per-frame path (`unregistered`).
   */
  energyBatch?: (frame: EnergyBatchInput) => Promise<EnergyFrameOutcome>;
  /**
   * Issue 14: StateReports written in batches across devices (src/ingest/state-batch.ts): resolves once the frame's
   * batch has committed, with whether its state was applied. Unset: each report on its own (`uplinks.applyState`).
   * A device not registered yet is left to the per-frame path (`unregistered`).
   */
  stateBatch?: (frame: StateFrame) => Promise<StateFrameOutcome>;
}

/** A downlink as published (`DeviceService.onDownlinkSent`): `kind` as in the `downlinks` table, e.g. `energy_ack`, `time_sync`, `config`. */
export interface SentDownlink { tenant: string; deviceId: string; seq: number; kind: string; summary: string }

/** An EnergyReport for the batch writer: where it came from, its uplink seq and its records (device seqs). */
export interface EnergyBatchInput {
  tenant: string;
  deviceId: string;
  seq: number;
  rows: NewEnergy[];
  lostThroughSeq: number;
  logId: number;
}

/**
 * Reasons the server adds to the protocol's RejectReason. `implausible_seq`: an uplink seq more than
 * MAX_UPLINK_SEQ_JUMP above the last one seen; `implausible_gap`: an EnergyReport placing a record or its
 * lost_through_seq more than MAX_ENERGY_SEQ_JUMP above the acknowledged ones.
 */
export type ServerRejectReason = 'bad_topic' | 'wrong_tenant' | 'internal_error' | 'bad_relay' | 'implausible_seq' | 'implausible_gap'
  | 'unknown_device' | 'revoked' | 'unauthenticated';

export interface OverrideRequest { level: number; durationS: number; fadeS?: number | undefined }

/** A commissioning row as the API accepts it. */
export interface InventoryInput {
  deviceId: string;
  poleRef?: string | undefined;
  lat: number;
  lon: number;
  group?: string | undefined;
  luminaireModel?: string | undefined;
  nominalPowerW?: number | undefined;
  cctK?: number | undefined;
  /** The inventory's model (inventory/placement.ts): the pole's street, height, cabinet and circuit (absent: kept). */
  street?: string | undefined;
  heightM?: number | undefined;
  cabinetId?: string | undefined;
  circuitId?: string | undefined;
  /** Installation date of a new luminaire (ms; default now). */
  installedAt?: number | undefined;
  /** Internal (a replacement): the pole and luminaire the controller takes, instead of the ones its row implies. */
  poleId?: string | undefined;
  luminaireId?: string | undefined;
}

const ACK_STATUS: Record<number, string> = {
  [pb.AckStatus.ACK_STATUS_OK]: 'ok',
  [pb.AckStatus.ACK_STATUS_REJECTED]: 'rejected',
  [pb.AckStatus.ACK_STATUS_UNSUPPORTED]: 'unsupported',
  [pb.AckStatus.ACK_STATUS_INVALID]: 'invalid',
};

type UplinkKind = 'hello' | 'state' | 'energy' | 'event' | 'ack' | 'otaStatus' | 'detection' | 'luminaire' | 'profile';
const KINDS: readonly UplinkKind[] = ['hello', 'state', 'energy', 'event', 'ack', 'otaStatus', 'detection', 'luminaire', 'profile'];
const bodyKind = (m: Uplink): UplinkKind | undefined => KINDS.find((k) => m[k] != null);

/**
 * Issue 11: a flooding device (its key stolen, or a firmware bug) is throttled without hurting the others: each
 * device's authenticated uplinks pass a token bucket of FRAME_BURST frames refilled at FRAME_RATE_PER_S (far
 * above what the firmware sends: a few frames per 15 min, a 32-record energy batch every 2–4 s while draining a
 * backlog, an OTA status every 16 KiB); the excess is dropped and counted `rate_limited` (the device resends
 * what matters: energy until acknowledged, OTA from its offset). TimeSyncs, which cost a downlink and a row each,
 * are answered at most TIME_SYNC_BURST at once, then one per TIME_SYNC_EVERY_MS.
 */
export const FRAME_BURST = 200;
export const FRAME_RATE_PER_S = 20;
export const TIME_SYNC_BURST = 5;
export const TIME_SYNC_EVERY_MS = 10_000;

interface Bucket { tokens: number; at: number }

/** Takes a token from `key`'s bucket in `map` (capacity `burst`, one token per `everyMs`); false when empty. */
function take(map: Map<string, Bucket>, key: string, now: number, burst: number, everyMs: number): boolean {
  const b = map.get(key) ?? { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) / everyMs);
  b.at = now;
  map.set(key, b);
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

/** An EnergyReport's records as rows of `energy_records` (the device's seqs), received at `now`. */
function energyRows(deviceId: string, tenantId: string, e: NonNullable<Uplink['energy']>, now: number): NewEnergy[] {
  return (e.records ?? []).map((r) => ({
    deviceId, tenantId, seq: r.seq ?? 0, start: r.start ?? 0, durationS: r.durationS ?? 0,
    energyMwh: Number(r.energyMwh ?? 0), minPowerMw: r.minPowerMw ?? 0, maxPowerMw: r.maxPowerMw ?? 0,
    avgPowerMw: r.avgPowerMw ?? 0, burningS: r.burningS ?? 0, avgLevelX10: r.avgLevelX10 ?? 0, receivedAt: now,
  }));
}

/** A StateReport's state as the device row stores it, received at `now`. */
function reportedState(s: NonNullable<Uplink['state']>, now: number): ReportedState {
  return {
    level: s.level ?? 0,
    targetLevel: s.targetLevel ?? 0,
    levelSource: s.source ?? 0,
    planId: s.plan?.id ?? 0,
    planVersion: s.plan?.version ?? 0,
    configVersion: s.configVersion ?? 0,
    overrideId: s.overrideId ?? 0,
    overrideExpiresAt: s.overrideExpiresAt ?? 0,
    clockStatus: s.clock ?? 0,
    uptimeS: s.uptimeS ?? 0,
    powerMw: s.powerMw ?? 0,
    stateAt: now,
  };
}

/** Prune a device's state history every this many reports: cheap, and bounded by limit + this. */
const PRUNE_EVERY = 50;

export class DeviceService {
  private readonly repo: Repository;
  private readonly identities: UplinkVerifier;
  private readonly send: SendDownlink;
  private readonly now: () => number;
  private readonly metrics: Metrics;
  private readonly log: ServiceLogger;
  private readonly resendAfterMs: number;
  private readonly stateHistoryLimit: number;
  private readonly energyIngest: DeviceServiceOptions['energyIngest'];
  private readonly energyBatch: DeviceServiceOptions['energyBatch'];
  private readonly stateBatch: DeviceServiceOptions['stateBatch'];
  private readonly recordEvent: NonNullable<DeviceServiceOptions['recordEvent']>;
  private readonly uplinks: UplinkRepository;
  /** Per-device work queue: frames and pushes of one device run one at a time, in arrival order. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Last downlink of each kind per device: `${deviceId}|${kind}` → what and when, for the resend rule. */
  private readonly lastSent = new Map<string, { key: string; at: number }>();
  private readonly statesSincePrune = new Map<string, number>();
  /** Issue 11: per-device token buckets (server clock): frames admitted, TimeSyncs answered. */
  private readonly frameBuckets = new Map<string, Bucket>();
  private readonly timeSyncBuckets = new Map<string, Bucket>();
  /** Who is told of each downlink published (`onDownlinkSent`). */
  private readonly sentListeners = new Set<(sent: SentDownlink) => void>();
  /**
   * Issue 4 (plans area) hook: config fields a commissioning row gets from its luminaire model (dimming
   * curve, min level, nominal power), by model id. Set by the plans plugin; unset = none.
   */
  modelConfig: ((tenant: string) => Promise<ReadonlyMap<string, ConfigPatch>>) | undefined;
  /** Where commissioned controllers go in the inventory's model (set by routes/inventory-model.ts; inventory/placement.ts). */
  placements: ((tenant: string, rows: readonly InventoryInput[], now: number) => Promise<ReadonlyMap<string, PlacementWrite>>) | undefined;
  /**
   * Issue 6 (OTA area) hook: OtaStatus frames and Hellos go to the OTA service (src/ota/service.ts), with the
   * frame they came in (its seq orders them; an instance that does not drive OTA relays its bytes). Set by app.ts.
   */
  /** Issue 17, constant light output: a StateReport's `clo`, when the report is applied (routes/clo.ts). Unset = dropped. */
  clo: { onStatus(device: { id: string; tenantId: string }, clo: NonNullable<NonNullable<Uplink['state']>['clo']>, now: number): Promise<void> } | undefined;
  /** Presence on demand: which poles a detection raises ahead (devices/presence-ahead.ts). Set by app.ts; unset = none. */
  presenceAhead: Pick<PresenceAhead, 'targets'> | undefined;
  /** Issue 17, frugal learning: a controller's weekly TrafficProfile is stored here. Set by app.ts; unset = dropped. */
  trafficProfiles: { onProfile(device: { id: string; tenantId: string }, profile: NonNullable<Uplink['profile']>, sentAtS: number, now: number): Promise<void> } | undefined;
  /** Issue 17: a controller's LuminaireReport (its DALI-2 / D4i driver) is stored here. Set by app.ts; unset = dropped. */
  luminaireData: { onReport(device: { id: string; tenantId: string }, report: NonNullable<Uplink['luminaire']>, now: number): Promise<void> } | undefined;
  ota: {
    onStatus(device: DeviceRow, status: NonNullable<Uplink['otaStatus']>, frame?: OtaFrame): Promise<void>;
    onHello(device: DeviceRow, frame?: OtaFrame): Promise<void>;
    /** Several instances: the OTA driver orders OTA frames by seq itself, so they all go to it. */
    readonly clustered?: boolean;
  } | undefined;

  constructor(opts: DeviceServiceOptions) {
    this.repo = opts.repo;
    this.identities = opts.identities;
    this.send = opts.send;
    this.now = opts.now;
    this.metrics = opts.metrics;
    this.log = opts.log;
    this.resendAfterMs = opts.resendAfterMs ?? 30_000;
    this.stateHistoryLimit = opts.stateHistoryLimit ?? 1000;
    this.energyIngest = opts.energyIngest;
    this.energyBatch = opts.energyBatch;
    this.stateBatch = opts.stateBatch;
    const adapter = () => {
      const a = (opts.repo as Partial<DrizzleRepository>).adapter;
      if (!a) throw new Error('DeviceService: give `uplinks` and `recordEvent` with a repository that is not a DrizzleRepository');
      return a;
    };
    this.uplinks = opts.uplinks ?? new UplinkRepository(adapter());
    if (opts.recordEvent) this.recordEvent = opts.recordEvent;
    else {
      const events = new AlarmsRepository(adapter());
      this.recordEvent = (_device, e) => events.recordEvent(e);
    }
  }

  /** Whether debug lines are written (a logger that cannot tell: yes). */
  private debugOn(): boolean {
    return this.log.isLevelEnabled?.('debug') ?? true;
  }

  private nowS(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Runs `fn` after everything already queued for `deviceId`. */
  private serial<T>(deviceId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(deviceId) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.queues.set(deviceId, tail);
    void tail.then(() => { if (this.queues.get(deviceId) === tail) this.queues.delete(deviceId); });
    return run;
  }

  /** Waits until every queued frame and push has been processed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private reject(reason: string, ctx: { topic: string; tenant?: string; deviceId?: string; size: number; detail?: string }): void {
    this.metrics.reject(reason);
    this.log.warn({ ...ctx, reason }, 'frame rejected');
  }

  // ---------------------------------------------------------------- receive path

  /**
   * Entry point for every MQTT message on a device topic. Never throws: a bad frame is counted by reason
   * and logged at warn; an internal failure is counted as `internal_error` and logged at error.
   */
  async handleMessage(topic: string, payload: Uint8Array): Promise<void> {
    this.metrics.framesReceived++;
    const size = payload.length;
    const t = parseDeviceTopic(topic);
    if (!t || t.channel === 'down') {
      this.reject('bad_topic', { topic, size });
      return;
    }
    try {
      // Issue 11: who sent it, before anything else is read of it (size first: no HMAC over a 100 MiB frame).
      if (size > MAX_FRAME_BYTES) {
        this.reject('too_large', { topic, tenant: t.tenant, deviceId: t.deviceId, size, detail: `${size} bytes > ${MAX_FRAME_BYTES}` });
        return;
      }
      if (!(await this.authentic(topic, t.tenant, t.deviceId, t.channel, payload))) return;
      if (!take(this.frameBuckets, t.deviceId, this.now(), FRAME_BURST, 1000 / FRAME_RATE_PER_S)) {
        this.metrics.reject('rate_limited'); // not logged one by one: a flood would flood the log
        return;
      }
      if (t.channel === 'status') {
        await this.serial(t.deviceId, () => this.onPresence(topic, t.tenant, t.deviceId, payload));
        return;
      }
      const decoded = decodeUplinkFrame(payload, t.deviceId);
      if (!decoded.ok) {
        this.reject(decoded.reason, { topic, tenant: t.tenant, deviceId: t.deviceId, size, detail: decoded.detail });
        return;
      }
      await this.serial(t.deviceId, () => this.onUplink(topic, t.tenant, t.deviceId, decoded.message, payload));
    } catch (err) {
      this.metrics.reject('internal_error');
      this.log.error({ topic, tenant: t.tenant, deviceId: t.deviceId, size, err }, 'frame processing failed');
    }
  }

  /**
   * An OTA-relevant uplink another instance received and relayed to this one, the OTA driver (docs/ota.md,
   * "Several instances"): the frame goes through the same checks as one received here (decodeUplinkFrame with
   * the device id, the device's registered tenant), then to the OTA service only — the receiving instance did
   * everything else (registry, seq tracking, reconciliation). Only OtaStatus and Hello are accepted. Never throws.
   */
  async handleRelayedOta(tenant: string, deviceId: string, frame: Uint8Array, via: string): Promise<void> {
    const size = frame.length;
    try {
      // The relay carries the device's own frame, MAC included: checked here as if received from the device.
      if (size > MAX_FRAME_BYTES || !(await this.authentic(via, tenant, deviceId, 'up', frame))) return;
      const decoded = decodeUplinkFrame(frame, deviceId);
      if (!decoded.ok) {
        this.reject(decoded.reason, { topic: via, tenant, deviceId, size, detail: decoded.detail });
        return;
      }
      const msg = decoded.message;
      const kind = bodyKind(msg);
      if (kind !== 'otaStatus' && kind !== 'hello') {
        this.reject('bad_relay', { topic: via, tenant, deviceId, size, detail: `a relayed ${kind ?? 'empty'} frame` });
        return;
      }
      await this.serial(deviceId, async () => {
        const device = await this.repo.getDevice(deviceId);
        if (!device || device.tenantId !== tenant) {
          this.reject('wrong_tenant', { topic: via, tenant, deviceId, size, detail: device ? `registered under ${device.tenantId}` : 'unknown device' });
          return;
        }
        const f: OtaFrame = { seq: msg.seq ?? 0, bytes: frame, relayed: true };
        if (kind === 'hello') await this.ota?.onHello(device, f);
        else await this.ota?.onStatus(device, msg.otaStatus!, f);
      });
    } catch (err) {
      this.metrics.reject('internal_error');
      this.log.error({ topic: via, tenant, deviceId, size, err }, 'relayed frame processing failed');
    }
  }

  /**
   * Issue 11: the device accepts downlink seqs above `floor` (the highest it accepted, from its Hello) and at most
   * MAX_DOWNLINK_SEQ_JUMP above it. A floor above the counter moves the counter past it (a restored database); a
   * counter run too far ahead starts again just above the floor; a floor beyond MAX_DOWNLINK_SEQ (which no device
   * accepts) is refused and counted: adopted, the counter would wrap past 2^32−1.
   */
  private async alignDownlinkSeq(device: DeviceRow, floor: number, topic: string, size: number): Promise<void> {
    if (floor <= 0) return;
    if (floor > MAX_DOWNLINK_SEQ) {
      this.reject('implausible_seq', { topic, tenant: device.tenantId, deviceId: device.id, size, detail: `downlink_floor ${floor} > ${MAX_DOWNLINK_SEQ}` });
      return;
    }
    const current = device.lastDownlinkSeq;
    if (floor > current) await this.repo.raiseDownlinkSeq(device.id, floor);
    else if (current - floor > MAX_DOWNLINK_SEQ_JUMP) {
      this.log.warn({ deviceId: device.id, current, floor }, 'downlink counter too far ahead of the device: starting again above its floor');
      await this.repo.setDownlinkSeq(device.id, floor);
    }
  }

  /** Answers with the time, within the device's TimeSync budget (TIME_SYNC_BURST, then one per TIME_SYNC_EVERY_MS). */
  private async timeSync(device: DeviceRow, seq: number): Promise<void> {
    if (!take(this.timeSyncBuckets, device.id, this.now(), TIME_SYNC_BURST, TIME_SYNC_EVERY_MS)) {
      this.metrics.reject('time_sync_limited');
      return;
    }
    await this.sendDownlink(device, 'time_sync', { timeSync: { uplinkSeq: seq } }, `uplink ${seq}`, true);
  }

  /**
   * Issue 11: an uplink must carry a valid MAC of a provisioned, not revoked device of that town. Presence (the
   * retained status, the device's will) carries none — only the device's own broker account may publish it (broker
   * ACL) — but counts only for a provisioned device of that town. False (counted, logged) when refused.
   */
  private async authentic(topic: string, tenant: string, deviceId: string, channel: 'up' | 'status', payload: Uint8Array): Promise<boolean> {
    const v = this.identities.verifyUplink(tenant, deviceId, channel === 'up' ? payload : undefined);
    const verdict = typeof v === 'string' ? v : await v;
    if (verdict === 'ok') return true;
    this.reject(verdict === 'bad_mac' ? 'unauthenticated' : verdict, { topic, tenant, deviceId, size: payload.length });
    return false;
  }

  private async onPresence(topic: string, tenant: string, deviceId: string, payload: Uint8Array): Promise<void> {
    // Presence{online:false} encodes to zero bytes (proto3 omits defaults), which is also what clearing a
    // retained message looks like [MQTT-3.3.1-10]; both mean "not online".
    const decoded = decodePresenceFrame(payload);
    if (!decoded.ok) {
      this.reject(decoded.reason, { topic, tenant, deviceId, size: payload.length, detail: decoded.detail });
      return;
    }
    const existing = await this.repo.getDevice(deviceId);
    if (existing && existing.tenantId !== tenant) {
      this.reject('wrong_tenant', { topic, tenant, deviceId, size: payload.length, detail: `registered under ${existing.tenantId}` });
      return;
    }
    // Only a Hello registers a device: a retained presence may be a leftover of a device long gone (or of
    // another installation sharing the broker), and must not claim the device id for its tenant.
    if (!existing) return;
    const now = this.now();
    const online = decoded.message.online === true;
    this.metrics.uplink('presence');
    await this.repo.updateDevice(deviceId, {
      online,
      ...(online ? { lastSeen: now } : {}),
      ...(decoded.message.bootCount ? { bootCount: decoded.message.bootCount } : {}),
    });
  }

  private async onUplink(topic: string, tenant: string, deviceId: string, msg: Uplink, payload: Uint8Array): Promise<void> {
    if (msg.energy && this.energyBatch && await this.onEnergyBatched(topic, tenant, deviceId, msg, payload)) return;
    if (msg.state && this.stateBatch && await this.onStateBatched(topic, tenant, deviceId, msg, payload)) return;
    const size = payload.length;
    const now = this.now();
    let device = await this.repo.getDevice(deviceId);
    if (device && device.tenantId !== tenant) {
      this.reject('wrong_tenant', { topic, tenant, deviceId, size, detail: `registered under ${device.tenantId}` });
      return;
    }
    const kind = bodyKind(msg);
    if (!kind) return; // decodeUplinkFrame guarantees a body
    const seq = msg.seq ?? 0;
    // A seq implausibly far above the last one seen: taken, it would make every real frame after it look old
    // (state frozen, also across reboots). The row read above is behind the stored one (the seq only moves up
    // within an epoch), so the bound is stricter than the database's, except across a counter restart handled
    // meanwhile. A device's first frame has nothing to compare with (it may have run for years). A far-ahead
    // seq taken either way is undone by the device's next real Hello (restartIfCounterWentBack).
    if (device?.lastUplinkSeq != null && seq > device.lastUplinkSeq + MAX_UPLINK_SEQ_JUMP) {
      this.reject('implausible_seq', { topic, tenant, deviceId, size, detail: `seq ${seq} more than ${MAX_UPLINK_SEQ_JUMP} above ${device.lastUplinkSeq}` });
      return;
    }
    if (!device) {
      // The first authenticated frame of a provisioned device registers it (never an unknown identity: authentic()).
      await this.repo.ensureTenant(tenant, now);
      device = await this.repo.ensureDevice(tenant, deviceId, now);
    }
    // A Hello older than the last Hello applied: the device's counter restarted (wiped flash), a new epoch.
    const restarted = kind === 'hello' && await this.uplinks.restartIfCounterWentBack(deviceId, seq);
    if (restarted) this.log.info({ deviceId, seq, before: device.lastUplinkSeq }, 'uplink seq restarted (new seq epoch)');
    // Every frame moves lastUplinkSeq up (never back) and lastSeen; a StateReport does it in its own statement.
    const seen = () => this.uplinks.seen(deviceId, seq, now);
    const duplicate = (why: string) => {
      this.metrics.duplicates++;
      this.log.debug({ deviceId, seq, kind, why }, 'uplink changed nothing');
    };
    switch (kind) {
      case 'hello': {
        await seen();
        this.metrics.uplink(kind);
        const h = msg.hello!;
        // Issue 11: the device refuses downlinks at or below the seq it last applied (persisted); after a restore of
        // the database the counter may be behind it: move it past.
        await this.alignDownlinkSeq(device, h.downlinkFloor ?? 0, topic, payload.length);
        await this.uplinks.applyHello(deviceId, seq, {
          hardwareModel: h.hardwareModel || null,
          firmwareVersion: h.firmwareVersion || null,
          bootCount: h.bootCount ?? 0,
          lastResetReason: h.resetReason ?? 0,
        });
        await this.uplinks.applyState(deviceId, seq, {
          uptimeS: h.uptimeS ?? 0,
          configVersion: h.configVersion ?? 0,
          planId: h.plan?.id ?? 0,
          planVersion: h.plan?.version ?? 0,
          overrideId: h.overrideId ?? 0,
          clockStatus: h.clock ?? 0,
        });
        this.log.info({ deviceId, tenant, firmware: h.firmwareVersion, bootCount: h.bootCount }, 'device hello');
        // Every Hello gets the time first (protocol README, TimeSync): boards without an RTC boot at 1970.
        await this.timeSync(device, seq);
        // Reconciled against the row as stored: this Hello's versions, or a newer report's.
        const fresh = (await this.repo.getDevice(deviceId)) ?? device;
        await this.reconcileRow(fresh);
        if (this.ota) await this.ota.onHello(fresh, { seq, bytes: payload }); // issue 6: resume an interrupted download
        return;
      }
      case 'state': {
        const s = msg.state!;
        const patch = reportedState(s, now);
        // Applied only if newer than what the row holds; an older report (overtaken on another instance) or
        // a redelivered one changes nothing, history included.
        if (!(await this.uplinks.applyState(deviceId, seq, patch, now))) {
          await seen();
          return duplicate('state not newer than the stored one');
        }
        this.metrics.uplink(kind);
        await this.repo.appendState({
          deviceId, at: now, level: patch.level, targetLevel: patch.targetLevel, levelSource: patch.levelSource,
          powerMw: patch.powerMw, reason: s.reason ?? 0,
        });
        if (s.clo) await this.clo?.onStatus(device, s.clo, now);
        await this.afterState(device, seq, patch);
        return;
      }
      case 'energy': {
        await seen();
        // Idempotent (unique device + record seq) and cumulative acks: processed in any order, answered again.
        const { inserted, implausible } = await this.onEnergy(device, msg.energy!);
        if (implausible !== undefined) return this.reject('implausible_gap', { topic, tenant, deviceId, size, detail: implausible });
        if (inserted === 0 && (msg.energy!.records?.length ?? 0) > 0) duplicate('energy records stored already');
        else this.metrics.uplink(kind);
        return;
      }
      case 'event': {
        const e = msg.event!;
        const row: DeviceEventInput = {
          deviceId, tenantId: tenant, eventSeq: e.eventSeq ?? 0, type: e.type ?? 0, active: e.active === true,
          time: e.time ?? 0, value: e.value ?? 0, detail: e.detail ?? '', receivedAt: now, uplinkSeq: seq,
        };
        // Stored (and applied to alarms) whether or not newer frames were seen; once per frame.
        await seen();
        const { stored } = await this.recordEvent(device, row); // issue 5: alarms
        if (!stored) return duplicate('event stored already');
        this.metrics.uplink(kind);
        return;
      }
      case 'ack': {
        const a = msg.ack!;
        const status = ACK_STATUS[a.status ?? 0] ?? 'unspecified';
        await seen();
        const outcome = await this.uplinks.ackDownlink(deviceId, a.downlinkSeq ?? 0, status, a.detail ?? '', now);
        if (outcome === 'again') return duplicate('downlink acknowledged already');
        this.metrics.uplink(kind);
        if (outcome === 'unknown') this.log.warn({ deviceId, downlinkSeq: a.downlinkSeq }, 'ack for an unknown downlink');
        else if (status !== 'ok') this.log.info({ deviceId, downlinkSeq: a.downlinkSeq, status, detail: a.detail }, 'downlink not accepted');
        return;
      }
      case 'luminaire': {
        // Issue 17: what the luminaire's D4i driver says of itself (an older report than the one stored is kept out).
        await seen();
        this.metrics.uplink(kind);
        await this.luminaireData?.onReport({ id: deviceId, tenantId: tenant }, msg.luminaire!, now);
        return;
      }
      case 'profile': {
        // Issue 17, frugal learning: the street's traffic as the pole learnt it (bounded by the frame decoder), kept per controller.
        await seen();
        this.metrics.uplink(kind);
        await this.trafficProfiles?.onProfile({ id: deviceId, tenantId: tenant }, msg.profile!, msg.time ?? 0, now);
        return;
      }
      case 'detection': {
        // Presence on demand: the pole raised itself already; the poles ahead along its street are raised too.
        await seen();
        this.metrics.uplink(kind);
        const holdS = msg.detection!.holdS ?? 0;
        for (const target of await this.presenceAhead?.targets(tenant, deviceId) ?? []) {
          // A pole that never connected has no downlink counter yet: it is skipped, the others still raised.
          await this.sendDownlink({ id: target, tenantId: tenant }, 'command', { command: { presenceAhead: { holdS } } }, `presence ahead of ${deviceId}`)
            .catch((err: unknown) => this.log.warn({ deviceId: target, from: deviceId, err: String(err) }, 'presence ahead not sent'));
        }
        return;
      }
      case 'otaStatus': {
        const { advanced } = await seen();
        // Several instances: the OTA driver orders OTA frames by seq (docs/ota.md). Alone, frames come in order,
        // so one whose seq did not advance is a redelivery (an old acknowledgement would rewind a transfer).
        if (!advanced && !this.ota?.clustered) return duplicate('seq did not advance');
        this.metrics.uplink(kind);
        if (this.ota) await this.ota.onStatus(device, msg.otaStatus!, { seq, bytes: payload }); // issue 6
        return;
      }
    }
  }

  /**
   * Stores the records (unique device+seq, so a re-sent record is a no-op), then acknowledges the highest
   * seq up to which every record is stored. The ack goes out only after the insert has committed, so a
   * device never deletes a record the database does not hold (EnergyAck, downlink.proto). Resolves with how
   * many records were new (undefined if the ingest does not say), or why the frame was refused: a record or
   * lost_through_seq more than MAX_ENERGY_SEQ_JUMP above the acknowledged seq (nothing stored, nothing acked).
   *
   * The ack never goes past the newest record of the frame: a real device sends its oldest records first, so
   * that is all it can be told about; the firmware refuses an ack above what it has sent, and a watermark
   * ahead of the device (a false gap within the bound, a wiped log that drew its old id again) would otherwise
   * leave it sending the same batch for ever.
   */
  private async onEnergy(device: DeviceRow, e: NonNullable<Uplink['energy']>): Promise<{ inserted?: number | undefined; implausible?: string }> {
    const rows = energyRows(device.id, device.tenantId, e, this.now());
    const newest = rows.reduce((m, r) => Math.max(m, r.seq), 0);
    const ackOf = (acked: number) => Math.min(acked, newest);
    if (this.energyIngest) {
      // Issue 5: records, rollups and watermark commit together; the ack below follows the commit.
      // lost_through_seq: the device's log no longer holds its unacknowledged records up to there.
      // log_id: a new log's seqs restarted at 1; the ingest stores them after the old log's and returns the
      // ack in the device's seq space.
      const { ackedSeq: stored, inserted, implausible } = await this.energyIngest(device, rows, e.lostThroughSeq ?? 0, e.logId ?? 0);
      if (implausible !== undefined) return { implausible };
      const ackedSeq = ackOf(stored);
      if (ackedSeq > 0) await this.sendDownlink(device, 'energy_ack', { energyAck: { ackedSeq } }, `acked ${ackedSeq}`, true);
      return { inserted };
    }
    const fresh = await this.repo.getDevice(device.id);
    const floor = fresh?.energyAckedSeq ?? device.energyAckedSeq;
    const top = Math.max(e.lostThroughSeq ?? 0, newest);
    if (top > floor + MAX_ENERGY_SEQ_JUMP) return { implausible: `seq ${top} more than ${MAX_ENERGY_SEQ_JUMP} above the acknowledged ${floor}` };
    const inserted = await this.repo.insertEnergy(rows);
    let acked = floor;
    for (;;) {
      const seqs = await this.repo.energySeqsAfter(device.id, acked, 1000);
      let advanced = 0;
      for (const s of seqs) {
        if (s !== acked + 1) break;
        acked = s;
        advanced++;
      }
      if (acked < (e.lostThroughSeq ?? 0)) { acked = e.lostThroughSeq ?? 0; continue; } // gone from the device
      if (advanced < 1000) break;
    }
    if (acked !== floor) await this.repo.updateDevice(device.id, { energyAckedSeq: acked });
    if (ackOf(acked) > 0) await this.sendDownlink(device, 'energy_ack', { energyAck: { ackedSeq: ackOf(acked) } }, `acked ${ackOf(acked)}`, true);
    return { inserted };
  }

  /**
   * Issue 14: an EnergyReport through the batch writer (`energyBatch`), in place of the per-frame path of `onUplink`
   * (device row read, `seen`, `onEnergy`, `sendDownlink`): the batch does the same checks on the device row it reads,
   * in the same transaction as the records, the watermark and the EnergyAck's bookkeeping; the EnergyAck is published
   * here, after the commit. False when the device is not registered yet: the caller goes on with the per-frame path.
   */
  private async onEnergyBatched(topic: string, tenant: string, deviceId: string, msg: Uplink, payload: Uint8Array): Promise<boolean> {
    const e = msg.energy!;
    const seq = msg.seq ?? 0;
    const size = payload.length;
    const rows = energyRows(deviceId, tenant, e, this.now());
    const out = await (this.energyBatch as NonNullable<DeviceServiceOptions['energyBatch']>)({ tenant, deviceId, seq, rows, lostThroughSeq: e.lostThroughSeq ?? 0, logId: e.logId ?? 0 });
    switch (out.status) {
      case 'unregistered':
        return false;
      case 'wrong_tenant':
        this.reject('wrong_tenant', { topic, tenant, deviceId, size, detail: `registered under ${out.registeredTenant}` });
        return true;
      case 'implausible_seq':
        this.reject('implausible_seq', { topic, tenant, deviceId, size, detail: `seq ${seq} more than ${MAX_UPLINK_SEQ_JUMP} above ${out.lastUplinkSeq}` });
        return true;
      case 'implausible_gap':
        this.reject('implausible_gap', { topic, tenant, deviceId, size, detail: out.detail });
        return true;
      case 'stored': {
        if (out.ack) {
          const message: Downlink = { protocolVersion: PROTOCOL_VERSION, deviceId, seq: out.ack.downlinkSeq, time: this.nowS(), energyAck: { ackedSeq: out.ack.ackedSeq } };
          await this.send(tenant, deviceId, message);
          this.sentDownlink(tenant, deviceId, out.ack.downlinkSeq, 'energy_ack', `acked ${out.ack.ackedSeq}`);
          if (this.debugOn()) this.log.debug({ deviceId, seq: out.ack.downlinkSeq, kind: 'energy_ack', summary: `acked ${out.ack.ackedSeq}`, topic: downlinkTopic(tenant, deviceId) }, 'downlink sent');
        }
        if (out.inserted === 0 && rows.length > 0) {
          this.metrics.duplicates++;
          if (this.debugOn()) this.log.debug({ deviceId, seq, kind: 'energy', why: 'energy records stored already' }, 'uplink changed nothing');
        } else {
          this.metrics.uplink('energy');
        }
        return true;
      }
    }
  }

  /**
   * What follows a StateReport applied (newer than the state the row held; its history row written): a TimeSync when
   * the device's clock is not synchronised, the history pruned now and then, and reconciliation against the row as it
   * is now (`device`, the row before, with the report's state).
   */
  private async afterState(device: DeviceRow, seq: number, patch: ReportedState): Promise<void> {
    if (patch.clockStatus !== pb.ClockStatus.CLOCK_STATUS_SYNCED) {
      await this.timeSync(device, seq);
    }
    const n = (this.statesSincePrune.get(device.id) ?? 0) + 1;
    if (n >= PRUNE_EVERY) {
      this.statesSincePrune.set(device.id, 0);
      await this.repo.pruneStates(device.id, this.stateHistoryLimit);
    } else {
      this.statesSincePrune.set(device.id, n);
    }
    await this.reconcileRow({ ...device, ...patch });
  }

  /**
   * Issue 14: a StateReport through the batch writer (`stateBatch`), in place of the per-frame path of `onUplink`
   * (device row read, conditional update, history row): the batch does the same checks on the device row it reads and
   * the same writes, many devices in one transaction; what follows the report runs here, after the commit. False when
   * the device is not registered yet: the caller goes on with the per-frame path.
   */
  private async onStateBatched(topic: string, tenant: string, deviceId: string, msg: Uplink, payload: Uint8Array): Promise<boolean> {
    const s = msg.state!;
    const seq = msg.seq ?? 0;
    const now = this.now();
    const state = reportedState(s, now);
    const out = await (this.stateBatch as NonNullable<DeviceServiceOptions['stateBatch']>)({ tenant, deviceId, seq, state, reason: s.reason ?? 0, now });
    switch (out.status) {
      case 'unregistered':
        return false;
      case 'wrong_tenant':
        this.reject('wrong_tenant', { topic, tenant, deviceId, size: payload.length, detail: `registered under ${out.registeredTenant}` });
        return true;
      case 'implausible_seq':
        this.reject('implausible_seq', { topic, tenant, deviceId, size: payload.length, detail: `seq ${seq} more than ${MAX_UPLINK_SEQ_JUMP} above ${out.lastUplinkSeq}` });
        return true;
      case 'stale':
        this.metrics.duplicates++;
        if (this.debugOn()) this.log.debug({ deviceId, seq, kind: 'state', why: 'state not newer than the stored one' }, 'uplink changed nothing');
        return true;
      case 'applied':
        this.metrics.uplink('state');
        if (s.clo) await this.clo?.onStatus(out.device, s.clo, now);
        await this.afterState(out.device, seq, state);
        return true;
    }
  }

  // ---------------------------------------------------------------- reconciliation and downlinks

  /**
   * Calls `listener` with every downlink this instance publishes (its kind, seq and a readable summary), EnergyAcks
   * and TimeSyncs included, which are not `downlinks` rows; returns a function that stops it. For diagnostics and
   * tests: it sees what went out, not what the device applied (that is the CommandAck).
   */
  onDownlinkSent(listener: (sent: SentDownlink) => void): () => void {
    this.sentListeners.add(listener);
    return () => { this.sentListeners.delete(listener); };
  }

  private sentDownlink(tenant: string, deviceId: string, seq: number, kind: string, summary: string): void {
    this.metrics.downlinksSent++;
    if (this.sentListeners.size === 0) return;
    const sent: SentDownlink = { tenant, deviceId, seq, kind, summary };
    for (const l of this.sentListeners) l(sent);
  }

  /** Publishes one downlink with the device's next seq (and records it, when the device acknowledges it). */
  private async sendDownlink(device: Pick<DeviceRow, 'id' | 'tenantId'>, kind: string, body: Partial<Downlink>, summary: string, noAck = false): Promise<number> {
    const seq = await this.repo.nextDownlinkSeq(device.id);
    const now = this.now();
    const message: Downlink = { protocolVersion: PROTOCOL_VERSION, deviceId: device.id, seq, time: Math.floor(now / 1000), ...body };
    // Issue 14 (downlink bookkeeping): only a downlink the device acknowledges (config, plan, commands) is a
    // `downlinks` row, pending until its CommandAck. An EnergyAck or a TimeSync (`noAck`) takes its seq and is
    // counted, nothing more: they were one row per energy frame and per Hello, forever, and nothing reads them.
    if (!noAck) {
      await this.repo.recordDownlink({
        deviceId: device.id, seq, tenantId: device.tenantId, kind, summary, sentAt: now, ackStatus: 'pending',
      });
    }
    await this.send(device.tenantId, device.id, message);
    this.sentDownlink(device.tenantId, device.id, seq, kind, summary);
    if (this.debugOn()) this.log.debug({ deviceId: device.id, seq, kind, summary, topic: downlinkTopic(device.tenantId, device.id) }, 'downlink sent');
    return seq;
  }

  /** True (and remembered) unless the same `key` went to this device within the resend interval. */
  private shouldSend(deviceId: string, kind: string, key: string): boolean {
    const id = `${deviceId}|${kind}`;
    const last = this.lastSent.get(id);
    const now = this.now();
    if (last && last.key === key && now - last.at < this.resendAfterMs) return false;
    this.lastSent.set(id, { key, at: now });
    return true;
  }

  /** An override whose expiry has passed is treated as none: the device has already reverted by itself. */
  private activeOverride(d: DesiredRow | undefined): DesiredRow | undefined {
    return d && d.overrideId > 0 && d.overrideExpiresAt > this.nowS() ? d : undefined;
  }

  /** Compares what the device reports with its desired state and sends what differs. */
  private async reconcileRow(device: DeviceRow): Promise<void> {
    const desired = await this.repo.getDesired(device.id);
    if (!desired || desired.tenantId !== device.tenantId) return;
    // A reported version implausibly far above the desired one is not the server's: the device takes this one.
    const held = device.configVersion ?? 0;
    if (desired.config && (desired.configVersion > held || held - desired.configVersion > MAX_VERSION_JUMP)) {
      const key = `config:${desired.configVersion}`;
      if (this.shouldSend(device.id, 'config', key)) {
        await this.sendDownlink(device, 'config', { config: { ...(desired.config as StoredConfig), version: desired.configVersion } }, key);
      }
    }
    if (desired.planId > 0 && (device.planId !== desired.planId || device.planVersion !== desired.planVersion)) {
      const plan = await this.repo.getPlan(device.tenantId, desired.planId, desired.planVersion);
      const key = `plan:${desired.planId}:${desired.planVersion}`;
      if (plan && this.shouldSend(device.id, 'plan', key)) {
        await this.sendDownlink(device, 'plan', { plan: { plan: toProtoPlan(plan.id, plan.version, plan.body as unknown as StoredPlan) } }, key);
      }
    }
    const ov = this.activeOverride(desired);
    const reported = device.overrideId ?? 0;
    if (ov && reported !== ov.overrideId) {
      const key = `set:${ov.overrideId}`;
      if (this.shouldSend(device.id, 'override', key)) {
        await this.sendDownlink(device, 'set_override', {
          command: { setOverride: { id: ov.overrideId, level: ov.overrideLevel, expiresAt: ov.overrideExpiresAt, fadeS: ov.overrideFadeS } },
        }, key);
      }
    } else if (!ov && reported !== 0) {
      const key = `clear:${reported}`;
      if (this.shouldSend(device.id, 'override', key)) {
        await this.sendDownlink(device, 'clear_override', { command: { clearOverride: reported } }, key);
      }
    }
  }

  /** Reconciles one device now (after a desired-state change); no-op for a device never seen. */
  async push(deviceId: string): Promise<void> {
    await this.serial(deviceId, async () => {
      const device = await this.repo.getDevice(deviceId);
      if (device) await this.reconcileRow(device);
    });
  }

  private async pushAll(deviceIds: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(deviceIds.map((id) => this.push(id)));
    for (const [i, r] of results.entries()) {
      if (r.status === 'rejected') this.log.error({ deviceId: deviceIds[i], err: r.reason }, 'push failed');
    }
  }

  // ---------------------------------------------------------------- desired-state operations (API)

  /** Device ids of a tenant: registered or commissioned. Throws DEVICE_NOT_FOUND otherwise. */
  async requireDevice(tenant: string, deviceId: string): Promise<void> {
    const owner = (await this.repo.deviceTenants([deviceId])).get(deviceId);
    if (owner !== tenant) throw fleetError('DEVICE_NOT_FOUND', { tenant, deviceId });
  }

  /**
   * Issue 17: asks the controller to read its DALI-2 / D4i driver again (Command.read_luminaire); it answers with a
   * CommandAck and a LuminaireReport (reason REQUESTED), or UNSUPPORTED without a DALI driver. Resolves with the
   * downlink's seq and whether the controller is online now (offline, it reads and reports at its next boot anyway).
   */
  async readLuminaire(tenant: string, deviceId: string): Promise<{ downlinkSeq: number; online: boolean }> {
    await this.requireDevice(tenant, deviceId);
    const device = await this.repo.getDevice(deviceId);
    const downlinkSeq = await this.sendDownlink({ id: deviceId, tenantId: tenant }, 'command', { command: { readLuminaire: true } }, 'read luminaire');
    return { downlinkSeq, online: device?.online === true };
  }

  async requireGroup(tenant: string, groupId: string): Promise<string[]> {
    if (!(await this.repo.groupExists(tenant, groupId))) throw fleetError('GROUP_NOT_FOUND', { tenant, groupId });
    return this.repo.groupMembers(tenant, groupId);
  }

  async setOverride(tenant: string, target: { deviceId: string } | { groupId: string }, req: OverrideRequest): Promise<{ overrideId: number; expiresAt: number; devices: number }> {
    const ids = 'deviceId' in target ? (await this.requireDevice(tenant, target.deviceId), [target.deviceId]) : await this.requireGroup(tenant, target.groupId);
    const now = this.now();
    const expiresAt = this.nowS() + req.durationS;
    const fadeS = req.fadeS ?? 0;
    const overrideId = await this.repo.createOverride({
      tenantId: tenant, target: 'deviceId' in target ? `device:${target.deviceId}` : `group:${target.groupId}`,
      level: req.level, expiresAt, fadeS, createdAt: now,
    });
    await this.repo.setDesired(tenant, ids, { overrideId, overrideLevel: req.level, overrideExpiresAt: expiresAt, overrideFadeS: fadeS }, now);
    await this.pushAll(ids);
    return { overrideId, expiresAt, devices: ids.length };
  }

  async clearOverride(tenant: string, target: { deviceId: string } | { groupId: string }): Promise<{ devices: number }> {
    const ids = 'deviceId' in target ? (await this.requireDevice(tenant, target.deviceId), [target.deviceId]) : await this.requireGroup(tenant, target.groupId);
    await this.repo.setDesired(tenant, ids, { overrideId: 0, overrideLevel: 0, overrideExpiresAt: 0, overrideFadeS: 0 }, this.now());
    await this.pushAll(ids);
    return { devices: ids.length };
  }

  /**
   * A new config version above both the desired and the reported one, so the device accepts it. A reported
   * version more than MAX_VERSION_JUMP above the desired one is not the server's (forged, or adopted from a
   * forged SetConfig by older firmware): one above it might not even fit the uint32 field, and the device takes
   * a version that far below the one it holds as newer (firmware `compareVersion`), so it is left out.
   */
  private nextConfigVersion(desired: DesiredRow | undefined, device: DeviceRow | undefined): number {
    const own = desired?.configVersion ?? 0;
    const reported = device?.configVersion ?? 0;
    return (reported - own > MAX_VERSION_JUMP ? own : Math.max(own, reported)) + 1;
  }

  async setConfig(tenant: string, deviceId: string, patch: ConfigPatch): Promise<{ configVersion: number; config: StoredConfig }> {
    await this.requireDevice(tenant, deviceId);
    const desired = await this.repo.getDesired(deviceId);
    const device = await this.repo.getDevice(deviceId);
    const config = applyConfigPatch((desired?.config as StoredConfig | null) ?? {}, patch);
    const configVersion = this.nextConfigVersion(desired, device);
    await this.repo.setDesired(tenant, [deviceId], { config: config as Record<string, unknown>, configVersion }, this.now());
    await this.push(deviceId);
    return { configVersion, config };
  }

  async setPlan(tenant: string, target: { deviceId: string } | { groupId: string }, body: PlanBody): Promise<{ planId: number; planVersion: number; devices: number }> {
    const ids = 'deviceId' in target ? (await this.requireDevice(tenant, target.deviceId), [target.deviceId]) : await this.requireGroup(tenant, target.groupId);
    const now = this.now();
    const plan = await this.repo.createPlanVersion(tenant, body.planId, storedPlan(body) as unknown as Record<string, unknown>, now);
    await this.repo.setDesired(tenant, ids, { planId: plan.id, planVersion: plan.version }, now);
    await this.pushAll(ids);
    return { planId: plan.id, planVersion: plan.version, devices: ids.length };
  }

  /**
   * Bulk commissioning: inventory + group (street) membership, and the device's desired config gets the
   * pole's position, nominal power and (if unset) the French POSIX TZ; a changed config gets a new version.
   * `extra`: more writes of the same transaction (an import's poles without a controller).
   */
  async commission(tenant: string, rows: readonly InventoryInput[], extra?: (tx: never) => PromiseLike<unknown>[]): Promise<{ upserted: number; configsChanged: number }> {
    const owners = await this.repo.deviceTenants(rows.map((r) => r.deviceId));
    const foreign = rows.filter((r) => owners.has(r.deviceId) && owners.get(r.deviceId) !== tenant).map((r) => r.deviceId);
    if (foreign.length) throw fleetError('DEVICE_OTHER_TENANT', { deviceIds: foreign.slice(0, 100), count: foreign.length });
    const now = this.now();
    await this.repo.ensureTenant(tenant, now);
    const desired = new Map((await this.repo.listDesired(tenant)).map((d) => [d.deviceId, d]));
    const devices = new Map((await this.repo.listDevices(tenant)).map((d) => [d.id, d]));
    let configsChanged = 0;
    const changed: string[] = [];
    const models = (await this.modelConfig?.(tenant)) ?? new Map<string, ConfigPatch>();
    const placements = await this.placements?.(tenant, rows, now);
    const commissioning = rows.map((r) => {
      const d = desired.get(r.deviceId);
      const fromModel = r.luminaireModel !== undefined ? models.get(r.luminaireModel) : undefined;
      const patch: ConfigPatch = { ...fromModel, lat: r.lat, lon: r.lon, ...(r.nominalPowerW !== undefined ? { nominalPowerW: r.nominalPowerW } : {}) };
      const config = applyConfigPatch((d?.config as StoredConfig | null) ?? {}, patch);
      let configVersion = d?.configVersion ?? 0;
      if (!sameConfig(d?.config as StoredConfig | null, config) || configVersion === 0) {
        configVersion = this.nextConfigVersion(d, devices.get(r.deviceId));
        configsChanged++;
        if (devices.has(r.deviceId)) changed.push(r.deviceId);
      }
      return {
        inventory: {
          deviceId: r.deviceId, tenantId: tenant, poleRef: r.poleRef ?? null, lat: r.lat, lon: r.lon, groupId: r.group ?? null,
          luminaireModel: r.luminaireModel ?? null, nominalPowerW: r.nominalPowerW ?? null, cctK: r.cctK ?? null,
          installedAt: now, updatedAt: now,
          poleId: placements?.get(r.deviceId)?.pole.id ?? null, luminaireId: placements?.get(r.deviceId)?.luminaire.id ?? null, retiredAt: null,
        },
        desired: { config: config as Record<string, unknown>, configVersion },
        placement: placements?.get(r.deviceId),
      };
    });
    await this.repo.commission(tenant, commissioning, now, extra);
    await this.pushAll(changed);
    return { upserted: rows.length, configsChanged };
  }
}
