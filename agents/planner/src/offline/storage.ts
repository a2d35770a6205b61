import type { AppPlan, Model } from "../plan-schema.js";
import { phraseOf, plural } from "./words.js";

/**
 * Storage follows the fields: on when a model has an image or file field, with what is
 * uploaded, a size limit (the prompt's "up to 5 MB", else 10 MB for images and 25 MB when
 * files are allowed) and the content types those fields accept.
 */
export function planStorage(
  models: readonly Model[],
  lower: string,
  assumptions: string[],
): AppPlan["storage"] {
  const uploads: string[] = [];
  const types = new Set<string>();
  for (const m of models)
    for (const f of m.fields) {
      if (f.type !== "image" && f.type !== "file") continue;
      uploads.push(`${phraseOf(m.name)} ${plural(f.label.toLowerCase())}`);
      for (const t of contentTypes(f.type, f.name, lower)) types.add(t);
    }
  if (uploads.length === 0) return { enabled: false, uploads: [], maxFileMb: 10, contentTypes: [] };
  const stated =
    /\b(?:up to|max(?:imum)?|limit(?: of)?|under|at most)\s*(\d{1,3})\s*mb\b|\b(\d{1,3})\s*mb (?:max|limit)\b/.exec(
      lower,
    );
  const files = [...types].some((t) => !t.startsWith("image/"));
  const maxFileMb = stated
    ? Math.min(100, Math.max(1, Number(stated[1] ?? stated[2])))
    : files
      ? 25
      : 10;
  if (!stated)
    assumptions.push(
      `Uploads are limited to ${maxFileMb} MB each${files ? "" : " and must be images"}.`,
    );
  return {
    enabled: true,
    uploads: uploads.slice(0, 10),
    maxFileMb,
    contentTypes: [...types].slice(0, 20),
  };
}

function contentTypes(type: "image" | "file", name: string, lower: string): string[] {
  if (type === "image") return ["image/*"];
  if (/video/.test(name) || /\bvideos?\b/.test(lower)) return ["video/*"];
  if (/audio|recording|voice/.test(name)) return ["audio/*"];
  if (/resume|cv|pdf/.test(name) || /\bpdfs?\b/.test(lower)) return ["application/pdf"];
  return ["application/pdf", "image/*", "text/plain"];
}
