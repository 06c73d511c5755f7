/**
 * Alarms (issue 5): device fault events (DeviceEvent, uplink.proto) become alarms with a life cycle
 *   open ──acknowledge──▶ acknowledged ──clear event──▶ cleared
 *   open ──clear event──▶ cleared
 * At most one alarm per (device, type) is not cleared; a new raise after a clear opens a new alarm (the
 * history stays). The device debounces faults and sends the raise and the clear; the server raises the alarm
 * as soon as the event frame is processed, i.e. within the report interval in which the device detected it.
 *
 * Duplicate delivery is harmless: an event with the same event_seq as the one last applied is ignored, and a
 * clear older than the last event applied (by seq and time) does not close a newer raise.
 */
import { pb } from '@streetlight/protocol';
import type { AlarmFilter, AlarmRow, AlarmsRepository, AlarmState } from '../db/alarms-repository.js';
import type { ServiceLogger } from '../devices/service.js';

export type Severity = 'critical' | 'major' | 'minor';

/** Event types that become alarms, with their name in the API and severity. Others are kept as events only. */
export const ALARM_TYPES: ReadonlyMap<number, { type: string; severity: Severity; title: string }> = new Map([
  [pb.EventType.EVENT_TYPE_LAMP_FAILURE, { type: 'lamp_failure', severity: 'major', title: 'Lamp failure: power far below what the commanded level should draw' }],
  [pb.EventType.EVENT_TYPE_DAY_BURNER, { type: 'day_burner', severity: 'minor', title: 'Day burner: drawing power in daylight' }],
  [pb.EventType.EVENT_TYPE_CYCLING, { type: 'cycling', severity: 'minor', title: 'Cycling lamp' }],
  [pb.EventType.EVENT_TYPE_VOLTAGE_LOW, { type: 'voltage_low', severity: 'major', title: 'Supply voltage low' }],
  [pb.EventType.EVENT_TYPE_VOLTAGE_HIGH, { type: 'voltage_high', severity: 'major', title: 'Supply voltage high' }],
  [pb.EventType.EVENT_TYPE_METER_FAULT, { type: 'meter_fault', severity: 'minor', title: 'Metering chip not responding' }],
  [pb.EventType.EVENT_TYPE_CLOCK_LOST, { type: 'clock_lost', severity: 'major', title: 'No valid time: the schedule cannot run' }],
  [pb.EventType.EVENT_TYPE_STORAGE_FAULT, { type: 'storage_fault', severity: 'critical', title: 'Flash or NVS error' }],
]);

export const ALARM_TYPE_NAMES: readonly string[] = [...ALARM_TYPES.values()].map((t) => t.type);
export const ALARM_STATES: readonly AlarmState[] = ['open', 'acknowledged', 'cleared'];

export interface AlarmEvent { eventSeq: number; type: number; active: boolean; time: number; value: number; detail: string }

export class AlarmService {
  constructor(private readonly repo: AlarmsRepository, private readonly now: () => number, private readonly log: ServiceLogger) {}

  /** Applies one device event; returns the alarm it raised, updated or cleared (undefined if none). */
  async onEvent(device: { id: string; tenantId: string }, e: AlarmEvent, receivedAt: number): Promise<AlarmRow | undefined> {
    const spec = ALARM_TYPES.get(e.type);
    if (!spec) return undefined;
    const at = e.time > 0 ? e.time * 1000 : receivedAt;
    const cur = await this.repo.active(device.id, spec.type);
    if (cur && e.eventSeq !== 0 && e.eventSeq === cur.lastEventSeq) return cur; // duplicate delivery
    const stale = cur !== undefined && e.eventSeq < cur.lastEventSeq && at < cur.lastEventAt;
    if (e.active) {
      if (cur) {
        if (stale) return cur;
        await this.repo.update(cur.id, { lastEventAt: at, lastEventSeq: e.eventSeq, value: e.value, detail: e.detail || cur.detail });
        return { ...cur, lastEventAt: at, lastEventSeq: e.eventSeq, value: e.value };
      }
      const row = await this.repo.insert({
        tenantId: device.tenantId, deviceId: device.id, type: spec.type, severity: spec.severity, state: 'open', raisedAt: at, receivedAt,
        lastEventAt: at, lastEventSeq: e.eventSeq, value: e.value, detail: e.detail || spec.title,
      });
      this.log.info({ deviceId: device.id, alarm: row.id, type: spec.type }, 'alarm raised');
      return row;
    }
    if (!cur || stale) return undefined;
    await this.repo.update(cur.id, { state: 'cleared', clearedAt: at, lastEventAt: at, lastEventSeq: e.eventSeq });
    this.log.info({ deviceId: device.id, alarm: cur.id, type: spec.type }, 'alarm cleared');
    return { ...cur, state: 'cleared', clearedAt: at, lastEventAt: at, lastEventSeq: e.eventSeq };
  }

  /**
   * Acknowledges an alarm: an open one becomes acknowledged; a cleared one keeps its state but records who
   * saw it; acknowledging twice changes nothing. Undefined when the tenant has no such alarm.
   */
  async acknowledge(tenantId: string, id: number, by: string | null): Promise<AlarmRow | undefined> {
    const row = await this.repo.get(tenantId, id);
    if (!row) return undefined;
    if (row.acknowledgedAt != null) return row;
    const patch = { acknowledgedAt: this.now(), acknowledgedBy: by, ...(row.state === 'open' ? { state: 'acknowledged' } : {}) };
    await this.repo.update(id, patch);
    return { ...row, ...patch };
  }

  list(f: AlarmFilter): Promise<AlarmRow[]> { return this.repo.list(f); }
  get(tenantId: string, id: number): Promise<AlarmRow | undefined> { return this.repo.get(tenantId, id); }
  counts(tenantId: string): Promise<Record<AlarmState, number>> { return this.repo.counts(tenantId); }
}
