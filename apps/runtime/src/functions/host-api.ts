import type { FunctionRef, JsonValue } from "@winky/sandbox";
import { parseWrites } from "../documents/api/parse-writes.js";
import type { Caller, DocumentService } from "../documents/document-service.js";
import { encodeFields } from "../documents/model/wire.js";
import { invalidArgument, isRuntimeError } from "../errors/runtime-error.js";
import { parseSandboxId } from "./function-runner.js";

/** Functions act as admins of their own project: rules do not apply to them. */
const FUNCTION_CALLER: Caller = { auth: null, bypassRules: true, explain: false };

/**
 * Answers a function's host API request, in the project the sandbox was started for (never
 * one the request names): `{ op: "commit", writes }` (the documents API's commit body) →
 * `{ commitTime, writeResults }`; `{ op: "get", path }` → the document in the wire form, or
 * null when absent. Errors reach the function as `"<code>: <message>"`.
 */
export async function handleHostApi(
  documents: DocumentService,
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
    switch (body.op) {
      case "commit": {
        const result = await documents.commit(
          projectId,
          FUNCTION_CALLER,
          parseWrites(body, projectId),
        );
        return JSON.parse(JSON.stringify(result)) as JsonValue;
      }
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
      default:
        throw invalidArgument(`op: expected "commit" or "get", got ${JSON.stringify(body.op)}`);
    }
  } catch (e) {
    // The function sees the code and message (the socket carries only the message); a
    // database error's detail stays here.
    if (isRuntimeError(e)) throw new Error(`${e.code}: ${e.message}`, { cause: e });
    throw new Error("internal: the host API failed", { cause: e });
  }
}
