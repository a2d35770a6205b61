// The job forwarder: gives a job TCP ports on its own loopback that lead to the host's
// services, then runs the job's command. Plain Node ESM with no dependencies, mounted
// read-only into the container (src/jobs/run-job.ts) when a job has services.
//
//   node forwarder.mjs '<services JSON>' -- <command> [args…]
//   services JSON: [{"port":4000,"socket":"/run/winky/services/4000.sock"}]
//
// Each port listens on 127.0.0.1 only; every connection is piped to its Unix socket (bind-
// mounted from the host, which relays it to the service). Once all ports listen the command
// starts with this process's stdio and environment; its exit status becomes ours (128 + n for
// signal n, as shells report it), and SIGTERM/SIGINT/SIGHUP are passed on to it. Failures of
// our own: 71 with a "winky-forwarder:" line on stderr, or 127 when the command is not found.
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { constants } from "node:os";

const OWN_FAILURE = 71;

/** @param {string} message */
function fail(message) {
  process.stderr.write(`winky-forwarder: ${message}\n`);
  process.exit(OWN_FAILURE);
}

const separator = process.argv.indexOf("--", 3);
const command = separator > 0 ? process.argv.slice(separator + 1) : [];
if (!process.argv[2] || command.length === 0) {
  fail("usage: forwarder.mjs '<services JSON>' -- <command> [args…]");
}

/** @type {{ port: number, socket: string }[]} */
let services = [];
try {
  services = JSON.parse(process.argv[2] ?? "");
} catch (error) {
  fail(`the services argument is not JSON: ${error instanceof Error ? error.message : error}`);
}
if (!Array.isArray(services)) fail("the services argument must be an array");

/**
 * Listens on 127.0.0.1:`port` and pipes each connection to `socket`. Half-closes pass through
 * (an HTTP client may end its side and still read the answer).
 * @param {{ port: number, socket: string }} service
 * @returns {Promise<import("node:net").Server>}
 */
function listen({ port, socket }) {
  const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const upstream = connect({ path: socket, allowHalfOpen: true });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", closeBoth);
    upstream.on("error", closeBoth);
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1" }, () => resolve(server));
  });
}

try {
  await Promise.all(services.map(listen));
} catch (error) {
  fail(`cannot listen: ${error instanceof Error ? error.message : error}`);
}

const [file = "", ...args] = command;
const child = spawn(file, args, { stdio: "inherit" });
child.on("error", (error) => {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  process.stderr.write(`winky-forwarder: cannot run ${file}: ${error.message}\n`);
  process.exit(code === "ENOENT" ? 127 : 126);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
});
for (const signal of /** @type {const} */ (["SIGTERM", "SIGINT", "SIGHUP"])) {
  process.on(signal, () => child.kill(signal));
}
