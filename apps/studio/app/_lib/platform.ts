import { AdminClient } from "@winky/admin-client";
import { publicUrlOf } from "../../src/env.js";
import { PlatformAuth, PlatformAuthError } from "../../src/platform-auth.js";
import { studioConfig } from "./config.js";

/** The runtime's auth for the platform project: studio people sign up and in there. */
export function platformAuth(): PlatformAuth {
  const config = studioConfig();
  return new PlatformAuth({
    runtimeUrl: config.RUNTIME_URL,
    project: config.WINKY_PLATFORM_PROJECT,
  });
}

/** The runtime's admin API with the operator key, or null when the studio was given none. */
export function platformAdmin(): AdminClient | null {
  const config = studioConfig();
  return config.WINKY_ADMIN_KEY
    ? new AdminClient(config.RUNTIME_URL, config.WINKY_ADMIN_KEY)
    : null;
}

/** Whether `/dev/mailbox` shows the platform project's mails (development only). */
export function devMailboxEnabled(): boolean {
  const config = studioConfig();
  return config.WINKY_DEV_MAILBOX === "1" && Boolean(config.WINKY_ADMIN_KEY);
}

/** The studio's address as browsers reach it. */
export function studioPublicUrl(): string {
  return publicUrlOf(studioConfig());
}

/** The runtime's refusal in words for a form; anything that is not one is rethrown. */
export function authProblem(e: unknown): string {
  if (e instanceof PlatformAuthError) return e.message;
  throw e;
}
