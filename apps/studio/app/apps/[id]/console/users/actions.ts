"use server";

import { refused, type FormState } from "../../../../../src/form-state.js";
import { consoleChange, jsonObjectOf } from "../console-actions.js";

const page = (appId: string) => `/apps/${appId}/console/users`;

/** Disables (signing them out everywhere) or re-enables a user (`console.users.setDisabled`). */
export async function setUserDisabledAction(
  appId: string,
  uid: string,
  disabled: boolean,
  _previous: FormState,
  _form: FormData,
): Promise<FormState> {
  return consoleChange(page(appId), async (api) => {
    await api.console.users.setDisabled.mutate({ appId, uid, disabled });
    return disabled ? `${uid} is disabled.` : `${uid} can sign in again.`;
  });
}

/** Deletes a user (`console.users.delete`, admin+). */
export async function deleteUserAction(
  appId: string,
  uid: string,
  _previous: FormState,
  _form: FormData,
): Promise<FormState> {
  return consoleChange(page(appId), async (api) => {
    await api.console.users.delete.mutate({ appId, uid });
    return `Deleted ${uid}.`;
  });
}

/** Replaces a user's custom claims with the typed JSON (`console.users.setClaims`, admin+). */
export async function setClaimsAction(
  appId: string,
  uid: string,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const values = { json: String(form.get("json") ?? "") };
  const claims = jsonObjectOf(form, "json", "The claims");
  if (!claims.ok) return refused("json", claims.problem, values);
  return consoleChange(
    page(appId),
    async (api) => {
      await api.console.users.setClaims.mutate({ appId, uid, claims: claims.value });
      return `Saved the claims of ${uid}; they reach the user's next ID token.`;
    },
    { values, fieldOf: (message) => (message.startsWith("claims") ? "json" : null) },
  );
}
