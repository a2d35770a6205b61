/**
 * The `hashing` namespace: CRC-32 (IEEE), CRC-32C (Castagnoli), MD5 and SHA-256 of bytes or of
 * a string's UTF-8 encoding.
 */
import { createHash } from "node:crypto";

/** The 256-entry lookup table of a reflected CRC-32 with polynomial `poly` (bit-reversed form). */
function crcTable(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crcTable(0xedb88320);
const CRC32C_TABLE = crcTable(0x82f63b78);

function crc(table: Uint32Array, data: Uint8Array): Uint8Array {
  let c = 0xffffffff;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  c = (c ^ 0xffffffff) >>> 0;
  // Production returns the CRC's bytes least-significant first:
  // hashing.crc32('123456789').toHexString() == '2639F4CB' (the CRC is 0xCBF43926).
  return Uint8Array.of(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, c >>> 24);
}

export function crc32(data: Uint8Array): Uint8Array {
  return crc(CRC32_TABLE, data);
}

export function crc32c(data: Uint8Array): Uint8Array {
  return crc(CRC32C_TABLE, data);
}

export function md5(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("md5").update(data).digest());
}

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}
