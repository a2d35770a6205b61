import type { BlobStore } from "@winky/blob-store";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import type { ProjectStore } from "../projects/project-store.js";
import { registerHostingAdminRoutes } from "./admin-routes.js";
import { HostingService } from "./hosting-service.js";
import { HostingStore } from "./hosting-store.js";
import { LiveSites } from "./live-sites.js";
import { SiteFiles } from "./site-files.js";
import { registerSiteRoutes } from "./site-routes.js";
import { registerHostingReadRoutes } from "./read-routes.js";
import { registerHostingUploadRoute } from "./upload-route.js";

/** 50 MiB: the largest site file (a build's biggest chunk or image is far smaller). */
export const DEFAULT_MAX_SITE_FILE_SIZE = 50 * 1024 * 1024;

export interface HostingOptions {
  /**
   * `WINKY_HOSTING_DOMAIN`, e.g. `localhost`: each project's site is also served at
   * `http://<project>.<domain>[:port]/`. Without it, sites are served only under
   * `/v1/projects/:project/hosting/`.
   */
  domain?: string;
  /** Default {@link DEFAULT_MAX_SITE_FILE_SIZE}. */
  maxFileSize?: number;
}

/**
 * Registers hosting: the deploy API under `/v1/projects/:project/admin/hosting` (versions,
 * file uploads, finalize, releases) and the sites themselves. Site files live in `blobs`, in a
 * bucket per project that storage can never name; versions and releases in PostgreSQL.
 */
export function installHosting(
  app: FastifyInstance,
  deps: {
    blobs: BlobStore;
    pool: pg.Pool;
    projects: ProjectStore;
    adminKey: string;
    options?: HostingOptions;
  },
): void {
  const store = new HostingStore(deps.pool);
  const files = new SiteFiles(deps.blobs);
  const service = new HostingService(store, files, deps.projects.events);
  const admin = { service, store, projects: deps.projects, adminKey: deps.adminKey };
  registerHostingAdminRoutes(app, admin);
  registerHostingReadRoutes(app, { ...admin, files });
  registerHostingUploadRoute(app, {
    ...admin,
    maxFileSize: deps.options?.maxFileSize ?? DEFAULT_MAX_SITE_FILE_SIZE,
  });
  registerSiteRoutes(app, {
    sites: new LiveSites(store, deps.projects.events),
    files,
    projects: deps.projects,
    ...(deps.options?.domain ? { domain: deps.options.domain } : {}),
  });
}
