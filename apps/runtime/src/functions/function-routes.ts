import type { FastifyInstance } from "fastify";
import { authenticateAdmin, requireProject } from "../admin/admin-auth.js";
import { parseBody } from "../admin/parse-body.js";
import type { AuthCore } from "../auth/core/index.js";
import { resolveCaller } from "../documents/api/caller.js";
import { invalidArgument, notFound, RuntimeError } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import { bundleFunction } from "./bundle.js";
import { DeployFunction, FUNCTION_NAME } from "./function-config.js";
import type { FunctionRunner } from "./function-runner.js";
import type { FunctionStore, FunctionSummary } from "./function-store.js";
import { callableError } from "./invocation-error.js";
import { nextRunAfter } from "./schedules/cron.js";

type Params = { project: string; name: string };

/** What the admin API shows of a function: never its bundle. */
const describe = (fn: FunctionSummary) => ({
  name: fn.name,
  version: fn.version,
  config: fn.config,
  trigger: fn.trigger,
  createdAt: fn.createdAt,
});

function checkName(name: string): string {
  if (!FUNCTION_NAME.test(name)) {
    throw invalidArgument(
      `function name '${name}' must start with a letter and hold at most 63 letters, digits, '_' or '-'`,
    );
  }
  return name;
}

/**
 * Functions: deploy (`PUT …/admin/functions/:name`, a new live version; the old one's
 * sandboxes drain), list, delete, read logs; and `POST /v1/projects/:project/functions/:name:call`
 * for callables, as the caller of the request (`context.auth`); a callable's refusal (an error
 * with one of the `REFUSAL_CODES`) answers with its code, message and details.
 */
export function registerFunctionRoutes(
  app: FastifyInstance,
  deps: {
    runner: FunctionRunner;
    store: FunctionStore;
    projects: ProjectStore;
    auth: AuthCore;
    adminKey: string;
  },
): void {
  const { runner, store, projects, adminKey } = deps;
  const base = "/v1/projects/:project/admin/functions";
  const allow = async (request: Parameters<typeof authenticateAdmin>[0], project: string) => {
    requireProject(await authenticateAdmin(request, adminKey, projects), project);
    return (await projects.get(project)).id;
  };

  app.get<{ Params: { project: string } }>(base, async (request) => {
    const project = await allow(request, request.params.project);
    return { functions: (await store.list(project)).map(describe) };
  });

  app.put<{ Params: Params }>(`${base}/:name`, async (request) => {
    const project = await allow(request, request.params.project);
    const name = checkName(request.params.name);
    const { source, trigger, ...config } = parseBody(DeployFunction, request.body);
    const bundle = await bundleFunction(source);
    const nextRunAt = trigger.kind === "schedule" ? nextRunAfter(trigger, new Date()) : undefined;
    const deployed = await store.deploy(project, name, {
      bundle,
      source,
      config,
      trigger,
      ...(nextRunAt ? { nextRunAt } : {}),
    });
    await runner.retire(project, name);
    return describe(deployed);
  });

  // One function with its source as deployed: what `winky export` writes back out.
  app.get<{ Params: Params }>(`${base}/:name`, async (request) => {
    const project = await allow(request, request.params.project);
    const name = checkName(request.params.name);
    const fn = await store.liveSource(project, name);
    if (!fn) throw notFound(`project '${project}' has no function '${name}'`);
    if (fn.source === null) {
      throw new RuntimeError(
        "failed-precondition",
        `function '${name}' version ${fn.version} was deployed before sources were kept: deploy it again to export it`,
        { reason: "no-source" },
      );
    }
    return {
      name: fn.name,
      version: fn.version,
      trigger: fn.trigger,
      ...fn.config,
      source: fn.source,
    };
  });

  app.delete<{ Params: Params }>(`${base}/:name`, async (request, reply) => {
    const project = await allow(request, request.params.project);
    const name = checkName(request.params.name);
    const versions = await store.delete(project, name);
    if (versions.length === 0) throw notFound(`project '${project}' has no function '${name}'`);
    await runner.retire(project, name);
    return reply.code(204).send();
  });

  app.get<{ Params: Params; Querystring: { limit?: string } }>(
    `${base}/:name/logs`,
    async (request) => {
      const project = await allow(request, request.params.project);
      const name = checkName(request.params.name);
      const limit = Number(request.query.limit ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw invalidArgument("limit: expected an integer from 1 to 1000");
      if (!(await store.live(project, name)))
        throw notFound(`project '${project}' has no function '${name}'`);
      return { logs: await store.logs(project, name, limit) };
    },
  );

  // `:name:call` is one segment: find-my-way cannot put a literal after a parameter in it.
  app.post<{ Params: { project: string; call: string } }>(
    "/v1/projects/:project/functions/:call",
    async (request) => {
      const { project } = request.params;
      const match = /^(.+):call$/.exec(request.params.call);
      if (!match) throw notFound(`no route ${request.url}; did you mean …/functions/<name>:call?`);
      const name = checkName(match[1]!);
      await projects.get(project);
      const caller = await resolveCaller(request, project, deps);
      const body = (request.body ?? {}) as { data?: unknown };
      const fn = await store.live(project, name);
      if (!fn || fn.trigger.kind !== "callable")
        throw notFound(`project '${project}' has no callable function '${name}'`);
      // resolveCaller verified the token; its claims in plain JSON are the function's.
      let auth: { uid: string; token: unknown } | null = null;
      if (caller.auth) {
        const token = (request.headers.authorization ?? "").replace(/^Bearer\s+/, "");
        const claims = await deps.auth.accessTokens.verifyAccessToken(project, token);
        auth = { uid: claims.sub, token: claims };
      }
      const { result } = await runner.invoke(
        project,
        name,
        { event: (body.data ?? null) as never, context: { auth: auth as never } },
        fn,
      );
      if (result.ok) return { result: result.result };
      // A deliberate refusal reaches every caller; any other failure says more to admins only.
      throw callableError(name, result.error, caller.bypassRules);
    },
  );
}
