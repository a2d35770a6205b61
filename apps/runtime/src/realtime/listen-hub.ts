import { isRuntimeError, type RuntimeError } from "../errors/runtime-error.js";
import type { Caller, DocumentService } from "../documents/document-service.js";
import type { Query } from "../documents/query/query-model.js";
import { encodeFields } from "../documents/model/wire-encode.js";
import type { StoredDocument } from "../documents/store/document-store.js";
import type { ChangeEvent, ChangeFeed } from "./change-feed.js";
import { diffResults, type DocChange, type ListenedDoc } from "./diff.js";

export type ListenTarget = { document: string } | { query: Query };

/** What a listener is sent: a snapshot with its changes, or why it was stopped. */
export type ListenMessage =
  | { type: "snapshot"; id: string; changes: DocChange[]; size: number; readTime: string }
  | { type: "error"; id: string; error: ReturnType<RuntimeError["toJSON"]>["error"] };

interface Listener {
  id: string;
  projectId: string;
  caller: Caller;
  target: ListenTarget;
  send: (message: ListenMessage) => void;
  last: ListenedDoc[];
  /** The first snapshot has been sent (it is sent even when empty). */
  started: boolean;
  refreshing: Promise<void> | undefined;
  again: boolean;
}

/**
 * The listeners of one runtime process. Each starts with a full snapshot, then gets the changes
 * after every commit that could affect it — read again through the document service, so the
 * project's rules are checked for every snapshot, and a listener that loses access is stopped.
 */
export class ListenHub {
  private readonly listeners = new Map<string, Listener>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly documents: DocumentService,
    feed: ChangeFeed,
  ) {
    this.unsubscribe = feed.subscribe((event) => this.onChange(event));
  }

  /** Registers a listener and sends its first snapshot (or its error). */
  async listen(
    id: string,
    projectId: string,
    caller: Caller,
    target: ListenTarget,
    send: (message: ListenMessage) => void,
  ): Promise<void> {
    const listener: Listener = {
      id,
      projectId,
      caller,
      target,
      send,
      last: [],
      started: false,
      refreshing: undefined,
      again: false,
    };
    this.listeners.set(id, listener);
    await this.refresh(listener);
  }

  unlisten(id: string): void {
    this.listeners.delete(id);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private onChange(event: ChangeEvent): void {
    for (const listener of this.listeners.values()) {
      const anyProject = event.projectId === "";
      if (!anyProject && listener.projectId !== event.projectId) continue;
      if (event.paths && !event.paths.some((p) => affects(listener.target, p))) continue;
      void this.refresh(listener);
    }
  }

  /** One refresh at a time per listener; changes arriving meanwhile trigger one more. */
  private async refresh(listener: Listener): Promise<void> {
    if (listener.refreshing) {
      listener.again = true;
      return listener.refreshing;
    }
    listener.refreshing = (async () => {
      do {
        listener.again = false;
        await this.snapshot(listener);
      } while (listener.again && this.listeners.has(listener.id));
    })();
    try {
      await listener.refreshing;
    } finally {
      listener.refreshing = undefined;
    }
  }

  private async snapshot(listener: Listener): Promise<void> {
    let docs: StoredDocument[];
    try {
      docs = await this.read(listener);
    } catch (e) {
      if (!isRuntimeError(e)) throw e;
      this.listeners.delete(listener.id);
      listener.send({ type: "error", id: listener.id, error: e.toJSON().error });
      return;
    }
    if (!this.listeners.has(listener.id)) return;
    const next = docs.map((d) => ({
      name: d.path,
      updateTime: d.updateTime,
      wire: {
        name: d.path,
        fields: encodeFields(d.fields, { projectId: listener.projectId }),
        createTime: d.createTime,
        updateTime: d.updateTime,
      },
    }));
    const changes = diffResults(listener.last, next);
    listener.last = next;
    if (listener.started && changes.length === 0) return;
    listener.started = true;
    listener.send({
      type: "snapshot",
      id: listener.id,
      changes,
      size: next.length,
      readTime: new Date().toISOString(),
    });
  }

  private async read(listener: Listener): Promise<StoredDocument[]> {
    if ("query" in listener.target)
      return this.documents.list(listener.projectId, listener.caller, listener.target.query);
    try {
      return [
        await this.documents.get(listener.projectId, listener.caller, listener.target.document),
      ];
    } catch (e) {
      if (isRuntimeError(e) && e.code === "not-found") return [];
      throw e;
    }
  }
}

/** Whether a write to `path` can change what the target shows. */
function affects(target: ListenTarget, path: string): boolean {
  if ("document" in target) return target.document === path;
  const { parent, collectionId, allDescendants } = target.query;
  const segments = path.split("/");
  const collection = segments.slice(0, -1).join("/");
  if (!allDescendants) return collection === (parent ? `${parent}/${collectionId}` : collectionId);
  return segments.at(-2) === collectionId && (!parent || path.startsWith(`${parent}/`));
}
