import type { FunctionRef, JsonValue } from "@winky/sandbox";
import { isAuthError } from "../auth/core/index.js";
import { parseWrites } from "../documents/api/parse-writes.js";
import type { Caller, DocumentService } from "../documents/document-service.js";
import { encodeFields } from "../documents/model/wire.js";
import { invalidArgument, isRuntimeError } from "../errors/runtime-error.js";
import { parseSandboxId } from "./function-runner.js";
import { queryDocuments } from "./host-query.js";
import { listCollectionIds, listDescendants } from "./host-tree.js";
import { handleUserOp, isUserOp, USER_OPS, type FunctionUsers } from "./host-users.js";
import type { IdempotencyKeys } from "./idempotency-keys.js";

/** Functions act as admins of their own project: rules do not apply to them. */
const FUNCTION_CALLER: Caller = { auth: null, bypassRules: true, explain: false };

/** What the host API serves functions from: their project's documents, keys and users. */
export interface HostApiDeps {
  documents: DocumentService;
  keys: IdempotencyKeys;
  users: FunctionUsers;
}

/**
 * Answers a function's host API request, in the project the sandbox was started for (never
 * one the request names): `{ op: "commit", writes, idempotencyKey? }` (the documents API's
 * commit body) → `{ commitTime, writeResults }`; `{ op: "get", path }` → the document in the
 * wire form, or null when absent; `{ op: "query", query }` → the documents a query over one
 * collection (or collection group) finds, in the wire form (see `host-query.ts`);
 * `{ op: "collections" | "descendants", … }` → what lies below a document (`host-tree.ts`);
 * `{ op: "recall", key }` → `{ recorded, value? }`, what was
 * recorded under the key, and `{ op: "record", key, value }` (`context.once`); `users.*`
 * (`context.users`, see `host-users.ts`). Keys are the function's own: two functions never share
 * one. Errors reach the function as `"<code>: <message>"`.
 */
export async function handleHostApi(
  { documents, keys, users }: HostApiDeps,
  request: JsonValue,
  caller: FunctionRef,
): Promise<JsonValue> {
  const fn = parseSandboxId(caller.id);
  if (!fn) throw new Error(`internal: unknown caller ${caller.id}`);
  const { projectId } = fn;
  try {
    const body = (typeof request === "object" && request !== null ? request : {}) as Record<
      string,
      JsonValue
    >;
    if (isUserOp(body.op)) return await handleUserOp(users, projectId, body);
    switch (body.op) {
      case "commit": {
        const { idempotencyKey, ...commit } = body;
        const key = idempotencyKey === undefined ? undefined : keyOf(fn.name, idempotencyKey);
        const result = await documents.commit(
          projectId,
          FUNCTION_CALLER,
          parseWrites(commit, projectId),
          key === undefined ? {} : { idempotencyKey: key },
        );
        return JSON.parse(JSON.stringify(result)) as JsonValue;
      }
      case "recall": {
        const recorded = await keys.recall(projectId, keyOf(fn.name, body.key));
        return recorded
          ? { recorded: true, value: recorded.value as JsonValue }
          : { recorded: false };
      }
      case "record":
        await keys.record(projectId, keyOf(fn.name, body.key), body.value ?? null);
        return null;
      case "get": {
        if (typeof body.path !== "string") throw invalidArgument("path: expected a string");
        const doc = await documents.get(projectId, FUNCTION_CALLER, body.path).catch((e) => {
          if (isRuntimeError(e) && e.code === "not-found") return undefined;
          throw e;
        });
        if (!doc) return null;
        return JSON.parse(
          JSON.stringify({
            name: doc.path,
            fields: encodeFields(doc.fields, { projectId }),
            createTime: doc.createTime,
            updateTime: doc.updateTime,
          }),
        ) as JsonValue;
      }
      case "query":
        return await queryDocuments(documents, projectId, FUNCTION_CALLER, body.query);
      case "collections":
        return await listCollectionIds(documents, projectId, FUNCTION_CALLER, body.path);
      case "descendants":
        return await listDescendants(documents, projectId, FUNCTION_CALLER, body);
      default:
        throw invalidArgument(
          `op: expected "commit", "get", "query", "collections", "descendants", "recall", "record" or ${USER_OPS.join(", ")}, got ${JSON.stringify(body.op)}`,
        );
    }
  } catch (e) {
    // The function sees the code and message (the socket carries only the message); a
    // database error's detail stays here.
    if (isRuntimeError(e)) throw new Error(`${e.code}: ${e.message}`, { cause: e });
    // Claims and emails are checked by the auth core: its reason is the function's to see.
    if (isAuthError(e)) throw new Error(`${e.runtimeCode}: ${e.message}`, { cause: e });
    throw new Error("internal: the host API failed", { cause: e });
  }
}

/** A function's key, namespaced by the function: `fn/<name>/<key>`. */
function keyOf(name: string, key: JsonValue | undefined): string {
  if (typeof key !== "string" || key.length === 0 || key.length > 512) {
    throw invalidArgument("idempotency key: expected a string of 1 to 512 characters");
  }
  return `fn/${name}/${key}`;
}
