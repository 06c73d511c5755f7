/**
 * The device CLI (src/device-cli.ts) run exactly as fleet-server/README.md shows it ("Device identities"), from
 * the repository root, on a fresh data directory: the identity it writes is one a board boots with and the
 * server accepts; revoke refuses it; broker-config writes a Mosquitto configuration naming it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pb } from '@streetlight/protocol';
import { openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { CredentialsRepository, deriveDeviceKey, loadMasterKey, verifyBrokerPassword } from '../src/devices/identity.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** The commands of the README's "Device identities" block, one per line (comments left out). */
function documentedCommands(): string[] {
  const readme = readFileSync(join(ROOT, 'fleet-server/README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Device identities'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

describe('device CLI, as documented', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'device-cli-'));
  const outputs = ['SRL-0001.identity', 'SRL-0001.identity.csv', 'mosquitto'].map((f) => join(ROOT, f));
  afterAll(() => {
    for (const f of outputs) rmSync(f, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (command: string): string => execFileSync('bash', ['-c', command], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });

  it('provisions, revokes and writes the Mosquitto configuration', async () => {
    const [provision, revoke, brokerConfig] = documentedCommands();
    expect([provision, revoke, brokerConfig].every((c) => c?.includes('run device'))).toBe(true);
    for (const f of outputs) expect(existsSync(f), `${f} left from an earlier run`).toBe(false);

    expect(run(provision as string)).toMatch(/SRL-0001: provisioned for sarlat \(key generation 1/);
    const identityFile = join(ROOT, 'SRL-0001.identity');
    expect(statSync(identityFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${identityFile}.csv`, 'utf8')).toBe('key,type,encoding,value\nstreetlight,namespace,,\nidentity,file,binary,SRL-0001.identity\n');
    const id = pb.DeviceIdentity.decode(readFileSync(identityFile));
    expect(id).toMatchObject({ format: 1, deviceId: 'SRL-0001', tenant: 'sarlat', hardwareModel: 'SL-ESP32', mqttHost: '127.0.0.1', mqttPort: 1884, keyGeneration: 1 });
    // What the server keeps verifies the identity: the password's hash, the key derived from the master key.
    const repo = openSqlite(join(dataDir, 'fleet.sqlite'));
    const creds = new CredentialsRepository((repo as DrizzleRepository).adapter);
    const row = async () => creds.get('SRL-0001');
    {
      const stored = await row();
      expect(stored && verifyBrokerPassword(id.mqttPassword, stored.mqttPasswordHash)).toBe(true);
      expect(stored?.mqttPasswordHash).not.toContain(id.mqttPassword);
      expect(Buffer.from(deriveDeviceKey(loadMasterKey(join(dataDir, 'device-master.key'), false), 'sarlat', 'SRL-0001', 1)).equals(Buffer.from(id.deviceKey))).toBe(true);

      expect(run(brokerConfig as string)).toMatch(/Mosquitto configuration for 1 device\(s\)/);
      const dynsec = JSON.parse(readFileSync(join(ROOT, 'mosquitto/dynamic-security.json'), 'utf8')) as { clients: { username: string; clientid?: string }[] };
      expect(dynsec.clients.map((c) => [c.username, c.clientid])).toEqual([['fleet', undefined], ['SRL-0001', 'SRL-0001']]);
      expect(readFileSync(join(ROOT, 'mosquitto/mosquitto.conf'), 'utf8')).toMatch(/listener 1883 127\.0\.0\.1\nallow_anonymous false/);

      expect(run(revoke as string)).toMatch(/SRL-0001: revoked/);
      expect((await row())?.revokedAt).toBeGreaterThan(0);
      await repo.close();
    }
  }, 120_000);
});
