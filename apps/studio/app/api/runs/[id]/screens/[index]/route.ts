import { apiFor, settle } from "../../../../../_lib/api.js";
import { readSession } from "../../../../../_lib/session.js";

/** How each of the API's refusals reads as HTTP, for the browser's `<img>`. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 412,
  NETWORK_ERROR: 502,
};

/**
 * Screen `index`'s wireframe of run `id`, for the run view's `<img>`: fetched from the API
 * (`runs.screen`) with the session's token, which never reaches the page. The SVG is made by
 * our preview from the plan, whose text a prompt shapes, so it is served as an image that
 * can do nothing: no scripts, no fetches (CSP `default-src 'none'`, only its inline styles),
 * and never sniffed as anything but `image/svg+xml`.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; index: string }> },
): Promise<Response> {
  const session = await readSession();
  if (!session) return problem("UNAUTHORIZED", "sign in first");
  const { id, index } = await params;
  if (!/^\d{1,4}$/.test(index)) {
    return problem("BAD_REQUEST", "index: must be a screen's index (0, 1, …)");
  }
  const screen = await settle(
    apiFor(session).runs.screen.query({ runId: id, index: Number(index) }),
  );
  if (!screen.ok) return problem(screen.problem.code, screen.problem.message);
  return new Response(screen.value.svg, {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
      "x-content-type-options": "nosniff",
      // The user's own data, behind their session: kept by their browser only, briefly.
      "cache-control": "private, max-age=300",
    },
  });
}

function problem(code: string, message: string): Response {
  return Response.json(
    { error: { code, message } },
    {
      status: STATUS[code] ?? 500,
      headers: { "x-content-type-options": "nosniff", "cache-control": "no-store" },
    },
  );
}
