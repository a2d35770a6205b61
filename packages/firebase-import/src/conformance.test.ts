import { existsSync, readdirSync, readFileSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseFirestoreIndexes } from "./firestore-indexes.js";
import { indexVerdicts } from "./index-verdicts.js";
import { parseJsonc } from "./jsonc.js";
import { readFirebaseProject } from "./read-project.js";
import type { ReportItem } from "./report.js";

// shared/ sits beside the repository, on developer machines and in CI alike.
const repo = fileURLToPath(new URL("../../..", import.meta.url));
const configsRoot = path.resolve(repo, "../shared/conformance/firebase-configs");
const firebaseJsonDir = path.join(configsRoot, "firebase_json");
const indexesDir = path.join(configsRoot, "firestore_indexes");
const list = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

function topLevelKeys(text: string, file: string): string[] {
  const { root } = parseJsonc(text, file);
  return root.kind === "object" ? root.members.map((m) => m.key) : [];
}

/** An item about `key`: named by it, or by one of its entries or sub-keys. */
function mentions(items: readonly ReportItem[], key: string): boolean {
  return items.some(
    (i) =>
      i.name === key ||
      i.name.startsWith(`${key}.`) ||
      i.name.startsWith(`${key}[`) ||
      i.name.startsWith(`${key} `),
  );
}

describe("the shared Firebase config samples", () => {
  it("are there: at least 20 firebase.json and 9 firestore.indexes.json files", () => {
    expect(existsSync(configsRoot), `${configsRoot} is missing`).toBe(true);
    expect(list(firebaseJsonDir).length).toBeGreaterThanOrEqual(20);
    expect(list(indexesDir).length).toBeGreaterThanOrEqual(9);
  });

  it.each(list(firebaseJsonDir))(
    "firebase_json/%s: read without error, every section reported",
    async (name) => {
      const dir = await mkdtemp(path.join(tmpdir(), "firebase-import-"));
      temps.push(dir);
      await copyFile(path.join(firebaseJsonDir, name), path.join(dir, "firebase.json"));
      const { report, model } = await readFirebaseProject(dir);
      expect(model, "firebase.json was not parsed").not.toBeNull();
      const keys = topLevelKeys(readFileSync(path.join(firebaseJsonDir, name), "utf8"), name);
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys)
        expect(mentions(report.items, key), `no item for "${key}"`).toBe(true);
      for (const item of report.items) {
        expect(item.source.line).toBeGreaterThanOrEqual(1);
        expect(item.detail.length).toBeGreaterThan(0);
      }
      expect(report.score).toBeGreaterThanOrEqual(0);
      expect(report.score).toBeLessThanOrEqual(100);
    },
  );

  it.each(list(indexesDir))("firestore_indexes/%s: every index and override reported", (name) => {
    const text = readFileSync(path.join(indexesDir, name), "utf8");
    const model = parseFirestoreIndexes(text, name);
    const items = indexVerdicts(model);
    for (const key of topLevelKeys(text, name))
      expect(mentions(items, key), `no item for "${key}"`).toBe(true);
    model.indexes.forEach((_, i) => expect(mentions(items, `indexes[${i}]`)).toBe(true));
    model.fieldOverrides.forEach((_, i) =>
      expect(mentions(items, `fieldOverrides[${i}]`)).toBe(true),
    );
    expect(model.problems).toEqual([]);
    expect(items.every((i) => i.source.file === name)).toBe(true);
  });
});
