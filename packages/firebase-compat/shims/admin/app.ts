// firebase-admin/app: apps exist only by name here. The runtime already knows the project and
// holds the credentials, so initializeApp's options and credentials are accepted and unused.
import { projectId } from "../context.js";

export interface App {
  name: string;
  options: Record<string, unknown>;
}

const DEFAULT = "[DEFAULT]";
export const apps: App[] = [];

export function initializeApp(options: Record<string, unknown> = {}, name = DEFAULT): App {
  const existing = apps.find((a) => a.name === name);
  if (existing) return existing;
  const app = { name, options: { projectId: safeProjectId(), ...options } };
  apps.push(app);
  return app;
}

/** The project id when known at load time (module top level runs outside an invocation). */
function safeProjectId(): string | undefined {
  try {
    return projectId();
  } catch {
    return undefined;
  }
}

export function getApp(name = DEFAULT): App {
  const app = apps.find((a) => a.name === name);
  if (!app) throw new Error(`app/no-app: The Firebase app named "${name}" does not exist.`);
  return app;
}

export const getApps = (): App[] => [...apps];

export async function deleteApp(app: App): Promise<void> {
  const at = apps.indexOf(app);
  if (at >= 0) apps.splice(at, 1);
}

/** Credentials are the runtime's: these only keep `credential: cert(…)` working. */
const credential = () => ({ getAccessToken: async () => ({ access_token: "", expires_in: 0 }) });
export const cert = (_serviceAccount?: unknown) => credential();
export const applicationDefault = () => credential();
export const refreshToken = (_token?: unknown) => credential();
