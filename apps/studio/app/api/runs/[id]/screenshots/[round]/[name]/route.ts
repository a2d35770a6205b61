import { apiFor, settle } from "../../../../../../_lib/api.js";
import { readSession } from "../../../../../../_lib/session.js";

/** How each of the API's refusals reads as HTTP, for the browser's `<img>`. */
const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PRECONDITION_FAILED: 412,
  NETWORK_ERROR: 502,
};

/** The names the smoke gives its screenshots (the API checks them again). */
const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*\.png$/;

/**
 * A screenshot the smoke test of code round `round` kept of one scenario, for the run view's
 * gallery: fetched from the API (`runs.screenshot`) with the session's token, which never
 * reaches the page, and served as the PNG it is (never sniffed as anything else). A round's
 * screenshots do not change once taken, so the browser keeps them for an hour, privately.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ id: string; round: string; name: string }> },
): Promise<Response> {
  const session = await readSession();
  if (!session) return problem("UNAUTHORIZED", "sign in first");
  const { id, round, name } = await params;
  if (!/^\d{1,4}$/.test(round)) {
    return problem("BAD_REQUEST", "round: must be a code round (0, 1, …)");
  }
  if (!NAME.test(name)) {
    return problem("BAD_REQUEST", "name: must be a screenshot's name, such as signs-up-1.png");
  }
  const shot = await settle(
    apiFor(session).runs.screenshot.query({ runId: id, round: Number(round), name }),
  );
  if (!shot.ok) return problem(shot.problem.code, shot.problem.message);
  return new Response(Buffer.from(shot.value.png, "base64"), {
    headers: {
      "content-type": "image/png",
      "content-security-policy": "default-src 'none'",
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
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
