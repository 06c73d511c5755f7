/** restoreConst (scripts/bundle.ts): `const` back on the top-level bindings esbuild turned into `var`. */
import { describe, expect, it } from 'vitest';
import { bundleDeviceModule, bundleScript, restoreConst } from '../scripts/bundle.js';

describe('restoreConst', () => {
  it('makes a top-level var const when every declaration is initialised and its name is never assigned', () => {
    const out = restoreConst('var A = 5;\nvar T = [1, 2], U = 3;\nvar B = 1;\nB++;\nvar C;\nvar E = 1, F;\nfunction f() { let D; D = 2; return A + T[0]; }\nvar D = 4;\nvar G = 0;\n[G] = [1];\nexport { f };\n');
    expect(out).toContain('const A = 5;');
    expect(out).toContain('const T = [1, 2], U = 3;');
    expect(out).toContain('var B = 1;'); // updated
    expect(out).toContain('var C;'); // no initialiser
    expect(out).toContain('var E = 1, F;'); // one declaration without
    expect(out).toContain('var D = 4;'); // a same-named local is assigned: kept (conservative)
    expect(out).toContain('var G = 0;'); // destructuring assignment
  });

  it('works inside a script bundle\'s IIFE and keeps the var that publishes it', () => {
    const out = restoreConst('var lib = (() => {\n  var K = 1;\n  var L = 2;\n  L += 1;\n  return K + L;\n})();\nglobalThis.lib = lib;\n');
    expect(out).toContain('var lib = (() => {');
    expect(out).toContain('const K = 1;');
    expect(out).toContain('var L = 2;');
  });

  it('leaves in the firmware bundles only the top-level var that the code reassigns', () => {
    for (const code of [bundleDeviceModule(), bundleScript()]) {
      const again = restoreConst(code);
      expect(again).toBe(code); // idempotent: the bundles went through it
      const vars = [...code.matchAll(/^(?: {2})?var (\w+)/gm)].map((m) => m[1]);
      // Only the script's exported global (@noble/ed25519's lazily computed table went with it, issue 12).
      expect(vars.filter((v) => v !== 'streetlight')).toEqual([]);
    }
  });
});
