import { describe, expect, it, vi } from "vitest";
import { errorAnswer, PROJECT, URL_BASE } from "../../test/fake-fetch.js";
import { fakeStorage } from "../../test/fake-storage.js";
import { thrown } from "../../test/thrown.js";
import { createClient } from "../client.js";
import { isWinkyError } from "../errors.js";
import { ref } from "./storage.js";
import type { UploadTask } from "./upload-task.js";
import { uploadBytesResumable } from "./uploads.js";

const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => i % 251);

function setup() {
  const fake = fakeStorage();
  const { storage } = createClient({ url: URL_BASE, project: PROJECT, fetch: fake.fetch });
  return { fake, file: ref(storage, "uploads/file.bin") };
}

/** What the task's observer saw, one line per callback. */
function record(task: UploadTask): string[] {
  const seen: string[] = [];
  task.on(
    "state_changed",
    (s) => seen.push(`${s.state} ${s.bytesTransferred}/${s.totalBytes}`),
    (e) => seen.push(`error ${e.code}`),
    () => seen.push("complete"),
  );
  return seen;
}

const failure = (task: UploadTask) =>
  task.then(
    () => expect.unreachable("the upload succeeded"),
    (e: unknown) => (isWinkyError(e) ? e : expect.unreachable(String(e))),
  );

describe("uploadBytesResumable", () => {
  it("opens a session with the size and metadata, sends chunks, reports each, then completes", async () => {
    const { fake, file } = setup();
    const data = new Blob([bytes(10)], { type: "image/png" });
    const task = uploadBytesResumable(
      file,
      data,
      { customMetadata: { Album: "Été" } },
      {
        chunkSize: 4,
      },
    );
    const seen = record(task);
    const done = await task;
    expect(fake.requests[0]).toMatchObject({
      method: "POST",
      path: "/storage/o?name=uploads%2Ffile.bin&uploadType=resumable",
      headers: { "x-upload-content-length": "10", "x-upload-content-type": "image/png" },
      body: { contentType: "image/png", metadata: { Album: "Été" } },
    });
    expect(fake.ranges()).toEqual(["bytes 0-3/10", "bytes 4-7/10", "bytes 8-9/10"]);
    expect(seen).toEqual([
      "running 0/10",
      "running 4/10",
      "running 8/10",
      "running 10/10",
      "complete",
    ]);
    expect(done).toMatchObject({ state: "success", bytesTransferred: 10, totalBytes: 10, task });
    expect(done.metadata).toMatchObject({ fullPath: "uploads/file.bin", size: 10 });
    expect([...fake.sessions.values()][0]!.bytes).toEqual([...bytes(10)]);
  });

  it("uploads empty data with one status request", async () => {
    const { fake, file } = setup();
    const done = await uploadBytesResumable(file, new Uint8Array(0));
    expect(fake.ranges()).toEqual(["bytes */0"]);
    expect(done.metadata?.size).toBe(0);
  });

  it("pauses by dropping the chunk in flight, and on resume asks the runtime where to go on", async () => {
    const { fake, file } = setup();
    fake.hold();
    const task = uploadBytesResumable(file, bytes(10), undefined, { chunkSize: 4 });
    const seen = record(task);
    await vi.waitFor(() => expect(fake.ranges()).toHaveLength(1));
    expect(task.pause()).toBe(true);
    expect(task.pause()).toBe(false);
    expect(task.snapshot.state).toBe("paused");
    await vi.waitFor(() => expect(seen).toContain("paused 0/10"));
    fake.release();
    expect(task.resume()).toBe(true);
    expect(task.resume()).toBe(false);
    await task;
    expect(fake.ranges()).toEqual([
      "bytes 0-3/10",
      "bytes */10",
      "bytes 0-3/10",
      "bytes 4-7/10",
      "bytes 8-9/10",
    ]);
    expect(seen).toEqual([
      "running 0/10",
      "paused 0/10",
      "running 0/10",
      "running 4/10",
      "running 8/10",
      "running 10/10",
      "complete",
    ]);
    expect([...fake.sessions.values()][0]!.bytes).toEqual([...bytes(10)]);
  });

  it("cancels: rejects with cancelled, tells the observers, and deletes the session", async () => {
    const { fake, file } = setup();
    fake.hold();
    const task = uploadBytesResumable(file, bytes(10), undefined, { chunkSize: 4 });
    const seen = record(task);
    await vi.waitFor(() => expect(fake.ranges()).toHaveLength(1));
    expect(task.cancel()).toBe(true);
    const error = await failure(task);
    expect(error.code).toBe("cancelled");
    expect(error.message).toContain('"uploads/file.bin"');
    expect(task.snapshot.state).toBe("canceled");
    expect([task.cancel(), task.pause(), task.resume()]).toEqual([false, false, false]);
    await vi.waitFor(() => expect([...fake.sessions.values()][0]!.cancelled).toBe(true));
    expect(seen).toEqual(["running 0/10", "error cancelled"]);
    expect(fake.ranges()).toHaveLength(1);
  });

  it("retries a chunk the runtime failed, from where the runtime says it stands", async () => {
    const { fake, file } = setup();
    fake.script(
      (r) => r.headers["content-range"] === "bytes 4-7/10",
      errorAnswer(503, "unavailable"),
    );
    const task = uploadBytesResumable(file, bytes(10), undefined, {
      chunkSize: 4,
      retryDelaysMs: [0],
    });
    const done = await task;
    expect(fake.ranges()).toEqual([
      "bytes 0-3/10",
      "bytes 4-7/10",
      "bytes */10",
      "bytes 4-7/10",
      "bytes 8-9/10",
    ]);
    expect(done.state).toBe("success");
    expect([...fake.sessions.values()][0]!.bytes).toEqual([...bytes(10)]);
  });

  it("gives up once the retries are spent, failing with the last error", async () => {
    const { fake, file } = setup();
    const put = (r: { method: string }) => r.method === "PUT";
    fake.script(put, errorAnswer(503, "unavailable", "down"));
    fake.script(put, errorAnswer(502, "unavailable", "still down"));
    const task = uploadBytesResumable(file, bytes(10), undefined, { retryDelaysMs: [0] });
    const seen = record(task);
    const error = await failure(task);
    expect(error).toMatchObject({ code: "unavailable", message: "still down", status: 502 });
    expect(task.snapshot.state).toBe("error");
    expect(seen).toEqual(["running 0/10", "error unavailable"]);
  });

  it("goes on from the runtime's offset when a chunk was sent at another", async () => {
    const { fake, file } = setup();
    fake.script(
      (r) => r.headers["content-range"] === "bytes 4-7/10",
      errorAnswer(409, "aborted", "offset", { reason: "offset-mismatch", expectedOffset: 0 }),
    );
    await uploadBytesResumable(file, bytes(10), undefined, { chunkSize: 4 });
    // Told 0, the SDK sends 0-3 again; the runtime really holds 4 and says so.
    expect(fake.ranges()).toEqual([
      "bytes 0-3/10",
      "bytes 4-7/10",
      "bytes 0-3/10",
      "bytes 4-7/10",
      "bytes 8-9/10",
    ]);
    expect([...fake.sessions.values()][0]!.bytes).toEqual([...bytes(10)]);
  });

  it("fails at once, sending no chunk, when the rules refuse the session", async () => {
    const { fake, file } = setup();
    fake.script((r) => r.method === "POST", errorAnswer(403, "permission-denied"));
    const task = uploadBytesResumable(file, bytes(10));
    expect((await failure(task)).code).toBe("permission-denied");
    expect(fake.ranges()).toEqual([]);
    const late: string[] = [];
    task.on("state_changed", { error: (e) => late.push(e.code) });
    await vi.waitFor(() => expect(late).toEqual(["permission-denied"]));
  });

  it("tells an observer added after the end that it completed, and none that unsubscribed", async () => {
    const { file } = setup();
    const task = uploadBytesResumable(file, bytes(3));
    const unsubscribed: string[] = [];
    const stop = task.on("state_changed", () => unsubscribed.push("next"));
    stop();
    await task;
    const late: string[] = [];
    task.on("state_changed", {
      next: () => late.push("next"),
      complete: () => late.push("complete"),
    });
    await vi.waitFor(() => expect(late).toEqual(["complete"]));
    expect(unsubscribed).toEqual([]);
  });

  it("refuses a bad chunk size, the root, and an unknown event", () => {
    const { file } = setup();
    expect(
      thrown(() => uploadBytesResumable(file, bytes(1), {}, { chunkSize: 0 })).message,
    ).toContain("chunkSize must be a positive integer");
    expect(thrown(() => uploadBytesResumable(file.root, bytes(1))).message).toContain(
      "the root reference names no object",
    );
    const task = uploadBytesResumable(file, bytes(1));
    expect(thrown(() => task.on("progress" as "state_changed")).message).toContain(
      'unknown event "progress"',
    );
  });
});
