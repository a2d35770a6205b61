import type { AdminClient } from "@winky/admin-client";
import { describe, expect, it } from "vitest";
import { rollBack, RollbackFailed } from "./rollback.js";

/** A client answering DELETEs by path, recording each. */
function fakeClient(status: (path: string) => number | "network") {
  const calls: string[] = [];
  const client = {
    request: async (method: string, path: string) => {
      calls.push(`${method} ${path}`);
      const answer = status(path);
      if (answer === "network") throw new TypeError("fetch failed");
      return new Response(null, { status: answer });
    },
  } as unknown as AdminClient;
  return { client, calls };
}

describe("rollBack", () => {
  it("deletes every uploaded file, then the project; a file never stored is fine", async () => {
    const { client, calls } = fakeClient((p) => (p.endsWith("/b.txt") ? 404 : 204));
    await rollBack(client, "p", ["a.txt", "b.txt"]);
    expect(calls).toEqual([
      "DELETE /v1/projects/p/storage/o/a.txt",
      "DELETE /v1/projects/p/storage/o/b.txt",
      "DELETE /v1/admin/projects/p",
    ]);
  });

  it("tries every step whatever the others did, and names what is left", async () => {
    const { client, calls } = fakeClient((p) =>
      p.endsWith("a%2Fx.txt") ? 500 : p.startsWith("/v1/admin") ? "network" : 204,
    );
    const attempt = rollBack(client, "p", ["a/x.txt", "b.txt"]);
    await expect(attempt).rejects.toThrow(RollbackFailed);
    await expect(attempt).rejects.toThrow(
      "rollback could not delete file a/x.txt, project p: delete them by hand",
    );
    expect(calls).toHaveLength(3);
  });
});
