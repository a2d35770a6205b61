import { AdminApiError, type AdminClient } from "@winky/admin-client";
import type { StudioLog } from "./studio-server.js";

/**
 * Makes the platform's runtime project (where studio people sign up and in) when it is missing,
 * and points its mails at this studio's `/auth/action`, signed "Winky Studio". Idempotent: an
 * existing project and its people are kept.
 */
export async function ensurePlatformProject(
  admin: AdminClient,
  project: string,
  studioUrl: string,
): Promise<{ created: boolean }> {
  const outcome = await admin.ensureProject(project);
  await admin.updateConfig(project, {
    auth: { mail: { actionUrl: `${studioUrl}/auth/action`, appName: "Winky Studio" } },
  });
  return outcome;
}

/**
 * {@link ensurePlatformProject}, tried again every `intervalMs` while the runtime is not up yet
 * (the studio may start first), until it works or `signal` aborts. Logs each outcome.
 */
export async function ensurePlatformProjectWhenUp(
  setUp: () => Promise<{ created: boolean }>,
  log: StudioLog,
  signal: AbortSignal,
  intervalMs = 2_000,
): Promise<boolean> {
  let warned = false;
  while (!signal.aborted) {
    try {
      const { created } = await setUp();
      log.info({ created }, created ? "platform project created" : "platform project ready");
      return true;
    } catch (e) {
      // The runtime answered and refused (a wrong key, a bad setting): waiting will not help.
      if (e instanceof AdminApiError && e.status < 500) {
        log.error({ err: e.message }, "the platform project could not be set up");
        return false;
      }
      if (!warned) {
        log.error({ err: (e as Error).message }, "platform project not ready yet; retrying");
        warned = true;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return false;
}
