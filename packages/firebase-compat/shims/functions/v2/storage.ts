// firebase-functions/v2/storage: onObjectFinalized / onObjectDeleted (bucket options ignored:
// a Winky project has one bucket).
import { mark, optionsAndHandler } from "../trigger.js";

const on =
  (event: "finalize" | "delete") =>
  (...args: unknown[]) =>
    mark({ kind: "storage", event }, 2, optionsAndHandler(args)[1]);
const unsupported =
  (what: string) =>
  (...args: unknown[]) =>
    mark({ kind: "unsupported", what }, 2, optionsAndHandler(args)[1]);

export const onObjectFinalized = on("finalize");
export const onObjectDeleted = on("delete");
export const onObjectArchived = unsupported("onObjectArchived");
export const onObjectMetadataUpdated = unsupported("onObjectMetadataUpdated");
