// firebase-functions/v2/firestore: onDocument{Created,Updated,Deleted,Written}[WithAuthContext]
// with a path or `{ document }` options.
import { mark, optionsAndHandler } from "../trigger.js";
import { Change } from "../../firestore/snapshots.js";

type Event = "create" | "update" | "delete" | "write";

function on(event: Event) {
  return (...args: unknown[]) => {
    const [target, handler] = optionsAndHandler<string | { document: string }>(args);
    const path = typeof target === "string" ? target : target?.document;
    if (typeof path !== "string") throw new TypeError("onDocument*: expected a document path");
    return mark({ kind: "document", event, path }, 2, handler);
  };
}

export { Change };
export const onDocumentCreated = on("create");
export const onDocumentUpdated = on("update");
export const onDocumentDeleted = on("delete");
export const onDocumentWritten = on("write");
export const onDocumentCreatedWithAuthContext = onDocumentCreated;
export const onDocumentUpdatedWithAuthContext = onDocumentUpdated;
export const onDocumentDeletedWithAuthContext = onDocumentDeleted;
export const onDocumentWrittenWithAuthContext = onDocumentWritten;
