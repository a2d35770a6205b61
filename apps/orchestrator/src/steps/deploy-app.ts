import type { AdminClient } from "@winky/admin-client";
import type { AppPlan } from "@winky/planner";
import type { Deployment } from "../pipeline/state.js";
import { seedApp } from "./seed-app.js";

/** What `winky.json` says a deploy takes (written by the coder). */
interface WinkyJson {
  rules: { firestore: string; storage?: string };
  indexes: string;
  functions: Array<
    { name: string; source: string; trigger: Record<string, unknown> } & Record<string, unknown>
  >;
  hosting?: { public: string; spa?: boolean };
}

export interface DeployRequest {
  admin: AdminClient;
  project: string;
  plan: AppPlan;
  /** The app's source files (winky.json, rules, indexes, functions). */
  files: Readonly<Record<string, string>>;
  /** The built site (`dist/`), site path → bytes; none for a project the smoke test uses. */
  site?: ReadonlyMap<string, Uint8Array>;
  /** Where the runtime serves sites: `http://<project>.<domain>:<port>/` when it has a domain. */
  siteUrl: (project: string) => string;
  /** Writes the plan's seed documents on the project's first deploy (production, not smoke). */
  seed?: boolean;
  /** Told what the deploy did beyond the obvious (seeds written or skipped). */
  progress?: (message: string) => Promise<void>;
}

/**
 * Deploys an app to its own runtime project, in the order that never serves a half-deployed
 * app: project (created once, never reset: a deploy deletes no data), settings (strict
 * indexes, the plan's sign-in methods), rules, indexes, functions, the seed documents (first
 * deploy only), then the site as a new hosting version released last. Every step is
 * idempotent, so a resumed run deploys again safely.
 */
export async function deployApp(request: DeployRequest): Promise<Deployment> {
  const { admin, project, files } = request;
  const config = readWinkyJson(files);
  await admin.ensureProject(project);
  const providers = request.plan.auth.providers;
  await admin.updateConfig(project, {
    strictIndexes: true,
    auth: {
      emailPassword: { enabled: providers.includes("email") },
      anonymous: { enabled: providers.includes("anonymous") },
      // Sign-up, verification and reset links open the app's own page, under its own name.
      mail: {
        actionUrl: new URL("auth/action", request.siteUrl(project)).toString(),
        appName: request.plan.title,
      },
    },
  });
  await admin.deployRules(project, "firestore", need(files, config.rules.firestore));
  if (config.rules.storage) {
    await admin.deployRules(project, "storage", need(files, config.rules.storage));
  }
  await admin.deployIndexes(project, JSON.parse(need(files, config.indexes)));
  for (const { name, source, ...settings } of config.functions) {
    await admin.deployFunction(project, name, {
      ...(settings as { trigger: Record<string, unknown> }),
      source: need(files, source),
    });
  }
  if (request.seed) {
    const { seeded, skipped } = await seedApp(admin, project, request.plan);
    await request.progress?.(
      (seeded ? `seeded ${seeded} sample documents` : "no new seed documents") +
        (skipped.length ? `; not seeded: ${skipped.join("; ")}` : ""),
    );
  }
  const url = request.siteUrl(project);
  if (!request.site) return { project, url };
  const { version } = await admin.deploySite(project, request.site, {
    spa: config.hosting?.spa ?? true,
  });
  return { project, url, version };
}

function readWinkyJson(files: Readonly<Record<string, string>>): WinkyJson {
  const text = need(files, "winky.json");
  try {
    return JSON.parse(text) as WinkyJson;
  } catch (e) {
    throw new Error(`winky.json is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
}

function need(files: Readonly<Record<string, string>>, path: string): string {
  const text = files[path];
  if (text === undefined) throw new Error(`the app has no ${path}, which winky.json names`);
  return text;
}
