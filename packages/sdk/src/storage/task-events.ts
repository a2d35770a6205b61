/**
 * What an upload task reports: its states and event (Firebase's names and values), its
 * snapshots, and the observers it reports them to.
 */
import { callApp, type WinkyError } from "../errors.js";
import type { Unsubscribe } from "../realtime/on-snapshot.js";
import type { StorageReference } from "./storage.js";
import type { FullMetadata } from "./metadata.js";
import type { UploadTask } from "./upload-task.js";

/** Where an {@link UploadTask} is; Firebase's values (`TaskState.CANCELED` is `"canceled"`). */
export type TaskState = "running" | "paused" | "success" | "canceled" | "error";
export const TaskState = Object.freeze({
  RUNNING: "running",
  PAUSED: "paused",
  SUCCESS: "success",
  CANCELED: "canceled",
  ERROR: "error",
} as const);

/** The one event of {@link UploadTask.on}. */
export type TaskEvent = "state_changed";
export const TaskEvent = Object.freeze({ STATE_CHANGED: "state_changed" } as const);

/** An upload's progress at one moment. */
export interface UploadTaskSnapshot {
  /** Bytes the runtime has confirmed holding. */
  readonly bytesTransferred: number;
  readonly totalBytes: number;
  readonly state: TaskState;
  /** The stored object's metadata once the upload succeeded; null before. */
  readonly metadata: FullMetadata | null;
  readonly task: UploadTask;
  readonly ref: StorageReference;
}

/** What {@link UploadTask.on} calls; every callback is optional. */
export interface TaskObserver<S> {
  next?: ((snapshot: S) => void) | undefined;
  error?: ((error: WinkyError) => void) | undefined;
  complete?: (() => void) | undefined;
}

/** @internal What a task tells its observers: its snapshot, its state, and its error if any. */
export interface TaskOutcome<S> {
  snapshot: S;
  state: TaskState;
  error: WinkyError | null;
}

/**
 * @internal A task's observers, each told about the task asynchronously (a microtask), in
 * order, and never again once told it ended — as Firebase's tasks do, so a callback never runs
 * inside the app's own `pause()` call, and one added late still learns the outcome.
 */
export class TaskObservers<S> {
  private readonly observers = new Set<TaskObserver<S>>();

  /** Adds `observer` and tells it `now`; returns the function that removes it. */
  add(observer: TaskObserver<S>, now: TaskOutcome<S>): Unsubscribe {
    this.observers.add(observer);
    this.deliver(observer, now);
    return () => void this.observers.delete(observer);
  }

  /** Tells every observer `outcome`. */
  notify(outcome: TaskOutcome<S>): void {
    for (const observer of this.observers) this.deliver(observer, outcome);
  }

  private deliver(observer: TaskObserver<S>, outcome: TaskOutcome<S>): void {
    queueMicrotask(() => {
      // Removed meanwhile (unsubscribed, or already told the end): nothing more.
      if (!this.observers.has(observer)) return;
      switch (outcome.state) {
        case "running":
        case "paused":
          if (observer.next) callApp(observer.next, outcome.snapshot);
          return;
        case "success":
          this.observers.delete(observer);
          if (observer.complete) callApp(observer.complete, undefined);
          return;
        default:
          this.observers.delete(observer);
          if (observer.error && outcome.error) callApp(observer.error, outcome.error);
      }
    });
  }
}
