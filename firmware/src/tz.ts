/**
 * POSIX TZ rules (IEEE Std 1003.1, "TZ" environment variable, with the extended time range of RFC 8536
 * §3.3.1): the device has no tz database, so the server sends e.g. `CET-1CEST,M3.5.0,M10.5.0/3` and the
 * firmware turns local wall-clock times into UTC and back. Plain ECMAScript: runs on XS.
 */

export interface TzTransitionRule {
  kind: 'M' | 'J' | 'N';
  month: number;   // M: 1..12
  week: number;    // M: 1..5 (5 = last)
  weekday: number; // M: 0 = Sunday
  day: number;     // J: 1..365 (Feb 29 never counted), N: 0..365
  timeS: number;   // local seconds after midnight at which the change happens (may be < 0 or > 86400)
}

export interface PosixTz {
  source: string;
  stdName: string;
  /** Offset east of UTC in seconds (local = UTC + offset). POSIX writes it with the opposite sign. */
  stdOffsetS: number;
  dstName?: string;
  dstOffsetS?: number;
  start?: TzTransitionRule;
  end?: TzTransitionRule;
}

export class TzError extends Error {}

const DAY_MS = 86_400_000;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string { return this.s.charAt(this.i); }
  eof(): boolean { return this.i >= this.s.length; }
  fail(what: string): never { throw new TzError(`bad TZ "${this.s}" at ${this.i}: ${what}`); }
  name(): string {
    if (this.peek() === '<') {
      const end = this.s.indexOf('>', this.i);
      if (end < 0) this.fail('unterminated <name>');
      const n = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      if (n.length < 3) this.fail('name shorter than 3');
      return n;
    }
    const start = this.i;
    while (!this.eof() && /[A-Za-z]/.test(this.peek())) this.i++;
    if (this.i - start < 3) this.fail('name shorter than 3');
    return this.s.slice(start, this.i);
  }
  int(): number {
    const start = this.i;
    while (!this.eof() && this.peek() >= '0' && this.peek() <= '9') this.i++;
    if (start === this.i) this.fail('number expected');
    return Number(this.s.slice(start, this.i));
  }
  /** [+-]hh[:mm[:ss]] in seconds. */
  hms(): number {
    let sign = 1;
    if (this.peek() === '+' || this.peek() === '-') {
      if (this.peek() === '-') sign = -1;
      this.i++;
    }
    let v = this.int() * 3600;
    if (this.peek() === ':') { this.i++; v += this.int() * 60; }
    if (this.peek() === ':') { this.i++; v += this.int(); }
    return sign * v;
  }
  rule(): TzTransitionRule {
    const r: TzTransitionRule = { kind: 'N', month: 0, week: 0, weekday: 0, day: 0, timeS: 7200 };
    if (this.peek() === 'M') {
      this.i++;
      r.kind = 'M';
      r.month = this.int();
      if (this.peek() !== '.') this.fail('. expected');
      this.i++;
      r.week = this.int();
      if (this.peek() !== '.') this.fail('. expected');
      this.i++;
      r.weekday = this.int();
      if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.weekday > 6) this.fail('M rule out of range');
    } else if (this.peek() === 'J') {
      this.i++;
      r.kind = 'J';
      r.day = this.int();
      if (r.day < 1 || r.day > 365) this.fail('J day out of range');
    } else {
      r.day = this.int();
      if (r.day > 365) this.fail('day out of range');
    }
    if (this.peek() === '/') {
      this.i++;
      r.timeS = this.hms();
    }
    return r;
  }
}

export function parsePosixTz(source: string): PosixTz {
  if (source.length === 0 || source.length > 64) throw new TzError('TZ must be 1..64 characters');
  const c = new Cursor(source);
  const stdName = c.name();
  const stdOffsetS = -c.hms();
  const tz: PosixTz = { source, stdName, stdOffsetS };
  if (c.eof()) return tz;
  tz.dstName = c.name();
  tz.dstOffsetS = stdOffsetS + 3600;
  if (!c.eof() && c.peek() !== ',') tz.dstOffsetS = -c.hms();
  if (c.peek() !== ',') c.fail('transition rules expected');
  c.i++;
  tz.start = c.rule();
  if (c.peek() !== ',') c.fail(', expected');
  c.i++;
  tz.end = c.rule();
  if (!c.eof()) c.fail('trailing characters');
  return tz;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Midnight (as if UTC) of the day the rule selects in year `y`, in ms. */
function ruleDayMs(r: TzTransitionRule, y: number): number {
  if (r.kind === 'M') {
    const first = Date.UTC(y, r.month - 1, 1);
    const firstWeekday = new Date(first).getUTCDay();
    let day = 1 + ((r.weekday - firstWeekday + 7) % 7) + (r.week - 1) * 7;
    const daysInMonth = new Date(Date.UTC(y, r.month, 0)).getUTCDate();
    while (day > daysInMonth) day -= 7;
    return Date.UTC(y, r.month - 1, day);
  }
  if (r.kind === 'J') {
    const leapShift = isLeap(y) && r.day >= 60 ? 1 : 0;
    return Date.UTC(y, 0, 1) + (r.day - 1 + leapShift) * DAY_MS;
  }
  return Date.UTC(y, 0, 1) + r.day * DAY_MS;
}

/** UTC instants (ms) at which DST starts and ends in year `y`. */
export function dstTransitions(tz: PosixTz, y: number): { startUtc: number; endUtc: number } | undefined {
  if (!tz.start || !tz.end || tz.dstOffsetS === undefined) return undefined;
  // The start happens at a local time reckoned in standard time, the end in daylight time.
  const startUtc = ruleDayMs(tz.start, y) + (tz.start.timeS - tz.stdOffsetS) * 1000;
  const endUtc = ruleDayMs(tz.end, y) + (tz.end.timeS - tz.dstOffsetS) * 1000;
  return { startUtc, endUtc };
}

/** Offset east of UTC, in seconds, in force at the UTC instant `utcMs`. */
export function utcOffsetS(tz: PosixTz, utcMs: number): number {
  if (tz.dstOffsetS === undefined) return tz.stdOffsetS;
  const y = new Date(utcMs + tz.stdOffsetS * 1000).getUTCFullYear();
  const tr = dstTransitions(tz, y);
  if (!tr) return tz.stdOffsetS;
  const inDst = tr.startUtc < tr.endUtc
    ? utcMs >= tr.startUtc && utcMs < tr.endUtc            // northern hemisphere
    : utcMs >= tr.startUtc || utcMs < tr.endUtc;           // southern hemisphere
  return inDst ? tz.dstOffsetS : tz.stdOffsetS;
}

/** Local wall-clock time (expressed as ms "as if UTC") for a UTC instant. */
export function toLocalMs(tz: PosixTz, utcMs: number): number {
  return utcMs + utcOffsetS(tz, utcMs) * 1000;
}

/**
 * The UTC instant of a local wall-clock time. On the autumn night the repeated hour maps to its FIRST
 * occurrence, and on the spring night a time inside the skipped hour maps to the instant just as far past
 * the gap (02:30 → 03:30 CEST), so a plan step is never run twice and never skipped.
 */
export function fromLocalMs(tz: PosixTz, localMs: number): number {
  const candidates: number[] = [];
  for (const off of tz.dstOffsetS === undefined ? [tz.stdOffsetS] : [tz.dstOffsetS, tz.stdOffsetS]) {
    const u = localMs - off * 1000;
    if (utcOffsetS(tz, u) === off) candidates.push(u);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  return localMs - tz.stdOffsetS * 1000;
}
