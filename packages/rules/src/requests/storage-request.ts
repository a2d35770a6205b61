import type { RequestMethod } from "../eval/match-tree.js";
import { RMap, RPath, type RTimestamp, type Value } from "../values/value.js";
import type { PreparedRequest } from "./firestore-request.js";

export interface StorageRequestSpec {
  method: RequestMethod;
  /** The object's name, e.g. `images/alice/cat.png`. */
  path: string;
  bucket?: string;
  auth: RMap | null;
  time: RTimestamp;
  /** The upload's metadata (`request.resource`): size, contentType, metadata… Absent on delete and reads. */
  upload?: RMap;
  /** The object already stored (`resource`), if any. */
  existing?: RMap;
  /** Mimic the Firebase Rules Test API: see `FirestoreRequestSpec.testApi`. */
  testApi?: boolean;
}

/** Builds what the evaluator needs for a Cloud Storage request: paths are `/b/{bucket}/o/…`. */
export function prepareStorageRequest(spec: StorageRequestSpec): PreparedRequest {
  const bucket = spec.bucket ?? "default-bucket";
  const full = ["b", bucket, "o", ...spec.path.split("/").filter((s) => s.length > 0)];
  const request = new Map<string, Value>([
    ["method", spec.method],
    ["path", new RPath(full)],
    ["time", spec.time],
    ["params", new RMap(new Map())],
  ]);
  if (spec.auth !== null || !spec.testApi) request.set("auth", spec.auth);
  if (spec.upload && spec.method !== "delete") request.set("resource", spec.upload);
  const variables = new Map<string, Value>([["request", new RMap(request)]]);
  if (spec.existing) variables.set("resource", spec.existing);
  else if (!spec.testApi) variables.set("resource", null);
  return { method: spec.method, path: full, variables };
}
