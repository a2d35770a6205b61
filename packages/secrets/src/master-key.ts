import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { ConfigError } from "@winky/config";
import { fsyncDirectory } from "./atomic-file.js";

/** AES-256 takes exactly this many key bytes. */
export const MASTER_KEY_BYTES = 32;

/**
 * Reads a master key written as base64url or base64 (`openssl rand -base64 32`), the form
 * `WINKY_MASTER_KEY` and the key file take.
 *
 * @throws Error when the text does not decode to exactly 32 bytes; the message never echoes it.
 */
export function decodeMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, "base64") : null;
  if (!key || key.length !== MASTER_KEY_BYTES) {
    throw new Error(`must be ${MASTER_KEY_BYTES} random bytes in base64url`);
  }
  return key;
}

/** Where {@link resolveMasterKey} found the key. */
export type MasterKeySource = "env" | "key-file" | "generated";

/** Options of {@link resolveMasterKey}. */
export interface ResolveMasterKeyOptions {
  /** The value of `WINKY_MASTER_KEY`, as the app's `env.ts` read it; used when set. */
  readonly envKey?: string | undefined;
  /** The key file to read, or to create (mode 0600) when it does not exist. */
  readonly keyFile: string;
}

/** A master key and where it came from (for a boot log line; never log the key). */
export interface ResolvedMasterKey {
  readonly key: Buffer;
  readonly source: MasterKeySource;
}

/**
 * Finds the master key of the local secret store: `WINKY_MASTER_KEY` when set, else the key
 * file, else a new random key written to the key file with mode 0600 (created atomically, so
 * two processes starting together agree on one key). Call it once, at boot.
 *
 * @throws ConfigError naming `WINKY_MASTER_KEY` or the key file when the key is malformed, the
 *   key file is readable by others than its owner, or it cannot be read or written. Never
 *   echoes a key.
 */
export async function resolveMasterKey(
  options: ResolveMasterKeyOptions,
): Promise<ResolvedMasterKey> {
  if (options.envKey !== undefined && options.envKey !== "") {
    try {
      return { key: decodeMasterKey(options.envKey), source: "env" };
    } catch (e) {
      throw new ConfigError(`invalid secrets configuration: WINKY_MASTER_KEY ${message(e)}`);
    }
  }
  const keyFile = path.resolve(options.keyFile);
  const existing = await readKeyFile(keyFile);
  if (existing) return { key: existing, source: "key-file" };
  const created = await createKeyFile(keyFile);
  return created
    ? { key: created, source: "generated" }
    : { key: (await readKeyFile(keyFile)) ?? missing(keyFile), source: "key-file" };
}

/** The key in `keyFile`, or null when there is no such file. */
async function readKeyFile(keyFile: string): Promise<Buffer | null> {
  let mode: number;
  try {
    mode = (await stat(keyFile)).mode;
  } catch (e) {
    if (errno(e) === "ENOENT") return null;
    throw new ConfigError(`cannot read the master key file ${keyFile} (${errno(e) ?? "error"})`);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, "0");
    throw new ConfigError(
      `the master key file ${keyFile} has mode ${shown}; it must be readable by its owner ` +
        `only: chmod 600 ${keyFile}`,
    );
  }
  let text: string;
  try {
    text = await readFile(keyFile, "utf8");
  } catch (e) {
    throw new ConfigError(`cannot read the master key file ${keyFile} (${errno(e) ?? "error"})`);
  }
  try {
    return decodeMasterKey(text);
  } catch (e) {
    throw new ConfigError(`the master key file ${keyFile} is invalid: its content ${message(e)}`);
  }
}

/**
 * Writes a new key to a temp file and hard-links it into place: the link fails if another
 * process made the key file first, and nobody ever sees a half-written key. Resolves null
 * when another process won.
 */
async function createKeyFile(keyFile: string): Promise<Buffer | null> {
  const dir = path.dirname(keyFile);
  const key = randomBytes(MASTER_KEY_BYTES);
  const temp = `${keyFile}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(`${key.toString("base64url")}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temp, keyFile);
    } catch (e) {
      if (errno(e) === "EEXIST") return null;
      throw e;
    }
    await fsyncDirectory(dir);
    return key;
  } catch (e) {
    throw new ConfigError(
      `cannot create the master key file ${keyFile} (${errno(e) ?? "error"}); set ` +
        "WINKY_MASTER_KEY or make its directory writable",
    );
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

function missing(keyFile: string): never {
  throw new ConfigError(`the master key file ${keyFile} disappeared while it was being read`);
}

function errno(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
