/** `SimFleet`: many boards on one virtual clock. */
import { loadDefaultFirmware, SimBoard, type FirmwareFactory, type SimBoardOptions } from './board.js';
import type { VirtualClock } from './clock.js';
import { ConnectPacer } from './mqtt.js';

export type FleetBoardOptions = Omit<SimBoardOptions, 'clock'>;

export interface SimFleetOptions {
  clock: VirtualClock;
  /** Firmware of boards that do not name one. Default: `@streetlight/firmware` (loaded by `start()`). */
  firmware?: FirmwareFactory;
  /** Options applied to every board (a board's own options win). */
  defaults?: Partial<FleetBoardOptions>;
  /**
   * Source addresses given to the boards' links in turn (e.g. 127.0.0.1 … 127.0.0.8): Linux allows about
   * 28,000 outgoing connections per source address (ephemeral ports 32768–60999). Default: OS choice.
   */
  localAddresses?: string[];
  /**
   * 'none': a network-less fleet (issue 14) — every board's connection attempts fail in virtual time, with no
   * socket (see SimLinkOptions.network): the real firmware runs offline, as fast as the machine allows. Default
   * 'broker'.
   */
  network?: 'broker' | 'none';
  /**
   * Connections per second (real time) the fleet's boards may start, all boards together (a ramp: 10,000 boards
   * powered on at one virtual instant otherwise open 10,000 sockets in one event-loop turn). Default: no limit.
   */
  connectRate?: number;
  /**
   * Network-less fleets only (`network: 'none'`): every board runs on a clock of its own (`clock.fork()`), and
   * `fleet.advance()` / `advanceTo()` take one board after the other through the whole interval, then the fleet's
   * clock. Without a network nothing passes between boards (the firmware keeps no module state, the simulator
   * shares only immutable parts), so every board does exactly what it does on the shared clock — its timers in
   * the same order at the same instants — while its state stays in the processor's caches for the whole run
   * instead of being fetched again at every one of its timers (issue 14: 10,000 boards). Drive the fleet with
   * `fleet.advance`, not `fleet.clock.advance` (that one moves only the fleet's own clock).
   */
  lanes?: boolean;
}

export interface FleetStartOptions {
  /** Spread power-on uniformly over this many virtual ms (boards in order). Default 0: all at once. */
  staggerMs?: number;
}

export interface FleetStats {
  boards: number;
  on: number;
  online: number;
  lit: number;
  powerW: number;
  energyWh: number;
  boots: number;
  mqttAttempts: number;
  /** Per group (street). */
  groups: Record<string, { boards: number; online: number; powerW: number; energyWh: number }>;
}

export class SimFleet {
  readonly clock: VirtualClock;
  readonly #boards = new Map<string, SimBoard>();
  readonly #firmware: FirmwareFactory | undefined;
  readonly #defaults: Partial<FleetBoardOptions>;
  readonly #localAddresses: string[];
  readonly #network: 'broker' | 'none' | undefined;
  /** Each board on a clock of its own (see SimFleetOptions.lanes). */
  readonly lanes: boolean;
  /** The ramp of the fleet's connections (`connectRate`), shared by every board's link. */
  readonly pacer: ConnectPacer | undefined;
  #staggerTimers: { clock: VirtualClock; id: unknown }[] = [];

  constructor(options: SimFleetOptions) {
    this.clock = options.clock;
    this.#firmware = options.firmware;
    this.#defaults = options.defaults ?? {};
    this.#localAddresses = options.localAddresses ?? [];
    this.#network = options.network;
    this.lanes = options.lanes === true;
    if (this.lanes && options.network !== 'none') throw new TypeError("lanes need a network-less fleet (network: 'none'): boards on a network interact through it");
    this.pacer = options.connectRate !== undefined ? new ConnectPacer(options.connectRate) : undefined;
  }

  /** Adds a board (not powered yet). Device ids are unique. */
  add(options: FleetBoardOptions): SimBoard {
    if (options.deviceId !== undefined && this.#boards.has(options.deviceId)) throw new Error(`duplicate device id ${options.deviceId}`);
    const merged = { ...this.#defaults, ...options } as FleetBoardOptions;
    const n = this.#localAddresses.length;
    if (n > 0 && merged.link?.localAddress === undefined) {
      merged.link = { ...merged.link, localAddress: this.#localAddresses[this.#boards.size % n] as string };
    }
    if (this.#network !== undefined && merged.link?.network === undefined) merged.link = { ...merged.link, network: this.#network };
    if (this.pacer !== undefined && merged.link?.pacer === undefined) merged.link = { ...merged.link, pacer: this.pacer };
    const firmware = merged.firmware ?? this.#firmware;
    const board = new SimBoard({ ...merged, clock: this.lanes ? this.clock.fork() : this.clock, ...(firmware ? { firmware } : {}) });
    if (this.#boards.has(board.deviceId)) throw new Error(`duplicate device id ${board.deviceId}`);
    this.#boards.set(board.deviceId, board);
    return board;
  }

  get(deviceId: string): SimBoard | undefined { return this.#boards.get(deviceId); }
  get boards(): SimBoard[] { return [...this.#boards.values()]; }
  get size(): number { return this.#boards.size; }
  byGroup(group: string): SimBoard[] { return this.boards.filter((b) => b.group === group); }

  /**
   * Powers every board on, at once or staggered over `staggerMs` of virtual time (as after a cabinet
   * switches on). Loads the default firmware first if a board needs it.
   */
  async start(options: FleetStartOptions = {}): Promise<void> {
    if (this.#firmware === undefined && this.#defaults.firmware === undefined) await loadDefaultFirmware();
    const boards = this.boards;
    const stagger = options.staggerMs ?? 0;
    boards.forEach((board, i) => {
      const delay = boards.length > 1 ? Math.floor((stagger * i) / boards.length) : 0;
      if (delay === 0) board.powerOn();
      else this.#staggerTimers.push({ clock: board.clock, id: board.clock.set(() => board.powerOn(), delay) });
    });
  }

  /** Advances the fleet's virtual time by `ms` (see `advanceTo`). */
  advance(ms: number): boolean {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance: ms must be finite and >= 0, got ${ms}`);
    return this.advanceTo(this.clock.now() + ms);
  }

  /**
   * Runs every board to virtual time `t`: on the shared clock, `clock.advanceTo(t)`; with lanes, each board's
   * clock in turn, then the fleet's. Returns what the fleet's clock's advance returns.
   */
  advanceTo(t: number): boolean {
    if (this.lanes) {
      if (t < this.clock.now()) throw new RangeError(`advanceTo: cannot go back in time (${t} < ${this.clock.now()})`);
      for (const b of this.#boards.values()) b.clock.advanceTo(t);
    }
    return this.clock.advanceTo(t);
  }

  /** Power cut on every board (and cancels staggered power-ons still pending). */
  stop(): void {
    for (const t of this.#staggerTimers) t.clock.clear(t.id);
    this.#staggerTimers = [];
    for (const b of this.#boards.values()) b.powerOff();
  }

  /** Stops every board and its environment timers (photocell sun following). */
  /** Writes every board's file-backed storage to disk (see SimBoard.flushStorage). */
  flushStorage(): void {
    for (const b of this.#boards.values()) b.flushStorage();
  }

  dispose(): void {
    this.stop();
    for (const b of this.#boards.values()) b.dispose();
  }

  stats(): FleetStats {
    const s: FleetStats = { boards: 0, on: 0, online: 0, lit: 0, powerW: 0, energyWh: 0, boots: 0, mqttAttempts: 0, groups: {} };
    for (const b of this.#boards.values()) {
      const online = b.online;
      const p = b.powerW();
      const e = b.energyWh();
      s.boards++;
      if (b.state !== 'off') s.on++;
      if (online) s.online++;
      if (b.levelPct > 0) s.lit++;
      s.powerW += p;
      s.energyWh += e;
      s.boots += b.bootCount;
      s.mqttAttempts += b.link.attempts;
      const key = b.group ?? '';
      const g = (s.groups[key] ??= { boards: 0, online: 0, powerW: 0, energyWh: 0 });
      g.boards++;
      if (online) g.online++;
      g.powerW += p;
      g.energyWh += e;
    }
    return s;
  }
}
