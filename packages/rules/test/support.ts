import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** packages/rules/test, resolved from this file so tests run from any working directory. */
export const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The monorepo root (/work/main locally). */
export const REPO_ROOT = path.resolve(TEST_DIR, "../../..");

/** Real-world rules with recorded production verdicts; the folder sits beside the repo. */
export const CONFORMANCE_RULES_DIR = path.resolve(REPO_ROOT, "../shared/conformance/rules");

export interface RulesFile {
  /** Short name for test titles, e.g. `corpus/firestore-chat-v2.rules`. */
  name: string;
  source: string;
}

/** Every `.rules` file below `dir` (recursively), sorted by path so test order is stable. */
export function readRulesFiles(dir: string, label: string): RulesFile[] {
  const entries = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((entry) => entry.endsWith(".rules"))
    .sort();
  return entries.map((entry) => ({
    name: `${label}/${entry.split(path.sep).join("/")}`,
    source: readFileSync(path.join(dir, entry), "utf8"),
  }));
}

/** The rules files written for these tests. */
export function corpusFiles(): RulesFile[] {
  return readRulesFiles(path.join(TEST_DIR, "corpus"), "corpus");
}

/**
 * A deep copy of an AST without `loc` (every node's source position) and `file`, so two parses
 * of differently laid out text compare equal when their trees are.
 */
export function stripLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripLocations);
  // Bytes literals hold a Uint8Array: keep it as is, toEqual compares its contents.
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key !== "loc" && key !== "file") copy[key] = stripLocations(field);
  }
  return copy;
}
