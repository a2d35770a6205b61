import type { Pool } from "pg";
import { DatabaseMigrationError } from "./errors.js";

/** Which server a connection goes to, fit for messages, plus the secret to keep out of them. */
export interface ServerTarget {
  /** `host:port/database`. */
  label: string;
  /** The password, when known, so messages can be scrubbed of it. */
  password?: string;
}

/**
 * Describes the server in a `postgres://` URL without its credentials.
 *
 * @throws DatabaseMigrationError (stage `connect`) when the URL does not parse; the message
 * does not repeat the URL, which may hold a password.
 */
export function targetOfUrl(url: string): ServerTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new DatabaseMigrationError(
      "connect",
      "(invalid URL)",
      "the database URL is not a valid postgres:// URL",
      { cause },
    );
  }
  // libpq-style URLs may name a socket directory in ?host= instead of the authority.
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  return {
    label: `${host}:${parsed.port || "5432"}/${database}`,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
  };
}

/** Describes the server a node-postgres pool connects to, from its options. */
export function targetOfPool(pool: Pool): ServerTarget {
  const { connectionString, host, port, database, password } = pool.options;
  if (connectionString) return targetOfUrl(connectionString);
  return {
    label: `${host ?? "localhost"}:${port ?? 5432}/${database ?? ""}`,
    password: typeof password === "string" ? password : undefined,
  };
}

/** `text` with every occurrence of the target's password replaced, for safe logging. */
export function withoutPassword(text: string, target: ServerTarget): string {
  return target.password ? text.split(target.password).join("***") : text;
}
