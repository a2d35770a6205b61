// Writes an inspected Firebase project into a new Winky project, all or nothing: the project is
// created by the import, and any failure deletes it again (its documents, users, rules and
// indexes go with it; uploaded files are deleted one by one, as the bucket outlives the row).
import { readFile } from "node:fs/promises";
import type { AdminClient } from "@winky/admin-client";
import { toWireFields } from "../data/index.js";
import { batches } from "./batches.js";
import type { ImportSource } from "./inspect-project.js";
import { rollBack } from "./rollback.js";

/** What was written, for the summary and the smoke check. */
export interface ImportCounts {
  rules: string[];
  indexes: number;
  documents: number;
  users: number;
  files: number;
  /** Files of the released hosting site. */
  site: number;
  /** Functions of functions-winky/ deployed. */
  winkyFunctions: number;
  /** Firebase functions deployed through the compatibility layer. */
  functions: number;
}

/** Nothing was written: the source has blockers, the project exists, or the runtime refused first. */
export class ImportRefused extends Error {
  override readonly name = "ImportRefused";
}

/** Writing failed after the project was created, and the project was deleted again. */
export class ImportRolledBack extends Error {
  override readonly name = "ImportRolledBack";
}

/** A failure before the project exists: nothing to roll back. */
function notStarted(e: unknown): never {
  const reason =
    e instanceof TypeError && e.cause
      ? `${e.message} (${String((e.cause as Error).message ?? e.cause)})`
      : (e as Error).message;
  throw new ImportRefused(`${reason} (nothing was written)`, { cause: e });
}

/** The runtime's limits on one documents commit and one users import. */
const COMMIT_BATCH = 500;
const USERS_BATCH = 1000;

/**
 * Creates `project` and writes everything `source` holds into it.
 *
 * @throws ImportRefused when the source has blockers or the project exists (nothing written);
 *   any other error after the project was created, once the project is rolled back.
 */
export async function writeProject(
  client: AdminClient,
  source: ImportSource,
  project: string,
  progress: (line: string) => void = () => {},
): Promise<ImportCounts> {
  if (source.blockers.length > 0) {
    throw new ImportRefused(
      `${source.blockers.length} problems in the report stop the import: nothing was written`,
    );
  }
  if (await client.getProject(project).catch(notStarted)) {
    throw new ImportRefused(
      `project ${project} exists already: the import creates its project, so choose another --project (nothing was written)`,
    );
  }
  const { created } = await client.ensureProject(project).catch(notStarted);
  if (!created) {
    throw new ImportRefused(
      `project ${project} was created by someone else meanwhile (nothing was written)`,
    );
  }
  const uploaded: string[] = [];
  try {
    return await writeAll(client, source, project, uploaded, progress);
  } catch (e) {
    progress(`import failed, rolling back ${project}: ${(e as Error).message}`);
    try {
      await rollBack(client, project, uploaded);
    } catch (rollback) {
      // Both matter: what failed, and what is left behind to delete by hand.
      throw new AggregateError(
        [e, rollback],
        `${(e as Error).message}; and ${(rollback as Error).message}`,
        { cause: rollback },
      );
    }
    throw new ImportRolledBack((e as Error).message, { cause: e });
  }
}

async function writeAll(
  client: AdminClient,
  source: ImportSource,
  project: string,
  uploaded: string[],
  progress: (line: string) => void,
): Promise<ImportCounts> {
  const counts: ImportCounts = {
    rules: [],
    indexes: 0,
    documents: 0,
    users: 0,
    files: 0,
    site: 0,
    winkyFunctions: 0,
    functions: 0,
  };
  const { rules, indexes } = source.deployables;
  for (const service of ["firestore", "storage"] as const) {
    const file = rules[service];
    if (!file) continue;
    await client.deployRules(project, service, file.source);
    counts.rules.push(file.file);
    progress(`rules ${file.file} deployed`);
  }
  if (indexes) {
    await client.deployIndexes(project, indexes.value);
    counts.indexes = countIndexes(indexes.value);
    progress(`${counts.indexes} composite indexes from ${indexes.file} built`);
  }
  const documents = source.data?.documents ?? [];
  const writes = documents.map((doc) => ({
    update: {
      name: `projects/${project}/databases/(default)/documents/${doc.path}`,
      fields: toWireFields(doc, project),
    },
  }));
  for (const batch of batches(writes, COMMIT_BATCH)) {
    await client.commitDocuments(project, batch);
    counts.documents += batch.length;
  }
  if (documents.length > 0) progress(`${counts.documents} documents written`);
  const auth = source.auth;
  if (auth && auth.users.length > 0) {
    // Users of auth-users.standard-scrypt.json go in batches of their own, under its parameters.
    for (const standard of [false, true]) {
      const users = auth.users
        .filter((u) => auth.standardUids.has(u.uid) === standard)
        .map(({ source: _where, ...user }) => user);
      const hashConfig = standard ? auth.standardHashConfig : auth.hashConfig;
      for (const batch of batches(users, USERS_BATCH)) {
        await client.importUsers(project, { ...(hashConfig ? { hashConfig } : {}), users: batch });
        counts.users += batch.length;
      }
    }
    progress(`${counts.users} users imported`);
  }
  for (const file of source.storage?.files ?? []) {
    const bytes = new Uint8Array(await readFile(file.path));
    // Listed before the upload: one that fails after storing its bytes is still deleted.
    uploaded.push(file.name);
    const res = await client.request(
      "PUT",
      `/v1/projects/${encodeURIComponent(project)}/storage/o/${encodeURIComponent(file.name)}`,
      bytes,
      file.contentType,
    );
    if (!res.ok)
      throw new Error(
        `uploading ${file.name}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`,
      );
    counts.files++;
  }
  if (counts.files > 0) progress(`${counts.files} storage files uploaded`);
  // After the data: a function's triggers should first see the project complete.
  for (const fn of source.winkyFunctions?.functions ?? []) {
    await client.deployFunction(project, fn.name, fn.deploy);
    counts.winkyFunctions++;
  }
  if (counts.winkyFunctions > 0) progress(`${counts.winkyFunctions} Winky functions deployed`);
  for (const { name, ...deploy } of source.functionDeploys) {
    await client.deployFunction(project, name, deploy);
    counts.functions++;
  }
  if (counts.functions > 0) progress(`${counts.functions} functions deployed`);
  // The site last: its files are kept by content and outlive a rolled-back project.
  if (source.site) {
    const deploy = await client.deploySite(project, source.site.files, source.site.config);
    counts.site = deploy.files;
    progress(`site released: ${deploy.files} files from ${source.site.publicDir}`);
  }
  return counts;
}

function countIndexes(value: unknown): number {
  const list = (value as { indexes?: unknown } | null)?.indexes;
  return Array.isArray(list) ? list.length : 0;
}
