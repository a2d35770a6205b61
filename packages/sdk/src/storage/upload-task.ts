import { WinkyError, invalidArgument, isWinkyError } from "../errors.js";
import type { Unsubscribe } from "../realtime/on-snapshot.js";
import { fromWireObject, type FullMetadata, type WireUploadMetadata } from "./metadata.js";
import { quote } from "./path.js";
import type { StorageReference } from "./storage.js";
import {
  TaskObservers,
  type TaskEvent,
  type TaskObserver,
  type TaskState,
  type UploadTaskSnapshot,
} from "./task-events.js";
import { cancelSession, sendChunk, startSession, type ChunkAnswer } from "./upload-session.js";
import type { UploadSource } from "./upload-source.js";

/** Options of {@link uploadBytesResumable} (a Winky addition to Firebase's signature). */
export interface UploadOptions {
  /** Bytes per request, default {@link DEFAULT_CHUNK_SIZE}; progress is reported per chunk. */
  chunkSize?: number;
  /** @internal Waits before each retry of a failed chunk; the count bounds the retries. */
  retryDelaysMs?: readonly number[];
}

/** 1 MiB: a progress event per MiB, and at most that much sent again after a failure. */
export const DEFAULT_CHUNK_SIZE = 1024 * 1024;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/**
 * A resumable upload in progress, as {@link uploadBytesResumable} returns it: the runtime's
 * upload session, fed one chunk at a time. It is a promise of its final snapshot, reports
 * progress through {@link UploadTask.on}, and can be paused (the chunk in flight is dropped;
 * on resume the SDK asks the runtime where to go on), resumed and cancelled. A chunk that
 * fails for want of a connection or a server error is retried after a growing wait (0.5 s,
 * 1 s, … 8 s), from wherever the runtime says the upload stands.
 */
export class UploadTask implements PromiseLike<UploadTaskSnapshot> {
  private state: TaskState = "running";
  private offset = 0;
  private metadata: FullMetadata | null = null;
  private failure: WinkyError | null = null;
  private uploadId: string | null = null;
  private inflight: AbortController | null = null;
  private wake: (() => void) | null = null;
  private readonly observers = new TaskObservers<UploadTaskSnapshot>();
  private readonly result: Promise<UploadTaskSnapshot>;
  private settle!: { resolve(s: UploadTaskSnapshot): void; reject(e: WinkyError): void };
  private readonly chunkSize: number;
  private readonly retryDelays: readonly number[];

  /** @internal Made by {@link uploadBytesResumable}; starts at once. */
  constructor(
    readonly ref: StorageReference,
    private readonly source: UploadSource,
    private readonly body: WireUploadMetadata,
    options: UploadOptions = {},
  ) {
    const { chunkSize = DEFAULT_CHUNK_SIZE } = options;
    if (!Number.isSafeInteger(chunkSize) || chunkSize < 1) {
      throw invalidArgument(`uploadBytesResumable(): chunkSize must be a positive integer`);
    }
    this.chunkSize = chunkSize;
    this.retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    this.result = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Not an unhandled rejection when the app listens with on() only.
    this.result.catch(() => undefined);
    void this.run();
  }

  /** The progress now. */
  get snapshot(): UploadTaskSnapshot {
    return Object.freeze({
      bytesTransferred: this.offset,
      totalBytes: this.source.size,
      state: this.state,
      metadata: this.metadata,
      task: this,
      ref: this.ref,
    });
  }

  /**
   * Listens to the upload: `next` with a snapshot now and after every chunk and every pause or
   * resume, then once `complete` or `error` (a WinkyError; `cancelled` after
   * {@link UploadTask.cancel}). Callbacks run asynchronously, never inside the call that
   * caused them. Returns the function that stops listening.
   *
   * @example
   * ```ts
   * task.on("state_changed",
   *   (s) => setProgress(s.bytesTransferred / s.totalBytes),
   *   (e) => showError(e.code),
   *   () => showDone(),
   * );
   * ```
   * @throws WinkyError invalid-argument for another event than `"state_changed"`.
   */
  on(
    event: TaskEvent,
    nextOrObserver?: ((snapshot: UploadTaskSnapshot) => void) | TaskObserver<UploadTaskSnapshot>,
    error?: (error: WinkyError) => void,
    complete?: () => void,
  ): Unsubscribe {
    if (event !== "state_changed") {
      throw invalidArgument(`UploadTask.on(): unknown event ${JSON.stringify(event)}`);
    }
    const observer =
      typeof nextOrObserver === "function" || nextOrObserver === undefined
        ? { next: nextOrObserver, error, complete }
        : nextOrObserver;
    return this.observers.add(observer, this.outcome());
  }

  /** Pauses a running upload; false when it was not running. */
  pause(): boolean {
    if (this.state !== "running") return false;
    this.state = "paused";
    this.inflight?.abort();
    this.observers.notify(this.outcome());
    return true;
  }

  /** Resumes a paused upload; false when it was not paused. */
  resume(): boolean {
    if (this.state !== "paused") return false;
    this.state = "running";
    this.observers.notify(this.outcome());
    this.wake?.();
    return true;
  }

  /** Cancels the upload and its session; false when it had already ended. */
  cancel(): boolean {
    if (this.state !== "running" && this.state !== "paused") return false;
    this.inflight?.abort();
    this.end(
      "canceled",
      new WinkyError("cancelled", `the upload to ${quote(this.ref.fullPath)} was cancelled`),
    );
    this.wake?.();
    return true;
  }

  then<A = UploadTaskSnapshot, B = never>(
    onFulfilled?: ((snapshot: UploadTaskSnapshot) => A | PromiseLike<A>) | null,
    onRejected?: ((error: WinkyError) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.result.then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((error: WinkyError) => B | PromiseLike<B>) | null) {
    return this.result.catch(onRejected);
  }

  private outcome() {
    return { snapshot: this.snapshot, state: this.state, error: this.failure };
  }

  /** Opens the session, then sends chunks until done, paused, cancelled or failed. */
  private async run(): Promise<void> {
    const http = this.ref.storage.http;
    let resync = false;
    let retries = 0;
    while (this.state === "running" || this.state === "paused") {
      if (this.state === "paused") {
        await new Promise<void>((wake) => (this.wake = wake));
        this.wake = null;
        continue;
      }
      const controller = new AbortController();
      try {
        if (this.uploadId === null) {
          this.uploadId = await startSession(http, this.ref.fullPath, this.source.size, this.body);
          continue;
        }
        this.inflight = controller;
        const start = this.offset;
        const end = resync ? start : Math.min(start + this.chunkSize, this.source.size);
        const answer = await sendChunk(
          http,
          this.uploadId,
          this.source,
          { start, end },
          controller.signal,
        );
        resync = false;
        retries = 0;
        this.apply(answer, start, end);
      } catch (e) {
        // Paused or cancelled meanwhile: where the dropped chunk got to is asked on resume.
        if (this.state !== "running" || controller.signal.aborted) {
          resync = true;
          continue;
        }
        const error = isWinkyError(e) ? e : new WinkyError("unknown", String(e), { cause: e });
        const expected = error.details?.expectedOffset;
        if (error.details?.reason === "offset-mismatch" && typeof expected === "number") {
          this.offset = expected;
        } else if (isTransient(error) && retries < this.retryDelays.length && this.uploadId) {
          await new Promise((r) => setTimeout(r, this.retryDelays[retries++]));
          resync = true;
        } else {
          this.end("error", error);
        }
      } finally {
        this.inflight = null;
      }
    }
    if (this.state === "canceled" && this.uploadId !== null) {
      await cancelSession(http, this.uploadId).catch(() => undefined);
    }
  }

  private apply(answer: ChunkAnswer, start: number, end: number): void {
    if (!answer.done) {
      if (end > start && answer.offset <= start) {
        // A chunk answered "go on" without any of it kept: sending it again would loop.
        throw new WinkyError("internal", `the runtime kept none of bytes ${start}-${end - 1}`);
      }
      if (answer.offset === this.offset) return;
      this.offset = answer.offset;
      this.observers.notify(this.outcome());
      return;
    }
    this.offset = this.source.size;
    this.metadata = fromWireObject(this.ref, answer.object);
    // Firebase's order: a last `next` with every byte in, then `complete`.
    this.observers.notify(this.outcome());
    this.state = "success";
    this.observers.notify(this.outcome());
    this.settle.resolve(this.snapshot);
  }

  private end(state: "canceled" | "error", error: WinkyError): void {
    this.state = state;
    this.failure = error;
    this.observers.notify(this.outcome());
    this.settle.reject(error);
  }
}

/** Worth another try: no answer, or the server failed (rather than refused). */
function isTransient(error: WinkyError): boolean {
  return (
    error.code === "unavailable" ||
    error.code === "deadline-exceeded" ||
    (error.status >= 500 && error.code !== "resource-exhausted")
  );
}
