import { cookies, headers } from "next/headers";
import {
  encodeSession,
  SESSION_COOKIE,
  sessionCookieOptions,
  type Session,
} from "../../src/session-cookie.js";
import { studioPublicUrl } from "./platform.js";

/** Whether this request reached the studio over HTTPS (directly or through a proxy). */
async function overHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto")?.split(",")[0]?.trim();
  // As `isHttps` reads a Request (proxy, route handlers); server actions have only headers.
  return proto === "https" || studioPublicUrl().startsWith("https:");
}

/**
 * Signs the browser in with `session` from a server action: the httpOnly, SameSite=Lax cookie
 * the rest of the studio reads (`readSession`). Page scripts never see it.
 */
export async function writeSession(session: Session): Promise<void> {
  (await cookies()).set(
    SESSION_COOKIE,
    encodeSession(session),
    sessionCookieOptions(await overHttps()),
  );
}

/** Signs the browser out from a server action. */
export async function clearSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
