// firebase.json as a list of sections, each a list of entries with every key and its position.
// The schema (firebase-tools' schema/firebase-config.json) allows a section to be one object
// or a list of objects told apart by `target` (hosting, storage, database, firestore) or
// `codebase` (functions); both shapes become entries here so the verdicts handle one shape.
import type { JsonMember, JsonValue, Position } from "./json-node.js";
import { stringMember } from "./json-node.js";
import { parseJsonc, type DuplicateKey } from "./jsonc.js";

/** The top-level sections the firebase-tools schema defines. */
export const KNOWN_SECTIONS = [
  "hosting",
  "functions",
  "firestore",
  "storage",
  "emulators",
  "auth",
  "database",
  "remoteconfig",
  "extensions",
  "dataconnect",
  "apphosting",
  "ailogic",
] as const;

/**
 * The 2015 layout put hosting's keys at the top level; firebase-tools still reads them as the
 * hosting section's. `firebase` named the project and `rules` the Realtime Database rules.
 */
export const LEGACY_HOSTING_KEYS = [
  "public",
  "ignore",
  "rewrites",
  "redirects",
  "headers",
  "cleanUrls",
  "trailingSlash",
  "i18n",
];
export const LEGACY_PROJECT_KEY = "firebase";
export const LEGACY_DATABASE_KEY = "rules";

export interface SectionEntry {
  /** How items name the entry: `hosting`, `hosting[app]`, `functions[0]`; "" for legacy keys. */
  label: string;
  target?: string;
  codebase?: string;
  position: Position;
  /** The entry's keys; empty when the entry is not an object (`value` says what it is). */
  members: JsonMember[];
  value: JsonValue;
}

export interface FirebaseSection {
  name: string;
  /** object: one entry; array: one per element; legacy: top-level keys; other: not an object. */
  layout: "object" | "array" | "legacy" | "other";
  position: Position;
  entries: SectionEntry[];
}

export interface FirebaseJsonModel {
  file: string;
  sections: FirebaseSection[];
  /** The old layout's `firebase` key (the project's name), when present. */
  legacyProject?: JsonMember;
  /** `$schema`: an editor hint, kept so the report accounts for every key. */
  schemaHint?: JsonMember;
  /** Top-level keys neither the schema nor the old layout know: never dropped. */
  unknownKeys: JsonMember[];
  duplicates: DuplicateKey[];
  /** Set when the file is valid JSON but not an object: nothing else can be read. */
  notAnObject?: { position: Position; found: string };
}

/** @throws JsoncSyntaxError naming `file:line:column` for malformed JSON. */
export function parseFirebaseJson(text: string, file = "firebase.json"): FirebaseJsonModel {
  const { root, duplicates } = parseJsonc(text, file);
  const model: FirebaseJsonModel = { file, sections: [], unknownKeys: [], duplicates };
  if (root.kind !== "object") {
    model.notAnObject = { position: root.position, found: root.kind };
    return model;
  }
  const legacyHosting: JsonMember[] = [];
  const seen = new Set<string>();
  for (const member of root.members) {
    // A duplicated key is read once (the last value wins); the duplicate is reported apart.
    if (seen.has(member.key)) continue;
    seen.add(member.key);
    const last = root.members.findLast((m) => m.key === member.key) ?? member;
    if ((KNOWN_SECTIONS as readonly string[]).includes(last.key)) {
      model.sections.push(toSection(last));
    } else if (LEGACY_HOSTING_KEYS.includes(last.key)) legacyHosting.push(last);
    else if (last.key === LEGACY_PROJECT_KEY) model.legacyProject = last;
    else if (last.key === LEGACY_DATABASE_KEY) {
      model.sections.push(legacySection("database", [last]));
    } else if (last.key === "$schema") model.schemaHint = last;
    else model.unknownKeys.push(last);
  }
  if (legacyHosting.length > 0) model.sections.push(legacySection("hosting", legacyHosting));
  return model;
}

function legacySection(name: string, members: JsonMember[]): FirebaseSection {
  const position = members[0]?.keyPosition ?? { line: 1, column: 1 };
  const value: JsonValue = { kind: "object", position, members };
  return { name, layout: "legacy", position, entries: [{ label: "", position, members, value }] };
}

function toSection(member: JsonMember): FirebaseSection {
  const { key: name, value, keyPosition: position } = member;
  if (value.kind === "object") {
    return { name, layout: "object", position, entries: [toEntry(name, value, name)] };
  }
  if (value.kind === "array") {
    const entries = value.items.map((item, i) => toEntry(name, item, entryLabel(name, item, i)));
    return { name, layout: "array", position, entries };
  }
  return { name, layout: "other", position, entries: [toEntry(name, value, name)] };
}

function toEntry(section: string, value: JsonValue, label: string): SectionEntry {
  if (value.kind !== "object") return { label, position: value.position, members: [], value };
  const target = stringMember(value, "target");
  const codebase = section === "functions" ? stringMember(value, "codebase") : undefined;
  return {
    label,
    ...(target === undefined ? {} : { target }),
    ...(codebase === undefined ? {} : { codebase }),
    position: value.position,
    members: lastOfEachKey(value.members),
    value,
  };
}

/** A duplicated key is judged once, by its last value (the one firebase-tools uses). */
function lastOfEachKey(members: JsonMember[]): JsonMember[] {
  return members.filter((m, i) => !members.slice(i + 1).some((later) => later.key === m.key));
}

/** `hosting[app]` for a target, `functions[api]` for a codebase, else `hosting[0]`. */
function entryLabel(section: string, value: JsonValue, index: number): string {
  if (value.kind !== "object") return `${section}[${index}]`;
  const name =
    stringMember(value, "target") ??
    (section === "functions" ? stringMember(value, "codebase") : undefined) ??
    (section === "firestore" ? stringMember(value, "database") : undefined);
  return name === undefined ? `${section}[${index}]` : `${section}[${name}]`;
}

/** `hosting.rewrites`, `hosting[app].rewrites`, or `rewrites` for a legacy top-level key. */
export function keyName(entry: SectionEntry, key: string): string {
  return entry.label === "" ? key : `${entry.label}.${key}`;
}
