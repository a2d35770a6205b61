import { adminErrorOf } from "./admin-error.js";
import type { Call } from "./project-data.js";

/**
 * Firebase's password hash parameters (the console's "Password hash parameters"), base64 as
 * shown there; or `WINKY` when every `passwordHash` is already the runtime's stored form (what
 * {@link exportUsers} writes).
 */
export type ImportHashConfig =
  | {
      algorithm: "SCRYPT";
      signerKey: string;
      saltSeparator: string;
      rounds: number;
      memCost: number;
    }
  | { algorithm: "WINKY" }
  /** Plain scrypt (Firebase's `STANDARD_SCRYPT`): N = 2^memCost, r = rounds, p = parallelization. */
  | {
      algorithm: "STANDARD_SCRYPT";
      memCost: number;
      rounds: number;
      parallelization: number;
      dkLen: number;
    };

/** A provider identity of a user: the project's provider id (`google`) and the user's `sub`. */
export interface UserProvider {
  providerId: string;
  subject: string;
  email?: string | null;
}

/** One user of `users:import`; absent fields take the defaults (not verified, enabled, no claims). */
export interface ImportUser {
  /** 1–128 printable characters. */
  uid: string;
  email?: string | null;
  emailVerified?: boolean;
  disabled?: boolean;
  anonymous?: boolean;
  /** Firebase's hash in base64 (with `salt`), or a stored form under `WINKY`. */
  passwordHash?: string | null;
  salt?: string | null;
  customClaims?: Record<string, unknown>;
  /** ISO 8601; the import's time when absent. */
  createdAt?: string | null;
  lastSignInAt?: string | null;
  providers?: UserProvider[];
}

/** The body of `users:import`: at most 1000 users; `hashConfig` when any has a password hash. */
export interface UserImport {
  hashConfig?: ImportHashConfig;
  users: ImportUser[];
}

/** A user as `users:export` writes it, password hash included: treat it as a secret. */
export interface ExportedUser {
  uid: string;
  email: string | null;
  emailVerified: boolean;
  disabled: boolean;
  anonymous: boolean;
  customClaims: Record<string, unknown>;
  createdAt: string;
  lastSignInAt: string | null;
  /** The stored form (`scrypt$…`, or `firebase-scrypt$…` until the user's next sign-in). */
  passwordHash: string | null;
  providers: { providerId: string; subject: string; email: string | null }[];
}

const base = (project: string) => `/v1/projects/${encodeURIComponent(project)}/admin`;

/**
 * Imports users all or nothing: a taken or repeated uid, email or identity refuses the whole
 * batch (`AdminApiError` naming `users[i]`), and nothing is written.
 */
export async function importUsers(
  call: Call,
  project: string,
  body: UserImport,
): Promise<{ imported: number }> {
  const res = await call("POST", `${base(project)}/users:import`, body);
  if (!res.ok) {
    throw await adminErrorOf(`importing ${body.users.length} user(s) into '${project}'`, res);
  }
  return (await res.json()) as { imported: number };
}

/** Every user of the project with its hash, in uid order, a page of 1000 at a time. */
export async function exportUsers(call: Call, project: string): Promise<ExportedUser[]> {
  const users: ExportedUser[] = [];
  let pageToken: string | undefined;
  do {
    const query = new URLSearchParams({ limit: "1000", ...(pageToken ? { pageToken } : {}) });
    const res = await call("GET", `${base(project)}/users:export?${query.toString()}`);
    if (!res.ok) throw await adminErrorOf(`exporting the users of '${project}'`, res);
    const page = (await res.json()) as { users: ExportedUser[]; nextPageToken?: string };
    users.push(...page.users);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return users;
}
