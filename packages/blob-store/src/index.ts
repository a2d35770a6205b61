export type {
  BlobBody,
  BlobInfo,
  BlobRead,
  BlobStore,
  ByteRange,
  ListedBlob,
  ListOptions,
  ListPage,
  MetadataPatch,
  StartUploadOptions,
  UploadStatus,
  WriteOptions,
} from "./blob-store.js";
export { BlobStoreError, isBlobStoreError, type BlobStoreErrorCode } from "./errors.js";
export {
  assertBucketName,
  assertObjectName,
  bucketNameProblem,
  compareNames,
  MAX_NAME_BYTES,
  objectNameProblem,
} from "./names.js";
export { DEFAULT_CONTENT_TYPE, MAX_METADATA_BYTES } from "./write-options.js";
export type { StoreLimits } from "./store-options.js";
export { FsBlobStore, type FsBlobStoreOptions } from "./fs/fs-blob-store.js";
