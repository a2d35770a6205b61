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

export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ["default", new SummaryLineReporter()],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{apps,packages,agents,sandbox-images,bench,scripts,playwright}/**/*.test.ts"],
          exclude: [...ignored, "**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: [
            "{apps,packages,agents,sandbox-images,bench,scripts,playwright}/**/*.int.test.ts",
          ],
          exclude: ignored,
          globalSetup: ["./packages/testing/src/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
