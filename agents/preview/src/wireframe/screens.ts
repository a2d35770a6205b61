import type { AppPlan, Field, Model, Screen } from "@winky/planner";
import { bar, fit, rect, svgDocument, text } from "./svg.js";

export const WIDTH = 375;
export const HEIGHT = 667;
const PAD = 16;
const INNER = WIDTH - 2 * PAD;

interface Palette {
  background: string;
  surface: string;
  ink: string;
  muted: string;
  primary: string;
  accent: string;
}

function paletteOf(plan: AppPlan): Palette {
  const dark = plan.theme.mode === "dark";
  return {
    background: dark ? "#1f1f24" : "#ffffff",
    surface: dark ? "#2c2c33" : "#f3f3f5",
    ink: dark ? "#f2f2f2" : "#222222",
    muted: dark ? "#8a8a96" : "#c8c8cf",
    primary: plan.theme.primary,
    accent: plan.theme.accent,
  };
}

/** Draws a screen of the plan: the app bar, then what its kind shows. */
export function drawScreen(plan: AppPlan, screen: Screen): string {
  const p = paletteOf(plan);
  const model = plan.models.find((m) => m.name === screen.model);
  const body = [
    rect({ x: 0, y: 0, w: WIDTH, h: HEIGHT }, p.background, { radius: 0 }),
    rect({ x: 0, y: 0, w: WIDTH, h: 56 }, p.primary, { radius: 0 }),
    text(PAD, 34, fit(plan.title, INNER - 60), { size: 17, fill: "#ffffff", weight: 600 }),
    text(PAD, 84, fit(screen.title, INNER), { size: 20, fill: p.ink, weight: 600 }),
    ...content(plan, screen, model, p),
  ];
  return svgDocument(WIDTH, HEIGHT, `${plan.title}: ${screen.title} (${screen.route})`, body);
}

function content(plan: AppPlan, screen: Screen, model: Model | undefined, p: Palette): string[] {
  switch (screen.kind) {
    case "sign-in":
    case "sign-up":
      return authForm(screen.kind, plan, p);
    case "list":
      return model ? list(plan, model, p) : [];
    case "detail":
      return model ? detail(model, p) : [];
    case "create":
    case "edit":
      return model ? form(model, screen.kind === "create" ? "Create" : "Save", p) : [];
    case "dashboard":
      return dashboard(plan, p);
    case "admin":
      return adminTable(plan, p);
  }
}

const button = (y: number, label: string, p: Palette) => [
  rect({ x: PAD, y, w: INNER, h: 44 }, p.primary, { radius: 8 }),
  text(WIDTH / 2, y + 27, label, { fill: "#ffffff", weight: 600, anchor: "middle" }),
];

/** A labelled input; its height says what kind of value it takes. */
function input(y: number, field: Pick<Field, "label" | "type" | "required">, p: Palette) {
  const tall = field.type === "text" || field.type === "markdown";
  const height = tall ? 88 : field.type === "image" || field.type === "file" ? 72 : 36;
  const label = `${field.label}${field.required ? " *" : ""}`;
  const parts = [
    text(PAD, y, fit(label, INNER), { size: 12, fill: p.ink }),
    rect({ x: PAD, y: y + 6, w: INNER, h: height }, p.background, { stroke: p.muted }),
  ];
  if (field.type === "image" || field.type === "file")
    parts.push(
      text(WIDTH / 2, y + 6 + height / 2 + 4, "⬆ Upload", { fill: p.muted, anchor: "middle" }),
    );
  if (field.type === "tags")
    parts.push(rect({ x: PAD + 6, y: y + 14, w: 48, h: 20 }, p.accent, { radius: 10 }));
  return { parts, bottom: y + 6 + height + 22 };
}

function authForm(kind: "sign-in" | "sign-up", plan: AppPlan, p: Palette): string[] {
  const out: string[] = [];
  let y = 124;
  for (const label of kind === "sign-up"
    ? ["Email", "Password", "Confirm password"]
    : ["Email", "Password"]) {
    const drawn = input(y, { label, type: "string", required: true }, p);
    out.push(...drawn.parts);
    y = drawn.bottom;
  }
  out.push(...button(y, kind === "sign-up" ? "Create account" : "Sign in", p));
  y += 64;
  for (const provider of plan.auth.providers.filter((x) => x !== "email")) {
    out.push(rect({ x: PAD, y, w: INNER, h: 40 }, p.surface, { stroke: p.muted, radius: 8 }));
    out.push(
      text(WIDTH / 2, y + 25, `Continue with ${provider}`, { fill: p.ink, anchor: "middle" }),
    );
    y += 52;
  }
  return out;
}

function list(plan: AppPlan, model: Model, p: Palette): string[] {
  const out: string[] = [];
  let y = 100;
  if (plan.features.includes("search")) {
    out.push(rect({ x: PAD, y, w: INNER, h: 36 }, p.surface, { radius: 18 }));
    out.push(text(PAD + 14, y + 23, "Search…", { fill: p.muted }));
    y += 48;
  }
  if (model.fields.some((f) => f.type === "tags")) {
    for (let i = 0; i < 3; i++)
      out.push(rect({ x: PAD + i * 70, y, w: 60, h: 24 }, p.accent, { radius: 12 }));
    y += 36;
  }
  const [first, second] = model.fields;
  for (let i = 0; i < 5 && y < HEIGHT - 150; i++) {
    out.push(rect({ x: PAD, y, w: INNER, h: 64 }, p.surface, { radius: 8 }));
    out.push(
      text(PAD + 12, y + 26, fit(first ? `${first.label} ${i + 1}` : model.name, INNER - 24), {
        fill: p.ink,
        weight: 600,
      }),
    );
    out.push(bar(PAD + 12, y + 40, second ? 180 : 120, p.muted));
    y += 76;
  }
  out.push(rect({ x: WIDTH - 76, y: HEIGHT - 84, w: 56, h: 56 }, p.primary, { radius: 28 }));
  out.push(text(WIDTH - 48, HEIGHT - 48, "+", { size: 28, fill: "#ffffff", anchor: "middle" }));
  return out;
}

function detail(model: Model, p: Palette): string[] {
  const out: string[] = [];
  let y = 112;
  for (const field of model.fields.slice(0, 8)) {
    if (y > HEIGHT - 60) break;
    out.push(text(PAD, y, fit(field.label, INNER), { size: 12, fill: p.muted }));
    if (field.type === "image") {
      out.push(rect({ x: PAD, y: y + 8, w: INNER, h: 120 }, p.surface, { stroke: p.muted }));
      y += 148;
    } else if (field.type === "markdown" || field.type === "text") {
      for (let i = 0; i < 3; i++) out.push(bar(PAD, y + 14 + i * 14, INNER - i * 40, p.muted));
      y += 70;
    } else {
      out.push(bar(PAD, y + 12, 160, p.muted));
      y += 40;
    }
  }
  return out;
}

function form(model: Model, action: string, p: Palette): string[] {
  const out: string[] = [];
  let y = 120;
  for (const field of model.fields.filter((f) => f.name !== model.ownerField)) {
    if (y > HEIGHT - 140) break;
    const drawn = input(y, field, p);
    out.push(...drawn.parts);
    y = drawn.bottom;
  }
  out.push(...button(Math.min(y, HEIGHT - 64), action, p));
  return out;
}

function dashboard(plan: AppPlan, p: Palette): string[] {
  return plan.models.slice(0, 6).flatMap((m, i) => {
    const x = PAD + (i % 2) * (INNER / 2 + 4);
    const y = 104 + Math.floor(i / 2) * 112;
    return [
      rect({ x, y, w: INNER / 2 - 4, h: 100 }, p.surface, { radius: 8 }),
      text(x + 12, y + 28, fit(m.name, INNER / 2 - 28), { fill: p.ink, weight: 600 }),
      text(x + 12, y + 70, "12", { size: 26, fill: p.primary, weight: 700 }),
    ];
  });
}

function adminTable(plan: AppPlan, p: Palette): string[] {
  const out = [rect({ x: PAD, y: 100, w: INNER, h: 32 }, p.surface, { radius: 4 })];
  out.push(text(PAD + 10, 121, "Users · roles", { fill: p.ink, weight: 600 }));
  for (let i = 0; i < 6; i++) {
    const y = 140 + i * 40;
    out.push(bar(PAD + 10, y + 14, 140, p.muted));
    out.push(rect({ x: WIDTH - 110, y: y + 6, w: 78, h: 24 }, p.accent, { radius: 12 }));
  }
  return out.concat(
    text(PAD, 400, fit(`Roles: ${plan.auth.roles.join(", ") || "admin"}`, INNER), { fill: p.ink }),
  );
}
