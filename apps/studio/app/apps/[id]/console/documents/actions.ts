"use server";

import { refused, type FormState } from "../../../../../src/form-state.js";
import { consoleChange, jsonObjectOf } from "../console-actions.js";

/** `path: …` or `data: …` from the API, as the form's field. */
const fieldOf = (message: string) =>
  message.startsWith("path:") ? "path" : message.startsWith("data") ? "json" : null;

/**
 * Creates or replaces a document of the app's project with the typed JSON
 * (`console.documents.set`, member+). Rules do not apply: the console writes as an admin.
 */
export async function setDocumentAction(
  appId: string,
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const values = {
    path: String(form.get("path") ?? "").trim(),
    json: String(form.get("json") ?? ""),
  };
  if (!values.path) return refused("path", "give the document's path, like notes/n1", values);
  const data = jsonObjectOf(form, "json", "The document's data");
  if (!data.ok) return refused("json", data.problem, values);
  return consoleChange(
    `/apps/${appId}/console/documents`,
    async (api) => {
      const doc = await api.console.documents.set.mutate({
        appId,
        path: values.path,
        data: data.value,
      });
      return `Saved ${doc.path}.`;
    },
    { values, fieldOf },
  );
}

/** Deletes one document (`console.documents.delete`, admin+). */
export async function deleteDocumentAction(
  appId: string,
  path: string,
  _previous: FormState,
  _form: FormData,
): Promise<FormState> {
  return consoleChange(`/apps/${appId}/console/documents`, async (api) => {
    await api.console.documents.delete.mutate({ appId, path });
    return `Deleted ${path}.`;
  });
}
