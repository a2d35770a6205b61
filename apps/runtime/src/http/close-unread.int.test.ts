import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import { useTestDatabase } from "@winky/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";

describe("answers sent before the body was read", () => {
  const database = useTestDatabase("runtime_close_unread");
  let runtime: TestRuntime;
  let dir: string;
  let port: number;
  let key: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "winky-close-"));
    runtime = await createTestRuntime(database.url, {
      blobs: new FsBlobStore(dir),
      maxObjectSize: 1024,
    });
    key = await runtime.createProject("uploads");
    const url = new URL(await runtime.app.listen({ host: "127.0.0.1", port: 0 }));
    port = Number(url.port);
  });
  afterAll(async () => {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("close the connection, so the server need not drain a body nobody reads", async () => {
    const socket = connect(port, "127.0.0.1");
    await once(socket, "connect");
    // Declares 10 MB past the 1 KiB limit, sends a little of it, and waits for the answer.
    socket.write(
      [
        "POST /v1/projects/uploads/storage/o?name=big.bin HTTP/1.1",
        "Host: 127.0.0.1",
        `Authorization: Bearer ${key}`,
        "Content-Type: application/octet-stream",
        "Content-Length: 10000000",
        "",
        "",
      ].join("\r\n") + "x".repeat(100),
    );
    let answer = "";
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    await once(socket, "close");
    expect(answer).toMatch(/^HTTP\/1\.1 429 /);
    expect(answer.toLowerCase()).toContain("connection: close");
  }, 20_000);
});
