import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DocumentReader } from "../eval/context.js";
import type { Verdict } from "../eval/evaluate.js";
import { RulesProgram } from "../program.js";
import { prepareFirestoreRequest, type PreparedRequest } from "../requests/firestore-request.js";
import type { QuerySpec } from "../requests/query.js";
import { prepareStorageRequest } from "../requests/storage-request.js";
import { parseJsonPreservingFloats, toValue } from "../values/from-json.js";
import { RMap, RTimestamp, type Value } from "../values/value.js";
import { validateCaseFile, type CaseFile, type ConformanceCase } from "./case-file.js";

export interface CaseResult {
  folder: string;
  description: string;
  expected: "ALLOW" | "DENY";
  actual: "ALLOW" | "DENY";
  verdicts: Verdict[];
}

const DEFAULT_TIME = new RTimestamp(Date.UTC(2025, 0, 1) / 1000, 0);

/**
 * Runs every case of one folder's `cases.json` against its rules files, in Test API mode
 * (mocked resources carry no `id`/`__name__`), and returns each case's verdict.
 *
 * @throws Error for an unreadable or malformed cases.json, or RulesSyntaxError for a rules file.
 */
export async function runCaseFolder(folder: string): Promise<CaseResult[]> {
  const file = path.join(folder, "cases.json");
  const caseFile = validateCaseFile(parseJsonPreservingFloats(await readFile(file, "utf8")), file);
  const programs = new Map<string, RulesProgram>();
  const results: CaseResult[] = [];
  const load = async (name: string) => {
    let program = programs.get(name);
    if (!program) {
      const rulesFile = path.join(folder, name);
      program = RulesProgram.compile(await readFile(rulesFile, "utf8"), rulesFile);
      programs.set(name, program);
    }
    return program;
  };
  const service = caseFile.service === "firestore" ? "cloud.firestore" : "firebase.storage";
  for (const c of caseFile.cases) {
    let program = await load(c.rules);
    // A request is judged by the rules deployed for its service. A case that names the other
    // service's file (one shared folder does) is judged by the folder's file for its service.
    if (program.service !== service) {
      const others = (await readdir(folder)).filter((f) => f.endsWith(".rules") && f !== c.rules);
      for (const other of others) {
        const candidate = await load(other);
        if (candidate.service === service) program = candidate;
      }
    }
    const verdicts = runCase(program, caseFile, c);
    const allowed = verdicts.length > 0 && verdicts.every((v) => v.allowed);
    results.push({
      folder: path.basename(folder),
      description: c.description,
      expected: c.expect,
      actual: allowed ? "ALLOW" : "DENY",
      verdicts,
    });
  }
  return results;
}

/**
 * A case that describes a database (`documents`) was recorded against one, where a missing
 * resource is null and documents have identity. A case with only mocks was recorded through
 * the Rules Test API, where what is not mocked is undefined: see `FirestoreRequestSpec.testApi`.
 */
const recordedThroughTestApi = (c: ConformanceCase): boolean => c.documents === undefined;

function runCase(program: RulesProgram, caseFile: CaseFile, c: ConformanceCase): Verdict[] {
  const service = caseFile.service;
  const auth = authValue(c.auth);
  const time = c.requestTime
    ? (toValue({ $timestamp: c.requestTime }) as RTimestamp)
    : DEFAULT_TIME;
  const current = documentsReader(c);
  const testApi = recordedThroughTestApi(c);
  let requests: PreparedRequest[];
  if (service === "firestore") {
    requests = prepareFirestoreRequest({
      method: c.method,
      path: c.path,
      auth,
      time,
      ...(c.data != null ? { data: asMap(c.data) } : {}),
      ...(c.resource != null ? { resource: asMap(c.resource) } : {}),
      ...(c.query ? { query: toQuery(c.query) } : {}),
      testApi,
    });
  } else {
    requests = [
      prepareStorageRequest({
        method: c.method,
        path: c.path,
        bucket: bucketOf(c),
        auth,
        time,
        ...(c.resource != null ? { upload: storageObject(c.resource) } : {}),
        ...(c.existingResource != null ? { existing: storageObject(c.existingResource) } : {}),
        testApi,
      }),
    ];
  }
  const after = afterReader(c, current);
  return requests.map((r) =>
    program.evaluate({ ...r, current, after, explain: true, lookupIdentity: !testApi }),
  );
}

function authValue(auth: ConformanceCase["auth"]): RMap | null {
  if (!auth) return null;
  const value = toValue({ token: {}, ...auth }) as RMap;
  return value;
}

function asMap(json: unknown): RMap {
  const value = toValue(json);
  if (!(value instanceof RMap)) throw new Error(`expected an object, got ${JSON.stringify(json)}`);
  return value;
}

// Storage object metadata whose values are timestamps; the cases write them as ISO strings.
const STORAGE_TIMESTAMPS = new Set(["timeCreated", "updated"]);

function storageObject(json: unknown): RMap {
  const map = asMap(json);
  const entries = [...map.entries].map(([k, v]): [string, Value] =>
    STORAGE_TIMESTAMPS.has(k) && typeof v === "string" ? [k, toValue({ $timestamp: v })] : [k, v],
  );
  return new RMap(new Map(entries));
}

/** The bucket the case's objects live in, when their metadata says; any name otherwise. */
function bucketOf(c: ConformanceCase): string {
  for (const object of [c.existingResource, c.resource]) {
    const bucket = (object as { bucket?: unknown } | null | undefined)?.bucket;
    if (typeof bucket === "string") return bucket;
  }
  return "default-bucket";
}

function toQuery(query: NonNullable<ConformanceCase["query"]>): QuerySpec {
  return {
    where: (query.where ?? []).map(([f, op, v]) => [f, op as never, toValue(v)]),
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.offset !== undefined ? { offset: query.offset } : {}),
    ...(query.orderBy !== undefined ? { orderBy: toValue(query.orderBy) } : {}),
  };
}

/** The documents a case says exist, then its get()/exists() mocks, then its own stored doc. */
function documentsReader(c: ConformanceCase): DocumentReader {
  const docs = new Map<string, Value>();
  for (const [p, data] of Object.entries(c.documents ?? {})) docs.set(normalise(p), asMap(data));
  for (const mock of c.functionMocks ?? []) {
    const key = normalise(mock.path);
    if (mock.function === "get" || mock.function === "getAfter") docs.set(key, asMap(mock.result));
    else if (mock.result === true && !docs.has(key)) docs.set(key, new RMap(new Map()));
    else if (mock.result === false) docs.delete(key);
  }
  if (c.resource != null && c.method !== "create") docs.set(normalise(c.path), asMap(c.resource));
  return { get: (p) => docs.get(p.join("/")) };
}

/** The same documents as they would be if this write succeeded. */
function afterReader(c: ConformanceCase, current: DocumentReader): DocumentReader {
  const self = normalise(c.path);
  return {
    get: (p) => {
      const key = p.join("/");
      if (key === self) {
        if (c.method === "delete") return undefined;
        if (c.data !== undefined) return asMap(c.data);
      }
      return current.get(p);
    },
  };
}

function normalise(p: string): string {
  return p
    .split("/")
    .filter((s) => s.length > 0)
    .join("/");
}
