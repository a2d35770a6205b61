import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FsBlobStore, type BlobStore } from "@winky/blob-store";
import { S3BlobStore } from "@winky/blob-store/s3";
import type { FastifyInstance } from "fastify";
import { describe, expect } from "vitest";
// The blob store's own s3rver harness (not part of its exports): it fills the gaps between
// s3rver and S3 that its conformance suite found, so the routes meet the same server.
import { startS3rver } from "../../../../packages/blob-store/test/s3rver-harness.js";
import { createTestRuntime, type TestRuntime } from "../testing/index.js";

/** Where a test bed keeps objects: `FsBlobStore` in a temp dir, or `S3BlobStore` on s3rver. */
export type StorageBackend = "fs" | "s3";

const BACKENDS: [store: string, backend: StorageBackend][] = [
  ["FsBlobStore", "fs"],
  ["S3BlobStore on s3rver", "s3"],
];

/**
 * Defines `body`'s tests once per backend (`… › on FsBlobStore`, `… › on S3BlobStore on
 * s3rver`): the routes must answer the same whatever store is behind them.
 */
export function describeOnEachBackend(
  title: string,
  body: (backend: StorageBackend) => void,
): void {
  describe(title, () => {
    describe.each(BACKENDS)("on %s", (_store, backend) => body(backend));
  });
}

/** A test runtime with storage on one backend, and helpers to drive it. */
export interface StorageTestBed {
  runtime: TestRuntime;
  app: FastifyInstance;
  backend: StorageBackend;
  /**
   * The bed's temp dir; nothing but `<dir>/storage` may appear in it. That is the root of an
   * FsBlobStore, or the upload state of an S3BlobStore (s3rver keeps its files elsewhere).
   */
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
  options: { maxObjectSize?: number; backend?: StorageBackend } = {},
): Promise<StorageTestBed> {
  const { backend = "fs", ...limits } = options;
  const dir = await mkdtemp(path.join(tmpdir(), "winky-storage-"));
  const store = await openStore(backend, path.join(dir, "storage"));
  const runtime = await createTestRuntime(databaseUrl, { blobs: store.blobs, ...limits });
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
    backend,
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
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One s3rver per bed: beds on other databases may reuse a project id, and so a bucket. */
async function openStore(
  backend: StorageBackend,
  root: string,
): Promise<{ blobs: BlobStore; close(): Promise<void> }> {
  if (backend === "fs") return { blobs: new FsBlobStore(root), close: async () => {} };
  const server = await startS3rver();
  const blobs = new S3BlobStore({
    endPoint: "127.0.0.1",
    port: server.port,
    useSSL: false,
    accessKey: server.accessKey,
    secretKey: server.secretKey,
    uploadStateDir: root,
    // S3's smallest part: the routes' tests write far less, so every upload is one part.
    partSize: 5 * 1024 * 1024,
  });
  return { blobs, close: () => server.close() };
}
