import { createHash } from "node:crypto";
import type pg from "pg";

const names = new Map<string, string>();
const MAX_NAMES = 10_000;

/**
 * A statement PostgreSQL parses and plans once per connection rather than on every call: the
 * hot statements (a get, a scan, a write) spend longer being planned than being run. Named by
 * a digest of its text, so two texts never share a name.
 */
export function prepared(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `w_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    // Texts come from a bounded set of shapes; the cap only guards against a bug.
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return { name, text, values };
}
