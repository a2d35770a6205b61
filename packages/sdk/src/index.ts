// The public surface of @winky/sdk: Firebase's modular names over Winky's runtime.
export { createClient, type ClientOptions, type WinkyClient } from "./client.js";
export { WinkyError, isWinkyError, type WinkyErrorCode, type WinkyErrorOptions } from "./errors.js";
export type { FetchLike } from "./http.js";

// Auth
export { Auth } from "./auth/auth.js";
export type { RedirectOptions } from "./auth/redirect.js";
export { createMemoryStorage, type AuthStorage, type User } from "./auth/session.js";

// Values
export { Timestamp, GeoPoint } from "./values/value-types.js";
export { toWireValue } from "./values/encode.js";
export { fromWireValue, type DocumentData } from "./values/decode.js";
export type { WireValue } from "./values/wire.js";
export { documentId } from "./values/field-path.js";
export {
  FieldValue,
  arrayRemove,
  arrayUnion,
  deleteField,
  increment,
  serverTimestamp,
  type FieldValueKind,
} from "./values/field-value.js";

// Documents
export { Database, collection, collectionGroup, doc } from "./firestore/database.js";
export {
  CollectionReference,
  DocumentReference,
  Query,
  type WhereFilterOp,
} from "./firestore/references.js";
export {
  DocumentSnapshot,
  QueryDocumentSnapshot,
  QuerySnapshot,
  type DocumentChange,
  type DocumentChangeType,
} from "./firestore/snapshot.js";
export { addDoc, deleteDoc, getDoc, getDocs, setDoc, updateDoc } from "./firestore/documents.js";
export type { SetOptions } from "./firestore/write-data.js";
export {
  and,
  endAt,
  endBefore,
  limit,
  limitToLast,
  or,
  orderBy,
  query,
  startAfter,
  startAt,
  where,
  type OrderByDirection,
  type QueryConstraint,
  type QueryCursorConstraint,
  type QueryFilterConstraint,
  type QueryLimitConstraint,
  type QueryOrderByConstraint,
} from "./firestore/query.js";
export {
  AggregateField,
  AggregateQuerySnapshot,
  average,
  count,
  getAggregateFromServer,
  getCountFromServer,
  sum,
  type AggregateSpec,
  type AggregateSpecData,
} from "./firestore/aggregate.js";
export { WriteBatch, writeBatch, MAX_BATCH_WRITES } from "./firestore/batch.js";
export { Transaction, runTransaction, type TransactionOptions } from "./firestore/transaction.js";

// Realtime
export { onSnapshot, type SnapshotObserver, type Unsubscribe } from "./realtime/on-snapshot.js";
export type { WebSocketConstructor, WebSocketLike } from "./realtime/socket.js";

// Storage
export { Storage, StorageReference, ref } from "./storage/storage.js";
export { MAX_PATH_BYTES } from "./storage/path.js";
export type { FullMetadata, SettableMetadata, UploadMetadata } from "./storage/metadata.js";
export { StringFormat } from "./storage/string-format.js";
export type { UploadData } from "./storage/upload-source.js";
export {
  uploadBytes,
  uploadBytesResumable,
  uploadString,
  type UploadResult,
} from "./storage/uploads.js";
export { DEFAULT_CHUNK_SIZE, UploadTask, type UploadOptions } from "./storage/upload-task.js";
export {
  TaskEvent,
  TaskState,
  type TaskObserver,
  type UploadTaskSnapshot,
} from "./storage/task-events.js";

export { deleteObject, getMetadata, updateMetadata } from "./storage/objects.js";
export {
  MAX_DOWNLOAD_URL_SECONDS,
  getBlob,
  getBytes,
  getDownloadURL,
  type DownloadURLOptions,
} from "./storage/downloads.js";
export {
  MAX_LIST_RESULTS,
  list,
  listAll,
  type ListOptions,
  type ListResult,
} from "./storage/list.js";

// Functions
export {
  DEFAULT_CALL_TIMEOUT_MS,
  Functions,
  httpsCallable,
  type HttpsCallable,
  type HttpsCallableOptions,
  type HttpsCallableResult,
} from "./functions/functions.js";
export type { CallableData } from "./functions/callable-data.js";
