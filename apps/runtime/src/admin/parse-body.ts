import type { z } from "zod";
import { invalidArgument } from "../errors/runtime-error.js";

/**
 * Validates a request body against a schema. The error names every bad field by its path
 * (`auth.anonymous.enabled: expected boolean`), and nothing has been written yet.
 *
 * @throws RuntimeError invalid-argument
 */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => {
    const where = i.path.length > 0 ? i.path.join(".") : "body";
    return i.code === "unrecognized_keys"
      ? `${where}: unknown field(s) ${i.keys.join(", ")}`
      : `${where}: ${i.message}`;
  });
  throw invalidArgument(`invalid request: ${problems.join("; ")}`, { problems });
}
