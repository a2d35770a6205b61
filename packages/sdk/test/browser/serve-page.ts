// Serves the browser test's app (page-app.ts) from its own origin: the SDK bundled by esbuild
// into one ES module for the browser, and the page's script importing it, as an app's bundler
// would emit them.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserPage } from "@winky/testing";
// esbuild is installed at the repository root (vitest's own dependency); tests only.
import { build, type Plugin } from "esbuild";
import type { WinkyPage } from "./page-app.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SDK_ENTRY = path.resolve(here, "../../src/index.ts");
const SDK_MODULE = "/winky-sdk.js";

const HTML = `<!doctype html>
<html>
  <head>
    <meta charset="utf-8" />
    <title>Winky SDK in a browser</title>
    <script type="module" src="/page-app.js"></script>
  </head>
  <body></body>
</html>
`;

/**
 * The SDK as one ES module for browsers (`platform: "browser"`: a Node built-in anywhere in it
 * fails the build), with an inline source map so the page's stack traces name the sources.
 */
export async function bundleSdk(): Promise<string> {
  return bundle(SDK_ENTRY, []);
}

/** The page's script, importing the SDK from {@link SDK_MODULE} rather than bundling it. */
async function bundlePageApp(): Promise<string> {
  const sdkAsModule: Plugin = {
    name: "sdk-as-module",
    setup(b) {
      b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: SDK_MODULE, external: true }));
    },
  };
  return bundle(path.join(here, "page-app.ts"), [sdkAsModule]);
}

async function bundle(entry: string, plugins: Plugin[]): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    sourcemap: "inline",
    write: false,
    logLevel: "silent",
    plugins,
  });
  return result.outputFiles[0]!.text;
}

/** The app's origin: its page at `url`. */
export interface ServedPage {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** The SDK module the page loads, as served. */
  sdkModule: string;
  close(): Promise<void>;
}

/** Bundles the SDK and the page, and serves them on a free port of 127.0.0.1. */
export async function servePage(): Promise<ServedPage> {
  const [sdkModule, pageApp] = await Promise.all([bundleSdk(), bundlePageApp()]);
  const files: Record<string, [type: string, body: string]> = {
    "/": ["text/html; charset=utf-8", HTML],
    "/page-app.js": ["text/javascript; charset=utf-8", pageApp],
    [SDK_MODULE]: ["text/javascript; charset=utf-8", sdkModule],
  };
  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://page").pathname;
    const file = files[pathname];
    // No favicon: a 204 keeps a 404 for it out of the page's log.
    if (!file) return void response.writeHead(pathname === "/favicon.ico" ? 204 : 404).end();
    response.writeHead(200, { "content-type": file[0], "cache-control": "no-store" }).end(file[1]);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sdkModule,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser's keep-alive sockets
      }),
  };
}

/**
 * Calls a step of the page's `window.winkyPage`, typed from page-app.ts; arguments and answer
 * travel as JSON.
 */
export function callPage<K extends keyof WinkyPage>(
  page: BrowserPage,
  step: K,
  ...args: Parameters<WinkyPage[K]>
): Promise<Awaited<ReturnType<WinkyPage[K]>>> {
  const list = args.map((a) => JSON.stringify(a)).join(", ");
  return page.evaluate(`window.winkyPage.${step}(${list})`);
}
