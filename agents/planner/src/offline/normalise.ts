import { correction } from "./spelling.js";

/**
 * The first stage: one canonical text for every later stage. Unicode punctuation becomes
 * ASCII, bullet lists become sentences (or a comma list after a "Features:" line), spacing is
 * collapsed, and near-miss typos of words the planner knows are fixed — each fix is reported,
 * because silently reading a different word than the user wrote would be surprising.
 */
export interface Normalised {
  text: string;
  /** "Read \"recipies\" as \"recipes\"." — one per distinct fix. */
  corrections: string[];
}

const BULLET = /^\s*(?:[-*•+]|\d+[.)])\s+/;

export function normalise(prompt: string): Normalised {
  const ascii = prompt
    .normalize("NFKC")
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/[–—−]/g, " - ")
    .replace(/…/g, "...")
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\f\v\u00a0]/g, " ")
    // Shorthand the list reader would otherwise miss: "w/ tags", "tags & images", "video + notes".
    .replace(/\bw\/\s*/gi, "with ")
    .replace(/\s+[&+]\s+/g, " and ");
  const text = joinLines(ascii).replace(/ {2,}/g, " ").trim();
  return fixTypos(text);
}

/** Each line is a sentence; bullets under a line ending in ":" are that line's list. */
function joinLines(text: string): string {
  const out: string[] = [];
  let listOpen = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line) {
      listOpen = false;
      continue;
    }
    const bullet = BULLET.test(line);
    const body = line.replace(BULLET, "").replace(/[.;,]+$/, "");
    // Each bullet is its own clause ("; "), so one bullet's list does not run into the next.
    if (bullet && listOpen)
      out[out.length - 1] += `${out.at(-1)!.endsWith(":") ? " " : "; "}${body}`;
    else out.push(line.endsWith(":") ? line : /[.!?]$/.test(body) ? body : `${body}.`);
    if (!bullet) listOpen = line.endsWith(":");
  }
  return out
    .map((l) => (l.endsWith(":") ? `${l.slice(0, -1)}.` : /[.!?]$/.test(l) ? l : `${l}.`))
    .join(" ");
}

function fixTypos(text: string): Normalised {
  const corrections = new Map<string, string>();
  const fixed = text.replace(/[A-Za-z][A-Za-z-]{3,}/g, (word) => {
    const lower = word.toLowerCase();
    const to = correction(lower);
    if (!to) return word;
    corrections.set(lower, to);
    return to;
  });
  return {
    text: fixed,
    corrections: [...corrections].map(([from, to]) => `Read "${from}" as "${to}".`),
  };
}
