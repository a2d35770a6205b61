// Auth users from `firebase auth:export users.json --format=json`, with the console's password
// hash parameters beside them, turned into the runtime's `users:import` body. Every user keeps
// their uid; passwords keep their Firebase hash (verified natively, rehashed at first sign-in).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JsoncSyntaxError, parseJsonc } from "../jsonc.js";
import { memberOf, type JsonObject } from "../json-node.js";
import { makeItem, type ReportItem, type SourceRef } from "../report.js";
import { parseHashConfig, type FirebaseHashConfig } from "./hash-config.js";
import { readUser, type ImportUser, type UserFindings } from "./read-user.js";
import {
  parseStandardScryptConfig,
  STANDARD_HASH_CONFIG_FILE,
  STANDARD_USERS_FILE,
  type StandardScryptConfig,
} from "./standard-scrypt.js";
import { userItems } from "./user-items.js";

export type { ImportUser } from "./read-user.js";

export interface AuthUsers {
  file: string;
  users: ImportUser[];
  hashConfig: FirebaseHashConfig | null;
  /** The parameters of the users in auth-users.standard-scrypt.json (Winky's own scrypt). */
  standardHashConfig: StandardScryptConfig | null;
  /** The users that came from that file: they are imported under its parameters. */
  standardUids: ReadonlySet<string>;
  /** False when a problem would leave users out or unable to sign in: the import must not start. */
  complete: boolean;
  items: ReportItem[];
}

export const AUTH_USERS_FILE = "auth-users.json";
export const HASH_CONFIG_FILES = ["auth-hash-config.txt", "auth-hash-config.json"] as const;

/**
 * Reads `auth-users.json` (or `location`), `auth-users.standard-scrypt.json` (users `winky
 * export` wrote with Winky's own scrypt hashes) and the hash parameters of each in the project
 * folder; null when there is neither users file. Bad input becomes items naming the file and
 * line, never a throw.
 */
export async function readAuthUsers(
  projectDir: string,
  location: string = AUTH_USERS_FILE,
): Promise<AuthUsers | null> {
  const findings: UserFindings = {
    problems: [],
    providers: new Map(),
    profiles: 0,
    mfa: 0,
    hashed: 0,
    tenants: 0,
  };
  const main = await readUsersFile(projectDir, location, location === AUTH_USERS_FILE, findings);
  if (main && "failed" in main) return main.failed;
  const hashedMain = findings.hashed;
  const standard = await readUsersFile(projectDir, STANDARD_USERS_FILE, true, findings);
  if (standard && "failed" in standard) return standard.failed;
  if (!main && !standard) return null;
  const users = [...(main?.users ?? []), ...(standard?.users ?? [])];
  findDuplicates(users, [...(main?.places ?? []), ...(standard?.places ?? [])], findings);
  const hash = await readHashConfig(projectDir, hashedMain > 0);
  const std = standard
    ? await readStandardConfig(projectDir, findings.hashed > hashedMain)
    : { config: null, complete: true, items: [] };
  const items = [...userItems(location, users.length, findings), ...hash.items, ...std.items];
  const complete = findings.problems.length === 0 && hash.complete && std.complete;
  return {
    file: location,
    users,
    hashConfig: hash.config,
    standardHashConfig: std.config,
    standardUids: new Set(standard?.users.map((u) => u.uid) ?? []),
    complete,
    items,
  };
}

type FileReading = { users: ImportUser[]; places: SourceRef[] } | { failed: AuthUsers } | null;

/** One auth:export file's users; null when it is absent and `optional`. */
async function readUsersFile(
  projectDir: string,
  location: string,
  optional: boolean,
  findings: UserFindings,
): Promise<FileReading> {
  let text: string;
  try {
    text = await readFile(path.resolve(projectDir, location), "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT" && optional) return null;
    const reason = `cannot read ${location}: ${(e as Error).message}`;
    return { failed: failed(location, { file: location, line: 1 }, reason) };
  }
  let root;
  try {
    root = parseJsonc(text, location).root;
  } catch (e) {
    if (!(e instanceof JsoncSyntaxError)) throw e;
    const at = { file: location, line: e.position.line, column: e.position.column };
    return { failed: failed(location, at, `malformed JSON: ${e.message}`) };
  }
  const list = root.kind === "object" ? memberOf(root, "users")?.value : undefined;
  if (list?.kind !== "array") {
    const at = { file: location, line: root.position.line };
    const reason = 'expected {"users": [...]} as `firebase auth:export --format=json` writes it';
    return { failed: failed(location, at, reason) };
  }
  const users: ImportUser[] = [];
  for (const entry of list.items) {
    const at: SourceRef = { file: location, line: entry.position.line };
    if (entry.kind !== "object") {
      findings.problems.push({ at, reason: "a user must be an object" });
      continue;
    }
    const user = readUser(entry as JsonObject, at, findings);
    if (user) users.push(user);
  }
  const places = list.items.map((i) => ({ file: location, line: i.position.line }));
  return { users, places };
}

function failed(file: string, at: SourceRef, reason: string): AuthUsers {
  const item = makeItem("auth", file, at, "not-understood", reason);
  return {
    file,
    users: [],
    hashConfig: null,
    standardHashConfig: null,
    standardUids: new Set(),
    complete: false,
    items: [item],
  };
}

// The runtime refuses a batch with a repeated uid or email; saying so here names both lines.
function findDuplicates(users: ImportUser[], places: SourceRef[], findings: UserFindings): void {
  const seen = new Map<string, SourceRef>();
  users.forEach((user, index) => {
    const at = user.source ?? places[index]!;
    const keys = [`uid ${user.uid}`, ...(user.email ? [`email ${user.email.toLowerCase()}`] : [])];
    for (const key of keys) {
      const first = seen.get(key);
      if (first) {
        findings.problems.push({
          at,
          reason: `${key} is also the user at line ${first.line}: Winky keeps one account per ${key.split(" ")[0]}; merge or remove one`,
        });
      } else seen.set(key, at);
    }
  });
}

async function readHashConfig(
  projectDir: string,
  needed: boolean,
): Promise<{ config: FirebaseHashConfig | null; complete: boolean; items: ReportItem[] }> {
  for (const file of HASH_CONFIG_FILES) {
    const text = await readFile(path.resolve(projectDir, file), "utf8").catch(() => null);
    if (text === null) continue;
    const reading = parseHashConfig(text);
    if (!reading.ok) {
      const item = makeItem(
        "auth",
        "password hash parameters",
        { file, line: reading.line },
        "needs-change",
        reading.reason,
      );
      return { config: null, complete: !needed, items: [item] };
    }
    const detail = `modified scrypt (rounds ${reading.config.rounds}, mem_cost ${reading.config.memCost}): old passwords keep working and are rehashed at each user's first sign-in`;
    return {
      config: reading.config,
      complete: true,
      items: [makeItem("auth", "password hash parameters", { file, line: 1 }, "maps", detail)],
    };
  }
  if (!needed) return { config: null, complete: true, items: [] };
  const item = makeItem(
    "auth",
    "password hash parameters",
    { file: AUTH_USERS_FILE, line: 1 },
    "needs-change",
    `users have password hashes but there is no ${HASH_CONFIG_FILES[0]}: copy the block from the Firebase console (Authentication → Users → ⋮ → Password hash parameters) into it, or the old passwords cannot be checked`,
  );
  return { config: null, complete: false, items: [item] };
}

/** The STANDARD_SCRYPT parameters beside auth-users.standard-scrypt.json. */
async function readStandardConfig(
  projectDir: string,
  needed: boolean,
): Promise<{ config: StandardScryptConfig | null; complete: boolean; items: ReportItem[] }> {
  const file = STANDARD_HASH_CONFIG_FILE;
  const text = await readFile(path.resolve(projectDir, file), "utf8").catch(() => null);
  const at = { file, line: 1 };
  if (text === null) {
    if (!needed) return { config: null, complete: true, items: [] };
    const reason = `${STANDARD_USERS_FILE} has password hashes but there is no ${file}`;
    const item = makeItem("auth", "password hash parameters", at, "needs-change", reason);
    return { config: null, complete: false, items: [item] };
  }
  const reading = parseStandardScryptConfig(text);
  if (!reading.ok) {
    const where = { file, line: reading.line };
    const item = makeItem(
      "auth",
      "password hash parameters",
      where,
      "needs-change",
      reading.reason,
    );
    return { config: null, complete: !needed, items: [item] };
  }
  const { memCost, rounds, parallelization } = reading.config;
  const detail = `scrypt (N 2^${memCost}, r ${rounds}, p ${parallelization}), as Winky hashes: these passwords keep working`;
  const item = makeItem("auth", "password hash parameters", at, "maps", detail);
  return { config: reading.config, complete: true, items: [item] };
}
