import type { FastifyServerOptions } from "fastify";

/**
 * Query values are not logged: some carry secrets (the listen WebSocket's `?access_token=`,
 * OpenID Connect's `code` and `state`), and telling them apart per route invites mistakes.
 * The names stay, so a log still says what was asked.
 */
export function redactQuery(url: string): string {
  const at = url.indexOf("?");
  if (at === -1) return url;
  const names = url
    .slice(at + 1)
    .split("&")
    .filter((part) => part !== "")
    .map((part) => `${part.split("=")[0]}=…`);
  return `${url.slice(0, at)}?${names.join("&")}`;
}

/** The runtime's logger: the level, and requests logged without their query values. */
export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; ip?: string }) => ({
        method: request.method,
        url: redactQuery(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
