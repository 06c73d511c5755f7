import { describe, expect, it } from 'vitest';
import { buildSimImage, parseSimImage, SimBootloader, type SimImageInfo } from '../src/ota/bootloader.js';

const SLOT = 64 * 1024;
const v = (version: string, extra: Partial<SimImageInfo> = {}): Uint8Array =>
  buildSimImage({ version, hardwareModels: ['SL-ESP32-SIM'], kind: 'full', ...extra }, 20_000);

function update(b: SimBootloader, image: Uint8Array, chunk = 4096): void {
  b.beginUpdate(image.length);
  for (let o = 0; o < image.length; o += chunk) b.write(o, image.subarray(o, o + chunk));
  b.finishUpdate();
  b.setBootSlot();
}

describe('simulated images', () => {
  it('round-trips the header and rejects other bytes', () => {
    expect(parseSimImage(v('1.2.3', { failSelfTest: true }))).toMatchObject({ version: '1.2.3', failSelfTest: true });
    expect(parseSimImage(new Uint8Array(100))).toBeUndefined();
  });
});

describe('A/B boot with rollback (ESP-IDF semantics)', () => {
  it('boots the factory image, then a new image once it confirms itself', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    expect(b.boot()).toMatchObject({ slot: 0, image: { version: '1.0.0' } });
    update(b, v('1.1.0'));
    const d = b.boot();
    expect(d).toMatchObject({ slot: 1, image: { version: '1.1.0' } });
    expect(b.pendingVerify).toBe(true);
    b.markValid();
    expect(b.boot()).toMatchObject({ slot: 1, image: { version: '1.1.0' } });
    expect(b.boot().rolledBackFrom).toBeUndefined();
  });

  it('returns to the previous image when the new one resets before confirming (boot loop, crash, power cut)', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    b.boot();
    update(b, v('1.1.0', { bootLoop: true }));
    expect(b.boot().slot).toBe(1); // first boot of the new image: pending verification
    const back = b.boot(); // it crashed: the second boot rolls back
    expect(back).toMatchObject({ slot: 0, image: { version: '1.0.0' }, rolledBackFrom: { slot: 1, version: '1.1.0' } });
    expect(b.slots[1].state).toBe('aborted');
    expect(b.boot()).toMatchObject({ slot: 0 }); // and stays there
  });

  it('returns to the previous image after a failed self-test', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    b.boot();
    update(b, v('1.1.0'));
    b.boot();
    b.markInvalid('metering not alive');
    expect(b.boot()).toMatchObject({ slot: 0, image: { version: '1.0.0' } });
    expect(b.lastRollback).toMatchObject({ slot: 1, version: '1.1.0', reason: 'metering not alive' });
  });

  it('keeps booting the running image if power is cut in the middle of writing an update', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    b.boot();
    const img = v('1.1.0');
    b.beginUpdate(img.length);
    b.write(0, img.subarray(0, 8192)); // power cut here
    expect(b.boot()).toMatchObject({ slot: 0, image: { version: '1.0.0' } });
    // The download resumes where it stopped and completes.
    b.write(8192, img.subarray(8192));
    b.finishUpdate();
    b.setBootSlot();
    expect(b.boot()).toMatchObject({ slot: 1, image: { version: '1.1.0' } });
  });

  it('refuses a corrupt image header and boots the previous one', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    b.boot();
    update(b, new Uint8Array(5000).fill(7));
    expect(b.boot()).toMatchObject({ slot: 0, rolledBackFrom: { slot: 1 } });
  });

  it('alternates slots across successive updates and never writes the running slot', () => {
    const b = new SimBootloader(SLOT, v('1.0.0'));
    b.boot();
    for (const [i, ver] of ['1.1.0', '1.2.0', '1.3.0'].entries()) {
      const running = b.running;
      update(b, v(ver));
      expect(b.inactive).not.toBe(running);
      expect(b.boot()).toMatchObject({ slot: (i + 1) % 2, image: { version: ver } });
      b.markValid();
    }
  });
});
