import type { FastifyInstance } from "fastify";
import { checkRules, parseRules, type Diagnostic } from "@winky/rules";
import { invalidArgument } from "../errors/runtime-error.js";
import { applyConfigPatch, ProjectConfigPatch } from "../projects/project-config.js";
import type { ProjectStore } from "../projects/project-store.js";
import { authenticateAdmin, requireProject } from "./admin-auth.js";
import { parseBody } from "./parse-body.js";

const SERVICES = { firestore: "cloud.firestore", storage: "firebase.storage" } as const;
type Service = keyof typeof SERVICES;

/** A project's settings and its deployed rules: `/v1/projects/:project/admin/{config,rules/…}`. */
export function registerSettingsRoutes(
  app: FastifyInstance,
  store: ProjectStore,
  adminKey: string,
): void {
  app.addContentTypeParser(
    "text/plain",
    { parseAs: "string", bodyLimit: 262_144 },
    (_req, body, done) => done(null, body),
  );

  app.patch<{ Params: { project: string } }>(
    "/v1/projects/:project/admin/config",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const patch = parseBody(ProjectConfigPatch, request.body);
      const current = await store.get(request.params.project);
      return {
        project: await store.updateConfig(current.id, applyConfigPatch(current.config, patch)),
      };
    },
  );

  app.get<{ Params: { project: string; service: string } }>(
    "/v1/projects/:project/admin/rules/:service",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const service = serviceOf(request.params.service);
      return { service, source: await store.rules(request.params.project, service) };
    },
  );

  // Deploys rules: parsed and checked first, so a file with an error is never stored.
  app.put<{ Params: { project: string; service: string } }>(
    "/v1/projects/:project/admin/rules/:service",
    async (request) => {
      requireProject(await authenticateAdmin(request, adminKey, store), request.params.project);
      const service = serviceOf(request.params.service);
      if (typeof request.body !== "string" || request.body.length === 0) {
        throw invalidArgument("send the rules file as the body, with Content-Type: text/plain");
      }
      const file = `${service}.rules`;
      const ast = parseRules(request.body, file);
      if (ast.service.name !== SERVICES[service]) {
        throw invalidArgument(
          `${file} declares 'service ${ast.service.name}', expected '${SERVICES[service]}'`,
        );
      }
      const diagnostics = checkRules(ast, request.body);
      const errors = diagnostics.filter((d) => d.severity === "error");
      if (errors.length > 0) {
        throw invalidArgument(`${file} has ${errors.length} error(s); nothing was deployed`, {
          diagnostics: errors.map(brief),
        });
      }
      await store.setRules(request.params.project, service, request.body);
      return { service, deployed: true, warnings: diagnostics.map(brief) };
    },
  );
}

function serviceOf(name: string): Service {
  if (name === "firestore" || name === "storage") return name;
  throw invalidArgument(`unknown rules service '${name}' (expected firestore or storage)`);
}

function brief(d: Diagnostic) {
  return { code: d.code, severity: d.severity, message: d.message, line: d.line, column: d.column };
}
