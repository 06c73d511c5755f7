/**
 * Which passwords a person may choose (NIST SP 800-63B §5.1.1.2: a minimum length, no composition rules, and a
 * check against values known to be commonly used, expected or compromised). In order, the first that applies:
 *
 *   too_short, too_long  fewer than PASSWORD_MIN (10) or more than PASSWORD_MAX (256) characters
 *   blank                only whitespace
 *   one_character        one character repeated (`aaaaaaaaaa`)
 *   common               in the blocklist, assets/common-passwords.txt (case-insensitive): the common passwords
 *                        of zxcvbn's ranked list long enough to be chosen here (scripts/common-passwords.ts)
 *   contains_identity    contains the account's e-mail, its local part, its name, or a word of 4 or more
 *                        characters of them (a short word such as `Al` would refuse too much by chance)
 *
 * The API answers 400 SL_WEAK_PASSWORD with `details: { field, reason }` (the length rules are the zod schema's:
 * 400 SL_VALIDATION); the admin CLI prints the reason. Generated passwords are random and not checked.
 */
import { readFileSync } from 'node:fs';
import { fleetError } from '../errors.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './password.js';

export type PasswordProblem = 'too_short' | 'too_long' | 'blank' | 'one_character' | 'common' | 'contains_identity';

/** What each refusal tells the person. */
export const PASSWORD_PROBLEMS: Readonly<Record<PasswordProblem, string>> = {
  too_short: `The password needs at least ${PASSWORD_MIN} characters`,
  too_long: `The password may have at most ${PASSWORD_MAX} characters`,
  blank: 'The password cannot be only spaces',
  one_character: 'The password cannot be one character repeated',
  common: 'This password is among the most common ones: choose another (a phrase of a few words is easy to remember)',
  contains_identity: 'The password cannot contain your e-mail address or your name',
};

/** The blocklist, one password a line, lower-cased. In assets/ (not data/, the server's default data folder). */
export const COMMON_PASSWORDS_FILE = new URL('../../assets/common-passwords.txt', import.meta.url);

/** How passwords are compared with the blocklist: NFKC (as hashed) and lower case. */
export const normalizePassword = (p: string): string => p.normalize('NFKC').toLowerCase();

let blocklist: ReadonlySet<string> | undefined;
/** The blocklist, read once. */
export function commonPasswords(): ReadonlySet<string> {
  blocklist ??= new Set(readFileSync(COMMON_PASSWORDS_FILE, 'utf8').split('\n').filter(Boolean));
  return blocklist;
}

/** The parts of an account a password may not contain. */
function identityParts(identity: { email?: string | undefined; name?: string | undefined }): string[] {
  const parts = new Set<string>();
  const email = normalizePassword(identity.email?.trim() ?? '');
  const local = email.split('@')[0] ?? '';
  const name = normalizePassword(identity.name?.trim() ?? '');
  for (const whole of [email, local, name]) if (whole.length >= 4) parts.add(whole);
  for (const word of `${local} ${name}`.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) parts.add(word);
  return [...parts];
}

/** The first rule `password` breaks, or undefined when it may be used. */
export function passwordProblem(password: string, identity: { email?: string | undefined; name?: string | undefined } = {}): PasswordProblem | undefined {
  if (password.length < PASSWORD_MIN) return 'too_short';
  if (password.length > PASSWORD_MAX) return 'too_long';
  if (/^\s*$/u.test(password)) return 'blank';
  if (new Set(password).size === 1) return 'one_character';
  const n = normalizePassword(password);
  if (commonPasswords().has(n) || commonPasswords().has(n.trim())) return 'common';
  if (identityParts(identity).some((p) => n.includes(p))) return 'contains_identity';
  return undefined;
}

/** Throws 400 SL_WEAK_PASSWORD (`details: { field, reason }`) when `password` breaks a rule. */
export function assertPasswordAllowed(password: string, identity: { email?: string | undefined; name?: string | undefined }, field: string): void {
  const reason = passwordProblem(password, identity);
  if (reason) throw fleetError('WEAK_PASSWORD', { field, reason }, PASSWORD_PROBLEMS[reason]);
}
