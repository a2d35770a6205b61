// Which shim file stands for each firebase-functions / firebase-admin import.
import { fileURLToPath } from "node:url";

/** The shims' folder: beside src/ (and dist/), so both find it the same way. */
export const SHIMS_DIR = fileURLToPath(new URL("../shims/", import.meta.url));

const V2_SUBPATHS = ["https", "firestore", "scheduler", "storage", "identity"];

const FIXED: Record<string, string> = {
  "firebase-functions/v1": "functions/v1.ts",
  "firebase-functions/v2": "functions/v2/index.ts",
  "firebase-functions/params": "functions/params.ts",
  "firebase-functions/logger": "functions/logger.ts",
  "firebase-functions/logger/compat": "functions/logger.ts",
  "firebase-admin": "admin/index.ts",
  "firebase-admin/app": "admin/app.ts",
  "firebase-admin/firestore": "admin/firestore.ts",
  "firebase-admin/auth": "admin/auth.ts",
  ...Object.fromEntries(
    V2_SUBPATHS.flatMap((name) => [
      [`firebase-functions/v2/${name}`, `functions/v2/${name}.ts`],
      // firebase-functions 6 also serves the v2 modules without "v2/".
      [`firebase-functions/${name}`, `functions/v2/${name}.ts`],
    ]),
  ),
};

/**
 * The shim file for `specifier`, or undefined when Winky has none (`firebase-admin/messaging`).
 * The package root is 1st gen up to firebase-functions 5 and 2nd gen from 6, as the SDK's.
 */
export function shimFor(specifier: string, functionsMajor: number | undefined): string | undefined {
  if (specifier === "firebase-functions") {
    return SHIMS_DIR + ((functionsMajor ?? 0) >= 6 ? "functions/v2/index.ts" : "functions/v1.ts");
  }
  const file = FIXED[specifier];
  return file ? SHIMS_DIR + file : undefined;
}

/** The major version of firebase-functions a functions folder's package.json asks for. */
export function functionsMajorOf(packageJson: unknown): number | undefined {
  const deps = (packageJson as { dependencies?: Record<string, unknown> } | null)?.dependencies;
  const range = deps?.["firebase-functions"];
  const major = typeof range === "string" ? /(\d+)/.exec(range)?.[1] : undefined;
  return major === undefined ? undefined : Number(major);
}
