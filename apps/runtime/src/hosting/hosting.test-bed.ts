import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { createTestRuntime, type ChangeFeed, type TestRuntime } from "../testing/index.js";

/** A site to deploy: path → content. */
export type Site = Record<string, string | Buffer>;

export const sha256 = (content: string | Buffer) =>
  createHash("sha256").update(content).digest("hex");

/** A small Vite build: the app's HTML, its hashed script and style, a favicon. */
export const VITE_SITE = (label: string): Site => ({
  "/index.html": `<!doctype html><title>${label}</title><script src="/assets/index-B_wZ0Yan.js"></script>`,
  [`/assets/index-${label === "v1" ? "B_wZ0Yan" : "C-3xUVmb"}.js`]: `console.log("${label}")`,
  "/assets/index-DiwrgTda.css": "body { margin: 0 }",
  "/favicon.ico": Buffer.from([0, 0, 1, 0, 1, 0]),
});

/** One runtime with hosting on a temp dir's `FsBlobStore`, a project, and deploy helpers. */
export interface HostingTestBed {
  runtime: TestRuntime;
  app: FastifyInstance;
  blobs: FsBlobStore;
  project: string;
  /** The project's service key, as an `authorization` header. */
  admin: { authorization: string };
  key: string;
  /** `method` on `/v1/projects/<project>/admin/hosting<url>` with the service key. */
  call(
    method: "GET" | "POST" | "PUT",
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  /** Creates a version of `site`, uploads what it lacks, finalizes it. */
  deploy(
    site: Site,
    config?: unknown,
  ): Promise<{ version: number; missing: string[]; uploaded: string[] }>;
  release(version: number): Promise<void>;
  /** `GET` (or `HEAD`) `/v1/projects/<project>/hosting<path>`, from `app` (default the bed's). */
  fetch(
    sitePath: string,
    options?: { headers?: Record<string, string>; method?: "GET" | "HEAD"; app?: FastifyInstance },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createHostingTestBed(
  databaseUrl: string,
  project: string,
  options: {
    /** Share another bed's blob store (its `dir`), as two processes of one deployment do. */
    dir?: string;
    changeFeed?: ChangeFeed;
    /** The project exists already (another bed made it): its service key. */
    key?: string;
  } = {},
): Promise<HostingTestBed & { dir: string }> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), "winky-hosting-")));
  const blobs = new FsBlobStore(path.join(dir, "blobs"));
  const runtime = await createTestRuntime(databaseUrl, {
    blobs,
    ...(options.changeFeed ? { changeFeed: options.changeFeed } : {}),
  });
  const app = runtime.app;
  const key = options.key ?? (await runtime.createProject(project));
  const admin = { authorization: `Bearer ${key}` };
  const call: HostingTestBed["call"] = (method, url, payload, headers = {}) =>
    app.inject({
      method,
      url: `/v1/projects/${project}/admin/hosting${url}`,
      headers: { ...admin, ...headers },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });
  return {
    runtime,
    app,
    blobs,
    project,
    admin,
    key,
    dir,
    call,
    async deploy(site, config) {
      const files = Object.fromEntries(Object.entries(site).map(([p, c]) => [p, sha256(c)]));
      const created = await call("POST", "/versions", {
        files,
        ...(config === undefined ? {} : { config }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const { version, missing } = created.json<{ version: number; missing: string[] }>();
      const uploaded: string[] = [];
      for (const content of Object.values(site)) {
        const hash = sha256(content);
        if (!missing.includes(hash) || uploaded.includes(hash)) continue;
        const put = await call("PUT", `/files/${hash}`, content, {
          "content-type": "application/octet-stream",
        });
        expect(put.statusCode, put.body).toBe(200);
        uploaded.push(hash);
      }
      const finalized = await call("POST", `/versions/${version}:finalize`);
      expect(finalized.statusCode, finalized.body).toBe(200);
      return { version, missing, uploaded };
    },
    async release(version) {
      const released = await call("POST", "/releases", { version });
      expect(released.statusCode, released.body).toBe(201);
    },
    fetch(sitePath, { headers = {}, method = "GET", app: target = app } = {}) {
      return target.inject({ method, url: `/v1/projects/${project}/hosting${sitePath}`, headers });
    },
    async close() {
      await runtime.close();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
}
