import type { z } from "zod";
import { invalidArgument } from "../errors/runtime-error.js";

/**
 * Validates a request body against a schema. The error names every bad field by its path
 * (`auth.anonymous.enabled: expected boolean`; with `brackets`, array indexes as
 * `users[3].email`), and nothing has been written yet. The message lists the first 20 problems
 * (a 1000-item batch can have thousands); `details.problems` has them all.
 *
 * @throws RuntimeError invalid-argument
 */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  options: { brackets?: boolean } = {},
): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const where =
      i.path.length === 0 ? "body" : options.brackets ? bracketed(i.path) : i.path.join(".");
    return i.code === "unrecognized_keys"
      ? `${where}: unknown field(s) ${i.keys.join(", ")}`
      : `${where}: ${i.message}`;
  });
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : "";
  throw invalidArgument(`invalid request: ${problems.slice(0, MAX_LISTED).join("; ")}${more}`, {
    problems,
  });
}

const MAX_LISTED = 20;

/**
 * `users[3].providers[0].subject`: indexes in brackets, as docs/ERRORS.md writes paths. Opt-in
 * because older routes' clients and tests read the dotted form (`config.headers.0.source`).
 */
function bracketed(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i > 0 ? "." : ""}${String(key)}`))
    .join("");
}
