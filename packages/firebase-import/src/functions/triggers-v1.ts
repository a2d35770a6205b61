// 1st gen chains: `[region(…)|runWith(…)]* . service . selector(…)* . onEvent(handler)`, e.g.
// functions.region("eu").runWith({ memory: "1GB" }).firestore.document("a/{b}").onCreate(h).
import type { Located } from "./constants.js";
import { readObject, readString } from "./constants.js";
import type { ModuleGraph, Segment } from "./evaluate.js";
import { emptyOptions, readOptions, readRegion } from "./options.js";
import {
  documentTrigger,
  scheduleTrigger,
  storageTrigger,
  unsupportedReading,
  type TriggerReading,
  type UnsupportedFamily,
} from "./trigger-targets.js";
import type { DocumentEvent, RuntimeTrigger } from "./types.js";

export type Interpretation =
  | { kind: "trigger"; reading: TriggerReading }
  /** An SDK value that is not a function to deploy: params, logger, HttpsError, config(). */
  | { kind: "other" }
  /** An SDK call the analyzer does not know. */
  | { kind: "unknown"; what: string };

const MODIFIERS = new Set(["timeZone", "retryConfig", "()"]);
const DOCUMENT_EVENTS: Record<string, DocumentEvent> = {
  onCreate: "create",
  onUpdate: "update",
  onDelete: "delete",
  onWrite: "write",
};
const UNSUPPORTED_SERVICES: Record<string, UnsupportedFamily> = {
  database: "database",
  analytics: "analytics",
  remoteConfig: "remoteConfig",
  testLab: "testLab",
  tasks: "tasks",
};

export function argsOf(segment: Segment | undefined): Located[] {
  return (segment?.args ?? []).map((expr) => ({ expr, file: segment?.file as Segment["file"] }));
}

export function interpretV1(segments: Segment[], graph: ModuleGraph): Interpretation {
  const options = emptyOptions();
  let start = 0;
  for (; start < segments.length; start++) {
    const segment = segments[start];
    if (!segment?.args || (segment.name !== "region" && segment.name !== "runWith")) break;
    if (segment.name === "region") readRegion(graph, argsOf(segment), options);
    else {
      const object = readObject(graph, argsOf(segment)[0]);
      if (object) readOptions(graph, object, options);
      else options.changes.push("runWith options are computed: set them on the winky function");
    }
  }
  const chain = segments.slice(start);
  const last = chain[chain.length - 1];
  const service = chain[0]?.name;
  if (!last?.args || service === undefined) return { kind: "other" };
  const firebaseTrigger = chain
    .filter((s) => !MODIFIERS.has(s.name))
    .map((s) => (s !== last && s.args ? `${s.name}()` : s.name))
    .join(".");
  const find = (name: string) => chain.find((s) => s.name === name && s.args);
  const arg = (name: string) => readString(graph, argsOf(find(name))[0]);
  const reading = (trigger: RuntimeTrigger | null): Interpretation => ({
    kind: "trigger",
    reading: { generation: 1, firebaseTrigger, trigger, options },
  });
  const unsupported = (family: UnsupportedFamily): Interpretation => ({
    kind: "trigger",
    reading: unsupportedReading(1, firebaseTrigger, family, options),
  });
  const event = last.name;
  switch (service) {
    case "https":
      if (event === "onCall") return reading({ kind: "callable" });
      if (event === "onRequest") return reading({ kind: "http" });
      break;
    case "firestore": {
      const documentEvent = DOCUMENT_EVENTS[event];
      if (documentEvent && find("document")) {
        return reading(documentTrigger(documentEvent, arg("document"), arg("database"), options));
      }
      break;
    }
    case "auth":
      if (event === "onCreate" || event === "onDelete") {
        return reading({ kind: "auth", event: event === "onCreate" ? "create" : "delete" });
      }
      if (event.startsWith("before")) return unsupported("blocking");
      break;
    case "storage":
      if (event === "onFinalize" || event === "onDelete") {
        const kind = event === "onFinalize" ? "finalize" : "delete";
        return reading(storageTrigger(kind, arg("bucket"), options));
      }
      if (event === "onArchive" || event === "onMetadataUpdate") return unsupported("storageEvent");
      break;
    case "pubsub":
      if (event === "onRun" && find("schedule")) {
        return reading(scheduleTrigger(arg("schedule"), arg("timeZone"), options));
      }
      if (event === "onPublish") return unsupported("pubsub");
      break;
    default: {
      const family = UNSUPPORTED_SERVICES[service];
      if (family) return unsupported(family);
      // config(), params, logger…: SDK calls that are not functions to deploy.
      if (!event.startsWith("on")) return { kind: "other" };
    }
  }
  return { kind: "unknown", what: firebaseTrigger };
}
