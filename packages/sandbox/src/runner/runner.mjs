// The runner: the one process inside a sandbox. Plain Node ESM with no dependencies, mounted
// read-only. It connects to the host's control socket, takes its environment from the first
// frame (so secrets never appear in `docker inspect` or on disk), imports the bundle once, then
// runs invocations as they come, several at once when the host sends them.
//
// Protocol (one JSON object per line, both ways; see src/core/protocol.ts):
//   host → runner: {t:"init", env, hostSocket, functionId, version}
//                  {t:"invoke", id, timeoutMs, event}
//   runner → host: {t:"ready"} | {t:"load-error", message, stack}
//                  {t:"log", id, stream, line, at}
//                  {t:"result", id, result} | {t:"error", id, message, stack, code?, details?, fatal?}
//
// Whatever the function writes to stdout/stderr is cut into lines and sent as `log` frames of
// the invocation it belongs to (AsyncLocalStorage), so concurrent invocations keep their own
// logs. Lines written while the bundle loads go to the first invocation.
import { AsyncLocalStorage } from "node:async_hooks";
import { Buffer } from "node:buffer";
import { connect } from "node:net";
import { setTimeout } from "node:timers";
import { pathToFileURL } from "node:url";
import { errorFields } from "./error-fields.mjs";

const [controlArg, bundleArg] = process.argv.slice(2);
if (!controlArg || !bundleArg) {
  process.stderr.write("usage: runner.mjs <control socket> <bundle file>\n");
  process.exit(64);
}
const controlPath = controlArg;
const bundlePath = bundleArg;
const RUNNER_URL = import.meta.url;
const MAX_STACK_FRAMES = 20;
/** Lines kept from module initialisation for the first invocation; the host caps logs too. */
const MAX_HELD_LINES = 1000;

/** @type {AsyncLocalStorage<Sink>} */
const current = new AsyncLocalStorage();
/** @type {Set<number>} */
const running = new Set();
/** @type {((event: unknown, context: object) => unknown) | undefined} */
let handler;
/** @type {{ functionId: string, version: string }} */
let identity = { functionId: "", version: "" };

const control = connect(controlPath);
control.setNoDelay?.(true);
control.on("error", (error) => {
  process.stderr.write(`runner: control socket ${controlPath}: ${error.message}\n`);
  process.exit(65);
});
// The host went away (or dropped us): nothing can reach us any more.
control.on("close", () => process.exit(0));

/** @param {object} frame */
function send(frame) {
  control.write(`${JSON.stringify(frame)}\n`);
}

/** Cuts one invocation's output into lines and sends them as they complete. */
class Sink {
  /** @param {number | undefined} id undefined while the bundle loads */
  constructor(id) {
    this.id = id;
    this.open = true;
    /** @type {{ stdout: string, stderr: string }} */
    this.partial = { stdout: "", stderr: "" };
    /** @type {Array<{ stream: string, line: string, at: number }>} */
    this.held = [];
  }

  /** @param {"stdout" | "stderr"} stream @param {string} text */
  write(stream, text) {
    const lines = (this.partial[stream] + text).split("\n");
    this.partial[stream] = lines.pop() ?? "";
    for (const line of lines) this.emit(stream, line);
  }

  /** @param {"stdout" | "stderr"} stream @param {string} line */
  emit(stream, line) {
    const entry = { stream, line: line.endsWith("\r") ? line.slice(0, -1) : line, at: Date.now() };
    if (this.id !== undefined) send({ t: "log", id: this.id, ...entry });
    else if (this.held.length < MAX_HELD_LINES) this.held.push(entry);
  }

  flush() {
    for (const stream of /** @type {const} */ (["stdout", "stderr"])) {
      if (this.partial[stream]) this.emit(stream, this.partial[stream]);
      this.partial[stream] = "";
    }
  }

  close() {
    this.flush();
    this.open = false;
  }
}

/** The sink for the bundle's module initialisation; handed to the first invocation. */
const loading = new Sink(undefined);
let loadingLogsSent = false;

/** @param {NodeJS.WriteStream} stream @param {"stdout" | "stderr"} name */
function capture(stream, name) {
  const original = stream.write.bind(stream);
  // @ts-expect-error -- the overloads of write are not worth restating for a pass-through.
  stream.write = function write(chunk, encoding, callback) {
    const sink = current.getStore() ?? (handler === undefined ? loading : undefined);
    if (!sink?.open) return original(chunk, encoding, callback);
    sink.write(name, decode(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done);
    return true;
  };
}

/** @param {unknown} chunk @param {unknown} encoding */
function decode(chunk, encoding) {
  if (typeof chunk === "string") {
    const utf8 = typeof encoding !== "string" || /^utf-?8$/i.test(encoding);
    return utf8 ? chunk : Buffer.from(chunk, /** @type {BufferEncoding} */ (encoding)).toString();
  }
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString("utf8");
  return String(chunk);
}

/** Message and stack of anything thrown, without the runner's and Node's own frames. */
function describeError(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) {
    let message;
    try {
      message = typeof error === "string" ? error : JSON.stringify(error);
    } catch {
      message = undefined;
    }
    return { message: `a non-Error value was thrown: ${message ?? String(error)}` };
  }
  const message = error.message || error.name;
  const lines = (error.stack ?? "").split("\n");
  const head = lines.filter((line) => !/^\s+at /.test(line));
  const frames = lines
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => !line.includes(RUNNER_URL) && !/\(?node:internal|\(node:/.test(line))
    .slice(0, MAX_STACK_FRAMES);
  return { message, stack: [...head, ...frames].join("\n") };
}

/** @param {{ id: number, timeoutMs: number, event: unknown }} frame */
async function invoke(frame) {
  const { id } = frame;
  running.add(id);
  const sink = new Sink(id);
  if (!loadingLogsSent) {
    loadingLogsSent = true;
    for (const entry of loading.held) send({ t: "log", id, ...entry });
  }
  const context = {
    invocationId: String(id),
    functionId: identity.functionId,
    version: identity.version,
    deadline: Date.now() + frame.timeoutMs,
  };
  try {
    const fn = /** @type {(event: unknown, context: object) => unknown} */ (handler);
    const value = await current.run(sink, () => fn(frame.event, context));
    let json;
    try {
      json = JSON.stringify(value === undefined ? null : value) ?? "null";
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TypeError(`the function's result is not JSON: ${why}`, { cause: error });
    }
    sink.close();
    control.write(`{"t":"result","id":${id},"result":${json}}\n`);
  } catch (error) {
    const fields = errorFields(error, (line) => sink.emit("stderr", line));
    sink.close();
    send({ t: "error", id, ...describeError(error), ...fields });
  } finally {
    running.delete(id);
  }
}

/** @param {{ env: Record<string, string>, hostSocket: string, functionId: string, version: string }} frame */
async function init(frame) {
  identity = { functionId: frame.functionId, version: frame.version };
  Object.assign(process.env, frame.env, { WINKY_HOST_SOCKET: frame.hostSocket });
  let module;
  try {
    module = await current.run(loading, () => import(pathToFileURL(bundlePath).href));
  } catch (error) {
    loading.close();
    send({ t: "load-error", ...describeError(error), logs: loading.held });
    return exitSoon(1);
  }
  const found = [module.default, module.handler].find((f) => typeof f === "function");
  if (!found) {
    const names = Object.keys(module).join(", ") || "none";
    const message = `the bundle exports neither a default function nor a function named handler (exports: ${names})`;
    loading.close();
    send({ t: "load-error", message, logs: loading.held });
    return exitSoon(1);
  }
  loading.close();
  handler = found;
  send({ t: "ready" });
}

/** @param {number} code */
function exitSoon(code) {
  control.end(() => process.exit(code));
  setTimeout(() => process.exit(code), 200).unref();
}

// An exception no invocation caught leaves the function in an unknown state: fail whatever is
// running with it, then exit so the host replaces this sandbox.
process.on("uncaughtException", (error) => {
  const described = describeError(error);
  for (const id of running) send({ t: "error", id, ...described, fatal: true });
  if (handler === undefined) send({ t: "load-error", ...described });
  exitSoon(70);
});

capture(process.stdout, "stdout");
capture(process.stderr, "stderr");

/** @type {string[]} */
let pending = [];
control.setEncoding("utf8");
control.on("data", (/** @type {string} */ chunk) => {
  let start = 0;
  let newline;
  while ((newline = chunk.indexOf("\n", start)) !== -1) {
    pending.push(chunk.slice(start, newline));
    start = newline + 1;
    const frame = JSON.parse(pending.join(""));
    pending = [];
    if (frame.t === "invoke") void invoke(frame);
    else if (frame.t === "init") void init(frame);
  }
  if (start < chunk.length) pending.push(chunk.slice(start));
});
