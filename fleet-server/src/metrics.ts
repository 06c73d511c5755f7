/** In-process counters, exposed as JSON (`GET /api/metrics`) and Prometheus text (`GET /metrics`). */

export class Metrics {
  framesReceived = 0;
  duplicates = 0;
  downlinksSent = 0;
  readonly framesRejected = new Map<string, number>();
  readonly uplinksByKind = new Map<string, number>();

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
}

export interface OtaMetrics {
  role: 'disabled' | 'solo' | 'leader' | 'follower';
  relaysSent: number;
  relaysReceived: number;
}

export function snapshot(m: Metrics, devices: { known: number; online: number }, ota: OtaMetrics = { role: 'disabled', relaysSent: 0, relaysReceived: 0 }): MetricsSnapshot {
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
  return `${lines.join('\n')}\n`;
}
