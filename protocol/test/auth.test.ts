import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FRAME_MAC_BYTES, MAC_FIELD_BYTES, PROTOCOL_VERSION, decodeDownlinkFrame, decodeUplinkFrame, encodeDownlink, encodeUplink,
  sealFrame, sealedBodyLength, verifyFrame, type FrameMac,
} from '../src/index.js';
import * as lean from '../src/lean/index.js';

const hmac: FrameMac = (key, label, body) => new Uint8Array(createHmac('sha256', key).update(label, 'latin1').update(body).digest());
const key = new Uint8Array(randomBytes(32));

describe('frame authentication', () => {
  const body = encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId: 'd-1', seq: 7, time: 1_800_000_000, command: { reboot: true } });

  it('a sealed frame ends with its mac field and still decodes as the envelope, on both codecs', () => {
    const frame = sealFrame(hmac, key, 'down', body);
    expect(frame.length).toBe(body.length + MAC_FIELD_BYTES);
    expect(sealedBodyLength(frame)).toBe(body.length);
    const d = decodeDownlinkFrame(frame, 'd-1');
    expect(d.ok && d.message.command?.reboot).toBe(true);
    expect(d.ok && d.message.mac?.length).toBe(FRAME_MAC_BYTES);
    expect(lean.decodeDownlink(frame).mac).toEqual(frame.subarray(body.length + 2));
    expect(verifyFrame(hmac, key, 'down', frame)).toBe(true);
  });

  it('refuses a changed byte, another key, the other direction, a missing or cut mac, bytes appended', () => {
    const frame = sealFrame(hmac, key, 'down', body);
    for (let i = 0; i < frame.length; i++) {
      const t = frame.slice();
      t[i] = (t[i] as number) ^ 0x01;
      expect(verifyFrame(hmac, key, 'down', t), `byte ${i}`).toBe(false);
    }
    expect(verifyFrame(hmac, new Uint8Array(randomBytes(32)), 'down', frame)).toBe(false);
    expect(verifyFrame(hmac, key, 'up', frame)).toBe(false);
    expect(verifyFrame(hmac, key, 'down', body)).toBe(false);
    expect(verifyFrame(hmac, key, 'down', frame.subarray(0, frame.length - 1))).toBe(false);
    const longer = new Uint8Array(frame.length + 2);
    longer.set(frame);
    longer.set([0x18, 0x01], frame.length); // seq = 1 appended: protobuf would take the last value
    expect(verifyFrame(hmac, key, 'down', longer)).toBe(false);
    expect(verifyFrame(hmac, key, 'down', new Uint8Array(0))).toBe(false);
  });

  it('uplinks use their own label', () => {
    const up = encodeUplink({ protocolVersion: PROTOCOL_VERSION, deviceId: 'd-1', seq: 3, hello: { firmwareVersion: '1.0.0' } });
    const frame = sealFrame(hmac, key, 'up', up);
    expect(verifyFrame(hmac, key, 'up', frame)).toBe(true);
    expect(verifyFrame(hmac, key, 'down', frame)).toBe(false);
    expect(decodeUplinkFrame(frame, 'd-1').ok).toBe(true);
  });

  it('a mac field longer than 16 bytes is out of bounds', () => {
    const m = encodeUplink({ protocolVersion: PROTOCOL_VERSION, deviceId: 'd-1', seq: 3, mac: new Uint8Array(17), hello: {} });
    expect(decodeUplinkFrame(m, 'd-1')).toMatchObject({ ok: false, reason: 'out_of_bounds' });
  });
});
