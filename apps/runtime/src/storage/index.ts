import type { BlobStore } from "@winky/blob-store";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import type { AuthCore } from "../auth/core/index.js";
import { ColumnCipher } from "../auth/postgres/key-encryption.js";
import type { RulesCache } from "../documents/rules-cache.js";
import type { DocumentStore } from "../documents/store/document-store.js";
import type { ProjectStore } from "../projects/project-store.js";
import { StorageSigningKeys } from "./signing-keys.js";
import { StorageRules } from "./storage-rules.js";
import { registerStorageRoutes } from "./storage-routes.js";
import { StorageService } from "./storage-service.js";

/** 100 MiB: the default largest object (`WINKY_STORAGE_MAX_OBJECT_SIZE`). */
export const DEFAULT_MAX_OBJECT_SIZE = 100 * 1024 * 1024;

export interface StorageOptions {
  /** 32 bytes (`WINKY_MASTER_KEY`): encrypts each project's URL-signing secret at rest. */
  encryptionKey: Buffer;
  /** Default {@link DEFAULT_MAX_OBJECT_SIZE}. */
  maxObjectSize?: number;
  /** Milliseconds since the epoch (signed URL expiry, rules' `request.time`, event times). */
  now?: () => number;
}

/** Registers `/v1/projects/:project/storage/…` and the signing-key rotation route. */
export function installStorage(
  app: FastifyInstance,
  deps: {
    blobs: BlobStore;
    options: StorageOptions;
    pool: pg.Pool;
    projects: ProjectStore;
    documents: DocumentStore;
    rulesCache: RulesCache;
    auth: AuthCore;
    adminKey: string;
  },
): void {
  const now = deps.options.now ?? Date.now;
  const rules = new StorageRules(deps.projects, deps.documents, deps.rulesCache, now);
  const service = new StorageService(deps.blobs, rules, deps.pool, {
    maxObjectSize: deps.options.maxObjectSize ?? DEFAULT_MAX_OBJECT_SIZE,
    now,
  });
  const signingKeys = new StorageSigningKeys(
    deps.pool,
    new ColumnCipher(deps.options.encryptionKey),
    now,
  );
  registerStorageRoutes(app, {
    service,
    signingKeys,
    projects: deps.projects,
    auth: deps.auth,
    adminKey: deps.adminKey,
  });
}
