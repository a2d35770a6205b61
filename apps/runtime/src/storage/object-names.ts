import { createHash } from "node:crypto";
import { bucketNameProblem, objectNameProblem } from "@winky/blob-store";
import { invalidArgument } from "../errors/runtime-error.js";

/**
 * The blob-store bucket of a project's default bucket. A project id is usually a valid bucket
 * name already; ids S3 would refuse (`a--b`, a trailing `-`) get a hashed name with a dot,
 * which no project id has, so two projects never share a bucket.
 */
export function bucketOf(projectId: string): string {
  if (bucketNameProblem(projectId) === null) return projectId;
  return `x.${createHash("sha256").update(projectId).digest("hex").slice(0, 40)}`;
}

/**
 * Checks an object name from a request (`field` says where it came from) with the stores' one
 * validator, which also refuses what would become traversal after any number of
 * percent-decodings (`../`, `%2e%2e/`, `%252e%252e/`, `/etc/passwd`).
 *
 * @throws RuntimeError invalid-argument naming the field and the problem.
 */
export function checkObjectName(name: unknown, field: string): string {
  if (typeof name !== "string" || name === "") {
    throw invalidArgument(`${field}: an object name is required`, { field });
  }
  const problem = objectNameProblem(name);
  if (problem !== null) {
    throw invalidArgument(`${field}: invalid object name ${quote(name)}: ${problem}`, { field });
  }
  return name;
}

/**
 * The object name in a request URL (`…/storage/o/<percent-encoded name>[suffix][?query]`),
 * taken from the raw URL and decoded exactly once, as Firebase clients encode it once
 * (`users%2Fu1%2Fa.png`). `suffix` (`:signUrl`) is cut off first.
 *
 * @throws RuntimeError invalid-argument for a malformed encoding or an invalid name.
 */
export function objectNameInUrl(rawUrl: string, suffix = ""): string {
  const path = rawUrl.split("?")[0]!;
  const at = path.indexOf("/storage/o/");
  let encoded = at < 0 ? "" : path.slice(at + "/storage/o/".length);
  if (suffix && encoded.endsWith(suffix)) encoded = encoded.slice(0, -suffix.length);
  let name: string;
  try {
    name = decodeURIComponent(encoded);
  } catch {
    throw invalidArgument(`path: malformed percent-encoding in ${quote(encoded)}`, {
      field: "path",
    });
  }
  return checkObjectName(name, "path");
}

function quote(value: string): string {
  return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
}
