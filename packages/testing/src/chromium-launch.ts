import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { BrowserPage } from "./browser-page.js";
import { CdpConnection } from "./cdp-connection.js";

/** Options of {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** The executable: `chromiumPath()` inside a `describeWithChromium` suite. */
  executablePath: string;
  /** More command-line switches. */
  args?: string[];
}

/** A headless Chromium started by {@link launchChromium}. */
export interface ChromiumBrowser {
  /** The browser's product and version, e.g. `Chrome/156.0.8078.108`. */
  readonly version: string;
  /** The browser's process id, which is also its process group's. */
  readonly pid: number;
  /** Opens a blank tab. */
  newPage(): Promise<BrowserPage>;
  /** Closes the browser (killing its process group if it does not exit) and its profile. */
  close(): Promise<void>;
}

const SWITCHES = [
  "--headless",
  // The sandbox needs user namespaces or a setuid helper, and refuses to run as root (CI).
  "--no-sandbox",
  "--remote-debugging-pipe",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-gpu",
  // Containers often give /dev/shm 64 MB, too little for Chromium's shared memory.
  "--disable-dev-shm-usage",
  "--disable-extensions",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--mute-audio",
];

const STDERR_LINES_KEPT = 40;
const EXIT_WAIT_MS = 10_000;

/**
 * Starts a headless Chromium with a fresh profile and drives it over the DevTools protocol on
 * a pipe: no port, no extra package. The browser runs in its own process group, so closing
 * stops its renderer and GPU helpers too; if the test process dies, the pipe closes and the
 * browser exits by itself.
 *
 * @example
 * ```ts
 * const browser = await launchChromium({ executablePath: chromiumPath() });
 * const page = await browser.newPage();
 * await page.goto(url);
 * expect(await page.evaluate<string>("document.title")).toBe("Hello");
 * await browser.close();
 * ```
 * @throws Error with the end of Chromium's stderr when it does not start.
 */
export async function launchChromium(options: LaunchChromiumOptions): Promise<ChromiumBrowser> {
  const profile = await mkdtemp(path.join(tmpdir(), "winky-chromium-"));
  const child = spawn(
    options.executablePath,
    [...SWITCHES, ...(options.args ?? []), `--user-data-dir=${profile}`, "about:blank"],
    { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"], detached: true },
  );
  const stderr: string[] = [];
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr.push(...chunk.split("\n").filter((line) => line.trim() !== ""));
    stderr.splice(0, Math.max(0, stderr.length - STDERR_LINES_KEPT));
  });
  const cdp = new CdpConnection(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const stderrTail = () => `its stderr ends with:\n${stderr.join("\n")}`;
  let exitReason: string | null = null;
  const exited = new Promise<void>((resolve) => {
    const report = (why: string) => {
      exitReason = why;
      cdp.close(new Error(`Chromium ${why}; ${stderrTail()}`));
      resolve();
    };
    child.once("exit", (code, signal) => report(`exited (${signal ?? `code ${code}`})`));
    child.once("error", (e) => report(`could not start: ${e.message}`));
  });

  // The whole group: the browser and its helpers (zygote, renderers, GPU, crashpad).
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone (ESRCH).
    }
  };
  const removeProfile = () => rm(profile, { recursive: true, force: true, maxRetries: 3 });

  let version: string;
  try {
    version = (await cdp.send<{ product: string }>("Browser.getVersion")).product;
  } catch (e) {
    // A browser that died says more by its exit than by the pipe's error (EPIPE): give the
    // exit a moment to be reported. Without one, the browser hung.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    const why = exitReason ?? `did not answer: ${(e as Error).message}`;
    killGroup();
    await exited;
    await removeProfile();
    throw new Error(`Chromium ${why}; ${stderrTail()}`, { cause: e });
  }

  const pages: BrowserPage[] = [];
  return {
    version,
    pid: child.pid!,
    async newPage() {
      const { targetId } = await cdp.send<{ targetId: string }>("Target.createTarget", {
        url: "about:blank",
      });
      const { sessionId } = await cdp.send<{ sessionId: string }>("Target.attachToTarget", {
        targetId,
        flatten: true,
      });
      const page = new BrowserPage(cdp, sessionId);
      pages.push(page);
      await page.enable();
      return page;
    },
    async close() {
      for (const page of pages) page.detach();
      await cdp.send("Browser.close").catch(() => undefined);
      const timer = setTimeout(killGroup, EXIT_WAIT_MS);
      await exited;
      clearTimeout(timer);
      // Helpers (the zygote, crashpad) may outlive the browser process by a moment.
      killGroup();
      await removeProfile();
    },
  };
}
