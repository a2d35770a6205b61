import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One config for the dev server, the build and the unit tests (jsdom).
export default defineConfig({
  plugins: [react()],
  server: { port: 5173 },
  test: {
    environment: "./src/test/jsdom-environment.ts",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "functions/**/*.test.ts"],
  },
});
