// The acceptance fixture: the notes app in `fixtures/notes-project` (config, rules, indexes, 13
// functions of every kind) plus what is generated here, deterministically: 1,000 documents with
// subcollections and every value type, 50 users with Firebase scrypt hashes, 20 storage files.
import { createCipheriv, scryptSync } from "node:crypto";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE_SOURCE = fileURLToPath(
  new URL("../../fixtures/notes-project", import.meta.url),
);

/** The hash parameters in the fixture's auth-hash-config.txt (firebase/scrypt's example). */
const HASH = {
  signerKey:
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA==",
  saltSeparator: "Bw==",
  rounds: 8,
  memCost: 14,
};

/** user-00's hash was made by Firebase (firebase/scrypt's published example), not by us. */
export const FIREBASE_MADE_USER = {
  uid: "user-00",
  email: "user00@example.com",
  password: "user1password",
  salt: "42xEC+ixf3L2lw==",
  passwordHash:
    "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ==",
};

export const FIXTURE_COUNTS = { documents: 1000, users: 50, files: 20, functions: 13 };

export const passwordOf = (i: number) =>
  i === 0 ? FIREBASE_MADE_USER.password : `correct horse ${i}`;

/** Copies the fixture into `dir` (which must be empty or absent) and generates the rest. */
export async function makeFixtureProject(dir: string): Promise<void> {
  await cp(FIXTURE_SOURCE, dir, { recursive: true });
  await mkdir(path.join(dir, "firestore-data"), { recursive: true });
  await writeFile(
    path.join(dir, "firestore-data", "notes.json"),
    JSON.stringify({ documents: documents() }, null, 1),
  );
  await writeFile(path.join(dir, "auth-users.json"), JSON.stringify({ users: users() }, null, 2));
  for (let i = 0; i < FIXTURE_COUNTS.files; i++) {
    const name = i < 16 ? `images/user-${pad(i % 8)}/photo-${i}.png` : `public/notes-${i}.txt`;
    const bytes = i < 16 ? png(i) : Buffer.from(`public note ${i}\n`);
    await mkdir(path.dirname(path.join(dir, "storage-files", name)), { recursive: true });
    await writeFile(path.join(dir, "storage-files", name), bytes);
  }
}

const pad = (i: number) => String(i).padStart(2, "0");
const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();

type Doc = { name: string; fields: Record<string, unknown> };

/** 50 users + 750 notes + 150 revisions + 30 tags + 20 samples = 1,000 documents. */
function documents(): Doc[] {
  const docs: Doc[] = [];
  for (let u = 0; u < 50; u++) {
    const uid = `user-${pad(u)}`;
    docs.push({
      name: `users/${uid}`,
      fields: {
        email: { stringValue: `user${pad(u)}@example.com` },
        noteCount: { integerValue: "15" },
      },
    });
    for (let n = 0; n < 15; n++) {
      const note = `users/${uid}/notes/note-${pad(n)}`;
      docs.push({
        name: note,
        fields: {
          title: { stringValue: `Note ${n} of ${uid}` },
          body: { stringValue: `# Heading\n\nSome *markdown* ${u * 15 + n}` },
          pinned: { booleanValue: n % 5 === 0 },
          tags: { arrayValue: { values: [{ stringValue: `tag-${n % 30}` }] } },
          updatedAt: { timestampValue: at(u * 15 + n) },
        },
      });
      if (n < 3)
        docs.push({
          name: `${note}/revisions/r1`,
          fields: { body: { stringValue: "first draft" }, savedAt: { timestampValue: at(n) } },
        });
    }
  }
  for (let t = 0; t < 30; t++) {
    docs.push({
      name: `tags/tag-${t}`,
      fields: { name: { stringValue: `Tag ${t}` }, slug: { stringValue: `tag ${t}` } },
    });
  }
  for (let s = 0; s < 20; s++)
    docs.push({ name: `samples/sample-${pad(s)}`, fields: everyType(s) });
  return docs;
}

/** Every Firestore value type, with edge values. */
function everyType(s: number): Record<string, unknown> {
  return {
    nothing: { nullValue: null },
    yes: { booleanValue: s % 2 === 0 },
    count: {
      integerValue: s === 0 ? "9223372036854775807" : s === 1 ? "-9223372036854775808" : String(s),
    },
    ratio:
      s === 2
        ? { doubleValue: "NaN" }
        : s === 3
          ? { doubleValue: "Infinity" }
          : { doubleValue: s + 0.5 },
    at: { timestampValue: s === 4 ? "2024-02-29T23:59:59.123456Z" : at(s) },
    text: { stringValue: s === 5 ? "ünïcødé ✓ 日本語" : `sample ${s}` },
    raw: { bytesValue: Buffer.from([0, 1, 2, 255, s]).toString("base64") },
    owner: {
      referenceValue: `projects/notes-fixture/databases/(default)/documents/users/user-${pad(s)}`,
    },
    place: { geoPointValue: { latitude: 48.8566 + s / 100, longitude: 2.3522 - s / 100 } },
    list: {
      arrayValue: {
        values: [
          { integerValue: "1" },
          { stringValue: "two" },
          { mapValue: { fields: { three: { doubleValue: 3 } } } },
        ],
      },
    },
    nested: {
      mapValue: { fields: { level: { mapValue: { fields: { deep: { booleanValue: true } } } } } },
    },
  };
}

function users(): unknown[] {
  const list: unknown[] = [];
  for (let i = 0; i < FIXTURE_COUNTS.users; i++) {
    const salt =
      i === 0 ? FIREBASE_MADE_USER.salt : Buffer.from(`salt-${pad(i)}`).toString("base64");
    const passwordHash =
      i === 0 ? FIREBASE_MADE_USER.passwordHash : firebaseScrypt(passwordOf(i), salt);
    list.push({
      localId: `user-${pad(i)}`,
      email: `user${pad(i)}@example.com`,
      emailVerified: i % 3 !== 0,
      passwordHash,
      salt,
      createdAt: String(Date.UTC(2023, 5, 1) + i * 86_400_000),
      lastSignedInAt: String(Date.UTC(2024, 5, 1) + i * 86_400_000),
      disabled: i === 49,
      ...(i === 1 ? { customAttributes: JSON.stringify({ roles: ["admin"] }) } : {}),
      ...(i % 10 === 2 ? { displayName: `User ${i}` } : {}),
      providerUserInfo: [
        {
          providerId: "password",
          rawId: `user${pad(i)}@example.com`,
          email: `user${pad(i)}@example.com`,
        },
        ...(i % 7 === 3
          ? [{ providerId: "google.com", rawId: `10${pad(i)}77`, email: `user${pad(i)}@gmail.com` }]
          : []),
      ],
    });
  }
  return list;
}

/** Firebase's modified scrypt, to make the fixture's hashes (the runtime verifies them). */
function firebaseScrypt(password: string, saltB64: string): string {
  const salt = Buffer.concat([
    Buffer.from(saltB64, "base64"),
    Buffer.from(HASH.saltSeparator, "base64"),
  ]);
  const key = scryptSync(password, salt, 64, {
    N: 2 ** HASH.memCost,
    r: HASH.rounds,
    p: 1,
    maxmem: 256 * 1024 * 1024,
  });
  const cipher = createCipheriv("aes-256-ctr", key.subarray(0, 32), Buffer.alloc(16, 0));
  return Buffer.concat([
    cipher.update(Buffer.from(HASH.signerKey, "base64")),
    cipher.final(),
  ]).toString("base64");
}

/** A tiny valid PNG-looking payload: the signature and a marker byte. */
function png(i: number): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.from([i]),
  ]);
}
