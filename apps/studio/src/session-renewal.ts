import type { PlatformTokens } from "./platform-auth.js";

/**
 * How long a renewal's answer is kept for requests that still carry the old refresh token: a
 * browser whose response with the new cookie was lost (a tab closed mid-request) comes back
 * with the old one, possibly much later; it must get the same answer, not reuse the token.
 */
const KEEP_MS = 60 * 60_000;
/** At most this many answers are kept (the oldest go first). */
const KEEP_AT_MOST = 10_000;

const renewals = new Map<string, { at: number; tokens: Promise<PlatformTokens> }>();

/**
 * Renews a session once, whatever the number of requests asking at the same time. A page load
 * sends several requests with the same cookie; the runtime rotates refresh tokens and treats a
 * second use of a rotated one as theft (ending that session), so the requests that follow the
 * first get its answer instead of using the old token again. Kept in this process: a studio
 * run as several instances needs sticky sessions (or a shared store here).
 */
export function renewOnce(
  refreshToken: string,
  renew: () => Promise<PlatformTokens>,
  now: number = Date.now(),
): Promise<PlatformTokens> {
  for (const [token, entry] of renewals) {
    if (now - entry.at > KEEP_MS) renewals.delete(token);
  }
  while (renewals.size >= KEEP_AT_MOST) renewals.delete(renewals.keys().next().value!);
  const known = renewals.get(refreshToken);
  if (known) return known.tokens;
  const tokens = renew();
  renewals.set(refreshToken, { at: now, tokens });
  // A failed renewal is not kept: the next request may try again (the runtime may be back).
  tokens.catch(() => renewals.delete(refreshToken));
  return tokens;
}
