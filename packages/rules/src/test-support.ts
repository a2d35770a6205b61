import type { Verdict } from "./eval/evaluate.js";
import { RulesProgram } from "./program.js";
import {
  prepareFirestoreRequest,
  type FirestoreRequestSpec,
} from "./requests/firestore-request.js";
import { fromPlainJson } from "./values/from-json.js";
import type { RMap } from "./values/value.js";
import { RTimestamp } from "./values/value.js";

/** Wraps match blocks in a Firestore v2 service, for short tests. */
export function firestoreRules(body: string, version: "1" | "2" = "2"): string {
  const header = version === "2" ? "rules_version = '2';\n" : "";
  return `${header}service cloud.firestore {\n  match /databases/{database}/documents {\n${body}\n  }\n}\n`;
}

export interface TestRequest {
  method: FirestoreRequestSpec["method"];
  path: string;
  uid?: string;
  data?: Record<string, unknown>;
  resource?: Record<string, unknown>;
  query?: FirestoreRequestSpec["query"];
  documents?: Record<string, Record<string, unknown>>;
  collectionGroup?: { parent: string };
}

/** Decides one Firestore request against rules text; list queries must pass every disjunct. */
export function decide(
  rules: string | RulesProgram,
  request: TestRequest,
): { allowed: boolean; verdicts: Verdict[] } {
  const program = typeof rules === "string" ? RulesProgram.compile(rules, "test.rules") : rules;
  const prepared = prepareFirestoreRequest({
    method: request.method,
    path: request.path,
    auth: request.uid ? (fromPlainJson({ uid: request.uid, token: {} }) as RMap) : null,
    time: new RTimestamp(1_700_000_000, 0),
    ...(request.data ? { data: fromPlainJson(request.data) as RMap } : {}),
    ...(request.resource ? { resource: fromPlainJson(request.resource) as RMap } : {}),
    ...(request.query ? { query: request.query } : {}),
    ...(request.collectionGroup ? { collectionGroup: request.collectionGroup } : {}),
  });
  const docs = new Map(
    Object.entries(request.documents ?? {}).map(([k, v]) => [k, fromPlainJson(v)]),
  );
  const current = { get: (p: readonly string[]) => docs.get(p.join("/")) };
  const verdicts = prepared.map((r) =>
    program.evaluate({ ...r, current, after: current, explain: true }),
  );
  return { allowed: verdicts.every((v) => v.allowed), verdicts };
}
