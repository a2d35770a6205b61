// `winky export`: a project written back out in the Firebase folder layout the importer reads,
// so import → export → import gives the same project. It refuses a folder that is not empty
// and a project that does not exist before writing anything.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportDocuments, getIndexes, releasedSite, type AdminClient } from "@winky/admin-client";
import {
  exportFunctions,
  exportSite,
  exportStorage,
  fileNameClashes,
  listStorage,
} from "./export-files.js";
import { firebaseJson, firebaserc, LAYOUT, readme } from "./export-layout.js";
import { exportUsers } from "./export-users.js";

/** What was written, for the summary. */
export interface ExportCounts {
  rules: string[];
  indexes: number;
  documents: number;
  users: number;
  /** Users whose hash is Winky's scrypt, in the STANDARD_SCRYPT file. */
  rehashedUsers: number;
  files: number;
  site: number;
  functions: number;
  /** Users written without their password hash, and why (also in the folder's README). */
  warnings: string[];
}

export class ExportRefused extends Error {
  override readonly name = "ExportRefused";
}

/**
 * Writes `project` into `out` (created when absent).
 *
 * @throws ExportRefused when `out` holds anything or the project does not exist (nothing
 *   written); AdminApiError when the runtime refuses a read half-way (the folder is left as far
 *   as it got: delete it and export again).
 */
export async function exportProject(
  client: AdminClient,
  project: string,
  out: string,
  progress: (line: string) => void = () => {},
): Promise<ExportCounts> {
  const present = await readdir(out).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return [];
    throw e;
  });
  if (present.length > 0) {
    throw new ExportRefused(
      `${out} is not empty: export into a new or empty folder (nothing was written)`,
    );
  }
  if (!(await client.getProject(project))) {
    throw new ExportRefused(`project ${project} does not exist (nothing was written)`);
  }
  // Before anything is written: a bucket whose names no folder can hold cannot be exported.
  const objects = await listStorage(client, project);
  const clashes = fileNameClashes(objects);
  if (clashes.length > 0) {
    const shown = clashes.slice(0, 5).join("; ");
    throw new ExportRefused(
      `the bucket has names a folder cannot hold (${shown}${clashes.length > 5 ? `; and ${clashes.length - 5} more` : ""}): rename them first (nothing was written)`,
    );
  }
  // The export holds the project's data and users: its owner's alone.
  await mkdir(out, { recursive: true, mode: 0o700 });
  const write = async (name: string, content: string, secret = false) => {
    const file = path.join(out, name);
    await mkdir(path.dirname(file), { recursive: true });
    // Hashes and the signer key: created readable by their owner only, never 0644 for a moment.
    await writeFile(file, content, secret ? { mode: 0o600, flag: "wx" } : {});
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const call = client.request.bind(client);
  const counts: ExportCounts = {
    rules: [],
    indexes: 0,
    documents: 0,
    users: 0,
    rehashedUsers: 0,
    files: 0,
    site: 0,
    functions: 0,
    warnings: [],
  };

  for (const [service, file] of [
    ["firestore", LAYOUT.firestoreRules],
    ["storage", LAYOUT.storageRules],
  ] as const) {
    const source = await client.getRules(project, service);
    if (source === null) continue;
    await write(file, source);
    counts.rules.push(file);
  }
  const indexes = await getIndexes(call, project);
  counts.indexes = indexes.indexes.length;
  if (counts.indexes > 0) await write(LAYOUT.indexes, json(indexes));
  progress(`rules (${counts.rules.join(", ") || "none"}) and ${counts.indexes} indexes written`);

  const documents = await exportDocuments(call, project);
  counts.documents = documents.documents.length;
  if (counts.documents > 0) await write(LAYOUT.documents, json(documents));
  progress(`${counts.documents} documents written`);

  const users = exportUsers(await client.exportUsers(project));
  counts.users = users.firebase.users.length + users.standard.users.length;
  counts.rehashedUsers = users.standard.users.length;
  counts.warnings = users.leftWithoutPassword.map(
    (u) => `user ${u.uid} exported without its password: ${u.reason}`,
  );
  if (users.firebase.users.length > 0) {
    await write(LAYOUT.users, json({ users: users.firebase.users }), true);
  }
  if (users.firebase.hashConfig) await write(LAYOUT.hashConfig, users.firebase.hashConfig, true);
  if (users.standard.users.length > 0) {
    await write(LAYOUT.standardUsers, json({ users: users.standard.users }), true);
    await write(LAYOUT.standardHashConfig, users.standard.hashConfig!, true);
  }
  progress(`${counts.users} users written (${counts.rehashedUsers} rehashed by Winky)`);

  counts.files = await exportStorage(client, project, out, objects);
  progress(`${counts.files} storage files written`);
  const site = await releasedSite(call, project);
  if (site) counts.site = await exportSite(client, project, site, out);
  progress(
    site ? `site version ${site.version}: ${counts.site} files written` : "no site released",
  );
  counts.functions = await exportFunctions(client, project, out);
  progress(`${counts.functions} functions written`);

  const parts = {
    firestoreRules: counts.rules.includes(LAYOUT.firestoreRules),
    storageRules: counts.rules.includes(LAYOUT.storageRules),
    indexes: counts.indexes > 0,
    site,
  };
  await write("firebase.json", json(firebaseJson(parts)));
  await write(".firebaserc", json(firebaserc(project)));
  await write("README.md", readme(project, users));
  return counts;
}
