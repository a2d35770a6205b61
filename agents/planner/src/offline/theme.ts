import type { AppPlan } from "../plan-schema.js";
import { phrases } from "./words.js";

/**
 * The theme: colours named in the prompt (the first is primary, a second the accent, else the
 * primary's usual accent), dark or light, and a style word ("playful", "minimal"). Colour words
 * that are also other things ("olive oil", "mint condition") count only next to a design word.
 */
type Theme = AppPlan["theme"];

const PALETTE: Readonly<Record<string, readonly [string, string]>> = {
  red: ["#dc2626", "#f59e0b"],
  crimson: ["#be123c", "#0ea5e9"],
  maroon: ["#881337", "#d97706"],
  orange: ["#ea580c", "#0ea5e9"],
  amber: ["#d97706", "#4f46e5"],
  yellow: ["#ca8a04", "#4f46e5"],
  gold: ["#b45309", "#1e3a8a"],
  lime: ["#65a30d", "#7c3aed"],
  green: ["#16a34a", "#f59e0b"],
  emerald: ["#059669", "#f97316"],
  mint: ["#34d399", "#6366f1"],
  olive: ["#4d7c0f", "#b45309"],
  teal: ["#0d9488", "#f97316"],
  turquoise: ["#14b8a6", "#f43f5e"],
  cyan: ["#0891b2", "#f43f5e"],
  sky: ["#0284c7", "#f59e0b"],
  blue: ["#2563eb", "#f59e0b"],
  navy: ["#1e3a8a", "#f59e0b"],
  indigo: ["#4f46e5", "#f59e0b"],
  violet: ["#7c3aed", "#10b981"],
  purple: ["#9333ea", "#f59e0b"],
  lavender: ["#a78bfa", "#f472b6"],
  magenta: ["#c026d3", "#14b8a6"],
  pink: ["#db2777", "#0ea5e9"],
  rose: ["#e11d48", "#0ea5e9"],
  coral: ["#f87171", "#0d9488"],
  peach: ["#fb923c", "#0ea5e9"],
  brown: ["#92400e", "#65a30d"],
  gray: ["#4b5563", "#2563eb"],
  grey: ["#4b5563", "#2563eb"],
  slate: ["#475569", "#0ea5e9"],
  black: ["#111827", "#f59e0b"],
};
/** Colour words that often mean something else: trusted only beside a design word. */
const AMBIGUOUS = phrases(
  "gold, mint, olive, rose, coral, peach, sky, lime, lavender, slate, navy, orange",
);
const DESIGN =
  /^\s*(and \w+ |\w+ )?(theme|colou?rs?|accents?|palette|tones?|scheme|background|buttons|ui|look|vibe|highlights?|branding|design|styling|headers?)\b/;
const STYLES = [
  ...phrases(
    "playful, minimal, minimalist, clean, modern, elegant, retro, brutalist, corporate, professional, cozy, cosy, bold, futuristic, cute, calm, friendly, classic, vintage, neon, pastel, sleek, whimsical, colorful, colourful, earthy, warm, fun, serious, luxurious, glassy, material",
  ),
];
const DEFAULT: readonly [string, string] = ["#4f46e5", "#f59e0b"];

export function planTheme(lower: string, assumptions: string[]): Theme {
  const colours = namedColours(lower);
  const hex = [...lower.matchAll(/#([0-9a-f]{6}|[0-9a-f]{3})\b/g)].map((m) => expand(m[1]!));
  const picks = [...hex, ...colours.map((c) => PALETTE[c]![0])];
  const primary = picks[0] ?? DEFAULT[0];
  const accent =
    picks.find((p) => p !== primary) ??
    (colours[0] && !hex[0] ? PALETTE[colours[0]]![1] : DEFAULT[1]);
  if (picks.length === 0)
    assumptions.push("No colours were named, so the theme is indigo with an amber accent.");

  const dark =
    /\bdark\b(?! (chocolate|roast|academia|web))|\bnight mode\b|\bblack background\b/.test(lower);
  const light = /\blight (mode|theme)\b|\bwhite background\b/.test(lower);
  if (!dark && !light) assumptions.push("Light mode, since the prompt did not ask for dark.");

  // Words in parentheses are values ("category (food, rent, fun)"), not the app's look.
  const prose = lower.replace(/\([^)]*\)/g, " ");
  const style = STYLES.map((s) => ({ s, at: prose.search(new RegExp(`\\b${s}\\b`)) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at)[0]?.s;
  if (!style) assumptions.push('The style is "clean", since the prompt named none.');
  return {
    primary,
    accent,
    mode: dark ? "dark" : "light",
    style: normaliseStyle(style ?? "clean"),
  };
}

function namedColours(lower: string): string[] {
  const out: string[] = [];
  for (const m of lower.matchAll(/\b([a-z]+)\b/g)) {
    const word = m[1]!;
    if (!PALETTE[word] || out.includes(word)) continue;
    if (
      AMBIGUOUS.has(word) &&
      !DESIGN.test(lower.slice(m.index + word.length, m.index + word.length + 30))
    )
      continue;
    out.push(word);
  }
  return out;
}

function expand(hex: string): string {
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex}`;
}

function normaliseStyle(s: string): string {
  return (
    ({ minimalist: "minimal", cosy: "cozy", colourful: "colorful" } as Record<string, string>)[s] ??
    s
  );
}
