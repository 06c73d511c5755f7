/** Data outlives the process: a second app on the same DATA_DIR (and on PostgreSQL, the same schema) sees it. */
import { afterAll, describe, expect, it } from 'vitest';
import { uplinkTopic } from '@streetlight/protocol';
import { build, type BuildOptions } from '../src/app.js';
import { authedInject, provisionDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

async function survivesRestart(config: BuildOptions['config']): Promise<void> {
  const first = await build({ config, logger: false });
  await (await authedInject(first))({ method: 'POST', url: '/api/tenants/arles/inventory', payload: [{ deviceId: 'sl-9', lat: 43.68, lon: 4.63, group: 'rue-x' }] });
  // Issue 11: provisioned first (its credential and the master key in DATA_DIR outlive the process too), Hello sealed.
  const sl9 = await provisionDevice(first, 'arles', 'sl-9');
  await first.devices.handleMessage(uplinkTopic('arles', 'sl-9'), sl9.uplink({ seq: 1, hello: { firmwareVersion: '2.0.0' } }));
  await first.close();

  const second = await build({ config, logger: false });
  try {
    const inject = await authedInject(second);
    const d = (await inject('/api/tenants/arles/devices/sl-9')).json();
    expect(d).toMatchObject({ registered: true, firmwareVersion: '2.0.0', inventory: { group: 'rue-x' }, desired: { configVersion: 1 } });
    expect(d.downlinks).toEqual([expect.objectContaining({ seq: 2, kind: 'config' })]); // seq 1: the TimeSync, not a row (issue 14)
    // Downlink seqs continue where they stopped (the new process re-sends the unapplied config, then the override).
    await inject({ method: 'PUT', url: '/api/tenants/arles/devices/sl-9/override', payload: { level: 5, durationS: 60 } });
    const after = (await inject('/api/tenants/arles/devices/sl-9')).json().downlinks;
    expect(after.map((x: { seq: number; kind: string }) => [x.seq, x.kind])).toEqual([[4, 'set_override'], [3, 'config'], [2, 'config']]);
  } finally {
    await second.close();
  }
}

describe('restart', () => {
  const schema = uniqueSchema();
  afterAll(() => dropPgSchema(schema));

  it('keeps data in the SQLite file of DATA_DIR', async () => {
    await survivesRestart({ dataDir: tempDir(), httpPort: 0, mqttPort: 0 });
  });

  it('keeps data in PostgreSQL', async () => {
    await survivesRestart({ dataDir: tempDir(), httpPort: 0, mqttPort: 0, databaseUrl: TEST_PG_URL, databaseSchema: schema });
  });
});
