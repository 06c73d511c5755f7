/**
 * The Moddable SDK's native digests (modules/crypt/digest/crypt.js, `xs_crypt_Digest*` in modCrypt.c), as the
 * firmware's device platform layer uses them. @moddable/typings has no declaration for this module.
 */
declare module 'crypt' {
  export class Digest {
    /** "SHA1", "SHA256", "SHA512", "MD5", … */
    constructor(type: string);
    /** Any buffer source: modCrypt.c reads it with xsmcGetBufferReadable (typed arrays and views, no copy). */
    write(data: ArrayBuffer | ArrayBufferView): void;
    /** Ends the digest and returns it. */
    close(): ArrayBuffer;
    reset(): void;
    /** reset, write every argument, close. */
    process(...data: ArrayBuffer[]): ArrayBuffer;
    readonly blockSize: number;
    readonly outputSize: number;
  }
}

/** The SDK's elliptic-curve modules (modules/crypt/etc/curve.js, ecdsa.js; modules/crypt/arith/ecp.js over native ec.c). */
declare module 'curve' {
  export default class Curve {
    /** "secp256r1" (P-256) or "secp384r1". */
    constructor(name: string);
    readonly orderSize: number;
  }
}
declare module 'ecp' {
  export default class ECPoint {
    /** x and y as `BigInt.fromArrayBuffer` returns them (typed `BigInt` by @moddable/typings' xs.d.ts). */
    // eslint-disable-next-line @typescript-eslint/no-wrapper-object-types
    constructor(x: bigint | BigInt, y: bigint | BigInt, identity?: boolean);
  }
}
declare module 'ecdsa' {
  import type Curve from 'curve';
  import type ECPoint from 'ecp';
  export default class ECDSA {
    /** For verification: the public point. */
    constructor(key: ECPoint, curve: Curve);
    /** `H`: the message's hash; `sig`: r ‖ s (orderSize bytes each) unless `asn1`. */
    verify(H: ArrayBuffer, sig: ArrayBuffer, asn1?: boolean): boolean;
  }
}
