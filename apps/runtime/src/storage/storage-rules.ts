import type { BlobInfo } from "@winky/blob-store";
import {
  evaluateAsync,
  prepareStorageRequest,
  RTimestamp,
  toValue,
  type RequestMethod,
  type RMap,
} from "@winky/rules";
import { enforceVerdict, toAsyncReader, type Caller } from "../documents/document-service.js";
import type { RulesCache } from "../documents/rules-cache.js";
import type { DocumentStore } from "../documents/store/document-store.js";
import type { ProjectStore } from "../projects/project-store.js";

/** What an upload or metadata change would store, as `request.resource` shows it. */
export interface ObjectDraft {
  name: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
  cacheControl?: string;
  contentDisposition?: string;
}

export interface StorageRequest {
  method: RequestMethod;
  /** The object name, or for `list` the prefix. */
  name: string;
  /** `request.resource`: the object as it would be after a write. */
  upload?: ObjectDraft;
  /** `resource`: the object stored now, if any. */
  existing?: BlobInfo | null;
}

/**
 * Decides storage requests with the project's `service firebase.storage` rules, the way the
 * document service decides document requests: admins skip rules, no rules deployed denies
 * every end user, `firestore.get()`/`firestore.exists()` read the project's documents.
 */
export class StorageRules {
  constructor(
    private readonly projects: ProjectStore,
    private readonly documents: DocumentStore,
    private readonly cache: RulesCache,
    private readonly now: () => number,
  ) {}

  /** @throws RuntimeError permission-denied "Missing or insufficient permissions." */
  async authorize(projectId: string, caller: Caller, request: StorageRequest): Promise<void> {
    if (caller.bypassRules) return;
    const source = await this.projects.rules(projectId, "storage");
    const operation = `${request.method} ${request.name}`;
    if (source === null) return enforceVerdict(undefined, caller, operation);
    const ms = this.now();
    const prepared = prepareStorageRequest({
      method: request.method,
      path: request.name,
      bucket: projectId,
      auth: caller.auth,
      time: new RTimestamp(Math.floor(ms / 1000), (ms % 1000) * 1e6),
      ...(request.upload ? { upload: draftToRules(projectId, request.upload, ms) } : {}),
      ...(request.existing ? { existing: objectToRules(projectId, request.existing) } : {}),
    });
    const current = toAsyncReader(
      async (path) => (await this.documents.get(projectId, path))?.fields,
    );
    const verdict = await evaluateAsync(this.cache.program(source), {
      ...prepared,
      current,
      explain: caller.explain,
    });
    enforceVerdict(verdict, caller, operation);
  }
}

/** A stored object as rules see `resource`: Cloud Storage's metadata, times as timestamps. */
export function objectToRules(projectId: string, info: BlobInfo): RMap {
  return toValue({
    name: info.name,
    bucket: projectId,
    size: info.size,
    contentType: info.contentType,
    md5Hash: info.md5Hash,
    generation: info.generation,
    metageneration: info.metageneration,
    timeCreated: { $timestamp: info.timeCreated },
    updated: { $timestamp: info.updated },
    metadata: info.metadata,
    ...(info.cacheControl !== undefined ? { cacheControl: info.cacheControl } : {}),
    ...(info.contentDisposition !== undefined
      ? { contentDisposition: info.contentDisposition }
      : {}),
  }) as RMap;
}

function draftToRules(projectId: string, draft: ObjectDraft, ms: number): RMap {
  const now = { $timestamp: new Date(ms).toISOString() };
  return toValue({
    ...draft,
    bucket: projectId,
    timeCreated: now,
    updated: now,
  }) as RMap;
}
