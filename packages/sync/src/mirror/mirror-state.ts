import { open, readFile, rename } from "node:fs/promises";
import path from "node:path";

/**
 * Where the mirror is in the log. `cursor` is the latest event mirrored (log order: time, then
 * row id). `recent` lists the events mirrored shortly before it: the log is read again from a
 * little before the cursor on each pass, because a commit's time is taken when it starts and
 * a slow commit can become visible after later ones were read; `recent` says which of those
 * re-read events were mirrored already.
 */
export interface MirrorState {
  version: 1;
  /** The runtime project and the target, so a state file is never used for another pair. */
  project: string;
  target: string;
  cursor: { time: string; id: string; eventId: string } | null;
  recent: Array<{ eventId: string; time: string }>;
}

export interface MirrorStateStore {
  load(): Promise<MirrorState | undefined>;
  save(state: MirrorState): Promise<void>;
}

/** A state kept in memory only (tests, and `--once` without `--state`). */
export class MemoryStateStore implements MirrorStateStore {
  state: MirrorState | undefined;
  /** How many times it was saved. */
  saves = 0;
  load() {
    return Promise.resolve(this.state && structuredClone(this.state));
  }
  save(state: MirrorState) {
    this.state = structuredClone(state);
    this.saves++;
    return Promise.resolve();
  }
}

/**
 * A small JSON file, replaced atomically: written beside it, flushed, then renamed over it, so
 * a crash leaves the old state or the new one, never half of one.
 */
export class FileStateStore implements MirrorStateStore {
  constructor(readonly file: string) {}

  async load(): Promise<MirrorState | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw e;
    }
    const state = JSON.parse(text) as MirrorState;
    if (state.version !== 1)
      throw new Error(`${this.file}: unknown state version ${state.version}`);
    return state;
  }

  async save(state: MirrorState): Promise<void> {
    const temp = path.join(
      path.dirname(this.file),
      `.${path.basename(this.file)}.${process.pid}.tmp`,
    );
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
