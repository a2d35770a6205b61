import type { AppModel } from "../analyze.js";
import { lines, ts } from "../naming.js";
import { SMOKE_HELPERS } from "./helpers.js";
import { ScenarioWriter } from "./scenario-writer.js";

/** `smoke/app.spec.ts`: one Playwright test per scenario of the plan, with role/label selectors. */
export function smokeSpec(app: AppModel): string {
  const tests = app.plan.smoke.map((scenario) => {
    const writer = new ScenarioWriter(app);
    for (const step of scenario.steps) writer.step(step);
    writer.finish();
    return lines(
      `test(${ts(scenario.name)}, async ({ page, request }) => {`,
      `  const urls: Record<string, string> = {};`,
      `  const email = await signUp(page, request);`,
      ...writer.out.map((l) => (l ? `  ${l}` : l)),
      `});`,
    );
  });
  return lines(SMOKE_HELPERS.replace("__PROJECT__", app.project), "", tests.join("\n\n"), "");
}
