/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as zlib's `crc32`; check value of "123456789" is 0xCBF43926. */
function makeTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

// Computed when the module loads: on the device that is at preload, so the 1 KiB table lives in flash (a
// module-scope binding assigned later would throw there: preloaded modules are frozen).
const table = makeTable();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = table;
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
