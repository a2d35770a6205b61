import type { Field } from "@winky/planner";
import type { ModelInfo } from "../analyze.js";
import { lines, ts } from "../naming.js";

/** Pieces several function sources share: event types and document fields in wire form. */

/** The `DocumentEvent` type a document trigger's source declares. */
export function documentEventType(): string {
  return lines(
    `/** A document trigger's event: fields in the wire form, null when absent. */`,
    `export interface DocumentEvent {`,
    `  eventId: string;`,
    `  kind: string;`,
    `  path: string;`,
    `  params: Record<string, string>;`,
    `  before: Fields | null;`,
    `  after: Fields | null;`,
    `}`,
  );
}

/** The `AuthEvent` type an auth trigger's source declares. */
export function authEventType(): string {
  return lines(
    `export interface AuthEvent {`,
    `  eventId: string;`,
    `  kind: string;`,
    `  user: { uid: string; email?: string | null } | null;`,
    `}`,
  );
}
/** A wire literal for a required field nothing else fills, so the document has every key. */
export function defaultWire(f: Field): string | undefined {
  switch (f.type) {
    case "string":
    case "text":
    case "markdown":
      return `{ stringValue: "" }`;
    case "number":
      return `{ integerValue: "0" }`;
    case "boolean":
      return `{ booleanValue: false }`;
    case "enum":
      return `{ stringValue: ${ts(f.options?.[0] ?? "")} }`;
    case "tags":
      return `{ arrayValue: { values: [] } }`;
    default:
      return undefined;
  }
}

/** `fields: { … }` entries: `known` first, then defaults for the other required fields. */
export function fieldEntries(model: ModelInfo, known: Record<string, string>): string[] {
  const entries = Object.entries(known).map(([k, v]) => `${k}: ${v},`);
  for (const f of model.fields) {
    if (f.name in known || !f.required) continue;
    const wire = defaultWire(f);
    if (wire) entries.push(`${f.name}: ${wire},`);
  }
  return entries;
}
