import type { AppPlan } from "@winky/planner";
import { lines } from "../naming.js";

/** Relative luminance of a #rrggbb colour (WCAG). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Text on a coloured background: whichever of near-black and white contrasts more. */
function onColour(hex: string): string {
  return luminance(hex) > 0.35 ? "#111827" : "#ffffff";
}

/** The colour mixed with white (light) or black (dark) at `amount` (0–1), for soft fills. */
function soften(hex: string, amount: number, towards: "white" | "black"): string {
  const target = towards === "white" ? 255 : 0;
  const mix = (i: number) =>
    Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - amount) + target * amount)
      .toString(16)
      .padStart(2, "0");
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

const STYLES: Record<string, { radius: string; font: string }> = {
  playful: { radius: "16px", font: '"Nunito", "Segoe UI", system-ui, sans-serif' },
  minimal: { radius: "2px", font: '"Helvetica Neue", Arial, system-ui, sans-serif' },
  elegant: { radius: "6px", font: 'Georgia, "Times New Roman", serif' },
  clean: { radius: "8px", font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
};

/** `src/styles/theme.css`: the plan's theme as the variables styles/base.css reads. */
export function themeCss(plan: AppPlan): string {
  const { primary, accent, mode, style } = plan.theme;
  const { radius, font } = STYLES[style.toLowerCase()] ?? STYLES.clean!;
  const dark = mode === "dark";
  return lines(
    `/* Generated from the plan's theme: ${mode}, ${style}. */`,
    `:root {`,
    `  color-scheme: ${mode};`,
    `  --color-primary: ${primary};`,
    `  --color-on-primary: ${onColour(primary)};`,
    `  --color-accent: ${accent};`,
    `  --color-on-accent: ${onColour(accent)};`,
    `  --color-accent-soft: ${soften(accent, dark ? 0.7 : 0.8, dark ? "black" : "white")};`,
    `  --color-bg: ${dark ? "#0f172a" : "#ffffff"};`,
    `  --color-surface: ${dark ? "#1e293b" : "#f8fafc"};`,
    `  --color-text: ${dark ? "#e2e8f0" : "#0f172a"};`,
    `  --color-muted: ${dark ? "#94a3b8" : "#475569"};`,
    `  --color-border: ${dark ? "#334155" : "#e2e8f0"};`,
    `  --color-danger: ${dark ? "#f87171" : "#b91c1c"};`,
    `  --radius: ${radius};`,
    `  --font: ${font};`,
    `}`,
    "",
  );
}
