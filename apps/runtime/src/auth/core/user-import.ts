import { z } from "zod";
import { validateCustomClaims, type CustomClaims } from "./custom-claims.js";
import { emailKey, normalizeEmail } from "./email.js";
import { formatFirebaseScryptHash } from "./firebase-scrypt.js";
import type { UserIdentity } from "./identities.js";
import { checkProviderId } from "./oidc/provider-config.js";
import { assertStoredPasswordHash, MAX_IMPORTED_HASH_BYTES, storedHashCost } from "./passwords.js";
import { standardScrypt } from "./standard-scrypt.js";
import type { AuthUser } from "./users.js";

/** Users per import request, as Firebase's `importUsers`. */
export const MAX_IMPORT_USERS = 1000;

// Firebase exports standard base64; base64url is accepted too (Buffer decodes both).
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const isBase64 = (s: string) => BASE64.test(s) && s.replace(/=+$/, "").length % 4 !== 1;
const base64 = (max: number) => z.string().max(max).refine(isBase64, "must be base64");
// Uids travel in URLs, tokens and logs: printable only (Firebase allows any, up to 128).
const PRINTABLE = /^[^\p{Cc}\p{Cs}]*$/u;
const printable = (min: number, max: number) =>
  z.string().min(min).max(max).regex(PRINTABLE, "must not contain control characters");
const timestamp = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An error of the auth core (`invalid-email`, `invalid-claims`) as an issue at this field. */
function checked<T>(check: (value: unknown) => T) {
  return (value: unknown, ctx: z.RefinementCtx): T => {
    try {
      return check(value);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: messageOf(e) });
      return z.NEVER;
    }
  };
}

const HashConfig = z.discriminatedUnion("algorithm", [
  z
    .object({
      algorithm: z.literal("SCRYPT"),
      signerKey: base64(344).min(1),
      saltSeparator: base64(88),
      // Firebase's own ranges (its console and auth:import accept no more).
      rounds: z.number().int().min(1).max(8),
      memCost: z.number().int().min(1).max(14),
    })
    .strict(),
  // Our own stored forms (`scrypt$…`, `firebase-scrypt$…`): what the export writes.
  z.object({ algorithm: z.literal("WINKY") }).strict(),
  // Plain scrypt as `firebase auth:import --hash-algo=STANDARD_SCRYPT` names it: what `winky
  // export` writes for users our scrypt rehashed. N = 2^memCost, r = rounds, p = parallelization.
  // Our verify NFC-normalises the password and Firebase's does not: a hash Firebase made of a
  // password in another normal form (NFD from some macOS input) will not match here.
  z
    .object({
      algorithm: z.literal("STANDARD_SCRYPT"),
      memCost: z.number().int().min(1).max(20),
      rounds: z.number().int().min(1).max(32),
      parallelization: z.number().int().min(1).max(16),
      dkLen: z.number().int().min(16).max(128),
    })
    .strict(),
]);

const Provider = z
  .object({
    providerId: z.string().refine((id) => {
      try {
        return checkProviderId(id) === id;
      } catch {
        return false;
      }
    }, "must be a provider id of the project: 2–32 of a-z, 0-9 and '-', like 'google'"),
    subject: printable(1, 255),
    email: printable(0, 320).nullable().default(null),
  })
  .strict();

const User = z
  .object({
    uid: printable(1, 128),
    email: z
      .unknown()
      .optional()
      .transform(checked((e) => (e == null ? null : normalizeEmail(e)))),
    emailVerified: z.boolean().default(false),
    disabled: z.boolean().default(false),
    anonymous: z.boolean().default(false),
    passwordHash: z.string().max(2000).nullable().default(null),
    salt: base64(400).nullable().default(null),
    customClaims: z
      .unknown()
      .optional()
      .transform(checked((c) => validateCustomClaims(c ?? {}))),
    createdAt: timestamp.nullable().default(null),
    lastSignInAt: timestamp.nullable().default(null),
    providers: z.array(Provider).max(20).default([]),
  })
  .strict();

/** One user as the import writes it: `passwordHash` in our stored form. */
export interface ImportedUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  disabled: boolean;
  anonymous: boolean;
  passwordHash: string | null;
  customClaims: CustomClaims;
  createdAt: Date | null;
  lastSignInAt: Date | null;
  providers: { providerId: string; subject: string; email: string | null }[];
}

/**
 * The body of `POST …/admin/users:import`, checked field by field and converted: emails
 * normalised as sign-up does, claims checked as the claims route does, Firebase hashes turned
 * into `firebase-scrypt$…`. Issues name their path (`users[3].email`), and a uid, email or
 * identity repeated within the batch is one (the store decides against existing users).
 */
export const UserImportBody = z
  .object({
    hashConfig: HashConfig.optional(),
    users: z.array(User).max(MAX_IMPORT_USERS),
  })
  .strict()
  .transform((body, ctx): ImportedUser[] => {
    const seen = new Map<string, string>();
    const issue = (i: number, field: (string | number)[], message: string) =>
      ctx.addIssue({ code: "custom", message, path: ["users", i, ...field] });
    const once = (key: string, i: number, field: (string | number)[], what: string) => {
      const first = seen.get(key);
      if (first !== undefined) issue(i, field, `${what} is also ${first}'s`);
      else seen.set(key, `users[${i}]`);
    };
    const hashed = body.users.findIndex((u) => u.passwordHash !== null);
    if (hashed >= 0 && !body.hashConfig) {
      ctx.addIssue({
        code: "custom",
        message: `required when a user has a passwordHash (users[${hashed}])`,
        path: ["hashConfig"],
      });
    }
    const users = body.users.map(({ salt, ...user }, i): ImportedUser => {
      once(`uid:${user.uid}`, i, ["uid"], `uid '${user.uid}'`);
      if (user.email) once(`email:${emailKey(user.email)}`, i, ["email"], `'${user.email}'`);
      user.providers.forEach((p, j) => {
        if (user.providers.findIndex((q) => q.providerId === p.providerId) < j) {
          issue(i, ["providers", j], `a user has one identity per provider ('${p.providerId}')`);
        }
        const identity = `'${p.providerId}' subject '${p.subject}'`;
        once(`identity:${p.providerId}\n${p.subject}`, i, ["providers", j, "subject"], identity);
      });
      if (user.anonymous && (user.email || user.passwordHash || user.providers.length > 0)) {
        issue(i, ["anonymous"], "an anonymous user has no email, password or providers");
      }
      if (user.emailVerified && !user.email) issue(i, ["emailVerified"], "there is no email");
      if (user.passwordHash !== null && !user.email) {
        issue(i, ["passwordHash"], "a password needs an email to sign in with");
      }
      const passwordHash = storedHash(body.hashConfig, user.passwordHash, salt, (f, m) =>
        issue(i, [f], m),
      );
      if (passwordHash !== null && storedHashCost(passwordHash) > MAX_IMPORTED_HASH_BYTES) {
        // Anyone may try a sign-in, and each try pays one verification: keep that bounded.
        const mib = storedHashCost(passwordHash) / 2 ** 20;
        issue(i, ["passwordHash"], `its parameters need ${mib} MiB per sign-in; at most 64 MiB`);
      }
      return { ...user, passwordHash };
    });
    return users;
  });

/** The stored form of one user's hash, or null after reporting why there is none. */
function storedHash(
  config: z.infer<typeof HashConfig> | undefined,
  hash: string | null,
  salt: string | null,
  issue: (field: "passwordHash" | "salt", message: string) => void,
): string | null {
  if (config?.algorithm === "WINKY") {
    if (salt !== null) issue("salt", "not used with hashConfig.algorithm 'WINKY'");
    if (hash === null) return null;
    try {
      assertStoredPasswordHash(hash);
      return hash;
    } catch (e) {
      issue("passwordHash", messageOf(e));
      return null;
    }
  }
  if ((hash === null) !== (salt === null)) {
    issue(hash === null ? "salt" : "passwordHash", "passwordHash and salt come together");
    return null;
  }
  if (hash === null || salt === null || !config) return null;
  if (!isBase64(hash)) {
    issue("passwordHash", "must be base64");
    return null;
  }
  if (config.algorithm === "STANDARD_SCRYPT") return standardScrypt(config, hash, salt, issue);
  try {
    return formatFirebaseScryptHash({
      signerKey: Buffer.from(config.signerKey, "base64"),
      saltSeparator: Buffer.from(config.saltSeparator, "base64"),
      rounds: config.rounds,
      memCost: config.memCost,
      salt: Buffer.from(salt, "base64"),
      hash: Buffer.from(hash, "base64"),
    });
  } catch (e) {
    issue("passwordHash", messageOf(e));
    return null;
  }
}

/** The rows an import writes: each user with its identities, created at `now` unless dated. */
export function toImportRecords(
  projectId: string,
  users: readonly ImportedUser[],
  now: Date,
): { user: AuthUser; identities: UserIdentity[] }[] {
  return users.map(({ providers, ...imported }) => {
    const user: AuthUser = { ...imported, projectId, createdAt: imported.createdAt ?? now };
    const identities = providers.map((p) => ({
      ...p,
      projectId,
      uid: user.uid,
      // What the provider says of the email is only known at its next sign-in.
      emailVerified: false,
      createdAt: user.createdAt,
      lastSignInAt: null,
    }));
    return { user, identities };
  });
}
