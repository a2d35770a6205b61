// Parse Server (npm `parse-server`, its own CLI in a child process) on its own database of the
// shared PostgreSQL: the class is created with the master key, and the btree index Parse does
// not create is added by hand so both systems answer the query from an index.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout } from "node:timers";
import pg from "pg";
import { repo, startNode, waitReady } from "./children.mjs";
import { checkQueryAnswer } from "./items.mjs";
import { expectStatus, send } from "./load.mjs";

const APP_ID = "bench-app";
const CLASS = "Item";
export const PARSE_INDEX = `CREATE INDEX item_status_score ON "${CLASS}" (status, score DESC)`;

/**
 * Starts Parse Server with `processes` workers (its CLI's `cluster` option when more than one)
 * and returns its ops. The class and the index are created on the first start only.
 */
export async function startParse(options) {
  const { databaseUrl, port, dir, processes, agent, createSchema } = options;
  if (createSchema && processes > 1) {
    // Each Parse process caches the schema and never reloads it: a class created through one
    // worker stays unknown ("Permission denied", code 119) to the others. Create it with a
    // single process first, as a deployment would before scaling out.
    const bootstrap = await startParse({ ...options, processes: 1 });
    await bootstrap.stop();
    return startParse({ ...options, createSchema: false });
  }
  const masterKey = randomBytes(24).toString("base64url");
  const config = {
    appId: APP_ID,
    masterKey,
    maintenanceKey: `${masterKey}-maintenance`,
    databaseURI: databaseUrl,
    databaseOptions: { max: 20 }, // the runtime's pool size, per process
    port,
    host: "127.0.0.1",
    mountPath: "/parse",
    serverURL: `http://127.0.0.1:${port}/parse`,
    logsFolder: null,
    logLevel: "warn",
    silent: true,
    ...(processes > 1 ? { cluster: processes } : {}),
  };
  const configFile = path.join(dir, `parse-${port}.json`);
  await writeFile(configFile, JSON.stringify(config), { mode: 0o600 });
  const { child, readyLines } = await startNode({
    name: "parse-server",
    args: [path.join(repo, "node_modules/parse-server/bin/parse-server"), configFile],
    env: { ...process.env, NODE_ENV: "production" },
    cwd: dir,
    logFile: path.join(dir, `parse-${port}.log`),
    readyText: "parse-server running on",
    readyCount: processes,
  });
  const base = { "x-parse-application-id": APP_ID };
  let linesSeen = false;
  void readyLines.then(() => (linesSeen = true));
  await waitReady("parse-server", child, async () => {
    if (!linesSeen) return false;
    return (await send(agent, port, "GET", "/parse/health", base)).status === 200;
  });
  if (createSchema) {
    const fields = {
      status: { type: "String" },
      score: { type: "Number" },
      playerName: { type: "String" },
      tags: { type: "Array" },
    };
    const res = await send(
      agent,
      port,
      "POST",
      `/parse/schemas/${CLASS}`,
      { ...base, "x-parse-master-key": masterKey },
      { className: CLASS, fields },
    );
    expectStatus(res, 200, `POST /parse/schemas/${CLASS}`);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(PARSE_INDEX).finally(() => client.end());
  }
  return { child, stop: () => child.stop("SIGTERM", 10_000), ops: parseOps(agent, port, base) };
}

/**
 * Proof that Parse's query reads the hand-made index: the plan of the SQL its Postgres adapter
 * sends for the query (public read ACL included), and the index's scan count so far.
 */
export async function parseQueryPlan(databaseUrl, status) {
  await new Promise((resolve) => setTimeout(resolve, 1500)); // backends report stats when idle
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const plan = await client.query(
      `EXPLAIN SELECT * FROM "${CLASS}" WHERE "status" = $1 AND ("_rperm" IS NULL OR "_rperm" && ARRAY['*'])
       ORDER BY "score" DESC LIMIT 20`,
      [status],
    );
    const scans = await client.query(
      "select idx_scan from pg_stat_user_indexes where indexrelname = 'item_status_score'",
    );
    const nodes = plan.rows.map(
      (r) =>
        r["QUERY PLAN"]
          .trim()
          .replace(/^->\s*/, "")
          .split("  (")[0],
    );
    return `${nodes.slice(0, 2).join(" -> ")}; item_status_score scanned ${Number(scans.rows[0]?.idx_scan ?? 0).toLocaleString("en")} times so far (statistics lag a little)`;
  } finally {
    await client.end();
  }
}

/** Create, get by id and the filtered, ordered query, each checking its answer. */
function parseOps(agent, port, headers) {
  const classPath = `/parse/classes/${CLASS}`;
  return {
    async create(item) {
      const body = expectStatus(
        await send(agent, port, "POST", classPath, headers, item),
        201,
        "create",
      );
      if (typeof body.objectId !== "string") throw new Error("create: no objectId in the answer");
      return body.objectId;
    },
    async get(id, item) {
      const body = expectStatus(
        await send(agent, port, "GET", `${classPath}/${id}`, headers),
        200,
        "get",
      );
      if (body.objectId !== id || body.score !== item.score)
        throw new Error(`get ${id}: wrong object`);
    },
    async query(status, limit) {
      const where = encodeURIComponent(JSON.stringify({ status }));
      const url = `${classPath}?where=${where}&order=-score&limit=${limit}`;
      const body = expectStatus(await send(agent, port, "GET", url, headers), 200, "query");
      checkQueryAnswer(body.results ?? [], status, limit);
    },
  };
}
