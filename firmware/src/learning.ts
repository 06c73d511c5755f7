/**
 * Frugal learning on the pole (issue 17): the controller learns its street's traffic from its own presence sensor
 * and uses it to light ahead of the usual passers-by (firmware README, "Frugal learning").
 *
 * The model is a week of quarter-hour cells of local time (672 cells, Monday 00:00 first), one byte each: the
 * probability (× 255) that the sensor sees someone in that quarter-hour of that weekday, an exponentially weighted
 * average over the weeks the cell was watched (weight 1/4 for the newest week: a regular passage is learnt in three
 * weeks, a one-off night — a festival — fades out, a habit that stops is forgotten in a few weeks). A cell is
 * watched when the controller ran a presence step with a valid clock from the cell's start to its end; a power cut
 * or a step boundary inside it leaves it out, unless someone was seen (a detection in part of a cell is still one).
 * Plus a bit per cell: watched at least once. 756 bytes in two typed arrays made at start, kept in NVS (key `lrn`)
 * each time a cell ends while watching (at most 4 writes an hour), so a reboot keeps what was learnt (a power cut
 * loses at most the quarter-hour in progress). NVS wear: a 764-byte blob takes 25 of a 4 KB page's 126 entries; 32
 * writes a night on a 6-page partition erase each page about 1.3 times a night: 200 years at 100,000 cycles.
 *
 * Anticipation: in a presence step whose `PresenceMode.anticipate_pct` is set, the pole pre-lights while the learnt
 * probability of the current cell, or of the cell LEAD_MS ahead, is at least that percent — to the step's
 * `prelight_level` (0: its level), never above the step's level, never outside the step (the plan's hours).
 *
 * Once a week the profile (the cells as they are) goes to the server as `TrafficProfile`: never raw detections.
 * No built-in instance at module scope (the firmware is preloaded and frozen): the arrays belong to the instance.
 */
import type { HostStorage } from './host.js';

export const CELL_MINUTES = 15;
/** Cells of a week. */
export const CELLS = (7 * 24 * 60) / CELL_MINUTES;
const CELL_MS = CELL_MINUTES * 60_000;
const WEEK_MS = 7 * 86_400_000;
/** The Unix epoch was a Thursday: local ms + 3 days counts weeks from a Monday 00:00. */
const MONDAY_SHIFT_MS = 3 * 86_400_000;
/** Weight of the newest week in a cell: 1 / 2^SHIFT. */
const EMA_SHIFT = 2;
/** A cell counts as watched from its start when watching began at most this long after it (the 60 s evaluation). */
const START_SLACK_MS = 120_000;
/** How far ahead the pole looks: pre-lit from this long before a likely cell (a pedestrian walks 420 m in 5 min). */
export const LEAD_MS = 5 * 60_000;
/** The profile goes to the server at most this often. */
export const PROFILE_EVERY_MS = WEEK_MS;

const KEY = 'lrn';
const FORMAT = 1;
const HEADER = 12;
const BITS = CELLS / 8;
const RECORD = HEADER + CELLS + BITS;

/** Cell index (0..CELLS-1) of a local time (ms of local wall clock since the epoch). */
export function cellOf(localMs: number): number {
  const inWeek = (((localMs + MONDAY_SHIFT_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
  return Math.floor(inWeek / CELL_MS);
}

function weekOf(localMs: number): number {
  return Math.floor((localMs + MONDAY_SHIFT_MS) / WEEK_MS);
}

export interface LearningStatus {
  /** Weeks with at least one watched cell. */
  weeks: number;
  watchedCells: number;
  /** The light is pre-lit by the profile now. */
  anticipating: boolean;
  /** Profiles sent this boot. */
  profilesSent: number;
  /** The probability (× 255) of the cell now, for diagnostics (undefined without a valid local time). */
  cellNow?: number;
}

export class TrafficLearning {
  readonly #kv: HostStorage;
  /** Learnt probability × 255 per cell. */
  readonly cells: Uint8Array;
  /** A bit per cell: watched at least once. */
  readonly #watched: Uint8Array;
  #weeks = 0;
  #lastWeek = -1;
  /** Unix s of the last profile sent (0: never). */
  #sentS = 0;
  /** The cell being watched (−1: none), whether from its start, whether someone was seen in it. */
  #cell = -1;
  #fromStart = false;
  #hit = false;
  #dirty = false;
  anticipating = false;
  profilesSent = 0;
  /** The record could not be read back (a storage fault: learning starts again). */
  corrupt = false;

  constructor(kv: HostStorage) {
    this.#kv = kv;
    this.cells = new Uint8Array(CELLS);
    this.#watched = new Uint8Array(BITS);
    this.#load();
  }

  get weeks(): number { return this.#weeks; }

  get watchedCells(): number {
    let n = 0;
    for (let i = 0; i < BITS; i++) for (let b = this.#watched[i]!; b; b &= b - 1) n++;
    return n;
  }

  /**
   * Called at every evaluation (at least once a minute) with the local time, the Unix time in seconds and whether
   * the controller watches now (a presence step, a sensor, a valid clock). Closes the cell watched when its end has
   * come, and saves the model when that changed it.
   */
  observe(localMs: number, nowS: number, watching: boolean): void {
    if (watching && this.#sentS === 0) this.#sentS = nowS; // the first profile a week after learning starts
    const cell = cellOf(localMs);
    if (cell !== this.#cell) {
      // The cell watched has ended: it counts when watched whole (it is over now and we still watch) or when someone was seen.
      if (this.#cell >= 0 && ((this.#fromStart && watching) || this.#hit)) this.#commit(this.#cell, this.#hit, localMs);
      this.#cell = watching ? cell : -1;
      this.#fromStart = watching && (((localMs + MONDAY_SHIFT_MS) % CELL_MS) + CELL_MS) % CELL_MS <= START_SLACK_MS;
      this.#hit = false;
    } else if (!watching && this.#cell >= 0) {
      // Stopped watching inside the cell (the step ended): a seen passage still counts, silence does not.
      if (this.#hit) this.#commit(this.#cell, true, localMs);
      this.#cell = -1;
    }
    if (this.#dirty) this.save();
  }

  /** The sensor saw someone at `localMs` while watching. */
  detected(localMs: number): void {
    if (this.#cell >= 0 && cellOf(localMs) === this.#cell) this.#hit = true;
  }

  /** The learnt probability (× 255) that someone comes now or within LEAD_MS. */
  ahead(localMs: number): number {
    return Math.max(this.cells[cellOf(localMs)]!, this.cells[cellOf(localMs + LEAD_MS)]!);
  }

  /** The probability (× 255) of the cell of `localMs`. */
  at(localMs: number): number { return this.cells[cellOf(localMs)]!; }

  /** Pre-light now for a step anticipating at `pct` percent (0: never). */
  shouldAnticipate(localMs: number, pct: number): boolean {
    return pct > 0 && this.ahead(localMs) * 100 >= pct * 255;
  }

  /** A profile is due: something learnt, and none sent for PROFILE_EVERY_MS (the first a week after learning began). */
  profileDue(nowS: number): boolean {
    return this.#weeks > 0 && nowS - this.#sentS >= PROFILE_EVERY_MS / 1000;
  }

  /** The profile went out at `nowS` (Unix s): the next in a week. */
  profileSent(nowS: number): void {
    this.#sentS = nowS;
    this.profilesSent++;
    this.save();
  }

  status(localMs: number | undefined): LearningStatus {
    return {
      weeks: this.#weeks, watchedCells: this.watchedCells, anticipating: this.anticipating, profilesSent: this.profilesSent,
      ...(localMs !== undefined ? { cellNow: this.at(localMs) } : {}),
    };
  }

  /** Writes the model to NVS (one record). */
  save(): void {
    const buf = new ArrayBuffer(RECORD);
    const v = new DataView(buf);
    v.setUint8(0, FORMAT);
    v.setUint8(1, CELL_MINUTES);
    v.setUint16(2, Math.min(this.#weeks, 0xffff), true);
    v.setInt32(4, this.#lastWeek, true);
    v.setUint32(8, this.#sentS >>> 0, true);
    const bytes = new Uint8Array(buf);
    bytes.set(this.cells, HEADER);
    bytes.set(this.#watched, HEADER + CELLS);
    this.#kv.write(KEY, buf);
    this.#dirty = false;
  }

  #commit(cell: number, hit: boolean, localMs: number): void {
    const v = this.cells[cell]!;
    this.cells[cell] = v + (((hit ? 255 : 0) - v) >> EMA_SHIFT);
    if (hit && this.cells[cell] === v && v < 255) this.cells[cell] = v + 1; // the last steps up to 255
    this.#watched[cell >> 3] = (this.#watched[cell >> 3] ?? 0) | (1 << (cell & 7));
    const week = weekOf(localMs);
    if (week !== this.#lastWeek) {
      this.#lastWeek = week;
      this.#weeks++;
    }
    this.#dirty = true;
  }

  #load(): void {
    let buf: ArrayBuffer | undefined;
    try {
      buf = this.#kv.read(KEY);
    } catch {
      this.corrupt = true;
      return;
    }
    if (!buf) return;
    const v = new DataView(buf);
    if (buf.byteLength !== RECORD || v.getUint8(0) !== FORMAT || v.getUint8(1) !== CELL_MINUTES) {
      this.corrupt = true;
      return;
    }
    this.#weeks = v.getUint16(2, true);
    this.#lastWeek = v.getInt32(4, true);
    this.#sentS = v.getUint32(8, true);
    const bytes = new Uint8Array(buf);
    this.cells.set(bytes.subarray(HEADER, HEADER + CELLS));
    this.#watched.set(bytes.subarray(HEADER + CELLS, RECORD));
  }
}
