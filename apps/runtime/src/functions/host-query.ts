import type { JsonValue } from "@winky/sandbox";
import type { Caller, DocumentService } from "../documents/document-service.js";
import { encodeFields } from "../documents/model/wire.js";
import { parseQuery } from "../documents/query/parse-query.js";
import { invalidArgument } from "../errors/runtime-error.js";

/** The parts of a `context.documents.query(…)` that go into the StructuredQuery as they are. */
const STRUCTURED_KEYS = ["where", "orderBy", "limit", "offset", "startAt", "endAt", "limitToLast"];
const KNOWN_KEYS = new Set(["parent", "collectionId", "allDescendants", ...STRUCTURED_KEYS]);

/**
 * A function's query `{ parent, collectionId, allDescendants?, where?, orderBy?, limit?,
 * offset?, startAt?, endAt?, limitToLast? }` (the parts in Firestore's REST `StructuredQuery`
 * form) as the documents API's `runQuery` body, for `parseQuery` to validate.
 *
 * @throws RuntimeError invalid-argument for a query that is not an object or has unknown keys.
 */
export function runQueryBody(raw: JsonValue | undefined): Record<string, JsonValue> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidArgument("query: expected an object { parent, collectionId, … }");
  }
  const unknown = Object.keys(raw).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw invalidArgument(`query: unknown key(s) ${unknown.join(", ")}`);
  const structuredQuery: Record<string, JsonValue> = {
    from: [{ collectionId: raw.collectionId ?? null, allDescendants: raw.allDescendants === true }],
  };
  for (const key of STRUCTURED_KEYS) {
    if (raw[key] !== undefined) structuredQuery[key] = raw[key];
  }
  return { parent: raw.parent ?? "", structuredQuery };
}

/**
 * Runs a function's query in `projectId` as `caller` (an admin: rules do not apply) with the
 * documents API's engine, and answers the documents in the wire form `get` answers them.
 */
export async function queryDocuments(
  documents: DocumentService,
  projectId: string,
  caller: Caller,
  raw: JsonValue | undefined,
): Promise<JsonValue> {
  const query = parseQuery(runQueryBody(raw), projectId);
  const docs = await documents.list(projectId, caller, query);
  return JSON.parse(
    JSON.stringify(
      docs.map((doc) => ({
        name: doc.path,
        fields: encodeFields(doc.fields, { projectId }),
        createTime: doc.createTime,
        updateTime: doc.updateTime,
      })),
    ),
  ) as JsonValue;
}
