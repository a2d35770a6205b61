import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadStudioConfig } from "./env.js";
import { isLoopbackAddress, PEER_HEADER } from "./peer.js";
import { createJsonLog, createStudioServer, type RequestHandler } from "./studio-server.js";

describe("the studio's HTTP server", () => {
  const lines: string[] = [];
  const log = createJsonLog("info", (line) => void lines.push(line));
  let close: (() => Promise<unknown>) | undefined;

  afterEach(async () => {
    await close?.();
    lines.length = 0;
  });

  async function start(handle: RequestHandler) {
    const studio = createStudioServer(handle, log);
    await studio.listen({ host: "127.0.0.1", port: 0 });
    close = () => studio.close();
    return `http://127.0.0.1:${(studio.server.address() as AddressInfo).port}`;
  }

  it("answers /healthz itself, without the app", async () => {
    const url = await start(async () => {
      throw new Error("the app must not be asked");
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", service: "studio" });
  });

  it("hands every other request to the app", async () => {
    const url = await start(async (req, res) => {
      res.end(`app saw ${req.url}`);
    });
    expect(await (await fetch(`${url}/runs?x=1`)).text()).toBe("app saw /runs?x=1");
  });

  it("tells the app the peer is this machine from the socket, whatever the client claims", async () => {
    const url = await start(async (req, res) => {
      res.end(String(req.headers[PEER_HEADER]));
    });
    const claimed = await fetch(url.replace(/\/$/, "") + "/dev/mailbox", {
      headers: { [PEER_HEADER]: "remote" },
    });
    expect(await claimed.text()).toBe("loopback");
    expect(isLoopbackAddress("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopbackAddress("10.0.0.5")).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  it("answers 500 without details when the app fails, and logs why", async () => {
    const url = await start(async () => {
      throw new Error("render exploded");
    });
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("exploded");
    expect(lines.some((line) => line.includes("render exploded"))).toBe(true);
  });

  it("logs nothing below its level", () => {
    const quiet: string[] = [];
    createJsonLog("silent", (line) => void quiet.push(line)).error({}, "x");
    createJsonLog("error", (line) => void quiet.push(line)).info({}, "y");
    expect(quiet).toEqual([]);
  });
});

describe("the studio's configuration", () => {
  it("rejects a RUNTIME_URL that is not http(s)", () => {
    expect(() => loadStudioConfig({ RUNTIME_URL: "ftp://x" })).toThrow(/RUNTIME_URL/);
  });
});
