// Child processes for the image build. Output is kept (its tail) rather than streamed, because
// debootstrap and docker print hundreds of lines on success; on failure the tail goes into the
// error so the message says what broke. --verbose streams everything live as well.
import { spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";

const TAIL_CHARS = 6000;

/** Every child still running, so an interrupted build can stop them before removing temp dirs. */
const running = new Set();

export class CommandError extends Error {
  constructor(argv, detail, output) {
    const tail = output.trim().split("\n").slice(-25).join("\n    ");
    super(`\`${argv.join(" ")}\` ${detail}${tail ? `:\n    ${tail}` : ""}`);
    this.name = "CommandError";
    /** The command's last output (stdout and stderr interleaved). */
    this.output = output.trim();
  }
}

/**
 * Runs `command args` to its end and resolves with its stdout (trimmed). Rejects with a
 * CommandError holding the tail of stdout+stderr when it cannot start or exits non-zero.
 * `options.stdin` may be another child's stdout (see runPiped).
 */
export function run(command, args, options = {}) {
  const child = spawn(command, args, {
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
    env: options.env ?? process.env,
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  return watch(child, [command, ...args], options.verbose === true, true, options.timeoutMs);
}

/**
 * Runs `producer | consumer` without a shell, so neither side is quoted and both exit codes
 * count. Resolves with the consumer's stdout; the consumer's error wins, since the producer's
 * is then usually just a broken pipe.
 */
export async function runPiped(producer, consumer, options = {}) {
  const first = spawn(producer[0], producer.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  const firstDone = watch(first, producer, options.verbose === true, false);
  const second = run(consumer[0], consumer.slice(1), { ...options, stdin: first.stdout });
  // The consumer holds its own copy of the pipe now. Dropping ours means the producer gets
  // EPIPE if the consumer dies, instead of blocking forever on a pipe nobody reads.
  first.stdout.destroy();
  const [a, b] = await Promise.allSettled([firstDone, second]);
  if (b.status === "rejected") throw b.reason;
  if (a.status === "rejected") throw a.reason;
  return b.value;
}

/** Sends SIGTERM to every running child and waits (up to 10 s) for them to exit. */
export async function stopRunningChildren() {
  const exits = [...running].map((child) => {
    const closed = new Promise((resolve) => child.once("close", resolve));
    child.kill("SIGTERM");
    return closed;
  });
  await Promise.race([Promise.all(exits), delay(10_000)]);
}

function watch(child, argv, verbose, captureStdout = true, timeoutMs = 0) {
  running.add(child);
  return new Promise((resolve, reject) => {
    let stdout = "";
    let tail = "";
    const keep = (chunk, stream) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-TAIL_CHARS);
      if (verbose) stream.write(text);
      return text;
    };
    if (captureStdout) child.stdout.on("data", (chunk) => (stdout += keep(chunk, process.stdout)));
    child.stderr.on("data", (chunk) => keep(chunk, process.stderr));
    child.once("error", (error) => {
      running.delete(child);
      const detail =
        error.code === "ENOENT"
          ? `could not start: ${argv[0]} is not installed (not found on PATH)`
          : `could not start: ${error.message}`;
      reject(new CommandError(argv, detail, ""));
    });
    child.once("close", (code, signal) => {
      running.delete(child);
      if (code === 0) resolve(stdout.trim());
      else if (signal && timeoutMs)
        reject(new CommandError(argv, `timed out after ${timeoutMs} ms`, tail));
      else reject(new CommandError(argv, signal ? `killed by ${signal}` : `exited ${code}`, tail));
    });
  });
}
