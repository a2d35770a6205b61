import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import type { Writable } from "node:stream";
import type Dockerode from "dockerode";
import type { Container } from "dockerode";
import { SandboxError } from "../errors.js";
import { CappedOutput } from "./capped-output.js";
import { JobFiles } from "./job-files.js";
import { jobContainerOptions } from "./job-container-options.js";
import type { JobOptions, JobResult } from "./job-types.js";
import { checkJobOptions, type CheckedJob } from "./validate-job.js";

/** How long the output stream may lag behind the container's exit. */
const DRAIN_MS = 5_000;

/**
 * Runs one command in a fresh container of `options.image`, hardened like a function sandbox
 * (read-only root, no network but the services' forwarded ports, uid 10001, no capabilities,
 * no-new-privileges, limits), with a copy of `options.workspace` at /workspace that replaces
 * the dir's content when the job ends. The container is removed in every case.
 *
 * Resolves with what the command did, a non-zero exit, a timeout or an OOM kill included.
 * @throws SandboxError `invalid-argument` for bad options (naming the field) or a workspace
 *   that is not a dir; `unavailable` when Docker cannot create or start the container (e.g.
 *   the image is missing). Rejects with `options.signal.reason` when aborted.
 */
export async function runJob(docker: Dockerode, options: JobOptions): Promise<JobResult> {
  const began = performance.now();
  const job = checkJobOptions(options);
  options.signal?.throwIfAborted();
  await checkWorkspace(job.workspace);
  const files = await JobFiles.create(job.workspace, job.services, options.workDir);
  let container: Container | undefined;
  try {
    container = await createContainer(docker, job, files);
    const stdout = new CappedOutput(job.maxOutputBytes);
    const stderr = new CappedOutput(job.maxOutputBytes);
    const { drained } = await attach(docker, container, stdout, stderr);
    const run = await runToEnd(container, job, options.signal);
    if (run.removed) container = undefined;
    await Promise.race([drained, delay(DRAIN_MS)]);
    options.signal?.throwIfAborted();
    await files.copyBack(job.workspace);
    return {
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      oomKilled: run.oomKilled,
      stdout: stdout.text(),
      stderr: stderr.text(),
      truncated: { stdout: stdout.dropped, stderr: stderr.dropped },
      durationMs: Math.round(performance.now() - began),
      runMs: run.runMs,
    };
  } finally {
    if (container) await container.remove({ force: true }).catch(() => undefined);
    await files.close();
  }
}

async function checkWorkspace(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new SandboxError("invalid-argument", `workspace ${dir} is not a directory`);
  }
}

async function createContainer(
  docker: Dockerode,
  job: CheckedJob,
  files: JobFiles,
): Promise<Container> {
  const name = `winky-job-${randomBytes(6).toString("hex")}`;
  const body = jobContainerOptions(job, files, { name, owner: `${hostname()}:${process.pid}` });
  try {
    return await docker.createContainer(body);
  } catch (error) {
    throw unavailable(error, job.image);
  }
}

/**
 * Attaches before the start, so no output is missed. Resolves once attached, with a promise
 * of the stream's end (wrapped: an async function would wait for it).
 */
async function attach(
  docker: Dockerode,
  container: Container,
  stdout: Writable,
  stderr: Writable,
): Promise<{ drained: Promise<void> }> {
  const stream = await container.attach({ stream: true, stdout: true, stderr: true });
  docker.modem.demuxStream(stream, stdout, stderr);
  const drained = new Promise<void>((resolve) => {
    stream.once("end", () => resolve());
    stream.once("close", () => resolve());
    stream.once("error", () => resolve());
  });
  return { drained };
}

interface RunOutcome {
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  runMs: number;
  /** The container was force-removed (timeout or abort). */
  removed: boolean;
}

/** Starts the container and waits for its exit, its deadline or an abort, whichever is first. */
async function runToEnd(
  container: Container,
  job: CheckedJob,
  signal: AbortSignal | undefined,
): Promise<RunOutcome> {
  // Aborted while the container was created or attached: it never starts.
  signal?.throwIfAborted();
  const started = performance.now();
  try {
    await container.start();
  } catch (error) {
    throw unavailable(error, job.image);
  }
  const exited = container.wait().then((answer: { StatusCode: number }) => answer.StatusCode);
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<"timeout" | "abort">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), job.timeoutMs);
    onAbort = () => resolve("abort");
    signal?.addEventListener("abort", onAbort, { once: true });
    // An abort while it started fired no listener: a late one would never hear it.
    if (signal?.aborted) resolve("abort");
  });
  try {
    const first = await Promise.race([exited, stopped]);
    const runMs = Math.round(performance.now() - started);
    if (typeof first === "number") {
      const info = await container.inspect();
      return {
        exitCode: first,
        timedOut: false,
        oomKilled: info.State.OOMKilled,
        runMs,
        removed: false,
      };
    }
    // Force-removal kills (SIGKILL) and removes in one call.
    await container.remove({ force: true }).catch(() => undefined);
    await exited.catch(() => undefined);
    if (first === "abort") signal?.throwIfAborted();
    return { exitCode: null, timedOut: true, oomKilled: false, runMs, removed: true };
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function unavailable(error: unknown, image: string): SandboxError {
  const detail = error instanceof Error ? error.message : String(error);
  const status = (error as { statusCode?: number }).statusCode;
  const hint =
    status === 404 && /image/i.test(detail)
      ? " (build it: node sandbox-images/build.mjs, or pass another image)"
      : "";
  return new SandboxError(
    "unavailable",
    `Docker could not run a job from ${image}: ${detail}${hint}`,
    { cause: error },
  );
}
