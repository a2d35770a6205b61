export {
  SyncError,
  type ApplyContext,
  type DocumentChange,
  type SyncAdapter,
  type WireFields,
  type WireValue,
} from "./sync-adapter.js";
export {
  DEFAULT_RETRY,
  backoffDelay,
  parseRetryAfter,
  type RetryEnv,
  type RetryPolicy,
} from "./retry.js";
export {
  FirestoreRestAdapter,
  type FetchLike,
  type FirestoreRestOptions,
} from "./firestore/firestore-rest-adapter.js";
export {
  MAX_WRITES_PER_COMMIT,
  planCommits,
  rewriteReferences,
  toWrite,
  type FirestoreWrite,
} from "./firestore/firestore-writes.js";
export { MemoryAdapter } from "./memory/memory-adapter.js";
export {
  DOCUMENT_KINDS,
  RuntimeEventSource,
  toChange,
  type EventPage,
  type EventSource,
  type LogEvent,
} from "./mirror/event-source.js";
export {
  FileStateStore,
  MemoryStateStore,
  type MirrorState,
  type MirrorStateStore,
} from "./mirror/mirror-state.js";
export { SyncMirror, type MirrorMetrics, type MirrorOptions } from "./mirror/sync-mirror.js";
