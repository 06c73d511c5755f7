// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node built-ins, with and without the `node:` scheme: the firmware runs on XS, not on Node. */
const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'perf_hooks', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];

/**
 * The device build preloads the firmware (manifest.json `preload`): XS runs module bodies at build time and
 * freezes what they made into flash, module-scope bindings included, so a module-scope `let`/`var` assigned at
 * run time throws on the device (while it works on Node and xsnap). State lives in instances.
 */
const preloadFrozen = [
  { selector: "Program > VariableDeclaration[kind!='const']", message: 'module scope is frozen by preload on the device: use const, keep state in instances' },
  { selector: "Program > ExportNamedDeclaration > VariableDeclaration[kind!='const']", message: 'module scope is frozen by preload on the device: use const, keep state in instances' },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'fleet-server/dist-ui/**', 'protocol/src/generated/**', 'fleet-server/drizzle/**', 'test-artifacts/**',
      // XS host-function declarations (`function f() @ "native"`) are XS syntax, not ECMAScript (issue 6).
      'firmware/moddable/**/*.js', 'hardware-sim/devhost/native.js'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Module boundaries: the firmware codes against the host provider it is given. It may not reach
    // Node, the simulator or the server (HOUSE-STYLE 4, 9).
    files: ['firmware/src/**/*.ts'],
    ignores: ['firmware/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*'], message: 'firmware runs on XS: no Node APIs.' },
          { group: nodeBuiltins, message: 'firmware runs on XS: no Node APIs.' },
          { group: ['@streetlight/hardware-sim', '@streetlight/hardware-sim/*', '**/hardware-sim/**'], message: 'firmware may not import the simulator.' },
          { group: ['@streetlight/fleet-server', '@streetlight/fleet-server/*', '**/fleet-server/**'], message: 'firmware may not import the server.' },
          { group: ['protobufjs', 'protobufjs/*', '**/protocol/src/*', '!**/protocol/src/topics*', '!**/protocol/src/limits*', '**/protocol/src/generated/**'], message: 'firmware uses the lean codec: import @streetlight/protocol/lean or /topics.' },
        ],
        paths: [
          { name: '@streetlight/protocol', message: 'firmware uses the lean codec: import @streetlight/protocol/lean or /topics.' },
        ],
      }],
      'no-restricted-globals': ['error',
        { name: 'setTimeout', message: 'use the host timer' },
        { name: 'setInterval', message: 'use the host timer' },
        { name: 'clearTimeout', message: 'use the host timer' },
        { name: 'clearInterval', message: 'use the host timer' },
        { name: 'setImmediate', message: 'use the host timer' },
        { name: 'process', message: 'firmware runs on XS' },
        { name: 'Buffer', message: 'firmware runs on XS: use Uint8Array' },
        { name: 'require', message: 'firmware is ESM' },
        // Globals an XS device build lacks (TextEncoder/TextDecoder are modules there; no Intl, no Web APIs).
        ...['TextEncoder', 'TextDecoder', 'Intl', 'URL', 'URLSearchParams', 'fetch', 'structuredClone', 'queueMicrotask',
          'performance', 'crypto', 'console', 'atob', 'btoa', 'AbortController', 'WebAssembly'].map((name) => ({ name, message: 'absent on XS devices: take it from the host' })),
      ],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'time comes from the host clock' },
        { object: 'Math', property: 'random', message: 'randomness comes from the host' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...preloadFrozen],
    },
  },
  {
    // The lean codec is part of the firmware image: same rules about Node.
    files: ['protocol/src/lean/**/*.ts', 'protocol/src/topics.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', ...nodeBuiltins, 'protobufjs', 'protobufjs/*'], message: 'runs on XS' }] }],
      'no-restricted-globals': ['error', 'Buffer', 'process', 'setTimeout', 'setInterval'],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-syntax': ['error', ...preloadFrozen],
    },
  },
  {
    // Only tests (and the demo launcher) may import the simulator.
    files: ['fleet-server/**/*.ts', 'protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@streetlight/hardware-sim', '@streetlight/hardware-sim/*'], message: 'only tests and the demo import the simulator.' }],
      }],
    },
  },
);
