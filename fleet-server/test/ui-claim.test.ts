/**
 * The installer's page parses a label's QR code in the browser with the parser the labels are made and checked
 * with (src/devices/claim-payload.ts, which has no dependency: labels.ts brings the QR encoder with it). A payload
 * one accepted and the other refused would be a label the phone cannot read.
 */
import { describe, expect, it } from 'vitest';
import { claimPayload, parseClaimPayload as serverParse } from '../src/devices/labels.js';
import { normalizeClaimCode, randomClaimCode } from '../src/devices/identity.js';
import { parseClaimPayload as uiParse, readLabelField, tidyClaimCode } from '../src/ui/claim.js';

const LONG_ID = `SRL-${'0123456789'.repeat(6)}`;

/** Payloads of every kind: good ones, and the ways a payload goes wrong (labels.test.ts's list and more). */
function inputs(): { good: string[]; bad: string[] } {
  const good = ['SRL-0001', 'a.b_c-9', 'x', LONG_ID].flatMap((id) => ['7KQ2-M9XD-4TRW', '0000-0000-0000', 'ZZZZ-YXWV-TSRQ', randomClaimCode()].map((c) => claimPayload(id, c)));
  const bad = [
    'SLC2:SRL-0001:7KQ2-M9XD-4TRW', 'slc1:SRL-0001:7KQ2-M9XD-4TRW', 'SL1:SRL-0001:7KQ2-M9XD-4TRW', ':SRL-0001:7KQ2-M9XD-4TRW',
    'SLC1:SRL-0001:7KQ2-M9XD-4TRW:', 'SLC1:SRL-0001:7KQ2-M9XD-4TRW:tenant', 'SLC1:SRL-0001', 'SLC1:7KQ2-M9XD-4TRW', '',
    'SLC1:SRL-0001:7kq2-m9xd-4trw', 'SLC1:SRL-0001:7KQ2M9XD4TRW', 'SLC1:SRL-0001:7KQ2-M9XD-4TR', 'SLC1:SRL-0001:7KQ2-M9XD-4TRWX',
    'SLC1:SRL-0001:IKQ2-M9XD-4TRW', 'SLC1:SRL-0001:7LQ2-M9XD-4TRW', 'SLC1:SRL-0001:7KQ2-O9XD-4TRW', 'SLC1:SRL-0001:7KQ2-M9XD-4URW',
    'SLC1:SRL-0001: 7KQ2-M9XD-4TRW', 'SLC1:SRL-0001:7KQ2-M9XD-4TRW\n', 'SLC1:SRL 0001:7KQ2-M9XD-4TRW', 'SLC1:SRL:0001:7KQ2-M9XD-4TRW',
    'SLC1::7KQ2-M9XD-4TRW', `SLC1:${LONG_ID}5:7KQ2-M9XD-4TRW`, 'SLC1:SRL/0001:7KQ2-M9XD-4TRW', 'SLC1:SRLé001:7KQ2-M9XD-4TRW',
    'https://example.com/SLC1:SRL-0001:7KQ2-M9XD-4TRW',
  ];
  return { good, bad };
}

describe('the UI\'s claim payload parser', () => {
  it('is the parser of the labels, and reads every label they make and nothing else', () => {
    expect(uiParse).toBe(serverParse);
    const { good, bad } = inputs();
    for (const text of good) expect(readLabelField(text), text).toEqual({ deviceId: text.split(':')[1], claimCode: text.split(':')[2] });
    for (const text of bad) expect(uiParse(text), JSON.stringify(text)).toBeUndefined();
  });

  it('reads a scanned or pasted payload with whitespace around it, and keeps the device id\'s case', () => {
    expect(readLabelField('  SLC1:SRL-0001:7KQ2-M9XD-4TRW\n')).toEqual({ deviceId: 'SRL-0001', claimCode: '7KQ2-M9XD-4TRW' });
    expect(readLabelField('SLC1:srl-0001:7KQ2-M9XD-4TRW')).toEqual({ deviceId: 'srl-0001', claimCode: '7KQ2-M9XD-4TRW' });
  });

  it('tidies a typed claim code into one the server reads as the printed code', () => {
    const code = randomClaimCode();
    for (const typed of [code, code.toLowerCase(), code.toLowerCase().replace(/-/g, ' '), ` ${code.replace(/-/g, '')} `]) {
      expect(tidyClaimCode(typed)).toBe(code);
      expect(normalizeClaimCode(tidyClaimCode(typed))).toBe(normalizeClaimCode(code));
    }
  });
});
