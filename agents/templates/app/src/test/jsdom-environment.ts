import { JSDOM } from "jsdom";
import { populateGlobal, type Environment } from "vitest/runtime";

/**
 * The unit tests' DOM: jsdom, imported from this app's own dependencies. Vitest's built-in
 * "jsdom" environment imports it from wherever vitest itself is installed, which a shared
 * toolchain (the build sandbox, a monorepo) may lay out differently.
 */
const environment: Environment = {
  name: "app-jsdom",
  viteEnvironment: "client",
  setup(global: Record<string | symbol, unknown>) {
    const dom = new JSDOM("<!doctype html><html><body></body></html>", {
      url: "http://localhost:3000/",
      pretendToBeVisual: true,
    });
    const { keys, originals } = populateGlobal(global, dom.window, { bindFunctions: true });
    return {
      teardown(global: Record<string | symbol, unknown>) {
        dom.window.close();
        for (const key of keys) delete global[key];
        originals.forEach((value, key) => (global[key] = value));
      },
    };
  },
};

export default environment;
