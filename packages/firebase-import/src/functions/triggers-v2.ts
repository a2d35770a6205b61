// 2nd gen: one function per trigger, `onX(handler)` or `onX(optionsOrPrimary, handler)`, where
// the first argument is an options object or its main value (a document path, a schedule, a
// bucket): onDocumentCreated("users/{uid}", h), onSchedule({ schedule, timeZone }, h).
import { membersOf, readObject, readString, type Located } from "./constants.js";
import type { ModuleGraph, Segment } from "./evaluate.js";
import { emptyOptions, readOptions } from "./options.js";
import {
  documentTrigger,
  scheduleTrigger,
  storageTrigger,
  unsupportedReading,
  type UnsupportedFamily,
} from "./trigger-targets.js";
import { argsOf, interpretV1, type Interpretation } from "./triggers-v1.js";
import type { DocumentEvent, RuntimeTrigger } from "./types.js";

const DOCUMENT_EVENTS: Record<string, DocumentEvent> = {
  onDocumentCreated: "create",
  onDocumentUpdated: "update",
  onDocumentDeleted: "delete",
  onDocumentWritten: "write",
};

const UNSUPPORTED_FUNCTIONS: Record<string, UnsupportedFamily> = {
  beforeUserCreated: "blocking",
  beforeUserSignedIn: "blocking",
  beforeEmailSent: "blocking",
  beforeSmsSent: "blocking",
  beforeOperation: "blocking",
  onMessagePublished: "pubsub",
  onValueCreated: "database",
  onValueUpdated: "database",
  onValueDeleted: "database",
  onValueWritten: "database",
  onTaskDispatched: "tasks",
  onConfigUpdated: "remoteConfig",
  onCustomEventPublished: "eventarc",
  onTestMatrixCompleted: "testLab",
  onObjectArchived: "storageEvent",
  onObjectMetadataUpdated: "storageEvent",
};

/** `segments` start below "v2" (or at the package root for firebase-functions 6+). */
export function interpretV2(segments: Segment[], graph: ModuleGraph): Interpretation {
  const last = segments[segments.length - 1];
  if (!last?.args) return { kind: "other" };
  const names = segments.map((s) => s.name);
  const firebaseTrigger = names.join(".");
  const name = last.name;
  const args = argsOf(last);
  // With two arguments the first is the options (or the trigger's main value).
  const first: Located | undefined = args.length >= 2 ? args[0] : undefined;
  const primary = readString(graph, first);
  const object = readObject(graph, first);
  const options = emptyOptions();
  if (object) readOptions(graph, object, options);
  else if (first && primary === undefined) {
    options.changes.push(
      "the options are computed: set memory, timeout and secrets on the winky function",
    );
  }
  const member = (key: string) =>
    object ? readString(graph, membersOf(object).get(key)) : undefined;
  const reading = (trigger: RuntimeTrigger | null): Interpretation => ({
    kind: "trigger",
    reading: { generation: 2, firebaseTrigger, trigger, options },
  });

  if (name === "onCall" || name === "onCallGenkit") return reading({ kind: "callable" });
  if (name === "onRequest") return reading({ kind: "http" });
  const documentEvent = DOCUMENT_EVENTS[name.replace(/WithAuthContext$/, "")];
  if (documentEvent) {
    if (name.endsWith("WithAuthContext")) {
      options.notes.push("the event's authType/authId are not in winky's document event");
    }
    const path = primary ?? member("document");
    return reading(documentTrigger(documentEvent, path, member("database"), options));
  }
  if (name === "onObjectFinalized" || name === "onObjectDeleted") {
    const event = name === "onObjectFinalized" ? "finalize" : "delete";
    return reading(storageTrigger(event, primary ?? member("bucket"), options));
  }
  if (name === "onSchedule") {
    return reading(scheduleTrigger(primary ?? member("schedule"), member("timeZone"), options));
  }
  const family: UnsupportedFamily | undefined = names.includes("alerts")
    ? "alerts"
    : UNSUPPORTED_FUNCTIONS[name];
  if (family)
    return { kind: "trigger", reading: unsupportedReading(2, firebaseTrigger, family, options) };
  if (name.startsWith("on") || name.startsWith("before"))
    return { kind: "unknown", what: firebaseTrigger };
  return { kind: "other" };
}

/**
 * Which generation a chain is: "v1"/"v2" in the import path say so. The package root is 1st
 * gen up to firebase-functions 5 and 2nd gen from 6; a chain only one generation can read
 * (firestore.document(…).onCreate, onDocumentCreated) decides regardless, and so does an
 * options argument: a 1st gen trigger takes only its handler.
 */
export function interpretSdk(
  segments: Segment[],
  graph: ModuleGraph,
  sdkMajor: number | undefined,
): Interpretation {
  const head = segments[0]?.name;
  if (head === "v1") return interpretV1(segments.slice(1), graph);
  if (head === "v2") return interpretV2(segments.slice(1), graph);
  const last = segments[segments.length - 1];
  const [preferred, fallback] =
    (sdkMajor !== undefined && sdkMajor >= 6) || (last?.args?.length ?? 0) >= 2
      ? [interpretV2, interpretV1]
      : [interpretV1, interpretV2];
  const first = preferred(segments, graph);
  if (first.kind === "trigger") return first;
  const second = fallback(segments, graph);
  return second.kind === "trigger" ? second : first;
}
