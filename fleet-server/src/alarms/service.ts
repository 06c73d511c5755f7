/**
 * Alarms (issue 5): device fault events (DeviceEvent, uplink.proto) become alarms with a life cycle
 *   open ──acknowledge──▶ acknowledged ──clear event──▶ cleared
 *   open ──clear event──▶ cleared
 * At most one alarm per (device, type) is not cleared; a new raise after a clear opens a new alarm (the
 * history stays). The device debounces faults and sends the raise and the clear; the server raises the alarm
 * as soon as the event frame is processed, i.e. within the report interval in which the device detected it.
 *
 * Several server instances, redelivery, reordering: events are stored with the alarm changes they cause in one
 * transaction keyed by the frame that carried them (AlarmsRepository.recordEvent), so a redelivered event is
 * stored once and changes nothing. Events of a device are ordered by the uplink order of their frames (seq
 * epoch, envelope seq; db/uplink-repository.ts), not by arrival and not by event_seq, which the firmware keeps
 * in RAM and repeats after a reboot. An alarm is one occurrence: a run of raises of (device, type) in uplink
 * order up to the first clear. Whatever the order events arrive in, the rows end up describing the same
 * occurrences as if they had arrived in order (`planAlarm`):
 * - the newest event of (device, type) drives the open/cleared state, as before;
 * - an older event arriving after a newer one never reopens or clears the current alarm: it is stored (event
 *   history) and only corrects the history of occurrences — a raise older than the occurrence it belongs to
 *   moves its start back; a raise whose occurrence was already cleared by a later clear is recorded as a
 *   cleared alarm; a clear that ends an earlier occurrence inside what looked like one alarm splits off that
 *   earlier part as a cleared alarm (the existing row, with its acknowledgement, keeps the later part).
 */
import { pb } from '@streetlight/protocol';
import type {
  AlarmAction, AlarmContext, AlarmFilter, AlarmPlanner, AlarmRow, AlarmsRepository, AlarmState, CommentRow, ContractorRow, DeviceEventInput, InterventionRow,
} from '../db/alarms-repository.js';
import { fleetError } from '../errors.js';
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
  // Issue 17: what the luminaire's DALI-2 / D4i driver reports (firmware/src/dali/service.ts).
  [pb.EventType.EVENT_TYPE_LED_FAILURE, { type: 'led_failure', severity: 'major', title: 'LED failure reported by the driver (open or short circuit, lamp failure)' }],
  [pb.EventType.EVENT_TYPE_DRIVER_OVERTEMP, { type: 'driver_overtemp', severity: 'major', title: 'LED driver over-temperature (derating or shutdown)' }],
  [pb.EventType.EVENT_TYPE_DRIVER_VOLTAGE, { type: 'driver_voltage', severity: 'major', title: "Supply voltage outside the driver's range" }],
  [pb.EventType.EVENT_TYPE_LED_END_OF_LIFE, { type: 'led_end_of_life', severity: 'minor', title: 'LED module past its rated life' }],
  [pb.EventType.EVENT_TYPE_DALI_FAULT, { type: 'dali_fault', severity: 'major', title: 'DALI driver not answering (interface, bus power or driver)' }],
]);

/**
 * Alarms the server raises itself. `implausible_energy`: energy records of the device failed the plausibility check
 * at ingest and wait in quarantine (energy/plausibility.ts); value = how many, cleared once a manager has accepted or
 * rejected them all (POST …/energy/quarantine/accept|reject).
 */
export const IMPLAUSIBLE_ENERGY = { type: 'implausible_energy', severity: 'major', title: 'Implausible energy records quarantined: accept or reject them' } as const satisfies { type: string; severity: Severity; title: string };

export const ALARM_TYPE_NAMES: readonly string[] = [...[...ALARM_TYPES.values()].map((t) => t.type), IMPLAUSIBLE_ENERGY.type];
export const ALARM_STATES: readonly AlarmState[] = ['open', 'acknowledged', 'assigned', 'intervened', 'cleared'];
/** The states of a fault still there (everything but cleared). */
export const UNRESOLVED_STATES: readonly AlarmState[] = ['open', 'acknowledged', 'assigned', 'intervened'];

export interface AlarmEvent {
  eventSeq: number; type: number; active: boolean; time: number; value: number; detail: string;
  /** Envelope seq of the frame that carried it (its order and key); default `eventSeq` (callers without a frame). */
  uplinkSeq?: number | undefined;
}

/**
 * The alarm rules for one newly stored event of an alarm type (see the top of this file). Pure: the context
 * is read in the event's transaction and the actions are applied in it.
 */
export function planAlarm(spec: { type: string; severity: Severity; title: string }, device: { id: string; tenantId: string }, ctx: AlarmContext): AlarmAction[] {
  const { event: e, prev, next, current, ofPrev, ofNext, receivedAt } = ctx;
  const last = { lastEventAt: e.at, lastEventOrd: e.ord, lastEventSeq: e.eventSeq };
  if (!next) {
    // The newest event of its type (or one without an order): it decides the state.
    if (e.active) {
      if (current) return [{ update: current.id, patch: { ...last, value: e.value, detail: e.detail || current.detail } }];
      return [{ insert: {
        tenantId: device.tenantId, deviceId: device.id, type: spec.type, severity: spec.severity, state: 'open', raisedAt: e.at, raisedOrd: e.ord,
        receivedAt, ...last, value: e.value, detail: e.detail || spec.title,
      } }];
    }
    return current ? [{ update: current.id, patch: { state: 'cleared', clearedAt: e.at, ...last } }] : [];
  }
  // A newer event of this type is stored already: the state stays; only the history of occurrences changes.
  if (e.active) {
    if (prev?.active) {
      // Inside an occurrence that began earlier; if `next` ended it, this was its last raise (value, detail).
      return !next.active && ofPrev ? [{ update: ofPrev.id, patch: { value: e.value, detail: e.detail || ofPrev.detail } }] : [];
    }
    if (next.active) return ofNext ? [{ update: ofNext.id, patch: { raisedAt: e.at, raisedOrd: e.ord } }] : []; // it began here
    // It began here and the next event, already stored, cleared it.
    return [{ insert: {
      tenantId: device.tenantId, deviceId: device.id, type: spec.type, severity: spec.severity, state: 'cleared', raisedAt: e.at, raisedOrd: e.ord,
      receivedAt, lastEventAt: next.at, lastEventOrd: next.ord, lastEventSeq: next.eventSeq, clearedAt: next.at, value: e.value, detail: e.detail || spec.title,
    } }];
  }
  if (!prev?.active || !ofPrev) return []; // a clear with nothing raised before it
  if (next.active) {
    // The occurrence that contains `prev` ended here, and `next` began another: split off the earlier part.
    return [
      { insert: {
        tenantId: device.tenantId, deviceId: device.id, type: spec.type, severity: spec.severity, state: 'cleared', raisedAt: ofPrev.raisedAt, raisedOrd: ofPrev.raisedOrd,
        receivedAt: ofPrev.receivedAt, ...last, clearedAt: e.at, value: prev.value, detail: prev.detail || ofPrev.detail,
        acknowledgedAt: ofPrev.acknowledgedAt, acknowledgedBy: ofPrev.acknowledgedBy,
      } },
      { update: ofPrev.id, patch: { raisedAt: next.at, raisedOrd: next.ord } },
    ];
  }
  // `next` is a later clear of the same occurrence: it ended here, earlier.
  return ofPrev.state === 'cleared' ? [{ update: ofPrev.id, patch: { clearedAt: e.at, ...last } }] : [];
}

export class AlarmService {
  constructor(private readonly repo: AlarmsRepository, private readonly now: () => number, private readonly log: ServiceLogger) {}

  /**
   * Stores one device event and applies it to the alarms, in one transaction. `stored` is false when the event
   * was stored already (a redelivery): nothing changed. `alarm`: the alarm it raised, updated or cleared.
   */
  async record(device: { id: string; tenantId: string }, e: DeviceEventInput): Promise<{ stored: boolean; alarm?: AlarmRow | undefined }> {
    const spec = ALARM_TYPES.get(e.type);
    const planner: AlarmPlanner = { alarmType: (t) => ALARM_TYPES.get(t)?.type, plan: (ctx) => (spec ? planAlarm(spec, device, ctx) : []) };
    const out = await this.repo.recordEvent(e, planner);
    if (out.alarm && spec) {
      const a = out.alarm;
      this.log.info({ deviceId: device.id, alarm: a.id, type: spec.type, state: a.state, eventSeq: e.eventSeq, uplinkSeq: e.uplinkSeq }, a.state === 'cleared' ? 'alarm cleared' : 'alarm raised or updated');
    }
    return out;
  }

  /** Applies one device event (see `record`); returns the alarm it raised, updated or cleared (undefined if none). */
  async onEvent(device: { id: string; tenantId: string }, e: AlarmEvent, receivedAt: number): Promise<AlarmRow | undefined> {
    const { uplinkSeq, ...ev } = e;
    const out = await this.record(device, { ...ev, deviceId: device.id, tenantId: device.tenantId, receivedAt, uplinkSeq: uplinkSeq ?? e.eventSeq });
    return out.alarm;
  }

  /**
   * Acknowledges an alarm: an open one becomes acknowledged; a cleared one keeps its state but records who
   * saw it; acknowledging twice changes nothing. Undefined when the tenant has no such alarm.
   */
  async acknowledge(tenantId: string, id: number, by: string | null): Promise<AlarmRow | undefined> {
    return this.repo.acknowledge(tenantId, id, this.now(), by);
  }

  list(f: AlarmFilter): Promise<AlarmRow[]> { return this.repo.list(f); }
  get(tenantId: string, id: number): Promise<AlarmRow | undefined> { return this.repo.get(tenantId, id); }
  counts(tenantId: string): Promise<Record<AlarmState, number>> { return this.repo.counts(tenantId); }

  // ---------------------------------------------------------------- handling to the end (comments, assignment, interventions, clearing)

  /** The alarm, or ALARM_NOT_FOUND. */
  async require(tenantId: string, id: number): Promise<AlarmRow> {
    const a = await this.repo.get(tenantId, id);
    if (!a) throw fleetError('ALARM_NOT_FOUND', { tenant: tenantId, alarmId: id });
    return a;
  }

  /**
   * Hands the repair to a person or a contractor (already checked to belong to the town). A cleared alarm is not
   * assigned: ALARM_CLEARED.
   */
  async assign(tenantId: string, id: number, to: { kind: 'user' | 'contractor'; id: string }, by: string): Promise<AlarmRow> {
    const a = await this.repo.assign(tenantId, id, to, this.now(), by);
    if (!a) throw fleetError('ALARM_NOT_FOUND', { tenant: tenantId, alarmId: id });
    if (a.state === 'cleared') throw fleetError('ALARM_CLEARED', { alarmId: id, clearedAt: a.clearedAt });
    return a;
  }

  async comment(tenantId: string, id: number, author: string, text: string): Promise<CommentRow> {
    await this.require(tenantId, id);
    return this.repo.addComment({ tenantId, alarmId: id, author, at: this.now(), text });
  }

  comments(tenantId: string, id: number): Promise<CommentRow[]> { return this.repo.comments(tenantId, id); }

  /** Records an intervention; a not-cleared alarm becomes `intervened` (it stays a fault until cleared). */
  async intervene(tenantId: string, id: number, i: { doneAt: number; doneBy: string; action: string; parts: string[] }, recordedBy: string): Promise<InterventionRow> {
    await this.require(tenantId, id);
    const row = await this.repo.addIntervention({ tenantId, alarmId: id, ...i, recordedBy, recordedAt: this.now() });
    if (!row) throw new Error('intervention not stored');
    return row;
  }

  interventions(tenantId: string, id: number): Promise<InterventionRow[]> { return this.repo.interventions(tenantId, id); }

  /**
   * Clears an alarm by hand (a manager, with a reason: the fault is gone but the device cannot say so, or it was a
   * false alarm). An alarm the device cleared already: ALARM_CLEARED.
   */
  async clear(tenantId: string, id: number, by: string, reason: string): Promise<AlarmRow> {
    const before = await this.require(tenantId, id);
    if (before.state === 'cleared') throw fleetError('ALARM_CLEARED', { alarmId: id, clearedAt: before.clearedAt });
    const a = await this.repo.clearByHand(tenantId, id, this.now(), by, reason);
    if (!a || a.clearedBy !== by) throw fleetError('ALARM_CLEARED', { alarmId: id, clearedAt: a?.clearedAt ?? null });
    this.log.info({ tenant: tenantId, alarm: id, by }, 'alarm cleared by hand');
    return a;
  }

  contractors(tenantId: string, withArchived = false): Promise<ContractorRow[]> { return this.repo.contractors(tenantId, withArchived); }
  contractor(tenantId: string, id: number): Promise<ContractorRow | undefined> { return this.repo.contractor(tenantId, id); }

  addContractor(tenantId: string, c: { name: string; email: string | null; phone: string | null }): Promise<ContractorRow> {
    const at = this.now();
    return this.repo.addContractor({ tenantId, ...c, createdAt: at, updatedAt: at });
  }

  async updateContractor(tenantId: string, id: number, patch: { name?: string | undefined; email?: string | null | undefined; phone?: string | null | undefined; archived?: boolean | undefined }): Promise<ContractorRow> {
    const { archived, ...rest } = patch;
    const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const row = await this.repo.updateContractor(tenantId, id, { ...clean, ...(archived === undefined ? {} : { archivedAt: archived ? this.now() : null }) }, this.now());
    if (!row) throw fleetError('CONTRACTOR_NOT_FOUND', { tenant: tenantId, contractorId: id });
    return row;
  }
}
