/** In-process counters, exposed as JSON (`GET /api/metrics`) and Prometheus text (`GET /metrics`). */

/**
 * A Prometheus histogram: cumulative counts of observations at or below each bound, their sum and count. Bounds
 * are fixed at construction (no allocation per observation).
 */
export class Histogram {
  readonly counts: number[];
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(v: number): void {
    this.sum += v;
    this.count++;
    for (let i = 0; i < this.bounds.length; i++) if (v <= (this.bounds[i] as number)) this.counts[i] = (this.counts[i] as number) + 1;
  }
}

/**
 * Issue 14: the ingest pipeline (fleet-server README, "Ingest pipeline"): frames taken from MQTT and not yet done
 * (bounded: at the limit the MQTT client stops reading and the broker holds the rest), EnergyReports waiting for a
 * batch, and the batches written (frames per batch, seconds per batch transaction).
 */
export class IngestMetrics {
  /** Frames received from the broker whose processing has not finished (their PUBACK waits for it). */
  pending = 0;
  /** The bound on `pending` (INGEST_MAX_PENDING); 0 until the ingest runs. */
  pendingLimit = 0;
  /** Times the MQTT client stopped reading because `pending` was at its bound. */
  backpressure = 0;
  /** PUBACKs not sent because the connection the frame came on had closed (the broker delivers it again). */
  pubacksDropped = 0;
  /** EnergyReports waiting for the next batch. */
  batchQueue = 0;
  /** Frames per batch. */
  readonly batchFrames = new Histogram([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  /** Seconds from a batch's start to its commit. */
  readonly batchSeconds = new Histogram([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  /** Batches whose transaction failed (their frames were then written one by one). */
  batchFailures = 0;
  /** StateReports waiting for the next batch, frames per batch, seconds per batch, failed batches (ingest/state-batch.ts). */
  stateBatchQueue = 0;
  readonly stateBatchFrames = new Histogram([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]);
  readonly stateBatchSeconds = new Histogram([0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  stateBatchFailures = 0;
}

export class Metrics {
  framesReceived = 0;
  duplicates = 0;
  downlinksSent = 0;
  readonly framesRejected = new Map<string, number>();
  readonly uplinksByKind = new Map<string, number>();
  /** Issue 14: the ingest pipeline's queue and batches. */
  readonly ingest = new IngestMetrics();

  reject(reason: string): void {
    this.framesRejected.set(reason, (this.framesRejected.get(reason) ?? 0) + 1);
  }

  uplink(kind: string): void {
    this.uplinksByKind.set(kind, (this.uplinksByKind.get(kind) ?? 0) + 1);
  }

  get framesRejectedTotal(): number {
    let n = 0;
    for (const v of this.framesRejected.values()) n += v;
    return n;
  }
}

export interface MetricsSnapshot {
  framesReceived: number;
  framesRejected: Record<string, number>;
  framesRejectedTotal: number;
  duplicates: number;
  uplinksByKind: Record<string, number>;
  downlinksSent: number;
  devicesKnown: number;
  devicesOnline: number;
  /** OTA: what this instance does (docs/ota.md, "Several instances"), frames relayed to / from the driver. */
  ota: OtaMetrics;
  /** Issue 14: the ingest pipeline (Prometheus text only). */
  ingest?: IngestMetrics;
}

export interface OtaMetrics {
  role: 'disabled' | 'solo' | 'leader' | 'follower';
  relaysSent: number;
  relaysReceived: number;
  /** Times this instance started driving OTA (each start re-offers to the devices left in flight). */
  leads: number;
}

export function snapshot(m: Metrics, devices: { known: number; online: number }, ota: OtaMetrics = { role: 'disabled', relaysSent: 0, relaysReceived: 0, leads: 0 }): MetricsSnapshot {
  return {
    framesReceived: m.framesReceived,
    framesRejected: Object.fromEntries(m.framesRejected),
    framesRejectedTotal: m.framesRejectedTotal,
    duplicates: m.duplicates,
    uplinksByKind: Object.fromEntries(m.uplinksByKind),
    downlinksSent: m.downlinksSent,
    devicesKnown: devices.known,
    devicesOnline: devices.online,
    ota,
    ingest: m.ingest,
  };
}

const escapeLabel = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

type Sample = [Record<string, string>, number];

/** Writes one metric family (HELP, TYPE, samples) in the text exposition format 0.0.4. */
function family(lines: string[], name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [labels, value] of samples) {
    const l = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',');
    lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
  }
}

/** Writes a histogram family: `_bucket{le}` (cumulative, ending with +Inf), `_sum` and `_count`. */
function histogram(lines: string[], name: string, help: string, h: Histogram): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
  h.bounds.forEach((b, i) => lines.push(`${name}_bucket{le="${b}"} ${h.counts[i] ?? 0}`));
  lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
}

/** Device figures of one town (what a caller without a role on `*` sees of the metrics). */
export interface TenantDeviceFigures {
  tenantId: string;
  devicesKnown: number;
  devicesOnline: number;
}

/** Prometheus text of the device gauges per town, labelled `tenant`. */
export function prometheusTenants(tenants: readonly TenantDeviceFigures[]): string {
  const lines: string[] = [];
  family(lines, 'fleet_devices_known', 'gauge', 'Registered devices, per town.', tenants.map((t) => [{ tenant: t.tenantId }, t.devicesKnown]));
  family(lines, 'fleet_devices_online', 'gauge', 'Devices whose retained presence says online, per town.', tenants.map((t) => [{ tenant: t.tenantId }, t.devicesOnline]));
  return `${lines.join('\n')}\n`;
}

/** Prometheus text exposition format 0.0.4. */
export function prometheus(s: MetricsSnapshot): string {
  const lines: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: Sample[]): void => family(lines, name, type, help, samples);
  metric('fleet_frames_received_total', 'counter', 'MQTT frames received on device topics.', [[{}, s.framesReceived]]);
  metric('fleet_frames_rejected_total', 'counter', 'Frames rejected, by reason.',
    Object.entries(s.framesRejected).map(([reason, n]) => [{ reason }, n]));
  metric('fleet_frames_duplicate_total', 'counter', 'Uplink frames that changed nothing: redelivered, or older than what the server holds.', [[{}, s.duplicates]]);
  metric('fleet_uplinks_total', 'counter', 'Accepted uplink frames, by body.',
    Object.entries(s.uplinksByKind).map(([kind, n]) => [{ kind }, n]));
  metric('fleet_downlinks_sent_total', 'counter', 'Downlink frames published.', [[{}, s.downlinksSent]]);
  metric('fleet_devices_known', 'gauge', 'Registered devices.', [[{}, s.devicesKnown]]);
  metric('fleet_devices_online', 'gauge', 'Devices whose retained presence says online.', [[{}, s.devicesOnline]]);
  metric('fleet_ota_driver', 'gauge', 'OTA role of this instance: 1 when it drives the campaigns (solo or lease holder).',
    [[{ role: s.ota.role }, s.ota.role === 'solo' || s.ota.role === 'leader' ? 1 : 0]]);
  metric('fleet_ota_relays_sent_total', 'counter', 'OTA uplinks relayed to the instance that drives OTA.', [[{}, s.ota.relaysSent]]);
  metric('fleet_ota_relays_received_total', 'counter', 'OTA uplinks received from other instances.', [[{}, s.ota.relaysReceived]]);
  metric('fleet_ota_leads_total', 'counter', 'Times this instance started driving OTA (lease taken; again after a late renewal).', [[{}, s.ota.leads]]);
  const i = s.ingest;
  if (i) {
    metric('fleet_ingest_pending_frames', 'gauge', 'Frames taken from the broker and not yet processed (their PUBACK waits for the commit).', [[{}, i.pending]]);
    metric('fleet_ingest_pending_limit', 'gauge', 'Bound on fleet_ingest_pending_frames (INGEST_MAX_PENDING): at it, the MQTT client stops reading and the broker holds the rest.', [[{}, i.pendingLimit]]);
    metric('fleet_ingest_backpressure_total', 'counter', 'Times the MQTT client stopped reading because the pending frames were at their bound.', [[{}, i.backpressure]]);
    metric('fleet_ingest_pubacks_dropped_total', 'counter', 'PUBACKs not sent because the connection the frame came on had closed (the broker delivers it again).', [[{}, i.pubacksDropped]]);
    metric('fleet_ingest_batch_queue_frames', 'gauge', 'EnergyReports waiting for the next batch.', [[{}, i.batchQueue]]);
    histogram(lines, 'fleet_ingest_batch_frames', 'EnergyReports per batch (one transaction).', i.batchFrames);
    histogram(lines, 'fleet_ingest_batch_seconds', 'Duration of a batch transaction, from its start to its commit.', i.batchSeconds);
    metric('fleet_ingest_batch_failures_total', 'counter', 'Batches whose transaction failed; their frames were then written one by one.', [[{}, i.batchFailures]]);
    metric('fleet_ingest_state_batch_queue_frames', 'gauge', 'StateReports waiting for the next batch.', [[{}, i.stateBatchQueue]]);
    histogram(lines, 'fleet_ingest_state_batch_frames', 'StateReports per batch (one transaction).', i.stateBatchFrames);
    histogram(lines, 'fleet_ingest_state_batch_seconds', 'Duration of a StateReport batch transaction, from its start to its commit.', i.stateBatchSeconds);
    metric('fleet_ingest_state_batch_failures_total', 'counter', 'StateReport batches whose transaction failed; their frames were then written one by one.', [[{}, i.stateBatchFailures]]);
  }
  return `${lines.join('\n')}\n`;
}
