/**
 * Frame decoding with bounds: every frame from the network goes through here. A bad frame is returned as a
 * rejection (reason + detail) for the caller to count and log; nothing in here throws on bad input.
 */
import { pb, type Downlink, type Presence, type Uplink } from './codec.js';
import {
  MAX_CLO_DRIVE_PERMILLE, MAX_CLO_LXX_PCT, MAX_CLO_RATED_H, MAX_LED_HOURS, MAX_LED_HOURS_OFFSET, MIN_CLO_LXX_PCT, MIN_CLO_RATED_H,
  D4I_SERIAL_BYTES, MAX_D4I_ENERGY_WH, MAX_D4I_FLUX_LM, MAX_D4I_TEMPERATURE_C, MAX_D4I_WORD, MAX_DALI_ARC, MAX_GTIN, MIN_D4I_TEMPERATURE_C,
  MAX_FRAME_BYTES, MAX_NAME_BYTES, MAX_OTA_CHUNK_BYTES, MAX_PLAN_PROGRAMS, MAX_PLAN_RULES, MAX_PLAN_STEPS,
  MAX_PRESENCE_FADE_DOWN_S, MAX_PRESENCE_FADE_UP_S, MAX_PRESENCE_HOLD_S, MAX_PROFILE_CELLS, MAX_PROFILE_WEEKS, MAX_RECORDS_PER_FRAME, MAX_RULE_DATES, MAX_TEXT_BYTES, MAX_TZ_BYTES, PROFILE_CELL_MINUTES, PROTOCOL_VERSION,
} from './limits.js';
import { FRAME_MAC_BYTES } from './auth.js';
import { isValidId } from './topics.js';

export type RejectReason =
  | 'too_large'        // more than MAX_FRAME_BYTES
  | 'empty'            // zero bytes
  | 'decode_error'     // not a valid protobuf encoding of the envelope (garbage, truncated)
  | 'bad_version'      // protocol_version is not one this side speaks
  | 'bad_device_id'    // missing/invalid id, or not the id of the topic it came on
  | 'no_body'          // envelope without a body
  | 'out_of_bounds';   // a field outside its documented bounds

export const REJECT_REASONS: readonly RejectReason[] = [
  'too_large', 'empty', 'decode_error', 'bad_version', 'bad_device_id', 'no_body', 'out_of_bounds',
];

export type Decoded<T> = { ok: true; message: T } | { ok: false; reason: RejectReason; detail: string };

const reject = (reason: RejectReason, detail: string): { ok: false; reason: RejectReason; detail: string } =>
  ({ ok: false, reason, detail });

const utf8Length = (s: string | null | undefined): number => (s ? new TextEncoder().encode(s).length : 0);

class Bounds {
  problems: string[] = [];
  text(name: string, value: string | null | undefined, max: number): void {
    if (utf8Length(value) > max) this.problems.push(`${name} longer than ${max} bytes`);
  }
  num(name: string, value: number | null | undefined, max: number): void {
    if (value != null && (!Number.isFinite(value) || value > max)) this.problems.push(`${name}=${value} > ${max}`);
  }
  count(name: string, value: unknown[] | null | undefined, max: number): void {
    if (value && value.length > max) this.problems.push(`${name}: ${value.length} items > ${max}`);
  }
  bytes(name: string, value: Uint8Array | null | undefined, max: number): void {
    if (value && value.length > max) this.problems.push(`${name}: ${value.length} bytes > ${max}`);
  }
}

function checkEnvelope<T extends Uplink | Downlink>(
  msg: T, expectedDeviceId: string | undefined, bodies: readonly (keyof T)[],
): { ok: false; reason: RejectReason; detail: string } | undefined {
  if (msg.protocolVersion !== PROTOCOL_VERSION) return reject('bad_version', `protocol_version ${msg.protocolVersion ?? 0} not supported`);
  if (!msg.deviceId || !isValidId(msg.deviceId)) return reject('bad_device_id', 'missing or invalid device_id');
  if (expectedDeviceId !== undefined && msg.deviceId !== expectedDeviceId) {
    return reject('bad_device_id', `device_id ${msg.deviceId} does not match topic device ${expectedDeviceId}`);
  }
  if (!bodies.some((b) => msg[b] != null)) return reject('no_body', 'envelope has no body');
  return undefined;
}

function preflight(bytes: Uint8Array): { ok: false; reason: RejectReason; detail: string } | undefined {
  if (bytes.length === 0) return reject('empty', 'empty frame');
  if (bytes.length > MAX_FRAME_BYTES) return reject('too_large', `${bytes.length} bytes > ${MAX_FRAME_BYTES}`);
  return undefined;
}

function decodeWith<T>(decode: () => T): Decoded<T> {
  try {
    return { ok: true, message: decode() };
  } catch (err) {
    return reject('decode_error', err instanceof Error ? err.message : String(err));
  }
}

const UPLINK_BODIES = ['hello', 'state', 'energy', 'event', 'ack', 'otaStatus', 'detection', 'profile', 'luminaire'] as const;
const DOWNLINK_BODIES = ['config', 'plan', 'command', 'otaOffer', 'otaChunk', 'energyAck', 'timeSync'] as const;

function uplinkBounds(m: Uplink): string[] {
  const b = new Bounds();
  b.bytes('mac', m.mac, FRAME_MAC_BYTES);
  if (m.hello) {
    b.text('hello.firmware_version', m.hello.firmwareVersion, MAX_NAME_BYTES);
    b.text('hello.hardware_model', m.hello.hardwareModel, MAX_NAME_BYTES);
  }
  if (m.state) {
    b.num('state.level', m.state.level, 100);
    b.num('state.target_level', m.state.targetLevel, 100);
    const clo = m.state.clo;
    if (clo) {
      b.num('state.clo.drive_permille', clo.drivePermille, MAX_CLO_DRIVE_PERMILLE);
      b.num('state.clo.led_hours', clo.ledHours, MAX_LED_HOURS);
      b.num('state.clo.saved_mwh', clo.savedMwh as number | undefined, Number.MAX_SAFE_INTEGER);
    }
  }
  if (m.energy) {
    b.count('energy.records', m.energy.records, MAX_RECORDS_PER_FRAME);
    b.num('energy.energy_total_mwh', m.energy.energyTotalMwh as number | undefined, Number.MAX_SAFE_INTEGER);
    for (const r of m.energy.records ?? []) {
      b.num('record.energy_mwh', r.energyMwh as number | undefined, Number.MAX_SAFE_INTEGER);
      b.num('record.avg_level_x10', r.avgLevelX10, 1000);
      if (!r.seq) b.problems.push('record.seq must be > 0');
    }
  }
  if (m.event) b.text('event.detail', m.event.detail, MAX_TEXT_BYTES);
  if (m.ack) b.text('ack.detail', m.ack.detail, MAX_TEXT_BYTES);
  if (m.luminaire) {
    // Issue 17: a LuminaireReport holds what the D4i banks can hold (limits.ts).
    const l = m.luminaire;
    b.num('luminaire.reason', l.reason, 3);
    b.num('luminaire.gtin', l.gtin as number | undefined, MAX_GTIN);
    b.num('luminaire.gear_gtin', l.gearGtin as number | undefined, MAX_GTIN);
    b.bytes('luminaire.serial', l.serial, D4I_SERIAL_BYTES);
    b.bytes('luminaire.gear_serial', l.gearSerial, D4I_SERIAL_BYTES);
    b.num('luminaire.gear_firmware', l.gearFirmware, MAX_D4I_WORD);
    const year = l.yearOfManufacture ?? 0;
    if (year !== 0 && (year < 2000 || year > 2099)) b.problems.push(`luminaire.year_of_manufacture ${year} not 2000..2099`);
    b.num('luminaire.week_of_manufacture', l.weekOfManufacture, 53);
    for (const [name, v] of [['nominal_power_w', l.nominalPowerW], ['min_dim_power_w', l.minDimPowerW], ['min_mains_v', l.minMainsV],
      ['max_mains_v', l.maxMainsV], ['cct_k', l.cctK], ['supply_dv', l.supplyDv], ['led_voltage_dv', l.ledVoltageDv],
      ['led_current_ma', l.ledCurrentMa]] as const) b.num(`luminaire.${name}`, v, MAX_D4I_WORD);
    b.num('luminaire.flux_lm', l.fluxLm, MAX_D4I_FLUX_LM);
    b.num('luminaire.cri', l.cri, 100);
    b.num('luminaire.distribution', l.distribution, 254);
    b.num('luminaire.energy_wh', l.energyWh as number | undefined, MAX_D4I_ENERGY_WH);
    b.num('luminaire.start_count', l.startCount, 2 ** 24 - 1);
    b.num('luminaire.failures', l.failures, 255);
    b.num('luminaire.actual_level', l.actualLevel, MAX_DALI_ARC);
    for (const [name, t] of [['gear_temperature_c', l.gearTemperatureC], ['led_temperature_c', l.ledTemperatureC]] as const) {
      if ((t ?? 0) < MIN_D4I_TEMPERATURE_C || (t ?? 0) > MAX_D4I_TEMPERATURE_C) b.problems.push(`luminaire.${name} ${t ?? 0} not ${MIN_D4I_TEMPERATURE_C}..${MAX_D4I_TEMPERATURE_C}`);
    }
  }
  if (m.detection) {
    b.num('detection.raised_level', m.detection.raisedLevel, 100);
    b.num('detection.hold_s', m.detection.holdS, MAX_PRESENCE_HOLD_S);
  }
  if (m.profile) {
    // A learned traffic profile: cells of a known width covering exactly one week, a plausible age.
    const p = m.profile;
    const minutes = p.cellMinutes ?? 0;
    const cells = p.cells?.length ?? 0;
    if (!PROFILE_CELL_MINUTES.includes(minutes)) b.problems.push(`profile.cell_minutes ${minutes} not one of ${PROFILE_CELL_MINUTES.join(', ')}`);
    else if (cells !== 10_080 / minutes) b.problems.push(`profile.cells: ${cells} cells, a week of ${minutes} min cells is ${10_080 / minutes}`);
    b.bytes('profile.cells', p.cells, MAX_PROFILE_CELLS);
    b.num('profile.weeks', p.weeks, MAX_PROFILE_WEEKS);
    b.num('profile.watched_cells', p.watchedCells, cells);
  }
  if (m.otaStatus) {
    b.text('ota_status.reason', m.otaStatus.reason, MAX_TEXT_BYTES);
    b.text('ota_status.running_version', m.otaStatus.runningVersion, MAX_NAME_BYTES);
  }
  return b.problems;
}

function downlinkBounds(m: Downlink): string[] {
  const b = new Bounds();
  b.bytes('mac', m.mac, FRAME_MAC_BYTES);
  if (m.config) {
    b.text('config.tz', m.config.tz, MAX_TZ_BYTES);
    b.num('config.fallback_level', m.config.fallbackLevel, 100);
    b.num('config.min_level', m.config.minLevel, 100);
    if (m.config.latitudeE6 != null && Math.abs(m.config.latitudeE6) > 90e6) b.problems.push('config.latitude out of range');
    if (m.config.longitudeE6 != null && Math.abs(m.config.longitudeE6) > 180e6) b.problems.push('config.longitude out of range');
    // Constant light output: both figures or neither (0 = off); a partial or out-of-range figure is refused.
    const lxx = m.config.cloLxxPct ?? 0;
    const rated = m.config.cloRatedH ?? 0;
    if (lxx !== 0 || rated !== 0) {
      if (!(lxx >= MIN_CLO_LXX_PCT && lxx <= MAX_CLO_LXX_PCT)) b.problems.push(`config.clo_lxx_pct=${lxx} outside ${MIN_CLO_LXX_PCT}..${MAX_CLO_LXX_PCT}`);
      if (!(rated >= MIN_CLO_RATED_H && rated <= MAX_CLO_RATED_H)) b.problems.push(`config.clo_rated_h=${rated} outside ${MIN_CLO_RATED_H}..${MAX_CLO_RATED_H}`);
    }
    b.num('config.led_hours_offset', m.config.ledHoursOffset, MAX_LED_HOURS_OFFSET);
  }
  const plan = m.plan?.plan;
  if (plan) {
    b.count('plan.programs', plan.programs, MAX_PLAN_PROGRAMS);
    b.count('plan.rules', plan.rules, MAX_PLAN_RULES);
    for (const p of plan.programs ?? []) {
      b.count('program.steps', p.steps, MAX_PLAN_STEPS);
      for (const s of p.steps ?? []) {
        b.num('step.level', s.level, 100);
        const pm = s.presence;
        if (!pm) continue;
        // A presence step: base ≤ raised (the sensor only ever raises the light), a hold of at least a second.
        b.num('presence.base_level', pm.baseLevel, s.level ?? 0);
        b.num('presence.hold_s', pm.holdS, MAX_PRESENCE_HOLD_S);
        if (!pm.holdS) b.problems.push('presence.hold_s must be > 0');
        b.num('presence.fade_up_s', pm.fadeUpS, MAX_PRESENCE_FADE_UP_S);
        b.num('presence.fade_down_s', pm.fadeDownS, MAX_PRESENCE_FADE_DOWN_S);
        b.num('presence.anticipate_pct', pm.anticipatePct, 100);
        b.num('presence.prelight_level', pm.prelightLevel, s.level ?? 0);
        if (pm.prelightLevel && pm.prelightLevel < (pm.baseLevel ?? 0)) b.problems.push('presence.prelight_level below base_level');
      }
    }
    for (const r of plan.rules ?? []) b.count('rule.dates', r.dates, MAX_RULE_DATES);
  }
  const ov = m.command?.setOverride;
  if (ov) b.num('override.level', ov.level, 100);
  if (m.command?.presenceAhead) b.num('presence_ahead.hold_s', m.command.presenceAhead.holdS, MAX_PRESENCE_HOLD_S);
  if (m.otaChunk) b.bytes('ota_chunk.data', m.otaChunk.data, MAX_OTA_CHUNK_BYTES);
  if (m.otaOffer) {
    b.text('ota_offer.version', m.otaOffer.version, MAX_NAME_BYTES);
    b.bytes('ota_offer.sha256', m.otaOffer.sha256, 32);
    b.bytes('ota_offer.signature', m.otaOffer.signature, 64);
    b.bytes('ota_offer.manifest', m.otaOffer.manifest, 1024);
  }
  return b.problems;
}

/** The checks every envelope goes through, in order: size, decoding, envelope fields, field bounds. */
function decodeEnvelope<T extends Uplink | Downlink>(
  bytes: Uint8Array, decode: (b: Uint8Array) => T, deviceId: string | undefined,
  bodies: readonly (keyof T)[], bounds: (m: T) => string[],
): Decoded<T> {
  const pre = preflight(bytes);
  if (pre) return pre;
  const d = decodeWith(() => decode(bytes));
  if (!d.ok) return d;
  const env = checkEnvelope(d.message, deviceId, bodies);
  if (env) return env;
  const problems = bounds(d.message);
  return problems.length ? reject('out_of_bounds', problems.join('; ')) : d;
}

/** Decodes and checks an uplink frame. `topicDeviceId`, when given, must match the envelope's device id. */
export function decodeUplinkFrame(bytes: Uint8Array, topicDeviceId?: string): Decoded<Uplink> {
  return decodeEnvelope<Uplink>(bytes, (b) => pb.Uplink.decode(b), topicDeviceId, UPLINK_BODIES, uplinkBounds);
}

/** Decodes and checks a downlink frame (used by the simulator's observers and tests). */
export function decodeDownlinkFrame(bytes: Uint8Array, expectedDeviceId?: string): Decoded<Downlink> {
  return decodeEnvelope<Downlink>(bytes, (b) => pb.Downlink.decode(b), expectedDeviceId, DOWNLINK_BODIES, downlinkBounds);
}

export function decodePresenceFrame(bytes: Uint8Array): Decoded<Presence> {
  if (bytes.length > 64) return reject('too_large', `${bytes.length} bytes > 64`);
  return decodeWith(() => pb.Presence.decode(bytes));
}

export function encodeUplink(message: Uplink): Uint8Array {
  return pb.Uplink.encode(message).finish();
}

export function encodeDownlink(message: Downlink): Uint8Array {
  return pb.Downlink.encode(message).finish();
}

export function encodePresence(message: Presence): Uint8Array {
  return pb.Presence.encode(message).finish();
}
