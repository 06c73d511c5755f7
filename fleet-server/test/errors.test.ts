/** The error catalogue and the README's table stay in step; codes are unique and never reused. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS, RETIRED_CODES } from '../src/errors.js';

describe('error catalogue', () => {
  it('has unique codes, none of them retired', () => {
    const codes = Object.values(ERRORS).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(RETIRED_CODES).not.toContain(c);
  });

  it('matches the README table row for row', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^## Error catalogue$/m)[1]?.split(/^## /m)[0] ?? '';
    const rows = [...section.matchAll(/^\| `(SL_[A-Z_]+)` \| (\d{3}) \| (.+?) \|$/gm)].map((m) => ({ code: m[1], status: Number(m[2]), message: m[3] }));
    const catalogue = Object.values(ERRORS).map((e) => ({ code: e.code, status: e.status, message: e.message }));
    expect(rows).toEqual(catalogue);
  });
});
