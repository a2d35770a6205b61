import { createClient } from "@winky/sdk";
import { appConfig } from "./app-config";

/**
 * The one SDK client of the app: every screen talks to the runtime through it. The runtime's
 * URL and the project come from VITE_WINKY_URL / VITE_WINKY_PROJECT (see .env.example).
 */
export const winky = createClient({
  url: import.meta.env.VITE_WINKY_URL || "http://localhost:4000",
  project: import.meta.env.VITE_WINKY_PROJECT || appConfig.project,
  // Keeps the session across reloads and tabs, where the browser lets the app keep anything.
  ...sessionStorageOption(),
});

/**
 * `localStorage`, or nothing where the browser refuses it (reading it throws in a frame whose
 * site may not store, such as the studio's live preview, and in some private modes): the app
 * still works there, its session lasting as long as the page.
 */
function sessionStorageOption(): { storage?: Storage } {
  try {
    const storage = window.localStorage;
    storage.getItem("winky:probe");
    return { storage };
  } catch {
    return {};
  }
}

export const { auth, db, storage, functions } = winky;
