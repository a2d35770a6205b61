import { once } from "node:events";
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  chromiumPath,
  describeWithChromium,
  launchChromium,
  type ChromiumBrowser,
} from "./index.js";

/**
 * The processes of group `pgid` that still run. Zombies do not count: killed helpers are
 * reparented to PID 1, which in a container may never reap them.
 */
async function liveProcessesOfGroup(pgid: number): Promise<string[]> {
  const live: string[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(pgrp) === pgid && state !== "Z") live.push(`${entry} ${state}`);
  }
  return live;
}

const PAGE = `<!doctype html><title>probe</title>
<script>
  localStorage.setItem("loads", String(Number(localStorage.getItem("loads") ?? 0) + 1));
  console.log("loaded", localStorage.getItem("loads"));
</script>`;

describeWithChromium("launchChromium", () => {
  let server: Server;
  let url: string;
  let browser: ChromiumBrowser;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    }).listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchChromium({ executablePath: chromiumPath() });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("opens a page, evaluates in it, and keeps its storage across a reload", async () => {
    expect(browser.version).toMatch(/Chrome\/\d+/);
    const page = await browser.newPage();
    await page.goto(url);
    expect(await page.evaluate("document.title")).toBe("probe");
    expect(await page.evaluate("Promise.resolve(6 * 7)")).toBe(42);
    await page.reload();
    expect(await page.evaluate("localStorage.getItem('loads')")).toBe("2");
    expect(page.log).toContain("console.log: loaded 2");
  });

  it("rethrows what the page throws, with its message", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    await expect(page.evaluate("Promise.reject(new TypeError('nope'))")).rejects.toThrow(
      /in the page: TypeError: nope/,
    );
  });

  it("says why a page cannot be opened", async () => {
    const closed = createServer().listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const page = await browser.newPage();
    await expect(page.goto(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ERR_CONNECTION_REFUSED/);
  });

  it("stops the whole browser when closed", async () => {
    const other = await launchChromium({ executablePath: chromiumPath() });
    await other.close();
    // SIGKILL is delivered asynchronously: the helpers are gone soon after, not at once.
    await expect.poll(() => liveProcessesOfGroup(other.pid), { timeout: 10_000 }).toEqual([]);
    await expect(other.newPage()).rejects.toThrow(/closed|exited/);
  });
});
