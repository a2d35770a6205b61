// Users as `firebase auth:export --format=json` writes them, split by how their password is
// hashed: Firebase's modified scrypt (`firebase-scrypt$…`, users who never signed in to Winky)
// goes to auth-users.json with the console's hash parameters; our own scrypt (`scrypt$…`,
// rehashed at a sign-in) is plain scrypt, Firebase's STANDARD_SCRYPT, in a second file.
import { createHash } from "node:crypto";
import type { ExportedUser } from "@winky/admin-client";

/** One user of an auth:export file. */
export type FirebaseUser = Record<string, unknown> & { localId: string };

/** One users file and the hash parameters its hashes share (null: none has a password). */
export interface UsersFile {
  users: FirebaseUser[];
  /** The `hash_config { … }` text, as the console shows it. */
  hashConfig: string | null;
  /** firebase-tools' flags for the parameters, for the README. */
  importFlags: string | null;
}

export interface UsersExport {
  firebase: UsersFile;
  standard: UsersFile;
  /** Users whose hash uses parameters other than their file's: exported without it. */
  leftWithoutPassword: { uid: string; reason: string }[];
}

interface Hashed {
  /** The parameters as text: users sharing it share a hash config. */
  key: string;
  params: Record<string, string | number>;
  hash: Buffer;
  salt: Buffer;
}

const b64url = (s: string) => Buffer.from(s, "base64url");

/** The parameters and bytes of a stored hash; null for a form no Firebase algorithm takes. */
function parseStored(stored: string): (Hashed & { algo: "SCRYPT" | "STANDARD_SCRYPT" }) | null {
  const fb = /^firebase-scrypt\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]*)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (fb) {
    const [, memCost, rounds, signerKey, separator, salt, hash] = fb as unknown as string[];
    const params = {
      base64_signer_key: b64url(signerKey!).toString("base64"),
      base64_salt_separator: b64url(separator!).toString("base64"),
      rounds: Number(rounds),
      mem_cost: Number(memCost),
    };
    const key = JSON.stringify(params);
    return { algo: "SCRYPT", key, params, hash: b64url(hash!), salt: b64url(salt!) };
  }
  const std = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored);
  if (std) {
    const [, n, r, p, salt, hash] = std as unknown as string[];
    const bytes = b64url(hash!);
    const params = {
      mem_cost: Math.log2(Number(n)),
      rounds: Number(r),
      parallelization: Number(p),
      dk_len: bytes.length,
    };
    return {
      algo: "STANDARD_SCRYPT",
      key: JSON.stringify(params),
      params,
      hash: bytes,
      salt: b64url(salt!),
    };
  }
  return null;
}

/** Winky's provider ids back to Firebase's: Google is `google.com`, the rest OpenID Connect. */
const firebaseProviderId = (id: string) => (id === "google" ? "google.com" : `oidc.${id}`);

function toFirebase(user: ExportedUser, hashed: Hashed | null): FirebaseUser {
  const infos: Record<string, unknown>[] = [];
  if (hashed && user.email) {
    infos.push({
      providerId: "password",
      rawId: user.email,
      email: user.email,
      federatedId: user.email,
    });
  }
  for (const p of user.providers) {
    infos.push({
      providerId: firebaseProviderId(p.providerId),
      rawId: p.subject,
      federatedId: p.subject,
      ...(p.email ? { email: p.email } : {}),
    });
  }
  const claims = Object.keys(user.customClaims).length > 0;
  return {
    localId: user.uid,
    ...(user.email ? { email: user.email } : {}),
    emailVerified: user.emailVerified,
    ...(hashed
      ? { passwordHash: hashed.hash.toString("base64"), salt: hashed.salt.toString("base64") }
      : {}),
    createdAt: String(Date.parse(user.createdAt)),
    ...(user.lastSignInAt ? { lastSignedInAt: String(Date.parse(user.lastSignInAt)) } : {}),
    disabled: user.disabled,
    ...(claims ? { customAttributes: JSON.stringify(user.customClaims) } : {}),
    providerUserInfo: infos,
  };
}

/** Splits and converts every user; each file's hashes share its most common parameters. */
export function exportUsers(users: readonly ExportedUser[]): UsersExport {
  const parsed = users.map((u) => ({
    user: u,
    hashed: u.passwordHash ? parseStored(u.passwordHash) : null,
  }));
  const majority = (algo: string) => {
    const counts = new Map<string, number>();
    for (const { hashed } of parsed) {
      if (hashed?.algo === algo) counts.set(hashed.key, (counts.get(hashed.key) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  };
  const chosen = { SCRYPT: majority("SCRYPT"), STANDARD_SCRYPT: majority("STANDARD_SCRYPT") };
  const result: UsersExport = {
    firebase: { users: [], hashConfig: null, importFlags: null },
    standard: { users: [], hashConfig: null, importFlags: null },
    leftWithoutPassword: [],
  };
  for (const { user, hashed } of parsed) {
    if (user.passwordHash && !hashed) {
      result.leftWithoutPassword.push({
        uid: user.uid,
        reason: "its hash is in no form Firebase imports",
      });
      result.firebase.users.push(toFirebase(user, null));
    } else if (hashed && hashed.key !== chosen[hashed.algo]) {
      // Name the parameters by what may be shown: never the signer key or the salt separator.
      const reason = `its ${hashed.algo} parameters differ from the other users' (${shownParams(hashed.key)})`;
      result.leftWithoutPassword.push({ uid: user.uid, reason });
      result.firebase.users.push(toFirebase(user, null));
    } else if (hashed?.algo === "STANDARD_SCRYPT") {
      result.standard.users.push(toFirebase(user, hashed));
    } else {
      result.firebase.users.push(toFirebase(user, hashed));
    }
  }
  for (const [file, algo] of [
    [result.firebase, "SCRYPT"],
    [result.standard, "STANDARD_SCRYPT"],
  ] as const) {
    const key = chosen[algo];
    if (key === null) continue;
    const params = JSON.parse(key) as Record<string, string | number>;
    file.hashConfig = hashConfigText(algo, params);
    file.importFlags = importFlags(algo, params);
  }
  return result;
}

/** The console's block: `hash_config {`, `key: value,` lines, `}`. */
function hashConfigText(algo: string, params: Record<string, string | number>): string {
  const lines = [
    `  algorithm: ${algo},`,
    ...Object.entries(params).map(([k, v]) => `  ${k}: ${v},`),
  ];
  return `hash_config {\n${lines.join("\n")}\n}\n`;
}

const FLAGS: Record<string, string> = {
  base64_signer_key: "--hash-key",
  base64_salt_separator: "--salt-separator",
  rounds: "--rounds",
  mem_cost: "--mem-cost",
  parallelization: "--parallelization",
  dk_len: "--dk-len",
};

function importFlags(algo: string, params: Record<string, string | number>): string {
  const flags = Object.entries(params).map(([k, v]) =>
    FLAGS[k] === "--hash-key" || FLAGS[k] === "--salt-separator"
      ? `${FLAGS[k]}=<${k}>`
      : `${FLAGS[k]}=${v}`,
  );
  return [`--hash-algo=${algo}`, ...flags].join(" ");
}

/** The cost parameters of a parameter set, for messages: the keys it holds are never shown. */
function shownParams(key: string): string {
  const params = JSON.parse(key) as Record<string, string | number>;
  const shown = Object.entries(params)
    .filter(([name]) => !/key|separator/i.test(name))
    .map(([name, value]) => `${name} ${value}`);
  // Two keys with the same costs still differ: a digest tells them apart and reveals nothing.
  const signer = params.base64_signer_key;
  if (typeof signer === "string") {
    shown.push(
      `signer key sha256:${createHash("sha256").update(signer).digest("hex").slice(0, 12)}`,
    );
  }
  return shown.join(", ");
}
