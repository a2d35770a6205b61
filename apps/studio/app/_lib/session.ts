import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { parseSession, SESSION_COOKIE, type Session } from "../../src/session-cookie.js";

/**
 * The browser's session, from its httpOnly cookie, or null when signed out. Server code only:
 * the token it holds is never passed to a client component.
 */
export async function readSession(): Promise<Session | null> {
  const jar = await cookies();
  return parseSession(jar.get(SESSION_COOKIE)?.value);
}

/** The session, or a redirect to `/sign-in` for a signed-out browser. */
export async function requireSession(): Promise<Session> {
  const session = await readSession();
  if (!session) redirect("/sign-in");
  return session;
}
