import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `wk_sk_<project>_<43 base64url characters>`: the project is readable, the rest is secret. */
const SERVICE_KEY = /^wk_sk_([a-z][a-z0-9-]{2,62})_([A-Za-z0-9_-]{43})$/;

export interface NewServiceKey {
  /** The key itself: shown once, never stored. */
  key: string;
  /** What is stored: its SHA-256. */
  hash: string;
  /** What listings show. */
  prefix: string;
}

export function createServiceKey(projectId: string): NewServiceKey {
  const secret = randomBytes(32).toString("base64url");
  const key = `wk_sk_${projectId}_${secret}`;
  return { key, hash: hashKey(key), prefix: `wk_sk_${projectId}_${secret.slice(0, 6)}` };
}

/** The project a well-formed service key names, or undefined for anything else. */
export function projectOfServiceKey(key: string): string | undefined {
  return SERVICE_KEY.exec(key)?.[1];
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Compares two secrets in constant time (through their hashes, so lengths may differ). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(
    createHash("sha256").update(a).digest(),
    createHash("sha256").update(b).digest(),
  );
}
