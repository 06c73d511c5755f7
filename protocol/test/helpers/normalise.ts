/**
 * Canonical plain form of a message, for comparing the two codecs: every non-oneof scalar present (its
 * proto3 default when unset), every repeated field an array, bytes as plain Uint8Array, absent sub-messages
 * and oneof members left out. It is what the lean decoder returns, and is built here independently of it,
 * from protobufjs reflection over the .proto files.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { PROTO_FILES } from '../../scripts/proto-files.js';
import { loadRoot } from '../../scripts/lean-gen.js';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const root = loadRoot(path.join(PKG, 'proto'), PROTO_FILES.map((f) => path.join(PKG, f)));

export type Direction = 'uplink' | 'downlink' | 'presence';
const TYPE: Record<Direction, string> = { uplink: 'Uplink', downlink: 'Downlink', presence: 'Presence' };
export const typeOf = (name: string): protobuf.Type => root.lookupType(`streetlight.v1.${name}`);

function scalarDefault(f: protobuf.Field): unknown {
  if (f.resolvedType instanceof protobuf.Enum) return 0;
  switch (f.type) {
    case 'bool': return false;
    case 'string': return '';
    case 'bytes': return new Uint8Array(0);
    default: return 0;
  }
}

function value(f: protobuf.Field, v: unknown): unknown {
  if (f.resolvedType instanceof protobuf.Type) return normaliseType(f.resolvedType, v as Record<string, unknown>);
  if (f.type === 'bytes') return new Uint8Array(v as Uint8Array);
  if (typeof v === 'object' && v !== null && 'low' in v) throw new Error('Long values are not expected');
  return v;
}

export function normaliseType(t: protobuf.Type, m: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of t.fieldsArray) {
    const v = m[f.name];
    if (f.repeated) out[f.name] = ((v as unknown[] | null | undefined) ?? []).map((x) => value(f, x));
    else if (f.partOf || f.resolvedType instanceof protobuf.Type) {
      if (v != null) out[f.name] = value(f, v);
    } else out[f.name] = v == null ? scalarDefault(f) : value(f, v);
  }
  return out;
}

export const normalise = (direction: Direction, m: object): Record<string, unknown> =>
  normaliseType(typeOf(TYPE[direction]), m as Record<string, unknown>);
