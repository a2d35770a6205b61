// A tiny React + Vite + TypeScript app, shaped like a generated one, for the tests that build,
// test and open it inside winky/sandbox-builder (here and in packages/sandbox's job tests).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/** The port `vite preview` serves the built app on inside the job. */
export const PREVIEW_PORT = 4173;

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "tiny-app", private: true, type: "module" }),
  "index.html":
    '<!doctype html><html><head><title>tiny</title></head><body><div id="root"></div>' +
    '<script type="module" src="/src/main.tsx"></script></body></html>\n',
  "src/main.tsx": `import { createRoot } from "react-dom/client";
import { App } from "./App";

createRoot(document.getElementById("root")!).render(<App />);
`,
  "src/App.tsx": `import { useEffect, useState } from "react";

export function label(count: number): string {
  return \`count \${count}\`;
}

/** A counter; with ?api=<url>, also shows what GET <url> answered. */
export function App() {
  const [count, setCount] = useState(0);
  const [api, setApi] = useState("");
  useEffect(() => {
    const url = new URLSearchParams(location.search).get("api");
    if (url) void fetch(url).then(async (r) => setApi(await r.text()), (e) => setApi(String(e)));
  }, []);
  return (
    <main>
      <button onClick={() => setCount(count + 1)}>{label(count)}</button>
      <p id="api">{api}</p>
    </main>
  );
}
`,
  "src/App.test.tsx": `import { fireEvent, render, screen } from "@testing-library/react";
import { expect, it } from "vitest";
import { App, label } from "./App";

it("labels the count", () => {
  expect(label(2)).toBe("count 2");
});

it("counts clicks", () => {
  render(<App />);
  fireEvent.click(screen.getByRole("button"));
  expect(screen.getByRole("button").textContent).toBe("count 1");
});
`,
  "vite.config.ts": `import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  preview: { host: "127.0.0.1", port: ${PREVIEW_PORT}, strictPort: true },
  test: { environment: "jsdom" },
});
`,
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      module: "ESNext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ["vite/client"],
    },
    include: ["src", "vite.config.ts"],
  }),
  // Serves the build with vite preview and drives it with Chromium through playwright-core:
  // clicks the counter, and reads what the page fetched from ?api=<url>, if given.
  "smoke.mjs": `import { chromium } from "playwright-core";
import { preview } from "vite";

const api = process.argv[2];
const server = await preview();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage();
  const query = api ? "?api=" + encodeURIComponent(api) : "";
  await page.goto("http://127.0.0.1:${PREVIEW_PORT}/" + query);
  await page.click("button");
  const button = await page.textContent("button");
  if (api) await page.waitForFunction(() => document.getElementById("api")?.textContent !== "");
  console.log(JSON.stringify({ button, api: await page.textContent("#api") }));
} finally {
  await browser.close();
  await server.close();
}
`,
};

/** Writes the app's files into `dir` (no node_modules: the image links or provides them). */
export async function writeTinyReactApp(dir: string): Promise<void> {
  for (const [name, content] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}
