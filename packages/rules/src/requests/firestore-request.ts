import { ANY_PATH_SEGMENT, type RequestMethod } from "../eval/match-tree.js";
import { resourceOf } from "../eval/calls.js";
import { RMap, RPath, type RTimestamp, type Value } from "../values/value.js";
import { queryDisjuncts, type QuerySpec } from "./query.js";

export interface FirestoreRequestSpec {
  method: RequestMethod;
  /** Below the documents root: a document path, or for `list` the collection path. */
  path: string;
  database?: string;
  /** `request.auth`: a map with `uid` and `token`, or null when signed out. */
  auth: RMap | null;
  time: RTimestamp;
  /** The document after the write (create, update): `request.resource.data`. */
  data?: RMap;
  /** The stored document, if any: `resource.data`. */
  resource?: RMap;
  /** The query of a `list` request. */
  query?: QuerySpec;
  /**
   * A collection-group query: `path` names the collection id, below the optional `groupParent`,
   * and the rules are checked for that collection at any depth (only `{x=**}` matches).
   */
  collectionGroup?: { parent: string };
  /**
   * Mimic the Firebase Rules Test API, which the conformance verdicts were recorded with:
   * resources carry no `id`/`__name__`, a missing `resource` and a signed-out `request.auth`
   * are undefined (reading them is an error) rather than null. Real requests (the default)
   * get identity and nulls, as the documentation describes.
   */
  testApi?: boolean;
}

export interface PreparedRequest {
  method: RequestMethod;
  path: string[];
  variables: Map<string, Value>;
}

/** Stands for "each document the query could return" in a `list` request's path. */
export const LIST_PLACEHOLDER = "\u0000document";

/**
 * Builds what the evaluator needs for a Firestore request. A `list` request yields one prepared
 * request per disjunct of its query (`in` splits), each with a `resource.data` that holds only
 * what the query's equality filters prove: the rules must hold for all of them ("rules are
 * not filters"), and a condition on an unconstrained field fails.
 */
export function prepareFirestoreRequest(spec: FirestoreRequestSpec): PreparedRequest[] {
  const database = spec.database ?? "(default)";
  const relative = spec.path.split("/").filter((s) => s.length > 0);
  const group = spec.collectionGroup
    ? [...spec.collectionGroup.parent.split("/").filter((s) => s.length > 0), ANY_PATH_SEGMENT]
    : [];
  const documentPath =
    spec.method === "list" ? [...group, ...relative, LIST_PLACEHOLDER] : relative;
  const full = ["databases", database, "documents", ...documentPath];
  const fullPath = new RPath(full);
  const resourceValue = (data: RMap): RMap =>
    spec.testApi ? new RMap(new Map([["data", data]])) : resourceOf(documentPath, fullPath, data);

  const base = new Map<string, Value>([
    ["method", spec.method],
    ["path", fullPath],
    ["time", spec.time],
  ]);
  if (spec.auth !== null || !spec.testApi) base.set("auth", spec.auth);
  if (spec.data && (spec.method === "create" || spec.method === "update")) {
    base.set("resource", resourceValue(spec.data));
  }
  if (spec.method !== "list") {
    const variables = new Map<string, Value>([["request", new RMap(base)]]);
    if (spec.resource) variables.set("resource", resourceValue(spec.resource));
    else if (!spec.testApi) variables.set("resource", null);
    return [{ method: spec.method, path: full, variables }];
  }
  base.set("query", queryVariable(spec.query));
  return queryDisjuncts(spec.query).map((constrained) => ({
    method: spec.method,
    path: full,
    variables: new Map<string, Value>([
      ["request", new RMap(base)],
      ["resource", new RMap(new Map([["data", constrained]]))],
    ]),
  }));
}

/** `request.query`: limit, offset and orderBy; unset ones read as null. */
function queryVariable(query: QuerySpec | undefined): RMap {
  return new RMap(
    new Map<string, Value>([
      ["limit", query?.limit ?? null],
      ["offset", query?.offset ?? null],
      ["orderBy", query?.orderBy ?? null],
    ]),
  );
}
