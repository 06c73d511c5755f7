/**
 * vitest global setup of the suites that run boards on the device-conditions host (`runtime: 'device'`): builds
 * it for the current sources if the cache lacks it (about a minute; the Moddable tools too on a new machine) and
 * hands its path to the test workers.
 */
import { ensureDevhost } from './devhost-build.js';

export default async function setup(): Promise<void> {
  const report = await ensureDevhost({ say: (text) => process.stderr.write(`build:devhost: ${text}\n`) });
  process.env.STREETLIGHT_DEVHOST = report.bin;
}
