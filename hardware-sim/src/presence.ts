/**
 * Presence on demand: a passive-infrared presence sensor on the pole, and the street traffic that triggers it.
 *
 * The sensor (`SimPresenceSensor`) behaves like the usual pole-top PIR module (HC-SR501 class, or a microwave
 * sensor with a digital output): its output goes high when someone moves inside its detection range and stays high
 * `outputMs` after the last motion (retriggerable), on one Digital input of the board (`pin.presence`), which the
 * firmware reads through ECMA-419 Digital like any input. It is part of the environment, not of the firmware: it
 * keeps working through the board's power cuts, like the photocell.
 *
 * The street (`SimStreet`) places the poles along its axis (metres from one end) and moves people along it at
 * their speed (pedestrians ≈ 1.4 m/s, cyclists ≈ 5 m/s, cars ≈ 11 m/s, i.e. 40 km/h), so each pole's sensor sees
 * a passer-by exactly while they are within its range: the instants are computed, not sampled. A sensor misses a
 * passage with a probability (`missProbability`: a cold night, a fast car behind a parked van) and triggers on
 * its own (`falseTriggersPerHour`: a cat, headlights, the wind in a tree), both from a seeded PRNG, so a run is
 * reproducible; `traffic()` draws arrivals per hour of the night from an hourly profile. Every passage is kept
 * with its ground truth (`passages`): when the passer-by entered and left each pole's range and whether the
 * sensor saw them, so a test can ask whether the light was there when they were.
 */
import type { TimerId } from '../../firmware/src/host.js';
import type { SimBoard } from './board.js';
import type { VirtualClock } from './clock.js';
import { mulberry32 } from './board.js';

/** The presence sensor's input pin on the simulated board (an input-only GPIO of the ESP32, like the photocell's). */
export const PRESENCE_PIN = 35;

/** Typical speeds along a street, m/s. */
export const TRAFFIC_SPEEDS = Object.freeze({ pedestrian: 1.4, cyclist: 5, car: 11.1 });
export type TrafficKind = keyof typeof TRAFFIC_SPEEDS;

export interface PresenceSensorOptions {
  /** How long the output stays high after the last motion, ms. Default 2000 (an HC-SR501 at its shortest). */
  outputMs?: number;
}

/** A retriggerable motion sensor's digital output on one input pin of a board. */
export class SimPresenceSensor {
  readonly #board: SimBoard;
  readonly #pin: number;
  readonly #outputMs: number;
  /** Motions in progress (a motion from its start to its end + outputMs). */
  #active = 0;
  readonly #timers = new Set<TimerId>();
  /** Rising edges of the output (what the firmware can see), virtual ms. */
  readonly triggers: number[] = [];

  constructor(board: SimBoard, pin: number, options: PresenceSensorOptions = {}) {
    this.#board = board;
    this.#pin = pin;
    this.#outputMs = options.outputMs ?? 2000;
    board.bus.setInput(pin, 0);
  }

  get pin(): number { return this.#pin; }
  /** The output level now. */
  get output(): 0 | 1 { return this.#active > 0 ? 1 : 0; }

  /** Something moves in range from `fromMs` to `toMs` (virtual ms, `fromMs` ≥ now): the output is high from `fromMs` to `toMs + outputMs`. */
  motion(fromMs: number, toMs: number = fromMs): void {
    const clock = this.#board.clock;
    const now = clock.now();
    if (toMs < fromMs) throw new RangeError(`motion ends before it starts (${fromMs} > ${toMs})`);
    const start = (): void => {
      this.#active++;
      if (this.#active === 1) {
        this.triggers.push(clock.now());
        this.#board.bus.setInput(this.#pin, 1);
      }
    };
    const end = (): void => {
      this.#active--;
      if (this.#active === 0) this.#board.bus.setInput(this.#pin, 0);
    };
    this.#at(Math.max(fromMs, now), start);
    this.#at(Math.max(toMs, now) + this.#outputMs, end);
  }

  /** Stops the sensor's pending transitions (the street is taken down). */
  dispose(): void {
    for (const id of this.#timers) this.#board.clock.clear(id);
    this.#timers.clear();
  }

  #at(t: number, fn: () => void): void {
    const clock: VirtualClock = this.#board.clock;
    const id = clock.set(() => { this.#timers.delete(id); fn(); }, Math.max(0, Math.round(t - clock.now())));
    this.#timers.add(id);
  }
}

export interface StreetPole {
  board: SimBoard;
  /** Position along the street's axis, metres from its start. */
  x: number;
}

export interface SimStreetOptions {
  clock: VirtualClock;
  /** The poles with a presence sensor (boards made with `presenceSensor`), and their positions along the street. */
  poles: readonly StreetPole[];
  /** Detection range of each sensor along the street, metres either side of the pole. Default 8. */
  rangeM?: number;
  /** Probability that a sensor misses a passage. Default 0. */
  missProbability?: number;
  /** A sensor's own triggers with nobody there, per hour (Poisson). Default 0. */
  falseTriggersPerHour?: number;
  /** Seed of the misses, false triggers and traffic. Default 1. */
  seed?: number;
}

export interface WalkOptions {
  kind: TrafficKind;
  /** When the passer-by enters the street (virtual ms). Default now. */
  at?: number;
  /** +1 from the street's start towards its end (default), −1 the other way. */
  direction?: 1 | -1;
  /** Speed in m/s. Default TRAFFIC_SPEEDS[kind]. */
  speed?: number;
  /** Indices of poles whose sensor misses this passer-by whatever the miss probability (tests). */
  missedBy?: readonly number[];
}

/** One passer-by under one pole: the ground truth a test compares the light with. */
export interface PolePassage {
  pole: number;
  /** Entered and left the sensor's range, virtual ms. */
  enterMs: number;
  exitMs: number;
  detected: boolean;
}

export interface Passage {
  kind: TrafficKind;
  direction: 1 | -1;
  speed: number;
  startMs: number;
  /** Each pole passed, in the order passed. */
  poles: PolePassage[];
}

export interface TrafficProfile {
  /** Mean arrivals per hour of each kind, indexed by the hour (0–23) that `hourOf` gives. */
  perHour: Partial<Record<TrafficKind, readonly number[]>>;
  /** The hour of an instant (local time of the street). Default: the UTC hour. */
  hourOf?: (ms: number) => number;
}

/** A street of poles with presence sensors, and the people moving along it. */
export class SimStreet {
  readonly #clock: VirtualClock;
  readonly poles: readonly StreetPole[];
  readonly sensors: readonly SimPresenceSensor[];
  readonly rangeM: number;
  #miss: number;
  #falseRate: number;
  readonly #random: () => number;
  readonly #length: number;
  readonly #start: number;
  /** Every passer-by so far, with the ground truth per pole. */
  readonly passages: Passage[] = [];
  /** False triggers scheduled: pole index and instant. */
  readonly falseTriggers: Array<{ pole: number; at: number }> = [];

  constructor(options: SimStreetOptions) {
    this.#clock = options.clock;
    this.poles = options.poles;
    this.rangeM = options.rangeM ?? 8;
    if (!(this.rangeM > 0)) throw new RangeError(`rangeM must be > 0 (${this.rangeM})`);
    this.#miss = options.missProbability ?? 0;
    if (!(this.#miss >= 0 && this.#miss <= 1)) throw new RangeError(`missProbability must be in [0, 1] (${this.#miss})`);
    this.#falseRate = options.falseTriggersPerHour ?? 0;
    this.#random = mulberry32((options.seed ?? 1) >>> 0);
    this.sensors = this.poles.map((p, i) => {
      const s = p.board.presenceSensor;
      if (!s) throw new TypeError(`pole ${i} (${p.board.deviceId}) has no presence sensor (SimBoard option presenceSensor)`);
      return s;
    });
    const xs = this.poles.map((p) => p.x);
    this.#start = Math.min(...xs) - this.rangeM;
    this.#length = Math.max(...xs) + this.rangeM - this.#start;
  }

  /**
   * A passer-by walks (rides, drives) the whole street from one end at constant speed. Returns the passage; each
   * pole's sensor sees them while they are within `rangeM` of it, unless it misses them.
   */
  walk(options: WalkOptions): Passage {
    const speed = options.speed ?? TRAFFIC_SPEEDS[options.kind];
    if (!(speed > 0)) throw new RangeError(`speed must be > 0 (${speed})`);
    const direction = options.direction ?? 1;
    const startMs = options.at ?? this.#clock.now();
    const entry = direction === 1 ? this.#start : this.#start + this.#length;
    const poles: PolePassage[] = [];
    this.poles.forEach((pole, i) => {
      const distance = Math.abs(pole.x - entry); // along the street to the pole
      const enterMs = startMs + ((distance - this.rangeM) / speed) * 1000;
      const exitMs = startMs + ((distance + this.rangeM) / speed) * 1000;
      const forced = options.missedBy?.includes(i) ?? false;
      const detected = !forced && !(this.#miss > 0 && this.#random() < this.#miss);
      if (detected) this.sensors[i]!.motion(enterMs, exitMs);
      poles.push({ pole: i, enterMs, exitMs, detected });
    });
    poles.sort((a, b) => a.enterMs - b.enterMs);
    const passage: Passage = { kind: options.kind, direction, speed, startMs, poles };
    this.passages.push(passage);
    return passage;
  }

  /**
   * The sensors' conditions from now on (weather, season): a rainy night makes a PIR miss more (rain cools the
   * background, drops blur the lens) and trigger more on its own (wind in the trees, splashes). Applies to what
   * `walk` and `traffic` draw next.
   */
  setConditions(conditions: { missProbability?: number; falseTriggersPerHour?: number }): void {
    const miss = conditions.missProbability ?? this.#miss;
    const rate = conditions.falseTriggersPerHour ?? this.#falseRate;
    if (!(miss >= 0 && miss <= 1)) throw new RangeError(`missProbability must be in [0, 1] (${miss})`);
    if (!(rate >= 0)) throw new RangeError(`falseTriggersPerHour must be ≥ 0 (${rate})`);
    this.#miss = miss;
    this.#falseRate = rate;
  }

  /** A sensor triggers with nobody there (one short motion) at `at`. */
  falseTrigger(pole: number, at: number = this.#clock.now()): void {
    const sensor = this.sensors[pole];
    if (!sensor) throw new RangeError(`no pole ${pole}`);
    sensor.motion(at, at);
    this.falseTriggers.push({ pole, at });
  }

  /**
   * Draws the traffic of [fromMs, toMs) from a profile (Poisson arrivals per hour and kind, either direction) and
   * the sensors' false triggers (`falseTriggersPerHour`), and schedules them. Returns the passages drawn.
   */
  traffic(fromMs: number, toMs: number, profile: TrafficProfile): Passage[] {
    const hourOf = profile.hourOf ?? ((ms: number) => new Date(ms).getUTCHours());
    const drawn: Passage[] = [];
    const kinds = Object.keys(profile.perHour) as TrafficKind[];
    for (let t = fromMs; t < toMs;) {
      const hourEnd = Math.min(toMs, (Math.floor(t / 3_600_000) + 1) * 3_600_000);
      const hour = hourOf(t);
      for (const kind of kinds) {
        const rate = profile.perHour[kind]?.[hour] ?? 0; // per hour
        for (let at = t + this.#exponential(rate); at < hourEnd; at += this.#exponential(rate)) {
          drawn.push(this.walk({ kind, at, direction: this.#random() < 0.5 ? 1 : -1 }));
        }
      }
      t = hourEnd;
    }
    if (this.#falseRate > 0) {
      this.poles.forEach((_, i) => {
        for (let at = fromMs + this.#exponential(this.#falseRate); at < toMs; at += this.#exponential(this.#falseRate)) this.falseTrigger(i, at);
      });
    }
    return drawn;
  }

  dispose(): void {
    for (const s of this.sensors) s.dispose();
  }

  /** Time to the next arrival of a Poisson process of `perHour`, ms (Infinity at rate 0). */
  #exponential(perHour: number): number {
    if (!(perHour > 0)) return Infinity;
    return (-Math.log(1 - this.#random()) / perHour) * 3_600_000;
  }
}
