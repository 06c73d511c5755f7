/**
 * Writes assets/common-passwords.txt, the blocklist of the password policy (src/auth/password-policy.ts), from
 * zxcvbn's ranked list of common passwords (the `passwords-common` dictionary of @zxcvbn-ts/language-common,
 * MIT; zxcvbn: Wheeler, USENIX Security 2016). Of its ≈ 49,000 entries, most common first, the file keeps the
 * ones a person could choose here — 10 to 256 characters (PASSWORD_MIN..PASSWORD_MAX); a shorter one is refused
 * by its length already — lower-cased (NFKC), without repeats, in rank order.
 *
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run passwords:generate
 *
 * test/password-policy.test.ts fails when the committed file differs from what this writes (HOUSE-STYLE 14).
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '../src/auth/password.js';
import { COMMON_PASSWORDS_FILE, normalizePassword } from '../src/auth/password-policy.js';

/** The blocklist's lines, most common first. */
export function commonPasswordList(): string[] {
  const out = new Set<string>();
  for (const p of dictionary['passwords-common']) {
    const n = normalizePassword(p);
    if (n.length >= PASSWORD_MIN && n.length <= PASSWORD_MAX && !n.includes('\n')) out.add(n);
  }
  return [...out];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const list = commonPasswordList();
  writeFileSync(COMMON_PASSWORDS_FILE, `${list.join('\n')}\n`);
  console.log(`${COMMON_PASSWORDS_FILE.pathname}: ${list.length} passwords (of ${dictionary['passwords-common'].length} in the source list)`);
}
