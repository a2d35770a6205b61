import { SecretStoreError } from "./errors.js";
import { isSecret, type Secret } from "./secret.js";

/** The largest value a secret may hold, in bytes of UTF-8 (64 KiB). */
export const MAX_SECRET_VALUE_BYTES = 64 * 1024;

/**
 * Secret names, so each can become an environment variable: an upper-case letter or `_`, then
 * up to 254 upper-case letters, digits or `_`.
 */
export const SECRET_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,254}$/;

/** Project ids, as the runtime makes them; they are also path segments (Vault, the file). */
export const PROJECT_ID_PATTERN = /^[a-z][a-z0-9-]{2,62}$/;

/** @throws SecretStoreError `invalid-name` unless `project` is a project id. */
export function assertProjectId(project: string): void {
  if (typeof project !== "string" || !PROJECT_ID_PATTERN.test(project)) {
    throw new SecretStoreError(
      "invalid-name",
      `invalid project id ${describe(project)}: expected ${PROJECT_ID_PATTERN.source}`,
    );
  }
}

/** @throws SecretStoreError `invalid-name` unless `name` can be an environment variable name. */
export function assertSecretName(name: string): void {
  if (typeof name !== "string" || !SECRET_NAME_PATTERN.test(name)) {
    throw new SecretStoreError(
      "invalid-name",
      `invalid secret name ${describe(name)}: a name must match ${SECRET_NAME_PATTERN.source} ` +
        "(upper-case letters, digits and _, not starting with a digit, at most 255 characters), " +
        "so that it can be an environment variable",
    );
  }
}

/** @throws SecretStoreError `invalid-argument` unless `version` is a positive integer. */
export function assertVersion(version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new SecretStoreError(
      "invalid-argument",
      `invalid version ${describe(version)}: a version is an integer from 1`,
    );
  }
}

/**
 * Checks a value on its way in and returns the plain string. The messages say what is wrong
 * and where, and never quote the value.
 *
 * @throws SecretStoreError `invalid-argument` for a non-string, a lone surrogate (not UTF-8) or
 *   a NUL (no environment variable can hold one); `too-large` over 64 KiB of UTF-8.
 */
export function checkedValue(project: string, name: string, value: string | Secret): string {
  const plain = isSecret(value) ? value.reveal() : value;
  const where = `secret ${name} of project ${project}`;
  if (typeof plain !== "string") {
    throw new SecretStoreError("invalid-argument", `the value of ${where} must be a string`);
  }
  const bytes = Buffer.byteLength(plain, "utf8");
  if (bytes > MAX_SECRET_VALUE_BYTES) {
    throw new SecretStoreError(
      "too-large",
      `the value of ${where} is ${bytes} bytes of UTF-8; the limit is ${MAX_SECRET_VALUE_BYTES}`,
    );
  }
  // A lone surrogate has no UTF-8 form: it would be stored as U+FFFD and read back changed.
  if (/\p{Surrogate}/u.test(plain)) {
    throw new SecretStoreError(
      "invalid-argument",
      `the value of ${where} is not valid Unicode (it holds a lone surrogate)`,
    );
  }
  if (plain.includes("\0")) {
    throw new SecretStoreError(
      "invalid-argument",
      `the value of ${where} holds a NUL character, which no environment variable can carry`,
    );
  }
  return plain;
}

/**
 * A name or id as it may appear in a message: JSON-quoted and cut short, since it is an input
 * we are rejecting (never a value: values are never described).
 */
function describe(input: unknown): string {
  if (typeof input === "number") return String(input);
  if (typeof input !== "string") return `of type ${typeof input}`;
  const shown = input.length > 40 ? `${input.slice(0, 40)}…` : input;
  return JSON.stringify(shown);
}
