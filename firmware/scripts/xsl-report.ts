/** Reading what the Moddable linker `xsl` prints when it links and preloads the firmware (device-build.ts). */

/** `### 1587 instances, 1758 keys, 68 colors, 0 holes`: the preloaded heap. */
export interface XslPreload { instances: number; keys: number; colors: number; holes: number }

/**
 * `### warning: streetlight: startFirmware() … name: no const` — a function the preload reaches captures
 * module-scope state: `no const` (a binding that is not const), `not frozen` (an object that preload will freeze).
 * `path` is the chain of closures, `what` the finding, `line` the warning as printed after `### warning: `.
 */
export interface XslWarning { path: string; what: string; line: string }

/** xsl's output: the preload summary line and its warnings. */
export function parseXslOutput(output: string): { preload: XslPreload | undefined; warnings: XslWarning[]; errors: string[] } {
  const m = /### (\d+) instances, (\d+) keys, (\d+) colors, (\d+) holes/.exec(output);
  const preload = m ? { instances: Number(m[1]), keys: Number(m[2]), colors: Number(m[3]), holes: Number(m[4]) } : undefined;
  const warnings: XslWarning[] = [];
  const errors: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    const w = /^### warning: (.*): ([^:]+)$/.exec(line);
    if (w) warnings.push({ path: w[1]!, what: w[2]!, line: line.slice('### warning: '.length) });
    else if (/^### error|: error:|^make: \*\*\*|^# error/.test(line)) errors.push(line);
  }
  return { preload, warnings, errors };
}

/** Reviewed warnings: one per line, as xsl prints it after `### warning: `; `#` starts a comment. */
export function readReviewed(text: string): Set<string> {
  return new Set(text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l.length > 0));
}

