import type { AppFiles } from "../report.js";

/** What the review reads of `winky.json`: the files it deploys and the functions it declares. */
export interface WinkyConfig {
  rules: { firestore?: string; storage?: string };
  indexes?: string;
  functions: Array<{ name?: string; source?: string; trigger?: string }>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * Reads `winky.json` leniently: fields of the wrong type count as absent, so each missing
 * piece becomes its own finding. A finding instead when the file is absent or not JSON.
 */
export function readWinkyConfig(files: AppFiles): { config?: WinkyConfig; finding?: string } {
  const text = files["winky.json"];
  if (text === undefined) return { finding: "coverage: winky.json is missing" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { finding: "coverage: winky.json is not valid JSON" };
  }
  const root = obj(json);
  const rules = obj(root.rules);
  const functions = Array.isArray(root.functions) ? root.functions : [];
  return {
    config: {
      rules: { firestore: str(rules.firestore), storage: str(rules.storage) },
      indexes: str(root.indexes),
      functions: functions.map((f) => {
        const o = obj(f);
        return { name: str(o.name), source: str(o.source), trigger: str(obj(o.trigger).kind) };
      }),
    },
  };
}
