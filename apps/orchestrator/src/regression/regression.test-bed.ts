// Shared by the regression integration tests: a deployed app made without running the whole
// pipeline, and a webhook receiver that records what it is sent.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { AdminClient } from "@winky/admin-client";
import { generateApp } from "@winky/coder";
import { planOffline, validatePlan } from "@winky/planner";
import { eventually } from "@winky/testing";
import type pg from "pg";
import { expect } from "vitest";
import { commitApp } from "../git/commit-app.js";
import { deployApp } from "../steps/deploy-app.js";

/** The acceptance prompt the notes app is planned from. */
export const NOTES_PROMPT = "A notes app with email login, markdown editor, tags, and images";

/**
 * Storage rules that refuse everyone: what breaks a deployed app in the tests. The scenarios
 * that touch files fail (each at an action timeout); refusing documents would fail them all.
 */
export const DENY_ALL_STORAGE_RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /{allPaths=**} {
      allow read, write: if false;
    }
  }
}
`;

/** Inserts a team (its slug as its name) and answers its id. */
export async function insertTeam(
  pool: pg.Pool,
  slug: string,
  webhookUrl: string | null = null,
): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `insert into teams (slug, name, notify_webhook_url) values ($1, $1, $2) returning id`,
    [slug, webhookUrl],
  );
  return rows[0]!.id;
}

export interface BedApp {
  appId: string;
  slug: string;
  repo: string;
  sha: string;
  url: string;
  /** The committed files, path → text. */
  files: Record<string, string>;
}

/**
 * What a successful generation run leaves behind, made directly: the prompt planned offline
 * (named `slug`), coded, committed to `repo` (`<dataDir>/repos/<slug>` unless given, then
 * recorded as `apps.repo_path`), deployed to project `slug` with a stand-in site, and the
 * `apps` and `deployments` rows.
 */
export async function deployBedApp(options: {
  pool: pg.Pool;
  admin: AdminClient;
  dataDir: string;
  teamId: string;
  slug: string;
  name: string;
  siteUrl: (project: string) => string;
  repo?: string;
}): Promise<BedApp> {
  const { pool, admin, slug } = options;
  const plan = validatePlan({ ...planOffline(NOTES_PROMPT).plan, appName: slug });
  const files = { ...generateApp(plan, { project: slug }).files };
  const repo = options.repo ?? path.join(options.dataDir, "repos", slug);
  const { sha } = await commitApp({ repo, files, message: `${plan.title}`, runId: "bed" });
  const { url } = await deployApp({
    admin,
    project: slug,
    plan,
    files,
    siteUrl: options.siteUrl,
    seed: true,
  });
  // The smoke builds the app itself; the live site only needs to exist for the row.
  const page = new TextEncoder().encode(`<h1>${slug}</h1>`);
  const { version } = await admin.deploySite(slug, new Map([["/index.html", page]]));
  const { rows } = await pool.query<{ id: string }>(
    `insert into apps (team_id, slug, name, repo_path) values ($1, $2, $3, $4) returning id`,
    [options.teamId, slug, options.name, options.repo ?? null],
  );
  const appId = rows[0]!.id;
  await pool.query(
    `insert into deployments (app_id, team_id, kind, project, version, url, commit_sha)
     values ($1, $2, 'deploy', $3, $4, $5, $6)`,
    [appId, options.teamId, slug, version, url, sha],
  );
  return { appId, slug, repo, sha, url, files };
}

export interface WebhookReceiver {
  /** Its base URL; any path is accepted (incoming webhooks carry their secret in the path). */
  url: string;
  received: Array<{ path: string; contentType: string | undefined; body: unknown }>;
  close(): Promise<void>;
}

/** A chat tool's incoming webhook on 127.0.0.1: records each POST and answers 200 `ok`. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: WebhookReceiver["received"] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test says what it expected.
      }
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A regression run as the tests read it from `runs`. */
export interface RegressionRunRow {
  id: string;
  status: string;
  kind: string;
  engine: string;
  prompt: string;
  error: { code: string; message: string; node: string } | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface RegressionRecords {
  /** Waits (up to 4 min) for the app's `count`-th regression run to finish, and answers it. */
  finishedRun(appId: string, count: number): Promise<RegressionRunRow>;
  /** The run's events, in order. */
  eventsOf(
    runId: string,
  ): Promise<Array<{ type: string; node: string | null; payload: Record<string, unknown> }>>;
}

/** Reads what regression runs recorded in the platform database. */
export function regressionRecords(pool: pg.Pool): RegressionRecords {
  return {
    finishedRun: (appId, count) =>
      eventually(
        async () => {
          const { rows } = await pool.query<RegressionRunRow>(
            `select id, status, kind, engine, prompt, error, started_at, finished_at from runs
              where app_id = $1 and kind = 'regression' order by created_at`,
            [appId],
          );
          expect(rows[count - 1]?.finished_at).toBeInstanceOf(Date);
          return rows[count - 1]!;
        },
        { timeoutMs: 240_000, intervalMs: 250 },
      ),
    eventsOf: async (runId) =>
      (
        await pool.query(
          `select type, node, payload from run_events where run_id = $1 order by seq`,
          [runId],
        )
      ).rows,
  };
}
