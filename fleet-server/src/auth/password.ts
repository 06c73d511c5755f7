/**
 * Password hashing with scrypt (node:crypto), a memory-hard KDF (RFC 7914).
 *
 * Parameters: N = 2^15, r = 8, p = 3 → 128·N·r = 32 MiB of memory per hash. This is one of the equivalent
 * settings the OWASP Password Storage Cheat Sheet lists for scrypt (N=2^17 r=8 p=1, N=2^16 r=8 p=2,
 * N=2^15 r=8 p=3, …): the same work with less memory, which suits small town servers. The parameters are stored in the hash (`scrypt$N$r$p$salt$hash`, base64url), so they can be
 * raised later and old hashes still verify; `needsRehash` tells the login to upgrade them.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams { N: number; r: number; p: number }
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEYLEN = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) !== params.N || Number(r) !== params.r || Number(p) !== params.p;
}

/** Password policy: NIST SP 800-63B §5.1.1.2 — length matters, no composition rules; 10..256 characters. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** A random password for generated accounts (demo, CLI without --password): 16 chars, ~95 bits. */
export const randomPassword = (): string => randomBytes(12).toString('base64url');
