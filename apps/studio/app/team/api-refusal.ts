import { isWinkyApiError } from "@winky/api-client";
import { toApiProblem } from "../_lib/api.js";
import type { FormState } from "./form-state.js";

/**
 * A refusal as a form shows it. The API names the field at fault: in `data.issues` for input
 * it validated, or as a `field: …` prefix of the message for checks against the database
 * (`email: … is already a member`). Messages about `fields` go next to those fields; the rest
 * (a role the caller lacks, the last owner…) stays one problem for the whole form.
 */
export function refusalOf(e: unknown, fields: readonly string[], form?: FormData): FormState {
  const problem = toApiProblem(e);
  const issues = isWinkyApiError(e) ? (e.data?.issues ?? null) : null;
  const parts = issues ?? [singleIssueOf(problem.message)];
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of parts) {
    if (part.path && fields.includes(part.path) && !byField[part.path]) {
      byField[part.path] = part.message;
    } else {
      rest.push(part.path ? `${part.path}: ${part.message}` : part.message);
    }
  }
  return {
    problem: rest.length > 0 ? { code: problem.code, message: rest.join("; ") } : null,
    fields: byField,
    done: null,
    values: form ? typedValues(form) : {},
  };
}

/** A message that starts with one field's name (`role: …`), or none (`only an owner may…`). */
function singleIssueOf(message: string): { path: string | null; message: string } {
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  return match ? { path: match[1]!, message: match[2]! } : { path: null, message };
}

/** The text a form held (not Next's own `$ACTION…` entries, nor files). */
function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/** The state of a form whose session ended: nothing was sent. */
export const signedOut: FormState = {
  problem: { code: "UNAUTHORIZED", message: "your session has ended: sign in again" },
  fields: {},
  done: null,
  values: {},
};
