/**
 * What the studio's image routes (a run's wireframes and smoke screenshots) answer: the image
 * under a policy that lets it do nothing but be shown, or the API's refusal as JSON with the
 * matching HTTP status (an `<img>` only sees the status).
 */

/** How each of the API's refusals reads as HTTP. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 412,
  NETWORK_ERROR: 502,
};

export function imageRefusal(code: string, message: string): Response {
  return Response.json(
    { error: { code, message } },
    {
      status: STATUS[code] ?? 500,
      headers: { "x-content-type-options": "nosniff", "cache-control": "no-store" },
    },
  );
}

/**
 * An image of the user's own data: never sniffed as another type, no script or fetch (CSP;
 * `styles` allows an SVG's inline styles), kept by their browser only (`private`).
 */
export function imageResponse(
  body: string | Uint8Array<ArrayBuffer>,
  options: { contentType: string; maxAgeSeconds: number; inlineStyles?: boolean },
): Response {
  return new Response(body, {
    headers: {
      "content-type": options.contentType,
      "content-security-policy": options.inlineStyles
        ? "default-src 'none'; style-src 'unsafe-inline'"
        : "default-src 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": `private, max-age=${options.maxAgeSeconds}`,
    },
  });
}
