/**
 * The XS host: the synchronous xsnap machine, and boards running firmware inside XS — IO and timers reach the
 * board's simulated parts, power cuts and restarts kill and respawn the engine, exceptions are panics.
 */
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
