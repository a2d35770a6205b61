// What the export round-trip test compares: the functions it deploys, a folder's files and a
// project's objects, each with their bytes.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AdminClient } from "@winky/admin-client";

export const FUNCTIONS = {
  greet: {
    source: "export default async (event: { name: string }) => ({ hi: event.name });\n",
    trigger: { kind: "callable" },
    memoryMb: 128,
    timeoutMs: 5000,
    secrets: ["MAIL_API_KEY"],
  },
  noteTouched: {
    source: "export default async () => null;\n",
    trigger: { kind: "document", event: "create", path: "users/{uid}/notes/{noteId}" },
  },
};

/** Every file below `dir`, by relative path, with its bytes. */
export async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full).split(path.sep).join("/"), await readFile(full));
  }
  return files;
}

/** Every object of a project with its bytes (base64), through the admin API. */
export async function objectsOf(client: AdminClient, project: string) {
  const found: Record<string, string> = {};
  const pending = [""];
  for (let prefix = pending.pop(); prefix !== undefined; prefix = pending.pop()) {
    const page = await client.listObjects(project, { prefix, limit: 1000 });
    pending.push(...page.prefixes);
    for (const o of page.objects) {
      const read = await client.readObject(project, o.name, 1024 * 1024);
      found[o.name] = Buffer.from(read!.bytes).toString("base64");
    }
  }
  return found;
}
