/** Reading xsl's output in the device build (scripts/xsl-report.ts): the lines below are as xsl 8.2.3 prints them. */
import { describe, expect, it } from 'vitest';
import { parseXslOutput, readReviewed } from '../scripts/xsl-report.js';

const OUTPUT = [
  '# xsid flash-esp32.h.xsi',
  '# xsl modules',
  '### warning: streetlight: startFirmware() LuminaireController() 0() 0() MIN_VALID_TIME_MS: no const',
  '### warning: streetlight: startFirmware() LuminaireController() 0() 0() DEFAULTS: not frozen',
  '### warning: streetlight: moddableHost() lr() xs: not frozen',
  '### 1587 instances, 1758 keys, 68 colors, 0 holes',
].join('\n');

describe('xsl output', () => {
  it('gives the preload summary and each warning with its closure path and finding', () => {
    const r = parseXslOutput(OUTPUT);
    expect(r.preload).toEqual({ instances: 1587, keys: 1758, colors: 68, holes: 0 });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.what)).toEqual(['no const', 'not frozen', 'not frozen']);
    expect(r.warnings[2]).toEqual({ path: 'streetlight: moddableHost() lr() xs', what: 'not frozen', line: 'streetlight: moddableHost() lr() xs: not frozen' });
  });

  it('reports errors and a missing summary', () => {
    const r = parseXslOutput('# xsc main.xsb\n/x/main.js:3: error: missing ;\nmake: *** [makefile:120: mc.xs.c] Error 1\n');
    expect(r.preload).toBeUndefined();
    expect(r.errors).toHaveLength(2);
  });

  it('reads the reviewed list: one warning a line, comments and blank lines ignored', () => {
    const set = readReviewed('# reviewed 2026-12-07\nstreetlight: moddableHost() lr() xs: not frozen  # the host object, read-only once preloaded\n\n');
    expect([...set]).toEqual(['streetlight: moddableHost() lr() xs: not frozen']);
  });
});
