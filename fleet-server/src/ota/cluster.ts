/**
 * OTA with several fleet-server instances (docs/ota.md, "Several instances"). Campaigns are driven by one
 * instance at a time — offers, chunks, flow control, timeouts and waves live in its memory — chosen by a lease
 * in the database (`leases` row `ota`, src/db/lease-repository.ts):
 *
 *  - every instance tries to take or renew the lease every third of OTA_LEASE_S; the holder drives, and counts
 *    the lease as surely its own only until 80 % of the lease time after the renewal was sent (its own monotonic
 *    clock), so it stops sending before another instance can take over; its campaign saves are fenced by the
 *    lease in the database too (a save is refused once another instance holds it, and the instance steps down);
 *  - on taking the lease the driver loads the active campaigns from the database and offers the image again to
 *    every device a previous driver left in flight (each answers with its resume offset, or CONFIRMED);
 *  - the holder subscribes to `sl/fleet/<MQTT_SHARE_GROUP>/ota` (plain subscription, QoS 1) while it holds the
 *    lease: the other instances relay OTA uplinks (OtaStatus, Hello) there, and notices of campaigns created
 *    and commands queued through their API; at every renewal it also reloads from the database, in case a
 *    notice was lost;
 *  - a clean shutdown saves, unsubscribes and releases the lease, so another instance takes over at its next
 *    attempt; after a crash, once the lease has expired.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { MqttClient } from 'mqtt';
import type { LeaseRepository } from '../db/lease-repository.js';
import type { ServiceLogger } from '../devices/service.js';
import type { Metrics } from '../metrics.js';
import { decodeRelay, encodeRelay } from './relay.js';
import type { OtaService } from './service.js';

/** Name of the lease row. */
export const OTA_LEASE = 'ota';

/** Share of the lease time after a renewal was sent during which the holder trusts it is still the holder. */
const TRUST_SHARE = 0.8;
/** How long taking the lease waits for the relay subscription before driving anyway. */
const SUBSCRIBE_WAIT_MS = 5000;

export interface OtaClusterOptions {
  ota: OtaService;
  leases: LeaseRepository;
  /** Lease time, ms (OTA_LEASE_S). */
  leaseMs: number;
  /** The installation's OTA topic between instances (relay.ts, relayTopic). */
  topic: string;
  /** The server's MQTT client (the ingest's). */
  client: MqttClient;
  /** Processes a relayed uplink as if received here (DeviceService.handleRelayedOta). */
  onRelayedUplink: (tenant: string, deviceId: string, frame: Uint8Array, via: string) => Promise<void>;
  metrics: Metrics;
  log: ServiceLogger;
  /** This instance's name in the lease. Default host-pid-random. */
  holderId?: string;
}

export class OtaCluster {
  readonly holder: string;
  private readonly o: OtaClusterOptions;
  private timer: ReturnType<typeof setInterval> | undefined;
  private renewing: Promise<void> | undefined;
  private subscribed = false;
  private stopped = false;

  constructor(opts: OtaClusterOptions) {
    this.o = opts;
    this.holder = opts.holderId ?? `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  get renewMs(): number { return this.o.leaseMs / 3; }

  /** Takes part: first attempt at the lease now, then every third of the lease time. */
  async start(): Promise<void> {
    const { ota } = this.o;
    ota.setRelay({
      relay: (tenant, deviceId, frame) => this.publish(encodeRelay({ type: 'uplink', from: this.holder, tenant, deviceId, frame })),
      notify: (what, id) => this.publish(encodeRelay({ type: 'notice', from: this.holder, what, id })),
    });
    await this.renew();
    this.timer = setInterval(() => { void this.renew(); }, this.renewMs);
    this.timer.unref();
  }

  /** Clean shutdown: saves what the driver holds, stops driving, releases the lease. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.renewing;
    if (this.o.ota.driving) await this.o.ota.flush().catch((err: unknown) => this.o.log.warn({ err }, 'OTA: final save failed'));
    this.o.ota.stepDown('shutting down');
    this.o.ota.setRelay(undefined);
    this.unsubscribe();
    await this.o.leases.release(OTA_LEASE, this.holder).catch((err: unknown) => this.o.log.warn({ err }, 'OTA: lease release failed'));
  }

  /** One attempt to take or renew the lease, and what follows from the answer. One at a time. */
  renew(): Promise<void> {
    if (this.renewing) return this.renewing;
    this.renewing = this.renewOnce()
      .catch((err: unknown) => this.o.log.error({ err }, 'OTA lease renewal failed'))
      .finally(() => { this.renewing = undefined; });
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    if (this.stopped) return;
    const { ota, leases, log } = this.o;
    const sentAt = performance.now();
    let held: boolean;
    try {
      held = (await leases.acquire(OTA_LEASE, this.holder, this.o.leaseMs)).held;
    } catch (err) {
      // Cannot tell: the driver goes on until its trust in the last renewal runs out (OtaService.driving).
      log.warn({ err }, 'OTA lease: the database did not answer');
      return;
    }
    if (this.stopped) return;
    const validUntil = sentAt + this.o.leaseMs * TRUST_SHARE;
    if (!held) {
      if (ota.role === 'leader' || this.subscribed) {
        ota.stepDown('the OTA lease is held by another instance');
        this.unsubscribe();
      }
      return;
    }
    if (ota.driving) {
      ota.extendLease(validUntil);
      await ota.sync(); // the safety net for lost notices
      return;
    }
    // Taken (or held again after this instance had stopped trusting it): start from the database.
    ota.stepDown('renewal was late');
    await this.subscribe();
    await ota.lead(validUntil, leases.heldBy(OTA_LEASE, this.holder));
    log.info({ holder: this.holder, leaseMs: this.o.leaseMs }, 'OTA lease taken');
  }

  /** A message on the OTA topic between instances. Never throws. */
  async onMessage(payload: Uint8Array): Promise<void> {
    const m = decodeRelay(payload);
    if (typeof m === 'string') {
      this.o.metrics.reject('bad_relay');
      this.o.log.warn({ topic: this.o.topic, size: payload.length, reason: m }, 'OTA relay message rejected');
      return;
    }
    if (m.from === this.holder) return;
    if (!this.o.ota.driving) {
      this.o.log.debug({ from: m.from, type: m.type }, 'OTA relay message dropped: this instance does not drive OTA');
      return;
    }
    if (m.type === 'uplink') {
      this.o.ota.relaysReceived++;
      await this.o.onRelayedUplink(m.tenant, m.deviceId, m.frame, this.o.topic);
      return;
    }
    await this.o.ota.sync().catch((err: unknown) => this.o.log.error({ err }, 'OTA reload failed'));
  }

  private publish(bytes: Buffer): void {
    this.o.client.publish(this.o.topic, bytes, { qos: 1, retain: false }, (err) => {
      if (err) this.o.log.warn({ topic: this.o.topic, err: err.message }, 'OTA relay publish failed');
    });
  }

  private async subscribe(): Promise<void> {
    if (this.subscribed) return;
    this.subscribed = true;
    const done = new Promise<void>((resolve) => {
      this.o.client.subscribe(this.o.topic, { qos: 1 }, (err, granted) => {
        if (err || granted?.some((g) => g.qos === 128)) {
          this.o.log.error({ topic: this.o.topic, err: err?.message }, 'OTA: the broker refused the subscription to the instances\' topic (check its ACL)');
        }
        resolve();
      });
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([done, new Promise<void>((r) => { timer = setTimeout(r, SUBSCRIBE_WAIT_MS); })]);
    clearTimeout(timer);
  }

  private unsubscribe(): void {
    if (!this.subscribed) return;
    this.subscribed = false;
    this.o.client.unsubscribe(this.o.topic, (err?: Error) => {
      if (err) this.o.log.debug({ err: err.message }, 'OTA: unsubscribe failed');
    });
  }
}
