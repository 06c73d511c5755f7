/**
 * `embedded:io/pwm`, replacing the declaration of @moddable/typings 5.6.0 (excluded in tsconfig.json),
 * which lacks `close()` and the `resolution` option. Follows the Moddable SDK's ESP32 implementation
 * (modules/io/pwm/esp32/pwm.c: xs_pwm_constructor reads pin, hz, resolution, port; xs_pwm_close) and
 * ECMA-419 2nd edition §10 (PWM): `write()` takes 0 .. 2**resolution - 1, RangeError outside.
 */
declare module 'embedded:io/pwm' {
  import type { PinSpecifier } from 'embedded:io/_common';
  class PWM {
    constructor(options: {
      pin: PinSpecifier;
      hz?: number;
      resolution?: number;
      port?: number;
      format?: 'number';
      target?: unknown;
    });
    readonly resolution: number;
    readonly hz: number;
    write(value: number): void;
    close(): void;
    get format(): 'number';
    set format(value: 'number');
  }
  export default PWM;
}
