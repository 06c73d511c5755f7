/**
 * firmware/moddable/partitions.csv against what the firmware and the SDK open (issue 12, item 6: mods were
 * written to "xs", which the table lacked): every partition present, app slots 64 KiB aligned, nothing overlapping,
 * all inside 4 MB of flash; and the device build's check of the creation the tools really link with.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { creationMismatch, parseLinkedCreation } from '../scripts/device-build.js';

const FIRMWARE = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Partition { name: string; type: string; subtype: string; offset: number; size: number }

function partitions(): Partition[] {
  return readFileSync(join(FIRMWARE, 'moddable', 'partitions.csv'), 'utf8').split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [name, type, subtype, offset, size] = l.split(',').map((c) => c.trim());
      return { name: name as string, type: type as string, subtype: subtype as string, offset: Number(offset), size: Number(size) };
    });
}

describe('partition table', () => {
  const table = partitions();
  const byName = new Map(table.map((p) => [p.name, p]));

  it('has every partition the firmware and the SDK open', () => {
    expect(byName.get('nvs')).toMatchObject({ type: 'data', subtype: 'nvs' });
    expect(byName.get('otadata')).toMatchObject({ type: 'data', subtype: 'ota' });
    expect(byName.get('ota_0')).toMatchObject({ type: 'app', subtype: 'ota_0' });
    expect(byName.get('ota_1')).toMatchObject({ type: 'app', subtype: 'ota_1' });
    expect(byName.get('meter')).toMatchObject({ type: 'data' }); // flashPartitions: 'meterlog' → 'meter'
    // update-esp32.ts writes a mod to the path "xs": the SDK opens esp_partition_find_first(0x40, 1, NULL).
    expect(byName.get('xs')).toMatchObject({ type: '0x40', subtype: '1' });
  });

  it('aligns app slots to 64 KiB, overlaps nothing and fits 4 MB', () => {
    for (const p of table.filter((x) => x.type === 'app')) expect(p.offset % 0x10000, p.name).toBe(0);
    const sorted = [...table].sort((a, b) => a.offset - b.offset);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1] as Partition;
      expect((sorted[i] as Partition).offset, `${prev.name} / ${(sorted[i] as Partition).name}`).toBeGreaterThanOrEqual(prev.offset + prev.size);
    }
    const last = sorted.at(-1) as Partition;
    expect(last.offset + last.size).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(byName.get('ota_0')?.size).toBe(byName.get('ota_1')?.size);
  });
});

describe('creation the tools link with', () => {
  const manifest = JSON.parse(readFileSync(join(FIRMWARE, 'manifest.json'), 'utf8')) as { creation: Parameters<typeof creationMismatch>[0] };

  it("reads mcconfig's CREATION line and names every field that differs from the manifest", () => {
    const linked = parseLinkedCreation('X = 1\nCREATION = -c 78848,0,4928,0,768,32,32,127,61,1024,17,0,main,0\n');
    expect(linked).toEqual({ chunk: { initial: 78848, incremental: 0 }, heap: { initial: 4928, incremental: 0 }, stack: 768, keys: { initial: 32, incremental: 32, name: 127, symbol: 61 } });
    // What 'keys.available' under the base manifest's keys.initial gave (issue 12, item 7).
    expect(creationMismatch({ keys: { available: 128 } }, linked!)).toEqual(['keys.initial: manifest 128, linked 32']);
    expect(creationMismatch(manifest.creation, { ...linked!, keys: { initial: 128, incremental: 0, name: 127, symbol: 61 } })).toEqual([]);
  });

  it('the manifest states keys.initial and incremental explicitly (the fixed heap of the device)', () => {
    expect(manifest.creation.keys).toMatchObject({ initial: 128, incremental: 0 });
  });
});
