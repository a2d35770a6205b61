import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { SummaryLineReporter } from "./scripts/summary-line-reporter.js";

// Workspace packages resolve to their TypeScript sources in tests (what their "@winky/source"
// export condition names), so `npm test` needs no build first; Node at run time uses dist/.
// An alias rather than resolve.conditions: vitest's global setup ignores custom conditions.
const alias = ["packages", "apps", "agents"].flatMap((group) =>
  readdirSync(group).flatMap((dir) => {
    const manifest = path.resolve(group, dir, "package.json");
    if (!existsSync(manifest)) return [];
    const pkg = JSON.parse(readFileSync(manifest, "utf8")) as {
      name: string;
      exports?: Record<string, { "@winky/source"?: string }>;
    };
    return Object.entries(pkg.exports ?? {}).flatMap(([subpath, target]) =>
      target["@winky/source"]
        ? [
            {
              find: new RegExp(`^${path.posix.join(pkg.name, subpath)}$`),
              replacement: path.resolve(group, dir, target["@winky/source"]),
            },
          ]
        : [],
    );
  }),
);
const ignored = ["**/node_modules/**", "**/dist/**", "**/.winky/**"];
const TEST_ROOTS = [
  "apps",
  "packages",
  "agents",
  "sandbox-images",
  "bench",
  "scripts",
  "playwright",
];

/** Unit test files that mock modules (`vi.mock`): they need a module cache of their own. */
function unitFilesThatMock(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["node_modules", "dist", ".winky", ".next"].includes(entry.name)) walk(file);
      } else if (entry.name.endsWith(".test.ts") && !entry.name.endsWith(".int.test.ts")) {
        if (readFileSync(file, "utf8").includes("vi.mock(")) found.push(file);
      }
    }
  };
  for (const root of TEST_ROOTS) if (existsSync(root)) walk(root);
  return found;
}
const mocking = unitFilesThatMock();
const unitInclude = [`{${TEST_ROOTS.join(",")}}/**/*.test.ts`];

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", new SummaryLineReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: unitInclude,
          exclude: [...ignored, "**/*.int.test.ts", ...mocking],
          // One module cache for all unit files: each file importing its graph afresh cost
          // ~100 s of CI's serial run (2 cores give vitest one worker). Unit tests leave no
          // global state behind; those that mock modules run isolated below.
          isolate: false,
        },
      },
      ...(mocking.length > 0
        ? [{ extends: true, test: { name: "unit-isolated", include: mocking } }]
        : []),
      {
        extends: true,
        test: {
          name: "integration",
          include: [`{${TEST_ROOTS.join(",")}}/**/*.int.test.ts`],
          exclude: ignored,
          globalSetup: ["./packages/testing/src/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
