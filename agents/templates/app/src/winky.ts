import { createClient } from "@winky/sdk";
import { appConfig } from "./app-config";

/**
 * The one SDK client of the app: every screen talks to the runtime through it. The runtime's
 * URL and the project come from VITE_WINKY_URL / VITE_WINKY_PROJECT (see .env.example).
 */
export const winky = createClient({
  url: import.meta.env.VITE_WINKY_URL || "http://localhost:4000",
  project: import.meta.env.VITE_WINKY_PROJECT || appConfig.project,
  // Keeps the session across reloads and tabs.
  storage: window.localStorage,
});

export const { auth, db, storage, functions } = winky;
