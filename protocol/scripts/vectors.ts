/**
 * Regenerates the golden vectors (test/vectors/<name>.bin and test/vectors/index.json) from the list in
 * test/vectors/index.ts. The bytes come from the protobufjs codec; the script refuses to write them if the
 * lean codec disagrees, so a committed vector is always one both codecs produce.
 *
 *   tsx scripts/vectors.ts
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeVector, leanEncodeVector, vectorsJson } from '../test/helpers/vectors.js';
import { VECTORS } from '../test/vectors/index.js';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/vectors');

const names = new Set<string>();
for (const v of VECTORS) {
  if (names.has(v.name)) throw new Error(`duplicate vector name ${v.name}`);
  names.add(v.name);
  const bytes = encodeVector(v);
  const lean = leanEncodeVector(v);
  if (Buffer.compare(bytes, lean) !== 0) {
    throw new Error(`vector ${v.name}: lean codec bytes differ from protobufjs\n  pbjs ${Buffer.from(bytes).toString('hex')}\n  lean ${Buffer.from(lean).toString('hex')}`);
  }
  writeFileSync(path.join(DIR, `${v.name}.bin`), bytes);
}
for (const f of readdirSync(DIR)) {
  if (f.endsWith('.bin') && !names.has(f.slice(0, -4))) rmSync(path.join(DIR, f));
}
writeFileSync(path.join(DIR, 'index.json'), vectorsJson(VECTORS));
process.stdout.write(`vectors: wrote ${VECTORS.length} vectors to ${path.relative(process.cwd(), DIR)}\n`);
