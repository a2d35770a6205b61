import { describe, expect, it } from "vitest";
import type { PlatformTokens } from "./platform-auth.js";
import { renewOnce } from "./session-renewal.js";

const tokens = (n: number): PlatformTokens => ({
  idToken: `id-${n}`,
  refreshToken: `refresh-${n}`,
  expiresAt: 1_000 + n,
  email: "ada@example.com",
});

describe("renewing a session once for requests that arrive together", () => {
  it("asks the runtime once per refresh token and gives everyone the same answer", async () => {
    let calls = 0;
    const renew = async () => tokens(++calls);
    const answers = await Promise.all([
      renewOnce("old-a", renew, 0),
      renewOnce("old-a", renew, 10),
      renewOnce("old-a", renew, 20),
    ]);
    expect(calls).toBe(1);
    expect(answers.map((a) => a.refreshToken)).toEqual(["refresh-1", "refresh-1", "refresh-1"]);
    // Another session renews on its own.
    expect((await renewOnce("old-b", renew, 30)).refreshToken).toBe("refresh-2");
  });

  it("answers a late request with the old token alike, forgets after an hour, and a failure at once", async () => {
    let calls = 0;
    await renewOnce("old-c", async () => tokens(++calls), 0);
    // A browser whose new cookie got lost comes back with the old token minutes later.
    expect((await renewOnce("old-c", async () => tokens(++calls), 20 * 60_000)).refreshToken).toBe(
      "refresh-1",
    );
    await renewOnce("old-c", async () => tokens(++calls), 61 * 60_000);
    expect(calls).toBe(2);
    const failing = renewOnce("old-d", () => Promise.reject(new Error("runtime away")), 0);
    await expect(failing).rejects.toThrow("runtime away");
    await new Promise((resolve) => setImmediate(resolve));
    expect((await renewOnce("old-d", async () => tokens(9), 1)).refreshToken).toBe("refresh-9");
  });
});
