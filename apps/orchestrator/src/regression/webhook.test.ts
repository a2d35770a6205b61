import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook } from "./webhook.js";

/** A webhook receiver on 127.0.0.1: each path answers as the test needs, bodies recorded. */
const received: Array<{ path: string; type: string | undefined; body: unknown }> = [];
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    received.push({
      path: req.url ?? "",
      type: req.headers["content-type"],
      body: JSON.parse(body),
    });
    if (req.url?.startsWith("/hang")) return; // never answers
    if (req.url?.startsWith("/moved")) {
      res.writeHead(302, { location: "/elsewhere" }).end();
      return;
    }
    const status = req.url?.startsWith("/gone") ? 410 : 200;
    res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no_team");
  });
});
let base = "";
/** A port that was just freed: connecting to it is refused. */
let closedBase = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedBase = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Incoming-webhook URLs carry their secret in the path.
const SECRET_PATH = "/services/T000/B000/not-a-real-secret";

describe("postWebhook", () => {
  it("POSTs the message as JSON once and reports the status", async () => {
    const result = await postWebhook(`${base}/ok${SECRET_PATH}`, { text: "hi", blocks: [] });
    expect(result).toEqual({ ok: true, status: 200 });
    expect(received.at(-1)).toEqual({
      path: `/ok${SECRET_PATH}`,
      type: "application/json",
      body: { text: "hi", blocks: [] },
    });
  });

  it("reports a non-2xx answer by its status, not by the URL", async () => {
    const result = await postWebhook(`${base}/gone${SECRET_PATH}`, { text: "hi" });
    expect(result).toEqual({ ok: false, status: 410, error: "the webhook answered 410" });
  });

  it("does not follow a redirect", async () => {
    const before = received.length;
    const result = await postWebhook(`${base}/moved${SECRET_PATH}`, { text: "hi" });
    expect(result).toMatchObject({ ok: false, status: expect.any(Number) });
    expect(received.slice(before).map((r) => r.path)).toEqual([`/moved${SECRET_PATH}`]);
  });

  it("gives up after the timeout", async () => {
    const result = await postWebhook(
      `${base}/hang${SECRET_PATH}`,
      { text: "hi" },
      { timeoutMs: 200 },
    );
    expect(result).toEqual({ ok: false, error: "the webhook did not answer within 0.2 s" });
  });

  it("reports an unreachable host by its error code only", async () => {
    const result = await postWebhook(`${closedBase}${SECRET_PATH}`, { text: "hi" });
    expect(result).toEqual({ ok: false, error: "the webhook could not be reached (ECONNREFUSED)" });
  });

  it("refuses a URL that is not http(s) without quoting it", async () => {
    for (const url of ["ftp://example.test/x", "http//broken/not-a-real-secret"]) {
      const result = await postWebhook(url, { text: "hi" });
      expect(result).toEqual({ ok: false, error: "the webhook URL is not an http(s) URL" });
    }
  });

  it("uses the fetch it is given", async () => {
    const calls: string[] = [];
    const result = await postWebhook(
      "https://hooks.example.test/x",
      { text: "hi" },
      {
        fetch: async (url) => {
          calls.push(url);
          return new Response(null, { status: 204 });
        },
      },
    );
    expect(result).toEqual({ ok: true, status: 204 });
    expect(calls).toEqual(["https://hooks.example.test/x"]);
  });

  it("never puts the URL's secret in what it reports", async () => {
    const results = await Promise.all([
      postWebhook(`${base}/gone${SECRET_PATH}`, {}),
      postWebhook(`${closedBase}${SECRET_PATH}`, {}),
      postWebhook(`${base}/hang${SECRET_PATH}`, {}, { timeoutMs: 100 }),
    ]);
    expect(JSON.stringify(results)).not.toContain("not-a-real-secret");
  });
});
