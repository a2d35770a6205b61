// The syntax tree the JSONC parser produces: every value keeps where it starts, so a report can
// cite `firebase.json:LINE` for any section, key or list entry.

/** 1-based line and column of a value's first character (or of a key's opening quote). */
export interface Position {
  line: number;
  column: number;
}

export interface JsonMember {
  key: string;
  /** Where the key's opening quote is: what a report cites for "this key". */
  keyPosition: Position;
  value: JsonValue;
}

export type JsonValue =
  | { kind: "object"; position: Position; members: JsonMember[] }
  | { kind: "array"; position: Position; items: JsonValue[] }
  | { kind: "string"; position: Position; value: string }
  | { kind: "number"; position: Position; value: number }
  | { kind: "boolean"; position: Position; value: boolean }
  | { kind: "null"; position: Position };

export type JsonObject = Extract<JsonValue, { kind: "object" }>;
export type JsonArray = Extract<JsonValue, { kind: "array" }>;

/**
 * The member named `key`, or undefined. With a duplicated key the last one wins, as
 * `JSON.parse` (and so firebase-tools) decides; the parser reports the duplicate separately.
 */
export function memberOf(object: JsonObject, key: string): JsonMember | undefined {
  for (let i = object.members.length - 1; i >= 0; i--) {
    const member = object.members[i];
    if (member?.key === key) return member;
  }
  return undefined;
}

/** A member's value when it is a string, else undefined. */
export function stringMember(object: JsonObject, key: string): string | undefined {
  const value = memberOf(object, key)?.value;
  return value?.kind === "string" ? value.value : undefined;
}

/** What a value is, in words: "an object", "a list", "text", … for error messages. */
export function describeKind(value: JsonValue): string {
  switch (value.kind) {
    case "object":
      return "an object";
    case "array":
      return "a list";
    case "string":
      return "text";
    case "number":
      return "a number";
    case "boolean":
      return "true/false";
    case "null":
      return "null";
  }
}

/** The plain JavaScript value, for checks that compare whole values (duplicate indexes). */
export function toPlain(value: JsonValue): unknown {
  switch (value.kind) {
    case "object":
      return Object.fromEntries(value.members.map((m) => [m.key, toPlain(m.value)]));
    case "array":
      return value.items.map(toPlain);
    case "null":
      return null;
    default:
      return value.value;
  }
}

/** A short rendering of a scalar for report lines; objects and lists are summarised. */
export function preview(value: JsonValue): string {
  if (value.kind === "object") return `{${value.members.map((m) => m.key).join(", ")}}`;
  if (value.kind === "array") return `[${value.items.length} entries]`;
  const text = JSON.stringify(toPlain(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
