/**
 * The lean codec must run on XS, which has no TextEncoder/TextDecoder, Buffer or Node APIs. This test
 * transpiles src/lean/{runtime,generated}.ts with TypeScript and runs them in a fresh V8 context that holds
 * only ECMAScript built-ins, then round-trips every golden vector there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { VECTORS } from './vectors/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LEAN = path.join(HERE, '../src/lean');

/** Transpiles a lean module to a plain script: imports of sibling modules dropped, `export` keywords removed. */
function script(file: string): string {
  const js = ts.transpileModule(readFileSync(path.join(LEAN, file), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
  }).outputText;
  return js
    .replace(/^import [^;]+;$/gm, '')
    .replace(/^export \{[^}]*\};?$/gm, '')
    .replace(/^export /gm, '');
}

describe('lean codec in a bare ECMAScript context (no TextEncoder, TextDecoder, Buffer, process)', () => {
  const context = vm.createContext({});
  vm.runInContext(`${script('runtime.ts')}\n${script('generated.ts')}
    const fromHex = (h) => Uint8Array.from(h.match(/../g) ?? [], (x) => parseInt(x, 16));
    const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const codecs = {
      uplink: [encodeUplink, decodeUplink], downlink: [encodeDownlink, decodeDownlink], presence: [encodePresence, decodePresence],
    };
    globalThis.roundTrip = (direction, hex) => {
      const [enc, dec] = codecs[direction];
      return toHex(enc(dec(fromHex(hex))));
    };
    globalThis.decodeError = (hex) => {
      try { decodeUplink(fromHex(hex)); return 'no error'; } catch (e) { return e instanceof LeanDecodeError ? e.name : String(e); }
    };
    globalThis.globals = ['TextEncoder', 'TextDecoder', 'Buffer', 'process', 'require'].filter((n) => n in globalThis);
  `, context);
  const sandbox = context as { roundTrip(d: string, hex: string): string; decodeError(hex: string): string; globals: string[] };

  it('the context really lacks the Node and WHATWG globals', () => {
    expect(sandbox.globals).toEqual([]);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s decodes and re-encodes to the golden bytes', (_n, v) => {
    const hex = readFileSync(path.join(HERE, 'vectors', `${v.name}.bin`)).toString('hex');
    expect(sandbox.roundTrip(v.direction, hex)).toBe(hex);
  });

  it('malformed input raises LeanDecodeError there too', () => {
    expect(sandbox.decodeError('12 02 c3 28'.replace(/ /g, ''))).toBe('LeanDecodeError');
    expect(sandbox.decodeError('52ffffffff07')).toBe('LeanDecodeError');
  });
});
