// Test helpers: project folders written to a fresh temporary directory, and positions looked
// up in fixture text so expectations name the line:column a reader would see in an editor.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ReportItem } from "../report.js";
import { readFirestoreData, type FirestoreData } from "./read-data.js";

/** Writes `files` (relative path → text or raw bytes) into a new temporary project folder. */
export async function writeProject(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "winky-data-"));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

/** Reads a project made of `files`; fails the test when there is no data at all. */
export async function readProject(
  files: Record<string, string | Uint8Array>,
  location?: string,
): Promise<FirestoreData> {
  const data = await readFirestoreData(await writeProject(files), location);
  if (data === null) throw new Error("expected data, got null");
  return data;
}

/** The 1-based line:column of the `occurrence`-th appearance of `needle` in `text`. */
export function positionOf(text: string, needle: string, occurrence = 1): string {
  return lineColumn(text, indexOf(text, needle, occurrence));
}

/** The line:column of the "{" opening the object whose key is the `occurrence`-th `needle`. */
export function objectHolding(text: string, needle: string, occurrence = 1): string {
  return lineColumn(text, text.lastIndexOf("{", indexOf(text, needle, occurrence)));
}

function indexOf(text: string, needle: string, occurrence: number): number {
  let index = -1;
  for (let i = 0; i < occurrence; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} not found ${occurrence} times`);
  }
  return index;
}

function lineColumn(text: string, index: number): string {
  const before = text.slice(0, index).split("\n");
  return `${before.length}:${(before.at(-1) ?? "").length + 1}`;
}

/** Items that are not `maps`, as "verdict file:line:column name: detail" for exact checks. */
export function problems(data: FirestoreData): string[] {
  return data.items.filter((i) => i.verdict !== "maps").map(describe);
}

export function describe(item: ReportItem): string {
  const { file, line, column } = item.source;
  return `${item.verdict} ${file}:${line}:${column ?? "-"} ${item.name}: ${item.detail}`;
}
