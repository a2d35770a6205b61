// A generated app as it is deployed: planned, coded, built in the sandbox builder container and
// deployed with its site to a runtime in this process, which serves it at
// `http://<project>.localhost:<port>/` (Chromium resolves every *.localhost to the loopback).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdminClient } from "@winky/admin-client";
import { FsBlobStore } from "@winky/blob-store";
import { generateApp } from "@winky/coder";
import { deployApp, testApp } from "@winky/orchestrator";
import { planOffline, type AppPlan } from "@winky/planner";
import { createTestRuntime, TEST_ADMIN_KEY, type TestRuntime } from "@winky/runtime/testing";
import { eventually } from "@winky/testing";
import Dockerode from "dockerode";
import { ensureBuilderImage } from "@winky/sandbox-images/ensure-images.mjs";

export interface DeployedApp {
  plan: AppPlan;
  /** The coder's output, path → text. */
  files: Record<string, string>;
  /** The runtime project the app is deployed to (the plan's app name). */
  project: string;
  runtime: TestRuntime;
  /** The runtime's API, as the built app calls it. */
  runtimeUrl: string;
  /** The deployed site, `http://<project>.localhost:<port>/`. */
  siteUrl: string;
  /** How long the sandboxed typecheck, build and unit tests took. */
  buildMs: number;
  /**
   * The link of the newest `kind` mail (e.g. `sign-up`) sent to `email`, read from the
   * runtime's dev mailbox with the operator key (polled for 10 s).
   */
  /** The link of the latest `kind` mail to `email`, and the mail's subject. */
  mailedLink(email: string, kind: string): Promise<{ url: URL; subject: string }>;
  close(): Promise<void>;
}

/**
 * Plans `prompt` offline, generates the app, builds it in the builder container for this
 * runtime and project, and deploys it (settings, rules, indexes, site) with `deployApp`.
 * Functions are not deployed: a plan that has some fails here, loudly, rather than deploying
 * an app whose functions do not run.
 */
export async function deployGeneratedApp(
  databaseUrl: string,
  prompt: string,
): Promise<DeployedApp> {
  const { plan } = planOffline(prompt);
  if (plan.functions.length > 0) {
    throw new Error(
      `the plan has functions (${plan.functions.map((f) => f.name).join(", ")}): start ` +
        "createTestFunctions and pass its runtimeOptions, as offline-run.int.test.ts does",
    );
  }
  const project = plan.appName;
  const files = { ...generateApp(plan, { project }).files };
  const image = await ensureBuilderImage();
  const dir = await mkdtemp(path.join(tmpdir(), "winky-playwright-"));
  let runtime: TestRuntime | undefined;
  try {
    runtime = await createTestRuntime(databaseUrl, {
      blobs: new FsBlobStore(path.join(dir, "blobs")),
      hosting: { domain: "localhost" },
    });
    const runtimeUrl = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
    const port = new URL(runtimeUrl).port;
    const siteUrlOf = (p: string) => `http://${p}.localhost:${port}/`;

    const started = Date.now();
    const { report, dist } = await testApp({
      docker: new Dockerode(),
      image,
      files,
      buildEnv: { VITE_WINKY_URL: runtimeUrl, VITE_WINKY_PROJECT: project },
    });
    const buildMs = Date.now() - started;
    if (!report.ok) {
      throw new Error(`the generated app failed its build: ${JSON.stringify(report, null, 2)}`);
    }
    const { url: siteUrl } = await deployApp({
      admin: new AdminClient(runtimeUrl, TEST_ADMIN_KEY),
      project,
      plan,
      files,
      site: dist,
      siteUrl: siteUrlOf,
    });
    const app = runtime;
    return {
      plan,
      files,
      project,
      runtime: app,
      runtimeUrl,
      siteUrl,
      buildMs,
      mailedLink: (email, kind) => mailedLink(runtimeUrl, project, email, kind),
      async close() {
        await app.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}

interface MailboxAnswer {
  messages: Array<{ to: string; kind: string; subject: string; text: string }>;
}

async function mailedLink(
  runtimeUrl: string,
  project: string,
  email: string,
  kind: string,
): Promise<{ url: URL; subject: string }> {
  return eventually(
    async () => {
      const response = await fetch(`${runtimeUrl}/v1/projects/${project}/admin/mailbox?limit=50`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` },
      });
      if (!response.ok) throw new Error(`the mailbox answered ${response.status}`);
      const { messages } = (await response.json()) as MailboxAnswer;
      // Newest first: the link of the latest such mail.
      const mail = messages.find((m) => m.to === email && m.kind === kind);
      const href = mail?.text.match(/https?:\/\/\S+/)?.[0];
      if (!mail || !href) throw new Error(`no ${kind} mail reached ${email}`);
      return { url: new URL(href), subject: mail.subject };
    },
    { timeoutMs: 10_000, intervalMs: 200 },
  );
}
