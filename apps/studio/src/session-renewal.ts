import type { PlatformTokens } from "./platform-auth.js";

/** How long a renewal's answer is kept for requests that still carry the old refresh token. */
const KEEP_MS = 30_000;

const renewals = new Map<string, { at: number; tokens: Promise<PlatformTokens> }>();

/**
 * Renews a session once, whatever the number of requests asking at the same time. A page load
 * sends several requests with the same cookie; the runtime rotates refresh tokens and treats a
 * second use of a rotated one as theft (ending every session of the person), so the requests
 * that follow the first get its answer instead of using the old token again.
 */
export function renewOnce(
  refreshToken: string,
  renew: () => Promise<PlatformTokens>,
  now: number = Date.now(),
): Promise<PlatformTokens> {
  for (const [token, entry] of renewals) {
    if (now - entry.at > KEEP_MS) renewals.delete(token);
  }
  const known = renewals.get(refreshToken);
  if (known) return known.tokens;
  const tokens = renew();
  renewals.set(refreshToken, { at: now, tokens });
  // A failed renewal is not kept: the next request may try again (the runtime may be back).
  tokens.catch(() => renewals.delete(refreshToken));
  return tokens;
}
