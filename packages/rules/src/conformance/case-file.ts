import type { RequestMethod } from "../eval/match-tree.js";

/** One recorded request and production's verdict (format: shared/conformance/rules/README.md). */
export interface ConformanceCase {
  description: string;
  rules: string;
  method: RequestMethod;
  path: string;
  auth: null | { uid?: string; token?: Record<string, unknown> };
  data?: unknown;
  resource?: unknown;
  existingResource?: unknown;
  documents?: Record<string, unknown>;
  functionMocks?: Array<{ function: string; path: string; result: unknown }>;
  query?: {
    where?: Array<[string, string, unknown]>;
    limit?: number;
    offset?: number;
    orderBy?: unknown;
  };
  requestTime?: string;
  expect: "ALLOW" | "DENY";
}

export interface CaseFile {
  service: "firestore" | "storage";
  source?: { repo?: string };
  cases: ConformanceCase[];
}

const METHODS = new Set(["get", "list", "create", "update", "delete"]);

/**
 * Checks the shape of a parsed `cases.json`.
 *
 * @throws Error naming the file, the case index and the field that is wrong.
 */
export function validateCaseFile(json: unknown, file: string): CaseFile {
  const fail = (where: string, what: string): never => {
    throw new Error(`${file}: ${where}: ${what}`);
  };
  if (typeof json !== "object" || json === null) return fail("(root)", "expected an object");
  const root = json as Record<string, unknown>;
  if (root.service !== "firestore" && root.service !== "storage") {
    fail("service", `expected "firestore" or "storage", got ${JSON.stringify(root.service)}`);
  }
  if (!Array.isArray(root.cases)) return fail("cases", "expected a list");
  root.cases.forEach((c: unknown, i) => {
    const where = `cases[${i}]`;
    if (typeof c !== "object" || c === null) return fail(where, "expected an object");
    const k = c as Record<string, unknown>;
    if (typeof k.rules !== "string") fail(`${where}.rules`, "expected the rules file name");
    if (typeof k.path !== "string") fail(`${where}.path`, "expected a path string");
    if (!METHODS.has(k.method as string))
      fail(`${where}.method`, `unknown method ${JSON.stringify(k.method)}`);
    if (k.expect !== "ALLOW" && k.expect !== "DENY")
      fail(`${where}.expect`, `expected ALLOW or DENY`);
    if (k.auth !== null && k.auth !== undefined && typeof k.auth !== "object") {
      fail(`${where}.auth`, "expected null or an object");
    }
    if (typeof k.description !== "string") k.description = `${k.method} ${k.path}`;
    return undefined;
  });
  return root as unknown as CaseFile;
}
