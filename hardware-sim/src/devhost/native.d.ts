/** Host functions of the device-conditions host (hardware-sim/devhost/native.js, devhost.c). */
declare module 'devhost/native' {
  /** One synchronous Host call: the request frame to the simulator, its reply back. */
  export function issue(request: ArrayBuffer): ArrayBuffer;
  /** A full garbage collection. */
  export function collect(): void;
  /** A line on the host program's stderr. */
  export function print(text: string): void;
}
