import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends every test run with the ten slowest tests and the wall time of the slowest files (issue 13: where the
 * suite's time goes, measured at every run), then one plain line, `tests: N passed, N failed, N skipped`, the
 * form CI reads.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const slow: { ms: number; name: string }[] = [];
    const files: { ms: number; name: string }[] = [];
    for (const mod of testModules) {
      const where = `${mod.project.name} ${mod.relativeModuleId}`;
      files.push({ ms: mod.diagnostic().duration, name: where });
      for (const test of mod.children.allTests()) {
        const d = test.diagnostic();
        if (d) slow.push({ ms: d.duration, name: `${where} › ${test.fullName}` });
      }
    }
    const line = (x: { ms: number; name: string }): string => `  ${(x.ms / 1000).toFixed(1).padStart(6)} s  ${x.name}\n`;
    if (slow.length > 0) {
      process.stdout.write(`\nslowest tests:\n${slow.sort((a, b) => b.ms - a.ms).slice(0, 10).map(line).join('')}`);
      process.stdout.write(`slowest files:\n${files.sort((a, b) => b.ms - a.ms).slice(0, 5).map(line).join('')}`);
    }
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests but is a failure.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) failed++;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
