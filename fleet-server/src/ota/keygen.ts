/**
 * Creates an ECDSA P-256 OTA signing key:
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run ota:keygen -- --out /etc/streetlight/ota-signing.pem
 * Prints the key id and the raw public key to put in the devices' factory configuration (trusted keys).
 * Keep the private key outside the database and its backups; rotate by adding the new public key to devices
 * before signing with it.
 */
import { parseArgs } from 'node:util';
import { generateSigningKey, SigningKeyError } from './signing.js';

// `pnpm run ota:keygen -- --out …` hands the script the `--` too.
const { values } = parseArgs({ args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')), options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('usage: ota:keygen --out <path of the new PEM private key>');
  process.exit(2);
}
try {
  const key = generateSigningKey(values.out);
  const pub = Buffer.from(key.publicKey);
  console.log(`private key   ${values.out} (mode 0600)`);
  console.log(`key id        ${key.keyId}`);
  console.log(`public key    base64 ${pub.toString('base64')}`);
  console.log(`              hex    ${pub.toString('hex')}`);
} catch (err) {
  if (err instanceof SigningKeyError) {
    console.error(`ota:keygen: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
