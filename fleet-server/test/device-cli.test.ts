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
import { CredentialsRepository, DeviceIdentities, deriveDeviceKey, hashClaimCode, loadMasterKey, verifyBrokerPassword } from '../src/devices/identity.js';
import { parseClaimPayload } from '../src/devices/labels.js';

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
  const outputs = ['SRL-0001.identity', 'SRL-0001.identity.csv', 'SRL-0001.identity.label.svg', 'mosquitto', 'batch', 'streetlight-1.4.0.slimg', 'boards'].map((f) => join(ROOT, f));
  afterAll(() => {
    for (const f of outputs) rmSync(f, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });
  const run = (command: string): string => execFileSync('bash', ['-c', command], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });

  it('provisions, revokes and writes the Mosquitto configuration', async () => {
    const [provision, revoke, brokerConfig, batch, image, flash] = documentedCommands();
    expect([provision, revoke, brokerConfig, batch, flash].every((c) => c?.includes('run device'))).toBe(true);
    expect(image).toContain('run image');
    for (const f of outputs) expect(existsSync(f), `${f} left from an earlier run`).toBe(false);

    const single = run(provision as string);
    expect(single).toMatch(/SRL-0001: provisioned for sarlat \(key generation 1/);
    // The label beside the identity, and the claim code it names: its hash is what the server keeps.
    const code = /claim code ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(single)?.[1];
    expect(code).toBeDefined();
    expect(single).toMatch(/[▀▄█]/); // the QR code in the terminal
    expect(readFileSync(join(ROOT, 'SRL-0001.identity.label.svg'), 'utf8')).toContain(code as string);
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

      const ids = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master: loadMasterKey(join(dataDir, 'device-master.key'), false), now: Date.now });
      expect(stored?.claimCodeHash).toBe(hashClaimCode(code as string));
      expect(await ids.checkClaim('sarlat', 'SRL-0001', (code as string).toLowerCase().replace(/-/g, ' '))).toBe('ok');
      expect(await ids.checkClaim('sarlat', 'SRL-0001', 'AAAA-BBBB-CCCC')).toBe('wrong_code');
      expect(await ids.checkClaim('domme', 'SRL-0001', code as string)).toBe('wrong_tenant');

      expect(run(revoke as string)).toMatch(/SRL-0001: revoked/);
      expect((await row())?.revokedAt).toBeGreaterThan(0);
      expect(await ids.checkClaim('sarlat', 'SRL-0001', code as string)).toBe('revoked');

      // The workshop batch: 20 controllers, their files, the label sheet; the JSON says what was made, no secret.
      const made = JSON.parse(run(batch as string)) as { tenant: string; labels: string; devices: Array<{ deviceId: string; keyGeneration: number; claimCode: string; identity: string; label: string }> };
      expect(made.devices.map((d) => d.deviceId)).toEqual(Array.from({ length: 20 }, (_, i) => `SRL-${String(101 + i).padStart(4, '0')}`));
      const sheet = readFileSync(made.labels, 'utf8');
      for (const d of made.devices) {
        const nvs = pb.DeviceIdentity.decode(readFileSync(d.identity));
        expect([nvs.deviceId, nvs.tenant, nvs.keyGeneration, statSync(d.identity).mode & 0o777]).toEqual([d.deviceId, 'sarlat', 1, 0o600]);
        expect(JSON.stringify(made)).not.toContain(nvs.mqttPassword);
        expect((await creds.get(d.deviceId))?.claimCodeHash).toBe(hashClaimCode(d.claimCode));
        expect(readFileSync(d.label, 'utf8')).toContain(d.claimCode);
        expect(sheet).toContain(d.claimCode);
        expect(parseClaimPayload(`SLC1:${d.deviceId}:${d.claimCode}`)).toEqual({ deviceId: d.deviceId, claimCode: d.claimCode });
      }
      expect(new Set(made.devices.map((d) => d.claimCode)).size).toBe(20);

      // Flashing the batch into simulated boards: each board's NVS holds its identity alone, its slot 0 the image.
      expect(run(image as string)).toMatch(/simulated image 1\.4\.0 for SL-ESP32 \(16384 bytes\)/);
      expect(run(flash as string)).toMatch(/20 simulated board\(s\) flashed in .*boards: identity in NVS, firmware 1\.4\.0 in slot 0/);
      const imageBytes = readFileSync(join(ROOT, 'streetlight-1.4.0.slimg'));
      for (const d of made.devices) {
        const nvs = JSON.parse(readFileSync(join(ROOT, 'boards', `${d.deviceId}.json`), 'utf8')) as { data: Record<string, string> };
        expect(Object.keys(nvs.data)).toEqual(['identity']);
        expect(Buffer.from(nvs.data.identity as string, 'base64').equals(readFileSync(d.identity))).toBe(true);
        expect(readFileSync(join(ROOT, 'boards', `${d.deviceId}.app0`)).equals(imageBytes)).toBe(true);
      }
      // An image for another model, or a file that is no image, is refused in words.
      // (straight through node: the command as documented is the one above)
      const refused = (args: string[]): string => {
        try {
          execFileSync(process.execPath, ['--conditions=@streetlight/source', '--import', 'tsx', 'src/device-cli.ts', 'flash', ...args], {
            cwd: join(ROOT, 'fleet-server'), encoding: 'utf8', env: { ...process.env, INIT_CWD: ROOT }, stdio: ['ignore', 'pipe', 'pipe'],
          });
          return '';
        } catch (err) {
          return String((err as { stderr?: string }).stderr);
        }
      };
      const flashArgs = ['--device', 'SRL-0101', '--identity-dir', './batch', '--sim-dir', './boards'];
      expect(refused([...flashArgs, '--image', './streetlight-1.4.0.slimg', '--model', 'SL-OTHER'])).toMatch(/built for SL-ESP32, not SL-OTHER/);
      expect(refused([...flashArgs, '--image', './batch/labels.html'])).toMatch(/is not a simulated firmware image/);
      await repo.close();
    }
  }, 300_000); // eight pnpm runs: minutes on a loaded machine
});
