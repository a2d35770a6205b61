// The runtime (its built entry, or `processes` copies of it behind node:cluster) on its own
// database of the shared PostgreSQL: one project, Firestore rules that require a signed-in
// user, the composite index the query needs, and one end user whose access token goes on
// every benchmark request, so each request pays for token verification and rules.
import { randomBytes } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { repo, startNode, waitReady } from "./children.mjs";
import { checkQueryAnswer } from "./items.mjs";
import { expectStatus, send } from "./load.mjs";

const PROJECT = "bench-app";
const P = `/v1/projects/${PROJECT}`;
export const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /items/{id} {
      allow read, write: if request.auth != null;
    }
  }
}`;
const INDEXES = {
  indexes: [
    {
      collectionGroup: "items",
      queryScope: "COLLECTION",
      fields: [
        { fieldPath: "status", order: "ASCENDING" },
        { fieldPath: "score", order: "DESCENDING" },
      ],
    },
  ],
  fieldOverrides: [],
};

/**
 * Starts the runtime; `nodeArgs` go before the entry (e.g. `--cpu-prof`, single process only),
 * `keys` (admin and master key) are those of an earlier start on the same database.
 */
export async function startRuntime({
  databaseUrl,
  port,
  dir,
  processes,
  agent,
  keys,
  nodeArgs = [],
}) {
  // A restart must reuse the master key: it decrypts the project's stored signing keys.
  const { adminKey, masterKey } = keys ?? {
    adminKey: randomBytes(24).toString("base64url"),
    masterKey: randomBytes(32).toString("base64url"),
  };
  const entry =
    processes > 1
      ? path.join(repo, "bench/baas/runtime-cluster.mjs")
      : path.join(repo, "apps/runtime/dist/main.js");
  const { child, readyLines } = await startNode({
    name: "runtime",
    args: [...nodeArgs, entry],
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      WINKY_ADMIN_KEY: adminKey,
      WINKY_MASTER_KEY: masterKey,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      BENCH_WORKERS: String(processes),
    },
    cwd: dir,
    logFile: path.join(dir, `runtime-${port}.log`),
    ...(processes > 1 ? { readyText: "runtime cluster ready" } : {}),
  });
  let linesSeen = false;
  void readyLines.then(() => (linesSeen = true));
  await waitReady("runtime", child, async () => {
    if (!linesSeen) return false;
    return (await send(agent, port, "GET", "/healthz")).status === 200;
  });
  return {
    child,
    adminKey,
    keys: { adminKey, masterKey },
    stop: () => child.stop("SIGTERM", 10_000),
  };
}

/**
 * Creates the project, deploys the rules, declares the index and signs up one user through
 * the mailed link. Resolves the user's access token and a line about the index (a warning
 * when the runtime has no index route).
 */
export async function setUpRuntimeProject({ agent, port, adminKey }) {
  const admin = { authorization: `Bearer ${adminKey}` };
  const call = (method, url, payload, headers = admin) =>
    send(agent, port, method, url, headers, payload);
  expectStatus(await call("POST", "/v1/admin/projects", { id: PROJECT }), 201, "create project");
  const rules = await send(
    agent,
    port,
    "PUT",
    `${P}/admin/rules/firestore`,
    { ...admin, "content-type": "text/plain" },
    RULES,
  );
  expectStatus(rules, 200, "deploy rules");
  // Composite indexes are new: a runtime without the route still runs the query, unindexed.
  let indexNote;
  const indexes = await call("PUT", `${P}/admin/indexes`, INDEXES);
  if (indexes.status === 404) {
    indexNote = `WARNING: PUT ${P}/admin/indexes answered 404 (${indexes.body?.error?.message ?? "no body"}): the runtime's query runs without the composite index`;
  } else {
    const body = expectStatus(indexes, 200, "declare indexes");
    const warnings = (body.warnings ?? []).map((w) => w.message ?? JSON.stringify(w));
    indexNote = `composite index declared (PUT ${P}/admin/indexes: created ${body.created ?? "?"})${warnings.length ? `; warnings: ${warnings.join("; ")}` : ""}`;
  }
  const email = "bench-user@example.com";
  const password = "a long bench password 42";
  expectStatus(await call("POST", `${P}/auth/signUp`, { email, password }, {}), 200, "sign up");
  const mailbox = expectStatus(await call("GET", `${P}/admin/mailbox?limit=5`), 200, "mailbox");
  const mail = mailbox.messages.find((m) => m.to === email && m.kind === "sign-up");
  const token = /oobCode=([A-Za-z0-9_-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no sign-up link in the dev mailbox: ${JSON.stringify(mailbox)}`);
  const session = expectStatus(
    await call("POST", `${P}/auth/confirmSignUp`, { token }, {}),
    200,
    "confirm sign-up",
  );
  return { idToken: session.idToken, indexNote };
}

/** When the built runtime was made, and a warning when its sources have changed since. */
export async function runtimeBuildNote() {
  const built = (await stat(path.join(repo, "apps/runtime/dist/main.js"))).mtime;
  const src = path.join(repo, "apps/runtime/src");
  const files = (await readdir(src, { recursive: true })).filter(
    (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
  );
  const times = await Promise.all(files.map(async (f) => (await stat(path.join(src, f))).mtime));
  const stale = times.some((t) => t > built);
  return (
    `runtime build: apps/runtime/dist from ${built.toISOString()}` +
    (stale ? " (WARNING: apps/runtime/src changed since; `npm run build` to measure it)" : "")
  );
}

const toFields = (item) => ({
  status: { stringValue: item.status },
  score: { integerValue: String(item.score) },
  playerName: { stringValue: item.playerName },
  tags: { arrayValue: { values: item.tags.map((t) => ({ stringValue: t })) } },
});
const fromFields = (f) => ({
  status: f?.status?.stringValue,
  score: Number(f?.score?.integerValue),
});

/** Create, get by id and the filtered, ordered query as the signed-in user, checking answers. */
export function runtimeOps(agent, port, idToken) {
  const headers = { authorization: `Bearer ${idToken}` };
  return {
    async create(item) {
      const id = randomBytes(15).toString("base64url");
      const writes = [
        {
          update: { name: `items/${id}`, fields: toFields(item) },
          currentDocument: { exists: false },
        },
      ];
      const body = expectStatus(
        await send(agent, port, "POST", `${P}/documents:commit`, headers, { writes }),
        200,
        "create",
      );
      if (!body.writeResults?.[0]?.updateTime)
        throw new Error("create: no updateTime in the answer");
      return id;
    },
    async get(id, item) {
      const body = expectStatus(
        await send(agent, port, "GET", `${P}/documents/items/${id}`, headers),
        200,
        "get",
      );
      if (!body.name?.endsWith(`items/${id}`) || fromFields(body.fields).score !== item.score)
        throw new Error(`get ${id}: wrong document`);
    },
    async query(status, limit) {
      const structuredQuery = {
        from: [{ collectionId: "items" }],
        where: {
          fieldFilter: {
            field: { fieldPath: "status" },
            op: "EQUAL",
            value: { stringValue: status },
          },
        },
        orderBy: [{ field: { fieldPath: "score" }, direction: "DESCENDING" }],
        limit,
      };
      const body = expectStatus(
        await send(agent, port, "POST", `${P}/documents:runQuery`, headers, { structuredQuery }),
        200,
        "query",
      );
      checkQueryAnswer(
        (body.documents ?? []).map((d) => fromFields(d.fields)),
        status,
        limit,
      );
    },
  };
}
