/**
 * Lean protobuf runtime for the firmware (Moddable XS on ESP32): plain ES2022, no eval/new Function, no
 * TextEncoder/TextDecoder, no Buffer, no Node APIs, no protobufjs. The generated module
 * (./generated.ts) describes each message as a small table; `encodeMessage`/`decodeMessage` interpret it.
 * A table costs far less flash than one unrolled function per message, and there is one interpreter to
 * audit and fuzz.
 *
 * Wire format rules (https://protobuf.dev/programming-guides/encoding/), and where they follow protobufjs 8
 * so that both codecs produce and accept the same bytes:
 *  - Encoding omits a non-oneof scalar equal to its proto3 default (0, '', false, empty bytes) even when the
 *    property is set, writes a sub-message whenever it is not null/undefined (even if empty), writes a oneof
 *    member whenever it is set (even 0/false: oneof members have presence), writes packed repeated scalars
 *    packed and omits empty repeated fields. Fields are written in field-number order. This is exactly what
 *    protobufjs 8's static encoder does, so both produce identical bytes for the same plain object.
 *  - Decoding fills every scalar with its default and every repeated field with [], leaves absent
 *    sub-messages and oneof members undefined, merges a repeated occurrence of a sub-message, keeps the
 *    last member of a oneof (deleting the others), accepts packed and unpacked repeated scalars, keeps
 *    unknown enum numbers as they are (proto3 enums are open), and skips unknown fields of wire types
 *    0, 1, 2 and 5. A known field arriving with the wrong wire type is skipped like an unknown field, as
 *    protobufjs does.
 *  - Where the lean decoder is stricter than protobufjs (it throws LeanDecodeError): groups (wire types
 *    3/4, which proto3 never emits), varints longer than 10 bytes, tags above 32 bits, and 64-bit values
 *    above Number.MAX_SAFE_INTEGER (protobufjs would silently round them).
 *  - Strings must be valid UTF-8 (same as protobufjs 8's strict string reader). The encoder writes a lone
 *    UTF-16 surrogate as U+FFFD (as TextEncoder does) so that it never emits bytes a decoder rejects;
 *    protobufjs writes such a string as invalid UTF-8. Such strings are outside protocol v1's domain.
 *
 * The decoder never reads past the input, never allocates more than the input implies (every element
 * consumes at least one input byte; lengths are checked against the bytes left before anything is
 * allocated) and terminates: every loop iteration consumes input. The descriptor tree is finite and not
 * recursive (the generator refuses recursive messages), so nesting depth is bounded by the schema.
 */

/** Thrown by every decoder for truncated or malformed input, and by nothing else. */
export class LeanDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeanDecodeError';
  }
}

/**
 * Field kinds in a descriptor (the generator writes them as numbers): a kind in the low 3 bits, plus flags.
 */
const enum K {
  U32 = 0,
  S32 = 1,
  /** enum, encoded as int32 */
  E = 2,
  B = 3,
  STR = 4,
  BYTES = 5,
  U64 = 6,
  MSG = 7,
  /** flag: repeated */
  REP = 8,
  /** flag: packed (repeated scalars only) */
  PACKED = 16,
}

/**
 * A field: [number, camelCase name, kind | flags, sub-message descriptor (MSG only), oneof group (1-based)].
 */
export type Field = readonly [no: number, name: string, kind: number, sub?: Desc | 0, oneof?: number];
export type Desc = readonly Field[];

/**
 * A descriptor frozen with each of its fields (the generated code's tables): the device preloads them read-only,
 * so they are read-only on every host. Sub-message descriptors are frozen where they are defined.
 */
export function frozenDesc(fields: Field[]): Desc {
  for (const f of fields) Object.freeze(f);
  return Object.freeze(fields);
}

type Obj = Record<string, unknown>;

const TWO32 = 4294967296;

/** Growable byte writer. */
export class Writer {
  b = new Uint8Array(64);
  p = 0;

  private room(n: number): void {
    if (this.p + n > this.b.length) {
      const nb = new Uint8Array(Math.max(this.b.length * 2, this.p + n));
      nb.set(this.b);
      this.b = nb;
    }
  }

  byte(x: number): void {
    this.room(1);
    this.b[this.p++] = x;
  }

  /** Writes a varint from its low and high 32-bit halves. */
  v(lo: number, hi = 0): void {
    lo >>>= 0;
    hi >>>= 0;
    while (hi) {
      this.byte((lo & 127) | 128);
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    while (lo > 127) {
      this.byte((lo & 127) | 128);
      lo >>>= 7;
    }
    this.byte(lo);
  }

  raw(x: Uint8Array): void {
    this.room(x.length);
    this.b.set(x, this.p);
    this.p += x.length;
  }

  /** Starts a length-delimited value: reserves one byte for its length; returns the start for `close`. */
  open(): number {
    this.byte(0);
    return this.p;
  }

  /** Ends a length-delimited value started at `start`, widening the length prefix if it needs more bytes. */
  close(start: number): void {
    const len = this.p - start;
    let n = 1;
    for (let x = len; x > 127; x >>>= 7) n++;
    if (n > 1) {
      this.room(n - 1);
      this.b.copyWithin(start + n - 1, start, this.p);
      this.p += n - 1;
    }
    const end = this.p;
    this.p = start - 1;
    this.v(len);
    this.p = end;
  }

  finish(): Uint8Array {
    return this.b.slice(0, this.p);
  }
}

/** Writes `s` as UTF-8 (lone surrogates become U+FFFD). */
export function writeUtf8(w: Writer, s: string): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) {
      const d = s.charCodeAt(i + 1);
      if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x80) w.byte(c);
    else {
      if (c < 0x800) w.byte(0xc0 | (c >> 6));
      else {
        if (c < 0x10000) w.byte(0xe0 | (c >> 12));
        else {
          w.byte(0xf0 | (c >> 18));
          w.byte(0x80 | ((c >> 12) & 63));
        }
        w.byte(0x80 | ((c >> 6) & 63));
      }
      w.byte(0x80 | (c & 63));
    }
  }
}

/** Encodes `s` as UTF-8. */
export function utf8Encode(s: string): Uint8Array {
  const w = new Writer();
  writeUtf8(w, s);
  return w.finish();
}

const fail = (msg: string): never => {
  throw new LeanDecodeError(msg);
};

/** Decodes bytes [p, e) of `b` as strict UTF-8 (rejects overlongs, surrogates, > U+10FFFF, truncation). */
export function utf8Decode(b: Uint8Array, p = 0, e = b.length): string {
  let s = '';
  while (p < e) {
    let c = b[p++] as number;
    if (c < 0x80) {
      s += String.fromCharCode(c);
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c < 0xe0) {
      n = 1;
      c &= 0x1f;
      min = 0x80;
    } else if (c >= 0xe0 && c < 0xf0) {
      n = 2;
      c &= 0x0f;
      min = 0x800;
    } else if (c >= 0xf0 && c < 0xf5) {
      n = 3;
      c &= 0x07;
      min = 0x10000;
    } else return fail('invalid UTF-8');
    if (p + n > e) fail('truncated UTF-8');
    for (; n > 0; n--) {
      const x = b[p++] as number;
      if ((x & 0xc0) !== 0x80) fail('invalid UTF-8');
      c = (c << 6) | (x & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000)) fail('invalid UTF-8');
    s += String.fromCodePoint(c);
  }
  return s;
}

/** Bounds-checked reader over `b`; `e` is the end of the message being read. */
export class Reader {
  p = 0;
  /** High 32 bits of the last varint read. */
  h = 0;
  e: number;
  constructor(readonly b: Uint8Array) {
    this.e = b.length;
  }

  /** Reads a varint of at most 10 bytes; returns its low 32 bits (unsigned) and leaves the high ones in `h`. */
  v(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0; ; i++) {
      if (i === 10) fail('varint longer than 10 bytes');
      if (this.p >= this.e) fail('truncated varint');
      const byte = this.b[this.p++] as number;
      const x = byte & 127;
      if (i < 4) lo |= x << (7 * i);
      else if (i === 4) {
        lo |= x << 28;
        hi = x >>> 4;
      } else hi |= x << (7 * i - 32);
      if (byte < 128) break;
    }
    this.h = hi >>> 0;
    return lo >>> 0;
  }

  /** Reads a length prefix and checks it against the bytes left; returns the end offset. */
  len(): number {
    const n = this.v();
    if (this.h || n > this.e - this.p) fail('length past end of input');
    return this.p + n;
  }

  skip(n: number): void {
    if (n > this.e - this.p) fail('truncated field');
    this.p += n;
  }

  /** Skips a value of wire type `wt`. */
  skipType(wt: number): void {
    if (wt === 0) this.v();
    else if (wt === 1) this.skip(8);
    else if (wt === 2) this.p = this.len();
    else if (wt === 5) this.skip(4);
    else fail(`unsupported wire type ${wt}`);
  }
}

const wireType = (k: number): number => (k === K.STR || k === K.BYTES || k === K.MSG ? 2 : 0);

function isDefault(k: number, v: unknown): boolean {
  if (k === K.B) return v === false;
  if (k === K.STR) return v === '';
  if (k === K.BYTES) return !(v as Uint8Array).length;
  return k !== K.MSG && v === 0;
}

function writeU64(w: Writer, v: number): void {
  let n = v;
  const neg = n < 0;
  if (neg) n = -n;
  let lo = n % TWO32 >>> 0;
  let hi = Math.floor(n / TWO32) >>> 0;
  if (neg) {
    // two's complement, as protobufjs LongBits.fromNumber
    lo = (~lo + 1) >>> 0;
    hi = (~hi + (lo ? 0 : 1)) >>> 0;
  }
  w.v(lo, hi);
}

/** One value; a nested message recurses through encodeInto (both keep few locals: XS frames sit on the device's small stack). */
function writeValue(w: Writer, k: number, v: unknown, sub: Desc | 0 | undefined): void {
  if (k === K.U32) w.v(v as number);
  else if (k === K.S32) w.v(((v as number) << 1) ^ ((v as number) >> 31));
  else if (k === K.E) w.v(v as number, (v as number) < 0 ? -1 : 0);
  else if (k === K.B) w.v(v ? 1 : 0);
  else if (k === K.U64) writeU64(w, v as number);
  else {
    const start = w.open();
    if (k === K.STR) writeUtf8(w, v as string);
    else if (k === K.BYTES) w.raw(v as Uint8Array);
    else encodeInto(w, sub as Desc, v as Obj);
    w.close(start);
  }
}

function writeRepeated(w: Writer, no: number, kind: number, a: unknown[], sub: Desc | 0 | undefined): void {
  const k = kind & 7;
  const n = a.length;
  if (kind & K.PACKED) {
    w.v((no << 3) | 2);
    const start = w.open();
    for (let j = 0; j < n; j++) writeValue(w, k, a[j], sub);
    w.close(start);
  } else {
    for (let j = 0; j < n; j++) {
      w.v((no << 3) | wireType(k));
      writeValue(w, k, a[j], sub);
    }
  }
}

/**
 * Index loops rather than `for…of` with destructuring, here and in decoding: on XS every `for…of` keeps an iterator
 * (and a destructuring one per field) on the stack and in the heap, and encoding recurses once per nested
 * message. The device-conditions host measured `encodeInto` + `writeValue` at 56 stack slots per level with
 * iterators, enough to overflow the ESP32 build's stack (then 512 slots) when a plan (4 levels deep) is saved from a
 * downlink handler (issue 12).
 */
function encodeInto(w: Writer, d: Desc, m: Obj): void {
  for (let i = 0; i < d.length; i++) {
    const f = d[i] as Desc[number];
    const v = m[f[1]];
    if (v == null) continue;
    if (f[2] & K.REP) {
      if ((v as unknown[]).length) writeRepeated(w, f[0], f[2], v as unknown[], f[3]);
    } else if (f[4] || !isDefault(f[2] & 7, v)) {
      w.v((f[0] << 3) | wireType(f[2] & 7));
      writeValue(w, f[2] & 7, v, f[3]);
    }
  }
}

/** Encodes plain object `m` with descriptor `d`. */
export function encodeMessage(d: Desc, m: object): Uint8Array {
  const w = new Writer();
  encodeInto(w, d, m as Obj);
  return w.finish();
}

function readValue(r: Reader, k: number, sub: Desc | 0 | undefined, target: unknown): unknown {
  if (k === K.U32) return r.v();
  if (k === K.S32) {
    const n = r.v();
    return ((n >>> 1) ^ -(n & 1)) | 0;
  }
  if (k === K.E) return r.v() | 0;
  if (k === K.B) return (r.v() | r.h) !== 0;
  if (k === K.U64) {
    const lo = r.v();
    if (r.h > 0x1fffff) fail('64-bit value above 2^53-1');
    return r.h * TWO32 + lo;
  }
  const end = r.len();
  if (k === K.STR) {
    const s = utf8Decode(r.b, r.p, end);
    r.p = end;
    return s;
  }
  if (k === K.BYTES) {
    const x = r.b.slice(r.p, end);
    r.p = end;
    return x;
  }
  const outer = r.e;
  r.e = end;
  const m = decodeFrom(r, sub as Desc, target as Obj | undefined);
  r.e = outer;
  return m;
}

function defaults(d: Desc): Obj {
  const m: Obj = {};
  for (let i = 0; i < d.length; i++) {
    const f = d[i] as Desc[number];
    if (f[4]) continue;
    const name = f[1];
    const kind = f[2];
    if (kind & K.REP) m[name] = [];
    else {
      const k = kind & 7;
      if (k === K.B) m[name] = false;
      else if (k === K.STR) m[name] = '';
      else if (k === K.BYTES) m[name] = new Uint8Array(0);
      else if (k !== K.MSG) m[name] = 0;
    }
  }
  return m;
}

function decodeFrom(r: Reader, d: Desc, target: Obj | undefined): Obj {
  const m = target ?? defaults(d);
  while (r.p < r.e) {
    const tag = r.v();
    if (r.h) fail('tag above 32 bits');
    const no = tag >>> 3;
    const wt = tag & 7;
    if (!no) fail('field number 0');
    let f: Desc[number] | undefined;
    for (let i = 0; i < d.length; i++) if ((d[i] as Desc[number])[0] === no) { f = d[i]; break; }
    if (f) {
      const name = f[1];
      const kind = f[2];
      const sub = f[3];
      const oneof = f[4];
      const k = kind & 7;
      if (kind & K.REP) {
        const a = m[name] as unknown[];
        if (wt === 2 && wireType(k) === 0) {
          // packed scalars, accepted whatever the descriptor says
          const end = r.len();
          const outer = r.e;
          r.e = end;
          while (r.p < end) a.push(readValue(r, k, sub, undefined));
          r.e = outer;
          continue;
        }
        if (wt === wireType(k)) {
          a.push(readValue(r, k, sub, undefined));
          continue;
        }
      } else if (wt === wireType(k)) {
        if (oneof) {
          for (let i = 0; i < d.length; i++) {
            const x = d[i] as Desc[number];
            if (x[4] === oneof && x[1] !== name) delete m[x[1]];
          }
        }
        m[name] = readValue(r, k, sub, m[name]);
        continue;
      }
    }
    r.skipType(wt);
  }
  return m;
}

/** Decodes `b` with descriptor `d`; throws LeanDecodeError on malformed input. */
export function decodeMessage(d: Desc, b: Uint8Array): Obj {
  if (!(b instanceof Uint8Array)) fail('input is not a Uint8Array');
  return decodeFrom(new Reader(b), d, undefined);
}
