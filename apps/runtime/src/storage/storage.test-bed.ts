import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore } from "@winky/blob-store";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";

/** A test runtime with storage on an FsBlobStore in a temp dir, and helpers to drive it. */
export interface StorageTestBed {
  runtime: TestRuntime;
  app: FastifyInstance;
  /** The temp dir; the store's root is `<dir>/storage`, nothing else may appear in it. */
  dir: string;
  /** The project's service key. */
  key: string;
  admin: { authorization: string };
  /** Signs a user up (email and password) and answers their uid and a bearer header. */
  signUp(email: string): Promise<{ uid: string; headers: { authorization: string } }>;
  close(): Promise<void>;
}

export async function createStorageTestBed(
  databaseUrl: string,
  projectId: string,
  rules: string | null,
  options: { maxObjectSize?: number } = {},
): Promise<StorageTestBed> {
  const dir = await mkdtemp(path.join(tmpdir(), "winky-storage-"));
  const runtime = await createTestRuntime(databaseUrl, {
    blobs: new FsBlobStore(path.join(dir, "storage")),
    ...options,
  });
  const app = runtime.app;
  const key = await runtime.createProject(projectId);
  const admin = { authorization: `Bearer ${key}` };
  if (rules !== null) {
    const deployed = await app.inject({
      method: "PUT",
      url: `/v1/projects/${projectId}/admin/rules/storage`,
      headers: { ...admin, "content-type": "text/plain" },
      payload: rules,
    });
    expect(deployed.statusCode, deployed.body).toBe(200);
  }
  return {
    runtime,
    app,
    dir,
    key,
    admin,
    async signUp(email) {
      const post = (p: string, payload: object) =>
        app.inject({ method: "POST", url: `/v1/projects/${projectId}/auth/${p}`, payload });
      await post("signUp", { email, password: "correct horse battery" });
      const confirmed = await post("confirmSignUp", {
        token: runtime.auth.stores.outbox.lastToken(email),
      });
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      const { uid, idToken } = confirmed.json<{ uid: string; idToken: string }>();
      return { uid, headers: { authorization: `Bearer ${idToken}` } };
    },
    async close() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
