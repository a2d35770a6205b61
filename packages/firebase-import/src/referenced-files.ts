// The files firebase.json names: rules files are compiled with @winky/rules (syntax errors come
// back as file:line:column), indexes files are parsed and judged index by index.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isInside } from "@winky/firebase-compat";
import { isRulesSyntaxError, RulesProgram } from "@winky/rules";
import type { FirebaseSection } from "./firebase-json.js";
import { parseFirestoreIndexes } from "./firestore-indexes.js";
import { indexVerdicts } from "./index-verdicts.js";
import { JsoncSyntaxError } from "./jsonc.js";
import { makeItem, type ReportItem } from "./report.js";
import { ruleItems } from "./rule-items.js";

/** A file firebase.json names, with the line that names it. */
export interface FileReference {
  kind: "firestore-rules" | "storage-rules" | "firestore-indexes";
  file: string;
  namedAt: { file: string; line: number };
}

const SERVICE = {
  "firestore-rules": "cloud.firestore",
  "storage-rules": "firebase.storage",
} as const;

/** The rules and indexes files the firestore and storage sections name. */
export function referencedFiles(
  sections: readonly FirebaseSection[],
  file: string,
): FileReference[] {
  const refs: FileReference[] = [];
  for (const section of sections) {
    for (const entry of section.entries) {
      if (entry.value.kind !== "object") continue;
      const add = (key: string, kind: FileReference["kind"]) => {
        // The last member wins, as for a duplicated key everywhere else.
        const member = entry.members.findLast((m) => m.key === key);
        if (member?.value.kind === "string") {
          const namedAt = { file, line: member.keyPosition.line };
          refs.push({ kind, file: member.value.value, namedAt });
        }
      };
      if (section.name === "firestore") {
        add("rules", "firestore-rules");
        add("indexes", "firestore-indexes");
      } else if (section.name === "storage") add("rules", "storage-rules");
    }
  }
  return refs;
}

/** Reads and checks one referenced file; a missing or malformed file is an item, never a throw. */
export async function checkReferencedFile(dir: string, ref: FileReference): Promise<ReportItem[]> {
  const area = ref.kind === "firestore-indexes" ? "indexes" : "rules";
  // Named apart from the firebase.json key that names the file (`firestore.rules`).
  const name = `${area} file ${ref.file}`;
  if (!isInside(dir, ref.file)) {
    return [makeItem(area, name, ref.namedAt, "needs-change", outsideFolder(ref.file))];
  }
  let text: string;
  try {
    text = await readFile(path.resolve(dir, ref.file), "utf8");
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === "ENOENT"
        ? "is missing"
        : `cannot be read (${(e as Error).message})`;
    return [
      makeItem(
        area,
        name,
        ref.namedAt,
        "needs-change",
        `${ref.file}, named here, ${reason}: add it or fix the path`,
      ),
    ];
  }
  if (ref.kind === "firestore-indexes") {
    try {
      return indexVerdicts(parseFirestoreIndexes(text, ref.file));
    } catch (e) {
      if (!(e instanceof JsoncSyntaxError)) throw e;
      return [
        makeItem(
          area,
          name,
          { file: ref.file, line: e.position.line, column: e.position.column },
          "needs-change",
          e.message,
        ),
      ];
    }
  }
  return checkRules(text, ref, ref.kind);
}

function checkRules(text: string, ref: FileReference, kind: keyof typeof SERVICE): ReportItem[] {
  const at = { file: ref.file, line: 1 };
  try {
    const program = RulesProgram.compile(text, ref.file);
    if (program.service !== SERVICE[kind]) {
      return [
        makeItem(
          "rules",
          `rules file ${ref.file}`,
          at,
          "needs-change",
          `the file declares service ${program.service} but is named as ${kind === "firestore-rules" ? "Firestore" : "Storage"} rules`,
        ),
      ];
    }
    return [
      makeItem(
        "rules",
        `rules file ${ref.file}`,
        at,
        "maps",
        `compiles with winky's rules engine (service ${program.service}, rules_version ${program.version})`,
      ),
      ...ruleItems(program.ast, text, ref.file),
    ];
  } catch (e) {
    if (isRulesSyntaxError(e)) {
      // The first line of the message is `file:line:column: reason`; the caret excerpt follows.
      const reason = e.message.split("\n")[0] ?? e.reason;
      return [
        makeItem(
          "rules",
          `rules file ${ref.file}`,
          { file: ref.file, line: e.location.line, column: e.location.column },
          "needs-change",
          `winky's rules parser refuses it: ${reason}`,
        ),
      ];
    }
    return [
      makeItem(
        "rules",
        `rules file ${ref.file}`,
        at,
        "not-understood",
        `the rules compiler failed: ${(e as Error).message}`,
      ),
    ];
  }
}

/** Why a rules or indexes file firebase.json names outside the project folder is not read. */
export const outsideFolder = (file: string) =>
  `${file}, named here, is outside the project folder: keep rules and indexes files inside it`;
