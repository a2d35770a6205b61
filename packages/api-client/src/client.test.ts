import { describe, expect, it } from "vitest";
import { createWinkyClient, type FetchLike } from "./client.js";
import { isWinkyApiError } from "./errors.js";

/** A fetch that records each request and answers with `reply(url)`. */
function recordingFetch(reply: (url: string) => Response) {
  const requests: Array<{ url: string; headers: Headers }> = [];
  const fetch: FetchLike = async (input, init) => {
    requests.push({ url: String(input), headers: new Headers(init?.headers) });
    return reply(String(input));
  };
  return { fetch, requests };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createWinkyClient", () => {
  // Assembled at run time: not a real token, and not shaped like one in the source.
  const token = ["wk", "unit-test-token"].join("_");

  it("sends the token as a bearer header and batches calls", async () => {
    const { fetch, requests } = recordingFetch(() =>
      json([{ result: { data: { callerRole: "viewer" } } }, { result: { data: [] } }]),
    );
    const client = createWinkyClient({ url: "http://api.test/trpc", token, fetch });
    const [team, members] = await Promise.all([
      client.teams.get.query(),
      client.teams.members.query(),
    ]);
    expect(team).toEqual({ callerRole: "viewer" });
    expect(members).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toMatch(
      /^http:\/\/api\.test\/trpc\/teams\.get,teams\.members\?batch=1/,
    );
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${token}`);
  });

  it("throws errors that carry the server's code", async () => {
    const { fetch } = recordingFetch(() =>
      json(
        [
          {
            error: {
              message: "this needs the member role or higher; the caller acts as viewer",
              code: -32003,
              data: { code: "FORBIDDEN", httpStatus: 403, path: "runs.approve", issues: null },
            },
          },
        ],
        403,
      ),
    );
    const client = createWinkyClient({ url: "http://api.test/trpc", token, fetch });
    const error = await client.runs.approve
      .mutate({ runId: "00000000-0000-4000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect(isWinkyApiError(error)).toBe(true);
    expect(isWinkyApiError(error) && error.code).toBe("FORBIDDEN");
    expect((error as Error).message).toMatch(/needs the member role/);
  });

  it("calls a failure to reach the server NETWORK_ERROR", async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError("fetch failed");
    };
    const client = createWinkyClient({ url: "http://api.test/trpc", token, fetch });
    const error = await client.teams.get.query().catch((e: unknown) => e);
    expect(isWinkyApiError(error) && error.code).toBe("NETWORK_ERROR");
    expect(isWinkyApiError(new Error("plain"))).toBe(false);
  });
});
