/**
 * frames.ts is the gate every network frame passes: a bad frame must come back as a rejection with the
 * right reason (for the caller to count and log), never as an exception.
 */
import { describe, expect, it } from 'vitest';
import {
  REJECT_REASONS, decodeDownlinkFrame, decodePresenceFrame, decodeUplinkFrame, encodeDownlink, encodePresence, encodeUplink,
  type Decoded, type RejectReason,
} from '../src/frames.js';
import type { Downlink, Uplink } from '../src/codec.js';
import { MAX_FRAME_BYTES, MAX_OTA_CHUNK_BYTES, MAX_RECORDS_PER_FRAME, MAX_TEXT_BYTES } from '../src/limits.js';
import { mulberry32, randInt, randomBytes } from './helpers/random.js';

const ID = 'lamp-1';
const up = (body: Partial<Uplink>): Uint8Array => encodeUplink({ protocolVersion: 1, deviceId: ID, seq: 1, time: 5, ...body });
const down = (body: Partial<Downlink>): Uint8Array => encodeDownlink({ protocolVersion: 1, deviceId: ID, seq: 1, time: 5, ...body });

/** Calls a frame decoder and fails the test if it throws. */
function noThrow<T>(f: () => Decoded<T>): Decoded<T> {
  let r: Decoded<T> | undefined;
  expect(() => { r = f(); }).not.toThrow();
  return r as Decoded<T>;
}

const reasonOf = (r: Decoded<unknown>): RejectReason | 'ok' => (r.ok ? 'ok' : r.reason);
const upReason = (b: Uint8Array, topicId?: string): RejectReason | 'ok' => reasonOf(noThrow(() => decodeUplinkFrame(b, topicId)));
const downReason = (b: Uint8Array, id?: string): RejectReason | 'ok' => reasonOf(noThrow(() => decodeDownlinkFrame(b, id)));

describe('frame rejection reasons', () => {
  it('accepts a well-formed uplink from the device of its topic', () => {
    const r = decodeUplinkFrame(up({ hello: { firmwareVersion: '1.0.0' } }), ID);
    expect(r).toMatchObject({ ok: true, message: { deviceId: ID, hello: { firmwareVersion: '1.0.0' } } });
  });

  it('empty frame → empty', () => {
    expect(upReason(new Uint8Array(0))).toBe('empty');
    expect(downReason(new Uint8Array(0))).toBe('empty');
  });

  it('frames above MAX_FRAME_BYTES (one byte over, 10×) → too_large, before any decoding', () => {
    expect(upReason(new Uint8Array(MAX_FRAME_BYTES + 1))).toBe('too_large');
    expect(upReason(new Uint8Array(10 * MAX_FRAME_BYTES))).toBe('too_large');
    expect(downReason(new Uint8Array(10 * MAX_FRAME_BYTES).fill(0xff))).toBe('too_large');
    expect(reasonOf(noThrow(() => decodePresenceFrame(new Uint8Array(65))))).toBe('too_large');
  });

  it('garbage → decode_error', () => {
    expect(upReason(new Uint8Array([0xff, 0xff, 0xff]))).toBe('decode_error');
    expect(downReason(new Uint8Array([0x0b]))).toBe('decode_error'); // lone group start
    expect(reasonOf(noThrow(() => decodePresenceFrame(new Uint8Array([0x0a, 0x05]))))).toBe('decode_error');
  });

  it('a truncated frame → decode_error', () => {
    const b = up({ hello: { firmwareVersion: '1.2.3', hardwareModel: 'SL-ESP32-A' } });
    expect(upReason(b.subarray(0, b.length - 3))).toBe('decode_error');
  });

  it('random garbage never throws and always gives ok or a listed reason (seeded, 3000 inputs)', () => {
    const rnd = mulberry32(2024);
    for (let i = 0; i < 3000; i++) {
      const b = randomBytes(rnd, randInt(rnd, 120));
      for (const r of [noThrow(() => decodeUplinkFrame(b, ID)), noThrow(() => decodeDownlinkFrame(b)), noThrow(() => decodePresenceFrame(b))]) {
        if (!r.ok) expect(REJECT_REASONS).toContain(r.reason);
      }
    }
  });

  it('protocol_version other than 1 (absent, 2) → bad_version', () => {
    expect(upReason(encodeUplink({ deviceId: ID, hello: {} }))).toBe('bad_version');
    expect(upReason(up({ protocolVersion: 2, hello: {} }))).toBe('bad_version');
    expect(downReason(down({ protocolVersion: 2, energyAck: {} }))).toBe('bad_version');
  });

  it('device id missing, invalid, or not the one of the topic → bad_device_id', () => {
    expect(upReason(up({ deviceId: '', hello: {} }))).toBe('bad_device_id');
    expect(upReason(up({ deviceId: 'a/b', hello: {} }))).toBe('bad_device_id');
    expect(upReason(up({ deviceId: '+', hello: {} }))).toBe('bad_device_id');
    expect(upReason(up({ hello: {} }), 'lamp-2')).toBe('bad_device_id');
    expect(downReason(down({ energyAck: {} }), 'lamp-2')).toBe('bad_device_id');
  });

  it('envelope without a body → no_body', () => {
    expect(upReason(up({}))).toBe('no_body');
    expect(downReason(down({}))).toBe('no_body');
  });

  it.each<[string, Partial<Uplink>]>([
    ['state.level > 100', { state: { level: 101 } }],
    ['state.target_level > 100', { state: { targetLevel: 250 } }],
    ['more than MAX_RECORDS_PER_FRAME records', { energy: { records: Array.from({ length: MAX_RECORDS_PER_FRAME + 1 }, (_, i) => ({ seq: i + 1 })) } }],
    ['record.seq = 0', { energy: { records: [{ seq: 0, energyMwh: 5 }] } }],
    ['record.avg_level_x10 > 1000', { energy: { records: [{ seq: 1, avgLevelX10: 1001 }] } }],
    ['record.energy_mwh above 2^53-1', { energy: { records: [{ seq: 1, energyMwh: 2 ** 60 }] } }],
    ['event.detail longer than MAX_TEXT_BYTES in UTF-8 (61 × "é" = 122 bytes)', { event: { detail: 'é'.repeat(61) } }],
    ['ack.detail longer than MAX_TEXT_BYTES', { ack: { detail: 'x'.repeat(MAX_TEXT_BYTES + 1) } }],
    ['hello.firmware_version longer than MAX_NAME_BYTES', { hello: { firmwareVersion: 'v'.repeat(33) } }],
    ['ota_status.reason longer than MAX_TEXT_BYTES', { otaStatus: { reason: 'r'.repeat(121) } }],
    ['detection.raised_level > 100', { detection: { raisedLevel: 101, holdS: 60 } }],
    ['detection.hold_s > MAX_PRESENCE_HOLD_S', { detection: { raisedLevel: 80, holdS: 3601 } }],
    ['a profile of 671 quarter-hour cells', { profile: { weeks: 1, cellMinutes: 15, cells: new Uint8Array(671) } }],
    ['a profile of 673 quarter-hour cells', { profile: { weeks: 1, cellMinutes: 15, cells: new Uint8Array(673) } }],
    ['a profile with 20-minute cells', { profile: { weeks: 1, cellMinutes: 20, cells: new Uint8Array(504) } }],
    ['a profile without cells', { profile: { weeks: 1, cellMinutes: 15 } }],
    ['a profile of 64 KiB (hostile)', { profile: { weeks: 1, cellMinutes: 15, cells: new Uint8Array(8000) } }],
    ['a profile older than a century', { profile: { weeks: 5201, cellMinutes: 60, cells: new Uint8Array(168) } }],
    ['a profile with more cells watched than it has', { profile: { weeks: 1, cellMinutes: 60, cells: new Uint8Array(168), watchedCells: 169 } }],
    ['state.clo.drive_permille > 2000', { state: { level: 50, clo: { drivePermille: 2001 } } }],
    ['state.clo.led_hours > 2,000,000', { state: { level: 50, clo: { ledHours: 2_000_001 } } }],
    ['state.clo.saved_mwh above 2^53-1', { state: { level: 50, clo: { savedMwh: 2 ** 60 } } }],
    ['luminaire.gtin above 48 bits', { luminaire: { gtin: 2 ** 48 } }],
    ['a luminaire serial of 9 bytes', { luminaire: { serial: new Uint8Array(9) } }],
    ['luminaire.year_of_manufacture 1999', { luminaire: { yearOfManufacture: 1999 } }],
    ['luminaire.week_of_manufacture 54', { luminaire: { weekOfManufacture: 54 } }],
    ['luminaire.cri 101', { luminaire: { cri: 101 } }],
    ['luminaire.flux_lm above 3 bytes', { luminaire: { fluxLm: 2 ** 24 } }],
    ['luminaire.nominal_power_w above 2 bytes', { luminaire: { nominalPowerW: 65_536 } }],
    ['luminaire.gear_temperature_c below -60', { luminaire: { gearTemperatureC: -61 } }],
    ['luminaire.led_temperature_c above 194', { luminaire: { ledTemperatureC: 195 } }],
    ['luminaire.actual_level 255', { luminaire: { actualLevel: 255 } }],
    ['luminaire.energy_wh above 48 bits', { luminaire: { energyWh: 2 ** 48 } }],
  ])('uplink with %s → out_of_bounds', (_what, body) => {
    expect(upReason(up(body), ID)).toBe('out_of_bounds');
  });

  it('a LuminaireReport at the D4i banks\' bounds is accepted', () => {
    expect(upReason(up({ luminaire: {
      gtin: 2 ** 48 - 1, serial: new Uint8Array(8).fill(255), yearOfManufacture: 2099, weekOfManufacture: 53, nominalPowerW: 65_535,
      fluxLm: 2 ** 24 - 1, cri: 100, cctK: 65_535, energyWh: 2 ** 48 - 1, gearTemperatureC: -60, ledTemperatureC: 194, actualLevel: 254, failures: 255,
    } }), ID)).toBe('ok');
  });

  it('a learned profile of a week of 15, 30 or 60 min cells is accepted', () => {
    for (const cellMinutes of [15, 30, 60]) {
      const cells = new Uint8Array(10_080 / cellMinutes).fill(255);
      expect(upReason(up({ profile: { weeks: 5200, cellMinutes, cells, watchedCells: cells.length } }), ID)).toBe('ok');
    }
  });

  it('a presence step with anticipation at its bounds is accepted; a pre-light level above the step or below the base is not', () => {
    const step = (presence: object) => down({ plan: { plan: { programs: [{ id: 1, steps: [{ level: 80, presence: { baseLevel: 10, holdS: 60, ...presence } }] }] } } });
    expect(downReason(step({ anticipatePct: 100, prelightLevel: 80 }), ID)).toBe('ok');
    expect(downReason(step({ anticipatePct: 50, prelightLevel: 10 }), ID)).toBe('ok');
    expect(downReason(step({ anticipatePct: 101 }), ID)).toBe('out_of_bounds');
    expect(downReason(step({ anticipatePct: 50, prelightLevel: 81 }), ID)).toBe('out_of_bounds');
    expect(downReason(step({ anticipatePct: 50, prelightLevel: 9 }), ID)).toBe('out_of_bounds');
  });

  it('a presence step at its bounds is accepted (base = raised level, hold an hour, fades a minute and an hour)', () => {
    const steps = [{ level: 80, presence: { baseLevel: 80, holdS: 3600, fadeUpS: 60, fadeDownS: 3600 } }, { level: 30, presence: { holdS: 1 } }];
    expect(downReason(down({ plan: { plan: { programs: [{ id: 1, steps }] } } }), ID)).toBe('ok');
  });

  it('constant light output at its bounds is accepted (L50 at 1000 h, L99 at 1,000,000 h, a used LED, a drive of 2)', () => {
    expect(downReason(down({ config: { cloLxxPct: 50, cloRatedH: 1000, ledHoursOffset: 1_000_000 } }), ID)).toBe('ok');
    expect(downReason(down({ config: { cloLxxPct: 99, cloRatedH: 1_000_000 } }), ID)).toBe('ok');
    expect(upReason(up({ state: { level: 50, clo: { drivePermille: 2000, ledHours: 2_000_000, savedMwh: 2 ** 53 - 1 } } }), ID)).toBe('ok');
  });

  it('text bounds count UTF-8 bytes: 60 × "é" (120 bytes) is accepted', () => {
    expect(upReason(up({ event: { detail: 'é'.repeat(60) } }), ID)).toBe('ok');
  });

  it.each<[string, Partial<Downlink>]>([
    ['config.tz longer than MAX_TZ_BYTES', { config: { tz: 'T'.repeat(65) } }],
    ['config.fallback_level > 100', { config: { fallbackLevel: 101 } }],
    ['config.min_level > 100', { config: { minLevel: 101 } }],
    ['config.latitude beyond ±90°', { config: { latitudeE6: -90_000_001 } }],
    ['config.longitude beyond ±180°', { config: { longitudeE6: 180_000_001 } }],
    ['config.clo_lxx_pct without clo_rated_h', { config: { cloLxxPct: 80 } }],
    ['config.clo_rated_h without clo_lxx_pct', { config: { cloRatedH: 100_000 } }],
    ['config.clo_lxx_pct below 50', { config: { cloLxxPct: 49, cloRatedH: 100_000 } }],
    ['config.clo_lxx_pct of 100 (no depreciation is no figure)', { config: { cloLxxPct: 100, cloRatedH: 100_000 } }],
    ['config.clo_rated_h below 1000 h', { config: { cloLxxPct: 80, cloRatedH: 999 } }],
    ['config.clo_rated_h above 1,000,000 h', { config: { cloLxxPct: 80, cloRatedH: 1_000_001 } }],
    ['config.led_hours_offset above 1,000,000 h', { config: { ledHoursOffset: 1_000_001 } }],
    ['more than 8 programs', { plan: { plan: { programs: Array.from({ length: 9 }, (_, i) => ({ id: i + 1 })) } } }],
    ['more than 16 steps', { plan: { plan: { programs: [{ id: 1, steps: Array.from({ length: 17 }, () => ({ level: 50 })) }] } } }],
    ['a step level > 100', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 101 }] }] } } }],
    ['more than 16 rules', { plan: { plan: { rules: Array.from({ length: 17 }, () => ({ programId: 1 })) } } }],
    ['more than 64 dates in a rule', { plan: { plan: { rules: [{ programId: 1, dates: Array.from({ length: 65 }, (_, i) => 20260101 + i) }] } } }],
    ['a presence base level above the step level', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 50, presence: { baseLevel: 51, holdS: 60 } }] }] } } }],
    ['a presence hold of 0 s', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 80, presence: { baseLevel: 0, holdS: 0 } }] }] } } }],
    ['a presence hold above an hour', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 80, presence: { holdS: 3601 } }] }] } } }],
    ['a presence fade up above a minute', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 80, presence: { holdS: 60, fadeUpS: 61 } }] }] } } }],
    ['a presence fade down above an hour', { plan: { plan: { programs: [{ id: 1, steps: [{ level: 80, presence: { holdS: 60, fadeDownS: 3601 } }] }] } } }],
    ['presence_ahead.hold_s above an hour', { command: { presenceAhead: { holdS: 3601 } } }],
    ['override level > 100', { command: { setOverride: { id: 1, level: 101 } } }],
    ['ota_chunk.data above MAX_OTA_CHUNK_BYTES', { otaChunk: { data: new Uint8Array(MAX_OTA_CHUNK_BYTES + 1) } }],
    ['ota_offer.sha256 longer than 32 bytes', { otaOffer: { sha256: new Uint8Array(33) } }],
    ['ota_offer.signature longer than 64 bytes', { otaOffer: { signature: new Uint8Array(65) } }],
    ['ota_offer.manifest longer than 1024 bytes', { otaOffer: { manifest: new Uint8Array(1025) } }],
  ])('downlink with %s → out_of_bounds', (_what, body) => {
    expect(downReason(down(body), ID)).toBe('out_of_bounds');
  });

  it('the rejection detail names the offending field', () => {
    const r = decodeUplinkFrame(up({ state: { level: 101 } }));
    expect(r).toMatchObject({ ok: false, reason: 'out_of_bounds', detail: expect.stringContaining('state.level') });
  });

  it('an energy record without energy_mwh is accepted and reads 0 (protobufjs Long disabled before the generated module loads)', () => {
    const r = decodeUplinkFrame(up({ energy: { records: [{ seq: 1, durationS: 900 }] } }), ID);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.message.energy?.records?.[0]?.energyMwh).toBe(0);
  });

  it('uint64 values decode as numbers', () => {
    const r = decodeUplinkFrame(up({ energy: { records: [{ seq: 1, energyMwh: 5_000_000_123 }], energyTotalMwh: 2 ** 40 } }), ID);
    expect(r).toMatchObject({ ok: true, message: { energy: { records: [{ energyMwh: 5_000_000_123 }], energyTotalMwh: 2 ** 40 } } });
  });

  it('presence: an empty retained will decodes as offline', () => {
    const r = decodePresenceFrame(encodePresence({ online: false }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.message.online ?? false).toBe(false);
  });
});
