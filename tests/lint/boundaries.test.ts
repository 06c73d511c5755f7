/**
 * The module boundaries are enforced by eslint (eslint.config.js), not by memory: this suite lints small
 * snippets as if they were files of each package and checks that the rules fire (HOUSE-STYLE 4, 9).
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('firmware may not reach Node, the simulator, the server or the Node codec', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
    ["import { EventEmitter } from 'events';", 'no-restricted-imports'],
    ["import { SimBoard } from '@streetlight/hardware-sim';", 'no-restricted-imports'],
    ["import { build } from '@streetlight/fleet-server';", 'no-restricted-imports'],
    ["import { pb } from '@streetlight/protocol';", 'no-restricted-imports'],
    ["import protobuf from 'protobufjs/minimal.js';", 'no-restricted-imports'],
    ['export const t = Date.now();', 'no-restricted-properties'],
    ['export const r = Math.random();', 'no-restricted-properties'],
    ['setTimeout(() => undefined, 1);', 'no-restricted-globals'],
    ['setInterval(() => undefined, 1);', 'no-restricted-globals'],
    ['export const b = Buffer.from([]);', 'no-restricted-globals'],
    ["export const x = eval('1');", 'no-eval'],
    ["export const e = new TextEncoder().encode('é');", 'no-restricted-globals'],
    ["export const n = new Intl.NumberFormat('fr').format(1);", 'no-restricted-globals'],
    ["console.log('x');", 'no-restricted-globals'],
    ["export const f = new Function('return 1');", 'no-new-func'],
    ['let cache: number | undefined;\nexport const get = (): number => (cache ??= 1);', 'no-restricted-syntax'],
    ['export let counter = 0;', 'no-restricted-syntax'],
  ])('%s → %s', async (code, rule) => {
    expect(await ruleIds('firmware/src/boundary-probe.ts', code)).toContain(rule);
  });

  it('allows the lean codec and the topic helpers', async () => {
    const code = "import { encodeUplink } from '@streetlight/protocol/lean';\nimport { uplinkTopic } from '@streetlight/protocol/topics';\nexport { encodeUplink, uplinkTopic };\n";
    expect(await ruleIds('firmware/src/boundary-probe.ts', code)).toEqual([]);
  });
});

describe('only tests and the demo import the simulator', () => {
  it.each(['fleet-server/src/boundary-probe.ts', 'protocol/src/boundary-probe.ts'])('%s', async (file) => {
    expect(await ruleIds(file, "import { SimBoard } from '@streetlight/hardware-sim';\nexport { SimBoard };\n")).toContain('no-restricted-imports');
  });
});
