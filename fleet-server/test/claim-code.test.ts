/** Claim codes (issue 15, devices/identity.ts): random, readable, typed back in any reasonable way. */
import { describe, expect, it } from 'vitest';
import { hashClaimCode, normalizeClaimCode, randomClaimCode } from '../src/devices/identity.js';

describe('claim codes', () => {
  it('are 12 Crockford base32 characters in three groups, and differ', () => {
    const codes = Array.from({ length: 2000 }, () => randomClaimCode());
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character of the alphabet turns up (60 random bits, not a few fixed ones).
    expect(new Set(codes.join('').replace(/-/g, '')).size).toBe(32);
  });

  it('are read back whatever the case, spaces and dashes, with O for 0 and I or L for 1', () => {
    expect(normalizeClaimCode('7kq2 m9xd 4trw')).toBe('7KQ2-M9XD-4TRW');
    expect(normalizeClaimCode('7KQ2M9XD4TRW')).toBe('7KQ2-M9XD-4TRW');
    expect(normalizeClaimCode('O1L0-IIII-oooo')).toBe('0110-1111-0000');
    expect(normalizeClaimCode('7KQ2-M9XD-4TR')).toBeUndefined(); // short
    expect(normalizeClaimCode('7KQ2-M9XD-4TRWX')).toBeUndefined(); // long
    expect(normalizeClaimCode('7KQ2-M9XD-4TRU')).toBeUndefined(); // U is not in the alphabet
    expect(hashClaimCode('7KQ2-M9XD-4TRW')).toMatch(/^[0-9a-f]{64}$/);
  });
});
