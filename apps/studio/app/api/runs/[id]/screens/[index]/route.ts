import { apiFor, settle } from "../../../../../_lib/api.js";
import { imageRefusal, imageResponse } from "../../../../../_lib/image-response.js";
import { readSession } from "../../../../../_lib/session.js";

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
  if (!session) return imageRefusal("UNAUTHORIZED", "sign in first");
  const { id, index } = await params;
  if (!/^\d{1,4}$/.test(index)) {
    return imageRefusal("BAD_REQUEST", "index: must be a screen's index (0, 1, …)");
  }
  const screen = await settle(
    apiFor(session).runs.screen.query({ runId: id, index: Number(index) }),
  );
  if (!screen.ok) return imageRefusal(screen.problem.code, screen.problem.message);
  return imageResponse(screen.value.svg, {
    contentType: "image/svg+xml; charset=utf-8",
    // The user's own data, behind their session: kept by their browser only, briefly.
    maxAgeSeconds: 300,
    inlineStyles: true,
  });
}
