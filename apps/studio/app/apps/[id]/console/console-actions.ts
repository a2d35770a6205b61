import { revalidatePath } from "next/cache";
import type { WinkyClient } from "@winky/api-client";
import { refused, type FormState } from "../../../../src/form-state.js";
import { apiFor, toApiProblem } from "../../../_lib/api.js";
import { readSession } from "../../../_lib/session.js";

/** A JSON object typed in a form, or the problem naming the field. */
export function jsonObjectOf(
  form: FormData,
  field: string,
  label: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; problem: string } {
  const text = String(form.get(field) ?? "").trim();
  let value: unknown;
  try {
    value = JSON.parse(text === "" ? "{}" : text);
  } catch (e) {
    return { ok: false, problem: `${label} is not valid JSON: ${(e as Error).message}` };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: `${label} must be a JSON object, like {"title": "Hi"}` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * Runs one console change as the signed-in user and revalidates `page` so its list shows the
 * change. A refusal comes back in the API's words, next to `field` when it names one.
 */
export async function consoleChange(
  page: string,
  change: (api: WinkyClient) => Promise<string>,
  options: { values?: Record<string, string>; fieldOf?: (message: string) => string | null } = {},
): Promise<FormState> {
  const session = await readSession();
  if (!session) return refused(null, "your session has ended: sign in again", options.values);
  let done: string;
  try {
    done = await change(apiFor(session));
  } catch (e) {
    const problem = toApiProblem(e);
    const field =
      problem.code === "BAD_REQUEST" ? (options.fieldOf?.(problem.message) ?? null) : null;
    return refused(field, `${problem.message} (${problem.code})`, options.values);
  }
  revalidatePath(page);
  // The typed values stay, so the next change starts from this one.
  return { problem: null, field: null, values: options.values ?? {}, done };
}
