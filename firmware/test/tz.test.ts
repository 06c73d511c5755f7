import { describe, expect, it } from 'vitest';
import { dstTransitions, fromLocalMs, parsePosixTz, toLocalMs, TzError, utcOffsetS } from '../src/tz.js';

const PARIS = 'CET-1CEST,M3.5.0,M10.5.0/3';
const utc = (iso: string): number => Date.parse(iso);

describe('POSIX TZ rules', () => {
  it('parses the rule for metropolitan France', () => {
    const tz = parsePosixTz(PARIS);
    expect(tz).toMatchObject({ stdName: 'CET', stdOffsetS: 3600, dstName: 'CEST', dstOffsetS: 7200 });
    expect(tz.start).toMatchObject({ kind: 'M', month: 3, week: 5, weekday: 0, timeS: 7200 });
    expect(tz.end).toMatchObject({ kind: 'M', month: 10, week: 5, weekday: 0, timeS: 10800 });
  });

  it('finds the EU change instants (01:00 UTC on the last Sundays of March and October)', () => {
    const tz = parsePosixTz(PARIS);
    expect(dstTransitions(tz, 2026)).toEqual({ startUtc: utc('2026-03-29T01:00:00Z'), endUtc: utc('2026-10-25T01:00:00Z') });
    expect(dstTransitions(tz, 2027)).toEqual({ startUtc: utc('2027-03-28T01:00:00Z'), endUtc: utc('2027-10-31T01:00:00Z') });
  });

  it('gives the offset on each side of both changes', () => {
    const tz = parsePosixTz(PARIS);
    expect(utcOffsetS(tz, utc('2026-03-29T00:59:59Z'))).toBe(3600);
    expect(utcOffsetS(tz, utc('2026-03-29T01:00:00Z'))).toBe(7200);
    expect(utcOffsetS(tz, utc('2026-10-25T00:59:59Z'))).toBe(7200);
    expect(utcOffsetS(tz, utc('2026-10-25T01:00:00Z'))).toBe(3600);
  });

  it('maps the repeated autumn hour to its first occurrence and the skipped spring hour past the gap', () => {
    const tz = parsePosixTz(PARIS);
    // 02:30 local happens twice on 2026-10-25: first at 00:30Z (CEST), again at 01:30Z (CET).
    expect(fromLocalMs(tz, utc('2026-10-25T02:30:00Z'))).toBe(utc('2026-10-25T00:30:00Z'));
    // 02:30 local does not exist on 2026-03-29: it maps to 01:30Z, i.e. 03:30 CEST.
    expect(fromLocalMs(tz, utc('2026-03-29T02:30:00Z'))).toBe(utc('2026-03-29T01:30:00Z'));
    expect(toLocalMs(tz, utc('2026-03-29T01:30:00Z'))).toBe(utc('2026-03-29T03:30:00Z'));
  });

  it('handles zones without DST and southern-hemisphere rules', () => {
    const reunion = parsePosixTz('<+04>-4');
    expect(utcOffsetS(reunion, utc('2026-07-01T00:00:00Z'))).toBe(4 * 3600);
    const guadeloupe = parsePosixTz('AST4');
    expect(utcOffsetS(guadeloupe, utc('2026-01-01T00:00:00Z'))).toBe(-4 * 3600);
    const santiago = parsePosixTz('<-04>4<-03>,M9.1.6/24,M4.1.6/24');
    expect(utcOffsetS(santiago, utc('2026-01-15T12:00:00Z'))).toBe(-3 * 3600);
    expect(utcOffsetS(santiago, utc('2026-06-15T12:00:00Z'))).toBe(-4 * 3600);
  });

  it('round-trips local and UTC for every hour of a year outside the gaps', () => {
    const tz = parsePosixTz(PARIS);
    for (let t = utc('2026-01-01T00:00:00Z'); t < utc('2027-01-01T00:00:00Z'); t += 3_600_000) {
      expect(fromLocalMs(tz, toLocalMs(tz, t))).toBe(t - (t === utc('2026-10-25T01:00:00Z') ? 3_600_000 : 0));
    }
  });

  it.each(['', 'C', 'CET', 'CET-1CEST,M3.5', 'CET-1CEST,M13.5.0,M10.5.0', 'CET-1CEST,M3.5.0,M10.5.0/3x'])(
    'rejects the malformed rule %j with a TzError', (bad) => {
      expect(() => parsePosixTz(bad)).toThrow(TzError);
    });
});
