import { loadStudioConfig, type StudioConfig } from "../../src/env.js";

let loaded: StudioConfig | undefined;

/** The studio's configuration, read once per process from `src/env.ts` (server only). */
export function studioConfig(): StudioConfig {
  loaded ??= loadStudioConfig();
  return loaded;
}
