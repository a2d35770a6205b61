import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { createServiceKey, hashKey } from "../admin/keys.js";
import { alreadyExists, notFound, projectNotFound } from "../errors/runtime-error.js";
import { projects, serviceKeys } from "../db/schema.js";
import { ProjectConfig } from "./project-config.js";
import { ProjectCache, ProjectEvents } from "./project-events.js";

export type RuntimeDb = NodePgDatabase<Record<string, never>>;

export interface ProjectView {
  id: string;
  displayName: string;
  config: ProjectConfig;
  createdAt: string;
}

export interface ServiceKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

type ProjectRow = typeof projects.$inferSelect;

/**
 * Projects and their service keys. Every query names the project: nothing crosses projects.
 * A project's row (config, rules) is read on every request, so it is cached per process and
 * dropped everywhere when it changes (`ProjectEvents`).
 */
export class ProjectStore {
  private readonly cache: ProjectCache<ProjectRow>;

  constructor(
    private readonly db: RuntimeDb,
    readonly events: ProjectEvents = new ProjectEvents(),
  ) {
    this.cache = new ProjectCache(events);
  }

  /**
   * Creates a project with its first service key, in one transaction.
   *
   * @throws RuntimeError already-exists when the id is taken.
   */
  async create(
    id: string,
    displayName: string,
  ): Promise<{ project: ProjectView; key: string; keyView: ServiceKeyView }> {
    const config = ProjectConfig.parse({});
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(projects)
        .values({ id, displayName, config })
        .onConflictDoNothing()
        .returning();
      const row = inserted[0];
      if (!row) throw alreadyExists(`project '${id}' already exists`);
      const { key, keyView } = await insertKey(tx, id, "default");
      return { project: toProjectView(row), key, keyView };
    });
  }

  async list(): Promise<ProjectView[]> {
    return (await this.db.select().from(projects).orderBy(asc(projects.id))).map(toProjectView);
  }

  /** @throws RuntimeError not-found */
  async get(id: string): Promise<ProjectView> {
    return toProjectView(await this.row(id));
  }

  /** @throws RuntimeError not-found. Deleting cascades to everything the project owns. */
  async delete(id: string): Promise<void> {
    const deleted = await this.db
      .delete(projects)
      .where(eq(projects.id, id))
      .returning({ id: projects.id });
    if (deleted.length === 0) throw projectNotFound(id);
    await this.events.changed(id);
  }

  async updateConfig(id: string, config: ProjectConfig): Promise<ProjectView> {
    const [row] = await this.db
      .update(projects)
      .set({ config, updatedAt: sql`now()` })
      .where(eq(projects.id, id))
      .returning();
    if (!row) throw projectNotFound(id);
    await this.events.changed(id);
    return toProjectView(row);
  }

  async rules(id: string, service: "firestore" | "storage"): Promise<string | null> {
    const row = await this.row(id);
    return service === "firestore" ? row.firestoreRules : row.storageRules;
  }

  async setRules(id: string, service: "firestore" | "storage", source: string): Promise<void> {
    const column = service === "firestore" ? { firestoreRules: source } : { storageRules: source };
    const updated = await this.db
      .update(projects)
      .set({ ...column, updatedAt: sql`now()` })
      .where(eq(projects.id, id))
      .returning({ id: projects.id });
    if (updated.length === 0) throw projectNotFound(id);
    await this.events.changed(id);
  }

  async addKey(projectId: string, name: string): Promise<{ key: string; keyView: ServiceKeyView }> {
    await this.row(projectId);
    return insertKey(this.db, projectId, name);
  }

  async listKeys(projectId: string): Promise<ServiceKeyView[]> {
    await this.row(projectId);
    const rows = await this.db
      .select()
      .from(serviceKeys)
      .where(and(eq(serviceKeys.projectId, projectId), isNull(serviceKeys.revokedAt)))
      .orderBy(asc(serviceKeys.createdAt));
    return rows.map(toKeyView);
  }

  /** @throws RuntimeError not-found when the key is not one of this project's live keys. */
  async revokeKey(projectId: string, keyId: string): Promise<void> {
    const revoked = await this.db
      .update(serviceKeys)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(serviceKeys.projectId, projectId),
          eq(serviceKeys.id, keyId),
          isNull(serviceKeys.revokedAt),
        ),
      )
      .returning({ id: serviceKeys.id });
    if (revoked.length === 0)
      throw notFound(`project '${projectId}' has no service key '${keyId}'`);
  }

  /** The live key with this secret, recording its use; undefined for anything else. */
  async findKey(key: string): Promise<{ id: string; projectId: string } | undefined> {
    const [row] = await this.db
      .update(serviceKeys)
      .set({ lastUsedAt: sql`now()` })
      .where(and(eq(serviceKeys.keyHash, hashKey(key)), isNull(serviceKeys.revokedAt)))
      .returning({ id: serviceKeys.id, projectId: serviceKeys.projectId });
    return row;
  }

  private async row(id: string): Promise<ProjectRow> {
    return this.cache.get(id, async () => {
      const [row] = await this.db.select().from(projects).where(eq(projects.id, id));
      if (!row) throw projectNotFound(id);
      return row;
    });
  }
}

async function insertKey(db: Pick<RuntimeDb, "insert">, projectId: string, name: string) {
  const created = createServiceKey(projectId);
  const [row] = await db
    .insert(serviceKeys)
    .values({ projectId, name, prefix: created.prefix, keyHash: created.hash })
    .returning();
  return { key: created.key, keyView: toKeyView(row!) };
}

function toProjectView(row: typeof projects.$inferSelect): ProjectView {
  return {
    id: row.id,
    displayName: row.displayName,
    config: ProjectConfig.parse(row.config),
    createdAt: row.createdAt.toISOString(),
  };
}

function toKeyView(row: typeof serviceKeys.$inferSelect): ServiceKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}
