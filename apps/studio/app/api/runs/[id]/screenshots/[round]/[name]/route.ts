import { apiFor, settle } from "../../../../../../_lib/api.js";
import { imageRefusal, imageResponse } from "../../../../../../_lib/image-response.js";
import { readSession } from "../../../../../../_lib/session.js";

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
  if (!session) return imageRefusal("UNAUTHORIZED", "sign in first");
  const { id, round, name } = await params;
  if (!/^\d{1,4}$/.test(round)) {
    return imageRefusal("BAD_REQUEST", "round: must be a code round (0, 1, …)");
  }
  if (!NAME.test(name)) {
    return imageRefusal("BAD_REQUEST", "name: must be a screenshot's name, such as signs-up-1.png");
  }
  const shot = await settle(
    apiFor(session).runs.screenshot.query({ runId: id, round: Number(round), name }),
  );
  if (!shot.ok) return imageRefusal(shot.problem.code, shot.problem.message);
  return imageResponse(Buffer.from(shot.value.png, "base64"), {
    contentType: "image/png",
    maxAgeSeconds: 3600,
  });
}
