/** Whether the browser reached the studio over HTTPS (directly or through a proxy). */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto");
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")).split(",")[0] === "https";
}

/**
 * Whether a POST came from the studio's own pages. Browsers send `Origin` on every form
 * POST; a different host is another site trying to sign a visitor in or out (login CSRF).
 * Clients that send no `Origin` (scripts, tests) are not browsers and carry no cookie to abuse.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A 303 to `location` (a path), with the given `Set-Cookie` values. */
export function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store" });
  for (const cookie of cookies) headers.append("set-cookie", cookie);
  return new Response(null, { status: 303, headers });
}
