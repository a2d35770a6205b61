import { TEMPLATE_DEPENDENCIES } from "@winky/app-templates";
import type { AppModel } from "../analyze.js";
import { lines } from "../naming.js";

/** `package.json`: pinned dependencies (what the build sandbox has installed) and scripts. */
export function packageJson(app: AppModel): string {
  const manifest = {
    name: app.plan.appName,
    version: "0.1.0",
    private: true,
    type: "module",
    description: app.plan.summary,
    scripts: {
      dev: "vite",
      typecheck: "tsc --noEmit -p tsconfig.json && tsc --noEmit -p tsconfig.node.json",
      build: "tsc --noEmit -p tsconfig.json && tsc --noEmit -p tsconfig.node.json && vite build",
      preview: "vite preview",
      test: "vitest run",
      smoke: "playwright test",
      deploy: "node scripts/deploy.mjs",
    },
    dependencies: { ...TEMPLATE_DEPENDENCIES.dependencies },
    devDependencies: { ...TEMPLATE_DEPENDENCIES.devDependencies },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** `winky.json`: what to deploy, like `firebase.json`. */
export function winkyJson(app: AppModel): string {
  const config = {
    project: app.project,
    rules: { firestore: "firestore.rules", storage: "storage.rules" },
    indexes: "firestore.indexes.json",
    functions: app.functions.map((f) => ({
      name: f.fn.name,
      source: `functions/${f.fn.name}.ts`,
      trigger: f.trigger,
    })),
    hosting: { public: "dist", spa: true },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** `.env.example`: the two settings the app reads (no secrets: the app has none). */
export function envExample(app: AppModel): string {
  return lines(
    `# Copy to .env.local. The runtime's URL and the project id; the app needs no secret.`,
    `VITE_WINKY_URL=http://localhost:4000`,
    `VITE_WINKY_PROJECT=${app.project}`,
    "",
  );
}

export function gitignore(): string {
  return lines("node_modules", "dist", ".env.local", "test-results", "playwright-report", "");
}

/** `playwright.config.ts`: the smoke runs against BASE_URL, or starts `vite` itself. */
export function playwrightConfig(): string {
  return lines(
    `import { defineConfig, devices } from "@playwright/test";`,
    "",
    `// BASE_URL: a running copy of the app (the preview, a deploy); without it, vite is started.`,
    `const baseURL = process.env.BASE_URL ?? "http://localhost:5173";`,
    "",
    `export default defineConfig({`,
    `  testDir: "smoke",`,
    `  timeout: 60_000,`,
    `  expect: { timeout: 10_000 },`,
    `  retries: 0,`,
    `  reporter: [["list"]],`,
    `  use: { baseURL, trace: "retain-on-failure" },`,
    `  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],`,
    `  webServer: process.env.BASE_URL`,
    `    ? undefined`,
    `    : { command: "npm run dev -- --port 5173 --strictPort", url: baseURL, reuseExistingServer: true },`,
    `});`,
    "",
  );
}
