/**
 * Issue 14: device credentials and keys are cached (src/devices/identity.ts, DeviceIdentities) so that checking a
 * frame costs no query and no key derivation — and a revocation still takes effect: at once on the instance that
 * revokes, within about `checkMs` on another instance sharing the database (or after the device CLI), through the
 * credentials' fingerprint. Re-provisioning elsewhere (a new key generation) likewise replaces the cached key.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { DeviceIdentities } from '../src/devices/identity.js';
import { provisionWith } from '../src/testing.js';
import { encodeDownlink, encodeUplink, PROTOCOL_VERSION } from '@streetlight/protocol';
import { waitFor } from './helpers.js';

const TENANT = 'cachetown';

/** Two instances' identities on one database (the second plays another server instance, or the device CLI). */
function twoInstances(checkMs: number) {
  const repo = openSqlite(':memory:') as DrizzleRepository;
  const master = new Uint8Array(randomBytes(32));
  const here = new DeviceIdentities({ adapter: repo.adapter, master, now: Date.now, checkMs });
  const there = new DeviceIdentities({ adapter: repo.adapter, master, now: Date.now, checkMs });
  // Credential reads of `here`, one per device not in its cache.
  let reads = 0;
  const get = here.repo.get.bind(here.repo);
  here.repo.get = async (id) => { reads++; return get(id); };
  return { repo, here, there, reads: () => reads };
}

const frame = (d: { uplink: (m: { seq: number; state: object }) => Uint8Array }, seq: number) => d.uplink({ seq, state: { level: 50 } });
const verify = async (ids: DeviceIdentities, deviceId: string, bytes: Uint8Array) => ids.verifyUplink(TENANT, deviceId, bytes);

describe('device credential cache (issue 14)', () => {
  it('checks frames from the cache, without a query per frame, synchronously once cached', async () => {
    const t = twoInstances(60_000);
    const d = await provisionWith(t.there, TENANT, 'c-1');
    expect(await verify(t.here, 'c-1', frame(d, 1))).toBe('ok');
    // The first fingerprint read (started by that check) drops what was cached before it: read once more.
    await new Promise((r) => setTimeout(r, 50));
    expect(await verify(t.here, 'c-1', frame(d, 2))).toBe('ok');
    for (let s = 3; s < 50; s++) expect(t.here.verifyUplink(TENANT, 'c-1', frame(d, s))).toBe('ok'); // no promise: cached
    expect(t.reads()).toBe(2);
    const sealed = t.here.sealDownlink('c-1', encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId: 'c-1', seq: 1 }));
    expect(sealed).toBeInstanceOf(Uint8Array);
    expect(d.authentic(sealed as Uint8Array)).toBe(true);
    expect(t.reads()).toBe(2);
    await t.repo.close();
  });

  it('a revocation on this instance takes effect at once', async () => {
    const t = twoInstances(60_000);
    const d = await provisionWith(t.here, TENANT, 'c-2');
    expect(await verify(t.here, 'c-2', frame(d, 1))).toBe('ok');
    expect(await t.here.revoke('c-2')).toBe(true);
    expect(await verify(t.here, 'c-2', frame(d, 2))).toBe('revoked');
    expect(await t.here.sealDownlink('c-2', encodeUplink({ protocolVersion: PROTOCOL_VERSION, deviceId: 'c-2', seq: 3 }))).toBeUndefined();
    await t.repo.close();
  });

  it('a revocation on another instance takes effect within about checkMs', async () => {
    const t = twoInstances(100);
    const d = await provisionWith(t.there, TENANT, 'c-3');
    const other = await provisionWith(t.there, TENANT, 'c-4');
    expect(await verify(t.here, 'c-3', frame(d, 1))).toBe('ok');
    expect(await verify(t.here, 'c-4', frame(other, 1))).toBe('ok');
    // Let the first fingerprint read happen (it drops what was cached before it), and cache again.
    await new Promise((r) => setTimeout(r, 150));
    await verify(t.here, 'c-3', frame(d, 2));
    await new Promise((r) => setTimeout(r, 20));
    expect(await verify(t.here, 'c-3', frame(d, 3))).toBe('ok');
    expect(await t.there.revoke('c-3')).toBe(true);
    const t0 = performance.now();
    let seq = 10;
    await waitFor(async () => (await verify(t.here, 'c-3', frame(d, seq++))) === 'revoked', 5000, 'the revocation seen by the other instance');
    expect(performance.now() - t0).toBeLessThan(2000);
    // The other device still passes (read again once, after the cache was dropped).
    expect(await verify(t.here, 'c-4', frame(other, 2))).toBe('ok');
    await t.repo.close();
  });

  it('a re-provisioning on another instance replaces the cached key: the old one is refused, the new one accepted', async () => {
    const t = twoInstances(100);
    const before = await provisionWith(t.there, TENANT, 'c-5');
    await new Promise((r) => setTimeout(r, 150));
    expect(await verify(t.here, 'c-5', frame(before, 1))).toBe('ok');
    await new Promise((r) => setTimeout(r, 150));
    expect(await verify(t.here, 'c-5', frame(before, 2))).toBe('ok');
    const after = await provisionWith(t.there, TENANT, 'c-5'); // generation 2
    let seq = 10;
    await waitFor(async () => (await verify(t.here, 'c-5', frame(before, seq++))) === 'bad_mac', 5000, 'the old key refused');
    expect(await verify(t.here, 'c-5', frame(after, seq++))).toBe('ok');
    await t.repo.close();
  });
});
