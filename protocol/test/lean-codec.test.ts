/**
 * Lean codec (firmware): robustness of the decoder against hostile input, and agreement with protobufjs
 * beyond the golden vectors (random messages, wire-format corner cases).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { pb } from '../src/codec.js';
import { MAX_FRAME_BYTES } from '../src/limits.js';
import * as lean from '../src/lean/index.js';
import { normalise, normaliseType, typeOf, type Direction } from './helpers/normalise.js';
import { mulberry32, randInt, randomBytes } from './helpers/random.js';
import { VECTORS } from './vectors/index.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vectors');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

const LEAN_DECODE: Record<Direction, (b: Uint8Array) => object> = {
  uplink: lean.decodeUplink, downlink: lean.decodeDownlink, presence: lean.decodePresence,
};
const LEAN_ENCODE: Record<Direction, (m: object) => Uint8Array> = {
  uplink: lean.encodeUplink, downlink: lean.encodeDownlink, presence: lean.encodePresence,
};
const PB: Record<Direction, { encode(m: object): { finish(): Uint8Array }; decode(b: Uint8Array): object }> = {
  uplink: pb.Uplink, downlink: pb.Downlink, presence: pb.Presence,
};
const DIRECTIONS: Direction[] = ['uplink', 'downlink', 'presence'];

/** Runs a lean decode; returns 'ok' or 'LeanDecodeError', and fails the test on any other exception. */
function leanOutcome(direction: Direction, b: Uint8Array): { ok: true; message: object } | { ok: false } {
  try {
    return { ok: true, message: LEAN_DECODE[direction](b) };
  } catch (err) {
    if (!(err instanceof lean.LeanDecodeError)) {
      throw new Error(`lean ${direction} decoder threw ${String(err)} (not LeanDecodeError) for ${hex(b)}`);
    }
    return { ok: false };
  }
}

function pbOutcome(direction: Direction, b: Uint8Array): { ok: true; message: object } | { ok: false } {
  try {
    return { ok: true, message: PB[direction].decode(b) };
  } catch {
    return { ok: false };
  }
}

describe('lean decoder robustness', () => {
  it('random garbage only ever yields a message or LeanDecodeError (seeded, 6000 inputs)', () => {
    const rnd = mulberry32(0x5eed);
    for (let i = 0; i < 6000; i++) {
      const b = randomBytes(rnd, randInt(rnd, 200));
      leanOutcome(DIRECTIONS[i % 3] as Direction, b);
    }
  });

  it('mutated golden vectors only ever yield a message or LeanDecodeError (seeded, 4000 inputs)', () => {
    const rnd = mulberry32(42);
    for (let i = 0; i < 4000; i++) {
      const v = VECTORS[randInt(rnd, VECTORS.length)]!;
      const b = new Uint8Array(readFileSync(path.join(DIR, `${v.name}.bin`)));
      if (!b.length) continue;
      for (let k = 1 + randInt(rnd, 4); k > 0; k--) b[randInt(rnd, b.length)] = randInt(rnd, 256);
      leanOutcome(v.direction, b);
    }
  });

  it('every truncation of every golden vector fails exactly when protobufjs fails, and otherwise decodes the same message', () => {
    let failures = 0;
    for (const v of VECTORS) {
      const b = new Uint8Array(readFileSync(path.join(DIR, `${v.name}.bin`)));
      for (let n = 0; n < b.length; n++) {
        const cut = b.subarray(0, n);
        const l = leanOutcome(v.direction, cut);
        const p = pbOutcome(v.direction, cut);
        expect(l.ok, `${v.name} cut at ${n}`).toBe(p.ok);
        if (l.ok && p.ok) expect(l.message).toEqual(normalise(v.direction, p.message));
        if (!l.ok) failures++;
      }
    }
    expect(failures).toBeGreaterThan(1000); // most cuts land inside a field
  });

  it('a 10 × MAX_FRAME_BYTES garbage input terminates with a message or LeanDecodeError', () => {
    const rnd = mulberry32(7);
    const b = randomBytes(rnd, 10 * MAX_FRAME_BYTES);
    for (const d of DIRECTIONS) leanOutcome(d, b);
  });

  it.each([
    ['length prefix past the end (2^31-1)', '52 ff ff ff ff 07 0a'],
    ['length prefix above 32 bits', '52 ff ff ff ff ff 01 0a'],
    ['string length past the end', '12 05 61 62'],
    ['varint longer than 10 bytes', '08 ff ff ff ff ff ff ff ff ff ff 01'],
    ['varint cut short', '08 ff'],
    ['tag cut short', '80'],
    ['field number 0', '00 01'],
    ['fixed64 cut short', '09 01 02 03'],
    ['fixed32 cut short', '0d 01 02'],
    ['group start (wire type 3)', '0b 0c'],
    ['group end (wire type 4)', '0c'],
    ['wire type 6', '0e 00'],
    ['sub-message longer than its parent', '52 02 0a 05 61 62 63 64 65'],
    ['invalid UTF-8 in a string', '12 02 c3 28'],
    ['UTF-8 surrogate in a string', '12 03 ed a0 80'],
    ['overlong UTF-8 in a string', '12 02 c0 af'],
  ])('rejects %s with LeanDecodeError', (_what, h) => {
    expect(() => lean.decodeUplink(bytes(h))).toThrow(lean.LeanDecodeError);
  });

  it('rejects a uint64 above 2^53-1 (protobufjs would round it) and accepts 2^53-1', () => {
    const frame = (e: number | bigint): Uint8Array => {
      const w: number[] = [];
      let x = BigInt(e);
      do {
        const b = Number(x & 127n);
        x >>= 7n;
        w.push(x ? b | 128 : b);
      } while (x);
      const energy = [0x10, ...w]; // EnergyReport.energy_total_mwh = 2
      return new Uint8Array([0x62, energy.length, ...energy]);
    };
    expect(lean.decodeUplink(frame(2n ** 53n - 1n)).energy?.energyTotalMwh).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => lean.decodeUplink(frame(2n ** 53n))).toThrow(lean.LeanDecodeError);
    expect(() => lean.decodeUplink(frame(2n ** 64n - 1n))).toThrow(lean.LeanDecodeError);
  });

  it('non-Uint8Array input is a LeanDecodeError', () => {
    expect(() => lean.decodeUplink('08 01' as unknown as Uint8Array)).toThrow(lean.LeanDecodeError);
  });
});

describe('lean decoder semantics (same as protobufjs)', () => {
  const both = (direction: Direction, h: string): object => {
    const b = bytes(h);
    const l = LEAN_DECODE[direction](b);
    expect(l).toEqual(normalise(direction, PB[direction].decode(b)));
    return l;
  };

  it('fills proto3 defaults and leaves absent sub-messages and oneof members undefined', () => {
    expect(lean.decodeUplink(new Uint8Array(0))).toEqual({ protocolVersion: 0, deviceId: '', seq: 0, time: 0, mac: new Uint8Array(0) });
    const d = lean.decodeDownlink(bytes('62 00')); // empty Command
    expect(d.command).toEqual({});
    expect(lean.decodeUplink(bytes('52 00')).hello).toEqual({
      firmwareVersion: '', hardwareModel: '', resetReason: 0, uptimeS: 0, bootCount: 0, configVersion: 0,
      overrideId: 0, clock: 0, maxProtocolVersion: 0, downlinkFloor: 0, keyGeneration: 0,
    });
    const offer = lean.decodeDownlink(bytes('6a 00'));
    expect(offer.otaOffer).toEqual({
      imageId: 0, version: '', kind: 0, size: 0, sha256: new Uint8Array(0), manifest: new Uint8Array(0),
      signature: new Uint8Array(0), keyId: 0, chunkSize: 0, windowStartMin: 0, windowEndMin: 0,
    });
    expect(offer.config).toBeUndefined();
    expect('command' in offer).toBe(false);
    expect(lean.decodeDownlink(bytes('5a 02 0a 00')).plan?.plan).toEqual({ id: 0, version: 0, programs: [], rules: [], defaultProgramId: 0 });
  });

  it('skips unknown fields of wire types 0, 1, 2 and 5', () => {
    const m = both('uplink', '08 01 f8 01 96 01 81 02 01 02 03 04 05 06 07 08 8a 02 03 61 62 63 95 02 01 02 03 04 18 07');
    expect(m).toMatchObject({ protocolVersion: 1, seq: 7 });
  });

  it('skips a known field that arrives with the wrong wire type, like protobufjs', () => {
    expect(both('uplink', '0a 01 05 18 07')).toMatchObject({ protocolVersion: 0, seq: 7 });
    expect(both('uplink', '50 05 18 07')).toMatchObject({ seq: 7 }); // hello (field 10) as a varint
  });

  it('accepts packed and unpacked repeated dates, and a mix of both', () => {
    const packed = both('downlink', '5a 0a 0a 08 22 06 1a 04 01 02 03 04'); // plan.plan.rules[0].dates = [1,2,3,4]
    const unpacked = both('downlink', '5a 0e 0a 0c 22 0a 18 01 18 02 18 03 18 04 20 01');
    const mixed = both('downlink', '5a 0c 0a 0a 22 08 18 01 1a 02 02 03 18 04');
    const dates = (d: object): unknown => (d as lean.Downlink).plan?.plan?.rules?.[0]?.dates;
    expect(dates(packed)).toEqual([1, 2, 3, 4]);
    expect(dates(unpacked)).toEqual([1, 2, 3, 4]);
    expect(dates(mixed)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the last oneof member and drops the earlier one', () => {
    const m = both('uplink', '52 02 20 05 5a 02 08 03') as lean.Uplink; // hello then state
    expect(m.hello).toBeUndefined();
    expect(m.state?.level).toBe(3);
  });

  it('merges a sub-message that occurs twice', () => {
    const m = both('uplink', '52 02 20 05 52 02 28 06') as lean.Uplink; // hello{uptime 5} hello{boot 6}
    expect(m.hello).toMatchObject({ uptimeS: 5, bootCount: 6 });
  });

  it('keeps unknown enum numbers (proto3 enums are open)', () => {
    expect((both('uplink', '6a 02 10 63') as lean.Uplink).event?.type).toBe(99);
  });

  it('decodes negative sint32 and an int32 enum written as a 10-byte negative varint', () => {
    expect((both('uplink', '6a 02 28 03') as lean.Uplink).event?.value).toBe(-2);
    expect((both('uplink', '52 0b 18 ff ff ff ff ff ff ff ff ff 01') as lean.Uplink).hello?.resetReason).toBe(-1);
  });

  it('decodes a oneof scalar set to zero/false as present', () => {
    expect(both('downlink', '62 02 10 00')).toMatchObject({ command: { clearOverride: 0 } });
    expect(both('downlink', '62 02 18 00')).toMatchObject({ command: { reboot: false } });
  });
});

/** A random message of type `t`: random subset of fields, explicit defaults, extreme values, one oneof member. */
function randomMessage(rnd: () => number, t: protobuf.Type, depth = 0): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  const chosenOneof = new Map<string, string>();
  for (const o of t.oneofsArray) chosenOneof.set(o.name, o.oneof[randInt(rnd, o.oneof.length)] as string);
  const STR = ['', 'a', 'Équipe d’entretien', 'lamp-7', '月', '🌙 nuit', 'x'.repeat(130)];
  const U32 = [0, 1, 127, 128, 300, 16_383, 16_384, 2 ** 31, 2 ** 32 - 1];
  const S32 = [0, -1, 1, -64, 64, -(2 ** 31), 2 ** 31 - 1, -90_000_000];
  const U64 = [0, 1, 2 ** 32 - 1, 2 ** 32, 5_000_000_123, 2 ** 52 + 7, Number.MAX_SAFE_INTEGER];
  const pick = <T>(a: T[]): T => a[randInt(rnd, a.length)] as T;
  const scalar = (f: protobuf.Field): unknown => {
    if (f.resolvedType instanceof protobuf.Enum) return pick([0, 1, 2, 3]);
    if (f.resolvedType instanceof protobuf.Type) return randomMessage(rnd, f.resolvedType, depth + 1);
    switch (f.type) {
      case 'uint32': return pick(U32);
      case 'sint32': return pick(S32);
      case 'uint64': return pick(U64);
      case 'bool': return rnd() < 0.5;
      case 'string': return pick(STR);
      case 'bytes': return randomBytes(rnd, pick([0, 1, 32, 200]));
      default: throw new Error(f.type);
    }
  };
  for (const f of t.fieldsArray) {
    if (f.partOf && chosenOneof.get(f.partOf.name) !== f.name) continue;
    if (rnd() < (f.partOf ? 0.2 : 0.3)) continue; // absent
    if (f.repeated) m[f.name] = Array.from({ length: randInt(rnd, depth > 2 ? 3 : 5) }, () => scalar(f));
    else m[f.name] = scalar(f);
  }
  return m;
}

describe('lean codec agrees with protobufjs on random messages', () => {
  it.each(DIRECTIONS)('%s: 1500 seeded random messages encode to the same bytes and decode to the same message', (direction) => {
    const rnd = mulberry32(direction.length * 1000 + 1);
    const t = typeOf(direction === 'uplink' ? 'Uplink' : direction === 'downlink' ? 'Downlink' : 'Presence');
    for (let i = 0; i < 1500; i++) {
      const m = randomMessage(rnd, t);
      const expected = hex(PB[direction].encode(m).finish());
      const got = LEAN_ENCODE[direction](m);
      expect(hex(got), JSON.stringify(m)).toBe(expected);
      const decoded = LEAN_DECODE[direction](got);
      expect(decoded).toEqual(normaliseType(t, m));
      expect(decoded).toEqual(normalise(direction, PB[direction].decode(got)));
    }
  });
});

describe('UTF-8 (no TextEncoder/TextDecoder on XS)', () => {
  it('encodes like TextEncoder, including lone surrogates as U+FFFD (seeded, 3000 strings)', () => {
    const rnd = mulberry32(99);
    const te = new TextEncoder();
    const units = [0x41, 0x7f, 0x80, 0xe9, 0x7ff, 0x800, 0x20ac, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff];
    for (let i = 0; i < 3000; i++) {
      const s = String.fromCharCode(...Array.from({ length: randInt(rnd, 12) }, () =>
        rnd() < 0.5 ? (units[randInt(rnd, units.length)] as number) : randInt(rnd, 0x10000)));
      expect(hex(lean.utf8Encode(s))).toBe(hex(te.encode(s)));
    }
  });

  it('decodes like a fatal TextDecoder: same string for valid input, LeanDecodeError for invalid (seeded, 20000 inputs)', () => {
    const rnd = mulberry32(1234);
    const td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const interesting = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90];
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      const b = Uint8Array.from({ length: randInt(rnd, 8) }, () => (rnd() < 0.7 ? interesting[randInt(rnd, interesting.length)] as number : randInt(rnd, 256)));
      let expected: string | undefined;
      try {
        expected = td.decode(b);
      } catch {
        expected = undefined;
      }
      if (expected === undefined) expect(() => lean.utf8Decode(b)).toThrow(lean.LeanDecodeError);
      else {
        valid++;
        expect(lean.utf8Decode(b)).toBe(expected);
      }
    }
    expect(valid).toBeGreaterThan(1000);
  });
});
