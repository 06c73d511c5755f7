/**
 * The controller joins its Wi-Fi itself (issue 12): the lamp is driven from NVS and the RTC at boot, before any
 * network, and the network comes when it comes. With the provisioned credentials, it joins; once it has an
 * address the MQTT link may connect; a lost or failed join is retried after an exponential back-off with jitter
 * (1 s doubling to 5 min, like the MQTT link), so a town's controllers do not all retry in step after the access
 * point comes back. A board whose platform has no Wi-Fi (the simulator, a wired board) is always "up".
 */
import type { Host, HostWifi, TimerId } from './host.js';
import { Backoff } from './backoff.js';

export const WIFI_BACKOFF_MIN_MS = 1_000;
export const WIFI_BACKOFF_MAX_MS = 300_000;

export class WifiStation {
  readonly #host: Host;
  readonly #wifi: HostWifi | undefined;
  readonly #credentials: { ssid: string; password: string } | undefined;
  readonly #onUp: () => void;
  readonly #onDown: () => void;
  #up = false;
  #closed = false;
  readonly #backoff = new Backoff(WIFI_BACKOFF_MIN_MS, WIFI_BACKOFF_MAX_MS);
  #retry: TimerId | undefined;
  /** Joins attempted (diagnostics). */
  attempts = 0;

  /** `onUp` once the board has an address (again), `onDown` when it loses it. */
  constructor(host: Host, credentials: { ssid: string; password: string } | undefined, onUp: () => void, onDown: () => void) {
    this.#host = host;
    this.#wifi = host.device.network.wifi;
    this.#credentials = credentials;
    this.#onUp = onUp;
    this.#onDown = onDown;
  }

  get up(): boolean { return this.#up; }

  start(): void {
    if (!this.#wifi) {
      this.#up = true;
      this.#onUp();
      return;
    }
    if (!this.#credentials) {
      this.#host.system.log('warn', 'no Wi-Fi credentials provisioned: off the network');
      return;
    }
    this.#join();
  }

  close(): void {
    this.#closed = true;
    this.#host.timers.clear(this.#retry);
    this.#retry = undefined;
    if (this.#wifi) {
      try { this.#wifi.close(); } catch { /* already closed */ }
    }
  }

  #join(): void {
    const wifi = this.#wifi;
    const c = this.#credentials;
    if (this.#closed || !wifi || !c) return;
    this.attempts++;
    try {
      wifi.connect(c.ssid, c.password, (event) => {
        if (this.#closed) return;
        if (event === 'connected') {
          this.#backoff.reset();
          if (!this.#up) {
            this.#up = true;
            this.#onUp();
          }
        } else {
          const was = this.#up;
          this.#up = false;
          if (was) this.#onDown();
          this.#scheduleRetry();
        }
      });
    } catch (err) {
      this.#host.system.log('warn', `Wi-Fi join failed: ${String(err)}`);
      this.#scheduleRetry();
    }
  }

  #scheduleRetry(): void {
    if (this.#closed || this.#retry !== undefined) return;
    const delay = this.#backoff.next(() => this.#host.system.random());
    this.#retry = this.#host.timers.set(() => {
      this.#retry = undefined;
      this.#join();
    }, delay);
  }
}
