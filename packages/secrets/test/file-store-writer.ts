// A separate process writing to a shared secrets file, for the cross-process lock test:
//   node --import tsx file-store-writer.ts <file> <base64url key> <label> <count>
// Sets SHARED and <label>_<i> <count> times each, then exits.
import { EncryptedFileSecretStore } from "../src/encrypted-file-secret-store.js";

const [file, key, label, count] = process.argv.slice(2);
if (!file || !key || !label || !count) throw new Error("usage: <file> <key> <label> <count>");
const store = new EncryptedFileSecretStore({
  file,
  masterKey: Buffer.from(key, "base64url"),
  maxVersions: 1000,
  lockTimeoutMs: 60_000,
});
for (let i = 0; i < Number(count); i++) {
  await store.set("p-procs", "SHARED", `${label}-${i}`);
  await store.set("p-procs", `${label}_${i}`, `${label}-${i}`);
}
