import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { invalidArgument, notFound, RuntimeError } from "../errors/runtime-error.js";
import type { ProjectStore } from "../projects/project-store.js";
import { cacheControlOf, contentTypeOf, etagOf, isNotModified } from "./file-headers.js";
import { ruleHeaders, type LiveSites } from "./live-sites.js";
import { resolveSitePath } from "./resolve-path.js";
import type { SiteFiles } from "./site-files.js";

export interface SiteRouteDeps {
  sites: LiveSites;
  files: SiteFiles;
  projects: ProjectStore;
  /** `WINKY_HOSTING_DOMAIN`: serve `<project>.<domain>` at `/`. */
  domain?: string;
}

type ProjectRequest = FastifyRequest<{ Params: { project: string } }>;

/**
 * Serves each project's live site: `GET|HEAD /v1/projects/:project/hosting/<path>` on any host,
 * and, with a domain, `GET|HEAD /<path>` on `<project>.<domain>[:port]`. The site route is
 * constrained to such hosts, so on the runtime's own host nothing changes; on a site's host the
 * runtime's routes (`/v1/…`, `/healthz`) still come first and every other path is the site's.
 */
export function registerSiteRoutes(app: FastifyInstance, deps: SiteRouteDeps): void {
  const methods = ["GET", "HEAD"];
  app.route({
    method: methods,
    url: "/v1/projects/:project/hosting",
    // The site's relative URLs resolve against `…/hosting/`, not `…/`.
    handler: async (request, reply) => reply.code(301).header("location", "./hosting/").send(),
  });
  app.route({
    method: methods,
    url: "/v1/projects/:project/hosting/*",
    handler: async (request: ProjectRequest, reply) => {
      // `/v1/projects/<project>/hosting/<path>`: the path is what follows the fifth slash.
      const raw = pathOf(request).split("/").slice(5).join("/");
      return serveSite(request, reply, request.params.project, `/${decodePath(raw)}`, deps);
    },
  });
  if (!deps.domain) return;
  const pattern = siteHostPattern(deps.domain);
  app.route({
    method: methods,
    url: "/*",
    constraints: { host: pattern },
    handler: async (request, reply) => {
      const project = projectOfSiteHost(request.headers.host, pattern)!;
      return serveSite(request, reply, project, decodePath(pathOf(request)), deps);
    },
  });
}

async function serveSite(
  request: FastifyRequest,
  reply: FastifyReply,
  projectId: string,
  path: string,
  deps: SiteRouteDeps,
): Promise<FastifyReply> {
  await deps.projects.get(projectId);
  const site = await deps.sites.get(projectId);
  if (!site) {
    throw notFound(`project '${projectId}' has no hosting release yet: deploy a version first`, {
      reason: "no-release",
    });
  }
  const found = resolveSitePath(path, (p) => site.files.has(p), site.config);
  if (found.kind === "none") {
    throw notFound(`no file at ${JSON.stringify(path)} in the site of project '${projectId}'`, {
      reason: "no-such-file",
    });
  }
  const query = (request.raw.url ?? "").split("?")[1];
  if (found.kind === "redirect") {
    const location = query === undefined ? found.location : `${found.location}?${query}`;
    return reply.code(301).header("location", location).send();
  }
  const file = site.files.get(found.path)!;
  const etag = etagOf(file.hash);
  const answer = (code: number) =>
    reply
      .code(code)
      .header("content-type", contentTypeOf(found.path))
      .header("cache-control", cacheControlOf(found.path))
      .header("etag", etag)
      .header("x-content-type-options", "nosniff")
      .headers(ruleHeaders(site, path, found.path));
  if (found.status === 200 && isNotModified(request.headers["if-none-match"], etag)) {
    return answer(304).send();
  }
  if (request.method === "HEAD")
    return answer(found.status).header("content-length", file.size).send();
  const read = await deps.files.open(projectId, file.hash);
  if (!read) {
    // Finalizing checked that the store had it, and nothing deletes site files.
    request.log.error({ projectId, path: found.path, hash: file.hash }, "site file missing");
    throw new RuntimeError(
      "data-loss",
      `the file of ${JSON.stringify(found.path)} (${file.hash}) is missing from the blob store`,
    );
  }
  return answer(found.status).header("content-length", read.info.size).send(read.body);
}

/** The request's path as sent (before any decoding), without the query. */
function pathOf(request: FastifyRequest): string {
  return (request.raw.url ?? "/").split("?")[0]!;
}

/** @throws RuntimeError invalid-argument for a malformed percent-encoding. */
function decodePath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw invalidArgument(`path: malformed percent-encoding in ${JSON.stringify(encoded)}`, {
      field: "path",
    });
  }
}

// Host-based serving: with `WINKY_HOSTING_DOMAIN=localhost`, `notes.localhost:4000` is the site
// of project `notes` (Chromium resolves every `*.localhost` to the loopback address, so this
// needs no DNS). One origin per project also keeps each site's storage (localStorage, the
// SDK's session) apart from every other's.

/** A project id (`projects_id_format`), the only label before the domain. */
const PROJECT_LABEL = "[a-z][a-z0-9-]{2,62}";

/**
 * Matches `<project>.<domain>` with an optional port, any case: the `host` constraint of the
 * site route, so requests to any other host never reach it.
 */
export function siteHostPattern(domain: string): RegExp {
  const escaped = domain.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${PROJECT_LABEL}\\.${escaped}(?::\\d{1,5})?$`, "i");
}

/** The project whose site `host` (a `Host` header) names, or null. */
export function projectOfSiteHost(host: string | undefined, pattern: RegExp): string | null {
  if (!host || !pattern.test(host)) return null;
  return host.slice(0, host.indexOf(".")).toLowerCase();
}
