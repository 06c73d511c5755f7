/**
 * The DALI interface between the controller's UART and the DALI bus (hardware-sim/README.md, "DALI"): a small
 * microcontroller with a DALI transceiver that does the bus's Manchester timing (1200 bps, Te = 416.67 µs), so the
 * ESP32 drives DALI through ECMA-419 Serial. Host → interface, 3 bytes: kind ('Q' query / 'S' send), address byte,
 * opcode. Interface → host, 2 bytes: status ('J' backward frame / 'N' no answer / 'K' sent / 'X' framing error / 'B'
 * bus fault) and data.
 *
 * Timing of one transaction on the bus: the settling time since the previous frame (13.5 ms), the forward frame
 * (15.83 ms), then either a backward frame starting 5.5..10.5 ms later (9.17 ms long) or the end of the reply window
 * (12.4 ms). The answer goes back on the UART after that. Requests that arrive while the bus is busy wait their turn
 * (the interface queues them), as a real one buffers a few.
 *
 * Fault injection: `noise` (probability that a backward frame is corrupted: 'X'), `collision` (a second gear answers
 * every query at once: 'X'), `setBusPower(false)` (no bus power: 'B', and the gear goes to its system failure
 * level), `dead` (the interface does not answer on the UART).
 */
import {
  DALI_BACKWARD_MS, DALI_FORWARD_MS, DALI_REPLY_WINDOW_MS, DALI_SETTLING_MS, IF_ANSWER, IF_BUS_FAULT, IF_FRAMING_ERROR,
  IF_NO_ANSWER, IF_QUERY, IF_SEND, IF_SENT,
} from '../../../firmware/src/dali/frames.js';
import type { SerialPeer } from '../chips/serial.js';
import type { SimDaliGear } from './gear.js';

export interface SimDaliInterfaceOptions {
  gear: SimDaliGear;
  now: () => number;
  random: () => number;
}

export class SimDaliInterface implements SerialPeer {
  readonly gear: SimDaliGear;
  readonly #now: () => number;
  readonly #random: () => number;
  /** Virtual time at which the bus is free again (end of the last frame plus nothing: settling is added per frame). */
  #busFreeAt = -Infinity;
  /** Bytes of a request split across UART deliveries. */
  #pending: number[] = [];
  /** Probability (0..1) that a backward frame is corrupted on the bus. */
  noise = 0;
  /** A second gear answers every query (collision): 'X'. */
  collision = false;
  /** The interface is dead: no answer on the UART. */
  dead = false;
  /** Forward frames sent on the bus, and answers by status (test insight). */
  forwardFrames = 0;
  readonly answers = { J: 0, N: 0, K: 0, X: 0, B: 0 };

  constructor(options: SimDaliInterfaceOptions) {
    this.gear = options.gear;
    this.#now = options.now;
    this.#random = options.random;
  }

  /** Bus power (the interface's bus supply, or a short on the pair). */
  setBusPower(on: boolean): void { this.gear.setBusPower(on); }

  receive(bytes: Uint8Array, reply: (bytes: Uint8Array, latencyMs?: number) => void): void {
    if (this.dead) return;
    for (const b of bytes) this.#pending.push(b);
    while (this.#pending.length >= 3) {
      const [kind, address, opcode] = this.#pending.splice(0, 3) as [number, number, number];
      if (kind !== IF_QUERY && kind !== IF_SEND) { this.#pending.length = 0; return; } // out of step: drop, the host times out
      this.#transact(kind, (address << 8) | opcode, reply);
    }
  }

  #transact(kind: number, frame: number, reply: (bytes: Uint8Array, latencyMs?: number) => void): void {
    const now = this.#now();
    const start = Math.max(now, this.#busFreeAt + DALI_SETTLING_MS);
    if (!this.gear.busPowered) {
      this.#busFreeAt = start;
      this.answers.B++;
      reply(Uint8Array.of(IF_BUS_FAULT, 0), start - now + 1);
      return;
    }
    this.forwardFrames++;
    const answer = this.gear.receive(frame);
    const sent = start + DALI_FORWARD_MS;
    if (kind === IF_SEND) {
      this.#busFreeAt = sent;
      this.answers.K++;
      reply(Uint8Array.of(IF_SENT, 0), sent - now);
      return;
    }
    if (answer === undefined) {
      this.#busFreeAt = sent + DALI_REPLY_WINDOW_MS;
      this.answers.N++;
      reply(Uint8Array.of(IF_NO_ANSWER, 0), this.#busFreeAt - now);
      return;
    }
    const end = sent + 5.5 + 5 * this.#random() + DALI_BACKWARD_MS;
    this.#busFreeAt = end;
    if (this.collision || this.#random() < this.noise) {
      this.answers.X++;
      reply(Uint8Array.of(IF_FRAMING_ERROR, 0), end - now);
      return;
    }
    this.answers.J++;
    reply(Uint8Array.of(IF_ANSWER, answer), end - now);
  }
}
