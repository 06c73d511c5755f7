/**
 * Golden vectors keep the two codecs byte-identical: the protobufjs codec (server, simulator) and the lean
 * codec (firmware) must both encode each message to exactly the committed bytes and decode those bytes to
 * the same message.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pb } from '../src/codec.js';
import { decodeDownlinkFrame, decodePresenceFrame, decodeUplinkFrame } from '../src/frames.js';
import * as lean from '../src/lean/index.js';
import { normalise } from './helpers/normalise.js';
import { encodeVector, leanEncodeVector, vectorsJson } from './helpers/vectors.js';
import { VECTORS, type GoldenVector } from './vectors/index.js';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'vectors');
const golden = (v: GoldenVector): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, `${v.name}.bin`)));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function pbDecode(v: GoldenVector, b: Uint8Array): object {
  if (v.direction === 'uplink') return pb.Uplink.decode(b);
  if (v.direction === 'downlink') return pb.Downlink.decode(b);
  return pb.Presence.decode(b);
}

function leanDecode(v: GoldenVector, b: Uint8Array): object {
  if (v.direction === 'uplink') return lean.decodeUplink(b);
  if (v.direction === 'downlink') return lean.decodeDownlink(b);
  return lean.decodePresence(b);
}

describe('golden vectors', () => {
  it('cover every body of both envelopes', () => {
    const up = new Set(VECTORS.filter((v) => v.direction === 'uplink').flatMap((v) => Object.keys(v.message)));
    const down = new Set(VECTORS.filter((v) => v.direction === 'downlink').flatMap((v) => Object.keys(v.message)));
    for (const b of ['hello', 'state', 'energy', 'event', 'ack', 'otaStatus']) expect(up).toContain(b);
    for (const b of ['config', 'plan', 'command', 'otaOffer', 'otaChunk', 'energyAck']) expect(down).toContain(b);
    expect(VECTORS.some((v) => v.direction === 'presence')).toBe(true);
  });

  it('index.json is in step with test/vectors/index.ts (run `pnpm --filter @streetlight/protocol run vectors`)', () => {
    expect(readFileSync(path.join(DIR, 'index.json'), 'utf8')).toBe(vectorsJson(VECTORS));
  });

  describe.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const bytes = golden(v);

    it('protobufjs encodes the message to exactly the golden bytes', () => {
      expect(hex(encodeVector(v))).toBe(hex(bytes));
    });

    it('the lean codec encodes the message to exactly the golden bytes', () => {
      expect(hex(leanEncodeVector(v))).toBe(hex(bytes));
    });

    it('both codecs decode the golden bytes to the same message', () => {
      const expected = normalise(v.direction, v.message);
      expect(leanDecode(v, bytes)).toEqual(expected);
      expect(normalise(v.direction, pbDecode(v, bytes))).toEqual(expected);
    });

    it('re-encoding the lean-decoded message gives the golden bytes again', () => {
      const again = leanEncodeVector({ ...v, message: leanDecode(v, bytes) } as GoldenVector);
      expect(hex(again)).toBe(hex(bytes));
    });

    it('passes the frame checks of frames.ts', () => {
      const r = v.direction === 'uplink' ? decodeUplinkFrame(bytes) : v.direction === 'downlink' ? decodeDownlinkFrame(bytes) : decodePresenceFrame(bytes);
      expect(r).toMatchObject({ ok: true });
    });
  });
});
