import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, redactQuery } from "./request-log.js";

describe("request logs", () => {
  it("keep query names and drop their values", () => {
    expect(redactQuery("/v1/projects/p/listen?access_token=eyJ.x.y&x=1")).toBe(
      "/v1/projects/p/listen?access_token=…&x=…",
    );
    expect(redactQuery("/healthz")).toBe("/healthz");
    expect(redactQuery("/a?flag")).toBe("/a?flag=…");
  });

  it("never contain a token sent in the query", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const options = loggerOptions("info") as Record<string, unknown>;
    const app = Fastify({ logger: { ...options, stream } });
    app.get("/listen", async () => ({ ok: true }));
    await app.inject({ url: "/listen?access_token=secret-token-value&state=s3cr3t" });
    await app.close();
    const log = lines.join("");
    expect(log).toContain("/listen?access_token=…&state=…");
    expect(log).not.toContain("secret-token-value");
    expect(log).not.toContain("s3cr3t");
  });
});
