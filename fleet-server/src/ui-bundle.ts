/**
 * The web UI bundle (issue 7): Preact + TypeScript sources in src/ui, bundled by esbuild into one script and
 * one stylesheet. No CDN and no external resource at run time.
 *
 * Two ways to get it, same output:
 *   - at run time: the first request for the UI builds it in memory (≈ 0.3 s, cached for the process). The
 *     server always runs from its TypeScript sources, so this needs no build step for tests or the demo.
 *   - ahead of time: `pnpm --filter @streetlight/fleet-server build:ui` writes dist-ui/ (git-ignored), for a
 *     reverse proxy that serves static files; set UI_DIR to serve that folder instead of building.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface UiBundle { js: string; css: string; html: string; builtAt: number }

const UI_SRC = fileURLToPath(new URL('./ui/', import.meta.url));

let cached: Promise<UiBundle> | undefined;

export async function buildUi(opts: { minify?: boolean } = {}): Promise<UiBundle> {
  const esbuild = await import('esbuild');
  const res = await esbuild.build({
    entryPoints: [`${UI_SRC}main.tsx`],
    bundle: true,
    write: false,
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // Workspace packages resolve to their TypeScript sources (the UI imports the firmware's POSIX TZ module).
    conditions: ['@streetlight/source'],
    minify: opts.minify ?? true,
    sourcemap: false,
    outdir: 'out',
    // Leaflet's stylesheet names its few control images (layers, markers): inlined, nothing fetched.
    loader: { '.css': 'css', '.png': 'dataurl', '.svg': 'dataurl' },
    logLevel: 'silent',
    legalComments: 'none',
  });
  const js = res.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = res.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  const html = fs.readFileSync(`${UI_SRC}index.html`, 'utf8');
  return { js, css, html, builtAt: Date.now() };
}

/** The bundle, from `uiDir` when given (prebuilt), else built once per process. */
export function getUi(uiDir?: string): Promise<UiBundle> {
  if (uiDir) {
    const read = (n: string): string => fs.readFileSync(`${uiDir.replace(/\/$/, '')}/${n}`, 'utf8');
    return Promise.resolve({ js: read('app.js'), css: read('app.css'), html: read('index.html'), builtAt: 0 });
  }
  cached ??= buildUi().catch((err: unknown) => { cached = undefined; throw err; });
  return cached;
}
