// The load generator: N concurrent clients over keep-alive sockets (node:http, lighter than
// fetch), each taking the next request number until the op's total is reached.
import { Buffer } from "node:buffer";
import http from "node:http";
import { performance } from "node:perf_hooks";

/** One keep-alive agent per system under test, as many sockets as clients. */
export function createAgent(clients) {
  return new http.Agent({ keepAlive: true, maxSockets: clients, maxFreeSockets: clients });
}

/**
 * One HTTP request; resolves `{ status, body }` with the body parsed as JSON when it is JSON.
 * Rejects only on a transport failure (the callers check statuses themselves).
 */
export function send(agent, port, method, path, headers = {}, payload) {
  const body =
    payload === undefined
      ? undefined
      : Buffer.from(typeof payload === "string" ? payload : JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: body
          ? { "content-type": "application/json", "content-length": body.length, ...headers }
          : headers,
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed = text;
          if ((res.headers["content-type"] ?? "").includes("json") && text !== "") {
            try {
              parsed = JSON.parse(text);
            } catch {
              // left as text: the caller's check reports it
            }
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** Throws unless the response has the expected status; the message carries the body. */
export function expectStatus(res, status, what) {
  if (res.status !== status) {
    const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
    throw new Error(`${what}: HTTP ${res.status}, expected ${status}: ${text.slice(0, 300)}`);
  }
  return res.body;
}

/**
 * Runs `op(i)` for i in [0, total) with `clients` requests in flight. An op that throws counts
 * as an error (its latency is not recorded). Resolves the figures for the run.
 */
export async function runLoad({ clients, total, op }) {
  const latencies = new Float64Array(total);
  let recorded = 0;
  let next = 0;
  let errors = 0;
  const samples = [];
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const client = async () => {
    while (next < total) {
      const i = next++;
      const t = performance.now();
      try {
        await op(i);
        latencies[recorded++] = performance.now() - t;
      } catch (e) {
        errors += 1;
        if (samples.length < 3) samples.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = latencies.subarray(0, recorded).sort();
  const at = (q) =>
    recorded === 0 ? NaN : sorted[Math.min(recorded - 1, Math.floor(recorded * q))];
  return {
    total,
    ok: recorded,
    errors,
    errorSamples: samples,
    perSecond: recorded / seconds,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    /** This process's CPU over the run, in % of one core: the load generator's own cost. */
    clientCpu: (100 * (cpu.user + cpu.system)) / 1e6 / seconds,
  };
}
