/**
 * The DALI master (src/dali/master.ts) against a scripted DALI interface on a fake UART and manual timers: one
 * transaction at a time, the interface's answers decoded, a silent interface timed out on the host's timers, DAPC
 * coalesced (only the newest level, at most one per DAPC_MIN_INTERVAL_MS, queries first meanwhile), a full queue.
 */
import { describe, expect, it } from 'vitest';
import type { HostTimers, SerialConstructor, SerialIO } from '../src/host.js';
import { DALI_BROADCAST_DAPC, IF_ANSWER, IF_NO_ANSWER, IF_QUERY, IF_SEND, IF_SENT } from '../src/dali/frames.js';
import {
  DALI_ANSWER, DALI_BUSY, DALI_NO, DALI_SENT, DALI_TIMEOUT, DAPC_MIN_INTERVAL_MS, DaliMaster, IF_TIMEOUT_MS, QUEUE_SIZE,
} from '../src/dali/master.js';

function rig(answer: (req: number[]) => number[] | undefined) {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void; every?: number }>();
  const host: HostTimers = {
    set: (fn, ms) => { const id = ++nextId; timers.set(id, { at: now + ms, fn }); return id; },
    repeat: (fn, ms) => { const id = ++nextId; timers.set(id, { at: now + ms, fn, every: ms }); return id; },
    clear: (id) => { timers.delete(id as number); },
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, t] = due;
      now = t.at;
      if (t.every) t.at += t.every; else timers.delete(id);
      t.fn();
    }
    now = end;
  };
  const sent: { at: number; bytes: number[] }[] = [];
  const rx: number[] = [];
  let onReadable: (() => void) | undefined;
  class FakeSerial implements SerialIO {
    constructor(o: { onReadable?: (this: SerialIO, n: number) => void }) { onReadable = () => o.onReadable?.call(this, rx.length); }
    read(arg?: number | Uint8Array): never {
      if (!(arg instanceof Uint8Array) || rx.length === 0) return undefined as never;
      const n = Math.min(arg.length, rx.length);
      for (let i = 0; i < n; i++) arg[i] = rx.shift() as number;
      return n as never;
    }
    write(data: ArrayBuffer): void {
      const bytes = [...new Uint8Array(data)];
      sent.push({ at: now, bytes });
      const a = answer(bytes);
      // The interface answers 40 ms later (a query on the bus), or never.
      if (a) host.set(() => { rx.push(...a); onReadable?.(); }, 40);
    }
    close(): void {}
  }
  const master = new DaliMaster({ serial: { io: FakeSerial as unknown as SerialConstructor, transmit: 21, receive: 22 }, timers: host, ticks: () => now });
  return { master, sent, advance, now: () => now };
}

describe('DALI master over a UART interface', () => {
  it('sends one transaction at a time and decodes the answers (backward frame, NO, sent)', () => {
    const r = rig((req) => (req[0] === IF_SEND ? [IF_SENT, 0] : req[2] === 0xa0 ? [IF_ANSWER, 200] : [IF_NO_ANSWER, 0]));
    const got: [number, number][] = [];
    r.master.send(0xffa0, true, (o, d) => got.push([o, d]));
    r.master.send(0xff9b, true, (o, d) => got.push([o, d]));
    r.master.send(0xa305, false, (o, d) => got.push([o, d]));
    expect(r.sent).toHaveLength(1); // the others wait
    r.advance(200);
    expect(got).toEqual([[DALI_ANSWER, 200], [DALI_NO, 0], [DALI_SENT, 0]]);
    expect(r.sent.map((s) => s.bytes)).toEqual([[IF_QUERY, 0xff, 0xa0], [IF_QUERY, 0xff, 0x9b], [IF_SEND, 0xa3, 0x05]]);
    expect(r.sent.map((s) => s.at)).toEqual([0, 40, 80]);
  });

  it('times a silent interface out on the host timers and goes on with the next transaction', () => {
    let silent = true;
    const r = rig(() => (silent ? undefined : [IF_ANSWER, 1]));
    const got: number[] = [];
    r.master.send(0xff90, true, (o) => got.push(o));
    r.master.send(0xff90, true, (o) => { got.push(o); });
    r.advance(IF_TIMEOUT_MS - 1);
    expect(got).toEqual([]);
    r.advance(1);
    expect(got).toEqual([DALI_TIMEOUT]);
    silent = false;
    r.advance(IF_TIMEOUT_MS);
    expect(got).toEqual([DALI_TIMEOUT, DALI_TIMEOUT]); // the second was already on the wire, unanswered
    r.master.send(0xff90, true, (o) => got.push(o));
    r.advance(100);
    expect(got).toEqual([DALI_TIMEOUT, DALI_TIMEOUT, DALI_ANSWER]);
    expect(r.master.stats.timeouts).toBe(2);
  });

  it('coalesces DAPC: only the newest level goes out, at most one per 100 ms, queries first meanwhile', () => {
    const r = rig((req) => (req[0] === IF_SEND ? [IF_SENT, 0] : [IF_ANSWER, 0]));
    const dapcs = () => r.sent.filter((s) => s.bytes[1] === DALI_BROADCAST_DAPC).map((s) => ({ at: s.at, arc: s.bytes[2] }));
    r.master.dapc(100);
    r.advance(10);
    for (let arc = 101; arc <= 140; arc++) { r.master.dapc(arc); r.advance(5); } // a fade: a level every 5 ms
    r.master.send(0xff90, true, undefined);
    r.advance(1000);
    expect(dapcs()[0]).toEqual({ at: 0, arc: 100 });
    expect(dapcs().at(-1)?.arc).toBe(140);
    for (let k = 1; k < dapcs().length; k++) expect(dapcs()[k]!.at - dapcs()[k - 1]!.at).toBeGreaterThanOrEqual(DAPC_MIN_INTERVAL_MS);
    expect(dapcs().length).toBeLessThanOrEqual(4); // 41 levels in 210 ms: 3 or 4 frames, not 41
    expect(r.sent.some((s) => s.bytes[2] === 0x90)).toBe(true);
  });

  it('refuses a transaction when its ring of QUEUE_SIZE is full', () => {
    const r = rig(() => undefined);
    const outcomes: number[] = [];
    for (let k = 0; k < QUEUE_SIZE + 2; k++) r.master.send(0xff90, true, (o) => outcomes.push(o));
    // One on the wire, QUEUE_SIZE waiting, one refused at once.
    expect(outcomes).toEqual([DALI_BUSY]);
    expect(r.master.room).toBe(0);
  });
});
