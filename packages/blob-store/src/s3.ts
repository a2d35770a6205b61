/**
 * `@winky/blob-store/s3`: the S3 store, apart from the main entry so that a process that only
 * uses the file system store (the CLI, `winky dev`) never loads the minio client.
 */
export { S3BlobStore, type S3BlobStoreOptions } from "./s3/s3-blob-store.js";
