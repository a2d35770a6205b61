import type { AppPlan } from "@winky/planner";
import { drawScreen, HEIGHT, WIDTH } from "./screens.js";

/** One screen's wireframe: an SVG document, and the file name its PNG gets. */
export interface ScreenWireframe {
  route: string;
  kind: string;
  title: string;
  width: number;
  height: number;
  svg: string;
  /** `screens/notes-id-edit.png` for `/notes/:id/edit`. */
  file: string;
}

/** A wireframe of every screen the plan lists, in the plan's order. */
export function wireframes(plan: AppPlan): ScreenWireframe[] {
  const taken = new Set<string>();
  return plan.screens.map((screen) => {
    const stem = screen.route.replace(/[:/]+/g, "-").replace(/^-+|-+$/g, "") || "home";
    let base = stem;
    for (let n = 2; taken.has(base); n++) base = `${stem}-${n}`;
    taken.add(base);
    return {
      route: screen.route,
      kind: screen.kind,
      title: screen.title,
      width: WIDTH,
      height: HEIGHT,
      svg: drawScreen(plan, screen),
      file: `screens/${base}.png`,
    };
  });
}
