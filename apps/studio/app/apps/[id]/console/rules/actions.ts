"use server";

import { apiFor, toApiProblem } from "../../../../_lib/api.js";
import { readSession } from "../../../../_lib/session.js";
import { FIELD_OF_INPUT, type PlaygroundState } from "./state.js";

type Json = Record<string, unknown>;

/** Thrown for a form field whose value cannot be sent; the form shows it next to the field. */
class FieldProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON object typed in a textarea; empty is "none". */
function jsonOf(form: FormData, field: string, label: string): Json | null {
  const text = String(form.get(field) ?? "").trim();
  if (text === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new FieldProblem(field, `${label} is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new FieldProblem(field, `${label} must be a JSON object, like {"owner": "alice"}`);
  }
  return value as Json;
}

/**
 * Evaluates the typed request with the app's deployed rules (`console.evaluateRules`), as the
 * signed-in user. JSON is checked here so its problem names the field; the rest (path shape,
 * method, email) the API checks, and its refusal is shown next to the field it names.
 */
export async function evaluateRulesAction(
  appId: string,
  _previous: PlaygroundState,
  form: FormData,
): Promise<PlaygroundState> {
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const values = Object.fromEntries(
    [
      "service",
      "method",
      "path",
      "authMode",
      "uid",
      "email",
      "claims",
      "resource",
      "requestData",
    ].map((name) => [name, text(name)]),
  );
  const refused = (field: string | null, problem: string, code: string | null = null) => ({
    values,
    problem,
    field,
    code,
    result: null,
  });
  const session = await readSession();
  if (!session) return refused(null, "your session has ended: sign in again", "UNAUTHORIZED");
  let input;
  try {
    const signedIn = values.authMode === "user";
    if (signedIn && !values.uid) throw new FieldProblem("uid", "give the signed-in user's uid");
    const claims = jsonOf(form, "claims", "Claims");
    const resource = jsonOf(form, "resource", "Stored data");
    const requestData = jsonOf(form, "requestData", "Request data");
    input = {
      appId,
      service: values.service as "firestore" | "storage",
      method: values.method as "get" | "list" | "create" | "update" | "delete",
      path: values.path!,
      auth: signedIn
        ? {
            uid: values.uid!,
            ...(values.email ? { email: values.email } : {}),
            ...(claims ? { claims } : {}),
          }
        : null,
      ...(resource ? { resource } : {}),
      ...(requestData ? { requestData } : {}),
    };
  } catch (e) {
    if (e instanceof FieldProblem) return refused(e.field, e.message);
    throw e;
  }
  try {
    const result = await apiFor(session).console.evaluateRules.mutate(input);
    return { values, problem: null, field: null, code: null, result };
  } catch (e) {
    const problem = toApiProblem(e);
    // "path: list names a collection…": the API names the field first.
    const named = /^([\w.]+): /.exec(problem.message)?.[1];
    const field = problem.code === "BAD_REQUEST" && named ? (FIELD_OF_INPUT[named] ?? null) : null;
    return refused(field, problem.message, problem.code);
  }
}
