/**
 * `embedded:io/i2c`, replacing the declaration of @moddable/typings 5.6.0 (excluded in tsconfig.json), where
 * `read(buffer)` is said to return an ArrayBuffer. ECMA-419 2nd edition §9.4 and the Moddable SDK
 * (modules/io/i2c/_i2c.c, `xs_i2c_read`): `read(byteLength)` returns a new ArrayBuffer, `read(buffer)` fills
 * the buffer and returns the number of bytes read.
 */
declare module 'embedded:io/i2c' {
  import type { PinSpecifier, PortSpecifier } from 'embedded:io/_common';
  class I2C {
    constructor(options: {
      data: PinSpecifier;
      clock: PinSpecifier;
      hz: number;
      address: number;
      port?: PortSpecifier;
      format?: 'buffer';
      target?: unknown;
    });
    write(buffer: ArrayBuffer | ArrayBufferView, stop?: boolean): void;
    read(byteLength: number, stop?: boolean): ArrayBuffer;
    read(buffer: ArrayBuffer | ArrayBufferView, stop?: boolean): number;
    close(): void;
    get format(): 'buffer';
    set format(value: 'buffer');
  }
  export default I2C;
}
