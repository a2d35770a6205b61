// Functions in Winky's own layout, as `winky export` writes them: functions-winky/functions.json
// lists `{ name, trigger, memoryMb, timeoutMs, secrets, file }` and each file is the source as
// it was deployed. They deploy as they are (the runtime checks each trigger again on deploy);
// Firebase-SDK code under `functions/` is a different path (analysed, not this).
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { FunctionDeploy } from "@winky/admin-client";
import { makeItem, type ReportItem } from "../report.js";

export const WINKY_FUNCTIONS_FOLDER = "functions-winky";
const LIST_FILE = "functions.json";
// The runtime's function names: a URL segment and a sandbox id.
const FUNCTION_NAME = /^[a-zA-Z][\w-]{0,62}$/;

export interface WinkyFunction {
  name: string;
  /** The body of `PUT …/admin/functions/:name`. */
  deploy: FunctionDeploy;
}

export interface WinkyFunctions {
  folder: string;
  functions: WinkyFunction[];
  /** False when an entry cannot be deployed as written: the import must not start. */
  complete: boolean;
  items: ReportItem[];
}

/** Reads functions-winky/ in the project folder; null when there is none. */
export async function readWinkyFunctions(projectDir: string): Promise<WinkyFunctions | null> {
  const folder = WINKY_FUNCTIONS_FOLDER;
  const root = path.resolve(projectDir, folder);
  if (!(await stat(root).catch(() => null))?.isDirectory()) return null;
  const listFile = `${folder}/${LIST_FILE}`;
  const bad = (reason: string, file = listFile): WinkyFunctions => ({
    folder,
    functions: [],
    complete: false,
    items: [makeItem("functions", folder, { file, line: 1 }, "not-understood", reason)],
  });
  let list: unknown;
  try {
    list = JSON.parse(await readFile(path.join(root, LIST_FILE), "utf8"));
  } catch (e) {
    return bad(`cannot read ${listFile}: ${(e as Error).message}`);
  }
  if (!Array.isArray(list)) return bad(`${listFile} must be a list of functions`);
  const functions: WinkyFunction[] = [];
  const items: ReportItem[] = [];
  let complete = true;
  const seen = new Set<string>();
  for (const [i, entry] of list.entries()) {
    const at = { file: listFile, line: 1 };
    const problem = entryProblem(entry, seen);
    const name = typeof entry?.name === "string" ? entry.name : `[${i}]`;
    if (problem) {
      complete = false;
      items.push(makeItem("functions", name, at, "not-understood", problem));
      continue;
    }
    const e = entry as Entry;
    const file = path.resolve(root, e.file);
    const source = file.startsWith(root + path.sep)
      ? await readFile(file, "utf8").catch(() => null)
      : null;
    if (source === null || source.length === 0) {
      complete = false;
      const reason = `its source ${folder}/${e.file} is missing, empty or outside ${folder}/`;
      items.push(makeItem("functions", name, at, "not-understood", reason));
      continue;
    }
    seen.add(e.name);
    const deploy: FunctionDeploy = {
      source,
      trigger: e.trigger,
      ...(e.memoryMb !== undefined ? { memoryMb: e.memoryMb } : {}),
      ...(e.timeoutMs !== undefined ? { timeoutMs: e.timeoutMs } : {}),
      ...(e.secrets !== undefined ? { secrets: e.secrets } : {}),
    };
    functions.push({ name: e.name, deploy });
    const secrets = e.secrets?.length ? `; set its secrets first: ${e.secrets.join(", ")}` : "";
    const detail = `a Winky function (${String(e.trigger.kind)} trigger), deployed as it was exported${secrets}`;
    items.push(
      makeItem("functions", name, { file: `${folder}/${e.file}`, line: 1 }, "maps", detail),
    );
  }
  return { folder, functions, complete, items };
}

interface Entry {
  name: string;
  trigger: Record<string, unknown> & { kind: string };
  memoryMb?: number;
  timeoutMs?: number;
  secrets?: string[];
  file: string;
}

function entryProblem(entry: unknown, seen: Set<string>): string | null {
  if (typeof entry !== "object" || entry === null) return "an entry must be an object";
  const e = entry as Record<string, unknown>;
  if (typeof e.name !== "string" || !FUNCTION_NAME.test(e.name)) {
    return "name must start with a letter and hold at most 63 letters, digits, '_' or '-'";
  }
  if (seen.has(e.name)) return `${e.name} is listed twice`;
  const trigger = e.trigger as { kind?: unknown } | null;
  if (typeof trigger !== "object" || trigger === null || typeof trigger.kind !== "string") {
    return "trigger must be an object with a kind";
  }
  for (const key of ["memoryMb", "timeoutMs"] as const) {
    if (e[key] !== undefined && !Number.isInteger(e[key])) return `${key} must be a whole number`;
  }
  const secrets = e.secrets;
  if (
    secrets !== undefined &&
    !(Array.isArray(secrets) && secrets.every((s) => typeof s === "string"))
  ) {
    return "secrets must be a list of names";
  }
  if (typeof e.file !== "string" || e.file === "") return "file must name the source file";
  return null;
}
