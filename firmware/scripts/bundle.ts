/**
 * esbuild builds of the firmware, shared by the build script (`pnpm --filter @streetlight/firmware build`)
 * and by the simulator's XS host, which bundles in memory so that tests need no build step.
 *
 * - `bundleScript()`: one classic script (IIFE) that defines the global `streetlight` with the exports of
 *   src/platform/script.ts, for hosts that evaluate a single script (xsnap).
 * - `transpileModules()`: every source file as an ES2022 module (what mcconfig's tsc step yields), with the
 *   protocol's lean codec copied next to it and `@streetlight/protocol/*` rewritten to relative paths, so
 *   the tree loads in XS from files.
 *
 * Target ES2022: XS implements it fully (class private fields and methods, `??=`, top-level await) and
 * esbuild then leaves the code as written. Packages resolve to their TypeScript sources through the
 * `@streetlight/source` condition, as everywhere in the workspace.
 */
import { buildSync, transformSync, type BuildOptions } from 'esbuild';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIRMWARE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PROTOCOL_SRC = resolve(FIRMWARE_DIR, '../protocol/src');
export const SCRIPT_ENTRY = join(FIRMWARE_DIR, 'src/platform/script.ts');
/** The global the script bundle defines. */
export const SCRIPT_GLOBAL = 'streetlight';

export interface ScriptOptions {
  /** Minify (whitespace, identifiers, syntax). Default false. */
  minify?: boolean;
  /** Entry file. Default src/platform/script.ts. */
  entry?: string;
  /** Global name of the IIFE. Default 'streetlight'. */
  globalName?: string;
}

/** Bundles the firmware into one ES2022 script; returns its text. */
/** One esbuild bundle of the firmware for XS (ES2022, workspace sources, no eval); returns its text. */
function bundle(options: BuildOptions & { minify?: boolean }): string {
  const result = buildSync({
    bundle: true,
    write: false,
    target: 'es2022',
    platform: 'neutral',
    conditions: ['@streetlight/source'],
    mainFields: ['module', 'main'],
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    ...options,
    minify: options.minify ?? false,
  });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error('esbuild produced no output');
  return restoreConst(file.text);
}

/**
 * esbuild turns every top-level `const` of a bundle into `var` (it has no option against it). Preloaded on the
 * device, a module-scope `var` captured by a function is state that xsl cannot prove constant ("no const"); in
 * any host, `const` is what the sources said. This puts `const` back on every top-level `var` statement of the
 * bundle (and of the IIFE body of a script bundle) whose declarations all have an initializer and whose names are
 * never assigned anywhere in the text (conservative: an assignment to a same-named local keeps the `var`).
 */
export function restoreConst(code: string): string {
  const sf = ts.createSourceFile('bundle.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const assigned = new Set<string>();
  const targets = (e: ts.Node): void => {
    if (ts.isIdentifier(e)) assigned.add(e.text);
    else if (ts.isParenthesizedExpression(e) || ts.isSpreadElement(e) || ts.isSpreadAssignment(e)) targets(e.expression);
    else if (ts.isArrayLiteralExpression(e)) e.elements.forEach(targets);
    else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) {
        if (ts.isShorthandPropertyAssignment(p)) assigned.add(p.name.text);
        else if (ts.isPropertyAssignment(p)) targets(p.initializer);
        else if (ts.isSpreadAssignment(p)) targets(p.expression);
      }
    } else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken) targets(e.left);
  };
  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) targets(n.left);
    else if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken)) targets(n.operand);
    else if ((ts.isForInStatement(n) || ts.isForOfStatement(n)) && !ts.isVariableDeclarationList(n.initializer)) targets(n.initializer);
    ts.forEachChild(n, visit);
  };
  visit(sf);

  const declared = new Map<string, number>();
  const scopes: ts.NodeArray<ts.Statement>[] = [sf.statements];
  /** A script bundle's `var name = (() => { …the bundle… })();` keeps its `var` (the global it publishes). */
  const iifes = new Set<ts.Statement>();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      const init = d.initializer;
      if (!init || !ts.isCallExpression(init) || !ts.isParenthesizedExpression(init.expression)) continue;
      const fn = init.expression.expression;
      if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isBlock(fn.body)) {
        scopes.push(fn.body.statements);
        iifes.add(st);
      }
    }
  }
  const candidates: ts.VariableStatement[] = [];
  for (const statements of scopes) {
    for (const st of statements) {
      if (!ts.isVariableStatement(st) || iifes.has(st) || (st.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0) continue;
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.set(d.name.text, (declared.get(d.name.text) ?? 0) + 1);
      candidates.push(st);
    }
  }
  const edits: number[] = [];
  for (const st of candidates) {
    const ok = st.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.initializer !== undefined
      && !assigned.has(d.name.text) && declared.get(d.name.text) === 1);
    if (ok) edits.push(st.declarationList.getStart(sf));
  }
  let out = code;
  for (const at of edits.sort((a, b) => b - a)) {
    if (out.slice(at, at + 3) !== 'var') throw new Error(`restoreConst: no var at ${at}`);
    out = `${out.slice(0, at)}const${out.slice(at + 3)}`;
  }
  return out;
}

export function bundleScript(options: ScriptOptions = {}): string {
  const globalName = options.globalName ?? SCRIPT_GLOBAL;
  return bundle({
    entryPoints: [options.entry ?? SCRIPT_ENTRY],
    format: 'iife',
    globalName,
    // The bundle is strict code (ES modules are): evaluated by a strict indirect eval its `var` would stay
    // local, so publish the global explicitly.
    footer: { js: `globalThis.${globalName} = ${globalName};` },
    ...(options.minify !== undefined ? { minify: options.minify } : {}),
  });
}

export interface ModuleFile {
  /** Path relative to the output root, e.g. `app.js`, `protocol/lean/index.js`. */
  path: string;
  text: string;
}

const PROTOCOL_MODULES: Record<string, string> = {
  '@streetlight/protocol/lean': 'protocol/lean/index.js',
  '@streetlight/protocol/topics': 'protocol/topics.js',
};

function tsFiles(dir: string, skip: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(path, skip));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') && !skip(path)) out.push(path);
  }
  return out.sort();
}

/**
 * Transpiles the firmware's sources and the protocol modules they import into ES2022 modules. Imports of
 * `@streetlight/protocol/{lean,topics}` become relative paths; `embedded:*` and Moddable module specifiers
 * stay as they are (the device resolves them).
 */
export function transpileModules(): ModuleFile[] {
  const files: ModuleFile[] = [];
  const emit = (source: string, outPath: string): void => {
    let text = transformSync(readFileSync(source, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: source, charset: 'utf8' }).code;
    for (const [specifier, target] of Object.entries(PROTOCOL_MODULES)) {
      let rel = relative(dirname(outPath), target).split('\\').join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      text = text.split(`"${specifier}"`).join(JSON.stringify(rel));
    }
    files.push({ path: outPath, text });
  };
  const src = join(FIRMWARE_DIR, 'src');
  for (const file of tsFiles(src, () => false)) emit(file, relative(src, file).replace(/\.ts$/, '.js').split('\\').join('/'));
  for (const file of [...tsFiles(join(PROTOCOL_SRC, 'lean'), () => false), join(PROTOCOL_SRC, 'topics.ts'), join(PROTOCOL_SRC, 'limits.ts')]) {
    emit(file, `protocol/${relative(PROTOCOL_SRC, file).replace(/\.ts$/, '.js').split('\\').join('/')}`);
  }
  return files;
}

/**
 * Constructs XS on a device cannot run: a bundle must not contain them (eval may be absent from a device
 * build, and the firmware never needs it).
 */
export function forbiddenConstructs(code: string): string[] {
  const found: string[] = [];
  if (/(^|[^\w$.])eval\s*\(/.test(code)) found.push('eval(');
  if (/\bnew\s+Function\s*\(/.test(code) || /(^|[^\w$.])Function\s*\(/.test(code)) found.push('Function(');
  return found;
}

/** Entry of the ESP32 build's firmware module (manifest.json `streetlight`). */
export const DEVICE_ENTRY = join(FIRMWARE_DIR, 'src/platform/device.ts');
/** Specifiers the device resolves (Moddable SDK modules, the generated config, the native rollback calls). */
export const DEVICE_EXTERNALS = ['embedded:*', 'mc/config', 'time', 'timer', 'ota-rollback', 'crypt', 'wifi', 'curve', 'ecdsa', 'ecp'];

/**
 * Bundles src/platform/device.ts and everything it imports (application, platform layer, lean codec) into one
 * ES2022 module; only `DEVICE_EXTERNALS` stay imports. Returns its text. `entry` and `external` build another
 * preloaded module the same way (the device-conditions host's, hardware-sim/src/devhost/entry.ts).
 */
export function bundleDeviceModule(options: { minify?: boolean; entry?: string; external?: string[] } = {}): string {
  const { entry, external, ...rest } = options;
  return bundle({ entryPoints: [entry ?? DEVICE_ENTRY], format: 'esm', external: external ?? DEVICE_EXTERNALS, ...rest });
}

/** The module specifiers an ES module's text imports (static `import … from` and bare `import '…'`). */
export function importSpecifiers(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)) {
    found.add((m[1] ?? m[2]) as string);
  }
  return [...found].sort();
}
