/**
 * Shows enough of a URL that is itself a credential (an incoming-webhook URL) for people to
 * tell which one is set, and nothing that would let anyone post to it: the scheme and host,
 * then `…` and the last 4 characters of the rest. User info in the URL is never shown; a path
 * shorter than 16 characters shows no tail at all, since 4 of them would be a quarter of it.
 *
 * @example maskSecretUrl("https://hooks.slack.com/services/T0/B0/abcdefgh") // "https://hooks.slack.com/…efgh"
 */
export function maskSecretUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "…";
  }
  const rest = `${parsed.pathname}${parsed.search}${parsed.hash}`.replace(/^\//, "");
  const tail = rest.length >= 16 ? rest.slice(-4) : "";
  return `${parsed.protocol}//${parsed.host}/…${tail}`;
}
