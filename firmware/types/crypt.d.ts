/**
 * The Moddable SDK's native digests (modules/crypt/digest/crypt.js, `xs_crypt_Digest*` in modCrypt.c), as the
 * firmware's device platform layer uses them. @moddable/typings has no declaration for this module.
 */
declare module 'crypt' {
  export class Digest {
    /** "SHA1", "SHA256", "SHA512", "MD5", … */
    constructor(type: string);
    write(data: ArrayBuffer): void;
    /** Ends the digest and returns it. */
    close(): ArrayBuffer;
    reset(): void;
    /** reset, write every argument, close. */
    process(...data: ArrayBuffer[]): ArrayBuffer;
    readonly blockSize: number;
    readonly outputSize: number;
  }
}
