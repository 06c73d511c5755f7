/**
 * The XS host: the synchronous xsnap machine, and boards running firmware inside XS — IO and timers reach the
 * board's simulated parts, power cuts and restarts kill and respawn the engine, exceptions are panics.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createXsFirmware, SimBoard, VirtualClock, XsError, XsExitError, XsMachine, type XsFirmware } from '../src/index.js';

const machines: XsMachine[] = [];
const boards: SimBoard[] = [];
afterEach(() => {
  for (const m of machines.splice(0)) m.close();
  for (const b of boards.splice(0)) b.dispose();
});

function machine(options: ConstructorParameters<typeof XsMachine>[0] = {}): XsMachine {
  const m = new XsMachine({ stdio: 'ignore', ...options });
  machines.push(m);
  return m;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

describe('XsMachine', () => {
  it('evaluates scripts and answers the engine\'s issueCommand synchronously, in order', () => {
    const seen: string[] = [];
    const m = machine({ onCommand: (request) => { seen.push(text(request)); return Buffer.from(`re:${text(request)}`); } });
    m.evaluate(`globalThis.handleCommand = (ab) => {
      const a = new TextDecoder().decode(issueCommand(new TextEncoder().encode('one').buffer));
      const b = new TextDecoder().decode(issueCommand(new TextEncoder().encode('two').buffer));
      return new TextEncoder().encode(a + '|' + b + '|' + new TextDecoder().decode(ab)).buffer;
    };`);
    const { reply, meter } = m.issueStringCommand('hello');
    expect(reply).toBe('re:one|re:two|hello');
    expect(seen).toEqual(['one', 'two']);
    expect(meter.compute).toBeGreaterThan(0);
    expect(meter.currentHeapCount).toBeGreaterThan(0);
  });

  it('reports an exception escaping a delivery as XsError and keeps the engine usable', () => {
    const m = machine();
    expect(() => m.evaluate('throw new RangeError("out of range")')).toThrow(XsError);
    expect(() => m.evaluate('throw new RangeError("out of range")')).toThrow(/out of range/);
    m.evaluate('globalThis.handleCommand = () => new TextEncoder().encode("alive").buffer;');
    expect(m.issueStringCommand('').reply).toBe('alive');
  });

  it('ends with XsExitError when the computation limit is exceeded, and refuses further deliveries', () => {
    const m = machine({ meteringLimit: 100_000 });
    expect(() => m.evaluate('for (;;) {}')).toThrow(XsExitError);
    expect(m.closed).toBe(true);
    expect(() => m.evaluate('1')).toThrow(XsExitError);
  });

  it('meters deterministically: the same work costs the same compute', () => {
    const run = (): number => {
      const m = machine();
      m.evaluate('globalThis.handleCommand = () => { let s = 0; for (let i = 0; i < 1000; i++) s += i; return undefined; };');
      return m.issueStringCommand('x').meter.compute;
    };
    expect(run()).toBe(run());
  });
});

/** A tiny firmware script: PWM on the dim pin, and whatever `body` does with the host. */
function script(body: string): string {
  return `globalThis.streetlight = { startFirmware(host) {
    const pwm = new host.device.io.PWM({ pin: host.device.pin.dim });
    pwm.write(host.storage.read('lvl') ? new Uint8Array(host.storage.read('lvl'))[0] : 7);
    ${body}
    return { stop() {}, status() { return { now: host.clock.now(), reason: host.system.resetReason, resolution: pwm.resolution }; } };
  } };`;
}

function board(bundle: string): SimBoard {
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  const b = new SimBoard({ clock, deviceId: `XS-${boards.length}`, tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, firmware: createXsFirmware({ bundle, stdio: 'ignore' }), rtc: 'kept' });
  boards.push(b);
  return b;
}

describe('a board on XS', () => {
  it('drives the board\'s PWM, flash, clock and timers from inside XS', () => {
    const b = board(script(`host.timers.set(() => { pwm.write(300); host.storage.write('lvl', Uint8Array.of(42).buffer); }, 5000);`));
    b.powerOn();
    expect(b.pwmTrace.map((w) => w.value)).toEqual([7]);
    expect((b.firmware as XsFirmware).status()).toEqual({ now: b.clock.now(), reason: 'power-on', resolution: 10 });
    b.clock.advance(4_999);
    expect(b.pwmTrace).toHaveLength(1);
    b.clock.advance(1);
    expect(b.pwmTrace.at(-1)).toEqual({ t: b.clock.now(), pin: 25, value: 300, resolution: 10 });
    expect(b.flash.read('lvl')).toBeDefined();
  });

  it('kills the engine at a power cut and boots a fresh one at power-on, with the flash kept', () => {
    const b = board(script(`host.timers.set(() => host.storage.write('lvl', Uint8Array.of(42).buffer), 10);`));
    b.powerOn();
    const first = b.firmware as XsFirmware;
    b.clock.advance(10);
    b.powerOff();
    expect(first.machine.closed).toBe(true);
    b.powerOn();
    const second = b.firmware as XsFirmware;
    expect(second.machine).not.toBe(first.machine);
    expect(b.pwmTrace.at(-1)?.value).toBe(42); // read back from the flash by the new engine
    expect(b.bootCount).toBe(2);
  });

  it('reboots with reset reason "panic" when an exception escapes XS, and "software" on host.system.restart()', () => {
    const crashing = board(script(`host.timers.set(() => { throw new TypeError('boom in XS'); }, 100);`));
    crashing.powerOn();
    crashing.clock.advance(100);
    expect(crashing.state).toBe('rebooting');
    expect(crashing.lastException).toBeInstanceOf(XsError);
    expect(String(crashing.lastException)).toMatch(/boom in XS/);
    crashing.clock.advance(1_000);
    expect(crashing.resetReason).toBe('panic');

    const restarting = board(script(`host.timers.set(() => { host.system.restart(); pwm.write(999); }, 100);`));
    restarting.powerOn();
    restarting.clock.advance(100);
    expect(restarting.state).toBe('rebooting');
    expect(restarting.lastException).toBeUndefined();
    expect(restarting.pwmTrace.map((w) => w.value)).not.toContain(999); // the engine died with the restart
    restarting.clock.advance(1_000);
    expect(restarting.resetReason).toBe('software');
    expect((restarting.firmware as XsFirmware).status()).toMatchObject({ reason: 'software' });
  });

  it('turns a RangeError of a simulated part into a RangeError inside XS', () => {
    const b = board(script(`try { pwm.write(5000); } catch (e) { pwm.write(e instanceof RangeError ? 1 : 2); }`));
    b.powerOn();
    expect(b.pwmTrace.map((w) => w.value)).toEqual([7, 1]);
  });

  it('panics at boot when the firmware throws while starting', () => {
    const b = board('globalThis.streetlight = { startFirmware() { throw new Error("no boot"); } };');
    b.powerOn();
    expect(b.state).toBe('rebooting');
    expect(String(b.lastException)).toMatch(/no boot/);
  });
});

/** A script whose status() returns whatever `body` put into `out` (JSON). */
function probe(body: string): string {
  return `globalThis.streetlight = { startFirmware(host) {
    const out = {};
    const fail = (f) => { try { f(); return 'no error'; } catch (e) { return e.name + ': ' + e.message; } };
    ${body}
    return { stop() {}, status() { return out; } };
  } };`;
}

function meteredBoard(bundle: string, meter: 'hlw8012' | 'bl0940', otaKeys?: { keyId: number; publicKey: Uint8Array }[]): SimBoard {
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  const b = new SimBoard({
    clock, deviceId: `XSM-${boards.length}`, tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, firmware: createXsFirmware({ bundle, stdio: 'ignore' }),
    rtc: 'kept', meter, ...(otaKeys ? { otaKeys } : {}),
  });
  boards.push(b);
  return b;
}

describe('the XS host gives the same Host surface as the Node host', () => {
  it('PulseCount counts the pulse chip\'s CF pulses of the Node part; the metering IO classes exist as on Node', () => {
    const b = meteredBoard(probe(`
      out.io = Object.keys(host.device.io).sort();
      new host.device.io.Digital({ pin: host.device.pin.relay, mode: host.device.io.Digital.Output }).write(1); // lamp on
      const cf = new host.device.io.PulseCount({ signal: host.device.pin.meterCf });
      out.badPin = fail(() => new host.device.io.PulseCount({ signal: 6 }));
      host.timers.set(() => { out.count = cf.read(); cf.write(5); out.written = cf.read(); }, 10_000);
    `), 'hlw8012');
    b.powerOn();
    b.clock.advance(10_000);
    const out = (b.firmware as XsFirmware).status() as { io: string[]; count: number; written: number; badPin: string };
    expect(out.io).toEqual(['Digital', 'PWM', 'PulseCount']);
    // The lamp is at full power (no PWM driven: fail-bright): 36 W ≈ 29 CF pulses a second.
    expect(out.count).toBeGreaterThan(250);
    expect(out.count).toBeLessThan(320);
    expect(out.written).toBe(5);
    expect(out.badPin).toMatch(/^RangeError/);
  });

  it('Serial carries the BL0940 read command and its 35-byte answer (onReadable with this = the instance)', () => {
    const b = meteredBoard(probe(`
      out.io = Object.keys(host.device.io).sort();
      const serial = new host.device.io.Serial({ transmit: host.device.pin.meterTx, receive: host.device.pin.meterRx, baud: 4800, port: 1, format: 'buffer',
        onReadable(count) { out.count = count; out.self = this === serial; out.bytes = Array.from(new Uint8Array(this.read())); } });
      serial.write(Uint8Array.of(0x58, 0xaa).buffer);
      out.typeError = fail(() => serial.write([1, 2]));
      out.port0 = fail(() => new host.device.io.Serial({ transmit: 1, receive: 3, baud: 4800, port: 0 }));
    `), 'bl0940');
    b.powerOn();
    b.clock.advance(200);
    const out = (b.firmware as XsFirmware).status() as { io: string[]; count: number; self: boolean; bytes: number[]; typeError: string; port0: string };
    expect(out.io).toEqual(['Digital', 'PWM', 'Serial']);
    expect(out.count).toBe(35);
    expect(out.self).toBe(true);
    expect(out.bytes[0]).toBe(0x55); // BL0940 frame header (datasheet §3.2)
    let sum = 0x58;
    for (const x of out.bytes.slice(0, 34)) sum += x;
    expect(out.bytes[34]).toBe(~sum & 0xff);
    expect(out.typeError).toMatch(/^TypeError/);
    expect(out.port0).toMatch(/^RangeError/);
  });

  it('host.flash opens the board\'s meter-log partition with NOR semantics; errors keep their kind', () => {
    const b = meteredBoard(probe(`
      const part = host.flash.open('meterlog');
      out.status = part.status();
      part.write(4096, Uint8Array.of(0xf0, 0x0f).buffer);
      part.write(4096, Uint8Array.of(0x3c, 0xff).buffer); // NOR: only 1 → 0
      out.read = Array.from(new Uint8Array(part.read(4096, 3)));
      part.eraseBlock(1);
      out.erased = Array.from(new Uint8Array(part.read(4096, 2)));
      out.outside = fail(() => part.read(out.status.size, 1));
      out.unknown = fail(() => host.flash.open('nvs2'));
      host.timers.set(() => { part.write(8192, new Uint8Array(64).buffer); out.after = 'not reached'; }, 1000);
    `), 'hlw8012');
    b.powerOn();
    const fw = b.firmware as XsFirmware;
    const out = fw.status() as Record<string, unknown>;
    expect(out).toMatchObject({ status: { size: 131_072, blockSize: 4096 }, read: [0x30, 0x0f, 0xff], erased: [0xff, 0xff] });
    expect(out.outside).toMatch(/^RangeError/);
    expect(out.unknown).toMatch(/^Error: no flash partition "nvs2"/);
    expect(b.metering.meterlog.eraseCounts()[1]).toBe(1);
    // A power cut in the middle of a write: the board is off, the engine gone, the bytes before the cut programmed.
    b.metering.meterlog.cutDuringNextWrite(10);
    b.clock.advance(1000);
    expect(b.state).toBe('off');
    expect(fw.machine.closed).toBe(true);
    expect([...b.metering.meterlog.peek(8192, 12)]).toEqual([...new Array(10).fill(0), 0xff, 0xff]);
  });

  it('host.update writes, reads back and hashes the inactive slot; boot metadata comes from the bootloader', () => {
    const b = meteredBoard(probe(`
      const u = host.update;
      out.version = host.system.firmwareVersion;
      out.pendingVerify = u.pendingVerify;
      out.lastRollback = u.lastRollback === undefined ? 'none' : u.lastRollback;
      out.begin = u.begin(8192, 'full');
      const data = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
      u.write(0, data);
      u.write(4096, data);
      out.back = Array.from(u.read(4095, 3));
      const h = u.sha256();
      h.update(u.read(0, 4096));
      h.update(u.read(4096, 4096));
      out.sha = Array.from(h.digest());
      out.tooBig = fail(() => u.begin(1 << 30, 'full'));
      out.beginAgain = u.begin(8192, 'full', 4096);
      const id = host.storage.read('identity');
      out.identity = id instanceof ArrayBuffer ? id.byteLength : -1;
      out.crypto = [typeof host.crypto?.hmacSha256, typeof host.crypto?.verifyP256];
    `), 'hlw8012', [{ keyId: 9, publicKey: Uint8Array.of(1, 2, 3) }]);
    b.powerOn();
    const out = (b.firmware as XsFirmware).status() as Record<string, unknown>;
    expect(out).toMatchObject({ version: '0.1.0-sim', pendingVerify: false, lastRollback: 'none', begin: 0, back: [(4095 * 7) & 0xff, 0, 7] });
    const data = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
    const sha = createHash('sha256').update(data).update(data).digest();
    expect(out.sha).toEqual([...sha]);
    expect(out.tooBig).toMatch(/^BootError: image of 1073741824 bytes does not fit/);
    expect(out.beginAgain).toBe(4096); // the slot holds a partial image of that size: resume kept
    // The provisioned identity (OTA keys included) is in NVS as bytes; the XS host has no native HMAC (the
    // firmware's own ECMAScript one runs, so its compute is counted), and the platform's ECDSA P-256 (native on a
    // device) is a call to the simulator.
    expect(out.identity).toBeGreaterThan(40);
    expect(out.crypto).toEqual(['undefined', 'function']);
  });
});
