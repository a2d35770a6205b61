// The rules and indexes files the import deploys, read again as the runtime will take them: a
// rules file that does not compile or an indexes file that does not parse blocks the import
// (the report already says why, at file:line:column).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isInside } from "@winky/firebase-compat";
import { RulesProgram } from "@winky/rules";
import { JsoncSyntaxError, parseJsonc } from "../jsonc.js";
import { toPlain } from "../json-node.js";
import { makeItem, type ReportItem } from "../report.js";
import { outsideFolder, type FileReference } from "../referenced-files.js";

export interface Deployables {
  rules: {
    firestore?: { file: string; source: string };
    storage?: { file: string; source: string };
  };
  /** firestore.indexes.json as plain JSON, the body of the runtime's indexes deploy. */
  indexes: { file: string; value: unknown } | null;
}

export async function readDeployables(
  dir: string,
  refs: readonly FileReference[],
): Promise<Deployables & { blockers: ReportItem[] }> {
  const result: Deployables & { blockers: ReportItem[] } = {
    rules: {},
    indexes: null,
    blockers: [],
  };
  const block = (area: string, file: string, line: number, reason: string, column?: number) =>
    result.blockers.push(
      makeItem(
        area,
        `${area} file ${file}`,
        { file, line, ...(column ? { column } : {}) },
        "needs-change",
        reason,
      ),
    );
  for (const ref of refs) {
    const area = ref.kind === "firestore-indexes" ? "indexes" : "rules";
    if (!isInside(dir, ref.file)) {
      block(area, ref.namedAt.file, ref.namedAt.line, outsideFolder(ref.file));
      continue;
    }
    const text = await readFile(path.resolve(dir, ref.file), "utf8").catch(() => null);
    if (text === null) {
      block(
        area,
        ref.namedAt.file,
        ref.namedAt.line,
        `${ref.file} is named here but cannot be read`,
      );
      continue;
    }
    if (ref.kind === "firestore-indexes") {
      try {
        result.indexes ??= { file: ref.file, value: toPlain(parseJsonc(text, ref.file).root) };
      } catch (e) {
        if (!(e instanceof JsoncSyntaxError)) throw e;
        block(area, ref.file, e.position.line, e.message, e.position.column);
      }
      continue;
    }
    try {
      RulesProgram.compile(text, ref.file);
    } catch (e) {
      const at = (e as { location?: { line: number; column: number } }).location;
      block(
        area,
        ref.file,
        at?.line ?? 1,
        `does not compile: ${(e as Error).message.split("\n")[0]}`,
        at?.column,
      );
      continue;
    }
    // Several firestore entries (named databases) or storage targets (buckets): the first one
    // is the default database and bucket; the section verdicts report the others.
    const service = ref.kind === "firestore-rules" ? "firestore" : "storage";
    result.rules[service] ??= { file: ref.file, source: text };
  }
  return result;
}
