/**
 * Presence on demand: the pole's motion sensor (PIR or microwave module with a digital output) read through
 * ECMA-419 Digital on the host's pin `presence`, and the hold of a presence step (protocol README, "Presence on
 * demand"). The controller raises its light itself, at the sensor's edge, with no network in the loop; the
 * server is told afterwards, at most once per hold (`PresenceDetection`).
 *
 * The hold runs from the last moment the sensor saw motion: a PIR's output stays high while someone moves in its
 * range (and its own few seconds after), so both edges are watched — high: raised; low: raised for `hold_s` more.
 * It is measured on the board's ticks, not its wall clock, so a clock set by the server does not cut or stretch it.
 */
import type { PresenceMode } from '@streetlight/protocol/lean';
import type { DigitalIO, Host } from './host.js';

/** Both edges (ECMA-419 Digital: Rising | Falling). */
const BOTH_EDGES = 3;

/** What a presence step asks for: the raised level is the step's level, the rest is its `PresenceMode`. */
export interface PresenceStep {
  level: number;
  mode: PresenceMode;
  /** The step's start (UTC ms): a new step starts a new hold. */
  since: number;
}

/** The level a presence step gives now, and the fade to it. */
export interface PresenceLevel {
  level: number;
  fadeS: number;
  raised: boolean;
}

export interface PresenceCallbacks {
  /** The sensor's output changed (called from the Digital's onReadable, on the host's event loop). */
  changed(): void;
}

export class PresenceSensor {
  readonly #input: DigitalIO;
  readonly #ticks: () => number;
  /** Ticks until which the light stays raised after the last motion seen (−∞: nothing seen in this step). */
  #heldUntil = -Infinity;
  #holdStep = -1;
  #lastSentTicks = -Infinity;
  #sinceLast = 0;
  /** Rising edges seen during presence steps, this boot. */
  detections = 0;
  /** PresenceDetection uplinks sent, this boot. */
  reports = 0;

  constructor(host: Host, pin: number, callbacks: PresenceCallbacks) {
    const Digital = host.device.io.Digital;
    if (!Digital) throw new TypeError('presence sensor without Digital IO');
    this.#ticks = () => host.clock.ticks();
    this.#input = new Digital({ pin, mode: Digital.Input, edge: BOTH_EDGES, onReadable: () => callbacks.changed() });
  }

  /** The sensor output now (1: motion in range). */
  get motion(): boolean { return this.#input.read() === 1; }

  /**
   * The sensor changed during `step` (undefined: not a presence step, nothing to do): 'report' when motion is seen
   * and a detection uplink is due (none sent within the step's hold), 'raised' when one was sent within it,
   * 'held' when the motion ended (the hold runs from now).
   */
  onChange(step: PresenceStep | undefined): 'report' | 'raised' | 'held' | 'ignored' {
    if (!step) return 'ignored';
    const now = this.#ticks();
    this.#arm(step, now);
    if (!this.motion) return 'held';
    this.detections++;
    const holdMs = (step.mode.holdS ?? 0) * 1000;
    if (now - this.#lastSentTicks >= holdMs) return 'report';
    this.#sinceLast++;
    return 'raised';
  }

  /** Detections since the last PresenceDetection sent that sent none (rate limit, or offline). */
  get sinceLast(): number { return this.#sinceLast; }

  /**
   * A neighbour along the street saw someone coming (`Command.presence_ahead`): during `step`, raised as on a
   * detection of this pole's own sensor, for the step's own hold (the plan's limits, not the server's). Not counted
   * as a detection, not reported.
   */
  ahead(step: PresenceStep): void {
    this.#arm(step, this.#ticks());
  }

  /** A detection uplink went out, or could not (offline: counted for the next one); the rate limit runs from one sent. */
  reported(sent: boolean): void {
    if (sent) {
      this.#lastSentTicks = this.#ticks();
      this.#sinceLast = 0;
      this.reports++;
    } else {
      this.#sinceLast++;
    }
  }

  /** The level `step` gives now; `wasRaised` says whether the light was raised at the previous decision of the step. */
  level(step: PresenceStep, wasRaised: boolean, stepFadeS: number): PresenceLevel {
    const mode = step.mode;
    if (this.#holdStep !== step.since) this.#heldUntil = -Infinity; // a hold does not outlive its step
    const raised = this.motion ? this.#arm(step, this.#ticks()) : this.#ticks() < this.#heldUntil;
    if (raised) return { level: step.level, fadeS: mode.fadeUpS ?? 0, raised: true };
    return { level: Math.min(mode.baseLevel ?? 0, step.level), fadeS: wasRaised ? mode.fadeDownS ?? 0 : stepFadeS, raised: false };
  }

  /** Ticks until the hold ends (undefined: no hold running). */
  holdEndsIn(): number | undefined {
    const left = this.#heldUntil - this.#ticks();
    return left > 0 && Number.isFinite(left) ? left : undefined;
  }

  close(): void {
    this.#input.close();
  }

  #arm(step: PresenceStep, now: number): true {
    this.#holdStep = step.since;
    this.#heldUntil = now + (step.mode.holdS ?? 0) * 1000;
    return true;
  }
}
