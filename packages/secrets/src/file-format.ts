import { SecretStoreError } from "./errors.js";
import { PROJECT_ID_PATTERN, SECRET_NAME_PATTERN } from "./validation.js";

/** The `format` of the files this version writes and reads. */
export const FILE_FORMAT = "winky-secrets/1";

/** One encrypted version: only the ciphertext is secret, the rest is plain metadata. */
export interface StoredVersion {
  version: number;
  createdAt: string;
  /** `v1:<iv>:<ciphertext+tag>`, bound to project, name and version. */
  ciphertext: string;
}

/** One secret: its retained versions, oldest first, never empty. */
export interface StoredSecret {
  createdAt: string;
  versions: StoredVersion[];
}

/**
 * The whole file. `keyCheck` is a fixed text encrypted with the file's key, so that opening
 * it with another key fails at once and clearly, before anything is read or written.
 */
export interface SecretsFile {
  format: typeof FILE_FORMAT;
  keyCheck: string;
  projects: Record<string, Record<string, StoredSecret>>;
}

/**
 * Parses and checks the file's shape. Messages name the file and the faulty place (a JSON
 * path), never the content: JSON.parse's own message would quote it.
 *
 * @throws SecretStoreError `corrupt`.
 */
export function parseSecretsFile(text: string, file: string): SecretsFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt(file, "it is not valid JSON");
  }
  if (!isObject(raw) || raw.format !== FILE_FORMAT) {
    throw corrupt(file, `it is not a Winky secrets file (expected "format": "${FILE_FORMAT}")`);
  }
  if (typeof raw.keyCheck !== "string") throw corrupt(file, "keyCheck is missing");
  if (!isObject(raw.projects)) throw corrupt(file, "projects is not an object");
  for (const [project, secrets] of Object.entries(raw.projects)) {
    const at = `projects[${JSON.stringify(project)}]`;
    if (!PROJECT_ID_PATTERN.test(project)) throw corrupt(file, `${at} is not a project id`);
    if (!isObject(secrets)) throw corrupt(file, `${at} is not an object`);
    for (const [name, secret] of Object.entries(secrets)) {
      checkSecret(file, `${at}[${JSON.stringify(name)}]`, name, secret);
    }
  }
  return raw as unknown as SecretsFile;
}

/** A new, empty file's content for the key behind `keyCheck`. */
export function emptySecretsFile(keyCheck: string): SecretsFile {
  return { format: FILE_FORMAT, keyCheck, projects: {} };
}

function checkSecret(file: string, at: string, name: string, secret: unknown): void {
  if (!SECRET_NAME_PATTERN.test(name)) throw corrupt(file, `${at} is not a secret name`);
  if (!isObject(secret) || !isTime(secret.createdAt)) {
    throw corrupt(file, `${at} has no createdAt`);
  }
  const versions = secret.versions;
  if (!Array.isArray(versions) || versions.length === 0) {
    throw corrupt(file, `${at}.versions is not a non-empty array`);
  }
  let previous = 0;
  versions.forEach((v: unknown, i) => {
    const ok =
      isObject(v) &&
      Number.isSafeInteger(v.version) &&
      (v.version as number) > previous &&
      isTime(v.createdAt) &&
      typeof v.ciphertext === "string";
    if (!ok) throw corrupt(file, `${at}.versions[${i}] is malformed or out of order`);
    previous = v.version as number;
  });
}

function corrupt(file: string, what: string): SecretStoreError {
  return new SecretStoreError("corrupt", `the secrets file ${file} is damaged: ${what}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}
