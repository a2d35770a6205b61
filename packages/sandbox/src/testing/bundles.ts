// Function bundles the conformance suite deploys: each is what esbuild would emit for a small
// function, one ES module with its handler as `default` or `handler`.

export const HELLO = `export default () => "hello, world";`;

export const ECHO = `
export async function handler(event, context) {
  return { sum: event.a + event.b, doubled: event.list.map((n) => n * 2), context };
}`;

export const LOGGING = `
console.log("module loaded");
export default async (event) => {
  console.log("out 1", event.tag);
  console.error("err 1", event.tag);
  process.stdout.write("out 2 " + event.tag + "\\nout 3 " + event.tag);
  await new Promise((resolve) => setTimeout(resolve, event.delayMs ?? 0));
  console.error("err 2", event.tag);
  return event.tag;
};`;

export const THROWING = `
function deepInside(what) {
  throw new Error("it broke: " + what);
}
export default (event) => {
  if (event.kind === "bigint") return { n: 1n };
  if (event.kind === "string") throw "a string";
  deepInside(event.what);
};`;

/** Throws as Firebase's HttpsError is thrown: an Error with a `code` and `details`. */
export const REFUSING = `
export default (event) => {
  const error = new Error("no such thing: " + event.name);
  error.code = "not-found";
  error.details = event.details;
  throw error;
};`;

export const FAILS_TO_LOAD = `
console.log("about to fail");
throw new Error("no config at load time");
export default () => "unreachable";`;

export const NO_HANDLER = `export const notAHandler = 42;`;

export const LOOPING = `
export default (event) => {
  if (event.loop) {
    console.log("looping forever");
    for (;;) {}
  }
  return { pid: process.pid, alive: true };
};`;

/** Buffers (off the V8 heap, so the process memory limit is what stops it) or JS objects. */
export const MEMORY_HOG = `
export default (event) => {
  if (!event.hog) return "small";
  const kept = [];
  if (event.hog === "heap") for (;;) kept.push({ n: Math.random(), s: "x".repeat(64) + Math.random() });
  for (;;) kept.push(Buffer.alloc(4 * 1024 * 1024, 1));
};`;

export const NETWORK = `
import net from "node:net";
export default async () => {
  const fetched = await fetch("http://1.1.1.1/", { signal: AbortSignal.timeout(5000) }).then(
    (r) => "connected: " + r.status,
    (e) => "failed: " + (e.cause?.code ?? e.name),
  );
  const connected = await new Promise((resolve) => {
    const socket = net.connect({ host: "1.1.1.1", port: 80 });
    socket.setTimeout(5000, () => { socket.destroy(); resolve("failed: timeout"); });
    socket.on("connect", () => { socket.destroy(); resolve("connected"); });
    socket.on("error", (e) => resolve("failed: " + e.code));
  });
  const resolved = await import("node:dns/promises").then((dns) =>
    dns.lookup("example.com").then((a) => "resolved " + a.address, (e) => "failed: " + e.code));
  return { fetched, connected, resolved };
};`;

export const FILESYSTEM = `
import fs from "node:fs";
import os from "node:os";
export default () => {
  const attempt = (path) => {
    try { fs.writeFileSync(path, "x"); return "written"; } catch (e) { return e.code; }
  };
  return {
    root: attempt("/escape.txt"),
    etc: attempt("/etc/escape.txt"),
    bundle: attempt(new URL(import.meta.url).pathname),
    tmp: attempt("/tmp/scratch.txt"),
    tmpRead: fs.readFileSync("/tmp/scratch.txt", "utf8"),
    uid: process.getuid(),
    gid: process.getgid(),
    user: os.userInfo().username,
  };
};`;

export const ENVIRONMENT = `
console.log("env names:", Object.keys(process.env).filter((k) => k.startsWith("APP_")).join(","));
export default () => ({
  apiKey: process.env.APP_API_KEY,
  region: process.env.APP_REGION,
  hostSocket: typeof process.env.WINKY_HOST_SOCKET,
});`;

export const HOST_API = `
import net from "node:net";
export default (event) => new Promise((resolve, reject) => {
  const socket = net.connect(process.env.WINKY_HOST_SOCKET);
  let buffered = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk) => {
    buffered += chunk;
    if (!buffered.includes("\\n")) return;
    socket.end();
    resolve(JSON.parse(buffered.slice(0, buffered.indexOf("\\n"))));
  });
  socket.on("error", reject);
  socket.write(JSON.stringify({ id: 7, request: event }) + "\\n");
});`;

export const EXITING = `
export default (event) => {
  console.log("exiting with", event.code);
  process.exit(event.code);
};`;

export const SLOW = `
export default async (event) => {
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return event.tag;
};`;

/** Answers a token drawn when the module loaded: equal tokens mean the same sandbox. */
export const WHOAMI = `
const token = crypto.randomUUID();
export default () => token;`;
